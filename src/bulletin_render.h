/* Writing the bulletin (情况通报) that src/bulletin.c computes: a ranking
 * text to paste into a 通报, Markdown, JSON, one self-contained HTML page
 * (A4, inline SVG charts: the period by department, the year's quarters as a
 * trend) and an XLSX workbook (A4 landscape: the period, and the trend). */
#ifndef DUBAN_BULLETIN_RENDER_H
#define DUBAN_BULLETIN_RENDER_H

#include "src/bulletin.h"
#include "src/util.h"

/* The short ranking text in Chinese ("2025年第四季度（报送截止…），N个单位应报送
 * M项任务，按时报送…"), plain text, appended to SB. */
void bulletin_ranking_text(const struct bulletin *b, struct strbuf *sb);

void bulletin_md(const struct bulletin *b, struct strbuf *sb);
void bulletin_json(const struct bulletin *b, struct strbuf *sb);
void bulletin_html(const struct bulletin *b, struct strbuf *sb);
/* The workbook at PATH; -ERR_IO naming PATH when it cannot be written. */
int bulletin_xlsx(const struct bulletin *b, const char *path, struct err *e);

#endif
