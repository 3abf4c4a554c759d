/* duban history: every record, review and attachment of a task in time order. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int history_check(struct cli *cli, const struct cli_args *a)
{
	int fmt;
	if (cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt))
		return ERR_USAGE;
	if (a->argc != 1)
		return cli_usage(cli, "name one task, like 2024-105");
	return 0;
}

static int history_run(struct cli *cli, const struct cli_args *a)
{
	static const struct out_col cols[] = {
		{ "at", 't', 0 }, { "who", 's', 0 }, { "dept", 's', 0 }, { "kind", 's', 0 },
		{ "summary", 's', 0 }, { "detail", 's', 1 },
	};
	struct history_item *v;
	struct out_table t;
	struct err e = { 0, "" };
	size_t n;
	int fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (store_history(cli->store, a->argv[0], &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, 6);
	for (size_t i = 0; i < n; i++) {
		const char *row[6] = { v[i].at, v[i].who, v[i].dept, v[i].kind, v[i].summary, v[i].detail };
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE)
		printf("nothing recorded on %s yet\n", a->argv[0]);
	else
		out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_history_free(v, n);
	return 0;
}

static const struct option history_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_history = {
	.name = "history",
	.usage = "history TASK-ID [--format FMT]",
	.summary = "every record, review and attachment of a task in time order",
	.help = "  --format FMT         table (default), tsv, csv or json\n",
	.opts = history_opts,
	.flags = CLI_STORE,
	.check = history_check,
	.run = history_run,
};
