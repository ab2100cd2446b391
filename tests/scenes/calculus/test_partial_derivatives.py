"""The partial derivatives and gradients lesson: its math on its own, then the scene."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.partial_derivatives import (
    FUNCTIONS,
    MIN_GRADIENT,
    STEP,
    WINDOW,
    PartialDerivatives,
    contour_levels,
    contour_tangent,
    descent_path,
    directional_derivative,
    gradient,
    heat_map,
    slice_quotient,
    steps_inside,
    value,
)
from scenes.kit.numbers import fmt, fmt_vec, say_sig

NAMES = sorted(FUNCTIONS)
coords = st.floats(-2.5, 2.5, allow_nan=False)


def numeric_gradient(name, x, y, eps=1e-6):
    f = FUNCTIONS[name].f
    return np.array(
        [
            (f(x + eps, y) - f(x - eps, y)) / (2 * eps),
            (f(x, y + eps) - f(x, y - eps)) / (2 * eps),
        ]
    )


# -- pure math -------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(x=coords, y=coords)
def test_the_exact_partials_match_central_differences(name, x, y):
    np.testing.assert_allclose(
        gradient(name, x, y), numeric_gradient(name, x, y), atol=1e-6
    )


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(x=coords, y=coords)
def test_the_rise_over_run_on_screen_is_close_to_the_partial(name, x, y):
    g = gradient(name, x, y)
    for axis in (0, 1):
        # central difference: error at most h^2 / 6 * max|f'''| (<= 1 for these)
        assert abs(slice_quotient(name, np.array([x, y]), axis) - g[axis]) <= (
            STEP**2 / 6 + 1e-9
        )


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(x=coords, y=coords, theta=st.floats(0, 2 * math.pi))
def test_directional_derivative_is_the_rate_along_u(name, x, y, theta):
    u = np.array([math.cos(theta), math.sin(theta)])
    f, eps = FUNCTIONS[name].f, 1e-6
    numeric = (f(*(np.array([x, y]) + eps * u)) - f(*(np.array([x, y]) - eps * u))) / (
        2 * eps
    )
    assert directional_derivative(name, np.array([x, y]), theta) == pytest.approx(
        numeric, abs=1e-6
    )


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40, deadline=None)
@given(x=coords, y=coords)
def test_the_rate_is_largest_along_the_gradient_and_zero_along_the_contour(name, x, y):
    p = np.array([x, y])
    g = gradient(name, x, y)
    size = float(np.linalg.norm(g))
    assume(size > 1e-3)
    thetas = np.linspace(0, 2 * math.pi, 721)
    rates = np.array([directional_derivative(name, p, t) for t in thetas])
    assert rates.max() <= size + 1e-12
    assert rates.min() >= -size - 1e-12
    best = math.atan2(g[1], g[0])
    assert directional_derivative(name, p, best) == pytest.approx(size)
    assert directional_derivative(name, p, best + math.pi) == pytest.approx(-size)
    t = contour_tangent(g)
    along = math.atan2(t[1], t[0])
    assert directional_derivative(name, p, along) == pytest.approx(0, abs=1e-12)
    # the sampled maximum sits at the gradient's angle (to the sampling step)
    top = thetas[int(np.argmax(rates))]
    assert abs(math.remainder(top - best, 2 * math.pi)) <= 2 * math.pi / 720 + 1e-9


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40, deadline=None)
@given(x=coords, y=coords)
def test_the_contour_tangent_keeps_f_level_to_second_order(name, x, y):
    g = gradient(name, x, y)
    assume(np.linalg.norm(g) > 0.1)
    t = contour_tangent(g)
    assert float(t @ g) == pytest.approx(0, abs=1e-12)
    assert float(np.linalg.norm(t)) == pytest.approx(1)
    for h in (1e-2, 1e-3):
        change = abs(value(name, x + h * t[0], y + h * t[1]) - value(name, x, y))
        assert change <= 2 * h * h  # |second derivatives| <= 1 here, so h^2 / 2 each


def test_steps_inside_counts_up_to_the_first_point_off_the_map():
    path = np.array([[0, 0], [1, 2.9], [2, 3.1], [0, 0]])
    assert steps_inside(path) == 1
    assert steps_inside(path[:2]) == 1
    assert steps_inside(np.array([[0.0, 0.0]])) == 0


def test_a_descent_step_by_hand():
    path = descent_path("bowl", np.array([1.5, 1.0]), 0.25, 2)
    np.testing.assert_allclose(path[1], [1.5 - 0.25 * 1.5, 1.0 - 0.25 * 2.0])
    assert path.shape == (3, 2)
    assert value("bowl", *path[2]) < value("bowl", *path[1]) < value("bowl", 1.5, 1.0)


@pytest.mark.parametrize("name", NAMES)
def test_contour_levels_start_at_the_point_and_do_not_crowd(name):
    p = np.array([1.0, 0.5])
    levels = contour_levels(name, p)
    assert levels[0] == value(name, *p)
    assert len(set(levels)) == len(levels)


def test_the_heat_map_is_low_where_f_is_low():
    colours = heat_map("bowl", 31)
    assert colours.shape == (31, 31, 3)
    assert np.all((colours >= 0) & (colours <= 1))
    centre, corner = colours[15, 15], colours[0, 0]
    assert centre.sum() < corner.sum()  # the bowl's bottom is darkest
    # column i is x: the bowl is steeper in y, so the top edge is warmer than the side
    assert colours[15, 30][0] > colours[30, 15][0]


@pytest.mark.parametrize(
    ("x", "said"), [(2.125, "2.1"), (0.0364, "0.036"), (-1.5, "minus 1.5"), (2, "2")]
)
def test_numbers_are_spoken_to_two_significant_figures(x, said):
    assert say_sig(x) == said


# -- parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_args", "name", "mentions"),
    [
        ({"point": [3, 0]}, "point", "larger than 2.5"),
        ({"point": [0, 0]}, "point", "too short to show a direction"),
        ({"point": [1, 2, 3]}, "point", "3 entries"),
        ({"function": "cone"}, "function", "one of"),
        ({"learning_rate": 2}, "learning_rate", "(0, 1]"),
        ({"steps": 0}, "steps", "from 1 to 10"),
        (
            {"function": "saddle", "point": [0.5, 2.4], "learning_rate": 1},
            "learning_rate",
            "off the map",
        ),
    ],
)
def test_invalid_parameters_raise_one_line_param_errors(given_args, name, mentions):
    entry = load_course().get("partial-derivatives-and-gradients")
    with pytest.raises(ParamError) as error:
        construct_only(entry, given_args)
    assert error.value.name == name
    assert "\n" not in str(error.value)
    assert mentions in str(error.value)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=30, deadline=None)
@given(x=coords, y=coords)
def test_a_point_is_refused_exactly_where_the_gradient_is_too_short(name, x, y):
    args = {"function": name, "point": [x, y]}
    first = descent_path(name, np.array([x, y]), 0.25, 1)
    if np.linalg.norm(gradient(name, x, y)) < MIN_GRADIENT:
        with pytest.raises(ParamError) as error:
            PartialDerivatives.resolve_args(args)
        assert error.value.name == "point"
    elif steps_inside(first) < 1:
        with pytest.raises(ParamError) as error:
            PartialDerivatives.resolve_args(args)
        assert error.value.name == "learning_rate"
    else:
        assert PartialDerivatives.resolve_args(args).function == name


# -- what the scene shows (construct only, no video) ------------------------------------


@functools.cache
def built(**given_args):
    entry = load_course().get("partial-derivatives-and-gradients")
    return construct_only(
        entry,
        {k: list(v) if isinstance(v, tuple) else v for k, v in given_args.items()},
    )


def beat_with(scene, words: str):
    return next(b for b in scene.timeline.beats if words in b.text)


CASES = [
    {},
    {"function": "saddle", "point": (-1.0, 1.5)},
    {"function": "waves", "point": (0.5, 1.0), "steps": 3, "learning_rate": 0.5},
]


@pytest.mark.parametrize("given_args", CASES)
def test_numbers_on_screen_and_in_words_are_the_pure_functions_outputs(given_args):
    scene = built(**given_args)
    name = given_args.get("function", "bowl")
    p = np.array(given_args.get("point", (1.5, 1.0)))
    g = gradient(name, *p)
    x_beat = beat_with(scene, "partial derivative, ∂f/∂x")
    assert fmt(slice_quotient(name, p, 0), 3) in x_beat.text
    assert any(s.endswith(f"= {fmt(g[0], 3)}") for s in x_beat.shown)
    y_beat = beat_with(scene, "∂f/∂y")
    assert f"∂f/∂y = {fmt(g[1], 3)}" in y_beat.text
    grad_beat = beat_with(scene, "the gradient, (")
    assert fmt_vec(g, 3) in grad_beat.text
    assert any(s.endswith(fmt_vec(g, 3)) for s in grad_beat.shown)
    key = next(b for b in scene.timeline.beats if b.key)
    size = float(np.linalg.norm(g))
    assert f"at {fmt(size, 3)}" in key.text
    assert any(s.endswith(f"= {fmt(size, 3)}") for s in key.shown)
    # the descent: the words say what the path does
    path = descent_path(
        name, p, given_args.get("learning_rate", 0.25), given_args.get("steps", 6)
    )
    steps = steps_inside(path)
    path = path[: steps + 1]
    assert np.all(np.abs(path) <= WINDOW)
    first, last = value(name, *path[0]), value(name, *path[-1])
    words = beat_with(scene, "Step after step").text
    verb = "falls" if last < first else "rises"
    assert (
        f"loss {verb} from {fmt(first, 3)} to {fmt(last, 3)} in {steps} steps" in words
    )


def test_the_default_lesson_has_its_chapters_key_and_length():
    scene = built()
    chapters = [b.chapter for b in scene.timeline.beats if b.chapter]
    assert chapters == ["Introduction", "Slices", "The gradient", "Learning", "Recap"]
    keys = [b for b in scene.timeline.beats if b.key]
    assert len(keys) == 1 and "steepest ascent" in keys[0].text
    assert 45 <= scene.plan().frames / 15 <= 150
    assert "training" in scene.timeline.beats[-1].text


@pytest.mark.parametrize("given_args", CASES)
def test_no_beat_has_layout_warnings(given_args):
    scene = built(**given_args)
    assert [(b.index, b.warnings) for b in scene.timeline.beats if b.warnings] == []
    assert 45 <= scene.plan().frames / 15 <= 150
    assert WINDOW == 3.0
