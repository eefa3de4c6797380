/*
 * verbs.h — the event pattern dictionary (docs/dictionaries.md, "Verb
 * dictionaries") and the CAMEO code table.
 */
#ifndef PL_VERBS_H
#define PL_VERBS_H

#include "core/core.h"
#include "core/intern.h"

/* ---- CAMEO codes ---------------------------------------------------------- */

typedef struct cameo_code {
    const char *code;       /* "0421" */
    double goldstein;       /* -10 .. +10 */
    const char *plover;     /* PLOVER event type, "" for roots 01 and 02 */
    const char *mode;       /* PLOVER mode, "" when none */
} cameo_code;

/* The entry of a CAMEO event code, NULL when there is none. */
PL_INTERNAL const cameo_code *cameo_find(const char *code);
/* Quad class of a code: 1 verbal coop (01-05), 2 material coop (06-08),
 * 3 verbal conflict (09-13), 4 material conflict (14-20). */
PL_INTERNAL int cameo_quad(const char *code);

/* ---- patterns ------------------------------------------------------------- */

enum { VA_NONE = 0, VA_T, VA_WORD, VA_SET };

typedef struct vp_arg {
    uint8_t kind;           /* VA_* */
    uint32_t id;            /* word id (VA_WORD) or synset index (VA_SET) */
} vp_arg;

#define VP_MAX_PREPS 4

typedef struct vp_prep {
    uint32_t prep;          /* word id of the preposition or particle */
    vp_arg arg;             /* VA_NONE: the phrase must just be there */
    int32_t sub;            /* "to VERB ...": index of the sub-pattern the open
                               clausal complement must match; -1 when none */
} vp_prep;

typedef struct vpattern {
    char code[5];           /* CAMEO code, "" for a blocking '-' pattern */
    vp_arg pred;            /* VA_WORD or VA_SET */
    vp_arg obj;             /* direct object: VA_NONE, VA_T or a word/set */
    vp_prep preps[VP_MAX_PREPS];
    int npreps;
    int spec;               /* specificity: words written */
    uint8_t is_sub;         /* the tail of another pattern: not indexed */
    uint32_t file;          /* index into pl_verbs.files */
    uint32_t line;
} vpattern;

typedef struct vsynset {
    uint32_t *members;      /* sorted word ids */
    uint32_t n;
} vsynset;

typedef struct pl_verbs {
    pl_intern words;        /* lemmas and prepositions */
    pl_intern setnames;     /* synset names; id - 1 = index into sets */
    vsynset *sets;
    uint32_t nsets;
    vpattern *pats;
    uint32_t npats;
    char **files;           /* file names, for "file:line" evidence */
    uint32_t nfiles;
    /* predicate index: patterns of word id w are byword[start[w] .. start[w+1]) */
    uint32_t *start;
    uint32_t *byword;
    uint32_t nindexed;      /* words covered by start[] */
} pl_verbs;

/* Loads every *.txt file of dir in name order. Errors: "FILE:LINE: msg". */
PL_INTERNAL pl_verbs *verbs_load(pl_ctx *ctx, const char *dir);
/* Loads one more file (after verbs_load or on an empty set from verbs_new). */
PL_INTERNAL int verbs_load_file(pl_ctx *ctx, pl_verbs *v, const char *path);
PL_INTERNAL pl_verbs *verbs_new(void);
/* Builds the predicate index; call after the last load. */
PL_INTERNAL int verbs_finish(pl_ctx *ctx, pl_verbs *v);
PL_INTERNAL void verbs_free(pl_verbs *v);

/* 1 when the lower-case word w is a preposition or particle of patterns. */
PL_INTERNAL int verbs_is_prep(const char *w);

/* 1 when word id w is in synset s. */
PL_INTERNAL int verbs_in_set(const pl_verbs *v, uint32_t s, uint32_t w);
/* 1 when the argument (VA_WORD or VA_SET) accepts word id w. */
PL_INTERNAL int verbs_arg_ok(const pl_verbs *v, const vp_arg *a, uint32_t w);

/* ---- anaphora.c: "the meeting" refers back to the latest consult event -- */

#define EVT_MEETING_MAX 8
typedef struct evt_meeting {
    pl_mention part[EVT_MEETING_MAX]; /* participants: mention copies (names
                                         owned by the pl_actors) */
    int n;                            /* 0: no meeting yet */
    int32_t sentence;                 /* sentence of that event, -1 none */
} evt_meeting;

/* After sentence s is coded: remembers the participants of its last
 * consult event (at least two different actors). */
PL_INTERNAL void evt_meeting_note(evt_meeting *mt, const pl_sentence *s, const pl_mentions *ms,
                                  const pl_events *ev);
/* Before sentence s is coded: adds the participants as a group mention on
 * each definite meeting noun without actors of its own. PL_OK or
 * PL_ENOMEM (ms unchanged then). */
PL_INTERNAL int evt_meeting_refer(const evt_meeting *mt, const pl_sentence *s, pl_mentions *ms);

#endif
