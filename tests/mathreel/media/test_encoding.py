"""The faster segment encoder writes the same pictures as manim's own."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from mathreel.media import encoding


def _encode(path, write, frames, width=64):
    spec = VideoEncoderSpec(
        "mp4", "libx264", "yuv420p", width, 48, Fraction(10), (("qp", "0"),)
    )
    encoder = VideoSegmentEncoder(target=path, spec=spec)
    for pixels, repeat in frames:
        write(encoder, pixels, repeat=repeat)
    encoder.finish()
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_same_pictures_and_frame_count_as_manims_encoder(tmp_path):
    encoding.install()
    rng = np.random.default_rng(1)
    frames = [
        (
            np.ascontiguousarray(rng.integers(0, 256, (48, 64, 4), dtype=np.uint8)),
            repeat,
        )
        for repeat in (1, 5, 1, 3)
    ]
    ours = _encode(tmp_path / "ours.mp4", VideoSegmentEncoder.write_frame, frames)
    theirs = _encode(tmp_path / "theirs.mp4", encoding.original_write_frame, frames)
    assert len(ours) == len(theirs) == 10
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))


def test_frames_are_wrapped_not_copied_and_odd_widths_encode_the_same(tmp_path):
    encoding.install()
    pixels = np.random.default_rng(2).integers(0, 256, (48, 66, 4), dtype=np.uint8)
    frame = encoding._rgba_frame(pixels)
    assert np.shares_memory(np.frombuffer(frame.planes[0], np.uint8), pixels)
    frames = [(pixels, 2)]
    ours = _encode(tmp_path / "a.mp4", VideoSegmentEncoder.write_frame, frames, 66)
    theirs = _encode(tmp_path / "b.mp4", encoding.original_write_frame, frames, 66)
    assert len(ours) == 2
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))


def test_encoder_threads_come_from_the_workers_share(monkeypatch):
    monkeypatch.delenv(encoding.THREADS_ENV, raising=False)
    assert encoding.thread_options() == {}
    monkeypatch.setenv(encoding.THREADS_ENV, "1")
    assert encoding.thread_options() == {"threads": "1"}
    for junk in ("0", "-2", "two", ""):
        monkeypatch.setenv(encoding.THREADS_ENV, junk)
        assert encoding.thread_options() == {}


def test_pool_workers_get_cores_divided_by_workers(monkeypatch):
    from mathreel.pipeline import batch

    monkeypatch.delenv(encoding.THREADS_ENV, raising=False)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 8)
    with batch._local_pool(4) as submit:
        seen = submit(batch.os.getenv, encoding.THREADS_ENV).result()
    assert seen == "2"
