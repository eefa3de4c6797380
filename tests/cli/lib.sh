# Helpers for CLI tests: source this, then call ok/fail/skip per test.
# $PARLEY is the binary under test; T is a scratch folder removed at exit.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; echo "  $1: $2" >&2; failures=$((failures + 1)); }
skip() { echo "skip $1: $2"; }
# check NAME CONDITION-COMMAND...: ok when the command succeeds
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name" "$*"; fi; }
finish() { [ "$failures" = 0 ]; }
SHARED=../shared
