/*
 * test_text.c — tokenizer, sentence splitter, documents and readers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "parley.h"
#include "text/text.h" /* tok_lists_ok, text_furniture_ok: internal, linked statically */

static pl_ctx *ctx;

/* Tokens of text joined by spaces, sentences by " | ". */
static char *tokens_of(const char *text) {
    static char out[8192];
    out[0] = 0;
    pl_doc *d = pl_doc_new(ctx, text, strlen(text), NULL, NULL, NULL);
    pl_sentencer *z = pl_sentencer_new(ctx, d);
    pl_sentence *s;
    int first = 1;
    while (pl_sentencer_next(z, &s) == 1) {
        if (!first)
            strcat(out, " |");
        for (uint32_t i = 0; i < s->ntok; i++) {
            if (!first || i)
                strcat(out, " ");
            strncat(out, s->tok[i].form, sizeof out - strlen(out) - 1);
        }
        first = 0;
    }
    pl_sentencer_free(z);
    pl_doc_free(d);
    return out;
}

TEST(clitics) {
    CHECK_STR(tokens_of("I can't go."), "I ca n't go .");
    CHECK_STR(tokens_of("They won't stop, don't they?"), "They wo n't stop , do n't they ?");
    CHECK_STR(tokens_of("Russia's demands"), "Russia 's demands");
    CHECK_STR(tokens_of("Russia\xE2\x80\x99s demands"), "Russia \xE2\x80\x99s demands");
    CHECK_STR(tokens_of("the leaders' statement"), "the leaders ' statement");
    CHECK_STR(tokens_of("We're sure they'll come, I'm told."), "We 're sure they 'll come , I 'm told .");
    CHECK_STR(tokens_of("You cannot"), "You can not");
}

TEST(abbreviations_and_initials) {
    CHECK_STR(tokens_of("U.S. President Donald J. Trump met Mr. Smith on Jan. 5."),
              "U.S. President Donald J. Trump met Mr. Smith on Jan. 5 .");
    CHECK_STR(tokens_of("The U.K. and the U.N. agreed."), "The U.K. and the U.N. agreed .");
    CHECK_STR(tokens_of("Gen. Petraeus spoke."), "Gen. Petraeus spoke .");
    CHECK_STR(tokens_of("It moved to the U.S. He said so."), "It moved to the U.S. | He said so .");
    CHECK(tok_lists_ok()); /* the quick first-byte test lets every listed word through */
}

TEST(numbers_and_symbols) {
    CHECK_STR(tokens_of("He paid $1,000.50 (about 3.5%) at 10:30 on 5/16/2003."),
              "He paid $ 1,000.50 ( about 3.5 % ) at 10:30 on 5/16/2003 .");
    CHECK_STR(tokens_of("a search-engine and e-mail"), "a search - engine and e-mail");
    CHECK_STR(tokens_of("See http://example.com/a?b=1, or mail a.b@example.org."),
              "See http://example.com/a?b=1 , or mail a.b@example.org .");
}

TEST(glued_words) {
    CHECK_STR(tokens_of("U.S. PresidentDonald Trump"), "U.S. President Donald Trump");
    CHECK_STR(tokens_of("McDonald and MacArthur on YouTube"), "McDonald and MacArthur on YouTube");
}

TEST(quotes) {
    CHECK_STR(tokens_of("He said \"no.\" Then he left."), "He said \" no . \" | Then he left .");
    CHECK_STR(tokens_of("\"Why?\" he asked."), "\" Why ? \" he asked .");
    CHECK_STR(tokens_of("\"We will act,\" he stated. Next."), "\" We will act , \" he stated . | Next .");
}

TEST(headlines_and_boilerplate) {
    CHECK_STR(tokens_of("Talks end without deal\nThe talks ended. More followed.\n\nShare this\nMore posts:"),
              "Talks end without deal | The talks ended . | More followed .");
    CHECK_STR(tokens_of("We use cookies to improve this site. Accept all\nReal text here."),
              "Real text here .");
    CHECK(text_furniture_ok()); /* the quick first-byte test lets every phrase through */
}

TEST(wrapped_text) {
    const char *t = "The minister said on Monday that the\n"
                    "government would not accept the terms\n"
                    "offered by the rebels. The rebels said\n"
                    "they would continue to fight until\n"
                    "their demands were met.\n";
    CHECK_STR(tokens_of(t), "The minister said on Monday that the government would not accept the terms "
                            "offered by the rebels . | The rebels said they would continue to fight until "
                            "their demands were met .");
}

TEST(offsets_and_repair) {
    const char *t = "Caf\xC3\xA9 bad\xFF byte. Tu\xCC\x88rkiye.";  /* é, invalid, decomposed ü */
    pl_doc *d = pl_doc_new(ctx, t, strlen(t), NULL, NULL, NULL);
    CHECK(pl_doc_bad_utf8(d) == 1);
    pl_sentencer *z = pl_sentencer_new(ctx, d);
    pl_sentence *s;
    int n = 0;
    while (pl_sentencer_next(z, &s) == 1) {
        for (uint32_t i = 0; i < s->ntok; i++) {
            const pl_token *k = &s->tok[i];
            CHECK(k->off + k->len <= strlen(t));
            if (n == 0 && i == 1)
                CHECK_STR(k->form, "bad\xEF\xBF\xBD");
            if (n == 1 && i == 0) {
                CHECK_STR(k->form, "T\xC3\xBCrkiye");
                CHECK(k->flags & PL_TOK_REPAIRED);
                CHECK(memcmp(t + k->off, "Tu\xCC\x88rkiye", k->len) == 0);
            }
        }
        n++;
    }
    CHECK(n == 2);
    pl_sentencer_free(z);
    pl_doc_free(d);
}

TEST(huge_line_is_streamed) {
    /* 20 MB without a newline or a space: cut into tokens, sentences capped */
    size_t n = 20u << 20;
    char *t = malloc(n + 1);
    memset(t, 'a', n);
    t[n] = 0;
    pl_doc *d = pl_doc_new(ctx, t, n, NULL, NULL, NULL);
    pl_sentencer *z = pl_sentencer_new(ctx, d);
    pl_sentence *s;
    size_t bytes = 0;
    int cut = 1;
    while (pl_sentencer_next(z, &s) == 1) {
        for (uint32_t i = 0; i < s->ntok; i++)
            bytes += s->tok[i].len;
        if (s->ntok > PL_MAX_SENT_TOKENS)
            cut = 0;
    }
    CHECK(bytes == n);
    CHECK(cut);
    pl_sentencer_free(z);
    pl_doc_free(d);
    free(t);
}

TEST(many_tokens_one_sentence) {
    size_t n = 10000;
    char *t = malloc(n * 2 + 1);
    for (size_t i = 0; i < n; i++) {
        t[2 * i] = 'x';
        t[2 * i + 1] = ' ';
    }
    t[2 * n] = 0;
    pl_doc *d = pl_doc_new(ctx, t, 2 * n, NULL, NULL, NULL);
    pl_sentencer *z = pl_sentencer_new(ctx, d);
    pl_sentence *s;
    size_t toks = 0, sents = 0;
    while (pl_sentencer_next(z, &s) == 1) {
        toks += s->ntok;
        sents++;
        CHECK(s->ntok <= PL_MAX_SENT_TOKENS);
    }
    CHECK(toks == n);
    CHECK(sents == (n + PL_MAX_SENT_TOKENS - 1) / PL_MAX_SENT_TOKENS);
    pl_sentencer_free(z);
    pl_doc_free(d);
    free(t);
}

TEST(empty_and_blank) {
    CHECK_STR(tokens_of(""), "");
    CHECK_STR(tokens_of(" \n\n\t "), "");
}

TEST(dates_and_ids) {
    CHECK(pl_set_default_date(ctx, "2025-02-30") == PL_EARG);
    CHECK(pl_set_default_date(ctx, "2024-02-29") == PL_OK);
    pl_doc *a = pl_doc_new(ctx, "same", 4, NULL, NULL, NULL);
    pl_doc *b = pl_doc_new(ctx, "same", 4, NULL, NULL, NULL);
    CHECK_STR(pl_doc_id(a), pl_doc_id(b));
    CHECK_STR(pl_doc_date(a), "2024-02-29");
    CHECK(pl_doc_new(ctx, "x", 1, NULL, "yesterday", NULL) == NULL);
    pl_doc_free(a);
    pl_doc_free(b);
    CHECK(pl_set_default_date(ctx, NULL) == PL_OK);
}

static int nwarn;
static char lastwarn[1024];
static void on_warn(void *ud, int level, const char *msg) {
    (void)ud;
    (void)level;
    nwarn++;
    snprintf(lastwarn, sizeof lastwarn, "%s", msg);
}

static void write_file(const char *path, const char *s, size_t n) {
    FILE *f = fopen(path, "wb");
    fwrite(s, 1, n, f);
    fclose(f);
}

TEST(jsonl_reader) {
    char dir[] = "/tmp/pltestXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/a.jsonl", dir);
    const char *s =
        "{\"id\":\"d1\",\"date\":\"2025-05-17T10:00:00Z\",\"title\":\"T\",\"text\":\"Body one.\",\"x\":1}\n"
        "not json\n"
        "\n"
        "{\"id\":7,\"text\":\"Body two.\",\"source\":5}\n"
        "{\"id\":\"d3\"}\n"
        "[1,2]\n"
        "{\"text\":\"Three.\",\"date\":\"May 5\"}";
    write_file(path, s, strlen(s));
    pl_set_log(ctx, on_warn, NULL);
    nwarn = 0;
    pl_reader *r = pl_reader_open(ctx, path, PL_FMT_AUTO);
    CHECK(r != NULL);
    pl_doc *d;
    int n = 0;
    while (pl_reader_next(r, &d) == 1) {
        if (n == 0) {
            CHECK_STR(pl_doc_id(d), "d1");
            CHECK_STR(pl_doc_date(d), "2025-05-17");
            CHECK_STR(pl_doc_text(d), "T\n\nBody one.");
        }
        if (n == 1)
            CHECK_STR(pl_doc_id(d), "7");
        if (n == 2)
            CHECK_STR(pl_doc_date(d), "");
        pl_doc_free(d);
        n++;
    }
    CHECK(n == 3);
    CHECK(pl_reader_skipped(r) == 3);
    CHECK(nwarn == 5); /* 3 skipped lines, a wrong-typed source, a bad date */
    pl_reader_close(r);
    pl_set_log(ctx, NULL, NULL);
    unlink(path);
    rmdir(dir);
}

TEST(directory_reader) {
    char dir[] = "/tmp/pltestXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char p[512];
    snprintf(p, sizeof p, "%s/b.txt", dir);
    write_file(p, "Second file.\n", 13);
    snprintf(p, sizeof p, "%s/sub", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/c.html", dir);
    const char *html = "<html><head><title>Page</title><script>x()</script></head><body>"
                       "<nav>Home | News</nav><article><h1>Big news</h1><p>First para.</p>"
                       "<aside>Ad</aside><p>Second   para.</p></article><footer>f</footer></body></html>";
    write_file(p, html, strlen(html));
    snprintf(p, sizeof p, "%s/a.txt", dir);
    write_file(p, "Title line\nFirst file.\n", 23);
    snprintf(p, sizeof p, "%s/z.txt", dir);
    write_file(p, "unreadable", 10);
    int root = geteuid() == 0;
    chmod(p, 0);
    pl_set_log(ctx, on_warn, NULL);
    nwarn = 0;
    pl_reader *r = pl_reader_open(ctx, dir, PL_FMT_AUTO);
    pl_doc *d;
    const char *want[] = {"Title line\nFirst file.\n", "Second file.\n", "Big news\n\nFirst para.\n\nSecond para.\n\n"};
    int n = 0;
    while (pl_reader_next(r, &d) == 1) {
        if (n < 3)
            CHECK_STR(pl_doc_text(d), want[n]);
        if (n == 0)
            CHECK_STR(pl_doc_title(d), "Title line");
        if (n == 2)
            CHECK_STR(pl_doc_title(d), "Big news");
        pl_doc_free(d);
        n++;
    }
    CHECK(n == (root ? 4 : 3));
    if (!root)
        CHECK(pl_reader_skipped(r) == 1 && nwarn == 1);
    pl_reader_close(r);
    pl_set_log(ctx, NULL, NULL);
    unlink(p);
    snprintf(p, sizeof p, "%s/a.txt", dir); unlink(p);
    snprintf(p, sizeof p, "%s/b.txt", dir); unlink(p);
    snprintf(p, sizeof p, "%s/sub/c.html", dir); unlink(p);
    snprintf(p, sizeof p, "%s/sub", dir); rmdir(p);
    rmdir(dir);
}

TEST(missing_path) {
    CHECK(pl_reader_open(ctx, "/nonexistent/file.txt", PL_FMT_AUTO) == NULL);
    CHECK(strstr(pl_errmsg(ctx), "/nonexistent/file.txt") != NULL);
}

TEST(seed_article_sentences) {
    const char *path = t_shared("examples/seed-article.txt");
    if (!path)
        SKIP("../shared/examples/seed-article.txt not present");
    pl_reader *r = pl_reader_open(ctx, path, PL_FMT_AUTO);
    pl_doc *d;
    CHECK(pl_reader_next(r, &d) == 1);
    pl_sentencer *z = pl_sentencer_new(ctx, d);
    pl_sentence *s;
    int n = 0, quoted = 0, more = 0;
    while (pl_sentencer_next(z, &s) == 1) {
        const char *txt = pl_doc_text(d) + s->off;
        if (s->len > 10 && txt[0] == '"' && memcmp(txt + s->len - 10, "he stated.", 10) == 0)
            quoted++;
        if (strncmp(txt, "More posts", 10) == 0)
            more++;
        if (n == 1) /* the deck has no final punctuation */
            CHECK(s->flags & PL_SENT_HEADLINE);
        n++;
    }
    CHECK(n == 18);
    CHECK(quoted == 1);
    CHECK(more == 0);
    pl_sentencer_free(z);
    pl_doc_free(d);
    pl_reader_close(r);
}

int main(void) {
    ctx = pl_ctx_new();
    RUN(clitics);
    RUN(abbreviations_and_initials);
    RUN(numbers_and_symbols);
    RUN(glued_words);
    RUN(quotes);
    RUN(headlines_and_boilerplate);
    RUN(wrapped_text);
    RUN(offsets_and_repair);
    RUN(huge_line_is_streamed);
    RUN(many_tokens_one_sentence);
    RUN(empty_and_blank);
    RUN(dates_and_ids);
    RUN(jsonl_reader);
    RUN(directory_reader);
    RUN(missing_path);
    RUN(seed_article_sentences);
    pl_ctx_free(ctx);
    return t_done();
}
