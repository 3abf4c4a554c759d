/* The verbs of the command line, in the order `duban --help` lists them. A
 * verb is a file of its own in src/cli/ (`duban record` is src/cli/record.c)
 * and one line in each list below. */
#include "src/cli/verbs.h"
#include "src/util.h"
#include "src/banned.h"

extern const struct cli_verb cli_verb_import, cli_verb_plans, cli_verb_depts, cli_verb_tasks,
	cli_verb_show, cli_verb_record, cli_verb_attach, cli_verb_review, cli_verb_history,
	cli_verb_evidence, cli_verb_status, cli_verb_user, cli_verb_config, cli_verb_checklist,
	cli_verb_report, cli_verb_carryover, cli_verb_period, cli_verb_task, cli_verb_plan, cli_verb_help,
	cli_verb_complete, cli_verb_remind, cli_verb_bulletin, cli_verb_verify, cli_verb_indicator, cli_verb_sync;

const struct cli_verb *const cli_verbs[] = {
	&cli_verb_import,
	&cli_verb_plan,
	&cli_verb_plans,
	&cli_verb_depts,
	&cli_verb_tasks,
	&cli_verb_show,
	&cli_verb_record,
	&cli_verb_attach,
	&cli_verb_review,
	&cli_verb_period,
	&cli_verb_task,
	&cli_verb_history,
	&cli_verb_evidence,
	&cli_verb_status,
	&cli_verb_user,
	&cli_verb_config,
	&cli_verb_checklist,
	&cli_verb_report,
	&cli_verb_remind,
	&cli_verb_bulletin,
	&cli_verb_indicator,
	&cli_verb_carryover,
	&cli_verb_verify,
	&cli_verb_sync,
	&cli_verb_help,
	&cli_verb_complete,
	NULL
};

int cli_main(struct cli *cli, int argc, char **argv)
{
	cli->verbs = cli_verbs;
	for (const struct cli_verb *const *v = cli_verbs; *v; v++)
		if (!strcmp((*v)->name, argv[0]))
			return cli_verb_run(cli, *v, argc, argv);
	fprintf(stderr, "duban: no command '%s'; 'duban help' lists them\n", argv[0]);
	return ERR_USAGE;
}
