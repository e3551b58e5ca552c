"""The search machinery every app's ``search.py`` uses.

A query is read as people type it (``parse_query``): each word may be written
without æøå ("hjemlos", "vaerested", "ladegaarden"), with accents or without,
and in a curator's synonym list (``core.models.Synonym``: "hash" also finds
"cannabis", "homeless" finds "hjemløs"); "quoted phrases" stay exact. Each
word becomes a *term*: the word and its alternatives, any of which may match.

On PostgreSQL the match is full-text search in the ``danish_folded``
configuration (Danish stemming after ``unaccent``, core migration 0002), so
"behandlingen" finds "behandling" and "hjemlos" finds "hjemløs". Words of four
letters or more also match as the beginning of a word ("abstinens" finds
"abstinenser", "alkohol" finds "alkoholbehandling"). The document is weighted
title (A) over summary (B) over body (C) and kept in a stored ``search_vector``
column (core/fields.py), filled by a trigger and indexed with GIN; keep
``SearchSpec`` and the trigger in the ``*_search_vector`` migrations in step
(tests/performance/test_search_document.py compares them).

On SQLite every term must occur as a substring, folded the same way by
Python (``fold``, registered as an SQL function), in one of the same fields.

Ranking (``ranked``): the whole query in the title first, then the number of
terms matched, then the number matched in the title, then PostgreSQL's
``ts_rank``. Site search (config/search.py) merges the types on these keys.
"""

import contextlib
import functools
import hashlib
import re
import unicodedata
import weakref
from dataclasses import dataclass, field

import psycopg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.contrib.postgres.search import SearchVector as _SearchVector
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DatabaseError, connections, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import caching

SEARCH_CONFIG = "danish_folded"
MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220
# Shorter words only match whole: the stemmer shortens a word before it is
# taken as a beginning, and "koen" must not find every word starting "ko".
PREFIX_MIN_LENGTH = 6
SYNONYMS_CACHE_KEY = "search-synonyms"
# When the words as written find little, words this long are also tried
# without their last letters (``Terms.loosened``).
LOOSE_MIN_LENGTH = 8
LOOSE_LETTERS = 3

# Private-use characters mark matches inside PostgreSQL's headline, so the text
# can be HTML-escaped first and the marks turned into <mark> afterwards.
_MARK_START = "\ue000"
_MARK_STOP = "\ue001"
_WORD = re.compile(r"\w+")
_PHRASE = re.compile(r'"([^"]*)"')
# Markdown markers that would only be noise in a snippet.
_MARKDOWN_LINE_START = re.compile(r"^\s*(?:[-*+>]|#{1,6}|\d+\.)\s+", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|`)")

# Folding as PostgreSQL's unaccent does it for the letters that matter here.
_FOLD_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})
# How people write æ, ø and å without a Danish keyboard.
_SPELT_OUT = (("aa", "å"), ("oe", "ø"), ("ae", "æ"))
# Real words where "aa", "oe" or "ae" are the letters themselves, not å, ø or
# æ spelt out: "koen" is the cow, not "køn". Checked as the whole word or, for
# compounds ("dataansvarlig", "skoene"), as its beginning.
GENUINE_WORDS = frozenset(
    """
    koen koens koerne koer skoen skoene skoet boede boet boende troede troende
    snoede spoed sjoen dloe poesi poet poeter poetisk poetiske koefficient
    koeksistens koeksisterende kooperativ zoo zoologisk aerob aerobic aerosol
    israel israelsk israelske michael rafael raphael maestro paella
    dataanalyse dataansvarlig dataansvarlige dataadgang dataaftale datamodeller
    ekstraarbejde ekstraafgift kontraaftale metaanalyse metaanalyser
    ultraaktiv goethe joel noel noemi oesophagus boerne soeren
    """.split()
)
_GENUINE_PREFIXES = ("data", "ekstra", "kontra", "meta", "ultra", "para")


def fold(text):
    """Lower case, accents and æøå folded as ``unaccent`` does: "Hjemløs
    Café" → "hjemlos cafe". The stored text is folded the same way."""
    text = (text or "").casefold().translate(_FOLD_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_genuine(word):
    """Whether "aa", "oe" or "ae" in ``word`` are the letters themselves."""
    word = word.casefold()
    # The word itself, or a compound ending in one ("malkekoen").
    if any(
        word == genuine or (len(genuine) >= 4 and word.endswith(genuine))
        for genuine in GENUINE_WORDS
    ):
        return True
    return (
        any(
            word.startswith(prefix) and word[len(prefix) : len(prefix) + 1] == "a"
            for prefix in _GENUINE_PREFIXES
        )
        and "oe" not in word
        and "ae" not in word
    )


def spelt_out(word):
    """``word`` with "aa"/"oe"/"ae" read as å/ø/æ, unless they are genuine
    letters of a real word: "hjemloes" → "hjemløs", "koen" → "koen"."""
    if is_genuine(word):
        return word
    for written, letter in _SPELT_OUT:
        word = word.replace(written, letter)
    return word


@dataclass(frozen=True)
class Term:
    """One thing the query asks for: a word or a quoted phrase, and what else
    may stand for it (the word with æøå, its synonyms)."""

    text: str
    alternatives: tuple[str, ...]
    phrase: bool = False


@dataclass(frozen=True)
class Terms:
    terms: tuple[Term, ...]
    # The query's words as typed, for the whole-query-in-title ranking.
    words: tuple[str, ...] = field(default=())

    def __bool__(self):
        return bool(self.terms)

    @property
    def folded_text(self):
        """The query as one folded text, æøå read in: matched against titles."""
        return " ".join(fold(spelt_out(word)) for word in self.words)

    def loosened(self):
        """The terms with the beginning of each long word as one more
        alternative, for the inflections the stemmer does not join
        ("rusmiddelcentret" and "rusmiddelcenter")."""
        terms = []
        for term in self.terms:
            extra = [
                alternative[: len(alternative) - LOOSE_LETTERS]
                for alternative in term.alternatives[:2]
                if not term.phrase
                and len(alternative) >= LOOSE_MIN_LENGTH
                and _WORD.fullmatch(alternative)
            ]
            terms.append(
                Term(
                    term.text,
                    tuple(dict.fromkeys(term.alternatives + tuple(extra))),
                    term.phrase,
                )
            )
        return Terms(tuple(terms), self.words)

    def highlight_words(self):
        words = []
        for term in self.terms:
            for alternative in term.alternatives:
                words.extend(_WORD.findall(alternative))
        return list(dict.fromkeys(words))


def query_words(query):
    """The words of a query, casefolded; empty when there is nothing to search."""
    return _WORD.findall(_clean(query).casefold())


def parse_query(query, synonyms=None):
    """The terms of ``query``: quoted phrases exact, each other word with its
    æøå spelling and its synonyms. ``synonyms`` defaults to the curators' list."""
    query = _clean(query)
    if synonyms is None:
        synonyms = synonym_groups()
    terms = []
    for phrase in _PHRASE.findall(query):
        words = _WORD.findall(phrase.casefold())
        if words:
            text = " ".join(words)
            terms.append(Term(text, (text,), phrase=True))
    words = _WORD.findall(_PHRASE.sub(" ", query).casefold())
    position = 0
    while position < len(words):
        # A synonym of two words ("psykisk sygdom") is one term.
        pair = " ".join(words[position : position + 2])
        if position + 1 < len(words) and fold(pair) in synonyms:
            terms.append(Term(pair, _with_synonyms(pair, synonyms)))
            position += 2
            continue
        word = words[position]
        terms.append(Term(word, _with_synonyms(word, synonyms)))
        position += 1
    return Terms(tuple(terms), tuple(_WORD.findall(query.casefold())))


def synonym_groups():
    """``{folded word: (every word of its group)}`` from the curators' list,
    cached until a synonym is saved or deleted (core/apps.py)."""
    groups = caching.get(SYNONYMS_CACHE_KEY)
    if groups is caching.MISSING:
        from .models import Synonym

        groups = {}
        for synonym in Synonym.objects.all():
            terms = tuple(t.casefold() for t in synonym.terms)
            for term in terms:
                groups[fold(term)] = tuple(
                    dict.fromkeys(groups.get(fold(term), ()) + terms)
                )
        caching.set(SYNONYMS_CACHE_KEY, groups, 3600)
    return groups


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
            part = _SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
            vector = part if vector is None else vector + part
        return vector


def filter_queryset(queryset, spec, query):
    """``queryset`` narrowed to rows matching every term of ``query``, ranked
    best first. No words in the query: no rows."""
    terms = parse_query(query)
    if not terms:
        return queryset.none()
    return ranked(queryset, spec, terms).order_by(*RANK_ORDER, *_ordering(queryset))


RANK_ORDER = ("-search_phrase", "-search_terms", "-search_title", "-search_rank")


def ranked(queryset, spec, terms, any_term=False):
    """Rows matching all ``terms`` (or, with ``any_term``, at least one),
    annotated with the ranking keys of ``RANK_ORDER`` and ``search_total``, the
    number of rows matching (a window over the same query, not a second one)."""
    if connections[queryset.db].vendor == "postgresql" and spec.document:
        return _postgres_ranked(queryset, spec, terms, any_term)
    queryset = _fallback_ranked(queryset, spec, terms, any_term)
    return queryset.annotate(search_total=Window(Count("pk")))


@dataclass(frozen=True)
class RankedRow:
    """One match's ranking keys, in the order of ``RANK_ORDER``."""

    key: str
    pk: int
    phrase: int
    terms: int
    title: int
    rank: float
    total: int

    @property
    def order(self):
        return (self.phrase, self.terms, self.title, self.rank)


def ranked_rows(
    entries, terms, limit, any_term=False, using="default", statement_key=None
):
    """``[RankedRow]``: the best ``limit`` matches of each of ``entries``
    (``(key, visible queryset, spec)``, or a callable returning them), in one
    query on PostgreSQL; None elsewhere (use ``ranked`` per type).

    Per type, the candidates are the first ``CANDIDATES`` title matches
    (through the title index) and the first ``CANDIDATES`` of the other
    matches (through the document index); only they are ranked, so a query
    matching thousands costs what one matching hundreds does. The count is
    exact up to ``COUNT_CAP``.

    The statement's text depends only on the entries, the number of terms and
    ``limit``; the query's words are parameters. With ``statement_key`` (what
    decides the entries' visibility rules, e.g. whether the user is staff) the
    text is built once per process and the statement prepared once per
    connection with a generic plan: planning the ten-way statement cost more
    than running it (6-19 ms against 1-5 ms for ordinary queries at 100x)."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not terms:
        return None
    several = len(terms.terms) if len(terms.terms) > 1 else 0
    shape = (statement_key, several, bool(any_term), int(limit))
    sql = _STATEMENTS.get(shape)
    if sql is None:
        entries = entries() if callable(entries) else entries
        sql = " UNION ALL ".join(
            _ranked_sql(key, queryset, spec, several, limit, any_term)
            for key, queryset, spec in entries
        )
        # Common shapes only: up to three terms, the first pages.
        if several <= 3 and limit <= CANDIDATES:
            _keep_statement(shape, sql)
    params = _ranked_params(terms, any_term, limit)
    rows = _run_prepared(connection, sql, params, prepare=shape in _STATEMENTS)
    return [RankedRow(*row) for row in rows]


# The ranking and snippet statements built so far, by shape (``ranked_rows``):
# those in common use (staff or not, up to three terms, the first pages: 38).
# Each is prepared in every database session that runs it, so their number is
# bounded: another shape (a query of many words, a deep page) is built and
# planned afresh each time.
_STATEMENTS = {}
MAX_STATEMENTS = 48


def _keep_statement(shape, sql):
    if shape[0] is not None and len(_STATEMENTS) < MAX_STATEMENTS:
        _STATEMENTS[shape] = sql


class _QueryText(str):
    """A parameter given as ``to_tsquery`` text and taken by the statement
    as a ``tsquery``."""


def _ranked_params(terms, any_term, limit):
    """The named parameters of a ranking statement: the query, the title
    patterns and, with several terms, each term alone and in the title."""
    pattern = r"\W+".join(spelt_out(word) for word in terms.words)
    params = {
        "query": _QueryText(_tsquery(terms, any_term)),
        "contains": r"\m" + pattern,
        "equals": r"^\W*" + pattern + r"\W*$",
    }
    if len(terms.terms) > 1:
        for index, term in enumerate(terms.terms):
            params[f"term{index}"] = _QueryText(_tsquery_term(term))
            params[f"title{index}"] = _QueryText(_tsquery_term(term, "A"))
    elif not _titles_first(any_term, limit):
        params["title0"] = _QueryText(_tsquery(terms, weight="A"))
    return params


def _parameter_type(value):
    if isinstance(value, _QueryText):
        return "tsquery"
    if isinstance(value, list):
        return "bigint[]"
    return "text"


def _run_once(connection, sql, params):
    """The rows of ``sql`` as an ordinary statement, planned for these
    parameters."""
    for name, value in params.items():
        if isinstance(value, _QueryText):
            sql = sql.replace(
                f"%({name})s", f"to_tsquery('{SEARCH_CONFIG}'::regconfig, %({name})s)"
            )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                name: str(value) if isinstance(value, _QueryText) else value
                for name, value in params.items()
            },
        )
        return cursor.fetchall()


# Per database connection (the driver's own object, which a pool keeps with
# its session): the names of the statements prepared in that session.
_PREPARED = weakref.WeakKeyDictionary()


def _run_prepared(connection, sql, params, prepare=True):
    """The rows of ``sql`` (named parameters ``params``) run as a prepared
    statement with a generic plan: planned once per database session, not per
    search. The plan does not depend on the words searched for (every match
    goes through the GIN indexes, every count stops at ``COUNT_CAP``), so a
    generic one serves every query. Django binds parameters on the client
    and never prepares (for poolers' sake), so the statement is prepared in
    SQL; if the session lost it (``DISCARD ALL``), it is prepared again.

    One round trip: ``PREPARE`` (the first time in a session), ``SET LOCAL
    plan_cache_mode`` and ``EXECUTE`` go as one message, which PostgreSQL
    runs as one transaction, so the setting ends with it (under load every
    round trip waited for the CPU: a ``SET`` alone took 6-11 ms).

    A ``_QueryText`` parameter is made a ``tsquery`` once, as the statement's
    argument: in a generic plan ``to_tsquery($1)`` would be parsed and
    stemmed again for every row it meets (a third of the statement's time)."""
    if not prepare:
        return _run_once(connection, sql, params)
    names = list(params)
    positional = sql
    for index, name in enumerate(names, start=1):
        positional = positional.replace(f"%({name})s", f"${index}")
    statement = "vc_search_" + hashlib.sha256(positional.encode()).hexdigest()[:20]
    types = ", ".join(_parameter_type(params[name]) for name in names)
    arguments = ", ".join(
        f"to_tsquery('{SEARCH_CONFIG}'::regconfig, %s)"
        if isinstance(params[name], _QueryText)
        else "%s"
        for name in names
    )
    run = (
        "SET LOCAL plan_cache_mode = force_generic_plan; "
        f"EXECUTE {statement}({arguments})"
    )
    values = [params[name] for name in names]
    for attempt in range(2):
        connection.ensure_connection()
        prepared = _PREPARED.setdefault(connection.connection, set())
        batch = run
        if statement not in prepared:
            batch = f"PREPARE {statement}({types}) AS {positional}; {run}"
        # Inside a transaction a failed batch must not end it: a savepoint.
        guard = (
            transaction.atomic(using=connection.alias)
            if connection.in_atomic_block
            else contextlib.nullcontext()
        )
        try:
            with guard, connection.cursor() as cursor:
                cursor.execute(batch, values)
                while cursor.description is None and cursor.nextset():
                    pass
                rows = cursor.fetchall()
        except DatabaseError as error:
            lost = isinstance(error.__cause__, psycopg.errors.InvalidSqlStatementName)
            there = isinstance(
                error.__cause__, psycopg.errors.DuplicatePreparedStatement
            )
            if attempt or not (lost or there):
                raise
            if lost:
                prepared.discard(statement)
            else:
                prepared.add(statement)
            continue
        prepared.add(statement)
        return rows
    raise AssertionError("unreachable")  # pragma: no cover


def python_ranked_rows(entries, terms, limit, any_term=False):
    """``ranked_rows`` for databases without full-text search (SQLite in
    development and tests): each type's visible rows read once and matched
    in Python, every term a folded substring of a field, ranked on the same
    keys (title 3, summary 2, body 1 in place of ``ts_rank``)."""
    result = []
    for key, queryset, spec in entries:
        matches = []
        rows = queryset.order_by().prefetch_related(None)
        for pk, *values in rows.values_list("pk", *spec.fields):
            folded = (_fold_or_none(str(value or "")) for value in values)
            fields = dict(zip(spec.fields, folded, strict=True))
            keys = _python_keys(spec, terms, fields)
            if keys[1] == len(terms.terms) or (any_term and keys[1]):
                matches.append((keys, pk))
        matches.sort(key=lambda match: (match[0], -match[1]), reverse=True)
        result.extend(
            RankedRow(key, pk, *keys, len(matches)) for keys, pk in matches[:limit]
        )
    return result


def _python_keys(spec, terms, fields):
    def found(term, names):
        return any(
            fold(alternative) in fields[name]
            for alternative in term.alternatives
            for name in names
        )

    title = " " + " ".join(_words_only(fields[name]) for name in spec.title) + " "
    title = re.sub(" +", " ", title)
    text = f" {terms.folded_text} "
    phrase = 2 if title == text else int(text in title)
    matched = sum(found(term, spec.fields) for term in terms.terms)
    in_title = sum(found(term, spec.title) for term in terms.terms)
    rank = sum(
        weight * found(term, names)
        for term in terms.terms
        for names, weight in ((spec.title, 3), (spec.summary, 2), (spec.body, 1))
        if names
    )
    return phrase, matched, in_title, float(rank)


def _ranked_sql(key, queryset, spec, several, limit, any_term=False):
    """One type's part of the ranking statement, with named parameters
    (``_ranked_params``); ``several`` is the number of terms when more than
    one."""
    connection = connections[queryset.db]
    model = queryset.model
    table = connection.ops.quote_name(model._meta.db_table)
    pk = model._meta.pk.column
    columns = {name: model._meta.get_field(name).column for name in spec.fields}
    document = spec.document
    visible = _visible_condition(queryset, table, pk)
    tsquery = "%(query)s"
    title_document = _title_document_sql([f"{table}.{columns[n]}" for n in spec.title])
    contains = " OR ".join(f"c.{columns[n]} ~* %(contains)s" for n in spec.title)
    equals = " OR ".join(f"c.{columns[n]} ~* %(equals)s" for n in spec.title)
    phrase = f"({contains})::int + ({equals})::int"
    if several:
        terms_sql = " + ".join(
            f"(c.{document} @@ %(term{index})s)::int" for index in range(several)
        )
        title_sql = " + ".join(
            f"(c.{document} @@ %(title{index})s)::int" for index in range(several)
        )
    else:
        # One term: every candidate matches it (it comes from ``m`` or
        # ``ti``), and matches it in the title if it is in ``ti``: ``ti`` has
        # every title match when it has fewer than a page of them, and with a
        # page of them the other matches are no candidates (below). No
        # document is read again for either (each read of a candidate's
        # document cost about 20 µs at 100x). Otherwise the document says.
        terms_sql = "1"
        title_sql = f"(c.{pk} IN (SELECT id FROM ti))::int"  # noqa: S608 - a column name
        if not _titles_first(any_term, limit):
            title_sql = f"(c.{document} @@ %(title0)s)::int"
    # When every word must match, a title match has them all in its title and
    # comes before any other match (the ranking keys' order): with a page of
    # title matches among the candidates the others need not be ranked.
    page = int(limit)
    few_titles = f"(SELECT count(*) FROM (SELECT 1 FROM ti LIMIT {page}) t) < {page}"  # noqa: S608
    others = f"WHERE {few_titles}" if _titles_first(any_term, limit) else ""
    label = _literal(connection, key)
    # The matches (up to one more than is counted) and the first title
    # matches (enough for the candidates and a page) as materialised sets,
    # each read once.
    return f"""(
WITH m AS MATERIALIZED (
  SELECT {table}.{pk} AS id FROM {table}
  WHERE {table}.{document} @@ {tsquery} AND {visible}
  LIMIT {COUNT_CAP + 1}),
ti AS MATERIALIZED (
  SELECT {table}.{pk} AS id FROM {table}
  WHERE {title_document} @@ {tsquery} AND {visible}
  LIMIT {CANDIDATES})
SELECT {label}, c.{pk}, {phrase}, {terms_sql}, {title_sql},
  ts_rank('{{0.1,0.2,0.4,1}}', c.{document}, {tsquery}),
  (SELECT count(*) FROM m)
FROM {table} c
WHERE c.{pk} IN (
  (SELECT id FROM ti LIMIT {CANDIDATES})
  UNION (SELECT id FROM m {others} LIMIT {CANDIDATES}))
ORDER BY 3 DESC, 4 DESC, 5 DESC, 6 DESC, 2
LIMIT {int(limit)})"""  # noqa: S608 - names from the models; values are parameters


def _titles_first(any_term, limit):
    """Whether a page of title matches, if there is one among the
    candidates, is the page: every word must match, and the page is no longer
    than the title matches ranked."""
    return not any_term and int(limit) <= CANDIDATES


def _literal(connection, value):
    return _inlined(connection, "%s", [value])


def _inlined(connection, sql, params):
    """``sql`` with ``params`` written in as literals, and ``%`` doubled for
    a statement that takes parameters of its own."""
    return connection.ops.compose_sql(sql, params).replace("%", "%%")


def _visible_condition(queryset, table, pk):
    """The visibility rule of ``queryset`` as SQL (its values written in, as
    they depend only on who asks): a condition on ``table`` itself when it
    needs no join, else ``pk IN (…)``; the planner spends less on a plain
    condition than on a subquery."""
    connection = connections[queryset.db]
    query = queryset.query
    joined = [alias for alias in query.alias_map if query.alias_refcount[alias]]
    if len(joined) <= 1 and not query.where.children:
        return "TRUE"
    if len(joined) <= 1:
        compiler = query.get_compiler(queryset.db)
        try:
            sql, params = compiler.compile(query.where)
        except (EmptyResultSet, FullResultSet):
            sql = ""
        if sql:
            return f"({_inlined(connection, sql, params)})"
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return f"{table}.{pk} IN ({_inlined(connection, sql, params)})"


def _title_document_sql(columns):
    text = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('{SEARCH_CONFIG}'::regconfig, {text})"


def headline_snippets(entries, terms, using="default", statement_key=None):
    """``{(key, pk): snippet}`` (safe HTML with ``<mark>``) for the rows of
    ``entries`` (``(key, model, spec, pks)``): PostgreSQL's highlighted excerpt
    of each row's summary and body, for the rows shown only (it is costly), in
    one prepared statement for every type (as ``ranked_rows``;
    ``statement_key`` names the entries' types and their order); None
    elsewhere."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not terms:
        return None
    entries = [entry for entry in entries if entry[2].summary or entry[2].body]
    shape = (statement_key, "headlines")
    sql = _STATEMENTS.get(shape)
    if sql is None:
        sql = " UNION ALL ".join(
            _headline_sql(connection, key, model, spec, index)
            for index, (key, model, spec, _pks) in enumerate(entries)
        )
        _keep_statement(shape, sql)
    params = {
        "query": _QueryText(_tsquery(terms, any_term=True)),
        "options": _HEADLINE_OPTIONS,
    }
    for index, (_key, _model, _spec, pks) in enumerate(entries):
        params[f"rows{index}"] = [int(pk) for pk in pks]
    rows = _run_prepared(connection, sql, params, prepare=shape in _STATEMENTS)
    return {(key, pk): _marked(text) for key, pk, text in rows}


# As ``headline_expression`` asks for them.
_HEADLINE_OPTIONS = (
    f"StartSel='{_MARK_START}', StopSel='{_MARK_STOP}', MaxWords=35, MinWords=15"
)


def _headline_sql(connection, key, model, spec, index):
    table = connection.ops.quote_name(model._meta.db_table)
    pk = model._meta.pk.column
    text = " || ' ' || ".join(
        f"COALESCE({table}.{model._meta.get_field(name).column}, '')"
        for name in spec.summary + spec.body
    )
    label = _literal(connection, key)
    headline = (
        f"ts_headline('{SEARCH_CONFIG}'::regconfig, {text}, %(query)s, %(options)s)"
    )
    rows = f"%(rows{index})s"
    # Names from the models; values are parameters.
    return f"SELECT {label}, {table}.{pk}, {headline} FROM {table} WHERE {table}.{pk} = ANY({rows})"  # noqa: S608, E501


def headline_expression(spec, terms, using="default"):
    """PostgreSQL's highlighted excerpt of the summary and body, for the rows
    shown only (it is costly); None elsewhere or without such fields."""
    if connections[using].vendor != "postgresql" or not (spec.summary or spec.body):
        return None
    return SearchHeadline(
        _joined(spec.summary + spec.body),
        SearchQuery(
            _tsquery(terms, any_term=True), config=SEARCH_CONFIG, search_type="raw"
        ),
        config=SEARCH_CONFIG,
        start_sel=_MARK_START,
        stop_sel=_MARK_STOP,
        max_words=35,
        min_words=15,
    )


def add_snippets(items, spec, terms, using="default"):
    """Set ``search_snippet`` (safe HTML with ``<mark>``) on each of ``items``
    (of one model): PostgreSQL's headline, made for these rows only, in one
    query; elsewhere an excerpt marked in Python."""
    if not items:
        return
    if all(hasattr(item, "search_headline") for item in items):
        for item in items:
            item.search_snippet = _marked(item.search_headline)
        return
    headline = headline_expression(spec, terms, using)
    if headline is not None:
        model = type(items[0])
        headlines = dict(
            model._default_manager.using(using)
            .filter(pk__in=[item.pk for item in items])
            .annotate(search_headline=headline)
            .values_list("pk", "search_headline")
        )
        for item in items:
            item.search_snippet = _marked(headlines.get(item.pk, ""))
        return
    words = terms.highlight_words()
    for item in items:
        text = "\n".join(
            str(getattr(item, name) or "") for name in spec.summary + spec.body
        )
        item.search_snippet = highlight(plain_text(text), words)


def run_search(queryset, spec, query, limit):
    """``(count, results)``: the number of rows matching every word of
    ``query`` and the best ``limit`` of them, each with ``search_snippet``."""
    terms = parse_query(query)
    if not terms:
        return 0, []
    rows = list(
        ranked(queryset, spec, terms).order_by(*RANK_ORDER, *_ordering(queryset))[
            : max(limit, 1)
        ]
    )
    count = rows[0].search_total if rows else 0
    rows = rows[:limit]
    add_snippets(rows, spec, terms, queryset.db)
    return count, rows


def plain_text(text):
    """Markdown as the words a reader sees, on one line."""
    text = _MARKDOWN_LINE_START.sub("", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_EMPHASIS.sub("", text)
    return " ".join(text.split())


def highlight(text, words, length=SNIPPET_LENGTH):
    """An escaped excerpt of ``text`` around the first match, matches in
    ``<mark>``; "hjemlos" marks "hjemløs" (both sides folded)."""
    text = " ".join(text.split())
    words = [fold(word) for word in words if word]
    if not words or not text:
        return escape(_shorten(text, 0, length))
    folded, positions = _folded_with_positions(text)
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    )
    spans = [
        (positions[m.start()], positions[m.end() - 1] + 1)
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]
    start = max(0, spans[0][0] - length // 3) if spans else 0
    excerpt_start, excerpt = _shorten_at(text, start, length)
    parts = []
    position = 0
    for span_start, span_stop in spans:
        span_start -= excerpt_start
        span_stop -= excerpt_start
        if span_start < position or span_stop > len(excerpt):
            continue
        parts.append(escape(excerpt[position:span_start]))
        parts.append(f"<mark>{escape(excerpt[span_start:span_stop])}</mark>")
        position = span_stop
    parts.append(escape(excerpt[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped


# Helpers.


def _clean(query):
    return (query or "").replace("\x00", "")[:MAX_QUERY_LENGTH]


def _with_synonyms(word, synonyms):
    alternatives = [word, spelt_out(word)]
    for candidate in list(alternatives):
        alternatives.extend(synonyms.get(fold(candidate), ()))
    return tuple(dict.fromkeys(alternatives))


def _tsquery_alternative(alternative, weight="", prefix=True):
    words = _WORD.findall(alternative)
    if len(words) == 1:
        word = words[0]
        star = (
            ":*"
            if prefix and len(word) >= PREFIX_MIN_LENGTH and not is_genuine(word)
            else ""
        )
        suffix = f"{star}{weight}" if (star or weight) else ""
        if suffix and not suffix.startswith(":"):
            suffix = ":" + suffix
        return f"'{word}'{suffix}"
    marker = f":{weight}" if weight else ""
    return "(" + " <-> ".join(f"'{word}'{marker}" for word in words) + ")"


def _tsquery_term(term, weight=""):
    return (
        "("
        + " | ".join(
            _tsquery_alternative(alternative, weight, prefix=not term.phrase)
            for alternative in term.alternatives
        )
        + ")"
    )


def _tsquery(terms, any_term=False, weight=""):
    """The terms as ``to_tsquery`` text. Words are ``\\w+`` only, so quoting
    them is safe."""
    joiner = " | " if any_term else " & "
    return joiner.join(_tsquery_term(term, weight) for term in terms.terms)


def _raw_query(text):
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="raw")


class TitleDocument(Func):
    """The title's own document (core.fields.title_document_sql): the
    expression the title index is built on."""

    arg_joiner = " || ' ' || "
    output_field = TextField()

    def __init__(self, fields):
        super().__init__(
            *[
                Func(F(name), template="COALESCE(%(expressions)s, '')")
                for name in fields
            ]
        )
        self.template = f"to_tsvector('{SEARCH_CONFIG}'::regconfig, %(expressions)s)"


class _TsMatch(Func):
    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


# Rows taken from each of the title matches and the other matches before they
# are ranked: a query matching thousands ranks a few hundred, title matches
# first, instead of every one of them.
CANDIDATES = 60
# Counts beyond this are shown as "more than" (``RankedRow.total`` is then
# ``COUNT_CAP + 1``): counting every one of thousands of matches costs more
# than ranking the page.
COUNT_CAP = 500


def _postgres_ranked(queryset, spec, terms, any_term):
    column = spec.document
    query = _raw_query(_tsquery(terms, any_term))
    matches = queryset.filter(**{column: query})
    in_titles = queryset.filter(_TsMatch(TitleDocument(spec.title), query))
    candidates = Q(
        pk__in=in_titles.order_by()
        .values("pk")[:CANDIDATES]
        .union(matches.order_by().values("pk")[:CANDIDATES], all=True)
    )
    count = Func(
        Subquery(matches.order_by().values("pk")[: COUNT_CAP + 1]),
        template="(SELECT count(*) FROM %(expressions)s AS search_count)",
        output_field=IntegerField(),
    )
    annotations = {
        "search_phrase": Case(
            When(_title_contains(spec, terms)[1], then=2),
            When(_title_contains(spec, terms)[0], then=1),
            default=0,
            output_field=IntegerField(),
        ),
        "search_rank": SearchRank(F(column), query, weights=[0.1, 0.2, 0.4, 1.0]),
        "search_total": count,
    }
    if len(terms.terms) > 1:
        annotations["search_terms"] = _sum(
            [
                Case(
                    When(**{column: _raw_query(_tsquery_term(term))}, then=1), default=0
                )
                for term in terms.terms
            ]
        )
        annotations["search_title"] = _sum(
            [
                Case(
                    When(**{column: _raw_query(_tsquery_term(term, "A"))}, then=1),
                    default=0,
                )
                for term in terms.terms
            ]
        )
    else:
        annotations["search_terms"] = Value(1)
        annotations["search_title"] = Case(
            When(**{column: _raw_query(_tsquery(terms, weight="A"))}, then=1),
            default=0,
            output_field=IntegerField(),
        )
    return queryset.filter(candidates).annotate(**annotations)


def _title_contains(spec, terms):
    """The title holds the query's words in their order (æøå read in), as a
    cheap match on the few rows ranked: "her og nu støtte" in "Her og
    nu-støtte". Words are ``\\w+`` only, so they are safe in the pattern."""
    pattern = r"\W+".join(spelt_out(word) for word in terms.words)
    contains, equals = Q(), Q()
    for name in spec.title:
        contains |= Q(**{f"{name}__iregex": r"\m" + pattern})
        equals |= Q(**{f"{name}__iregex": r"^\W*" + pattern + r"\W*$"})
    return contains, equals


class Fold(Func):
    """``fold`` as an SQL function on SQLite."""

    function = "vc_fold"
    output_field = TextField()


def _fallback_ranked(queryset, spec, terms, any_term):
    _register_fold(connections[queryset.db])
    folded = {name: f"search_folded_{name}" for name in spec.fields}
    queryset = queryset.annotate(
        **{alias: Fold(Coalesce(F(name), Value(""))) for name, alias in folded.items()}
    )

    def found(term, names):
        condition = Q()
        for alternative in term.alternatives:
            for name in names:
                condition |= Q(**{f"{folded[name]}__contains": fold(alternative)})
        return condition

    conditions = [found(term, spec.fields) for term in terms.terms]
    combined = Q()
    for condition in conditions:
        combined = (combined | condition) if any_term else (combined & condition)
    title = Concat(
        *[piece for name in spec.title for piece in (Value(" "), F(folded[name]))],
        Value(" "),
        output_field=TextField(),
    )
    weights = []
    for names, weight in ((spec.title, 3), (spec.summary, 2), (spec.body, 1)):
        if names:
            weights.extend(
                Case(When(found(term, names), then=weight), default=0)
                for term in terms.terms
            )
    return (
        queryset.filter(combined)
        .annotate(search_fold_title=Func(title, function="vc_words"))
        .annotate(
            search_phrase=Case(
                When(search_fold_title=f" {terms.folded_text} ", then=2),
                When(search_fold_title__contains=f" {terms.folded_text} ", then=1),
                default=0,
                output_field=IntegerField(),
            ),
            search_terms=_sum(
                [Case(When(condition, then=1), default=0) for condition in conditions]
            ),
            search_title=_sum(
                [
                    Case(When(found(term, spec.title), then=1), default=0)
                    for term in terms.terms
                ]
            ),
            search_rank=Func(_sum(weights), function="", output_field=FloatField()),
        )
    )


def _sum(expressions):
    total = expressions[0]
    for expression in expressions[1:]:
        total = total + expression
    return total


def _register_fold(connection):
    # Cheap and idempotent; the raw sqlite3 connection can change between calls.
    connection.ensure_connection()
    connection.connection.create_function(
        Fold.function, 1, _fold_or_none, deterministic=True
    )
    connection.connection.create_function(
        "vc_words", 1, _words_only, deterministic=True
    )


@functools.lru_cache(maxsize=16384)
def _fold_or_none(value):
    # SQLite calls this again for each condition naming the same field of a
    # row: the same texts over and over.
    return fold(value) if isinstance(value, str) else value


def _words_only(value):
    if not isinstance(value, str):
        return value
    return re.sub(r"[^a-z0-9]+", " ", value)


def _ordering(queryset):
    """Ties keep the queryset's own order."""
    return list(queryset.query.order_by) or list(queryset.model._meta.ordering)


def _joined(fields):
    """The text fields as one text, for the headline."""
    pieces = []
    for name in fields:
        if pieces:
            pieces.append(Value(" "))
        pieces.append(Coalesce(F(name), Value(""), output_field=TextField()))
    if len(pieces) == 1:
        return pieces[0]
    return Concat(*pieces, output_field=TextField())


def _marked(headline):
    text = escape(plain_text(headline or ""))
    return mark_safe(  # noqa: S308 - the text is escaped; only the marks are HTML
        text.replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    )


def _folded_with_positions(text):
    """``fold(text)`` and, for each of its characters, the index of the
    character of ``text`` it came from (æ folds to two letters)."""
    folded = []
    positions = []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            positions.append(index)
    return "".join(folded), positions


def _shorten_at(text, start, length):
    """``(where the excerpt starts in text, the excerpt)`` with "… " marks
    around it; the index points past a leading "… "."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    excerpt = text[start : start + length]
    if start + length < len(text):
        cut = excerpt.rfind(" ")
        excerpt = (excerpt[:cut] if cut > length // 2 else excerpt) + " …"
    if start > 0:
        return start - 2, "… " + excerpt
    return 0, excerpt


def _shorten(text, start, length):
    return _shorten_at(text, start, length)[1]
