/* The JSON writer: commas, layout (inline and one item a line), escaping,
 * empty containers. */
#include "src/json.h"
#include "tests/unit/test.h"

TEST(inline_object_with_every_kind_of_value)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_object_begin(&j, JSON_INLINE);
	json_key_str(&j, "s", "中文");
	json_key_int(&j, "n", -12);
	json_key(&j, "x");
	json_number(&j, "0.53");
	json_key_bool(&j, "t", 1);
	json_key_bool(&j, "f", 0);
	json_key(&j, "z");
	json_null(&j);
	json_key(&j, "a");
	json_array_begin(&j, JSON_INLINE);
	json_str(&j, "a");
	json_str(&j, NULL);
	json_end(&j);
	json_end(&j);
	CHECK_STR(sb_str(&sb), "{\"s\": \"中文\", \"n\": -12, \"x\": 0.53, \"t\": true, \"f\": false, "
		  "\"z\": null, \"a\": [\"a\", \"\"]}");
	sb_release(&sb);
}

TEST(string_lists_split_at_their_separator)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_object_begin(&j, JSON_INLINE);
	json_key(&j, "plans");
	json_str_list(&j, "2024,gd2024,FYP14", ',');
	json_key(&j, "none");
	json_str_list(&j, "", ',');
	json_key(&j, "lists");
	json_str_list(&j, "（商务部负责）\n\n（海关总署\"等\"负责）", '\n');
	json_end(&j);
	CHECK_STR(sb_str(&sb), "{\"plans\": [\"2024\", \"gd2024\", \"FYP14\"], \"none\": [], "
		  "\"lists\": [\"（商务部负责）\", \"\", \"（海关总署\\\"等\\\"负责）\"]}");
	sb_release(&sb);
}

TEST(integers_at_the_edges)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_array_begin(&j, JSON_INLINE);
	json_int(&j, 0);
	json_int(&j, 9);
	json_int(&j, 10);
	json_int(&j, -9223372036854775807LL - 1);
	json_int(&j, 9223372036854775807LL);
	json_end(&j);
	CHECK_STR(sb_str(&sb), "[0, 9, 10, -9223372036854775808, 9223372036854775807]");
	sb_release(&sb);
}

TEST(escapes_quotes_backslashes_and_control_characters)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_str(&j, "a\"b\\c\nd\te\rf\001g\177h");
	CHECK_STR(sb_str(&sb), "\"a\\\"b\\\\c\\nd\\te\\rf\\u0001g\\u007fh\"");
	sb_release(&sb);
}

TEST(line_containers_indent_by_the_line_containers_around)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, "  ");
	json_object_begin(&j, JSON_LINES);
	json_key_int(&j, "year", 2024);
	json_key(&j, "list");
	json_array_begin(&j, JSON_LINES);
	json_object_begin(&j, JSON_INLINE);
	json_key_int(&j, "a", 1);
	json_key_int(&j, "b", 2);
	json_end(&j);
	json_int(&j, 3);
	json_end(&j);
	json_key(&j, "inline");
	json_object_begin(&j, JSON_INLINE);
	json_key(&j, "deep");
	json_array_begin(&j, JSON_LINES);
	json_int(&j, 4);
	json_end(&j);
	json_end(&j);
	json_end(&j);
	CHECK_STR(sb_str(&sb), "{\n  \"year\": 2024,\n  \"list\": [\n    {\"a\": 1, \"b\": 2},\n    3\n  ],\n"
		  "  \"inline\": {\"deep\": [\n    4\n  ]}\n}");
	sb_release(&sb);
}

TEST(empty_containers_stay_on_their_line)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_object_begin(&j, JSON_INLINE);
	json_key(&j, "plans");
	json_array_begin(&j, JSON_LINES);
	json_end(&j);
	json_key(&j, "o");
	json_object_begin(&j, JSON_LINES);
	json_end(&j);
	json_end(&j);
	CHECK_STR(sb_str(&sb), "{\"plans\": [], \"o\": {}}");
	sb_release(&sb);
}

int main(void)
{
	RUN(inline_object_with_every_kind_of_value);
	RUN(integers_at_the_edges);
	RUN(escapes_quotes_backslashes_and_control_characters);
	RUN(string_lists_split_at_their_separator);
	RUN(line_containers_indent_by_the_line_containers_around);
	RUN(empty_containers_stay_on_their_line);
	TEST_END();
}
