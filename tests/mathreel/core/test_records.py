"""Typed records: they round-trip, and old or incomplete ones are refused in one line.

A record written by an older mathreel (no ``schema`` field) or missing a field
is never trusted: the render command renders that lesson again (and says so),
and the readers of a rendered folder stop with one line naming the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from record_data import complete, complete_manifest

from mathreel.core.course import Course, Entry
from mathreel.core.errors import MathreelError
from mathreel.core.quality import Quality
from mathreel.core.records import SCHEMA, LessonRecord, Manifest, RecordError
from mathreel.narration.captions import Cue
from mathreel.narration.voice import parse_voice
from mathreel.outputs.previews import rendered_lessons
from mathreel.render.options import RenderOptions, cached_record, write_manifest

CUES = [Cue(0.0, 1.2, ("First words",), 0, 0), Cue(1.2, 2.0, ("Two", "lines"), 1, 6)]


def record_data(**extra) -> dict:
    beats = [
        {"index": 0, "start_frame": 0, "frames": 6, "text": "First words"},
        {"index": 1, "start_frame": 6, "frames": 4, "text": "Two lines", "key": True},
    ]
    data = {
        "lesson": "vectors",
        "number": 1,
        "title": "Vectors",
        "fps": 5,
        "decoded_frames": 10,
        "video": "01-vectors.mp4",
        "beats": beats,
        "chapters": [{"title": "Intro", "start_frame": 0}],
    }
    return complete(data | extra, CUES)


def test_a_record_round_trips_and_keeps_its_keys():
    data = record_data(pieces=3)
    record = LessonRecord.from_json(data)
    assert record.to_json() == data  # the same keys and values on disk
    assert record.cues == tuple(CUES)
    assert record.key_beat.index == 1  # Plan.key_beat decides
    assert record.stem == "01-vectors"
    again = LessonRecord.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record


def test_an_old_record_or_one_missing_a_field_is_one_clear_error():
    old = record_data()
    del old["schema"]  # written before the schema existed
    with pytest.raises(RecordError, match=f"schema 1, this mathreel writes {SCHEMA}"):
        LessonRecord.from_json(old)
    missing = record_data()
    del missing["cues"]
    with pytest.raises(RecordError, match="has no field 'cues': render the lesson"):
        LessonRecord.from_json(missing)
    bad = record_data() | {"decoded_frames": "many"}
    with pytest.raises(RecordError, match="malformed"):
        LessonRecord.from_json(bad)


def test_a_manifest_round_trips():
    data = complete_manifest({"quality": "test", "fps": 5, "lessons": [record_data()]})
    manifest = Manifest.from_json(data)
    assert manifest.to_json() == data
    assert manifest.lessons[0].lesson == "vectors"


@pytest.fixture
def rendered(tmp_path):
    """A folder holding one lesson's outputs, with its record as ``record`` says."""
    entry = Entry(1, "vectors", "Vectors", "linear-algebra", "", "scenes.x:Y")
    options = RenderOptions(Quality("test", 16, 9, 5), voice=parse_voice("none"))
    for name in ("01-vectors.mp4", "01-vectors.vtt", "01-vectors.srt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "01-vectors.chapters.vtt").write_text("x")
    return tmp_path, entry, options


def write(folder: Path, data: dict) -> None:
    (folder / "01-vectors.json").write_text(json.dumps(data))


def test_an_old_record_is_rendered_again_and_says_why(rendered):
    folder, entry, options = rendered
    old = record_data()
    del old["schema"]
    write(folder, old)
    told: list[str] = []
    assert cached_record(entry, {}, options, folder, on_stale=told.append) is None
    assert len(told) == 1 and "01-vectors.json has record schema 1" in str(told[0])
    missing = record_data()
    del missing["beats"]
    write(folder, missing)
    told.clear()
    assert cached_record(entry, {}, options, folder, on_stale=told.append) is None
    assert "has no field 'beats'" in str(told[0])


def test_the_manifest_leaves_out_an_old_record_and_says_why(rendered):
    folder, entry, options = rendered
    old = record_data()
    old["schema"] = 1
    write(folder, old)
    skipped: list[RecordError] = []
    path = write_manifest(
        folder, Course([entry]), options.quality, on_skip=skipped.append
    )
    assert json.loads(path.read_text())["lessons"] == []
    assert len(skipped) == 1 and "schema 1" in skipped[0].problem


def test_an_old_manifest_stops_its_readers_with_one_line(tmp_path):
    data = complete_manifest({"quality": "test", "fps": 5, "lessons": [record_data()]})
    del data["schema"]
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(MathreelError, match=r"schema 1.*render the lessons again"):
        rendered_lessons(tmp_path)
    data["schema"] = SCHEMA
    del data["lessons"][0]["video_size"]
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(MathreelError, match="has no field 'video_size'"):
        rendered_lessons(tmp_path)
