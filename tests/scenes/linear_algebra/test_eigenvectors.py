"""The eigenvectors lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, tex_matrix
from scenes.kit.view import Box, fit_view
from scenes.linear_algebra.eigenvectors import (
    MIN_TURN,
    Eigenvectors,
    char_poly,
    diagonalize,
    eigen_problem,
    eigenpairs,
    eigenvalues,
    generic_vectors,
    poly_tex,
    span_angle,
    turn_angle,
)

OLD_CAP = 4.0  # entries the lesson took before its view scaled
matrices = arrays(
    np.float64, (2, 2), elements=st.floats(-OLD_CAP, OLD_CAP, allow_nan=False)
)
SLUG = "eigenvectors"
OTHER = {"matrix": [[1, 2], [2, -2]]}


@given(matrices)
def test_every_eigenpair_satisfies_a_v_equals_lambda_v(m):
    assume(eigen_problem(m) is None)
    pairs = eigenpairs(m)
    assert pairs[0][0] > pairs[1][0]
    for lam, v in pairs:
        assert np.max(np.abs(v)) == pytest.approx(1.0)
        assert np.allclose(m @ v, lam * v, atol=1e-7)
        assert turn_angle(m, v) < 1e-3
    # the eigenvalues are the roots of the characteristic polynomial
    tr, det = char_poly(m)
    for lam, _ in pairs:
        assert lam * lam - tr * lam + det == pytest.approx(0, abs=1e-7)
    assert sorted(eigenvalues(m)) == pytest.approx(sorted(np.linalg.eigvals(m).real))


@given(matrices)
def test_the_eigenbasis_diagonalizes(m):
    assume(eigen_problem(m) is None)
    p, d = diagonalize(m)
    assert np.allclose(p @ d @ np.linalg.inv(p), m, atol=1e-7)
    assert np.allclose(np.diag(np.diag(d)), d)


@given(matrices)
def test_the_vectors_shown_leaving_their_span_really_turn(m):
    assume(eigen_problem(m) is None)
    chosen = generic_vectors(m)
    assert len(chosen) == 2
    eig = [v for _, v in eigenpairs(m)]
    for v in chosen:
        assert turn_angle(m, v) >= MIN_TURN
        assert all(span_angle(v, e) >= 15 for e in eig)
    assert span_angle(*chosen) >= 30


@given(matrices)
def test_matrices_without_a_real_eigenbasis_are_rejected(m):
    tr, det = char_poly(m)
    if tr * tr - 4 * det < -1e-9:
        assert "no real eigenvalues" in eigen_problem(m)


def test_each_kind_of_unusable_matrix_says_why():
    assert "rotates every direction" in eigen_problem(np.array([[0.0, -1], [1, 0]]))
    assert "every vector is an eigenvector" in eigen_problem(2 * np.eye(2))
    assert "repeated" in eigen_problem(np.array([[2.0, 1], [0, 2]]))
    assert "too small to show" in eigen_problem(np.array([[1.0, 1], [1, 1]]))
    assert "too short to see" in eigen_problem(np.array([[40.0, 0], [0, 1]]))
    assert "5 or more digits" in eigen_problem(np.array([[12345.0, 0], [0, 1]]))
    assert eigen_problem(np.array([[9.0, 0], [0, 1]])) is None  # over the old cap
    assert eigen_problem(np.array([[3.0, 1], [0, 2]])) is None


@given(
    arrays(np.float64, (6, 2), elements=st.floats(-30, 30, allow_nan=False)),
)
def test_fit_view_keeps_every_point_in_the_box(points):
    # the lesson's own settings: no margin, every extent at least one unit
    box = Box(left=-2.0, right=6.5, bottom=-3.0, top=3.5)
    unit, origin = fit_view(points, box, margin=0.0, max_unit=1.6, min_span=1.0)
    assert 0 < unit <= 1.6
    scene = origin + unit * points
    assert np.all(scene[:, 0] >= box.left - 1e-9)
    assert np.all(scene[:, 0] <= box.right + 1e-9)
    assert np.all(scene[:, 1] >= box.bottom - 1e-9)
    assert np.all(scene[:, 1] <= box.top + 1e-9)


def test_poly_tex_reads_like_a_textbook():
    assert poly_tex(5, 6) == r"\lambda^2 - 5\lambda + 6"
    assert poly_tex(-1, -6) == r"\lambda^2 + \lambda - 6"
    assert poly_tex(0, -4) == r"\lambda^2 - 4"


# -- what the scene shows ------------------------------------------------------------


@pytest.fixture(scope="module")
def scenes():
    entry = load_course().get(SLUG)
    return {
        "default": construct_only(entry, {}),
        "other": construct_only(entry, OTHER),
    }


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a = scene.args.matrix
    shown = "\n".join(s for beat in scene.timeline.beats for s in beat.shown)
    (l1, v1), (l2, v2) = eigenpairs(a)
    tr, det = char_poly(a)
    p, d = diagonalize(a)
    assert f"A = {tex_matrix(a)}" in shown
    assert rf"\lambda_1 = {fmt(l1)} ,\quad \lambda_2 = {fmt(l2)}" in shown
    assert f"= {poly_tex(tr, det)} = 0" in shown
    assert rf"\lambda_1 = {fmt(l1)}: {tex_matrix(a - l1 * np.eye(2))} v = 0" in shown
    assert rf"\lambda_2 = {fmt(l2)}: {tex_matrix(a - l2 * np.eye(2))} v = 0" in shown
    assert "v_1 = " + tex_matrix(v1) in shown
    assert "v_2 = " + tex_matrix(v2) in shown
    assert f"P = {tex_matrix(p)}" in shown and f"D = {tex_matrix(d)}" in shown
    assert f"{fmt(l1)}\\,v_1" in shown and f"{fmt(l2)}\\,v_2" in shown
    assert r"\det(A - \lambda I) = 0" in shown
    disc = tr * tr - 4 * det
    assert rf"\frac{{{fmt(tr)} \pm \sqrt{{{fmt(disc)}}}}}{{2}}" in shown
    for beat in scene.timeline.beats:
        assert not beat.warnings, (beat.index, beat.warnings)


def test_narration_uses_the_same_numbers(scenes):
    scene = scenes["other"]
    says = " ".join(b.say for b in scene.timeline.beats)
    (l1, _), (l2, _) = eigenpairs(scene.args.matrix)
    assert "scaled by 2" in says and "flipped and scaled by 3" in says
    assert fmt(l1) == "2" and fmt(l2) == "-3"
    assert "1 comma 0.5" in says


def test_exactly_one_key_beat(scenes):
    assert sum(b.key for b in scenes["default"].timeline.beats) == 1


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ([[0, -1], [1, 0]], "rotates every direction, so it has no real eigenvalues"),
        ([[2, 0], [0, 2]], "every vector is an eigenvector"),
        ([[2, 1], [0, 2]], "no eigenbasis"),
        ([[1, 2]], "shape 1x2"),
        ([[40, 0], [0, 1]], "stretched by 40), the shortest arrow is under 0.4"),
        ([[12, 3], [2, 7]], "too short to see"),
        ([[12345, 1], [0, 2]], "5 or more digits"),
        ("oops", "not a list"),
    ],
)
def test_bad_matrices_fail_with_one_line(bad, why):
    with pytest.raises(ParamError) as error:
        Eigenvectors.resolve_args({"matrix": bad}, lesson=SLUG)
    message = str(error.value)
    assert message.startswith(f"{SLUG}: parameter 'matrix'")
    assert why in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "matrix",
    [
        [[4, 1], [0, 2]],  # at the old cap of 4
        [[9, 0], [0, 1]],  # refused before the view scaled ("larger than 4")
        [[-3, 6], [0, 5]],
    ],
)
def test_large_matrices_scale_the_view_instead_of_being_refused(matrix):
    scene = construct_only(load_course().get(SLUG), {"matrix": matrix})
    a = scene.args.matrix
    for p in np.vstack(
        [v for v in generic_vectors(a)] + [a @ v for v in generic_vectors(a)]
    ):
        tip = scene.view.point(p)
        assert abs(tip[0]) <= 7.1 and -4.0 <= tip[1] <= 4.0
    assert tex_matrix(a) in "\n".join(s for b in scene.timeline.beats for s in b.shown)
    # the layout check found nothing off-frame or overlapping
    assert not scene.timeline.warnings
