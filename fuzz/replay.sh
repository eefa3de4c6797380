#!/bin/sh
# Replays every target's seeds and regressions through the plain driver
# (fuzz/driver.c, built with ASan+UBSan): prints "ok fuzz_replay_TARGET" or
# "FAIL fuzz_replay_TARGET" per target, as tests/run.sh counts them.
# usage: fuzz/replay.sh BINDIR TARGET...
bin=$1; shift
fails=0
for tg in "$@"; do
    dirs=""
    for d in "fuzz/corpus/$tg" "fuzz/regressions/$tg"; do [ -d "$d" ] && dirs="$dirs $d"; done
    if [ -z "$dirs" ]; then
        echo "skip fuzz_replay_$tg: no corpus"
        continue
    fi
    if out=$(timeout 300 "$bin/$tg" $dirs 2>&1); then
        echo "ok fuzz_replay_$tg"
    else
        echo "FAIL fuzz_replay_$tg"
        echo "$out" | tail -30 | sed 's/^/  /' >&2
        fails=$((fails + 1))
    fi
done
[ "$fails" = 0 ]
