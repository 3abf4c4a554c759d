/* Reading and checking progress notes. */
#include <errno.h>

#include "src/note.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

int note_read(const char *path, char **note, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n, len;
	if (strcmp(path, "-")) {
		if (util_read_file(path, NOTE_MAX, note, &len, e))
			return -e->code;
	} else {
		while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
			if (sb.len + n > NOTE_MAX) {
				sb_release(&sb);
				return err_set(e, ERR_INPUT, "the note on standard input is over %d bytes; "
					       "shorten it, or attach the text as evidence", NOTE_MAX);
			}
			sb_add(&sb, buf, n);
		}
		if (ferror(stdin)) {
			int saved = errno;
			sb_release(&sb);
			return err_set(e, ERR_IO, "cannot read the note from standard input: %s",
				       strerror(saved));
		}
		len = sb.len;
		*note = sb_detach(&sb);
	}
	if (memchr(*note, '\0', len)) {
		free(*note);
		*note = NULL;
		return err_set(e, ERR_INPUT, "the note in '%s' holds NUL bytes: it is not text",
			       strcmp(path, "-") ? path : "standard input");
	}
	return 0;
}

int note_prepare(char *note, size_t len, int status, struct err *e)
{
	if (strlen(note) != len)
		return err_set(e, ERR_INPUT, "the note holds NUL bytes: it is not text");
	while (len && strchr(" \t\r\n", note[len - 1]))
		note[--len] = '\0';
	if (!text_valid_utf8(note, len))
		return err_set(e, ERR_INPUT, "the note is not valid UTF-8; save it as UTF-8 "
			       "(in WPS/Notepad: Save as, encoding UTF-8) and try again");
	if (status_note_missing(status, note))
		return err_set(e, ERR_USAGE, STATUS_NOTE_RULE);
	return 0;
}
