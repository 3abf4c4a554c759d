/* Unit tests for plan_list: every wrapper the task-division family writes its
 * department lists in, and text in brackets that is no list. */
#include "src/plan_list.h"
#include "src/util.h"
#include "tests/unit/test.h"

/* The names of the list in S joined with "|", "-" when it is no list; with
 * " +open" and " +lead" marks and " note=…". */
static const char *list(const char *s, enum plan_list_mode mode)
{
	static char out[1024];
	struct plan_list l;
	size_t i, n = 0;

	if (!plan_list_parse(s, strlen(s), mode, &l))
		return "-";
	out[0] = '\0';
	for (i = 0; i < l.nnames; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "", l.names[i]);
	if (l.open)
		n += (size_t)snprintf(out + n, sizeof out - n, " +open");
	if (l.lead_explicit)
		n += (size_t)snprintf(out + n, sizeof out - n, " +lead");
	if (l.note)
		snprintf(out + n, sizeof out - n, " note=%s", l.note);
	plan_list_release(&l);
	return out;
}

TEST(list_plain)
{
	CHECK_STR(list("国家知识产权局负责", PLAN_LIST_TEXT), "国家知识产权局");
	CHECK_STR(list("农业农村部、国家林草局负责", PLAN_LIST_TEXT), "农业农村部|国家林草局");
	CHECK_STR(list("財政部、國家知識產權局、中央宣傳部等部門負責", PLAN_LIST_TEXT),
		  "財政部|國家知識產權局|中央宣傳部 +open");
	CHECK_STR(list("联席会议办公室、联席会议成员单位按职责分工负责", PLAN_LIST_TEXT),
		  "联席会议办公室|联席会议成员单位");
	CHECK_STR(list("国务院各部门分别负责，年内持续推进", PLAN_LIST_TEXT),
		  "国务院各部门 note=年内持续推进");
	CHECK_STR(list("由商务部负责", PLAN_LIST_TEXT), "商务部");
}

TEST(list_roles)
{
	CHECK_STR(list("司法部牵头，公安部等部门负责", PLAN_LIST_TEXT), "司法部|公安部 +open +lead");
	CHECK_STR(list("国家知识产权局牵头，中央宣传部、农业农村部、国家林草局等按职责分工负责",
		       PLAN_LIST_TEXT), "国家知识产权局|中央宣传部|农业农村部|国家林草局 +open +lead");
	CHECK_STR(list("生态环境部牵头，国家发展改革委、工业和信息化部、国家统计局参与", PLAN_LIST_TEXT),
		  "生态环境部|国家发展改革委|工业和信息化部|国家统计局 +lead");
	CHECK_STR(list("商务部指导，供销合作总社参与", PLAN_LIST_TEXT), "商务部|供销合作总社");
	CHECK_STR(list("生态环境部、国家发展改革委、工业和信息化部指导", PLAN_LIST_TEXT),
		  "生态环境部|国家发展改革委|工业和信息化部");
	CHECK_STR(list("生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出",
		       PLAN_LIST_TEXT), "生态环境部|试点城市政府 note=以下均需试点城市政府落实，不再列出");
	/* the participants named first, the lead after: the lead comes first */
	CHECK_STR(list("责任单位：省财政厅；牵头单位：省发展改革委", PLAN_LIST_TEXT),
		  "省发展改革委|省财政厅 +lead");
}

TEST(list_wrappers)
{
	CHECK_STR(list("负责部门：商务部、海关总署", PLAN_LIST_TEXT), "商务部|海关总署");
	CHECK_STR(list("税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同", PLAN_LIST_TEXT),
		  "税务总局|财政部|海关总署 note=排在第一位的部门为牵头部门，下同");
	CHECK_STR(list("商务部会同有关部门负责", PLAN_LIST_TEXT), "商务部 +open +lead");
	CHECK_STR(list("生态环境部会同国家发展改革委、工业和信息化部负责", PLAN_LIST_TEXT),
		  "生态环境部|国家发展改革委|工业和信息化部 +lead");
	CHECK_STR(list("教育部、科技部等和各有关省级人民政府负责", PLAN_LIST_TEXT),
		  "教育部|科技部|各有关省级人民政府 +open");
	CHECK_STR(list("商务部等有关部门负责", PLAN_LIST_TEXT), "商务部 +open");
	/* the open tail names both kinds of body: 等有关部门和单位 (国发〔2018〕39号) */
	CHECK_STR(list("人力资源社会保障部、财政部、教育部等有关部门和单位负责", PLAN_LIST_TEXT),
		  "人力资源社会保障部|财政部|教育部 +open");
	CHECK_STR(list("财政部、民政部等相关部门和单位按职责分工负责", PLAN_LIST_TEXT), "财政部|民政部 +open");
	CHECK_STR(list("商务部等有关单位及部门负责", PLAN_LIST_TEXT), "商务部 +open");
	CHECK_STR(list("海关总署會同有關部門和單位負責", PLAN_LIST_TEXT), "海关总署 +open +lead");
	/* 和, 及 between two bodies, not inside one, not before 单位 */
	CHECK_STR(list("教育部和人力资源社会保障部负责", PLAN_LIST_TEXT), "教育部|人力资源社会保障部");
	CHECK_STR(list("文化和旅游部、工业和信息化部、住房和城乡建设部负责", PLAN_LIST_TEXT),
		  "文化和旅游部|工业和信息化部|住房和城乡建设部");
	CHECK_STR(list("有关部门与地方各级人民政府按职责分工负责", PLAN_LIST_TEXT),
		  "有关部门与地方各级人民政府");
	CHECK_STR(list("各有关部门和单位负责", PLAN_LIST_TEXT), "各有关部门和单位");
	CHECK_STR(list("市场与质量监督局负责", PLAN_LIST_TEXT), "市场与质量监督局");
	CHECK_STR(list("牽頭單位:省發展改革委;責任單位:省編辦、省國土資源廳", PLAN_LIST_TEXT),
		  "省發展改革委|省編辦|省國土資源廳 +lead");
	CHECK_STR(list("责任单位：省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。"
		       "具体任务均涉及相关市(州)人民政府，不再做分工，下同。", PLAN_LIST_TEXT),
		  "省发展改革委|省市场监管局|商务厅|省大数据中心 note=具体任务均涉及相关市(州)人民政府，不再做分工，下同。");
	CHECK_STR(list("责任单位：省市场监管局", PLAN_LIST_TEXT), "省市场监管局");
	CHECK_STR(list("市政府辦公室、市行政審批制度改革工作領導小組辦公室牽頭，市級各有關部門及各縣市區政府按職責分工負責",
		       PLAN_LIST_TEXT),
		  "市政府辦公室|市行政審批制度改革工作領導小組辦公室|市級各有關部門|各縣市區政府 +lead");
}

TEST(list_not_lists)
{
	CHECK_STR(list("2023—2030年", PLAN_LIST_TEXT), "-");
	CHECK_STR(list("试行", PLAN_LIST_TEXT), "-");
	CHECK_STR(list("以下简称《纲要》", PLAN_LIST_TEXT), "-");
	CHECK_STR(list("此件公开发布", PLAN_LIST_TEXT), "-");
	CHECK_STR(list("负责", PLAN_LIST_TEXT), "-");
	CHECK_STR(list("", PLAN_LIST_TEXT), "-");
	CHECK_STR(list("垃圾焚烧企业依法依规安装污染物排放自动监测设备、在厂区门口树立电子显示屏实时公布污染物排放和焚烧炉运行数据、自动监测设备与生态环境部门联网",
		       PLAN_LIST_TEXT), "-");
	CHECK_STR(list("国家知识产权局、司法部", PLAN_LIST_TEXT), "-");
	CHECK_STR(list("到2025年完成，由各地负责落实的具体工作方案另行制定并报送有关部门备案审查", PLAN_LIST_TEXT), "-");
}

TEST(list_cells)
{
	CHECK_STR(list("国家知识产权局、司法部", PLAN_LIST_CELL), "国家知识产权局|司法部");
	CHECK_STR(list("省商务厅\n省财政厅", PLAN_LIST_CELL), "省商务厅|省财政厅");
	CHECK_STR(list("省发展改革委牵头，省财政厅配合", PLAN_LIST_CELL), "省发展改革委|省财政厅 +lead");
	CHECK_STR(list("立山经济开发区，全区经济运行各专班", PLAN_LIST_CELL), "立山经济开发区|全区经济运行各专班");
}

TEST(list_merge)
{
	struct plan_list a, b;

	CHECK(plan_list_parse("生态环境部、工业和信息化部指导", strlen("生态环境部、工业和信息化部指导"),
			      PLAN_LIST_TEXT, &a));
	CHECK(plan_list_parse("工业和信息化部、商务部等负责", strlen("工业和信息化部、商务部等负责"),
			      PLAN_LIST_TEXT, &b));
	plan_list_merge(&a, &b);
	CHECK_INT(a.nnames, 3);
	if (a.nnames == 3) {
		CHECK_STR(a.names[0], "生态环境部");
		CHECK_STR(a.names[2], "商务部");
	}
	CHECK_INT(a.open, 1);
	plan_list_release(&a);
	plan_list_release(&b);
	CHECK(plan_list_is_label_line("牵头单位：区发改局", strlen("牵头单位：区发改局")));
	CHECK(plan_list_is_label_line("責任單位:立山經濟開發區", strlen("責任單位:立山經濟開發區")));
	CHECK(!plan_list_is_label_line("牵头推进工作", strlen("牵头推进工作")));
}

int main(void)
{
	RUN(list_plain);
	RUN(list_roles);
	RUN(list_wrappers);
	RUN(list_not_lists);
	RUN(list_cells);
	RUN(list_merge);
	TEST_END();
}
