"""A stored, indexed search document for Method (see core/fields.py).

Replaces the expression index of 0002: the weighted document is now a column,
filled by a trigger on every insert and update (so the admin, imports, bulk
inserts and ``queryset.update`` all keep it current), with a GIN index of the
same name on it. The weighting is written out here, so this migration never
changes after the fact; methods/search.py's METHOD_SEARCH must weigh the same fields
(tests/performance/test_search_document.py compares the two). SQLite gets an
empty text column and nothing else.
"""

import importlib

from django.db import migrations

import core.fields
from core.fields import create_trigger_sql, drop_trigger_sql

TABLE = "methods_method"
INDEX_NAME = "method_search_idx"
WEIGHTS = {"A": ["name", "abbreviation"], "B": ["summary"], "C": ["description", "target_group"]}


def create_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    for sql in create_trigger_sql(TABLE, WEIGHTS):
        schema_editor.execute(sql)
    # The trigger fills the column for the rows already there.
    schema_editor.execute(f"UPDATE {TABLE} SET search_vector = NULL")
    schema_editor.execute(
        f"CREATE INDEX {INDEX_NAME} ON {TABLE} USING gin (search_vector)"
    )


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in drop_trigger_sql(TABLE):
        schema_editor.execute(sql)
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    # Back to the expression index of 0002.
    previous = importlib.import_module("methods.migrations.0002_search_index")
    previous.create_index(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("methods", "0002_search_index")]

    operations = [
        migrations.AddField(
            model_name="method",
            name="search_vector",
            field=core.fields.SearchDocumentField(),
        ),
        migrations.RunPython(create_document, drop_document, elidable=False),
    ]
