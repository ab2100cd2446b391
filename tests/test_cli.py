"""The command line, through click's CliRunner: every command, its help, bad input."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import scenes
from mathreel import __version__
from mathreel.media.video import probe
from render import cli

COMMANDS = [
    "list",
    "plan",
    "render",
    "still",
    "frames",
    "doctor",
    "new",
    "preview",
    "course",
    "serve",
    "voices",
]


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_version_and_help():
    assert run("--version").output.strip().endswith(__version__)
    result = run("-h")
    assert result.exit_code == 0
    assert set(COMMANDS) <= set(cli.commands)
    for command in cli.commands:
        assert f"  {command} " in result.output  # listed in the group's help


@pytest.mark.parametrize("command", sorted(set(COMMANDS) | set(cli.commands)))
def test_every_command_has_help_and_version(command):
    summary = (cli.commands[command].help or "").strip()
    assert summary, f"'mathreel {command}' has no help text"
    for flag in ("-h", "--help"):
        result = run(command, flag)
        assert result.exit_code == 0
        usage = result.output.splitlines()[0]
        assert usage.startswith("Usage: ") and f" {command} [OPTIONS]" in usage
        assert summary.splitlines()[0] in result.output
    assert (
        run(command, "--version").output.strip() == f"mathreel, version {__version__}"
    )


def test_list_shows_the_course_in_order(tmp_path, monkeypatch):
    # three lessons from the real registry, in its order: listing plans every
    # lesson, and the whole course's plans are checked in test_lessons.py
    blocks = (
        (Path(scenes.__file__).parent / "course.toml").read_text().split("[[lesson]]")
    )
    chosen = ["linear-transformations", "derivatives", "bayes-theorem"]
    picked = [b for b in blocks[1:] if any(f'slug = "{c}"' in b for c in chosen)]
    registry = tmp_path / "course.toml"
    registry.write_text("".join("[[lesson]]" + b for b in picked))
    monkeypatch.setenv("MATHREEL_COURSE", str(registry))
    result = run("list", "--voice", "none")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [line.split()[1] for line in lines] == chosen
    assert [line.split()[0] for line in lines] == ["1", "2", "3"]
    assert "matrix=[[2,-1],[1,1]]" in result.output
    rows = json.loads(run("list", "--voice", "none", "--json").output)
    assert [r["slug"] for r in rows] == chosen
    assert all(45 <= r["duration"] <= 150 for r in rows)


def test_plan_prints_beats_with_frames():
    result = run("plan", "linear-transformations", "--fps", "10")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("linear-transformations at 10 fps:")
    assert "beat  0  frame     0" in result.output
    data = json.loads(
        run("plan", "linear-transformations", "--fps", "10", "--json").output
    )
    assert data["frames"] == sum(s["frames"] for s in data["steps"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["render", "linear-transformations", "--set", "matrix=[[1,2]]"],
            "parameter 'matrix': got [[1, 2]] (shape 1x2)",
        ),
        (
            ["render", "linear-transformations", "--set", "matrix=oops"],
            "parameter 'matrix': got 'oops'",
        ),
        (
            ["render", "linear-transformaton"],
            "unknown lesson 'linear-transformaton': did you mean 'linear-transformations'",
        ),
        (
            ["render", "linear-transformations", "--set", "colour=red"],
            "has no parameter 'colour'",
        ),
        (["render", "linear-transformations", "--set", "red"], "expected NAME=VALUE"),
        (["render"], "name the lessons to render, or pass --all"),
        (
            ["render", "--all", "--set", "matrix=[[1,0],[0,1]]"],
            "--set applies to one lesson",
        ),
        (["render", "derivatives", "--resolution", "100x7"], "--resolution '100x7'"),
        (["plan", "nope"], "unknown lesson 'nope'"),
        (["frames", "derivatives", "--out", "/nonexistent/x"], "has not been rendered"),
    ],
)
def test_bad_input_is_one_clear_line_and_touches_nothing(tmp_path, args, message):
    out = tmp_path / "out"
    (out / "preview").mkdir(parents=True)
    keep = out / "preview" / "01-linear-transformations.mp4"
    keep.write_bytes(b"earlier render")
    result = CliRunner().invoke(
        cli, [*args, "--out", str(out)] if args[0] == "render" else args
    )
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[-1].startswith("Error: ")
    assert message in lines[-1]
    error_lines = [line for line in lines if line.startswith("Error")]
    assert len(error_lines) == 1
    assert keep.read_bytes() == b"earlier render"
    assert sorted(p.name for p in (out / "preview").iterdir()) == [keep.name]


def test_doctor_reports_every_check():
    result = run("doctor")
    for name in ("cairo", "pango", "latex", "dvisvgm", "MathTex", "encoders", "disk"):
        assert name in result.output
    assert result.exit_code == 0, result.output


def test_doctor_explains_missing_latex(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no latex, no dvisvgm, no voices
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert "FAIL  latex" in result.output
    assert "scripts/setup" in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: ")


def test_render_without_latex_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(cli, ["render", "derivatives", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: latex not found")


@pytest.mark.slow
def test_render_writes_video_record_and_manifest(tmp_path):
    out = tmp_path / "out"
    result = run(
        "render",
        "linear-transformations",
        "--set",
        "matrix=[[2,1],[1,3]]",
        "--resolution",
        "192x108",
        "--fps",
        "5",
        "--out",
        str(out),
        "--jobs",
        "1",
    )
    assert result.exit_code == 0, result.output
    folder = out / "108p5"
    assert f"Manifest: {folder / 'manifest.json'}" in result.output
    manifest = json.loads((folder / "manifest.json").read_text())
    (lesson,) = manifest["lessons"]
    assert lesson["params"]["matrix"] == [[2, 1], [1, 3]]
    assert lesson["quality"] == "108p5" and lesson["fps"] == 5
    planned = json.loads(
        run(
            "plan",
            "linear-transformations",
            "--set",
            "matrix=[[2,1],[1,3]]",
            "--fps",
            "5",
            "--json",
        ).output
    )["frames"]
    assert probe(folder / lesson["video"]).frames == planned == lesson["decoded_frames"]
    assert not [p for p in os.listdir(folder) if p.endswith(".part")]
    frames = run("frames", "linear-transformations", "-q", "108p5", "--out", str(out))
    assert frames.exit_code == 0
    pngs = frames.output.split()
    assert len(pngs) == len(lesson["beats"])
    # a still of beat 3 is the last frame of beat 3 in the video, without rendering it
    still = run(
        "still",
        "linear-transformations",
        "--beat",
        "3",
        "--set",
        "matrix=[[2,1],[1,3]]",
        "--resolution",
        "192x108",
        "--to",
        str(tmp_path / "still.png"),
    )
    assert still.exit_code == 0, still.output
    import numpy as np
    from PIL import Image

    mine = np.asarray(Image.open(tmp_path / "still.png").convert("RGB"), dtype=float)
    frames_seen = [np.asarray(Image.open(p).convert("RGB"), dtype=float) for p in pngs]
    assert mine.shape == frames_seen[3].shape == (108, 192, 3)
    distances = [np.abs(mine - f).mean() for f in frames_seen]
    assert distances[3] < 10  # lossy 192x108 video against a lossless PNG
    assert min(distances) == distances[3]  # and closer to beat 3 than to any other beat
    too_far = run(
        "still",
        "linear-transformations",
        "--beat",
        "99",
        "--to",
        str(tmp_path / "x.png"),
    )
    assert too_far.exit_code == 1
    assert "choose --beat from 0 to" in too_far.output


@pytest.mark.slow
def test_a_failing_lesson_does_not_stop_the_batch(tmp_path, monkeypatch):
    # A course of a good lesson and one whose construct raises (a bug).
    registry = tmp_path / "course.toml"
    registry.write_text(
        (Path(scenes.__file__).parent / "course.toml")
        .read_text()
        .split("[[lesson]]")[0]
        + LESSON_LT
        + '[[lesson]]\nslug = "broken"\ntitle = "Broken"\narea = "probability"\n'
        'summary = "fails"\nscene = "broken_lesson:Broken"\n'
    )
    monkeypatch.setenv("MATHREEL_COURSE", str(registry))
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent / "fixtures"))
    monkeypatch.syspath_prepend(str(Path(__file__).parent / "fixtures"))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["render", "--all", "--resolution", "128x72", "--fps", "3", "--out", str(out)],
    )
    assert result.exit_code == 1
    assert "ok     linear-transformations" in result.output
    assert (
        "FAIL   broken                   RuntimeError: a bug in the lesson"
        in result.output
    )
    assert "Error: 1 of 2 lesson(s) failed: broken" in result.output
    table = result.output.split("\n\n")[1].splitlines()
    assert table[0].split() == ["lesson", "status", "frames", "duration", "wall", "log"]
    assert table[1].split()[:2] == ["linear-transformations", "ok"]
    assert table[2].split()[:2] == ["broken", "FAIL"]
    assert table[2].endswith("02-broken.log")
    folder = out / "72p3"
    assert "Traceback" in (folder / "logs" / "02-broken.log").read_text()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [m["lesson"] for m in manifest["lessons"]] == ["linear-transformations"]
    assert sorted(p.name for p in folder.glob("*.mp4")) == [
        "01-linear-transformations.mp4"
    ]


LESSON_LT = """[[lesson]]
slug = "linear-transformations"
title = "Linear transformations"
area = "linear-algebra"
summary = "A matrix moves the plane."
scene = "scenes.linear_algebra.linear_transformations:LinearTransformations"

"""


def test_cache_shows_each_part_and_clears_one(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path))
    segment = tmp_path / "segments" / "ab" / ("ab" + "0" * 62 + ".mp4")
    segment.parent.mkdir(parents=True)
    segment.write_bytes(b"x" * 2_000_000)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.json").write_text("{}")
    shown = run("cache")
    assert shown.exit_code == 0
    assert f"Cache: {tmp_path}" in shown.output
    assert re.search(r"segments\s+2\.0 MB\s+1 files", shown.output)
    assert "kept to 4096.0 MB" in shown.output
    cleared = run("cache", "--clear", "--part", "segments")
    assert cleared.exit_code == 0
    assert "Removed 1 cached files (segments)." in cleared.output
    assert not segment.exists() and (tmp_path / "plans" / "p.json").exists()
    refused = run("cache", "--part", "tex")
    assert refused.exit_code == 1
    assert refused.output.strip() == (
        "Error: --part only goes with --clear: add --clear, or drop --part"
    )
    monkeypatch.setenv("MATHREEL_SEGMENT_CACHE_MB", "-3")
    bad = run("cache")
    assert bad.exit_code == 1
    assert "MATHREEL_SEGMENT_CACHE_MB='-3' is not a size" in bad.output
