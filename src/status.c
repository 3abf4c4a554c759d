/* Status names in English and Chinese, and quarter periods. */
#include <time.h>

#include "src/status.h"
#include "src/util.h"
#include "src/banned.h"

static const char *const names[ST_COUNT] = {
	"not-started", "in-progress", "behind", "done", "ongoing"
};
static const char *const names_zh[ST_COUNT] = {
	"未启动", "推进中", "滞后", "已完成", "持续推进"
};

const char *status_name(enum status s)
{
	return (unsigned)s < ST_COUNT ? names[s] : "?";
}

const char *status_name_zh(enum status s)
{
	return (unsigned)s < ST_COUNT ? names_zh[s] : "?";
}

int status_parse(const char *s)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (!strcmp(s, names[i]) || !strcmp(s, names_zh[i]))
			return i;
	return -1;
}

int status_note_missing(int s, const char *note)
{
	return s == ST_BEHIND && (!note || !note[strspn(note, " \t\r\n")]);
}

int period_valid(const char *p)
{
	return strlen(p) == 6 && p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' &&
	       p[3] >= '0' && p[3] <= '9' && p[4] == 'Q' && p[5] >= '1' && p[5] <= '4';
}

void period_current(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	util_now(&ts);
	localtime_r(&ts.tv_sec, &tm);
	snprintf(buf, n, "%04dQ%d", tm.tm_year + 1900, tm.tm_mon / 3 + 1);
}

void period_previous(const char *p, char *buf, size_t n)
{
	int year = atoi(p), q = p[5] - '0';
	if (q == 1) {
		year--;
		q = 4;
	} else {
		q--;
	}
	snprintf(buf, n, "%04dQ%d", year, q);
}

void period_plan_range(const char *kind, int year, char first[8], char last[8])
{
	/* periods are 2000Q1 .. 2099Q4 (period_valid) */
	int y = year < 2000 ? 2000 : year > 2099 ? 2099 : year;
	int end = !strcmp(kind, "five-year") ? y + 4 : y;
	snprintf(first, 8, "%04dQ1", y);
	if (end > 2099)
		end = 2099;
	if (!strcmp(kind, "annual") || !strcmp(kind, "five-year"))
		snprintf(last, 8, "%04dQ4", end);
	else
		last[0] = '\0';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's). */
static long days_from_civil(int y, int m, int d)
{
	long era;
	unsigned yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static int date_parts(const char *d, int *y, int *m, int *day)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
			return 0;
	if (d[10])
		return 0;
	*y = atoi(d);
	*m = atoi(d + 5);
	*day = atoi(d + 8);
	if (*m < 1 || *m > 12 || *day < 1 || *day > mdays[*m - 1])
		return 0;
	if (*m == 2 && *day == 29 && !(*y % 4 == 0 && (*y % 100 != 0 || *y % 400 == 0)))
		return 0;
	return 1;
}

int date_valid(const char *d)
{
	int y, m, day;
	return date_parts(d, &y, &m, &day);
}

void date_today(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	util_now(&ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

int date_days(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;
	if (!date_parts(a, &ya, &ma, &da) || !date_parts(b, &yb, &mb, &db))
		return 0;
	return (int)(days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da));
}

void date_local(const char *at, int seconds, char *buf, size_t n)
{
	struct tm tm;
	time_t t;
	int y, mo, d, h, mi, sec;
	char tail;
	memset(&tm, 0, sizeof tm);
	if (strlen(at) < 20 || at[10] != 'T' ||
	    sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &tail) != 7 ||
	    (tail != 'Z' && tail != '.') || at[strlen(at) - 1] != 'Z') {
		snprintf(buf, n, "%s", at);
		return;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1 || !localtime_r(&t, &tm)) {
		snprintf(buf, n, "%s", at);
		return;
	}
	if (!strftime(buf, n, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, n, "%s", at);
}

enum deadline deadline_light(const char *today, const char *due)
{
	int left;
	if (!date_valid(due) || !date_valid(today))
		return DUE_NONE;
	left = date_days(today, due);
	if (left < 0)
		return DUE_OVER;
	return left <= DEADLINE_SOON_DAYS ? DUE_SOON : DUE_NONE;
}
