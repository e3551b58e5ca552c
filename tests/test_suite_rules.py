"""Rules the suite keeps about itself: every test checks something.

A test that only calls things passes whatever they return; it must assert on
what a user sees or what the database holds. Read from the test modules' source:
a test asserts if it has an ``assert``, expects an exception
(``pytest.raises``), or calls a helper that asserts (a function of its module
with an ``assert`` in it, or one named ``assert_…``/``expect``, as
``django_assert_num_queries`` and Playwright's ``expect`` are).
"""

import ast
import textwrap
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def unasserted_tests(source, path):
    """``path:line: name`` of each test function in ``source`` that asserts
    nothing."""
    tree = ast.parse(source)
    helpers = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and _asserts(node, set())
    }
    return [
        f"{path}:{node.lineno}: {node.name}"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.name.startswith("test")
        and not _asserts(node, helpers)
    ]


def test_every_test_asserts_something():
    missing = [
        line
        for path in sorted(TESTS.rglob("test_*.py"))
        for line in unasserted_tests(
            path.read_text(encoding="utf-8"), path.relative_to(TESTS.parent)
        )
    ]
    assert missing == [], "tests that assert nothing:\n" + "\n".join(missing)


def test_a_test_that_only_calls_things_is_found():
    source = textwrap.dedent(
        """
        def check(response):
            assert response.status_code == 200

        def test_only_calls(client):
            client.get("/")

        def test_asserts(client):
            assert client.get("/").status_code == 200

        def test_through_a_helper(client):
            check(client.get("/"))

        def test_through_an_assert_helper(client):
            assert_answers_in_danish(client, "/")

        def test_expects_an_error():
            with pytest.raises(ValueError):
                int("x")

        def test_counts_queries(client, django_assert_num_queries):
            with django_assert_num_queries(3):
                client.get("/")
        """
    )
    assert unasserted_tests(source, "t.py") == ["t.py:5: test_only_calls"]


def _asserts(function, helpers):
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in helpers or name in {"raises", "fail", "expect"}:
                return True
            if name.startswith("assert") or "_assert_" in name:
                return True
    return False
