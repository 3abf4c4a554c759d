/* duban's schema, one migration per released user_version. Keys are natural
 * (plan key, task id "2024-105", department name) or random 128-bit hex ids for
 * what offices create, so that two offices' databases can later be merged. */
#include "store/schema.h"
#include "store/store.h"
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
	/* 4 -> 5 (issue 15: plans as published, the task-division family).
	 * - plans.kind takes 'task-division' (分工方案, 若干措施 … neither annual
	 *   nor five-year); plans.docno keeps the 文号 and plans.issued the
	 *   成文日期 (YYYY-MM-DD). A CHECK cannot change in place: the table is
	 *   rebuilt, its references (chapters, tasks) resolve to the new one.
	 * - tasks.open: a department list is open-ended (等, 等有关部门, 会同有关
	 *   部门); tasks.lists: each list as the document wrote it, one a line. */
	"CREATE TABLE plans_4 ("
	"  key TEXT PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('annual','five-year','task-division')),"
	"  docno TEXT NOT NULL DEFAULT '',"
	"  issued TEXT NOT NULL DEFAULT '',"
	"  source_name TEXT NOT NULL,"
	"  source_sha256 TEXT NOT NULL,"
	"  imported_at TEXT NOT NULL,"
	"  imported_by TEXT NOT NULL"
	") WITHOUT ROWID;"
	"INSERT INTO plans_4(key, title, year, kind, source_name, source_sha256, imported_at, imported_by)"
	"  SELECT key, title, year, kind, source_name, source_sha256, imported_at, imported_by FROM plans;"
	"DROP TABLE plans;"
	"ALTER TABLE plans_4 RENAME TO plans;"
	"ALTER TABLE tasks ADD COLUMN open INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE tasks ADD COLUMN lists TEXT NOT NULL DEFAULT '';",
	/* 5 -> 6 (issue 16: indicators, 指标).
	 * - indicators: a plan's measured targets, defined by the office; the
	 *   id is the plan key, "-I" and the indicator's number in the plan
	 *   ("FYP14-I4"); the name is unique in its plan by its match key.
	 *   baseline_year and baseline are NULL when not known.
	 * - indicator_targets: one or more (year, value) per indicator.
	 * - indicator_depts: the departments that report it, in order.
	 * - indicator_values: the values reported, appended like progress
	 *   records and never changed (a correction is a new value for the
	 *   same period; the newest counts); value is the canonical decimal,
	 *   typed what the user wrote; dept NULL when the office recorded it.
	 * - indicator_sources: where a value comes from (a 文号 or a link),
	 *   appended like evidence. */
	"CREATE TABLE indicators ("
	"  id TEXT PRIMARY KEY,"
	"  plan TEXT NOT NULL REFERENCES plans(key),"
	"  seq INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  match_key TEXT NOT NULL,"          /* text_match_key(name) */
	"  unit TEXT NOT NULL,"
	"  direction TEXT NOT NULL CHECK (direction IN ('higher','lower')),"
	"  kind TEXT NOT NULL CHECK (kind IN ('expected','binding')),"
	"  baseline_year INTEGER CHECK (baseline_year IS NULL OR baseline_year BETWEEN 2000 AND 2099),"
	"  baseline TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  defined_by TEXT NOT NULL,"
	"  defined_at TEXT NOT NULL,"
	"  UNIQUE (plan, seq),"
	"  UNIQUE (plan, match_key)"
	") WITHOUT ROWID;"
	"CREATE TABLE indicator_targets ("
	"  indicator TEXT NOT NULL REFERENCES indicators(id),"
	"  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2099),"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (indicator, year)"
	") WITHOUT ROWID;"
	"CREATE TABLE indicator_depts ("
	"  indicator TEXT NOT NULL REFERENCES indicators(id),"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (indicator, dept)"
	") WITHOUT ROWID;"
	"CREATE INDEX indicator_depts_by_dept ON indicator_depts(dept, indicator);"
	"CREATE TABLE indicator_values ("
	"  id TEXT NOT NULL UNIQUE,"
	"  indicator TEXT NOT NULL REFERENCES indicators(id),"
	"  period TEXT NOT NULL CHECK (period GLOB '20[0-9][0-9]' OR period GLOB '20[0-9][0-9]Q[1-4]'),"
	"  value TEXT NOT NULL,"
	"  typed TEXT NOT NULL,"
	"  dept TEXT REFERENCES departments(name),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	");"
	"CREATE INDEX indicator_values_by_indicator ON indicator_values(indicator, period);"
	"CREATE TRIGGER indicator_values_no_update BEFORE UPDATE ON indicator_values"
	"  BEGIN SELECT RAISE(ABORT, 'indicator values are never changed: record a correction'); END;"
	"CREATE TRIGGER indicator_values_no_delete BEFORE DELETE ON indicator_values"
	"  BEGIN SELECT RAISE(ABORT, 'indicator values are never deleted'); END;"
	"CREATE TABLE indicator_sources ("
	"  id TEXT NOT NULL UNIQUE,"
	"  value TEXT NOT NULL REFERENCES indicator_values(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('docno','url')),"
	"  source TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	");"
	"CREATE INDEX indicator_sources_by_value ON indicator_sources(value);"
	"CREATE TRIGGER indicator_sources_no_update BEFORE UPDATE ON indicator_sources"
	"  BEGIN SELECT RAISE(ABORT, 'indicator sources are never changed'); END;"
	"CREATE TRIGGER indicator_sources_no_delete BEFORE DELETE ON indicator_sources"
	"  BEGIN SELECT RAISE(ABORT, 'indicator sources are never deleted'); END;",
	/* 6 -> 7 (issue 17: offices off the network exchange signed change
	 * files; store/store_sync.c). What travels and what never does is said
	 * there and in the README.
	 * - sync_site: this database's site (one row, made by sync init): a name,
	 *   a random id, its Ed25519 key pair (hex; '' before sync keygen) and
	 *   the number of the last change file it wrote.
	 * - sync_peers: the sites it exchanges files with, each trusted with its
	 *   public key as the centre or as an office speaking for the
	 *   departments in sync_peer_depts. acked: the newest of this site's
	 *   links the peer holds (from its receipts); received: the newest of
	 *   the peer's links applied here.
	 * - sync_versions: each version of what is changed in place (a plan
	 *   with its chapters, sections, tasks and roles; a plan's indicator
	 *   definitions; the departments and their names) by its digest, as
	 *   seen when files are written or applied; origin is the peer whose
	 *   file brought it, NULL when made here. Appended and chained, so the
	 *   chain's link numbers order every change that travels.
	 * - sync_files: every change file written, and every change file and
	 *   receipt applied; an applied file keeps the links its rows took
	 *   here (first_link to last_link). Appended and chained. */
	"CREATE TABLE sync_site ("
	"  one INTEGER PRIMARY KEY CHECK (one = 1),"
	"  id TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  secret TEXT NOT NULL DEFAULT '',"
	"  public TEXT NOT NULL DEFAULT '',"
	"  serial INTEGER NOT NULL DEFAULT 0,"
	"  made_by TEXT NOT NULL,"
	"  made_at TEXT NOT NULL"
	");"
	"CREATE TABLE sync_peers ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  key TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('centre','office')),"
	"  acked INTEGER NOT NULL DEFAULT 0,"
	"  received INTEGER NOT NULL DEFAULT 0,"
	"  trusted_by TEXT NOT NULL,"
	"  trusted_at TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE sync_peer_depts ("
	"  peer TEXT NOT NULL REFERENCES sync_peers(id) ON DELETE CASCADE,"
	"  dept TEXT NOT NULL REFERENCES departments(name),"
	"  PRIMARY KEY (peer, dept)"
	") WITHOUT ROWID;"
	"CREATE TABLE sync_versions ("
	"  id TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('departments','plan','indicators')),"
	"  key TEXT NOT NULL,"
	"  digest TEXT NOT NULL,"
	"  origin TEXT,"
	"  at TEXT NOT NULL"
	");"
	"CREATE INDEX sync_versions_by_unit ON sync_versions(kind, key);"
	"CREATE TRIGGER sync_versions_no_update BEFORE UPDATE ON sync_versions"
	"  BEGIN SELECT RAISE(ABORT, 'versions are never changed'); END;"
	"CREATE TRIGGER sync_versions_no_delete BEFORE DELETE ON sync_versions"
	"  BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END;"
	"CREATE TABLE sync_files ("
	"  id TEXT NOT NULL UNIQUE,"
	"  peer TEXT NOT NULL,"
	"  dir TEXT NOT NULL CHECK (dir IN ('in','out')),"
	"  kind TEXT NOT NULL CHECK (kind IN ('changes','receipt')),"
	"  serial INTEGER NOT NULL,"
	"  range_from INTEGER NOT NULL,"
	"  range_to INTEGER NOT NULL,"
	"  ack INTEGER NOT NULL,"
	"  rows INTEGER NOT NULL,"
	"  fresh INTEGER NOT NULL,"
	"  conflicts INTEGER NOT NULL,"
	"  first_link INTEGER,"
	"  last_link INTEGER,"
	"  sha256 TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	");"
	"CREATE INDEX sync_files_by_peer ON sync_files(peer, dir, first_link);"
	"CREATE TRIGGER sync_files_no_update BEFORE UPDATE ON sync_files"
	"  BEGIN SELECT RAISE(ABORT, 'the log of change files is never changed'); END;"
	"CREATE TRIGGER sync_files_no_delete BEFORE DELETE ON sync_files"
	"  BEGIN SELECT RAISE(ABORT, 'the log of change files is never shortened'); END;",
	/* 7 -> 8 (issue 17: the rate of applying a change file; nothing a
	 * view reads changes).
	 * - current is rebuilt with its close-off check written as
	 *   comparisons: SQLite builds a table in memory for a CHECK's IN list
	 *   of more than two values at every row written, which was half the
	 *   cost of keeping a task's state (every record, review and lead
	 *   change writes current).
	 * - search keeps up to 16 MiB of new terms in memory before it writes
	 *   them out (FTS5's hashsize, 1 MiB by default): indexing the notes of
	 *   a large change file or import costs a fifth less; a single record
	 *   is written out at its commit as before. */
	"CREATE TABLE current_8 ("
	"  task TEXT NOT NULL,"
	"  dept TEXT NOT NULL,"
	"  progress TEXT NOT NULL REFERENCES progress(id),"
	"  status TEXT NOT NULL,"
	"  shown TEXT NOT NULL,"
	"  closeoff TEXT NOT NULL DEFAULT '' CHECK (closeoff = '' OR closeoff = 'pending'"
	"    OR closeoff = 'approved' OR closeoff = 'returned'),"
	"  closeoff_progress TEXT REFERENCES progress(id),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (task, dept)"
	") WITHOUT ROWID;"
	"INSERT INTO current_8 SELECT task, dept, progress, status, shown, closeoff, closeoff_progress, reason"
	"  FROM current;"
	"DROP TABLE current;"
	"ALTER TABLE current_8 RENAME TO current;"
	"INSERT INTO search(search, rank) VALUES ('hashsize', 16777216);",
	/* 8 -> 9 (issue 18: tamper evidence). Keep it the last migration of
	 * this release (tests/cli/verify.sh re-runs it to rewrite the chain):
	 * a new table of this release goes before it, one of a later release
	 * after it, with that test taught how.
	 * - chain: one link per append-only row (progress records, reviews,
	 *   evidence, lead changes, user changes, the opening and the closing
	 *   of reporting periods, indicator values and their sources), each the SHA-256 of the link before it and
	 *   of the row. store/store_chain.c lists what is chained; after this
	 *   SQL it links the rows already here, in the order they were written,
	 *   and creates each chained table's trigger (store_chain_install).
	 * - user_changes: every adding, changing and removing of a user, in
	 *   order, starting with the users there are; users stays the current
	 *   state (store_user.c writes both, duban verify holds one to the
	 *   other). */
	"CREATE TABLE chain ("
	"  seq INTEGER PRIMARY KEY,"       /* the link's number, from 1 */
	"  tbl TEXT NOT NULL,"             /* the kind of row (store_chain.c's list) */
	"  key TEXT NOT NULL,"             /* the row's key there */
	"  hash TEXT NOT NULL"             /* hex SHA-256 of the previous hash and the row */
	");"
	"CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain"
	"  BEGIN SELECT RAISE(ABORT, 'the chain is never changed'); END;"
	"CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain"
	"  BEGIN SELECT RAISE(ABORT, 'the chain is never shortened'); END;"
	"CREATE TABLE user_changes ("
	"  id TEXT PRIMARY KEY,"
	"  login TEXT NOT NULL,"
	"  change TEXT NOT NULL CHECK (change IN ('add','change','remove')),"
	"  role TEXT CHECK (role IN ('viewer','liaison','office')),"   /* NULL for a removal */
	"  dept TEXT REFERENCES departments(name),"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TRIGGER user_changes_no_update BEFORE UPDATE ON user_changes"
	"  BEGIN SELECT RAISE(ABORT, 'user changes are never changed: change the user again'); END;"
	"CREATE TRIGGER user_changes_no_delete BEFORE DELETE ON user_changes"
	"  BEGIN SELECT RAISE(ABORT, 'user changes are never deleted'); END;"
	"INSERT INTO user_changes(id, login, change, role, dept, who, at)"
	"  SELECT lower(hex(randomblob(16))), login, 'add', role, dept, added_by, added_at FROM users"
	"  ORDER BY added_at, login;",
};

/* One migration per version: a merge that adds one without the version (or
 * the version without one) does not build. */
_Static_assert(sizeof store_migrations / sizeof *store_migrations == STORE_SCHEMA_VERSION,
	       "store_migrations has one entry per schema version");
