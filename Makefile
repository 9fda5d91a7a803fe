# Two commands set everything up: `make book` and `make test`.
# Both bootstrap .venv from the hash-pinned requirements.txt when it is missing or stale.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB     := $(BIN)/jupyter-book
STRICT := --all -W -n --keep-going

.PHONY: book test test-fast pdf bench clean help

help:
	@echo "make book   build the HTML report into _build/html (strict)"
	@echo "make test   run the whole test suite, the strict book build included (what CI runs)"
	@echo "make test-fast  every test that needs no book build, on both cores (under a minute)"
	@echo "make pdf    build the PDF edition into _build/html/report.pdf (linked from every page header)"
	@echo "make bench  time the build and the data pipeline"
	@echo "make clean  remove builds and exports (keeps .venv)"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required, found " + sys.version)'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

book: $(STAMP)
	$(JB) build . $(STRICT)
	@echo "The report is built: open file://$(CURDIR)/_build/html/index.html"

# The fast tier runs on both cores; the whole suite runs it under coverage (with a floor on the data
# library and the book tooling), then everything that needs the one strict build, a kernel, or every chart.
FAST := -m "not book and not browser and not notebook and not slow"
COVER_FLOOR := 90
COVER := --cov=repatriation --cov=repatriation_book --cov-report=term:skip-covered --cov-fail-under=$(COVER_FLOOR)

test-fast: $(STAMP)
	$(BIN)/python -m pytest $(FAST) -n 2

test: $(STAMP)
	$(BIN)/python -m pytest $(FAST) -n 2 $(COVER)
	$(BIN)/python -m pytest -m "book or browser or notebook or slow"

pdf: $(STAMP)
	$(BIN)/python -m repatriation_book pdf --out _build/html/report.pdf

bench: $(STAMP)
	$(BIN)/python tools/bench.py --write-readme

clean:
	rm -rf _build exports .pytest_cache
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
