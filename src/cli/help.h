/* The general help and the man page's synopsis, from the verbs' entries. */
#ifndef DUBAN_CLI_HELP_H
#define DUBAN_CLI_HELP_H

#include <stdio.h>

struct cli_verb;

/* The general help: the verbs VERBS (NULL-ended) with their summaries, the
 * global options and the exit statuses. */
void cli_help_all(FILE *f, const struct cli_verb *const *verbs);

/* The head of each verb's item in man/duban.1's COMMANDS list (".It Cm ..."),
 * one line per form of its usage, in the order of VERBS. */
void cli_synopsis(FILE *f, const struct cli_verb *const *verbs);

#endif
