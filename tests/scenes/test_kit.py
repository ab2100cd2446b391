"""The scene toolkit's pure helpers: numbers, ticks, statistics and views.

These modules import numpy only; the first test checks that they stay so.
"""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from scenes.kit.numbers import (
    displayed,
    factor,
    fmt,
    fmt_rows,
    fmt_small,
    fmt_vec,
    say_num,
    say_sig,
    say_small,
    say_vec,
    tex_matrix,
)
from scenes.kit.stats import normal_cdf, normal_pdf
from scenes.kit.ticks import (
    DECIMAL_STEPS,
    nice_step,
    nice_window,
    tick_places,
    tick_values,
)
from scenes.kit.view import (
    MIN_ARROW,
    Box,
    fit_unit,
    fit_view,
    grid_step,
    legible_entries,
    require_visible,
)

PURE = ("numbers", "ticks", "stats", "view")


def test_pure_modules_do_not_import_manim():
    code = (
        "import sys\n"
        + "".join(f"import scenes.kit.{m}\n" for m in PURE)
        + "print('manim' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "digits", "shown"),
    [
        (2.0, 2, "2"),
        (-1.5, 2, "-1.5"),
        (1 / 3, 2, "0.33"),
        (-0.001, 2, "0"),
        (2.5, 0, "2"),
    ],
)
def test_fmt_drops_trailing_zeros_and_minus_zero(x, digits, shown):
    assert fmt(x, digits) == shown


@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 4))
def test_spoken_number_is_the_shown_number_read_aloud(x, digits):
    shown, said = fmt(x, digits), say_num(x, digits)
    assert "-" not in said
    assert said == (shown if not shown.startswith("-") else "minus " + shown[1:])
    assert float(shown) == displayed(x, digits)


@given(st.floats(-10, 10, allow_nan=False).filter(lambda x: abs(x) >= 1e-5))
def test_small_numbers_never_read_zero(x):
    # down to 1e-5 (six places at the most); smaller ones may read 0
    assert float(fmt_small(x)) != 0
    assert abs(float(fmt_small(x)) - x) <= max(0.005, 0.06 * abs(x))


def test_vectors_factors_and_matrices():
    assert fmt_vec([2, -1]) == "(2, -1)"
    assert say_vec([2, -1.5]) == "2 comma minus 1.5"
    assert factor("-2") == "(-2)" and factor("3") == "3"
    assert tex_matrix([1, 2]) == r"\begin{bmatrix}1 \\ 2\end{bmatrix}"
    assert tex_matrix([[1, 0.5], [0, -1]]) == (
        r"\begin{bmatrix}1 & 0.5 \\ 0 & -1\end{bmatrix}"
    )


# -- ticks --------------------------------------------------------------------------

spans = st.floats(1e-6, 1e6, allow_nan=False)


@given(spans, st.integers(1, 12), st.sampled_from([None, DECIMAL_STEPS]))
def test_nice_step_is_nice_fits_and_is_the_smallest_that_does(span, most, factors):
    step = nice_step(span, most) if factors is None else nice_step(span, most, factors)
    allowed = (1.0, 2.0, 2.5, 5.0) if factors is None else factors
    mantissa = step / 10.0 ** math.floor(math.log10(step) + 1e-9)
    assert any(math.isclose(mantissa, f) for f in (*allowed, 10.0))
    assert span / step <= most * (1 + 1e-9)
    # one nice step smaller would need more than ``most`` steps
    smaller = [
        f * 10.0**k
        for k in range(
            math.floor(math.log10(step)) - 1, math.floor(math.log10(step)) + 1
        )
        for f in (*allowed, 10.0)
        if f * 10.0**k < step * (1 - 1e-9)
    ]
    assert all(span / s > most for s in smaller)


@given(
    st.floats(-1e4, 1e4, allow_nan=False),
    st.floats(1e-3, 1e4, allow_nan=False),
    st.integers(2, 12),
)
def test_nice_ticks_cover_the_range_evenly_within_the_count(lo, span, most):
    hi = lo + span
    w_lo, w_hi, step = nice_window(lo, hi, most)
    assert w_lo <= lo + 1e-9 * abs(lo) and w_hi >= hi - 1e-9 * abs(hi)
    ticks = tick_values(w_lo, w_hi, step)
    assert ticks[0] == pytest.approx(w_lo, abs=1e-9 * step) and ticks[
        -1
    ] == pytest.approx(w_hi, abs=1e-6 * step)
    assert np.allclose(np.diff(ticks), step)
    # covering widens each end by less than one step: at most most + 2 intervals
    assert 2 <= len(ticks) <= most + 3


@given(spans)
def test_tick_places_show_every_multiple_exactly(span):
    step = nice_step(span)
    places = tick_places(step)
    for k in range(1, 6):
        assert float(f"{k * step:.{places}f}") == pytest.approx(k * step, rel=1e-9)
    if places:
        assert round(step, places - 1) != pytest.approx(step, rel=1e-9)


# -- statistics ---------------------------------------------------------------------


@given(st.floats(-5, 5), st.floats(0.1, 10))
def test_normal_pdf_integrates_to_one_and_matches_the_cdf(mu, sigma):
    x = np.linspace(mu - 8 * sigma, mu + 8 * sigma, 4001)
    assert np.trapezoid(normal_pdf(x, mu, sigma), x) == pytest.approx(1, abs=1e-6)
    assert normal_cdf(mu, mu, sigma) == pytest.approx(0.5)
    a, b = mu - sigma, mu + 0.5 * sigma
    between = np.linspace(a, b, 2001)
    area = np.trapezoid(normal_pdf(between, mu, sigma), between)
    assert normal_cdf(b, mu, sigma) - normal_cdf(a, mu, sigma) == pytest.approx(
        area, abs=2e-3
    )
    assert isinstance(normal_pdf(mu, mu, sigma), float)


# -- views --------------------------------------------------------------------------

points = arrays(np.float64, (5, 2), elements=st.floats(-1e4, 1e4, allow_nan=False))
boxes = st.tuples(
    st.floats(-7, -1), st.floats(1, 7), st.floats(-4, -1), st.floats(1, 4)
).map(lambda t: Box(*t))


@given(points, boxes)
def test_fit_view_puts_every_point_inside_the_box_at_any_size(pts, box):
    unit, origin = fit_view(pts, box, margin=0.3)
    scene = origin + unit * np.vstack([pts, [[0.0, 0.0]]])
    assert unit > 0
    assert np.all(scene[:, 0] >= box.left + 0.3 - 1e-6)
    assert np.all(scene[:, 0] <= box.right - 0.3 + 1e-6)
    assert np.all(scene[:, 1] >= box.bottom + 0.3 - 1e-6)
    assert np.all(scene[:, 1] <= box.top - 0.3 + 1e-6)


def test_fit_view_refuses_a_bare_tuple_whose_order_is_ambiguous():
    with pytest.raises(TypeError, match="Box"):
        fit_view(np.zeros((1, 2)), (-1.0, 2.0, 1.0, 3.0))  # type: ignore[arg-type]


@given(points, st.floats(1, 7), st.floats(1, 4))
def test_fit_unit_without_a_floor_always_fits(pts, half_w, half_h):
    unit = fit_unit(pts, half_w, half_h, least=0)
    assert np.all(np.abs(pts[:, 0]) * unit <= half_w + 1e-9)
    assert np.all(np.abs(pts[:, 1]) * unit <= half_h + 1e-9)


@given(st.floats(1e-4, 3))
def test_grid_lines_never_blur_together(unit):
    step = grid_step(unit)
    assert step * unit > 0.35 or (step == 1.0 and unit > 0.35)
    assert step == 1.0 or step * unit <= 2 * 0.35 * 2.5 + 1e-9


def test_legible_entries_refuses_only_what_no_scale_can_show():
    check = legible_entries("components")
    assert check(np.array([5.0, 2.0])) is None
    assert check(np.array([400.0, -250.0])) is None
    assert check(np.array([3.0, 0.0])) is None
    assert "digits" in check(np.array([12345.0, 1.0]))
    assert "too short to see" in check(np.array([100.0, 0.5]))


# -- additions for the lessons that scale their views ----------------------------------


def test_fmt_rows_reads_as_typed_on_the_command_line():
    assert fmt_rows([[30.0, 0.0], [0.0, -2.5]]) == "[[30, 0], [0, -2.5]]"
    assert fmt_rows(np.eye(2)) == "[[1, 0], [0, 1]]"


def test_say_small_reads_the_small_number_as_shown():
    assert say_small(-0.0431) == "minus 0.043"
    assert say_small(0.6899) == "0.69"
    assert say_small(0.0) == "0"


@given(
    st.floats(min_value=-1e4, max_value=1e4, allow_nan=False).filter(
        lambda x: abs(x) > 1e-6
    )
)
def test_say_sig_keeps_two_significant_figures(x):
    said = say_sig(x)
    number = float(said.replace("minus ", "-"))
    assert (number < 0) == (x < 0)
    digits = said.replace("minus ", "").replace(".", "").lstrip("0")
    assert len(digits) <= max(2, len(str(int(abs(round(x))))))
    assert abs(number - x) <= 0.05 * abs(x) + 1e-12


def test_say_sig_examples():
    assert say_sig(2.6667) == "2.7"
    assert say_sig(-0.04321) == "minus 0.043"
    assert say_sig(0.0) == "0"
    assert say_sig(1234.0) == "1234"


def test_require_visible_refuses_only_the_arrow_no_scale_shows():
    u, v = np.array([5.0, 2.0]), np.array([300.0, -120.0])
    require_visible({"u": u, "v": v}, unit=1.0)  # 5.4 scene units: fine
    with pytest.raises(ParamError) as error:
        require_visible({"u": u, "v": v}, unit=0.05)
    message = str(error.value)
    assert message.startswith("parameter 'u': got (5, 2)")
    assert f"under {fmt(MIN_ARROW)} scene units" in message
    assert "u and v of comparable lengths" in message
    # exactly at the limit is still drawn
    require_visible({"w": np.array([1.0, 0.0])}, unit=MIN_ARROW)
