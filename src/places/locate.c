/*
 * locate.c — where each event happened (GDELT's ActionGeo) and the
 * countries of its actors (Actor1Geo, Actor2Geo).
 *
 * An event's location is a place phrase attached to its predicate in the
 * dependency tree, tried in this order of closeness (docs/places.md):
 *   3  the place's phrase hangs on the predicate: "met in Istanbul",
 *      "talks in Istanbul";
 *   2  it hangs on a word that hangs on the predicate ("negotiations held
 *      in Istanbul": held is a clause of negotiations), or on the word the
 *      predicate hangs on ("held talks in Istanbul", "held at X and
 *      mediated by Y");
 *   2  a nominal predicate's participle clause, however the parser attached
 *      it: "negotiations between Russia and Ukraine ..., held in
 *      Istanbul" (hold, host, conduct, stage, organize, convene), when no
 *      other event's noun comes between;
 * with "the city of X" and conjuncts climbed first. Among equals, a
 * locative preposition (in, at, near, ...) beats a directional one (to,
 * from, ...), then the nearer phrase wins. An unparsed sentence takes its
 * one place phrase, if it has exactly one. Otherwise the document's
 * dateline, otherwise nothing: an event is never put at a capital or at its
 * actors' country by default.
 */
#include <stdlib.h>
#include <string.h>

#include "places/places.h"
#include "syntax/syntax.h"

static const char *const locative[] = {"in", "at", "near", "inside", "outside", "around", "within",
                                       "across", "throughout", "over", "along", "off", "nearby",
                                       "beyond", NULL};

static int is_locative(const char *prep) {
    for (const char *const *p = locative; *p; p++)
        if (strcmp(prep, *p) == 0)
            return 1;
    return 0;
}

static int head_of(const pl_sentence *s, int k) {
    return k >= 0 && s->tok[k].head > 0 ? s->tok[k].head - 1 : -1;
}

/* The predicate token of e: the first token of its span whose head lies
 * outside the span; -1 when none. */
static int predicate(const pl_sentence *s, const pl_event *e) {
    int first = -1;
    for (uint32_t k = 0; k < s->ntok; k++) {
        const pl_token *t = &s->tok[k];
        if (t->off < e->verb_off || t->off >= e->verb_off + e->verb_len)
            continue;
        if (first < 0)
            first = (int)k;
        int h = head_of(s, (int)k);
        if (h < 0 || (uint32_t)h >= s->ntok || s->tok[h].off < e->verb_off ||
            s->tok[h].off >= e->verb_off + e->verb_len)
            return (int)k;
    }
    return first;
}

static int is_rel(unsigned dep, const unsigned *list) {
    for (; *list; list++)
        if (dep == *list)
            return 1;
    return 0;
}

/* 1 when token k has the case marker "of" ("the city of Kharkiv"). */
static int of_phrase(const pl_sentence *s, int k) {
    for (uint32_t c = 0; c < s->ntok; c++)
        if (s->tok[c].head == k + 1 && s->tok[c].deprel == PL_DEP_CASE &&
            (strcmp(s->tok[c].form, "of") == 0 || strcmp(s->tok[c].form, "Of") == 0))
            return 1;
    return 0;
}

/* How closely the place span [a, b) attaches to predicate p: 0 not. */
static int attachment(const pl_sentence *s, uint32_t a, uint32_t b, int p) {
    static const unsigned down[] = {PL_DEP_ACL, PL_DEP_ACL_RELCL, PL_DEP_XCOMP, PL_DEP_ADVCL,
                                    PL_DEP_OBJ, PL_DEP_NMOD, PL_DEP_CONJ, PL_DEP_OBL,
                                    PL_DEP_NSUBJ_PASS, 0};
    static const unsigned up[] = {PL_DEP_OBJ, PL_DEP_NSUBJ_PASS, PL_DEP_NSUBJ, PL_DEP_CONJ,
                                  PL_DEP_XCOMP, PL_DEP_CCOMP, PL_DEP_ACL, PL_DEP_NMOD, 0};
    int k = -1;
    for (uint32_t i = a; i < b; i++) {
        int h = head_of(s, (int)i);
        if (s->tok[i].head < 0)
            return 0;
        if (h < (int)a || h >= (int)b) {
            k = (int)i;
            break;
        }
    }
    if (k < 0)
        return 0;
    /* climb conjuncts ("in Donetsk and Luhansk") and "the city of X" */
    for (int hop = 0; hop < 3; hop++) {
        int h = head_of(s, k);
        if (h < 0)
            break;
        if (s->tok[k].deprel == PL_DEP_CONJ && s->tok[h].upos == PL_UPOS_PROPN) {
            k = h;
            continue;
        }
        if (s->tok[k].deprel == PL_DEP_NMOD && s->tok[h].upos == PL_UPOS_NOUN && h < (int)a &&
            (s->tok[h].deprel == PL_DEP_OBL || s->tok[h].deprel == PL_DEP_NMOD) && of_phrase(s, k)) {
            k = h; /* "in the city of Kharkiv" */
            continue;
        }
        break;
    }
    if (k == p)
        return 0;
    int h = head_of(s, k);
    if (h < 0)
        return 0;
    if (h == p)
        return 3;
    if (head_of(s, h) == p && is_rel(pl_deprel_base(s->tok[h].deprel), down))
        return 2;
    if (head_of(s, p) == h && is_rel(s->tok[p].deprel, up))
        return 2;
    return 0;
}

static int lemma_in(const pl_token *t, const char *const *list) {
    if (!t->lemma)
        return 0;
    for (; *list; list++)
        if (strcmp(t->lemma, *list) == 0)
            return 1;
    return 0;
}

/* "talks ..., held in X": the place hangs on a participle of hosting that
 * follows nominal predicate p with no other event predicate in between. */
static int participle(const pl_sentence *s, uint32_t a, uint32_t b, int p, const int *preds,
                      size_t npreds) {
    static const char *const hosting[] = {"hold", "host", "conduct", "stage", "organize",
                                          "organise", "convene", NULL};
    if (p < 0 || s->tok[p].upos != PL_UPOS_NOUN)
        return 0;
    int k = -1;
    for (uint32_t i = a; i < b && k < 0; i++) {
        int h = head_of(s, (int)i);
        if (h < (int)a || h >= (int)b)
            k = (int)i;
    }
    int h = head_of(s, k);
    if (h <= p || s->tok[h].upos != PL_UPOS_VERB || !lemma_in(&s->tok[h], hosting))
        return 0;
    for (size_t i = 0; i < npreds; i++)
        if (preds[i] > p && preds[i] < h)
            return 0;
    return 1;
}

static void place_geo(const pl_placer *pc, const pl_place *pl, const plc_span *sp, int32_t c1,
                      int32_t c2, uint8_t how, pl_geo *out) {
    uint8_t why;
    int32_t id = plc_rerank(pc, sp, c1, c2, &why);
    *out = pl->geo;
    if (id != pl->geo.entry) {
        pl_geo g;
        plc_geo(pc->g, id, &g);
        g.sentence = out->sentence;
        g.off = out->off;
        g.len = out->len;
        g.ncand = out->ncand;
        *out = g;
    }
    out->why = why;
    out->how = how;
}

static void actor_geo(const pl_places *g, const pl_event_actor *a, pl_geo *out) {
    int32_t id = a->country[0] ? plc_code(g, 4, a->country) : -1;
    plc_geo(g, id, out);
    if (id >= 0) {
        out->how = PL_LOC_ACTOR;
        out->why = PL_WHY_ONLY;
        out->ncand = 1;
    }
}

int pl_locate_events(pl_placer *pc, const pl_doc *doc, const pl_sentence *s, const pl_mentions *ms,
                     pl_events *ev, size_t first) {
    int rc = plc_sentence(pc, doc, s, ms);
    if (rc < 0)
        return pl_fail(pc->ctx, rc, "out of memory");
    const pl_place_list *pls = &pc->last;
    int is_parsed = s->ntok > 0 && s->tok[0].head >= 0;
    int preds[64];
    size_t npreds = 0;
    for (size_t i = first; ev && is_parsed && i < ev->n && npreds < 64; i++)
        preds[npreds++] = predicate(s, &ev->e[i]);
    for (size_t i = first; ev && i < ev->n; i++) {
        pl_event *e = &ev->e[i];
        actor_geo(pc->g, &e->source, &e->source_geo);
        actor_geo(pc->g, &e->target, &e->target_geo);
        int32_t c1 = e->source_geo.entry >= 0 ? pc->g->e[e->source_geo.entry].country : -1;
        int32_t c2 = e->target_geo.entry >= 0 ? pc->g->e[e->target_geo.entry].country : -1;
        plc_geo(pc->g, -1, &e->location);
        long best = -1;
        int best_score = 0;
        if (is_parsed) {
            int p = predicate(s, e);
            for (size_t k = 0; p >= 0 && k < pls->n; k++) {
                const pl_place *pl = &pls->p[k];
                if (pl->cue != PL_CUE_PREP && pl->cue != PL_CUE_NOUN && pl->cue != PL_CUE_QUALIFIED &&
                    pl->cue != PL_CUE_VERB)
                    continue;
                int a = attachment(s, pl->start, pl->end, p);
                if (!a && participle(s, pl->start, pl->end, p, preds, npreds))
                    a = 2;
                a *= 4;
                if (!a)
                    continue;
                a += pl->cue == PL_CUE_PREP && is_locative(pl->prep) ? 2 : 0;
                int dist = (int)pl->start - p;
                a = a * 64 - (dist < 0 ? -dist : dist);
                if (a > best_score) {
                    best_score = a;
                    best = (long)k;
                }
            }
        } else {
            for (size_t k = 0; k < pls->n; k++) {
                const pl_place *pl = &pls->p[k];
                if (pl->cue == PL_CUE_PREP && is_locative(pl->prep)) {
                    if (best >= 0) {
                        best = -2; /* more than one: no guess */
                        break;
                    }
                    best = (long)k;
                }
            }
        }
        if (best >= 0) {
            const pl_place *pl = &pls->p[best];
            place_geo(pc, pl, &pc->spans[pc->last_span[best]], c1, c2,
                      is_parsed ? PL_LOC_PHRASE : PL_LOC_SENTENCE, &e->location);
        } else if (pc->dl_entry >= 0) {
            e->location = pc->dl_geo;
            e->location.how = PL_LOC_DATELINE;
        }
    }
    return PL_OK;
}
