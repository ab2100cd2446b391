"""The change-of-basis lesson: its math alone, then what it shows and says."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.practice import answer_text, check
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt_vec, tex_matrix
from scenes.linear_algebra.change_of_basis import (
    MIN_ANGLE,
    ChangeOfBasis,
    basis_matrix,
    basis_problem,
    chain,
    covariance,
    data_cloud,
    decorrelate,
    eigen_directions,
    in_basis,
    inverse,
    is_diagonal,
    practice,
    principal_basis,
    seen_words,
    to_basis,
    to_standard,
    whiten,
)

vectors = arrays(np.float64, (2,), elements=st.floats(-4, 4, allow_nan=False))
matrices = arrays(np.float64, (2, 2), elements=st.floats(-3, 3, allow_nan=False))
small_ints = arrays(np.int64, (2, 2), elements=st.integers(-3, 3))


def _angle(u, w) -> float:
    """Angle in degrees between the lines of u and w (independent of the lesson)."""
    cos = abs(float(np.dot(u, w))) / (np.linalg.norm(u) * np.linalg.norm(w))
    return math.degrees(math.acos(min(1.0, cos)))


@st.composite
def bases(draw):
    """A usable basis P (columns b1, b2): at least MIN_ANGLE + 1 degrees apart."""
    b1 = draw(vectors)
    b2 = draw(vectors)
    assume(np.linalg.norm(b1) > 0.5 and np.linalg.norm(b2) > 0.5)
    assume(_angle(b1, b2) > MIN_ANGLE + 1)
    return basis_matrix(b1, b2)


# -- the math -----------------------------------------------------------------------


@given(bases(), vectors)
def test_p_c_is_c1_b1_plus_c2_b2(p, c):
    explicit = c[0] * p[:, 0] + c[1] * p[:, 1]
    assert np.allclose(to_standard(p, c), explicit, atol=1e-12)


@given(bases(), vectors)
def test_p_inverse_translates_back(p, c):
    v = to_standard(p, c)
    assert np.allclose(to_basis(p, v), c, atol=1e-9)
    assert np.allclose(inverse(p), np.linalg.inv(p), atol=1e-9)
    assert np.allclose(inverse(p) @ p, np.eye(2), atol=1e-9)


def test_a_dependent_basis_has_no_inverse():
    with pytest.raises(ValueError, match="not a basis"):
        inverse([[1, 2], [2, 4]])


@given(vectors, vectors)
def test_basis_refused_exactly_when_parallel_or_zero(b1, b2):
    problem = basis_problem(b1, b2)
    if np.linalg.norm(b1) < 1e-9 or np.linalg.norm(b2) < 1e-9:
        assert problem and "zero vector" in problem
        return
    angle = _angle(b1, b2)
    assume(abs(angle - MIN_ANGLE) > 1e-6)
    assert (problem is None) == (angle > MIN_ANGLE)


@pytest.mark.parametrize(
    ("b1", "b2", "why"),
    [
        ((1, 2), (2, 4), "multiple of b1"),
        ((1, 2), (-3, -6), "multiple of b1"),
        ((1, 0), (1, 0.1), "nearly parallel (5.7 degrees apart)"),
        ((0, 0), (1, 1), "b1 is the zero vector"),
    ],
)
def test_basis_problem_names_the_cause(b1, b2, why):
    assert why in basis_problem(b1, b2)


@given(matrices, bases(), vectors)
def test_p_inverse_a_p_is_a_seen_in_the_new_basis(a, p, x):
    # the b-coordinates of x, transformed by P^-1 A P, are the b-coordinates of A x
    c = np.linalg.solve(p, x)
    assert np.allclose(in_basis(a, p) @ c, np.linalg.solve(p, a @ x), atol=1e-7)


@given(matrices, bases(), vectors)
def test_the_three_steps_end_at_p_inverse_a_p_c(a, p, c):
    _, x1, x2, x3 = chain(a, p, c)
    assert np.allclose(x1, p @ c) and np.allclose(x2, a @ p @ c)
    assert np.allclose(x3, in_basis(a, p) @ c, atol=1e-7)


def _is_eigenvector(a, b) -> bool:
    image = a @ b
    cross = image[0] * b[1] - image[1] * b[0]
    return abs(cross) <= 1e-7 * max(1.0, np.linalg.norm(image)) * np.linalg.norm(b)


def _diagonalizable_over_reals(a) -> bool:
    values = np.linalg.eigvals(a)
    if np.max(np.abs(values.imag)) > 1e-9:
        return False
    if np.allclose(a, a[0, 0] * np.eye(2)):
        return True
    return abs(values[0] - values[1]) > 1e-6


@st.composite
def transformations(draw):
    """Matrices of every kind: an eigenbasis given, a rotation, a shear, anything."""
    kind = draw(st.sampled_from(["eigen", "one-eigen", "any", "rotation", "shear"]))
    p = draw(bases())
    if kind == "eigen":
        d = np.diag(draw(st.lists(st.integers(-3, 3), min_size=2, max_size=2)))
        return p @ d @ np.linalg.inv(p), p
    if kind == "one-eigen":
        m = np.array([[draw(st.integers(-3, 3)), draw(st.integers(1, 3))],
                      [0, draw(st.integers(-3, 3))]], dtype=float)  # fmt: skip
        return p @ m @ np.linalg.inv(p), p
    if kind == "rotation":
        return np.array([[0.0, -1.0], [1.0, 0.0]]), p
    if kind == "shear":
        return np.array([[1.0, 1.0], [0.0, 1.0]]), p
    return draw(small_ints).astype(float), p


@given(transformations())
def test_key_words_match_the_case(case):
    a, p = case
    caption, said = seen_words(a, p)
    m = in_basis(a, p)
    scale = max(1.0, float(np.max(np.abs(m))))
    assume(all(abs(x) < 1e-12 * scale or abs(x) > 1e-6 for x in (m[0, 1], m[1, 0])))
    eig = [_is_eigenvector(a, p[:, 0]), _is_eigenvector(a, p[:, 1])]
    if all(eig):
        assert caption.startswith("It is diagonal")
        assert "b1 and b2 are eigenvectors of A" in caption
        assert "b one and b two are eigenvectors of A" in said
    elif any(eig):
        j = 1 if eig[0] else 2
        assert f"not diagonal: b{j} is an eigenvector of A" in caption
        assert f"b {j} is an eigenvector" in said
    else:
        assert "neither is an eigenvector" in caption
    if not all(eig):
        would = "With A's eigenvectors as the basis, it would be diagonal."
        never = "no basis makes it diagonal"
        if _diagonalizable_over_reals(a):
            assert would in caption and never not in caption
        else:
            assert never in caption and would not in caption


@given(transformations())
def test_is_diagonal_exactly_when_both_basis_vectors_are_eigenvectors(case):
    a, p = case
    m = in_basis(a, p)
    scale = max(1.0, float(np.max(np.abs(m))))
    assume(all(abs(x) < 1e-12 * scale or abs(x) > 1e-6 for x in (m[0, 1], m[1, 0])))
    both = _is_eigenvector(a, p[:, 0]) and _is_eigenvector(a, p[:, 1])
    assert is_diagonal(m) == both


def test_default_words_are_the_diagonal_case():
    caption, said = seen_words([[1, 1.5], [0.5, 0]], basis_matrix((3, 1), (-1, 1)))
    assert caption == (
        "It is diagonal: in this basis A only scales, b1 by 1.5 and b2 by -0.5. So "
        "b1 and b2 are eigenvectors of A."
    )
    assert "b two by minus 0.5" in said


@given(transformations())
def test_eigen_directions_are_independent_eigenvectors(case):
    a, _ = case
    q = eigen_directions(a)
    if q is None:
        assert not _diagonalizable_over_reals(a)
        return
    assert abs(np.linalg.det(q)) > 1e-6
    for j in (0, 1):
        assert _is_eigenvector(a, q[:, j])
    # and in that basis A is diagonal: the claim the words make
    m = np.linalg.inv(q) @ a @ q
    assert abs(m[0, 1]) < 1e-6 * max(1, np.abs(m).max())
    assert abs(m[1, 0]) < 1e-6 * max(1, np.abs(m).max())


def test_covariance_matches_numpy_and_the_sample_moves_together():
    x = data_cloud()
    assert np.allclose(covariance(x), np.cov(x.T))
    assert covariance(x)[0, 1] > 0.3


@given(st.integers(0, 10_000))
def test_pca_basis_makes_the_covariance_diagonal(seed):
    x = data_cloud(seed=seed)
    s = covariance(x)
    variances, q = principal_basis(s)
    assert np.allclose(q.T @ q, np.eye(2)) and np.linalg.det(q) == pytest.approx(1)
    assert q[0, 0] >= 0 and variances[0] >= variances[1]
    y = decorrelate(x, q)
    rotated = np.cov(y.T)  # the covariance of the drawn, rotated points
    assert np.allclose(rotated, np.linalg.inv(q) @ s @ q, atol=1e-12)
    assert np.allclose(rotated, np.diag(variances), atol=1e-12)
    assert np.allclose(np.cov(whiten(y).T), np.eye(2), atol=1e-12)


# -- what the lesson shows ------------------------------------------------------------

OTHER = {
    "basis": [[2, 1], [-1, 2]],
    "transformation": [[0, -1], [1, 0]],
    "coords": [2, -1],
}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("change-of-basis")
    return [construct_only(entry, {}), construct_only(entry, OTHER)]


def _shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize("which", [0, 1])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    basis = np.asarray(scene.args["basis"], dtype=float)
    a = np.asarray(scene.args["transformation"], dtype=float)
    c = np.asarray(scene.args["coords"], dtype=float)
    p = basis.T  # b1, b2 as columns, computed here without the lesson
    v = p @ c
    shown = _shown(scene)
    assert rf"v_{{\text{{standard}}}} = {fmt_vec(v)}" in shown
    assert rf"v_{{\text{{new}}}} = {fmt_vec(c)}" in shown
    assert f"b_1 = {fmt_vec(basis[0])}" in shown
    assert f"P = {tex_matrix(p)}" in shown
    assert rf"P^{{-1}} = {tex_matrix(np.linalg.inv(p))}" in shown
    assert f"P c = {fmt_vec(v)}" in shown
    assert f"A P c = {fmt_vec(a @ v)}" in shown
    assert rf"P^{{-1}} A P c = {fmt_vec(np.linalg.solve(p, a @ v))}" in shown
    m = np.linalg.inv(p) @ a @ p
    assert rf"P^{{-1}} A P = {tex_matrix(m)}" in shown
    assert not scene.timeline.warnings


def test_the_pca_numbers_on_screen(scenes):
    shown = _shown(scenes[0])
    x = data_cloud()
    s = np.cov(x.T)
    assert rf"\Sigma = {tex_matrix(s)}" in shown
    values = np.sort(np.linalg.eigvalsh(s))[::-1]
    assert rf"Q^{{-1}} \Sigma Q = {tex_matrix(np.diag(values))}" in shown


def test_key_words_follow_the_case(scenes):
    default, other = ([b for b in s.timeline.beats if b.key] for s in scenes)
    assert len(default) == len(other) == 1
    assert "It is diagonal: in this basis A only scales" in default[0].text
    assert "not diagonal" in other[0].text
    assert "no basis makes it diagonal" in other[0].text  # a rotation


def test_chapters_and_numbers_spoken_rounded(scenes):
    beats = scenes[0].timeline.beats
    chapters = [b.chapter for b in beats if b.chapter]
    assert chapters[0] == "Introduction" and chapters[-1] == "Recap"
    assert "In machine learning" in chapters
    said = " ".join(b.say for b in beats)
    assert "minus 0.5" in said and "-0.5" not in said
    assert "0.81" in " ".join(b.text for b in beats) and "0.81" in said


@pytest.mark.parametrize(
    ("name", "bad", "why"),
    [
        ("basis", [[1, 2], [2, 4]], "b2 is a multiple of b1"),
        ("basis", [[1, 0], [1, 0.1]], "nearly parallel"),
        ("basis", [[0, 0], [1, 1]], "b1 is the zero vector"),
        ("basis", [[9, 1], [0, 1]], "too fine to read"),
        ("basis", [[0.3, 0], [0, 1]], "too short to draw"),
        ("transformation", [[1, 2], [1, 2]], "squashes the plane"),
        ("transformation", [[5, 0], [0, 1]], "off the screen"),
        ("coords", [0, 0], "no visible arrow"),
        ("coords", [4, 0], "do not fit"),
        ("basis", "cat", "2x2 matrix"),
    ],
)
def test_bad_parameters_fail_with_one_line(name, bad, why):
    with pytest.raises(ParamError) as error:
        ChangeOfBasis.resolve_args({name: bad}, lesson="change-of-basis")
    message = str(error.value)
    assert message.startswith(f"change-of-basis: parameter '{name}'")
    assert why in message and "\n" not in message


def test_an_off_diagonal_shown_as_zero_but_not_zero_is_refused():
    # the default A is diagonal in the default basis; nudge it a hair
    with pytest.raises(ParamError) as error:
        ChangeOfBasis.resolve_args(
            {"transformation": [[1.001, 1.5], [0.5, 0]]}, lesson="change-of-basis"
        )
    message = str(error.value)
    assert "shown as 0 but not zero" in message and "\n" not in message


# -- practice -------------------------------------------------------------------------


def _numbers(text: str) -> list[np.ndarray]:
    found = re.findall(r"\((-?\d+(?:\.\d+)?), (-?\d+(?:\.\d+)?)\)", text)
    return [np.array([float(x), float(y)]) for x, y in found]


def _bmatrices(text: str) -> list[np.ndarray]:
    found = re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", text)
    return [
        np.array([[float(x) for x in row.split("&")] for row in body.split(r"\\")])
        for body in found
    ]


@pytest.mark.parametrize("seed", range(40))
def test_practice_answers_match_an_independent_computation(seed):
    ex1, ex2, ex3, ex4 = practice(seed)
    b1, b2, c = _numbers(ex1.prompt)
    assert np.allclose(ex1.answer, c[0] * b1 + c[1] * b2)
    b1, b2, v = _numbers(ex2.prompt)
    assert np.allclose(ex2.answer, np.linalg.solve(np.column_stack([b1, b2]), v))
    p, a = _bmatrices(ex3.prompt)
    assert np.allclose(ex3.answer, np.linalg.inv(p) @ a @ p)
    u, w = _numbers(ex4.prompt)
    independent = abs(np.linalg.det(np.column_stack([u, w]))) > 1e-9
    assert ex4.answer == ex4.choices[0 if independent else 1]
    for ex in (ex1, ex2, ex3, ex4):
        assert check(ex, str(ex.answer) if ex.kind == "choice" else answer_text(ex))
        # friendly numbers: at most 3 decimals in the prompt
        assert all(len(d) <= 3 for d in re.findall(r"\d+\.(\d+)", ex.prompt))
