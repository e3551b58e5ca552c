"""Methods and goals as documented JSON (/api/v1/): the fields a consumer
gets, which drf-spectacular reads to write the OpenAPI schema."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from methods.models import Dimension, Method, Rating
from services.models import Offer


class PageUrlMixin(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="Siden på portalen.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item):
        return self.context["request"].build_absolute_uri(item.get_absolute_url())


class OfferRefSerializer(PageUrlMixin, serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", help_text="Tilbuddets id i HSDS.")

    class Meta:
        model = Offer
        fields = ["id", "slug", "name", "url"]


class TargetGroupSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", help_text="Termens id i HSDS.")
    slug = serializers.SlugField()
    name = serializers.CharField()


class ResourceRefSerializer(PageUrlMixin, serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()


class DeclarationSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    label = serializers.CharField()
    rating = serializers.ChoiceField(
        choices=Rating.choices, allow_blank=True, help_text="A–D; tom: ikke vurderet."
    )
    reason = serializers.CharField(allow_blank=True)


class MethodListSerializer(PageUrlMixin, serializers.ModelSerializer):
    category = serializers.CharField(source="category.name", allow_null=True)
    last_modified = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = Method
        fields = [
            "slug",
            "name",
            "abbreviation",
            "summary",
            "category",
            "url",
            "last_modified",
        ]


class MethodSerializer(MethodListSerializer):
    target_groups = TargetGroupSerializer(many=True)
    knowledge_declaration = serializers.SerializerMethodField()
    offers = serializers.SerializerMethodField(
        help_text="Offentliggjorte tilbud, der bruger metoden."
    )
    resources = serializers.SerializerMethodField(
        help_text="Offentlige materialer om metoden."
    )

    class Meta(MethodListSerializer.Meta):
        fields = [
            *MethodListSerializer.Meta.fields,
            "description",
            "target_group",
            "intended_outcomes",
            "target_groups",
            "declaration_reviewed_on",
            "knowledge_declaration",
            "offers",
            "resources",
        ]

    @extend_schema_field(DeclarationSerializer(many=True))
    def get_knowledge_declaration(self, method):
        rows = [
            {
                "dimension": dimension.value,
                "label": str(dimension.label),
                "rating": rating,
                "reason": reason,
            }
            for dimension, rating, reason in method.knowledge_declaration()
        ]
        return DeclarationSerializer(rows, many=True).data

    @extend_schema_field(OfferRefSerializer(many=True))
    def get_offers(self, method):
        offers = [use.offer for use in method.published_offer_uses]
        return OfferRefSerializer(offers, many=True, context=self.context).data

    @extend_schema_field(ResourceRefSerializer(many=True))
    def get_resources(self, method):
        return ResourceRefSerializer(
            method.visible_resources, many=True, context=self.context
        ).data


class PlanRefSerializer(PageUrlMixin, serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    period_start = serializers.IntegerField(help_text="Første år.")
    period_end = serializers.IntegerField(help_text="Sidste år.")


class BaselineSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    period_label = serializers.CharField(allow_blank=True)
    n = serializers.IntegerField(allow_null=True, help_text="Antal borgere bag tallet.")
    source = serializers.CharField(allow_blank=True)


class TargetSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True, help_text="Tom: uden årstal.")
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(allow_blank=True)


class MeasurementSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    period_label = serializers.CharField(allow_blank=True)
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    n = serializers.IntegerField(allow_null=True)
    source = serializers.CharField(allow_blank=True)


class StatusSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=["achieved", "on_track", "behind", "no_data", "qualitative"]
    )
    label = serializers.CharField()


class GoalListSerializer(PageUrlMixin, serializers.Serializer):
    plan = serializers.SlugField(source="plan.slug", help_text="Planens kortnavn.")
    code = serializers.SlugField(help_text="Målets kode i planen.")
    title = serializers.CharField()
    level = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.CharField()
    status = serializers.SerializerMethodField(help_text="Beregnet ud fra tallene.")
    last_modified = serializers.DateTimeField(source="updated_at")

    @extend_schema_field(StatusSerializer)
    def get_status(self, goal):
        status = goal.progress.status
        return {"code": status.value, "label": str(status.label)}


class GoalSerializer(GoalListSerializer):
    plan = PlanRefSerializer()
    definition = serializers.CharField(allow_blank=True)
    data_source = serializers.CharField(allow_blank=True)
    baseline = serializers.SerializerMethodField()
    targets = TargetSerializer(many=True)
    measurements = MeasurementSerializer(many=True)
    responsible_offers = serializers.SerializerMethodField(
        help_text="Offentliggjorte tilbud, der er ansvarlige for målet."
    )

    @extend_schema_field(BaselineSerializer(allow_null=True))
    def get_baseline(self, goal):
        baseline = getattr(goal, "baseline", None)
        return BaselineSerializer(baseline).data if baseline else None

    @extend_schema_field(OfferRefSerializer(many=True))
    def get_responsible_offers(self, goal):
        return OfferRefSerializer(
            goal.published_responsible_offers, many=True, context=self.context
        ).data
