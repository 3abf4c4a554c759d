/* duban attach: attach evidence (佐证材料) to a task for a department: a file,
 * a document number (文号) or a link. src/evidence.c does the work. */
#include "src/cli/cli.h"
#include "src/evidence.h"
#include "src/util.h"
#include "src/banned.h"

static int attach_check(struct cli *cli, const struct cli_args *a)
{
	int kinds = (a->argc == 2) + !!cli_arg(a, OPT_DOCNO) + !!cli_arg(a, OPT_URL);
	if (a->argc < 1)
		return cli_usage(cli, "name the task, like 2024-105");
	if (a->argc > 2)
		return cli_usage(cli, "attach one file at a time");
	if (kinds != 1)
		return cli_usage(cli, "give exactly one of FILE, --docno TEXT or --url URL");
	return 0;
}

static int attach_run(struct cli *cli, const struct cli_args *a)
{
	const char *docno = cli_arg(a, OPT_DOCNO), *url = cli_arg(a, OPT_URL);
	const char *file = a->argc == 2 ? a->argv[1] : NULL;
	char *dept = NULL, *stored_title = NULL, id[33];
	struct evidence_add ea;
	struct err e = { 0, "" };
	int rc;

	if ((rc = cli_write_dept(cli, cli_arg(a, OPT_DEPT), &dept)))
		return rc;
	memset(&ea, 0, sizeof ea);
	ea.task = a->argv[0];
	ea.dept = dept;
	ea.kind = file ? EV_FILE : docno ? EV_DOCNO : EV_URL;
	ea.value = file ? file : docno ? docno : url;
	ea.title = cli_arg(a, OPT_TITLE);
	ea.progress = cli_arg(a, OPT_RECORD);
	if (evidence_attach(cli->store, cli->login, &ea, id, &stored_title, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	printf("attached %s '%s' to %s for %s (evidence %s)\n", evidence_kind_name(ea.kind), stored_title,
	       ea.task, dept, id);
	free(stored_title);
out:
	free(dept);
	return rc;
}

static const struct option attach_opts[] = {
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "docno", required_argument, NULL, OPT_DOCNO },
	{ "url", required_argument, NULL, OPT_URL },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_attach = {
	.name = "attach",
	.usage = "attach TASK-ID [--dept NAME] (FILE | --docno TEXT | --url URL) [--title TEXT] [--record RECORD]",
	.summary = "attach evidence (佐证材料): a file, a document number (文号) or a link",
	.help = "  --dept NAME          the department (default: the liaison's own)\n"
		"  --docno TEXT         an official document number, e.g. 国知发保字〔2024〕3号\n"
		"  --url URL            a link (http:// or https://)\n"
		"  --title TEXT         what it is (default: the file name, number or link)\n"
		"  --record RECORD      tie it to a progress record\n",
	.opts = attach_opts,
	.flags = CLI_STORE,
	.check = attach_check,
	.run = attach_run,
};
