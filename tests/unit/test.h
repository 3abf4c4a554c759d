/* A very small unit-test harness. Each test binary defines test functions with
 * TEST(name), lists them in main with RUN(name), and ends with TEST_END().
 * Every case prints "ok NAME" or "FAIL NAME: file:line: what"; tests/run counts
 * those lines across all binaries and scripts. */
#ifndef DUBAN_TEST_H
#define DUBAN_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_now;
static int test_total_failed;

#define TEST(name) static void name(void)

#define CHECK(cond) do { \
	if (!(cond)) { \
		printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		test_failed_now = 1; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!g_ || strcmp(g_, w_) != 0) { \
		printf("  %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_ ? g_ : "(null)", w_); \
		test_failed_now = 1; \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ != w_) { \
		printf("  %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
		test_failed_now = 1; \
	} \
} while (0)

#define RUN(name) do { \
	test_failed_now = 0; \
	name(); \
	if (test_failed_now) { printf("FAIL %s\n", #name); test_total_failed++; } \
	else printf("ok %s\n", #name); \
	fflush(stdout); \
} while (0)

#define TEST_END() return test_total_failed ? 1 : 0

#endif
