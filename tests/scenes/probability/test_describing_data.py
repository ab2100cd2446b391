"""The describing-data lesson: its statistics against numpy on the same real data."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.datasets import load_iris, load_wine

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt
from scenes.probability.describing_data import (
    PAIRS,
    DescribingData,
    balance,
    correlation,
    covariance,
    dot_stacks,
    load_pair,
    mean,
    redundancy_words,
    standardise,
    std,
    variance,
)

samples = arrays(
    np.float64, st.integers(2, 60), elements=st.floats(-1e3, 1e3, allow_nan=False)
)


def _independent(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The pair's columns, loaded here straight from scikit-learn."""
    pair = PAIRS[name]
    bunch = {"iris": load_iris, "wine": load_wine}[pair.dataset]()
    names = list(bunch.feature_names)
    return bunch.data[:, names.index(pair.x)], bunch.data[:, names.index(pair.y)]


# -- the math -----------------------------------------------------------------------


@given(samples)
def test_statistics_match_numpy(x):
    assume(np.ptp(x) > 1e-3)
    assert mean(x) == pytest.approx(float(np.mean(x)), abs=1e-9)
    assert variance(x) == pytest.approx(float(np.var(x)), rel=1e-9, abs=1e-9)
    assert std(x) == pytest.approx(float(np.std(x)), rel=1e-9, abs=1e-9)
    below, above = balance(x)
    assert below + above == pytest.approx(0, abs=1e-9 * max(1, np.abs(x).sum()))
    z = standardise(x)
    assert float(np.mean(z)) == pytest.approx(0, abs=1e-9)
    assert float(np.std(z)) == pytest.approx(1, abs=1e-9)


@given(samples, st.data())
def test_covariance_and_correlation_match_numpy(x, data):
    y = data.draw(arrays(np.float64, len(x), elements=st.floats(-1e3, 1e3)))
    assume(np.ptp(x) > 1e-2 and np.ptp(y) > 1e-2)
    assert covariance(x, y) == pytest.approx(
        float(np.cov(x, y, bias=True)[0, 1]), rel=1e-7, abs=1e-7
    )
    r = correlation(x, y)
    assert -1 <= r <= 1
    assert r == pytest.approx(float(np.corrcoef(x, y)[0, 1]), abs=1e-9)
    assert covariance(x, y) == pytest.approx(r * std(x) * std(y), rel=1e-7, abs=1e-7)


def test_a_constant_feature_cannot_be_standardised():
    with pytest.raises(ZeroDivisionError, match="no spread"):
        standardise(np.ones(5))


@given(samples, st.sampled_from([0.05, 0.1, 0.5]))
def test_dot_stacks_count_each_bin_once(x, width):
    centres, levels = dot_stacks(x, width)
    assert np.all(np.abs(centres - x) <= width / 2 + 1e-6 * max(1, np.abs(x).max()))
    for c in np.unique(centres):
        assert sorted(levels[centres == c]) == list(range(int(np.sum(centres == c))))


@pytest.mark.parametrize("name", list(PAIRS))
def test_the_lesson_reads_the_bundled_data(name):
    x, y = load_pair(name)
    want_x, want_y = _independent(name)
    assert np.array_equal(x, want_x) and np.array_equal(y, want_y)
    with pytest.raises(ValueError):
        x[0] = 0  # read-only: the cached copy cannot be changed


@pytest.mark.parametrize(
    ("r", "words"),
    [(0.96, "learns little more"), (-0.85, "learns little more"),
     (-0.12, "information of its own"), (0.5, "overlap in part")],
)  # fmt: skip
def test_redundancy_words_follow_the_correlation(r, words):
    assert words in redundancy_words(r)


# -- what the lesson shows ------------------------------------------------------------


@pytest.fixture(scope="module", params=list(PAIRS))
def scene(course, request):
    return construct_only(course.get("describing-data"), {"pair": request.param})


def test_screen_numbers_equal_numpy_on_the_same_data(scene):
    x, y = _independent(scene.args.pair)
    shown = [s for beat in scene.timeline.beats for s in beat.shown]
    joined = " | ".join(shown)
    assert f"= {fmt(np.mean(x), 2)}" in joined
    assert f"= {fmt(np.var(x), 2)}" in joined
    assert rf"\sigma = {fmt(np.std(x), 2)}" in joined
    r = np.corrcoef(x, y)[0, 1]
    assert f"z_y = {fmt(r, 2)}" in joined
    assert f"= {fmt(np.cov(x, y, bias=True)[0, 1], 2)}" in joined
    d = x - np.mean(x)
    assert fmt(d[d < 0].sum(), 1) in joined and fmt(d[d > 0].sum(), 1) in joined
    assert not scene.timeline.warnings


def test_narration_says_the_computed_words(scene):
    x, y = _independent(scene.args.pair)
    r = np.corrcoef(x, y)[0, 1]
    texts = " ".join(b.text for b in scene.timeline.beats)
    assert redundancy_words(r) in texts
    assert f"r = {fmt(r, 2)}" in texts
    assert f"Here are {len(x)} " in texts
    assert sum(b.key for b in scene.timeline.beats) == 1


def test_unknown_pair_fails_with_one_line():
    with pytest.raises(ParamError) as error:
        DescribingData.resolve_args({"pair": "titanic"}, lesson="describing-data")
    message = str(error.value)
    assert message.startswith("describing-data: parameter 'pair'")
    assert "iris-petals" in message and "\n" not in message
