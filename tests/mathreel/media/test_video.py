"""Muxing narration: an encoded track copied in equals the same samples encoded in place."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from mathreel.media.video import encode_audio, finalize_video

FPS = 10
RATE = 48_000


def _silent(path: Path, frames: int, container: str) -> Path:
    codec, pixels = (
        ("libx264", "yuv420p") if container == "mp4" else ("libvpx-vp9", "yuv420p")
    )
    with av.open(str(path), "w", format=container) as output:
        stream = output.add_stream(codec, rate=FPS)
        stream.width, stream.height = 32, 18
        stream.pix_fmt = pixels
        for n in range(frames):
            frame = av.VideoFrame.from_ndarray(
                np.full((18, 32, 3), 8 * n, dtype=np.uint8), format="rgb24"
            )
            frame.pts = n
            frame.time_base = Fraction(1, FPS)
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return path


def _audio(path: Path) -> tuple[np.ndarray, float]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        samples = np.concatenate(
            [f.to_ndarray().reshape(-1) for f in container.decode(stream)]
        )
        seconds = float(stream.duration * stream.time_base) if stream.duration else 0.0
    return samples, seconds


@pytest.mark.parametrize("container", ["mp4", "webm"])
def test_a_cached_track_muxes_as_the_samples_would(tmp_path, container):
    silent = _silent(tmp_path / f"silent.{container}", 30, container)
    t = np.arange(3 * RATE) / RATE
    samples = (0.4 * np.sin(2 * np.pi * 330 * t) * (t > 0.5)).astype(np.float32)
    in_place = tmp_path / f"a.{container}"
    finalize_video(silent, in_place, audio=samples, fps=FPS, container=container)
    track = tmp_path / ("track.m4a" if container == "mp4" else "track.weba")
    encode_audio(samples, track, container=container)
    copied = tmp_path / f"b.{container}"
    finalize_video(silent, copied, audio=track, fps=FPS, container=container)
    (a, a_seconds), (b, b_seconds) = _audio(in_place), _audio(copied)
    assert a.size > 0 and np.array_equal(a, b)
    assert a_seconds == pytest.approx(b_seconds)
    with av.open(str(copied)) as video:
        assert sum(1 for _ in video.decode(video=0)) == 30
