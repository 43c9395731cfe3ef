# The two commands: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A Python 3.13 or 3.12 interpreter to build the virtual environment with.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
TOOLS := var/tools
# uv from PATH when it runs; otherwise installed with pip into var/tools.
UV = $(shell if uv --version >/dev/null 2>&1; then echo uv; else echo $(TOOLS)/bin/uv; fi)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test smoke lint audit format messages compile-translations migrations-check bench backup restore clean

help:
	@echo "make run    install, migrate, load demo data and serve http://$(HOST):$(PORT) with a Celery worker and beat"
	@echo "make test   install and run the whole test suite"
	@echo "make smoke  start the 'make run' stack in the background and check its key pages"
	@echo "make lint   ruff, mypy, the dependency audit and the migrations check"
	@echo "make messages  refresh the translation catalogues"
	@echo "make backup  write a dated archive of the database and media to var/backups/"
	@echo "make restore FILE=…  bring an archive back into an empty database"
	@echo "make bench  seed a synthetic region on PostgreSQL and Redis and measure (BENCH_SCALE=small,large; PEERS=../shared/peers)"

$(TOOLS)/bin/uv:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (python3.13, python3.12 or python3)."; exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv

$(VENV)/.installed: pyproject.toml uv.lock
	@if [ "$(UV)" != "uv" ]; then $(MAKE) --no-print-directory $(TOOLS)/bin/uv; fi
	UV_PYTHON="$(PYTHON)" $(UV) sync --locked
	@touch $@

install: $(VENV)/.installed

compile-translations: install
	$(MANAGE) compile_translations

run: install compile-translations
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	DJANGO_DEMO_DATA=1 $(MANAGE) seed_demo
	HOST=$(HOST) PORT=$(PORT) scripts/run-stack.sh

test: install compile-translations
	$(PY) -m pytest $(PYTEST_ARGS)

smoke: install compile-translations
	scripts/smoke.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) --no-print-directory audit

# Known vulnerabilities in the locked dependencies (PyPI's advisory data); fails on any.
audit: install
	@mkdir -p var
	$(UV) export --frozen --no-hashes --no-dev --format requirements-txt -o var/requirements.txt >/dev/null
	$(VENV)/bin/pip-audit --requirement var/requirements.txt --no-deps --disable-pip --progress-spinner off

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(MANAGE) makemessages --locale ru --locale kk --locale uz --no-obsolete --add-location file --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compile_translations

backup: install
	$(MANAGE) backup

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/backup-….tar.gz"; exit 2; }
	$(MANAGE) restore "$(FILE)"

BENCH_SCALE ?= small,large
PEERS ?=

bench: install compile-translations
	@set -e; eval "$$(scripts/services.sh bench)"; \
	$(MANAGE) bench --scale $(BENCH_SCALE) $(if $(PEERS),--peers $(PEERS))

clean:
	rm -rf $(VENV) var/staticfiles var/celery
