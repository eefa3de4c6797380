# mk/data.mk: rules that regenerate shipped data files.  Included from the
# top-level Makefile.  The generated files are committed, so a normal build
# needs none of this; run `make data/actors/countries.txt` after editing
# data/src/countries.in (needs Debian's iso-codes and libcjson-dev).

ISO_3166_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
TOOLS_CC      ?= cc
TOOLS_CFLAGS  ?= -std=c11 -O2 -Wall -Wextra -Werror
CJSON_CFLAGS  ?= $(shell pkg-config --cflags libcjson)
CJSON_LIBS    ?= $(shell pkg-config --libs libcjson)

build/tools/mkcountries: tools/mkcountries.c
	@mkdir -p build/tools
	$(TOOLS_CC) $(TOOLS_CFLAGS) $(CJSON_CFLAGS) -o $@ tools/mkcountries.c $(CJSON_LIBS)

data/actors/countries.txt: tools/mkcountries.c data/src/countries.in build/tools/mkcountries
	build/tools/mkcountries $(ISO_3166_JSON) data/src/countries.in $@

.PHONY: countries
countries: data/actors/countries.txt
