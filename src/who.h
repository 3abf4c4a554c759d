/* Who is acting: the operating-system login of the real user id. */
#ifndef DUBAN_WHO_H
#define DUBAN_WHO_H

/* The login name of getuid(), or "uid<N>" when it has no passwd entry.
 * Caller frees. No environment variable changes the answer. */
char *who_login(void);

#endif
