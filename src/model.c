/* Names of the domain's values, in English (for scripts and the command line)
 * and in Chinese (for documents and reports). */
#include <string.h>

#include "src/model.h"
#include "src/banned.h"

static const char *const urole_names[] = { "viewer", "liaison", "office" };

const char *role_name(enum role r)
{
	return r == ROLE_LEAD ? "lead" : "participant";
}

const char *role_name_zh(enum role r)
{
	return r == ROLE_LEAD ? "牵头" : "参与";
}

const char *user_role_name(enum user_role r)
{
	return (unsigned)r <= UROLE_OFFICE ? urole_names[r] : "?";
}

int user_role_parse(const char *s)
{
	for (int i = 0; i <= UROLE_OFFICE; i++)
		if (!strcmp(s, urole_names[i]))
			return i;
	return -1;
}

const char *review_state_name(enum review_state r)
{
	switch (r) {
	case REVIEW_PENDING: return "pending review";
	case REVIEW_APPROVED: return "approved";
	case REVIEW_RETURNED: return "returned";
	default: return "";
	}
}

const char *evidence_kind_name(enum evidence_kind k)
{
	return k == EV_FILE ? "file" : k == EV_DOCNO ? "docno" : "url";
}

static const char *const decision_names[] = { "approve", "return", "reopen" };

const char *review_decision_name(enum review_decision d)
{
	return (unsigned)d <= DECIDE_REOPEN ? decision_names[d] : "?";
}

int review_decision_parse(const char *s)
{
	for (int i = 0; i <= DECIDE_REOPEN; i++)
		if (!strcmp(s, decision_names[i]))
			return i;
	return -1;
}
