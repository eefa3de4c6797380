/*
 * feats.c — token atoms, feature templates and the arc-hybrid transition
 * system, shared by the runtime (tagger.c, parser.c) and the trainer
 * (tools/train*.c) so that both see exactly the same features.
 *
 * Templates are numbered by position in their function; a template id is
 * the first input of its hash, so two templates over the same atoms never
 * collide. Missing context (before the first token, after the last, an empty
 * stack slot, no child) is a fixed atom of its own.
 */
#include <string.h>

#include <utf8proc.h>

#include "syntax/feats.h"
#include "text/text.h"

/* Atoms for positions outside the sentence. */
#define A_NONE 0x6e6f6e65ULL  /* no token here */
#define A_ROOT 0x726f6f74ULL  /* the root */
#define A_START 0x73746172ULL /* before the first token */
#define A_END 0x656e6400ULL   /* after the last token */

uint64_t sx_hash(const void *p, size_t n) {
    return sx_fin(pl_hash64(p, n) * SX_K1);
}

uint64_t sx_hash2(const char *s, size_t n, const char *t, size_t m) {
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    h = (h ^ '\t') * 1099511628211ULL;
    for (size_t i = 0; i < m; i++)
        h = (h ^ (unsigned char)t[i]) * 1099511628211ULL;
    return sx_fin(h * SX_K1);
}

size_t sx_lower(const char *s, size_t n, char *out, size_t cap) {
    size_t m = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            if (m + 1 >= cap)
                break;
            out[m++] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 32 : u[i]);
            i++;
            continue;
        }
        int32_t cp;
        size_t l = pl_utf8_decode(u + i, n - i, &cp);
        if (cp < 0) { /* forms are valid UTF-8; keep a stray byte as is */
            if (m + 1 >= cap)
                break;
            out[m++] = (char)u[i];
            i++;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (k <= 0 || m + (size_t)k >= cap)
            break;
        memcpy(out + m, enc, (size_t)k);
        m += (size_t)k;
        i += l;
    }
    out[m] = 0;
    return m;
}

/* Word shape: X upper, x lower, d digit, other ASCII as is, * other; runs of
 * one class longer than two are cut to two ("Xxx" for any capitalised word). */
static uint64_t shape_of(const char *s, size_t n, unsigned *flags) {
    char sh[24];
    size_t m = 0;
    int run = 0, letters = 0, uppers = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t l = pl_utf8_decode(u + i, n - i, &cp);
        i += l;
        char c;
        if (chr_upper(cp)) {
            c = 'X';
            letters++;
            uppers++;
        } else if (chr_alpha(cp)) {
            c = 'x';
            letters++;
        } else if (chr_digit(cp)) {
            c = 'd';
            *flags |= SX_TF_DIGIT;
        } else {
            c = cp >= 0x20 && cp < 0x7f ? (char)cp : '*';
            if (cp == '-')
                *flags |= SX_TF_HYPHEN;
        }
        if (m > 0 && sh[m - 1] == c) {
            if (++run >= 2)
                continue;
        } else {
            run = 0;
        }
        if (m < sizeof sh)
            sh[m++] = c;
    }
    if (letters == 0)
        *flags |= SX_TF_NOALPHA;
    if (n > 0 && chr_upper((int32_t)(u[0] < 0x80 ? u[0] : 0)))
        *flags |= SX_TF_UPPER;
    else if (n > 0 && u[0] >= 0x80) {
        int32_t cp;
        pl_utf8_decode(u, n, &cp);
        if (chr_upper(cp))
            *flags |= SX_TF_UPPER;
    }
    if (letters >= 2 && uppers == letters)
        *flags |= SX_TF_ALLCAP;
    return sx_hash(sh, m);
}

size_t sx_tok_init(sx_tok *t, const char *form, int first, char *lower) {
    size_t n = strlen(form);
    if (n > SX_MAX_FORM - 1)
        n = SX_MAX_FORM - 1;
    unsigned flags = first ? SX_TF_FIRST : 0;
    size_t m = sx_lower(form, n, lower, SX_MAX_FORM);
    t->form = sx_hash(form, n);
    t->lower = sx_hash(lower, m);
    /* prefixes and suffixes by code points of the lowercased form */
    size_t cut = 0;
    for (int k = 0; k < 3; k++) {
        if (cut < m) {
            cut++;
            while (cut < m && ((unsigned char)lower[cut] & 0xC0) == 0x80)
                cut++;
        }
        t->pre[k] = sx_hash(lower, cut) ^ (uint64_t)(k + 1);
    }
    size_t start = m;
    for (int k = 0; k < 4; k++) {
        if (start > 0) {
            start--;
            while (start > 0 && ((unsigned char)lower[start] & 0xC0) == 0x80)
                start--;
        }
        t->suf[k] = sx_hash(lower + start, m - start) ^ (uint64_t)(k + 1) << 8;
    }
    t->shape = shape_of(form, n, &flags);
    t->amb = t->ambx = 0;
    t->sem = 0;
    t->wn = 0;
    t->tag = 0;
    t->flags = (uint16_t)flags;
    return m;
}

void sx_sent_flags(sx_tok *toks, int n) {
    int words = 0, caps = 0;
    for (int i = 0; i < n; i++)
        if (!(toks[i].flags & SX_TF_NOALPHA)) {
            words++;
            caps += (toks[i].flags & SX_TF_UPPER) != 0;
        }
    if (words >= 3 && caps * 10 >= words * 6)
        for (int i = 0; i < n; i++)
            toks[i].flags |= SX_TF_TITLE;
}

/* ---- tagger ------------------------------------------------------------------ */

void sx_tag_feats(const sx_tok *toks, int n, int i, uint64_t *f) {
    const sx_tok *w = &toks[i];
    uint64_t wm1 = i >= 1 ? toks[i - 1].lower : A_START;
    uint64_t wm2 = i >= 2 ? toks[i - 2].lower : A_START;
    uint64_t wp1 = i + 1 < n ? toks[i + 1].lower : A_END;
    uint64_t wp2 = i + 2 < n ? toks[i + 2].lower : A_END;
    uint64_t sm1 = i >= 1 ? toks[i - 1].suf[2] : A_START;
    uint64_t sp1 = i + 1 < n ? toks[i + 1].suf[2] : A_END;
    uint64_t am1 = i >= 1 ? toks[i - 1].amb : A_START;
    uint64_t ap1 = i + 1 < n ? toks[i + 1].amb : A_END;
    uint64_t ap2 = i + 2 < n ? toks[i + 2].amb : A_END;
    uint64_t hp1 = i + 1 < n ? toks[i + 1].shape : A_END;
    uint64_t hm1 = i >= 1 ? toks[i - 1].shape : A_START;
    uint64_t t1 = i >= 1 ? toks[i - 1].tag : A_START;
    uint64_t t2 = i >= 2 ? toks[i - 2].tag : A_START;
    int k = 0;
    f[k++] = sx_f1(0, 0);
    f[k++] = sx_f1(1, w->lower);
    f[k++] = sx_f1(2, w->form);
    f[k++] = sx_f1(3, w->suf[0]);
    f[k++] = sx_f1(4, w->suf[1]);
    f[k++] = sx_f1(5, w->suf[2]);
    f[k++] = sx_f1(6, w->suf[3]);
    f[k++] = sx_f1(7, w->pre[0]);
    f[k++] = sx_f1(8, w->pre[1]);
    f[k++] = sx_f1(9, w->pre[2]);
    f[k++] = sx_f1(10, w->shape);
    f[k++] = sx_f1(11, wm1);
    f[k++] = sx_f1(12, wm2);
    f[k++] = sx_f1(13, wp1);
    f[k++] = sx_f1(14, wp2);
    f[k++] = sx_f1(15, sm1);
    f[k++] = sx_f1(16, sp1);
    f[k++] = sx_f1(17, t1);
    f[k++] = sx_f2(18, t1, t2);
    f[k++] = sx_f2(19, t1, w->lower);
    f[k++] = sx_f1(20, w->amb);
    f[k++] = sx_f1(21, ap1);
    f[k++] = sx_f1(22, ap2);
    f[k++] = sx_f2(23, t1, w->amb);
    f[k++] = sx_f2(24, w->amb, ap1);
    f[k++] = sx_f2(25, w->lower, wp1);
    f[k++] = sx_f2(26, wm1, w->lower);
    f[k++] = sx_f2(27, hm1, hp1);
    f[k++] = sx_f2(28, w->wn, w->suf[1]);
    f[k++] = sx_f2(29, w->flags, w->shape);
    f[k++] = sx_f2(30, t1, ap1);
    f[k++] = sx_f2(31, am1, w->amb);
    f[k++] = sx_f2(32, t1, w->suf[2]);
    f[k++] = sx_f3(33, w->amb, ap1, ap2);
    uint64_t cm1 = i >= 1 ? toks[i - 1].flags & SX_TF_UPPER : 9;
    uint64_t cp1 = i + 1 < n ? toks[i + 1].flags & SX_TF_UPPER : 9;
    f[k++] = sx_f1(34, w->ambx);
    f[k++] = sx_f3(35, w->ambx, w->amb, w->flags & (SX_TF_UPPER | SX_TF_FIRST | SX_TF_TITLE));
    f[k++] = sx_f4(36, cm1, w->flags, cp1, w->amb);
    f[k++] = sx_f3(37, w->lower, w->flags & (SX_TF_UPPER | SX_TF_FIRST | SX_TF_TITLE), cp1);
    uint64_t top0 = w->amb & 0xFF, top1 = i + 1 < n ? toks[i + 1].amb & 0xFF : 999;
    uint64_t top2 = i + 2 < n ? toks[i + 2].amb & 0xFF : 999;
    f[k++] = sx_f2(38, top1, top2);
    f[k++] = sx_f2(39, t1, top1);
    f[k++] = sx_f2(40, w->lower, top1);
    f[k++] = sx_f3(41, t1, top0, top1);
    f[k++] = sx_f3(42, w->suf[2], top1, w->flags & SX_TF_UPPER);
    f[k++] = sx_f2(43, w->wn, w->flags & (SX_TF_UPPER | SX_TF_FIRST | SX_TF_TITLE));
    f[k++] = sx_f3(44, w->wn, w->suf[0], t1);
}

/* ---- transition system -------------------------------------------------------- */

void sx_state_init(sx_state *s, int n) {
    s->n = n;
    s->b = 1;
    s->sp = 0;
    memset(s->node, 0, sizeof(sx_node) * (size_t)(n + 2));
    for (int i = 0; i <= n + 1; i++)
        s->node[i].head = -1;
}

unsigned sx_valid(const sx_state *s) {
    unsigned v = 0;
    if (s->b <= s->n)
        v |= 1u << SX_SHIFT;
    if (s->sp >= 1 && (s->b <= s->n || s->sp == 1))
        v |= 1u << SX_LEFT;
    if (s->sp >= 2)
        v |= 1u << SX_RIGHT;
    return v;
}

int sx_arc_of(const sx_state *s, int t, int *h) {
    if (t == SX_LEFT) {
        *h = s->b <= s->n ? s->b : 0;
        return s->stack[s->sp - 1];
    }
    if (t == SX_RIGHT) {
        *h = s->stack[s->sp - 2];
        return s->stack[s->sp - 1];
    }
    *h = -1;
    return 0;
}

void sx_apply(sx_state *s, int t, unsigned label) {
    if (t == SX_SHIFT) {
        s->stack[s->sp++] = s->b++;
        return;
    }
    int h, d = sx_arc_of(s, t, &h);
    s->sp--;
    sx_node *dn = &s->node[d];
    dn->head = h;
    dn->label = (uint16_t)label;
    if (h == 0)
        return;
    sx_node *hn = &s->node[h];
    uint64_t bit = 1ULL << (label & 63);
    if (d < h) { /* arc-hybrid adds left children from the inside out */
        hn->l2 = hn->l1;
        hn->l1 = d;
        hn->nl++;
        hn->lset |= bit;
    } else {     /* and right children from the inside out too */
        hn->r2 = hn->r1;
        hn->r1 = d;
        hn->nr++;
        hn->rset |= bit;
    }
}

/* ---- parser features ------------------------------------------------------------- */

typedef struct pos {
    uint64_t w, p, l;  /* word, tag, label of a position */
    uint64_t c;        /* semantic class */
} pos;

static pos at(const sx_state *s, const sx_tok *toks, int i) {
    pos r;
    if (i <= 0) {
        r.w = r.p = r.l = r.c = A_NONE;
    } else if (i > s->n) {
        r.w = r.p = r.l = r.c = A_ROOT;
    } else {
        r.w = toks[i - 1].lower;
        r.p = toks[i - 1].tag;
        r.l = s->node[i].label;
        r.c = toks[i - 1].sem;
    }
    return r;
}

static uint64_t dist_bucket(int d) {
    if (d < 0)
        d = -d;
    return d <= 5 ? (uint64_t)d : d <= 10 ? 6 : d <= 20 ? 7 : 8;
}

void sx_parse_feats(const sx_state *s, const sx_tok *toks, uint64_t *f) {
    int i0 = s->sp >= 1 ? s->stack[s->sp - 1] : 0;
    int i1 = s->sp >= 2 ? s->stack[s->sp - 2] : 0;
    int i2 = s->sp >= 3 ? s->stack[s->sp - 3] : 0;
    int j0 = s->b, j1 = s->b + 1 <= s->n + 1 ? s->b + 1 : -1, j2 = s->b + 2 <= s->n + 1 ? s->b + 2 : -1;
    const sx_node none = {0};
    const sx_node *n0 = i0 ? &s->node[i0] : &none, *n1 = i1 ? &s->node[i1] : &none;
    const sx_node *nb = j0 <= s->n ? &s->node[j0] : &none;
    pos s0 = at(s, toks, i0), s1 = at(s, toks, i1), s2 = at(s, toks, i2);
    pos b0 = at(s, toks, j0), b1 = at(s, toks, j1), b2 = at(s, toks, j2);
    pos s0l = at(s, toks, n0->l1), s0l2 = at(s, toks, n0->l2);
    pos s0r = at(s, toks, n0->r1), s0r2 = at(s, toks, n0->r2);
    pos s1l = at(s, toks, n1->l1), s1r = at(s, toks, n1->r1);
    pos b0l = at(s, toks, nb->l1), b0l2 = at(s, toks, nb->l2);
    uint64_t d = i0 ? dist_bucket(j0 - i0) : 9, d1 = i0 && i1 ? dist_bucket(i0 - i1) : 9;
    int k = 0;
    f[k++] = sx_f1(0, 0);
    /* single positions */
    f[k++] = sx_f1(1, s0.w);
    f[k++] = sx_f1(2, s0.p);
    f[k++] = sx_f2(3, s0.w, s0.p);
    f[k++] = sx_f1(4, s1.w);
    f[k++] = sx_f1(5, s1.p);
    f[k++] = sx_f2(6, s1.w, s1.p);
    f[k++] = sx_f1(7, s2.p);
    f[k++] = sx_f1(8, b0.w);
    f[k++] = sx_f1(9, b0.p);
    f[k++] = sx_f2(10, b0.w, b0.p);
    f[k++] = sx_f1(12, b1.p);
    f[k++] = sx_f2(13, b1.w, b1.p);
    f[k++] = sx_f1(14, b2.p);
    /* pairs */
    f[k++] = sx_f4(16, s0.w, s0.p, b0.w, b0.p);
    f[k++] = sx_f3(17, s0.w, s0.p, b0.w);
    f[k++] = sx_f3(18, s0.w, b0.w, b0.p);
    f[k++] = sx_f2(21, s0.w, b0.w);
    f[k++] = sx_f2(22, s0.p, b0.p);
    f[k++] = sx_f2(23, b0.p, b1.p);
    f[k++] = sx_f4(24, s1.w, s1.p, s0.w, s0.p);
    f[k++] = sx_f2(25, s1.w, s0.w);
    f[k++] = sx_f2(26, s1.p, s0.p);
    /* triples */
    f[k++] = sx_f3(29, b0.p, b1.p, b2.p);
    f[k++] = sx_f3(30, s0.p, b0.p, b1.p);
    f[k++] = sx_f3(31, s1.p, s0.p, b0.p);
    f[k++] = sx_f3(32, s2.p, s1.p, s0.p);
    f[k++] = sx_f3(33, s0.p, s0l.p, b0.p);
    f[k++] = sx_f3(34, s0.p, s0r.p, b0.p);
    f[k++] = sx_f3(35, s0.p, b0.p, b0l.p);
    f[k++] = sx_f3(36, s1.p, s1r.p, s0.p);
    /* distance */
    f[k++] = sx_f2(38, s0.p, d);
    f[k++] = sx_f2(40, b0.p, d);
    f[k++] = sx_f3(42, s0.p, b0.p, d);
    f[k++] = sx_f3(43, s1.p, s0.p, d1);
    /* valency */
    f[k++] = sx_f2(46, s0.p, n0->nr);
    f[k++] = sx_f2(48, s0.p, n0->nl);
    f[k++] = sx_f2(50, b0.p, nb->nl);
    /* children */
    f[k++] = sx_f1(51, s0l.w);
    f[k++] = sx_f1(52, s0l.p);
    f[k++] = sx_f1(53, s0l.l);
    f[k++] = sx_f1(54, s0r.w);
    f[k++] = sx_f1(55, s0r.p);
    f[k++] = sx_f1(56, s0r.l);
    f[k++] = sx_f1(57, b0l.w);
    f[k++] = sx_f1(58, b0l.p);
    f[k++] = sx_f1(59, b0l.l);
    f[k++] = sx_f2(60, s1l.p, s1l.l);
    f[k++] = sx_f2(61, s1r.p, s1r.l);
    /* third order */
    f[k++] = sx_f2(62, s0l2.p, s0l2.l);
    f[k++] = sx_f2(63, s0r2.p, s0r2.l);
    f[k++] = sx_f2(64, b0l2.p, b0l2.l);
    f[k++] = sx_f3(65, s0.p, s0l.p, s0l2.p);
    f[k++] = sx_f3(66, s0.p, s0r.p, s0r2.p);
    f[k++] = sx_f3(67, b0.p, b0l.p, b0l2.p);
    /* label sets */
    f[k++] = sx_f3(68, s0.p, n0->lset, n0->rset);
    f[k++] = sx_f2(70, b0.p, nb->lset);
    /* s1 against b0 as the head of s0, and more context */
    f[k++] = sx_f2(72, s1.w, b0.w);
    f[k++] = sx_f2(73, s1.p, b0.p);
    f[k++] = sx_f3(74, s1.p, s0.w, b0.p);
    f[k++] = sx_f3(75, s1.w, s0.p, b0.p);
    f[k++] = sx_f3(76, s1.p, s0.p, b0.w);
    f[k++] = sx_f2(77, b0.w, b1.p);
    f[k++] = sx_f2(78, b0.p, b1.w);
    f[k++] = sx_f2(79, s2.w, s2.p);
    f[k++] = sx_f3(80, s0l.w, s0l.l, s0.p);
    f[k++] = sx_f3(81, s0r.w, s0r.l, s0.p);
    f[k++] = sx_f3(82, b0l.w, b0l.l, b0.p);
    f[k++] = sx_f3(83, s1.p, s0.p, b0.p ^ (uint64_t)d << 32);
    /* attachment of a phrase by its marker: s0l is "with" */
    f[k++] = sx_f2(92, s1.w, s0l.w);
    f[k++] = sx_f3(93, s1.p, s0l.w, s0.p);
    f[k++] = sx_f3(94, s1.w, s0l.w, s0.w);
    f[k++] = sx_f3(95, s1.p, s0l.w, s0.w);
    f[k++] = sx_f3(96, b0.p, s0l.w, s0.p);
    f[k++] = sx_f3(97, s2.p, s1.p, s0l.w);
    /* semantic classes */
    f[k++] = sx_f3(101, s1.c, s0l.w, s0.c);
    f[k++] = sx_f3(104, s1.p, s0l.w, s0.c);
    f[k++] = sx_f3(105, s1.c, s0l.w, s0.p);
}

void sx_label_feats(const sx_state *s, const sx_tok *toks, int h, int d, uint64_t *f) {
    const sx_node *hn = &s->node[h], *dn = &s->node[d];
    pos hp = at(s, toks, h), dp = at(s, toks, d);
    pos dl = at(s, toks, dn->l1), dl2 = at(s, toks, dn->l2), dr = at(s, toks, dn->r1);
    pos hl = at(s, toks, hn->l1), hr = at(s, toks, hn->r1);
    pos dm1 = at(s, toks, d - 1), dp1 = at(s, toks, d + 1 <= s->n ? d + 1 : -1);
    pos hm1 = at(s, toks, h - 1), hp1 = at(s, toks, h + 1 <= s->n ? h + 1 : -1);
    uint64_t dir = d < h ? 1 : 2, dist = dist_bucket(h - d) | dir << 4;
    int k = 0;
    f[k++] = sx_f1(0, dir);
    f[k++] = sx_f1(1, dp.w);
    f[k++] = sx_f2(2, dp.p, dir);
    f[k++] = sx_f3(3, dp.w, dp.p, dir);
    f[k++] = sx_f1(4, hp.w);
    f[k++] = sx_f1(5, hp.p);
    f[k++] = sx_f2(6, hp.w, hp.p);
    f[k++] = sx_f3(7, dp.p, hp.p, dist);
    f[k++] = sx_f3(8, dp.w, hp.p, dir);
    f[k++] = sx_f3(9, dp.p, hp.w, dir);
    f[k++] = sx_f3(10, dp.w, hp.w, dir);
    f[k++] = sx_f2(11, dp.p, dn->lset);
    f[k++] = sx_f2(12, dp.p, dn->rset);
    f[k++] = sx_f3(13, dl.w, dp.p, hp.p);
    f[k++] = sx_f3(14, dl.p, dl.l, dp.p);
    f[k++] = sx_f3(15, dl2.w, dl2.l, dp.p);
    f[k++] = sx_f3(16, dr.p, dr.l, dp.p);
    f[k++] = sx_f3(17, hp.p, hn->lset, dir);
    f[k++] = sx_f3(18, hp.p, hn->rset, dir);
    f[k++] = sx_f3(19, hl.l, hp.p, dir);
    f[k++] = sx_f3(20, hr.l, hp.p, dir);
    f[k++] = sx_f3(21, dm1.p, dp.p, hp.p);
    f[k++] = sx_f3(22, dp1.p, dp.p, hp.p);
    f[k++] = sx_f3(23, hm1.p, hp.p, dp.p);
    f[k++] = sx_f3(24, hp1.p, hp.p, dp.p);
    f[k++] = sx_f4(25, dl.w, dp.p, hp.w, dir);
    f[k++] = sx_f3(26, hp.w, hn->lset, dir);
    f[k++] = sx_f2(27, dp.w, dn->lset);
    f[k++] = sx_f3(28, dp.p, hp.p, (uint64_t)(toks[d - 1].flags & (SX_TF_UPPER | SX_TF_FIRST)));
    f[k++] = sx_f3(29, dl.w, dl2.w, dp.p);
    f[k++] = sx_f4(30, dp.p, hp.p, hn->nl, hn->nr);
    f[k++] = sx_f4(31, dp.p, hp.p, dn->nl, dn->nr);
    if (SX_LABEL_NFEAT > 32) {
        f[k++] = sx_f3(32, hp.c, dl.w, dp.c);
        f[k++] = sx_f3(33, dp.c, dp.p, dir);
        f[k++] = sx_f3(34, hp.c, dp.p, dir);
    }
}
