"""Keyboard only (Tab, Shift+Tab, Enter, Space, arrow keys; no clicks): sign in, search the public
directory and open a service, log a visit on a phone. Every element that gets the focus shows a
focus ring that is visible (on screen, drawn) and stands out from what is behind it (3:1)."""

import re

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# After the skip link the address ends in #main, which the browser keeps across the redirect.
VISIT_URL = re.compile(r".*/app/visits/[0-9a-f-]{36}/(#main)?$")
SERVICE_URL = re.compile(r".*/it/directory/[0-9a-f-]{36}/$")

# What has the focus, and how its focus indicator looks.
_FOCUS = """(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // The ring is drawn by the element, or by the label around it (a choice shown as a chip).
  const drawn = [el, el.closest('label')].filter(Boolean);
  const ring = drawn.find(node => {
    const s = getComputedStyle(node);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  }) || el;
  const style = getComputedStyle(ring);
  const rect = el.getBoundingClientRect();
  let behind = 'rgb(255, 255, 255)';
  for (let node = ring.parentElement; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (color !== 'transparent' && !/, 0\\)$/.test(color)) { behind = color; break; }
  }
  return {
    what: el.tagName.toLowerCase() + (el.name ? `[name=${el.name}]` : '') +
      (el.value && el.type === 'radio' ? `[value=${el.value}]` : '') +
      ' ' + (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    matches: selector ? el.matches(selector) : false,
    // The focus is on a part the browser draws itself (a date field's calendar button).
    browserPart: !el.matches(':focus'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    outlineColor: style.outlineColor,
    shadow: style.boxShadow !== 'none',
    behind: behind,
    onScreen: rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0 &&
      rect.left < innerWidth && rect.top < innerHeight,
  };
}"""


def _luminance(color: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", color)[:3])
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focused(page, selector: str | None = None) -> dict:
    """The focused element, after checking that its focus indicator can be seen."""
    info = page.evaluate(_FOCUS, selector)
    assert info, "the focus went back to the page"
    assert info["onScreen"], f"{info['what']}: focused but off screen"
    if info["browserPart"]:
        return info  # with the browser's own focus ring
    assert info["outline"] or info["shadow"], f"{info['what']}: no visible focus indicator"
    if info["outline"]:
        ratio = contrast(info["outlineColor"], info["behind"])
        assert ratio >= 3, f"{info['what']}: focus ring {ratio:.1f}:1 against its background"
    return info


def tab_to(page, selector: str, *, key: str = "Tab", limit: int = 40) -> list[str]:
    """Press Tab (or Shift+Tab) until the focus is on `selector`; every stop shows its focus."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = focused(page, selector)
        stops.append(info["what"])
        if info["matches"]:
            return stops
    raise AssertionError(f"{selector} not reached with {key}; stops: {stops}")


def sign_in_with_the_keyboard(page, server: Server, username: str) -> None:
    page.goto(f"{server.url}/app/login/")
    # The form starts with the focus. Browsers apply `autofocus` when they next draw the page,
    # which on a busy machine can come after the load event: wait for it, then check it.
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('input[name=username]')"
    )
    assert focused(page, "input[name=username]")["matches"]
    # Back up to the skip link (the first stop of every page): Enter jumps past the header.
    tab_to(page, "a.skip", key="Shift+Tab", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")  # the address changes once the browser has followed the link
    tab_to(page, "input[name=username]", limit=3)
    page.keyboard.type(username)
    tab_to(page, "input[name=password]", limit=1)
    page.keyboard.type(server.password)
    tab_to(page, "input[name=username]", key="Shift+Tab", limit=1)  # and back, and forward
    tab_to(page, "input[name=password]", limit=1)
    tab_to(page, "form button[type=submit]", limit=3)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_sign_in_with_the_keyboard_only(server, browser):
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    sign_in_with_the_keyboard(page, server, "operatore")
    assert page.url.split("#")[0] == f"{server.url}/app/today/"  # the operator's day
    assert page.get_by_role("navigation", name="Navigazione principale").is_visible()
    context.close()


def test_search_the_directory_and_open_a_service_with_the_keyboard_only(server, browser):
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    page.goto(f"{server.url}/it/directory/")
    count = page.locator("#result-count")
    before = count.inner_text()
    tab_to(page, "input[type=search]")
    page.keyboard.type("corso di italiano")
    # Results as you type; the count is a live region that stays in place and is heard.
    page.wait_for_url(re.compile(r"q=corso"))
    page.wait_for_function(
        "before => document.getElementById('result-count').innerText !== before", arg=before
    )
    assert count.get_attribute("role") == "status"
    tab_to(page, "ol.results h2 a")
    title = page.evaluate("document.activeElement.innerText")
    assert "italiano" in title.lower()
    page.keyboard.press("Enter")
    page.wait_for_url(SERVICE_URL)
    assert page.locator("h1").inner_text() == title
    context.close()


def test_log_a_visit_with_the_keyboard_only_on_a_phone(server, browser):
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    sign_in_with_the_keyboard(page, server, "operatore")
    page.goto(f"{server.url}/app/visits/new/")
    # The skip link, first stop, jumps over the header and the navigation to the form.
    tab_to(page, "a.skip", limit=1)
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    tab_to(page, "input[name=date]", limit=1)
    # Place: the first one in the list, with the arrow key.
    tab_to(page, "select[name=place]", limit=5)
    page.keyboard.press("ArrowDown")
    assert page.locator("select[name=place]").input_value()
    # Time: the "90′" quick button, with Space.
    tab_to(page, "button[data-minutes='90']")
    page.keyboard.press("Space")
    assert page.locator("input[name=minutes]").input_value() == "90"
    assert page.locator("button[data-minutes='90']").get_attribute("aria-pressed") == "true"
    # One person: a woman (Space on the first choice, then the arrow to the second: "Male"
    # and back), aged 30–49, speaking Arabic.
    tab_to(page, "input[name='contacts-0-gender']")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert focused(page, "input[name='contacts-0-gender'][value=female]")["matches"]
    tab_to(page, "input[name='contacts-0-age_band']")
    page.keyboard.press("Space")  # the first band, then down to 30–49
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert focused(page, "input[name='contacts-0-age_band'][value='30-49']")["matches"]
    tab_to(page, "select[name='contacts-0-language']")
    page.keyboard.press("ArrowDown")  # the first language of the list: Arabic
    assert page.locator("select[name='contacts-0-language']").input_value() == "ar"
    assert page.locator("[data-people-count]").inner_text() == "1"
    tab_to(page, "button[type=submit].big")
    page.keyboard.press("Enter")
    page.wait_for_url(VISIT_URL)
    row = page.locator("table tbody tr")
    assert row.count() == 1
    assert "Femmina" in row.inner_text() and "30–49" in row.inner_text()
    assert "90 minuti" in page.locator("dl.facts").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
