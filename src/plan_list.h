/* Department lists as the task-division family writes them, in any of its
 * wrappers: "国家知识产权局、司法部负责", "X牵头，Y、Z参与", "X指导，Y参与",
 * "负责部门：商务部、海关总署", "牵头单位：X；责任单位：Y", "X会同有关部门
 * 负责", "…等和各有关省级人民政府负责", "X负责，排在第一位的部门为牵头部门，
 * 下同", "国务院各部门分别负责，年内持续推进". Pure text work on one list's
 * content (what stands inside its brackets, or a table cell). */
#ifndef DUBAN_PLAN_LIST_H
#define DUBAN_PLAN_LIST_H

#include <stddef.h>

struct plan_list {
	char **names;        /* as written, lead first; tails like 按职责分工 and 等 removed */
	size_t nnames, cap;
	int lead_explicit;   /* the list names its lead: 牵头, 牵头单位：, 会同 */
	int open;            /* open-ended: 等, 等有关部门, 会同有关部门 */
	char *note;          /* what follows the names ("排在第一位的部门为牵头部门，下同"), or NULL */
};

enum plan_list_mode {
	PLAN_LIST_TEXT,      /* text in brackets: a list only with a duty word (负责, 牵头 …) or a label */
	PLAN_LIST_CELL       /* a department column's cell: names alone are a list */
};

/* Parse S[0, N) as a department list into L (zeroed first). Returns 1 when it
 * is one (at least one name), 0 when not (L then empty). Names longer than 30
 * characters, or holding 《》“” digits or sentence words, are no names. */
int plan_list_parse(const char *s, size_t n, enum plan_list_mode mode, struct plan_list *l);

/* Add the names of B that A does not have, in B's order (A's lead stays). */
void plan_list_merge(struct plan_list *a, const struct plan_list *b);

/* Free what L owns and zero it. */
void plan_list_release(struct plan_list *l);

/* 1 when S[0, N) starts with a list label such as "牵头单位：" or "责任单位:"
 * (a line of its own that carries a list). */
int plan_list_is_label_line(const char *s, size_t n);

#endif
