/* The list of duban's verbs and the dispatch from a verb's name. */
#ifndef DUBAN_CLI_VERBS_H
#define DUBAN_CLI_VERBS_H

#include "src/cli/cli.h"

/* Every verb, in the order the help lists them, NULL-ended. */
extern const struct cli_verb *const cli_verbs[];

/* Run the verb ARGV[0] with its arguments ARGV[1..ARGC); an unknown verb is a
 * usage error. Returns the exit status. */
int cli_main(struct cli *cli, int argc, char **argv);

#endif
