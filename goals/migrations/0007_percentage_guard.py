"""A percentage between 0 and 100, kept by the database too.

The unit is the goal's, so a CHECK constraint on a baseline, target or
measurement row cannot see it: a trigger on each figure table looks the goal up
and refuses a percentage outside 0-100, and one on the goal refuses turning it
into a percentage goal while a figure lies outside. The model's clean() gives
the Danish message first (validate_value_for_unit); this is the last guard,
for writes that skip validation (a shell, a bulk update, a script).
"""

from django.db import migrations

FIGURE_TABLES = ["goals_baseline", "goals_target", "goals_measurement"]
MESSAGE = "A percentage must lie between 0 and 100"
OUT_OF_RANGE = "(value < 0 OR value > 100)"


def _figure_out_of_range(alias):
    return " OR ".join(
        f"EXISTS (SELECT 1 FROM {table} WHERE goal_id = {alias}.id "
        f"AND {OUT_OF_RANGE})"
        for table in FIGURE_TABLES
    )


def create_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"""
            CREATE FUNCTION goals_figure_percentage_guard() RETURNS trigger AS $$
            BEGIN
              IF (NEW.value < 0 OR NEW.value > 100) AND EXISTS (
                SELECT 1 FROM goals_goal WHERE id = NEW.goal_id AND unit = 'percent'
              ) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql
            """
        )
        for table in FIGURE_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_percentage_guard BEFORE INSERT OR UPDATE "
                f"ON {table} FOR EACH ROW "
                "EXECUTE FUNCTION goals_figure_percentage_guard()"
            )
        schema_editor.execute(
            f"""
            CREATE FUNCTION goals_goal_percentage_guard() RETURNS trigger AS $$
            BEGIN
              IF NEW.unit = 'percent' AND ({_figure_out_of_range("NEW")}) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql
            """
        )
        schema_editor.execute(
            "CREATE TRIGGER goals_goal_percentage_guard BEFORE UPDATE OF unit "
            "ON goals_goal FOR EACH ROW "
            "EXECUTE FUNCTION goals_goal_percentage_guard()"
        )
    elif vendor == "sqlite":
        for table in FIGURE_TABLES:
            for event in ("INSERT", "UPDATE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_percentage_guard_{event.lower()} "
                    f"BEFORE {event} ON {table} "
                    f"WHEN (NEW.value < 0 OR NEW.value > 100) AND EXISTS ("
                    "SELECT 1 FROM goals_goal WHERE id = NEW.goal_id "
                    "AND unit = 'percent') "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                )
        schema_editor.execute(
            "CREATE TRIGGER goals_goal_percentage_guard BEFORE UPDATE OF unit "
            "ON goals_goal "
            f"WHEN NEW.unit = 'percent' AND ({_figure_out_of_range('NEW')}) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def drop_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in FIGURE_TABLES:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_percentage_guard ON {table}"
            )
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS goals_goal_percentage_guard ON goals_goal"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS goals_figure_percentage_guard()")
        schema_editor.execute("DROP FUNCTION IF EXISTS goals_goal_percentage_guard()")
    elif vendor == "sqlite":
        for table in FIGURE_TABLES:
            for event in ("insert", "update"):
                schema_editor.execute(
                    f"DROP TRIGGER IF EXISTS {table}_percentage_guard_{event}"
                )
        schema_editor.execute("DROP TRIGGER IF EXISTS goals_goal_percentage_guard")


class Migration(migrations.Migration):
    dependencies = [("goals", "0006_optional_target_year_and_baseline_period")]

    operations = [migrations.RunPython(create_guards, drop_guards)]
