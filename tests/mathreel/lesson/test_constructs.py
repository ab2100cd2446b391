"""What the planner cannot see is refused; a split piece draws what the whole render draws.

The scratch lessons live in ``tests/fixtures/construct_lessons.py``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mathreel.core.course import Entry
from mathreel.lesson.constructs import UnsupportedConstruct

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """Entries of the scratch lessons, with a private cache."""
    monkeypatch.syspath_prepend(str(FIXTURES))
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))

    def entry(slug: str, cls: str) -> Entry:
        return Entry(1, slug, slug, "calculus", "scratch", f"construct_lessons:{cls}")

    return entry


def _refused():
    import sys

    sys.path.insert(0, str(FIXTURES))
    try:
        from construct_lessons import REFUSED
    finally:
        sys.path.remove(str(FIXTURES))
    return sorted(REFUSED.items())


@pytest.mark.parametrize(("which", "construct"), _refused())
def test_unmodelled_construct_is_refused_at_plan_time(scratch, which, construct):
    from mathreel.render.worker import construct_only

    with pytest.raises(UnsupportedConstruct) as raised:
        construct_only(
            scratch("refusing", "Refusing"), {"which": which}, fps=5, check_layout=False
        )
    message = raised.value.message
    assert message.startswith(f"refusing: {construct}")
    assert "is not supported by mathreel's planner: " in message
    assert "\n" not in message


def test_seeded_generators_are_still_allowed():
    import random

    import numpy as np

    from mathreel.lesson.constructs import seeded_only

    with seeded_only("x"):
        a = np.random.default_rng(3).random()
        np.random.seed(1)  # noqa: NPY002
        random.seed(2)
    assert a == np.random.default_rng(3).random()
    with seeded_only("x"), pytest.raises(UnsupportedConstruct):
        np.random.default_rng(None)
    np.random.default_rng()  # restored afterwards


def test_a_library_imported_during_the_lesson_may_draw_unseeded(tmp_path, monkeypatch):
    """scikit-learn's import (through scipy.stats) draws a docstring example from
    ``default_rng()``: a lesson importing it lazily must not be refused for it."""
    import importlib

    import numpy as np

    from mathreel.lesson.constructs import seeded_only

    (tmp_path / "noisy_library.py").write_text(
        "import numpy as np\nEXAMPLE = np.random.default_rng().random()\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with seeded_only("x"):
        importlib.import_module("noisy_library")
        with pytest.raises(UnsupportedConstruct):
            np.random.default_rng()  # the lesson's own draw still is


def _frames(path: Path) -> list:
    import av

    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


@pytest.mark.slow
def test_every_split_piece_draws_the_unsplit_frames(scratch, tmp_path, capsys):
    """Cut the lesson before every step: each piece equals its slice of the whole.

    Lossless H.264 (qp 0) makes decoded frames equal exactly when the drawn
    frames are equal. The lesson's updaters integrate dt, count calls, draw
    random numbers and read the renderer's clock, so a piece that merely skips
    its first steps (manim's own skipping) ends them elsewhere.
    """
    import numpy as np

    from mathreel.core.quality import Quality
    from mathreel.narration.voice import parse_voice
    from mathreel.render.options import RenderOptions
    from mathreel.render.worker import (
        finish_pieces,
        plan_lesson,
        render_lesson,
        render_piece,
    )

    entry = scratch("motion", "Motion")
    quality = Quality("lossless", 64, 36, 5, {"qp": "0", "preset": "ultrafast"})
    options = RenderOptions(quality, voice=parse_voice("none"))
    # the whole render checks its frame count against the plan (RenderError if not)
    whole = render_lesson(entry, {}, options, tmp_path / "whole").to_json()
    plan = plan_lesson(entry, {}, fps=5, voice=options.voice)
    assert whole["decoded_frames"] == plan.frames
    a = _frames(tmp_path / "whole" / whole["video"])
    assert len(a) == plan.frames
    assert not all(np.array_equal(a[0], x) for x in a)  # something moves

    # one piece per step (empty frozen steps have no frames to compare)
    pieces, differing = [], []
    drawn = replace(options, reuse_segments=False)  # draw, not the whole's segments
    for step in plan.steps:
        piece = tmp_path / "split" / ".work" / f"piece{step.index}.mp4"
        render_piece(entry, {}, drawn, (step.index, step.index + 1), piece)
        pieces.append(piece)
        got = _frames(piece)
        want = a[step.start_frame : step.start_frame + step.frames]
        assert len(got) == len(want) == step.frames
        if not all(np.array_equal(x, y) for x, y in zip(got, want, strict=True)):
            differing.append(f"{step.index} {step.description}")
    assert differing == []
    last = len(plan.steps) - 1  # the last piece says in its log what it replayed
    out = capsys.readouterr().out.strip().splitlines()
    said = [line for line in out if "skipped steps" in line][-1]
    assert said.startswith(f"motion: skipped steps 0-{last - 1} without drawing; ")
    assert f"{last} of them replayed frame by frame" in said  # updaters everywhere
    joined = finish_pieces(entry, {}, options, tmp_path / "split", pieces).to_json()
    b = _frames(tmp_path / "split" / joined["video"])
    assert len(b) == len(a)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
