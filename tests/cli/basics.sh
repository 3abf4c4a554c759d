# Help, version, the man page, first run on a fresh machine (issue 2).
. "$(dirname "$0")/../lib.sh"

duban --version
expect_out "--version" "duban 0."
duban --help
expect_rc "--help exits 0" 0
for c in import plans depts tasks show record attach review history evidence status user config; do
	case "$OUT" in *"  $c "*) ok "--help lists $c";; *) fail "--help lists $c" "$OUT";; esac
done
duban help tasks
expect_out "help COMMAND shows its options" "--dept NAME"
duban tasks --help
expect_out "COMMAND --help shows its options" "--role ROLE"
duban help nosuch
expect_rc "help of an unknown command: exit 2" 2
duban nosuch
expect_rc "unknown command: exit 2" 2
expect_err "unknown command: says so" "no command 'nosuch'"
duban tasks --format xml
expect_rc "unknown format: exit 2" 2
expect_err "unknown format: names it" "'xml'"

# First run: the default database is created under XDG_DATA_HOME with the
# bundled plans, its folders 0700 and the file 0660.
unset DUBAN_DB
duban plans --format tsv
expect_rc "first run works" 0
expect_err "first run says it created the database" "created database"
expect_eq "first run: bundled plans" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1 | sort | tr '\n' ' ')" "2020 2024 2025 FYP14 "
[ -f "$XDG_DATA_HOME/duban/duban.db" ] && ok "database under XDG_DATA_HOME" || fail "database under XDG_DATA_HOME"
expect_eq "data folder is 0700" "$(stat -c %a "$XDG_DATA_HOME/duban")" 700
expect_eq "database file is 0660" "$(stat -c %a "$XDG_DATA_HOME/duban/duban.db")" 660
duban plans
expect_out "second run lists the plans" "2024"
expect_eq "second run creates nothing" "$ERR" ""
# -wal and -shm take the database file's mode, whatever the umask
# (another program, sqlite3, opens it while the files are there)
db="$XDG_DATA_HOME/duban/duban.db"
mods=$(umask 022; printf '.once /dev/null\nSELECT count(*) FROM plans;\n.shell stat -c %%a "%s-wal" "%s-shm"\n' "$db" "$db" |
	sqlite3 "$db" 2>&1 | tr '\n' ' ')
expect_eq "the -wal and -shm files are 0660 too" "$mods" "660 660 "

if command -v mandoc >/dev/null 2>&1; then
	lint=$(mandoc -Tlint -Wwarning "$SRC/man/duban.1" 2>&1; echo "exit $?")
	expect_eq "man page is clean under mandoc -Tlint" "$lint" "exit 0"
	mandoc -Tmarkdown "$SRC/man/duban.1" | grep -q "^# EXIT STATUS" && ok "mandoc renders the man page" ||
		fail "mandoc renders the man page"
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
		grep -q "^\.Sh $s" "$SRC/man/duban.1" && ok "man page has $s" || fail "man page has $s"
	done
else
	fail "mandoc is installed (needed to lint the man page)"
fi
# Every command in --help is in the man page.
duban --help
for c in $(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	grep -q "^\.It Cm $c" "$SRC/man/duban.1" && ok "man page documents $c" || fail "man page documents $c"
done

# One package list: the README names the Makefile's DEBS word for word,
# .ci/run installs nothing of its own, and someone who is not root is told
# the exact apt-get line for what is missing (and only that).
debs=$(sed -n '/^DEBS *=/,/[^\\]$/p' "$SRC/Makefile" | sed 's/^DEBS *=//; s/\\$//' | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')
case " $debs " in *" zlib1g-dev "*" mandoc "*) ok "DEBS has the build's and the tests' packages";;
	*) fail "DEBS has the build's and the tests' packages" "$debs";; esac
expect_eq "README names DEBS word for word" "$(grep -E '^    .* pkg-config .*' "$SRC/README.md" | sed 's/^ *//')" "$debs"
grep -q '^make test$' "$SRC/.ci/run" && grep -q '^make asan$' "$SRC/.ci/run" && ! grep -q 'apt-get install' "$SRC/.ci/run" &&
	ok ".ci/run runs make test and make asan and installs nothing itself" || fail ".ci/run installs nothing itself" "$(cat "$SRC/.ci/run")"
as_user=""
[ "$(id -u)" = 0 ] && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
deps=$($as_user sh "$SRC/.ci/deps" pkg-config duban-no-such-package 2>&1; echo "exit $?")
expect_eq "not root: .ci/deps prints the exact apt-get line for the missing package" "$deps" \
	"duban: missing packages: duban-no-such-package
install them with:  sudo apt-get install duban-no-such-package
exit 1"
