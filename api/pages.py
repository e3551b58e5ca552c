"""The page for people about the open data ("Åbne data")."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

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
            "example_term": hsds.TARGET_GROUPS.id,
            "hsds_version": hsds.HSDS_VERSION,
        },
    )
