"""The faster segment encoder writes the same pictures as manim's own."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from mathreel import encoding


def _encode(path, write, frames):
    spec = VideoEncoderSpec(
        "mp4", "libx264", "yuv420p", 64, 48, Fraction(10), (("qp", "0"),)
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
