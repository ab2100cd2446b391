"""The projections-and-least-squares lesson: its math alone, then what it shows and says."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.practice import answer_text, check
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec
from scenes.kit.view import Box
from scenes.linear_algebra.projections_least_squares import (
    ProjectionsAndLeastSquares,
    clip_span,
    design_matrix,
    fit_line,
    gap,
    least_squares,
    line_coefficient,
    normal_equations,
    practice,
    project_onto_line,
    residuals,
    segment_meets_box,
)

SLUG = "projections-and-least-squares"
finite = st.floats(-50, 50, allow_nan=False)
vectors = arrays(np.float64, (2,), elements=finite)


def _lstsq(A, b):
    """The least-squares solution by numpy's SVD solver (independent of the lesson)."""
    return np.linalg.lstsq(np.asarray(A, dtype=float), b, rcond=None)[0]


# -- the math -----------------------------------------------------------------------


@given(vectors, vectors)
def test_projection_onto_a_line_matches_lstsq_and_leaves_a_perpendicular_gap(a, b):
    assume(np.linalg.norm(a) > 1e-3)
    p = project_onto_line(a, b)
    t_numpy = _lstsq(a[:, None], b)[0]
    assert line_coefficient(a, b) == pytest.approx(t_numpy, rel=1e-7, abs=1e-9)
    assert np.allclose(p, t_numpy * a, atol=1e-7)
    scale = max(1.0, float(np.linalg.norm(a) * np.linalg.norm(b)))
    assert abs(float(a @ (b - p))) <= 1e-9 * scale  # the right angle


@given(vectors, vectors, st.floats(-20, 20))
def test_the_gap_is_shortest_at_the_right_angle(a, b, t):
    assume(np.linalg.norm(a) > 1e-3)
    best = gap(a, b, line_coefficient(a, b))
    assert best <= gap(a, b, t) + 1e-9 * max(1.0, float(np.linalg.norm(b)))
    assert best == pytest.approx(float(np.linalg.norm(b - project_onto_line(a, b))))


def test_the_zero_vector_spans_no_line():
    with pytest.raises(ValueError, match="spans no line"):
        line_coefficient([0, 0], [1, 2])


@st.composite
def full_rank(draw):
    n = draw(st.integers(2, 7))
    k = draw(st.integers(1, n))
    entries = st.floats(-10, 10).map(lambda v: round(v, 3))  # no subnormals
    A = draw(arrays(np.float64, (n, k), elements=entries))
    b = draw(arrays(np.float64, (n,), elements=entries))
    # independent columns, comfortably: the smallest singular value is not tiny
    assume(np.linalg.svd(A, compute_uv=False).min() > 1e-2)
    return A, b


@given(full_rank())
def test_least_squares_matches_lstsq_and_its_residual_is_perpendicular_to_every_column(
    Ab,
):
    A, b = Ab
    x = least_squares(A, b)
    assert np.allclose(x, _lstsq(A, b), atol=1e-6, rtol=1e-6)
    e = b - A @ x
    assert np.allclose(A.T @ e, 0, atol=1e-6 * max(1.0, float(np.abs(b).max())) * 100)
    lhs, rhs = normal_equations(A, b)
    assert np.allclose(lhs, A.T @ A) and np.allclose(rhs, A.T @ b)


points = arrays(np.float64, (4,), elements=st.floats(-20, 20))


@given(points, points)
def test_the_fitted_line_matches_polyfit_and_its_residuals_are_perpendicular(x, y):
    assume(np.ptp(x) > 0.1)
    c, m = fit_line(x, y)
    slope, intercept = np.polyfit(x, y, 1)
    assert (c, m) == pytest.approx((intercept, slope), abs=1e-6)
    r = residuals(x, y, c, m)
    assert np.allclose(design_matrix(x), np.column_stack([np.ones(4), x]))
    assert abs(r.sum()) < 1e-7 and abs(x @ r) < 1e-6  # 1 . r = 0 and x . r = 0


def _mse(c, m, x, y):
    """The mean squared error, written here (the calculus lesson is not imported)."""
    return float(np.mean((c + m * x - y) ** 2))


@given(points, points)
def test_the_projection_is_where_the_losss_slopes_are_zero(x, y):
    """The calculus lesson's answer: both partial derivatives of the MSE vanish."""
    assume(np.ptp(x) > 0.1)
    c, m = fit_line(x, y)
    h = 1e-5
    dc = (_mse(c + h, m, x, y) - _mse(c - h, m, x, y)) / (2 * h)
    dm = (_mse(c, m + h, x, y) - _mse(c, m - h, x, y)) / (2 * h)
    assert abs(dc) < 1e-4 and abs(dm) < 1e-3
    # and nothing nearby fits better
    assert _mse(c, m, x, y) <= _mse(c + 0.01, m - 0.01, x, y)


@given(vectors.filter(lambda d: np.linalg.norm(d) > 1e-3))
def test_clip_span_cuts_the_line_at_the_box(d):
    lo, hi = np.array([-1.0, -2.0]), np.array([4.0, 3.0])
    t_lo, t_hi = clip_span(d, lo, hi)
    assert t_lo <= 0 <= t_hi
    for t in (t_lo, t_hi):
        q = t * d
        assert np.all(q >= lo - 1e-9) and np.all(q <= hi + 1e-9)
        assert np.min(np.abs(np.concatenate([q - lo, q - hi]))) < 1e-9  # on an edge


@given(vectors, vectors)
def test_segment_meets_box_agrees_with_dense_sampling(p0, p1):
    s = np.linspace(0, 1, 20_001)[:, None]
    pts = p0 + s * (p1 - p0)
    step = 2 * float(np.linalg.norm(p1 - p0)) / 20_000 + 1e-9

    def sampled(d):
        x, y = pts[:, 0], pts[:, 1]
        return bool(np.any((abs(x) <= 5 + d) & (abs(y) <= 3 + d)))

    assume(sampled(-step) == sampled(step))  # not grazing the box's edge
    assert segment_meets_box(p0, p1, Box(-5.0, 5.0, -3.0, 3.0)) == sampled(0)


def test_the_default_numbers():
    a, b = np.array([4.0, 2.0]), np.array([1.0, 3.0])
    assert line_coefficient(a, b) == 0.5
    assert np.allclose(project_onto_line(a, b), [2, 1])
    x, y = np.array([0.0, 1, 2, 3]), np.array([1.0, 3, 2, 4])
    lhs, rhs = normal_equations(design_matrix(x), y)
    assert np.array_equal(lhs, [[4, 6], [6, 14]]) and np.array_equal(rhs, [10, 19])
    assert fit_line(x, y) == pytest.approx((1.3, 0.8))
    assert np.allclose(residuals(x, y, 1.3, 0.8), [-0.3, 0.9, -0.9, 0.3])


# -- practice: each answer again, from the prompt's numbers, with numpy -------------

NUM = r"-?\d+(?:\.\d+)?"


def _vecs(text):
    return [
        np.array([float(v) for v in g.split(", ")])
        for g in re.findall(rf"\(({NUM}(?:, {NUM})+)\)", text)
    ]


@given(st.integers(0, 2**32 - 1))
def test_practice_answers_match_an_independent_computation(seed):
    ex = practice(seed)
    assert [e.id for e in ex] == [f"{SLUG}-{k}" for k in (1, 2, 3, 4)]
    b, a = _vecs(ex[0].prompt)
    t = _lstsq(a[:, None], b)[0]
    assert np.allclose(ex[0].answer, t * a, atol=1e-9)
    b2, a2 = _vecs(ex[1].prompt)
    assert ex[1].answer == pytest.approx(
        np.linalg.norm(b2 - _lstsq(a2[:, None], b2) * a2)
    )
    (xs,) = _vecs(ex[2].prompt)
    A = np.column_stack([np.ones_like(xs), xs])
    assert np.allclose(ex[2].answer, A.T @ A)
    pts = np.array(_vecs(ex[3].prompt))
    slope, intercept = np.polyfit(pts[:, 0], pts[:, 1], 1)
    assert np.allclose(ex[3].answer, (intercept, slope), atol=1e-9)
    for e in ex:
        assert check(e, answer_text(e))


# -- what the lesson shows ------------------------------------------------------------

OTHER = {"a": [1, -2], "b": [3, 1], "x": [-2, 0, 1, 5], "y": [2, -1, 0, 3]}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get(SLUG)
    return [construct_only(entry, {}), construct_only(entry, OTHER)]


def _shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize("which", [0, 1])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a, b, x, y = (np.asarray(scene.args[k], dtype=float) for k in "abxy")
    shown = _shown(scene)
    t = _lstsq(a[:, None], b)[0]
    ab, aa = float(a @ b), float(a @ a)
    assert (
        f"t = {{a \\cdot b \\over a \\cdot a}} = {{{fmt(ab)} \\over {fmt(aa)}}} = {fmt(t)}"
        in shown
    )
    assert f"p = {fmt(t)}\\,a = {fmt_vec(t * a)}" in shown
    assert f"e = b - p = {fmt_vec(b - t * a)}" in shown
    assert f"{np.linalg.norm(b - t * a):.2f}" in shown  # the slide's shortest gap
    A = np.column_stack([np.ones(4), x])
    slope, intercept = np.polyfit(x, y, 1)
    assert f"c = {fmt(intercept)},\\quad m = {fmt(slope)}" in shown
    r = y - (intercept + slope * x)
    assert f"r = y - A\\hat x = {fmt_vec(r)}" in shown
    ata = " & ".join(fmt(v) for v in (A.T @ A)[0])
    assert any(s.startswith(f"\\begin{{bmatrix}}{ata}") for s in shown)
    assert not scene.timeline.warnings


def test_one_key_beat_and_numbers_spoken_rounded(scenes):
    for scene in scenes:
        beats = scene.timeline.beats
        assert sum(b.key for b in beats) == 1
        assert [b.key for b in beats if b.chapter == "Recap"] == [False]
        assert beats[0].chapter == "Introduction" and beats[-1].chapter == "Recap"
        assert "In machine learning" in [b.chapter for b in beats]
    said = " ".join(b.say for b in scenes[1].timeline.beats)
    text = " ".join(b.text for b in scenes[1].timeline.beats)
    # a = (1, -2), b = (3, 1): t = 1/5; the shortest gap is 3.13 on screen, 3.1 said
    assert "3.13" in text and "3.13" not in said and "3.1" in said
    assert "minus" in said and "A transpose A x hat" in said


@pytest.mark.parametrize(
    ("name", "bad", "why"),
    [
        ("a", [0, 0], "spans no line"),
        ("b", [2, 1], "no gap to drop"),
        ("b", [-1, 2], "projection is too short"),
        ("a", [0.1, 0.05], "too short to see"),
        ("x", [2, 2, 2, 2], "no single line fits"),
        ("y", [1, 3, 5, 7], "no perpendicular to show"),
        ("y", [1, 2, 3, 400], "do not fit the matrices"),
        ("x", [1, 2, 3], "3 entries"),
    ],
)
def test_bad_parameters_fail_with_one_line(name, bad, why):
    with pytest.raises(ParamError) as error:
        ProjectionsAndLeastSquares.resolve_args({name: bad}, lesson=SLUG)
    message = str(error.value)
    assert message.startswith(f"{SLUG}: parameter '{name}'")
    assert why in message and "\n" not in message
