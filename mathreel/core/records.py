"""Typed records of rendered lessons: :class:`LessonRecord` and :class:`Manifest`.

A lesson's record is written beside its video (``NN-slug.json``) when it is
rendered, and ``manifest.json`` lists every record of a rendered folder in
course order. They are the single source for every output made afterwards
(previews, the course page, the course video, the batch summary), and every
reader goes through these classes: the JSON is only the form on disk, which
the browser page and the CI summary also read.

Records written by another version of the schema, or missing a field, are
refused with :class:`RecordError` (one line naming the file and what to do);
the render command renders such a lesson again instead of trusting it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mathreel.core.errors import MathreelError
from mathreel.core.timeline import Beat, Chapter, Plan
from mathreel.narration.captions import Cue

__all__ = [
    "SCHEMA",
    "LessonRecord",
    "Manifest",
    "RecordError",
    "read_manifest",
    "read_record",
]

#: Version of the record and manifest layout; bumped when a field changes
#: meaning or a required field is added. Records without a ``schema`` field
#: were written before it existed (schema 1).
SCHEMA = 2

_BEAT_KEYS = (
    "index",
    "start_frame",
    "frames",
    "text",
    "say",
    "speech_seconds",
    "chapter",
    "key",
)


class RecordError(MathreelError):
    """A record or manifest that cannot be read: missing field, other schema.

    ``problem`` says what is wrong; the message adds what to do.
    """

    def __init__(self, problem: str, advice: str = "render the lesson again") -> None:
        super().__init__(f"{problem}: {advice}")
        self.problem = problem


def _check_schema(data: Mapping[str, Any], what: str, advice: str) -> None:
    found = data.get("schema", 1)
    if found != SCHEMA:
        raise RecordError(
            f"{what} has record schema {found}, this mathreel writes {SCHEMA}", advice
        )


def _beat_json(beat: Beat) -> dict[str, Any]:
    return {
        "index": beat.index,
        "start_frame": beat.start_frame,
        "frames": beat.frames,
        "text": beat.text,
        "say": beat.say,
        "speech_seconds": round(beat.speech_seconds, 3),
        "chapter": beat.chapter,
        "key": beat.key,
    }


def _cue_json(cue: Cue) -> dict[str, Any]:
    return {
        "start": cue.start,
        "end": cue.end,
        "lines": list(cue.lines),
        "beat": cue.beat,
        "start_frame": cue.start_frame,
    }


def _cue(data: Mapping[str, Any]) -> Cue:
    return Cue(
        float(data["start"]),
        float(data["end"]),
        tuple(str(x) for x in data["lines"]),
        int(data["beat"]),
        int(data["start_frame"]),
    )


@dataclass(frozen=True)
class LessonRecord:
    """What one rendered lesson is: its settings, frames, beats, cues and files.

    JSON schema (``NN-slug.json`` and each entry of ``manifest.json``'s
    ``lessons``; every key is required unless marked optional)::

        schema            int    SCHEMA (2); absent in records of schema 1
        lesson            str    the slug, e.g. "vectors"
        number            int    position in the course, from 1
        title, area, summary  str
        params            obj    every parameter as resolved, JSON values
        given             obj    only the values given with --set
        quality           str    the output folder's name, e.g. "preview"
        width, height     int    pixels
        fps               int    frames per second
        planned_frames    int    frames of the plan
        decoded_frames    int    frames of the video, checked against the plan
        duration          float  seconds (decoded_frames / fps, 6 decimals)
        video             str    file name beside the record, e.g. "01-vectors.mp4"
        captions          obj    {"vtt": file name, "srt": file name}
        chapters_vtt      str    file name of the chapters track
        voice             str    e.g. "piper:joe" or "none"
        has_audio, burned_captions  bool
        sha256            str    of the video file
        video_size        int    bytes; with video_mtime_ns, tells a changed file
        video_mtime_ns    int
        cache_key         str    sources, given values and settings (outputs.render_key)
        beats             list   {index, start_frame, frames, text, say,
                                  speech_seconds, chapter, key}
        chapters          list   {title, start_frame}
        cues              list   the captions as written: {start, end (seconds,
                                  to the millisecond), lines, beat, start_frame}
        render_seconds    float
        rendered_at       str    ISO 8601, UTC
        manim_version, mathreel_version  str
        pieces            int    optional: how many split pieces were joined
        segments          obj    optional: {"reused": int, "drawn": int} steps
                                  taken from the segment cache or drawn

    Raises
    ------
    RecordError
        From :meth:`from_json`, on another schema or a missing or malformed field.
    """

    lesson: str
    number: int
    title: str
    area: str
    summary: str
    params: dict[str, Any]
    given: dict[str, Any]
    quality: str
    width: int
    height: int
    fps: int
    planned_frames: int
    decoded_frames: int
    duration: float
    video: str
    vtt: str
    srt: str
    chapters_vtt: str
    voice: str
    has_audio: bool
    burned_captions: bool
    sha256: str
    video_size: int
    video_mtime_ns: int
    cache_key: str
    beats: tuple[Beat, ...]
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    render_seconds: float
    rendered_at: str
    manim_version: str
    mathreel_version: str
    pieces: int | None = None
    #: ``(reused, drawn)``: steps taken from the segment cache, steps drawn.
    segments: tuple[int, int] | None = None

    @property
    def stem(self) -> str:
        """The lesson's file stem, e.g. ``01-vectors``."""
        return Path(self.video).stem

    def plan(self) -> Plan:
        """The record's timeline as a :class:`Plan` (beats and chapters, no steps)."""
        return Plan(
            lesson=self.lesson,
            fps=self.fps,
            frames=self.decoded_frames,
            beats=list(self.beats),
            steps=[],
            chapters=list(self.chapters),
        )

    @property
    def key_beat(self) -> Beat:
        """The lesson's key moment, as :attr:`Plan.key_beat` decides.

        Raises
        ------
        RecordError
            When the record has no beat.
        """
        beat = self.plan().key_beat
        if beat is None:
            raise RecordError(f"lesson '{self.lesson}' has no beats")
        return beat

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON data, in the schema above."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "lesson": self.lesson,
            "number": self.number,
            "title": self.title,
            "area": self.area,
            "summary": self.summary,
            "params": self.params,
            "quality": self.quality,
            "width": self.width,
            "height": self.height,
            "fps": self.fps,
            "planned_frames": self.planned_frames,
            "decoded_frames": self.decoded_frames,
            "duration": self.duration,
            "video": self.video,
            "captions": {"vtt": self.vtt, "srt": self.srt},
            "chapters_vtt": self.chapters_vtt,
            "voice": self.voice,
            "has_audio": self.has_audio,
            "burned_captions": self.burned_captions,
            "sha256": self.sha256,
            "video_size": self.video_size,
            "video_mtime_ns": self.video_mtime_ns,
            "given": self.given,
            "cache_key": self.cache_key,
            "beats": [_beat_json(b) for b in self.beats],
            "chapters": [
                {"title": c.title, "start_frame": c.start_frame} for c in self.chapters
            ],
            "cues": [_cue_json(c) for c in self.cues],
            "render_seconds": self.render_seconds,
            "rendered_at": self.rendered_at,
            "manim_version": self.manim_version,
            "mathreel_version": self.mathreel_version,
        }
        if self.pieces is not None:
            data["pieces"] = self.pieces
        if self.segments is not None:
            data["segments"] = {"reused": self.segments[0], "drawn": self.segments[1]}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, source: str = "") -> LessonRecord:
        """Rebuild a record written by :meth:`to_json`.

        Parameters
        ----------
        data
            The record's JSON data.
        source
            Where it came from (a file name), for the error message.

        Raises
        ------
        RecordError
            When the record has another schema, or a field is missing or malformed.
        """
        what = source or f"the record of lesson '{data.get('lesson', '?')}'"
        _check_schema(data, what, "render the lesson again")
        try:
            return cls(
                lesson=str(data["lesson"]),
                number=int(data["number"]),
                title=str(data["title"]),
                area=str(data["area"]),
                summary=str(data["summary"]),
                params=dict(data["params"]),
                given=dict(data["given"]),
                quality=str(data["quality"]),
                width=int(data["width"]),
                height=int(data["height"]),
                fps=int(data["fps"]),
                planned_frames=int(data["planned_frames"]),
                decoded_frames=int(data["decoded_frames"]),
                duration=float(data["duration"]),
                video=str(data["video"]),
                vtt=str(data["captions"]["vtt"]),
                srt=str(data["captions"]["srt"]),
                chapters_vtt=str(data["chapters_vtt"]),
                voice=str(data["voice"]),
                has_audio=bool(data["has_audio"]),
                burned_captions=bool(data["burned_captions"]),
                sha256=str(data["sha256"]),
                video_size=int(data["video_size"]),
                video_mtime_ns=int(data["video_mtime_ns"]),
                cache_key=str(data["cache_key"]),
                beats=tuple(
                    Beat(**{k: b[k] for k in _BEAT_KEYS}) for b in data["beats"]
                ),
                chapters=tuple(
                    Chapter(str(c["title"]), int(c["start_frame"]))
                    for c in data["chapters"]
                ),
                cues=tuple(_cue(c) for c in data["cues"]),
                render_seconds=float(data["render_seconds"]),
                rendered_at=str(data["rendered_at"]),
                manim_version=str(data["manim_version"]),
                mathreel_version=str(data["mathreel_version"]),
                pieces=int(data["pieces"]) if data.get("pieces") is not None else None,
                segments=(
                    (int(data["segments"]["reused"]), int(data["segments"]["drawn"]))
                    if data.get("segments") is not None
                    else None
                ),
            )
        except KeyError as error:
            raise RecordError(f"{what} has no field {error.args[0]!r}") from None
        except (TypeError, ValueError, AttributeError) as error:
            raise RecordError(f"{what} is malformed ({error})") from None


def read_record(path: Path) -> LessonRecord:
    """The record in ``path`` (a lesson's ``NN-slug.json``).

    Raises
    ------
    OSError
        When the file cannot be read.
    RecordError
        When it is not JSON, has another schema or lacks a field.
    """
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise RecordError(f"{path} is not JSON ({error})") from None
    if not isinstance(data, dict):
        raise RecordError(f"{path} is not a record")
    return LessonRecord.from_json(data, source=str(path))


@dataclass(frozen=True)
class Manifest:
    """Every lesson record of a rendered folder, in course order.

    JSON schema (``manifest.json``)::

        schema        int    SCHEMA (2); absent in manifests of schema 1
        course        str    "mathreel"
        quality       str    the folder's name, e.g. "preview" or "72p5"
        width, height int    pixels
        fps           int    frames per second
        generated_at  str    ISO 8601, UTC
        lessons       list   LessonRecord JSON, by lesson number
        merged_from   int    optional: how many shard folders were merged

    Raises
    ------
    RecordError
        From :meth:`from_json`, on another schema or a missing or malformed field.
    """

    quality: str
    width: int
    height: int
    fps: int
    generated_at: str
    lessons: tuple[LessonRecord, ...] = field(default=())
    course: str = "mathreel"
    merged_from: int | None = None

    def settings(self) -> tuple[str, int, int, int]:
        """``(quality, width, height, fps)``: what folders to merge must share."""
        return (self.quality, self.width, self.height, self.fps)

    def to_json(self) -> dict[str, Any]:
        """The manifest as plain JSON data, in the schema above."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "course": self.course,
            "quality": self.quality,
            "width": self.width,
            "height": self.height,
            "fps": self.fps,
            "generated_at": self.generated_at,
        }
        if self.merged_from is not None:
            data["merged_from"] = self.merged_from
        data["lessons"] = [r.to_json() for r in self.lessons]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, source: str = "") -> Manifest:
        """Rebuild a manifest written by :meth:`to_json`.

        Raises
        ------
        RecordError
            When the manifest or one of its records has another schema, or a
            field is missing or malformed.
        """
        what = source or "the manifest"
        advice = "render the lessons again"
        _check_schema(data, what, advice)
        try:
            lessons: Sequence[Mapping[str, Any]] = data["lessons"]
            return cls(
                course=str(data.get("course", "mathreel")),
                quality=str(data["quality"]),
                width=int(data["width"]),
                height=int(data["height"]),
                fps=int(data["fps"]),
                generated_at=str(data["generated_at"]),
                lessons=tuple(
                    LessonRecord.from_json(r, source=f"{what} (lesson {k + 1})")
                    for k, r in enumerate(lessons)
                ),
                merged_from=(
                    int(data["merged_from"])
                    if data.get("merged_from") is not None
                    else None
                ),
            )
        except KeyError as error:
            raise RecordError(
                f"{what} has no field {error.args[0]!r}", advice
            ) from None
        except (TypeError, ValueError, AttributeError) as error:
            raise RecordError(f"{what} is malformed ({error})", advice) from None


def read_manifest(path: Path) -> Manifest:
    """The manifest in ``path`` (a folder's ``manifest.json``).

    Raises
    ------
    OSError
        When the file cannot be read.
    RecordError
        When it is not JSON, has another schema or lacks a field.
    """
    advice = "render the lessons again"
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise RecordError(f"cannot read {path} ({error})", advice) from None
    if not isinstance(data, dict):
        raise RecordError(f"{path} is not a manifest", advice)
    return Manifest.from_json(data, source=str(path))
