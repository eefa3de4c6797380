/*
 * tokenize.c — splits whitespace-free chunks of text into tokens the way UD
 * English (EWT) does: punctuation apart, clitics off (can't -> ca n't,
 * Russia's -> Russia 's), hyphenated words apart (search - engine), but
 * abbreviations, initials, numbers (1,000  3.5  10:30  5/16/2003), URLs and
 * e-mail addresses whole. Words glued by a missing space in scraped text
 * ("PresidentDonald") are pulled apart.
 *
 * HOW IT WORKS: the chunk is peeled from the left (opening punctuation) and
 * from the right (closing punctuation, except the period of an abbreviation),
 * then the middle is cut at separators, then each word piece loses its
 * clitics and glued capitals. Everything is byte offsets; nothing is copied.
 */
#include <string.h>

#include "text/text.h"

/* A word list entry with its length, so lookups never call strlen. */
typedef struct word {
    const char *s;
    size_t n;
} word;
#define W(lit) {lit, sizeof(lit) - 1}

typedef struct emit {
    tok_span *out;
    int n, cap;
    const unsigned char *s;
} emit;

static void put(emit *e, size_t off, size_t len) {
    if (len == 0 || e->n >= e->cap)
        return;
    /* one store of the whole span: the caller soon reads it back whole, and
     * a load spanning two half stores stalls (no store forwarding). The
     * compiler splits a struct store, so write the span as one word. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v = (uint64_t)(uint32_t)off | (uint64_t)(uint32_t)len << 32;
    _Static_assert(sizeof(tok_span) == 8, "tok_span is off then len, 32 bits each");
    memcpy(&e->out[e->n], &v, 8);
#else
    e->out[e->n] = (tok_span){(uint32_t)off, (uint32_t)len};
#endif
    e->n++;
}

/* The ASCII bytes chr_alnum accepts; the fast paths below use it to skip
 * decoding, which is most of the cost on ordinary text. */
static inline int ascii_alnum(unsigned c) {
    return c - '0' < 10u || (c | 0x20) - 'a' < 26u;
}

/* The first index in [i,b) whose byte is not an ASCII letter or digit, or b.
 * Looks at eight bytes at a time, which may read past b but not past len:
 * where a word ends is then found without a mispredicted loop exit. Each
 * byte's high bit says "in range" from sums that never carry into the next
 * byte (all below 0x100 for 7-bit bytes), so the lowest flagged byte is
 * the answer. */
static size_t alnum_end(const unsigned char *s, size_t i, size_t b, size_t len) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    while (i < b && i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x = w & ~high, l = x | ones * 0x20;
        uint64_t letter = (l + ones * (0x80 - 'a')) & ~(l + ones * (0x7F - 'z'));
        uint64_t digit = (x + ones * (0x80 - '0')) & ~(x + ones * (0x7F - '9'));
        uint64_t bad = (~(letter | digit) | w) & high;
        if (bad) {
            size_t k = i + ((size_t)__builtin_ctzll(bad) >> 3);
            return k < b ? k : b;
        }
        i += 8;
    }
#endif
    while (i < b && ascii_alnum(s[i]))
        i++;
    return i < b ? i : b;
}

static int32_t at(const unsigned char *s, size_t i, size_t b, size_t *len) {
    int32_t cp;
    size_t l = pl_utf8_decode(s + i, b - i, &cp);
    if (len)
        *len = l;
    return cp;
}

/* The code point that ends just before i (i > lo). */
static int32_t before(const unsigned char *s, size_t lo, size_t i, size_t *len) {
    size_t j = i - 1;
    while (j > lo && i - j < 4 && (s[j] & 0xC0) == 0x80)
        j--;
    int32_t cp;
    size_t l = pl_utf8_decode(s + j, i - j, &cp);
    if (j + l != i) { /* not one clean sequence: take the last byte alone */
        *len = 1;
        return -1;
    }
    *len = l;
    return cp;
}

static int is_apos(int32_t cp) {
    return cp == '\'' || cp == 0x2019;
}

static int is_hyphen(int32_t cp) {
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int is_final(int32_t cp) {
    return cp == '.' || cp == '!' || cp == '?';
}

/* Length of the punctuation run starting at i: repeated characters ("...",
 * "--", "!!") or a mix of . ! ? ("?!") stay one token. */
static size_t run_fwd(const unsigned char *s, size_t i, size_t b) {
    size_t l, l2;
    int32_t cp = at(s, i, b, &l);
    size_t j = i + l;
    while (j < b) {
        int32_t c2 = at(s, j, b, &l2);
        if (!(c2 == cp || (is_final(cp) && is_final(c2))) || cp < 0)
            break;
        j += l2;
    }
    return j - i;
}

static size_t run_back(const unsigned char *s, size_t a, size_t i) {
    size_t l, l2;
    int32_t cp = before(s, a, i, &l);
    size_t j = i - l;
    while (j > a) {
        int32_t c2 = before(s, a, j, &l2);
        if (!(c2 == cp || (is_final(cp) && is_final(c2))) || cp < 0)
            break;
        j -= l2;
    }
    return i - j;
}

/* Title-like abbreviations: a name or number follows, never a sentence end. */
static const word titles[] = {
    W("Mr"), W("Mrs"), W("Ms"), W("Messrs"), W("Mme"), W("Dr"), W("Prof"), 
    W("Gen"), W("Col"), W("Lt"), W("Sgt"), W("Capt"), W("Maj"), W("Adm"), W("Cmdr"), 
    W("Cdr"), W("Gov"), W("Sen"), W("Sens"), W("Rep"), W("Reps"), W("Rev"), 
    W("Hon"), W("Pres"), W("Supt"), W("Insp"), W("Cpl"), W("Pvt"), W("Brig"), 
    W("Gens"), W("Fr"), W("St"), W("Mt"), W("Ft"), W("Jan"), W("Feb"), W("Mar"), 
    W("Apr"), W("Jun"), W("Jul"), W("Aug"), W("Sep"), W("Sept"), W("Oct"), W("Nov"), 
    W("Dec"), W("No"), W("Nos"), W("Vol"), W("Art"), W("Fig"), W("pp"), W("p"), 
    W("Ald"), W("Atty"), W("Amb"), W("Rt"), W("Sr"), {NULL, 0}};

/* Abbreviations that may end a sentence. */
static const word abbrevs[] = {
    W("Inc"), W("Ltd"), W("Corp"), W("Co"), W("Cos"), W("Bros"), W("Jr"), 
    W("vs"), W("etc"), W("al"), W("approx"), W("dept"), W("Dept"), W("est"), 
    W("Ave"), W("Blvd"), W("Rd"), W("cf"), W("ca"), W("viz"), W("Univ"), W("Assn"), 
    W("Intl"), W("Govt"), W("Gov't"), {NULL, 0}};

/* The first bytes of the titles and abbrevs entries, as bits 1 << (c - 64)
 * (c in 'A'..'z'): sentence-final words ("said.") are looked up on every
 * sentence, and most start with a byte no entry starts with. Keep it in step
 * with the lists; tok_lists_ok (run by make check) says when it is not. */
#define INITIAL(c) (1ULL << ((c) - 64))
static const uint64_t list_initials =
    INITIAL('A') | INITIAL('B') | INITIAL('C') | INITIAL('D') | INITIAL('F') | INITIAL('G') |
    INITIAL('H') | INITIAL('I') | INITIAL('J') | INITIAL('L') | INITIAL('M') | INITIAL('N') |
    INITIAL('O') | INITIAL('P') | INITIAL('R') | INITIAL('S') | INITIAL('U') | INITIAL('V') |
    INITIAL('a') | INITIAL('c') | INITIAL('d') | INITIAL('e') | INITIAL('p') | INITIAL('v');

/* ...and no entry is longer than this (tok_lists_ok checks it too). */
#define LISTED_MAX 6

static int maybe_listed(unsigned char c) {
    return c >= 'A' && c <= 'z' && ((list_initials >> (c - 64)) & 1);
}

static int in_list(const word *list, const char *s, size_t n) {
    for (int i = 0; list[i].s; i++)
        if (list[i].n == n && list[i].s[0] == s[0] && memcmp(list[i].s, s, n) == 0)
            return 1;
    return 0;
}

int tok_abbrev(const char *s, size_t n, int *title) {
    *title = 0;
    if (n < 2 || s[n - 1] != '.')
        return 0;
    size_t m = n - 1;
    const unsigned char *u = (const unsigned char *)s;
    if (m == 1 && chr_alpha(u[0])) { /* an initial: J. Smith */
        *title = chr_upper(u[0]);
        return 1;
    }
    if (m <= LISTED_MAX && maybe_listed(u[0])) {
        if (in_list(titles, s, m)) {
            *title = 1;
            return 1;
        }
        if (in_list(abbrevs, s, m))
            return 1;
    }
    /* letters with inner periods: U.S, e.g, a.m, Ph.D — pieces of 1-3 letters */
    int dots = 0, piece = 0;
    for (size_t i = 0; i < m; i++) {
        if (u[i] == '.') {
            if (piece == 0)
                return 0;
            dots++;
            piece = 0;
        } else if (u[i] < 0x80 && chr_alpha(u[i])) {
            if (++piece > 3)
                return 0;
        } else {
            return 0;
        }
    }
    return dots > 0 && piece > 0;
}

int tok_lists_ok(void) {
    for (int i = 0; titles[i].s; i++)
        if (!maybe_listed((unsigned char)titles[i].s[0]) || titles[i].n > LISTED_MAX)
            return 0;
    for (int i = 0; abbrevs[i].s; i++)
        if (!maybe_listed((unsigned char)abbrevs[i].s[0]) || abbrevs[i].n > LISTED_MAX)
            return 0;
    return 1;
}

/* Words that look glued but are brand or name spellings. */
static const word camel_ok[] = {
    W("PlayStation"), W("JavaScript"), W("PowerPoint"), W("WhatsApp"), W("LinkedIn"), 
    W("YouTube"), W("FedEx"), W("PayPal"), W("BlackBerry"), W("GlaxoSmithKline"), 
    W("HuffPost"), W("ExxonMobil"), W("BlackRock"), W("SoftBank"), W("WikiLeaks"), 
    W("SpaceX"), W("OpenAI"), W("DeepMind"), W("MasterCard"), W("PricewaterhouseCoopers"), 
    W("AstraZeneca"), W("GoFundMe"), W("TikTok"), W("WeChat"), W("ByteDance"), 
    W("StarLink"), W("FaceTime"), {NULL, 0}};

/* Emits the letters piece [p,q), cutting glued capitals: "PresidentDonald". */
static void put_camel(emit *e, size_t p, size_t q) {
    const unsigned char *s = e->s;
    size_t start = p;
    if (q - p < 6 || !(s[p] >= 'A' && s[p] <= 'Z')) { /* nothing to cut: most words */
        put(e, p, q - p);
        return;
    }
    /* the brand list only matters where there is a cut to make: look for a
     * lower-upper-lower seam first, since most capitalized words have none */
    size_t seam = p + 1;
    while (seam + 1 < q && !(s[seam - 1] >= 'a' && s[seam - 1] <= 'z' && s[seam] >= 'A' &&
                             s[seam] <= 'Z' && s[seam + 1] >= 'a' && s[seam + 1] <= 'z'))
        seam++;
    if (seam + 1 >= q || in_list(camel_ok, (const char *)s + p, q - p)) {
        put(e, p, q - p);
        return;
    }
    for (size_t j = seam; j + 2 < q + 1 && j + 1 < q; j++) {
        if (!(s[j - 1] >= 'a' && s[j - 1] <= 'z' && s[j] >= 'A' && s[j] <= 'Z' &&
              s[j + 1] >= 'a' && s[j + 1] <= 'z'))
            continue;
        size_t left = j - start;
        int letters = 1;
        for (size_t k = start; k < j; k++)
            if (!((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
                letters = 0;
        /* McDonald, MacArthur, DeSantis, LaGuardia: short heads stay glued */
        if (!letters || left < 4 || !(s[start] >= 'A' && s[start] <= 'Z'))
            continue;
        put(e, start, left);
        start = j;
    }
    put(e, start, q - start);
}

#define lower_eq(s, n, lit) lower_eq_n((s), (n), (lit), sizeof(lit) - 1)

static int lower_eq_n(const unsigned char *s, size_t n, const char *w, size_t wn) {
    if (wn != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != (unsigned char)w[i])
            return 0;
    return 1;
}

/* Emits a word piece [p,q), splitting off clitics first; alnum: the piece
 * is known to be ASCII letters and digits, so it holds no apostrophe. */
static void put_word_as(emit *e, size_t p, size_t q, int alnum) {
    const unsigned char *s = e->s;
    size_t n = q - p, l;
    /* cannot -> can not; gonna -> gon na; wanna, gotta likewise */
    if (n == 6 && lower_eq(s + p, n, "cannot")) {
        put(e, p, 3);
        put(e, p + 3, 3);
        return;
    }
    if (n == 5 && (lower_eq(s + p, n, "gonna") || lower_eq(s + p, n, "wanna") ||
                   lower_eq(s + p, n, "gotta"))) {
        put(e, p, 3);
        put(e, p + 3, 2);
        return;
    }
    /* dont, cant, didnt ... written without the apostrophe: do nt */
    static const word nt[] = {
    W("dont"), W("cant"), W("wont"), W("didnt"), W("doesnt"), W("isnt"), 
    W("wasnt"), W("arent"), W("werent"), W("havent"), W("hasnt"), W("wouldnt"), 
    W("couldnt"), W("shouldnt"), W("aint"), {NULL, 0}};
    int nt_end = n >= 4 && (s[q - 1] | 0x20) == 't' && (s[q - 2] | 0x20) == 'n';
    for (int k = 0; nt_end && nt[k].s; k++)
        if (lower_eq_n(s + p, n, nt[k].s, nt[k].n)) {
            put(e, p, n - 2);
            put(e, q - 2, 2);
            return;
        }
    /* find an apostrophe inside the piece: ' or U+2019, whose first byte is
     * 0xE2; neither can be a continuation byte, so looking at every byte
     * finds what decoding code point by code point would */
    for (size_t i = p + 1; i < q && !alnum; i++) {
        if (s[i] != '\'' && s[i] != 0xE2)
            continue;
        int32_t cp = at(s, i, q, &l);
        if (!is_apos(cp))
            continue;
        size_t tail = q - (i + l); /* bytes after the apostrophe */
        const unsigned char *t = s + i + l;
        /* n't: split before the n (can't -> ca n't, don't -> do n't) */
        if (tail == 1 && (t[0] | 0x20) == 't' && i - p >= 2 && (s[i - 1] | 0x20) == 'n') {
            if (i - 1 > p)
                put_camel(e, p, i - 1);
            put(e, i - 1, q - (i - 1));
            return;
        }
        if ((tail == 1 && ((t[0] | 0x20) == 's' || (t[0] | 0x20) == 'm' || (t[0] | 0x20) == 'd')) ||
            (tail == 2 && (lower_eq(t, 2, "re") || lower_eq(t, 2, "ve") || lower_eq(t, 2, "ll")))) {
            put_camel(e, p, i);
            put(e, i, q - i);
            return;
        }
    }
    put_camel(e, p, q);
}

static void put_word(emit *e, size_t p, size_t q) {
    put_word_as(e, p, q, 0);
}

/* put_word_as(e, p, q, 1) with the commonest outcome decided inline: a word
 * of letters and digits that no clitic rule (cannot; gonna, wanna, gotta;
 * the ...nt list) and no glued-capital cut (a capital, 6 bytes or more) can
 * touch is emitted whole; the tests here are looser than those rules. */
static inline void put_alnum_word(emit *e, size_t p, size_t q) {
    const unsigned char *s = e->s;
    size_t n = q - p;
    int maybe = 0;
    if (n >= 4) {
        unsigned y = s[q - 2] | 0x20, z = s[q - 1] | 0x20;
        maybe = (y == 'n' && z == 't') || (n == 5 && z == 'a' && (y == 'n' || y == 't')) ||
                (n == 6 && y == 'o' && z == 't') || (n >= 6 && s[p] >= 'A' && s[p] <= 'Z');
    }
    if (maybe)
        put_word_as(e, p, q, 1);
    else
        put(e, p, n);
}

/* Emoticons are one token: :) :-( ;) :D :P (: <3 */
static int emoticon(const unsigned char *s, size_t a, size_t b) {
    static const word faces[] = {
    W(":)"), W(":("), W(":-)"), W(":-("), W(";)"), W(";-)"), W(":D"), W(":-D"), 
    W(":P"), W(":p"), W("(:"), W("):"), W("<3"), W(":/"), W(":'("), W("XD"), 
    {NULL, 0}};
    return in_list(faces, (const char *)s + a, b - a);
}

static int url_like(const unsigned char *s, size_t a, size_t b) {
    size_t n = b - a;
    if (n > 4 && (s[a] == 'h' || s[a] == 'w') &&
        ((n > 7 && memcmp(s + a, "http://", 7) == 0) ||
         (n > 8 && memcmp(s + a, "https://", 8) == 0) ||
         (n > 4 && memcmp(s + a, "www.", 4) == 0)))
        return 1;
    /* e-mail: letters @ letters . letters (a loop, not memchr: chunks are
     * a few bytes and this runs on every one) */
    const unsigned char *at_sign = NULL;
    for (size_t i = a; i < b; i++)
        if (s[i] == '@') {
            at_sign = s + i;
            break;
        }
    if (at_sign && at_sign > s + a && memchr(at_sign, '.', (size_t)(s + b - at_sign)) &&
        chr_alnum(at_sign[-1]))
        return 1;
    return 0;
}

/* Hyphenated words that UD EWT keeps whole: a one-letter head (e-mail,
 * x-ray, T-shirt) or a short bound prefix. */
static int keep_hyphen(const unsigned char *s, size_t p, size_t i) {
    static const word prefixes[] = {
    W("e"), W("anti"), W("non"), W("co"), W("pre"), W("re"), W("ex"), W("mid"), 
    W("pro"), W("semi"), W("post"), W("multi"), W("sub"), W("neo"), W("counter"), 
    W("cross"), W("psycho"), W("inter"), W("ultra"), {NULL, 0}};
    size_t n = i - p;
    if (n == 1)
        return 1;
    /* phone numbers and codes: 853-7906, 713-853-3102 */
    if (s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
        return 1;
    for (int k = 0; prefixes[k].s; k++)
        if (lower_eq_n(s + p, n, prefixes[k].s, prefixes[k].n))
            return 1;
    return 0;
}

static void split_middle(emit *e, size_t a, size_t b) {
    const unsigned char *s = e->s;
    size_t piece = a, l, lp, ln;
    for (size_t i = a; i < b; i += l) {
        if (ascii_alnum(s[i])) {
            l = 1;
            continue;
        }
        int32_t cp = at(s, i, b, &l);
        if (chr_alnum(cp))
            continue;
        int32_t prev = i > a ? before(s, a, i, &lp) : -1;
        int32_t next = i + l < b ? at(s, i + l, b, &ln) : -1;
        if (cp == '.' && chr_alnum(prev) && chr_alnum(next))
            continue;
        if ((cp == ',' || cp == ':' || cp == '/') && chr_digit(prev) && chr_digit(next))
            continue;
        if (cp == '&' && chr_upper(prev) && chr_upper(next))
            continue;
        if (is_apos(cp) && chr_alpha(prev) && chr_alpha(next))
            continue;
        if (is_hyphen(cp) && chr_alnum(prev) && chr_alnum(next) && keep_hyphen(s, piece, i))
            continue;
        int title;
        if (cp == '.' && chr_alnum(prev) && tok_abbrev((const char *)s + piece, i + 1 - piece, &title)) {
            put_word(e, piece, i + 1);
            piece = i + 1;
            continue;
        }
        if (i > piece)
            put_word(e, piece, i);
        size_t r = run_fwd(s, i, b);
        put(e, i, r);
        l = r;
        piece = i + r;
    }
    if (b > piece)
        put_word(e, piece, b);
}

int tok_chunk(const char *text, size_t len, size_t a, size_t b, tok_span *out, int cap) {
    emit e = {out, 0, cap, (const unsigned char *)text};
    const unsigned char *s = e.s;
    size_t l;
    tok_span tail[64];
    int ntail = 0;

    /* Most chunks are a plain word, or a word and one mark ("said,"
     * "Iraq."): for them the general path below comes down to this. (No URL
     * or emoticon starts with a letter and holds no other mark; a lone final
     * '.' stays on the word when the whole is an abbreviation.) */
    size_t i = alnum_end(s, a, b, len);
    if (i == b) {
        put_alnum_word(&e, a, b);
        return e.n;
    }
    if (i > a && i + 1 == b && s[i] < 0x80) {
        int title;
        if (s[i] == '.' && tok_abbrev((const char *)s + a, b - a, &title)) {
            put_word(&e, a, b);
        } else {
            put_alnum_word(&e, a, i);
            put(&e, i, 1);
        }
        return e.n;
    }

    if (b - a <= 3 && !chr_alnum(s[a] < 0x80 ? s[a] : -1) && emoticon(s, a, b)) {
        put(&e, a, b - a);
        return e.n;
    }
    int url = url_like(s, a, b);
    while (a < b && !url) { /* brackets before a URL: <mailto:...> */
        int32_t cp = at(s, a, b, &l);
        if (!(cp == '<' || cp == '(' || cp == '[' || cp == '"'))
            break;
        if (!url_like(s, a + l, b))
            break;
        put(&e, a, l);
        a += l;
        url = 1; /* url_like(s, a, b), just checked */
    }
    if (url) {
        /* closing punctuation after a URL is not part of it; past 64 marks
         * the rest stays on the URL (it used to be dropped, lost text) */
        while (b > a && ntail < 64) {
            int32_t cp = before(s, a, b, &l);
            if (!(cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == ')' || cp == '>' ||
                  cp == '"' || cp == '\'' || cp == '!' || cp == '?' || cp == 0x201D))
                break;
            tail[ntail].off = (uint32_t)(b - l);
            tail[ntail].len = (uint32_t)l;
            ntail++;
            b -= l;
        }
        put(&e, a, b - a);
        goto flush;
    }
    while (a < b) { /* opening punctuation */
        int32_t cp = at(s, a, b, &l);
        if (chr_alnum(cp))
            break;
        if ((cp == '#' || cp == '@') && a + l < b && chr_alnum(at(s, a + l, b, NULL)))
            break;
        /* '73, '90s: an apostrophe before a year belongs to it */
        if (cp == '\'' && b - a >= 3 && chr_digit(s[a + 1]) && chr_digit(s[a + 2]))
            break;
        size_t r = run_fwd(s, a, b);
        put(&e, a, r);
        a += r;
    }
    while (b > a && ntail < 64) { /* closing punctuation */
        int32_t cp = before(s, a, b, &l);
        if (chr_alnum(cp))
            break;
        if (cp == '.' && b - l > a) {
            size_t w = b - l; /* start of the word before the period */
            size_t l2;
            while (w > a) {
                int32_t c2 = before(s, a, w, &l2);
                if (!(chr_alnum(c2) || c2 == '.' || is_apos(c2)))
                    break;
                w -= l2;
            }
            int title;
            if (w < b - l && chr_alnum(before(s, a, b - l, &l2)) &&
                tok_abbrev((const char *)s + w, b - w, &title))
                break;
        }
        size_t r = run_back(s, a, b);
        tail[ntail].off = (uint32_t)(b - r);
        tail[ntail].len = (uint32_t)r;
        ntail++;
        b -= r;
    }
    if (b > a)
        split_middle(&e, a, b);
flush:
    while (ntail > 0) {
        ntail--;
        put(&e, tail[ntail].off, tail[ntail].len);
    }
    return e.n;
}
