# Self-documenting: `make help`. Every target sets up .venv first (uv if it can, else pip).
# Packages are installed with their bytecode compiled (as pip does by default): where
# PYTHONDONTWRITEBYTECODE is set, every process and every notebook kernel would otherwise compile
# pandas and matplotlib again on import (3.6 s against 1.1 s measured here).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help setup build run test test-long bench notebooks look clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@if $(PY) -m uv --version >/dev/null 2>&1 || $(PY) -m pip install --quiet --disable-pip-version-check uv; then \
	  $(PY) -m uv venv --quiet --allow-existing --python $(PY) $(VENV) && \
	  $(PY) -m uv pip install --quiet --compile-bytecode --python $(BIN)/python -e ".[test]"; \
	else \
	  $(PY) -m venv $(VENV) && $(BIN)/pip install --quiet -e ".[test]"; \
	fi
	@touch $@

setup: $(STAMP) ## create .venv with the package and its test tools

build: setup ## parse every report in data/raw/ into data/processed/
	$(BIN)/python -m analysis build

run: setup ## the main job: build the tables, run the notebooks, write reports/ (figures, briefing.html)
	$(BIN)/python -m analysis report

test: setup ## the whole test suite (library tests, then the notebooks under nbval)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile

test-long: setup ## the property-based tests with many more examples (HYPOTHESIS_PROFILE=long)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_properties.py

bench: setup ## benchmarks (parse speed, build at 1-10,000 reports, full run vs floor) -> docs/benchmarks.md
	$(BIN)/python benchmarks/run.py

notebooks: setup ## re-run the notebooks on the bundled report; store them stripped but for the checked figures
	$(BIN)/python -c "from analysis.brief.briefing import refresh_checked_outputs; refresh_checked_outputs()"

look: setup ## render what users see after `make run`: the briefing on screen and printed, the workbooks printed (needs chromium, soffice, pdftoppm) -> reports/look/
	$(BIN)/python scripts/look.py

clean: ## remove built outputs (never data/raw/)
	rm -rf data/processed/* data/processed/.versions data/processed/.lock data/interim reports/*
