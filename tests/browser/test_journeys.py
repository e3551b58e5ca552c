"""What people come to do, start to finish, in a real browser."""

import re

from .checks import assert_accessible, assert_no_sideways_scroll, expect
from .conftest import DESKTOP, PHONE
from .journeys import PDF, log_in, make_user


def test_citizen_on_a_phone_finds_an_offer_for_homeless_people(open_page):
    from services.models import Offer

    # No offer in the seed content has a phone number of its own yet.
    Offer.objects.filter(slug="hjoernestenen").update(phone="89 15 55 00")

    page = open_page("/", width=PHONE)
    page.get_by_role("main").get_by_role("link", name="Find et tilbud").click()
    expect(page).to_have_url(re.compile(r"/tilbud/$"))

    # On a phone the filters fold behind a button.
    page.get_by_text("Filtre", exact=True).click()
    page.get_by_label("Målgruppe").select_option(label="Hjemløse")
    page.get_by_role("button", name="Vis resultater").click()
    expect(page).to_have_url(re.compile(r"target_group=hjemloese"))
    assert_no_sideways_scroll(page)

    results = page.locator("#resultater")
    results.get_by_role("link", name="Hjørnestenen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjørnestenen")
    address = page.get_by_text("Søren Møllers Gade 5 B")
    expect(address).to_be_visible()
    phone = page.get_by_role("link", name="89 15 55 00")
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("href", re.compile(r"^tel:(\+45)?89155500$"))
    assert_no_sideways_scroll(page)
    assert page.problems == []


def test_staff_member_filters_methods_and_downloads_a_guideline(open_page):
    from django.core.files.base import ContentFile

    from methods.models import Method
    from resources.models import Resource

    make_user("medarbejder-browser", is_staff=True)
    guideline = Resource(
        title="Guideline for MI-samtaler i Rusmiddelcenteret",
        kind=Resource.Kind.GUIDELINE,
        visibility=Resource.Visibility.STAFF,
        summary="Sådan bruger vi Motiverende Interview i de første samtaler.",
        year=2020,
    )
    guideline.file.save("mi-guideline.pdf", ContentFile(PDF), save=False)
    guideline.save()
    guideline.methods.add(Method.objects.get(slug="mi"))

    page = open_page(width=DESKTOP)
    log_in(page, "medarbejder-browser")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Metoder"
    ).click()
    page.get_by_label("Kategori").select_option(label="Samtale- og terapimetoder")
    page.get_by_role("button", name="Vis resultater").click()
    expect(page).to_have_url(re.compile(r"category=samtalemetoder"))
    results = page.locator(".filter-results")
    expect(
        results.get_by_role("link", name=re.compile("Motiverende Interview"))
    ).to_be_visible()
    expect(results.get_by_role("link", name=re.compile("Housing First"))).to_have_count(
        0
    )

    results.get_by_role("link", name=re.compile("Motiverende Interview")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Motiverende Interview"
    )
    assert_accessible(page)  # the method page as staff see it
    page.get_by_role("link", name=guideline.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(guideline.title)
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Hent ")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as saved:
        assert saved.read() == PDF

    # The same address gives an anonymous visitor nothing.
    anonymous = open_page(width=DESKTOP)
    response = anonymous.request.get(guideline.get_absolute_url() + "hent/")
    assert response.status == 404
    assert page.problems == []


def test_search_from_the_header(open_page):
    page = open_page("/tilbud/", width=DESKTOP)
    search = page.get_by_role("banner").get_by_role(
        "searchbox", name=re.compile("^Søg")
    )
    search.fill("Hjørnestenen")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/soeg/\?q=Hj"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
    page.get_by_role("main").get_by_role(
        "link", name="Hjørnestenen", exact=True
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjørnestenen")
    assert page.problems == []


def test_manager_changes_a_measurement_and_sees_the_goal_page_follow(open_page):
    import datetime

    from django.urls import reverse

    from config.roles import MANAGERS
    from goals.models import Goal, Measurement

    goal = Goal.objects.get(plan__slug="aftale-csi-2019-2020", code="hjemloese")
    # The seed holds the baseline (86 in 2017) and the target (75 in 2022) but
    # no results yet: one result that lags behind the straight line.
    Measurement.objects.create(
        goal=goal,
        period_label="2019",
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        value=84,
        source="Hjemløsetælling",
    )
    make_user("leder-browser", is_staff=True, groups=[MANAGERS])
    goal_path = goal.get_absolute_url()

    page = open_page(goal_path, width=DESKTOP)
    expect(page.locator(".goal-page__status")).to_contain_text("Bagud")

    log_in(page, "leder-browser")
    page.goto(reverse("admin:goals_goal_change", args=[goal.pk]))
    value = page.locator("input[name='measurements-0-value']")
    expect(value).to_have_value(re.compile(r"^84([.,]0+)?$"))
    value.fill("76")
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist")).to_contain_text("Gemt: mål")

    page.goto(goal_path)
    expect(page.locator(".goal-page__status")).to_contain_text("På vej")
    chart = page.get_by_role("img", name=re.compile("Udvikling for målet"))
    expect(chart).to_have_count(1)
    expect(chart).to_have_accessible_name(re.compile(r"2019: 76\b"))
    table = page.get_by_role("table", name="Tallene bag grafen")
    result_row = table.get_by_role("row").filter(has_text="2019")
    expect(result_row).to_contain_text("76")
    assert_accessible(page)
    assert page.problems == []


def test_goal_chart_has_a_name_a_description_and_a_table(open_page):
    from goals.models import Goal

    goal = Goal.objects.get(plan__slug="aftale-csi-2019-2020", code="hjemloese")
    page = open_page(goal.get_absolute_url(), width=PHONE)
    chart = page.locator("svg[role='img']").filter(has=page.locator("title"))
    expect(chart).to_have_count(1)
    labelled_by = chart.get_attribute("aria-labelledby") or ""
    assert labelled_by, "the chart names its title and description"
    for element_id in labelled_by.split():
        expect(page.locator(f"#{element_id}")).not_to_be_empty()
    expect(chart).to_have_accessible_name(re.compile(r"Udgangspunkt 86"))
    table = page.get_by_role("table", name="Tallene bag grafen")
    expect(table.get_by_role("columnheader")).to_have_count(5)
    expect(table.get_by_role("row").filter(has_text="2017")).to_contain_text("86")
    expect(table.get_by_role("row").filter(has_text="2022")).to_contain_text("75")
    assert_no_sideways_scroll(page)


def test_manager_unticks_every_column_on_the_export_page(open_page):
    """The export page's "Vælg alle" works under the site's CSP: its behaviour
    comes from a static file, not an inline handler the browser would block."""
    from django.urls import reverse

    from config.roles import MANAGERS

    make_user("leder-eksport", is_staff=True, groups=[MANAGERS])
    page = open_page(width=DESKTOP)
    log_in(page, "leder-eksport")
    page.goto(reverse("admin:goals_goal_export"))
    toggle = page.get_by_role("checkbox", name="Vælg alle").first
    expect(toggle).to_be_checked()
    columns = page.locator(
        ".selectable-field-export-row:visible input[type=checkbox]:not(.select-toggle)"
    )
    assert columns.count() > 1

    toggle.uncheck()
    for index in range(columns.count()):
        expect(columns.nth(index)).not_to_be_checked()
    toggle.check()
    for index in range(columns.count()):
        expect(columns.nth(index)).to_be_checked()
    assert page.problems == []
