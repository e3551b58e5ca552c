"""The search machinery every app's ``search.py`` uses.

Each app exposes ``search(query, user, limit)`` returning ``(count, results)``
and ``matching(queryset, query)`` for its list page's ``q`` filter; both apply
the app's visibility rule themselves. Site-wide search (config/search.py)
composes them.

On PostgreSQL the match is full-text search in the ``danish`` configuration (so
"behandlingen" finds "behandling"), weighted title (A) over summary (B) over body
(C) and ranked with ``SearchRank``. Each searched model keeps that weighted
document in a stored ``search_vector`` column (core/fields.py), filled by a
trigger and indexed with GIN, so a search neither builds a document per row nor
ranks by one; keep ``SearchSpec`` and the trigger in the ``*_search_vector``
migrations in step (tests/performance/test_search_document.py compares them,
tests/config/test_search.py checks that the index is used). A spec without
``document`` builds the vector in the query.

On SQLite every word of the query must occur, case-insensitively, in one of the
same fields. SQLite's own ``lower()`` and ``LIKE`` fold ASCII only, so both
sides are folded with Python's ``str.casefold`` (registered as an SQL function)
and "ÆBLE" finds "æble".
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connections
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

SEARCH_CONFIG = "danish"
MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220

# Private-use characters mark matches inside PostgreSQL's headline, so the text
# can be HTML-escaped first and the marks turned into <mark> afterwards.
_MARK_START = "\ue000"
_MARK_STOP = "\ue001"
_WORD = re.compile(r"\w+")
# Markdown markers that would only be noise in a snippet.
_MARKDOWN_LINE_START = re.compile(r"^\s*(?:[-*+>]|#{1,6}|\d+\.)\s+", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|`)")


@dataclass(frozen=True)
class SearchSpec:
    """Which fields a model is searched in, by weight."""

    title: tuple[str, ...]
    summary: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    # The stored document column on PostgreSQL, if the model has one.
    document: str = ""

    @property
    def fields(self):
        return self.title + self.summary + self.body

    def vector(self):
        """The weighted document; GIN indexes are built on exactly this."""
        vector = None
        for fields, weight in (
            (self.title, "A"),
            (self.summary, "B"),
            (self.body, "C"),
        ):
            if not fields:
                continue
            part = SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
            vector = part if vector is None else vector + part
        return vector



def query_words(query):
    """The words of a query, casefolded; empty when there is nothing to search."""
    query = (query or "").replace("\x00", "")[:MAX_QUERY_LENGTH]
    return _WORD.findall(query.casefold())


def filter_queryset(queryset, spec, query):
    """``queryset`` narrowed to rows matching ``query``, ranked best first, with
    a ``search_rank`` annotation. No words in the query: no rows."""
    if not query_words(query):
        return queryset.none()
    query = query.replace("\x00", "")[:MAX_QUERY_LENGTH]
    if connections[queryset.db].vendor == "postgresql":
        return _postgres_filter(queryset, spec, query)
    return _fallback_filter(queryset, spec, query)


def run_search(queryset, spec, query, limit):
    """``(count, results)``: the number of matches and the best ``limit`` of
    them, each with ``search_snippet`` (safe HTML with ``<mark>``)."""
    matches = filter_queryset(queryset, spec, query)
    if not query_words(query):
        return 0, []
    count = matches.count()
    if not count or limit <= 0:
        return count, []
    postgres = connections[queryset.db].vendor == "postgresql"
    if postgres:
        # A headline is costly: make it for the best ``limit`` only, not for
        # every match the ranking looks at (one query all the same).
        best = matches.values("pk")[:limit]
        matches = filter_queryset(queryset.filter(pk__in=best), spec, query)
        matches = matches.annotate(
            search_headline=SearchHeadline(
                _joined(spec.summary + spec.body),
                SearchQuery(query[:MAX_QUERY_LENGTH], **_query_options()),
                config=SEARCH_CONFIG,
                start_sel=_MARK_START,
                stop_sel=_MARK_STOP,
                max_words=35,
                min_words=15,
            )
        )
    results = list(matches[:limit])
    words = query_words(query)
    for item in results:
        if postgres:
            item.search_snippet = _marked(item.search_headline)
        else:
            text = "\n".join(
                str(getattr(item, field) or "") for field in spec.summary + spec.body
            )
            item.search_snippet = highlight(plain_text(text), words)
    return count, results


def plain_text(text):
    """Markdown as the words a reader sees, on one line."""
    text = _MARKDOWN_LINE_START.sub("", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_EMPHASIS.sub("", text)
    return " ".join(text.split())


def highlight(text, words, length=SNIPPET_LENGTH):
    """An escaped excerpt of ``text`` around the first match, matches in ``<mark>``."""
    text = " ".join(text.split())
    if not words or not text:
        return escape(_shorten(text, 0, length))
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)),
        re.IGNORECASE,
    )
    first = pattern.search(text)
    start = max(0, first.start() - length // 3) if first else 0
    excerpt = _shorten(text, start, length)
    parts = []
    position = 0
    for match in pattern.finditer(excerpt):
        parts.append(escape(excerpt[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(excerpt[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped


# Helpers.


def _query_options():
    return {"config": SEARCH_CONFIG, "search_type": "websearch"}


def _postgres_filter(queryset, spec, query):
    search_query = SearchQuery(query, **_query_options())
    if spec.document:
        document = F(spec.document)
        queryset = queryset.filter(**{spec.document: search_query})
    else:
        document = spec.vector()
        queryset = queryset.annotate(search_document=document).filter(
            search_document=search_query
        )
    return queryset.annotate(search_rank=SearchRank(document, search_query)).order_by(
        "-search_rank", *_ordering(queryset)
    )


class Casefold(Func):
    """Python's ``str.casefold`` on SQLite, where ``lower()`` only folds ASCII."""

    function = "vc_casefold"
    output_field = TextField()


def _fallback_filter(queryset, spec, query):
    _register_casefold(connections[queryset.db])
    words = query_words(query)
    folded = {field: f"search_folded_{field}" for field in spec.fields}
    queryset = queryset.annotate(
        **{
            alias: Casefold(Coalesce(F(field), Value("")))
            for field, alias in folded.items()
        }
    )
    for word in words:
        condition = Q()
        for alias in folded.values():
            condition |= Q(**{f"{alias}__contains": word})
        queryset = queryset.filter(condition)

    def matches_all(fields):
        condition = Q()
        for word in words:
            in_fields = Q()
            for field in fields:
                in_fields |= Q(**{f"{folded[field]}__contains": word})
            condition &= in_fields
        return condition

    whens = [When(matches_all(spec.title), then=Value(3))]
    if spec.summary:
        whens.append(When(matches_all(spec.summary), then=Value(2)))
    return queryset.annotate(
        search_rank=Case(*whens, default=Value(1), output_field=IntegerField())
    ).order_by("-search_rank", *_ordering(queryset))


def _register_casefold(connection):
    # Cheap and idempotent; the raw sqlite3 connection can change between calls.
    connection.ensure_connection()
    connection.connection.create_function(
        Casefold.function, 1, _casefold, deterministic=True
    )


def _ordering(queryset):
    """Ties keep the queryset's own order."""
    return list(queryset.query.order_by) or list(queryset.model._meta.ordering)


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def _joined(fields):
    """The text fields as one text, for the headline."""
    pieces = []
    for field in fields:
        if pieces:
            pieces.append(Value(" "))
        pieces.append(Coalesce(F(field), Value(""), output_field=TextField()))
    if len(pieces) == 1:
        return pieces[0]
    return Concat(*pieces, output_field=TextField())


def _marked(headline):
    text = escape(plain_text(headline or ""))
    return mark_safe(  # noqa: S308 - the text is escaped; only the marks are HTML
        text.replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    )


def _shorten(text, start, length):
    if start > 0:
        # Begin at a word boundary.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    excerpt = text[start : start + length]
    if start + length < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > length // 2 else excerpt) + " …"
    return ("… " if start > 0 else "") + excerpt
