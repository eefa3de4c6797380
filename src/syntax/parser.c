/*
 * parser.c — greedy arc-hybrid dependency parsing (transition system in
 * feats.c). At each step an averaged perceptron scores SHIFT, LEFT and RIGHT
 * and the best valid one is taken. When a transition adds an arc, a second
 * perceptron labels it at once, from the two words, the dependent's whole
 * subtree (complete in arc-hybrid when it is attached) and the head's
 * children so far; later decisions see the label. Both were trained with a
 * dynamic oracle (tools/train_parse.c), so they are used to recovering from
 * their own mistakes.
 */
#include <string.h>

#include "syntax/sx.h"
#include "syntax/syntax.h"

static unsigned best_label(const pl_model *m, const sx_state *s, const sx_tok *toks, int h, int d) {
    if (h == 0)
        return m->par.root_label;
    uint64_t f[SX_LABEL_NFEAT];
    int32_t score[SX_MAX_LABELS + 8] = {0};
    sx_label_feats(s, toks, h, d, f);
    sx_rows_score(&m->labeller, f, SX_LABEL_NFEAT, score);
    unsigned nl = m->par.nlabels, best = nl;
    for (unsigned c = 0; c < nl; c++)
        if (c != m->par.root_label && (best == nl || score[c] > score[best]))
            best = c;
    return best == nl ? m->par.root_label : best;
}

void sx_parse_tree(const pl_model *m, sx_state *s, const sx_tok *toks) {
    uint64_t f[SX_PARSE_NFEAT];
    unsigned valid;
    while ((valid = sx_valid(s)) != 0) {
        int t = -1;
        if ((valid & (valid - 1)) == 0) { /* one choice: no need to score */
            t = __builtin_ctz(valid);
        } else {
            int32_t score[SX_NTRANS] = {0, 0, 0};
            sx_parse_feats(s, toks, f);
            sx_w3_score(&m->trans, f, SX_PARSE_NFEAT, score);
            for (int k = 0; k < SX_NTRANS; k++)
                if ((valid >> k & 1) && (t < 0 || score[k] > score[t]))
                    t = k;
        }
        unsigned label = 0;
        if (t != SX_SHIFT) {
            int h, d = sx_arc_of(s, t, &h);
            label = best_label(m, s, toks, h, d) + 1;
        }
        sx_apply(s, t, label);
    }
}

/* ---- punctuation ------------------------------------------------------------------ */

/* Pairing classes of brackets and quotes: > 0 opens, < 0 closes, 99 is the
 * straight double quote (opens and closes), 0 anything else. */
static int pair_kind(const char *f) {
    if (!f)
        return 0;
    if (!strcmp(f, "(")) return 1;
    if (!strcmp(f, ")")) return -1;
    if (!strcmp(f, "[")) return 2;
    if (!strcmp(f, "]")) return -2;
    if (!strcmp(f, "{")) return 3;
    if (!strcmp(f, "}")) return -3;
    if (!strcmp(f, "\xE2\x80\x9C")) return 4;  /* “ */
    if (!strcmp(f, "\xE2\x80\x9D")) return -4; /* ” */
    if (!strcmp(f, "\"")) return 99;
    return 0;
}

static int descends(const sx_state *s, int a, int b) { /* is b an ancestor of a? */
    for (int k = 0; a > 0 && k <= s->n; k++) {
        a = s->node[a].head;
        if (a == b)
            return 1;
    }
    return 0;
}

void sx_punct_fix(const pl_model *m, sx_state *s, const sx_tok *toks, const char *const *forms) {
    int n = s->n, pl = -1;
    for (unsigned c = 0; c < m->par.nlabels; c++)
        if (m->label_dep[c] == PL_DEP_PUNCT)
            pl = (int)c + 1;
    if (pl < 0 || n < 2)
        return;
    int32_t *to = s->stack; /* scratch: bracket partner's new head, 0 none */
    for (int i = 0; i <= n; i++)
        to[i] = 0;
#define ISP(i) (m->tag_upos[toks[(i) - 1].tag - 1] == PL_UPOS_PUNCT)
    /* a bracketed or quoted phrase: both marks go to its head */
    int open[64], nopen = 0, quote = 0;
    for (int i = 1; i <= n; i++) {
        if (!ISP(i))
            continue;
        int k = pair_kind(forms[i - 1]), a = 0;
        if (k == 99) {
            if (quote) {
                a = quote;
                quote = 0;
            } else {
                quote = i;
            }
        } else if (k > 0 && nopen < 64) {
            open[nopen++] = i;
        } else if (k < 0) {
            for (int j = nopen - 1; j >= 0; j--)
                if (pair_kind(forms[open[j] - 1]) == -k) {
                    a = open[j];
                    nopen = j;
                    break;
                }
        }
        if (!a)
            continue;
        int top = 0, tops = 0;
        for (int j = a + 1; j < i; j++) {
            int h = s->node[j].head;
            if (!ISP(j) && !(h > a && h < i)) {
                top = j;
                tops++;
            }
        }
        if (tops == 1)
            to[a] = to[i] = top;
    }
    /* every other mark: to the nearer of the phrases around it, projectively */
    for (int p = 1; p <= n; p++) {
        sx_node *pn = &s->node[p];
        if (!ISP(p) || pn->label != pl || pn->head == 0 || pn->nl || pn->nr)
            continue;
        int h = to[p];
        if (!h) {
            int l = p - 1, r = p + 1;
            while (l > 0 && ISP(l))
                l--;
            while (r <= n && ISP(r))
                r++;
            if (r > n)
                r = 0;
            if (l > 0)
                while (s->node[l].head > 0 && s->node[l].head < p)
                    l = s->node[l].head;
            if (r > 0)
                while (s->node[r].head > 0 && s->node[r].head > p)
                    r = s->node[r].head;
            h = !l ? r : !r ? l : descends(s, r, l) ? r : l;
        }
        if (h > 0 && h != p)
            pn->head = h;
    }
#undef ISP
}

/* ---- relation subtypes ------------------------------------------------------------- */

static int is_nominal(const pl_model *m, const sx_tok *t) {
    unsigned u = m->tag_upos[t->tag - 1];
    return u == PL_UPOS_NOUN || u == PL_UPOS_PROPN;
}

/* The UD relation of word i (1-based), 0 when it has no label yet. */
static unsigned dep_at(const pl_model *m, const sx_state *s, int i) {
    return s->node[i].label ? m->label_dep[s->node[i].label - 1] : 0;
}

/* 1 when a word other than skip hangs on v with relation a or b. */
static int has_dep(const pl_model *m, const sx_state *s, int v, unsigned a, unsigned b, int skip) {
    for (int c = 1; c <= s->n; c++)
        if (c != skip && s->node[c].head == v && (dep_at(m, s, c) == a || dep_at(m, s, c) == b))
            return 1;
    return 0;
}

/* In a long list ("the leaders of France, Germany, the United Kingdom and
 * Poland") the greedy parser sometimes hangs a later item on the verb, as
 * a conjunct of the clause or as a bare nmod/obl after a comma. A noun
 * with no subject, copula, auxiliary or marker of its own is no clause, and
 * one with no case marker of its own is no prepositional phrase: when a
 * noun phrase runs between its head and it, the item joins that list (UD
 * hangs every conjunct on the first). */
static void conj_fix(const pl_model *m, sx_state *s, const sx_tok *toks, const char *const *forms) {
    const int16_t *L = m->dep_label;
    int conj = L[PL_DEP_CONJ];
    if (!conj)
        return;
    int n = s->n;
    enum { CLAUSE = 1, CASE = 2, SEP = 4 };
    int32_t *has = s->stack; /* scratch: what each word's dependents are */
    for (int i = 0; i <= n; i++)
        has[i] = 0;
    for (int i = 1; i <= n; i++) {
        int h = s->node[i].head;
        if (h <= 0 || !s->node[i].label)
            continue;
        unsigned d = m->label_dep[s->node[i].label - 1];
        if (d == PL_DEP_NSUBJ || d == PL_DEP_NSUBJ_PASS || d == PL_DEP_COP || d == PL_DEP_AUX ||
            d == PL_DEP_AUX_PASS || d == PL_DEP_MARK)
            has[h] |= CLAUSE;
        else if (d == PL_DEP_CASE)
            has[h] |= CASE;
        else if (i < h && (d == PL_DEP_CC || (d == PL_DEP_PUNCT && strcmp(forms[i - 1], ",") == 0)))
            has[h] |= SEP;
    }
    for (int i = 2; i <= n; i++) {
        sx_node *d = &s->node[i];
        int h = d->head;
        if (h <= 0 || h >= i || !d->label || (has[i] & CLAUSE) || !is_nominal(m, &toks[i - 1]))
            continue;
        unsigned dep = m->label_dep[d->label - 1];
        int verb = m->tag_upos[toks[h - 1].tag - 1] == PL_UPOS_VERB;
        if (!(dep == PL_DEP_CONJ && verb) &&
            !((dep == PL_DEP_NMOD || dep == PL_DEP_OBL) && !(has[i] & CASE) && (has[i] & SEP)))
            continue;
        int first = 0;
        for (int j = i - 1; j > h && !first; j--) {
            const sx_node *dj = &s->node[j];
            if (!is_nominal(m, &toks[j - 1]) || !dj->label)
                continue;
            unsigned dd = m->label_dep[dj->label - 1];
            if (dd == PL_DEP_CONJ && dj->head > h && dj->head < j && is_nominal(m, &toks[dj->head - 1]))
                first = dj->head;
            else if (dep != PL_DEP_CONJ && dj->head == h && (dd == PL_DEP_NMOD || dd == PL_DEP_OBL ||
                                                            dd == PL_DEP_OBJ))
                first = j;
            else if (dep != PL_DEP_CONJ && (dd == PL_DEP_NMOD || dd == PL_DEP_OBJ) &&
                     dj->head > h && dj->head < j)
                first = j; /* "call with the leaders of France, Germany" */
        }
        if (!first)
            continue;
        int up = first, steps = 0; /* never under its own dependent */
        while (up > 0 && up != i && steps++ <= n)
            up = s->node[up].head;
        if (up != i) {
            d->head = first;
            d->label = (uint16_t)conj;
        }
    }
}

/* 1 when a is an ancestor of i (or i itself). */
static int dominates(const sx_state *s, int a, int i) {
    for (int steps = 0; i > 0 && steps <= s->n; steps++) {
        if (i == a)
            return 1;
        i = s->node[i].head;
    }
    return 0;
}

/* "Afghan President Ashraf Ghani on Thursday announced ...": the greedy
 * parser, seeing a capitalised adjective first, sometimes hangs it on the
 * verb and the name phrase under it. An adjective directly before a noun
 * (or before more adjectives and a noun) modifies that noun in English;
 * when it was hung outside its noun phrase, it goes back to the phrase's
 * first noun, and a phrase that hung on the adjective takes the
 * adjective's place: as the verb's subject when it stands before a verb
 * that has none. */
static void adj_fix(const pl_model *m, sx_state *s, const sx_tok *toks) {
    const int16_t *L = m->dep_label;
    int amod = L[PL_DEP_AMOD], nsubj = L[PL_DEP_NSUBJ], nsubjpass = L[PL_DEP_NSUBJ_PASS];
    if (!amod || !nsubj)
        return;
    int n = s->n;
#define UPOS(i) (m->tag_upos[toks[(i) - 1].tag - 1])
    for (int i = 1; i < n; i++) {
        if (UPOS(i) != PL_UPOS_ADJ)
            continue;
        int k = i + 1;
        while (k <= n && UPOS(k) == PL_UPOS_ADJ)
            k++;
        if (k > n || (UPOS(k) != PL_UPOS_PROPN && UPOS(k) != PL_UPOS_NOUN))
            continue;
        int h = s->node[i].head;
        if (h == 0) { /* "Prime Minister Justin Trudeau expressed ...": "Prime" made the root */
            int v = 0;
            for (int c = k + 1; c <= n && !v; c++)
                if (s->node[c].head == i && UPOS(c) == PL_UPOS_VERB)
                    v = c;
            int subj = 0;
            for (int c = k; c < v && v; c++)
                if (s->node[c].head == v &&
                    (dep_at(m, s, c) == PL_DEP_NSUBJ || dep_at(m, s, c) == PL_DEP_NSUBJ_PASS))
                    subj = c;
            if (!v || !subj)
                continue;
            for (int c = 1; c <= n; c++) /* the adjective's other dependents go to the verb */
                if (s->node[c].head == i && c != v && !(c > i && c < k))
                    s->node[c].head = v;
            s->node[v].head = 0;
            s->node[v].label = (uint16_t)(m->par.root_label + 1);
            s->node[i].head = k;
            s->node[i].label = (uint16_t)amod;
            continue;
        }
        if (h <= k || UPOS(h) != PL_UPOS_VERB)
            continue; /* inside its phrase already, or not hung on a verb */
        /* the top of the noun phrase that starts at k, below h */
        int r = k, steps = 0;
        while (s->node[r].head > i && s->node[r].head < h && steps++ <= n)
            r = s->node[r].head;
        if (s->node[r].head == i) {
            if (has_dep(m, s, h, PL_DEP_NSUBJ, PL_DEP_NSUBJ_PASS, i))
                continue;
            int pass = has_dep(m, s, h, PL_DEP_AUX_PASS, PL_DEP_AUX_PASS, 0);
            s->node[r].head = h;
            s->node[r].label = (uint16_t)(pass && nsubjpass ? nsubjpass : nsubj);
        } else if (s->node[r].head != h || dominates(s, i, k)) {
            continue;
        }
        s->node[i].head = k;
        s->node[i].label = (uint16_t)amod;
    }
#undef UPOS
}

static int is_time_word(const sx_tok *t) {
    static const char *const w[] = {"week", "month", "year", "day", "weekend", "night", "morning",
                                    "afternoon", "evening", "monday", "tuesday", "wednesday",
                                    "thursday", "friday", "saturday", "sunday", NULL};
    for (int k = 0; w[k]; k++)
        if (t->lower == sx_hash(w[k], strlen(w[k])))
            return 1;
    return 0;
}

/* "Denmark last week announced ...", "Russia on Monday said": news puts a
 * time phrase between subject and verb, and the parser may read the name
 * as a compound of the time noun ("Denmark week"). A name or noun hung as
 * a compound on a time noun that is an unmarked oblique of a verb with no
 * subject is that verb's subject. */
static void time_subject_fix(const pl_model *m, sx_state *s, const sx_tok *toks) {
    const int16_t *L = m->dep_label;
    int compound = L[PL_DEP_COMPOUND], nsubj = L[PL_DEP_NSUBJ];
    if (!compound || !nsubj)
        return;
    int n = s->n;
    for (int i = 1; i <= n; i++) {
        sx_node *d = &s->node[i];
        int w = d->head;
        if (d->label != compound || w <= i || w > n || !is_time_word(&toks[w - 1]))
            continue;
        unsigned u = m->tag_upos[toks[i - 1].tag - 1];
        int v = s->node[w].head;
        if ((u != PL_UPOS_PROPN && u != PL_UPOS_NOUN) || v <= w || v > n ||
            m->tag_upos[toks[v - 1].tag - 1] != PL_UPOS_VERB || !s->node[w].label)
            continue;
        unsigned wd = dep_at(m, s, w);
        if (pl_deprel_base(wd) != PL_DEP_OBL && pl_deprel_base(wd) != PL_DEP_NMOD)
            continue;
        int case_word = 0; /* "Denmark in the week": a phrase, not a time noun */
        for (int c = i + 1; c < w; c++)
            if (s->node[c].head == w && dep_at(m, s, c) == PL_DEP_CASE)
                case_word = 1;
        if (case_word || has_dep(m, s, v, PL_DEP_NSUBJ, PL_DEP_NSUBJ_PASS, 0))
            continue;
        /* the name's own words stay under it; it moves as a whole */
        d->head = v;
        d->label = (uint16_t)nsubj;
    }
}

/* "Peru's interim president, Manuel Merino, resigned": a noun phrase, a
 * comma, a name set off by commas, then the verb. The parser may make the
 * name the subject and hang the noun phrase on the verb as a bare oblique;
 * in English the first phrase is the subject and the name its apposition. */
static void appos_fix(const pl_model *m, sx_state *s, const sx_tok *toks, const char *const *forms) {
    const int16_t *L = m->dep_label;
    int appos = L[PL_DEP_APPOS];
    if (!appos)
        return;
    int n = s->n;
    for (int sb = 3; sb <= n; sb++) {
        int v = s->node[sb].head;
        unsigned sd = dep_at(m, s, sb);
        if (v <= sb || (sd != PL_DEP_NSUBJ && sd != PL_DEP_NSUBJ_PASS) ||
            m->tag_upos[toks[sb - 1].tag - 1] != PL_UPOS_PROPN || strcmp(forms[sb - 2], ",") != 0)
            continue;
        /* the name ends with a comma before the verb */
        int end = sb;
        while (end + 1 < v && s->node[end + 1].head == sb && strcmp(forms[end], ",") != 0)
            end++;
        if (end + 1 >= v || strcmp(forms[end], ",") != 0)
            continue;
        /* the phrase before the first comma, hung bare on the verb */
        int a = sb - 2;
        while (a > 1 && s->node[a].head > a && s->node[a].head < sb - 1)
            a = s->node[a].head;
        unsigned au = m->tag_upos[toks[a - 1].tag - 1];
        unsigned ad = dep_at(m, s, a);
        if (s->node[a].head != v || (au != PL_UPOS_NOUN && au != PL_UPOS_PROPN) ||
            (pl_deprel_base(ad) != PL_DEP_OBL && ad != PL_DEP_DEP && ad != PL_DEP_NMOD))
            continue;
        int has_case = 0;
        for (int c = 1; c < a; c++)
            if (s->node[c].head == a && dep_at(m, s, c) == PL_DEP_CASE)
                has_case = 1;
        if (has_case)
            continue;
        s->node[a].label = s->node[sb].label;
        s->node[sb].head = a;
        s->node[sb].label = (uint16_t)appos;
    }
}

void sx_label_fix(const pl_model *m, sx_state *s, const sx_tok *toks, const char *const *forms) {
    appos_fix(m, s, toks, forms);
    adj_fix(m, s, toks);
    time_subject_fix(m, s, toks);
    conj_fix(m, s, toks, forms);
    const int16_t *L = m->dep_label;
    int cop = L[PL_DEP_COP], auxpass = L[PL_DEP_AUX_PASS], cas = L[PL_DEP_CASE];
    int nsubj = L[PL_DEP_NSUBJ], nsubjpass = L[PL_DEP_NSUBJ_PASS];
    int csubj = L[PL_DEP_CSUBJ], csubjpass = L[PL_DEP_CSUBJ_PASS];
    int obl = L[PL_DEP_OBL], agent = L[PL_DEP_OBL_AGENT];
    int n = s->n;
    uint64_t by = sx_hash("by", 2);
    int32_t *has = s->stack; /* scratch: HAS_* bits of each word's dependents */
    enum { HAS_BY = 1, HAS_AUXPASS = 2 };
    for (int i = 0; i <= n; i++)
        has[i] = 0;
#define VBN(h) ((h) > 0 && m->tag_xpos[toks[(h) - 1].tag - 1] == PL_XPOS_VBN)
    /* the passive auxiliary goes with a participle, the copula without */
    for (int i = 1; i <= n; i++) {
        sx_node *d = &s->node[i];
        if (cop && auxpass && d->label == cop && VBN(d->head))
            d->label = (uint16_t)auxpass;
        else if (cop && auxpass && d->label == auxpass && !VBN(d->head))
            d->label = (uint16_t)cop;
    }
    for (int i = 1; i <= n; i++) {
        const sx_node *d = &s->node[i];
        if (d->head <= 0)
            continue;
        if (cas && d->label == cas && toks[i - 1].lower == by)
            has[d->head] |= HAS_BY;
        if (auxpass && d->label == auxpass)
            has[d->head] |= HAS_AUXPASS;
    }
    /* a subject is passive when its predicate has a passive auxiliary, and
     * an oblique "by" phrase of a participle is its agent */
    for (int i = 1; i <= n; i++) {
        sx_node *d = &s->node[i];
        if (d->head <= 0)
            continue;
        int pass = (has[d->head] & HAS_AUXPASS) != 0;
        if (nsubj && nsubjpass && (d->label == nsubj || d->label == nsubjpass))
            d->label = (uint16_t)(pass ? nsubjpass : nsubj);
        else if (csubj && csubjpass && (d->label == csubj || d->label == csubjpass))
            d->label = (uint16_t)(pass ? csubjpass : csubj);
        else if (obl && agent && (d->label == obl || d->label == agent))
            d->label = (uint16_t)((has[i] & HAS_BY) && VBN(d->head) ? agent : obl);
    }
#undef VBN
}
