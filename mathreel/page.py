"""The course page: a static ``index.html`` beside the rendered videos.

:func:`build_page` writes one self-contained HTML file (inline CSS and script,
no CDN, no network) that works from ``file://`` and from any static server: the
course in order, grouped by area, each lesson with its poster, title, summary,
duration, the parameters it was rendered with, a player with its captions track
(on by default, toggleable), its chapters as buttons that seek the player, and
links to the MP4, the VTT and SRT captions and the lesson's previews. When the
folder holds the full-course video (:mod:`mathreel.course_video`), it comes
first. Every text from a record is HTML-escaped.

Browsers refuse to load a captions track from ``file://``; the page carries each
lesson's cues too and builds the track from them when that happens.

:func:`merge_shards` merges folders rendered by several CI shards into one, with
one manifest, and :func:`serve` serves a folder on localhost (with the byte
ranges browsers ask for when seeking in a video).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

from . import __version__
from .captions import Cue
from .course import AREAS
from .course_video import course_paths, parse_vtt
from .errors import MathreelError
from .files import atomic_path, write_json, write_text
from .previews import PALETTE, clock, preview_paths, rendered_lessons
from .records import LessonRecord, Manifest

__all__ = [
    "PAGE_NAME",
    "build_page",
    "find_rendered",
    "make_server",
    "merge_shards",
    "page_html",
    "serve",
]

#: The page's file name.
PAGE_NAME = "index.html"
#: Colours of the areas, from the videos' palette.
AREA_COLOURS = {
    "linear-algebra": PALETTE["blue"],
    "calculus": PALETTE["green"],
    "probability": PALETTE["purple"],
}


def _e(value: object) -> str:
    """HTML-escape any value's text (quotes too, for attributes)."""
    return html.escape(str(value), quote=True)


def _url(name: str) -> str:
    """A relative URL for a file name beside the page, escaped for an attribute."""
    return _e(quote(name))


def _anchor(slug: str) -> str:
    return "lesson-" + (re.sub(r"[^a-z0-9-]+", "-", slug.lower()).strip("-") or "x")


def _value(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _file_cues(folder: Path, name: str) -> list[Cue]:
    """The cues of a captions file (the course video's, which has no lesson record)."""
    try:
        return parse_vtt((folder / name).read_text(encoding="utf-8"))
    except OSError:
        return []


def _chapter_list(chapters: Sequence[tuple[str, float]], label: str) -> str:
    if not chapters:
        return ""
    items = "".join(
        f'<li><button type="button" class="seek" data-time="{start:.3f}">'
        f'<time datetime="PT{start:.3f}S">{clock(start)}</time> '
        f'<span class="chapter-title">{_e(title)}</span></button></li>'
        for title, start in chapters
    )
    return f'<ol class="chapters" aria-label="{_e(label)}">{items}</ol>'


def _player(
    folder: Path,
    *,
    video: str,
    vtt_name: str,
    width: int,
    height: int,
    duration: float,
    poster: str | None,
    label: str,
    cues: Sequence[Cue],
) -> str:
    poster_attr = f' poster="{_url(poster)}"' if poster else ""
    cue_data = [[c.start, c.end, "\n".join(c.lines)] for c in cues]
    return (
        f'<div class="player"><video controls preload="metadata" playsinline '
        f'width="{width}" height="{height}" src="{_url(video)}"{poster_attr} '
        f'data-duration="{duration:.6f}" aria-label="{_e(label)}">'
        f'<track kind="captions" src="{_url(vtt_name)}" srclang="en" '
        f'label="English" default>'
        f'<p>Your browser cannot play this video: <a href="{_url(video)}">'
        f"download the MP4</a>.</p></video>"
        f'<script type="application/json" class="cues">{_script_json(cue_data)}</script>'
        f"</div>"
    )


def _links(links: Sequence[tuple[str, str | None]]) -> str:
    items = "".join(
        f'<li><a href="{_url(href)}">{_e(text)}</a></li>'
        for text, href in links
        if href
    )
    return f'<ul class="files" aria-label="Files">{items}</ul>'


_SET = ' <span class="set" title="given with --set">set</span>'


def _lesson(folder: Path, record: LessonRecord) -> str:
    slug = record.lesson
    previews = preview_paths(folder, record.stem)

    def rel(key: str) -> str | None:
        path = previews[key]
        return f"previews/{path.name}" if path.exists() else None

    fps = float(record.fps)
    duration = record.duration
    number = record.number
    title = record.title
    anchor = _anchor(slug)
    given = set(record.given)
    params = "".join(
        f"<div><dt>{_e(name)}{_SET if name in given else ''}"
        f"</dt><dd><code>{_e(_value(value))}</code></dd></div>"
        for name, value in record.params.items()
    )
    params_html = (
        f'<dl class="params" aria-label="Parameters">{params}</dl>'
        if params
        else '<p class="muted">No parameters.</p>'
    )
    chapters = [(c.title, c.start_frame / fps) for c in record.chapters]
    vtt_name = record.vtt
    beats = len(record.beats)
    facts = [
        f'<span class="duration">{clock(duration)}</span>',
        f"{beats} beats",
        f"{_e(record.width)}×{_e(record.height)} @ {_e(record.fps)} fps",
        f"voice {_e(record.voice)}",
    ]
    if record.burned_captions:
        facts.append("captions burned in")
    return (
        f'<article class="lesson" id="{anchor}" aria-labelledby="{anchor}-title">'
        + _player(
            folder,
            video=record.video,
            vtt_name=vtt_name,
            width=record.width,
            height=record.height,
            duration=duration,
            poster=rel("poster"),
            label=f"Lesson {number}: {title}",
            cues=record.cues,
        )
        + f'<div class="about"><h3 id="{anchor}-title"><span class="num">{number:02d}</span> '
        f"{_e(title)}</h3>"
        f'<p class="summary">{_e(record.summary)}</p>'
        f'<p class="facts">{" · ".join(facts)}</p>'
        f'<button type="button" class="cc" aria-pressed="true">Captions on</button>'
        f"<h4>Chapters</h4>{_chapter_list(chapters, f'Chapters of {title}')}"
        f"<h4>Parameters</h4>{params_html}"
        + _links(
            [
                ("MP4", record.video),
                ("Captions VTT", vtt_name),
                ("Captions SRT", record.srt or None),
                ("Chapters VTT", record.chapters_vtt or None),
                ("Contact sheet", rel("sheet")),
                ("Key moment", rel("key")),
                ("Poster", rel("poster")),
            ]
        )
        + "</div></article>"
    )


def _toc(folder: Path, groups: list[tuple[str, list[LessonRecord]]]) -> str:
    parts = []
    for area, records in groups:
        items = []
        for record in records:
            poster = preview_paths(folder, record.stem)["poster"]
            thumb = (
                f'<img src="previews/{_url(poster.name)}" alt="" loading="lazy" '
                f'width="96" height="{round(96 * record.height / record.width)}">'
                if poster.exists()
                else '<span class="thumb-none" aria-hidden="true"></span>'
            )
            items.append(
                f'<li><a href="#{_anchor(record.lesson)}">{thumb}'
                f'<span class="num">{record.number:02d}</span>'
                f'<span class="toc-title">{_e(record.title)}</span>'
                f'<span class="duration">{clock(record.duration)}</span></a></li>'
            )
        parts.append(
            f'<div class="toc-area" style="--area: {AREA_COLOURS.get(area, PALETTE["accent"])}">'
            f"<h2>{_e(AREAS.get(area, area))}</h2><ol>{''.join(items)}</ol></div>"
        )
    return f'<nav class="toc" aria-label="Lessons">{"".join(parts)}</nav>'


def _course_section(folder: Path, manifest: Manifest) -> str:
    paths = course_paths(folder)
    try:
        record = json.loads(paths["record"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    if not paths["video"].exists():
        return ""
    fps = float(record["fps"])
    lessons = [
        (str(c["title"]), int(c["start_frame"]) / fps)
        for c in record.get("chapters", [])
        if int(c.get("level", 1)) == 1
    ]
    joined = [(x.get("lesson"), x.get("sha256")) for x in record.get("lessons", [])]
    now = [(r.lesson, r.sha256) for r in manifest.lessons]
    stale = (
        '<p class="note">Built from an earlier render of the lessons: run '
        "<code>mathreel course</code> to join them again.</p>"
        if joined != now
        else ""
    )
    poster = preview_paths(folder, manifest.lessons[0].stem)["poster"]
    return (
        '<section class="course" aria-labelledby="course-title">'
        '<h2 id="course-title">The whole course</h2><article class="lesson">'
        + _player(
            folder,
            video=paths["video"].name,
            vtt_name=paths["vtt"].name,
            width=int(record.get("width", 854)),
            height=int(record.get("height", 480)),
            duration=float(record["duration"]),
            poster=f"previews/{poster.name}" if poster.exists() else None,
            label="The whole course",
            cues=_file_cues(folder, paths["vtt"].name),
        )
        + f'<div class="about"><p class="facts"><span class="duration">'
        f"{clock(float(record['duration']))}</span> · {len(record.get('lessons', []))} "
        f"lessons, one chapter each</p>{stale}"
        f'<button type="button" class="cc" aria-pressed="true">Captions on</button>'
        f"<h4>Lessons</h4>{_chapter_list(lessons, 'Lessons of the course video')}"
        + _links(
            [
                ("MP4", paths["video"].name),
                ("Captions VTT", paths["vtt"].name),
                ("Captions SRT", paths["srt"].name),
                ("Chapters VTT", paths["chapters"].name),
            ]
        )
        + "</div></article></section>"
    )


_CSS = (
    ":root { "
    + " ".join(
        f"--{name}: {PALETTE[key]};"
        for name, key in [
            ("bg", "background"),
            ("panel", "panel"),
            ("line", "line"),
            ("ink", "ink"),
            ("muted", "muted"),
            ("accent", "accent"),
            ("blue", "blue"),
            ("orange", "orange"),
        ]
    )
    + " color-scheme: dark; }"
    + """
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--ink); }
body {
  margin: 0 auto; max-width: 1180px; padding: 0 20px 48px;
  font: 16px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif;
}
a { color: var(--blue); }
a:hover { color: var(--ink); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
.skip { position: absolute; left: -999px; top: 8px; background: var(--accent); color: var(--bg);
  padding: 6px 12px; border-radius: 4px; z-index: 2; }
.skip:focus { left: 12px; }
header.top { padding: 28px 0 18px; border-bottom: 1px solid var(--line); }
header.top h1 { margin: 0; font-size: 32px; letter-spacing: .02em; }
header.top h1 span { color: var(--accent); }
.tagline { margin: 4px 0 0; font-size: 18px; }
.muted, .facts { color: var(--muted); }
.note { color: var(--orange); font-size: 14px; margin: 8px 0 0; }
.facts { margin: 4px 0 0; font-size: 14px; }
.duration { color: var(--accent); font-variant-numeric: tabular-nums; }
nav.toc { display: grid; gap: 8px 28px; padding: 18px 0 8px;
  grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
.toc h2 { font-size: 15px; text-transform: uppercase; letter-spacing: .08em; margin: 6px 0;
  color: var(--area); }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc a { display: grid; grid-template-columns: 64px 2.2em 1fr auto; align-items: center; gap: 10px;
  padding: 5px 6px; border-radius: 6px; color: var(--ink); text-decoration: none; }
.toc a:hover, .toc a:focus-visible { background: var(--panel); }
.toc img, .thumb-none { width: 64px; height: 36px; object-fit: cover; border-radius: 3px;
  background: #000; border: 1px solid var(--line); display: block; }
.num { color: var(--muted); font-variant-numeric: tabular-nums; font-weight: normal; }
.toc .duration { font-size: 13px; }
main h2.area { margin: 36px 0 12px; padding-bottom: 6px; font-size: 24px;
  border-bottom: 2px solid var(--area); }
section.course h2 { margin: 32px 0 12px; font-size: 24px; border-bottom: 2px solid var(--accent);
  padding-bottom: 6px; }
article.lesson { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px 24px;
  background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px;
  margin: 0 0 18px; scroll-margin-top: 12px; }
article.lesson:target { border-color: var(--accent); }
.player video { display: block; width: 100%; height: auto; background: #000; border-radius: 6px; }
.about h3 { margin: 0; font-size: 22px; line-height: 1.25; }
.about h4 { margin: 14px 0 4px; font-size: 13px; text-transform: uppercase; letter-spacing: .08em;
  color: var(--muted); }
.summary { margin: 6px 0 0; }
button { font: inherit; color: inherit; cursor: pointer; }
button.cc { margin-top: 10px; background: transparent; border: 1px solid var(--line);
  border-radius: 999px; padding: 3px 12px; font-size: 14px; color: var(--muted); }
button.cc[aria-pressed="true"] { border-color: var(--accent); color: var(--accent); }
ol.chapters { list-style: none; margin: 0; padding: 0; }
ol.chapters button { display: flex; gap: 10px; width: 100%; text-align: left; background: none;
  border: 0; border-radius: 5px; padding: 3px 6px; }
ol.chapters button:hover { background: var(--line); }
ol.chapters button[aria-current="true"] { background: var(--line); color: var(--accent); }
ol.chapters time { color: var(--blue); font-variant-numeric: tabular-nums; min-width: 3.2em; }
dl.params { margin: 0; display: grid; gap: 2px; }
dl.params div { display: flex; flex-wrap: wrap; gap: 0 10px; align-items: baseline; }
dl.params dt { color: var(--muted); }
dl.params dd { margin: 0; min-width: 0; }
dl.params code { color: var(--orange); overflow-wrap: anywhere; font-size: 14px; }
.set { font-size: 11px; color: var(--bg); background: var(--orange); border-radius: 3px;
  padding: 0 4px; margin-left: 2px; vertical-align: 1px; }
ul.files { list-style: none; padding: 0; margin: 12px 0 0; display: flex; flex-wrap: wrap;
  gap: 2px 14px; font-size: 14px; }
ul.files a { display: inline-block; padding: 4px 0; }
footer { margin-top: 36px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line);
  padding-top: 12px; }
@media (max-width: 860px) {
  body { padding: 0 12px 32px; }
  article.lesson { grid-template-columns: minmax(0, 1fr); padding: 12px; }
  header.top h1 { font-size: 26px; }
  .tagline { font-size: 16px; }
  nav.toc { grid-template-columns: minmax(0, 1fr); }
  ol.chapters button { padding: 6px; }
}
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
"""
)

_SCRIPT = """
(function () {
  "use strict";
  function captionsOf(video) {
    if (video.mathreelCaptions) { return video.mathreelCaptions; }
    return video.textTracks.length ? video.textTracks[0] : null;
  }
  function fallback(box, video) {
    if (video.mathreelCaptions) { return; }
    var data = box.querySelector("script.cues");
    var cues = data ? JSON.parse(data.textContent) : [];
    var track = video.addTextTrack("captions", "English", "en");
    cues.forEach(function (c) { track.addCue(new VTTCue(c[0], c[1], c[2])); });
    video.mathreelCaptions = track;
    var old = video.textTracks[0];
    if (old && old !== track) { old.mode = "disabled"; }
    var button = box.querySelector("button.cc");
    track.mode = button && button.getAttribute("aria-pressed") === "false" ? "hidden" : "showing";
  }
  document.querySelectorAll("article.lesson").forEach(function (box) {
    var video = box.querySelector("video");
    if (!video) { return; }
    var element = video.querySelector("track");
    if (element) {
      element.addEventListener("error", function () { fallback(box, video); });
      if (element.readyState === 3) { fallback(box, video); }
    }
    var buttons = Array.prototype.slice.call(box.querySelectorAll("button.seek"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        video.currentTime = parseFloat(button.getAttribute("data-time"));
        var playing = video.play();
        if (playing && playing.catch) { playing.catch(function () {}); }
      });
    });
    video.addEventListener("timeupdate", function () {
      var now = video.currentTime + 0.01, current = null;
      buttons.forEach(function (b) {
        if (parseFloat(b.getAttribute("data-time")) <= now) { current = b; }
      });
      buttons.forEach(function (b) {
        if (b === current) { b.setAttribute("aria-current", "true"); }
        else { b.removeAttribute("aria-current"); }
      });
    });
    var cc = box.querySelector("button.cc");
    if (!cc) { return; }
    function show(on) {
      var track = captionsOf(video);
      if (track) { track.mode = on ? "showing" : "hidden"; }
      cc.setAttribute("aria-pressed", on ? "true" : "false");
      cc.textContent = on ? "Captions on" : "Captions off";
    }
    cc.addEventListener("click", function () {
      show(cc.getAttribute("aria-pressed") !== "true");
    });
    video.textTracks.addEventListener("change", function () {
      var track = captionsOf(video);
      var on = !!track && track.mode === "showing";
      cc.setAttribute("aria-pressed", on ? "true" : "false");
      cc.textContent = on ? "Captions on" : "Captions off";
    });
  });
})();
"""


def page_html(folder: Path, manifest: Manifest, *, title: str | None = None) -> str:
    """The course page for a rendered folder and its (checked) manifest, as HTML."""
    lessons = manifest.lessons
    groups: list[tuple[str, list[LessonRecord]]] = []
    for record in lessons:  # in course order; an area starts a group when it changes
        area = record.area
        if groups and groups[-1][0] == area:
            groups[-1][1].append(record)
        else:
            groups.append((area, [record]))
    total = sum(r.duration for r in lessons)
    heading = title or "The math behind machine learning"
    versions = sorted({r.manim_version for r in lessons} - {""})
    sections = []
    for area, records in groups:
        colour = AREA_COLOURS.get(area, PALETTE["accent"])
        area_id = "area-" + _anchor(area).removeprefix("lesson-")
        sections.append(
            f'<section aria-labelledby="{area_id}" style="--area: {colour}">'
            f'<h2 class="area" id="{area_id}">{_e(AREAS.get(area, area))}</h2>'
            + "".join(_lesson(folder, r) for r in records)
            + "</section>"
        )
    generated = _when(manifest.generated_at)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="dark">'
        '<link rel="icon" href="data:,">'
        f'<meta name="generator" content="mathreel {_e(__version__)}">'
        f"<title>{_e(heading)} · mathreel</title><style>{_CSS}</style></head><body>"
        '<a class="skip" href="#main">Skip to the lessons</a>'
        '<header class="top"><h1>math<span>reel</span></h1>'
        f'<p class="tagline">{_e(heading)}</p>'
        f'<p class="facts">{len(lessons)} lesson{"s" if len(lessons) != 1 else ""} · '
        f'<span class="duration">{clock(total)}</span> · '
        f"{_e(manifest.width)}×{_e(manifest.height)} @ "
        f"{_e(manifest.fps)} fps ({_e(manifest.quality)})"
        + (f" · rendered {_e(generated)}" if generated else "")
        + "</p></header>"
        + _toc(folder, groups)
        + '<main id="main">'
        + _course_section(folder, manifest)
        + "".join(sections)
        + "</main>"
        f"<footer>Made with mathreel {_e(__version__)}"
        + (f" and Manim Community {_e(', '.join(versions))}" if versions else "")
        + ". Captions are on by default: use the Captions button or the player's menu. "
        "Chapter times jump the player to that chapter.</footer>"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def _when(stamp: str) -> str:
    """``2026-11-22T01:54:35+00:00`` as ``2026-11-22 01:54 UTC``."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone(UTC)
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def build_page(folder: Path, *, title: str | None = None) -> Path:
    """Write ``folder/index.html`` for the lessons in ``folder/manifest.json``.

    Parameters
    ----------
    folder
        A rendered quality folder; previews (``previews/``) and the course video
        are shown when they are there.
    title
        The page's heading (default: the course's).

    Returns
    -------
    Path
        The page.

    Raises
    ------
    MathreelError
        When the folder holds no rendered lesson or a video is missing.
    """
    manifest = rendered_lessons(folder)
    target = folder / PAGE_NAME
    write_text(target, page_html(folder, manifest, title=title))
    return target


# --- merging shards -------------------------------------------------------------------


def find_rendered(root: Path) -> list[Path]:
    """Rendered folders (holding a ``manifest.json``) in ``root``, itself included."""
    if not root.is_dir():
        raise MathreelError(f"{root} is not a folder")
    return sorted({p.parent for p in root.rglob("manifest.json")})


def _lesson_files(folder: Path, record: LessonRecord) -> list[Path]:
    """A lesson's outputs in a rendered folder, relative to it."""
    stem = record.stem
    names = [
        record.video,
        f"{stem}.json",
        record.vtt,
        record.srt,
        record.chapters_vtt,
        f"logs/{stem}.log",
    ]
    names += [f"previews/{p.name}" for p in preview_paths(folder, stem).values()]
    return [Path(n) for n in names if n and (folder / n).is_file()]


def _copy(source: Path, target: Path) -> None:
    """Copy a file atomically, keeping its modification time (records check it)."""
    with contextlib.suppress(FileNotFoundError):
        if os.path.samefile(source, target):
            return
    with atomic_path(target) as tmp:
        shutil.copy2(source, tmp)


def merge_shards(
    sources: Sequence[Path],
    target: Path,
    *,
    on_lesson: Callable[[str, Path], None] | None = None,
) -> Path:
    """Merge rendered folders (e.g. CI shards) into ``target`` with one manifest.

    Every lesson's video, record, captions, log and previews are copied (their
    modification times kept, so the records stay current); the merged
    ``manifest.json`` lists every lesson once, in course order.

    Parameters
    ----------
    sources
        Rendered folders, each with a ``manifest.json``.
    target
        The merged folder (created; may be one of the sources).
    on_lesson
        Called with each lesson's slug and the folder it came from.

    Returns
    -------
    Path
        The merged manifest.

    Raises
    ------
    MathreelError
        When there is no source, a source holds no rendered lesson, the sources
        were rendered at different settings, or one lesson differs between two.
    """
    if not sources:
        raise MathreelError(
            "nothing to merge: no rendered folder (with a manifest.json) given"
        )
    merged: dict[str, tuple[LessonRecord, Path]] = {}
    first: Manifest | None = None
    for source in sources:
        manifest = rendered_lessons(source)
        if first is None:
            first = manifest
        elif manifest.settings() != first.settings():
            raise MathreelError(
                f"{source} was rendered at {_settings(manifest)}, but {sources[0]} at "
                f"{_settings(first)}: merge folders of one quality"
            )
        for record in manifest.lessons:
            slug = record.lesson
            if slug in merged and merged[slug][0].sha256 != record.sha256:
                raise MathreelError(
                    f"lesson '{slug}' is in both {merged[slug][1]} and {source} with "
                    "different videos: render each lesson in one shard only"
                )
            merged[slug] = (record, source)
    assert first is not None
    for slug, (record, source) in merged.items():
        for name in _lesson_files(source, record):
            _copy(source / name, target / name)
        if on_lesson is not None:
            on_lesson(slug, source)
    result = replace(
        first,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        merged_from=len(sources),
        lessons=tuple(
            sorted((record for record, _ in merged.values()), key=lambda r: r.number)
        ),
    )
    path = target / "manifest.json"
    write_json(path, result.to_json())
    return path


def _settings(manifest: Manifest) -> str:
    return (
        f"{manifest.quality} ({manifest.width}x{manifest.height} @ {manifest.fps} fps)"
    )


# --- serving --------------------------------------------------------------------------


class _Slice:
    """A file object that reads at most ``length`` bytes from where it is."""

    def __init__(self, handle: BinaryIO, length: int) -> None:
        self.handle = handle
        self.left = length

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


#: Types the standard library may not know.
_TYPES = {
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".webp": "image/webp",
    ".mp4": "video/mp4",
    ".json": "application/json",
}


class _Handler(SimpleHTTPRequestHandler):
    """Static files with byte ranges (for seeking in videos), quiet, never cached."""

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return _TYPES.get(Path(path).suffix.lower()) or super().guess_type(path)

    def log_message(self, format: str, *args: Any) -> None:
        return

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self) -> Any:
        wanted = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        if not wanted or not path.is_file():
            return super().send_head()
        match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", wanted)
        size = path.stat().st_size
        if not match or not (match[1] or match[2]):
            return super().send_head()  # several ranges: send the whole file
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:
            start, end = max(0, size - int(match[2])), size - 1
        if start >= size or end < start:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header(
            "Last-Modified", self.date_time_string(int(path.stat().st_mtime))
        )
        self.end_headers()
        return _Slice(handle, end - start + 1)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a browser that stopped reading a video: normal
        super().handle_error(request, client_address)


def make_server(
    folder: Path, host: str = "127.0.0.1", port: int = 8000
) -> ThreadingHTTPServer:
    """An HTTP server for ``folder`` (not started); port 0 picks a free port.

    Raises
    ------
    MathreelError
        When the folder does not exist or the port is taken.
    """
    if not folder.is_dir():
        raise MathreelError(f"{folder} does not exist: render lessons into it first")
    root = str(folder.resolve())

    def handler(*args: Any, **kwargs: Any) -> _Handler:
        return _Handler(*args, directory=root, **kwargs)

    try:
        return _Server((host, port), handler)
    except OSError as error:
        raise MathreelError(
            f"cannot serve on {host}:{port} ({error.strerror or error}): "
            "pass another --port"
        ) from None


def serve(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``folder`` until interrupted (Ctrl-C); ``ready`` gets the page's URL."""
    server = make_server(folder, host, port)
    bound_host, bound_port = server.server_address[:2]
    url = f"http://{host if host not in ('', '0.0.0.0') else '127.0.0.1'}:{bound_port}/"
    del bound_host
    if ready is not None:
        ready(url)
    with server, contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
