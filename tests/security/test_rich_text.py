"""Known XSS payloads in every field curators write, rendered through the real
pages: nothing is executed or rendered as markup.

Markdown fields (Offer.description, Method.description) go through
``render_markdown`` (Markdown, then an nh3 allow-list); every other text field is
escaped by the templates. The page is parsed and every tag and attribute checked,
so a payload that survives in any form (tag, attribute, address) fails the test.
"""

from html.parser import HTMLParser

import pytest

from core.templatetags.rich_text import render_markdown
from tests.factories import (
    GoalFactory,
    MethodFactory,
    OfferFactory,
    PlanFactory,
    ResourceFactory,
    TalkFactory,
)

pytestmark = pytest.mark.django_db

# OWASP XSS filter evasion cheat sheet style, plus Markdown-specific forms.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;'
    'alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width:expression(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    '[x](https://example.org" onmouseover="alert(1))',
    "[x][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "{{ request.user }}{% debug %}",
]

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "base",
    "meta",
    "marquee",
    "details",
    "noscript",
    "body",
    "form",
    "button",
    "input",
    "img",
    "link",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class MarkupCheck(HTMLParser):
    """Collects every tag and attribute a browser would act on."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def check(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
            if name in URL_ATTRIBUTES and value:
                cleaned = "".join(c for c in value if c > " ").lower()
                if cleaned.startswith(BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and _is_own_static_file(dict(attrs).get("src")):
            return  # the page's own file from /static/ (CSP: script-src 'self')
        self.tags.append(tag)

    def feed_page(self, html):
        self.tags = []
        self.feed(html)
        return self


def _is_own_static_file(src):
    from django.conf import settings

    return bool(src) and src.startswith(settings.STATIC_URL) and "//" not in src


def problems_in(html, allowed_tags=frozenset()):
    """What in ``html`` a browser would run or style; the page's own frame is
    compared separately, so only what the payload added counts."""
    check = MarkupCheck().feed_page(html)
    problems = list(check.problems)
    problems += [
        f"<{tag}>"
        for tag in check.tags
        if tag in FORBIDDEN_TAGS and tag not in allowed_tags
    ]
    return problems


def frame_tags(html):
    return set(MarkupCheck().feed_page(html).tags)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_leaves_nothing_executable(payload):
    assert problems_in(render_markdown(payload)) == []


def test_markdown_keeps_ordinary_formatting_and_safe_links():
    html = render_markdown(
        "## Overskrift\n\n**fed** og *kursiv*, [link](https://example.org)\n\n- punkt"
    )
    assert "<h2>Overskrift</h2>" in html
    assert "<strong>fed</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<li>punkt</li>" in html


def page_problems(client, url, baseline_url):
    """Problems on ``url`` that the same kind of page without a payload lacks."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    allowed = frame_tags(client.get(baseline_url).content.decode())
    return problems_in(html, allowed_tags=allowed)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_an_offer_description_are_harmless(client, payload):
    baseline = OfferFactory(name="Rent tilbud", description="Almindelig tekst.")
    offer = OfferFactory(name="Angrebet tilbud", description=payload)
    problems = page_problems(
        client, offer.get_absolute_url(), baseline.get_absolute_url()
    )
    assert problems == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_a_method_description_are_harmless(client, payload):
    baseline = MethodFactory(name="Ren metode", description="Almindelig tekst.")
    method = MethodFactory(name="Angrebet metode", description=payload)
    problems = page_problems(
        client, method.get_absolute_url(), baseline.get_absolute_url()
    )
    assert problems == []


# Plain-text fields: every text field on each page, filled with payloads at once.
PLAIN_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    "<a href=javascript:alert(1)>x</a>",
]


def text_fields(model):
    from django.db import models

    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(
            field, models.SlugField | models.URLField | models.EmailField
        )
        and not field.choices
        and field.editable
        and not field.unique
    ]


def fill(instance, payload):
    for name in text_fields(type(instance)):
        max_length = instance._meta.get_field(name).max_length
        value = f"{name} {payload}"
        setattr(instance, name, value[:max_length] if max_length else value)
    instance.save()
    return instance


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS)
def test_payloads_in_every_text_field_of_an_offer_are_harmless(client, payload):
    baseline = OfferFactory(name="Rent tilbud")
    offer = fill(OfferFactory(), payload)
    method = MethodFactory()
    offer.methods.add(method, through_defaults={"note": f"note {payload}"})
    fill(ResourceFactory(), payload).offers.add(offer)
    assert (
        page_problems(client, offer.get_absolute_url(), baseline.get_absolute_url())
        == []
    )


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS)
def test_payloads_in_every_text_field_of_a_method_are_harmless(client, payload):
    baseline = MethodFactory(name="Ren metode")
    method = fill(MethodFactory(), payload)
    talk = fill(TalkFactory(), payload)
    talk.methods.add(method)
    fill(ResourceFactory(), payload).methods.add(method)
    assert (
        page_problems(client, method.get_absolute_url(), baseline.get_absolute_url())
        == []
    )


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS)
def test_payloads_in_every_text_field_of_a_resource_are_harmless(client, payload):
    baseline = ResourceFactory(title="Rent materiale")
    resource = fill(ResourceFactory(), payload)
    assert (
        page_problems(client, resource.get_absolute_url(), baseline.get_absolute_url())
        == []
    )


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS)
def test_payloads_in_every_text_field_of_a_plan_and_goal_are_harmless(client, payload):
    baseline = GoalFactory(plan=PlanFactory(title="Ren plan"))
    plan = fill(PlanFactory(), payload)
    goal = fill(GoalFactory(plan=plan), payload)
    for url, base in [
        (plan.get_absolute_url(), baseline.plan.get_absolute_url()),
        (goal.get_absolute_url(), baseline.get_absolute_url()),
    ]:
        assert page_problems(client, url, base) == [], url


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS)
def test_payloads_in_search_results_and_lists_are_harmless(client, payload):
    OfferFactory(name="Rent tilbud")
    fill(OfferFactory(), payload)
    fill(MethodFactory(), payload)
    fill(ResourceFactory(), payload)
    for url, base in [
        ("/soeg/?q=name", "/soeg/?q=rent"),
        ("/soeg/?q=title", "/soeg/?q=rent"),
        ("/tilbud/", "/tilbud/?q=rent"),
        ("/metoder/", "/metoder/"),
        ("/materialer/", "/materialer/"),
        ("/", "/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        allowed = frame_tags(client.get(base).content.decode()) - {"script", "img"}
        assert problems_in(response.content.decode(), allowed) == [], url


@pytest.mark.parametrize("payload", PLAIN_PAYLOADS + PAYLOADS[:5])
def test_a_payload_typed_into_search_is_shown_as_text(client, payload):
    response = client.get("/soeg/", {"q": payload})
    assert response.status_code in {200, 400}
    allowed = frame_tags(client.get("/soeg/?q=rent").content.decode()) - {"script"}
    assert problems_in(response.content.decode(), allowed) == []


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href=" jav&#x09;ascript:alert(1)">x</a>',
        '<a href="DATA:text/html,x">x</a>',
        '<p style="color:red">x</p>',
        "<iframe src=/x></iframe>",
        "<svg/onload=alert(1)>",
    ],
)
def test_the_checker_itself_catches_unsafe_markup(raw):
    assert problems_in(raw) != []
