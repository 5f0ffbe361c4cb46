# Vetdesk — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libncurses-dev libloc-dev libloc-database location libsqlite3-dev sqlite3 tmux time pkg-config
PIP_PACKAGES := stix2-validator pymisp
VENV := .venv
DEMO_STORE ?= $(CURDIR)/.demo/store.sqlite
RELEASE_SCRATCH := .build-release

.PHONY: all deps venv build release test demo bench clean help

all: build

help:
	@echo "make demo   - install what is missing, build, load demo-data/ into a fresh store, open the console"
	@echo "make test   - install what is missing, build, run every test (unit, validators, end-to-end)"
	@echo "make bench  - release build, generated 100k candidates / 5M logins, print the benchmark table"

# Installs only the Debian packages that are missing (apt-get needs root; sudo is used when available).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.ok
$(VENV)/.ok:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check $(PIP_PACKAGES)
	touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --scratch-path $(RELEASE_SCRATCH)

test: deps venv
	$(SWIFT) build
	$(SWIFT) test
	bash Tests/e2e/run-all.sh

demo: build
	@rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm
	@mkdir -p $(dir $(DEMO_STORE))
	@bin=$$($(SWIFT) build --show-bin-path)/vetdesk; \
	  $$bin import --store $(DEMO_STORE) --providers demo-data/providers.yaml $$(ls demo-data/*.csv demo-data/*.json demo-data/*.ndjson 2>/dev/null) && \
	  $$bin lists import --store $(DEMO_STORE) demo-data/lists/sdn.csv && \
	  if [ -t 1 ]; then exec $$bin --store $(DEMO_STORE); else $$bin queue --store $(DEMO_STORE) --limit 25; fi

bench: deps venv
	bash scripts/bench.sh

clean:
	rm -rf .build $(RELEASE_SCRATCH) .demo
