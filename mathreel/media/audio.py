"""The narration track: each beat's speech placed on the beat's first frame.

Clips are resampled to one rate and peak-normalised to the same level, then the
whole track is brought to broadcast loudness (EBU R128 / ITU-R BS.1770): -16 LUFS
integrated, true peak at most -1 dBTP (:func:`broadcast_level`), so every lesson
is equally loud. The track is exactly as long as the video (frames / fps, to the
sample).
"""

from __future__ import annotations

import wave
from collections.abc import Sequence
from math import gcd
from pathlib import Path

import numpy as np

from mathreel.core.timeline import Plan

__all__ = [
    "CODEC_HEADROOM",
    "LOUDNESS",
    "PEAK",
    "SAMPLE_RATE",
    "TRUE_PEAK",
    "broadcast_level",
    "loudness",
    "narration_track",
    "normalise",
    "read_wav",
    "true_peak",
]

SAMPLE_RATE = 48_000
#: Peak level of every clip: -1 dBFS.
PEAK = 10 ** (-1 / 20)
#: Integrated loudness of every narration track, in LUFS.
LOUDNESS = -16.0
#: Highest true peak of every narration track, in dBTP.
TRUE_PEAK = -1.0
#: Headroom kept below TRUE_PEAK before encoding, in dB: AAC's decoded output
#: overshot the track's true peak by 0.34 dB on one lesson and by 1.9 dB on the
#: reworked vectors lesson (its decoded track reached -0.1 dBTP from a -1.8
#: ceiling; measured with PyAV), so the track is limited well below the ceiling.
CODEC_HEADROOM = 2.5


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
        from scipy.signal import resample_poly  # 0.9 s to import: only when needed

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
    return broadcast_level(track, rate, peak=TRUE_PEAK - CODEC_HEADROOM)


def loudness(samples: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4, measured by pyloudnorm).

    ``-inf`` for silence or audio shorter than one 400 ms block.
    """
    import pyloudnorm

    if samples.size < int(0.4 * rate) or not np.any(samples):
        return float("-inf")
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def _envelope(samples: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Per-sample true magnitude: the max of the 4x oversampled signal (float32).

    Only blocks whose sample peak reaches ``floor / 2`` (-6 dB, more than any
    inter-sample overshoot of speech) are oversampled; elsewhere the sample's own
    magnitude stands in, which is all a ceiling of ``floor`` or more needs.
    """
    from scipy.signal import resample_poly  # 0.9 s to import: only when needed

    magnitude = np.abs(samples).astype(np.float32)
    block, edge = 4800, 32
    for start in range(0, samples.size, block):
        stop = min(samples.size, start + block)
        if magnitude[start:stop].max(initial=0.0) < floor / 2:
            continue
        lo, hi = max(0, start - edge), min(samples.size, stop + edge)
        up = np.abs(resample_poly(samples[lo:hi].astype(np.float32), 4, 1))
        up = up[: (hi - lo) * 4].reshape(-1, 4).max(axis=1)
        magnitude[start:stop] = np.maximum(
            magnitude[start:stop], up[start - lo : stop - lo]
        )
    return magnitude


def true_peak(samples: np.ndarray) -> float:
    """True peak in dBTP: the largest magnitude after 4x oversampling."""
    if not samples.size:
        return float("-inf")
    top = float(np.max(np.abs(samples)))
    if top <= 0:
        return float("-inf")
    return float(20 * np.log10(float(_envelope(samples, top).max())))


def _limit_gain(envelope: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """The smooth gain that keeps a signal with true envelope ``envelope`` under ``ceiling``.

    The gain each sample needs is spread by a 5 ms minimum filter and averaged
    over a window no wider, so it is never above what any sample needs and
    changes without clicks.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    need = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12)).astype(np.float32)
    width = max(1, int(0.005 * rate))
    smooth = uniform_filter1d(minimum_filter1d(need, 2 * width + 1), width + 1)
    return np.asarray(np.minimum(smooth, 1.0), dtype=np.float32)


def broadcast_level(
    samples: np.ndarray,
    rate: int = SAMPLE_RATE,
    *,
    target: float = LOUDNESS,
    peak: float = TRUE_PEAK,
) -> np.ndarray:
    """``samples`` at ``target`` LUFS integrated with true peak <= ``peak`` dBTP.

    A gain brings the loudness to the target and a smooth peak limiter (5 ms)
    keeps the true peak 0.2 dB under the ceiling; as the limiter takes some
    loudness, the gain is re-aimed (at most five secant steps) until the
    loudness is within 0.05 LU. Silence, or audio too short to measure, is only
    limited.
    """
    source = samples.astype(np.float32)
    ceiling = 10 ** ((peak - 0.2) / 20)
    envelope = _envelope(source)  # scales with any gain: measured once
    level = loudness(source, rate)
    if level == float("-inf"):
        return np.clip(source * _limit_gain(envelope, ceiling, rate), -1.0, 1.0)
    gain, tried = target - level, []
    out = source
    for _ in range(5):  # the limiter takes some loudness: re-aim (secant steps)
        scale = np.float32(10 ** (gain / 20))
        out = source * scale * _limit_gain(envelope * scale, ceiling, rate)
        miss = target - loudness(out, rate)
        if abs(miss) <= 0.05:
            break
        tried.append((gain, miss))
        slope = 1.0
        if len(tried) > 1:
            (g0, m0), (g1, m1) = tried[-2], tried[-1]
            slope = min(1.0, max(0.1, (m0 - m1) / (g1 - g0))) if g1 != g0 else 1.0
        gain += miss / slope
    return np.clip(out, -1.0, 1.0)
