/*
 * find.c — the places of a sentence: candidate names, cues, resolution.
 *
 * HOW IT WORKS
 *  1. Names: from each capitalized token, the longest run of tokens whose
 *     match key (fold.c) the gazetteer knows; hyphen tokens are skipped
 *     inside a name, other punctuation ends it.
 *  2. Filters: a name inside or across an actor mention of a person or an
 *     organization is no place; one with capitalized neighbours is part of
 *     a longer name ("Washington Post", "Paris Agreement"); calendar words
 *     and, in parsed sentences, words not tagged as nouns are skipped.
 *  3. Cues: a preposition before it (skipping "the" and adjectives: "in
 *     eastern Ukraine"), a case dependent in the parse, "the city/region of
 *     X", "X region", a coordinated name inheriting the cue of the one
 *     before ("the regions of Donetsk, Luhansk and Kherson"), a qualifier
 *     after a comma ("Paris, Texas"), or the dateline. Country names and
 *     capitals that are actor mentions, and names flagged weak, are places
 *     only with a cue.
 *  4. Resolution: each candidate entry scores a prior (log10 population,
 *     +1 for a country; a subdivision loses to a city of the same name and
 *     country unless a region cue says otherwise; +20 when the qualifier
 *     contains it) plus context: +3 the same entry named before, +2.5/+1.5
 *     its country among the sentence's/document's actor countries and
 *     places, +3/+2 a place of the sentence/document in the same
 *     subdivision, and up to +2 for nearness (2 exp(-km/800)) to the places
 *     named. Two passes: the second sees the sentence's other places as
 *     resolved by the first.
 *
 * LIMITATIONS: context only looks back (and at the dateline); a place that
 * is not in the gazetteer (villages, landmarks without an alias) is not
 * found; without a parse, cues come from the surface only.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "places/places.h"
#include "syntax/syntax.h"

#define MAX_CAND 64
#define MAX_WORDS 8

/* ---- words ----------------------------------------------------------------- */

static int weq(const pl_token *t, const char *w) {
    const char *a = t->form;
    for (; *a && *w; a++, w++) {
        char c = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        if (c != *w)
            return 0;
    }
    return *a == 0 && *w == 0;
}

static int win(const pl_token *t, const char *const *list) {
    for (; *list; list++)
        if (weq(t, *list))
            return 1;
    return 0;
}

static const char *const loc_preps[] = {
    "in", "at", "near", "from", "to", "into", "across", "throughout", "outside", "inside", "around",
    "within", "toward", "towards", "via", "through", "along", "beyond", "onto", "over", "off",
    "nearby", "en", NULL};

static const char *const calendar[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
    "sept.", "oct.", "nov.", "dec.", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", NULL};

/* Capitalized words that may stand before a place without being part of its name. */
static const char *const function_words[] = {
    "in", "at", "from", "to", "near", "the", "and", "but", "for", "on", "with", "by", "after",
    "before", "during", "across", "outside", "inside", "since", "until", "via", "toward",
    "towards", "through", "throughout", "despite", "over", "under", "between", "while", "as",
    "when", "where", "if", "meanwhile", "both", "even", "only", "also", "a", "an", "of", "into",
    "around", "within", "against", "among", "amid", "beyond", "like", "unlike", "than", "then",
    "now", "yet", "so", "or", "nor", "although", "though", "because", "once", "later", "earlier",
    "today", "yesterday", "tomorrow", "here", "there", "this", "that", "these", "those", "it",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "its", "my", "your",
    "all", "some", "many", "most", "every", "each", "no", "not", "what", "which", "who", "how",
    "why", "whether", "about", "above", "below", "upon", "back", "said", "says", "says:", NULL};

/* Words between a preposition and a place: "in the eastern city of". */
static const char *const descriptors[] = {
    "the", "a", "an", "eastern", "western", "northern", "southern", "central", "northeastern",
    "northwestern", "southeastern", "southwestern", "occupied", "embattled", "besieged",
    "war-torn", "frontline", "front-line", "neighbouring", "neighboring", "nearby", "downtown",
    "rural", "coastal", "southeast", "northeast", "southwest", "northwest", "annexed", "key",
    "strategic", "port", "capital", "disputed", "breakaway", "rebel-held", "russian-occupied",
    "russian-held", "ukrainian-held", "mainland", "greater", NULL};

/* Verbs whose object is a place: "fled Khartoum", "visited Moscow". */
static const char *const place_verbs[] = {
    "fled", "flee", "fleeing", "flees", "left", "leave", "leaving", "entered", "enter", "entering",
    "reached", "reach", "reaching", "visited", "visit", "visiting", "visits", "toured", "shelled",
    "shelling", "bombed", "bombing", "captured", "capture", "recaptured", "liberated", "evacuated",
    "besieged", "encircled", "stormed", "raided", "invaded", "invade", "occupied", "seized",
    "retook", "annexed", NULL};

/* Nouns X in "the X of PLACE". */
static const char *const place_nouns[] = {
    "city", "town", "village", "capital", "port", "suburb", "suburbs", "outskirts", "center",
    "centre", "streets", "area", "district", "region", "regions", "province", "provinces", "state",
    "states", "county", "oblast", "oblasts", "governorate", "governorates", "prefecture",
    "territory", "territories", "republic", "island", "islands", "municipality", "enclave",
    "heart", "residents", "people", "citizens", "inhabitants", "mayor", "governor", "governors",
    "people", "parts", "north", "south", "east", "west", "rest", NULL};

static const char *const admin_nouns[] = {
    "region", "regions", "province", "provinces", "state", "states", "oblast", "oblasts",
    "governorate", "governorates", "prefecture", "county", "territory", "territories", "governor",
    "governors", NULL};

static int has_alnum(const char *s) {
    for (; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            (unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

static int all_caps(const char *s) {
    int n = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return 0;
        if (*s >= 'A' && *s <= 'Z')
            n++;
    }
    return n >= 2;
}

static int hyphen(const pl_token *t) {
    return strcmp(t->form, "-") == 0 || strcmp(t->form, "\xe2\x80\x90") == 0 ||
           strcmp(t->form, "\xe2\x80\x91") == 0;
}

static int capitalized(const pl_token *t) {
    return plc_upper_initial(t->form, strlen(t->form));
}

static int parsed(const pl_sentence *s) {
    return s->ntok > 0 && s->tok[0].upos != PL_UPOS_NONE;
}

static int lower_initial(const pl_token *t) {
    return t->form[0] >= 'a' && t->form[0] <= 'z';
}

/* ---- context --------------------------------------------------------------- */

static void push_unique(int32_t *list, uint32_t *n, int32_t v) {
    if (v < 0)
        return;
    uint32_t have = *n < PLC_CTX_MAX ? *n : PLC_CTX_MAX;
    for (uint32_t i = 0; i < have; i++)
        if (list[i] == v)
            return;
    list[*n % PLC_CTX_MAX] = v;
    (*n)++;
}

static int in_list(const int32_t *list, uint32_t n, int32_t v) {
    uint32_t have = n < PLC_CTX_MAX ? n : PLC_CTX_MAX;
    for (uint32_t i = 0; i < have; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

/* The context a candidate is scored against. */
typedef struct ctxset {
    const int32_t *sp;      /* sentence places (entries) */
    uint32_t nsp;
    uint32_t start, end;    /* the name's tokens: its own actor mention is no context */
} ctxset;

static float context_score(const pl_placer *pc, int32_t id, const ctxset *cs) {
    const pl_places *g = pc->g;
    const plc_entry *e = &g->e[id];
    float sc = 0;
    uint32_t ndoc = pc->ndoc < PLC_CTX_MAX ? pc->ndoc : PLC_CTX_MAX;
    /* the same place named before: one sense per document */
    int same = in_list(pc->doc_places, pc->ndoc, id);
    for (uint32_t i = 0; i < cs->nsp && !same; i++)
        same = cs->sp[i] == id;
    if (same)
        sc += 3.0f;
    /* its country: an actor of the sentence, a place of the sentence, the document */
    /* its country */
    int actor_country = 0;
    for (uint32_t i = 0; i < pc->nsc && i < PLC_CTX_MAX; i++)
        if (pc->sent_countries[i] == e->country &&
            (pc->sc_end[i] <= cs->start || pc->sc_start[i] >= cs->end))
            actor_country = 1;
    int place_country = 0;
    for (uint32_t i = 0; i < cs->nsp && !place_country; i++)
        place_country = g->e[cs->sp[i]].country == e->country;
    int doc_country = in_list(pc->doc_countries, pc->ndocc, e->country);
    if (pc->dl_entry >= 0 && g->e[pc->dl_entry].country == e->country)
        doc_country = 1;
    sc += actor_country ? 1.5f : (place_country || doc_country) ? 1.0f : 0.0f;
    /* its subdivision, and nearness */
    float reg = 0, near = 0;
    for (int pass = 0; pass < 3; pass++) {
        uint32_t n = pass == 0 ? cs->nsp : pass == 1 ? ndoc : (pc->dl_entry >= 0);
        for (uint32_t i = 0; i < n; i++) {
            int32_t o = pass == 0 ? cs->sp[i] : pass == 1 ? pc->doc_places[i] : pc->dl_entry;
            if (o == id)
                continue;
            const plc_entry *x = &g->e[o];
            if (e->region >= 0 && x->region == e->region)
                reg = fmaxf(reg, pass == 0 ? 2.5f : 1.5f);
            if (x->kind != PLC_COUNTRY && e->kind != PLC_COUNTRY) {
                double km = plc_km(e->lat, e->lon, x->lat, x->lon);
                near = fmaxf(near, (float)(2.0 * exp(-km / 500.0)));
            }
        }
    }
    return sc + reg + near;
}

/* ---- candidates -------------------------------------------------------------- */

static int contained(const pl_places *g, int32_t id, int32_t in) {
    const plc_entry *e = &g->e[id], *q = &g->e[in];
    if (id == in)
        return 0;
    if (q->kind == PLC_COUNTRY)
        return e->country == in;
    if (q->kind == PLC_REGION)
        return e->region == in && e->kind == PLC_CITY;
    return 0;
}

static float prior(const plc_entry *e) {
    float p = log10f((float)(e->pop > 1000 ? e->pop : 1000));
    if (e->kind == PLC_COUNTRY)
        p += 1.0f;
    return p;
}

/* Fills cand[0..n) from name nm: prior scores with the span's cues. */
static size_t gather(const pl_places *g, const plc_name *nm, int region_cue, int dateline,
                     int32_t qual, plc_cand *cand, size_t cap) {
    size_t n = 0;
    for (int32_t p = nm->head; p >= 0; p = g->posts[p].next) {
        if (g->posts[p].flags & PLC_P_QUALIFIER)
            continue;
        int32_t id = g->posts[p].entry;
        plc_cand c = {id, prior(&g->e[id]), 0};
        if (n < cap) {
            cand[n++] = c;
        } else { /* keep the most populous */
            size_t worst = 0;
            for (size_t k = 1; k < n; k++)
                if (cand[k].base < cand[worst].base)
                    worst = k;
            if (cand[worst].base < c.base)
                cand[worst] = c;
        }
    }
    for (size_t k = 0; k < n; k++) {
        const plc_entry *e = &g->e[cand[k].entry];
        if (e->kind == PLC_REGION) {
            int country_too = 0; /* "Taiwan": the country, not its region of that name */
            for (size_t j = 0; j < n; j++)
                country_too |= cand[j].entry == e->country;
            if (country_too) {
                cand[k].base -= 10.0f;
            } else if (region_cue) {
                cand[k].base += 3.0f;
            } else {
                for (size_t j = 0; j < n; j++)
                    if (g->e[cand[j].entry].kind == PLC_CITY &&
                        g->e[cand[j].entry].country == e->country) {
                        cand[k].base -= 2.0f;
                        break;
                    }
            }
        } else if (e->kind == PLC_CITY && dateline) {
            cand[k].base += 1.0f;
        }
        if (qual >= 0 && contained(g, cand[k].entry, qual))
            cand[k].base += 20.0f;
    }
    return n;
}

static size_t argmax(const plc_cand *c, size_t n, int total) {
    size_t b = 0;
    for (size_t k = 1; k < n; k++) {
        float x = total ? c[k].total : c[k].base, y = total ? c[b].total : c[b].base;
        if (x > y)
            b = k;
    }
    return b;
}

static uint8_t why_of(const pl_places *g, const plc_cand *c, size_t n, size_t best, int32_t qual) {
    if (n == 1)
        return PL_WHY_ONLY;
    if (qual >= 0 && contained(g, c[best].entry, qual))
        return PL_WHY_QUALIFIER;
    return argmax(c, n, 0) != best ? PL_WHY_CONTEXT : PL_WHY_POPULATION;
}

/* ---- datelines --------------------------------------------------------------- */

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
    "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", NULL};

/* Length of a month name at p (followed by a space), 0 when none. */
static size_t month_at(const char *p, const char *end) {
    for (const char *const *m = months; *m; m++) {
        size_t n = strlen(*m);
        if ((size_t)(end - p) > n && strncmp(p, *m, n) == 0 && p[n] == ' ')
            return n;
    }
    return 0;
}

/* A dash at p ("-", "--", en or em dash): its length, 0 when none. */
static size_t dash_at(const char *p, const char *end) {
    if (p < end && *p == '-')
        return p + 1 < end && p[1] == '-' ? 2 : 1;
    if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
        return 3;
    return 0;
}

/* Capitalized words: "KYIV", "St. Louis", "N'DJAMENA", "Tex."; returns the
 * end, p when none. *caps is cleared when a lower-case letter is seen. */
static const char *cap_words(const char *p, const char *end, int maxw, int *caps) {
    const char *q = p, *last = p;
    for (int w = 0; w < maxw && q < end; w++) {
        if (!(plc_upper_initial(q, (size_t)(end - q)) && (*q >= 'A' && *q <= 'Z')) &&
            !((unsigned char)*q >= 0x80 && plc_upper_initial(q, (size_t)(end - q))))
            break;
        if (month_at(q, end) && w > 0)
            break;
        const char *r = q;
        while (r < end && ((*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z') || *r == '.' ||
                           *r == '\'' || *r == '-' || (unsigned char)*r >= 0x80)) {
            if (*r >= 'a' && *r <= 'z')
                *caps = 0;
            r++;
        }
        if (r - q > 40)
            break;
        last = r;
        if (r < end && *r == ' ' && r + 1 < end && r[1] >= 'A' && r[1] <= 'Z')
            q = r + 1;
        else
            break;
    }
    return last;
}

/* Spaces, then an agency "(Reuters)", then spaces and a dash: the end. */
static const char *dateline_tail(const char *p, const char *end) {
    while (p < end && *p == ' ')
        p++;
    if (p < end && *p == '(') {
        const char *c = memchr(p, ')', (size_t)(end - p) < 40 ? (size_t)(end - p) : 40);
        if (!c)
            return NULL;
        p = c + 1;
        while (p < end && *p == ' ')
            p++;
    }
    size_t d = dash_at(p, end);
    return d ? p + d : NULL;
}

/* Parses a dateline at the start of line [p, end): "KYIV, May 16 (Reuters)
 * -", "CAIRO, March 4 -", "WASHINGTON (AP) —", "PARIS, Texas, May 3 -". */
static int parse_dateline(const char *p, const char *end, const char **name, size_t *nlen,
                          const char **qual, size_t *qlen) {
    int caps = 1;
    const char *ne = cap_words(p, end, 5, &caps);
    if (ne == p)
        return 0;
    *name = p;
    *nlen = (size_t)(ne - p);
    *qual = NULL;
    *qlen = 0;
    const char *q = ne;
    if (end - q > 2 && q[0] == ',' && q[1] == ' ') {
        q += 2;
        if (!month_at(q, end)) {
            int c2 = 1;
            const char *qe = cap_words(q, end, 3, &c2);
            if (qe == q || end - qe < 2 || qe[0] != ',' || qe[1] != ' ')
                return 0;
            *qual = q;
            *qlen = (size_t)(qe - q);
            q = qe + 2;
        }
        size_t m = month_at(q, end);
        if (!m)
            return 0;
        q += m + 1;
        int digits = 0;
        while (q < end && *q >= '0' && *q <= '9' && digits < 3) {
            q++;
            digits++;
        }
        if (digits == 0 || digits > 2)
            return 0;
        if (end - q > 6 && q[0] == ',' && q[1] == ' ' && q[2] >= '1' && q[2] <= '2')
            q += 6; /* ", 2025" */
        return dateline_tail(q, end) != NULL;
    }
    if (q < end && *q == ' ' && q + 1 < end && q[1] == '(')
        return dateline_tail(q, end) != NULL;
    if (caps && *nlen >= 2 && q < end && *q == ' ' && dash_at(q + 1, end))
        return 1;
    return 0;
}

static void find_dateline(pl_placer *pc, const pl_doc *doc) {
    const pl_places *g = pc->g;
    pc->dl_known = 1;
    pc->dl_entry = -1;
    size_t dlen = pl_doc_len(doc);
    const char *text = pl_doc_text(doc), *end = text + (dlen < 8192 ? dlen : 8192);
    const char *p = text;
    for (int lines = 0; lines < 3 && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *ls = p;
        while (ls < le && (*ls == ' ' || *ls == '\t'))
            ls++;
        if (le - ls >= 3 && (unsigned char)ls[0] == 0xEF && (unsigned char)ls[1] == 0xBB)
            ls += 3; /* byte order mark */
        p = nl ? nl + 1 : end;
        if (ls == le)
            continue;
        lines++;
        const char *name, *qual;
        size_t nlen, qlen;
        if (!parse_dateline(ls, le, &name, &nlen, &qual, &qlen))
            continue;
        char key[PLC_KEY_MAX];
        size_t klen = 0;
        key[0] = 0;
        if (plc_fold(name, nlen, key, sizeof key, &klen) || !klen)
            return;
        const plc_name *nm = plc_find(g, key, klen);
        if (!nm || nm->head < 0 || (nm->flags & PLC_N_DROP))
            return;
        int32_t qid = -1;
        if (qual) {
            klen = 0;
            key[0] = 0;
            const plc_name *qn = NULL;
            if (!plc_fold(qual, qlen, key, sizeof key, &klen) && klen)
                qn = plc_find(g, key, klen);
            for (int32_t k = qn ? qn->head : -1; k >= 0 && qid < 0; k = g->posts[k].next)
                if (g->e[g->posts[k].entry].kind != PLC_CITY)
                    qid = g->posts[k].entry;
        }
        size_t n = gather(g, nm, 0, 1, qid, pc->dl_cand, sizeof pc->dl_cand / sizeof pc->dl_cand[0]);
        if (!n)
            return;
        for (size_t k = 0; k < n; k++)
            pc->dl_cand[k].total = pc->dl_cand[k].base;
        size_t b = argmax(pc->dl_cand, n, 1);
        pc->dl_entry = pc->dl_cand[b].entry;
        pc->dl_nc = (uint32_t)n;
        pc->dl_off = (uint32_t)(name - text);
        pc->dl_len = (uint32_t)nlen;
        pc->dl_end = qual ? (uint32_t)(qual + qlen - text) : pc->dl_off + pc->dl_len;
        plc_geo(g, pc->dl_entry, &pc->dl_geo);
        pc->dl_geo.how = PL_LOC_DATELINE;
        pc->dl_geo.why = why_of(g, pc->dl_cand, n, b, qid);
        pc->dl_geo.ncand = (uint8_t)(n > 255 ? 255 : n);
        pc->dl_geo.off = pc->dl_off;
        pc->dl_geo.len = pc->dl_len;
        return;
    }
}

/* ---- the sentence -------------------------------------------------------------- */

static void reset(pl_placer *pc, const pl_doc *doc) {
    pc->doc = doc;
    pc->last_index = -1;
    pc->dl_known = 0;
    pc->dl_entry = -1;
    pc->ndoc = pc->ndocc = 0;
    pc->last.n = 0;
}

/* Longest gazetteer name starting at token i (capitalized); its end in
 * *end, NULL when none. */
static const plc_name *match_at(const pl_places *g, const pl_sentence *s, uint32_t i, uint32_t *end) {
    char key[PLC_KEY_MAX];
    size_t klen = 0;
    const plc_name *best = NULL;
    key[0] = 0;
    for (uint32_t j = i, words = 0; j < s->ntok && words < MAX_WORDS; j++) {
        const pl_token *u = &s->tok[j];
        if (!has_alnum(u->form)) {
            if (j > i && hyphen(u))
                continue;
            break;
        }
        size_t save = klen;
        if (klen) {
            if (klen + 1 >= sizeof key)
                break;
            key[klen++] = ' ';
            key[klen] = 0;
        }
        size_t before = klen;
        if (plc_fold(u->form, strlen(u->form), key, sizeof key, &klen) || klen <= before) {
            klen = save;
            key[klen] = 0;
            break;
        }
        words++;
        const plc_name *nm = plc_find(g, key, klen);
        if (!nm)
            break;
        if (nm->head >= 0 && capitalized(u)) {
            best = nm;
            *end = j + 1;
        }
        if (!(nm->flags & PLC_N_PREFIX))
            break;
    }
    return best;
}

/* Mentions and a span: 0 no conflict, 1 an actor country or capital named
 * exactly so, -1 a person, organization or a larger actor name. */
static int mention_overlap(const pl_mentions *ms, uint32_t i, uint32_t e) {
    int r = 0;
    for (size_t k = 0; ms && k < ms->n; k++) {
        const pl_mention *m = &ms->m[k];
        if (m->end <= i || m->start >= e)
            continue;
        if (m->start == i && m->end == e) {
            if (m->type == PL_ACTOR_COUNTRY || m->type == PL_ACTOR_CAPITAL)
                r = r < 0 ? r : 1;
            else
                return -1;
        } else if (m->start <= i && m->end >= e) {
            /* "residents of Kyiv", "the mayor of Rome": a role of the
             * place, which stays a place (with a cue); any other longer
             * actor name ("Paris Saint-Germain") is not one */
            if (m->type == PL_ACTOR_ROLE)
                r = r < 0 ? r : 1;
            else
                return -1;
        } else if (m->start >= i && m->end <= e) {
            continue; /* the place is the longer name */
        } else {
            return -1; /* crossing */
        }
    }
    return r;
}

static int mention_covers(const pl_mentions *ms, uint32_t j, int type) {
    for (size_t k = 0; ms && k < ms->n; k++)
        if (ms->m[k].start <= j && ms->m[k].end > j && ms->m[k].type == type)
            return 1;
    return 0;
}

/* A capitalized word next to a name, making it part of a longer one. */
static int name_word(const pl_sentence *s, const pl_mentions *ms, uint32_t j) {
    const pl_token *t = &s->tok[j];
    if (!capitalized(t) || !has_alnum(t->form) || win(t, calendar) || win(t, function_words))
        return 0;
    if (mention_covers(ms, j, PL_ACTOR_COUNTRY)) /* "Ukrainian Kharkiv", "Russian-held" */
        return 0;
    /* Mid-sentence, a capitalized word is a name whatever its tag
     * ("Manchester United"); first in the sentence, trust the tagger. */
    if (j == 0 && t->upos != PL_UPOS_NONE && t->upos != PL_UPOS_PROPN && t->upos != PL_UPOS_NOUN &&
        t->upos != PL_UPOS_X)
        return 0;
    return 1;
}

/* The token of [i, e) whose head lies outside it; -1 when unparsed. */
static int span_head(const pl_sentence *s, uint32_t i, uint32_t e) {
    for (uint32_t k = i; k < e; k++) {
        int32_t h = s->tok[k].head;
        if (h < 0)
            return -1;
        if (h == 0 || (uint32_t)(h - 1) < i || (uint32_t)(h - 1) >= e)
            return (int)k;
    }
    return (int)e - 1;
}

/* A locative case dependent of token k (or of the head k conjoins with). */
static const pl_token *case_prep(const pl_sentence *s, int k) {
    for (int hop = 0; hop < 3 && k >= 0; hop++) {
        for (uint32_t c = 0; c < s->ntok; c++)
            if (s->tok[c].head == k + 1 && s->tok[c].deprel == PL_DEP_CASE && win(&s->tok[c], loc_preps))
                return &s->tok[c];
        if (s->tok[k].deprel != PL_DEP_CONJ || s->tok[k].head <= 0)
            break;
        k = s->tok[k].head - 1;
    }
    return NULL;
}

static void set_prep(plc_span *sp, const pl_token *t) {
    size_t n = strlen(t->form);
    if (n >= sizeof sp->prep)
        n = sizeof sp->prep - 1;
    for (size_t i = 0; i < n; i++)
        sp->prep[i] = t->form[i] >= 'A' && t->form[i] <= 'Z' ? (char)(t->form[i] - 'A' + 'a') : t->form[i];
    sp->prep[n] = 0;
}

static void find_cue(const pl_sentence *s, const pl_mentions *ms, plc_span *sp, const plc_span *prev) {
    uint32_t i = sp->start;
    /* a preposition, skipping determiners and adjectives */
    int j = (int)i - 1;
    for (int skipped = 0; j >= 0 && skipped < 4; skipped++, j--) {
        const pl_token *t = &s->tok[j];
        int adj = lower_initial(t) && (t->upos == PL_UPOS_ADJ || t->upos == PL_UPOS_DET ||
                                       t->upos == PL_UPOS_NUM);
        if (win(t, descriptors) || adj || mention_covers(ms, (uint32_t)j, PL_ACTOR_COUNTRY))
            continue;
        break;
    }
    if (j >= 0 && (int)i - j <= 2 && win(&s->tok[j], place_verbs) &&
        (s->tok[j].upos == PL_UPOS_NONE || s->tok[j].upos == PL_UPOS_VERB)) {
        sp->cue = PL_CUE_VERB;
        set_prep(sp, &s->tok[j]);
    }
    if (j >= 0 && win(&s->tok[j], loc_preps) &&
        (s->tok[j].upos == PL_UPOS_NONE || s->tok[j].upos == PL_UPOS_ADP ||
         s->tok[j].upos == PL_UPOS_PART || s->tok[j].upos == PL_UPOS_ADV)) {
        sp->cue = PL_CUE_PREP;
        set_prep(sp, &s->tok[j]);
    }
    /* "the city of X", "the regions of X" */
    if (i >= 2 && weq(&s->tok[i - 1], "of") && win(&s->tok[i - 2], place_nouns)) {
        if (!sp->cue)
            sp->cue = PL_CUE_NOUN;
        if (win(&s->tok[i - 2], admin_nouns))
            sp->region_cue = 1;
    }
    if ((i >= 1 && weq(&s->tok[i - 1], "capital")) ||
        (i >= 2 && strcmp(s->tok[i - 1].form, ",") == 0 && weq(&s->tok[i - 2], "capital")))
        if (!sp->cue)
            sp->cue = PL_CUE_NOUN;
    /* "X region", "X oblast" */
    if (sp->nend < s->ntok && win(&s->tok[sp->nend], admin_nouns) && lower_initial(&s->tok[sp->nend])) {
        sp->region_cue = 1;
        if (!sp->cue)
            sp->cue = PL_CUE_NOUN;
    }
    /* the parse: a case dependent */
    if (!sp->cue) {
        int k = span_head(s, sp->start, sp->nend);
        const pl_token *c = k >= 0 ? case_prep(s, k) : NULL;
        if (c) {
            sp->cue = PL_CUE_PREP;
            set_prep(sp, c);
        }
    }
    /* a conjunct of the previous place: "the regions of Donetsk, Luhansk and Kherson" */
    if (prev && prev->keep && prev->cue && prev->cue != PL_CUE_DATELINE && prev->end <= i &&
        i - prev->end <= 2) {
        int ok = 1;
        for (uint32_t k = prev->end; k < i; k++)
            if (!(strcmp(s->tok[k].form, ",") == 0 || weq(&s->tok[k], "and") || weq(&s->tok[k], "or")))
                ok = 0;
        if (ok && i > prev->end) {
            if (!sp->cue) {
                sp->cue = prev->cue;
                memcpy(sp->prep, prev->prep, sizeof sp->prep);
            }
            sp->region_cue |= prev->region_cue;
        }
    }
}

/* "Paris, Texas" / "Paris (Texas)": the qualifier entry containing one of
 * nm's entries; sets *qend. -1 when none. */
static int32_t qualifier(const pl_places *g, const pl_sentence *s, uint32_t e, const plc_name *nm,
                         uint32_t *qend) {
    if (e + 1 >= s->ntok)
        return -1;
    int paren = strcmp(s->tok[e].form, "(") == 0;
    if (!paren && strcmp(s->tok[e].form, ",") != 0)
        return -1;
    uint32_t qe;
    const plc_name *qn = capitalized(&s->tok[e + 1]) ? match_at(g, s, e + 1, &qe) : NULL;
    if (!qn || (qn->flags & PLC_N_DROP))
        return -1;
    if (paren && (qe >= s->ntok || strcmp(s->tok[qe].form, ")") != 0))
        return -1;
    if (!paren && qe < s->ntok && (weq(&s->tok[qe], "and") || weq(&s->tok[qe], "or")))
        return -1; /* a list: "Sloviansk, Donetsk and Luhansk" */
    for (int32_t q = qn->head; q >= 0; q = g->posts[q].next) {
        int32_t qid = g->posts[q].entry;
        if (g->e[qid].kind == PLC_CITY)
            continue;
        for (int32_t p = nm->head; p >= 0; p = g->posts[p].next)
            if (!(g->posts[p].flags & PLC_P_QUALIFIER) && contained(g, g->posts[p].entry, qid)) {
                *qend = paren ? qe + 1 : qe;
                return qid;
            }
    }
    return -1;
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap)
        return PL_OK;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return PL_ENOMEM;
    *p = q;
    *cap = c;
    return PL_OK;
}

/* Resolves every kept span; pass 2 sees the others' pass-1 choices. */
static void resolve(pl_placer *pc, uint32_t sentence) {
    const pl_places *g = pc->g;
    int32_t sp_ent[PLC_CTX_MAX];
    for (int pass = 0; pass < 2; pass++) {
        for (size_t a = 0; a < pc->nspans; a++) {
            plc_span *sp = &pc->spans[a];
            if (!sp->keep || sp->cue == PL_CUE_DATELINE)
                continue;
            uint32_t n = 0;
            for (size_t b = 0; b < pc->nspans && n < PLC_CTX_MAX; b++) {
                const plc_span *o = &pc->spans[b];
                if (b == a || !o->keep)
                    continue;
                if (pass == 0 && o->nc != 1 && o->cue != PL_CUE_DATELINE)
                    continue;
                sp_ent[n++] = pass == 0 && o->cue != PL_CUE_DATELINE ? pc->cand[o->c0].entry : o->best;
            }
            ctxset cs = {sp_ent, n, sp->start, sp->nend};
            plc_cand *c = &pc->cand[sp->c0];
            for (uint32_t k = 0; k < sp->nc; k++)
                c[k].total = c[k].base + context_score(pc, c[k].entry, &cs);
            size_t b = argmax(c, sp->nc, 1);
            sp->best = c[b].entry;
            sp->why = why_of(g, c, sp->nc, b, sp->qual);
        }
    }
    (void)sentence;
}

int plc_sentence(pl_placer *pc, const pl_doc *doc, const pl_sentence *s, const pl_mentions *ms) {
    const pl_places *g = pc->g;
    if (doc != pc->doc || (int64_t)s->index <= pc->last_index)
        reset(pc, doc);
    pc->last_index = s->index;
    if (!pc->dl_known)
        find_dateline(pc, doc);
    pc->nspans = pc->ncand = 0;
    pc->last.n = 0;
    /* actor countries of the sentence */
    pc->nsc = 0;
    for (size_t k = 0; ms && k < ms->n && pc->nsc < PLC_CTX_MAX; k++) {
        int32_t c = ms->m[k].country[0] ? plc_code(g, 4, ms->m[k].country) : -1;
        if (c < 0)
            continue;
        pc->sent_countries[pc->nsc] = c;
        pc->sc_start[pc->nsc] = ms->m[k].start;
        pc->sc_end[pc->nsc++] = ms->m[k].end;
    }
    int headline = (s->flags & PL_SENT_HEADLINE) != 0;
    int is_parsed = parsed(s);
    plc_span *prev = NULL;
    for (uint32_t i = 0; i < s->ntok;) {
        const pl_token *t = &s->tok[i];
        plc_span sp;
        memset(&sp, 0, sizeof sp);
        sp.qual = -1;
        sp.best = -1;
        sp.start = i;
        const plc_name *nm = NULL;
        int dateline = pc->dl_entry >= 0 && t->off == pc->dl_off;
        if (dateline) {
            uint32_t e = i + 1;
            while (e < s->ntok && s->tok[e].off < pc->dl_end)
                e++;
            sp.end = sp.nend = e;
            sp.cue = PL_CUE_DATELINE;
            sp.keep = 1;
            sp.best = pc->dl_entry;
            sp.why = pc->dl_geo.why;
            if (grow((void **)&pc->cand, &pc->capcand, pc->ncand + pc->dl_nc, sizeof *pc->cand))
                return PL_ENOMEM;
            sp.c0 = (uint32_t)pc->ncand;
            sp.nc = pc->dl_nc;
            memcpy(&pc->cand[pc->ncand], pc->dl_cand, pc->dl_nc * sizeof *pc->cand);
            pc->ncand += pc->dl_nc;
            pc->dl_geo.sentence = (int32_t)s->index;
        } else {
            uint32_t e = i;
            nm = capitalized(t) ? match_at(g, s, i, &e) : NULL;
            if (!nm) {
                i++;
                continue;
            }
            sp.end = sp.nend = e;
            if (nm->flags & PLC_N_DROP) {
                i = e;
                continue;
            }
            int ov = mention_overlap(ms, i, e);
            int single = e - i == 1;
            int skip = ov < 0;
            if (single && win(t, calendar))
                skip = 1;
            if (is_parsed && single && t->upos != PL_UPOS_PROPN && t->upos != PL_UPOS_NOUN &&
                t->upos != PL_UPOS_ADJ && t->upos != PL_UPOS_X)
                skip = 1;
            if (!headline && ((i > 0 && name_word(s, ms, i - 1)) || (e < s->ntok && name_word(s, ms, e))))
                skip = 1;
            if (skip) {
                i = e;
                continue;
            }
            uint32_t qend = e;
            sp.qual = qualifier(g, s, e, nm, &qend);
            if (sp.qual >= 0) {
                sp.end = qend;
                sp.cue = PL_CUE_QUALIFIED;
            }
            find_cue(s, ms, &sp, prev);
            if (sp.qual >= 0 && sp.cue != PL_CUE_PREP)
                sp.cue = PL_CUE_QUALIFIED;
            /* candidates */
            if (grow((void **)&pc->cand, &pc->capcand, pc->ncand + MAX_CAND, sizeof *pc->cand))
                return PL_ENOMEM;
            sp.c0 = (uint32_t)pc->ncand;
            sp.nc = (uint32_t)gather(g, nm, sp.region_cue, 0, sp.qual, &pc->cand[pc->ncand], MAX_CAND);
            if (sp.nc == 0) {
                i = e;
                continue;
            }
            pc->ncand += sp.nc;
            /* Without a cue, a one-word name must be a country, a
             * subdivision or a town of 50,000 (a million at the start of an
             * unparsed sentence, 100,000 in a headline), and not written in
             * capitals: "Wilson", "Most" or "BEST" are rarely places. */
            uint32_t maxpop = 0;
            int admin = 0;
            for (uint32_t k = 0; k < sp.nc; k++) {
                const plc_entry *x = &g->e[pc->cand[sp.c0 + k].entry];
                if (x->kind != PLC_CITY)
                    admin = 1;
                if (x->pop > maxpop)
                    maxpop = x->pop;
            }
            uint32_t need = headline ? 100000 : 50000;
            if (!is_parsed && (i == 0 || !has_alnum(s->tok[i - 1].form)))
                need = 1000000;
            int strong = admin || !single || maxpop >= need;
            if (single && !admin && all_caps(t->form))
                strong = 0;
            if (sp.cue)
                sp.keep = 1;
            else if (ov == 1 || (nm->flags & PLC_N_WEAK))
                sp.keep = 0;
            else
                sp.keep = (uint8_t)strong;
        }
        if (grow((void **)&pc->spans, &pc->capspans, pc->nspans + 1, sizeof *pc->spans))
            return PL_ENOMEM;
        pc->spans[pc->nspans++] = sp;
        prev = &pc->spans[pc->nspans - 1];
        i = sp.end > i ? sp.end : i + 1;
    }
    resolve(pc, s->index);
    /* the list, and the document's context */
    size_t kept = 0;
    for (size_t a = 0; a < pc->nspans; a++)
        kept += pc->spans[a].keep;
    if (grow((void **)&pc->last.p, &pc->last.cap, kept, sizeof *pc->last.p) ||
        grow((void **)&pc->last_span, &pc->cap_last_span, kept, sizeof *pc->last_span))
        return PL_ENOMEM;
    for (size_t a = 0; a < pc->nspans; a++) {
        const plc_span *sp = &pc->spans[a];
        if (!sp->keep)
            continue;
        pl_place *pl = &pc->last.p[pc->last.n];
        pc->last_span[pc->last.n++] = (uint32_t)a;
        memset(pl, 0, sizeof *pl);
        pl->start = sp->start;
        pl->end = sp->end;
        pl->cue = sp->cue;
        memcpy(pl->prep, sp->prep, sizeof pl->prep);
        plc_geo(g, sp->best, &pl->geo);
        pl->geo.why = sp->why;
        pl->geo.ncand = (uint8_t)(sp->nc > 255 ? 255 : sp->nc);
        pl->geo.sentence = (int32_t)s->index;
        pl->geo.off = s->tok[sp->start].off;
        pl->geo.len = s->tok[sp->end - 1].off + s->tok[sp->end - 1].len - pl->geo.off;
    }
    for (size_t a = 0; a < pc->nspans; a++) {
        const plc_span *sp = &pc->spans[a];
        if (!sp->keep)
            continue;
        push_unique(pc->doc_places, &pc->ndoc, sp->best);
        push_unique(pc->doc_countries, &pc->ndocc, g->e[sp->best].country);
    }
    for (uint32_t k = 0; k < pc->nsc && k < PLC_CTX_MAX; k++) {
        int place = 0; /* an actor name read as a place ("in Georgia") counts as that place */
        for (size_t a = 0; a < pc->nspans && !place; a++)
            place = pc->spans[a].keep && pc->spans[a].start < pc->sc_end[k] &&
                    pc->spans[a].nend > pc->sc_start[k];
        if (!place)
            push_unique(pc->doc_countries, &pc->ndocc, pc->sent_countries[k]);
    }
    return (int)pc->last.n;
}

int32_t plc_rerank(const pl_placer *pc, const plc_span *sp, int32_t c1, int32_t c2, uint8_t *why) {
    const plc_cand *c = &pc->cand[sp->c0];
    int32_t best = sp->best;
    float bs = -1e30f;
    for (uint32_t k = 0; k < sp->nc; k++) {
        int32_t co = pc->g->e[c[k].entry].country;
        float t = c[k].total + ((co == c1 || co == c2) && co >= 0 ? 2.5f : 0.0f);
        if (t > bs) {
            bs = t;
            best = c[k].entry;
        }
    }
    *why = best != sp->best ? PL_WHY_ACTORS : sp->why;
    return best;
}

/* ---- public ------------------------------------------------------------------- */

pl_placer *pl_placer_new(pl_ctx *ctx, const pl_places *g) {
    if (!g) {
        pl_fail(ctx, PL_EARG, "pl_placer_new: no gazetteer");
        return NULL;
    }
    pl_placer *pc = calloc(1, sizeof *pc);
    if (!pc) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    pc->ctx = ctx;
    pc->g = g;
    reset(pc, NULL);
    return pc;
}

void pl_placer_reset(pl_placer *pc) {
    if (pc)
        reset(pc, NULL);
}

void pl_placer_free(pl_placer *pc) {
    if (!pc)
        return;
    free(pc->spans);
    free(pc->cand);
    free(pc->last.p);
    free(pc->last_span);
    free(pc);
}

int plc_dateline_span(pl_placer *pc, const pl_doc *doc, const pl_sentence *s, uint32_t *off,
                      uint32_t *end) {
    if (doc != pc->doc || (int64_t)s->index <= pc->last_index)
        reset(pc, doc);
    if (!pc->dl_known)
        find_dateline(pc, doc);
    if (pc->dl_entry < 0)
        return 0;
    *off = pc->dl_off;
    *end = pc->dl_end;
    return 1;
}

const pl_geo *pl_placer_dateline(const pl_placer *pc) {
    return pc && pc->dl_known && pc->dl_entry >= 0 ? &pc->dl_geo : NULL;
}

const pl_place_list *pl_placer_places(const pl_placer *pc) {
    return &pc->last;
}

void pl_place_list_free(pl_place_list *l) {
    if (!l)
        return;
    free(l->p);
    l->p = NULL;
    l->n = l->cap = 0;
}

int pl_find_places(pl_placer *pc, const pl_doc *doc, const pl_sentence *s, const pl_mentions *ms,
                   pl_place_list *out) {
    out->n = 0;
    int rc = plc_sentence(pc, doc, s, ms);
    if (rc < 0)
        return pl_fail(pc->ctx, rc, "out of memory");
    if (grow((void **)&out->p, &out->cap, pc->last.n, sizeof *out->p))
        return pl_fail(pc->ctx, PL_ENOMEM, "out of memory");
    if (pc->last.n)
        memcpy(out->p, pc->last.p, pc->last.n * sizeof *out->p);
    out->n = pc->last.n;
    return (int)out->n;
}
