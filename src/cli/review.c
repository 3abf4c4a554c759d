/* duban review: the joint conference office approves a lead department's
 * close-off (销号) or returns it with a reason; the store enforces who may. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int review_check(struct cli *cli, const struct cli_args *a)
{
	const char *reason = cli_arg(a, OPT_REASON);
	if (a->argc != 2)
		return cli_usage(cli, "name the task and approve or return");
	if (strcmp(a->argv[1], "approve") && strcmp(a->argv[1], "return"))
		return cli_usage(cli, "unknown decision '%s': use approve or return", a->argv[1]);
	if (!strcmp(a->argv[1], "return") && (!reason || !*reason))
		return cli_usage(cli, "returning a close-off needs --reason TEXT, which the department sees");
	return 0;
}

static int review_run(struct cli *cli, const struct cli_args *a)
{
	int approve = !strcmp(a->argv[1], "approve");
	struct err e = { 0, "" };
	if (store_review(cli->store, cli->login, a->argv[0], approve, cli_arg(a, OPT_REASON), &e))
		return cli_fail(&e);
	printf("%s the close-off of %s\n", approve ? "approved" : "returned", a->argv[0]);
	return 0;
}

static const struct option review_opts[] = {
	{ "reason", required_argument, NULL, OPT_REASON },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_review = {
	.name = "review",
	.usage = "review TASK-ID approve | review TASK-ID return --reason TEXT",
	.summary = "approve or return a lead department's close-off (销号); office only",
	.help = "  --reason TEXT        why it is returned (the department sees it)\n",
	.opts = review_opts,
	.flags = CLI_STORE,
	.check = review_check,
	.run = review_run,
};
