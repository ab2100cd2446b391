"""Lesson pages in a real browser: headless Chromium (Debian's) driven by Playwright.

The two lessons tests/test_page_browser.py renders (linear-transformations
silent, derivatives narrated by flite) at 192x108 and 5 fps, into the same
folder (so a session renders them once), with previews, beat stills, practice
data, the course page and the lesson pages. Each page is opened from
``file://`` and over HTTP (``mathreel serve``'s server on 127.0.0.1): no
console errors, captions and chapters attached from the page's own cues; the
right answer in each accepted form is marked right and a wrong one shows the
hint; the check table of tests/practice_cases.py gives the same verdicts in
Chromium; a transcript click seeks; the speed menu and the keyboard work; deep
links seek; axe-core (vendored from npm in tests/vendor/axe-core) finds no
serious or critical violation; the page works with JavaScript off; screenshots
at 1280x900 and 390x844 (and printed) are saved under the test's temporary
folder and their paths printed.

Skipped, with the reason, when ``/usr/bin/chromium`` or ``playwright`` is missing.
"""

from __future__ import annotations

import json
import threading
from fractions import Fraction
from pathlib import Path

import pytest
from practice_cases import CASES

from mathreel.outputs.page import build_page, make_server
from mathreel.outputs.previews import make_all_previews

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="playwright is not installed (pip install playwright; uses /usr/bin/chromium)",
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium",
    ),
]


@pytest.fixture(scope="module")
def site(rendered):
    """A rendered folder with previews, stills, practice data and every page."""
    from mathreel.core.course import load_course

    out_dir, course = rendered, load_course()
    make_all_previews(out_dir)
    build_page(out_dir, course=course)
    return out_dir


@pytest.fixture(scope="module")
def http(site):
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        yield browser
        browser.close()


def records(site: Path) -> list[dict]:
    return json.loads((site / "manifest.json").read_text())["lessons"]


def page_url(site: Path, record: dict, base: str | None = None) -> str:
    name = f"lessons/{Path(record['video']).stem}.html"
    return f"{base}/{name}" if base else (site / name).as_uri()


def practice(site: Path, record: dict) -> dict:
    return json.loads(
        (site / "practice" / f"{Path(record['video']).stem}.json").read_text()
    )


def open_page(browser, url, width=1280, height=900, **context):
    page = browser.new_page(viewport={"width": width, "height": height}, **context)
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "requestfailed",
        lambda r: (
            problems.append(f"request failed: {r.url} ({r.failure})")
            if "ERR_ABORTED" not in str(r.failure)
            else None
        ),
    )
    page.goto(url)
    if context.get("java_script_enabled", True):
        page.wait_for_function(
            "document.querySelector('video').readyState >= 1", timeout=30_000
        )
    return page, problems


def forms(exercise: dict) -> list[str]:
    """Equivalent ways to type an exercise's right answer."""
    shown = exercise["answer_text"]
    kind, answer = exercise["kind"], exercise["answer"]
    if kind == "choice":
        return [shown[0], shown[0].upper(), str(answer)]
    if kind == "number":
        found = [shown, f" {shown} "]
        if shown.startswith("0."):
            found.append(shown[1:])  # .5
        if shown.startswith("-0."):
            found.append("-" + shown[2:])
        fraction = Fraction(answer).limit_denominator(64)
        if (
            fraction.denominator > 1
            and abs(float(fraction) - answer) <= exercise["tolerance"]
        ):
            found.append(f"{fraction.numerator}/{fraction.denominator}")
        if exercise["percent"]:
            found.append(f"{round(answer * 100, 6):g}%")
        return found
    if kind == "matrix":
        inner = shown[1:-1]
        return [shown, inner.replace("], [", "; ").strip("[]").replace(",", " ")]
    return [shown, shown.replace("[", "(").replace("]", ")"), shown.strip("[]")]


@pytest.mark.parametrize("how", ["file", "http"])
def test_pages_load_clean_with_captions_and_chapters(browser, site, http, how):
    for record in records(site):
        url = page_url(site, record, http if how == "http" else None)
        page, problems = open_page(browser, url)
        tracks = page.evaluate(
            """() => Array.from(document.querySelector('video').textTracks).map(t => ({
                kind: t.kind, mode: t.mode, cues: t.cues ? t.cues.length : -1}))"""
        )
        assert tracks == [
            {"kind": "captions", "mode": "showing", "cues": len(record["cues"])},
            {"kind": "chapters", "mode": "hidden", "cues": len(record["chapters"])},
        ]
        assert len(record["cues"]) > 0
        duration = page.evaluate("document.querySelector('video').duration")
        assert abs(duration - record["duration"]) <= 1 / record["fps"]
        stills = page.evaluate(
            """async () => {
              const imgs = Array.from(document.querySelectorAll('li.beat img'));
              imgs.forEach(i => { i.loading = 'eager'; });
              await Promise.all(imgs.map(i => i.decode().catch(() => null)));
              return imgs.map(i => i.naturalWidth);
            }"""
        )
        assert stills == [320] * len(record["beats"])
        assert page.locator("a[href^='http']").count() == 0
        page.close()
        assert problems == []
    # the course page too: 21 players' captions from file:// were 21 errors
    page, problems = open_page(
        browser,
        f"{http}/index.html" if how == "http" else (site / "index.html").as_uri(),
    )
    cues = page.evaluate(
        "Array.from(document.querySelectorAll('video')).map(v => v.textTracks[0].cues.length)"
    )
    lessons = [len(r["cues"]) for r in records(site)]
    assert cues[-len(lessons) :] == lessons and all(cues)  # the course video's first
    page.close()
    assert problems == []


def test_right_answers_in_each_form_and_a_wrong_one_shows_the_hint(browser, site):
    checked = 0
    for record in records(site):
        data = practice(site, record)
        page, problems = open_page(browser, page_url(site, record))
        items = page.locator("li.exercise")
        assert items.count() == len(data["sets"][0]) >= 3
        for k, exercise in enumerate(data["sets"][0]):
            item = items.nth(k)
            field = item.get_by_label("Your answer")
            feedback = item.locator(".feedback")
            field.fill("[[9]] nonsense")
            item.get_by_role("button", name="Check").click()
            assert "Not quite" in feedback.inner_text()
            assert item.locator(".hint").is_visible()
            assert field.get_attribute("aria-invalid") == "true"
            for text in forms(exercise):
                field.fill(text)
                field.press("Enter")
                assert feedback.inner_text().startswith("Right"), (exercise, text)
                assert (
                    item.locator("details.solution").get_attribute("open") is not None
                )
                checked += 1
        # math is typeset (KaTeX from katex/ beside the course page)
        assert page.locator("section.practice .katex").count() > 0
        # new numbers: another seed's set, checked against its own answers
        page.get_by_role("button", name="New numbers").click()
        assert page.locator("#seed").inner_text() == str(data["seeds"][1])
        second = data["sets"][1]
        prompts = page.locator("li.exercise .prompt")
        assert prompts.count() == len(second)
        item = page.locator("li.exercise").nth(0)
        item.get_by_label("Your answer").fill(second[0]["answer_text"])
        item.get_by_role("button", name="Check").click()
        assert item.locator(".feedback").inner_text().startswith("Right")
        page.close()
        assert problems == []
    assert checked >= 12


def test_the_check_table_in_chromium(browser, site):
    page, problems = open_page(browser, page_url(site, records(site)[0]))
    rows = [[ex.to_json(), text] for ex, text, _ in CASES]
    verdicts = page.evaluate(
        "rows => rows.map(r => window.mathreelPractice.check(r[0], r[1]))", rows
    )
    wrong = [
        (CASES[k][0].id, CASES[k][1])
        for k in range(len(CASES))
        if verdicts[k] != CASES[k][2]
    ]
    assert wrong == []
    assert problems == []


def wait_time(page, seconds: float, slack: float = 0.6) -> None:
    page.wait_for_function(
        "([t, s]) => { const v = document.querySelector('video');"
        " return !v.seeking && Math.abs(v.currentTime - t) < s; }",
        arg=[seconds, slack],
        timeout=10_000,
    )


def test_transcript_click_seeks_and_highlights(browser, site):
    record = records(site)[1]
    page, problems = open_page(browser, page_url(site, record))
    beats = page.locator("li.beat")
    assert beats.count() == len(record["beats"])
    target = beats.nth(3)
    start = float(target.get_attribute("data-start"))
    assert start > 0
    target.locator("p").click()
    wait_time(page, start)
    page.evaluate(
        "document.querySelector('video').dispatchEvent(new Event('timeupdate'))"
    )
    assert "current" in target.get_attribute("class")
    assert target.get_attribute("aria-current") == "true"
    assert page.locator("li.beat.current").count() == 1
    # a chapter link seeks too, and marks its chapter
    chapter = page.locator("ol.chapters a").nth(1)
    chapter.click()
    wait_time(page, float(chapter.get_attribute("data-time")))
    assert page.url.endswith("#chapter=2")
    page.close()
    assert problems == []


def test_deep_links_open_at_a_time_or_a_chapter(browser, site):
    record = records(site)[1]
    fps = record["fps"]
    page, problems = open_page(browser, page_url(site, record) + "#t=7.5")
    wait_time(page, 7.5, 0.3)
    page.close()
    chapter = record["chapters"][2]
    page, more = open_page(browser, page_url(site, record) + "#chapter=3")
    wait_time(page, chapter["start_frame"] / fps, 0.3)
    page.evaluate("location.hash = '#t=0:04'")
    wait_time(page, 4.0, 0.3)
    page.close()
    assert problems == more == []


def test_speed_menu_and_keyboard(browser, site):
    record = records(site)[1]
    page, problems = open_page(browser, page_url(site, record))
    rate = "document.querySelector('video').playbackRate"
    page.get_by_label("Speed").select_option("1.5")
    assert page.evaluate(rate) == 1.5
    status = page.locator("#status")
    page.locator("h1").click()  # focus on the page, not a control
    page.keyboard.press(">")
    assert page.evaluate(rate) == 1.75
    page.keyboard.press(">")
    page.keyboard.press(">")
    assert page.evaluate(rate) == 2.0  # the fastest stays the fastest
    page.keyboard.press("<")
    assert page.evaluate(rate) == 1.75
    assert page.get_by_label("Speed").input_value() == "1.75"
    page.wait_for_function(
        "document.getElementById('status').textContent === 'Speed 1.75×'"
    )
    # captions
    page.keyboard.press("c")
    mode = "document.querySelector('video').textTracks[0].mode"
    assert page.evaluate(mode) == "hidden"
    assert page.locator("#cc").get_attribute("aria-pressed") == "false"
    page.keyboard.press("c")
    assert page.evaluate(mode) == "showing"
    # seeking: l forward 5 s, j back 5 s, 5 to half the lesson
    page.keyboard.press("l")
    wait_time(page, 5.0, 0.3)
    page.keyboard.press("ArrowRight")
    wait_time(page, 10.0, 0.3)
    page.keyboard.press("j")
    wait_time(page, 5.0, 0.3)
    page.keyboard.press("5")
    wait_time(page, record["duration"] / 2, 0.3)
    # play and pause with k, then with the labelled button by Tab and Enter
    paused = "document.querySelector('video').paused"
    page.keyboard.press("k")
    page.wait_for_function(f"!{paused}")
    page.keyboard.press("k")
    page.wait_for_function(paused)
    page.wait_for_function(
        "document.getElementById('status').textContent.startsWith('Paused at')"
    )
    assert status.get_attribute("aria-live") == "polite"
    page.get_by_role("button", name="Play").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"!{paused}")
    page.get_by_role("button", name="Pause").wait_for()  # its label follows the player
    page.keyboard.press("Enter")
    page.wait_for_function(paused)
    # typing in an answer box is not a shortcut
    before = page.evaluate(rate)
    page.locator("li.exercise input").first.fill("")
    page.locator("li.exercise input").first.type("1 > 0 c k")
    assert page.evaluate(rate) == before and page.evaluate(paused)
    page.close()
    assert problems == []


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations'], preload: false})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " html: v.nodes.slice(0, 2).map(n => n.html)}))"
    )
    return [
        f"{v['id']} ({v['impact']}, {v['nodes']} nodes): {v['html']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def test_accessibility_with_axe(browser, site):
    assert AXE.is_file(), f"{AXE} is missing: npm pack axe-core and unpack axe.min.js"
    record = records(site)[0]
    page, problems = open_page(browser, page_url(site, record))
    assert axe_violations(page) == []
    # after a wrong try (hint, aria-invalid) and with the solution open
    item = page.locator("li.exercise").first
    item.get_by_label("Your answer").fill("zzz")
    item.get_by_role("button", name="Check").click()
    page.locator("details.solution summary").first.click()
    assert axe_violations(page) == []
    page.close()
    page, more = open_page(browser, (site / "index.html").as_uri())
    assert axe_violations(page) == []
    page.close()
    assert problems == more == []


def test_without_javascript_the_page_still_teaches(browser, site):
    record = records(site)[0]
    page, problems = open_page(
        browser, page_url(site, record), java_script_enabled=False
    )
    assert page.locator("li.beat").count() == len(record["beats"])
    assert page.locator("li.exercise").count() >= 3
    assert not page.locator("form.check").first.is_visible()  # no checking without JS
    assert not page.locator(".controls").is_visible()
    page.locator("details.solution summary").first.click()
    assert page.locator("details.solution").first.get_attribute("open") is not None
    assert "$" in page.locator("li.exercise .prompt").first.inner_text()  # TeX as text
    page.close()
    assert problems == []


def test_screenshots_desktop_phone_and_print(browser, site, tmp_path):
    record = records(site)[1]
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        page, problems = open_page(browser, page_url(site, record), width, height)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page is wider than {width} px by {overflow} px"
        page.evaluate(
            """async () => {
              const imgs = Array.from(document.querySelectorAll('img'));
              imgs.forEach(i => { i.loading = 'eager'; });
              await Promise.all(imgs.map(i => i.decode().catch(() => null)));
            }"""
        )
        page.locator("li.beat").nth(2).locator("p").click()  # a highlighted beat
        page.evaluate(
            "document.querySelector('video').dispatchEvent(new Event('timeupdate'))"
        )
        item = page.locator("li.exercise").first  # a wrong try: the hint
        item.get_by_label("Your answer").fill("1/0")
        item.get_by_role("button", name="Check").click()
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(800)
        path = tmp_path / f"lesson-page-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        print(f"screenshot ({name}): {path}")
        if name == "desktop":
            page.emulate_media(media="print")
            printed = tmp_path / "lesson-page-print.png"
            page.screenshot(path=str(printed), full_page=True)
            assert not page.locator("video").is_visible()
            assert page.locator("li.beat").first.is_visible()
            print(f"screenshot (print): {printed}")
        page.close()
        assert problems == []
