# Everything a fresh machine with Python 3.11 needs: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-browser install install-browser migrate seed lint messages clean architecture

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py load_seed_content

run: seed
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v 0 || true
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest -q

# Real-browser tests against Debian's Chromium (apt-get install chromium);
# Playwright never downloads a browser. Screenshots go to artifacts/screenshots/.
BROWSER_STAMP := $(VENV)/.installed-browser
CHROMIUM ?= /usr/bin/chromium

$(BROWSER_STAMP): $(STAMP)
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/pip install --quiet -e ".[dev,browser]"
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

# Redraw the picture of the arrows between the apps in docs/architecture.md.
architecture: install
	$(BIN)/python scripts/architecture.py

clean:
	rm -rf $(VENV) db.sqlite3
