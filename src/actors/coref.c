/*
 * coref.c — coreference within one document: pronouns, surnames and group
 * nouns linked to actors mentioned before.
 *
 * The state (pl_coref) remembers the latest mentions of the document, the
 * persons seen (for surnames) and the latest list of actors ("France,
 * Germany and Poland", "Turkish and American diplomats"). Rules, simple on
 * purpose and documented in docs/actors.md:
 *
 *  - he/him/his, she/her: the most recent person (or person noun: "the
 *    president") of a compatible gender, up to three sentences back;
 *  - they/them/their: in the current sentence, then the one before, the
 *    most recent plural or list; failing that, the most recent country,
 *    organization or body; its: the most recent non-person singular;
 *  - a pronoun outside quotation marks never takes an antecedent inside
 *    them: in '"... Putin continues ...," he stated' the speaker is not Putin;
 *  - a capitalized word that is the surname of a person seen earlier (last
 *    word of any of the entry's names, or of a titled name the dictionaries
 *    lack: "Defense Minister Rustem Umerov" ... "Umerov") is that person;
 *  - "the leaders", "both sides' negotiators" (a definite plural agent with
 *    no country) stand for the list just given, one mention per member.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/actors.h"

#define HIST 128
#define MAXLIST 16
#define MAXPERSONS 64

typedef struct rec {
    int32_t entry;
    const char *name, *wikidata;
    char code[PL_CODE_MAX + 1], country[4], agent[PL_CODE_MAX + 1];
    uint8_t type, gender, plural, human, quote;
    uint8_t group;               /* a group noun standing for the stored list */
    uint32_t sentence, start;    /* where it was mentioned */
    int32_t osent;               /* the named mention it goes back to */
    uint32_t ostart;
    const char *surname;         /* key of a titled unknown name's last word */
} rec;

struct pl_coref {
    const pl_actors *a;
    rec hist[HIST];
    uint32_t nhist;              /* records ever pushed; the last HIST are kept */
    rec list[MAXLIST];
    int nlist;
    uint32_t list_sentence, list_start;
    rec persons[MAXPERSONS];     /* distinct persons, for surnames */
    uint32_t npersons;           /* ever added; the last MAXPERSONS are kept */
    unsigned discard;
    pl_arena arena;              /* surname keys */
};

pl_coref *pl_coref_new(pl_ctx *ctx, const pl_actors *a) {
    pl_coref *c = calloc(1, sizeof *c);
    if (!c) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    c->a = a;
    return c;
}

void pl_coref_reset(pl_coref *c) {
    if (!c)
        return;
    const pl_actors *a = c->a;
    pl_arena arena = c->arena;
    pl_arena_reset(&arena);
    memset(c, 0, sizeof *c);
    c->a = a;
    c->arena = arena;
}

unsigned pl_coref_discard(const pl_coref *c) {
    return c ? c->discard : 0;
}

void pl_coref_free(pl_coref *c) {
    if (!c)
        return;
    pl_arena_free(&c->arena);
    free(c);
}

void act_coref_discard(pl_coref *c, unsigned flags) {
    c->discard |= flags & PL_DISCARD_STORY;
}

/* ---- records ---------------------------------------------------------------- */

static void rec_of(rec *r, const pl_mention *m, uint32_t sentence, const act_tok *ti) {
    memset(r, 0, sizeof *r);
    r->entry = m->entry;
    r->name = m->name;
    r->wikidata = m->wikidata;
    memcpy(r->code, m->code, sizeof r->code);
    memcpy(r->country, m->country, sizeof r->country);
    memcpy(r->agent, m->agent, sizeof r->agent);
    r->type = m->type;
    r->gender = m->gender;
    r->plural = m->plural;
    r->human = m->human;
    r->quote = (ti[m->start].flags & ACT_T_QUOTE) != 0;
    r->sentence = sentence;
    r->start = m->start;
    r->osent = m->ref_sentence >= 0 ? m->ref_sentence : (int32_t)sentence;
    r->ostart = m->ref_sentence >= 0 ? m->ref_start : m->start;
}

static const rec *hist_at(const pl_coref *c, uint32_t back) {
    /* back = 0 is the newest */
    if (back >= c->nhist || back >= HIST)
        return NULL;
    return &c->hist[(c->nhist - 1 - back) % HIST];
}

static void hist_push(pl_coref *c, const rec *r) {
    c->hist[c->nhist % HIST] = *r;
    c->nhist++;
}

/* Remembers a person for surnames: one record per entry (or surname). */
static void person_add(pl_coref *c, const rec *r) {
    uint32_t n = c->npersons < MAXPERSONS ? c->npersons : MAXPERSONS;
    for (uint32_t i = 0; i < n; i++) {
        rec *p = &c->persons[i];
        if ((r->entry >= 0 && p->entry == r->entry) ||
            (r->entry < 0 && p->entry < 0 && r->surname && p->surname &&
             strcmp(r->surname, p->surname) == 0)) {
            *p = *r;
            return;
        }
    }
    c->persons[c->npersons % MAXPERSONS] = *r;
    c->npersons++;
}

/* ---- mentions ----------------------------------------------------------------- */

/* A coreferent mention over [start, end) standing for r. */
static pl_mention *emit_ref(pl_ctx *ctx, pl_mentions *ms, const pl_sentence *s, const rec *r,
                            uint32_t start, uint32_t end) {
    pl_mention *m = act_push(ms);
    if (!m) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    act_span(m, s, start, end);
    m->head = end - 1;
    m->entry = r->entry;
    m->name = r->name;
    m->wikidata = r->wikidata;
    memcpy(m->code, r->code, sizeof m->code);
    memcpy(m->country, r->country, sizeof m->country);
    memcpy(m->agent, r->agent, sizeof m->agent);
    m->type = r->type;
    m->gender = r->gender;
    m->plural = r->plural;
    m->human = r->human;
    m->how = PL_FOUND_COREF;
    m->ref_sentence = r->osent;
    m->ref_start = r->ostart;
    return m;
}

/* Mentions of a list member for a group noun or "they": a bare country
 * takes the group noun's role ("the leaders" of France -> FRAGOV). */
static int emit_members(pl_ctx *ctx, const pl_actors *a, pl_mentions *ms, const pl_sentence *s,
                        const rec *list, int n, uint32_t start, uint32_t end, const char *role,
                        uint32_t head) {
    for (int i = 0; i < n; i++) {
        pl_mention *m = emit_ref(ctx, ms, s, &list[i], start, end);
        if (!m)
            return PL_ENOMEM;
        m->head = head;
        m->group = (uint16_t)n;
        if (role && *role && m->type == PL_ACTOR_COUNTRY && strlen(m->code) == 3) {
            char code[2 * PL_CODE_MAX + 2];
            snprintf(code, sizeof code, "%s%s", m->code, role);
            act_set_code(a, m, code, NULL);
            m->type = PL_ACTOR_ROLE;
        }
    }
    return 0;
}

/* ---- lists ------------------------------------------------------------------- */

/* Tokens between two listed mentions. */
static int list_gap(const pl_sentence *s, uint32_t a, uint32_t b) {
    static const char *const single[] = {",", "and", "or", "&", "(", ")", "plus", NULL};
    for (uint32_t k = a; k < b; k++) {
        const pl_token *t = &s->tok[k];
        int ok = 0;
        for (int i = 0; single[i] && !ok; i++)
            ok = act_is(t, single[i]);
        /* as well as, in addition to, along with, together with */
        if (!ok && k + 1 < b && ((act_is(t, "along") || act_is(t, "together")) &&
                                 act_is(&s->tok[k + 1], "with"))) {
            k++;
            ok = 1;
        }
        if (!ok && k + 2 < b &&
            ((act_is(t, "as") && act_is(&s->tok[k + 1], "well") && act_is(&s->tok[k + 2], "as")) ||
             (act_is(t, "in") && act_is(&s->tok[k + 1], "addition") &&
              act_is(&s->tok[k + 2], "to")))) {
            k += 2;
            ok = 1;
        }
        if (!ok)
            return 0;
    }
    return 1;
}

/* Finds the last list of two or more mentions in ms[0..n) and stores it. */
static void find_list(pl_coref *c, const pl_sentence *s, const pl_mentions *ms, size_t n,
                      const act_tok *ti) {
    rec run[MAXLIST];
    int nrun = 0;
    uint32_t run_end = 0;
    for (size_t i = 0; i < n; i++) {
        const pl_mention *m = &ms->m[i];
        if (m->how == PL_FOUND_COREF)
            continue;
        rec r;
        rec_of(&r, m, s->index, ti);
        if (nrun > 0 && m->start >= run_end && list_gap(s, run_end, m->start)) {
            /* "France (Emmanuel Macron)": the person in brackets is the member */
            int appos = m->start == run_end + 1 && act_is(&s->tok[run_end], "(") &&
                        m->type == PL_ACTOR_PERSON && run[nrun - 1].type != PL_ACTOR_PERSON;
            if (appos)
                run[nrun - 1] = r;
            else if (nrun < MAXLIST)
                run[nrun++] = r;
            run_end = m->end;
            continue;
        }
        if (nrun >= 2) {
            memcpy(c->list, run, (size_t)nrun * sizeof *run);
            c->nlist = nrun;
            c->list_sentence = s->index;
            c->list_start = run[nrun - 1].start;
        }
        nrun = 1;
        run[0] = r;
        run_end = m->end;
    }
    if (nrun >= 2) {
        memcpy(c->list, run, (size_t)nrun * sizeof *run);
        c->nlist = nrun;
        c->list_sentence = s->index;
        c->list_start = run[nrun - 1].start;
    }
}

/* ---- resolution ------------------------------------------------------------ */

enum { P_HE = 1, P_SHE, P_THEY, P_ITS };

static int pronoun(const pl_token *t) {
    static const struct {
        const char *w;
        int kind;
    } p[] = {{"he", P_HE},     {"him", P_HE},     {"his", P_HE},   {"himself", P_HE},
             {"she", P_SHE},   {"her", P_SHE},    {"hers", P_SHE}, {"herself", P_SHE},
             {"they", P_THEY}, {"them", P_THEY},  {"their", P_THEY}, {"theirs", P_THEY},
             {"themselves", P_THEY}, {"its", P_ITS}, {"itself", P_ITS}};
    if (t->upos && t->upos != PL_UPOS_PRON && t->upos != PL_UPOS_DET)
        return 0;
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        if (act_is(t, p[i].w))
            return p[i].kind;
    return 0;
}

/* Tier of a record for a pronoun: 1 best, 2 fallback, 0 incompatible. */
static int fits(const rec *r, int kind) {
    switch (kind) {
    case P_HE:
        return r->human && !r->plural && r->gender != PL_GENDER_FEMALE;
    case P_SHE:
        return r->human && !r->plural && r->gender != PL_GENDER_MALE;
    case P_ITS:
        return !r->human && !r->plural;
    case P_THEY:
        if (r->plural)
            return 1;
        return r->type != PL_ACTOR_PERSON && !r->human ? 2 : 0;
    }
    return 0;
}

typedef struct found {
    const rec *r;        /* a single antecedent, or */
    int list;            /* the stored list */
} found;

/* The antecedent of a pronoun of kind at token j of sentence sidx. cur are
 * this sentence's records before j, in text order. */
static found resolve(const pl_coref *c, const rec *cur, int ncur, uint32_t sidx, uint32_t j,
                     int kind, int in_quote) {
    found f = {NULL, 0};
    uint32_t back = kind == P_HE || kind == P_SHE ? 3 : 1;
    for (uint32_t d = 0; d <= back && d <= sidx; d++) {
        uint32_t sent = sidx - d;
        /* list position in this sentence, if any */
        int list_here = kind == P_THEY && c->nlist >= 2 && c->list_sentence == sent &&
                        (d > 0 || c->list_start < j);
        for (int tier = 1; tier <= (kind == P_THEY ? 2 : 1); tier++) {
            const rec *best = NULL;
            if (d == 0) {
                for (int i = ncur - 1; i >= 0 && !best; i--) {
                    const rec *r = &cur[i];
                    if (r->start >= j || (!in_quote && r->quote))
                        continue;
                    int t = fits(r, kind);
                    if (t == tier || (kind != P_THEY && t))
                        best = r;
                }
            } else {
                for (uint32_t b = 0; !best; b++) {
                    const rec *r = hist_at(c, b);
                    if (!r || r->sentence < sent)
                        break;
                    if (r->sentence != sent || (!in_quote && r->quote))
                        continue;
                    int t = fits(r, kind);
                    if (t == tier || (kind != P_THEY && t))
                        best = r;
                }
            }
            if (tier == 1 && list_here && (!best || best->start <= c->list_start)) {
                f.list = 1;
                return f;
            }
            if (best && best->group && c->nlist >= 2) {
                f.list = 1;
                return f;
            }
            if (best) {
                f.r = best;
                return f;
            }
        }
    }
    return f;
}

/* A definite plural agent alone: "the leaders", "both delegations". */
static int group_noun(const pl_sentence *s, const pl_mention *m) {
    if (m->how != PL_FOUND_AGENT || !m->plural || m->start == 0)
        return 0;
    if (m->end < s->ntok && act_is(&s->tok[m->end], "of"))
        return 0;
    const pl_token *d = &s->tok[m->start - 1];
    if (act_is(d, "the") || act_is(d, "both") || act_is(d, "these") || act_is(d, "those") ||
        act_is(d, "all"))
        return 1;
    if (m->start >= 2 && act_is(&s->tok[m->start - 2], "the") &&
        (act_is(d, "two") || act_is(d, "three") || act_is(d, "four")))
        return 1;
    return 0;
}

int act_coref_sentence(pl_ctx *ctx, const pl_actors *a, pl_coref *c, const pl_sentence *s,
                       act_tok *ti, pl_mentions *ms) {
    uint32_t sidx = s->index;
    size_t n0 = ms->n;
    rec *cur = calloc(n0 + s->ntok + 1, sizeof *cur);
    if (!cur)
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    int ncur = 0, rc = 0;
    for (size_t i = 0; i < n0; i++) {
        rec_of(&cur[ncur], &ms->m[i], sidx, ti);
        if (ms->m[i].type == PL_ACTOR_PERSON && ms->m[i].entry < 0 && ms->m[i].end > 0) {
            /* a titled name the dictionaries lack: remember its surname */
            const pl_token *t = &s->tok[ms->m[i].end - 1];
            char key[ACT_KEY_MAX];
            unsigned ci;
            size_t kl = act_key(t->form, strlen(t->form), key, &ci);
            cur[ncur].surname = kl ? pl_arena_strndup(&c->arena, key, kl) : NULL;
        }
        ncur++;
    }
    find_list(c, s, ms, n0, ti);

    /* group nouns: replace the agent-only mention by the listed members */
    for (size_t i = 0; i < n0 && !rc; i++) {
        pl_mention *m = &ms->m[i];
        if (!group_noun(s, m) || c->nlist < 2)
            continue;
        int usable = (c->list_sentence == sidx && c->list_start < m->start) ||
                     (c->list_sentence < sidx && sidx - c->list_sentence <= 2);
        if (!usable)
            continue;
        char role[PL_CODE_MAX + 1];
        memcpy(role, m->agent, sizeof role);
        uint32_t start = m->start, end = m->end, head = m->head;
        /* the agent mention becomes the first member; the rest are added */
        rec list[MAXLIST];
        int nl = c->nlist;
        memcpy(list, c->list, (size_t)nl * sizeof *list);
        m->how = 0; /* dropped below */
        for (int q = 0; q < ncur; q++)
            if (cur[q].start == start)
                cur[q].group = 1;
        rc = emit_members(ctx, a, ms, s, list, nl, start, end, role, head);
    }
    /* drop replaced group nouns */
    size_t k = 0;
    for (size_t i = 0; i < ms->n; i++)
        if (ms->m[i].how)
            ms->m[k++] = ms->m[i];
    ms->n = k;

    /* pronouns and surnames, left to right */
    for (uint32_t j = 0; j < s->ntok && !rc; j++) {
        if (ti[j].flags & ACT_T_COVERED)
            continue;
        const pl_token *t = &s->tok[j];
        int kind = pronoun(t);
        int in_quote = (ti[j].flags & ACT_T_QUOTE) != 0;
        if (kind) {
            found f = resolve(c, cur, ncur, sidx, j, kind, in_quote);
            if (f.list) {
                rec list[MAXLIST];
                int nl = c->nlist;
                memcpy(list, c->list, (size_t)nl * sizeof *list);
                rc = emit_members(ctx, a, ms, s, list, nl, j, j + 1, NULL, j);
            } else if (f.r) {
                rec r = *f.r;
                pl_mention *m = emit_ref(ctx, ms, s, &r, j, j + 1);
                if (!m) {
                    rc = PL_ENOMEM;
                    break;
                }
                rec_of(&cur[ncur], m, sidx, ti);
                cur[ncur].surname = r.surname;
                ncur++;
            }
            continue;
        }
        if (!(ti[j].flags & ACT_T_CAP) || (ti[j].flags & ACT_T_KNOWN))
            continue;
        /* a surname of a person seen before */
        char key[ACT_KEY_MAX];
        unsigned ci;
        size_t kl = act_key(t->form, strlen(t->form), key, &ci);
        const rec *hit = NULL;
        uint32_t np = c->npersons < MAXPERSONS ? c->npersons : MAXPERSONS;
        for (uint32_t b = 0; b < np && !hit; b++) {
            const rec *p = &c->persons[(c->npersons - 1 - b) % MAXPERSONS];
            if (p->entry >= 0 && ti[j].word >= 0) {
                const act_entry *e = &a->entries[p->entry];
                for (uint32_t q = 0; q < e->nsur; q++)
                    if (a->surnames[e->sur0 + q] == (uint32_t)ti[j].word)
                        hit = p;
            } else if (p->entry < 0 && p->surname && kl && strlen(p->surname) == kl &&
                       memcmp(p->surname, key, kl) == 0) {
                hit = p;
            }
        }
        /* persons of this sentence, before this word */
        for (int i = ncur - 1; i >= 0 && !hit; i--) {
            const rec *p = &cur[i];
            if (p->type != PL_ACTOR_PERSON || p->start >= j)
                continue;
            if (p->entry >= 0 && ti[j].word >= 0) {
                const act_entry *e = &a->entries[p->entry];
                for (uint32_t q = 0; q < e->nsur; q++)
                    if (a->surnames[e->sur0 + q] == (uint32_t)ti[j].word)
                        hit = p;
            } else if (p->entry < 0 && p->surname && kl && strlen(p->surname) == kl &&
                       memcmp(p->surname, key, kl) == 0) {
                hit = p;
            }
        }
        if (hit) {
            rec r = *hit;
            pl_mention *m = emit_ref(ctx, ms, s, &r, j, j + 1);
            if (!m) {
                rc = PL_ENOMEM;
                break;
            }
            ti[j].flags |= ACT_T_COVERED;
            rec_of(&cur[ncur], m, sidx, ti);
            cur[ncur].surname = r.surname;
            ncur++;
        }
    }
    if (!rc) {
        act_sort(ms);
        for (size_t i = 0; i < ms->n; i++) {
            const pl_mention *m = &ms->m[i];
            if (m->group > 1) { /* a group noun or "they": the list stays current */
                c->list_sentence = sidx;
                c->list_start = m->start;
                continue;
            }
            for (uint32_t q = m->start; q < m->end; q++)
                ti[q].flags |= ACT_T_COVERED;
            rec r;
            rec_of(&r, m, sidx, ti);
            /* keep the surname of a titled unknown name */
            for (int q = 0; q < ncur; q++)
                if (cur[q].start == m->start && cur[q].surname)
                    r.surname = cur[q].surname;
            hist_push(c, &r);
            if (r.type == PL_ACTOR_PERSON && (r.entry >= 0 || r.surname))
                person_add(c, &r);
        }
    }
    free(cur);
    return rc;
}
