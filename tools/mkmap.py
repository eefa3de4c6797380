#!/usr/bin/env python3
"""mkmap.py -- builds data/map/countries.tsv, the world map of `parley report`.

Country outlines come from DCW-GMT (the Digital Chart of the World as
packaged for GMT; Debian package gmt-dcw, LGPL-3+), dumped country by
country with GMT's `coast -E CODE -M` (Debian package gmt), simplified
with Douglas-Peucker and quantized to 0.1 degree, so that the whole world
is a few hundred kilobytes. ISO alpha-3 codes come from Debian's iso-codes.

usage: python3 tools/mkmap.py [OUT]      (default data/map/countries.tsv)
needs: apt-get install gmt gmt-dcw iso-codes

Output, one line per country (after '#' comment lines):
    ISO2 <TAB> ISO3 <TAB> name <TAB> SVG path data
The path is in tenths of a degree of an equirectangular projection:
x = longitude * 10, y = -latitude * 10 (north up), each ring "M x y",
then relative "l" steps, closed by "z". A ring that crosses the 180th
meridian is unwrapped and written twice, 360 degrees apart, so that the
report's viewBox (-1800 .. 1800) clips it into both halves of the map.
Antarctica is left out (the report's map ends at 58 degrees south).
"""
import json
import math
import shutil
import subprocess
import sys
import tempfile

TOLERANCE = 0.1      # Douglas-Peucker tolerance, degrees (0.36 deg is a pixel at 1000 px)
MIN_AREA = 0.05      # rings smaller than this (square degrees) are dropped, except
                     # a country's largest ring, so that small islands states stay
DCW_LIST = "/usr/share/gmt-dcw/dcw-countries.txt"
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
SKIP = {"AQ"}


def segments(code, workdir):
    # run in a scratch directory: GMT leaves a gmt.history file behind
    out = subprocess.run(["gmt", "coast", "-Rd", "-E" + code, "-M"], check=True, cwd=workdir,
                         capture_output=True, text=True).stdout
    rings, cur = [], []
    for line in out.splitlines():
        if line.startswith(">"):
            if cur:
                rings.append(cur)
            cur = []
            continue
        f = line.split()
        if len(f) >= 2:
            cur.append((float(f[0]), float(f[1])))
    if cur:
        rings.append(cur)
    return rings


def unwrap(ring):
    """Makes longitudes continuous across the 180th meridian."""
    out = [ring[0]]
    shift = 0.0
    for (x0, _), (x, y) in zip(ring, ring[1:]):
        if x - x0 > 180:
            shift -= 360
        elif x0 - x > 180:
            shift += 360
        out.append((x + shift, y))
    return out


def area(ring):
    s = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        s += x0 * y1 - x1 * y0
    return abs(s) / 2


def dp(pts, eps):
    """Douglas-Peucker, iterative; keeps the first and last points."""
    n = len(pts)
    if n < 3:
        return pts
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        (xa, ya), (xb, yb) = pts[a], pts[b]
        dx, dy = xb - xa, yb - ya
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            x, y = pts[i]
            if norm == 0:
                d = math.hypot(x - xa, y - ya)
            else:
                d = abs(dy * (x - xa) - dx * (y - ya)) / norm
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > eps:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(pts, keep) if k]


def simplify_ring(ring):
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 3:
        return []
    # split the closed ring at its farthest point so both halves have ends
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    a = dp(ring[:far + 1], TOLERANCE)
    b = dp(ring[far:] + ring[:1], TOLERANCE)
    pts = a[:-1] + b[:-1]
    q = []
    for x, y in pts:
        p = (round(x * 10), round(-y * 10))
        if not q or q[-1] != p:
            q.append(p)
    while len(q) > 1 and q[0] == q[-1]:
        q.pop()
    return q if len(q) >= 3 else []


def path(q, dx=0):
    x0, y0 = q[0]
    parts = ["M%d %d" % (x0 + dx, y0)]
    steps = []
    for (xa, ya), (xb, yb) in zip(q, q[1:]):
        steps.append("%d%s%d" % (xb - xa, " " if yb - ya >= 0 else "", yb - ya))
    # numbers are separated by a space unless the next one has a sign
    s = ""
    for st in steps:
        s += st if (not s or st.startswith("-")) else " " + st
    parts.append("l" + s + "z")
    return "".join(parts)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else "data/map/countries.tsv"
    iso = {c["alpha_2"]: c["alpha_3"] for c in json.load(open(ISO_JSON))["3166-1"]}
    countries = []
    for line in open(DCW_LIST, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        _, code, name = line.rstrip("\n").split(None, 2)
        if code in SKIP:
            continue
        countries.append((code, name))
    lines = []
    workdir = tempfile.mkdtemp(prefix="mkmap-")
    for code, name in sorted(countries):
        rings = [unwrap(r) for r in segments(code, workdir)]
        rings = [r for r in rings if len(r) >= 3]
        if not rings:
            continue
        big = max(rings, key=area)
        ds = []
        for r in rings:
            if r is not big and area(r) < MIN_AREA:
                continue
            q = simplify_ring(r)
            if not q:
                continue
            ds.append(path(q))
            xs = [x for x, _ in q]
            if max(xs) > 1800:
                ds.append(path(q, -3600))
            if min(xs) < -1800:
                ds.append(path(q, 3600))
        if ds:
            lines.append("%s\t%s\t%s\t%s" % (code, iso.get(code, ""), name, "".join(ds)))
    shutil.rmtree(workdir, ignore_errors=True)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# parley world map: country outlines for `parley report` (docs/report.md).\n"
                "# Generated by tools/mkmap.py from DCW-GMT (Digital Chart of the World for GMT,\n"
                "# Debian package gmt-dcw, LGPL-3-or-later; see data/README.md). Do not edit.\n"
                "# ISO2 TAB ISO3 TAB name TAB SVG path in tenths of a degree (x = lon, y = -lat)\n")
        for l in lines:
            f.write(l + "\n")


if __name__ == "__main__":
    main()
