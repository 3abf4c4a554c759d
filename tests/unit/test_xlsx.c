/* The XLSX reader on workbooks saved by the programs offices use: Excel for
 * Windows and for Mac, WPS Office and Google Sheets. They are public files
 * kept beside the project, not in it: the shared examples' xlsx-saved folder
 * (DUBAN_XLSX_SAVED, by default ../shared/examples/xlsx-saved), whose README
 * names where each comes from; without it this test says so and reads none.
 * Every expected cell below was read off LibreOffice's view of the same
 * workbook, not off duban's output;
 * where duban differs from that view on purpose (ISO dates, numbers in General
 * format, a merged range's value carried down) the check says so. */
#include <stdlib.h>
#include <sys/stat.h>

#include "src/util.h"
#include "src/xlsx.h"
#include "tests/unit/test.h"
#include "tests/unit/fixture.h"
#include "src/banned.h"

/* The folder of the saved workbooks, into DIR. */
static void saved_dir(struct strbuf *dir)
{
	const char *d = getenv("DUBAN_XLSX_SAVED");

	if (d)
		sb_adds(dir, d);
	else
		sb_addf(dir, "%s/../shared/examples/xlsx-saved", fixture_src());
}

/* Read NAME of the saved workbooks into *BOOK; 0 on success. */
static int saved_read(const char *name, struct xlsx_book *book)
{
	struct strbuf path = STRBUF_INIT;
	struct err e = { 0, "" };
	char *buf = NULL;
	size_t len = 0;
	int rc;

	saved_dir(&path);
	sb_addf(&path, "/%s", name);
	rc = util_read_file(sb_str(&path), 16 << 20, &buf, &len, &e);
	if (rc == 0)
		rc = xlsx_read(buf, len, name, book, &e);
	if (rc != 0)
		printf("  %s: %s\n", name, e.msg);
	free(buf);
	sb_release(&path);
	return rc;
}

/* The sheet named NAME, NULL if none. */
static const struct xlsx_sheet *sheet_named(const struct xlsx_book *b, const char *name)
{
	for (size_t i = 0; i < b->nsheets; i++)
		if (!strcmp(b->sheets[i].name, name))
			return &b->sheets[i];
	return NULL;
}

/* The text at REF ("B11") of SHEET, "" when there is no such cell, "(no
 * sheet)" when SHEET is NULL. */
static const char *at(const struct xlsx_sheet *sh, const char *ref)
{
	int row = 0, col = xlsx_ref_col(ref, &row);

	if (!sh)
		return "(no sheet)";
	for (size_t i = 0; i < sh->nrows; i++)
		if (sh->rows[i].row == row)
			return xlsx_cell_text(&sh->rows[i], col);
	return "";
}

/* The number of cells with text in SHEET. */
static size_t cells_with_text(const struct xlsx_sheet *sh)
{
	size_t n = 0;

	for (size_t i = 0; sh && i < sh->nrows; i++)
		for (size_t c = 0; c < sh->rows[i].ncells; c++)
			n += sh->rows[i].cells[c].text[0] != '\0';
	return n;
}

/* WPS Office 个人版: shared strings, blank rows between, a cell in column C. */
TEST(wps_saved)
{
	struct xlsx_book b;

	if (saved_read("wpsBlankLineTest.xlsx", &b) != 0) {
		CHECK(!"read");
		return;
	}
	CHECK_INT(b.nsheets, 1);
	const struct xlsx_sheet *sh = sheet_named(&b, "Sheet1");
	CHECK_STR(at(sh, "A1"), "编号");
	CHECK_STR(at(sh, "A3"), "编号");
	CHECK_STR(at(sh, "C5"), "编号");
	CHECK_STR(at(sh, "A2"), "");
	CHECK_STR(at(sh, "A5"), "");
	CHECK_INT(cells_with_text(sh), 3);
	xlsx_book_release(&b);
}

/* Excel 2011 for Mac: a sheet named in Chinese, a theme, shared strings. */
TEST(mac_excel_saved)
{
	struct xlsx_book b;

	if (saved_read("macExcelTest.xlsx", &b) != 0) {
		CHECK(!"read");
		return;
	}
	CHECK_INT(b.nsheets, 1);
	const struct xlsx_sheet *sh = sheet_named(&b, "普通技能");
	CHECK_STR(at(sh, "A1"), "编号");
	CHECK_INT(cells_with_text(sh), 1);
	xlsx_book_release(&b);
}

/* Excel 2008 for Mac, in the 1904 date system: every kind of cell. */
TEST(excel_cell_types)
{
	struct xlsx_book b;

	if (saved_read("testcelltypes.xlsx", &b) != 0) {
		CHECK(!"read");
		return;
	}
	const struct xlsx_sheet *sh = sheet_named(&b, "Sheet1");
	CHECK_STR(at(sh, "A1"), "hello world");
	CHECK_STR(at(sh, "A2"), "日本語");
	CHECK_STR(at(sh, "A3"), "12345");
	CHECK_STR(at(sh, "A4"), "1.024");
	/* serial 40543 in the 1904 system; LibreOffice shows 1/1/2015 */
	CHECK_STR(at(sh, "A5"), "2015-01-01");
	CHECK_STR(at(sh, "A6"), "TRUE");
	CHECK_STR(at(sh, "A7"), "30");        /* =10+20, its cached value */
	CHECK_STR(at(sh, "A8"), "#DIV/0!");   /* =10/0 */
	CHECK_STR(at(sh, "B7"), "formula");
	if (sh && sh->nrows >= 7 && sh->rows[6].ncells >= 1)
		CHECK_STR(sh->rows[6].cells[0].formula, "10+20");
	else
		CHECK(!"row 7 has its cells");
	xlsx_book_release(&b);
}

/* Excel for Windows: three sheets, two of them empty, German names. */
TEST(excel_three_sheets)
{
	struct xlsx_book b;

	if (saved_read("testfile.xlsx", &b) != 0) {
		CHECK(!"read");
		return;
	}
	CHECK_INT(b.nsheets, 3);
	if (b.nsheets == 3) {
		CHECK_STR(b.sheets[0].name, "Tabelle1");
		CHECK_STR(b.sheets[2].name, "Tabelle3");
	}
	const struct xlsx_sheet *sh = sheet_named(&b, "Tabelle1");
	CHECK_STR(at(sh, "A1"), "Foo");
	CHECK_STR(at(sh, "B2"), "Quuk");
	CHECK_INT(cells_with_text(sh), 4);
	CHECK_INT(cells_with_text(sheet_named(&b, "Tabelle2")), 0);
	xlsx_book_release(&b);
}

/* Excel 2007: inline strings in rich-text runs, formatted numbers, merged
 * ranges. LibreOffice shows the numbers in their formats (3,599,619, $16,751.59,
 * 48%); duban gives the number itself, as Excel's General format would. */
TEST(excel_inline_rich_text)
{
	struct xlsx_book b;

	if (saved_read("inlineStrings.xlsx", &b) != 0) {
		CHECK(!"read");
		return;
	}
	const struct xlsx_sheet *sh = sheet_named(&b, "Activity by Day");
	CHECK_STR(at(sh, "B1"), "HL Retail - North America - Activity by Day - MTD");
	CHECK_STR(at(sh, "B2"), "Advertiser: Malformed Industries");   /* two runs */
	CHECK_STR(at(sh, "B3"), "Campaign: Example malformed data.");
	/* B3:G4 is merged: LibreOffice shows B4 empty; duban carries the value
	 * down, as a task table's merged 牵头单位 cell means */
	CHECK_STR(at(sh, "B4"), "Campaign: Example malformed data.");
	CHECK_STR(at(sh, "B10"), "Date");
	CHECK_STR(at(sh, "K10"), "ROAS");
	CHECK_STR(at(sh, "B11"), "06/25/16");                           /* a string */
	CHECK_STR(at(sh, "D11"), "3599619");
	CHECK_STR(at(sh, "J11"), "16751.59");
	CHECK_STR(at(sh, "L11"), "*");
	CHECK_STR(at(sh, "B36"), "Total");
	xlsx_book_release(&b);
}

/* Google Sheets' download as .xlsx: no docProps, a drawing. */
TEST(google_sheets_saved)
{
	struct xlsx_book b;

	if (saved_read("googleDocsTest.xlsx", &b) != 0) {
		CHECK(!"read");
		return;
	}
	const struct xlsx_sheet *sh = sheet_named(&b, "Sheet1");
	CHECK_STR(at(sh, "A1"), "This is a test spreadsheet");
	CHECK_STR(at(sh, "B2"), "hello hello");
	CHECK_INT(cells_with_text(sh), 4);
	xlsx_book_release(&b);
}

int main(void)
{
	struct strbuf dir = STRBUF_INIT;
	struct stat st;
	int here;

	saved_dir(&dir);
	here = stat(sb_str(&dir), &st) == 0;
	if (!here)
		printf("  no %s: the workbooks Excel, WPS and Google Sheets saved are\n"
		       "  not beside the project here; none was read\n", sb_str(&dir));
	sb_release(&dir);
	if (!here)
		return 0;
	RUN(wps_saved);
	RUN(mac_excel_saved);
	RUN(excel_cell_types);
	RUN(excel_three_sheets);
	RUN(excel_inline_rich_text);
	RUN(google_sheets_saved);
	TEST_END();
}
