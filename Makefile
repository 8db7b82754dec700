# Targets CI and people call. See README.md.
GO ?= go
BIN := bin/gt3ct

.PHONY: build deps test test-short bench lint demo nightly-pg ci update-golden clean

# gcc, pkg-config and libxml2-dev: installed when missing and root, else one
# line saying which apt-get command to run (scripts/deps.sh).
deps:
	@scripts/deps.sh

build: deps
	$(GO) build -o $(BIN) ./cmd/gt3ct

test:
	@scripts/deps.sh --test
	scripts/test.sh

test-short:
	$(GO) test -short ./...

bench: build
	scripts/bench.sh

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...

demo: build
	$(BIN) nightly --out out/nightly

# The whole nightly with the simulator over PostgreSQL, embedded and standalone
# (starts a throwaway PostgreSQL unless GT3CT_PG_DSN is set).
nightly-pg: build
	scripts/ci-nightly-pg.sh

# What CI runs on a clean clone (installs tools when root).
ci:
	bash .ci/run

update-golden:
	$(GO) test ./... -update

clean:
	rm -rf bin out
