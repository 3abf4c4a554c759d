/* Plan import, text half: decodes a plan document (UTF-8 or GB18030), cleans the
 * OCR, PDF and converter noise line by line, and recovers chapters, sections and
 * tasks with their department lists. Pure text work: no I/O, no global state. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <unictype.h>
#include <unistr.h>
#include <uninorm.h>

#include "src/doc.h"
#include "src/plan_list.h"
#include "src/plan_parse.h"
#include "src/util.h"
#include "src/banned.h"

#define HEAD_MAX_CHARS   60    /* a heading is a short line */
#define TITLE_MAX_CHARS  40    /* a title line in the preamble too */
#define RUNHEAD_MAX_CHARS 40   /* candidates for a running head */
#define LIST_SCAN_MAX    2048  /* bytes scanned back for a list's opening parenthesis */
#define TASK_JUMP_MAX    5     /* at most this many task numbers may be missing */
#define SNIP_CHARS       24    /* characters of a line quoted in a warning */

enum line_kind { LK_TEXT, LK_BLANK, LK_PAGENO, LK_HEAD };

/* How a document's tasks are numbered (plan_choose_mode). */
enum parse_mode {
	MODE_ANNUAL,      /* "1." marks, each task ending with its list */
	MODE_ITEMS,       /* items at a mark level (一、 （一） （1）), lists anywhere in them */
	MODE_PARAGRAPHS   /* paragraphs under headings, each ending with its list */
};

struct pline {
	size_t off;      /* cleaned text in ctx->arena, NUL-terminated */
	size_t len;
	int lineno;
	int nchars;
	int kind;
};

/* A run of dropped lines, reported once. */
struct pdrop {
	int count;
	int line;
	size_t first;    /* index of the first dropped line */
};

/* What one pass over the decoded text finds (plan_scan_text). */
struct pscan {
	size_t chars, controls;     /* characters; controls other than white space */
	size_t trad, simp;          /* characters of the traditional / simplified pairs */
	int visible;                /* a character that is not white space */
	int nfc;                    /* every character one plan_nfc_keeps */
};

struct pctx {
	const char *name;
	struct plan_doc *doc;
	struct err *e;
	size_t capch, capsec, captask, capwarn;
	struct strbuf arena;
	struct pline *lines;
	size_t nlines, caplines;
	int pinyin_line;            /* first line where a reading was removed */
	struct strbuf pinyin_eg;    /* an example of it, "聯(lián)" */
	struct strbuf invis_lines;  /* lines where invisible characters were removed, "3, 7" */
	struct strbuf invis_eg;     /* which ones, "U+200D U+00AD" */
	int invis_last;             /* the last line noted */
	int prev_han;               /* the line before ended with a Han character */
	int invis_lines_n;
	/* the open task or paragraph */
	struct strbuf task;
	int open;
	int task_number;
	int task_line;
	int task_chapter;           /* where the open task started */
	int task_section;
	/* where we are */
	int chapter;                /* index into doc->chapters, -1 before the first */
	int section;                /* index into doc->sections, -1 when none in this chapter */
	int last_task;              /* annual: number of the last task started, 0 before */
	int para_in_section;        /* five-year: paragraphs seen in the current section */
	struct pdrop drop;
	struct pscan scan;
	enum parse_mode mode;
	int level;                  /* MODE_ITEMS: the mark level of the tasks */
	struct plan_list labels;    /* label lines ("牵头单位：…") of the open task */
	int listed;                 /* MODE_ITEMS: the open item has had a list */
	struct strbuf labels_written;
};

/* ---- UTF-8 and character classes ------------------------------------- */

static ucs4_t plan_cp_slow(const char *s, size_t n, size_t *k)
{
	ucs4_t uc;
	int r = u8_mbtouc(&uc, (const uint8_t *)s, n);
	*k = r > 0 ? (size_t)r : 1;
	return uc;
}

/* The code point at S (N > 0 bytes), its length in *K. Everything the parser
 * reads is valid UTF-8 (plan_decode makes sure of it), so ASCII and 2- and
 * 3-byte characters (all of CJK) are decoded here, inline, without checking
 * them again; longer ones, and a character cut by N, go to u8_mbtouc. */
static inline ucs4_t plan_cp(const char *s, size_t n, size_t *k)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80) {
		*k = 1;
		return p[0];
	}
	if (p[0] >= 0xE0 && p[0] < 0xF0 && n >= 3) {
		*k = 3;
		return (ucs4_t)(p[0] & 0x0F) << 12 | (ucs4_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	}
	if (p[0] >= 0xC0 && p[0] < 0xE0 && n >= 2) {
		*k = 2;
		return (ucs4_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	}
	return plan_cp_slow(s, n, k);
}

/* The code point ending just before POS; its start in *START. */
static ucs4_t plan_cp_before(const char *s, size_t pos, size_t *start)
{
	size_t i = pos, k;

	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	*start = i;
	return plan_cp(s + i, pos - i, &k);
}

static int plan_is_han(ucs4_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007;
}

static int plan_is_cjk_punct(ucs4_t c)
{
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
	       (c >= 0x2010 && c <= 0x2027) || (c >= 0xFE10 && c <= 0xFE4F) ||
	       c == 0x00B7 || c == 0x00AB || c == 0x00BB;
}

static int plan_is_cjk(ucs4_t c)
{
	return plan_is_han(c) || plan_is_cjk_punct(c);
}

static inline int plan_is_space(ucs4_t c)
{
	if (c > 0x3000)                 /* all of CJK: one test */
		return c == 0xFEFF;
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
	       c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F;
}

static int plan_is_alpha(ucs4_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int plan_is_digit(ucs4_t c)
{
	return c >= '0' && c <= '9';
}

static int plan_is_alnum(ucs4_t c)
{
	return plan_is_alpha(c) || plan_is_digit(c);
}

static int plan_is_open_paren(ucs4_t c)
{
	return c == '(' || c == 0xFF08;
}

static int plan_is_close_paren(ucs4_t c)
{
	return c == ')' || c == 0xFF09;
}

static int plan_is_closer(ucs4_t c);

/* Characters a heading title or a task's text cannot start with. */
static int plan_is_lead_punct(ucs4_t c)
{
	return c == 0x3002 || c == 0xFF0C || c == ',' || c == '.' || c == 0x3001 ||
	       c == 0xFF1B || c == ';' || c == 0xFF1A || c == ':' || c == ')' || c == 0xFF09 ||
	       c == 0x300B || c == 0x201D;
}

static int plan_has(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= m) {
		const char *q = memchr(p, needle[0], (size_t)(end - p) - m + 1);
		if (!q)
			return 0;
		if (!memcmp(q, needle, m))
			return 1;
		p = q + 1;
	}
	return 0;
}

static int plan_ends_with(const char *s, size_t n, const char *suf)
{
	size_t m = strlen(suf);
	return n >= m && !memcmp(s + n - m, suf, m);
}

static int plan_has_duty(const char *s, size_t n)
{
	return plan_has(s, n, "负责") || plan_has(s, n, "負責");
}

static int plan_has_plan_word(const char *s, size_t n)
{
	return plan_has(s, n, "计划") || plan_has(s, n, "計劃") ||
	       plan_has(s, n, "规划") || plan_has(s, n, "規劃");
}

/* Append at most SNIP_CHARS characters of S to SB, with "…" when cut. */
static void plan_sb_snip(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0, k;
	int ch = 0;

	while (i < n && ch < SNIP_CHARS) {
		plan_cp(s + i, n - i, &k);
		i += k;
		ch++;
	}
	sb_add(sb, s, i);
	if (i < n)
		sb_adds(sb, "…");
}

/* ---- doc building ----------------------------------------------------- */

static void plan_warn(struct pctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void plan_warn(struct pctx *c, int line, const char *fmt, ...)
{
	struct plan_doc *d = c->doc;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	xgrow(&d->warnings, &c->capwarn, d->nwarnings + 1, sizeof *d->warnings);
	d->warnings[d->nwarnings].line = line;
	d->warnings[d->nwarnings].msg = sb_detach(&sb);
	d->nwarnings++;
}

static const char *plan_line(const struct pctx *c, size_t i)
{
	return c->arena.buf + c->lines[i].off;
}

/* ---- decoding ----------------------------------------------------------- */

static int plan_line_of(const char *buf, size_t off)
{
	int line = 1;
	const char *p = buf, *end = buf + off;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/* Convert GB18030 to UTF-8. Returns 0, or the offset + 1 of the first bad byte. */
static size_t plan_from_gb18030(const char *buf, size_t len, char **out, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = len * 2 + 16, inleft = len, outleft = cap;
	char *res, *in = (char *)buf, *o;

	if (cd == (iconv_t)-1)
		return 1;
	res = xmalloc(cap);
	o = res;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			size_t bad = (size_t)(in - buf) + 1;
			iconv_close(cd);
			free(res);
			return bad;
		}
	}
	iconv_close(cd);
	*out = res;
	*outlen = (size_t)(o - res);
	return 0;
}

/* Find where BUF stops being UTF-8: counts valid multibyte sequences and
 * invalid bytes; the first invalid offset in *FIRST. */
static void plan_utf8_stats(const char *buf, size_t len, size_t *valid_mb, size_t *invalid,
			    size_t *first)
{
	size_t i = 0;

	*valid_mb = *invalid = 0;
	*first = len;
	while (i < len) {
		ucs4_t uc;
		int k;
		if ((unsigned char)buf[i] < 0x80) {
			i++;
			continue;
		}
		k = u8_mbtoucr(&uc, (const uint8_t *)buf + i, len - i);
		if (k < 0) {
			if (*first == len)
				*first = i;
			(*invalid)++;
			i++;
		} else {
			(*valid_mb)++;
			i += (size_t)k;
		}
	}
}

/* 1 when NFC leaves C alone on its own and C combines with nothing. */
static int plan_nfc_keeps(ucs4_t c)
{
	return c < 0x300 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x3098) ||
	       (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2002 && c <= 0x206F);
}

/* One pass over S[0, N) as the parser will read it (after a BOM, which it
 * drops): returns 0 when S is valid UTF-8, with what plan_check_text judges
 * in c->scan, or -1 at the first invalid sequence. This is the only check
 * of the UTF-8, made while the characters are decoded for the counts. */
static int plan_scan_text(struct pctx *c, const char *s, size_t n)
{
	static const ucs4_t pairs[][2] = {
		{ 0x56FD, 0x570B }, /* 国國 */ { 0x6743, 0x6B0A }, /* 权權 */
		{ 0x4EA7, 0x7522 }, /* 产產 */ { 0x4F1A, 0x6703 }, /* 会會 */
		{ 0x8BAE, 0x8B70 }, /* 议議 */ { 0x53D1, 0x767C }, /* 发發 */
		{ 0x4E0E, 0x8207 }, /* 与與 */ { 0x4E3A, 0x70BA }, /* 为為 */
		{ 0x8FDB, 0x9032 }, /* 进進 */ { 0x5B9E, 0x5BE6 }, /* 实實 */
		{ 0x5173, 0x95DC }, /* 关關 */ { 0x8BA1, 0x8A08 }, /* 计計 */
		{ 0x95E8, 0x9580 }, /* 门門 */ { 0x52A1, 0x52D9 }, /* 务務 */
		{ 0x4E1A, 0x696D }, /* 业業 */ { 0x4E13, 0x5C08 }, /* 专專 */
		{ 0x6761, 0x689D }, /* 条條 */ { 0x8BBE, 0x8A2D }, /* 设設 */
		{ 0x89C4, 0x898F }, /* 规規 */ { 0x7EC7, 0x7E54 }, /* 织織 */
		{ 0x5F00, 0x958B }, /* 开開 */ { 0x65F6, 0x6642 }, /* 时時 */
		{ 0x5BF9, 0x5C0D }, /* 对對 */ { 0x7ECF, 0x7D93 }, /* 经經 */
		{ 0x62A4, 0x8B77 }, /* 护護 */ { 0x6807, 0x6A19 }, /* 标標 */
		{ 0x534E, 0x83EF }, /* 华華 */ { 0x4E66, 0x66F8 }, /* 书書 */
		{ 0x8D28, 0x8CEA }, /* 质質 */ { 0x52A8, 0x52D5 }, /* 动動 */
		{ 0x8D38, 0x8CBF }, /* 贸貿 */ { 0x533A, 0x5340 }, /* 区區 */
		{ 0x603B, 0x7E3D }, /* 总總 */ { 0x76D1, 0x76E3 }, /* 监監 */
		{ 0x534F, 0x5354 }, /* 协協 */ { 0x529E, 0x8FA6 }, /* 办辦 */
		{ 0x673A, 0x6A5F }, /* 机機 */ { 0x7EDF, 0x7D71 }, /* 统統 */
		{ 0x8BC1, 0x8B49 }, /* 证證 */ { 0x8D1F, 0x8CA0 }, /* 负負 */
	};
	/* Which side of a pair each character of U+4E00..U+9FFF is on: 1
	 * simplified, 2 traditional (no character is in two pairs). Looked up
	 * per character instead of scanning the pairs: that scan was a third of
	 * the parse. */
	unsigned char side[0x9FFF - 0x4E00 + 1];
	struct pscan sc = { .nfc = 1 };  /* kept in registers, stored at the end */
	size_t i = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0, j;

	memset(side, 0, sizeof side);
	for (j = 0; j < sizeof pairs / sizeof pairs[0]; j++) {
		side[pairs[j][0] - 0x4E00] = 1;
		side[pairs[j][1] - 0x4E00] = 2;
	}
	while (i < n) {
		const unsigned char *p = (const unsigned char *)s + i;
		ucs4_t ch;
		int k;

		/* ASCII, and 3-byte sequences with lead byte E1..EC (U+1000..
		 * U+CFFF, all of CJK), which can be neither overlong nor a
		 * surrogate, here; the rest, and every invalid sequence, by
		 * libunistring */
		if (p[0] < 0x80) {
			ch = p[0];
			k = 1;
		} else if (p[0] >= 0xE1 && p[0] <= 0xEC && n - i >= 3 && (p[1] & 0xC0) == 0x80 &&
			   (p[2] & 0xC0) == 0x80) {
			ch = (ucs4_t)(p[0] & 0x0F) << 12 | (ucs4_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			k = 3;
		} else {
			k = u8_mbtoucr(&ch, p, n - i);
			if (k < 0)
				return -1;
		}
		i += (size_t)k;
		sc.chars++;
		if (ch >= 0x4E00 && ch <= 0x9FFF) {
			/* Han, the bulk of a plan: visible, left alone by NFC */
			sc.visible = 1;
			if (side[ch - 0x4E00] == 1)
				sc.simp++;
			else if (side[ch - 0x4E00] == 2)
				sc.trad++;
			continue;
		}
		if (sc.nfc && !plan_nfc_keeps(ch))
			sc.nfc = 0;
		if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' && ch != '\f' && ch != '\v')
			sc.controls++;
		else if (!sc.visible && ch != '\n' && !plan_is_space(ch))
			sc.visible = 1;
	}
	c->scan = sc;
	return 0;
}

/* Refuse whitespace-only and binary-looking text; say whether it is mostly
 * traditional characters. From c->scan, the decoded text's. */
static int plan_check_text(struct pctx *c)
{
	const struct pscan *sc = &c->scan;

	if (!sc->visible)
		return err_set(c->e, ERR_INPUT,
			       "cannot import '%s': the file holds only whitespace; choose the file with the plan's text",
			       c->name);
	if (sc->controls * 100 > sc->chars)
		return err_set(c->e, ERR_INPUT,
			       "cannot import '%s': it is full of control characters and looks binary; import the plan as a plain text file",
			       c->name);
	c->doc->traditional = sc->trad > sc->simp && sc->trad >= 5;
	return 0;
}

/* Decode BUF (LEN bytes) to UTF-8: *TEXT, *TLEN bytes, is BUF itself when it
 * is UTF-8 already (no copy), else the converted text, allocated in *OWNED
 * for the caller to free. */
static int plan_decode(struct pctx *c, const char *buf, size_t len, enum plan_encoding enc,
		       const char **text, size_t *tlen, char **owned)
{
	size_t valid_mb = 0, invalid = 0, first = 0, bad;
	int bom = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3);

	if (enc != ENC_GB18030) {
		if (!plan_scan_text(c, buf, len)) {
			c->doc->encoding = ENC_UTF8;
			*text = buf;
			*tlen = len;
			return 0;
		}
		plan_utf8_stats(buf, len, &valid_mb, &invalid, &first);
		if (enc == ENC_UTF8 || bom || invalid * 50 <= valid_mb)
			return err_set(c->e, ERR_INPUT,
				       "cannot import '%s' line %d: invalid UTF-8 (byte 0x%02x at offset %zu) in a file that is otherwise UTF-8; re-save it as UTF-8",
				       c->name, plan_line_of(buf, first), (unsigned char)buf[first], first);
	}
	bad = plan_from_gb18030(buf, len, owned, tlen);
	if (bad) {
		bad--;
		if (bad >= len)
			bad = len - 1;
		if (enc == ENC_GB18030)
			return err_set(c->e, ERR_INPUT,
				       "cannot import '%s' line %d: the bytes are not GB18030 (byte 0x%02x at offset %zu); re-save the file as UTF-8",
				       c->name, plan_line_of(buf, bad), (unsigned char)buf[bad], bad);
		/* Not GB18030 either: if most of it is good UTF-8, the UTF-8 error
		 * is the one to show, at its own place. */
		if (valid_mb > invalid)
			return err_set(c->e, ERR_INPUT,
				       "cannot import '%s' line %d: invalid UTF-8 (byte 0x%02x at offset %zu) in a file that is otherwise UTF-8; re-save it as UTF-8",
				       c->name, plan_line_of(buf, first), (unsigned char)buf[first], first);
		return err_set(c->e, ERR_INPUT,
			       "cannot import '%s' line %d: the bytes are neither UTF-8 nor GB18030 (byte 0x%02x at offset %zu); re-save the file as UTF-8 text",
			       c->name, plan_line_of(buf, bad), (unsigned char)buf[bad], bad);
	}
	/* iconv writes valid UTF-8 (plan_cp counts on it); this scan is
	 * the text's, made here so that it is also the check */
	if (plan_scan_text(c, *owned, *tlen)) {
		free(*owned);
		*owned = NULL;
		return err_set(c->e, ERR_INPUT,
			       "cannot import '%s': its GB18030 text does not convert to valid UTF-8; re-save the file as UTF-8",
			       c->name);
	}
	*text = *owned;
	c->doc->encoding = ENC_GB18030;
	plan_warn(c, 0, "converted from GB18030 to UTF-8");
	return 0;
}

/* ---- line cleaning -------------------------------------------------------- */

static int plan_pinyin_letter(ucs4_t c, char *base, int *tone)
{
	static const struct { ucs4_t cp; char base; } marks[] = {
		{ 0x0101, 'a' }, { 0x00E1, 'a' }, { 0x01CE, 'a' }, { 0x00E0, 'a' },
		{ 0x0113, 'e' }, { 0x00E9, 'e' }, { 0x011B, 'e' }, { 0x00E8, 'e' },
		{ 0x012B, 'i' }, { 0x00ED, 'i' }, { 0x01D0, 'i' }, { 0x00EC, 'i' },
		{ 0x014D, 'o' }, { 0x00F3, 'o' }, { 0x01D2, 'o' }, { 0x00F2, 'o' },
		{ 0x016B, 'u' }, { 0x00FA, 'u' }, { 0x01D4, 'u' }, { 0x00F9, 'u' },
		{ 0x01D6, 'v' }, { 0x01D8, 'v' }, { 0x01DA, 'v' }, { 0x01DC, 'v' },
		{ 0x0144, 'n' }, { 0x0148, 'n' }, { 0x01F9, 'n' }, { 0x1E3F, 'm' },
	};
	size_t i;

	if (c >= 'a' && c <= 'z') {
		*base = (char)c;
		*tone = 0;
		return 1;
	}
	if (c == 0x00FC) {
		*base = 'v';
		*tone = 0;
		return 1;
	}
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i].cp == c) {
			*base = marks[i].base;
			*tone = 1;
			return 1;
		}
	return 0;
}

/* 1 when SYL (lowercase, ü written v) is initial + final of a pinyin syllable. */
static int plan_pinyin_syllable(const char *syl)
{
	static const char *const initials[] = {
		"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
		"j", "q", "x", "r", "z", "c", "s", "y", "w", ""
	};
	static const char *const finals[] = {
		"a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang",
		"eng", "ong", "er", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing",
		"iong", "io", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ueng", "ue",
		"ve", "van", "vn"
	};
	size_t i, j;

	for (i = 0; i < sizeof initials / sizeof initials[0]; i++) {
		size_t m = strlen(initials[i]);
		if (strncmp(syl, initials[i], m) != 0)
			continue;
		for (j = 0; j < sizeof finals / sizeof finals[0]; j++)
			if (!strcmp(syl + m, finals[j]))
				return 1;
	}
	return 0;
}

/* Length of a converter's pinyin reading "(lián)" at S[P], or 0. */
static size_t plan_pinyin_at(const char *s, size_t n, size_t p)
{
	size_t i = p, k;
	char syl[8];
	int len = 0, tone = 0;
	ucs4_t ch = plan_cp(s + i, n - i, &k);

	if (!plan_is_open_paren(ch))
		return 0;
	i += k;
	while (i < n) {
		char b;
		int t;
		ch = plan_cp(s + i, n - i, &k);
		i += k;
		if (plan_is_close_paren(ch)) {
			syl[len] = '\0';
			if (tone ? len >= 1 : len >= 2 && plan_pinyin_syllable(syl))
				return i - p;
			return 0;
		}
		if (len >= 6 || !plan_pinyin_letter(ch, &b, &t))
			return 0;
		syl[len++] = b;
		tone |= t;
	}
	return 0;
}

static void plan_note_invisible(struct pctx *c, int lineno, ucs4_t ch)
{
	char eg[16];

	c->doc->invisible_removed++;
	snprintf(eg, sizeof eg, "U+%04X", (unsigned)ch);
	if (!strstr(sb_str(&c->invis_eg), eg) && c->invis_eg.len < 60)
		sb_addf(&c->invis_eg, "%s%s", c->invis_eg.len ? " " : "", eg);
	if (c->invis_last != lineno) {
		c->invis_last = lineno;
		if (c->invis_lines_n++ < 8)
			sb_addf(&c->invis_lines, "%s%d", c->invis_lines.len ? ", " : "", lineno);
	}
}

/* Append the cleaned form of S to the arena: whitespace dropped around Han and
 * CJK punctuation (but kept next to ASCII letters, one space), ends trimmed,
 * control characters as spaces, pinyin readings removed. */
static void plan_clean_line(struct pctx *c, const char *s, size_t n, int lineno, int *nchars)
{
	struct strbuf *out = &c->arena;
	size_t i = 0, k, k2, run = 0;   /* S[run, i) is kept text not yet copied */
	size_t last = n;                /* where the last character kept starts, n if none */
	int pending = 0, nch = 0;
	char *o;

	/* The cleaned line is never longer than S (one space at most stands
	 * for the white space dropped before it): make room once, then copy
	 * the kept text a run at a time. */
	xgrow(&out->buf, &out->cap, out->len + n + 1, 1);
	o = out->buf + out->len;
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		ucs4_t ch;

		/* U+4000..U+9FFF (lead byte E4..E9), the bulk of a plan, is
		 * neither white space nor a parenthesis: keep it undecoded */
		if (b >= 0xE4 && b <= 0xE9 && !pending && n - i >= 3) {
			last = i;
			nch++;
			i += 3;
			continue;
		}
		ch = plan_cp(s + i, n - i, &k);
		if (plan_is_space(ch) || ch < 0x20 || ch == 0x7F) {
			memcpy(o, s + run, i - run);
			o += i - run;
			pending = 1;
			i += k;
			run = i;
			continue;
		}
		if (ch >= 0xAD && uc_is_property_default_ignorable_code_point(ch)) {
			/* ZWJ, soft hyphen, variation selectors, bidi marks …: they
			 * make look-alike names; dropped, and said so */
			memcpy(o, s + run, i - run);
			o += i - run;
			i += k;
			run = i;
			plan_note_invisible(c, lineno, ch);
			continue;
		}
		if (!pending && plan_is_open_paren(ch) &&
		    (last < n ? plan_is_han(plan_cp(s + last, n - last, &k2)) : i == 0 && c->prev_han)) {
			size_t m = plan_pinyin_at(s, n, i);
			if (m) {
				if (!c->doc->pinyin_removed++) {
					size_t st;
					plan_cp_before(s, i, &st);
					c->pinyin_line = lineno;
					sb_add(&c->pinyin_eg, s + st, i + m - st);
				}
				memcpy(o, s + run, i - run);
				o += i - run;
				i += m;
				run = i;
				continue;
			}
		}
		if (pending && last < n) {
			/* run == i here: the space goes before this character */
			ucs4_t prev = plan_cp(s + last, n - last, &k2);
			int cjk = plan_is_cjk(prev) || plan_is_cjk(ch);
			if (!(cjk && !plan_is_alpha(prev) && !plan_is_alpha(ch)))
				*o++ = ' ';
		}
		pending = 0;
		last = i;
		nch++;
		i += k;
	}
	memcpy(o, s + run, i - run);
	o += i - run;
	*o = '\0';
	out->len = (size_t)(o - out->buf);
	*nchars = nch;
}

/* "12", "- 12 -", "— 12 —", "第 3 页", "第3页共10页" */
static int plan_is_pageno(const char *s, size_t n)
{
	size_t i = 0, k;
	int digits = 0, dashes = 0;

	if (util_starts_with(s, "第")) {
		i = 3;
		while (i < n && plan_is_digit((unsigned char)s[i]))
			i++, digits++;
		if (!digits || !util_starts_with(s + i, "页"))
			return 0;
		i += 3;
		while (i < n) {
			ucs4_t ch = plan_cp(s + i, n - i, &k);
			if (!(plan_is_digit(ch) || ch == 0x5171 /* 共 */ || ch == 0x9875 /* 页 */ ||
			      ch == '/' || ch == ',' || ch == 0xFF0C || ch == ' '))
				return 0;
			i += k;
		}
		return 1;
	}
	while (i < n) {
		ucs4_t ch = plan_cp(s + i, n - i, &k);
		if (plan_is_digit(ch)) {
			if (dashes > 1 || (digits && (unsigned char)s[i - 1] == ' '))
				return 0;
			digits++;
		} else if (ch == '-' || ch == 0x2014 || ch == 0x2013 || ch == 0xFF0D || ch == 0x2500) {
			if (digits && dashes == 0)
				dashes = 2;
			else
				dashes++;
			if (dashes > 3)
				return 0;
		} else if (ch != ' ') {
			return 0;
		}
		i += k;
	}
	return digits >= 1 && digits <= 4;
}

static int plan_raw_mark(const struct pline *l, const char *s, int *lvl, size_t *toff);
static int plan_end_list(const char *s, size_t n, size_t *cut, struct plan_list *l, size_t *wa,
			 size_t *wb, int *noparen);

/* Where, in S[0, n), a numbered item begins right after a department list
 * ("…（科技部负责）2.推进…": items run together in one paragraph); 0 when
 * nowhere. */
static size_t plan_item_after_list(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		const unsigned char *b = (const unsigned char *)s + i;
		size_t after, toff, cut, wa, wb;
		struct pline rest;
		struct plan_list l;
		int lvl, noparen, num;
		/* closers without decoding: ) ）(EF BC 89) 〕(E3 80 95) 】(E3 80 91) */
		if (b[0] == ')')
			k = 1;
		else if (n - i >= 3 && ((b[0] == 0xEF && b[1] == 0xBC && b[2] == 0x89) ||
					(b[0] == 0xE3 && b[1] == 0x80 && (b[2] == 0x95 || b[2] == 0x91))))
			k = 3;
		else
			k = 0;
		i += k ? k : 1;
		after = i;
		if (!k || after >= n)
			continue;
		if (plan_cp(s + after, n - after, &k) == 0x3002 || plan_cp(s + after, n - after, &k) == 0xFF1B)
			after += k;
		memset(&rest, 0, sizeof rest);
		rest.len = n - after;
		num = after < n ? plan_raw_mark(&rest, s + after, &lvl, &toff) : 0;
		if (!num || (lvl != 2 && lvl != 3) || !plan_is_han(plan_cp(s + after + toff, n - after - toff, &k)))
			continue;
		if (!plan_end_list(s, after, &cut, &l, &wa, &wb, &noparen))
			continue;
		plan_list_release(&l);
		return after;
	}
	return 0;
}

static void plan_line_kind(struct pctx *c, struct pline *l)
{
	if (l->len) {
		/* a converter's reading after a character that ends the line
		 * before (a PDF's line break between them) */
		size_t st;
		c->prev_han = plan_is_han(plan_cp_before(c->arena.buf + l->off, l->len, &st));
	}
	sb_addc(&c->arena, '\0');
	if (!l->len)
		l->kind = LK_BLANK;
	else if (plan_is_pageno(c->arena.buf + l->off, l->len))
		l->kind = LK_PAGENO;
	else
		l->kind = LK_TEXT;
}

static void plan_split_lines(struct pctx *c, const char *t, size_t n)
{
	char sep = memchr(t, '\n', n) || !memchr(t, '\r', n) ? '\n' : '\r';
	size_t i = 0;
	int lineno = 0;

	while (i < n) {
		const char *nl = memchr(t + i, sep, n - i);
		size_t end = nl ? (size_t)(nl - t) : n, cut;
		struct pline *l;

		lineno++;
		xgrow(&c->lines, &c->caplines, c->nlines + 1, sizeof *c->lines);
		l = &c->lines[c->nlines++];
		l->off = c->arena.len;
		l->lineno = lineno;
		plan_clean_line(c, t + i, end - i, lineno, &l->nchars);
		l->len = c->arena.len - l->off;
		/* items run together after their lists: a line each */
		while (l->len && (cut = plan_item_after_list(c->arena.buf + l->off, l->len)) != 0) {
			char *tail = xstrndup(c->arena.buf + l->off + cut, l->len - cut);
			size_t tlen = l->len - cut;
			c->arena.len = l->off + cut;
			l->len = cut;
			l->nchars = (int)u8_mbsnlen((const uint8_t *)c->arena.buf + l->off, cut);
			plan_line_kind(c, l);
			xgrow(&c->lines, &c->caplines, c->nlines + 1, sizeof *c->lines);
			l = &c->lines[c->nlines++];
			l->off = c->arena.len;
			l->lineno = lineno;
			sb_add(&c->arena, tail, tlen);
			l->len = tlen;
			l->nchars = (int)u8_mbsnlen((const uint8_t *)tail, tlen);
			free(tail);
		}
		plan_line_kind(c, l);
		i = end + 1;
	}
}

/* ---- marks -------------------------------------------------------------- */

static int plan_numeral_digit(ucs4_t c)
{
	switch (c) {
	case 0x4E00: return 1; /* 一 */
	case 0x4E8C: return 2; /* 二 */
	case 0x4E09: return 3; /* 三 */
	case 0x56DB: return 4; /* 四 */
	case 0x4E94: return 5; /* 五 */
	case 0x516D: return 6; /* 六 */
	case 0x4E03: return 7; /* 七 */
	case 0x516B: return 8; /* 八 */
	case 0x4E5D: return 9; /* 九 */
	case 0x5341: return 10; /* 十 */
	default: return 0;
	}
}

/* A Chinese numeral 1..99 at S; its length in *USED, 0 when none. */
static int plan_numeral(const char *s, size_t n, size_t *used)
{
	int d[3], nd = 0;
	size_t i = 0, k;

	while (i < n && nd < 3) {
		int v = plan_numeral_digit(plan_cp(s + i, n - i, &k));
		if (!v)
			break;
		d[nd++] = v;
		i += k;
	}
	*used = i;
	if (nd == 1)
		return d[0];
	if (nd == 2 && d[0] == 10 && d[1] < 10)
		return 10 + d[1];
	if (nd == 2 && d[0] < 10 && d[0] > 1 && d[1] == 10)
		return d[0] * 10;
	if (nd == 3 && d[0] < 10 && d[0] > 1 && d[1] == 10 && d[2] < 10)
		return d[0] * 10 + d[2];
	return 0;
}

/* A heading's title must be there, start with a character, and carry no list. */
static int plan_title_ok(const struct pline *l, const char *s, size_t off)
{
	size_t k;

	if (off >= l->len || l->nchars > HEAD_MAX_CHARS)
		return 0;
	if (plan_is_lead_punct(plan_cp(s + off, l->len - off, &k)))
		return 0;
	return !plan_has_duty(s, l->len);
}

/* "一、title": the chapter number, the title's offset in *TOFF. */
static int plan_chapter_mark(const struct pline *l, const char *s, size_t *toff)
{
	size_t used, k;
	int num = plan_numeral(s, l->len, &used);
	ucs4_t ch;

	if (!num || used >= l->len)
		return 0;
	ch = plan_cp(s + used, l->len - used, &k);
	if (ch != 0x3001 && ch != 0xFF64)
		return 0;
	*toff = used + k;
	return plan_title_ok(l, s, *toff) ? num : 0;
}

/* "（一）title", "(十三)title", OCR "一)title" and "-)title": the section
 * number; *REPAIRED is 1 for a lost opening parenthesis, 2 for "-)". */
static int plan_section_mark(const struct pline *l, const char *s, size_t *toff, int *repaired,
			     size_t *mlen)
{
	size_t i = 0, k, used;
	int num, open = 0;
	ucs4_t ch = plan_cp(s, l->len, &k);

	if (plan_is_open_paren(ch)) {
		open = 1;
		i = k;
	} else if (ch == '-' || ch == 0xFF0D || ch == 0x2014 || ch == 0x2013 || ch == 0x2500) {
		size_t k2;
		if (k < l->len && plan_is_close_paren(plan_cp(s + k, l->len - k, &k2))) {
			*toff = k + k2;
			*mlen = *toff;
			*repaired = 2;
			return plan_title_ok(l, s, *toff) ? 1 : 0;
		}
		return 0;
	}
	num = plan_numeral(s + i, l->len - i, &used);
	if (!num)
		return 0;
	i += used;
	if (i >= l->len || !plan_is_close_paren(plan_cp(s + i, l->len - i, &k)))
		return 0;
	*toff = i + k;
	*mlen = *toff;
	*repaired = !open;
	return plan_title_ok(l, s, *toff) ? num : 0;
}

/* "1." "1．" "1、" at the start: the task number, the text's offset in *ROFF. */
static int plan_task_mark(const char *s, size_t n, size_t *roff)
{
	size_t i = 0, k;
	int num = 0, nd = 0;
	ucs4_t ch;

	/* nine digits at most (a tenth would overflow): more is no task number */
	while (i < n && nd < 10) {
		ch = plan_cp(s + i, n - i, &k);
		if (plan_is_digit(ch))
			num = nd < 9 ? num * 10 + (int)(ch - '0') : num;
		else if (ch >= 0xFF10 && ch <= 0xFF19)
			num = nd < 9 ? num * 10 + (int)(ch - 0xFF10) : num;
		else
			break;
		nd++;
		i += k;
	}
	if (!nd || nd > 9 || i >= n || !num)
		return 0;
	ch = plan_cp(s + i, n - i, &k);
	if (ch != '.' && ch != 0xFF0E && ch != 0x3001)
		return 0;
	i += k;
	if (i < n) {
		ucs4_t next = plan_cp(s + i, n - i, &k);
		if (plan_is_digit(next) || (next >= 0xFF10 && next <= 0xFF19) || next == '.')
			return 0;
		if (next == ' ')
			i++;
	}
	*roff = i;
	return num;
}

/* Any numbering mark at the start of line L, whatever follows it: level 1
 * "一、", 2 "（一）", 3 "1.", 4 "（1）" or "①". Returns the number, its level
 * in *LVL and where the item's text starts in *TOFF (there is some); 0 when
 * the line has no mark. */
static int plan_raw_mark(const struct pline *l, const char *s, int *lvl, size_t *toff)
{
	size_t used, k, i;
	ucs4_t ch;
	int num;

	num = plan_numeral(s, l->len, &used);
	if (num && used < l->len) {
		ch = plan_cp(s + used, l->len - used, &k);
		if ((ch == 0x3001 || ch == 0xFF64) && used + k < l->len) {
			*lvl = 1;
			*toff = used + k;
			return num;
		}
		return 0;
	}
	ch = plan_cp(s, l->len, &k);
	if (plan_is_open_paren(ch)) {
		i = k;
		num = plan_numeral(s + i, l->len - i, &used);
		if (num) {
			i += used;
			if (i < l->len && plan_is_close_paren(plan_cp(s + i, l->len - i, &k)) &&
			    i + k < l->len) {
				*lvl = 2;
				*toff = i + k;
				return num;
			}
			return 0;
		}
		num = 0;
		while (i < l->len && (unsigned char)s[i] >= '0' && (unsigned char)s[i] <= '9' && num < 1000)
			num = num * 10 + (s[i++] - '0');
		if (num && i < l->len && plan_is_close_paren(plan_cp(s + i, l->len - i, &k)) &&
		    i + k < l->len) {
			*lvl = 4;
			*toff = i + k;
			return num;
		}
		return 0;
	}
	if (ch >= 0x2460 && ch <= 0x2473 && k < l->len) {
		*lvl = 4;
		*toff = k;
		return (int)(ch - 0x2460) + 1;
	}
	num = plan_task_mark(s, l->len, toff);
	if (num && *toff < l->len) {
		*lvl = 3;
		return num;
	}
	return 0;
}

/* ---- running heads -------------------------------------------------------- */

static uint64_t plan_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int plan_is_mark_line(const struct pline *l, const char *s)
{
	size_t off, mlen;
	int rep;

	return plan_chapter_mark(l, s, &off) || plan_section_mark(l, s, &off, &rep, &mlen) ||
	       plan_task_mark(s, l->len, &off);
}

static int plan_runhead_candidate(const struct pctx *c, size_t i)
{
	const struct pline *l = &c->lines[i];
	const char *s = plan_line(c, i);

	size_t st;

	/* "責)" is the end of a list a line break cut, however often it comes */
	return l->kind == LK_TEXT && l->nchars <= RUNHEAD_MAX_CHARS && l->nchars >= 3 &&
	       !plan_has_duty(s, l->len) && !plan_is_closer(plan_cp_before(s, l->len, &st)) &&
	       !plan_is_mark_line(l, s) && !plan_list_is_label_line(s, l->len);
}

/* Mark as LK_HEAD the short lines repeated 3+ times in the body (page heads). */
static void plan_running_heads(struct pctx *c, size_t from)
{
	struct slot { size_t line; int count; } *tab;
	size_t cap = 16, i, mask;
	int pass;

	while (cap < 2 * (c->nlines - from) + 16)
		cap *= 2;
	mask = cap - 1;
	tab = xcalloc(cap, sizeof *tab);
	for (pass = 0; pass < 2; pass++) {
		for (i = from; i < c->nlines; i++) {
			struct pline *l = &c->lines[i];
			const char *s = plan_line(c, i);
			struct slot *sl;
			size_t h;
			if (!plan_runhead_candidate(c, i))
				continue;
			h = (size_t)plan_hash(s, l->len) & mask;
			for (;;) {
				sl = &tab[h];
				if (!sl->count || (c->lines[sl->line].len == l->len &&
						   !memcmp(plan_line(c, sl->line), s, l->len)))
					break;
				h = (h + 1) & mask;
			}
			if (pass == 0) {
				if (!sl->count++)
					sl->line = i;
				continue;
			}
			if (sl->count < 3)
				continue;
			if (sl->line == i) {
				struct strbuf sb = STRBUF_INIT;
				plan_sb_snip(&sb, s, l->len);
				plan_warn(c, l->lineno, "dropped running head '%s' repeated %d times",
					  sb.buf, sl->count);
				sb_release(&sb);
			}
			l->kind = LK_HEAD;
		}
	}
	free(tab);
}

/* ---- department lists ------------------------------------------------------ */

static size_t plan_strip_space(const char *s, size_t *start, size_t end)
{
	size_t k;

	while (*start < end && plan_is_space(plan_cp(s + *start, end - *start, &k)))
		*start += k;
	while (end > *start) {
		size_t st;
		if (!plan_is_space(plan_cp_before(s, end, &st)))
			break;
		end = st;
	}
	return end;
}

/* Brackets a list stands in: （…） (…) 〔…〕 【…】 ［…］, mixed as OCR mixes them. */
static int plan_is_opener(ucs4_t c)
{
	return c == '(' || c == 0xFF08 || c == 0x3014 || c == 0x3010 || c == 0xFF3B || c == '[';
}

static int plan_is_closer(ucs4_t c)
{
	return c == ')' || c == 0xFF09 || c == 0x3015 || c == 0x3011 || c == 0xFF3D || c == ']';
}

static int plan_is_sentence_end(ucs4_t ch)
{
	return ch == 0x3002 || ch == 0xFF1B || ch == ';' || ch == 0xFF01 || ch == 0xFF1F ||
	       ch == '!' || ch == '?';
}

/* Where the list that closes at S[close] (its closer's first byte) opens: the
 * matching opener, at most LIST_SCAN_MAX bytes back; -1 when there is none
 * before a sentence ends outside brackets (then *SENT is where that sentence
 * ended, or 0). */
static long plan_opener_before(const char *s, size_t close, size_t *sent)
{
	size_t pos = close, st, limit = close > LIST_SCAN_MAX ? close - LIST_SCAN_MAX : 0;
	int depth = 1;

	*sent = 0;
	while (pos > limit) {
		ucs4_t ch;
		/* a lead byte E4..E9 three bytes back starts a character of
		 * U+4000..U+9FFF, none a bracket: step over it undecoded */
		if (pos >= 3 && (unsigned char)s[pos - 3] >= 0xE4 && (unsigned char)s[pos - 3] <= 0xE9) {
			pos -= 3;
			continue;
		}
		ch = plan_cp_before(s, pos, &st);
		if (plan_is_closer(ch)) {
			depth++;
		} else if (plan_is_opener(ch)) {
			if (--depth == 0)
				return (long)st;
		} else if (depth == 1 && (plan_is_sentence_end(ch) || ch == 0x300B || ch == 0x201D ||
					  ch == 0x300D || ch == 0x300F)) {
			*sent = pos;
			return -1;
		}
		pos = st;
	}
	return -1;
}

/* Where the bracket opened at S[open] (first byte after the opener at
 * AFTER) closes: its closer's first byte, or -1. */
static long plan_closer_after(const char *s, size_t n, size_t after)
{
	size_t i = after, k, limit = after + LIST_SCAN_MAX < n ? after + LIST_SCAN_MAX : n;
	int depth = 1;

	while (i < limit) {
		unsigned char b = (unsigned char)s[i];
		ucs4_t ch;
		if (b >= 0xE4 && b <= 0xE9 && limit - i >= 3) {
			i += 3;
			continue;
		}
		ch = plan_cp(s + i, limit - i, &k);
		if (plan_is_opener(ch))
			depth++;
		else if (plan_is_closer(ch) && --depth == 0)
			return (long)i;
		i += k;
	}
	return -1;
}

/* Does S[0, n) end with a department list? On 1: the text ends at *CUT, the
 * list is in L (caller releases), as written S[*WA, *WB); *NOPAREN when OCR
 * lost its opening parenthesis (only believed for lists ending in 负责). */
static int plan_end_list(const char *s, size_t n, size_t *cut, struct plan_list *l, size_t *wa,
			 size_t *wb, int *noparen)
{
	size_t end = n, st, close, sent;
	long open;
	ucs4_t ch;

	*noparen = 0;
	if (!n)
		return 0;
	ch = plan_cp_before(s, end, &st);
	if (ch == 0x3002 || ch == 0xFF1B || ch == ';' || ch == '.') {
		end = st;
		if (!end)
			return 0;
		ch = plan_cp_before(s, end, &st);
	}
	if (!plan_is_closer(ch))
		return 0;
	close = st;
	open = plan_opener_before(s, close, &sent);
	if (open >= 0) {
		size_t k;
		plan_cp(s + open, n - (size_t)open, &k);
		if (!plan_list_parse(s + open + k, close - (size_t)open - k, PLAN_LIST_TEXT, l))
			return 0;
		*cut = (size_t)open;
		*wa = (size_t)open;
		*wb = end;
		return 1;
	}
	/* no opener in this sentence: an OCR list "… 中科院负责)" */
	if (!sent || sent == close || !(plan_ends_with(s, close, "负责") || plan_ends_with(s, close, "負責")))
		return 0;
	if (!plan_list_parse(s + sent, close - sent, PLAN_LIST_TEXT, l))
		return 0;
	*cut = sent;
	*wa = sent;
	*wb = end;
	*noparen = 1;
	return 1;
}

/* The lists in brackets within S[0, n), added to ACC in order (each kept as
 * written in WRITTEN, one a line). Returns how many. */
static int plan_inner_lists(const char *s, size_t n, struct plan_list *acc, struct strbuf *written)
{
	size_t i = 0, k;
	int found = 0;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		ucs4_t ch;
		long close;
		if (b >= 0xE4 && b <= 0xE9 && n - i >= 3) {
			i += 3;
			continue;
		}
		ch = plan_cp(s + i, n - i, &k);
		if (!plan_is_opener(ch)) {
			i += k;
			continue;
		}
		close = plan_closer_after(s, n, i + k);
		if (close > 0) {
			struct plan_list l;
			if (plan_list_parse(s + i + k, (size_t)close - i - k, PLAN_LIST_TEXT, &l)) {
				size_t ck;
				if (!acc) {
					/* only whether there is one */
					plan_list_release(&l);
					return 1;
				}
				plan_cp(s + close, n - (size_t)close, &ck);
				plan_list_merge(acc, &l);
				if (l.note && !acc->note)
					acc->note = xstrdup(l.note);
				if (written)
					sb_addf(written, "%s%.*s", written->len ? "\n" : "",
						(int)((size_t)close + ck - i), s + i);
				plan_list_release(&l);
				found++;
				i = (size_t)close + ck;
				continue;
			}
		}
		i += k;
	}
	return found;
}

/* 1 when line S[0, n) carries a department list: in brackets, as a label
 * line ("牵头单位：…"), or the end of one ("…负责)"). */
static int plan_line_has_list(const char *s, size_t n)
{
	struct plan_list l;
	size_t st;
	int any;

	if (plan_list_is_label_line(s, n))
		return 1;
	if (!plan_has_duty(s, n) && !plan_has(s, n, "牵头") && !plan_has(s, n, "牽頭") &&
	    !plan_has(s, n, "指导") && !plan_has(s, n, "指導") && !plan_has(s, n, "参与") &&
	    !plan_has(s, n, "參與"))
		return 0;
	(void)l;
	any = plan_inner_lists(s, n, NULL, NULL) > 0;
	if (any)
		return 1;
	/* the end of a list whose start is on an earlier line */
	while (n && plan_is_sentence_end(plan_cp_before(s, n, &st)))
		n = st;
	return n && plan_is_closer(plan_cp_before(s, n, &st)) &&
	       (plan_ends_with(s, st, "负责") || plan_ends_with(s, st, "負責"));
}

/* A cheaper plan_line_has_list for counting where the lists are: a label
 * line, or a bracket with a duty word in it ("（…负责）"). */
static int plan_line_list_hint(const char *s, size_t n)
{
	static const char *const ends[] = { "负责", "負責", "牵头", "牽頭", "参与", "參與", "指导",
					    "指導", "配合", "落实", "落實", NULL };
	size_t i;

	if (plan_list_is_label_line(s, n))
		return 1;
	for (i = 0; i < n; i++) {
		size_t e = i, j;
		/* ) ）(EF BC 89) 〕(E3 80 95) 】(E3 80 91), then what stands before */
		if (s[i] == ')')
			e = i;
		else if (i + 3 <= n && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
			 (unsigned char)s[i + 2] == 0x89)
			e = i;
		else if (i + 3 <= n && (unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0x95 || (unsigned char)s[i + 2] == 0x91))
			e = i;
		else
			continue;
		/* the bracket's content: a duty word in it ("分别负责，年内持续推进）"),
		 * or a label ("…负责部门：商务部）", "…责任单位：X）") */
		{
			size_t a = e > 600 ? e - 600 : 0, o;
			for (o = e; o > a; o--) {
				unsigned char b = (unsigned char)s[o - 1];
				if (b == '(' || (o >= a + 3 && (unsigned char)s[o - 3] == 0xEF &&
						 (unsigned char)s[o - 2] == 0xBC && b == 0x88) ||
				    (o >= a + 3 && (unsigned char)s[o - 3] == 0xE3 && (unsigned char)s[o - 2] == 0x80 &&
				     (b == 0x94 || b == 0x90)))
					break;
			}
			a = o;
			for (j = 0; ends[j]; j++)
				if (plan_has(s + a, e - a, ends[j]))
					return 1;
			if (plan_has(s + a, e - a, "部门：") || plan_has(s + a, e - a, "单位：") ||
			    plan_has(s + a, e - a, "部门:") || plan_has(s + a, e - a, "单位:") ||
			    plan_has(s + a, e - a, "單位:") || plan_has(s + a, e - a, "單位："))
				return 1;
		}
	}
	return 0;
}

/* ---- tasks ------------------------------------------------------------- */

/* Join a cleaned line to text in B: a space only between two ASCII
 * alphanumerics. */
static void plan_task_join(struct strbuf *b, const char *s, size_t n)
{
	size_t st, k;

	if (!n)
		return;
	if (b->len && plan_is_alnum(plan_cp_before(b->buf, b->len, &st)) &&
	    plan_is_alnum(plan_cp(s, n, &k)))
		sb_addc(b, ' ');
	sb_add(b, s, n);
}

static void plan_task_append(struct pctx *c, const char *s, size_t n)
{
	plan_task_join(&c->task, s, n);
}

/* Write N in decimal at O (12 bytes at most, no NUL); returns the end. A
 * label is made for every task: printf's machinery was most of plan_emit. */
static char *plan_put_int(char *o, int n)
{
	char d[10];
	unsigned u = n < 0 ? 0u - (unsigned)n : (unsigned)n;
	int k = 0;

	if (n < 0)
		*o++ = '-';
	do
		d[k++] = (char)('0' + u % 10);
	while (u /= 10);
	while (k)
		*o++ = d[--k];
	return o;
}

/* Make a task of the open text up to CUT, with the departments of LIST (taken
 * over, may be NULL) as WRITTEN. */
static struct plan_task *plan_emit(struct pctx *c, size_t cut, struct plan_list *list,
				   const char *written)
{
	struct plan_doc *d = c->doc;
	struct plan_task *t;
	char lab[32], *o;       /* "%d.%d" fits */
	const char *s = c->task.buf ? c->task.buf : "";
	size_t a = 0, b;

	xgrow(&d->tasks, &c->captask, d->ntasks + 1, sizeof *d->tasks);
	t = &d->tasks[d->ntasks++];
	memset(t, 0, sizeof *t);
	t->chapter = c->task_chapter;
	t->section = c->task_section;
	t->line = c->task_line;
	if (c->mode != MODE_PARAGRAPHS) {
		t->number = c->task_number;
		o = plan_put_int(lab, t->number);
	} else {
		t->number = (int)d->ntasks;
		o = plan_put_int(lab, t->section >= 0 ? d->sections[t->section].number :
				 t->chapter >= 0 ? d->chapters[t->chapter].number : 0);
		*o++ = '.';
		o = plan_put_int(o, c->para_in_section);
	}
	t->label = xstrndup(lab, (size_t)(o - lab));
	if (list && list->nnames) {
		t->depts = list->names;
		t->ndepts = list->nnames;
		t->lead_explicit = list->lead_explicit;
		t->open = list->open;
		list->names = NULL;
		list->nnames = list->cap = 0;
	}
	if (list && list->note)
		plan_warn(c, t->line, "task %s: the department list says '%s'; kept as written, applied to no other task",
			  t->label, list->note);
	t->lists = xstrdup(written ? written : "");
	if (cut > c->task.len)
		cut = c->task.len;
	b = plan_strip_space(s, &a, cut);
	t->text = xstrndup(s + a, b - a);
	sb_reset(&c->task);
	c->open = 0;
	return t;
}

/* Close the open task with every list it holds: those in brackets within its
 * text (kept there), the label lines it had ("牵头单位：…"), and the one
 * ending it (cut from its text) when END is set. */
struct endlist { struct plan_list l; size_t cut, wa, wb; int noparen; };

static struct plan_task *plan_close_with(struct pctx *c, int end, struct endlist *found)
{
	struct plan_list acc, last;
	struct strbuf written = STRBUF_INIT;
	size_t cut = c->task.len, wa = 0, wb = 0;
	int noparen = 0, has_end = 0;
	struct plan_task *t;

	memset(&acc, 0, sizeof acc);
	memset(&last, 0, sizeof last);
	if (found) {
		/* the list plan_try_close found already */
		last = found->l;
		cut = found->cut;
		wa = found->wa;
		wb = found->wb;
		noparen = found->noparen;
		has_end = 1;
	} else if (end) {
		has_end = plan_end_list(c->task.buf ? c->task.buf : "", c->task.len, &cut, &last, &wa,
					&wb, &noparen);
	}
	if (c->task.len)
		plan_inner_lists(c->task.buf, cut, &acc, &written);
	if (has_end) {
		plan_list_merge(&acc, &last);
		if (!acc.note && last.note)
			acc.note = xstrdup(last.note);

		sb_addf(&written, "%s%.*s", written.len ? "\n" : "", (int)(wb - wa), c->task.buf + wa);
	}
	if (c->labels.nnames) {
		plan_list_merge(&acc, &c->labels);
		if (!has_end && !written.len)
			acc.lead_explicit = c->labels.lead_explicit;
		sb_addf(&written, "%s%s", written.len ? "\n" : "", sb_str(&c->labels_written));
	}
	plan_list_release(&c->labels);
	sb_reset(&c->labels_written);
	t = plan_emit(c, cut, &acc, written.buf);
	if (noparen)
		plan_warn(c, t->line, "the department list of task %s has no opening parenthesis",
			  t->label);
	plan_list_release(&acc);
	plan_list_release(&last);
	sb_release(&written);
	return t;
}

static struct plan_task *plan_close(struct pctx *c, int end)
{
	return plan_close_with(c, end, NULL);
}

/* A label line ("牵头单位：区发改局") for the open task. */
static void plan_add_label_line(struct pctx *c, const char *s, size_t n)
{
	struct plan_list l;

	if (!plan_list_parse(s, n, PLAN_LIST_CELL, &l))
		return;
	if (!c->labels.nnames)
		c->labels.lead_explicit = l.lead_explicit;
	plan_list_merge(&c->labels, &l);
	sb_addf(&c->labels_written, "%s%.*s", c->labels_written.len ? "\n" : "", (int)n, s);
	plan_list_release(&l);
}

/* Check whether the open task just got its list; close it if so. */
static void plan_try_close(struct pctx *c)
{
	struct endlist f;

	if (!plan_end_list(c->task.buf ? c->task.buf : "", c->task.len, &f.cut, &f.l, &f.wa, &f.wb,
			   &f.noparen))
		return;
	plan_close_with(c, 1, &f);
}

/* Text after a closed task that carries a list of its own (a continuation
 * paragraph, a label line): the last task goes on with it. */
static void plan_extend_last(struct pctx *c, const char *s, size_t n, int label)
{
	struct plan_task *t = &c->doc->tasks[c->doc->ntasks - 1];
	struct plan_list acc, last;
	struct strbuf written = STRBUF_INIT, text = STRBUF_INIT;
	size_t cut = n, wa = 0, wb = 0, j;
	int noparen = 0;

	memset(&acc, 0, sizeof acc);
	memset(&last, 0, sizeof last);
	if (label) {
		if (!plan_list_parse(s, n, PLAN_LIST_CELL, &acc))
			return;
		sb_add(&written, s, n);
		cut = 0;
	} else {
		int has_end = plan_end_list(s, n, &cut, &last, &wa, &wb, &noparen);
		plan_inner_lists(s, cut, &acc, &written);
		if (has_end) {
			plan_list_merge(&acc, &last);
			sb_addf(&written, "%s%.*s", written.len ? "\n" : "", (int)(wb - wa), s + wa);
		}
	}
	/* the names it adds, after the task's own */
	for (j = 0; j < acc.nnames; j++) {
		size_t k;
		int dup = 0;
		for (k = 0; k < t->ndepts; k++)
			dup |= !strcmp(t->depts[k], acc.names[j]);
		if (dup)
			continue;
		t->depts = xrealloc(t->depts, (t->ndepts + 1) * sizeof *t->depts);
		t->depts[t->ndepts++] = xstrdup(acc.names[j]);
	}
	t->open |= acc.open;
	if (cut) {
		size_t a = 0, b = plan_strip_space(s, &a, cut);
		sb_adds(&text, t->text);
		sb_add(&text, s + a, b - a);
		free(t->text);
		t->text = sb_detach(&text);
	}
	if (written.len) {
		struct strbuf lists = STRBUF_INIT;
		sb_addf(&lists, "%s%s%s", t->lists, t->lists[0] ? "\n" : "", written.buf);
		free(t->lists);
		t->lists = sb_detach(&lists);
	}
	plan_list_release(&acc);
	plan_list_release(&last);
	sb_release(&written);
	sb_release(&text);
}

static void plan_drop_flush(struct pctx *c, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	const struct pline *l;

	if (!c->drop.count)
		return;
	l = &c->lines[c->drop.first];
	plan_sb_snip(&sb, plan_line(c, c->drop.first), l->len);
	if (c->doc->ntasks && c->doc->kind == PLAN_ANNUAL)
		plan_warn(c, c->drop.line, "dropped %d line%s after task %s that %s not task text: '%s'",
			  c->drop.count, c->drop.count > 1 ? "s" : "",
			  c->doc->tasks[c->doc->ntasks - 1].label, c->drop.count > 1 ? "are" : "is",
			  sb.buf);
	else
		plan_warn(c, c->drop.line, "dropped %d line%s %s: '%s'", c->drop.count,
			  c->drop.count > 1 ? "s" : "", what, sb.buf);
	sb_release(&sb);
	c->drop.count = 0;
}

static void plan_drop_add(struct pctx *c, size_t i)
{
	if (!c->drop.count) {
		c->drop.first = i;
		c->drop.line = c->lines[i].lineno;
	}
	c->drop.count++;
}

/* ---- headings ---------------------------------------------------------- */

static char *plan_heading_title(const char *s, size_t from, size_t to)
{
	size_t st;
	ucs4_t ch;

	to = plan_strip_space(s, &from, to);
	while (to > from) {
		ch = plan_cp_before(s, to, &st);
		if (ch != 0x3002 && ch != 0xFF1B && ch != ';' && ch != 0xFF1A && ch != ':')
			break;
		to = st;
	}
	return xstrndup(s + from, to - from);
}

/* Is line I a chapter or section heading, plausible where it stands? With
 * APPLY, take it as one. IN_TASK: a task is open, accept only undamaged
 * marks. */
static int plan_heading_at(struct pctx *c, size_t i, int in_task, int apply)
{
	struct plan_doc *d = c->doc;
	const struct pline *l = &c->lines[i];
	const char *s = plan_line(c, i);
	size_t toff, mlen;
	int num, repaired;

	num = plan_chapter_mark(l, s, &toff);
	if (num == 1 && d->nchapters && !d->ntasks && !c->open) {
		/* chapters begin again before any task: what came before was a
		 * notice's points ("一、高度重视 二、…"), the plan starts here */
		if (!apply)
			return 1;
		for (size_t k = 0; k < d->nchapters; k++)
			free(d->chapters[k].title);
		for (size_t k = 0; k < d->nsections; k++)
			free(d->sections[k].title);
		d->nchapters = d->nsections = 0;
		plan_warn(c, l->lineno, "the chapters start again at '一、': those before are taken for a notice's points");
	}
	if (num && (!d->nchapters || num == d->chapters[d->nchapters - 1].number + 1)) {
		struct plan_chapter *ch;
		if (!apply)
			return 1;
		xgrow(&d->chapters, &c->capch, d->nchapters + 1, sizeof *d->chapters);
		ch = &d->chapters[d->nchapters++];
		ch->number = num;
		ch->line = l->lineno;
		ch->title = plan_heading_title(s, toff, l->len);
		c->chapter = (int)d->nchapters - 1;
		c->section = -1;
		c->para_in_section = 0;
		return 1;
	}
	num = plan_section_mark(l, s, &toff, &repaired, &mlen);
	if (num && !(in_task && repaired)) {
		int ok, last_global = d->nsections ? d->sections[d->nsections - 1].number : 0;
		struct plan_section *sec;
		if (c->section >= 0)
			ok = num == d->sections[c->section].number + 1;
		else
			ok = num == 1 || num == last_global + 1 || (!d->nsections && !repaired);
		if (!ok)
			return 0;
		if (!apply)
			return 1;
		xgrow(&d->sections, &c->capsec, d->nsections + 1, sizeof *d->sections);
		sec = &d->sections[d->nsections++];
		sec->chapter = c->chapter;
		sec->number = num;
		sec->line = l->lineno;
		sec->title = plan_heading_title(s, toff, l->len);
		c->section = (int)d->nsections - 1;
		c->para_in_section = 0;
		if (repaired) {
			struct strbuf sb = STRBUF_INIT;
			sb_add(&sb, s, mlen);
			plan_warn(c, l->lineno, "repaired section mark '%s' as section %d: %s", sb.buf, num,
				  repaired == 2 ? "a dash read as '(一)'" : "its opening parenthesis was lost");
			sb_release(&sb);
		}
		return 1;
	}
	return 0;
}

static int plan_try_heading(struct pctx *c, size_t i, int in_task)
{
	return plan_heading_at(c, i, in_task, 1);
}

/* A line a heading could be, wherever it stands (for looking ahead). */
static int plan_is_heading_line(const struct pline *l, const char *s)
{
	size_t toff, mlen;
	int rep;

	return plan_chapter_mark(l, s, &toff) || plan_section_mark(l, s, &toff, &rep, &mlen);
}

static int plan_ends_colon(const struct strbuf *b)
{
	size_t st;
	ucs4_t ch;

	if (!b->len)
		return 0;
	ch = plan_cp_before(b->buf, b->len, &st);
	return ch == 0xFF1A || ch == ':';
}

/* ---- body: numbered tasks ("1." in annual plans) ------------------------- */

static void plan_no_list_warning(struct pctx *c, const struct plan_task *t)
{
	if (!t->ndepts)
		plan_warn(c, t->line, "task %s has no department list '（…负责）'; add one before importing it",
			  t->label);
}

/* Does the item starting at line I (its text from ROFF) carry a list before
 * the next numbered line or heading? A number out of sequence is a task only
 * then. */
static int plan_lookahead_list(struct pctx *c, size_t i, size_t roff)
{
	size_t j, n = 0;

	for (j = i; j < c->nlines && n < 60; j++) {
		const struct pline *l = &c->lines[j];
		const char *s = plan_line(c, j);
		int lvl;
		size_t toff;
		if (l->kind != LK_TEXT)
			continue;
		n++;
		if (j > i && (plan_raw_mark(l, s, &lvl, &toff) || plan_is_heading_line(l, s)))
			return 0;
		if (plan_line_has_list(s + (j == i ? roff : 0), l->len - (j == i ? roff : 0)))
			return 1;
	}
	return 0;
}

/* Lines dropped since the last task, then S: the last task goes on with them
 * all when S carries a list (a paragraph that continues the task). */
static void plan_continue_last(struct pctx *c, size_t i, int label)
{
	struct strbuf sb = STRBUF_INIT;
	size_t j;

	if (c->drop.count && !label) {
		for (j = c->drop.first; j < i; j++)
			if (c->lines[j].kind == LK_TEXT)
				plan_task_join(&sb, plan_line(c, j), c->lines[j].len);
	}
	c->drop.count = 0;
	plan_task_join(&sb, plan_line(c, i), c->lines[i].len);
	plan_extend_last(c, sb.buf, sb.len, label);
	sb_release(&sb);
}

static int plan_body_annual(struct pctx *c, size_t from)
{
	size_t i;

	for (i = from; i < c->nlines; i++) {
		const struct pline *l = &c->lines[i];
		const char *s = plan_line(c, i);
		size_t roff;
		int num, seq, other = 0;

		if (l->kind == LK_BLANK || l->kind == LK_HEAD)
			continue;
		if (l->kind == LK_PAGENO) {
			plan_warn(c, l->lineno, "dropped page number '%s'", s);
			continue;
		}
		num = plan_task_mark(s, l->len, &roff);
		seq = num && (c->last_task ? num > c->last_task && num <= c->last_task + 1 + TASK_JUMP_MAX
				: 1);
		/* a number out of sequence (numbering that restarts, a number
		 * twice, a lost page) is a task when a department list follows */
		if (num && !seq && !(c->open && plan_ends_colon(&c->task)) &&
		    plan_lookahead_list(c, i, roff))
			other = 1;
		if (seq || other) {
			plan_drop_flush(c, "that are not task text");
			if (c->open)
				plan_no_list_warning(c, plan_close(c, 0));
			if (!c->last_task && num != 1)
				plan_warn(c, l->lineno, "the tasks start at %d, not 1", num);
			else if (c->last_task && num > c->last_task + 1) {
				if (num == c->last_task + 2)
					plan_warn(c, l->lineno, "task %d is missing", c->last_task + 1);
				else
					plan_warn(c, l->lineno, "tasks %d to %d are missing%s",
						  c->last_task + 1, num - 1,
						  num - c->last_task > TASK_JUMP_MAX + 1 ? " (a lost page?)" : "");
			}
			c->open = 1;
			c->task_number = num;
			c->task_line = l->lineno;
			c->task_chapter = c->chapter;
			c->task_section = c->section;
			if (other && num <= c->last_task) {
				/* numbering that starts again in a new chapter or
				 * section (plan_relabel names such tasks) */
				const struct plan_task *prev = c->doc->ntasks ? &c->doc->tasks[c->doc->ntasks - 1] : NULL;
				if (num == 1 && prev && (prev->chapter != c->chapter || prev->section != c->section))
					c->last_task = num;
			} else {
				c->last_task = num > c->last_task ? num : c->last_task;
			}
			sb_reset(&c->task);
			plan_task_append(c, s + roff, l->len - roff);
			plan_try_close(c);
			continue;
		}
		if (plan_try_heading(c, i, c->open)) {
			plan_drop_flush(c, "that are not task text");
			if (c->open)
				plan_no_list_warning(c, plan_close(c, 0));
			continue;
		}
		if (plan_list_is_label_line(s, l->len)) {
			/* "牵头单位：X" under the task it belongs to */
			if (c->open)
				plan_add_label_line(c, s, l->len);
			else if (c->doc->ntasks && !c->drop.count)
				plan_continue_last(c, i, 1);   /* right under the task it ends */
			else
				plan_drop_add(c, i);           /* a footer's "指导单位：…" */
			continue;
		}
		if (c->open) {
			plan_task_append(c, s, l->len);
			plan_try_close(c);
			continue;
		}
		if (c->doc->ntasks && plan_line_has_list(s, l->len)) {
			plan_continue_last(c, i, 0);
			continue;
		}
		plan_drop_add(c, i);
	}
	plan_drop_flush(c, "that are not task text");
	if (c->open && (c->labels.nnames || plan_line_has_list(sb_str(&c->task), c->task.len))) {
		plan_close(c, 0);
	} else if (c->open) {
		return err_set(c->e, ERR_INPUT,
			       "cannot import '%s' line %d: the text ends inside task %d, whose department list '（…负责）' never comes; the file looks truncated",
			       c->name, c->task_line, c->task_number);
	}
	return 0;
}

/* ---- body: items numbered 一、 （一） or （1） -------------------------- */

/* Lines held back from the open item since its last list (plan_drop_add)
 * go into it, before line I that has a list. */
static void plan_items_pending(struct pctx *c, size_t i)
{
	size_t j;

	if (!c->drop.count || !c->open)
		return;
	for (j = c->drop.first; j < i; j++)
		if (c->lines[j].kind == LK_TEXT)
			plan_task_append(c, plan_line(c, j), c->lines[j].len);
	c->drop.count = 0;
}

/* Tasks at mark level C->LEVEL: each item from its mark to the next mark of
 * its level or above, continuation paragraphs and deeper marks included.
 * Marks above are chapters (一、) and sections. */
static void plan_body_items(struct pctx *c, size_t from)
{
	size_t i;

	for (i = from; i < c->nlines; i++) {
		const struct pline *l = &c->lines[i];
		const char *s = plan_line(c, i);
		size_t toff;
		int lvl, num;

		if (l->kind == LK_BLANK || l->kind == LK_HEAD)
			continue;
		if (l->kind == LK_PAGENO) {
			plan_warn(c, l->lineno, "dropped page number '%s'", s);
			continue;
		}
		num = plan_raw_mark(l, s, &lvl, &toff);
		if (num && lvl < c->level && plan_heading_at(c, i, 0, 0)) {
			if (c->open)
				plan_close(c, 1);
			plan_heading_at(c, i, 0, 1);
			plan_drop_flush(c, "that are not task text");
			continue;
		}
		if (num && lvl == c->level) {
			plan_drop_flush(c, "that are not task text");
			if (c->open)
				plan_close(c, 1);
			c->listed = plan_line_has_list(s + toff, l->len - toff);
			c->open = 1;
			c->task_number = num;
			c->task_line = l->lineno;
			c->task_chapter = c->chapter;
			c->task_section = c->section;
			sb_reset(&c->task);
			plan_task_append(c, s + toff, l->len - toff);
			continue;
		}
		if (plan_list_is_label_line(s, l->len) && c->open) {
			plan_items_pending(c, i);
			plan_add_label_line(c, s, l->len);
			c->listed = 1;
			continue;
		}
		if (c->open && (!c->listed || plan_line_has_list(s, l->len))) {
			/* the item goes on; once it has had a list, a paragraph
			 * without one waits for one that has (else it is dropped:
			 * a page's footer, a closing remark) */
			plan_items_pending(c, i);
			plan_task_append(c, s, l->len);
			c->listed |= plan_line_has_list(s, l->len);
			continue;
		}
		plan_drop_add(c, i);
	}
	plan_drop_flush(c, "that are not task text");
	if (c->open)
		plan_close(c, 1);
}

/* ---- body: five-year plans and summaries --------------------------------- */

static int plan_ends_sentence(const struct strbuf *b)
{
	size_t st;
	ucs4_t ch;

	if (!b->len)
		return 0;
	ch = plan_cp_before(b->buf, b->len, &st);
	return ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F || ch == 0xFF1B || ch == '!' ||
	       ch == '?' || ch == ';';
}

static void plan_para_drop(struct pctx *c)
{
	if (!c->open)
		return;
	plan_drop_flush(c, "without a department list");
	sb_reset(&c->task);
	c->open = 0;
}

static void plan_body_paragraphs(struct pctx *c, size_t from)
{
	size_t i;

	for (i = from; i < c->nlines; i++) {
		const struct pline *l = &c->lines[i];
		const char *s = plan_line(c, i);
		size_t k;

		if (l->kind == LK_BLANK || l->kind == LK_HEAD)
			continue;
		if (l->kind == LK_PAGENO) {
			plan_warn(c, l->lineno, "dropped page number '%s'", s);
			continue;
		}
		if (plan_try_heading(c, i, 0)) {
			plan_para_drop(c);
			continue;
		}
		if (c->open && plan_ends_sentence(&c->task) &&
		    !(plan_is_open_paren(plan_cp(s, l->len, &k)) && !plan_has(s, l->len, "。")))
			plan_para_drop(c);
		if (!c->open) {
			c->open = 1;
			c->task_line = l->lineno;
			c->task_chapter = c->chapter;
			c->task_section = c->section;
			sb_reset(&c->task);
		}
		plan_drop_add(c, i);
		plan_task_append(c, s, l->len);
		c->para_in_section++;
		plan_try_close(c);
		if (c->open)
			c->para_in_section--;
		else
			c->drop.count = 0;
	}
	plan_para_drop(c);
}

/* ---- title, year, key --------------------------------------------------- */

/* A line a title could be: short, no sentence punctuation, no list; with
 * QUOTES, 《…》 may stand in it ("国务院关于落实《政府工作报告》"). */
static int plan_title_line_ok(const struct pctx *c, size_t i, int quotes)
{
	static const char *const bad[] = { "《", "》", "«", "»", "。", "，", ",", "：", ":", "；",
					   ";", "负责", "負責" };
	const struct pline *l = &c->lines[i];
	const char *s = plan_line(c, i);
	size_t j;

	if (l->kind != LK_TEXT || l->nchars > TITLE_MAX_CHARS || l->nchars < 2)
		return 0;
	for (j = quotes ? 4 : 0; j < sizeof bad / sizeof bad[0]; j++)
		if (plan_has(s, l->len, bad[j]))
			return 0;
	return 1;
}

static int plan_docno_line(const char *s, size_t n);
static int plan_is_opener(ucs4_t c);

/* A document's title ends in a word like these. */
static int plan_has_title_word(const char *s, size_t n)
{
	static const char *const words[] = { "方案", "意见", "意見", "措施", "要点", "要點", "通知",
					     "分工", NULL };
	size_t i;

	if (plan_has_plan_word(s, n))
		return 1;
	for (i = 0; words[i]; i++)
		if (plan_has(s, n, words[i]))
			return 1;
	return 0;
}

/* Ends as a title does: "…的通知", "…方案", "…意见". */
static int plan_ends_title(const char *s, size_t n)
{
	static const char *const ends[] = { "计划", "計劃", "规划", "規劃", "方案", "意见", "意見",
					    "措施", "要点", "要點", "通知", NULL };
	size_t i;

	for (i = 0; ends[i]; i++)
		if (plan_ends_with(s, n, ends[i]))
			return 1;
	return 0;
}

/* Line I can begin a title that line NEXT goes on with: a title line with
 * no title word of its own, not a date, a 文号, 附件 or a letterhead (…文件). */
static int plan_title_head(struct pctx *c, size_t i, int quotes)
{
	const struct pline *l = &c->lines[i];
	const char *s = plan_line(c, i);
	char *date;

	size_t k, st;

	(void)quotes;
	/* "国务院关于落实《政府工作报告》" goes on in "重点工作部门分工的意见" */
	if (!plan_title_line_ok(c, i, 1) || plan_has_title_word(s, l->len) || l->nchars < 3 ||
	    util_starts_with(s, "附件") || plan_docno_line(s, l->len) || plan_ends_with(s, l->len, "文件") ||
	    plan_is_opener(plan_cp(s, l->len, &k)) || plan_is_closer(plan_cp_before(s, l->len, &st)))
		return 0;
	date = doc_date_iso(s);
	free(date);
	return !date;
}

/* The text line before line I, across one blank line at most; nlines if none. */
static size_t plan_prev_text(const struct pctx *c, size_t i)
{
	size_t j = i;
	int blanks = 0;

	while (j > 0) {
		j--;
		if (c->lines[j].kind == LK_TEXT)
			return j;
		if (c->lines[j].kind != LK_BLANK || ++blanks > 1)
			break;
	}
	return c->nlines;
}

/* Next quoted name 《…》 or «…» in S[*pos, n) that ends with 计划/规划. */
static int plan_next_quote(const char *s, size_t n, size_t *pos, size_t *qa, size_t *qb)
{
	size_t i = *pos, k;

	while (i < n) {
		ucs4_t ch = plan_cp(s + i, n - i, &k);
		i += k;
		if (ch == 0x300A || ch == 0xAB) {
			size_t a = i, j = i, k2;
			int chars = 0;
			while (j < n) {
				ucs4_t e = plan_cp(s + j, n - j, &k2);
				if (e == 0x300B || e == 0xBB || e == 0x300A || e == 0xAB)
					break;
				j += k2;
				chars++;
			}
			if (j >= n)
				break;
			if (plan_cp(s + j, n - j, &k2) != 0x300B && plan_cp(s + j, n - j, &k2) != 0xBB)
				continue;
			i = j + k2;
			if (chars >= 5 && (plan_ends_with(s + a, j - a, "计划") || plan_ends_with(s + a, j - a, "計劃") ||
					   plan_ends_with(s + a, j - a, "规划") || plan_ends_with(s + a, j - a, "規劃"))) {
				*qa = a;
				*qb = j;
				*pos = i;
				return 1;
			}
		}
	}
	*pos = n;
	return 0;
}

static char *plan_find_title(struct pctx *c, size_t body)
{
	struct cand { size_t line, a, b; int count; } cands[32];
	size_t i, ncand = 0, j, best;
	int quotes;

	/* a title line (without 《》 first: "关于印发《…计划》的通知" is the
	 * notice, the plan's own title comes after it), with the one or two
	 * lines before it that it goes on from */
	for (quotes = 0; quotes < 2; quotes++) {
		for (i = 0; i < body; i++) {
			const struct pline *l = &c->lines[i];
			struct strbuf sb = STRBUF_INIT;
			size_t p1, p2;
			if (!plan_title_line_ok(c, i, quotes) || l->nchars < 4 ||
			    !(quotes ? plan_has_title_word(plan_line(c, i), l->len) &&
			      plan_ends_title(plan_line(c, i), l->len) : plan_has_title_word(plan_line(c, i), l->len)))
				continue;
			p1 = plan_prev_text(c, i);
			if (p1 < c->nlines && plan_title_head(c, p1, quotes)) {
				p2 = plan_prev_text(c, p1);
				if (p2 < c->nlines && plan_title_head(c, p2, quotes) &&
				    c->lines[p2].nchars + c->lines[p1].nchars + l->nchars <= 3 * TITLE_MAX_CHARS)
					sb_add(&sb, plan_line(c, p2), c->lines[p2].len);
				sb_add(&sb, plan_line(c, p1), c->lines[p1].len);
			}
			sb_add(&sb, plan_line(c, i), l->len);
			return sb_detach(&sb);
		}
	}
	for (i = 0; i < body; i++) {
		const char *s = plan_line(c, i);
		size_t pos = 0, qa, qb;
		while (plan_next_quote(s, c->lines[i].len, &pos, &qa, &qb)) {
			for (j = 0; j < ncand; j++)
				if (cands[j].b - cands[j].a == qb - qa &&
				    !memcmp(plan_line(c, cands[j].line) + cands[j].a, s + qa, qb - qa))
					break;
			if (j == ncand && ncand < sizeof cands / sizeof cands[0]) {
				cands[ncand].line = i;
				cands[ncand].a = qa;
				cands[ncand].b = qb;
				cands[ncand].count = plan_is_digit((unsigned char)s[qa]) ? 1 : 0;
				ncand++;
			}
		}
	}
	if (!ncand)
		return NULL;
	for (i = 0; i < c->nlines; i++) {
		const char *s = plan_line(c, i);
		size_t pos = 0, qa, qb;
		while (plan_next_quote(s, c->lines[i].len, &pos, &qa, &qb))
			for (j = 0; j < ncand; j++)
				if (cands[j].b - cands[j].a == qb - qa &&
				    !memcmp(plan_line(c, cands[j].line) + cands[j].a, s + qa, qb - qa))
					cands[j].count++;
	}
	best = 0;
	for (j = 1; j < ncand; j++)
		if (cands[j].count > cands[best].count)
			best = j;
	return xstrndup(plan_line(c, cands[best].line) + cands[best].a, cands[best].b - cands[best].a);
}

/* "十四五" in the title: the five-year plan's number (14), else 0. */
static int plan_fyp_number(const char *t)
{
	size_t n = strlen(t), i, k, k2, k3;

	for (i = 0; i < n; i += k) {
		ucs4_t ch = plan_cp(t + i, n - i, &k);
		size_t p = i + k;
		int d;
		if (ch != 0x5341 || p >= n)
			continue;
		d = plan_numeral_digit(plan_cp(t + p, n - p, &k2));
		if (d >= 1 && d <= 9 && p + k2 < n &&
		    plan_cp(t + p + k2, n - p - k2, &k3) == 0x4E94)
			return 10 + d;
		if (d == 5)
			return 10;
	}
	return 0;
}

static int plan_title_year(const char *t)
{
	size_t i, n = strlen(t);

	for (i = 0; i + 4 <= n; i++) {
		if ((i && plan_is_digit((unsigned char)t[i - 1])) ||
		    !plan_is_digit((unsigned char)t[i]) || !plan_is_digit((unsigned char)t[i + 1]) ||
		    !plan_is_digit((unsigned char)t[i + 2]) || !plan_is_digit((unsigned char)t[i + 3]) ||
		    (i + 4 < n && plan_is_digit((unsigned char)t[i + 4])))
			continue;
		{
			int y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 +
				(t[i + 3] - '0');
			if (y >= 1949 && y <= 2100)
				return y;
		}
	}
	return 0;
}

/* Index of the first chapter heading; else of the first task "1."; else of
 * the first item "一、" or "（一）" (items with their text on the line); else
 * nlines. */
static size_t plan_find_body(const struct pctx *c)
{
	size_t i, toff;
	int lvl;

	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].kind == LK_TEXT && plan_chapter_mark(&c->lines[i], plan_line(c, i), &toff))
			return i;
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].kind == LK_TEXT &&
		    plan_task_mark(plan_line(c, i), c->lines[i].len, &toff) == 1)
			return i;
	for (i = 0; i < c->nlines; i++)
		if (c->lines[i].kind == LK_TEXT &&
		    plan_raw_mark(&c->lines[i], plan_line(c, i), &lvl, &toff) == 1 && lvl <= 2)
			return i;
	return c->nlines;
}

/* How the tasks are numbered, from where the department lists sit: under
 * "1." marks (annual plans); under items marked 一、 （一） （1） whose own
 * line carries lists (the family's measures); or in paragraphs under short
 * headings (the five-year plan). */
static void plan_choose_mode(struct pctx *c, size_t body)
{
	int credit[5] = { 0 }, onmark[5] = { 0 }, cur = 0, best = 0, lvl;
	size_t i, toff;

	for (i = body; i < c->nlines; i++) {
		const struct pline *l = &c->lines[i];
		const char *s = plan_line(c, i);
		int num;
		if (l->kind != LK_TEXT)
			continue;
		num = plan_raw_mark(l, s, &lvl, &toff);
		if (num)
			cur = lvl;
		if (!plan_line_list_hint(s, l->len))
			continue;
		credit[cur]++;
		if (num)
			onmark[lvl]++;
	}
	if (credit[3]) {
		c->mode = MODE_ANNUAL;
		return;
	}
	for (lvl = 1; lvl <= 4; lvl++)
		if (credit[lvl] && (!best || credit[lvl] >= credit[best]))
			best = lvl;
	if (best && onmark[best]) {
		c->mode = MODE_ITEMS;
		c->level = best;
	} else {
		c->mode = MODE_PARAGRAPHS;
	}
}

static void plan_task_free(struct plan_task *t)
{
	size_t j;

	free(t->label);
	free(t->text);
	free(t->lists);
	for (j = 0; j < t->ndepts; j++)
		free(t->depts[j]);
	free(t->depts);
}

/* Numbered items of chapters where no item has a list are no tasks: they
 * are the preamble's 指导思想, 基本原则 …, listed as untracked. */
static void plan_untrack(struct pctx *c)
{
	struct plan_doc *d = c->doc;
	unsigned char *has = xcalloc(d->nchapters + 1, 1);
	size_t i, o = 0, cap = 0;

	for (i = 0; i < d->ntasks; i++)
		if (d->tasks[i].ndepts)
			has[d->tasks[i].chapter + 1] = 1;
	for (i = 0; i < d->ntasks; i++) {
		struct plan_task *t = &d->tasks[i];
		if (has[t->chapter + 1]) {
			if (!t->ndepts && c->mode == MODE_ITEMS)
				plan_no_list_warning(c, t);
			d->tasks[o++] = *t;
			continue;
		}
		xgrow(&d->untracked, &cap, d->nuntracked + 1, sizeof *d->untracked);
		d->untracked[d->nuntracked].line = t->line;
		d->untracked[d->nuntracked].label = xstrdup(t->label);
		{
			struct strbuf sb = STRBUF_INIT;
			plan_sb_snip(&sb, t->text, strlen(t->text));
			d->untracked[d->nuntracked].text = sb_detach(&sb);
		}
		d->nuntracked++;
		plan_task_free(t);
	}
	d->ntasks = o;
	free(has);
}

/* A set of labels (copies), so that finding a repeated number stays
 * linear in the number of tasks. */
struct label_set {
	char **slot;
	size_t cap, n;
};

static size_t label_hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int label_set_has(const struct label_set *set, const char *label)
{
	size_t i;

	if (!set->cap)
		return 0;
	for (i = label_hash(label) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (!strcmp(set->slot[i], label))
			return 1;
	return 0;
}

static void label_set_add(struct label_set *set, const char *label)
{
	size_t i;

	if (label_set_has(set, label))
		return;
	if (2 * (set->n + 1) > set->cap) {
		struct label_set big = { NULL, set->cap ? 2 * set->cap : 64, 0 };
		big.slot = xcalloc(big.cap, sizeof(*big.slot));
		for (i = 0; i < set->cap; i++)
			if (set->slot[i]) {
				size_t j = label_hash(set->slot[i]) & (big.cap - 1);
				while (big.slot[j])
					j = (j + 1) & (big.cap - 1);
				big.slot[j] = set->slot[i];
			}
		big.n = set->n;
		free(set->slot);
		*set = big;
	}
	for (i = label_hash(label) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
		;
	set->slot[i] = xstrdup(label);
	set->n++;
}

static void label_set_free(struct label_set *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
}

/* Labels when the numbering is not one run: numbering that restarts per
 * chapter gives "2.1" (chapter 2, task 1), per section "2.3.1"; a number
 * written twice gives the later task the next number no task has. */
static void plan_relabel(struct pctx *c)
{
	struct plan_doc *d = c->doc;
	struct label_set before = { NULL, 0, 0 }, all = { NULL, 0, 0 };
	size_t i;
	int restart = 0, max = 0;

	if (c->mode == MODE_PARAGRAPHS)
		return;
	for (i = 1; i < d->ntasks; i++) {
		const struct plan_task *a = &d->tasks[i - 1], *b = &d->tasks[i];
		if (b->number > a->number)
			continue;
		if (b->chapter != a->chapter)
			restart |= 1;
		else if (b->section != a->section)
			restart |= 2;
	}
	for (i = 0; i < d->ntasks; i++)
		if (d->tasks[i].number > max)
			max = d->tasks[i].number;
	if (restart) {
		for (i = 0; i < d->ntasks; i++) {
			struct plan_task *t = &d->tasks[i];
			struct strbuf sb = STRBUF_INIT;
			int ch = t->chapter >= 0 ? d->chapters[t->chapter].number : 0;
			if (restart & 2)
				sb_addf(&sb, "%d.%d.%d", ch, t->section >= 0 ? d->sections[t->section].number : 0,
					t->number);
			else
				sb_addf(&sb, "%d.%d", ch, t->number);
			free(t->label);
			t->label = sb_detach(&sb);
		}
		plan_warn(c, 0, "the task numbers start again in each %s; tasks are named by %s and number (e.g. %s)",
			  restart & 2 ? "section" : "chapter", restart & 2 ? "chapter, section" : "chapter",
			  d->ntasks ? d->tasks[d->ntasks - 1].label : "2.1");
	}
	/* before: the labels of the tasks so far; all: every label any task
	 * has or had, so a new number is no later task's either */
	for (i = 0; i < d->ntasks; i++)
		label_set_add(&all, d->tasks[i].label);
	for (i = 0; i < d->ntasks; i++) {
		struct plan_task *t = &d->tasks[i];
		struct strbuf sb = STRBUF_INIT;
		char *old;
		if (!label_set_has(&before, t->label)) {
			label_set_add(&before, t->label);
			continue;
		}
		if (restart) {
			/* the next number free in its chapter (and section) */
			const char *dot = strrchr(t->label, '.');
			int n = t->number;
			do {
				sb_reset(&sb);
				sb_add(&sb, t->label, (size_t)(dot - t->label) + 1);
				sb_addf(&sb, "%d", ++n);
			} while (label_set_has(&all, sb.buf));
		} else {
			sb_addf(&sb, "%d", ++max);
		}
		old = t->label;
		t->label = sb_detach(&sb);
		label_set_add(&before, t->label);
		label_set_add(&all, t->label);
		plan_warn(c, t->line, "task %s repeats the number of an earlier task; it is kept as task %s",
			  old, t->label);
		free(old);
	}
	label_set_free(&before);
	label_set_free(&all);
}

/* "国办发〔2018〕128号" alone on a line: the 文号. */
static int plan_docno_line(const char *s, size_t n)
{
	size_t i = 0, k;
	int han = 0, digits = 0;
	ucs4_t ch;

	while (i < n) {
		ch = plan_cp(s + i, n - i, &k);
		if (!plan_is_han(ch))
			break;
		han++;
		i += k;
	}
	if (!han || han > 20 || i >= n)
		return 0;
	ch = plan_cp(s + i, n - i, &k);
	if (!(ch == 0x3014 || ch == '[' || ch == 0xFF3B || ch == 0x3010 || plan_is_open_paren(ch)))
		return 0;
	i += k;
	while (i < n && plan_is_digit((unsigned char)s[i]))
		i++, digits++;
	if (digits != 4 || i >= n)
		return 0;
	ch = plan_cp(s + i, n - i, &k);
	if (!(ch == 0x3015 || ch == ']' || ch == 0xFF3D || ch == 0x3011 || plan_is_close_paren(ch)))
		return 0;
	i += k;
	digits = 0;
	while (i < n && plan_is_digit((unsigned char)s[i]))
		i++, digits++;
	return digits >= 1 && digits <= 5 && i < n &&
	       (!strcmp(s + i, "号") || !strcmp(s + i, "號"));
}

/* The 文号 and the date the preamble shows on lines of their own. */
static void plan_find_meta(struct pctx *c, size_t body)
{
	size_t i;

	for (i = 0; i < body && i < 200; i++) {
		const struct pline *l = &c->lines[i];
		const char *s = plan_line(c, i);
		if (l->kind != LK_TEXT)
			continue;
		if (!c->doc->docno && l->nchars <= 30 && plan_docno_line(s, l->len))
			c->doc->docno = xstrndup(s, l->len);
		else if (!c->doc->date && l->nchars <= 16 && (plan_has(s, l->len, "日") || plan_has(s, l->len, "-")))
			c->doc->date = doc_date_iso(s);
	}
}

/* ---- the whole ---------------------------------------------------------- */

static int text_is_nfc_fast(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		ucs4_t ch = plan_cp(s + i, n - i, &k);
		if (!plan_nfc_keeps(ch) && !(ch >= 0x4E00 && ch <= 0x9FFF))
			return 0;
		i += k;
	}
	return 1;
}

static void plan_ctx_free(struct pctx *c)
{
	sb_release(&c->arena);
	sb_release(&c->task);
	sb_release(&c->pinyin_eg);
	sb_release(&c->invis_lines);
	sb_release(&c->invis_eg);
	sb_release(&c->labels_written);
	plan_list_release(&c->labels);
	free(c->lines);
	c->lines = NULL;
}

#define NO_YEAR "no year found in the title, 文号 or date; give the plan key yourself"

void plan_doc_warn(struct plan_doc *d, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	d->warnings = xrealloc(d->warnings, (d->nwarnings + 1) * sizeof *d->warnings);
	d->warnings[d->nwarnings].line = line;
	d->warnings[d->nwarnings].msg = sb_detach(&sb);
	d->nwarnings++;
}

void plan_doc_unwarn(struct plan_doc *d, const char *prefix)
{
	size_t i, o = 0;

	for (i = 0; i < d->nwarnings; i++) {
		if (util_starts_with(d->warnings[i].msg, prefix)) {
			free(d->warnings[i].msg);
			continue;
		}
		d->warnings[o++] = d->warnings[i];
	}
	d->nwarnings = o;
}

int plan_mark(const char *s, size_t n, int *level, size_t *toff)
{
	struct pline l;

	memset(&l, 0, sizeof l);
	l.len = n;
	return n ? plan_raw_mark(&l, s, level, toff) : 0;
}

/* A year's plan by its title: a year (or 年度) and 计划 or 要点 at the end. */
static int plan_title_annual(const char *t)
{
	size_t n = strlen(t);

	return (plan_title_year(t) || plan_has(t, n, "年度")) &&
	       (plan_ends_with(t, n, "计划") || plan_ends_with(t, n, "計劃") ||
		plan_ends_with(t, n, "要点") || plan_ends_with(t, n, "要點"));
}

char *plan_clean(const char *s, size_t n, int *invisible)
{
	struct pctx c;
	struct plan_doc d;
	uint8_t *nfc = NULL;
	size_t nl = 0, i, start = 0;
	struct strbuf out = STRBUF_INIT;

	memset(&c, 0, sizeof c);
	memset(&d, 0, sizeof d);
	c.doc = &d;
	if (!text_is_nfc_fast(s, n)) {
		nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &nl);
		if (nfc) {
			s = (const char *)nfc;
			n = nl;
		}
	}
	/* line by line, joined as task lines are */
	for (i = 0; i <= n; i++) {
		int nch;
		if (i < n && s[i] != '\n')
			continue;
		sb_reset(&c.arena);
		plan_clean_line(&c, s + start, i - start, 0, &nch);
		plan_task_join(&out, c.arena.buf ? c.arena.buf : "", c.arena.len);
		start = i + 1;
	}
	if (invisible)
		*invisible += d.invisible_removed;
	plan_ctx_free(&c);
	free(nfc);
	return out.buf ? sb_detach(&out) : xstrdup("");
}

void plan_numeral_add(struct strbuf *sb, int n)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

	if (n <= 0 || n > 99) {
		sb_addf(sb, "%d", n);
		return;
	}
	if (n >= 20)
		sb_adds(sb, d[n / 10]);
	if (n >= 10)
		sb_adds(sb, "十");
	sb_adds(sb, d[n % 10]);
}

const char *plan_kind_name(enum plan_kind k)
{
	switch (k) {
	case PLAN_FIVE_YEAR: return "five-year";
	case PLAN_TASK_DIVISION: return "task-division";
	case PLAN_SUMMARY: return "summary";
	default: return "annual";
	}
}

void plan_doc_finish(struct plan_doc *d)
{
	const char *t = d->title ? d->title : "";
	struct strbuf sb = STRBUF_INIT;
	int fyp = plan_fyp_number(t), year = 0;

	if (d->kind != PLAN_SUMMARY && !d->kind_given) {
		if (d->shape == PLAN_FIVE_YEAR)
			d->kind = fyp || plan_has(t, strlen(t), "规划") || plan_has(t, strlen(t), "規劃") || !*t
				  ? PLAN_FIVE_YEAR : PLAN_TASK_DIVISION;
		else if (d->shape == PLAN_ANNUAL)
			d->kind = !*t || plan_title_annual(t) ? PLAN_ANNUAL : PLAN_TASK_DIVISION;
		else
			d->kind = PLAN_TASK_DIVISION;
	}
	year = plan_title_year(t);
	if (!year && d->docno)
		year = plan_title_year(d->docno);
	if (!year && d->date)
		year = atoi(d->date);
	free(d->key);
	if (d->kind == PLAN_FIVE_YEAR && fyp) {
		d->year = fyp >= 3 ? 1981 + 5 * (fyp - 6) : 1953 + 5 * (fyp - 1);
		sb_addf(&sb, "FYP%d", fyp);
	} else {
		d->year = year;
		if (year)
			sb_addf(&sb, "%d", year);
		if (year && d->kind == PLAN_TASK_DIVISION) {
			/* 2018d128: the year, then the 文号's number */
			const char *p = d->docno ? d->docno + strlen(d->docno) : NULL;
			sb_addc(&sb, 'd');
			if (p) {
				const char *q;
				while (p > d->docno && !plan_is_digit((unsigned char)p[-1]))
					p--;
				q = p;
				while (q > d->docno && plan_is_digit((unsigned char)q[-1]))
					q--;
				if (p - q >= 1 && p - q <= 5 && q > d->docno && !plan_is_digit((unsigned char)q[-1]))
					sb_add(&sb, q, (size_t)(p - q));
			}
		}
	}
	d->key = sb_detach(&sb);
	plan_doc_unwarn(d, NO_YEAR);
	if (!d->year && d->kind != PLAN_SUMMARY)
		plan_doc_warn(d, 0, "%s", NO_YEAR);
}

int plan_parse(const char *buf, size_t len, const char *name, enum plan_encoding enc,
	       struct plan_doc *doc, struct err *e)
{
	struct pctx c;
	struct plan_doc *d = doc;
	const char *text = NULL;   /* the UTF-8 text: BUF, or OWNED */
	char *owned = NULL;
	size_t tlen = 0, body, nwarn_before, skip = 0;
	const char *nul;
	int rc;

	memset(doc, 0, sizeof *doc);
	if (!name)
		name = "(input)";
	if (len > PLAN_MAX_BYTES)
		return err_set(e, ERR_INPUT,
			       "cannot import '%s': its text is %.1f MB, over the %u MB limit for a plan; import only the plan's text",
			       name, len / 1048576.0, PLAN_MAX_BYTES >> 20);
	if (!buf || !len)
		return err_set(e, ERR_INPUT, "cannot import '%s': the file is empty; choose the file with the plan's text",
			       name);
	nul = memchr(buf, '\0', len);
	if (nul)
		return err_set(e, ERR_INPUT,
			       "cannot import '%s' line %d: it contains NUL bytes and looks binary; import the plan as a plain text file (UTF-8 or GB18030)",
			       name, plan_line_of(buf, (size_t)(nul - buf)));
	memset(&c, 0, sizeof c);
	c.name = name;
	c.doc = doc;
	c.e = e;
	c.chapter = -1;
	c.section = -1;
	rc = plan_decode(&c, buf, len, enc, &text, &tlen, &owned);
	if (rc)
		goto fail;
	if (tlen >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		skip = 3;
	rc = plan_check_text(&c);
	if (rc)
		goto fail;
	if (!c.scan.nfc) {
		size_t nl = 0;
		uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)text + skip, tlen - skip, NULL, &nl);
		if (!r)
			util_die("out of memory normalising '%s'", name);
		free(owned);
		owned = (char *)r;
		text = owned;
		tlen = nl;
		skip = 0;
	}
	sb_add(&c.arena, "", 0);
	plan_split_lines(&c, text + skip, tlen - skip);
	free(owned);
	owned = NULL;
	text = NULL;
	if (d->pinyin_removed)
		plan_warn(&c, c.pinyin_line,
			  "removed %d pinyin readings left by a converter, like '%s'",
			  d->pinyin_removed, sb_str(&c.pinyin_eg));
	if (d->invisible_removed)
		plan_warn(&c, c.invis_last,
			  "removed %d invisible characters (%s) on line%s %s%s: they make names that look alike "
			  "but do not match; departments are stored without them",
			  d->invisible_removed, sb_str(&c.invis_eg), c.invis_lines_n > 1 ? "s" : "",
			  sb_str(&c.invis_lines), c.invis_lines_n > 8 ? " …" : "");

	body = plan_find_body(&c);
	if (body == c.nlines) {
		rc = err_set(e, ERR_INPUT,
			     "cannot import '%s': no plan structure found: expected chapter headings like '一、' and tasks like '1.'",
			     name);
		goto fail;
	}
	plan_running_heads(&c, body);
	d->title = plan_find_title(&c, body);
	plan_find_meta(&c, body);
	nwarn_before = d->nwarnings;
	plan_choose_mode(&c, body);
	if (c.mode == MODE_ANNUAL) {
		d->kind = d->shape = PLAN_ANNUAL;
		rc = plan_body_annual(&c, body);
		if (rc)
			goto fail;
	} else if (c.mode == MODE_ITEMS) {
		d->kind = d->shape = PLAN_TASK_DIVISION;
		plan_body_items(&c, body);
	} else {
		d->kind = d->shape = PLAN_FIVE_YEAR;
		plan_body_paragraphs(&c, body);
	}
	plan_untrack(&c);
	plan_relabel(&c);
	if (!d->ntasks) {
		size_t w;
		if (d->nchapters < 2 && !d->nuntracked) {
			rc = err_set(e, ERR_INPUT,
				     "cannot import '%s': no plan structure found: expected chapter headings like '一、' and tasks like '1.'",
				     name);
			goto fail;
		}
		for (w = nwarn_before; w < d->nwarnings; w++)
			free(d->warnings[w].msg);
		d->nwarnings = nwarn_before;
		d->kind = PLAN_SUMMARY;
		plan_warn(&c, 0,
			  "this is a summary with no numbered tasks and no department lists: %zu chapters, no tasks; import the plan's full text to track its tasks",
			  d->nchapters);
	}

	if (!d->title) {
		d->title = xstrdup("");
		plan_warn(&c, 0, "no plan title found before the first chapter; name the plan yourself");
	}
	plan_ctx_free(&c);
	plan_doc_finish(d);
	return 0;

fail:
	free(owned);
	plan_ctx_free(&c);

	plan_doc_release(doc);
	return rc;
}

void plan_doc_release(struct plan_doc *doc)
{
	size_t i, j;

	if (!doc)
		return;
	for (i = 0; i < doc->nchapters; i++)
		free(doc->chapters[i].title);
	for (i = 0; i < doc->nsections; i++)
		free(doc->sections[i].title);
	for (i = 0; i < doc->ntasks; i++)
		plan_task_free(&doc->tasks[i]);
	(void)j;
	for (i = 0; i < doc->nwarnings; i++)
		free(doc->warnings[i].msg);
	(void)i;
	for (i = 0; i < doc->nuntracked; i++) {
		free(doc->untracked[i].label);
		free(doc->untracked[i].text);
	}
	free(doc->untracked);
	free(doc->docno);
	free(doc->date);
	free(doc->chapters);
	free(doc->sections);
	free(doc->tasks);
	free(doc->warnings);
	free(doc->title);
	free(doc->key);
	memset(doc, 0, sizeof *doc);
}
