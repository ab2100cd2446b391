"""The narration track: each beat's speech placed on the beat's first frame.

Clips are resampled to one rate and peak-normalised to the same level (-1 dBFS),
so every line of every lesson is equally loud and nothing clips. The track is
exactly as long as the video (frames / fps, to the sample).
"""

from __future__ import annotations

import wave
from collections.abc import Sequence
from math import gcd
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from .timeline import Plan

__all__ = ["PEAK", "SAMPLE_RATE", "narration_track", "normalise", "read_wav"]

SAMPLE_RATE = 48_000
#: Peak level of every clip: -1 dBFS.
PEAK = 10 ** (-1 / 20)


def read_wav(path: Path, rate: int = SAMPLE_RATE) -> np.ndarray:
    """A mono 16-bit WAV as float32 samples in [-1, 1], resampled to ``rate``."""
    with wave.open(str(path)) as handle:
        channels, width, source_rate = (
            handle.getnchannels(),
            handle.getsampwidth(),
            handle.getframerate(),
        )
        raw = handle.readframes(handle.getnframes())
    if width != 2:
        raise ValueError(f"{path}: expected 16-bit samples, got {8 * width}-bit")
    samples = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    if source_rate != rate:
        g = gcd(rate, source_rate)
        samples = resample_poly(samples, rate // g, source_rate // g).astype(np.float32)
    return samples


def normalise(samples: np.ndarray, peak: float = PEAK) -> np.ndarray:
    """Scale so the loudest sample is at ``peak`` (silence stays silent)."""
    top = float(np.max(np.abs(samples))) if samples.size else 0.0
    return samples if top == 0 else (samples * (peak / top)).astype(np.float32)


def narration_track(
    plan: Plan, clips: Sequence[Path | None], rate: int = SAMPLE_RATE
) -> np.ndarray:
    """The lesson's audio: clip ``k`` starts at beat ``k``'s first frame.

    A clip longer than the room left in the video is cut at the video's end.
    """
    length = round(plan.frames / plan.fps * rate)
    track = np.zeros(length, dtype=np.float32)
    for beat, clip in zip(plan.beats, clips, strict=True):
        if clip is None:
            continue
        speech = normalise(read_wav(clip, rate))
        start = round(beat.start_frame / plan.fps * rate)
        end = min(length, start + speech.size)
        if end > start:
            track[start:end] += speech[: end - start]
    return np.clip(track, -1.0, 1.0)
