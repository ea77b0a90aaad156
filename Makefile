# Threadly's two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded default: SQLite, the cache in a table of it, tasks in the web process. `make run`
# writes a .env (DEBUG on, a secret key of its own) when there is none, so that manage.py commands
# typed by hand run as under `make run`; it serves with DEBUG on unless the environment says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run up down test lint format migrations-check seed clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) bin/local-env
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py createcachetable
	$(RUN_ENV) $(PY) manage.py seed_demo --if-empty --users 60 --posts 600 --seed 1
	@echo ""
	@echo "  Threadly is at http://$(HOST):$(PORT)/"
	@echo "  Demo logins, each with password 'threadly-demo':"
	@echo "    demo        a member"
	@echo "    moderator   a moderator: the report queue at /admin/"
	@echo "    site_admin  an admin: all of /admin/"
	@echo ""
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The production stack on this machine (bin/stack; README "Production"): PostgreSQL, Redis and
# PgBouncer kept under THREADLY_DATA (default var/), gunicorn, Celery workers and beat from the Procfile.
up: $(VENV)/.runtime
	bin/stack up

down:
	bin/stack down

# The search suite runs a second time on SQLite, so both search backends are tested. The slowest
# tests are listed at the end, so that the suite's time stays watched.
test: $(VENV)/.dev
	bin/with-services --replica $(PY) -m pytest --durations=25 $(PYTEST_ARGS)
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
