"""The distributions lesson: its math on its own and against scipy, then what it shows."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt
from scenes.kit.stats import normal_cdf, normal_pdf
from scenes.kit.ticks import nice_step, tick_places
from scenes.probability.distributions import (
    DIGITS,
    MAX_N,
    SIGMA_MAX,
    SIGMA_MIN,
    TAIL,
    Distributions,
    binomial_mean_sd,
    binomial_pmf,
    classifier_output,
    displayed,
    example_orders,
    interval_probability,
    normal_stops,
    normal_window,
    one_order_probability,
    second_p,
    spread_change,
    stack_progress,
)

ns = st.integers(1, MAX_N)
# scipy's binomial overflows for subnormal p, so compare on ordinary ones and the ends
ps = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(1e-9, 1 - 1e-9))
mus = st.floats(-5.0, 5.0, allow_nan=False)
sigmas = st.floats(SIGMA_MIN, SIGMA_MAX, allow_nan=False)
ends = st.floats(-10.0, 10.0, allow_nan=False)


# -- the binomial --------------------------------------------------------------------


@given(ns, ps)
def test_binomial_bars_are_scipys_and_sum_to_one(n, p):
    pmf = binomial_pmf(n, p)
    assert pmf.shape == (n + 1,)
    assert np.all(pmf >= 0)
    np.testing.assert_allclose(
        pmf, stats.binom.pmf(np.arange(n + 1), n, p), rtol=1e-9, atol=1e-15
    )
    assert pmf.sum() == pytest.approx(1.0, abs=1e-12)
    assert fmt(pmf.sum(), DIGITS) == "1"


@given(ns, ps)
@settings(max_examples=20)
def test_counting_orders_gives_the_binomial(n, p):
    """Sum p^k (1-p)^(n-k) over every sequence of n flips with k heads."""
    n = min(n, 10)
    pmf = binomial_pmf(n, p)
    for k in range(n + 1):
        total = sum(
            one_order_probability(n, k, p)
            for seq in itertools.product((0, 1), repeat=n)
            if sum(seq) == k
        )
        assert total == pytest.approx(pmf[k], abs=1e-12)


@given(st.integers(1, 30), st.data())
def test_example_orders_are_distinct_with_k_heads(n, data):
    k = data.draw(st.integers(0, n))
    orders = example_orders(n, k, 3)
    assert len(orders) == min(3, math.comb(n, k))
    assert len(set(orders)) == len(orders)
    assert all(len(o) == n and sum(o) == k for o in orders)
    assert orders[0] == tuple(i < k for i in range(n))


@given(st.lists(st.floats(-20, 20), min_size=2, max_size=6))
def test_a_classifier_output_is_a_distribution(logits):
    probs = classifier_output(logits)
    assert np.all(probs > 0) and probs.sum() == pytest.approx(1.0)
    top = sorted(logits)[-2:]
    if top[1] - top[0] > 1e-9:  # a unique largest score
        assert int(np.argmax(probs)) == int(np.argmax(logits))


def test_the_lessons_class_probabilities_add_up_as_shown():
    probs = classifier_output((2.0, 1.0, 0.1))
    assert fmt(sum(float(fmt(q, 2)) for q in probs), 2) == "1"


@given(st.floats(0, 1), st.floats(0, 1))
def test_the_spread_words_match_the_numbers(before, after):
    words = spread_change(before, after)
    if fmt(before, 3) == fmt(after, 3):
        assert words == "stays at"
    else:
        assert words == ("falls to" if after < before else "rises to")


@given(ns, ps)
def test_binomial_mean_and_sd_are_scipys(n, p):
    mean, sd = binomial_mean_sd(n, p)
    assert mean == pytest.approx(stats.binom.mean(n, p), abs=1e-12)
    assert sd == pytest.approx(stats.binom.std(n, p), abs=1e-9)


@given(ps)
def test_the_second_p_is_a_probability_well_away_from_the_first(p):
    p2 = second_p(p)
    assert 0.0 <= p2 <= 1.0
    assert abs(p2 - p) >= 0.2


# -- the normal ----------------------------------------------------------------------


@given(st.floats(-20, 20, allow_nan=False), mus, sigmas)
def test_density_and_cdf_are_scipys(x, mu, sigma):
    assert normal_pdf(x, mu, sigma) == pytest.approx(
        stats.norm.pdf(x, mu, sigma), rel=1e-9, abs=1e-300
    )
    assert normal_cdf(x, mu, sigma) == pytest.approx(
        stats.norm.cdf(x, mu, sigma), abs=1e-12
    )


@given(ends, ends, mus, sigmas)
def test_interval_probability_is_the_area_under_the_density(a, b, mu, sigma):
    a, b = min(a, b), max(a, b)
    prob = interval_probability(a, b, mu, sigma)
    expected = stats.norm.cdf(b, mu, sigma) - stats.norm.cdf(a, mu, sigma)
    assert prob == pytest.approx(expected, abs=1e-12)
    assert 0.0 <= prob <= 1.0
    if b - a > 1e-3:
        xs = np.linspace(a, b, 20001)
        area = np.trapezoid(normal_pdf(xs, mu, sigma), xs)
        assert prob == pytest.approx(area, abs=1e-6)


@given(mus, sigmas, ends, ends)
def test_the_window_holds_every_curve_and_the_interval(mu, sigma, a, b):
    a, b = min(a, b), max(a, b)
    stops = normal_stops(mu, sigma)
    assert stops[0] == (mu, sigma)
    assert all(s > 0 for _, s in stops)
    assert abs(stops[1][0] - mu) == pytest.approx(1.0)
    lo, hi, step = normal_window(stops, a, b)
    assert lo <= a and b <= hi
    for m, s in stops:
        assert lo <= m - TAIL * s + 1e-9 and m + TAIL * s <= hi + 1e-9
    assert (hi - lo) / step <= 11
    assert lo / step == pytest.approx(round(lo / step))


@given(st.floats(1e-3, 1e3, allow_nan=False), st.integers(2, 12))
def test_nice_steps_are_round_and_fit(span, most):
    step = nice_step(span, most)
    assert span / step <= most + 1e-9
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-12)
    assert any(mantissa == pytest.approx(m) for m in (1, 2, 2.5, 5, 10))


@pytest.mark.parametrize(
    ("step", "places"), [(5, 0), (2.5, 1), (1, 0), (0.25, 2), (0.2, 1), (0.05, 2)]
)
def test_tick_labels_show_every_tick_exactly(step, places):
    assert tick_places(step) == places
    for k in range(1, 12):
        assert float(f"{k * step:.{places}f}") == pytest.approx(k * step)


@given(st.integers(1, 31), st.floats(0, 1), st.floats(0, 1))
def test_stacking_moves_every_bar_home(count, a1, a2):
    lo, hi = sorted((a1, a2))
    start, end = stack_progress(0.0, count), stack_progress(1.0, count)
    assert np.all(start == 0) and np.all(end == 1)
    assert np.all(stack_progress(lo, count) <= stack_progress(hi, count))


# -- the scene -----------------------------------------------------------------------

OTHER = {"n": 16, "p": 0.55, "mu": 1.5, "sigma": 0.8, "a": 0.5, "b": 3}


@pytest.fixture(scope="module", params=[{}, OTHER], ids=["defaults", "other"])
def scene(request, course):
    return construct_only(course.get("distributions"), request.param)


def beat_with(scene, words):
    (beat,) = [b for b in scene.timeline.beats if words in b.text]
    return beat


def number(x, places=DIGITS):
    """A DecimalNumber as the scene shows it."""
    return f"{displayed(x, places):.{places}f}"


def test_the_bars_on_screen_are_scipys_binomial(scene):
    n, p = scene.args.n, scene.args.p
    pmf = stats.binom.pmf(np.arange(n + 1), n, p)
    mode = int(np.argmax(binomial_pmf(n, p)))
    shown = beat_with(scene, "One bar per count").shown
    assert f"P(X = {mode}) =" in shown
    assert number(pmf[mode]) in shown
    rhs = rf"\binom{{{n}}}{{k}}\,{fmt(p, 3)}^{{k}}\,{fmt(1 - p, 3)}^{{{n}-k}}"
    assert rhs in shown
    stacked = beat_with(scene, "Stack all the bars").shown
    assert number(binomial_pmf(n, p).sum()) == "1.000"
    assert "1.000" in stacked


def test_mean_and_sd_readouts_follow_p(scene):
    n, p = scene.args.n, scene.args.p
    marked = beat_with(scene, "The mean, n times p").shown
    assert number(p) in marked
    assert number(stats.binom.mean(n, p), 2) in marked
    assert number(stats.binom.std(n, p), 2) in marked
    p2 = second_p(p)
    slid = beat_with(scene, "Now change p").shown
    assert number(p2) in slid
    assert number(stats.binom.mean(n, p2), 2) in slid
    assert number(stats.binom.std(n, p2), 2) in slid
    assert (
        rf"\binom{{{n}}}{{k}}\,{fmt(p2, 3)}^{{k}}\,{fmt(1 - p2, 3)}^{{{n}-k}}" in slid
    )


def test_normal_readouts_are_scipys_at_every_stop(scene):
    a, b = scene.args.a, scene.args.b
    stops = normal_stops(scene.args.mu, scene.args.sigma)
    words = ["The chance that X lands", "Slide the mean", "Shrink", "Stretch"]
    for (mu, sigma), key in zip([stops[0], *stops[1:]], words, strict=True):
        shown = beat_with(scene, key).shown
        assert number(mu, 2) in shown, key
        assert number(sigma, 2) in shown, key
        assert number(stats.norm.pdf(mu, mu, sigma)) in shown, key
        prob = stats.norm.cdf(b, mu, sigma) - stats.norm.cdf(a, mu, sigma)
        assert number(prob) in shown, key
        assert rf"P({fmt(a)} \le X \le {fmt(b)}) =" in shown
    assert r"\text{total area} = 1" in beat_with(scene, "whole area").shown


def test_the_narration_says_the_numbers_shown(scene):
    a, b, mu, sigma = (scene.args[k] for k in ("a", "b", "mu", "sigma"))
    prob = interval_probability(a, b, mu, sigma)
    assert fmt(prob, DIGITS) in beat_with(scene, "shaded area").text
    assert beat_with(scene, "shaded area").key
    assert sum(beat.key for beat in scene.timeline.beats) == 1


def test_the_sum_readout_is_redrawn_while_the_bars_stack(scene):
    """It read 0.000 while the stacked bar was full: manim drew it once as
    still background because nothing moved it."""
    assert scene.stack_readout_live


def test_the_derivation_shows_the_tallest_bars_count(scene):
    n, p = scene.args.n, scene.args.p
    k = int(np.argmax(binomial_pmf(n, p)))
    one = one_order_probability(n, k, p)
    shown = beat_with(scene, "Any other order").shown
    assert rf"\binom{{{n}}}{{{k}}} = {math.comb(n, k)} \text{{ orders}}" in shown
    assert any(s.endswith(f"= {fmt(binomial_pmf(n, p)[k], 3)}") for s in shown)
    assert math.comb(n, k) * one == pytest.approx(stats.binom.pmf(k, n, p))


def test_ml_beat_and_recap(scene):
    probs = classifier_output((2.0, 1.0, 0.1))
    shown = beat_with(scene, "a classifier's answer").shown
    assert " + ".join(fmt(q, 2) for q in probs) + " = 1" in shown
    chapters = [b.chapter for b in scene.timeline.beats if b.chapter]
    assert "In machine learning" in chapters and chapters[-1] == "Recap"
    assert sum(b.chapter == "Recap" for b in scene.timeline.beats) == 1
    assert not any(b.text.startswith("To remember") for b in scene.timeline.beats)


def test_no_beat_has_layout_problems(scene):
    assert not scene.timeline.warnings
    assert all(not beat.warnings for beat in scene.timeline.beats)


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ({"p": 1.5}, "p"),
        ({"p": -0.1}, "p"),
        ({"sigma": 0}, "sigma"),
        ({"sigma": -1}, "sigma"),
        ({"sigma": 0.05}, "sigma"),
        ({"n": 0}, "n"),
        ({"n": MAX_N + 1}, "n"),
        ({"n": 2.5}, "n"),
        ({"a": 2, "b": 1}, "b"),
        ({"a": 1, "b": 1}, "b"),
        ({"mu": "oops"}, "mu"),
    ],
)
def test_unusable_parameters_fail_with_one_line(given, name):
    with pytest.raises(ParamError) as error:
        Distributions.resolve_args(given, lesson="distributions")
    message = str(error.value)
    assert f"parameter '{name}'" in message
    assert "got" in message and "expected" in message
    assert "\n" not in message


def test_a_positive_standard_deviation_is_asked_for():
    with pytest.raises(ParamError, match="must be positive"):
        Distributions.resolve_args({"sigma": 0}, lesson="distributions")
    with pytest.raises(ParamError, match="a < b"):
        Distributions.resolve_args({"a": 3, "b": -3}, lesson="distributions")


@settings(max_examples=30, deadline=None)
@given(ns, ps, mus, sigmas, ends, ends)
def test_every_valid_set_resolves(n, p, mu, sigma, a, b):
    if a == b:
        return
    a, b = min(a, b), max(a, b)
    args = Distributions.resolve_args(
        {"n": n, "p": p, "mu": mu, "sigma": sigma, "a": a, "b": b}
    )
    assert (args.n, args.p, args.mu, args.sigma) == (n, p, mu, sigma)
