#!/bin/sh
# verbcheck.sh - check parley's verb (event) dictionaries and report coverage.
#
# Usage: sh tools/verbcheck.sh [-s] [CODELIST [VERBDIR]]
#
#   CODELIST  CAMEO code list; the first column of each line is a code, lines
#             whose first column is not all digits (a header) are skipped.
#             Default: ../shared/reference/CAMEO.goldsteinscale.txt
#             (relative to the repository root).
#   VERBDIR   directory of dictionary files, read as VERBDIR/*.txt in name
#             order, the order the coder loads them. Default: data/verbs
#   -s        also list "shadowed" patterns: a pattern that loses some or
#             all of its clauses to an earlier pattern of the same length and
#             a different code (ties go to the earlier pattern in load
#             order), unless the earlier one is the narrower of the two,
#             which is how precise patterns are meant to be placed. These
#             are warnings; they do not change the exit status.
#
# Checks, each reported as FILE:LINE: message
#   - every non-comment line is `synset NAME: w1, w2, ...` or `CODE PATTERN`;
#   - CODE is `-` or a 2-4 digit code present in CODELIST;
#   - every &NAME is defined before use (earlier line or earlier file);
#   - pattern words are single lower-case tokens; at most one T; the
#     predicate (first word) is a word or a &SYNSET, not T, * or a
#     preposition; no synset is defined twice; no pattern is written twice.
# Then prints coverage: pattern count, distinct codes used, 3/4-digit codes
# covered out of those in CODELIST, roots with fewer than 5 patterns, and
# the uncovered codes. Exit status: 0 clean, 1 problems found, 2 usage error.
#
# POSIX sh and awk only.

set -u

usage() {
	sed -n '2,/^# POSIX/p' "$0" | sed 's/^# \{0,1\}//'
}

abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd)" "$1" ;;
	esac
}

shadow=0
while [ $# -gt 0 ]; do
	case $1 in
	-s) shadow=1; shift ;;
	-h|--help) usage; exit 0 ;;
	--) shift; break ;;
	-*) echo "verbcheck: unknown option $1" >&2; usage >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -le 2 ] || { usage >&2; exit 2; }

codes=
dir=
[ $# -ge 1 ] && codes=$(abspath "$1")
[ $# -ge 2 ] && dir=$(abspath "$2")

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 2
cd -- "$here/.." || exit 2
[ -n "$codes" ] || codes=../shared/reference/CAMEO.goldsteinscale.txt
[ -n "$dir" ] || dir=data/verbs

if [ ! -r "$codes" ]; then
	echo "verbcheck: cannot read code list $codes" >&2
	exit 2
fi

LC_ALL=C
export LC_ALL
set -- "$dir"/*.txt
if [ ! -e "$1" ]; then
	echo "verbcheck: no *.txt files in $dir" >&2
	exit 2
fi

exec awk -v codelist="$codes" -v shadow="$shadow" '
function problem(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg
	nerr++
}

# Remove a comment: "#" at the start of the line or after a blank.
function strip_comment(s,    i, n, c) {
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "#" && (i == 1 || substr(s, i - 1, 1) ~ /[ \t]/))
			return substr(s, 1, i - 1)
	}
	return s
}

function trim(s) {
	sub(/^[ \t\r]+/, "", s)
	sub(/[ \t\r]+$/, "", s)
	return s
}

# A word as written in a pattern or synset: one lower-case token.
# Letters, digits, hyphen, apostrophe, dot, $ and any non-ASCII byte.
function bad_word(w) {
	if (w ~ /[A-Z]/)
		return "\"" w "\" is not lower case (patterns match lower-case lemmas)"
	if (w ~ /[ \t,;:()\[\]{}"!?\/\\|=+<>@%^~`*&#]/)
		return "\"" w "\" is not a single word"
	if (w !~ /^[a-z0-9$'\''\200-\377]/)
		return "\"" w "\" does not start with a letter, digit or $"
	return ""
}

BEGIN {
	ncodes = 0
	while ((getline line < codelist) > 0) {
		split(line, f, /[ \t]+/)
		c = f[1]
		if (c !~ /^[0-9]+$/)
			continue
		if (!(c in valid)) {
			valid[c] = 1
			ncodes++
			codeorder[ncodes] = c
		}
	}
	close(codelist)
	if (ncodes == 0) {
		printf "verbcheck: no codes found in %s\n", codelist > "/dev/stderr"
		exit 2
	}
	split("of to with for against on in at from by into onto over about as along off round past " \
	      "between among toward towards under behind near alongside through " \
	      "across after before beside within without upon amid outside " \
	      "inside around beyond during like via until despite", p, " ")
	for (i in p)
		prep[p[i]] = 1
	# words that are only prepositions, never a verb or noun predicate
	split("of to with for against at from by into onto about as between " \
	      "among toward towards under behind alongside through across " \
	      "beside within without upon amid via during until despite in on", p, " ")
	for (i in p)
		pureprep[p[i]] = 1
	split("up down off out away back aside apart together forward ahead", p, " ")
	for (i in p)
		particle[p[i]] = 1
	npat = nblock = nsyn = nerr = 0
}

FNR == 1 { nfiles++ }

{
	line = trim(strip_comment($0))
	if (line == "")
		next

	# --- synset NAME: w1, w2, ... ---------------------------------------
	if (line ~ /^synset([ \t]|$)/) {
		rest = line
		sub(/^synset[ \t]*/, "", rest)
		ci = index(rest, ":")
		if (ci == 0) {
			problem("synset line needs \"synset NAME: word, word, ...\"")
			next
		}
		name = trim(substr(rest, 1, ci - 1))
		body = trim(substr(rest, ci + 1))
		if (name !~ /^[A-Za-z][A-Za-z0-9_]*$/) {
			problem("bad synset name \"" name "\" (letters, digits, _)")
			next
		}
		if (name in syndef) {
			problem("synset " name " already defined at " syndef[name])
			next
		}
		if (body == "") {
			problem("synset " name " has no members")
			next
		}
		nm = split(body, mem, ",")
		list = " "
		ok = 1
		for (k = 1; k <= nm; k++) {
			w = trim(mem[k])
			if (w == "") {
				problem("synset " name ": empty member (stray comma?)")
				ok = 0
				continue
			}
			if (substr(w, 1, 1) == "&") {
				problem("synset " name ": member " w " (synsets cannot contain synsets)")
				ok = 0
				continue
			}
			if (w ~ /[ \t]/) {
				problem("synset " name ": member \"" w "\" is not one token")
				ok = 0
				continue
			}
			m = bad_word(w)
			if (m != "") {
				problem("synset " name ": " m)
				ok = 0
				continue
			}
			list = list w " "
		}
		# define it even if a member was bad, to avoid cascades of errors
		syndef[name] = FILENAME ":" FNR
		synmem[name] = list
		nsyn++
		next
	}

	# --- CODE PATTERN ----------------------------------------------------
	n = split(line, tok, /[ \t]+/)
	code = tok[1]
	if (code != "-" && code !~ /^[0-9][0-9]$/ && code !~ /^[0-9][0-9][0-9]$/ &&
	    code !~ /^[0-9][0-9][0-9][0-9]$/) {
		problem("expected \"synset NAME: words\" or \"CODE PATTERN\" (CODE is 2-4 digits or -), got \"" code "\"")
		next
	}
	if (code != "-" && !(code in valid)) {
		problem("code " code " is not in " codelist)
		code = "?"
	}
	if (n < 2) {
		problem("code " code " has no pattern")
		next
	}
	nt = 0
	hasT = 0
	norm = ""
	lineok = 1
	if (tok[2] == "*") {
		problem("pattern starts with *: the first word is the predicate")
		lineok = 0
	} else if (tok[2] in pureprep) {
		problem("predicate \"" tok[2] "\" is a preposition")
		lineok = 0
	}
	for (k = 2; k <= n; k++) {
		w = tok[k]
		if (w == "*")
			continue
		if (w == "T") {
			if (nt == 0) {
				problem("pattern starts with T: the first word is the predicate")
				lineok = 0
			}
			if (hasT) {
				problem("more than one T in the pattern")
				lineok = 0
			}
			hasT = 1
		} else if (substr(w, 1, 1) == "&") {
			sname = substr(w, 2)
			if (!(sname in syndef)) {
				problem("&" sname " is used before it is defined")
				lineok = 0
			}
		} else {
			m = bad_word(w)
			if (m != "") {
				problem(m)
				lineok = 0
			}
		}
		nt++
		pt[nt] = w
		norm = norm (nt > 1 ? " " : "") w
	}
	if (nt == 0) {
		problem("pattern has no words")
		next
	}
	if (norm in seenpat) {
		problem("pattern \"" norm "\" already given at " seenpat[norm] " (only the first can win)")
		next
	}
	seenpat[norm] = FILENAME ":" FNR
	npat++
	if (code == "-")
		nblock++
	else if (code != "?") {
		used[code]++
		rootcount[substr(code, 1, 2)]++
	}
	if (shadow && lineok) {
		P_code[npat] = code
		P_loc[npat] = FILENAME ":" FNR
		P_text[npat] = norm
		P_n[npat] = nt
		for (k = 1; k <= nt; k++)
			P_tok[npat, k] = pt[k]
		parse(npat)
		first = pt[1]
		if (substr(first, 1, 1) == "&") {
			nm = split(synmem[substr(first, 2)], mem, " ")
			for (k = 1; k <= nm; k++)
				bypred[mem[k]] = bypred[mem[k]] " " npat
		} else
			bypred[first] = bypred[first] " " npat
	}
}

# ---- shadow analysis -------------------------------------------------------
# A pattern is read as constraints on the predicate: "prt" (particle),
# "obj" (direct object), "p:PREP" (prepositional dependent), and the same
# keys prefixed with "x." for what follows "to VERB" (the clausal
# complement, whose verb is the "p:to" head).
function parse(i,    k, n, w, lvl, nx) {
	n = P_n[i]
	P_keys[i] = ""
	k = 2
	lvl = ""
	if (k <= n && (P_tok[i, k] in particle)) {
		addc(i, "prt", P_tok[i, k])
		k++
	}
	while (k <= n) {
		w = P_tok[i, k]
		if (w in prep) {
			nx = (k < n) ? P_tok[i, k + 1] : ""
			if (nx != "" && !(nx in prep)) {
				addc(i, lvl "p:" w, nx)
				k += 2
				if (w == "to" && nx != "T") {
					lvl = "x."
					if (k <= n && (P_tok[i, k] in particle)) {
						addc(i, lvl "prt", P_tok[i, k])
						k++
					}
				}
			} else {
				addc(i, lvl "p:" w, "")
				k++
			}
		} else {
			addc(i, lvl "obj", w)
			k++
		}
	}
}

function addc(i, key, val,    base, k) {
	base = key
	k = 2
	while (((i, key) in P_c)) {
		key = base "#" k
		k++
	}
	P_c[i, key] = val
	P_keys[i] = P_keys[i] " " key
}

# Is every member of a also a member of b?
function subset(a, b,    ma, mb, na, k, arr) {
	if (a == b)
		return 1
	ma = members(a)
	mb = members(b)
	na = split(ma, arr, " ")
	for (k = 1; k <= na; k++)
		if (!index(mb, " " arr[k] " "))
			return 0
	return 1
}

# Is pattern j at least as narrow as pattern i in every constraint? Then
# j coming first is deliberate (the precise pattern before the general
# one) and not worth a warning.
function narrower(j, i,    n, k, arr, key, jv, iv) {
	if (!subset(P_tok[j, 1], P_tok[i, 1]))
		return 0
	n = split(P_keys[i], arr, " ")
	for (k = 1; k <= n; k++)
		if (!((j, arr[k]) in P_c))
			return 0
	n = split(P_keys[j], arr, " ")
	for (k = 1; k <= n; k++) {
		key = arr[k]
		jv = P_c[j, key]
		iv = P_c[i, key]
		if (iv == "" || iv == "T")
			continue
		if (jv == "" || jv == "T" || !subset(jv, iv))
			return 0
	}
	return 1
}

# Is the overlap of j and i already taken, before j, by a pattern k with
# the code of i, narrower than both (a line placed to win the tie)?
function resolved(j, i,    w, nm, m, mem2, nk, cand2, c, k) {
	w = P_tok[j, 1]
	if (substr(w, 1, 1) == "&")
		nm = split(synmem[substr(w, 2)], mem2, " ")
	else {
		nm = 1
		mem2[1] = w
	}
	for (m = 1; m <= nm; m++) {
		nk = split(bypred[mem2[m]], cand2, " ")
		for (c = 1; c <= nk; c++) {
			k = cand2[c] + 0
			if (k >= j || P_code[k] != P_code[i] || P_n[k] != P_n[i])
				continue
			if (narrower(k, j) && narrower(k, i))
				return 1
		}
	}
	return 0
}

function members(w) {
	if (substr(w, 1, 1) == "&")
		return synmem[substr(w, 2)]
	return " " w " "
}

function overlap(a, b,    ma, mb, na, k, arr) {
	if (a == "" || b == "" || a == "T" || b == "T" || a == b)
		return 1
	ma = members(a)
	mb = members(b)
	na = split(ma, arr, " ")
	for (k = 1; k <= na; k++)
		if (index(mb, " " arr[k] " "))
			return 1
	return 0
}

# Does the earlier pattern j match (some of) the clauses that pattern i
# matches? Every constraint of j must be present in i and be no narrower
# than in i: a bare preposition or T in j accepts anything, a word or
# synset in j must overlap a word or synset in i. The predicates must
# overlap and the particles agree.
function covers(j, i,    n, k, arr, key, jv, iv) {
	if (!overlap(P_tok[i, 1], P_tok[j, 1]))
		return 0
	if (((i, "prt") in P_c) != ((j, "prt") in P_c))
		return 0
	if (((i, "x.prt") in P_c) != ((j, "x.prt") in P_c))
		return 0
	n = split(P_keys[j], arr, " ")
	for (k = 1; k <= n; k++) {
		key = arr[k]
		if (!((i, key) in P_c))
			return 0
		if (key ~ /prt$/ && P_c[i, key] != P_c[j, key])
			return 0
		jv = P_c[j, key]
		iv = P_c[i, key]
		if (jv == "" || (jv == "T" && iv != ""))
			continue
		if (iv == "" || iv == "T" || !overlap(iv, jv))
			return 0
	}
	return 1
}

END {
	if (nfiles == 0)
		exit 2
	if (shadow) {
		nsh = 0
		for (i = 1; i <= npat; i++) {
			w = P_tok[i, 1]
			if (substr(w, 1, 1) == "&")
				nm = split(synmem[substr(w, 2)], mem, " ")
			else {
				nm = 1
				mem[1] = w
			}
			for (m = 1; m <= nm; m++) {
				nj = split(bypred[mem[m]], cand, " ")
				for (c = 1; c <= nj; c++) {
					j = cand[c] + 0
					if (j >= i || ((j, i) in done))
						continue
					done[j, i] = 1
					if (P_n[j] != P_n[i] || P_code[j] == P_code[i])
						continue
					if (covers(j, i) && !narrower(j, i) && !resolved(j, i)) {
						printf "%s: warning: \"%s %s\" is shadowed by \"%s %s\" at %s\n",
						    P_loc[i], P_code[i], P_text[i], P_code[j], P_text[j], P_loc[j]
						nsh++
					}
				}
			}
		}
		printf "shadowed patterns: %d\n\n", nsh
	}

	ndist = 0
	for (c in used)
		ndist++
	nleaf = nleafcov = 0
	unc = ""
	nunc = 0
	low = ""
	for (k = 1; k <= ncodes; k++) {
		c = codeorder[k]
		if (length(c) >= 3) {
			nleaf++
			if (c in used)
				nleafcov++
			else {
				unc = unc " " c
				nunc++
			}
		} else if (length(c) == 2) {
			if (!(c in rootcount) || rootcount[c] < 5)
				low = low " " c "(" ((c in rootcount) ? rootcount[c] : 0) ")"
		}
	}
	printf "files: %d, synsets: %d\n", nfiles, nsyn
	printf "patterns: %d (%d coding, %d blocking \"-\")\n", npat, npat - nblock, nblock
	printf "distinct codes used: %d\n", ndist
	printf "3/4-digit codes covered: %d/%d\n", nleafcov, nleaf
	printf "patterns per root:"
	for (k = 1; k <= ncodes; k++) {
		c = codeorder[k]
		if (length(c) == 2)
			printf " %s:%d", c, ((c in rootcount) ? rootcount[c] : 0)
	}
	printf "\n"
	printf "roots with fewer than 5 patterns:%s\n", (low == "" ? " none" : low)
	printf "uncovered codes (%d):%s\n", nunc, (unc == "" ? " none" : unc)
	if (nerr > 0) {
		printf "%d problem(s) found\n", nerr
		exit 1
	}
	exit 0
}
' "$@"
