"""Search in plans and goals (all public); see core/search.py.

Like methods, offers and resources, plans and goals keep their weighted
document in a stored, GIN-indexed ``search_vector`` (goals/migrations
0004_search_vector): 3,000 goals built per query took most of a second.
"""

from core.search import SearchSpec, filter_queryset, run_search

from .models import Goal, Plan

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


def search(query, user, limit):
    """Plans, then goals, matching ``query``: ``(count, plans + goals)``.

    Both are fetched whatever the number of plans found, so the page costs the
    same queries at any amount of data; the best ``limit`` are kept."""
    plan_count, plans = run_search(Plan.objects.all(), PLAN_SEARCH, query, limit)
    goal_count, goals = run_search(
        Goal.objects.select_related("plan"), GOAL_SEARCH, query, limit
    )
    return plan_count + goal_count, (plans + goals)[:limit]


def matching_plans(queryset, query):
    return filter_queryset(queryset, PLAN_SEARCH, query)


def matching_goals(queryset, query):
    return filter_queryset(queryset, GOAL_SEARCH, query)
