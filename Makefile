# nnbook: two commands do everything (see README.md)
#   make book     venv + pinned deps, execute the notebooks, build the static site
#   make test     lint, unit tests (source and installed wheel), nbval, portability check,
#                 site build + browser check
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(wildcard book/*.ipynb)
SOURCES   := $(wildcard nnbook/*.py nnbook/*/*.py) $(NOTEBOOKS) $(wildcard book/*.md) \
             _config.yml _toc.yml references.bib $(wildcard book/_ext/*.py) \
             benchmarks/results.json
SITE   := _build/html/index.html

.PHONY: help venv book test unit dist nbval portability site-test lint lab execute bench clean

help:
	@echo "make book     build the website into _build/html (creates .venv on first use)"
	@echo "make test     lint + unit tests + wheel + nbval + portability + site and browser check"
	@echo "make lab      JupyterLab on book/ for live sliders (MyST rendered)"
	@echo "make execute  re-execute the notebooks in place (NB=book/03_mlp.ipynb for one)"
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
	  $(BIN)/python -m pip install --quiet 'setuptools>=77' -e '.[book,test,dev]'; \
	fi
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The static site: sliders are pre-rendered (NNBOOK_STATIC=1); -W turns warnings into errors.
# Rebuilds are incremental: book/_ext re-executes a page when the package code it uses changes.
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

# The package as a user installs it: build the sdist and, from it, the wheel; install the
# wheel with its extras into a throwaway venv; import every module; run the unit tests with
# that venv. Its pytest reads a bare ini (not pyproject.toml, whose pythonpath would put the
# source tree first), and tests/conftest.py fails if nnbook is not the installed copy.
DIST := _build/dist
dist: $(STAMP)
	rm -rf $(DIST) && mkdir -p $(DIST)
	$(BIN)/python -m build --outdir $(DIST)/pkg . > $(DIST)/build.log
	$(PYTHON) -m venv $(DIST)/venv
	wheel=$$(ls $(DIST)/pkg/nnbook-*.whl); \
	if $(DIST)/venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
	  $(DIST)/venv/bin/python -m pip install --quiet -c requirements.lock "$$wheel[book,test]"; \
	else \
	  $(DIST)/venv/bin/python -m pip install --quiet "$$wheel[book,test]"; \
	fi
	cd $(DIST) && MPLBACKEND=Agg venv/bin/python -c 'import pathlib, pkgutil, importlib, nnbook; \
	  where = pathlib.Path(nnbook.__file__).parent; \
	  assert "site-packages" in where.parts, where; \
	  names = [m.name for m in pkgutil.walk_packages(nnbook.__path__, "nnbook.")]; \
	  [importlib.import_module(n) for n in names]; \
	  print(f"dist: {len(names)} modules import from the installed wheel ({where})")'
	printf '[pytest]\nfilterwarnings = error::DeprecationWarning:nnbook.*\n' > $(DIST)/pytest.ini
	cd $(DIST) && NNBOOK_EXPECT_INSTALLED=1 MPLBACKEND=Agg venv/bin/pytest -q -p no:cacheprovider \
	  -c pytest.ini --rootdir=$(CURDIR)/tests --ignore=$(CURDIR)/tests/test_site.py $(CURDIR)/tests

nbval: $(STAMP)
	$(BIN)/pytest -q --nbval-lax --nbval-current-env book/

# Every checked output and inline value must survive nudged initial weights and lowered SIMD
portability: $(STAMP)
	$(BIN)/python book/_ext/nbexec.py check $(NOTEBOOKS)

site-test: $(SITE)
	$(BIN)/pytest -q tests/test_site.py

test: lint unit dist nbval portability site-test
	@echo "make test: all green"

lab: $(STAMP)
	$(BIN)/jupyter lab book/

execute: $(STAMP)
	$(BIN)/python book/_ext/nbexec.py run $(or $(NB),$(NOTEBOOKS))

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf _build .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
