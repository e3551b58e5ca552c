"""Search as people type (issue #18): the stored documents in the
``danish_folded`` configuration (core migration 0002: Danish stemming after
``unaccent``, so "hjemlos" finds "hjemløs"). The weighting is written
out here; the app's search.py must weigh the same fields
(tests/performance/test_search_document.py compares them). SQLite: nothing.
"""

from django.db import migrations

from core.fields import create_documents_sql, create_trigger_sql

DOCUMENTS = {
    "services_offer": (
        "offer_search_idx",
        {
            "A": ["name"],
            "B": ["summary"],
            "C": ["description", "target_group", "how_to_apply"],
        },
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
        ("services", "0009_public_ids"),
    ]

    operations = [
        migrations.RunPython(create_documents, back_to_danish, elidable=False),
    ]
