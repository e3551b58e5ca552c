"""Load the municipality's documents, kept as data files in each app, into the
database. A second run changes nothing: rows are found through the record of what
each entry became, so a curator's edits are kept and rows a curator deleted stay
deleted. ``--update`` rewrites edited rows from the files, creates deleted ones
again and reports what it changes."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.seeding import SeedError, SeedLoader
from goals import seed as goals_seed
from methods import seed as methods_seed
from resources import seed as resources_seed
from services import seed as services_seed

# Apps in the order their references allow.
APPS = (methods_seed, services_seed, resources_seed, goals_seed)


class Command(BaseCommand):
    help = "Indlæser grundindholdet fra datafilerne i hver app."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help=(
                "Overskriv rækker, der er ændret i admin, med indholdet fra filerne, "
                "og genskab rækker, der er slettet i admin."
            ),
        )

    def handle(self, *args, update=False, **options):
        loader = SeedLoader(update=update)
        try:
            loader.load(*APPS)
        except SeedError as error:
            raise CommandError(str(error)) from error
        self._report(loader)

    def _report(self, loader):
        if loader.created:
            for label, count in sorted(loader.created.items()):
                self.stdout.write(
                    _("Oprettet: %(count)s %(label)s")
                    % {"count": count, "label": label}
                )
        for label in loader.restored:
            self.stdout.write(_("Genskabt: %(label)s") % {"label": label})
        for label, field, old, new in loader.changes:
            self.stdout.write(
                _("Ændret: %(label)s, %(field)s: %(old)r → %(new)r")
                % {"label": label, "field": field, "old": old, "new": new}
            )
        for label, count in sorted(loader.kept_deleted.items()):
            self.stdout.write(
                _("Slettet i admin, ikke genskabt: %(count)s %(label)s")
                % {"count": count, "label": label}
            )
        if not loader.created and not loader.restored and not loader.changes:
            self.stdout.write(_("Intet at indlæse: indholdet er allerede på plads."))
