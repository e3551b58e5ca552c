"""The page for people about the open data ("Åbne data")."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

from . import hsds


@require_safe
def open_data_page(request):
    def address(name):
        return request.build_absolute_uri(reverse(name))

    return render(
        request,
        "api/open_data.html",
        {
            "hsds_index": address("api:hsds_index"),
            "hsds_services": address("api:hsds_services"),
            "hsds_organizations": address("api:hsds_organizations"),
            "hsds_taxonomy_terms": address("api:hsds_taxonomy_terms"),
            "api_page": address("api:api_page"),
            "v1_methods": address("api:v1_methods"),
            "v1_goals": address("api:v1_goals"),
            "example_term": hsds.TARGET_GROUPS.id,
            "hsds_version": hsds.HSDS_VERSION,
        },
    )


@require_safe
def api_page(request):
    """The JSON APIs, readable: each endpoint of the generated OpenAPI schema
    with its summary and parameters, and where the schema itself is."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = [
        {
            "path": path,
            "summary": operation.get("summary", ""),
            "parameters": [
                parameter["name"] for parameter in operation.get("parameters", [])
            ],
            "address": request.build_absolute_uri(path),
            "example": "{" not in path,
        }
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
    ]
    return render(
        request,
        "api/api_page.html",
        {
            "info": schema["info"],
            "endpoints": endpoints,
            "schema_url": request.build_absolute_uri(reverse("api:schema")),
            "hsds_index": request.build_absolute_uri(reverse("api:hsds_index")),
        },
    )
