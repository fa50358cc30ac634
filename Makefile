# Two commands: `make run` (the app with demo data on http://127.0.0.1:8000) and `make test`.
SHELL := /bin/bash
# The first Python >= 3.11 that actually runs (pyenv shims may name versions that are not installed).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup lint bench translations

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python >= 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

setup: $(VENV)/.installed
	$(BIN)/sportello setup

run: setup
	$(BIN)/sportello serve

test: $(VENV)/.installed-dev
	bin/test

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

translations: $(VENV)/.installed-dev
	bin/translations

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench
