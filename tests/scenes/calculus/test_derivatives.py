"""The derivatives lesson: its math on its own, then what the scene shows."""

from __future__ import annotations

import functools
import itertools
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.derivatives import (
    DIGITS,
    FUNCTIONS,
    H_STEPS,
    RATE,
    STARTS,
    Derivatives,
    clip_line,
    derivative,
    descent,
    displayed,
    loss,
    loss_slope,
    reach,
    secant_slope,
    slopes_as_h_shrinks,
    step_words,
    tangent_line,
    value,
    x0_range,
)
from scenes.kit.numbers import fmt, say_sig

NAMES = sorted(FUNCTIONS)


def central_difference(f, x, eps=1e-5):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


@functools.cache
def second_derivative_bound(name: str) -> float:
    """max |f''| over the window, from the exact f' (a little generous)."""
    lo, hi = FUNCTIONS[name].window
    xs = np.linspace(lo, hi, 4001)
    return 1.05 * float(np.max(np.abs(central_difference(FUNCTIONS[name].df, xs))))


def x0_in_window(name: str) -> st.SearchStrategy[float]:
    lo, hi = x0_range(name)
    return st.floats(lo, hi, allow_nan=False)


# -- pure math -------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_derivative_matches_a_central_difference(name):
    lo, hi = FUNCTIONS[name].window
    xs = np.linspace(lo, hi, 301)
    exact = derivative(name, xs)
    numeric = central_difference(FUNCTIONS[name].f, xs)
    np.testing.assert_allclose(exact, numeric, rtol=1e-7, atol=1e-8)


@pytest.mark.parametrize("name", NAMES)
def test_value_and_derivative_accept_scalars_and_arrays(name):
    assert isinstance(value(name, 0.5), float)
    assert isinstance(derivative(name, 0.5), float)
    assert derivative(name, np.array([0.0, 0.5])).shape == (2,)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_secant_slope_tends_to_the_derivative_linearly_in_h(name, data):
    x0 = data.draw(x0_in_window(name), label="x0")
    f, exact = FUNCTIONS[name].f, derivative(name, x0)
    bound = second_derivative_bound(name) / 2
    errors = []
    for h in (1.0, 0.1, 1e-2, 1e-3, 1e-4):
        error = abs(secant_slope(f, x0, h) - exact)
        # Taylor: f(x0 + h) = f(x0) + h f'(x0) + h^2 f''(xi) / 2
        assert error <= bound * h + 1e-9
        errors.append(error)
    # and the constant is f''(x0) / 2: the error is linear in h, not just bounded
    curvature = abs(central_difference(FUNCTIONS[name].df, x0)) / 2
    assert errors[-1] / 1e-4 == pytest.approx(curvature, abs=2e-3)


def test_the_default_slopes_close_in_on_the_derivative():
    slopes = slopes_as_h_shrinks("sine", 1.0, H_STEPS)
    errors = np.abs(slopes - math.cos(1.0))
    assert list(errors) == sorted(errors, reverse=True)
    assert errors[-1] < 0.005


@settings(max_examples=60, deadline=None)
@given(st.floats(-3, 7, allow_nan=False))
def test_a_small_step_the_way_the_words_say_lowers_the_loss(w):
    slope = loss_slope(w)
    words = step_words(slope)
    assert slope == pytest.approx(central_difference(loss, w), abs=1e-6)
    if abs(slope) < 1e-9:
        assert "zero" in words
        return
    # a step small against the distance the slope shows (|L'| = |w - 2| here),
    # so it cannot jump over the bottom
    size = min(1e-3, abs(slope) / 2)
    step = size if "step right" in words else -size
    assert ("step right" in words) == (slope < 0)
    assert loss(w + step) < loss(w)


@pytest.mark.parametrize("w0", STARTS)
def test_descent_steps_against_the_slope_and_shrinks_in(w0):
    path = descent(w0)
    assert len(path) == 4
    for (w, slope), (nxt, _) in itertools.pairwise(path):
        assert nxt == pytest.approx(w - RATE * slope)
        assert np.sign(nxt - w) == -np.sign(slope)
        assert loss(nxt) < loss(w)
    sizes = [abs(b[0] - a[0]) for a, b in itertools.pairwise(path)]
    assert sizes == sorted(sizes, reverse=True)
    assert loss_slope(2.0) == 0
    assert abs(path[-1][0] - 2) < abs(w0 - 2)


@pytest.mark.parametrize("name", NAMES)
def test_the_trace_sentences_match_the_derivative(name):
    lo, hi = FUNCTIONS[name].window
    xs = np.linspace(lo, hi, 2001)
    df = derivative(name, xs)
    if name == "sigmoid":
        assert np.all(df > 0) and np.argmax(df) == 1000  # steepest in the middle
    if name == "exp":
        assert np.all(np.diff(df) > 0)  # steeper the higher it is
    if name == "parabola":
        assert np.all(df[xs < 0] < 0) and np.all(np.diff(df) > 0)
    if name == "cubic":
        assert np.all(df[np.abs(xs) > 1.001] > 0) and np.all(df[np.abs(xs) < 0.999] < 0)
    if name == "sine":
        rising = np.abs(xs) < np.pi / 2 - 1e-3
        assert np.all(df[rising] > 0) and np.all(
            df[~rising & (np.abs(xs) > np.pi / 2 + 1e-3)] < 0
        )


@pytest.mark.parametrize("name", NAMES)
def test_slopes_as_h_shrinks_are_the_secant_slopes(name):
    slopes = slopes_as_h_shrinks(name, 0.5, H_STEPS)
    assert slopes.shape == (len(H_STEPS),)
    for h, s in zip(H_STEPS, slopes, strict=True):
        assert s == secant_slope(FUNCTIONS[name].f, 0.5, h)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_tangent_line_touches_f_at_x0(name, data):
    x0 = data.draw(x0_in_window(name), label="x0")
    slope, intercept = tangent_line(name, x0)
    assert slope == derivative(name, x0)
    assert slope * x0 + intercept == pytest.approx(value(name, x0), abs=1e-12)
    # it only touches: the gap to the curve is second order in the step
    bound = second_derivative_bound(name) / 2
    for h in (0.5, 0.05, 0.005):
        gap = abs(value(name, x0 + h) - (slope * (x0 + h) + intercept))
        assert gap <= bound * h * h + 1e-12


@settings(max_examples=200, deadline=None)
@given(
    slope=st.floats(-50, 50, allow_nan=False),
    px=st.floats(-5, 5),
    py=st.floats(-5, 5),
)
def test_clip_line_keeps_the_line_in_the_box_and_through_the_point(slope, px, py):
    a, b = clip_line(slope, (px, py), (-5.0, 5.0), (-5.0, 5.0))
    assert -5.0 <= a <= px <= b <= 5.0
    for x in (a, b):
        assert -5.0 - 1e-9 <= py + slope * (x - px) <= 5.0 + 1e-9


def test_reach_covers_the_asked_screen_length():
    dx = reach(2.0, 1.5, 0.5, 3.0)
    assert math.hypot(1.5 * dx, 0.5 * 2.0 * dx) == pytest.approx(3.0)


def test_displayed_rounds_like_the_screen_and_never_shows_minus_zero():
    assert displayed(0.53608) == 0.536
    assert f"{displayed(-1e-12):.3f}" == "0.000"


@pytest.mark.parametrize("name", NAMES)
def test_every_window_has_room_for_the_first_h_and_the_default_x0(name):
    lo, hi = FUNCTIONS[name].window
    x_lo, x_hi = x0_range(name)
    assert (x_lo, x_hi) == (lo, hi - H_STEPS[0])
    assert x_lo <= Derivatives.params["x0"].default <= x_hi
    xs = np.linspace(lo, hi, 501)
    y_lo, y_hi, _ = FUNCTIONS[name].y_range
    dy_lo, dy_hi, _ = FUNCTIONS[name].dy_range
    assert y_lo < np.min(value(name, xs)) and np.max(value(name, xs)) < y_hi
    assert dy_lo < np.min(derivative(name, xs)) and np.max(derivative(name, xs)) < dy_hi


# -- parameters ------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=30, deadline=None)
@given(x0=st.floats(-20, 20, allow_nan=False))
def test_x0_is_accepted_exactly_inside_the_window(name, x0):
    lo, hi = x0_range(name)
    if lo <= x0 <= hi:
        assert Derivatives.resolve_args({"function": name, "x0": x0}).x0 == x0
    else:
        with pytest.raises(ParamError) as error:
            Derivatives.resolve_args({"function": name, "x0": x0})
        assert error.value.name == "x0"


@pytest.mark.parametrize(
    ("given_args", "name", "mentions"),
    [
        ({"function": "tangent"}, "function", "one of"),
        ({"function": "exp", "x0": 1.5}, "x0", "[-3, 2]"),
        ({"x0": 4}, "x0", "sine window"),
        ({"x0": "abc"}, "x0", "not a finite number"),
        ({"x0": float("nan")}, "x0", "not a finite number"),
    ],
)
def test_invalid_parameters_raise_one_line_param_errors(given_args, name, mentions):
    entry = load_course().get("derivatives")
    with pytest.raises(ParamError) as error:
        construct_only(entry, given_args)
    message = str(error.value)
    assert error.value.name == name
    assert "\n" not in message
    assert f"parameter '{name}':" in message
    assert mentions in message


# -- what the scene shows (construct only, no video) ------------------------------------


@functools.cache
def built(function: str | None = None, x0: float | None = None):
    given_args = {}
    if function is not None:
        given_args["function"] = function
    if x0 is not None:
        given_args["x0"] = x0
    return construct_only(load_course().get("derivatives"), given_args)


def followed_by(shown: list[str], label: str) -> str:
    """The text shown right after ``label`` (a readout's number)."""
    return shown[shown.index(label) + 1]


def has_pair(shown: list[str], first: str, second: str) -> bool:
    return any(a == first and b == second for a, b in itertools.pairwise(shown))


def beat_showing(scene, text: str, index: int = 0):
    beats = [b for b in scene.timeline.beats if text in b.shown]
    return beats[index]


CASES = [(None, None, "sine", 1.0), ("cubic", 0.5, "cubic", 0.5)]


@pytest.mark.parametrize(("function", "x0", "name", "point"), CASES)
def test_numbers_on_screen_are_the_pure_functions_outputs(function, x0, name, point):
    scene = built(function, x0)
    quotient = r"{f(x_0+h) - f(x_0) \over h}"
    slopes = slopes_as_h_shrinks(name, point, H_STEPS)
    slope_at_x0 = derivative(name, point)

    def shown_number(v: float, digits: int = DIGITS) -> str:
        return f"{displayed(v, digits):.{digits}f}"

    # the point
    assert any(
        s.startswith(f"x_0 = {fmt(point)} ") for s in scene.timeline.beats[1].shown
    )
    # the first secant's slope, then the last difference quotient, as h shrinks
    first = beat_showing(scene, quotient)
    assert followed_by(first.shown, quotient) == "="
    assert first.shown[first.shown.index(quotient) + 2] == shown_number(slopes[0])
    assert followed_by(first.shown, "h =") == "1.00"
    last = beat_showing(scene, quotient, -1)
    assert last.shown[last.shown.index(quotient) + 2] == shown_number(slopes[-1])
    assert followed_by(last.shown, "h =") == shown_number(H_STEPS[-1], 2)
    # the table of slopes, ending at the limit f'(x0)
    tangent_beat = beat_showing(scene, r"\to 0")
    for h, s in zip(H_STEPS, slopes, strict=True):
        assert has_pair(tangent_beat.shown, fmt(h), shown_number(s))
    assert followed_by(tangent_beat.shown, r"\to 0") == shown_number(slope_at_x0)
    assert fmt(slope_at_x0, DIGITS) in tangent_beat.text
    # the slope readout where f' is introduced, and at the end of the trace
    readout = beat_showing(scene, "f'(x) =")
    assert followed_by(readout.shown, "f'(x) =") == shown_number(slope_at_x0)
    assert followed_by(readout.shown, "x =") == shown_number(point, 2)
    traced = beat_showing(scene, "f'(x) =", -1)
    end = FUNCTIONS[name].window[1]
    assert followed_by(traced.shown, "x =") == shown_number(end, 2)
    assert followed_by(traced.shown, "f'(x) =") == shown_number(derivative(name, end))
    # and the derivative named at last
    named = [b for b in scene.timeline.beats if b.text == FUNCTIONS[name].punchline]
    assert f"f'(x) = {FUNCTIONS[name].dtex}" in named[0].shown
    # the machine-learning beat: each walker's start and end, as the rule gives them
    shown = [t for b in scene.timeline.beats for t in b.shown]
    first, second = (descent(w0) for w0 in STARTS)
    for w, slope in (first[0], first[-1], second[-1]):
        assert f"w = {fmt(w)} ,\\; L'(w) = {fmt(slope)}" in shown
    said = " ".join(b.text for b in scene.timeline.beats)
    assert f"at {fmt(second[0][0])}, and the slope is {fmt(second[0][1])}" in said
    assert any(t.endswith(rf"\eta = {fmt(RATE)}") for t in shown)


@pytest.mark.parametrize(("function", "x0", "name", "point"), CASES)
def test_narration_says_the_numbers_it_shows(function, x0, name, point):
    beats = built(function, x0).timeline.beats
    slopes = slopes_as_h_shrinks(name, point, H_STEPS)
    narration = " ".join(b.text for b in beats)
    for s in slopes:
        assert fmt(s, DIGITS) in narration
    said = " ".join(b.say for b in beats)
    for s in slopes:
        assert say_sig(s) in said
    assert f"x₀ = {fmt(point)}" in narration


def test_the_default_lesson_has_its_chapters_and_length():
    scene = built()
    chapters = [b.chapter for b in scene.timeline.beats if b.chapter]
    assert chapters == [
        "Introduction",
        "Secant lines",
        "The limit",
        "The derivative as a function",
        "In machine learning",
        "Recap",
    ]
    plan = scene.plan()
    assert 45 <= plan.frames / 15 <= 180
    assert scene.timeline.beats[0].shown[0] == "Derivatives"
    assert "which way to step" in scene.timeline.beats[-1].text
    # the step's direction is said from the slope's sign, on both sides
    ml = " ".join(b.text for b in scene.timeline.beats if "slope" in b.text)
    for w0 in STARTS:
        assert step_words(loss_slope(w0)) in ml
    # spoken numbers are rounded: no run of three-decimal numbers in the narration
    for beat in scene.timeline.beats:
        assert len(re.findall(r"\d\.\d{3}", beat.say)) <= 1, beat.say


@pytest.mark.parametrize(
    ("function", "x0"),
    [(None, None), ("cubic", 0.5), ("parabola", -2.0)]
    + [(n, None) for n in NAMES if n != "sine"],
)
def test_no_beat_has_layout_warnings(function, x0):
    scene = built(function, x0)
    assert [(b.index, b.warnings) for b in scene.timeline.beats if b.warnings] == []
    assert 45 <= scene.plan().frames / 15 <= 180
