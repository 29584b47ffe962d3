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

.PHONY: help run install install-test install-browser install-proxy test test-postgres lint translations bench bench-redaction bench-search bench-transcribe bench-withdraw bench-load bench-pages bench-upload bench-import clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python ## Install the site into .venv
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python ## Install the site with the test extras into .venv
	$(BIN)/pip install --quiet -e '.[test]'

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

test: install-test ## Install the test extras and run the whole suite (SQLite; WORKERS=2 processes)
	$(BIN)/python -m pytest -n $(WORKERS)

test-postgres: install-test ## Run the whole suite against PostgreSQL ($(PG_URL))
	ARCHIVE_DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n $(WORKERS)

lint: install-test ## Check style with ruff, and the base layer's types with mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check archive ingest consent tests bench
	$(BIN)/mypy

translations: install-test ## Extract the storyteller's pages' messages, update and compile every catalogue
	$(BIN)/python translations/update.py

bench: bench-pages bench-redaction bench-search bench-transcribe bench-withdraw bench-load bench-upload bench-import ## Run the benchmarks (prints numbers; slow)

bench-pages: install-test ## Page weights: bytes of HTML + CSS of the library, search and story pages (~30 s)
	$(BIN)/python bench/pages.py

bench-redaction: install-test ## Identifier detection per language and style: scores on ../shared/data/deid, characters per second, scaling (~3 min)
	$(BIN)/python bench/redaction.py --scaling

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
