/*
 * cmd_actors.c — `parley actors`: the actor mentions of documents as JSON
 * Lines, or with --unknown the proper names no dictionary knows, counted
 * over all inputs, most frequent first.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/core.h"

static const cli_spec actors_spec = {
    "actors",
    "usage: parley actors [options] FILE...\n"
    "\n"
    "Finds the actors of documents: dictionary names, compound actors\n"
    "('Ukrainian President Volodymyr Zelensky' -> UKRGOV), agents alone\n"
    "('police' -> COP) and, within each document, pronouns, surnames and\n"
    "'the leaders' linked to earlier mentions. Prints one JSON object per\n"
    "mention: doc, sentence, tokens [start, end), head token, byte start and\n"
    "end, text, entry, code (on the document's date), country, agent, type,\n"
    "how (dict, compound, coref, agent) and, for coreference, ref [sentence,\n"
    "token]. Inputs as for 'parley sentences'.\n"
    "\n"
    "options:\n"
    "  --dict PATH           dictionary file or directory (repeatable; default:\n"
    "                        the shipped data: ./data, $PARLEY_DATA, or\n"
    "                        ../share/parley beside the executable)\n"
    "  --unknown             print the capitalized names no dictionary knows,\n"
    "                        with counts and an example sentence each\n"
    "  --no-coref            no coreference (pronouns, surnames, groups)\n"
    "  --date YYYY-MM-DD     date of documents that carry none (picks dated codes)\n"
    "  --from auto|text|jsonl|html   input format (default auto: by extension)\n"
    "  -o FILE               write to FILE instead of standard output\n"
    "  -q, --quiet           no warnings, no progress line\n",
    OPT_FROM | OPT_DATE | OPT_OUT | OPT_QUIET, "jsonl", "jsonl"};

/* One unknown name, counted over the corpus. */
typedef struct uname {
    char *name;
    char *example;
    unsigned long count, mid; /* all occurrences; those not at a sentence start */
} uname;

typedef struct run {
    FILE *out;
    pl_actors *dict;
    pl_coref *coref;
    pl_mentions ms;
    pl_buf b, doc;
    int unknown, nocoref;
    /* --unknown: open addressing on the name */
    uname *names;
    size_t nnames, cap;
    int oom;
} run;

/* The text of s[a..b) on one line. */
static void put_flat(pl_buf *b, const char *s, size_t n, int json) {
    size_t start = b->len;
    if (json)
        pl_buf_json(b, s, n);
    else
        pl_buf_utf8(b, s, n);
    for (size_t i = start; i < b->len && !b->err; i++)
        if (b->p[i] == '\n' || b->p[i] == '\r' || b->p[i] == '\t')
            b->p[i] = ' ';
}

static void put_mention(pl_buf *b, const pl_doc *doc, const pl_sentence *s, const pl_mention *m) {
    const char *text = pl_doc_text(doc);
    pl_buf_puts(b, "{\"doc\":\"");
    pl_buf_json(b, pl_doc_id(doc), strlen(pl_doc_id(doc)));
    pl_buf_printf(b, "\",\"sentence\":%u,\"tokens\":[%u,%u],\"head\":%u,\"start\":%u,\"end\":%u",
                  s->index, m->start, m->end, m->head, m->off, m->off + m->len);
    pl_buf_puts(b, ",\"text\":\"");
    put_flat(b, text + m->off, m->len, 1);
    pl_buf_puts(b, "\",\"entry\":\"");
    pl_buf_json(b, m->name, strlen(m->name));
    pl_buf_printf(b, "\",\"code\":\"%s\",\"country\":\"%s\",\"agent\":\"%s\",\"type\":\"%s\","
                  "\"how\":\"%s\"",
                  m->code, m->country, m->agent, pl_actor_type_name(m->type), pl_found_name(m->how));
    if (m->ref_sentence >= 0)
        pl_buf_printf(b, ",\"ref\":[%d,%u]", m->ref_sentence, m->ref_start);
    if (m->group > 1)
        pl_buf_printf(b, ",\"group\":%u", m->group);
    if (*m->wikidata)
        pl_buf_printf(b, ",\"wikidata\":\"%s\"", m->wikidata);
    pl_buf_puts(b, "}\n");
}

/* ---- --unknown ------------------------------------------------------------ */

static uint64_t name_hash(const char *s) {
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static uname *name_slot(run *r, const char *name) {
    if ((r->nnames + 1) * 2 > r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 1024;
        uname *nn = calloc(nc, sizeof *nn);
        if (!nn)
            return NULL;
        for (size_t i = 0; i < r->cap; i++) {
            if (!r->names[i].name)
                continue;
            size_t k = name_hash(r->names[i].name) & (nc - 1);
            while (nn[k].name)
                k = (k + 1) & (nc - 1);
            nn[k] = r->names[i];
        }
        free(r->names);
        r->names = nn;
        r->cap = nc;
    }
    size_t k = name_hash(name) & (r->cap - 1);
    while (r->names[k].name && strcmp(r->names[k].name, name) != 0)
        k = (k + 1) & (r->cap - 1);
    return &r->names[k];
}

static void note_unknown(run *r, const pl_doc *doc, const pl_sentence *s) {
    pl_span spans[256];
    size_t n = pl_unknown_names(s, &r->ms, spans, 256);
    if (n > 256)
        n = 256;
    const char *text = pl_doc_text(doc);
    for (size_t i = 0; i < n; i++) {
        pl_buf nb = {0};
        for (uint32_t t = spans[i].start; t < spans[i].end; t++) {
            if (t > spans[i].start && (s->tok[t - 1].flags & PL_TOK_SPACE_AFTER))
                pl_buf_putc(&nb, ' ');
            pl_buf_puts(&nb, s->tok[t].form);
        }
        const char *name = pl_buf_str(&nb);
        uname *u = nb.err ? NULL : name_slot(r, name);
        if (!u) {
            r->oom = 1;
            pl_buf_free(&nb);
            return;
        }
        if (!u->name) {
            pl_buf ex = {0};
            put_flat(&ex, text + s->off, s->len, 0);
            u->example = ex.err ? NULL : (char *)pl_buf_str(&ex);
            if (ex.err)
                pl_buf_free(&ex);
            u->name = nb.p;
            nb.p = NULL;
            r->nnames++;
        }
        u->count++;
        if (!(spans[i].flags & PL_SPAN_INITIAL))
            u->mid++;
        pl_buf_free(&nb);
    }
}

static int cmp_uname(const void *x, const void *y) {
    const uname *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int cmp_str(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void print_unknown(run *r) {
    size_t k = 0;
    for (size_t i = 0; i < r->cap; i++)
        if (r->names[i].name)
            r->names[k++] = r->names[i];
    qsort(r->names, k, sizeof *r->names, cmp_uname);
    /* words of longer names seen away from a sentence start: "Erdogan"
     * opening a sentence is a name when "Recep Tayyip Erdogan" was seen */
    size_t nw = 0, capw = 0;
    char **words = NULL;
    for (size_t i = 0; i < k; i++) {
        if (!r->names[i].mid || !strchr(r->names[i].name, ' '))
            continue;
        for (const char *p = r->names[i].name; *p;) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (nw == capw) {
                capw = capw ? capw * 2 : 256;
                char **nn = realloc(words, capw * sizeof *nn);
                if (!nn)
                    break;
                words = nn;
            }
            words[nw] = strndup(p, n);
            if (words[nw])
                nw++;
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    if (nw)
        qsort(words, nw, sizeof *words, cmp_str);
    for (size_t i = 0; i < k; i++) {
        const uname *u = &r->names[i];
        /* a word only ever seen starting a sentence is likely no name */
        if (u->mid == 0 && !(nw && bsearch(&u->name, words, nw, sizeof *words, cmp_str)))
            continue;
        fprintf(r->out, "%lu\t%s\t%s\n", u->count, u->name, u->example ? u->example : "");
    }
    for (size_t i = 0; i < nw; i++)
        free(words[i]);
    free(words);
    for (size_t i = 0; i < k; i++) {
        free(r->names[i].name);
        free(r->names[i].example);
    }
    free(r->names);
    r->names = NULL;
    r->cap = r->nnames = 0;
}

/* ---- the run ---------------------------------------------------------------- */

static int one_doc(void *ud, pl_ctx *ctx, pl_doc *doc) {
    run *r = ud;
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    if (!z)
        return EXIT_FAIL;
    pl_coref_reset(r->coref);
    r->doc.len = 0;
    pl_sentence *s;
    int got;
    unsigned count = 0;
    while ((got = pl_sentencer_next(z, &s)) == 1) {
        count++;
        int n = pl_find_actors(ctx, r->dict, doc, s, r->nocoref ? NULL : r->coref, &r->ms);
        if (n < 0) {
            fprintf(stderr, "parley actors: %s\n", pl_errmsg(ctx));
            pl_sentencer_free(z);
            return EXIT_FAIL;
        }
        if (pl_coref_discard(r->coref) & PL_DISCARD_STORY)
            break;
        if (r->unknown) {
            note_unknown(r, doc, s);
            continue;
        }
        for (int i = 0; i < n; i++)
            put_mention(&r->doc, doc, s, &r->ms.m[i]);
    }
    pl_sentencer_free(z);
    cli_progress_sentences(count);
    if (r->doc.err || r->oom) {
        fprintf(stderr, "parley actors: out of memory\n");
        return EXIT_FAIL;
    }
    /* a story discard drops what the document printed so far */
    if (!(pl_coref_discard(r->coref) & PL_DISCARD_STORY) && r->doc.len)
        fwrite(r->doc.p, 1, r->doc.len, r->out);
    return got < 0 ? EXIT_FAIL : 0;
}

/* Loads --dict paths (or the shipped data); NULL after printing why. */
static pl_actors *load_dicts(const cli_spec *spec, pl_ctx *ctx, char **dicts, int ndicts) {
    pl_actors *a;
    if (ndicts == 0) {
        a = pl_actors_load(ctx, NULL);
    } else {
        a = pl_actors_new(ctx);
        for (int i = 0; a && i < ndicts; i++)
            if (pl_actors_add(ctx, a, dicts[i], PL_DICT_AUTO) != PL_OK) {
                pl_actors_free(a);
                a = NULL;
            }
    }
    if (!a)
        fprintf(stderr, "parley %s: %s\n", spec->name, pl_errmsg(ctx));
    return a;
}

int cmd_actors(int argc, char **argv) {
    const cli_spec *spec = &actors_spec;
    /* options of this command only; the rest go to cli_parse */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    if (!rest || !dicts) {
        free(rest);
        free(dicts);
        fprintf(stderr, "parley actors: out of memory\n");
        return EXIT_FAIL;
    }
    int nrest = 0, ndicts = 0, unknown = 0, nocoref = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < argc)
                rest[nrest++] = argv[i++];
            break;
        }
        if (strcmp(argv[i], "--dict") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "parley actors: missing value for '--dict' (see 'parley actors "
                                "--help')\n");
                free(rest);
                free(dicts);
                return EXIT_USAGE;
            }
            dicts[ndicts++] = argv[++i];
        } else if (strncmp(argv[i], "--dict=", 7) == 0) {
            dicts[ndicts++] = argv[i] + 7;
        } else if (strcmp(argv[i], "--unknown") == 0) {
            unknown = 1;
        } else if (strcmp(argv[i], "--no-coref") == 0) {
            nocoref = 1;
        } else {
            rest[nrest++] = argv[i];
        }
    }
    cli_args a;
    int done, rc = cli_parse(spec, nrest, rest, &a, &done);
    if (rc || done) {
        free(a.files);
        free(rest);
        free(dicts);
        return rc;
    }
    pl_ctx *ctx = cli_context(spec, &a);
    pl_actors *dict = ctx ? load_dicts(spec, ctx, dicts, ndicts) : NULL;
    pl_coref *coref = dict ? pl_coref_new(ctx, dict) : NULL;
    FILE *out = coref ? cli_output(spec, &a) : NULL;
    if (!out) {
        pl_coref_free(coref);
        pl_actors_free(dict);
        pl_ctx_free(ctx);
        free(a.files);
        free(rest);
        free(dicts);
        return EXIT_FAIL;
    }
    run r;
    memset(&r, 0, sizeof r);
    r.out = out;
    r.dict = dict;
    r.coref = coref;
    r.unknown = unknown;
    r.nocoref = nocoref;
    rc = cli_each_doc(spec, &a, ctx, one_doc, &r);
    if (unknown)
        print_unknown(&r); /* also frees the counts */
    int crc = cli_close_output(spec, out, a.out);
    pl_mentions_free(&r.ms);
    pl_buf_free(&r.b);
    pl_buf_free(&r.doc);
    pl_coref_free(coref);
    pl_actors_free(dict);
    pl_ctx_free(ctx);
    free(a.files);
    free(rest);
    free(dicts);
    return rc ? rc : crc;
}
