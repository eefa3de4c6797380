/*
 * sx.h — the syntax stage's internal interface: the three runtime steps
 * that pl_parse chains (tagger.c, parser.c, lemma.c) over a loaded model.
 */
#ifndef PL_SX_H
#define PL_SX_H

#include "syntax/feats.h"
#include "syntax/lemma.h"
#include "syntax/model.h"

/* Looks the token up in the lexicon and WordNet tables: sets t->amb,
 * t->ambx and t->wn (either table may be NULL). */
static inline void sx_tok_lex(sx_tok *t, const sx_kvtab *lex, const sx_kvtab *wnet) {
    const sx_kv *e = lex ? sx_kv_find(lex, t->lower) : NULL;
    t->amb = e ? e->val : 0;
    e = lex ? sx_kv_find(lex, sx_exact_key(t->form)) : NULL;
    t->ambx = e ? e->val : 0;
    e = wnet ? sx_kv_find(wnet, t->lower) : NULL;
    t->wn = e ? e->val : 0;
}

/* Tags toks[0..n) left to right: sets each toks[i].tag to class + 1. */
PL_INTERNAL void sx_tag(const pl_model *m, sx_tok *toks, int n);

/* Parses toks[0..s->n) (tagged) into s, which sx_state_init has reset:
 * every node gets a head and a label (class + 1). */
PL_INTERNAL void sx_parse_tree(const pl_model *m, sx_state *s, const sx_tok *toks);

/* The lemma of form (lowercased: lower[0..n)) with tag class tag: a string
 * from the model, the form itself, or a copy in a. NULL on out of memory. */
PL_INTERNAL const char *sx_lemma(const pl_model *m, pl_arena *a, const char *form,
                                 const char *lower, size_t n, unsigned tag);

#endif
