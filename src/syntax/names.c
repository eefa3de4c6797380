/*
 * names.c — printable names of the syntax tag sets, and the reverse lookups
 * used when a model's label strings are mapped to the fixed ids.
 */
#include <string.h>

#include "syntax/syntax.h"

static const char *const deprel[PL_DEP_COUNT] = {
    "_",
    "acl", "advcl", "advmod", "amod", "appos",
    "aux", "case", "cc", "ccomp", "clf",
    "compound", "conj", "cop", "csubj", "dep",
    "det", "discourse", "dislocated", "expl", "fixed",
    "flat", "goeswith", "iobj", "list", "mark",
    "nmod", "nsubj", "nummod", "obj", "obl",
    "orphan", "parataxis", "punct", "reparandum", "root",
    "vocative", "xcomp",
    "acl:relcl", "advcl:relcl", "aux:pass", "cc:preconj", "compound:prt",
    "csubj:outer", "csubj:pass", "det:predet", "nmod:desc", "nmod:poss",
    "nmod:unmarked", "nsubj:outer", "nsubj:pass", "obl:agent", "obl:unmarked",
    "nmod:npmod", "nmod:tmod", "obl:npmod", "obl:tmod", "flat:foreign",
};

static const char *const xpos[PL_XPOS_COUNT] = {
    "_", "$", "''", ",", "-LRB-", "-RRB-", ".", ":",
    "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "GW", "HYPH", "IN", "JJ", "JJR",
    "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP",
    "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG",
    "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "``",
};

const char *pl_deprel_name(unsigned dep) {
    return dep < PL_DEP_COUNT ? deprel[dep] : "_";
}

const char *pl_xpos_name(unsigned x) {
    return x < PL_XPOS_COUNT ? xpos[x] : "_";
}

static unsigned find(const char *const *names, unsigned count, const char *s, size_t n) {
    for (unsigned i = 1; i < count; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return i;
    return 0;
}

unsigned pl_deprel_id(const char *name, size_t n) {
    return find(deprel, PL_DEP_COUNT, name, n);
}

unsigned pl_xpos_id(const char *name, size_t n) {
    return find(xpos, PL_XPOS_COUNT, name, n);
}

unsigned pl_upos_id(const char *name, size_t n) {
    for (unsigned i = 1; i < PL_UPOS_COUNT; i++) {
        const char *u = pl_upos_name(i);
        if (strlen(u) == n && memcmp(u, name, n) == 0)
            return i;
    }
    return 0;
}

unsigned pl_deprel_base(unsigned dep) {
    if (dep == 0 || dep >= PL_DEP_COUNT)
        return PL_DEP_NONE;
    const char *name = deprel[dep], *colon = strchr(name, ':');
    return colon ? find(deprel, PL_DEP_COUNT, name, (size_t)(colon - name)) : dep;
}
