"""Captions burned into the frames, for platforms without caption support.

The silent video is decoded, each cue's text is drawn once (white on a dark
translucent box in the bottom band the lessons keep free), blended onto the
frames the cue covers, and the frames are encoded again with the same codec
settings. Frame count and timing are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from mathreel.narration.captions import Cue

__all__ = ["burn_captions", "burned_frames", "caption_overlay"]

_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans.ttf",
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in _FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def caption_overlay(
    lines: Sequence[str], width: int, height: int
) -> tuple[np.ndarray, int, int]:
    """An RGBA patch with the cue's lines, and where its top-left corner goes."""
    size = max(10, round(height / 22))
    font = _font(size)
    pad = max(4, size // 3)
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    boxes = [probe.textbbox((0, 0), line, font=font) for line in lines]
    line_height = round(size * 1.25)
    text_w = int(max(b[2] - b[0] for b in boxes))
    patch_w = min(width, text_w + 2 * pad)
    patch_h = line_height * len(lines) + 2 * pad
    patch = Image.new("RGBA", (patch_w, patch_h), (10, 12, 16, 190))
    draw = ImageDraw.Draw(patch)
    for i, (line, box) in enumerate(zip(lines, boxes, strict=True)):
        x = int((patch_w - (box[2] - box[0])) // 2 - box[0])
        draw.text(
            (x, pad + i * line_height), line, font=font, fill=(255, 255, 255, 255)
        )
    left = (width - patch_w) // 2
    top = height - patch_h - max(2, height // 40)
    return np.asarray(patch), left, top


class _Painter:
    """Which cue is on screen at a frame, and that cue drawn into the frame."""

    def __init__(self, cues: Sequence[Cue], fps: float) -> None:
        self.cues = sorted(cues, key=lambda c: c.start)
        self.fps = fps
        self.overlays: dict[int, tuple[np.ndarray, int, int]] = {}

    def active(self, number: int) -> Cue | None:
        t = number / self.fps
        return next((c for c in self.cues if c.start <= t + 1e-9 < c.end), None)

    def paint(self, pixels: np.ndarray, cue: Cue) -> np.ndarray:
        key = id(cue)
        if key not in self.overlays:
            height, width = pixels.shape[:2]
            self.overlays[key] = caption_overlay(cue.lines, width, height)
        return _blend(pixels, *self.overlays[key])


def burned_frames(
    frames: Iterable[np.ndarray], cues: Sequence[Cue], fps: float
) -> Iterator[np.ndarray]:
    """``frames`` (RGB arrays ``(height, width, 3)`` uint8) with ``cues`` drawn in.

    Frame ``n`` shows the cue on screen at ``n / fps`` seconds; each cue's
    overlay is drawn once. Frames without a cue are passed through unchanged.
    """
    painter = _Painter(cues, fps)
    for number, pixels in enumerate(frames):
        cue = painter.active(number)
        yield pixels if cue is None else painter.paint(pixels, cue)


def _blend(pixels: np.ndarray, patch: np.ndarray, left: int, top: int) -> np.ndarray:
    """``pixels`` with the RGBA ``patch`` alpha-blended at (``left``, ``top``)."""
    pixels = pixels.copy()
    h, w = patch.shape[:2]
    region = pixels[top : top + h, left : left + w].astype(np.float32)
    alpha = patch[..., 3:4].astype(np.float32) / 255.0
    region = region * (1 - alpha) + patch[..., :3].astype(np.float32) * alpha
    pixels[top : top + h, left : left + w] = region.astype(np.uint8)
    return pixels


def burn_captions(
    silent: Path,
    cues: Sequence[Cue],
    target: Path,
    *,
    codec: str = "libx264",
    options: dict[str, str] | None = None,
) -> None:
    """Write ``target``: ``silent`` with ``cues`` drawn into its frames."""
    container = "webm" if target.suffix == ".webm" else "mp4"
    with (
        av.open(str(silent)) as source,
        av.open(str(target), "w", format=container) as output,
    ):
        stream_in = source.streams.video[0]
        stream_in.thread_type = "AUTO"
        rate = stream_in.average_rate or Fraction(stream_in.guessed_rate or 30)
        fps = float(rate)
        stream_out = output.add_stream(codec, rate=rate)
        assert isinstance(stream_out, av.VideoStream)
        stream_out.width = stream_in.codec_context.width
        stream_out.height = stream_in.codec_context.height
        stream_out.pix_fmt = "yuv420p"
        stream_out.options = dict(options or {"crf": "23"})
        painter = _Painter(cues, fps)
        for number, frame in enumerate(source.decode(stream_in)):
            cue = painter.active(number)
            image = (
                frame
                if cue is None
                else av.VideoFrame.from_ndarray(
                    painter.paint(frame.to_ndarray(format="rgb24"), cue),
                    format="rgb24",
                )
            )
            image.pts = number
            image.time_base = Fraction(1) / rate
            for packet in stream_out.encode(image):
                output.mux(packet)
        for packet in stream_out.encode(None):
            output.mux(packet)
