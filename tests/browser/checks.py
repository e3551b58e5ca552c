"""What the browser tests check on a page: axe-core (WCAG 2.1 A/AA), keyboard
use, sideways scrolling, screenshots. Plain functions taking a Playwright page,
so the self-check can run them on deliberately broken HTML."""

from functools import cache

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Controls a keyboard user must be able to reach, and that are rendered.
CONTROLS_JS = """
() => {
  const selector = [
    'a[href]', 'area[href]', 'button:not([disabled])', 'select:not([disabled])',
    'textarea:not([disabled])', 'input:not([type=hidden]):not([disabled])',
    'summary', 'iframe', '[tabindex]:not([tabindex="-1"])',
    '[contenteditable=""]', '[contenteditable="true"]',
  ].join(',');
  const rendered = (el) => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const controls = [...document.querySelectorAll(selector)].filter(rendered);
  // Radio buttons in one group are one tab stop: keep the first of each group.
  const seenGroups = new Set();
  const stops = controls.filter((el) => {
    if (el.type !== 'radio' || !el.name) return true;
    const key = (el.form ? 'f' : 'd') + el.name;
    if (seenGroups.has(key)) return false;
    seenGroups.add(key);
    return true;
  });
  document.querySelectorAll('[data-kb]').forEach((el) => el.removeAttribute('data-kb'));
  stops.forEach((el, i) => el.setAttribute('data-kb', String(i)));
  return stops.map((el) => describe(el));
  function describe(el) {
    const text = (el.getAttribute('aria-label') || el.textContent || el.name || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}> ${text}`;
  }
}
"""

FOCUS_STYLE_JS = """
(el) => {
  const s = getComputedStyle(el);
  return {
    outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
      ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
    shadow: s.boxShadow,
    background: s.backgroundColor,
    border: `${s.borderTopColor} ${s.borderBottomWidth} ${s.borderBottomColor}`,
    decoration: s.textDecorationLine + ' ' + s.textDecorationThickness,
  };
}
"""


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page, *, tags=WCAG_TAGS):
    """The axe-core violations on the page, for the WCAG 2.1 A and AA rules."""
    results = _axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": list(tags)},
            "resultTypes": ["violations"],
        },
    )
    return results.response["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" – {violation['helpUrl']}"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html']}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n" + describe_violations(violations)


def sideways_overflow(page):
    """How many CSS pixels the page is wider than the window (0 is right)."""
    # Right after a navigation commits, the stylesheet may not be applied yet,
    # and an unstyled page is as wide as its widest <select>.
    page.wait_for_load_state("load")
    width = page.evaluate(
        "() => [document.documentElement.scrollWidth,"
        " document.documentElement.clientWidth]"
    )
    return max(0, width[0] - width[1])


def widest_elements(page, limit=5):
    """The innermost elements that stick out on the right, to say what to fix."""
    return page.evaluate(
        """(limit) => {
          const width = document.documentElement.clientWidth;
          const over = (el) => el.getBoundingClientRect().right > width + 0.5;
          return [...document.querySelectorAll('body *')]
            .filter((el) => over(el) && ![...el.children].some(over))
            .slice(0, limit)
            .map((el) => el.outerHTML.slice(0, 120).replace(/\\s+/g, ' ')
              + ` right=${Math.round(el.getBoundingClientRect().right)}`);
        }""",
        limit,
    )


def assert_no_sideways_scroll(page):
    overflow = sideways_overflow(page)
    assert overflow == 0, (
        f"{page.url} scrolls sideways by {overflow}px at "
        f"{page.viewport_size['width']}px: {widest_elements(page)}"
    )


CURRENT_FOCUS_JS = f"""() => {{
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {{
    return {{left: true}};
  }}
  return {{key: el.getAttribute('data-kb'), style: ({FOCUS_STYLE_JS})(el)}};
}}"""

UNFOCUSED_STYLES_JS = f"""(keys) => {{
  if (document.activeElement) document.activeElement.blur();
  const style = {FOCUS_STYLE_JS};
  return Object.fromEntries(keys.map(
    (key) => [key, style(document.querySelector(`[data-kb="${{key}}"]`))]));
}}"""


def tab_through(page):
    """Press Tab from the top of a freshly loaded page until focus leaves it.

    Returns (stops, reached, styles): the controls that should be reachable
    (described, indexed by their data-kb key), the keys in the order Tab
    reached them, and the style of each while it had keyboard focus.
    """
    stops = page.evaluate(CONTROLS_JS)
    reached = []
    focused_styles = {}
    for _ in range(len(stops) + 10):
        page.keyboard.press("Tab")
        focus = page.evaluate(CURRENT_FOCUS_JS)
        if focus.get("left"):
            break
        key = focus["key"]
        if key is None:
            continue  # something focusable that is not a control, e.g. main
        if reached and key == reached[0]:
            break
        reached.append(key)
        focused_styles[key] = focus["style"]
    return stops, reached, focused_styles


def shows_focus(focused, plain):
    """An outline or a box-shadow that appears (or changes) on focus."""
    if focused["outline"] != "none" and focused["outline"] != plain["outline"]:
        return True
    return focused["shadow"] not in ("none", plain["shadow"])


def keyboard_problems(page):
    """Controls that Tab never reaches, and controls with no visible focus."""
    stops, reached, focused_styles = tab_through(page)
    unreachable = [
        stops[int(key)] for key in map(str, range(len(stops))) if key not in reached
    ]
    plain_styles = page.evaluate(UNFOCUSED_STYLES_JS, reached)
    invisible = [
        f"{stops[int(key)]}: {focused_styles[key]} vs {plain_styles[key]}"
        for key in reached
        if not shows_focus(focused_styles[key], plain_styles[key])
    ]
    return unreachable, invisible


def skip_link_problems(page):
    """The first Tab stop must be a link to the main content, and following
    it must move focus there. Call it on a freshly loaded page. Returns a list
    of what is wrong."""
    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => {
          const el = document.activeElement;
          return {tag: el.tagName, href: el.getAttribute('href'),
                  text: el.textContent.trim(),
                  visible: el.getBoundingClientRect().width > 2
                    && el.getBoundingClientRect().height > 2};
        }"""
    )
    problems = []
    href = first["href"] or ""
    if first["tag"] != "A" or not href.startswith("#"):
        return [f"first tab stop is not a skip link: {first}"]
    if not first["visible"]:
        problems.append(f"skip link is not visible when focused: {first}")
    target_in_main = page.evaluate(
        """(id) => {
          const target = document.getElementById(id);
          const main = document.querySelector('main');
          return !!(target && main && (target === main || main.contains(target)));
        }""",
        href[1:],
    )
    if not target_in_main:
        problems.append(f"skip link {href} does not point into <main>")
    page.keyboard.press("Enter")
    in_main = page.evaluate(
        "() => !!document.querySelector('main')"
        " && document.querySelector('main').contains(document.activeElement)"
    )
    if not in_main:
        problems.append("following the skip link does not move focus into <main>")
    return problems


def shoot(page, directory, name):
    """A full-page screenshot: <directory>/<name>-<width>.png."""
    path = directory / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def expect(target):
    """Playwright's ``expect``, imported late so that collecting the (normally
    deselected) browser tests works without Playwright installed."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)
