"""The course page in a real browser: headless Chromium driven by Playwright.

Two real lessons (one narrated, one silent) are rendered at 192x108 and 5 fps,
with their previews, the full-course video and the page; the page is loaded
from a local static server on 127.0.0.1. Every video's metadata loads with the
duration of its manifest record, every player has one captions track with
the cues of its file (attached from the page's data, no ``<track>``), on by
default (and can be switched off), chapter buttons seek their player (by mouse
and by keyboard), the page fits a phone's width, and the console stays clean,
from a server and from ``file://``. Screenshots (desktop and 375 px wide) are saved under the
test's temporary folder and their paths printed.

Skipped, with the reason, when Debian's ``chromium`` or the ``playwright``
Python package is missing (``apt-get install chromium``; ``pip install
playwright``; never ``playwright install``: the system browser is used).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from mathreel.outputs.course_video import build_course_video, parse_vtt
from mathreel.outputs.page import build_page, make_server
from mathreel.outputs.previews import make_all_previews

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
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
    """A rendered folder with previews, the course video and the page."""
    out_dir = rendered
    make_all_previews(out_dir)
    build_course_video(out_dir)
    build_page(out_dir)
    return out_dir


@pytest.fixture(scope="module")
def url(site):
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
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


def open_page(browser, url, width=1280, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "requestfailed",  # a player dropping a range request when it seeks is normal
        lambda r: (
            problems.append(f"request failed: {r.url} ({r.failure})")
            if "ERR_ABORTED" not in str(r.failure)
            else None
        ),
    )
    page.goto(url)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('video')).every(v => v.readyState >= 1)",
        timeout=30_000,
    )
    return page, problems


def expected(site: Path) -> list[dict]:
    """Each video on the page (course video first, then lessons): duration, fps, cues."""
    manifest = json.loads((site / "manifest.json").read_text())
    course = json.loads((site / "course.json").read_text())
    rows = [
        {
            "src": course["video"],
            "duration": course["duration"],
            "fps": course["fps"],
            "cues": len(parse_vtt((site / course["captions"]["vtt"]).read_text())),
        }
    ]
    for record in manifest["lessons"]:
        rows.append(
            {
                "src": record["video"],
                "duration": record["duration"],
                "fps": record["fps"],
                "cues": len(parse_vtt((site / record["captions"]["vtt"]).read_text())),
            }
        )
    return rows


def test_videos_and_captions_load_and_match_the_manifest(browser, url, site):
    page, problems = open_page(browser, url)
    found = page.evaluate(
        """() => Array.from(document.querySelectorAll('video')).map(v => ({
            src: v.getAttribute('src'), duration: v.duration,
            width: v.videoWidth, height: v.videoHeight,
            tracks: v.textTracks.length, elements: v.querySelectorAll('track').length,
            mode: v.textTracks[0].mode,
            cues: v.textTracks[0].cues ? v.textTracks[0].cues.length : -1}))"""
    )
    rows = expected(site)
    assert [f["src"] for f in found] == [r["src"] for r in rows]
    for got, want in zip(found, rows, strict=True):
        assert abs(got["duration"] - want["duration"]) <= 1 / want["fps"], got
        assert (got["width"], got["height"]) == (192, 108)
        # one captions track, attached by script from the page's cues (no <track>)
        assert (got["tracks"], got["elements"]) == (1, 0)
        assert got["mode"] == "showing"  # captions on by default
        assert got["cues"] == want["cues"] > 0
    assert problems == []


def test_chapter_buttons_seek_and_captions_toggle(browser, url):
    page, problems = open_page(browser, url)
    lessons = page.locator("article.lesson")
    count = lessons.count()
    assert count == 3
    for k in range(count):
        box = lessons.nth(k)
        buttons = box.locator("button.seek")
        assert buttons.count() >= 2
        last = buttons.nth(buttons.count() - 1)
        target = float(last.get_attribute("data-time"))
        assert target > 0
        last.click()
        page.wait_for_function(
            "([el, t]) => !el.seeking && Math.abs(el.currentTime - t) < 0.6",
            arg=[box.locator("video").element_handle(), target],
            timeout=10_000,
        )
        box.locator("video").evaluate("v => v.pause()")
        cc = box.locator("button.cc")
        cc.click()
        assert cc.get_attribute("aria-pressed") == "false"
        assert box.locator("video").evaluate("v => v.textTracks[0].mode") == "hidden"
        cc.click()
        assert box.locator("video").evaluate("v => v.textTracks[0].mode") == "showing"
    # by keyboard: focus the second chapter of the first lesson, press Enter
    box = page.locator("article.lesson").nth(1)
    button = box.locator("button.seek").nth(1)
    button.focus()
    page.keyboard.press("Enter")
    target = float(button.get_attribute("data-time"))
    page.wait_for_function(
        "([el, t]) => !el.seeking && Math.abs(el.currentTime - t) < 0.6",
        arg=[box.locator("video").element_handle(), target],
        timeout=10_000,
    )
    assert problems == []


def test_screenshots_desktop_and_phone(browser, url, tmp_path):
    for name, width in (("desktop", 1280), ("phone", 375)):
        page, problems = open_page(browser, url, width=width, height=800)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page is wider than {width} px by {overflow} px"
        page.wait_for_load_state("networkidle")
        page.wait_for_function(  # no loading spinner over the posters
            "Array.from(document.querySelectorAll('video'))"
            ".every(v => v.networkState !== HTMLMediaElement.NETWORK_LOADING)"
        )
        page.wait_for_timeout(1200)
        path = tmp_path / f"course-page-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        print(f"screenshot ({name}): {path}")
        assert problems == []


def test_page_from_file_url_still_shows_captions(browser, site):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((site / "index.html").as_uri())
    page.wait_for_function(
        "Array.from(document.querySelectorAll('video')).every(v => v.readyState >= 1"
        " && Array.from(v.textTracks).some(t => t.mode === 'showing' && t.cues"
        " && t.cues.length > 0))",
        timeout=30_000,
    )
    assert errors == []  # no 'Unsafe attempt to load URL file:...vtt'
