"""Narration end to end: cached re-renders keep their sound, silent and burned renders.

These render real video (at a tiny size) and are marked slow.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import av
import numpy as np
import pytest
import webvtt
from click.testing import CliRunner

from mathreel.core.course import load_course
from mathreel.core.quality import resolve_quality
from mathreel.media.video import probe
from mathreel.narration.voice import Voice, parse_voice
from mathreel.render.options import RenderOptions
from mathreel.render.worker import plan_lesson, render_lesson
from render import cli

#: linear-transformations' output stem: its number follows the course order
LT_STEM = load_course().get("linear-transformations").stem

pytestmark = pytest.mark.slow
TINY = ["--resolution", "192x108", "--fps", "5"]


def _captions_say_every_beat(vtt: Path, record: dict) -> None:
    """The VTT parses and holds every word of every beat, in order."""
    assert vtt.read_text().startswith("WEBVTT")
    captions = webvtt.read(str(vtt)).captions
    said = " ".join(beat["text"] for beat in record["beats"]).split()
    assert " ".join(c.text for c in captions).split() == said


def test_cached_rerender_renders_nothing_and_keeps_its_sound(tmp_path):
    out = tmp_path / "out"
    first = CliRunner().invoke(
        cli, ["render", "linear-transformations", *TINY, "--out", str(out)]
    )
    assert first.exit_code == 0, first.output
    video = out / "108p5" / f"{LT_STEM}.mp4"
    stamp = video.stat().st_mtime_ns
    second = CliRunner().invoke(
        cli, ["render", "linear-transformations", *TINY, "--out", str(out)]
    )
    assert second.exit_code == 0, second.output
    row = next(
        x for x in second.output.splitlines() if x.startswith("linear-transformations ")
    )
    assert row.split()[1] == "cached"
    assert "Rendering" not in second.output
    assert video.stat().st_mtime_ns == stamp
    assert probe(video).has_audio
    # a changed parameter is not served from the cache
    third = CliRunner().invoke(
        cli,
        [
            "render",
            "linear-transformations",
            *TINY,
            "--set",
            "vector=[2,1]",
            "--out",
            str(out),
        ],
    )
    assert "ok     linear-transformations" in third.output
    manifest = json.loads((out / "108p5" / "manifest.json").read_text())
    assert manifest["lessons"][0]["params"]["vector"] == [2, 1]


def test_forced_rerender_synthesises_nothing_and_has_audio(tmp_path, monkeypatch):
    options = RenderOptions(resolve_quality("preview", resolution="192x108", fps=4))
    entry_args = ("linear-transformations", {})
    from mathreel.core.course import load_course

    entry = load_course().get(entry_args[0])
    render_lesson(entry, {}, options, tmp_path)

    def refuse(self, text, path):
        raise AssertionError(f"re-synthesised {text!r}")

    monkeypatch.setattr(Voice, "synthesize", refuse)
    record = render_lesson(entry, {}, options, tmp_path).to_json()
    assert record["has_audio"]
    assert probe(tmp_path / record["video"]).has_audio


def test_silent_render_times_beats_by_reading(tmp_path):
    from mathreel.core.course import load_course

    entry = load_course().get("linear-transformations")
    options = RenderOptions(
        resolve_quality("preview", resolution="192x108", fps=5),
        voice=parse_voice("none"),
    )
    record = render_lesson(entry, {}, options, tmp_path).to_json()
    video = tmp_path / record["video"]
    info = probe(video)
    assert not info.has_audio and not record["has_audio"]
    assert info.frames == plan_lesson(entry, fps=5, voice=parse_voice("none")).frames
    _captions_say_every_beat(tmp_path / record["captions"]["vtt"], record)
    first = record["beats"][1]
    words = len(first["text"].split())
    assert first["speech_seconds"] == pytest.approx(
        max(1.2, words * 60 / 160), abs=1e-3
    )


def test_missing_voice_engine_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("latex", "dvisvgm"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    monkeypatch.setenv("PATH", str(bin_dir))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["render", "derivatives", *TINY, "--voice", "flite", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip()
        .splitlines()[-1]
        .startswith("Error: voice engine 'flite' not found")
    )
    assert not out.exists()


def test_burned_captions_are_drawn_into_the_frames(tmp_path):
    from mathreel.core.course import load_course

    entry = load_course().get("linear-transformations")
    quality = resolve_quality("preview", resolution="320x180", fps=4)
    plain = render_lesson(
        entry, {}, RenderOptions(quality), tmp_path / "plain"
    ).to_json()
    burned = render_lesson(
        entry, {}, RenderOptions(quality, burn_captions=True), tmp_path / "burned"
    ).to_json()
    assert burned["decoded_frames"] == plain["decoded_frames"]
    # the middle of the title card's first cue: the caption band differs
    frame = plain["beats"][0]["start_frame"] + 4
    band_plain = _frame(tmp_path / "plain" / plain["video"], frame)[150:, :]
    band_burned = _frame(tmp_path / "burned" / burned["video"], frame)[150:, :]
    assert np.abs(band_burned.astype(int) - band_plain.astype(int)).mean() > 5
    assert probe(tmp_path / "burned" / burned["video"]).has_audio


def _frame(video: Path, number: int) -> np.ndarray:
    with av.open(str(video)) as container:
        for i, frame in enumerate(container.decode(video=0)):
            if i == number:
                return frame.to_ndarray(format="rgb24")
    raise AssertionError(f"no frame {number}")


@pytest.mark.parametrize(("fmt", "audio"), [("webm", True), ("gif", False)])
def test_other_formats_have_the_planned_frames(tmp_path, fmt, audio):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["render", "linear-transformations", *TINY, "--format", fmt, "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    folder = out / f"108p5-{fmt}"
    record = json.loads((folder / f"{LT_STEM}.json").read_text())
    video = folder / record["video"]
    assert video.suffix == f".{fmt}"
    info = probe(video)
    assert info.frames == record["planned_frames"]
    assert info.has_audio is audio
    if fmt == "webm":
        from mathreel.media.video import read_chapters

        assert info.codec == "vp9"
        assert [c[0] for c in read_chapters(video)] == [
            c["title"] for c in record["chapters"]
        ]
    _captions_say_every_beat(folder / record["captions"]["vtt"], record)
