"""Forms of the goals app: the admin's figure forms and their formsets.

A manager types a period as text (“1. halvår 2019”); the forms read it into the
period's first and last day (goals/periods.py). On the goal's admin page the
baseline and the targets are checked against each other as submitted, before
anything is saved.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Baseline, Measurement, Target, target_before_baseline_message
from .periods import PeriodError, format_period, parse_period


class PeriodFormMixin:
    """Reads ``period_label`` into the hidden ``period_start``/``period_end``.

    The dates stay form fields (hidden), so the model's rules about them, such
    as one measurement per period, are checked as form errors.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _decimal_keyboard(self)
        for name in ("period_start", "period_end"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].widget = forms.HiddenInput()
        if "period_label" in self.fields:
            self.fields["period_label"].help_text = _(
                "Fx “2019”, “2019/2020” (dele af to år), “1. halvår 2019”, “2. "
                "kvartal 2019”, “jan.-jun. 2019” eller “dec. 2017-maj 2018”."
            )

    def clean(self):
        cleaned = super().clean()
        label = cleaned.get("period_label")
        if label:
            try:
                start, end = parse_period(label)
            except PeriodError as error:
                self.add_error("period_label", str(error))
            else:
                cleaned["period_start"], cleaned["period_end"] = start, end
        return cleaned

    def parsed_period(self):
        """The period as read, “1.12.2017–31.5.2018”, for showing beside it."""
        if self.instance.period_start and self.instance.period_end:
            return format_period(self.instance.period_start, self.instance.period_end)
        return ""


class BaselineForm(PeriodFormMixin, forms.ModelForm):
    class Meta:
        model = Baseline
        # A text field that reads “47,5” as Danish managers type it.
        localized_fields = ["value"]
        fields = [
            "value",
            "period_label",
            "period_start",
            "period_end",
            "n",
            "scope",
            "source",
        ]


class MeasurementForm(PeriodFormMixin, forms.ModelForm):
    class Meta:
        model = Measurement
        # A text field that reads “47,5” as Danish managers type it.
        localized_fields = ["value"]
        fields = [
            "period_label",
            "period_start",
            "period_end",
            "value",
            "n",
            "source",
            "comment",
        ]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2, "cols": 30})}


class TargetForm(forms.ModelForm):
    """A target; ``submitted_baseline_year`` (given by ``TargetFormSet`` on the
    goal's page) is the year its baseline will have once the form is saved."""

    def __init__(self, *args, **kwargs):
        checks_submitted_baseline = "submitted_baseline_year" in kwargs
        baseline_year = kwargs.pop("submitted_baseline_year", None)
        super().__init__(*args, **kwargs)
        _decimal_keyboard(self)
        if checks_submitted_baseline:
            # Target.clean() checks against this rather than the saved baseline.
            self.instance.submitted_baseline_year = baseline_year

    class Meta:
        model = Target
        # A text field that reads “47,5” as Danish managers type it.
        localized_fields = ["value"]
        fields = ["year", "value", "note"]


class FigureFormSet(forms.BaseInlineFormSet):
    """Duplicates named in plain Danish instead of Django's generic message."""

    duplicate_message = _("Ret venligst de dobbelte værdier nedenfor.")

    def get_unique_error_message(self, unique_check):
        return self.duplicate_message


class TargetFormSet(FigureFormSet):
    """Targets checked against the baseline submitted in the same form.

    The goal's admin passes the baseline's formset (``baseline_formset``, see
    GoalAdmin.get_formset_kwargs); without it, the saved baseline counts
    (Target.clean).
    """

    duplicate_message = _(
        "Der er to målsætninger for samme år. Hvert år kan kun have én målsætning."
    )

    def __init__(self, *args, baseline_formset=None, **kwargs):
        self.baseline_formset = baseline_formset
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.baseline_formset is not None:
            kwargs["submitted_baseline_year"] = self.submitted_baseline_year()
        return kwargs

    def submitted_baseline_year(self):
        """The year of the baseline as submitted; None without a valid one."""
        formset = self.baseline_formset
        if not formset.is_valid():
            return None
        for form in formset.forms:
            if is_deleted(formset, form):
                continue
            end = form.cleaned_data.get("period_end")
            if end is not None and form.cleaned_data.get("value") is not None:
                return end.year
        return None

    def clean(self):
        super().clean()
        self._check_one_target_per_year()
        # The model checks each target; a baseline moved past saved targets is
        # caught the same way, since every existing target form is validated.
        year = self.submitted_baseline_year() if self.baseline_formset else None
        if year is None:
            return
        for form in self.forms:
            if is_deleted(self, form):
                continue
            target_year = getattr(form, "cleaned_data", {}).get("year")
            if target_year is not None and target_year < year:
                message = target_before_baseline_message(year)
                if message not in form.errors.get("year", []):
                    form.add_error("year", message)

    def _check_one_target_per_year(self):
        """One target per year, and one with no year set, among those submitted.

        The model's constraints are conditional (a year may be empty), and Django's
        formsets only compare rows for unconditional ones.
        """
        seen = set()
        for form in self.forms:
            if is_deleted(self, form):
                continue
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or cleaned.get("value") is None:
                continue
            year = cleaned.get("year")
            if year in seen:
                message = (
                    self.duplicate_message
                    if year is not None
                    else _("Der kan kun være én målsætning uden årstal.")
                )
                form.add_error("year", message)
                raise forms.ValidationError(message)
            seen.add(year)


class MeasurementFormSet(FigureFormSet):
    duplicate_message = _(
        "To målinger dækker samme periode. Hver periode kan kun have én måling."
    )


class LatestMeasurementsFormSet(MeasurementFormSet):
    """Only the goal's latest ``shown`` measurements, oldest first: a goal with
    2,000 would otherwise make a form of 18,000 fields, beyond what a request
    may carry (DATA_UPLOAD_MAX_NUMBER_FIELDS). The rest are edited in the list
    of measurements."""

    shown = 20

    def get_queryset(self):
        if not hasattr(self, "_latest"):
            queryset = super().get_queryset()
            latest = queryset.order_by("-period_end", "-period_start").values("pk")
            self._latest = queryset.filter(
                pk__in=list(latest[: self.shown].values_list("pk", flat=True))
            ).order_by("period_end", "period_start")
        return self._latest


def is_deleted(formset, form):
    """Whether ``form`` is ticked for deletion, read while the formset is being
    cleaned (``formset.deleted_forms`` is only complete after that)."""
    return formset.can_delete and getattr(form, "cleaned_data", {}).get(
        forms.formsets.DELETION_FIELD_NAME, False
    )


def _decimal_keyboard(form):
    if "value" in form.fields:
        form.fields["value"].widget.attrs.setdefault("inputmode", "decimal")
        value = form.initial.get("value")
        if isinstance(value, Decimal):
            # A count of 86 reads “86”, not “86,00”; 47.50 % reads “47,5”.
            form.initial["value"] = without_trailing_zeros(value)


def without_trailing_zeros(value):
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
