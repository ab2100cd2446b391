"""Captions from the plan: cue limits, frame-exact timing, valid WebVTT and SRT."""

from __future__ import annotations

import itertools
from datetime import timedelta

import srt as srt_format
import webvtt
from hypothesis import given
from hypothesis import strategies as st

from mathreel.core.timeline import Beat, Chapter, Plan
from mathreel.narration.captions import (
    MAX_LINE,
    MAX_LINES,
    chapters_vtt,
    chunk_text,
    cues_for,
    srt,
    timestamp,
    vtt,
)

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
punct = st.sampled_from(["", "", "", ",", ".", "?", ";", ":"])
sentences = st.lists(st.tuples(words, punct), min_size=1, max_size=60).map(
    lambda ws: " ".join(w + p for w, p in ws)
)


@given(sentences)
def test_cues_obey_the_line_limits_and_keep_every_word(text):
    cues = chunk_text(text)
    for lines in cues:
        assert 1 <= len(lines) <= MAX_LINES
        assert all(0 < len(line) <= MAX_LINE for line in lines)
    assert " ".join(" ".join(lines) for lines in cues).split() == text.split()


def test_breaks_fall_on_phrase_boundaries():
    cues = chunk_text(
        "Now apply a matrix, A. The whole grid moves, yet its lines stay straight, "
        "parallel and evenly spaced, and the origin stays put."
    )
    assert cues[0] == [
        "Now apply a matrix, A. The whole grid",
        "moves, yet its lines stay straight,",
    ]
    assert cues[1] == ["parallel and evenly spaced,", "and the origin stays put."]


def _plan(fps=15):
    beats = [
        Beat(
            0,
            "Hello there. This is the first line of the lesson, rather long.",
            "",
            0,
            60,
            3.1,
        ),
        Beat(1, "Short one.", "", 60, 30, 1.2),
        Beat(2, "The last beat runs right to the end of the video.", "", 90, 20, 2.5),
    ]
    return Plan("demo", fps, 110, beats, [], [Chapter("Intro", 0), Chapter("End", 90)])


def test_cue_starts_are_frames_and_beats_start_on_their_first_frame():
    plan = _plan()
    cues = cues_for(plan)
    firsts = {}
    for cue in cues:
        firsts.setdefault(cue.beat, cue)
        assert cue.start == cue.start_frame / plan.fps
        assert cue.end <= plan.frames / plan.fps
        assert cue.start < cue.end
    assert [firsts[b.index].start_frame for b in plan.beats] == [0, 60, 90]
    assert cues[-1].end == plan.frames / plan.fps  # cut at the end of the video


def test_vtt_parses_with_a_real_parser_and_srt_matches():
    plan = _plan()
    cues = cues_for(plan)
    parsed = webvtt.from_string(vtt(cues))
    assert len(parsed.captions) == len(cues)
    for caption, cue in zip(parsed.captions, cues, strict=True):
        assert caption.start == timestamp(cue.start)
        assert caption.end == timestamp(cue.end)
        assert caption.text.splitlines() == list(cue.lines)
    srt_text = srt(cues)
    assert srt_text.startswith("1\n00:00:00,000 --> ")
    subtitles = list(srt_format.parse(srt_text))  # raises on a malformed block
    assert [s.index for s in subtitles] == list(range(1, len(cues) + 1))
    for subtitle, cue in zip(subtitles, cues, strict=True):
        assert subtitle.start == timedelta(milliseconds=round(cue.start * 1000))
        assert subtitle.end == timedelta(milliseconds=round(cue.end * 1000))
        assert subtitle.content.splitlines() == list(cue.lines)
    chapters = webvtt.from_string(chapters_vtt(plan))
    assert [c.text for c in chapters.captions] == ["Intro", "End"]
    assert chapters.captions[1].start == timestamp(90 / 15)
    assert chapters.captions[-1].end == timestamp(110 / 15)


def test_timestamps():
    assert timestamp(3725.5) == "01:02:05.500"
    assert timestamp(0.0666667, comma=True) == "00:00:00,067"


# Beats as a lesson plans them: caption text, frames (a beat may write none),
# loose frames before it (steps between beats), and its speech time.
_beats = st.lists(
    st.tuples(
        st.one_of(st.just(""), sentences),
        st.integers(0, 240),
        st.integers(0, 5),
        st.floats(0.0, 20.0),
    ),
    min_size=1,
    max_size=6,
)


@given(_beats, st.integers(1, 60))
def test_every_word_reaches_the_captions_at_every_frame_rate(specs, fps):
    beats, frame = [], 0
    for index, (text, frames, gap, speech) in enumerate(specs):
        frame += gap
        beats.append(Beat(index, text, "", frame, frames, speech))
        frame += frames
    if not any(b.frames for b in beats):
        beats[0].frames = 1  # a video has at least one frame
        frame += 1
    plan = Plan("demo", fps, frame, beats, [], [])
    cues = cues_for(plan)
    said = " ".join(b.text for b in beats).split()
    assert " ".join(" ".join(c.lines) for c in cues).split() == said
    for cue in cues:
        assert cue.start_frame / fps == cue.start
        assert cue.end > cue.start  # every cue is on screen for a while
        assert cue.end <= plan.frames / fps  # and never past the end of the video
    for before, after in itertools.pairwise(cues):
        assert before.end <= after.start  # one cue at a time, in order


def test_a_short_sentence_in_a_long_beat_survives_one_frame_per_second():
    # the case found by hand: at 1 fps the middle cue started on the frame the
    # next one starts, and was dropped from the VTT and SRT
    text = (
        "Each arrow starts at the origin and ends at its point in the plane. Yes. "
        "The two numbers that locate its tip along the horizontal and the vertical "
        "axis are its coordinates."
    )
    plan = Plan("demo", 1, 40, [Beat(0, text, "", 0, 40, 7.0)], [], [])
    cues = cues_for(plan)
    assert " ".join(" ".join(c.lines) for c in cues).split() == text.split()
