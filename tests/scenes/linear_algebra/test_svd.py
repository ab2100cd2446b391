"""The SVD lesson: its math alone, then what it shows."""

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
from scenes.linear_algebra.svd import (
    FLIP,
    PICTURE_SIDE,
    RANKS,
    SVD,
    degree_text,
    factor_kinds,
    kept_energy,
    picture,
    rank1,
    rank_k,
    recap_line,
    rotation,
    scale_words,
    shades,
    storage,
    svd2,
    svd_problem,
    svd_steps,
    truncation_errors,
    turn_angle,
    view_unit,
)

OLD_CAP = 4.0  # entries the lesson took before its view scaled
entries = st.floats(-OLD_CAP, OLD_CAP, allow_nan=False)
matrices = arrays(np.float64, (2, 2), elements=entries)
SLUG = "svd"
OTHER = {"matrix": [[2, 1], [1, -1]]}  # det < 0: U flips, then rotates


@given(matrices)
def test_u_sigma_vt_reconstructs_a(m):
    u, s, vt = svd2(m)
    assert np.allclose(u @ np.diag(s) @ vt, m, atol=1e-9)
    assert np.allclose(u.T @ u, np.eye(2), atol=1e-9)
    assert np.allclose(vt @ vt.T, np.eye(2), atol=1e-9)
    assert s[0] >= s[1] >= 0
    assert np.allclose(s, np.linalg.svd(m, compute_uv=False))
    # the lesson's conventions: V is a rotation by at most 90 degrees either way
    assert np.linalg.det(vt) == pytest.approx(1.0)
    assert -90 < turn_angle(vt.T) <= 90 + 1e-9
    if np.linalg.det(m) > 1e-9:
        assert np.linalg.det(u) == pytest.approx(1.0)
    if np.linalg.det(m) < -1e-9:
        assert np.linalg.det(u) == pytest.approx(-1.0)


@given(matrices)
def test_the_animated_steps_compose_to_a(m):
    assume(svd_problem(m) is None)
    done = np.eye(2)
    for name, step in svd_steps(m):
        if name in ("V^T", "U"):
            # the scene plays these as true rotations by turn_angle
            assert np.allclose(rotation(turn_angle(step)), step, atol=1e-9)
        done = step @ done
    assert np.allclose(done, m, atol=1e-9)
    names = [name for name, _ in svd_steps(m)]
    assert names == (
        ["V^T", "Sigma", "flip", "U"] if np.linalg.det(m) < 0 else ["V^T", "Sigma", "U"]
    )


@given(matrices)
def test_keeping_sigma1_is_the_best_of_the_two_truncations(m):
    _, s, _ = svd2(m)
    keep1, keep2 = truncation_errors(m)
    assert keep1 == pytest.approx(s[1], abs=1e-9)
    assert keep2 == pytest.approx(s[0], abs=1e-9)
    assert keep1 <= keep2 + 1e-12
    assert np.linalg.matrix_rank(rank1(m), tol=1e-9) <= 1
    assert np.allclose(rank1(m) + rank1(m, 1), m, atol=1e-9)


@given(
    matrices,
    arrays(np.float64, (2,), elements=entries),
    arrays(np.float64, (2,), elements=entries),
)
def test_no_rank1_matrix_is_closer_than_sigma1_u1_v1(m, x, y):
    other = np.outer(x, y)
    best = np.linalg.norm(m - rank1(m))
    assert np.linalg.norm(m - other) >= best - 1e-9


def test_storage_of_the_compression_example():
    assert storage(1000, 1000, 50) == 100_050
    assert storage(PICTURE_SIDE, PICTURE_SIDE, 5) == 245
    assert storage(2, 2, 1) == 5


@given(st.floats(0.2, 8))
def test_view_fits_the_ellipse_and_its_labels(sigma1):
    unit = view_unit(sigma1, 4.5, 3.3)
    assert 0.2 <= unit <= 1.6
    assert max(1.0, sigma1) * unit + 0.5 <= 3.3 + 1e-9


@given(st.floats(8, 1000))
def test_view_has_no_floor_so_large_stretches_fit(sigma1):
    unit = view_unit(sigma1, 4.5, 3.3)
    assert 0 < unit and sigma1 * unit + 0.5 == pytest.approx(3.3)


def test_degrees_read_with_a_true_minus():
    assert degree_text(-61.85) == "\N{MINUS SIGN}62\N{DEGREE SIGN}"
    assert degree_text(28.2) == "28\N{DEGREE SIGN}"


def test_each_kind_of_unusable_matrix_says_why():
    assert "singular" in svd_problem(np.array([[1.0, 2], [2, 4]]))
    assert "zero matrix" in svd_problem(np.zeros((2, 2)))
    assert "alike" in svd_problem(np.array([[0.0, -1], [1, 0]]))
    assert "nearly singular" in svd_problem(np.array([[3.0, 0], [0, 0.1]]))
    assert "too small to see" in svd_problem(np.array([[20.0, 0], [0, 5]]))
    assert "5 or more digits" in svd_problem(np.array([[12345.0, 0], [0, 1]]))
    assert svd_problem(np.array([[6.0, 1], [0, 2]])) is None  # over the old cap
    assert "too small to see" in svd_problem(np.array([[9.0, 0], [0, 1]]))
    assert svd_problem(np.array([[1.5, 2], [0, 1.5]])) is None


@given(matrices)
def test_rotate_or_reflect_words_follow_the_signs_of_det_u_and_det_v(m):
    # "every matrix is a rotation, a stretch and a rotation" is false when
    # det A < 0: the words come from the factors' determinants instead
    assume(svd_problem(m) is None)
    u, _, vt = svd2(m)
    kinds = factor_kinds(m)
    for kind, f in zip(kinds, (vt, u), strict=True):
        assert kind == ("rotates" if np.linalg.det(f) > 0 else "reflects")
    assert kinds[0] == "rotates"  # the lesson's convention: V is a rotation
    assert (kinds[1] == "reflects") == (np.linalg.det(m) < 0)
    assert f"{kinds[0][:-1]}, scale, {kinds[1][:-1]}" in recap_line(m)
    assert len(recap_line(m)) <= 60  # one line on the recap card


@given(st.floats(0.01, 20, allow_nan=False))
def test_scale_words_say_stretch_only_for_factors_above_one(s):
    words = scale_words(s, "across")
    assert ("stretches" in words) == (s > 1)
    assert ("shrinks" in words) == (s < 1)


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.floats(-5, 5, allow_nan=False),
    ),
    st.integers(0, 6),
)
def test_kept_energy_is_the_share_of_the_sum_of_squares_the_copy_keeps(img, k):
    total = float(np.sum(img * img))
    assume(total > 1e-6)
    copy = rank_k(img, k)
    assert np.linalg.matrix_rank(copy, tol=1e-7) <= k
    lost = float(np.sum((img - copy) ** 2))
    assert kept_energy(img, k) == pytest.approx(1 - lost / total, abs=1e-7)
    assert kept_energy(img, k) <= kept_energy(img, k + 1) + 1e-12
    if k >= min(img.shape):
        assert kept_energy(img, k) == pytest.approx(1.0)
        assert np.allclose(copy, img, atol=1e-7)


def test_the_picture_is_a_grey_image_whose_energy_climbs_with_rank():
    img = picture()
    assert img.shape == (PICTURE_SIDE, PICTURE_SIDE)
    assert 0 <= img.min() and img.max() <= 1
    energies = [kept_energy(img, k) for k in RANKS]
    assert energies == sorted(energies) and energies[-1] > 0.95 > energies[0]
    assert np.array_equal(shades(np.array([[-0.2, 0.5, 1.3]])), [[0, 0.5, 1]])


# -- what the scene shows ------------------------------------------------------------


@pytest.fixture(scope="module")
def scenes():
    entry = load_course().get(SLUG)
    return {"default": construct_only(entry, {}), "other": construct_only(entry, OTHER)}


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a = scene.args.matrix
    u, s, vt = svd2(a)
    flipped = np.linalg.det(a) < 0
    shown = "\n".join(t for beat in scene.timeline.beats for t in beat.shown)
    keep1, keep2 = truncation_errors(a)
    assert f"A = {tex_matrix(a)}" in shown
    assert rf"\sigma_1 = {fmt(s[0])}" in shown and rf"\sigma_2 = {fmt(s[1])}" in shown
    assert f"V^T = {tex_matrix(vt)}" in shown
    assert rf"\Sigma = {tex_matrix(np.diag(s))}" in shown
    assert f"U = {tex_matrix(u)}" in shown
    assert f"rotate {degree_text(turn_angle(vt))}" in shown
    turn_u = f"rotate {degree_text(turn_angle(u))}"
    assert ("reflect: flip, " + turn_u if flipped else turn_u) in shown
    assert rf"A_1 = \sigma_1 u_1 v_1^T = {tex_matrix(rank1(a))}" in shown
    assert rf"\|A - \sigma_1 u_1 v_1^T\| = {fmt(keep1)}" in shown
    assert rf"\|A - \sigma_2 u_2 v_2^T\| = {fmt(keep2)}" in shown
    img = picture()
    n = PICTURE_SIDE
    k = RANKS[-1]  # the rank shown when the beat ends
    energy = round(100 * kept_energy(img, k))
    cost = storage(n, n, k)
    line = f"rank {k}: keeps {energy}% of the sum of squares, in {cost} of {n * n}"
    assert line in shown
    assert recap_line(a) in shown
    for beat in scene.timeline.beats:
        assert not beat.warnings, (beat.index, beat.warnings)


def test_narration_uses_the_same_numbers(scenes):
    says = " ".join(b.say for b in scenes["default"].timeline.beats)
    _, s, _ = svd2(scenes["default"].args.matrix)
    assert f"{fmt(s[0])} and {fmt(s[1])}" in says
    assert "62 degrees clockwise" in says and "28 degrees counter-clockwise" in says
    other = " ".join(b.say for b in scenes["other"].timeline.beats)
    assert "reflects it: it flips it over and then rotates it" in other
    assert "Here V transpose rotates, and U reflects" in other
    assert "Here V transpose rotates, and U rotates" in says


@pytest.mark.parametrize("which", ["default", "other"])
def test_arrows_are_labelled_by_what_they_are_after_each_step(scenes, which):
    # after V transpose the arrows are e1, e2; after Sigma sigma_i e_i (not v1, v2)
    beats = scenes[which].timeline.beats
    vt_beat = next(b for b in beats if b.text.startswith("First V transpose"))
    sigma_beat = next(b for b in beats if b.text.startswith("Then Sigma"))
    assert "e_1" in vt_beat.shown and "v_1" not in vt_beat.shown
    assert r"\sigma_1 e_1" in sigma_beat.shown and "v_1" not in sigma_beat.shown


def test_exactly_one_key_beat(scenes):
    assert sum(b.key for b in scenes["default"].timeline.beats) == 1


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ([[1, 2], [2, 4]], "singular"),
        ([[0, 0], [0, 0]], "zero matrix"),
        ([[0, -1], [1, 0]], "no direction is the largest"),
        ([[20, 0], [0, 5]], "radius and its arrows are under 0.4 scene units"),
        ([[12345, 1], [0, 2]], "5 or more digits"),
        ([[1, 2, 3]], "shape 1x3"),
    ],
)
def test_bad_matrices_fail_with_one_line(bad, why):
    with pytest.raises(ParamError) as error:
        SVD.resolve_args({"matrix": bad}, lesson=SLUG)
    message = str(error.value)
    assert message.startswith(f"{SLUG}: parameter 'matrix'")
    assert why in message
    assert "\n" not in message


def test_flip_is_a_reflection():
    assert np.linalg.det(FLIP) == -1


@pytest.mark.parametrize(
    "matrix",
    [
        [[4, 1], [-2, 3]],  # at the old cap of 4
        [[6, 1], [0, 2]],  # refused before the view scaled ("larger than 4")
        [[5, 2], [-1, 6]],
    ],
)
def test_large_matrices_scale_the_view_instead_of_being_refused(matrix):
    scene = construct_only(load_course().get(SLUG), {"matrix": matrix})
    sigma1 = svd2(scene.args.matrix)[1][0]
    # the ellipse's far ends are on screen, clear of the caption band
    assert scene.view.unit * sigma1 <= 3.45
    assert scene.view.unit >= 0.4  # the kit's MIN_ARROW: arrows of length 1 show
    assert not scene.timeline.warnings
