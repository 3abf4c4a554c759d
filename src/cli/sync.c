/* duban sync: offices that cannot reach the centre keep their own databases,
 * and signed change files carry the work between them (src/sync.c: the
 * file; store/store_sync.c: what travels and how it is applied). Six
 * subcommands: init, keygen, trust, export, apply (of a change file or a
 * receipt) and status. */
#include <unistd.h>

#include "src/cli/cli.h"
#include "src/cli/write.h"
#include "src/json.h"
#include "src/sync.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

enum { OPT_SITE = 1950, OPT_TO, OPT_NEW, OPT_AGAIN };

static const char *const subs[] = { "init", "keygen", "trust", "export", "apply", "status" };

/* Print E's message escaped (it may quote a row of a file from elsewhere). */
static int fail(const struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	text_escape(&sb, e->msg[0] ? e->msg : "unknown error", 0);
	fprintf(stderr, "duban: %s\n", sb_str(&sb));
	sb_release(&sb);
	return e->code ? e->code : ERR_INTERNAL;
}

static int sync_check(struct cli *cli, const struct cli_args *a)
{
	const char *fmt = cli_arg(a, OPT_FORMAT);
	size_t i = 0, nargs;
	if (a->argc < 1)
		return cli_usage(cli, "say init, keygen, trust, export, apply or status");
	while (i < sizeof subs / sizeof *subs && strcmp(subs[i], a->argv[0]))
		i++;
	if (i == sizeof subs / sizeof *subs)
		return cli_usage(cli, "unknown subcommand '%s': use init, keygen, trust, export, apply or status",
				 a->argv[0]);
	nargs = !strcmp(a->argv[0], "trust") || !strcmp(a->argv[0], "apply") ? 2 : 1;
	if ((size_t)a->argc != nargs)
		return a->argc < (int)nargs ? cli_usage(cli, "name the %s file", !strcmp(a->argv[0], "trust") ?
							"site's public key (.pub)" : "change file or receipt")
					    : cli_usage(cli, "unexpected argument '%s'", a->argv[nargs]);
	if (!strcmp(a->argv[0], "init") && !cli_arg(a, OPT_SITE))
		return cli_usage(cli, "name the site with --site NAME (like centre, or the office's short name)");
	if (!strcmp(a->argv[0], "init") && !store_sync_name_valid(cli_arg(a, OPT_SITE)))
		return cli_usage(cli, "invalid site name '%s': 1 to 64 bytes without spaces", cli_arg(a, OPT_SITE));
	if ((!strcmp(a->argv[0], "keygen") || !strcmp(a->argv[0], "export")) && !cli_arg(a, 'o'))
		return cli_usage(cli, "name the file to write with -o FILE");
	if (!strcmp(a->argv[0], "export") && !cli_arg(a, OPT_TO))
		return cli_usage(cli, "name the site the file is for with --to SITE");
	if (fmt && strcmp(fmt, "text") && strcmp(fmt, "json"))
		return cli_usage(cli, "unknown format '%s': use text or json", fmt);
	return 0;
}

static int sync_init(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	char id[33];
	const char *name = cli_arg(a, OPT_SITE);
	int again = cli_arg(a, OPT_AGAIN) != NULL;
	if (store_sync_init(cli->store, cli->login, name, again, id, &e))
		return fail(&e);
	printf("this database is now the site '%s' (id %s)\n", name, id);
	if (again)
		printf("next: 'duban sync keygen -o %s.pub' writes its key with the new id; every site it "
		       "exchanges files with trusts that file again, and sends it everything\n", name);
	else
		printf("next: 'duban sync keygen -o %s.pub' makes its key\n", name);
	return 0;
}

static int sync_keygen_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	struct store_sync_site site;
	struct strbuf pub = STRBUF_INIT;
	char secret[65], public_hex[65];
	const char *out = cli_arg(a, 'o');
	int fresh = 0, rc;

	/* refused before a key is made, not after */
	if (cli_write_check(out, cli_arg(a, OPT_FORCE) != NULL, &e))
		return fail(&e);
	if (store_sync_site_get(cli->store, &site, &e))
		return fail(&e);
	if (!*site.public_hex || cli_arg(a, OPT_NEW)) {
		if (sync_keygen(secret, public_hex, &e) ||
		    store_sync_key_set(cli->store, cli->login, secret, public_hex, 1, &e)) {
			memset(secret, 0, sizeof secret);
			store_sync_site_release(&site);
			return fail(&e);
		}
		memset(secret, 0, sizeof secret);
		fresh = 1;
	} else {
		snprintf(public_hex, sizeof public_hex, "%s", site.public_hex);
	}
	sync_pubkey_format(&pub, site.id, site.name, public_hex);
	rc = cli_write_new(out, pub.buf, pub.len, cli_arg(a, OPT_FORCE) != NULL, &e);
	if (rc)
		rc = fail(&e);
	else if (fresh)
		printf("made the key of site '%s' (public key %.16s…) and wrote its public key to %s: give it "
		       "to the sites '%s' exchanges files with, which trust it with 'duban sync trust'\n",
		       site.name, public_hex, out, site.name);
	else
		printf("site '%s' has a key already (public key %.16s…): wrote its public key to %s again "
		       "('--new' makes a new key, which every other site must then trust)\n", site.name,
		       public_hex, out);
	store_sync_site_release(&site);
	sb_release(&pub);
	return rc;
}

static int sync_trust_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	struct sync_pubkey k;
	struct strbuf list = STRBUF_INIT;
	const char *file = a->argv[1], *dept_arg = cli_arg(a, OPT_DEPT);
	char *text = NULL, **depts = NULL;
	size_t len = 0, n = 0;
	int updated = 0, rc = 0;

	if (util_read_file(file, 4096, &text, &len, &e) || sync_pubkey_parse(text, len, file, &k, &e)) {
		free(text);
		return fail(&e);
	}
	free(text);
	if (dept_arg && (rc = cli_depts(cli, dept_arg, &depts, &n)))
		return rc;
	if (dept_arg && !n)
		return cli_usage(cli, "--dept names no department: name those the office speaks for");
	if (store_sync_trust(cli->store, cli->login, k.id, k.name, k.key, depts, n, &updated, &e)) {
		store_strv_free(depts, n);
		return fail(&e);
	}
	for (size_t i = 0; i < n; i++)
		sb_addf(&list, "%s%s", i ? "、" : "", depts[i]);
	printf("%s '%s' (id %s, key %.16s…) as %s%s\n", updated == 2 ? "trusted the site made again as" :
	       updated ? "trusted again" : "trusted", k.name, k.id,
	       k.key, n ? "an office speaking for " : "this site's centre", sb_str(&list));
	store_strv_free(depts, n);
	sb_release(&list);
	return 0;
}

/* "40 records, 3 evidence" from COUNT, or NONE. */
static void counts_text(struct strbuf *sb, const long long *count, const char *none)
{
	size_t start = sb->len;
	for (int t = 0; t < SYNC_T_COUNT; t++)
		if (count[t])
			sb_addf(sb, "%s%lld %s", sb->len > start ? ", " : "", count[t], store_sync_table_noun(t, count[t]));
	if (sb->len == start)
		sb_adds(sb, none);
}

static int sync_export_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	struct store_sync_head h;
	struct strbuf file = STRBUF_INIT, what = STRBUF_INIT;
	const char *out = cli_arg(a, 'o');
	int rc;

	if (cli_write_check(out, cli_arg(a, OPT_FORCE) != NULL, &e))
		return fail(&e);
	if (sync_export(cli->store, cli->login, cli_arg(a, OPT_TO), &file, &h, &e))
		return fail(&e);
	if ((rc = cli_write_new(out, file.buf, file.len, cli_arg(a, OPT_FORCE) != NULL, &e))) {
		sb_release(&file);
		return fail(&e);
	}
	counts_text(&what, h.count, "");
	if (strcmp(out, "-")) {
		if (h.rows)
			printf("wrote %s: file %lld for '%s', this site's links %lld to %lld: %s (%.1f KB)\n", out,
			       h.serial, h.to_name, h.first, h.last, sb_str(&what), file.len / 1024.0);
		else
			printf("wrote %s: file %lld for '%s': nothing new for it since its last receipt (link %lld); "
			       "the file acknowledges its links up to %lld\n", out, h.serial, h.to_name, h.first - 1,
			       h.ack);
		if (h.kept)
			printf("kept here: %lld review%s, lead change%s, period%s or value%s for no department "
			       "made at this site: only the centre's travel\n", h.kept, h.kept == 1 ? "" : "s",
			       h.kept == 1 ? "" : "s", h.kept == 1 ? "" : "s", h.kept == 1 ? "" : "s");
	}
	sb_release(&what);
	sb_release(&file);
	return 0;
}

/* The receipt for the sender of an applied file: to -o, or beside FILE. */
static int write_receipt(struct cli *cli, const struct cli_args *a, const char *file, const char *peer)
{
	struct err e = { 0, "" };
	struct store_sync_head h;
	struct strbuf r = STRBUF_INIT, path = STRBUF_INIT;
	const char *out = cli_arg(a, 'o'), *slash = strrchr(file, '/');
	int rc = 0;

	if (sync_receipt(cli->store, cli->login, peer, &r, &h, &e))
		return fail(&e);
	if (out) {
		sb_adds(&path, out);
		rc = cli_write_new(out, r.buf, r.len, cli_arg(a, OPT_FORCE) != NULL, &e);
	} else {
		/* named by what it says: one there already says the same, and
		 * is replaced whole (a kill cannot leave half a receipt) */
		if (slash)
			sb_add(&path, file, (size_t)(slash - file) + 1);
		sb_addf(&path, "receipt-%s-for-%s-%lld.duban", h.from_name, h.to_name, h.ack);
		rc = cli_write_new(sb_str(&path), r.buf, r.len, 1, &e);
	}
	if (rc)
		rc = fail(&e);
	else if (strcmp(sb_str(&path), "-"))
		printf("receipt written to %s: take it to '%s' and apply it there ('duban sync apply %s'), so "
		       "that its next file carries only what is new\n", sb_str(&path), h.to_name, sb_str(&path));
	sb_release(&r);
	sb_release(&path);
	return rc;
}

static int sync_apply_run(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	struct store_sync_head h;
	struct store_sync_result r;
	struct strbuf sb = STRBUF_INIT, esc = STRBUF_INIT;
	const char *file = a->argv[1];
	int dry = cli_arg(a, OPT_DRY) != NULL, rc = 0;
	long long held[SYNC_T_COUNT];
	char *buf = NULL;
	size_t len = 0;

	/* the receipt's -o is refused before the file is applied, not after */
	if (!dry && cli_write_check(cli_arg(a, 'o'), cli_arg(a, OPT_FORCE) != NULL, &e))
		return fail(&e);
	if (util_read_file(file, SYNC_FILE_MAX, &buf, &len, &e))
		return fail(&e);
	rc = sync_apply(cli->store, cli->login, file, buf, len, dry, &h, &r, &e);
	free(buf);
	if (rc)
		return fail(&e);
	switch (r.outcome) {
	case SYNC_ACKED:
		printf("%sreceipt from '%s': it holds this site's links up to %lld; the next export to it starts "
		       "at %lld\n", dry ? "would take the " : "", r.peer, r.acked, r.acked + 1);
		break;
	case SYNC_ACK_HELD:
		printf("receipt from '%s' holds nothing new (this site's links up to %lld were acknowledged "
		       "already): nothing changed\n", r.peer, r.acked);
		break;
	case SYNC_HELD:
		printf("%s holds nothing new here: file %lld from '%s' covers its links up to %lld, and this "
		       "site holds them up to %lld already; nothing changed\n", file, h.serial, r.peer, h.last,
		       r.received);
		break;
	case SYNC_APPLIED:
		for (int t = 0; t < SYNC_T_COUNT; t++)
			held[t] = r.carried[t] - r.fresh[t];
		counts_text(&sb, r.fresh, "nothing new");
		printf("%s %s, file %lld from '%s' (its links %lld to %lld): %s", dry ? "would apply" : "applied",
		       file, h.serial, r.peer, h.first, h.last, sb_str(&sb));
		sb_reset(&sb);
		counts_text(&sb, held, "");
		if (sb.len)
			printf("; held already: %s", sb_str(&sb));
		printf("\n");
		for (size_t i = 0; i < r.nnotes; i++) {
			sb_reset(&esc);
			text_escape(&esc, r.notes[i], 0);
			printf("%s\n", sb_str(&esc));
		}
		if (r.nconflicts)
			printf("%zu conflict%s: each is kept as said above, nothing was overwritten unsaid\n",
			       r.nconflicts, r.nconflicts == 1 ? "" : "s");
		if (dry)
			printf("(a dry run: nothing was written)\n");
		break;
	}
	if (!dry && (r.outcome == SYNC_APPLIED || r.outcome == SYNC_HELD))
		rc = write_receipt(cli, a, file, h.from);
	sb_release(&sb);
	sb_release(&esc);
	store_sync_result_release(&r);
	return rc;
}

/* ---- status ---- */

static void status_json(const struct store_sync_site *site, const struct store_sync_peer *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, " ");
	json_object_begin(&j, JSON_LINES);
	json_key_str(&j, "site", site->name);
	json_key_str(&j, "id", site->id);
	json_key_str(&j, "key", site->public_hex);
	json_key_int(&j, "head", site->head);
	json_key_int(&j, "files_written", site->serial);
	json_key(&j, "peers");
	json_array_begin(&j, JSON_LINES);
	for (size_t i = 0; i < n; i++) {
		const struct store_sync_peer *p = &v[i];
		json_object_begin(&j, JSON_LINES);
		json_key_str(&j, "name", p->name);
		json_key_str(&j, "id", p->id);
		json_key_str(&j, "role", p->role == SYNC_ROLE_CENTRE ? "centre" : "office");
		json_key(&j, "depts");
		json_array_begin(&j, JSON_INLINE);
		for (size_t k = 0; k < p->ndepts; k++)
			json_str(&j, p->depts[k]);
		json_end(&j);
		json_key_int(&j, "acked", p->acked);
		json_key_int(&j, "received", p->received);
		json_key(&j, "last_sent");
		json_object_begin(&j, JSON_INLINE);
		json_key_int(&j, "serial", p->out_serial);
		json_key_str(&j, "at", p->out_at);
		json_key_int(&j, "first", p->out_from);
		json_key_int(&j, "last", p->out_to);
		json_key_int(&j, "rows", p->out_rows);
		json_end(&j);
		json_key(&j, "last_received");
		json_object_begin(&j, JSON_INLINE);
		json_key_int(&j, "serial", p->in_serial);
		json_key_str(&j, "at", p->in_at);
		json_key_int(&j, "first", p->in_from);
		json_key_int(&j, "last", p->in_to);
		json_key_int(&j, "rows", p->in_rows);
		json_key_int(&j, "new", p->in_fresh);
		json_key_int(&j, "conflicts", p->in_conflicts);
		json_end(&j);
		json_key_str(&j, "last_receipt", p->receipt_at);
		json_key(&j, "unacknowledged");
		json_object_begin(&j, JSON_INLINE);
		for (int t = 0; t < SYNC_T_COUNT; t++)
			if (p->pending[t])
				json_key_int(&j, store_sync_table_name(t), p->pending[t]);
		json_end(&j);
		json_key_int(&j, "kept_here", p->kept);
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
	printf("%s\n", sb_str(&sb));
	sb_release(&sb);
}

static void status_text(const struct store_sync_site *site, const struct store_sync_peer *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	printf("site %s (id %s), key %.16s%s, %lld links, %lld files written\n", site->name, site->id,
	       *site->public_hex ? site->public_hex : "none yet", *site->public_hex ? "…" : "", site->head,
	       site->serial);
	if (!n)
		printf("no site is trusted yet: 'duban sync trust FILE.pub' trusts one\n");
	for (size_t i = 0; i < n; i++) {
		const struct store_sync_peer *p = &v[i];
		sb_reset(&sb);
		for (size_t k = 0; k < p->ndepts; k++)
			sb_addf(&sb, "%s%s", k ? "、" : "", p->depts[k]);
		printf("%s: %s%s\n", p->name, p->role == SYNC_ROLE_CENTRE ? "the centre" : "an office for ",
		       sb_str(&sb));
		if (p->out_serial)
			printf("  last sent:     file %lld at %s, links %lld to %lld (%lld rows)\n", p->out_serial,
			       p->out_at, p->out_from, p->out_to, p->out_rows);
		else
			printf("  last sent:     none\n");
		printf("  acknowledged:  this site's links up to %lld%s%s\n", p->acked,
		       *p->receipt_at ? ", last receipt at " : "", p->receipt_at);
		if (p->in_serial)
			printf("  last received: file %lld at %s, its links %lld to %lld (%lld rows, %lld new, %lld "
			       "conflict%s)\n", p->in_serial, p->in_at, p->in_from, p->in_to, p->in_rows, p->in_fresh,
			       p->in_conflicts, p->in_conflicts == 1 ? "" : "s");
		else
			printf("  last received: none\n");
		printf("  held here:     its links up to %lld\n", p->received);
		sb_reset(&sb);
		counts_text(&sb, p->pending, "nothing");
		printf("  unacknowledged: %s\n", sb_str(&sb));
		if (p->kept)
			printf("  kept here:     %lld review%s, lead change%s, period%s or value%s for no department "
			       "(only the centre's travel)\n", p->kept, p->kept == 1 ? "" : "s", p->kept == 1 ? "" : "s",
			       p->kept == 1 ? "" : "s", p->kept == 1 ? "" : "s");
	}
	sb_release(&sb);
}

static int sync_status(struct cli *cli, const struct cli_args *a)
{
	struct err e = { 0, "" };
	struct store_sync_site site;
	struct store_sync_peer *v = NULL;
	const char *fmt = cli_arg(a, OPT_FORMAT);
	size_t n = 0;
	if (store_sync_site_get(cli->store, &site, &e))
		return fail(&e);
	if (store_sync_peers(cli->store, &v, &n, &e)) {
		store_sync_site_release(&site);
		return fail(&e);
	}
	if (fmt && !strcmp(fmt, "json"))
		status_json(&site, v, n);
	else
		status_text(&site, v, n);
	store_sync_peers_free(v, n);
	store_sync_site_release(&site);
	return fflush(stdout) ? ERR_IO : 0;
}

static int sync_run(struct cli *cli, const struct cli_args *a)
{
	const char *sub = a->argv[0];
	if (!strcmp(sub, "init"))
		return sync_init(cli, a);
	if (!strcmp(sub, "keygen"))
		return sync_keygen_run(cli, a);
	if (!strcmp(sub, "trust"))
		return sync_trust_run(cli, a);
	if (!strcmp(sub, "export"))
		return sync_export_run(cli, a);
	if (!strcmp(sub, "apply"))
		return sync_apply_run(cli, a);
	return sync_status(cli, a);
}

static const struct option sync_opts[] = {
	{ "site", required_argument, NULL, OPT_SITE },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "new", no_argument, NULL, OPT_NEW },
	{ "dept", required_argument, NULL, OPT_DEPT },
	{ "to", required_argument, NULL, OPT_TO },
	{ "again", no_argument, NULL, OPT_AGAIN },
	{ "dry-run", no_argument, NULL, OPT_DRY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

const struct cli_verb cli_verb_sync = {
	.name = "sync",
	.usage = "sync init --site NAME [--again] | sync keygen -o FILE [--new] [--force] | "
		 "sync trust FILE [--dept NAME…] | sync export --to SITE -o FILE [--force] | "
		 "sync apply FILE [--dry-run] [-o RECEIPT] [--force] | sync status [--format text|json]",
	.summary = "exchange signed change files with the centre or offices off the network (office only)",
	.help = "  --site NAME          init: this database's site name (no spaces), once\n"
		"  --again              init: a new id for a site put back from a backup\n"
		"  -o, --output FILE    keygen: the public key file (NAME.pub), which trust reads;\n"
		"                       export: the change file;\n"
		"                       apply: the receipt (default: beside FILE, named by what it says)\n"
		"  --new                keygen: replace the site's key (the other sites trust the new one)\n"
		"  --dept NAME…         trust: the departments an office speaks for, like\n"
		"                       '中央宣传部、商务部' (none: the site is this site's centre)\n"
		"  --to SITE            export: the site the file is for\n"
		"  --dry-run            apply: check and say what would change, change nothing\n"
		"  --force              replace an existing -o file\n"
		"  --format FMT         status: text (default) or json\n",
	.opts = sync_opts,
	.shortopts = "o:",
	.flags = CLI_STORE,
	.check = sync_check,
	.run = sync_run,
};
