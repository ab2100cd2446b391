"""Reading rendered video back with PyAV: what a learner's player will see."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

__all__ = [
    "VideoInfo",
    "audio_seconds",
    "encode_audio",
    "finalize_video",
    "join_videos",
    "probe",
    "read_chapters",
    "sha256",
]


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


def probe(path: Path, *, decode: bool = True) -> VideoInfo:
    """Describe a video file, counting its frames by decoding every one.

    With ``decode=False`` the frames are counted from the demuxed packets (one
    per frame for H.264), much faster at high resolutions.
    """
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        if decode:
            frames = sum(1 for _ in container.decode(stream))
        else:
            frames = sum(1 for p in container.demux(stream) if p.size)
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


def finalize_video(
    silent: Path,
    target: Path,
    *,
    audio: np.ndarray | Path | None = None,
    sample_rate: int = 48_000,
    chapters: Sequence[tuple[str, int, int]] = (),
    fps: float = 0,
    container: str = "mp4",
) -> None:
    """Copy the video stream of ``silent`` into ``target`` with audio and chapters.

    The video is not re-encoded, and the container is written bit-exactly (no
    time, random identifier or version in it). ``audio`` is mono float
    samples, encoded as AAC in MP4 and Opus in WebM, or a file of such an
    encoded track (:func:`encode_audio`), copied without re-encoding;
    ``chapters`` are ``(title, start_frame, end_frame)`` and become chapter
    metadata that players (and PyAV) read back.
    """
    mp4 = container == "mp4"
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(av.open(str(silent)))
        output = stack.enter_context(
            av.open(
                str(target),
                "w",
                format=container,
                # bitexact: no random Matroska segment UID, no muxing date or
                # library version, so the same streams give the same bytes
                options=(
                    {"movflags": "+faststart", "fflags": "+bitexact"}
                    if mp4
                    else {"fflags": "+bitexact"}
                ),
            )
        )
        video_in = source.streams.video[0]
        video_out = output.add_stream_from_template(video_in)
        if chapters:
            output.set_chapters(
                [
                    {
                        "id": n,
                        "start": start,
                        "end": end,
                        "time_base": Fraction(1)
                        / Fraction(fps).limit_denominator(1001),
                        "metadata": {"title": title},
                    }
                    for n, (title, start, end) in enumerate(chapters, start=1)
                ]
            )
        audio_packets: list[Any] = []
        if isinstance(audio, Path):
            track = stack.enter_context(av.open(str(audio)))
            audio_in = track.streams.audio[0]
            audio_out = output.add_stream_from_template(audio_in)
            for packet in track.demux(audio_in):
                if packet.dts is not None:
                    packet.stream = audio_out
                    audio_packets.append(packet)
        elif audio is not None:
            audio_packets = _encoded(audio, output, sample_rate, mp4)
        pending = iter(audio_packets)
        next_audio = next(pending, None)
        for frame_packet in source.demux(video_in):
            if frame_packet.dts is None:
                continue
            moment = float(frame_packet.dts * frame_packet.time_base)
            while next_audio is not None and _seconds(next_audio) <= moment:
                output.mux(next_audio)
                next_audio = next(pending, None)
            frame_packet.stream = video_out
            output.mux(frame_packet)
        while next_audio is not None:
            output.mux(next_audio)
            next_audio = next(pending, None)


def _encoded(
    audio: np.ndarray, output: Any, sample_rate: int, mp4: bool
) -> list[av.Packet]:
    """``audio`` (mono float samples) encoded in a new stream of ``output``."""
    stream = output.add_stream(
        "aac" if mp4 else "libopus", rate=sample_rate, layout="mono"
    )
    # 128 kb/s: at 96 kb/s AAC's decoded peaks overshot -1 dBTP (true peak)
    stream.bit_rate = 128_000 if mp4 else 64_000
    packets = []
    for start in range(0, audio.size, 1024):
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(audio[None, start : start + 1024], dtype=np.float32),
            format="flt",
            layout="mono",
        )
        frame.sample_rate = sample_rate
        frame.pts = start
        packets.extend(stream.encode(frame))
    packets.extend(stream.encode(None))
    return packets


def encode_audio(
    audio: np.ndarray,
    target: Path,
    *,
    sample_rate: int = 48_000,
    container: str = "mp4",
) -> None:
    """Write ``audio`` (mono float samples) as the track :func:`finalize_video`
    would encode (AAC in MP4, Opus in WebM), alone in a ``container`` file."""
    with av.open(
        str(target), "w", format=container, options={"fflags": "+bitexact"}
    ) as output:
        for packet in _encoded(audio, output, sample_rate, container == "mp4"):
            output.mux(packet)


def join_videos(pieces: Sequence[Path], target: Path) -> None:
    """Concatenate videos with the same encoding into ``target``, without re-encoding.

    Each piece's timestamps are shifted to follow the previous piece, so the
    joined stream plays straight through.
    """
    container = "webm" if target.suffix == ".webm" else "mp4"
    with (
        av.open(str(pieces[0])) as first,
        av.open(str(target), "w", format=container) as output,
    ):
        template = first.streams.video[0]
        stream = output.add_stream_from_template(template)
        offset = 0
        for piece in pieces:
            with av.open(str(piece)) as source:
                video = source.streams.video[0]
                if video.time_base != template.time_base:
                    raise ValueError(f"{piece} has another time base than {pieces[0]}")
                end = offset
                for packet in source.demux(video):
                    if packet.dts is None:
                        continue
                    assert packet.pts is not None
                    end = max(end, offset + packet.pts + (packet.duration or 0))
                    packet.pts += offset
                    packet.dts += offset
                    packet.stream = stream
                    output.mux(packet)
                offset = end


def _seconds(packet: av.Packet) -> float:
    return float((packet.dts or 0) * packet.time_base) if packet.time_base else 0.0


def read_chapters(path: Path) -> list[tuple[str, float, float]]:
    """Chapters of a video as ``(title, start, end)`` in seconds, read with PyAV."""
    with av.open(str(path)) as container:
        chapters = []
        for chapter in container.chapters():
            base = chapter["time_base"] or Fraction(1)
            title = chapter["metadata"].get("title", "")
            chapters.append(
                (title, float(chapter["start"] * base), float(chapter["end"] * base))
            )
        return chapters


def audio_seconds(path: Path) -> float:
    """Duration of the first audio stream, from its decoded samples."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        return samples / stream.rate
