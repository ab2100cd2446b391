"""The full-course video: every rendered lesson joined, in course order, with chapters.

:func:`build_course_video` joins the lessons of a rendered folder into
``course.mp4`` beside them:

* **video**: the lessons' H.264 packets are copied with shifted timestamps when
  every lesson has the same encoding (codec, size, pixel format, time base,
  frame rate and the same SPS/PPS); otherwise every frame is decoded and
  encoded again once, at the first lesson's size. Either way the joined video
  has exactly the lessons' frames, in order.
* **audio**: one continuous AAC track when any lesson has narration. Each
  lesson's audio is decoded and placed at the lesson's first frame, cut or
  padded to the lesson's length, with silence for a lesson without narration,
  then encoded once, so the narration stays in sync with the picture however
  many lessons are joined (copying AAC packets would add the encoder's priming
  samples at every join).
* **chapters**: one per lesson (``"4. Linear transformations"``) and one per
  chapter of a lesson after its first (``"4.2 The basis"``), as MP4 chapter
  metadata that players and PyAV read; ``course.chapters.vtt`` holds the same
  chapters nested (lesson cues containing their own chapters).
* **captions**: ``course.vtt`` and ``course.srt``, every lesson's cues (from
  its record, as written beside it) shifted by the lesson's start time.

``course.json`` records what was joined (lesson SHA-256s, offsets, chapters);
a course video whose lessons have not changed is not built again.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

from mathreel.core.errors import MathreelError
from mathreel.core.files import atomic_path, write_json, write_text
from mathreel.core.records import LessonRecord
from mathreel.media.video import sha256
from mathreel.narration.captions import Cue, srt, timestamp, vtt
from mathreel.outputs.previews import rendered_lessons

__all__ = [
    "COURSE_STEM",
    "CourseChapter",
    "CourseVideo",
    "build_course_video",
    "course_chapters",
    "course_paths",
    "encoding_signature",
    "mp4_chapters",
    "nested_chapters_vtt",
    "parse_vtt",
    "shift_cues",
]

#: File stem of the course outputs: ``course.mp4``, ``course.vtt``, ...
COURSE_STEM = "course"
#: Encoder settings when lessons must be encoded again and the folder's quality
#: is not a preset (x264 defaults otherwise).
REENCODE_OPTIONS = {"crf": "20", "preset": "veryfast"}
#: Narration sample rate when no lesson says otherwise.
SAMPLE_RATE = 48_000
#: AAC samples per frame.
_AAC_FRAME = 1024
#: Bumped when the course video's layout changes, so it is built again.
COURSE_VERSION = 1


@dataclass(frozen=True)
class CourseChapter:
    """A chapter of the course video, in frames of the joined video.

    ``level`` is 1 for a lesson and 2 for a chapter inside a lesson.
    """

    title: str
    start_frame: int
    end_frame: int
    level: int
    lesson: str


@dataclass(frozen=True)
class CourseVideo:
    """A built course video and what it holds."""

    video: Path
    vtt: Path
    srt: Path
    chapters_vtt: Path
    record: Path
    frames: int
    fps: int
    copied: bool
    has_audio: bool
    chapters: list[CourseChapter]
    lessons: list[str]
    built: bool

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.fps


def course_paths(folder: Path) -> dict[str, Path]:
    """Where the course outputs go inside a rendered folder."""
    return {
        "video": folder / f"{COURSE_STEM}.mp4",
        "vtt": folder / f"{COURSE_STEM}.vtt",
        "srt": folder / f"{COURSE_STEM}.srt",
        "chapters": folder / f"{COURSE_STEM}.chapters.vtt",
        "record": folder / f"{COURSE_STEM}.json",
    }


def course_chapters(lessons: Sequence[LessonRecord]) -> list[CourseChapter]:
    """Chapters of the joined video: each lesson, then its own chapters inside it.

    Parameters
    ----------
    lessons
        Lesson records in course order.

    Returns
    -------
    list of CourseChapter
        In start order; a lesson comes before the chapters it contains.
    """
    chapters: list[CourseChapter] = []
    offset = 0
    for record in lessons:
        frames = record.decoded_frames
        slug = record.lesson
        number = record.number
        chapters.append(
            CourseChapter(
                f"{number}. {record.title}",
                offset,
                offset + frames,
                1,
                slug,
            )
        )
        own = sorted(
            (c for c in record.chapters if c.start_frame < frames),
            key=lambda c: c.start_frame,
        )
        for k, chapter in enumerate(own):
            start = chapter.start_frame
            end = own[k + 1].start_frame if k + 1 < len(own) else frames
            if end > start:
                chapters.append(
                    CourseChapter(
                        f"{number}.{k + 1} {chapter.title}",
                        offset + start,
                        offset + end,
                        2,
                        slug,
                    )
                )
        offset += frames
    return chapters


def mp4_chapters(chapters: Sequence[CourseChapter]) -> list[tuple[str, int, int]]:
    """The chapters as a flat list for MP4 metadata: ``(title, start, end)`` frames.

    MP4 chapters do not nest: a lesson's chapter runs until its second chapter,
    and a lesson's first chapter (which starts with the lesson) is left out.
    """
    lesson_starts = {c.start_frame for c in chapters if c.level == 1}
    flat = [c for c in chapters if c.level == 1 or c.start_frame not in lesson_starts]
    out = []
    for k, chapter in enumerate(flat):
        end = chapter.end_frame
        if k + 1 < len(flat):
            end = min(end, flat[k + 1].start_frame)
        out.append((chapter.title, chapter.start_frame, end))
    return out


def nested_chapters_vtt(chapters: Sequence[CourseChapter], fps: float) -> str:
    """A WebVTT chapters track with each lesson's chapters nested inside it."""
    blocks = ["WEBVTT"]
    ordered = sorted(chapters, key=lambda c: (c.start_frame, c.level))
    for n, chapter in enumerate(ordered, start=1):
        blocks.append(
            f"chapter-{n}\n{timestamp(chapter.start_frame / fps)} --> "
            f"{timestamp(chapter.end_frame / fps)}\n{chapter.title}"
        )
    return "\n\n".join(blocks) + "\n"


_TIMING = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})"
)


def _seconds(text: str) -> float:
    parts = text.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def parse_vtt(text: str) -> list[Cue]:
    """The cues of a WebVTT (or SRT) captions file, as written by :mod:`mathreel.narration.captions`.

    For reading caption files back (tests, other tools): the course video takes
    its lessons' cues from their records. Cue settings after the timing and ``NOTE``/``STYLE`` blocks are ignored.
    """
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        for k, line in enumerate(lines):
            match = _TIMING.match(line)
            if match:
                start, end = _seconds(match[1]), _seconds(match[2])
                body = tuple(x for x in lines[k + 1 :] if x.strip())
                cues.append(Cue(start, end, body, -1, -1))
                break
    return cues


def shift_cues(cues: Sequence[Cue], frames: int, fps: float) -> list[Cue]:
    """``cues`` moved ``frames`` frames later (a lesson starting at that frame)."""
    offset = frames / fps
    return [
        Cue(
            c.start + offset,
            c.end + offset,
            c.lines,
            c.beat,
            c.start_frame + frames if c.start_frame >= 0 else -1,
        )
        for c in cues
    ]


def encoding_signature(path: Path) -> tuple[Any, ...]:
    """What must match between videos for their packets to be joined as they are.

    Codec, size, pixel format, profile, time base, frame rate and the codec's
    extradata (H.264 SPS/PPS).
    """
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        ctx = stream.codec_context
        return (
            ctx.name,
            ctx.width,
            ctx.height,
            ctx.format.name if ctx.format else None,
            ctx.profile,
            stream.time_base,
            stream.average_rate,
            bytes(ctx.extradata or b""),
        )


def _audio_rate(videos: Sequence[Path]) -> int | None:
    """The first narration track's sample rate; ``None`` when no video has one."""
    for video in videos:
        with av.open(str(video)) as container:
            if container.streams.audio:
                return int(container.streams.audio[0].rate or SAMPLE_RATE)
    return None


def _lesson_audio(video: Path, rate: int, samples: int) -> np.ndarray:
    """The video's narration as mono float32 at ``rate``, exactly ``samples`` long."""
    out = np.zeros(samples, dtype=np.float32)
    with av.open(str(video)) as container:
        if not container.streams.audio:
            return out
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        done = 0
        frames = [
            *(
                piece
                for frame in container.decode(container.streams.audio[0])
                for piece in resampler.resample(frame)
            ),
            *resampler.resample(None),
        ]
        for frame in frames:
            data = frame.to_ndarray().reshape(-1).astype(np.float32, copy=False)
            take = min(data.size, samples - done)
            if take <= 0:
                break
            out[done : done + take] = data[:take]
            done += take
    return out


class _AudioTrack:
    """One AAC track fed in pieces; packets come out in 1024-sample frames."""

    def __init__(self, output: Any, rate: int) -> None:
        self.stream = output.add_stream("aac", rate=rate, layout="mono")
        # The course's narration is a second AAC generation: FFmpeg's encoder
        # overshot a -1.6 dBTP lesson track to +0.9 dBTP at 96 kb/s and +0.4 at
        # 128 kb/s; at 160 kb/s it stays at -1.5 dBTP (measured on three lessons).
        self.stream.bit_rate = 160_000
        self.rate = rate
        self.carry = np.zeros(0, dtype=np.float32)
        self.pts = 0

    def _encode(self, samples: np.ndarray) -> list[Any]:
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples[None, :], dtype=np.float32),
            format="flt",
            layout="mono",
        )
        frame.sample_rate = self.rate
        frame.pts = self.pts
        self.pts += samples.size
        return list(self.stream.encode(frame))

    def feed(self, samples: np.ndarray) -> list[Any]:
        data = np.concatenate([self.carry, samples])
        whole = data.size - data.size % _AAC_FRAME
        packets = []
        for start in range(0, whole, _AAC_FRAME):
            packets.extend(self._encode(data[start : start + _AAC_FRAME]))
        self.carry = data[whole:]
        return packets

    def close(self) -> list[Any]:
        packets = self._encode(self.carry) if self.carry.size else []
        self.carry = np.zeros(0, dtype=np.float32)
        return packets + list(self.stream.encode(None))


def _packet_seconds(packet: Any) -> float:
    if packet.dts is None or packet.time_base is None:
        return 0.0
    return float(packet.dts * packet.time_base)


def _check_lessons(folder: Path, lessons: Sequence[LessonRecord]) -> None:
    fps = {r.fps for r in lessons}
    if len(fps) > 1:
        raise MathreelError(
            f"the lessons in {folder} were rendered at different frame rates "
            f"({', '.join(str(f) for f in sorted(fps))} fps): render them at one --fps"
        )
    for record in lessons:
        vtt_path = folder / record.vtt
        if not record.vtt or not vtt_path.is_file():
            raise MathreelError(
                f"{vtt_path} is missing (captions of lesson '{record.lesson}'): "
                "render that lesson again"
            )


def _current(paths: dict[str, Path], lessons: Sequence[LessonRecord]) -> bool:
    try:
        record = json.loads(paths["record"].read_text(encoding="utf-8"))
        stat = paths["video"].stat()
    except (OSError, ValueError):
        return False
    if not all(paths[k].exists() for k in ("vtt", "srt", "chapters")):
        return False
    return bool(
        record.get("version") == COURSE_VERSION
        and [(x.get("lesson"), x.get("sha256")) for x in record.get("lessons", [])]
        == [(r.lesson, r.sha256) for r in lessons]
        and [record.get("video_size"), record.get("video_mtime_ns")]
        == [stat.st_size, stat.st_mtime_ns]
    )


def _from_record(paths: dict[str, Path], built: bool) -> CourseVideo:
    record = json.loads(paths["record"].read_text(encoding="utf-8"))
    return CourseVideo(
        video=paths["video"],
        vtt=paths["vtt"],
        srt=paths["srt"],
        chapters_vtt=paths["chapters"],
        record=paths["record"],
        frames=int(record["frames"]),
        fps=int(record["fps"]),
        copied=record["encoding"] == "copy",
        has_audio=bool(record["has_audio"]),
        chapters=[CourseChapter(**c) for c in record["chapters"]],
        lessons=[x["lesson"] for x in record["lessons"]],
        built=built,
    )


def build_course_video(
    folder: Path,
    *,
    force: bool = False,
    reencode: bool | None = None,
    encoder_options: dict[str, str] | None = None,
) -> CourseVideo:
    """Join the rendered lessons of ``folder`` into ``course.mp4`` with chapters.

    Parameters
    ----------
    folder
        A rendered quality folder (``out/preview``) with its ``manifest.json``.
    force
        Build even when ``course.json`` says the course video is current.
    reencode
        ``None`` (default) copies the video packets when the lessons share
        their encoding and encodes again otherwise; ``True`` or ``False``
        decides. Copying lessons whose encodings differ is refused.
    encoder_options
        x264 options when encoding again (default: the folder's quality preset,
        else :data:`REENCODE_OPTIONS`).

    Returns
    -------
    CourseVideo
        Paths and facts of the course video (``built`` is false when it was
        already current).

    Raises
    ------
    MathreelError
        When the folder holds no rendered lesson, a video or captions file is
        missing, the lessons' frame rates differ, or a video has other frames
        than its record says.
    """
    manifest = rendered_lessons(folder)
    lessons = manifest.lessons
    _check_lessons(folder, lessons)
    paths = course_paths(folder)
    if not force and _current(paths, lessons):
        done = _from_record(paths, built=False)
        if reencode is None or reencode != done.copied:
            return done

    fps = lessons[0].fps
    videos = [folder / r.video for r in lessons]
    signatures = [encoding_signature(v) for v in videos]
    same = all(s == signatures[0] for s in signatures)
    if reencode is None:
        reencode = not same
    elif not reencode and not same:
        raise MathreelError(
            f"the lessons in {folder} have different encodings: they cannot be "
            "joined without encoding them again"
        )
    if encoder_options is None:
        from mathreel.core.quality import PRESETS

        preset = PRESETS.get(manifest.quality)
        encoder_options = dict(preset.encoder_options) if preset else {}
        encoder_options = encoder_options or dict(REENCODE_OPTIONS)

    chapters = course_chapters(lessons)
    rate = _audio_rate(videos)
    with atomic_path(paths["video"]) as tmp:
        counts = _join(
            videos,
            [r.decoded_frames for r in lessons],
            tmp,
            fps=fps,
            rate=rate,
            chapters=mp4_chapters(chapters),
            reencode=reencode,
            encoder_options=encoder_options,
        )
    for record, count in zip(lessons, counts, strict=True):
        if count != record.decoded_frames:
            paths["video"].unlink(missing_ok=True)
            raise MathreelError(
                f"{folder / record.video} has {count} frames but its record says "
                f"{record.decoded_frames}: render lesson '{record.lesson}' again"
            )

    cues: list[Cue] = []
    offset = 0
    for record in lessons:
        cues += shift_cues(record.cues, offset, fps)
        offset += record.decoded_frames
    write_text(paths["vtt"], vtt(cues))
    write_text(paths["srt"], srt(cues))
    write_text(paths["chapters"], nested_chapters_vtt(chapters, fps))

    stat = paths["video"].stat()
    starts = np.cumsum([0] + [r.decoded_frames for r in lessons]).tolist()
    first = lessons[0]
    write_json(
        paths["record"],
        {
            "course": manifest.course,
            "version": COURSE_VERSION,
            "quality": manifest.quality,
            "width": signatures[0][1] if not reencode else first.width,
            "height": signatures[0][2] if not reencode else first.height,
            "fps": fps,
            "frames": offset,
            "duration": round(offset / fps, 6),
            "video": paths["video"].name,
            "captions": {"vtt": paths["vtt"].name, "srt": paths["srt"].name},
            "chapters_vtt": paths["chapters"].name,
            "encoding": "re-encoded" if reencode else "copy",
            "has_audio": rate is not None,
            "cues": len(cues),
            "lessons": [
                {
                    "lesson": r.lesson,
                    "number": r.number,
                    "title": r.title,
                    "start_frame": starts[k],
                    "frames": r.decoded_frames,
                    "has_audio": r.has_audio,
                    "sha256": r.sha256,
                }
                for k, r in enumerate(lessons)
            ],
            "chapters": [asdict(c) for c in chapters],
            "sha256": sha256(paths["video"]),
            "video_size": stat.st_size,
            "video_mtime_ns": stat.st_mtime_ns,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    return _from_record(paths, built=True)


def _join(
    videos: Sequence[Path],
    frames: Sequence[int],
    target: Path,
    *,
    fps: int,
    rate: int | None,
    chapters: Sequence[tuple[str, int, int]],
    reencode: bool,
    encoder_options: dict[str, str],
) -> list[int]:
    """Write the joined video into ``target``; return each lesson's frame count."""
    frame_time = Fraction(1, fps)
    with (
        av.open(str(videos[0])) as first,
        av.open(
            str(target), "w", format="mp4", options={"movflags": "+faststart"}
        ) as output,
    ):
        template = first.streams.video[0]
        if reencode:
            video_out = output.add_stream("libx264", rate=fps)
            video_out.width = template.codec_context.width
            video_out.height = template.codec_context.height
            video_out.pix_fmt = "yuv420p"
            video_out.time_base = frame_time
            video_out.options = dict(encoder_options)
        else:
            video_out = output.add_stream_from_template(template)
        audio = _AudioTrack(output, rate) if rate is not None else None
        if chapters:
            output.set_chapters(
                [
                    {
                        "id": n,
                        "start": start,
                        "end": end,
                        "time_base": frame_time,
                        "metadata": {"title": title},
                    }
                    for n, (title, start, end) in enumerate(chapters, start=1)
                ]
            )
        pending: deque[Any] = deque()

        def mux_video(packet: Any) -> None:
            moment = _packet_seconds(packet)
            while pending and _packet_seconds(pending[0]) <= moment:
                output.mux(pending.popleft())
            output.mux(packet)

        counts = []
        done = 0
        for video, count in zip(videos, frames, strict=True):
            if audio is not None:
                begin = round(done * audio.rate / fps)
                end = round((done + count) * audio.rate / fps)
                pending.extend(
                    audio.feed(_lesson_audio(video, audio.rate, end - begin))
                )
            if reencode:
                written = 0
                for frame in _decoded(video):
                    frame = frame.reformat(
                        width=video_out.width, height=video_out.height, format="yuv420p"
                    )
                    frame.pts = done + written
                    frame.time_base = frame_time
                    written += 1
                    for packet in video_out.encode(frame):
                        mux_video(packet)
            else:
                written = _copy_packets(
                    video, video_out, template, done, fps, mux_video
                )
            counts.append(written)
            done += count
        if reencode:
            for packet in video_out.encode(None):
                mux_video(packet)
        if audio is not None:
            pending.extend(audio.close())
        while pending:
            output.mux(pending.popleft())
    return counts


def _decoded(video: Path) -> Iterator[Any]:
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        yield from container.decode(stream)


def _copy_packets(
    video: Path, stream: Any, template: Any, start_frame: int, fps: int, mux: Any
) -> int:
    """Copy a lesson's video packets, shifted to start at ``start_frame``."""
    written = 0
    with av.open(str(video)) as source:
        video_in = source.streams.video[0]
        if video_in.time_base != template.time_base:
            raise MathreelError(f"{video} has another time base than the first lesson")
        assert video_in.time_base is not None
        offset = Fraction(start_frame, fps) / video_in.time_base
        shift = round(offset)
        for packet in source.demux(video_in):
            if packet.dts is None or not packet.size:
                continue
            assert packet.pts is not None
            packet.pts += shift
            packet.dts += shift
            packet.stream = stream
            mux(packet)
            written += 1
    return written
