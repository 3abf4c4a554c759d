/* Department names and task ids as users type them, resolved through the
 * store's aliases and tasks. */
#include "src/resolve.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

int resolve_dept(struct store *s, const char *typed, char **dept, struct err *e)
{
	char *key, **sugg = NULL;
	size_t n = 0;
	/* A name written as its key already (国家知识产权局) is found without
	 * computing one: that would load OpenCC, a tenth of a listing's work.
	 * A key is its own key, so this finds what the key would. */
	int rc = store_dept_lookup(s, typed, dept, NULL, e);
	if (rc != -ERR_NOTFOUND)
		return rc;
	err_clear(e);
	key = text_match_key(typed);
	rc = store_dept_lookup(s, key, dept, NULL, e);
	if (rc != -ERR_NOTFOUND) {
		free(key);
		return rc;
	}
	err_clear(e);
	rc = store_dept_suggest(s, key, 3, &sugg, &n, e);
	free(key);
	if (rc)
		return rc;
	if (n) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < n; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", sugg[i]);
		rc = err_set(e, ERR_NOTFOUND, "unknown department '%s'; did you mean %s?", typed,
			     sb_str(&sb));
		sb_release(&sb);
	} else {
		rc = err_set(e, ERR_NOTFOUND, "unknown department '%s'", typed);
	}
	store_strv_free(sugg, n);
	return rc;
}

/* TYPED without spaces and a leading ':', full-width ASCII (０-９, －) folded. */
static char *task_id_clean(const char *typed)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)typed;
	while (*p == ' ' || *p == '\t' || *p == ':')
		p++;
	while (*p) {
		/* U+FF01..U+FF5E are EF BC 81 .. EF BD 9E: ASCII plus 0xFEE0 */
		if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
			unsigned cp = 0xFF00 + ((p[1] - 0xBC) << 6) + (p[2] - 0x80);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				sb_addc(&sb, (char)(cp - 0xFEE0));
				p += 3;
				continue;
			}
		}
		if (*p != ' ' && *p != '\t')
			sb_addc(&sb, (char)*p);
		p++;
	}
	return sb_detach(&sb);
}

int resolve_task(struct store *s, const char *typed, const char *plan, struct task_row *out,
		 struct err *e)
{
	char *id = task_id_clean(typed);
	int rc;
	if (!*id) {
		free(id);
		return err_set(e, ERR_NOTFOUND, "name a task, like 2024-105");
	}
	rc = store_task_get(s, id, out, e);
	if (rc == -ERR_NOTFOUND && plan && !strchr(id, '-')) {
		struct strbuf full = STRBUF_INIT;
		sb_addf(&full, "%s-%s", plan, id);
		err_clear(e);
		rc = store_task_get(s, sb_str(&full), out, e);
		if (rc == -ERR_NOTFOUND)
			rc = err_set(e, ERR_NOTFOUND, "no task '%s' in plan %s", id, plan);
		sb_release(&full);
	}
	free(id);
	return rc;
}
