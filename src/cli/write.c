/* Writing the command line's output files by one set of rules (write.h):
 * a temporary file beside the target, renamed onto it (or linked, when an
 * existing file must not be replaced). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/cli/write.h"
#include "src/util.h"
#include "src/banned.h"

static int replace_allowed;

void cli_write_replace(int yes)
{
	replace_allowed = yes;
}

/* 0 when PATH may be written: it does not exist, or it is a regular file
 * and REPLACE. Never follows a link. */
static int target_check(const char *path, int replace, struct err *e)
{
	struct stat st;
	const char *what;
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       strerror(errno));
	}
	if (S_ISREG(st.st_mode))
		return replace ? 0 : err_set(e, ERR_IO, "'%s' exists; choose another name, or add --force "
					     "to replace it", path);
	what = S_ISLNK(st.st_mode) ? "a symbolic link" : S_ISDIR(st.st_mode) ? "a directory" :
	       S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : S_ISFIFO(st.st_mode) ? "a pipe" :
	       "not a regular file";
	return err_set(e, ERR_IO, "cannot write '%s': it is %s, and only a file is written (never "
		       "through a link); give a file name with -o", path, what);
}

static mode_t file_mode(void)
{
	mode_t m = umask(0);
	umask(m);
	return 0666 & ~m;
}

/* A new empty file beside PATH, mode 0666 less the umask: *FD open on it
 * (when FD is not NULL) and its name in *TMP. */
static int temp_create(const char *path, char **tmp, int *fd, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int f;
	sb_addf(&sb, "%s.tmp-XXXXXX", path);
	*tmp = sb_detach(&sb);
	if ((f = mkstemp(*tmp)) < 0) {
		int er = errno;
		free(*tmp);
		*tmp = NULL;
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       strerror(er));
	}
	fchmod(f, file_mode());
	if (fd)
		*fd = f;
	else
		close(f);
	return 0;
}

/* Put the finished TMP in PATH's place: rename when REPLACE, else link
 * (which refuses an existing PATH atomically) and remove TMP. On a file
 * system without hard links, rename when PATH is still absent. */
static int temp_place(const char *tmp, const char *path, int replace, struct err *e)
{
	int rc;
	if ((rc = target_check(path, replace, e)))
		return rc;
	if (replace) {
		if (rename(tmp, path) != 0)
			return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		return 0;
	}
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return err_set(e, ERR_IO, "'%s' exists; choose another name, or add --force to replace it",
			       path);
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != ENOSYS)
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if ((rc = target_check(path, 0, e)))
		return rc;
	if (rename(tmp, path) != 0)
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}

int cli_temp_beside(const char *path, char **tmp, struct err *e)
{
	int rc;
	*tmp = NULL;
	if ((rc = target_check(path, replace_allowed, e)))
		return rc;
	return temp_create(path, tmp, NULL, e);
}

int cli_temp_commit(char *tmp, const char *path, int rc, struct err *e)
{
	if (!rc)
		rc = temp_place(tmp, path, replace_allowed, e);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

static int write_stdout(const void *data, size_t len, struct err *e)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
		return err_set(e, ERR_IO, "cannot write to standard output: %s", strerror(errno));
	return 0;
}

/* DATA to PATH whole or not at all, by the rules of write.h. */
static int write_whole(const char *path, const void *data, size_t len, int replace, struct err *e)
{
	const char *p = data;
	char *tmp;
	int fd, rc;
	if ((rc = target_check(path, replace, e)) || (rc = temp_create(path, &tmp, &fd, e)))
		return rc;
	while (len && !rc) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = err_set(e, ERR_IO, "cannot write '%s': %s; nothing was written to it", path,
				     strerror(w < 0 ? errno : EIO));
			break;
		}
		p += w;
		len -= (size_t)w;
	}
	if (!rc && fsync(fd) != 0 && errno != EINVAL)
		rc = err_set(e, ERR_IO, "cannot write '%s': %s; nothing was written to it", path,
			     strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = err_set(e, ERR_IO, "cannot write '%s': %s; nothing was written to it", path,
			     strerror(errno));
	if (!rc)
		rc = temp_place(tmp, path, replace, e);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int cli_write_file(const char *path, const char *data, size_t len, struct err *e)
{
	if (!path || !strcmp(path, "-"))
		return write_stdout(data, len, e);
	return write_whole(path, data, len, replace_allowed, e);
}

int cli_write_new(const char *path, const void *data, size_t len, int force, struct err *e)
{
	if (!strcmp(path, "-"))
		return write_stdout(data, len, e);
	return write_whole(path, data, len, force, e);
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

int cli_write_check(const char *path, int force, struct err *e)
{
	const char *slash;
	char *dir;
	int rc;
	if (!path || !strcmp(path, "-"))
		return 0;
	if ((rc = target_check(path, force, e)))
		return rc;
	slash = strrchr(path, '/');
	dir = slash == path ? xstrdup("/") : slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	rc = access(dir, W_OK | X_OK) != 0 ?
	     err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path, strerror(errno)) : 0;
	free(dir);
	return rc;
}
