# mk/places.mk: the gazetteer (data/places) and place-resolution tooling.
# Included from the top-level Makefile. data/places/gazetteer.tsv is
# generated and committed, so a normal build needs none of this.
#
#   make places         regenerate data/places/gazetteer.tsv from Debian's
#                       libgeonames0 (GeoNames cities, CC BY 4.0) and
#                       iso-codes; needs: apt-get install libgeonames-dev
#                       (pulls libgeonames0) libglib2.0-bin iso-codes python3
#   make eval-places    accuracy on tests/data/places (docs/places.md);
#                       MODEL=FILE or MODEL=none to choose the parse
#
# The cities table is read as data out of the library's GResource with
# glib's `gresource extract`; nothing of libgeonames (GPL-3) is linked.

GEONAMES_SO   ?= $(firstword $(wildcard /usr/lib/*/libgeonames.so.0 /usr/lib/libgeonames.so.0))
GEONAMES_RES  ?= /com/lomiri/geonames/cities.compiled
PLACES_ISO1   ?= /usr/share/iso-codes/json/iso_3166-1.json
PLACES_ISO2   ?= /usr/share/iso-codes/json/iso_3166-2.json
PLACES_TESTS  ?= $(sort $(wildcard tests/data/places/*.tsv))

.PHONY: places eval-places

build/places/cities.compiled:
	@if [ -z "$(GEONAMES_SO)" ]; then \
	  echo "places: libgeonames.so.0 not found (apt-get install libgeonames-dev)" >&2; exit 1; fi
	@mkdir -p $(dir $@)
	gresource extract $(GEONAMES_SO) $(GEONAMES_RES) > $@.tmp && mv $@.tmp $@

places: build/places/cities.compiled tools/mkgazetteer.py data/places/src/countries.tsv
	python3 tools/mkgazetteer.py --cities build/places/cities.compiled \
	  --iso1 $(PLACES_ISO1) --iso2 $(PLACES_ISO2) \
	  --countries data/places/src/countries.tsv -o data/places/gazetteer.tsv

eval-places: build/tools/eval-places
	build/tools/eval-places $(if $(filter none,$(MODEL)),--no-model,$(if $(MODEL),--model $(MODEL))) $(PLACES_TESTS)
