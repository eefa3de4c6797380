/*
 * syntax.h — the fixed tag sets of the syntax stage, for every module that
 * reads parses (the event coder above all): UD dependency relations and
 * Penn Treebank part-of-speech tags (XPOS) as stable integer ids.
 *
 * The numbering is part of the library's contract: ids are never reused or
 * renumbered, new relations and tags are only appended (before the _COUNT
 * member). A model names its labels and tags as strings; they are mapped to
 * these ids when the model is loaded, so a model trained on a treebank with
 * an unknown label yields 0 ("unknown") for it rather than a wrong id.
 */
#ifndef PL_SYNTAX_H
#define PL_SYNTAX_H

#include <stddef.h>

#include "core/core.h"

/* Universal Dependencies relations (v2), with the subtypes UD English uses
 * (EWT, GUM and older releases). pl_deprel_name() gives "nsubj:pass" etc. */
enum {
    PL_DEP_NONE = 0,       /* unknown */
    /* the 37 universal relations, alphabetical */
    PL_DEP_ACL, PL_DEP_ADVCL, PL_DEP_ADVMOD, PL_DEP_AMOD, PL_DEP_APPOS,
    PL_DEP_AUX, PL_DEP_CASE, PL_DEP_CC, PL_DEP_CCOMP, PL_DEP_CLF,
    PL_DEP_COMPOUND, PL_DEP_CONJ, PL_DEP_COP, PL_DEP_CSUBJ, PL_DEP_DEP,
    PL_DEP_DET, PL_DEP_DISCOURSE, PL_DEP_DISLOCATED, PL_DEP_EXPL, PL_DEP_FIXED,
    PL_DEP_FLAT, PL_DEP_GOESWITH, PL_DEP_IOBJ, PL_DEP_LIST, PL_DEP_MARK,
    PL_DEP_NMOD, PL_DEP_NSUBJ, PL_DEP_NUMMOD, PL_DEP_OBJ, PL_DEP_OBL,
    PL_DEP_ORPHAN, PL_DEP_PARATAXIS, PL_DEP_PUNCT, PL_DEP_REPARANDUM, PL_DEP_ROOT,
    PL_DEP_VOCATIVE, PL_DEP_XCOMP,
    /* subtypes */
    PL_DEP_ACL_RELCL,      /* acl:relcl */
    PL_DEP_ADVCL_RELCL,    /* advcl:relcl */
    PL_DEP_AUX_PASS,       /* aux:pass */
    PL_DEP_CC_PRECONJ,     /* cc:preconj */
    PL_DEP_COMPOUND_PRT,   /* compound:prt */
    PL_DEP_CSUBJ_OUTER,    /* csubj:outer */
    PL_DEP_CSUBJ_PASS,     /* csubj:pass */
    PL_DEP_DET_PREDET,     /* det:predet */
    PL_DEP_NMOD_DESC,      /* nmod:desc */
    PL_DEP_NMOD_POSS,      /* nmod:poss */
    PL_DEP_NMOD_UNMARKED,  /* nmod:unmarked (was nmod:npmod, nmod:tmod) */
    PL_DEP_NSUBJ_OUTER,    /* nsubj:outer */
    PL_DEP_NSUBJ_PASS,     /* nsubj:pass */
    PL_DEP_OBL_AGENT,      /* obl:agent */
    PL_DEP_OBL_UNMARKED,   /* obl:unmarked (was obl:npmod, obl:tmod) */
    /* subtypes of older UD English releases */
    PL_DEP_NMOD_NPMOD,     /* nmod:npmod */
    PL_DEP_NMOD_TMOD,      /* nmod:tmod */
    PL_DEP_OBL_NPMOD,      /* obl:npmod */
    PL_DEP_OBL_TMOD,       /* obl:tmod */
    PL_DEP_FLAT_FOREIGN,   /* flat:foreign */
    PL_DEP_COUNT
};

/* Penn Treebank tags as used by UD English EWT (XPOS column). */
enum {
    PL_XPOS_NONE = 0,      /* unknown */
    PL_XPOS_DOLLAR,        /* $ */
    PL_XPOS_QUOTE_CLOSE,   /* '' */
    PL_XPOS_COMMA,         /* , */
    PL_XPOS_LRB,           /* -LRB- */
    PL_XPOS_RRB,           /* -RRB- */
    PL_XPOS_PERIOD,        /* . */
    PL_XPOS_COLON,         /* : */
    PL_XPOS_ADD, PL_XPOS_AFX, PL_XPOS_CC, PL_XPOS_CD, PL_XPOS_DT, PL_XPOS_EX,
    PL_XPOS_FW, PL_XPOS_GW, PL_XPOS_HYPH, PL_XPOS_IN, PL_XPOS_JJ, PL_XPOS_JJR,
    PL_XPOS_JJS, PL_XPOS_LS, PL_XPOS_MD, PL_XPOS_NFP, PL_XPOS_NN, PL_XPOS_NNP,
    PL_XPOS_NNPS, PL_XPOS_NNS, PL_XPOS_PDT, PL_XPOS_POS, PL_XPOS_PRP,
    PL_XPOS_PRP_S,         /* PRP$ */
    PL_XPOS_RB, PL_XPOS_RBR, PL_XPOS_RBS, PL_XPOS_RP, PL_XPOS_SYM, PL_XPOS_TO,
    PL_XPOS_UH, PL_XPOS_VB, PL_XPOS_VBD, PL_XPOS_VBG, PL_XPOS_VBN, PL_XPOS_VBP,
    PL_XPOS_VBZ, PL_XPOS_WDT, PL_XPOS_WP,
    PL_XPOS_WP_S,          /* WP$ */
    PL_XPOS_WRB, PL_XPOS_XX,
    PL_XPOS_QUOTE_OPEN,    /* `` */
    PL_XPOS_COUNT
};

/* Ids from names: 0 when the name is not in the set. n is the length of
 * name (the name need not be NUL-terminated). */
PL_INTERNAL unsigned pl_deprel_id(const char *name, size_t n);
PL_INTERNAL unsigned pl_xpos_id(const char *name, size_t n);
PL_INTERNAL unsigned pl_upos_id(const char *name, size_t n);

/* The universal relation of a subtype (PL_DEP_NSUBJ_PASS -> PL_DEP_NSUBJ);
 * a universal relation maps to itself, unknown ids to PL_DEP_NONE. */
PL_INTERNAL unsigned pl_deprel_base(unsigned dep);

#endif
