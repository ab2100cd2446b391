"""The frame-exact timeline of a lesson: beats, animations, chapters.

Manim decides how many frames a call writes by two rules, which this module
reproduces with the same floating-point operations (checked against decoded video
by the test suite):

* a ``play`` of run time ``T`` writes ``len(numpy.arange(0, T, 1 / fps))`` frames;
* a ``wait`` of ``T`` with nothing moving (a frozen frame) writes
  ``int(T / (1 / fps))`` frames, truncated: ``wait(0.5)`` at 15 fps is 7 frames.

The :class:`Timeline` is filled while a lesson's ``construct`` runs, whether frames
are drawn or skipped, so the plan printed by ``mathreel plan`` and the frames of a
real render come from the same record. Captions, narration and chapters are timed
from it, never from seconds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np

__all__ = [
    "Beat",
    "Chapter",
    "Plan",
    "Step",
    "Timeline",
    "clock",
    "frame_time",
    "play_frames",
    "wait_frames",
    "wait_time_for_frames",
]


def play_frames(run_time: float, fps: float) -> int:
    """Frames manim writes for a ``play`` (or a wait with updaters) of ``run_time``."""
    return len(np.arange(0, run_time, 1 / fps))


def wait_frames(duration: float, fps: float) -> int:
    """Frames manim writes for a frozen-frame ``wait`` of ``duration``."""
    dt = 1 / fps
    return int(duration / dt)


def wait_time_for_frames(frames: int, fps: float, *, frozen: bool) -> float:
    """A wait duration that makes manim write exactly ``frames`` frames.

    ``frames / fps`` is tried first, then nudges of half a frame, so the result
    holds under either rule despite floating point.
    """
    rule = wait_frames if frozen else play_frames
    for offset in (0.0, 0.5, -0.5, 0.25, -0.25):
        duration = (frames + offset) / fps
        if duration > 0 and rule(duration, fps) == frames:
            return duration
    raise ValueError(f"no wait duration gives {frames} frames at {fps} fps")


def frame_time(frame: int, fps: float) -> float:
    """The presentation time in seconds of frame number ``frame`` (0-based)."""
    return frame / fps


@dataclass
class Step:
    """One ``play`` or ``wait`` call."""

    index: int
    kind: str  # "play" or "wait"
    description: str
    run_time: float
    start_frame: int
    frames: int
    beat: int | None


@dataclass
class Beat:
    """One narration line and everything played while it is spoken."""

    index: int
    text: str
    say: str
    start_frame: int
    frames: int = 0
    speech_seconds: float = 0.0
    chapter: str | None = None
    key: bool = False
    warnings: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    #: Seconds after the beat's start at which each caption word (of ``text``,
    #: split on whitespace) is spoken, when the voice gives word timings.
    word_starts: list[float] | None = None


@dataclass
class Chapter:
    """A named chapter (a manim section) starting at a frame."""

    title: str
    start_frame: int


@dataclass
class Plan:
    """The complete, frame-exact timeline of one lesson at one frame rate."""

    lesson: str
    fps: float
    frames: int
    beats: list[Beat]
    steps: list[Step]
    chapters: list[Chapter]
    warnings: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        """Length of the video in seconds."""
        return self.frames / self.fps

    @property
    def key_beat(self) -> Beat | None:
        """The beat marked as the lesson's key moment, else the last beat."""
        marked = [b for b in self.beats if b.key]
        return marked[0] if marked else (self.beats[-1] if self.beats else None)

    def split(
        self, parts: int, costs: Sequence[float] | None = None
    ) -> list[tuple[int, int]]:
        """Step ranges ``[start, end)`` cutting the lesson into ``parts`` of similar cost.

        ``costs`` are the seconds each step took the last time (one per step);
        without them (or when they do not fit the steps) a step costs its frames.
        Cuts fall between steps; a lesson with fewer steps than ``parts`` gives
        fewer ranges.
        """
        parts = max(1, min(parts, len(self.steps)))
        weights = (
            list(costs)
            if costs is not None and len(costs) == len(self.steps) and sum(costs) > 0
            else [float(s.frames) for s in self.steps]
        )
        total = sum(weights)
        bounds = [0]
        done = 0.0
        for k, weight in enumerate(weights[:-1]):
            done += weight
            if done >= total * len(bounds) / parts and len(bounds) < parts:
                bounds.append(k + 1)
        bounds.append(len(self.steps))
        return [(a, b) for a, b in pairwise(bounds) if b > a]

    def to_json(self) -> dict[str, Any]:
        """The plan as plain JSON data."""
        data = asdict(self)
        data["duration"] = self.duration
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        """Rebuild a plan written by :meth:`to_json`."""
        return cls(
            lesson=data["lesson"],
            fps=data["fps"],
            frames=data["frames"],
            beats=[Beat(**b) for b in data["beats"]],
            steps=[Step(**s) for s in data["steps"]],
            chapters=[Chapter(**c) for c in data["chapters"]],
            warnings=list(data.get("warnings", [])),
        )


class Timeline:
    """Records a lesson's calls as they happen and counts their frames."""

    def __init__(self, lesson: str, fps: float) -> None:
        self.lesson = lesson
        self.fps = fps
        self.frame = 0
        self.beats: list[Beat] = []
        self.steps: list[Step] = []
        self.chapters: list[Chapter] = []
        self.warnings: list[str] = []
        self.current: Beat | None = None

    def record(
        self, description: str, run_time: float, *, frozen: bool, wait: bool
    ) -> Step:
        """Record one play/wait of ``run_time`` seconds and advance the frame count."""
        frames = (
            wait_frames(run_time, self.fps)
            if frozen
            else play_frames(run_time, self.fps)
        )
        step = Step(
            index=len(self.steps),
            kind="wait" if wait else "play",
            description=description,
            run_time=float(run_time),
            start_frame=self.frame,
            frames=frames,
            beat=self.current.index if self.current else None,
        )
        self.steps.append(step)
        self.frame += frames
        return step

    def begin_beat(
        self, text: str, say: str, chapter: str | None, *, key: bool = False
    ) -> Beat:
        """Open a beat at the current frame."""
        beat = Beat(
            index=len(self.beats),
            text=text,
            say=say,
            start_frame=self.frame,
            chapter=chapter,
            key=key,
        )
        self.beats.append(beat)
        self.current = beat
        return beat

    def end_beat(self) -> Beat:
        """Close the current beat at the current frame."""
        assert self.current is not None
        beat = self.current
        beat.frames = self.frame - beat.start_frame
        self.current = None
        return beat

    def add_chapter(self, title: str) -> None:
        """Start a chapter at the current frame (replacing an empty one there)."""
        if self.chapters and self.chapters[-1].start_frame == self.frame:
            self.chapters[-1].title = title
        else:
            self.chapters.append(Chapter(title, self.frame))

    def frames_for(self, seconds: float) -> int:
        """Whole frames needed to show ``seconds`` (rounded up)."""
        return math.ceil(seconds * self.fps - 1e-9)

    def plan(self) -> Plan:
        """Freeze what has been recorded into a :class:`Plan`."""
        return Plan(
            lesson=self.lesson,
            fps=self.fps,
            frames=self.frame,
            beats=list(self.beats),
            steps=list(self.steps),
            chapters=list(self.chapters),
            warnings=list(self.warnings),
        )


def clock(seconds: float) -> str:
    """``1:05.3``: minutes and seconds to a tenth, for logs and tables."""
    minutes, rest = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{rest:04.1f}"
