/* The command line: one cmd_<name>() per subcommand (git's shape), sharing a
 * context with the open store. Only CLI code prints and chooses exit codes. */
#ifndef DUBAN_CLI_H
#define DUBAN_CLI_H

#include <getopt.h>

#include "src/dept.h"
#include "src/output.h"
#include "store/store.h"

struct cli {
	const char *prog;
	char *db_opt;           /* --db */
	char *db_path;          /* resolved */
	struct store *store;    /* opened lazily by cli_store */
	char *datadir;
	char *login;            /* the acting operating-system user */
	int color;              /* 1 when colour is on (terminal, no NO_COLOR, --color) */
};

struct command {
	const char *name;
	int (*fn)(struct cli *cli, int argc, char **argv);
	const char *usage;      /* "import [--dry-run] FILE..." */
	const char *summary;    /* one line for the command list */
	const char *help;       /* the options, one per line */
};

extern const struct command cli_commands[];

/* Open (creating and seeding with the bundled plans if new) the database. */
struct store *cli_store(struct cli *cli);

/* Print "duban: MSG" to stderr and return E's code as an exit status. */
int cli_fail(const struct err *e);
/* Print a usage error for COMMAND and return ERR_USAGE. */
int cli_usage(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Long-option codes shared by the commands. */
enum { OPT_DB = 1000, OPT_HELP, OPT_FORMAT, OPT_PLAN, OPT_DEPT, OPT_ROLE, OPT_SEARCH,
       OPT_DRY, OPT_KEY, OPT_YEAR, OPT_TITLE, OPT_ENC, OPT_REPLACE, OPT_ALIASES, OPT_STATUS,
       OPT_PERIOD, OPT_NOTE, OPT_NOTE_FILE, OPT_BASED_ON, OPT_DOCNO, OPT_URL, OPT_RECORD,
       OPT_REASON, OPT_TASK, OPT_OUTPUT, OPT_FORCE };

/* Options every command takes: --db and --help. */
#define CLI_COMMON_OPTS \
	{ "db", required_argument, NULL, OPT_DB }, \
	{ "help", no_argument, NULL, OPT_HELP }

/* Handle option C if it is a common one. Returns 1 if handled, 0 if not
 * common, -1 if the command must stop and return *RC (help shown, or an
 * unknown option reported). */
int cli_common_opt(struct cli *cli, const char *cmd, int c, int *rc);

/* Parse optarg as --format into *FMT; prints a usage error and returns
 * ERR_USAGE when it is not table, tsv, csv or json. */
int cli_format_opt(const char *cmd, int *fmt);

/* Resolve a --dept argument (any alias, simplified or traditional) to the
 * canonical name (caller frees). Unknown names get a "did you mean" error. */
int cli_dept(struct cli *cli, const char *arg, char **dept, struct err *e);

/* Print the help of COMMAND (or the general help when NULL) to F. */
void cli_help(FILE *f, const char *command);

/* Subcommands. */
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_plans(struct cli *cli, int argc, char **argv);
int cmd_depts(struct cli *cli, int argc, char **argv);
int cmd_tasks(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_record(struct cli *cli, int argc, char **argv);
int cmd_attach(struct cli *cli, int argc, char **argv);
int cmd_review(struct cli *cli, int argc, char **argv);
int cmd_history(struct cli *cli, int argc, char **argv);
int cmd_evidence(struct cli *cli, int argc, char **argv);
int cmd_status(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_checklist(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_carryover(struct cli *cli, int argc, char **argv);

/* Files the commands write (src/cmd_export.c). cli_write_out writes LEN bytes
 * of DATA to PATH (NULL or "-": standard output), a file whole or not at all
 * (a temporary file beside it, then renamed). cli_temp_beside makes that
 * temporary file (its name in *TMP, caller frees through cli_temp_commit,
 * which renames it onto PATH, or removes it when RC says the write failed).
 * cli_cat_file copies PATH to standard output. */
int cli_write_out(const char *path, const char *data, size_t len, struct err *e);
int cli_temp_beside(const char *path, char **tmp, struct err *e);
int cli_temp_commit(char *tmp, const char *path, int rc, struct err *e);
int cli_cat_file(const char *path, struct err *e);

int cmd_plan(struct cli *cli, int argc, char **argv);

/* Import the bundled plans into a new database (quiet unless something fails). */
int cli_seed(struct cli *cli, struct store *s);

#endif
