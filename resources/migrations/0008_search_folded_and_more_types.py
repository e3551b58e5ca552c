"""Search as people type (issue #18): the stored documents in the
``danish_folded`` configuration (core migration 0002: Danish stemming after
``unaccent``, so "hjemlos" finds "hjemløs"), and a document for knowledge sources, which search now finds too. The weighting is written
out here; the app's search.py must weigh the same fields
(tests/performance/test_search_document.py compares them). SQLite: the column, empty.
"""

from django.db import migrations

import core.fields
from core.fields import create_documents_sql, create_trigger_sql

DOCUMENTS = {
    "resources_resource": (
        "resource_search_idx",
        {"A": ["title"], "B": ["summary"], "C": ["authors", "publisher"]},
    ),
    "resources_knowledgesource": (
        "knowledgesource_search_idx",
        {"A": ["name"], "B": ["description"], "C": ["publishes"]},
    ),
}


def create_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in create_documents_sql(DOCUMENTS, "danish_folded"):
        schema_editor.execute(sql)


def back_to_danish(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (_index, weights) in DOCUMENTS.items():
        for sql in create_trigger_sql(table, weights):
            schema_editor.execute(sql)
        schema_editor.execute(f"UPDATE {table} SET search_vector = NULL")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_search_synonyms_and_words"),
        ("resources", "0007_history_of_existing_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="knowledgesource",
            name="search_vector",
            field=core.fields.SearchDocumentField(),
        ),
        migrations.RunPython(create_documents, back_to_danish, elidable=False),
    ]
