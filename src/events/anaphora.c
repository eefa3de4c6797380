/*
 * anaphora.c — event nouns that refer back to a meeting: "Russia and
 * Ukraine held talks in Istanbul. ... Although the meeting concluded with
 * an agreement ..." The definite noun "the meeting" names no actor, yet its
 * participants are known: those of the document's latest consult (04)
 * event. This is the document-level step between the actors and the coder.
 *
 * HOW IT WORKS
 *  - After a sentence is coded, evt_meeting_note keeps the actors of its
 *    last consult event (source and every target of that predicate) as
 *    mention copies, when they are at least two different actors.
 *  - Before the next sentences are coded, evt_meeting_refer adds those
 *    participants as a group mention ("the leaders" in the actor layer) on
 *    each definite meeting noun (the/this/these/that/those + meeting, talks,
 *    negotiations, summit, ...) that has no actor of its own: no possessor,
 *    no "with/between/of X", no compound or adjective naming one. The
 *    coder then fans the noun out to its participants wherever it stands
 *    as an argument: "the meeting concluded with an agreement" is an
 *    agreement between both sides.
 *
 * LIMITATIONS
 *  - Only the latest meeting is remembered, and only for MEETING_REACH
 *    sentences; an article about two meetings refers back to the newer one.
 *  - Indefinite nouns ("a meeting") introduce a new meeting; they are left
 *    alone.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "events/verbs.h"
#include "syntax/syntax.h"

#define MEETING_REACH 8     /* sentences a meeting stays the one referred to */

static int lemma_in(const pl_token *t, const char *const *list) {
    const char *l = t->lemma ? t->lemma : t->form;
    for (int k = 0; list[k]; k++) {
        const char *a = l, *b = list[k];
        while (*a && *b && (*a | 0x20) == *b) {
            a++;
            b++;
        }
        if (!*a && !*b)
            return 1;
    }
    return 0;
}

static int same_actor(const pl_mention *m, const pl_event_actor *a) {
    return m->off == a->off && m->len == a->len && strcmp(m->code, a->code) == 0;
}

static void keep(evt_meeting *mt, const pl_mentions *ms, const pl_event_actor *a) {
    if (!a->code[0])
        return;
    for (int k = 0; k < mt->n; k++)
        if (strcmp(mt->part[k].code, a->code) == 0)
            return;
    if (mt->n == EVT_MEETING_MAX)
        return;
    for (size_t k = 0; k < ms->n; k++)
        if (same_actor(&ms->m[k], a)) {
            mt->part[mt->n++] = ms->m[k];
            return;
        }
}

void evt_meeting_note(evt_meeting *mt, const pl_sentence *s, const pl_mentions *ms,
                      const pl_events *ev) {
    size_t last = ev->n;
    for (size_t i = ev->n; i-- > 0;)
        if (strncmp(ev->e[i].code, "04", 2) == 0 && ev->e[i].source.code[0] &&
            !(ev->e[i].flags & PL_EV_NEGATED)) {
            last = i;
            break;
        }
    if (last == ev->n)
        return;
    evt_meeting cand = {.n = 0, .sentence = (int32_t)s->index};
    const pl_event *e = &ev->e[last];
    for (size_t i = 0; i < ev->n; i++) {
        const pl_event *o = &ev->e[i];
        if (o->verb_off != e->verb_off || strncmp(o->code, "04", 2) != 0)
            continue;
        keep(&cand, ms, &o->source);
        keep(&cand, ms, &o->target);
    }
    if (cand.n >= 2)
        *mt = cand;
}

/* 1 when token k lies in the subtree of token r (0-based indices). */
static int under(const pl_sentence *s, uint32_t k, uint32_t r) {
    for (int step = 0; step < 64; step++) {
        if (k == r)
            return 1;
        int32_t h = s->tok[k].head;
        if (h <= 0 || (uint32_t)h > s->ntok)
            return 0;
        k = (uint32_t)h - 1;
    }
    return 0;
}

/* 1 when some mention lies in a modifier of noun i that could name its
 * own participants. */
static int has_own_actor(const pl_sentence *s, const pl_mentions *ms, uint32_t i) {
    for (uint32_t c = 0; c < s->ntok; c++) {
        if (s->tok[c].head != (int32_t)i + 1)
            continue;
        unsigned b = pl_deprel_base(s->tok[c].deprel);
        if (b != PL_DEP_NMOD && b != PL_DEP_COMPOUND && b != PL_DEP_AMOD && b != PL_DEP_APPOS &&
            s->tok[c].deprel != PL_DEP_NMOD_POSS)
            continue;
        for (size_t k = 0; k < ms->n; k++)
            if (under(s, ms->m[k].head < s->ntok ? ms->m[k].head : ms->m[k].start, c))
                return 1;
    }
    return 0;
}

int evt_meeting_refer(const evt_meeting *mt, const pl_sentence *s, pl_mentions *ms) {
    static const char *const nouns[] = {"meeting", "talk", "talks", "negotiation", "negotiations",
                                        "summit", "conference", "consultation", "consultations",
                                        "discussion", "discussions", "conversation", "session",
                                        "sessions", NULL};
    static const char *const dets[] = {"the", "this", "these", "that", "those", NULL};
    if (mt->n < 2 || mt->sentence < 0 || (int64_t)s->index <= mt->sentence ||
        s->index - (uint32_t)mt->sentence > MEETING_REACH)
        return PL_OK;
    for (uint32_t i = 1; i < s->ntok; i++) {
        const pl_token *t = &s->tok[i];
        if (t->upos != PL_UPOS_NOUN || !lemma_in(t, nouns))
            continue;
        uint32_t det = i;
        for (uint32_t c = 0; c < i; c++)
            if (s->tok[c].head == (int32_t)i + 1 && s->tok[c].deprel == PL_DEP_DET &&
                lemma_in(&s->tok[c], dets))
                det = c;
        if (det == i)
            continue;
        int covered = 0;
        for (size_t k = 0; k < ms->n && !covered; k++)
            covered = (ms->m[k].start <= i && i < ms->m[k].end) ||
                      (ms->m[k].start <= det && det < ms->m[k].end);
        if (covered || has_own_actor(s, ms, i))
            continue;
        if (ms->n + (size_t)mt->n > ms->cap) {
            size_t cap = ms->cap ? ms->cap : 16;
            while (cap < ms->n + (size_t)mt->n)
                cap *= 2;
            pl_mention *nm = realloc(ms->m, cap * sizeof *nm);
            if (!nm)
                return PL_ENOMEM;
            ms->m = nm;
            ms->cap = cap;
        }
        /* mentions stay in text order: insert before the first one after */
        size_t at = 0;
        while (at < ms->n && ms->m[at].start < det)
            at++;
        memmove(&ms->m[at + (size_t)mt->n], &ms->m[at], (ms->n - at) * sizeof *ms->m);
        for (int k = 0; k < mt->n; k++) {
            pl_mention *m = &ms->m[at + (size_t)k];
            *m = mt->part[k];
            m->ref_sentence = mt->sentence;
            m->ref_start = mt->part[k].start;
            m->start = det;
            m->end = i + 1;
            m->head = i;
            m->off = s->tok[det].off;
            m->len = t->off + t->len - m->off;
            m->how = PL_FOUND_COREF;
            m->group = (uint16_t)mt->n;
        }
        ms->n += (size_t)mt->n;
    }
    return PL_OK;
}
