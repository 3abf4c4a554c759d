/* Status and period tests: the five statuses by their English and Chinese
 * names both ways, what is not a status, the quarter form "2024Q3" and its
 * limits, the current quarter, and the quarter before across a year. */
#include <time.h>

#include "src/status.h"
#include "tests/unit/test.h"

TEST(status_names_english_and_chinese)
{
	static const char *const en[] = { "not-started", "in-progress", "behind", "done", "ongoing" };
	static const char *const zh[] = { "未启动", "推进中", "滞后", "已完成", "持续推进" };
	CHECK_INT(ST_COUNT, 5);
	for (int i = 0; i < ST_COUNT; i++) {
		CHECK_STR(status_name((enum status)i), en[i]);
		CHECK_STR(status_name_zh((enum status)i), zh[i]);
		CHECK_INT(status_parse(en[i]), i);
		CHECK_INT(status_parse(zh[i]), i);
	}
	CHECK_INT(status_parse("behind"), ST_BEHIND);
	CHECK_INT(status_parse("已完成"), ST_DONE);
	/* out of range: a mark, never a crash */
	CHECK_STR(status_name(ST_COUNT), "?");
	CHECK_STR(status_name((enum status)-1), "?");
	CHECK_STR(status_name_zh(ST_COUNT), "?");
}

TEST(status_parse_refuses_near_misses)
{
	static const char *const bad[] = {
		"", "Done", "DONE", "done ", " done", "not started", "not_started", "inprogress",
		"完成", "已完成 ", "滯後", "推進中", "behind\n", "?",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (status_parse(bad[i]) != -1) {
			printf("  '%s' parsed as a status\n", bad[i]);
			CHECK(status_parse(bad[i]) == -1);
		}
	}
}

/* the one rule on notes, as every face and the store apply it */
TEST(behind_needs_a_note)
{
	CHECK_INT(status_note_missing(ST_BEHIND, NULL), 1);
	CHECK_INT(status_note_missing(ST_BEHIND, ""), 1);
	CHECK_INT(status_note_missing(ST_BEHIND, " \t\r\n"), 1);
	CHECK_INT(status_note_missing(ST_BEHIND, "审议推迟"), 0);
	CHECK_INT(status_note_missing(ST_IN_PROGRESS, NULL), 0);
	CHECK_INT(status_note_missing(ST_DONE, ""), 0);
	CHECK_INT(status_note_missing(-1, NULL), 0);
}

TEST(period_form_and_limits)
{
	static const char *const good[] = { "2024Q3", "2000Q1", "2099Q4", "2025Q1", "2024Q4" };
	static const char *const bad[] = {
		"", "2024", "2024Q", "2024Q0", "2024Q5", "2024q3", "2024-Q3", "2024Q3 ", " 2024Q3",
		"2024Q31", "24Q3", "1999Q4", "2100Q1", "3024Q1", "２０２４Q3", "2024Ｑ3", "20a4Q1",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK(period_valid(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (period_valid(bad[i])) {
			printf("  '%s' taken as a period\n", bad[i]);
			CHECK(!period_valid(bad[i]));
		}
	}
}

TEST(period_current_is_this_quarter)
{
	char got[16], want_before[16], want_after[16];
	time_t t = time(NULL);
	struct tm tm;
	/* the quarter from strftime's month, on either side of the call */
	localtime_r(&t, &tm);
	strftime(want_before, sizeof want_before, "%Y", &tm);
	snprintf(want_before + 4, sizeof want_before - 4, "Q%d", (tm.tm_mon + 3) / 3);
	period_current(got, sizeof got);
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(want_after, sizeof want_after, "%Y", &tm);
	snprintf(want_after + 4, sizeof want_after - 4, "Q%d", (tm.tm_mon + 3) / 3);
	CHECK(!strcmp(got, want_before) || !strcmp(got, want_after));
	CHECK(period_valid(got));
	/* the documented smallest buffer holds it */
	{
		char small[7];
		period_current(small, sizeof small);
		CHECK_STR(small, got);
	}
}

TEST(period_previous_steps_back_across_years)
{
	char buf[16], cur[16];
	period_previous("2024Q3", buf, sizeof buf);
	CHECK_STR(buf, "2024Q2");
	period_previous("2024Q2", buf, sizeof buf);
	CHECK_STR(buf, "2024Q1");
	period_previous("2024Q1", buf, sizeof buf);
	CHECK_STR(buf, "2023Q4");
	period_previous("2000Q2", buf, sizeof buf);
	CHECK_STR(buf, "2000Q1");
	/* four steps back is the same quarter a year before, and stays valid */
	snprintf(cur, sizeof cur, "%s", "2025Q1");
	for (int i = 0; i < 4; i++) {
		period_previous(cur, buf, sizeof buf);
		CHECK(period_valid(buf));
		snprintf(cur, sizeof cur, "%s", buf);
	}
	CHECK_STR(cur, "2024Q1");
}

int main(void)
{
	RUN(status_names_english_and_chinese);
	RUN(status_parse_refuses_near_misses);
	RUN(behind_needs_a_note);
	RUN(period_form_and_limits);
	RUN(period_current_is_this_quarter);
	RUN(period_previous_steps_back_across_years);
	TEST_END();
}
