/* Evidence from a path, a 文号 or a link: recognised, read within the limit
 * and handed to the store. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/evidence.h"
#include "src/text.h"
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

char *evidence_expand(const char *path)
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

int evidence_prepare(struct store *s, const struct evidence_add *a, struct evidence_ready *out,
		     struct err *e)
{
	size_t size = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->in.task = a->task;
	out->in.dept = a->dept;
	out->in.kind = a->kind;
	out->in.progress = a->progress;
	out->in.title = a->title;
	if (a->kind == EV_FILE) {
		const char *base;
		out->path = evidence_expand(a->value ? a->value : "");
		if ((rc = read_evidence_file(s, out->path, &out->data, &size, e))) {
			evidence_ready_release(out);
			return rc;
		}
		base = strrchr(out->path, '/');
		out->in.file_name = base ? base + 1 : out->path;
		out->in.data = out->data;
		out->in.size = size;
		if (!out->in.title || !*out->in.title)
			out->in.title = out->in.file_name;
	} else {
		out->in.value = a->value;
		if (!out->in.title || !*out->in.title)
			out->in.title = a->value;
	}
	return 0;
}

void evidence_ready_release(struct evidence_ready *r)
{
	free(r->path);
	free(r->data);
	memset(r, 0, sizeof *r);
}

int evidence_attach(struct store *s, const char *login, const struct evidence_add *a,
		    char id_out[33], char **title_out, struct err *e)
{
	struct evidence_ready r;
	int rc;

	if ((rc = evidence_prepare(s, a, &r, e)))
		return rc;
	rc = store_evidence_add(s, login, &r.in, id_out, e);
	if (!rc && title_out)
		*title_out = xstrdup(r.in.title);
	evidence_ready_release(&r);
	return rc;
}

int evidence_validate(const char *typed, enum evidence_kind *kind, struct err *e)
{
	struct stat st;
	char *path;
	int rc = 0;

	*kind = evidence_guess(typed);
	if (!typed[strspn(typed, " \t")])
		return err_set(e, ERR_USAGE, "no evidence given: a file path, a 文号 or a link");
	if (*kind != EV_FILE)
		return 0;
	path = evidence_expand(typed);
	if (stat(path, &st) != 0)
		rc = err_set(e, ERR_IO, "cannot attach '%s': %s%s", path, strerror(errno),
			     errno == ENOENT ? "; check the path (a 文号 or link is not a file)" : "");
	else if (!S_ISREG(st.st_mode))
		rc = err_set(e, ERR_IO, "cannot attach '%s': it is %s; name a file", path,
			     S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
	free(path);
	return rc;
}

char *evidence_default_title(const char *typed, enum evidence_kind kind)
{
	const char *base;
	if (kind != EV_FILE)
		return xstrdup(typed);
	base = strrchr(typed, '/');
	return xstrdup(base ? base + 1 : typed);
}

int evidence_save(struct store *s, const char *id, const char *path, struct err *e)
{
	struct evidence_info info;
	void *data = NULL;
	size_t size = 0, done = 0;
	char *full;
	int rc, fd;

	if ((rc = store_evidence_get(s, id, &info, &data, &size, e)))
		return rc;
	if (info.kind != EV_FILE) {
		rc = err_set(e, ERR_USAGE, "evidence '%s' is a %s, not a file: there is nothing to save",
			     info.title, info.kind == EV_URL ? "link" : "document number");
		store_evidence_info_release(&info);
		return rc;
	}
	full = evidence_expand(path);
	/* a new file only, never through a link; the umask decides its mode */
	fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s%s", full, strerror(errno),
			     errno == EEXIST ? "; give another name (nothing is overwritten)" : "");
		goto out;
	}
	while (done < size) {
		ssize_t w = write(fd, (const char *)data + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done < size || close(fd) != 0) {
		rc = err_set(e, ERR_IO, "cannot write '%s': %s; the file is incomplete and was removed", full,
			     strerror(errno));
		if (done < size)
			close(fd);
		unlink(full);
	}
out:
	free(full);
	free(data);
	store_evidence_info_release(&info);
	return rc;
}

int evidence_is_text(const char *data, size_t len)
{
	return !memchr(data, '\0', len) && text_valid_utf8(data, len);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

int evidence_complete(const char *typed, char **out, struct strbuf *choices)
{
	const char *slash = strrchr(typed, '/');
	const char *part = slash ? slash + 1 : typed;
	size_t plen = strlen(part), nnames = 0, cap = 0, common = 0;
	char *dir, **names = NULL;
	struct strbuf sb = STRBUF_INIT;
	DIR *d;
	struct dirent *de;

	/* the folder as typed ("~/x" expanded), "." for a bare name */
	if (slash) {
		char *upto = xstrndup(typed, (size_t)(slash - typed) + 1);
		dir = evidence_expand(upto);
		free(upto);
	} else if (typed[0] == '~' && !typed[1]) {
		*out = xstrdup("~/");
		return 1;
	} else {
		dir = xstrdup(".");
	}
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, part, plen) || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_name[0] == '.' && part[0] != '.')
			continue;
		xgrow(&names, &cap, nnames + 1, sizeof *names);
		names[nnames++] = xstrdup(de->d_name);
	}
	if (d)
		closedir(d);
	if (!nnames) {
		free(dir);
		*out = xstrdup(typed);
		return 0;
	}
	qsort(names, nnames, sizeof *names, cmp_str);
	/* the longest prefix every name shares, whole characters only */
	common = strlen(names[0]);
	for (size_t i = 1; i < nnames; i++) {
		size_t k = 0;
		while (k < common && names[i][k] == names[0][k])
			k++;
		common = k;
	}
	while (common > plen && (names[0][common] & 0xc0) == 0x80)
		common--;
	sb_add(&sb, typed, (size_t)(part - typed));
	sb_add(&sb, names[0], common);
	if (nnames == 1) {
		struct stat st;
		struct strbuf full = STRBUF_INIT;
		sb_addf(&full, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[0]);
		if (stat(sb_str(&full), &st) == 0 && S_ISDIR(st.st_mode))
			sb_addc(&sb, '/');
		sb_release(&full);
	} else if (choices) {
		for (size_t i = 0; i < nnames && i < 20; i++)
			sb_addf(choices, "%s%s", i ? "  " : "", names[i]);
		if (nnames > 20)
			sb_addf(choices, "  (%zu more)", nnames - 20);
	}
	*out = sb_detach(&sb);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
	return (int)nnames;
}
