/* Word files (.docx, also WPS's): the ZIP container through src/zipread.c,
 * the XML through libxml2 (no DTD, no entities, no network: a part that
 * declares a DOCTYPE is refused). Paragraphs carry the number Word draws for
 * them (numbering.xml: 1. （一） 一、 …), headings their level, tables come
 * out as rows (merged cells repeated down, spanned cells empty); deleted
 * revisions, hidden runs, field codes and text boxes are left out. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <stdint.h>

#include "src/doc_readers.h"
#include "src/zipread.h"
#include "src/banned.h"

#define DOCX_LEVELS 9
#define DOCX_CELLS_MAX 512

struct dlvl {
	int start;
	char fmt[32];       /* numFmt: decimal, chineseCounting, ... */
	char text[64];      /* lvlText: "%1." "（%1）" */
	int legal;          /* isLgl: every level in decimal */
	int restart;        /* lvlRestart: -1 after any higher level, 0 never, N after level N */
};

struct dabs {
	int id;
	struct dlvl lvl[DOCX_LEVELS];
	int count[DOCX_LEVELS];  /* the running counters */
	int used[DOCX_LEVELS];
};

struct dnum {
	int id, abs;
	int override[DOCX_LEVELS];  /* startOverride + 1, 0 when none */
	int seen;
};

struct dstyle {
	char id[64];
	char based[64];
	int num, ilvl, outline;   /* -1 when unset */
	int heading;              /* 1-9 from the name "heading N", 10 for "Title" */
};

struct dctx {
	const char *name;
	struct doc *doc;
	struct dabs *abs; size_t nabs, capabs;
	struct dnum *num; size_t nnum, capnum;
	struct dstyle *sty; size_t nsty, capsty;
};

static void d_silent(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static int d_refuse_dtd(const char *part, const char *buf, size_t len, struct dctx *c,
			struct err *e)
{
	static const char dt[] = "<!DOCTYPE";
	size_t i;

	for (i = 0; i + sizeof dt - 1 <= len; i++)
		if (buf[i] == '<' && !memcmp(buf + i, dt, sizeof dt - 1))
			return err_set(e, ERR_INPUT, "cannot import '%s': its part '%s' declares a DOCTYPE, "
				       "which no Word or Excel file does; it is refused", c->name, part);
	return 0;
}

static int d_xml_options(void)
{
	return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
	       XML_PARSE_COMPACT;
}

static int d_attr_int(xmlNode *n, const char *attr, int dflt)
{
	xmlChar *v = NULL;
	xmlAttr *a;
	int r = dflt;

	for (a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, attr)) {
			v = xmlNodeGetContent((xmlNode *)a);
			break;
		}
	if (v) {
		char *end;
		long x = strtol((const char *)v, &end, 10);
		if (end != (char *)v && x > -100000 && x < 100000)
			r = (int)x;
		xmlFree(v);
	}
	return r;
}

/* The w:val (any prefix) of N into OUT. */
static void d_attr_str(xmlNode *n, const char *attr, char *out, size_t cap)
{
	xmlAttr *a;

	out[0] = '\0';
	for (a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, attr)) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			if (v) {
				snprintf(out, cap, "%s", (const char *)v);
				xmlFree(v);
			}
			return;
		}
}

static xmlNode *d_child(xmlNode *n, const char *name)
{
	xmlNode *k;

	for (k = n ? n->children : NULL; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, name))
			return k;
	return NULL;
}

static void d_read_lvl(xmlNode *l, struct dlvl *v)
{
	xmlNode *k;

	for (k = l->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)k->name, "start"))
			v->start = d_attr_int(k, "val", 1);
		else if (!strcmp((const char *)k->name, "numFmt"))
			d_attr_str(k, "val", v->fmt, sizeof v->fmt);
		else if (!strcmp((const char *)k->name, "lvlText"))
			d_attr_str(k, "val", v->text, sizeof v->text);
		else if (!strcmp((const char *)k->name, "isLgl"))
			v->legal = 1;
		else if (!strcmp((const char *)k->name, "lvlRestart"))
			v->restart = d_attr_int(k, "val", -1);
	}
}

static void d_numbering(struct dctx *c, const char *buf, size_t len)
{
	xmlDoc *x = xmlReadMemory(buf, (int)len, NULL, NULL, d_xml_options());
	xmlNode *root = x ? xmlDocGetRootElement(x) : NULL, *k;

	for (k = root ? root->children : NULL; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)k->name, "abstractNum")) {
			struct dabs *a;
			xmlNode *l;
			xgrow(&c->abs, &c->capabs, c->nabs + 1, sizeof *c->abs);
			a = &c->abs[c->nabs++];
			memset(a, 0, sizeof *a);
			a->id = d_attr_int(k, "abstractNumId", -1);
			for (int i = 0; i < DOCX_LEVELS; i++) {
				a->lvl[i].start = 1;
				a->lvl[i].restart = -1;
				snprintf(a->lvl[i].fmt, sizeof a->lvl[i].fmt, "decimal");
				snprintf(a->lvl[i].text, sizeof a->lvl[i].text, "%%%d.", i + 1);
			}
			for (l = k->children; l; l = l->next) {
				int il;
				if (l->type != XML_ELEMENT_NODE || strcmp((const char *)l->name, "lvl"))
					continue;
				il = d_attr_int(l, "ilvl", -1);
				if (il >= 0 && il < DOCX_LEVELS)
					d_read_lvl(l, &a->lvl[il]);
			}
		} else if (!strcmp((const char *)k->name, "num")) {
			struct dnum *nm;
			xmlNode *l, *an = d_child(k, "abstractNumId");
			xgrow(&c->num, &c->capnum, c->nnum + 1, sizeof *c->num);
			nm = &c->num[c->nnum++];
			memset(nm, 0, sizeof *nm);
			nm->id = d_attr_int(k, "numId", -1);
			nm->abs = an ? d_attr_int(an, "val", -1) : -1;
			for (l = k->children; l; l = l->next) {
				xmlNode *so;
				int il;
				if (l->type != XML_ELEMENT_NODE || strcmp((const char *)l->name, "lvlOverride"))
					continue;
				il = d_attr_int(l, "ilvl", -1);
				so = d_child(l, "startOverride");
				if (il >= 0 && il < DOCX_LEVELS && so)
					nm->override[il] = d_attr_int(so, "val", 1) + 1;
			}
		}
	}
	xmlFreeDoc(x);
}

static void d_styles(struct dctx *c, const char *buf, size_t len)
{
	xmlDoc *x = xmlReadMemory(buf, (int)len, NULL, NULL, d_xml_options());
	xmlNode *root = x ? xmlDocGetRootElement(x) : NULL, *k;

	for (k = root ? root->children : NULL; k; k = k->next) {
		struct dstyle *s;
		xmlNode *ppr, *np, *l;
		char name[64];
		if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "style"))
			continue;
		xgrow(&c->sty, &c->capsty, c->nsty + 1, sizeof *c->sty);
		s = &c->sty[c->nsty++];
		memset(s, 0, sizeof *s);
		s->num = s->ilvl = s->outline = -1;
		d_attr_str(k, "styleId", s->id, sizeof s->id);
		l = d_child(k, "basedOn");
		if (l)
			d_attr_str(l, "val", s->based, sizeof s->based);
		l = d_child(k, "name");
		name[0] = '\0';
		if (l)
			d_attr_str(l, "val", name, sizeof name);
		for (char *p = name; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		if (!strncmp(name, "heading ", 8) && name[8] >= '1' && name[8] <= '9')
			s->heading = name[8] - '0';
		else if (!strcmp(name, "title"))
			s->heading = 10;
		ppr = d_child(k, "pPr");
		np = d_child(ppr, "numPr");
		if (np) {
			xmlNode *a = d_child(np, "numId"), *b = d_child(np, "ilvl");
			s->num = a ? d_attr_int(a, "val", -1) : -1;
			s->ilvl = b ? d_attr_int(b, "val", 0) : 0;
		}
		l = d_child(ppr, "outlineLvl");
		if (l)
			s->outline = d_attr_int(l, "val", -1);
	}
	xmlFreeDoc(x);
}

static const struct dstyle *d_style(const struct dctx *c, const char *id)
{
	size_t i;

	for (i = 0; id[0] && i < c->nsty; i++)
		if (!strcmp(c->sty[i].id, id))
			return &c->sty[i];
	return NULL;
}

/* ---- numbers as Word draws them --------------------------------------- */

static void d_zh(struct strbuf *sb, int n, int legal_caps)
{
	static const char *const small[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	static const char *const caps[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
	const char *const *d = legal_caps ? caps : small;
	const char *ten = legal_caps ? "拾" : "十", *hundred = legal_caps ? "佰" : "百";

	if (n <= 0 || n > 999) {
		sb_addf(sb, "%d", n);
		return;
	}
	if (n >= 100) {
		sb_adds(sb, d[n / 100]);
		sb_adds(sb, hundred);
		n %= 100;
		if (!n)
			return;
		if (n < 10) {
			sb_adds(sb, d[0]);
			sb_adds(sb, d[n]);
			return;
		}
		sb_adds(sb, d[n / 10]);
		sb_adds(sb, ten);
		if (n % 10)
			sb_adds(sb, d[n % 10]);
		return;
	}
	if (n >= 10) {
		if (n >= 20)
			sb_adds(sb, d[n / 10]);
		sb_adds(sb, ten);
		if (n % 10)
			sb_adds(sb, d[n % 10]);
		return;
	}
	sb_adds(sb, d[n]);
}

static void d_format(struct strbuf *sb, const char *fmt, int n, int legal)
{
	if (legal || !strcmp(fmt, "decimal") || !fmt[0]) {
		sb_addf(sb, "%d", n);
	} else if (!strcmp(fmt, "decimalZero")) {
		sb_addf(sb, "%02d", n);
	} else if (!strcmp(fmt, "decimalFullWidth") || !strcmp(fmt, "decimalFullWidth2")) {
		char tmp[16];
		snprintf(tmp, sizeof tmp, "%d", n);
		for (char *p = tmp; *p; p++)
			sb_addf(sb, "\xEF\xBC%c", (char)(0x90 + (*p - '0')));
	} else if (!strcmp(fmt, "chineseCounting") || !strcmp(fmt, "chineseCountingThousand") ||
		   !strcmp(fmt, "japaneseCounting") || !strcmp(fmt, "taiwaneseCounting") ||
		   !strcmp(fmt, "taiwaneseCountingThousand") || !strcmp(fmt, "ideographDigital")) {
		d_zh(sb, n, 0);
	} else if (!strcmp(fmt, "chineseLegalSimplified")) {
		d_zh(sb, n, 1);
	} else if (!strcmp(fmt, "ideographTraditional")) {
		static const char *const g[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
		sb_adds(sb, n >= 1 && n <= 10 ? g[n - 1] : "?");
	} else if (!strncmp(fmt, "decimalEnclosedCircle", 21)) {
		if (n >= 1 && n <= 20) {
			/* U+2460.. */
			unsigned cp = 0x2460 + (unsigned)(n - 1);
			sb_addc(sb, (char)(0xE0 | (cp >> 12)));
			sb_addc(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
			sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
		} else {
			sb_addf(sb, "%d", n);
		}
	} else if (!strcmp(fmt, "lowerLetter") || !strcmp(fmt, "upperLetter")) {
		char base = fmt[0] == 'l' ? 'a' : 'A';
		int reps = (n - 1) / 26 + 1;
		for (int i = 0; i < reps && i < 10; i++)
			sb_addc(sb, (char)(base + (n - 1) % 26));
	} else if (!strcmp(fmt, "lowerRoman") || !strcmp(fmt, "upperRoman")) {
		static const struct { int v; const char *s; } r[] = {
			{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
			{ 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" }
		};
		int up = fmt[0] == 'u';
		for (size_t i = 0; i < sizeof r / sizeof r[0] && n > 0 && n < 4000; i++)
			while (n >= r[i].v) {
				for (const char *p = r[i].s; *p; p++)
					sb_addc(sb, (char)(up ? *p - 32 : *p));
				n -= r[i].v;
			}
	} else {
		sb_addf(sb, "%d", n);
	}
}

/* The label Word draws before a paragraph of list NUMID at level ILVL, and
 * the counters moved on; "" for bullets and unknown lists. */
static void d_label(struct dctx *c, int numid, int ilvl, struct strbuf *out)
{
	struct dnum *nm = NULL;
	struct dabs *a = NULL;
	size_t i;
	const char *p;

	if (ilvl < 0 || ilvl >= DOCX_LEVELS)
		return;
	for (i = 0; i < c->nnum && !nm; i++)
		if (c->num[i].id == numid)
			nm = &c->num[i];
	for (i = 0; nm && i < c->nabs && !a; i++)
		if (c->abs[i].id == nm->abs)
			a = &c->abs[i];
	if (!a || !strcmp(a->lvl[ilvl].fmt, "bullet") || !strcmp(a->lvl[ilvl].fmt, "none"))
		return;
	if (!nm->seen) {
		/* a list instance that restarts its numbering */
		nm->seen = 1;
		for (int l = 0; l < DOCX_LEVELS; l++)
			if (nm->override[l]) {
				a->count[l] = nm->override[l] - 2;
				a->used[l] = 1;
			}
	}
	if (!a->used[ilvl]) {
		a->count[ilvl] = a->lvl[ilvl].start - 1;
		a->used[ilvl] = 1;
	}
	a->count[ilvl]++;
	/* deeper levels start again, unless lvlRestart says otherwise */
	for (int l = ilvl + 1; l < DOCX_LEVELS; l++)
		if (a->lvl[l].restart < 0 || (a->lvl[l].restart > 0 && ilvl < a->lvl[l].restart))
			a->used[l] = 0;
	for (p = a->lvl[ilvl].text; *p; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			int l = p[1] - '1';
			int v = a->used[l] ? a->count[l] : a->lvl[l].start;
			d_format(out, a->lvl[l].fmt, v, a->lvl[ilvl].legal);
			p++;
		} else {
			sb_addc(out, *p);
		}
	}
}

/* ---- document.xml --------------------------------------------------------- */

struct dpara {
	struct strbuf text;
	char style[64];
	int numid, ilvl, outline;
	int has_num;
};

struct drow {
	char *cells[DOCX_CELLS_MAX];
	int merge[DOCX_CELLS_MAX];  /* vMerge continue */
	size_t n;
};

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* The w:val attribute of the current element, whatever its prefix. */
static xmlChar *d_val(xmlTextReaderPtr r)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)"val", (const xmlChar *)W_NS);

	return v ? v : xmlTextReaderGetAttribute(r, (const xmlChar *)"w:val");
}

static int d_on(xmlTextReaderPtr r)
{
	xmlChar *v = d_val(r);
	int on = 1;

	if (v) {
		on = !(!strcmp((const char *)v, "0") || !strcmp((const char *)v, "false") ||
		       !strcmp((const char *)v, "off"));
		xmlFree(v);
	}
	return on;
}

static int d_val_int(xmlTextReaderPtr r, int dflt)
{
	xmlChar *v = d_val(r);
	int x = dflt;

	if (v) {
		x = (int)strtol((const char *)v, NULL, 10);
		xmlFree(v);
	}
	return x;
}

/* Finish paragraph P: its label and text, into the cell or the document. */
static void d_para_end(struct dctx *c, struct dpara *p, struct strbuf *cell, int where)
{
	struct strbuf full = STRBUF_INIT;
	const struct dstyle *s = d_style(c, p->style);
	int numid = p->numid, ilvl = p->ilvl, level = 0, hops = 0;
	const struct dstyle *base = s;

	while (base && !p->has_num && base->num < 0 && base->based[0] && hops++ < 8)
		base = d_style(c, base->based);
	if (!p->has_num && base && base->num >= 0) {
		numid = base->num;
		ilvl = base->ilvl;
	}
	if ((p->has_num || (base && base->num >= 0)) && numid > 0)
		d_label(c, numid, ilvl, &full);
	sb_add(&full, p->text.buf ? p->text.buf : "", p->text.len);
	if (p->outline >= 0 && p->outline < 9)
		level = p->outline + 1;
	else if (s && s->outline >= 0 && s->outline < 9)
		level = s->outline + 1;
	else if (s && s->heading)
		level = s->heading > 6 ? 1 : s->heading;
	if (cell) {
		if (cell->len && full.len)
			sb_addc(cell, '\n');
		sb_add(cell, full.buf ? full.buf : "", full.len);
	} else {
		doc_add_para(c->doc, full.buf ? full.buf : "", full.len, level, where);
	}
	sb_release(&full);
	sb_reset(&p->text);
}

static int d_body(struct dctx *c, const char *buf, size_t len, struct err *e)
{
	xmlTextReaderPtr r = xmlReaderForMemory(buf, (int)len, NULL, NULL, d_xml_options());
	struct dpara para;
	struct drow row, prev;
	struct strbuf cell = STRBUF_INIT;
	int rc, tbl = 0, in_p = 0, in_r = 0, in_ppr = 0, in_numpr = 0, hidden = 0, skip = 0;
	int in_t = 0, cell_open = 0, table_no = -1, nparas = 0, rowno = 0, vmerge = 0, span = 1;
	size_t i;

	if (!r)
		return err_set(e, ERR_INPUT, "cannot import '%s': its text (word/document.xml) cannot be read",
			       c->name);
	memset(&para, 0, sizeof para);
	memset(&row, 0, sizeof row);
	memset(&prev, 0, sizeof prev);
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		int empty = xmlTextReaderIsEmptyElement(r);

		if (skip) {
			/* inside what is left out: deleted text, field codes, text boxes */
			if (type == XML_READER_TYPE_ELEMENT && !empty && (!strcmp(ln, "del") ||
			    !strcmp(ln, "txbxContent") || !strcmp(ln, "Fallback")))
				skip++;
			else if (type == XML_READER_TYPE_END_ELEMENT && (!strcmp(ln, "del") ||
				 !strcmp(ln, "txbxContent") || !strcmp(ln, "Fallback")))
				skip--;
			continue;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			if (!strcmp(ln, "del") || !strcmp(ln, "txbxContent") || !strcmp(ln, "Fallback")) {
				if (!empty)
					skip = 1;
			} else if (!strcmp(ln, "tbl")) {
				if (!empty && ++tbl == 1) {
					table_no = c->doc->ntables++;
					rowno = 0;
					for (i = 0; i < prev.n; i++)
						free(prev.cells[i]);
					prev.n = 0;
				}
			} else if (!strcmp(ln, "tr") && tbl == 1) {
				row.n = 0;
			} else if (!strcmp(ln, "tc") && tbl == 1) {
				cell_open = 1;
				vmerge = 0;
				span = 1;
				sb_reset(&cell);
			} else if (!strcmp(ln, "gridSpan") && tbl == 1 && cell_open) {
				span = d_val_int(r, 1);
				if (span < 1 || span > 64)
					span = 1;
			} else if (!strcmp(ln, "vMerge") && tbl == 1 && cell_open) {
				xmlChar *v = d_val(r);
				vmerge = !v || strcmp((const char *)v, "restart");
				if (v)
					xmlFree(v);
			} else if (!strcmp(ln, "p")) {
				in_p = 1;
				para.style[0] = '\0';
				para.numid = para.ilvl = 0;
				para.outline = -1;
				para.has_num = 0;
				sb_reset(&para.text);
			} else if (!strcmp(ln, "pPr") && in_p && !empty) {
				in_ppr = 1;
			} else if (in_ppr && !strcmp(ln, "pStyle")) {
				xmlChar *v = d_val(r);
				if (v) {
					snprintf(para.style, sizeof para.style, "%s", (const char *)v);
					xmlFree(v);
				}
			} else if (in_ppr && !strcmp(ln, "numPr") && !empty) {
				in_numpr = 1;
				para.has_num = 1;
			} else if (in_numpr && !strcmp(ln, "numId")) {
				para.numid = d_val_int(r, 0);
			} else if (in_numpr && !strcmp(ln, "ilvl")) {
				para.ilvl = d_val_int(r, 0);
			} else if (in_ppr && !strcmp(ln, "outlineLvl")) {
				para.outline = d_val_int(r, -1);
			} else if (!strcmp(ln, "r")) {
				in_r = !empty;
				hidden = 0;
			} else if (in_r && (!strcmp(ln, "vanish") || !strcmp(ln, "webHidden"))) {
				hidden = d_on(r);
			} else if (!strcmp(ln, "t") && in_p) {
				in_t = !empty;
			} else if (in_p && !hidden && !in_ppr && (!strcmp(ln, "tab") || !strcmp(ln, "ptab"))) {
				sb_addc(&para.text, '\t');
			} else if (in_p && !hidden && !in_ppr && (!strcmp(ln, "br") || !strcmp(ln, "cr"))) {
				sb_addc(&para.text, '\n');
			} else if (in_p && !hidden && !strcmp(ln, "noBreakHyphen")) {
				sb_addc(&para.text, '-');
			}
			continue;
		}
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			if (in_t && !hidden) {
				const char *v = (const char *)xmlTextReaderConstValue(r);
				if (v)
					sb_adds(&para.text, v);
			}
			continue;
		}
		if (type != XML_READER_TYPE_END_ELEMENT)
			continue;
		if (!strcmp(ln, "t")) {
			in_t = 0;
		} else if (!strcmp(ln, "r")) {
			in_r = 0;
			hidden = 0;
		} else if (!strcmp(ln, "numPr")) {
			in_numpr = 0;
		} else if (!strcmp(ln, "pPr")) {
			in_ppr = 0;
		} else if (!strcmp(ln, "p") && in_p) {
			in_p = 0;
			if (tbl >= 1 && cell_open)
				d_para_end(c, &para, &cell, 0);
			else
				d_para_end(c, &para, NULL, ++nparas);
		} else if (!strcmp(ln, "tc") && tbl == 1 && cell_open) {
			size_t col = row.n;
			cell_open = 0;
			if (row.n < DOCX_CELLS_MAX) {
				/* a vertical merge goes on with the text above */
				row.cells[row.n] = xstrdup(vmerge && col < prev.n ? prev.cells[col] : sb_str(&cell));
				row.merge[row.n] = vmerge;
				row.n++;
			}
			for (int s = 1; s < span && row.n < DOCX_CELLS_MAX; s++) {
				row.cells[row.n] = xstrdup(vmerge && row.n < prev.n ? prev.cells[row.n] : "");
				row.merge[row.n] = vmerge;
				row.n++;
			}
		} else if (!strcmp(ln, "tr") && tbl == 1) {
			doc_add_row(c->doc, row.cells, row.n, table_no, ++rowno);
			for (i = 0; i < prev.n; i++)
				free(prev.cells[i]);
			prev = row;
			row.n = 0;
		} else if (!strcmp(ln, "tbl") && tbl > 0) {
			tbl--;
		}
	}
	xmlFreeTextReader(r);
	for (i = 0; i < prev.n; i++)
		free(prev.cells[i]);
	for (i = 0; i < row.n; i++)
		free(row.cells[i]);
	sb_release(&para.text);
	sb_release(&cell);
	if (rc < 0)
		return err_set(e, ERR_INPUT, "cannot import '%s': its text (word/document.xml) is damaged; "
			       "open it in Word or WPS and save it again", c->name);
	return 0;
}

int doc_docx_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e)
{
	struct zipread *z;
	struct dctx c;
	char *part = NULL;
	size_t plen;
	int rc;

	xmlSetStructuredErrorFunc(NULL, d_silent);
	memset(&c, 0, sizeof c);
	c.name = name;
	c.doc = doc;
	if ((rc = zipread_open(buf, len, name, &z, e)))
		return rc;
	if (zipread_has(z, "word/numbering.xml")) {
		if ((rc = zipread_get(z, "word/numbering.xml", &part, &plen, e)) ||
		    (rc = d_refuse_dtd("word/numbering.xml", part, plen, &c, e)))
			goto out;
		d_numbering(&c, part, plen);
		free(part);
		part = NULL;
	}
	if (zipread_has(z, "word/styles.xml")) {
		if ((rc = zipread_get(z, "word/styles.xml", &part, &plen, e)) ||
		    (rc = d_refuse_dtd("word/styles.xml", part, plen, &c, e)))
			goto out;
		d_styles(&c, part, plen);
		free(part);
		part = NULL;
	}
	if ((rc = zipread_get(z, "word/document.xml", &part, &plen, e)))
		goto out;
	if ((rc = d_refuse_dtd("word/document.xml", part, plen, &c, e)))
		goto out;
	if (plen > INT32_MAX) {
		rc = err_set(e, ERR_INPUT, "cannot import '%s': its text is too large", name);
		goto out;
	}
	rc = d_body(&c, part, plen, e);
	if (!rc && !doc->nblocks)
		rc = err_set(e, ERR_INPUT, "cannot import '%s': the Word file holds no text (only pictures?); "
			     "if it is a scan, run OCR on it first", name);
out:
	free(part);
	free(c.abs);
	free(c.num);
	free(c.sty);
	zipread_close(z);
	return rc;
}
