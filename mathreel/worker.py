"""Planning and rendering one lesson, in the current process.

:func:`plan_lesson` runs a lesson's ``construct`` with animations skipped (no
frame is drawn or encoded) and returns its frame-exact :class:`~mathreel.timeline.Plan`.
:func:`render_lesson` renders it for real into ``<out>/<quality>/NN-slug.mp4``:
manim writes into a private work directory, the video is decoded back with PyAV
and must have exactly the planned frames, and only then is it renamed into place
with its manifest record beside it. A failure leaves earlier outputs untouched.

manim's configuration is global, so :mod:`mathreel.batch` runs each render in a
process of its own.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import manim
from manim import tempconfig

from . import __version__
from .cache import fingerprint, load_plan, save_plan
from .course import Entry
from .errors import RenderError
from .files import atomic_path, cache_dir, write_json
from .lesson import Lesson
from .media import probe, sha256
from .quality import Quality
from .timeline import Plan

__all__ = [
    "construct_only",
    "lesson_record",
    "manim_settings",
    "output_paths",
    "plan_lesson",
    "render_lesson",
]


def manim_settings(quality: Quality, media_dir: Path) -> dict[str, Any]:
    """manim config overrides for one render at ``quality``."""
    tex_dir = cache_dir() / "tex"
    tex_dir.mkdir(parents=True, exist_ok=True)
    return {
        "pixel_width": quality.width,
        "pixel_height": quality.height,
        "frame_rate": quality.fps,
        "media_dir": str(media_dir),
        "tex_dir": str(tex_dir),
        "disable_caching": True,  # mathreel caches whole lessons itself
        "verbosity": "WARNING",
        "progress_bar": "none",
        "video_encoder_options": dict(quality.encoder_options),
        "write_to_movie": True,
    }


@contextmanager
def _work_dir(parent: Path | None = None) -> Iterator[Path]:
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="mathreel-", dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def construct_only(
    entry: Entry,
    given: Mapping[str, Any] | None = None,
    *,
    fps: float = 15,
    check_layout: bool = True,
) -> Lesson:
    """Run a lesson's ``construct`` without drawing a frame; return the scene.

    The scene's timeline holds the plan; with ``check_layout`` every beat also
    records its layout problems and the text on screen at its end.
    """
    cls = entry.load()
    args = cls.resolve_args(given or {}, lesson=entry.slug)
    with _work_dir() as work:
        settings = manim_settings(_plan_quality(fps), work)
        settings.update(dry_run=True, write_to_movie=False)
        with tempconfig(settings):
            scene = cls(
                args, slug=entry.slug, check_layout=check_layout, skip_animations=True
            )
            scene.render()
            return scene


def plan_lesson(
    entry: Entry,
    given: Mapping[str, Any] | None = None,
    *,
    fps: float = 15,
    use_cache: bool = True,
) -> Plan:
    """The lesson's frame plan: from the plan cache, or by running ``construct``.

    The plan is computed without drawing a frame, with layout checks on, and
    cached under the lesson's fingerprint (sources, parameters, fps).
    """
    cls = entry.load()
    args = cls.resolve_args(given or {}, lesson=entry.slug)
    key = fingerprint(entry, args.to_json(), fps=fps, kind="plan")
    if use_cache and (cached := load_plan(key)) is not None:
        return cached
    plan = construct_only(entry, args, fps=fps, check_layout=True).plan()
    save_plan(key, plan)
    return plan


def _plan_quality(fps: float) -> Quality:
    return Quality("plan", 854, 480, int(fps))


def output_paths(out_dir: Path, entry: Entry) -> dict[str, Path]:
    """Where a lesson's outputs go inside a quality directory."""
    return {
        "video": out_dir / f"{entry.stem}.mp4",
        "record": out_dir / f"{entry.stem}.json",
        "log": out_dir / "logs" / f"{entry.stem}.log",
    }


def lesson_record(
    entry: Entry,
    args_json: dict[str, Any],
    quality: Quality,
    plan: Plan,
    video: Path,
    *,
    frames: int,
    render_seconds: float,
) -> dict[str, Any]:
    """The manifest record of one rendered lesson."""
    return {
        "lesson": entry.slug,
        "number": entry.number,
        "title": entry.title,
        "area": entry.area,
        "summary": entry.summary,
        "params": args_json,
        "quality": quality.name,
        "width": quality.width,
        "height": quality.height,
        "fps": quality.fps,
        "planned_frames": plan.frames,
        "decoded_frames": frames,
        "duration": round(frames / quality.fps, 6),
        "video": video.name,
        "sha256": sha256(video),
        "beats": [
            {
                "index": b.index,
                "start_frame": b.start_frame,
                "frames": b.frames,
                "text": b.text,
                "say": b.say,
                "chapter": b.chapter,
            }
            for b in plan.beats
        ],
        "chapters": [
            {"title": c.title, "start_frame": c.start_frame} for c in plan.chapters
        ],
        "render_seconds": round(render_seconds, 2),
        "rendered_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "manim_version": manim.__version__,
        "mathreel_version": __version__,
    }


def render_lesson(
    entry: Entry,
    given: Mapping[str, Any] | None,
    quality: Quality,
    out_dir: Path,
) -> dict[str, Any]:
    """Render one lesson into ``out_dir`` and return its manifest record.

    Raises
    ------
    RenderError
        When manim fails or the video does not have the planned frames; nothing
        at the final paths is touched then.
    """
    started = time.perf_counter()
    cls = entry.load()
    args = cls.resolve_args(given or {}, lesson=entry.slug)
    paths = output_paths(out_dir, entry)
    with _work_dir(out_dir / ".work") as work:
        with tempconfig(manim_settings(quality, work) | {"output_file": entry.stem}):
            scene = cls(args, slug=entry.slug)
            scene.render()
            plan = scene.plan()
            movie = Path(scene.renderer.file_writer.movie_file_path)
        if not movie.exists():
            raise RenderError(f"{entry.slug}: manim wrote no video (see the log)")
        info = probe(movie)
        if info.frames != plan.frames:
            raise RenderError(
                f"{entry.slug}: the video has {info.frames} frames but the plan has "
                f"{plan.frames}; this is a mathreel bug, please report it"
            )
        record = lesson_record(
            entry,
            args.to_json(),
            quality,
            plan,
            movie,
            frames=info.frames,
            render_seconds=time.perf_counter() - started,
        )
        with atomic_path(paths["video"]) as tmp:
            shutil.move(str(movie), tmp)
    write_json(paths["record"], record)
    return record
