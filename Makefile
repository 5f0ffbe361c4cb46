# Vetdesk — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libncurses-dev libloc-dev libzip-dev libloc-database location libsqlite3-dev sqlite3 tmux time pkg-config unicode-data
PIP_PACKAGES := stix2-validator pymisp
VENV := .venv
DEMO_STORE ?= $(CURDIR)/.demo/store.sqlite
RELEASE_SCRATCH := .build-release
# Release builds link the Swift runtime and Foundation statically: the dynamic loader was ~9 ms of
# CPU of every start (`vetdesk --version` 22.5 -> 13.4 ms, console start to first frame 47 -> 36 ms
# CPU; docs/performance.md, "Console first frame", session 6), and the binary needs no Swift
# runtime beside it once installed. Debug builds stay dynamic (faster to link).
RELEASE_FLAGS := --static-swift-stdlib

.PHONY: all deps venv build release test demo bench bench-scale clean help install uninstall field-check

all: build

help:
	@echo "make demo   - install what is missing, build, load demo-data/ into a fresh store, open the console"
	@echo "make test   - install what is missing, build, run every test (unit, validators, end-to-end)"
	@echo "make bench  - release build, generated 100k candidates / 5M logins, print the benchmark table"
	@echo "make bench-scale - by hand: the costs at 100k/5M and 1M/50M (as far as disk allows) and how they grow"
	@echo "make field-check - by hand: an independent field population scored and measured against its answer key"
	@echo "make install PREFIX=/usr/local [DESTDIR=] - binary, share/vetdesk, man page, completions (make uninstall)"

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
	$(SWIFT) build -c release $(RELEASE_FLAGS) --scratch-path $(RELEASE_SCRATCH)

test: deps venv
	$(SWIFT) build
	$(SWIFT) test
	bash Tests/e2e/run-all.sh

demo: build
	@rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm
	@mkdir -p $(dir $(DEMO_STORE))
	@bin=$$($(SWIFT) build --show-bin-path)/vetdesk; \
	  $$bin import --store $(DEMO_STORE) --providers demo-data/providers.yaml $$(ls demo-data/*.csv demo-data/*.json demo-data/*.ndjson demo-data/*.jsonl demo-data/after-hire/* 2>/dev/null | grep -v README) && \
	  $$bin lists import --store $(DEMO_STORE) demo-data/lists/sdn.csv && \
	  if [ -t 1 ]; then exec $$bin --store $(DEMO_STORE); else $$bin queue --store $(DEMO_STORE) --limit 25; fi

bench: deps venv
	bash scripts/bench.sh

bench-scale: deps
	bash scripts/bench-scale.sh

# --- install (docs/deployment.md) -------------------------------------------------------------------
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= release
INSTALL_SCRATCH := $(if $(filter release,$(CONFIG)),$(RELEASE_SCRATCH),.build)
INSTALL_BUILD := $(SWIFT) build -c $(CONFIG) $(if $(filter release,$(CONFIG)),$(RELEASE_FLAGS)) --scratch-path $(INSTALL_SCRATCH)
I_BIN := $(DESTDIR)$(PREFIX)/bin
I_SHARE := $(DESTDIR)$(PREFIX)/share
I_FILES := bin/vetdesk share/vetdesk/rules.yaml share/vetdesk/providers.yaml \
  $(addprefix share/vetdesk/,$(wildcard themes/*.yaml)) share/man/man1/vetdesk.1 \
  share/bash-completion/completions/vetdesk share/zsh/site-functions/_vetdesk \
  share/fish/vendor_completions.d/vetdesk.fish

# The man page comes from the ArgumentParser definitions (swift-argument-parser's GenerateManual
# plugin); rules.yaml is the built-in defaults as written by the binary, so the two never drift.
install: deps
	$(INSTALL_BUILD)
	@set -e; bin=$$($(INSTALL_BUILD) --show-bin-path)/vetdesk; \
	  find $(INSTALL_SCRATCH)/plugins -path '*GenerateManual*' -name vetdesk.1 -delete 2>/dev/null || true; \
	  $(SWIFT) package --scratch-path $(INSTALL_SCRATCH) generate-manual --configuration $(CONFIG) \
	    > $(INSTALL_SCRATCH)/generate-manual.log 2>&1 || { cat $(INSTALL_SCRATCH)/generate-manual.log; exit 1; }; \
	  page=$$(find $(INSTALL_SCRATCH)/plugins -path '*GenerateManual*' -name vetdesk.1 | head -1); \
	  [ -n "$$page" ] || { echo "install: GenerateManual wrote no vetdesk.1"; cat $(INSTALL_SCRATCH)/generate-manual.log; exit 1; }; \
	  install -d $(I_BIN) $(I_SHARE)/vetdesk/themes $(I_SHARE)/man/man1 $(I_SHARE)/bash-completion/completions \
	    $(I_SHARE)/zsh/site-functions $(I_SHARE)/fish/vendor_completions.d; \
	  install -m 0755 $$bin $(I_BIN)/vetdesk; \
	  install -m 0644 themes/*.yaml $(I_SHARE)/vetdesk/themes/; \
	  install -m 0644 Sources/VetdeskCore/Resources/providers.yaml $(I_SHARE)/vetdesk/providers.yaml; \
	  $$bin rules --defaults-yaml > $(I_SHARE)/vetdesk/rules.yaml; chmod 0644 $(I_SHARE)/vetdesk/rules.yaml; \
	  install -m 0644 $$page $(I_SHARE)/man/man1/vetdesk.1; \
	  $$bin --generate-completion-script bash > $(I_SHARE)/bash-completion/completions/vetdesk; \
	  $$bin --generate-completion-script zsh > $(I_SHARE)/zsh/site-functions/_vetdesk; \
	  $$bin --generate-completion-script fish > $(I_SHARE)/fish/vendor_completions.d/vetdesk.fish; \
	  chmod 0644 $(I_SHARE)/bash-completion/completions/vetdesk $(I_SHARE)/zsh/site-functions/_vetdesk \
	    $(I_SHARE)/fish/vendor_completions.d/vetdesk.fish; \
	  echo "installed vetdesk ($(CONFIG)) into $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/,$(I_FILES))
	rmdir $(I_SHARE)/vetdesk/themes $(I_SHARE)/vetdesk 2>/dev/null || true

clean:
	rm -rf .build $(RELEASE_SCRATCH) .demo

# An independent field population (scripts/field-population), measured against its answer key. By hand.
field-check: deps
	bash scripts/field-population/check.sh
