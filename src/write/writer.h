/*
 * writer.h — event output formats: JSON Lines, GDELT 2.0 event table,
 * PLOVER JSON Lines, PETRARCH's tab-separated lines, CSV.
 */
#ifndef PL_WRITER_H
#define PL_WRITER_H

#include "core/core.h"

enum { WR_JSONL = 0, WR_GDELT, WR_PLOVER, WR_PETRARCH, WR_CSV };

/* The format named s ("jsonl", "gdelt", ...), -1 when unknown. */
PL_INTERNAL int wr_format(const char *s);

/* A header line for formats that have one (CSV), else nothing. */
PL_INTERNAL void wr_header(pl_buf *b, int fmt);

/* Appends event e of doc as one line (none for a PLOVER line of a CAMEO
 * root without PLOVER category: 01 and 02). */
PL_INTERNAL void wr_event(pl_buf *b, int fmt, const pl_doc *doc, const pl_event *e);

/* A stable 53-bit id of an event (GDELT GLOBALEVENTID, PLOVER id). */
PL_INTERNAL uint64_t wr_event_id(const pl_doc *doc, const pl_event *e);

#endif
