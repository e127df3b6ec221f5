# Profession gaps: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev,data]"
	@touch $@

## Create .venv (if missing) and install the package with its dev and data extras
install: $(STAMP)

## Render the default profession pairs (data/pairs/default.csv) into reports/
reports: $(STAMP)
	$(PY) -m analysis batch --jobs $(JOBS)

## Run every test (unit, notebooks with nbval, browser end-to-end)
test: $(STAMP)
	$(PY) -m pytest

## Rebuild data/ from the official raw files (ANALYSIS_RAW_DIR, default ../shared/data/raw)
data: $(STAMP)
	$(PY) -m analysis build-data

## Open JupyterLab on the notebooks
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

## Lint and format-check with ruff
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

## Measure batch throughput against the naive papermill loop (see benchmarks/README.md)
bench: $(STAMP)
	$(PY) benchmarks/batch_throughput.py --pairs 20

## Remove generated reports (keeps reports/README.md)
clean:
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +

## Show this help
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z][a-z-]*:/{ if (doc) { split($$1,t,":"); printf "  make %-10s %s\n", t[1], doc }; doc="" }' $(MAKEFILE_LIST)

.PHONY: install reports test data lab lint bench clean help
