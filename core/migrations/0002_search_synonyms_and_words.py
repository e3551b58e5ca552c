"""Search as people type it (issue #18).

- Synonyms kept by curators, with a first list (lay words, professional
  terms, English), and the vocabulary typos are corrected against.
- On PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions, the text search
  configuration ``danish_folded`` (Danish stemming after ``unaccent``, so
  "hjemløs", "hjemlos" and "værested", "vaerested" meet) and a trigram index on
  the vocabulary. The apps' stored documents switch to the new configuration
  in their own migrations. SQLite gets the two tables and the first synonyms.
"""

from django.db import migrations, models

FOLDED_CONFIG = "danish_folded"

# (word, synonyms): the first list; curators keep it in the admin.
FIRST_SYNONYMS = [
    ("hash", "cannabis, pot, skunk, joint"),
    ("tandlæge", "tandbehandling, tandpleje, tænder, dentist"),
    ("misbrug", "rusmiddelproblemer, rusmiddelbrug, afhængighed, addiction, abuse"),
    ("hjemløs", "hjemløshed, homeless, homelessness, gadesovende"),
    ("alkohol", "alcohol, druk, sprut, alkoholbehandling"),
    ("sove", "overnatning, natherberg, herberg, nattely, natophold, sleep, shelter"),
    ("stoffer", "narkotika, rusmidler, drugs"),
    ("bolig", "lejlighed, husly, housing, botilbud"),
    ("psykisk sygdom", "psykiatri, sindslidelse, mental health, psykisk lidelse"),
    ("værested", "væresteder, dagtilbud, drop-in"),
    ("misbrugsbehandling", "rusmiddelbehandling, stofbehandling, treatment"),
    ("abstinenser", "abstinens, afrusning, withdrawal"),
    ("mad", "måltid, spisning, food, bespisning"),
    ("penge", "økonomi, gæld, budget, money"),
    ("job", "arbejde, beskæftigelse, work"),
    ("unge", "ungdom, young, youth, teenager"),
    ("gratis", "uden betaling, free"),
    ("sygeplejerske", "sygepleje, nurse, sundhedsklinik"),
    ("læge", "lægehjælp, doctor, almen praksis"),
    ("vold", "violence, overgreb"),
    ("kvinder", "women, kvinde"),
    ("metadon", "substitutionsbehandling, opioidbehandling, methadone"),
    ("kognitiv terapi", "kognitiv adfærdsterapi, cbt"),
    ("motiverende interview", "motiverende samtale, motivational interviewing"),
    ("rådgivning", "vejledning, counselling, advice"),
]


def create_search_support(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {FOLDED_CONFIG}",
        f"CREATE TEXT SEARCH CONFIGURATION {FOLDED_CONFIG} (COPY = danish)",
        f"ALTER TEXT SEARCH CONFIGURATION {FOLDED_CONFIG} ALTER MAPPING FOR "
        "hword, hword_part, word WITH unaccent, danish_stem",
        "CREATE INDEX core_searchword_trgm_idx ON core_searchword "
        "USING gin (word gin_trgm_ops)",
    ):
        schema_editor.execute(sql)


def drop_search_support(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS core_searchword_trgm_idx")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {FOLDED_CONFIG}")


def add_first_synonyms(apps, schema_editor):
    synonym = apps.get_model("core", "Synonym")
    for word, synonyms in FIRST_SYNONYMS:
        synonym.objects.get_or_create(word=word, defaults={"synonyms": synonyms})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "word",
                    models.CharField(max_length=100, unique=True, verbose_name="ord"),
                ),
                (
                    "documents",
                    models.PositiveIntegerField(default=0, verbose_name="antal steder"),
                ),
            ],
            options={
                "verbose_name": "søgeord",
                "verbose_name_plural": "søgeord",
            },
        ),
        migrations.CreateModel(
            name="Synonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "word",
                    models.CharField(
                        help_text="Det ord, folk søger på, fx “hash”.",
                        max_length=100,
                        unique=True,
                        verbose_name="ord",
                    ),
                ),
                (
                    "synonyms",
                    models.TextField(
                        help_text="Ord og udtryk, der betyder det samme, adskilt af komma, fx “cannabis, pot, skunk”. Udtryk med flere ord søges som udtryk.",
                        verbose_name="synonymer",
                    ),
                ),
            ],
            options={
                "verbose_name": "synonym",
                "verbose_name_plural": "synonymer",
                "ordering": ["word"],
            },
        ),
        migrations.RunPython(
            create_search_support, drop_search_support, elidable=False
        ),
        migrations.RunPython(add_first_synonyms, migrations.RunPython.noop),
    ]
