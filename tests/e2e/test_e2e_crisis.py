"""The crisis page on a phone: the first numbers on the first screen, and tappable."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext

PHONE = {"width": 390, "height": 844}
# The groups a person in danger or with suicidal feelings needs first.
FIRST_GROUPS = 2


def test_first_crisis_numbers_are_on_a_phones_first_screen_and_tap_to_call(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    context = new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(base_url + "crisis-resources.html")
    groups = page.locator("section.crisis-group")
    assert groups.count() > FIRST_GROUPS
    links = []
    for index in range(FIRST_GROUPS):
        links += groups.nth(index).locator("a[href^='tel:']").all()
    assert len(links) >= 2
    for link in links:
        box = link.bounding_box()
        assert box is not None
        # Wholly on the first screen, and big enough to hit with a thumb.
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
            link.get_attribute("href"),
            box,
        )
        assert box["height"] >= 24 and box["width"] >= 24
    # A tap lands on the link (nothing covers it) and would dial its number.
    page.evaluate(
        """() => document.addEventListener('click', (event) => {
            const link = event.target.closest('a');
            window.tapped = link ? link.getAttribute('href') : null;
            event.preventDefault();
        }, true)"""
    )
    for link in links:
        link.tap()
        assert page.evaluate("window.tapped") == link.get_attribute("href")
        assert link.get_attribute("href").startswith("tel:")
