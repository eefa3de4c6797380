/*
 * coder.c — codes the events of one parsed sentence.
 *
 * HOW IT WORKS
 *  1. Every token whose lemma heads a pattern (a verb, or a noun for
 *     nominal events) is a candidate predicate, unless it lies inside an
 *     actor's name. Its patterns are tried against its dependents (direct
 *     object, prepositional phrases, particles, open clausal complements);
 *     the most specific pattern that matches wins, a '-' pattern blocks.
 *  2. The source is the subject (the by-agent in a passive), inherited
 *     through xcomp, conj and non-finite adverbial clauses; for a noun it is
 *     the possessor, a by/from phrase, "between X and Y", or the subject of
 *     a light verb whose object it is ("had a phone conversation with").
 *     The target is the pattern's T slot, else the subject of a clausal
 *     complement ("denounced that Moscow ..."). Arguments fan out over
 *     conjunctions ("the leaders of France, Germany and Poland").
 *  3. Modality composes codes, as CAMEO does: a demand, appeal, intent,
 *     refusal or threat verb with an xcomp ("urged Kyiv to withdraw"), or a
 *     report of an obligation ("said that Russia must accept a ceasefire"),
 *     becomes one event whose code combines both (1056, 0256, ...).
 *     Coercion under "if" becomes a threat.
 *  4. Flags: negation (not, never, no), hypothetical (if, may, might,
 *     could, would), future (will, shall), historical (a year other than
 *     the document's: its date becomes that year), reported speech.
 *
 * Everything works on token indices within one sentence; scratch memory
 * comes from one arena per call.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "events/verbs.h"
#include "syntax/syntax.h"

/* ---- the sentence as a tree --------------------------------------------- */

typedef struct tree {
    const pl_verbs *v;
    const pl_doc *doc;
    const pl_sentence *s;
    const pl_mentions *ms;
    int n;
    uint32_t *lem;      /* word id of each token's lower-case lemma, 0 unknown */
    int *first, *next;  /* children in token order: first[i], then next[c] */
    int *ment;          /* mention covering token i, -1 none */
    int *ment_head;     /* mention whose head is token i, -1 none */
    pl_events *out;
    unsigned opts;
    int docyear;
} tree;

static int head_of(const tree *t, int i) {
    return t->s->tok[i].head > 0 ? t->s->tok[i].head - 1 : -1;
}

static unsigned dep(const tree *t, int i) {
    return t->s->tok[i].deprel;
}

static unsigned depb(const tree *t, int i) {
    return pl_deprel_base(t->s->tok[i].deprel);
}

static unsigned upos(const tree *t, int i) {
    return t->s->tok[i].upos;
}

/* Word id of a literal, 0 when the dictionaries never use it. */
static uint32_t wid(const tree *t, const char *w) {
    return pl_intern_find(&t->v->words, w, strlen(w));
}

static int lemma_is(const tree *t, int i, const char *w) {
    const char *l = t->s->tok[i].lemma ? t->s->tok[i].lemma : t->s->tok[i].form;
    for (; *w; w++, l++)
        if (tolower((unsigned char)*l) != *w)
            return 0;
    return *l == 0;
}

static int lemma_in(const tree *t, int i, const char *const *list) {
    for (int k = 0; list[k]; k++)
        if (lemma_is(t, i, list[k]))
            return 1;
    return 0;
}

/* First child of i with relation d (exact), -1 when none. */
static int child(const tree *t, int i, unsigned d) {
    for (int c = t->first[i]; c >= 0; c = t->next[c])
        if (dep(t, c) == d)
            return c;
    return -1;
}

/* 1 when clause c is a condition: marked "if" or "unless". The parser
 * sometimes hangs the marker on the clause's subject ("if concrete steps
 * are not taken": "if" under "steps"); loose: the clause's first word
 * counts as its marker too. Loose is for the nouns inside a clause's
 * arguments, where a misplaced condition is the only sign of a threat. */
static int is_condition(const tree *t, int c, int loose) {
    int m = child(t, c, PL_DEP_MARK);
    if (m < 0 && loose) {
        int first = c;
        for (int i = c - 1; i >= 0 && c - i < 64; i--) {
            int h = i, steps = 0;
            while (h >= 0 && h != c && steps++ < 64)
                h = t->s->tok[h].head > 0 ? t->s->tok[h].head - 1 : -1;
            if (h == c)
                first = i;
        }
        if (first < c && t->s->tok[first].upos == PL_UPOS_SCONJ)
            m = first;
    }
    return m >= 0 && (lemma_is(t, m, "if") || lemma_is(t, m, "unless"));
}

/* The case marker (preposition) word id of a nominal i, 0 when none. */
static int case_is(const tree *t, int i, uint32_t prep) {
    for (int c = t->first[i]; c >= 0; c = t->next[c])
        if ((depb(t, c) == PL_DEP_CASE || depb(t, c) == PL_DEP_MARK) && t->lem[c] == prep)
            return 1;
    return 0;
}

static int has_case_word(const tree *t, int i, const char *w) {
    for (int c = t->first[i]; c >= 0; c = t->next[c])
        if (depb(t, c) == PL_DEP_CASE && lemma_is(t, c, w))
            return 1;
    return 0;
}

static int is_passive(const tree *t, int p) {
    if (child(t, p, PL_DEP_NSUBJ_PASS) >= 0 || child(t, p, PL_DEP_AUX_PASS) >= 0 ||
        child(t, p, PL_DEP_CSUBJ_PASS) >= 0)
        return 1;
    /* obl:agent exists only in passives, whatever the parser made of the
     * participle's own attachment */
    if (child(t, p, PL_DEP_OBL_AGENT) >= 0 && t->s->tok[p].xpos == PL_XPOS_VBN)
        return 1;
    /* a reduced relative: "the talks, held in Istanbul and mediated by
     * Türkiye" (a participle modifying a noun, or conjoined with one) */
    if (t->s->tok[p].xpos != PL_XPOS_VBN || child(t, p, PL_DEP_NSUBJ) >= 0)
        return 0;
    unsigned d = dep(t, p);
    int h = head_of(t, p);
    if (d == PL_DEP_ACL)
        return 1;
    return d == PL_DEP_CONJ && h >= 0 && dep(t, h) == PL_DEP_ACL && t->s->tok[h].xpos == PL_XPOS_VBN;
}

/* The direct object of p, or in a passive its subject; a reduced relative
 * ("the talks, held in Istanbul and mediated by Türkiye") has the noun it
 * modifies. -1 when none. */
static int object_of(const tree *t, int p) {
    if (!is_passive(t, p))
        return child(t, p, PL_DEP_OBJ);
    int o = child(t, p, PL_DEP_NSUBJ_PASS);
    if (o >= 0 || child(t, p, PL_DEP_NSUBJ) >= 0 || t->s->tok[p].xpos != PL_XPOS_VBN)
        return o;
    int h = head_of(t, p);
    if (h >= 0 && dep(t, p) == PL_DEP_CONJ && dep(t, h) == PL_DEP_ACL) {
        p = h;
        h = head_of(t, h);
    }
    if (h < 0 || dep(t, p) != PL_DEP_ACL)
        return -1;
    unsigned u = upos(t, h);
    return u == PL_UPOS_NOUN || u == PL_UPOS_PROPN || u == PL_UPOS_PRON ? h : -1;
}

static int is_obl_like(const tree *t, int c) {
    unsigned b = depb(t, c);
    return b == PL_DEP_OBL || b == PL_DEP_NMOD || b == PL_DEP_ADVCL || b == PL_DEP_ACL;
}

static const char *const light_verbs[] = {
    "have", "hold", "make", "conduct", "give", "launch", "carry", "stage", "do",
    "undertake", "begin", "start", "continue", "resume", "open", "host", "reach",
    "pay", "engage", "announce", "declare", "unveil", "proclaim", "approve", "authorize",
    "authorise", NULL};

/* Verbs whose object event is the act itself: announcing a ceasefire
 * declares it, announcing aid gives it (CAMEO codes the act, not the
 * statement). */
static const char *const announce_verbs[] = {"announce", "declare", "unveil", "proclaim", NULL};
/* Verbs that let their object event happen: "approved the extradition of
 * X" is the extradition; their own code (051 endorse) gives way to it. */
static const char *const approve_verbs[] = {"approve", "authorize", "authorise", NULL};

/* The light verb whose direct object noun p is, -1 when none. */
static int light_verb_of(const tree *t, int p) {
    int h = head_of(t, p);
    if (h < 0 || dep(t, p) != PL_DEP_OBJ || !lemma_in(t, h, light_verbs))
        return -1;
    return h;
}

/* ---- pattern matching ----------------------------------------------------- */

typedef struct match {
    const vpattern *pat;
    int score;
    int target;         /* token of the target's noun phrase, -1 none */
    int trigger2;       /* second word of the predicate (object, particle), -1 */
} match;

static int also_of(const tree *t, int c);

/* Nominals that may carry a pattern's prepositional phrase for predicate p:
 * its own obl/nmod dependents, those of its object noun, and (for a noun)
 * those of the light verb it is the object of. */
static int pp_candidates(const tree *t, int p, int *out, int cap) {
    int n = 0;
    int owners[3] = {p, -1, -1};
    int obj = child(t, p, PL_DEP_OBJ);
    if (obj >= 0)
        owners[1] = obj;
    owners[2] = light_verb_of(t, p);
    for (int k = 0; k < 3; k++) {
        if (owners[k] < 0)
            continue;
        for (int c = t->first[owners[k]]; c >= 0 && n < cap; c = t->next[c])
            if (is_obl_like(t, c) && also_of(t, c) < 0) /* not "along with X" */
                out[n++] = c;
    }
    return n;
}

/* Tries pattern pat on predicate p; fills m and returns 1 when it matches.
 * depth counts sub-patterns ("to VERB ...") entered. */
static int try_pattern_d(const tree *t, int p, const vpattern *pat, match *m, int depth) {
    const pl_verbs *v = t->v;
    unsigned u = upos(t, p);
    if (pat->obj.kind != VA_NONE && (u == PL_UPOS_NOUN || u == PL_UPOS_PROPN))
        return 0; /* a noun takes no direct object: "strike T" is the verb */
    int obj = object_of(t, p);
    int target = -1, missing = 0, trigger2 = -1;
    if (pat->obj.kind == VA_T) {
        if (obj >= 0)
            target = obj;
        else
            missing = 1;
    } else if (pat->obj.kind != VA_NONE) {
        if (obj < 0 || !verbs_arg_ok(v, &pat->obj, t->lem[obj]))
            return 0;
        trigger2 = obj;
    }
    int cands[32];
    int nc = pp_candidates(t, p, cands, 32);
    for (int k = 0; k < pat->npreps; k++) {
        const vp_prep *pp = &pat->preps[k];
        int found = 0;
        for (int j = 0; j < nc && !found; j++) {
            int c = cands[j];
            if (!case_is(t, c, pp->prep))
                continue;
            if (pp->sub >= 0) { /* "of supporting terrorism": c must match the rest */
                match sm = {0};
                if (depth < 4 && verbs_arg_ok(v, &pp->arg, t->lem[c]) &&
                    try_pattern_d(t, c, &v->pats[pp->sub], &sm, depth + 1)) {
                    found = 1;
                    if (sm.target >= 0)
                        target = sm.target;
                    missing += sm.score < sm.pat->spec * 2;
                    if (trigger2 < 0)
                        trigger2 = c;
                }
                continue;
            }
            if (pp->arg.kind == VA_T) {
                target = c;
                found = 1;
            } else if (pp->arg.kind == VA_NONE || verbs_arg_ok(v, &pp->arg, t->lem[c])) {
                found = 1;
                if (pp->arg.kind != VA_NONE)
                    trigger2 = trigger2 < 0 ? c : trigger2;
            }
        }
        if (!found && pp->arg.kind == VA_NONE && pp->sub < 0 && pp->prep == wid(t, "to")) {
            /* "is ready to contribute": a bare "to" also takes an open
             * clausal complement; the complement's own event, when it has
             * one, is composed with this one later */
            int x = child(t, p, PL_DEP_XCOMP);
            int mk = x >= 0 ? child(t, x, PL_DEP_MARK) : -1;
            if (mk >= 0 && lemma_is(t, mk, "to"))
                found = 1;
        }
        if (!found && pp->arg.kind != VA_T && pp->arg.kind != VA_NONE && pp->prep == wid(t, "to")) {
            /* "threaten to attack": an open clausal complement */
            int x = child(t, p, PL_DEP_XCOMP);
            if (x >= 0 && verbs_arg_ok(v, &pp->arg, t->lem[x])) {
                match sm = {0};
                if (pp->sub < 0) {
                    found = 1;
                } else if (depth < 4 && try_pattern_d(t, x, &v->pats[pp->sub], &sm, depth + 1)) {
                    found = 1;
                    if (sm.target >= 0)
                        target = sm.target;
                    missing += sm.score < sm.pat->spec * 2;
                }
                if (found)
                    trigger2 = x;
            }
        }
        if (!found) { /* a particle: "call off the talks", "step down" */
            for (int c = t->first[p]; c >= 0 && !found; c = t->next[c]) {
                if (dep(t, c) != PL_DEP_COMPOUND_PRT || t->lem[c] != pp->prep)
                    continue;
                if (pp->arg.kind == VA_NONE) {
                    found = 1;
                } else if (pp->arg.kind == VA_T) {
                    if (obj >= 0) {
                        target = obj;
                        found = 1;
                    }
                } else if (obj >= 0 && verbs_arg_ok(v, &pp->arg, t->lem[obj])) {
                    found = 1;
                }
                if (found && trigger2 < 0)
                    trigger2 = c;
            }
        }
        if (!found) {
            if (pp->arg.kind == VA_T && k == pat->npreps - 1 && pat->npreps == 1 &&
                pat->obj.kind == VA_NONE && (u == PL_UPOS_NOUN || u == PL_UPOS_PROPN)) {
                missing = 1; /* "the talks" without "with T": weaker */
                continue;
            }
            return 0;
        }
    }
    m->pat = pat;
    m->score = pat->spec * 2 - missing * 3;
    m->target = target;
    m->trigger2 = trigger2;
    return 1;
}

static int try_pattern(const tree *t, int p, const vpattern *pat, match *m) {
    return try_pattern_d(t, p, pat, m, 0);
}

/* The best pattern for predicate p; 0 when none matches. */
static int best_match(const tree *t, int p, match *best) {
    const pl_verbs *v = t->v;
    uint32_t w = t->lem[p];
    if (w == 0 || w >= v->nindexed)
        return 0;
    int got = 0;
    for (uint32_t k = v->start[w]; k < v->start[w + 1]; k++) {
        match m;
        if (!try_pattern(t, p, &v->pats[v->byword[k]], &m))
            continue;
        if (!got || m.score > best->score) {
            *best = m;
            got = 1;
        }
    }
    return got;
}

/* ---- arguments ------------------------------------------------------------ */

#define MAX_ARGS 16

typedef struct args {
    int m[MAX_ARGS];    /* mention indices */
    int n;
} args;

static void add_arg(args *a, int mention) {
    for (int k = 0; k < a->n; k++)
        if (a->m[k] == mention)
            return;
    if (a->n < MAX_ARGS)
        a->m[a->n++] = mention;
}

/* The mention standing for nominal i itself, -1 when none. */
static int own_mention(const tree *t, int i) {
    if (t->ment_head[i] >= 0)
        return t->ment_head[i];
    return t->ment[i];
}

static void collect(const tree *t, int i, args *a, int depth);

/* The nominal X of an additive phrase c, "in addition to X", "along with
 * X", "together with X" (UD makes "as well as X" a conjunct already); -1
 * when c is not one. */
static int also_of(const tree *t, int c) {
    unsigned b = depb(t, c);
    if (b != PL_DEP_OBL && b != PL_DEP_NMOD)
        return -1;
    if (lemma_is(t, c, "addition") && has_case_word(t, c, "in")) {
        for (int x = t->first[c]; x >= 0; x = t->next[x])
            if ((depb(t, x) == PL_DEP_NMOD || depb(t, x) == PL_DEP_OBL) && has_case_word(t, x, "to"))
                return x;
        return -1;
    }
    /* the words before the case marker, however the parser attached them:
     * "in addition | to X", "together | with X", "along with X" */
    for (int w = t->first[c]; w >= 0 && w < c; w = t->next[w]) {
        if (depb(t, w) != PL_DEP_CASE)
            continue;
        if (lemma_is(t, w, "to") && w >= 2 && lemma_is(t, w - 1, "addition") && lemma_is(t, w - 2, "in"))
            return c;
        if (lemma_is(t, w, "with") && w >= 1 && (lemma_is(t, w - 1, "along") || lemma_is(t, w - 1, "together")))
            return c;
    }
    return -1;
}

/* Mentions of the conjuncts of i (i itself excluded), and of additive
 * phrases on it ("France, Germany and Poland, in addition to Trump"). */
static void collect_conj(const tree *t, int i, args *a, int depth) {
    for (int c = t->first[i]; c >= 0; c = t->next[c]) {
        if (depb(t, c) == PL_DEP_CONJ)
            collect(t, c, a, depth + 1);
        int x = also_of(t, c);
        if (x >= 0)
            collect(t, x, a, depth + 1);
    }
}

/* The actors of the noun phrase headed by i: its own mention, else one in
 * its modifiers (an "of" phrase, a compound, an apposition), fanned out
 * over conjunctions. */
static void collect(const tree *t, int i, args *a, int depth) {
    if (i < 0 || depth > 6)
        return;
    int m = own_mention(t, i);
    if (m >= 0) {
        /* "the leaders": a group mention spans several listed actors */
        const pl_mention *mm = &t->ms->m[m];
        if (mm->group > 1) {
            for (size_t k = 0; k < t->ms->n; k++)
                if (t->ms->m[k].start == mm->start && t->ms->m[k].end == mm->end)
                    add_arg(a, (int)k);
        } else {
            add_arg(a, m);
        }
        collect_conj(t, i, a, depth);
        /* "the leaders of France, Germany and Poland": the list hangs on the
         * modifier inside the mention */
        for (int c = t->first[i]; c >= 0; c = t->next[c])
            if (depb(t, c) == PL_DEP_NMOD && (uint32_t)c >= mm->start && (uint32_t)c < mm->end)
                collect_conj(t, c, a, depth);
        return;
    }
    int before = a->n;
    for (int c = t->first[i]; c >= 0 && a->n == before; c = t->next[c]) {
        unsigned d = depb(t, c);
        if (d == PL_DEP_NMOD || d == PL_DEP_COMPOUND || d == PL_DEP_APPOS || d == PL_DEP_AMOD ||
            d == PL_DEP_FLAT)
            collect(t, c, a, depth + 1);
    }
    collect_conj(t, i, a, depth);
}

/* 1 when verb p heads a clause modifying a noun, directly or as a
 * conjunct: "forces backed by Russia", "an attack that killed 40". */
static int in_noun_modifier(const tree *t, int p) {
    for (int k = 0; k < 8 && p >= 0; k++) {
        unsigned d = dep(t, p);
        if (d == PL_DEP_ACL || d == PL_DEP_ACL_RELCL)
            return 1;
        if (d != PL_DEP_CONJ)
            return 0;
        p = head_of(t, p);
    }
    return 0;
}

/* "Russia said it would retaliate", "the World Bank said it was prepared
 * to help": a subject "it" with no actor of its own, in a clause reported
 * by a verb, stands for that verb's subject when the subject is a country,
 * organization or body. Only this construction is read; a bare "it"
 * elsewhere is too often expletive ("it is clear that") or a thing. */
static int reported_it(const tree *t, int p) {
    int s = child(t, p, PL_DEP_NSUBJ);
    if (s < 0)
        s = child(t, p, PL_DEP_NSUBJ_PASS);
    if (s < 0 || !lemma_is(t, s, "it") || own_mention(t, s) >= 0 || dep(t, p) != PL_DEP_CCOMP)
        return -1;
    int g = head_of(t, p), gs = g >= 0 ? child(t, g, PL_DEP_NSUBJ) : -1;
    int m = gs >= 0 ? own_mention(t, gs) : -1;
    if (m < 0)
        return -1;
    const pl_mention *mm = &t->ms->m[m];
    if (mm->type == PL_ACTOR_PERSON || mm->human || mm->plural || mm->group > 1)
        return -1;
    /* a passive keeps its agent: "Russia said it was attacked by Ukraine" */
    for (int c = t->first[p]; c >= 0; c = t->next[c])
        if (dep(t, c) == PL_DEP_OBL_AGENT)
            return -1;
    return gs;
}

/* The subject of predicate p, climbing through xcomp, conj and non-finite
 * clauses; -1 when none. Sets *passive when p is passive. */
static int subject_of(const tree *t, int p, int depth) {
    if (p < 0 || depth > 8)
        return -1;
    int rit = reported_it(t, p);
    if (rit >= 0)
        return rit;
    int passive = is_passive(t, p);
    if (passive) {
        for (int c = t->first[p]; c >= 0; c = t->next[c])
            if (dep(t, c) == PL_DEP_OBL_AGENT || (depb(t, c) == PL_DEP_OBL && has_case_word(t, c, "by")))
                return c;
        return -1; /* a passive without agent: the doer is unknown */
    }
    int s = child(t, p, PL_DEP_NSUBJ);
    if (s < 0)
        s = child(t, p, PL_DEP_NSUBJ_OUTER);
    /* two subjects are a misparse ("CAIRO, March 4 - Egypt agreed", where
     * the dateline's word is no actor): the nearest one before the
     * predicate that names an actor */
    for (int c = s >= 0 ? t->next[s] : -1; c >= 0 && c < p; c = t->next[c])
        if (dep(t, c) == PL_DEP_NSUBJ) {
            args a = {{0}, 0};
            collect(t, c, &a, 0);
            if (a.n)
                s = c;
        }
    if (s >= 0) {
        /* a relative pronoun stands for the noun the clause modifies */
        if (upos(t, s) == PL_UPOS_PRON && dep(t, p) == PL_DEP_ACL_RELCL &&
            (lemma_is(t, s, "who") || lemma_is(t, s, "which") || lemma_is(t, s, "that")))
            return head_of(t, p);
        return s;
    }
    int h = head_of(t, p);
    unsigned d = dep(t, p);
    if (h < 0)
        return -1;
    if (d == PL_DEP_XCOMP) {
        /* object control: "urged Kyiv to withdraw", "called on Kyiv to ..." */
        int o = child(t, h, PL_DEP_OBJ);
        if (o < 0)
            for (int c = t->first[h]; c >= 0 && o < 0; c = t->next[c])
                if (depb(t, c) == PL_DEP_OBL && has_case_word(t, c, "on") && c < p)
                    o = c;
        if (o >= 0 && o < p)
            return o;
        return subject_of(t, h, depth + 1);
    }
    if (d == PL_DEP_CONJ)
        return subject_of(t, h, depth + 1);
    if ((d == PL_DEP_ADVCL || d == PL_DEP_ACL) && t->s->tok[p].xpos == PL_XPOS_VBG) {
        /* "..., urging ...", "in stating that ...": the main clause's doer */
        if (!is_condition(t, p, 0))
            return subject_of(t, h, depth + 1);
    }
    if (d == PL_DEP_ACL && t->s->tok[p].xpos == PL_XPOS_VBG)
        return h; /* "officials calling for ..." */
    if (d == PL_DEP_ADVCL && child(t, p, PL_DEP_MARK) >= 0 && lemma_is(t, child(t, p, PL_DEP_MARK), "to"))
        return subject_of(t, h, depth + 1); /* purpose: "deployed to Nigeria to train soldiers" */
    if (d == PL_DEP_ACL && child(t, p, PL_DEP_MARK) >= 0 && lemma_is(t, child(t, p, PL_DEP_MARK), "to")) {
        /* "their commitment to maintain ...": the noun's owner, else the
         * doer of the clause the noun is the object of */
        int poss = child(t, h, PL_DEP_NMOD_POSS);
        if (poss >= 0)
            return poss;
        int hh = head_of(t, h);
        if (hh >= 0 && dep(t, h) == PL_DEP_OBJ)
            return subject_of(t, hh, depth + 1);
    }
    return -1;
}

static int content_case(const tree *t, int i);

/* Source actors of a nominal predicate p. */
static void nominal_source(const tree *t, int p, args *src, args *tgt) {
    for (int c = t->first[p]; c >= 0; c = t->next[c]) {
        if (dep(t, c) == PL_DEP_NMOD_POSS) {
            collect(t, c, src, 0);
        } else if (depb(t, c) == PL_DEP_NMOD && (has_case_word(t, c, "by") || has_case_word(t, c, "from"))) {
            collect(t, c, src, 0);
        } else if (depb(t, c) == PL_DEP_NMOD && has_case_word(t, c, "between")) {
            args both = {{0}, 0};
            collect(t, c, &both, 0);
            if (both.n >= 2) {
                add_arg(src, both.m[0]);
                for (int k = 1; k < both.n; k++)
                    add_arg(tgt, both.m[k]);
            }
        } else if (dep(t, c) == PL_DEP_COMPOUND || dep(t, c) == PL_DEP_AMOD) {
            /* "Russian-Ukrainian talks", "U.S. sanctions" */
            if (own_mention(t, c) >= 0 && src->n == 0)
                collect(t, c, src, 0);
        }
    }
    int lv = light_verb_of(t, p);
    if (src->n == 0 && lv >= 0)
        collect(t, subject_of(t, lv, 0), src, 0);
    if (src->n == 0 && lv < 0) {
        /* "maintain pressure on Moscow through sanctions": a noun inside a
         * verb's object or phrase is that verb's doer's; a target may hang
         * on the nouns in between ("pressure on Moscow") */
        int n = p;
        for (int k = 0; k < 3; k++) {
            int h = head_of(t, n);
            unsigned d = depb(t, n);
            if (h < 0 || !(d == PL_DEP_NMOD || d == PL_DEP_OBJ || d == PL_DEP_OBL))
                break;
            if (upos(t, h) == PL_UPOS_VERB) {
                static const char *const apply[] = {
                    "impose", "apply", "use", "tighten", "extend", "expand", "maintain",
                    "introduce", "announce", "approve", "adopt", "slap", "levy", "enforce", NULL};
                if (has_case_word(t, n, "through") || has_case_word(t, n, "via") ||
                    (d == PL_DEP_OBJ && lemma_in(t, h, apply))) {
                    collect(t, subject_of(t, h, 0), src, 0);
                    /* "maintain pressure on Moscow through sanctions": the
                     * target is "on"/"against" the verb or its object */
                    int o = child(t, h, PL_DEP_OBJ);
                    for (int k2 = 0; k2 < 2 && tgt->n == 0; k2++) {
                        int owner = k2 == 0 ? h : o;
                        for (int c = owner >= 0 ? t->first[owner] : -1; c >= 0 && tgt->n == 0; c = t->next[c])
                            if (c != n && (depb(t, c) == PL_DEP_OBL || depb(t, c) == PL_DEP_NMOD) &&
                                (has_case_word(t, c, "on") || has_case_word(t, c, "against")))
                                collect(t, c, tgt, 0);
                    }
                }
                break;
            }
            if (tgt->n == 0)
                for (int c = t->first[h]; c >= 0; c = t->next[c])
                    if (c != n && depb(t, c) == PL_DEP_NMOD &&
                        (has_case_word(t, c, "on") || has_case_word(t, c, "against")))
                        collect(t, c, tgt, 0);
            n = h;
        }
    }
    /* "between X and Y" attached to the light verb */
    if (src->n == 0 && lv >= 0)
        for (int c = t->first[lv]; c >= 0; c = t->next[c])
            if (depb(t, c) == PL_DEP_OBL && has_case_word(t, c, "between")) {
                args both = {{0}, 0};
                collect(t, c, &both, 0);
                if (both.n >= 2) {
                    add_arg(src, both.m[0]);
                    for (int k = 1; k < both.n; k++)
                        add_arg(tgt, both.m[k]);
                }
            }
}

/* ---- modality ------------------------------------------------------------- */

/* The CAMEO root (1..20) of an event code, 0 for a dropped one (""). */
static int root_of(const char *code) {
    return code[0] && code[1] ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
}

enum { FAM_NONE = 0, FAM_APPEAL = 2, FAM_INTENT = 3, FAM_DEMAND = 10, FAM_REJECT = 12, FAM_THREATEN = 13 };

static int family_of(const tree *t, int p) {
    static const char *const demand[] = {"demand", "insist", "require", "order", NULL};
    static const char *const appeal[] = {"urge", "call", "appeal", "ask", "request", "press",
                                         "encourage", "invite", "implore", "plead", NULL};
    static const char *const intent[] = {"agree", "promise", "pledge", "vow", "offer", "intend",
                                         "plan", "commit", "decide", "prepare", "aim", "hope",
                                         "want", "seek", "expect", "ready", "willing", "prepared",
                                         "eager", "keen", "determined", "committed", NULL};
    static const char *const reject[] = {"refuse", "decline", "reject", "oppose", "unwilling",
                                         "reluctant", NULL};
    static const char *const threaten[] = {"threaten", NULL};
    if (lemma_in(t, p, demand)) return FAM_DEMAND;
    if (lemma_in(t, p, appeal)) return FAM_APPEAL;
    if (lemma_in(t, p, intent)) return FAM_INTENT;
    if (lemma_in(t, p, reject)) return FAM_REJECT;
    if (lemma_in(t, p, threaten)) return FAM_THREATEN;
    return FAM_NONE;
}

/* CAMEO's pattern for demands, appeals, intents and refusals: the second
 * digit says what is demanded (1 material cooperation, 2 diplomatic
 * cooperation, 3 aid, 4 reform, 5 yielding, 6 meeting, 7 settlement,
 * 8 mediation); the fourth digit refines aid, reform and yielding. */
static void what_of(const char *code, int *what, int *sub) {
    int root = root_of(code);
    int third = code[2] ? code[2] - '0' : 0, fourth = code[2] && code[3] ? code[3] - '0' : 0;
    *what = 0;
    *sub = 0;
    switch (root) {
    case 6: *what = 1; *sub = third >= 1 && third <= 4 ? third : 0; break;
    case 5: *what = 2; break;
    case 7: *what = 3; *sub = third >= 1 && third <= 4 ? third : 0; break;
    case 8:
        if (third == 3) { *what = 4; *sub = fourth; }
        else {
            static const int yield_sub[10] = {0, 1, 2, 0, 3, 4, 5, 6, 0, 0};
            *what = 5;
            *sub = yield_sub[third];
        }
        break;
    case 4: *what = third == 5 ? 8 : 6; break;
    case 3: case 2: case 10:
        *what = third; *sub = fourth; break; /* "demand to agree to X": keep X's kind */
    default: break;
    }
}

static void threat_code(const char *e, char out[5]) {
    int root = root_of(e);
    const char *r = "130";
    if (root == 16) {
        static const char *const m[] = {"131", "1313", "1311", "1312", "134", "135", "136"};
        int third = e[2] ? e[2] - '0' : 0;
        r = third <= 6 ? m[third] : "131";
    } else if (root == 17) {
        r = e[2] == '2' ? "132" : e[2] == '5' ? "137" : "130";
    } else if (root == 14) {
        r = "133";
    } else if (root == 18) {
        r = "1383";
    } else if (root == 19) {
        r = e[2] == '1' ? "1381" : e[2] == '2' ? "1382" : (e[2] >= '3' && e[2] <= '5') ? "1384" : "138";
    } else if (root == 20) {
        r = "1385";
    } else if (root == 15) {
        r = "138";
    }
    snprintf(out, 5, "%s", r);
}

/* The code of family fam applied to the event code e; fills out (5 bytes). */
static void compose(int fam, const char *e, char out[5]) {
    if (fam == FAM_THREATEN) {
        threat_code(e, out);
        return;
    }
    int what, sub;
    what_of(e, &what, &sub);
    if (fam == FAM_REJECT) { /* 12x orders its kinds differently */
        static const int rej[9] = {0, 1, 0, 2, 3, 4, 5, 7, 6};
        what = rej[what]; /* diplomatic cooperation has no 12x code: 120 */
    }
    char buf[8];
    if (what == 0)
        snprintf(buf, sizeof buf, "%02d%d", fam, 0);
    else if (sub)
        snprintf(buf, sizeof buf, "%02d%d%d", fam, what, sub);
    else
        snprintf(buf, sizeof buf, "%02d%d", fam, what);
    if (!cameo_find(buf) && strlen(buf) == 4)
        buf[3] = 0;
    if (!cameo_find(buf))
        snprintf(buf, sizeof buf, "%02d%d", fam, 0);
    memcpy(out, buf, 5);
}

/* ---- flags ---------------------------------------------------------------- */

static const char *const negators[] = {"not", "n't", "never", NULL};

/* 1 when verb p (or the light verb of noun p) has a dependent of base
 * relation d whose lemma is in list. */
static int verb_has(const tree *t, int p, unsigned d, const char *const *list) {
    int lv = light_verb_of(t, p);
    if (lv >= 0)
        p = lv;
    for (int c = t->first[p]; c >= 0; c = t->next[c])
        if (depb(t, c) == d && lemma_in(t, c, list))
            return 1;
    return 0;
}

/* 1 when verb p (or the light verb of noun p) carries "will"/"would" and a
 * negation: "will not lift", "won't meet", "would never accept". */
static int will_not(const tree *t, int p) {
    static const char *const will[] = {"will", "would", "'ll", "wo", NULL};
    return verb_has(t, p, PL_DEP_AUX, will) && verb_has(t, p, PL_DEP_ADVMOD, negators);
}

static unsigned flags_of(const tree *t, int p, int nominal) {
    unsigned f = 0;
    static const char *const hyp[] = {"may", "might", "could", "would", "should", NULL};
    static const char *const fut[] = {"will", "shall", "'ll", NULL};
    for (int c = t->first[p]; c >= 0; c = t->next[c]) {
        unsigned d = depb(t, c);
        if (d == PL_DEP_ADVMOD && lemma_in(t, c, negators))
            f |= PL_EV_NEGATED;
        if (d == PL_DEP_DET && nominal && lemma_is(t, c, "no"))
            f |= PL_EV_NEGATED;
        if (d == PL_DEP_AUX && lemma_in(t, c, hyp))
            f |= PL_EV_HYPOTHETICAL;
        if (d == PL_DEP_AUX && lemma_in(t, c, fut))
            f |= PL_EV_FUTURE;
        if (d == PL_DEP_MARK && lemma_is(t, c, "if"))
            f |= PL_EV_HYPOTHETICAL;
    }
    /* the consequent of a conditional, and what "might" governs */
    for (int c = t->first[p]; c >= 0; c = t->next[c])
        if ((depb(t, c) == PL_DEP_ADVCL || depb(t, c) == PL_DEP_CCOMP) && is_condition(t, c, 0))
            f |= PL_EV_HYPOTHETICAL;
    /* a clause's conditional reaches nouns in its arguments: "pressure
     * through sanctions if steps are not taken" */
    if (nominal) {
        int n = p;
        for (int k = 0; k < 4 && !(f & PL_EV_HYPOTHETICAL); k++) {
            int h = head_of(t, n);
            if (h < 0)
                break;
            for (int c = t->first[h]; c >= 0; c = t->next[c]) {
                unsigned d = depb(t, c);
                if ((d == PL_DEP_ADVCL || d == PL_DEP_CCOMP) && is_condition(t, c, 1))
                    f |= PL_EV_HYPOTHETICAL;
            }
            if (upos(t, h) == PL_UPOS_VERB && dep(t, h) != PL_DEP_ACL && dep(t, h) != PL_DEP_XCOMP)
                break;
            n = h;
        }
    }
    /* a noun's negation sits on its head: "there were no advances" */
    if (nominal) {
        int lv = light_verb_of(t, p);
        if (lv >= 0)
            f |= flags_of(t, lv, 0) & (PL_EV_NEGATED | PL_EV_HYPOTHETICAL | PL_EV_FUTURE);
    }
    /* an xcomp inherits its governor's modality: "might participate" */
    int h = head_of(t, p);
    if (h >= 0 && dep(t, p) == PL_DEP_XCOMP)
        f |= flags_of(t, h, 0) & (PL_EV_NEGATED | PL_EV_HYPOTHETICAL | PL_EV_FUTURE);
    if (h >= 0 && dep(t, p) == PL_DEP_CONJ && !(f & PL_EV_NEGATED))
        f |= flags_of(t, h, 0) & (PL_EV_HYPOTHETICAL | PL_EV_FUTURE);
    return f;
}

/* A year (1900-2099) in a phrase attached to p: "annexed ... in 2022". */
static int year_of(const tree *t, int p) {
    for (int c = t->first[p]; c >= 0; c = t->next[c]) {
        unsigned d = depb(t, c);
        if (d != PL_DEP_OBL && d != PL_DEP_NMOD)
            continue;
        const pl_token *k = &t->s->tok[c];
        if (k->len == 4 && isdigit((unsigned char)k->form[0]) && strspn(k->form, "0123456789") == 4) {
            int y = atoi(k->form);
            if (y >= 1900 && y <= 2099)
                return y;
        }
    }
    return 0;
}

/* Does p's clause carry an obligation: must, should, have to, need to? */
static int obligation(const tree *t, int p) {
    for (int c = t->first[p]; c >= 0; c = t->next[c])
        if (depb(t, c) == PL_DEP_AUX &&
            (lemma_is(t, c, "must") || lemma_is(t, c, "should") || lemma_is(t, c, "ought")))
            return 1;
    int h = head_of(t, p);
    return h >= 0 && dep(t, p) == PL_DEP_XCOMP && (lemma_is(t, h, "have") || lemma_is(t, h, "need"));
}

static int reporting_verb(const tree *t, int i) {
    static const char *const r[] = {
        "say", "state", "tell", "add", "note", "emphasize", "emphasise", "stress",
        "reiterate", "insist", "claim", "declare", "announce", "warn", "argue", "affirm",
        "assert", "write", "explain", "report", "believe", "think", "suggest", "indicate",
        "confirm", "acknowledge", "maintain", "contend", "underline", "underscore", NULL};
    return lemma_in(t, i, r);
}

/* Does nominal i's preposition introduce what an event is about ("accused
 * X of attacks", "called for talks"), rather than when or why ("after the
 * talks", "following negotiations")? */
static int content_case(const tree *t, int i) {
    static const char *const about[] = {"of", "for", "about", "over", "on", "against", "to",
                                        "into", "regarding", "concerning", NULL};
    for (int c = t->first[i]; c >= 0; c = t->next[c])
        if (depb(t, c) == PL_DEP_CASE && lemma_in(t, c, about))
            return 1;
    return 0;
}

/* ---- emitting ------------------------------------------------------------- */

static void explain(tree *t, const char *fmt, ...) PL_PRINTF(2, 3);
static void explain(tree *t, const char *fmt, ...) {
    if (!(t->opts & PL_CODE_EXPLAIN))
        return;
    pl_events *o = t->out;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (o->explain_len + len + 2 > o->explain_cap) {
        size_t cap = o->explain_cap ? o->explain_cap * 2 : 4096;
        while (cap < o->explain_len + len + 2)
            cap *= 2;
        char *p = realloc(o->explain, cap);
        if (!p)
            return;
        o->explain = p;
        o->explain_cap = cap;
    }
    memcpy(o->explain + o->explain_len, line, len);
    o->explain_len += len;
    o->explain[o->explain_len++] = '\n';
    o->explain[o->explain_len] = 0;
}

static void fill_actor(const tree *t, int m, pl_event_actor *a) {
    memset(a, 0, sizeof *a);
    a->entry = "";
    if (m < 0)
        return;
    const pl_mention *mm = &t->ms->m[m];
    memcpy(a->code, mm->code, sizeof a->code);
    memcpy(a->country, mm->country, sizeof a->country);
    memcpy(a->agent, mm->agent, sizeof a->agent);
    a->entry = mm->name ? mm->name : "";
    a->off = mm->off;
    a->len = mm->len;
    a->how = mm->how;
}

typedef struct pending {
    const vpattern *pat;
    char code[5];
    int pred, trigger2;
    args src, tgt;
    unsigned flags;
    int year;
    int order;          /* sort key: reported events before their reporting verb */
} pending;

static int grow_events(pl_events *o) {
    if (o->n < o->cap)
        return 1;
    size_t cap = o->cap ? o->cap * 2 : 16;
    pl_event *e = realloc(o->e, cap * sizeof *e);
    if (!e)
        return 0;
    o->e = e;
    o->cap = cap;
    return 1;
}

static double confidence(const pending *p, const pl_event *e) {
    double c = 0.45 + 0.05 * (p->pat ? p->pat->spec : 1);
    if (e->source.code[0] && e->target.code[0])
        c += 0.15;
    if (e->source.how == PL_FOUND_COREF || e->target.how == PL_FOUND_COREF)
        c -= 0.1;
    if (e->source.how == PL_FOUND_AGENT || e->target.how == PL_FOUND_AGENT)
        c -= 0.05;
    if (p->flags & (PL_EV_HYPOTHETICAL | PL_EV_FUTURE))
        c -= 0.1;
    if (p->flags & PL_EV_COMPOSED)
        c -= 0.05;
    return c < 0.05 ? 0.05 : c > 0.95 ? 0.95 : c;
}

static int emit(tree *t, const pending *p) {
    const pl_sentence *s = t->s;
    int nsrc = p->src.n ? p->src.n : 1, ntgt = p->tgt.n ? p->tgt.n : 1;
    const cameo_code *cc = cameo_find(p->code);
    if (!cc)
        return PL_OK;
    for (int i = 0; i < nsrc; i++)
        for (int j = 0, any = 0; j <= ntgt; j++) {
            int sm = p->src.n ? p->src.m[i] : -1, tm = p->tgt.n && j < ntgt ? p->tgt.m[j] : -1;
            if (j == ntgt && (any || !p->tgt.n))
                break; /* past the targets: once more without one only when all were the source */
            if (sm >= 0 && tm >= 0 && (sm == tm || strcmp(t->ms->m[sm].code, t->ms->m[tm].code) == 0))
                continue; /* an actor acting on itself: "expressed its concern" has no target */
            any = 1;
            if (!grow_events(t->out))
                return PL_ENOMEM;
            pl_event *e = &t->out->e[t->out->n];
            memset(e, 0, sizeof *e);
            e->sentence = s->index;
            if (p->year && p->year != t->docyear)
                snprintf(e->date, sizeof e->date, "%04d", p->year);
            else
                snprintf(e->date, sizeof e->date, "%s", t->doc->date);
            fill_actor(t, sm, &e->source);
            fill_actor(t, tm, &e->target);
            memcpy(e->code, p->code, 5);
            snprintf(e->base, sizeof e->base, "%.3s", p->code);
            snprintf(e->root, sizeof e->root, "%.2s", p->code);
            e->quad = cameo_quad(p->code);
            e->goldstein = cc->goldstein;
            e->plover = cc->plover;
            e->plover_mode = cc->mode;
            e->flags = p->flags;
            const pl_token *a = &s->tok[p->pred];
            uint32_t lo = a->off, hi = a->off + a->len;
            if (p->trigger2 >= 0 && abs(p->trigger2 - p->pred) <= 4) {
                /* the predicate with its nearby second word ("held talks",
                 * "refuse to cease"); far apart, the predicate alone */
                const pl_token *b = &s->tok[p->trigger2];
                if (b->off < lo) lo = b->off;
                if (b->off + b->len > hi) hi = b->off + b->len;
            }
            e->verb_off = lo;
            e->verb_len = hi - lo;
            e->pattern_file = p->pat ? t->v->files[p->pat->file] : "(composed)";
            e->pattern_line = p->pat ? p->pat->line : 0;
            e->mentions = 1;
            e->sent_off = s->off;
            e->sent_len = s->len;
            e->confidence = confidence(p, e);
            t->out->n++;
        }
    return PL_OK;
}

/* ---- the sentence --------------------------------------------------------- */

static int build(tree *t, pl_arena *a) {
    int n = t->n;
    t->lem = pl_arena_calloc(a, (size_t)n + 1, sizeof *t->lem);
    t->first = pl_arena_calloc(a, (size_t)n + 1, sizeof *t->first);
    t->next = pl_arena_calloc(a, (size_t)n + 1, sizeof *t->next);
    t->ment = pl_arena_calloc(a, (size_t)n + 1, sizeof *t->ment);
    t->ment_head = pl_arena_calloc(a, (size_t)n + 1, sizeof *t->ment_head);
    if (!t->lem || !t->first || !t->next || !t->ment || !t->ment_head)
        return PL_ENOMEM;
    for (int i = 0; i < n; i++) {
        const pl_token *k = &t->s->tok[i];
        const char *l = k->lemma ? k->lemma : k->form;
        char buf[128];
        size_t len = strlen(l);
        if (len < sizeof buf) {
            for (size_t j = 0; j <= len; j++)
                buf[j] = (char)tolower((unsigned char)l[j]);
            t->lem[i] = pl_intern_find(&t->v->words, buf, len);
        }
        t->first[i] = t->next[i] = t->ment[i] = t->ment_head[i] = -1;
    }
    /* children in token order: walk backwards, pushing to the front */
    for (int i = n - 1; i >= 0; i--) {
        int h = head_of(t, i);
        if (h < 0 || h >= n || h == i)
            continue;
        t->next[i] = t->first[h];
        t->first[h] = i;
    }
    /* "a mediation effort", "rescue efforts": a noun of trying stands for
     * the event noun compounded with it, for matching its patterns and as
     * the object of other patterns ("ended mediation efforts") */
    static const char *const tries[] = {"effort", "bid", "attempt", "initiative", "push", "drive", NULL};
    for (int i = 0; i < n; i++) {
        int h = head_of(t, i);
        if (h < 0 || h >= n || dep(t, i) != PL_DEP_COMPOUND || upos(t, i) != PL_UPOS_NOUN ||
            !lemma_in(t, h, tries))
            continue;
        uint32_t w = t->lem[i];
        if (w && w < t->v->nindexed && t->v->start[w] < t->v->start[w + 1])
            t->lem[h] = w;
    }
    for (size_t m = 0; t->ms && m < t->ms->n; m++) {
        const pl_mention *mm = &t->ms->m[m];
        for (uint32_t i = mm->start; i < mm->end && i < (uint32_t)n; i++)
            if (t->ment[i] < 0)
                t->ment[i] = (int)m;
        if (mm->head < (uint32_t)n && t->ment_head[mm->head] < 0)
            t->ment_head[mm->head] = (int)m;
    }
    return PL_OK;
}

/* Codes predicate p into *pd; 0 when it carries no event. */
static int code_predicate(tree *t, int p, pending *pd) {
    const pl_token *k = &t->s->tok[p];
    unsigned u = upos(t, p);
    if (u != PL_UPOS_VERB && u != PL_UPOS_NOUN && u != PL_UPOS_PROPN && u != PL_UPOS_ADJ &&
        u != PL_UPOS_NONE)
        return 0;
    if (t->ment[p] >= 0 || dep(t, p) == PL_DEP_COMPOUND)
        return 0; /* part of a name: "Defense Minister" */
    match m = {0};
    if (!best_match(t, p, &m))
        return 0;
    if (!m.pat->code[0]) {
        explain(t, "  '%s': blocked by %s:%u", k->form, t->v->files[m.pat->file], m.pat->line);
        return 0;
    }
    memset(pd, 0, sizeof *pd);
    pd->pat = m.pat;
    memcpy(pd->code, m.pat->code, 5);
    pd->pred = p;
    pd->trigger2 = m.trigger2;
    int nominal = u == PL_UPOS_NOUN || u == PL_UPOS_PROPN;
    if (nominal) {
        pd->flags |= PL_EV_NOMINAL;
        nominal_source(t, p, &pd->src, &pd->tgt);
    } else {
        collect(t, subject_of(t, p, 0), &pd->src, 0);
    }
    if (m.target >= 0)
        collect(t, m.target, &pd->tgt, 0);
    else if (m.pat->obj.kind == VA_WORD || m.pat->obj.kind == VA_SET) {
        /* "expelled Russian diplomats": the object names its own actor */
        int o = object_of(t, p);
        if (o >= 0)
            collect(t, o, &pd->tgt, 0);
    }
    if (pd->tgt.n > 0) {
        /* "held a call with Macron, in addition to Trump": an additive
         * phrase on the predicate (or its light verb) is one more target */
        int owners[2] = {p, nominal ? light_verb_of(t, p) : -1};
        for (int o = 0; o < 2; o++)
            for (int c = owners[o] >= 0 ? t->first[owners[o]] : -1; c >= 0; c = t->next[c]) {
                int x = also_of(t, c);
                if (x >= 0)
                    collect(t, x, &pd->tgt, 0);
            }
    }
    if (pd->tgt.n == 0 && !nominal && strncmp(pd->code, "01", 2) != 0) {
        /* "denounced that Moscow ...": but a statement is about its clause,
         * not addressed to the clause's subject */
        int cc = child(t, p, PL_DEP_CCOMP);
        if (cc >= 0)
            collect(t, subject_of(t, cc, 0), &pd->tgt, 0);
    }
    pd->flags |= flags_of(t, p, nominal);
    if (!nominal && in_noun_modifier(t, p))
        pd->flags |= PL_EV_BACKGROUND;
    pd->year = year_of(t, p);
    if (pd->year && pd->year != t->docyear)
        pd->flags |= PL_EV_HISTORICAL;
    explain(t, "  '%s': pattern %s:%u -> %s (%d source%s, %d target%s)", k->form,
            t->v->files[m.pat->file], m.pat->line, pd->code, pd->src.n, pd->src.n == 1 ? "" : "s",
            pd->tgt.n, pd->tgt.n == 1 ? "" : "s");
    return 1;
}

static int cmp_pending(const void *a, const void *b) {
    const pending *x = a, *y = b;
    return x->order != y->order ? (x->order < y->order ? -1 : 1) : (x->pred > y->pred) - (x->pred < y->pred);
}

int pl_code_sentence(pl_ctx *ctx, const pl_verbs *v, const pl_doc *doc, const pl_sentence *s,
                     const pl_mentions *ms, unsigned options, pl_events *out) {
    if (!s || s->ntok == 0)
        return 0;
    pl_arena a = {0};
    tree t = {v, doc, s, ms, (int)s->ntok, NULL, NULL, NULL, NULL, NULL, out, options, 0};
    t.docyear = doc && strlen(doc->date) >= 4 ? atoi(doc->date) : 0;
    size_t before = out->n;
    int rc = build(&t, &a);
    /* one pending event per predicate, and at most one more per predicate
     * from composition or accusation */
    int cap = 2 * t.n + 2;
    pending *pd = rc ? NULL : pl_arena_calloc(&a, (size_t)cap, sizeof *pd);
    if (!pd) {
        pl_arena_free(&a);
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    }
    int *slot = pl_arena_calloc(&a, (size_t)t.n, sizeof *slot);
    if (!slot) {
        pl_arena_free(&a);
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    }
    int np = 0;
    for (int p = 0; p < t.n; p++) {
        slot[p] = -1;
        if (code_predicate(&t, p, &pd[np])) {
            slot[p] = np;
            pd[np].order = 2 * p + 1;
            np++;
        }
    }
    /* modality: compose "urged X to withdraw", "said that X must accept" */
    for (int i = 0; i < np; i++) {
        int p = pd[i].pred, cp = p;
        if (pd[i].flags & PL_EV_NOMINAL) {
            int lv = light_verb_of(&t, p);
            unsigned dp = dep(&t, p);
            int hp = head_of(&t, p);
            if (lv >= 0 && slot[lv] >= 0 &&
                ((lemma_in(&t, lv, announce_verbs) && strncmp(pd[slot[lv]].code, "01", 2) == 0) ||
                 lemma_in(&t, lv, approve_verbs))) {
                explain(&t, "  '%s': the act '%s' announces or allows, coded instead of it",
                        s->tok[p].form, s->tok[lv].form);
                pd[slot[lv]].code[0] = 0;
                slot[lv] = -1;
            }
            if (lv >= 0 && slot[lv] >= 0) {
                explain(&t, "  '%s': coded with '%s'", s->tok[p].form, s->tok[lv].form);
                pd[i].code[0] = 0; /* the light verb's own pattern covers it */
                continue;
            }
            if (lv >= 0) {
                cp = lv; /* "urged X to hold talks": the clause is the light verb's */
            } else if (hp >= 0 && slot[hp] >= 0 &&
                       (dp == PL_DEP_OBJ || dp == PL_DEP_NSUBJ_PASS || pd[slot[hp]].trigger2 == p ||
                        ((depb(&t, p) == PL_DEP_OBL || depb(&t, p) == PL_DEP_NMOD) && content_case(&t, p)))) {
                /* "demanded Pashinyan's resignation", "accused X of attacks":
                 * the noun is what the governing event is about */
                explain(&t, "  '%s': content of '%s', not an event of its own", s->tok[p].form,
                        s->tok[hp].form);
                pd[i].code[0] = 0;
                continue;
            }
        }
        /* a second conjunct shares the first one's place: "said that Ukraine
         * is ready, but that Russia must accept a ceasefire" */
        int first = cp;
        for (int k = 0; k < 8 && dep(&t, first) == PL_DEP_CONJ && head_of(&t, first) >= 0; k++)
            first = head_of(&t, first);
        int h = head_of(&t, first);
        unsigned d = h >= 0 ? dep(&t, first) : 0;
        if (first != cp && reporting_verb(&t, first) && child(&t, cp, PL_DEP_MARK) >= 0 &&
            lemma_is(&t, child(&t, cp, PL_DEP_MARK), "that")) {
            /* "emphasized that ..., but that Russia must ...": a second
             * complement parsed as a conjunct of the reporting verb */
            h = first;
            d = PL_DEP_CCOMP;
        }
        if (h < 0)
            continue;
        int fam = FAM_NONE;
        pending *gov = slot[h] >= 0 ? &pd[slot[h]] : NULL;
        if (d == PL_DEP_XCOMP)
            fam = family_of(&t, h);
        if (d == PL_DEP_XCOMP && lemma_is(&t, h, "fail")) {
            /* "failed to reach a deal": cooperation that did not come is a
             * rejection (12x); anything else failed did not happen */
            int root = root_of(pd[i].code);
            if (root >= 3 && root <= 8 && !(pd[i].flags & PL_EV_NEGATED)) {
                fam = FAM_REJECT;
            } else {
                pd[i].flags |= PL_EV_NEGATED;
                explain(&t, "  '%s': failed, so negated", s->tok[p].form);
                continue;
            }
        }
        if (d == PL_DEP_CCOMP && obligation(&t, cp) && (reporting_verb(&t, h) || family_of(&t, h) == FAM_DEMAND))
            fam = FAM_DEMAND;
        else if (d == PL_DEP_CCOMP && (family_of(&t, h) == FAM_DEMAND || family_of(&t, h) == FAM_APPEAL))
            fam = family_of(&t, h); /* "demanded that the government protect ..." */
        if (gov && (gov->trigger2 == p || gov->trigger2 == cp) && d == PL_DEP_XCOMP && gov->pat &&
            gov->pat->spec > 1) {
            /* the governor's own pattern already spells out the complement
             * ("urge T to withdraw"): its code stands, the complement's
             * action did not happen (yet) */
            explain(&t, "  '%s': part of the pattern of '%s'", s->tok[p].form, s->tok[h].form);
            if (gov->tgt.n == 0)
                gov->tgt = pd[i].tgt;
            pd[i].code[0] = 0;
            continue;
        }
        if (fam == FAM_NONE) {
            if (d == PL_DEP_CCOMP && reporting_verb(&t, h)) {
                pd[i].flags |= PL_EV_REPORTED;
                pd[i].order = 2 * h; /* the reported event before the report */
                /* "Tusk stated that the Russians have broken the talks":
                 * reporting another's hostile act is an accusation */
                int root = root_of(pd[i].code);
                if (root >= 11 && slot[h] < 0 && np < cap && pd[i].src.n) {
                    pending c;
                    memset(&c, 0, sizeof c);
                    collect(&t, subject_of(&t, h, 0), &c.src, 0);
                    /* "the Houthis claimed that they had attacked the
                     * airport": one's own act claimed is responsibility
                     * claimed (015), told is no accusation */
                    int own = c.src.n && strcmp(t.ms->m[c.src.m[0]].code,
                                                t.ms->m[pd[i].src.m[0]].code) == 0;
                    static const char *const claim[] = {"claim", "acknowledge", "admit", "confirm", NULL};
                    if (own && root >= 14 && lemma_in(&t, h, claim)) {
                        memcpy(c.code, "015", 4);
                        c.tgt = pd[i].tgt;
                        c.pred = h;
                        c.trigger2 = p;
                        c.flags = PL_EV_COMPOSED | flags_of(&t, h, 0);
                        c.order = 2 * h; /* the claim first, then what it claims */
                        pd[i].order = 2 * h + 1;
                        explain(&t, "  '%s': claims its own %s: responsibility 015", s->tok[h].form, pd[i].code);
                        pd[np++] = c;
                        continue;
                    }
                    if (c.src.n && !own) {
                        memcpy(c.code, "112", 4);
                        c.tgt = pd[i].src;
                        c.pred = h;
                        c.trigger2 = p;
                        c.flags = PL_EV_COMPOSED | flags_of(&t, h, 0);
                        c.pat = NULL; /* no pattern: the rule above */
                        c.order = 2 * h + 1;
                        explain(&t, "  '%s': reports %s by another: accusation 112", s->tok[h].form, pd[i].code);
                        pd[np++] = c;
                    }
                }
            }
            continue;
        }
        char code[5];
        compose(fam, pd[i].code, code);
        explain(&t, "  '%s' + '%s': composed %s from %s", s->tok[h].form, s->tok[p].form, code, pd[i].code);
        /* the governor's event becomes the composed one; its target is the
         * embedded clause's subject (demand) or the embedded target */
        args src = {{0}, 0}, tgt = pd[i].tgt;
        collect(&t, subject_of(&t, h, 0), &src, 0);
        if ((fam == FAM_DEMAND || fam == FAM_APPEAL) && d == PL_DEP_CCOMP) {
            args who = {{0}, 0};
            collect(&t, subject_of(&t, cp, 0), &who, 0);
            if (who.n)
                tgt = who;
        }
        if (fam == FAM_APPEAL || fam == FAM_DEMAND) {
            int o = child(&t, h, PL_DEP_OBJ); /* "urged Ukraine to ..." */
            if (o >= 0) {
                args who = {{0}, 0};
                collect(&t, o, &who, 0);
                if (who.n)
                    tgt = who;
            }
        }
        pending c = pd[i];
        memcpy(c.code, code, 5);
        c.src = src;
        c.tgt = tgt;
        c.pred = h;
        c.trigger2 = p;
        c.flags = (pd[i].flags & ~(PL_EV_HYPOTHETICAL | PL_EV_FUTURE)) | PL_EV_COMPOSED;
        c.flags = (c.flags & ~PL_EV_NEGATED) | flags_of(&t, h, 0);
        c.pat = gov ? gov->pat : pd[i].pat;
        c.order = 2 * h + 1;
        if (gov)
            *gov = c;
        else if (np < cap)
            pd[np++] = c;
        pd[i].code[0] = 0; /* the embedded action did not happen (yet) */
    }
    /* "will not lift the ban", "won't meet": a cooperative act (roots 03 to
     * 08) negated under will/would is a refusal, as CAMEO codes "refuse to
     * ease sanctions" (1244) or "reject proposal to meet" (125); "did not
     * meet" stays a negated fact */
    for (int i = 0; i < np; i++) {
        int root = root_of(pd[i].code);
        if (root < 3 || root > 8 || !(pd[i].flags & PL_EV_NEGATED) || (pd[i].flags & PL_EV_COMPOSED) ||
            !will_not(&t, pd[i].pred))
            continue;
        char code[5];
        compose(FAM_REJECT, pd[i].code, code);
        explain(&t, "  '%s': %s under 'will not' read as refusal %s", s->tok[pd[i].pred].form, pd[i].code, code);
        memcpy(pd[i].code, code, 5);
        pd[i].flags = (pd[i].flags & ~(PL_EV_NEGATED | PL_EV_FUTURE | PL_EV_HYPOTHETICAL)) | PL_EV_COMPOSED;
    }
    /* "the rebels said they will release three hostages", "Russia will meet
     * Ukraine": a cooperative act (roots 04 to 08) in the future is an
     * intention, as CAMEO codes it (0353, 036); conflict in the future
     * stays as it is, flagged */
    for (int i = 0; i < np; i++) {
        int root = root_of(pd[i].code);
        /* "said it would allow": the future of reported speech */
        static const char *const would[] = {"would", NULL};
        int fut = (pd[i].flags & PL_EV_FUTURE) ||
                  ((pd[i].flags & PL_EV_REPORTED) && (pd[i].flags & PL_EV_HYPOTHETICAL) &&
                   verb_has(&t, pd[i].pred, PL_DEP_AUX, would));
        if (root < 4 || root > 8 || !fut || (pd[i].flags & (PL_EV_NEGATED | PL_EV_COMPOSED)))
            continue;
        char code[5];
        compose(FAM_INTENT, pd[i].code, code);
        explain(&t, "  '%s': future %s read as intent %s", s->tok[pd[i].pred].form, pd[i].code, code);
        memcpy(pd[i].code, code, 5);
        pd[i].flags = (pd[i].flags & ~(PL_EV_FUTURE | PL_EV_HYPOTHETICAL)) | PL_EV_COMPOSED;
    }
    /* coercion under a condition is a threat: "sanctions if ... not taken" */
    for (int i = 0; i < np; i++) {
        int root = root_of(pd[i].code);
        if (root >= 15 && (pd[i].flags & PL_EV_HYPOTHETICAL) && !(pd[i].flags & PL_EV_COMPOSED)) {
            char code[5];
            threat_code(pd[i].code, code);
            explain(&t, "  '%s': conditional %s read as threat %s", s->tok[pd[i].pred].form, pd[i].code, code);
            memcpy(pd[i].code, code, 5);
            pd[i].flags = (pd[i].flags & ~PL_EV_HYPOTHETICAL) | PL_EV_COMPOSED;
        }
    }
    qsort(pd, (size_t)np, sizeof *pd, cmp_pending);
    for (int i = 0; i < np && rc == PL_OK; i++) {
        if (!pd[i].code[0])
            continue;
        if (pd[i].src.n == 0 && (pd[i].tgt.n < 2 || !(pd[i].flags & PL_EV_NOMINAL))) {
            explain(&t, "  '%s': %s has no source actor; not coded", s->tok[pd[i].pred].form, pd[i].code);
            continue;
        }
        if (pd[i].src.n == 0) { /* "talks between Russia and Ukraine" */
            add_arg(&pd[i].src, pd[i].tgt.m[0]);
        }
        if ((pd[i].flags & PL_EV_NEGATED) && !(options & PL_CODE_KEEP_NEGATED)) {
            explain(&t, "  '%s': %s negated; not emitted", s->tok[pd[i].pred].form, pd[i].code);
            continue;
        }
        int root = root_of(pd[i].code);
        if (pd[i].tgt.n == 0 && pd[i].src.n >= 2 && root >= 3 && root <= 8) {
            /* "Russia and Ukraine met": each with the other (cooperation is
             * mutual; a joint statement is not addressed to its authors) */
            pending r = pd[i];
            for (int k = 0; k < pd[i].src.n && rc == PL_OK; k++) {
                r.src.n = 1;
                r.src.m[0] = pd[i].src.m[k];
                r.tgt.n = 0;
                for (int j = 0; j < pd[i].src.n; j++)
                    if (j != k)
                        add_arg(&r.tgt, pd[i].src.m[j]);
                rc = emit(&t, &r);
            }
            continue;
        }
        rc = emit(&t, &pd[i]);
    }
    pl_arena_free(&a);
    if (rc)
        return pl_fail(ctx, rc, "out of memory");
    return (int)(out->n - before);
}

void pl_events_free(pl_events *ev) {
    free(ev->e);
    free(ev->explain);
    memset(ev, 0, sizeof *ev);
}

pl_verbs *pl_verbs_load(pl_ctx *ctx, const char *path) {
    char buf[4096];
    if (!path) {
        if (pl_data_path(ctx, "verbs", buf, sizeof buf) != PL_OK)
            return NULL;
        path = buf;
    }
    size_t n = strlen(path);
    if ((n > 4 && strcmp(path + n - 4, ".txt") == 0) || (n > 6 && strcmp(path + n - 6, ".verbs") == 0)) {
        pl_verbs *v = verbs_new();
        if (!v) {
            pl_fail(ctx, PL_ENOMEM, "out of memory");
            return NULL;
        }
        if (verbs_load_file(ctx, v, path) != PL_OK || verbs_finish(ctx, v) != PL_OK) {
            verbs_free(v);
            return NULL;
        }
        return v;
    }
    return verbs_load(ctx, path);
}

void pl_verbs_free(pl_verbs *v) {
    verbs_free(v);
}
