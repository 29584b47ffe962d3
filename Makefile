# story-archive: the README's commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
# Test workers (pytest-xdist): one per core of a small machine; WORKERS=0 runs the suite in one process.
WORKERS ?= 2
# apt-get needs root: sudo when not root already.
SUDO ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run install install-test install-browser install-proxy test test-postgres lint translations bench bench-redaction bench-scrub bench-search bench-transcribe bench-withdraw bench-load bench-pages bench-upload bench-import clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python ## Install the site into .venv
	$(BIN)/pip install --quiet -e .

# Installed once, and again only when pyproject.toml changes: lint, test and test-postgres each need
# it, and a pip install with nothing to do still builds the editable wheel (10-30 s each time).
# `make install-test` itself always installs.
INSTALLED_TEST := $(VENV)/.installed-test

install-test: $(BIN)/python ## Install the site with the test extras into .venv
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(INSTALLED_TEST)

$(INSTALLED_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

run: install ## Install, create the database, load the demo, serve on http://127.0.0.1:5000
	$(BIN)/story-archive init
	$(BIN)/story-archive demo
	$(BIN)/story-archive serve --host $(HOST) --port $(PORT)

# The browser test drives Debian's chromium with Playwright (never `playwright install`: no downloads).
install-browser: ## Install Debian's chromium for the browser test, unless /usr/bin/chromium is there
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium is there"; \
	else $(SUDO) apt-get install -y chromium || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }; fi

install-proxy: ## Install Debian's nginx-light for the reverse proxy test, unless nginx is there
	@if [ -x /usr/sbin/nginx ]; then echo "nginx: /usr/sbin/nginx is there"; \
	else $(SUDO) apt-get install -y nginx-light || { $(SUDO) apt-get update && $(SUDO) apt-get install -y nginx-light; }; fi

test: $(INSTALLED_TEST) ## Install the test extras and run the whole suite (SQLite; WORKERS=2 processes)
	$(BIN)/python -m pytest -n $(WORKERS)

# Leaves out the modules marked no_database (detection, audio, text, layers...): they never touch a
# database, so they would run exactly as `make test` ran them; and the tests marked one_database, which
# use one but check what cannot differ between the two (browsers, more audio formats along a path
# another test takes on both), each with its reason; tests/conftest.py checks both marks.
test-postgres: $(INSTALLED_TEST) ## Run the suite against PostgreSQL ($(PG_URL)), less the tests that use no database or check nothing of it
	ARCHIVE_DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n $(WORKERS) -m 'not no_database and not one_database'

lint: $(INSTALLED_TEST) ## Check style with ruff, and the base layer's types with mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check archive ingest consent tests bench
	$(BIN)/mypy

translations: install-test ## Extract the storyteller's pages' messages, update and compile every catalogue
	$(BIN)/python translations/update.py

bench: bench-pages bench-redaction bench-scrub bench-search bench-transcribe bench-withdraw bench-load bench-upload bench-import ## Run the benchmarks (prints numbers; slow)

bench-pages: install-test ## Page weights: bytes of HTML + CSS of the library, search and story pages (~30 s)
	$(BIN)/python bench/pages.py

bench-redaction: install-test ## Identifier detection per language and style: scores on ../shared/data/deid, characters per second, scaling (~3 min)
	$(BIN)/python bench/redaction.py --scaling

bench-scrub: install-test ## Index scrub: one 1,000-story segment copied in place against Whoosh's own copy, CPU time (~10 min)
	$(BIN)/python bench/scrub.py --compare --rounds 2

bench-search: install-test ## Search benchmark: index build and query latency (~15 min)
	$(BIN)/python bench/search.py

bench-transcribe: install-test ## Transcription benchmark: pipeline vs raw Vosk, 1 vs 2 workers (~10 min)
	$(BIN)/python bench/transcribe.py

bench-upload: install-test ## Resumable upload: a 30-minute recording at 256 kbit/s cut twice; bytes sent against its size (~5 min)
	$(BIN)/python bench/upload.py

bench-import: install-test ## Bulk import: 200 rows (10 broken) through story-archive import, dry run, import, again (~5 min)
	$(BIN)/python bench/bulk_import.py

bench-withdraw: install-test ## Withdrawal benchmark: request to unreachable everywhere at 10k stories (~20 min)
	$(BIN)/python bench/withdraw.py

bench-load: install-test ## Load: 50 educators and an uploading facilitator against serve for 3 minutes (~5 min)
	$(BIN)/python bench/load.py

clean: ## Remove the virtual environment and caches (keeps instance/ and media/)
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
