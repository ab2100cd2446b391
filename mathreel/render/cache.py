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
    "FRAME_PACKAGES",
    "fingerprint",
    "load_costs",
    "load_plan",
    "save_costs",
    "save_plan",
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


def _shared_sources(content: Path) -> list[Path]:
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
    for path in (lesson_source, *_shared_sources(content)):
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
