"""Search as people type (issue #18): the stored documents in the
``danish_folded`` configuration (core migration 0002: Danish stemming after
``unaccent``, so "hjemlos" finds "hjemløs"), and a document for focus areas and initiatives, which search now finds too. The weighting is written
out here; the app's search.py must weigh the same fields
(tests/performance/test_search_document.py compares them). SQLite: the columns, empty.
"""

from django.db import migrations

import core.fields
from core.fields import create_documents_sql, create_trigger_sql

DOCUMENTS = {
    "goals_plan": (
        "plan_search_idx",
        {"A": ["title"], "B": ["summary"], "C": ["mission", "vision", "values"]},
    ),
    "goals_goal": (
        "goal_search_idx",
        {"A": ["title"], "B": ["definition"], "C": ["narrative", "data_source"]},
    ),
    "goals_focusarea": (
        "focusarea_search_idx",
        {"A": ["title"], "C": ["why", "goal", "how"]},
    ),
    "goals_initiative": (
        "initiative_search_idx",
        {"A": ["title"], "B": ["description"], "C": ["expected_result", "owner"]},
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
        ("goals", "0008_history_channel_and_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="focusarea",
            name="search_vector",
            field=core.fields.SearchDocumentField(),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_vector",
            field=core.fields.SearchDocumentField(),
        ),
        migrations.RunPython(create_documents, back_to_danish, elidable=False),
    ]
