# Jenjang — the two commands a newcomer needs:
#   make run    builds the server and the five region plugins and serves them on http://127.0.0.1:8080
#               with the embedded SQLite database and demo data
#   make test   runs every test (set JENJANG_TEST_POSTGRES to include the PostgreSQL suites; see README)

GO      ?= go
# go1.26.11 carries the standard library's security fixes (see .ci/run's govulncheck step); the go command
# downloads it from the module proxy on first use.
export GOTOOLCHAIN := $(shell sed -n 's/^toolchain //p' go.mod)
BIN     ?= bin
DB      ?= file:jenjang.db
ADDR    ?= 127.0.0.1:8080
REGIONS := kalianda semarang pauh wanggar tanjungpinang

.PHONY: run build plugins test bench proto proto-check fmt vet fuzz vuln clean

run: build plugins
	$(BIN)/jenjang serve --addr $(ADDR) --db $(DB) --plugins $(BIN)/plugins --demo

build:
	$(GO) build -o $(BIN)/jenjang ./cmd/jenjang

# Each region plugin is its own binary; the manifest records each binary's sha256, which the host checks.
plugins: build
	@mkdir -p $(BIN)/plugins
	@for r in $(REGIONS); do echo "building plugin $$r"; $(GO) build -o $(BIN)/plugins/$$r ./plugins/$$r || exit 1; done
	$(BIN)/jenjang plugins manifest --dir $(BIN)/plugins $(REGIONS)

test:
	$(GO) test -count=1 -timeout 40m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

proto:
	bash plugins/proto/generate.sh

proto-check:
	bash plugins/proto/check.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf $(BIN) jenjang.db jenjang.db-wal jenjang.db-shm
