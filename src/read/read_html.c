/*
 * read_html.c — the article text of an HTML page, through libxml2's
 * forgiving HTML parser.
 *
 * The article is the first <article>, else <main>, else <body>. Inside it
 * script, style, navigation, headers, footers, asides, forms and figures are
 * dropped; headings and paragraphs each become a paragraph of the text (so
 * a heading is a sentence of its own), and runs of white space collapse.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "read/read.h"

static const char *const dropped[] = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
    "iframe", "svg", "button", "select", "textarea", "figure", "template",
    "object", "embed", "canvas", "menu", "dialog", NULL};

static const char *const blocks[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div",
    "section", "article", "main", "td", "th", "pre", "dd", "dt", "tr", "ul",
    "ol", "table", "address", NULL};

static int in(const char *const *list, const xmlChar *name) {
    for (int i = 0; list[i]; i++)
        if (strcasecmp(list[i], (const char *)name) == 0)
            return 1;
    return 0;
}

static xmlNode *find(xmlNode *n, const char *name, int depth) {
    for (; n && depth < 512; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcasecmp((const char *)n->name, name) == 0)
            return n;
        if (in(dropped, n->name))
            continue;
        xmlNode *f = find(n->children, name, depth + 1);
        if (f)
            return f;
    }
    return NULL;
}

/* Appends text with HTML white-space collapsing. */
static void put_text(pl_buf *b, const char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        int sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (sp) {
            if (b->len > 0 && b->p[b->len - 1] != ' ' && b->p[b->len - 1] != '\n')
                pl_buf_putc(b, ' ');
        } else {
            pl_buf_putc(b, (char)c);
        }
    }
}

static void paragraph_break(pl_buf *b) {
    while (b->len > 0 && b->p[b->len - 1] == ' ')
        b->p[--b->len] = 0;
    if (b->len == 0)
        return;
    if (b->p[b->len - 1] != '\n')
        pl_buf_putc(b, '\n');
    if (b->len < 2 || b->p[b->len - 2] != '\n')
        pl_buf_putc(b, '\n');
}

static void walk(pl_buf *b, xmlNode *n, int depth) {
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                put_text(b, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || in(dropped, n->name))
            continue;
        if (strcasecmp((const char *)n->name, "br") == 0) {
            pl_buf_putc(b, '\n');
            continue;
        }
        int block = in(blocks, n->name);
        if (block)
            paragraph_break(b);
        if (depth < 400)
            walk(b, n->children, depth + 1);
        if (block)
            paragraph_break(b);
    }
}

static char *node_text(xmlNode *n) {
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    pl_buf b = {0};
    put_text(&b, (const char *)c);
    xmlFree(c);
    return b.err ? (pl_buf_free(&b), NULL) : b.p;
}

/* The publication date from the usual meta tags or a <time datetime>. */
static void find_date(xmlNode *n, char out[11], int depth) {
    static const char *const keys[] = {"article:published_time", "datePublished",
                                       "date", "pubdate", "publishdate", "dc.date", NULL};
    for (; n && !out[0] && depth < 512; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *v = NULL;
        if (strcasecmp((const char *)n->name, "meta") == 0) {
            xmlChar *k = xmlGetProp(n, (const xmlChar *)"property");
            if (!k)
                k = xmlGetProp(n, (const xmlChar *)"name");
            if (!k)
                k = xmlGetProp(n, (const xmlChar *)"itemprop");
            if (k) {
                for (int i = 0; keys[i]; i++)
                    if (strcasecmp((const char *)k, keys[i]) == 0)
                        v = xmlGetProp(n, (const xmlChar *)"content");
                xmlFree(k);
            }
        } else if (strcasecmp((const char *)n->name, "time") == 0) {
            v = xmlGetProp(n, (const xmlChar *)"datetime");
        }
        if (v) {
            if (!read_parse_date((const char *)v, out))
                out[0] = 0;
            xmlFree(v);
        }
        find_date(n->children, out, depth + 1);
    }
}

pl_doc *read_html_doc(pl_ctx *ctx, const char *buf, size_t len, const char *path) {
    if (len > (size_t)INT32_MAX) {
        pl_fail(ctx, PL_ELIMIT, "%s: HTML file too large", path);
        return NULL;
    }
    htmlParserCtxtPtr pc = htmlNewParserCtxt();
    if (!pc) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    htmlDocPtr h = htmlCtxtReadMemory(pc, buf, (int)len, NULL, NULL,
                                      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                          HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    /* In recovery mode libxml2 disables its callbacks only when it halts:
     * elements nested deeper than its limit (256), a text node past its
     * size limit, or no memory. What follows is then missing from the
     * tree: the page is skipped rather than read in part. */
    int halted = pc->disableSAX != 0;
    htmlFreeParserCtxt(pc);
    if (h && halted) {
        xmlFreeDoc(h);
        pl_fail(ctx, PL_ELIMIT,
                "%s: HTML nested too deeply (over 256 elements) or with a text node too long; "
                "the parser stopped early",
                path);
        return NULL;
    }
    if (!h) {
        pl_fail(ctx, PL_EFORMAT, "%s: not parseable as HTML", path);
        return NULL;
    }
    xmlNode *root = xmlDocGetRootElement(h);
    xmlNode *body = root ? find(root, "article", 0) : NULL;
    if (!body && root)
        body = find(root, "main", 0);
    if (!body && root)
        body = find(root, "body", 0);
    if (!body)
        body = root;
    char *title = NULL;
    xmlNode *tn = root ? find(root, "h1", 0) : NULL;
    if (!tn && root)
        tn = find(root, "title", 0);
    if (tn)
        title = node_text(tn);
    char date[11] = "";
    if (root)
        find_date(root, date, 0);
    pl_buf b = {0};
    if (body)
        walk(&b, body->children ? body->children : body, 0);
    paragraph_break(&b);
    xmlFreeDoc(h);
    pl_doc *d = NULL;
    if (b.err) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
    } else {
        if (!b.p) { /* an empty page is an empty document, not an error */
            b.p = calloc(1, 1);
            if (!b.p) {
                free(title);
                pl_fail(ctx, PL_ENOMEM, "out of memory");
                return NULL;
            }
        }
        d = doc_make(ctx, b.p, b.len, NULL, date, title, NULL, NULL, path);
        b.p = NULL;
    }
    pl_buf_free(&b);
    free(title);
    return d;
}
