"""The PCA lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec, tex_matrix
from scenes.linear_algebra.pca import (
    MEAN,
    PCA,
    analyse,
    analyse_points,
    axis_angle,
    centre,
    components,
    correlation_words,
    covariance,
    covariance_problem,
    explained_ratio,
    iris_points,
    percent,
    project,
    projected_variance,
    reconstruction_error,
    sample,
    unit_at,
    variance_law,
    view_box,
)

SLUG = "pca"
OTHER = {"seed": 7, "points": 250, "covariance": [[1.5, -1.2], [-1.2, 2.5]]}


@st.composite
def covariances(draw):
    """Random symmetric positive definite 2x2 matrices: R diag(a, b) R^T."""
    angle = draw(st.floats(0, np.pi))
    a = draw(st.floats(0.05, 4))
    b = draw(st.floats(0.05, 4))
    c, s = np.cos(angle), np.sin(angle)
    r = np.array([[c, -s], [s, c]])
    return r @ np.diag([a, b]) @ r.T


clouds = st.tuples(st.integers(0, 2**32 - 1), st.integers(20, 300), covariances())


@settings(max_examples=60)
@given(clouds)
def test_components_are_orthonormal_sorted_and_match_numpy_svd(cloud):
    seed, n, cov = cloud
    result = analyse(seed, n, cov)
    axes, variances = result.axes, result.variances
    assert np.allclose(axes @ axes.T, np.eye(2), atol=1e-9)
    assert variances[0] >= variances[1] > 0
    # each axis is an eigenvector of the covariance with its variance
    for v, w in zip(variances, axes, strict=True):
        assert np.allclose(result.cov @ w, v * w, atol=1e-9)
    # numpy's SVD of the centred data gives the same axes up to sign
    _, s, vt = np.linalg.svd(result.centred, full_matrices=False)
    assert np.allclose(s**2 / (n - 1), variances, rtol=1e-9, atol=1e-12)
    if variances[0] - variances[1] > 1e-6 * variances[0]:
        for k in range(2):
            assert abs(float(vt[k] @ axes[k])) == pytest.approx(1.0, abs=1e-6)
    # the lesson's sign convention: the first axis points right, the second is it
    # turned a quarter counter-clockwise
    assert axes[0][0] >= -1e-12
    assert np.allclose(axes[1], [-axes[0][1], axes[0][0]])


@settings(max_examples=60)
@given(clouds)
def test_explained_variance_ratios_sum_to_one(cloud):
    seed, n, cov = cloud
    ratios = analyse(seed, n, cov).ratios
    assert ratios.sum() == pytest.approx(1.0)
    assert ratios[0] >= 0.5 - 1e-12 and np.all(ratios > 0)


@settings(max_examples=40)
@given(clouds)
def test_projection_keeps_the_first_components_variance(cloud):
    seed, n, cov = cloud
    result = analyse(seed, n, cov)
    assert result.centred.mean(axis=0) == pytest.approx([0, 0], abs=1e-9)
    assert result.mean == pytest.approx(result.points.mean(axis=0))
    assert np.var(result.scores, ddof=1) == pytest.approx(result.variances[0])
    # what is lost is exactly the spread along the second axis
    residual = result.centred - result.projected
    lost = (residual**2).sum() / (n - 1)
    assert lost == pytest.approx(result.variances[1], rel=1e-7, abs=1e-12)
    # the residual is perpendicular to the first axis
    assert np.allclose(residual @ result.axes[0], 0, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(clouds)
def test_sweeping_an_axis_peaks_at_the_top_eigenvector_with_the_top_eigenvalue(cloud):
    """The why beat: projected variance over the angle, its peak and its law."""
    seed, n, cov = cloud
    result = analyse(seed, n, cov)
    thetas = np.linspace(0, 180, 3601)
    swept = projected_variance(result.centred, thetas)
    # the measured variance is u^T C u, and the derived law on screen
    us = unit_at(thetas)
    assert np.allclose(swept, np.einsum("ki,ij,kj->k", us, result.cov, us))
    top = axis_angle(result.axes[0])
    law = variance_law(result.variances, top, thetas)
    assert np.allclose(swept, law, rtol=1e-9, atol=1e-12)
    # never above lambda1, never below lambda2; lambda1 exactly at the eigenvector
    v1, v2 = result.variances
    assert swept.max() <= v1 * (1 + 1e-9) and swept.min() >= v2 * (1 - 1e-9)
    assert float(projected_variance(result.centred, top)) == pytest.approx(v1)
    assert float(projected_variance(result.centred, top + 90)) == pytest.approx(v2)
    # the grid's best angle sits at the eigenvector's (when the peak is not flat)
    if v1 - v2 > 0.05 * v1:
        best = thetas[int(np.argmax(swept))]
        gap = abs((best - top + 90) % 180 - 90)
        assert gap <= 0.05 + 1e-9


def test_axis_angle_is_a_line_direction():
    assert axis_angle(np.array([1.0, 0.0])) == 0
    assert axis_angle(np.array([-1.0, 0.0])) == 0
    assert axis_angle(np.array([0.6, -0.8])) == pytest.approx(126.87, abs=0.01)
    assert np.allclose(unit_at(90.0), [0, 1], atol=1e-12)


@settings(max_examples=40)
@given(clouds)
def test_decoding_misses_by_exactly_the_dropped_variance(cloud):
    seed, n, cov = cloud
    result = analyse(seed, n, cov)
    error = reconstruction_error(result.centred, result.axes[0])
    assert error == pytest.approx(result.variances[1], rel=1e-7, abs=1e-12)
    # any other axis loses more
    other = unit_at(axis_angle(result.axes[0]) + 30)
    assert reconstruction_error(result.centred, other) >= error - 1e-12


@settings(max_examples=60)
@given(clouds)
def test_correlation_words_match_the_clouds_correlation(cloud):
    seed, n, cov = cloud
    result = analyse(seed, n, cov)
    words = correlation_words(result.cov)
    r = np.corrcoef(result.points.T)[0, 1]
    if abs(r) < 0.2:
        assert "barely" in words
    elif r > 0:
        assert "large too" in words
    else:
        assert "tends to be small" in words


def test_pieces_agree_with_numpy():
    cov = np.array([[3.0, 1.8], [1.8, 1.6]])
    points = sample(0, 100, cov)
    assert points.shape == (100, 2)
    assert np.array_equal(points, sample(0, 100, cov))  # seeded
    mean, centred = centre(points)
    assert np.allclose(covariance(centred), np.cov(points.T))
    variances, _ = components(covariance(centred))
    assert np.allclose(variances, np.linalg.eigvalsh(np.cov(points.T))[::-1])
    assert explained_ratio(np.array([3.0, 1.0])) == pytest.approx([0.75, 0.25])
    scores, feet = project(np.array([[1.0, 2.0]]), np.array([1.0, 0.0]))
    assert np.allclose(scores, [1.0]) and np.allclose(feet, [[1.0, 0.0]])
    assert np.linalg.norm(mean - MEAN) < 0.6


def test_view_box_holds_everything_and_the_origin():
    pts = np.array([[1.2, 2.5], [3.1, 4.0]])
    x0, y0, x1, y1 = view_box(pts)
    assert x0 <= 0 <= x1 and y0 <= 0 <= y1
    assert x1 >= 3.1 and y1 >= 4.0
    assert all(float(v).is_integer() for v in (x0, y0, x1, y1))


def test_unusable_covariances_say_why():
    assert "not symmetric" in covariance_problem(np.array([[1.0, 0.5], [0.2, 1]]))
    assert "not positive definite" in covariance_problem(np.array([[1.0, 2], [2, 1]]))
    assert "not positive definite" in covariance_problem(np.array([[1.0, 1], [1, 1]]))
    assert "do not fit" in covariance_problem(np.array([[12.0, 0], [0, 1]]))
    assert covariance_problem(np.array([[3.0, 1.8], [1.8, 1.6]])) is None


# -- what the scene shows ------------------------------------------------------------


@pytest.fixture(scope="module")
def scenes():
    entry = load_course().get(SLUG)
    return {
        "default": construct_only(entry, {}),
        "other": construct_only(entry, OTHER),
        "iris": construct_only(entry, {"dataset": "iris"}),
    }


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    args = scene.args
    result = analyse(args.seed, args.points, args.covariance)
    shown = "\n".join(t for beat in scene.timeline.beats for t in beat.shown)
    v1, v2 = result.variances
    assert f"{args.points} points" in shown
    assert rf"\bar{{x}} = {tex_matrix(result.mean)}" in shown
    assert f"= {tex_matrix(result.cov)}" in shown
    assert rf"\lambda_1 = {fmt(v1)} ,\; w_1 = {tex_matrix(result.axes[0])}" in shown
    assert rf"\lambda_2 = {fmt(v2)} ,\; w_2 = {tex_matrix(result.axes[1])}" in shown
    assert (
        rf"{{{fmt(v1)}}}{{{fmt(v1)} + {fmt(v2)}}} = {percent(result.ratios[0])}\%"
        in shown
    )
    assert f"{percent(result.ratios[0])}%" in shown.split("\n")
    assert f"{percent(result.ratios[1])}%" in shown.split("\n")
    # the why beat: the peak and the trough are the eigenvalues; the ML beat's error
    assert rf"\lambda_1 = {fmt(v1)}" in shown.split("\n")
    error = reconstruction_error(result.centred, result.axes[0])
    assert fmt(error) == fmt(v2)
    assert rf"= {fmt(error)} = \lambda_2" in shown
    assert f"{args.points} numbers, not {2 * args.points}" in shown
    for beat in scene.timeline.beats:
        assert not beat.warnings, (beat.index, beat.warnings)
    # the dots end decoded: each at the mean plus its score times w1
    assert len(scene.cloud) == args.points
    decoded = result.mean + np.outer(result.scores, result.axes[0])
    ends = np.array([d.get_center()[:2] for d in scene.cloud])
    want = np.array([scene.at(x)[:2] for x in decoded])
    assert np.allclose(ends, want, atol=1e-6)


@pytest.mark.parametrize("which", ["default", "other"])
def test_words_follow_the_cloud(scenes, which):
    scene = scenes[which]
    result = analyse(scene.args.seed, scene.args.points, scene.args.covariance)
    texts = [b.text for b in scene.timeline.beats]
    assert correlation_words(result.cov) in texts[1]
    key = next(b for b in scene.timeline.beats if b.key)
    assert f"θ = {fmt(axis_angle(result.axes[0]), 1)} degrees" in key.text
    assert f"at {fmt(result.variances[0])}." in key.text
    # the recap is one short line over the key picture, not a text card
    recap = [b for b in scene.timeline.beats if b.chapter == "Recap"]
    assert len(recap) == 1 and len(recap[0].text) < 120
    assert "In machine learning" in [b.chapter for b in scene.timeline.beats]


def test_narration_uses_the_same_numbers(scenes):
    scene = scenes["default"]
    result = analyse(scene.args.seed, scene.args.points, scene.args.covariance)
    says = " ".join(b.say for b in scene.timeline.beats)
    assert "36 degrees" in says and "4.2" in says  # rounded for the ear
    assert fmt_vec(result.mean)[1:-1].replace(", ", " comma ") in says
    assert fmt(result.cov[0, 1]) in says
    assert f"{percent(result.ratios[0])} percent" in says
    assert f"{percent(result.ratios[1])} percent" in says


def test_exactly_one_key_beat(scenes):
    assert sum(b.key for b in scenes["default"].timeline.beats) == 1


@pytest.mark.parametrize(
    ("name", "bad", "why"),
    [
        ("covariance", [[1, 0.5], [0.2, 1]], "not symmetric"),
        ("covariance", [[1, 2], [2, 1]], "not positive definite"),
        ("covariance", [[-1, 0], [0, 1]], "not positive definite"),
        ("covariance", [[20, 0], [0, 1]], "do not fit"),
        ("points", 5, "out of range"),
        ("points", 1000, "out of range"),
        ("points", 2.5, "not an integer"),
        ("seed", -1, "out of range"),
    ],
)
def test_bad_parameters_fail_with_one_line(name, bad, why):
    with pytest.raises(ParamError) as error:
        PCA.resolve_args({name: bad}, lesson=SLUG)
    message = str(error.value)
    assert message.startswith(f"{SLUG}: parameter '{name}'")
    assert why in message
    assert "\n" not in message


# -- the iris dataset: the same lesson on real flowers --------------------------------


def iris_columns() -> np.ndarray:
    """Sepal and petal length in cm, (150, 2), read here straight from scikit-learn."""
    from sklearn.datasets import load_iris

    iris = load_iris()
    names = list(iris.feature_names)
    cols = [names.index("sepal length (cm)"), names.index("petal length (cm)")]
    return np.asarray(iris.data[:, cols], dtype=float)


def scikit_pca():
    """scikit-learn's own PCA of the raw iris columns, sign-fixed as the lesson's."""
    from sklearn.decomposition import PCA as ScikitPCA

    raw = iris_columns()
    fitted = ScikitPCA(n_components=2).fit(raw)
    axes = fitted.components_.copy()
    signs = np.where(axes[:, 0] < 0, -1.0, 1.0)  # first axis points right
    axes *= signs[:, None]
    axes[1] = [-axes[0][1], axes[0][0]]  # second: first turned a quarter
    scores = fitted.transform(raw)[:, 0] * signs[0]
    return raw, fitted, axes, scores


def test_iris_analysis_matches_scikit_learns_pca():
    raw, fitted, axes, scores = scikit_pca()
    result = analyse_points(iris_points())
    assert result.points.shape == (150, 2)
    assert np.array_equal(result.points, raw)
    assert np.allclose(result.mean, fitted.mean_)
    assert np.allclose(result.cov, np.cov(raw, rowvar=False))
    assert np.allclose(result.variances, fitted.explained_variance_)
    assert np.allclose(result.ratios, fitted.explained_variance_ratio_)
    assert np.allclose(result.axes, axes)
    assert np.allclose(result.scores, scores)
    # the misses of the decoded points average to scikit-learn's second variance
    error = reconstruction_error(result.centred, result.axes[0])
    assert error == pytest.approx(fitted.explained_variance_[1])
    with pytest.raises(ValueError):
        iris_points()[0, 0] = 0.0  # read-only: no beat can change the data


def test_iris_screen_shows_scikit_learns_numbers(scenes):
    scene = scenes["iris"]
    raw, fitted, axes, scores = scikit_pca()
    cov = np.cov(raw, rowvar=False)
    v1, v2 = fitted.explained_variance_
    r1, r2 = fitted.explained_variance_ratio_
    shown = "\n".join(t for beat in scene.timeline.beats for t in beat.shown)
    lines = shown.split("\n")
    for row in ("150 iris flowers", "x: sepal length, cm", "y: petal length, cm"):
        assert row in lines
    assert rf"\bar{{x}} = {tex_matrix(raw.mean(axis=0))}" in shown
    assert f"= {tex_matrix(cov)}" in shown
    assert rf"\lambda_1 = {fmt(v1)} ,\; w_1 = {tex_matrix(axes[0])}" in shown
    assert rf"\lambda_2 = {fmt(v2)} ,\; w_2 = {tex_matrix(axes[1])}" in shown
    assert rf"{{{fmt(v1)}}}{{{fmt(v1)} + {fmt(v2)}}} = {fmt(100 * r1, 1)}\%" in shown
    assert f"{fmt(100 * r1, 1)}%" in lines and f"{fmt(100 * r2, 1)}%" in lines
    assert rf"= {fmt(v2)} = \lambda_2" in shown
    assert "150 numbers, not 300" in shown
    for beat in scene.timeline.beats:
        assert not beat.warnings, (beat.index, beat.warnings)
    # the dots end decoded from scikit-learn's scores along its first component
    decoded = fitted.mean_ + np.outer(scores, axes[0])
    ends = np.array([d.get_center()[:2] for d in scene.cloud])
    assert np.allclose(ends, np.array([scene.at(x)[:2] for x in decoded]), atol=1e-6)


def test_iris_words_match_the_flowers(scenes):
    scene = scenes["iris"]
    raw, fitted, axes, scores = scikit_pca()
    beats = scene.timeline.beats
    r = np.corrcoef(raw, rowvar=False)[0, 1]
    assert r > 0.2  # so the words must say "large too"
    assert beats[1].text == (
        "Here are 150 iris flowers: x is sepal length, y petal length, in cm. "
        "They are correlated: when x is large, y tends to be large too."
    )
    assert "in centimetres." in beats[1].say and " cm" not in beats[1].say
    key = next(b for b in beats if b.key)
    angle = np.degrees(np.arctan2(axes[0][1], axes[0][0]))
    assert f"θ = {fmt(angle, 1)} degrees" in key.text
    assert f"at {fmt(fitted.explained_variance_[0])}." in key.text
    says = " ".join(b.say for b in beats)
    assert f"{fmt(100 * fitted.explained_variance_ratio_[0], 1)} percent" in says
    assert f"from {fmt(scores.min(), 1)} to {fmt(scores.max(), 1)}" in shown_text(scene)
    assert sum(b.key for b in beats) == 1


def shown_text(scene) -> str:
    return " ".join(b.text for b in scene.timeline.beats)


@pytest.mark.parametrize(
    ("given", "name", "why"),
    [
        ({"dataset": "mnist"}, "dataset", "not one of the choices"),
        ({"dataset": "iris", "points": 50}, "points", "iris data has its own points"),
        ({"dataset": "iris", "seed": 3}, "seed", "only shapes the synthetic cloud"),
        (
            {"dataset": "iris", "covariance": [[2, 0], [0, 1]]},
            "covariance",
            "its default with dataset=iris",
        ),
    ],
)
def test_dataset_refuses_what_it_would_ignore(given, name, why):
    with pytest.raises(ParamError) as error:
        PCA.resolve_args(given, lesson=SLUG)
    message = str(error.value)
    assert message.startswith(f"{SLUG}: parameter '{name}'")
    assert why in message
    assert "\n" not in message


def test_the_iris_lesson_keeps_the_course_bounds(course):
    """Spoken at the default voice, the iris variant lasts 45 to 180 s, cleanly laid out."""
    from mathreel.render.worker import plan_lesson

    plan = plan_lesson(course.get("pca"), {"dataset": "iris"}, fps=15)
    assert 45 <= plan.duration <= 180, plan.duration
    assert not plan.warnings, plan.warnings
    assert sum(b.key for b in plan.beats) == 1
