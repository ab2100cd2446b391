"""Lesson pages and practice data, without a browser (tests/test_lesson_page_browser.py
drives them in Chromium): what a page holds, that every text from a record, a
parameter or an exercise is escaped, and the practice data's layout."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from record_data import complete, complete_manifest

from mathreel.core.records import LessonRecord
from mathreel.narration.captions import Cue
from mathreel.outputs.lesson_pages import (
    PRACTICE_SEEDS,
    build_lesson_pages,
    lesson_page_html,
    practice_data,
    practice_path,
    read_practice,
    write_practice_data,
)
from mathreel.outputs.page import build_page
from mathreel.practice import Exercise, check, exercises_for

EVIL = '<script>alert("x")</script> & co'


def scratch_record(stem: str = "04-evil", **extra) -> dict:
    """A record whose every text is hostile markup."""
    record = {
        "lesson": stem.split("-", 1)[1],
        "number": int(stem[:2]),
        "title": EVIL,
        "summary": EVIL,
        "area": "linear-algebra",
        "params": {"label": EVIL, "x0": 1.5},
        "given": {"label": EVIL},
        "fps": 10,
        "decoded_frames": 30,
        "duration": 3.0,
        "video": f"{stem}.mp4",
        "voice": EVIL,
        "beats": [
            {"index": 0, "start_frame": 0, "frames": 10, "text": EVIL, "chapter": EVIL},
            {"index": 1, "start_frame": 10, "frames": 20, "text": "Second beat."},
        ],
        "chapters": [{"title": EVIL, "start_frame": 0}],
    }
    record.update(extra)
    return complete(
        record, [Cue(0.0, 1.0, (EVIL,), 0, 0), Cue(1.0, 3.0, ("b",), 1, 10)]
    )


def evil_practice() -> dict:
    exercise = Exercise(
        "evil-1",
        EVIL + " $x^2$",
        "choice",
        EVIL,
        choices=(EVIL, "safe"),
        hint=EVIL,
        solution=EVIL,
    )
    return practice_data("evil", [(0, [exercise]), (1, [exercise])])


def test_every_text_is_escaped(tmp_path):
    record = LessonRecord.from_json(scratch_record())
    html = lesson_page_html(tmp_path, record, practice=evil_practice())
    assert EVIL not in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
    soup = BeautifulSoup(html, "html.parser")
    # the page's own scripts only: its data, practice.js, lesson.js, KaTeX's two
    scripts = soup.find_all("script")
    assert [s.get("id") or s.get("src") for s in scripts] == [
        "../katex/katex.min.js",
        "../katex/auto-render.min.js",
        "lesson-data",
        None,
        None,
    ]
    data = json.loads(soup.find(id="lesson-data").string)
    assert data["cues"][0][2] == EVIL  # the data keeps the text, escaped for <script>
    assert data["practice"]["sets"][0][0]["hint"] == EVIL
    text = soup.get_text()
    assert text.count(EVIL) >= 8  # title, summary, param, chapter, beat, prompt, ...
    assert soup.select_one("dl.params code").get_text() == json.dumps(EVIL)


def test_index_escapes_and_links_the_lesson_pages(tmp_path):
    folder = tmp_path / "36p10"
    folder.mkdir()
    record = scratch_record()
    (folder / "04-evil.mp4").write_bytes(b"not a video")
    (folder / "04-evil.json").write_text(json.dumps(record))
    manifest = complete_manifest(
        {"quality": "36p10", "fps": 10, "lessons": [record], "width": 16, "height": 9}
    )
    (folder / "manifest.json").write_text(json.dumps(manifest))
    index = build_page(folder).read_text()
    assert EVIL not in index and "<script>alert" not in index
    soup = BeautifulSoup(index, "html.parser")
    assert soup.select_one("a.study")["href"] == "lessons/04-evil.html"
    assert not soup.find_all("track")  # cues are attached by script: file:// works
    page = folder / "lessons" / "04-evil.html"
    assert page.is_file() and EVIL not in page.read_text()
    assert (folder / "katex" / "katex.min.js").is_file()
    for html in (index, page.read_text()):
        assert (
            "http://" not in html and "https://" not in html
        )  # nothing from the network


def test_a_page_without_practice_data_has_no_practice(tmp_path):
    record = LessonRecord.from_json(scratch_record())
    soup = BeautifulSoup(lesson_page_html(tmp_path, record), "html.parser")
    assert soup.select("section.practice") == []
    assert len(soup.select("li.beat")) == 2
    assert [a["href"] for a in soup.select("ol.chapters a")] == ["#chapter=1"]
    assert [a["href"] for a in soup.select("li.beat a.at")] == ["#t=0.000", "#t=1.000"]


def test_practice_data_holds_several_seeds_answers_and_forms(
    tmp_path, course, monkeypatch
):
    folder = tmp_path / "36p10"
    folder.mkdir()
    records = []
    for number, slug in ((7, "eigenvectors"), (18, "bayes-theorem")):
        stem = f"{number:02d}-{slug}"
        record = scratch_record(stem, title=slug)
        (folder / f"{stem}.mp4").write_bytes(b"x")
        records.append(record)
    (folder / "manifest.json").write_text(
        json.dumps(
            complete_manifest({"quality": "36p10", "fps": 10, "lessons": records})
        )
    )
    written = write_practice_data(folder, course)
    assert [p.name for p in written] == [
        "07-eigenvectors.json",
        "18-bayes-theorem.json",
    ]
    data = json.loads(practice_path(folder, "07-eigenvectors").read_text())
    assert data["seeds"] == list(range(PRACTICE_SEEDS))
    assert len(data["sets"]) == PRACTICE_SEEDS
    entry = course.get("eigenvectors")
    for seed, exercises in zip(data["seeds"], data["sets"], strict=True):
        want = [e.to_json(True) for e in exercises_for(entry, seed)]
        for got, expected in zip(exercises, want, strict=True):
            assert {k: got[k] for k in expected} == expected
            exercise = Exercise.from_json(got)
            assert check(
                exercise,
                got["answer_text"].split(")")[0]
                if exercise.kind == "choice"
                else got["answer_text"],
            )
    assert data["sets"][0] != data["sets"][1]  # new numbers per seed
    pages = build_lesson_pages(folder)
    html = pages[0].read_text()
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("li.exercise")) == len(data["sets"][0]) >= 3
    assert soup.select_one("details.solution") is not None  # the answer without JS
    assert soup.select_one("form.check").has_attr("hidden")  # shown by the script
    assert read_practice(folder, LessonRecord.from_json(records[0])) == data
    # rebuilt with nothing changed, it imports no lesson (the no-change re-run)
    from mathreel import practice

    def no_import(name):
        raise AssertionError(f"imported {name}")

    monkeypatch.setattr(practice.importlib, "import_module", no_import)
    assert write_practice_data(folder, course) == written
    with pytest.raises(AssertionError, match="imported"):  # other seeds: made again
        write_practice_data(folder, course, seeds=2)


def test_practice_data_of_another_lesson_is_ignored(tmp_path):
    record = LessonRecord.from_json(scratch_record())
    path = practice_path(tmp_path, record.stem)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(practice_data("other", [(0, [])])))
    assert read_practice(tmp_path, record) is None
    path.write_text("{not json")
    assert read_practice(tmp_path, record) is None


def test_speed_menu_and_shortcuts_are_labelled(tmp_path):
    record = LessonRecord.from_json(scratch_record())
    soup = BeautifulSoup(lesson_page_html(tmp_path, record), "html.parser")
    speeds = [o["value"] for o in soup.select("select#speed option")]
    assert speeds == ["0.75", "1.0", "1.25", "1.5", "1.75", "2.0"]
    assert soup.select_one("select#speed").find_parent("label") is not None
    assert soup.select_one("#status")["aria-live"] == "polite"
    buttons = [b.get_text() for b in soup.select(".controls button")]
    assert buttons == ["Play", "Back 5 s", "Forward 5 s", "Captions on"]
    assert re.search(r"Keyboard shortcuts", soup.get_text())


@pytest.mark.parametrize("seeds", [0, -1])
def test_bad_seed_count_is_refused(tmp_path, course, seeds):
    from mathreel.core.errors import MathreelError

    with pytest.raises(MathreelError, match="seeds must be 1 or more"):
        write_practice_data(tmp_path, course, seeds=seeds)
