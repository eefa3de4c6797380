/*
 * pipeline.c — the chain for whole documents: sentencer, parser, actors
 * with document coreference, meeting anaphora (anaphora.c), coder; then
 * duplicates within the document merged into one event with a mention
 * count.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "events/verbs.h"
#include "places/places.h"

struct pl_pipeline {
    pl_ctx *ctx;
    pl_model *model;
    pl_parser *parser;
    pl_actors *actors;
    pl_coref *coref;
    pl_verbs *verbs;
    pl_places *places;      /* gazetteer, and the document's place context */
    pl_placer *placer;
    pl_mentions ms;
    pl_events sent_ev;      /* one sentence's events */
    evt_meeting meeting;    /* the document's latest meeting, for "the talks" */
    unsigned options;
    int all_mentions;
};

void pl_pipeline_close(pl_pipeline *p) {
    if (!p)
        return;
    pl_parser_free(p->parser);
    pl_model_free(p->model);
    pl_coref_free(p->coref);
    pl_actors_free(p->actors);
    pl_verbs_free(p->verbs);
    pl_placer_free(p->placer);
    pl_places_free(p->places);
    pl_mentions_free(&p->ms);
    pl_events_free(&p->sent_ev);
    free(p);
}

pl_pipeline *pl_pipeline_open(pl_ctx *ctx, const pl_pipeline_opts *o) {
    pl_pipeline_opts none = {0};
    if (!o)
        o = &none;
    pl_pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    p->ctx = ctx;
    p->options = o->options;
    p->all_mentions = o->all_mentions;
    char path[4096];
    const char *model = o->model;
    if (!model && pl_data_path(ctx, "model/en-ewt.model", path, sizeof path) == PL_OK)
        model = path;
    if (!model || !(p->model = pl_model_load(ctx, model)) || !(p->parser = pl_parser_new(ctx, p->model)) ||
        !(p->actors = pl_actors_load(ctx, o->actors)) || !(p->coref = pl_coref_new(ctx, p->actors)) ||
        !(p->verbs = pl_verbs_load(ctx, o->verbs)) || !(p->places = pl_places_load(ctx, NULL)) ||
        !(p->placer = pl_placer_new(ctx, p->places))) {
        pl_pipeline_close(p);
        return NULL;
    }
    return p;
}

static int same_event(const pl_event *a, const pl_event *b) {
    return strcmp(a->code, b->code) == 0 && strcmp(a->source.code, b->source.code) == 0 &&
           strcmp(a->target.code, b->target.code) == 0 && strcmp(a->date, b->date) == 0 &&
           (a->flags & PL_EV_NEGATED) == (b->flags & PL_EV_NEGATED);
}

/* Appends the sentence's events to the document's, merging repeats. */
static int merge(pl_pipeline *p, pl_events *out) {
    for (size_t i = 0; i < p->sent_ev.n; i++) {
        const pl_event *e = &p->sent_ev.e[i];
        size_t j = 0;
        if (!p->all_mentions)
            for (; j < out->n; j++)
                if (same_event(&out->e[j], e))
                    break;
        if (!p->all_mentions && j < out->n) {
            if (out->e[j].sentence != e->sentence)
                out->e[j].mentions++;
            if (e->location.how == PL_LOC_PHRASE && out->e[j].location.how != PL_LOC_PHRASE)
                out->e[j].location = e->location; /* a later mention says where */
            continue;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 16;
            pl_event *ne = realloc(out->e, cap * sizeof *ne);
            if (!ne)
                return PL_ENOMEM;
            out->e = ne;
            out->cap = cap;
        }
        out->e[out->n++] = *e;
    }
    return PL_OK;
}

/* A dateline ("CAIRO, March 4 - Egypt and Ethiopia agreed ...") says where
 * the story was filed, never who acted: its words are no actor. */
static void drop_dateline(pl_pipeline *p, const pl_doc *doc, const pl_sentence *s) {
    uint32_t lo, hi;
    if (!plc_dateline_span(p->placer, doc, s, &lo, &hi) || s->off >= hi)
        return;
    size_t k = 0;
    for (size_t i = 0; i < p->ms.n; i++) {
        const pl_mention *m = &p->ms.m[i];
        if (m->off < hi && m->off + m->len > lo)
            continue;
        p->ms.m[k++] = *m;
    }
    p->ms.n = k;
}

int pl_pipeline_doc(pl_pipeline *p, const pl_doc *doc, pl_events *out, pl_sentence_fn fn, void *ud) {
    out->n = 0;
    out->explain_len = 0;
    if (out->explain)
        out->explain[0] = 0;
    pl_coref_reset(p->coref);
    p->meeting.n = 0;
    p->meeting.sentence = -1;
    pl_sentencer *z = pl_sentencer_new(p->ctx, doc);
    if (!z)
        return PL_ENOMEM;
    pl_sentence *s;
    int got, rc = PL_OK;
    while (rc == PL_OK && (got = pl_sentencer_next(z, &s)) == 1) {
        rc = pl_parse(p->parser, s);
        if (rc != PL_OK)
            break;
        int nm = pl_find_actors(p->ctx, p->actors, doc, s, p->coref, &p->ms);
        if (nm < 0) {
            rc = nm;
            break;
        }
        drop_dateline(p, doc, s);
        p->sent_ev.n = 0;
        p->sent_ev.explain_len = 0;
        if (p->sent_ev.explain)
            p->sent_ev.explain[0] = 0;
        if (!p->ms.discard && (rc = evt_meeting_refer(&p->meeting, s, &p->ms)) != PL_OK)
            break;
        if (!p->ms.discard) {
            int ne = pl_code_sentence(p->ctx, p->verbs, doc, s, &p->ms, p->options, &p->sent_ev);
            if (ne < 0) {
                rc = ne;
                break;
            }
        }
        evt_meeting_note(&p->meeting, s, &p->ms, &p->sent_ev);
        if ((rc = pl_locate_events(p->placer, doc, s, &p->ms, &p->sent_ev, 0)) != PL_OK)
            break;
        if (fn)
            fn(ud, doc, s, &p->ms, &p->sent_ev);
        rc = merge(p, out);
    }
    if (rc == PL_OK && got < 0)
        rc = got;
    pl_sentencer_free(z);
    if (rc != PL_OK)
        return rc == PL_ENOMEM ? pl_fail(p->ctx, rc, "out of memory") : rc;
    if (pl_coref_discard(p->coref) & PL_DISCARD_STORY)
        out->n = 0; /* a discard phrase rules the whole story out */
    return (int)out->n;
}
