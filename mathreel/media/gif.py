"""Animated GIFs made from a lesson's silent video, the same bytes every time.

A GIF holds at most 256 colours a frame, so every frame must be mapped onto a
palette. manim's own GIF path builds that palette from frames it has first
encoded as lossy H.264, whose pixels depend on the encoder's thread count (a
lesson rendered alone and one rendered beside another get different pixels,
then a different palette, then different indices in nearly every pixel).
mathreel instead:

1. renders the lesson as lossless RGB H.264 (``libx264rgb``, ``qp=0``: see
   :data:`mathreel.render.options.GIF_SOURCE`): decoding gives back exactly the pixels
   Cairo drew, whatever the encoder's threads;
2. draws the captions into those frames when asked (:mod:`mathreel.media.burn`), so
   ``--burn-captions`` works for GIFs as for MP4 and WebM;
3. builds one palette for the whole lesson from every frame (FFmpeg's
   ``palettegen``, a deterministic median cut), in a first pass;
4. maps every frame onto it with ordered (Bayer) dithering, which depends on the
   pixel's position only, never on a random seed or on the previous frames'
   error (``paletteuse``), in a second pass, and encodes it with FFmpeg's GIF
   encoder.

Same frames in, same bytes out. The two passes decode the video twice instead
of keeping every frame in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from mathreel.media.burn import burned_frames
from mathreel.narration.captions import Cue

__all__ = ["DITHER", "write_gif"]

_RGB = av.VideoFormat("rgb24")
#: ``paletteuse`` settings: ordered dithering, only the changed rectangle redone.
DITHER = "dither=bayer:bayer_scale=5:diff_mode=rectangle"


def _frames(
    silent: Path, cues: Sequence[Cue] | None
) -> Iterator[tuple[np.ndarray, Fraction]]:
    """The video's frames as RGB arrays ``(height, width, 3)`` uint8, captions drawn."""
    with av.open(str(silent)) as source:
        stream = source.streams.video[0]
        stream.thread_type = "AUTO"
        rate = Fraction(stream.average_rate or stream.guessed_rate or 30)
        pixels = (f.to_ndarray(format="rgb24") for f in source.decode(stream))
        frames = burned_frames(pixels, cues, float(rate)) if cues else pixels
        for frame in frames:
            yield frame, rate


def _palette(silent: Path, cues: Sequence[Cue] | None) -> av.VideoFrame:
    """Pass 1: one 256-colour palette (a 16x16 frame) for the whole video."""
    graph = av.filter.Graph()
    source = sink = None
    for number, (pixels, rate) in enumerate(_frames(silent, cues)):
        if source is None:
            height, width = pixels.shape[:2]
            source = graph.add_buffer(
                width=width, height=height, format=_RGB, time_base=1 / rate
            )
            palettegen = graph.add("palettegen", "stats_mode=full")
            sink = graph.add("buffersink")
            source.link_to(palettegen)
            palettegen.link_to(sink)
            graph.configure()
        frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
        frame.pts = number
        frame.time_base = 1 / rate
        source.push(frame)
    if source is None or sink is None:
        raise ValueError(f"{silent} has no video frames to make a GIF of")
    source.push(None)
    palette = sink.pull()
    assert isinstance(palette, av.VideoFrame)
    return palette


def write_gif(silent: Path, target: Path, cues: Sequence[Cue] | None = None) -> int:
    """Write ``target``: the GIF of ``silent``'s frames (``cues`` burned in if given).

    Parameters
    ----------
    silent
        A video whose decoded frames are the lesson's pixels (for identical bytes
        from identical lessons, a lossless one: see
        :data:`mathreel.render.options.GIF_SOURCE`).
    target
        Where the GIF goes (written in place: use a temporary path).
    cues
        Captions to draw into the frames, timed in seconds; ``None`` for none.

    Returns
    -------
    int
        The number of frames written (the same as ``silent`` has).

    Raises
    ------
    ValueError
        When ``silent`` has no video frames.
    """
    palette = _palette(silent, cues)
    graph = av.filter.Graph()
    written = 0
    with av.open(str(target), "w", format="gif") as output:
        stream: av.VideoStream | None = None
        source = sink = None
        for number, (pixels, rate) in enumerate(_frames(silent, cues)):
            if stream is None:
                height, width = pixels.shape[:2]
                stream = output.add_stream("gif", rate=rate)
                assert isinstance(stream, av.VideoStream)
                stream.width, stream.height = width, height
                stream.pix_fmt = "pal8"
                source = graph.add_buffer(
                    width=width, height=height, format=_RGB, time_base=1 / rate
                )
                colours = graph.add_buffer(
                    width=palette.width,
                    height=palette.height,
                    format=palette.format,
                    time_base=1 / rate,
                )
                paletteuse = graph.add("paletteuse", DITHER)
                sink = graph.add("buffersink")
                source.link_to(paletteuse, 0, 0)
                colours.link_to(paletteuse, 0, 1)
                paletteuse.link_to(sink)
                graph.configure()
                palette.pts = 0
                palette.time_base = 1 / rate
                colours.push(palette)
                colours.push(None)  # one palette for every frame
            assert source is not None and sink is not None
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts = number
            frame.time_base = 1 / rate
            source.push(frame)
            written += _drain(sink, stream, output, rate, written)
        if stream is None or source is None or sink is None:
            raise ValueError(f"{silent} has no video frames to make a GIF of")
        source.push(None)
        written += _drain(sink, stream, output, rate, written)
        for packet in stream.encode(None):
            output.mux(packet)
    return written


def _drain(
    sink: av.filter.context.FilterContext,
    stream: av.VideoStream,
    output: av.container.OutputContainer,
    rate: Fraction,
    written: int,
) -> int:
    """Encode every frame the filter graph has ready; return how many."""
    count = 0
    while True:
        try:
            frame = sink.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return count
        assert isinstance(frame, av.VideoFrame)
        frame.pts = written + count
        frame.time_base = 1 / rate
        for packet in stream.encode(frame):
            output.mux(packet)
        count += 1
