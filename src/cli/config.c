/* duban config: show or change the settings (today the evidence size limit);
 * changing is the office's, which the store enforces. */
#include "src/cli/cli.h"
#include "src/util.h"
#include "src/banned.h"

static int config_check(struct cli *cli, const struct cli_args *a)
{
	if (a->argc > 0 && strcmp(a->argv[0], "evidence.max_bytes"))
		return cli_usage(cli, "unknown setting '%s': the settings are evidence.max_bytes", a->argv[0]);
	if (a->argc > 2)
		return cli_usage(cli, "give one value");
	return 0;
}

static int config_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	if (a->argc == 0) {
		printf("evidence.max_bytes = %lld\n", store_evidence_limit(cli->store));
		return 0;
	}
	if (a->argc == 1) {
		printf("%lld\n", store_evidence_limit(cli->store));
		return 0;
	}
	if (store_setting_set(cli->store, cli->login, a->argv[0], a->argv[1], &e))
		return cli_fail(&e);
	printf("%s = %s\n", a->argv[0], a->argv[1]);
	return 0;
}

const struct cli_verb cli_verb_config = {
	.name = "config",
	.usage = "config [evidence.max_bytes [BYTES]]",
	.summary = "show or change settings (office only to change)",
	.help = "",
	/* "+": options end at the first operand, so a value like -5 is a value */
	.shortopts = "+",
	.flags = CLI_STORE,
	.check = config_check,
	.run = config_run,
};
