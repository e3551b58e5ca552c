"""Stored, indexed search documents for plans and goals (see core/fields.py).

With a hundred times today's content, building the document of 3,000 goals in
every search took most of a second. As for methods, offers and resources
(their 0003_search_vector), the weighted document is now a column filled by a
trigger on every insert and update, with a GIN index. The weighting is written
out here; goals/search.py's PLAN_SEARCH and GOAL_SEARCH must weigh the same
fields (tests/performance/test_search_document.py compares them). The history
tables do not copy the column. SQLite gets an empty text column and nothing
else.
"""

from django.db import migrations

import core.fields
from core.fields import create_trigger_sql, drop_trigger_sql

DOCUMENTS = {
    "goals_plan": (
        "plan_search_idx",
        {"A": ["title"], "B": ["summary"], "C": ["mission", "vision", "values"]},
    ),
    "goals_goal": (
        "goal_search_idx",
        {"A": ["title"], "B": ["definition"], "C": ["narrative", "data_source"]},
    ),
}


def create_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (index, weights) in DOCUMENTS.items():
        for sql in create_trigger_sql(table, weights):
            schema_editor.execute(sql)
        # The trigger fills the column for the rows already there.
        schema_editor.execute(f"UPDATE {table} SET search_vector = NULL")
        schema_editor.execute(
            f"CREATE INDEX {index} ON {table} USING gin (search_vector)"
        )


def drop_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (index, _weights) in DOCUMENTS.items():
        for sql in drop_trigger_sql(table):
            schema_editor.execute(sql)
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0003_role_groups"),
        ("methods", "0003_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="search_vector",
            field=core.fields.SearchDocumentField(),
        ),
        migrations.AddField(
            model_name="goal",
            name="search_vector",
            field=core.fields.SearchDocumentField(),
        ),
        migrations.RunPython(create_documents, drop_documents, elidable=False),
    ]
