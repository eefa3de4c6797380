/*
 * petrarch.c — PETRARCH and TABARI dictionaries: actors, agents, discard
 * lists. Each file is read into parley's model, either straight into a
 * dictionary set or written out in parley's format (`parley dict import`).
 * Both paths share the parser, so what loads is exactly what converts.
 *
 * The formats (as documented by PETRARCH; no code of theirs is used):
 *
 *   actors    PRIMARY_PHRASE_ [CODE]        a new entry; [CODE] is its default
 *             +SYNONYM_PHRASE               another name of the entry
 *                 [CODE <YYMMDD]            code before a date (inclusive)
 *                 [CODE >YYMMDD]            code after a date (inclusive)
 *                 [CODE YYMMDD-YYMMDD]      code between two dates
 *                 [CODE]                    the default code
 *   agents    PHRASE {PLURAL PLURAL} [~CODE]   code after the actor's code
 *             PHRASE [CODE~]                   code before it (NGO~)
 *             !NAME! = A, B, C                 substitution set used as !NAME!
 *   discard   PHRASE                        discards the sentence
 *             +PHRASE                       discards the whole story
 *
 * Words are joined by '_' or blanks; a final '_' is dropped. Comments are
 * '#' or ';' to the end of the line and <!-- ... --> (also across lines).
 * Dates are YYMMDD (00-29 -> 20xx, 30-99 -> 19xx) or YYYYMMDD.
 * Differences, noted in docs/actors.md: a blank between agent words does not
 * allow words in between; discard phrases match whole words, not stems.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actors/actors.h"

#define MAX_SUBS 64
#define MAX_PHRASE 512

typedef struct pt_code {
    char code[PL_CODE_MAX + 1];
    int32_t from, to;
    uint32_t line;
} pt_code;

typedef struct pt_sub {
    char name[64];
    char *items;      /* NUL-separated, nitems of them */
    int nitems;
} pt_sub;

typedef struct pt {
    pl_ctx *ctx;
    pl_actors *a;     /* load here, or */
    pl_buf *out;      /* write parley's format here */
    const char *file;
    uint32_t line;
    int format;
    /* the open actor entry */
    int open;
    uint32_t eline;
    pl_buf names;     /* NUL-separated names, the first is the primary */
    uint32_t *nline;  /* line of each name */
    size_t nnames, capn;
    pt_code *codes;
    size_t ncodes, capc;
    pt_sub subs[MAX_SUBS];
    int nsubs;
} pt;

#define PFAIL(p, ...) pl_fail((p)->ctx, PL_EFORMAT, __VA_ARGS__)

/* ---- text helpers --------------------------------------------------------- */

static int is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

static int eq_ci(const char *s, size_t n, const char *w) {
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* A phrase as parley writes it: '_' and runs of blanks become one space,
 * ends trimmed. case_mode: 0 keep, 1 lower, 2 names (Title Case, acronyms
 * kept). Writes into out (cap bytes); returns the length, or 0 if empty. */
static size_t clean_phrase(const char *s, size_t n, char *out, size_t cap, int case_mode) {
    static const char *const small[] = {"of", "the", "and", "for", "on", "in", "to", "at", "by",
                                        "de", "du", "da", "la", "le", "al", "el", "bin", "ibn",
                                        "van", "von", "der", "del", "des", "y", "a", "an", NULL};
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && (s[i] == '_' || is_blank(s[i])))
            i++;
        size_t j = i;
        while (j < n && s[j] != '_' && !is_blank(s[j]))
            j++;
        if (j == i)
            break;
        if (m && m + 1 < cap)
            out[m++] = ' ';
        size_t wl = j - i;
        int keep = case_mode == 0, lower = case_mode == 1;
        if (case_mode == 2) {
            int letters = 0, other = 0;
            for (size_t k = i; k < j; k++) {
                unsigned char c = (unsigned char)s[k];
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
                    letters++;
                else if (c != '-' && c != '\'')
                    other++;
            }
            if (other) {
                keep = 1; /* U.S., digits, non-ASCII: as written */
            } else if (letters >= 2 && letters <= 3) {
                keep = 1; /* UN, USA, EU: an acronym, unless a small word */
                for (int k = 0; small[k]; k++)
                    if (eq_ci(s + i, wl, small[k]))
                        keep = 0;
            }
            if (!keep && m > 0)
                for (int k = 0; small[k]; k++)
                    if (eq_ci(s + i, wl, small[k]))
                        lower = 1;
        }
        for (size_t k = i; k < j && m + 1 < cap; k++) {
            char c = s[k];
            if (!keep) {
                /* a word starts after '-' and after O' or D' */
                int start = k == i || s[k - 1] == '-' || (s[k - 1] == '\'' && k - i == 2);
                if (c >= 'A' && c <= 'Z' && (lower || !start))
                    c = (char)(c + 32);
                else if (c >= 'a' && c <= 'z' && !lower && start)
                    c = (char)(c - 32);
            }
            out[m++] = c;
        }
        i = j;
    }
    out[m < cap ? m : cap - 1] = 0;
    return m;
}

/* Removes comments from one line, tracking <!-- --> across lines. Writes
 * the rest into out (cap bytes, NUL-terminated) and returns its length. */
static size_t strip_comments(const char *s, size_t n, int *in_xml, char *out, size_t cap) {
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        if (*in_xml) {
            if (i + 3 <= n && memcmp(s + i, "-->", 3) == 0) {
                *in_xml = 0;
                i += 3;
            } else {
                i++;
            }
            continue;
        }
        if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
            *in_xml = 1;
            i += 4;
            continue;
        }
        if (s[i] == '#' || s[i] == ';')
            break;
        if (m + 1 < cap)
            out[m++] = s[i];
        i++;
    }
    while (m && is_blank(out[m - 1]))
        m--;
    out[m] = 0;
    return m;
}

/* YYMMDD or YYYYMMDD -> yyyymmdd; 0 when invalid. */
static int32_t pt_date(const char *s, size_t n) {
    char iso[11];
    if (n == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(iso, sizeof iso, "%s%.2s-%.2s-%.2s", yy < 30 ? "20" : "19", s, s + 2, s + 4);
    } else if (n == 8) {
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    } else {
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return act_date_int(iso);
}

static void iso_of(int32_t d, char out[11]) {
    int32_t v[3] = {d / 10000, d / 100 % 100, d % 100};
    int w[3] = {4, 2, 2}, k = 0;
    for (int i = 0; i < 3; i++) {
        if (i)
            out[k++] = '-';
        for (int j = w[i] - 1; j >= 0; j--) {
            out[k + j] = (char)('0' + v[i] % 10);
            v[i] /= 10;
        }
        k += w[i];
    }
    out[10] = 0;
}

/* Parses "[CODE]" or "[CODE restriction]" at s (which starts with '[');
 * sets *end past the ']'. */
static int pt_bracket(pt *p, const char *s, size_t n, pt_code *c, size_t *end) {
    const char *close = memchr(s, ']', n);
    if (!close)
        return PFAIL(p, "%s:%u: '[' without ']'", p->file, p->line);
    *end = (size_t)(close - s) + 1;
    const char *b = s + 1, *e = close;
    while (b < e && is_blank(*b))
        b++;
    while (e > b && is_blank(e[-1]))
        e--;
    const char *sp = b;
    while (sp < e && !is_blank(*sp))
        sp++;
    size_t cn = (size_t)(sp - b);
    memset(c, 0, sizeof *c);
    c->line = p->line;
    if (!act_valid_code(b, cn))
        return PFAIL(p, "%s:%u: invalid code '%.*s' (want 3 to %d capital letters or digits, in "
                     "groups of 3)", p->file, p->line, (int)(cn > 40 ? 40 : cn), b, PL_CODE_MAX);
    memcpy(c->code, b, cn);
    while (sp < e && is_blank(*sp))
        sp++;
    size_t rn = (size_t)(e - sp);
    if (!rn)
        return PL_OK;
    const char *dash = memchr(sp, '-', rn);
    int ok;
    if (sp[0] == '<') {
        c->to = pt_date(sp + 1, rn - 1);
        ok = c->to != 0;
    } else if (sp[0] == '>') {
        c->from = pt_date(sp + 1, rn - 1);
        ok = c->from != 0;
    } else if (dash) {
        c->from = pt_date(sp, (size_t)(dash - sp));
        c->to = pt_date(dash + 1, rn - (size_t)(dash + 1 - sp));
        ok = c->from && c->to;
    } else {
        ok = 0;
    }
    if (!ok)
        return PFAIL(p, "%s:%u: invalid date restriction '%.*s' (want <DATE, >DATE or "
                     "DATE-DATE, dates YYMMDD or YYYYMMDD)", p->file, p->line, (int)rn, sp);
    if (c->from && c->to && c->to < c->from)
        return PFAIL(p, "%s:%u: date range ends before it starts", p->file, p->line);
    return PL_OK;
}

static int pt_nomem(pt *p) {
    return pl_fail(p->ctx, PL_ENOMEM, "out of memory");
}

/* ---- actors --------------------------------------------------------------- */

static int pt_add_name(pt *p, const char *s, size_t n) {
    char name[MAX_PHRASE];
    if (n >= sizeof name) /* clean_phrase would cut it, maybe inside a character */
        return PFAIL(p, "%s:%u: phrase too long", p->file, p->line);
    size_t m = clean_phrase(s, n, name, sizeof name, 2);
    if (!m)
        return PFAIL(p, "%s:%u: empty phrase", p->file, p->line);
    if (p->nnames == p->capn) {
        size_t nc = p->capn ? p->capn * 2 : 16;
        uint32_t *nl = realloc(p->nline, nc * sizeof *nl);
        if (!nl)
            return pt_nomem(p);
        p->nline = nl;
        p->capn = nc;
    }
    p->nline[p->nnames++] = p->line;
    pl_buf_put(&p->names, name, m + 1);
    return p->names.err ? pt_nomem(p) : PL_OK;
}

static int pt_add_code(pt *p, const pt_code *c) {
    if (p->ncodes == p->capc) {
        size_t nc = p->capc ? p->capc * 2 : 16;
        pt_code *cc = realloc(p->codes, nc * sizeof *cc);
        if (!cc)
            return pt_nomem(p);
        p->codes = cc;
        p->capc = nc;
    }
    p->codes[p->ncodes++] = *c;
    return PL_OK;
}

/* Writes or loads the open entry, then closes it. */
static int pt_flush(pt *p) {
    if (!p->open)
        return PL_OK;
    p->open = 0;
    const char *names = p->names.p;
    int country = p->ncodes > 0;
    for (size_t i = 0; i < p->ncodes; i++)
        if (strlen(p->codes[i].code) != 3 || p->codes[i].from || p->codes[i].to)
            country = 0;
    int rc = PL_OK;
    if (p->ncodes == 0) {
        /* PETRARCH reads an entry without a code as a null code: nothing */
        if (p->out)
            pl_buf_printf(p->out, "# %s:%u: '%s' has no code; left out\n\n", p->file, p->eline,
                          names);
        else
            pl_warn(p->ctx, "%s:%u: '%s' has no code; left out", p->file, p->eline, names);
    } else if (p->out) {
        const char *nm = names;
        for (size_t i = 0; i < p->nnames; i++) {
            pl_buf_printf(p->out, i ? "  alias %s\n" : "actor %s\n", nm);
            nm += strlen(nm) + 1;
        }
        for (size_t i = 0; i < p->ncodes; i++) {
            const pt_code *c = &p->codes[i];
            char f[11] = "", t[11] = "";
            if (c->from)
                iso_of(c->from, f);
            if (c->to)
                iso_of(c->to, t);
            if (c->from || c->to)
                pl_buf_printf(p->out, "  code %s %s..%s\n", c->code, f, t);
            else
                pl_buf_printf(p->out, "  code %s\n", c->code);
        }
        if (country)
            pl_buf_puts(p->out, "  type country\n");
        pl_buf_putc(p->out, '\n');
        if (p->out->err)
            rc = pt_nomem(p);
    } else {
        act_where w = {p->file, p->eline};
        uint32_t id;
        const char *nm = names;
        rc = act_entry_begin(p->ctx, p->a, &w, nm, strlen(nm), &id);
        for (size_t i = 1; i < p->nnames && rc == PL_OK; i++) {
            nm += strlen(nm) + 1;
            w.line = p->nline[i];
            rc = act_entry_name(p->ctx, p->a, &w, id, nm, strlen(nm));
        }
        for (size_t i = 0; i < p->ncodes && rc == PL_OK; i++) {
            w.line = p->codes[i].line;
            rc = act_entry_code(p->ctx, p->a, &w, p->codes[i].code, strlen(p->codes[i].code),
                                p->codes[i].from, p->codes[i].to);
        }
        if (rc == PL_OK && country) {
            p->a->entries[id].type = PL_ACTOR_COUNTRY;
            p->a->entries[id].has_type = 1;
        }
        if (rc == PL_OK)
            rc = act_entry_end(p->ctx, p->a);
    }
    p->names.len = 0;
    p->nnames = p->ncodes = 0;
    return rc;
}

/* A phrase line, "PHRASE [CODE]" or "+PHRASE [CODE]": the phrase and an
 * optional code. */
static int pt_phrase_code(pt *p, const char *s, size_t n, int *has_code, pt_code *c) {
    const char *br = memchr(s, '[', n);
    size_t pn = br ? (size_t)(br - s) : n;
    *has_code = 0;
    int rc = pt_add_name(p, s, pn);
    if (rc || !br)
        return rc;
    size_t end;
    rc = pt_bracket(p, br, n - pn, c, &end);
    if (rc)
        return rc;
    for (size_t i = pn + end; i < n; i++)
        if (!is_blank(s[i]))
            return PFAIL(p, "%s:%u: text after ']'", p->file, p->line);
    *has_code = 1;
    return PL_OK;
}

static int pt_actor_line(pt *p, const char *s, size_t n) {
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    pt_code c;
    int has, rc;
    if (s[i] == '[') { /* a date restriction, or the default code */
        if (!p->open)
            return PFAIL(p, "%s:%u: code line before any actor phrase", p->file, p->line);
        size_t end;
        rc = pt_bracket(p, s + i, n - i, &c, &end);
        if (rc)
            return rc;
        for (size_t k = i + end; k < n; k++)
            if (!is_blank(s[k]))
                return PFAIL(p, "%s:%u: text after ']'", p->file, p->line);
        return pt_add_code(p, &c);
    }
    if (s[i] == '+') {
        if (!p->open)
            return PFAIL(p, "%s:%u: '+' synonym before any actor phrase", p->file, p->line);
        rc = pt_phrase_code(p, s + i + 1, n - i - 1, &has, &c);
        return rc || !has ? rc : pt_add_code(p, &c);
    }
    if (i > 0 && p->open) /* an indented phrase line: TABARI's continuation */
        return PFAIL(p, "%s:%u: indented line is neither '[CODE ...]' nor '+SYNONYM'", p->file,
                     p->line);
    rc = pt_flush(p);
    if (rc)
        return rc;
    p->open = 1;
    p->eline = p->line;
    rc = pt_phrase_code(p, s + i, n - i, &has, &c);
    return rc || !has ? rc : pt_add_code(p, &c);
}

/* ---- agents --------------------------------------------------------------- */

static const pt_sub *pt_find_sub(const pt *p, const char *name, size_t n) {
    for (int i = 0; i < p->nsubs; i++)
        if (strlen(p->subs[i].name) == n && strncasecmp(p->subs[i].name, name, n) == 0)
            return &p->subs[i];
    return NULL;
}

/* "!NAME! = A, B, C" */
static int pt_sub_line(pt *p, const char *s, size_t n) {
    const char *close = memchr(s + 1, '!', n - 1);
    const char *eq = memchr(s, '=', n);
    if (!close || !eq || eq < close)
        return PFAIL(p, "%s:%u: want '!NAME! = word, word, ...'", p->file, p->line);
    size_t nl = (size_t)(close - s - 1);
    if (nl == 0 || nl >= sizeof p->subs[0].name)
        return PFAIL(p, "%s:%u: bad substitution name", p->file, p->line);
    if (pt_find_sub(p, s + 1, nl))
        return PFAIL(p, "%s:%u: substitution set '!%.*s!' defined twice", p->file, p->line,
                     (int)nl, s + 1);
    if (p->nsubs == MAX_SUBS)
        return PFAIL(p, "%s:%u: more than %d substitution sets", p->file, p->line, MAX_SUBS);
    pt_sub *sub = &p->subs[p->nsubs];
    memset(sub, 0, sizeof *sub);
    memcpy(sub->name, s + 1, nl);
    size_t rest = n - (size_t)(eq + 1 - s);
    sub->items = malloc(rest + 2);
    if (!sub->items)
        return pt_nomem(p);
    p->nsubs++;
    size_t m = 0;
    const char *r = eq + 1;
    for (size_t i = 0; i <= rest;) {
        size_t j = i;
        while (j < rest && r[j] != ',')
            j++;
        char w[MAX_PHRASE];
        if (j - i >= sizeof w)
            return PFAIL(p, "%s:%u: phrase too long", p->file, p->line);
        size_t wl = clean_phrase(r + i, j - i, w, sizeof w, 0);
        if (wl) {
            memcpy(sub->items + m, w, wl + 1);
            m += wl + 1;
            sub->nitems++;
        }
        i = j + 1;
    }
    if (!sub->nitems)
        return PFAIL(p, "%s:%u: empty substitution set", p->file, p->line);
    return PL_OK;
}

/* Regular English plural of the phrase's last word (PETRARCH adds S, IES
 * for Y, ES for SS; parley also keeps vowel+Y as +S and adds ES after
 * X, Z, CH, SH). */
static void regular_plural(const char *s, size_t n, char *out, size_t cap) {
    char last = n ? s[n - 1] : 0, prev = n > 1 ? s[n - 2] : 0;
    const char *vowels = "aeiouAEIOU";
    if ((last == 'y' || last == 'Y') && prev && !strchr(vowels, prev))
        snprintf(out, cap, "%.*sies", (int)(n - 1), s);
    else if (last == 's' || last == 'x' || last == 'z' ||
             ((last == 'h') && (prev == 'c' || prev == 's')))
        snprintf(out, cap, "%.*ses", (int)n, s);
    else
        snprintf(out, cap, "%.*ss", (int)n, s);
}

typedef struct pt_list {
    char buf[8192];
    size_t len;
    int n;
} pt_list;

static int list_add(pt *p, pt_list *l, const char *phrase) {
    char s[MAX_PHRASE];
    size_t k = strlen(phrase);
    if (k >= sizeof s)
        return PFAIL(p, "%s:%u: phrase too long", p->file, p->line);
    for (size_t i = 0; i <= k; i++) /* agents are common nouns: lower case */
        s[i] = phrase[i] >= 'A' && phrase[i] <= 'Z' ? (char)(phrase[i] + 32) : phrase[i];
    if (!k)
        return PL_OK;
    if (strchr(s, ','))
        return PFAIL(p, "%s:%u: a comma inside a phrase cannot be written in parley's format",
                     p->file, p->line);
    /* no duplicates */
    for (size_t i = 0; i < l->len; i += strlen(l->buf + i) + 1)
        if (strcmp(l->buf + i, s) == 0)
            return PL_OK;
    if (l->len + k + 1 > sizeof l->buf || l->n >= 256)
        return PFAIL(p, "%s:%u: too many phrases from one line", p->file, p->line);
    memcpy(l->buf + l->len, s, k + 1);
    l->len += k + 1;
    l->n++;
    return PL_OK;
}

/* Expands every !NAME! of phrase into l. */
static int expand(pt *p, const char *phrase, pt_list *l, int depth) {
    const char *b = strchr(phrase, '!');
    if (!b)
        return list_add(p, l, phrase);
    const char *e = strchr(b + 1, '!');
    if (!e)
        return PFAIL(p, "%s:%u: '!' without its closing '!'", p->file, p->line);
    const pt_sub *sub = pt_find_sub(p, b + 1, (size_t)(e - b - 1));
    if (!sub)
        return PFAIL(p, "%s:%u: unknown substitution set '%.*s'", p->file, p->line,
                     (int)(e - b + 1), b);
    if (depth > 4)
        return PFAIL(p, "%s:%u: too many substitution markers", p->file, p->line);
    const char *it = sub->items;
    for (int i = 0; i < sub->nitems; i++, it += strlen(it) + 1) {
        char buf[MAX_PHRASE];
        int k = snprintf(buf, sizeof buf, "%.*s%s%s", (int)(b - phrase), phrase, it, e + 1);
        if (k < 0 || (size_t)k >= sizeof buf)
            return PFAIL(p, "%s:%u: phrase too long", p->file, p->line);
        int rc = expand(p, buf, l, depth + 1);
        if (rc)
            return rc;
    }
    return PL_OK;
}

static int pt_agent_line(pt *p, const char *s, size_t n) {
    if (s[0] == '!' && memchr(s, '=', n))
        return pt_sub_line(p, s, n);
    const char *br = memchr(s, '[', n);
    if (!br)
        return PFAIL(p, "%s:%u: agent line without [~CODE]", p->file, p->line);
    const char *cb = memchr(s, '{', (size_t)(br - s));
    size_t pn = (size_t)((cb ? cb : br) - s);
    char phrase[MAX_PHRASE], raw[MAX_PHRASE];
    if (pn >= sizeof phrase)
        return PFAIL(p, "%s:%u: phrase too long", p->file, p->line);
    if (!clean_phrase(s, pn, phrase, sizeof phrase, 0))
        return PFAIL(p, "%s:%u: empty phrase", p->file, p->line);
    /* the code: ~CODE (after the actor's code) or CODE~ (before it) */
    const char *close = memchr(br, ']', n - (size_t)(br - s));
    if (!close)
        return PFAIL(p, "%s:%u: '[' without ']'", p->file, p->line);
    for (const char *q = close + 1; q < s + n; q++)
        if (!is_blank(*q))
            return PFAIL(p, "%s:%u: text after ']'", p->file, p->line);
    const char *c = br + 1, *ce = close;
    while (c < ce && is_blank(*c))
        c++;
    while (ce > c && is_blank(ce[-1]))
        ce--;
    int prefix = 0;
    if (c < ce && *c == '~') {
        c++;
    } else if (ce > c && ce[-1] == '~') {
        ce--;
        prefix = 1;
    } else {
        return PFAIL(p, "%s:%u: agent code must be written ~CODE or CODE~", p->file, p->line);
    }
    size_t cn = (size_t)(ce - c);
    if (!act_valid_code(c, cn))
        return PFAIL(p, "%s:%u: invalid agent code '%.*s'", p->file, p->line,
                     (int)(cn > 40 ? 40 : cn), c);
    pt_list *l = malloc(sizeof *l);
    if (!l)
        return pt_nomem(p);
    l->len = 0;
    l->n = 0;
    int rc = expand(p, phrase, l, 0);
    int subst = strchr(phrase, '!') != NULL;
    if (rc == PL_OK && cb) { /* {PLURAL PLURAL}: given plurals; {} none */
        const char *ee = memchr(cb, '}', (size_t)(br - cb));
        if (!ee) {
            rc = PFAIL(p, "%s:%u: '{' without '}'", p->file, p->line);
        } else {
            for (const char *q = cb + 1; q < ee && rc == PL_OK;) {
                while (q < ee && is_blank(*q))
                    q++;
                const char *qe = q;
                while (qe < ee && !is_blank(*qe))
                    qe++;
                if ((size_t)(qe - q) >= sizeof raw)
                    rc = PFAIL(p, "%s:%u: phrase too long", p->file, p->line);
                else if (qe > q && clean_phrase(q, (size_t)(qe - q), raw, sizeof raw, 0))
                    rc = expand(p, raw, l, 0);
                q = qe;
            }
        }
    } else if (rc == PL_OK && !subst) {
        regular_plural(phrase, strlen(phrase), raw, sizeof raw);
        rc = list_add(p, l, raw);
    }
    if (rc == PL_OK && p->out) {
        if (prefix)
            pl_buf_printf(p->out, "# %s:%u: %.*s~ came before the actor's code in PETRARCH\n",
                          p->file, p->line, (int)cn, c);
        pl_buf_printf(p->out, "agent %.*s  ", (int)cn, c);
        for (size_t i = 0, k = 0; i < l->len; i += strlen(l->buf + i) + 1, k++)
            pl_buf_printf(p->out, "%s%s", k ? ", " : "", l->buf + i);
        pl_buf_putc(p->out, '\n');
        if (p->out->err)
            rc = pt_nomem(p);
    } else if (rc == PL_OK) {
        act_where w = {p->file, p->line};
        for (size_t i = 0; i < l->len && rc == PL_OK; i += strlen(l->buf + i) + 1)
            rc = act_agent_add(p->ctx, p->a, &w, c, cn, l->buf + i, strlen(l->buf + i));
    }
    free(l);
    return rc;
}

/* ---- discard lists -------------------------------------------------------- */

static int pt_discard_line(pt *p, const char *s, size_t n) {
    unsigned kind = PL_DISCARD_SENTENCE;
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    if (i < n && s[i] == '+') {
        kind = PL_DISCARD_STORY;
        i++;
    }
    char phrase[MAX_PHRASE];
    if (n - i >= sizeof phrase)
        return PFAIL(p, "%s:%u: phrase too long", p->file, p->line);
    if (!clean_phrase(s + i, n - i, phrase, sizeof phrase, 1))
        return PFAIL(p, "%s:%u: empty discard phrase", p->file, p->line);
    if (strchr(phrase, ','))
        return PFAIL(p, "%s:%u: a comma inside a phrase cannot be written in parley's format",
                     p->file, p->line);
    if (p->out) {
        pl_buf_printf(p->out, "discard %s %s\n", kind == PL_DISCARD_STORY ? "story" : "sentence",
                      phrase);
        return p->out->err ? pt_nomem(p) : PL_OK;
    }
    act_where w = {p->file, p->line};
    return act_discard_add(p->ctx, p->a, &w, kind, phrase, strlen(phrase));
}

/* ---- driver --------------------------------------------------------------- */

static int utf8_valid(const char *s, size_t n) {
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

int act_parse_petrarch(pl_ctx *ctx, pl_actors *a, pl_buf *out, const char *file, const char *text,
                       size_t len, int format) {
    pt *p = calloc(1, sizeof *p);
    if (!p)
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    p->ctx = ctx;
    p->a = a;
    p->out = out;
    p->file = file;
    p->format = format;
    int in_xml = 0, rc = PL_OK;
    uint32_t xml_line = 0;
    char *line = malloc(len + 1);
    if (!line)
        rc = pt_nomem(p);
    static const char *const kinds[] = {"", "", "actors", "agents", "discard list"};
    if (out && rc == PL_OK)
        pl_buf_printf(out, "# Converted by 'parley dict import' from %s (PETRARCH %s).\n\n", file,
                      kinds[format]);
    for (size_t i = 0; i < len && rc == PL_OK;) {
        const char *s = text + i;
        const char *nl = memchr(s, '\n', len - i);
        size_t n = nl ? (size_t)(nl - s) : len - i;
        i += n + (nl ? 1 : 0);
        p->line++;
        if (!utf8_valid(s, n)) {
            rc = PFAIL(p, "%s:%u: invalid UTF-8 (convert the file to UTF-8 first)", file, p->line);
            break;
        }
        int was = in_xml;
        size_t m = strip_comments(s, n, &in_xml, line, len + 1);
        if (!was && in_xml)
            xml_line = p->line;
        size_t k = 0;
        while (k < m && is_blank(line[k]))
            k++;
        if (k == m)
            continue;
        for (size_t q = 0; q < m; q++)
            if ((unsigned char)line[q] < 0x20 && line[q] != '\t')
                line[q] = ' ';
        if (format == PL_DICT_PETRARCH_ACTORS)
            rc = pt_actor_line(p, line, m);
        else if (format == PL_DICT_PETRARCH_AGENTS)
            rc = pt_agent_line(p, line + k, m - k);
        else
            rc = pt_discard_line(p, line, m);
    }
    if (rc == PL_OK && in_xml)
        rc = PFAIL(p, "%s:%u: '<!--' comment never closed", file, xml_line);
    if (rc == PL_OK)
        rc = pt_flush(p);
    free(line);
    for (int i = 0; i < p->nsubs; i++)
        free(p->subs[i].items);
    pl_buf_free(&p->names);
    free(p->nline);
    free(p->codes);
    free(p);
    return rc;
}

/* Guesses the PETRARCH kind of a file from its lines. */
static int sniff(const char *text, size_t len) {
    int brackets = 0;
    for (size_t i = 0; i < len;) {
        const char *s = text + i;
        const char *nl = memchr(s, '\n', len - i);
        size_t n = nl ? (size_t)(nl - s) : len - i;
        i += n + 1;
        const char *br = memchr(s, '[', n);
        if (n && s[0] == '!' && memchr(s, '=', n))
            return PL_DICT_PETRARCH_AGENTS;
        if (br) {
            const char *hash = memchr(s, '#', n);
            if (hash && hash < br)
                continue;
            brackets = 1;
            const char *close = memchr(br, ']', n - (size_t)(br - s));
            if (close && (br[1] == '~' || close[-1] == '~'))
                return PL_DICT_PETRARCH_AGENTS;
        }
    }
    return brackets ? PL_DICT_PETRARCH_ACTORS : PL_DICT_PETRARCH_DISCARD;
}

int pl_dict_import(pl_ctx *ctx, const char *path, int format, char **out, size_t *len) {
    char *text;
    size_t n;
    *out = NULL;
    *len = 0;
    if (format != PL_DICT_AUTO &&
        (format < PL_DICT_PETRARCH_ACTORS || format > PL_DICT_PETRARCH_DISCARD))
        return pl_fail(ctx, PL_EARG, "pl_dict_import: not a PETRARCH format (%d)", format);
    int rc = act_read_file(ctx, path, &text, &n);
    if (rc)
        return rc;
    if (format == PL_DICT_AUTO) {
        format = act_format_by_name(path);
        if (format == PL_DICT_PARLEY)
            format = sniff(text, n);
    }
    pl_buf b = {0};
    rc = act_parse_petrarch(ctx, NULL, &b, path, text, n, format);
    free(text);
    if (rc == PL_OK && b.err)
        rc = pl_fail(ctx, PL_ENOMEM, "out of memory");
    if (rc) {
        pl_buf_free(&b);
        return rc;
    }
    pl_buf_str(&b);
    *out = b.p;
    *len = b.len;
    return PL_OK;
}
