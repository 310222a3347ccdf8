# SPDX-License-Identifier: GPL-2.0
# The test library: counting and the checks every test script makes. Sourced, it only defines;
# nothing runs on load. Each test script ends with done_tests, whose line tests/run.sh adds up.
# The rule for every expected value: its oracle is never the code it judges. Allowed: the booted
# kernels' own output (dmesg, /proc/iomem, /proc/vmcore read through its ELF headers), OpenSSL
# and NIST vectors, readelf, values written out by hand from a fixture, and models written here
# from the kernel's source and cited (never calling the function under test); a tool's own word
# (--print-e820's "missing") excuses nothing. A known limitation is an xfail, its cause named once.
passed=${passed:-0} failed=${failed:-0}     # sourced twice, it counts on
ok() { passed=$((passed + 1)); echo "ok   $*"; }
no() { failed=$((failed + 1)); echo "FAIL $*"; }
# check DESCRIPTION COMMAND...: one test case, passed when COMMAND succeeds
check() { d=$1; shift; if "$@"; then ok "$d"; else no "$d"; fi; }
done_tests() { echo "$passed passed, $failed failed"; }
# xfail DESCRIPTION CAUSE COMMAND...: a known limitation, its CAUSE named once where it is
# defined: COMMAND is expected to fail, and does ("xfail", counted as passed), or passes: then
# the limitation is gone and the test fails until the xfail is dropped
xfail() {
	d=$1 cause=$2
	shift 2
	if "$@"; then no "$d: passes now, though expected to fail ($cause): drop the xfail"
	else passed=$((passed + 1)); echo "xfail $d: $cause"; fi
}
# tree_copy DIR: the files git would put in a clone, as they stand in this tree (new files
# included), copied into DIR: a build or test there sees no build/ of ours. Needs git's tree:
# make-default.sh, unit-alone.sh and build-13.sh (each fails if the copy cannot build) use it.
tree_copy() { git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$1"; }
# ran_without LOG TEXT: LOG shows its program ran (a kernel's banner) and never printed TEXT. A
# check that something is absent must not pass on an empty or cut log.
ran_without() { grep -q 'Linux version ' "$1" && ! grep -qF -- "$2" "$1"; }
# refuse NAME WORDS -- ARGS: $bin ARGS (the caller's program) refused: a non-zero exit, one line
# on stderr containing WORDS, nothing on stdout; its files in $dir (the caller's scratch folder)
# shellcheck disable=SC2154 # bin and dir: the caller's, as said above
refuse() {
	name=$1 words=$2
	shift 3
	"$bin" "$@" > "$dir/out" 2> "$dir/err"
	rc=$?
	if [ $rc -ne 0 ] && [ "$(wc -l < "$dir/err")" = 1 ] && grep -qF -- "$words" "$dir/err" &&
	   [ ! -s "$dir/out" ]; then
		ok "$name: $(cat "$dir/err")"
	else
		no "$name: rc=$rc stderr=$(cat "$dir/err") stdout=$(head -c 200 "$dir/out")"
	fi
}
# add_report NAME FILE: the report of a part run on its own (FILE, ending "N passed, N failed")
# printed, its counts added here; a report cut before its summary is one failure naming NAME.
add_report() {
	sed '$d' "$2"
	if ! tail -1 "$2" | grep -qE '^[0-9]+ passed, [0-9]+ failed$'; then
		no "$1: its run ended without a summary: $(tail -1 "$2")"
		return
	fi
	# shellcheck disable=SC2046 # "P passed, F failed" into words
	set -- $(tail -1 "$2")
	passed=$((passed + $1)) failed=$((failed + $3))
}
