#!/bin/sh
# The link-level shape of store/: no file of store/ depends, through the
# symbols its object uses, on a file that depends back on it (issue 11).
# Reads the objects next to the binary under test with tests/linkcycles.
. "$(dirname "$0")/../lib.sh"

OBJ=$(dirname "$DUBAN")/store
if [ ! -f "$OBJ/store.o" ]; then
	fail "store objects" "no $OBJ/store.o next to $DUBAN: build with make"
	exit 1
fi

# the graph is read: a known edge and the symbols behind it are there
OUT=$(LINKCYCLES_EDGES=1 sh "$SRC/tests/linkcycles" "$OBJ" 2>&1)
expect_out "linkcycles sees store_plan.c use store.c" "store/store_plan.c -> store/store.c: "
expect_out "linkcycles names the symbols of an edge" "store_stmt"

OUT=$(sh "$SRC/tests/linkcycles" "$OBJ" 2>&1); RC=$?; ERR=
expect_rc "no cycles between store/ files (exit)" 0
expect_out "no cycles between store/ files" "no cycles"
expect_no_out "no cycles between store/ files (none listed)" "cycle 1:"
