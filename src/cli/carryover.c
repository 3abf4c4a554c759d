/* duban carryover: the tasks of a year's plan that continue a task of the
 * previous year's plan, with why (src/carryover.c finds them). */
#include "src/carryover.h"
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int carryover_check(struct cli *cli, const struct cli_args *a)
{
	const char *year = cli_arg(a, OPT_YEAR);
	int y;
	if (year && cli_year(cli, year, &y))
		return ERR_USAGE;
	if (cli_check_listing(cli, a))
		return ERR_USAGE;
	if (!year)
		return cli_usage(cli, "give the later plan's year with --year, like 2025");
	return 0;
}

static int carryover_run(struct cli *cli, const struct cli_args *a)
{
	static const struct out_col cols[] = {
		{ "task", 's', 0 }, { "continues", 's', 0 }, { "score", 'n', 0 }, { "same_lead", 's', 0 },
		{ "shared_titles", 's', 0 }, { "shared_words", 's', 1 }, { "previous_status", 's', 0 },
		{ "lead", 's', 0 },
	};
	struct out_table t;
	struct carry_link *v;
	struct err e = { 0, "" };
	size_t n;
	int year, fmt;

	cli_year(cli, cli_arg(a, OPT_YEAR), &year);
	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (carryover_links(cli->store, year, &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, sizeof cols / sizeof *cols);
	for (size_t i = 0; i < n; i++) {
		char score[16], st[48];
		snprintf(score, sizeof score, "%.2f", v[i].why.score);
		const char *row[8] = { v[i].to, v[i].from, score, v[i].why.same_lead ? "yes" : "no",
				       v[i].why.shared_titles, v[i].why.shared_words,
				       carryover_status_text(&v[i], st, sizeof st), v[i].to_lead };
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE)
		printf("no task of %d continues a task of %d\n", year, year - 1);
	else
		out_table_print(&t, stdout, (enum out_format)fmt, out_term_width());
	out_table_release(&t);
	carryover_links_free(v, n);
	return 0;
}

static const struct option carryover_opts[] = {
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_carryover = {
	.name = "carryover",
	.usage = "carryover --year YEAR [--format FMT]",
	.summary = "tasks of a year's plan that continue a task of the previous year's plan",
	.help = "  --year YEAR          the later plan's year\n"
		"  --format FMT         table (default), tsv, csv or json\n",
	.opts = carryover_opts,
	.flags = CLI_STORE,
	.check = carryover_check,
	.run = carryover_run,
};
