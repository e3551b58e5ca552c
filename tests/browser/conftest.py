"""Real-browser tests: Playwright drives Debian's Chromium against a live test
server holding the seed content.

Every test in this folder gets the ``browser`` marker. The normal run leaves
them out (``addopts`` in pyproject.toml has ``-m "not browser"``); run them with
``make test-browser`` or ``pytest -m browser tests/browser``. See
docs/browser-tests.md.

Data: one live server for the session; the seed content is loaded once per
test module and committed (the live server runs in another thread), and the
database goes back to its state before the module when the module ends, so
nothing leaks into other tests. Tests that add rows (a user, a file) give them
unique names.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

BROWSER_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_DIR.parent.parent
SCREENSHOT_DIR = Path(
    os.environ.get("SCREENSHOT_DIR", REPO_ROOT / "artifacts" / "screenshots")
)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = 375
NARROW = 320
DESKTOP = 1280
# Below this width a context emulates a phone: the viewport meta tag counts.
MOBILE_BELOW = 800


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            # WhiteNoise notes that STATIC_ROOT is missing: the live server
            # serves static files from the app folders instead.
            item.add_marker(
                pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
            )


@pytest.fixture(scope="session")
def _browser_environment():
    """Playwright must never fetch a browser, and its sync API runs an event
    loop in this thread, which Django's ORM guard would otherwise refuse."""
    saved = {
        key: os.environ.get(key)
        for key in ("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def browser(_browser_environment):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: apt-get install -y chromium "
            "(or set CHROMIUM_PATH)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def test_database(
    django_db_modify_db_settings,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
):
    """The test database, set up here rather than through ``django_db_setup``.

    pytest-django creates the database only when a collected test asks for
    ``db``; these tests do not (a transaction rolled back or a flush after each
    test would take the seed content with it), and tests/conftest.py's
    ``django_db_setup`` loads the seed at once, so in a run of browser tests
    alone it would find no test database. When another test has already set
    the database up, it is used as it is."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        old_config = setup_databases(
            verbosity=0, interactive=False, keepdb=keepdb, aliases={"default"}
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(old_config, verbosity=0, keepdb=keepdb)


@pytest.fixture(scope="session")
def portal(test_database, django_db_blocker):
    """The portal on a live server at 127.0.0.1, one for the whole session."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seeded(portal, django_db_blocker):
    """The seed content, committed for the module. At its end the database
    goes back to what it held before (the rows data migrations made, such as
    the role groups), as Django's serialized rollback does."""
    from django.db import connection

    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        call_command("load_seed_content", verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(before)


@pytest.fixture(autouse=True)
def _database_open(django_db_blocker):
    """The live server's thread and the test's own ORM calls both need the
    database for the whole test; writes are committed (see ``seeded``)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def base_url(portal, seeded):
    return portal.url


@pytest.fixture
def open_page(browser, base_url):
    """Open a page at a width: ``page = open_page("/tilbud/", width=375)``.

    Each call gets a fresh browser context (no cookies). Console errors and
    uncaught exceptions are collected on ``page.problems``.
    """
    contexts = []

    def _open(path=None, *, width=DESKTOP, height=900, context=None):
        if context is None:
            context = new_context(browser, base_url, width=width, height=height)
            contexts.append(context)
        page = context.new_page()
        watch(page)
        if path is not None:
            page.goto(path)
        return page

    yield _open
    for context in contexts:
        context.close()


def new_context(browser, base_url, *, width=DESKTOP, height=900):
    mobile = width < MOBILE_BELOW
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        is_mobile=mobile,
        has_touch=mobile,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        accept_downloads=True,
    )
    # Nothing may load from another host; the request is refused and the page
    # logs it (see ``watch``), and a test run never reaches the network.
    context.route(OTHER_HOSTS, lambda route: route.abort("blockedbyclient"))
    return context


OTHER_HOSTS = re.compile(r"^(?!(https?://(127\.0\.0\.1|localhost)[:/])|data:|blob:)")


def watch(page):
    """Collect on ``page.problems`` what a tester would see in the console:
    errors, uncaught exceptions and requests to other hosts."""
    page.problems = []
    page.on(
        "console",
        lambda msg: msg.type == "error" and page.problems.append(msg.text),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on(
        "request",
        lambda request: (
            OTHER_HOSTS.match(request.url)
            and page.problems.append(f"request to another host: {request.url}")
        ),
    )
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
