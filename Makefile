# Frontline — the README's two commands are `make demo` and `make test`.
SWIFT ?= swift
PREFIX ?= /usr
DESTDIR ?=
CONFIG_DIR ?= /etc/frontline

.PHONY: all deps build release demo test stress bench install clean

all: build

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: build
	scripts/demo.sh

# The whole suite: unit, store, service, end-to-end (real frontlined, real journald, sd_notify).
# Suites that touch machine-wide state serialise themselves.
test: deps
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/run-tests

# The same tests at a larger scale (FRONTLINE_STRESS=1 raises the counts in tests that scale).
stress: deps
	$(SWIFT) build --build-tests
	FRONTLINE_STRESS=1 SWIFT=$(SWIFT) scripts/run-tests
	scripts/check-syndication

bench: release
	@echo "bench: the benchmark suite is not written yet (see the performance issue); nothing measured." >&2
	@exit 1

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(CONFIG_DIR)/lexicon $(DESTDIR)$(PREFIX)/share/frontline/lexicon
	install -m 0755 .build/release/frontlined .build/release/frontlinectl $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 Config/frontline.toml $(DESTDIR)$(CONFIG_DIR)/frontline.toml
	install -m 0644 Config/lexicon/* $(DESTDIR)$(PREFIX)/share/frontline/lexicon/
	install -D -m 0644 systemd/frontline.service $(DESTDIR)$(PREFIX)/lib/systemd/system/frontline.service
	install -D -m 0644 systemd/frontline.socket $(DESTDIR)$(PREFIX)/lib/systemd/system/frontline.socket
	install -D -m 0644 systemd/frontline.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/frontline.conf
	install -D -m 0644 systemd/frontline.tmpfiles $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/frontline.conf
	install -D -m 0644 systemd/frontline.catalog $(DESTDIR)$(PREFIX)/lib/systemd/catalog/frontline.catalog

clean:
	rm -rf .build
