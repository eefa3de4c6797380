/*
 * sentences.c — the sentence splitter: pulls tokens from the document one
 * whitespace-free chunk at a time and cuts sentences.
 *
 * HOW IT WORKS: chunks are tokenized into a small queue, so the splitter can
 * look at the next token without ever holding more than one sentence of a
 * document (a 200 MB page with no line break costs no more memory than a
 * short one); the queue holds one chunk's tokens and is refilled when
 * empty. A sentence ends
 *   - after . ! ? (with closing quotes and brackets that stick to them),
 *     unless the next word starts in lower case ("Why?" he asked);
 *   - after an abbreviation such as "U.S." when the next word typically opens
 *     a sentence ("... in the U.S. He said");
 *   - at a blank line, and at a line break unless the text is hard-wrapped
 *     (lines broken mid-sentence, detected from a sample of the document):
 *     a headline without final punctuation is a sentence of its own;
 *   - after PL_MAX_SENT_TOKENS tokens (flagged PL_SENT_CUT).
 * Lines that are page furniture ("More posts:", "Share this", cookie
 * notices) are dropped before tokenizing.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc/doc.h"
#include "text/text.h"

/* A queued token: its span and PL_TOK_* flags, plus QS_ASCII when its
 * chunk is ASCII (the form is then a plain copy). One 32-bit field, so that
 * fill stores it whole: a load of it after two half stores would stall. */
typedef struct qspan {
    uint32_t off, len;
    uint32_t flags;
} qspan;
#define QS_ASCII (1u << 16)

struct pl_sentencer {
    pl_ctx *ctx;
    const unsigned char *s;
    size_t len;
    size_t pos;           /* next byte to read */
    int line_start;       /* pos begins a line: check it for furniture */
    int wrapped;          /* hard-wrapped text: single line breaks are spaces */
    qspan q[TOK_MAX_BYTES + 1]; /* the current chunk's unconsumed tokens: */
    unsigned qhead, qn;   /* q[qhead..qhead+qn); refilled only when empty */
    tok_span chunk[TOK_MAX_BYTES + 1];
    pl_arena arena;       /* forms of the current sentence that needed repair */
    char *forms;          /* the other forms, NUL-terminated one after another */
    size_t forms_len, forms_cap;
    uint32_t *form_at;    /* [PL_MAX_SENT_TOKENS] offset of token i's form in
                             forms, or NO_FORM when it lives in the arena */
    pl_token *tok;        /* PL_MAX_SENT_TOKENS slots */
    pl_sentence sent;
    uint32_t index;
};

/* Hard-wrapped text breaks lines inside sentences; look at the first 64 KiB:
 * if a third of single line breaks continue in lower case, it is wrapped. */
static int detect_wrapped(const unsigned char *s, size_t len) {
    size_t n = len < 65536 ? len : 65536;
    int breaks = 0, cont = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n')
            continue;
        size_t j = i + 1;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
            j++;
        if (j >= n || s[j] == '\n')
            continue; /* blank line: a paragraph break, not a wrap */
        breaks++;
        if (s[j] >= 'a' && s[j] <= 'z')
            cont++;
    }
    return breaks >= 3 && cont * 3 >= breaks;
}

pl_sentencer *pl_sentencer_new(pl_ctx *ctx, const pl_doc *doc) {
    pl_sentencer *z = calloc(1, sizeof *z);
    if (!z) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    z->tok = malloc(sizeof(pl_token) * PL_MAX_SENT_TOKENS);
    z->form_at = malloc(sizeof(uint32_t) * PL_MAX_SENT_TOKENS);
    if (!z->tok || !z->form_at) {
        free(z->tok);
        free(z->form_at);
        free(z);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    z->ctx = ctx;
    z->s = (const unsigned char *)doc->text;
    z->len = doc->len;
    z->line_start = 1;
    z->wrapped = detect_wrapped(z->s, z->len);
    return z;
}

void pl_sentencer_free(pl_sentencer *z) {
    if (!z)
        return;
    pl_arena_free(&z->arena);
    free(z->forms);
    free(z->form_at);
    free(z->tok);
    free(z);
}

/* ASCII whitespace as chr_space sees it; the scans below decide ASCII bytes
 * with this and decode only the rest, since most text is ASCII. */
static inline int ascii_space(unsigned c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0;
}

/* Tokenizes the next chunk into the queue; 0 at the end of the text. */
static int fill(pl_sentencer *z) {
    const unsigned char *s = z->s;
    size_t len = z->len, pos = z->pos; /* locals: stores through s may alias z */
    int nl = 0;
    size_t l;
    int32_t cp;
    for (;;) {
        if (z->line_start) {
            z->line_start = 0;
            size_t max = len - pos < 512 ? len - pos : 512;
            const unsigned char *eol = memchr(s + pos, '\n', max);
            size_t n = eol ? (size_t)(eol - (s + pos)) : max;
            if ((eol || n == len - pos) && text_boilerplate_line((const char *)s + pos, n))
                pos += n;
        }
        if (pos >= len) {
            z->pos = pos;
            return 0;
        }
        if (s[pos] < 0x80) {
            if (!ascii_space(s[pos]))
                break;
            if (s[pos] == '\n') {
                nl++;
                z->line_start = 1;
            }
            pos++;
            continue;
        }
        l = pl_utf8_decode(s + pos, len - pos, &cp);
        if (!chr_space(cp))
            break;
        pos += l;
    }
    size_t a = pos, b = a;
    size_t lim = len - a < TOK_MAX_BYTES ? len : a + TOK_MAX_BYTES;
    int ascii = 1;
    while (b < lim) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* eight bytes at a time while all are in 0x21..0x7F: no white space
         * (all of it is <= 0x20 or non-ASCII), nothing to decode. A byte's
         * high bit in w | (w - 0x21...) flags it; the lowest flagged byte is
         * exact, as no borrow reaches it from the bytes below. */
        const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
        while (b + 8 <= lim) {
            uint64_t w;
            memcpy(&w, s + b, 8);
            uint64_t m = (w | (w - ones * 0x21)) & high;
            if (m) {
                b += (size_t)__builtin_ctzll(m) >> 3; /* the lowest byte comes first */
                break;
            }
            b += 8;
        }
#endif
        if (b >= lim)
            break;
        if (s[b] < 0x80) {
            if (ascii_space(s[b]))
                break;
            b++;
            continue;
        }
        l = pl_utf8_decode(s + b, len - b, &cp);
        if (chr_space(cp) || b + l - a > TOK_MAX_BYTES)
            break;
        ascii = 0;
        b += l;
    }
    z->pos = b;
    int n = tok_chunk((const char *)s, len, a, b, z->chunk, TOK_MAX_BYTES + 1);
    int space_after = 0;
    if (b < len) {
        if (s[b] < 0x80) {
            space_after = ascii_space(s[b]);
        } else {
            pl_utf8_decode(s + b, len - b, &cp);
            space_after = chr_space(cp);
        }
    }
    z->qhead = 0; /* the queue is empty: peek fills it only then */
    for (int i = 0; i < n; i++) {
        uint32_t flags = ascii ? QS_ASCII : 0;
        if (i == 0 && nl >= 1)
            flags |= PL_TOK_LINE_BEFORE;
        if (i == 0 && nl >= 2)
            flags |= PL_TOK_PARA_BEFORE;
        if (i == n - 1 && space_after)
            flags |= PL_TOK_SPACE_AFTER;
        z->q[i] = (qspan){z->chunk[i].off, z->chunk[i].len, flags};
    }
    z->qn = (unsigned)n;
    return 1;
}

/* The next token, NULL at the end of the text. */
static qspan *peek(pl_sentencer *z) {
    while (z->qn == 0)
        if (!fill(z))
            return NULL;
    return &z->q[z->qhead];
}

static void drop(pl_sentencer *z) {
    z->qhead++;
    z->qn--;
}

static int first_cp(pl_sentencer *z, const qspan *q) {
    int32_t cp;
    pl_utf8_decode(z->s + q->off, q->len, &cp);
    return cp;
}

static int is_final_punct(pl_sentencer *z, const qspan *q) {
    const unsigned char *t = z->s + q->off;
    if (q->len == 3 && memcmp(t, "\xE2\x80\xA6", 3) == 0) /* … */
        return 1;
    for (uint32_t i = 0; i < q->len; i++)
        if (!(t[i] == '.' || t[i] == '!' || t[i] == '?'))
            return 0;
    return 1;
}

static int is_closer(pl_sentencer *z, const qspan *q) {
    const unsigned char *t = z->s + q->off;
    if (q->len == 1)
        return t[0] == '"' || t[0] == '\'' || t[0] == ')' || t[0] == ']' || t[0] == '}';
    if (q->len == 2)
        return memcmp(t, "\xC2\xBB", 2) == 0 || memcmp(t, "''", 2) == 0; /* » '' */
    if (q->len == 3)
        return memcmp(t, "\xE2\x80\x9D", 3) == 0 || memcmp(t, "\xE2\x80\x99", 3) == 0; /* ” ’ */
    return 0;
}

/* Words that open sentences far more often than they follow "U.S." inside one. */
static int sentence_opener(pl_sentencer *z, const qspan *q) {
    static const char *const w[] = {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On",
        "At", "But", "And", "Yet", "So", "This", "That", "These", "Those", "There",
        "His", "Her", "Its", "Their", "Our", "My", "If", "When", "While", "After",
        "Before", "Although", "However", "Meanwhile", "Still", "Since", "As", "For",
        "Some", "Many", "Most", "Officials", "According", NULL};
    if (q->len == 0 || !(z->s[q->off] >= 'A' && z->s[q->off] <= 'Z'))
        return 0;
    for (int i = 0; w[i]; i++)
        if (w[i][0] == z->s[q->off] && strlen(w[i]) == q->len && memcmp(w[i], z->s + q->off, q->len) == 0)
            return 1;
    return 0;
}

/* Does a sentence end after the token just taken (q), given what follows? */
static int ends_after(pl_sentencer *z, const qspan *q) {
    unsigned c0 = z->s[q->off]; /* this runs on every token: most start otherwise */
    if ((c0 == '.' || c0 == '!' || c0 == '?' || c0 == 0xE2) && is_final_punct(z, q)) {
        /* closing quotes and brackets stick to the punctuation before them */
        qspan *c = peek(z);
        if (c && !(q->flags & PL_TOK_SPACE_AFTER) && !(c->flags & PL_TOK_LINE_BEFORE) &&
            is_closer(z, c))
            return -1; /* the caller takes the closer, then decides */
        qspan *n = peek(z);
        if (!n)
            return 1;
        if (n->flags & PL_TOK_LINE_BEFORE)
            return 1;
        return !chr_lower(first_cp(z, n));
    }
    int title;
    if (q->len > 1 && z->s[q->off + q->len - 1] == '.' &&
        tok_abbrev((const char *)z->s + q->off, q->len, &title) && !title) {
        qspan *n = peek(z);
        return n && sentence_opener(z, n);
    }
    return 0;
}

#define NO_FORM UINT32_MAX
#define FORM_SLACK 16 /* bytes kept free after the forms: see add_form */

/* Copies text[off..off+n), an ASCII token, to the end of z->forms and returns
 * its offset there; NO_FORM when out of memory. Tokens are short, so a
 * short one is copied as a fixed 16 bytes (one load and one store, where a
 * memcpy of n bytes is a call) when the text and the buffer have them. */
static uint32_t add_form(pl_sentencer *z, uint32_t off, uint32_t n) {
    size_t need = z->forms_len + n + 1 + FORM_SLACK;
    if (need > z->forms_cap) {
        size_t cap = z->forms_cap ? z->forms_cap * 2 : 4096;
        while (cap < need)
            cap *= 2;
        char *p = realloc(z->forms, cap);
        if (!p)
            return NO_FORM;
        z->forms = p;
        z->forms_cap = cap;
    }
    char *d = z->forms + z->forms_len;
    if (n <= 16 && (size_t)off + 16 <= z->len)
        memcpy(d, z->s + off, 16);
    else
        memcpy(d, z->s + off, n);
    d[n] = 0;
    uint32_t at = (uint32_t)z->forms_len;
    z->forms_len += n + 1;
    return at;
}

int pl_sentencer_next(pl_sentencer *z, pl_sentence **out) {
    pl_arena_reset(&z->arena);
    z->forms_len = 0;
    uint32_t n = 0, flags = 0;
    int after_final = 0; /* absorbing closers after final punctuation */
    qspan *q;
    while ((q = peek(z))) {
        qspan cur = *q; /* a local copy: stores through char pointers below
                           would otherwise make the compiler reload *q */
        if (n > 0) {
            if (cur.flags & PL_TOK_PARA_BEFORE)
                break;
            if ((cur.flags & PL_TOK_LINE_BEFORE) && !z->wrapped)
                break;
            if (after_final && (!is_closer(z, &cur) || (z->tok[n - 1].flags & PL_TOK_SPACE_AFTER)))
                break;
        }
        if (n == PL_MAX_SENT_TOKENS) {
            flags |= PL_SENT_CUT;
            break;
        }
        int changed = 0;
        const char *form = NULL; /* ASCII: set once the sentence is complete, forms may move */
        if (cur.flags & QS_ASCII) {
            if ((z->form_at[n] = add_form(z, cur.off, cur.len)) == NO_FORM)
                return pl_fail(z->ctx, PL_ENOMEM, "out of memory");
        } else {
            z->form_at[n] = NO_FORM;
            form = text_clean_form(&z->arena, (const char *)z->s + cur.off, cur.len, &changed);
            if (!form)
                return pl_fail(z->ctx, PL_ENOMEM, "out of memory");
        }
        z->tok[n] = (pl_token){
            .off = cur.off, .len = cur.len, .form = form, .lemma = NULL, .head = -1,
            .upos = 0, .xpos = 0, .deprel = 0,
            .flags = (uint16_t)((cur.flags & ~QS_ASCII) | (changed ? PL_TOK_REPAIRED : 0))};
        n++;
        drop(z);
        if (after_final) { /* a closer after . ! ? : end unless text continues */
            qspan *nx = peek(z);
            if (nx && !is_closer(z, nx) && !(nx->flags & PL_TOK_LINE_BEFORE) &&
                chr_lower(first_cp(z, nx)))
                after_final = 0;
            continue;
        }
        int e = ends_after(z, &cur);
        if (e < 0)
            after_final = 1;
        else if (e > 0)
            break;
    }
    if (n == 0)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (z->form_at[i] != NO_FORM)
            z->tok[i].form = z->forms + z->form_at[i];
    pl_token *last = &z->tok[n - 1];
    qspan *nx = peek(z);
    int final = 0;
    for (uint32_t i = n; i-- > 0;) {
        qspan tmp = {z->tok[i].off, z->tok[i].len, 0};
        if (is_closer(z, &tmp))
            continue;
        final = is_final_punct(z, &tmp);
        break;
    }
    if (!final && !(flags & PL_SENT_CUT) && (!nx || (nx->flags & PL_TOK_LINE_BEFORE)))
        flags |= PL_SENT_HEADLINE;
    z->sent.index = z->index++;
    z->sent.off = z->tok[0].off;
    z->sent.len = last->off + last->len - z->tok[0].off;
    z->sent.ntok = n;
    z->sent.flags = flags;
    z->sent.tok = z->tok;
    *out = &z->sent;
    return 1;
}
