# Threadly's two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded default: SQLite, in-process cache, DEBUG on. Override any of them in .env.
RUN_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run test lint format migrations-check seed clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_demo --if-empty --users 60 --posts 600 --seed 1
	@echo ""
	@echo "  Threadly is at http://$(HOST):$(PORT)/"
	@echo "  Demo login: username 'demo', password 'threadly-demo'"
	@echo ""
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The search suite runs a second time on SQLite, so both search backends are tested.
test: $(VENV)/.dev
	bin/with-services $(PY) -m pytest $(PYTEST_ARGS)
	DATABASE_URL=sqlite:///test-search.sqlite3 REDIS_URL= $(PY) -m pytest search -q -m "not postgres and not redis and not browser"

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(VENV)/.runtime
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
