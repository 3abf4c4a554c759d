/* The command line's room (src/cli/). Every verb is a struct cli_verb in a file
 * of its own (`duban record` is src/cli/record.c) that names its options,
 * usage and help beside its two functions: check (the arguments alone) and run
 * (the work). src/cli/cli.c parses any verb's options in one loop and opens the
 * database once for the verbs that need it; src/cli/verbs.c lists the verbs.
 * Only CLI code prints and chooses exit codes. */
#ifndef DUBAN_CLI_CLI_H
#define DUBAN_CLI_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "src/output.h"
#include "store/store.h"

struct cli_verb;

struct cli {
	char *db_opt;           /* --db */
	char *db_path;          /* resolved */
	struct store *store;    /* open while a verb with CLI_STORE runs */
	int store_rc;           /* why cli_store failed: the exit status */
	char *datadir;
	char *login;            /* the acting operating-system user */
	const struct cli_verb *verb;          /* the verb running (usage errors show its usage) */
	const struct cli_verb *const *verbs;  /* every verb, NULL-ended (help and completion list them) */
};

/* Long-option codes (getopt_long's val). A verb's options are any of these;
 * -o is 'o'. */
enum { OPT_DB = 1000, OPT_HELP, OPT_FORMAT, OPT_PLAN, OPT_DEPT, OPT_ROLE, OPT_SEARCH,
       OPT_DRY, OPT_KEY, OPT_YEAR, OPT_TITLE, OPT_ENC, OPT_REPLACE, OPT_ALIASES, OPT_STATUS,
       OPT_PERIOD, OPT_NOTE, OPT_NOTE_FILE, OPT_BASED_ON, OPT_DOCNO, OPT_URL, OPT_RECORD,
       OPT_REASON, OPT_TASK, OPT_OUTPUT, OPT_FORCE, OPT_ALL, OPT_NO_BOM, OPT_SYNOPSIS,
       OPT_BACKFILL, OPT_DUE, OPT_CONFIRM, OPT_HEAD };

/* The options a verb was given, by code (the last of a repeated option wins;
 * an option without a value has ""), and the operands. */
#define CLI_MAX_OPTS 32
struct cli_args {
	int argc;               /* the operands, options taken out */
	char **argv;
	size_t nopts;
	struct {
		int code;
		const char *value;
	} opt[CLI_MAX_OPTS];
};

/* The value of option CODE, or NULL when it was not given. */
const char *cli_arg(const struct cli_args *a, int code);

enum cli_verb_flags {
	CLI_STORE = 1,          /* open the database (created and seeded if new) before run */
	CLI_HIDDEN = 2          /* left out of the help and of completion */
};

struct cli_verb {
	const char *name;
	/* Its forms for help and the man page, "record TASK-ID --status STATUS ...";
	 * several forms are joined by " | " each starting with the name again
	 * ("user list | user remove LOGIN"). Words in capitals are arguments,
	 * [...] optional, (a | b) a choice. */
	const char *usage;
	const char *summary;    /* one line for the list of verbs */
	const char *help;       /* its options, one per line ("" for none) */
	/* getopt_long's table, ended by a zeroed entry; --db and --help are added.
	 * SHORTOPTS is getopt's string ("o:"; a leading "+" stops at the first
	 * operand). */
	const struct option *opts;
	const char *shortopts;
	int flags;              /* enum cli_verb_flags */
	/* The arguments alone, before any database is opened (CLI->store is
	 * NULL): 0 to go on, else the exit status (after cli_usage). May be NULL. */
	int (*check)(struct cli *cli, const struct cli_args *a);
	/* The work, called only when check accepted the arguments (so it may
	 * parse them again without checking); returns the exit status. */
	int (*run)(struct cli *cli, const struct cli_args *a);
};

/* Run verb V on ARGV[0..ARGC) (ARGV[0] is the verb's name): parse its options
 * (--db and --help too), check, open the store when V has CLI_STORE, run.
 * Returns the exit status. */
int cli_verb_run(struct cli *cli, const struct cli_verb *v, int argc, char **argv);

/* Open (creating and seeding with the bundled plans if new) the database;
 * NULL after printing why it cannot be used, with the exit status in
 * CLI->store_rc. For main's terminal UI: verbs
 * say CLI_STORE instead. */
struct store *cli_store(struct cli *cli);

/* Open the database read-only if it exists, for completion: never creates
 * one, prints nothing. 0, or -1 with CLI->store left NULL. */
int cli_store_peek(struct cli *cli);

/* Print V's usage, summary and options to F. */
void cli_help_verb(FILE *f, const struct cli_verb *v);

/* Standard output and error for the command line, set up before anything
 * is printed (one place, for every verb):
 * - a file descriptor 0, 1 or 2 that is closed is held by /dev/null, so no
 *   file opened later (a report, the database) takes its place;
 * - standard output closed: a stream that fails, so a verb's output is an
 *   error (cli_stdio_end), never silently lost;
 * - on a terminal, standard error, and standard output when STDOUT (not for
 *   the terminal UI, which draws there itself): out_tty_stream, so nothing
 *   raw reaches the terminal; to a pipe or a file every byte stays exact. */
void cli_stdio_begin(int stdout_too);   /* called again with 1 to add stdout */
/* Flush and close standard output (and the streams of cli_stdio_begin).
 * When what was printed could not all be written (a full disk, a closed
 * standard output), say so and return ERR_IO if RC is 0; else RC. */
int cli_stdio_end(int rc);

/* Print "duban: MSG" to stderr and return E's code as an exit status. */
int cli_fail(const struct err *e);
/* Print a usage error and the running verb's usage; returns ERR_USAGE. */
int cli_usage(const struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a listing's --format ARG (NULL: table) into *FMT; a usage error
 * (ERR_USAGE) when it is not table, tsv, csv or json. */
int cli_format(const struct cli *cli, const char *arg, int *fmt);
/* A check for listings: --format is a listing format and no operand is
 * given. */
int cli_check_listing(struct cli *cli, const struct cli_args *a);
/* Parse a --year ARG (1990-2100) into *YEAR; a usage error when it is not one. */
int cli_year(const struct cli *cli, const char *arg, int *year);

/* The JSON of task T with its state ST (NULL: without it), for tasks and show
 * (src/cli/show.c). */
struct json;
void cli_task_json(struct json *j, const struct task_row *t, const struct task_state *st);

/* Resolve a --dept argument (any alias, simplified or traditional) to the
 * canonical name (caller frees). Unknown names get a "did you mean" error. */
int cli_dept(struct cli *cli, const char *arg, char **dept, struct err *e);
/* The departments in ARG, a list ("国家知识产权局、商务部"; also parted by
 * ， , ; ；), each resolved as cli_dept does: 0 with *OUT (free with
 * store_strv_free) and *N, or the exit status after printing why. */
int cli_depts(struct cli *cli, const char *arg, char ***out, size_t *n);
/* The department a write is for: ARG (any spelling), else the acting
 * liaison's own; office users must name one. 0 and *DEPT (caller frees), or
 * the exit status after printing why. */
int cli_write_dept(struct cli *cli, const char *arg, char **dept);

#endif
