/*
 * svg.c — the report's three charts, drawn from the aggregates as inline
 * SVG: the timeline (stacked bars of events by quad class per day, week or
 * month, with the Goldstein sum beneath), the network of the strongest
 * country pairs (a deterministic force-directed layout), and the map
 * (country outlines of data/map/countries.tsv in an equirectangular
 * projection, with one circle per busy 0.5-degree cell).
 *
 * Each chart is a <figure> whose SVG has role="img" with a title and a
 * description, and every mark carries a <title> for its tooltip; a table
 * beside or below repeats the figures for keyboards and screen readers.
 * Marks have classes the tests count: rect.bar, rect.gs, line.edge,
 * circle.node, circle.pt.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

/* A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
static double nice_ceil(double v) {
    if (v <= 0)
        return 1;
    double p = pow(10, floor(log10(v)));
    for (int i = 0; i < 3; i++) {
        static const double m[] = {1, 2, 5};
        if (m[i] * p >= v)
            return m[i] * p;
    }
    return 10 * p;
}

static void num(pl_buf *b, double v) {
    if (fabs(v) >= 1e6)
        pl_buf_printf(b, "%.1fM", v / 1e6);
    else if (fabs(v) >= 1e4)
        pl_buf_printf(b, "%.0fk", v / 1e3);
    else
        pl_buf_printf(b, "%.0f", v);
}

/* ---- timeline --------------------------------------------------------------- */

enum { U_DAY, U_WEEK, U_MONTH, U_YEAR };

typedef struct tbin {
    uint64_t n[5];
    double goldstein;
} tbin;

static int month_index(int32_t day) {
    char d[11];
    rp_date(day, d);
    return atoi(d) * 12 + atoi(d + 5) - 1;
}

static int32_t week_start(int32_t day) {
    /* 1970-01-01 was a Thursday: Monday is (day + 3) % 7 == 0 */
    int32_t k = (day + 3) % 7;
    if (k < 0)
        k += 7;
    return day - k;
}

/* Index of day's bin, counting from the first bin's start. */
static long bin_of(int unit, int32_t day, int32_t first) {
    switch (unit) {
    case U_DAY: return (long)day - first;
    case U_WEEK: return ((long)week_start(day) - week_start(first)) / 7;
    case U_MONTH: return (long)month_index(day) - month_index(first);
    default: return (long)(month_index(day) / 12) - month_index(first) / 12;
    }
}

/* The first day of bin i (for labels). */
static int32_t bin_day(int unit, long i, int32_t first) {
    switch (unit) {
    case U_DAY: return first + (int32_t)i;
    case U_WEEK: return week_start(first) + (int32_t)(7 * i);
    case U_MONTH: {
        long m = month_index(first) + i;
        return rp_days((int)(m / 12), (int)(m % 12) + 1, 1);
    }
    default: return rp_days((int)(month_index(first) / 12 + i), 1, 1);
    }
}

static const char *const unit_names[] = {"day", "week", "month", "year"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void bin_label(pl_buf *b, int unit, int32_t day) {
    char d[11];
    rp_date(day, d);
    if (unit == U_YEAR)
        pl_buf_printf(b, "%.4s", d);
    else if (unit == U_MONTH)
        pl_buf_printf(b, "%s %.4s", months[atoi(d + 5) - 1], d);
    else if (unit == U_WEEK)
        pl_buf_printf(b, "week of %s", d);
    else
        pl_buf_puts(b, d);
}

/* x-axis ticks: whether bin i starts a labelled period. */
static int tick_at(int unit, long i, int32_t first, long nbins, char *label, size_t cap) {
    int32_t day = bin_day(unit, i, first);
    char d[11];
    rp_date(day, d);
    int m = atoi(d + 5), dd = atoi(d + 8);
    if (unit == U_DAY && nbins <= 21) {
        snprintf(label, cap, "%s %d", months[m - 1], dd);
        return 1;
    }
    if (unit == U_DAY && nbins <= 120) {
        /* Mondays */
        if (week_start(day) != day)
            return 0;
        snprintf(label, cap, "%s %d", months[m - 1], dd);
        return 1;
    }
    if (unit == U_DAY || unit == U_WEEK) {
        int step = nbins / (unit == U_DAY ? 30 : 4) > 12 ? 3 : 1;  /* months between ticks */
        if (unit == U_DAY ? dd != 1 : (i > 0 && month_index(bin_day(unit, i - 1, first)) == month_index(day)))
            return 0;
        if ((m - 1) % step)
            return 0;
        if (m == 1 || i == 0)
            snprintf(label, cap, "%s %.4s", months[m - 1], d);
        else
            snprintf(label, cap, "%s", months[m - 1]);
        return 1;
    }
    if (unit == U_MONTH) {
        int step = nbins > 240 ? 5 * 12 : nbins > 72 ? 12 : 3;
        if ((month_index(day) % step) != 0)
            return 0;
        snprintf(label, cap, m == 1 ? "%.4s" : "%.7s", d);
        return 1;
    }
    int step = nbins > 60 ? 10 : nbins > 20 ? 5 : 1;
    if (atoi(d) % step)
        return 0;
    snprintf(label, cap, "%.4s", d);
    return 1;
}

void rp_svg_timeline(pl_report *r, pl_buf *b, const rp_series *s, const char *id, const char *heading) {
    size_t nd;
    rp_day_bin *days = rp_series_sorted(r, s, &nd);
    pl_buf_printf(b, "<figure id=\"%s\"><h3>%s</h3>\n", id, heading);
    if (!nd) {
        pl_buf_puts(b, "<p class=\"note\">No dated events.</p></figure>\n");
        return;
    }
    int32_t first = days[0].day, last = days[nd - 1].day;
    long span = (long)last - first + 1;
    int unit = span <= 550 ? U_DAY : span <= 3660 ? U_WEEK : span <= 36600 ? U_MONTH : U_YEAR;
    long nb = bin_of(unit, last, first) + 1;
    tbin *bins = calloc((size_t)nb, sizeof *bins);
    if (!bins) {
        free(days);
        r->err = PL_ENOMEM;
        return;
    }
    for (size_t i = 0; i < nd; i++) {
        tbin *t = &bins[bin_of(unit, days[i].day, first)];
        for (int q = 0; q < 5; q++)
            t->n[q] += days[i].n[q];
        t->goldstein += days[i].goldstein;
    }
    free(days);
    double maxn = 0, maxg = 0;
    uint64_t total = 0;
    for (long i = 0; i < nb; i++) {
        uint64_t n = bins[i].n[0] + bins[i].n[1] + bins[i].n[2] + bins[i].n[3] + bins[i].n[4];
        total += n;
        if ((double)n > maxn)
            maxn = (double)n;
        if (fabs(bins[i].goldstein) > maxg)
            maxg = fabs(bins[i].goldstein);
    }
    /* count axis: ticks every `step` (a nice whole number), up to the first
     * tick at or above the tallest bar */
    double step = fmax(1, nice_ceil(maxn / 4));
    int nticks = (int)ceil(maxn / step);
    if (nticks < 1)
        nticks = 1;
    maxn = step * nticks;
    maxg = nice_ceil(maxg);
    /* geometry: counts panel on top, Goldstein panel below, shared x */
    const double W = 1120, L = 64, R = 12, T = 12, H1 = 210, GAP = 50, H2 = 110, B = 8;
    const double PW = W - L - R, H = T + H1 + GAP + H2 + B, y2 = T + H1 + GAP, zero = y2 + H2 / 2;
    double bw = PW / (double)nb, pad = bw >= 4 ? 1 : 0;
    pl_buf_printf(b, "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%s-t %s-d\">"
                     "<title id=\"%s-t\">Events per %s by quad class, and the Goldstein sum: %s</title>"
                     "<desc id=\"%s-d\">",
                  W, H, id, id, id, unit_names[unit], heading, id);
    rp_count(b, total);
    pl_buf_printf(b, " dated events in %ld %ss.</desc>\n", nb, unit_names[unit]);
    /* grid and y labels */
    pl_buf_puts(b, "<g class=\"axis\">");
    for (int k = 0; k <= nticks; k++) {
        double y = T + H1 - H1 * k / (double)nticks;
        pl_buf_printf(b, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/><text x=\"%.0f\" "
                         "y=\"%.1f\" text-anchor=\"end\">",
                      L, W - R, y, y, L - 6, y + 4);
        num(b, step * k);
        pl_buf_puts(b, "</text>");
    }
    for (int k = 0; k < 2; k++) {
        double y = k ? y2 + H2 : y2;
        pl_buf_printf(b, "<line class=\"grid\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                         "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%s",
                      L, W - R, y, y, L - 6, y + 4, k ? "−" : "+");
        num(b, maxg);
        pl_buf_puts(b, "</text>");
    }
    pl_buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\">Goldstein sum per %s</text>", L, y2 - 10,
                  unit_names[unit]);
    pl_buf_printf(b, "<line class=\"zero\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>", L, W - R,
                  zero, zero);
    pl_buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">0</text>", L - 6, zero + 4);
    /* x ticks */
    char label[40];
    for (long i = 0; i < nb; i++)
        if (tick_at(unit, i, first, nb, label, sizeof label)) {
            double x = L + bw * (double)i;
            pl_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\"/><text x=\"%.1f\" "
                             "y=\"%.0f\">%s</text>",
                          x, x, T + H1, T + H1 + 5, x, T + H1 + 18, label);
        }
    pl_buf_puts(b, "</g>\n");
    for (long i = 0; i < nb; i++) {
        const tbin *t = &bins[i];
        uint64_t n = t->n[0] + t->n[1] + t->n[2] + t->n[3] + t->n[4];
        if (!n)
            continue;
        double x = L + bw * (double)i, w = bw - pad, y = T + H1;
        pl_buf_puts(b, "<g><title>");
        bin_label(b, unit, bin_day(unit, i, first));
        pl_buf_puts(b, ": ");
        rp_count(b, n);
        pl_buf_puts(b, n == 1 ? " event" : " events");
        for (int q = 1; q <= 4; q++)
            if (t->n[q]) {
                pl_buf_printf(b, "; %s ", rp_quad_name(q));
                rp_count(b, t->n[q]);
            }
        pl_buf_printf(b, "; Goldstein sum %.1f</title>", t->goldstein);
        static const int order[5] = {1, 2, 3, 4, 0};
        for (int k = 0; k < 5; k++) {
            int q = order[k];
            if (!t->n[q])
                continue;
            double h = H1 * (double)t->n[q] / maxn;
            y -= h;
            pl_buf_printf(b, "<rect class=\"bar q%d\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>",
                          q, x, y, w, h);
        }
        if (t->goldstein != 0) {
            double h = (H2 / 2) * fabs(t->goldstein) / maxg;
            pl_buf_printf(b, "<rect class=\"gs\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                             "fill=\"%s\"/>",
                          x, t->goldstein > 0 ? zero - h : zero, w, h, t->goldstein > 0 ? "#2166ac" : "#b2182b");
        }
        pl_buf_puts(b, "</g>\n");
    }
    pl_buf_puts(b, "</svg>\n<figcaption>Merged events per ");
    pl_buf_puts(b, unit_names[unit]);
    pl_buf_puts(b, unit == U_DAY ? "" : " (daily bins would be too thin for this span)");
    pl_buf_puts(b, ", stacked by quad class; below, the sum of their Goldstein scores (blue above "
                   "zero: cooperation, red below: conflict). Year-only dates count on January 1st.");
    if (s->undated) {
        pl_buf_puts(b, " Not shown: ");
        rp_count(b, s->undated);
        pl_buf_puts(b, " undated events.");
    }
    pl_buf_puts(b, "</figcaption>\n");
    free(bins);
    pl_buf_puts(b, "</figure>\n");
}

/* ---- network ---------------------------------------------------------------- */

typedef struct node {
    const char *code;
    uint64_t n;
    double x, y, dx, dy;
} node;

static int cmp_pair(const void *x, const void *y) {
    const rp_pair *a = *(const rp_pair *const *)x, *b = *(const rp_pair *const *)y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

static int cmp_node(const void *x, const void *y) {
    const node *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->code, b->code);
}

static size_t node_index(node *v, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return i;
    return n;
}

/* Fruchterman-Reingold with a pull to the centre, from a circle: the same
 * input always gives the same picture. */
static void layout(node *v, size_t nv, rp_pair **e, size_t ne, double w, double h) {
    const double PI = 3.14159265358979323846;
    double k = sqrt(w * h / (double)(nv ? nv : 1)) * 0.75, temp = w / 8;
    double maxn = ne ? (double)e[0]->n : 1;
    for (size_t i = 0; i < nv; i++) {
        double a = 2 * PI * (double)i / (double)nv;
        v[i].x = w / 2 + w / 3 * cos(a);
        v[i].y = h / 2 + h / 3 * sin(a);
    }
    size_t *ea = malloc((ne ? ne : 1) * sizeof *ea), *eb = malloc((ne ? ne : 1) * sizeof *eb);
    if (!ea || !eb) {
        free(ea);
        free(eb);
        return;  /* the circle stays */
    }
    for (size_t j = 0; j < ne; j++) {
        ea[j] = node_index(v, nv, e[j]->a);
        eb[j] = node_index(v, nv, e[j]->b);
    }
    for (int it = 0; it < 300; it++) {
        for (size_t i = 0; i < nv; i++) {
            /* gravity: keeps components that share no edge near each other */
            v[i].dx = (w / 2 - v[i].x) * 0.1;
            v[i].dy = (h / 2 - v[i].y) * 0.1;
        }
        for (size_t i = 0; i < nv; i++)
            for (size_t j = i + 1; j < nv; j++) {
                double dx = v[i].x - v[j].x, dy = v[i].y - v[j].y, d2 = dx * dx + dy * dy;
                if (d2 < 0.01) {
                    dx = 0.1 * (double)(i + 1);
                    dy = 0.1;
                    d2 = dx * dx + dy * dy;
                }
                if (d2 > 6.25 * k * k)
                    continue; /* far nodes don't push: components stay together */
                double f = k * k / d2;
                v[i].dx += dx * f;
                v[i].dy += dy * f;
                v[j].dx -= dx * f;
                v[j].dy -= dy * f;
            }
        for (size_t j = 0; j < ne; j++) {
            node *a = &v[ea[j]], *c = &v[eb[j]];
            double dx = a->x - c->x, dy = a->y - c->y, d = sqrt(dx * dx + dy * dy);
            double wgt = 0.4 + 0.6 * sqrt((double)e[j]->n / maxn), f = d * wgt / k;
            a->dx -= dx * f;
            a->dy -= dy * f;
            c->dx += dx * f;
            c->dy += dy * f;
        }
        for (size_t i = 0; i < nv; i++) {
            double d = sqrt(v[i].dx * v[i].dx + v[i].dy * v[i].dy);
            if (d > 0) {
                double m = d < temp ? d : temp;
                v[i].x += v[i].dx / d * m;
                v[i].y += v[i].dy / d * m;
            }
        }
        temp *= 0.985;
    }
    free(ea);
    free(eb);
}

void rp_svg_network(pl_report *r, pl_buf *b) {
    pl_buf_puts(b, "<section id=\"dyads\"><h2>Dyads</h2>\n");
    rp_pair **p = malloc((r->npair ? r->npair : 1) * sizeof *p);
    node *v = calloc(2 * (size_t)r->top_dyads + 1, sizeof *v);
    if (!p || !v) {
        free(p);
        free(v);
        r->err = PL_ENOMEM;
        return;
    }
    size_t np = 0, nv = 0;
    for (size_t i = 0; i < r->pair_cap; i++)
        if (r->pair[i].a)
            p[np++] = &r->pair[i];
    qsort(p, np, sizeof *p, cmp_pair);
    size_t ne = np < r->top_dyads ? np : r->top_dyads;
    if (!ne) {
        pl_buf_puts(b, "<p class=\"note\">No events between two different countries.</p></section>\n");
        free(p);
        free(v);
        return;
    }
    for (size_t j = 0; j < ne; j++) {
        const char *ends[2] = {p[j]->a, p[j]->b};
        for (int k = 0; k < 2; k++) {
            size_t i = node_index(v, nv, ends[k]);
            if (i == nv)
                v[nv++].code = ends[k];
            v[i].n += p[j]->n;
        }
    }
    qsort(v, nv, sizeof *v, cmp_node);
    const double W = 760, H = 560, M = 46;
    layout(v, nv, p, ne, W, H);
    /* fit the layout into the box */
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (size_t i = 0; i < nv; i++) {
        x0 = fmin(x0, v[i].x), x1 = fmax(x1, v[i].x);
        y0 = fmin(y0, v[i].y), y1 = fmax(y1, v[i].y);
    }
    /* one scale for both axes, so that distances keep their meaning */
    double sx = x1 > x0 ? (W - 2 * M) / (x1 - x0) : 1e300, sy = y1 > y0 ? (H - 2 * M) / (y1 - y0) : 1e300;
    double sc = fmin(sx, sy);
    if (sc > 1e299)
        sc = 1;
    for (size_t i = 0; i < nv; i++) {
        v[i].x = W / 2 + (v[i].x - (x0 + x1) / 2) * sc;
        v[i].y = H / 2 + (v[i].y - (y0 + y1) / 2) * sc;
    }
    double maxe = (double)p[0]->n, maxv = (double)v[0].n;
    pl_buf_puts(b, "<div class=\"two\"><figure><svg viewBox=\"0 0 760 560\" role=\"img\" "
                   "aria-labelledby=\"net-t net-d\"><title id=\"net-t\">The strongest dyads: countries "
                   "linked by their events</title><desc id=\"net-d\">");
    pl_buf_printf(b, "%zu country pairs with the most events, between %zu countries and actors.</desc>\n",
                  ne, nv);
    for (size_t j = ne; j-- > 0;) { /* weakest first: the strong ones on top */
        const rp_pair *e = p[j];
        const node *a = &v[node_index(v, nv, e->a)], *c = &v[node_index(v, nv, e->b)];
        double mean = e->goldstein / (double)e->n;
        pl_buf_printf(b, "<line class=\"edge\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                         "stroke-width=\"%.1f\" stroke=\"",
                      a->x, a->y, c->x, c->y, 1.0 + 11.0 * sqrt((double)e->n / maxe));
        rp_gold_colour(b, mean);
        pl_buf_puts(b, "\"><title>");
        rp_escs(b, e->a);
        pl_buf_puts(b, " – ");
        rp_escs(b, e->b);
        pl_buf_puts(b, ": ");
        rp_count(b, e->n);
        pl_buf_puts(b, " events (");
        rp_escs(b, e->a);
        pl_buf_puts(b, " → ");
        rp_escs(b, e->b);
        pl_buf_puts(b, " ");
        rp_count(b, e->ab);
        pl_buf_puts(b, ", ");
        rp_escs(b, e->b);
        pl_buf_puts(b, " → ");
        rp_escs(b, e->a);
        pl_buf_puts(b, " ");
        rp_count(b, e->ba);
        pl_buf_printf(b, "), mean Goldstein %+.2f</title></line>\n", mean);
    }
    for (size_t i = 0; i < nv; i++) {
        double rad = 5 + 13 * sqrt((double)v[i].n / maxv);
        pl_buf_printf(b, "<g><title>");
        rp_escs(b, v[i].code);
        pl_buf_puts(b, ": ");
        rp_count(b, v[i].n);
        pl_buf_printf(b, " events in the pairs shown</title><circle class=\"node\" cx=\"%.1f\" "
                         "cy=\"%.1f\" r=\"%.1f\"/><text class=\"nl\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"middle\">",
                      v[i].x, v[i].y, rad, v[i].x, v[i].y - rad - 4);
        rp_escs(b, v[i].code);
        pl_buf_puts(b, "</text></g>\n");
    }
    pl_buf_puts(b, "</svg><figcaption>Countries (or actors without a country) linked by the events "
                   "between them in either direction: line width by the number of events, colour by "
                   "their mean Goldstein score: red −7 or below<span class=\"ramp\"></span>blue +7 or "
                   "above.");
    if (r->self_pairs || r->no_pair) {
        pl_buf_puts(b, " Not counted: ");
        rp_count(b, r->self_pairs);
        pl_buf_puts(b, r->self_pairs == 1 ? " event" : " events");
        pl_buf_puts(b, " within one country, ");
        rp_count(b, r->no_pair);
        pl_buf_puts(b, r->no_pair == 1 ? " event" : " events");
        pl_buf_puts(b, " without a source or target.");
    }
    pl_buf_puts(b, "</figcaption></figure>\n<div class=\"side\"><table><caption class=\"note\">The ");
    rp_count(b, ne);
    pl_buf_puts(b, " strongest of ");
    rp_count(b, np);
    pl_buf_puts(b, " pairs</caption><thead><tr><th scope=\"col\">pair</th><th class=\"n\" scope=\"col\">"
                   "events</th><th class=\"n\" scope=\"col\">a→b</th><th class=\"n\" scope=\"col\">b→a"
                   "</th><th class=\"n\" scope=\"col\">mean Goldstein</th></tr></thead><tbody>\n");
    for (size_t j = 0; j < ne; j++) {
        pl_buf_puts(b, "<tr><td class=\"code\">");
        rp_escs(b, p[j]->a);
        pl_buf_puts(b, " – ");
        rp_escs(b, p[j]->b);
        pl_buf_puts(b, "</td><td class=\"n\">");
        rp_count(b, p[j]->n);
        pl_buf_puts(b, "</td><td class=\"n\">");
        rp_count(b, p[j]->ab);
        pl_buf_puts(b, "</td><td class=\"n\">");
        rp_count(b, p[j]->ba);
        pl_buf_printf(b, "</td><td class=\"n\">%+.2f</td></tr>\n", p[j]->goldstein / (double)p[j]->n);
    }
    pl_buf_puts(b, "</tbody></table></div></div></section>\n");
    free(p);
    free(v);
}

/* ---- map ----------------------------------------------------------------------- */

static int cmp_cell(const void *x, const void *y) {
    const rp_cell *a = *(const rp_cell *const *)x, *b = *(const rp_cell *const *)y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key);
}

/* SVG path data as the outlines file has it: commands, digits, signs,
 * spaces; anything else means the line is not a path and is skipped. */
static int path_ok(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!strchr("MmLlHhVvZz0123456789 .-", s[i]))
            return 0;
    return n > 0;
}

static void outlines(pl_buf *b, const char *text, size_t len) {
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *f[4];
        size_t fl[4];
        int nf = 0;
        if (*p != '#') {
            const char *q = p;
            while (nf < 4 && q <= le) {
                const char *tab = nf < 3 ? memchr(q, '\t', (size_t)(le - q)) : NULL;
                const char *fe = tab ? tab : le;
                f[nf] = q;
                fl[nf++] = (size_t)(fe - q);
                if (!tab)
                    break;
                q = tab + 1;
            }
        }
        if (nf == 4 && path_ok(f[3], fl[3])) {
            pl_buf_puts(b, "<path class=\"land\" d=\"");
            pl_buf_put(b, f[3], fl[3]);
            pl_buf_puts(b, "\"><title>");
            rp_esc(b, f[2], fl[2]);
            pl_buf_puts(b, "</title></path>\n");
        }
        p = le + 1;
    }
}

void rp_svg_map(pl_report *r, pl_buf *b, const char *text, size_t len) {
    pl_buf_puts(b, "<section id=\"map\"><h2>Map</h2>\n");
    rp_cell **c = malloc((r->ncell ? r->ncell : 1) * sizeof *c);
    if (!c) {
        r->err = PL_ENOMEM;
        return;
    }
    size_t nc = 0;
    for (size_t i = 0; i < r->cell_cap; i++)
        if (r->cell[i].key >= 0)
            c[nc++] = &r->cell[i];
    qsort(c, nc, sizeof *c, cmp_cell);
    size_t shown = nc < r->map_max ? nc : r->map_max;
    /* lat 85 N to 58 S, in tenths of a degree (y = -lat) */
    pl_buf_puts(b, "<figure><svg viewBox=\"-1800 -850 3600 1430\" role=\"img\" aria-labelledby=\"map-t "
                   "map-d\"><title id=\"map-t\">Where the events happened</title><desc id=\"map-d\">");
    rp_count(b, r->located);
    pl_buf_puts(b, " located events in ");
    rp_count(b, nc);
    pl_buf_puts(b, " cells of half a degree.</desc>\n<rect class=\"sea\" x=\"-1800\" y=\"-850\" "
                   "width=\"3600\" height=\"1430\"/>\n");
    if (text)
        outlines(b, text, len);
    double maxn = shown ? (double)c[0]->n : 1;
    for (size_t i = 0; i < shown; i++) {
        const rp_cell *k = c[i];
        double lat = k->lat / (double)k->n, lon = k->lon / (double)k->n, mean = k->goldstein / (double)k->n;
        pl_buf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"", lon * 10,
                      -lat * 10, 9 + 61 * sqrt((double)k->n / maxn));
        rp_gold_colour(b, mean);
        pl_buf_puts(b, "\"><title>");
        rp_escs(b, k->name && *k->name ? k->name : "unnamed place");
        pl_buf_puts(b, " and around: ");
        rp_count(b, k->n);
        pl_buf_printf(b, k->n == 1 ? " event" : " events");
        pl_buf_printf(b, ", mean Goldstein %+.2f</title></circle>\n", mean);
    }
    pl_buf_puts(b, "</svg><figcaption>");
    rp_count(b, r->located);
    pl_buf_puts(b, " of ");
    rp_count(b, r->all.total);
    pl_buf_puts(b, " events have a location, binned in ");
    rp_count(b, nc);
    pl_buf_puts(b, " cells of half a degree");
    if (shown < nc) {
        pl_buf_puts(b, " (the ");
        rp_count(b, shown);
        pl_buf_puts(b, " busiest drawn)");
    }
    pl_buf_puts(b, ": circle area by events, colour by mean Goldstein score (red conflict, blue "
                   "cooperation). Equirectangular projection; ");
    pl_buf_puts(b, text ? "country outlines from DCW-GMT (LGPL-3.0-or-later)."
                        : "no country outlines (the map data was not found).");
    pl_buf_puts(b, "</figcaption></figure>\n");
    if (shown) {
        size_t top = shown < 15 ? shown : 15;
        pl_buf_puts(b, "<details><summary>The busiest places</summary><table><thead><tr><th scope=\"col\">"
                       "place</th><th class=\"n\" scope=\"col\">events</th><th class=\"n\" scope=\"col\">"
                       "mean Goldstein</th><th class=\"n\" scope=\"col\">lat</th><th class=\"n\" "
                       "scope=\"col\">lon</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < top; i++) {
            pl_buf_puts(b, "<tr><td>");
            rp_escs(b, c[i]->name && *c[i]->name ? c[i]->name : "unnamed place");
            pl_buf_puts(b, "</td><td class=\"n\">");
            rp_count(b, c[i]->n);
            double n = (double)c[i]->n;
            pl_buf_printf(b, "</td><td class=\"n\">%+.2f</td><td class=\"n\">%.2f</td><td class=\"n\">"
                             "%.2f</td></tr>\n",
                          c[i]->goldstein / n, c[i]->lat / n, c[i]->lon / n);
        }
        pl_buf_puts(b, "</tbody></table></details>\n");
    }
    pl_buf_puts(b, "</section>\n");
    free(c);
}
