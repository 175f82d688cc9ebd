# See README.md. `make run` serves the quiz on http://localhost:8080;
# `make test` runs every test, browser tests included.
GO      ?= go
ADDR    ?= localhost:8080
BIN     := bin/cxquiz
WASM    := web/app.wasm
FUZZTIME ?= 30s
GOFILES := $(shell find app quiz -name '*.go' -not -name '*_test.go') $(wildcard quiz/*.json app/screens/text/*.json app/screens/text/team/*.json quiz/text/*.json quiz/banks/*/*.json quiz/banks/*/text/*.json) go.mod

.PHONY: all run build wasm test test-unit test-browser vet fuzz static bench load setup clean

all: build

run: build
	./$(BIN) -addr $(ADDR)

# One binary with the web assets (wasm included) embedded.
build: $(BIN)

$(BIN): $(WASM).br $(GOFILES) $(wildcard web/*)
	$(GO) build -trimpath -ldflags='-s -w' -o $(BIN) ./app

wasm: $(WASM).br

# Every published question bank as Go data, made from its JSON files, so
# the wasm decodes no JSON at start-up (see tools/bankgen).
BANKJSON := $(wildcard quiz/bank.json quiz/text/*.json quiz/banks/*/*.json quiz/banks/*/text/*.json)
quiz/published_gen.go: $(BANKJSON) tools/bankgen/main.go
	$(GO) run ./tools/bankgen

# The interface texts as Go data, checked against English (tools/textgen);
# the team pages' in a file of their own, built into the server only.
app/screens/text_gen.go app/screens/text_server_gen.go &: $(wildcard app/screens/text/*.json app/screens/text/team/*.json) tools/textgen/main.go
	$(GO) run ./tools/textgen

# Go's linker writes ~88,000 tiny data segments; tools/wasmdata joins them
# (faster to instantiate on the page's main thread, smaller with brotli).
$(WASM): $(GOFILES) tools/wasmdata/main.go
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASM) ./app
	$(GO) run ./tools/wasmdata $(WASM)

# Brotli and gzip variants of every compressible web asset, made once at
# build time so the server never compresses on the fly.
$(WASM).br: $(WASM) $(filter-out %.br %.gz $(WASM),$(wildcard web/*))
	$(GO) run ./tools/compress web

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/...

test-unit: vet
	$(GO) test -count=1 ./...

# Browser tests need the built binary and Chromium (scripts/setup).
test-browser: build setup
	CXQUIZ_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -timeout 8m -v ./e2e 2>&1 | tee e2e/last-run.log | grep -E '^(=== RUN|--- |PASS|FAIL|ok|panic)|_test.go' || true
	@grep -q '^ok' e2e/last-run.log

test: build setup vet
	CXQUIZ_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -timeout 8m ./...

setup:
	@scripts/setup

# Each fuzz target in turn for $(FUZZTIME); `make test` replays the corpora
# in */testdata/fuzz.
fuzz:
	$(GO) test ./quiz -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./app/route -run '^$$' -fuzz '^FuzzParseRoute$$' -fuzztime $(FUZZTIME)
	$(GO) test ./app/server -run '^$$' -fuzz '^FuzzServeHTTP$$' -fuzztime $(FUZZTIME)

# 64 connections for 60 s against the built binary on loopback; e.g.
# `make load LOADFLAGS=-duration=10s`.
LOADFLAGS ?=
load: build
	$(GO) run ./tools/load -bin $(BIN) $(LOADFLAGS)

# Sizes, browser timings (plain and slow 4G + CPU×4), app.wasm against a
# minimal go-app client and server throughput, as a markdown report (also
# written to bench/out/report.md). Needs Chromium (scripts/setup); see
# bench/README.md.
bench: build
	@scripts/setup bench
	$(GO) run ./bench -bin $(BIN) -runs 5 -duration 10s

# A static site for any CDN or static host.
static: build
	rm -rf dist && ./$(BIN) -export dist

clean:
	rm -rf bin dist $(WASM) web/*.br web/*.gz
