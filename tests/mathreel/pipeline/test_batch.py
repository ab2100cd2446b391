"""Batches: shards, the output lock, resuming after kill -9, and a Dask cluster."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mathreel.core.errors import MathreelError
from mathreel.media.video import probe
from mathreel.pipeline.batch import lock_output, parse_shard, shard
from render import cli

ROOT = Path(__file__).resolve().parents[3]
TINY = ["--resolution", "128x72", "--fps", "3", "--voice", "none"]


def test_shards_cover_everything_once_and_balance():
    weights = [
        (f"l{i}", float(w)) for i, w in enumerate([90, 60, 120, 45, 80, 100, 70, 50])
    ]
    parts = [shard(weights, i, 3) for i in (1, 2, 3)]
    names = [n for part in parts for n in part]
    assert sorted(names) == sorted(n for n, _ in weights)
    loads = [sum(w for n, w in weights if n in part) for part in parts]
    assert max(loads) - min(loads) <= max(w for _, w in weights)
    assert parts == [shard(weights, i, 3) for i in (1, 2, 3)]  # deterministic
    assert shard(weights, 1, 1) == [n for n, _ in weights]


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "2"])
def test_bad_shard_is_one_line(text):
    with pytest.raises(MathreelError, match="--shard"):
        parse_shard(text)


def test_second_batch_on_the_same_folder_is_refused(tmp_path):
    with lock_output(tmp_path / "preview"):
        with pytest.raises(MathreelError, match=r"another mathreel batch \(pid \d+\)"):
            with lock_output(tmp_path / "preview"):
                pass
    with lock_output(tmp_path / "preview"):  # free again afterwards
        pass


def test_lock_cleans_what_a_killed_batch_left(tmp_path):
    folder = tmp_path / "preview"
    (folder / ".work" / "mathreel-x").mkdir(parents=True)
    (folder / ".01-a.mp4.abc.part").write_text("half")
    (folder / "01-a.mp4").write_text("finished")
    with lock_output(folder):
        pass
    assert sorted(p.name for p in folder.iterdir()) == [".mathreel.lock", "01-a.mp4"]


FOUR = ["linear-transformations", "derivatives", "bayes-theorem", "vectors"]


@pytest.mark.slow
def test_shards_of_the_cli_render_disjoint_sets(tmp_path):
    seen = []
    for i in (1, 2):
        result = CliRunner().invoke(
            cli,
            ["render", *FOUR, *TINY, "--shard", f"{i}/2", "--out", str(tmp_path)],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        line = next(x for x in result.output.splitlines() if x.startswith("Shard "))
        seen.append(line.split(": ", 1)[1].split(", "))
    assert not set(seen[0]) & set(seen[1])
    assert sorted(seen[0] + seen[1]) == sorted(FOUR)
    manifest = json.loads((tmp_path / "72p3" / "manifest.json").read_text())
    assert len(manifest["lessons"]) == len(FOUR)


@pytest.mark.slow
def test_kill_9_mid_batch_then_rerun_renders_only_what_is_missing(tmp_path):
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "render",
        "render",
        *SIX,
        *TINY,
        "--out",
        str(out),
        "--jobs",
        "2",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    batch = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    folder = out / "72p3"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(folder.glob("*.json"))) < 2:
        time.sleep(0.2)
    os.killpg(batch.pid, signal.SIGKILL)  # the driver and its workers, mid-batch
    batch.wait()
    finished = {p.stem: p.stat().st_mtime_ns for p in folder.glob("[0-9]*.mp4")}
    assert finished, "nothing finished before the kill"
    assert not list(folder.glob("[0-9]*.mp4.*"))  # no partial file at a final path
    rerun = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    for stem, stamp in finished.items():
        slug = stem.split("-", 1)[1]
        assert f"{slug} " in rerun.stdout and "cached" in _row(rerun.stdout, slug)
        assert (folder / f"{stem}.mp4").stat().st_mtime_ns == stamp
    manifest = json.loads((folder / "manifest.json").read_text())
    from mathreel.core.course import load_course

    in_order = [slug for slug in load_course().slugs if slug in SIX]
    assert [m["lesson"] for m in manifest["lessons"]] == in_order
    for lesson in manifest["lessons"]:
        assert probe(folder / lesson["video"]).frames == lesson["planned_frames"]


SIX = [*FOUR, "determinants", "chain-rule"]


def _row(output: str, slug: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(slug + " "))


@pytest.mark.slow
def test_dask_cluster_gives_the_local_pools_outputs(tmp_path):
    from distributed import LocalCluster

    args = ["render", "linear-transformations", "derivatives", *TINY]
    local = CliRunner().invoke(
        cli, [*args, "--out", str(tmp_path / "local")], catch_exceptions=False
    )
    assert local.exit_code == 0, local.output
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = CliRunner().invoke(
            cli,
            [
                *args,
                "--out",
                str(tmp_path / "dask"),
                "--scheduler",
                cluster.scheduler_address,
            ],
            catch_exceptions=False,
        )
    assert remote.exit_code == 0, remote.output
    assert "on Dask at tcp://" in remote.output
    a = json.loads((tmp_path / "local" / "72p3" / "manifest.json").read_text())[
        "lessons"
    ]
    b = json.loads((tmp_path / "dask" / "72p3" / "manifest.json").read_text())[
        "lessons"
    ]
    keys = (
        "lesson",
        "params",
        "planned_frames",
        "decoded_frames",
        "beats",
        "chapters",
        "cache_key",
    )
    assert [[x[k] for k in keys] for x in a] == [[y[k] for k in keys] for y in b]
    for x, y in zip(a, b, strict=True):
        assert (tmp_path / "local" / "72p3" / x["captions"]["vtt"]).read_text() == (
            tmp_path / "dask" / "72p3" / y["captions"]["vtt"]
        ).read_text()


def test_split_counts_give_idle_workers_the_longest_lessons():
    from mathreel.pipeline.batch import split_counts

    assert split_counts([900, 300], 2) == [1, 1]
    assert split_counts([900], 2) == [2]
    assert split_counts([900, 300], 4) == [3, 1]
    assert split_counts([0], 4) == [1]  # unknown length: not split


@pytest.mark.slow
def test_split_render_has_the_unsplit_frames_exactly(tmp_path):
    """Pieces joined without re-encoding equal the unsplit render, frame for frame.

    Lossless H.264 (qp 0) makes decoded frames equal exactly when the frames
    drawn before encoding are equal.
    """
    import av
    import numpy as np

    from mathreel.core.course import load_course
    from mathreel.core.quality import Quality
    from mathreel.narration.voice import parse_voice
    from mathreel.render.options import RenderOptions
    from mathreel.render.worker import (
        finish_pieces,
        plan_lesson,
        render_lesson,
        render_piece,
        step_costs,
    )

    entry = load_course().get("linear-transformations")
    quality = Quality("lossless", 128, 72, 3, {"qp": "0", "preset": "ultrafast"})
    options = RenderOptions(quality, voice=parse_voice("none"))
    whole = render_lesson(entry, {}, options, tmp_path / "whole").to_json()
    plan = plan_lesson(entry, {}, fps=3, voice=options.voice)
    # the whole render measured each step; the pieces are cut by that cost
    costs = step_costs(entry, {}, options)
    assert costs is not None and len(costs) == len(plan.steps)
    assert all(c >= 0 for c in costs) and sum(costs) > 0
    ranges = plan.split(3, costs)
    assert len(ranges) == 3
    pieces = []
    for k, steps in enumerate(ranges):
        piece = tmp_path / "split" / ".work" / f"piece{k}.mp4"
        frames = render_piece(entry, {}, options, steps, piece)
        assert frames == sum(s.frames for s in plan.steps[steps[0] : steps[1]])
        pieces.append(piece)
    joined = finish_pieces(entry, {}, options, tmp_path / "split", pieces).to_json()
    assert joined["decoded_frames"] == whole["decoded_frames"] == plan.frames

    def frames_of(path):
        with av.open(str(path)) as container:
            return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]

    a = frames_of(tmp_path / "whole" / whole["video"])
    b = frames_of(tmp_path / "split" / joined["video"])
    assert len(a) == len(b) == plan.frames
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_a_lesson_rendered_before_is_not_split_again(tmp_path, monkeypatch):
    """Re-rendering after an edit takes most steps from the segment cache:
    pieces would only run construct once more each (and once to plan)."""
    from mathreel.core.course import load_course
    from mathreel.core.params import Args
    from mathreel.core.quality import PRESETS
    from mathreel.core.timeline import Plan
    from mathreel.narration.voice import parse_voice
    from mathreel.pipeline import run
    from mathreel.render.options import RenderOptions, output_paths

    entry = load_course().get("vectors")
    options = RenderOptions(PRESETS["preview"], voice=parse_voice("none"))
    plan = Plan(lesson="vectors", fps=15, frames=1500, beats=[], steps=[], chapters=[])
    monkeypatch.setattr(run, "_plan_or_none", lambda e, a, o: plan)
    monkeypatch.setattr(Plan, "split", lambda self, n, costs=None: [(0, 5), (5, 9)][:n])
    todo = [(entry, Args({}, {}))]
    (first,) = run._jobs(todo, {}, options, tmp_path, workers=2, split=True)
    assert len(first.pieces) == 2  # a first render keeps both workers busy
    record = output_paths(tmp_path, entry)["record"]
    record.write_text("{}")
    (again,) = run._jobs(todo, {}, options, tmp_path, workers=2, split=True)
    assert again.pieces == ()


def _worker_view(name: str) -> tuple[str | None, str, bool]:
    """In a pool worker: an environment variable, the folder, and whether
    mathreel's engine was already imported when the task arrived."""
    return os.environ.get(name), os.getcwd(), "mathreel.render.worker" in sys.modules


def test_workers_see_the_batch_environment_not_the_servers(tmp_path, monkeypatch):
    """Workers fork from a server started once per process (with manim
    imported); each batch's environment and folder must still be the batch's,
    and mathreel itself is imported afresh (an edited engine is seen)."""
    from mathreel.pipeline.batch import _local_pool, warm_up

    monkeypatch.setenv("MATHREEL_PROBE", "first")
    warm_up()
    monkeypatch.setenv("MATHREEL_PROBE", "second")
    monkeypatch.chdir(tmp_path)
    with _local_pool(1) as submit:
        value, folder, engine = submit(_worker_view, "MATHREEL_PROBE").result()
    assert (value, Path(folder), engine) == ("second", tmp_path, False)
