/*
 * writer.c — event records in the formats users already load.
 *
 * JSON Lines is parley's own record: every field of pl_event, with the
 * evidence sentence and spans. GDELT rows have all 61 columns of the GDELT
 * 2.0 event table in order, empty where parley knows nothing (tone, ADM2;
 * geography when no place was found). PLOVER lines follow the PLOVER
 * record (actor and recipient objects, event type and mode).
 */
#include <stdio.h>
#include <string.h>

#include "doc/doc.h"
#include "write/writer.h"

int wr_format(const char *s) {
    static const char *const names[] = {"jsonl", "gdelt", "plover", "petrarch", "csv"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

uint64_t wr_event_id(const pl_doc *doc, const pl_event *e) {
    char key[256];
    int n = snprintf(key, sizeof key, "%s|%u|%s|%s|%s|%u", doc->id, e->sentence, e->source.code,
                     e->code, e->target.code, e->verb_off);
    return pl_hash64(key, n < 0 ? 0 : (size_t)n < sizeof key ? (size_t)n : sizeof key - 1) &
           ((1ULL << 53) - 1);
}

static void jstr(pl_buf *b, const char *s, size_t n) {
    pl_buf_putc(b, '"');
    pl_buf_json(b, s, n);
    pl_buf_putc(b, '"');
}

static void jkey(pl_buf *b, const char *k, const char *v) {
    pl_buf_printf(b, "\"%s\":", k);
    jstr(b, v, strlen(v));
}

static const char *const flag_names[] = {"negated", "hypothetical", "future", "historical",
                                         "reported", "nominal", "composed", "background"};

static void json_actor(pl_buf *b, const pl_doc *doc, const pl_event_actor *a) {
    pl_buf_putc(b, '{');
    jkey(b, "code", a->code);
    pl_buf_putc(b, ',');
    jkey(b, "country", a->country);
    pl_buf_putc(b, ',');
    jkey(b, "agent", a->agent);
    pl_buf_putc(b, ',');
    jkey(b, "entry", a->entry);
    pl_buf_puts(b, ",\"text\":");
    jstr(b, doc->text + a->off, a->len);
    pl_buf_printf(b, ",\"start\":%u,\"end\":%u,\"how\":\"%s\"}", a->off, a->off + a->len,
                  a->how ? pl_found_name(a->how) : "");
}

/* A place as a JSON object (docs/places.md), or null when unknown. */
static void json_geo(pl_buf *b, const pl_doc *doc, const pl_geo *g) {
    if (!g->type) {
        pl_buf_puts(b, "null");
        return;
    }
    pl_buf_printf(b, "{\"type\":\"%s\",", pl_geo_type_name(g->type));
    jkey(b, "name", g->name);
    pl_buf_putc(b, ',');
    jkey(b, "full", g->full);
    pl_buf_printf(b, ",\"country\":\"%s\",\"iso3\":\"%s\",\"fips\":\"%s\",\"adm1\":\"%s\","
                     "\"lat\":%.5f,\"lon\":%.5f,\"geonames\":%u,\"feature\":\"%s\",\"how\":\"%s\","
                     "\"why\":\"%s\"",
                  g->country, g->iso3, g->fips, g->adm1, g->lat, g->lon, g->geonames, g->feature,
                  pl_loc_name(g->how), pl_why_name(g->why));
    if (g->len) {
        pl_buf_puts(b, ",\"text\":");
        jstr(b, doc->text + g->off, g->len);
        pl_buf_printf(b, ",\"start\":%u,\"end\":%u", g->off, g->off + g->len);
    }
    pl_buf_putc(b, '}');
}

static void jsonl(pl_buf *b, const pl_doc *doc, const pl_event *e) {
    pl_buf_puts(b, "{");
    jkey(b, "doc", doc->id);
    pl_buf_printf(b, ",\"sentence\":%u,", e->sentence);
    jkey(b, "date", e->date);
    pl_buf_puts(b, ",\"source\":");
    json_actor(b, doc, &e->source);
    pl_buf_puts(b, ",\"target\":");
    json_actor(b, doc, &e->target);
    pl_buf_printf(b, ",\"code\":\"%s\",\"base\":\"%s\",\"root\":\"%s\",\"quad\":%d,\"goldstein\":%.1f,",
                  e->code, e->base, e->root, e->quad, e->goldstein);
    jkey(b, "plover", e->plover);
    pl_buf_putc(b, ',');
    jkey(b, "plover_mode", e->plover_mode);
    pl_buf_puts(b, ",\"flags\":[");
    int first = 1;
    for (unsigned i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++)
        if (e->flags & (1u << i)) {
            pl_buf_printf(b, "%s\"%s\"", first ? "" : ",", flag_names[i]);
            first = 0;
        }
    pl_buf_puts(b, "],\"verb\":");
    jstr(b, doc->text + e->verb_off, e->verb_len);
    pl_buf_printf(b, ",\"verb_start\":%u,\"verb_end\":%u,\"pattern\":", e->verb_off, e->verb_off + e->verb_len);
    char where[1200];
    snprintf(where, sizeof where, "%s:%u", e->pattern_file, e->pattern_line);
    jstr(b, where, strlen(where));
    pl_buf_printf(b, ",\"confidence\":%.2f,\"mentions\":%u,\"evidence\":", e->confidence, e->mentions);
    jstr(b, doc->text + e->sent_off, e->sent_len);
    pl_buf_printf(b, ",\"evidence_start\":%u,\"evidence_end\":%u", e->sent_off, e->sent_off + e->sent_len);
    pl_buf_puts(b, ",\"location\":");
    json_geo(b, doc, &e->location);
    if (doc->url[0]) {
        pl_buf_putc(b, ',');
        jkey(b, "url", doc->url);
    }
    pl_buf_puts(b, "}\n");
}

/* A field for TSV/CSV: no tabs or newlines inside. */
static void tsv_text(pl_buf *b, const char *s, size_t n) {
    size_t start = b->len;
    pl_buf_utf8(b, s, n);
    for (size_t i = start; i < b->len && !b->err; i++)
        if (b->p[i] == '\t' || b->p[i] == '\n' || b->p[i] == '\r')
            b->p[i] = ' ';
}

static void csv_text(pl_buf *b, const char *s, size_t n) {
    pl_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            pl_buf_putc(b, '"');
        pl_buf_putc(b, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
    }
    pl_buf_putc(b, '"');
}

/* YYYYMMDD from an event date ("2025-05-17", or "2022" -> 20220101). */
static void sqldate(const char *d, char out[9]) {
    if (strlen(d) >= 10)
        snprintf(out, 9, "%.4s%.2s%.2s", d, d + 5, d + 8);
    else if (strlen(d) == 4)
        snprintf(out, 9, "%.4s0101", d);
    else
        out[0] = 0;
}

static void gdelt_actor(pl_buf *b, const pl_event_actor *a) {
    /* Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
     * Religion2Code, Type1Code, Type2Code, Type3Code */
    char name[256];
    size_t k = 0;
    for (const char *p = a->entry; *p && k + 1 < sizeof name; p++)
        name[k++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : (*p == '\t' ? ' ' : *p);
    name[k] = 0;
    int igo = strncmp(a->code, "IGO", 3) == 0 || strncmp(a->code, "NGO", 3) == 0;
    pl_buf_printf(b, "%s\t%s\t%s\t%s\t\t\t\t", a->code, name, a->country, igo ? a->code + 3 : "");
    char type[4] = "";
    if (!igo && strlen(a->agent) >= 3)
        snprintf(type, sizeof type, "%.3s", a->agent);
    pl_buf_printf(b, "%s\t\t\t", type);
}

/* Geo_Type, FullName, CountryCode (FIPS 10-4), ADM1Code, ADM2Code (empty),
 * Lat, Long, FeatureID: empty when unknown. */
static void gdelt_geo(pl_buf *b, const pl_geo *g) {
    if (!g->type) {
        pl_buf_puts(b, "\t\t\t\t\t\t\t\t");
        return;
    }
    pl_buf_printf(b, "%u\t", g->type);
    tsv_text(b, g->full, strlen(g->full));
    pl_buf_printf(b, "\t%s\t%s\t\t%.4f\t%.4f\t%s\t", g->fips, g->adm1, g->lat, g->lon, g->feature);
}

static void gdelt(pl_buf *b, const pl_doc *doc, const pl_event *e) {
    char d[9];
    sqldate(e->date, d);
    int y = d[0] ? (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0') : 0;
    int m = d[0] ? (d[4] - '0') * 10 + (d[5] - '0') : 0, day = d[0] ? (d[6] - '0') * 10 + (d[7] - '0') : 0;
    pl_buf_printf(b, "%llu\t%s\t", (unsigned long long)wr_event_id(doc, e), d);
    if (d[0])
        pl_buf_printf(b, "%.6s\t%d\t%.4f\t", d, y, y + ((m - 1) * 30.4 + day) / 365.0);
    else
        pl_buf_puts(b, "\t\t\t");
    gdelt_actor(b, &e->source);
    gdelt_actor(b, &e->target);
    pl_buf_printf(b, "%d\t%s\t%s\t%s\t%d\t%.1f\t%u\t1\t1\t\t", e->sentence == 0 ? 1 : 0, e->code, e->base,
                  e->root, e->quad, e->goldstein, e->mentions);
    /* Actor1Geo, Actor2Geo (the actors' countries), ActionGeo: 8 columns each */
    gdelt_geo(b, &e->source_geo);
    gdelt_geo(b, &e->target_geo);
    gdelt_geo(b, &e->location);
    pl_buf_printf(b, "%s000000\t", d);
    if (doc->url[0])
        tsv_text(b, doc->url, strlen(doc->url));
    else
        tsv_text(b, doc->id, strlen(doc->id));
    pl_buf_putc(b, '\n');
}

static void plover_actor(pl_buf *b, const pl_doc *doc, const pl_event_actor *a) {
    pl_buf_putc(b, '{');
    jkey(b, "code", a->code);
    pl_buf_putc(b, ',');
    jkey(b, "country", a->country);
    pl_buf_putc(b, ',');
    jkey(b, "sector", a->agent);
    pl_buf_puts(b, ",\"entity_text\":");
    jstr(b, doc->text + a->off, a->len);
    pl_buf_putc(b, '}');
}

static void plover(pl_buf *b, const pl_doc *doc, const pl_event *e) {
    if (!e->plover[0])
        return;
    pl_buf_printf(b, "{\"id\":\"%llu\",", (unsigned long long)wr_event_id(doc, e));
    jkey(b, "date", e->date);
    pl_buf_puts(b, ",\"actor\":");
    plover_actor(b, doc, &e->source);
    pl_buf_puts(b, ",\"recipient\":");
    plover_actor(b, doc, &e->target);
    pl_buf_putc(b, ',');
    jkey(b, "event", e->plover);
    pl_buf_putc(b, ',');
    jkey(b, "mode", e->plover_mode);
    pl_buf_puts(b, ",\"context\":\"\",\"cameo\":");
    jstr(b, e->code, strlen(e->code));
    pl_buf_puts(b, ",\"event_text\":");
    jstr(b, doc->text + e->verb_off, e->verb_len);
    pl_buf_puts(b, ",\"text\":");
    jstr(b, doc->text + e->sent_off, e->sent_len);
    pl_buf_puts(b, ",\"location\":");
    json_geo(b, doc, &e->location);
    pl_buf_putc(b, ',');
    jkey(b, "doc", doc->id);
    pl_buf_printf(b, ",\"sentence\":%u", e->sentence);
    if (doc->url[0]) {
        pl_buf_putc(b, ',');
        jkey(b, "url", doc->url);
    }
    pl_buf_puts(b, "}\n");
}

static void petrarch(pl_buf *b, const pl_doc *doc, const pl_event *e) {
    char d[9];
    sqldate(e->date, d);
    pl_buf_printf(b, "%s\t%s\t%s\t%s\t", d, e->source.code[0] ? e->source.code : "---",
                  e->target.code[0] ? e->target.code : "---", e->code);
    tsv_text(b, doc->id, strlen(doc->id));
    pl_buf_printf(b, "-%u\t", e->sentence);
    tsv_text(b, doc->source, strlen(doc->source));
    pl_buf_putc(b, '\t');
    tsv_text(b, doc->url, strlen(doc->url));
    pl_buf_putc(b, '\n');
}

void wr_header(pl_buf *b, int fmt) {
    if (fmt == WR_CSV)
        pl_buf_puts(b, "doc,sentence,date,source_code,source_country,source_agent,source_text,"
                       "target_code,target_country,target_agent,target_text,code,root,quad,"
                       "goldstein,plover,plover_mode,flags,verb,pattern,confidence,mentions,"
                       "evidence,location_type,location_name,location_country,location_adm1,"
                       "location_lat,location_lon,location_geonames\n");
}

static void csv(pl_buf *b, const pl_doc *doc, const pl_event *e) {
    csv_text(b, doc->id, strlen(doc->id));
    pl_buf_printf(b, ",%u,%s,%s,%s,%s,", e->sentence, e->date, e->source.code, e->source.country,
                  e->source.agent);
    csv_text(b, doc->text + e->source.off, e->source.len);
    pl_buf_printf(b, ",%s,%s,%s,", e->target.code, e->target.country, e->target.agent);
    csv_text(b, doc->text + e->target.off, e->target.len);
    pl_buf_printf(b, ",%s,%s,%d,%.1f,%s,%s,", e->code, e->root, e->quad, e->goldstein, e->plover,
                  e->plover_mode);
    int first = 1;
    for (unsigned i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++)
        if (e->flags & (1u << i)) {
            pl_buf_printf(b, "%s%s", first ? "" : "|", flag_names[i]);
            first = 0;
        }
    pl_buf_putc(b, ',');
    csv_text(b, doc->text + e->verb_off, e->verb_len);
    pl_buf_printf(b, ",%s:%u,%.2f,%u,", e->pattern_file, e->pattern_line, e->confidence, e->mentions);
    csv_text(b, doc->text + e->sent_off, e->sent_len);
    const pl_geo *g = &e->location;
    if (g->type) {
        pl_buf_printf(b, ",%s,", pl_geo_type_name(g->type));
        csv_text(b, g->full, strlen(g->full));
        pl_buf_printf(b, ",%s,%s,%.5f,%.5f,%u", g->country, g->adm1, g->lat, g->lon, g->geonames);
    } else {
        pl_buf_puts(b, ",,,,,,,");
    }
    pl_buf_putc(b, '\n');
}

void wr_event(pl_buf *b, int fmt, const pl_doc *doc, const pl_event *e) {
    switch (fmt) {
    case WR_GDELT: gdelt(b, doc, e); break;
    case WR_PLOVER: plover(b, doc, e); break;
    case WR_PETRARCH: petrarch(b, doc, e); break;
    case WR_CSV: csv(b, doc, e); break;
    default: jsonl(b, doc, e); break;
    }
}
