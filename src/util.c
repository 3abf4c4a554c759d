/* Allocation, strbuf and whole-file reading shared by all modules. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "src/util.h"
#include "src/banned.h"

static void (*die_hook)(void);

void util_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

void util_die(const char *fmt, ...)
{
	va_list ap;
	if (die_hook)
		die_hook();
	fputs("duban: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(ERR_INTERNAL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		util_die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		util_die("out of memory (%zu x %zu bytes)", count, n);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		util_die("out of memory (%zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t c = *cap;
	if (need <= c)
		return;
	c = c ? c : 8;
	while (c < need)
		c *= 2;
	*p = xrealloc(*p, c * size);
	*cap = c;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	xgrow(&sb->buf, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	xgrow(&sb->buf, &sb->cap, sb->len + (size_t)n + 1, 1);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

int util_read_file(const char *path, size_t max, char **buf, size_t *len, struct err *e)
{
	struct stat st;
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return err_set(e, ERR_IO, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_IO, "cannot read '%s': it is a directory; name a file", path);
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		close(fd);
		return err_set(e, ERR_INPUT, "cannot read '%s': it is %lld bytes, over the limit of %zu "
			       "bytes (%.1f MB)", path, (long long)st.st_size, max, max / 1048576.0);
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			sb_release(&sb);
			return err_set(e, ERR_IO, "cannot read '%s': %s", path, strerror(saved));
		}
		if (sb.len + (size_t)n > max) {
			close(fd);
			sb_release(&sb);
			return err_set(e, ERR_INPUT, "cannot read '%s': it is over the limit of %zu bytes "
				       "(%.1f MB)", path, max, max / 1048576.0);
		}
		sb_add(&sb, chunk, (size_t)n);
	}
	close(fd);
	*len = sb.len;
	*buf = sb_detach(&sb);
	return 0;
}

int util_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void util_now(struct timespec *ts)
{
	const char *v = getuid() == 0 ? getenv("DUBAN_NOW") : NULL;
	char *end;
	long long sec;
	clock_gettime(CLOCK_REALTIME, ts);
	if (!v || !*v)
		return;
	errno = 0;
	sec = strtoll(v, &end, 10);
	if (errno || (*end && *end != '.'))
		return;
	ts->tv_sec = (time_t)sec;
	ts->tv_nsec = 0;
	if (*end == '.') {   /* a fraction: up to nine digits */
		long scale = 100000000;
		for (const char *p = end + 1; *p >= '0' && *p <= '9' && scale; p++, scale /= 10)
			ts->tv_nsec += (*p - '0') * scale;
	}
}
