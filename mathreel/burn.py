"""Captions burned into the frames, for platforms without caption support.

The silent video is decoded, each cue's text is drawn once (white on a dark
translucent box in the bottom band the lessons keep free), blended onto the
frames the cue covers, and the frames are encoded again with the same codec
settings. Frame count and timing are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .captions import Cue

__all__ = ["burn_captions", "caption_overlay"]

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
        overlays: dict[int, tuple[np.ndarray, int, int]] = {}
        by_frame = sorted(cues, key=lambda c: c.start)
        for number, frame in enumerate(source.decode(stream_in)):
            t = number / fps
            active = next((c for c in by_frame if c.start <= t + 1e-9 < c.end), None)
            if active is None:
                image = frame
            else:
                key = id(active)
                if key not in overlays:
                    overlays[key] = caption_overlay(
                        active.lines, frame.width, frame.height
                    )
                patch, left, top = overlays[key]
                pixels = frame.to_ndarray(format="rgb24")
                h, w = patch.shape[:2]
                region = pixels[top : top + h, left : left + w].astype(np.float32)
                alpha = patch[..., 3:4].astype(np.float32) / 255.0
                region = (
                    region * (1 - alpha) + patch[..., :3].astype(np.float32) * alpha
                )
                pixels[top : top + h, left : left + w] = region.astype(np.uint8)
                image = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            image.pts = number
            image.time_base = Fraction(1) / rate
            for packet in stream_out.encode(image):
                output.mux(packet)
        for packet in stream_out.encode(None):
            output.mux(packet)
