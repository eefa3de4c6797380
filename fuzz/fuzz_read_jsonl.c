/*
 * fuzz_read_jsonl.c — the JSON Lines reader: wrong types, huge numbers,
 * broken UTF-8 and escapes, NULs inside lines. Every non-blank line is one
 * document or one skipped record (a warning), never lost or merged.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint64_t records = fz_jsonl_records(data, size);
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        return 0; /* gzip: the line count is not the input's (fuzz_read_text covers zlib) */
    fz_read(data, size, "docs.jsonl", PL_FMT_AUTO, records);
    return 0;
}
