/* duban record: append a department's status and progress note on a task.
 * src/record.c does the work (the same operation the terminal UI calls);
 * this reads the arguments, the note and the department, and prints. */
#include <unistd.h>

#include "src/cli/cli.h"
#include "src/editor.h"
#include "src/note.h"
#include "src/record.h"
#include "src/status.h"
#include "src/util.h"
#include "src/banned.h"

static int record_check(struct cli *cli, const struct cli_args *a)
{
	const char *status = cli_arg(a, OPT_STATUS), *period = cli_arg(a, OPT_PERIOD);
	if (status && status_parse(status) < 0)
		return cli_usage(cli, "invalid --status '%s': use not-started, in-progress, "
				 "behind, done or ongoing", status);
	if (period && !period_valid(period))
		return cli_usage(cli, "invalid --period '%s': write a quarter like 2024Q3", period);
	if (a->argc != 1)
		return cli_usage(cli, "name one task, like 2024-105");
	if (cli_arg(a, OPT_NOTE) && cli_arg(a, OPT_NOTE_FILE))
		return cli_usage(cli, "give the note with --note or --note-file, not both");
	if (!status && !cli_arg(a, OPT_NOTE) && !cli_arg(a, OPT_NOTE_FILE))
		return cli_usage(cli, "give the status with --status STATUS (or only a note with --note TEXT)");
	/* the note is asked for in $EDITOR only on a terminal */
	if (status && !cli_arg(a, OPT_NOTE) && !cli_arg(a, OPT_NOTE_FILE) &&
	    status_note_missing(status_parse(status), NULL) && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
		return cli_usage(cli, STATUS_NOTE_RULE ": add --note TEXT");
	return 0;
}

static int record_run(struct cli *cli, const struct cli_args *a)
{
	const char *note_arg = cli_arg(a, OPT_NOTE), *note_file = cli_arg(a, OPT_NOTE_FILE);
	char *dept = NULL, *note = NULL;
	struct record_req req;
	struct record_result res;
	struct err e = { 0, "" };
	int rc;

	if ((rc = cli_write_dept(cli, cli_arg(a, OPT_DEPT), &dept)))
		return rc;
	if (note_arg) {
		note = xstrdup(note_arg);
	} else if (note_file) {
		if (note_read(note_file, &note, &e)) {
			rc = cli_fail(&e);
			goto out;
		}
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		if (editor_run(NULL, &note, &e)) {
			rc = cli_fail(&e);
			goto out;
		}
	}
	memset(&req, 0, sizeof req);
	req.task = a->argv[0];
	req.dept = dept;
	req.period = cli_arg(a, OPT_PERIOD);
	req.note_only = !cli_arg(a, OPT_STATUS);
	req.status = req.note_only ? ST_NOT_STARTED : (enum status)status_parse(cli_arg(a, OPT_STATUS));
	req.note = note;
	req.based_on = cli_arg(a, OPT_BASED_ON);
	req.backfill = cli_arg(a, OPT_BACKFILL) != NULL;
	if (record_progress(cli->store, cli->login, &req, &res, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (req.note_only)
		printf("noted %s for %s on %s (record %s); the status is unchanged\n", res.period, dept,
		       req.task, res.id);
	else
		printf("recorded %s %s for %s on %s%s (record %s)\n", res.period, status_name(req.status),
		       dept, req.task, res.backfill ? " as a backfill" : "", res.id);
	if (res.conflict) {
		char at[40];
		date_local(res.newer.at ? res.newer.at : "", 0, at, sizeof at);
		if (res.newer.id)
			fprintf(stderr, "duban: warning: the status changed while you worked: %s recorded "
				"%s %s at %s; both records are kept, yours is now the newest\n",
				res.newer.who, res.newer.period, status_name(res.newer.status), at);
		else
			fprintf(stderr, "duban: warning: the record you based this on is no longer the "
				"newest; both are kept\n");
	}
	if (res.close_off)
		printf("close-off requested: the task shows as done (pending review) until "
		       "the joint conference office approves it\n");
	else if (res.closed && !req.note_only)
		printf("the task's close-off was approved, so it stays done: this record changes no "
		       "status (the office may reopen it)\n");
	record_result_release(&res);
out:
	free(dept);
	free(note);
	return rc;
}

static const struct option record_opts[] = {
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "note-file", required_argument, NULL, OPT_NOTE_FILE },
	{ "based-on", required_argument, NULL, OPT_BASED_ON },
	{ "backfill", no_argument, NULL, OPT_BACKFILL },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_record = {
	.name = "record",
	.usage = "record TASK-ID [--status STATUS] [--dept NAME] [--period QUARTER] [--backfill] [--note TEXT | --note-file FILE] [--based-on RECORD]",
	.summary = "record a department's status and progress note on a task, or a note alone",
	.help = "  --status STATUS      not-started, in-progress, behind, done or ongoing (or 未启动 推进中 滞后 已完成 持续推进);\n"
		"                       without it the note is added alone and changes no status\n"
		"  --dept NAME          the department (default: the liaison's own)\n"
		"  --period QUARTER     the quarter reported on, like 2024Q3 (default: the open\n"
		"                       reporting period of the task's plan)\n"
		"  --backfill           office: record for a quarter that is not open (the history says so)\n"
		"  --note TEXT          the progress note (进展情况); required for behind\n"
		"  --note-file FILE     read the note from FILE (- for standard input)\n"
		"                       without either, on a terminal, $EDITOR opens\n"
		"  --based-on RECORD    the record id you saw; warns if someone recorded since\n",
	.opts = record_opts,
	.flags = CLI_STORE,
	.check = record_check,
	.run = record_run,
};
