"""Complete lesson records for tests that write their own rendered folders.

A test's fixture names the fields it cares about; :func:`complete` adds the
rest of :class:`mathreel.core.records.LessonRecord`'s schema with neutral values,
so the fixture is read as a real record is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mathreel.core.records import SCHEMA
from mathreel.narration.captions import Cue

__all__ = ["complete", "complete_manifest"]


def _cue(cue: Cue) -> dict[str, Any]:
    return {
        "start": round(cue.start, 3),
        "end": round(cue.end, 3),
        "lines": list(cue.lines),
        "beat": cue.beat,
        "start_frame": cue.start_frame,
    }


def complete(record: dict[str, Any], cues: Sequence[Cue] = ()) -> dict[str, Any]:
    """``record`` with every field a record has (its own values kept) and ``cues``."""
    stem = Path(str(record["video"])).stem
    frames = int(record.get("decoded_frames", 0))
    full: dict[str, Any] = {
        "schema": SCHEMA,
        "area": "linear-algebra",
        "summary": "",
        "params": {},
        "given": {},
        "quality": "test",
        "width": 16,
        "height": 9,
        "planned_frames": frames,
        "duration": frames / float(record["fps"]),
        "captions": {"vtt": f"{stem}.vtt", "srt": f"{stem}.srt"},
        "chapters_vtt": f"{stem}.chapters.vtt",
        "voice": "none",
        "has_audio": False,
        "burned_captions": False,
        "sha256": "",
        "video_size": 0,
        "video_mtime_ns": 0,
        "cache_key": "",
        "chapters": [],
        "render_seconds": 0.0,
        "rendered_at": "2026-01-01T00:00:00+00:00",
        "manim_version": "0.22.0",
        "mathreel_version": "0.1.0",
    }
    full.update(record)
    full["beats"] = [
        {"say": b.get("text", ""), "speech_seconds": 0.0, "chapter": None, "key": False}
        | b
        for b in record.get("beats", [])
    ]
    full["cues"] = [_cue(c) for c in cues]
    return full


def complete_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    """``manifest`` with every field a manifest has (its own values kept)."""
    full = {
        "schema": SCHEMA,
        "course": "mathreel",
        "width": 16,
        "height": 9,
        "generated_at": "2026-01-01T00:00:00+00:00",
    }
    full.update(manifest)
    return full
