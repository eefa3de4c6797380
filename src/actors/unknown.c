/*
 * unknown.c — proper names no dictionary knows, so users see what their
 * dictionaries miss (`parley actors --unknown`).
 *
 * A name is a run of capitalized words (PROPN words once the tagger has
 * run) with particles inside (bin, von der, al-), not covered by any
 * mention or dictionary name. Headlines and all-capitals lines are skipped:
 * every word is capitalized there. Function words and calendar words never
 * start a run. A one-word run at the start of the sentence is flagged, as
 * it is as likely an ordinary word ("Officials said ...").
 */
#include <string.h>

#include "actors/actors.h"

static int stop_word(const pl_token *t) {
    static const char *const w[] = {
        "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "of", "to", "by", "with",
        "from", "as", "after", "before", "while", "when", "this", "that", "these", "those", "it",
        "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "its", "my", "your",
        "there", "here", "if", "although", "despite", "during", "meanwhile", "however", "among",
        "since", "until", "according", "what", "who", "why", "how", "where", "which", "not",
        "both", "former", "other", "several", "each", "every",
        "no", "yes", "so", "then", "also", "still", "even", "all", "some", "many", "more", "most",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
        "sept.", "oct.", "nov.", "dec.", "mr.", "mrs.", "ms.", "dr.", "ok", NULL};
    for (int i = 0; w[i]; i++)
        if (act_is(t, w[i]))
            return 1;
    return 0;
}

static int particle(const pl_token *t) {
    static const char *const w[] = {"bin", "ibn", "al", "el", "de", "da", "di", "du", "van",
                                    "von", "der", "den", "la", "le", "del", "dos", "of", "-",
                                    "'s", NULL};
    for (int i = 0; w[i]; i++)
        if (strcmp(t->form, w[i]) == 0)
            return 1;
    return 0;
}

size_t pl_unknown_names(const pl_sentence *s, const pl_mentions *ms, pl_span *out, size_t cap) {
    const act_work *w = ms ? ms->work : NULL;
    const act_tok *ti = w && w->s == s && w->tok == s->tok && w->ntok == s->ntok ? w->ti : NULL;
    uint32_t n = s->ntok;
    if (n == 0 || (s->flags & PL_SENT_HEADLINE))
        return 0;
    int tagged = s->tok[0].upos != 0;
    /* a line in capitals is all "names" */
    uint32_t letters = 0, caps = 0;
    for (uint32_t i = 0; i < n; i++) {
        const char *f = s->tok[i].form;
        if (!((f[0] | 0x20) >= 'a' && (f[0] | 0x20) <= 'z'))
            continue;
        letters++;
        int all = 1;
        for (const char *p = f; *p && all; p++)
            if (*p >= 'a' && *p <= 'z')
                all = 0;
        caps += all;
    }
    if (!tagged && letters >= 4 && caps * 10 >= letters * 8)
        return 0;
    size_t count = 0;
    for (uint32_t i = 0; i < n;) {
        const pl_token *t = &s->tok[i];
        int covered = 0;
        if (ti)
            covered = (ti[i].flags & (ACT_T_COVERED | ACT_T_KNOWN)) != 0;
        for (size_t k = 0; ms && k < ms->n && !covered; k++)
            covered = i >= ms->m[k].start && i < ms->m[k].end;
        int nameish = tagged ? t->upos == PL_UPOS_PROPN
                             : act_capitalized(t->form, strlen(t->form)) && !stop_word(t);
        if (covered || !nameish) {
            i++;
            continue;
        }
        uint32_t j = i + 1, end = j;
        while (j < n) {
            const pl_token *u = &s->tok[j];
            int cov = ti ? (ti[j].flags & (ACT_T_COVERED | ACT_T_KNOWN)) != 0 : 0;
            for (size_t k = 0; ms && k < ms->n && !cov; k++)
                cov = j >= ms->m[k].start && j < ms->m[k].end;
            if (cov)
                break;
            int ok = tagged ? u->upos == PL_UPOS_PROPN
                            : act_capitalized(u->form, strlen(u->form)) && !stop_word(u);
            if (ok) {
                end = ++j;
                continue;
            }
            if (particle(u) && j + 1 < n && strcmp(u->form, "'s") != 0) {
                j++;
                continue;
            }
            break;
        }
        if (count < cap) {
            /* initial: only punctuation before it ('"Officials said') */
            int initial = end - i == 1;
            for (uint32_t k = 0; k < i && initial; k++) {
                unsigned char c0 = (unsigned char)s->tok[k].form[0];
                initial = !(c0 >= 0x80 || ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z') ||
                            (c0 >= '0' && c0 <= '9'));
            }
            out[count].start = i;
            out[count].end = end;
            out[count].flags = initial ? PL_SPAN_INITIAL : 0;
        }
        count++;
        i = end > i ? end : i + 1;
    }
    return count;
}
