"""Who may see what is written once, in core/visibility.py: no template compares a
status or visibility with a value (it asks the object: ``offer.is_public``,
``resource.is_staff_only``), and no code outside the rule filters on one or
compares one with a value (it asks ``visible_to``, ``visible_condition`` or
``visible_through``)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE = ("config", "core", "goals", "methods", "resources", "services", "scripts")
RULE = ROOT / "core" / "visibility.py"

#: A lookup on the field that decides visibility, across relations too.
FIELD = re.compile(r"^(?:\w+__)?(?:status|visibility)(?:__(?:exact|iexact|in))?$")
VALUES = {"published", "draft", "public", "staff"}
VALUE_NAMES = {"PUBLISHED", "DRAFT", "PUBLIC", "STAFF"}
#: Calls whose keywords select rows.
QUERIES = {"filter", "exclude", "get", "Q", "When", "get_object_or_404"}

#: Known and left for their owners; each entry names the code and why.
PENDING: set[str] = set()

TEMPLATE_COMPARISON = re.compile(r"\b(?:status|visibility)\s*(?:==|!=|\bin\b)")
TEMPLATE_VALUE = re.compile(r"""["'](?:published|draft|staff|public)["']""")
TAG = re.compile(r"{%\s*(?:if|elif)\b(.*?)%}", re.DOTALL)


def test_no_template_compares_a_status_or_visibility():
    found = {
        f"{path.relative_to(ROOT)}: {tag}"
        for path in _templates()
        for tag in template_comparisons(path.read_text(encoding="utf-8"))
    }
    assert found == set()


def test_no_code_outside_the_rule_filters_or_compares_on_a_status():
    found = {
        f"{path.relative_to(ROOT)}: {finding}"
        for path in _modules()
        for finding in code_comparisons(path.read_text(encoding="utf-8"))
        if finding not in PENDING
    }
    assert found == set()


@pytest.mark.parametrize(
    "template",
    [
        '{% if offer.parent.status == "published" %}',
        "{% if resource.visibility != 'staff' %}",
        '{% elif item.visibility.value == "draft" %}',
        "{% if offer.status in published_values %}",
    ],
)
def test_the_template_check_finds_a_comparison(template):
    assert template_comparisons(f"<p>{template}x{{% endif %}}</p>")


@pytest.mark.parametrize(
    "code",
    [
        'Offer.objects.filter(status="published")',
        "Resource.objects.exclude(visibility=Resource.Visibility.DRAFT)",
        "OfferMethod.objects.filter(method__status=Publication.PUBLISHED)",
        "Q(visibility__in=[Visibility.PUBLIC, Visibility.STAFF])",
        'Method.objects.filter(**{"status": Publication.PUBLISHED})',
        'published = {"status": Publication.PUBLISHED}',
        "resource.visibility == Resource.Visibility.STAFF",
        'offer.status != "draft"',
    ],
)
def test_the_code_check_finds_a_filter_or_comparison(code):
    assert code_comparisons(code)


def test_the_checks_let_the_objects_answer():
    assert not template_comparisons(
        "{% if offer.parent.is_public %}{% if status.value == 'achieved' %}"
    )
    assert not code_comparisons(
        "Offer.objects.visible_to(user).filter(kind=kind)\n"
        'Initiative.objects.filter(status="ongoing")\n'
        "Offer.objects.create(status=Publication.DRAFT)\n"
        "goal.progress.status == self.value()\n"
    )


def template_comparisons(text):
    return [
        match.group(0)
        for match in TAG.finditer(text)
        if TEMPLATE_COMPARISON.search(match.group(1))
        or TEMPLATE_VALUE.search(match.group(1))
    ]


def code_comparisons(source):
    """The source of each query on, or comparison of, a status or visibility
    with a value written out."""
    tree = ast.parse(source)
    return [
        ast.get_source_segment(source, node)
        for node in ast.walk(tree)
        if _is_query_on_value(node)
        or _is_dict_of_value(node)
        or _is_comparison_with_value(node)
    ]


def _is_query_on_value(node):
    if not isinstance(node, ast.Call) or _name(node.func) not in QUERIES:
        return False
    return any(
        keyword.arg is not None
        and FIELD.match(keyword.arg)
        and _is_value(keyword.value)
        for keyword in node.keywords
    )


def _is_dict_of_value(node):
    return isinstance(node, ast.Dict) and any(
        isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and FIELD.match(key.value)
        and _is_value(value)
        for key, value in zip(node.keys, node.values, strict=True)
    )


def _is_comparison_with_value(node):
    if not isinstance(node, ast.Compare):
        return False
    operands = [node.left, *node.comparators]
    return any(
        _name(operand) in {"status", "visibility"} for operand in operands
    ) and any(_is_value(operand) for operand in operands)


def _is_value(node):
    if isinstance(node, ast.Constant):
        return node.value in VALUES
    if isinstance(node, ast.Attribute):
        return node.attr in VALUE_NAMES
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return any(_is_value(element) for element in node.elts)
    return False


def _name(node):
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _modules():
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts or path == RULE:
                continue
            yield path


def _templates():
    for folder in (*CODE, "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".html", ".txt", ".xml"} and "templates" in path.parts:
                yield path
