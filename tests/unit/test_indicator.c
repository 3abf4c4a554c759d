/* Indicator tests: values and periods as users type them, and the judgement
 * rule (src/indicator.h) on higher- and lower-is-better indicators, a target
 * passed early and one whose year passed, no baseline, no target, no data,
 * a corrected value, quarterly values, a later target, the year judged; the
 * office's summary sentence; finding an indicator by id or name. */
#include <locale.h>

#include "src/indicator.h"
#include "src/text.h"
#include "tests/unit/test.h"

static void check_value(const char *typed, const char *unit, const char *want, int line)
{
	struct err e = { 0, "" };
	char *got = NULL;
	int rc = ind_value_parse(typed, unit, &got, &e);
	if (rc || !got || strcmp(got, want)) {
		printf("  line %d: '%s' (%s) gave rc %d '%s' (%s), want '%s'\n", line, typed, unit, rc,
		       got ? got : "", e.msg, want);
		test_failed_now = 1;
	}
	free(got);
}

static void check_bad_value(const char *typed, const char *unit, const char *msg, int line)
{
	struct err e = { 0, "" };
	char *got = NULL;
	int rc = ind_value_parse(typed, unit, &got, &e);
	if (rc != -ERR_INPUT || got || !strstr(e.msg, msg)) {
		printf("  line %d: '%s' (%s) gave rc %d '%s', message '%s', want a refusal saying '%s'\n",
		       line, typed, unit, rc, got ? got : "", e.msg, msg);
		test_failed_now = 1;
	}
	free(got);
}

TEST(values_as_users_type_them)
{
	check_value("3194.4", "亿元", "3194.4", __LINE__);
	check_value("3,194.4", "亿元", "3194.4", __LINE__);
	check_value("３１９４．４", "亿元", "3194.4", __LINE__);
	check_value("３，１９４．４", "亿元", "3194.4", __LINE__);
	check_value("3194.4亿元", "亿元", "3194.4", __LINE__);
	check_value("80.05分", "分", "80.05", __LINE__);
	check_value(" 80.05 分 ", "分", "80.05", __LINE__);
	check_value("85.2％", "%", "85.2", __LINE__);
	check_value("85.2%", "%", "85.2", __LINE__);
	check_value("12.70", "件", "12.70", __LINE__);
	check_value("1,234,567.8", "万元", "1234567.8", __LINE__);
	check_value("+5", "%", "5", __LINE__);
	check_value("-1.5", "%", "-1.5", __LINE__);
	check_value("\xE2\x88\x92" "1.5", "%", "-1.5", __LINE__);
	check_value("-0.0", "%", "0.0", __LINE__);
	check_value("007", "件", "7", __LINE__);
	check_value(".5", "件", "0.5", __LINE__);
	check_value("0", "件", "0", __LINE__);
	check_value("\xE3\x80\x80" "16" "\xE3\x80\x80", "件", "16", __LINE__);   /* ideographic spaces */
}

TEST(values_refused_with_a_reason)
{
	check_bad_value("", "件", "empty", __LINE__);
	check_bad_value("  ", "件", "empty", __LINE__);
	check_bad_value("abc", "件", "not a number", __LINE__);
	check_bad_value("十二", "件", "not a number", __LINE__);
	check_bad_value("31,94.4", "亿元", "separator out of place", __LINE__);
	check_bad_value("3194,4", "亿元", "separator out of place", __LINE__);
	check_bad_value(",3194", "亿元", "separator out of place", __LINE__);
	check_bad_value("3,1944", "亿元", "separator out of place", __LINE__);
	check_bad_value("3194.", "亿元", "not a number", __LINE__);
	check_bad_value("1.2.3", "亿元", "not a number", __LINE__);
	check_bad_value("12 34", "亿元", "not a number", __LINE__);
	check_bad_value("80.05%", "分", "measured in '分'", __LINE__);
	check_bad_value("3194.4元", "亿元", "measured in '亿元'", __LINE__);
	check_bad_value("1.2万件", "件", "measured in '件'", __LINE__);
	check_bad_value("12件", "", "has no unit", __LINE__);
	check_bad_value("1234567890123456789", "件", "18 digits", __LINE__);
	check_bad_value("\xff" "12", "件", "UTF-8", __LINE__);
}

TEST(numbers_without_the_locale)
{
	double v = 0;
	char buf[40];
	CHECK_INT(ind_number("3194.4", &v), 0);
	CHECK(v > 3194.39 && v < 3194.41);
	CHECK_INT(ind_number("-0.25", &v), 0);
	CHECK(v == -0.25);
	CHECK_INT(ind_number("", &v), -1);
	CHECK_INT(ind_number("1,2", &v), -1);
	CHECK_INT(ind_number("12a", &v), -1);
	ind_format(3500, 2, buf, sizeof buf);
	CHECK_STR(buf, "3500");
	ind_format(12.7, 2, buf, sizeof buf);
	CHECK_STR(buf, "12.7");
	ind_format(9.333333, 2, buf, sizeof buf);
	CHECK_STR(buf, "9.33");
	ind_format(-0.001, 2, buf, sizeof buf);
	CHECK_STR(buf, "0");
	ind_format(-3.456, 1, buf, sizeof buf);
	CHECK_STR(buf, "-3.5");
	ind_format(96.49, 0, buf, sizeof buf);
	CHECK_STR(buf, "96");
}

TEST(periods_as_users_type_them)
{
	char p[8];
	static const char *const good[][2] = {
		{ "2024", "2024" }, { "2024年", "2024" }, { "２０２４", "2024" }, { " 2024 ", "2024" },
		{ "2024Q3", "2024Q3" }, { "2024q3", "2024Q3" }, { "２０２４Ｑ３", "2024Q3" },
	};
	static const char *const bad[] = {
		"", "24", "2024Q5", "2024Q0", "1999", "2100", "2024-06", "2024年Q3", "2024Q", "二〇二四",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		memset(p, 0, sizeof p);
		CHECK_INT(ind_period_parse(good[i][0], p), 0);
		CHECK_STR(p, good[i][1]);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (ind_period_parse(bad[i], p) != -1) {
			printf("  '%s' taken as a period\n", bad[i]);
			test_failed_now = 1;
		}
	}
	CHECK(ind_period_time("2024") == 2024.0);
	CHECK(ind_period_time("2024Q4") == 2024.0);
	CHECK(ind_period_time("2025Q2") == 2024.5);
	CHECK_INT(ind_period_year("2025Q2"), 2025);
}

/* An indicator to judge: baseline BY:B ("" none), targets "2025:12" and
 * "2035:20" in T (NULL-ended). */
static struct indicator ind_make(enum ind_direction d, int by, const char *b, const char *const *t)
{
	struct indicator ind;
	memset(&ind, 0, sizeof ind);
	ind.id = xstrdup("T-I1");
	ind.plan = xstrdup("T");
	ind.seq = 1;
	ind.name = xstrdup("测试指标");
	ind.unit = xstrdup("件");
	ind.note = xstrdup("");
	ind.direction = d;
	ind.baseline_year = by;
	ind.baseline = xstrdup(b);
	while (t && t[ind.ntargets])
		ind.ntargets++;
	ind.targets = xcalloc(ind.ntargets + 1, sizeof *ind.targets);
	for (size_t i = 0; i < ind.ntargets; i++) {
		ind.targets[i].year = atoi(t[i]);
		ind.targets[i].value = xstrdup(strchr(t[i], ':') + 1);
	}
	return ind;
}

/* Values "PERIOD=VALUE@AT" ... into an array of N. */
static struct ind_value *vals_make(const char *const *spec, size_t n)
{
	struct ind_value *v = xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(spec[i], '='), *at = strchr(spec[i], '@');
		v[i].id = xstrdup("id");
		v[i].period = xstrndup(spec[i], (size_t)(eq - spec[i]));
		v[i].value = at ? xstrndup(eq + 1, (size_t)(at - eq - 1)) : xstrdup(eq + 1);
		v[i].at = xstrdup(at ? at + 1 : "2025-01-01T00:00:00.000Z");
	}
	return v;
}

/* The judgement of IND on the N values SPEC up to UPTO. */
static struct ind_verdict judge(const struct indicator *ind, const char *const *spec, size_t n, int upto,
				char *latest, size_t cap)
{
	struct ind_value *v = vals_make(spec, n);
	struct ind_verdict vd;
	indicator_judge(ind, v, n, upto, &vd);
	if (latest)
		snprintf(latest, cap, "%s=%s", vd.latest ? vd.latest->period : "", vd.latest ? vd.latest->value : "");
	ind_values_free(v, n);
	vd.latest = NULL;
	return vd;
}

#define JUDGE(ind, upto, want, ...) do { \
	static const char *const spec_[] = { __VA_ARGS__ }; \
	struct ind_verdict vd_ = judge((ind), spec_, sizeof spec_ / sizeof *spec_, (upto), NULL, 0); \
	if (vd_.j != (want)) { \
		printf("  %s:%d: judged %s, want %s (%s)\n", __FILE__, __LINE__, ind_judgement_name(vd_.j), \
		       ind_judgement_name(want), vd_.why); \
		test_failed_now = 1; \
	} \
} while (0)

static const char *const t2025[] = { "2025:12", NULL };

TEST(judge_higher_is_better_by_the_straight_line)
{
	/* 每万人口高价值发明专利拥有量: 6.3 in 2020, 12 by 2025 (the published
	 * target; the baseline a fixture value) */
	struct indicator ind = ind_make(IND_HIGHER, 2020, "6.3", t2025);
	struct ind_verdict vd;
	char latest[40];
	/* 2023: 60% of the time; 11.8 is 96% of the way */
	JUDGE(&ind, 0, J_AHEAD, "2023=11.8");
	/* 8.0 is 30% of the way: behind */
	JUDGE(&ind, 0, J_BEHIND, "2023=8.0");
	/* 9.75 is 60.5% of the way: within five points */
	JUDGE(&ind, 0, J_ON_TRACK, "2023=9.75");
	/* 2022 (40% of the time) at 8.5 (38.6%): on track */
	JUDGE(&ind, 0, J_ON_TRACK, "2022=8.5");
	/* below the baseline */
	JUDGE(&ind, 0, J_BEHIND, "2021=6.0");
	vd = judge(&ind, (const char *const[]){ "2023=11.8" }, 1, 0, latest, sizeof latest);
	CHECK_STR(latest, "2023=11.8");
	CHECK(vd.paced && vd.has_target && vd.has_start);
	CHECK_INT(vd.target_year, 2025);
	CHECK_INT(vd.start_year, 2020);
	CHECK(vd.time > 0.59 && vd.time < 0.61);
	CHECK(vd.progress > 0.96 && vd.progress < 0.97);
	CHECK(vd.expected > 9.71 && vd.expected < 9.73);
	CHECK(strstr(vd.why, "2023年为11.8") != NULL);
	CHECK(strstr(vd.why, "应为9.72") != NULL);
	indicator_release(&ind);
}

TEST(judge_a_target_already_passed)
{
	struct indicator ind = ind_make(IND_HIGHER, 2020, "6.3", t2025);
	struct ind_verdict vd;
	/* reached before 2025: achieved early (2025-06: 15.3, published) */
	vd = judge(&ind, (const char *const[]){ "2025Q2=15.3" }, 1, 0, NULL, 0);
	CHECK_INT(vd.j, J_ACHIEVED);
	CHECK_INT(vd.early, 1);
	CHECK_STR(ind_judgement_name_zh(vd.j, vd.early), "已提前实现");
	CHECK(strstr(vd.why, "提前实现") != NULL);
	/* reached in the target year itself: achieved, not early */
	vd = judge(&ind, (const char *const[]){ "2025=16" }, 1, 0, NULL, 0);
	CHECK_INT(vd.j, J_ACHIEVED);
	CHECK_INT(vd.early, 0);
	CHECK_STR(ind_judgement_name_zh(vd.j, vd.early), "已实现");
	/* exactly the target counts */
	JUDGE(&ind, 0, J_ACHIEVED, "2024=12");
	/* the target year came and went without it: behind, whatever the pace */
	JUDGE(&ind, 0, J_BEHIND, "2025=11.9");
	JUDGE(&ind, 0, J_BEHIND, "2026=11.9");
	/* a value after the last target's year that meets it: achieved, not early */
	vd = judge(&ind, (const char *const[]){ "2026=12.1" }, 1, 0, NULL, 0);
	CHECK_INT(vd.j, J_ACHIEVED);
	CHECK_INT(vd.early, 0);
	indicator_release(&ind);
}

TEST(judge_lower_is_better)
{
	/* e.g. an examination period in months: 20 in 2020, 16 by 2025 */
	static const char *const t[] = { "2025:16", NULL };
	struct indicator ind = ind_make(IND_LOWER, 2020, "20", t);
	/* 17 in 2023: 75% of the way down in 60% of the time */
	JUDGE(&ind, 0, J_AHEAD, "2023=17");
	/* 19: 25% of the way */
	JUDGE(&ind, 0, J_BEHIND, "2023=19");
	/* 17.6: 60% */
	JUDGE(&ind, 0, J_ON_TRACK, "2023=17.6");
	/* worse than the baseline */
	JUDGE(&ind, 0, J_BEHIND, "2023=21");
	/* at or below the target is achieved; above it is not */
	JUDGE(&ind, 0, J_ACHIEVED, "2024=15.5");
	JUDGE(&ind, 0, J_ACHIEVED, "2024=16");
	JUDGE(&ind, 0, J_BEHIND, "2025=16.1");
	indicator_release(&ind);
}

TEST(judge_without_a_baseline)
{
	struct indicator ind = ind_make(IND_HIGHER, 2020, "", t2025);
	struct ind_verdict vd;
	/* the pace cannot be judged without a start */
	vd = judge(&ind, (const char *const[]){ "2023=11" }, 1, 0, NULL, 0);
	CHECK_INT(vd.j, J_UNKNOWN);
	CHECK(strstr(vd.why, "未设基期值") != NULL);
	CHECK_INT(vd.paced, 0);
	/* a target met needs no baseline */
	JUDGE(&ind, 0, J_ACHIEVED, "2023=12.5");
	/* nor does a target year passed */
	JUDGE(&ind, 0, J_BEHIND, "2025=11");
	indicator_release(&ind);
	/* no baseline year either */
	ind = ind_make(IND_HIGHER, 0, "", t2025);
	JUDGE(&ind, 0, J_UNKNOWN, "2023=11");
	indicator_release(&ind);
}

TEST(judge_without_target_or_data)
{
	struct indicator ind = ind_make(IND_HIGHER, 2020, "3194.4", NULL);
	struct ind_verdict vd;
	vd = judge(&ind, (const char *const[]){ "2024=3987.1" }, 1, 0, NULL, 0);
	CHECK_INT(vd.j, J_UNKNOWN);
	CHECK(strstr(vd.why, "未设目标值") != NULL);
	indicator_release(&ind);
	ind = ind_make(IND_HIGHER, 2020, "6.3", t2025);
	indicator_judge(&ind, NULL, 0, 0, &vd);
	CHECK_INT(vd.j, J_NO_DATA);
	CHECK(vd.latest == NULL);
	CHECK_STR(ind_judgement_name_zh(vd.j, 0), "未报送");
	/* values only after the year judged: no data as of then */
	JUDGE(&ind, 2022, J_NO_DATA, "2023=11.8");
	indicator_release(&ind);
}

TEST(judge_a_corrected_value)
{
	struct indicator ind = ind_make(IND_HIGHER, 2020, "6.3", t2025);
	char latest[40];
	/* 2023 was first reported as 8.0, then corrected to 11.8: the newest
	 * record of the period counts, wherever it is in the list */
	judge(&ind, (const char *const[]){ "2023=8.0@2024-03-01T00:00:00.000Z",
					   "2023=11.8@2024-06-01T00:00:00.000Z" }, 2, 0, latest, sizeof latest);
	CHECK_STR(latest, "2023=11.8");
	JUDGE(&ind, 0, J_AHEAD, "2023=8.0@2024-03-01T00:00:00.000Z", "2023=11.8@2024-06-01T00:00:00.000Z");
	JUDGE(&ind, 0, J_AHEAD, "2023=11.8@2024-06-01T00:00:00.000Z", "2023=8.0@2024-03-01T00:00:00.000Z");
	/* corrected the other way: behind */
	JUDGE(&ind, 0, J_BEHIND, "2023=11.8@2024-03-01T00:00:00.000Z", "2023=8.0@2024-06-01T00:00:00.000Z");
	/* a later period wins over a newer record of an earlier one */
	judge(&ind, (const char *const[]){ "2023=11.8@2024-03-01T00:00:00.000Z",
					   "2022=8.0@2024-06-01T00:00:00.000Z" }, 2, 0, latest, sizeof latest);
	CHECK_STR(latest, "2023=11.8");
	{
		/* the current values leave the superseded one out */
		struct ind_value *v = vals_make((const char *const[]){
			"2023=8.0@2024-03-01T00:00:00.000Z", "2022=7.5@2024-03-01T00:00:00.000Z",
			"2023=11.8@2024-06-01T00:00:00.000Z", "2024Q2=12@2024-08-01T00:00:00.000Z" }, 4);
		const struct ind_value **cur;
		size_t k = indicator_current_values(v, 4, 0, &cur);
		CHECK_INT(k, 3);
		if (k == 3) {
			CHECK_STR(cur[0]->period, "2022");
			CHECK_STR(cur[1]->value, "11.8");
			CHECK_STR(cur[2]->period, "2024Q2");
		}
		free(cur);
		k = indicator_current_values(v, 4, 2023, &cur);
		CHECK_INT(k, 2);
		free(cur);
		ind_values_free(v, 4);
	}
	indicator_release(&ind);
}

TEST(judge_as_of_a_year_and_later_targets)
{
	static const char *const t[] = { "2025:12", "2035:20", NULL };
	struct indicator ind = ind_make(IND_HIGHER, 2020, "6.3", t);
	char latest[40];
	struct ind_verdict vd;
	/* as of 2023 the 2024 value is not there yet */
	vd = judge(&ind, (const char *const[]){ "2022=8.5", "2024=12.5" }, 2, 2023, latest, sizeof latest);
	CHECK_STR(latest, "2022=8.5");
	CHECK_INT(vd.j, J_ON_TRACK);
	vd = judge(&ind, (const char *const[]){ "2022=8.5", "2024=12.5" }, 2, 0, latest, sizeof latest);
	CHECK_STR(latest, "2024=12.5");
	CHECK_INT(vd.j, J_ACHIEVED);
	CHECK_INT(vd.target_year, 2025);
	/* after 2025 the 2035 target counts, its line starting at the 2025 target */
	vd = judge(&ind, (const char *const[]){ "2027=13" }, 1, 0, NULL, 0);
	CHECK_INT(vd.target_year, 2035);
	CHECK_INT(vd.start_year, 2025);
	CHECK_INT(vd.j, J_BEHIND);   /* 12.5% of the way in 20% of the time */
	JUDGE(&ind, 0, J_AHEAD, "2027=15");
	indicator_release(&ind);
}

TEST(judge_a_baseline_that_already_met_the_target)
{
	/* a rate whose baseline is above its target: met unless it falls below */
	static const char *const t[] = { "2025:85", NULL };
	struct indicator ind = ind_make(IND_HIGHER, 2020, "85.38", t);
	JUDGE(&ind, 0, J_ACHIEVED, "2023=91.9");
	JUDGE(&ind, 0, J_BEHIND, "2023=84");
	indicator_release(&ind);
}

TEST(summary_in_the_office_form)
{
	/* eight expected indicators judged like the office's March 2024
	 * evaluation: four achieved early, two ahead, one on track, one with
	 * no data */
	static const char *const names[8] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛" };
	static const int js[8] = { J_AHEAD, J_NO_DATA, J_ACHIEVED, J_ACHIEVED, J_AHEAD, J_ON_TRACK,
				   J_ACHIEVED, J_ACHIEVED };
	struct indicator inds[8];
	struct ind_verdict vd[8];
	struct strbuf sb = STRBUF_INIT;
	memset(inds, 0, sizeof inds);
	memset(vd, 0, sizeof vd);
	for (int i = 0; i < 8; i++) {
		inds[i].name = (char *)names[i];
		vd[i].j = (enum ind_judgement)js[i];
		vd[i].early = 1;
	}
	indicator_summary(inds, vd, 8, &sb);
	CHECK_STR(sb_str(&sb), "8项预期性指标中，丙、丁、庚和辛4项指标已提前实现，甲和戊2项指标进展快于预期，"
		  "己1项指标进展符合预期，乙1项指标未报送数据。");
	sb_reset(&sb);
	inds[0].kind = IND_BINDING;
	vd[2].early = 0;
	vd[1].j = J_BEHIND;
	indicator_summary(inds, vd, 3, &sb);
	CHECK_STR(sb_str(&sb), "3项指标（预期性2项、约束性1项）中，丙1项指标已实现，甲1项指标进展快于预期，"
		  "乙1项指标进展滞后。");
	sb_reset(&sb);
	indicator_summary(inds, vd, 0, &sb);
	CHECK_STR(sb_str(&sb), "无指标。");
	sb_release(&sb);
}

TEST(find_by_id_or_name)
{
	struct indicator v[3];
	struct err e = { 0, "" };
	size_t i = 99;
	memset(v, 0, sizeof v);
	v[0].id = (char *)"FYP14-I3"; v[0].plan = (char *)"FYP14"; v[0].seq = 3; v[0].name = (char *)"知识产权质押融资登记金额";
	v[1].id = (char *)"FYP14-I4"; v[1].plan = (char *)"FYP14"; v[1].seq = 4; v[1].name = (char *)"知识产权使用费年进出口总额";
	v[2].id = (char *)"GD-I1"; v[2].plan = (char *)"GD"; v[2].seq = 1; v[2].name = (char *)"知识产权质押融资登记金额";
	CHECK_INT(indicator_find(v, 3, "FYP14-I4", NULL, &i, &e), 0);
	CHECK_INT(i, 1);
	CHECK_INT(indicator_find(v, 3, " fyp14-i4 ", NULL, &i, &e), 0);
	CHECK_INT(i, 1);
	CHECK_INT(indicator_find(v, 3, "ＦＹＰ１４－Ｉ３", NULL, &i, &e), 0);
	CHECK_INT(i, 0);
	CHECK_INT(indicator_find(v, 3, "I4", "FYP14", &i, &e), 0);
	CHECK_INT(i, 1);
	CHECK_INT(indicator_find(v, 3, "1", "GD", &i, &e), 0);
	CHECK_INT(i, 2);
	CHECK_INT(indicator_find(v, 3, "知识产权使用费年进出口总额", NULL, &i, &e), 0);
	CHECK_INT(i, 1);
	/* traditional, with spaces */
	CHECK_INT(indicator_find(v, 3, "知識產權 使用費年進出口總額", NULL, &i, &e), 0);
	CHECK_INT(i, 1);
	/* a name two plans share: ambiguous without a plan */
	CHECK_INT(indicator_find(v, 3, "知识产权质押融资登记金额", NULL, &i, &e), -ERR_CONFLICT);
	CHECK(strstr(e.msg, "FYP14-I3, GD-I1") != NULL);
	CHECK_INT(indicator_find(v, 3, "知识产权质押融资登记金额", "GD", &i, &e), 0);
	CHECK_INT(i, 2);
	/* part of a name: a suggestion, not a guess */
	CHECK_INT(indicator_find(v, 3, "使用费", NULL, &i, &e), -ERR_NOTFOUND);
	CHECK(strstr(e.msg, "did you mean 知识产权使用费年进出口总额 (FYP14-I4)") != NULL);
	CHECK_INT(indicator_find(v, 3, "专利密集型产业", NULL, &i, &e), -ERR_NOTFOUND);
	CHECK(strstr(e.msg, "unknown indicator '专利密集型产业'") != NULL);
	CHECK(strstr(e.msg, "did you mean") == NULL);
	CHECK_INT(indicator_find(v, 3, "FYP14-I9", NULL, &i, &e), -ERR_NOTFOUND);
	CHECK_INT(indicator_find(v, 3, " ", NULL, &i, &e), -ERR_NOTFOUND);
}

TEST(words_both_ways)
{
	CHECK_INT(ind_direction_parse("越低越好"), IND_LOWER);
	CHECK_INT(ind_direction_parse("lower"), IND_LOWER);
	CHECK_INT(ind_direction_parse("越高越好"), IND_HIGHER);
	CHECK_INT(ind_direction_parse("up"), -1);
	CHECK_INT(ind_kind_parse("约束性"), IND_BINDING);
	CHECK_INT(ind_kind_parse("expected"), IND_EXPECTED);
	CHECK_INT(ind_kind_parse("指导性"), -1);
	CHECK_STR(ind_judgement_name(J_ON_TRACK), "on-track");
	CHECK_STR(ind_judgement_name_zh(J_AHEAD, 0), "快于预期");
	CHECK_STR(ind_judgement_name(J_COUNT), "?");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(values_as_users_type_them);
	RUN(values_refused_with_a_reason);
	RUN(numbers_without_the_locale);
	RUN(periods_as_users_type_them);
	RUN(judge_higher_is_better_by_the_straight_line);
	RUN(judge_a_target_already_passed);
	RUN(judge_lower_is_better);
	RUN(judge_without_a_baseline);
	RUN(judge_without_target_or_data);
	RUN(judge_a_corrected_value);
	RUN(judge_as_of_a_year_and_later_targets);
	RUN(judge_a_baseline_that_already_met_the_target);
	RUN(summary_in_the_office_form);
	RUN(find_by_id_or_name);
	RUN(words_both_ways);
	text_cleanup();
	TEST_END();
}
