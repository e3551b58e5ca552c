"""Template filters for goal figures: values and changes in Danish, with units."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import progress as rules

register = template.Library()


@register.filter
def goal_value(value, unit):
    """``{{ value|goal_value:goal.unit }}`` → “47,5 %”, “86”, “1.250.000 kr.”."""
    return rules.format_value(unit, value)


@register.filter
def goal_change(change, unit):
    """``{{ change|goal_change:goal.unit }}`` → “+3 procentpoint”, “−11”."""
    return rules.format_change(unit, change)


@register.filter
def small_n(n):
    return rules.is_small_n(n)


# The icon of each status: its shape tells it apart without colour.
_ICONS = {
    rules.Status.ACHIEVED: mark_safe(  # noqa: S308 - constant markup
        '<circle cx="10" cy="10" r="9" fill="currentColor"/><path d="M5.5 10.5l3 3 '
        '6-7" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" '
        'stroke-linejoin="round"/>'
    ),
    rules.Status.ON_TRACK: mark_safe(  # noqa: S308 - constant markup
        '<circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" '
        'stroke-width="2"/><path d="M5 10h9M10.5 6l4 4-4 4" fill="none" '
        'stroke="currentColor" stroke-width="2.2" stroke-linecap="round" '
        'stroke-linejoin="round"/>'
    ),
    rules.Status.BEHIND: mark_safe(  # noqa: S308 - constant markup
        '<path d="M10 1.5l9 16.5H1z" fill="currentColor"/><path d="M10 7v5.5" '
        'stroke="#fff" stroke-width="2.4" stroke-linecap="round"/><circle cx="10" '
        'cy="15.3" r="1.3" fill="#fff"/>'
    ),
    rules.Status.NO_DATA: mark_safe(  # noqa: S308 - constant markup
        '<circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-dasharray="3 2.2"/><path d="M6 10h8" '
        'stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>'
    ),
    # A goal judged in words, not figures: a speech bubble.
    rules.Status.QUALITATIVE: mark_safe(  # noqa: S308 - constant markup
        '<path d="M3 3.5h14v10H9l-4 3.5v-3.5H3z" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-linejoin="round"/>'
    ),
}


@register.simple_tag
def goal_status(status, size=""):
    """``{% goal_status goal.status "small" %}``: the status with its icon and
    explanation. Markup written here, not a template included per goal: a plan
    page shows it for every goal twice (the cards and the printed report)."""
    status = rules.Status(status)
    modifier = f" goal-status--{size}" if size else ""
    return format_html(
        '<span class="goal-status goal-status--{}{}" title="{}"><svg '
        'class="goal-status__icon" viewBox="0 0 20 20" width="20" height="20" '
        'aria-hidden="true" focusable="false">{}</svg><span '
        'class="goal-status__label">{}</span></span>',
        status.value,
        modifier,
        status.explanation,
        _ICONS[status],
        status.label,
    )


@register.simple_tag
def initiative_status(initiative, today):
    """“Planlagt”, or “Status ikke opdateret” once the initiative is overdue."""
    return initiative.status_label(today)


@register.simple_tag
def plan_has_ended(plan, today):
    return plan.has_ended(today)
