# The README's two commands, `make run` and `make test`, set up everything else.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_CONCURRENCY ?= 2
POSTGRES_URL_RE := ^postgres(ql)?://

.PHONY: run test bench lint messages backup restore

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

## run: install, migrate, load the demo, serve on http://$(HOST):$(PORT)/
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py demo
	@echo "Prongsai serves on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	exec $(VENV)/bin/gunicorn prongsai.wsgi --bind $(HOST):$(PORT) \
		--workers $(WEB_CONCURRENCY) --access-logfile - --forwarded-allow-ips '*'

## test: lint, then the whole suite on SQLite, then on PostgreSQL when DATABASE_URL names one
test: $(VENV)/.installed-dev lint
	env -u DATABASE_URL $(PY) -m pytest
	@if [[ "$$DATABASE_URL" =~ $(POSTGRES_URL_RE) ]]; then \
		echo "== again on PostgreSQL ($$DATABASE_URL)"; $(PY) -m pytest; \
	fi

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## bench: each benchmark as a ratio against a baseline measured in the same run
bench: $(VENV)/.installed-dev
	$(PY) -m bench

## backup: database, uploads and secret key into DATA_DIR/backups/prongsai-<time>.tar.gz (or BACKUP=path)
backup: $(VENV)/.installed
	$(PY) manage.py backup $(if $(BACKUP),--out "$(BACKUP)")

## restore: replace the database, uploads and secret key with BACKUP=path, then migrate
restore: $(VENV)/.installed
	@if [[ -z "$(BACKUP)" ]]; then echo "usage: make restore BACKUP=path/to/prongsai-….tar.gz"; exit 2; fi
	$(PY) manage.py restore "$(BACKUP)"

## messages: refresh the English translation catalogue after changing Thai texts
messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages -l en --no-obsolete --no-wrap
	$(PY) manage.py compilemessages -l en --ignore=.venv
