/*
 * read_text.c — plain text and JSON Lines records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "read/read.h"

int read_parse_date(const char *s, char out[11]) {
    size_t n = strlen(s);
    if (n >= 10 && s[4] == '-' && s[7] == '-' && (n == 10 || s[10] == 'T' || s[10] == ' ')) {
        memcpy(out, s, 10);
        out[10] = 0;
        return pl_valid_date(out);
    }
    if (n == 8 && strspn(s, "0123456789") == 8) {
        snprintf(out, 11, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
        return pl_valid_date(out);
    }
    return 0;
}

pl_doc *read_text_doc(pl_ctx *ctx, char *buf, size_t len, const char *path) {
    /* title: the first non-empty line, trimmed, at most 1000 bytes */
    size_t i = 0;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
        i++;
    size_t e = i;
    while (e < len && buf[e] != '\n' && e - i < 1000)
        e++;
    while (e > i && (buf[e - 1] == ' ' || buf[e - 1] == '\t' || buf[e - 1] == '\r'))
        e--;
    char title[1001];
    memcpy(title, buf + i, e - i);
    title[e - i] = 0;
    return doc_make(ctx, buf, len, NULL, NULL, title, NULL, NULL, path);
}

/* A string field, or NULL when absent; warns once when present but wrong. */
static const char *field(pl_ctx *ctx, const cJSON *o, const char *name, const char *path,
                         uint64_t lineno, char *numbuf) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (cJSON_IsString(v))
        return v->valuestring;
    if (numbuf && cJSON_IsNumber(v)) { /* numeric ids are common */
        /* ...but JSON numbers arrive as doubles: an integer beyond 2^53
         * (a 64-bit id) or a fraction would come out rounded, and two
         * records could share an id (the store would then keep one). */
        double d = v->valuedouble;
        if (d > -9007199254740992.0 && d < 9007199254740992.0 && d == (double)(long long)d) {
            snprintf(numbuf, 32, "%lld", (long long)d);
            return numbuf;
        }
        pl_warn(ctx, "%s:%llu: field \"%s\" is a number that cannot be kept exactly (write it "
                "as a string); ignored", path, (unsigned long long)lineno, name);
        return NULL;
    }
    pl_warn(ctx, "%s:%llu: field \"%s\" is not a string; ignored", path,
            (unsigned long long)lineno, name);
    return NULL;
}

pl_doc *read_json_doc(pl_ctx *ctx, const char *line, size_t len, const char *path,
                      uint64_t lineno, const char **why) {
    *why = NULL;
    cJSON *o = cJSON_ParseWithLength(line, len);
    if (!o) {
        *why = "invalid JSON";
        return NULL;
    }
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        *why = "not a JSON object";
        return NULL;
    }
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "text");
    if (!cJSON_IsString(t)) {
        *why = t ? "field \"text\" is not a string" : "no \"text\" field";
        cJSON_Delete(o);
        return NULL;
    }
    char num[32];
    const char *id = field(ctx, o, "id", path, lineno, num);
    const char *title = field(ctx, o, "title", path, lineno, NULL);
    const char *date = field(ctx, o, "date", path, lineno, NULL);
    const char *source = field(ctx, o, "source", path, lineno, NULL);
    const char *url = field(ctx, o, "url", path, lineno, NULL);
    char day[11] = "";
    if (date && *date && !read_parse_date(date, day)) {
        pl_warn(ctx, "%s:%llu: date \"%.40s\" is not ISO 8601; using the default", path,
                (unsigned long long)lineno, date);
        day[0] = 0;
    }
    /* the text offsets refer to: title, blank line, body (unless the body
     * already opens with the title) */
    const char *body = t->valuestring;
    size_t blen = strlen(body), tlen = title ? strlen(title) : 0;
    int with_title = tlen > 0 && strncmp(body, title, tlen) != 0;
    size_t n = with_title ? tlen + 2 + blen : blen;
    char *text = malloc(n + 1);
    pl_doc *d = NULL;
    if (text) {
        if (with_title) {
            memcpy(text, title, tlen);
            memcpy(text + tlen, "\n\n", 2);
            memcpy(text + tlen + 2, body, blen);
        } else {
            memcpy(text, body, blen);
        }
        text[n] = 0;
        /* NUL bytes would end C strings early downstream: make them spaces */
        for (size_t i = 0; i < n; i++)
            if (!text[i])
                text[i] = ' ';
        char where[64];
        snprintf(where, sizeof where, ":%llu", (unsigned long long)lineno);
        char *p = malloc(strlen(path) + sizeof where);
        if (p) {
            strcpy(p, path);
            strcat(p, where);
            d = doc_make(ctx, text, n, id, day, title, source, url, p);
            free(p);
        } else {
            free(text);
        }
    }
    if (!d)
        pl_fail(ctx, PL_ENOMEM, "out of memory");
    cJSON_Delete(o);
    return d;
}
