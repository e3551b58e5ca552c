"""The measurements file: one row per goal and period (``maalinger.csv``).

A period is matched by the days it covers, whatever its spelling (“2019” and
“jan.-dec. 2019” are the same row).
"""

from django.utils.translation import gettext_lazy
from import_export import fields

from ..models import Measurement
from ..periods import PeriodError, parse_period
from .base import FigureResource
from .cells import IntegerWidget, PeriodWidget, TextWidget


class MeasurementResource(FigureResource):
    period = fields.Field(
        attribute="period_label", column_name="periode", widget=PeriodWidget()
    )
    n = fields.Field(attribute="n", column_name="N", widget=IntegerWidget())
    source = fields.Field(attribute="source", column_name="kilde", widget=TextWidget())
    comment = fields.Field(
        attribute="comment", column_name="kommentar", widget=TextWidget()
    )

    error_columns = {"goal": "mål", "period_start": "periode", "period_end": "periode"}
    bulk_update_fields = ("period_label", "value", "n", "source", "comment")
    duplicate_message = gettext_lazy(
        "Målet har allerede en måling for den periode i række %(row)s."
    )

    class Meta(FigureResource.Meta):
        model = Measurement
        name = gettext_lazy("Målinger")
        fields = (
            "plan",
            "goal",
            "goal_title",
            "period",
            "value",
            "n",
            "source",
            "comment",
        )
        import_id_fields = ["plan", "goal", "period"]

    def get_queryset(self):
        return Measurement.objects.select_related("goal__plan")

    def figure_key(self, measurement):
        return (measurement.period_start, measurement.period_end)

    def row_figure_key(self, row):
        try:
            return parse_period(PeriodWidget().clean(row.get("periode")))
        except (PeriodError, ValueError):
            return None

    def complete_instance(self, measurement, errors):
        if measurement.period_label and "period_label" not in errors:
            measurement.period_start, measurement.period_end = parse_period(
                measurement.period_label
            )

    def dehydrate_period(self, measurement):
        return measurement.period_text
