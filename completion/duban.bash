# Bash completion for duban, installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/duban. Every candidate comes
# from duban itself: `duban __complete -- WORD...` reads the verbs' entries
# (verbs, options, the choices a usage spells out) and the database (task
# ids, departments, plan keys; read-only, never created), so a new verb or
# option needs no change here. Exit status 1 from it asks for file names.
_duban() {
	local cur=${COMP_WORDS[COMP_CWORD]} out rc
	out=$("${COMP_WORDS[0]}" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
	rc=$?
	COMPREPLY=()
	if [ "$rc" -eq 1 ]; then
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return 0
	fi
	[ "$rc" -eq 0 ] && [ -n "$out" ] || return 0
	mapfile -t COMPREPLY <<<"$out"
	# a plan key waits for its task number (2024-), --color= for its value
	case ${COMPREPLY[0]} in
	*-|*=) [ ${#COMPREPLY[@]} -eq 1 ] && compopt -o nospace 2>/dev/null ;;
	esac
	return 0
}
complete -F _duban duban
