"""The confidence-intervals lesson: its math alone, then what it shows."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from manim import Line
from scipy import stats

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt
from scenes.probability.confidence_intervals import (
    LEVEL_MAX,
    LEVEL_MIN,
    MAX_N,
    MAX_SAMPLES,
    MIN_SAMPLES,
    MU,
    SIGMA,
    ConfidenceIntervals,
    accuracy_interval,
    comparison_level,
    count_progress,
    coverage_words,
    covers,
    draw_samples,
    grow_progress,
    percent,
    population_window,
    sample_means,
    standard_error,
    z_critical,
    z_interval,
    z_intervals,
    zoom_window,
)
from scenes.style import GREEN, RED

levels = st.floats(LEVEL_MIN, LEVEL_MAX)
sizes = st.integers(1, MAX_N)
means = st.floats(-1e3, 1e3)
sigmas = st.floats(0.01, 100)


# -- pure math ---------------------------------------------------------------------


@given(means, sigmas, sizes, levels)
def test_the_interval_is_scipys_z_interval(mean, sigma, n, level):
    lo, hi = z_interval(mean, sigma, n, level)
    want = stats.norm.interval(level, loc=mean, scale=sigma / math.sqrt(n))
    assert lo == pytest.approx(want[0], rel=1e-9, abs=1e-9)
    assert hi == pytest.approx(want[1], rel=1e-9, abs=1e-9)
    assert z_critical(level) == pytest.approx(stats.norm.ppf(0.5 + level / 2), 1e-9)
    assert standard_error(sigma, n) == pytest.approx(sigma / math.sqrt(n))


@given(st.lists(means, min_size=1, max_size=30), sigmas, sizes, levels)
def test_intervals_row_by_row(ms, sigma, n, level):
    rows = z_intervals(np.array(ms), sigma, n, level)
    for m, (lo, hi) in zip(ms, rows, strict=True):
        assert (lo, hi) == pytest.approx(z_interval(m, sigma, n, level))
        assert lo < m < hi


@given(sizes, st.integers(MIN_SAMPLES, MAX_SAMPLES), levels, st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_coverage_counts_the_intervals_that_contain_the_mean(n, count, level, seed):
    samples = draw_samples(n, count, seed)
    assert samples.shape == (count, n)
    ms = sample_means(samples)
    rows = z_intervals(ms, SIGMA, n, level)
    hits = covers(rows, MU)
    by_hand = sum(1 for lo, hi in rows if lo <= MU <= hi)
    assert int(hits.sum()) == by_hand
    # an interval covers mu exactly when its mean is within the margin of mu
    margin = z_critical(level) * standard_error(SIGMA, n)
    clear = np.abs(np.abs(ms - MU) - margin) > 1e-9  # not on the boundary
    assert np.array_equal(hits[clear], (np.abs(ms - MU) <= margin)[clear])
    # a wider level covers everything a narrower one does
    wider = covers(z_intervals(ms, SIGMA, n, max(level, 0.99)), MU)
    assert np.all(wider[hits])


def test_samples_are_seeded():
    assert np.array_equal(draw_samples(5, 7, 3), draw_samples(5, 7, 3))
    assert not np.array_equal(draw_samples(5, 7, 3), draw_samples(5, 7, 4))


@pytest.mark.parametrize(("n", "level"), [(1, 0.5), (25, 0.95), (100, 0.8)])
def test_in_the_long_run_the_level_is_the_coverage(n, level):
    trials = 20_000
    hits = covers(
        z_intervals(sample_means(draw_samples(n, trials, 1)), SIGMA, n, level), MU
    )
    low, high = stats.binom.interval(1 - 1e-6, trials, level)
    assert low <= hits.sum() <= high


def test_the_default_story():
    ms = sample_means(draw_samples(25, 20, 15))
    hits = covers(z_intervals(ms, SIGMA, 25, 0.95), MU)
    assert int(hits.sum()) == 19 and hits[0]
    assert fmt(z_critical(0.95)) == "1.96"
    assert comparison_level(0.95) == 0.8 and comparison_level(0.5) == 0.99
    assert percent(0.95) == "95" and percent(0.999) == "99.9"


@given(st.floats(0, 1), st.integers(1, 60))
def test_bars_grow_in_order_and_all_finish(alpha, count):
    progress = grow_progress(alpha, count)
    assert np.all((progress >= 0) & (progress <= 1))
    assert np.all(np.diff(progress) <= 1e-12)  # lower bars are ahead
    assert np.all(grow_progress(1.0, count) == 1)
    assert np.all(grow_progress(0.9, count) == 1)  # finished before the last frame
    assert np.all(grow_progress(0.0, count)[1:] == 0)


@given(st.lists(st.booleans(), min_size=1, max_size=60), st.floats(0, 1))
def test_the_running_count_ends_at_the_coverage(hits, alpha):
    hits = np.array(hits)
    covered, drawn = count_progress(alpha, hits)
    assert 0 <= covered <= drawn <= len(hits)
    assert count_progress(1.0, hits) == (int(hits.sum()), len(hits))
    assert count_progress(0.9, hits) == (int(hits.sum()), len(hits))
    later = count_progress(min(1.0, alpha + 0.05), hits)
    assert later[0] >= covered and later[1] >= drawn


@given(sizes, st.integers(MIN_SAMPLES, MAX_SAMPLES), levels, st.integers(0, 1000))
@settings(max_examples=40, deadline=None)
def test_windows_hold_everything_drawn(n, count, level, seed):
    samples = draw_samples(n, count, seed)
    ms = sample_means(samples)
    rows = z_intervals(ms, SIGMA, n, level)
    other = z_intervals(ms, SIGMA, n, comparison_level(level))
    lo, hi, step = zoom_window([rows, other])
    assert lo <= rows.min() and other.min() >= lo
    assert hi >= rows.max() and other.max() <= hi
    assert lo < MU < hi and (hi - lo) / step <= 6 + 1e-9
    assert (MU - lo) == pytest.approx(hi - MU)
    plo, phi, pstep = population_window(tuple(rows[0]), samples[0])
    assert plo <= min(samples[0].min(), rows[0][0], MU - 3.5 * SIGMA)
    assert phi >= max(samples[0].max(), rows[0][1], MU + 3.5 * SIGMA)
    assert (phi - plo) / pstep <= 10 + 1e-9  # at most 8 steps, rounded out


# -- parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_args", "name"),
    [
        ({"level": 0}, "level"),
        ({"level": 1}, "level"),
        ({"level": 1.5}, "level"),
        ({"level": 0.99999}, "level"),
        ({"level": "high"}, "level"),
        ({"n": 0}, "n"),
        ({"n": MAX_N + 1}, "n"),
        ({"n": 2.5}, "n"),
        ({"samples": MIN_SAMPLES - 1}, "samples"),
        ({"samples": MAX_SAMPLES + 1}, "samples"),
        ({"seed": -1}, "seed"),
    ],
)
def test_invalid_parameters_fail_with_one_line(given_args, name):
    with pytest.raises(ParamError) as caught:
        ConfidenceIntervals.resolve_args(given_args, lesson="confidence-intervals")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"confidence-intervals: parameter '{name}'")
    assert caught.value.name == name


# -- what the scene shows (construct only, no video) -----------------------------------

DEFAULT: dict = {}
CUSTOM = {"n": 9, "samples": 40, "level": 0.8, "seed": 7}


@pytest.fixture(scope="module")
def scenes():
    entry = load_course().get("confidence-intervals")
    return {
        "default": construct_only(entry, DEFAULT),
        "custom": construct_only(entry, CUSTOM),
    }


def _beat(scene, opening):
    (beat,) = [b for b in scene.timeline.beats if b.text.startswith(opening)]
    return beat


def test_the_registry_names_this_lesson():
    assert load_course().get("confidence-intervals").load() is ConfidenceIntervals


@pytest.mark.parametrize("which", ["default", "custom"])
def test_the_numbers_on_screen_are_the_math(scenes, which):
    scene = scenes[which]
    n, count, level, seed = (
        scene.args.n,
        scene.args.samples,
        scene.args.level,
        scene.args.seed,
    )
    ms = sample_means(draw_samples(n, count, seed))
    rows = z_intervals(ms, SIGMA, n, level)
    hits = covers(rows, MU)
    z = z_critical(level)

    sample = _beat(scene, "Draw a sample")
    assert rf"\bar{{x}} = {fmt(ms[0])}" in sample.shown
    assert f"n = {n}" in sample.shown

    interval = _beat(scene, f"A {percent(level)}% confidence interval")
    lo, hi = rows[0]
    assert rf"= [{fmt(lo)},\ {fmt(hi)}]" in interval.shown
    assert (
        rf"{fmt(ms[0])} \pm {fmt(z)} \times {{{fmt(SIGMA)} \over \sqrt{{{n}}}}}"
        in interval.shown
    )
    assert f"{percent(level)}% z-interval (σ known)" in interval.shown
    assert f"from {fmt(lo)} to {fmt(hi)}" in interval.text

    # the coverage count is the number of intervals that contain mu
    (misses,) = [b for b in scene.timeline.beats if b.key]
    shown = misses.shown
    at = shown.index(r"\text{of}")
    assert shown[at - 1] == str(int(hits.sum()))
    assert shown[at + 1] == str(count)
    assert rf"= {percent(hits.sum() / count)}\%" in shown
    assert f"{int(hits.sum())} of {count} cover it" in misses.text or (
        hits.all() and f"all {count} cover mu" in misses.text
    )

    # after the comparison level, and the bars drawn at the end
    other = comparison_level(level)
    other_hits = covers(z_intervals(ms, SIGMA, n, other), MU)
    beat = _beat(scene, f"Ask for {percent(other)}%")
    at = beat.shown.index(r"\text{of}")
    assert beat.shown[at - 1] == str(int(other_hits.sum()))
    assert rf"\bar{{x}} \pm {fmt(z_critical(other))} {{\sigma \over \sqrt{{n}}}}" in (
        beat.shown
    )
    assert f"Now {int(other_hits.sum())} of {count} cover mu." in beat.text


@pytest.mark.parametrize("which", ["default", "custom"])
def test_the_bars_are_the_intervals(scenes, which):
    scene = scenes[which]
    n, count, level, seed = (
        scene.args.n,
        scene.args.samples,
        scene.args.level,
        scene.args.seed,
    )
    rows = z_intervals(sample_means(draw_samples(n, count, seed)), SIGMA, n, level)
    hits = covers(rows, MU)
    assert len(scene.bars) == count
    greens = 0
    for bar, (lo, hi), hit in zip(scene.bars, rows, hits, strict=True):
        assert isinstance(bar, Line)
        start = scene.axes.p2c(bar.get_start())[0]
        end = scene.axes.p2c(bar.get_end())[0]
        assert start == pytest.approx(lo, abs=1e-6)
        assert end == pytest.approx(hi, abs=1e-6)
        assert bar.get_color().to_hex().upper() == (GREEN if hit else RED).upper()
        greens += bar.get_color().to_hex().upper() == GREEN.upper()
    assert greens == int(hits.sum())
    # every bar is legible: stacked at least a stroke apart
    ys = [bar.get_start()[1] for bar in scene.bars]
    assert min(np.diff(ys)) > 0.1


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


# -- what one run shows, in words; the accuracy beat; the recap ------------------------


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, MAX_N),
    count=st.integers(MIN_SAMPLES, MAX_SAMPLES),
    level=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_words_about_one_run_match_that_run(n, count, level, seed):
    means = sample_means(draw_samples(n, count, seed))
    hits = int(np.sum(covers(z_intervals(means, SIGMA, n, level), MU)))
    said, verdict = coverage_words(hits, count, level)
    misses = count - hits
    if misses == 0:
        assert "none of the" in said
    elif misses == 1:
        assert said.startswith("One interval")
    else:
        assert said.startswith(f"{misses} intervals")
    if misses:
        assert f"{hits} of {count} cover it." in said
    assert ("exactly" in verdict) == (percent(hits / count) == percent(level))
    if "exactly" not in verdict:
        assert f"That is {percent(hits / count)}%" in verdict


def test_the_default_run_misses_once():
    # seed 15: one of 20 intervals misses, so "exactly the 95%" is true of this run
    said, verdict = coverage_words(19, 20, 0.95)
    assert said.startswith("One interval") and "exactly the 95%" in verdict


@given(st.integers(1, 2000), st.integers(0, 2000), st.sampled_from([0.8, 0.95]))
def test_the_accuracy_interval_is_the_normal_approximation(total, correct, level):
    correct = min(correct, total)
    lo, hi = accuracy_interval(correct, total, level)
    p = correct / total
    half = stats.norm.ppf(0.5 + level / 2) * math.sqrt(p * (1 - p) / total)
    assert lo == pytest.approx(max(0.0, p - half)) and hi == pytest.approx(
        min(1.0, p + half)
    )
    assert 0 <= lo <= p <= hi <= 1


def test_sixteen_times_the_data_is_a_quarter_of_the_width():
    lo1, hi1 = accuracy_interval(90, 100, 0.95)
    lo2, hi2 = accuracy_interval(1440, 1600, 0.95)
    assert (hi2 - lo2) == pytest.approx((hi1 - lo1) / 4)


@pytest.mark.parametrize("which", ["default", "custom"])
def test_the_accuracy_beat_and_the_recap_over_the_intervals(scenes, which):
    scene = scenes[which]
    level = ConfidenceIntervals.resolve_args(
        CUSTOM if which == "custom" else DEFAULT
    ).level
    beat = _beat(scene, "In machine learning, a model's test accuracy")
    assert beat.chapter == "In machine learning"
    lo, hi = accuracy_interval(90, 100, level)
    assert f"from {percent(lo)}% to {percent(hi)}%." in beat.text
    (recap,) = [b for b in scene.timeline.beats if b.chapter == "Recap"]
    assert recap.text.startswith(f"About {percent(level)}% of intervals")
    assert not any(b.text.startswith("To remember") for b in scene.timeline.beats)
