"""The course page: a static ``index.html`` beside the rendered videos.

:func:`build_page` writes one self-contained HTML file (inline CSS and script,
no CDN, no network) from the Jinja2 template ``index.html.j2`` (package data,
autoescaped), and beside it a page per lesson (:mod:`mathreel.outputs.lesson_pages`).
The course page works from ``file://`` and from any static server: the
course in order, grouped by area, each lesson with its poster, title, summary,
duration, the parameters it was rendered with, a player with its captions track
(on by default, toggleable), its chapters as buttons that seek the player, and
links to the MP4, the VTT and SRT captions, the lesson's previews and its
lesson page. When the folder holds the full-course video
(:mod:`mathreel.outputs.course_video`), it comes first. Every text from a record is
HTML-escaped.

Browsers refuse to load a ``<track>`` file from ``file://``; so the page has no
``<track>`` elements: it carries each video's cues and attaches them with the
TextTrack API, the same from disk and over HTTP.

:func:`merge_shards` merges folders rendered by several CI shards into one, with
one manifest, and :func:`serve` serves a folder on localhost (with the byte
ranges browsers ask for when seeking in a video).
"""

from __future__ import annotations

import contextlib
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
from typing import TYPE_CHECKING, Any, BinaryIO

from mathreel import __version__
from mathreel.core.course import AREAS
from mathreel.core.errors import MathreelError
from mathreel.core.files import atomic_path, write_json, write_text
from mathreel.core.records import LessonRecord, Manifest
from mathreel.narration.captions import Cue
from mathreel.outputs.course_video import course_paths, parse_vtt
from mathreel.outputs.lesson_pages import (
    LESSONS_DIR,
    build_lesson_pages,
    environment,
    lesson_page_path,
    practice_path,
    write_practice_data,
)
from mathreel.outputs.previews import (
    PALETTE,
    preview_paths,
    rendered_lessons,
    still_paths,
)

if TYPE_CHECKING:
    from mathreel.core.course import Course

__all__ = [
    "PAGE_NAME",
    "build_page",
    "find_rendered",
    "make_server",
    "merge_shards",
    "page_html",
    "serve",
    "serve_course",
]

#: The page's file name.
PAGE_NAME = "index.html"
#: Colours of the areas, from the videos' palette.
AREA_COLOURS = {
    "linear-algebra": PALETTE["blue"],
    "calculus": PALETTE["green"],
    "probability": PALETTE["purple"],
}


def _anchor(slug: str) -> str:
    return "lesson-" + (re.sub(r"[^a-z0-9-]+", "-", slug.lower()).strip("-") or "x")


def _file_cues(folder: Path, name: str) -> list[Cue]:
    """The cues of a captions file (the course video's, which has no lesson record)."""
    try:
        return parse_vtt((folder / name).read_text(encoding="utf-8"))
    except OSError:
        return []


def _player(
    *,
    video: str,
    width: int,
    height: int,
    duration: float,
    poster: str | None,
    label: str,
    cues: Sequence[Cue],
) -> dict[str, Any]:
    """What the template's player shows; cues as ``[start, end, text]``."""
    return {
        "video": video,
        "width": width,
        "height": height,
        "duration": duration,
        "poster": poster,
        "label": label,
        "cues": [[c.start, c.end, "\n".join(c.lines)] for c in cues],
    }


def _lesson(folder: Path, record: LessonRecord) -> dict[str, Any]:
    previews = preview_paths(folder, record.stem)

    def rel(key: str) -> str | None:
        path = previews[key]
        return f"previews/{path.name}" if path.exists() else None

    fps = float(record.fps)
    page = lesson_page_path(folder, record)
    return {
        "record": record,
        "anchor": _anchor(record.lesson),
        "poster": rel("poster"),
        "thumb_height": round(96 * record.height / record.width),
        "page": f"{LESSONS_DIR}/{page.name}",
        "player": _player(
            video=record.video,
            width=record.width,
            height=record.height,
            duration=record.duration,
            poster=rel("poster"),
            label=f"Lesson {record.number}: {record.title}",
            cues=record.cues,
        ),
        "chapters": [(c.title, c.start_frame / fps) for c in record.chapters],
        "params": [
            (
                name,
                json.dumps(value, separators=(",", ":"), ensure_ascii=False),
                name in record.given,
            )
            for name, value in record.params.items()
        ],
        "files": [
            ("MP4", record.video),
            ("Captions VTT", record.vtt),
            ("Captions SRT", record.srt or None),
            ("Chapters VTT", record.chapters_vtt or None),
            ("Contact sheet", rel("sheet")),
            ("Key moment", rel("key")),
            ("Poster", rel("poster")),
        ],
    }


def _course_section(folder: Path, manifest: Manifest) -> dict[str, Any] | None:
    paths = course_paths(folder)
    try:
        record = json.loads(paths["record"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not paths["video"].exists():
        return None
    fps = float(record["fps"])
    joined = [(x.get("lesson"), x.get("sha256")) for x in record.get("lessons", [])]
    now = [(r.lesson, r.sha256) for r in manifest.lessons]
    poster = preview_paths(folder, manifest.lessons[0].stem)["poster"]
    return {
        "player": _player(
            video=paths["video"].name,
            width=int(record.get("width", 854)),
            height=int(record.get("height", 480)),
            duration=float(record["duration"]),
            poster=f"previews/{poster.name}" if poster.exists() else None,
            label="The whole course",
            cues=_file_cues(folder, paths["vtt"].name),
        ),
        "lessons": len(record.get("lessons", [])),
        "stale": joined != now,
        "chapters": [
            (str(c["title"]), int(c["start_frame"]) / fps)
            for c in record.get("chapters", [])
            if int(c.get("level", 1)) == 1
        ],
        "files": [
            ("MP4", paths["video"].name),
            ("Captions VTT", paths["vtt"].name),
            ("Captions SRT", paths["srt"].name),
            ("Chapters VTT", paths["chapters"].name),
        ],
    }


def page_html(folder: Path, manifest: Manifest, *, title: str | None = None) -> str:
    """The course page for a rendered folder and its (checked) manifest, as HTML.

    Rendered from the package template ``index.html.j2`` (autoescaped).
    """
    lessons = manifest.lessons
    groups: list[dict[str, Any]] = []
    for record in lessons:  # in course order; an area starts a group when it changes
        area = record.area
        if not groups or groups[-1]["area"] != area:
            groups.append(
                {
                    "area": area,
                    "name": AREAS.get(area, area),
                    "id": "area-" + _anchor(area).removeprefix("lesson-"),
                    "colour": AREA_COLOURS.get(area, PALETTE["accent"]),
                    "lessons": [],
                }
            )
        groups[-1]["lessons"].append(_lesson(folder, record))
    template = environment().get_template("index.html.j2")
    return template.render(
        manifest=manifest,
        lessons=lessons,
        groups=groups,
        total=sum(r.duration for r in lessons),
        heading=title or "The math behind machine learning",
        versions=sorted({r.manim_version for r in lessons} - {""}),
        generated=_when(manifest.generated_at),
        version=__version__,
        course=_course_section(folder, manifest),
    )


def _when(stamp: str) -> str:
    """``2026-11-22T01:54:35+00:00`` as ``2026-11-22 01:54 UTC``."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone(UTC)
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def build_page(
    folder: Path, *, title: str | None = None, course: Course | None = None
) -> Path:
    """Write ``folder/index.html`` and the lesson pages for ``folder/manifest.json``.

    Parameters
    ----------
    folder
        A rendered quality folder; previews (``previews/``) and the course video
        are shown when they are there.
    title
        The page's heading (default: the course's).
    course
        When given, each lesson's practice data (``practice/NN-slug.json``) is
        written first from its ``practice(seed)``; without it, the lesson pages
        use the practice data already in the folder (none: no practice section).

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
    if course is not None:
        write_practice_data(folder, course)
    build_lesson_pages(folder, manifest)
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
    names += [f"previews/{p.name}" for p in still_paths(folder, record)]
    names.append(practice_path(folder, stem).relative_to(folder).as_posix())
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


def serve_course(
    folder: Path,
    course: Course | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    echo: Callable[[str], None],
) -> None:
    """``mathreel serve``: rebuild ``folder``'s pages, then :func:`serve` it until Ctrl-C."""
    page = build_page(folder, course=course)

    def ready(url: str) -> None:
        echo(f"Serving {folder}/ at {url}{page.name} (Ctrl-C to stop)")

    serve(folder, host, port, ready=ready)
