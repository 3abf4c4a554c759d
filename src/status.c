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

int period_valid(const char *p)
{
	return strlen(p) == 6 && p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' &&
	       p[3] >= '0' && p[3] <= '9' && p[4] == 'Q' && p[5] >= '1' && p[5] <= '4';
}

void period_current(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
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
