/* Where the database and the bundled data live. */
#ifndef DUBAN_PATHS_H
#define DUBAN_PATHS_H

#include "src/err.h"

/* The system-wide setting file, read before the per-user default. */
#define PATHS_SYSTEM_CONF "/etc/duban.conf"

/* The database path: OPT (from --db) if set, else $DUBAN_DB, else the
 * system-wide setting ("db = PATH" in $DUBAN_CONF, else /etc/duban.conf),
 * else $XDG_DATA_HOME/duban/duban.db (default ~/.local/share), whose
 * folders are created mode 0700. Caller frees. NULL with E set on failure. */
char *paths_db(const char *opt, struct err *e);
/* The same path when the file exists, else NULL; creates nothing (for
 * completion, which must not make a database). Caller frees. */
char *paths_db_existing(const char *opt);

/* The folder holding plans/ and departments.tsv: $DUBAN_DATADIR, else data/
 * beside the executable (a source tree), else the installed share/duban.
 * Caller frees. */
char *paths_datadir(void);

#endif
