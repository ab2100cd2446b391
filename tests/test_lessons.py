"""Every lesson of the course, checked the same way.

Construct-only (fast): the plan has no layout problems, the lesson lasts 45 to
180 seconds, opens with its title card and closes with a recap of 3 to 12 seconds
(one beat over the key picture; recaps are at most a tenth of the course), and
narration covers the video. Real renders (slow, run in CI): each lesson rendered with its
spoken narration at a tiny resolution and two frame rates decodes to exactly the
planned frames, its audio track is as long as the video, its chapters read back
from the MP4, and every beat's first caption cue starts on the timestamp of the
beat's first decoded frame.
"""

from __future__ import annotations

import json

import av
import pytest
import webvtt

from mathreel.core.course import load_course
from mathreel.core.quality import resolve_quality
from mathreel.media.video import audio_seconds, probe, read_chapters, sha256
from mathreel.narration.captions import MAX_LINE, MAX_LINES
from mathreel.render.worker import plan_lesson, render_lesson

SLUGS = load_course().slugs


@pytest.mark.parametrize("slug", SLUGS)
def test_plan_is_a_complete_lesson(course, slug):
    plan = plan_lesson(course.get(slug), fps=15)
    assert not plan.warnings, plan.warnings
    assert 45 <= plan.duration <= 180
    assert plan.beats[0].chapter == "Introduction"
    assert plan.chapters[0].start_frame == 0
    assert any(b.chapter == "Recap" for b in plan.beats[-3:])
    # the poster and the key-moment loop show the lesson's idea, not its recap
    keys = [b for b in plan.beats if b.key]
    assert len(keys) == 1 and keys[0].chapter != "Recap", keys
    for beat in plan.beats:
        assert beat.text.strip() and beat.text.rstrip()[-1] in ".?!:", beat.text
        assert beat.frames >= 1
    narrated = sum(b.frames for b in plan.beats)
    assert narrated >= 0.85 * plan.frames
    assert plan.frames == sum(s.frames for s in plan.steps)


def recap_seconds(plan) -> float:
    """Seconds from the start of the "Recap" chapter to the end of the lesson."""
    starts = [c.start_frame for c in plan.chapters if c.title == "Recap"]
    return (plan.frames - starts[-1]) / plan.fps if starts else 0.0


@pytest.mark.parametrize("slug", SLUGS)
def test_recap_is_a_short_close_not_a_text_slide(course, slug):
    plan = plan_lesson(course.get(slug), fps=15)
    assert 3 <= recap_seconds(plan) <= 12, recap_seconds(plan)
    recap = [b for b in plan.beats if b.chapter == "Recap"]
    assert len(recap) == 1 and not recap[0].text.startswith("To remember:")


def test_recaps_take_at_most_a_tenth_of_the_course(course):
    plans = [plan_lesson(entry, fps=15) for entry in course]
    share = sum(map(recap_seconds, plans)) / sum(p.duration for p in plans)
    assert share <= 0.10, f"recaps are {share:.1%} of the course"


@pytest.mark.slow
@pytest.mark.parametrize("fps", [6, 10])
@pytest.mark.parametrize("slug", SLUGS)
def test_rendered_frames_equal_the_plan(course, tmp_path, slug, fps):
    entry = course.get(slug)
    quality = resolve_quality("preview", resolution="192x108", fps=fps)
    record = render_lesson(entry, {}, quality, tmp_path).to_json()
    video = tmp_path / record["video"]
    info = probe(video)
    planned = plan_lesson(entry, fps=fps).frames
    assert (
        info.frames == planned == record["planned_frames"] == record["decoded_frames"]
    )
    assert (info.width, info.height, round(info.fps)) == (192, 108, fps)
    assert info.codec == "h264"
    assert record["sha256"] == sha256(video)
    on_disk = json.loads((tmp_path / f"{entry.stem}.json").read_text())
    assert on_disk["params"] == record["params"]
    plan = plan_lesson(entry, fps=fps)
    assert [b["start_frame"] for b in on_disk["beats"]] == [
        b.start_frame for b in plan.beats
    ]

    period = 1 / fps
    assert record["has_audio"] and info.has_audio
    assert abs(audio_seconds(video) - info.frames / fps) <= period

    chapters = read_chapters(video)
    assert [c[0] for c in chapters] == [c.title for c in plan.chapters]
    for (_, start, _), chapter in zip(chapters, plan.chapters, strict=True):
        assert abs(start - chapter.start_frame / fps) <= period

    with av.open(str(video)) as container:
        times = [frame.time for frame in container.decode(video=0)]
    captions = webvtt.read(str(tmp_path / record["captions"]["vtt"])).captions
    assert captions
    beat_starts = {times[b.start_frame] for b in plan.beats}
    starts = [_seconds(c.start_time) for c in captions]
    for beat in plan.beats:
        # every beat's first cue starts on the beat's first frame, to one frame
        assert min(abs(s - times[beat.start_frame]) for s in starts) <= period
    for caption in captions:
        assert _seconds(caption.end_time) <= info.frames / fps + 1e-3
        lines = caption.text.splitlines()
        assert len(lines) <= MAX_LINES and all(len(line) <= MAX_LINE for line in lines)
        # every cue starts on a frame's timestamp
        assert min(abs(_seconds(caption.start_time) - t) for t in times) <= 0.001
    assert len(beat_starts) == len(plan.beats)


def _seconds(stamp: webvtt.models.Timestamp) -> float:
    return (
        stamp.hours * 3600
        + stamp.minutes * 60
        + stamp.seconds
        + stamp.milliseconds / 1000
    )
