# housing-charts: the two commands of the README, and their parts.
#
#   make serve       install what is missing, build, serve www/ on http://127.0.0.1:$(PORT)/
#   make test        install what is missing, run every test (native, wasm in headless
#                    Chromium, node browser tests under tests/browser/ if any, some
#                    of them in Firefox and WebKit too)
#
#   make setup       only install what is missing (.ci/setup; idempotent)
#   make cli         install the command-line renderer (housing-charts render SPEC -o OUT.png)
#   make build       release wasm -> www/pkg/ (wasm-bindgen + wasm-opt), data -> www/data/
#   make size        shipped size of www/pkg (raw and gzip -9)
#   make package     the npm package (npm pack) -> target/npm/housing-charts-X.Y.Z.tgz
#   make screenshot  full-page PNG of the gallery -> target/screenshots/gallery.png
#   make fuzz        a long property run of spec text -> SVG (FUZZ_CASES, 1,000,000)
#   make clean       remove generated files (target/, www/pkg/, www/data/)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

PORT ?= 8000

# cargo-installed tools (wasm-bindgen, wasm-bindgen-test-runner) live here; a
# fresh shell from rustup may not have it on PATH yet.
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)

# wasm tests: cargo runs each wasm test binary with wasm-bindgen-test-runner,
# which drives Debian's chromium through chromedriver with the capabilities in
# webdriver.json (headless, --no-sandbox for root, device scale factor 2).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON ?= $(CURDIR)/webdriver.json
export WASM_BINDGEN_TEST_TIMEOUT ?= 120
# The browser for node tests (playwright-core) and `make screenshot`.
export CHROMIUM_PATH ?= /usr/bin/chromium

WASM_TARGET := wasm32-unknown-unknown
CRATE := housing_charts
RELEASE_WASM := target/$(WASM_TARGET)/release/$(CRATE).wasm
PKG := www/pkg
WASM_OPT := node_modules/.bin/wasm-opt
# The features rustc enables by default for wasm32-unknown-unknown
# (`rustc --print cfg --target wasm32-unknown-unknown`) plus the two LLVM
# implies; wasm-opt fails on a module that uses a feature it was not given.
WASM_OPT_FLAGS := -Oz --strip-debug --strip-producers \
	--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-mutable-globals --enable-reference-types \
	--enable-multivalue --enable-call-indirect-overlong

# Every step that installs something goes through here; `make test` runs it
# once and passes SKIP_SETUP=1 to the steps after it.
SETUP := $(if $(SKIP_SETUP),@true,bash .ci/setup)

BROWSER_TESTS := $(wildcard tests/browser/*.test.mjs)

.PHONY: help setup cli build wasm pkg loader editor data size package serve test test-native test-wasm test-browser screenshot clean

help:
	@sed -n '2,14s/^# \{0,1\}//p' Makefile

setup:
	bash .ci/setup

# --- build ---------------------------------------------------------------------

# The command line (src/bin/housing-charts, feature `cli`, on by default) into
# $(CARGO_BIN); the Noto fonts it draws with come with `make setup`.
cli:
	$(SETUP)
	cargo install --locked --path .

build:
	$(SETUP)
	$(MAKE) SKIP_SETUP=1 pkg
	$(MAKE) SKIP_SETUP=1 loader
	$(MAKE) SKIP_SETUP=1 data
	$(MAKE) SKIP_SETUP=1 editor
	$(MAKE) SKIP_SETUP=1 size

# --no-default-features: the default `cli` feature adds nothing to the wasm
# (its crates are native-only), but a feature set is part of the crate's
# build hash, and with it the wasm came out 72 B smaller yet not identical;
# without it the wasm is byte for byte what it was before the CLI.
wasm:
	$(SETUP)
	cargo build --release --target $(WASM_TARGET) --lib --no-default-features

pkg: wasm
	rm -rf $(PKG)
	wasm-bindgen --target web --out-dir $(PKG) --out-name $(CRATE) $(RELEASE_WASM)
	$(WASM_OPT) $(WASM_OPT_FLAGS) -o $(PKG)/$(CRATE)_bg.wasm $(PKG)/$(CRATE)_bg.wasm

# The script-tag loader www/housing-charts.js (www/loader/, bundled by esbuild)
# and the glue factory it loads, pkg/housing_charts_factory.js.
loader:
	node .ci/build-loader.mjs

# The editor page's bundle www/editor.bundle.js (CodeMirror, the schema
# validator compiled ahead by ajv) and www/data/datasets.json; after `data`.
editor:
	node .ci/build-editor.mjs

data:
	rm -rf www/data
	cp -R data www/data
	node .ci/examples-index.mjs data/examples www/data/examples.json

# What a page with the script tag loads: the loader, the glue, the wasm.
size:
	@bash .ci/size www/housing-charts.js $(PKG)/$(CRATE)_factory.js $(PKG)/$(CRATE)_bg.wasm

# The npm package -> target/npm/housing-charts/ and target/npm/housing-charts-X.Y.Z.tgz
package: build
	node .ci/npm-package.mjs

# --- serve ---------------------------------------------------------------------

# Loopback only; .ci/serve.mjs prints the URL (sirv: .wasm is application/wasm).
serve: build
	@exec node .ci/serve.mjs www $(PORT)

# --- test ----------------------------------------------------------------------

# In this order; the first failure stops `make test` with a non-zero status.
test:
	bash .ci/setup
	$(MAKE) SKIP_SETUP=1 test-native
	$(MAKE) SKIP_SETUP=1 test-wasm
	$(MAKE) SKIP_SETUP=1 build
	$(MAKE) SKIP_SETUP=1 test-browser
	@echo "make test: all tests passed"

test-native:
	$(SETUP)
	cargo test

test-wasm:
	$(SETUP)
	cargo test --target $(WASM_TARGET)

# node --test browser tests (tests/browser/*.test.mjs) against the built www/;
# no test may take more than 5 minutes, so a hang fails by name. engines.test.mjs
# runs in Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver, Xvfb) too;
# ENGINES=firefox or ENGINES=webkit narrows it to one.
test-browser:
	$(SETUP)
ifneq ($(BROWSER_TESTS),)
	@test -f $(PKG)/$(CRATE).js || { echo "test-browser: run 'make build' first" >&2; exit 1; }
	node --test --test-timeout=300000 $(BROWSER_TESTS)
else
	@echo "test-browser: no tests/browser/*.test.mjs; skipped"
endif

# --- screenshot ----------------------------------------------------------------

screenshot: build
	node .ci/screenshot.mjs www target/screenshots/gallery.png

clean:
	cargo clean
	rm -rf $(PKG) www/data www/housing-charts.js www/editor.bundle.js target/npm

# --- fuzz --------------------------------------------------------------------------

# A long property run of the spec text → SVG pipeline (tests/pipeline_props.rs:
# arbitrary text, structured hostile specs, drawn text kept inside and apart),
# FUZZ_CASES cases of each property in a release build; `make test` runs 256.
# (A stable toolchain only here: libFuzzer's cargo-fuzz needs nightly.)
FUZZ_CASES ?= 1000000
.PHONY: fuzz
fuzz:
	$(SETUP)
	PROPTEST_CASES=$(FUZZ_CASES) cargo test --release --test pipeline_props

# --- bench -------------------------------------------------------------------------

# The benchmark (tests/bench, issue 6): housing-charts vs a Canvas2D baseline,
# Chart.js, uPlot, ECharts and Vega-Lite in headless Chromium -> target/bench/
# (results.md, results.json, chart-spec.json, chart.png, screenshots/). The peer
# libraries are tests/bench's own devDependencies (npm ci there when missing or
# stale). BENCH_ARGS goes to tests/bench/run.mjs, e.g. BENCH_ARGS="--rounds 3".
# A default run (5 rounds) takes about 10 minutes on 2 cores; a complete one also
# refreshes the committed copies in tests/bench/results/ (results.md, chart.png).
.PHONY: bench bench-deps size-report
bench: build bench-deps
	cd tests/bench && node run.mjs $(BENCH_ARGS)

bench-deps:
	@cd tests/bench && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; else echo "bench: tests/bench/node_modules: up to date"; fi

# Where the wasm bytes go -> target/bench/size-report.md: twiggy (installed at
# TWIGGY_VERSION when missing) over the shipped build's twin with names kept
# (wasm-bindgen + the same wasm-opt flags, -g instead of --strip-debug) and over
# rustc's unstripped $(RELEASE_WASM); bytes summed by crate and module.
TWIGGY_VERSION := 0.8.0
SIZE_DIR := target/bench/size
size-report:
	$(SETUP)
	$(MAKE) SKIP_SETUP=1 build
	@if [ "$$(twiggy --version 2>/dev/null | awk '{print $$2}')" = "$(TWIGGY_VERSION)" ]; then echo "size-report: twiggy $(TWIGGY_VERSION): present"; \
	else echo "size-report: installing twiggy $(TWIGGY_VERSION)"; cargo install --locked --version $(TWIGGY_VERSION) twiggy; fi
	$(MAKE) SKIP_SETUP=1 bench-deps
	rm -rf $(SIZE_DIR)
	wasm-bindgen --target web --out-dir $(SIZE_DIR) --out-name $(CRATE) $(RELEASE_WASM)
	$(WASM_OPT) $(filter-out --strip-debug,$(WASM_OPT_FLAGS)) -g -o $(SIZE_DIR)/$(CRATE)_bg.wasm $(SIZE_DIR)/$(CRATE)_bg.wasm
	node tests/bench/size-report.mjs --named $(SIZE_DIR)/$(CRATE)_bg.wasm --unstripped $(RELEASE_WASM) \
		--shipped $(PKG)/$(CRATE)_bg.wasm --glue $(PKG)/$(CRATE).js --out target/bench/size-report.md
