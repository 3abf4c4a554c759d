/* duban depts: the departments with the number of tasks each leads and takes
 * part in, and with --aliases their other spellings. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int depts_run(struct cli *cli, const struct cli_args *a)
{
	static const struct out_col cols[] = {
		{ "name", 's', 0 }, { "kind", 's', 0 }, { "lead", 'n', 0 }, { "participant", 'n', 0 },
		{ "aliases", 'a', 1 },
	};
	int aliases = cli_arg(a, OPT_ALIASES) != NULL;
	struct out_table t;
	struct dept_info *v;
	struct err e = { 0, "" };
	size_t n;
	int fmt;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (store_dept_list(cli->store, aliases, &v, &n, &e))
		return cli_fail(&e);
	out_table_init(&t, cols, aliases ? 5 : 4);
	for (size_t i = 0; i < n; i++) {
		char l[16], p[16];
		struct strbuf al = STRBUF_INIT;
		snprintf(l, sizeof l, "%d", v[i].lead);
		snprintf(p, sizeof p, "%d", v[i].participant);
		for (size_t j = 0; j < v[i].naliases; j++)
			sb_addf(&al, "%s%s", j ? "\n" : "", v[i].aliases[j]);
		const char *row[5] = { v[i].name, v[i].kind, l, p, sb_str(&al) };
		out_table_add(&t, row);
		sb_release(&al);
	}
	out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
	store_dept_list_free(v, n);
	return 0;
}

static const struct option depts_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "aliases", no_argument, NULL, OPT_ALIASES },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_depts = {
	.name = "depts",
	.usage = "depts [--aliases] [--format FMT]",
	.summary = "list departments with their lead and participant task counts",
	.help = "  --aliases            also list other spellings (^ marks a predecessor)\n"
		"  --format FMT         table (default), tsv, csv or json\n",
	.opts = depts_opts,
	.flags = CLI_STORE,
	.check = cli_check_listing,
	.run = depts_run,
};
