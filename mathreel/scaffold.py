"""``mathreel new``: a new lesson module, its tests, and its place in the course.

The scaffold is a working lesson in the course's shape (a pure function, a
storyboard of beats, a typed parameter, a title card and a recap) whose tests
pass as generated, so an author starts from green and edits from there.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mathreel.core.course import AREAS
from mathreel.core.errors import MathreelError
from mathreel.core.files import write_text

__all__ = ["Scaffold", "area_package", "class_name", "create_lesson"]

_SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def class_name(slug: str) -> str:
    """``chain-rule`` to ``ChainRule``."""
    return "".join(part.capitalize() for part in slug.split("-"))


def area_package(area: str) -> str:
    """``linear-algebra`` to ``linear_algebra``."""
    return area.replace("-", "_")


@dataclass(frozen=True)
class Scaffold:
    """The files ``create_lesson`` wrote."""

    module: Path
    test: Path
    registry: Path

    def lines(self, slug: str) -> list[str]:
        """What ``mathreel new`` prints: the files written, then what to run next."""
        return [
            f"Lesson:   {self.module}",
            f"Tests:    {self.test}",
            f"Course:   {self.registry} (entry added)",
            f"Next:     mathreel plan {slug}; mathreel render {slug}",
        ]


LESSON = '''"""{title}: one line on what this lesson shows.

Replace the example below with the lesson's own math: the numbers on screen come
from the pure functions of this module, which the tests check on their own.
"""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel.core.params import Int
from scenes.kit.numbers import fmt
from scenes.style import *

__all__ = ["{cls}", "partial_sums"]


def partial_sums(n: int) -> list[float]:
    """The running totals 1, 1 + 1/2, 1 + 1/2 + 1/4, ... of the first ``n`` halvings."""
    return [float(x) for x in np.cumsum(0.5 ** np.arange(n))]


class {cls}(CourseLesson):
    """{title}."""

    params = {{"terms": Int(5, lo=1, hi=8, help="how many terms to add")}}

    def construct(self) -> None:
        sums = partial_sums(self.args.terms)
        self.title_card("{title}", "What question does this lesson answer?")
        picture = self.show_sums(sums)
        self.recap_over(
            [picture],
            "Each term halves the gap to 2: the sums approach 2, never pass it.",
        )

    def show_sums(self, sums: list[float]) -> VGroup:
        rows = VGroup(
            *(tex(f"S_{{{{{{k + 1}}}}}}", "=", fmt(s, 4)) for k, s in enumerate(sums))
        ).arrange(DOWN, buff=0.2)
        label = text("Partial sums", BODY, ACCENT)
        group = VGroup(rows, label).arrange(DOWN, buff=0.4)
        with self.beat(
            f"Add halves: after {{len(sums)}} terms the sum is {{fmt(sums[-1], 4)}}, closing in on 2.",
            chapter="The sums",
        ):
            self.play(
                LaggedStart(*(FadeIn(r) for r in rows), lag_ratio=0.3), run_time=2
            )
            self.play(FadeIn(label), run_time=0.5)
        return group
'''

TEST = '''"""Tests of the {slug} lesson: its math alone, then what it shows on screen."""

from __future__ import annotations

from itertools import pairwise

import pytest

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from {module} import partial_sums
from scenes.kit.numbers import fmt


def test_partial_sums_approach_two():
    sums = partial_sums(8)
    assert sums[0] == 1.0
    assert all(a < b < 2 for a, b in pairwise(sums))
    assert 2 - sums[-1] == pytest.approx(0.5**7)


def test_screen_shows_the_sums():
    scene = construct_only(load_course().get("{slug}"), {{"terms": 3}})
    shown = [s for beat in scene.timeline.beats for s in beat.shown]
    for k, value in enumerate(partial_sums(3)):
        assert any(fmt(value, 4) in s and f"S_{{{{{{k + 1}}}}}}" in s for s in shown)
    assert not scene.timeline.warnings


def test_bad_terms_is_one_clear_line():
    with pytest.raises(ParamError, match="parameter 'terms'") as error:
        construct_only(load_course().get("{slug}"), {{"terms": 0}})
    assert "\\n" not in str(error.value)
'''


def _insert_entry(registry: Path, block: str, area: str) -> str:
    """The registry text with ``block`` after the last lesson of ``area``."""
    text = registry.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=\[\[lesson\]\])", text)
    head, lessons = parts[0], parts[1:]
    areas = [tomllib.loads(p)["lesson"][0].get("area") for p in lessons]
    order = list(AREAS)
    position = len(lessons)
    same = [i for i, a in enumerate(areas) if a == area]
    if same:
        position = same[-1] + 1
    else:
        later = [
            i
            for i, a in enumerate(areas)
            if a in order and order.index(a) > order.index(area)
        ]
        if later:
            position = later[0]
    lessons = [p if p.endswith("\n\n") else p.rstrip("\n") + "\n\n" for p in lessons]
    lessons.insert(position, block + "\n\n")
    return (head + "".join(lessons)).rstrip("\n") + "\n"


def create_lesson(
    root: Path,
    slug: str,
    area: str,
    *,
    title: str | None = None,
    summary: str | None = None,
) -> Scaffold:
    """Write a new lesson, its tests and its registry entry under ``root``."""
    if not _SLUG.fullmatch(slug):
        raise MathreelError(
            f"lesson slug '{slug}': use lowercase words joined by hyphens, e.g. chain-rule"
        )
    if area not in AREAS:
        raise MathreelError(f"unknown area '{area}': use one of {', '.join(AREAS)}")
    registry = root / "scenes" / "course.toml"
    if not registry.exists():
        raise MathreelError(
            f"{registry} not found: run 'new' from the project root or pass --root"
        )
    existing = tomllib.loads(registry.read_text(encoding="utf-8")).get("lesson", [])
    if any(item.get("slug") == slug for item in existing):
        raise MathreelError(f"lesson '{slug}' is already in the course")
    package = area_package(area)
    module_name = slug.replace("-", "_")
    module = root / "scenes" / package / f"{module_name}.py"
    test = root / "tests" / "scenes" / package / f"test_{module_name}.py"
    for path in (module, test):
        if path.exists():
            raise MathreelError(
                f"{path} already exists; remove it or choose another slug"
            )
    title = title or slug.replace("-", " ").capitalize()
    summary = (
        summary or f"What {title.lower()} means, and where machine learning uses it."
    )
    cls = class_name(slug)
    dotted = f"scenes.{package}.{module_name}"
    init = module.parent / "__init__.py"
    if not init.exists():
        write_text(init, f'"""Lessons of the {area.replace("-", " ")} area."""\n')
    write_text(module, LESSON.format(title=title, cls=cls))
    write_text(test, TEST.format(slug=slug, module=dotted))
    block = "\n".join(
        [
            "[[lesson]]",
            f"slug = {_toml_str(slug)}",
            f"title = {_toml_str(title)}",
            f"area = {_toml_str(area)}",
            f"summary = {_toml_str(summary)}",
            f"scene = {_toml_str(dotted + ':' + cls)}",
        ]
    )
    write_text(registry, _insert_entry(registry, block, area))
    return Scaffold(module, test, registry)


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
