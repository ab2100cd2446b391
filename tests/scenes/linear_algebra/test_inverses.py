"""The inverses lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec, tex_matrix
from scenes.linear_algebra.inverses import (
    DATA_T,
    DATA_Y,
    SINGULAR,
    SINGULAR_POINT,
    Inverses,
    adjugate,
    column_words,
    combo_tex,
    design_matrix,
    determinant,
    inverse,
    misses,
    normal_equations,
    null_vector,
    residual,
    solve,
    transform,
    twin,
    undo_columns,
)
from scenes.style import CONTENT_BOTTOM

entries = st.floats(-4, 4, allow_nan=False)
matrices = arrays(np.float64, (2, 2), elements=entries)
vectors = arrays(np.float64, (2,), elements=entries)


# -- the math on its own ---------------------------------------------------------------


@given(matrices)
def test_the_inverse_undoes_the_matrix(m):
    assume(abs(determinant(m)) > 0.05)
    inv = inverse(m)
    assert np.allclose(inv @ m, np.eye(2), atol=1e-9)
    assert np.allclose(m @ inv, np.eye(2), atol=1e-9)
    assert np.allclose(inv, np.linalg.inv(m), atol=1e-9)
    # the recipe: A adj(A) = det(A) I
    assert np.allclose(m @ adjugate(m), determinant(m) * np.eye(2), atol=1e-9)


@given(matrices, vectors)
def test_the_solve_lands_on_b(m, b):
    assume(abs(determinant(m)) > 0.05)
    x = solve(m, b)
    assert residual(m, x, b) <= 1e-9 * (1 + np.abs(x).max())
    assert np.allclose(transform(inverse(m), transform(m, x)), x, atol=1e-8)


def test_the_default_problem_has_whole_numbers():
    a, b = np.array([[2, 1], [1, 3]]), np.array([5, 5])
    assert np.allclose(inverse(a), [[0.6, -0.2], [-0.2, 0.4]])
    assert np.allclose(solve(a, b), [2, 1])
    assert residual(a, solve(a, b), b) < 1e-12


def test_a_singular_matrix_has_no_inverse():
    with pytest.raises(ZeroDivisionError):
        inverse(np.array([[1.0, 2.0], [2.0, 4.0]]))


@given(vectors, vectors, vectors)
def test_a_singular_matrix_sends_two_points_to_one(u, w, p):
    assume(np.linalg.norm(u) > 0.1 and np.linalg.norm(w) > 0.1)
    s = np.outer(u, w)  # rank one
    n = null_vector(s)
    assert np.linalg.norm(n) > 0
    assert np.allclose(transform(s, n), 0, atol=1e-9)
    q = twin(s, p)
    assert not np.allclose(q, p)
    assert np.allclose(transform(s, q), transform(s, p), atol=1e-9)


def test_the_fixed_singular_example():
    assert determinant(SINGULAR) == 0
    q = twin(SINGULAR, SINGULAR_POINT)
    assert np.allclose(q, [0, 1])
    assert np.allclose(transform(SINGULAR, q), [2, 1])
    assert np.allclose(transform(SINGULAR, SINGULAR_POINT), [2, 1])


# -- what the lesson shows ------------------------------------------------------------------

OTHER = {"matrix": [[1, -1], [1, 2]], "b": [-1, 4]}  # x = (2/3, 5/3)


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("inverses")
    return {"default": construct_only(entry, {}), "other": construct_only(entry, OTHER)}


def _all_shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a, b = scene.args.matrix, scene.args.b
    inv, x = inverse(a), solve(a, b)
    shown = _all_shown(scene)
    # a long formula may continue on the card's next row
    rows = [" ".join(beat.shown) for beat in scene.timeline.beats]
    assert any(s.endswith(tex_matrix(inv)) and s.startswith("A^{-1}") for s in shown)
    # A^-1 A = I, from the matrices on screen
    product = tex_matrix(inv) + " " + tex_matrix(a) + " = " + tex_matrix(np.eye(2))
    assert any(product in s for s in rows)
    # the recipe: 1/det times the adjugate
    recipe = rf"\frac{{1}}{{{fmt(determinant(a))}}} {tex_matrix(adjugate(a))}"
    assert any(recipe in s for s in shown)
    # the answer, x = A^-1 b, and the check A x = b
    answer = f"{tex_matrix(inv)} {tex_matrix(b)} = {tex_matrix(x)}"
    assert any(answer in s for s in rows)
    check = f"{tex_matrix(x)} = {tex_matrix(transform(a, x))} = b"
    assert any(check in s for s in shown)
    assert tex_matrix(transform(a, x)) == tex_matrix(b)
    key = next(beat for beat in scene.timeline.beats if beat.key)
    assert fmt_vec(x) in key.text
    assert not scene.timeline.warnings


def test_the_singular_example_on_screen(scenes):
    shown = _all_shown(scenes["default"])
    assert r"\det S = 0" in shown
    assert any(
        s.startswith("S " + tex_matrix(SINGULAR_POINT))
        and s.endswith(tex_matrix([2, 1]))
        for s in shown
    )
    assert "no way back: S has no inverse" in shown


@pytest.mark.parametrize(
    ("given_args", "name", "why"),
    [
        ({"matrix": [[1, 2], [2, 4]]}, "matrix", "singular"),
        ({"matrix": [[0, 0], [0, 0]]}, "matrix", "singular"),
        ({"matrix": [[1, 0], [0, 0.01]]}, "matrix", "too large"),
        ({"matrix": [[40, 3], [-2, 7]], "b": [20, -12]}, "matrix", "too short"),
        ({"b": [12345, 1]}, "b", "5 or more digits"),
        ({"matrix": [[1, 2]]}, "matrix", "shape"),
        ({"b": [1, 2, 3]}, "b", "3 entries"),
        ({"b": "up"}, "b", "not a list"),
        ({"matrix": [[1, 0], [0, 0.2]], "b": [0, 4]}, "b", "x = (0, 20)"),
    ],
)
def test_bad_parameters_fail_with_one_line(given_args, name, why):
    with pytest.raises(ParamError) as error:
        Inverses.resolve_args(given_args, lesson="inverses")
    message = str(error.value)
    assert f"parameter '{name}'" in message
    assert why in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "given_args",
    [
        {"matrix": [[4, 1], [-2, 3]], "b": [6, -6]},  # at the old caps
        {"matrix": [[9, 0], [0, 1]]},  # refused before the view scaled
        {"matrix": [[8, 3], [-2, 7]], "b": [10, -6]},
        {"matrix": [[1, 0], [0, 0.2]], "b": [0, 1.8]},  # x = (0, 9): over the old 6
    ],
)
def test_large_values_scale_the_view_instead_of_being_refused(course, given_args):
    scene = construct_only(course.get("inverses"), given_args)
    a, b = scene.args.matrix, scene.args.b
    for p in (b, solve(a, b), a[:, 0], a[:, 1]):
        x, y, _ = scene.view.point(p)
        assert abs(x) <= 7.1 and CONTENT_BOTTOM <= y <= 4.0
    assert not scene.timeline.warnings


# -- the derivation and the machine-learning beat (issue 14) ----------------------


@given(matrices)
def test_the_vectors_a_sends_onto_the_axes_are_the_inverse_columns(m):
    det = determinant(m)
    p, q, ap, aq = undo_columns(m)
    assert np.allclose(ap, [det, 0], atol=1e-9)
    assert np.allclose(aq, [0, det], atol=1e-9)
    assert np.allclose(m @ p, ap) and np.allclose(m @ q, aq)
    assume(abs(det) > 0.05)
    assert np.allclose(np.column_stack([p, q]) / det, np.linalg.inv(m), atol=1e-6)


@given(matrices)
def test_the_column_words_follow_the_numbers(m):
    assume(determinant(m) != 0)
    c = m[1, 0]
    first, said = column_words(m, 0)
    assert ("first column minus" in first) == fmt(-c).startswith("-")
    assert fmt_vec(undo_columns(m)[2]) in first
    assert "over" in said and "(" not in said
    second, _ = column_words(m, 1)
    assert fmt_vec(undo_columns(m)[3]) in second and "recipe" in second
    assert combo_tex([3, -1], np.eye(2)).count("-") == 1


def test_normal_equations_give_the_least_squares_line():
    xtx, xty, w = normal_equations(DATA_T, DATA_Y)
    x = design_matrix(DATA_T)
    assert x.shape == (5, 2)  # tall: no inverse
    best, *_ = np.linalg.lstsq(x, DATA_Y, rcond=None)
    assert np.allclose(w, best)
    assert np.allclose(w, [1.0, 0.9])
    assert determinant(xtx) == pytest.approx(50)
    assert np.allclose(xtx, [[5, 10], [10, 30]]) and np.allclose(xty, [14, 37])
    gaps = misses(DATA_T, DATA_Y, w)
    assert np.any(np.abs(gaps) > 1e-9)  # no line hits every point
    assert abs(float(gaps.sum())) < 1e-9  # least squares: misses balance


@given(
    arrays(np.float64, (6,), elements=st.floats(-5, 5)),
    arrays(np.float64, (6,), elements=st.floats(-5, 5)),
)
def test_normal_equations_match_lstsq_whenever_the_inputs_differ(t, y):
    assume(np.ptp(t) > 0.1)
    _, _, w = normal_equations(t, y)
    best, *_ = np.linalg.lstsq(design_matrix(t), y, rcond=None)
    assert np.allclose(w, best, atol=1e-6)


def test_the_lesson_no_longer_says_least_squares_solves_ax_b(scenes):
    said = " ".join(b.say for b in scenes["default"].timeline.beats)
    assert "least squares regression solves" not in said.lower()
    assert "X transpose X w equals X transpose y" in said
    assert "not square, so it has no inverse" in said
    chapters = [b.chapter for b in scenes["default"].timeline.beats if b.chapter]
    assert chapters[-2:] == ["In machine learning", "Recap"]
    assert "Why the recipe" in chapters
