"""Captions and chapters from the frame plan: WebVTT, SRT and a WebVTT chapters track.

Each beat's caption text is cut into cues of at most two lines of at most 42
characters, broken at phrase boundaries where it can be. A beat's first cue
starts on the beat's first frame; the beat's speech time is shared among its
cues by length, each cue starting on a frame. Times are frame timestamps written
to the millisecond, and no cue runs past the end of the video.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .timeline import Plan

__all__ = [
    "MAX_LINE",
    "MAX_LINES",
    "Cue",
    "chapters_vtt",
    "chunk_text",
    "cues_for",
    "srt",
    "timestamp",
    "vtt",
]

MAX_LINE = 42
MAX_LINES = 2
#: How long a beat's last cue stays after its speech ends, at most (seconds).
HOLD = 1.0

_PHRASE_END = re.compile(r"[.!?;:,)]$")
_SENTENCE_END = re.compile(r"[.!?]$")


@dataclass(frozen=True)
class Cue:
    """One caption: lines shown from ``start`` to ``end`` (seconds)."""

    start: float
    end: float
    lines: tuple[str, ...]
    beat: int
    start_frame: int


def _lines(words: list[str]) -> list[str] | None:
    """Break words into at most two lines of at most MAX_LINE characters, balanced.

    Prefers a break after punctuation; ``None`` when the words do not fit.
    """
    one = " ".join(words)
    if len(one) <= MAX_LINE:
        return [one]
    best: tuple[float, list[str]] | None = None
    for k in range(1, len(words)):
        first, second = " ".join(words[:k]), " ".join(words[k:])
        if len(first) > MAX_LINE or len(second) > MAX_LINE:
            continue
        score = max(len(first), len(second)) - (
            8 if _PHRASE_END.search(words[k - 1]) else 0
        )
        if best is None or score < best[0]:
            best = (score, [first, second])
    return best[1] if best else None


def _split_long(words: list[str]) -> list[list[str]]:
    """Cut a phrase too long for one cue into pieces that each fit."""
    pieces: list[list[str]] = []
    current: list[str] = []
    for word in words:
        if current and _lines([*current, word]) is None:
            pieces.append(current)
            current = []
        current.append(word[: 2 * MAX_LINE])  # a single absurd "word" is truncated
    if current:
        pieces.append(current)
    return pieces


def chunk_text(text: str) -> list[list[str]]:
    """Cut caption text into cues, each a list of at most two lines of <= 42 chars.

    Phrases (ending in punctuation) are kept whole where they fit; a new cue
    starts after a sentence ends when the current cue already has a line's worth.
    """
    phrases = [
        p.split() for p in re.split(r"(?<=[.!?;:,])\s+", " ".join(text.split())) if p
    ]
    cues: list[list[str]] = []
    current: list[str] = []
    for phrase in phrases:
        for piece in _split_long(phrase) if _lines(phrase) is None else [phrase]:
            sentence_done = bool(current) and bool(_SENTENCE_END.search(current[-1]))
            full_enough = len(" ".join(current)) >= MAX_LINE * 0.6
            if current and (
                _lines(current + piece) is None or (sentence_done and full_enough)
            ):
                cues.append(current)
                current = []
            current = current + piece
    if current:
        cues.append(current)
    result = []
    for words in cues:
        lines = _lines(words)
        assert lines is not None
        result.append(lines)
    return result


def cues_for(plan: Plan) -> list[Cue]:
    """Every caption cue of a lesson, timed on its frames."""
    fps = plan.fps
    end_of_video = plan.frames
    cues: list[Cue] = []
    for beat in plan.beats:
        chunks = chunk_text(beat.text)
        if not chunks or beat.frames <= 0:
            continue
        beat_end = min(beat.start_frame + beat.frames, end_of_video)
        speech_frames = max(1, round(beat.speech_seconds * fps))
        sizes = [sum(len(line) for line in chunk) for chunk in chunks]
        total = sum(sizes)
        starts = []
        done = 0
        for size in sizes:
            offset = round(speech_frames * done / total)
            starts.append(min(beat.start_frame + offset, beat_end - 1))
            done += size
        last_end = min(beat_end, beat.start_frame + speech_frames + round(HOLD * fps))
        for i, chunk in enumerate(chunks):
            start = starts[i]
            end = starts[i + 1] if i + 1 < len(chunks) else last_end
            if (
                end <= start
            ):  # a beat too short for all its cues: merge into the previous
                continue
            cues.append(Cue(start / fps, end / fps, tuple(chunk), beat.index, start))
    return cues


def timestamp(seconds: float, *, comma: bool = False) -> str:
    """``HH:MM:SS.mmm`` (``,`` before the milliseconds for SRT)."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    sep = "," if comma else "."
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"


def vtt(cues: list[Cue]) -> str:
    """A WebVTT captions file."""
    blocks = ["WEBVTT"]
    for n, cue in enumerate(cues, start=1):
        blocks.append(
            f"{n}\n{timestamp(cue.start)} --> {timestamp(cue.end)}\n"
            + "\n".join(cue.lines)
        )
    return "\n\n".join(blocks) + "\n"


def srt(cues: list[Cue]) -> str:
    """An SRT captions file."""
    blocks = []
    for n, cue in enumerate(cues, start=1):
        blocks.append(
            f"{n}\n{timestamp(cue.start, comma=True)} --> {timestamp(cue.end, comma=True)}\n"
            + "\n".join(cue.lines)
        )
    return "\n\n".join(blocks) + "\n"


def chapter_spans(plan: Plan) -> list[tuple[str, int, int]]:
    """``(title, start_frame, end_frame)`` for each chapter, covering the video."""
    chapters = [c for c in plan.chapters if c.start_frame < plan.frames]
    spans = []
    for i, chapter in enumerate(chapters):
        end = chapters[i + 1].start_frame if i + 1 < len(chapters) else plan.frames
        if end > chapter.start_frame:
            spans.append((chapter.title, chapter.start_frame, end))
    return spans


def chapters_vtt(plan: Plan) -> str:
    """A WebVTT chapters track (``<track kind="chapters">``)."""
    blocks = ["WEBVTT"]
    for n, (title, start, end) in enumerate(chapter_spans(plan), start=1):
        blocks.append(
            f"chapter-{n}\n{timestamp(start / plan.fps)} --> {timestamp(end / plan.fps)}\n{title}"
        )
    return "\n\n".join(blocks) + "\n"
