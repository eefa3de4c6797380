/*
 * parse.c — the public face of the syntax stage: parsers (per-thread
 * scratch plus the lemma arena) and pl_parse, which runs tagger, lemmatizer
 * and parser over one sentence.
 *
 * Memory: a parser holds fixed arrays for PL_MAX_SENT_TOKENS tokens,
 * allocated once, and an arena for lemma strings that is reset at the start
 * of every sentence; parsing allocates nothing else.
 */
#include <stdlib.h>
#include <string.h>

#include "syntax/sx.h"

struct pl_parser {
    pl_ctx *ctx;
    const pl_model *m;
    pl_arena arena;                           /* lemmas, lowercased forms */
    sx_tok tok[PL_MAX_SENT_TOKENS];           /* atoms of the current sentence */
    int32_t stack[PL_MAX_SENT_TOKENS + 1];
    sx_node node[PL_MAX_SENT_TOKENS + 2];
    pl_token own[PL_MAX_SENT_TOKENS];         /* the sentence of pl_parse_tokens */
    const char *form[PL_MAX_SENT_TOKENS];     /* forms of the current sentence */
    pl_sentence sent;
};

pl_parser *pl_parser_new(pl_ctx *ctx, const pl_model *m) {
    if (!ctx)
        return NULL;
    if (!m) {
        pl_fail(ctx, PL_EARG, "pl_parser_new: no model");
        return NULL;
    }
    pl_parser *p = calloc(1, sizeof *p);
    if (!p) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    p->ctx = ctx;
    p->m = m;
    return p;
}

void pl_parser_free(pl_parser *p) {
    if (!p)
        return;
    pl_arena_free(&p->arena);
    free(p);
}

int pl_parse(pl_parser *p, pl_sentence *s) {
    if (!p || !s)
        return p ? pl_fail(p->ctx, PL_EARG, "pl_parse: no sentence") : PL_EARG;
    if (s->ntok > PL_MAX_SENT_TOKENS)
        return pl_fail(p->ctx, PL_ELIMIT, "sentence of %u tokens (at most %d)", s->ntok,
                       PL_MAX_SENT_TOKENS);
    pl_arena_reset(&p->arena);
    int n = (int)s->ntok;
    if (n == 0)
        return PL_OK;
    const pl_model *m = p->m;
    char lower[SX_MAX_FORM];
    for (int i = 0; i < n; i++) {
        p->form[i] = s->tok[i].form ? s->tok[i].form : "";
        sx_tok_setup(&p->tok[i], p->form[i], i == 0, &m->lex, &m->wnet, lower);
    }
    sx_sent_flags(p->tok, n);
    sx_tag(m, p->tok, n);
    for (int i = 0; i < n; i++) {
        pl_token *tk = &s->tok[i];
        unsigned tag = p->tok[i].tag - 1u;
        const char *form = tk->form ? tk->form : "";
        tk->upos = m->tag_upos[tag];
        tk->xpos = m->tag_xpos[tag];
        size_t len = sx_lower(form, strlen(form), lower, sizeof lower);
        tk->lemma = sx_lemma(m, &p->arena, form, lower, len, tag);
        if (!tk->lemma)
            return pl_fail(p->ctx, PL_ENOMEM, "out of memory");
        p->tok[i].sem = (uint16_t)sx_sem(m, tk->lemma, tk->upos);
    }
    sx_state st = {.stack = p->stack, .node = p->node};
    sx_state_init(&st, n);
    sx_parse_tree(m, &st, p->tok);
    sx_punct_fix(m, &st, p->tok, p->form);
    sx_label_fix(m, &st, p->tok, p->form);
    for (int i = 0; i < n; i++) {
        const sx_node *nd = &p->node[i + 1];
        s->tok[i].head = nd->head;
        s->tok[i].deprel = nd->label ? m->label_dep[nd->label - 1] : 0;
    }
    return PL_OK;
}

int pl_parse_tokens(pl_parser *p, const char *const *forms, uint32_t n, pl_sentence **out) {
    if (!p || !out || (n > 0 && !forms))
        return p ? pl_fail(p->ctx, PL_EARG, "pl_parse_tokens: missing argument") : PL_EARG;
    if (n > PL_MAX_SENT_TOKENS)
        return pl_fail(p->ctx, PL_ELIMIT, "sentence of %u tokens (at most %d)", n,
                       PL_MAX_SENT_TOKENS);
    for (uint32_t i = 0; i < n; i++) {
        pl_token *t = &p->own[i];
        memset(t, 0, sizeof *t);
        t->form = forms[i] ? forms[i] : "";
        t->head = -1;
        t->flags = PL_TOK_SPACE_AFTER;
    }
    memset(&p->sent, 0, sizeof p->sent);
    p->sent.ntok = n;
    p->sent.tok = p->own;
    *out = &p->sent;
    return pl_parse(p, &p->sent);
}
