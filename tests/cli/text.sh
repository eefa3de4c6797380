# CLI tests of the text stage: sentences, tokens, and hostile input.
. tests/cli/lib.sh
P=$PARLEY

check version "$P" --version
out=$("$P" --help) && echo "$out" | grep -q sentences && ok help || fail help "no command list"
"$P" sentences --bogus x 2>"$T/err"; st=$?
[ $st = 2 ] && grep -q "unknown option '--bogus'" "$T/err" && [ "$(wc -l < "$T/err")" = 1 ] \
    && ok unknown_flag || fail unknown_flag "status $st: $(cat "$T/err")"
"$P" frobnicate 2>"$T/err"; [ $? = 2 ] && ok unknown_command || fail unknown_command "status"
"$P" sentences --format yaml x 2>"$T/err"; [ $? = 2 ] && ok unknown_format || fail unknown_format "status"
"$P" sentences --date 2025-13-01 examples/article.txt 2>"$T/err" >/dev/null
[ $? != 0 ] && grep -q "invalid date" "$T/err" && ok bad_date || fail bad_date "$(cat "$T/err")"

# the shipped example
n=$("$P" sentences examples/article.txt | wc -l)
[ "$n" = 10 ] && ok example_sentences || fail example_sentences "got $n sentences"
"$P" sentences --json examples/article.txt > "$T/s.jsonl"
first=$(head -1 "$T/s.jsonl")
echo "$first" | grep -q '"sentence":0,"start":0,"end":' && echo "$first" | grep -q '"headline":true' \
    && ok sentences_json || fail sentences_json "$first"
"$P" tokens --format jsonl examples/article.txt | head -1 | grep -q '"form":"Egypt","start":0,"end":5' \
    && ok tokens_json || fail tokens_json "offsets"

# standard input, text and JSON Lines sniffed
printf 'One here. Two there.\n' | "$P" sentences - > "$T/o" && [ "$(wc -l < "$T/o")" = 2 ] \
    && ok stdin_text || fail stdin_text "$(cat "$T/o")"
printf '{"id":"a","text":"One. Two."}\n{"id":"b","text":"Three."}\n' | "$P" sentences --json > "$T/o" \
    && [ "$(grep -c '"doc":"a"' "$T/o")" = 2 ] && [ "$(grep -c '"doc":"b"' "$T/o")" = 1 ] \
    && ok stdin_jsonl || fail stdin_jsonl "$(cat "$T/o")"

# invalid UTF-8: replaced, warned once, output valid UTF-8
printf 'Caf\351 au lait. Bad \377\376 bytes.\n' > "$T/bad.txt"
"$P" sentences "$T/bad.txt" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && [ "$(wc -l < "$T/o")" = 2 ] && grep -q "3 invalid UTF-8" "$T/err" \
    && iconv -f UTF-8 -t UTF-8 "$T/o" >/dev/null 2>&1 && ok invalid_utf8 || fail invalid_utf8 "status $st: $(cat "$T/err")"

# NUL bytes: read as spaces, warned, nothing lost
printf 'Before\000the nul. After it.\n' > "$T/nul.txt"
"$P" tokens "$T/nul.txt" > "$T/o" 2> "$T/err"
grep -q "Before the nul" "$T/o" && grep -q "NUL" "$T/err" && ok nul_bytes || fail nul_bytes "$(cat "$T/o" "$T/err")"

# empty file: no sentences, success
: > "$T/empty.txt"
"$P" sentences "$T/empty.txt" > "$T/o" && [ ! -s "$T/o" ] && ok empty_file || fail empty_file "output or status"

# a 50 MB line without a newline: no crash, every byte tokenized
head -c 52428800 /dev/zero | tr '\0' 'x' > "$T/big.txt"
"$P" tokens --quiet "$T/big.txt" | tr -d ' \n' | wc -c > "$T/n"
[ "$(cat "$T/n")" = 52428800 ] && ok huge_line || fail huge_line "got $(cat "$T/n") bytes"
rm -f "$T/big.txt"

# malformed JSON lines: reported with line numbers, skipped, the rest coded, exit 1
printf '{"text":"Good one."}\n{"text": oops}\n{"title":"no text"}\n{"text":"Good two."}\n' > "$T/m.jsonl"
"$P" sentences "$T/m.jsonl" > "$T/o" 2> "$T/err"; st=$?
[ $st = 1 ] && [ "$(wc -l < "$T/o")" = 2 ] && grep -q 'm.jsonl:2: invalid JSON' "$T/err" \
    && grep -q 'm.jsonl:3: no "text" field' "$T/err" && grep -q '2 input records skipped' "$T/err" \
    && ok malformed_jsonl || fail malformed_jsonl "status $st: $(cat "$T/err")"

# a directory with an unreadable file (as root every file is readable: skip that part)
mkdir -p "$T/dir/sub"
echo "First." > "$T/dir/a.txt"; echo "Second." > "$T/dir/sub/b.txt"; echo "Hidden." > "$T/dir/c.txt"
chmod 000 "$T/dir/c.txt"
"$P" sentences "$T/dir" > "$T/o" 2> "$T/err"; st=$?
if [ "$(id -u)" = 0 ]; then
    [ "$(cat "$T/o" | tr '\n' ' ')" = "First. Hidden. Second. " ] && ok directory_order || fail directory_order "$(cat "$T/o")"
    skip unreadable_file "running as root: every file is readable"
else
    [ "$(cat "$T/o" | tr '\n' ' ')" = "First. Second. " ] && ok directory_order || fail directory_order "$(cat "$T/o")"
    [ $st = 1 ] && grep -q 'c.txt' "$T/err" && ok unreadable_file || fail unreadable_file "status $st"
fi
chmod 644 "$T/dir/c.txt"

# a missing input: one line naming it, exit 1
"$P" sentences "$T/nope.txt" 2> "$T/err"; st=$?
[ $st = 1 ] && grep -q "nope.txt" "$T/err" && [ "$(wc -l < "$T/err")" = 1 ] && ok missing_input || fail missing_input "status $st"

# gzip input read transparently
printf 'Zipped text. Two.\n' | gzip > "$T/z.txt.gz"
[ "$("$P" sentences "$T/z.txt.gz" | wc -l)" = 2 ] && ok gzip_input || fail gzip_input "lines"

# write errors are reported
if [ -w /dev/full ]; then
    "$P" sentences examples/article.txt > /dev/full 2> "$T/err"; st=$?
    [ $st = 1 ] && grep -q "write error" "$T/err" && ok write_error || fail write_error "status $st"
fi

# the seed article: 18 sentences (skipped without ../shared)
if [ -r "$SHARED/examples/seed-article.txt" ]; then
    n=$("$P" sentences "$SHARED/examples/seed-article.txt" | wc -l)
    [ "$n" = 18 ] && ok seed_18_sentences || fail seed_18_sentences "got $n"
else
    skip seed_18_sentences "../shared/examples/seed-article.txt not present"
fi
finish
