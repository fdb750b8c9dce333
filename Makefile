# CSP Monitor: `make demo` to run the demo, `make test` to run every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: setup demo serve test test-dates check lint bench fuzz clean

$(VENV)/.installed: pyproject.toml
	@python=$$(scripts/find-python) && echo "Using $$python" && \
	  ( [ -x $(PY) ] || $$python -m venv $(VENV) )
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet -e . --group dev
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## setup: virtualenv, Python and npm packages, database, and the Western Suffolk demo.
setup: $(VENV)/.installed node_modules/.package-lock.json
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo

## demo: set up, print the demo sign-ins, and serve on http://127.0.0.1:8000
## (with a background worker for long tasks such as the strategic assessment).
demo: setup
	@$(MANAGE) demo_logins
	@$(MANAGE) db_worker --no-reload > var/db_worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

## test: the checks, then every test (browser tests included) on SQLite, then on PostgreSQL,
## with the time of each pass. Extra pytest arguments: make test PYTEST_ARGS="-x -k demo"
test: check node_modules/.package-lock.json
	@PY=$(PY) scripts/run-tests $(PYTEST_ARGS)

## check: lint, formatting, types, migrations, and the plain-Python packages' independence.
check: $(VENV)/.installed
	$(VENV)/bin/ruff check cspmonitor tests bench
	$(VENV)/bin/ruff format --check cspmonitor tests bench
	$(VENV)/bin/mypy cspmonitor
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest -q -p no:cacheprovider tests/test_architecture.py

## test-dates: the suite on SQLite with the clock set to each awkward day (tests/awkward_days.py).
test-dates: $(VENV)/.installed node_modules/.package-lock.json
	@scripts/test-services > /dev/null
	@for day in $$($(PY) -m tests.awkward_days); do \
	  echo "== Today is $$day =="; \
	  CSP_TEST_TODAY=$$day SQLITE_TEST_NAME=test-dates.sqlite3 $(PY) -m pytest -q -p no:cacheprovider \
	    $(PYTEST_ARGS) || exit 1; \
	done

## serve: run the site as in production (gunicorn on PORT, default 8000, with the background
## worker beside it); needs the production environment: see the README's "Run in production".
serve: $(VENV)/.installed node_modules/.package-lock.json
	PY=$(PY) scripts/serve

## bench: speed and memory against named baselines; writes bench/results/latest.json, and the
## worst return uploads timed through the upload path (bench/results/returns.json)
bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e . --group bench
	$(PY) bench/run.py
	$(PY) bench/returns.py

## fuzz: the police.uk reader's property tests over 10,000 generated inputs (5,000 a test).
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/analysis/test_policeuk_fuzz.py -q -p no:cacheprovider

lint: check

clean:
	rm -rf $(VENV) node_modules var
