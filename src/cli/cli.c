/* What every verb shares: the one option loop, the one place the database is
 * opened (and seeded with the bundled plans when new), usage errors, and the
 * parsing of arguments several verbs take (--format, --year, --dept). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <unistd.h>

#include "src/cli/cli.h"
#include "src/dbaccess.h"
#include "src/cli/write.h"
#include "src/import.h"
#include "src/indicator_table.h"
#include "src/paths.h"
#include "src/resolve.h"
#include "src/util.h"
#include "src/banned.h"

const char *cli_arg(const struct cli_args *a, int code)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (a->opt[i].code == code)
			return a->opt[i].value;
	return NULL;
}

static void args_set(struct cli_args *a, int code, const char *value)
{
	size_t i = 0;
	while (i < a->nopts && a->opt[i].code != code)
		i++;
	if (i == CLI_MAX_OPTS)
		util_die("more than %d kinds of option", CLI_MAX_OPTS);
	a->opt[i].code = code;
	a->opt[i].value = value;
	if (i == a->nopts)
		a->nopts++;
}

/* Whether V takes OPT (a long option's code), and whether it writes files
 * with -o: every such verb takes --force too (added here when it does not
 * name it itself), by the one rule of src/cli/write.h. */
static int verb_has(const struct cli_verb *v, int opt)
{
	for (size_t i = 0; v->opts && v->opts[i].name; i++)
		if (v->opts[i].val == opt)
			return 1;
	return 0;
}

static int verb_adds_force(const struct cli_verb *v)
{
	return verb_has(v, 'o') && !verb_has(v, OPT_FORCE);
}

void cli_help_verb(FILE *f, const struct cli_verb *v)
{
	fprintf(f, "usage: duban %s\n\n%s\n\noptions:\n%s%s"
		"  --db PATH            the database\n"
		"  --help               this help\n", v->usage, v->summary, v->help,
		verb_adds_force(v) ? "  --force              replace the -o file if it exists\n" : "");
}

static FILE *std_out, *std_err;     /* the C library's, while ours stand in */
static int out_errno;               /* why writing to standard output failed */

void cli_stdio_begin(int stdout_too)
{
	static int begun, out_closed;
	FILE *f;
	if (!begun) {
		begun = 1;
		for (int fd = 0; fd < 3; fd++) {
			int closed = fcntl(fd, F_GETFD) == -1 && errno == EBADF;
			int nul = closed ? open("/dev/null", fd ? O_WRONLY : O_RDONLY) : -1;
			if (nul >= 0 && nul != fd) {
				dup2(nul, fd);
				close(nul);
			}
			if (fd == 1)
				out_closed = closed;
			if (fd == 2 && !closed && isatty(STDERR_FILENO) && (f = out_stream(stderr, 1, NULL))) {
				std_err = stderr;
				stderr = f;
			}
		}
	}
	if (!std_out && (out_closed || stdout_too) &&
	    (f = out_stream(out_closed ? NULL : stdout, isatty(STDOUT_FILENO), &out_errno))) {
		std_out = stdout;
		stdout = f;
	}
}

int cli_stdio_end(int rc)
{
	int failed = 0;
	if (std_out) {
		failed = ferror(stdout) != 0;   /* a failed write empties the buffer: fclose may then succeed */
		failed |= fclose(stdout) != 0;
		stdout = std_out;
		std_out = NULL;
	}
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		failed = 1;
		if (!out_errno)
			out_errno = errno;
	}
	if (failed) {
		fprintf(stderr, "duban: cannot write to standard output: %s\n",
			out_errno ? strerror(out_errno) : "an output error");
		if (!rc)
			rc = ERR_IO;
	}
	if (std_err) {
		fclose(stderr);
		stderr = std_err;
		std_err = NULL;
	}
	return rc;
}

int cli_fail(const struct err *e)
{
	fprintf(stderr, "duban: %s\n", e->msg[0] ? e->msg : "unknown error");
	return e->code ? e->code : ERR_INTERNAL;
}

int cli_usage(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	fputs("duban: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cli->verb)
		fprintf(stderr, "usage: duban %s\n", cli->verb->usage);
	return ERR_USAGE;
}

int cli_format(const struct cli *cli, const char *arg, int *fmt)
{
	int f = arg ? out_format_parse(arg) : FMT_TABLE;
	if (f < 0)
		return cli_usage(cli, "unknown format '%s': use table, tsv, csv or json", arg);
	*fmt = f;
	return 0;
}

int cli_check_listing(struct cli *cli, const struct cli_args *a)
{
	int fmt;
	if (cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt))
		return ERR_USAGE;
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	return 0;
}

int cli_year(const struct cli *cli, const char *arg, int *year)
{
	char *end;
	long y = strtol(arg, &end, 10);
	if (*end || y < 1990 || y > 2100)
		return cli_usage(cli, "invalid --year '%s': give a year like 2024", arg);
	*year = (int)y;
	return 0;
}

/* The *.csv files in folder DIR, in name order (caller frees with
 * store_strv_free). */
static void csv_files(const char *dir, char ***files, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;
	*files = NULL;
	*n = 0;
	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len > 4 && !strcmp(de->d_name + len - 4, ".csv")) {
			struct strbuf p = STRBUF_INIT;
			sb_addf(&p, "%s/%s", dir, de->d_name);
			xgrow(files, &cap, *n + 1, sizeof **files);
			(*files)[(*n)++] = sb_detach(&p);
		}
	}
	if (d)
		closedir(d);
	for (size_t i = 0; i < *n; i++)
		for (size_t j = i + 1; j < *n; j++)
			if (strcmp((*files)[i], (*files)[j]) > 0) {
				char *x = (*files)[i];
				(*files)[i] = (*files)[j];
				(*files)[j] = x;
			}
}

/* The bundled indicators (the .csv files of data/indicators/), after the plans they
 * belong to; NAMES gets " and N indicators". */
static void seed_indicators(struct cli *cli, struct store *s, struct strbuf *names)
{
	struct strbuf dir = STRBUF_INIT;
	char **files;
	size_t nfiles, total = 0;
	sb_addf(&dir, "%s/indicators", cli->datadir);
	csv_files(sb_str(&dir), &files, &nfiles);
	for (size_t i = 0; i < nfiles; i++) {
		struct ind_import_opts o;
		struct ind_import_result r;
		struct strbuf out = STRBUF_INIT, problems = STRBUF_INIT;
		struct err e = { 0, "" };
		memset(&o, 0, sizeof o);
		o.who = cli->login;
		if (ind_import_file(s, files[i], &o, &out, &problems, &r, &e))
			fprintf(stderr, "%sduban: warning: bundled indicators not imported: %s\n",
				sb_str(&problems), e.msg);
		else
			total += r.added;
		ind_import_result_release(&r);
		sb_release(&out);
		sb_release(&problems);
	}
	if (total)
		sb_addf(names, " and %zu indicators", total);
	store_strv_free(files, nfiles);
	sb_release(&dir);
}

/* Import the bundled plans into a new database (quiet unless something fails). */
static int seed(struct cli *cli, struct store *s)
{
	struct dept_table t;
	struct err e = { 0, "" };
	struct strbuf dir = STRBUF_INIT, names = STRBUF_INIT;
	char **files = NULL;
	size_t nfiles = 0, cap = 0;
	int rc = 0;

	sb_addf(&dir, "%s/departments.tsv", cli->datadir);
	if (dept_table_load(sb_str(&dir), &t, &e)) {
		fprintf(stderr, "duban: warning: %s; the new database has no bundled plans\n", e.msg);
		sb_release(&dir);
		return 0;
	}
	sb_reset(&dir);
	sb_addf(&dir, "%s/plans", cli->datadir);
	/* the *.txt files in plans/, in name order */
	{
		DIR *d = opendir(sb_str(&dir));
		struct dirent *de;
		while (d && (de = readdir(d))) {
			size_t n = strlen(de->d_name);
			if (n > 4 && !strcmp(de->d_name + n - 4, ".txt")) {
				struct strbuf p = STRBUF_INIT;
				sb_addf(&p, "%s/%s", sb_str(&dir), de->d_name);
				xgrow(&files, &cap, nfiles + 1, sizeof *files);
				files[nfiles++] = sb_detach(&p);
			}
		}
		if (d)
			closedir(d);
	}
	for (size_t i = 0; i < nfiles; i++)
		for (size_t j = i + 1; j < nfiles; j++)
			if (strcmp(files[i], files[j]) > 0) {
				char *x = files[i];
				files[i] = files[j];
				files[j] = x;
			}
	for (size_t i = 0; i < nfiles; i++) {
		struct import_opts o;
		struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT;
		memset(&o, 0, sizeof o);
		o.who = cli->login;
		o.depts = &t;
		err_clear(&e);
		if (import_file(s, files[i], &o, &out, &warn, &e)) {
			fprintf(stderr, "duban: warning: bundled plan not imported: %s\n", e.msg);
			rc = 1;
		} else if (!util_starts_with(sb_str(&out), "skipped")) {
			const char *p = strstr(sb_str(&out), "as plan ");
			if (p) {
				p += 8;
				sb_adds(&names, names.len ? ", " : "");
				sb_add(&names, p, strcspn(p, " "));
			}
		}
		sb_release(&out);
		sb_release(&warn);
	}
	seed_indicators(cli, s, &names);
	if (nfiles == 0)
		fprintf(stderr, "duban: warning: no bundled plans in '%s'; import plans with 'duban import FILE'\n",
			sb_str(&dir));
	else
		fprintf(stderr, "duban: created database '%s' with the bundled plans %s\n",
			store_path(s), sb_str(&names));
	store_strv_free(files, nfiles);
	dept_table_release(&t);
	sb_release(&dir);
	sb_release(&names);
	return rc;
}

struct store *cli_store(struct cli *cli)
{
	struct err e = { 0, "" };
	if (cli->store)
		return cli->store;
	if (!cli->db_path) {
		cli->db_path = paths_db(cli->db_opt, &e);
		if (!cli->db_path) {
			cli->store_rc = cli_fail(&e);
			return NULL;
		}
	}
	if (store_open(cli->db_path, STORE_CREATE, &cli->store, &e)) {
		/* a shared database a login may not use: say which group opens it */
		struct err why = { 0, "" };
		cli->store_rc = cli_fail(dbaccess_explain(cli->db_path, cli->login, &why) ? &why : &e);
		return NULL;
	}
	if (store_created(cli->store))
		seed(cli, cli->store);
	return cli->store;
}

int cli_store_peek(struct cli *cli)
{
	struct err e = { 0, "" };
	char *path = paths_db_existing(cli->db_opt);
	int rc = path ? store_open(path, STORE_READONLY, &cli->store, &e) : -1;
	free(path);
	return rc ? -1 : 0;
}

int cli_verb_run(struct cli *cli, const struct cli_verb *v, int argc, char **argv)
{
	static const struct option common[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "force", no_argument, NULL, OPT_FORCE },
	};
	struct option opts[CLI_MAX_OPTS + 4];
	struct cli_args a;
	size_t n = 0;
	int c, rc;

	cli->verb = v;
	for (; v->opts && v->opts[n].name; n++) {
		if (n == CLI_MAX_OPTS)
			util_die("'%s' has more than %d options", v->name, CLI_MAX_OPTS);
		opts[n] = v->opts[n];
	}
	opts[n++] = common[0];
	opts[n++] = common[1];
	if (verb_adds_force(v))
		opts[n++] = common[2];
	memset(&opts[n], 0, sizeof opts[n]);
	memset(&a, 0, sizeof a);
	optind = 0;
	while ((c = getopt_long(argc, argv, v->shortopts ? v->shortopts : "", opts, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			free(cli->db_opt);
			cli->db_opt = xstrdup(optarg);
			break;
		case OPT_HELP:
			cli_help_verb(stdout, v);
			return 0;
		case '?':
		case ':':
			return cli_usage(cli, "see the options below");
		default:
			args_set(&a, c, optarg ? optarg : "");
		}
	}
	a.argc = argc - optind;
	a.argv = argv + optind;
	if (v->check && (rc = v->check(cli, &a)))
		return rc;
	cli_write_replace(cli_arg(&a, OPT_FORCE) != NULL);
	if ((v->flags & CLI_STORE) && !cli_store(cli))
		return cli->store_rc;
	return v->run(cli, &a);
}

int cli_dept(struct cli *cli, const char *arg, char **dept, struct err *e)
{
	int rc = resolve_dept(cli->store, arg, dept, e);
	if (rc == -ERR_NOTFOUND) {
		size_t n = strlen(e->msg);
		snprintf(e->msg + n, sizeof e->msg - n, " ('duban depts --aliases' lists every spelling)");
	}
	return rc;
}

int cli_write_dept(struct cli *cli, const char *arg, char **dept)
{
	struct err e = { 0, "" };
	struct actor a;
	if (arg) {
		if (cli_dept(cli, arg, dept, &e))
			return cli_fail(&e);
		return 0;
	}
	if (store_actor_get(cli->store, cli->login, &a, &e))
		return cli_fail(&e);
	if (a.dept) {
		*dept = a.dept;
		a.dept = NULL;
		store_actor_release(&a);
		return 0;
	}
	store_actor_release(&a);
	return cli_usage(cli, "name the department with --dept NAME");
}

int cli_depts(struct cli *cli, const char *arg, char ***out, size_t *n)
{
	static const char *const seps[] = { "、", "，", ",", ";", "；" };
	struct err e = { 0, "" };
	size_t cap = 0;
	const char *s = arg;
	*out = NULL;
	*n = 0;
	while (*s) {
		size_t len = 0, k = 0;
		char *one, *dept;
		for (;; len++) {
			for (k = 0; k < sizeof seps / sizeof *seps; k++)
				if (!strncmp(s + len, seps[k], strlen(seps[k])))
					break;
			if (!s[len] || k < sizeof seps / sizeof *seps)
				break;
		}
		one = xstrndup(s, len);
		s += len;
		if (*s)
			s += strlen(seps[k]);
		if (!one[strspn(one, " ")]) {
			free(one);
			continue;
		}
		if (cli_dept(cli, one, &dept, &e)) {
			free(one);
			store_strv_free(*out, *n);
			*out = NULL;
			*n = 0;
			return cli_fail(&e);
		}
		free(one);
		xgrow(out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = dept;
	}
	return 0;
}
