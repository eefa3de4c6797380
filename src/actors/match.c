/*
 * match.c — actor mentions of one sentence.
 *
 * HOW IT WORKS, in three passes over the tokens:
 *
 *  1. Lookup. Each token gets its dictionary word id (norm.c). From each
 *     position the trie is walked as far as the words go; the longest
 *     entry name and the longest agent phrase there are kept, the longer
 *     of the two becomes an item (an entry wins a tie), and the walk goes
 *     on after it. Tokens no name covers are single-word items. A
 *     discard phrase anywhere ends the sentence with no mentions.
 *
 *  2. Composition. Items are read left to right and joined by a few
 *     patterns (docs/actors.md lists them with examples):
 *       COUNTRY [and COUNTRY]... ['s] [modifiers] AGENT... [PERSON|Name]
 *       AGENT... PERSON | AGENT... Capitalized Name
 *       AGENT... of [the] COUNTRY|ORGANIZATION [and COUNTRY]...
 *       Agent [of] Capitalized Name [of COUNTRY]  (Ministry of Foreign Affairs)
 *       ORGANIZATION AGENT...
 *     A person named after a title keeps the person's own dated code: the
 *     title says what the text calls them, the dictionary says what they
 *     were on that day. Anything left is an entry alone or an agent alone.
 *
 *  3. Coreference (coref.c), when the caller keeps a pl_coref.
 *
 * Capitalization: names are matched case-insensitively, except that a word
 * the dictionaries only ever write with a capital ("US", "Turkey") does not
 * match an all-lower-case word ("us", "turkey") unless it has a dot (u.s.)
 * or the whole sentence is lower case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actors/actors.h"

enum { IT_WORD, IT_ENTRY, IT_AGENT };

typedef struct item {
    uint8_t kind;            /* IT_* */
    int32_t idx;             /* entry or agent index */
    uint32_t start, end;     /* tokens */
    const char *code;        /* an entry's code on the date; NULL when none */
} item;

typedef struct msent {
    pl_ctx *ctx;
    const pl_actors *a;
    const pl_sentence *s;
    act_tok *ti;
    item *it;
    uint32_t ni;
    uint32_t *item_of;       /* token -> item index */
    pl_mentions *ms;
    int32_t date;
    int no_names;            /* a headline in Title Case: capitals say nothing */
} msent;

/* ---- small helpers ---------------------------------------------------------- */

int act_is(const pl_token *t, const char *w) {
    return strcasecmp(t->form, w) == 0;
}

pl_mention *act_push(pl_mentions *ms) {
    if (ms->n == ms->cap) {
        size_t nc = ms->cap ? ms->cap * 2 : 16;
        pl_mention *m = realloc(ms->m, nc * sizeof *m);
        if (!m)
            return NULL;
        ms->m = m;
        ms->cap = nc;
    }
    pl_mention *m = &ms->m[ms->n++];
    memset(m, 0, sizeof *m);
    m->name = "";
    m->wikidata = "";
    m->entry = -1;
    m->ref_sentence = -1;
    return m;
}

void act_span(pl_mention *m, const pl_sentence *s, uint32_t start, uint32_t end) {
    m->start = start;
    m->end = end;
    m->off = s->tok[start].off;
    m->len = s->tok[end - 1].off + s->tok[end - 1].len - m->off;
}

void act_set_code(const pl_actors *a, pl_mention *m, const char *code, const char *country) {
    size_t n = strlen(code);
    if (n > PL_CODE_MAX)
        n = PL_CODE_MAX;
    memcpy(m->code, code, n);
    m->code[n] = 0;
    if (n >= 3 && act_is_country(a, code)) {
        memcpy(m->country, code, 3);
        m->country[3] = 0;
        memcpy(m->agent, code + 3, n - 3 + 1);
    } else {
        if (country && *country)
            memcpy(m->country, country, 4);
        memcpy(m->agent, m->code, n + 1);
    }
}

static int cmp_mention(const void *x, const void *y) {
    const pl_mention *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return 0;
}

void act_sort(pl_mentions *ms) {
    /* insertion sort: lists are short and nearly sorted; stable for groups */
    for (size_t i = 1; i < ms->n; i++) {
        pl_mention t = ms->m[i];
        size_t j = i;
        while (j > 0 && cmp_mention(&ms->m[j - 1], &t) > 0) {
            ms->m[j] = ms->m[j - 1];
            j--;
        }
        ms->m[j] = t;
    }
}

uint8_t act_agent_gender(const pl_actors *a, const act_agent *g) {
    static const char *const male[] = {"king", "prince", "emperor", "duke", "sultan", "emir",
                                       "monk", "priest", "father", "brother", "son", "husband",
                                       "ayatollah", "pope", "patriarch", "sheikh", NULL};
    static const char *const female[] = {"queen", "princess", "empress", "duchess", "nun",
                                         "mother", "sister", "daughter", "wife", "first lady",
                                         NULL};
    (void)a;
    const char *p = g->phrase;
    const char *sp = strrchr(p, ' ');
    const char *w = sp ? sp + 1 : p;
    size_t n = strlen(w);
    if (n >= 5 && strcasecmp(w + n - 5, "woman") == 0)
        return PL_GENDER_FEMALE;
    if (n >= 3 && strcasecmp(w + n - 3, "man") == 0 && strcasecmp(w, "human") != 0 &&
        strcasecmp(w, "german") != 0)
        return PL_GENDER_MALE;
    for (int i = 0; male[i]; i++)
        if (strcasecmp(w, male[i]) == 0)
            return PL_GENDER_MALE;
    for (int i = 0; female[i]; i++)
        if (strcasecmp(w, female[i]) == 0 || strcasecmp(p, female[i]) == 0)
            return PL_GENDER_FEMALE;
    return PL_GENDER_UNKNOWN;
}

static const act_entry *entry_of(const msent *x, const item *it) {
    return &x->a->entries[it->idx];
}

static const act_agent *agent_of(const msent *x, const item *it) {
    return &x->a->agents[it->idx];
}

/* The country an entry item lends to an agent ("Ukrainian" -> UKR,
 * "Kremlin" -> RUS), or NULL when it is no country word. */
static const char *country_of(const msent *x, const item *it) {
    if (it->kind != IT_ENTRY || !it->code)
        return NULL;
    const act_entry *e = entry_of(x, it);
    size_t n = strlen(it->code);
    if (e->type == PL_ACTOR_COUNTRY || e->type == PL_ACTOR_CAPITAL) {
        if (n >= 3 && act_is_country(x->a, it->code))
            return it->code;
        if (e->type == PL_ACTOR_COUNTRY && n == 3)
            return it->code;
    }
    /* an entry without a type is a country word when its code is one */
    if (e->type == PL_ACTOR_OTHER && n == 3 && act_is_country(x->a, it->code))
        return it->code;
    return NULL;
}

static int is_person(const msent *x, const item *it) {
    return it->kind == IT_ENTRY && it->code && entry_of(x, it)->type == PL_ACTOR_PERSON;
}

static int is_org(const msent *x, const item *it) {
    if (it->kind != IT_ENTRY || !it->code)
        return 0;
    uint8_t t = entry_of(x, it)->type;
    return t == PL_ACTOR_ORGANIZATION || t == PL_ACTOR_GROUP ||
           (t == PL_ACTOR_OTHER && !country_of(x, it));
}

static const pl_token *tok_at(const msent *x, const item *it) {
    return &x->s->tok[it->start];
}

/* A word item that is one of the words given. */
static int word_item(const msent *x, uint32_t p, const char *const *words) {
    if (p >= x->ni || x->it[p].kind != IT_WORD)
        return 0;
    const pl_token *t = tok_at(x, &x->it[p]);
    for (int i = 0; words[i]; i++)
        if (act_is(t, words[i]))
            return 1;
    return 0;
}

static const char *const seps[] = {",", "and", "or", "&", NULL};
static const char *const poss[] = {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99", NULL};
static const char *const of_words[] = {"of", NULL};
static const char *const the_words[] = {"the", NULL};
static const char *const former_words[] = {"former", "ex", "ex-", NULL};

/* Words that may stand between a country word and its agent. */
static int modifier(const msent *x, uint32_t p) {
    static const char *const mods[] = {
        "senior", "top", "high-ranking", "high-level", "chief", "deputy", "acting", "interim",
        "local", "regional", "federal", "national", "state", "provincial", "municipal",
        "former", "new", "outgoing", "incoming", "elected", "current", "then", "ex", "two",
        "three", "four", "several", "many", "some", "other", "visiting", "ruling", "civilian",
        "armed", "regular", "own", "allied", "occupying", "pro-government", "anti-government",
        NULL};
    if (p >= x->ni || x->it[p].kind != IT_WORD)
        return 0;
    const pl_token *t = tok_at(x, &x->it[p]);
    if (t->upos)
        return t->upos == PL_UPOS_ADJ || (t->upos == PL_UPOS_NUM);
    for (int i = 0; mods[i]; i++)
        if (act_is(t, mods[i]))
            return 1;
    return 0;
}

/* Capitalized words that do not start a name. */
static int not_name(const pl_token *t) {
    static const char *const w[] = {
        "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "of", "to", "by", "with",
        "from", "as", "after", "before", "while", "when", "this", "that", "these", "those", "it",
        "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "its", "my", "your",
        "there", "here", "if", "although", "despite", "during", "meanwhile", "however", "among",
        "since", "until", "according", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "jan.", "feb.", "mar.",
        "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "mr.", "mrs.",
        "ms.", "dr.", "said", "says", "yesterday", "today", "tomorrow", "earlier", "later",
        NULL};
    for (int i = 0; w[i]; i++)
        if (act_is(t, w[i]))
            return 1;
    return 0;
}

/* Lower-case particles inside names: Osama bin Laden, Ursula von der Leyen. */
static int particle(const pl_token *t) {
    static const char *const w[] = {"bin", "ibn", "al", "el", "de", "da", "di", "du", "van",
                                    "von", "der", "den", "la", "le", "del", "dos", "-", NULL};
    for (int i = 0; w[i]; i++)
        if (strcmp(t->form, w[i]) == 0)
            return 1;
    return 0;
}

static int name_word(const msent *x, uint32_t j) {
    const pl_token *t = &x->s->tok[j];
    if (x->no_names && !t->upos)
        return 0;
    if (x->it[x->item_of[j]].kind != IT_WORD)
        return 0;
    if (t->upos && t->upos != PL_UPOS_PROPN)
        return 0;
    return (x->ti[j].flags & ACT_T_CAP) && (x->ti[j].flags & ACT_T_ALPHA) && !not_name(t);
}

/* End (exclusive token) of a capitalized name starting at token j, or j. */
static uint32_t name_run(const msent *x, uint32_t j) {
    uint32_t n = x->s->ntok, e = j, k = j;
    while (k < n && k - j < 6) {
        if (name_word(x, k)) {
            e = ++k;
            continue;
        }
        if (e > j && particle(&x->s->tok[k]) && x->it[x->item_of[k]].kind == IT_WORD &&
            k + 1 < n && name_word(x, k + 1)) {
            k++;
            continue;
        }
        break;
    }
    return e;
}

/* ---- pass 1: lookup --------------------------------------------------------- */

static int upos_noun(const pl_token *t) {
    return !t->upos || t->upos == PL_UPOS_NOUN || t->upos == PL_UPOS_PROPN ||
           t->upos == PL_UPOS_X;
}

static void lookup(msent *x, int lower_sentence) {
    const pl_actors *a = x->a;
    const pl_sentence *s = x->s;
    uint32_t n = s->ntok;
    x->ni = 0;
    for (uint32_t i = 0; i < n;) {
        int32_t node = 0;
        int32_t ent = -1, agt = -1;
        uint32_t eend = i, aend = i;
        for (uint32_t j = i; j < n; j++) {
            int32_t w = x->ti[j].word;
            if (w < 0)
                break;
            if (!a->words[w].lower_ok && !lower_sentence &&
                !(x->ti[j].flags & (ACT_T_UPPER | ACT_T_DOT)))
                break;
            int32_t c = act_child(a, (uint32_t)node, (uint32_t)w);
            if (c < 0)
                break;
            node = c;
            const act_node *nd = &a->nodes[node];
            if (nd->entry >= 0) {
                ent = nd->entry;
                eend = j + 1;
            }
            if (nd->agent >= 0 && upos_noun(&s->tok[j])) {
                agt = nd->agent;
                aend = j + 1;
            }
        }
        item *it = &x->it[x->ni];
        it->start = i;
        it->code = NULL;
        if (ent >= 0 && eend >= aend) {
            it->kind = IT_ENTRY;
            it->idx = ent;
            it->end = eend;
            it->code = act_entry_code_on(a, &a->entries[ent], x->date);
        } else if (agt >= 0) {
            it->kind = IT_AGENT;
            it->idx = agt;
            it->end = aend;
        } else {
            it->kind = IT_WORD;
            it->idx = -1;
            it->end = i + 1;
        }
        for (uint32_t k = it->start; k < it->end; k++) {
            x->item_of[k] = x->ni;
            if (it->kind != IT_WORD)
                x->ti[k].flags |= ACT_T_KNOWN;
        }
        i = it->end;
        x->ni++;
    }
}

/* Discard phrases anywhere in the sentence (from every position, since one
 * may start inside a name). Sets ms->discard. */
static void discards(msent *x, int lower_sentence) {
    const pl_actors *a = x->a;
    uint32_t n = x->s->ntok;
    for (uint32_t i = 0; i < n && !x->ms->discard; i++) {
        uint32_t node = 0;
        for (uint32_t j = i; j < n; j++) {
            int32_t w = x->ti[j].word;
            if (w < 0 || (!a->words[w].lower_ok && !lower_sentence &&
                          !(x->ti[j].flags & (ACT_T_UPPER | ACT_T_DOT))))
                break;
            int32_t c = act_child(a, node, (uint32_t)w);
            if (c < 0)
                break;
            node = (uint32_t)c;
            uint8_t d = a->nodes[node].discard;
            if (d)
                x->ms->discard |= d | PL_DISCARD_SENTENCE;
        }
    }
}

/* ---- pass 2: composition ---------------------------------------------------- */

static int oom(msent *x) {
    return pl_fail(x->ctx, PL_ENOMEM, "out of memory");
}

static void cover(msent *x, uint32_t start, uint32_t end) {
    for (uint32_t k = start; k < end; k++)
        x->ti[k].flags |= ACT_T_COVERED;
}

/* A mention for an entry item alone. */
static int emit_entry(msent *x, const item *it, uint32_t start, uint32_t end, uint32_t head,
                      uint8_t how) {
    const act_entry *e = entry_of(x, it);
    pl_mention *m = act_push(x->ms);
    if (!m)
        return oom(x);
    act_span(m, x->s, start, end);
    m->head = head;
    m->name = e->name;
    m->wikidata = e->wikidata;
    m->entry = it->idx;
    m->type = e->type;
    m->how = how;
    m->gender = e->gender;
    m->human = e->type == PL_ACTOR_PERSON;
    act_set_code(x->a, m, it->code, e->country);
    cover(x, start, end);
    return 0;
}

/* The code of an agent chain it[p..q]: the first agent's, except that
 * "government troops" and "government police" are the armed body's. */
static const act_agent *chain_agent(const msent *x, uint32_t p, uint32_t q) {
    const act_agent *first = agent_of(x, &x->it[p]), *last = agent_of(x, &x->it[q]);
    if (strncmp(first->code, "GOV", 3) == 0 &&
        (strncmp(last->code, "MIL", 3) == 0 || strncmp(last->code, "COP", 3) == 0))
        return last;
    return first;
}

/* Last item index of the agent chain starting at p (items next to each other). */
static uint32_t chain_end(const msent *x, uint32_t p) {
    uint32_t q = p;
    while (q + 1 < x->ni && x->it[q + 1].kind == IT_AGENT)
        q++;
    return q;
}

/* 1 when "former" or "ex-" stands just before token t (or two before,
 * past one modifier). */
static int former_before(const msent *x, uint32_t p) {
    for (int back = 1; back <= 2; back++) {
        if (p < (uint32_t)back)
            return 0;
        if (word_item(x, p - (uint32_t)back, former_words))
            return 1;
        if (!modifier(x, p - (uint32_t)back))
            return 0;
    }
    return 0;
}

/* A mention built from an optional country (or organization) and an agent
 * chain it[p..q]; span [start, end), head token given. */
static int emit_role(msent *x, const item *base, uint32_t p, uint32_t q, uint32_t start,
                     uint32_t end, uint32_t head, int former) {
    const act_agent *g = chain_agent(x, p, q);
    const act_agent *lastg = agent_of(x, &x->it[q]);
    pl_mention *m = act_push(x->ms);
    if (!m)
        return oom(x);
    act_span(m, x->s, start, end);
    m->head = head;
    m->type = PL_ACTOR_ROLE;
    m->plural = lastg->plural;
    m->human = lastg->person;
    m->gender = lastg->plural ? PL_GENDER_UNKNOWN : act_agent_gender(x->a, lastg);
    char code[2 * PL_CODE_MAX + 2];
    const char *role = former && strncmp(g->code, "GOV", 3) == 0 ? "ELI" : g->code;
    if (base && is_org(x, base)) {
        /* an organization's officials are the organization */
        const act_entry *e = entry_of(x, base);
        m->name = e->name;
        m->wikidata = e->wikidata;
        m->entry = base->idx;
        m->how = PL_FOUND_COMPOUND;
        act_set_code(x->a, m, base->code, e->country);
    } else if (base) {
        const act_entry *e = entry_of(x, base);
        const char *cc = country_of(x, base);
        snprintf(code, sizeof code, "%.3s%s", cc, role);
        m->name = e->name;
        m->wikidata = e->wikidata;
        m->entry = base->idx;
        m->how = PL_FOUND_COMPOUND;
        act_set_code(x->a, m, code, NULL);
    } else {
        m->how = PL_FOUND_AGENT;
        act_set_code(x->a, m, role, NULL);
    }
    cover(x, start, end);
    return 0;
}

/* Title + person: the person's mention over the whole span. */
static int emit_titled(msent *x, const item *person, uint32_t start) {
    return emit_entry(x, person, start, person->end, person->end - 1, PL_FOUND_COMPOUND);
}

/* Title + an unknown capitalized name: a person the dictionaries lack,
 * coded by the title. */
static int emit_named_role(msent *x, const item *base, uint32_t p, uint32_t q, uint32_t start,
                           uint32_t name_end, int former) {
    int rc = emit_role(x, base, p, q, start, name_end, name_end - 1, former);
    if (rc)
        return rc;
    pl_mention *m = &x->ms->m[x->ms->n - 1];
    m->type = PL_ACTOR_PERSON;
    m->human = 1;
    m->plural = 0;
    if (base && !is_org(x, base)) { /* the name is the entry, not the country */
        m->name = "";
        m->wikidata = "";
        m->entry = -1;
    }
    return 0;
}

/* After the agent chain ending at item q: a person entry, or an unknown
 * name when the title is singular. Returns the item index of the person
 * (>= 0), -2 with *name_end set for an unknown name, or -1. */
static int32_t title_target(const msent *x, uint32_t q, uint32_t *name_end) {
    if (q + 1 >= x->ni)
        return -1;
    const item *nx = &x->it[q + 1];
    /* a person, or an entry without a type (PETRARCH's persons have none) */
    if (is_person(x, nx) || (nx->kind == IT_ENTRY && nx->code &&
                             entry_of(x, nx)->type == PL_ACTOR_OTHER && !country_of(x, nx)))
        return (int32_t)(q + 1);
    const act_agent *g = agent_of(x, &x->it[q]);
    if (g->plural || !g->person)
        return -1;
    uint32_t e = name_run(x, nx->start);
    if (e > nx->start) {
        *name_end = e;
        return -2;
    }
    return -1;
}

/* Items p..q, then "of [the] COUNTRY ...": the countries' item indices into
 * list (at most cap); returns how many (0 when the pattern is absent). */
static int of_countries(const msent *x, uint32_t q, uint32_t *list, int cap) {
    uint32_t r = q + 1;
    if (!word_item(x, r, of_words))
        return 0;
    r++;
    if (word_item(x, r, the_words))
        r++;
    if (r >= x->ni || !(country_of(x, &x->it[r]) || is_org(x, &x->it[r])))
        return 0;
    int n = 0;
    list[n++] = r;
    /* "the presidents of Russia and Ukraine"; each country may carry a
     * parenthetical ("the leaders of France (Emmanuel Macron), Germany
     * (Friedrich Merz) and Poland") */
    static const char *const lpar[] = {"(", NULL};
    static const char *const rpar[] = {")", NULL};
    while (n < cap && country_of(x, &x->it[r])) {
        uint32_t k = r + 1;
        if (word_item(x, k, lpar)) {
            uint32_t e = k + 1;
            while (e < x->ni && e < k + 8 && !word_item(x, e, rpar) && !word_item(x, e, lpar))
                e++;
            if (!word_item(x, e, rpar))
                break;
            k = e + 1;
        }
        int nsep = 0;
        while (nsep < 2 && word_item(x, k, seps)) {
            k++;
            nsep++;
        }
        if (word_item(x, k, the_words) && nsep)
            k++;
        if (!nsep || k >= x->ni || !country_of(x, &x->it[k]))
            break;
        list[n++] = k;
        r = k;
    }
    return n;
}

/* The end (exclusive token) of an institution's name continuing a
 * capitalized agent chain it[p..q] — "Ministry of Foreign Affairs",
 * "Government Accountability Office", "Department of Housing and Urban
 * Development" — or 0. The agent gives the code. */
static uint32_t proper_tail(const msent *x, uint32_t p, uint32_t q) {
    if (!(x->ti[x->it[p].start].flags & ACT_T_CAP) || x->no_names)
        return 0;
    uint32_t n = x->s->ntok, k = x->it[q].end, end = 0;
    if (k + 1 < n && x->it[x->item_of[k]].kind == IT_WORD && act_is(&x->s->tok[k], "of"))
        k++;
    else if (agent_of(x, &x->it[q])->person)
        return 0; /* "President Trump" is a title, handled before */
    for (;;) {
        uint32_t e = k < n ? name_run(x, k) : k;
        if (e == k)
            break;
        end = e;
        /* "Housing and Urban Development" */
        if (e + 1 < n && (act_is(&x->s->tok[e], "and") || act_is(&x->s->tok[e], "&")) &&
            x->it[x->item_of[e]].kind == IT_WORD && name_word(x, e + 1))
            k = e + 1;
        else
            break;
    }
    return end;
}

/* The pattern starting with a country word at item p. Returns the next item. */
static int from_country(msent *x, uint32_t p, uint32_t *next) {
    uint32_t list[16];
    int nl = 0;
    list[nl++] = p;
    uint32_t r = p;
    /* "Turkish and American", "Russian, Chinese and Iranian" */
    for (;;) {
        uint32_t k = r + 1;
        int nsep = 0;
        while (nsep < 2 && word_item(x, k, seps)) {
            k++;
            nsep++;
        }
        if (!nsep || k >= x->ni || !country_of(x, &x->it[k]) || nl == 16)
            break;
        list[nl++] = k;
        r = k;
    }
    uint32_t k = r + 1;
    if (word_item(x, k, poss))
        k++;
    uint32_t mods = 0;
    int former = former_before(x, p);
    while (mods < 3 && modifier(x, k)) {
        if (word_item(x, k, former_words))
            former = 1;
        k++;
        mods++;
    }
    if (k >= x->ni || x->it[k].kind != IT_AGENT) {
        /* no agent: the first country word alone */
        *next = p + 1;
        const item *it = &x->it[p];
        return emit_entry(x, it, it->start, it->end, it->end - 1, PL_FOUND_DICT);
    }
    uint32_t q = chain_end(x, k);
    uint32_t head = x->it[q].end - 1;
    /* the first conjuncts: the country word, sharing the agent noun */
    for (int i = 0; i + 1 < nl; i++) {
        const item *c = &x->it[list[i]];
        int rc = emit_role(x, c, k, q, c->start, c->end, head, former);
        if (rc)
            return rc;
    }
    const item *last = &x->it[list[nl - 1]];
    uint32_t name_end = 0;
    int32_t t = nl == 1 ? title_target(x, q, &name_end) : -1;
    if (t >= 0) {
        *next = (uint32_t)t + 1;
        return emit_titled(x, &x->it[t], last->start);
    }
    if (t == -2) {
        *next = x->item_of[name_end - 1] + 1;
        return emit_named_role(x, last, k, q, last->start, name_end, former);
    }
    uint32_t tail = nl == 1 ? proper_tail(x, k, q) : 0;
    if (tail) { /* "Ukrainian Ministry of Foreign Affairs" */
        *next = x->item_of[tail - 1] + 1;
        return emit_role(x, last, k, q, last->start, tail, head, former);
    }
    *next = q + 1;
    return emit_role(x, last, k, q, last->start, x->it[q].end, head, former);
}

/* The pattern starting with an agent at item p. */
static int from_agent(msent *x, uint32_t p, uint32_t *next) {
    uint32_t q = chain_end(x, p);
    uint32_t start = x->it[p].start, head = x->it[q].end - 1;
    int former = former_before(x, p);
    uint32_t name_end = 0;
    int32_t t = title_target(x, q, &name_end);
    if (t >= 0) {
        *next = (uint32_t)t + 1;
        return emit_titled(x, &x->it[t], start);
    }
    if (t == -2) {
        *next = x->item_of[name_end - 1] + 1;
        return emit_named_role(x, NULL, p, q, start, name_end, former);
    }
    uint32_t list[16];
    int nl = of_countries(x, q, list, 16);
    if (nl > 0) {
        const item *c0 = &x->it[list[0]];
        int rc = emit_role(x, c0, p, q, start, c0->end, head, former);
        for (int i = 1; i < nl && !rc; i++) {
            /* names in a parenthetical between two countries ("France
             * (Emmanuel Macron), Germany") stay mentions of their own */
            for (uint32_t j = list[i - 1] + 1; j < list[i] && !rc; j++)
                if (x->it[j].kind == IT_ENTRY && x->it[j].code)
                    rc = emit_entry(x, &x->it[j], x->it[j].start, x->it[j].end, x->it[j].end - 1,
                                    PL_FOUND_DICT);
            const item *c = &x->it[list[i]];
            if (!rc)
                rc = emit_role(x, c, p, q, c->start, c->end, head, former);
        }
        *next = list[nl - 1] + 1;
        return rc;
    }
    uint32_t tail = proper_tail(x, p, q);
    if (tail) {
        /* "Ministry of Foreign Affairs of Ukraine" */
        uint32_t last = x->item_of[tail - 1];
        nl = of_countries(x, last, list, 1);
        if (nl > 0 && country_of(x, &x->it[list[0]])) {
            const item *c0 = &x->it[list[0]];
            *next = list[0] + 1;
            return emit_role(x, c0, p, q, start, c0->end, head, former);
        }
        *next = last + 1;
        return emit_role(x, NULL, p, q, start, tail, head, former);
    }
    *next = q + 1;
    return emit_role(x, NULL, p, q, start, x->it[q].end, head, former);
}

static int compose(msent *x) {
    for (uint32_t p = 0; p < x->ni;) {
        const item *it = &x->it[p];
        uint32_t next = p + 1;
        int rc = 0;
        if (it->kind == IT_AGENT) {
            rc = from_agent(x, p, &next);
        } else if (it->kind == IT_ENTRY && it->code) {
            if (country_of(x, it)) {
                rc = from_country(x, p, &next);
            } else if (is_org(x, it) && p + 1 < x->ni && x->it[p + 1].kind == IT_AGENT) {
                uint32_t q = chain_end(x, p + 1);
                rc = emit_role(x, it, p + 1, q, it->start, x->it[q].end, x->it[q].end - 1, 0);
                next = q + 1;
            } else {
                rc = emit_entry(x, it, it->start, it->end, it->end - 1, PL_FOUND_DICT);
            }
        }
        if (rc)
            return rc;
        p = next > p ? next : p + 1;
    }
    return 0;
}

/* ---- the sentence ----------------------------------------------------------- */

/* Marks tokens inside quotation marks: straight quotes toggle, curly and
 * guillemets open and close. */
static void mark_quotes(const pl_sentence *s, act_tok *ti) {
    int in = 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const char *f = s->tok[i].form;
        int open = strcmp(f, "\xE2\x80\x9C") == 0 || strcmp(f, "\xC2\xAB") == 0 ||
                   strcmp(f, "``") == 0;
        int close = strcmp(f, "\xE2\x80\x9D") == 0 || strcmp(f, "\xC2\xBB") == 0 ||
                    strcmp(f, "''") == 0;
        if (strcmp(f, "\"") == 0) {
            if (in)
                close = 1;
            else
                open = 1;
        }
        if (open) {
            in = 1;
            ti[i].flags |= ACT_T_QUOTE;
        } else if (close) {
            ti[i].flags |= ACT_T_QUOTE;
            in = 0;
        } else if (in) {
            ti[i].flags |= ACT_T_QUOTE;
        }
    }
}

/* With a dependency parse, the head of a span is its one token whose head
 * lies outside it (UD makes the name's last word or the agent noun the
 * head, as the rule above does; the parse settles odd cases). */
static void parse_heads(const pl_sentence *s, pl_mentions *ms) {
    for (size_t i = 0; i < ms->n; i++) {
        pl_mention *m = &ms->m[i];
        if (m->head < m->start || m->head >= m->end || m->end - m->start < 2)
            continue;
        uint32_t found = 0, head = 0;
        for (uint32_t k = m->start; k < m->end; k++) {
            int32_t h = s->tok[k].head;
            if (h < 0) {
                found = 0;
                break;
            }
            /* heads are 1-based; 0 is the root */
            if (h == 0 || (uint32_t)(h - 1) < m->start || (uint32_t)(h - 1) >= m->end) {
                found++;
                head = k;
            }
        }
        if (found == 1)
            m->head = head;
    }
}

void pl_mentions_free(pl_mentions *ms) {
    if (!ms)
        return;
    free(ms->m);
    act_work *w = ms->work;
    if (w) {
        pl_arena_free(&w->arena);
        free(w);
    }
    memset(ms, 0, sizeof *ms);
}

int pl_find_actors(pl_ctx *ctx, const pl_actors *a, const pl_doc *doc, const pl_sentence *s,
                   pl_coref *coref, pl_mentions *out) {
    if (!a || !s || !out)
        return pl_fail(ctx, PL_EARG, "pl_find_actors: NULL argument");
    if (a->broken)
        return pl_fail(ctx, PL_EARG, "pl_find_actors: the dictionaries failed to load");
    out->n = 0;
    out->discard = 0;
    if (!out->work) {
        out->work = calloc(1, sizeof(act_work));
        if (!out->work)
            return pl_fail(ctx, PL_ENOMEM, "out of memory");
    }
    act_work *w = out->work;
    pl_arena_reset(&w->arena);
    w->s = NULL;
    w->ti = NULL;
    uint32_t n = s->ntok;
    if (n == 0)
        return 0;
    msent x = {ctx, a, s, NULL, NULL, 0, NULL, out, act_date_int(doc ? pl_doc_date(doc) : ""), 0};
    x.ti = pl_arena_calloc(&w->arena, n, sizeof *x.ti);
    x.it = pl_arena_calloc(&w->arena, n, sizeof *x.it);
    x.item_of = pl_arena_calloc(&w->arena, n, sizeof *x.item_of);
    if (!x.ti || !x.it || !x.item_of)
        return oom(&x);
    int lower_sentence = 1;
    for (uint32_t i = 0; i < n; i++) {
        const pl_token *t = &s->tok[i];
        char key[ACT_KEY_MAX];
        unsigned ci = 0;
        size_t kl = act_key(t->form, strlen(t->form), key, &ci);
        x.ti[i].word = kl ? act_word_find(a, key, kl) : -1;
        uint8_t f = 0;
        if (ci & ACT_UPPER)
            f |= ACT_T_UPPER;
        if (ci & ACT_DOT)
            f |= ACT_T_DOT;
        if (ci & (ACT_UPPER | ACT_LOWER))
            f |= ACT_T_ALPHA;
        if (act_capitalized(t->form, strlen(t->form)))
            f |= ACT_T_CAP;
        x.ti[i].flags = f;
        if (ci & ACT_UPPER)
            lower_sentence = 0;
    }
    /* Title Case lines (most words capitalized) name nobody by capitals */
    uint32_t words = 0, capped = 0;
    for (uint32_t i = 1; i < n; i++)
        if (x.ti[i].flags & ACT_T_ALPHA) {
            words++;
            capped += (x.ti[i].flags & ACT_T_CAP) != 0;
        }
    x.no_names = (s->flags & PL_SENT_HEADLINE) || (words >= 5 && capped * 10 >= words * 9);
    mark_quotes(s, x.ti);
    w->s = s;
    w->tok = s->tok;
    w->ntok = n;
    w->ti = x.ti;
    if (a->ndiscards)
        discards(&x, lower_sentence);
    if (!out->discard)
        lookup(&x, lower_sentence);
    if (out->discard) {
        if (coref)
            act_coref_discard(coref, out->discard);
        return 0;
    }
    int rc = compose(&x);
    if (rc)
        return rc;
    parse_heads(s, out);
    act_sort(out);
    if (coref) {
        rc = act_coref_sentence(ctx, a, coref, s, x.ti, out);
        if (rc)
            return rc;
    }
    return (int)out->n;
}

const char *pl_actor_type_name(unsigned type) {
    static const char *const names[] = {"other", "person", "country", "capital", "organization",
                                        "group", "role"};
    return type < sizeof names / sizeof names[0] ? names[type] : "other";
}

const char *pl_found_name(unsigned how) {
    static const char *const names[] = {"", "dict", "compound", "coref", "agent"};
    return how < sizeof names / sizeof names[0] ? names[how] : "";
}
