/* Why a login cannot use a shared database, when file permissions are the
 * reason: the message names the group that gives access, so that the
 * officer knows what to ask the administrator for. */
#ifndef DUBAN_DBACCESS_H
#define DUBAN_DBACCESS_H

#include "src/err.h"

/* When this process may not read the database PATH (or, if it does not
 * exist, create it in its folder): -ERR_DENIED with E saying who owns it,
 * which group to join and how (usermod -aG GROUP LOGIN, then log in again).
 * 0 when permissions are not what stands in the way, or the file is
 * readable (the store's own message says what a read-only file allows). */
int dbaccess_explain(const char *path, const char *login, struct err *e);

#endif
