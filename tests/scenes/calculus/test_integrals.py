"""The integrals lesson: its math alone, then what it shows."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.integrals import (
    DIGITS,
    ERROR_BAND,
    FINE_DX,
    INTEGRANDS,
    MIN_SHARE,
    RULES,
    STRIP_SHARE,
    STRIPS,
    Integrals,
    antiderivative,
    area_axis,
    area_function,
    area_slope,
    band_probability,
    convergence_claim,
    displayed,
    error_density,
    error_law,
    exact_integral,
    interval_problem,
    observed_order,
    riemann_error,
    riemann_rectangles,
    riemann_sum,
    sample_points,
    strip_growth,
    value,
)
from scenes.kit.numbers import fmt

NAMES = sorted(INTEGRANDS)


@st.composite
def intervals(draw, names=NAMES, away_from_zero=False):
    """A named function and an interval the lesson accepts."""
    name = draw(st.sampled_from(names))
    lo, hi = INTEGRANDS[name].window
    if away_from_zero and name == "sqrt":
        lo = 0.5  # sqrt's derivatives blow up at 0
    width = hi - lo
    a = draw(st.floats(lo, hi - MIN_SHARE * width))
    b = draw(st.floats(a + MIN_SHARE * width, hi))
    assume(interval_problem(name, a, b) is None)
    return name, a, b


def _derivative(name, x, order=1, h=1e-4):
    """A finite-difference derivative of f, clipped to the function's window."""
    lo, hi = INTEGRANDS[name].window
    x = np.clip(x, lo + 2 * h, hi - 2 * h)
    f = lambda t: value(name, t)  # noqa: E731
    if order == 1:
        return (f(x + h) - f(x - h)) / (2 * h)
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def _max_abs(values):
    return float(np.max(np.abs(values)))


@given(intervals())
def test_exact_integral_is_the_area(case):
    name, a, b = case
    area, _ = quad(lambda x: value(name, x), a, b, epsabs=1e-12, epsrel=1e-12)
    assert exact_integral(name, a, b) == pytest.approx(area, rel=1e-9, abs=1e-9)
    assert exact_integral(name, a, b) > 0  # every integrand is positive


@given(intervals(), st.integers(1, 200), st.sampled_from(list(RULES)))
def test_rectangles_tile_the_interval_and_sum(case, n, rule):
    name, a, b = case
    rects = riemann_rectangles(name, a, b, n, rule)
    lefts, widths, heights = rects.T
    assert len(rects) == n
    assert lefts[0] == pytest.approx(a)
    assert lefts[-1] + widths[-1] == pytest.approx(b)
    assert np.allclose(np.diff(lefts), widths[:-1])
    xs = sample_points(a, b, n, rule)
    assert np.all((xs >= lefts - 1e-12) & (xs <= lefts + widths + 1e-12))
    assert np.allclose(heights, value(name, xs))
    assert riemann_sum(name, a, b, n, rule) == pytest.approx(
        float(np.sum(widths * heights))
    )


@settings(max_examples=60)
@given(intervals(away_from_zero=True), st.sampled_from(["left", "right"]))
def test_left_and_right_sums_converge_like_one_over_n(case, rule):
    name, a, b = case
    xs = np.linspace(a, b, 2001)
    slope_bound = _max_abs(_derivative(name, xs)) * 1.01 + 1e-9
    for n in STRIPS:
        # the classical bound |error| <= (b - a)^2 max|f'| / (2 n)
        error = riemann_error(name, a, b, n, rule)
        assert abs(error) <= (b - a) ** 2 * slope_bound / (2 * n) + 1e-12
    # and the leading term: n * error -> -+(b - a)(f(b) - f(a)) / 2
    n = 4000
    sign = -1 if rule == "left" else 1
    limit = sign * (b - a) * (value(name, b) - value(name, a)) / 2
    assert n * riemann_error(name, a, b, n, rule) == pytest.approx(
        limit, abs=0.01 + 1e-3 * abs(limit)
    )


@settings(max_examples=60)
@given(intervals(away_from_zero=True))
def test_midpoint_sums_converge_like_one_over_n_squared(case):
    name, a, b = case
    xs = np.linspace(a, b, 2001)
    bend_bound = _max_abs(_derivative(name, xs, order=2)) * 1.01 + 1e-6
    for n in STRIPS:
        # the classical bound |error| <= (b - a)^3 max|f''| / (24 n^2)
        error = riemann_error(name, a, b, n, "midpoint")
        assert abs(error) <= (b - a) ** 3 * bend_bound / (24 * n**2) + 1e-12
    # and the leading term: n^2 * error -> -(b - a)^2 (f'(b) - f'(a)) / 24
    n = 1000
    limit = -((b - a) ** 2) * (_derivative(name, b) - _derivative(name, a)) / 24
    assert n**2 * riemann_error(name, a, b, n, "midpoint") == pytest.approx(
        limit, abs=1e-3 + 1e-3 * abs(limit)
    )


def test_the_default_lesson_shows_first_and_second_order():
    assert observed_order("parabola", 0, 2, "left") == pytest.approx(1, abs=0.05)
    assert observed_order("parabola", 0, 2, "right") == pytest.approx(1, abs=0.05)
    assert observed_order("parabola", 0, 2, "midpoint") == pytest.approx(2, abs=1e-6)
    assert error_law(1.02) == "1 over n"
    assert error_law(1.98) == "1 over n squared"
    assert error_law(1.5) is None
    claim = convergence_claim("parabola", 0, 2, "left")
    assert "like 1 over n." in claim
    assert "like 1 over n squared." in convergence_claim("parabola", 0, 2, "midpoint")


@given(intervals(), st.sampled_from(list(RULES)))
def test_the_convergence_claim_says_nothing_the_screen_does_not_show(case, rule):
    # the error column shows this rule only: no word about the other rules
    claim = convergence_claim(*case, rule)
    for other in ("Midpoint", "midpoint", "Left", "left", "right", "Usually"):
        assert other not in claim


@given(intervals(), st.sampled_from(list(RULES)))
def test_the_convergence_claim_matches_the_measured_errors(case, rule):
    name, a, b = case
    claim = convergence_claim(name, a, b, rule)
    e16, e64 = (abs(riemann_error(name, a, b, n, rule)) for n in STRIPS[2:])
    if e64 > 1e-12 * max(1.0, exact_integral(name, a, b)):
        assert f"cut the error {fmt(e16 / e64, 1)} times" in claim
        order = math.log(e16 / e64) / math.log(4)
        if abs(order - 1) < 0.2:
            assert "shrinks like 1 over n." in claim
        elif abs(order - 2) < 0.2:
            assert "shrinks like 1 over n squared." in claim
        else:
            assert "shrinks like" not in claim.split("times")[1].split(".")[0]


@given(intervals(), st.floats(0.05, 1))
def test_the_area_function_has_slope_f(case, t):
    name, a, b = case
    x = a + t * (b - a)
    assert area_function(name, a, a) == 0
    assert area_function(name, a, b) == pytest.approx(exact_integral(name, a, b))
    # the fundamental theorem: A'(x) = f(x), measured on A alone
    assert area_slope(name, a, x) == pytest.approx(value(name, x), rel=1e-5, abs=1e-5)
    assert float(antiderivative(name, x)) - float(
        antiderivative(name, a)
    ) == pytest.approx(area_function(name, a, x))


@given(st.floats(1e-3, 1e4))
def test_area_axis_holds_the_area_with_nice_ticks(top):
    lo, hi, step = area_axis(top)
    assert lo == 0 and top < hi <= top * 1.2
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    assert round(mantissa, 6) in (1, 2, 5, 10)
    assert 1 <= top // step + 1 <= 5


@given(intervals(away_from_zero=True), st.floats(0.05, 0.7))
def test_a_thinner_strip_grows_the_area_at_closer_to_f(case, t):
    name, a, b = case
    x = a + t * (b - a)
    f = float(value(name, x))
    added, wide = strip_growth(name, a, x, (b - a) / STRIP_SHARE)
    _, fine = strip_growth(name, a, x, FINE_DX)
    assert added == pytest.approx(wide * (b - a) / STRIP_SHARE)
    assert added == pytest.approx(
        quad(lambda u: value(name, u), x, x + (b - a) / STRIP_SHARE)[0], abs=1e-9
    )
    assert abs(fine - f) <= abs(wide - f) + 1e-9
    assert abs(fine - f) < 1e-2


@given(st.sampled_from(list(RULES)), st.sampled_from([16, 64]))
def test_band_probability_is_the_area_under_the_error_density(rule, n):
    lo, hi = ERROR_BAND
    total, exact = band_probability(lo, hi, n, rule)
    assert exact == pytest.approx(quad(error_density, lo, hi)[0], rel=1e-9)
    assert exact == pytest.approx(math.erf(1 / math.sqrt(2)), rel=1e-9)
    assert quad(error_density, -np.inf, np.inf)[0] == pytest.approx(1.0)
    rects = riemann_rectangles("gaussian", lo, hi, n, rule)
    assert total == pytest.approx(
        float(np.sum(rects[:, 1] * error_density(sample_points(lo, hi, n, rule))))
    )
    assert abs(total - exact) < 0.01


# -- the scene -------------------------------------------------------------------------

ALTERNATIVE = {"function": "sine", "a": 0.5, "b": 3, "rule": "midpoint"}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("integrals")
    return {
        "default": construct_only(entry, {}),
        "alternative": construct_only(entry, ALTERNATIVE),
    }


def _num(x, digits=DIGITS):
    return f"{displayed(x, digits):.{digits}f}"


@pytest.mark.parametrize("which", ["default", "alternative"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    name, a, b, rule = scene.args.function, scene.args.a, scene.args.b, scene.args.rule
    beats = scene.timeline.beats
    exact = exact_integral(name, a, b)
    shown_by_end = [beat.shown for beat in beats]
    # the table: every sum and, later, every error, exactly as computed
    table = shown_by_end[6]
    for n in STRIPS:
        assert _num(riemann_sum(name, a, b, n, rule)) in table
        assert _num(riemann_error(name, a, b, n, rule)) in table
    assert _num(exact) in shown_by_end[4]
    assert any(
        s.startswith(rf"\int_{{{fmt(a)}}}^{{{fmt(b)}}}") and s.endswith(f"{exact:.4f}")
        for s in shown_by_end[5]
    )
    # the area readout reaches the whole area at x = b
    assert _num(b, 2) in shown_by_end[7]
    assert _num(exact) in shown_by_end[7]
    # the slope of A and f agree where the sweep stops
    x = a + 0.7 * (b - a)
    assert _num(area_slope(name, a, x)) in shown_by_end[9]
    assert _num(value(name, x)) in shown_by_end[9]
    assert _num(area_slope(name, a, x)) == _num(value(name, x))
    # F(b) - F(a)
    fa, fb = antiderivative(name, a), antiderivative(name, b)
    assert any(
        fmt(fb, DIGITS) in s and fmt(fa, DIGITS) in s and s.endswith(fmt(exact, DIGITS))
        for s in shown_by_end[11]
    )
    # the strip's "why": Delta A over dx for the drawn strip and a thinner one
    start = a + 0.3 * (b - a)
    dx = (b - a) / STRIP_SHARE
    added, wide = strip_growth(name, a, start, dx)
    _, fine = strip_growth(name, a, start, FINE_DX)
    why = " ".join(shown_by_end[8])
    for number in (fmt(added, 4), fmt(dx, 3), fmt(wide, 3), fmt(fine, 4)):
        assert number in why
    # the ratio of the last two errors, measured
    ratio = abs(
        riemann_error(name, a, b, 16, rule) / riemann_error(name, a, b, 64, rule)
    )
    assert any(fmt(ratio, 1) in s for s in shown_by_end[6])
    # machine learning: the probability as rectangles and as the integral
    total, exact_p = band_probability(*ERROR_BAND, STRIPS[2], rule)
    ml = " ".join(shown_by_end[13])
    assert f"{total:.{DIGITS}f}" in ml and f"{exact_p:.{DIGITS}f}" in ml
    assert [b.chapter for b in beats if b.chapter][-2:] == [
        "In machine learning",
        "Recap",
    ]
    assert not scene.timeline.warnings
    assert sum(beat.key for beat in beats) == 1


def test_narration_speaks_the_same_numbers_rounded(scenes):
    scene = scenes["default"]
    texts = [beat.text for beat in scene.timeline.beats]
    says = [beat.say for beat in scene.timeline.beats]
    assert "1.75." in texts[2] and "about 1.8." in says[2]
    assert "2.1875" in texts[3] and "2.4219" in texts[3]
    assert "about 2.2" in says[3] and "about 2.4" in says[3]
    assert "2.6045" in texts[4] and "2.6667" in texts[4]
    assert convergence_claim("parabola", 0, 2, "left") in texts[6]
    assert "3.9 times" in says[6]
    for say in says:
        # no 3- or 4-decimal numbers spoken, no slashes read aloud
        assert not re.search(r"\d\.\d{3}", say), say
        assert "/" not in say, say
    assert scene.timeline.beats[-1].chapter == "Recap"


@pytest.mark.parametrize(
    ("given_args", "name"),
    [
        ({"a": 2, "b": 1}, "b"),
        ({"a": 1, "b": 1}, "b"),
        ({"a": -1}, "a"),
        ({"b": 5}, "b"),
        ({"function": "exp", "b": 2.5}, "b"),
        ({"a": 0, "b": 0.2}, "b"),
        ({"function": "cosh"}, "function"),
        ({"rule": "trapezoid"}, "rule"),
        ({"a": "zero"}, "a"),
        ({"b": float("nan")}, "b"),
    ],
)
def test_bad_parameters_fail_with_one_line(given_args, name):
    with pytest.raises(ParamError) as error:
        Integrals.resolve_args(given_args, lesson="integrals")
    message = str(error.value)
    assert f"parameter '{name}'" in message
    assert "got" in message and "expected" in message
    assert "\n" not in message
