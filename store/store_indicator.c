/* Indicators in the store: the office's definitions (one row each, with
 * their targets and reporting departments) and the values appended for
 * them with their sources, never changed. Every write runs in BEGIN
 * IMMEDIATE and checks who may make it inside that transaction. */
#include "store/store_indicator.h"
#include "store/store_int.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* indicators.direction and .kind in the order of their enums */
static const char *const dir_names[] = { "higher", "lower" };
static const char *const kind_names[] = { "expected", "binding" };

#define IND_COLS "SELECT i.id, i.plan, i.seq, i.name, i.unit, i.direction, i.kind," \
	" coalesce(i.baseline_year, 0), coalesce(i.baseline, ''), i.note, i.defined_by, i.defined_at" \
	" FROM indicators i JOIN plans p ON p.key = i.plan"

static const struct store_col ind_cols[] = {
	STORE_COL(struct indicator, 0, COL_TEXT, id),
	STORE_COL(struct indicator, 1, COL_TEXT, plan),
	STORE_COL(struct indicator, 2, COL_INT, seq),
	STORE_COL(struct indicator, 3, COL_TEXT, name),
	STORE_COL(struct indicator, 4, COL_TEXT, unit),
	STORE_COL_ENUM(struct indicator, 5, direction, dir_names, IND_HIGHER),
	STORE_COL_ENUM(struct indicator, 6, kind, kind_names, IND_EXPECTED),
	STORE_COL(struct indicator, 7, COL_INT, baseline_year),
	STORE_COL(struct indicator, 8, COL_TEXT, baseline),
	STORE_COL(struct indicator, 9, COL_TEXT, note),
	STORE_COL(struct indicator, 10, COL_TEXT, defined_by),
	STORE_COL(struct indicator, 11, COL_TEXT, defined_at),
};
static const struct store_rowmap ind_map = STORE_ROWMAP(struct indicator, ind_cols);

/* A target or a reporting department of some indicator. */
struct ind_part { char *indicator, *text; int year; };
static const struct store_col part_cols[] = {
	STORE_COL(struct ind_part, 0, COL_TEXT, indicator),
	STORE_COL(struct ind_part, 1, COL_TEXT, text),
	STORE_COL(struct ind_part, 2, COL_INT, year),
};
static const struct store_rowmap part_map = STORE_ROWMAP(struct ind_part, part_cols);

/* ---- reading ---- */

static struct indicator *ind_by_id(struct indicator *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].id, id))
			return &v[i];
	return NULL;
}

int store_indicator_list(struct store *s, const char *plan, const char *dept,
			 struct indicator **out, size_t *n, struct err *e)
{
	static const char sql[] = IND_COLS
		" WHERE (?1 IS NULL OR i.plan = ?1)"
		" AND (?2 IS NULL OR EXISTS (SELECT 1 FROM indicator_depts d WHERE d.indicator = i.id AND d.dept = ?2))"
		" ORDER BY p.year DESC, p.kind, i.plan, i.seq";
	static const char targets[] =
		"SELECT t.indicator, t.value, t.year FROM indicator_targets t JOIN indicators i ON i.id = t.indicator"
		" WHERE (?1 IS NULL OR i.plan = ?1) ORDER BY t.indicator, t.year";
	static const char depts[] =
		"SELECT d.indicator, d.dept, d.position FROM indicator_depts d JOIN indicators i ON i.id = d.indicator"
		" WHERE (?1 IS NULL OR i.plan = ?1) ORDER BY d.indicator, d.position";
	struct ind_part *parts;
	size_t np;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;

	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, dept);
	if ((rc = store_rows(s, st, &ind_map, out, n, "cannot list indicators", e)) || !*n)
		return rc;
	for (int k = 0; k < 2; k++) {
		st = store_stmt(s, k ? depts : targets, e);
		store_bind_text(st, 1, plan);
		if ((rc = store_rows(s, st, &part_map, &parts, &np, "cannot list indicators", e))) {
			indicator_list_free(*out, *n);
			*out = NULL;
			*n = 0;
			return rc;
		}
		for (size_t i = 0; i < np; i++) {
			struct indicator *ind = ind_by_id(*out, *n, parts[i].indicator);
			if (!ind)
				continue;
			if (k) {
				ind->depts = xrealloc(ind->depts, (ind->ndepts + 1) * sizeof *ind->depts);
				ind->depts[ind->ndepts++] = parts[i].text;
			} else {
				ind->targets = xrealloc(ind->targets, (ind->ntargets + 1) * sizeof *ind->targets);
				ind->targets[ind->ntargets].year = parts[i].year;
				ind->targets[ind->ntargets++].value = parts[i].text;
			}
			parts[i].text = NULL;
		}
		store_rows_free(&part_map, parts, np);
	}
	return 0;
}

#define VAL_COLS "SELECT v.id, v.indicator, v.period, v.value, v.typed, coalesce(v.dept, ''), v.note," \
	" coalesce((SELECT kind FROM indicator_sources WHERE value = v.id ORDER BY at, rowid LIMIT 1), '')," \
	" coalesce((SELECT source FROM indicator_sources WHERE value = v.id ORDER BY at, rowid LIMIT 1), '')," \
	" v.who, v.at FROM indicator_values v"

static const struct store_col val_cols[] = {
	STORE_COL(struct ind_value, 0, COL_TEXT, id),
	STORE_COL(struct ind_value, 1, COL_TEXT, indicator),
	STORE_COL(struct ind_value, 2, COL_TEXT, period),
	STORE_COL(struct ind_value, 3, COL_TEXT, value),
	STORE_COL(struct ind_value, 4, COL_TEXT, typed),
	STORE_COL(struct ind_value, 5, COL_TEXT, dept),
	STORE_COL(struct ind_value, 6, COL_TEXT, note),
	STORE_COL(struct ind_value, 7, COL_TEXT, source_kind),
	STORE_COL(struct ind_value, 8, COL_TEXT, source),
	STORE_COL(struct ind_value, 9, COL_TEXT, who),
	STORE_COL(struct ind_value, 10, COL_TEXT, at),
};
static const struct store_rowmap val_map = STORE_ROWMAP(struct ind_value, val_cols);

int store_indicator_values(struct store *s, const char *id, const char *plan,
			   struct ind_value **out, size_t *n, struct err *e)
{
	static const char one[] = VAL_COLS " WHERE v.indicator = ?1 ORDER BY v.at, v.rowid";
	static const char of_plan[] = VAL_COLS
		" WHERE (?2 IS NULL OR v.indicator IN (SELECT id FROM indicators WHERE plan = ?2))"
		" ORDER BY v.indicator, v.at, v.rowid";
	sqlite3_stmt *st = store_stmt(s, id ? one : of_plan, e);
	if (id)
		store_bind_text(st, 1, id);
	else
		store_bind_text(st, 2, plan);
	return store_rows(s, st, &val_map, out, n, "cannot read indicator values", e);
}

/* ---- definitions ---- */

/* The definition of indicator ID as one line, to tell whether a write
 * changed it. Caller frees. */
static int fingerprint(struct store *s, const char *id, char **out, struct err *e)
{
	static const char sql[] =
		"SELECT i.name || '|' || i.unit || '|' || i.direction || '|' || i.kind || '|'"
		" || coalesce(i.baseline_year, '') || '|' || coalesce(i.baseline, '') || '|' || i.note || '|'"
		" || coalesce((SELECT group_concat(year || ':' || value, ',') FROM"
		"   (SELECT year, value FROM indicator_targets WHERE indicator = i.id ORDER BY year)), '') || '|'"
		" || coalesce((SELECT group_concat(dept, ',') FROM"
		"   (SELECT dept FROM indicator_depts WHERE indicator = i.id ORDER BY position)), '')"
		" FROM indicators i WHERE i.id = ?1";
	char **v = NULL;
	size_t n = 0;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	store_bind_text(st, 1, id);
	*out = NULL;
	if ((rc = store_rows(s, st, &store_strv_map, &v, &n, "cannot read the indicator", e)))
		return rc;
	*out = n ? v[0] : xstrdup("");
	if (n)
		v[0] = NULL;
	store_strv_free(v, n);
	return 0;
}

/* 1 if S has a control character (a line break, a tab, ESC ...). */
static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 1;
	return 0;
}

/* The existing indicator of PLAN named by KEY: its id and unit. */
struct ind_head { char *id, *unit; int nvalues; };
static const struct store_col head_cols[] = {
	STORE_COL(struct ind_head, 0, COL_TEXT, id),
	STORE_COL(struct ind_head, 1, COL_TEXT, unit),
	STORE_COL(struct ind_head, 2, COL_INT, nvalues),
};
static const struct store_rowmap head_map = STORE_ROWMAP(struct ind_head, head_cols);

/* Check and write definition D inside the caller's transaction. */
static int define_one(struct store *s, const char *login, const struct ind_def *d, char id[48],
		      enum ind_def_outcome *oc, struct err *e)
{
	static const char plan_sql[] = "SELECT 1 FROM plans WHERE key = ?1";
	static const char find[] =
		"SELECT id, unit, (SELECT count(*) FROM indicator_values v WHERE v.indicator = i.id)"
		" FROM indicators i WHERE plan = ?1 AND match_key = ?2";
	static const char next_seq[] = "SELECT coalesce(max(seq), 0) + 1 FROM indicators WHERE plan = ?1";
	static const char dept_sql[] = "SELECT 1 FROM departments WHERE name = ?1";
	static const char ins[] =
		"INSERT INTO indicators(id, plan, seq, name, match_key, unit, direction, kind, baseline_year,"
		" baseline, note, defined_by, defined_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	static const char upd[] =
		"UPDATE indicators SET name = ?2, unit = coalesce(?3, unit), direction = coalesce(?4, direction),"
		" kind = coalesce(?5, kind), note = coalesce(?6, note), defined_by = ?7, defined_at = ?8"
		" WHERE id = ?1";
	static const char upd_base[] = "UPDATE indicators SET baseline_year = ?2, baseline = ?3 WHERE id = ?1";
	static const char del_targets[] = "DELETE FROM indicator_targets WHERE indicator = ?1";
	static const char ins_target[] = "INSERT INTO indicator_targets(indicator, year, value) VALUES (?1, ?2, ?3)";
	static const char del_depts[] = "DELETE FROM indicator_depts WHERE indicator = ?1";
	static const char ins_dept[] = "INSERT INTO indicator_depts(indicator, dept, position) VALUES (?1, ?2, ?3)";
	struct ind_head had = { NULL, NULL, 0 };
	char *name = NULL, *key = NULL, *base = NULL, **tvals = NULL, *before = NULL, *after = NULL;
	const char *unit;
	char at[40];
	sqlite3_stmt *st;
	int rc, one, exists, seq = 0;

	id[0] = '\0';
	*oc = IND_DEF_UNCHANGED;
	if (!d->plan || !*d->plan)
		return err_set(e, ERR_USAGE, "an indicator belongs to a plan: name it with --plan KEY");
	if (!d->name || !text_valid_utf8(d->name, strlen(d->name)))
		return err_set(e, ERR_INPUT, "the indicator's name is not valid UTF-8");
	{
		char *nf = text_nfc(d->name);
		size_t a = strspn(nf, " \t"), b = strlen(nf);
		while (b > a && (nf[b - 1] == ' ' || nf[b - 1] == '\t'))
			b--;
		name = xstrndup(nf + a, b - a);
		free(nf);
	}
	if (!*name) {
		rc = err_set(e, ERR_USAGE, "an indicator needs a name");
		goto out;
	}
	if (has_control(name) || text_width(name) > 120) {
		rc = err_set(e, ERR_INPUT, "the indicator name '%.60s' has a line break or a control "
			     "character, or is over 120 columns wide; give its name on one line", name);
		goto out;
	}
	if ((d->unit && (!text_valid_utf8(d->unit, strlen(d->unit)) || has_control(d->unit) ||
			 text_width(d->unit) > 20)) ||
	    (d->note && !text_valid_utf8(d->note, strlen(d->note)))) {
		rc = err_set(e, ERR_INPUT, "the unit or the note of '%s' is not valid UTF-8, or the unit is "
			     "not a short word like 件 or 亿元", name);
		goto out;
	}
	rc = store_row_get(s, plan_sql, d->plan, &store_int_map, &one, "cannot read the plans", e);
	if (rc == -ERR_NOTFOUND)
		rc = err_set(e, ERR_NOTFOUND, "no plan '%s'; 'duban plans' lists the plans held", d->plan);
	if (rc)
		goto out;
	key = text_match_key(name);
	st = store_stmt(s, find, e);
	store_bind_text(st, 1, d->plan);
	store_bind_text(st, 2, key);
	rc = store_row_one(s, st, &head_map, &had, "cannot read the indicators", e);
	if (rc && rc != -ERR_NOTFOUND)
		goto out;
	exists = rc == 0;
	rc = 0;
	if (!exists && (!d->unit || !*d->unit)) {
		rc = err_set(e, ERR_USAGE, "the new indicator '%s' needs a unit (--unit 件, 亿元, %%, 分 ...)", name);
		goto out;
	}
	if (exists && d->unit && strcmp(d->unit, had.unit) && had.nvalues) {
		rc = err_set(e, ERR_CONFLICT, "'%s' has %d value%s recorded in %s; its unit cannot become %s "
			     "(define a new indicator instead)", name, had.nvalues, had.nvalues == 1 ? "" : "s",
			     had.unit, d->unit);
		goto out;
	}
	unit = d->unit ? d->unit : had.unit;
	if (d->set_baseline) {
		if (d->baseline_year && (d->baseline_year < 2000 || d->baseline_year > 2099)) {
			rc = err_set(e, ERR_USAGE, "invalid baseline year %d for '%s': give a year like 2020",
				     d->baseline_year, name);
			goto out;
		}
		if (d->baseline && *d->baseline && (rc = ind_value_parse(d->baseline, unit, &base, e))) {
			size_t k = strlen(e->msg);
			snprintf(e->msg + k, sizeof e->msg - k, " (the baseline of '%s')", name);
			goto out;
		}
		if (base && !d->baseline_year) {
			rc = err_set(e, ERR_USAGE, "the baseline of '%s' needs its year: write YEAR:VALUE, like "
				     "2020:3194.4", name);
			goto out;
		}
	}
	if (d->set_targets) {
		int by = d->set_baseline ? d->baseline_year : 0;
		if (!d->set_baseline && exists) {
			static const char by_sql[] = "SELECT coalesce(baseline_year, 0) FROM indicators WHERE id = ?1";
			if ((rc = store_row_get(s, by_sql, had.id, &store_int_map, &by, "cannot read the indicator", e)))
				goto out;
		}
		tvals = xcalloc(d->ntargets + 1, sizeof *tvals);
		for (size_t i = 0; i < d->ntargets; i++) {
			const struct ind_target *t = &d->targets[i];
			if (t->year < 2000 || t->year > 2099) {
				rc = err_set(e, ERR_USAGE, "invalid target year %d for '%s': give a year like 2025",
					     t->year, name);
				goto out;
			}
			if (by && t->year <= by) {
				rc = err_set(e, ERR_USAGE, "the target year %d of '%s' is not after its baseline year %d",
					     t->year, name, by);
				goto out;
			}
			for (size_t k = 0; k < i; k++)
				if (d->targets[k].year == t->year) {
					rc = err_set(e, ERR_USAGE, "two targets for %d in '%s'; give one value a year",
						     t->year, name);
					goto out;
				}
			if ((rc = ind_value_parse(t->value ? t->value : "", unit, &tvals[i], e))) {
				size_t k = strlen(e->msg);
				snprintf(e->msg + k, sizeof e->msg - k, " (the %d target of '%s')", t->year, name);
				goto out;
			}
		}
	}
	for (size_t i = 0; d->set_depts && i < d->ndepts; i++) {
		rc = store_row_get(s, dept_sql, d->depts[i], &store_int_map, &one, "cannot read departments", e);
		if (rc == -ERR_NOTFOUND)
			rc = err_set(e, ERR_NOTFOUND, "unknown department '%s'", d->depts[i]);
		if (rc)
			goto out;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(d->depts[k], d->depts[i])) {
				rc = err_set(e, ERR_USAGE, "%s is named twice among the departments of '%s'",
					     d->depts[i], name);
				goto out;
			}
	}

	store_now_ms(at, sizeof at);
	if (exists) {
		snprintf(id, 48, "%s", had.id);
		if ((rc = fingerprint(s, id, &before, e)))
			goto out;
		st = store_stmt(s, upd, e);
		store_bind_text(st, 1, id);
		store_bind_text(st, 2, name);
		store_bind_text(st, 3, d->unit);
		store_bind_text(st, 4, d->direction >= 0 ? dir_names[d->direction != IND_HIGHER] : NULL);
		store_bind_text(st, 5, d->kind >= 0 ? kind_names[d->kind != IND_EXPECTED] : NULL);
		store_bind_text(st, 6, d->note);
		store_bind_text(st, 7, login);
		store_bind_text(st, 8, at);
		if ((rc = store_step_done(s, st, "cannot change the indicator", e)))
			goto out;
	} else {
		if ((rc = store_row_get(s, next_seq, d->plan, &store_int_map, &seq, "cannot read the indicators", e)))
			goto out;
		if (strlen(d->plan) + 16 > 48) {
			rc = err_set(e, ERR_USAGE, "the plan key '%s' is too long for indicator ids", d->plan);
			goto out;
		}
		snprintf(id, 48, "%s-I%d", d->plan, seq);
		st = store_stmt(s, ins, e);
		store_bind_text(st, 1, id);
		store_bind_text(st, 2, d->plan);
		store_bind_int(st, 3, seq);
		store_bind_text(st, 4, name);
		store_bind_text(st, 5, key);
		store_bind_text(st, 6, d->unit);
		store_bind_text(st, 7, dir_names[d->direction == IND_LOWER]);
		store_bind_text(st, 8, kind_names[d->kind == IND_BINDING]);
		if (d->set_baseline && d->baseline_year)
			store_bind_int(st, 9, d->baseline_year);
		store_bind_text(st, 10, base);
		store_bind_text(st, 11, d->note ? d->note : "");
		store_bind_text(st, 12, login);
		store_bind_text(st, 13, at);
		if ((rc = store_step_done(s, st, "cannot define the indicator", e)))
			goto out;
	}
	if (exists && d->set_baseline) {
		st = store_stmt(s, upd_base, e);
		store_bind_text(st, 1, id);
		if (d->baseline_year)
			store_bind_int(st, 2, d->baseline_year);
		store_bind_text(st, 3, base);
		if ((rc = store_step_done(s, st, "cannot change the baseline", e)))
			goto out;
	}
	if (d->set_targets) {
		st = store_stmt(s, del_targets, e);
		store_bind_text(st, 1, id);
		if ((rc = store_step_done(s, st, "cannot change the targets", e)))
			goto out;
		for (size_t i = 0; i < d->ntargets; i++) {
			st = store_stmt(s, ins_target, e);
			store_bind_text(st, 1, id);
			store_bind_int(st, 2, d->targets[i].year);
			store_bind_text(st, 3, tvals[i]);
			if ((rc = store_step_done(s, st, "cannot change the targets", e)))
				goto out;
		}
	}
	if (d->set_depts) {
		st = store_stmt(s, del_depts, e);
		store_bind_text(st, 1, id);
		if ((rc = store_step_done(s, st, "cannot change the departments", e)))
			goto out;
		for (size_t i = 0; i < d->ndepts; i++) {
			st = store_stmt(s, ins_dept, e);
			store_bind_text(st, 1, id);
			store_bind_text(st, 2, d->depts[i]);
			store_bind_int(st, 3, (long long)i + 1);
			if ((rc = store_step_done(s, st, "cannot change the departments", e)))
				goto out;
		}
	}
	if (!exists) {
		*oc = IND_DEF_NEW;
	} else {
		if ((rc = fingerprint(s, id, &after, e)))
			goto out;
		*oc = strcmp(before, after) ? IND_DEF_CHANGED : IND_DEF_UNCHANGED;
	}
out:
	if (rc)
		id[0] = '\0';
	store_row_release(&head_map, &had);
	for (size_t i = 0; tvals && i < d->ntargets; i++)
		free(tvals[i]);
	free(tvals);
	free(name);
	free(key);
	free(base);
	free(before);
	free(after);
	return rc;
}

/* The end of a write of N rows of which BAD were refused (FIRST the first
 * refusal): rolled back when any was, or on a DRY_RUN, else committed. E
 * says how many were refused, WHAT ("values refused; none was recorded"). */
static int many_end(struct store *s, size_t bad, size_t n, int dry_run, const struct err *first,
		    const char *what, struct err *e)
{
	if (!bad && !dry_run)
		return store_commit(s, e);
	store_rollback(s);
	if (!bad)
		return 0;
	*e = *first;
	if (n > 1) {
		size_t k = strlen(e->msg);
		snprintf(e->msg + k, sizeof e->msg - k, " (%zu of %zu %s)", bad, n, what);
	}
	return -first->code;
}

int store_indicator_define_many(struct store *s, const char *login, const struct ind_def *d, size_t n,
				int dry_run, char (*ids)[48], enum ind_def_outcome *outcomes,
				struct err *row_errs, size_t *nbad, struct err *e)
{
	struct err first = { 0, "" };
	size_t bad = 0;
	int rc;

	if (nbad)
		*nbad = 0;
	if ((rc = store_begin_office(s, login, "define indicators", e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct err re = { 0, "" };
		char id[48];
		enum ind_def_outcome oc;
		int r = define_one(s, login, &d[i], id, &oc, &re);
		if (re.code == ERR_DB) {
			/* the database itself failed: stop */
			*e = re;
			store_rollback(s);
			return r;
		}
		if (row_errs)
			row_errs[i] = re;
		if (ids)
			snprintf(ids[i], 48, "%s", id);
		if (outcomes)
			outcomes[i] = oc;
		if (r && !bad++)
			first = re;
	}
	if (nbad)
		*nbad = bad;
	return many_end(s, bad, n, dry_run, &first, "definitions refused; none was written", e);
}

int store_indicator_define(struct store *s, const char *login, const struct ind_def *d, char id[48],
			   enum ind_def_outcome *outcome, struct err *e)
{
	char ids[1][48];
	enum ind_def_outcome oc[1] = { IND_DEF_UNCHANGED };
	int rc = store_indicator_define_many(s, login, d, 1, 0, ids, oc, NULL, NULL, e);
	snprintf(id, 48, "%s", rc ? "" : ids[0]);
	*outcome = oc[0];
	return rc;
}

/* ---- values ---- */

/* What a value is checked against: its indicator. */
struct ind_row { char *id, *name, *unit, *depts; int baseline_year; };
static const struct store_col ind_row_cols[] = {
	STORE_COL(struct ind_row, 0, COL_TEXT, id),
	STORE_COL(struct ind_row, 1, COL_TEXT, name),
	STORE_COL(struct ind_row, 2, COL_TEXT, unit),
	STORE_COL(struct ind_row, 3, COL_TEXT, depts),
	STORE_COL(struct ind_row, 4, COL_INT, baseline_year),
};
static const struct store_rowmap ind_row_map = STORE_ROWMAP(struct ind_row, ind_row_cols);

int store_indicator_record_in(struct store *s, const struct actor *a, const struct ind_value_in *in,
			      struct ind_record_result *r, struct err *e)
{
	static const char ind_sql[] =
		"SELECT i.id, i.name, i.unit, coalesce((SELECT group_concat(dept, '、') FROM"
		"  (SELECT dept FROM indicator_depts WHERE indicator = i.id ORDER BY position)), ''),"
		" coalesce(i.baseline_year, 0) FROM indicators i WHERE i.id = ?1";
	static const char reports[] = "SELECT 1 FROM indicator_depts WHERE indicator = ?1 AND dept = ?2";
	static const char prev_sql[] =
		"SELECT value FROM indicator_values WHERE indicator = ?1 AND period = ?2"
		" ORDER BY at DESC, rowid DESC LIMIT 1";
	static const char ins[] =
		"INSERT INTO indicator_values(id, indicator, period, value, typed, dept, note, who, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	static const char ins_src[] =
		"INSERT INTO indicator_sources(id, value, kind, source, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	struct ind_row ind;
	const char *dept = NULL, *source = in->source ? in->source : "";
	char *canon = NULL, **prev = NULL, cur[16], at[40], sid[33];
	size_t nprev = 0;
	sqlite3_stmt *st;
	int rc, one, url;

	memset(r, 0, sizeof *r);
	memset(&ind, 0, sizeof ind);
	if (!in->indicator)
		return err_set(e, ERR_NOTFOUND, "name an indicator");
	rc = store_row_get(s, ind_sql, in->indicator, &ind_row_map, &ind, "cannot read the indicator", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no indicator has the id '%s'; 'duban indicator list' "
			       "shows them", in->indicator);
	if (rc)
		return rc;
	/* who may record */
	if (a->role == UROLE_VIEWER) {
		rc = a->known ? err_set(e, ERR_DENIED, "user '%s' is a viewer and may not record anything", a->login)
			      : err_set(e, ERR_DENIED, "user '%s' is not a duban user of this database; ask the "
					"joint conference office to add you", a->login);
		goto out;
	}
	if (a->role == UROLE_LIAISON) {
		if (in->dept && strcmp(in->dept, a->dept)) {
			rc = err_set(e, ERR_DENIED, "user '%s' is the liaison of %s and may record only for it, "
				     "not for %s", a->login, a->dept, in->dept);
			goto out;
		}
		dept = a->dept;
	} else {
		dept = in->dept;
	}
	if (dept) {
		st = store_stmt(s, reports, e);
		store_bind_text(st, 1, ind.id);
		store_bind_text(st, 2, dept);
		rc = store_row_one(s, st, &store_int_map, &one, "cannot read the indicator", e);
		if (rc == -ERR_NOTFOUND)
			rc = err_set(e, ERR_DENIED, "%s does not report %s %s (%s); a department records only "
				     "the indicators it reports", dept, ind.id, ind.name,
				     *ind.depts ? ind.depts : "the office has named no reporting department");
		if (rc)
			goto out;
	}
	/* the period */
	if (!in->period || ind_period_parse(in->period, r->period)) {
		rc = err_set(e, ERR_USAGE, "invalid period '%s': give a year like 2024 or a quarter like 2024Q3",
			     in->period ? in->period : "");
		goto out;
	}
	period_current(cur, sizeof cur);
	if (strlen(r->period) == 4 ? strncmp(r->period, cur, 4) > 0 : strcmp(r->period, cur) > 0) {
		rc = err_set(e, ERR_USAGE, "%s has not begun (it is %s now); record a value once its period "
			     "has begun", r->period, cur);
		goto out;
	}
	if (ind.baseline_year && ind_period_year(r->period) < ind.baseline_year) {
		rc = err_set(e, ERR_USAGE, "%s is before the baseline year %d of %s %s; values are reported "
			     "for the years after it", r->period, ind.baseline_year, ind.id, ind.name);
		goto out;
	}
	if (ind.baseline_year && ind_period_year(r->period) == ind.baseline_year) {
		rc = err_set(e, ERR_USAGE, "%d is the baseline year of %s %s: its value is the baseline "
			     "(the office sets it with 'duban indicator add --baseline'); values are reported "
			     "for the years after it", ind.baseline_year, ind.id, ind.name);
		goto out;
	}
	/* the value, the source and the note */
	if ((rc = ind_value_parse(in->value ? in->value : "", ind.unit, &canon, e)))
		goto out;
	if (strlen(canon) >= sizeof r->value) {
		rc = err_set(e, ERR_INPUT, "'%s' is too long a number", in->value);
		goto out;
	}
	if (!text_valid_utf8(source, strlen(source)) || (in->note && !text_valid_utf8(in->note, strlen(in->note)))) {
		rc = err_set(e, ERR_INPUT, "the source or the note is not valid UTF-8");
		goto out;
	}
	source += strspn(source, " \t");
	url = util_starts_with(source, "http://") || util_starts_with(source, "https://");
	if (*source && (has_control(source) || strlen(source) > 1000 || (url && strpbrk(source, " \"<>")))) {
		rc = err_set(e, ERR_INPUT, "the source '%.80s' is not a document number (文号) or a link "
			     "on one line", source);
		goto out;
	}
	if (!url && (util_starts_with(source, "javascript:") || util_starts_with(source, "data:"))) {
		rc = err_set(e, ERR_USAGE, "invalid link '%.80s': give a link starting http:// or https://, "
			     "or a document number", source);
		goto out;
	}
	st = store_stmt(s, prev_sql, e);
	store_bind_text(st, 1, ind.id);
	store_bind_text(st, 2, r->period);
	if ((rc = store_rows(s, st, &store_strv_map, &prev, &nprev, "cannot read indicator values", e)))
		goto out;
	snprintf(r->previous, sizeof r->previous, "%s", nprev ? prev[0] : "");
	snprintf(r->value, sizeof r->value, "%s", canon);
	snprintf(r->dept, sizeof r->dept, "%s", dept ? dept : "");
	if (in->once && nprev && !strcmp(prev[0], canon)) {
		r->same = 1;    /* taken already (a checklist imported again) */
		goto out;
	}
	store_new_id(r->id);
	store_now_ms(at, sizeof at);
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, r->id);
	store_bind_text(st, 2, ind.id);
	store_bind_text(st, 3, r->period);
	store_bind_text(st, 4, canon);
	store_bind_text(st, 5, in->value);
	store_bind_text(st, 6, dept);
	store_bind_text(st, 7, in->note ? in->note : "");
	store_bind_text(st, 8, a->login);
	store_bind_text(st, 9, at);
	if ((rc = store_step_done(s, st, "cannot record the value", e)))
		goto out;
	if (*source) {
		store_new_id(sid);
		st = store_stmt(s, ins_src, e);
		store_bind_text(st, 1, sid);
		store_bind_text(st, 2, r->id);
		store_bind_text(st, 3, url ? "url" : "docno");
		store_bind_text(st, 4, source);
		store_bind_text(st, 5, a->login);
		store_bind_text(st, 6, at);
		rc = store_step_done(s, st, "cannot record the source", e);
	}
out:
	if (rc)
		memset(r, 0, sizeof *r);
	store_strv_free(prev, nprev);
	store_row_release(&ind_row_map, &ind);
	free(canon);
	return rc;
}

int store_indicator_record_many(struct store *s, const char *login, const struct ind_value_in *in,
				size_t n, int dry_run, struct ind_record_result *r,
				struct err *row_errs, size_t *nbad, struct err *e)
{
	struct err first = { 0, "" };
	struct actor a;
	size_t bad = 0;
	int rc;

	if (nbad)
		*nbad = 0;
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_actor_get(s, login, &a, e))) {
		store_rollback(s);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		struct err re = { 0, "" };
		struct ind_record_result one;
		int x = store_indicator_record_in(s, &a, &in[i], &one, &re);
		if (re.code == ERR_DB) {
			*e = re;
			store_rollback(s);
			store_actor_release(&a);
			return x;
		}
		if (row_errs)
			row_errs[i] = re;
		if (r)
			r[i] = one;
		if (x && !bad++)
			first = re;
	}
	store_actor_release(&a);
	if (nbad)
		*nbad = bad;
	return many_end(s, bad, n, dry_run, &first, "values refused; none was recorded", e);
}

int store_indicator_record(struct store *s, const char *login, const struct ind_value_in *in,
			   struct ind_record_result *r, struct err *e)
{
	int rc = store_indicator_record_many(s, login, in, 1, 0, r, NULL, NULL, e);
	if (rc)
		memset(r, 0, sizeof *r);
	return rc;
}
