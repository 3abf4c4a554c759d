/* Replays a fuzz target's saved corpus and every crash input found so far
 * through LLVMFuzzerTestOneInput, built with the ordinary compiler, so make test
 * (and make asan) run them as regression cases. FUZZ_NAME is the target. */
#include <dirent.h>
#include <stdint.h>

#include "src/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_dir(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		struct strbuf p = STRBUF_INIT;
		struct err e = { 0, "" };
		char *buf;
		size_t len;
		if (de->d_name[0] == '.')
			continue;
		sb_addf(&p, "%s/%s", dir, de->d_name);
		if (util_read_file(sb_str(&p), 64u << 20, &buf, &len, &e) == 0) {
			LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
			free(buf);
			(*count)++;
		}
		sb_release(&p);
	}
	closedir(d);
	return 0;
}

int main(void)
{
	const char *src = getenv("DUBAN_SRC");
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int n = 0;
	sb_addf(&a, "%s/tests/fuzz/corpus/%s", src ? src : ".", FUZZ_NAME);
	sb_addf(&b, "%s/tests/fuzz/crashes/%s", src ? src : ".", FUZZ_NAME);
	replay_dir(sb_str(&a), &n);
	replay_dir(sb_str(&b), &n);
	if (n == 0)
		printf("FAIL replay %s: no inputs in %s\n", FUZZ_NAME, sb_str(&a));
	else
		printf("ok replay %s: %d saved inputs\n", FUZZ_NAME, n);
	sb_release(&a);
	sb_release(&b);
	return n == 0;
}
