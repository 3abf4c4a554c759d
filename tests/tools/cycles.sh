#!/bin/sh
# Lists the link-level cycles between source files. File A needs file B when
# A's object leaves undefined a symbol that B's object defines; a cycle is a
# group of two or more files that all need each other, directly or through the
# others. Each .c file is a module (STYLE.md), so a cycle is a cycle between
# modules: one line per group, or "no cycles".
#   sh tests/tools/cycles.sh [BUILD_DIR [DIR...]]
# BUILD_DIR defaults to build; the DIRs (default: src src/cli store ui) are the
# source folders whose objects are read. Exit status 1 when there is a cycle,
# 2 when there are no objects. Needs nm (binutils, which gcc brings) and awk.
build=${1:-build}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- src src/cli store ui
objs=""
for d in "$@"; do
	for o in "$build/$d"/*.o; do
		[ -f "$o" ] && objs="$objs $o"
	done
done
[ -n "$objs" ] || { echo "cycles.sh: no objects in $build for: $*; run make first" >&2; exit 2; }
for o in $objs; do
	f=${o#"$build"/}
	nm "$o" | awk -v f="${f%.o}.c" '
		$1 == "U" { print "U", f, $2; next }
		NF == 3 && $2 ~ /^[TDBRCV]$/ { print "D", f, $3 }'
done | awk '
	$1 == "D" { def[$3] = $2; next }
	{ use[++n] = $2 SUBSEP $3 }
	END {
		for (i = 1; i <= n; i++) {
			split(use[i], p, SUBSEP)
			if ((p[2] in def) && def[p[2]] != p[1]) {
				edge[p[1], def[p[2]]] = 1
				node[p[1]] = node[def[p[2]]] = 1
			}
		}
		for (a in node)
			reach[a, a] = 1
		for (changed = 1; changed; ) {
			changed = 0
			for (e in edge) {
				split(e, p, SUBSEP)
				for (c in node)
					if (reach[p[2], c] && !reach[p[1], c])
						reach[p[1], c] = changed = 1
			}
		}
		ncyc = 0
		for (a in node) {
			if (a in seen)
				continue
			k = 0
			for (b in node)
				if (reach[a, b] && reach[b, a]) {
					m[++k] = b
					seen[b] = 1
				}
			if (k < 2)
				continue
			for (x = 1; x <= k; x++)
				for (y = x + 1; y <= k; y++)
					if (m[y] < m[x]) { t = m[x]; m[x] = m[y]; m[y] = t }
			line = "cycle: " m[1]
			for (j = 2; j <= k; j++)
				line = line " <-> " m[j]
			lines[++ncyc] = line
		}
		for (x = 1; x <= ncyc; x++)
			for (y = x + 1; y <= ncyc; y++)
				if (lines[y] < lines[x]) { t = lines[x]; lines[x] = lines[y]; lines[y] = t }
		for (x = 1; x <= ncyc; x++)
			print lines[x]
		if (!ncyc)
			print "no cycles"
		exit ncyc > 0
	}'
