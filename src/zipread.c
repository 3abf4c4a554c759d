/* ZIP containers through libzip, read from memory with a bound on everything
 * that comes out: entries, each part's size (declared and actual) and the
 * archive's total. */
#include <zip.h>

#include "src/zipread.h"
#include "src/util.h"
#include "src/banned.h"

#define ZIPREAD_ENTRIES_MAX 20000

struct zipread {
	zip_t *zip;
	const char *name;
	size_t total;      /* bytes unpacked so far */
};

int zipread_is_zip(const char *buf, size_t len)
{
	return len >= 4 && !memcmp(buf, "PK\003\004", 4);
}

int zipread_open(const char *buf, size_t len, const char *name, struct zipread **out,
		 struct err *e)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_int64_t n;
	struct zipread *r;

	*out = NULL;
	zip_error_init(&ze);
	src = zip_source_buffer_create(buf, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return err_set(e, ERR_INPUT, "cannot read '%s': it is not a usable ZIP container", name);
	}
	z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!z) {
		zip_source_free(src);
		err_set(e, ERR_INPUT, "cannot read '%s': the Word/Excel container is damaged (%s); "
			"open it in Word or WPS and save it again, or save it as PDF", name,
			zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -ERR_INPUT;
	}
	zip_error_fini(&ze);
	n = zip_get_num_entries(z, 0);
	if (n < 0 || n > ZIPREAD_ENTRIES_MAX) {
		zip_close(z);
		return err_set(e, ERR_INPUT, "cannot read '%s': the container holds %lld entries, more than "
			       "any document has (at most %d); it is not a document duban reads",
			       name, (long long)n, ZIPREAD_ENTRIES_MAX);
	}
	r = xcalloc(1, sizeof *r);
	r->zip = z;
	r->name = name;
	*out = r;
	return 0;
}

void zipread_close(struct zipread *z)
{
	if (!z)
		return;
	zip_discard(z->zip);
	free(z);
}

int zipread_has(struct zipread *z, const char *path)
{
	return zip_name_locate(z->zip, path, 0) >= 0;
}

int zipread_get(struct zipread *z, const char *path, char **out, size_t *len, struct err *e)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;
	zip_uint64_t want, got = 0;
	zip_int64_t k;

	*out = NULL;
	*len = 0;
	zip_stat_init(&st);
	if (zip_stat(z->zip, path, 0, &st) != 0)
		return err_set(e, ERR_NOTFOUND, "cannot read '%s': it has no part '%s'", z->name, path);
	if (!(st.valid & ZIP_STAT_SIZE))
		return err_set(e, ERR_INPUT, "cannot read '%s': its part '%s' does not say its size; "
			       "save the file again", z->name, path);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return err_set(e, ERR_INPUT, "cannot read '%s': it is encrypted (password-protected); "
			       "remove the password in Word or WPS and save it again", z->name);
	if (st.size > ZIPREAD_PART_MAX || z->total + st.size > ZIPREAD_TOTAL_MAX)
		return err_set(e, ERR_INPUT, "cannot read '%s': its part '%s' unpacks to %llu bytes, over "
			       "the %u-byte limit; it is not a plain document (a zip bomb?)",
			       z->name, path, (unsigned long long)st.size, ZIPREAD_PART_MAX);
	if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
	    st.size / (st.comp_size ? st.comp_size : 1) > ZIPREAD_RATIO_MAX)
		return err_set(e, ERR_INPUT, "cannot read '%s': its part '%s' unpacks to %llu bytes from "
			       "%llu, more than a document ever does; it looks like a zip bomb",
			       z->name, path, (unsigned long long)st.size,
			       (unsigned long long)st.comp_size);
	f = zip_fopen(z->zip, path, 0);
	if (!f)
		return err_set(e, ERR_INPUT, "cannot read '%s': its part '%s' cannot be opened (%s)",
			       z->name, path, zip_strerror(z->zip));
	want = st.size;
	buf = xmalloc((size_t)want + 2);
	/* read one byte past the declared size: a part that gives more lies */
	while (got <= want) {
		k = zip_fread(f, buf + got, want + 1 - got);
		if (k < 0) {
			err_set(e, ERR_INPUT, "cannot read '%s': its part '%s' is damaged (%s); open it "
				"in Word or WPS and save it again", z->name, path, zip_file_strerror(f));
			zip_fclose(f);
			free(buf);
			return -ERR_INPUT;
		}
		if (k == 0)
			break;
		got += (zip_uint64_t)k;
	}
	zip_fclose(f);
	if (got != want) {
		free(buf);
		return err_set(e, ERR_INPUT, "cannot read '%s': its part '%s' unpacks to %s than the %llu "
			       "bytes it declares; the file is damaged or a zip bomb", z->name, path,
			       got > want ? "more" : "fewer", (unsigned long long)want);
	}
	buf[got] = '\0';
	z->total += (size_t)got;
	*out = buf;
	*len = (size_t)got;
	return 0;
}
