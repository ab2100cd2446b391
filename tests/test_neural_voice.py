"""A lesson rendered with the neural voice: broadcast loudness, captions on words."""

from __future__ import annotations

import av
import numpy as np
import pytest
import webvtt

from mathreel.core.course import load_course
from mathreel.core.quality import resolve_quality
from mathreel.media.audio import LOUDNESS, TRUE_PEAK, loudness, true_peak
from mathreel.narration.voice import Piper, parse_voice
from mathreel.outputs.course_video import build_course_video
from mathreel.render.options import RenderOptions, write_manifest
from mathreel.render.worker import plan_lesson, render_lesson

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Piper.installed(), reason="the neural voice is not installed"
    ),
]
FPS = 10


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    entry = load_course().get("vectors")
    out = tmp_path_factory.mktemp("neural")
    quality = resolve_quality("preview", resolution="192x108", fps=FPS)
    options = RenderOptions(quality, voice=parse_voice("piper"))
    record = render_lesson(entry, {}, options, out)
    plan = plan_lesson(entry, fps=FPS, voice=parse_voice("piper"))
    return out, record, plan


def _narration(video):
    with av.open(str(video)) as container:
        stream = container.streams.audio[0]
        rate = int(stream.rate)
        samples = np.concatenate(
            [f.to_ndarray().mean(axis=0) for f in container.decode(stream)]
        ).astype(np.float32)
    return samples, rate


def test_narration_is_at_broadcast_loudness(rendered):
    out, record, _ = rendered
    samples, rate = _narration(out / record.video)
    assert abs(loudness(samples, rate) - LOUDNESS) <= 0.5
    assert true_peak(samples) <= TRUE_PEAK  # after AAC encoding and decoding


def test_the_course_video_is_at_broadcast_loudness(rendered):
    # The course's narration is a second AAC generation: at 128 kb/s the
    # encoder put this lesson's true peak at +0.4 dBTP (its own track: -1.6).
    out, _, _ = rendered
    write_manifest(
        out, load_course(), resolve_quality("preview", resolution="192x108", fps=FPS)
    )
    course = build_course_video(out)
    samples, rate = _narration(out / course.video)
    assert abs(loudness(samples, rate) - LOUDNESS) <= 0.5
    assert true_peak(samples) <= TRUE_PEAK


def test_every_cue_starts_on_its_first_words_frame(rendered):
    out, record, plan = rendered
    timed = [b for b in plan.beats if b.word_starts]
    assert len(timed) >= 0.9 * len(plan.beats)
    # every caption word in order, with when it is spoken (seconds)
    spoken: list[tuple[str, float]] = []
    for beat in plan.beats:
        begin = beat.start_frame / FPS
        starts = beat.word_starts or [0.0] * len(beat.text.split())
        spoken += [
            (w, begin + (s if k else 0.0))
            for k, (w, s) in enumerate(zip(beat.text.split(), starts, strict=True))
        ]
    position = 0
    checked = 0
    for caption in webvtt.read(str(out / record.vtt)).captions:
        words = caption.text.split()
        assert [w for w, _ in spoken[position : position + len(words)]] == words
        cue_start = caption.start_in_seconds + caption.start_time.milliseconds / 1000
        assert abs(cue_start - spoken[position][1]) <= 1 / FPS + 1e-3, caption.text
        position += len(words)
        checked += 1
    assert position == len(spoken) and checked > len(plan.beats)
