/* Indicators: their words, the values and periods users type, the rule that
 * judges them (indicator_judge) and the office's summary sentence. Nothing
 * here reads the store; numbers are read and written without the C
 * library's locale. */
#include "src/indicator.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

static const char *const dir_names[] = { "higher", "lower" };
static const char *const dir_zh[] = { "越高越好", "越低越好" };
static const char *const kind_names[] = { "expected", "binding" };
static const char *const kind_zh[] = { "预期性", "约束性" };
static const char *const j_names[J_COUNT] = {
	"achieved", "ahead", "on-track", "behind", "no-data", "unknown"
};
static const char *const j_zh[J_COUNT] = {
	"已实现", "快于预期", "符合预期", "滞后", "未报送", "无法判断"
};

const char *ind_direction_name(enum ind_direction d) { return (unsigned)d < 2 ? dir_names[d] : "?"; }
const char *ind_direction_name_zh(enum ind_direction d) { return (unsigned)d < 2 ? dir_zh[d] : "?"; }
const char *ind_kind_name(enum ind_kind k) { return (unsigned)k < 2 ? kind_names[k] : "?"; }
const char *ind_kind_name_zh(enum ind_kind k) { return (unsigned)k < 2 ? kind_zh[k] : "?"; }

const char *ind_judgement_name(enum ind_judgement j)
{
	return (unsigned)j < J_COUNT ? j_names[j] : "?";
}

const char *ind_judgement_name_zh(enum ind_judgement j, int early)
{
	if (j == J_ACHIEVED && early)
		return "已提前实现";
	return (unsigned)j < J_COUNT ? j_zh[j] : "?";
}

int ind_direction_parse(const char *s)
{
	static const char *const higher[] = { "higher", "越高越好", "越大越好", "正向", "higher-is-better" };
	static const char *const lower[] = { "lower", "越低越好", "越小越好", "逆向", "负向", "lower-is-better" };
	for (size_t i = 0; i < sizeof higher / sizeof *higher; i++)
		if (!strcmp(s, higher[i]))
			return IND_HIGHER;
	for (size_t i = 0; i < sizeof lower / sizeof *lower; i++)
		if (!strcmp(s, lower[i]))
			return IND_LOWER;
	return -1;
}

int ind_kind_parse(const char *s)
{
	if (!strcmp(s, "expected") || !strcmp(s, "预期性") || !strcmp(s, "预期"))
		return IND_EXPECTED;
	if (!strcmp(s, "binding") || !strcmp(s, "约束性") || !strcmp(s, "约束"))
		return IND_BINDING;
	return -1;
}

/* ---- numbers ---- */

/* S (NFKC already) without white space at both ends, as a new string. */
static char *trimmed(const char *s)
{
	const char *end;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	return xstrndup(s, (size_t)(end - s));
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int ind_value_parse(const char *typed, const char *unit, char **canon, struct err *e)
{
	char *nf = text_nfkc(typed), *s = trimmed(nf), *u = NULL, *want = NULL;
	struct strbuf out = STRBUF_INIT, digits = STRBUF_INIT;
	const char *p = s;
	int neg = 0, ndig = 0, rc = 0, group = -1;

	*canon = NULL;
	free(nf);
	if (!text_valid_utf8(typed, strlen(typed))) {
		rc = err_set(e, ERR_INPUT, "the value is not valid UTF-8");
		goto out;
	}
	if (!*s) {
		rc = err_set(e, ERR_INPUT, "the value is empty: give a number like 3194.4");
		goto out;
	}
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	} else if (!strncmp(p, "\xE2\x88\x92", 3)) {   /* U+2212 minus sign */
		neg = 1;
		p += 3;
	}
	/* the integer part, with thousands separators grouping by three */
	while (is_digit(*p) || *p == ',') {
		if (*p == ',') {
			if (group < 0 ? ndig == 0 || ndig > 3 : group != 3) {
				rc = err_set(e, ERR_INPUT, "'%s': a thousands separator out of place; group "
					     "the digits by three (3,194.4) or leave the commas out (3194.4)", typed);
				goto out;
			}
			group = 0;
		} else {
			if (group >= 0)
				group++;
			if (!(digits.len == 0 && *p == '0' && is_digit(p[1])))
				sb_addc(&digits, *p);
			ndig++;
		}
		p++;
	}
	if (group >= 0 && group != 3) {
		rc = err_set(e, ERR_INPUT, "'%s': a thousands separator out of place; group the digits "
			     "by three (3,194.4) or leave the commas out (3194.4)", typed);
		goto out;
	}
	if (!digits.len && ndig)
		sb_addc(&digits, '0');
	if (*p == '.') {
		p++;
		if (!is_digit(*p)) {
			rc = err_set(e, ERR_INPUT, "'%s' is not a number: write it like 3194.4", typed);
			goto out;
		}
		if (!digits.len)
			sb_addc(&digits, '0');
		sb_addc(&digits, '.');
		while (is_digit(*p)) {
			sb_addc(&digits, *p++);
			ndig++;
		}
	}
	if (!ndig) {
		rc = err_set(e, ERR_INPUT, "'%s' is not a number: write it like 3194.4 (3,194.4 and "
			     "full-width digits are fine too)", typed);
		goto out;
	}
	if (ndig > 18) {
		rc = err_set(e, ERR_INPUT, "'%s' has more than 18 digits; is it the right value?", typed);
		goto out;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p) {
		if (is_digit(*p) || *p == '.' || *p == ',' || *p == '-' || *p == '+') {
			rc = err_set(e, ERR_INPUT, "'%s' is not a number: write it like 3194.4", typed);
			goto out;
		}
		nf = text_nfkc(unit ? unit : "");
		want = trimmed(nf);
		free(nf);
		u = xstrdup(p);
		if (!*want)
			rc = err_set(e, ERR_INPUT, "'%s' is written in '%s', but the indicator has no unit: "
				     "give the number alone", typed, u);
		else if (strcmp(u, want))
			rc = err_set(e, ERR_INPUT, "'%s' is written in '%s', but the indicator is measured "
				     "in '%s': give the value in %s (the number alone will do)", typed, u,
				     unit, unit);
		if (rc)
			goto out;
	}
	{
		/* "-0" and "-0.00" are 0 */
		int zero = 1;
		for (const char *q = sb_str(&digits); *q; q++)
			if (*q >= '1' && *q <= '9')
				zero = 0;
		if (neg && !zero)
			sb_addc(&out, '-');
	}
	sb_adds(&out, sb_str(&digits));
	*canon = sb_detach(&out);
out:
	sb_release(&out);
	sb_release(&digits);
	free(s);
	free(u);
	free(want);
	return rc;
}

int ind_number(const char *s, double *v)
{
	double x = 0, scale = 1;
	int neg = 0, any = 0;
	if (!s)
		return -1;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	while (is_digit(*s)) {
		x = x * 10 + (*s++ - '0');
		any = 1;
	}
	if (*s == '.') {
		s++;
		while (is_digit(*s)) {
			scale /= 10;
			x += (*s++ - '0') * scale;
			any = 1;
		}
	}
	if (*s || !any)
		return -1;
	*v = neg ? -x : x;
	return 0;
}

void ind_format(double v, int decimals, char *buf, size_t n)
{
	unsigned long long m = 1, whole, frac, r;
	int neg = v < 0;
	char fr[24];
	int k;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	for (k = 0; k < decimals; k++)
		m *= 10;
	if (neg)
		v = -v;
	if (v * (double)m > 9e18) {
		snprintf(buf, n, "%s%.0f", neg ? "-" : "", v);
		return;
	}
	r = (unsigned long long)(v * (double)m + 0.5);
	whole = r / m;
	frac = r % m;
	if (!r)
		neg = 0;
	if (!decimals || !frac) {
		snprintf(buf, n, "%s%llu", neg ? "-" : "", whole);
		return;
	}
	snprintf(fr, sizeof fr, "%0*llu", decimals, frac);
	for (k = decimals; k > 0 && fr[k - 1] == '0'; k--)
		fr[k - 1] = '\0';
	snprintf(buf, n, "%s%llu.%s", neg ? "-" : "", whole, fr);
}

/* ---- periods ---- */

int ind_period_valid(const char *p)
{
	size_t n = strlen(p);
	if (n != 4 && n != 6)
		return 0;
	if (p[0] != '2' || p[1] != '0' || !is_digit(p[2]) || !is_digit(p[3]))
		return 0;
	return n == 4 || (p[4] == 'Q' && p[5] >= '1' && p[5] <= '4');
}

int ind_period_parse(const char *typed, char out[8])
{
	char *nf = text_nfkc(typed), *s = trimmed(nf);
	size_t n = strlen(s);
	int rc = -1;
	free(nf);
	if (n == 4 + 3 && !strcmp(s + 4, "年"))
		s[4] = '\0';
	if (n == 6 && s[4] == 'q')
		s[4] = 'Q';
	if (ind_period_valid(s)) {
		snprintf(out, 8, "%s", s);
		rc = 0;
	}
	free(s);
	return rc;
}

int ind_period_year(const char *p)
{
	return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
}

double ind_period_time(const char *p)
{
	int y = ind_period_year(p);
	if (strlen(p) == 6)
		return y - 1 + (p[5] - '0') / 4.0;
	return y;
}

/* "2024年" for a year, "2025Q2" for a quarter, into BUF. */
static const char *period_zh(const char *p, char *buf, size_t n)
{
	if (strlen(p) == 4)
		snprintf(buf, n, "%s年", p);
	else
		snprintf(buf, n, "%s", p);
	return buf;
}

/* ---- the rule ---- */

const char indicator_rule_zh[] =
	"指标判断口径：取截至评估年度最近一期的数值（同一统计期有更正的，以最新记录为准）。"
	"数值达到目标值（越高越好的不低于目标值，越低越好的不高于目标值）的为“已实现”，"
	"在目标年份之前达到的为“已提前实现”；到目标年份仍未达到的为“滞后”。"
	"未达到的，与基期值到目标值的直线进度比较：完成进度（已完成的变化占基期到目标全部变化的比例）"
	"比时间进度（已过时间占基期年份到目标年份的比例）高出5个百分点以上的为“快于预期”，"
	"低5个百分点以上的为“滞后”，其余为“符合预期”。"
	"有多个目标年份的，取统计期之后最近的目标，后一目标的进度从前一目标算起。"
	"无数值的为“未报送”；无目标值或无基期值的为“无法判断”。";

static int values_newer(const struct ind_value *a, const struct ind_value *b)
{
	double ta = ind_period_time(a->period), tb = ind_period_time(b->period);
	if (ta != tb)
		return ta > tb;
	return strcmp(a->at ? a->at : "", b->at ? b->at : "") >= 0;
}

const struct ind_target *indicator_target_for(const struct indicator *ind, int year)
{
	const struct ind_target *best = NULL, *last = NULL;
	for (size_t i = 0; i < ind->ntargets; i++) {
		const struct ind_target *t = &ind->targets[i];
		if (!last || t->year > last->year)
			last = t;
		if (t->year >= year && (!best || t->year < best->year))
			best = t;
	}
	return best ? best : last;
}

/* Whether A meets target T for DIRECTION, allowing for rounding. */
static int meets(enum ind_direction d, double a, double t)
{
	double eps = 1e-9 * (t < 0 ? -t : t) + 1e-12;
	return d == IND_LOWER ? a <= t + eps : a >= t - eps;
}

void indicator_judge(const struct indicator *ind, const struct ind_value *v, size_t n, int upto,
		     struct ind_verdict *out)
{
	const struct ind_value *latest = NULL;
	const struct ind_target *tg = NULL, *prev = NULL;
	char pz[24], a[40], t[40], s[64], x[40], pp[16], tp[16];
	double time_at;

	memset(out, 0, sizeof *out);
	out->j = J_NO_DATA;
	for (size_t i = 0; i < n; i++) {
		double dummy;
		if (!ind_period_valid(v[i].period) || ind_number(v[i].value, &dummy))
			continue;
		if (upto && ind_period_year(v[i].period) > upto)
			continue;
		if (!latest || values_newer(&v[i], latest))
			latest = &v[i];
	}
	if (!latest) {
		if (upto)
			snprintf(out->why, sizeof out->why, "截至%d年未报送数值", upto);
		else
			snprintf(out->why, sizeof out->why, "未报送数值");
		return;
	}
	out->latest = latest;
	ind_number(latest->value, &out->actual);
	time_at = ind_period_time(latest->period);
	period_zh(latest->period, pz, sizeof pz);
	snprintf(a, sizeof a, "%s", latest->value);

	/* the target: the first not before the period, else the last */
	for (size_t i = 0; i < ind->ntargets; i++) {
		const struct ind_target *c = &ind->targets[i];
		double cv;
		if (ind_number(c->value, &cv))
			continue;
		if (c->year >= time_at && (!tg || c->year < tg->year))
			tg = c;
	}
	if (!tg) {
		for (size_t i = 0; i < ind->ntargets; i++) {
			double cv;
			if (!ind_number(ind->targets[i].value, &cv) && (!tg || ind->targets[i].year > tg->year))
				tg = &ind->targets[i];
		}
	}
	if (!tg) {
		out->j = J_UNKNOWN;
		snprintf(out->why, sizeof out->why, "%s为%s，未设目标值，无法判断", pz, a);
		return;
	}
	out->has_target = 1;
	out->target_year = tg->year;
	ind_number(tg->value, &out->target);
	snprintf(t, sizeof t, "%s", tg->value);
	if (meets(ind->direction, out->actual, out->target)) {
		out->j = J_ACHIEVED;
		out->early = time_at < tg->year;
		snprintf(out->why, sizeof out->why, "%s为%s，已达到%d年目标%s%s", pz, a, tg->year, t,
			 out->early ? "（提前实现）" : "");
		return;
	}
	if (time_at >= tg->year) {
		out->j = J_BEHIND;
		snprintf(out->why, sizeof out->why, "%d年目标%s未实现（%s为%s）", tg->year, t, pz, a);
		return;
	}
	/* the start of the line: the target before TG, else the baseline */
	for (size_t i = 0; i < ind->ntargets; i++) {
		const struct ind_target *c = &ind->targets[i];
		double cv;
		if (c->year < tg->year && !ind_number(c->value, &cv) && (!prev || c->year > prev->year))
			prev = c;
	}
	if (prev) {
		out->has_start = 1;
		out->start_year = prev->year;
		ind_number(prev->value, &out->start);
		snprintf(s, sizeof s, "%d年目标%s", prev->year, prev->value);
	} else if (ind->baseline_year && ind->baseline && !ind_number(ind->baseline, &out->start)) {
		out->has_start = 1;
		out->start_year = ind->baseline_year;
		snprintf(s, sizeof s, "基期%d年%s", ind->baseline_year, ind->baseline);
	}
	if (!out->has_start || out->start_year >= tg->year) {
		out->has_start = 0;
		out->j = J_UNKNOWN;
		snprintf(out->why, sizeof out->why, "%s为%s，未达%d年目标%s；未设基期值，无法按进度判断",
			 pz, a, tg->year, t);
		return;
	}
	if (meets(ind->direction, out->start, out->target)) {
		out->j = J_BEHIND;
		snprintf(out->why, sizeof out->why, "%s已达到%d年目标%s，%s为%s，已低于目标", s, tg->year, t, pz,
			 a);
		return;
	}
	out->paced = 1;
	out->progress = (out->actual - out->start) / (out->target - out->start);
	out->time = (time_at - out->start_year) / (tg->year - out->start_year);
	if (out->time < 0)
		out->time = 0;
	out->expected = out->start + (out->target - out->start) * out->time;
	if (out->progress - out->time > IND_TOLERANCE)
		out->j = J_AHEAD;
	else if (out->progress - out->time < -IND_TOLERANCE)
		out->j = J_BEHIND;
	else
		out->j = J_ON_TRACK;
	ind_format(out->expected, 2, x, sizeof x);
	ind_format(out->progress * 100, 0, pp, sizeof pp);
	ind_format(out->time * 100, 0, tp, sizeof tp);
	snprintf(out->why, sizeof out->why, "%s为%s；按%s到%d年目标%s的直线进度应为%s"
		 "（完成进度%s%%，时间进度%s%%）", pz, a, s, tg->year, t, x, pp, tp);
}

/* ---- the summary sentence ---- */

void indicator_summary(const struct indicator *inds, const struct ind_verdict *vd, size_t n,
		       struct strbuf *sb)
{
	/* the categories in the order the office names them */
	static const char *const phrase[7] = {
		"已提前实现", "已实现", "进展快于预期", "进展符合预期", "进展滞后", "未报送数据",
		"暂无法判断（缺少目标值或基期值）"
	};
	size_t kinds[2] = { 0, 0 };
	int first = 1;

	if (!n) {
		sb_adds(sb, "无指标。");
		return;
	}
	for (size_t i = 0; i < n; i++)
		kinds[inds[i].kind == IND_BINDING]++;
	if (kinds[0] == n)
		sb_addf(sb, "%zu项预期性指标中，", n);
	else if (kinds[1] == n)
		sb_addf(sb, "%zu项约束性指标中，", n);
	else
		sb_addf(sb, "%zu项指标（预期性%zu项、约束性%zu项）中，", n, kinds[0], kinds[1]);
	for (int c = 0; c < 7; c++) {
		size_t count = 0, k = 0;
		for (size_t i = 0; i < n; i++) {
			int cat = vd[i].j == J_ACHIEVED ? (vd[i].early ? 0 : 1) : (int)vd[i].j + 1;
			count += cat == c;
		}
		if (!count)
			continue;
		sb_adds(sb, first ? "" : "，");
		first = 0;
		for (size_t i = 0; i < n; i++) {
			int cat = vd[i].j == J_ACHIEVED ? (vd[i].early ? 0 : 1) : (int)vd[i].j + 1;
			if (cat != c)
				continue;
			k++;
			sb_adds(sb, k == 1 ? "" : k == count ? "和" : "、");
			sb_adds(sb, inds[i].name);
		}
		sb_addf(sb, "%zu项指标%s", count, phrase[c]);
	}
	sb_adds(sb, "。");
}

/* ---- lists ---- */

int indicator_reported_by(const struct indicator *ind, const char *dept)
{
	for (size_t i = 0; dept && i < ind->ndepts; i++)
		if (!strcmp(ind->depts[i], dept))
			return 1;
	return 0;
}

/* Order of current values: by period's end, a year before its Q4. */
static int current_cmp(const void *x, const void *y)
{
	const struct ind_value *a = *(const struct ind_value *const *)x;
	const struct ind_value *b = *(const struct ind_value *const *)y;
	double ta = ind_period_time(a->period), tb = ind_period_time(b->period);
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return strcmp(a->period, b->period);
}

size_t indicator_current_values(const struct ind_value *v, size_t n, int upto,
				const struct ind_value ***out)
{
	size_t k = 0;
	*out = xcalloc(n ? n : 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		size_t j;
		if (!ind_period_valid(v[i].period) || (upto && ind_period_year(v[i].period) > upto))
			continue;
		for (j = 0; j < k && strcmp((*out)[j]->period, v[i].period); j++)
			;
		if (j < k) {
			if (strcmp(v[i].at, (*out)[j]->at) >= 0)
				(*out)[j] = &v[i];
		} else {
			(*out)[k++] = &v[i];
		}
	}
	qsort(*out, k, sizeof **out, current_cmp);
	return k;
}

/* TYPED as an id: without spaces, upper case (full-width folded by NFKC). */
static char *id_form(const char *typed)
{
	char *nf = text_nfkc(typed);
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = nf; *p; p++)
		if (*p != ' ' && *p != '\t')
			sb_addc(&sb, *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
	free(nf);
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

int indicator_find(const struct indicator *v, size_t n, const char *typed, const char *plan,
		   size_t *idx, struct err *e)
{
	char *id = id_form(typed), *key = text_match_key(typed);
	size_t found = n, nfound = 0;
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	if (!*key) {
		rc = err_set(e, ERR_NOTFOUND, "name an indicator by its id (like FYP14-I4) or its name");
		goto out;
	}
	/* by id: "FYP14-I4", or "I4" and "4" within PLAN */
	for (size_t i = 0; i < n && found == n; i++) {
		char *vid = id_form(v[i].id);
		if (!strcmp(vid, id))
			found = i;
		else if (plan && !strcmp(v[i].plan, plan)) {
			char num[24];
			snprintf(num, sizeof num, "%d", v[i].seq);
			if (!strcmp(id, num) || (id[0] == 'I' && !strcmp(id + 1, num)))
				found = i;
		}
		free(vid);
	}
	if (found < n) {
		*idx = found;
		goto out;
	}
	/* by name, within PLAN when given */
	for (size_t i = 0; i < n; i++) {
		char *k;
		if (plan && strcmp(v[i].plan, plan))
			continue;
		k = text_match_key(v[i].name);
		if (!strcmp(k, key)) {
			sb_addf(&sb, "%s%s", nfound ? ", " : "", v[i].id);
			found = i;
			nfound++;
		}
		free(k);
	}
	if (nfound == 1) {
		*idx = found;
		goto out;
	}
	if (nfound > 1) {
		rc = err_set(e, ERR_CONFLICT, "several plans have an indicator '%s' (%s): name it by its id, "
			     "or add --plan KEY", typed, sb_str(&sb));
		goto out;
	}
	{
		/* did you mean: a shared run of two characters or more, or one and
		 * at most half of it to edit; the longest run first, then the
		 * fewest edits */
		int len = text_distance("", key);
		int *score = xcalloc(n ? n : 1, sizeof *score);
		size_t pick[3], npick = 0;
		for (size_t i = 0; i < n; i++) {
			char *k;
			int run, dist;
			score[i] = -1;
			if (plan && strcmp(v[i].plan, plan))
				continue;
			k = text_match_key(v[i].name);
			run = text_common_run(k, key);
			dist = text_distance(k, key);
			free(k);
			if (run < 2 && !(run == 1 && dist * 2 <= len))
				continue;
			score[i] = (100 - run) * 1000 + dist;
		}
		while (npick < 3) {
			size_t best = n;
			for (size_t i = 0; i < n; i++)
				if (score[i] >= 0 && (best == n || score[i] < score[best]))
					best = i;
			if (best == n)
				break;
			pick[npick++] = best;
			score[best] = -1;
		}
		free(score);
		sb_reset(&sb);
		for (size_t s = 0; s < npick; s++)
			sb_addf(&sb, "%s%s (%s)", s ? ", " : "", v[pick[s]].name, v[pick[s]].id);
		if (npick)
			rc = err_set(e, ERR_NOTFOUND, "unknown indicator '%s'%s%s; did you mean %s?", typed,
				     plan ? " in plan " : "", plan ? plan : "", sb_str(&sb));
		else
			rc = err_set(e, ERR_NOTFOUND, "unknown indicator '%s'%s%s", typed,
				     plan ? " in plan " : "", plan ? plan : "");
	}
out:
	sb_release(&sb);
	free(id);
	free(key);
	return rc;
}

void indicator_release(struct indicator *ind)
{
	free(ind->id);
	free(ind->plan);
	free(ind->name);
	free(ind->unit);
	free(ind->note);
	free(ind->baseline);
	for (size_t i = 0; i < ind->ntargets; i++)
		free(ind->targets[i].value);
	free(ind->targets);
	for (size_t i = 0; i < ind->ndepts; i++)
		free(ind->depts[i]);
	free(ind->depts);
	free(ind->defined_by);
	free(ind->defined_at);
	memset(ind, 0, sizeof *ind);
}

void indicator_list_free(struct indicator *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		indicator_release(&v[i]);
	free(v);
}

void ind_value_release(struct ind_value *v)
{
	free(v->id);
	free(v->indicator);
	free(v->period);
	free(v->value);
	free(v->typed);
	free(v->dept);
	free(v->note);
	free(v->source_kind);
	free(v->source);
	free(v->who);
	free(v->at);
	memset(v, 0, sizeof *v);
}

void ind_values_free(struct ind_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ind_value_release(&v[i]);
	free(v);
}
