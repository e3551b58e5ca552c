"""Site-wide search: one ranked list across every type a user looks for.

Each type (offers, methods, talks, presenters, resources, knowledge sources,
plans, goals, focus areas, initiatives) is searched by its app's rules and
visibility (core/search.py does the matching); the rows are merged on the
same ranking keys, so a title match in a goal comes before a body match in an
offer whatever their types. Per type: one query for its best rows and its
count, and, for the types on the page shown, one for their highlighted
snippets.

When every word together finds little, the words are searched one by one
(ranked by how many match); when that finds little too, misspelt words are
corrected against the vocabulary of the public text (``core.SearchWord``,
rebuilt when the content has changed): with no results the page shows those
of the corrected query ("Viser resultater for …"), with a few it offers the
corrected query ("Mente du …?").
"""

import difflib
import functools
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import caching
from core.models import SearchWord
from core.search import (
    COUNT_CAP,
    MAX_QUERY_LENGTH,
    add_snippets,
    fold,
    headline_snippets,
    parse_query,
    python_ranked_rows,
    query_words,
    ranked_rows,
    spelt_out,
    synonym_groups,
)
from core.visibility import is_staff
from goals import search as goals_search
from methods import search as methods_search
from resources import search as resources_search
from services import search as services_search
from services.models import Organisation

from .cache import content_version

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 20
MAX_PAGES = 10
# Fewer results than this and the search tries harder (any word, then typos).
FEW_RESULTS = 3
# Words shorter than this are not corrected: too many near neighbours.
CORRECTION_MIN_LENGTH = 4
# How alike a correction must be (difflib's ratio: "perorn"/"perron" 0.83).
CORRECTION_CUTOFF = 0.75
_WORD_MAX_LENGTH = 100
VOCABULARY_CHECK_SECONDS = 600
_VOCABULARY_CHECKED = "search-vocabulary-checked"


@dataclass
class Hit:
    key: str
    type_label: str
    title: str
    url: str
    snippet: str = ""
    meta: str = ""
    municipality: str = ""
    internal: bool = False


@dataclass
class TypeCount:
    key: str
    label: str
    count: int
    url: str
    selected: bool = False

    @property
    def capped(self):
        """More matches than are counted (core.search.COUNT_CAP)."""
        return self.count > COUNT_CAP

    @property
    def shown_count(self):
        return f"{COUNT_CAP}+" if self.capped else str(self.count)


@dataclass
class SiteSearch:
    """What the search page shows."""

    query: str
    # The query the hits are for: ``query``, or its correction.
    searched: str
    hits: list = field(default_factory=list)
    total: int = 0
    types: list = field(default_factory=list)
    selected_type: str = ""
    page: int = 1
    pages: int = 1
    # True when no result has every word; hits have some of them.
    any_word: bool = False
    # A corrected query offered as a link ("Mente du …?").
    suggestion: str = ""
    per_page: int = RESULTS_PER_PAGE

    @property
    def capped(self):
        """Some type has more matches than are counted: the total is at least."""
        return any(t.capped for t in self.types if t.selected or not self.selected_type)

    @property
    def first_number(self):
        return (self.page - 1) * self.per_page + 1

    @property
    def previous_page(self):
        return self.page - 1

    @property
    def next_page(self):
        return self.page + 1


@dataclass(frozen=True)
class ResultType:
    key: str
    label: str
    spec: object
    rows: object  # user -> queryset of the rows the user may find
    to_hit: object  # item -> Hit fields (dict)
    # Rows of this type name an owning organisation: (attribute path).
    owner: str = ""
    # The filter's name for the type ("Metoder"; a hit says "Metode").
    plural: str = ""


def search_site(query, user, type_key="", page=1, per_page=RESULTS_PER_PAGE):
    """The page of hits ``page`` for ``query`` as ``user`` may see them, with
    the count per type; ``type_key`` keeps one type's hits."""
    page = max(1, min(page, MAX_PAGES))
    synonyms = synonym_groups()
    limit = page * per_page
    terms = parse_query(query, synonyms)
    found, any_word, terms = _search_with_fallback(terms, user, limit)
    result = SiteSearch(query=query, searched=query, any_word=any_word)
    # Little found, or nothing with every word: perhaps a word is misspelt.
    if _total(found) < FEW_RESULTS or any_word:
        corrected = correct_query(query)
        if corrected and (_total(found) == 0 or any_word):
            corrected_found, corrected_any, corrected_terms = _search_with_fallback(
                parse_query(corrected, synonyms), user, limit
            )
            if _total(corrected_found) and (not corrected_any or not _total(found)):
                found, terms = corrected_found, corrected_terms
                result.searched = corrected
                result.any_word = corrected_any
            elif _total(found):
                result.suggestion = corrected
        elif corrected:
            result.suggestion = corrected
    _fill(result, found, terms, user, type_key, page, per_page)
    return result


def validate_query(query):
    """A Danish message saying what is wrong with ``query``, or None if it is fine."""
    if "\x00" in query:
        return _("Søgningen indeholder et tegn, vi ikke kan søge efter. Prøv igen.")
    if len(query) > MAX_QUERY_LENGTH:
        return _("Søgningen er for lang. Brug højst %(max)d tegn.") % {
            "max": MAX_QUERY_LENGTH
        }
    if not query_words(query):
        return _("Skriv mindst ét ord med bogstaver eller tal.")
    return None


def correct_query(query):
    """``query`` with each word the public text does not know replaced by the
    nearest word it does ("kognetiv" → "kognitiv"); "" when nothing changes."""
    words = query_words(query)
    candidates = [
        word
        for word in words
        if len(word) >= CORRECTION_MIN_LENGTH and not word.isdigit()
    ]
    if not candidates:
        return ""
    ensure_vocabulary()
    corrections = _nearest_words(candidates)
    if not corrections:
        return ""
    corrected = query.casefold()
    for word, replacement in corrections.items():
        corrected = _replace_word(corrected, word, replacement)
    return corrected if corrected != query.casefold() else ""


def ensure_vocabulary(force=False):
    """Rebuild ``core.SearchWord`` from the public text if the content has
    changed since it was built (a marker row holds the content version, so a
    rolled-back rebuild is never taken for a current one). Checked at most
    every ``VOCABULARY_CHECK_SECONDS``: at a hundred times the seed content a
    rebuild takes seconds, and a correction may use words a few minutes old."""
    if not force and caching.get(_VOCABULARY_CHECKED) is True:
        return
    caching.set(_VOCABULARY_CHECKED, True, VOCABULARY_CHECK_SECONDS)
    marker = f"#{content_version()}"
    if not force and SearchWord.objects.filter(word=marker).exists():
        return
    with transaction.atomic():
        SearchWord.objects.all().delete()
        if connection.vendor == "postgresql":
            _rebuild_vocabulary_postgres()
        else:
            _rebuild_vocabulary_python()
        SearchWord.objects.create(word=marker, documents=0)


# The types, and how each row becomes a hit.


def _offer_hit(offer):
    return {"title": offer.name, "meta": str(offer.kind)}


def _method_hit(method):
    return {"title": str(method), "meta": str(method.category)}


def _talk_hit(talk):
    methods = ", ".join(str(m) for m in talk.methods.all() if m.is_public)
    meta = talk.get_kind_display()
    if methods:
        meta = _("%(kind)s om %(methods)s") % {"kind": meta, "methods": methods}
    return {"title": talk.title, "meta": str(meta)}


def _presenter_hit(presenter):
    talks = [t for t in presenter.talks.all() if t.get_absolute_url()]
    meta = presenter.job_title
    if talks:
        holds = _("holder “%(talk)s”") % {"talk": talks[0].title}
        meta = f"{meta} · {holds}" if meta else str(holds)
    return {
        "title": presenter.name,
        "meta": meta,
        "url": talks[0].get_absolute_url() if talks else "",
    }


def _resource_hit(resource):
    meta = resource.get_kind_display()
    if resource.year:
        meta = f"{meta} · {resource.year}"
    return {
        "title": resource.title,
        "meta": meta,
        "internal": resource.is_staff_only,
    }


def _source_hit(source):
    return {"title": source.name, "meta": source.get_kind_display()}


def _plan_hit(plan):
    return {
        "title": plan.title,
        "meta": f"{plan.get_kind_display()} · {plan.period_label}",
    }


def _in_plan(item):
    return {"title": item.title, "meta": str(item.plan.title)}


TYPES = [
    ResultType(
        "tilbud",
        _("Tilbud"),
        services_search.OFFER_SEARCH,
        services_search.offers_for,
        _offer_hit,
        owner="owner_id",
        plural=_("Tilbud"),
    ),
    ResultType(
        "metoder",
        _("Metode"),
        methods_search.METHOD_SEARCH,
        methods_search.methods_for,
        _method_hit,
        plural=_("Metoder"),
    ),
    ResultType(
        "oplaeg",
        _("Oplæg eller kursus"),
        methods_search.TALK_SEARCH,
        methods_search.talks_for,
        _talk_hit,
        plural=_("Oplæg og kurser"),
    ),
    ResultType(
        "oplaegsholdere",
        _("Oplægsholder"),
        methods_search.PRESENTER_SEARCH,
        methods_search.presenters_for,
        _presenter_hit,
        plural=_("Oplægsholdere"),
    ),
    ResultType(
        "materialer",
        _("Materiale"),
        resources_search.RESOURCE_SEARCH,
        resources_search.resources_for,
        _resource_hit,
        plural=_("Materialer"),
    ),
    ResultType(
        "videnskilder",
        _("Videnskilde"),
        resources_search.KNOWLEDGE_SOURCE_SEARCH,
        resources_search.knowledge_sources_for,
        _source_hit,
        plural=_("Videnskilder"),
    ),
    ResultType(
        "planer",
        _("Plan"),
        goals_search.PLAN_SEARCH,
        goals_search.plans_for,
        _plan_hit,
        owner="owner_id",
        plural=_("Planer"),
    ),
    ResultType(
        "maal",
        _("Mål"),
        goals_search.GOAL_SEARCH,
        goals_search.goals_for,
        _in_plan,
        owner="plan.owner_id",
        plural=_("Mål"),
    ),
    ResultType(
        "fokusomraader",
        _("Fokusområde"),
        goals_search.FOCUS_AREA_SEARCH,
        goals_search.focus_areas_for,
        _in_plan,
        owner="plan.owner_id",
        plural=_("Fokusområder"),
    ),
    ResultType(
        "indsatser",
        _("Indsats"),
        goals_search.INITIATIVE_SEARCH,
        goals_search.initiatives_for,
        _in_plan,
        owner="plan.owner_id",
        plural=_("Indsatser"),
    ),
]
TYPE_KEYS = {result_type.key for result_type in TYPES}
_TYPE_ORDER = {result_type.key: index for index, result_type in enumerate(TYPES)}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg på siden"),
        required=False,
        strip=True,
    )
    type = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Length and NUL bytes are checked in clean_q, with our own messages.
        self.fields["q"].validators = []

    def clean_q(self):
        query = self.cleaned_data["q"]
        message = validate_query(query) if query else None
        if message:
            raise forms.ValidationError(message, code="invalid")
        return query

    def clean_type(self):
        # An unknown type (an old link, a typo in the address) shows them all.
        value = self.cleaned_data["type"]
        return value if value in TYPE_KEYS else ""

    def clean_page(self):
        value = self.cleaned_data["page"]
        return int(value) if value.isdigit() and 0 < len(value) < 4 else 1


# Helpers.


def _search_with_fallback(terms, user, limit):
    """The matches of all words (or, when they find nothing, of their
    beginnings), or of any word when all together find little; whether it
    is the latter; and the terms searched."""
    found = _search(terms, user, limit)
    if not _total(found):
        loose = terms.loosened()
        if loose != terms:
            loosely = _search(loose, user, limit)
            if _total(loosely) > _total(found):
                found, terms = loosely, loose
    if _total(found) < FEW_RESULTS and len(terms.terms) > 1:
        anywhere = _search(terms, user, limit, any_term=True)
        if _total(anywhere) > _total(found):
            # Rows with every word still come first (ranked by words matched).
            return anywhere, _total(found) == 0, terms
    return found, False, terms


@dataclass
class _Found:
    """The ranked matches of every type, and the rows already loaded."""

    rows: list
    objects: dict

    @property
    def total(self):
        return sum(self.totals.values())

    @property
    def totals(self):
        return {row.key: row.total for row in self.rows}


def _search(terms, user, limit, any_term=False):
    if not terms:
        return _Found([], {})
    rows = ranked_rows(
        lambda: [(t.key, t.rows(user), t.spec) for t in TYPES],
        terms,
        limit,
        any_term,
        # What each type's rows depend on: the one visibility rule, which
        # asks only whether the user is staff (core/visibility.py).
        statement_key=("site", is_staff(user)),
    )
    if rows is None:
        rows = python_ranked_rows(
            [(t.key, t.rows(user), t.spec) for t in TYPES], terms, limit, any_term
        )
    return _Found(rows, {})


def _total(found):
    return found.total


def _fill(result, found, terms, user, type_key, page, per_page):
    by_key = {result_type.key: result_type for result_type in TYPES}
    totals = found.totals
    result.types = [
        TypeCount(
            key=result_type.key,
            label=result_type.plural or result_type.label,
            count=totals[result_type.key],
            url="?" + urlencode({"q": result.searched, "type": result_type.key}),
            selected=result_type.key == type_key,
        )
        for result_type in TYPES
        if totals.get(result_type.key)
    ]
    result.selected_type = type_key if type_key in totals else ""
    rows = [
        row
        for row in found.rows
        if not result.selected_type or row.key == result.selected_type
    ]
    # Best first; ties in a fixed order (type, then row).
    rows.sort(key=lambda row: (row.order, -_TYPE_ORDER[row.key], -row.pk), reverse=True)
    result.total = sum(
        min(count, COUNT_CAP)
        for key, count in totals.items()
        if not result.selected_type or key == result.selected_type
    )
    result.page = page
    result.per_page = per_page
    result.pages = max(1, min(MAX_PAGES, math.ceil(result.total / per_page)))
    shown = rows[(page - 1) * per_page : page * per_page]
    # Every type in one statement of one shape, whichever are shown.
    snippets = shown and headline_snippets(
        [
            (t.key, _model(t), t.spec, [row.pk for row in shown if row.key == t.key])
            for t in TYPES
        ],
        terms,
        statement_key="site",
    )
    objects = found.objects
    if snippets is None:
        # Snippets marked in Python, from the rows' own text (SQLite).
        objects = _load(shown, objects, user, by_key)
        snippets = {}
        for key in {row.key for row in shown}:
            items = [objects[row.key, row.pk] for row in shown if row.key == key]
            add_snippets(items, by_key[key].spec, terms)
            snippets.update({(key, item.pk): item.search_snippet for item in items})
    fields = _hit_fields(shown, objects, user, by_key)
    result.hits = [
        Hit(
            key=row.key,
            type_label=str(by_key[row.key].label),
            snippet=snippets.get((row.key, row.pk), ""),
            **fields[row.key, row.pk],
        )
        for row in shown
    ]


# How long what a hit shows is kept: until the content changes (the key
# holds its version), or a day.
_HIT_TIMEOUT = 24 * 3600


def _hit_fields(shown, objects, user, by_key):
    """``{(type, pk): the fields of its Hit but the snippet}`` for the rows
    shown. They depend only on the item (not on who asks: the ranking has
    already kept what the user may see), so they are kept in the cache by
    content version and language, and a page of hits seen before costs no
    query; the others are loaded, one query per type."""
    try:
        prefix = f"search-hit:{get_language()}:{content_version()}"
        keys = {f"{prefix}:{row.key}:{row.pk}": (row.key, row.pk) for row in shown}
        cached = cache.get_many(list(keys))
    except Exception:  # noqa: BLE001 - without a cache, load them all
        logger.warning("The cache could not be read (search hits)", exc_info=True)
        prefix, keys, cached = None, {}, {}
    fields = {keys[name]: value for name, value in cached.items()}
    missing = [row for row in shown if (row.key, row.pk) not in fields]
    if not missing:
        return fields
    loaded = _load(missing, objects, user, by_key)
    municipalities = _municipality_names(missing, by_key)
    fresh = {}
    for row in missing:
        item = loaded[row.key, row.pk]
        result_type = by_key[row.key]
        values = {"url": getattr(item, "get_absolute_url", str)()}
        values.update(result_type.to_hit(item))
        owner = _owner_id(item, result_type.owner)
        values["municipality"] = municipalities.get(owner, "")
        fresh[row.key, row.pk] = values
    if prefix is None:
        return fields | fresh
    try:
        cache.set_many(
            {f"{prefix}:{key}:{pk}": value for (key, pk), value in fresh.items()},
            _HIT_TIMEOUT,
        )
    except Exception:  # noqa: BLE001 - not kept: loaded again next time
        logger.warning("The cache could not be written (search hits)", exc_info=True)
    return fields | fresh


def _load(shown, objects, user, by_key):
    """``{(type, pk): object}`` for the rows shown: one query per type not
    loaded yet (PostgreSQL ranks without loading; the snippets come from one
    query for every type, ``headline_snippets``)."""
    objects = dict(objects)
    for key in {row.key for row in shown}:
        missing = [
            row.pk for row in shown if row.key == key and (key, row.pk) not in objects
        ]
        if missing:
            for item in by_key[key].rows(user).filter(pk__in=missing):
                objects[key, item.pk] = item
    return objects


@functools.cache
def _model(result_type):
    return result_type.rows(None).model


def _owner_id(row, path):
    if not path:
        return None
    value = row
    for name in path.split("."):
        value = getattr(value, name)
    return value


def _municipality_names(shown, by_key):
    """``{organisation id: its municipality's name}``, in one query, if any
    hit shown has an owner."""
    if not any(by_key[row.key].owner for row in shown):
        return {}
    rows = list(Organisation.objects.values_list("pk", "parent_id", "name", "kind"))
    parents = {pk: parent for pk, parent, _name, _kind in rows}
    names = {
        pk: name
        for pk, _parent, name, kind in rows
        if kind == Organisation.Kind.MUNICIPALITY
    }
    result = {}
    for pk in parents:
        node, seen = pk, set()
        while parents.get(node) is not None and node not in seen:
            seen.add(node)
            node = parents[node]
        result[pk] = names.get(node, "")
    return result


def _nearest_words(words):
    """``{word: nearest known word}`` for the words the vocabulary lacks."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Below the default 0.3 a swapped pair of letters ("perorn") is
            # still found; the best of the candidates is taken. One message,
            # which PostgreSQL runs as one transaction: the setting ends with
            # it (or with the transaction the search is part of).
            cursor.execute(
                """
                SET LOCAL pg_trgm.similarity_threshold = 0.2;
                SELECT q.word, ARRAY(
                    SELECT w.word FROM core_searchword w
                    WHERE w.word %% q.word AND w.documents > 0
                    ORDER BY similarity(w.word, q.word) DESC, w.documents DESC
                    LIMIT 10
                ), EXISTS (
                    SELECT 1 FROM core_searchword w
                    WHERE w.word = q.word OR w.word = q.spelt
                )
                FROM unnest(%s::text[], %s::text[]) AS q(word, spelt)
                """,
                [words, [spelt_out(word) for word in words]],
            )
            while cursor.description is None and cursor.nextset():
                pass
            corrections = {}
            for word, candidates, known in cursor.fetchall():
                nearest = None if known else _closest(word, candidates)
                if nearest:
                    corrections[word] = nearest
            return corrections
    known = list(
        SearchWord.objects.filter(documents__gt=0).values_list("word", flat=True)
    )
    known_set = set(known)
    corrections = {}
    for word in words:
        if word in known_set or spelt_out(word) in known_set:
            continue
        nearest = _closest(word, known)
        if nearest:
            corrections[word] = nearest
    return corrections


def _closest(word, candidates):
    """The candidate most like ``word``, if it is like enough: the fewest
    letters changed, added, dropped or swapped ("perorn" is one swap from
    "perron", two changes from "person"), among those difflib finds alike (the
    same measure on every database: PostgreSQL only narrows the candidates)."""
    alike = difflib.get_close_matches(word, candidates, n=10, cutoff=CORRECTION_CUTOFF)
    alike = [c for c in alike if fold(c) != fold(spelt_out(word))]
    if not alike:
        return None
    return min(alike, key=lambda candidate: _edits(word, candidate))


def _edits(a, b):
    """Optimal string alignment distance: edits including swapped neighbours."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _replace_word(text, word, replacement):
    import re

    return re.sub(rf"\b{re.escape(word)}\b", replacement, text)


def _rebuild_vocabulary_postgres():
    """Every word of the public text with the number of items it occurs in,
    counted by PostgreSQL (``ts_stat`` over the ``simple`` configuration, which
    keeps words as written, lower case)."""
    selects = []
    for result_type in TYPES:
        queryset = (
            result_type.rows(None)
            .order_by()
            .prefetch_related(None)
            .annotate(
                search_words=SearchVector(*result_type.spec.fields, config="simple")
            )
            .values("search_words")
        )
        sql, params = queryset.query.sql_with_params()
        selects.append(connection.ops.compose_sql(sql, params))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO core_searchword (word, documents)
            SELECT word, ndoc FROM ts_stat(%s)
            WHERE length(word) BETWEEN 3 AND %s AND word !~ '[0-9_]'
            """,
            [" UNION ALL ".join(selects), _WORD_MAX_LENGTH],
        )


def _rebuild_vocabulary_python():
    """As ``_rebuild_vocabulary_postgres``, counted in Python (SQLite)."""
    import re

    documents = Counter()
    for result_type in TYPES:
        rows = result_type.rows(None).prefetch_related(None)
        for values in rows.values_list(*result_type.spec.fields):
            text = " ".join(str(value or "") for value in values).casefold()
            documents.update(set(re.findall(r"[^\W\d_]{3,}", text)))
    SearchWord.objects.bulk_create(
        SearchWord(word=word, documents=count)
        for word, count in documents.items()
        if len(word) <= _WORD_MAX_LENGTH
    )
