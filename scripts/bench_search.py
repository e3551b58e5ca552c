"""Time the site search in-process, per class of query, and write the figures
to docs/performance.md (section "Søgning som folk skriver").

Run it against a database with a hundred times the seed content, never the
shared bench database itself, e.g. a copy:

    psql -h 127.0.0.1 -U postgres -c \
        "CREATE DATABASE my_bench TEMPLATE videnscenter_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/my_bench \
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/my_bench \
        .venv/bin/python scripts/bench_search.py

Each query runs once to warm the caches (and, for the first correction, to
build the vocabulary, timed separately), then ``--runs`` times as an
anonymous visitor asking for the first page, as the search page does.

Beside the wall clock it reports CPU time, which a loaded machine disturbs
far less: this process's (``time.process_time``) and, when PostgreSQL runs
on the same machine, its server process's (``/proc/<pid>/schedstat``), and
the time spent waiting for the database.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402

from config.search import ensure_vocabulary, search_site  # noqa: E402
from core.models import SearchWord  # noqa: E402

# (class, queries): the kinds of query of issue #18, ordinary to broadest.
QUERIES = [
    ("almindelig", ["ladegården", "bostøtte", "perron", "metadon"]),
    ("uden æøå", ["hjemlos", "vaerested", "ladegaarden"]),
    ("stavefejl", ["alkohl", "kognetiv", "bostøte"]),
    ("engelsk", ["homeless", "alcohol"]),
    ("flere ord", ["gratis tandlæge", "her og nu støtte", '"housing first"']),
    ("bredeste", ["alkohol unge", "behandling", "støtte"]),
]
SECTION = "<!-- scripts/bench_search.py writes the measurements below -->"
END = "<!-- end of scripts/bench_search.py -->"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Kræver PostgreSQL (DATABASE_URL).")

    SearchWord.objects.all().delete()
    started = time.perf_counter()
    ensure_vocabulary(force=True)
    vocabulary_ms = (time.perf_counter() - started) * 1000

    load_before = os.getloadavg()
    rows = []
    for kind, queries in QUERIES:
        times, cpu, sql = [], [], []
        details = []
        for query in queries:
            result = search_site(query, AnonymousUser())
            for _ in range(args.runs):
                waited = [0.0]
                server = _server_cpu()
                started_cpu = time.process_time()
                started = time.perf_counter()
                with connection.execute_wrapper(_timed(waited)):
                    search_site(query, AnonymousUser())
                times.append((time.perf_counter() - started) * 1000)
                used = time.process_time() - started_cpu
                server = _server_cpu() - server if server is not None else 0.0
                cpu.append((used + server) * 1000)
                sql.append(waited[0] * 1000)
            details.append((query, result.total, result.searched))
        median = statistics.median(times)
        rows.append(
            (
                kind,
                details,
                median,
                max(times),
                statistics.median(cpu),
                statistics.median(sql),
            )
        )
        print(f"{kind}: median {median:.1f} ms, max {max(times):.1f} ms")
    load_after = os.getloadavg()

    counts = {
        "tilbud": _count("services_offer"),
        "metoder": _count("methods_method"),
        "materialer": _count("resources_resource"),
        "mål": _count("goals_goal"),
        "indsatser": _count("goals_initiative"),
    }
    text = _report(rows, args.runs, vocabulary_ms, load_before, load_after, counts)
    print(text)
    if not args.no_write:
        _write(text)


def _timed(waited):
    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waited[0] += time.perf_counter() - started

    return wrapper


def _server_cpu():
    """Seconds of CPU the database server's process for this connection has
    used, if it runs here; else None."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def _count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def _report(rows, runs, vocabulary_ms, load_before, load_after, counts):
    now = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    lines = [
        f"Measured {now} UTC by `scripts/bench_search.py` "
        f"({runs} runs per query after one to warm up; anonymous, first page of 20).",
        "",
        "- Data: " + ", ".join(f"{n} {name}" for name, n in counts.items()),
        f"- Load average (1, 5, 15 min) before: {_load(load_before)}; "
        f"after: {_load(load_after)} (2 CPU cores, shared)",
        f"- Building the vocabulary for corrections (once per content change): "
        f"{vocabulary_ms:.0f} ms",
        "",
        "Median ms and Langsomste ms: wall clock; CPU ms: the median CPU time of "
        "this process and of its PostgreSQL server process together; SQL ms: the "
        "median time spent waiting for the database.",
        "",
        "| Slags søgning | Søgninger (hits; søgt efter) | Median ms | Langsomste ms "
        "| CPU ms | SQL ms |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for kind, details, median, slowest, cpu, sql in rows:
        shown = "; ".join(
            f"`{q}` ({total}{'' if searched == q else f' → `{searched}`'})"
            for q, total, searched in details
        )
        lines.append(
            f"| {kind} | {shown} | {median:.1f} | {slowest:.1f} | {cpu:.1f} "
            f"| {sql:.1f} |"
        )
    return "\n".join(lines)


def _load(values):
    return ", ".join(f"{value:.1f}" for value in values)


def _write(text):
    path = ROOT / "docs" / "performance.md"
    content = path.read_text()
    block = f"{SECTION}\n\n{text}\n\n{END}"
    if SECTION in content:
        content = re.sub(
            re.escape(SECTION) + r".*?" + re.escape(END),
            lambda _match: block,
            content,
            flags=re.S,
        )
    else:
        content = (
            content.rstrip() + "\n\n## Søgning som folk skriver\n\n" + block + "\n"
        )
    path.write_text(content)


if __name__ == "__main__":
    main()
