"""Faster frame encoding for manim's video segments.

manim converts every frame from RGBA to the encoder's pixel format inside the
encoder call, on one thread, and converts a still frame again for every repeat
of a ``wait``. In a narrated lesson, beats end in still waits, so a large share of
the frames are repeats. :func:`install` replaces manim's
``VideoSegmentEncoder.write_frame`` with one that converts each distinct frame
once, with FFmpeg's threaded converter, and hands the converted frame to the
encoder for every repeat. The frame is wrapped, not copied (manim hands over
ownership of a C-contiguous array), which saves copying 8 MB per 1080p frame.
The encoded pictures are the same.

:func:`thread_options` gives each worker's encoder its share of the cores: the
batch pool sets ``MATHREEL_ENCODER_THREADS`` to cores / workers, since x264's
own default (1.5 threads per core in every process) oversubscribes a machine
already running one lesson per core and spends CPU on thread hand-offs.
"""

from __future__ import annotations

import os
from fractions import Fraction
from typing import Any

import av
import numpy as np

__all__ = ["THREADS_ENV", "install", "thread_options"]

#: Environment variable: encoder threads per worker process (unset: the codec's own).
THREADS_ENV = "MATHREEL_ENCODER_THREADS"

_MARK = "__mathreel_fast__"
#: manim's own ``write_frame``, kept for comparison.
original_write_frame: Any = None


def _write_frame(self: Any, pixels: Any, *, repeat: int = 1) -> None:
    """Encode ``pixels`` ``repeat`` times, converting it to the stream's format once."""
    self._validate_frame(pixels, repeat)
    time_base = Fraction(
        self.spec.frame_rate.denominator, self.spec.frame_rate.numerator
    )
    try:
        frame = _rgba_frame(pixels)
        frame = frame.reformat(format=self.spec.pixel_format, threads=0)
        for _ in range(repeat):
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error


def _rgba_frame(pixels: np.ndarray) -> av.VideoFrame:
    """An RGBA frame over ``pixels``' memory (manim has checked it is C-contiguous)."""
    try:
        return av.VideoFrame.from_numpy_buffer(pixels, format="rgba")
    except ValueError:  # rows FFmpeg cannot take as they are: copy them
        return av.VideoFrame.from_ndarray(pixels, format="rgba")


def thread_options() -> dict[str, str]:
    """Encoder options for this process's share of the cores (``{}``: the default)."""
    value = os.environ.get(THREADS_ENV, "")
    return {"threads": value} if value.isdigit() and int(value) > 0 else {}


def install() -> None:
    """Use the faster ``write_frame`` in this process (idempotent)."""
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    global original_write_frame
    if not getattr(VideoSegmentEncoder.write_frame, _MARK, False):
        original_write_frame = VideoSegmentEncoder.write_frame
        setattr(_write_frame, _MARK, True)
        VideoSegmentEncoder.write_frame = _write_frame  # type: ignore[method-assign]
