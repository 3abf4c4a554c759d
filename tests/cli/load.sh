# Load (issue 6): 16 writer processes recording and attaching through the real
# CLI and 4 readers listing and exporting, on one database file. Every record
# must be present exactly once, no reader may fail or see a record vanish, no
# user may see "database is locked", and the WAL must be checkpointed back to a
# bounded size. DUBAN_SOAK_SECONDS (make soak) makes the writers go on longer.
. "$(dirname "$0")/../lib.sh"

duban plans
expect_rc "database with the bundled plans" 0
OPS=${DUBAN_LOAD_OPS:-60}
SOAK=${DUBAN_SOAK_SECONDS:-0}
# (task, department) pairs, one per writer
set -- "2024-2 中央宣传部" "2024-1 国家知识产权局" "2024-3 市场监管总局" "2024-45 公安部" \
	"2024-45 海关总署" "2024-60 教育部" "2024-60 科技部" "2024-4 农业农村部" "2024-4 国家林草局" \
	"2024-6 海关总署" "2024-22 最高人民法院" "2024-27 最高人民检察院" "2024-35 工业和信息化部" \
	"2024-55 国家发展改革委" "2024-87 外交部" "2024-105 联席会议办公室"
printf 'evidence file\n' >"$TMP/ev.txt"
mkdir -p "$TMP/w"
start=$(date +%s)
w=0
for pair in "$@"; do
	w=$((w + 1))
	(
		task=${pair% *}; dept=${pair#* }; i=0
		while :; do
			i=$((i + 1))
			if [ $((i % 4)) = 0 ]; then
				"$DUBAN" attach "$task" --dept "$dept" --docno "文号-$w-$i" --title "材料 $w-$i" \
					>/dev/null 2>>"$TMP/w/$w.err" || echo "attach $i failed" >>"$TMP/w/$w.err"
			else
				"$DUBAN" record "$task" --dept "$dept" --status in-progress --period 2024Q3 \
					--note "writer $w op $i" >/dev/null 2>>"$TMP/w/$w.err" || echo "record $i failed" >>"$TMP/w/$w.err"
			fi
			echo "$i" >"$TMP/w/$w.count"
			if [ "$SOAK" -gt 0 ]; then
				[ $(( $(date +%s) - start )) -lt "$SOAK" ] || break
			else
				[ "$i" -lt "$OPS" ] || break
			fi
		done
	) &
done
writers=$(jobs -p)
: >"$TMP/readers.err"
for r in 1 2 3 4; do
	(
		last=0
		while [ ! -f "$TMP/stop" ]; do
			echo . >>"$TMP/reads.$r"
			case $r in
			1) out=$("$DUBAN" tasks --dept 中央宣传部 --format json 2>>"$TMP/readers.err") || echo "tasks failed" >>"$TMP/readers.err"
			   printf '%s' "$out" | "$TOOL" json - 2>>"$TMP/readers.err" || echo "tasks json broken" >>"$TMP/readers.err";;
			2) out=$("$DUBAN" status --plan 2024 --format json 2>>"$TMP/readers.err") || echo "status failed" >>"$TMP/readers.err"
			   printf '%s' "$out" | "$TOOL" json - 2>>"$TMP/readers.err" || echo "status json broken" >>"$TMP/readers.err";;
			3) n=$("$DUBAN" history 2024-2 --format tsv 2>>"$TMP/readers.err" | wc -l)
			   [ "$n" -ge "$last" ] || echo "history shrank from $last to $n" >>"$TMP/readers.err"; last=$n;;
			4) "$DUBAN" evidence list --format csv >/dev/null 2>>"$TMP/readers.err" || echo "evidence list failed" >>"$TMP/readers.err"
			   "$DUBAN" checklist --period 2024Q3 --dept 中央宣传部 --format csv -o - >/dev/null 2>>"$TMP/readers.err" || echo "checklist export failed" >>"$TMP/readers.err";;
			esac
		done
	) &
done
for p in $writers; do wait "$p"; done
touch "$TMP/stop"
wait
elapsed=$(( $(date +%s) - start ))

total=0; records=0; attaches=0
for w in $(seq 1 16); do
	n=$(cat "$TMP/w/$w.count"); total=$((total + n))
	attaches=$((attaches + n / 4)); records=$((records + n - n / 4))
done
errs=$(cat "$TMP"/w/*.err 2>&1)
reads=$(cat "$TMP"/reads.1 "$TMP"/reads.2 "$TMP"/reads.3 "$TMP"/reads.4 2>&1 | wc -l)
[ "$reads" -ge 4 ] && ok "the readers read $reads times while the writers wrote" || fail "the readers read" "$reads times"
expect_eq "no writer saw an error" "$errs" ""
expect_eq "every record present" "$(sqlite3 "$DUBAN_DB" 'SELECT count(*) FROM progress')" "$records"
expect_eq "every record exactly once" "$(sqlite3 "$DUBAN_DB" 'SELECT count(DISTINCT note) FROM progress')" "$records"
expect_eq "every attachment present exactly once" "$(sqlite3 "$DUBAN_DB" 'SELECT count(DISTINCT value) FROM evidence')" "$attaches"
expect_eq "no reader failed or saw a half-written state" "$(cat "$TMP/readers.err")" ""
case "$errs$(cat "$TMP/readers.err")" in *locked*|*BUSY*) fail "nobody saw 'database is locked'";; *) ok "nobody saw 'database is locked'";; esac
expect_eq "integrity after the load" "$(sqlite3 "$DUBAN_DB" 'PRAGMA integrity_check')" "ok"
duban verify
expect_rc "the chain of every record and attachment verifies after the load" 0
expect_out "one link per record and attachment" "the chain of $total links is whole"
wal=$(stat -c %s "$DUBAN_DB-wal" 2>/dev/null || echo 0)
[ "$wal" -le 8388608 ] && ok "WAL checkpointed back to a bounded size ($wal bytes)" || fail "WAL bounded" "$wal bytes"
echo "  load: $total operations by 16 writers with 4 readers in ${elapsed}s"
