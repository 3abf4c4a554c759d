/* duban indicator: a plan's indicators (指标) with their baselines, targets
 * and reported values, each judged by the one rule of src/indicator.h; the
 * office defines them (add, or import a table), the reporting departments
 * record values (record, or import a table of values). */
#include "src/cli/cli.h"
#include "src/indicator.h"
#include "src/indicator_table.h"
#include "src/json.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_indicator.h"
#include "src/banned.h"

/* The options only this verb takes, numbered above src/cli/cli.h's. */
enum { OPT_UNIT = 1900, OPT_KIND, OPT_DIRECTION, OPT_BASELINE, OPT_TARGET, OPT_VALUE, OPT_SOURCE };

static const char *const subs[] = { "list", "show", "add", "record", "import" };

static int sub_of(const char *s)
{
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, subs[i]))
			return i;
	return -1;
}

/* "YEAR:VALUE" (or "YEAR：VALUE", "YEAR年:VALUE"; "YEAR" or "YEAR:" for a
 * year whose value is not known) at S: *YEAR and the value (caller frees).
 * -1 when S does not start with a year. */
static int year_value(const char *s, size_t n, int *year, char **value)
{
	char y[8];
	size_t k = 0;
	char *head;
	while (k < n && s[k] >= '0' && s[k] <= '9')
		k++;
	if (k != 4)
		return -1;
	head = xstrndup(s, 4);
	if (ind_period_parse(head, y) || strlen(y) != 4) {
		free(head);
		return -1;
	}
	free(head);
	*year = ind_period_year(y);
	if (k + 3 <= n && !strncmp(s + k, "年", 3))
		k += 3;
	if (k < n && s[k] == ':')
		k++;
	else if (k + 3 <= n && !strncmp(s + k, "：", 3))
		k += 3;
	else if (k < n)
		return -1;
	*value = xstrndup(s + k, n - k);
	return 0;
}

/* 1 if the text at S separates targets: , ; ； ， 、 or a space. */
static size_t sep_len(const char *s)
{
	static const char *const seps[] = { ",", ";", " ", "；", "，", "、" };
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
		if (!strncmp(s, seps[i], strlen(seps[i])))
			return strlen(seps[i]);
	return 0;
}

/* --target "2025:12" or several, "2025:3,500;2035:4,000": a new target
 * starts at a year followed by ':' at the start or after a separator. */
static int parse_targets(const char *arg, struct ind_target **out, size_t *n)
{
	size_t starts[16], ns = 0, len = strlen(arg);
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < len && ns < 16; i++) {
		size_t k = i;
		if (i && !sep_len(arg + i - 1) && !(i >= 3 && sep_len(arg + i - 3) == 3))
			continue;
		while (k < len && arg[k] >= '0' && arg[k] <= '9')
			k++;
		if (k - i != 4 || (arg[k] != ':' && strncmp(arg + k, "：", 3) && strncmp(arg + k, "年", 3)))
			continue;
		starts[ns++] = i;
	}
	if (!ns || starts[0] != strspn(arg, " "))
		return -1;
	*out = xcalloc(ns, sizeof **out);
	for (size_t i = 0; i < ns; i++) {
		size_t end = i + 1 < ns ? starts[i + 1] : len;
		while (end > starts[i]) {
			size_t sl = 0;
			for (size_t w = 1; w <= 3 && w <= end - starts[i]; w++)
				if (sep_len(arg + end - w) == w)
					sl = w;
			if (!sl)
				break;
			end -= sl;
		}
		if (year_value(arg + starts[i], end - starts[i], &(*out)[i].year, &(*out)[i].value) ||
		    !*(*out)[i].value) {
			for (size_t k = 0; k <= i; k++)
				free((*out)[k].value);
			free(*out);
			*out = NULL;
			return -1;
		}
		(*n)++;
	}
	return 0;
}

static void targets_free(struct ind_target *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].value);
	free(t);
}

static int indicator_check(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT), *year = cli_arg(a, OPT_YEAR);
	int sub, y, f;
	if (a->argc < 1)
		return cli_usage(cli, "say list, show, add, record or import");
	if ((sub = sub_of(a->argv[0])) < 0)
		return cli_usage(cli, "unknown subcommand '%s': use list, show, add, record or import", a->argv[0]);
	if (year && cli_year(cli, year, &y))
		return ERR_USAGE;
	if (sub == 0) {
		if (cli_format(cli, fmt, &f))
			return ERR_USAGE;
		return a->argc == 1 ? 0 : cli_usage(cli, "unexpected argument '%s'", a->argv[1]);
	}
	if (a->argc != 2)
		return cli_usage(cli, sub == 4 ? "name one file: duban indicator import FILE.csv (or FILE.xlsx)"
			       : sub == 2 ? "name one indicator: duban indicator add NAME --plan KEY --unit UNIT"
			       : "name one indicator, by its id (FYP14-I4) or its name");
	if (sub == 1 && fmt && strcmp(fmt, "text") && strcmp(fmt, "json"))
		return cli_usage(cli, "unknown format '%s': use text or json", fmt);
	if (sub != 1 && sub != 0 && fmt)
		return cli_usage(cli, "--format goes with list and show");
	if (sub == 2) {
		const char *kind = cli_arg(a, OPT_KIND), *dir = cli_arg(a, OPT_DIRECTION);
		const char *base = cli_arg(a, OPT_BASELINE), *tg = cli_arg(a, OPT_TARGET);
		if (!cli_arg(a, OPT_PLAN))
			return cli_usage(cli, "an indicator belongs to a plan: add --plan KEY (like FYP14)");
		if (kind && ind_kind_parse(kind) < 0)
			return cli_usage(cli, "unknown --kind '%s': use 预期性 (expected) or 约束性 (binding)", kind);
		if (dir && ind_direction_parse(dir) < 0)
			return cli_usage(cli, "unknown --direction '%s': use higher (越高越好) or lower (越低越好)", dir);
		if (base) {
			char *v = NULL;
			int by;
			if (year_value(base, strlen(base), &by, &v)) {
				free(v);
				return cli_usage(cli, "invalid --baseline '%s': write YEAR:VALUE, like 2020:3194.4 "
						 "(or 2020: when the value is not known)", base);
			}
			free(v);
		}
		if (tg && *tg) {
			struct ind_target *t;
			size_t n;
			if (parse_targets(tg, &t, &n))
				return cli_usage(cli, "invalid --target '%s': write YEAR:VALUE, several separated "
						 "by ';', like 2025:12;2035:20", tg);
			targets_free(t, n);
		}
	} else if (cli_arg(a, OPT_UNIT) || cli_arg(a, OPT_KIND) || cli_arg(a, OPT_DIRECTION) ||
		   cli_arg(a, OPT_BASELINE) || cli_arg(a, OPT_TARGET)) {
		return cli_usage(cli, "--unit, --kind, --direction, --baseline and --target go with 'indicator add'");
	}
	if (sub == 3) {
		if (!cli_arg(a, OPT_PERIOD))
			return cli_usage(cli, "give the period with --period, a year like 2024 or a quarter like 2024Q3");
		if (!cli_arg(a, OPT_VALUE))
			return cli_usage(cli, "give the value with --value, like --value 3194.4");
	} else if (cli_arg(a, OPT_VALUE) || cli_arg(a, OPT_SOURCE) || cli_arg(a, OPT_PERIOD)) {
		return cli_usage(cli, "--period, --value and --source go with 'indicator record'");
	}
	if (cli_arg(a, OPT_DRY) && sub != 4)
		return cli_usage(cli, "--dry-run goes with 'indicator import FILE'");
	if (year && sub != 0 && sub != 1)
		return cli_usage(cli, "--year goes with list and show");
	return 0;
}

/* The indicators of the database and the one TYPED names (--plan helps). */
static int find(struct cli *cli, const char *typed, const char *plan, struct indicator **v, size_t *n,
		size_t *idx)
{
	struct err e = { 0, "" };
	if (store_indicator_list(cli->store, NULL, NULL, v, n, &e))
		return cli_fail(&e);
	if (indicator_find(*v, *n, typed, plan, idx, &e)) {
		size_t k = strlen(e.msg);
		if (e.code == ERR_NOTFOUND)
			snprintf(e.msg + k, sizeof e.msg - k, " ('duban indicator list' lists them)");
		indicator_list_free(*v, *n);
		*v = NULL;
		*n = 0;
		return cli_fail(&e);
	}
	return 0;
}

/* The values of V among the N values ALL (sorted by indicator). */
static const struct ind_value *values_of(const struct ind_value *all, size_t n, const char *id, size_t *k)
{
	size_t i = 0;
	while (i < n && strcmp(all[i].indicator, id))
		i++;
	*k = 0;
	while (i + *k < n && !strcmp(all[i + *k].indicator, id))
		(*k)++;
	return all + i;
}

static void year_value_text(char *buf, size_t n, int year, const char *value)
{
	if (year && *value)
		snprintf(buf, n, "%d: %s", year, value);
	else if (year)
		snprintf(buf, n, "%d: ?", year);
	else
		snprintf(buf, n, "%s", *value ? value : "");
}

static void targets_text(const struct indicator *ind, struct strbuf *sb)
{
	for (size_t i = 0; i < ind->ntargets; i++)
		sb_addf(sb, "%s%d: %s", i ? "; " : "", ind->targets[i].year, ind->targets[i].value);
}

static void depts_text(const struct indicator *ind, const char *sep, struct strbuf *sb)
{
	for (size_t i = 0; i < ind->ndepts; i++)
		sb_addf(sb, "%s%s", i ? sep : "", ind->depts[i]);
}

static int list_run(struct cli *cli, const struct cli_args *a)
{
	static const struct out_col table_cols[] = {
		{ "id", 's', 0 }, { "name", 's', 1 }, { "unit", 's', 0 }, { "baseline", 's', 0 },
		{ "latest", 's', 0 }, { "target", 's', 0 }, { "judgement", 's', 0 },
	};
	static const struct out_col full_cols[] = {
		{ "id", 's', 0 }, { "plan", 's', 0 }, { "name", 's', 0 }, { "unit", 's', 0 },
		{ "kind", 's', 0 }, { "direction", 's', 0 }, { "baseline_year", 'n', 0 },
		{ "baseline", 'n', 0 }, { "latest_period", 's', 0 }, { "latest", 'n', 0 },
		{ "target_year", 'n', 0 }, { "target", 'n', 0 }, { "judgement", 's', 0 },
		{ "judgement_zh", 's', 0 }, { "depts", 'a', 0 },
	};
	const char *plan = cli_arg(a, OPT_PLAN), *dept_arg = cli_arg(a, OPT_DEPT), *year = cli_arg(a, OPT_YEAR);
	struct indicator *v = NULL;
	struct ind_value *vals = NULL;
	struct out_table t;
	struct err e = { 0, "" };
	char *dept = NULL;
	size_t n = 0, nv = 0;
	int fmt, upto = year ? atoi(year) : 0, rc = 0;

	cli_format(cli, cli_arg(a, OPT_FORMAT), &fmt);
	if (plan) {
		struct plan_info p;
		if (store_plan_get(cli->store, plan, &p, &e)) {
			if (e.code == ERR_NOTFOUND)
				err_set(&e, ERR_NOTFOUND, "no plan '%s'; 'duban plans' lists the plans held", plan);
			return cli_fail(&e);
		}
		store_plan_info_release(&p);
	}
	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e))
		return cli_fail(&e);
	if (store_indicator_list(cli->store, plan, dept, &v, &n, &e) ||
	    store_indicator_values(cli->store, NULL, plan, &vals, &nv, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (fmt == FMT_TABLE)
		out_table_init(&t, table_cols, 7);
	else
		out_table_init(&t, full_cols, 15);
	for (size_t i = 0; i < n; i++) {
		const struct indicator *ind = &v[i];
		struct ind_verdict vd;
		size_t k;
		const struct ind_value *iv = values_of(vals, nv, ind->id, &k);
		char by[16] = "", base[64], latest[64], target[64], ty[16] = "";
		struct strbuf depts = STRBUF_INIT;
		const struct ind_target *tg;
		indicator_judge(ind, iv, k, upto, &vd);
		/* the target judged against, else the one of the year judged */
		tg = indicator_target_for(ind, vd.has_target ? vd.target_year : upto);
		if (tg)
			snprintf(ty, sizeof ty, "%d", tg->year);
		if (fmt == FMT_TABLE) {
			year_value_text(base, sizeof base, ind->baseline_year, ind->baseline);
			if (vd.latest)
				snprintf(latest, sizeof latest, "%s: %s", vd.latest->period, vd.latest->value);
			else
				latest[0] = '\0';
			if (tg)
				snprintf(target, sizeof target, "%d: %s", tg->year, tg->value);
			else
				target[0] = '\0';
			{
				const char *row[7] = { ind->id, ind->name, ind->unit, base, latest, target,
						       ind_judgement_name_zh(vd.j, vd.early) };
				out_table_add(&t, row);
			}
			continue;
		}
		if (ind->baseline_year)
			snprintf(by, sizeof by, "%d", ind->baseline_year);
		depts_text(ind, "\n", &depts);
		{
			const char *row[15] = {
				ind->id, ind->plan, ind->name, ind->unit, ind_kind_name(ind->kind),
				ind_direction_name(ind->direction), by, ind->baseline,
				vd.latest ? vd.latest->period : "", vd.latest ? vd.latest->value : "", ty,
				tg ? tg->value : "",
				ind_judgement_name(vd.j), ind_judgement_name_zh(vd.j, vd.early), sb_str(&depts)
			};
			out_table_add(&t, row);
		}
		sb_release(&depts);
	}
	if (!n && fmt == FMT_TABLE)
		printf("no indicators%s%s%s%s; the office defines them with 'duban indicator add' or "
		       "'duban indicator import'\n", plan ? " in plan " : "", plan ? plan : "",
		       dept ? " reported by " : "", dept ? dept : "");
	else
		out_table_print(&t, stdout, fmt, out_term_width());
	out_table_release(&t);
out:
	free(dept);
	indicator_list_free(v, n);
	ind_values_free(vals, nv);
	return rc;
}

static void show_json(const struct indicator *ind, const struct ind_value *iv, size_t k,
		      const struct ind_verdict *vd, int upto, struct strbuf *sb)
{
	struct json j;
	const struct ind_value **cur;
	size_t nc = indicator_current_values(iv, k, upto, &cur);
	json_init(&j, sb, "  ");
	json_object_begin(&j, JSON_LINES);
	json_key_str(&j, "id", ind->id);
	json_key_str(&j, "plan", ind->plan);
	json_key_str(&j, "name", ind->name);
	json_key_str(&j, "unit", ind->unit);
	json_key_str(&j, "kind", ind_kind_name(ind->kind));
	json_key_str(&j, "direction", ind_direction_name(ind->direction));
	json_key(&j, "baseline");
	json_object_begin(&j, JSON_INLINE);
	if (ind->baseline_year)
		json_key_int(&j, "year", ind->baseline_year);
	else {
		json_key(&j, "year");
		json_null(&j);
	}
	json_key(&j, "value");
	if (*ind->baseline)
		json_number(&j, ind->baseline);
	else
		json_null(&j);
	json_end(&j);
	json_key(&j, "targets");
	json_array_begin(&j, JSON_INLINE);
	for (size_t i = 0; i < ind->ntargets; i++) {
		json_object_begin(&j, JSON_INLINE);
		json_key_int(&j, "year", ind->targets[i].year);
		json_key(&j, "value");
		json_number(&j, ind->targets[i].value);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "depts");
	json_array_begin(&j, JSON_INLINE);
	for (size_t i = 0; i < ind->ndepts; i++)
		json_str(&j, ind->depts[i]);
	json_end(&j);
	json_key_str(&j, "note", ind->note);
	json_key_str(&j, "judgement", ind_judgement_name(vd->j));
	json_key_str(&j, "judgement_zh", ind_judgement_name_zh(vd->j, vd->early));
	json_key_bool(&j, "early", vd->early);
	json_key_str(&j, "why", vd->why);
	json_key(&j, "values");
	json_array_begin(&j, JSON_LINES);
	for (size_t i = 0; i < k; i++) {
		int current = 0;
		for (size_t c = 0; c < nc; c++)
			current |= cur[c] == &iv[i];
		json_object_begin(&j, JSON_INLINE);
		json_key_str(&j, "id", iv[i].id);
		json_key_str(&j, "period", iv[i].period);
		json_key(&j, "value");
		json_number(&j, iv[i].value);
		json_key_str(&j, "typed", iv[i].typed);
		json_key_str(&j, "source_kind", iv[i].source_kind);
		json_key_str(&j, "source", iv[i].source);
		json_key_str(&j, "dept", iv[i].dept);
		json_key_str(&j, "note", iv[i].note);
		json_key_str(&j, "who", iv[i].who);
		json_key_str(&j, "at", iv[i].at);
		json_key_bool(&j, "superseded", !current && (!upto || ind_period_year(iv[i].period) <= upto));
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
	sb_addc(sb, '\n');
	free(cur);
}

static void show_text(const struct indicator *ind, const struct plan_info *p, const struct ind_value *iv,
		      size_t k, const struct ind_verdict *vd, int upto, struct strbuf *sb)
{
	const struct ind_value **cur;
	size_t nc = indicator_current_values(iv, k, upto, &cur);
	char base[64];
	sb_addf(sb, "%s  %s\n", ind->id, ind->name);
	sb_addf(sb, "plan:        %s %s\n", ind->plan, p ? p->title : "");
	sb_addf(sb, "unit:        %s    kind: %s    direction: %s\n", ind->unit, ind_kind_name_zh(ind->kind),
		ind_direction_name_zh(ind->direction));
	year_value_text(base, sizeof base, ind->baseline_year, ind->baseline);
	sb_addf(sb, "baseline:    %s\n", *base ? base : "not known");
	sb_adds(sb, "targets:     ");
	targets_text(ind, sb);
	sb_adds(sb, ind->ntargets ? "\n" : "none\n");
	sb_adds(sb, "reported by: ");
	depts_text(ind, "、", sb);
	sb_adds(sb, ind->ndepts ? "\n" : "no department named (the office records it)\n");
	if (*ind->note)
		sb_addf(sb, "note:        %s\n", ind->note);
	sb_addf(sb, "defined by:  %s at %s\n", ind->defined_by, ind->defined_at);
	if (upto)
		sb_addf(sb, "\njudgement as of %d: ", upto);
	else
		sb_adds(sb, "\njudgement: ");
	sb_addf(sb, "%s (%s)\n  %s\n", ind_judgement_name_zh(vd->j, vd->early), ind_judgement_name(vd->j),
		vd->why);
	sb_addf(sb, "\nvalues (%zu; the newest record of a period counts):\n", k);
	if (!k)
		sb_adds(sb, "  none reported\n");
	for (size_t i = 0; i < k; i++) {
		int current = 0;
		for (size_t c = 0; c < nc; c++)
			current |= cur[c] == &iv[i];
		sb_addf(sb, "  %-7s %-12s", iv[i].period, iv[i].value);
		if (strcmp(iv[i].typed, iv[i].value))
			sb_addf(sb, " (typed %s)", iv[i].typed);
		sb_addf(sb, "  %s %.19s", iv[i].who, iv[i].at);
		if (*iv[i].dept)
			sb_addf(sb, " for %s", iv[i].dept);
		if (!current && (!upto || ind_period_year(iv[i].period) <= upto))
			sb_adds(sb, "  [corrected later]");
		else if (upto && ind_period_year(iv[i].period) > upto)
			sb_addf(sb, "  [after %d]", upto);
		sb_addc(sb, '\n');
		if (*iv[i].source)
			sb_addf(sb, "          source (%s): %s\n", iv[i].source_kind, iv[i].source);
		if (*iv[i].note)
			sb_addf(sb, "          note: %s\n", iv[i].note);
	}
	free(cur);
}

static int show_run(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT), *year = cli_arg(a, OPT_YEAR);
	struct indicator *v = NULL;
	struct ind_value *iv = NULL;
	struct ind_verdict vd;
	struct plan_info p;
	struct err e = { 0, "" };
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, k = 0, idx;
	int rc, upto = year ? atoi(year) : 0, have_plan;

	if ((rc = find(cli, a->argv[1], cli_arg(a, OPT_PLAN), &v, &n, &idx)))
		return rc;
	if (store_indicator_values(cli->store, v[idx].id, NULL, &iv, &k, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	indicator_judge(&v[idx], iv, k, upto, &vd);
	if (fmt && !strcmp(fmt, "json")) {
		show_json(&v[idx], iv, k, &vd, upto, &sb);
		fputs(sb_str(&sb), stdout);
		goto out;
	}
	have_plan = store_plan_get(cli->store, v[idx].plan, &p, &e) == 0;
	show_text(&v[idx], have_plan ? &p : NULL, iv, k, &vd, upto, &sb);
	if (have_plan)
		store_plan_info_release(&p);
	{
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, sb_str(&sb), 1);
		fputs(sb_str(&esc), stdout);
		sb_release(&esc);
	}
out:
	sb_release(&sb);
	ind_values_free(iv, k);
	indicator_list_free(v, n);
	return rc;
}

static int add_run(struct cli *cli, const struct cli_args *a)
{
	const char *base = cli_arg(a, OPT_BASELINE), *tg = cli_arg(a, OPT_TARGET);
	const char *kind = cli_arg(a, OPT_KIND), *dir = cli_arg(a, OPT_DIRECTION);
	const char *depts_a = cli_arg(a, OPT_DEPT);
	struct ind_def d;
	struct ind_target *targets = NULL;
	size_t ntargets = 0, ndepts = 0;
	char **depts = NULL, *bval = NULL, *name = NULL, id[48];
	enum ind_def_outcome oc;
	struct err e = { 0, "" };
	int rc = 0;

	memset(&d, 0, sizeof d);
	d.plan = cli_arg(a, OPT_PLAN);
	d.name = a->argv[1];
	{
		/* an indicator the plan has, named by its id or its name, is
		 * changed; any other name is a new one */
		struct indicator *v = NULL;
		size_t n = 0, idx;
		if (store_indicator_list(cli->store, d.plan, NULL, &v, &n, &e) == 0 &&
		    indicator_find(v, n, a->argv[1], d.plan, &idx, &e) == 0)
			name = xstrdup(v[idx].name);
		indicator_list_free(v, n);
		err_clear(&e);
		if (name)
			d.name = name;
	}
	d.unit = cli_arg(a, OPT_UNIT);
	d.note = cli_arg(a, OPT_NOTE);
	d.kind = kind ? ind_kind_parse(kind) : -1;
	d.direction = dir ? ind_direction_parse(dir) : -1;
	if (base) {
		d.set_baseline = 1;
		year_value(base, strlen(base), &d.baseline_year, &bval);
		d.baseline = bval;
	}
	if (tg) {
		d.set_targets = 1;
		if (*tg)
			parse_targets(tg, &targets, &ntargets);
		d.targets = targets;
		d.ntargets = ntargets;
	}
	if (depts_a) {
		if ((rc = cli_depts(cli, depts_a, &depts, &ndepts)))
			goto out;
		d.set_depts = 1;
		d.depts = depts;
		d.ndepts = ndepts;
	}
	if (store_indicator_define(cli->store, cli->login, &d, id, &oc, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	printf("%s %s %s\n", oc == IND_DEF_NEW ? "defined" : oc == IND_DEF_CHANGED ? "changed" : "unchanged:",
	       id, d.name);
out:
	free(name);
	free(bval);
	targets_free(targets, ntargets);
	store_strv_free(depts, ndepts);
	return rc;
}

static int record_run(struct cli *cli, const struct cli_args *a)
{
	const char *dept_arg = cli_arg(a, OPT_DEPT);
	struct indicator *v = NULL;
	struct ind_value *iv = NULL;
	struct ind_value_in in;
	struct ind_record_result r;
	struct ind_verdict vd;
	struct err e = { 0, "" };
	char *dept = NULL;
	size_t n = 0, k = 0, idx;
	int rc;

	if ((rc = find(cli, a->argv[1], cli_arg(a, OPT_PLAN), &v, &n, &idx)))
		return rc;
	if (dept_arg && cli_dept(cli, dept_arg, &dept, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	memset(&in, 0, sizeof in);
	in.indicator = v[idx].id;
	in.period = cli_arg(a, OPT_PERIOD);
	in.value = cli_arg(a, OPT_VALUE);
	in.source = cli_arg(a, OPT_SOURCE);
	in.note = cli_arg(a, OPT_NOTE);
	in.dept = dept;
	if (store_indicator_record(cli->store, cli->login, &in, &r, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	printf("recorded %s %s %s = %s %s%s%s (value %s)\n", v[idx].id, v[idx].name, r.period, r.value,
	       v[idx].unit, *r.dept ? " for " : "", r.dept, r.id);
	if (*r.previous)
		printf("it corrects %s recorded before for %s; both are kept, the newest counts\n", r.previous,
		       r.period);
	if (store_indicator_values(cli->store, v[idx].id, NULL, &iv, &k, &e) == 0) {
		indicator_judge(&v[idx], iv, k, 0, &vd);
		printf("judgement: %s (%s)\n", ind_judgement_name_zh(vd.j, vd.early), vd.why);
	}
out:
	free(dept);
	ind_values_free(iv, k);
	indicator_list_free(v, n);
	return rc;
}

static int import_run(struct cli *cli, const struct cli_args *a)
{
	struct ind_import_opts o;
	struct ind_import_result r;
	struct strbuf out = STRBUF_INIT, problems = STRBUF_INIT, from = STRBUF_INIT;
	struct err e = { 0, "" };
	int rc = 0;

	memset(&o, 0, sizeof o);
	o.plan = cli_arg(a, OPT_PLAN);
	o.dry_run = cli_arg(a, OPT_DRY) != NULL;
	o.who = cli->login;
	if (ind_import_file(cli->store, a->argv[1], &o, &out, &problems, &r, &e)) {
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, sb_str(&problems), 1);
		fputs(sb_str(&esc), stderr);
		sb_release(&esc);
		rc = cli_fail(&e);
		goto out;
	}
	{
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, sb_str(&out), 1);
		fputs(sb_str(&esc), stdout);
		sb_release(&esc);
	}
	if (*r.note) {
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, r.note, 1);
		fprintf(stderr, "duban: note: %s", sb_str(&esc));
		sb_release(&esc);
	}
	if (r.sheet)
		sb_addf(&from, "XLSX, sheet '%s'", r.sheet);
	else
		sb_adds(&from, r.encoding);
	{
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, sb_str(&from), 0);
		sb_reset(&from);
		sb_adds(&from, sb_str(&esc));
		sb_release(&esc);
	}
	if (r.kind == IND_TABLE_DEFS)
		printf("%s%zu indicators from '%s' (%s): %zu new, %zu changed, %zu unchanged%s\n",
		       o.dry_run ? "dry run: " : "", r.rows, a->argv[1], sb_str(&from), r.added, r.changed,
		       r.unchanged, o.dry_run ? "; nothing written" : "");
	else
		printf("%s%zu values from '%s' (%s)%s, %zu correcting an earlier one%s\n",
		       o.dry_run ? "dry run: " : "recorded ", r.rows, a->argv[1], sb_str(&from),
		       o.dry_run ? " would be recorded" : "", r.corrections,
		       o.dry_run ? "; nothing written" : "");
out:
	ind_import_result_release(&r);
	sb_release(&from);
	sb_release(&out);
	sb_release(&problems);
	return rc;
}

static int indicator_run(struct cli *cli, const struct cli_args *a)
{
	switch (sub_of(a->argv[0])) {
	case 0: return list_run(cli, a);
	case 1: return show_run(cli, a);
	case 2: return add_run(cli, a);
	case 3: return record_run(cli, a);
	default: return import_run(cli, a);
	}
}

static const struct option indicator_opts[] = {
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "direction", required_argument, NULL, OPT_DIRECTION },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "dry-run", no_argument, NULL, OPT_DRY },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_indicator = {
	.name = "indicator",
	.usage = "indicator list [--plan KEY] [--dept NAME] [--year YEAR] [--format FMT] | "
		 "indicator show INDICATOR [--plan KEY] [--year YEAR] [--format text|json] | "
		 "indicator add NAME --plan KEY [--unit UNIT] [--kind KIND] [--direction higher|lower] "
		 "[--baseline YEAR:VALUE] [--target YEAR:VALUE] [--dept NAMES] [--note TEXT] | "
		 "indicator record INDICATOR --period PERIOD --value VALUE [--source SOURCE] [--dept NAME] "
		 "[--note TEXT] [--plan KEY] | "
		 "indicator import [--dry-run] [--plan KEY] FILE",
	.summary = "a plan's indicators (指标): baselines, targets, reported values and their judgement",
	.help = "  INDICATOR            its id (FYP14-I4) or its name, simplified or traditional\n"
		"list and show:\n"
		"  --plan KEY           only this plan's (and where a name is in several plans)\n"
		"  --dept NAME          list: only the indicators this department reports\n"
		"  --year YEAR          judge as of the end of YEAR (default: every value)\n"
		"  --format FMT         list: table (default), tsv, csv or json; show: text or json\n"
		"add NAME (office; a name the plan has already changes that indicator):\n"
		"  --unit UNIT          件, 亿元, %, 分 ... (a new indicator needs one)\n"
		"  --kind KIND          预期性 (expected, the default) or 约束性 (binding)\n"
		"  --direction DIR      higher (越高越好, the default) or lower (越低越好) is better\n"
		"  --baseline Y:VALUE   the baseline year and value, like 2020:3194.4 (2020: when\n"
		"                       the value is not known)\n"
		"  --target Y:VALUE     the targets, like 2025:12 or 2025:12;2035:20 ('' for none)\n"
		"  --dept NAMES         the departments that report it, like 国家知识产权局、商务部\n"
		"  --note TEXT          the indicator's definition\n"
		"record INDICATOR (the office, or the liaison of a department that reports it):\n"
		"  --period PERIOD      the year (2024) or the quarter (2024Q3) the value is for\n"
		"  --value VALUE        as you would write it: 3194.4, 3,194.4, ３１９４．４, 80.05分\n"
		"  --source SOURCE      where it is published: a document number (文号) or a link\n"
		"  --dept NAME          office: the reporting department it is recorded for\n"
		"  --note TEXT          a note on the value\n"
		"import FILE.csv or FILE.xlsx: a table of indicators (columns 指标, 单位,\n"
		"  属性, 基期年份, 基期值, 2025年目标, 报送单位, 说明; office) or of values\n"
		"  (指标, 统计期, 数值, 来源), a CSV in UTF-8 or GB18030 or a workbook from\n"
		"  Excel, WPS or LibreOffice (its first sheet with the header), all rows\n"
		"  or none:\n"
		"  --plan KEY           the plan of rows without a 计划 column\n"
		"  --dry-run            check and show what would be taken, write nothing\n",
	.opts = indicator_opts,
	.flags = CLI_STORE,
	.check = indicator_check,
	.run = indicator_run,
};
