# Corridor: the two commands of the README, and the few a maintainer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SEED ?= 7
TRAVELLERS ?= 20000

.PHONY: demo test lint typecheck lock peers clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime install: pinned dependencies, then the package itself without resolving again (which
# compiles its one Cython module, setup.py: so a change to that module installs again).
COMPILED := setup.py $(wildcard src/corridor/*/*/*.pyx)
$(VENV)/.installed-main: requirements/main.lock pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/main.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.lock pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed-main

## make demo: set up, create the SQLite database, load the demo world and serve the node.
demo: $(VENV)/.installed-main
	$(BIN)/corridor db upgrade
	$(BIN)/corridor demo --seed $(SEED) --travellers $(TRAVELLERS) --replace
	$(BIN)/corridor serve --host $(HOST) --port $(PORT)

## make test: set up with the dev dependencies, lint, type-check and run the whole suite.
test: $(VENV)/.installed-dev lint typecheck
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests setup.py $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests setup.py $(wildcard benchmarks)

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

## make peers: a separate .venv-peers with the libraries benchmarks/ measures Corridor against
## (Splink, nomenklatura: their pins differ from the product's, e.g. duckdb < 2).
peers:
	$(PYTHON) -m venv .venv-peers
	.venv-peers/bin/pip install --quiet -r requirements/peers.lock
	.venv-peers/bin/pip install --quiet --no-deps -e .

## make lock: re-pin every dependency (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 -o requirements/main.lock --quiet
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements/dev.lock --quiet
	uv pip compile pyproject.toml --extra dev --extra peers --python-version 3.11 -o requirements/peers.lock --quiet

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache build
	rm -f src/corridor/*/*/*.c src/corridor/*/*/*.so
