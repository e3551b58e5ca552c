"""Search in plans, goals, focus areas and initiatives (all public); see
core/search.py.

Each keeps its weighted document in a stored, GIN-indexed ``search_vector``
(goals/migrations 0004_search_vector, 0009_search_folded_and_more_types):
3,000 goals built per query took most of a second.
"""

from core.search import SearchSpec, filter_queryset, run_search

from .models import FocusArea, Goal, Initiative, Plan

PLAN_SEARCH = SearchSpec(
    title=("title",),
    summary=("summary",),
    body=("mission", "vision", "values"),
    document="search_vector",
)
GOAL_SEARCH = SearchSpec(
    title=("title",),
    summary=("definition",),
    body=("narrative", "data_source"),
    document="search_vector",
)
FOCUS_AREA_SEARCH = SearchSpec(
    title=("title",), body=("why", "goal", "how"), document="search_vector"
)
INITIATIVE_SEARCH = SearchSpec(
    title=("title",),
    summary=("description",),
    body=("expected_result", "owner"),
    document="search_vector",
)


def plans_for(user):
    return Plan.objects.all()


def goals_for(user):
    return Goal.objects.select_related("plan")


def focus_areas_for(user):
    return FocusArea.objects.select_related("plan")


def initiatives_for(user):
    return Initiative.objects.select_related("plan")


def search(query, user, limit):
    """Plans, then goals, matching ``query``: ``(count, plans + goals)``."""
    plan_count, plans = run_search(plans_for(user), PLAN_SEARCH, query, limit)
    goal_count, goals = run_search(goals_for(user), GOAL_SEARCH, query, limit)
    return plan_count + goal_count, (plans + goals)[:limit]


def matching_plans(queryset, query):
    return filter_queryset(queryset, PLAN_SEARCH, query)


def matching_goals(queryset, query):
    return filter_queryset(queryset, GOAL_SEARCH, query)
