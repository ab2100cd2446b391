"""The eigenvectors lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from manim import DL, UR

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, tex_matrix
from scenes.kit.view import Box, fit_view
from scenes.linear_algebra.eigenvectors import (
    MIN_TURN,
    PLANE_BOX,
    REPEATS,
    SWEEP_BOX,
    Eigenvectors,
    char_poly,
    diagonalize,
    dominant,
    eigen_problem,
    eigenpairs,
    eigenvalues,
    fit_plane,
    generic_vectors,
    poly_tex,
    poly_text,
    repeat_story,
    repeated,
    say_poly,
    scaled_words,
    shifted,
    shifted_det,
    span_angle,
    sweep_path,
    sweep_points,
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


@given(matrices, st.floats(-10, 10, allow_nan=False))
def test_shifted_det_is_the_determinant_of_a_minus_lambda_i(m, lam):
    assert shifted_det(m, lam) == pytest.approx(
        np.linalg.det(shifted(m, lam)), abs=1e-7
    )


@given(matrices)
def test_the_sweep_squashes_the_plane_exactly_at_the_eigenvalues(m):
    # "the grid flattens onto a line and the determinant hits zero; v is crushed";
    # "between the two, the determinant is negative"; it starts positive
    assume(eigen_problem(m) is None)
    start, low, high = sweep_path(m)
    (l1, v1), (l2, v2) = eigenpairs(m)
    assert (low, high) == (l2, l1) and start <= 0 and start < low
    assert shifted_det(m, start) > 0
    assert shifted_det(m, (low + high) / 2) < 0
    for lam, v in ((low, v2), (high, v1)):
        assert shifted_det(m, lam) == pytest.approx(0, abs=1e-7)
        assert np.allclose(shifted(m, lam) @ v, 0, atol=1e-7)
        assert np.linalg.matrix_rank(shifted(m, lam), tol=1e-7) == 1


@given(matrices)
def test_the_squash_view_holds_every_drawn_point(m):
    assume(eigen_problem(m) is None)
    points = sweep_points(m)
    unit, origin = fit_view(points, SWEEP_BOX, margin=0.1, max_unit=1.6, min_span=1.0)
    scene = origin + unit * points
    assert np.all(scene[:, 0] >= SWEEP_BOX.left - 1e-9)
    assert np.all(scene[:, 0] <= SWEEP_BOX.right + 1e-9)
    assert np.all(scene[:, 1] >= SWEEP_BOX.bottom - 1e-9)
    assert np.all(scene[:, 1] <= SWEEP_BOX.top + 1e-9)


@given(matrices)
def test_scaling_words_say_flipped_exactly_for_negative_eigenvalues(m):
    assume(eigen_problem(m) is None)
    for lam, _ in eigenpairs(m):
        words = scaled_words("v", lam, fmt)
        assert ("flipped" in words) == (lam < 0)
        assert words.endswith(fmt(abs(lam)))


@given(matrices)
def test_repeat_story_words_match_the_case(m):
    assume(eigen_problem(m) is None)
    x = generic_vectors(m)[0]
    shown, said = repeat_story(m, x)
    pairs = eigenpairs(m)
    d = dominant(m)
    sizes = [abs(lam) for lam, _ in pairs]
    assert ("never settles" in shown) == (d is None)
    size = sizes[0] if d is None else sizes[d]
    assert ("explodes" in shown) == (size > 1)
    assert ("fades away" in shown) == (size < 1)
    if d is not None:
        assert sizes[d] > sizes[1 - d]
        hs = repeated(m, x)
        first, last = (span_angle(h, pairs[d][1]) for h in (hs[0], hs[-1]))
        assert ("turns toward" in shown) == (last < first)
        assert f"{last:.0f}" in shown
        # "wins in the end": after many steps the state lies along that line
        far = np.asarray(x, dtype=float)
        for _ in range(400):  # normalised each step, so nothing overflows
            far = m @ far
            far = far / np.linalg.norm(far)
        if (sizes[1 - d] / sizes[d]) ** 400 < 1e-6:
            assert span_angle(far, pairs[d][1]) < 1.0
    assert "explodes" in said or "fades" in said or "keeps" in said


def test_repeated_is_a_power_of_a():
    m = np.array([[3.0, 1], [0, 2]])
    hs = repeated(m, np.array([0.0, 1.0]))
    assert len(hs) == REPEATS + 1
    assert np.allclose(hs[3], np.linalg.matrix_power(m, 3) @ [0, 1])
    assert dominant(m) == 0
    assert dominant(np.array([[2.0, 0], [0, -2]])) is None
    assert dominant(np.array([[1.0, 2], [2, -2]])) == 1  # -3 outgrows 2


def test_the_polynomial_read_and_spoken():
    assert poly_text(5, 6) == "λ² − 5λ + 6"
    assert say_poly(5, 6) == "lambda squared minus 5 lambda plus 6"
    assert say_poly(-1, -6) == "lambda squared plus lambda minus 6"
    assert say_poly(0, -4) == "lambda squared minus 4"
    assert say_poly(2.5, 1.2345) == "lambda squared minus 2.5 lambda plus 1.2"


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
    (l1, _), (l2, _) = eigenpairs(a)
    tr, det = char_poly(a)
    p, d = diagonalize(a)
    assert f"A = {tex_matrix(a)}" in shown
    assert rf"\lambda_1 = {fmt(l1)} ,\quad \lambda_2 = {fmt(l2)}" in shown
    assert f"= {poly_tex(tr, det)} = 0" in shown
    assert f"P = {tex_matrix(p)}" in shown and f"D = {tex_matrix(d)}" in shown
    assert f"{fmt(l1)}\\,v_1" in shown and f"{fmt(l2)}\\,v_2" in shown
    assert r"\det(A - \lambda I) = 0" in shown
    # the squash chapter's roots, and the machine-learning chapter's last state
    assert fmt(l1) in shown.split("\n") and fmt(l2) in shown.split("\n")
    last = repeated(a, generic_vectors(a)[0])[-1]
    assert f"length {fmt(np.linalg.norm(last))}" in shown
    for beat in scene.timeline.beats:
        assert not beat.warnings, (beat.index, beat.warnings)


def test_narration_uses_the_same_numbers(scenes):
    scene = scenes["other"]
    says = " ".join(b.say for b in scene.timeline.beats)
    (l1, _), (l2, _) = eigenpairs(scene.args.matrix)
    assert "scaled by 2" in says and "flipped and scaled by 3" in says
    assert "The v2 part wins" in says and "explodes" in says
    assert "lambda squared plus lambda minus 6" in says
    assert fmt(l1) == "2" and fmt(l2) == "-3"
    assert "1 comma 0.5" in says


@pytest.mark.parametrize("which", ["default", "other"])
def test_the_diagonal_card_leaves_the_plane_and_its_origin_clear(scenes, which):
    # the old card (one wide row of P, D and two long notes) touched the origin
    scene = scenes[which]
    (x0, y0, _), (x1, y1, _) = scene.card.get_corner(DL), scene.card.get_corner(UR)
    a = scene.args.matrix
    ends = [v for _, v in eigenpairs(a)] + [lam * v for lam, v in eigenpairs(a)]
    unit, origin = fit_plane(a)
    for end in ends:  # every point of every eigen-arrow, origin included
        for t in np.linspace(0, 1, 21):
            x, y = origin + unit * t * end
            gap = 0.2  # clear of the card by about 3 px at 480p
            inside = x0 - gap <= x <= x1 + gap and y0 - gap <= y <= y1 + gap
            assert not inside, (t, end)
    assert PLANE_BOX.left < origin[0]


@pytest.mark.parametrize("which", ["default", "other"])
def test_the_recap_picture_leaves_the_line_its_band(scenes, which):
    scene = scenes[which]
    from scenes.style import CONTENT_BOTTOM

    for mob in scene.recap_picture[2:]:  # arrows and labels (grids are backdrops)
        assert mob.get_bottom()[1] >= CONTENT_BOTTOM + 0.9


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
        unit, origin = fit_plane(a)  # the plane chapters' view
        tip = origin + unit * p
        assert abs(tip[0]) <= 7.1 and -4.0 <= tip[1] <= 4.0
    assert tex_matrix(a) in "\n".join(s for b in scene.timeline.beats for s in b.shown)
    # the layout check found nothing off-frame or overlapping
    assert not scene.timeline.warnings
