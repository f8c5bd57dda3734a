"""Every slide of every deck, as a room sees it: inside the canvas, and big enough.

reveal.js scales a fixed canvas to the screen and silently cuts off what runs past
its edges, so each slide is shown in Chromium at the deck's own size and every
visible box and line of text is measured against the canvas.
"""

from __future__ import annotations

import re

import pytest
from e2e_support import SITE
from playwright.sync_api import Browser, BrowserContext, Route, expect

# The smallest text a slide may have, in CSS pixels of a 1280x720 canvas: about
# 3.3% of the slide's height, readable from the back of a room on a projector.
# For a canvas of another size the floor scales with its height.
MIN_FONT_PX = 24
CANVAS_HEIGHT_PX = 720

# Runs in the page: go to each slide with Reveal's API and list what does not fit.
MEASURE = """
(floor) => {
  const problems = [];
  const canvas = document.querySelector('.reveal .slides');
  const inside = (r, c) =>
    r.left >= c.left - 1 && r.right <= c.right + 1 &&
    r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
  const visible = (el) => {
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' &&
      parseFloat(style.opacity) > 0 && el.getClientRects().length > 0;
  };
  for (const slide of Reveal.getSlides()) {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v);
    Reveal.layout();
    const name = `slide ${at.h + 1}.${(at.v || 0) + 1} ` +
      `"${(slide.querySelector('h1, h2') || slide).textContent.trim().slice(0, 50)}"`;
    const c = canvas.getBoundingClientRect();
    const outside = new Set();  // report the outermost box only, not its children
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode; el; el = walker.nextNode()) {
      if (el.closest('aside.notes, script, style') || !visible(el)) continue;
      if (el.ownerSVGElement) continue;  // drawing inside an <svg>: the svg counts
      const box = el.getBoundingClientRect();
      if (el !== slide && box.width > 0 && !inside(box, c)) {
        outside.add(el);
      }
      if (outside.has(el) && !outside.has(el.parentElement)) {
        problems.push(`${name}: <${el.tagName.toLowerCase()}> ` +
          `${Math.round(box.left - c.left)},${Math.round(box.top - c.top)} ` +
          `${Math.round(box.width)}x${Math.round(box.height)} leaves the ` +
          `${Math.round(c.width)}x${Math.round(c.height)} canvas`);
      }
      const style = getComputedStyle(el);
      const clipped = el.scrollHeight > el.clientHeight + 1 ||
        el.scrollWidth > el.clientWidth + 1;
      if (/(hidden|auto|scroll|clip)/.test(style.overflow) && clipped) {
        problems.push(`${name}: <${el.tagName.toLowerCase()}> cuts off its content`);
      }
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
        const size = parseFloat(style.fontSize);
        if (size < floor) {
          problems.push(`${name}: "${node.textContent.trim().slice(0, 40)}" is ` +
            `${size.toFixed(1)} px, under ${floor.toFixed(1)} px`);
        }
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const line of range.getClientRects()) {
          if (line.width > 0 && !inside(line, c) && !outside.has(el)) {
            problems.push(`${name}: text "${node.textContent.trim().slice(0, 40)}" ` +
              `runs off the canvas`);
            break;
          }
        }
      }
    }
  }
  return [...new Set(problems)];
}
"""


def test_every_slide_fits_its_canvas_in_readable_type(
    context: BrowserContext, base_url: str, deck: str
) -> None:
    page = context.new_page()
    page.goto(base_url + deck)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    width, height = page.evaluate(
        "() => [Reveal.getConfig().width, Reveal.getConfig().height]"
    )
    page.set_viewport_size({"width": width, "height": height})
    floor = MIN_FONT_PX * height / CANVAS_HEIGHT_PX
    problems = page.evaluate(MEASURE, floor)
    assert problems == [], f"{deck}:\n" + "\n".join(problems)


def test_activity_countdown_starts_with_t_from_a_file_url(
    browser: Browser, deck: str
) -> None:
    """The kit's decks are opened from file://: the timer must work there, offline."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    outside: list[str] = []
    context.route("**/*", lambda route: _local_only(route, outside))
    try:
        page = context.new_page()
        page.goto((SITE / deck).resolve().as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        at = page.evaluate(
            "() => { const s = document.querySelector("
            "'section[data-state=activity]'); return s && Reveal.getIndices(s); }"
        )
        if at is None:
            pytest.skip("no activity in this deck")
        page.evaluate("at => Reveal.slide(at.h, at.v)", at)
        timer = page.locator("section.present[data-countdown] .countdown")
        expect(timer).to_be_visible()
        seconds = int(
            page.locator("section.present[data-countdown]").get_attribute(
                "data-countdown"
            )
        )
        assert timer.inner_text() == f"{seconds // 60}:{seconds % 60:02d}"
        page.keyboard.press("t")
        page.wait_for_timeout(2300)
        assert page.evaluate("() => Reveal.getIndices()") == at  # T does not move
        left = clock_seconds(timer.inner_text())
        assert seconds - 4 <= left <= seconds - 1, timer.inner_text()
        page.keyboard.press("t")  # pause: the time stands still
        paused = timer.inner_text()
        page.wait_for_timeout(1300)
        assert timer.inner_text() == paused
    finally:
        context.close()
    assert outside == [], f"requests off the page's folder: {outside}"


def clock_seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def _local_only(route: Route, outside: list[str]) -> None:
    if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


def test_speaker_view_paces_the_deck_and_shows_the_countdown(
    context: BrowserContext, base_url: str
) -> None:
    """Reveal's pacing clock is on (data-timing, totalTime), and T pressed in the
    deck shows in the speaker view's copy of the slide."""
    decks = sorted(SITE.glob("slides/*/*.html"))
    session = next(
        p.relative_to(SITE).as_posix()
        for p in decks
        if p.parent.name != "chapters" and p.name != "index.html"
    )
    page = context.new_page()
    page.goto(base_url + session)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    total = page.evaluate("() => Reveal.getConfig().totalTime")
    assert total and total >= 60 * 30, "the session deck has no totalTime"
    page.evaluate(
        "() => { const s = document.querySelector('section[data-state=activity]');"
        " const at = Reveal.getIndices(s); Reveal.slide(at.h, at.v); }"
    )
    with context.expect_page() as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    expect(popup.locator(".speaker-controls-time .pacing")).to_be_visible(
        timeout=15_000
    )
    current = popup.frame_locator("#current-slide iframe")
    shown = current.locator("section.present[data-countdown] .countdown")
    expect(shown).to_be_visible(timeout=15_000)
    before = shown.inner_text()
    page.bring_to_front()
    page.keyboard.press("t")
    expect(shown).to_have_class(re.compile(r"\brunning\b"), timeout=5_000)
    expect(shown).not_to_have_text(before, timeout=5_000)
