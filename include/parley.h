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

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_H */
