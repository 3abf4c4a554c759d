/* The JSON writer: separators and layout are decided here, once, so that no
 * output builds JSON by hand. */
#include "src/json.h"
#include "src/banned.h"

/* Append the N bytes at S: sb_add inlined, for the writer's many short
 * pieces. */
static inline void put(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		xgrow(&sb->buf, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

/* S as a JSON string literal, quotes included, then SUFFIX (SUFFIX_LEN
 * bytes). */
static void quote(struct strbuf *sb, const char *s, const char *suffix, size_t suffix_len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0;
	while (p[run] >= 0x20 && p[run] != '"' && p[run] != '\\' && p[run] != 0x7f)
		run++;
	if (!p[run]) {
		/* nothing to escape, the usual case: one copy */
		xgrow(&sb->buf, &sb->cap, sb->len + run + suffix_len + 3, 1);
		sb->buf[sb->len++] = '"';
		memcpy(sb->buf + sb->len, s, run);
		sb->len += run;
		sb->buf[sb->len++] = '"';
		memcpy(sb->buf + sb->len, suffix, suffix_len);
		sb->len += suffix_len;
		sb->buf[sb->len] = '\0';
		return;
	}
	put(sb, "\"", 1);
	for (; *p; p++) {
		/* copy a run of bytes that need no escape at once */
		run = 0;
		while (p[run] >= 0x20 && p[run] != '"' && p[run] != '\\' && p[run] != 0x7f)
			run++;
		if (run) {
			put(sb, (const char *)p, run);
			p += run - 1;
			continue;
		}
		switch (*p) {
		case '"': put(sb, "\\\"", 2); break;
		case '\\': put(sb, "\\\\", 2); break;
		case '\n': put(sb, "\\n", 2); break;
		case '\r': put(sb, "\\r", 2); break;
		case '\t': put(sb, "\\t", 2); break;
		default: sb_addf(sb, "\\u%04x", *p); break;
		}
	}
	put(sb, "\"", 1);
	put(sb, suffix, suffix_len);
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
	size_t n = strlen(j->indent);
	put(j->sb, "\n", 1);
	for (int i = 0; i < upto; i++)
		if (j->lv[i].lines)
			put(j->sb, j->indent, n);
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
	if (j->lv[top].lines) {
		if (j->lv[top].items)
			put(j->sb, ",", 1);
		line_break(j, j->depth);
	} else if (j->lv[top].items) {
		put(j->sb, ", ", 2);
	}
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
	put(j->sb, &open, 1);
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
	put(j->sb, &j->lv[j->depth].close, 1);
}

void json_key(struct json *j, const char *key)
{
	before_item(j);
	quote(j->sb, key, ": ", 2);
	j->after_key = 1;
}

void json_str(struct json *j, const char *s)
{
	before_item(j);
	quote(j->sb, s ? s : "", "", 0);
}

void json_int(struct json *j, long long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	before_item(j);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(j->sb, p, (size_t)(buf + sizeof buf - p));
}

void json_number(struct json *j, const char *digits)
{
	before_item(j);
	put(j->sb, digits, strlen(digits));
}

void json_bool(struct json *j, int v)
{
	before_item(j);
	put(j->sb, v ? "true" : "false", v ? 4 : 5);
}

void json_null(struct json *j)
{
	before_item(j);
	put(j->sb, "null", 4);
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

void json_str_list(struct json *j, const char *list, char sep)
{
	json_array_begin(j, JSON_INLINE);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, sep);
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *one = xstrndup(p, n);
		json_str(j, one);
		free(one);
		p += n + (end != NULL);
	}
	json_end(j);
}
