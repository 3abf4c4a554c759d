/* The fast-path oracle: every shortcut the parser and the match keys take
 * around libunistring and OpenCC must give what the libraries give, byte for
 * byte. Inputs: the seed documents (data/plans, byte for byte the ones in
 * ../shared/seeds), every file of the fuzz corpora, their lines, and
 * deterministic mutants of the seeds that put in the characters the fast
 * paths must turn down (compatibility forms, combining marks, traditional
 * characters, full-width ASCII, invalid bytes). Checked:
 *   text_nfkc_fast      = u8_normalize(NFKC)
 *   text_match_key_fast = NFKC, then OpenCC t2s, white space dropped, ASCII
 *                         lowercased, each by its library (and text_match_key,
 *                         whichever way it goes, equals that too)
 *   text_simplified     = OpenCC t2s of the whole string (its per-character
 *                         "nothing changes" shortcut)
 *   plan_parse          = plan_parse of the NFC text (its skip of NFC when
 *                         every character is one NFC keeps), and it refuses
 *                         invalid UTF-8 exactly when u8_check does, at
 *                         u8_check's offset (its inline decoder)
 * The counts of inputs and of each way taken are printed, and must reach
 * the 6,608 inputs the paths were first checked on. */
#include <dirent.h>
#include <opencc/opencc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistr.h>
#include <unictype.h>
#include <uninorm.h>

#include "src/plan_parse.h"
#include "src/text.h"
#include "tests/unit/test.h"

struct blob {
	char *s;      /* NUL-terminated after N bytes */
	size_t n;
	int seed;     /* a seed document */
};

static struct blob *docs;
static size_t ndocs, capdocs;
static opencc_t cc = (opencc_t)-1;
static int shown;     /* mismatches printed so far */

static void add_doc(char *s, size_t n, int seed)
{
	xgrow(&docs, &capdocs, ndocs + 1, sizeof *docs);
	docs[ndocs].s = s;
	docs[ndocs].n = n;
	docs[ndocs].seed = seed;
	ndocs++;
}

static void load_dir(const char *dir, const char *suffix, int seed)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		struct strbuf p = STRBUF_INIT;
		struct err e = { 0, "" };
		struct stat st;
		char *buf;
		size_t len, nl = strlen(de->d_name);
		if (de->d_name[0] == '.' || (suffix && (nl < strlen(suffix) || strcmp(de->d_name + nl - strlen(suffix), suffix)))) 
			continue;
		sb_addf(&p, "%s/%s", dir, de->d_name);
		if (stat(sb_str(&p), &st) == 0 && S_ISREG(st.st_mode) &&
		    util_read_file(sb_str(&p), 64u << 20, &buf, &len, &e) == 0)
			add_doc(buf, len, seed);
		sb_release(&p);
	}
	closedir(d);
}

/* ---- deterministic mutants ------------------------------------------------ */

static uint32_t rng = 1;

static uint32_t rnd(uint32_t n)
{
	rng = rng * 1664525u + 1013904223u;
	return (rng >> 8) % n;
}

/* Characters the fast paths must get right or turn down: ASCII (upper case,
 * white space), full-width forms, NFKC compatibility forms, combining marks,
 * characters at the edges of the kept ranges, traditional characters and
 * OpenCC phrases, the replacement character, 4-byte characters. */
static const uint32_t palette[] = {
	'A', 'Z', 'a', 'q', '0', '9', ' ', '\t', '\r', '.', '(', ')', '-', '/', 0x7f, 0x01,
	0xFF21, 0xFF41, 0xFF10, 0xFF08, 0xFF09, 0xFF0C, 0xFF5E, 0xFF5F, 0xFF61, 0xFF76, 0xFF9E, 0xFFE5,
	0x3000, 0x3001, 0x3002, 0x3035, 0x3036, 0x3099, 0x302A, 0x30FB, 0x3220, 0x3231, 0x32A4,
	0x00A0, 0x00B7, 0x00C5, 0x00E9, 0x0301, 0x0300, 0x0316, 0x02FF, 0x0344, 0x0958,
	0x2014, 0x2015, 0x2018, 0x201C, 0x2022, 0x2026, 0x2002, 0x200B, 0x2126, 0x212B, 0x2160, 0x2460,
	0x2F00, 0x2E80, 0xF900, 0xFA10, 0xFB01, 0xFE10, 0xFE30, 0xFEFF, 0xFFFD,
	0x1100, 0x1161, 0xAC00, 0x304B,
	0x570B, 0x6B0A, 0x7522, 0x6703, 0x767C, 0x8207, 0x70BA, 0x9032, 0x95DC, 0x9580, 0x52D9,
	0x5C08, 0x689D, 0x898F, 0x7E54, 0x6642, 0x8B77, 0x83EF, 0x5340, 0x76E3, 0x8FA6, 0x8B49,
	0x4E7E, 0x5F8C, 0x88E1, 0x8457, 0x65BC, 0x9EB5, 0x9AEE, 0x9B06, 0x4E00, 0x9FFF, 0x3400, 0x4DBF,
	0x20000, 0x2A6D6, 0x1F600, 0x10FFFF - 2,
};

/* S (valid UTF-8) with OPS random edits of its characters. */
static char *mutate(const char *s, int ops)
{
	size_t n = 0, cap = 0;
	uint32_t *u = u8_to_u32((const uint8_t *)s, strlen(s), NULL, &n);
	uint8_t *r;
	size_t rn = 0;
	char *out;
	cap = n + (size_t)ops * 2 + 1;
	u = xrealloc(u, cap * sizeof *u);
	for (int i = 0; i < ops; i++) {
		size_t at = n ? rnd((uint32_t)n) : 0;
		uint32_t c = palette[rnd(sizeof palette / sizeof palette[0])];
		switch (rnd(6)) {
		case 0: /* insert */
		case 1:
			memmove(u + at + 1, u + at, (n - at) * sizeof *u);
			u[at] = c;
			n++;
			break;
		case 2: /* replace */
			if (n)
				u[at] = c;
			break;
		case 3: /* delete */
			if (n) {
				memmove(u + at, u + at + 1, (n - at - 1) * sizeof *u);
				n--;
			}
			break;
		case 4: /* ASCII to upper case or to full width */
			if (n && u[at] >= 'a' && u[at] <= 'z')
				u[at] -= 32;
			else if (n && u[at] > ' ' && u[at] < 0x7f)
				u[at] += 0xFEE0;
			break;
		default: /* a decomposed accent after this character */
			memmove(u + at + 1, u + at, (n - at) * sizeof *u);
			u[at] = 0x0301;
			n++;
		}
	}
	r = u32_to_u8(u, n, NULL, &rn);
	out = xstrndup((const char *)r, rn);
	free(r);
	free(u);
	return out;
}

/* S with one or two sequences that NFC changes put in at character
 * boundaries, each next to the edges of what plan_parse takes as NFC
 * already (U+0300, U+3029/U+302A, U+3098/U+3099), and a few more edits of
 * characters it keeps. */
static char *nfc_mutant(const char *s)
{
	static const char *const changers[] = {
		"e\xCC\x81",                 /* e + U+0301: é */
		"A\xCC\x80",                 /* A + U+0300: À */
		"o\xCC\x88\xCC\x81",         /* two marks on one letter */
		"a\xCC\x96\xCC\x80",         /* marks in the wrong order: reordered */
		"\xE2\x84\xAB",              /* U+212B ANGSTROM SIGN: U+00C5 */
		"\xE2\x84\xA6",              /* U+2126 OHM SIGN: U+03A9 */
		"\xEF\xA4\x80",              /* U+F900: U+8C48 */
		"\xEF\xA8\x8C",              /* U+FA0C: U+5140 */
		"\xE0\xA5\x98",              /* U+0958: decomposed */
		"\xE1\x84\x80\xE1\x85\xA1",  /* Hangul jamo: U+AC00 */
		"\xE3\x81\x8B\xE3\x82\x99",  /* か + U+3099: が */
		"\xE4\xB8\x80\xE3\x80\xAB\xE3\x80\xAA", /* 一 + U+302B U+302A: reordered */
		"\xCD\x84",                  /* U+0344: U+0308 U+0301 */
		"\xCD\xB4",                  /* U+0374: U+02B9 */
	};
	static const char *const kept[] = {
		"a", "Z", "1", " ", "\xC3\xA9", "\xE3\x80\x81", "\xE3\x80\xA9", "\xE3\x82\x98",
		"\xEF\xBC\x88", "\xE2\x80\x94", "\xE5\x9C\x8B", "\xE6\xAC\x8A",
	};
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(s);
	int edits = 1 + (int)rnd(2), extra = (int)rnd(6);
	sb_adds(&sb, s);
	for (int i = 0; i < edits + extra; i++) {
		const char *in = i < edits ? changers[rnd(sizeof changers / sizeof changers[0])]
					   : kept[rnd(sizeof kept / sizeof kept[0])];
		size_t at = rnd((uint32_t)(n + 1));
		char *rest;
		while (at > 0 && at < sb.len && ((unsigned char)sb.buf[at] & 0xC0) == 0x80)
			at--;
		rest = xstrdup(sb.buf + at);
		sb.len = at;
		sb.buf[at] = '\0';
		sb_adds(&sb, in);
		sb_adds(&sb, rest);
		free(rest);
		n = sb.len;
	}
	return sb_detach(&sb);
}

/* BUF with invalid UTF-8 sequences put in at random places. */
static char *break_bytes(const char *buf, size_t n, size_t *outn)
{
	static const char *const bad[] = {
		"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
		"\xF8\x88\x80\x80\x80", "\xFF", "\xE4\xB8", "\xF0\x9F\x98", "\xC3",
	};
	struct strbuf sb = STRBUF_INIT;
	size_t at = n ? rnd((uint32_t)n) : 0;
	const char *b = bad[rnd(sizeof bad / sizeof bad[0])];
	sb_add(&sb, buf, at);
	sb_adds(&sb, b);
	if (rnd(3))
		sb_add(&sb, buf + at, n - at);   /* else: cut off there */
	*outn = sb.len;
	return sb_detach(&sb);
}

/* BUF as valid UTF-8 without NUL: each invalid byte and NUL becomes U+FFFD. */
static char *valid_copy(const char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const uint8_t *p = (const uint8_t *)buf, *end = p + n;
	while (p < end) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (k < 1 || uc == 0) {
			sb_adds(&sb, "\xEF\xBF\xBD");
			p += k == -2 ? (size_t)(end - p) : 1;
		} else {
			sb_add(&sb, (const char *)p, (size_t)k);
			p += k;
		}
	}
	return sb_detach(&sb);
}

/* ---- the library paths ---------------------------------------------------- */

static char *lib_nfkc(const char *s)
{
	size_t n = 0;
	uint8_t *r = u8_normalize(UNINORM_NFKC, (const uint8_t *)s, strlen(s), NULL, &n);
	char *out = r ? xstrndup((const char *)r, n) : NULL;
	free(r);
	return out;
}

static char *lib_t2s(const char *s)
{
	char *r = opencc_convert_utf8(cc, s, strlen(s));
	char *out = r ? xstrdup(r) : NULL;
	if (r)
		opencc_convert_utf8_free(r);
	return out;
}

static char *lib_key(const char *s)
{
	char *k = lib_nfkc(s), *t, *o;
	if (!k)
		return NULL;
	t = lib_t2s(k);
	free(k);
	if (!t)
		return NULL;
	/* white space and the default-ignorable code points dropped (a key is
	 * what a name looks like), ASCII lowercased */
	o = t;
	for (const char *p = t; *p;) {
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
		if (!uc_is_property_default_ignorable_code_point(uc)) {
			memmove(o, p, (size_t)len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return t;
}

/* Print S escaped, cut to about 150 columns at a character's end. */
static void show(const char *label, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	text_escape(&sb, s ? s : "(null)", 0);
	printf("    %s'%.*s'\n", label, (int)text_fit(sb_str(&sb), 150), sb_str(&sb));
	sb_release(&sb);
}

/* Report a mismatch (the first few in full); returns 1. */
static int differ(const char *what, const char *in, const char *got, const char *want)
{
	if (shown++ < 6) {
		printf("  %s differs\n", what);
		show("on:      ", in);
		show("fast:    ", got);
		show("library: ", want);
	}
	return 1;
}

/* The first line where A and B differ, from A (newly allocated). */
static char *first_diff(const char *a, const char *b)
{
	while (*a && *b) {
		size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");
		if (na != nb || memcmp(a, b, na))
			break;
		a += na + (a[na] == '\n');
		b += nb + (b[nb] == '\n');
	}
	return xstrndup(a, strcspn(a, "\n"));
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

struct counts {
	size_t inputs, nfkc_fast, nfkc_slow, key_fast, key_slow, simp_same, simp_changed, bad;
};

static void check_text(const char *s, struct counts *c)
{
	char *want_nfkc = lib_nfkc(s), *want_key = lib_key(s), *want_simp = lib_t2s(s);
	char *f = text_nfkc_fast(s), *k = text_match_key_fast(s), *whole = text_match_key(s);
	char *simp = text_simplified(s);
	c->inputs++;
	if (f) {
		c->nfkc_fast++;
		if (!same(f, want_nfkc))
			c->bad += differ("text_nfkc_fast", s, f, want_nfkc);
	} else {
		c->nfkc_slow++;
	}
	if (k) {
		c->key_fast++;
		if (!same(k, want_key))
			c->bad += differ("text_match_key_fast", s, k, want_key);
	} else {
		c->key_slow++;
	}
	if (!same(whole, want_key))
		c->bad += differ("text_match_key", s, whole, want_key);
	if (!same(simp, want_simp))
		c->bad += differ("text_simplified", s, simp, want_simp);
	if (same(simp, s))
		c->simp_same++;
	else
		c->simp_changed++;
	free(want_nfkc);
	free(want_key);
	free(want_simp);
	free(f);
	free(k);
	free(whole);
	free(simp);
}

/* S and each of its lines. */
static void check_text_and_lines(const char *s, struct counts *c)
{
	const char *p = s;
	check_text(s, c);
	while (*p) {
		size_t n = strcspn(p, "\n");
		if (n) {
			char *line = xstrndup(p, n);
			check_text(line, c);
			free(line);
		}
		p += n + (p[n] == '\n');
	}
}

TEST(inputs_are_there)
{
	size_t seeds = 0;
	for (size_t i = 0; i < ndocs; i++)
		seeds += docs[i].seed;
	printf("  %zu documents: %zu seeds, %zu from the fuzz corpora\n", ndocs, seeds, ndocs - seeds);
	CHECK(seeds >= 5);
	CHECK(ndocs - seeds >= 3000);
	CHECK(cc != (opencc_t)-1);
}

TEST(text_fast_paths_give_what_the_libraries_give)
{
	struct counts c = { 0 };
	if (cc == (opencc_t)-1) {
		CHECK(!"OpenCC's t2s.json opens");
		return;
	}
	rng = 20240501;
	for (size_t i = 0; i < ndocs; i++) {
		char *v = valid_copy(docs[i].s, docs[i].n);
		if (docs[i].seed) {
			/* every line of a seed, and four mutants of each */
			const char *p = v;
			check_text_and_lines(v, &c);
			while (*p) {
				size_t n = strcspn(p, "\n");
				char *line = xstrndup(p, n);
				for (int m = 0; m < 4; m++) {
					char *mu = mutate(line, 1 + (int)rnd(6));
					check_text(mu, &c);
					free(mu);
				}
				free(line);
				p += n + (p[n] == '\n');
			}
		} else {
			check_text(v, &c);
		}
		free(v);
	}
	printf("  %zu texts: nfkc fast %zu / library %zu, match key fast %zu / whole way %zu, "
	       "t2s unchanged %zu / changed %zu; %zu differ\n", c.inputs, c.nfkc_fast, c.nfkc_slow,
	       c.key_fast, c.key_slow, c.simp_same, c.simp_changed, c.bad);
	CHECK_INT(c.bad, 0);
	CHECK(c.inputs >= 6608);
	/* each way taken often enough to mean something */
	CHECK(c.nfkc_fast >= 1000 && c.nfkc_slow >= 1000);
	CHECK(c.key_fast >= 1000 && c.key_slow >= 1000);
	CHECK(c.simp_same >= 1000 && c.simp_changed >= 1000);
}

/* DOC as text, every field, for comparing two parses. */
static void doc_text(const struct plan_doc *d, struct strbuf *sb)
{
	sb_addf(sb, "kind %d title %s year %d key %s enc %d trad %d pinyin %d\n", d->kind,
		d->title ? d->title : "-", d->year, d->key ? d->key : "-", d->encoding, d->traditional,
		d->pinyin_removed);
	for (size_t i = 0; i < d->nchapters; i++)
		sb_addf(sb, "ch %d %s %d\n", d->chapters[i].number, d->chapters[i].title, d->chapters[i].line);
	for (size_t i = 0; i < d->nsections; i++)
		sb_addf(sb, "sec %d %d %s %d\n", d->sections[i].chapter, d->sections[i].number,
			d->sections[i].title, d->sections[i].line);
	for (size_t i = 0; i < d->ntasks; i++) {
		const struct plan_task *t = &d->tasks[i];
		sb_addf(sb, "task %d %d %s %d %d %d %s", t->chapter, t->section, t->label, t->number,
			t->lead_explicit, t->line, t->text);
		for (size_t j = 0; j < t->ndepts; j++)
			sb_addf(sb, " | %s", t->depts[j]);
		sb_addc(sb, '\n');
	}
	for (size_t i = 0; i < d->nwarnings; i++)
		sb_addf(sb, "warn %d %s\n", d->warnings[i].line, d->warnings[i].msg);
}

static void parse_text(const char *buf, size_t n, struct strbuf *sb)
{
	struct plan_doc d;
	struct err e = { 0, "" };
	int rc = plan_parse(buf, n, "doc.txt", ENC_UTF8, &d, &e);
	sb_addf(sb, "rc %d %s\n", rc, rc ? e.msg : "");
	if (!rc) {
		doc_text(&d, sb);
		plan_doc_release(&d);
	}
}

TEST(plan_parse_skips_nfc_only_where_nfc_changes_nothing)
{
	size_t checked = 0, changed = 0, bad = 0;
	rng = 20200101;
	for (size_t i = 0; i < ndocs; i++) {
		char *v = valid_copy(docs[i].s, docs[i].n);
		int rounds = docs[i].seed ? 60 : 1;
		for (int m = 0; m < rounds; m++) {
			char *text = m ? nfc_mutant(v) : xstrdup(v);
			size_t nn = 0;
			uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)text, strlen(text), NULL, &nn);
			checked++;
			if (nfc && (nn != strlen(text) || memcmp(nfc, text, nn))) {
				struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
				changed++;
				parse_text(text, strlen(text), &a);
				parse_text((const char *)nfc, nn, &b);
				if (strcmp(sb_str(&a), sb_str(&b))) {
					char *da = first_diff(sb_str(&a), sb_str(&b));
					char *db = first_diff(sb_str(&b), sb_str(&a));
					bad += differ("plan_parse of a text and of its NFC", "(a mutant of a document)", da, db);
					free(da);
					free(db);
				}
				sb_release(&a);
				sb_release(&b);
			}
			free(nfc);
			free(text);
		}
		free(v);
	}
	printf("  %zu documents, %zu of them changed by NFC and parsed both ways; %zu differ\n", checked,
	       changed, bad);
	CHECK_INT(bad, 0);
	CHECK(changed >= 200);
}

TEST(plan_parse_refuses_invalid_utf8_exactly_where_u8_check_does)
{
	size_t checked = 0, invalid = 0, bad = 0;
	rng = 20250101;
	for (size_t i = 0; i < ndocs; i++) {
		int rounds = docs[i].seed ? 40 : 1;
		for (int m = 0; m < rounds; m++) {
			size_t n = docs[i].n;
			char *buf = m ? break_bytes(docs[i].s, docs[i].n, &n) : xstrndup(docs[i].s, docs[i].n);
			const uint8_t *first = u8_check((const uint8_t *)buf, n);
			struct plan_doc d;
			struct err e = { 0, "" };
			int rc;
			if (memchr(buf, '\0', n)) {     /* refused as binary before any decoding */
				free(buf);
				continue;
			}
			checked++;
			rc = plan_parse(buf, n, "doc.txt", ENC_UTF8, &d, &e);
			if (first) {
				char want[64];
				invalid++;
				snprintf(want, sizeof want, "at offset %zu)", (size_t)(first - (const uint8_t *)buf));
				if (!rc || !strstr(e.msg, "invalid UTF-8") || !strstr(e.msg, want))
					bad += differ("plan_parse on invalid UTF-8", "(bytes)", rc ? e.msg : "accepted", want);
			} else if (rc && strstr(e.msg, "invalid UTF-8")) {
				bad += differ("plan_parse on valid UTF-8", "(bytes)", e.msg, "no UTF-8 error");
			}
			if (!rc)
				plan_doc_release(&d);
			free(buf);
		}
	}
	printf("  %zu byte strings, %zu of them invalid UTF-8; %zu differ\n", checked, invalid, bad);
	CHECK_INT(bad, 0);
	CHECK(invalid >= 150 && checked - invalid >= 150);
}

int main(void)
{
	const char *src = getenv("DUBAN_SRC");
	struct strbuf p = STRBUF_INIT;
	static const char *const corpora[] = { "fuzz_plan_parse", "fuzz_plan_import", "fuzz_checklist_csv" };
	if (!src)
		src = ".";
	sb_addf(&p, "%s/data/plans", src);
	load_dir(sb_str(&p), ".txt", 1);
	for (size_t i = 0; i < sizeof corpora / sizeof corpora[0]; i++) {
		sb_reset(&p);
		sb_addf(&p, "%s/tests/fuzz/corpus/%s", src, corpora[i]);
		load_dir(sb_str(&p), NULL, 0);
	}
	sb_release(&p);
	cc = opencc_open("t2s.json");
	RUN(inputs_are_there);
	RUN(text_fast_paths_give_what_the_libraries_give);
	RUN(plan_parse_skips_nfc_only_where_nfc_changes_nothing);
	RUN(plan_parse_refuses_invalid_utf8_exactly_where_u8_check_does);
	if (cc != (opencc_t)-1)
		opencc_close(cc);
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i].s);
	free(docs);
	text_cleanup();
	TEST_END();
}
