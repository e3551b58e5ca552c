"""Posting admin forms as a browser would: what a page's form sends back."""

from django.db.models.fields.files import FieldFile


def admin_form_data(page):
    """What the admin's change form (or a history version's form) on ``page``
    would post back unchanged, inlines included."""
    forms = [page.context["adminform"].form]
    data = {}
    for inline in page.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False or isinstance(value, FieldFile):
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = value
    return data
