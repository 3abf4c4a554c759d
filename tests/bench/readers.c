/* In-process timing of the document readers against the library work they
 * rest on, for tests/bench/formats: libxml2's HTML parse alone, then what
 * duban does with the same page (doc_read: parse and walk; plan_read: read
 * and find the plan); and poppler's text of every page against duban's
 * reading of the same PDF. Prints "NAME median_microseconds" lines. */
#include <dlfcn.h>
#include <libxml/HTMLparser.h>
#include <poppler.h>
#include <time.h>

#include "src/plan_read.h"
#include "src/util.h"

#define RUNS 31

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v)
{
	qsort(v, RUNS, sizeof *v, cmp);
	return v[RUNS / 2];
}

static void html_parse(const char *buf, size_t len)
{
	htmlDocPtr h = htmlReadMemory(buf, (int)len, NULL, "UTF-8",
				      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	xmlFreeDoc(h);
}

static void pdf_text(const char *buf, size_t len)
{
	GBytes *b = g_bytes_new_static(buf, len);
	PopplerDocument *d = poppler_document_new_from_bytes(b, NULL, NULL);
	int n = d ? poppler_document_get_n_pages(d) : 0;

	for (int i = 0; i < n; i++) {
		PopplerPage *p = poppler_document_get_page(d, i);
		g_free(poppler_page_get_text(p));
		g_object_unref(p);
	}
	if (d)
		g_object_unref(d);
	g_bytes_unref(b);
}

static void plan(const char *buf, size_t len, const char *name)
{
	struct plan_doc d;
	struct err e = { 0, "" };

	if (plan_read(buf, len, name, ENC_AUTO, &d, NULL, &e) == 0)
		plan_doc_release(&d);
	else
		fprintf(stderr, "%s: %s\n", name, e.msg);
}

static void doc(const char *buf, size_t len, const char *name)
{
	struct doc d;
	struct err e = { 0, "" };
	enum doc_format f;

	if (doc_sniff(buf, len, name, &f, &e) == 0 && doc_read(buf, len, name, f, &d, &e) == 0)
		doc_release(&d);
}

int main(int argc, char **argv)
{
	double t[RUNS];
	char *html, *pdf;
	size_t nh, np;
	struct err e = { 0, "" };

	if (argc != 3 || util_read_file(argv[1], DOC_MAX_BYTES, &html, &nh, &e) ||
	    util_read_file(argv[2], DOC_MAX_BYTES, &pdf, &np, &e)) {
		fprintf(stderr, "usage: readers PAGE.html PLAN.pdf (%s)\n", e.msg);
		return 1;
	}
	plan(pdf, np, argv[2]);   /* load poppler once, as the first PDF does */
#define MEASURE(label, call) do { \
	for (int i = 0; i < RUNS; i++) { double a = now_us(); call; t[i] = now_us() - a; } \
	printf("%s %.0f\n", label, median(t)); \
} while (0)
	MEASURE("libxml2_html_parse", html_parse(html, nh));
	MEASURE("duban_html_doc_read", doc(html, nh, argv[1]));
	MEASURE("duban_html_plan_read", plan(html, nh, argv[1]));
	MEASURE("poppler_page_texts", pdf_text(pdf, np));
	MEASURE("duban_pdf_doc_read", doc(pdf, np, argv[2]));
	MEASURE("duban_pdf_plan_read", plan(pdf, np, argv[2]));
	free(html);
	free(pdf);
	return 0;
}
