"""The central-limit-theorem lesson: its math and statistics, then what it shows."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt
from scenes.kit.stats import normal_pdf
from scenes.probability.central_limit_theorem import (
    BATCHES,
    DIGITS,
    GROWTH,
    SHOWN,
    SOURCES,
    CentralLimitTheorem,
    count_at,
    draw_samples,
    fill_rate,
    histogram,
    mean_bin_edges,
    mean_stats,
    means_density,
    means_skewness,
    measured_spreads,
    sample_means,
    standard_error,
    window,
    zoom_window,
)

#: scipy's version of every source.
SCIPY = {
    "exponential": stats.expon(),
    "gamma": stats.gamma(2.0),
    "lognormal": stats.lognorm(0.5),
}
NAMES = sorted(SOURCES)
#: Chance that a correct lesson fails one statistical check (each tail).
ALPHA = 1e-6


def test_every_source_has_a_scipy_twin():
    assert set(SCIPY) == set(SOURCES)


# -- the sources ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_densities_are_scipys(name):
    xs = np.linspace(-1.0, 12.0, 2601)
    np.testing.assert_allclose(
        SOURCES[name].pdf(xs), SCIPY[name].pdf(xs), rtol=1e-9, atol=1e-15
    )


@pytest.mark.parametrize("name", NAMES)
def test_moments_are_scipys_and_the_density_integrates_to_one(name):
    spec = SOURCES[name]
    mean, var, skew, kurt = SCIPY[name].stats(moments="mvsk")
    assert spec.mean == pytest.approx(float(mean), rel=1e-12)
    assert spec.sd == pytest.approx(math.sqrt(float(var)), rel=1e-12)
    assert spec.skewness == pytest.approx(float(skew), rel=1e-9)
    assert spec.kurtosis == pytest.approx(float(kurt), rel=1e-9)
    assert spec.skewness > 0.5  # skewed, as the lesson says
    total, _ = integrate.quad(lambda x: float(spec.pdf(np.array([x]))[0]), 0, np.inf)
    assert total == pytest.approx(1.0, abs=1e-7)
    assert SCIPY[name].cdf(spec.x_hi) > 0.99  # the window holds the bulk


# -- the draws and their means ---------------------------------------------------------


def test_draws_are_seeded_and_shaped():
    a = draw_samples("exponential", 10, 200, seed=3)
    assert a.shape == (200, 10)
    np.testing.assert_array_equal(a, draw_samples("exponential", 10, 200, seed=3))
    assert not np.array_equal(a, draw_samples("exponential", 10, 200, seed=4))
    np.testing.assert_allclose(sample_means(a), a.mean(axis=1))
    average, spread = mean_stats(sample_means(a))
    assert average == pytest.approx(np.mean(a))
    assert spread == pytest.approx(np.std(a.mean(axis=1), ddof=1))


def spread_interval(name: str, n: int, samples: int) -> tuple[float, float]:
    """Where the sd of ``samples`` means of ``n`` draws falls, except with chance 2 ALPHA.

    ``(N - 1) s^2 / sigma_m^2`` is chi-square with ``N - 1`` degrees of freedom for
    normal data. The means have excess kurtosis ``kappa / n``, which widens the
    spread of ``s^2`` to ``sigma_m^4 (2 / (N - 1) + kappa / (n N))``; a chi-square with
    the degrees of freedom that match this variance gives the interval.
    """
    se = standard_error(name, n)
    kappa = SOURCES[name].kurtosis / n
    df = 2.0 / (2.0 / (samples - 1) + kappa / samples)
    low = stats.chi2.ppf(ALPHA, df) / df
    high = stats.chi2.isf(ALPHA, df) / df
    return se * math.sqrt(low), se * math.sqrt(high)


def check_means(name: str, n: int, samples: int, seed: int) -> None:
    means = sample_means(draw_samples(name, n, samples, seed))
    average, spread = mean_stats(means)
    low, high = spread_interval(name, n, samples)
    assert low <= spread <= high, (spread, low, high)
    error = standard_error(name, n) / math.sqrt(samples)
    assert abs(average - SOURCES[name].mean) <= 5.0 * error


def test_the_default_means_have_the_predicted_centre_and_spread():
    check_means("exponential", 10, 2000, 0)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(NAMES),
    st.integers(2, 30),
    st.integers(100, 3000),
    st.integers(0, 2**32 - 1),
)
def test_means_have_spread_sigma_over_root_n_for_any_seed(name, n, samples, seed):
    check_means(name, n, samples, seed)


@pytest.mark.parametrize("n", [2, 5, 10, 30])
def test_lopsidedness_fades_like_one_over_root_n(n):
    # the mean of n exponentials is gamma(n) / n; of n gamma(2)s, gamma(2 n) / n
    assert means_skewness("exponential", n) == pytest.approx(
        float(stats.gamma(n).stats(moments="s"))
    )
    assert means_skewness("gamma", n) == pytest.approx(
        float(stats.gamma(2 * n).stats(moments="s"))
    )
    measured = stats.skew(sample_means(draw_samples("lognormal", n, 20000, 2)))
    assert measured == pytest.approx(means_skewness("lognormal", n), abs=0.15)


def test_spread_shrinks_like_one_over_root_n():
    wide = mean_stats(sample_means(draw_samples("gamma", 4, 4000, 1)))[1]
    narrow = mean_stats(sample_means(draw_samples("gamma", 16, 4000, 1)))[1]
    assert wide / narrow == pytest.approx(2.0, rel=0.1)


@given(st.floats(-5, 8), st.floats(0.05, 2))
def test_normal_density_is_scipys(x, sd):
    assert normal_pdf(x, 1.0, sd) == pytest.approx(stats.norm.pdf(x, 1.0, sd))


# -- windows, bins and the fill ------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(NAMES), st.integers(2, 30), st.integers(0, 1000))
def test_windows_hold_everything_drawn(name, n, seed):
    draws = draw_samples(name, n, 300, seed)
    means = sample_means(draws)
    lo, hi, step = window(name, n, draws)
    assert lo <= means.min() and means.max() <= hi
    assert lo <= 0 and draws[:SHOWN].max() <= hi
    assert (hi - lo) / step <= 10
    se = standard_error(name, n)
    edges = mean_bin_edges(SOURCES[name].mean, se, 300, lo, hi)
    assert edges[0] <= lo and edges[-1] >= hi
    widths = np.diff(edges)
    np.testing.assert_allclose(widths, widths[0])
    centres = (edges[:-1] + edges[1:]) / 2
    assert np.min(np.abs(centres - SOURCES[name].mean)) < 1e-9 * max(1, hi)
    assert histogram(means, edges).sum() == len(means)
    z_lo, z_hi, _ = zoom_window(SOURCES[name].mean, se, means, widths[0])
    assert z_lo <= means.min() - widths[0] and means.max() + widths[0] <= z_hi


@given(st.integers(1, 50), st.integers(1, 10000), st.floats(0, 1), st.floats(0, 1))
def test_the_fill_grows_from_the_shown_samples_to_all(shown, total, t1, t2):
    t1, t2 = sorted((t1, t2))
    assert count_at(1.0, shown, total) == total
    if total > shown:
        assert count_at(0.0, shown, total) == shown
        assert count_at(t1, shown, total) <= count_at(t2, shown, total)
        rate = fill_rate(shown, total)
        assert rate(0.0) == pytest.approx(0.0, abs=1e-12)
        assert rate(1.0) == pytest.approx(1.0)
        value = shown + (total - shown) * rate(t1)
        assert round(value) == count_at(t1, shown, total)


# -- the scene -----------------------------------------------------------------------

OTHER = {"source": "gamma", "n": 4, "samples": 600, "seed": 7}


@pytest.fixture(scope="module", params=[{}, OTHER], ids=["defaults", "other"])
def scene(request, course):
    return construct_only(course.get("central-limit-theorem"), request.param)


def beat_with(scene, words):
    (beat,) = [b for b in scene.timeline.beats if words in b.text]
    return beat


def computed(scene):
    a = scene.args
    means = sample_means(draw_samples(a.source, a.n, a.samples, a.seed))
    return SOURCES[a.source], means, standard_error(a.source, a.n)


def test_the_source_on_screen_is_scipys(scene):
    spec = SOURCES[scene.args.source]
    mean, var = SCIPY[scene.args.source].stats(moments="mv")
    shown = beat_with(scene, "Start with a lopsided").shown
    assert spec.tex in shown
    assert rf"\mu = {fmt(float(mean), DIGITS)}" in shown
    assert rf"\sigma = {fmt(math.sqrt(float(var)), DIGITS)}" in shown
    total = scene.args.n * scene.args.samples
    assert f"{total} draws" in beat_with(scene, "Draw").shown


def test_the_means_on_screen_are_the_computed_ones(scene):
    spec, means, se = computed(scene)
    first = beat_with(scene, "This sample's mean").shown
    assert rf"\bar{{x}}_1 = {fmt(means[0], DIGITS)}" in first
    assert f"{scene.args.samples}" in beat_with(scene, "Keep going").shown
    predicted = [s for s in beat_with(scene, "Zoom in").shown if "sqrt{n}" in s]
    assert predicted == [
        rf"\sigma / \sqrt{{n}} = {fmt(spec.sd, DIGITS)} / \sqrt{{{scene.args.n}}} "
        f"= {fmt(se, DIGITS)}"
    ]
    average, spread = mean_stats(means)
    measured = beat_with(scene, "agree").shown
    assert rf"\text{{sd of means}} = {fmt(spread, DIGITS)}" in measured
    assert rf"\text{{mean of means}} = {fmt(average, DIGITS)}" in measured
    assert fmt(spread, DIGITS) in beat_with(scene, "agree").text
    assert beat_with(scene, "Zoom in").key


def test_no_beat_has_layout_problems(scene):
    assert not scene.timeline.warnings
    assert all(not beat.warnings for beat in scene.timeline.beats)


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ({"source": "uniform"}, "source"),
        ({"source": 3}, "source"),
        ({"n": 1}, "n"),
        ({"n": 31}, "n"),
        ({"samples": 99}, "samples"),
        ({"samples": 10001}, "samples"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_unusable_parameters_fail_with_one_line(given, name):
    with pytest.raises(ParamError) as error:
        CentralLimitTheorem.resolve_args(given, lesson="central-limit-theorem")
    message = str(error.value)
    assert message.startswith(f"central-limit-theorem: parameter '{name}'")
    assert "expected" in message and "\n" not in message


# -- growing n, the minibatch beat, the spoken forms -----------------------------------


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(list(SOURCES)), st.integers(0, 2**32 - 1))
def test_measured_spreads_follow_sigma_over_root_n(name, seed):
    sizes = GROWTH + BATCHES
    spreads = measured_spreads(name, sizes, 2000, seed)
    for n, spread in zip(sizes, spreads, strict=True):
        # the sd of 2000 means is within a few percent of sigma / sqrt(n)
        assert spread == pytest.approx(standard_error(name, n), rel=0.15)


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_density_of_the_means_is_the_share_in_the_window(name):
    edges = np.linspace(0.0, SOURCES[name].x_hi, 56)
    for n in GROWTH:
        density = means_density(name, n, 2000, 0, edges)
        means = sample_means(draw_samples(name, n, 2000, 0))
        inside = np.mean((means >= edges[0]) & (means <= edges[-1]))
        assert float(np.sum(density * np.diff(edges))) == pytest.approx(inside)


def test_lopsidedness_falls_along_the_panels():
    skews = [means_skewness("exponential", n) for n in GROWTH]
    assert skews == sorted(skews, reverse=True)
    assert [fmt(s, 2) for s in skews] == ["2", "1.41", "0.89", "0.37"]


def test_the_theorem_is_shown_as_n_grows_and_says_its_condition(scene):
    a = scene.args
    beat = beat_with(scene, "The theorem is about n growing")
    assert beat.chapter == "Growing n"
    skews = [means_skewness(a.source, n) for n in GROWTH]
    assert f"from {fmt(skews[0], 2)} to {fmt(skews[-1], 2)}." in beat.text
    for n, skew in zip(GROWTH, skews, strict=True):
        assert f"n = {n}" in beat.shown
        assert rf"\text{{skew}} = {fmt(skew, 2)}" in beat.shown
    condition = beat_with(scene, "finite variance")
    assert "independent draws from a source with a finite variance" in condition.text


def test_the_minibatch_beat_and_the_recap(scene):
    beat = beat_with(scene, "a minibatch gradient is the average")
    assert beat.chapter == "In machine learning"
    (recap,) = [b for b in scene.timeline.beats if b.chapter == "Recap"]
    assert recap.text.startswith("Means of n draws")
    assert scene.timeline.beats[-1] is recap


def test_symbols_are_spoken_as_words(scene):
    for beat in scene.timeline.beats:
        spoken = beat.say or beat.text
        for symbol in ("σ", "μ", "√", "/"):
            assert symbol not in spoken, (beat.index, spoken)
        # no run of 3-decimal numbers in the speech
        assert len(re.findall(r"\d\.\d{3}", spoken)) == 0, spoken
