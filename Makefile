# Profession gaps: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

LOCK_VENV := .venv-lock

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev,data]"
	@touch $@

## Create .venv (if missing) and install the package with its dev and data extras, pinned by constraints.txt
install: $(STAMP)

## Refresh constraints.txt: newest versions allowed by pyproject.toml, in a fresh venv
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install -q --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install -q ".[dev,data]"
	{ echo "# Versions the tests and the committed notebook outputs were produced with."; \
	  echo "# Used by \`make install\` (pip install -c constraints.txt); refresh with \`make lock\`."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude profession-gaps; } > constraints.txt.tmp
	mv constraints.txt.tmp constraints.txt
	rm -rf $(LOCK_VENV)

## Render the default profession pairs (data/pairs/default.csv) into reports/
reports: $(STAMP)
	$(PY) -m analysis batch --jobs $(JOBS)

## Run every test (unit, notebooks with nbval, browser end-to-end)
test: $(STAMP)
	$(PY) -m pytest

## Run every test except those marked slow or e2e (no kernel-heavy renders, data build, browser)
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not e2e"

## Re-execute the committed notebooks in place (after changing one, or the data)
notebooks: $(STAMP)
	$(PY) -m analysis notebooks --execute

## Rebuild data/ from the official raw files (ANALYSIS_RAW_DIR, default ../shared/data/raw)
data: $(STAMP)
	$(PY) -m analysis build-data

LAB_DIR ?= notebooks/
LAB_ARGS ?=

## Open JupyterLab on the notebooks (also as root, as in many containers: --allow-root)
lab: $(STAMP)
	exec $(VENV)/bin/jupyter lab $$(test "$$(id -u)" = 0 && echo --allow-root) $(LAB_ARGS) $(LAB_DIR)

## Lint and format-check every Python file in the repository with ruff
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

## Measure batch throughput against the naive papermill loop (see benchmarks/README.md)
bench: $(STAMP)
	$(PY) benchmarks/batch_throughput.py --pairs 20

## Remove generated reports (keeps reports/README.md)
clean:
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +

## Show this help
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z][a-z-]*:/{ if (doc) { split($$1,t,":"); printf "  make %-10s %s\n", t[1], doc }; doc="" }' $(MAKEFILE_LIST)

.PHONY: install lock reports test test-fast notebooks data lab lint bench clean help
