# The command line's room (src/cli/, issue 11): the man page's synopsis is the
# one the verbs' entries give, help and --help agree, no link-level cycle in
# src/, and banned.h is included last everywhere and bites.
. "$(dirname "$0")/../lib.sh"

# The man page's item heads are exactly `duban help --synopsis`.
duban help --synopsis
expect_rc "help --synopsis exits 0" 0
expect_out "the synopsis has record's head" ".It Cm record Ar task-id Oo Fl \\-status Ar status Oc"
want=$(grep '^\.It Cm ' "$SRC/man/duban.1")
expect_eq "man/duban.1's command heads are the entries' synopsis (update man/duban.1 from 'duban help --synopsis')" \
	"$want" "$OUT"

# Every verb's help is the same by both roads and starts with its usage.
duban --help
verbs=$(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z]*\) .*/\1/p')
expect_out "--help lists record" "  record "
expect_no_out "--help hides the completion verb" "__complete"
n=0
for v in $verbs; do
	n=$((n + 1))
	duban help "$v"
	a=$OUT
	duban "$v" --help
	expect_eq "help $v and $v --help say the same" "$OUT" "$a"
	case "$a" in "usage: duban $v"*) ok "help $v starts with its usage";; *) fail "help $v starts with its usage" "$a";; esac
done
[ "$n" -ge 17 ] && ok "--help lists $n verbs" || fail "--help lists at least 17 verbs" "$n: $verbs"

# A usage error names the verb's usage and creates no database.
rm -f "$DUBAN_DB"
duban record 2024-1 --status nonsense
expect_rc "a bad --status is a usage error" 2
expect_err "the usage error shows the usage" "usage: duban record TASK-ID [--status STATUS]"
[ ! -e "$DUBAN_DB" ] && ok "a usage error creates no database" || fail "a usage error creates no database"
duban record 2024-1
expect_err "a missing --status is named" "give the status with --status STATUS"

# No link-level cycle between the files of src/, store/ and ui/
# (tests/tools/cycles.sh). The tool finds a cycle it is shown: two objects that
# use each other.
build=$(dirname "$DUBAN")
if command -v nm >/dev/null 2>&1 && [ -f "$build/src/cli/cli.o" ]; then
	out=$(sh "$SRC/tests/tools/cycles.sh" "$build" src src/cli 2>&1)
	expect_eq "no link-level cycle in src/ and src/cli/" "$out" "no cycles"
	out=$(sh "$SRC/tests/tools/cycles.sh" "$build" store 2>&1)
	expect_eq "no link-level cycle in store/" "$out" "no cycles"
	out=$(sh "$SRC/tests/tools/cycles.sh" "$build" ui 2>&1)
	expect_eq "no link-level cycle in ui/" "$out" "no cycles"
	out=$(sh "$SRC/tests/tools/cycles.sh" "$build" src src/cli store ui 2>&1)
	expect_eq "no link-level cycle across src/, store/ and ui/" "$out" "no cycles"
	mkdir -p "$TMP/cyc/x"
	printf 'int b(void);\nint a(void) { return b(); }\n' >"$TMP/cyc/a.c"
	printf 'int a(void);\nint b(void) { return a(); }\n' >"$TMP/cyc/b.c"
	printf 'int a(void);\nint c(void) { return a(); }\n' >"$TMP/cyc/c.c"
	for f in a b c; do cc -c "$TMP/cyc/$f.c" -o "$TMP/cyc/x/$f.o"; done
	out=$(sh "$SRC/tests/tools/cycles.sh" "$TMP/cyc" x 2>&1)
	expect_eq "cycles.sh finds a cycle it is shown (a.c and b.c, not c.c)" "$out" "cycle: x/a.c <-> x/b.c"
else
	fail "nm and the objects in $build are there for the cycle check"
fi

# banned.h: the last #include of every .c file of src/, store/ and ui/.
missing="" count=0
for f in "$SRC"/src/*.c "$SRC"/src/cli/*.c "$SRC"/store/*.c "$SRC"/ui/*.c; do
	count=$((count + 1))
	last=$(grep '^#include' "$f" | tail -1)
	[ "$last" = '#include "src/banned.h"' ] || missing="$missing ${f#"$SRC"/}"
done
[ "$count" -ge 50 ] && ok "banned.h check read $count files" || fail "banned.h check read at least 50 files" "$count"
expect_eq "every .c file includes src/banned.h last" "$missing" ""
cc=${CC:-cc}
printf '#include <stdio.h>\n#include <string.h>\n#include "src/banned.h"\nvoid f(char *d);\nvoid f(char *d) { snprintf(d, 4, "%%s", "x"); }\n' >"$TMP/good.c"
"$cc" -std=c11 -I"$SRC" -c "$TMP/good.c" -o "$TMP/good.o" 2>"$TMP/cc.err" &&
	ok "snprintf compiles with banned.h" || fail "snprintf compiles with banned.h" "$(cat "$TMP/cc.err")"
for call in 'strcpy(d, "x")' 'sprintf(d, "x")' 'strcat(d, "x")' 'strncpy(d, "x", 1)' \
	'strtok(d, ",")' 'localtime(0)' 'gmtime(0)' 'ctime(0)' 'asctime(0)' 'mktemp(d)'; do
	printf '#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <time.h>\n#include "src/banned.h"\nvoid f(char *d);\nvoid f(char *d) { (void)%s; }\n' "$call" >"$TMP/bad.c"
	if "$cc" -std=c11 -D_DEFAULT_SOURCE -I"$SRC" -c "$TMP/bad.c" -o "$TMP/bad.o" 2>"$TMP/cc.err"; then
		fail "banned.h refuses ${call%%(*}" "it compiled"
	elif grep -q "sorry_${call%%(*}_is_a_banned_function" "$TMP/cc.err"; then
		ok "banned.h refuses ${call%%(*}"
	else
		fail "banned.h refuses ${call%%(*} by name" "$(head -3 "$TMP/cc.err")"
	fi
done
