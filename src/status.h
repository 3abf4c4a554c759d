/* Statuses and periods: the words of progress reporting. */
#ifndef DUBAN_STATUS_H
#define DUBAN_STATUS_H

#include "src/err.h"

enum status { ST_NOT_STARTED, ST_IN_PROGRESS, ST_BEHIND, ST_DONE, ST_ONGOING, ST_COUNT };

/* "not-started" ... "ongoing"; Chinese: 未启动 推进中 滞后 已完成 持续推进. */
const char *status_name(enum status s);
const char *status_name_zh(enum status s);
/* Parse an English or Chinese status name; -1 if S is none. */
int status_parse(const char *s);

/* The one rule on a record's note: a task recorded as behind needs a note
 * saying why. 1 when a record of status S (a status, not a note alone) with
 * NOTE (NULL when none is given yet) breaks it; STATUS_NOTE_RULE says so. */
#define STATUS_NOTE_RULE "a task recorded as behind needs a note saying why"
int status_note_missing(int s, const char *note);

/* A period is a quarter "2024Q3". period_valid checks the form and a year in
 * 2000..2099; period_current writes the current local quarter into BUF (>= 7). */
int period_valid(const char *p);
void period_current(char *buf, size_t n);
/* The quarter before P ("2024Q1" -> "2023Q4") into BUF. */
void period_previous(const char *p, char *buf, size_t n);

/* The quarters a plan of KIND ("annual", "five-year", other) and YEAR
 * reports on, into FIRST and LAST (8 bytes each): an annual plan its year,
 * a five-year plan its five years, any other kind from its year on (LAST
 * is then ""). */
void period_plan_range(const char *kind, int year, char first[8], char last[8]);

/* 1 if D is a date "2026-01-10" that exists. */
int date_valid(const char *d);
/* Today's local date "2026-01-10" into BUF (>= 11 bytes). */
void date_today(char *buf, size_t n);
/* Days from date A to date B (both valid): negative when B is before A. */
int date_days(const char *a, const char *b);

/* The one way a stored time is shown to people (the UI, and the command
 * line's tables): the UTC time AT ("2024-07-01T08:00:00.123Z", milliseconds
 * optional) in local time per TZ, "2024-07-01 16:00", with ":SS" when
 * SECONDS, into BUF (>= 20 bytes). Stored times stay UTC; AT in any other
 * form is copied as it is. */
void date_local(const char *at, int seconds, char *buf, size_t n);

/* A reporting period's deadline light on day TODAY for a report due on DUE
 * (both "2026-01-10"; DUE "" for none): DUE_SOON from DEADLINE_SOON_DAYS
 * days before the due date to the due date itself, DUE_OVER after it, else
 * DUE_NONE. */
enum deadline { DUE_NONE, DUE_SOON, DUE_OVER };
#define DEADLINE_SOON_DAYS 7
enum deadline deadline_light(const char *today, const char *due);

#endif
