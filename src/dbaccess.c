/* File permissions of a shared database, explained. */
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/dbaccess.h"
#include "src/util.h"
#include "src/banned.h"

static void owner_names(const struct stat *st, char *user, size_t nu, char *group, size_t ng)
{
	struct passwd *pw = getpwuid(st->st_uid);
	struct group *gr = getgrgid(st->st_gid);
	if (pw)
		snprintf(user, nu, "%s", pw->pw_name);
	else
		snprintf(user, nu, "%u", (unsigned)st->st_uid);
	if (gr)
		snprintf(group, ng, "%s", gr->gr_name);
	else
		snprintf(group, ng, "%u", (unsigned)st->st_gid);
}

int dbaccess_explain(const char *path, const char *login, struct err *e)
{
	struct stat st;
	char user[64], group[64];
	char *dir;
	const char *slash;
	int rc = 0;

	if (stat(path, &st) == 0) {
		/* readable: the store says what it can of a read-only file */
		if (access(path, R_OK) == 0)
			return 0;
		owner_names(&st, user, sizeof user, group, sizeof group);
		if ((st.st_mode & 060) == 060)
			return err_set(e, ERR_DENIED, "you (%s) have no access to the shared database '%s' (owner %s, "
				       "group %s, mode %04o): ask the administrator to add you to the group '%s' "
				       "(usermod -aG %s %s), then log in again", login, path, user, group,
				       (unsigned)(st.st_mode & 07777), group, group, login);
		return err_set(e, ERR_DENIED, "you (%s) have no access to the database '%s' (owner %s, group %s, "
			       "mode %04o): ask the administrator to share it with a group (chgrp GROUP, chmod 660; "
			       "see 'Sharing a database' in the README) and add you to it", login, path, user, group,
			       (unsigned)(st.st_mode & 07777));
	}
	/* missing: whether its folder lets this login create it */
	slash = strrchr(path, '/');
	dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	if (stat(dir, &st) == 0 && access(dir, W_OK | X_OK) != 0) {
		owner_names(&st, user, sizeof user, group, sizeof group);
		rc = err_set(e, ERR_DENIED, "you (%s) cannot use the shared database '%s': its folder '%s' "
			     "(owner %s, group %s, mode %04o) is not open to you; ask the administrator to add "
			     "you to the group '%s' (usermod -aG %s %s), then log in again", login, path, dir,
			     user, group, (unsigned)(st.st_mode & 07777), group, group, login);
	}
	free(dir);
	return rc;
}
