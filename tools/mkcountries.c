/*
 * mkcountries: build data/actors/countries.txt.
 *
 * Build-time tool, not part of the library.  It reads the ISO 3166-1 table
 * shipped by Debian's iso-codes package (a JSON file) and the hand-written
 * data/src/countries.in (common names, aliases, demonyms and the few places
 * where the CAMEO code differs from ISO alpha-3), merges them and writes one
 * `actor` block per country in the format of docs/dictionaries.md.
 *
 *   usage: mkcountries ISO_JSON COUNTRIES_IN OUTPUT
 *
 * HOW NAMES ARE TAKEN FROM ISO-CODES
 *   Every entry contributes `common_name`, `name` and `official_name` (those
 *   present), in that order; the first becomes the primary name unless
 *   countries.in sets one.  Names are rewritten so they read like a phrase in
 *   running text:
 *     - a parenthesised part is dropped: "Holy See (Vatican City State)" ->
 *       "Holy See";
 *     - an inverted name is turned round: "Korea, Republic of" -> "Republic of
 *       Korea", "Virgin Islands, British" -> "British Virgin Islands" (the part
 *       after the comma must end in "of"/"of the" or be a single word);
 *     - a leading "the " is dropped ("the State of Eritrea");
 *     - any other name with a comma is not a phrase ("Bonaire, Sint Eustatius
 *       and Saba") and is skipped; the skip is noted as a comment in the
 *       output.
 *   Names are compared as the matcher sees them: case-insensitive, dots
 *   ignored, U+2019 read as "'".  Repeats within an entry are dropped; the
 *   same name in two entries is an error.
 *
 * THE countries.in FORMAT is described at the top of that file; in short,
 * one statement a line: `CODE KEYWORD VALUE` with KEYWORD one of name,
 * alias, drop, code, new, note.
 *
 * ERRORS are reported as `FILE:LINE: message` (or `FILE: message` for the
 * JSON input) on stderr, and the exit status is 1.  The output is written to
 * a temporary file and renamed into place only when everything succeeded, so
 * a failed run never leaves a half-written dictionary.
 *
 * Being a short-lived build tool it reports out-of-memory and exits instead
 * of unwinding; none of this code is linked into parley.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

/* One name of an entry. */
typedef struct {
	char *text;   /* as written out */
	char *key;    /* normalised form used for comparisons */
	int line;     /* countries.in line that added it; 0 = from iso-codes */
} Name;

/* One country (or non-ISO entity declared with `new`). */
typedef struct {
	char iso3[4];    /* ISO alpha-3, or the `new` code */
	char *code;      /* CAMEO code written out (defaults to iso3) */
	int code_line;   /* line of the `code` override, 0 if none */
	int primary;     /* index in names[] of the primary name, -1 = first */
	Name *names;     /* [nnames] names in output order */
	size_t nnames, capnames;
	char **notes;    /* [nnotes] comment lines written into the block */
	size_t nnotes, capnotes;
} Entry;

typedef struct {
	Entry *v;        /* [n] entries */
	size_t n, cap;
} Table;

static const char *progname = "mkcountries";

static void die_oom(void)
{
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(1);
}

static void *xrealloc(void *p, size_t n, size_t size)
{
	if (size && n > ((size_t)-1) / size)
		die_oom();
	p = realloc(p, (n * size) != 0 ? n * size : 1);
	if (!p)
		die_oom();
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (!d)
		die_oom();
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *xmalloc(size_t n)
{
	char *d = malloc(n ? n : 1);
	if (!d)
		die_oom();
	return d;
}

static char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Grow *v (element size `size`) so that it holds at least n+1 elements. */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(v, *cap, size);
}

static int nerrors;

static void error_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	if (line > 0)
		fprintf(stderr, "%s:%d: ", file, line);
	else
		fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	nerrors++;
}

/* Read a whole file into a NUL-terminated buffer; NULL with errno on error. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap, 1);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		free(buf);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/*
 * The matcher's view of a name: ASCII letters lower-cased, dots removed,
 * U+2019 (E2 80 99) read as an apostrophe, runs of blanks as one space.
 */
static char *name_key(const char *s)
{
	size_t n = strlen(s), j = 0;
	char *k = xmalloc(n + 1);
	int space = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.')
			continue;
		if (c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			c = '\'';
			i += 2;
		}
		if (c == ' ' || c == '\t') {
			if (!space)
				k[j++] = ' ';
			space = 1;
			continue;
		}
		k[j++] = (char)tolower(c);
		space = 0;
	}
	while (j > 0 && k[j - 1] == ' ')
		j--;
	k[j] = '\0';
	return k;
}

/* Collapse blank runs and trim; returns a new string. */
static char *squeeze(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	size_t j = 0;
	int space = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			if (!space)
				d[j++] = ' ';
			space = 1;
		} else {
			d[j++] = s[i];
			space = 0;
		}
	}
	while (j > 0 && d[j - 1] == ' ')
		j--;
	d[j] = '\0';
	return d;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Rewrite an iso-codes name into a phrase (see the file comment).  Returns
 * a new string, or NULL when the name cannot be used.
 */
static char *phrase_from_iso(const char *in)
{
	size_t n = strlen(in), j = 0;
	char *t = xmalloc(n + 1), *s, *comma, *res;
	int depth = 0;

	/* drop parenthesised parts */
	for (size_t i = 0; i < n; i++) {
		if (in[i] == '(')
			depth++;
		else if (in[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			t[j++] = in[i];
	}
	t[j] = '\0';
	s = squeeze(t, j);
	free(t);

	comma = strchr(s, ',');
	if (comma) {
		char *head = squeeze(s, (size_t)(comma - s));
		char *tail = squeeze(comma + 1, strlen(comma + 1));
		if (strchr(tail, ',') || !*head || !*tail ||
		    !(ends_with(tail, " of") || ends_with(tail, " of the") ||
		      !strchr(tail, ' '))) {
			free(head);
			free(tail);
			free(s);
			return NULL;
		}
		res = xrealloc(NULL, strlen(head) + strlen(tail) + 2, 1);
		sprintf(res, "%s %s", tail, head);
		free(head);
		free(tail);
		free(s);
		s = res;
	}
	if (strncmp(s, "the ", 4) == 0 || strncmp(s, "The ", 4) == 0) {
		res = xstrdup(s + 4);
		free(s);
		s = res;
	}
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static Entry *find_entry(Table *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].iso3, code) == 0)
			return &t->v[i];
	return NULL;
}

static Entry *new_entry(Table *t, const char *iso3)
{
	Entry *e;
	t->v = grow(t->v, t->n, &t->cap, sizeof *t->v);
	e = &t->v[t->n++];
	memset(e, 0, sizeof *e);
	snprintf(e->iso3, sizeof e->iso3, "%s", iso3);
	e->code = xstrdup(iso3);
	e->primary = -1;
	return e;
}

static void add_note(Entry *e, const char *text)
{
	e->notes = grow(e->notes, e->nnotes, &e->capnotes, sizeof *e->notes);
	e->notes[e->nnotes++] = xstrdup(text);
}

/* Index of the name with this key in e, or -1. */
static long find_name(const Entry *e, const char *key)
{
	for (size_t i = 0; i < e->nnames; i++)
		if (strcmp(e->names[i].key, key) == 0)
			return (long)i;
	return -1;
}

/* Add a name unless the entry already has it; returns its index. */
static size_t add_name(Entry *e, const char *text, int line)
{
	char *key = name_key(text);
	long at = find_name(e, key);
	if (at >= 0) {
		free(key);
		return (size_t)at;
	}
	e->names = grow(e->names, e->nnames, &e->capnames, sizeof *e->names);
	e->names[e->nnames].text = xstrdup(text);
	e->names[e->nnames].key = key;
	e->names[e->nnames].line = line;
	return e->nnames++;
}

static void add_iso_name(Entry *e, const cJSON *obj, const char *field)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
	char *p, note[512];
	if (!cJSON_IsString(v) || !v->valuestring || !*v->valuestring)
		return;
	p = phrase_from_iso(v->valuestring);
	if (!p) {
		snprintf(note, sizeof note,
		         "iso-codes %s \"%s\" is not a phrase: not used",
		         field, v->valuestring);
		/* the same skipped string may come as name and official_name */
		for (size_t i = 0; i < e->nnotes; i++)
			if (strstr(e->notes[i], v->valuestring))
				return;
		add_note(e, note);
		return;
	}
	add_name(e, p, 0);
	free(p);
}

static int load_iso(Table *t, const char *path)
{
	size_t len;
	char *buf = read_file(path, &len);
	cJSON *root, *arr, *it;
	if (!buf) {
		error_at(path, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	root = cJSON_ParseWithLength(buf, len);
	free(buf);
	if (!root) {
		error_at(path, 0, "not valid JSON");
		return -1;
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "3166-1");
	if (!cJSON_IsArray(arr)) {
		error_at(path, 0, "no \"3166-1\" array");
		cJSON_Delete(root);
		return -1;
	}
	cJSON_ArrayForEach(it, arr) {
		const cJSON *a3 = cJSON_GetObjectItemCaseSensitive(it, "alpha_3");
		const char *s;
		Entry *e;
		if (!cJSON_IsString(a3) || !(s = a3->valuestring) ||
		    strlen(s) != 3 || !isupper((unsigned char)s[0]) ||
		    !isupper((unsigned char)s[1]) ||
		    !isupper((unsigned char)s[2])) {
			error_at(path, 0, "entry without a valid alpha_3");
			continue;
		}
		if (find_entry(t, s)) {
			error_at(path, 0, "alpha_3 %s listed twice", s);
			continue;
		}
		e = new_entry(t, s);
		add_iso_name(e, it, "common_name");
		add_iso_name(e, it, "name");
		add_iso_name(e, it, "official_name");
	}
	cJSON_Delete(root);
	return nerrors ? -1 : 0;
}

/* A CAMEO code: one or more groups of three upper-case letters. */
static int valid_code(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n % 3 != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

/* A name may not be empty, nor carry characters the dictionary reserves. */
static const char *bad_name(const char *s)
{
	if (!*s)
		return "empty name";
	if (strchr(s, ','))
		return "comma in a name";
	for (const char *p = s; *p; p++)
		if (*p == '#' && (p == s || p[-1] == ' '))
			return "'#' starting a word would read as a comment";
	return NULL;
}

/* Strip a comment: '#' at the start or after a blank. */
static void strip_comment(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			return;
		}
}

static void apply_line(Table *t, const char *file, int ln, char *line)
{
	char *p = line, *code, *kw, *val;
	Entry *e;

	strip_comment(line);
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return;
	code = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	kw = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = '\0';
	val = squeeze(p, strlen(p));

	if (!*kw) {
		error_at(file, ln, "expected 'CODE KEYWORD VALUE'");
		goto out;
	}
	if (strcmp(kw, "note") != 0 && !*val) {
		error_at(file, ln, "'%s' needs a value", kw);
		goto out;
	}
	if (strlen(code) != 3 || !valid_code(code)) {
		error_at(file, ln, "'%s' is not a 3-letter upper-case code", code);
		goto out;
	}
	e = find_entry(t, code);

	if (strcmp(kw, "new") == 0) {
		const char *why;
		if (e) {
			error_at(file, ln, "'new %s': %s already exists", val, code);
			goto out;
		}
		if ((why = bad_name(val))) {
			error_at(file, ln, "%s", why);
			goto out;
		}
		e = new_entry(t, code);
		e->primary = (int)add_name(e, val, ln);
		goto out;
	}
	if (!e) {
		error_at(file, ln, "unknown code '%s' (not ISO alpha-3, not declared with 'new')", code);
		goto out;
	}
	if (strcmp(kw, "alias") == 0) {
		char *s = val;
		for (;;) {
			char *c = strchr(s, ','), *a;
			const char *why;
			a = squeeze(s, c ? (size_t)(c - s) : strlen(s));
			if ((why = bad_name(a)))
				error_at(file, ln, "%s in alias list", why);
			else
				add_name(e, a, ln);
			free(a);
			if (!c)
				break;
			s = c + 1;
		}
	} else if (strcmp(kw, "name") == 0) {
		const char *why = bad_name(val);
		if (why) {
			error_at(file, ln, "%s", why);
			goto out;
		}
		if (e->primary >= 0 && e->names[e->primary].line > 0) {
			error_at(file, ln, "%s already has a primary name (line %d)",
			         code, e->names[e->primary].line);
			goto out;
		}
		e->primary = (int)add_name(e, val, ln);
		e->names[e->primary].line = ln;
	} else if (strcmp(kw, "drop") == 0) {
		char *key = name_key(val);
		long at = find_name(e, key);
		free(key);
		if (at < 0) {
			error_at(file, ln, "%s has no name '%s' to drop", code, val);
			goto out;
		}
		free(e->names[at].text);
		free(e->names[at].key);
		memmove(&e->names[at], &e->names[at + 1],
		        (e->nnames - (size_t)at - 1) * sizeof *e->names);
		e->nnames--;
		if (e->primary == at)
			e->primary = -1;
		else if (e->primary > at)
			e->primary--;
	} else if (strcmp(kw, "code") == 0) {
		if (!valid_code(val)) {
			error_at(file, ln, "'%s' is not a CAMEO code (groups of 3 upper-case letters)", val);
			goto out;
		}
		if (e->code_line) {
			error_at(file, ln, "%s: code already set on line %d", code, e->code_line);
			goto out;
		}
		free(e->code);
		e->code = xstrdup(val);
		e->code_line = ln;
	} else if (strcmp(kw, "note") == 0) {
		add_note(e, val);
	} else {
		error_at(file, ln, "unknown keyword '%s' (name, alias, drop, code, new, note)", kw);
	}
out:
	free(val);
}

static int load_in(Table *t, const char *path)
{
	char *buf = read_file(path, NULL), *line, *next;
	int ln = 0;
	if (!buf) {
		error_at(path, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	for (line = buf; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ln++;
		if (*line && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		apply_line(t, path, ln, line);
	}
	free(buf);
	return nerrors ? -1 : 0;
}

typedef struct {
	const char *key;
	const Entry *e;
	const Name *n;
} KeyRef;

static int cmp_keyref(const void *a, const void *b)
{
	const KeyRef *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return strcmp(x->e->iso3, y->e->iso3);
}

/* Every name must belong to one entry only. */
static int check_unique(const Table *t, const char *inpath)
{
	size_t n = 0, k = 0;
	KeyRef *refs;
	for (size_t i = 0; i < t->n; i++)
		n += t->v[i].nnames;
	refs = xrealloc(NULL, n, sizeof *refs);
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->v[i].nnames; j++) {
			refs[k].key = t->v[i].names[j].key;
			refs[k].e = &t->v[i];
			refs[k].n = &t->v[i].names[j];
			k++;
		}
	qsort(refs, n, sizeof *refs, cmp_keyref);
	for (size_t i = 1; i < n; i++)
		if (strcmp(refs[i - 1].key, refs[i].key) == 0) {
			const KeyRef *a = &refs[i - 1], *b = &refs[i];
			int line = a->n->line > b->n->line ? a->n->line : b->n->line;
			error_at(inpath, line, "name '%s' is given to both %s and %s",
			         b->n->text, a->e->iso3, b->e->iso3);
		}
	free(refs);
	return nerrors ? -1 : 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const Entry *x = a, *y = b;
	return strcmp(x->iso3, y->iso3);
}

static int write_out(Table *t, const char *path)
{
	size_t tmplen = strlen(path) + 5;
	char *tmp = xrealloc(NULL, tmplen, 1);
	FILE *f;
	size_t nalias = 0;

	snprintf(tmp, tmplen, "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		error_at(tmp, 0, "cannot write: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	qsort(t->v, t->n, sizeof *t->v, cmp_entry);
	for (size_t i = 0; i < t->n; i++)
		nalias += t->v[i].nnames - 1;

	fprintf(f,
	        "# countries.txt: one actor per ISO 3166-1 country, plus the few\n"
	        "# countries CAMEO codes that ISO lacks.\n"
	        "#\n"
	        "# GENERATED by tools/mkcountries from Debian's iso-codes\n"
	        "# (iso_3166-1.json; country names from iso-codes, LGPL-2.1+) and\n"
	        "# data/src/countries.in (aliases, demonyms, CAMEO exceptions).\n"
	        "# Do not edit: change data/src/countries.in and run\n"
	        "# `make data/actors/countries.txt`.\n"
	        "#\n"
	        "# %zu entries, %zu aliases.  Entries are in code order.\n",
	        t->n, nalias);
	for (size_t i = 0; i < t->n; i++) {
		const Entry *e = &t->v[i];
		size_t p = e->primary >= 0 ? (size_t)e->primary : 0;
		fprintf(f, "\nactor %s\n", e->names[p].text);
		for (size_t j = 0; j < e->nnotes; j++)
			fprintf(f, "  # %s\n", e->notes[j]);
		for (size_t j = 0; j < e->nnames; j++)
			if (j != p)
				fprintf(f, "  alias %s\n", e->names[j].text);
		fprintf(f, "  code %s\n  type country\n", e->code);
	}
	if (ferror(f) | fclose(f)) {
		error_at(tmp, 0, "write error");
		remove(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		error_at(path, 0, "cannot rename %s: %s", tmp, strerror(errno));
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static void free_table(Table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		Entry *e = &t->v[i];
		for (size_t j = 0; j < e->nnames; j++) {
			free(e->names[j].text);
			free(e->names[j].key);
		}
		for (size_t j = 0; j < e->nnotes; j++)
			free(e->notes[j]);
		free(e->names);
		free(e->notes);
		free(e->code);
	}
	free(t->v);
}

int main(int argc, char **argv)
{
	Table t = {0};
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: %s ISO_3166-1_JSON COUNTRIES_IN OUTPUT\n",
		        argc > 0 ? argv[0] : progname);
		return 2;
	}
	if (load_iso(&t, argv[1]) != 0)
		goto out;
	if (load_in(&t, argv[2]) != 0)
		goto out;
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].nnames == 0)
			error_at(argv[2], 0, "%s has no usable name: give it one with '%s name'",
			         t.v[i].iso3, t.v[i].iso3);
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].nnames == 0) {
			/* reported above; give it a placeholder so the
			 * uniqueness check below can still run */
			add_name(&t.v[i], t.v[i].iso3, 0);
		}
	if (check_unique(&t, argv[2]) != 0 || nerrors)
		goto out;
	if (write_out(&t, argv[3]) != 0)
		goto out;
	rc = 0;
out:
	free_table(&t);
	return rc;
}
