"""The hypothesis-testing lesson: its math alone, then what it shows."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy import stats

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt
from scenes.probability.hypothesis_testing import (
    AB_TESTS,
    ALPHA_MIN,
    ALTERNATIVES,
    MAX_Z,
    TRIALS,
    HypothesisTesting,
    ab_test,
    ab_verdict,
    bin_edges,
    critical_values,
    critical_z,
    data_places,
    decide_each,
    decision_words,
    dots_shown,
    number_text,
    p_and_alpha_text,
    p_regions,
    p_value,
    pile_heights,
    rejection_regions,
    rejects,
    shown_value,
    simulate_null_means,
    standard_error,
    window,
    z_statistic,
)

alternatives = st.sampled_from(ALTERNATIVES)
alphas = st.floats(ALPHA_MIN, 1 - 1e-9)
z_values = st.floats(-MAX_Z, MAX_Z)
nulls = st.floats(-1000, 1000)
sigmas = st.floats(0.001, 1000)
sizes = st.integers(1, 10_000)


def scipy_p(z: float, alternative: str) -> float:
    """The same z-test's p-value, from scipy.stats."""
    if alternative == "two-sided":
        return 2 * stats.norm.sf(abs(z))
    if alternative == "greater":
        return stats.norm.sf(z)
    return stats.norm.cdf(z)


def area(regions, null, se):
    return sum(
        stats.norm.cdf(b, null, se) - stats.norm.cdf(a, null, se) for a, b in regions
    )


# -- pure math ---------------------------------------------------------------------


@given(nulls, sigmas, sizes, z_values, alternatives)
def test_the_p_value_is_scipys(null, sigma, n, z, alternative):
    se = standard_error(sigma, n)
    observed = null + z * se
    z_back = z_statistic(observed, null, sigma, n)
    assert z_back == pytest.approx(z, rel=1e-6, abs=1e-6)
    p = p_value(z_back, alternative)
    assert p == pytest.approx(scipy_p(z_back, alternative), rel=1e-9, abs=1e-300)
    assert 0 <= p <= 1


@given(nulls, sigmas, sizes, z_values, alternatives)
def test_the_p_value_is_the_shaded_area(null, sigma, n, z, alternative):
    se = standard_error(sigma, n)
    observed = null + z * se
    regions = p_regions(observed, null, alternative, -math.inf, math.inf)
    p = p_value(z_statistic(observed, null, sigma, n), alternative)
    assert area(regions, null, se) == pytest.approx(p, rel=1e-6, abs=1e-9)


@given(alphas, alternatives, nulls, sigmas, sizes)
def test_the_rejection_region_holds_alpha(alpha, alternative, null, sigma, n):
    se = standard_error(sigma, n)
    regions = rejection_regions(null, se, alpha, alternative, -math.inf, math.inf)
    assert area(regions, null, se) == pytest.approx(alpha, rel=1e-6)
    tail = alpha / 2 if alternative == "two-sided" else alpha
    assert critical_z(alpha, alternative) == pytest.approx(
        stats.norm.isf(tail), rel=1e-9, abs=1e-9
    )
    # at a critical value the p-value is alpha
    for cut in critical_values(null, se, alpha, alternative):
        z = (cut - null) / se
        assert p_value(z, alternative) == pytest.approx(alpha, rel=1e-6)


@given(st.floats(1e-6, 0.999), alternatives, st.sampled_from([1, -1]))
def test_the_decision_flips_exactly_at_alpha(alpha, alternative, side):
    # the p-value either side of alpha, by nudging the mean across the critical value
    null, sigma, n = 50.0, 2.0, 16
    se = standard_error(sigma, n)
    zc = critical_z(alpha, alternative)
    sign = {"two-sided": side, "greater": 1, "less": -1}[alternative]
    inside = null + sign * (zc + 1e-6) * se
    outside = null + sign * (zc - 1e-6) * se
    p_in = p_value(z_statistic(inside, null, sigma, n), alternative)
    p_out = p_value(z_statistic(outside, null, sigma, n), alternative)
    assert p_in < alpha < p_out
    assert rejects(p_in, alpha) and not rejects(p_out, alpha)
    # and on the p scale itself: p = alpha rejects, the next float up does not
    assert rejects(alpha, alpha)
    assert not rejects(math.nextafter(alpha, 1), alpha)
    assert rejects(math.nextafter(alpha, 0), alpha)
    assert decision_words(True) == "reject"
    assert decision_words(False) == "fail to reject"


@given(alphas, alternatives, st.integers(1, 400), st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_the_simulated_type_one_error_rate_is_about_alpha(alpha, alternative, n, seed):
    means = simulate_null_means(50.0, 2.0, n, TRIALS, seed)
    rejected = int(decide_each(means, 50.0, 2.0, n, alpha, alternative).sum())
    low, high = stats.binom.interval(1 - 1e-6, TRIALS, alpha)
    assert low <= rejected <= high


def test_the_default_story():
    z = z_statistic(51.1, 50, 2, 16)
    assert z == pytest.approx(2.2)
    p = p_value(z, "two-sided")
    assert p == pytest.approx(stats.norm.sf(2.2) * 2)
    assert number_text(p).tex == "0.028" and rejects(p, 0.05)
    assert [fmt(c) for c in critical_values(50, 0.5, 0.05, "two-sided")] == [
        "49.02",
        "50.98",
    ]
    means = simulate_null_means(50, 2, 16, TRIALS, 8)
    assert int(decide_each(means, 50, 2, 16, 0.05, "two-sided").sum()) == 14


@given(
    nulls,
    sigmas,
    sizes,
    z_values,
    alphas,
    alternatives,
    st.floats(0.02, 0.5),
    st.integers(0, 1000),
)
@settings(max_examples=60, deadline=None)
@example(0.0, 1.0, 1, 0.0, 1 - 1e-9, "greater", 0.5, 0)  # z* = -6: a cut left of mu0
def test_piled_dots_in_the_rejection_region_are_the_rejections(
    null, sigma, n, z, alpha, alternative, width_se, seed
):
    se = standard_error(sigma, n)
    lo, hi = window(null, se, z, alpha, alternative)
    assert lo < null + z * se < hi
    cuts = critical_values(null, se, alpha, alternative)
    assert all(lo < c < hi for c in cuts)
    edges = bin_edges(lo, hi, cuts, width_se * se)
    assert edges[0] <= lo and edges[-1] >= hi and np.all(np.diff(edges) > 0)
    for c in cuts:  # every critical value is a bin edge
        assert np.min(np.abs(edges - c)) <= 1e-9 * max(1.0, abs(c))
    means = null + se * np.random.default_rng(seed).standard_normal(200)
    bins, levels = pile_heights(means, edges)
    centers = (edges[:-1] + edges[1:]) / 2
    regions = rejection_regions(null, se, alpha, alternative, -math.inf, math.inf)
    in_region = np.array([any(a <= centers[b] <= c for a, c in regions) for b in bins])
    decided = decide_each(means, null, sigma, n, alpha, alternative)
    near_cut = np.array([min(abs(m - c) for c in cuts) < 1e-9 * se for m in means])
    assert np.array_equal(in_region[~near_cut], decided[~near_cut])
    # the piles count every value once
    for b in set(bins.tolist()):
        assert sorted(levels[bins == b].tolist()) == list(range(np.sum(bins == b)))


@given(st.floats(0, 1), st.floats(0, 1))
def test_the_pile_grows_and_is_complete_before_the_last_frame(a, b):
    lo, hi = sorted((a, b))
    assert 0 <= dots_shown(lo, TRIALS) <= dots_shown(hi, TRIALS) <= TRIALS
    assert dots_shown(0.9, TRIALS) == TRIALS == dots_shown(1.0, TRIALS)


@given(st.floats(1e-12, 1))
def test_numbers_read_as_themselves(x):
    shown = number_text(x)
    assert shown_value(shown) == pytest.approx(x, rel=0.06)
    assert "\n" not in shown.text


@example(p=0.60546875, alpha=0.609375)  # 0.61 would read as above 0.609375
@given(st.floats(1e-9, 1), alphas)
def test_unequal_p_and_alpha_look_unequal(p, alpha):
    p_text, a_text = p_and_alpha_text(p, alpha)
    assert shown_value(a_text) == pytest.approx(alpha, rel=1e-7)
    if p != alpha:
        assert p_text.tex != a_text.tex
        # and the order on screen is the true order
        assert (shown_value(p_text) <= shown_value(a_text)) == (p <= alpha) or (
            abs(p - alpha) < 1e-12
        )


@given(sigmas, sizes)
def test_data_places_resolve_a_tenth_of_a_standard_error(sigma, n):
    se = standard_error(sigma, n)
    assert 10.0 ** -data_places(se) <= se / 10 + 1e-15
    assert data_places(se) >= 2


# -- parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_args", "name"),
    [
        ({"sigma": 0}, "sigma"),
        ({"sigma": -2}, "sigma"),
        ({"sigma": "wide"}, "sigma"),
        ({"alpha": 0}, "alpha"),
        ({"alpha": 1}, "alpha"),
        ({"alpha": -0.05}, "alpha"),
        ({"alpha": 1.5}, "alpha"),
        ({"n": 0}, "n"),
        ({"n": -3}, "n"),
        ({"n": 2.5}, "n"),
        ({"alternative": "sideways"}, "alternative"),
        ({"observed_mean": 60}, "observed_mean"),
        ({"null_mean": float("nan")}, "null_mean"),
    ],
)
def test_invalid_parameters_fail_with_one_line(given_args, name):
    with pytest.raises(ParamError) as caught:
        HypothesisTesting.resolve_args(given_args, lesson="hypothesis-testing")
    message = str(caught.value)
    assert "\n" not in message
    assert f"parameter '{name}'" in message
    assert message.startswith(f"hypothesis-testing: parameter '{name}': got ")
    assert caught.value.name == name


@given(nulls, sigmas, sizes, st.floats(-1000, 1000))
@settings(max_examples=50)
def test_accepted_parameters_fit_the_picture(null, sigma, n, observed):
    given_args = {"null_mean": null, "sigma": sigma, "n": n, "observed_mean": observed}
    try:
        HypothesisTesting.resolve_args(given_args)
    except ParamError as error:
        assert error.name == "observed_mean"
        assert abs(z_statistic(observed, null, sigma, n)) > MAX_Z
        return
    assert abs(z_statistic(observed, null, sigma, n)) <= MAX_Z


# -- what the scene shows (construct only, no video) -----------------------------------

DEFAULT: dict = {}
CUSTOM = {
    "observed_mean": 10.6,
    "null_mean": 10,
    "n": 25,
    "sigma": 2.5,
    "alpha": 0.1,
    "alternative": "greater",
    "seed": 2,
}


@pytest.fixture(scope="module")
def scenes():
    entry = load_course().get("hypothesis-testing")
    return {
        "default": construct_only(entry, DEFAULT),
        "custom": construct_only(entry, CUSTOM),
    }


def _beat(scene, opening):
    (beat,) = [b for b in scene.timeline.beats if b.text.startswith(opening)]
    return beat


def test_the_registry_names_this_lesson():
    assert load_course().get("hypothesis-testing").load() is HypothesisTesting


@pytest.mark.parametrize("which", ["default", "custom"])
def test_the_numbers_on_screen_are_the_math(scenes, which):
    scene = scenes[which]
    a = scene.args
    se = standard_error(a.sigma, a.n)
    z = z_statistic(a.observed_mean, a.null_mean, a.sigma, a.n)
    p = p_value(z, a.alternative)
    assert p == pytest.approx(scipy_p(z, a.alternative))
    places = data_places(se)
    p_text, a_text = p_and_alpha_text(p, a.alpha)
    null, obs = fmt(a.null_mean, places), fmt(a.observed_mean, places)

    beat = _beat(scene, "Someone claims")
    sign = {"two-sided": r"\neq", "greater": ">", "less": "<"}[a.alternative]
    assert rf"H_0: \ \mu = {null}" in beat.shown
    assert rf"H_1: \ \mu {sign} {null}" in beat.shown

    beat = _beat(scene, "Take a sample")
    assert any(s.endswith(f"= {fmt(se, 3)}") and "SE" in s for s in beat.shown)

    beat = _beat(scene, "Our sample's mean")
    assert any(
        s.endswith(f"{{{obs} - {null} \\over {fmt(se, 3)}}} = {fmt(z)}")
        for s in beat.shown
    )

    beat = _beat(scene, "The p-value is")
    assert f"p = {p_text.tex}" in beat.shown
    assert beat.text.endswith(f"Here p = {p_text.text}.")

    beat = _beat(scene, "Before looking")
    assert rf"\alpha = {a_text.tex}" in beat.shown
    cuts = [
        fmt(c, places) for c in critical_values(a.null_mean, se, a.alpha, a.alternative)
    ]
    # the rule, on one line or (two-sided) two: "reject if ... <= lo" "or ... >= hi"
    rule = " ".join(
        s for s in beat.shown if s.startswith((r"\text{reject if }", r"\text{or }"))
    )
    for c in cuts:
        assert c in rule

    (beat,) = [b for b in scene.timeline.beats if b.key]
    verdict = decision_words(rejects(p, a.alpha))
    assert any(rf"\text{{{verdict} }} H_0" in s for s in beat.shown)
    assert f"p = {p_text.text}" in beat.text
    assert ("so we reject" in beat.text) == rejects(p, a.alpha)

    # the simulation: the count of rejections shown is the count of red dots
    means = simulate_null_means(a.null_mean, a.sigma, a.n, TRIALS, a.seed)
    rejected = int(
        decide_each(means, a.null_mean, a.sigma, a.n, a.alpha, a.alternative).sum()
    )
    beat = _beat(scene, "But what if")
    at = beat.shown.index(r"\text{of}")
    assert beat.shown[at - 1] == str(rejected) and beat.shown[at + 1] == str(TRIALS)
    beat = _beat(scene, f"{rejected} of the {TRIALS} tests")
    assert rf"= {fmt(100 * rejected / TRIALS, 1)}\%" in beat.shown
    reds = [d for d in scene.dots if d.get_color().to_hex().upper() == "#FC6255"]
    assert len(reds) == rejected and len(scene.dots) == TRIALS


def test_the_two_scenes_decide_differently(scenes):
    default = _beat(scenes["default"], "The observed mean falls")
    custom = _beat(scenes["custom"], "The observed mean falls")
    assert "so we reject the null hypothesis" in default.text
    assert "fail to reject" in custom.text


@pytest.mark.parametrize("which", ["default", "custom"])
def test_no_layout_problems_and_a_complete_plan(scenes, which):
    scene = scenes[which]
    problems = [
        f"beat {b.index}: {w}" for b in scene.timeline.beats for w in b.warnings
    ]
    assert problems == []
    assert sum(b.key for b in scene.timeline.beats) == 1
    chapters = [b.chapter for b in scene.timeline.beats if b.chapter]
    assert chapters[0] == "Introduction" and chapters[-1] == "Recap"
    assert 2 <= len(chapters) - 2 <= 5
    assert all(b.text.rstrip()[-1] in ".?!:" for b in scene.timeline.beats)
    assert 45 <= scene.plan().duration <= 180


# -- what p is not; the A/B test of two models; the recap -----------------------------


@given(
    n=st.integers(50, 20_000),
    a=st.floats(0.05, 0.95),
    gain=st.floats(-0.04, 0.04),
)
def test_the_ab_test_is_the_two_proportion_z_test(n, a, gain):
    correct_a = round(a * n)
    correct_b = min(n, max(0, round((a + gain) * n)))
    t = ab_test(correct_a, correct_b, n)
    pooled = (correct_a + correct_b) / (2 * n)
    se = math.sqrt(pooled * (1 - pooled) * 2 / n)
    assert t.se == pytest.approx(se)
    assert t.gain == pytest.approx((correct_b - correct_a) / n)
    assert t.z == pytest.approx(t.gain / se)
    assert t.p == pytest.approx(2 * stats.norm.sf(abs(t.z)), rel=1e-9, abs=1e-300)


def test_the_same_gain_is_chance_on_1000_and_real_on_10000():
    small, big = (ab_test(*t) for t in AB_TESTS)
    assert small.gain == pytest.approx(big.gain) == pytest.approx(0.02)
    assert small.z == pytest.approx(1.29, abs=0.01) and small.p > 0.05
    assert big.z == pytest.approx(4.08, abs=0.01) and big.p < 1e-4


@given(st.floats(0, 1), st.floats(1e-9, 0.5))
def test_the_ab_verdict_follows_p_and_alpha(p, alpha):
    words = ab_verdict(p, alpha)
    assert words.startswith("so we reject") == (p <= alpha)


@pytest.mark.parametrize("which", ["default", "custom"])
def test_p_is_not_the_chance_the_null_is_true(scenes, which):
    beat = _beat(scenes[which], "Careful: p is not the chance that the null is true.")
    assert beat.chapter is None or beat.chapter == "The p-value"
    assert r"p \ne P(H_0 \text{ true})" in beat.shown


@pytest.mark.parametrize("which", ["default", "custom"])
def test_the_ab_beat_says_what_its_numbers_say(scenes, which):
    scene = scenes[which]
    alpha = scene.args.alpha
    small, big = (ab_test(*t) for t in AB_TESTS)
    first = _beat(scene, "In machine learning, an A/B test")
    assert first.chapter == "In machine learning"
    second = _beat(scene, "The 2-point gain is 1.3 standard errors")
    assert ab_verdict(small.p, alpha) in second.text
    third = _beat(scene, "With 10,000 examples each")
    assert ab_verdict(big.p, alpha) in third.text
    (recap,) = [b for b in scene.timeline.beats if b.chapter == "Recap"]
    assert recap.text.startswith("Reject H₀ when p ≤ α")
    assert scene.timeline.beats[-1] is recap
