/*
 * test_coder.c — the event coder on hand-written dependency trees, so that
 * its logic is tested apart from the parser's accuracy, and the pattern
 * loader's errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "doc/doc.h"
#include "events/verbs.h"
#include "parley.h"
#include "syntax/syntax.h"

static pl_ctx *ctx;
static pl_verbs *verbs;

static const char *dict =
    "synset TALKS: talk, negotiation\n"
    "synset CRITICIZE: criticize, criticise, denounce, condemn\n"
    "synset SANCTION: sanction, embargo\n"
    "synset RESIGN_N: resignation, ouster\n"
    "synset ENVOY: diplomat, ambassador\n"
    "040   &TALKS with T\n"
    "041   conversation with T\n"
    "1121  &CRITICIZE T\n"
    "111   &CRITICIZE\n"
    "0874  withdraw from *\n"
    "087   withdraw\n"
    "0871  accept ceasefire\n"
    "163   impose &SANCTION on T\n"
    "036   meet with T\n"
    "036   meet T\n"
    "045   mediate T\n"
    "036   agree to meet\n"
    "-     say\n"
    "195   attack T\n"
    "1711  annex T\n"
    "046   negotiate with T\n"
    "1312  threaten to impose &SANCTION on T\n"
    "0256  urge T to withdraw\n"
    "039   offer to help resolve dispute\n"
    "0831  resignation\n"
    "1041  demand &RESIGN_N\n"
    "1663  expel &ENVOY\n";

/* A sentence from CoNLL-U lines "ID FORM LEMMA UPOS HEAD DEPREL" (space
 * separated, a subset of the columns) and its text. */
typedef struct fixture {
    pl_doc *doc;
    pl_sentence s;
    pl_token tok[64];
    char forms[64][32], lemmas[64][32];
    pl_mentions ms;
} fixture;

static void load(fixture *f, const char *date, const char *rows) {
    memset(f, 0, sizeof *f);
    char text[2048] = "";
    char line[256];
    const char *p = rows;
    int n = 0;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        p += len + (e ? 1 : 0);
        int id, head;
        char form[32], lemma[32], upos[16], rel[32];
        if (sscanf(line, "%d %31s %31s %15s %d %31s", &id, form, lemma, upos, &head, rel) != 6)
            continue;
        pl_token *k = &f->tok[n];
        strcpy(f->forms[n], form);
        strcpy(f->lemmas[n], lemma);
        k->form = f->forms[n];
        k->lemma = f->lemmas[n];
        k->off = (uint32_t)strlen(text);
        k->len = (uint32_t)strlen(form);
        strcat(text, form);
        strcat(text, " ");
        k->head = head;
        k->upos = (uint16_t)pl_upos_id(upos, strlen(upos));
        k->deprel = (uint16_t)pl_deprel_id(rel, strlen(rel));
        k->xpos = 0;
        n++;
    }
    f->doc = pl_doc_new(ctx, text, strlen(text), "t", date, NULL);
    f->s.tok = f->tok;
    f->s.ntok = (uint32_t)n;
    f->s.len = (uint32_t)strlen(text);
}

/* Adds a mention of tokens [start, end) (1-based, inclusive like CoNLL-U). */
static void mention(fixture *f, int start, int end, const char *code) {
    pl_mentions *ms = &f->ms;
    if (ms->n == ms->cap) {
        ms->cap = ms->cap ? ms->cap * 2 : 8;
        ms->m = realloc(ms->m, ms->cap * sizeof *ms->m);
    }
    pl_mention *m = &ms->m[ms->n++];
    memset(m, 0, sizeof *m);
    m->start = (uint32_t)start - 1;
    m->end = (uint32_t)end;
    m->head = (uint32_t)end - 1;
    m->off = f->tok[start - 1].off;
    m->len = f->tok[end - 1].off + f->tok[end - 1].len - m->off;
    m->name = "";
    snprintf(m->code, sizeof m->code, "%s", code);
    snprintf(m->country, sizeof m->country, "%.3s", code);
    snprintf(m->agent, sizeof m->agent, "%s", strlen(code) > 3 ? code + 3 : "");
    m->how = PL_FOUND_DICT;
    m->ref_sentence = -1;
}

static pl_events ev;

static int code(fixture *f, unsigned opts) {
    ev.n = 0;
    int n = pl_code_sentence(ctx, verbs, f->doc, &f->s, &f->ms, opts, &ev);
    if (n < 0)
        fprintf(stderr, "  code: %s\n", pl_errmsg(ctx));
    return n;
}

static void done(fixture *f) {
    pl_doc_free(f->doc);
    free(f->ms.m);
}

static int has(const char *src, const char *code, const char *tgt) {
    for (size_t i = 0; i < ev.n; i++)
        if (strcmp(ev.e[i].source.code, src) == 0 && strcmp(ev.e[i].code, code) == 0 &&
            strcmp(ev.e[i].target.code, tgt) == 0)
            return 1;
    for (size_t i = 0; i < ev.n; i++)
        fprintf(stderr, "    have: %s %s %s\n", ev.e[i].source.code, ev.e[i].code, ev.e[i].target.code);
    return 0;
}

TEST(light_verb_nominal) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Zelensky Zelensky PROPN 2 nsubj\n"
         "2 had have VERB 0 root\n"
         "3 a a DET 5 det\n"
         "4 phone phone NOUN 5 compound\n"
         "5 conversation conversation NOUN 2 obj\n"
         "6 with with ADP 7 case\n"
         "7 Trump Trump PROPN 5 nmod\n"
         "8 . . PUNCT 2 punct\n");
    mention(&f, 1, 1, "UKRGOV");
    mention(&f, 7, 7, "USAGOV");
    CHECK(code(&f, 0) == 1);
    CHECK(has("UKRGOV", "041", "USAGOV"));
    CHECK(ev.n == 1 && (ev.e[0].flags & PL_EV_NOMINAL));
    CHECK(ev.n == 1 && ev.e[0].quad == 1 && strcmp(ev.e[0].plover, "CONSULT") == 0);
    CHECK(ev.n == 1 && strcmp(ev.e[0].date, "2025-05-17") == 0);
    done(&f);
}

TEST(passive_agent) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Ukraine Ukraine PROPN 3 nsubj:pass\n"
         "2 was be AUX 3 aux:pass\n"
         "3 criticized criticize VERB 0 root\n"
         "4 by by ADP 5 case\n"
         "5 Russia Russia PROPN 3 obl:agent\n");
    mention(&f, 1, 1, "UKR");
    mention(&f, 5, 5, "RUS");
    CHECK(code(&f, 0) == 1);
    CHECK(has("RUS", "1121", "UKR"));
    done(&f);
}

TEST(clausal_target) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Kiev Kiev PROPN 2 nsubj\n"
         "2 denounced denounce VERB 0 root\n"
         "3 that that SCONJ 5 mark\n"
         "4 Moscow Moscow PROPN 5 nsubj\n"
         "5 attempted attempt VERB 2 ccomp\n"
         "6 to to PART 7 mark\n"
         "7 sabotage sabotage VERB 5 xcomp\n"
         "8 talks talk NOUN 7 obj\n");
    mention(&f, 1, 1, "UKRGOV");
    mention(&f, 4, 4, "RUSGOV");
    CHECK(code(&f, 0) == 1);
    CHECK(has("UKRGOV", "111", "RUSGOV"));
    done(&f);
}

TEST(demand_composed_from_obligation) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Moscow Moscow PROPN 2 nsubj\n"
         "2 reiterated reiterate VERB 0 root\n"
         "3 that that SCONJ 6 mark\n"
         "4 Ukraine Ukraine PROPN 6 nsubj\n"
         "5 should should AUX 6 aux\n"
         "6 withdraw withdraw VERB 2 ccomp\n"
         "7 from from ADP 9 case\n"
         "8 the the DET 9 det\n"
         "9 regions region NOUN 6 obl\n");
    mention(&f, 1, 1, "RUSGOV");
    mention(&f, 4, 4, "UKR");
    CHECK(code(&f, 0) == 1);
    CHECK(has("RUSGOV", "1056", "UKR"));
    CHECK(ev.n == 1 && (ev.e[0].flags & PL_EV_COMPOSED));
    done(&f);
}

TEST(negation_dropped_or_flagged) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Russia Russia PROPN 4 nsubj\n"
         "2 did do AUX 4 aux\n"
         "3 not not PART 4 advmod\n"
         "4 attack attack VERB 0 root\n"
         "5 Ukraine Ukraine PROPN 4 obj\n");
    mention(&f, 1, 1, "RUS");
    mention(&f, 5, 5, "UKR");
    CHECK(code(&f, 0) == 0);
    CHECK(code(&f, PL_CODE_KEEP_NEGATED) == 1);
    CHECK(ev.n == 1 && (ev.e[0].flags & PL_EV_NEGATED));
    done(&f);
}

TEST(historical_year) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Regions region NOUN 3 nsubj:pass\n"
         "2 were be AUX 3 aux:pass\n"
         "3 annexed annex VERB 0 root\n"
         "4 by by ADP 6 case\n"
         "5 the the DET 6 det\n"
         "6 Kremlin Kremlin PROPN 3 obl:agent\n"
         "7 in in ADP 8 case\n"
         "8 2022 2022 NUM 3 obl\n");
    mention(&f, 6, 6, "RUSGOV");
    CHECK(code(&f, 0) == 1);
    CHECK(ev.n == 1 && strcmp(ev.e[0].date, "2022") == 0 && (ev.e[0].flags & PL_EV_HISTORICAL));
    done(&f);
}

TEST(conjunction_fan_out) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Zelensky Zelensky PROPN 2 nsubj\n"
         "2 met meet VERB 0 root\n"
         "3 the the DET 4 det\n"
         "4 leaders leader NOUN 2 obj\n"
         "5 of of ADP 6 case\n"
         "6 France France PROPN 4 nmod\n"
         "7 , , PUNCT 8 punct\n"
         "8 Germany Germany PROPN 6 conj\n"
         "9 and and CCONJ 10 cc\n"
         "10 Poland Poland PROPN 6 conj\n");
    mention(&f, 1, 1, "UKRGOV");
    mention(&f, 6, 6, "FRA");
    mention(&f, 8, 8, "DEU");
    mention(&f, 10, 10, "POL");
    CHECK(code(&f, 0) == 3);
    CHECK(has("UKRGOV", "036", "FRA") && has("UKRGOV", "036", "DEU") && has("UKRGOV", "036", "POL"));
    done(&f);
}

TEST(conditional_sanction_is_threat) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Leaders leader NOUN 3 nsubj\n"
         "2 will will AUX 3 aux\n"
         "3 impose impose VERB 0 root\n"
         "4 sanctions sanction NOUN 3 obj\n"
         "5 on on ADP 6 case\n"
         "6 Moscow Moscow PROPN 3 obl\n"
         "7 if if SCONJ 10 mark\n"
         "8 steps step NOUN 10 nsubj:pass\n"
         "9 are be AUX 10 aux:pass\n"
         "10 ignored ignore VERB 3 advcl\n");
    mention(&f, 1, 1, "FRAGOV");
    mention(&f, 6, 6, "RUSGOV");
    CHECK(code(&f, 0) == 1);
    CHECK(has("FRAGOV", "1312", "RUSGOV"));
    done(&f);
}

TEST(reciprocal_and_between) {
    fixture f;
    load(&f, "2025-05-17",
         "1 talks talk NOUN 0 root\n"
         "2 between between ADP 3 case\n"
         "3 Russia Russia PROPN 1 nmod\n"
         "4 and and CCONJ 5 cc\n"
         "5 Ukraine Ukraine PROPN 3 conj\n");
    mention(&f, 3, 3, "RUS");
    mention(&f, 5, 5, "UKR");
    code(&f, 0);
    CHECK(has("RUS", "040", "UKR"));
    done(&f);
    load(&f, "2025-05-17",
         "1 Russia Russia PROPN 4 nsubj\n"
         "2 and and CCONJ 3 cc\n"
         "3 Ukraine Ukraine PROPN 1 conj\n"
         "4 met meet VERB 0 root\n");
    mention(&f, 1, 1, "RUS");
    mention(&f, 3, 3, "UKR");
    CHECK(code(&f, 0) == 2);
    CHECK(has("RUS", "036", "UKR") && has("UKR", "036", "RUS"));
    done(&f);
}

TEST(intent_composition) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Iran Iran PROPN 2 nsubj\n"
         "2 agreed agree VERB 0 root\n"
         "3 to to PART 4 mark\n"
         "4 meet meet VERB 2 xcomp\n"
         "5 Israel Israel PROPN 4 obj\n");
    mention(&f, 1, 1, "IRN");
    mention(&f, 5, 5, "ISR");
    CHECK(code(&f, 0) == 1);
    CHECK(has("IRN", "036", "ISR"));
    done(&f);
}

TEST(sub_patterns) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Washington Washington PROPN 2 nsubj\n"
         "2 threatened threaten VERB 0 root\n"
         "3 to to PART 4 mark\n"
         "4 impose impose VERB 2 xcomp\n"
         "5 sanctions sanction NOUN 4 obj\n"
         "6 on on ADP 7 case\n"
         "7 Tehran Tehran PROPN 4 obl\n");
    mention(&f, 1, 1, "USAGOV");
    mention(&f, 7, 7, "IRNGOV");
    CHECK(code(&f, 0) == 1);
    CHECK(has("USAGOV", "1312", "IRNGOV"));
    done(&f);
    load(&f, "2025-05-17",
         "1 Egypt Egypt PROPN 2 nsubj\n"
         "2 urged urge VERB 0 root\n"
         "3 Israel Israel PROPN 2 obj\n"
         "4 to to PART 5 mark\n"
         "5 withdraw withdraw VERB 2 xcomp\n");
    mention(&f, 1, 1, "EGY");
    mention(&f, 3, 3, "ISR");
    CHECK(code(&f, 0) == 1);
    CHECK(has("EGY", "0256", "ISR"));
    done(&f);
    load(&f, "2025-05-17",
         "1 Qatar Qatar PROPN 2 nsubj\n"
         "2 offered offer VERB 0 root\n"
         "3 to to PART 4 mark\n"
         "4 help help VERB 2 xcomp\n"
         "5 resolve resolve VERB 4 xcomp\n"
         "6 the the DET 7 det\n"
         "7 dispute dispute NOUN 5 obj\n");
    mention(&f, 1, 1, "QAT");
    CHECK(code(&f, 0) == 1);
    CHECK(has("QAT", "039", "")); /* no target named: the event has none */
    done(&f);
}

TEST(reported_hostility_is_accusation) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Tusk Tusk PROPN 2 nsubj\n"
         "2 said say VERB 0 root\n"
         "3 that that SCONJ 5 mark\n"
         "4 Russians Russian PROPN 5 nsubj\n"
         "5 attacked attack VERB 2 ccomp\n"
         "6 Ukraine Ukraine PROPN 5 obj\n");
    mention(&f, 1, 1, "POLGOV");
    mention(&f, 4, 4, "RUS");
    mention(&f, 6, 6, "UKR");
    CHECK(code(&f, 0) == 2);
    CHECK(has("RUS", "195", "UKR") && has("POLGOV", "112", "RUS"));
    CHECK(ev.n == 2 && strcmp(ev.e[0].code, "195") == 0); /* the reported event first */
    CHECK(ev.n == 2 && (ev.e[0].flags & PL_EV_REPORTED));
    done(&f);
}

TEST(nominal_content_and_object_actors) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Protesters protester NOUN 2 nsubj\n"
         "2 demanded demand VERB 0 root\n"
         "3 Pashinyan Pashinyan PROPN 5 nmod:poss\n"
         "4 's 's PART 3 case\n"
         "5 resignation resignation NOUN 2 obj\n");
    mention(&f, 1, 1, "CVL");
    mention(&f, 3, 3, "ARMGOV");
    CHECK(code(&f, 0) == 1);
    CHECK(has("CVL", "1041", "ARMGOV"));
    done(&f);
    load(&f, "2025-05-17",
         "1 Poland Poland PROPN 2 nsubj\n"
         "2 expelled expel VERB 0 root\n"
         "3 Russian Russian ADJ 4 amod\n"
         "4 diplomats diplomat NOUN 2 obj\n");
    mention(&f, 1, 1, "POL");
    mention(&f, 3, 4, "RUSGOV");
    CHECK(code(&f, 0) == 1);
    CHECK(has("POL", "1663", "RUSGOV"));
    done(&f);
    load(&f, "2025-05-17",
         "1 Egypt Egypt PROPN 2 nsubj\n"
         "2 urged urge VERB 0 root\n"
         "3 Israel Israel PROPN 2 obj\n"
         "4 to to PART 5 mark\n"
         "5 hold hold VERB 2 xcomp\n"
         "6 talks talk NOUN 5 obj\n"
         "7 with with ADP 8 case\n"
         "8 Hamas Hamas PROPN 6 nmod\n");
    mention(&f, 1, 1, "EGY");
    mention(&f, 3, 3, "ISR");
    mention(&f, 8, 8, "PSEREB");
    CHECK(code(&f, 0) == 1);
    CHECK(has("EGY", "026", "ISR")); /* an appeal is addressed to Israel */
    done(&f);
}

TEST(explain_says_why) {
    fixture f;
    load(&f, "2025-05-17",
         "1 Officials official NOUN 2 nsubj\n"
         "2 said say VERB 0 root\n");
    CHECK(code(&f, PL_CODE_EXPLAIN) == 0);
    CHECK(ev.explain && strstr(ev.explain, "blocked") != NULL);
    done(&f);
}

static int load_error(const char *text, const char *want) {
    char path[] = "/tmp/plverbsXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, text, strlen(text)) < 0) {
        close(fd);
        return 0;
    }
    close(fd);
    char name[64];
    snprintf(name, sizeof name, "%s.txt", path);
    rename(path, name);
    pl_verbs *v = pl_verbs_load(ctx, name);
    unlink(name);
    int ok = v == NULL && strstr(pl_errmsg(ctx), want) != NULL && strstr(pl_errmsg(ctx), ".txt:") != NULL;
    if (!ok)
        fprintf(stderr, "  got: %s\n", pl_errmsg(ctx));
    pl_verbs_free(v);
    return ok;
}

TEST(loader_errors) {
    CHECK(load_error("040 talk with T\n999 foo T\n", ":2: unknown CAMEO event code '999'"));
    CHECK(load_error("040 &NOPE with T\n", ":1: synset '&NOPE' is not defined"));
    CHECK(load_error("synset lower: a, b\n", ":1: synset name 'lower'"));
    CHECK(load_error("040 talk T with T\n", ":1: 'T' appears twice"));
    CHECK(load_error("040\n", ":1: '040' alone"));
    CHECK(load_error("040 T talk\n", "starts with its predicate"));
    CHECK(load_error("040 talk with T about on for over\n", "at most 4 prepositions"));
}

TEST(petrarch_import) {
    char *text = NULL;
    size_t len = 0;
    CHECK(pl_verbs_import_petrarch(ctx, "tests/data/verbs/sample.verbs", &text, &len) == PL_OK);
    CHECK(text && strstr(text, "synset ARMS: weapon, arms, missile\n"));
    CHECK(text && strstr(text, "111   condemn\n"));
    CHECK(text && strstr(text, "1123  denounce T for attack\n"));
    CHECK(text && strstr(text, "072   supply &ARMS to T\n"));
    CHECK(text && strstr(text, "125   ignore T\n")); /* a word after + has no slot */
    CHECK(text && !strstr(text, "ignore\n"));
    free(text);
    pl_verbs *v = pl_verbs_load(ctx, "tests/data/verbs/sample.verbs");
    CHECK(v != NULL);
    pl_verbs_free(v);
    CHECK(pl_verbs_import_petrarch(ctx, "tests/data/verbs/bad.verbs", &text, &len) == PL_EFORMAT);
    CHECK(strstr(pl_errmsg(ctx), "bad.verbs:3: pattern without a valid [code]") != NULL);
}

int main(void) {
    ctx = pl_ctx_new();
    char path[] = "/tmp/pltestverbsXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, dict, strlen(dict)) < 0)
        return 1;
    close(fd);
    char name[64];
    snprintf(name, sizeof name, "%s.txt", path);
    rename(path, name);
    verbs = pl_verbs_load(ctx, name);
    unlink(name);
    if (!verbs) {
        fprintf(stderr, "%s\n", pl_errmsg(ctx));
        printf("FAIL load_test_dictionary\n");
        return 1;
    }
    RUN(light_verb_nominal);
    RUN(passive_agent);
    RUN(clausal_target);
    RUN(demand_composed_from_obligation);
    RUN(negation_dropped_or_flagged);
    RUN(historical_year);
    RUN(conjunction_fan_out);
    RUN(conditional_sanction_is_threat);
    RUN(reciprocal_and_between);
    RUN(intent_composition);
    RUN(sub_patterns);
    RUN(reported_hostility_is_accusation);
    RUN(nominal_content_and_object_actors);
    RUN(explain_says_why);
    RUN(loader_errors);
    RUN(petrarch_import);
    pl_events_free(&ev);
    pl_verbs_free(verbs);
    pl_ctx_free(ctx);
    return t_done();
}
