"""The read-only JSON API for methods and goals (/api/v1/), with the public
rule (no user) for everything it shows."""

from django.shortcuts import get_object_or_404
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from goals import selectors as goal_selectors
from methods import selectors as method_selectors

from .. import params
from . import serializers

PUBLIC = None


class Pagination(PageNumberPagination):
    """``?page=`` and ``?per_page=``, as in the HSDS API; a value that is not a
    positive whole number is a 400."""

    page_size = params.DEFAULT_PER_PAGE
    page_size_query_param = "per_page"
    max_page_size = params.MAX_PER_PAGE

    def paginate_queryset(self, queryset, request, view=None):
        try:
            params.positive_int(request.query_params, "page", 1)
            params.positive_int(
                request.query_params, "per_page", self.page_size, self.max_page_size
            )
        except params.BadParameter as problem:
            raise ValidationError({problem.name: [problem.message]}) from None
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema):
        # DRF describes next/previous with OpenAPI 3.0's "nullable", which
        # an OpenAPI 3.1 schema (JSON Schema) does not know: say it in 3.1.
        described = super().get_paginated_response_schema(schema)
        for name in ("next", "previous"):
            link = described["properties"][name]
            link.pop("nullable", None)
            link["type"] = ["string", "null"]
        return described


class DanishMixin:
    """Labels in Danish whatever the visitor's language: the data is the same
    for everyone (and cached so)."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("da"):
            return super().dispatch(request, *args, **kwargs)


@extend_schema(
    summary="Offentliggjorte metoder",
    description="Alle offentliggjorte metoder, efter navn, i sider.",
    tags=["metoder"],
)
class MethodList(DanishMixin, generics.ListAPIView):
    serializer_class = serializers.MethodListSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return method_selectors.method_list(PUBLIC).order_by("name", "pk")


@extend_schema(
    summary="En metode med vidensdeklaration, tilbud og materialer",
    description="Metoden med kortnavnet slug; 404, hvis den ikke er offentliggjort.",
    tags=["metoder"],
)
class MethodDetail(DanishMixin, generics.RetrieveAPIView):
    serializer_class = serializers.MethodSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return method_selectors.method_detail(PUBLIC)


@extend_schema(
    summary="Mål med beregnet status",
    description="Alle mål i alle planer, efter plan og rækkefølge, i sider.",
    tags=["mål"],
)
class GoalList(DanishMixin, generics.ListAPIView):
    serializer_class = serializers.GoalListSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return (
            goal_selectors.goals_with_figures()
            .select_related("plan")
            .order_by("plan__slug", "order", "code", "pk")
        )


@extend_schema(
    summary="Et mål med plan, udgangspunkt, delmål, målinger og status",
    description="Målet med koden code i planen med kortnavnet plan.",
    tags=["mål"],
)
class GoalDetail(DanishMixin, generics.RetrieveAPIView):
    serializer_class = serializers.GoalSerializer

    def get_queryset(self):
        return goal_selectors.goals_with_figures()

    def get_object(self):
        found = goal_selectors.goal_detail(
            self.kwargs["plan"], self.kwargs["code"], PUBLIC
        )
        return get_object_or_404(found)
