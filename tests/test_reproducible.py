"""Same inputs, same bytes: a lesson rendered twice gives identical files in every format.

For a GIF the second render runs with another encoder thread count, as when a
lesson is rendered alone and then beside another one (the batch gives each
worker its share of the cores): before GIFs were made from lossless frames,
that changed about 80% of a GIF frame's pixels. A WebM's container had a random
segment UID. These render a few seconds at 320x180.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mathreel.media.encoding import THREADS_ENV
from render import cli

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
TINY_COURSE = """[[lesson]]
slug = "tiny"
title = "Tiny"
area = "linear-algebra"
summary = "A few seconds of shapes."
scene = "tiny_lesson:Tiny"
"""


@pytest.fixture
def tiny_course(tmp_path, monkeypatch):
    """A course of one lesson a few seconds long (tests/fixtures/tiny_lesson.py)."""
    registry = tmp_path / "course.toml"
    registry.write_text(TINY_COURSE)
    monkeypatch.setenv("MATHREEL_COURSE", str(registry))
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PYTHONPATH", str(FIXTURES))
    monkeypatch.syspath_prepend(str(FIXTURES))
    return registry


def _render(out: Path, fmt: str, threads: str, monkeypatch, *extra: str) -> bytes:
    monkeypatch.setenv(THREADS_ENV, threads)
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
            fmt,
            "--force",
            "--jobs",
            "1",
            "--out",
            str(out),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    folder = out / ("180p5" if fmt == "mp4" else f"180p5-{fmt}")
    return (folder / f"01-tiny.{fmt}").read_bytes()


# MP4 and WebM: the encoder's own output depends on its thread count (x264
# records it in the stream, and frame threads change its decisions), so those
# two are compared at one thread count; a GIF does not depend on it at all.
@pytest.mark.parametrize(
    ("fmt", "threads"), [("mp4", "22"), ("webm", "22"), ("gif", "12")]
)
def test_two_forced_renders_are_the_same_bytes(
    tiny_course, tmp_path, monkeypatch, fmt, threads
):
    first = _render(tmp_path / "a", fmt, threads[0], monkeypatch)
    second = _render(tmp_path / "b", fmt, threads[1], monkeypatch)
    again = _render(tmp_path / "a", fmt, threads[1], monkeypatch)  # --force over it
    digests = {hashlib.sha256(b).hexdigest() for b in (first, second, again)}
    assert len(digests) == 1, f"{fmt}: {len(digests)} different files"


def test_a_split_gif_is_the_unsplit_gif(tiny_course, tmp_path, monkeypatch):
    """Pieces rendered in parallel (lossless RGB) join into the same GIF, byte for byte."""
    whole = _render(tmp_path / "whole", "gif", "1", monkeypatch)
    monkeypatch.setenv(THREADS_ENV, "1")
    result = CliRunner().invoke(
        cli,
        ["render", "tiny", "--resolution", "320x180", "--fps", "5", "--voice",
         "none", "--format", "gif", "--jobs", "2", "--out", str(tmp_path / "split")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "tiny in 2 pieces" in result.output
    split = (tmp_path / "split" / "180p5-gif" / "01-tiny.gif").read_bytes()
    assert hashlib.sha256(split).hexdigest() == hashlib.sha256(whole).hexdigest()
