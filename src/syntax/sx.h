/*
 * sx.h — the syntax stage's internal interface: the three runtime steps
 * that pl_parse chains (tagger.c, parser.c, lemma.c) over a loaded model.
 */
#ifndef PL_SX_H
#define PL_SX_H

#include "syntax/feats.h"
#include "syntax/lemma.h"
#include "syntax/model.h"

/* Fills the atoms of a token (sx_tok_init) and looks it up in the lexicon
 * and in WordNet (either table may be NULL): sets amb, ambx and wn. For a
 * word the lexicon does not know, wn also says which of WordNet's
 * inflection patterns fit it (SX_WN_* bits). lower receives the lowercased
 * form (SX_MAX_FORM bytes); returns its length. */
PL_INTERNAL size_t sx_tok_setup(sx_tok *t, const char *form, int first, const sx_kvtab *lex,
                                const sx_kvtab *wnet, char *lower);

/* Tags toks[0..n) left to right: sets each toks[i].tag to class + 1. */
PL_INTERNAL void sx_tag(const pl_model *m, sx_tok *toks, int n);
/* The tagger as the shipped model was trained with: the perceptron, the
 * sure words and the finite-verb repair, without the run-time shortcuts and
 * constraints added since (tools/train_tag.c uses it, so that `make train`
 * rebuilds the shipped model byte for byte). */
PL_INTERNAL void sx_tag_trained(const pl_model *m, sx_tok *toks, int n);

/* The WordNet class of a lemma (sx_tok.sem) as a word of UPOS upos: the
 * noun class of nouns, proper nouns and numbers, the verb class of verbs. */
PL_INTERNAL unsigned sx_sem(const pl_model *m, const char *lemma, unsigned upos);

/* Parses toks[0..s->n) (tagged) into s, which sx_state_init has reset:
 * every node gets a head and a label (class + 1). */
PL_INTERNAL void sx_parse_tree(const pl_model *m, sx_state *s, const sx_tok *toks);

/* Reattaches punctuation the way UD English does (EWT's punct attachment
 * follows it): a bracket or quote pair to the head of the phrase inside,
 * any other mark to the lower of the two phrases around it, never crossing
 * an arc. Only marks without dependents move, so the tree stays a tree.
 * forms are the tokens' forms; uses s->stack as scratch. */
PL_INTERNAL void sx_punct_fix(const pl_model *m, sx_state *s, const sx_tok *toks,
                              const char *const *forms);

/* Makes relation subtypes agree with the rest of the tree, as they do in
 * EWT: aux:pass exactly under participles (else cop), nsubj:pass and
 * csubj:pass exactly beside aux:pass, obl:agent for "by" phrases of
 * participles. Uses s->stack as scratch. */
PL_INTERNAL void sx_label_fix(const pl_model *m, sx_state *s, const sx_tok *toks,
                              const char *const *forms);

/* The lemma of form (lowercased: lower[0..n)) with tag class tag: a string
 * from the model, the form itself, or a copy in a. NULL on out of memory. */
PL_INTERNAL const char *sx_lemma(const pl_model *m, pl_arena *a, const char *form,
                                 const char *lower, size_t n, unsigned tag);

#endif
