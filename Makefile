# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# Each creates .venv and installs what it needs the first time (and again when pyproject.toml
# changes); pip's own output goes to stderr so `printf '#报事 …\n' | make run` prints only
# the bot's answers.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= $(if $(wildcard config.yaml),config.yaml,config.example.yaml)
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
PEERS := tests/peers

.PHONY: run test check lint format demo bench analyze-eval clean postgres-binaries browser-binaries

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	@$(PIP) install -e . >&2
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	@$(PIP) install -e ".[dev]" >&2
	@touch $@ $(VENV)/.installed-run

# The loopback peers the tests talk to (npm packages pinned in package-lock.json).
$(PEERS)/node_modules/.installed: $(PEERS)/package-lock.json
	@cd $(PEERS) && npm ci --no-audit --no-fund >&2
	@touch $@

# Debian packages the suite needs, installed when missing (the package lists are refreshed
# first when an install fails on stale ones).
APT_INSTALL = SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1) >&2 || { \
	  $$SUDO apt-get update -q >&2 && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1) >&2; }

# The suite starts its own PostgreSQL server (tests/support/postgres.py) from the installed
# binaries; Debian's postgresql package is installed when they are missing.
postgres-binaries:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { \
	  echo "installing PostgreSQL (apt-get install postgresql)" >&2; \
	  $(call APT_INSTALL,postgresql); }

# The browser tests drive Debian's headless Chromium through its chromedriver
# (tests/support/browser.py); a Chinese font so the pages' screenshots show text, not boxes.
browser-binaries:
	@{ command -v chromedriver >/dev/null && command -v chromium >/dev/null && \
	  fc-list :lang=zh 2>/dev/null | grep -q . ; } || { \
	  echo "installing Chromium (apt-get install chromium chromium-driver fonts-wqy-zenhei)" >&2; \
	  $(call APT_INSTALL,chromium chromium-driver fonts-wqy-zenhei); }

run: $(VENV)/.installed-run
	@$(BIN)/linli --config $(CONFIG) run

test: $(VENV)/.installed-dev $(PEERS)/node_modules/.installed postgres-binaries browser-binaries
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict bot handlers storage

check: lint test

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

demo: $(VENV)/.installed-run
	@$(BIN)/linli replay examples/demo.yaml

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_analyze.py
	$(BIN)/python bench/bench_reminders.py
	$(BIN)/python bench/bench_intake.py
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/bench_web.py

analyze-eval: $(VENV)/.installed-run
	$(BIN)/python -m bot.analysis.evaluate tests/data/messages_holdout.jsonl

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
