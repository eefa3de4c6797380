#!/bin/sh
# Runs every test and prints one closing line: "N passed, N failed, N skipped".
# usage: tests/run.sh PARLEY_BINARY UNIT_TEST_BINARY...
# Unit binaries and tests/cli/*.sh print "ok NAME", "FAIL NAME" or
# "skip NAME: why" per test; a binary that dies without saying FAIL counts
# as one failure.
parley=$1
shift
pass=0 fail=0 skip=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
count() { # $1 = name of the suite, $2 = its exit status
    p=$(grep -c '^ok ' "$out"); f=$(grep -c '^FAIL ' "$out"); s=$(grep -c '^skip ' "$out")
    grep -E '^(FAIL|skip) ' "$out" | sed "s|^|  $1: |"
    if [ "$2" != 0 ] && [ "$f" = 0 ]; then
        echo "  $1: FAIL (exit status $2, no test reported failure)"
        f=1
    fi
    pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}
for t in "$@"; do
    "$t" > "$out" 2> "$out.err"; st=$?
    [ $st != 0 ] && sed 's/^/    /' "$out.err" | head -40
    count "$(basename "$t")" $st
done
for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    PARLEY="$parley" sh "$t" > "$out" 2> "$out.err"; st=$?
    [ $st != 0 ] && sed 's/^/    /' "$out.err" | head -40
    count "$(basename "$t")" $st
done
rm -f "$out.err"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
