"""Load a running server page type by page type, and write the table.

scripts/bench builds the database, starts gunicorn and then runs this with the
same environment (DJANGO_SETTINGS_MODULE, DATABASE_URL, ...): the pages to load
are picked from the database, the heaviest of each type, and each is loaded
with wrk on loopback for a fixed time, twice:

- as a visitor gets it: the same address again and again, so after the first
  request the page comes from the page cache (config/cache.py);
- uncached: every request adds a new, ignored ``bench`` parameter, so every
  request is a cache miss and the page is rendered from the database.

``/healthz`` (no database, no template) is loaded before and after, and every
page's throughput is given as a share of it.

Then every HTML page type as a logged-in member of staff, who never gets the
page cache: a fresh address per request, with 4 and with 16 clients; the same
pages in-process, one request at a time (render time and SQL queries, which a
busy machine disturbs less); and every admin changelist in-process. The load
average is recorded beside the numbers. Page weight is what a browser
downloads on a first visit: the HTML gzip-compressed (as the reverse proxy
sends it) plus the CSS and JavaScript as WhiteNoise serves them (its gzip files).
"""

import argparse
import datetime
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Sider under belastning"
SEARCH_WORDS = "bostøtte"
# Site search timed in-process against the same database: a rare word, a
# common one, two words, a phrase, and a word that is nowhere.
SEARCH_QUERIES = ["ladegården", "bostøtte", "alkohol unge", '"housing first"', "xyzzy"]
SEARCH_RUNS = 20

REPORT_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "BENCH {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50\\": %d, "
    .. "\\"p99\\": %d, \\"max\\": %d, \\"errors\\": %d, \\"non2xx\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), latency.max, errors, summary.errors.status))
end
"""
UNCACHED_LUA = """
local counter = 0
request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "bench=" .. counter)
end
"""


@dataclass
class Page:
    label: str
    path: str


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    non2xx: int


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--uncached-duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--write", type=Path, help="Markdown file to update")
    parser.add_argument("--note", action="append", default=[], help="a setup line")
    parser.add_argument(
        "--staff-connections", default="4,16", help="wrk connections, staff pages"
    )
    parser.add_argument("--runs", type=int, default=10, help="in-process requests")
    parser.add_argument(
        "--in-process-only",
        action="store_true",
        help="print the in-process staff and admin tables only (no server, no wrk)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    pages = pick_pages()
    counts = table_sizes()
    loads = {"start": os.getloadavg()}
    searches = time_searches()
    staff_cookie, staff_client, admin_client = staff_clients()
    staff_pages = [
        page for page in pages if not page.path.startswith(("/api/", "/sitemap"))
    ]
    in_process = [
        (page, time_in_process(staff_client, page.path, args.runs))
        for page in staff_pages
    ]
    changelists = [
        (Page(label, path), time_in_process(admin_client, path, args.runs, fresh=False))
        for label, path in admin_changelists()
    ]
    loads["in-process"] = os.getloadavg()
    if args.in_process_only:
        print(render_staff(args, [], in_process, changelists, loads))
        return 0

    with tempfile.TemporaryDirectory() as folder:
        scripts = {
            "cached": _script(folder, "cached.lua", REPORT_LUA),
            "uncached": _script(folder, "uncached.lua", UNCACHED_LUA + REPORT_LUA),
        }

        def load(path, mode, duration, connections=None, headers=()):
            return run_wrk(
                args, args.base + path, scripts[mode], duration, connections, headers
            )

        for page in pages:  # every page answers before anything is measured
            check_page(args.base, page)
        health_before = load("/healthz", "cached", args.duration)
        rows = []
        for page in pages:
            print(f"... {page.label}: {page.path}", file=sys.stderr)
            cached = load(page.path, "cached", args.duration)
            uncached = load(page.path, "uncached", args.uncached_duration)
            weight = page_weight(args.base, page.path)
            rows.append((page, cached, uncached, weight))
        health_after = load("/healthz", "cached", args.duration)
        loads["visitors"] = os.getloadavg()
        cookie = (f"Cookie: {staff_cookie}",)
        staff_rows = []
        for page in staff_pages:
            print(f"... staff {page.label}: {page.path}", file=sys.stderr)
            results = [
                load(page.path, "uncached", args.uncached_duration, int(n), cookie)
                for n in args.staff_connections.split(",")
            ]
            staff_rows.append((page, results))
        loads["staff"] = os.getloadavg()

    health = (health_before.requests_per_second + health_after.requests_per_second) / 2
    table = render(args, rows, health_before, health_after, health, counts, searches)
    table += render_staff(args, staff_rows, in_process, changelists, loads)
    print(table)
    if args.write:
        write_section(args.write, table)
    failed = [
        page.label
        for page, cached, uncached, _weight in rows
        if cached.errors or cached.non2xx or uncached.errors or uncached.non2xx
    ] + [
        f"staff {page.label}"
        for page, results in staff_rows
        if any(result.errors or result.non2xx for result in results)
    ]
    if failed:
        print(f"Errors or non-2xx answers: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


# Which pages ----------------------------------------------------------------------


def pick_pages():
    """One address per page type: the heaviest public page of each type."""
    from django.db.models import Count

    from goals.models import Goal, Plan
    from methods.models import Method, MethodCategory
    from resources.models import Resource
    from services.models import Offer

    offer = (
        Offer.objects.visible_to(None)
        .annotate(
            weight=Count("method_uses", distinct=True)
            + Count("resources", distinct=True)
            + Count("locations", distinct=True)
        )
        .order_by("-weight", "slug")
        .first()
    )
    method = (
        Method.objects.visible_to(None)
        .annotate(
            weight=Count("offer_uses", distinct=True)
            + Count("resources", distinct=True)
            + Count("talks", distinct=True)
        )
        .order_by("-weight", "slug")
        .first()
    )
    resource = (
        Resource.objects.visible_to(None)
        .annotate(
            weight=Count("methods", distinct=True) + Count("offers", distinct=True)
        )
        .order_by("-weight", "slug")
        .first()
    )
    category = (
        MethodCategory.objects.annotate(weight=Count("methods"))
        .order_by("-weight", "slug")
        .first()
    )
    plan = Plan.objects.annotate(weight=Count("goals")).order_by("-weight").first()
    goal = (
        Goal.objects.select_related("plan")
        .annotate(weight=Count("measurements") + Count("targets"))
        .order_by("-weight", "pk")
        .first()
    )
    search = urllib.parse.urlencode({"q": SEARCH_WORDS})
    return [
        Page("Forside", "/"),
        Page("Tilbud, liste", "/tilbud/"),
        Page("Tilbud", offer.get_absolute_url()),
        Page("Metoder, filtreret", f"/metoder/?category={category.slug}"),
        Page("Metode", method.get_absolute_url()),
        Page("Materialer, liste", "/materialer/"),
        Page("Materiale", resource.get_absolute_url()),
        Page("Søgning", f"/soeg/?{search}"),
        Page("Planer, liste", "/planer/"),
        Page("Plan", plan.get_absolute_url()),
        Page("Mål", goal.get_absolute_url()),
        Page("Sitemap, indeks", "/sitemap.xml"),
        Page("Sitemap, tilbud", "/sitemap-tilbud.xml"),
        # The open data (api/): the lists at their default page size, and the
        # heaviest offer fully nested.
        Page("HSDS, tilbud", "/api/hsds/services"),
        Page("HSDS, et tilbud", f"/api/hsds/services/{offer.uuid}"),
        Page("HSDS, tilbud på adresser", "/api/hsds/service_at_locations"),
        Page("HSDS, organisationer", "/api/hsds/organizations"),
        Page("HSDS, taksonomitermer", "/api/hsds/taxonomy_terms"),
        Page("API, metoder", "/api/v1/methods"),
        Page("API, mål", "/api/v1/goals"),
    ]


def table_sizes():
    from goals.models import Goal, Measurement, Plan
    from methods.models import Method
    from resources.models import Resource
    from services.models import Offer

    return {
        "tilbud": Offer.objects.count(),
        "metoder": Method.objects.count(),
        "materialer": Resource.objects.count(),
        "planer": Plan.objects.count(),
        "mål": Goal.objects.count(),
        "målinger": Measurement.objects.count(),
    }


# Measuring --------------------------------------------------------------------------


def time_searches():
    """(query, hits, median ms, slowest ms) of the site search as an anonymous
    visitor: every group's count and best hits, as the search page asks."""
    import statistics
    import time

    from django.contrib.auth.models import AnonymousUser

    from config.search import search_site

    results = []
    for query in SEARCH_QUERIES:
        search_site(query, AnonymousUser())  # warm the database's caches
        times = []
        for _ in range(SEARCH_RUNS):
            started = time.perf_counter()
            result = search_site(query, AnonymousUser())
            times.append((time.perf_counter() - started) * 1000)
        hits = result.total
        results.append((query, hits, statistics.median(times), max(times)))
    return results


def staff_clients():
    """A member of staff (not a superuser: what the portal shows staff) and a
    superuser for the admin, both logged in; the staff session as a Cookie
    header for wrk (the same session store as the server: the environment)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    backend = "django.contrib.auth.backends.ModelBackend"
    users = get_user_model().objects
    staff, _new = users.update_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": False}
    )
    admin, _new = users.update_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    staff_client = Client(HTTP_HOST="127.0.0.1")
    staff_client.force_login(staff, backend=backend)
    admin_client = Client(HTTP_HOST="127.0.0.1")
    admin_client.force_login(admin, backend=backend)
    _pass_second_factor(admin, admin_client)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={staff_client.cookies[name].value}", staff_client, admin_client


def _pass_second_factor(user, client):
    """A superuser must give a second factor (config/two_factor.py): the
    bench's session counts as verified with a confirmed app device, as a
    real login's would after the code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _new = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def admin_changelists():
    """(label, address) of every model's changelist in the admin."""
    from django.contrib import admin
    from django.urls import reverse

    found = []
    for model in admin.site._registry:
        meta = model._meta
        label = f"{meta.app_label}.{meta.model_name}"
        found.append(
            (label, reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        )
    return sorted(found)


def time_in_process(client, path, runs, fresh=True):
    """(median ms, slowest ms, SQL queries, median CPU ms) of ``runs`` requests
    one at a time; ``fresh`` adds a new ``bench`` parameter to each (a cache
    miss). The CPU time is this process's alone (Python: the view and the
    templates, not PostgreSQL's), and moves far less with the neighbours' load
    than the wall clock."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    separator = "&" if "?" in path else "?"
    client.get(path)  # warm this process's caches (templates, content types)
    times, cpu, queries = [], [], 0
    for run in range(runs):
        address = (
            f"{path}{separator}bench=inproc{time.time_ns()}{run}" if fresh else path
        )
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(address)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{address} answered {response.status_code}")
        queries = len(captured)
    return statistics.median(times), max(times), queries, statistics.median(cpu)


def check_page(base, page):
    with urllib.request.urlopen(base + page.path, timeout=60) as response:  # noqa: S310
        if response.status != 200:
            raise SystemExit(f"{page.path} answered {response.status}")


def run_wrk(args, url, script, duration, connections=None, headers=()):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{connections or args.connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        script,
        *[part for header in headers for part in ("-H", header)],
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(
        (row for row in output.stdout.splitlines() if row.startswith("BENCH ")), None
    )
    if line is None:
        raise SystemExit(f"wrk gave no result for {url}:\n{output.stdout}")
    data = json.loads(line[len("BENCH ") :])
    return Result(
        requests_per_second=data["requests"] / (data["duration_us"] / 1_000_000),
        p50_ms=data["p50"] / 1000,
        p99_ms=data["p99"] / 1000,
        errors=data["errors"],
        non2xx=data["non2xx"],
    )


def page_weight(base, path):
    """(HTML gzip bytes, CSS+JS bytes as served gzip) for a first visit."""
    html = _fetch(base + path)[0]
    compressed_html = len(gzip.compress(html, compresslevel=6))
    assets = set(re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html))
    assets |= set(re.findall(rb'<script[^>]+src="([^"]+)"', html))
    asset_bytes = 0
    for asset in sorted(assets):
        body, headers = _fetch(
            urllib.parse.urljoin(base + path, asset.decode()), gzip=True
        )
        asset_bytes += int(headers.get("Content-Length") or len(body))
    return compressed_html, asset_bytes


def _fetch(url, gzip=False):
    request = urllib.request.Request(url)  # noqa: S310 - loopback only
    if gzip:
        request.add_header("Accept-Encoding", "gzip")
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read(), response.headers


def _script(folder, name, text):
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# Reporting ----------------------------------------------------------------------------


def render(args, rows, health_before, health_after, health, counts, searches):
    today = datetime.date.today().isoformat()
    lines = [
        SECTION,
        "",
        f"Measured {today} by `scripts/bench` "
        f"({args.connections} concurrent connections, {args.duration} s per page "
        f"with the cache, {args.uncached_duration} s without; wrk on loopback).",
        "",
        *[f"- {note}" for note in args.note],
        "- Data: " + ", ".join(f"{count} {name}" for name, count in counts.items()),
        f"- `/healthz`: {health_before.requests_per_second:.0f} svar/s before, "
        f"{health_after.requests_per_second:.0f} after; p99 "
        f"{max(health_before.p99_ms, health_after.p99_ms):.1f} ms.",
        "",
        "| Side | Adresse | Svar/s | Andel af /healthz | p50 ms | p99 ms "
        "| Uden cache: svar/s | p50 ms | p99 ms | Sidevægt (gzip) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page, cached, uncached, (html, assets) in rows:
        share = cached.requests_per_second / health if health else 0
        lines.append(
            f"| {page.label} | `{_short(page.path)}` "
            f"| {cached.requests_per_second:.0f} | {share:.0%} "
            f"| {cached.p50_ms:.1f} | {cached.p99_ms:.1f} "
            f"| {uncached.requests_per_second:.0f} | {uncached.p50_ms:.1f} "
            f"| {uncached.p99_ms:.1f} "
            f"| {(html + assets) / 1024:.1f} kB ({html / 1024:.1f} + "
            f"{assets / 1024:.1f}) |"
        )
    lines += [
        "",
        f"Site search in-process (`config.search.search_site`, anonymous, "
        f"median of {SEARCH_RUNS}):",
        "",
        "| Søgning | Hits | Median ms | Langsomste ms |",
        "|---|--:|--:|--:|",
    ]
    for query, hits, median, slowest in searches:
        lines.append(f"| `{query}` | {hits} | {median:.1f} | {slowest:.1f} |")
    lines.append("")
    return "\n".join(lines)


def render_staff(args, staff_rows, in_process, changelists, loads):
    connections = args.staff_connections.split(",")
    load_text = "; ".join(
        f"{when} {' '.join(f'{value:.2f}' for value in values)}"
        for when, values in loads.items()
    )
    lines = [
        "",
        f"Staff (a logged-in member of staff, never the page cache; every request a "
        f"new address, {args.uncached_duration} s per page; load average, 1, 5 and "
        f"15 minutes, when each part ended: {load_text}):",
        "",
        "| Side | "
        + " | ".join(f"{n} klienter: svar/s | p50 ms | p99 ms" for n in connections)
        + " | I processen: median ms | langsomste ms | CPU ms | SQL |",
        "|---|" + "--:|--:|--:|" * len(connections) + "--:|--:|--:|--:|",
    ]
    loaded = {page.path: results for page, results in staff_rows}
    blank = " | ".join("–" for _ in range(3 * len(connections)))
    for page, (median, slowest, queries, cpu) in in_process:
        results = loaded.get(page.path)
        cells = (
            " | ".join(
                f"{r.requests_per_second:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f}"
                for r in results
            )
            if results
            else blank
        )
        lines.append(
            f"| {page.label} | {cells} | {median:.1f} | {slowest:.1f} "
            f"| {cpu:.1f} | {queries} |"
        )
    lines += [
        "",
        f"Admin changelists in-process (a superuser, the first page, median of "
        f"{args.runs}; target 300 ms):",
        "",
        "| Liste | Adresse | Median ms | Langsomste ms | CPU ms | SQL |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for page, (median, slowest, queries, cpu) in changelists:
        numbers = f"{median:.1f} | {slowest:.1f} | {cpu:.1f} | {queries}"
        lines.append(f"| {page.label} | `{page.path}` | {numbers} |")
    lines.append("")
    return "\n".join(lines)


def write_section(path, table):
    """Replace this section of the file (up to the next ``## ``), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    marker = "<!-- scripts/bench writes the measurements below -->\n"
    block = table.rstrip("\n") + "\n\n"
    if pattern.search(text):
        current = pattern.search(text).group(0)
        if marker in current:
            # Keep the hand-written text above the measurements.
            head = current.split(marker)[0]
            body = table.split("\n", 2)[2]  # without the heading
            block = head + marker + "\n" + body.rstrip("\n") + "\n\n"
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = (text.rstrip("\n") + "\n\n" if text else "") + block
    path.write_text(text, encoding="utf-8")


def _short(path):
    path = urllib.parse.unquote(path)
    return path if len(path) <= 48 else path[:45] + "…"


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
