/* The acting user, from getpwuid(getuid()): never from the environment. */
#include <pwd.h>
#include <unictype.h>
#include <unistd.h>
#include <unistr.h>

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

int who_login_check(const char *login, struct err *e)
{
	const uint8_t *p = (const uint8_t *)login, *end = p + strlen(login);
	const char *why = NULL;
	if (!*login)
		return err_set(e, ERR_USAGE, "invalid login '': give an operating-system user name");
	if (end - p > 256)
		why = "longer than 256 bytes";
	else if (u8_check(p, (size_t)(end - p)))
		why = "not valid UTF-8";
	else if (*login == '-' || *login == '+')
		why = "it starts with '-' or '+'";
	else if (!strcmp(login, ".") || !strcmp(login, ".."))
		why = "'.' and '..' are not names";
	else if (!login[strspn(login, "0123456789")])
		why = "digits alone are a user id, not a name";
	else if (strpbrk(login, ":/,"))
		why = "':', '/' and ',' cannot be in a login";
	while (!why && p < end) {
		ucs4_t uc;
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc_is_general_category(uc, UC_CATEGORY_C) || uc_is_general_category(uc, UC_CATEGORY_Z))
			why = "it holds a control, space or invisible character";
	}
	if (why)
		return err_set(e, ERR_USAGE, "invalid login '%s': %s; give an operating-system user name",
			       login, why);
	return 0;
}
