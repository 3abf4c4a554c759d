/* The test scripts' reader of what duban writes: CSV, JSON, XML (the HTML
 * report, the sheets of an XLSX), ZIP entries and display widths. Written
 * apart from src/ on purpose (no libduban), so that a test checks duban's
 * output with a second reading instead of duban's own, and so that the
 * scripts need no other interpreter; it also zips the fixture scripts' files.
 *
 *   tool csv FILE             records as lines, fields joined by TAB, with
 *                             \\ \t \n \r escaped; a UTF-8 BOM is dropped
 *   tool tocsv [FILE]         the reverse: such lines to CSV (UTF-8 BOM,
 *                             CRLF, quoted where needed), as Excel writes it
 *   tool json [-r] FILE EXPR...  check that FILE (- for stdin) is JSON; print
 *                             each EXPR's values, one a line, or rows of
 *                             them with {A,B} (see json_eval)
 *   tool xml FILE             check that FILE is well-formed XML (a leading
 *                             <!DOCTYPE html> allowed); print its text
 *   tool unzip FILE [ENTRY]   print a ZIP entry (stored or deflated, CRC
 *                             checked), or without ENTRY the entries' names
 *   tool zip OUT NAME=FILE[:SIZE]...  write a ZIP archive of those entries
 *                             (deflated; SIZE: the unpacked size to declare,
 *                             for a lying archive); the fixture scripts' zip
 *   tool measure [SEP]        for each line of stdin: its display width, its
 *                             characters, and the display column of each SEP
 *   tool toxlsx OUT SHEET FILE...  write the workbook OUT (libxlsxwriter) with
 *                             a sheet SHEET for each FILE of lines as 'tool
 *                             csv' prints them (a SHEET starting '~' is
 *                             hidden): a field that is a plain decimal
 *                             number becomes a number cell, as Excel makes
 *                             it when a CSV is opened; others a text cell
 *
 * Exit status 0, or 1 with a message on stderr naming the file and place. */
#define _XOPEN_SOURCE 700   /* wcwidth */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <xlsxwriter.h>
#include <zlib.h>

static const char *prog_file = "";

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "tool: %s: ", prog_file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("tool: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* The whole of PATH ("-": stdin), NUL-terminated; its length in *LEN. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	if (!f)
		die("cannot open: %s", strerror(errno));
	do {
		if (cap - n < 65536) {
			cap = cap * 2 + 65536;
			buf = xrealloc(buf, cap + 1);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	if (ferror(f))
		die("cannot read: %s", strerror(errno));
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* ---- CSV ---------------------------------------------------------------- */

static void put_escaped(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default: putchar(s[i]);
		}
	}
}

/* RFC 4180: fields split by commas, records by CRLF or LF; a quoted field
 * holds commas, line breaks and doubled quotes. A quote inside an unquoted
 * field or text after a closing quote is an error. */
static int cmd_csv(const char *path)
{
	size_t len, i = 0;
	char *buf = slurp(path, &len);
	int line = 1;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len) {
		/* one record */
		for (;;) {
			if (buf[i] == '"') {
				int open = line;
				i++;
				for (;;) {
					if (i >= len)
						die("line %d: quoted field not closed", open);
					if (buf[i] == '"') {
						if (i + 1 < len && buf[i + 1] == '"') {
							putchar('"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (buf[i] == '\n')
						line++;
					put_escaped(buf + i, 1);
					i++;
				}
				if (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r')
					die("line %d: text after a closing quote", line);
			} else {
				size_t s = i;
				while (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') {
					if (buf[i] == '"')
						die("line %d: a quote inside an unquoted field", line);
					i++;
				}
				put_escaped(buf + s, i - s);
			}
			if (i < len && buf[i] == ',') {
				putchar('\t');
				i++;
				continue;
			}
			break;
		}
		if (i < len && buf[i] == '\r')
			i++;
		if (i < len && buf[i] == '\n')
			i++;
		line++;
		putchar('\n');
	}
	free(buf);
	return 0;
}

/* Emit the escaped field S[0, N) as one CSV field: quoted when it holds a
 * comma, a quote or a line break, as Excel and Python's csv module do. */
static void csv_put_field(const char *s, size_t n)
{
	char *field = xrealloc(NULL, n + 1), *o = field;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			*o++ = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i] == 'r' ? '\r' : s[i];
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	if (strpbrk(field, ",\"\r\n")) {
		putchar('"');
		for (o = field; *o; o++) {
			if (*o == '"')
				putchar('"');
			putchar(*o);
		}
		putchar('"');
	} else {
		fputs(field, stdout);
	}
	free(field);
}

static int cmd_tocsv(const char *path)
{
	size_t len;
	char *buf = slurp(path, &len), *p = buf;
	fputs("\xEF\xBB\xBF", stdout);
	while (*p) {
		char *eol = strchr(p, '\n'), *f = p;
		if (!eol)
			eol = p + strlen(p);
		for (;;) {
			char *end = f;
			while (end < eol && *end != '\t')
				end++;
			if (f != p)
				putchar(',');
			csv_put_field(f, (size_t)(end - f));
			if (end >= eol)
				break;
			f = end + 1;
		}
		fputs("\r\n", stdout);
		p = *eol ? eol + 1 : eol;
	}
	free(buf);
	return 0;
}

/* ---- JSON --------------------------------------------------------------- */

struct jv {
	char type;            /* o object, a array, s string, n number, t f z (null) */
	char *text;           /* string (decoded) or number (as written) */
	struct jv *items;     /* members or elements */
	char **keys;          /* object member names (decoded) */
	size_t n;
};

struct jp {
	const char *s, *p;
};

static void jp_fail(const struct jp *j, const char *what) __attribute__((noreturn));
static void jp_fail(const struct jp *j, const char *what)
{
	int line = 1, col = 1;
	for (const char *q = j->s; q < j->p; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*q & 0xC0) != 0x80) {
			col++;
		}
	}
	die("not JSON: line %d column %d: %s", line, col, what);
}

static void jp_ws(struct jp *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
		j->p++;
}

static void put_utf8(char **o, unsigned long c)
{
	unsigned char *u = (unsigned char *)*o;
	if (c < 0x80) {
		*u++ = (unsigned char)c;
	} else if (c < 0x800) {
		*u++ = (unsigned char)(0xC0 | c >> 6);
		*u++ = (unsigned char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		*u++ = (unsigned char)(0xE0 | c >> 12);
		*u++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		*u++ = (unsigned char)(0x80 | (c & 0x3F));
	} else {
		*u++ = (unsigned char)(0xF0 | c >> 18);
		*u++ = (unsigned char)(0x80 | (c >> 12 & 0x3F));
		*u++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		*u++ = (unsigned char)(0x80 | (c & 0x3F));
	}
	*o = (char *)u;
}

/* Length of the valid UTF-8 sequence at P, 0 if there is none. */
static int utf8_len(const unsigned char *p)
{
	unsigned long c;
	int n, i;
	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xE0) == 0xC0) {
		n = 2;
		c = p[0] & 0x1F;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 3;
		c = p[0] & 0x0F;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return n;
}

static unsigned long jp_hex4(struct jp *j)
{
	unsigned long v = 0;
	for (int i = 0; i < 4; i++) {
		char c = *j->p++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned long)(c - 'A' + 10);
		else
			jp_fail(j, "bad \\u escape");
	}
	return v;
}

static char *jp_string(struct jp *j)
{
	char *out = xrealloc(NULL, strlen(j->p) + 1), *o = out;
	j->p++;  /* the opening quote */
	for (;;) {
		unsigned char c = (unsigned char)*j->p;
		if (c == '"') {
			j->p++;
			break;
		}
		if (!c)
			jp_fail(j, "string not closed");
		if (c < 0x20)
			jp_fail(j, "a control character inside a string");
		if (c == '\\') {
			j->p++;
			switch (*j->p++) {
			case '"': *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '/': *o++ = '/'; break;
			case 'b': *o++ = '\b'; break;
			case 'f': *o++ = '\f'; break;
			case 'n': *o++ = '\n'; break;
			case 'r': *o++ = '\r'; break;
			case 't': *o++ = '\t'; break;
			case 'u': {
				unsigned long u = jp_hex4(j);
				if (u >= 0xD800 && u <= 0xDBFF) {
					unsigned long lo;
					if (j->p[0] != '\\' || j->p[1] != 'u')
						jp_fail(j, "a lone surrogate");
					j->p += 2;
					lo = jp_hex4(j);
					if (lo < 0xDC00 || lo > 0xDFFF)
						jp_fail(j, "a lone surrogate");
					u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				} else if (u >= 0xDC00 && u <= 0xDFFF) {
					jp_fail(j, "a lone surrogate");
				}
				put_utf8(&o, u);
				break;
			}
			default:
				j->p--;
				jp_fail(j, "bad escape");
			}
			continue;
		}
		{
			int n = utf8_len((const unsigned char *)j->p);
			if (!n)
				jp_fail(j, "invalid UTF-8");
			memcpy(o, j->p, (size_t)n);
			o += n;
			j->p += n;
		}
	}
	*o = '\0';
	return out;
}

static void jp_value(struct jp *j, struct jv *v, int depth);

static void jp_items(struct jp *j, struct jv *v, char close, int depth)
{
	size_t cap = 0;
	j->p++;
	jp_ws(j);
	if (*j->p == close) {
		j->p++;
		return;
	}
	for (;;) {
		if (v->n == cap) {
			cap = cap * 2 + 8;
			v->items = xrealloc(v->items, cap * sizeof *v->items);
			if (v->type == 'o')
				v->keys = xrealloc(v->keys, cap * sizeof *v->keys);
		}
		jp_ws(j);
		if (v->type == 'o') {
			if (*j->p != '"')
				jp_fail(j, "expected a member name");
			v->keys[v->n] = jp_string(j);
			for (size_t i = 0; i < v->n; i++)
				if (!strcmp(v->keys[i], v->keys[v->n]))
					jp_fail(j, "a member name given twice");
			jp_ws(j);
			if (*j->p != ':')
				jp_fail(j, "expected ':'");
			j->p++;
		}
		jp_value(j, &v->items[v->n], depth + 1);
		v->n++;
		jp_ws(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p == close) {
			j->p++;
			return;
		}
		jp_fail(j, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static void jp_value(struct jp *j, struct jv *v, int depth)
{
	memset(v, 0, sizeof *v);
	if (depth > 200)
		jp_fail(j, "nested too deep");
	jp_ws(j);
	switch (*j->p) {
	case '{':
		v->type = 'o';
		jp_items(j, v, '}', depth);
		return;
	case '[':
		v->type = 'a';
		jp_items(j, v, ']', depth);
		return;
	case '"':
		v->type = 's';
		v->text = jp_string(j);
		return;
	case 't':
	case 'f':
	case 'n': {
		const char *word = *j->p == 't' ? "true" : *j->p == 'f' ? "false" : "null";
		if (strncmp(j->p, word, strlen(word)))
			jp_fail(j, "unknown word");
		v->type = *j->p == 'n' ? 'z' : *j->p;
		j->p += strlen(word);
		return;
	}
	default: {
		const char *s = j->p;
		if (*j->p == '-')
			j->p++;
		if (*j->p == '0')
			j->p++;
		else if (*j->p >= '1' && *j->p <= '9')
			while (*j->p >= '0' && *j->p <= '9')
				j->p++;
		else
			jp_fail(j, "expected a value");
		if (*j->p == '.') {
			j->p++;
			if (!(*j->p >= '0' && *j->p <= '9'))
				jp_fail(j, "a digit must follow '.'");
			while (*j->p >= '0' && *j->p <= '9')
				j->p++;
		}
		if (*j->p == 'e' || *j->p == 'E') {
			j->p++;
			if (*j->p == '+' || *j->p == '-')
				j->p++;
			if (!(*j->p >= '0' && *j->p <= '9'))
				jp_fail(j, "a digit must follow the exponent");
			while (*j->p >= '0' && *j->p <= '9')
				j->p++;
		}
		v->type = 'n';
		v->text = xrealloc(NULL, (size_t)(j->p - s) + 1);
		memcpy(v->text, s, (size_t)(j->p - s));
		v->text[j->p - s] = '\0';
	}
	}
}

static void json_put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* V as compact JSON: no spaces, members in the document's order. */
static void json_put(FILE *f, const struct jv *v)
{
	switch (v->type) {
	case 'o':
	case 'a':
		fputc(v->type == 'o' ? '{' : '[', f);
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				fputc(',', f);
			if (v->type == 'o') {
				json_put_str(f, v->keys[i]);
				fputc(':', f);
			}
			json_put(f, &v->items[i]);
		}
		fputc(v->type == 'o' ? '}' : ']', f);
		break;
	case 's':
		json_put_str(f, v->text);
		break;
	case 'n':
		fputs(v->text, f);
		break;
	default:
		fputs(v->type == 't' ? "true" : v->type == 'f' ? "false" : "null", f);
	}
}

/* A scalar as text: strings without quotes, for [key=value] and -r. */
static int json_scalar_is(const struct jv *v, const char *want)
{
	switch (v->type) {
	case 's':
	case 'n':
		return !strcmp(v->text, want);
	case 't':
		return !strcmp(want, "true");
	case 'f':
		return !strcmp(want, "false");
	case 'z':
		return !strcmp(want, "null");
	}
	return 0;
}

static const struct jv *json_member(const struct jv *v, const char *key)
{
	if (v->type != 'o')
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->keys[i], key))
			return &v->items[i];
	return NULL;
}

static int raw_strings;
static int in_row;          /* inside {…}: values go on the row's line */
static size_t row_values;   /* values the current cell of the row has */

/* Start one value: in a row, the values of one cell are joined by '|'. */
static void json_value_begin(void)
{
	if (in_row && row_values++)
		putchar('|');
}

/* End one value: a line of its own, unless it is part of a row. */
static void json_value_end(void)
{
	if (!in_row)
		putchar('\n');
}

/* Evaluate the path E on V and print every value it yields, one a line:
 *   .name       the member NAME of an object (missing: an error)
 *   [N]         element N of an array, from 0
 *   []          every element (or member value)
 *   [key=val]   every element that is an object whose member KEY is the
 *               scalar VAL (a string without quotes, or a number as written);
 *               on an object, the object itself if it is such a one
 *   #           (last) the number of elements or members
 *   {A,B,…}     (last) one line for the value: the values of the paths A,
 *               B, … taken from it, cells split by TAB, the values of one
 *               cell joined by '|' (with -r, \ TAB and newline in a
 *               string written \\ \t \n); after [] a line for each
 *               element: '[]{.number,.departments[].name}'
 * An empty path is the whole value. Returns how many values it printed. */
static size_t json_eval(const struct jv *v, const char *e, const char *whole)
{
	size_t count = 0;
	if (!*e) {
		json_value_begin();
		if (raw_strings && v->type == 's' && in_row)
			put_escaped(v->text, strlen(v->text));
		else if (raw_strings && v->type == 's')
			fputs(v->text, stdout);
		else
			json_put(stdout, v);
		json_value_end();
		return 1;
	}
	if (!strcmp(e, "#")) {
		if (v->type != 'a' && v->type != 'o')
			die("'%s': # of something that is neither an array nor an object", whole);
		json_value_begin();
		printf("%zu", v->n);
		json_value_end();
		return 1;
	}
	if (*e == '{') {
		const char *close = strchr(e, '}'), *a = e + 1;
		if (in_row)
			die("'%s': a row inside a row", whole);
		if (!close || close[1])
			die("'%s': '{' without a '}' that ends the path", whole);
		in_row = 1;
		while (a <= close) {
			size_t n = strcspn(a, ",}");
			char *sub = xrealloc(NULL, n + 1);
			memcpy(sub, a, n);
			sub[n] = '\0';
			if (a > e + 1)
				putchar('\t');
			row_values = 0;
			json_eval(v, sub, whole);
			free(sub);
			a += n + 1;
		}
		in_row = 0;
		putchar('\n');
		return 1;
	}
	if (*e == '.') {
		size_t n = strcspn(e + 1, ".[#");
		char *key = xrealloc(NULL, n + 1);
		const struct jv *m;
		memcpy(key, e + 1, n);
		key[n] = '\0';
		m = json_member(v, key);
		if (!m)
			die("'%s': no member '%s' in %s", whole, key, v->type == 'o' ? "this object" : "a non-object");
		free(key);
		return json_eval(m, e + 1 + n, whole);
	}
	if (*e == '[') {
		const char *close = strchr(e, ']');
		const char *eq;
		char *inside;
		if (!close)
			die("'%s': '[' without ']'", whole);
		inside = xrealloc(NULL, (size_t)(close - e));
		memcpy(inside, e + 1, (size_t)(close - e - 1));
		inside[close - e - 1] = '\0';
		eq = strchr(inside, '=');
		if (v->type != 'a' && !(v->type == 'o' && (!*inside || eq)))
			die("'%s': [%s] of a non-array", whole, inside);
		if (v->type == 'o' && eq) {
			/* a filter on an object already chosen: it passes or not */
			const struct jv *m;
			inside[eq - inside] = '\0';
			m = json_member(v, inside);
			if (m && json_scalar_is(m, eq + 1))
				count += json_eval(v, close + 1, whole);
		} else if (!*inside) {
			for (size_t i = 0; i < v->n; i++)
				count += json_eval(&v->items[i], close + 1, whole);
		} else if (eq) {
			char *key = inside;
			inside[eq - inside] = '\0';
			for (size_t i = 0; i < v->n; i++) {
				const struct jv *m = json_member(&v->items[i], key);
				if (m && json_scalar_is(m, eq + 1))
					count += json_eval(&v->items[i], close + 1, whole);
			}
		} else {
			char *end;
			unsigned long i = strtoul(inside, &end, 10);
			if (*end || i >= v->n)
				die("'%s': no element [%s] (%zu elements)", whole, inside, v->n);
			count += json_eval(&v->items[i], close + 1, whole);
		}
		free(inside);
		return count;
	}
	die("'%s': cannot read the path at '%s'", whole, e);
}

static void json_free(struct jv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		json_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->text);
}

static int cmd_json(int argc, char **argv)
{
	size_t len;
	char *buf;
	struct jp j;
	struct jv root;
	if (argc > 0 && !strcmp(argv[0], "-r")) {
		raw_strings = 1;
		argc--;
		argv++;
	}
	if (argc < 1)
		die("usage: tool json [-r] FILE [EXPR...]");
	prog_file = argv[0];
	buf = slurp(argv[0], &len);
	if (strlen(buf) != len)
		die("not JSON: a NUL byte");
	j.s = j.p = buf;
	jp_ws(&j);
	if (!*j.p)
		jp_fail(&j, "empty");
	jp_value(&j, &root, 0);
	jp_ws(&j);
	if (*j.p)
		jp_fail(&j, "text after the value");
	for (int i = 1; i < argc; i++)
		json_eval(&root, argv[i], argv[i]);
	json_free(&root);
	free(buf);
	return 0;
}

/* ---- XML ---------------------------------------------------------------- */

struct xp {
	const char *s, *p;
};

static void xp_fail(const struct xp *x, const char *what) __attribute__((noreturn));
static void xp_fail(const struct xp *x, const char *what)
{
	int line = 1;
	for (const char *q = x->s; q < x->p; q++)
		line += *q == '\n';
	die("not well-formed XML: line %d: %s", line, what);
}

static int xml_name_char(unsigned char c, int first)
{
	if (c >= 0x80 || c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

static size_t xml_name(struct xp *x)
{
	const char *s = x->p;
	if (!xml_name_char((unsigned char)*x->p, 1))
		xp_fail(x, "expected a name");
	while (xml_name_char((unsigned char)*x->p, 0))
		x->p++;
	return (size_t)(x->p - s);
}

static void xml_ws(struct xp *x)
{
	while (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' || *x->p == '\r')
		x->p++;
}

/* Text up to STOP (not included): entities must be the five of XML or
 * character references; '<' may not appear. Printed decoded when OUT. */
static void xml_text(struct xp *x, char stop, FILE *out)
{
	while (*x->p && *x->p != stop) {
		if (*x->p == '<')
			xp_fail(x, "'<' inside an attribute value");
		if (*x->p == '&') {
			static const char *const ents[][2] = {
				{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" }
			};
			size_t i;
			x->p++;
			if (*x->p == '#') {
				char *end;
				unsigned long c;
				int hex = x->p[1] == 'x';
				c = strtoul(x->p + 1 + hex, &end, hex ? 16 : 10);
				if (end == x->p + 1 + hex || *end != ';' || !c || c > 0x10FFFF ||
				    (c >= 0xD800 && c <= 0xDFFF))
					xp_fail(x, "a bad character reference");
				if (out) {
					char buf[4], *o = buf;
					put_utf8(&o, c);
					fwrite(buf, 1, (size_t)(o - buf), out);
				}
				x->p = end + 1;
				continue;
			}
			for (i = 0; i < sizeof ents / sizeof ents[0]; i++)
				if (!strncmp(x->p, ents[i][0], strlen(ents[i][0])))
					break;
			if (i == sizeof ents / sizeof ents[0])
				xp_fail(x, "'&' that starts no entity of XML");
			if (out)
				fputs(ents[i][1], out);
			x->p += strlen(ents[i][0]);
			continue;
		}
		if (!utf8_len((const unsigned char *)x->p))
			xp_fail(x, "invalid UTF-8");
		if (out)
			fwrite(x->p, 1, (size_t)utf8_len((const unsigned char *)x->p), out);
		x->p += utf8_len((const unsigned char *)x->p);
	}
}

static void xml_skip_past(struct xp *x, const char *end, const char *what)
{
	const char *e = strstr(x->p, end);
	if (!e)
		xp_fail(x, what);
	x->p = e + strlen(end);
}

static int cmd_xml(const char *path)
{
	size_t len, depth = 0, cap = 0;
	char *buf = slurp(path, &len);
	struct xp x = { buf, buf };
	const char **open = NULL;
	size_t *openlen = NULL;
	int roots = 0;
	if (strlen(buf) != len)
		die("not well-formed XML: a NUL byte");
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		x.p += 3;
	if (!strncmp(x.p, "<?xml", 5))
		xml_skip_past(&x, "?>", "'<?xml' not closed");
	xml_ws(&x);
	if (!strncmp(x.p, "<!DOCTYPE", 9))
		xml_skip_past(&x, ">", "'<!DOCTYPE' not closed");
	while (*x.p) {
		if (*x.p != '<') {
			if (!depth) {
				xml_ws(&x);
				if (*x.p && *x.p != '<')
					xp_fail(&x, "text outside the root element");
				continue;
			}
			xml_text(&x, '<', stdout);
			continue;
		}
		if (!strncmp(x.p, "<!--", 4)) {
			xml_skip_past(&x, "-->", "a comment not closed");
		} else if (!strncmp(x.p, "<![CDATA[", 9)) {
			const char *s = x.p + 9;
			if (!depth)
				xp_fail(&x, "CDATA outside the root element");
			xml_skip_past(&x, "]]>", "CDATA not closed");
			fwrite(s, 1, (size_t)(x.p - 3 - s), stdout);
		} else if (x.p[1] == '?') {
			xml_skip_past(&x, "?>", "'<?' not closed");
		} else if (x.p[1] == '/') {
			const char *name;
			size_t n;
			x.p += 2;
			name = x.p;
			n = xml_name(&x);
			if (!depth || n != openlen[depth - 1] || memcmp(name, open[depth - 1], n))
				xp_fail(&x, "an end tag that closes no open element");
			depth--;
			xml_ws(&x);
			if (*x.p != '>')
				xp_fail(&x, "expected '>'");
			x.p++;
		} else {
			const char *name, *attrs[64];
			size_t n, alen[64], na = 0;
			if (!depth && roots++)
				xp_fail(&x, "a second root element");
			x.p++;
			name = x.p;
			n = xml_name(&x);
			for (;;) {
				const char *a;
				size_t an;
				char q;
				int sp = *x.p == ' ' || *x.p == '\t' || *x.p == '\n' || *x.p == '\r';
				xml_ws(&x);
				if (*x.p == '>' || !strncmp(x.p, "/>", 2))
					break;
				if (!sp)
					xp_fail(&x, "no space before an attribute");
				a = x.p;
				an = xml_name(&x);
				for (size_t i = 0; i < na; i++)
					if (alen[i] == an && !memcmp(attrs[i], a, an))
						xp_fail(&x, "an attribute given twice");
				if (na < 64) {
					attrs[na] = a;
					alen[na++] = an;
				}
				xml_ws(&x);
				if (*x.p != '=')
					xp_fail(&x, "an attribute without '='");
				x.p++;
				xml_ws(&x);
				q = *x.p;
				if (q != '"' && q != '\'')
					xp_fail(&x, "an attribute value without quotes");
				x.p++;
				xml_text(&x, q, NULL);
				if (*x.p != q)
					xp_fail(&x, "an attribute value not closed");
				x.p++;
			}
			if (*x.p == '/') {
				x.p += 2;
				continue;
			}
			x.p++;
			if (depth == cap) {
				cap = cap * 2 + 16;
				open = xrealloc(open, cap * sizeof *open);
				openlen = xrealloc(openlen, cap * sizeof *openlen);
			}
			open[depth] = name;
			openlen[depth++] = n;
		}
	}
	if (depth)
		xp_fail(&x, "the document ends inside an element");
	if (!roots)
		xp_fail(&x, "no root element");
	free(open);
	free(openlen);
	free(buf);
	return 0;
}

/* ---- ZIP ---------------------------------------------------------------- */

static unsigned rd16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long rd32(const unsigned char *p)
{
	return (unsigned long)rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

static int cmd_unzip(const char *path, const char *entry)
{
	size_t len, i, off;
	unsigned char *buf = (unsigned char *)slurp(path, &len);
	unsigned long entries, cd;
	if (len < 22)
		die("not a ZIP file: too short");
	for (i = len - 22;; i--) {
		if (rd32(buf + i) == 0x06054b50)
			break;
		if (i == 0 || len - i > 65557)
			die("not a ZIP file: no end of central directory");
	}
	entries = rd16(buf + i + 10);
	cd = rd32(buf + i + 16);
	for (off = cd; entries--;) {
		unsigned method, nlen, xlen, clen;
		unsigned long csize, usize, local, crc;
		if (off + 46 > len || rd32(buf + off) != 0x02014b50)
			die("bad central directory entry at %zu", off);
		method = rd16(buf + off + 10);
		crc = rd32(buf + off + 16);
		csize = rd32(buf + off + 20);
		usize = rd32(buf + off + 24);
		nlen = rd16(buf + off + 28);
		xlen = rd16(buf + off + 30);
		clen = rd16(buf + off + 32);
		local = rd32(buf + off + 42);
		if (off + 46 + nlen > len)
			die("bad central directory entry at %zu", off);
		if (!entry) {
			fwrite(buf + off + 46, 1, nlen, stdout);
			putchar('\n');
		} else if (strlen(entry) == nlen && !memcmp(buf + off + 46, entry, nlen)) {
			size_t data;
			unsigned char *out = xrealloc(NULL, usize);
			if (local + 30 > len || rd32(buf + local) != 0x04034b50)
				die("'%s': bad local header", entry);
			data = local + 30 + rd16(buf + local + 26) + rd16(buf + local + 28);
			if (data + csize > len)
				die("'%s': its data runs past the end of the file", entry);
			if (method == 0) {
				if (csize != usize)
					die("'%s': stored with two sizes", entry);
				memcpy(out, buf + data, usize);
			} else if (method == 8) {
				z_stream z;
				memset(&z, 0, sizeof z);
				if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
					die("'%s': cannot start inflating", entry);
				z.next_in = buf + data;
				z.avail_in = (uInt)csize;
				z.next_out = out;
				z.avail_out = (uInt)usize;
				if (inflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out != usize)
					die("'%s': deflated data is damaged", entry);
				inflateEnd(&z);
			} else {
				die("'%s': compression method %u unknown", entry, method);
			}
			if (crc32(crc32(0L, Z_NULL, 0), out, (uInt)usize) != crc)
				die("'%s': CRC mismatch", entry);
			fwrite(out, 1, usize, stdout);
			free(out);
			free(buf);
			return 0;
		}
		off += 46 + nlen + xlen + clen;
	}
	if (!entry) {
		free(buf);
		return 0;
	}
	die("no entry '%s'", entry);
}

static void wr16(FILE *f, unsigned v)
{
	fputc((int)(v & 0xff), f);
	fputc((int)(v >> 8 & 0xff), f);
}

static void wr32(FILE *f, unsigned long v)
{
	wr16(f, (unsigned)(v & 0xffff));
	wr16(f, (unsigned)(v >> 16 & 0xffff));
}

/* Write the ZIP archive OUT from ARGS, each "NAME=FILE" or "NAME=FILE:SIZE":
 * the entry NAME holding FILE's bytes, deflated at level 9 (stored when
 * empty); SIZE, when given, is the unpacked size the archive declares in
 * place of the true one (a lying archive for the bad-input tests). */
static int cmd_zip(const char *out, int n, char **args)
{
	FILE *f = fopen(out, "wb");
	unsigned long *offs = xrealloc(NULL, (size_t)n * sizeof *offs);
	unsigned long *crcs = xrealloc(NULL, (size_t)n * sizeof *crcs);
	unsigned long *csz = xrealloc(NULL, (size_t)n * sizeof *csz);
	unsigned long *usz = xrealloc(NULL, (size_t)n * sizeof *usz);
	unsigned *meth = xrealloc(NULL, (size_t)n * sizeof *meth);
	unsigned long cd, cdlen;
	int i;

	if (!f)
		die("cannot write: %s", strerror(errno));
	for (i = 0; i < n; i++) {
		char *eq = strchr(args[i], '='), *colon, *data;
		unsigned char *packed;
		size_t len;
		z_stream z;
		if (!eq || eq == args[i])
			die("'%s': not NAME=FILE", args[i]);
		*eq = '\0';
		colon = strrchr(eq + 1, ':');
		if (colon)
			*colon = '\0';
		prog_file = eq + 1;
		data = slurp(eq + 1, &len);
		prog_file = out;
		if (len > 0xffffffffUL)
			die("'%s': too big for a ZIP without ZIP64", args[i]);
		crcs[i] = crc32(crc32(0L, Z_NULL, 0), (unsigned char *)data, (uInt)len);
		usz[i] = colon ? strtoul(colon + 1, NULL, 10) : (unsigned long)len;
		packed = xrealloc(NULL, compressBound((uLong)len) + 64);
		memset(&z, 0, sizeof z);
		if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
			die("cannot start deflating");
		z.next_in = (unsigned char *)data;
		z.avail_in = (uInt)len;
		z.next_out = packed;
		z.avail_out = (uInt)(compressBound((uLong)len) + 64);
		if (deflate(&z, Z_FINISH) != Z_STREAM_END)
			die("'%s': cannot deflate", args[i]);
		meth[i] = len ? 8 : 0;
		csz[i] = len ? z.total_out : 0;
		deflateEnd(&z);
		offs[i] = (unsigned long)ftell(f);
		wr32(f, 0x04034b50);
		wr16(f, 20);
		wr16(f, 0x800);   /* names in UTF-8 */
		wr16(f, meth[i]);
		wr16(f, 0);
		wr16(f, 0x21);    /* 1980-01-01 */
		wr32(f, crcs[i]);
		wr32(f, csz[i]);
		wr32(f, usz[i]);
		wr16(f, (unsigned)strlen(args[i]));
		wr16(f, 0);
		fputs(args[i], f);
		fwrite(packed, 1, csz[i], f);
		free(packed);
		free(data);
	}
	cd = (unsigned long)ftell(f);
	for (i = 0; i < n; i++) {
		wr32(f, 0x02014b50);
		wr16(f, 20);
		wr16(f, 20);
		wr16(f, 0x800);
		wr16(f, meth[i]);
		wr16(f, 0);
		wr16(f, 0x21);
		wr32(f, crcs[i]);
		wr32(f, csz[i]);
		wr32(f, usz[i]);
		wr16(f, (unsigned)strlen(args[i]));
		wr16(f, 0);
		wr16(f, 0);
		wr16(f, 0);
		wr16(f, 0);
		wr32(f, 0);
		wr32(f, offs[i]);
		fputs(args[i], f);
	}
	cdlen = (unsigned long)ftell(f) - cd;
	wr32(f, 0x06054b50);
	wr16(f, 0);
	wr16(f, 0);
	wr16(f, (unsigned)n);
	wr16(f, (unsigned)n);
	wr32(f, cdlen);
	wr32(f, cd);
	wr16(f, 0);
	if (fclose(f))
		die("cannot write: %s", strerror(errno));
	free(offs);
	free(crcs);
	free(csz);
	free(usz);
	free(meth);
	return 0;
}


/* ---- display widths ------------------------------------------------------ */

/* Width by the C library's wcwidth (a second opinion to duban's, which is
 * libunistring's), 1 for what has none. */
static int width_n(const char *s, size_t n, int *chars)
{
	mbstate_t st;
	int w = 0;
	memset(&st, 0, sizeof st);
	*chars = 0;
	while (n > 0) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, n, &st);
		int cw;
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof st);
			r = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		w += cw;
		(*chars)++;
		s += r;
		n -= r;
	}
	return w;
}

static int cmd_measure(const char *sep)
{
	size_t len;
	char *buf = slurp("-", &len), *p = buf;
	prog_file = "stdin";
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "en_US.UTF-8"))
		die("no UTF-8 locale");
	while (*p) {
		char *eol = strchr(p, '\n');
		int chars;
		if (!eol)
			eol = p + strlen(p);
		printf("%d", width_n(p, (size_t)(eol - p), &chars));
		printf(" %d", chars);
		if (sep && *sep) {
			for (char *q = p; (q = strstr(q, sep)) && q < eol; q += strlen(sep))
				printf(" %d", width_n(p, (size_t)(q - p), &chars));
		}
		putchar('\n');
		p = *eol ? eol + 1 : eol;
	}
	free(buf);
	return 0;
}

/* ---- XLSX --------------------------------------------------------------- */

/* Undo put_escaped in place. */
static void unescape(char *s)
{
	char *w = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* 1 when S is a plain decimal number: [-]digits[.digits], no leading zero. */
static int plain_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t int_digits = strspn(p, "0123456789");
	if (!int_digits || (int_digits > 1 && *p == '0'))
		return 0;
	p += int_digits;
	if (*p == '.') {
		size_t frac = strspn(p + 1, "0123456789");
		if (!frac)
			return 0;
		p += 1 + frac;
	}
	return !*p;
}

static int cmd_toxlsx(const char *out, int n, char **args)
{
	lxw_workbook *wb = workbook_new(out);
	if (!wb)
		die("cannot create the workbook");
	for (int i = 0; i + 1 < n; i += 2) {
		const char *name = args[i][0] == '~' ? args[i] + 1 : args[i];
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		size_t len;
		char *buf, *line, *next;
		lxw_row_t row = 0;
		if (!ws)
			die("cannot add the sheet '%s'", name);
		if (args[i][0] == '~')
			worksheet_hide(ws);
		prog_file = args[i + 1];
		buf = slurp(args[i + 1], &len);
		for (line = buf; *line; line = next, row++) {
			lxw_col_t col = 0;
			char *field, *end;
			next = strchr(line, '\n');
			next = next ? (*next = '\0', next + 1) : line + strlen(line);
			for (field = line;; field = end + 1, col++) {
				end = strchr(field, '\t');
				if (end)
					*end = '\0';
				unescape(field);
				if (plain_number(field))
					worksheet_write_number(ws, row, col, strtod(field, NULL), NULL);
				else if (*field)
					worksheet_write_string(ws, row, col, field, NULL);
				if (!end)
					break;
			}
		}
		free(buf);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		die("cannot write the workbook");
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 2;
	if (argc >= 3 && !strcmp(argv[1], "csv")) {
		prog_file = argv[2];
		rc = cmd_csv(argv[2]);
	} else if (argc >= 2 && !strcmp(argv[1], "tocsv")) {
		prog_file = argc >= 3 ? argv[2] : "stdin";
		rc = cmd_tocsv(argc >= 3 ? argv[2] : "-");
	} else if (argc >= 3 && !strcmp(argv[1], "json")) {
		rc = cmd_json(argc - 2, argv + 2);
	} else if (argc >= 3 && !strcmp(argv[1], "xml")) {
		prog_file = argv[2];
		rc = cmd_xml(argv[2]);
	} else if (argc >= 3 && !strcmp(argv[1], "unzip")) {
		prog_file = argv[2];
		rc = cmd_unzip(argv[2], argc >= 4 ? argv[3] : NULL);
	} else if (argc >= 4 && !strcmp(argv[1], "zip")) {
		prog_file = argv[2];
		rc = cmd_zip(argv[2], argc - 3, argv + 3);
	} else if (argc >= 2 && !strcmp(argv[1], "measure")) {
		rc = cmd_measure(argc >= 3 ? argv[2] : NULL);
	} else if (argc >= 5 && argc % 2 == 1 && !strcmp(argv[1], "toxlsx")) {
		prog_file = argv[2];
		rc = cmd_toxlsx(argv[2], argc - 3, argv + 3);
	} else {
		fputs("usage: tool csv FILE | tocsv [FILE] | json [-r] FILE [EXPR...] | xml FILE |\n"
		      "            unzip FILE [ENTRY] | zip OUT NAME=FILE[:SIZE]... | measure [SEP] |\n"
		      "            toxlsx OUT SHEET FILE...\n", stderr);
	}
	if (fflush(stdout) || ferror(stdout)) {
		fputs("tool: cannot write the output\n", stderr);
		return 1;
	}
	return rc;
}
