/* The JSON writer: separators and layout are decided here, once, so that no
 * output builds JSON by hand. */
#include "src/json.h"
#include "src/banned.h"

/* S as a JSON string literal, quotes included. */
static void json_quote(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* copy a run of bytes that need no escape at once */
		size_t run = 0;
		while (p[run] && p[run] != '"' && p[run] != '\\' && p[run] >= 0x20 && p[run] != 0x7f)
			run++;
		if (run) {
			sb_add(sb, (const char *)p, run);
			p += run - 1;
			continue;
		}
		switch (*p) {
		case '"': sb_adds(sb, "\\\""); break;
		case '\\': sb_adds(sb, "\\\\"); break;
		case '\n': sb_adds(sb, "\\n"); break;
		case '\r': sb_adds(sb, "\\r"); break;
		case '\t': sb_adds(sb, "\\t"); break;
		default: sb_addf(sb, "\\u%04x", *p); break;
		}
	}
	sb_addc(sb, '"');
}

void json_init(struct json *j, struct strbuf *sb, const char *indent)
{
	memset(j, 0, sizeof *j);
	j->sb = sb;
	j->indent = indent;
}

/* The break before an item of a line container: a new line indented by the
 * number of line containers open up to level UPTO. */
static void line_break(struct json *j, int upto)
{
	sb_addc(j->sb, '\n');
	for (int i = 0; i < upto; i++)
		if (j->lv[i].lines)
			sb_adds(j->sb, j->indent);
}

/* What goes before a value or a key: nothing after a key or at the top, else
 * the comma and the space or line break of the innermost container. */
static void before_item(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->depth)
		return;
	int top = j->depth - 1;
	if (j->lv[top].items)
		sb_addc(j->sb, ',');
	if (j->lv[top].lines)
		line_break(j, j->depth);
	else if (j->lv[top].items)
		sb_addc(j->sb, ' ');
	j->lv[top].items++;
}

static void begin(struct json *j, char open, char close, int layout)
{
	before_item(j);
	if (j->depth >= JSON_MAX_DEPTH)
		util_die("JSON nested deeper than %d levels", JSON_MAX_DEPTH);
	j->lv[j->depth].lines = layout == JSON_LINES;
	j->lv[j->depth].close = close;
	j->lv[j->depth].items = 0;
	j->depth++;
	sb_addc(j->sb, open);
}

void json_object_begin(struct json *j, int layout)
{
	begin(j, '{', '}', layout);
}

void json_array_begin(struct json *j, int layout)
{
	begin(j, '[', ']', layout);
}

void json_end(struct json *j)
{
	if (!j->depth)
		util_die("JSON closed more often than opened");
	j->depth--;
	if (j->lv[j->depth].lines && j->lv[j->depth].items)
		line_break(j, j->depth);
	sb_addc(j->sb, j->lv[j->depth].close);
}

void json_key(struct json *j, const char *key)
{
	before_item(j);
	json_quote(j->sb, key);
	sb_adds(j->sb, ": ");
	j->after_key = 1;
}

void json_str(struct json *j, const char *s)
{
	before_item(j);
	json_quote(j->sb, s ? s : "");
}

void json_int(struct json *j, long long v)
{
	before_item(j);
	sb_addf(j->sb, "%lld", v);
}

void json_number(struct json *j, const char *digits)
{
	before_item(j);
	sb_adds(j->sb, digits);
}

void json_bool(struct json *j, int v)
{
	before_item(j);
	sb_adds(j->sb, v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_item(j);
	sb_adds(j->sb, "null");
}

void json_key_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_key_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_key_bool(struct json *j, const char *key, int v)
{
	json_key(j, key);
	json_bool(j, v);
}
