"""The legibility rules catch what the course review saw in the old frames.

The review (issue 14) found svd's compression numbers on a card laid over the
flattened circle, and tick labels about 11 px tall at 480p. The first tests
rebuild those situations from the course's own pieces (``scenes.style.panel``,
manim's tick labels at the course's ``SMALL`` size); the slow one plans the old
lessons themselves, as they were at commit 349af5a, when git has that commit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import DOWN, LEFT, UL, Axes, Circle, VGroup, tempconfig

from mathreel.lesson.layout import layout_problems
from scenes.style import ACCENT, BACKGROUND, BLUE, INK, SMALL, panel, tex, text

OLD = "349af5a"  # the lessons before the issue-14 rework
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module", autouse=True)
def media(tmp_path_factory):
    with tempconfig({"media_dir": str(tmp_path_factory.mktemp("media"))}):
        yield


def old_svd_compression() -> tuple[VGroup, Circle, VGroup]:
    """Old svd beat 11: the rank-one line, the A1 card, the storage card below it."""
    unit = 1.05
    rank1 = np.array([[1.17, 2.18], [0.62, 1.17]])
    flat = Circle(radius=unit, color=BLUE).apply_matrix(rank1)  # an ellipse of width 0
    rows = VGroup(
        tex(r"A_1 = \sigma_1 u_1 v_1^T", size=36, color=ACCENT),
        tex(r"\|A - \sigma_1 u_1 v_1^T\| = 0.8", size=36, color=ACCENT),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.28)
    info = panel(rows).to_corner(UL, buff=0.3)
    lines = VGroup(
        text("1000 × 1000 image: 1,000,000 numbers", SMALL, INK),
        text("top 50 singular values: 50 × 2001 = 100,050", SMALL, ACCENT),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
    card = panel(lines).next_to(info, DOWN, buff=0.3, aligned_edge=LEFT)
    return info, flat, card


def test_old_svd_compression_card_hides_the_flattened_circle():
    info, flat, card = old_svd_compression()
    found = layout_problems([flat, info, card], background=BACKGROUND)
    assert found == ["the card under Text('1000 × 1000 image: 1,000') hides Circle"]
    # moved clear of the line (the lower-left corner of this view), it passes
    card.to_corner(DOWN + LEFT, buff=1.0)
    assert layout_problems([flat, info, card], background=BACKGROUND) == []


def test_tick_labels_at_small_size_are_too_small():
    axes = Axes(x_range=[0, 4, 1], y_range=[0, 1, 0.5], x_length=6, y_length=3)
    axes.x_axis.add_numbers(x_values=[1, 2, 3], num_decimal_places=0, font_size=SMALL)
    found = layout_problems([axes], background=BACKGROUND)
    assert found == [
        "DecimalNumber('1') and 2 more texts of Axes are 11.1 px tall at 480p "
        "(digit height; at least 14 px)"
    ], found
    # the same numbers at the formula size read
    axes = Axes(x_range=[0, 4, 1], y_range=[0, 1, 0.5], x_length=6, y_length=3)
    axes.x_axis.add_numbers(x_values=[1, 2, 3], num_decimal_places=0, font_size=34)
    assert layout_problems([axes], background=BACKGROUND) == []


PLAN_OLD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from mathreel.core.course import Entry
from mathreel.render.worker import construct_only
from scenes.style import CourseLesson
if not hasattr(CourseLesson, "recap"):  # the old closing text card, since removed
    def recap(self, points, ml_use, *, say=None):
        with self.beat(" ".join(p.rstrip(".") + "." for p in points)):
            self.wait(1)
    CourseLesson.recap = recap
slug, scene = sys.argv[2], sys.argv[3]
entry = Entry(1, slug, slug, "linear-algebra", "old " + slug, scene)
lesson = construct_only(entry, fps=15)
print(json.dumps([[b.index, b.text, b.warnings] for b in lesson.timeline.beats]))
"""


def plan_old(tmp_path: Path, slug: str, module: str, scene: str) -> list:
    """Plan the lesson as it was at :data:`OLD` with today's layout check."""
    shown = subprocess.run(
        ["git", "show", f"{OLD}:scenes/linear_algebra/{module}.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if shown.returncode != 0:
        pytest.skip(f"git has no commit {OLD} here (shallow clone?)")
    (tmp_path / f"old_{module}.py").write_text(shown.stdout)
    run = subprocess.run(
        [sys.executable, "-c", PLAN_OLD, str(tmp_path), slug, f"old_{module}:{scene}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "MATHREEL_CACHE": str(tmp_path / "cache"),
            "PYTHONPATH": str(ROOT),
        },
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("slug", "scene", "beat_starts", "finding"),
    [
        # the compression card over the flattened circle
        ("svd", "SVD", "That is how SVD", "hides Circle"),
        # the P D P^-1 panel whose corner sits on the arrows' origin
        (
            "eigenvectors",
            "Eigenvectors",
            "So in the eigenbasis",
            "crowds the ends of Arrow",
        ),
    ],
)
def test_old_lesson_is_flagged_where_the_review_saw_it(
    tmp_path, slug, scene, beat_starts, finding
):
    beats = plan_old(tmp_path, slug, slug, scene)
    flagged = {index: warnings for index, _, warnings in beats if warnings}
    where = [i for i, said, _ in beats if said.startswith(beat_starts)]
    assert where and where[0] in flagged, flagged
    assert any(finding in w for w in flagged[where[0]]), flagged
