/*
 * eval-actors.c — recall of gold actor spans by parley's actor layer.
 *
 * usage: eval-actors [-v] [--dict PATH]... [NER_FILE]
 *
 * NER_FILE (default ../shared/eval/conflibert-train/ner_train.txt) has one
 * token and its BIO tag a line, a blank line between sentences: B-S/I-S a
 * source actor, B-T/I-T a target, B-R/I-R both. Each sentence is joined
 * with single spaces into a document of its own and run through parley
 * (tokenizer, sentence splitter, pl_find_actors with coreference). A gold
 * span counts as found when any mention overlaps it by a byte. Prints
 * recall for sources, targets, both, and all spans, and how many mentions
 * overlap no gold span (a rough sign of over-matching, since the gold only
 * marks the event's two actors). -v lists the spans missed, for
 * development; they are not to be copied anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley.h"

typedef struct span {
    size_t a, b;      /* bytes in the joined sentence */
    char role;        /* 'S', 'T', 'R' */
} span;

typedef struct stats {
    unsigned long gold[3], found[3];  /* S, T, R */
    unsigned long mentions, stray, sentences;
} stats;

static int role_index(char r) {
    return r == 'S' ? 0 : r == 'T' ? 1 : 2;
}

static void one(pl_ctx *ctx, const pl_actors *a, const char *text, span *gold, int ngold,
                stats *st, int verbose) {
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), NULL, NULL, NULL);
    if (!doc)
        return;
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    pl_coref *c = pl_coref_new(ctx, a);
    pl_mentions ms = {0};
    pl_sentence *s;
    int hit[256] = {0};
    while (z && c && pl_sentencer_next(z, &s) == 1) {
        int n = pl_find_actors(ctx, a, doc, s, c, &ms);
        for (int i = 0; i < n; i++) {
            size_t ma = ms.m[i].off, mb = ms.m[i].off + ms.m[i].len;
            int any = 0;
            for (int g = 0; g < ngold; g++)
                if (ma < gold[g].b && gold[g].a < mb)
                    hit[g] = any = 1;
            st->mentions++;
            st->stray += !any;
        }
    }
    for (int g = 0; g < ngold; g++) {
        int r = role_index(gold[g].role);
        st->gold[r]++;
        st->found[r] += hit[g];
        if (verbose && !hit[g])
            printf("miss %c: %.*s\n", gold[g].role, (int)(gold[g].b - gold[g].a), text + gold[g].a);
    }
    st->sentences++;
    pl_mentions_free(&ms);
    pl_coref_free(c);
    pl_sentencer_free(z);
    pl_doc_free(doc);
}

int main(int argc, char **argv) {
    const char *path = "../shared/eval/conflibert-train/ner_train.txt";
    int verbose = 0;
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc) {
            if (!a)
                a = pl_actors_new(ctx);
            if (!a || pl_actors_add(ctx, a, argv[++i], PL_DICT_AUTO) != PL_OK) {
                fprintf(stderr, "eval-actors: %s\n", pl_errmsg(ctx));
                return 1;
            }
        } else {
            path = argv[i];
        }
    }
    if (!a)
        a = pl_actors_load(ctx, NULL);
    if (!a) {
        fprintf(stderr, "eval-actors: %s\n", pl_errmsg(ctx));
        return 1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "eval-actors: %s: cannot open (is ../shared there?)\n", path);
        pl_actors_free(a);
        pl_ctx_free(ctx);
        return 1;
    }
    stats st;
    memset(&st, 0, sizeof st);
    static char text[1 << 16];
    size_t len = 0;
    span gold[256];
    int ngold = 0, open = 0;
    char line[4096];
    for (;;) {
        int eof = !fgets(line, sizeof line, f);
        size_t n = eof ? 0 : strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (eof || n == 0) {
            if (len) {
                text[len] = 0;
                one(ctx, a, text, gold, ngold, &st, verbose);
            }
            len = 0;
            ngold = open = 0;
            if (eof)
                break;
            continue;
        }
        char *sp = strrchr(line, ' ');
        if (!sp)
            sp = strrchr(line, '\t');
        if (!sp)
            continue;
        *sp = 0;
        const char *tok = line, *tag = sp + 1;
        size_t tl = strlen(tok);
        if (len + tl + 2 >= sizeof text)
            continue;
        if (len)
            text[len++] = ' ';
        size_t start = len;
        memcpy(text + len, tok, tl);
        len += tl;
        if (tag[0] == 'B' && tag[1] == '-' && ngold < 256) {
            gold[ngold++] = (span){start, len, tag[2]};
            open = 1;
        } else if (tag[0] == 'I' && tag[1] == '-' && open && gold[ngold - 1].role == tag[2]) {
            gold[ngold - 1].b = len;
        } else if (tag[0] == 'I' && tag[1] == '-' && ngold < 256) {
            gold[ngold++] = (span){start, len, tag[2]}; /* I- without B- */
            open = 1;
        } else {
            open = 0;
        }
    }
    fclose(f);
    unsigned long g = 0, fd = 0;
    static const char *names[3] = {"source", "target", "both"};
    printf("%lu sentences, %lu mentions (%.1f%% overlap no gold span)\n", st.sentences,
           st.mentions, st.mentions ? 100.0 * (double)st.stray / (double)st.mentions : 0.0);
    for (int i = 0; i < 3; i++) {
        g += st.gold[i];
        fd += st.found[i];
        printf("%-7s recall %5.1f%%  (%lu of %lu spans)\n", names[i],
               st.gold[i] ? 100.0 * (double)st.found[i] / (double)st.gold[i] : 0.0, st.found[i],
               st.gold[i]);
    }
    printf("all     recall %5.1f%%  (%lu of %lu spans)\n", g ? 100.0 * (double)fd / (double)g : 0.0,
           fd, g);
    pl_actors_free(a);
    pl_ctx_free(ctx);
    return 0;
}
