#!/usr/bin/env python3
"""mkgazetteer.py: builds data/places/gazetteer.tsv, parley's gazetteer.

Build-time only; the generated file is committed, so a normal build needs
none of this (rule in mk/places.mk, format in docs/places.md).

Inputs:
  --cities FILE   the GeoNames cities table of Debian's libgeonames0 (data
                  CC BY 4.0, geonames.org), extracted from the library's
                  GResource with `gresource extract`: a serialized GVariant
                  of type a(sssssssudd), one record per city: GeoNames id,
                  name, admin1 code, admin1 name, country code, country name,
                  time zone, population, latitude, longitude. It is read
                  here as data; nothing of libgeonames (GPL-3) is linked.
  --iso1 FILE     /usr/share/iso-codes/json/iso_3166-1.json (iso-codes)
  --iso2 FILE     /usr/share/iso-codes/json/iso_3166-2.json (iso-codes)
  --countries F   data/places/src/countries.tsv (hand-written: FIPS codes,
                  news names, coordinates of territories without cities)
  -o FILE         output

Output records (tab-separated; see docs/places.md):
  C ISO2 ISO3 FIPS LAT LON POP NAME ALIASES          a country
  A ISO2 ADM1 ISO3166-2 LAT LON POP NAME ALIASES     a first-level subdivision
  P GEONAMEID ISO2 ADM1 LAT LON POP NAME ALIASES     a populated place
Countries and subdivisions take as coordinates the population-weighted
centre of their cities (on the sphere, so that countries across the
antimeridian come out right) and as population the sum of their cities'.
"""
import argparse
import json
import math
import struct
import sys
import unicodedata


def fail(msg):
    sys.exit("mkgazetteer: " + msg)


# ---- GVariant a(sssssssudd) -------------------------------------------------
# GVariant framing: a container of variable-size children ends with a table
# of child end offsets, each as wide as the container's size needs (1, 2, 4
# or 8 bytes); a struct lists the ends of its non-last variable children in
# reverse order; fixed-size members are aligned to their own size.

def _osize(n):
    return 0 if n == 0 else 1 if n <= 0xFF else 2 if n <= 0xFFFF else 4 if n <= 0xFFFFFFFF else 8


def _uint(b, off, size):
    return int.from_bytes(b[off:off + size], "little")


def read_cities(path):
    data = open(path, "rb").read()
    n = len(data)
    osz = _osize(n)
    if n < osz:
        fail(f"{path}: empty")
    table = _uint(data, n - osz, osz)
    if table > n or (n - table) % osz:
        fail(f"{path}@{n - osz}: bad array framing")
    count = (n - table) // osz
    out = []
    start = 0
    for i in range(count):
        end = _uint(data, table + i * osz, osz)
        if end < start or end > table:
            fail(f"{path}@{table + i * osz}: bad element end {end}")
        el = data[start:end]
        size = len(el)
        so = _osize(size)
        strs = []
        pos = 0
        for k in range(7):
            e = _uint(el, size - so * (k + 1), so)
            if e <= pos or e > size or el[e - 1] != 0:
                fail(f"{path}@{start}: bad string framing in record {i}")
            strs.append(el[pos:e - 1].decode("utf-8"))
            pos = e
        pos = (pos + 3) & ~3
        (pop,) = struct.unpack_from("<I", el, pos)
        pos = (pos + 4 + 7) & ~7
        lat, lon = struct.unpack_from("<dd", el, pos)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            fail(f"{path}@{start}: coordinates out of range in record {i}")
        gid, name, adm1, adm1name, cc, _cname, _tz = strs
        out.append(dict(id=int(gid), name=name, adm1=adm1, adm1name=adm1name, cc=cc, pop=pop,
                        lat=lat, lon=lon))
        start = (end + 7) & ~7  # the next element is aligned to 8 (doubles)
    return out


# ---- names ------------------------------------------------------------------

def fold(s):
    """Match form: no accents, lower case, no dots or apostrophes."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("’", "").replace("'", "").replace("ʼ", "").replace(".", "")
    return " ".join(s.replace("-", " ").split())


GENERIC_PREFIX = ["state of ", "imarat ", "provincia de ", "provincia del ", "province of ",
                  "departamento de ", "departamento del ", "region de ", "region del ",
                  "wilayat ", "muhafazat ", "governorate of ", "mintaqat ", "canton of ",
                  "estado de ", "republic of "]
GENERIC_SUFFIX = [" oblast", " oblast", " region", " governorate", " province", " prefecture",
                  " municipality", " city", " district", " county", " emirate", " krai",
                  " kray", " republic", " state", " voivodeship", " department", " division",
                  " territory", " autonomous region", " special administrative region",
                  " autonomous community", " autonomous okrug", " parish", " canton",
                  " metropolitan", " capital district", " federal district", " sar",
                  " oblasti", " vilayeti", " ili", " rayon", " mkoa", " wilaya"]


# What is left of "Northern District" or "Central Region" is not a name.
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "central", "capital", "upper", "lower", "greater", "coast", "middle", "far",
                 "new", "great", "inner", "outer", "north east", "north west", "south east",
                 "south west", "northeast", "northwest", "southeast", "southwest", "national",
                 "federal", "autonomous", "special", "island", "islands", "mountain", "river",
                 "lake", "sea", "valley", "highland", "highlands", "interior", "metropolitan",
                 "centre", "center", "nord", "sud", "est", "ouest", "norte", "sur", "este",
                 "oeste", "centro", "centre est", "centre ouest", "centre nord", "centre sud",
                 "nord est", "nord ouest", "sud est", "sud ouest", "littoral", "plateau",
                 "plateaux", "coast", "maritime", "border", "frontier", "east end", "west end"}


def strip_generic(name):
    """'Donetsk Oblast' -> 'Donetsk', 'State of Maine' -> 'Maine'; '' when
    nothing generic is there or too little would be left."""
    f = fold(name)
    g = f
    for p in GENERIC_PREFIX:
        if g.startswith(p):
            g = g[len(p):]
    changed = True
    while changed:
        changed = False
        for s in GENERIC_SUFFIX:
            if g.endswith(s) and len(g) - len(s) >= 3:
                g = g[:-len(s)]
                changed = True
    if g == f or len(g) < 3 or g in GENERIC_WORDS:
        return ""
    # Keep the original spelling for the words that remain.
    words = name.replace("’", "'").split()
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if fold(" ".join(words[i:j])) == g:
                return " ".join(words[i:j])
    return ""


def clean_field(s):
    if "\t" in s or "\n" in s or "|" in s:
        fail(f"name with a tab, newline or '|': {s!r}")
    return s


# ---- geometry -----------------------------------------------------------------

def centre(points):
    """Population-weighted centre on the sphere of (lat, lon, weight)."""
    x = y = z = 0.0
    for lat, lon, w in points:
        w = max(w, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    r = math.sqrt(x * x + y * y + z * z)
    if r == 0:
        return points[0][0], points[0][1]
    return math.degrees(math.asin(z / r)), math.degrees(math.atan2(y, x))


# ---- main ---------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cities", required=True)
    ap.add_argument("--iso1", required=True)
    ap.add_argument("--iso2", required=True)
    ap.add_argument("--countries", required=True)
    ap.add_argument("-o", required=True)
    a = ap.parse_args()

    cities = read_cities(a.cities)
    iso1 = {x["alpha_2"]: x for x in json.load(open(a.iso1, encoding="utf-8"))["3166-1"]}
    iso2 = json.load(open(a.iso2, encoding="utf-8"))["3166-2"]

    countries = {}
    for ln, line in enumerate(open(a.countries, encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) != 7:
            fail(f"{a.countries}:{ln}: expected 7 tab-separated fields, got {len(f)}")
        cc, cc3, fips, name, lat, lon, aliases = f
        if cc in countries:
            fail(f"{a.countries}:{ln}: country {cc} given twice")
        names = [name] + ([] if aliases == "-" else aliases.split("|"))
        x = iso1.get(cc)
        if x:
            for k in ("name", "common_name", "official_name"):
                v = x.get(k)
                if v and "," not in v and "(" not in v and v not in names:
                    names.append(v)
        countries[cc] = dict(cc3=cc3, fips=fips, names=names,
                             lat=None if lat == "-" else float(lat),
                             lon=None if lon == "-" else float(lon), pop=0, pts=[])

    adm = {}
    for c in cities:
        if c["cc"] not in countries:
            fail(f"city {c['id']} {c['name']}: country {c['cc']} not in {a.countries}")
        k = (c["cc"], c["adm1"])
        if c["adm1"] and c["adm1"] != "00":
            d = adm.setdefault(k, dict(names={}, pts=[], pop=0))
            d["names"][c["adm1name"]] = d["names"].get(c["adm1name"], 0) + 1
            d["pts"].append((c["lat"], c["lon"], c["pop"]))
            d["pop"] += c["pop"]
        co = countries[c["cc"]]
        co["pts"].append((c["lat"], c["lon"], c["pop"]))
        co["pop"] += c["pop"]

    # ISO 3166-2 top-level subdivisions by country, for codes and names.
    subs = {}
    for s in iso2:
        if "parent" in s:
            continue
        cc = s["code"].split("-")[0]
        subs.setdefault(cc, []).append(s)

    out = []
    nC = nA = nP = 0
    for cc in sorted(countries):
        co = countries[cc]
        if co["lat"] is None:
            if not co["pts"]:
                fail(f"country {cc} has no city and no coordinates in {a.countries}")
            co["lat"], co["lon"] = centre(co["pts"])
        names = [clean_field(n) for n in co["names"]]
        out.append(["C", cc, co["cc3"], co["fips"], "%.4f" % co["lat"], "%.4f" % co["lon"],
                    str(co["pop"]), names[0], "|".join(names[1:])])
        nC += 1

    # ISO 3166-2 codes: exact names first, then a shared 5-letter stem; a
    # code goes to one subdivision only, and an unclear match to none.
    def stem(n):
        return fold(strip_generic(n) or n)

    iso_of = {}
    taken = set()
    for exact in (True, False):
        for (cc, code) in sorted(adm):
            if (cc, code) in iso_of:
                continue
            d = adm[(cc, code)]
            keys = {fold(n) for n in d["names"]} | {stem(n) for n in d["names"]}
            if exact:
                cands = [s for s in subs.get(cc, []) if fold(s["name"]) in keys or stem(s["name"]) in keys]
            else:
                cands = [s for s in subs.get(cc, [])
                         if any(len(k) >= 5 and stem(s["name"])[:5] == k[:5] for k in keys)]
            cands = [s for s in cands if s["code"] not in taken]
            if len(cands) == 1:
                iso_of[(cc, code)] = cands[0]
                taken.add(cands[0]["code"])
    iso_matched = len(iso_of)
    for (cc, code) in sorted(adm):
        d = adm[(cc, code)]
        name = max(d["names"].items(), key=lambda kv: (kv[1], kv[0]))[0]
        names = [name]
        for n in d["names"]:
            if n not in names:
                names.append(n)
        base = strip_generic(name)
        if base and base not in names:
            names.append(base)
        iso_code = "-"
        s = iso_of.get((cc, code))
        if s:
            iso_code = s["code"]
            if not any(c in s["name"] for c in ",[(") and s["name"] not in names:
                names.append(s["name"])
        lat, lon = centre(d["pts"])
        out.append(["A", cc, code, iso_code, "%.4f" % lat, "%.4f" % lon, str(d["pop"]),
                    clean_field(names[0]), "|".join(clean_field(n) for n in names[1:])])
        nA += 1

    seen = set()
    for c in sorted(cities, key=lambda c: (c["cc"], c["adm1"], c["name"], c["id"])):
        if c["id"] in seen:
            fail(f"city {c['id']} given twice")
        seen.add(c["id"])
        adm1 = c["adm1"] if (c["cc"], c["adm1"]) in adm else "-"
        out.append(["P", str(c["id"]), c["cc"], adm1, "%.5f" % c["lat"], "%.5f" % c["lon"],
                    str(c["pop"]), clean_field(c["name"]), ""])
        nP += 1

    with open(a.o, "w", encoding="utf-8", newline="\n") as f:
        f.write("parley-gazetteer\t1\n")
        f.write("# GENERATED by tools/mkgazetteer.py; do not edit (see docs/places.md).\n"
                "# Cities: GeoNames (geonames.org) via Debian's libgeonames0, CC BY 4.0.\n"
                "# Country and subdivision names: Debian iso-codes (LGPL-2.1+) and\n"
                "# data/places/src/countries.tsv; coordinates of countries and subdivisions\n"
                "# are population-weighted centres of their GeoNames cities.\n"
                f"# {nC} countries, {nA} subdivisions, {nP} places; "
                f"{iso_matched} subdivisions matched to ISO 3166-2.\n"
                "# kind\tkey...\tlat\tlon\tpopulation\tname\taliases ('|'-separated)\n")
        for r in out:
            f.write("\t".join(r) + "\n")
        f.write(f"end\t{len(out)}\n")
    print(f"mkgazetteer: {a.o}: {nC} countries, {nA} subdivisions ({iso_matched} with ISO 3166-2 "
          f"codes), {nP} places", file=sys.stderr)


if __name__ == "__main__":
    main()
