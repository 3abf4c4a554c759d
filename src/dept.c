/* Reads the department alias table and computes department match keys. */
#include "src/dept.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

static void add_alias(struct dept_table *t, size_t *cap, const char *dept,
		      const char *alias, enum dept_alias_kind kind)
{
	struct dept_alias *a;
	xgrow(&t->aliases, cap, t->naliases + 1, sizeof *t->aliases);
	a = &t->aliases[t->naliases++];
	a->dept = xstrdup(dept);
	a->alias = xstrdup(alias);
	a->key = text_match_key(alias);
	a->kind = kind;
}

int dept_table_load(const char *path, struct dept_table *t, struct err *e)
{
	char *buf = NULL;
	size_t len = 0, dcap = 0, acap = 0;
	int rc, lineno = 0;
	char *line, *next;

	memset(t, 0, sizeof *t);
	rc = util_read_file(path, 1 << 20, &buf, &len, e);
	if (rc)
		return rc;
	if (!text_valid_utf8(buf, len)) {
		free(buf);
		return err_set(e, ERR_INPUT, "cannot read department table '%s': not valid UTF-8", path);
	}
	for (line = buf; line && *line; line = next) {
		char *f[3] = { NULL, NULL, NULL };
		int nf = 0;
		char *p;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (*line == '#' || *line == '\0' || *line == '\r')
			continue;
		for (p = line, f[nf++] = p; *p && nf <= 3; p++) {
			if (*p == '\r')
				*p = '\0';
			else if (*p == '\t') {
				*p = '\0';
				if (nf < 3)
					f[nf++] = p + 1;
			}
		}
		if (nf < 2 || !*f[0] || (strcmp(f[1], "central") && strcmp(f[1], "pseudo") &&
					 strcmp(f[1], "local"))) {
			dept_table_release(t);
			free(buf);
			return err_set(e, ERR_INPUT, "cannot read department table '%s' line %d: "
				       "want 'name<TAB>central|pseudo|local<TAB>aliases'", path, lineno);
		}
		xgrow(&t->depts, &dcap, t->ndepts + 1, sizeof *t->depts);
		t->depts[t->ndepts].name = xstrdup(f[0]);
		t->depts[t->ndepts].kind = xstrdup(f[1]);
		t->ndepts++;
		add_alias(t, &acap, f[0], f[0], ALIAS_NAME);
		if (nf == 3) {
			/* aliases separated by 、 (U+3001, e3 80 81) */
			char *a = f[2];
			while (*a) {
				char *sep = strstr(a, "\xe3\x80\x81");
				enum dept_alias_kind kind = ALIAS_SHORT;
				if (sep)
					*sep = '\0';
				if (*a == '^') {
					kind = ALIAS_PREDECESSOR;
					a++;
				}
				if (*a)
					add_alias(t, &acap, f[0], a, kind);
				if (!sep)
					break;
				a = sep + 3;
			}
		}
	}
	free(buf);
	return 0;
}

void dept_table_release(struct dept_table *t)
{
	for (size_t i = 0; i < t->ndepts; i++) {
		free(t->depts[i].name);
		free(t->depts[i].kind);
	}
	for (size_t i = 0; i < t->naliases; i++) {
		free(t->aliases[i].dept);
		free(t->aliases[i].alias);
		free(t->aliases[i].key);
	}
	free(t->depts);
	free(t->aliases);
	memset(t, 0, sizeof *t);
}

char *dept_canonical_for_new(const char *written)
{
	char *nfc = text_nfc(written);
	char *s = text_simplified(nfc);
	free(nfc);
	return s;
}

const char *dept_alias_kind_name(enum dept_alias_kind k)
{
	switch (k) {
	case ALIAS_NAME: return "name";
	case ALIAS_SHORT: return "short";
	case ALIAS_PREDECESSOR: return "predecessor";
	case ALIAS_WRITTEN: return "written";
	}
	return "?";
}
