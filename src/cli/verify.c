/* duban verify: walk the hash chain over the append-only rows and the
 * triggers that keep it (store/store_chain.c), and say whether the database
 * is as duban wrote it; exit 9 when it is not, for scripts. */
#include "src/cli/cli.h"
#include "src/json.h"
#include "src/paths.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_chain.h"
#include "src/banned.h"

static const char *const kind_names[VERIFY_COUNT] = {
	"trigger", "guard", "edited", "deleted", "gap", "order", "stray", "unchained", "user", "file", "head"
};

static int verify_check(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT);
	if (fmt && strcmp(fmt, "text") && strcmp(fmt, "json"))
		return cli_usage(cli, "unknown format '%s': use text or json", fmt);
	if (a->argc > 0)
		return cli_usage(cli, "unexpected argument '%s'", a->argv[0]);
	return 0;
}

static void print_json(const char *path, const struct verify_result *r)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_object_begin(&j, JSON_LINES);
	json_key_str(&j, "database", path);
	json_key_bool(&j, "verified", r->nproblems == 0);
	json_key_int(&j, "links", r->links);
	json_key_str(&j, "head", r->head);
	json_key_int(&j, "triggers", r->triggers);
	json_key_int(&j, "users", r->users);
	json_key_int(&j, "user_changes", r->user_changes);
	json_key_int(&j, "files", r->blobs);
	json_key_int(&j, "problems", (long long)r->nproblems);
	json_key(&j, "listed");
	json_array_begin(&j, JSON_LINES);
	for (size_t i = 0; i < r->nkept; i++) {
		const struct verify_problem *p = &r->problems[i];
		json_object_begin(&j, JSON_INLINE);
		json_key_str(&j, "kind", kind_names[p->kind]);
		json_key_int(&j, "link", p->link);
		json_key_str(&j, "table", p->table);
		json_key_str(&j, "key", p->key);
		json_key_str(&j, "message", p->msg);
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
	printf("%s\n", sb_str(&sb));
	sb_release(&sb);
}

static void print_text(const char *path, const char *head, const struct verify_result *r)
{
	struct strbuf sb = STRBUF_INIT;
	if (r->nproblems) {
		for (size_t i = 0; i < r->nkept; i++) {
			sb_reset(&sb);
			text_escape(&sb, r->problems[i].msg, 0);
			printf("%s\n", sb_str(&sb));
		}
		if (r->nproblems > r->nkept)
			printf("... and %zu more\n", r->nproblems - r->nkept);
		sb_release(&sb);
		return;
	}
	text_escape(&sb, path, 0);
	printf("verified '%s': the chain of %lld links is whole, head %s\n", sb_str(&sb), r->links, r->head);
	printf("  %d chain triggers and the guards of every chained table in place; %lld users follow "
	       "their log of %lld changes; %lld stored files have their SHA-256\n", r->triggers, r->users,
	       r->user_changes, r->blobs);
	if (head) {
		sb_reset(&sb);
		text_escape(&sb, head, 0);
		printf("  the printed head %s is a link of the chain: nothing written before it was printed "
		       "has been changed since\n", sb_str(&sb));
	}
	sb_release(&sb);
}

static int verify_run(struct cli *cli, const struct cli_args *a)
{
	const char *head = cli_arg(a, OPT_HEAD), *fmt = cli_arg(a, OPT_FORMAT);
	struct err e = { 0, "" };
	struct verify_result r;
	struct strbuf esc = STRBUF_INIT;
	int rc;

	/* an existing database only: verifying a new, empty one proves nothing */
	if (!(cli->db_path = paths_db(cli->db_opt, &e)))
		return cli_fail(&e);
	if (store_open(cli->db_path, 0, &cli->store, &e))
		return cli_fail(&e);
	if (store_verify(cli->store, head, &r, &e)) {
		if (e.code == ERR_USAGE)
			return cli_usage(cli, "%s", e.msg);
		return cli_fail(&e);
	}
	if (fmt && !strcmp(fmt, "json"))
		print_json(cli->db_path, &r);
	else
		print_text(cli->db_path, head, &r);
	rc = r.nproblems ? ERR_VERIFY : 0;
	if (rc) {
		text_escape(&esc, cli->db_path, 0);
		fprintf(stderr, "duban: '%s' does not verify: %zu problem%s (listed on standard output); it "
			"was changed outside duban (README: 'What duban enforces')\n", sb_str(&esc), r.nproblems,
			r.nproblems == 1 ? "" : "s");
	}
	if (fflush(stdout))
		rc = ERR_IO;
	sb_release(&esc);
	store_verify_release(&r);
	return rc;
}

static const struct option verify_opts[] = {
	{ "head", required_argument, NULL, OPT_HEAD },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_verify = {
	.name = "verify",
	.usage = "verify [--head HEAD] [--format text|json]",
	.summary = "check that no record, review, evidence or user was changed outside duban",
	.help = "  --head HEAD          also check a chain head printed earlier on a report or\n"
		"                       checklist (like 1234:9f3ab2c4d5e6f708)\n"
		"  --format FMT         text (default) or json\n",
	.opts = verify_opts,
	.check = verify_check,
	.run = verify_run,
};
