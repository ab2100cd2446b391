"""Lesson pages: one static page per lesson beside the course page, for study.

:func:`build_lesson_pages` writes ``lessons/NN-slug.html`` for every lesson of a
rendered folder's manifest, from the Jinja2 template ``lesson.html.j2`` (package
data, autoescaped: every text from a record or a parameter is escaped). A page
holds:

* the player, with its captions and chapters attached from cue text embedded in
  the page (the TextTrack API, no fetch, so they work from ``file://``, where
  Chromium refuses to load a ``<track>`` file), buttons for play/pause, seeking
  and captions, a playback speed menu (0.75x to 2x), keyboard shortcuts and a
  polite live region that says what changed;
* deep links: ``#t=42`` (seconds, or ``1:05``) and ``#chapter=3`` (from 1);
* the transcript, one paragraph per beat with the beat's still (made by
  :mod:`mathreel.outputs.previews`), the current beat highlighted while the video plays,
  a click seeking to it; it prints as a clean handout;
* the practice, from ``practice/NN-slug.json`` (:func:`write_practice_data`:
  the lesson's exercises for :data:`PRACTICE_SEEDS` seeds, answers included),
  embedded in the page and checked there by ``practice.js``, a port of
  :func:`mathreel.practice.check`; a hint after a wrong try, the worked solution
  after a right one or on request, a fresh set of numbers on demand.

Math in prompts and solutions is typeset with the vendored KaTeX, copied to
``katex/`` beside the course page. With JavaScript off, everything but checking
answers still works: the transcript, the questions and a ``<details>`` answer
are plain HTML (captions then come from the VTT and SRT links).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from mathreel.core.course import AREAS
from mathreel.core.errors import MathreelError
from mathreel.core.files import write_json, write_text
from mathreel.core.records import LessonRecord, Manifest
from mathreel.outputs.previews import (
    PALETTE,
    clock,
    preview_paths,
    rendered_lessons,
    still_paths,
)
from mathreel.practice import (
    KATEX_DIR,
    Exercise,
    answer_text,
    exercises_for,
    has_practice,
)

if TYPE_CHECKING:
    import jinja2

    from mathreel.core.course import Course, Entry

__all__ = [
    "LESSONS_DIR",
    "PRACTICE_DIR",
    "PRACTICE_SCHEMA",
    "PRACTICE_SEEDS",
    "SPEEDS",
    "TEMPLATES",
    "build_lesson_pages",
    "copy_katex",
    "environment",
    "lesson_page_html",
    "lesson_page_path",
    "practice_data",
    "practice_path",
    "read_practice",
    "script_json",
    "static_text",
    "write_practice_data",
]

#: Folder of the lesson pages, inside a rendered folder.
LESSONS_DIR = "lessons"
#: Folder of the practice data, inside a rendered folder.
PRACTICE_DIR = "practice"
#: Layout version of the practice data files.
PRACTICE_SCHEMA = 1
#: Seeds pre-generated into each lesson's practice data (the first is shown first).
PRACTICE_SEEDS = 5
#: Playback speeds offered by the lesson page.
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
#: The package's templates, scripts and styles.
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

_FORMATS = {
    "number": "a number, e.g. 0.5, .5 or 1/2",
    "vector": "a vector, e.g. [1, 2] or 1 2",
    "matrix": "a matrix by rows, e.g. [[1, 2], [3, 4]] or 1 2; 3 4",
    "interval": "an interval, e.g. [0.2, 0.6] or 0.2 to 0.6",
    "choice": "a letter (a, b, ...) or the choice's text",
}


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``<``, ``>`` or ``&``)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def static_text(name: str) -> str:
    """A script or style shipped beside the templates (e.g. ``practice.js``)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _url(name: str) -> str:
    """A relative URL for a file path (each segment percent-encoded)."""
    return quote(name)


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the pages: package templates, autoescaped.

    Filters: ``clock`` (``m:ss``), ``url`` (percent-encode a relative path),
    ``script_json`` (JSON for a ``<script>`` element, marked safe),
    ``answer_text`` (an exercise's answer as typed).
    """
    from jinja2 import Environment, PackageLoader
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("mathreel", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clock"] = clock
    env.filters["url"] = _url
    env.filters["script_json"] = lambda data: Markup(script_json(data))
    env.filters["answer_text"] = answer_text
    env.globals["static"] = lambda name: Markup(static_text(name))
    env.globals["palette"] = PALETTE
    return env


def lesson_page_path(folder: Path, record: LessonRecord) -> Path:
    """Where a lesson's page goes: ``folder/lessons/NN-slug.html``."""
    return folder / LESSONS_DIR / f"{record.stem}.html"


def practice_path(folder: Path, stem: str) -> Path:
    """Where a lesson's practice data goes: ``folder/practice/NN-slug.json``."""
    return folder / PRACTICE_DIR / f"{stem}.json"


# ----------------------------------------------------------------------------
# Practice data


def _exercise_json(exercise: Exercise) -> dict[str, Any]:
    data = exercise.to_json(answers=True)
    data["answer_text"] = answer_text(exercise)
    data["format"] = _FORMATS[exercise.kind] + (
        " (or a percentage, e.g. 50%)" if exercise.percent else ""
    )
    return data


def practice_data(
    lesson: str, sets: Sequence[tuple[int, Sequence[Exercise]]]
) -> dict[str, Any]:
    """A lesson's practice data: its exercises for several seeds, answers included.

    JSON layout (``practice/NN-slug.json``)::

        schema   int   PRACTICE_SCHEMA (1)
        lesson   str   the slug
        seeds    list  the seeds, in the order of ``sets``
        sets     list  per seed, a list of exercises: Exercise.to_json(answers=True)
                       plus "answer_text" (the answer as typed) and "format"
                       (how to type it)

    Parameters
    ----------
    lesson
        The lesson's slug.
    sets
        ``(seed, exercises)`` pairs, the one shown first first.
    """
    return {
        "schema": PRACTICE_SCHEMA,
        "lesson": lesson,
        "seeds": [int(seed) for seed, _ in sets],
        "sets": [[_exercise_json(e) for e in exercises] for _, exercises in sets],
    }


def write_practice_data(
    folder: Path, course: Course, *, seeds: int = PRACTICE_SEEDS
) -> list[Path]:
    """Write ``practice/NN-slug.json`` for every lesson of the folder's manifest.

    Seeds ``0 .. seeds - 1`` (seed 0 is ``mathreel practice``'s default). A lesson
    of the manifest that the course no longer has gets no practice data.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    MathreelError
        When the folder holds no rendered lesson; ``LessonError`` (one) when a
        lesson's ``practice(seed)`` is not well posed (a lesson without one
        gets no practice data).
    """
    if seeds < 1:
        raise MathreelError(f"practice seeds must be 1 or more, not {seeds}")
    manifest = rendered_lessons(folder)
    known = set(course.slugs)
    written = []
    for record in manifest.lessons:
        if record.lesson not in known:
            continue
        entry = course.get(record.lesson)
        path = practice_path(folder, record.stem)
        source = _practice_source(entry, seeds)
        if _stamp_of(path) == source:  # made from these very sources
            written.append(path)
            continue
        if not has_practice(entry):  # its page has no practice section
            path.unlink(missing_ok=True)
            continue
        sets = [(seed, exercises_for(entry, seed)) for seed in range(seeds)]
        write_json(path, practice_data(record.lesson, sets) | {"source": source})
        written.append(path)
    return written


def _practice_source(entry: Entry, seeds: int) -> str:
    """A digest of what a lesson's practice data is made from: its module, the
    course's shared modules, the engine and the practice code (read, not
    imported, so that a page rebuilt with nothing changed imports no lesson)."""
    from mathreel.render.cache import fingerprint

    here = Path(__file__).resolve()
    code = b"".join(p.read_bytes() for p in (here, here.parents[1] / "practice.py"))
    return fingerprint(entry, {}, practice=seeds, code=hashlib.sha256(code).hexdigest())


def _stamp_of(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("source") if isinstance(data, dict) else None


def read_practice(folder: Path, record: LessonRecord) -> dict[str, Any] | None:
    """A lesson's practice data, or None when there is none (or it is unreadable).

    Data of another lesson or layout counts as none: the page is then built
    without practice, and ``mathreel preview`` writes it again.
    """
    path = practice_path(folder, record.stem)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("schema") != PRACTICE_SCHEMA
        or data.get("lesson") != record.lesson
        or not data.get("sets")
    ):
        return None
    return data


# ----------------------------------------------------------------------------
# The page


def copy_katex(folder: Path, katex_dir: Path = KATEX_DIR) -> bool:
    """Copy the vendored KaTeX to ``folder/katex/``; False when it is not there."""
    if not (katex_dir / "katex.min.js").is_file():
        return False
    shutil.copytree(katex_dir, folder / "katex", dirs_exist_ok=True)
    return True


def _beats(folder: Path, record: LessonRecord) -> list[dict[str, Any]]:
    fps = float(record.fps)
    stills = still_paths(folder, record)
    starts = [b.start_frame / fps for b in record.beats]
    ends = [*starts[1:], record.duration]
    rows = []
    previous: str | None = None
    for k, beat in enumerate(record.beats):
        heading = beat.chapter if beat.chapter and beat.chapter != previous else None
        previous = beat.chapter or previous
        still = stills[k]
        rows.append(
            {
                "number": k + 1,
                "text": beat.text,
                "start": round(starts[k], 3),
                "end": round(max(ends[k], starts[k]), 3),
                "heading": heading,
                "still": f"../previews/{still.name}" if still.exists() else None,
            }
        )
    return rows


def lesson_page_html(
    folder: Path,
    record: LessonRecord,
    *,
    practice: Mapping[str, Any] | None = None,
    previous: LessonRecord | None = None,
    following: LessonRecord | None = None,
    katex: bool = True,
) -> str:
    """The page of one lesson, as HTML (to be written to ``lessons/NN-slug.html``).

    Parameters
    ----------
    folder
        The rendered folder (its previews are looked up there).
    record
        The lesson's record.
    practice
        Its practice data (:func:`practice_data`), or None for a page without.
    previous, following
        The lessons before and after it, for the page's links.
    katex
        Whether ``katex/`` is beside the course page (math typeset); else the
        TeX is shown as text.
    """
    fps = float(record.fps)
    poster = preview_paths(folder, record.stem)["poster"]
    chapters = [
        {"number": k + 1, "title": c.title, "start": round(c.start_frame / fps, 3)}
        for k, c in enumerate(record.chapters)
    ]
    beats = _beats(folder, record)
    cues = [[c.start, c.end, "\n".join(c.lines)] for c in record.cues]
    files = [
        ("MP4", record.video),
        ("Captions (VTT)", record.vtt),
        ("Captions (SRT)", record.srt),
        ("Chapters (VTT)", record.chapters_vtt),
    ]
    sheet = preview_paths(folder, record.stem)["sheet"]
    if sheet.exists():
        files.append(("Contact sheet", f"previews/{sheet.name}"))
    data = {
        "duration": record.duration,
        "cues": cues,
        "chapters": [[c["title"], c["start"]] for c in chapters],
        "beats": [[b["start"], b["end"]] for b in beats],
        "practice": practice,
        "speeds": list(SPEEDS),
    }
    first = practice["sets"][0] if practice else []
    template = environment().get_template("lesson.html.j2")
    return template.render(
        record=record,
        area=AREAS.get(record.area, record.area),
        video="../" + _url(record.video),
        poster=f"../previews/{_url(poster.name)}" if poster.exists() else None,
        chapters=chapters,
        beats=beats,
        files=[(label, "../" + _url(name)) for label, name in files if name],
        params=[
            (name, json.dumps(value, ensure_ascii=False), name in record.given)
            for name, value in record.params.items()
        ],
        data=data,
        exercises=first,
        seed=practice["seeds"][0] if practice else None,
        seeds=len(practice["sets"]) if practice else 0,
        previous=previous,
        following=following,
        katex="../katex" if katex else None,
        speeds=SPEEDS,
        letters="abcdefghijklmnopqrstuvwxyz",
    )


def build_lesson_pages(folder: Path, manifest: Manifest | None = None) -> list[Path]:
    """Write ``lessons/NN-slug.html`` for every lesson of the folder's manifest.

    KaTeX is copied to ``katex/`` beside the course page; each page embeds its
    lesson's practice data when ``practice/NN-slug.json`` is there
    (:func:`write_practice_data`).

    Parameters
    ----------
    folder
        A rendered quality folder.
    manifest
        Its manifest, when already read.

    Returns
    -------
    list of Path
        The pages, in course order.

    Raises
    ------
    MathreelError
        When the folder holds no rendered lesson or a video is missing.
    """
    manifest = manifest or rendered_lessons(folder)
    katex = copy_katex(folder)
    lessons = manifest.lessons
    pages = []
    for k, record in enumerate(lessons):
        path = lesson_page_path(folder, record)
        html = lesson_page_html(
            folder,
            record,
            practice=read_practice(folder, record),
            previous=lessons[k - 1] if k > 0 else None,
            following=lessons[k + 1] if k + 1 < len(lessons) else None,
            katex=katex,
        )
        write_text(path, html)
        pages.append(path)
    return pages
