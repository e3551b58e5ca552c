"""Loading seed content from YAML data files, idempotently.

Every entry of a data file has a natural key (a slug, a code, a child's key within
its parent). The first time an entry is loaded, the loader writes a ``SeedRecord``
noting which row it became; later runs find the row through that record, never
through fields a curator can edit, so a renamed slug or a corrected title or
address is kept and not duplicated. Rows loaded before records existed are adopted
by their natural key on the first run.

A new entry is created. An existing row is left as it is (a curator may have
edited it), and a row a curator has deleted stays deleted, unless the loader runs
with ``update=True``: then edited rows are rewritten from the file, deleted ones
are created again, and every change is reported. Each app's ``seed.py`` maps its
files onto its models with these tools.
"""

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from .actions import SOURCE_LENGTH, Change, Channel, recorded
from .models import SeedRecord


class SeedError(Exception):
    """A data file refers to something that is not there, or holds a bad value."""


def read_folder(folder: Path):
    """Merge every YAML file in a folder: lists under the same key are joined.

    A file's ``source_year`` (the year of the document its entries come from)
    is given to each of its entries as ``source_year``, unless an entry has
    its own; the loader records it (``SeedRecord.source_year``)."""
    merged = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            content = yaml.safe_load(handle) or {}
        if not isinstance(content, dict):
            raise SeedError(f"{path}: the top level must be a mapping of lists")
        year = content.pop("source_year", None)
        for key, records in content.items():
            records = records or []
            if year is not None:
                for record in records:
                    if isinstance(record, dict):
                        record.setdefault("source_year", year)
            merged.setdefault(key, []).extend(records)
    return merged


class SeedLoader:
    def __init__(self, *, update=False):
        self.update = update
        self.created = Counter()
        self.restored = []  # labels of rows a curator had deleted, created again
        self.kept_deleted = Counter()  # rows a curator deleted, left deleted
        self.changes = []  # (label, field, old, new)
        self._cache = {}
        self._keys = {}  # (model label, pk) -> the seed key that row was loaded as
        self._source_year = None

    def load(self, *seeds):
        """Load the apps' seed modules in order, as one recorded action: all or
        nothing, every history row written with the channel "seed" and the data
        folders as its source, and each app's content announced changed once
        committed. A seed module has ``load(loader)`` and its ``FOLDER``."""
        labels = [apps.get_containing_app_config(seed.__name__).label for seed in seeds]
        change = Change(channel=Channel.SEED, source=seed_source(seeds))
        with recorded(change, *labels):
            for seed in seeds:
                seed.load(self)

    # Reading references -------------------------------------------------------

    def get(self, model, **key):
        """The object a data file refers to by its natural key, or a clear error.

        ``None`` when a curator has deleted the row (or its parent) and the loader
        is not updating: a row that refers to it is then left as it is."""
        cache_key = (model, self._seed_key(key))
        if cache_key not in self._cache:
            self._cache[cache_key] = self._resolve(model, key)
        return self._cache[cache_key]

    def get_many(self, model, field, values):
        found = [self.get(model, **{field: value}) for value in values or []]
        return [target for target in found if target is not None]

    # Writing ------------------------------------------------------------------

    def upsert(self, model, key, values, *, source_year=None):
        """Create the row if it was never loaded; with ``update``, bring it in line
        with the file and create it again if a curator deleted it. ``source_year``
        is the year of the document the entry comes from, kept on its record.

        Returns ``(instance, created)``; ``(None, False)`` for a row a curator
        deleted (or whose parent is gone) when not updating."""
        if any(value is None for value in key.values()):
            return None, False  # the parent was deleted and is not coming back
        seed_key = self._seed_key(key)
        values = {
            name: self._to_python(model, name, value) for name, value in values.items()
        }
        record, instance = self._find(model, key, seed_key)
        self._source_year = source_year
        if record is not None and instance is None:  # deleted by a curator
            if not self.update:
                self.kept_deleted[model._meta.verbose_name_plural] += 1
                return None, False
            instance = self._create(model, key, values, seed_key, record)
            self.restored.append(self._label(instance))
            return instance, True
        if instance is None:
            instance = self._create(model, key, values, seed_key, record)
            self.created[model._meta.verbose_name_plural] += 1
            return instance, True
        self._remember(instance, seed_key)
        self._record_source_year(model, seed_key, source_year)
        if self.update:
            # The key fields too: a curator may have renamed a slug or a title.
            wanted = {
                **{name: self._to_python(model, name, v) for name, v in key.items()},
                **values,
            }
            changed = False
            for name, value in wanted.items():
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
        if instance is None:
            return
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
        if instance is None:
            return
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

    # Finding rows through their seed records ----------------------------------

    def _find(self, model, key, seed_key):
        """``(record, instance)`` for an entry. A record without an instance is a
        row a curator deleted; no record means the entry was never recorded, and a
        row that matches its natural key (loaded before records existed) is
        adopted."""
        content_type = ContentType.objects.get_for_model(model)
        record = SeedRecord.objects.filter(
            content_type=content_type, seed_key=seed_key
        ).first()
        if record is not None:
            return record, model.objects.filter(pk=record.object_id).first()
        instance = model.objects.filter(**key).first()
        if (
            instance is None
            or SeedRecord.objects.filter(
                content_type=content_type, object_id=instance.pk
            ).exists()
        ):
            # Never loaded, or the row is another entry's (renamed onto this key).
            return None, None
        SeedRecord.objects.create(
            content_type=content_type, object_id=instance.pk, seed_key=seed_key
        )
        return None, instance

    def _resolve(self, model, key):
        if any(value is None for value in key.values()):
            return None  # the parent was deleted by a curator
        seed_key = self._seed_key(key)
        record = SeedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model), seed_key=seed_key
        ).first()
        if record is not None:
            instance = model.objects.filter(pk=record.object_id).first()
            if instance is not None:
                self._remember(instance, seed_key)
                return instance
            if not self.update:
                return None
        try:
            return model.objects.get(**key)
        except ObjectDoesNotExist:
            raise SeedError(
                f"{model._meta.verbose_name} {key} is referred to but not defined"
            ) from None

    def _create(self, model, key, values, seed_key, record):
        instance = model(**key, **values)
        self._save(instance)
        if record is None:
            SeedRecord.objects.create(
                content_type=ContentType.objects.get_for_model(model),
                object_id=instance.pk,
                seed_key=seed_key,
                source_year=self._source_year,
            )
        else:
            record.object_id = instance.pk
            record.source_year = self._source_year
            record.save(update_fields=["object_id", "source_year"])
        self._remember(instance, seed_key)
        return instance

    def _record_source_year(self, model, seed_key, year):
        """Records made before the year was known learn it on the next run."""
        if year is None:
            return
        SeedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model), seed_key=seed_key
        ).exclude(source_year=year).update(source_year=year)

    def _remember(self, instance, seed_key):
        self._keys[(instance._meta.label, instance.pk)] = seed_key

    def _seed_key(self, key):
        """The natural key as text; a parent row stands for the key it was loaded
        as, so a child's key survives edits to its parent."""
        return json.dumps(
            {name: self._key_part(value) for name, value in key.items()},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )

    def _key_part(self, value):
        if isinstance(value, models.Model):
            seed_key = self._keys.get((value._meta.label, value.pk))
            if seed_key is None:
                return {value._meta.label: {"pk": value.pk}}
            return {value._meta.label: json.loads(seed_key)}
        return value

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


def seed_source(seeds):
    """The data folders of ``seeds``, relative to the project, as one line."""
    folders = []
    for seed in seeds:
        folder = Path(seed.FOLDER)
        try:
            folder = folder.relative_to(settings.BASE_DIR)
        except ValueError:
            pass  # a folder outside the project (tests) is named in full
        folders.append(folder.as_posix())
    return ", ".join(folders)[:SOURCE_LENGTH]


def pick(record, *names, **renames):
    """The fields of a record that are present, optionally renamed to model fields."""
    picked = {name: record[name] for name in names if name in record}
    picked.update(
        {field: record[key] for key, field in renames.items() if key in record}
    )
    return picked


def citation(record, document=""):
    """The source fields (core.models.SourcedModel) of a seed entry.

    ``cite`` is a section (“afsnit 3.1”) or a mapping with ``document``,
    ``section`` and ``page``; the document falls back to the one the entry's
    file or parent is taken from. An entry with ``cite: curator`` is a
    curator's own addition: it names no document."""
    cite = record.get("cite", {})
    if cite == "curator":
        return {"source_document": "", "source_section": "", "source_page": None}
    if isinstance(cite, str):
        cite = {"section": cite}
    return {
        "source_document": cite.get("document", document),
        "source_section": cite.get("section", ""),
        "source_page": cite.get("page"),
    }


def source_years(model, pks):
    """``{pk: year}``: the year of the document each seeded row of ``model``
    came from, for rows whose seed file names it (one query)."""
    return dict(
        SeedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=list(pks),
            source_year__isnull=False,
        ).values_list("object_id", "source_year")
    )
