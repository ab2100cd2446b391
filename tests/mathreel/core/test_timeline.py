"""The frame rules of manim, as the timeline reproduces them."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mathreel.core.timeline import (
    Plan,
    Timeline,
    play_frames,
    wait_frames,
    wait_time_for_frames,
)


def test_the_rules_manim_uses():
    assert play_frames(1.0, 15) == 15
    assert play_frames(0.5, 15) == 8  # arange includes t=0
    assert wait_frames(0.5, 15) == 7  # truncated, not rounded
    assert wait_frames(1.0, 60) == 60


@given(
    frames=st.integers(min_value=1, max_value=2000),
    fps=st.sampled_from([5, 7, 10, 12, 15, 24, 25, 30, 50, 60]),
    frozen=st.booleans(),
)
def test_wait_time_for_frames_is_exact(frames, fps, frozen):
    duration = wait_time_for_frames(frames, fps, frozen=frozen)
    rule = wait_frames if frozen else play_frames
    assert rule(duration, fps) == frames
    assert abs(duration - frames / fps) <= 0.5 / fps + 1e-9


def test_timeline_records_beats_steps_and_chapters():
    t = Timeline("demo", 10)
    t.add_chapter("Intro")
    beat = t.begin_beat("Hello.", "Hello.", "Intro")
    t.record("Write", 1.0, frozen=False, wait=False)
    t.record("wait", 0.55, frozen=True, wait=True)
    t.end_beat()
    t.record("FadeOut", 0.25, frozen=False, wait=False)
    plan = t.plan()
    assert beat.frames == 10 + 5
    assert plan.frames == 15 + len(np.arange(0, 0.25, 0.1))
    assert plan.steps[2].beat is None
    assert Plan.from_json(plan.to_json()) == plan
    assert plan.duration == plan.frames / 10


def test_a_chapter_at_the_same_frame_replaces_the_empty_one():
    t = Timeline("demo", 10)
    t.add_chapter("a")
    t.add_chapter("b")
    assert [c.title for c in t.chapters] == ["b"]


def _steps_plan(frames):
    t = Timeline("demo", 10)
    for f in frames:
        t.record("Play", f / 10, frozen=True, wait=True)
    return t.plan()


def test_split_cuts_between_steps_into_similar_parts():
    plan = _steps_plan([10, 30, 20, 20, 10, 30, 40])
    ranges = plan.split(2)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(plan.steps)
    assert all(a[1] == b[0] for a, b in pairwise(ranges))
    sizes = [sum(s.frames for s in plan.steps[a:b]) for a, b in ranges]
    assert sum(sizes) == plan.frames
    assert max(sizes) - min(sizes) <= 40
    assert plan.split(1) == [(0, 7)]
    assert len(plan.split(50)) <= 7


def test_split_by_measured_cost_cuts_where_the_work_halves():
    plan = _steps_plan([10, 10, 10, 10])
    assert plan.split(2) == [(0, 2), (2, 4)]  # equal frames
    # the last step took as long to draw as the other three together
    assert plan.split(2, [1.0, 1.0, 1.0, 3.0]) == [(0, 3), (3, 4)]
    # costs that do not fit the steps are ignored
    assert plan.split(2, [5.0, 1.0]) == plan.split(2)
    assert plan.split(2, [0.0, 0.0, 0.0, 0.0]) == plan.split(2)
