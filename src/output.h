/* Listings for people and scripts: one table model rendered as an aligned
 * table (by display width), TSV, RFC 4180 CSV or JSON. Also the CSV field
 * escaper the exports use. */
#ifndef DUBAN_OUTPUT_H
#define DUBAN_OUTPUT_H

#include <stdio.h>

#include "src/util.h"

enum out_format { FMT_TABLE, FMT_TSV, FMT_CSV, FMT_JSON };

/* Parse "table|tsv|csv|json"; -1 when S is none of them. */
int out_format_parse(const char *s);
/* The name of format F ("table", ...), static. */
const char *out_format_name(enum out_format f);

struct out_col {
	const char *name;   /* header, also the JSON key */
	char type;          /* 's' string, 'n' number, 'a' array (cell holds items joined by '\n'),
			       't' a stored UTC time: local time in tables (date_local), as stored elsewhere */
	int flex;           /* in tables: this column takes the remaining width and is cut */
};

struct out_table {
	const struct out_col *cols;
	size_t ncols;
	char **cells;       /* row-major, nrows * ncols, owned */
	size_t nrows, cap;
};

void out_table_init(struct out_table *t, const struct out_col *cols, size_t ncols);
/* Append a row of NCOLS strings (copied). */
void out_table_add(struct out_table *t, const char *const *values);
/* Render T to F in FMT. WIDTH is the terminal width for FMT_TABLE (0: no limit). */
void out_table_print(const struct out_table *t, FILE *f, enum out_format fmt, int width);
void out_table_release(struct out_table *t);

/* Append S to SB as one CSV field: quoted when needed (RFC 4180), and
 * guarded against formula injection: a cell starting with = + - @ TAB,
 * CR or LF (or the guard's own "'") gets a "'" in front, so that Excel, WPS and
 * LibreOffice show it as text and never run it. Every CSV duban writes
 * goes through this. */
void out_csv_field(struct strbuf *sb, const char *s);
/* The cell text CELL (one field as read back from a CSV) with the guard
 * of out_csv_field taken off: CELL + 1 when it is "'" followed by one of
 * the guarded characters, else CELL. Every CSV duban reads goes through
 * this, so a cell goes out and back exactly. */
const char *out_csv_unguard(const char *cell);

/* Width of the terminal on stdout, or 0 when stdout is not a terminal. */
int out_term_width(void);

/* A stream standing in for TO (stdout or stderr), made by the command
 * line (src/cli/cli.c) before anything is printed:
 * - ESCAPE (TO is a terminal): what is written reaches TO through
 *   text_escape_n (newlines and tabs kept; a character cut between two
 *   writes is put back together first), so no text from a plan, a note, a
 *   file or a file name acts on the terminal; line-buffered;
 * - else every byte goes to TO as it is; fully buffered;
 * - TO NULL (a closed standard output): every write fails (EBADF), so what
 *   a verb prints is an error rather than lost.
 * A failed write to TO is an error of this stream, its errno kept in *ERR
 * (the first one; ERR may be NULL). Closing it flushes TO, and leaves it
 * open. NULL if it cannot be made. */
FILE *out_stream(FILE *to, int escape, int *err);

#endif
