"""Captions and chapters from the frame plan: WebVTT, SRT and a WebVTT chapters track.

Each beat's caption text is cut into cues of at most two lines of at most 42
characters, broken at phrase boundaries where it can be. A beat's first cue
starts on the beat's first frame. When the voice reports word timings (Piper),
each later cue starts on the frame nearest to when its first word is spoken;
otherwise the beat's speech time is shared among its cues by length, each cue
starting on a frame. Times are frame timestamps written
to the millisecond, and no cue runs past the end of the video.

Every word of every beat reaches the captions at every frame rate: chunks that
would start on the same frame (a short sentence in a long beat at ``--fps 1``)
are shown together as one cue, and the words of a beat that writes no frame
join the cue before it (or the first one after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mathreel.core.timeline import Beat, Plan

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
    """Every caption cue of a lesson, timed on its frames.

    Every word of every beat's text is in exactly one cue, in order, at every
    frame rate. Cues never overlap, each lasts at least one frame, and none
    runs past the end of the video. At a very low frame rate several of a
    beat's chunks can fall on the same frame: they become one cue (re-broken
    into two lines when they fit, else their lines one after another). A beat
    that writes no frame (or starts after the video ends) has its words added
    to the cue before it, or to the first cue after it when none came before.

    Parameters
    ----------
    plan
        The lesson's frame plan (``plan.fps`` frames per second, beats with
        their first frame, length in frames and speech time in seconds).

    Returns
    -------
    list[Cue]
        The cues in time order; ``start``/``end`` in seconds, on frame times.
    """
    fps = plan.fps
    end_of_video = plan.frames
    cues: list[Cue] = []
    homeless: list[str] = []  # words of beats with no frame of their own
    homeless_from = (0, 0)  # the first such beat: its first frame and index
    for beat in plan.beats:
        chunks = chunk_text(beat.text)
        if not chunks:
            continue
        beat_end = min(beat.start_frame + beat.frames, end_of_video)
        if beat_end <= beat.start_frame:  # no frame to show them on
            words = [w for chunk in chunks for line in chunk for w in line.split()]
            if cues:
                cues[-1] = _with_words(cues[-1], words, at_end=True)
            else:
                homeless_from = (
                    homeless_from if homeless else (beat.start_frame, beat.index)
                )
                homeless += words
            continue
        speech_frames = max(1, round(beat.speech_seconds * fps))
        starts = _word_timed_starts(beat, chunks, fps, beat_end)
        if starts is None:  # no word timings: the speech time shared by length
            sizes = [sum(len(line) for line in chunk) for chunk in chunks]
            total = sum(sizes)
            starts = []
            done = 0
            for size in sizes:
                offset = round(speech_frames * done / total)
                starts.append(min(beat.start_frame + offset, beat_end - 1))
                done += size
        last_end = min(beat_end, beat.start_frame + speech_frames + round(HOLD * fps))
        # chunks starting on the same frame are shown together, as one cue
        groups: list[tuple[int, list[str]]] = []
        for start, chunk in zip(starts, chunks, strict=True):
            if groups and groups[-1][0] == start:
                groups[-1][1].extend(chunk)
            else:
                groups.append((start, list(chunk)))
        for i, (start, lines) in enumerate(groups):
            end = groups[i + 1][0] if i + 1 < len(groups) else max(last_end, start + 1)
            cue = Cue(start / fps, end / fps, _relined(lines), beat.index, start)
            if homeless:
                cue = _with_words(cue, homeless, at_end=False)
                homeless = []
            cues.append(cue)
    if homeless and end_of_video > 0:  # no beat with text had a frame of its own
        start = min(homeless_from[0], end_of_video - 1)
        lines = _lines(homeless) or [" ".join(p) for p in _split_long(homeless)]
        cue = Cue(
            start / fps, end_of_video / fps, tuple(lines), homeless_from[1], start
        )
        cues.append(cue)
    return cues


def _word_timed_starts(
    beat: Beat, chunks: list[list[str]], fps: float, beat_end: int
) -> list[int] | None:
    """Each chunk's first frame from the voice's word timings, or ``None``.

    A chunk starts on the frame nearest to when its first word is spoken (the
    beat's first chunk on the beat's first frame); ``None`` when the beat has no
    timings or they do not cover its words.
    """
    timings = beat.word_starts
    if not timings or len(timings) != len(beat.text.split()):
        return None
    starts: list[int] = []
    word = 0
    for chunk in chunks:
        offset = round(timings[word] * fps) if starts else 0
        frame = min(beat.start_frame + offset, beat_end - 1)
        starts.append(max(frame, starts[-1] if starts else frame))
        word += sum(len(line.split()) for line in chunk)
    return starts


def _relined(lines: list[str]) -> tuple[str, ...]:
    """Lines of merged chunks: re-broken into two lines when the words fit."""
    if len(lines) <= MAX_LINES:
        return tuple(lines)
    words = " ".join(lines).split()
    broken = _lines(words)
    return tuple(broken) if broken is not None else tuple(lines)


def _with_words(cue: Cue, words: list[str], *, at_end: bool) -> Cue:
    """``cue`` with ``words`` added after (``at_end``) or before its own."""
    own = [w for line in cue.lines for w in line.split()]
    merged = own + words if at_end else words + own
    lines = _lines(merged) or [" ".join(p) for p in _split_long(merged)]
    return Cue(cue.start, cue.end, tuple(lines), cue.beat, cue.start_frame)


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
