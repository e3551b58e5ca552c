"""The targets file: one row per goal and year (``maalsaetninger.csv``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from ..models import Target
from ..periods import MAX_YEAR, MIN_YEAR
from .base import FigureResource
from .cells import IntegerWidget, TextWidget


class TargetResource(FigureResource):
    year = fields.Field(attribute="year", column_name="år", widget=IntegerWidget())
    note = fields.Field(attribute="note", column_name="bemærkning", widget=TextWidget())

    bulk_update_fields = ("value", "note")
    duplicate_message = gettext_lazy(
        "Målet har allerede en målsætning for det år i række %(row)s."
    )

    class Meta(FigureResource.Meta):
        model = Target
        name = gettext_lazy("Målsætninger")
        fields = ("plan", "goal", "goal_title", "year", "value", "note")
        import_id_fields = ["plan", "goal", "year"]

    def get_queryset(self):
        return Target.objects.select_related("goal__plan", "goal__baseline")

    def figure_key(self, target):
        return (target.year,)

    def row_figure_key(self, row):
        try:
            return (IntegerWidget().clean(row.get("år")),)
        except ValueError:
            return None

    def complete_instance(self, target, errors):
        # docs/goals.md: an import never creates a target without a year (a
        # plan that leaves the year out is entered in the admin); an exported
        # yearless target still reads back, matched by its empty year.
        if target.pk is None and target.year is None and "year" not in errors:
            errors["year"] = [_("Skriv året, målet skal være nået, fx “2020”.")]

    def constraint_errors(self, target):
        if target.year is not None and not MIN_YEAR <= target.year <= MAX_YEAR:
            return {
                "year": [
                    _("Året skal ligge mellem %(min)s og %(max)s.")
                    % {"min": MIN_YEAR, "max": MAX_YEAR}
                ]
            }
        return super().constraint_errors(target)
