/* Text measuring and matching: libunistring for widths, UAX #14 line breaking
 * and normalisation; OpenCC t2s for traditional -> simplified match keys. */
#include <opencc/opencc.h>
#include <unictype.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>
#include <wchar.h>

#include "src/text.h"
#include "src/banned.h"

static opencc_t t2s = (opencc_t)-1;
static int t2s_tried;

static opencc_t text_t2s(void)
{
	if (!t2s_tried) {
		t2s_tried = 1;
		t2s = opencc_open("t2s.json");
	}
	return t2s;
}

void text_cleanup(void)
{
	if (t2s_tried && t2s != (opencc_t)-1)
		opencc_close(t2s);
	t2s = (opencc_t)-1;
	t2s_tried = 0;
}

/* Decode the character at P (N > 0 bytes) exactly as u8_mbtouc does (an
 * invalid sequence gives U+FFFD), with ASCII and well-formed 2- and 3-byte
 * sequences (all of CJK) decoded inline: match keys decode every character of
 * every task, and u8_mbtouc is an out-of-line call for anything not ASCII. */
static inline int text_cp(ucs4_t *uc, const uint8_t *p, size_t n)
{
	ucs4_t u;

	if (p[0] < 0x80) {
		*uc = p[0];
		return 1;
	}
	/* lead bytes E1..EC (U+1000..U+CFFF, all of CJK) start neither an
	 * overlong form nor a surrogate: two continuation bytes make it */
	if (p[0] >= 0xE1 && p[0] <= 0xEC && n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*uc = (ucs4_t)(p[0] & 0x0F) << 12 | (ucs4_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		return 3;
	}
	if ((p[0] & 0xF0) == 0xE0 && n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		u = (ucs4_t)(p[0] & 0x0F) << 12 | (ucs4_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		if (u >= 0x800 && (u < 0xD800 || u > 0xDFFF)) {        /* not overlong, not a surrogate */
			*uc = u;
			return 3;
		}
	} else if ((p[0] & 0xE0) == 0xC0 && n >= 2 && (p[1] & 0xC0) == 0x80) {
		u = (ucs4_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		if (u >= 0x80) {                                        /* not overlong */
			*uc = u;
			return 2;
		}
	}
	return u8_mbtouc(uc, p, n);
}

int text_valid_utf8(const char *s, size_t n)
{
	return u8_check((const uint8_t *)s, n) == NULL;
}

/* Width of the escaped form of control character UC, 0 if UC is not one:
 * C0 and DEL (^X); C1, the format characters (Unicode category Cf: the
 * bidi controls U+202A-U+202E, U+2066-U+2069, U+061C, U+200E, U+200F, the
 * zero-width characters, the BOM, the tag characters...) and the line and
 * paragraph separators U+2028, U+2029 (\uXXXX). */
static int ctrl_width(ucs4_t uc)
{
	if (uc < 0x20 || uc == 0x7f)
		return 2;                       /* ^X */
	if (uc < 0xa0)
		return uc >= 0x80 ? 6 : 0;      /* \u0085 */
	if (uc == 0x2028 || uc == 0x2029 || uc_is_general_category(uc, UC_CATEGORY_Cf))
		return uc <= 0xffff ? 6 : uc <= 0xfffff ? 7 : 8;   /* \u200b, \ue0041 */
	return 0;
}

/* Per code point below 0x10000, once found: bits 0-2 the width plus one
 * (0: not known yet), bit 3 whether bit 4 is known, bit 4 text_fit_wide's
 * PLAIN. Every character drawn is measured, most of them again and again. */
static unsigned char cp_known[0x10000];

/* The columns of UC as text_width counts them: the escaped form's for a
 * control character, 1 where libunistring knows no width. */
static int cp_width(ucs4_t uc)
{
	int cw;
	if (uc < 0x10000 && (cp_known[uc] & 7))
		return (cp_known[uc] & 7) - 1;
	cw = ctrl_width(uc);
	if (!cw) {
		cw = uc_width(uc, "UTF-8");
		if (cw < 0)
			cw = 1;
	}
	if (uc < 0x10000)
		cp_known[uc] = (unsigned char)(cp_known[uc] | (cw + 1));
	return cw;
}

#ifdef __STDC_ISO_10646__
/* Whether curses (wcwidth) gives UC the same width CW, at least one column. */
static int cp_plain(ucs4_t uc, int cw)
{
	int pl;
	if (uc < 0x10000 && (cp_known[uc] & 8))
		return (cp_known[uc] >> 4) & 1;
	pl = !ctrl_width(uc) && cw >= 1 && uc_width(uc, "UTF-8") == cw && wcwidth((wchar_t)uc) == cw;
	if (uc < 0x10000)
		cp_known[uc] = (unsigned char)(cp_known[uc] | 8 | (pl << 4));
	return pl;
}
#endif

int text_width_n(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	int w = 0;
	while (p < end) {
		ucs4_t uc;
		int len;
		if (*p >= 0x20 && *p < 0x7f) {      /* printable ASCII */
			w++;
			p++;
			continue;
		}
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		w += cp_width(uc);
		p += len > 0 ? len : 1;
	}
	return w;
}

int text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

static char *normalize(const char *s, uninorm_t form)
{
	size_t n = 0;
	uint8_t *r = u8_normalize(form, (const uint8_t *)s, strlen(s), NULL, &n);
	char *out;
	if (!r)
		return xstrdup(s);      /* invalid input: keep it as it is */
	out = xstrndup((const char *)r, n);
	free(r);
	return out;
}

char *text_nfc(const char *s)
{
	return normalize(s, UNINORM_NFC);
}

char *text_nfkc(const char *s)
{
	return normalize(s, UNINORM_NFKC);
}

/* Whether t2s changes each code point below T2S_LIMIT, found once per code
 * point by converting it alone and kept in 2 bits: 0 not known yet, 1 left as
 * it is, 2 changed. Text that is already simplified (nearly every plan) then
 * never goes through OpenCC, which is most of an import's time. */
#define T2S_LIMIT 0x30000
static unsigned char t2s_known[T2S_LIMIT / 4];

/* Convert UC (its LEN bytes at P) alone, note whether t2s changed it, and
 * return that note. */
static unsigned t2s_learn(opencc_t cc, ucs4_t uc, const uint8_t *p, int len)
{
	char one[8], *r;
	unsigned v;
	memcpy(one, p, (size_t)len);
	one[len] = '\0';
	r = opencc_convert_utf8(cc, one, (size_t)len);
	v = r && strcmp(r, one) ? 2 : 1;
	if (r)
		opencc_convert_utf8_free(r);
	t2s_known[uc / 4] = (unsigned char)(t2s_known[uc / 4] | (v << (uc % 4) * 2));
	return v;
}

static inline int t2s_changes(opencc_t cc, ucs4_t uc, const uint8_t *p, int len)
{
	unsigned v;
	if (uc < 0x2e80)               /* before the CJK blocks: t2s leaves it */
		return 0;
	if (uc >= T2S_LIMIT)
		return 1;
	v = (t2s_known[uc / 4] >> (uc % 4) * 2) & 3;
	if (!v)
		v = t2s_learn(cc, uc, p, len);
	return v == 2;
}

char *text_simplified(const char *s)
{
	opencc_t cc = text_t2s();
	const uint8_t *p = (const uint8_t *)s, *end;
	char *r, *out;
	int any = 0;
	if (cc == (opencc_t)-1 || !*s)
		return xstrdup(s);
	for (end = p + strlen(s); p < end && !any;) {
		ucs4_t uc;
		int len = text_cp(&uc, p, (size_t)(end - p));
		if (len < 1)
			len = 1;
		any = t2s_changes(cc, uc, p, len);
		p += len;
	}
	if (!any)
		return xstrdup(s);
	if (!text_valid_utf8(s, strlen(s))) {
		/* OpenCC reads a cut-off sequence past the end of the string: give
		 * it U+FFFD for every invalid byte instead */
		struct strbuf clean = STRBUF_INIT;
		for (p = (const uint8_t *)s; p < end;) {
			ucs4_t uc;
			int len = u8_mbtoucr(&uc, p, (size_t)(end - p));
			if (len < 1) {
				sb_adds(&clean, "\xef\xbf\xbd");
				len = 1;
			} else {
				sb_add(&clean, (const char *)p, (size_t)len);
			}
			p += len;
		}
		out = text_simplified(sb_str(&clean));
		sb_release(&clean);
		return out;
	}
	r = opencc_convert_utf8(cc, s, strlen(s));
	if (!r)
		return xstrdup(s);
	out = xstrdup(r);
	opencc_convert_utf8_free(r);
	return out;
}

/* 1 when NFKC leaves UC alone and no sequence it is part of changes: ASCII,
 * CJK ideographs, and the common CJK and general punctuation. */
static inline int nfkc_keeps(ucs4_t uc)
{
	return uc < 0x80 || (uc >= 0x4e00 && uc <= 0x9fff) || (uc >= 0x3400 && uc <= 0x4dbf) ||
	       (uc >= 0x3001 && uc <= 0x3035) || uc == 0x2014 || uc == 0x2018 || uc == 0x2019 ||
	       uc == 0x201c || uc == 0x201d || uc == 0x2022 || uc == 0x00b7;
}

/* NFKC of S when every character is one whose NFKC form is known without
 * libunistring: those nfkc_keeps, and full-width ASCII (which NFKC maps to
 * ASCII). NULL when some other character needs the real thing. */
static char *nfkc_fast(const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	char *out = xmalloc((size_t)(end - p) + 1), *o = out;
	while (p < end) {
		ucs4_t uc;
		int len = text_cp(&uc, p, (size_t)(end - p));
		if (len < 1 || uc == 0xfffd)
			goto slow;
		if (uc >= 0xff01 && uc <= 0xff5e) {
			*o++ = (char)(uc - 0xfee0);
		} else if (nfkc_keeps(uc)) {
			memcpy(o, p, (size_t)len);
			o += len;
		} else {
			goto slow;
		}
		p += len;
	}
	*o = '\0';
	return out;
slow:
	free(out);
	return NULL;
}

/* The match key of S in a single pass, for the usual case where it is
 * simply nfkc_fast's result with white space dropped and ASCII lowercased:
 * every character one nfkc_fast knows and none that t2s changes. NULL when
 * S needs the whole way (text_match_key). */
static char *match_key_fast(const char *s)
{
	opencc_t cc = text_t2s();
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s), *run = p;
	char *out = xmalloc((size_t)(end - p) + 1), *o = out;

	/* S[run, p) is kept as it is and not yet copied */
	while (p < end) {
		ucs4_t uc;
		int len = text_cp(&uc, p, (size_t)(end - p));
		if (uc >= 0x4e00 && uc <= 0x9fff) {
			/* a CJK ideograph, most of a key: NFKC keeps it */
			if (cc != (opencc_t)-1 && t2s_changes(cc, uc, p, len)) {
				free(out);
				return NULL;
			}
			p += len;
			continue;
		}
		if (uc >= 0x80 && !(uc >= 0xff01 && uc <= 0xff5e)) {
			/* nfkc_keeps is false for U+FFFD, so for invalid bytes too */
			if (!nfkc_keeps(uc) || (cc != (opencc_t)-1 && t2s_changes(cc, uc, p, len))) {
				free(out);
				return NULL;
			}
			p += len;
			continue;
		}
		if (uc >= 0xff01)
			uc -= 0xfee0;   /* full-width ASCII: NFKC makes it ASCII */
		else if (uc != ' ' && uc != '\t' && uc != '\n' && uc != '\r' && !(uc >= 'A' && uc <= 'Z')) {
			p += len;       /* ASCII kept as it is */
			continue;
		}
		memcpy(o, run, (size_t)(p - run));
		o += p - run;
		if (uc != ' ' && uc != '\t' && uc != '\n' && uc != '\r')
			*o++ = (char)(uc >= 'A' && uc <= 'Z' ? uc + 32 : uc);
		p += len;
		run = p;
	}
	memcpy(o, run, (size_t)(p - run));
	o += p - run;
	*o = '\0';
	return out;
}

char *text_nfkc_fast(const char *s)
{
	return nfkc_fast(s);
}

char *text_match_key_fast(const char *s)
{
	return match_key_fast(s);
}

char *text_match_key(const char *s)
{
	char *k = match_key_fast(s);
	char *simp, *o;
	if (k)
		return k;
	k = nfkc_fast(s);
	if (!k)
		k = text_nfkc(s);
	simp = text_simplified(k);
	free(k);
	/* drop white space and the default-ignorable characters (ZWJ, soft
	 * hyphen, variation selectors, bidi marks, tags …: they make names that
	 * look alike and do not match), lowercase ASCII, in place */
	o = simp;
	for (const char *p = simp; *p;) {
		unsigned char c = (unsigned char)*p;
		ucs4_t uc;
		int len;
		if (c < 0x80) {
			p++;
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
				continue;
			*o++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		len = u8_mbtoucr(&uc, (const uint8_t *)p, strlen(p));
		if (len < 1) {
			*o++ = *p++;
			continue;
		}
		if (!uc_is_property_default_ignorable_code_point(uc))
			memmove(o, p, (size_t)len), o += len;
		p += len;
	}
	*o = '\0';
	return simp;
}

void text_escape_n(struct strbuf *sb, const char *s, size_t n, int keep)
{
	const uint8_t *p = (const uint8_t *)s;
	const uint8_t *end = p + n;
	while (p < end) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (len < 1)
			len = 1;
		if ((uc == '\n' && (keep & TEXT_KEEP_NL)) || (uc == '\t' && (keep & TEXT_KEEP_TAB))) {
			sb_addc(sb, (char)uc);
		} else if (uc == '\n' || uc == '\t' || uc == '\r') {
			sb_addc(sb, ' ');
		} else if (uc == 0xfffd && !(len == 3 && p[0] == 0xef)) {
			sb_adds(sb, "?");       /* an invalid byte */
		} else if (uc < 0x20 || uc == 0x7f) {
			sb_addc(sb, '^');
			sb_addc(sb, (char)(uc == 0x7f ? '?' : uc + 0x40));
		} else if (uc >= 0x80 && ctrl_width(uc)) {
			sb_addf(sb, "\\u%04x", (unsigned)uc);
		} else {
			sb_add(sb, (const char *)p, (size_t)len);
		}
		p += len;
	}
}

void text_escape(struct strbuf *sb, const char *s, int keep_nl)
{
	text_escape_n(sb, s, strlen(s), keep_nl ? TEXT_KEEP_NL : 0);
}

size_t text_fit(const char *s, int width)
{
	const uint8_t *p = (const uint8_t *)s, *start = p;
	size_t n = strlen(s);
	const uint8_t *end = p + n;
	int w = 0;
	while (p < end) {
		ucs4_t uc;
		int len = 1, cw = 1;
		if (*p < 0x20 || *p >= 0x7f) {
			len = u8_mbtouc(&uc, p, (size_t)(end - p));
			cw = cp_width(uc);
		}
		if (w + cw > width)
			break;
		w += cw;
		p += len > 0 ? len : 1;
	}
	return (size_t)(p - start);
}

size_t text_fit_wide(const char *s, int width, wchar_t *out, unsigned char *widths, int *cols,
		     int *plain)
{
#ifdef __STDC_ISO_10646__
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	size_t n = 0;
	int w = 0;
	*plain = 1;
	while (p < end) {
		ucs4_t uc;
		int len = 1, cw = 1;
		if (*p >= 0x20 && *p < 0x7f) {      /* printable ASCII: 1 column both ways */
			uc = *p;
		} else {
			len = u8_mbtouc(&uc, p, (size_t)(end - p));
			if (len < 1 || (uc == 0xfffd && !(len == 3 && p[0] == 0xef)))
				return (size_t)-1;
			cw = cp_width(uc);
			if (!cp_plain(uc, cw))
				*plain = 0;
		}
		if (w + cw > width)
			break;
		w += cw;
		if (widths)
			widths[n] = (unsigned char)cw;
		out[n++] = (wchar_t)uc;
		p += len;
	}
	*cols = w;
	return n;
#else
	(void)s;
	(void)width;
	(void)out;
	(void)widths;
	*cols = 0;
	*plain = 0;
	return (size_t)-1;
#endif
}

void text_pad(struct strbuf *sb, const char *s, int width, char align)
{
	int w = text_width(s);
	if (w > width) {
		size_t cut = width > 0 ? text_fit(s, width - 1) : 0;
		sb_add(sb, s, cut);
		w = text_width_n(s, cut);
		if (width > 0) {
			sb_addc(sb, '~');
			w++;
		}
		while (w++ < width)
			sb_addc(sb, ' ');
		return;
	}
	if (align == 'r')
		for (int i = w; i < width; i++)
			sb_addc(sb, ' ');
	sb_adds(sb, s);
	if (align != 'r')
		for (int i = w; i < width; i++)
			sb_addc(sb, ' ');
}

/* Wrap one paragraph (no '\n') into LINES. */
static void wrap_para(const char *s, size_t n, int width, char ***lines, size_t *count, size_t *cap)
{
	char *brk;
	size_t i, start = 0;
	if (n == 0) {
		xgrow(lines, cap, *count + 1, sizeof **lines);
		(*lines)[(*count)++] = xstrdup("");
		return;
	}
	brk = xmalloc(n);
	u8_width_linebreaks((const uint8_t *)s, n, width, 0, 0, NULL, "UTF-8", brk);
	for (i = 1; i <= n; i++) {
		if (i == n || brk[i] == UC_BREAK_POSSIBLE || brk[i] == UC_BREAK_MANDATORY) {
			size_t e = i;
			/* A piece wider than WIDTH (no break opportunity): cut it hard. */
			while (text_width_n(s + start, e - start) > width && width > 0) {
				size_t fit = text_fit(s + start, width);
				if (fit == 0)
					fit = 1;
				if (fit >= e - start)
					break;
				xgrow(lines, cap, *count + 1, sizeof **lines);
				(*lines)[(*count)++] = xstrndup(s + start, fit);
				start += fit;
			}
			if (i == n) {
				size_t end = n;
				while (end > start && s[end - 1] == ' ')
					end--;
				xgrow(lines, cap, *count + 1, sizeof **lines);
				(*lines)[(*count)++] = xstrndup(s + start, end - start);
			} else {
				size_t end = i;
				while (end > start && s[end - 1] == ' ')
					end--;
				xgrow(lines, cap, *count + 1, sizeof **lines);
				(*lines)[(*count)++] = xstrndup(s + start, end - start);
				start = i;
			}
		}
	}
	free(brk);
}

size_t text_wrap(const char *s, int width, char ***lines)
{
	size_t count = 0, cap = 0;
	*lines = NULL;
	if (width < 2)
		width = 2;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		wrap_para(s, n, width, lines, &count, &cap);
		if (!nl)
			break;
		s = nl + 1;
	}
	return count;
}

void text_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int text_distance(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	uint32_t *ua = u8_to_u32((const uint8_t *)a, strlen(a), NULL, &na);
	uint32_t *ub = u8_to_u32((const uint8_t *)b, strlen(b), NULL, &nb);
	int *row, d;
	if (!ua || !ub) {
		free(ua);
		free(ub);
		return 1 << 20;
	}
	row = xmalloc((nb + 1) * sizeof *row);
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int cur = row[j];
			int best = prev + (ua[i - 1] != ub[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	d = row[nb];
	free(row);
	free(ua);
	free(ub);
	return d;
}

int text_common_run(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	uint32_t *ua = u8_to_u32((const uint8_t *)a, strlen(a), NULL, &na);
	uint32_t *ub = u8_to_u32((const uint8_t *)b, strlen(b), NULL, &nb);
	int *prev, *cur, best = 0;
	if (!ua || !ub) {
		free(ua);
		free(ub);
		return 0;
	}
	prev = xcalloc(nb + 1, sizeof *prev);
	cur = xcalloc(nb + 1, sizeof *cur);
	for (size_t i = 1; i <= na; i++) {
		for (size_t j = 1; j <= nb; j++) {
			cur[j] = ua[i - 1] == ub[j - 1] ? prev[j - 1] + 1 : 0;
			if (cur[j] > best)
				best = cur[j];
		}
		int *t = prev;
		prev = cur;
		cur = t;
	}
	free(prev);
	free(cur);
	free(ua);
	free(ub);
	return best;
}
