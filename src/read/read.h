/*
 * read.h — the readers' internals: one function per input format turning
 * bytes into documents. The public face is pl_reader in parley.h.
 */
#ifndef PL_READ_H
#define PL_READ_H

#include "doc/doc.h"

/* Largest document or JSON line accepted; a larger one is skipped with a
 * warning (counted in pl_reader_skipped), never truncated silently. */
#define PL_MAX_DOC_BYTES ((size_t)256 << 20)

/* Plain text: first non-empty line is the title. Takes ownership of buf. */
PL_INTERNAL pl_doc *read_text_doc(pl_ctx *ctx, char *buf, size_t len, const char *path);

/* HTML page: the main article text. buf stays the caller's. NULL with a
 * message in ctx when nothing could be parsed. */
PL_INTERNAL pl_doc *read_html_doc(pl_ctx *ctx, const char *buf, size_t len, const char *path);

/* One JSON Lines record. Returns NULL and sets *why to a static reason
 * (or leaves it NULL on out of memory) when the line is not a usable record.
 * Wrong-typed optional fields are reported with pl_warn and ignored. */
PL_INTERNAL pl_doc *read_json_doc(pl_ctx *ctx, const char *line, size_t len, const char *path,
                                  uint64_t lineno, const char **why);

/* Normalizes a date given as YYYY-MM-DD, an ISO 8601 timestamp or YYYYMMDD
 * into out (11 bytes); 0 when it is none of those. */
PL_INTERNAL int read_parse_date(const char *s, char out[11]);

#endif
