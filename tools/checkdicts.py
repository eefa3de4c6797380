#!/usr/bin/env python3
"""checkdicts.py: sanity checks for parley's actor and agent dictionaries.

    usage: tools/checkdicts.py [DATA_DIR]        (default: data)

A development aid, not the loader: it reads data/actors/*.txt and
data/agents/*.txt with the rules of docs/dictionaries.md and reports
`FILE:LINE: message` for

  - a block without a `code` line, or with more than one undated code;
  - a code that is not groups of three upper-case letters, or whose first
    group is not a known country, region or CAMEO sector (IGO, NGO, ...);
  - a date that does not parse, a range whose start is after its end;
  - an unknown keyword, type or gender, a malformed wikidata id;
  - a name given twice in one block, or to two entries (in any files), as
    the matcher sees names (case, dots and U+2019 ignored).  A name shared
    on purpose is accepted when one of its lines carries a comment with the
    word "shared";
  - an agent phrase listed twice, or an unknown agent code.

Warnings (agent phrases that are also actor names) do not fail the run.
Exit status: 0 clean, 1 errors found.
"""
import datetime
import os
import re
import sys

ROLE_CODES = set("""GOV MIL COP JUD LEG ELI REB OPP INS SEP CVL EDU MED BUS LAB
AGR CRM REF HLH JRN NGO IGO SPY UAF MOD RAD REL ENV HRI DEV""".split())
SECTORS = {"IGO", "NGO", "NGM", "IMG", "KUR", "ARB"}   # first groups that are not places
TYPES = {"person", "country", "capital", "organization", "group"}
CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

errors = 0
warnings = 0


def err(where, msg):
    global errors
    errors += 1
    print(f"{where}: {msg}")


def warn(where, msg):
    global warnings
    warnings += 1
    print(f"{where}: warning: {msg}")


def split_comment(line):
    """(text, comment): '#' at the start or after a blank starts a comment."""
    for i, c in enumerate(line):
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def key(name):
    name = name.replace("\u2019", "'").replace(".", "").lower()
    return " ".join(name.split())


def parse_date(s, where):
    if not DATE_RE.match(s):
        err(where, f"bad date '{s}' (want YYYY-MM-DD)")
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        err(where, f"no such date '{s}'")
        return None


def check_range(r, where):
    if ".." not in r:
        err(where, f"bad range '{r}' (want FROM..TO)")
        return
    a, b = r.split("..", 1)
    if not a and not b:
        err(where, "range open at both ends")
        return
    da = parse_date(a, where) if a else None
    db = parse_date(b, where) if b else None
    if da and db and da > db:
        err(where, f"range '{r}' ends before it starts")


def read_actors(path):
    """Yield blocks: dict(name, line, names=[(name, line, comment)], codes=[...])."""
    block = None
    with open(path, encoding="utf-8") as f:
        for ln, raw in enumerate(f, 1):
            where = f"{path}:{ln}"
            raw = raw.rstrip("\n")
            if "\t" in raw[: len(raw) - len(raw.lstrip())]:
                err(where, "tab in indentation")
            text, comment = split_comment(raw)
            if not text.strip():
                continue
            if not text[0].isspace():
                kw, _, val = text.partition(" ")
                if kw != "actor" or not val.strip():
                    err(where, "expected 'actor NAME' at column 0")
                    continue
                if block:
                    yield block
                block = {"name": val.strip(), "line": ln, "path": path,
                         "names": [(val.strip(), ln, comment)], "codes": [],
                         "type": None}
                continue
            if block is None:
                err(where, "indented line outside a block")
                continue
            kw, _, val = text.strip().partition(" ")
            val = val.strip()
            if not val:
                err(where, f"'{kw}' needs a value")
                continue
            if kw == "alias":
                block["names"].append((val, ln, comment))
            elif kw == "code":
                parts = val.split()
                if len(parts) > 2:
                    err(where, "code line has more than CODE and RANGE")
                    continue
                block["codes"].append((parts[0], parts[1] if len(parts) > 1 else None, ln))
            elif kw == "type":
                if val not in TYPES:
                    err(where, f"unknown type '{val}'")
                block["type"] = val
            elif kw == "gender":
                if val not in ("male", "female"):
                    err(where, f"unknown gender '{val}'")
            elif kw == "wikidata":
                if not re.match(r"^Q[1-9]\d*$", val):
                    err(where, f"bad wikidata id '{val}'")
            elif kw == "country":
                if not re.match(r"^[A-Z]{3}$", val):
                    err(where, f"bad country '{val}'")
            else:
                err(where, f"unknown keyword '{kw}'")
    if block:
        yield block


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "data"
    actor_dir = os.path.join(data, "actors")
    agent_dir = os.path.join(data, "agents")
    blocks = []
    for fn in sorted(os.listdir(actor_dir)):
        if fn.endswith(".txt"):
            blocks.extend(read_actors(os.path.join(actor_dir, fn)))

    places = set(SECTORS)
    for b in blocks:
        if b["type"] == "country":
            for c, _, _ in b["codes"]:
                places.add(c[:3])

    owners = {}          # key -> list of (block, name, line, comment)
    counts = {}
    for b in blocks:
        where = f"{b['path']}:{b['line']}"
        counts[b["path"]] = counts.get(b["path"], 0) + 1
        if not b["codes"]:
            err(where, f"'{b['name']}' has no code line")
        if b["type"] is None:
            err(where, f"'{b['name']}' has no type line")
        undated = [c for c in b["codes"] if c[1] is None]
        if len(undated) > 1:
            err(where, f"'{b['name']}' has {len(undated)} undated codes (one fallback at most)")
        for code, rng, ln in b["codes"]:
            cw = f"{b['path']}:{ln}"
            if not CODE_RE.match(code):
                err(cw, f"bad code '{code}'")
            elif code[:3] not in places:
                err(cw, f"code '{code}' starts with unknown country or sector '{code[:3]}'")
            if rng is not None:
                check_range(rng, cw)
        seen = {}
        for name, ln, comment in b["names"]:
            k = key(name)
            if k in seen:
                err(f"{b['path']}:{ln}", f"'{name}' repeats '{seen[k]}' in the same block")
                continue
            seen[k] = name
            owners.setdefault(k, []).append((b, name, ln, comment))

    for k, lst in owners.items():
        if len(lst) < 2:
            continue
        if any("shared" in c for _, _, _, c in lst):
            continue
        first = lst[0]
        for b, name, ln, _ in lst[1:]:
            err(f"{b['path']}:{ln}",
                f"'{name}' is also a name of '{first[0]['name']}' "
                f"({first[0]['path']}:{first[2]}); mark a deliberate share with a '# shared ...' comment")

    phrases = {}
    nagents = 0
    for fn in sorted(os.listdir(agent_dir)) if os.path.isdir(agent_dir) else []:
        if not fn.endswith(".txt"):
            continue
        path = os.path.join(agent_dir, fn)
        with open(path, encoding="utf-8") as f:
            for ln, raw in enumerate(f, 1):
                where = f"{path}:{ln}"
                text, _ = split_comment(raw.rstrip("\n"))
                if not text.strip():
                    continue
                parts = text.split(None, 2)
                if len(parts) < 3 or parts[0] != "agent":
                    err(where, "expected 'agent CODE phrase, phrase, ...'")
                    continue
                code = parts[1]
                if code not in ROLE_CODES:
                    err(where, f"unknown agent code '{code}'")
                for p in parts[2].split(","):
                    p = p.strip()
                    if not p:
                        err(where, "empty phrase")
                        continue
                    nagents += 1
                    k = key(p)
                    if k in phrases:
                        err(where, f"agent phrase '{p}' already listed at {phrases[k]}")
                    else:
                        phrases[k] = where
                    if k in owners:
                        warn(where, f"agent phrase '{p}' is also an actor name "
                                    f"('{owners[k][0][0]['name']}')")

    for path in sorted(counts):
        print(f"{path}: {counts[path]} entries")
    print(f"{agent_dir}: {nagents} agent phrases")
    print(f"{errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
