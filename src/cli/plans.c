/* duban plans: the plans in the database, one row each. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int plans_run(struct cli *cli, const struct cli_args *a)
{
	/* the table shows the first eight columns; scripts get all */
	static const struct out_col cols[] = {
		{ "key", 's', 0 }, { "year", 'n', 0 }, { "kind", 's', 0 }, { "chapters", 'n', 0 },
		{ "sections", 'n', 0 }, { "tasks", 'n', 0 }, { "docno", 's', 0 }, { "title", 's', 1 },
		{ "issued", 's', 0 }, { "source", 's', 0 }, { "imported_at", 't', 0 },
	};
	struct out_table t;
	struct plan_info *v;
	struct err e = { 0, "" };
	size_t n;
	int fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (store_plan_list(cli->store, &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, fmt == FMT_TABLE ? 8 : 11);
	for (size_t i = 0; i < n; i++) {
		char y[16], ch[16], se[16], ta[16];
		snprintf(y, sizeof y, "%d", v[i].year);
		snprintf(ch, sizeof ch, "%d", v[i].nchapters);
		snprintf(se, sizeof se, "%d", v[i].nsections);
		snprintf(ta, sizeof ta, "%d", v[i].ntasks);
		const char *row[11] = { v[i].key, y, v[i].kind, ch, se, ta, v[i].docno, v[i].title,
					v[i].issued, v[i].source, v[i].imported_at };
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE)
		printf("no plans yet: import one with 'duban import FILE'\n");
	else
		out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_plan_list_free(v, n);
	return 0;
}

static const struct option plans_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_plans = {
	.name = "plans",
	.usage = "plans [--format FMT]",
	.summary = "list the plans in the database",
	.help = "  --format FMT         table (default), tsv, csv or json\n",
	.opts = plans_opts,
	.flags = CLI_STORE,
	.check = cli_check_listing,
	.run = plans_run,
};
