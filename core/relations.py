"""What an upper app adds to a lower app's pages.

A method's page lists the offers that use it and the resources about it, and an
offer's page lists the resources about it; the methods list can be filtered by
an offer. The lower app must not know the upper ones (docs/architecture.md), so
the upper app contributes these reads from its ``AppConfig.ready()``:

- ``contribute_prefetch("methods.Method", factory)``: ``factory(user)`` returns
  the ``Prefetch`` (with its ``to_attr``) of what ``user`` may see; the lower
  app's selector adds every contributed prefetch (``contributed_prefetches``),
  and its template shows the attribute;
- ``contribute_filter("methods.Method", name, factory, before=...)``:
  ``factory()`` returns a filter that every list of that model's
  ``PortalFilterSet`` (core/filters.py) gets, placed before another filter.
"""

from collections import defaultdict

_prefetches = defaultdict(list)
_filters = defaultdict(dict)


def contribute_prefetch(model_label, factory):
    """Register ``factory(user) -> Prefetch`` for the pages of ``model_label``."""
    _prefetches[model_label].append(factory)


def contributed_prefetches(model, user):
    """The prefetches upper apps contribute to ``model``'s pages, for ``user``."""
    return [factory(user) for factory in _prefetches[model._meta.label]]


def contribute_filter(model_label, name, factory, *, before=None):
    """Register ``factory() -> Filter`` as filter ``name`` of the lists of
    ``model_label``, placed before the filter named ``before`` (else last)."""
    _filters[model_label][name] = (factory, before)


def contributed_filters(model):
    """``[(name, filter, before)]`` upper apps contribute to ``model``'s lists."""
    return [
        (name, factory(), before)
        for name, (factory, before) in _filters[model._meta.label].items()
    ]


def contributed_filter_names(model):
    """The names of the filters upper apps contribute to ``model``'s lists."""
    return list(_filters[model._meta.label])
