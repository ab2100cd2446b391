"""The linear-regression lesson: its math on its own, then what the scene shows."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.linear_regression import (
    BLOWUP,
    STEPS,
    X_SPAN,
    LinearRegression,
    at_step,
    big,
    clip_segment,
    diabetes_data,
    gradient_descent,
    gradient_terms,
    hidden_words,
    least_squares,
    loss_window,
    make_data,
    mse,
    mse_gradient,
    nice_range,
    outcome,
    rate_words,
    residuals,
    stable_rate_limit,
)
from scenes.kit.numbers import fmt

SLUG = "linear-regression"
DEFAULT_RATE = LinearRegression.params["learning_rate"].default

seeds = st.integers(0, 2**32 - 1)
counts = st.integers(3, 40)
slopes = st.floats(-3, 3, allow_nan=False)
noises = st.floats(0, 3, allow_nan=False)


@st.composite
def datasets(draw, min_points: int = 3):
    """Data the lesson can be asked for, with something to fit."""
    seed, n = draw(seeds), draw(st.integers(min_points, 40))
    slope, intercept, noise = draw(slopes), draw(slopes), draw(noises)
    x, y = make_data(seed, n, slope, intercept, noise)
    assume(np.mean(y**2) > 1e-9)  # something to fit, far from underflow
    return x, y


def two(x: float) -> str:
    """A DecimalNumber with two places, as the scene's screen text reports it."""
    return f"{round(float(x), 2) + 0.0:.2f}"


# -- the data and the loss ------------------------------------------------------------


@given(seeds, counts, slopes, slopes, noises)
def test_data_is_seeded_spread_and_sorted(seed, n, slope, intercept, noise):
    x, y = make_data(seed, n, slope, intercept, noise)
    x2, y2 = make_data(seed, n, slope, intercept, noise)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    assert x.shape == y.shape == (n,)
    assert np.all(np.diff(x) > 0)
    assert X_SPAN[0] <= x.min() and x.max() <= X_SPAN[1]
    # one point in each of n equal slices of the span
    slices = np.floor((x - X_SPAN[0]) / (X_SPAN[1] - X_SPAN[0]) * n)
    assert np.array_equal(slices, np.arange(n))


def test_noise_free_points_lie_on_the_hidden_line():
    x, y = make_data(7, 12, -1.25, 0.5, 0.0)
    np.testing.assert_allclose(y, -1.25 * x + 0.5)
    assert mse(-1.25, 0.5, x, y) == pytest.approx(0.0, abs=1e-24)


@settings(max_examples=60)
@given(datasets(), slopes, slopes)
def test_the_gradient_is_the_derivative_of_the_loss(data, w, b):
    x, y = data
    dw, db = mse_gradient(w, b, x, y)
    eps = 1e-6
    num_w = (mse(w + eps, b, x, y) - mse(w - eps, b, x, y)) / (2 * eps)
    num_b = (mse(w, b + eps, x, y) - mse(w, b - eps, x, y)) / (2 * eps)
    scale = 1 + abs(mse(w, b, x, y))
    assert dw == pytest.approx(num_w, abs=1e-6 * scale)
    assert db == pytest.approx(num_b, abs=1e-6 * scale)
    assert mse(w, b, x, y) == pytest.approx(np.mean(residuals(w, b, x, y) ** 2))


@settings(max_examples=60)
@given(datasets(), slopes, slopes)
def test_each_points_share_of_the_gradient_is_its_nudge(data, w, b):
    """The bars drawn: (2/n) sum r_i and (2/n) sum r_i x_i are the gradient, and
    nudging b (or w) by h changes the loss by (2/n) sum r_i h (or r_i x_i h) to
    first order."""
    x, y = data
    r, rx = gradient_terms(w, b, x, y)
    n = len(x)
    np.testing.assert_allclose(r, w * x + b - y)
    np.testing.assert_allclose(rx, r * x)
    dw, db = mse_gradient(w, b, x, y)
    scale = 1 + float(np.mean(r**2))
    assert 2 / n * r.sum() == pytest.approx(db, abs=1e-9 * scale)
    assert 2 / n * rx.sum() == pytest.approx(dw, abs=1e-9 * scale)
    h = 1e-5
    base = mse(w, b, x, y)
    # the change is first order plus the exact h^2 term (mean of x^2 for w)
    assert mse(w, b + h, x, y) - base == pytest.approx(
        2 / n * r.sum() * h + h * h, abs=1e-9 * scale
    )
    assert mse(w + h, b, x, y) - base == pytest.approx(
        2 / n * rx.sum() * h + h * h * float(np.mean(x * x)), abs=1e-9 * scale
    )


@given(seeds, counts, slopes, slopes, noises)
def test_fresh_points_are_a_new_draw_from_the_same_line(
    seed, n, slope, intercept, noise
):
    x, _y = make_data(seed, n, slope, intercept, noise)
    xf, yf = make_data(seed, n, slope, intercept, noise, stream=1)
    assert xf.shape == (n,) and np.all(np.diff(xf) > 0)
    assert not np.array_equal(x, xf)
    if noise == 0:
        np.testing.assert_allclose(yf, slope * xf + intercept)


@settings(max_examples=60)
@given(datasets(), st.floats(0.01, 3.0))
def test_the_rate_words_match_what_descent_does(data, factor):
    """ "below it, so it settles" exactly when descent never climbs; otherwise
    the words say it never settles, and the run is reported diverged."""
    x, y = data
    limit = stable_rate_limit(x)
    rate = min(1.0, factor * limit)
    assume(abs(rate - limit) > 0.02 * limit)
    shown, said = rate_words(rate, limit)
    run = gradient_descent(x, y, rate)
    if rate < limit:
        assert "is below it" in shown and "settles" in said and "never" not in said
        assert not run.diverged
    else:
        assert "is not below it" in shown and "never settles" in said
        assert run.diverged


@given(seeds, counts, slopes, slopes, noises)
def test_the_hidden_line_words_match_the_fit(seed, n, slope, intercept, noise):
    x, y = make_data(seed, n, slope, intercept, noise)
    fit = least_squares(x, y)
    words = hidden_words(fit, slope, intercept)
    same = abs(fit[0] - slope) < 0.005 and abs(fit[1] - intercept) < 0.005
    assert ("matches" in words) == same
    assert ("off the hidden line" in words) == (not same)
    if noise == 0:
        assert "matches" in words


@given(datasets(min_points=3))
def test_least_squares_is_numpys_and_zeroes_the_gradient(data):
    x, y = data
    w, b = least_squares(x, y)
    expected = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]
    np.testing.assert_allclose([w, b], expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(mse_gradient(w, b, x, y), [0.0, 0.0], atol=1e-9)


# -- gradient descent -----------------------------------------------------------------


@settings(max_examples=80)
@given(datasets())
def test_descent_at_the_default_rate_reaches_least_squares_and_never_climbs(data):
    x, y = data
    run = gradient_descent(x, y, DEFAULT_RATE)
    assert not run.diverged and run.steps == STEPS
    w, b = least_squares(x, y)
    expected = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]
    np.testing.assert_allclose([run.w[-1], run.b[-1]], expected, atol=2e-3)
    np.testing.assert_allclose([w, b], expected, atol=1e-9)
    steps = np.diff(run.loss)
    assert np.all(steps <= 1e-12 * (1 + run.loss[:-1]))
    assert run.loss[-1] == pytest.approx(mse(w, b, x, y), abs=1e-4)


@given(datasets())
def test_the_default_rate_is_always_stable(data):
    x, _ = data
    assert DEFAULT_RATE < stable_rate_limit(x)


@settings(max_examples=80)
@given(datasets(), st.floats(1.1, 3.0))
def test_a_rate_past_the_limit_is_reported_as_diverged_with_finite_numbers(
    data, factor
):
    x, y = data
    rate = min(1.0, factor * stable_rate_limit(x))
    assume(rate > 1.05 * stable_rate_limit(x))
    run = gradient_descent(x, y, rate)
    assert run.diverged
    for values in (run.w, run.b, run.loss):
        assert np.all(np.isfinite(values))
    assert run.loss[-1] > run.loss[0]
    assert run.steps <= STEPS
    if run.steps < STEPS:  # stopped early: it blew past the limit
        assert run.loss[-1] > BLOWUP * run.loss[0]
    assert outcome(run, least_squares(x, y)) == "diverged"


@settings(max_examples=60)
@given(datasets(), st.floats(0.01, 0.98))
def test_a_rate_under_the_limit_never_increases_the_loss(data, factor):
    x, y = data
    run = gradient_descent(x, y, factor * stable_rate_limit(x))
    assert not run.diverged and run.steps == STEPS
    assert np.all(np.diff(run.loss) <= 1e-12 * (1 + run.loss[:-1]))


def test_a_huge_rate_still_gives_only_finite_numbers():
    x, y = make_data(0, 14, 3, 3, 3)
    run = gradient_descent(x, y, 1e6, steps=500)
    assert run.diverged and run.steps < 500
    assert all(np.all(np.isfinite(v)) for v in (run.w, run.b, run.loss))


def test_outcomes_at_the_lessons_settings():
    x, y = make_data(0, 14, 1.5, 1.0, 1.0)
    fit = least_squares(x, y)
    assert outcome(gradient_descent(x, y, 0.1), fit) == "converged"
    assert outcome(gradient_descent(x, y, 0.001), fit) == "unfinished"
    assert outcome(gradient_descent(x, y, 0.6), fit) == "diverged"


@given(datasets(), st.floats(0.001, 1.0), st.floats(0, 1))
def test_at_step_hits_every_step_and_goes_straight_between(data, rate, frac):
    x, y = data
    run = gradient_descent(x, y, rate, steps=6)
    for k in range(run.steps + 1):
        assert at_step(run, k) == (run.w[k], run.b[k])
    assume(run.steps >= 2)
    w, b = at_step(run, 1 + frac)
    assert w == pytest.approx(run.w[1] + frac * (run.w[2] - run.w[1]))
    assert b == pytest.approx(run.b[1] + frac * (run.b[2] - run.b[1]))
    assert at_step(run, 99) == (run.w[-1], run.b[-1])


# -- drawing helpers -------------------------------------------------------------------


@given(
    st.lists(st.floats(-50, 50, allow_nan=False), min_size=1, max_size=40),
)
def test_nice_range_covers_the_values_in_round_steps(values):
    lo, hi, step = nice_range(np.array(values))
    assert lo <= min(values) and max(values) <= hi
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 5, 10))
    assert (hi - lo) / step <= 12
    assert math.isclose(lo / step, round(lo / step), abs_tol=1e-6)


@given(slopes, st.floats(-30, 30), st.floats(-1e4, 1e4))
def test_clip_segment_stays_in_the_box_and_on_the_line(b_lo, w, b):
    box_x, box_y = (-3.5, 3.5), (b_lo - 5, b_lo + 5)
    ends = clip_segment(w, b, box_x, box_y)
    if ends is None:
        xs = np.linspace(*box_x, 201)
        ys = w * xs + b
        assert np.all((ys < box_y[0] + 1e-6) | (ys > box_y[1] - 1e-6))
        return
    for px, py in ends:
        assert box_x[0] - 1e-9 <= px <= box_x[1] + 1e-9
        assert box_y[0] - 1e-6 <= py <= box_y[1] + 1e-6
        assert py == pytest.approx(w * px + b, abs=1e-6)


def test_big_numbers_read_with_separators():
    assert big(0.574) == "0.57"
    assert big(1311.72) == "1,312"
    assert big(-25000.4) == "-25,000"


# -- what the scene shows ---------------------------------------------------------------

NON_DEFAULT = {
    "seed": 3,
    "points": 20,
    "slope": -2,
    "intercept": 0.5,
    "noise": 1.5,
    "learning_rate": 0.2,
}
DIVERGING = {"learning_rate": 0.6}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get(SLUG)
    return {
        "default": construct_only(entry, {}),
        "other": construct_only(entry, NON_DEFAULT),
        "diverging": construct_only(entry, DIVERGING),
        "exact": construct_only(entry, {"noise": 0}),
    }


def beat_shown(scene, starts: str) -> list[str]:
    (beat,) = [b for b in scene.timeline.beats if b.text.startswith(starts)]
    return beat.shown


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a = scene.args
    x, y = make_data(a.seed, a.points, a.slope, a.intercept, a.noise)
    run = gradient_descent(x, y, a.learning_rate)
    lw, lb = least_squares(x, y)
    gw, gb = mse_gradient(0, 0, x, y)
    assert outcome(run, (lw, lb)) == "converged"

    assert two(mse(0, 0, x, y)) in beat_shown(scene, "Square every residual")
    shown = beat_shown(scene, "Nudge w instead")
    assert two(gw) in shown and two(gb) in shown
    r, rx = gradient_terms(0, 0, x, y)
    assert f"the sum of the bars, {fmt(2 / len(x) * r.sum())}." in " ".join(
        b.text for b in scene.timeline.beats
    )
    assert f"residual times x, {fmt(2 / len(x) * rx.sum())}." in " ".join(
        b.text for b in scene.timeline.beats
    )
    eta = fmt(a.learning_rate, 4)
    shown = beat_shown(scene, "One step")
    assert rf"w = 0 - {eta} \times ({fmt(gw)}) = {fmt(run.w[1])}" in shown
    assert rf"b = 0 - {eta} \times ({fmt(gb)}) = {fmt(run.b[1])}" in shown
    for value in (run.w[1], run.b[1], run.loss[1]):
        assert two(value) in shown
    shown = beat_shown(scene, "Keep stepping")
    assert str(STEPS) in shown
    for value in (run.w[-1], run.b[-1], run.loss[-1]):
        assert two(value) in shown
    shown = beat_shown(scene, "Side by side")
    for value in (run.w[-1], run.b[-1], run.loss[-1], lw, lb, mse(lw, lb, x, y)):
        assert two(value) in shown
    assert two(run.w[-1]) == two(lw) and two(run.b[-1]) == two(lb)
    limit = stable_rate_limit(x)
    shown = beat_shown(scene, "Descent")
    assert any(s.endswith(f"< {fmt(limit)}") for s in shown)
    assert f"ours, η = {fmt(a.learning_rate, 4)}, is below it" in shown
    xf, yf = make_data(a.seed, a.points, a.slope, a.intercept, a.noise, stream=1)
    shown = beat_shown(scene, "In machine learning")
    assert two(mse(lw, lb, xf, yf)) in shown and two(mse(lw, lb, x, y)) in shown
    assert not scene.timeline.warnings


@pytest.mark.parametrize("which", ["default", "other", "diverging", "exact"])
def test_ml_beat_and_one_line_recap_over_the_plot(scenes, which):
    beats = scenes[which].timeline.beats
    chapters = [b.chapter for b in beats if b.chapter]
    assert "In machine learning" in chapters and chapters[-1] == "Recap"
    recap = [b for b in beats if b.chapter == "Recap"]
    assert len(recap) == 1 and beats[-1] is recap[0]
    assert not any(
        b.text.startswith(("To remember", "In machine learning:")) for b in beats
    )
    assert sum(b.key for b in beats) == 1


def test_noise_free_data_says_the_fit_matches_the_hidden_line(scenes):
    texts = " ".join(b.text for b in scenes["exact"].timeline.beats)
    assert "matches the hidden line" in texts
    assert "noise kept" not in texts.lower()


def test_the_narration_reads_the_same_numbers(scenes):
    scene = scenes["default"]
    x, y = make_data(0, 14, 1.5, 1.0, 1.0)
    run = gradient_descent(x, y, 0.1)
    texts = " ".join(b.text for b in scene.timeline.beats)
    assert f"it is {fmt(run.loss[0])}." in texts
    assert f"from {fmt(run.loss[0])} to {fmt(run.loss[-1])}" in texts
    assert f"below {fmt(stable_rate_limit(x))}" in texts


def test_a_diverging_rate_is_shown_as_divergence_with_finite_numbers(scenes):
    scene = scenes["diverging"]
    x, y = make_data(0, 14, 1.5, 1.0, 1.0)
    run = gradient_descent(x, y, 0.6)
    assert run.diverged and scene.result == "diverged"
    shown = beat_shown(scene, "Keep stepping")
    assert "diverging" in shown
    for value in (run.w[-1], run.b[-1], run.loss[-1]):
        assert two(value) in shown
    assert str(run.steps) in shown
    everything = [s for beat in scene.timeline.beats for s in beat.shown]
    everything += [b.text for b in scene.timeline.beats]
    assert not any(word in s.lower() for s in everything for word in ("nan", "inf"))
    assert any("diverge" in b.text for b in scene.timeline.beats if "Keep" in b.text)
    assert not scene.timeline.warnings
    # the loss inset is capped: its top is just above the starting loss
    assert loss_window(run) == pytest.approx(1.15 * run.loss[0])


@pytest.mark.parametrize(
    ("given_args", "name"),
    [
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": -0.1}, "learning_rate"),
        ({"learning_rate": 2}, "learning_rate"),
        ({"learning_rate": "fast"}, "learning_rate"),
        ({"points": 2}, "points"),
        ({"points": 41}, "points"),
        ({"points": 5.5}, "points"),
        ({"noise": -1}, "noise"),
        ({"slope": float("nan")}, "slope"),
        ({"intercept": 9}, "intercept"),
        ({"seed": -1}, "seed"),
        ({"slope": 0, "intercept": 0, "noise": 0}, "noise"),
    ],
)
def test_bad_parameters_fail_with_one_line(given_args, name):
    with pytest.raises(ParamError) as error:
        LinearRegression.resolve_args(given_args, lesson=SLUG)
    message = str(error.value)
    assert f"parameter '{name}'" in message
    assert "got" in message and "expected" in message
    assert "\n" not in message


# -- the diabetes dataset: the same lesson on real patients -----------------------------

DIABETES = {"dataset": "diabetes"}
DIABETES_FAST = {"dataset": "diabetes", "learning_rate": 0.3, "seed": 5, "points": 20}


def diabetes_rows(seed: int, n: int, stream: int) -> tuple[np.ndarray, np.ndarray]:
    """The documented subsample, read here straight from scikit-learn.

    BMI (column "bmi" of the unscaled data) standardised over all 442 patients,
    and the target; rows ``stream * n`` to ``(stream + 1) * n`` of the seeded
    permutation.
    """
    from sklearn.datasets import load_diabetes

    data = load_diabetes(scaled=False)
    bmi = np.asarray(data.data[:, list(data.feature_names).index("bmi")], float)
    rows = np.random.default_rng(seed).permutation(len(bmi))[stream * n :][:n]
    z = (bmi - bmi.mean()) / bmi.std()
    return z[rows], np.asarray(data.target, float)[rows]


def test_diabetes_data_are_the_loaders_rows_standardised_and_disjoint():
    x, y = diabetes_data(0, 14)
    xf, yf = diabetes_data(0, 14, stream=1)
    want_x, want_y = diabetes_rows(0, 14, 0)
    order = np.argsort(want_x, kind="stable")
    assert np.array_equal(x, want_x[order]) and np.array_equal(y, want_y[order])
    assert np.all(np.diff(x) >= 0)  # sorted by x, as the synthetic points
    fx, fy = diabetes_rows(0, 14, 1)
    pairs = {"train": zip(x, y, strict=True), "fresh": zip(xf, yf, strict=True)}
    train, fresh = set(pairs["train"]), set(pairs["fresh"])
    assert fresh == set(zip(fx, fy, strict=True))
    assert len(train) == len(fresh) == 14 and not train & fresh
    with pytest.raises(ValueError, match="only 442 patients"):
        diabetes_data(0, 300, stream=1)


@pytest.mark.parametrize("given", [DIABETES, DIABETES_FAST])
def test_diabetes_fit_matches_polyfit_and_scikit_learn(given):
    from sklearn.linear_model import LinearRegression as ScikitLinearRegression

    args = LinearRegression.resolve_args(given, lesson=SLUG)
    x, y = diabetes_rows(args.seed, args.points, 0)
    w, b = np.polyfit(x, y, 1)
    model = ScikitLinearRegression().fit(x[:, None], y)
    lw, lb = least_squares(*diabetes_data(args.seed, args.points))
    assert (lw, lb) == pytest.approx((w, b))
    assert (lw, lb) == pytest.approx((model.coef_[0], model.intercept_))


@pytest.fixture(scope="module")
def diabetes_scenes(course):
    entry = course.get(SLUG)
    return {
        "default": construct_only(entry, DIABETES),
        "fast": construct_only(entry, DIABETES_FAST),
    }


@pytest.mark.parametrize(
    ("which", "given"), [("default", DIABETES), ("fast", DIABETES_FAST)]
)
def test_diabetes_screen_shows_the_patients_numbers(diabetes_scenes, which, given):
    from sklearn.linear_model import LinearRegression as ScikitLinearRegression

    scene = diabetes_scenes[which]
    a = scene.args
    x, y = diabetes_rows(a.seed, a.points, 0)
    xf, yf = diabetes_rows(a.seed, a.points, 1)
    model = ScikitLinearRegression().fit(x[:, None], y)
    lw, lb = model.coef_[0], model.intercept_
    texts = " ".join(b.text for b in scene.timeline.beats)
    # the flat line's loss and gradient, from the rows alone
    assert f"For the flat line it is {fmt(np.mean(y**2))}." in texts
    assert f"the sum of the bars, {fmt(-2 * np.mean(y))}." in texts
    assert f"residual times x, {fmt(-2 * np.mean(x * y))}." in texts
    # least squares as scikit-learn fits it, and its losses on both sets
    shown = beat_shown(scene, "Side by side")
    assert two(lw) in shown and two(lb) in shown
    train = np.mean((model.predict(x[:, None]) - y) ** 2)
    test = np.mean((model.predict(xf[:, None]) - yf) ** 2)
    shown = beat_shown(scene, "In machine learning")
    assert two(train) in shown and two(test) in shown
    assert f"loss is {fmt(test)}, against {fmt(train)}" in texts
    # the y scale is in the data's own units and holds every patient shown
    shown = beat_shown(scene, "Here are")
    assert {"100", "200", "300"} <= set(shown)  # progression 25 to 346
    both = np.concatenate([x, xf])
    ticks = range(math.floor(both.min()), math.ceil(both.max()) + 1)
    assert all(str(k) in shown for k in ticks if k > 0)  # BMI in SDs
    lo, hi, _ = scene.y_range
    assert lo <= min(y.min(), yf.min()) and max(y.max(), yf.max()) <= hi
    assert len(scene.fresh) == a.points  # no held-out patient left off the plot
    assert not scene.timeline.warnings


def test_diabetes_words_name_the_patients_and_no_hidden_line(diabetes_scenes):
    for scene in diabetes_scenes.values():
        beats = scene.timeline.beats
        n = scene.args.points
        assert beats[1].text == (
            f"Here are {n} diabetes patients: x is body-mass index, standardised; "
            "y, how far the disease progressed in a year."
        )
        assert f"{n} patients, diabetes data" in beats[1].shown
        texts = " ".join(b.text for b in beats)
        assert f"On {n} other patients, the fitted line's loss" in texts
        assert "same hidden line" not in texts and "noisy points" not in texts
        assert sum(b.key for b in beats) == 1
    fast = diabetes_scenes["fast"]
    assert fast.result == "converged"
    assert "Real data has no hidden line" in " ".join(
        b.text for b in fast.timeline.beats
    )
    assert diabetes_scenes["default"].result == "unfinished"
    assert "Close, but a small learning rate needs more steps." in " ".join(
        b.text for b in diabetes_scenes["default"].timeline.beats
    )


@pytest.mark.parametrize(
    ("given_args", "name", "why"),
    [
        ({"dataset": "boston"}, "dataset", "not one of the choices"),
        ({"dataset": "diabetes", "slope": 2}, "slope", "no hidden line"),
        ({"dataset": "diabetes", "noise": 0.5}, "noise", "only shapes the synthetic"),
        ({"dataset": "diabetes", "intercept": 0}, "intercept", "dataset=diabetes"),
    ],
)
def test_diabetes_refuses_what_it_would_ignore(given_args, name, why):
    with pytest.raises(ParamError) as error:
        LinearRegression.resolve_args(given_args, lesson=SLUG)
    message = str(error.value)
    assert message.startswith(f"{SLUG}: parameter '{name}'")
    assert why in message and "\n" not in message


def test_the_diabetes_lesson_keeps_the_course_bounds(course):
    """Spoken at the default voice, the diabetes variant lasts 45 to 180 s, cleanly laid out."""
    from mathreel.render.worker import plan_lesson

    plan = plan_lesson(course.get("linear-regression"), {"dataset": "diabetes"}, fps=15)
    assert 45 <= plan.duration <= 180, plan.duration
    assert not plan.warnings, plan.warnings
    assert sum(b.key for b in plan.beats) == 1
