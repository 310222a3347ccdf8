# SPDX-License-Identifier: GPL-2.0
# The test library: counting and the checks every test script makes. Sourced, it only defines;
# nothing runs on load. Each test script ends with done_tests, whose line tests/run.sh adds up.
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
no() { failed=$((failed + 1)); echo "FAIL $*"; }
# check DESCRIPTION COMMAND...: one test case, passed when COMMAND succeeds
check() { d=$1; shift; if "$@"; then ok "$d"; else no "$d"; fi; }
done_tests() { echo "$passed passed, $failed failed"; }
# ran_without LOG TEXT: LOG shows its program ran (a kernel's banner) and never printed TEXT. A
# check that something is absent must not pass on an empty or cut log.
ran_without() { grep -q 'Linux version ' "$1" && ! grep -qF -- "$2" "$1"; }
