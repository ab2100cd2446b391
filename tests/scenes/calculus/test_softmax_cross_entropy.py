"""The softmax and cross-entropy lesson: its math on its own, then what the scene shows."""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import special

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.softmax_cross_entropy import (
    CLASSES,
    NUDGE,
    P_RANGE,
    SoftmaxCrossEntropy,
    bar_layout,
    cross_entropy,
    gradient,
    measured_slopes,
    one_hot,
    predicted,
    softmax,
    train_logits,
)
from scenes.kit.numbers import fmt, fmt_small, say_sig

logits = arrays(float, st.integers(2, 6), elements=st.floats(-30, 30, allow_nan=False))


# -- pure math -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(z=logits)
def test_softmax_is_a_distribution_and_matches_scipy(z):
    p = softmax(z)
    assert np.all(p > 0)
    assert p.sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(p, special.softmax(z), rtol=1e-12, atol=1e-300)
    # a larger score never gets a smaller probability
    for i in range(len(z)):
        for j in range(len(z)):
            if z[i] > z[j]:
                assert p[i] >= p[j]
    assert z[predicted(z)] == z.max()


@settings(max_examples=200, deadline=None)
@given(z=logits, c=st.floats(-100, 100, allow_nan=False))
def test_softmax_is_unchanged_by_adding_the_same_number_to_every_score(z, c):
    np.testing.assert_allclose(softmax(z + c), softmax(z), rtol=1e-9, atol=1e-15)


def test_softmax_and_the_loss_do_not_overflow_on_huge_scores():
    z = np.array([1000.0, 999.0, -1000.0])
    p = softmax(z)
    assert np.all(np.isfinite(p))
    e = math.e
    assert p[:2] == pytest.approx([e / (e + 1), 1 / (e + 1)])
    assert cross_entropy(z, 1) == pytest.approx(math.log(1 + e))


@settings(max_examples=200, deadline=None)
@given(z=arrays(float, 3, elements=st.floats(-8, 8)), target=st.integers(0, 2))
def test_cross_entropy_is_minus_log_of_the_true_class_probability(z, target):
    naive = -math.log(math.exp(z[target]) / sum(math.exp(v) for v in z))
    assert cross_entropy(z, target) == pytest.approx(naive, rel=1e-9, abs=1e-12)
    assert cross_entropy(z, target) == pytest.approx(
        special.logsumexp(z) - z[target], abs=1e-9
    )


@settings(max_examples=200, deadline=None)
@given(z=arrays(float, st.integers(2, 5), elements=st.floats(-6, 6)), data=st.data())
def test_gradient_is_p_minus_y_and_matches_finite_differences(z, data):
    target = data.draw(st.integers(0, len(z) - 1))
    g = gradient(z, target)
    eps = 1e-6
    numeric = [
        (
            cross_entropy(z + eps * one_hot(len(z), i), target)
            - cross_entropy(z - eps * one_hot(len(z), i), target)
        )
        / (2 * eps)
        for i in range(len(z))
    ]
    np.testing.assert_allclose(g, numeric, atol=1e-7)
    assert g.sum() == pytest.approx(0.0, abs=1e-12)
    assert g[target] < 0 and all(g[i] > 0 for i in range(len(z)) if i != target)


@settings(max_examples=200, deadline=None)
@given(z=arrays(float, 3, elements=st.floats(-4, 4)), target=st.integers(0, 2))
def test_measured_slopes_are_within_h_squared_of_the_gradient(z, target):
    # central difference: error h^2 / 6 * |L'''|, and |L'''| <= 1 for softmax
    gap = np.abs(measured_slopes(z, target, NUDGE) - gradient(z, target))
    assert np.all(gap <= NUDGE**2 / 6 + 1e-12)


def test_the_default_measured_slopes_read_as_the_gradient_on_screen():
    z, target = np.array([1.5, 0.5, -1.0]), 1
    measured = measured_slopes(z, target)
    exact = gradient(z, target)
    assert [fmt_small(v) for v in measured] == [fmt_small(v) for v in exact]


@settings(max_examples=150, deadline=None)
@given(
    z=arrays(float, 3, elements=st.floats(-4, 4)),
    target=st.integers(0, 2),
    rate=st.floats(0.01, 5),
    steps=st.integers(1, 8),
)
def test_every_step_raises_the_true_probability_and_lowers_the_loss(
    z, target, rate, steps
):
    path = train_logits(z, target, rate, steps)
    assert path.shape == (steps + 1, 3)
    np.testing.assert_array_equal(path[0], z)
    p_true = [softmax(row)[target] for row in path]
    losses = [cross_entropy(row, target) for row in path]
    assume(p_true[0] < 1 - 1e-9)  # below that the change is lost to rounding
    for before, after in itertools.pairwise(p_true):
        assert after >= before
    assert p_true[-1] > p_true[0]
    assert losses[-1] < losses[0]
    # each step raises the true class's score and lowers every other one
    step = path[1] - path[0]
    assert step[target] > 0 and all(step[i] < 0 for i in range(3) if i != target)


def test_one_gradient_step_by_hand():
    z = np.array([1.0, 0.0, 0.0])
    p = np.exp(z) / np.exp(z).sum()
    want = z - 0.5 * (p - np.array([0.0, 1.0, 0.0]))
    np.testing.assert_allclose(train_logits(z, 1, 0.5, 1)[1], want)


@settings(max_examples=100, deadline=None)
@given(values=arrays(float, 3, elements=st.floats(-10, 10)))
def test_bar_layout_fills_the_band_exactly(values):
    assume(np.max(np.abs(values)) > 1e-6)
    base, unit = bar_layout(values, -1.0, 2.0)
    ends = [base + v * unit for v in values] + [base]
    assert min(ends) == pytest.approx(-1.0) and max(ends) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("x", "said"),
    [(1.3695, "1.4"), (0.0566, "0.057"), (0.69, "0.69"), (-0.75, "minus 0.75"),
     (6.49, "6.5"), (4.4817, "4.5"), (0, "0"), (12.3, "12")],
)  # fmt: skip
def test_numbers_are_spoken_to_two_significant_figures(x, said):
    assert say_sig(x) == said


# -- parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_args", "name", "mentions"),
    [
        ({"logits": [5, 0, 0]}, "logits", "larger than 4"),
        ({"logits": [1, 2]}, "logits", "2 entries"),
        ({"logits": [0, 4, 0]}, "logits", "nothing is left to learn"),
        ({"logits": [4, -4, 4]}, "logits", "off the curve"),
        ({"true_class": "horse"}, "true_class", "one of cat, dog, bird"),
        ({"learning_rate": 0}, "learning_rate", "(0, 5]"),
        ({"steps": 9}, "steps", "from 1 to 8"),
    ],
)
def test_invalid_parameters_raise_one_line_param_errors(given_args, name, mentions):
    entry = load_course().get("softmax-and-cross-entropy")
    with pytest.raises(ParamError) as error:
        construct_only(entry, given_args)
    message = str(error.value)
    assert error.value.name == name
    assert "\n" not in message
    assert mentions in message


@settings(max_examples=60, deadline=None)
@given(z=arrays(float, 3, elements=st.floats(-4, 4)), target=st.integers(0, 2))
def test_logits_are_accepted_exactly_when_the_true_probability_fits(z, target):
    p = softmax(z)[target]
    args = {"logits": z.tolist(), "true_class": CLASSES[target]}
    if P_RANGE[0] <= p <= P_RANGE[1]:
        assert SoftmaxCrossEntropy.resolve_args(args).true_class == CLASSES[target]
    else:
        with pytest.raises(ParamError) as error:
            SoftmaxCrossEntropy.resolve_args(args)
        assert error.value.name == "logits"


# -- what the scene shows (construct only, no video) ------------------------------------


@functools.cache
def built(**given_args):
    entry = load_course().get("softmax-and-cross-entropy")
    return construct_only(entry, {k: v for k, v in given_args.items()})


def beat_with(scene, words: str):
    return next(b for b in scene.timeline.beats if words in b.text)


CASES = [
    {},
    {"logits": (0.0, 2.0, 1.0), "true_class": "bird", "steps": 1},
    {"logits": (-1.0, 1.0, 3.0), "true_class": "cat", "learning_rate": 0.5},
]


@pytest.mark.parametrize("given_args", CASES)
def test_numbers_on_screen_are_the_pure_functions_outputs(given_args):
    scene = built(**given_args)
    z = np.array(given_args.get("logits", (1.5, 0.5, -1.0)))
    target = CLASSES.index(given_args.get("true_class", "dog"))
    p, g = softmax(z), gradient(z, target)
    # the probabilities on the bars, and their sum
    normalise = beat_with(scene, "That is softmax")
    shown = normalise.shown
    for v in p:
        assert fmt(v) in shown
    assert "e^{z}" not in shown  # the exponentials' heading has gone
    assert any(s.endswith(fmt(np.exp(z).sum())) for s in shown)
    # the loss readout
    loss_beat = beat_with(scene, "surprise")
    assert f"{cross_entropy(z, target):.2f}" in loss_beat.shown
    # the table: measured slopes beside p - y, equal as shown
    key = next(b for b in scene.timeline.beats if b.key)
    for m, v in zip(measured_slopes(z, target), g, strict=True):
        assert fmt_small(m, 2) in key.shown
        assert fmt_small(v, 2) in key.shown
        assert fmt_small(m, 2) == fmt_small(v, 2)


@pytest.mark.parametrize("given_args", CASES)
def test_training_words_are_computed_from_the_training(given_args):
    scene = built(**given_args)
    z = np.array(given_args.get("logits", (1.5, 0.5, -1.0)))
    target = CLASSES.index(given_args.get("true_class", "dog"))
    path = train_logits(
        z, target, given_args.get("learning_rate", 1.0), given_args.get("steps", 5)
    )
    last = path[-1]
    text = beat_with(scene, f"After {len(path) - 1} steps").text
    assert fmt(softmax(last)[target]) in text
    assert fmt(cross_entropy(last, target)) in text
    if predicted(last) == target:
        assert f"now says {CLASSES[target]}" in text
    else:
        assert f"still says {CLASSES[predicted(last)]}" in text
    first = beat_with(scene, "Now learn").text
    assert f"to {fmt(softmax(path[1])[target])}." in first


def test_the_default_lesson_has_its_chapters_key_and_length():
    scene = built()
    chapters = [b.chapter for b in scene.timeline.beats if b.chapter]
    assert chapters == [
        "Introduction",
        "Softmax",
        "Cross-entropy",
        "The gradient",
        "Learning",
        "Recap",
    ]
    keys = [b for b in scene.timeline.beats if b.key]
    assert len(keys) == 1 and "p minus y" in keys[0].text
    assert 45 <= scene.plan().frames / 15 <= 150
    assert "backpropagation" in scene.timeline.beats[-1].text


@pytest.mark.parametrize("given_args", CASES)
def test_no_beat_has_layout_warnings(given_args):
    scene = built(**given_args)
    assert [(b.index, b.warnings) for b in scene.timeline.beats if b.warnings] == []
    assert 45 <= scene.plan().frames / 15 <= 150
