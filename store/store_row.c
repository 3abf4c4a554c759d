/* Reading result rows into C structs: a row map names, for each field, the
 * column that fills it and how; one loop steps a statement, grows the array,
 * reads each row through the map and, on an error, frees what it read. */
#include "store/store_int.h"
#include "src/util.h"
#include "src/banned.h"

char *store_col_str(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return xstrdup(t ? (const char *)t : "");
}

/* The status a column names; ST_NOT_STARTED for NULL or a name it does not
 * know. The store writes status_name()s, so those are tried first, by their
 * first byte: status_parse's two string comparisons a name were a fifth of
 * reading a status row. */
static enum status status_of(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	int sv;
	if (!t)
		return ST_NOT_STARTED;
	for (int i = 0; i < ST_COUNT; i++) {
		const char *name = status_name((enum status)i);
		if (t[0] == name[0] && !strcmp(t, name))
			return (enum status)i;
	}
	sv = status_parse(t);
	return sv < 0 ? ST_NOT_STARTED : (enum status)sv;
}

static int enum_of(sqlite3_stmt *st, const struct store_col *c)
{
	const char *t = (const char *)sqlite3_column_text(st, c->col);
	for (int i = 0; t && i < c->nnames; i++)
		if (!strcmp(t, c->names[i]))
			return i;
	return c->dflt;
}

/* Zero ITEM, a struct of M, and fill it from the current row of ST. */
static void row_read(sqlite3_stmt *st, const struct store_rowmap *m, void *item)
{
	const struct store_col *c, *end = m->cols + m->ncols;
	char *base = item;
	memset(item, 0, m->size);
	for (c = m->cols; c < end; c++) {
		void *p = base + c->off;
		switch (c->type) {
		case COL_TEXT:
			*(char **)p = store_col_str(st, c->col);
			break;
		case COL_INT:
			*(int *)p = sqlite3_column_int(st, c->col);
			break;
		case COL_INT64:
			*(long long *)p = sqlite3_column_int64(st, c->col);
			break;
		case COL_SET:
			*(int *)p = sqlite3_column_type(st, c->col) != SQLITE_NULL;
			break;
		case COL_NULL:
			*(int *)p = sqlite3_column_type(st, c->col) == SQLITE_NULL;
			break;
		case COL_STATUS:
			*(enum status *)p = status_of(st, c->col);
			break;
		case COL_ENUM:
			*(int *)p = enum_of(st, c);
			break;
		}
	}
}

/* Free the COL_TEXT fields of ITEM, leaving the rest as it is. */
static void row_free_fields(const struct store_rowmap *m, void *item)
{
	const struct store_col *c, *end = m->cols + m->ncols;
	char *base = item;
	for (c = m->cols; c < end; c++)
		if (c->type == COL_TEXT)
			free(*(char **)(base + c->off));
}

void store_row_release(const struct store_rowmap *m, void *item)
{
	row_free_fields(m, item);
	memset(item, 0, m->size);
}

void store_rows_free(const struct store_rowmap *m, void *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		row_free_fields(m, (char *)v + i * m->size);
	free(v);
}

int store_rows(struct store *s, sqlite3_stmt *st, const struct store_rowmap *m, void *out,
	       size_t *n, const char *what, struct err *e)
{
	char *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*(void **)out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	while ((rc = store_step(st)) == SQLITE_ROW) {
		xgrow(&v, &cap, cnt + 1, m->size);
		row_read(st, m, v + cnt * m->size);
		cnt++;
	}
	if (rc == SQLITE_DONE) {
		rc = 0;   /* done: the statement holds nothing until its next use */
	} else {
		rc = store_fail(s, rc, what, e);
		sqlite3_reset(st);
		store_rows_free(m, v, cnt);
		v = NULL;
		cnt = 0;
	}
	*(void **)out = v;
	*n = cnt;
	return rc;
}

int store_row_one(struct store *s, sqlite3_stmt *st, const struct store_rowmap *m, void *item,
		  const char *what, struct err *e)
{
	int rc;
	if (!st) {
		memset(item, 0, m->size);
		return -ERR_DB;
	}
	rc = store_step(st);
	if (rc == SQLITE_ROW) {
		row_read(st, m, item);
		sqlite3_reset(st);   /* the read ends here, not at the next use */
		return 0;
	}
	memset(item, 0, m->size);
	if (rc == SQLITE_DONE)
		return -ERR_NOTFOUND;
	rc = store_fail(s, rc, what, e);
	sqlite3_reset(st);
	return rc;
}

const char *const store_role_names[2] = { "lead", "participant" };

int store_row_get(struct store *s, const char *sql, const char *key, const struct store_rowmap *m,
		  void *item, const char *what, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, key);
	return store_row_one(s, st, m, item, what, e);
}

static const struct store_col strv_cols[] = { { 0, COL_TEXT, 0, NULL, 0, 0 } };
const struct store_rowmap store_strv_map = STORE_ROWMAP(char *, strv_cols);
static const struct store_col int_cols[] = { { 0, COL_INT, 0, NULL, 0, 0 } };
const struct store_rowmap store_int_map = STORE_ROWMAP(int, int_cols);

void store_strv_free(char **v, size_t n)
{
	store_rows_free(&store_strv_map, v, n);
}
