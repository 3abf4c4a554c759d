/* Unit tests for plan_match: a corrected text's tasks matched to those held
 * by content, so that numbers may move and records stay with their text. */
#include "src/plan_match.h"
#include "src/util.h"
#include "tests/unit/test.h"

static char *const none[] = { NULL };
static char *const kj[] = { (char *)"科技部" };
static char *const jy[] = { (char *)"教育部" };

TEST(match_inserted_task)
{
	const struct match_task old[] = {
		{ "1", "推进甲项工作。", kj, 1 },
		{ "2", "推进乙项工作，完成丙项。", jy, 1 },
		{ "3", "编制年度报告。", kj, 1 },
	};
	const struct match_task nw[] = {
		{ "1", "新增：开展测试工作。", kj, 1 },
		{ "2", "推进甲项工作。", kj, 1 },
		{ "3", "推进乙项工作，完成丙项任务。", jy, 1 },
		{ "4", "编制年度报告。", kj, 1 },
	};
	long map[4];
	double alike[4];

	plan_match(old, 3, nw, 4, map, alike);
	CHECK_INT(map[0], -1);
	CHECK_INT(map[1], 0);
	CHECK_INT(map[2], 1);
	CHECK_INT(map[3], 2);
	CHECK(alike[1] == 1);
	CHECK(alike[2] > 0.8 && alike[2] < 1);
}

TEST(match_same_text_twice)
{
	/* two tasks with one text: the same number first */
	const struct match_task old[] = { { "1", "做好宣传。", kj, 1 }, { "2", "做好宣传。", jy, 1 } };
	const struct match_task nw[] = { { "2", "做好宣传。", jy, 1 }, { "3", "做好宣传。", kj, 1 } };
	long map[2];
	double alike[2];

	plan_match(old, 2, nw, 2, map, alike);
	CHECK_INT(map[0], 1);
	CHECK_INT(map[1], 0);
}

TEST(match_rewritten_and_empty)
{
	const struct match_task old[] = { { "5", "推进植物新品种保护条例修订。", kj, 1 } };
	const struct match_task nw[] = { { "5", "全面开展一项与原文无关的工作。", jy, 1 } };
	long map[1];
	double alike[1];

	/* nothing alike enough: a new task, the old one retired */
	plan_match(old, 1, nw, 1, map, alike);
	CHECK_INT(map[0], -1);
	CHECK(alike[0] == 0);
	/* nothing held, or nothing new */
	plan_match(NULL, 0, nw, 1, map, alike);
	CHECK_INT(map[0], -1);
	plan_match(old, 1, NULL, 0, map, alike);
	CHECK(plan_match_text("", "") == 1);
	CHECK(plan_match_text("甲乙丙", "丁戊己") == 0);
	(void)none;
}

int main(void)
{
	RUN(match_inserted_task);
	RUN(match_same_text_twice);
	RUN(match_rewritten_and_empty);
	TEST_END();
}
