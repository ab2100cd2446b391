"""Content fingerprints of lessons, and the plan cache built on them.

A lesson's fingerprint covers everything that can change its frames: its module's
source, the content package's shared modules (the look in ``style.py``, the scene
toolkit in ``kit/``), the engine's subpackages that draw, encode and narrate
(:data:`FRAME_PACKAGES`, by path), its registry entry, its parameter values, the
frame rate and manim's version. Reading the sources is all
it takes; nothing is imported, so checking the cache is fast.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from mathreel.core.course import AREAS, Entry
from mathreel.core.files import cache_dir, write_json
from mathreel.core.timeline import Plan

__all__ = [
    "CACHE_PARTS",
    "FRAME_PACKAGES",
    "cache_usage",
    "clear_cache",
    "engine_digest",
    "fingerprint",
    "load_costs",
    "load_plan",
    "save_costs",
    "save_plan",
    "shared_sources",
]


#: The engine's subpackages whose code can change a lesson's frames, sound or
#: captions: their sources are part of every render's key. The others (the
#: pipeline that runs batches, the outputs built from records, and the
#: top-level practice, doctor and scaffold modules) only run, present or check
#: lessons: editing them re-renders nothing.
FRAME_PACKAGES = ("core", "lesson", "media", "narration", "patches", "render")


@cache
def _engine_sources() -> tuple[tuple[str, bytes], ...]:
    """``(path relative to mathreel/, source)`` of every module in :data:`FRAME_PACKAGES`."""
    root = Path(__file__).resolve().parents[1]
    return tuple(
        (path.relative_to(root).as_posix(), path.read_bytes())
        for package in FRAME_PACKAGES
        for path in sorted((root / package).rglob("*.py"))
    )


def shared_sources(content: Path) -> list[Path]:
    """The content package's modules that every lesson may use (its look, its kit).

    Every module under ``content`` (``scenes/``) outside the area folders that
    hold the lessons: ``style.py``, ``kit/`` and whatever shared module comes
    next. Another lesson's module is not among them (lessons never import each
    other), so editing one lesson re-renders only that lesson.
    """
    areas = {content / area.replace("-", "_") for area in AREAS}
    return [
        path
        for path in sorted(content.rglob("*.py"))
        if not any(path.is_relative_to(folder) for folder in areas)
    ]


@cache
def _manim_version() -> str:
    try:
        return metadata.version("manim")
    except metadata.PackageNotFoundError:  # pragma: no cover - manim is a dependency
        return "unknown"


@cache
def engine_digest() -> str:
    """A hex digest of manim's version and the sources of :data:`FRAME_PACKAGES`."""
    digest = hashlib.sha256(_manim_version().encode())
    for name, data in _engine_sources():
        digest.update(name.encode())
        digest.update(data)
    return digest.hexdigest()


def fingerprint(entry: Entry, args_json: dict[str, Any], **settings: Any) -> str:
    """A hex digest of everything that determines a lesson's output.

    Parameters
    ----------
    entry
        The lesson's registry entry.
    args_json
        Its parameter values as JSON data.
    settings
        Anything else the output depends on (fps, resolution, voice...).
    """
    digest = hashlib.sha256()
    lesson_source = entry.source_path()
    payload = {
        "entry": [entry.slug, entry.title, entry.area, entry.summary, entry.scene],
        "args": args_json,
        "settings": settings,
        "manim": _manim_version(),
    }
    digest.update(json.dumps(payload, sort_keys=True).encode())
    content = lesson_source.parents[1]
    for path in (lesson_source, *shared_sources(content)):
        digest.update(path.relative_to(content).as_posix().encode())
        digest.update(path.read_bytes())
    for name, data in _engine_sources():
        digest.update(name.encode())
        digest.update(data)
    return digest.hexdigest()


def _plan_path(key: str) -> Path:
    return cache_dir() / "plans" / f"{key}.json"


def load_plan(key: str) -> Plan | None:
    """The cached plan for ``key``, or ``None``."""
    path = _plan_path(key)
    try:
        return Plan.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_plan(key: str, plan: Plan) -> None:
    """Store a plan under ``key``."""
    write_json(_plan_path(key), plan.to_json())


def _costs_path(key: str) -> Path:
    return cache_dir() / "costs" / f"{key}.json"


def load_costs(key: str) -> list[float] | None:
    """Seconds per step measured by the last whole render under ``key``, or ``None``."""
    try:
        data = json.loads(_costs_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, list) or not all(
        isinstance(x, int | float) and x >= 0 for x in data
    ):
        return None
    return [float(x) for x in data]


def save_costs(key: str, seconds: list[float]) -> None:
    """Store the seconds per step of a whole render under ``key``."""
    write_json(_costs_path(key), seconds)


#: What lives in the cache folder, by sub-folder, and what each holds.
CACHE_PARTS = {
    "segments": "video segments of drawn steps, their end states and narration "
    "tracks (reused when unchanged)",
    "plans": "frame plans of lessons",
    "costs": "seconds per step of the last whole renders (for splitting)",
    "voice": "synthesised narration lines",
    "piper": "the neural voice's model, patched to report word timings",
    "tex": "compiled LaTeX formulas (SVG)",
    "svg": "formulas' SVG parsed into mobjects",
}


def _folder_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under ``folder``; files vanishing meanwhile are skipped."""
    count = size = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    size += path.stat().st_size
                    count += 1
            except FileNotFoundError:
                continue
    return count, size


def cache_usage() -> dict[str, tuple[int, int]]:
    """``part -> (files, bytes)`` for every part of :data:`CACHE_PARTS`."""
    root = cache_dir()
    return {part: _folder_size(root / part) for part in CACHE_PARTS}


def clear_cache(parts: list[str] | None = None) -> dict[str, int]:
    """Remove the cached files of ``parts`` (default: all); ``part -> files removed``.

    Lock files stay (they must outlive every holder, see :mod:`mathreel.core.locks`);
    segments are removed under the segment lock, so a render in progress keeps the
    ones it already linked.

    Raises
    ------
    ValueError
        For a part not in :data:`CACHE_PARTS`.
    """
    import shutil

    from mathreel.render.segments import SegmentStore

    wanted = list(CACHE_PARTS) if not parts else parts
    unknown = [p for p in wanted if p not in CACHE_PARTS]
    if unknown:
        raise ValueError(
            f"unknown cache part {', '.join(unknown)}: choose from {', '.join(CACHE_PARTS)}"
        )
    removed = {}
    for part in wanted:
        if part == "segments":
            removed[part] = SegmentStore().clear()
            continue
        folder = cache_dir() / part
        removed[part] = _folder_size(folder)[0]
        shutil.rmtree(folder, ignore_errors=True)
    return removed
