"""Loading seed content from YAML data files, idempotently.

A record is matched by its natural key. A missing record is created; an existing one
is left as it is (a curator may have edited it) unless the loader runs with
``update=True``, which rewrites it from the file and reports every changed field.
Each app's ``seed.py`` maps its files onto its models with these tools.
"""

from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ObjectDoesNotExist, ValidationError


class SeedError(Exception):
    """A data file refers to something that is not there, or holds a bad value."""


def read_folder(folder: Path):
    """Merge every YAML file in a folder: lists under the same key are joined."""
    merged = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            content = yaml.safe_load(handle) or {}
        if not isinstance(content, dict):
            raise SeedError(f"{path}: the top level must be a mapping of lists")
        for key, records in content.items():
            merged.setdefault(key, []).extend(records or [])
    return merged


class SeedLoader:
    def __init__(self, *, update=False):
        self.update = update
        self.created = Counter()
        self.changes = []  # (label, field, old, new)
        self._cache = {}

    # Reading references -------------------------------------------------------

    def get(self, model, **key):
        """The object a data file refers to by its natural key, or a clear error."""
        cache_key = (model, tuple(sorted(key.items())))
        if cache_key not in self._cache:
            try:
                self._cache[cache_key] = model.objects.get(**key)
            except ObjectDoesNotExist:
                raise SeedError(
                    f"{model._meta.verbose_name} {key} is referred to but not defined"
                ) from None
        return self._cache[cache_key]

    def get_many(self, model, field, values):
        return [self.get(model, **{field: value}) for value in values or []]

    # Writing ------------------------------------------------------------------

    def upsert(self, model, key, values):
        """Create the record if missing; with ``update``, bring it in line with
        the file. Returns ``(instance, created)``."""
        values = {
            name: self._to_python(model, name, value) for name, value in values.items()
        }
        instance = model.objects.filter(**key).first()
        if instance is None:
            instance = model(**key, **values)
            self._save(instance)
            self.created[model._meta.verbose_name_plural] += 1
            return instance, True
        if self.update:
            changed = False
            for name, value in values.items():
                old = getattr(instance, name)
                if old != value:
                    self.changes.append((self._label(instance), name, old, value))
                    setattr(instance, name, value)
                    changed = True
            if changed:
                self._save(instance)
        return instance, False

    def set_field(self, instance, field, value, *, created):
        """Set a field filled after the record was made (a link to a record defined
        later in the files); on an existing record only when updating."""
        old = getattr(instance, field)
        if old == value or not (created or self.update):
            return
        if not created:
            self.changes.append((self._label(instance), field, old, value))
        setattr(instance, field, value)
        self._save(instance)

    def set_related(self, instance, field, targets, *, created):
        """Set a many-to-many field on a new record; on an existing one only when
        updating, so a curator's choice survives a second run."""
        manager = getattr(instance, field)
        wanted = {target.pk for target in targets}
        if created:
            manager.set(targets)
            return
        if not self.update:
            return
        current = set(manager.values_list("pk", flat=True))
        if current != wanted:
            self.changes.append(
                (self._label(instance), field, sorted(current), sorted(wanted))
            )
            manager.set(targets)

    # Helpers ------------------------------------------------------------------

    def _save(self, instance):
        try:
            instance.full_clean()
        except ValidationError as error:
            raise SeedError(f"{self._label(instance)}: {error.message_dict}") from None
        instance.save()

    @staticmethod
    def _to_python(model, name, value):
        field = model._meta.get_field(name)
        if value is None:
            return None if field.null else ("" if field.empty_strings_allowed else None)
        if field.is_relation:
            return value
        if isinstance(value, float):
            value = Decimal(str(value))
        return field.to_python(value)

    @staticmethod
    def _label(instance):
        return f"{instance._meta.verbose_name} “{instance}”"


def pick(record, *names, **renames):
    """The fields of a record that are present, optionally renamed to model fields."""
    picked = {name: record[name] for name in names if name in record}
    picked.update(
        {field: record[key] for key, field in renames.items() if key in record}
    )
    return picked
