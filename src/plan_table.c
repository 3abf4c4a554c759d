/* Task tables: the header row is found by its labels, not its place; rows
 * below it are tasks (a task cell), chapter and section headings (一、…,
 * （一）… alone in a row) or repeats of the header (a table that runs over
 * pages); department cells are read as lists (src/plan_list.c). */
#include <stdint.h>
#include <strings.h>
#include <unistr.h>

#include "src/plan_list.h"
#include "src/plan_table.h"
#include "src/banned.h"

#define HEADER_ROWS_MAX 20   /* the header is within a table's first rows */

enum tcol { T_ID, T_TASK, T_LEAD, T_PART, T_DUTY, T_DEADLINE, T_CHAPTER, T_SECTION, T_LISTS,
	    T_NCOLS };

struct tmap {
	int col[T_NCOLS];       /* cell index, -1 when the table has none */
	size_t header;          /* block of the header row */
	int table;
};

/* A header cell's text with white space and a final colon removed. */
static char *t_key(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, n = strlen(s);

	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (k <= 0)
			k = 1;
		if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0 ||
		      c == ':' || c == 0xFF1A || c == '*'))
			sb_add(&sb, s + i, (size_t)k);
		i += (size_t)k;
	}
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

static int t_has(const char *s, const char *w)
{
	return strstr(s, w) != NULL;
}

/* Which column a header cell names. */
static int t_col(const char *cell)
{
	char *k = t_key(cell);
	int c = -1;

	if (!*k || strlen(k) > 60)
		c = -1;
	else if (!strcmp(k, "序号") || !strcmp(k, "序號") || !strcmp(k, "编号") || !strcmp(k, "編號") ||
		 !strcmp(k, PLAN_TABLE_ID) || !strcmp(k, "任務編號") || !strcmp(k, "序") ||
		 !strcasecmp(k, "no") || !strcasecmp(k, "no.") || !strcmp(k, "任务序号"))
		c = T_ID;
	else if (!strcmp(k, PLAN_TABLE_LISTS))
		c = T_LISTS;
	else if (!strcmp(k, PLAN_TABLE_CHAPTER) || !strcmp(k, "一级标题") || !strcmp(k, "所属章"))
		c = T_CHAPTER;
	else if (!strcmp(k, PLAN_TABLE_SECTION) || !strcmp(k, "二级标题") || !strcmp(k, "所属节"))
		c = T_SECTION;
	else if (t_has(k, "牵头") || t_has(k, "牽頭") || t_has(k, "主责") || t_has(k, "主办"))
		c = T_LEAD;
	else if (t_has(k, "参与") || t_has(k, "參與") || t_has(k, "配合") || t_has(k, "协办") ||
		 t_has(k, "協辦") || t_has(k, "协同") || t_has(k, "协助") || t_has(k, "参加"))
		c = T_PART;
	else if (t_has(k, "责任单位") || t_has(k, "责任部门") || t_has(k, "責任單位") ||
		 t_has(k, "責任部門") || t_has(k, "负责单位") || t_has(k, "负责部门") ||
		 t_has(k, "負責單位") || t_has(k, "負責部門") || t_has(k, "指导部门") ||
		 t_has(k, "指导单位") || t_has(k, "指導部門") || t_has(k, "承办") || t_has(k, "责任主体") ||
		 !strcmp(k, "单位") || !strcmp(k, "部门"))
		c = T_DUTY;
	else if (t_has(k, "时限") || t_has(k, "時限") || t_has(k, "完成时间") || t_has(k, "时间进度") ||
		 t_has(k, "进度安排"))
		c = T_DEADLINE;
	else if (t_has(k, "任务") || t_has(k, "任務") || t_has(k, "措施") || t_has(k, "内容") ||
		 t_has(k, "內容") || t_has(k, "事项") || t_has(k, "事項") || t_has(k, "举措") ||
		 t_has(k, "工作要点") || t_has(k, "重点工作"))
		c = T_TASK;
	free(k);
	return c;
}

/* Is row B a header? Fills M. */
static int t_header(const struct doc_block *b, struct tmap *m)
{
	size_t i;

	for (i = 0; i < T_NCOLS; i++)
		m->col[i] = -1;
	for (i = 0; i < b->ncells; i++) {
		int c = t_col(b->cells[i]);
		if (c >= 0 && m->col[c] < 0)
			m->col[c] = (int)i;
	}
	return m->col[T_TASK] >= 0 &&
	       (m->col[T_LEAD] >= 0 || m->col[T_DUTY] >= 0 || m->col[T_PART] >= 0);
}

static int t_find(const struct doc *d, struct tmap *m)
{
	size_t i;
	int rows[64] = { 0 };

	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind != DOC_ROW || b->meta)
			continue;
		if (b->table >= 0 && b->table < 64 && rows[b->table]++ >= HEADER_ROWS_MAX)
			continue;
		if (t_header(b, m)) {
			struct tmap two;
			size_t j = i + 1;
			m->header = i;
			m->table = b->table;
			/* a header over two rows ("责任单位" above "牵头单位 | 配合单位"):
			 * the second, where the merged cells above reach down, says more */
			while (j < d->nblocks && d->blocks[j].kind == DOC_ROW && d->blocks[j].meta)
				j++;
			if (j < d->nblocks && d->blocks[j].kind == DOC_ROW && d->blocks[j].table == b->table &&
			    t_header(&d->blocks[j], &two)) {
				two.header = j;
				two.table = b->table;
				*m = two;
			}
			return 1;
		}
	}
	return 0;
}

static const char *t_cell(const struct doc_block *b, int col)
{
	return col >= 0 && (size_t)col < b->ncells ? b->cells[col] : "";
}

/* "2024-105", "FYP14-13.1": an id duban gave; the key and label into *KEY and *LABEL. */
static int t_id(const char *s, char **key, char **label)
{
	const char *dash = strrchr(s, '-'), *p;

	if (!dash || dash == s || !dash[1])
		return 0;
	for (p = s; p < dash; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	for (p = dash + 1; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '.'))
			return 0;
	*key = xstrndup(s, (size_t)(dash - s));
	*label = xstrdup(dash + 1);
	return 1;
}

static int t_numeric(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == '.'))
			return 0;
	return 1;
}

/* A chapter or section heading "一、完善制度" / "（一）…" into PLAN. */
static int t_heading(struct plan_doc *p, const char *text, int *chapter, int *section, size_t *capch,
		     size_t *capsec)
{
	char *clean = plan_clean(text, strlen(text), NULL);
	size_t toff;
	int lvl, num = plan_mark(clean, strlen(clean), &lvl, &toff);
	size_t i;

	if (!num || (lvl != 1 && lvl != 2)) {
		free(clean);
		return 0;
	}
	if (lvl == 1) {
		for (i = 0; i < p->nchapters; i++)
			if (p->chapters[i].number == num)
				break;
		if (i == p->nchapters) {
			xgrow(&p->chapters, capch, p->nchapters + 1, sizeof *p->chapters);
			p->chapters[i].number = num;
			p->chapters[i].title = xstrdup(clean + toff);
			p->chapters[i].line = 0;
			p->nchapters++;
		}
		*chapter = (int)i;
		*section = -1;
	} else {
		for (i = 0; i < p->nsections; i++)
			if (p->sections[i].number == num && p->sections[i].chapter == *chapter)
				break;
		if (i == p->nsections) {
			xgrow(&p->sections, capsec, p->nsections + 1, sizeof *p->sections);
			p->sections[i].chapter = *chapter;
			p->sections[i].number = num;
			p->sections[i].title = xstrdup(clean + toff);
			p->sections[i].line = 0;
			p->nsections++;
		}
		*section = (int)i;
	}
	free(clean);
	return 1;
}

/* Read CELL (a department column's) into L; the cell's text cleaned first. */
static int t_depts(const char *cell, struct plan_list *l, int *invisible)
{
	char *clean;
	int ok;
	const char *p;

	memset(l, 0, sizeof *l);
	/* line breaks inside a cell part names, as commas do */
	for (p = cell; *p && (*p == ' ' || *p == '\n'); p++)
		;
	if (!*p)
		return 0;
	{
		struct strbuf sb = STRBUF_INIT;
		for (p = cell; *p; p++)
			if (*p == '\n')
				sb_adds(&sb, "、");
			else
				sb_addc(&sb, *p);
		clean = plan_clean(sb.buf, sb.len, invisible);
		sb_release(&sb);
	}
	ok = plan_list_parse(clean, strlen(clean), PLAN_LIST_CELL, l);
	free(clean);
	return ok;
}

/* Do the lists as written in CELL (one a line: "（X负责）", "牵头单位：X")
 * name T's departments, in order? */
static int t_lists_agree(const char *cell, const struct plan_task *t)
{
	struct plan_list acc;
	const char *p = cell;
	size_t i;
	int ok;

	if (!*cell)
		return 0;
	memset(&acc, 0, sizeof acc);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), a = 0, b = n;
		struct plan_list l;
		ucs4_t c;
		int k;
		/* one bracket around it at most: （…） (…) 〔…〕 【…】 */
		if (n && (k = u8_mbtouc(&c, (const uint8_t *)p, n)) > 0 &&
		    (c == '(' || c == 0xFF08 || c == 0x3014 || c == 0x3010)) {
			size_t st = n;
			a = (size_t)k;
			do
				st--;
			while (st > a && ((unsigned char)p[st] & 0xC0) == 0x80);
			if (u8_mbtouc(&c, (const uint8_t *)p + st, n - st) > 0 &&
			    (c == ')' || c == 0xFF09 || c == 0x3015 || c == 0x3011))
				b = st;
		}
		if (b > a && (plan_list_parse(p + a, b - a, PLAN_LIST_TEXT, &l) ||
			      plan_list_parse(p + a, b - a, PLAN_LIST_CELL, &l))) {
			plan_list_merge(&acc, &l);
			plan_list_release(&l);
		}
		p += n + (nl ? 1 : 0);
	}
	ok = acc.nnames == t->ndepts && acc.open == t->open;
	for (i = 0; ok && i < acc.nnames; i++)
		ok = !strcmp(acc.names[i], t->depts[i]);
	plan_list_release(&acc);
	return ok;
}

static char *t_strip_suffix(char *t)
{
	static const char *const sfx[] = { "重点任务分工表", "任务分工表", "分工表", "任务清单", "任务表",
					   "重点任务清单", NULL };
	size_t n = strlen(t), i;

	for (i = 0; sfx[i]; i++) {
		size_t m = strlen(sfx[i]);
		if (n > m + 6 && !strcmp(t + n - m, sfx[i])) {
			t[n - m] = '\0';
			break;
		}
	}
	return t;
}

int plan_table_read(const struct doc *d, const char *name, struct plan_doc *p, struct err *e)
{
	struct tmap m;
	size_t i, captask = 0, capch = 0, capsec = 0;
	int chapter = -1, section = -1, seq = 0, ids = 0, invisible = 0;
	char *key = NULL;
	unsigned char *idrow = NULL;   /* per task: its label came from an id */
	size_t capid = 0;

	memset(p, 0, sizeof *p);
	if (!t_find(d, &m))
		return 0;
	/* above the header: the title (one cell alone in a row, or a paragraph)
	 * and what the export says of the plan (类型) */
	for (i = 0; i < m.header; i++) {
		const struct doc_block *b = &d->blocks[i];
		size_t j, filled = 0, first = 0;
		if (b->kind == DOC_PARA) {
			if (!p->title && !b->meta && u8_mbsnlen((const uint8_t *)b->text, strlen(b->text)) <= 80)
				p->title = plan_clean(b->text, strlen(b->text), NULL);
			continue;
		}
		for (j = 0; j < b->ncells; j++) {
			char *k = t_key(b->cells[j]);
			if (b->cells[j][0] && !filled++)
				first = j;
			if (!strcmp(k, PLAN_TABLE_KIND) && j + 1 < b->ncells) {
				const char *v = b->cells[j + 1];
				p->kind_given = 1;
				p->kind = !strcmp(v, "five-year") ? PLAN_FIVE_YEAR :
					  !strcmp(v, "task-division") ? PLAN_TASK_DIVISION : PLAN_ANNUAL;
			}
			free(k);
		}
		if (!p->title && !b->meta && filled && b->table == m.table) {
			for (j = first + 1; j < b->ncells && (!b->cells[j][0] ||
			     !strcmp(b->cells[j], b->cells[first])); j++)
				;
			if (j == b->ncells)
				p->title = plan_clean(b->cells[first], strlen(b->cells[first]), NULL);
		}
	}
	for (i = m.header + 1; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		const char *task, *cell;
		struct plan_list l, part;
		struct plan_task *t;
		struct tmap again;
		char *ikey = NULL, *ilabel = NULL;
		size_t j;
		int any = 0;

		if (b->kind != DOC_ROW || b->table != m.table || b->meta)
			continue;
		for (j = 0; j < b->ncells; j++)
			any |= b->cells[j][0] != '\0';
		if (!any || t_header(b, &again))
			continue;
		if (m.col[T_CHAPTER] >= 0 && *t_cell(b, m.col[T_CHAPTER]))
			t_heading(p, t_cell(b, m.col[T_CHAPTER]), &chapter, &section, &capch, &capsec);
		if (m.col[T_SECTION] >= 0) {
			section = -1;
			if (*t_cell(b, m.col[T_SECTION]))
				t_heading(p, t_cell(b, m.col[T_SECTION]), &chapter, &section, &capch, &capsec);
		}
		task = t_cell(b, m.col[T_TASK]);
		if (!*task || (m.col[T_ID] >= 0 && !strcmp(task, t_cell(b, m.col[T_ID])))) {
			/* a heading row: "一、完善制度" in its first filled cell */
			for (j = 0; j < b->ncells && !b->cells[j][0]; j++)
				;
			if (j < b->ncells)
				t_heading(p, b->cells[j], &chapter, &section, &capch, &capsec);
			continue;
		}
		if (t_heading(p, task, &chapter, &section, &capch, &capsec) &&
		    !*t_cell(b, m.col[T_LEAD]) && !*t_cell(b, m.col[T_DUTY]) && !*t_cell(b, m.col[T_PART]))
			continue;
		xgrow(&p->tasks, &captask, p->ntasks + 1, sizeof *p->tasks);
		t = &p->tasks[p->ntasks++];
		memset(t, 0, sizeof *t);
		t->chapter = chapter;
		t->section = section;
		t->line = b->where;
		t->text = plan_clean(task, strlen(task), &invisible);
		seq++;
		xgrow(&idrow, &capid, p->ntasks, 1);
		idrow[p->ntasks - 1] = 0;
		cell = t_cell(b, m.col[T_ID]);
		if (t_id(cell, &ikey, &ilabel) && (!key || !strcmp(key, ikey))) {
			if (!key)
				key = xstrdup(ikey);
			ids++;
			idrow[p->ntasks - 1] = 1;
			t->label = ilabel;
			t->number = atoi(ilabel);
			free(ikey);
		} else {
			if (ilabel) {
				/* an id of another plan: no id here */
				free(ikey);
				free(ilabel);
				cell = "";
			}
			t->number = t_numeric(cell) ? atoi(cell) : seq;
			t->label = xstrdup(t_numeric(cell) ? cell : "");
			if (!*t->label) {
				struct strbuf sb = STRBUF_INIT;
				free(t->label);
				sb_addf(&sb, "%d", t->number);
				t->label = sb_detach(&sb);
			}
		}
		/* the lead column's names lead; the duty column's first leads when
		 * there is no lead column; participants after */
		memset(&l, 0, sizeof l);
		if (m.col[T_LEAD] >= 0 && t_depts(t_cell(b, m.col[T_LEAD]), &part, &invisible)) {
			plan_list_merge(&l, &part);
			l.lead_explicit = 1;
			plan_list_release(&part);
		}
		if (m.col[T_DUTY] >= 0 && t_depts(t_cell(b, m.col[T_DUTY]), &part, &invisible)) {
			plan_list_merge(&l, &part);
			plan_list_release(&part);
		}
		if (m.col[T_PART] >= 0 && t_depts(t_cell(b, m.col[T_PART]), &part, &invisible)) {
			plan_list_merge(&l, &part);
			plan_list_release(&part);
		}
		t->depts = l.names;
		t->ndepts = l.nnames;
		t->lead_explicit = l.lead_explicit;
		t->open = l.open;
		l.names = NULL;
		l.nnames = 0;
		plan_list_release(&l);
		if (t_lists_agree(t_cell(b, m.col[T_LISTS]), t)) {
			/* the lists as the document wrote them, which the table's
			 * department cells still say */
			t->lists = xstrdup(t_cell(b, m.col[T_LISTS]));
		} else {
			struct strbuf w = STRBUF_INIT;
			int c2, cols[3] = { m.col[T_LEAD], m.col[T_DUTY], m.col[T_PART] };
			for (c2 = 0; c2 < 3; c2++)
				if (*t_cell(b, cols[c2]))
					sb_addf(&w, "%s%s", w.len ? "\n" : "", t_cell(b, cols[c2]));
			t->lists = w.buf ? sb_detach(&w) : xstrdup("");
		}
		if (!t->ndepts)
			plan_doc_warn(p, t->line, "task %s (row %d) names no department; add one before importing it",
				      t->label, b->where);
	}
	if (!p->ntasks) {
		free(key);
		free(idrow);
		plan_doc_release(p);
		return err_set(e, ERR_INPUT, "cannot import '%s': its task table has a header but no task "
			       "rows; fill in the rows under 任务 and 牵头单位", name);
	}
	if (key && ids) {
		/* a table duban exported: rows without an id are new tasks, numbered
		 * after the highest number the plan's ids have */
		int max = 0;
		for (i = 0; i < p->ntasks; i++)
			if (idrow[i] && atoi(p->tasks[i].label) > max)
				max = atoi(p->tasks[i].label);
		for (i = 0; i < p->ntasks; i++) {
			struct plan_task *t = &p->tasks[i];
			struct strbuf sb = STRBUF_INIT;
			if (idrow[i])
				continue;
			sb_addf(&sb, "%d", ++max);
			plan_doc_warn(p, t->line, "row %d has no 任务编号: it is a new task, %s-%s",
				      t->line, key, sb.buf);
			free(t->label);
			t->label = sb_detach(&sb);
			t->number = max;
		}
	}
	/* labels: one each */
	for (i = 1; i < p->ntasks; i++) {
		size_t j;
		for (j = 0; j < i; j++)
			if (!strcmp(p->tasks[i].label, p->tasks[j].label))
				break;
		if (j < i) {
			int max = 0;
			size_t k;
			struct strbuf sb = STRBUF_INIT;
			for (k = 0; k < p->ntasks; k++)
				if (p->tasks[k].number > max)
					max = p->tasks[k].number;
			sb_addf(&sb, "%d", max + 1);
			plan_doc_warn(p, p->tasks[i].line, "row %d repeats task number %s; it is kept as task %s",
				      p->tasks[i].line, p->tasks[i].label, sb.buf);
			free(p->tasks[i].label);
			p->tasks[i].label = sb_detach(&sb);
			p->tasks[i].number = max + 1;
		}
	}
	if (invisible)
		plan_doc_warn(p, 0, "removed %d invisible characters (ZWJ, soft hyphens …) from the table; "
			      "departments are stored without them", invisible);
	if (d->title) {
		free(p->title);
		p->title = xstrdup(d->title);
	}
	if (!p->title)
		p->title = xstrdup("");
	t_strip_suffix(p->title);
	p->docno = d->docno ? xstrdup(d->docno) : NULL;
	p->date = d->date ? xstrdup(d->date) : NULL;
	p->shape = PLAN_ANNUAL;
	if (!p->kind_given)
		p->kind = PLAN_ANNUAL;
	plan_doc_finish(p);
	if (key && ids) {
		/* a table duban exported: its ids say which plan and which tasks */
		free(p->key);
		p->key = key;
		key = NULL;
		p->ids_given = 1;
	}
	free(key);
	free(idrow);
	return 1;
}

int plan_table_refuse(const struct doc *d, const char *name, struct err *e)
{
	struct strbuf cols = STRBUF_INIT;
	size_t i, j;

	for (i = 0; i < d->nblocks && !cols.len; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind != DOC_ROW || b->meta)
			continue;
		for (j = 0; j < b->ncells && j < 12; j++)
			if (b->cells[j][0])
				sb_addf(&cols, "%s'%s'", cols.len ? ", " : "", b->cells[j]);
	}
	err_set(e, ERR_INPUT, "cannot import '%s': no task column found; the header row needs a task "
		"column (任务, 重点任务, 工作任务, 具体措施 …) and a department column (牵头单位, 责任单位, "
		"参与单位 …); the first row has %s", name, cols.len ? sb_str(&cols) : "nothing");
	sb_release(&cols);
	return -ERR_INPUT;
}
