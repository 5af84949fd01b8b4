# Frontline — the README's two commands are `make demo` and `make test`.
SWIFT ?= swift
PREFIX ?= /usr
DESTDIR ?=
CONFIG_DIR ?= /etc/frontline

.PHONY: all deps outline build release demo test stress bench install install-files clean

all: build

deps:
	@scripts/install-deps

# The map's coast and border outline, converted from Debian's GSHHG data with GMT (not in git).
outline: Config/map/outline.json
Config/map/outline.json: scripts/make-outline
	scripts/make-outline $@

build: deps outline
	$(SWIFT) build

# The Swift runtime and Foundation are linked in, so the binaries run where no Swift toolchain is
# installed and start about 6 ms sooner (no dynamic symbol binding across twenty libraries). Built
# product by product: GRDB's dynamic library product cannot take the static runtime.
RELEASE_PRODUCTS ?= frontlined frontlinectl frontline-bench
release: deps outline
	for product in $(RELEASE_PRODUCTS); do $(SWIFT) build -c release --static-swift-stdlib --product $$product || exit 1; done

demo: build
	scripts/demo.sh

# The whole suite: unit, store, service, end-to-end (real frontlined, real journald, sd_notify).
# Suites that touch machine-wide state serialise themselves.
test: deps outline
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/run-tests

# The same tests at a larger scale (FRONTLINE_STRESS=1 raises the counts in tests that scale).
stress: deps outline
	$(SWIFT) build --build-tests
	FRONTLINE_STRESS=1 SWIFT=$(SWIFT) scripts/run-tests
	scripts/check-syndication

# The performance figures of docs/performance.md, against their targets (never part of `make test`).
# A release build, a corpus built from FA-KES and the seeds, then one run of every part; the
# table is printed and written to .build-bench/results.md. BENCH_ARGS takes frontline-bench
# options, e.g. BENCH_ARGS="--only extract log".
BENCH_DIR ?= .build-bench
BENCH_ARGS ?=
bench: release
	scripts/bench-corpus $(BENCH_DIR)/corpus
	.build/release/frontline-bench --bin .build/release --corpus $(BENCH_DIR)/corpus --out $(BENCH_DIR)/results.md $(BENCH_ARGS)

# Installs what `make release` built. `make install-files` installs without building, from
# $(BUILD_BIN) (the booted-systemd test installs the debug build into its container this way).
install: release install-files

BUILD_BIN ?= .build/release
UNITDIR ?= $(PREFIX)/lib/systemd/system
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(CONFIG_DIR) $(DESTDIR)$(PREFIX)/share/frontline/lexicon \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man8 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d $(DESTDIR)$(PREFIX)/share/doc/frontline
	install -m 0755 $(BUILD_BIN)/frontlined $(BUILD_BIN)/frontlinectl $(DESTDIR)$(PREFIX)/bin/
	# The default config is installed once: an operator's edits are never overwritten.
	test -e $(DESTDIR)$(CONFIG_DIR)/frontline.toml || install -m 0644 Config/frontline.toml $(DESTDIR)$(CONFIG_DIR)/frontline.toml
	install -m 0644 Config/lexicon/* $(DESTDIR)$(PREFIX)/share/frontline/lexicon/
	install -d $(DESTDIR)$(PREFIX)/share/frontline/hooks $(DESTDIR)$(PREFIX)/share/frontline/map
	test ! -e Config/map/outline.json || install -m 0644 Config/map/outline.json $(DESTDIR)$(PREFIX)/share/frontline/map/
	install -m 0755 Config/hooks/* $(DESTDIR)$(PREFIX)/share/frontline/hooks/
	install -D -m 0644 systemd/frontline.service $(DESTDIR)$(UNITDIR)/frontline.service
	install -D -m 0644 systemd/frontline.socket $(DESTDIR)$(UNITDIR)/frontline.socket
	install -D -m 0644 systemd/frontline.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/frontline.conf
	install -D -m 0644 systemd/frontline.tmpfiles $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/frontline.conf
	install -D -m 0644 systemd/frontline.catalog $(DESTDIR)$(PREFIX)/lib/systemd/catalog/frontline.catalog
	install -m 0644 docs/man/frontlinectl.1 $(DESTDIR)$(PREFIX)/share/man/man1/frontlinectl.1
	install -m 0644 docs/man/frontlined.8 $(DESTDIR)$(PREFIX)/share/man/man8/frontlined.8
	$(BUILD_BIN)/frontlinectl --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/frontlinectl
	$(BUILD_BIN)/frontlinectl --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_frontlinectl
	$(BUILD_BIN)/frontlinectl --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/frontlinectl.fish
	$(BUILD_BIN)/frontlined --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/frontlined
	$(BUILD_BIN)/frontlined --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_frontlined
	$(BUILD_BIN)/frontlined --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/frontlined.fish
	install -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/frontline/README.md
	@echo "installed under $(DESTDIR)$(PREFIX). On the target: systemd-sysusers; systemd-tmpfiles --create;"
	@echo "journalctl --update-catalog; systemctl daemon-reload; systemctl enable --now frontline.socket"

clean:
	rm -rf .build
