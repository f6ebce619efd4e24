# norepi: `make demo` (set up and run the main job) and `make test` (what CI runs).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
NOREPI := $(VENV)/bin/norepi
SR28 ?= ../shared/data/usda-sr28
DEMO_DB ?= .demo/norepi.sqlite

.PHONY: install system-deps demo test lint check bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Debian's chromium (browser tests) and PostgreSQL server binaries (API tests on a throwaway cluster)
system-deps:
	bash .ci/system-deps.sh

# Fresh machine: venv, install, food data (../shared copy, else the official USDA download),
# the bundled two-week sample journal ending today, today's analysis, the gaps and today's plan.
demo: install
	@mkdir -p $(dir $(DEMO_DB))
	@if [ -f "$(SR28)/FOOD_DES.txt" ]; then \
		$(NOREPI) --db $(DEMO_DB) foods import $(SR28); \
	else \
		$(NOREPI) --db $(DEMO_DB) foods download; \
	fi
	$(NOREPI) --db $(DEMO_DB) demo
	$(NOREPI) --db $(DEMO_DB) gaps today-6..today --foods 3
	$(NOREPI) --db $(DEMO_DB) today

test: install system-deps
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy src

check: lint test

bench: install
	$(PY) bench/bench_search.py

clean:
	rm -rf $(VENV) .demo .pytest_cache
