"""Template filters for goal figures: values and changes in Danish, with units."""

from django import template

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


@register.inclusion_tag("goals/_status.html")
def goal_status(status, size=""):
    return {"status": status, "size": size}


@register.simple_tag
def initiative_status(initiative, today):
    """“Planlagt”, or “Status ikke opdateret” once the initiative is overdue."""
    return initiative.status_label(today)


@register.simple_tag
def plan_has_ended(plan, today):
    return plan.has_ended(today)
