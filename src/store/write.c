/*
 * write.c — stored events in the writer's formats. The writer
 * (src/write/writer.c) makes the line exactly as `parley code` does; the
 * store then adds what only it knows: GDELT's NumSources and NumArticles
 * (columns 33 and 34, which the writer sets to 1 for a single article),
 * and in JSON Lines and CSV the event id and the cross-article counts.
 */
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "write/writer.h"

/* GDELT 2.0 columns, 0-based: NumMentions 31, NumSources 32, NumArticles 33. */
#define GDELT_NUM_SOURCES 32

static void gdelt_patch(pl_buf *b, size_t start, const pl_stored_event *se) {
    /* find the byte range of columns 32 and 33 in the line from start */
    size_t i = start, tabs = 0;
    while (i < b->len && tabs < GDELT_NUM_SOURCES)
        if (b->p[i++] == '\t')
            tabs++;
    size_t from = i;
    while (i < b->len && tabs < GDELT_NUM_SOURCES + 2)
        if (b->p[i++] == '\t')
            tabs++;
    if (tabs < GDELT_NUM_SOURCES + 2)
        return; /* not a GDELT line: leave it */
    size_t to = i; /* just after the tab ending NumArticles */
    char mid[48];
    int n = snprintf(mid, sizeof mid, "%u\t%u\t", se->num_sources, se->num_articles);
    size_t tail = b->len - to;
    size_t newlen = from + (size_t)n + tail;
    if (newlen > b->len) {
        pl_buf_put(b, "            ", newlen - b->len); /* grow; overwritten below */
        if (b->err)
            return;
        memmove(b->p + from + n, b->p + to, tail);
    } else {
        memmove(b->p + from + n, b->p + to, tail);
        b->len = newlen;
        b->p[b->len] = 0;
    }
    memcpy(b->p + from, mid, (size_t)n);
}

void st_write_event(pl_buf *b, int fmt, const pl_stored_event *se) {
    size_t start = b->len;
    wr_event(b, fmt, se->doc, &se->ev);
    if (b->err || b->len == start)
        return;
    switch (fmt) {
    case WR_GDELT:
        gdelt_patch(b, start, se);
        break;
    case WR_JSONL:
        if (b->len - start >= 2 && b->p[b->len - 2] == '}' && b->p[b->len - 1] == '\n') {
            b->len -= 2;
            pl_buf_printf(b, ",\"event_id\":%lld,\"num_mentions\":%u,\"num_sources\":%u,"
                             "\"num_articles\":%u}\n",
                          (long long)se->id, se->num_mentions, se->num_sources, se->num_articles);
        }
        break;
    case WR_CSV:
        if (b->p[b->len - 1] == '\n') {
            b->len--;
            pl_buf_printf(b, ",%lld,%u,%u\n", (long long)se->id, se->num_sources, se->num_articles);
        }
        break;
    default: break;
    }
}

void st_write_header(pl_buf *b, int fmt) {
    size_t start = b->len;
    wr_header(b, fmt);
    if (fmt == WR_CSV && !b->err && b->len > start && b->p[b->len - 1] == '\n') {
        b->len--;
        pl_buf_puts(b, ",event_id,num_sources,num_articles\n");
    }
}
