/*
 * dict.c — the dictionary set: entries with dated codes, agent phrases,
 * discard phrases, and the token trie that finds them all in one pass.
 *
 * HOW IT WORKS: every name is cut into words by the document tokenizer
 * (so a name is written the way text is tokenized), each word becomes a
 * match key (norm.c) and an integer word id, and the name is a path of
 * word ids from the trie's root. Edges live in one open-addressing table
 * keyed by (parent node, word id), so a node costs 12 bytes and a step is
 * one hash probe. The node where a name ends says what the name is: an
 * entry, an agent, a discard phrase (a node may be several at once).
 *
 * The set only grows while loading and is never changed after: matching
 * reads it without locks, so one set can serve many threads.
 */
#include <stdlib.h>
#include <string.h>

#include "actors/actors.h"
#include "text/text.h"

#define MAX_NAME_WORDS 32

/* Grows *p (n used, *cap allocated, elements of sz) to hold one more. */
static int grow(void **p, uint32_t n, uint32_t *cap, size_t sz) {
    if (n < *cap)
        return 0;
    uint32_t nc = *cap ? *cap * 2 : 64;
    size_t bytes;
    if (nc <= *cap || pl_mul_overflow(nc, sz, &bytes))
        return -1;
    void *q = realloc(*p, bytes);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

#define GROW(a, arr, n, cap) grow((void **)&(a)->arr, (a)->n, &(a)->cap, sizeof *(a)->arr)

static int nomem(pl_ctx *ctx, pl_actors *a) {
    a->broken = 1;
    return pl_fail(ctx, PL_ENOMEM, "out of memory");
}

static uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

const char *act_strdup(pl_actors *a, const char *s, size_t n) {
    if (n == 0)
        return "";
    return pl_arena_strndup(&a->strings, s, n);
}

pl_actors *pl_actors_new(pl_ctx *ctx) {
    pl_actors *a = calloc(1, sizeof *a);
    if (!a) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    a->nodes = malloc(64 * sizeof *a->nodes);
    if (!a->nodes) {
        free(a);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    a->capnodes = 64;
    a->nnodes = 1;
    a->nodes[0] = (act_node){-1, -1, 0, 0};
    return a;
}

void pl_actors_free(pl_actors *a) {
    if (!a)
        return;
    pl_arena_free(&a->strings);
    pl_arena_free(&a->scratch);
    free(a->entries);
    free(a->codes);
    free(a->surnames);
    free(a->agents);
    free(a->nodes);
    free(a->ekeys);
    free(a->evals);
    free(a->words);
    free(a->wslots);
    free(a);
}

void pl_actors_info_get(const pl_actors *a, pl_actors_info *out) {
    memset(out, 0, sizeof *out);
    out->entries = a->nentries;
    out->names = a->nnames;
    out->agents = a->nagents;
    out->discards = a->ndiscards;
    out->files = a->nfiles;
    out->bytes = sizeof *a + a->strings.total + (size_t)a->capentries * sizeof *a->entries +
                 (size_t)a->capcodes * sizeof *a->codes + (size_t)a->capsurnames * 4 +
                 (size_t)a->capagents * sizeof *a->agents + (size_t)a->capnodes * sizeof *a->nodes +
                 (size_t)a->capedges * 12 + (size_t)a->capwords * sizeof *a->words +
                 (size_t)a->capwslots * 4;
}

/* ---- words -------------------------------------------------------------- */

static uint32_t key_hash(const char *s, size_t n) {
    return (uint32_t)mix64(pl_hash64(s, n));
}

int32_t act_word_find(const pl_actors *a, const char *key, size_t n) {
    if (!a->capwslots)
        return -1;
    uint32_t mask = a->capwslots - 1, i = key_hash(key, n) & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t v = a->wslots[i];
        if (!v)
            return -1;
        const act_word *w = &a->words[v - 1];
        if (w->len == n && memcmp(w->s, key, n) == 0)
            return (int32_t)(v - 1);
    }
}

static int words_rehash(pl_actors *a, uint32_t cap) {
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t id = 0; id < a->nwords; id++) {
        uint32_t i = key_hash(a->words[id].s, a->words[id].len) & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = id + 1;
    }
    free(a->wslots);
    a->wslots = slots;
    a->capwslots = cap;
    return 0;
}

/* The id of key, added when new; -1 on out of memory. */
static int32_t word_add(pl_actors *a, const char *key, size_t n, int lower_ok) {
    int32_t id = act_word_find(a, key, n);
    if (id >= 0) {
        if (lower_ok)
            a->words[id].lower_ok = 1;
        return id;
    }
    if ((a->nwords + 1) * 2 > a->capwslots && words_rehash(a, a->capwslots ? a->capwslots * 2 : 1024))
        return -1;
    if (GROW(a, words, nwords, capwords))
        return -1;
    const char *s = pl_arena_strndup(&a->strings, key, n);
    if (!s)
        return -1;
    id = (int32_t)a->nwords++;
    a->words[id] = (act_word){s, (uint32_t)n, (uint8_t)(lower_ok ? 1 : 0)};
    uint32_t mask = a->capwslots - 1, i = key_hash(key, n) & mask;
    while (a->wslots[i])
        i = (i + 1) & mask;
    a->wslots[i] = (uint32_t)id + 1;
    return id;
}

/* ---- trie --------------------------------------------------------------- */

static uint64_t edge_key(uint32_t node, uint32_t word) {
    return (((uint64_t)node << 32) | word) + 1;
}

int32_t act_child(const pl_actors *a, uint32_t node, uint32_t word) {
    if (!a->capedges)
        return -1;
    uint64_t k = edge_key(node, word);
    uint32_t mask = a->capedges - 1, i = (uint32_t)mix64(k) & mask;
    for (;; i = (i + 1) & mask) {
        if (a->ekeys[i] == k)
            return (int32_t)a->evals[i];
        if (!a->ekeys[i])
            return -1;
    }
}

static int edges_rehash(pl_actors *a, uint32_t cap) {
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = malloc((size_t)cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    for (uint32_t j = 0; j < a->capedges; j++) {
        if (!a->ekeys[j])
            continue;
        uint32_t i = (uint32_t)mix64(a->ekeys[j]) & (cap - 1);
        while (keys[i])
            i = (i + 1) & (cap - 1);
        keys[i] = a->ekeys[j];
        vals[i] = a->evals[j];
    }
    free(a->ekeys);
    free(a->evals);
    a->ekeys = keys;
    a->evals = vals;
    a->capedges = cap;
    return 0;
}

/* The child of node by word, created when missing; -1 on out of memory. */
static int32_t child_add(pl_actors *a, uint32_t node, uint32_t word) {
    int32_t c = act_child(a, node, word);
    if (c >= 0)
        return c;
    if ((a->nedges + 1) * 2 > a->capedges && edges_rehash(a, a->capedges ? a->capedges * 2 : 4096))
        return -1;
    if (GROW(a, nodes, nnodes, capnodes))
        return -1;
    c = (int32_t)a->nnodes++;
    uint8_t depth = a->nodes[node].depth;
    a->nodes[c] = (act_node){-1, -1, 0, (uint8_t)(depth < 255 ? depth + 1 : 255)};
    uint64_t k = edge_key(node, word);
    uint32_t mask = a->capedges - 1, i = (uint32_t)mix64(k) & mask;
    while (a->ekeys[i])
        i = (i + 1) & mask;
    a->ekeys[i] = k;
    a->evals[i] = (uint32_t)c;
    a->nedges++;
    return c;
}

/* Cuts name into word ids the way the tokenizer cuts text, adding new words.
 * Returns the number of words (>= 1) or a negative code with the message set. */
static int name_words(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *name, size_t n,
                      uint32_t *ids) {
    int changed, count = 0;
    pl_arena_reset(&a->scratch);
    char *nfc = text_clean_form(&a->scratch, name, n, &changed);
    tok_span *spans = pl_arena_alloc(&a->scratch, (TOK_MAX_BYTES + 1) * sizeof *spans);
    if (!nfc || !spans)
        return nomem(ctx, a);
    size_t len = strlen(nfc);
    for (size_t i = 0; i < len;) {
        while (i < len && (nfc[i] == ' ' || nfc[i] == '\t'))
            i++;
        size_t j = i;
        while (j < len && nfc[j] != ' ' && nfc[j] != '\t')
            j++;
        if (j == i)
            break;
        if (j - i > TOK_MAX_BYTES)
            return pl_fail(ctx, PL_EFORMAT, "%s:%u: word too long in '%.60s'", w->file, w->line, nfc);
        int k = tok_chunk(nfc, len, i, j, spans, TOK_MAX_BYTES + 1);
        for (int t = 0; t < k; t++) {
            char key[ACT_KEY_MAX];
            unsigned ci;
            size_t kl = act_key(nfc + spans[t].off, spans[t].len, key, &ci);
            if (kl == 0)
                return pl_fail(ctx, PL_EFORMAT, "%s:%u: word too long in '%.60s'", w->file,
                               w->line, nfc);
            if (count == MAX_NAME_WORDS)
                return pl_fail(ctx, PL_EFORMAT, "%s:%u: name longer than %d words: '%.60s'",
                               w->file, w->line, MAX_NAME_WORDS, nfc);
            int32_t id = word_add(a, key, kl, !(ci & ACT_UPPER));
            if (id < 0)
                return nomem(ctx, a);
            ids[count++] = (uint32_t)id;
        }
        i = j;
    }
    if (count == 0)
        return pl_fail(ctx, PL_EFORMAT, "%s:%u: empty name", w->file, w->line);
    return count;
}

/* Walks (and extends) the trie along name; returns the end node or < 0. */
static int32_t name_node(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *name, size_t n,
                         uint32_t *last_word, int *nwords) {
    uint32_t ids[MAX_NAME_WORDS];
    int k = name_words(ctx, a, w, name, n, ids);
    if (k < 0)
        return k;
    int32_t node = 0;
    for (int i = 0; i < k; i++) {
        node = child_add(a, (uint32_t)node, ids[i]);
        if (node < 0)
            return nomem(ctx, a);
    }
    if (last_word)
        *last_word = ids[k - 1];
    if (nwords)
        *nwords = k;
    return node;
}

/* ---- entries ------------------------------------------------------------ */

int act_valid_code(const char *code, size_t n) {
    if (n < 3 || n > PL_CODE_MAX || n % 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
            return 0;
    return 1;
}

int act_entry_begin(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *name, size_t n,
                    uint32_t *id) {
    if (GROW(a, entries, nentries, capentries))
        return nomem(ctx, a);
    act_entry *e = &a->entries[a->nentries];
    memset(e, 0, sizeof *e);
    e->name = act_strdup(a, name, n);
    e->file = w->file;
    e->line = w->line;
    e->wikidata = "";
    e->code0 = a->ncodes;
    e->sur0 = a->nsurnames;
    if (!e->name)
        return nomem(ctx, a);
    *id = a->nentries++;
    return act_entry_name(ctx, a, w, *id, name, n);
}

int act_entry_name(pl_ctx *ctx, pl_actors *a, const act_where *w, uint32_t id, const char *name,
                   size_t n) {
    uint32_t last;
    int nw;
    int32_t node = name_node(ctx, a, w, name, n, &last, &nw);
    if (node < 0)
        return node;
    act_node *nd = &a->nodes[node];
    if (nd->entry >= 0 && (uint32_t)nd->entry != id) {
        const act_entry *o = &a->entries[nd->entry];
        pl_warn(ctx, "%s:%u: '%.*s' already names '%s' (%s:%u); kept there", w->file, w->line,
                (int)n, name, o->name, o->file, o->line);
        return PL_OK;
    }
    if (nd->entry < 0)
        a->nnames++;
    nd->entry = (int32_t)id;
    if (nw >= 2) { /* the last word is a surname for coreference */
        act_entry *e = &a->entries[id];
        for (uint32_t i = 0; i < e->nsur; i++)
            if (a->surnames[e->sur0 + i] == last)
                return PL_OK;
        if (GROW(a, surnames, nsurnames, capsurnames))
            return nomem(ctx, a);
        a->surnames[a->nsurnames++] = last;
        e->nsur++;
    }
    return PL_OK;
}

int act_entry_code(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *code, size_t n,
                   int32_t from, int32_t to) {
    if (!act_valid_code(code, n))
        return pl_fail(ctx, PL_EFORMAT,
                       "%s:%u: invalid code '%.*s' (want 3 to %d capital letters or digits, "
                       "in groups of 3)",
                       w->file, w->line, (int)(n > 40 ? 40 : n), code, PL_CODE_MAX);
    if (from && to && to < from)
        return pl_fail(ctx, PL_EFORMAT, "%s:%u: date range ends before it starts", w->file, w->line);
    if (GROW(a, codes, ncodes, capcodes))
        return nomem(ctx, a);
    act_code *c = &a->codes[a->ncodes++];
    memset(c, 0, sizeof *c);
    memcpy(c->code, code, n);
    c->from = from;
    c->to = to;
    a->entries[a->nentries - 1].ncode++;
    return PL_OK;
}

int act_entry_end(pl_ctx *ctx, pl_actors *a) {
    if (!a->nentries)
        return PL_OK;
    act_entry *e = &a->entries[a->nentries - 1];
    if (e->ncode == 0)
        return pl_fail(ctx, PL_EFORMAT, "%s:%u: actor '%s' has no code", e->file, e->line, e->name);
    if (e->type == PL_ACTOR_COUNTRY) {
        for (uint32_t i = 0; i < e->ncode; i++) {
            const char *c = a->codes[e->code0 + i].code;
            if (c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] >= 'A' && c[2] <= 'Z') {
                unsigned bit = (unsigned)((c[0] - 'A') * 676 + (c[1] - 'A') * 26 + (c[2] - 'A'));
                a->country[bit / 8] |= (uint8_t)(1u << (bit % 8));
            }
        }
    }
    return PL_OK;
}

int act_is_country(const pl_actors *a, const char *c) {
    if (!(c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] >= 'A' && c[2] <= 'Z'))
        return 0;
    unsigned bit = (unsigned)((c[0] - 'A') * 676 + (c[1] - 'A') * 26 + (c[2] - 'A'));
    return (a->country[bit / 8] >> (bit % 8)) & 1;
}

const char *act_entry_code_on(const pl_actors *a, const act_entry *e, int32_t date) {
    const act_code *c = a->codes + e->code0;
    const char *undated = NULL;
    for (uint32_t i = 0; i < e->ncode; i++)
        if (!c[i].from && !c[i].to) {
            undated = c[i].code;
            break;
        }
    if (date) {
        for (uint32_t i = 0; i < e->ncode; i++) {
            if (!c[i].from && !c[i].to)
                continue;
            if ((!c[i].from || c[i].from <= date) && (!c[i].to || date <= c[i].to))
                return c[i].code;
        }
        return undated;
    }
    if (undated)
        return undated;
    /* no date, no fallback: the range that starts latest (an open start
     * counts as earliest); among equal starts, the one that ends latest */
    const act_code *best = NULL;
    for (uint32_t i = 0; i < e->ncode; i++) {
        if (!best || c[i].from > best->from ||
            (c[i].from == best->from && (!c[i].to || (best->to && c[i].to > best->to))))
            best = &c[i];
    }
    return best ? best->code : NULL;
}

/* ---- agents and discards ------------------------------------------------ */

static int ends_with(const char *s, size_t n, const char *suf) {
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Plural and person-noun guesses from the phrase's last word (lower case).
 * Agent files write plurals out, so the suffix is a reliable sign. */
static void agent_kind(const char *w, size_t n, uint8_t *plural, uint8_t *person) {
    static const char *const plurals[] = {"police", "people", "personnel", "clergy", "children",
                                          "women", "men", "youth", "media", "cattle", NULL};
    static const char *const bodies[] = {"government", "administration", "cabinet", "regime",
                                         "junta", "leadership", "presidency", "ministry", "office",
                                         "army", "military", "navy", "force", "forces", "police",
                                         "guard", "court", "tribunal", "judiciary", "parliament",
                                         "senate", "congress", "legislature", "assembly", "council",
                                         "house", "opposition", "party", "media", "newspaper",
                                         "agency", "service", "embassy", "consulate", "delegation",
                                         "municipality", "university", "school", "college",
                                         "hospital", "church", "mosque", "company", "bank",
                                         "union", "group", "organization", "organisation",
                                         "charity", "monarchy", "gendarmerie", "infantry",
                                         "artillery", "battalion", "brigade", "regiment", "corps",
                                         "staff", "population", "crowd", "mob", "gang", "cartel",
                                         "mafia", "family", "elite", "clergy", "enforcement",
                                         "television", "tv", "broadcaster", "outlet",
                                         "people", "personnel", NULL};
    *plural = 0;
    *person = 1;
    /* collective nouns: a body, not a person; some are plural in use */
    for (int i = 0; bodies[i]; i++) {
        size_t k = strlen(bodies[i]);
        if (n == k && memcmp(w, bodies[i], k) == 0) {
            *person = 0;
            break;
        }
        /* plural of a body: ministries, armies, councils */
        if ((n == k + 1 && w[n - 1] == 's' && memcmp(w, bodies[i], k) == 0) ||
            (k > 1 && bodies[i][k - 1] == 'y' && n == k + 2 && ends_with(w, n, "ies") &&
             memcmp(w, bodies[i], k - 1) == 0)) {
            *person = 0;
            *plural = 1;
            return;
        }
    }
    for (int i = 0; plurals[i]; i++)
        if (strlen(plurals[i]) == n && memcmp(w, plurals[i], n) == 0) {
            *plural = 1;
            return;
        }
    if (n > 3 && w[n - 1] == 's' && !ends_with(w, n, "ss") && !ends_with(w, n, "us") &&
        !ends_with(w, n, "is"))
        *plural = 1;
    if (ends_with(w, n, "men") || ends_with(w, n, "people"))
        *plural = 1;
}

int act_agent_add(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *code, size_t ncode,
                  const char *phrase, size_t n) {
    if (!act_valid_code(code, ncode))
        return pl_fail(ctx, PL_EFORMAT, "%s:%u: invalid agent code '%.*s' (want role codes of 3 "
                       "capital letters, e.g. GOV)", w->file, w->line,
                       (int)(ncode > 40 ? 40 : ncode), code);
    uint32_t last;
    int32_t node = name_node(ctx, a, w, phrase, n, &last, NULL);
    if (node < 0)
        return node;
    act_node *nd = &a->nodes[node];
    if (nd->agent >= 0) {
        const act_agent *o = &a->agents[nd->agent];
        if (strlen(o->code) != ncode || memcmp(o->code, code, ncode) != 0)
            pl_warn(ctx, "%s:%u: agent '%.*s' is already %s; kept that", w->file, w->line, (int)n,
                    phrase, o->code);
        return PL_OK;
    }
    if (GROW(a, agents, nagents, capagents))
        return nomem(ctx, a);
    act_agent *ag = &a->agents[a->nagents];
    memset(ag, 0, sizeof *ag);
    memcpy(ag->code, code, ncode);
    ag->phrase = act_strdup(a, phrase, n);
    if (!ag->phrase)
        return nomem(ctx, a);
    const act_word *lw = &a->words[last];
    agent_kind(lw->s, lw->len, &ag->plural, &ag->person);
    a->nodes[node].agent = (int32_t)a->nagents++;
    return PL_OK;
}

int act_discard_add(pl_ctx *ctx, pl_actors *a, const act_where *w, unsigned kind,
                    const char *phrase, size_t n) {
    int32_t node = name_node(ctx, a, w, phrase, n, NULL, NULL);
    if (node < 0)
        return node;
    if (!a->nodes[node].discard)
        a->ndiscards++;
    a->nodes[node].discard |= (uint8_t)kind;
    return PL_OK;
}
