"""Issue 13, item 9: every page type is well-formed HTML: tags closed in
order, ids unique, labels pointing at something, date-times valid (at most
three digits of a second: the home page had microseconds)."""

import re
from html.parser import HTMLParser

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Elements whose end tag HTML lets an author leave out.
OPTIONAL_END = {"p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody"}
DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.fors, self.problems = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.fors.append(attrs["for"])
        if tag == "time" and "datetime" in attrs:
            if not DATETIME.match(attrs["datetime"] or ""):
                self.problems.append(f"bad datetime {attrs['datetime']!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close <{self.stack[-1:]}>")
            return
        self.stack.pop()

    def finish(self):
        while self.stack and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if self.stack:
            self.problems.append(f"never closed: {self.stack}")
        duplicates = {i for i in self.ids if self.ids.count(i) > 1}
        if duplicates:
            self.problems.append(f"duplicate ids {sorted(duplicates)}")
        missing = set(self.fors) - set(self.ids)
        if missing:
            self.problems.append(f"labels for missing ids {sorted(missing)}")
        return self.problems


def problems(html):
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker.finish()


def page_types():
    from goals.models import Goal, Plan
    from methods.models import Method
    from resources.models import KnowledgeSource, Resource
    from services.models import Offer

    plan = Plan.objects.first()
    return [
        "/",
        "/tilbud/",
        "/tilbud/?access=walk_in&target_group=hjemloese",
        "/tilbud/?kind=xx%00",
        Offer.objects.get(slug="hjoernestenen").get_absolute_url(),
        Offer.objects.get(slug="slotsgaarden").get_absolute_url(),
        "/tilbud/akut-hjaelp/",
        "/tilgaengelighed/",
        "/soeg/?q=sove",
        "/soeg/",
        "/metoder/",
        Method.objects.visible_to(None).first().get_absolute_url(),
        "/materialer/",
        Resource.objects.visible_to(None).first().get_absolute_url(),
        "/videnskilder/",
        f"/videnskilder/{KnowledgeSource.objects.first().slug}/",
        "/planer/",
        plan.get_absolute_url(),
        Goal.objects.filter(plan=plan).first().get_absolute_url(),
        "/log-ind/",
        "/findes-ikke/",
    ]


def test_the_checker_finds_what_it_looks_for():
    assert problems('<div><span></div><time datetime="2026-12-03T10:00:00.123456">')
    assert problems('<p id="a"></p><p id="a"></p>')
    assert not problems('<ul><li>a<li>b</ul><time datetime="2026-12-03"></time>')


def test_every_page_type_is_well_formed(client):
    from tests.factories import MethodFactory, OfferFactory

    OfferFactory(name="Nyt")  # so the home page lists a dated item
    MethodFactory(name="Ny")
    for path in page_types():
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert problems(response.content.decode()) == [], path
