/* Who is acting: the operating-system login of the real user id. */
#ifndef DUBAN_WHO_H
#define DUBAN_WHO_H

#include "src/err.h"

/* The login name of getuid(), or "uid<N>" when it has no passwd entry.
 * Caller frees. No environment variable changes the answer. */
char *who_login(void);

/* 0 when LOGIN could be an operating-system login (what getpwnam could
 * return), else -ERR_USAGE with E saying why. The rule (the relaxed one of
 * systemd and of useradd --badname, so that directory logins such as
 * "zhang.san@ipa.gov.cn" or "OFFICE\zhang" pass): 1 to 256 bytes of valid
 * UTF-8; no control character (C0, DEL, C1), white space, format or other
 * invisible character (Unicode categories C and Z); none of ':' '/' ','
 * (the separators of /etc/passwd and paths); not starting with '-' or '+';
 * not "." or ".."; not digits alone (a user id, not a name). */
int who_login_check(const char *login, struct err *e);

#endif
