# mk/report.mk: the world map of `parley report` (docs/report.md).
# Included from the top-level Makefile. data/map/countries.tsv is generated
# and committed, so a normal build needs none of this.
#
#   make map        regenerate data/map/countries.tsv from DCW-GMT country
#                   outlines (LGPL-3+); needs: apt-get install gmt gmt-dcw
#                   iso-codes python3 (about a minute and a half)
#
# build/tools/benchreport (tools/benchreport.c) is built by the generic
# build/tools/% rule of the Makefile, for tools/bench-report.sh.

.PHONY: map

map: tools/mkmap.py
	@command -v gmt >/dev/null || { echo "map: gmt not found (apt-get install gmt gmt-dcw)" >&2; exit 1; }
	@mkdir -p data/map
	python3 tools/mkmap.py data/map/countries.tsv.tmp && mv data/map/countries.tsv.tmp data/map/countries.tsv
