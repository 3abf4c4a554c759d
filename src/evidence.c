/* Evidence from a path, a 文号 or a link: recognised, read within the limit
 * and handed to the store; and the 文号 and links found in what a department
 * wrote in a checklist's cell. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistr.h>

#include "src/evidence.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

static const char *const doc_exts[] = {
	".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".txt",
	".csv", ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z", NULL
};

static int has_doc_ext(const char *s)
{
	size_t n = strlen(s);
	for (const char *const *x = doc_exts; *x; x++) {
		size_t k = strlen(*x);
		if (n > k && !strcasecmp(s + n - k, *x))
			return 1;
	}
	return 0;
}

enum evidence_kind evidence_guess(const char *typed)
{
	struct stat st;
	if (util_starts_with(typed, "http://") || util_starts_with(typed, "https://"))
		return EV_URL;
	if (strchr(typed, '/') || typed[0] == '~' || typed[0] == '.' || has_doc_ext(typed) ||
	    stat(typed, &st) == 0)
		return EV_FILE;
	return EV_DOCNO;
}

char *evidence_expand(const char *path)
{
	const char *home;
	struct strbuf sb = STRBUF_INIT;
	if (path[0] != '~' || (path[1] && path[1] != '/'))
		return xstrdup(path);
	home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "";
	}
	sb_addf(&sb, "%s%s", home, path + 1);
	return sb_detach(&sb);
}

static int read_evidence_file(struct store *s, const char *path, char **data, size_t *size,
			      struct err *e)
{
	long long max = store_evidence_limit(s);
	struct stat st;
	if (stat(path, &st) != 0)
		return err_set(e, ERR_IO, "cannot attach '%s': %s%s",
			       path, strerror(errno),
			       errno == ENOENT ? "; check the path (a 文号 or link is not a file)" : "");
	if (!S_ISREG(st.st_mode))
		return err_set(e, ERR_IO, "cannot attach '%s': it is %s; name a file", path,
			       S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
	if ((long long)st.st_size > max)
		return err_set(e, ERR_INPUT, "the file '%s' is %.1f MB, over the evidence limit of "
			       "%.1f MB; attach a smaller file or its document number, or ask the office "
			       "to raise the limit (setting evidence.max_bytes)", path,
			       st.st_size / 1048576.0, max / 1048576.0);
	return util_read_file(path, (size_t)max, data, size, e);
}

int evidence_prepare(struct store *s, const struct evidence_add *a, struct evidence_ready *out,
		     struct err *e)
{
	size_t size = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->in.task = a->task;
	out->in.dept = a->dept;
	out->in.kind = a->kind;
	out->in.progress = a->progress;
	out->in.title = a->title;
	if (a->kind == EV_FILE) {
		const char *base;
		out->path = evidence_expand(a->value ? a->value : "");
		if ((rc = read_evidence_file(s, out->path, &out->data, &size, e))) {
			evidence_ready_release(out);
			return rc;
		}
		base = strrchr(out->path, '/');
		out->in.file_name = base ? base + 1 : out->path;
		out->in.data = out->data;
		out->in.size = size;
		if (!out->in.title || !*out->in.title)
			out->in.title = out->in.file_name;
	} else {
		out->in.value = a->value;
		if (!out->in.title || !*out->in.title)
			out->in.title = a->value;
	}
	return 0;
}

void evidence_ready_release(struct evidence_ready *r)
{
	free(r->path);
	free(r->data);
	memset(r, 0, sizeof *r);
}

int evidence_attach(struct store *s, const char *login, const struct evidence_add *a,
		    char id_out[33], char **title_out, struct err *e)
{
	struct evidence_ready r;
	int rc;

	if ((rc = evidence_prepare(s, a, &r, e)))
		return rc;
	rc = store_evidence_add(s, login, &r.in, id_out, e);
	if (!rc && title_out)
		*title_out = xstrdup(r.in.title);
	evidence_ready_release(&r);
	return rc;
}

int evidence_validate(const char *typed, enum evidence_kind *kind, struct err *e)
{
	struct stat st;
	char *path;
	int rc = 0;

	*kind = evidence_guess(typed);
	if (!typed[strspn(typed, " \t")])
		return err_set(e, ERR_USAGE, "no evidence given: a file path, a 文号 or a link");
	if (*kind != EV_FILE)
		return 0;
	path = evidence_expand(typed);
	if (stat(path, &st) != 0)
		rc = err_set(e, ERR_IO, "cannot attach '%s': %s%s", path, strerror(errno),
			     errno == ENOENT ? "; check the path (a 文号 or link is not a file)" : "");
	else if (!S_ISREG(st.st_mode))
		rc = err_set(e, ERR_IO, "cannot attach '%s': it is %s; name a file", path,
			     S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
	free(path);
	return rc;
}

char *evidence_default_title(const char *typed, enum evidence_kind kind)
{
	const char *base;
	if (kind != EV_FILE)
		return xstrdup(typed);
	base = strrchr(typed, '/');
	return xstrdup(base ? base + 1 : typed);
}

int evidence_save(struct store *s, const char *id, const char *path, struct err *e)
{
	struct evidence_info info;
	void *data = NULL;
	size_t size = 0, done = 0;
	char *full;
	int rc, fd;

	if ((rc = store_evidence_get(s, id, &info, &data, &size, e)))
		return rc;
	if (info.kind != EV_FILE) {
		rc = err_set(e, ERR_USAGE, "evidence '%s' is a %s, not a file: there is nothing to save",
			     info.title, info.kind == EV_URL ? "link" : "document number");
		store_evidence_info_release(&info);
		return rc;
	}
	full = evidence_expand(path);
	/* a new file only, never through a link; the umask decides its mode */
	fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s%s", full, strerror(errno),
			     errno == EEXIST ? "; give another name (nothing is overwritten)" : "");
		goto out;
	}
	while (done < size) {
		ssize_t w = write(fd, (const char *)data + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done < size || close(fd) != 0) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s; the file is incomplete and was removed", full,
			     strerror(errno));
		if (done < size)
			close(fd);
		unlink(full);
	}
out:
	free(full);
	free(data);
	store_evidence_info_release(&info);
	return rc;
}

int evidence_is_text(const char *data, size_t len)
{
	return !memchr(data, '\0', len) && text_valid_utf8(data, len);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

int evidence_complete(const char *typed, char **out, struct strbuf *choices)
{
	const char *slash = strrchr(typed, '/');
	const char *part = slash ? slash + 1 : typed;
	size_t plen = strlen(part), nnames = 0, cap = 0, common = 0;
	char *dir, **names = NULL;
	struct strbuf sb = STRBUF_INIT;
	DIR *d;
	struct dirent *de;

	/* the folder as typed ("~/x" expanded), "." for a bare name */
	if (slash) {
		char *upto = xstrndup(typed, (size_t)(slash - typed) + 1);
		dir = evidence_expand(upto);
		free(upto);
	} else if (typed[0] == '~' && !typed[1]) {
		*out = xstrdup("~/");
		return 1;
	} else {
		dir = xstrdup(".");
	}
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, part, plen) || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_name[0] == '.' && part[0] != '.')
			continue;
		xgrow(&names, &cap, nnames + 1, sizeof *names);
		names[nnames++] = xstrdup(de->d_name);
	}
	if (d)
		closedir(d);
	if (!nnames) {
		free(dir);
		*out = xstrdup(typed);
		return 0;
	}
	qsort(names, nnames, sizeof *names, cmp_str);
	/* the longest prefix every name shares, whole characters only */
	common = strlen(names[0]);
	for (size_t i = 1; i < nnames; i++) {
		size_t k = 0;
		while (k < common && names[i][k] == names[0][k])
			k++;
		common = k;
	}
	while (common > plen && (names[0][common] & 0xc0) == 0x80)
		common--;
	sb_add(&sb, typed, (size_t)(part - typed));
	sb_add(&sb, names[0], common);
	if (nnames == 1) {
		struct stat st;
		struct strbuf full = STRBUF_INIT;
		sb_addf(&full, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[0]);
		if (stat(sb_str(&full), &st) == 0 && S_ISDIR(st.st_mode))
			sb_addc(&sb, '/');
		sb_release(&full);
	} else if (choices) {
		for (size_t i = 0; i < nnames && i < 20; i++)
			sb_addf(choices, "%s%s", i ? "  " : "", names[i]);
		if (nnames > 20)
			sb_addf(choices, "  (%zu more)", nnames - 20);
	}
	*out = sb_detach(&sb);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
	return (int)nnames;
}

/* ---- evidence written in a cell ---- */

/* A piece of a cell decoded: its code points and the byte offset of each
 * (OFF[N] is the piece's length). */
struct cps { ucs4_t *c; size_t *off; size_t n; };

static void cps_of(const char *s, size_t len, struct cps *p)
{
	p->c = xcalloc(len + 1, sizeof *p->c);
	p->off = xcalloc(len + 1, sizeof *p->off);
	p->n = 0;
	for (size_t i = 0; i < len;) {
		int k = u8_mbtouc(&p->c[p->n], (const uint8_t *)s + i, len - i);
		p->off[p->n++] = i;
		i += k > 0 ? (size_t)k : 1;
	}
	p->off[p->n] = len;
}

static int cp_digit(ucs4_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)   /* full-width */
		return (int)(c - 0xFF10);
	return -1;
}

/* 〔 [ ［ （ ( 【 ﹝ 〖, and their closing marks */
static int cp_open(ucs4_t c)
{
	return c == 0x3014 || c == '[' || c == 0xFF3B || c == 0xFF08 || c == '(' || c == 0x3010 ||
	       c == 0xFE5D || c == 0x3016;
}

static int cp_close(ucs4_t c)
{
	return c == 0x3015 || c == ']' || c == 0xFF3D || c == 0xFF09 || c == ')' || c == 0x3011 ||
	       c == 0xFE5E || c == 0x3017;
}

/* A character of an issuer's code: a CJK ideograph or an ASCII letter. */
static int cp_issuer(ucs4_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The start of the issuer's code that ends before index END of P: at most
 * MAX characters back, and after the last word that introduces a document
 * (印发, 根据, 详见 ...), which belongs to the sentence, not to the code. */
static size_t issuer_start(const struct cps *p, size_t end, size_t max)
{
	static const ucs4_t stops[][3] = {
		{ 0x5370, 0x53D1 }, { 0x53D1, 0x5E03 }, { 0x6839, 0x636E }, { 0x4F9D, 0x636E },
		{ 0x8BE6, 0x89C1 }, { 0x53C2, 0x89C1 }, { 0x51FA, 0x53F0 }, { 0x89C1 }, { 0x5DF2 },
	};  /* 印发 发布 根据 依据 详见 参见 出台 见 已 */
	size_t j = end;
	while (j > 0 && end - j < max && cp_issuer(p->c[j - 1]))
		j--;
	for (size_t k = end; k > j; k--)
		for (size_t w = 0; w < sizeof stops / sizeof *stops; w++) {
			size_t len = stops[w][1] ? 2 : 1;
			if (k - j >= len && k < end && p->c[k - len] == stops[w][0] &&
			    (len == 1 || p->c[k - 1] == stops[w][1]))
				return k;
		}
	return j;
}

/* Digits of P from I: their count (at most MAX), their value as ASCII into SB. */
static size_t digits_at(const struct cps *p, size_t i, size_t max, struct strbuf *sb)
{
	size_t k = 0;
	while (i + k < p->n && k < max && cp_digit(p->c[i + k]) >= 0) {
		if (sb)
			sb_addc(sb, (char)('0' + cp_digit(p->c[i + k])));
		k++;
	}
	return k;
}

/* A 文号 starting at or before index I of P (I: its bracket or its 第).
 * 1 with [*START, *END) its span and VALUE its canonical form. */
static int docno_at(const char *s, const struct cps *p, size_t i, size_t *start, size_t *end,
		    struct strbuf *value)
{
	struct strbuf year = STRBUF_INIT, num = STRBUF_INIT;
	size_t j, k, y;
	int ok = 0;

	if (cp_open(p->c[i])) {
		/* 国知发保字〔2024〕3号 */
		y = digits_at(p, i + 1, 5, &year);
		k = i + 1 + y;
		if (y == 4 && k < p->n && cp_close(p->c[k]) && digits_at(p, k + 1, 7, NULL) >= 1) {
			size_t d = digits_at(p, k + 1, 7, &num);
			if (d <= 6 && k + 1 + d < p->n && p->c[k + 1 + d] == 0x53F7 /* 号 */) {
				j = issuer_start(p, i, 12);
				if (j < i) {
					sb_add(value, s + p->off[j], p->off[i] - p->off[j]);
					sb_addf(value, "〔%s〕%s号", sb_str(&year), sb_str(&num));
					*start = j;
					*end = k + 2 + d;
					ok = 1;
				}
			}
		}
	} else if (p->c[i] == 0x7B2C /* 第 */ && i > 0 &&
		   (p->c[i - 1] == 0x4EE4 /* 令 */ || p->c[i - 1] == 0x544A /* 告: 公告, 通告 */)) {
		size_t d = digits_at(p, i + 1, 7, &num);
		if (d >= 1 && d <= 6 && i + 1 + d < p->n && p->c[i + 1 + d] == 0x53F7) {
			j = issuer_start(p, i, 16);
			if (j < i) {
				sb_add(value, s + p->off[j], p->off[i] - p->off[j]);
				sb_addf(value, "第%s号", sb_str(&num));
				*start = j;
				*end = i + 2 + d;
				ok = 1;
			}
		}
	}
	sb_release(&year);
	sb_release(&num);
	return ok;
}

/* An http(s) link at index I of P: 1 with its span. */
static int link_at(const char *s, const struct cps *p, size_t i, size_t *end)
{
	size_t k;
	if (strncasecmp(s + p->off[i], "http://", 7) && strncasecmp(s + p->off[i], "https://", 8))
		return 0;
	for (k = i; k < p->n && p->c[k] > 0x20 && p->c[k] < 0x7F && !strchr("\"'<>`", (int)p->c[k]); k++)
		;
	while (k > i && strchr(".,;:!?)]}", (int)p->c[k - 1]))
		k--;
	if (p->off[k] - p->off[i] <= 8 || !memchr(s + p->off[i], '/', p->off[k] - p->off[i]))
		return 0;
	*end = k;
	return 1;
}

/* Characters trimmed from a title's ends: white space and separators. */
static int cp_trim(ucs4_t c)
{
	static const ucs4_t set[] = { ' ', '\t', '\r', 0x3000, 0xA0, ':', 0xFF1A, ',', 0xFF0C, 0x3001,
				      ';', 0xFF1B, '-', 0x2014, 0x2013, '.', 0x3002, '|', 0 };
	for (const ucs4_t *x = set; *x; x++)
		if (c == *x)
			return 1;
	return 0;
}

/* The piece S of LEN bytes: its items into V, or itself into REST. */
static void scan_piece(const char *s, size_t len, struct evidence_found **v, size_t *n, size_t *cap,
		       struct strbuf *rest)
{
	struct cps p;
	struct strbuf other = STRBUF_INIT;
	size_t first = *n, done = 0, a, b;

	cps_of(s, len, &p);
	for (size_t i = 0; i < p.n;) {
		struct strbuf value = STRBUF_INIT;
		size_t start = i, end = 0;
		enum evidence_kind kind = EV_DOCNO;
		if (link_at(s, &p, i, &end)) {
			sb_add(&value, s + p.off[i], p.off[end] - p.off[i]);
			kind = EV_URL;
		} else if (!docno_at(s, &p, i, &start, &end, &value)) {
			i++;
			continue;
		}
		/* a 文号 in brackets of its own: （国知发〔2024〕3号） */
		if (start > done && end < p.n && (p.c[start - 1] == 0xFF08 || p.c[start - 1] == '(') &&
		    (p.c[end] == 0xFF09 || p.c[end] == ')')) {
			start--;
			end++;
		}
		if (start < done)
			start = done;
		sb_add(&other, s + p.off[done], p.off[start] - p.off[done]);
		sb_addc(&other, ' ');
		xgrow(v, cap, *n + 1, sizeof **v);
		(*v)[*n].kind = kind;
		(*v)[*n].value = sb_detach(&value);
		(*v)[*n].title = NULL;
		(*n)++;
		done = i = end;
	}
	sb_add(&other, s + p.off[done], p.off[p.n] - p.off[done]);
	free(p.c);
	free(p.off);
	/* the rest of the piece, trimmed, titles its items or is a line of REST */
	cps_of(sb_str(&other), other.len, &p);
	for (a = 0; a < p.n && cp_trim(p.c[a]); a++)
		;
	for (b = p.n; b > a && cp_trim(p.c[b - 1]); b--)
		;
	if (*n == first) {
		if (b > a) {
			if (rest->len)
				sb_addc(rest, '\n');
			sb_add(rest, other.buf + p.off[a], p.off[b] - p.off[a]);
		}
	} else {
		for (size_t k = first; k < *n; k++)
			(*v)[k].title = b > a ? xstrndup(other.buf + p.off[a], p.off[b] - p.off[a])
					      : xstrdup((*v)[k].value);
	}
	free(p.c);
	free(p.off);
	sb_release(&other);
}

size_t evidence_scan(const char *text, struct evidence_found **items, struct strbuf *rest)
{
	size_t n = 0, cap = 0;
	*items = NULL;
	while (*text) {
		/* a piece ends at a line break, ； or ; */
		size_t len = 0;
		while (text[len] && text[len] != '\n' && text[len] != ';' && strncmp(text + len, "；", 3))
			len++;
		scan_piece(text, len, items, &n, &cap, rest);
		text += len;
		if (*text)
			text += *text == '\n' || *text == ';' ? 1 : 3;
	}
	return n;
}

void evidence_found_free(struct evidence_found *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].value);
		free(v[i].title);
	}
	free(v);
}
