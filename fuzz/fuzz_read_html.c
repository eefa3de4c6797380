/*
 * fuzz_read_html.c — the HTML reader (libxml2's forgiving parser, article
 * extraction, meta dates, deep nesting): one page in, one document or one
 * skipped record out.
 */
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_read(data, size, "page.html", PL_FMT_AUTO, 1);
    return 0;
}
