"""Model fields shared by the apps."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class URLField(models.URLField):
    """A URL field whose form assumes https for addresses typed without a scheme,
    as Django 6 will by default (so no deprecation warning on Django 5.2)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        # Migrations see a plain URLField: only the form differs.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


class SearchDocumentField(SearchVectorField):
    """A stored full-text search document that migrates on every database.

    On PostgreSQL the column is a ``tsvector``, filled by a trigger on every
    insert and update (created in each app's ``0003_search_vector`` migration)
    and indexed with GIN, so a search reads a ready-made, indexed document
    instead of building one per row. Elsewhere (SQLite) it is an always-empty
    text column and search takes the fallback in core/search.py. Written only
    by the database: what an instance holds is never sent back.
    """

    def __init__(self, *args, **kwargs):
        kwargs["null"] = True
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("null", None)
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return super().db_type(connection)
        return "text"

    def get_db_prep_save(self, value, connection):
        # The trigger computes the document from the row; NULL is replaced.
        return None


# SQL for the migrations that create the trigger. Migrations call these with the
# weighting written out in the migration itself, so a migration keeps doing what
# it did when it was written; change the weighting with a new migration.


def create_trigger_sql(table, weights, column="search_vector", config="danish"):
    """A trigger that fills ``column`` from ``weights`` ({"A": [fields], ...}) on
    every insert and update, as Django's ``SearchVector`` would compute it."""
    parts = []
    for weight, fields in sorted(weights.items()):
        text = " || ' ' || ".join(f"COALESCE(NEW.{field}, '')" for field in fields)
        parts.append(
            f"setweight(to_tsvector('{config}'::regconfig, {text}), '{weight}')"
        )
    document = "\n      || ".join(parts)
    return [
        f"""
CREATE OR REPLACE FUNCTION {table}_{column}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.{column} :=
      {document};
  RETURN NEW;
END
$$""",
        f"DROP TRIGGER IF EXISTS {table}_{column} ON {table}",
        f"""
CREATE TRIGGER {table}_{column} BEFORE INSERT OR UPDATE ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_{column}()""",
    ]


def drop_trigger_sql(table, column="search_vector"):
    return [
        f"DROP TRIGGER IF EXISTS {table}_{column} ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_{column}()",
    ]


def title_document_sql(fields, config):
    """The title's own document, as the title index is built on it and
    ``core.search.TitleDocument`` asks for it (the two must be the same
    expression for PostgreSQL to use the index)."""
    text = " || ' ' || ".join(f"COALESCE({field}, '')" for field in fields)
    return f"to_tsvector('{config}'::regconfig, {text})"


def create_documents_sql(documents, config):
    """SQL that (re)creates the trigger of each ``{table: (index, weights)}``
    in ``config``, refills the column of the rows there and makes sure of the
    GIN index; and a GIN index on the title's own document (weight A), so the
    title matches of a broad query are found without ranking every match."""
    statements = []
    for table, (index, weights) in documents.items():
        statements.append(
            f"CREATE INDEX IF NOT EXISTS {index}_title ON {table} "
            f"USING gin ({title_document_sql(weights['A'], config)})"
        )
        statements.extend(create_trigger_sql(table, weights, config=config))
        statements.append(f"UPDATE {table} SET search_vector = NULL")  # noqa: S608 - a table name from a migration
        statements.append(
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_vector)"
        )
    return statements
