/* Output module tests: tables aligned by display width with Chinese cells and
 * a flexible column cut to the terminal, TSV and CSV quoting, JSON escaping,
 * array columns in every format, and control characters kept off a table. */
#include <stdlib.h>

#include "src/json.h"
#include "src/output.h"
#include "src/text.h"
#include "tests/unit/test.h"

static const struct out_col cols[] = {
	{ "id", 's', 0 }, { "lead", 's', 0 }, { "n", 'n', 0 }, { "depts", 'a', 0 }, { "text", 's', 1 },
};

/* A table of two tasks, as `duban tasks` builds one. */
static void two_rows(struct out_table *t)
{
	const char *r1[] = { "2024-1", "国家知识产权局", "12", "司法部\n中央宣传部", "推进《商标法》修改。" };
	const char *r2[] = { "2024-105", "联席会议办公室", "3", "", "开展\"监测\"，评估\t年度" };
	out_table_init(t, cols, 5);
	out_table_add(t, r1);
	out_table_add(t, r2);
}

/* T printed in FMT at WIDTH, as a newly allocated string. */
static char *render(const struct out_table *t, enum out_format fmt, int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	out_table_print(t, f, fmt, width);
	fclose(f);
	return buf;
}

/* Line I (from 0) of S, newly allocated; "" past the end. */
static char *line_of(const char *s, int i)
{
	while (i-- > 0 && s) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (!s)
		return strdup("");
	return strndup(s, strcspn(s, "\n"));
}

TEST(format_names)
{
	CHECK_INT(out_format_parse("table"), FMT_TABLE);
	CHECK_INT(out_format_parse("tsv"), FMT_TSV);
	CHECK_INT(out_format_parse("csv"), FMT_CSV);
	CHECK_INT(out_format_parse("json"), FMT_JSON);
	CHECK_INT(out_format_parse("JSON"), -1);
	CHECK_INT(out_format_parse("xml"), -1);
	CHECK_INT(out_format_parse(""), -1);
}

TEST(table_aligns_chinese_by_display_width)
{
	struct out_table t;
	char *s;
	two_rows(&t);
	s = render(&t, FMT_TABLE, 0);
	/* columns: id 8, lead 14 (7 characters of width 2), n 2 (right-aligned),
	 * depts 18 (items joined by 、), text; two spaces between each */
	CHECK_STR(s,
		  "id        lead             n  depts               text\n"
		  "2024-1    国家知识产权局  12  司法部、中央宣传部  推进《商标法》修改。\n"
		  "2024-105  联席会议办公室   3                      开展\"监测\"，评估 年度\n");
	for (int i = 0; i < 3; i++) {
		char *l = line_of(s, i);
		/* "text" starts at the same column on every line */
		const char *text = i == 0 ? strstr(l, "text") : i == 1 ? strstr(l, "推进") : strstr(l, "开展");
		CHECK(text != NULL);
		if (text)
			CHECK_INT(text_width_n(l, (size_t)(text - l)), 50);
		free(l);
	}
	free(s);
	out_table_release(&t);
}

TEST(table_cuts_the_flexible_column_to_the_width)
{
	struct out_table t;
	char *s;
	two_rows(&t);
	s = render(&t, FMT_TABLE, 60);
	for (int i = 0; i < 3; i++) {
		char *l = line_of(s, i);
		CHECK(text_width(l) <= 60);
		free(l);
	}
	{
		char *l = line_of(s, 1);
		/* 50 columns before the text, 10 left for it: 4 characters and
		 * the mark (a fifth would be half outside) */
		CHECK_STR(l, "2024-1    国家知识产权局  12  司法部、中央宣传部  推进《商~");
		free(l);
	}
	free(s);
	/* never narrower than 8 columns, even when the rest does not fit */
	s = render(&t, FMT_TABLE, 20);
	{
		char *l = line_of(s, 1);
		CHECK_STR(l, "2024-1    国家知识产权局  12  司法部、中央宣传部  推进《~");
		CHECK_INT(text_width(strstr(l, "推进")), 7);
		free(l);
	}
	free(s);
	out_table_release(&t);
}

TEST(table_escapes_control_characters)
{
	static const struct out_col c1[] = { { "note", 's', 0 } };
	const char *row[] = { "a\033]0;title\007b\nc" };
	struct out_table t;
	char *s;
	out_table_init(&t, c1, 1);
	out_table_add(&t, row);
	s = render(&t, FMT_TABLE, 0);
	CHECK_STR(s, "note\na^[]0;title^Gb c\n");
	CHECK(strchr(s, '\033') == NULL);
	free(s);
	out_table_release(&t);
}

TEST(tsv_has_no_quoting_so_tabs_and_newlines_become_spaces)
{
	struct out_table t;
	char *s;
	two_rows(&t);
	s = render(&t, FMT_TSV, 0);
	CHECK_STR(s,
		  "id\tlead\tn\tdepts\ttext\n"
		  "2024-1\t国家知识产权局\t12\t司法部、中央宣传部\t推进《商标法》修改。\n"
		  "2024-105\t联席会议办公室\t3\t\t开展\"监测\"，评估 年度\n");
	free(s);
	out_table_release(&t);
}

TEST(csv_quotes_what_needs_it_with_crlf)
{
	struct out_table t;
	char *s;
	two_rows(&t);
	s = render(&t, FMT_CSV, 0);
	CHECK_STR(s,
		  "id,lead,n,depts,text\r\n"
		  "2024-1,国家知识产权局,12,司法部、中央宣传部,推进《商标法》修改。\r\n"
		  "2024-105,联席会议办公室,3,,\"开展\"\"监测\"\"，评估\t年度\"\r\n");
	free(s);
	out_table_release(&t);
}

TEST(csv_field_rfc4180)
{
	struct strbuf sb = STRBUF_INIT;
	out_csv_field(&sb, "plain 中文");
	sb_addc(&sb, '|');
	out_csv_field(&sb, "a,b");
	sb_addc(&sb, '|');
	out_csv_field(&sb, "say \"hi\"");
	sb_addc(&sb, '|');
	out_csv_field(&sb, "two\nlines");
	sb_addc(&sb, '|');
	out_csv_field(&sb, "cr\r");
	sb_addc(&sb, '|');
	out_csv_field(&sb, "");
	CHECK_STR(sb_str(&sb), "plain 中文|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"|");
	sb_release(&sb);
}

TEST(json_string_escaping)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_str(&j, "中文 \"q\" \\ / \n\r\t \001\037\177 é</script>");
	CHECK_STR(sb_str(&sb), "\"中文 \\\"q\\\" \\\\ / \\n\\r\\t \\u0001\\u001f\\u007f é</script>\"");
	sb_reset(&sb);
	json_init(&j, &sb, " ");
	json_str(&j, "");
	CHECK_STR(sb_str(&sb), "\"\"");
	sb_release(&sb);
}

TEST(json_listing_types)
{
	struct out_table t;
	char *s;
	two_rows(&t);
	s = render(&t, FMT_JSON, 0);
	CHECK_STR(s,
		  "[\n"
		  " {\"id\": \"2024-1\", \"lead\": \"国家知识产权局\", \"n\": 12, "
		  "\"depts\": [\"司法部\", \"中央宣传部\"], \"text\": \"推进《商标法》修改。\"},\n"
		  " {\"id\": \"2024-105\", \"lead\": \"联席会议办公室\", \"n\": 3, \"depts\": [], "
		  "\"text\": \"开展\\\"监测\\\"，评估\\t年度\"}\n"
		  "]\n");
	free(s);
	out_table_release(&t);
	/* no rows: an empty array; an empty number cell stays a string */
	out_table_init(&t, cols, 5);
	s = render(&t, FMT_JSON, 0);
	CHECK_STR(s, "[]\n");
	free(s);
	{
		const char *r[] = { "x", "", "", "", "" };
		out_table_add(&t, r);
	}
	s = render(&t, FMT_JSON, 0);
	CHECK(strstr(s, "\"n\": \"\"") != NULL);
	free(s);
	out_table_release(&t);
}

/* Every CSV cell is guarded against formulas the same way, and the guard
 * comes off again exactly (issue 18). */
TEST(csv_cells_are_guarded)
{
	static const char *const cells[] = {
		"=1+1", "-2", "@x", "+3", "\tTAB", "\rCR", "'quoted", "'=x", "=HYPERLINK(\"a\",\"b\")",
		"=a,b", "a,b", "2024-1", "",
	};
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < 5; i++) {
		if (i)
			sb_addc(&sb, ',');
		out_csv_field(&sb, cells[i]);
	}
	CHECK_STR(sb_str(&sb), "'=1+1,'-2,'@x,'+3,'\tTAB");
	sb_reset(&sb);
	out_csv_field(&sb, "=HYPERLINK(\"a\",\"b\")");
	CHECK_STR(sb_str(&sb), "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"");
	sb_reset(&sb);
	out_csv_field(&sb, "a,b");
	CHECK_STR(sb_str(&sb), "\"a,b\"");
	sb_reset(&sb);
	out_csv_field(&sb, "2024-1");
	CHECK_STR(sb_str(&sb), "2024-1");
	/* out and back: the field as a reader unquotes it, then unguarded */
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		struct strbuf f = STRBUF_INIT, back = STRBUF_INIT;
		const char *p;
		out_csv_field(&f, cells[i]);
		p = sb_str(&f);
		if (*p == '"') {
			for (p++; *p; p++) {
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
				sb_addc(&back, *p);
			}
		} else {
			sb_adds(&back, p);
		}
		CHECK(!strchr("=+-@\t\r", sb_str(&back)[0]) || !sb_str(&back)[0]);
		CHECK_STR(out_csv_unguard(sb_str(&back)), cells[i]);
		sb_release(&f);
		sb_release(&back);
	}
	sb_release(&sb);
}

int main(void)
{
	RUN(format_names);
	RUN(table_aligns_chinese_by_display_width);
	RUN(table_cuts_the_flexible_column_to_the_width);
	RUN(table_escapes_control_characters);
	RUN(csv_cells_are_guarded);
	RUN(tsv_has_no_quoting_so_tabs_and_newlines_become_spaces);
	RUN(csv_quotes_what_needs_it_with_crlf);
	RUN(csv_field_rfc4180);
	RUN(json_string_escaping);
	RUN(json_listing_types);
	text_cleanup();
	TEST_END();
}
