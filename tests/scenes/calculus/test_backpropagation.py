"""The backpropagation lesson: its math on its own, then what the scene shows."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.backpropagation import (
    EDGES,
    TRAIN_STEPS,
    WEIGHTS,
    Backpropagation,
    backward,
    forward,
    forward_difference,
    init_weights,
    loss,
    numeric_gradient,
    pass_counts,
    relation,
    sigmoid,
    train,
    update,
)
from scenes.kit.numbers import fmt_small

SLUG = "backpropagation"

seeds = st.integers(0, 2**32 - 1)
inputs = arrays(np.float64, (2,), elements=st.floats(-3, 3, allow_nan=False))
targets = st.floats(-3, 3, allow_nan=False)
weights = arrays(np.float64, (6,), elements=st.floats(-4, 4, allow_nan=False))


# -- the network's math -------------------------------------------------------------


@given(seeds)
def test_starting_weights_are_seeded_short_decimals(seed):
    theta = init_weights(seed)
    assert theta.shape == (6,)
    assert np.array_equal(theta, init_weights(seed))
    assert np.all((np.abs(theta) >= 0.2) & (np.abs(theta) <= 1.5))
    np.testing.assert_allclose(theta, np.round(theta, 1), atol=1e-12)


@given(st.floats(-800, 800, allow_nan=False))
def test_sigmoid_is_stable_and_its_slope_is_h_times_one_minus_h(z):
    h = sigmoid(z)
    assert 0.0 <= h <= 1.0 and math.isfinite(h)
    if abs(z) < 30:
        assert h == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-12)
        eps = 1e-6
        slope = (sigmoid(z + eps) - sigmoid(z - eps)) / (2 * eps)
        assert h * (1 - h) == pytest.approx(slope, abs=1e-8)


@given(weights, inputs, targets)
def test_the_forward_pass_is_the_network(theta, x, target):
    f = forward(theta, x, target)
    w11, w12, w21, w22, v1, v2 = theta
    z1, z2 = w11 * x[0] + w12 * x[1], w21 * x[0] + w22 * x[1]
    assert f.z == pytest.approx([z1, z2])
    assert f.h == pytest.approx([sigmoid(z1), sigmoid(z2)])
    assert f.yhat == pytest.approx(v1 * f.h[0] + v2 * f.h[1])
    assert f.loss == pytest.approx((f.yhat - target) ** 2)
    assert loss(theta, x, target) == f.loss


@settings(max_examples=200)
@given(seeds, inputs, targets)
def test_backpropagated_gradients_equal_central_differences(seed, x, target):
    theta = init_weights(seed)
    exact = backward(theta, x, target).grad
    numeric = numeric_gradient(theta, x, target, eps=1e-5)
    np.testing.assert_allclose(exact, numeric, rtol=0, atol=1e-6)


@settings(max_examples=100)
@given(weights, inputs, targets)
def test_backpropagation_matches_differences_for_any_weights(theta, x, target):
    exact = backward(theta, x, target).grad
    numeric = numeric_gradient(theta, x, target, eps=1e-5)
    np.testing.assert_allclose(exact, numeric, rtol=0, atol=1e-6)


@given(weights, inputs, targets)
def test_each_gradient_is_the_product_of_local_slopes_on_its_path(theta, x, target):
    f, g = forward(theta, x, target), backward(theta, x, target)
    v = theta[4:]
    assert g.dyhat == pytest.approx(2 * (f.yhat - target))
    assert g.slope == pytest.approx(f.h * (1 - f.h))
    for j in range(2):
        assert g.dh[j] == pytest.approx(g.dyhat * v[j])
        assert g.dz[j] == pytest.approx(g.dyhat * v[j] * g.slope[j])
        for k in range(2):
            path = g.dyhat * v[j] * g.slope[j] * x[k]
            assert g.grad[2 * j + k] == pytest.approx(path, abs=1e-12)
        assert g.grad[4 + j] == pytest.approx(g.dyhat * f.h[j])


@settings(max_examples=200)
@given(seeds, inputs, targets, st.floats(1e-4, 0.01))
def test_a_small_step_against_the_gradient_lowers_the_loss(seed, x, target, rate):
    theta = init_weights(seed)
    grad = backward(theta, x, target).grad
    assume(float(grad @ grad) > 1e-8)
    after = loss(update(theta, grad, rate), x, target)
    assert after < loss(theta, x, target)


def test_the_update_is_a_step_against_the_gradient():
    theta, grad = np.arange(6.0), np.ones(6)
    np.testing.assert_allclose(update(theta, grad, 0.5), theta - 0.5)


# -- numbers as shown ------------------------------------------------------------------


@given(st.floats(-1e4, 1e4, allow_nan=False))
def test_numbers_on_screen_never_hide_a_nonzero_value(x):
    shown = fmt_small(x)
    assume(abs(x) > 1e-6)
    assert float(shown) != 0.0
    assert abs(float(shown) - x) <= max(0.005, 0.05 * abs(x)) + 1e-12


def test_numbers_read_as_the_lesson_shows_them():
    assert fmt_small(0.6899) == "0.69"
    assert fmt_small(-2.402) == "-2.4"
    assert fmt_small(0.0431) == "0.043"
    assert fmt_small(0.00123) == "0.0012"
    assert fmt_small(0.0) == "0"


def test_equals_only_when_the_shown_arithmetic_agrees():
    assert relation([-2.4, 1.0], -2.402) == "="
    assert relation([-2.402, 0.2139], -0.5138) == r"\approx"  # -2.4 * 0.21 = -0.504


# -- why backwards, and training ----------------------------------------------------


@settings(max_examples=40)
@given(seeds, inputs, targets)
def test_nudging_each_weight_costs_one_forward_pass_per_weight(seed, x, target):
    theta = init_weights(seed)
    calls = []

    import scenes.calculus.backpropagation as module

    real = module.forward

    def counting(*args):
        calls.append(1)
        return real(*args)

    module.forward = counting
    try:
        grad, passes = forward_difference(theta, x, target)
    finally:
        module.forward = real
    assert passes == len(calls) == pass_counts(len(WEIGHTS))[0] == len(WEIGHTS) + 1
    exact = backward(theta, x, target).grad
    scale = 1 + loss(theta, x, target) + float(np.abs(exact).max())
    np.testing.assert_allclose(grad, exact, atol=1e-4 * scale)


@given(st.integers(1, 10**9))
def test_backprop_needs_two_passes_whatever_the_size(n):
    assert pass_counts(n) == (n + 1, 2)


@given(seeds, inputs, targets, targets)
def test_every_gradient_factors_through_the_one_at_the_output(seed, x, t1, t2):
    """The gradient at y-hat serves everything before it: grad / dyhat does not
    depend on the target (only dyhat does)."""
    theta = init_weights(seed)
    g1, g2 = backward(theta, x, t1), backward(theta, x, t2)
    assume(abs(g1.dyhat) > 1e-3 and abs(g2.dyhat) > 1e-3)
    np.testing.assert_allclose(g1.grad / g1.dyhat, g2.grad / g2.dyhat, atol=1e-9)


@given(seeds, inputs, targets, st.floats(0.01, 2))
def test_training_repeats_the_lessons_one_step(seed, x, target, rate):
    theta = init_weights(seed)
    losses = train(theta, x, target, rate, TRAIN_STEPS)
    assert losses.shape == (TRAIN_STEPS + 1,)
    assert losses[0] == loss(theta, x, target)
    one = update(theta, backward(theta, x, target).grad, rate)
    assert losses[1] == pytest.approx(loss(one, x, target))
    assert np.all(np.isfinite(losses))


# -- what the scene shows -------------------------------------------------------------

OTHER = {"seed": 3, "x": [-1.5, 2], "target": -1, "learning_rate": 0.1}
OVERSHOOT = {"learning_rate": 2}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get(SLUG)
    return {
        "default": construct_only(entry, {}),
        "other": construct_only(entry, OTHER),
        "overshoot": construct_only(entry, OVERSHOOT),
    }


def beat_shown(scene, starts: str) -> list[str]:
    (beat,) = [b for b in scene.timeline.beats if b.text.startswith(starts)]
    return beat.shown


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a = scene.args
    theta = init_weights(a.seed)
    f, g = forward(theta, a.x, a.target), backward(theta, a.x, a.target)
    new = update(theta, g.grad, a.learning_rate)
    f2 = forward(new, a.x, a.target)

    shown = beat_shown(scene, "Forward pass")
    for value in (*theta, *a.x, a.target):
        assert fmt_small(value) in shown
    shown = beat_shown(scene, "Left to right")
    for value in (*f.z, *f.h):
        assert fmt_small(value) in shown
    assert any(s.startswith("z_1 = ") and s.endswith(fmt_small(f.h[0])) for s in shown)
    shown = beat_shown(scene, "So the output")
    assert fmt_small(f.yhat) in shown and fmt_small(f.loss) in shown
    shown = beat_shown(scene, "Now go backwards")
    assert fmt_small(g.dyhat) in shown and "1" in shown
    assert any(s.endswith(fmt_small(g.dyhat)) for s in shown if s.startswith(r"\frac"))
    shown = beat_shown(scene, "ŷ changes")
    for value in g.dh:
        assert fmt_small(value) in shown
    shown = beat_shown(scene, "Through each sigmoid")
    for j in range(2):
        assert fmt_small(g.dz[j]) in shown
        assert rf"\sigma' = {fmt_small(g.slope[j])}" in shown
    shown = beat_shown(scene, "Last, a weight")
    assert fmt_small(g.grad[0]) in shown
    assert any(s.endswith(fmt_small(g.grad[0])) and s.startswith("=") for s in shown)
    shown = beat_shown(scene, "One backward sweep")
    rows = [s for s in shown if s.startswith(r"\frac")]
    for value in g.grad:
        assert any(f"= {fmt_small(value)}" in row for row in rows)
    shown = beat_shown(scene, "Now step every weight")
    for value in new:
        assert fmt_small(value) in shown
    shown = beat_shown(scene, "Forward again")
    for value in (*f2.z, *f2.h, f2.yhat, f2.loss):
        assert fmt_small(value) in shown
    assert any(
        rf"{fmt_small(f.loss)} \to {fmt_small(f2.loss)}" in s
        and fmt_small(f2.yhat) in s
        for s in shown
    )
    assert f2.loss < f.loss
    nudged, _backprop = pass_counts(len(WEIGHTS))
    assert str(nudged) in beat_shown(scene, "Why go backwards")
    shown = " ".join(beat_shown(scene, "Backpropagation reuses"))
    assert f"{nudged}" in shown and "1{,}000{,}001" in shown
    losses = train(theta, a.x, a.target, a.learning_rate, TRAIN_STEPS)
    shown = beat_shown(scene, "In machine learning")
    assert fmt_small(losses[0]) in shown and fmt_small(losses[-1]) in shown
    text = next(b.text for b in scene.timeline.beats if b.text.startswith("In machine"))
    verb = "falls" if losses[-1] < losses[0] else "rises"
    assert f"loss {verb} from {fmt_small(losses[0])} to {fmt_small(losses[-1])}" in text
    chapters = [b.chapter for b in scene.timeline.beats if b.chapter]
    assert chapters[-2:] == ["In machine learning", "Recap"]
    assert sum(b.chapter == "Recap" for b in scene.timeline.beats) == 1
    assert not any(b.text.startswith("To remember") for b in scene.timeline.beats)
    key = [b for b in scene.timeline.beats if b.key]
    assert len(key) == 1 and key[0].text.startswith("Last, a weight")
    assert not scene.timeline.warnings


def test_narration_reads_the_default_numbers(scenes):
    texts = " ".join(b.text for b in scenes["default"].timeline.beats)
    theta = init_weights(2)
    x, target = np.array([1.0, -0.5]), 1.0
    f, g = forward(theta, x, target), backward(theta, x, target)
    f2 = forward(update(theta, g.grad, 0.2), x, target)
    assert f"h₁ = σ({fmt_small(f.z[0])}) = {fmt_small(f.h[0])}" in texts
    assert f"the loss is {fmt_small(f.loss)}" in texts
    assert f"∂L/∂ŷ = {fmt_small(g.dyhat)}" in texts
    assert f"∂L/∂w₁₁ = {fmt_small(g.grad[0])}" in texts
    assert f"falls from {fmt_small(f.loss)} to {fmt_small(f2.loss)}" in texts


def test_a_step_that_overshoots_says_so(scenes):
    scene = scenes["overshoot"]
    theta = init_weights(2)
    x, target = np.array([1.0, -0.5]), 1.0
    g = backward(theta, x, target)
    before, after = loss(theta, x, target), loss(update(theta, g.grad, 2), x, target)
    assert after > before
    (beat,) = [b for b in scene.timeline.beats if b.text.startswith("Forward again")]
    assert f"rises from {fmt_small(before)} to {fmt_small(after)}" in beat.text
    assert "overshot" in beat.text
    assert not scene.timeline.warnings


@pytest.mark.parametrize(
    ("given_args", "name"),
    [
        ({"x": [5, 0]}, "x"),
        ({"x": [1]}, "x"),
        ({"x": [1, 2, 3]}, "x"),
        ({"x": "big"}, "x"),
        ({"target": 4}, "target"),
        ({"target": float("inf")}, "target"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": 3}, "learning_rate"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_parameters_fail_with_one_line(given_args, name):
    with pytest.raises(ParamError) as error:
        Backpropagation.resolve_args(given_args, lesson=SLUG)
    message = str(error.value)
    assert message.startswith(f"{SLUG}: parameter '{name}'")
    assert "\n" not in message


def test_weight_names_follow_the_edges():
    assert WEIGHTS == ("w11", "w12", "w21", "w22", "v1", "v2")
    # the weight drawn on each edge is the one the math uses there: nudging it
    # moves only that edge's target, by the edge's source value
    named = {key: (src, dst) for src, dst, key, _ in EDGES if key in WEIGHTS}
    assert sorted(named) == sorted(WEIGHTS)
    theta, x, eps = (
        np.array([0.4, -0.7, 1.1, 0.2, -0.9, 0.6]),
        np.array([0.8, -1.3]),
        1e-6,
    )
    f = forward(theta, x, 0.0)
    for i, key in enumerate(WEIGHTS):
        src, dst = named[key]
        nudged = forward(theta + eps * np.eye(6)[i], x, 0.0)
        if dst.startswith("z"):  # z_j = sum_k w_jk x_k
            j, k = int(dst[1]) - 1, int(src[1]) - 1
            expected = np.eye(2)[j] * eps * x[k]
            np.testing.assert_allclose(nudged.z - f.z, expected, rtol=0, atol=1e-12)
        else:  # y_hat = sum_j v_j h_j
            assert (dst, src[0]) == ("yhat", "h")
            j = int(src[1]) - 1
            assert nudged.yhat - f.yhat == pytest.approx(eps * f.h[j], rel=1e-6)
