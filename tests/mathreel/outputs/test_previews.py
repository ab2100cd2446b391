"""Previews: the poster is the key beat's first frame, the key moment loops, the sheet
has one tile per beat.

A synthetic lesson (every beat a solid colour) makes every frame choice checkable
by colour; the slow test makes the previews of a real render.
"""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image
from record_data import complete, complete_manifest

from mathreel.core.errors import MathreelError
from mathreel.core.records import LessonRecord
from mathreel.outputs.previews import (
    KEY_FPS,
    TILE_WIDTH,
    contact_sheet,
    first_words,
    make_all_previews,
    make_previews,
    preview_paths,
    rendered_lessons,
    still_paths,
)

FPS = 20
SIZE = (96, 54)
COLOURS = [(230, 40, 40), (40, 200, 40), (40, 40, 230), (230, 230, 40), (40, 220, 220)]
BEATS = [
    (10, "Welcome. What does a matrix do to the plane around it?"),
    (20, "Start with two arrows, one step right and one step up."),
    (160, "Now apply the matrix: every line moves, and stays straight."),
    (12, "The columns say where the arrows land."),
    (8, "To remember: a matrix moves the whole plane at once, lines straight."),
]


def write_lesson(folder: Path, *, key: int | None = 2, with_key_field: bool = True):
    """A lesson whose beat k is ``COLOURS[k]`` (with a moving marker); its record."""
    folder.mkdir(parents=True, exist_ok=True)
    video = folder / "04-demo.mp4"
    with av.open(str(video), "w") as output:
        stream = output.add_stream("libx264", rate=FPS)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "20"}
        n = 0
        for k, (frames, _) in enumerate(BEATS):
            for _ in range(frames):
                pixels = np.full((SIZE[1], SIZE[0], 3), COLOURS[k], dtype=np.uint8)
                x = 4 * (n % (SIZE[0] // 4))
                pixels[:8, x : x + 4] = 255  # a marker moving along the top edge
                frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
                frame.pts = n
                frame.time_base = Fraction(1, FPS)
                n += 1
                for packet in stream.encode(frame):
                    output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    beats, start = [], 0
    for k, (frames, text) in enumerate(BEATS):
        beat = {"index": k, "start_frame": start, "frames": frames, "text": text}
        beat["chapter"] = "Introduction" if k == 0 else None
        if with_key_field:
            beat["key"] = k == key
        beats.append(beat)
        start += frames
    record = {
        "lesson": "demo",
        "number": 4,
        "title": "Demo <lesson>",
        "params": {"matrix": [[2, -1], [1, 1]]},
        "width": SIZE[0],
        "height": SIZE[1],
        "fps": FPS,
        "decoded_frames": start,
        "duration": start / FPS,
        "video": video.name,
        "voice": "none",
        "sha256": "abc",
        "beats": beats,
    }
    data = complete(record)
    (folder / "manifest.json").write_text(
        json.dumps(
            complete_manifest(
                {"quality": "54p20", "fps": FPS, "width": SIZE[0], "height": SIZE[1]}
            )
            | {"lessons": [data]}
        )
    )
    return LessonRecord.from_json(data)


def colour_at(image: Image.Image, xy: tuple[int, int]) -> int:
    """The index of the nearest lesson colour to the pixel at ``xy``."""
    pixel = image.convert("RGB").getpixel(xy)
    assert isinstance(pixel, tuple)
    return min(
        range(len(COLOURS)),
        key=lambda k: sum((a - b) ** 2 for a, b in zip(pixel, COLOURS[k], strict=True)),
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("previews")
    record = write_lesson(folder)
    return folder, record, make_previews(folder, record)


def test_poster_is_the_key_beats_first_frame(made):
    _, record, previews = made
    assert previews.poster_frame == record.beats[2].start_frame == 30
    with Image.open(previews.poster) as poster:
        assert poster.size == SIZE
        assert colour_at(poster, (SIZE[0] // 2, SIZE[1] // 2)) == 2


def test_key_moment_loops_over_the_key_beat(made):
    _, _, previews = made
    with Image.open(previews.key) as anim:
        assert anim.format == "WEBP" and anim.is_animated
        assert anim.info.get("loop") == 0
        count = anim.n_frames
        step = FPS // KEY_FPS
        assert count == len(previews.key_frames) == 6 * FPS // step  # at most 6 s
        anim.seek(1)
        anim.load()
        assert anim.info["duration"] == 1000 * step // FPS
        for n in (0, count - 1):
            anim.seek(n)
            assert colour_at(anim, (SIZE[0] // 2, SIZE[1] // 2)) == 2
    assert previews.key_frames[0] == 30 and previews.key_frames[1] == 30 + step


def test_contact_sheet_has_one_tile_per_beat(made, tmp_path):
    _, record, previews = made
    frames = [Image.new("RGB", SIZE, COLOURS[k]) for k in range(len(BEATS))]
    sheet = contact_sheet(record, frames, tmp_path / "sheet.png")
    assert len(sheet.tiles) == len(record.beats) == previews.tiles == 5
    with Image.open(previews.sheet) as image:
        assert image.size == sheet.size
        for k, (left, top, right, bottom) in enumerate(sheet.tiles):
            assert right - left == TILE_WIDTH
            # each tile shows its beat (the beat's last frame, decoded from the video)
            assert colour_at(image, ((left + right) // 2, (top + bottom) // 2)) == k
        background = image.getpixel((2, image.size[1] - 2))
    assert background == (0x11, 0x13, 0x18)
    rows = sorted({top for _, top, _, _ in sheet.tiles})
    assert len(rows) == 2  # four tiles a row


def test_previews_are_not_made_twice(made):
    folder, record, previews = made
    before = previews.sheet.stat().st_mtime_ns
    again = make_previews(folder, record)
    assert not again.made and previews.sheet.stat().st_mtime_ns == before
    assert make_previews(folder, record, force=True).made
    changed = replace(record, sha256="def")
    assert make_previews(folder, changed).made


def test_each_beat_has_a_still_of_its_own_frame(made):
    """One 320 px JPEG per beat for the lesson page's transcript, showing that beat."""
    folder, record, previews = made
    stills = still_paths(folder, record)
    assert [p.name for p in stills] == [
        f"04-demo.beat-{k:02d}.jpg" for k in range(1, len(BEATS) + 1)
    ]
    assert list(previews.stills) == stills
    for k, path in enumerate(stills):
        with Image.open(path) as still:
            assert still.format == "JPEG"
            assert still.size == (320, round(320 * SIZE[1] / SIZE[0]))
            assert colour_at(still, (160, 120)) == k  # the beat's own colour
    stills[1].unlink()  # a missing still makes the previews again
    again = make_previews(folder, record)
    assert again.made and stills[1].exists()


def test_last_beat_is_key_when_no_beat_says_so(tmp_path):
    record = write_lesson(tmp_path, with_key_field=False)
    assert record.key_beat.index == 4
    (result,) = make_all_previews(tmp_path)
    assert result.poster_frame == record.beats[4].start_frame
    paths = preview_paths(tmp_path, "04-demo")
    assert all(paths[k].exists() for k in ("poster", "key", "sheet", "stamp"))
    with Image.open(result.key) as anim:
        assert anim.n_frames == 8 // (FPS // KEY_FPS)  # the whole (short) beat


def test_first_words_fit_and_end_in_an_ellipsis():
    lines = first_words("word " * 60, 200)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert first_words("Short text.", 200) == ["Short text."]
    assert first_words("", 200) == []


def test_missing_inputs_are_one_clear_line(tmp_path):
    with pytest.raises(MathreelError, match="does not exist"):
        rendered_lessons(tmp_path / "nope")
    with pytest.raises(MathreelError, match=r"no manifest\.json"):
        make_all_previews(tmp_path)
    record = write_lesson(tmp_path / "x")
    (tmp_path / "x" / record.video).unlink()
    with pytest.raises(MathreelError, match=r"04-demo\.mp4 is missing"):
        make_all_previews(tmp_path / "x")
    with pytest.raises(MathreelError, match="render lesson 'demo' again"):
        make_previews(tmp_path / "x", record)


@pytest.mark.slow
def test_real_lessons_get_posters_key_moments_and_sheets(rendered):
    made = make_all_previews(rendered, force=True)
    manifest = rendered_lessons(rendered)
    for previews, record in zip(made, manifest.lessons, strict=True):
        beat = record.key_beat
        assert previews.poster_frame == beat.start_frame
        with Image.open(previews.poster) as poster:
            assert poster.size == (192, 108)
        with Image.open(previews.key) as anim:  # still frames are merged: count time
            assert anim.is_animated and anim.info.get("loop") == 0
            shown = 0
            for n in range(anim.n_frames):
                anim.seek(n)
                anim.load()
                shown += anim.info["duration"]
        assert shown == len(previews.key_frames) * 200  # 5 fps: 200 ms a frame
        assert previews.tiles == len(record.beats) >= 10
        with Image.open(previews.sheet) as sheet:
            columns = min(4, len(record.beats))
            assert sheet.size[0] == 2 * 20 + columns * TILE_WIDTH + (columns - 1) * 16
        print(f"contact sheet: {previews.sheet}")
