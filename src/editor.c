/* Running the user's editor on a temporary file. The command is taken from
 * the environment and run by sh with the file as "$1", never pasted into the
 * command string, so no file name can change what runs. */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/editor.h"
#include "src/note.h"
#include "src/util.h"
#include "src/banned.h"

const char *editor_command(void)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	return ed && *ed ? ed : "vi";
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int editor_run(const char *initial, char **text, struct err *e)
{
	const char *tmp = getenv("TMPDIR"), *ed = editor_command();
	struct strbuf path = STRBUF_INIT, cmd = STRBUF_INIT;
	size_t len;
	int fd, status = 0, rc = 0;
	pid_t pid;

	*text = NULL;
	sb_addf(&path, "%s/duban-note-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path.buf);   /* mode 0600: a note is nobody else's to read */
	if (fd < 0) {
		rc = err_set(e, ERR_IO, "cannot create a temporary file for the note in '%s': %s",
			     tmp && *tmp ? tmp : "/tmp", strerror(errno));
		sb_release(&path);
		return rc;
	}
	if (initial && write_all(fd, initial, strlen(initial))) {
		rc = err_set(e, ERR_IO, "cannot write the temporary file '%s': %s", sb_str(&path),
			     strerror(errno));
		close(fd);
		unlink(sb_str(&path));
		sb_release(&path);
		return rc;
	}
	close(fd);
	/* as git does: the shell reads the command (so "emacs -nw" and a quoted
	 * path work); the file is "$1", never part of the text */
	sb_addf(&cmd, "%s \"$1\"", ed);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", sb_str(&cmd), ed, sb_str(&path), (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		rc = err_set(e, ERR_IO, "the editor '%s' failed (%s); what you wrote is kept in '%s'", ed,
			     pid < 0 ? strerror(errno) : WIFEXITED(status) ? "it exited non-zero" : "it was killed",
			     sb_str(&path));
	} else if (util_read_file(sb_str(&path), NOTE_MAX, text, &len, e)) {
		char *why = xstrdup(e->msg);
		rc = err_set(e, ERR_IO, "%s; what you wrote is kept in '%s'", why, sb_str(&path));
		free(why);
	} else {
		while (len && ((*text)[len - 1] == '\n' || (*text)[len - 1] == '\r'))
			(*text)[--len] = '\0';
		unlink(sb_str(&path));
	}
	sb_release(&path);
	sb_release(&cmd);
	return rc;
}
