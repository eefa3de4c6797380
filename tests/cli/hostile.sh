# CLI tests of hostile input (docs/robustness.md lists every case): each
# must give a clear one-line error or correct output, never a crash, a hang
# (every run is under `timeout`) or a silently dropped record (count in,
# count out). Also replays the fuzz corpora and regressions, and checks that
# memory stays flat on long streams (with the optimized build/parley, since
# AddressSanitizer's shadow and quarantine make RSS meaningless).
. tests/cli/lib.sh
P=$PARLEY
OPT=${PARLEY_OPT:-build/parley}
RUNSTAT=build/tools/runstat
TO="timeout 120"
# a command's peak RSS in KB: runstat prints "wall user maxrss" last on stderr
rss_of() { tail -1 "$1" | cut -d' ' -f3; }
# the memory cases need the optimized binary and runstat
have_opt() { [ -x "$OPT" ] && [ -x "$RUNSTAT" ]; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }

# ---- the fuzz corpora and crash regressions, through the plain driver ------
if [ -d build/san/fuzz ]; then
    targets=$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_\(.*\)\.c|\1|')
    sh fuzz/replay.sh build/san/fuzz $targets | grep -E '^(ok|FAIL|skip) '
else
    skip fuzz_replay "build/san/fuzz not built (make check builds it)"
fi

# ---- invalid and overlong UTF-8 ----------------------------------------------
# C0 80 overlong NUL, ED A0 80 surrogate, F5/FF bytes, sequences cut short
printf 'Alpha \300\200 beta \355\240\200 gamma \365\200\200\200 delta \377 eps x\342\202 zeta \360\237\230. End \342\202' > "$T/u.txt"
$TO "$P" tokens "$T/u.txt" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && iconv -f UTF-8 -t UTF-8 "$T/o" >/dev/null 2>&1 && grep -q 'invalid UTF-8' "$T/err" \
    && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'Alpha' "$T/o" && grep -q 'zeta' "$T/o" && grep -q 'End' "$T/o" \
    && ok utf8_invalid_repaired || fail utf8_invalid_repaired "status $st: $(cat "$T/err")"
# raw invalid bytes in a JSON string; lone UTF-16 surrogate escapes (which
# cJSON refuses: the record used to be skipped) read as U+FFFD
printf '{"id":"u","text":"\300\200 and \355\240\200 raw."}\n{"id":"v","text":"lone \\ud800 and \\uDC00."}\n{"id":"w","text":"pair \\ud83d\\ude00 kept."}\n' > "$T/u.jsonl"
$TO "$P" sentences --json "$T/u.jsonl" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && [ "$(wc -l < "$T/o")" = 3 ] && iconv -f UTF-8 -t UTF-8 "$T/o" >/dev/null 2>&1 \
    && grep -q 'u.jsonl:2: 2 unpaired UTF-16 surrogate escapes' "$T/err" && grep -q 'pair 😀 kept' "$T/o" \
    && ok utf8_invalid_jsonl || fail utf8_invalid_jsonl "status $st: $(cat "$T/err")"

# ---- NUL bytes -----------------------------------------------------------------
# a raw NUL used to hide the rest of its line and glue the next record on
printf '{"id":"a","text":"One\000two."}\n{"id":"b","text":"Three."}\n{"id":"c","text":"Four \\u0000 five."}\n\000\000\n' > "$T/n.jsonl"
$TO "$P" sentences --json "$T/n.jsonl" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && [ "$(grep -c '"doc":"[abc]"' "$T/o")" = 3 ] && grep -q '"text":"One two."' "$T/o" \
    && grep -q '"text":"Four   five."' "$T/o" && [ "$(grep -c 'NUL characters read as spaces' "$T/err")" = 3 ] \
    && ok nul_in_jsonl || fail nul_in_jsonl "status $st: $(cat "$T/o" "$T/err")"
head -c 100000 /bin/sh > "$T/binary.txt"
$TO "$P" tokens "$T/binary.txt" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && iconv -f UTF-8 -t UTF-8 "$T/o" >/dev/null 2>&1 && grep -q 'NUL bytes read as spaces' "$T/err" \
    && ok binary_file || fail binary_file "status $st"

# ---- JSON: wrong types, huge numbers, broken records: count in = count out -------
{
    printf '{"id":"ok1","text":"Good one."}\n'
    printf '{"id":["x"],"date":1e400,"source":7,"url":{},"title":false,"text":"Wrong types kept."}\n'
    printf '{"id":123456789012345678901234567890,"text":"Huge id ignored."}\n'
    printf '{"id":9007199254740993,"text":"Beyond 2^53."}\n'
    printf '{"id":9007199254740992,"text":"Its double."}\n'
    printf '{"id":-1e-320,"date":"2025-02-30","text":"Denormal id, impossible date."}\n'
    printf '{"text":12}\n{"title":"no text"}\n{"text": oops}\n[1,2]\n"str"\n'
    printf '%s\n' "$(printf '[%.0s' $(seq 2000))"          # nested deeper than cJSON allows
    printf '{"text":"%s"}\n' "$(head -c 300000 /dev/zero | tr '\0' 'w')"   # one 300 KB word
    printf '\n  \n'
    printf '{"text":"last line, no newline"}'
} > "$T/j.jsonl"
$TO "$P" sentences --json "$T/j.jsonl" > "$T/o" 2> "$T/err"; st=$?
docs=$(sed -n 's/^{"doc":"\([^"]*\)","sentence":0,.*/\1/p' "$T/o" | wc -l)
skipped=$(sed -n 's/.*: \([0-9]*\) input records* skipped.*/\1/p' "$T/err")
ids=$(sed -n 's/^{"doc":"\([^"]*\)","sentence":0,.*/\1/p' "$T/o" | sort -u | wc -l)
[ $st = 1 ] && [ "$docs" = 8 ] && [ "$skipped" = 6 ] && [ "$ids" = 8 ] \
    && grep -q 'j.jsonl:3: field "id" is a number that cannot be kept exactly' "$T/err" \
    && grep -q 'j.jsonl:12: invalid JSON' "$T/err" \
    && ok json_count_in_count_out || fail json_count_in_count_out "status $st, $docs docs, $ids ids, $skipped skipped: $(head -c 600 "$T/err")"

# ---- a single 200 MB line, streamed: nothing lost, memory ~ the document -------
if have_opt; then
    yes abcd | head -c 200000000 | tr '\n' ' ' \
        | $TO $RUNSTAT -o /dev/stdout "$OPT" tokens --quiet - 2> "$T/rs" | wc -w > "$T/n"
    kb=$(rss_of "$T/rs")
    # 40,000,000 words in; the whole text is one document (read whole, 256 MiB
    # at most), so the bound is the document plus 64 MB
    [ "$(cat "$T/n")" = 40000000 ] && [ "$kb" -lt $((200000 + 65536)) ] \
        && ok line_200mb || fail line_200mb "$(cat "$T/n") tokens, $kb KB"
    # over PL_MAX_DOC_BYTES (256 MiB): skipped with a warning, not cut, not kept
    yes abcd | head -c 300000000 | $TO $RUNSTAT "$OPT" sentences - > "$T/o" 2> "$T/rs"; st=$?
    kb=$(rss_of "$T/rs")
    [ $st = 1 ] && [ ! -s "$T/o" ] && grep -q 'larger than 256 MiB; skipped' "$T/rs" && [ "$kb" -lt 400000 ] \
        && ok doc_over_limit || fail doc_over_limit "status $st, $kb KB: $(head -3 "$T/rs")"
else
    skip line_200mb "needs $OPT and $RUNSTAT (make all build/tools/runstat)"
    skip doc_over_limit "needs $OPT and $RUNSTAT"
fi

# ---- bounded memory on a long stream of documents (scaled; make soak: 2 GB) ------
# 4 KB articles as JSON Lines on a pipe: peak RSS must not grow with the stream
if have_opt; then
    s='Russia met Ukraine in Istanbul on Friday. The talks went on for hours, officials said. '
    body=$(for i in $(seq 45); do printf '%s' "$s"; done)
    line="{\"text\":\"$body\"}"
    for mb in 16 256; do
        n=$((mb * 1000000 / ${#line}))
        yes "$line" | head -n "$n" | $TO $RUNSTAT "$OPT" tokens --quiet - 2> "$T/rs$mb"
    done
    small=$(rss_of "$T/rs16") big=$(rss_of "$T/rs256")
    # the bound (docs/robustness.md): 32 MB whatever the stream's length
    [ "$big" -lt 32768 ] && [ "$big" -lt $((small + 4096)) ] \
        && ok stream_memory_flat || fail stream_memory_flat "16 MB: $small KB, 256 MB: $big KB"
else
    skip stream_memory_flat "needs $OPT and $RUNSTAT"
fi

# ---- parley code: 10,000-token sentences, and memory on a 20 MB stream ------------
# the shipped model, else the fuzz seed model (robustness, not accuracy)
model=""
for m in data/model/en-ewt.model fuzz/corpus/model/tiny.model; do
    if [ -r "$m" ] && "$P" code --model "$m" examples/article.txt >/dev/null 2>&1; then model=$m; break; fi
done
if [ -n "$model" ]; then
    [ "$model" != data/model/en-ewt.model ] && echo "  note: data/model/en-ewt.model absent or not loading: parley code runs with $model" >&2
    { printf 'Russia'; for i in $(seq 5000); do printf ' and Ukraine'; done; printf ' met.\n'; } > "$T/long.txt"
    $TO "$P" code --model "$model" --all-mentions "$T/long.txt" > "$T/o" 2> "$T/err"; st=$?
    nsent=$("$P" sentences "$T/long.txt" | wc -l)
    [ $st = 0 ] && [ "$nsent" = 5 ] && [ "$(grep -cv '^{.*}$' "$T/o")" = 0 ] \
        && ok code_10000_tokens || fail code_10000_tokens "status $st, $nsent sentences: $(head -c 300 "$T/err")"
    if have_opt; then
        s='Russia met Ukraine in Istanbul on Friday. The talks went on for hours, officials said. '
        body=$(for i in $(seq 45); do printf '%s' "$s"; done)
        line="{\"text\":\"$body\"}"
        for mb in 2 20; do
            yes "$line" | head -n $((mb * 1000000 / ${#line})) \
                | $TO $RUNSTAT "$OPT" code --quiet --model "$model" - > /dev/null 2> "$T/cs$mb"
        done
        small=$(rss_of "$T/cs2") big=$(rss_of "$T/cs20")
        msize=$(($(stat -c %s "$model") / 1024))
        # bound: the model, dictionaries and gazetteer (the 2 MB run) + 16 MB
        [ "$big" -lt $((small + 16384)) ] && [ "$big" -lt $((msize + 262144)) ] \
            && ok code_memory_flat || fail code_memory_flat "2 MB: $small KB, 20 MB: $big KB"
    else
        skip code_memory_flat "needs $OPT and $RUNSTAT"
    fi
else
    skip code_10000_tokens "no parser model loads (data/model/en-ewt.model, fuzz/corpus/model/tiny.model)"
    skip code_memory_flat "no parser model"
fi

# ---- deeply nested HTML ------------------------------------------------------------
nested() { awk -v n="$1" 'BEGIN { printf "<p>Before.</p>"; for (i = 0; i < n; i++) printf "<div>";
    printf "<p>Deep.</p>"; for (i = 0; i < n; i++) printf "</div>"; printf "<p>After.</p>" }'; }
nested 100000 > "$T/deep.html"
$TO "$P" sentences "$T/deep.html" > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ ! -s "$T/o" ] && grep -q 'deep.html: HTML nested too deeply' "$T/err" \
    && grep -q '1 input record skipped' "$T/err" && ok html_100000_divs || fail html_100000_divs "status $st: $(cat "$T/err")"
nested 200 > "$T/ok.html"
$TO "$P" sentences "$T/ok.html" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && [ "$(tr '\n' ' ' < "$T/o")" = "Before. Deep. After. " ] && ok html_200_divs || fail html_200_divs "$(cat "$T/o")"

# ---- truncated model, dictionary, verb and gazetteer files -------------------------
if [ -r fuzz/corpus/model/tiny.model ]; then
    good=1
    for n in 0 7 63 64 200 1000 20000; do
        head -c $n fuzz/corpus/model/tiny.model > "$T/cut.model"
        $TO "$P" code --model "$T/cut.model" examples/article.txt > "$T/o" 2> "$T/err"; st=$?
        { [ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'cut.model' "$T/err"; } || { good=0; echo "  at $n: status $st: $(cat "$T/err")" >&2; }
    done
    [ $good = 1 ] && ok model_truncated || fail model_truncated "see above"
fi
head -c 700 tests/data/actors/persons.txt > "$T/persons.txt"
$TO "$P" actors --dict "$T/persons.txt" examples/article.txt > "$T/o" 2> "$T/err"; st=$?
{ [ $st = 0 ] || { [ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'persons.txt:[0-9]*:' "$T/err"; }; } \
    && ok dict_truncated || fail dict_truncated "status $st: $(cat "$T/err")"
printf 'actor Cut Off\n  alias Cut' > "$T/cut.txt"
$TO "$P" actors --dict "$T/cut.txt" examples/article.txt > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'cut.txt:' "$T/err" && ok dict_cut_entry || fail dict_cut_entry "status $st: $(cat "$T/err")"
if [ -n "$model" ]; then
    head -c 2000 data/verbs/04-consult.txt > "$T/verbs.txt"
    $TO "$P" code --model "$model" --verbs "$T/verbs.txt" examples/article.txt > "$T/o" 2> "$T/err"; st=$?
    { [ $st = 0 ] || { [ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'verbs.txt:[0-9]*:' "$T/err"; }; } \
        && ok verbs_truncated || fail verbs_truncated "status $st: $(cat "$T/err")"
fi
# the gazetteer through the data path: a cut file is refused (the end line counts records)
mkdir -p "$T/data/places" "$T/run"
ln -s "$(pwd)/data/actors" "$T/data/actors"; ln -s "$(pwd)/data/agents" "$T/data/agents"; ln -s "$(pwd)/data/verbs" "$T/data/verbs"
head -c 100000 data/places/gazetteer.tsv > "$T/data/places/gazetteer.tsv"
cp examples/article.txt "$T/run/a.txt"
PA=$(abs "$P")
(cd "$T/run" && PARLEY_DATA="$T/data" $TO "$PA" places --model none a.txt) > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'gazetteer.tsv' "$T/err" && ok gazetteer_truncated \
    || fail gazetteer_truncated "status $st: $(cat "$T/err")"

# ---- unreadable and vanished files --------------------------------------------------
mkdir -p "$T/d"
for x in a b c d e; do echo "File $x here." > "$T/d/$x.txt"; done
D=$(abs "$T/d")
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
    # b vanishes after the listing (stat fails), c between stat and open,
    # d cannot be opened, e fails while being read
    # (LeakSanitizer cannot run under ptrace: leaks are checked elsewhere)
    inj() { ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -P "$D/$1.txt" -e trace="$2" -e inject="$2:error=$3" \
                $TO "$(abs "$P")" sentences "$D" > "$T/o" 2> "$T/err"; }
    good=1
    for c in "b newfstatat ENOENT" "c openat ENOENT" "d openat EACCES" "e read EIO"; do
        set -- $c
        inj "$1" "$2" "$3"; st=$?
        { [ $st = 1 ] && [ "$(wc -l < "$T/o")" = 4 ] && ! grep -q "File $1" "$T/o" \
            && grep -q "$1.txt: .*skipped" "$T/err" && grep -q '1 input record skipped' "$T/err"; } \
            || { good=0; echo "  $c: status $st: $(cat "$T/err")" >&2; }
    done
    [ $good = 1 ] && ok vanished_and_unreadable || fail vanished_and_unreadable "see above"
    # an unreadable dictionary or model is one error line
    ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -P "$(abs tests/data/actors/persons.txt)" -e trace=read -e inject=read:error=EIO \
        $TO "$(abs "$P")" actors --dict "$(abs tests/data/actors/persons.txt)" examples/article.txt > "$T/o" 2> "$T/err"; st=$?
    [ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'persons.txt: read error' "$T/err" \
        && ok dict_read_error || fail dict_read_error "status $st: $(cat "$T/err")"
elif [ "$(id -u)" != 0 ]; then
    chmod 000 "$T/d/d.txt"
    $TO "$P" sentences "$T/d" > "$T/o" 2> "$T/err"; st=$?
    chmod 644 "$T/d/d.txt"
    [ $st = 1 ] && [ "$(wc -l < "$T/o")" = 4 ] && grep -q 'd.txt' "$T/err" && ok vanished_and_unreadable \
        || fail vanished_and_unreadable "status $st"
    skip dict_read_error "needs strace"
else
    skip vanished_and_unreadable "root without strace: nothing can be made unreadable"
    skip dict_read_error "needs strace"
fi
# a file that vanishes while the walk runs: whatever the timing, every file
# is either read or named in a warning (count in = count out)
mkdir -p "$T/race"
for i in $(seq 300); do echo "Doc $i." > "$T/race/f$i.txt"; done
{ sleep 0.05; for i in $(seq 300 -3 1); do rm -f "$T/race/f$i.txt"; done; } &
$TO "$P" sentences "$T/race" > "$T/o" 2> "$T/err"; st=$?
wait
out=$(wc -l < "$T/o")
warned=$(grep -c 'f[0-9]*\.txt: No such file' "$T/err")
left=$(ls "$T/race" | wc -l)
# files deleted before the listing are not in it; all others are accounted for
[ $((out + warned)) -ge "$left" ] && [ $((out + warned)) -le 300 ] \
    && { [ "$warned" = 0 ] || grep -q "$warned input records* skipped" "$T/err"; } \
    && ok vanishing_race || fail vanishing_race "$out read + $warned warned, $left left"
# a pipe named on the command line (process substitution, FIFO) is read
mkfifo "$T/fifo"
{ printf '{"text":"Through a FIFO."}\n' > "$T/fifo"; } &
$TO "$P" sentences "$T/fifo" > "$T/o" 2> "$T/err"; st=$?
wait
[ $st = 0 ] && [ "$(cat "$T/o")" = "Through a FIFO." ] && ok fifo_input || fail fifo_input "status $st: $(cat "$T/err")"
# a FIFO met inside a directory walk is not opened (it could block): warned
mkdir -p "$T/fd"; echo "Plain." > "$T/fd/a.txt"; mkfifo "$T/fd/b.txt"
$TO "$P" sentences "$T/fd" > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ "$(cat "$T/o")" = "Plain." ] && grep -q 'b.txt: not a regular file; skipped' "$T/err" \
    && ok fifo_in_walk || fail fifo_in_walk "status $st: $(cat "$T/err")"
# a truncated .gz: a read error, not a silently shorter document
for i in $(seq 3000); do echo "Line $i of a zipped text goes here."; done | gzip > "$T/z.txt.gz"
head -c 3000 "$T/z.txt.gz" > "$T/cut.txt.gz"
$TO "$P" sentences "$T/cut.txt.gz" > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ ! -s "$T/o" ] && grep -q 'cut.txt.gz: read error: .*unexpected end of file' "$T/err" \
    && ok gzip_truncated || fail gzip_truncated "status $st: $(head -2 "$T/err")"

# ---- symlink loops and deep directories -------------------------------------------
mkdir -p "$T/l/sub"
echo "Real file." > "$T/l/r.txt"; echo "Sub file." > "$T/l/sub/s.txt"
ln -s . "$T/l/self"; ln -s .. "$T/l/sub/up"; ln -s b "$T/l/a"; ln -s a "$T/l/b"
$TO "$P" sentences "$T/l" > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ "$(tr '\n' ' ' < "$T/o")" = "Real file. Sub file. " ] && [ "$(grep -c 'symbolic links' "$T/err")" = 2 ] \
    && ok symlink_loops || fail symlink_loops "status $st: $(cat "$T/o" "$T/err")"
ln -s loop2 "$T/loop1"; ln -s loop1 "$T/loop2"
$TO "$P" sentences "$T/loop1" > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q 'loop1: Too many levels of symbolic links' "$T/err" \
    && ok symlink_loop_root || fail symlink_loop_root "status $st: $(cat "$T/err")"
d="$T/deep"; mkdir -p "$d"
for i in $(seq 70); do d="$d/d"; done
mkdir -p "$d" && echo "Too deep." > "$d/x.txt" && echo "Shallow." > "$T/deep/y.txt"
$TO "$P" sentences "$T/deep" > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ "$(cat "$T/o")" = "Shallow." ] && grep -q 'nested deeper than 64' "$T/err" \
    && ok deep_directories || fail deep_directories "status $st: $(head -c 300 "$T/err")"

# ---- output that goes away: a closed pipe ends the run, no hang --------------------
head -c 5000000 /dev/zero | tr '\0' 'x' > "$T/x.txt"
$TO sh -c "'$P' tokens '$T/x.txt' | head -c 10 > /dev/null"; st=$?
[ $st != 124 ] && ok closed_pipe || fail closed_pipe "timed out"
finish
