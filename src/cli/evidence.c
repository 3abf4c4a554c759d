/* duban evidence: list the evidence attached to tasks, or write a stored file
 * back out byte for byte. */
#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/evidence.h"
#include "src/util.h"
#include "src/banned.h"

static int evidence_check(struct cli *cli, const struct cli_args *a)
{
	int fmt;
	if (cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt))
		return ERR_USAGE;
	if (a->argc < 1)
		return cli_usage(cli, "say list or get");
	if (!strcmp(a->argv[0], "list")) {
		if (a->argc != 1)
			return cli_usage(cli, "unexpected argument '%s'", a->argv[1]);
	} else if (!strcmp(a->argv[0], "get")) {
		if (a->argc != 2)
			return cli_usage(cli, "name one evidence id: duban evidence get ID -o FILE");
		if (!cli_arg(a, 'o'))
			return cli_usage(cli, "say where to write it with -o FILE (or -o - for standard output)");
	} else {
		return cli_usage(cli, "unknown subcommand '%s': use list or get", a->argv[0]);
	}
	return 0;
}

static int evidence_list(struct cli *cli, const struct cli_args *a)
{
	static const struct out_col cols[] = {
		{ "id", 's', 0 }, { "task", 's', 0 }, { "dept", 's', 0 }, { "kind", 's', 0 },
		{ "title", 's', 1 }, { "value", 's', 0 }, { "size", 'n', 0 }, { "sha256", 's', 0 },
		{ "who", 's', 0 }, { "at", 't', 0 },
	};
	const char *dept_arg = cli_arg(a, OPT_DEPT);
	struct evidence_info *v;
	struct out_table t;
	struct err e = { 0, "" };
	char *dept = NULL;
	size_t n;
	int rc, fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
		return cli_fail(&e);
	rc = store_evidence_list(cli->store, cli_arg(a, OPT_TASK), dept, &v, &n, &e);
	free(dept);
	if (rc)
		return cli_fail(&e);
	out_table_init(&t, cols, fmt == FMT_TABLE ? 6 : 10);
	for (size_t i = 0; i < n; i++) {
		char size[32];
		snprintf(size, sizeof size, "%lld", v[i].size);
		const char *row[10] = { v[i].id, v[i].task, v[i].dept, evidence_kind_name(v[i].kind),
					v[i].title, v[i].kind == EV_FILE ? v[i].file_name : v[i].value,
					v[i].kind == EV_FILE ? size : "", v[i].sha256, v[i].who, v[i].at };
		out_table_add(&t, row);
	}
	out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_evidence_list_free(v, n);
	return 0;
}

static int evidence_get(struct cli *cli, const struct cli_args *a)
{
	const char *output = cli_arg(a, 'o');
	struct evidence_info info;
	struct err e = { 0, "" };
	void *data = NULL;
	size_t size = 0;
	int rc = 0;

	if (store_evidence_get(cli->store, a->argv[1], &info, &data, &size, &e))
		return cli_fail(&e);
	if (info.kind != EV_FILE) {
		printf("%s\n", info.value);
	} else if (cli_write_new(output, data, size, cli_arg(a, OPT_FORCE) != NULL, &e)) {
		rc = cli_fail(&e);
	} else if (strcmp(output, "-")) {
		printf("wrote '%s' (%zu bytes, sha256 %s) to '%s'\n", info.file_name, size, info.sha256, output);
	}
	free(data);
	store_evidence_info_release(&info);
	return rc;
}

static int evidence_run(struct cli *cli, const struct cli_args *a)
{
	return !strcmp(a->argv[0], "list") ? evidence_list(cli, a) : evidence_get(cli, a);
}

static const struct option evidence_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "task", required_argument, NULL, OPT_TASK },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_evidence = {
	.name = "evidence",
	.usage = "evidence list [--task TASK-ID] [--dept NAME] [--format FMT] | evidence get ID -o FILE [--force]",
	.summary = "list evidence, or write a stored file back out byte for byte",
	.help = "  --task ID            list: only this task\n"
		"  --dept NAME          list: only this department\n"
		"  -o, --output FILE    get: where to write (- for standard output); never elsewhere\n"
		"  --force              get: replace FILE if it exists\n"
		"  --format FMT         list: table (default), tsv, csv or json\n",
	.opts = evidence_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = evidence_check,
	.run = evidence_run,
};
