"""The gradient-descent lesson: its math alone, then what it shows."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.gradient_descent import (
    BOWL,
    CENTER,
    CURVATURE,
    ML_BATCHES,
    ML_EXAMPLES,
    SLOW,
    TRIO,
    WINDOW_1D,
    WINDOW_2D,
    GradientDescent,
    axis_factors,
    clip_to_box,
    critical_rate,
    descend,
    describe_2d,
    describe_run,
    escape_index,
    factor_words,
    full_gradient,
    gradient,
    gradient_spread,
    loss,
    loss_2d,
    minibatch_gradients,
    ml_examples,
    regime,
    run,
    step_factor,
)
from scenes.kit.numbers import fmt, fmt_vec

curvatures = st.floats(0.1, 10)
starts = st.floats(WINDOW_1D[0], WINDOW_1D[1]).filter(lambda w: abs(w - CENTER) >= 0.5)


@given(curvatures, st.floats(0.01, 0.99), st.floats(-5, 5), st.floats(-5, 5))
def test_below_two_over_curvature_descent_converges(c, share, start, center):
    assume(abs(start - center) > 1e-3)
    lr = share * critical_rate(c)  # strictly below 2 / c
    assert regime(lr, c) == "converges"
    path = descend(start, lr, 400, c, center)
    distances = np.abs(path - center)
    # every step multiplies the distance to the minimum by |1 - lr c| < 1
    factor = abs(step_factor(lr, c))
    assert factor < 1
    assert np.allclose(distances, abs(start - center) * factor ** np.arange(401))
    assert np.all(np.diff(distances) <= 1e-12)
    assert distances[-1] < abs(start - center) * 0.99**400 + 1e-9


@given(curvatures, st.floats(1.01, 1.5), st.floats(-5, 5), st.floats(-5, 5))
def test_above_two_over_curvature_descent_diverges(c, share, start, center):
    assume(abs(start - center) > 1e-3)
    lr = share * critical_rate(c)  # strictly above 2 / c
    assert regime(lr, c) == "diverges"
    path = descend(start, lr, 60, c, center)
    distances = np.abs(path - center)
    assert np.all(np.diff(distances) > 0)  # each step overshoots further
    assert np.all(np.sign(path[1:] - center) != np.sign(path[:-1] - center))
    assert distances[-1] >= abs(start - center) * 1.01**60 * (1 - 1e-9)


def test_exactly_two_over_curvature_bounces_forever():
    path = descend(4.0, critical_rate(CURVATURE), 9)
    assert regime(critical_rate(CURVATURE), CURVATURE) == "bounces"
    assert np.allclose(np.abs(path - CENTER), 3.0)


@given(st.floats(-5, 5), st.floats(-5, 5))
def test_the_gradient_is_the_slope_of_the_loss(w1, w2):
    h = 1e-6
    assert gradient(w1) == pytest.approx(
        (loss(w1 + h) - loss(w1 - h)) / (2 * h), abs=1e-5
    )
    w = np.array([w1, w2])
    numeric = [(loss_2d(w + h * e) - loss_2d(w - h * e)) / (2 * h) for e in np.eye(2)]
    assert np.allclose(gradient(w, BOWL, 0.0), numeric, atol=1e-5)


@given(st.floats(0.01, 0.99), st.floats(0.05, 1.5), st.integers(3, 25))
def test_two_weights_converge_only_below_two_over_the_steepest_curvature(
    share, lr, steps
):
    start = np.array([-3.5, 1.5])
    path = descend(start, lr, 200, BOWL, (0.0, 0.0))
    steep = max(BOWL)
    axis = int(np.argmax(BOWL))  # the steep direction decides
    if lr < critical_rate(steep):
        assert np.linalg.norm(path[-1]) < np.linalg.norm(start)
        assert regime(lr, steep) == "converges"
    elif lr > critical_rate(steep):
        assert abs(path[-1][axis]) > abs(start[axis])
        assert regime(lr, steep) == "diverges"
    claim = describe_2d(lr, start, steps)
    assert ("overshoots further each step" in claim) == (
        regime(lr, steep) == "diverges"
    )


def test_the_bowl_is_at_least_ten_times_steeper_one_way():
    assert max(BOWL) / min(BOWL) >= 10


@given(
    st.floats(0.005, 0.25),
    st.tuples(st.floats(-3.8, 3.8), st.floats(-1.8, 1.8)).filter(
        lambda p: abs(p[0]) > 0.05 and abs(p[1]) > 0.05
    ),
    st.integers(3, 25),
)
def test_the_2d_words_match_the_per_axis_factors_and_the_path(lr, start, steps):
    factors = axis_factors(lr)
    assert factors == pytest.approx((1 - lr * BOWL[0], 1 - lr * BOWL[1]))
    path = descend(start, lr, steps, BOWL, (0.0, 0.0))
    # each axis on its own: w_i is multiplied by its factor every step
    for i in (0, 1):
        assert path[1:, i] == pytest.approx(factors[i] * path[:-1, i], abs=1e-9)
    claim = describe_2d(lr, start, steps)
    steep_words, shallow_words = claim.split(";")[0], claim.split(";")[1]
    f_shallow, f_steep = factors
    signs = np.sign(path[:, 1])
    if "zigzags in" in steep_words:
        assert -1 < f_steep < 0
        assert np.all(signs[1:] == -signs[:-1])  # w2 changes sign every step
        assert abs(path[-1, 1]) < abs(start[1])
    if "overshoots further" in steep_words:
        assert f_steep < -1
        assert abs(path[min(steps, 3), 1]) > abs(start[1])
    if f_steep < 0 and abs(f_steep) < 1:
        assert "zigzags in" in steep_words
    if "slides in slowly" in shallow_words:
        assert f_shallow >= SLOW
        # most of the distance is left after each step, and it never changes sign
        assert np.all(np.abs(path[1:, 0]) >= SLOW * np.abs(path[:-1, 0]) - 1e-12)
        assert np.all(np.sign(path[:, 0]) == np.sign(start[0]))
    if "heads straight in" in shallow_words:
        assert 0 < f_shallow < SLOW
    if f_shallow >= SLOW:
        assert "slides in slowly" in shallow_words
    escaped = escape_index(path, WINDOW_2D)
    assert ("flies off the map" in claim) == (escaped is not None)
    if escaped is None:
        assert claim.endswith(f"it is at {fmt_vec(path[-1])}.")


@given(st.floats(-3, 3, allow_nan=False), st.sampled_from(["w₁", "w₂"]))
def test_factor_words_say_what_the_factor_does(factor, name):
    words = factor_words(factor, name)
    assert words.startswith(fmt(factor, 3))
    assert ("flips" in words) == (factor < 0 and abs(factor) > 1e-12)
    if abs(factor) > 1 + 1e-12:
        assert "grows" in words
    elif 1e-12 < abs(factor) < 1 and factor < SLOW:
        assert "shrinks" in words
    if SLOW <= factor < 1:
        assert words.endswith(f"keeps most of {name}")


def test_minibatch_gradients_are_right_on_average_and_spread_like_one_over_root_b():
    x = ml_examples()
    assert x.shape == (ML_EXAMPLES,)
    assert full_gradient() == pytest.approx(-x.mean())
    for b in ML_BATCHES:
        many = minibatch_gradients(b, draws=20000, seed=11)
        assert many.mean() == pytest.approx(
            full_gradient(), abs=4 * gradient_spread(b) / 100
        )
        assert many.std() == pytest.approx(gradient_spread(b), rel=0.03)
    theory = [gradient_spread(b) for b in ML_BATCHES]
    for small, big in itertools.pairwise(theory):
        assert small / big == pytest.approx(2.0)  # 4 times the batch halves it
    shown = [float(np.std(minibatch_gradients(b))) for b in ML_BATCHES]
    assert all(a > b for a, b in itertools.pairwise(shown))
    assert all(abs(m / t - 1) < 0.25 for m, t in zip(shown, theory, strict=True))


@given(st.floats(0.01, 1.5), starts, st.integers(3, 25))
def test_a_run_is_drawn_and_told_as_it_happens(lr, start, steps):
    r = run(lr, start, steps)
    assert np.allclose(r.full, descend(start, lr, steps))
    top = float(loss(WINDOW_1D[1]))
    slack = 1e-12  # a point on the chart's edge (up to rounding) is still on it
    inside = (
        (r.full >= WINDOW_1D[0] - slack)
        & (r.full <= WINDOW_1D[1] + slack)
        & (loss(r.full) <= top + slack)
    )
    if r.escaped is None:
        assert inside.all() and len(r.path) == steps + 1
    else:
        assert inside[: r.escaped].all() and not inside[r.escaped]
        assert len(r.path) == r.escaped
    claim = describe_run(r)
    assert ("flies off the chart" in claim) == (r.escaped is not None)
    assert (r.kind == "diverges") == (lr > critical_rate(CURVATURE))
    if r.kind == "diverges":
        assert "overshoots further than the last" in claim
    else:
        assert r.escaped is None  # a converging run never leaves the chart
        if r.kind == "bounces":
            assert f"bounces between {fmt(start, 3)} and" in claim
        else:
            assert f" {fmt(r.final, 3)}," in claim or f" {fmt(r.final, 3)}." in claim
        if r.kind == "crawls":
            assert step_factor(lr, CURVATURE) > 0.8


def test_the_three_rates_crawl_settle_and_diverge():
    small, good, large = (run(lr, 4.0, 10) for lr in TRIO)
    assert TRIO[0] < TRIO[1] < critical_rate(CURVATURE) < TRIO[2]
    assert small.kind == "crawls" and small.final > 2
    assert good.kind == "converges" and fmt(good.final, 3) == "1"
    assert large.kind == "diverges" and large.escaped == 4
    assert critical_rate(CURVATURE) == 1


@given(
    st.tuples(st.floats(-3.9, 3.9), st.floats(-1.9, 1.9)),
    st.tuples(st.floats(-40, 40), st.floats(-40, 40)),
)
def test_an_escaping_hop_is_clipped_at_the_edge(inside, outside):
    assume(escape_index(np.array([outside]), WINDOW_2D) == 0)
    edge = clip_to_box(inside, outside, WINDOW_2D)
    (x0, x1), (y0, y1) = WINDOW_2D
    assert x0 - 1e-9 <= edge[0] <= x1 + 1e-9 and y0 - 1e-9 <= edge[1] <= y1 + 1e-9
    on_edge = np.isclose(edge, [x0, y0]) | np.isclose(edge, [x1, y1])
    assert on_edge.any()
    # the edge point lies on the hop
    p, q = np.array(inside), np.array(outside)
    cross = (q - p)[0] * (edge - p)[1] - (q - p)[1] * (edge - p)[0]
    assert cross == pytest.approx(0, abs=1e-6 * (1 + np.abs(q - p).max() ** 2))


# -- the scene -------------------------------------------------------------------------

ALTERNATIVE = {
    "lr": 0.9,
    "start": -2,
    "steps": 6,
    "start_2d": [3, -1.2],
    "lr_2d": 0.22,
}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("gradient-descent")
    return {
        "default": construct_only(entry, {}),
        "alternative": construct_only(entry, ALTERNATIVE),
    }


@pytest.mark.parametrize("which", ["default", "alternative"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    lr, start, steps = scene.args.lr, scene.args.start, scene.args.steps
    shown = [beat.shown for beat in scene.timeline.beats]
    slope = float(gradient(start))
    w1 = start - lr * slope
    factor = f"({fmt(slope)})" if slope < 0 else fmt(slope)
    assert f"L'({fmt(start)}) = {fmt(slope)}" in shown[2]
    assert f"w = {fmt(start)} - {fmt(lr)} \\times {factor} = {fmt(w1, 3)}" in shown[2]
    # after the run: the step counter and w, as computed
    r = run(lr, start, steps)
    last = len(r.path) - 1
    assert str(last) in shown[3]
    assert f"{round(r.final, 3) + 0.0:.3f}" in shown[3]
    # the three rates: each result as computed
    for lr_i in TRIO:
        ri = run(lr_i, start, steps)
        expected = (
            f"off the chart at step {ri.escaped}"
            if ri.escaped is not None
            else f"w = {fmt(ri.final, 3)}"
        )
        assert expected in shown[7]
        assert rf"\mathrm{{lr}} = {fmt(lr_i)}" in shown[7]
    # two weights
    start_2d, lr_2d = np.asarray(scene.args.start_2d), scene.args.lr_2d
    full = descend(start_2d, lr_2d, steps, BOWL, (0.0, 0.0))
    escaped = escape_index(full, WINDOW_2D)
    if escaped is None:
        assert f"after {steps} steps: }} {fmt_vec(full[-1])}" in " ".join(shown[11])
    else:
        assert f"off the map at step {escaped}" in shown[11]
    assert f"start }} {fmt_vec(start_2d)}" in " ".join(shown[11])
    # the why: each weight's own factor, as computed
    for f in axis_factors(lr_2d):
        assert f"= {fmt(f, 3)}\\, w_" in " ".join(shown[10])
    # machine learning: the spreads as measured and as sigma / sqrt(B)
    ml = " ".join(shown[13])
    for b in ML_BATCHES:
        assert f"B = {b}" in ml
        assert fmt(float(np.std(minibatch_gradients(b))), 2) in ml
        assert fmt(gradient_spread(b), 2) in ml
    chapters = [beat.chapter for beat in scene.timeline.beats if beat.chapter]
    assert chapters[-2:] == ["In machine learning", "Recap"]
    assert not scene.timeline.warnings
    assert [beat.key for beat in scene.timeline.beats].index(True) == 7


def test_narration_tells_what_the_screen_shows(scenes):
    texts = [beat.text for beat in scenes["default"].timeline.beats]
    assert "4 − 0.4 × 6 = 1.6" in texts[2]
    assert texts[3].endswith("After 10 steps w is 1, right at the minimum.")
    assert "w is only 2.046" in texts[5]
    assert "after 4 steps the point flies off the chart" in texts[7]
    assert "here 2 over 2 = 1, diverges" in texts[7]
    assert "0.82 keeps most of w₁; -0.8 flips w₂'s sign and shrinks it." in texts[10]
    assert (
        "Across the steep direction, w₂, it overshoots and zigzags in; along the "
        "shallow one, w₁, it slides in slowly. After 10 steps it is at (-0.48, 0.16)."
    ) in texts[11]
    alternative = [beat.text for beat in scenes["alternative"].timeline.beats]
    assert "zigzags in" in alternative[3]
    assert "w₂, it overshoots further each step" in alternative[11]
    assert "flies off the map" in alternative[11]
    for say in (beat.say for beat in scenes["default"].timeline.beats):
        for number in re.findall(r"\d+\.\d+", say):
            assert len(number.replace(".", "").lstrip("0")) <= 2, say


@pytest.mark.parametrize(
    ("given_args", "name"),
    [
        ({"lr": 0}, "lr"),
        ({"lr": -0.1}, "lr"),
        ({"lr": 2}, "lr"),
        ({"lr": "fast"}, "lr"),
        ({"start": 1.2}, "start"),
        ({"start": 7}, "start"),
        ({"steps": 0}, "steps"),
        ({"steps": 1000}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"start_2d": [0.1, 0.1]}, "start_2d"),
        ({"start_2d": [5, 0]}, "start_2d"),
        ({"start_2d": [1]}, "start_2d"),
        ({"lr_2d": 0.3}, "lr_2d"),
        ({"lr_2d": 0}, "lr_2d"),
    ],
)
def test_bad_parameters_fail_with_one_line(given_args, name):
    with pytest.raises(ParamError) as error:
        GradientDescent.resolve_args(given_args, lesson="gradient-descent")
    message = str(error.value)
    assert message.startswith(f"gradient-descent: parameter '{name}'")
    assert "got" in message and "expected" in message
    assert "\n" not in message
