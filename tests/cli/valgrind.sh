# End-to-end runs under valgrind memcheck (docs/robustness.md): the
# optimized build/parley, which the sanitizers never see, codes the example
# article in every format and goes through parse, sentences, places,
# ingest, query, stats and report. A memory error or a definite/indirect
# leak fails the run. `make valgrind` goes further (every CLI script and
# unit test) but takes ~20 minutes; this is the part CI can afford.
. tests/cli/lib.sh
VP=${VG_PARLEY:-build/parley}
if ! command -v valgrind > /dev/null 2>&1; then
    skip valgrind "valgrind is not installed (apt-get install valgrind)"
    finish; exit $?
fi
if [ ! -x "$VP" ]; then
    skip valgrind "$VP not built"
    finish; exit $?
fi
# vg NAME ARGS...: one parley run under valgrind; ok when valgrind is silent
# and parley exits 0
vg() {
    name=$1; shift
    rm -f "$T"/vg.*.log
    valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
        --log-file="$T/vg.%p.log" "$VP" "$@" > "$T/out" 2> "$T/err"
    st=$?
    if [ $st = 0 ] && ! cat "$T"/vg.*.log 2>/dev/null | grep -q .; then
        ok "valgrind_$name"
    else
        fail "valgrind_$name" "status $st: $(cat "$T"/vg.*.log "$T/err" 2>/dev/null | head -20)"
    fi
}
A=examples/article.txt
vg code_jsonl code --quiet --date 2025-05-17 "$A"
[ -s "$T/out" ] || fail valgrind_code_output "no events"
vg code_gdelt code --quiet --format gdelt "$A"
vg code_plover code --quiet --format plover "$A"
vg code_csv code --quiet --format csv "$A"
vg parse parse --quiet "$A"
vg sentences sentences --json "$A"
vg places places "$A"
vg ingest ingest --quiet --db "$T/e.db" --date 2025-05-17 "$A"
vg query query --db "$T/e.db" --format table
vg stats stats --db "$T/e.db" --by day
vg report report --db "$T/e.db" -o "$T/r.html"
# bad input takes the error paths: those must not leak either
printf 'not a model' > "$T/bad.model"
rm -f "$T"/vg.*.log
valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    --log-file="$T/vg.%p.log" "$VP" code --model "$T/bad.model" "$A" > /dev/null 2>&1
st=$?
[ $st = 1 ] && ! cat "$T"/vg.*.log 2>/dev/null | grep -q . && ok valgrind_bad_model \
    || fail valgrind_bad_model "status $st: $(cat "$T"/vg.*.log 2>/dev/null | head -20)"
finish
