/* The acting user, from getpwuid(getuid()): never from the environment. */
#include <pwd.h>
#include <unistd.h>

#include "src/util.h"
#include "src/who.h"
#include "src/banned.h"

char *who_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	char buf[32];
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	snprintf(buf, sizeof buf, "uid%u", (unsigned)getuid());
	return xstrdup(buf);
}
