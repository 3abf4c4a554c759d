/* Web pages as a browser saves them, through libxml2's HTML parser (the
 * parser browsers' own rules for broken markup come closest to): block
 * structure as paragraphs, data tables as rows (layout tables as the flow
 * they hold), scripts, styles, forms and hidden elements left out, in the
 * charset the page declares, else UTF-8 or GB18030 as the bytes say. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <strings.h>
#include <unistr.h>

#include "src/doc_readers.h"
#include "src/banned.h"

#define HTML_DEPTH_MAX 400   /* libxml2 stops nesting at 256 unless told otherwise */
#define HTML_CELLS_MAX 512   /* columns a data table may have */

struct hctx {
	struct doc *doc;
	struct strbuf para;     /* the paragraph being built */
	int level;              /* its heading level */
	int pre;                /* inside <pre>: white space kept */
	int space;              /* a white space is pending in PARA */
	int table;              /* next table number */
};

static int h_is(const xmlNode *n, const char *name)
{
	return n->name && !xmlStrcasecmp(n->name, (const xmlChar *)name);
}

static int h_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (h_is(n, *names))
			return 1;
	return 0;
}

static const char *const h_skip[] = { "script", "style", "noscript", "template", "head", "title",
				      "iframe", "object", "embed", "svg", "math", "canvas", "select",
				      "option", "button", "input", "textarea", "map", "audio", "video",
				      "link", "meta", "form", NULL };
static const char *const h_block[] = { "address", "article", "aside", "blockquote", "body",
				       "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
				       "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3",
				       "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav",
				       "ol", "p", "pre", "section", "summary", "ul", "caption", "tr",
				       "td", "th", "tbody", "thead", "tfoot", "html", NULL };

/* display:none, visibility:hidden or the hidden attribute */
static int h_hidden(const xmlNode *n)
{
	xmlChar *st;
	int hidden = 0;

	if (xmlHasProp((xmlNode *)n, (const xmlChar *)"hidden"))
		return 1;
	st = xmlGetProp(n, (const xmlChar *)"style");
	if (st) {
		struct strbuf sb = STRBUF_INIT;
		const char *p;
		for (p = (const char *)st; *p; p++)
			if (*p != ' ' && *p != '\t')
				sb_addc(&sb, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
		hidden = strstr(sb_str(&sb), "display:none") || strstr(sb_str(&sb), "visibility:hidden");
		sb_release(&sb);
		xmlFree(st);
	}
	return hidden;
}

/* Append text, collapsing white space as a browser shows it. */
static void h_text(struct hctx *c, const char *s)
{
	for (; *s; s++) {
		char ch = *s;
		if (!c->pre && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f')) {
			c->space = 1;
			continue;
		}
		if (c->space && c->para.len && c->para.buf[c->para.len - 1] != '\n')
			sb_addc(&c->para, ' ');
		c->space = 0;
		sb_addc(&c->para, ch);
	}
}

static void h_flush(struct hctx *c)
{
	if (c->para.len)
		doc_add_para(c->doc, c->para.buf, c->para.len, c->level, 0);
	sb_reset(&c->para);
	c->space = 0;
	c->level = 0;
}

static void h_walk(struct hctx *c, xmlNode *n, int depth);

/* The text of a table cell, its block children's texts joined with '\n'. */
static char *h_cell_text(struct hctx *c, xmlNode *cell, int depth)
{
	struct strbuf saved = c->para, out = STRBUF_INIT;
	size_t before = c->doc->nblocks, i;
	int level = c->level, space = c->space;

	memset(&c->para, 0, sizeof c->para);
	c->space = 0;
	c->level = 0;
	h_walk(c, cell->children, depth + 1);
	h_flush(c);
	for (i = before; i < c->doc->nblocks; i++) {
		struct doc_block *b = &c->doc->blocks[i];
		size_t j;
		if (b->kind == DOC_PARA) {
			if (out.len)
				sb_addc(&out, '\n');
			sb_adds(&out, b->text);
		}
		for (j = 0; j < b->ncells; j++) {
			if (out.len && b->cells[j][0])
				sb_addc(&out, j ? ' ' : '\n');
			sb_adds(&out, b->cells[j]);
			free(b->cells[j]);
		}
		free(b->cells);
		free(b->text);
	}
	c->doc->nblocks = before;
	sb_release(&c->para);
	c->para = saved;
	c->level = level;
	c->space = space;
	return sb_detach(&out);
}

/* The rows of table T (not those of tables nested in it), in order. */
static void h_rows(xmlNode *t, xmlNode ***rows, size_t *n, size_t *cap, int depth)
{
	xmlNode *k;

	if (depth > 4)
		return;
	for (k = t->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (h_is(k, "tr")) {
			xgrow(rows, cap, *n + 1, sizeof **rows);
			(*rows)[(*n)++] = k;
		} else if (h_is(k, "tbody") || h_is(k, "thead") || h_is(k, "tfoot")) {
			h_rows(k, rows, n, cap, depth + 1);
		}
	}
}

static int h_has_table(const xmlNode *n, int depth)
{
	const xmlNode *k;

	if (depth > HTML_DEPTH_MAX)
		return 0;
	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && (h_is(k, "table") || h_has_table(k, depth + 1)))
			return 1;
	return 0;
}

static long h_span(const xmlNode *cell, const char *attr)
{
	xmlChar *v = xmlGetProp(cell, (const xmlChar *)attr);
	long n = 1;

	if (v) {
		n = strtol((const char *)v, NULL, 10);
		xmlFree(v);
	}
	return n < 1 ? 1 : n > 1000 ? 1000 : n;
}

/* A data table has two rows or more of two cells or more and no table in a
 * cell; anything else (the page's frame, a one-cell box) is layout. */
static int h_is_data(xmlNode **rows, size_t n)
{
	size_t i, wide = 0;

	for (i = 0; i < n; i++) {
		xmlNode *k;
		int cells = 0;
		for (k = rows[i]->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE || !(h_is(k, "td") || h_is(k, "th")))
				continue;
			if (h_has_table(k, 0))
				return 0;
			cells++;
		}
		wide += cells >= 2;
	}
	return wide >= 2;
}

struct hspan { char *text; long rows; };  /* a cell that spans rows below */

static void h_table(struct hctx *c, xmlNode *t, int depth)
{
	xmlNode **rows = NULL;
	size_t nrows = 0, cap = 0, i;
	struct hspan carry[HTML_CELLS_MAX];
	int table;

	h_rows(t, &rows, &nrows, &cap, 0);
	if (!h_is_data(rows, nrows)) {
		/* layout: its cells are the page's flow */
		for (i = 0; i < nrows; i++) {
			xmlNode *k;
			for (k = rows[i]->children; k; k = k->next) {
				if (k->type == XML_ELEMENT_NODE && !h_hidden(k)) {
					h_flush(c);
					h_walk(c, k->children, depth + 1);
					h_flush(c);
				}
			}
		}
		free(rows);
		return;
	}
	h_flush(c);
	memset(carry, 0, sizeof carry);
	table = c->table++;
	for (i = 0; i < nrows; i++) {
		char *cells[HTML_CELLS_MAX];
		size_t ncells = 0, j;
		xmlNode *k = rows[i]->children;
		for (;;) {
			/* cells carried down by a rowspan above come first where they stand */
			while (ncells < HTML_CELLS_MAX && carry[ncells].rows > 0) {
				cells[ncells] = xstrdup(carry[ncells].text);
				if (--carry[ncells].rows == 0) {
					free(carry[ncells].text);
					carry[ncells].text = NULL;
				}
				ncells++;
			}
			while (k && (k->type != XML_ELEMENT_NODE || !(h_is(k, "td") || h_is(k, "th"))))
				k = k->next;
			if (!k || ncells >= HTML_CELLS_MAX)
				break;
			{
				long cs = h_span(k, "colspan"), rs = h_span(k, "rowspan"), s;
				char *text = h_hidden(k) ? xstrdup("") : h_cell_text(c, k, depth);
				for (s = 0; s < cs && ncells < HTML_CELLS_MAX; s++) {
					cells[ncells] = xstrdup(s ? "" : text);
					if (rs > 1 && !carry[ncells].rows) {
						carry[ncells].text = xstrdup(s ? "" : text);
						carry[ncells].rows = rs - 1;
					}
					ncells++;
				}
				free(text);
			}
			k = k->next;
		}
		doc_add_row(c->doc, cells, ncells, table, (int)i + 1);
		for (j = 0; j < ncells; j++)
			free(cells[j]);
	}
	for (i = 0; i < HTML_CELLS_MAX; i++)
		free(carry[i].text);
	free(rows);
}

static void h_walk(struct hctx *c, xmlNode *n, int depth)
{
	if (depth > HTML_DEPTH_MAX)
		return;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				h_text(c, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || h_in(n, h_skip) || h_hidden(n))
			continue;
		if (h_is(n, "br")) {
			sb_addc(&c->para, '\n');
			c->space = 0;
			continue;
		}
		if (h_is(n, "table")) {
			h_table(c, n, depth);
			continue;
		}
		if (h_in(n, h_block)) {
			int pre = c->pre;
			h_flush(c);
			if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2])
				c->level = n->name[1] - '0';
			if (h_is(n, "pre"))
				c->pre = 1;
			h_walk(c, n->children, depth + 1);
			h_flush(c);
			c->pre = pre;
			continue;
		}
		h_walk(c, n->children, depth + 1);
	}
}

/* The charset a <meta> declares in the first bytes, as libxml2/iconv names it. */
static const char *h_charset(const char *buf, size_t len)
{
	size_t n = len < 4096 ? len : 4096, i;

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		return "UTF-8";
	for (i = 0; i + 8 < n; i++) {
		size_t j;
		char name[32];
		size_t o = 0;
		if (strncasecmp(buf + i, "charset", 7))
			continue;
		j = i + 7;
		while (j < n && (buf[j] == ' ' || buf[j] == '='))
			j++;
		while (j < n && (buf[j] == '"' || buf[j] == '\''))
			j++;
		while (j < n && o < sizeof name - 1 &&
		       ((buf[j] >= 'a' && buf[j] <= 'z') || (buf[j] >= 'A' && buf[j] <= 'Z') ||
			(buf[j] >= '0' && buf[j] <= '9') || buf[j] == '-' || buf[j] == '_'))
			name[o++] = buf[j++];
		name[o] = '\0';
		if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
			return "UTF-8";
		if (!strcasecmp(name, "gb2312") || !strcasecmp(name, "gbk") ||
		    !strcasecmp(name, "gb18030") || !strcasecmp(name, "x-gbk") ||
		    !strcasecmp(name, "cp936"))
			return "GB18030";
		if (!strcasecmp(name, "big5"))
			return "BIG5";
	}
	return u8_check((const uint8_t *)buf, len) ? "GB18030" : "UTF-8";
}

/* The page's <title> up to the site's name ("…的通知_中国政府网"). */
static void h_head_title(struct doc *doc, xmlNode *n)
{
	static const char *const cuts[] = { "_", " - ", "－", "——", "|", "｜", NULL };
	xmlNode *k;

	for (; n && !doc->head_title; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (h_is(n, "title")) {
			xmlChar *t = xmlNodeGetContent(n);
			if (t) {
				char *s = (char *)t;
				size_t len = strlen(s), i;
				for (i = 0; cuts[i]; i++) {
					char *p = strstr(s, cuts[i]);
					if (p && p - s >= 12 && (size_t)(p - s) < len)
						len = (size_t)(p - s);
				}
				if (len)
					doc->head_title = xstrndup(s, len);
				xmlFree(t);
			}
			return;
		}
		if (h_is(n, "head") || h_is(n, "html"))
			for (k = n->children; k && !doc->head_title; k = k->next)
				h_head_title(doc, k);
	}
}

static void h_silent(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

int doc_html_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e)
{
	const char *enc = h_charset(buf, len);
	htmlDocPtr h;
	xmlNode *root, *body = NULL, *k;
	struct hctx c;

	xmlSetStructuredErrorFunc(NULL, h_silent);
	if (len > INT32_MAX)
		return err_set(e, ERR_INPUT, "cannot import '%s': the page is too large", name);
	h = htmlReadMemory(buf, (int)len, NULL, enc,
			   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			   HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT);
	if (!h)
		return err_set(e, ERR_INPUT, "cannot import '%s': it does not read as a web page (%s); "
			       "save the page again from the browser", name, enc);
	root = xmlDocGetRootElement(h);
	if (root && h_is(root, "body"))
		body = root;
	for (k = root ? root->children : NULL; k && !body; k = k->next)
		if (k->type == XML_ELEMENT_NODE && h_is(k, "body"))
			body = k;
	if (!body && root && !h_is(root, "html"))
		body = root;   /* a fragment: <div>… with no <html> around it */
	for (k = root && !body ? root->children : NULL; k && !body; k = k->next)
		if (k->type == XML_ELEMENT_NODE && !h_is(k, "head"))
			body = root;   /* <html><p>… with no <body> tag */
	memset(&c, 0, sizeof c);
	c.doc = doc;
	h_head_title(doc, root);
	if (body) {
		/* a fragment's siblings of the first element are the page too */
		h_walk(&c, body == root && !h_is(root, "html") ? root : body->children, 0);
		h_flush(&c);
	}
	sb_release(&c.para);
	xmlFreeDoc(h);
	if (!body)
		return err_set(e, ERR_INPUT, "cannot import '%s': the web page has no body, only its head; "
			       "save the whole page (\"Webpage, complete\" or \"HTML only\") and import that",
			       name);
	if (!doc->nblocks)
		return err_set(e, ERR_INPUT, "cannot import '%s': the web page shows no text (its body is "
			       "empty or only scripts); save the page after it has loaded, or copy its text "
			       "into a .txt file", name);
	return 0;
}
