"""A GIN index for PostgreSQL full-text search in Resources (see resources/search.py).

The indexed expression must equal the one the search filters on, field for
field and weight for weight, or the planner will not use it. It is written out
here rather than imported, so this migration never changes after the fact;
tests/config/test_search.py checks that searches use it. SQLite has
no such index and searches another way, so there this does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "resource_search_idx"


def search_index():
    return GinIndex(
        SearchVector("title", weight="A", config="danish")
        + SearchVector("summary", weight="B", config="danish")
        + SearchVector("authors", "publisher", weight="C", config="danish"),
        name=INDEX_NAME,
    )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("resources", "Resource")
        schema_editor.add_index(model, search_index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("resources", "Resource")
        schema_editor.remove_index(model, search_index())


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
