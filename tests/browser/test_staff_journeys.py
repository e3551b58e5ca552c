"""Staff at work (#17): a manager's reporting round and a curator moving
between the site and the admin, at 1,280 px, with screenshots; and no admin
page wider than the window."""

import re
from pathlib import Path

from .checks import expect, shoot
from .conftest import DESKTOP
from .journeys import log_in, make_user

GOAL_TITLE = "Færre borgere skal være hjemløse"


def fits_the_window(page):
    page.wait_for_load_state("load")
    width, window = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    return width <= window, f"{page.url}: {width}px in a {window}px window"


def test_manager_reporting_round(open_page, screenshot_dir, tmp_path):
    from openpyxl import load_workbook

    from config.roles import MANAGERS
    from goals.models import Goal

    make_user("leder-runde", is_staff=True, groups=[MANAGERS], first_name="Lene")
    goal = Goal.objects.get(plan__slug="aftale-csi-2019-2020", code="hjemloese")
    page = open_page(width=DESKTOP)
    log_in(page, "leder-runde")
    expect(page.get_by_text("Du er logget ind som Lene.")).to_be_visible()

    # The start page: which goals lack their result for the latest period.
    page.get_by_role("link", name="Administration", exact=True).click()
    round_section = page.locator("#afrapportering")
    expect(round_section.get_by_role("heading", level=2)).to_have_text("Afrapportering")
    expect(round_section).to_contain_text("mangler resultat for seneste periode")
    assert fits_the_window(page)[0], fits_the_window(page)[1]
    shoot(page, screenshot_dir, "afrapportering")

    # Filled in through the goal's form ...
    round_section.get_by_role("link", name=GOAL_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=2, name=GOAL_TITLE)).to_be_visible()
    page.locator("input[name='measurements-0-period_label']").fill("2020")
    page.locator("input[name='measurements-0-value']").fill("79")
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist")).to_contain_text("Gemt: mål")
    page.goto(goal.get_absolute_url())
    table = page.get_by_role("table", name="Tallene bag grafen")
    expect(table.get_by_role("row").filter(has_text="2020").first).to_contain_text("79")

    # ... the goal has left the missing results (its status changed, which
    # the round lists too); the rest go through the spreadsheet.
    page.goto("/admin/")
    missing = page.locator("#mangler-resultat")
    expect(missing.get_by_role("link", name=GOAL_TITLE, exact=True)).to_have_count(0)
    expect(page.locator("#afrapportering")).to_contain_text("skiftet status")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent regneark med de manglende rækker").click()
    sheet_path = tmp_path / "afrapportering.xlsx"
    download_info.value.save_as(sheet_path)
    book = load_workbook(sheet_path)
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    value_column = header.index("værdi")
    codes = []
    for row in sheet.iter_rows(min_row=2):
        row[value_column].value = 42
        codes.append((row[header.index("plan")].value, row[header.index("mål")].value))
    assert ("aftale-csi-2019-2020", "hjemloese") not in codes
    assert ("aftale-csi-2019-2020", "personlig-mestring") in codes
    book.save(sheet_path)

    page.get_by_role("link", name="Indlæs det udfyldte regneark").click()
    page.locator("input[name='import_file']").set_input_files(str(sheet_path))
    page.locator("select[name='format']").select_option(label="xlsx")
    page.locator(
        "form#import-form input[type='submit'], form input[type='submit']"
    ).first.click()
    page.get_by_role("button", name="Bekræft import").click()
    expect(page.locator(".messagelist")).to_contain_text("Importen er færdig")
    shoot(page, screenshot_dir, "afrapportering-indlaest")

    mastery = Goal.objects.get(
        plan__slug="aftale-csi-2019-2020", code="personlig-mestring"
    )
    assert mastery.measurements.get(period_label="2020").value == 42
    page.goto(mastery.get_absolute_url())
    table = page.get_by_role("table", name="Tallene bag grafen")
    expect(table.get_by_role("row").filter(has_text="2020").first).to_contain_text("42")
    page.goto("/admin/")
    expect(page.locator("#afrapportering h3").first).to_contain_text("0 mål mangler")
    assert page.problems == []


def test_curator_from_the_page_to_the_form_and_back_and_verifies(
    open_page, screenshot_dir
):
    import datetime

    from config.roles import CURATORS
    from services.models import Offer

    make_user("kurator-rundt", is_staff=True, groups=[CURATORS])
    offer = Offer.objects.get(slug="hjoernestenen")
    page = open_page(width=DESKTOP)
    log_in(page, "kurator-rundt", next_path=offer.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(offer.name)
    shoot(page, screenshot_dir, "kurator-tilbud-med-redaktionslinje")

    page.get_by_role("link", name="Redigér denne side").click()
    expect(page).to_have_url(re.compile(rf"/admin/services/offer/{offer.pk}/change/"))
    assert fits_the_window(page)[0], fits_the_window(page)[1]
    shoot(page, screenshot_dir, "kurator-tilbud-redigering")
    page.get_by_role("link", name="Se på website").click()
    expect(page).to_have_url(re.compile(re.escape(offer.get_absolute_url()) + "$"))

    page.get_by_role("link", name="Administration", exact=True).click()
    overdue = page.locator("#skal-bekraeftes")
    expect(overdue).to_contain_text("tilbud")
    shoot(page, screenshot_dir, "kurator-start")
    overdue.get_by_role("link", name=re.compile(r"\d+ tilbud")).click()
    row = page.locator("#result_list tr").filter(has_text=offer.name)
    row.locator("input[name='_selected_action']").check()
    page.locator("select[name='action']").select_option(label="Bekræft oplysningerne")
    page.get_by_role("button", name="Udfør").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Oplysningerne om 1 tilbud er bekræftet."
    )
    offer.refresh_from_db()
    assert offer.last_verified_on == datetime.date.today()
    assert page.problems == []


def test_no_admin_page_is_wider_than_the_window(open_page, screenshot_dir):
    import datetime

    from django.urls import reverse

    from goals.models import Goal, Measurement
    from methods.models import Method
    from resources.models import Resource
    from services.models import Offer

    make_user("chef-bredde", is_staff=True, is_superuser=True)
    goal = Goal.objects.get(
        plan__slug="aftale-csi-2019-2020", code="personlig-mestring"
    )
    for year in range(1995, 2021):
        Measurement.objects.get_or_create(
            goal=goal,
            period_label=str(year),
            defaults={
                "period_start": datetime.date(year, 1, 1),
                "period_end": datetime.date(year, 12, 31),
                "value": 50,
                "n": 120,
                "source": "Borgerundersøgelsen i centrets tilbud, samlet opgørelse",
                "comment": "Opgjort af centrets kvalitetsmedarbejder, samme metode",
            },
        )
    pages = ["/admin/"]
    for name in (
        "goals_goal",
        "goals_measurement",
        "goals_target",
        "goals_baseline",
        "goals_plan",
        "services_offer",
        "methods_method",
        "resources_resource",
    ):
        pages.append(reverse(f"admin:{name}_changelist"))
    for name, obj in (
        ("goals_goal", goal),
        ("goals_plan", goal.plan),
        ("services_offer", Offer.objects.order_by("pk").first()),
        ("methods_method", Method.objects.order_by("pk").first()),
        ("resources_resource", Resource.objects.order_by("pk").first()),
    ):
        pages.append(reverse(f"admin:{name}_change", args=[obj.pk]))
        pages.append(reverse(f"admin:{name}_history", args=[obj.pk]))
    page = open_page(width=DESKTOP)
    log_in(page, "chef-bredde")
    too_wide = []
    for path in pages:
        page.goto(path)
        fits, report = fits_the_window(page)
        if not fits:
            too_wide.append(report)
            shoot(page, screenshot_dir, "for-bred-" + Path(path).parts[-2])
    page.goto(reverse("admin:goals_goal_change", args=[goal.pk]))
    shoot(page, screenshot_dir, "maal-formular")
    assert too_wide == []
    # The figures' rows fit too: no sideways scroll inside the inlines.
    inlines = page.evaluate(
        "() => [...document.querySelectorAll('.inline-group .tabular')]"
        ".map((e) => e.scrollWidth - e.clientWidth)"
    )
    assert inlines and max(inlines) <= 0
