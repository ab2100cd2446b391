"""Where a lesson's outputs go, the settings they depend on, and the manifest.

Nothing here imports manim, so deciding that a lesson's outputs are current
(its cache key unchanged, its files in place) takes milliseconds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from mathreel.core.course import Course, Entry
from mathreel.core.files import write_json
from mathreel.core.quality import FORMATS, Quality
from mathreel.core.records import LessonRecord, Manifest, RecordError, read_record
from mathreel.narration.voice import VoiceSpec, default_voice_name, parse_voice
from mathreel.render.cache import fingerprint

__all__ = [
    "DEFAULT_VOICE",
    "FORMATS",
    "GIF_SOURCE",
    "RenderOptions",
    "cached_record",
    "given_json",
    "output_paths",
    "render_key",
    "tex_version",
    "voice_key",
    "write_manifest",
]

#: What manim renders a GIF from (codec, pixel format, options): lossless RGB
#: H.264, whose decoded pixels are Cairo's whatever the encoder's thread count,
#: so the GIF made from it (:mod:`mathreel.media.gif`) is the same bytes every time.
GIF_SOURCE = ("libx264rgb", "rgb24", {"preset": "ultrafast", "qp": "0"})

#: The narration voice unless told otherwise: Piper's neural voice when it is
#: installed, else flite.
DEFAULT_VOICE = parse_voice(default_voice_name())


def voice_key(voice: VoiceSpec) -> list[Any]:
    """The parts of a voice setting that change the output."""
    return [voice.engine, voice.voice, round(voice.rate, 3)]


def output_paths(out_dir: Path, entry: Entry, fmt: str = "mp4") -> dict[str, Path]:
    """Where a lesson's outputs go inside a quality directory (video as ``fmt``)."""
    return {
        "video": out_dir / f"{entry.stem}.{fmt}",
        "record": out_dir / f"{entry.stem}.json",
        "vtt": out_dir / f"{entry.stem}.vtt",
        "srt": out_dir / f"{entry.stem}.srt",
        "chapters": out_dir / f"{entry.stem}.chapters.vtt",
        "log": out_dir / "logs" / f"{entry.stem}.log",
    }


@dataclass(frozen=True)
class RenderOptions:
    """Everything about a render besides the lesson and its parameters."""

    quality: Quality
    voice: VoiceSpec = DEFAULT_VOICE
    burn_captions: bool = False
    format: str = "mp4"
    #: Reuse cached segments of unchanged steps (``False`` with ``--force``:
    #: draw every step). Not part of the cache key: the frames are the same.
    reuse_segments: bool = True

    @property
    def encoder_options(self) -> dict[str, str]:
        """The video encoder's options for this format and quality."""
        if self.format == "webm":
            fast = self.quality.name == "preview"
            return {
                "crf": "34" if fast else "31",
                "b": "0",
                "deadline": "realtime" if fast else "good",
                "cpu-used": "8" if fast else "4",
                "row-mt": "1",
            }
        if self.format == "gif":
            return dict(GIF_SOURCE[2])
        return dict(self.quality.encoder_options)

    @property
    def manim_format(self) -> str:
        """The container manim writes: a GIF is made afterwards from an MP4."""
        return "mp4" if self.format == "gif" else self.format

    @property
    def manim_codec(self) -> tuple[str, str]:
        """manim's ``(video_codec, pixel_format)``: its own, or lossless RGB for a GIF."""
        return (
            (GIF_SOURCE[0], GIF_SOURCE[1]) if self.format == "gif" else ("auto", "auto")
        )

    def key_settings(self) -> dict[str, Any]:
        """What of these options changes the output, for the cache key."""
        q = self.quality
        return {
            "size": [q.width, q.height],
            "fps": q.fps,
            "format": self.format,
            "encoder": self.encoder_options,
            "voice": voice_key(self.voice),
            "burn_captions": self.burn_captions,
            "tex": tex_version(),
        }


@cache
def tex_version() -> str:
    """The first line of ``latex --version`` (part of every render's cache key)."""
    latex = shutil.which("latex")
    if not latex:
        return "none"
    try:
        out = subprocess.run(
            [latex, "--version"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (out.stdout.splitlines() or ["unknown"])[0]


def render_key(entry: Entry, given: dict[str, Any], options: RenderOptions) -> str:
    """The cache key of one lesson render: sources, given parameters, settings.

    Defaults live in the lesson's source, so the values the user gave (not the
    resolved ones) are enough, and the key is computed without importing manim.
    """
    return fingerprint(entry, given, kind="render", **options.key_settings())


def given_json(given: Mapping[str, Any] | None) -> dict[str, Any]:
    """Parameter values as the user gave them, as plain sorted JSON data."""
    text = json.dumps(dict(given or {}), sort_keys=True, default=_plain)
    return dict(json.loads(text))


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in a manifest")


def cached_record(
    entry: Entry,
    given: Mapping[str, Any] | None,
    options: RenderOptions,
    out_dir: Path,
    *,
    on_stale: Callable[[RecordError], None] | None = None,
) -> LessonRecord | None:
    """The existing record when the lesson's outputs are complete and current.

    Current means rendered from the same sources, parameters and settings (the
    cache key), with the video file unchanged since (size and modification time)
    and every caption file in place. Nothing is imported or rendered.

    A record that exists but cannot be read (written by another schema, a
    field missing) is not current either: ``on_stale`` is told why.
    """
    paths = output_paths(out_dir, entry, options.format)
    try:
        record = read_record(paths["record"])
        stat = paths["video"].stat()
    except OSError:
        return None
    except RecordError as error:
        if on_stale is not None:
            on_stale(error)
        return None
    if not all(paths[k].exists() for k in ("vtt", "srt", "chapters")):
        return None
    wanted = given_json(given)
    if record.given != wanted or record.cache_key != render_key(entry, wanted, options):
        return None
    if [record.video_size, record.video_mtime_ns] != [stat.st_size, stat.st_mtime_ns]:
        return None
    return record


def write_manifest(
    out_dir: Path,
    course: Course,
    quality: Quality,
    *,
    on_skip: Callable[[RecordError], None] | None = None,
) -> Path:
    """Rebuild ``out_dir/manifest.json`` from the lesson records found there.

    A record that cannot be read (another schema, a field missing) is left
    out, and ``on_skip`` is told why; a missing one is simply not there.
    """
    lessons = []
    for entry in course:
        try:
            lessons.append(read_record(output_paths(out_dir, entry)["record"]))
        except OSError:
            continue
        except RecordError as error:
            if on_skip is not None:
                on_skip(error)
    manifest = Manifest(
        quality=quality.name,
        width=quality.width,
        height=quality.height,
        fps=quality.fps,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        lessons=tuple(lessons),
    )
    path = out_dir / "manifest.json"
    write_json(path, manifest.to_json())
    return path
