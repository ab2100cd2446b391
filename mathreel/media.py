"""Reading rendered video back with PyAV: what a learner's player will see."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import av

__all__ = ["VideoInfo", "probe", "sha256"]


@dataclass(frozen=True)
class VideoInfo:
    """Facts about a video file, from its streams and a full decode."""

    codec: str
    width: int
    height: int
    fps: float
    frames: int
    duration: float
    has_audio: bool


def probe(path: Path) -> VideoInfo:
    """Decode every video frame of ``path`` and describe the file."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        frames = sum(1 for _ in container.decode(stream))
        rate = stream.average_rate or stream.guessed_rate
        fps = float(rate) if rate else 0.0
        return VideoInfo(
            codec=stream.codec_context.name,
            width=stream.codec_context.width,
            height=stream.codec_context.height,
            fps=fps,
            frames=frames,
            duration=frames / fps if fps else 0.0,
            has_audio=bool(container.streams.audio),
        )


def sha256(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
