/* Renders listings: aligned tables measured by display width (src/text.c),
 * TSV, CSV and JSON (through src/json.c). Terminal output goes through
 * text_escape: cells of tables here, and everything else through the
 * escaping stream the command line puts on a terminal's standard output and
 * error (out_tty_stream, built on glibc's fopencookie). */
#define _GNU_SOURCE     /* fopencookie */
#include <errno.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "src/charset.h"
#include "src/json.h"
#include "src/output.h"
#include "src/status.h"
#include "src/text.h"
#include "src/banned.h"

static const char *const format_names[] = { "table", "tsv", "csv", "json" };

int out_format_parse(const char *s)
{
	for (int f = FMT_TABLE; f <= FMT_JSON; f++)
		if (!strcmp(s, format_names[f]))
			return f;
	return -1;
}

const char *out_format_name(enum out_format f)
{
	return format_names[f];
}

void out_table_init(struct out_table *t, const struct out_col *cols, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
}

void out_table_add(struct out_table *t, const char *const *values)
{
	xgrow(&t->cells, &t->cap, (t->nrows + 1) * t->ncols, sizeof *t->cells);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(values[i] ? values[i] : "");
	t->nrows++;
}

void out_table_release(struct out_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* The first characters that make a spreadsheet take a cell as a formula
 * (or, TAB, CR and LF, hide one), and the guard's own "'". */
static const char csv_guarded[] = "=+-@\t\r\n'";

void out_csv_field(struct strbuf *sb, const char *s)
{
	int guard = *s && strchr(csv_guarded, *s);
	if (!guard && !strpbrk(s, ",\"\r\n")) {
		sb_adds(sb, s);
		return;
	}
	if (!strpbrk(s, ",\"\r\n")) {
		sb_addc(sb, '\'');
		sb_adds(sb, s);
		return;
	}
	sb_addc(sb, '"');
	if (guard)
		sb_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

const char *out_csv_unguard(const char *cell)
{
	return cell[0] == '\'' && cell[1] && strchr(csv_guarded, cell[1]) ? cell + 1 : cell;
}

int out_term_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* A cell as one terminal line: escaped, array items joined by "、". */
static char *cell_display(const char *cell, char type)
{
	struct strbuf sb = STRBUF_INIT;
	struct strbuf tmp = STRBUF_INIT;
	if (type == 'a') {
		for (const char *p = cell; *p; p++) {
			if (*p == '\n')
				sb_adds(&tmp, "、");
			else
				sb_addc(&tmp, *p);
		}
		text_escape(&sb, sb_str(&tmp), 0);
	} else if (type == 't') {
		char local[40];
		date_local(cell, 1, local, sizeof local);
		text_escape(&sb, local, 0);
	} else {
		text_escape(&sb, cell, 0);
	}
	sb_release(&tmp);
	return sb_detach(&sb);
}

static void print_table(const struct out_table *t, FILE *f, int width)
{
	int *w = xcalloc(t->ncols, sizeof *w);
	char **disp = xcalloc(t->nrows * t->ncols + 1, sizeof *disp);
	struct strbuf line = STRBUF_INIT;
	int total = 0, flex = -1;

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = text_width(t->cols[c].name);
		if (t->cols[c].flex)
			flex = (int)c;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			char *d = cell_display(t->cells[r * t->ncols + c], t->cols[c].type);
			int cw = text_width(d);
			disp[r * t->ncols + c] = d;
			if (cw > w[c])
				w[c] = cw;
		}
	}
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c] + (c + 1 < t->ncols ? 2 : 0);
	if (width > 0 && flex >= 0 && total > width) {
		int rest = w[flex] - (total - width);
		w[flex] = rest < 8 ? 8 : rest;
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		sb_reset(&line);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->cols[c].name : disp[(r - 1) * t->ncols + c];
			int last = c + 1 == t->ncols;
			text_pad(&line, s, w[c], t->cols[c].type == 'n' ? 'r' : 'l');
			if (!last)
				sb_adds(&line, "  ");
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		/* a table is for people: in their locale's codeset */
		sb_addc(&line, '\n');
		charset_fputs(sb_str(&line), f);
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(disp[i]);
	free(disp);
	free(w);
	sb_release(&line);
}

static void print_sv(const struct out_table *t, FILE *f, int csv)
{
	struct strbuf line = STRBUF_INIT;
	for (size_t r = 0; r <= t->nrows; r++) {
		sb_reset(&line);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->cols[c].name : t->cells[(r - 1) * t->ncols + c];
			if (c)
				sb_addc(&line, csv ? ',' : '\t');
			if (csv) {
				/* arrays: items joined by "、" inside one field */
				struct strbuf v = STRBUF_INIT;
				for (const char *p = s; *p; p++) {
					if (*p == '\n' && t->cols[c].type == 'a' && r)
						sb_adds(&v, "、");
					else
						sb_addc(&v, *p);
				}
				out_csv_field(&line, sb_str(&v));
				sb_release(&v);
			} else {
				/* TSV has no quoting: tabs and newlines become spaces,
				 * array items are joined by "、". */
				for (const char *p = s; *p; p++) {
					if (*p == '\n' && t->cols[c].type == 'a' && r)
						sb_adds(&line, "、");
					else
						sb_addc(&line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
				}
			}
		}
		fprintf(f, "%s%s", sb_str(&line), csv ? "\r\n" : "\n");
	}
	sb_release(&line);
}

static void print_json(const struct out_table *t, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_array_begin(&j, JSON_LINES);
	for (size_t r = 0; r < t->nrows; r++) {
		json_object_begin(&j, JSON_INLINE);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			json_key(&j, t->cols[c].name);
			if (t->cols[c].type == 'n' && *s) {
				json_number(&j, s);
			} else if (t->cols[c].type == 'a') {
				const char *p = s;
				json_array_begin(&j, JSON_INLINE);
				while (*p) {
					const char *nl = strchr(p, '\n');
					size_t n = nl ? (size_t)(nl - p) : strlen(p);
					char *item = xstrndup(p, n);
					json_str(&j, item);
					free(item);
					p += n + (nl ? 1 : 0);
				}
				json_end(&j);
			} else {
				json_str(&j, s);
			}
		}
		json_end(&j);
	}
	json_end(&j);
	sb_addc(&sb, '\n');
	fputs(sb_str(&sb), f);
	sb_release(&sb);
}

void out_table_print(const struct out_table *t, FILE *f, enum out_format fmt, int width)
{
	switch (fmt) {
	case FMT_TABLE: print_table(t, f, width); break;
	case FMT_TSV: print_sv(t, f, 0); break;
	case FMT_CSV: print_sv(t, f, 1); break;
	case FMT_JSON: print_json(t, f); break;
	}
}

/* ---- the streams standing in for stdout and stderr ---- */

struct out_cookie {
	FILE *to;               /* NULL: a closed standard output */
	int escape;
	int *err;
	char held[4];           /* the start of a character cut between two writes */
	size_t nheld;
};

/* How many bytes at the end of P[0..N) begin a UTF-8 sequence that is not
 * complete: to be held for the next write. */
static size_t utf8_cut(const char *p, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)p[n - k];
		size_t need;
		if ((c & 0xC0) == 0x80)
			continue;                       /* a continuation byte: look further back */
		need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return need > k ? k : 0;
	}
	return 0;
}

/* P[0..N) to C's stream, escaped if C says so; -1 with errno on failure,
 * the first of which is kept in *C->err. */
static int cookie_put(struct out_cookie *c, const char *p, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;
	if (!c->to) {
		errno = EBADF;
		rc = -1;
	} else {
		if (c->escape) {
			text_escape_n(&sb, p, n, TEXT_KEEP_NL | TEXT_KEEP_TAB);
			p = sb.buf;
			n = sb.len;
		}
		if ((n && fwrite(p, 1, n, c->to) != n) || fflush(c->to))
			rc = -1;
	}
	if (rc && c->err && !*c->err)
		*c->err = errno ? errno : EIO;
	sb_release(&sb);
	return rc;
}

static ssize_t cookie_write(void *cookie, const char *buf, size_t n)
{
	struct out_cookie *c = cookie;
	struct strbuf sb = STRBUF_INIT;
	size_t keep = 0;
	int rc;
	if (!c->escape)
		return cookie_put(c, buf, n) ? -1 : (ssize_t)n;
	sb_add(&sb, c->held, c->nheld);
	sb_add(&sb, buf, n);
	keep = utf8_cut(sb.buf, sb.len);
	rc = cookie_put(c, sb.buf, sb.len - keep);
	memcpy(c->held, sb.buf + sb.len - keep, keep);
	c->nheld = keep;
	sb_release(&sb);
	return rc ? -1 : (ssize_t)n;
}

static int cookie_close(void *cookie)
{
	struct out_cookie *c = cookie;
	int rc = c->nheld ? cookie_put(c, c->held, c->nheld) : 0;
	if (c->to && fflush(c->to) && !rc) {
		rc = -1;
		if (c->err && !*c->err)
			*c->err = errno;
	}
	free(c);
	return rc;
}

FILE *out_stream(FILE *to, int escape, int *err)
{
	cookie_io_functions_t io = { NULL, cookie_write, NULL, cookie_close };
	struct out_cookie *c = xcalloc(1, sizeof *c);
	FILE *f;
	c->to = to;
	c->escape = escape;
	c->err = err;
	if (!(f = fopencookie(c, "w", io))) {
		free(c);
		return NULL;
	}
	setvbuf(f, NULL, escape ? _IOLBF : _IOFBF, BUFSIZ);
	return f;
}
