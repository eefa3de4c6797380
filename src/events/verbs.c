/*
 * verbs.c — loads event pattern dictionaries.
 *
 * A pattern line "040  hold &TALKS with T" is compiled into a vpattern:
 * predicate, direct-object constraint and up to VP_MAX_PREPS prepositional
 * constraints, each word interned to an integer id. After loading, an index
 * from predicate word id to its patterns lets the coder try only the
 * patterns of the lemmas a sentence contains.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/verbs.h"

/* Words that open a prepositional phrase or are verb particles. */
static int is_prep(const char *w);

static const char *const preps[] = {
    "about", "above", "across", "after", "against", "ahead", "along", "alongside", "among",
    "amongst", "amid", "apart", "aside", "atop", "beneath", "concerning", "forward",
    "regarding", "round", "together", "underneath",
    "around", "as", "at", "away", "back", "before", "behind", "below", "beside",
    "between", "beyond", "by", "despite", "down", "during", "for", "from", "in",
    "inside", "into", "near", "of", "off", "on", "onto", "out", "outside", "over",
    "past", "since", "through", "throughout", "to", "toward", "towards", "under",
    "until", "up", "upon", "via", "with", "within", "without", NULL};

int verbs_is_prep(const char *w) {
    return is_prep(w);
}

static int is_prep(const char *w) {
    for (int i = 0; preps[i]; i++)
        if (strcmp(preps[i], w) == 0)
            return 1;
    return 0;
}

static int is_prep_word(const char *w) {
    char lw[64];
    snprintf(lw, sizeof lw, "%s", w);
    for (char *c = lw; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return w[0] != '&' && is_prep(lw);
}

pl_verbs *verbs_new(void) {
    return calloc(1, sizeof(pl_verbs));
}

void verbs_free(pl_verbs *v) {
    if (!v)
        return;
    pl_intern_free(&v->words);
    pl_intern_free(&v->setnames);
    for (uint32_t i = 0; i < v->nsets; i++)
        free(v->sets[i].members);
    free(v->sets);
    free(v->pats);
    for (uint32_t i = 0; i < v->nfiles; i++)
        free(v->files[i]);
    free(v->files);
    free(v->start);
    free(v->byword);
    free(v);
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int verbs_in_set(const pl_verbs *v, uint32_t s, uint32_t w) {
    if (s >= v->nsets)
        return 0;
    const vsynset *set = &v->sets[s];
    return bsearch(&w, set->members, set->n, sizeof w, cmp_u32) != NULL;
}

int verbs_arg_ok(const pl_verbs *v, const vp_arg *a, uint32_t w) {
    if (w == 0)
        return 0;
    if (a->kind == VA_WORD)
        return a->id == w;
    if (a->kind == VA_SET)
        return verbs_in_set(v, a->id, w);
    return 0;
}

/* Lower-cases in place (ASCII; dictionary lemmas are ASCII or already NFC). */
static void lower(char *s) {
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

typedef struct lctx {
    pl_ctx *ctx;
    pl_verbs *v;
    const char *file;
    uint32_t fileno;
    unsigned line;
} lctx;

#define LERR(L, ...) lerr(L, __VA_ARGS__)
PL_PRINTF(2, 3)
static int lerr(lctx *L, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return pl_fail(L->ctx, PL_EFORMAT, "%s:%u: %s", L->file, L->line, msg);
}

static int synset_line(lctx *L, char *rest) {
    char *colon = strchr(rest, ':');
    if (!colon)
        return LERR(L, "synset needs 'NAME: word, word, ...'");
    *colon = 0;
    char *name = rest;
    while (*name == ' ' || *name == '\t')
        name++;
    size_t n = strlen(name);
    while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
        name[--n] = 0;
    if (n == 0)
        return LERR(L, "synset has no name");
    for (size_t i = 0; i < n; i++)
        if (!(isupper((unsigned char)name[i]) || isdigit((unsigned char)name[i]) || name[i] == '_'))
            return LERR(L, "synset name '%s' must be upper-case letters, digits and _", name);
    pl_verbs *v = L->v;
    uint32_t before = v->setnames.n;
    uint32_t sid = pl_intern_add(&v->setnames, name, n);
    if (!sid)
        return pl_fail(L->ctx, PL_ENOMEM, "out of memory");
    if (sid > before) { /* new synset */
        vsynset *sets = realloc(v->sets, sid * sizeof *sets);
        if (!sets)
            return pl_fail(L->ctx, PL_ENOMEM, "out of memory");
        v->sets = sets;
        v->sets[sid - 1] = (vsynset){NULL, 0};
        v->nsets = sid;
    }
    vsynset *set = &v->sets[sid - 1];
    char *save;
    for (char *w = strtok_r(colon + 1, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        while (*w == ' ' || *w == '\t')
            w++;
        size_t k = strlen(w);
        while (k > 0 && (w[k - 1] == ' ' || w[k - 1] == '\t'))
            w[--k] = 0;
        if (k == 0)
            return LERR(L, "empty member in synset %s", name);
        if (strchr(w, ' ') || strchr(w, '\t'))
            return LERR(L, "synset member '%s' has a space: patterns match single lemmas", w);
        lower(w);
        uint32_t id = pl_intern_add(&v->words, w, k);
        uint32_t *m = realloc(set->members, (set->n + 1) * sizeof *m);
        if (!id || !m) {
            free(m == set->members ? NULL : m);
            return pl_fail(L->ctx, PL_ENOMEM, "out of memory");
        }
        set->members = m;
        set->members[set->n++] = id;
    }
    if (set->n == 0)
        return LERR(L, "synset %s has no members", name);
    qsort(set->members, set->n, sizeof *set->members, cmp_u32);
    return PL_OK;
}

/* A word of a pattern into an argument: &SET or a lemma. */
static int word_arg(lctx *L, const char *w, vp_arg *a) {
    if (w[0] == '&') {
        uint32_t sid = pl_intern_find(&L->v->setnames, w + 1, strlen(w + 1));
        if (!sid)
            return LERR(L, "synset '%s' is not defined (define it before use)", w);
        a->kind = VA_SET;
        a->id = sid - 1;
        return PL_OK;
    }
    char buf[128];
    size_t n = strlen(w);
    if (n >= sizeof buf)
        return LERR(L, "word too long: '%.40s...'", w);
    memcpy(buf, w, n + 1);
    lower(buf);
    a->kind = VA_WORD;
    a->id = pl_intern_add(&L->v->words, buf, n);
    return a->id ? PL_OK : pl_fail(L->ctx, PL_ENOMEM, "out of memory");
}

static int add_pattern(lctx *L, const vpattern *p, int32_t *index) {
    pl_verbs *v = L->v;
    if ((v->npats & (v->npats - 1)) == 0) { /* grow at powers of two */
        size_t cap = v->npats ? (size_t)v->npats * 2 : 64;
        vpattern *pats = realloc(v->pats, cap * sizeof *pats);
        if (!pats)
            return pl_fail(L->ctx, PL_ENOMEM, "out of memory");
        v->pats = pats;
    }
    if (index)
        *index = (int32_t)v->npats;
    v->pats[v->npats++] = *p;
    return PL_OK;
}

static int compile(lctx *L, char **words, int nw, vpattern *p, int *t_seen, int depth);

/* Adds a dependent introduced by preposition (or complement marker) w to
 * p; *out is the new slot, with no argument yet. */
static int new_prep(lctx *L, vpattern *p, const char *w, vp_prep **out) {
    if (p->npreps == VP_MAX_PREPS)
        return LERR(L, "at most %d prepositions in a pattern", VP_MAX_PREPS);
    vp_prep *x = &p->preps[p->npreps++];
    x->prep = pl_intern_add(&L->v->words, w, strlen(w));
    x->arg.kind = VA_NONE;
    x->sub = -1;
    if (!x->prep)
        return pl_fail(L->ctx, PL_ENOMEM, "out of memory");
    *out = x;
    return PL_OK;
}

/* Gives slot x the argument words[0] and, when more words follow, makes
 * them a sub-pattern that the argument's own dependents must match
 * ("to impose &SANCTION on T", "of supporting terrorism"). */
static int fill_slot(lctx *L, vpattern *p, vp_prep *x, char **words, int n, int *t_seen, int depth) {
    int rc = word_arg(L, words[0], &x->arg);
    if (rc || n == 1)
        return rc;
    if (depth >= 4)
        return LERR(L, "pattern nested too deeply");
    vpattern sub;
    memset(&sub, 0, sizeof sub);
    sub.is_sub = 1;
    if ((rc = compile(L, words, n, &sub, t_seen, depth + 1)))
        return rc;
    sub.file = L->fileno;
    sub.line = L->line;
    p->spec += sub.spec - 1;
    return add_pattern(L, &sub, &x->sub);
}

/* Compiles words[0..nw) into *p: the predicate, then its dependents (see
 * docs/dictionaries.md). What follows the argument of a preposition, or a
 * second content word, forms a sub-pattern for that dependent, compiled
 * recursively. *t_seen counts T slots over the whole line. */
static int compile(lctx *L, char **words, int nw, vpattern *p, int *t_seen, int depth) {
    if (strcmp(words[0], "T") == 0 || strcmp(words[0], "*") == 0)
        return LERR(L, "a pattern starts with its predicate, not '%s'", words[0]);
    int rc = word_arg(L, words[0], &p->pred);
    if (rc)
        return rc;
    p->spec = 1;
    vp_prep *open = NULL; /* a preposition still waiting for its argument */
    for (int i = 1; i < nw; i++) {
        const char *w = words[i];
        if (strcmp(w, "*") == 0)
            continue;
        p->spec++;
        if (strcmp(w, "T") == 0) {
            if ((*t_seen)++)
                return LERR(L, "'T' appears twice");
            if (open)
                open->arg.kind = VA_T;
            else if (p->obj.kind == VA_NONE)
                p->obj.kind = VA_T;
            else
                return LERR(L, "'T' after a direct object: use a preposition before it");
            open = NULL;
            continue;
        }
        int after_to = open && strcmp(L->v->words.strs[open->prep], "to") == 0;
        if (open && (after_to || !is_prep_word(w))) {
            /* the preposition's argument; after "to" it is a verb, which
             * may look like a particle ("to back down") */
            return fill_slot(L, p, open, words + i, nw - i, t_seen, depth);
        }
        if (is_prep_word(w)) {
            char lw[64];
            snprintf(lw, sizeof lw, "%s", w);
            lower(lw);
            if ((rc = new_prep(L, p, lw, &open)))
                return rc;
            continue;
        }
        int next_content = i + 1 < nw && strcmp(words[i + 1], "T") != 0 &&
                           strcmp(words[i + 1], "*") != 0 && !is_prep_word(words[i + 1]);
        if (p->obj.kind == VA_NONE && !next_content) {
            if ((rc = word_arg(L, w, &p->obj)))
                return rc;
            continue;
        }
        /* a bare complement ("help resolve &DISPUTE") or, after the object,
         * a predicative one ("hold T responsible"): an open clausal
         * complement, matched like "to VERB" */
        vp_prep *x;
        if ((rc = new_prep(L, p, "to", &x)))
            return rc;
        return fill_slot(L, p, x, words + i, nw - i, t_seen, depth);
    }
    return PL_OK;
}

static int pattern_line(lctx *L, char *code, char *rest) {
    vpattern p;
    memset(&p, 0, sizeof p);
    if (strcmp(code, "-") != 0) {
        size_t n = strlen(code);
        if (n < 2 || n > 4 || strspn(code, "0123456789") != n || !cameo_find(code))
            return LERR(L, "unknown CAMEO event code '%s'", code);
        memcpy(p.code, code, n + 1);
    }
    char *words[32];
    int nw = 0;
    char *save;
    for (char *w = strtok_r(rest, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (nw == 32)
            return LERR(L, "pattern too long (at most 32 words)");
        words[nw++] = w;
    }
    if (nw == 0)
        return LERR(L, "code '%s' has no pattern", code);
    int t_seen = 0;
    int rc = compile(L, words, nw, &p, &t_seen, 0);
    if (rc)
        return rc;
    p.file = L->fileno;
    p.line = L->line;
    return add_pattern(L, &p, NULL);
}

/* Cuts a comment: '#' at the start or after white space. */
static void cut_comment(char *s) {
    for (char *p = s; *p; p++)
        if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
            *p = 0;
            return;
        }
}

/* Reads patterns from f, naming it path in messages and evidence. */
static int load_stream(pl_ctx *ctx, pl_verbs *v, FILE *f, const char *path) {
    char **files = realloc(v->files, (v->nfiles + 1) * sizeof *files);
    if (!files)
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    v->files = files;
    if (!(v->files[v->nfiles] = strdup(path)))
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    lctx L = {ctx, v, path, v->nfiles++, 0};
    char line[4096];
    int rc = PL_OK;
    while (rc == PL_OK && fgets(line, sizeof line, f)) {
        L.line++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            rc = LERR(&L, "line longer than %zu bytes", sizeof line - 2);
            break;
        }
        if (memchr(line, 0, n) != NULL || strlen(line) != n) {
            rc = LERR(&L, "NUL byte in line");
            break;
        }
        cut_comment(line);
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        n = strlen(s);
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
            s[--n] = 0;
        if (n == 0)
            continue;
        char *sp = s + strcspn(s, " \t");
        if (*sp == 0) {
            rc = LERR(&L, "'%s' alone: want 'CODE PATTERN' or 'synset NAME: words'", s);
            break;
        }
        *sp = 0;
        if (strcmp(s, "synset") == 0)
            rc = synset_line(&L, sp + 1);
        else
            rc = pattern_line(&L, s, sp + 1);
    }
    if (rc == PL_OK && ferror(f))
        rc = pl_fail(ctx, PL_EIO, "%s: read error", path);
    return rc;
}

/* A PETRARCH verb dictionary: *.verbs, or "--- VERB [code] ---" blocks. */
static int is_petrarch(const char *path, FILE *f) {
    size_t n = strlen(path);
    if (n > 6 && strcmp(path + n - 6, ".verbs") == 0)
        return 1;
    char line[512];
    int found = 0;
    for (int i = 0; i < 200 && fgets(line, sizeof line, f); i++)
        if (strncmp(line, "--- ", 4) == 0 && strchr(line, '[')) {
            found = 1;
            break;
        }
    rewind(f);
    return found;
}

int verbs_load_file(pl_ctx *ctx, pl_verbs *v, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f)
        return pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
    int rc;
    if (is_petrarch(path, f)) {
        fclose(f);
        char *text;
        size_t len;
        if ((rc = pl_verbs_import_petrarch(ctx, path, &text, &len)) != PL_OK)
            return rc;
        f = fmemopen(text, len ? len : 1, "r");
        if (!f) {
            free(text);
            return pl_fail(ctx, PL_ENOMEM, "out of memory");
        }
        rc = load_stream(ctx, v, f, path);
        fclose(f);
        free(text);
        return rc;
    }
    rc = load_stream(ctx, v, f, path);
    fclose(f);
    return rc;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

pl_verbs *verbs_load(pl_ctx *ctx, const char *dir) {
    pl_verbs *v = verbs_new();
    if (!v) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    DIR *d = opendir(dir);
    if (!d) {
        pl_fail(ctx, PL_EIO, "%s: %s", dir, strerror(errno));
        verbs_free(v);
        return NULL;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    int rc = PL_OK;
    while ((e = readdir(d))) {
        size_t k = strlen(e->d_name);
        if (e->d_name[0] == '.' || k < 5 ||
            (strcmp(e->d_name + k - 4, ".txt") != 0 && strcmp(e->d_name + k - 6, ".verbs") != 0))
            continue;
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn || !(nn[n] = malloc(strlen(dir) + k + 2))) {
            names = nn ? nn : names;
            rc = pl_fail(ctx, PL_ENOMEM, "out of memory");
            break;
        }
        names = nn;
        sprintf(names[n++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (rc == PL_OK && n == 0)
        rc = pl_fail(ctx, PL_EIO, "%s: no *.txt pattern files", dir);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == PL_OK; i++)
        rc = verbs_load_file(ctx, v, names[i]);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc == PL_OK)
        rc = verbs_finish(ctx, v);
    if (rc != PL_OK) {
        verbs_free(v);
        return NULL;
    }
    return v;
}

/* Adds pattern i under word w (counting pass when byword is NULL). */
static void index_word(pl_verbs *v, uint32_t w, uint32_t i, uint32_t *fill) {
    if (v->byword)
        v->byword[fill[w]++] = i;
    else
        v->start[w + 1]++;
}

static void index_all(pl_verbs *v, uint32_t *fill) {
    for (uint32_t i = 0; i < v->npats; i++) {
        const vpattern *p = &v->pats[i];
        if (p->is_sub)
            continue;
        if (p->pred.kind == VA_WORD) {
            index_word(v, p->pred.id, i, fill);
        } else {
            const vsynset *s = &v->sets[p->pred.id];
            for (uint32_t k = 0; k < s->n; k++)
                index_word(v, s->members[k], i, fill);
        }
    }
}

int verbs_finish(pl_ctx *ctx, pl_verbs *v) {
    free(v->start);
    free(v->byword);
    v->byword = NULL;
    v->nindexed = v->words.n + 1;
    v->start = calloc((size_t)v->nindexed + 1, sizeof *v->start);
    if (!v->start)
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    index_all(v, NULL);
    for (uint32_t w = 1; w <= v->nindexed; w++)
        v->start[w] += v->start[w - 1];
    uint32_t total = v->start[v->nindexed];
    uint32_t *fill = malloc(((size_t)v->nindexed + 1) * sizeof *fill);
    v->byword = malloc(((size_t)total + 1) * sizeof *v->byword);
    if (!fill || !v->byword) {
        free(fill);
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    }
    memcpy(fill, v->start, ((size_t)v->nindexed + 1) * sizeof *fill);
    index_all(v, fill);
    free(fill);
    return PL_OK;
}
