# craftmap: `make run` serves the app, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
TEST_STAMP := $(VENV)/.test-installed
MUTATION_STAMP := $(VENV)/.mutation-installed
STORE ?= var/craftmap.gpkg

.PHONY: run test test-js lint bench mutation install load data clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUN_STAMP)

$(MUTATION_STAMP): pyproject.toml | $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $@

NPM_STAMP := node_modules/.craftmap-installed

$(NPM_STAMP): package.json package-lock.json
	bash scripts/setup-npm.sh

install: $(RUN_STAMP) $(NPM_STAMP)

$(STORE): $(RUN_STAMP) $(wildcard data/*.geojson) data/sources.csv
	$(BIN)/craftmap load --store $(STORE)

load: $(STORE)

run: $(STORE) $(NPM_STAMP)
	$(BIN)/craftmap serve --store $(STORE) --host 127.0.0.1 --port 8000

test: $(TEST_STAMP) $(NPM_STAMP)
	$(BIN)/mypy
	bash scripts/setup-test-system.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(TEST_STAMP) $(NPM_STAMP)
	bash scripts/setup-test-system.sh
	$(BIN)/python -m bench

# Not part of `make test`: about 30 minutes on 2 cores. MODULES='money text' runs some; tests/MUTATION.md
# gets the table.
mutation: $(MUTATION_STAMP)
	$(BIN)/python scripts/mutation.py $(MODULES)

data: $(TEST_STAMP)
	$(BIN)/python -m scripts.build_data --shared ../shared

clean:
	rm -rf var/*.gpkg var/*.gpkg-* var/mutation .pytest_cache

# The browser core's unit tests alone (pytest runs them too, through tests/js/test_node.py).
test-js: $(TEST_STAMP)
	$(BIN)/python -m tests.js.write_fixtures var/js-fixtures
	CRAFTMAP_JS_FIXTURES=var/js-fixtures node --test tests/js/
