/* Resolves the database path and the bundled data folder. */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/paths.h"
#include "src/util.h"
#include "src/banned.h"

static int mkdirs(char *path, struct err *e)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			int saved = errno;
			err_set(e, ERR_IO, "cannot create folder '%s': %s; name a database with --db",
				path, strerror(saved));
			*p = '/';
			return -ERR_IO;
		}
		*p = '/';
	}
	return 0;
}

/* The database the system-wide setting names, for every login on a shared
 * server: the line "db = PATH" of $DUBAN_CONF, else of /etc/duban.conf
 * ('#' starts a comment; other keys are left to later versions). NULL when
 * there is no such file or line. Caller frees. */
static char *system_db(void)
{
	const char *conf = getenv("DUBAN_CONF");
	char *buf = NULL, *found = NULL;
	size_t len = 0;
	struct err e = { 0, "" };
	if (!conf || !*conf)
		conf = PATHS_SYSTEM_CONF;
	if (util_read_file(conf, 64 * 1024, &buf, &len, &e))
		return NULL;
	for (char *line = buf; line && *line;) {
		char *end = strchr(line, '\n'), *k, *v;
		if (end)
			*end = '\0';
		k = line + strspn(line, " \t");
		if (*k != '#' && !strncmp(k, "db", 2) && strchr(" \t=", k[2])) {
			v = k + 2 + strspn(k + 2, " \t");
			if (*v == '=') {
				size_t n;
				v++;
				v += strspn(v, " \t");
				n = strlen(v);
				while (n && strchr(" \t\r", v[n - 1]))
					n--;
				if (n) {
					free(found);
					found = xstrndup(v, n);
				}
			}
		}
		line = end ? end + 1 : NULL;
	}
	free(buf);
	return found;
}

/* PATH as given by WHERE (--db, DUBAN_DB), or NULL with E saying why it
 * cannot be a database: empty, or an existing file that is not a regular
 * one (a device such as /dev/null, a pipe, a socket, a folder). */
static char *db_given(const char *path, const char *where, struct err *e)
{
	struct stat st;
	if (!*path) {
		err_set(e, ERR_USAGE, "%s '' names no file; give the path of a database file, or leave "
			"%s out for the default", where, where);
		return NULL;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		err_set(e, ERR_DB, "%s '%s' is %s, not a database file; give the path of a file "
			"(a new one is created)", where, path, S_ISDIR(st.st_mode) ? "a directory" :
			S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" :
			S_ISFIFO(st.st_mode) ? "a pipe" : "not a regular file");
		return NULL;
	}
	return xstrdup(path);
}

/* The database path; its folders are created when MAKE. */
static char *db_path(const char *opt, int make, struct err *e)
{
	const char *env = getenv("DUBAN_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;
	char *path;

	if (opt)
		return db_given(opt, "--db", e);
	if (env && *env)
		return db_given(env, "DUBAN_DB", e);
	if ((path = system_db()))
		return path;
	if (xdg && *xdg == '/')
		sb_addf(&sb, "%s/duban/duban.db", xdg);
	else if (home && *home)
		sb_addf(&sb, "%s/.local/share/duban/duban.db", home);
	else {
		err_set(e, ERR_USAGE, "no database given and neither XDG_DATA_HOME nor HOME is set; use --db PATH");
		return NULL;
	}
	path = sb_detach(&sb);
	if (make && mkdirs(path, e)) {
		free(path);
		return NULL;
	}
	return path;
}

char *paths_db(const char *opt, struct err *e)
{
	return db_path(opt, 1, e);
}

char *paths_db_existing(const char *opt)
{
	struct err e = { 0, "" };
	char *path = db_path(opt, 0, &e);
	if (path && access(path, F_OK) != 0) {
		free(path);
		path = NULL;
	}
	return path;
}

static int has_table(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	int ok;
	sb_addf(&sb, "%s/departments.tsv", dir);
	ok = access(sb_str(&sb), R_OK) == 0;
	sb_release(&sb);
	return ok;
}

char *paths_datadir(void)
{
	const char *env = getenv("DUBAN_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;
		struct strbuf sb = STRBUF_INIT;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* ./duban in a source tree, or build/duban */
		sb_addf(&sb, "%s/data", exe);
		if (has_table(sb_str(&sb)))
			return sb_detach(&sb);
		sb_reset(&sb);
		sb_addf(&sb, "%s/../data", exe);
		if (has_table(sb_str(&sb)))
			return sb_detach(&sb);
		sb_release(&sb);
	}
	return xstrdup(DUBAN_DATADIR);
}
