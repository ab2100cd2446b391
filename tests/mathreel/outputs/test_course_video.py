"""The full-course video: frames, chapters, captions and narration of the joined lessons.

Most tests join tiny synthetic lessons (solid-colour H.264 frames, a tone for
narration) written the way the worker writes real ones (``finalize_video``, the
caption writers), so every frame, chapter start and cue can be checked exactly
in a second. The slow test joins two real renders, one narrated and one silent.
"""

from __future__ import annotations

import json
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import av
import numpy as np
import pytest
from click.testing import CliRunner
from record_data import complete

from mathreel.core.errors import MathreelError
from mathreel.core.records import SCHEMA, LessonRecord
from mathreel.core.timeline import Beat, Chapter, Plan
from mathreel.media.video import finalize_video, probe, read_chapters, sha256
from mathreel.narration.captions import chapters_vtt, cues_for, srt, vtt
from mathreel.outputs.course_video import (
    CourseChapter,
    build_course_video,
    course_chapters,
    course_paths,
    encoding_signature,
    mp4_chapters,
    parse_vtt,
    shift_cues,
)
from render import cli

FPS = 10
SIZE = (64, 36)
RATE = 48_000
COLOURS = [
    (230, 40, 40),
    (40, 200, 40),
    (40, 40, 230),
    (230, 230, 40),
    (40, 220, 220),
    (220, 40, 220),
    (250, 250, 250),
    (20, 20, 20),
]
FAST = {"preset": "ultrafast", "crf": "26"}


def write_lesson(
    folder: Path,
    number: int,
    beats: list[tuple[int, str, str | None]],
    *,
    tone: tuple[float, float] | None = None,
    options: dict[str, str] | None = None,
    fps: int = FPS,
    colour_offset: int = 0,
    title: str | None = None,
) -> dict:
    """A lesson's video, captions and record, as the worker writes them.

    ``beats`` are ``(frames, text, chapter)``; every frame of beat k has colour
    ``COLOURS[(k + colour_offset) % len(COLOURS)]``. ``tone`` is narration: a
    440 Hz tone from ``tone[0]`` to ``tone[1]`` seconds, silence elsewhere.
    """
    slug = f"lesson-{number}"
    stem = f"{number:02d}-{slug}"
    plan_beats, chapters, colours, start = [], [], [], 0
    for k, (frames, text, chapter) in enumerate(beats):
        plan_beats.append(
            Beat(k, text, text, start, frames, frames / fps * 0.7, chapter, k == 1)
        )
        if chapter:
            chapters.append(Chapter(chapter, start))
        colours += [COLOURS[(k + colour_offset) % len(COLOURS)]] * frames
        start += frames
    plan = Plan(slug, fps, start, plan_beats, [], chapters)
    silent = folder / f".{stem}.silent.mp4"
    folder.mkdir(parents=True, exist_ok=True)
    with av.open(str(silent), "w") as output:
        stream = output.add_stream("libx264", rate=fps)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = dict(options or FAST)
        for n, colour in enumerate(colours):
            pixels = np.full((SIZE[1], SIZE[0], 3), colour, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts = n
            frame.time_base = Fraction(1, fps)
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    audio = None
    if tone is not None:
        samples = round(start / fps * RATE)
        t = np.arange(samples) / RATE
        audio = np.where(
            (t >= tone[0]) & (t < tone[1]), 0.5 * np.sin(2 * np.pi * 440 * t), 0.0
        ).astype(np.float32)
    video = folder / f"{stem}.mp4"
    spans = [
        (
            c.title,
            c.start_frame,
            chapters[i + 1].start_frame if i + 1 < len(chapters) else start,
        )
        for i, c in enumerate(chapters)
    ]
    finalize_video(silent, video, audio=audio, chapters=spans, fps=fps)
    silent.unlink()
    cues = cues_for(plan)
    (folder / f"{stem}.vtt").write_text(vtt(cues))
    (folder / f"{stem}.srt").write_text(srt(cues))
    (folder / f"{stem}.chapters.vtt").write_text(chapters_vtt(plan))
    record = {
        "lesson": slug,
        "number": number,
        "title": title or f"Lesson {number}",
        "area": "calculus",
        "summary": f"Summary of lesson {number}.",
        "params": {"x0": number},
        "given": {},
        "quality": f"{SIZE[1]}p{fps}",
        "width": SIZE[0],
        "height": SIZE[1],
        "fps": fps,
        "planned_frames": start,
        "decoded_frames": start,
        "duration": start / fps,
        "video": video.name,
        "captions": {"vtt": f"{stem}.vtt", "srt": f"{stem}.srt"},
        "chapters_vtt": f"{stem}.chapters.vtt",
        "voice": "flite:slt" if tone else "none",
        "has_audio": tone is not None,
        "sha256": sha256(video),
        "beats": [
            {
                "index": b.index,
                "start_frame": b.start_frame,
                "frames": b.frames,
                "text": b.text,
                "chapter": b.chapter,
                "key": b.key,
            }
            for b in plan_beats
        ],
        "chapters": [
            {"title": c.title, "start_frame": c.start_frame} for c in chapters
        ],
        "colours": colours,
    }
    record = complete(record, cues)
    (folder / f"{stem}.json").write_text(json.dumps(record))
    return record


def write_manifest(folder: Path, records: list[dict]) -> None:
    (folder / "manifest.json").write_text(
        json.dumps(
            {
                "schema": SCHEMA,
                "course": "mathreel",
                "quality": records[0]["quality"],
                "width": SIZE[0],
                "height": SIZE[1],
                "fps": records[0]["fps"],
                "generated_at": "2026-01-01T00:00:00+00:00",
                "lessons": records,
            }
        )
    )


BEATS_A = [
    (12, "Welcome to lesson A. Here is the idea.", "Introduction"),
    (15, "Now the idea moves, step by step.", "The idea"),
    (9, "To remember: it moved.", "Recap"),
]
BEATS_B = [
    (8, "Lesson B begins without a voice.", "Introduction"),
    (14, "Its second beat has more words to read on screen.", None),
]
BEATS_C = [
    (10, "Lesson C, narrated again.", "Introduction"),
    (11, "A last chapter to close the course.", "Closing"),
]


@pytest.fixture(scope="module")
def course_folder(tmp_path_factory):
    """Three lessons with one encoding: narrated, silent, narrated."""
    folder = tmp_path_factory.mktemp("course") / "36p10"
    records = [
        write_lesson(folder, 1, BEATS_A, tone=(0.5, 1.5)),
        write_lesson(folder, 2, BEATS_B, colour_offset=3),
        write_lesson(folder, 3, BEATS_C, tone=(0.2, 0.9), colour_offset=5),
    ]
    write_manifest(folder, records)
    return folder, records


@pytest.fixture(scope="module")
def joined(course_folder):
    folder, _ = course_folder
    return build_course_video(folder)


def nearest(pixel) -> tuple[int, int, int]:
    return min(
        COLOURS,
        key=lambda c: sum((int(a) - b) ** 2 for a, b in zip(pixel, c, strict=True)),
    )


def frame_colours(video: Path) -> list[tuple[int, int, int]]:
    with av.open(str(video)) as container:
        return [
            nearest(frame.to_ndarray(format="rgb24")[SIZE[1] // 2, SIZE[0] // 2])
            for frame in container.decode(video=0)
        ]


def decoded_audio(video: Path) -> np.ndarray:
    with av.open(str(video)) as container:
        stream = container.streams.audio[0]
        return np.concatenate(
            [f.to_ndarray().reshape(-1) for f in container.decode(stream)]
        )


def test_frames_are_the_lessons_frames_in_order(course_folder, joined):
    _, records = course_folder
    assert joined.copied and joined.built
    assert joined.frames == sum(r["decoded_frames"] for r in records) == 79
    info = probe(joined.video)
    assert info.frames == joined.frames
    assert (info.width, info.height, round(info.fps)) == (*SIZE, FPS)
    assert frame_colours(joined.video) == [
        tuple(c) for r in records for c in r["colours"]
    ]


def test_chapters_start_on_the_lessons_frames(joined):
    chapters = read_chapters(joined.video)
    starts = [round(start * FPS) for _, start, _ in chapters]
    titles = [title for title, _, _ in chapters]
    assert titles == [
        "1. Lesson 1",
        "1.2 The idea",
        "1.3 Recap",
        "2. Lesson 2",
        "3. Lesson 3",
        "3.2 Closing",
    ]
    assert starts == [0, 12, 27, 36, 58, 68]
    assert round(chapters[-1][2] * FPS) == joined.frames
    for (_, _, end), (_, start, _) in pairwise(chapters):
        assert abs(end - start) < 1e-6  # no gaps, no overlaps
    nested = parse_vtt(joined.chapters_vtt.read_text())
    assert [(c.lines[0], round(c.start * FPS), round(c.end * FPS)) for c in nested] == [
        ("1. Lesson 1", 0, 36),
        ("1.1 Introduction", 0, 12),
        ("1.2 The idea", 12, 27),
        ("1.3 Recap", 27, 36),
        ("2. Lesson 2", 36, 58),
        ("2.1 Introduction", 36, 58),
        ("3. Lesson 3", 58, 79),
        ("3.1 Introduction", 58, 68),
        ("3.2 Closing", 68, 79),
    ]


def test_captions_are_shifted_by_each_lessons_start(course_folder, joined):
    folder, records = course_folder
    expected = []
    offset = 0
    for record in records:
        for cue in parse_vtt((folder / record["captions"]["vtt"]).read_text()):
            expected.append(
                (cue.start + offset / FPS, cue.end + offset / FPS, cue.lines)
            )
        offset += record["decoded_frames"]
    for text in (joined.vtt.read_text(), joined.srt.read_text()):
        got = parse_vtt(text)
        assert len(got) == len(expected) > 6
        for cue, (start, end, lines) in zip(got, expected, strict=True):
            assert cue.lines == lines
            assert abs(cue.start - start) < 0.0015 and abs(cue.end - end) < 0.0015
    assert joined.vtt.read_text().startswith("WEBVTT")
    assert "00:00:03.600 --> " in joined.vtt.read_text()  # lesson 2's first cue
    assert "00:00:03,600 --> " in joined.srt.read_text()


def test_narration_stays_in_sync_with_silence_between(course_folder, joined):
    assert joined.has_audio
    samples = decoded_audio(joined.video)
    assert abs(samples.size / RATE - joined.frames / FPS) <= 1 / FPS
    window = RATE // 100  # 10 ms
    loud = [
        float(np.abs(samples[k : k + window]).max()) > 0.1
        for k in range(0, samples.size - window, window)
    ]
    onsets = [k / 100 for k in range(1, len(loud)) if loud[k] and not loud[k - 1]]
    ends = [k / 100 for k in range(1, len(loud)) if loud[k - 1] and not loud[k]]
    # lesson 1: 0.5-1.5 s; lesson 2 silent (3.6-5.8 s); lesson 3 starts at 5.8 s: 6.0-6.7 s
    assert len(onsets) == 2 and len(ends) == 2
    assert abs(onsets[0] - 0.5) <= 0.02 and abs(ends[0] - 1.5) <= 0.02
    assert abs(onsets[1] - 6.0) <= 0.02 and abs(ends[1] - 6.7) <= 0.02
    silent = samples[round(3.6 * RATE) : round(5.8 * RATE)]
    assert float(np.abs(silent).max()) < 1e-3


def test_record_and_second_build_is_skipped(course_folder, joined):
    folder, _ = course_folder
    data = json.loads(joined.record.read_text())
    assert data["frames"] == joined.frames and data["encoding"] == "copy"
    assert [x["start_frame"] for x in data["lessons"]] == [0, 36, 58]
    assert data["sha256"] == sha256(joined.video)
    again = build_course_video(folder)
    assert not again.built
    assert again.video.stat().st_mtime_ns == joined.video.stat().st_mtime_ns


def test_lessons_with_other_encodings_are_encoded_again(tmp_path):
    folder = tmp_path / "36p10"
    records = [
        write_lesson(folder, 1, BEATS_A),
        write_lesson(folder, 2, BEATS_B, options={"preset": "medium", "crf": "18"}),
    ]
    write_manifest(folder, records)
    assert encoding_signature(folder / records[0]["video"]) != encoding_signature(
        folder / records[1]["video"]
    )
    with pytest.raises(MathreelError, match="different encodings"):
        build_course_video(folder, reencode=False)
    result = build_course_video(folder)
    assert not result.copied and not result.has_audio
    assert probe(result.video).frames == result.frames == 58
    assert not probe(result.video).has_audio
    assert frame_colours(result.video) == [
        tuple(c) for r in records for c in r["colours"]
    ]
    assert [round(s * FPS) for _, s, _ in read_chapters(result.video)] == [
        0,
        12,
        27,
        36,
    ]


def test_course_chapters_and_flat_mp4_chapters():
    lessons = [
        {
            "lesson": "a",
            "number": 1,
            "title": "A",
            "decoded_frames": 30,
            "chapters": [
                {"title": "Intro", "start_frame": 0},
                {"title": "Middle", "start_frame": 10},
            ],
        },
        {
            "lesson": "b",
            "number": 2,
            "title": "B",
            "decoded_frames": 20,
            "chapters": [],
        },
    ]
    chapters = course_chapters(
        [
            LessonRecord.from_json(
                complete(r | {"video": f"{r['lesson']}.mp4", "fps": 10})
            )
            for r in lessons
        ]
    )
    assert chapters == [
        CourseChapter("1. A", 0, 30, 1, "a"),
        CourseChapter("1.1 Intro", 0, 10, 2, "a"),
        CourseChapter("1.2 Middle", 10, 30, 2, "a"),
        CourseChapter("2. B", 30, 50, 1, "b"),
    ]
    assert mp4_chapters(chapters) == [
        ("1. A", 0, 10),
        ("1.2 Middle", 10, 30),
        ("2. B", 30, 50),
    ]


def test_parse_and_shift_cues_round_trip(course_folder):
    folder, records = course_folder
    text = (folder / records[0]["captions"]["vtt"]).read_text()
    cues = parse_vtt(text)
    assert vtt(cues) == text
    moved = shift_cues(cues, 25, FPS)
    assert moved[0].start == pytest.approx(cues[0].start + 2.5)
    assert moved[0].lines == cues[0].lines


def test_bad_folders_are_one_clear_line(tmp_path, course_folder):
    with pytest.raises(MathreelError, match="does not exist"):
        build_course_video(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(MathreelError, match=r"no manifest\.json"):
        build_course_video(tmp_path / "empty")
    (tmp_path / "empty" / "manifest.json").write_text('{"lessons": []}')
    with pytest.raises(MathreelError, match="no rendered lessons"):
        build_course_video(tmp_path / "empty")
    _, records = course_folder
    broken = tmp_path / "broken"
    broken.mkdir()
    write_manifest(broken, records)
    with pytest.raises(MathreelError, match=r"01-lesson-1\.mp4 is missing"):
        build_course_video(broken)
    mixed = tmp_path / "mixed"
    write_manifest(
        mixed,
        [write_lesson(mixed, 1, BEATS_A), write_lesson(mixed, 2, BEATS_B, fps=5)],
    )
    with pytest.raises(MathreelError, match="different frame rates"):
        build_course_video(mixed)


def test_course_command(tmp_path):
    folder = tmp_path / "out" / "36p10"
    write_manifest(folder, [write_lesson(folder, 1, BEATS_A, tone=(0, 1))])
    result = CliRunner().invoke(
        cli, ["course", "--out", str(tmp_path / "out"), "-q", "36p10"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "course.mp4 (built): 1 lesson(s), 36 frames, 0:03.6, video copied"
        in result.output
    )
    assert (folder / "index.html").exists()
    assert course_paths(folder)["video"].exists()
    result = CliRunner().invoke(cli, ["course", "--out", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1


# --- real renders ----------------------------------------------------------------------


@pytest.mark.slow
def test_real_lessons_join_with_chapters_captions_and_narration(rendered):
    manifest = json.loads((rendered / "manifest.json").read_text())
    lessons = manifest["lessons"]
    assert [r["has_audio"] for r in lessons] == [False, True]
    result = build_course_video(rendered, force=True)
    assert result.copied and result.has_audio
    frames = [r["decoded_frames"] for r in lessons]
    assert probe(result.video).frames == result.frames == sum(frames)
    chapters = read_chapters(result.video)
    starts = {round(start * 5) for _, start, _ in chapters}
    lesson_chapters = [(t, round(s * 5)) for t, s, _ in chapters if ". " in t]
    assert lesson_chapters == [
        (f"{lessons[0]['number']}. {lessons[0]['title']}", 0),
        (f"{lessons[1]['number']}. {lessons[1]['title']}", frames[0]),
    ]
    own = sum(len(r["chapters"]) - 1 for r in lessons)
    assert len(chapters) == len(lessons) + own
    for record, offset in zip(lessons, [0, frames[0]], strict=True):
        for chapter in record["chapters"][1:]:
            assert offset + chapter["start_frame"] in starts
    joined_cues = parse_vtt(result.vtt.read_text())
    first = parse_vtt((rendered / lessons[0]["captions"]["vtt"]).read_text())
    second = parse_vtt((rendered / lessons[1]["captions"]["vtt"]).read_text())
    assert len(joined_cues) == len(first) + len(second)
    moved = joined_cues[len(first)]
    assert abs(moved.start - (second[0].start + frames[0] / 5)) < 0.0015
    samples = decoded_audio(result.video)
    assert abs(samples.size / RATE - result.frames / 5) <= 1 / 5
    assert float(np.abs(samples[: round(frames[0] / 5 * RATE)]).max()) < 1e-3
    own_audio = decoded_audio(rendered / lessons[1]["video"])
    start = round(frames[0] / 5 * RATE)
    piece = samples[start : start + own_audio.size]
    n = min(piece.size, own_audio.size)
    correlation = np.corrcoef(piece[:n], own_audio[:n])[0, 1]
    assert correlation > 0.95  # the narration is where the lesson is, not shifted
