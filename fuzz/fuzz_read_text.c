/*
 * fuzz_read_text.c — the plain-text reader (title line, NULs, invalid
 * UTF-8, gzip when the bytes start with its magic): one file in, exactly
 * one document or one skipped record out.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_read(data, size, "doc.txt", PL_FMT_AUTO, 1);
    return 0;
}
