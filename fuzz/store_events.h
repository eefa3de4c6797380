/*
 * store_events.h — a small document with hand-made events (no parsing),
 * shared by the store fuzz target and its seed generator (mkstore.c).
 */
#ifndef PL_FUZZ_STORE_EVENTS_H
#define PL_FUZZ_STORE_EVENTS_H

#include <stdio.h>
#include <string.h>

#include "parley.h"

/* Fills ev (n events, n <= cap) for the text "Russia met Ukraine. China
 * criticized France." of a document dated date. */
static inline void fz_events(pl_events *ev, pl_event *e, size_t cap, const char *date, int variant) {
    static const char *const codes[][4] = {{"RUSGOV", "UKRGOV", "040", "1"},
                                           {"CHN", "FRA", "111", "3"},
                                           {"USA", "RUS", "0421", "1"}};
    memset(ev, 0, sizeof *ev);
    ev->e = e;
    ev->cap = cap;
    for (size_t i = 0; i < 2 && i < cap; i++) {
        const char *const *c = codes[(i + (size_t)variant) % 3];
        pl_event *x = &e[ev->n++];
        memset(x, 0, sizeof *x);
        x->sentence = (uint32_t)i;
        snprintf(x->date, sizeof x->date, "%s", date);
        pl_event_actor *a[2] = {&x->source, &x->target};
        for (int j = 0; j < 2; j++) {
            snprintf(a[j]->code, sizeof a[j]->code, "%s", c[j]);
            snprintf(a[j]->country, sizeof a[j]->country, "%.3s", c[j]);
            snprintf(a[j]->agent, sizeof a[j]->agent, "%s", c[j] + 3);
            a[j]->entry = c[j];
            /* Russia 0+6, Ukraine 11+7; China 20+5, France 37+6 */
            a[j]->off = i ? (j ? 37 : 20) : (j ? 11 : 0);
            a[j]->len = i ? (j ? 6 : 5) : (j ? 7 : 6);
            a[j]->how = PL_FOUND_DICT;
        }
        snprintf(x->code, sizeof x->code, "%s", c[2]);
        snprintf(x->base, sizeof x->base, "%.3s", c[2]);
        snprintf(x->root, sizeof x->root, "%.2s", c[2]);
        x->quad = c[3][0] - '0';
        x->goldstein = x->quad == 1 ? 1.0 : -2.0;
        x->plover = "CONSULT";
        x->plover_mode = "";
        x->verb_off = i ? 26 : 7;
        x->verb_len = i ? 10 : 3;
        x->pattern_file = "fuzz";
        x->pattern_line = 1;
        x->confidence = 0.5;
        x->mentions = 1;
        x->sent_off = i ? 20 : 0;
        x->sent_len = i ? 24 : 19;
        x->location.entry = x->source_geo.entry = x->target_geo.entry = -1;
        x->location.sentence = x->source_geo.sentence = x->target_geo.sentence = -1;
        x->location.name = x->location.full = "";
        x->source_geo.name = x->source_geo.full = "";
        x->target_geo.name = x->target_geo.full = "";
    }
}

#define FZ_STORE_TEXT "Russia met Ukraine. China criticized France."

#endif
