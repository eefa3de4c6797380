# parley — build, test, install.
#
#   make            library (build/libparley.a, build/libparley.so) and build/parley
#   make check      every test, under AddressSanitizer + UndefinedBehaviorSanitizer
#   make setup      install Debian packages, build, code the example article
#   make bench      throughput figures (optimised build)
#   make install PREFIX=/usr/local

PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := libutf8proc libcjson libxml-2.0 zlib sqlite3
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) $(CFLAGS) \
             -Iinclude -Isrc -Icli $(shell pkg-config --cflags $(PKGS))
LIBS     = $(shell pkg-config --libs $(PKGS)) -lm
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC  := $(sort $(wildcard src/*/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))

OBJ      := $(LIB_SRC:%.c=build/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=build/obj/%.o)
SAN_OBJ  := $(LIB_SRC:%.c=build/san/%.o)
SAN_CLI  := $(CLI_SRC:%.c=build/san/%.o)
SAN_TEST := $(TEST_SRC:tests/unit/%.c=build/san/tests/%)

.PHONY: all check setup deps demo bench install clean eval-text eval-coder
all: build/parley build/libparley.a build/libparley.so

-include mk/*.mk

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=default -MMD -MP -c $< -o $@

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC [san] $<"
	@$(CC) $(ALL_CFLAGS) $(SAN) -O1 -MMD -MP -c $< -o $@

build/libparley.a: $(OBJ)
	@rm -f $@
	@echo "AR $@"
	@ar rcs $@ $^

build/libparley.so: $(OBJ)
	@echo "LD $@"
	@$(CC) -shared -Wl,-soname,libparley.so.0 -o $@ $^ $(LIBS)

build/parley: $(CLI_OBJ) build/libparley.a
	@echo "LD $@"
	@$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) build/libparley.a $(LIBS)

build/san/parley: $(SAN_CLI) $(SAN_OBJ)
	@echo "LD $@"
	@$(CC) $(SAN) -o $@ $^ $(LIBS)

build/san/tests/%: tests/unit/%.c $(SAN_OBJ) tests/unit/t.h
	@mkdir -p $(dir $@)
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) $(SAN) -O1 -Itests/unit -o $@ $< $(SAN_OBJ) $(LIBS)

check: build/san/parley $(SAN_TEST)
	@sh tests/run.sh build/san/parley $(SAN_TEST)

# Installs what parley needs on Debian 12 (as root), skipping what is there.
deps:
	@sh tools/deps.sh

demo: build/parley
	build/parley code --date 2025-03-04 examples/article.txt

setup: deps
	$(MAKE) all
	$(MAKE) demo

eval-text: build/parley build/tools/evaltext
	@sh tools/eval-text.sh $(UD)

eval-coder: build/parley build/tools/evalcoder
	@sh tools/eval-coder.sh $(EVAL)

build/tools/runstat: tools/runstat.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

build/tools/%: tools/%.c build/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libparley.a $(LIBS)

bench: build/parley build/tools/runstat
	@sh tools/bench.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/parley
	install -m 755 build/parley $(DESTDIR)$(PREFIX)/bin/parley
	install -m 644 build/libparley.a $(DESTDIR)$(PREFIX)/lib/libparley.a
	install -m 755 build/libparley.so $(DESTDIR)$(PREFIX)/lib/libparley.so.0
	ln -sf libparley.so.0 $(DESTDIR)$(PREFIX)/lib/libparley.so
	install -m 644 include/parley.h $(DESTDIR)$(PREFIX)/include/parley.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/.*PARLEY_VERSION "\(.*\)"/\1/p' include/parley.h)|g' \
	  parley.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/parley.pc
	install -m 644 docs/parley.1 $(DESTDIR)$(PREFIX)/share/man/man1/parley.1
	cp -r data/. $(DESTDIR)$(PREFIX)/share/parley/

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(SAN_CLI:.o=.d)
