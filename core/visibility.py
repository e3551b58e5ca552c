"""Who may see what: the one rule, for every model a visitor can reach.

An item is public (anyone sees it), staff-only (signed-in staff see it, marked
as internal) or a draft (only the admin shows it; never a public page, not even
to staff). Each visible model says which values of which field mean public and
staff-only (``VisibleModel``); everything else about the rule is here:

- ``Model.objects.visible_to(user)``: the rows ``user`` may see;
- ``Model.visible_condition(user, prefix)`` and ``visible_through(model, path,
  user)``: the same rule as a ``Q`` across a relation, for selectors, prefetches
  and filter choices;
- ``item.is_public``, ``item.is_staff_only``, ``item.is_visible_to(user)``: what
  views and templates ask an object, instead of comparing field values.

``user`` may be None (the public rule, for pages that are the same for everyone)
or anonymous.
"""

from django.db import models
from django.db.models import Q


def is_staff(user):
    """Who counts as staff: signed in and marked as staff."""
    return bool(user is not None and user.is_authenticated and user.is_staff)


class VisibleQuerySet(models.QuerySet):
    """The manager of every visible model: ``visible_to(user)``."""

    def visible_to(self, user):
        return self.filter(self.model.visible_condition(user))


class VisibleModel(models.Model):
    """A model some visitors may not see.

    A subclass names the field that decides (``visibility_field``), the values
    anyone may see (``public_values``) and those only staff may see
    (``staff_values``); any other value is a draft.
    """

    visibility_field = ""
    public_values = ()
    staff_values = ()

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def visible_condition(cls, user, prefix=""):
        """The rule as a ``Q`` on the field at ``prefix`` ("" on this model,
        "offer__" from a row that points to an offer)."""
        values = [*cls.public_values, *(cls.staff_values if is_staff(user) else ())]
        field = f"{prefix}{cls.visibility_field}"
        if len(values) == 1:
            return Q(**{field: values[0]})
        return Q(**{f"{field}__in": values})

    @property
    def is_public(self):
        return self._visibility_value() in self.public_values

    @property
    def is_staff_only(self):
        return self._visibility_value() in self.staff_values

    def is_visible_to(self, user):
        return self.is_public or (self.is_staff_only and is_staff(user))

    def _visibility_value(self):
        return getattr(self, self.visibility_field)


def visible_through(model, path, user):
    """The rule as a ``Q`` on ``model`` for the visible object at the end of
    ``path`` ("offer", "method", "goal__offer"), so a query across a relation
    never names the deciding field or its values."""
    target = model
    for name in path.split("__"):
        target = target._meta.get_field(name).related_model
    return target.visible_condition(user, prefix=f"{path}__")
