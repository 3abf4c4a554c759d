/* Import: file -> plan_read (any format) -> department resolution ->
 * store_plan_write, all files of one command in one BEGIN IMMEDIATE
 * transaction so a failure leaves the database as it was. */
#include "src/import.h"
#include "src/plan_match.h"
#include "src/plan_read.h"
#include "src/sha256.h"
#include "src/text.h"
#include "store/store.h"
#include "src/banned.h"

int import_key_valid(const char *key)
{
	size_t n = strlen(key);
	if (n == 0 || n > 32)
		return 0;
	for (const char *p = key; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

struct built {
	char **ids;                  /* the id each task is stored under (see match_stored) */
	char *mapping;               /* what match_stored reports */
	struct store_chapter_in *chapters;
	struct store_section_in *sections;
	struct store_task_in *tasks;
	size_t nchapters;
	size_t ntasks;
	char **new_depts; size_t nnew, capnew;
	char **known_depts; size_t nknown, capknown;
};

static void built_release(struct built *b)
{
	if (b->ids)
		store_strv_free(b->ids, b->ntasks);
	free(b->mapping);
	for (size_t i = 0; i < b->ntasks; i++) {
		store_strv_free(b->tasks[i].depts, b->tasks[i].ndepts);
		free(b->tasks[i].written);
		free((char *)b->tasks[i].match_key);
	}
	free(b->tasks);
	free(b->chapters);
	free(b->sections);
	store_strv_free(b->new_depts, b->nnew);
	store_strv_free(b->known_depts, b->nknown);
	memset(b, 0, sizeof *b);
}

static void note_dept(char ***v, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], name))
			return;
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(name);
}

/* Written department names already resolved in this import: each distinct
 * spelling costs its match key and a lookup once, not once per task. */
struct seen_dept { const char *written; char *dept; int created; };

static int resolve_once(struct store *s, const char *written, struct seen_dept **seen, size_t *nseen,
			size_t *cap, char **dept, int *created, int *first, struct err *e)
{
	char *key, *fresh;
	int rc;
	*first = 0;
	for (size_t i = 0; i < *nseen; i++) {
		if (!strcmp((*seen)[i].written, written)) {
			*dept = xstrdup((*seen)[i].dept);
			*created = (*seen)[i].created;
			return 0;
		}
	}
	*first = 1;
	key = text_match_key(written);
	rc = store_dept_lookup(s, key, dept, NULL, e);
	*created = 0;
	if (rc == -ERR_NOTFOUND) {
		err_clear(e);
		fresh = dept_canonical_for_new(written);
		rc = store_dept_resolve(s, written, key, fresh, dept, created, e);
		free(fresh);
	}
	free(key);
	if (rc)
		return rc;
	xgrow(seen, cap, *nseen + 1, sizeof **seen);
	(*seen)[*nseen].written = written;
	(*seen)[*nseen].dept = xstrdup(*dept);
	(*seen)[*nseen].created = *created;
	(*nseen)++;
	return 0;
}

/* Resolve every department of DOC's tasks into B (inside the transaction). */
static int build_tasks(struct store *s, const struct plan_doc *doc, const char *name,
		       struct built *b, struct strbuf *warn, struct err *e)
{
	struct seen_dept *seen = NULL;
	size_t nseen = 0, cap = 0;
	int rc = 0;
	b->tasks = xcalloc(doc->ntasks, sizeof *b->tasks);
	for (size_t i = 0; i < doc->ntasks; i++) {
		const struct plan_task *pt = &doc->tasks[i];
		struct store_task_in *t = &b->tasks[i];
		b->ntasks = i + 1;
		t->label = pt->label;
		t->seq = (int)i + 1;
		/* a document with tasks but no chapter headings: chapter 0 */
		t->chapter = pt->chapter >= 0 ? doc->chapters[pt->chapter].number : 0;
		t->section = pt->section >= 0 ? doc->sections[pt->section].number : 0;
		t->text = pt->text;
		t->match_key = text_match_key(pt->text);
		t->open = pt->open;
		t->lists = pt->lists;
		t->depts = xcalloc(pt->ndepts ? pt->ndepts : 1, sizeof *t->depts);
		t->written = xcalloc(pt->ndepts ? pt->ndepts : 1, sizeof *t->written);
		for (size_t j = 0; j < pt->ndepts; j++) {
			char *dept = NULL;
			int created = 0, first = 0, dup = 0;
			rc = resolve_once(s, pt->depts[j], &seen, &nseen, &cap, &dept, &created, &first, e);
			if (rc)
				goto out;
			for (size_t k = 0; k < t->ndepts; k++)
				dup |= !strcmp(t->depts[k], dept);
			if (dup) {
				sb_addf(warn, "%s:%d: warning: task %s names '%s' twice (as '%s'); kept once\n",
					name, pt->line, pt->label, dept, pt->depts[j]);
				free(dept);
				continue;
			}
			/* the known and new lists: each spelling once (two spellings
			 * of one department are merged by note_dept) */
			if (first && created)
				note_dept(&b->new_depts, &b->nnew, &b->capnew, dept);
			else if (first)
				note_dept(&b->known_depts, &b->nknown, &b->capknown, dept);
			t->depts[t->ndepts] = dept;
			t->written[t->ndepts] = pt->depts[j];
			t->ndepts++;
		}
	}
out:
	for (size_t i = 0; i < nseen; i++)
		free(seen[i].dept);
	free(seen);
	return rc;
}

/* A line of the outline for task T: its label, lead and how many others,
 * and its first characters. */
static void outline_task(struct strbuf *out, const struct plan_task *t, const struct store_task_in *b)
{
	struct strbuf snip = STRBUF_INIT;
	size_t i = 0, chars = 0;

	while (t->text[i] && chars < 24) {
		i++;
		while (((unsigned char)t->text[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	sb_add(&snip, t->text, i);
	if (t->text[i])
		sb_adds(&snip, "…");
	sb_addf(out, "    %-6s %s", t->label, b->ndepts ? b->depts[0] : "(no department)");
	if (b->ndepts > 1)
		sb_addf(out, " +%zu", b->ndepts - 1);
	if (t->open)
		sb_adds(out, " 等");
	sb_addf(out, "  %s\n", sb_str(&snip));
	sb_release(&snip);
}

/* What --dry-run shows: chapters, sections and tasks with their departments. */
static void outline(struct strbuf *out, const struct plan_doc *doc, const struct built *b)
{
	int ch = -2, sec = -2;

	sb_adds(out, "  outline (task, lead +others, text):\n");
	for (size_t i = 0; i < doc->ntasks; i++) {
		const struct plan_task *t = &doc->tasks[i];
		if (t->chapter != ch) {
			ch = t->chapter;
			sec = -2;
			if (ch >= 0) {
				sb_adds(out, "  ");
				plan_numeral_add(out, doc->chapters[ch].number);
				sb_addf(out, "、%s\n", doc->chapters[ch].title);
			}
		}
		if (t->section != sec) {
			sec = t->section;
			if (sec >= 0) {
				sb_adds(out, "   （");
				plan_numeral_add(out, doc->sections[sec].number);
				sb_addf(out, "）%s\n", doc->sections[sec].title);
			}
		}
		outline_task(out, t, &b->tasks[i]);
	}
}

/* Numbered items with no department list: said, never dropped silently. */
static void untracked(struct strbuf *out, const struct plan_doc *doc, int full)
{
	if (!doc->nuntracked)
		return;
	sb_addf(out, "  %zu numbered item%s without a department list, not tracked (preamble, "
		"principles, steps):", doc->nuntracked, doc->nuntracked > 1 ? "s" : "");
	for (size_t i = 0; i < doc->nuntracked; i++) {
		if (!full && i == 6) {
			sb_addf(out, " …");
			break;
		}
		sb_addf(out, "%s line %d %s", i ? ";" : "", doc->untracked[i].line,
			full ? doc->untracked[i].text : doc->untracked[i].label);
	}
	sb_addc(out, '\n');
}

static long id_number(const char *key, const char *id)
{
	size_t k = strlen(key);
	char *end;
	long n;

	if (strncmp(id, key, k) || id[k] != '-')
		return 0;
	n = strtol(id + k + 1, &end, 10);
	return *end ? 0 : n;
}

/* Which stored task each task of DOC (to be stored as TITLE) is, when plan
 * KEY is held already under that title (or O->replace): by
 * content for a corrected text (plan_match), by the ids an exported table
 * gives. Fills B->ids; adds to OUT the tasks whose number, text or life
 * changes; refuses (-ERR_CONFLICT, naming each) when records would stay on
 * text they were not made for (a task with records matched to text hardly
 * like its own, or retired) unless O->confirm. */
static int match_stored(struct store *s, const char *name, const char *key, const char *title,
			const struct plan_doc *doc, struct built *b, const struct import_opts *o,
			struct strbuf *out, struct err *e)
{
	struct store_task_brief *old = NULL;
	size_t nold = 0, nlive = 0, i, j, cap = 0;
	struct match_task *mo = NULL, *mn = NULL;
	size_t *live = NULL;
	long *map = NULL, next = 0;
	double *alike = NULL;
	unsigned char *kept = NULL;
	struct strbuf problems = STRBUF_INIT, report = STRBUF_INIT;
	struct plan_info held;
	int rc, nproblems = 0;

	/* another plan under the key (another title, no --replace): not a
	 * corrected text; store_plan_write says so */
	rc = store_plan_get(s, key, &held, e);
	if (rc == -ERR_NOTFOUND) {
		err_clear(e);
		return 0;
	}
	if (rc)
		return rc;
	rc = strcmp(held.title, title) && !o->replace && !doc->ids_given;
	store_plan_info_release(&held);
	if (rc)
		return 0;
	rc = store_plan_task_briefs(s, key, &old, &nold, e);
	if (rc || !nold)
		return rc;
	b->ids = xcalloc(b->ntasks + 1, sizeof *b->ids);
	live = xcalloc(nold, sizeof *live);
	mo = xcalloc(nold, sizeof *mo);
	for (i = 0; i < nold; i++) {
		long k = id_number(key, old[i].id);
		if (k > next)
			next = k;
		if (old[i].retired)
			continue;
		mo[nlive].label = old[i].label;
		mo[nlive].key = old[i].match_key;
		mo[nlive].depts = old[i].depts;
		mo[nlive].ndepts = old[i].ndepts;
		live[nlive++] = i;
	}
	for (i = 0; i < b->ntasks; i++) {
		long k = atol(b->tasks[i].label);
		if (k > next)
			next = k;
	}
	map = xcalloc(b->ntasks + 1, sizeof *map);
	alike = xcalloc(b->ntasks + 1, sizeof *alike);
	kept = xcalloc(nlive + 1, 1);
	if (doc->ids_given) {
		/* an exported table: its ids say which task each row is */
		for (i = 0; i < b->ntasks; i++) {
			struct strbuf id = STRBUF_INIT;
			sb_addf(&id, "%s-%s", key, b->tasks[i].label);
			map[i] = -1;
			for (j = 0; j < nlive; j++)
				if (!strcmp(old[live[j]].id, id.buf))
					map[i] = (long)j;
			alike[i] = map[i] >= 0 ? plan_match_text(mo[map[i]].key, b->tasks[i].match_key) : 0;
			b->ids[i] = sb_detach(&id);
		}
	} else {
		mn = xcalloc(b->ntasks + 1, sizeof *mn);
		for (i = 0; i < b->ntasks; i++) {
			mn[i].label = b->tasks[i].label;
			mn[i].key = b->tasks[i].match_key;
			mn[i].depts = b->tasks[i].depts;
			mn[i].ndepts = b->tasks[i].ndepts;
		}
		plan_match(mo, nlive, mn, b->ntasks, map, alike);
		for (i = 0; i < b->ntasks; i++) {
			struct strbuf id = STRBUF_INIT;
			if (map[i] >= 0) {
				b->ids[i] = xstrdup(old[live[map[i]]].id);
				continue;
			}
			/* a new task: the id of its number unless a task had it, else the next free */
			sb_addf(&id, "%s-%s", key, b->tasks[i].label);
			for (j = 0; j < nold && strcmp(old[j].id, id.buf); j++)
				;
			if (j < nold) {
				sb_reset(&id);
				sb_addf(&id, "%s-%ld", key, ++next);
			}
			b->ids[i] = sb_detach(&id);
		}
	}
	for (i = 0; i < b->ntasks; i++) {
		const struct store_task_brief *t = map[i] >= 0 ? &old[live[map[i]]] : NULL;
		b->tasks[i].id = b->ids[i];
		if (!t) {
			if (!doc->ids_given || id_number(key, b->ids[i]) > 0)
				sb_addf(&report, "    task %s is new: %s\n", b->tasks[i].label, b->ids[i]);
			continue;
		}
		kept[map[i]] = 1;
		if (strcmp(t->label, b->tasks[i].label))
			sb_addf(&report, "    %s (task %s) is now task %s%s\n", t->id, t->label, b->tasks[i].label,
				alike[i] >= 1 ? ", same text" : "");
		if (alike[i] < 1)
			sb_addf(&report, "    %s: text changed (%.0f%% alike)\n", t->id, alike[i] * 100);
		if (t->records && alike[i] < 0.5) {
			sb_addf(&problems, "%s%s (%d record%s) would keep %s under text only %.0f%% like its own",
				nproblems++ ? "; " : "", t->id, t->records, t->records > 1 ? "s" : "",
				t->records > 1 ? "them" : "it", alike[i] * 100);
		}
	}
	for (j = 0; j < nlive; j++) {
		const struct store_task_brief *t = &old[live[j]];
		if (kept[j])
			continue;
		sb_addf(&report, "    %s (task %s) is retired%s\n", t->id, t->label,
			t->records ? ", its records stay with it" : "");
		if (t->records)
			sb_addf(&problems, "%s%s (%d record%s) would be retired: its text is not in the new one",
				nproblems++ ? "; " : "", t->id, t->records, t->records > 1 ? "s" : "");
	}
	(void)cap;
	if (nproblems && !o->confirm) {
		rc = err_set(e, ERR_CONFLICT, "cannot import '%s' over plan %s: records would stay with text "
			     "they were not made for: %s; see the mapping with --dry-run, and pass --confirm "
			     "if it is right", name, key, problems.buf);
	} else if (report.len) {
		sb_addf(out, "  tasks matched to those held by content%s:\n%s",
			o->confirm && nproblems ? " (--confirm: records stay as shown)" : "", report.buf);
	}
	sb_release(&problems);
	sb_release(&report);
	store_task_briefs_free(old, nold);
	free(live);
	free(mo);
	free(mn);
	free(map);
	free(alike);
	free(kept);
	return rc;
}

/* Import one document inside the caller's transaction. */
static int import_stage(struct store *s, const char *path, const char *buf, size_t len,
			const struct import_opts *o, struct strbuf *out, struct strbuf *warn,
			struct err *e)
{
	const char *name = base_name(path);
	struct plan_doc doc;
	struct built b;
	struct store_plan_in in;
	struct store_plan_result res;
	char sha[65];
	const char *key;
	char yearkey[16];
	int rc;

	memset(&doc, 0, sizeof doc);
	memset(&b, 0, sizeof b);
	sha256_hex(buf, len, sha);
	rc = plan_read(buf, len, path, o->encoding, &doc, NULL, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < doc.nwarnings; i++) {
		if (doc.warnings[i].line > 0)
			sb_addf(warn, "%s:%d: warning: %s\n", name, doc.warnings[i].line, doc.warnings[i].msg);
		else
			sb_addf(warn, "%s: warning: %s\n", name, doc.warnings[i].msg);
	}
	if (doc.kind == PLAN_SUMMARY || doc.ntasks == 0) {
		sb_addf(out, "skipped '%s': it is a summary of a plan (%zu chapters, no numbered tasks, "
			"no departments), so there is nothing to track; import the plan's full text instead\n",
			name, doc.nchapters);
		untracked(out, &doc, o->dry_run);
		plan_doc_release(&doc);
		return 0;
	}
	key = o->key ? o->key : doc.key;
	if (!key || !*key) {
		int year = o->year ? o->year : doc.year;
		if (!year) {
			rc = err_set(e, ERR_INPUT, "cannot import '%s': cannot tell which year the plan is for; "
				     "give --year YEAR or --key KEY", path);
			goto out;
		}
		snprintf(yearkey, sizeof yearkey, "%d", year);
		key = yearkey;
	}
	if (!import_key_valid(key)) {
		rc = err_set(e, ERR_USAGE, "invalid plan key '%s': use 1 to 32 letters and digits, "
			     "like 2024 or gd2024", key);
		goto out;
	}

	if (o->depts && (rc = store_dept_seed(s, o->depts, e)))
		goto out;
	if ((rc = build_tasks(s, &doc, name, &b, warn, e)))
		goto out;
	b.chapters = xcalloc(doc.nchapters + 1, sizeof *b.chapters);
	for (size_t i = 0; i < doc.nchapters; i++) {
		b.chapters[i].number = doc.chapters[i].number;
		b.chapters[i].title = doc.chapters[i].title;
	}
	b.nchapters = doc.nchapters;
	for (size_t i = 0; i < doc.ntasks; i++) {
		if (doc.tasks[i].chapter < 0) {
			b.chapters[b.nchapters].number = 0;
			b.chapters[b.nchapters].title = "";
			b.nchapters++;
			break;
		}
	}
	b.sections = xcalloc(doc.nsections ? doc.nsections : 1, sizeof *b.sections);
	for (size_t i = 0; i < doc.nsections; i++) {
		int ci = doc.sections[i].chapter;
		b.sections[i].chapter = ci >= 0 ? doc.chapters[ci].number : 0;
		b.sections[i].number = doc.sections[i].number;
		b.sections[i].title = doc.sections[i].title;
	}
	{
		/* a plan held already: which stored task each task is */
		struct strbuf mapping = STRBUF_INIT;
		const char *title = o->title ? o->title : doc.title && *doc.title ? doc.title : name;
		rc = match_stored(s, name, key, title, &doc, &b, o, &mapping, e);
		if (rc) {
			sb_release(&mapping);
			goto out;
		}
		b.mapping = sb_detach(&mapping);
	}
	memset(&in, 0, sizeof in);
	in.key = key;
	in.title = o->title ? o->title : doc.title && *doc.title ? doc.title : name;
	in.kind = plan_kind_name(doc.kind);
	in.docno = doc.docno ? doc.docno : "";
	in.issued = doc.date ? doc.date : "";
	in.year = o->year ? o->year : doc.year;
	in.source_name = name;
	in.source_sha256 = sha;
	in.who = o->who ? o->who : "";
	in.chapters = b.chapters;
	in.nchapters = b.nchapters;
	in.sections = b.sections;
	in.nsections = doc.nsections;
	in.tasks = b.tasks;
	in.ntasks = b.ntasks;
	if ((rc = store_plan_write(s, &in, o->replace || doc.ids_given, &res, e)))
		goto out;

	{
		const char *verb = o->dry_run ? "would import" : "imported";
		if (res.outcome == PLAN_STORED_UNCHANGED)
			sb_addf(out, "unchanged '%s': plan %s (%s) already holds this exact text; nothing %s\n",
				name, key, in.title, o->dry_run ? "would change" : "changed");
		else if (res.outcome == PLAN_STORED_UPDATED)
			sb_addf(out, "%s '%s' as a corrected text of plan %s (%s): %d tasks changed, "
				"%d added, %d retired; recorded progress is kept\n",
				o->dry_run ? "would update from" : "updated from", name, key, in.title,
				res.tasks_changed, res.tasks_added, res.tasks_retired);
		else
			sb_addf(out, "%s '%s' as plan %s (%s, %s, %d)\n", verb, name, key, in.title,
				in.kind, in.year);
		if (res.outcome != PLAN_STORED_UNCHANGED) {
			sb_addf(out, "  %zu chapters, %zu sections, %zu tasks; departments: %zu known, %zu new\n",
				doc.nchapters, doc.nsections, doc.ntasks, b.nknown, b.nnew);
			if (*in.docno || *in.issued)
				sb_addf(out, "  文号 %s, 成文日期 %s\n", *in.docno ? in.docno : "-",
					*in.issued ? in.issued : "-");
			for (size_t i = 0; i < b.nnew; i++)
				sb_addf(out, "  new department: %s\n", b.new_depts[i]);
			if (b.mapping)
				sb_adds(out, b.mapping);
			untracked(out, &doc, o->dry_run);
			if (o->dry_run)
				outline(out, &doc, &b);
		}
	}
	rc = 0;
out:
	built_release(&b);
	plan_doc_release(&doc);
	return rc;
}

int import_files(struct store *s, char *const *paths, size_t n, const struct import_opts *o,
		 struct strbuf *out, struct strbuf *warn, struct err *e)
{
	int rc = store_begin(s, e);
	size_t i;

	if (rc)
		return rc;
	for (i = 0; i < n && !rc; i++) {
		char *buf = NULL;
		size_t len = 0;
		rc = util_read_file(paths[i], DOC_MAX_BYTES, &buf, &len, e);
		if (!rc)
			rc = import_stage(s, paths[i], buf, len, o, out, warn, e);
		free(buf);
	}
	if (rc) {
		store_rollback(s);
		if (n > 1) {
			/* the others are not kept either: say so */
			struct err first = *e;
			err_set(e, first.code, "%s; nothing of the %zu files was imported (all or none)",
				first.msg, n);
			e->code = first.code;
		}
		return rc;
	}
	if (o->dry_run) {
		store_rollback(s);
		return 0;
	}
	return store_commit(s, e);
}

int import_file(struct store *s, const char *path, const struct import_opts *o,
		struct strbuf *out, struct strbuf *warn, struct err *e)
{
	char *const paths[1] = { (char *)path };

	return import_files(s, paths, 1, o, out, warn, e);
}

int import_buffer(struct store *s, const char *path, const char *buf, size_t len,
		  const struct import_opts *o, struct strbuf *out, struct strbuf *warn, struct err *e)
{
	int rc = store_begin(s, e);

	if (rc)
		return rc;
	rc = import_stage(s, path, buf, len, o, out, warn, e);
	if (rc || o->dry_run) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, e);
}
