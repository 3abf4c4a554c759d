/* Tables of indicators and of values: the header read by its labels (in
 * Chinese or English, with target years in the column names), each row
 * into a definition or a value, and the import of either through the store,
 * all rows or none. */
#include "src/grid.h"
#include "src/indicator_table.h"
#include "src/resolve.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_indicator.h"
#include "src/banned.h"

#define TABLE_MAX (20 * 1024 * 1024)

enum col {
	C_PLAN, C_ID, C_NAME, C_UNIT, C_KIND, C_DIR, C_BYEAR, C_BASE, C_TYEAR, C_TVAL, C_DEPTS,
	C_NOTE, C_PERIOD, C_VALUE, C_SOURCE, C_COUNT
};

/* The labels of each column, as header_key writes them. */
static const char *const labels[C_COUNT][9] = {
	[C_PLAN] = { "计划", "规划", "plan" },
	[C_ID] = { "指标编号", "编号", "id" },
	[C_NAME] = { "指标名称", "指标", "name", "indicator" },
	[C_UNIT] = { "单位", "计量单位", "unit" },
	[C_KIND] = { "属性", "指标属性", "kind" },
	[C_DIR] = { "方向", "指标方向", "direction" },
	[C_BYEAR] = { "基期年份", "基期年", "基年", "baselineyear" },
	[C_BASE] = { "基期值", "基期", "baseline" },
	[C_TYEAR] = { "目标年份", "目标年", "targetyear" },
	[C_TVAL] = { "目标值", "目标", "target" },
	[C_DEPTS] = { "报送单位", "报送部门", "责任单位", "牵头单位", "departments", "department", "dept",
		      "depts" },
	[C_NOTE] = { "说明", "指标说明", "指标解释", "定义", "备注", "note" },
	[C_PERIOD] = { "统计期", "期间", "年份", "年度", "统计年度", "period", "year" },
	[C_VALUE] = { "数值", "实际值", "值", "value" },
	[C_SOURCE] = { "来源", "数据来源", "source" },
};

/* A cell without white space around it and without a leading "'" (the
 * formula guard duban's own CSV puts before = + - @). */
static char *cell_clean(const char *s)
{
	const char *end;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (!strncmp(s, "\xE3\x80\x80", 3))
		s += 3;
	if (*s == '\'' && s[1] && strchr("=+-@", s[1]))
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	while (end - s >= 3 && !memcmp(end - 3, "\xE3\x80\x80", 3))
		end -= 3;
	return xstrndup(s, (size_t)(end - s));
}

static const char *cell(const struct grid_row *r, int col)
{
	return grid_text(r, col);
}

/* A header cell as a key: NFKC, no spaces, ASCII lowercased. */
static char *header_key(const char *s)
{
	char *c = cell_clean(s), *nf = text_nfkc(c);
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = nf; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '_' && *p != '-')
			sb_addc(&sb, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
	free(c);
	free(nf);
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

/* The year 2000-2099 written in KEY, or 0. */
static int year_in(const char *key)
{
	for (const char *p = key; *p; p++)
		if (p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
		    !(p[4] >= '0' && p[4] <= '9') && (p == key || !(p[-1] >= '0' && p[-1] <= '9')))
			return (p[2] - '0') * 10 + (p[3] - '0') + 2000;
	return 0;
}

static int is_label(const char *key, enum col c)
{
	for (int i = 0; i < 9 && labels[c][i]; i++)
		if (!strcmp(key, labels[c][i]))
			return 1;
	return 0;
}


/* Split a cell of departments at 、 , ， ; ； and white space. */
static void split_depts(const char *s, char ***out, size_t *n)
{
	static const char *const seps[] = { "、", "，", "；", ",", ";", " ", "\t", "\n", "\xE3\x80\x80" };
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while (*s) {
		size_t len = 0, k;
		for (;;) {
			for (k = 0; k < sizeof seps / sizeof *seps; k++)
				if (!strncmp(s + len, seps[k], strlen(seps[k])))
					break;
			if (!s[len] || k < sizeof seps / sizeof *seps)
				break;
			len++;
		}
		if (len) {
			xgrow(out, &cap, *n + 1, sizeof **out);
			(*out)[(*n)++] = xstrndup(s, len);
		}
		s += len;
		if (*s)
			s += strlen(seps[k]);
	}
}

/* A year typed in a cell ("2020", "2020年"): 0 for an empty cell, -1 when
 * it is not one. */
static int cell_year(const char *s)
{
	char p[8];
	if (!*s)
		return 0;
	if (ind_period_parse(s, p) || strlen(p) != 4)
		return -1;
	return ind_period_year(p);
}

/* The index of G's header row (a row with a cell 指标, 指标名称 or 指标编号),
 * or G->n. */
static size_t find_header(const struct grid *g)
{
	for (size_t i = 0; i < g->n; i++)
		for (size_t k = 0; k < g->rows[i].n; k++) {
			char *key = header_key(g->rows[i].cells[k].text);
			int hit = is_label(key, C_NAME) || is_label(key, C_ID);
			free(key);
			if (hit)
				return i;
		}
	return g->n;
}

#define NO_HEADER_HELP "a table of indicators has the columns 指标, 单位, 属性, 基期年份, 基期值, " \
	"2025年目标 ..., a table of values 指标, 统计期, 数值, 来源"

/* Read the table of grid G, whose header is row HROW, from WHERE ("'f.csv'"
 * or "'f.xlsx' sheet 'Sheet1'") into OUT. */
static int read_grid(const struct grid *g, size_t hrow, const char *where, const char *plan,
		     struct ind_table *out, struct err *e)
{
	int col[C_COUNT], ycol[32];
	size_t pcap = 0, cap = 0;
	int ytarget[32], ybase = 0;
	size_t ny = 0;

	for (int c = 0; c < C_COUNT; c++)
		col[c] = -1;
	{
		const struct grid_row *h = &g->rows[hrow];
		for (size_t k = 0; k < h->n; k++) {
			char *key = header_key(h->cells[k].text);
			int y = year_in(key), taken = 0;
			if (y && (strstr(key, "目标") || strstr(key, "target"))) {
				if (ny < sizeof ycol / sizeof *ycol) {
					ycol[ny] = h->cells[k].col;
					ytarget[ny++] = y;
				}
				taken = 1;
			} else if (y && (strstr(key, "基期") || strstr(key, "baseline"))) {
				col[C_BASE] = h->cells[k].col;
				ybase = y;
				taken = 1;
			}
			for (int c = 0; c < C_COUNT && !taken; c++)
				if (col[c] == -1 && is_label(key, (enum col)c)) {
					col[c] = h->cells[k].col;
					taken = 1;
				}
			free(key);
		}
	}
	if (col[C_VALUE] != -1) {
		out->kind = IND_TABLE_VALUES;
		if (col[C_PERIOD] == -1)
			return err_set(e, ERR_INPUT, "cannot read %s line %zu: a table of values needs a column "
				       "统计期 (the year like 2024, or a quarter like 2024Q3)", where, g->rows[hrow].line);
	} else if (col[C_UNIT] != -1) {
		out->kind = IND_TABLE_DEFS;
		if (col[C_NAME] == -1)
			return err_set(e, ERR_INPUT, "cannot read %s line %zu: a table of indicators needs a "
				       "column 指标 (the indicator's name)", where, g->rows[hrow].line);
	} else {
		return err_set(e, ERR_INPUT, "cannot read %s line %zu: is it a table of indicators (with a "
			       "column 单位) or of values (with a column 数值)? It has neither", where,
			       g->rows[hrow].line);
	}

	for (size_t i = hrow + 1; i < g->n; i++) {
		const struct grid_row *r = &g->rows[i];
		int empty = 1;
		for (size_t k = 0; k < r->n && empty; k++) {
			char *c = cell_clean(r->cells[k].text);
			empty = !*c;
			free(c);
		}
		if (empty) {
			out->skipped++;
			continue;
		}
		if (out->kind == IND_TABLE_VALUES) {
			struct ind_value_row *v;
			char *id = cell_clean(cell(r, col[C_ID])), *nm = cell_clean(cell(r, col[C_NAME]));
			char *val = cell_clean(cell(r, col[C_VALUE])), *per = cell_clean(cell(r, col[C_PERIOD]));
			char *unit = cell_clean(cell(r, col[C_UNIT]));
			if (!*id && !*nm) {
				row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "the row names no indicator (column 指标)");
			} else if (!*val) {
				row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%s: no value (column 数值)", *id ? id : nm);
			} else if (!*per) {
				row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%s: no period (column 统计期): give the year like 2024 "
					"or a quarter like 2024Q3", *id ? id : nm);
			} else {
				xgrow(&out->values, &cap, out->nvalues + 1, sizeof *out->values);
				v = &out->values[out->nvalues++];
				memset(v, 0, sizeof *v);
				v->line = r->line;
				v->indicator = *id ? id : nm;
				if (*id)
					free(nm);
				else
					free(id);
				id = nm = NULL;
				v->plan = col[C_PLAN] != -1 ? cell_clean(cell(r, col[C_PLAN])) : xstrdup("");
				if (*unit && val[0] && strchr("0123456789", val[strlen(val) - 1])) {
					/* the unit column written after the number: the store checks it */
					struct strbuf sb = STRBUF_INIT;
					sb_addf(&sb, "%s%s", val, unit);
					free(val);
					val = sb_detach(&sb);
				}
				v->value = val;
				v->period = per;
				v->source = cell_clean(cell(r, col[C_SOURCE]));
				v->dept = cell_clean(cell(r, col[C_DEPTS]));
				v->note = cell_clean(cell(r, col[C_NOTE]));
				val = per = NULL;
			}
			free(id);
			free(nm);
			free(val);
			free(per);
			free(unit);
			continue;
		}
		{
			struct ind_def_row dr;
			char *c;
			int bad = 0;
			memset(&dr, 0, sizeof dr);
			dr.line = r->line;
			dr.direction = dr.kind = -1;
			dr.name = cell_clean(cell(r, col[C_NAME]));
			dr.plan = col[C_PLAN] != -1 ? cell_clean(cell(r, col[C_PLAN])) : xstrdup("");
			if (!*dr.plan && plan) {
				free(dr.plan);
				dr.plan = xstrdup(plan);
			}
			if (!*dr.name) {
				row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "the row has no indicator name (column 指标)");
				bad = 1;
			} else if (!*dr.plan) {
				row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%s: no plan: add a column 计划 or give --plan KEY", dr.name);
				bad = 1;
			}
			if (col[C_UNIT] != -1)
				dr.unit = cell_clean(cell(r, col[C_UNIT]));
			if (col[C_NOTE] != -1)
				dr.note = cell_clean(cell(r, col[C_NOTE]));
			c = cell_clean(cell(r, col[C_KIND]));
			if (*c && (dr.kind = ind_kind_parse(c)) < 0 && !bad) {
				row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%s: unknown kind '%s' (column 属性): use 预期性 or 约束性",
					dr.name, c);
				bad = 1;
			}
			free(c);
			c = cell_clean(cell(r, col[C_DIR]));
			if (*c && (dr.direction = ind_direction_parse(c)) < 0 && !bad) {
				row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%s: unknown direction '%s' (column 方向): use 越高越好 or "
					"越低越好", dr.name, c);
				bad = 1;
			}
			free(c);
			if (col[C_BASE] != -1 || col[C_BYEAR] != -1) {
				dr.has_baseline = 1;
				dr.baseline = cell_clean(cell(r, col[C_BASE]));
				c = cell_clean(cell(r, col[C_BYEAR]));
				dr.baseline_year = col[C_BYEAR] != -1 ? cell_year(c) : ybase;
				if (dr.baseline_year < 0 && !bad) {
					row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%s: the baseline year '%s' is not a year like 2020",
						dr.name, c);
					bad = 1;
				}
				free(c);
			}
			if (ny || col[C_TVAL] != -1) {
				dr.has_targets = 1;
				dr.targets = xcalloc(ny + 2, sizeof *dr.targets);
				for (size_t k = 0; k < ny; k++) {
					c = cell_clean(cell(r, ycol[k]));
					if (*c) {
						dr.targets[dr.ntargets].year = ytarget[k];
						dr.targets[dr.ntargets++].value = c;
					} else {
						free(c);
					}
				}
				c = cell_clean(cell(r, col[C_TVAL]));
				if (*c) {
					char *yc = cell_clean(cell(r, col[C_TYEAR]));
					int y = cell_year(yc);
					if (y <= 0 && !bad) {
						row_problem_add(&out->problems, &out->nproblems, &pcap, r->line, "%s: the target %s needs its year (column "
							"目标年份, like 2025)", dr.name, c);
						bad = 1;
					}
					dr.targets[dr.ntargets].year = y;
					dr.targets[dr.ntargets++].value = c;
					free(yc);
				} else {
					free(c);
				}
			}
			if (col[C_DEPTS] != -1) {
				dr.has_depts = 1;
				c = cell_clean(cell(r, col[C_DEPTS]));
				split_depts(c, &dr.depts, &dr.ndepts);
				free(c);
			}
			xgrow(&out->defs, &cap, out->ndefs + 1, sizeof *out->defs);
			out->defs[out->ndefs++] = dr;
			if (bad)
				out->defs[out->ndefs - 1].line = 0;   /* read, but not to be taken */
		}
	}
	return 0;
}

int ind_table_read(const char *buf, size_t len, const char *name, const char *plan,
		   struct ind_table *out, struct err *e)
{
	struct grid_file f;
	struct strbuf where = STRBUF_INIT, others = STRBUF_INIT;
	size_t use = (size_t)-1, hrow = 0, hidden = (size_t)-1;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = grid_file_read(buf, len, name, &f, e)))
		return rc;
	out->encoding = f.encoding;
	/* the first (visible) sheet whose header is one; the others are passed over */
	for (size_t i = 0; i < f.n; i++) {
		size_t h = find_header(&f.grids[i]);
		if (h == f.grids[i].n)
			continue;
		if (f.grids[i].hidden) {
			if (hidden == (size_t)-1)
				hidden = i;
		} else if (use == (size_t)-1) {
			use = i;
			hrow = h;
		} else {
			sb_addf(&others, "%s'%s'", others.len ? ", " : "", f.grids[i].sheet);
		}
	}
	if (use == (size_t)-1) {
		if (!f.xlsx)
			rc = err_set(e, ERR_INPUT, "cannot read '%s': no column header with a column 指标 (or "
				     "指标名称, 指标编号); " NO_HEADER_HELP, name);
		else if (hidden != (size_t)-1)
			rc = err_set(e, ERR_INPUT, "cannot read '%s': the only sheet with a column header, "
				     "'%s', is hidden; unhide it in Excel or WPS (or move the table to a visible "
				     "sheet) and import the workbook again", name, f.grids[hidden].sheet);
		else
			rc = err_set(e, ERR_INPUT, "cannot read '%s': none of its %zu sheets has a column "
				     "header with a column 指标 (or 指标名称, 指标编号)%s; " NO_HEADER_HELP, name,
				     f.n, f.n == 1 && !f.grids[0].n ? " (the sheet is empty)" : "");
		goto out;
	}
	if (f.grids[use].sheet) {
		sb_addf(&where, "'%s' sheet '%s'", name, f.grids[use].sheet);
		out->sheet = xstrdup(f.grids[use].sheet);
	} else {
		sb_addf(&where, "'%s'", name);
	}
	if (f.misnamed)
		sb_addf(&out->note, "'%s' is an Excel workbook, not CSV text: it was read as a workbook\n", name);
	if (others.len)
		sb_addf(&out->note, "'%s': took the table of the sheet '%s' and passed over the other "
			"sheets with one (%s); import each table from a file of its own\n", name,
			f.grids[use].sheet, sb_str(&others));
	rc = read_grid(&f.grids[use], hrow, sb_str(&where), plan, out, e);
out:
	sb_release(&where);
	sb_release(&others);
	grid_file_release(&f);
	if (rc)
		ind_table_release(out);
	return rc;
}

void ind_table_release(struct ind_table *t)
{
	for (size_t i = 0; i < t->ndefs; i++) {
		struct ind_def_row *r = &t->defs[i];
		free(r->plan);
		free(r->name);
		free(r->unit);
		free(r->note);
		free(r->baseline);
		for (size_t k = 0; k < r->ntargets; k++)
			free(r->targets[k].value);
		free(r->targets);
		for (size_t k = 0; k < r->ndepts; k++)
			free(r->depts[k]);
		free(r->depts);
	}
	free(t->defs);
	for (size_t i = 0; i < t->nvalues; i++) {
		struct ind_value_row *v = &t->values[i];
		free(v->indicator);
		free(v->plan);
		free(v->period);
		free(v->value);
		free(v->source);
		free(v->dept);
		free(v->note);
	}
	free(t->values);
	row_problems_free(t->problems, t->nproblems);
	free(t->sheet);
	sb_release(&t->note);
	memset(t, 0, sizeof *t);
}

/* ---- the import ---- */

/* One refused row, to report in line order, and why (an enum err_code). */
struct refusal { size_t line; char *msg; int code; };

static int refusal_cmp(const void *a, const void *b)
{
	const struct refusal *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void refuse(struct refusal **v, size_t *n, size_t *cap, size_t line, const char *msg, int code)
{
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[*n].line = line;
	(*v)[*n].code = code;
	(*v)[(*n)++].msg = xstrdup(msg);
}

static int import_defs(struct store *s, const char *path, const struct ind_table *t,
		       const struct ind_import_opts *o, struct strbuf *out, struct refusal **bad,
		       size_t *nbad, size_t *bcap, struct ind_import_result *r, struct err *e)
{
	struct ind_def *d = xcalloc(t->ndefs + 1, sizeof *d);
	char ***depts = xcalloc(t->ndefs + 1, sizeof *depts);
	char (*ids)[48] = xcalloc(t->ndefs + 1, sizeof *ids);
	enum ind_def_outcome *oc = xcalloc(t->ndefs + 1, sizeof *oc);
	struct err *errs = xcalloc(t->ndefs + 1, sizeof *errs);
	size_t nrefused = 0;
	int rc;

	for (size_t i = 0; i < t->ndefs; i++) {
		const struct ind_def_row *w = &t->defs[i];
		d[i].plan = w->plan;
		d[i].name = w->name;
		d[i].unit = w->unit;
		d[i].note = w->note;
		d[i].direction = w->direction;
		d[i].kind = w->kind;
		d[i].set_baseline = w->has_baseline;
		d[i].baseline_year = w->baseline_year > 0 ? w->baseline_year : 0;
		d[i].baseline = w->baseline;
		d[i].set_targets = w->has_targets;
		d[i].targets = w->targets;
		d[i].ntargets = w->ntargets;
		d[i].set_depts = w->has_depts;
		depts[i] = xcalloc(w->ndepts + 1, sizeof **depts);
		for (size_t k = 0; k < w->ndepts; k++) {
			struct err de = { 0, "" };
			if (resolve_dept(s, w->depts[k], &depts[i][k], &de)) {
				if (de.code == ERR_DB) {
					*e = de;
					rc = -ERR_DB;
					goto out;
				}
				if (w->line)
					refuse(bad, nbad, bcap, w->line, de.msg, de.code);
				depts[i][k] = xstrdup(w->depts[k]);
			}
		}
		d[i].depts = depts[i];
		d[i].ndepts = w->ndepts;
	}
	rc = store_indicator_define_many(s, o->who, d, t->ndefs, o->dry_run || *nbad || t->nproblems, ids, oc,
					 errs, &nrefused, e);
	if (rc && !nrefused)
		goto out;
	for (size_t i = 0; i < t->ndefs; i++) {
		if (!t->defs[i].line)
			continue;
		if (errs[i].code) {
			/* an unknown department was already said, in words that suggest */
			if (errs[i].code != ERR_NOTFOUND || !strstr(errs[i].msg, "unknown department"))
				refuse(bad, nbad, bcap, t->defs[i].line, errs[i].msg, errs[i].code);
			continue;
		}
		sb_addf(out, "%s:%zu: %s %s: %s\n", path, t->defs[i].line, ids[i], t->defs[i].name,
			oc[i] == IND_DEF_NEW ? "new" : oc[i] == IND_DEF_CHANGED ? "changed" : "unchanged");
		r->added += oc[i] == IND_DEF_NEW;
		r->changed += oc[i] == IND_DEF_CHANGED;
		r->unchanged += oc[i] == IND_DEF_UNCHANGED;
		r->rows++;
	}
	rc = 0;
out:
	for (size_t i = 0; i < t->ndefs; i++) {
		for (size_t k = 0; depts[i] && k < t->defs[i].ndepts; k++)
			free(depts[i][k]);
		free(depts[i]);
	}
	free(depts);
	free(d);
	free(ids);
	free(oc);
	free(errs);
	return rc;
}

static int import_values(struct store *s, const char *path, const struct ind_table *t,
			 const struct ind_import_opts *o, struct strbuf *out, struct refusal **bad,
			 size_t *nbad, size_t *bcap, struct ind_import_result *r, struct err *e)
{
	struct indicator *inds = NULL;
	size_t ninds = 0, nrefused = 0;
	struct ind_value_in *in = xcalloc(t->nvalues + 1, sizeof *in);
	char **depts = xcalloc(t->nvalues + 1, sizeof *depts);
	size_t *which = xcalloc(t->nvalues + 1, sizeof *which);  /* the indicator of each row, or SIZE_MAX */
	struct ind_record_result *res = xcalloc(t->nvalues + 1, sizeof *res);
	struct err *errs = xcalloc(t->nvalues + 1, sizeof *errs);
	int rc;

	if ((rc = store_indicator_list(s, NULL, NULL, &inds, &ninds, e)))
		goto out;
	for (size_t i = 0; i < t->nvalues; i++) {
		const struct ind_value_row *w = &t->values[i];
		struct err fe = { 0, "" };
		size_t idx;
		const char *plan = *w->plan ? w->plan : o->plan;
		in[i].period = w->period;
		in[i].value = w->value;
		in[i].source = w->source;
		in[i].note = w->note;
		which[i] = (size_t)-1;
		if (indicator_find(inds, ninds, w->indicator, plan, &idx, &fe)) {
			refuse(bad, nbad, bcap, w->line, fe.msg, fe.code);
			continue;
		}
		in[i].indicator = inds[idx].id;
		if (*w->dept) {
			if (resolve_dept(s, w->dept, &depts[i], &fe)) {
				refuse(bad, nbad, bcap, w->line, fe.msg, fe.code);
				continue;
			}
			in[i].dept = depts[i];
		}
		which[i] = idx;
	}
	{
		/* the rows that resolved go to the store; the others are refused already */
		struct ind_value_in *take = xcalloc(t->nvalues + 1, sizeof *take);
		size_t *from = xcalloc(t->nvalues + 1, sizeof *from), n = 0;
		for (size_t i = 0; i < t->nvalues; i++)
			if (which[i] != (size_t)-1) {
				from[n] = i;
				take[n++] = in[i];
			}
		rc = store_indicator_record_many(s, o->who, take, n, o->dry_run || *nbad || t->nproblems, res,
						 errs, &nrefused, e);
		if (!rc || nrefused) {
			for (size_t k = 0; k < n; k++) {
				const struct ind_value_row *w = &t->values[from[k]];
				if (errs[k].code) {
					refuse(bad, nbad, bcap, w->line, errs[k].msg, errs[k].code);
					continue;
				}
				sb_addf(out, "%s:%zu: %s %s %s = %s", path, w->line, take[k].indicator,
					inds[which[from[k]]].name, res[k].period, res[k].value);
				if (*res[k].previous) {
					sb_addf(out, " (corrects %s)", res[k].previous);
					r->corrections++;
				}
				sb_addc(out, '\n');
				r->rows++;
			}
			rc = 0;
		}
		free(take);
		free(from);
	}
out:
	for (size_t i = 0; i < t->nvalues; i++)
		free(depts[i]);
	free(depts);
	free(which);
	free(in);
	free(res);
	free(errs);
	indicator_list_free(inds, ninds);
	return rc;
}

int ind_import_file(struct store *s, const char *path, const struct ind_import_opts *o,
		    struct strbuf *out, struct strbuf *problems, struct ind_import_result *r,
		    struct err *e)
{
	struct ind_table t;
	struct refusal *bad = NULL;
	struct strbuf at = STRBUF_INIT;
	size_t nbad = 0, bcap = 0;
	char *buf;
	size_t len;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = util_read_file(path, TABLE_MAX, &buf, &len, e)))
		return rc;
	rc = ind_table_read(buf, len, path, o->plan, &t, e);
	free(buf);
	if (rc)
		return rc;
	r->kind = t.kind;
	r->encoding = t.encoding;
	r->sheet = t.sheet ? xstrdup(t.sheet) : NULL;
	r->note = xstrdup(sb_str(&t.note));
	r->skipped = t.skipped;
	/* where a row is: "f.csv", or "f.xlsx[Sheet1]" as the checklist import says it */
	if (t.sheet)
		sb_addf(&at, "%s[%s]", path, t.sheet);
	else
		sb_adds(&at, path);
	for (size_t i = 0; i < t.nproblems; i++)
		refuse(&bad, &nbad, &bcap, t.problems[i].line, t.problems[i].msg, ERR_INPUT);
	if (t.kind == IND_TABLE_DEFS)
		rc = import_defs(s, sb_str(&at), &t, o, out, &bad, &nbad, &bcap, r, e);
	else
		rc = import_values(s, sb_str(&at), &t, o, out, &bad, &nbad, &bcap, r, e);
	if (!rc && nbad) {
		size_t rows = (t.kind == IND_TABLE_DEFS ? t.ndefs : t.nvalues) + t.nproblems;
		size_t refused = 0;
		qsort(bad, nbad, sizeof *bad, refusal_cmp);
		for (size_t i = 0; i < nbad; i++) {
			/* one line per row: the first reason it was refused */
			if (i && bad[i].line == bad[i - 1].line)
				continue;
			sb_addf(problems, "%s:%zu: %s\n", sb_str(&at), bad[i].line, bad[i].msg);
			refused++;
		}
		/* the exit status of the first refusal; a row that cannot be read makes it bad input */
		int code = t.nproblems ? ERR_INPUT : bad[0].code ? bad[0].code : ERR_INPUT;
		rc = err_set(e, code, "%zu of %zu rows of '%s' cannot be taken; nothing was %s: correct "
			     "them and import the file again", refused, rows > refused ? rows : refused, path,
			     t.kind == IND_TABLE_DEFS ? "defined" : "recorded");
		sb_reset(out);
		r->rows = 0;
	}
	for (size_t i = 0; i < nbad; i++)
		free(bad[i].msg);
	free(bad);
	sb_release(&at);
	ind_table_release(&t);
	return rc;
}

void ind_import_result_release(struct ind_import_result *r)
{
	free(r->sheet);
	free(r->note);
	memset(r, 0, sizeof *r);
}
