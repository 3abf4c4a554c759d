/* A small JSON writer: every JSON duban prints is built with it. The caller
 * opens and closes objects and arrays and adds keys and values; the writer puts
 * the commas, escapes strings and lays the text out: a container opened
 * "inline" keeps its items on one line ({"a": 1, "b": 2}), one opened with
 * JSON_LINES puts each item on a line of its own, indented by the number of
 * line containers around it. */
#ifndef DUBAN_JSON_H
#define DUBAN_JSON_H

#include "src/util.h"

enum { JSON_INLINE = 0, JSON_LINES = 1 };

#define JSON_MAX_DEPTH 16

struct json {
	struct strbuf *sb;        /* where the text goes (appended to, not owned) */
	const char *indent;       /* one level of indentation in line containers */
	int depth;
	int after_key;            /* a key was written: the value follows it directly */
	struct {
		char lines;       /* JSON_LINES */
		char close;       /* '}' or ']' */
		int items;
	} lv[JSON_MAX_DEPTH];
};

/* Start writing into SB; INDENT is one level of indentation in line
 * containers (" " or "  "), kept by reference. */
void json_init(struct json *j, struct strbuf *sb, const char *indent);

/* Open an object or array (as a value: after a key, as an array item or at the
 * top), LAYOUT JSON_INLINE or JSON_LINES; close the innermost one. An empty
 * container is always written "{}" or "[]". Nesting deeper than
 * JSON_MAX_DEPTH is a bug (the process dies with a message). */
void json_object_begin(struct json *j, int layout);
void json_array_begin(struct json *j, int layout);
void json_end(struct json *j);

/* The key of the next value in the innermost object. */
void json_key(struct json *j, const char *key);

/* Values. json_str escapes S (quotes, backslashes, control characters; other
 * bytes as they are, so UTF-8 stays UTF-8); NULL is written as "".
 * json_number writes DIGITS as they are: the caller vouches it is a JSON
 * number ("12", "0.53"). */
void json_str(struct json *j, const char *s);
/* An array (inline) of the parts of LIST between the separator SEP ("a,b"
 * with ',' gives ["a", "b"]; "" gives []). */
void json_str_list(struct json *j, const char *list, char sep);
void json_int(struct json *j, long long v);
void json_number(struct json *j, const char *digits);
void json_bool(struct json *j, int v);
void json_null(struct json *j);

/* A key and its value in one call: json_key then json_str, json_int or
 * json_bool. */
void json_key_str(struct json *j, const char *key, const char *s);
void json_key_int(struct json *j, const char *key, long long v);
void json_key_bool(struct json *j, const char *key, int v);

#endif
