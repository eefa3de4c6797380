/*
 * html.c — the page of `parley report`: one HTML file with its CSS, SVG
 * charts (svg.c) and a little JavaScript inline, which loads nothing: a
 * Content-Security-Policy forbids every request, so a stray URL cannot
 * make the page phone home. Everything that comes from the data goes
 * through rp_esc; links are only made for http(s) URLs.
 *
 * The page is deterministic: no clock, no hash order, numbers printed
 * with fixed precision.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

/* ---- escaping and numbers ------------------------------------------------ */

void rp_esc(pl_buf *b, const char *s, size_t n) {
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t step = 1;
        if (c >= 0x80) {
            int32_t cp;
            step = pl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (cp < 0)
                rep = "\xEF\xBF\xBD";
            else if (cp >= 0x80 && cp <= 0x9F)
                rep = ""; /* C1 controls */
        } else if (c == '&') {
            rep = "&amp;";
        } else if (c == '<') {
            rep = "&lt;";
        } else if (c == '>') {
            rep = "&gt;";
        } else if (c == '"') {
            rep = "&quot;";
        } else if (c == '\'') {
            rep = "&#39;";
        } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            rep = c == '\r' ? " " : "";
        }
        if (rep) {
            pl_buf_put(b, s + i - run, run);
            pl_buf_puts(b, rep);
            run = 0;
        } else {
            run += step;
        }
        i += step;
    }
    pl_buf_put(b, s + n - run, run);
}

void rp_escs(pl_buf *b, const char *s) {
    if (s)
        rp_esc(b, s, strlen(s));
}

void rp_count(pl_buf *b, uint64_t n) {
    char d[32];
    int k = snprintf(d, sizeof d, "%llu", (unsigned long long)n);
    for (int i = 0; i < k; i++) {
        if (i && (k - i) % 3 == 0)
            pl_buf_putc(b, ',');
        pl_buf_putc(b, d[i]);
    }
}

void rp_gold_colour(pl_buf *b, double mean) {
    /* grey at 0, to blue (cooperation) or red (conflict); full at |7| */
    static const double grey[3] = {150, 150, 150}, blue[3] = {33, 102, 172}, red[3] = {178, 24, 43};
    double t = mean / 7.0;
    if (!(t == t))
        t = 0;
    t = t > 1 ? 1 : t < -1 ? -1 : t;
    const double *to = t >= 0 ? blue : red;
    double a = fabs(t);
    pl_buf_printf(b, "#%02x%02x%02x", (unsigned)lround(grey[0] + (to[0] - grey[0]) * a),
                  (unsigned)lround(grey[1] + (to[1] - grey[1]) * a),
                  (unsigned)lround(grey[2] + (to[2] - grey[2]) * a));
}

const char *rp_quad_name(int quad) {
    static const char *const names[] = {"no quad class", "verbal cooperation", "material cooperation",
                                        "verbal conflict", "material conflict"};
    return quad >= 1 && quad <= 4 ? names[quad] : names[0];
}

const char *rp_root_name(const char *code) {
    static const char *const roots[] = {
        "", "make public statement", "appeal", "express intent to cooperate", "consult",
        "engage in diplomatic cooperation", "engage in material cooperation", "provide aid", "yield",
        "investigate", "demand", "disapprove", "reject", "threaten", "protest",
        "exhibit force posture", "reduce relations", "coerce", "assault", "fight",
        "use unconventional mass violence"};
    if (!code || code[0] < '0' || code[0] > '2' || code[1] < '0' || code[1] > '9')
        return "";
    int r = (code[0] - '0') * 10 + (code[1] - '0');
    return r >= 1 && r <= 20 ? roots[r] : "";
}

/* ---- the page ------------------------------------------------------------- */

static const char css[] =
    ":root{color-scheme:light;--fg:#1d232a;--muted:#56606b;--line:#d5dbe1;--bg:#fff;--panel:#f5f7f9;"
    "--q1:#4e79a7;--q2:#59a14f;--q3:#f28e2b;--q4:#e15759;--q0:#9aa0a6}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
    "\"DejaVu Sans\",sans-serif;color:var(--fg);background:var(--bg)}\n"
    "header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}\n"
    "header{padding-top:18px}h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;margin:28px 0 8px;"
    "border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:1em;margin:12px 0 6px}\n"
    ".sub,.note,figcaption{color:var(--muted)}.note{font-size:.9em}\n"
    "nav a{margin-right:14px}a{color:#1a5aa6}a:focus-visible,button:focus-visible,input:focus-visible,"
    "select:focus-visible,summary:focus-visible{outline:3px solid #f6a800;outline-offset:2px}\n"
    ".skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:10px;margin:16px 0;"
    "padding:0}\n"
    ".cards div{background:var(--panel);border-radius:6px;padding:8px 12px}.cards dt{font-size:.82em;"
    "color:var(--muted)}.cards dd{margin:0;font-size:1.25em;font-weight:600}\n"
    "figure{margin:0 0 10px}svg{display:block;width:100%;height:auto;max-width:100%}\n"
    "svg text{font:11px system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;fill:#444}\n"
    ".axis line,.grid{stroke:#c9d0d6;stroke-width:1}.zero{stroke:#777;stroke-width:1}\n"
    ".q1{fill:var(--q1)}.q2{fill:var(--q2)}.q3{fill:var(--q3)}.q4{fill:var(--q4)}.q0{fill:var(--q0)}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:14px;font-size:.9em;margin:4px 0;padding:0;list-style:none}\n"
    ".sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;"
    "vertical-align:-1px}\n"
    ".sw.q1{background:var(--q1)}.sw.q2{background:var(--q2)}.sw.q3{background:var(--q3)}"
    ".sw.q4{background:var(--q4)}.sw.q0{background:var(--q0)}\n"
    ".ramp{display:inline-block;width:140px;height:10px;vertical-align:middle;border-radius:2px;"
    "background:linear-gradient(90deg,#b2182b,#969696,#2166ac);margin:0 6px}\n"
    ".two{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}.two>figure{flex:3 1 560px}"
    ".two>.side{flex:1 1 280px;max-height:560px;overflow:auto}.side td.code{white-space:nowrap}\n"
    "table{border-collapse:collapse;font-size:.9em;width:100%}th,td{padding:4px 6px;border-bottom:1px "
    "solid var(--line);text-align:left;vertical-align:top}td.n,th.n{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    "thead th{background:var(--panel);position:sticky;top:0;z-index:1}\n"
    "th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit}\n"
    "th[aria-sort=ascending] button::after{content:\" \\25B2\"}th[aria-sort=descending] button::after"
    "{content:\" \\25BC\"}\n"
    ".controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0}\n"
    ".controls input,.controls select{font:inherit;padding:4px 6px}\n"
    ".ev{min-width:320px}mark{border-radius:2px;padding:0 1px}mark.s{background:#cfe3ff}"
    "mark.t{background:#ffe0b8}mark.v{background:#d6f0cf;font-weight:600}mark.s.t,mark.s.v,mark.t.v"
    "{background:#e8d8f5}\n"
    ".tbl{max-height:80vh;overflow:auto;border:1px solid var(--line)}\n"
    ".code{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:.95em}\n"
    ".land{fill:#dedbd2;stroke:#fff;stroke-width:.8}.sea{fill:#eaf1f7}.pt{stroke:#fff;stroke-width:.6;"
    "fill-opacity:.78}\n"
    ".edge{stroke-linecap:round;stroke-opacity:.8}.node{fill:#fff;stroke:#33404d;stroke-width:1.5}"
    ".nl{font-weight:600;fill:#1d232a}\n"
    "footer{margin-top:30px;padding-bottom:30px;border-top:1px solid var(--line);padding-top:10px;"
    "font-size:.85em;color:var(--muted)}\n"
    "@media print{.controls,.skip,nav{display:none}.tbl{max-height:none}}\n";

/* Sorting and filtering of the events table: plain DOM, no library. The
 * URL's fragment can set the view: #filter=TEXT&quad=N&sort=COLUMN (or
 * sort=-COLUMN, descending), e.g. report.html#filter=kyiv&sort=-goldstein. */
static const char js[] =
    "(function(){var t=document.getElementById('evt');if(!t)return;\n"
    "var tb=t.tBodies[0],items=[].slice.call(tb.rows).map(function(r,i){"
    "return {r:r,i:i,s:r.textContent.toLowerCase()};});\n"
    "var f=document.getElementById('evt-f'),q=document.getElementById('evt-q'),"
    "n=document.getElementById('evt-n'),ths=t.tHead.rows[0].cells;\n"
    "function apply(){var s=f.value.toLowerCase().trim(),qq=q.value,k=0;items.forEach(function(it){"
    "var ok=(!qq||it.r.getAttribute('data-q')===qq)&&(!s||it.s.indexOf(s)>=0);it.r.hidden=!ok;"
    "if(ok)k++;});n.textContent=k+' of '+items.length+' shown';}\n"
    "function sortBy(c,dir){var th=ths[c],num=th.hasAttribute('data-num');[].forEach.call(ths,"
    "function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir>0?'ascending':"
    "'descending');\nitems.forEach(function(it){var cell=it.r.cells[c],v=cell.getAttribute('data-v');"
    "if(v===null)v=cell.textContent;it.k=num?parseFloat(v):v.toLowerCase();});\n"
    "items.sort(function(a,b){return (a.k<b.k?-1:a.k>b.k?1:0)*dir||a.i-b.i;});"
    "var fr=document.createDocumentFragment();items.forEach(function(it){fr.appendChild(it.r);});"
    "tb.appendChild(fr);}\n"
    "f.addEventListener('input',apply);q.addEventListener('change',apply);\n"
    "[].forEach.call(ths,function(th,c){var b=th.querySelector('button');if(b)b.addEventListener("
    "'click',function(){sortBy(c,th.getAttribute('aria-sort')==='ascending'?-1:1);});});\n"
    "location.hash.slice(1).split('&').forEach(function(kv){var i=kv.indexOf('='),k=kv.slice(0,i),v;"
    "try{v=decodeURIComponent(kv.slice(i+1));}catch(e){return;}if(i<0)return;"
    "if(k==='filter')f.value=v;else if(k==='quad')q.value=v;else if(k==='sort'){var d=v.charAt(0)"
    "==='-'?-1:1,name=v.replace(/^-/,'');[].forEach.call(ths,function(th,c){if(th.textContent==="
    "name)sortBy(c,d);});}});\napply();})();\n";

static void card(pl_buf *b, const char *label, const char *value) {
    pl_buf_puts(b, "<div><dt>");
    pl_buf_puts(b, label);
    pl_buf_puts(b, "</dt><dd>");
    pl_buf_puts(b, value);
    pl_buf_puts(b, "</dd></div>");
}

static void summary(pl_report *r, pl_buf *b) {
    pl_buf v = {0};
    uint64_t total = r->all.total;
    pl_buf_puts(b, "<section id=\"summary\" aria-label=\"Summary\"><dl class=\"cards\">");
    rp_count(&v, total);
    card(b, "events", pl_buf_str(&v));
    size_t nd;
    rp_day_bin *days = rp_series_sorted(r, &r->all, &nd);
    v.len = 0;
    if (nd) {
        char d0[11], d1[11];
        rp_date(days[0].day, d0);
        rp_date(days[nd - 1].day, d1);
        pl_buf_printf(&v, "%s – %s", d0, d1);
    } else {
        pl_buf_puts(&v, "–");
    }
    free(days);
    card(b, "dates", pl_buf_str(&v));
    v.len = 0;
    rp_count(&v, r->located);
    if (total)
        pl_buf_printf(&v, " <small>(%.0f%%)</small>", 100.0 * (double)r->located / (double)total);
    card(b, "with a location", pl_buf_str(&v));
    v.len = 0;
    rp_count(&v, r->npair);
    card(b, "country pairs", pl_buf_str(&v));
    v.len = 0;
    pl_buf_printf(&v, "%+.2f", total ? r->goldstein / (double)total : 0.0);
    card(b, "mean Goldstein", pl_buf_str(&v));
    for (int q = 1; q <= 4; q++) {
        v.len = 0;
        rp_count(&v, r->quad[q]);
        if (total)
            pl_buf_printf(&v, " <small>(%.0f%%)</small>", 100.0 * (double)r->quad[q] / (double)total);
        char label[80];
        snprintf(label, sizeof label, "<span class=\"sw q%d\"></span>%s", q, rp_quad_name(q));
        card(b, label, pl_buf_str(&v));
    }
    pl_buf_puts(b, "</dl>");
    if (r->all.undated) {
        pl_buf_puts(b, "<p class=\"note\">");
        rp_count(b, r->all.undated);
        pl_buf_puts(b, " events have no date: they are counted everywhere but in the timelines.</p>");
    }
    pl_buf_puts(b, "</section>\n");
    if (v.err)
        r->err = PL_ENOMEM;
    pl_buf_free(&v);
}

/* An href only for http and https URLs. */
static int safe_url(const char *u) {
    return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0 ||
           strncmp(u, "HTTP://", 7) == 0 || strncmp(u, "HTTPS://", 8) == 0;
}

/* The evidence with the source, target and predicate words marked. */
static void evidence(pl_buf *b, const rp_row *w) {
    static const char *const cls[8] = {"", "s", "t", "s t", "v", "s v", "t v", "s t v"};
    int64_t cut[8];
    int nc = 0;
    cut[nc++] = 0;
    cut[nc++] = (int64_t)w->evidence_len;
    for (int i = 0; i < 3; i++)
        if (w->span[i].len) {
            cut[nc++] = w->span[i].off;
            cut[nc++] = w->span[i].off + w->span[i].len;
        }
    for (int i = 1; i < nc; i++) /* insertion sort of at most 8 */
        for (int j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
            int64_t t = cut[j];
            cut[j] = cut[j - 1];
            cut[j - 1] = t;
        }
    for (int i = 0; i + 1 < nc; i++) {
        int64_t a = cut[i], z = cut[i + 1];
        if (z <= a)
            continue;
        unsigned mask = 0;
        for (int k = 0; k < 3; k++)
            if (w->span[k].len && w->span[k].off <= a && z <= w->span[k].off + w->span[k].len)
                mask |= 1u << k;
        if (mask)
            pl_buf_printf(b, "<mark class=\"%s\">", cls[mask]);
        rp_esc(b, w->evidence + a, (size_t)(z - a));
        if (mask)
            pl_buf_puts(b, "</mark>");
    }
}

static int row_newer(const void *x, const void *y) {
    const rp_row *a = *(const rp_row *const *)x, *b = *(const rp_row *const *)y;
    if (a->day != b->day)
        return a->day > b->day ? -1 : 1;
    return a->seq > b->seq ? -1 : a->seq < b->seq ? 1 : 0;
}

static void table(pl_report *r, pl_buf *b) {
    pl_buf_puts(b, "<section id=\"events\"><h2>Events</h2>\n<p class=\"note\">");
    uint64_t total = r->all.total;
    if (total > r->nheap) {
        pl_buf_puts(b, "The ");
        rp_count(b, r->nheap);
        pl_buf_puts(b, " most recent of ");
        rp_count(b, total);
        pl_buf_puts(b, " events (the table keeps at most ");
        rp_count(b, r->table_max);
        pl_buf_puts(b, "; narrow the selection with filters such as <code>--from-date</code> or "
                       "<code>--actor</code> to see others).");
    } else {
        pl_buf_puts(b, "All ");
        rp_count(b, total);
        pl_buf_puts(b, " events, most recent first.");
    }
    pl_buf_puts(b, " Source words are marked <mark class=\"s\">blue</mark>, target words "
                   "<mark class=\"t\">orange</mark> and the predicate <mark class=\"v\">green</mark>. "
                   "Click a column heading to sort.</p>\n"
                   "<div class=\"controls\"><label>Filter <input id=\"evt-f\" type=\"search\" "
                   "placeholder=\"words, codes, places\" size=\"28\"></label>\n<label>Quad class "
                   "<select id=\"evt-q\"><option value=\"\">all</option>");
    for (int q = 1; q <= 4; q++)
        pl_buf_printf(b, "<option value=\"%d\">%d %s</option>", q, q, rp_quad_name(q));
    pl_buf_puts(b, "</select></label> <span id=\"evt-n\" role=\"status\" aria-live=\"polite\"></span>"
                   "</div>\n<div class=\"tbl\"><table id=\"evt\"><thead><tr>");
    static const char *const head[] = {"date", "source", "target", "event", "quad", "goldstein",
                                       "articles", "place", "evidence", "document"};
    for (int i = 0; i < 10; i++) {
        int num = i == 4 || i == 5 || i == 6;
        pl_buf_printf(b, "<th scope=\"col\"%s%s><button type=\"button\">%s</button></th>",
                      num ? " class=\"n\" data-num" : "", i == 0 ? " aria-sort=\"descending\"" : "",
                      head[i]);
    }
    pl_buf_puts(b, "</tr></thead>\n<tbody>\n");
    rp_row **rows = malloc((r->nheap ? r->nheap : 1) * sizeof *rows);
    if (!rows) {
        r->err = PL_ENOMEM;
        return;
    }
    memcpy(rows, r->heap, r->nheap * sizeof *rows);
    qsort(rows, r->nheap, sizeof *rows, row_newer);
    for (size_t i = 0; i < r->nheap; i++) {
        const rp_row *w = rows[i];
        pl_buf_printf(b, "<tr data-q=\"%d\"><td data-v=\"%010lld\">", w->quad,
                      (long long)(w->day == RP_NODAY ? 0 : (int64_t)w->day + 1000000000LL));
        rp_escs(b, w->date[0] ? w->date : "–");
        pl_buf_puts(b, "</td><td class=\"code\">");
        rp_escs(b, w->source);
        pl_buf_puts(b, "</td><td class=\"code\">");
        rp_escs(b, w->target);
        pl_buf_puts(b, "</td><td class=\"code\" title=\"");
        rp_escs(b, rp_root_name(w->code));
        pl_buf_puts(b, "\">");
        rp_escs(b, w->code);
        pl_buf_printf(b, "</td><td class=\"n\" title=\"%s\">%d</td><td class=\"n\">%.1f</td>"
                         "<td class=\"n\">%u</td><td>",
                      rp_quad_name(w->quad), w->quad, w->goldstein, w->articles);
        rp_escs(b, w->place);
        pl_buf_puts(b, "</td><td class=\"ev\">");
        evidence(b, w);
        pl_buf_puts(b, "</td><td>");
        if (safe_url(w->url)) {
            pl_buf_puts(b, "<a rel=\"noopener noreferrer\" href=\"");
            rp_escs(b, w->url);
            pl_buf_puts(b, "\"");
            if (w->title[0]) {
                pl_buf_puts(b, " title=\"");
                rp_escs(b, w->title);
                pl_buf_puts(b, "\"");
            }
            pl_buf_puts(b, ">");
            rp_escs(b, w->doc);
            pl_buf_puts(b, "</a>");
        } else {
            rp_escs(b, w->doc);
        }
        pl_buf_puts(b, "</td></tr>\n");
    }
    free(rows);
    pl_buf_puts(b, "</tbody></table></div></section>\n");
}

/* The outlines file, or NULL (*len 0) when there is none to draw. */
static int read_map(pl_report *r, char **out, size_t *len) {
    *out = NULL;
    *len = 0;
    if (r->map && !*r->map)
        return PL_OK;
    char path[4096];
    if (!r->map) {
        if (pl_data_path(r->ctx, "map/countries.tsv", path, sizeof path) != PL_OK) {
            pl_warn(r->ctx, "report: the map is drawn without outlines: %s", pl_errmsg(r->ctx));
            return PL_OK;
        }
    } else {
        snprintf(path, sizeof path, "%s", r->map);
    }
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return pl_fail(r->ctx, PL_EIO, "%s: %s", path, errno ? strerror(errno) : "cannot open");
    pl_buf b = {0};
    char chunk[1 << 15];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        pl_buf_put(&b, chunk, k);
    int bad = ferror(f);
    fclose(f);
    if (bad || b.err) {
        pl_buf_free(&b);
        return bad ? pl_fail(r->ctx, PL_EIO, "%s: read error", path)
                   : pl_fail(r->ctx, PL_ENOMEM, "out of memory");
    }
    *out = b.p;
    *len = b.len;
    return PL_OK;
}

int pl_report_html(pl_report *r, char **out, size_t *len) {
    if (!r || !out || !len)
        return PL_EARG;
    *out = NULL;
    *len = 0;
    if (r->err)
        return r->err;
    char *map = NULL;
    size_t maplen = 0;
    int rc = read_map(r, &map, &maplen);
    if (rc != PL_OK)
        return rc;
    pl_buf b = {0};
    pl_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
                    "<meta name=\"generator\" content=\"parley " PARLEY_VERSION "\">\n<title>");
    rp_escs(&b, r->title);
    pl_buf_puts(&b, "</title>\n<style>\n");
    pl_buf_puts(&b, css);
    pl_buf_puts(&b, "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#events\">Skip to the events "
                    "table</a>\n<header>\n<h1>");
    rp_escs(&b, r->title);
    pl_buf_puts(&b, "</h1>\n");
    if (r->subtitle && *r->subtitle) {
        pl_buf_puts(&b, "<p class=\"sub\">");
        rp_escs(&b, r->subtitle);
        pl_buf_puts(&b, "</p>\n");
    }
    pl_buf_puts(&b, "<nav aria-label=\"Sections\"><a href=\"#timeline\">Timeline</a><a href=\"#dyads\">"
                    "Dyads</a><a href=\"#map\">Map</a><a href=\"#events\">Events</a></nav>\n"
                    "</header>\n<main>\n");
    summary(r, &b);
    pl_buf_puts(&b, "<section id=\"timeline\"><h2>Timeline</h2>\n<ul class=\"legend\">");
    for (int q = 1; q <= 4; q++)
        pl_buf_printf(&b, "<li><span class=\"sw q%d\"></span>%d %s</li>", q, q, rp_quad_name(q));
    pl_buf_puts(&b, "</ul>\n");
    rp_svg_timeline(r, &b, &r->all, "tl-all", "All events");
    if (r->dyad_source) {
        pl_buf d = {0};
        rp_escs(&d, r->dyad_source);
        pl_buf_puts(&d, " → ");
        rp_escs(&d, r->dyad_target);
        rp_svg_timeline(r, &b, &r->dyad, "tl-dyad", pl_buf_str(&d));
        if (d.err)
            r->err = PL_ENOMEM;
        pl_buf_free(&d);
    }
    pl_buf_puts(&b, "</section>\n");
    rp_svg_network(r, &b);
    rp_svg_map(r, &b, map, maplen);
    table(r, &b);
    pl_buf_puts(&b, "</main>\n<footer>\n<p>Made by parley " PARLEY_VERSION " from ");
    pl_buf_puts(&b, r->source_kind && strcmp(r->source_kind, "jsonl") == 0
                        ? "a JSON Lines file of events (one event per line, not merged across articles)"
                        : "an event store (events merged across articles)");
    pl_buf_puts(&b, ". Quad classes and Goldstein scores follow CAMEO. Country outlines: DCW-GMT, the "
                    "Digital Chart of the World for GMT (Debian package gmt-dcw), LGPL-3.0-or-later.</p>\n"
                    "</footer>\n<script>\n");
    pl_buf_puts(&b, js);
    pl_buf_puts(&b, "</script>\n</body>\n</html>\n");
    free(map);
    if (b.err || r->err) {
        pl_buf_free(&b);
        r->err = 0; /* a failed page leaves the aggregates as they were */
        return pl_fail(r->ctx, PL_ENOMEM, "out of memory");
    }
    *out = b.p;
    *len = b.len;
    return PL_OK;
}
