# Targets CI and people call. See README.md.
GO ?= go
BIN := bin/gt3ct
# The commit and build date `gt3ct --version` prints (the toolchain's own
# stamp is missing where GOFLAGS has -buildvcs=false).
CLI := github.com/gt3ct/gt3ct/cmd/internal/cli
LDFLAGS := -X $(CLI).Commit=$(shell git rev-parse HEAD 2>/dev/null) -X $(CLI).Date=$(shell date -u +%Y-%m-%dT%H:%M:%SZ)

.PHONY: build deps test test-short bench lint demo nightly-pg ci update-golden clean

# gcc, pkg-config and libxml2-dev: installed when missing and root, else one
# line saying which apt-get command to run (scripts/deps.sh).
deps:
	@scripts/deps.sh

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/gt3ct

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
	$(BIN) nightly --out out/nightly --force

# The whole nightly with the simulator over PostgreSQL, embedded and standalone
# (starts a throwaway PostgreSQL unless GT3CT_PG_DSN is set).
nightly-pg: build
	scripts/ci-nightly-pg.sh

# What CI runs on a clean clone (installs tools when root).
ci:
	bash .ci/run

# every package whose tests use gotest.tools/v3/golden; its -update flag
# exists only in those test binaries.
update-golden:
	$(GO) test $$(grep -rl --include='*_test.go' 'gotest.tools/v3/golden' . | xargs -n1 dirname | sort -u) -update

clean:
	rm -rf bin out
