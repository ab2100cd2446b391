"""Layout checks run at the end of every beat: nothing off-frame, no text on text.

A learner watching at 480p should never see a label cut by the frame edge or two
texts printed over each other. :func:`layout_problems` inspects what is on screen
and returns one line per problem; the planner attaches them to the beat, ``mathreel
plan`` prints them and the test suite requires there are none.

Mobjects that are meant to extend past the frame (a ``NumberPlane`` grid, a
transformed grid) are skipped, as is anything marked with :func:`backdrop`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from manim import (
    DecimalNumber,
    Integer,
    MathTex,
    Mobject,
    NumberPlane,
    SingleStringMathTex,
    Tex,
    Text,
    ValueTracker,
    VMobject,
    config,
)

__all__ = ["backdrop", "is_backdrop", "layout_problems", "screen_text"]

_TEXT_TYPES = (Text, MathTex, SingleStringMathTex, Tex, DecimalNumber, Integer)
_MARK = "_mathreel_backdrop"


def backdrop(*mobjects: Mobject) -> None:
    """Mark mobjects that may extend past the frame (grids, long lines)."""
    for mob in mobjects:
        setattr(mob, _MARK, True)


def is_backdrop(mob: Mobject) -> bool:
    """Whether ``mob`` was marked with :func:`backdrop` or is a number plane."""
    return bool(getattr(mob, _MARK, False)) or isinstance(mob, NumberPlane)


def _visible(mob: Mobject) -> bool:
    if isinstance(mob, ValueTracker) or not mob.has_points():
        return False  # a tracker keeps its value as a point, but draws nothing
    if isinstance(mob, VMobject):
        stroke = mob.get_stroke_opacity() if mob.get_stroke_width() > 0 else 0
        return max(float(stroke), float(mob.get_fill_opacity())) > 0.01
    return True


def _box(mob: Mobject) -> np.ndarray:
    points = mob.get_all_points()
    return np.array(
        [points[:, 0].min(), points[:, 1].min(), points[:, 0].max(), points[:, 1].max()]
    )


def _name(mob: Mobject) -> str:
    if isinstance(mob, Text):
        return f"Text({mob.text[:24]!r})"
    if isinstance(mob, (MathTex, Tex)):
        return f"{type(mob).__name__}({mob.get_tex_string()[:24]!r})"
    return type(mob).__name__


def _text_leaves(mobjects: Iterable[Mobject]) -> list[Mobject]:
    found: list[Mobject] = []

    def walk(mob: Mobject) -> None:
        if is_backdrop(mob):
            return
        if isinstance(mob, _TEXT_TYPES):
            if _visible_family(mob):
                found.append(mob)
            return
        for sub in mob.submobjects:
            walk(sub)

    for mob in mobjects:
        walk(mob)
    return found


def _visible_family(mob: Mobject) -> bool:
    return any(_visible(m) for m in mob.get_family())


def layout_problems(mobjects: Iterable[Mobject], *, margin: float = 0.02) -> list[str]:
    """Describe every visible mobject off the frame and every text overlapping text.

    Parameters
    ----------
    mobjects
        The scene's top-level mobjects.
    margin
        Tolerance in scene units before a mobject counts as off-frame.
    """
    mobjects = list(mobjects)
    half_w = config.frame_width / 2 + margin
    half_h = config.frame_height / 2 + margin
    problems: list[str] = []
    for top in mobjects:
        if is_backdrop(top):
            continue
        for mob in top.get_family():
            if is_backdrop(mob) or not _visible(mob):
                continue
            x0, y0, x1, y1 = _box(mob)
            if x0 < -half_w or x1 > half_w or y0 < -half_h or y1 > half_h:
                problems.append(f"{_name(top)} leaves the frame")
                break
    texts = _text_leaves(mobjects)
    boxes = [_box(t) for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            overlap_w = min(a[2], b[2]) - max(a[0], b[0])
            overlap_h = min(a[3], b[3]) - max(a[1], b[1])
            if overlap_w > 0.03 and overlap_h > 0.03:
                problems.append(f"{_name(texts[i])} overlaps {_name(texts[j])}")
    return problems


def _text_of(mob: Mobject) -> str:
    if isinstance(mob, Text):
        return str(getattr(mob, "original_text", mob.text))
    if isinstance(mob, (MathTex, Tex)):
        return str(mob.get_tex_string())
    if isinstance(mob, SingleStringMathTex):
        return str(mob.tex_string)
    if isinstance(mob, Integer):
        return str(int(mob.get_value()))
    if isinstance(mob, DecimalNumber):
        return f"{mob.get_value():.{mob.num_decimal_places}f}"
    return ""


def screen_text(mobjects: Iterable[Mobject]) -> list[str]:
    """Every visible text, formula and number on screen, in drawing order.

    Formulas give their TeX source and numbers their displayed digits, so a test
    can check that what a learner reads is what the lesson's math computed.
    """
    return [_text_of(m) for m in _text_leaves(mobjects)]
