"""Numbers updated with the faster glyph copy look exactly like manim's."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DecimalNumber, Integer, MathTex
from manim.mobject.text import numbers

from mathreel.patches import fastnumbers


def _look(number):
    """Every point and colour of a number's glyphs, in order."""
    return [
        (m.points.copy(), m.get_fill_rgbas().copy(), m.get_stroke_rgbas().copy())
        for m in number.family_members_with_points()
    ]


def _same(a, b):
    return len(a) == len(b) and all(
        all(np.allclose(x, y, atol=1e-12) for x, y in zip(p, q, strict=True))
        for p, q in zip(a, b, strict=True)
    )


VALUES = [0.0, -1.0, 3.14159, -0.0004, 12.5, 99.999, -250.25, 1e-9]


@pytest.mark.parametrize(
    "make",
    [
        lambda: DecimalNumber(1.5, num_decimal_places=3),
        lambda: DecimalNumber(
            -2, num_decimal_places=1, include_sign=True, unit="^\\circ"
        ),
        lambda: Integer(7).scale(1.7).shift([1, 2, 0]),
        lambda: DecimalNumber(0.25, color="#ff8800", font_size=30),
    ],
)
def test_set_value_looks_like_manims(make, monkeypatch):
    fastnumbers.install()
    fast = [_look(make().set_value(v)) for v in VALUES]
    monkeypatch.setattr(
        numbers.DecimalNumber, "_string_to_mob", fastnumbers.original_string_to_mob
    )
    slow = [_look(make().set_value(v)) for v in VALUES]
    assert all(_same(a, b) for a, b in zip(fast, slow, strict=True))


def test_a_copy_never_changes_the_cached_glyph():
    template = MathTex("7")
    before = _look(template)
    copy = fastnumbers.glyph_copy(template)
    copy.shift([3, 1, 0]).set_color("#123456").scale(2)
    copy.submobjects.append(MathTex("1"))
    assert _same(_look(template), before)
    assert len(template.submobjects) == 1


def test_shared_submobjects_stay_shared_inside_the_copy():
    template = MathTex("x")
    inner = template.submobjects[0]
    template.alias = {"first": inner}
    copy = fastnumbers.glyph_copy(template)
    assert copy.alias["first"] is copy.submobjects[0]
    assert copy.submobjects[0] is not inner
