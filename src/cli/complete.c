/* duban __complete (hidden): the candidates for bash completion
 * (completion/duban.bash). It reads the words typed so far and the verbs'
 * entries (their options and usage), so a new verb or option completes with
 * no change here: verbs, options, the choices a usage spells out
 * (--role lead|participant, approve | return), a listing's formats (FMT),
 * task ids (TASK-ID), departments (NAME) and plan keys (KEY) from the database, which it opens
 * read-only and never creates. */
#include "src/cli/cli.h"
#include "src/cli/usage.h"
#include "src/util.h"
#include "src/banned.h"

/* What an argument word of a usage stands for. */
enum want { WANT_NONE, WANT_FILES, WANT_TASKS, WANT_DEPTS, WANT_PLANS, WANT_FORMATS };

static enum want arg_want(const struct usage_word *w)
{
	if (usage_is(w, "TASK-ID"))
		return WANT_TASKS;
	if (usage_is(w, "NAME"))
		return WANT_DEPTS;
	if (usage_is(w, "KEY"))
		return WANT_PLANS;
	if (usage_is(w, "FILE") || usage_is(w, "PATH"))
		return WANT_FILES;
	if (usage_is(w, "FMT"))
		return WANT_FORMATS;
	return WANT_NONE;
}

static void put(const char *s, const char *prefix)
{
	if (util_starts_with(s, prefix))
		printf("%s\n", s);
}

/* The option of verb V (or --db, --help) that word W names, or NULL. */
static const struct option *find_opt(const struct cli_verb *v, const char *w)
{
	static const struct option common[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	const struct option *sets[] = { v->opts, common };
	size_t n = strcspn(w + 2, "=");
	for (size_t k = 0; k < 2; k++)
		for (const struct option *o = sets[k]; o && o->name; o++) {
			if (w[1] != '-' ? w[1] == o->val && !w[2]
					: strlen(o->name) == n && !strncmp(o->name, w + 2, n))
				return o;
		}
	return NULL;
}

/* Print the words after option O in V's usage: the choices it spells out,
 * or what its argument stands for. */
static enum want complete_value(const struct cli_verb *v, const struct option *o, const char *cur)
{
	struct usage_word w[USAGE_MAX_WORDS];
	char lname[64], sname[3] = { '-', (char)o->val, 0 };
	size_t n;
	snprintf(lname, sizeof lname, "--%s", o->name);
	if (o->val == OPT_DB)
		return WANT_FILES;
	for (int form = 0; (n = usage_form(v->usage, v->name, form, w)) > 0; form++) {
		for (size_t i = 0; i + 1 < n; i++) {
			if (w[i].kind != USAGE_OPT || !(usage_is(&w[i], lname) ||
							  (o->val < 128 && usage_is(&w[i], sname))))
				continue;
			if (w[i + 1].kind == USAGE_ARG)
				return arg_want(&w[i + 1]);
			for (size_t k = i + 1; k < n && w[k].kind == USAGE_LIT; k += 2) {
				char *s = xstrndup(w[k].s, w[k].len);
				put(s, cur);
				free(s);
				if (k + 1 >= n || w[k + 1].kind != USAGE_OR)
					break;
			}
			return WANT_NONE;
		}
	}
	return WANT_NONE;
}

/* The operand words of form W[0..N) after the verb's name: each option's
 * argument (a word, or choices joined by |) left out. */
static size_t operands_of(const struct cli_verb *v, const struct usage_word *w, size_t n,
			  const struct usage_word **ops, int *more)
{
	size_t k = 0;
	*more = 0;
	for (size_t i = 1; i < n; i++) {
		if (w[i].kind == USAGE_OPT) {
			char *name = xstrndup(w[i].s, w[i].len);
			const struct option *o = find_opt(v, name);
			free(name);
			if (o && o->has_arg == required_argument && i + 1 < n &&
			    (w[i + 1].kind == USAGE_ARG || w[i + 1].kind == USAGE_LIT)) {
				i++;
				while (i + 2 < n && w[i + 1].kind == USAGE_OR && w[i + 2].kind == USAGE_LIT)
					i += 2;
			}
		} else if (w[i].kind == USAGE_LIT || w[i].kind == USAGE_ARG) {
			ops[k++] = &w[i];
		} else if (w[i].kind == USAGE_MORE) {
			*more = 1;
		}
	}
	return k;
}

/* Print the candidates for operand number NTYPED of verb V, given the
 * operands TYPED before it; returns what an argument word asks for. */
static enum want complete_operand(const struct cli_verb *v, char **typed, size_t ntyped, const char *cur)
{
	struct usage_word w[USAGE_MAX_WORDS];
	enum want want = WANT_NONE;
	size_t n;
	for (int form = 0; (n = usage_form(v->usage, v->name, form, w)) > 0; form++) {
		const struct usage_word *ops[USAGE_MAX_WORDS];
		int more, fits = 1;
		size_t nops = operands_of(v, w, n, ops, &more);
		const struct usage_word *at;
		if (!nops || (ntyped >= nops && !more))
			continue;
		for (size_t i = 0; i < ntyped && fits; i++) {
			const struct usage_word *o = ops[i < nops ? i : nops - 1];
			fits = o->kind == USAGE_ARG || usage_is(o, typed[i]);
		}
		if (!fits)
			continue;
		at = ops[ntyped < nops ? ntyped : nops - 1];
		if (at->kind == USAGE_LIT) {
			char *s = xstrndup(at->s, at->len);
			put(s, cur);
			free(s);
		} else if (want == WANT_NONE) {
			want = arg_want(at);
		}
	}
	return want;
}

static void complete_tasks(struct cli *cli, const char *cur)
{
	const char *dash = strchr(cur, '-');
	if (!dash) {
		/* the plan keys, each ready for its task number */
		struct plan_info *p;
		size_t n;
		struct err e = { 0, "" };
		if (store_plan_list(cli->store, &p, &n, &e))
			return;
		for (size_t i = 0; i < n; i++)
			if (util_starts_with(p[i].key, cur))
				printf("%s-\n", p[i].key);
		store_plan_list_free(p, n);
	} else {
		char *key = xstrndup(cur, (size_t)(dash - cur));
		struct task_filter f = { key, NULL, -1 };
		struct task_row *v;
		struct err e = { 0, "" };
		size_t n;
		if (store_task_query(cli->store, &f, &v, &n, &e) == 0) {
			for (size_t i = 0; i < n; i++)
				put(v[i].id, cur);
			store_task_rows_free(v, n);
		}
		free(key);
	}
}

/* Print the candidates WANT asks for from the database; 1 when it asks for
 * file names (the shell completes those). */
static int complete_from_db(struct cli *cli, enum want want, const char *cur)
{
	struct err e = { 0, "" };
	if (want == WANT_FILES)
		return 1;
	if (want == WANT_FORMATS) {
		/* a listing's formats (FMT); other verbs spell theirs out */
		for (int f = FMT_TABLE; f <= FMT_JSON; f++)
			put(out_format_name((enum out_format)f), cur);
		return 0;
	}
	if (want == WANT_NONE || cli_store_peek(cli))
		return 0;
	if (want == WANT_TASKS) {
		complete_tasks(cli, cur);
	} else if (want == WANT_DEPTS) {
		struct dept_info *d;
		size_t n;
		if (store_dept_list(cli->store, 0, &d, &n, &e) == 0) {
			for (size_t i = 0; i < n; i++)
				put(d[i].name, cur);
			store_dept_list_free(d, n);
		}
	} else if (want == WANT_PLANS) {
		struct plan_info *p;
		size_t n;
		if (store_plan_list(cli->store, &p, &n, &e) == 0) {
			for (size_t i = 0; i < n; i++)
				put(p[i].key, cur);
			store_plan_list_free(p, n);
		}
	}
	return 0;
}

static int complete_check(struct cli *cli, const struct cli_args *a)
{
	if (a->argc < 1)
		return cli_usage(cli, "give the words typed so far, the last one being completed");
	return 0;
}

/* A[0..argc) are the words after "duban", the last one being completed. */
static int complete_run(struct cli *cli, const struct cli_args *a)
{
	static const char *const global[] = { "--db", "--as", "--color=", "--help", "--version", NULL };
	const char *cur = a->argv[a->argc - 1];
	const struct cli_verb *const *vp;
	const struct option *pending = NULL;
	char **typed = xcalloc((size_t)a->argc, sizeof *typed);
	size_t ntyped = 0;
	enum want want;
	int i = 0, rc = 0;

	/* the global options before the verb (--db chooses the database) */
	while (i < a->argc - 1 && a->argv[i][0] == '-') {
		const char *w = a->argv[i++];
		if ((!strcmp(w, "--db") || !strcmp(w, "--as") || !strcmp(w, "--script") ||
		     !strcmp(w, "--dump")) && i < a->argc - 1) {
			if (!strcmp(w, "--db")) {
				free(cli->db_opt);
				cli->db_opt = xstrdup(a->argv[i]);
			}
			i++;
		}
	}
	if (i == a->argc - 1) {
		if (cur[0] == '-') {
			for (size_t k = 0; global[k]; k++)
				put(global[k], cur);
		} else {
			for (vp = cli->verbs; *vp; vp++)
				if (!((*vp)->flags & CLI_HIDDEN))
					put((*vp)->name, cur);
		}
		goto out;
	}
	for (vp = cli->verbs; *vp && strcmp((*vp)->name, a->argv[i]); vp++)
		;
	if (!*vp)
		goto out;
	for (i++; i < a->argc - 1; i++) {
		const char *w = a->argv[i];
		if (pending) {
			if (pending->val == OPT_DB) {
				free(cli->db_opt);
				cli->db_opt = xstrdup(w);
			}
			pending = NULL;
		} else if (w[0] == '-' && w[1]) {
			const struct option *o = find_opt(*vp, w);
			if (o && o->has_arg == required_argument && !strchr(w, '='))
				pending = o;
		} else {
			typed[ntyped++] = a->argv[i];
		}
	}
	if (pending) {
		want = complete_value(*vp, pending, cur);
	} else if (cur[0] == '-') {
		for (const struct option *o = (*vp)->opts; o && o->name; o++) {
			char name[64];
			snprintf(name, sizeof name, "--%s", o->name);
			put(name, cur);
		}
		put("--db", cur);
		put("--help", cur);
		want = WANT_NONE;
	} else {
		want = complete_operand(*vp, typed, ntyped, cur);
	}
	rc = complete_from_db(cli, want, cur);
out:
	free(typed);
	return rc;
}

const struct cli_verb cli_verb_complete = {
	.name = "__complete",
	.usage = "__complete -- WORD...",
	.summary = "the completions of the last WORD after the others (for completion/duban.bash)",
	.help = "  prints one candidate a line; exits 1 when file names are wanted\n",
	/* "+": the words are not this verb's options */
	.shortopts = "+",
	.flags = CLI_HIDDEN,
	.check = complete_check,
	.run = complete_run,
};
