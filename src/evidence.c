/* Evidence from a path, a 文号 or a link: recognised, read within the limit
 * and handed to the store. */
#include <errno.h>
#include <pwd.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/evidence.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

static const char *const doc_exts[] = {
	".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".txt",
	".csv", ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z", NULL
};

static int has_doc_ext(const char *s)
{
	size_t n = strlen(s);
	for (const char *const *x = doc_exts; *x; x++) {
		size_t k = strlen(*x);
		if (n > k && !strcasecmp(s + n - k, *x))
			return 1;
	}
	return 0;
}

enum evidence_kind evidence_guess(const char *typed)
{
	struct stat st;
	if (util_starts_with(typed, "http://") || util_starts_with(typed, "https://"))
		return EV_URL;
	if (strchr(typed, '/') || typed[0] == '~' || typed[0] == '.' || has_doc_ext(typed) ||
	    stat(typed, &st) == 0)
		return EV_FILE;
	return EV_DOCNO;
}

/* PATH with a leading "~/" (or "~" alone) made the home folder. Caller frees. */
static char *expand_home(const char *path)
{
	const char *home;
	struct strbuf sb = STRBUF_INIT;
	if (path[0] != '~' || (path[1] && path[1] != '/'))
		return xstrdup(path);
	home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "";
	}
	sb_addf(&sb, "%s%s", home, path + 1);
	return sb_detach(&sb);
}

static int read_evidence_file(struct store *s, const char *path, char **data, size_t *size,
			      struct err *e)
{
	long long max = store_evidence_limit(s);
	struct stat st;
	if (stat(path, &st) != 0)
		return err_set(e, ERR_IO, "cannot attach '%s': %s%s",
			       path, strerror(errno),
			       errno == ENOENT ? "; check the path (a 文号 or link is not a file)" : "");
	if (!S_ISREG(st.st_mode))
		return err_set(e, ERR_IO, "cannot attach '%s': it is %s; name a file", path,
			       S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
	if ((long long)st.st_size > max)
		return err_set(e, ERR_INPUT, "the file '%s' is %.1f MB, over the evidence limit of "
			       "%.1f MB; attach a smaller file or its document number, or ask the office "
			       "to raise the limit (setting evidence.max_bytes)", path,
			       st.st_size / 1048576.0, max / 1048576.0);
	return util_read_file(path, (size_t)max, data, size, e);
}

int evidence_attach(struct store *s, const char *login, const struct evidence_add *a,
		    char id_out[33], char **title_out, struct err *e)
{
	struct evidence_in in;
	char *path = NULL, *data = NULL;
	size_t size = 0;
	int rc;

	memset(&in, 0, sizeof in);
	in.task = a->task;
	in.dept = a->dept;
	in.kind = a->kind;
	in.progress = a->progress;
	in.title = a->title;
	if (a->kind == EV_FILE) {
		const char *base;
		path = expand_home(a->value ? a->value : "");
		if ((rc = read_evidence_file(s, path, &data, &size, e)))
			goto out;
		base = strrchr(path, '/');
		in.file_name = base ? base + 1 : path;
		in.data = data;
		in.size = size;
		if (!in.title || !*in.title)
			in.title = in.file_name;
	} else {
		in.value = a->value;
		if (!in.title || !*in.title)
			in.title = a->value;
	}
	rc = store_evidence_add(s, login, &in, id_out, e);
	if (!rc && title_out)
		*title_out = xstrdup(in.title);
out:
	free(path);
	free(data);
	return rc;
}
