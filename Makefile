# The two commands a fresh machine needs: `make run` and `make test`.
# Both create .venv and install the project (with its dev tools) on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/filmbot run

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check bot tests tools bench
	$(BIN)/ruff format --check bot tests tools bench
	$(BIN)/python tools/check_unsafe.py bot

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench --json bench/results.json
	$(BIN)/python -m bench.imports --rows 1000000
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.ask --json bench/ask_results.json
	$(BIN)/python -m bench.ratings

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
