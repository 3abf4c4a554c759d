/* Text module tests: display widths, padding, UAX #14 wrapping of Chinese,
 * match keys across simplified and traditional, escaping control characters. */
#include "src/text.h"
#include "tests/unit/test.h"

TEST(widths)
{
	CHECK_INT(text_width("abc"), 3);
	CHECK_INT(text_width("知识产权"), 8);
	CHECK_INT(text_width("2024年"), 6);
	CHECK_INT(text_width("（一）"), 6);
	CHECK_INT(text_width("a\033b"), 4);   /* ESC shows as ^[ */
}

TEST(padding_aligns_by_display_width)
{
	struct strbuf sb = STRBUF_INIT;
	text_pad(&sb, "中央宣传部", 12, 'l');
	CHECK_STR(sb_str(&sb), "中央宣传部  ");
	CHECK_INT(text_width(sb_str(&sb)), 12);
	sb_reset(&sb);
	text_pad(&sb, "国家知识产权局", 9, 'l');   /* cut: never half a character */
	CHECK_INT(text_width(sb_str(&sb)), 9);
	CHECK_STR(sb_str(&sb), "国家知识~");
	sb_release(&sb);
}

TEST(wrap_keeps_width_and_punctuation_rules)
{
	const char *s = "开展《纲要》和《规划》实施情况年度监测评估，加强指标数据的统计监测，对工作任务落实情况开展督促检查。";
	char **lines;
	size_t n = text_wrap(s, 20, &lines);
	struct strbuf joined = STRBUF_INIT;
	CHECK(n >= 5);
	for (size_t i = 0; i < n; i++) {
		CHECK(text_width(lines[i]) <= 20);
		/* no line starts with a closing mark */
		CHECK(strncmp(lines[i], "，", 3) != 0);
		CHECK(strncmp(lines[i], "。", 3) != 0);
		CHECK(strncmp(lines[i], "》", 3) != 0);
		sb_adds(&joined, lines[i]);
	}
	CHECK_STR(sb_str(&joined), s);
	text_lines_free(lines, n);
	sb_release(&joined);
	n = text_wrap("第一行\n第二行", 40, &lines);
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK_STR(lines[1], "第二行");
	text_lines_free(lines, n);
}

TEST(match_keys_cross_scripts)
{
	char *a = text_match_key("國家知識產權局");
	char *b = text_match_key("国家知识产权局");
	char *c = text_match_key(" ＤＮＡ 分子 ");
	CHECK_STR(a, b);
	CHECK_STR(c, "dna分子");
	free(a);
	free(b);
	free(c);
}

/* Invalid UTF-8 (a search typed in another encoding, a damaged file) gets a
 * key of its own, the same every time, with the invalid bytes as U+FFFD:
 * OpenCC, given a cut-off character, read past the end of the string. */
TEST(match_key_of_invalid_utf8_is_stable)
{
	static const char in[] = "\xef\xbb\xbf\xe5\xa1\xa4 \xe5\xae";   /* 塤, then a cut-off character */
	char *key = text_match_key(in), *simple = text_simplified(in);
	CHECK_STR(simple, "\xef\xbb\xbf\xe5\x9f\x99 \xef\xbf\xbd\xef\xbf\xbd");  /* 埙, U+FFFD a byte */
	CHECK(strstr(key, "\xe5\x9f\x99\xef\xbf\xbd") != NULL);
	for (int i = 0; i < 20; i++) {
		char *k = text_match_key(in), *t = text_simplified(in);
		CHECK_STR(k, key);
		CHECK_STR(t, simple);
		free(k);
		free(t);
	}
	free(key);
	free(simple);
}

TEST(escape_controls)
{
	struct strbuf sb = STRBUF_INIT;
	text_escape(&sb, "a\033]0;title\007b\033[2Jc\342\200\256d", 0);
	CHECK(strchr(sb_str(&sb), '\033') == NULL);
	CHECK(strchr(sb_str(&sb), '\007') == NULL);
	CHECK_STR(sb_str(&sb), "a^[]0;title^Gb^[[2Jc\\u202ed");
	sb_release(&sb);
}

/* The other format characters (issue 18): ALM, zero-width ones, the BOM,
 * a tag character, the line separator; NUL and a cut character in the
 * middle of N bytes; tabs and newlines kept when asked. */
TEST(escape_format_characters)
{
	struct strbuf sb = STRBUF_INIT;
	static const char in[] = "a\330\234b\342\200\213c\357\273\277d\363\240\201\201e\342\200\250f\302\205g";
	text_escape(&sb, in, 0);
	CHECK_STR(sb_str(&sb), "a\\u061cb\\u200bc\\ufeffd\\ue0041e\\u2028f\\u0085g");
	CHECK_INT(text_width(in), text_width(sb_str(&sb)));
	sb_reset(&sb);
	text_escape_n(&sb, "x\0y\t1\n2\r3\344\270", 11, TEXT_KEEP_NL | TEXT_KEEP_TAB);
	CHECK_STR(sb_str(&sb), "x^@y\t1\n2 3?");   /* a cut character: one "?" */
	sb_reset(&sb);
	/* what stays: CJK, ambiguous punctuation, a variation selector */
	text_escape(&sb, "知识“”—\357\270\217", 0);
	CHECK_STR(sb_str(&sb), "知识“”—\357\270\217");
	sb_release(&sb);
}

TEST(distance_and_common_run)
{
	CHECK_INT(text_distance("知识产权局", "国家知识产权局"), 2);
	CHECK_INT(text_common_run("宣传部门", "中央宣传部"), 3);
}

int main(void)
{
	RUN(widths);
	RUN(padding_aligns_by_display_width);
	RUN(wrap_keeps_width_and_punctuation_rules);
	RUN(match_keys_cross_scripts);
	RUN(match_key_of_invalid_utf8_is_stable);
	RUN(escape_controls);
	RUN(escape_format_characters);
	RUN(distance_and_common_run);
	text_cleanup();
	TEST_END();
}
