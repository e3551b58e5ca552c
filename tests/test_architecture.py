"""The arrows between the apps point one way (docs/architecture.md).

Every app may use ``core``; ``core`` uses no app; ``methods`` knows no offers,
goals or resources; ``services`` knows no goals or resources; ``goals`` knows
no resources; no app imports ``api`` (the open data, which reads the content
apps) or ``config``, which composes them all. The arrows
are read from the code by scripts/architecture.py: imports anywhere in a module
(also inside functions and in migrations) and strings that name another app's
model, permissions or migrations.
"""

import textwrap

import pytest

from scripts import architecture

#: Known arrows against the rules, each to be removed with the change that
#: fixes it: (file, app it points to). Empty: keep it so.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()


def test_no_arrow_goes_against_the_rules():
    wrong = [
        str(reference)
        for reference in architecture.violations(architecture.project_references())
        if (reference.path, reference.target) not in KNOWN_VIOLATIONS
    ]
    assert wrong == [], "arrows against docs/architecture.md:\n" + "\n".join(wrong)


def test_every_known_violation_is_still_there():
    """An allowance that is no longer needed is taken off the list."""
    present = {
        (reference.path, reference.target)
        for reference in architecture.violations(architecture.project_references())
    }
    assert KNOWN_VIOLATIONS <= present, KNOWN_VIOLATIONS - present


def test_the_picture_in_the_docs_is_drawn_from_the_code_as_it_is():
    assert architecture.main(["--check"]) == 0, (
        "docs/architecture.md is out of date: run python scripts/architecture.py"
    )


def test_the_reader_sees_every_project_app():
    sources = {reference.source for reference in architecture.project_references()}
    assert {"methods", "services", "resources", "goals", "api", "config"} <= sources


# The checker itself, on modules written for the test: it can fail.

CORE_MODULE = """
import json
import services.models
from django.db import models


def later():
    from goals.progress import status

    return status


class Thing(models.Model):
    offer = models.ForeignKey("services.Offer", on_delete=models.CASCADE)
"""


def arrows(source, path):
    references = architecture.read_module(textwrap.dedent(source), path)
    return sorted(
        (r.line, r.target, r.how) for r in architecture.violations(references)
    )


def test_an_import_at_the_top_inside_a_function_and_a_string_reference_are_caught():
    assert arrows(CORE_MODULE, "core/models.py") == [
        (3, "services", "import services.models"),
        (8, "goals", "from goals.progress import status"),
        (14, "services", "'services.Offer'"),
    ]


@pytest.mark.parametrize(
    ("path", "source", "target"),
    [
        ("methods/views.py", "from services.models import Offer", "services"),
        ("methods/models.py", "x = 'resources.Resource'", "resources"),
        ("services/selectors.py", "import goals", "goals"),
        ("services/models.py", "to = 'resources.resource'", "resources"),
        ("goals/views.py", "from resources import selectors", "resources"),
        ("goals/views.py", "M = apps.get_model('resources', 'Resource')", "resources"),
        ("goals/roles.py", "GRANTS = [('resources', None, ('view',))]", "resources"),
        ("goals/roles.py", "CAN = 'resources.view_resource'", "resources"),
        ("resources/views.py", "from config.settings import base", "config"),
        ("core/views.py", "from django.conf import settings\nimport config", "config"),
        ("core/search.py", "from methods.search import matching", "methods"),
        ("services/views.py", "from api import hsds", "api"),
        ("goals/selectors.py", "import api.selectors", "api"),
        ("api/views.py", "from config.cache import page_key", "config"),
        (
            "methods/migrations/0009_x.py",
            "dependencies = [('services', '0001_initial')]",
            "services",
        ),
        (
            "methods/migrations/0009_x.py",
            "f = models.ForeignKey(to='goals.goal', on_delete=None)",
            "goals",
        ),
        (
            "methods/filters.py",
            "Q(content_type__app_label='goals')",
            "goals",
        ),
    ],
)
def test_each_forbidden_arrow_is_caught(path, source, target):
    found = arrows(source, path)
    assert [arrow[1] for arrow in found] == [target], found


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("services/models.py", "from methods.models import Method"),
        ("resources/models.py", "x = ('services.Offer', 'methods.Method')"),
        ("goals/models.py", "from services.models import Offer\nimport core.models"),
        ("config/urls.py", "import goals.urls, resources.urls"),
        ("config/urls.py", "import api.urls"),
        ("api/views.py", "from services.models import Offer\nfrom goals import models"),
        ("methods/views.py", "from .models import Method\nfrom . import search"),
        ("methods/models.py", "related_name = 'resources'"),
        ("methods/models.py", "label = 'resources.html'  # not a dotted name"),
        ("tests/test_x.py", "import config\nfrom goals import models"),
        ("scripts/x.py", "import goals.models"),
    ],
)
def test_allowed_arrows_pass(path, source):
    assert arrows(source, path) == []


def test_a_relative_import_is_read_as_the_module_it_names():
    references = architecture.read_module(
        "from ..progress import status\n", "goals/templatetags/goal_tags.py"
    )
    assert [(r.target, r.how) for r in references] == [
        ("goals", "from goals.progress import status")
    ]


def test_the_failure_names_the_file_line_and_arrow():
    (reference,) = architecture.violations(
        architecture.read_module("\n\nimport goals.models\n", "methods/views.py")
    )
    assert str(reference) == (
        "methods/views.py:3: methods -> goals (import goals.models)"
    )


#: What an app may import from another domain app: its models (to relate to
#: them) and its selectors (to read what it publishes). Everything else of an
#: app (views, filters, admin, actions, search) is its own business.
PUBLIC_MODULES = {"models", "selectors"}
DOMAIN_APPS = {"methods", "services", "resources", "goals"}


def test_an_app_imports_only_another_apps_models_and_selectors():
    wrong = [
        str(reference)
        for reference in architecture.project_references()
        if reference.source in DOMAIN_APPS
        and reference.target in DOMAIN_APPS
        and reference.source != reference.target
        and reference.how.split()[0] in {"import", "from"}
        and reference.how.split()[1].split(".")[1:2] != []
        and reference.how.split()[1].split(".")[1] not in PUBLIC_MODULES
    ]
    assert wrong == [], "imports of another app's inner modules:\n" + "\n".join(wrong)


def test_the_inner_module_rule_finds_an_import_of_another_apps_filters(tmp_path):
    module = "from methods.filters import MethodFilter\n"
    found = [
        reference
        for reference in architecture.read_module(module, "services/relations.py")
        if reference.how.split()[1].split(".")[1] not in PUBLIC_MODULES
    ]
    assert [reference.target for reference in found] == ["methods"]
