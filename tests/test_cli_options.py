"""Every combination of ``mathreel render`` options: honoured, or refused in one line.

The table lists each combination and what it does. Refusals happen before any
work; for accepted ones the engine's entry point (``render_lessons``, as the command calls it)
is replaced by a recorder, so the test checks that each option reached the
request it is given instead of being dropped on the way. A tiny
real render checks that --burn-captions draws into a GIF's frames.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from click.testing import CliRunner

from mathreel.core.course import load_course
from mathreel.pipeline import commands
from mathreel.pipeline import run as pipeline
from render import cli

ONE = ["vectors"]
TWO = ["vectors", "dot-product"]

# (options, None when accepted or the refusal's substring, what the run receives)
CASES: list[tuple[list[str], str | None, dict[str, Any]]] = [
    (["--format", "gif", "--burn-captions"], None, {"burn": True, "fmt": "gif"}),
    (["--format", "webm", "--burn-captions"], None, {"burn": True, "fmt": "webm"}),
    (["--format", "gif", "--voice", "flite"], None, {"note": "a GIF has no sound"}),
    (["--format", "gif", "--voice", "none"], None, {"no_note": "no sound"}),
    (
        ["--format", "gif", "--course"],
        "--course joins MP4 lessons, not --format gif",
        {},
    ),
    (
        ["--format", "webm", "--course"],
        "--course joins MP4 lessons, not --format webm",
        {},
    ),
    (["--course"], None, {"course": True}),
    (["--course", "--shard", "1/2"], "--course with --shard", {}),
    (["--all", "--set", "x=1"], "--set applies to one lesson", {}),
    ([*TWO[1:], "--set", "x=1"], "--set applies to one lesson", {}),
    (["-q", "high", "--resolution", "320x180"], None, {"quality": "180p60"}),
    (["-q", "medium", "--fps", "12"], None, {"quality": "720p12"}),
    (
        ["-q", "low", "--resolution", "320x180", "--fps", "6"],
        None,
        {"quality": "180p6"},
    ),
    (["--shard", "1/2"], None, {"shard": True}),
    (["--all", "--shard", "2/3"], None, {"shard": True}),
    (
        ["--scheduler", "tcp://h:1", "--jobs", "3"],
        None,
        {"scheduler": "tcp://h:1", "jobs": 3},
    ),
    (["--no-split", "--jobs", "1"], None, {"split": False, "jobs": 1}),
    (["--split", "--jobs", "4"], None, {"split": True, "jobs": 4}),
    (["--force"], None, {"force": True}),
    (["--watch"], None, {"watch": True}),
    (
        ["--watch", "--force", "--course"],
        None,
        {"watch": True, "force": True, "course": True},
    ),
    (["--watch", "--all"], "--watch follows one lesson", {}),
    (["--watch", *TWO[1:]], "--watch follows one lesson", {}),
    (["--watch", "--shard", "1/2"], "--watch follows one named lesson and --shard", {}),
    (["--all"], None, {"lessons": len(load_course())}),
]


def _args(options: list[str]) -> list[str]:
    lessons = [] if "--all" in options else ONE
    return ["render", *lessons, *options]


@pytest.mark.parametrize(
    ("options", "refusal", "expect"),
    CASES,
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_render_option_combinations(tmp_path, monkeypatch, options, refusal, expect):
    runs: list[dict[str, Any]] = []

    def fake_run(request, *, echo, live=False):
        opts = request.options
        runs.append(
            {
                "lessons": len(request.entries),
                "fmt": opts.format,
                "burn": opts.burn_captions,
                "quality": opts.quality.name,
                "jobs": request.jobs,
                "force": request.force,
                "scheduler": request.scheduler,
                "split": request.split,
                "course": request.course_video,
            }
        )
        return pipeline.BatchReport(request.out_dir, request.out_dir / "manifest.json")

    def fake_watch(files, once):
        once()

    monkeypatch.setattr(commands, "render_lessons", fake_run)
    monkeypatch.setattr(commands, "select_shard", lambda entries, *a: entries[:1])
    monkeypatch.setattr("mathreel.pipeline.watch.watch", fake_watch)
    if "--set" in options:  # a parameter the lesson has
        options = [o if o != "x=1" else "vector=[1,2]" for o in options]
    args = _args(options)
    if "--voice" not in options:
        args += ["--voice", "none"]
    result = CliRunner().invoke(cli, [*args, "--out", str(tmp_path)])
    if refusal is not None:
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert result.exit_code == 1, result.output
        assert lines[-1].startswith("Error: ") and refusal in lines[-1], result.output
        assert not runs
        assert not list(tmp_path.iterdir())  # nothing written
        return
    assert result.exit_code == 0, result.output
    assert len(runs) == 1, result.output
    run = runs[0]
    for key in (
        "fmt",
        "burn",
        "quality",
        "jobs",
        "force",
        "scheduler",
        "split",
        "course",
        "lessons",
    ):
        if key in expect:
            assert run[key] == expect[key], (key, run)
    if "note" in expect:
        assert expect["note"] in result.output
    if "no_note" in expect:
        assert expect["no_note"] not in result.output
    if "shard" in expect:
        assert "Shard " in result.output


@pytest.mark.slow
def test_burned_captions_reach_a_gifs_frames(tmp_path, monkeypatch):
    fixtures = Path(__file__).parent / "fixtures"
    registry = tmp_path / "course.toml"
    registry.write_text(
        '[[lesson]]\nslug = "tiny"\ntitle = "Tiny"\narea = "linear-algebra"\n'
        'summary = "shapes"\nscene = "tiny_lesson:Tiny"\n'
    )
    monkeypatch.setenv("MATHREEL_COURSE", str(registry))
    monkeypatch.setenv("PYTHONPATH", str(fixtures))
    monkeypatch.syspath_prepend(str(fixtures))
    bands = []
    for name, extra in (("plain", []), ("burned", ["--burn-captions"])):
        out = tmp_path / name
        result = CliRunner().invoke(
            cli,
            [
                "render",
                "tiny",
                "--resolution",
                "320x180",
                "--fps",
                "5",
                "--voice",
                "none",
                "--format",
                "gif",
                "--jobs",
                "1",
                "--out",
                str(out),
                *extra,
            ],
        )
        assert result.exit_code == 0, result.output
        with av.open(str(out / "180p5-gif" / "01-tiny.gif")) as gif:
            frame = next(f for i, f in enumerate(gif.decode(video=0)) if i == 3)
        bands.append(frame.to_ndarray(format="rgb24")[140:, :].astype(int))
    # the first cue is on screen at frame 3: white text on a dark box
    assert np.abs(bands[1] - bands[0]).mean() > 1  # 0.0 when the GIF ignored it
    white = [int((band > 200).all(axis=2).sum()) for band in bands]
    assert white[1] > white[0] + 20  # the caption's white letters
