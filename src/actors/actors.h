/*
 * actors.h — the actor layer's internals: the dictionary set (entries with
 * dated codes, agents, discard phrases, one token trie over all of their
 * names), name normalization, and the PETRARCH importer's record list.
 * The public face is the "actors" section of parley.h.
 *
 * Map: norm.c (match keys of words), dict.c (the set and its trie),
 * load.c (parley's format, directories, pl_data_path), petrarch.c
 * (PETRARCH/TABARI formats), match.c (one sentence), coref.c (one
 * document), unknown.c (names no dictionary knows).
 */
#ifndef PL_ACTORS_H
#define PL_ACTORS_H

#include "core/core.h"

/* ---- words -------------------------------------------------------------- */

/* Case of a word, as bits. */
enum { ACT_UPPER = 1, ACT_LOWER = 2, ACT_DOT = 4 };

/* Longest match key of one word, in bytes (longer words never match). */
#define ACT_KEY_MAX 256

/* Writes the match key of the word s[0..n) into key (ACT_KEY_MAX bytes):
 * lower case, dots dropped (unless the word is only dots), ’ read as '.
 * Returns the key's length, 0 when the word is too long to match.
 * *caseinfo gets ACT_UPPER/ACT_LOWER for the letters seen, ACT_DOT for a dot. */
PL_INTERNAL size_t act_key(const char *s, size_t n, char *key, unsigned *caseinfo);

/* 1 when s[0..n) starts with an upper-case letter. */
PL_INTERNAL int act_capitalized(const char *s, size_t n);

/* ---- the dictionary set ------------------------------------------------- */

/* Dates are integers yyyymmdd; 0 is "open" (or "unknown" for a document). */
typedef struct act_code {
    int32_t from, to;            /* inclusive; 0 = open end */
    char code[PL_CODE_MAX + 1];
} act_code;

typedef struct act_entry {
    const char *name;            /* primary name */
    const char *wikidata;        /* "" when none */
    const char *file;            /* where the block starts, for messages */
    uint32_t line;
    uint32_t code0, ncode;       /* its codes: codes[code0 .. code0+ncode) */
    uint32_t sur0, nsur;         /* surname word ids: surnames[sur0 ..) */
    char country[4];             /* `country` line, "" when none */
    uint8_t type, gender;        /* PL_ACTOR_*, PL_GENDER_* */
    uint8_t has_type, has_gender;
} act_entry;

typedef struct act_agent {
    char code[PL_CODE_MAX + 1];  /* role codes, e.g. "GOV" */
    const char *phrase;          /* as written */
    uint8_t plural;              /* the phrase is a plural noun */
    uint8_t person;              /* it names a person (president), not a body (ministry) */
} act_agent;

/* Trie node: a path from the root spells a name word by word. */
typedef struct act_node {
    int32_t entry;               /* actor entry whose name ends here, or -1 */
    int32_t agent;               /* agent phrase ending here, or -1 */
    uint8_t discard;             /* PL_DISCARD_* of a discard phrase ending here */
    uint8_t depth;               /* words from the root */
} act_node;

/* An interned word key. */
typedef struct act_word {
    const char *s;
    uint32_t len;
    uint8_t lower_ok;            /* written without capitals somewhere in the
                                    dictionaries: matches a lower-case word */
} act_word;

struct pl_actors {
    pl_arena strings;            /* every string of the set */
    act_entry *entries; uint32_t nentries, capentries;
    act_code *codes; uint32_t ncodes, capcodes;
    uint32_t *surnames; uint32_t nsurnames, capsurnames;
    act_agent *agents; uint32_t nagents, capagents;
    act_node *nodes; uint32_t nnodes, capnodes;
    /* edges: open addressing on (parent node << 32 | word id) + 1 */
    uint64_t *ekeys; uint32_t *evals; uint32_t nedges, capedges;
    /* words: open addressing on the key string, value = word id + 1 */
    act_word *words; uint32_t nwords, capwords;
    uint32_t *wslots; uint32_t capwslots;
    uint8_t country[26 * 26 * 26 / 8 + 1];  /* bitmap of country codes */
    size_t nnames, ndiscards, nfiles;
    int broken;                  /* a load failed: only free is allowed */
    /* scratch for loading */
    pl_arena scratch;
};

/* Word id of key[0..n), or -1 when no dictionary has the word. */
PL_INTERNAL int32_t act_word_find(const pl_actors *a, const char *key, size_t n);
/* Child of node by word id, or -1. */
PL_INTERNAL int32_t act_child(const pl_actors *a, uint32_t node, uint32_t word);

/* Where a name comes from, for messages. */
typedef struct act_where {
    const char *file;
    uint32_t line;
} act_where;

/* What a name in the trie stands for. */
enum { ACT_NAME_ENTRY = 1, ACT_NAME_AGENT, ACT_NAME_DISCARD };

/* Starts a new entry named name; sets *id. Codes, aliases and fields
 * are added to the newest entry. */
PL_INTERNAL int act_entry_begin(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *name,
                                size_t n, uint32_t *id);
/* Adds a name (primary or alias) of entry id. */
PL_INTERNAL int act_entry_name(pl_ctx *ctx, pl_actors *a, const act_where *w, uint32_t id,
                               const char *name, size_t n);
/* Adds a code of the newest entry; from/to yyyymmdd or 0. */
PL_INTERNAL int act_entry_code(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *code,
                               size_t n, int32_t from, int32_t to);
/* Closes the newest entry: checks that it has a code. */
PL_INTERNAL int act_entry_end(pl_ctx *ctx, pl_actors *a);
/* Adds an agent phrase with its code. */
PL_INTERNAL int act_agent_add(pl_ctx *ctx, pl_actors *a, const act_where *w, const char *code,
                              size_t ncode, const char *phrase, size_t n);
/* Adds a discard phrase (PL_DISCARD_SENTENCE or PL_DISCARD_STORY). */
PL_INTERNAL int act_discard_add(pl_ctx *ctx, pl_actors *a, const act_where *w, unsigned kind,
                                const char *phrase, size_t n);
/* Copies a string into the set's string arena ("" on n == 0). */
PL_INTERNAL const char *act_strdup(pl_actors *a, const char *s, size_t n);

/* 1 when code[0..n) is a valid CAMEO actor code: 3 to PL_CODE_MAX capital
 * letters or digits, a multiple of 3 long. */
PL_INTERNAL int act_valid_code(const char *code, size_t n);

/* The code of entry e on date (yyyymmdd, 0 = unknown), or NULL when it has
 * none that day. Rule (docs/actors.md): the first dated code whose range
 * holds the date; else the first undated code; with no date, the undated
 * code, else the dated code that starts latest. */
PL_INTERNAL const char *act_entry_code_on(const pl_actors *a, const act_entry *e, int32_t date);

/* 1 when the three letters at code are a country code of a loaded
 * `type country` entry. */
PL_INTERNAL int act_is_country(const pl_actors *a, const char *code);

/* "2025-05-17" -> 20250517; 0 for "" or anything else. */
PL_INTERNAL int32_t act_date_int(const char *iso);

/* ---- parsers ------------------------------------------------------------ */

/* Reads parley's dictionary format from text[0..len) into a. */
PL_INTERNAL int act_parse_parley(pl_ctx *ctx, pl_actors *a, const char *file, const char *text,
                                 size_t len);

/* Reads a PETRARCH/TABARI file (format PL_DICT_PETRARCH_*) into a, or,
 * when out is not NULL, writes it in parley's format to out instead. */
PL_INTERNAL int act_parse_petrarch(pl_ctx *ctx, pl_actors *a, pl_buf *out, const char *file,
                                   const char *text, size_t len, int format);

/* The PETRARCH format a file name implies, or PL_DICT_PARLEY. */
PL_INTERNAL int act_format_by_name(const char *path);

/* Reads a whole file (malloc'd, NUL-terminated). */
PL_INTERNAL int act_read_file(pl_ctx *ctx, const char *path, char **text, size_t *len);


/* ---- one sentence --------------------------------------------------------- */

/* Token flags seen by the matcher and coreference. */
enum {
    ACT_T_CAP = 1,       /* starts with a capital letter */
    ACT_T_UPPER = 2,     /* has a capital letter */
    ACT_T_DOT = 4,       /* has a dot (an abbreviation: u.s.) */
    ACT_T_QUOTE = 8,     /* inside quotation marks */
    ACT_T_COVERED = 16,  /* inside a mention */
    ACT_T_ALPHA = 32,    /* has a letter */
    ACT_T_KNOWN = 64     /* inside a dictionary name, even one with no code today */
};

typedef struct act_tok {
    int32_t word;        /* dictionary word id, -1 when no dictionary has it */
    uint8_t flags;       /* ACT_T_* */
} act_tok;

/* Scratch memory behind pl_mentions.work. */
typedef struct act_work {
    pl_arena arena;      /* reset for each sentence */
    const pl_sentence *s;  /* the last sentence seen, and its token flags */
    const pl_token *tok;   /* its tokens and their number, to tell a reused */
    uint32_t ntok;         /* pl_sentence from the same one */
    act_tok *ti;
} act_work;

/* Case-insensitive comparison of a token with an ASCII word. */
PL_INTERNAL int act_is(const pl_token *t, const char *w);

/* A new zeroed mention at the end of ms (ref_sentence -1, name ""). */
PL_INTERNAL pl_mention *act_push(pl_mentions *ms);
/* Sets the token and byte span of m. */
PL_INTERNAL void act_span(pl_mention *m, const pl_sentence *s, uint32_t start, uint32_t end);
/* Sets code, country and agent of m from code (country is the entry's
 * `country` line or NULL). */
PL_INTERNAL void act_set_code(const pl_actors *a, pl_mention *m, const char *code,
                              const char *country);
/* Sorts ms by start, then end. */
PL_INTERNAL void act_sort(pl_mentions *ms);
/* Gender a role noun implies (spokeswoman, king), from its last word. */
PL_INTERNAL uint8_t act_agent_gender(const pl_actors *a, const act_agent *g);

/* Coreference for one sentence whose dictionary mentions are in ms: adds
 * pronouns, surnames and group nouns, then remembers the sentence. */
PL_INTERNAL int act_coref_sentence(pl_ctx *ctx, const pl_actors *a, pl_coref *c,
                                   const pl_sentence *s, act_tok *ti, pl_mentions *ms);
/* Notes a story discard in c. */
PL_INTERNAL void act_coref_discard(pl_coref *c, unsigned flags);

#endif
