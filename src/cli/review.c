/* duban review: the joint conference office approves a lead department's
 * close-off (销号), returns it with a reason, or reopens an approved one with
 * a reason; src/state.h says what each does, the store enforces who may. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int review_check(struct cli *cli, const struct cli_args *a)
{
	const char *reason = cli_arg(a, OPT_REASON);
	int d;
	if (a->argc != 2)
		return cli_usage(cli, "name the task and approve, return or reopen");
	d = review_decision_parse(a->argv[1]);
	if (d < 0)
		return cli_usage(cli, "unknown decision '%s': use approve, return or reopen", a->argv[1]);
	if (d != DECIDE_APPROVE && (!reason || !*reason))
		return cli_usage(cli, "%s a close-off needs --reason TEXT, which the department sees",
				 d == DECIDE_RETURN ? "returning" : "reopening");
	return 0;
}

/* The decision is bound to a record: the one --record names (the office
 * looked at it with 'duban show'; refused if the close-off is now about
 * another), else the one the close-off is about as this command reads it,
 * named in what it prints, so that what was decided on is never in doubt
 * and a record made between the reading and the writing is refused, not
 * decided on. */
static int review_run(struct cli *cli, const struct cli_args *a)
{
	static const char *const done[] = { "approved", "returned", "reopened" };
	enum review_decision d = (enum review_decision)review_decision_parse(a->argv[1]);
	struct err e = { 0, "" };
	struct task_state ts;
	char *record = NULL, *dept = NULL;
	int rc = 0;

	memset(&ts, 0, sizeof ts);
	if (cli_arg(a, OPT_RECORD)) {
		record = xstrdup(cli_arg(a, OPT_RECORD));
	} else if (store_task_state(cli->store, a->argv[0], &ts, &e) == 0 && ts.ndepts &&
		   *ts.depts[0].closeoff_record) {
		record = xstrdup(ts.depts[0].closeoff_record);
		dept = xstrdup(ts.depts[0].dept);
	}
	store_task_state_release(&ts);
	err_clear(&e);
	if (store_review(cli->store, cli->login, a->argv[0], d, record, cli_arg(a, OPT_REASON), &e))
		rc = cli_fail(&e);
	else if (record)
		printf("%s the close-off of %s (record %s%s%s)\n", done[d], a->argv[0], record,
		       dept ? " of " : "", dept ? dept : "");
	else
		printf("%s the close-off of %s\n", done[d], a->argv[0]);
	free(record);
	free(dept);
	return rc;
}

static const struct option review_opts[] = {
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_review = {
	.name = "review",
	.usage = "review TASK-ID approve [--record RECORD] | review TASK-ID return --reason TEXT [--record RECORD]"
		 " | review TASK-ID reopen --reason TEXT",
	.summary = "approve, return or reopen a lead department's close-off (销号); office only",
	.help = "  --reason TEXT        why it is returned or reopened (the department sees it)\n"
		"  --record RECORD      the record whose close-off you looked at ('duban show' names\n"
		"                       it): refused if the close-off is now about another record;\n"
		"                       without it, the record the close-off is about now, named in\n"
		"                       the answer\n",
	.opts = review_opts,
	.flags = CLI_STORE,
	.check = review_check,
	.run = review_run,
};
