/* duban task lead: the office names which of a task's departments leads it
 * (many tasks name departments "按职责分工负责", each by its duties), with a
 * reason the history keeps; the document's first-named department stays
 * visible in `show`. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int task_check(struct cli *cli, const struct cli_args *a)
{
	const char *reason = cli_arg(a, OPT_REASON);
	if (a->argc < 1 || strcmp(a->argv[0], "lead"))
		return cli_usage(cli, "say lead: duban task lead TASK-ID --dept NAME --reason TEXT");
	if (a->argc != 2)
		return cli_usage(cli, "name one task, like 2024-45");
	if (!cli_arg(a, OPT_DEPT))
		return cli_usage(cli, "name the new lead with --dept NAME");
	if (!reason || !*reason)
		return cli_usage(cli, "give the reason with --reason TEXT (the history keeps it)");
	return 0;
}

static int task_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	char *dept = NULL;
	int rc = 0;
	if (cli_dept(cli, cli_arg(a, OPT_DEPT), &dept, &e))
		return cli_fail(&e);
	if (store_task_lead(cli->store, cli->login, a->argv[1], dept, cli_arg(a, OPT_REASON), &e))
		rc = cli_fail(&e);
	else
		printf("%s now leads %s; its status and close-off are %s's\n", dept, a->argv[1], dept);
	free(dept);
	return rc;
}

static const struct option task_opts[] = {
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_task = {
	.name = "task",
	.usage = "task lead TASK-ID --dept NAME --reason TEXT",
	.summary = "change which of a task's departments leads it (office only)",
	.help = "  --dept NAME          the new lead: one of the departments the task names\n"
		"  --reason TEXT        why (kept in the history)\n",
	.opts = task_opts,
	.flags = CLI_STORE,
	.check = task_check,
	.run = task_run,
};
