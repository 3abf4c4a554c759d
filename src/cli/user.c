/* duban user: who may record what. Adding and removing users is the office's;
 * the store enforces it. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int user_check(struct cli *cli, const struct cli_args *a)
{
	const char *role = cli_arg(a, OPT_ROLE);
	int fmt;
	if (cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt))
		return ERR_USAGE;
	if (role && user_role_parse(role) < 0)
		return cli_usage(cli, "unknown --role '%s': use liaison, office or viewer", role);
	if (a->argc < 1)
		return cli_usage(cli, "say add, list or remove");
	if (!strcmp(a->argv[0], "list"))
		return 0;
	if (!strcmp(a->argv[0], "add")) {
		if (a->argc != 2)
			return cli_usage(cli, "name one login: duban user add LOGIN --role ROLE [--dept NAME]");
		if (!role)
			return cli_usage(cli, "give the role with --role liaison|office|viewer");
		return 0;
	}
	if (!strcmp(a->argv[0], "remove")) {
		if (a->argc != 2)
			return cli_usage(cli, "name one login: duban user remove LOGIN");
		return 0;
	}
	return cli_usage(cli, "unknown subcommand '%s': use add, list or remove", a->argv[0]);
}

static int user_list(struct cli *cli, const struct cli_args *a)
{
	static const struct out_col cols[] = {
		{ "login", 's', 0 }, { "role", 's', 0 }, { "dept", 's', 0 }, { "added_by", 's', 0 },
		{ "added_at", 't', 0 },
	};
	struct user_info *v;
	struct out_table t;
	struct err e = { 0, "" };
	struct actor me;
	size_t n;
	int fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (store_user_list(cli->store, &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, 5);
	for (size_t i = 0; i < n; i++) {
		const char *row[5] = { v[i].login, user_role_name(v[i].role), v[i].dept, v[i].added_by,
				       v[i].added_at };
		out_table_add(&t, row);
	}
	if (n == 0 && fmt == FMT_TABLE && store_actor_get(cli->store, cli->login, &me, &e) == 0) {
		printf("no users defined: '%s' (the local user) acts as the office\n", me.login);
		store_actor_release(&me);
	} else {
		out_table_print(&t, stdout, fmt, out_term_width());
	}
	out_table_release(&t);
	store_user_list_free(v, n);
	return 0;
}

static int user_add(struct cli *cli, const struct cli_args *a)
{
	const char *dept_arg = cli_arg(a, OPT_DEPT);
	enum user_role role = (enum user_role)user_role_parse(cli_arg(a, OPT_ROLE));
	struct err e = { 0, "" };
	char *dept = NULL;
	int rc = 0;

	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
		return cli_fail(&e);
	if (store_user_add(cli->store, cli->login, a->argv[1], role, dept, &e))
		rc = cli_fail(&e);
	else
		printf("user %s is now %s%s%s\n", a->argv[1], user_role_name(role), dept ? " of " : "",
		       dept ? dept : "");
	free(dept);
	return rc;
}

static int user_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	if (!strcmp(a->argv[0], "list"))
		return user_list(cli, a);
	if (!strcmp(a->argv[0], "add"))
		return user_add(cli, a);
	if (store_user_remove(cli->store, cli->login, a->argv[1], &e))
		return cli_fail(&e);
	printf("removed user %s (their records stay)\n", a->argv[1]);
	return 0;
}

static const struct option user_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_user = {
	.name = "user",
	.usage = "user add LOGIN --role liaison|office|viewer [--dept NAME] | user list [--format FMT] | user remove LOGIN",
	.summary = "manage who may record what (office only to change)",
	.help = "  --role ROLE          liaison (records for its department), office (everything), viewer (reads)\n"
		"  --dept NAME          the liaison's department\n"
		"  --format FMT         list: table (default), tsv, csv or json\n",
	.opts = user_opts,
	.flags = CLI_STORE,
	.check = user_check,
	.run = user_run,
};
