/*
 * parley.h — the public API of libparley, a political event coder.
 *
 * The pipeline runs one way: readers -> documents -> sentences and tokens ->
 * tags and dependency trees -> actor mentions -> events -> writers.
 *
 * Conventions (they hold for every function below):
 *  - Fallible functions return int: PL_OK (0) on success, a negative PL_E*
 *    code on failure. The message for the last failure is on the handle
 *    (pl_errmsg). The library never prints, exits or aborts; warnings go to
 *    the log callback set with pl_set_log.
 *  - Handles are opaque. Whatever a function returns as `const` is owned by
 *    the handle it came from and stays valid until that handle changes or is
 *    freed, as said at each function.
 *  - A pl_ctx is not thread-safe; use one per thread. Loaded models and
 *    dictionaries are read-only and may later be shared.
 */
#ifndef PARLEY_H
#define PARLEY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARLEY_VERSION "0.1.0"

#if defined(__GNUC__)
#define PL_WUR __attribute__((warn_unused_result))
#else
#define PL_WUR
#endif

enum {
    PL_OK = 0,
    PL_ENOMEM = -1,   /* out of memory */
    PL_EIO = -2,      /* a file could not be opened, read or written */
    PL_EFORMAT = -3,  /* malformed input (file:line in the message) */
    PL_EARG = -4,     /* bad argument from the caller */
    PL_EMODEL = -5,   /* a model or dictionary file is invalid */
    PL_ELIMIT = -6    /* an input exceeds a documented limit */
};

/* Log levels for the callback. */
enum { PL_LOG_WARN = 1, PL_LOG_INFO = 2 };

typedef struct pl_ctx pl_ctx;
typedef struct pl_doc pl_doc;
typedef struct pl_reader pl_reader;
typedef struct pl_sentencer pl_sentencer;

typedef void (*pl_log_fn)(void *ud, int level, const char *msg);

/* ---- context ------------------------------------------------------------ */

/* Creates a context. Returns NULL only when memory is exhausted. */
pl_ctx *pl_ctx_new(void);
void pl_ctx_free(pl_ctx *ctx);

/* The message of the last failure on ctx; never NULL ("" when none). */
const char *pl_errmsg(const pl_ctx *ctx);

/* Warnings (a skipped JSON line, repaired UTF-8) go to fn; NULL drops them. */
void pl_set_log(pl_ctx *ctx, pl_log_fn fn, void *ud);

/* Default date (YYYY-MM-DD) for documents without one; NULL clears it.
 * Returns PL_EARG when the string is not a valid date. */
int pl_set_default_date(pl_ctx *ctx, const char *date) PL_WUR;

/* Number of warnings logged so far (invalid UTF-8, skipped records, ...). */
uint64_t pl_warnings(const pl_ctx *ctx);

/* ---- readers ------------------------------------------------------------ */

enum {
    PL_FMT_AUTO = 0, /* by extension: .jsonl/.ndjson, .html/.htm, else text */
    PL_FMT_TEXT,     /* one article per file; first non-empty line = title */
    PL_FMT_JSONL,    /* one article per line: id, date, source, url, title, text */
    PL_FMT_HTML      /* main article text of an HTML page */
};

/* Opens PATH for reading documents: a file, a directory (walked recursively,
 * entries in byte order of their names) or "-" for standard input.
 * On failure returns NULL with the reason in pl_errmsg(ctx). */
pl_reader *pl_reader_open(pl_ctx *ctx, const char *path, int format) PL_WUR;

/* Reads the next document into *out (owned by the caller: pl_doc_free).
 * Returns 1 with a document, 0 at the end, or a negative code on an error
 * that ends this reader (a bad record inside a file is a warning instead:
 * it is logged with file and line, counted, and skipped). An unreadable file
 * inside a directory is also a warning; the walk goes on. */
int pl_reader_next(pl_reader *r, pl_doc **out) PL_WUR;

/* Records skipped by this reader because they were malformed or unreadable. */
uint64_t pl_reader_skipped(const pl_reader *r);
void pl_reader_close(pl_reader *r);

/* ---- documents ---------------------------------------------------------- */

/* Makes a document from memory (copied). Any of id, date, title may be NULL:
 * the id is then a hash of the text, the date the context default.
 * Returns NULL on out of memory or an invalid date (message in ctx). */
pl_doc *pl_doc_new(pl_ctx *ctx, const char *text, size_t len, const char *id,
                   const char *date, const char *title) PL_WUR;
void pl_doc_free(pl_doc *doc);

/* The text all offsets refer to: for text files the file's bytes; for JSON
 * Lines the title, a blank line, then the text; for HTML the extracted text.
 * Invalid UTF-8 is kept as is here (tokens carry repaired forms). */
const char *pl_doc_text(const pl_doc *doc);
size_t pl_doc_len(const pl_doc *doc);
const char *pl_doc_id(const pl_doc *doc);
const char *pl_doc_date(const pl_doc *doc);   /* "YYYY-MM-DD" or "" */
const char *pl_doc_title(const pl_doc *doc);  /* "" when none */
const char *pl_doc_source(const pl_doc *doc); /* "" when none */
const char *pl_doc_url(const pl_doc *doc);    /* "" when none */
const char *pl_doc_path(const pl_doc *doc);   /* file it came from, or "" */
/* Invalid UTF-8 sequences found in the document's text. */
uint32_t pl_doc_bad_utf8(const pl_doc *doc);

/* ---- sentences and tokens ----------------------------------------------- */

/* Universal POS tags. */
enum {
    PL_UPOS_NONE = 0, PL_UPOS_ADJ, PL_UPOS_ADP, PL_UPOS_ADV, PL_UPOS_AUX,
    PL_UPOS_CCONJ, PL_UPOS_DET, PL_UPOS_INTJ, PL_UPOS_NOUN, PL_UPOS_NUM,
    PL_UPOS_PART, PL_UPOS_PRON, PL_UPOS_PROPN, PL_UPOS_PUNCT, PL_UPOS_SCONJ,
    PL_UPOS_SYM, PL_UPOS_VERB, PL_UPOS_X, PL_UPOS_COUNT
};

/* Token flags. */
enum {
    PL_TOK_SPACE_AFTER = 1 << 0, /* whitespace follows in the text */
    PL_TOK_LINE_BEFORE = 1 << 1, /* a line break precedes the token */
    PL_TOK_PARA_BEFORE = 1 << 2, /* a blank line precedes the token */
    PL_TOK_REPAIRED = 1 << 3     /* form differs from text (U+FFFD, NFC) */
};

typedef struct pl_token {
    uint32_t off, len;  /* byte span in pl_doc_text() */
    const char *form;   /* NFC-normalized valid UTF-8, NUL-terminated */
    const char *lemma;  /* NULL until the sentence is parsed */
    int32_t head;       /* 0 = root, i = the i-th token (1-based), -1 unknown */
    uint16_t upos;      /* PL_UPOS_* */
    uint16_t xpos;      /* id of a Penn tag (pl_xpos_name), 0 unknown */
    uint16_t deprel;    /* id of a UD relation (pl_deprel_name), 0 unknown */
    uint16_t flags;     /* PL_TOK_* */
} pl_token;

/* Sentence flags. */
enum {
    PL_SENT_HEADLINE = 1 << 0, /* a line with no final punctuation */
    PL_SENT_CUT = 1 << 1       /* cut at the token limit, not at a boundary */
};

typedef struct pl_sentence {
    uint32_t index;     /* 0-based position in the document */
    uint32_t off, len;  /* byte span in pl_doc_text() */
    uint32_t ntok;
    uint32_t flags;     /* PL_SENT_* */
    pl_token *tok;      /* ntok tokens, in text order */
} pl_sentence;

/* Longest sentence in tokens; a longer run of text is cut (PL_SENT_CUT). */
#define PL_MAX_SENT_TOKENS 2048

/* Splits doc into sentences, one at a time, without tokenizing more of the
 * document than the sentence needs (memory stays flat on huge documents).
 * doc must outlive the sentencer. Returns NULL on out of memory. */
pl_sentencer *pl_sentencer_new(pl_ctx *ctx, const pl_doc *doc) PL_WUR;

/* Sets *out to the next sentence; returns 1, 0 at the end, or PL_ENOMEM.
 * The sentence and its tokens stay valid until the next call or free; later
 * stages (tagger, parser) annotate the tokens in place. */
int pl_sentencer_next(pl_sentencer *s, pl_sentence **out) PL_WUR;
void pl_sentencer_free(pl_sentencer *s);

const char *pl_upos_name(unsigned upos);  /* "NOUN"; "_" when unknown */

/* ---- actors ------------------------------------------------------------- */
/*
 * Actor recognition: who does what to whom. Dictionaries (docs/dictionaries.md,
 * docs/actors.md) name persons, countries, capitals and organizations with
 * dated CAMEO codes, and role nouns ("agents": president, police). A sentence's
 * mentions are found by longest match over its tokens, then combined into
 * compound actors ("Ukrainian President Volodymyr Zelensky" -> one UKRGOV
 * mention) and, with a pl_coref, linked to earlier mentions of the document
 * ("he", a surname alone, "the leaders").
 */

typedef struct pl_actors pl_actors;   /* loaded dictionaries; read-only once loaded */
typedef struct pl_coref pl_coref;     /* what one document has mentioned so far */

/* Finds a file or directory REL (e.g. "actors", "verbs/core.txt"; "" for the
 * data directory itself) in parley's data directory, trying in order:
 * ./data/REL, $PARLEY_DATA/REL, then the running executable's
 * ../share/parley/REL. Writes the first that exists to out (cap bytes).
 * Returns PL_OK, PL_EIO when none exists (the places tried are in the
 * message), or PL_ELIMIT when out is too small. */
int pl_data_path(pl_ctx *ctx, const char *rel, char *out, size_t cap) PL_WUR;

/* Dictionary file formats. */
enum {
    PL_DICT_AUTO = 0,         /* by name: *.actors[.txt], *.agents[.txt],
                                 *.discard[s][.txt] are PETRARCH, else parley */
    PL_DICT_PARLEY,           /* docs/dictionaries.md */
    PL_DICT_PETRARCH_ACTORS,  /* PETRARCH/TABARI .actors: PHRASE [CODE], +synonym */
    PL_DICT_PETRARCH_AGENTS,  /* PETRARCH .agents: PHRASE {plurals} [~CODE] */
    PL_DICT_PETRARCH_DISCARD  /* PETRARCH discard list: PHRASE, +PHRASE */
};

/* An empty dictionary set. NULL when out of memory. */
pl_actors *pl_actors_new(pl_ctx *ctx) PL_WUR;

/* Adds a dictionary file, or every *.txt of a directory in name order: when
 * PATH has an actors/ or agents/ subdirectory, their files (actors first);
 * else the *.txt files in PATH itself. format applies to a file; files of a
 * directory are read as PL_DICT_AUTO. Errors are "FILE:LINE: message"
 * (PL_EFORMAT) or "FILE: reason" (PL_EIO); after a failure the set must only
 * be freed. A name already given to another entry is kept there, with a
 * warning. */
int pl_actors_add(pl_ctx *ctx, pl_actors *a, const char *path, int format) PL_WUR;

/* Same, from memory; name is used in messages and for PL_DICT_AUTO. */
int pl_actors_add_text(pl_ctx *ctx, pl_actors *a, const char *name, const char *text,
                       size_t len, int format) PL_WUR;

/* new + add: path NULL loads the shipped dictionaries (pl_data_path).
 * NULL on failure, with the reason in pl_errmsg(ctx). */
pl_actors *pl_actors_load(pl_ctx *ctx, const char *path) PL_WUR;
void pl_actors_free(pl_actors *a);

typedef struct pl_actors_info {
    size_t entries;   /* actor entries */
    size_t names;     /* names and aliases of entries */
    size_t agents;    /* agent phrases */
    size_t discards;  /* discard phrases */
    size_t files;     /* files read */
    size_t bytes;     /* memory held */
} pl_actors_info;
void pl_actors_info_get(const pl_actors *a, pl_actors_info *out);

/* Converts a PETRARCH/TABARI dictionary (format PL_DICT_PETRARCH_*, or
 * PL_DICT_AUTO: by name, else by content) into parley's format. *out is
 * malloc'd, NUL-terminated, *len bytes long; the caller frees it. */
int pl_dict_import(pl_ctx *ctx, const char *path, int format, char **out, size_t *len) PL_WUR;

/* What a mention stands for. */
enum {
    PL_ACTOR_OTHER = 0,     /* an entry without a type */
    PL_ACTOR_PERSON,
    PL_ACTOR_COUNTRY,
    PL_ACTOR_CAPITAL,       /* a capital or seat of government as metonym */
    PL_ACTOR_ORGANIZATION,
    PL_ACTOR_GROUP,
    PL_ACTOR_ROLE           /* a role without a named person: "Ukrainian leader", "police" */
};

/* How a mention was found. */
enum {
    PL_FOUND_DICT = 1,      /* a dictionary name */
    PL_FOUND_COMPOUND,      /* country or organization + agent, or title + person */
    PL_FOUND_COREF,         /* a pronoun, surname or "the leaders" linked to earlier text */
    PL_FOUND_AGENT          /* an agent alone: code without a country */
};

enum { PL_GENDER_UNKNOWN = 0, PL_GENDER_MALE, PL_GENDER_FEMALE };

#define PL_CODE_MAX 31      /* longest CAMEO actor code accepted, in bytes */

typedef struct pl_mention {
    uint32_t start, end;    /* tokens [start, end) of the sentence, 0-based */
    uint32_t head;          /* head token of the noun phrase: the last token of
                               the name, or the agent noun. For the first
                               conjuncts of "Turkish and American diplomats"
                               it is the shared noun, outside [start, end). */
    uint32_t off, len;      /* bytes in pl_doc_text(): first to last token */
    const char *name;       /* primary name of the dictionary entry ("" when
                               none: agent alone, or a title with an unknown
                               name); owned by the pl_actors */
    const char *wikidata;   /* "Q…" or "" */
    int32_t entry;          /* entry index in the pl_actors, -1 when none */
    char code[PL_CODE_MAX + 1];    /* CAMEO code on the document date */
    char country[4];        /* its country ("UKR"), "" when it has none */
    char agent[PL_CODE_MAX + 1];   /* the code after the country ("GOV"); the
                                      whole code when there is no country
                                      ("IGOUNO", "CVL"); "" for a country */
    uint8_t type;           /* PL_ACTOR_* */
    uint8_t how;            /* PL_FOUND_* */
    uint8_t gender;         /* PL_GENDER_* */
    uint8_t plural;         /* 1 for a plural noun or a group */
    uint8_t human;          /* 1 when it names people (a person, "the
                               president", "protesters"); 0 for a country,
                               place, organization or body ("the ministry") */
    uint8_t pad_;
    uint16_t group;         /* 0; n > 1 when n mentions share this span
                               because it stands for a listed group ("the
                               leaders", "they") */
    int32_t ref_sentence;   /* coreference: sentence index of the antecedent
                               mention, -1 when not coreferent */
    uint32_t ref_start;     /* coreference: its first token */
} pl_mention;

/* Discard flags: a discard-list phrase was found. */
enum { PL_DISCARD_SENTENCE = 1, PL_DISCARD_STORY = 2 };

/* Mentions of one sentence; reused from sentence to sentence. Start it
 * zeroed ({0}) and release it with pl_mentions_free. */
typedef struct pl_mentions {
    pl_mention *m;          /* n mentions in text order (start, then end) */
    size_t n;
    unsigned discard;       /* PL_DISCARD_* found in this sentence: then n = 0 */
    size_t cap;             /* private */
    void *work;             /* private scratch memory */
} pl_mentions;
void pl_mentions_free(pl_mentions *ms);

/* Document state for coreference: create one per document, or reset it
 * when the next document starts. The dictionary must outlive it. */
pl_coref *pl_coref_new(pl_ctx *ctx, const pl_actors *a) PL_WUR;
void pl_coref_reset(pl_coref *c);
/* PL_DISCARD_STORY once a story-discard phrase was seen in the document. */
unsigned pl_coref_discard(const pl_coref *c);
void pl_coref_free(pl_coref *c);

/* Finds the actors of sentence s of doc (its date, pl_doc_date, picks dated
 * codes; no date: see docs/actors.md). coref may be NULL (no coreference);
 * else feed it the document's sentences in order. Tokens are read as they
 * are; upos, lemma and deprel are used when the tagger has filled them.
 * Returns the number of mentions (also in out->n), or PL_ENOMEM. */
int pl_find_actors(pl_ctx *ctx, const pl_actors *a, const pl_doc *doc, const pl_sentence *s,
                   pl_coref *coref, pl_mentions *out) PL_WUR;

/* A token span. */
typedef struct pl_span {
    uint32_t start, end;    /* tokens [start, end) */
    uint32_t flags;         /* PL_SPAN_* */
} pl_span;
enum { PL_SPAN_INITIAL = 1 };  /* the span starts the sentence */

/* Proper-name spans of s that no mention covers (ms: what pl_find_actors
 * just found in s; names of dictionary entries with no code on the date
 * count as known too): runs of capitalized words
 * (PROPN once tagged), skipping headlines, function words and calendar
 * words. A one-word run at the sentence start is flagged PL_SPAN_INITIAL,
 * since it may be an ordinary word. Writes at most cap spans; returns how
 * many there are. */
size_t pl_unknown_names(const pl_sentence *s, const pl_mentions *ms, pl_span *out, size_t cap);

/* Printable names: "person", "compound", ... */
const char *pl_actor_type_name(unsigned type);
const char *pl_found_name(unsigned how);
/* ---- end of actors ------------------------------------------------------ */

/* ---- events ------------------------------------------------------------- */
/*
 * The event coder: from a parsed sentence and its actor mentions, every
 * political event it reports, coded in CAMEO with source, target, the words
 * that justify it and flags (docs/coder.md). Patterns come from the verb
 * dictionaries (docs/dictionaries.md).
 */

typedef struct pl_verbs pl_verbs;   /* loaded event patterns; read-only */

/* Loads pattern files: a directory (every *.txt in name order) or one file;
 * path NULL loads the shipped data/verbs (pl_data_path). Errors are
 * "FILE:LINE: message". NULL on failure (reason in pl_errmsg). */
pl_verbs *pl_verbs_load(pl_ctx *ctx, const char *path) PL_WUR;
void pl_verbs_free(pl_verbs *v);

/* Converts a PETRARCH-2 verb dictionary (--- VERB [code] --- blocks, verb
 * forms in {}, "- * words [code]" patterns with '+' for the target, &SET
 * blocks of "+member" lines) into parley's pattern format. *out is malloc'd
 * and NUL-terminated, *len bytes; the caller frees it. Errors "FILE:LINE". */
int pl_verbs_import_petrarch(pl_ctx *ctx, const char *path, char **out, size_t *len) PL_WUR;

/* Event flags. */
enum {
    PL_EV_NEGATED = 1 << 0,      /* "did not meet", "no talks": not emitted by default */
    PL_EV_HYPOTHETICAL = 1 << 1, /* conditional or possible: "if ...", "might" */
    PL_EV_FUTURE = 1 << 2,       /* "will meet" */
    PL_EV_HISTORICAL = 1 << 3,   /* dated in another year than the document */
    PL_EV_REPORTED = 1 << 4,     /* inside reported speech ("X said that ...") */
    PL_EV_NOMINAL = 1 << 5,      /* a noun carries the event ("talks with") */
    PL_EV_COMPOSED = 1 << 6,     /* demand/appeal/intent/refusal/threat composed
                                    with the action it is about */
    PL_EV_BACKGROUND = 1 << 7    /* told in a clause that modifies a noun ("forces
                                    backed by Russia", "an attack that killed 40"):
                                    background to the sentence's main event */
};

typedef struct pl_event_actor {
    char code[PL_CODE_MAX + 1];  /* CAMEO actor code, "" when unknown */
    char country[4];             /* "UKR", "" when none */
    char agent[PL_CODE_MAX + 1]; /* "GOV", or the whole code without country */
    const char *entry;           /* dictionary entry name ("" when none) */
    uint32_t off, len;           /* bytes of its text in pl_doc_text() */
    uint8_t how;                 /* PL_FOUND_* */
} pl_event_actor;

/* Where something is: a gazetteer entry with GDELT's geography fields. The
 * places section below says how places are found; pl_geo is defined here
 * because pl_event embeds it. type 0 means "no place": the other fields are
 * then empty or zero. */
typedef struct pl_geo {
    uint8_t type;                /* PL_GEO_*: 1 country, 2 US state, 3 US city,
                                    4 world city, 5 world state (ADM1); 0 none */
    uint8_t how;                 /* events: PL_LOC_* (why this place); places: 0 */
    uint8_t why;                 /* PL_WHY_*: how the name was disambiguated */
    uint8_t ncand;               /* gazetteer entries the name could be (max 255) */
    char country[3];             /* ISO 3166-1 alpha-2 ("UA") */
    char iso3[4];                /* ISO 3166-1 alpha-3 ("UKR") */
    char fips[3];                /* FIPS 10-4 country code, as GDELT ("UP") */
    char adm1[12];               /* GDELT ADM1 code: FIPS + GeoNames admin1
                                    ("UP05", "USTX"); the FIPS code alone for
                                    a country */
    char feature[16];            /* GDELT FeatureID: the GeoNames id of a city,
                                    the ADM1 code of a subdivision, the FIPS
                                    code of a country */
    double lat, lon;             /* degrees (WGS84) */
    uint32_t geonames;           /* GeoNames id of a city; 0 otherwise */
    int32_t entry;               /* gazetteer entry, -1 when none */
    const char *name;            /* gazetteer name ("Kyiv"); "" when none */
    const char *full;            /* GDELT FullName: "Kyiv, Kyiv City, Ukraine"; ""
                                    (both owned by the gazetteer: valid while it
                                    is loaded, e.g. while the pipeline is open) */
    int32_t sentence;            /* sentence of the words that named it, -1 none */
    uint32_t off, len;           /* those words' bytes in pl_doc_text() (0, 0 none) */
} pl_geo;

typedef struct pl_event {
    uint32_t sentence;           /* index of the sentence in the document */
    char date[11];               /* YYYY-MM-DD, or YYYY for a year only; "" unknown */
    pl_event_actor source, target;
    char code[5];                /* CAMEO event code: "0421" */
    char base[4], root[3];       /* "042", "04" */
    int quad;                    /* 1..4: verbal coop, material coop, verbal conflict, material conflict */
    double goldstein;
    const char *plover;          /* PLOVER event type ("CONSULT"); "" for roots 01 and 02 */
    const char *plover_mode;     /* "" when none */
    unsigned flags;              /* PL_EV_* */
    uint32_t verb_off, verb_len; /* bytes of the predicate word(s) */
    const char *pattern_file;    /* the pattern that fired: file and line */
    uint32_t pattern_line;
    double confidence;           /* 0..1, see docs/coder.md */
    uint32_t mentions;           /* sentences of the document reporting it */
    uint32_t sent_off, sent_len; /* the evidence sentence's bytes */
    /* Geography (docs/places.md), filled by pl_locate_events: where the
     * event happened (GDELT ActionGeo), and the countries of its actors
     * (Actor1Geo, Actor2Geo; country level). type 0 when unknown. */
    pl_geo location;
    pl_geo source_geo, target_geo;
} pl_event;

/* Coding options. */
enum {
    PL_CODE_KEEP_NEGATED = 1 << 0,  /* emit negated events (flagged) too */
    PL_CODE_EXPLAIN = 1 << 1        /* write why each predicate was or was not coded */
};

/* Events of one sentence; reused. Start zeroed, release with pl_events_free. */
typedef struct pl_events {
    pl_event *e;
    size_t n;
    size_t cap;                  /* private */
    char *explain;               /* with PL_CODE_EXPLAIN: the reasons, lines of text */
    size_t explain_len, explain_cap;  /* private */
} pl_events;
void pl_events_free(pl_events *ev);

/* Codes sentence s of doc, whose tokens the parser has annotated and whose
 * actors are in ms, appending its events to out (out is not cleared).
 * Events come in sentence order: the reported event before the reporting
 * verb. Returns the number appended, or PL_ENOMEM. */
int pl_code_sentence(pl_ctx *ctx, const pl_verbs *v, const pl_doc *doc, const pl_sentence *s,
                     const pl_mentions *ms, unsigned options, pl_events *out) PL_WUR;

/* The whole chain for whole documents: sentences, tags and parse, actors
 * with coreference, events. */
typedef struct pl_pipeline pl_pipeline;

typedef struct pl_pipeline_opts {
    const char *model;      /* syntax model file; NULL: the shipped one */
    const char *actors;     /* actor dictionaries (file or directory); NULL: shipped */
    const char *verbs;      /* event patterns (file or directory); NULL: shipped */
    unsigned options;       /* PL_CODE_* */
    int all_mentions;       /* 1: one event per sentence reporting it; 0: the
                               same source, target and code within a document
                               is one event with a mention count */
} pl_pipeline_opts;

/* Loads the model and dictionaries. NULL on failure (reason in ctx). */
pl_pipeline *pl_pipeline_open(pl_ctx *ctx, const pl_pipeline_opts *opts) PL_WUR;
void pl_pipeline_close(pl_pipeline *p);

/* Called after each sentence is coded, with the sentence (parsed), its
 * mentions and the events it produced (before merging duplicates). */
typedef void (*pl_sentence_fn)(void *ud, const pl_doc *doc, const pl_sentence *s,
                               const pl_mentions *ms, const pl_events *ev);

/* Codes every sentence of doc; out is cleared and receives the document's
 * events in order. fn may be NULL. Returns the number of events or a
 * negative code (PL_ENOMEM). */
int pl_pipeline_doc(pl_pipeline *p, const pl_doc *doc, pl_events *out, pl_sentence_fn fn,
                    void *ud) PL_WUR;
/* ---- end of events ------------------------------------------------------ */

/* ---- syntax ------------------------------------------------------------- */

/* A trained tagger, lemmatizer and dependency parser: the model file
 * data/model/en-ewt.model (format in docs/syntax.md). A loaded model is
 * read-only; one model may serve any number of parsers in any threads. */
typedef struct pl_model pl_model;

/* The per-thread side of parsing: scratch space and the lemma strings of the
 * sentence parsed last. Use one per thread; it borrows its model. */
typedef struct pl_parser pl_parser;

/* Maps and validates a model file. On failure returns NULL with the reason
 * in pl_errmsg(ctx): PL_EIO when the file cannot be read, PL_EMODEL when it
 * is not a valid model ("PATH@OFFSET: what": truncated, corrupt (CRC-32),
 * foreign, or a newer format version). ctx is only used for the message. */
pl_model *pl_model_load(pl_ctx *ctx, const char *path) PL_WUR;
void pl_model_free(pl_model *m);

/* A parser using model m, which must outlive it. Errors of pl_parse go to
 * ctx. Returns NULL (message in ctx) when memory is exhausted. */
pl_parser *pl_parser_new(pl_ctx *ctx, const pl_model *m) PL_WUR;
void pl_parser_free(pl_parser *p);

/* Tags, lemmatizes and parses s in place: fills upos, xpos, lemma, head and
 * deprel of every token, reading only the tokens' forms. The result is a
 * tree: exactly one token has head 0 (deprel "root"), every other head is a
 * token of the sentence (1-based), and there are no cycles; an empty
 * sentence is left as it is. Lemmas are NUL-terminated strings owned by p,
 * valid until the next pl_parse or pl_parse_tokens on p or pl_parser_free.
 * Returns PL_OK; PL_ELIMIT when s has more than PL_MAX_SENT_TOKENS tokens
 * (s is left untouched); PL_ENOMEM; PL_EARG on a NULL argument. */
int pl_parse(pl_parser *p, pl_sentence *s) PL_WUR;

/* Parses a pre-tokenized sentence (for instance the gold tokens of a CoNLL-U
 * file): n forms, each NUL-terminated valid UTF-8. *out is a sentence owned
 * by p (token offsets are 0, forms point to the caller's strings, which must
 * stay valid while *out is used), valid until the next call on p. Same
 * return codes as pl_parse. */
int pl_parse_tokens(pl_parser *p, const char *const *forms, uint32_t n,
                    pl_sentence **out) PL_WUR;

/* Names of the tag and relation ids in pl_token ("NNS", "nsubj:pass"); "_"
 * when unknown. The ids are stable: see src/syntax/syntax.h. */
const char *pl_xpos_name(unsigned xpos);
const char *pl_deprel_name(unsigned deprel);
/* ---- end of syntax ------------------------------------------------------ */

/* ---- store -------------------------------------------------------------- */
/*
 * The event store: an SQLite database of coded documents, their events and
 * the evidence for each (docs/store.md has the schema). Events are merged
 * across articles as GDELT does: the same date, source code, target code,
 * event code (and negation) reported by several documents is one event
 * whose mentions point at every document and sentence that reports it,
 * with NumMentions, NumSources and NumArticles kept up to date.
 *
 * A pl_store is one connection; use it from one thread at a time. Several
 * processes may open the same file: writers wait for each other (up to 10
 * s), readers never block. Every document is added in its own transaction,
 * so a crash at any moment leaves the documents added before it, whole.
 */

typedef struct pl_store pl_store;
typedef struct pl_query pl_query;
typedef struct pl_stats pl_stats;

/* Schema version this library writes (PRAGMA user_version). */
#define PL_STORE_SCHEMA 2

/* pl_store_open flags. */
enum {
    PL_STORE_CREATE = 1 << 0,   /* create the file when it does not exist */
    PL_STORE_READONLY = 1 << 1  /* never write (no migration, no adding) */
};

/* Opens (or with PL_STORE_CREATE creates) the store at path. A store of an
 * older schema version is migrated in one transaction; a newer one, a file
 * that is not SQLite, or an SQLite database of another application is
 * refused. On failure returns NULL with "PATH: reason" in pl_errmsg(ctx):
 * PL_EIO (cannot open, locked, read-only), PL_EFORMAT (not a parley store,
 * corrupt, newer schema). ctx must outlive the store; its messages go there. */
pl_store *pl_store_open(pl_ctx *ctx, const char *path, unsigned flags) PL_WUR;
/* Closes the store (rolling back an open batch); NULL is ignored. Queries
 * and statistics of the store may still be freed afterwards, not read. */
void pl_store_close(pl_store *st);

/* What pl_store_add_doc did. */
enum {
    PL_STORE_UNCHANGED = 0,  /* the same id with the same content is stored */
    PL_STORE_ADDED = 1,      /* a new document */
    PL_STORE_REPLACED = 2,   /* a new version of a stored id: its events replaced */
    PL_STORE_DUPLICATE = 3   /* another id holds the same content: nothing stored */
};

/* Adds doc and its events ev (from pl_pipeline_doc, ideally with
 * all_mentions = 1 so that every sentence is a mention; ev may be NULL for
 * a document without events) in one transaction. The content that
 * identifies a version is the text with date, source, url and title; see
 * docs/store.md. Events with the same key in one sentence are one mention.
 * Returns a PL_STORE_* value (>= 0) or a negative code: PL_EARG when an
 * event's spans lie outside the document or its code is empty (message
 * "DOC: event N: why"; nothing is stored), PL_EIO/PL_EFORMAT/PL_ENOMEM from
 * the database (the transaction is rolled back; the store stays usable). */
int pl_store_add_doc(pl_store *st, const pl_doc *doc, const pl_events *ev) PL_WUR;

/* Bulk loading: between pl_store_begin and pl_store_commit every document
 * added or removed shares one transaction, which is several times faster
 * for many small documents; a crash loses the whole batch. A document
 * refused with PL_EARG leaves the batch as it was; any other failure rolls
 * the whole batch back and ends it (the message says so). pl_store_close
 * rolls an open batch back. Both return PL_OK or a code; begin inside a
 * batch, or commit outside one, is PL_EARG. */
int pl_store_begin(pl_store *st) PL_WUR;
int pl_store_commit(pl_store *st) PL_WUR;

/* 1 when adding doc would change nothing (UNCHANGED or DUPLICATE), so the
 * caller may skip coding it; 0 when it would; a negative code on error. */
int pl_store_has_doc(pl_store *st, const pl_doc *doc) PL_WUR;

/* Removes the document with this id and its mentions, updating the events
 * it reported (an event left without mentions is deleted). Returns 1 when
 * it was removed, 0 when there was no such document, or a negative code. */
int pl_store_remove_doc(pl_store *st, const char *id) PL_WUR;

typedef struct pl_store_info {
    int schema;              /* schema version of the file */
    uint64_t docs;           /* documents */
    uint64_t sentences;      /* evidence sentences */
    uint64_t events;         /* merged events */
    uint64_t mentions;       /* mentions: (event, document, sentence) */
} pl_store_info;
int pl_store_info_get(pl_store *st, pl_store_info *out) PL_WUR;

/* Checks the file (SQLite quick_check, foreign keys, the full-text index)
 * and the store's invariants: every event's counts and first mention agree
 * with its mentions, every document holds the mentions it was stored with,
 * no sentence or event is left without a mention. PL_OK, or PL_EFORMAT
 * with the first violation in the message. */
int pl_store_check(pl_store *st) PL_WUR;

/* Filters of a query or of statistics; zero ({0}) matches everything.
 * Actor codes match as prefixes ("RUS" matches RUSGOV), case-insensitive
 * letters and digits; event codes as prefixes ("04" is the root, "042" the
 * base, "0421" exact). Dates are YYYY, YYYY-MM or YYYY-MM-DD, inclusive;
 * an event dated by a year only counts as January 1st of that year. */
typedef struct pl_query_opts {
    const char *from_date;   /* first day, NULL = open */
    const char *to_date;     /* last day, NULL = open */
    const char *actor;       /* source or target code prefix */
    const char *source;      /* source (Actor1) code prefix */
    const char *target;      /* target (Actor2) code prefix */
    const char *code;        /* CAMEO event code prefix */
    int quad;                /* 1..4, 0 = any */
    const char *source_name; /* a reporting document's source (docs/store.md) */
    const char *doc;         /* a reporting document's id */
    const char *text;        /* FTS5 query over evidence sentences: words
                                (all must occur, stemmed), "a phrase", OR,
                                NEAR(...), prefix* */
    uint32_t min_articles;   /* only events reported by at least this many documents */
    int mentions;            /* 1: one result per mention instead of per event */
    uint64_t limit;          /* at most this many results, 0 = no limit */
} pl_query_opts;

/* Checks o's filters without a store: PL_OK, or PL_EARG with the bad
 * filter named in the message ("from-date: invalid date '2025-13'"). The
 * --text query's syntax is only checked when the query runs. */
int pl_query_check(pl_ctx *ctx, const pl_query_opts *o) PL_WUR;

/* One result: an event of the store, as pl_event of its first mention
 * (or of the mention itself with opts.mentions). */
typedef struct pl_stored_event {
    int64_t id;              /* the event's id in this store */
    int64_t mention;         /* the mention shown: its id in this store */
    uint32_t num_mentions;   /* GDELT NumMentions: mentions in all documents */
    uint32_t num_sources;    /* GDELT NumSources: distinct document sources */
    uint32_t num_articles;   /* GDELT NumArticles: distinct documents */
    pl_event ev;             /* ev.mentions = num_mentions for an event, or
                                the sentences this mention stands for */
    const pl_doc *doc;       /* the mention's document: metadata as stored;
                                its text holds the evidence sentence and the
                                actor and predicate words at their original
                                offsets, spaces elsewhere */
} pl_stored_event;

/* Starts a query: events (or mentions) matching o, ordered by date, source,
 * target, code (mentions then in the order they were stored). NULL on error
 * with the reason in ctx (PL_EARG: a malformed filter, named). The store
 * must outlive the query; don't add documents while a query is open. */
pl_query *pl_query_new(pl_store *st, const pl_query_opts *o) PL_WUR;
/* Sets *out to the next result: 1, 0 at the end, or a negative code. *out
 * and everything it points to are owned by q, valid until the next call. */
int pl_query_next(pl_query *q, const pl_stored_event **out) PL_WUR;
void pl_query_free(pl_query *q);

/* What statistics group by. */
enum {
    PL_STATS_DAY = 1,   /* by event day, in date order */
    PL_STATS_DYAD,      /* by source and target code, most events first */
    PL_STATS_QUAD,      /* by quad class, 1..4 */
    PL_STATS_DYAD_DAY,  /* by dyad, then day: the series analysts plot */
    PL_STATS_ROOT       /* by CAMEO root code */
};

typedef struct pl_stats_row {
    const char *day;         /* "YYYY-MM-DD" (DAY, DYAD_DAY), "" when unknown or not grouped */
    const char *source, *target; /* codes (DYAD, DYAD_DAY), else "" */
    const char *root;        /* CAMEO root (ROOT), else "" */
    int quad;                /* 1..4 (QUAD), else 0 */
    uint64_t events;         /* merged events */
    uint64_t mentions;       /* sum of NumMentions */
    uint64_t articles;       /* sum of NumArticles */
    double goldstein;        /* sum of Goldstein scores over events */
} pl_stats_row;

/* Statistics of the events matching filter (NULL: all; opts.mentions and
 * opts.limit are ignored), grouped by `by` (PL_STATS_*). Negated events
 * (stored only with PL_CODE_KEEP_NEGATED) are not counted. NULL on error
 * with the reason in ctx. */
pl_stats *pl_stats_new(pl_store *st, int by, const pl_query_opts *filter) PL_WUR;
/* Sets *out to the next row: 1, 0 at the end, or a negative code; valid
 * until the next call. */
int pl_stats_next(pl_stats *s, const pl_stats_row **out) PL_WUR;
void pl_stats_free(pl_stats *s);
/* ---- end of store ------------------------------------------------------- */

/* ---- places ------------------------------------------------------------- */
/*
 * Where: place names in sentences, resolved against a gazetteer, and the
 * location of each event (docs/places.md). The gazetteer (data/places/)
 * holds countries, first-level subdivisions and the ~24,000 GeoNames cities
 * of Debian's libgeonames, with aliases and former names. A sentence's
 * candidate names are matched on its tokens; a name is taken as a place
 * with a cue (a preposition such as "in", "at", "near", "from"; "the city
 * of"; a qualifier as in "Paris, Texas"; a dateline "KYIV, May 16 (Reuters)
 * -"), or without one when it is an unambiguous proper name that is no
 * actor. Country names and capitals that the actor dictionaries know
 * ("Moscow said") are places only with a cue ("in Moscow").
 *
 * Ambiguous names are resolved by population, then by context: a qualifier,
 * the countries of the document's actors, the places named before (same
 * country, same subdivision, nearby) and, for an event, its actors.
 */

typedef struct pl_places pl_places;   /* a gazetteer; read-only once loaded */
typedef struct pl_placer pl_placer;   /* one document's place context */

/* GDELT geographic types (pl_geo.type). */
enum {
    PL_GEO_NONE = 0,
    PL_GEO_COUNTRY = 1,
    PL_GEO_US_STATE = 2,
    PL_GEO_US_CITY = 3,
    PL_GEO_WORLD_CITY = 4,
    PL_GEO_WORLD_STATE = 5
};

/* Why a name was taken as a place (pl_place.cue). */
enum {
    PL_CUE_NONE = 0,     /* a proper name in the gazetteer, no actor */
    PL_CUE_PREP,         /* object of a preposition: "in Istanbul" (pl_place.prep) */
    PL_CUE_NOUN,         /* "the city of X", "the regions of X, Y and Z" */
    PL_CUE_QUALIFIED,    /* "Paris, Texas", "Tripoli, Lebanon" */
    PL_CUE_DATELINE,     /* "KYIV, May 16 (Reuters) -" opening the text */
    PL_CUE_VERB          /* object of a verb of movement or attack: "fled
                            Khartoum", "shelled Kharkiv" (pl_place.prep) */
};

/* How an ambiguous name was resolved (pl_geo.why). */
enum {
    PL_WHY_ONLY = 1,     /* the gazetteer knows one place of that name */
    PL_WHY_POPULATION,   /* the most populous (countries and cities first) */
    PL_WHY_QUALIFIER,    /* the qualifier: "Paris, Texas" */
    PL_WHY_CONTEXT,      /* countries, subdivisions or nearby places of the
                            document and sentence */
    PL_WHY_ACTORS        /* the countries of the event's actors */
};

/* Where an event's location comes from (pl_geo.how in pl_event.location). */
enum {
    PL_LOC_NONE = 0,
    PL_LOC_PHRASE,       /* a place phrase attached to the predicate or its
                            nominal ("talks held in Istanbul") */
    PL_LOC_SENTENCE,     /* unparsed sentence: its one place phrase */
    PL_LOC_DATELINE,     /* the document's dateline */
    PL_LOC_ACTOR         /* source_geo/target_geo: the actor's country */
};

/* Loads a gazetteer: PATH is a directory holding gazetteer.tsv and,
 * optionally, aliases.txt (formats in docs/places.md), or one such file;
 * NULL loads the shipped data/places (pl_data_path). Every line is
 * validated: errors are "FILE:LINE: message" (PL_EFORMAT) or "FILE: reason"
 * (PL_EIO). NULL on failure, with the reason in pl_errmsg(ctx). */
pl_places *pl_places_load(pl_ctx *ctx, const char *path) PL_WUR;
void pl_places_free(pl_places *g);

typedef struct pl_places_info {
    size_t countries, regions, cities;  /* entries by kind */
    size_t names;                       /* distinct match keys */
    size_t aliases;                     /* lines of aliases.txt applied */
    size_t bytes;                       /* memory held */
} pl_places_info;
void pl_places_info_get(const pl_places *g, pl_places_info *out);

/* Gazetteer entries named name (any case, accents, dots), most populous
 * first: writes up to cap entry ids to ids and returns how many there are. */
size_t pl_places_lookup(const pl_places *g, const char *name, size_t cap, int32_t *ids);

/* Fills *out with entry id's geography (type, codes, coordinates, names;
 * how, why, sentence and span are left 0/-1). PL_EARG for a bad id. */
int pl_places_entry(const pl_places *g, int32_t id, pl_geo *out) PL_WUR;

/* A place named in a sentence. */
typedef struct pl_place {
    uint32_t start, end;   /* tokens [start, end) of the sentence (with the
                              qualifier of "Paris, Texas") */
    uint8_t cue;           /* PL_CUE_* */
    char prep[15];         /* the preposition of a PL_CUE_PREP ("in") or verb
                              of a PL_CUE_VERB ("fled"), else "" */
    pl_geo geo;            /* the resolved place (geo.sentence, off, len set) */
} pl_place;

/* Places of one sentence; reused. Start zeroed, free with pl_place_list_free. */
typedef struct pl_place_list {
    pl_place *p;
    size_t n;
    size_t cap;            /* private */
} pl_place_list;
void pl_place_list_free(pl_place_list *l);

/* A document's place context for gazetteer g, which must outlive it. Feed
 * it the sentences of a document in order; it starts over by itself when a
 * sentence with a lower index or another document comes (or call
 * pl_placer_reset). NULL when out of memory. */
pl_placer *pl_placer_new(pl_ctx *ctx, const pl_places *g) PL_WUR;
void pl_placer_reset(pl_placer *pc);
void pl_placer_free(pl_placer *pc);

/* The document's dateline place, or NULL when it has none (valid until the
 * next call on pc). Known once the document's first sentence was seen. */
const pl_geo *pl_placer_dateline(const pl_placer *pc);

/* Finds and resolves the places of sentence s of doc into out (cleared
 * first). ms (may be NULL) are the sentence's actor mentions: they keep
 * person and organization names from being read as places, make actor
 * countries and capitals places only with a cue, and give context. Tokens'
 * upos, head and deprel are used when the parser has filled them. Returns
 * the number of places, or PL_ENOMEM. */
int pl_find_places(pl_placer *pc, const pl_doc *doc, const pl_sentence *s,
                   const pl_mentions *ms, pl_place_list *out) PL_WUR;

/* The places of the sentence seen last by pl_find_places or
 * pl_locate_events (valid until the next call on pc). */
const pl_place_list *pl_placer_places(const pl_placer *pc);

/* Locates events ev->e[first .. ev->n) of sentence s: finds the sentence's
 * places (as pl_find_places), then sets each event's location to the place
 * phrase attached to its predicate (pl_event.verb_off) or nominal, else the
 * document's dateline, else none (never a capital by default); and
 * source_geo/target_geo to its actors' countries. Call it for every
 * sentence of the document in order, events or not. Returns PL_OK or
 * PL_ENOMEM. */
int pl_locate_events(pl_placer *pc, const pl_doc *doc, const pl_sentence *s,
                     const pl_mentions *ms, pl_events *ev, size_t first) PL_WUR;

/* Printable names: "country", "us_state", ...; "in", "dateline", ...;
 * "population", "context", ...; "phrase", "dateline", ... ("" for 0). */
const char *pl_geo_type_name(unsigned type);
const char *pl_cue_name(unsigned cue);
const char *pl_why_name(unsigned why);
const char *pl_loc_name(unsigned how);
/* ---- end of places ------------------------------------------------------ */

/* ---- report ------------------------------------------------------------- */
/*
 * A self-contained HTML page about a set of events (docs/report.md): a
 * timeline of daily event counts by quad class with the Goldstein sum (for
 * all events and, optionally, one dyad), the strongest country pairs as a
 * network, a map of event locations, and a sortable, filterable table of
 * the most recent events with their evidence sentences, the actor and
 * predicate words highlighted. The page needs nothing else: its CSS, SVG
 * and a little JavaScript are inline, and it makes no network request.
 *
 * Events are aggregated as they are added (daily bins, country pairs,
 * 0.5-degree map cells), so memory does not grow with their number; only
 * the table keeps whole events, at most table_max of them. The page is a
 * function of the events and options alone: the same events added in the
 * same order give the same bytes.
 */

typedef struct pl_report pl_report;

typedef struct pl_report_opts {
    const char *title;        /* the page's heading; NULL: "parley report" */
    const char *subtitle;     /* a line under it (what was selected); NULL: none */
    const char *dyad_source;  /* a second timeline, of the events whose source */
    const char *dyad_target;  /*   and target codes start with these (directed;
                                   both or neither) */
    uint32_t table_max;       /* events in the table, the most recent; 0: 2000 */
    uint32_t top_dyads;       /* country pairs in the network; 0: 30 */
    uint32_t map_max;         /* map cells drawn, the busiest; 0: 2000 */
    const char *map;          /* country outlines (format of data/map/countries.tsv);
                                 NULL: the shipped file (pl_data_path), "": none */
} pl_report_opts;

/* A report with options o (NULL: the defaults), copied. NULL on out of
 * memory or a bad option (PL_EARG: a dyad with one side only, or a code of
 * other characters than letters and digits), with the reason in ctx. */
pl_report *pl_report_new(pl_ctx *ctx, const pl_report_opts *o) PL_WUR;
void pl_report_free(pl_report *r);

/* Adds event e of doc (as pl_pipeline_doc gives them), reported by
 * `articles` documents (0 counts as 1). PL_OK, PL_EARG for a NULL
 * argument, or PL_ENOMEM; after PL_ENOMEM the report can only be freed. */
int pl_report_add_event(pl_report *r, const pl_doc *doc, const pl_event *e,
                        uint32_t articles) PL_WUR;

/* Adds the merged events of store st that match filter (NULL: all;
 * filter->mentions and filter->limit are ignored): the aggregates from one
 * pass over the store's events, the table from a query of the most recent
 * ones. PL_OK, or PL_EARG (a bad filter, named), PL_EIO, PL_EFORMAT or
 * PL_ENOMEM with the reason in ctx. */
int pl_report_add_store(pl_report *r, pl_store *st, const pl_query_opts *filter) PL_WUR;

/* Adds the events of a JSON Lines file written by `parley code` (the jsonl
 * format; .gz read as such; "-" is standard input) that match filter, one
 * event per line as it is: events are not merged across documents, as a
 * store does. The filters text, source_name and min_articles need a store
 * (PL_EARG). A malformed line is a warning ("FILE:LINE: why"), skipped and
 * counted in *skipped (may be NULL). PL_OK, PL_EIO when the file cannot be
 * read, PL_EARG, or PL_ENOMEM. */
int pl_report_add_jsonl(pl_report *r, const char *path, const pl_query_opts *filter,
                        uint64_t *skipped) PL_WUR;

/* The page: *out is malloc'd and NUL-terminated, *len bytes; the caller
 * frees it. More events may be added and the page made again. PL_OK,
 * PL_ENOMEM, or PL_EIO when an outlines file named in the options cannot be
 * read (the shipped one missing is only a warning: the map is drawn
 * without outlines). */
int pl_report_html(pl_report *r, char **out, size_t *len) PL_WUR;
/* ---- end of report ------------------------------------------------------ */

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_H */
