"""Content fingerprints of lessons, and the plan cache built on them.

A lesson's fingerprint covers everything that can change its frames: its module's
source, the shared style module, the engine's source, its registry entry, its
parameter values, the frame rate and manim's version. Reading the sources is all
it takes; nothing is imported, so checking the cache is fast.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .course import Entry
from .files import cache_dir, write_json
from .timeline import Plan

__all__ = ["fingerprint", "load_costs", "load_plan", "save_costs", "save_plan"]


#: Engine modules that never change a lesson's frames, sound or captions (the
#: CLI's helpers, the course page and previews, the benchmark): editing them
#: does not re-render the course.
PRESENTATION = frozenset(
    {
        "bench.py",
        "batch.py",
        "course_video.py",
        "doctor.py",
        "page.py",
        "previews.py",
        "report.py",
        "scaffold.py",
        "watch.py",
    }
)


@cache
def _engine_sources() -> tuple[tuple[str, bytes], ...]:
    root = Path(__file__).resolve().parent
    return tuple(
        (p.name, p.read_bytes())
        for p in sorted(root.rglob("*.py"))
        if p.name not in PRESENTATION
    )


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
    style = lesson_source.parents[1] / "style.py"
    payload = {
        "entry": [entry.slug, entry.title, entry.area, entry.summary, entry.scene],
        "args": args_json,
        "settings": settings,
        "manim": _manim_version(),
    }
    digest.update(json.dumps(payload, sort_keys=True).encode())
    for path in (lesson_source, style):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
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
