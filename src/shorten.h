/* Short forms for narrow places (the UI's tree at 80 columns): a plan by a
 * title a person recognises, a task by the words that tell it from its
 * neighbours. The full text is always shown elsewhere (the detail pane). */
#ifndef DUBAN_SHORTEN_H
#define DUBAN_SHORTEN_H

#include "src/util.h"

/* Append to OUT the short title of a plan of YEAR titled TITLE: "推进计划"
 * for an annual 推进计划 (in the title's own script: 推進計劃), "十四五规划"
 * for a five-year plan, else TITLE without its leading "YEAR年" and its
 * quotation marks. */
void shorten_plan(const char *title, int year, struct strbuf *out);
/* Append to OUT task TEXT with what every neighbour repeats taken out: the
 * "中华人民共和国" (or 中華人民共和國) that opens a law's title in 《》. */
void shorten_task(const char *text, struct strbuf *out);

#endif
