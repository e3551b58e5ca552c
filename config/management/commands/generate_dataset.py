"""``manage.py generate_dataset --scale N``: synthetic content, N times the
seed content, for load and query-count testing (the generator:
config/dataset/)."""

import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Tilføjer syntetisk indhold, --scale gange grundindholdet, til test af "
        "ydeevne. Kør load_seed_content først."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Hvor mange gange grundindholdet der tilføjes (fx 100).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Startværdi for tilfældighederne; samme værdi giver samme indhold.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="Rækker pr. INSERT.",
        )

    def handle(self, *args, scale, seed, batch_size, **options):
        if scale < 1:
            raise CommandError("--scale skal være mindst 1.")
        try:
            # Faker is a development dependency; a production install that
            # never generates data does not need it.
            from config.dataset.generator import MissingSeedContent, generate
        except ImportError as error:
            raise CommandError(
                f"{error}. Installér udviklingspakkerne: pip install -e '.[dev]'."
            ) from error
        started = time.monotonic()
        try:
            created = generate(scale=scale, seed=seed, batch_size=batch_size)
        except MissingSeedContent as error:
            raise CommandError(str(error)) from error
        for label, count in created.items():
            self.stdout.write(f"Oprettet: {count} {label}")
        self.stdout.write(f"Tid: {time.monotonic() - started:.1f} s")
