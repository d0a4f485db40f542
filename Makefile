# Enforcement Monitor: every target creates .venv/ and installs the project into it when needed,
# so each works on a fresh clone with nothing but Python 3.11+ and the package registries.

VENV    := .venv
PYTHON  := $(VENV)/bin/python
CLI     := $(VENV)/bin/enforcement-monitor
STAMP   := $(VENV)/.installed

.PHONY: install demo test test-fast lint refresh serve bench browser-deps clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Build the database from the bundled offline mirror, then serve it on http://127.0.0.1:$(PORT)
## (and the mirror, the demo's sources, on $(MIRROR_PORT)): make demo PORT=8002 MIRROR_PORT=8766
PORT        ?= 8001
MIRROR_PORT ?= 8765
demo: $(STAMP)
	$(CLI) demo --port $(PORT) --mirror-port $(MIRROR_PORT)

## The whole test suite (what CI runs): lint and type-check first, then every test
test: $(STAMP) browser-deps lint
	$(PYTHON) -m pytest

## ruff (default rules + import order) and mypy over the whole tree; settings in pyproject.toml
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

## The inner loop: every test not marked slow (no demo builds in subprocesses, no wheel, no browser)
test-fast: $(STAMP)
	$(PYTHON) -m pytest -m "not slow"

## Collect from the real sources in feeds.yaml into db/enforcement.db
refresh: $(STAMP)
	$(CLI) run

serve: $(STAMP)
	$(CLI) serve

## Accuracy, speed, linking and scale figures (prints them; never part of the tests)
bench: $(STAMP)
	$(PYTHON) benchmarks/extraction_benchmark.py
	$(PYTHON) benchmarks/linking_benchmark.py
	$(PYTHON) benchmarks/scale_benchmark.py

## Headless Chromium for the browser tests (Debian packages), installed when missing and root
browser-deps:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	    echo "chromium/chromedriver missing: browser tests will report it"; }

clean:
	rm -rf $(VENV) build .pytest_cache
