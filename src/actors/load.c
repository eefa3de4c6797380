/*
 * load.c — reading dictionaries: parley's own format (docs/dictionaries.md),
 * files and directories, and finding the data directory.
 *
 * The parser is line by line and strict: anything it does not understand is
 * an error "FILE:LINE: message" and loading stops, because a dictionary that
 * silently drops a line codes silently wrong.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actors/actors.h"

/* ---- files -------------------------------------------------------------- */

int act_read_file(pl_ctx *ctx, const char *path, char **text, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n + 1 < cap)
            break;
        char *nb = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf)
        return pl_fail(ctx, PL_ENOMEM, "%s: out of memory", path);
    if (bad) {
        free(buf);
        return pl_fail(ctx, PL_EIO, "%s: read error", path);
    }
    buf[n] = 0;
    *text = buf;
    *len = n;
    return PL_OK;
}

static int ends_ci(const char *s, const char *suf) {
    size_t n = strlen(s), k = strlen(suf);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suf[i])
            return 0;
    }
    return 1;
}

int act_format_by_name(const char *path) {
    static const struct {
        const char *suffix;
        int format;
    } names[] = {
        {".actors", PL_DICT_PETRARCH_ACTORS},   {".actors.txt", PL_DICT_PETRARCH_ACTORS},
        {".agents", PL_DICT_PETRARCH_AGENTS},   {".agents.txt", PL_DICT_PETRARCH_AGENTS},
        {".discard", PL_DICT_PETRARCH_DISCARD}, {".discard.txt", PL_DICT_PETRARCH_DISCARD},
        {".discards", PL_DICT_PETRARCH_DISCARD}, {".discards.txt", PL_DICT_PETRARCH_DISCARD},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ends_ci(path, names[i].suffix))
            return names[i].format;
    return PL_DICT_PARLEY;
}

/* ---- parley's format ---------------------------------------------------- */

typedef struct parser {
    pl_ctx *ctx;
    pl_actors *a;
    act_where w;
    int in_actor;          /* an actor block is open */
    int has_type, has_gender, has_wikidata, has_country;
} parser;

#define FAIL(p, ...) pl_fail((p)->ctx, PL_EFORMAT, __VA_ARGS__)

static int is_space(char c) {
    return c == ' ' || c == '\t';
}

/* Splits s[0..n) into its first word and the rest (both trimmed). */
static void first_word(const char *s, size_t n, const char **w, size_t *wn, const char **rest,
                       size_t *rn) {
    size_t i = 0;
    while (i < n && is_space(s[i]))
        i++;
    size_t j = i;
    while (j < n && !is_space(s[j]))
        j++;
    *w = s + i;
    *wn = j - i;
    while (j < n && is_space(s[j]))
        j++;
    *rest = s + j;
    *rn = n - j;
    while (*rn > 0 && is_space((*rest)[*rn - 1]))
        (*rn)--;
}

static int word_is(const char *w, size_t n, const char *kw) {
    return strlen(kw) == n && memcmp(w, kw, n) == 0;
}

/* Parses one side of a range: "" -> 0, YYYY-MM-DD -> yyyymmdd, else -1. */
static int32_t parse_iso(const char *s, size_t n) {
    if (n == 0)
        return 0;
    if (n != 10)
        return -1;
    char d[11];
    memcpy(d, s, 10);
    d[10] = 0;
    int32_t v = act_date_int(d);
    return v ? v : -1;
}

static int end_block(parser *p) {
    if (!p->in_actor)
        return PL_OK;
    p->in_actor = 0;
    return act_entry_end(p->ctx, p->a);
}

/* `code CODE [FROM..TO]` */
static int code_line(parser *p, const char *s, size_t n) {
    const char *code, *range;
    size_t cn, rn;
    first_word(s, n, &code, &cn, &range, &rn);
    if (cn == 0)
        return FAIL(p, "%s:%u: 'code' needs a CAMEO code", p->w.file, p->w.line);
    int32_t from = 0, to = 0;
    if (rn) {
        const char *dots = NULL;
        for (size_t i = 0; i + 1 < rn; i++)
            if (range[i] == '.' && range[i + 1] == '.') {
                dots = range + i;
                break;
            }
        const char *sp = memchr(range, ' ', rn);
        if (!dots || sp)
            return FAIL(p, "%s:%u: invalid date range '%.*s' (want FROM..TO, dates YYYY-MM-DD, "
                        "either end may be left open)", p->w.file, p->w.line, (int)rn, range);
        from = parse_iso(range, (size_t)(dots - range));
        to = parse_iso(dots + 2, rn - (size_t)(dots + 2 - range));
        if (from < 0 || to < 0 || (!from && !to))
            return FAIL(p, "%s:%u: invalid date range '%.*s' (want FROM..TO, dates YYYY-MM-DD, "
                        "either end may be left open)", p->w.file, p->w.line, (int)rn, range);
    }
    return act_entry_code(p->ctx, p->a, &p->w, code, cn, from, to);
}

static int field_line(parser *p, const char *kw, size_t kn, const char *v, size_t vn) {
    act_entry *e = &p->a->entries[p->a->nentries - 1];
    if (word_is(kw, kn, "alias")) {
        if (!vn)
            return FAIL(p, "%s:%u: 'alias' needs a name", p->w.file, p->w.line);
        return act_entry_name(p->ctx, p->a, &p->w, p->a->nentries - 1, v, vn);
    }
    if (word_is(kw, kn, "code"))
        return code_line(p, v, vn);
    if (word_is(kw, kn, "type")) {
        static const char *const types[] = {"", "person", "country", "capital", "organization",
                                            "group"};
        if (p->has_type++)
            return FAIL(p, "%s:%u: second 'type' line in one actor", p->w.file, p->w.line);
        for (unsigned i = 1; i < sizeof types / sizeof types[0]; i++)
            if (word_is(v, vn, types[i])) {
                e->type = (uint8_t)i;
                e->has_type = 1;
                return PL_OK;
            }
        return FAIL(p, "%s:%u: unknown type '%.*s' (person, country, capital, organization, group)",
                    p->w.file, p->w.line, (int)vn, v);
    }
    if (word_is(kw, kn, "gender")) {
        if (p->has_gender++)
            return FAIL(p, "%s:%u: second 'gender' line in one actor", p->w.file, p->w.line);
        if (word_is(v, vn, "male"))
            e->gender = PL_GENDER_MALE;
        else if (word_is(v, vn, "female"))
            e->gender = PL_GENDER_FEMALE;
        else
            return FAIL(p, "%s:%u: unknown gender '%.*s' (male, female)", p->w.file, p->w.line,
                        (int)vn, v);
        e->has_gender = 1;
        return PL_OK;
    }
    if (word_is(kw, kn, "wikidata")) {
        if (p->has_wikidata++)
            return FAIL(p, "%s:%u: second 'wikidata' line in one actor", p->w.file, p->w.line);
        int ok = vn >= 2 && vn <= 16 && v[0] == 'Q';
        for (size_t i = 1; ok && i < vn; i++)
            ok = v[i] >= '0' && v[i] <= '9';
        if (!ok)
            return FAIL(p, "%s:%u: invalid wikidata id '%.*s' (want Q and digits)", p->w.file,
                        p->w.line, (int)(vn > 40 ? 40 : vn), v);
        e->wikidata = act_strdup(p->a, v, vn);
        return e->wikidata ? PL_OK : pl_fail(p->ctx, PL_ENOMEM, "out of memory");
    }
    if (word_is(kw, kn, "country")) {
        if (p->has_country++)
            return FAIL(p, "%s:%u: second 'country' line in one actor", p->w.file, p->w.line);
        if (vn != 3 || !act_valid_code(v, 3) || v[0] < 'A' || v[1] < 'A' || v[2] < 'A')
            return FAIL(p, "%s:%u: invalid country '%.*s' (want 3 capital letters, e.g. UKR)",
                        p->w.file, p->w.line, (int)(vn > 40 ? 40 : vn), v);
        memcpy(e->country, v, 3);
        return PL_OK;
    }
    return FAIL(p, "%s:%u: unknown keyword '%.*s' in an actor block (alias, code, type, gender, "
                "wikidata, country)", p->w.file, p->w.line, (int)(kn > 40 ? 40 : kn), kw);
}

/* Calls add on each comma-separated phrase of list. */
static int each_phrase(parser *p, const char *list, size_t n, const char *what,
                       int (*add)(parser *, const char *, size_t, const void *), const void *arg) {
    if (!n)
        return FAIL(p, "%s:%u: '%s' needs a list of phrases", p->w.file, p->w.line, what);
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && list[j] != ',')
            j++;
        size_t a = i, b = j;
        while (a < b && is_space(list[a]))
            a++;
        while (b > a && is_space(list[b - 1]))
            b--;
        if (a == b)
            return FAIL(p, "%s:%u: empty phrase in the list (two commas, or a comma at an end)",
                        p->w.file, p->w.line);
        int rc = add(p, list + a, b - a, arg);
        if (rc)
            return rc;
        i = j + 1;
    }
    return PL_OK;
}

typedef struct agent_arg {
    const char *code;
    size_t n;
} agent_arg;

static int add_agent(parser *p, const char *s, size_t n, const void *arg) {
    const agent_arg *g = arg;
    return act_agent_add(p->ctx, p->a, &p->w, g->code, g->n, s, n);
}

static int add_discard(parser *p, const char *s, size_t n, const void *arg) {
    return act_discard_add(p->ctx, p->a, &p->w, *(const unsigned *)arg, s, n);
}

static int top_line(parser *p, const char *kw, size_t kn, const char *v, size_t vn) {
    int rc = end_block(p);
    if (rc)
        return rc;
    if (word_is(kw, kn, "actor")) {
        if (!vn)
            return FAIL(p, "%s:%u: 'actor' needs a name", p->w.file, p->w.line);
        uint32_t id;
        rc = act_entry_begin(p->ctx, p->a, &p->w, v, vn, &id);
        p->in_actor = 1;
        p->has_type = p->has_gender = p->has_wikidata = p->has_country = 0;
        return rc;
    }
    if (word_is(kw, kn, "agent")) {
        const char *code, *list;
        size_t cn, ln;
        first_word(v, vn, &code, &cn, &list, &ln);
        if (!cn)
            return FAIL(p, "%s:%u: 'agent' needs a code and a list of phrases", p->w.file, p->w.line);
        if (!act_valid_code(code, cn))
            return FAIL(p, "%s:%u: invalid agent code '%.*s' (want role codes of 3 capital "
                        "letters, e.g. GOV)", p->w.file, p->w.line, (int)(cn > 40 ? 40 : cn), code);
        agent_arg g = {code, cn};
        return each_phrase(p, list, ln, "agent", add_agent, &g);
    }
    if (word_is(kw, kn, "discard")) {
        const char *which, *list;
        size_t wn, ln;
        first_word(v, vn, &which, &wn, &list, &ln);
        unsigned kind;
        if (word_is(which, wn, "sentence"))
            kind = PL_DISCARD_SENTENCE;
        else if (word_is(which, wn, "story"))
            kind = PL_DISCARD_STORY;
        else
            return FAIL(p, "%s:%u: 'discard' needs 'sentence' or 'story', then phrases", p->w.file,
                        p->w.line);
        return each_phrase(p, list, ln, "discard", add_discard, &kind);
    }
    static const char *const fields[] = {"alias", "code", "type", "gender", "wikidata", "country"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (word_is(kw, kn, fields[i]))
            return FAIL(p, "%s:%u: '%s' must be indented under an 'actor' line", p->w.file,
                        p->w.line, fields[i]);
    return FAIL(p, "%s:%u: unknown keyword '%.*s' (actor, agent, discard)", p->w.file, p->w.line,
                (int)(kn > 40 ? 40 : kn), kw);
}

static int utf8_ok(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        i += pl_utf8_decode(u + i, n - i, &cp);
        if (cp < 0)
            return 0;
    }
    return 1;
}

int act_parse_parley(pl_ctx *ctx, pl_actors *a, const char *file, const char *text, size_t len) {
    parser p = {ctx, a, {file, 0}, 0, 0, 0, 0, 0};
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        const char *line = text + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + (nl ? 1 : 0);
        p.w.line++;
        if (n && line[n - 1] == '\r')
            n--;
        if (memchr(line, 0, n))
            return FAIL(&p, "%s:%u: NUL byte in a text file", file, p.w.line);
        if (!utf8_ok(line, n))
            return FAIL(&p, "%s:%u: invalid UTF-8", file, p.w.line);
        /* comments: '#' at the start of the line or after a blank */
        for (size_t k = 0; k < n; k++)
            if (line[k] == '#' && (k == 0 || is_space(line[k - 1]))) {
                n = k;
                break;
            }
        while (n && is_space(line[n - 1]))
            n--;
        size_t ind = 0;
        while (ind < n && is_space(line[ind])) {
            if (line[ind] == '\t')
                return FAIL(&p, "%s:%u: tab in the indentation (indent with spaces)", file,
                            p.w.line);
            ind++;
        }
        if (ind == n)
            continue;
        const char *kw, *v;
        size_t kn, vn;
        first_word(line, n, &kw, &kn, &v, &vn);
        int rc;
        if (ind == 0) {
            rc = top_line(&p, kw, kn, v, vn);
        } else if (word_is(kw, kn, "actor") || word_is(kw, kn, "agent") ||
                   word_is(kw, kn, "discard")) {
            rc = FAIL(&p, "%s:%u: '%.*s' must start at column 1", file, p.w.line, (int)kn, kw);
        } else if (!p.in_actor) {
            rc = FAIL(&p, "%s:%u: indented line outside an actor block", file, p.w.line);
        } else {
            rc = field_line(&p, kw, kn, v, vn);
        }
        if (rc)
            return rc;
    }
    return end_block(&p);
}

/* ---- files and directories ---------------------------------------------- */

static int add_buffer(pl_ctx *ctx, pl_actors *a, const char *name, const char *text, size_t len,
                      int format) {
    const char *file = act_strdup(a, name, strlen(name));
    if (!file)
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    if (format == PL_DICT_AUTO)
        format = act_format_by_name(name);
    int rc;
    if (format == PL_DICT_PARLEY)
        rc = act_parse_parley(ctx, a, file, text, len);
    else if (format >= PL_DICT_PETRARCH_ACTORS && format <= PL_DICT_PETRARCH_DISCARD)
        rc = act_parse_petrarch(ctx, a, NULL, file, text, len, format);
    else
        rc = pl_fail(ctx, PL_EARG, "unknown dictionary format %d", format);
    if (rc)
        a->broken = 1;
    else
        a->nfiles++;
    return rc;
}

int pl_actors_add_text(pl_ctx *ctx, pl_actors *a, const char *name, const char *text, size_t len,
                       int format) {
    if (!a || !text || !name)
        return pl_fail(ctx, PL_EARG, "pl_actors_add_text: NULL argument");
    if (a->broken)
        return pl_fail(ctx, PL_EARG, "%s: the dictionary set failed to load earlier", name);
    return add_buffer(ctx, a, name, text, len, format);
}

static int add_file(pl_ctx *ctx, pl_actors *a, const char *path, int format) {
    char *text;
    size_t len;
    int rc = act_read_file(ctx, path, &text, &len);
    if (rc) {
        a->broken = 1;
        return rc;
    }
    rc = add_buffer(ctx, a, path, text, len, format);
    free(text);
    return rc;
}

static int cmp_str(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds every *.txt (and PETRARCH name) file of dir, in byte order of names. */
static int add_files_of(pl_ctx *ctx, pl_actors *a, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        a->broken = 1;
        return pl_fail(ctx, PL_EIO, "%s: %s", dir, strerror(errno));
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = PL_OK;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *nm = de->d_name;
        if (nm[0] == '.')
            continue;
        if (!ends_ci(nm, ".txt") && act_format_by_name(nm) == PL_DICT_PARLEY)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) {
                rc = PL_ENOMEM;
                break;
            }
            names = nn;
        }
        size_t len = strlen(dir) + strlen(nm) + 2;
        names[n] = malloc(len);
        if (!names[n]) {
            rc = PL_ENOMEM;
            break;
        }
        snprintf(names[n], len, "%s/%s", dir, nm);
        n++;
    }
    closedir(d);
    if (rc == PL_OK) {
        qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n && rc == PL_OK; i++)
            if (!is_dir(names[i]))
                rc = add_file(ctx, a, names[i], PL_DICT_AUTO);
    } else {
        a->broken = 1;
        pl_fail(ctx, rc, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int pl_actors_add(pl_ctx *ctx, pl_actors *a, const char *path, int format) {
    if (!a || !path)
        return pl_fail(ctx, PL_EARG, "pl_actors_add: NULL argument");
    if (a->broken)
        return pl_fail(ctx, PL_EARG, "%s: the dictionary set failed to load earlier", path);
    if (!is_dir(path))
        return add_file(ctx, a, path, format);
    char sub[4096];
    int found = 0, rc = PL_OK;
    static const char *const subs[] = {"actors", "agents"};
    for (int i = 0; i < 2 && rc == PL_OK; i++) {
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, subs[i]) >= sizeof sub)
            return pl_fail(ctx, PL_ELIMIT, "%.60s...: path too long", path);
        if (is_dir(sub)) {
            found = 1;
            rc = add_files_of(ctx, a, sub);
        }
    }
    if (!found)
        rc = add_files_of(ctx, a, path);
    return rc;
}

pl_actors *pl_actors_load(pl_ctx *ctx, const char *path) {
    char root[4096];
    if (!path) {
        if (pl_data_path(ctx, "actors", root, sizeof root) != PL_OK)
            return NULL;
        root[strlen(root) - strlen("/actors")] = 0;
        path = root;
    }
    pl_actors *a = pl_actors_new(ctx);
    if (!a)
        return NULL;
    if (pl_actors_add(ctx, a, path, PL_DICT_AUTO) != PL_OK) {
        pl_actors_free(a);
        return NULL;
    }
    return a;
}

/* ---- the data directory ------------------------------------------------- */

int pl_data_path(pl_ctx *ctx, const char *rel, char *out, size_t cap) {
    char cand[3][4096];
    const char *tried[3];
    int n = 0;
    if (!rel)
        rel = "";
    const char *sep = *rel ? "/" : "";
    if (snprintf(cand[n], sizeof cand[n], "data%s%s", sep, rel) >= (int)sizeof cand[n])
        return pl_fail(ctx, PL_ELIMIT, "data path too long");
    tried[n++] = cand[0];
    const char *env = getenv("PARLEY_DATA");
    if (env && *env) {
        if (snprintf(cand[n], sizeof cand[n], "%s%s%s", env, sep, rel) < (int)sizeof cand[n]) {
            tried[n] = cand[n];
            n++;
        }
    }
    char exe[4096];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            if (snprintf(cand[n], sizeof cand[n], "%s/../share/parley%s%s", exe, sep, rel) <
                (int)sizeof cand[n]) {
                tried[n] = cand[n];
                n++;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        if (access(cand[i], F_OK) == 0) {
            if (strlen(cand[i]) + 1 > cap)
                return pl_fail(ctx, PL_ELIMIT, "data path too long: %.60s...", cand[i]);
            memcpy(out, cand[i], strlen(cand[i]) + 1);
            return PL_OK;
        }
    }
    char msg[512];
    size_t m = 0;
    msg[0] = 0;
    for (int i = 0; i < n && m < sizeof msg; i++)
        m += (size_t)snprintf(msg + m, sizeof msg - m, "%s%s", i ? ", " : "", tried[i]);
    return pl_fail(ctx, PL_EIO, "no parley data '%s': tried %s%s", rel, msg,
                   env && *env ? "" : " ($PARLEY_DATA is not set)");
}
