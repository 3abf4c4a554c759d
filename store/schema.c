/* duban's schema, one migration per released user_version. Keys are natural
 * (plan key, task id "2024-105", department name) or random 128-bit hex ids for
 * what offices create, so that two offices' databases can later be merged. */
#include "store/schema.h"
#include "src/banned.h"

const char *const store_migrations[] = {
	/* 0 -> 1: plans, chapters, sections, tasks, departments, roles */
	"CREATE TABLE plans ("
	"  key TEXT PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('annual','five-year')),"
	"  source_name TEXT NOT NULL,"
	"  source_sha256 TEXT NOT NULL,"
	"  imported_at TEXT NOT NULL,"
	"  imported_by TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE chapters ("
	"  plan TEXT NOT NULL REFERENCES plans(key) ON DELETE CASCADE,"
	"  number INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  PRIMARY KEY (plan, number)"
	") WITHOUT ROWID;"
	"CREATE TABLE sections ("
	"  plan TEXT NOT NULL,"
	"  chapter INTEGER NOT NULL,"
	"  number INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  PRIMARY KEY (plan, chapter, number),"
	"  FOREIGN KEY (plan, chapter) REFERENCES chapters(plan, number) ON DELETE CASCADE"
	") WITHOUT ROWID;"
	"CREATE TABLE tasks ("
	"  id TEXT PRIMARY KEY,"
	"  plan TEXT NOT NULL REFERENCES plans(key),"
	"  label TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  chapter INTEGER NOT NULL,"
	"  section INTEGER NOT NULL DEFAULT 0,"
	"  text TEXT NOT NULL,"
	"  match_key TEXT NOT NULL,"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (plan, label)"
	") WITHOUT ROWID;"
	"CREATE INDEX tasks_by_plan ON tasks(plan, retired, seq);"
	"CREATE TABLE departments ("
	"  name TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('central','pseudo','local')),"
	"  created_at TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE dept_aliases ("
	"  key TEXT PRIMARY KEY,"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  alias TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('name','short','predecessor','written'))"
	") WITHOUT ROWID;"
	"CREATE INDEX dept_aliases_by_dept ON dept_aliases(dept);"
	"CREATE TABLE task_depts ("
	"  task TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  written TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('lead','participant')),"
	"  PRIMARY KEY (task, position),"
	"  UNIQUE (task, dept)"
	") WITHOUT ROWID;"
	"CREATE INDEX task_depts_by_dept ON task_depts(dept, task);",
	/* 1 -> 2: users, progress records (append-only), reviews, evidence */
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE users ("
	"  login TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role IN ('viewer','liaison','office')),"
	"  dept TEXT REFERENCES departments(name),"
	"  added_by TEXT NOT NULL,"
	"  added_at TEXT NOT NULL,"
	"  CHECK (role != 'liaison' OR dept IS NOT NULL)"
	") WITHOUT ROWID;"
	"CREATE TABLE progress ("
	"  id TEXT NOT NULL UNIQUE,"
	"  task TEXT NOT NULL REFERENCES tasks(id),"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  period TEXT NOT NULL CHECK (period GLOB '20[0-9][0-9]Q[1-4]'),"
	"  status TEXT NOT NULL CHECK (status IN ('not-started','in-progress','behind','done','ongoing')),"
	"  note TEXT NOT NULL,"
	"  note_key TEXT NOT NULL DEFAULT '',"  /* text_match_key(note), for search */
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  based_on TEXT"
	");"
	"CREATE INDEX progress_by_task ON progress(task, dept);"
	"CREATE TRIGGER progress_no_update BEFORE UPDATE ON progress"
	"  BEGIN SELECT RAISE(ABORT, 'progress records are never changed: record a correction'); END;"
	"CREATE TRIGGER progress_no_delete BEFORE DELETE ON progress"
	"  BEGIN SELECT RAISE(ABORT, 'progress records are never deleted'); END;"
	/* derived: the newest record of each (task, department), kept in step by
	 * store_progress_append in the same transaction */
	"CREATE TABLE current ("
	"  task TEXT NOT NULL,"
	"  dept TEXT NOT NULL,"
	"  progress TEXT NOT NULL REFERENCES progress(id),"
	"  status TEXT NOT NULL,"
	"  PRIMARY KEY (task, dept)"
	") WITHOUT ROWID;"
	"CREATE TABLE reviews ("
	"  id TEXT PRIMARY KEY,"
	"  task TEXT NOT NULL REFERENCES tasks(id),"
	"  progress TEXT NOT NULL UNIQUE REFERENCES progress(id),"
	"  decision TEXT NOT NULL CHECK (decision IN ('approve','return')),"
	"  reason TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX reviews_by_task ON reviews(task);"
	"CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are never changed'); END;"
	"CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are never deleted'); END;"
	"CREATE TABLE blobs ("
	"  sha256 TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  data BLOB NOT NULL"
	");"
	"CREATE TABLE evidence ("
	"  id TEXT PRIMARY KEY,"
	"  task TEXT NOT NULL REFERENCES tasks(id),"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  kind TEXT NOT NULL CHECK (kind IN ('file','docno','url')),"
	"  title TEXT NOT NULL,"
	"  file_name TEXT,"
	"  sha256 TEXT REFERENCES blobs(sha256),"
	"  size INTEGER,"
	"  value TEXT,"
	"  progress TEXT REFERENCES progress(id),"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  CHECK ((kind = 'file') = (sha256 IS NOT NULL))"
	") WITHOUT ROWID;"
	"CREATE INDEX evidence_by_task ON evidence(task, dept);"
	"CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence"
	"  BEGIN SELECT RAISE(ABORT, 'evidence is never changed'); END;"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence"
	"  BEGIN SELECT RAISE(ABORT, 'evidence is never deleted'); END;"
	/* the search index: one row per task (its text's match key and its
	 * departments' alias keys) and one per progress note, by trigrams, so a
	 * search of three characters or more is a lookup, not a scan */
	"CREATE VIRTUAL TABLE search USING fts5(task UNINDEXED, body, tokenize = 'trigram');"
	"CREATE TABLE search_tasks ("
	"  task TEXT PRIMARY KEY,"
	"  row INTEGER NOT NULL"   /* rowid in search of the task's own row */
	") WITHOUT ROWID;"
	"INSERT INTO search(task, body) SELECT t.id, t.match_key || ' ' ||"
	"  coalesce((SELECT group_concat(a.key, ' ') FROM task_depts td"
	"            JOIN dept_aliases a ON a.dept = td.dept WHERE td.task = t.id), '') FROM tasks t;"
	"INSERT INTO search_tasks(task, row) SELECT task, rowid FROM search;",
	/* 2 -> 3 (issue 7: import speed). Run with foreign keys off, checked
	 * before the commit (store.c migrate).
	 * - The search index holds progress notes only. Indexing every trigram
	 *   of every task took half of an import; task texts and department
	 *   names are searched in tasks.match_key and dept_aliases instead
	 *   (store_task_search), tens of milliseconds at national scale.
	 * - tasks becomes a rowid table. WITHOUT ROWID keeps whole rows (text
	 *   and match key, ~600 bytes) in the interior pages too: 6 rows a page
	 *   and 6 levels for 57,000 tasks, walked by every lookup and every
	 *   foreign-key check. UNIQUE (plan, label) goes: the id is made of the
	 *   two, so its own uniqueness holds it.
	 * - task_depts is keyed by (task, dept), which was UNIQUE besides the
	 *   key (task, position): one B-tree less for every role written.
	 * - tasks.lead and current.decision keep what every status row joined
	 *   task_depts and reviews for (about 10,000 instructions a task, most
	 *   of opening a plan in the UI). The store writes lead with the task's
	 *   departments; a trigger copies each review into current, and a new
	 *   record there clears it. */
	"DELETE FROM search WHERE rowid IN (SELECT row FROM search_tasks);"
	"DROP TABLE search_tasks;"
	"CREATE TABLE tasks_3 ("
	"  id TEXT PRIMARY KEY NOT NULL,"
	"  plan TEXT NOT NULL REFERENCES plans(key),"
	"  label TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  chapter INTEGER NOT NULL,"
	"  section INTEGER NOT NULL DEFAULT 0,"
	"  text TEXT NOT NULL,"
	"  match_key TEXT NOT NULL,"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  lead TEXT NOT NULL DEFAULT ''"    /* the dept at position 1 in task_depts */
	");"
	"INSERT INTO tasks_3(id, plan, label, seq, chapter, section, text, match_key, retired, lead)"
	"  SELECT id, plan, label, seq, chapter, section, text, match_key, retired,"
	"  coalesce((SELECT dept FROM task_depts d WHERE d.task = tasks.id AND d.position = 1), '')"
	"  FROM tasks ORDER BY plan, seq;"
	"DROP TABLE tasks;"
	"ALTER TABLE tasks_3 RENAME TO tasks;"
	"CREATE INDEX tasks_by_plan ON tasks(plan, retired, seq);"
	"CREATE TABLE task_depts_3 ("
	"  task TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  position INTEGER NOT NULL,"
	"  written TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('lead','participant')),"
	"  PRIMARY KEY (task, dept)"
	") WITHOUT ROWID;"
	"INSERT INTO task_depts_3(task, dept, position, written, role)"
	"  SELECT task, dept, position, written, role FROM task_depts;"
	"DROP TABLE task_depts;"
	"ALTER TABLE task_depts_3 RENAME TO task_depts;"
	"CREATE INDEX task_depts_by_dept ON task_depts(dept, task);"
	"ALTER TABLE current ADD COLUMN decision TEXT;"  /* the review of progress, if any */
	"UPDATE current SET decision = (SELECT r.decision FROM reviews r WHERE r.progress = current.progress);"
	"CREATE TRIGGER reviews_to_current AFTER INSERT ON reviews"
	"  BEGIN UPDATE current SET decision = NEW.decision WHERE progress = NEW.progress; END;",
	/* 3 -> 4 (issue 13: the office's quarter; one meaning of status).
	 * - periods: the reporting periods the office opens, each with a due
	 *   date, and closes; never deleted.
	 * - progress.note_only marks a note added without a status report (it
	 *   changes neither status nor close-off); progress.backfill a record
	 *   the office made for a period that was not open.
	 * - reviews may reopen an approved close-off, so a record can have an
	 *   approval and a reopening: progress is no longer UNIQUE there.
	 * - lead_changes: the office's changes of a task's lead, with a reason;
	 *   tasks.lead follows the newest.
	 * - current is rebuilt: per (task, department) the current status
	 *   record (newest by period, then time), the status the task shows
	 *   when this department leads it, and the close-off, all folded by
	 *   src/state.c in the store's write paths (store_state_refresh), which
	 *   also fills it for existing records after this migration. */
	"CREATE TABLE periods ("
	"  period TEXT PRIMARY KEY CHECK (period GLOB '20[0-9][0-9]Q[1-4]'),"
	"  due TEXT NOT NULL CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
	"  opened_by TEXT NOT NULL,"
	"  opened_at TEXT NOT NULL,"
	"  closed_by TEXT,"
	"  closed_at TEXT"
	") WITHOUT ROWID;"
	"CREATE TRIGGER periods_no_delete BEFORE DELETE ON periods"
	"  BEGIN SELECT RAISE(ABORT, 'reporting periods are never deleted'); END;"
	"CREATE TRIGGER periods_no_update BEFORE UPDATE ON periods"
	"  WHEN OLD.period != NEW.period OR OLD.opened_by != NEW.opened_by OR OLD.opened_at != NEW.opened_at"
	"  OR OLD.closed_at IS NOT NULL"
	"  BEGIN SELECT RAISE(ABORT, 'a reporting period is only ever closed, once'); END;"
	"ALTER TABLE progress ADD COLUMN note_only INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE progress ADD COLUMN backfill INTEGER NOT NULL DEFAULT 0;"
	"DROP TRIGGER reviews_to_current;"
	"CREATE TABLE reviews_4 ("
	"  id TEXT PRIMARY KEY,"
	"  task TEXT NOT NULL REFERENCES tasks(id),"
	"  progress TEXT NOT NULL REFERENCES progress(id),"
	"  decision TEXT NOT NULL CHECK (decision IN ('approve','return','reopen')),"
	"  reason TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	") WITHOUT ROWID;"
	"INSERT INTO reviews_4 SELECT id, task, progress, decision, reason, who, at FROM reviews;"
	"DROP TABLE reviews;"
	"ALTER TABLE reviews_4 RENAME TO reviews;"
	"CREATE INDEX reviews_by_task ON reviews(task);"
	"CREATE INDEX reviews_by_progress ON reviews(progress);"
	"CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are never changed'); END;"
	"CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are never deleted'); END;"
	"CREATE TABLE lead_changes ("
	"  id TEXT PRIMARY KEY,"
	"  task TEXT NOT NULL REFERENCES tasks(id),"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  previous TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX lead_changes_by_task ON lead_changes(task, at);"
	"CREATE TRIGGER lead_changes_no_update BEFORE UPDATE ON lead_changes"
	"  BEGIN SELECT RAISE(ABORT, 'lead changes are never changed: change the lead again'); END;"
	"CREATE TRIGGER lead_changes_no_delete BEFORE DELETE ON lead_changes"
	"  BEGIN SELECT RAISE(ABORT, 'lead changes are never deleted'); END;"
	"DROP TABLE current;"
	"CREATE TABLE current ("
	"  task TEXT NOT NULL,"
	"  dept TEXT NOT NULL,"
	"  progress TEXT NOT NULL REFERENCES progress(id),"   /* the current status record */
	"  status TEXT NOT NULL,"                             /* its status */
	"  shown TEXT NOT NULL,"                              /* done when approved, else status */
	"  closeoff TEXT NOT NULL DEFAULT '' CHECK (closeoff IN ('','pending','approved','returned')),"
	"  closeoff_progress TEXT REFERENCES progress(id),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (task, dept)"
	") WITHOUT ROWID;",
	/* 4 -> 5 (issue 12: the review queue). The close-offs a task's lead
	 * has asked for and the office has not decided, found by index: the
	 * UI's review queue and the office's first screen read them on start. */
	"CREATE INDEX current_by_closeoff ON current(closeoff) WHERE closeoff != '';",
};
