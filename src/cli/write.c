/* Writing the command line's output files: atomically for exports, exactly
 * and exclusively for evidence taken back out. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/cli/write.h"
#include "src/util.h"
#include "src/banned.h"

int cli_temp_beside(const char *path, char **tmp, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int fd;
	sb_addf(&sb, "%s.tmp-XXXXXX", path);
	*tmp = sb_detach(&sb);
	if ((fd = mkstemp(*tmp)) < 0) {
		int er = errno;
		free(*tmp);
		*tmp = NULL;
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       strerror(er));
	}
	fchmod(fd, 0644);
	close(fd);
	return 0;
}

int cli_temp_commit(char *tmp, const char *path, int rc, struct err *e)
{
	if (!rc && rename(tmp, path) != 0)
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int cli_write_file(const char *path, const char *data, size_t len, struct err *e)
{
	FILE *f;
	char *tmp;
	int rc = 0;
	if (!path || !strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
			return err_set(e, ERR_IO, "cannot write to standard output: %s", strerror(errno));
		return 0;
	}
	if ((rc = cli_temp_beside(path, &tmp, e)))
		return rc;
	if (!(f = fopen(tmp, "wb")))
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	else if (fwrite(data, 1, len, f) != len) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		fclose(f);
	} else if (fclose(f)) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	}
	return cli_temp_commit(tmp, path, rc, e);
}

int cli_write_new(const char *path, const void *data, size_t len, int force, struct err *e)
{
	const char *p = data;
	int fd;
	if (!strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
			return err_set(e, ERR_IO, "cannot write to standard output: %s", strerror(errno));
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (force ? O_TRUNC : O_EXCL), 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			return err_set(e, ERR_IO, "'%s' exists; choose another name or add --force to replace it", path);
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	}
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			int saved = errno;
			if (saved == EINTR)
				continue;
			close(fd);
			unlink(path);
			return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(saved));
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0) {
		int saved = errno;
		unlink(path);
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(saved));
	}
	return 0;
}

int cli_write_made(const char *path, const char *what,
		   int (*make)(const void *arg, const char *file, struct err *e), const void *arg,
		   struct err *e)
{
	char tmp[] = "/tmp/duban-out-XXXXXX", *t, *buf;
	size_t len;
	int fd, rc;
	if (path && strcmp(path, "-")) {
		if ((rc = cli_temp_beside(path, &t, e)))
			return rc;
		return cli_temp_commit(t, path, make(arg, t, e), e);
	}
	if (isatty(STDOUT_FILENO))
		return err_set(e, ERR_USAGE, "%s is not for a terminal: give -o FILE", what);
	if ((fd = mkstemp(tmp)) < 0)
		return err_set(e, ERR_IO, "cannot create a temporary file: %s", strerror(errno));
	close(fd);
	rc = make(arg, tmp, e);
	if (!rc && !(rc = util_read_file(tmp, (size_t)1 << 30, &buf, &len, e))) {
		rc = cli_write_file(NULL, buf, len, e);
		free(buf);
	}
	unlink(tmp);
	return rc;
}
