# Everything a fresh machine with Python 3.11 needs: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-browser install install-browser migrate seed lint messages \
	clean lock lock-upgrade createsuperuser architecture

# The versions that were tested, with their hashes (requirements/*.lock, made
# from pyproject.toml by `make lock`); the project itself goes in without
# dependencies, so nothing unlocked slips in.
$(STAMP): requirements/dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py load_seed_content

run: seed
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v 0 || true
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# An admin account of your own (no account with a fixed password is ever made).
createsuperuser: migrate
	$(BIN)/python manage.py createsuperuser

test: install
	$(BIN)/python -m pytest -q

# Real-browser tests against Debian's Chromium (apt-get install chromium);
# Playwright never downloads a browser. Screenshots go to artifacts/screenshots/.
BROWSER_STAMP := $(VENV)/.installed-browser
CHROMIUM ?= /usr/bin/chromium

$(BROWSER_STAMP): $(STAMP) requirements/browser.lock
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/pip install --quiet --require-hashes \
		-r requirements/browser.lock
	touch $(BROWSER_STAMP)

install-browser: $(BROWSER_STAMP)

test-browser: install-browser
	@test -x $(CHROMIUM) || { echo "Chromium is missing: apt-get install -y chromium"; exit 1; }
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CHROMIUM_PATH=$(CHROMIUM) \
		$(BIN)/python -m pytest -q -m browser tests/browser

lint: install
	$(BIN)/ruff check .

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l da -l en --ignore=.venv --ignore=tests
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# The lock files, from pyproject.toml and plain PyPI (whatever extra indexes
# pip is set up with here), for Python 3.11 on any platform. `make lock` keeps
# the locked versions that still fit pyproject.toml; `make lock-upgrade` moves
# every package to its newest allowed version. dev.lock: `make run` and
# `make test`; browser.lock: also `make test-browser`; prod.lock: a server
# (docs/deployment.md). The last two keep dev.lock's versions.
UV_COMPILE = $(BIN)/uv pip compile --no-config --quiet --universal \
	--python-version 3.11 --generate-hashes --index-url https://pypi.org/simple \
	--custom-compile-command "make lock"

lock: install
	$(UV_COMPILE) $(UPGRADE) pyproject.toml --extra dev -o requirements/dev.lock
	$(UV_COMPILE) $(UPGRADE) pyproject.toml -c requirements/dev.lock \
		-o requirements/prod.lock
	$(UV_COMPILE) $(UPGRADE) pyproject.toml --extra dev --extra browser \
		-c requirements/dev.lock -o requirements/browser.lock

lock-upgrade:
	$(MAKE) lock UPGRADE=--upgrade

# Redraw the picture of the arrows between the apps in docs/architecture.md.
architecture: install
	$(BIN)/python scripts/architecture.py

clean:
	rm -rf $(VENV) db.sqlite3
