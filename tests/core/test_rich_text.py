"""render_markdown: curators' Markdown becomes safe HTML with an allow-list."""

from core.templatetags.rich_text import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("Et **vigtigt** ord og *et andet*.\n\n- en\n- to")
    assert "<strong>vigtigt</strong>" in html
    assert "<em>et andet</em>" in html
    assert "<ul>" in html and "<li>en</li>" in html


def test_headings_from_level_two_are_kept():
    html = render_markdown("## Faser\n\n### Fase 1\n\n#### Detaljer")
    assert "<h2>Faser</h2>" in html
    assert "<h3>Fase 1</h3>" in html
    assert "<h4>Detaljer</h4>" in html


def test_a_top_heading_is_reduced_to_its_text():
    # The page has its own h1; a second one would break the outline.
    html = render_markdown("# Titel")
    assert "<h1>" not in html
    assert "Titel" in html


def test_scripts_and_their_content_are_removed():
    html = render_markdown("Før <script>alert('x')</script> efter")
    assert "<script" not in html
    assert "alert" not in html


def test_event_handlers_styles_and_images_are_removed():
    html = render_markdown(
        '<p onclick="evil()" style="color:red">Tekst</p>\n\n![billede](https://x.dk/a.png)'
    )
    assert "onclick" not in html
    assert "style" not in html
    assert "<img" not in html


def test_only_web_and_mail_links_are_kept():
    html = render_markdown(
        "[web](https://example.org/) [post](mailto:a@example.org) "
        "[farlig](javascript:alert(1)) [data](data:text/html,x)"
    )
    assert 'href="https://example.org/"' in html
    assert 'href="mailto:a@example.org"' in html
    assert "javascript:" not in html
    assert "data:" not in html


def test_links_get_no_referrer_and_keep_only_href():
    html = render_markdown(
        '<a href="https://example.org/" title="t" target="_blank">x</a>'
    )
    assert 'rel="noopener noreferrer"' in html
    assert "target" not in html
    assert "title=" not in html


def test_code_and_quotes_are_kept():
    html = render_markdown("> Citat\n\n    kode\n\nog `inline`")
    assert "<blockquote>" in html
    assert "<pre><code>" in html
    assert "<code>inline</code>" in html


def test_empty_text_gives_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
