/* duban period: the reporting periods the joint conference office opens, each
 * with a due date, and closes. Records go to the open period by default, and
 * a period that is not open is refused (store/store_office.c); opening and
 * closing are the office's. */
#include "src/cli/cli.h"
#include "src/status.h"
#include "src/util.h"
#include "src/banned.h"

static int period_check(struct cli *cli, const struct cli_args *a)
{
	int fmt;
	if (cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt))
		return ERR_USAGE;
	if (a->argc < 1)
		return cli_usage(cli, "say open, close or list");
	if (!strcmp(a->argv[0], "list"))
		return a->argc == 1 ? 0 : cli_usage(cli, "unexpected argument '%s'", a->argv[1]);
	if (strcmp(a->argv[0], "open") && strcmp(a->argv[0], "close"))
		return cli_usage(cli, "unknown subcommand '%s': use open, close or list", a->argv[0]);
	if (a->argc != 2)
		return cli_usage(cli, "name one quarter, like 2025Q4");
	if (!period_valid(a->argv[1]))
		return cli_usage(cli, "invalid period '%s': write a quarter like 2025Q4", a->argv[1]);
	if (!strcmp(a->argv[0], "open")) {
		const char *due = cli_arg(a, OPT_DUE);
		if (!due)
			return cli_usage(cli, "give the due date with --due DATE, like --due 2026-01-10");
		if (!date_valid(due))
			return cli_usage(cli, "invalid --due '%s': write a date like 2026-01-10", due);
	}
	return 0;
}

static int period_list(struct cli *cli, const struct cli_args *a)
{
	static const struct out_col cols[] = {
		{ "period", 's', 0 }, { "due", 's', 0 }, { "state", 's', 0 }, { "days_left", 'n', 0 },
		{ "opened_by", 's', 0 }, { "opened_at", 't', 0 }, { "closed_by", 's', 0 },
		{ "closed_at", 't', 0 },
	};
	struct period_info *v;
	struct out_table t;
	struct err e = { 0, "" };
	char today[16];
	size_t n;
	int fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (store_period_list(cli->store, &v, &n, &e))
		return cli_fail(&e);
	date_today(today, sizeof today);
	out_table_init(&t, cols, 8);
	for (size_t i = 0; i < n; i++) {
		char left[16] = "";
		if (v[i].open)
			snprintf(left, sizeof left, "%d", date_days(today, v[i].due));
		const char *row[8] = { v[i].period, v[i].due, v[i].open ? "open" : "closed", left,
				       v[i].opened_by, v[i].opened_at, v[i].closed_by, v[i].closed_at };
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE)
		printf("no reporting period was ever opened: records may go to any quarter of their "
		       "plan up to this one ('duban period open QUARTER --due DATE' starts the cycle)\n");
	else
		out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_period_list_free(v, n);
	return 0;
}

static int period_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	if (!strcmp(a->argv[0], "list"))
		return period_list(cli, a);
	if (!strcmp(a->argv[0], "open")) {
		if (store_period_open(cli->store, cli->login, a->argv[1], cli_arg(a, OPT_DUE), &e))
			return cli_fail(&e);
		printf("opened %s for reports, due %s\n", a->argv[1], cli_arg(a, OPT_DUE));
		return 0;
	}
	if (store_period_close(cli->store, cli->login, a->argv[1], &e))
		return cli_fail(&e);
	printf("closed %s: later reports for it are the office's backfills\n", a->argv[1]);
	return 0;
}

static const struct option period_opts[] = {
	{ "due", required_argument, NULL, OPT_DUE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_period = {
	.name = "period",
	.usage = "period open QUARTER --due DATE | period close QUARTER | period list [--format FMT]",
	.summary = "open, close and list the reporting periods (office only to change)",
	.help = "  --due DATE           open: the deadline for reports, like 2026-01-10\n"
		"  --format FMT         list: table (default), tsv, csv or json\n",
	.opts = period_opts,
	.flags = CLI_STORE,
	.check = period_check,
	.run = period_run,
};
