# nnbook: two commands do everything (see README.md)
#   make book     venv + pinned deps, execute the notebooks, build the static site
#   make test     lint, unit tests, nbval over every notebook, site build + browser check
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(wildcard book/*.ipynb)
SOURCES   := $(wildcard nnbook/*.py nnbook/*/*.py) $(NOTEBOOKS) $(wildcard book/*.md) \
             _config.yml _toc.yml references.bib book/_ext/nnbook_offline.py
SITE   := _build/html/index.html

.PHONY: help venv book test unit nbval site-test lint lab execute bench clean

help:
	@echo "make book     build the website into _build/html (creates .venv on first use)"
	@echo "make test     lint + unit tests + nbval + site build and browser check"
	@echo "make lab      JupyterLab on book/ for live sliders"
	@echo "make execute  re-execute the notebooks in place (stored outputs)"
	@echo "make bench    benchmarks (ratios, see benchmarks/)"
	@echo "make clean    remove _build and caches (keeps .venv)"

venv: $(STAMP)
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "nnbook needs Python >= 3.10"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# requirements.lock was frozen on CPython 3.11; other versions get pyproject.toml's ranges
	if $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
	  $(BIN)/python -m pip install --quiet -r requirements.lock; \
	else \
	  echo "note: not CPython 3.11, so installing version ranges instead of requirements.lock"; \
	  $(BIN)/python -m pip install --quiet setuptools -e '.[book,test,dev]'; \
	fi
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The static site: sliders are pre-rendered (NNBOOK_STATIC=1); -W turns warnings into errors.
# Rebuilds are incremental: book/_ext re-executes every page when the nnbook package changes.
$(SITE): $(STAMP) $(SOURCES)
	NNBOOK_STATIC=1 $(BIN)/jupyter-book build . -W -n --keep-going
	touch $@

book: $(SITE)
	@echo
	@echo "The book is in _build/html. Open it with:"
	@echo "  xdg-open _build/html/index.html     (or: open _build/html/index.html on macOS)"
	@echo "or serve it: $(BIN)/python -m http.server -d _build/html 8000"

lint: $(STAMP)
	$(BIN)/ruff check nnbook tests book $(wildcard benchmarks)

unit: $(STAMP)
	MPLBACKEND=Agg $(BIN)/pytest -q tests --ignore=tests/test_site.py

nbval: $(STAMP)
	$(BIN)/pytest -q --nbval-lax --nbval-current-env book/

site-test: $(SITE)
	$(BIN)/pytest -q tests/test_site.py

test: lint unit nbval site-test
	@echo "make test: all green"

lab: $(STAMP)
	$(BIN)/jupyter lab book/

execute: $(STAMP)
	for nb in $(NOTEBOOKS); do \
	  echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=python3 "$$nb"; \
	  $(BIN)/python -c 'import json, sys; p = sys.argv[1]; nb = json.load(open(p)); \
	    nb["metadata"].pop("widgets", None); \
	    open(p, "w").write(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")' "$$nb"; \
	done

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf _build .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
