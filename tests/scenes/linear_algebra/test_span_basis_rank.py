"""The span-basis-rank lesson: its math alone, then what it shows and says."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.practice import Exercise
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec
from scenes.linear_algebra.span_basis_rank import (
    FEATURE,
    SAMPLE_X,
    SWEEP,
    TARGET,
    SpanBasisRank,
    column_combination,
    column_relation,
    combination,
    coordinates,
    copied_features,
    fitted_sum,
    near_lower_rank,
    practice,
    predictions,
    rank,
    rank_words,
    shortest_weights,
    span_words,
    sweep_coefficients,
)

small = st.integers(-6, 6)
int_vectors = st.tuples(small, small).map(lambda t: np.array(t, dtype=float))
vectors = arrays(np.float64, (2,), elements=st.floats(-20, 20, allow_nan=False))
scalars = st.floats(-5, 5, allow_nan=False)


def _det(v, w) -> float:
    """Independent of the lesson: the 2x2 determinant of the columns v, w."""
    return float(v[0] * w[1] - v[1] * w[0])


@st.composite
def pairs(draw):
    """Two integer vectors: half of the time the second is a multiple of the first."""
    v = draw(int_vectors)
    if draw(st.booleans()):
        return v, draw(st.sampled_from([-3.0, -1.5, -1.0, 0.0, 0.5, 2.0])) * v
    return v, draw(int_vectors)


# -- the math -----------------------------------------------------------------------


@given(scalars, scalars, vectors, vectors)
def test_combination_scales_and_adds(a, b, v, w):
    assert np.allclose(combination(a, b, v, w), a * v + b * w)


@given(arrays(np.float64, (2, 2), elements=st.integers(-9, 9).map(float)))
def test_rank_matches_numpy_on_integer_matrices(m):
    assert rank(m) == np.linalg.matrix_rank(m)


@given(pairs())
def test_span_words_follow_an_independent_determinant(pair):
    v, w = pair
    caption, said = span_words(v, w)
    assert caption == said
    if _det(v, w) != 0:
        assert caption == "v and w point different ways: their span is the whole plane."
    elif np.any(v) or np.any(w):
        assert caption == "v and w are parallel: their span is only a line."
    else:
        assert "only the origin" in caption


@given(pairs(), int_vectors)
def test_every_point_is_reached_exactly_when_the_rank_is_2(pair, p):
    v, w = pair
    if _det(v, w) != 0:
        a, b = coordinates(p, v, w)
        assert np.allclose(combination(a, b, v, w), p)
    else:
        with pytest.raises(ValueError, match="not a basis"):
            coordinates(p, v, w)


@given(vectors, scalars, scalars, scalars)
def test_combinations_of_a_parallel_pair_are_multiples_of_v(v, c, a, b):
    assert np.allclose(combination(a, b, v, c * v), (a + c * b) * v)


@given(st.floats(0, 1))
def test_the_dials_stay_within_the_sweep(t):
    a, b = sweep_coefficients(t)
    assert abs(a) <= SWEEP + 1e-12 and abs(b) <= SWEEP + 1e-12
    assert np.allclose(sweep_coefficients(0.0), sweep_coefficients(1.0))


@given(arrays(np.float64, (2, 2), elements=st.floats(-9, 9)), vectors)
def test_a_x_is_a_combination_of_the_columns(m, x):
    assert np.allclose(column_combination(m, x), m @ x)


@given(int_vectors, st.integers(-4, 4), st.booleans())
def test_column_relation_rebuilds_a_rank_1_matrix(col, k, swap):
    assume(np.any(col))
    m = np.column_stack([col, k * col])
    if swap:
        m = m[:, ::-1]
    base, other, c = column_relation(m)
    assert base != other
    assert np.allclose(m[:, other], c * m[:, base])


def test_column_relation_refuses_other_ranks():
    with pytest.raises(ValueError, match="rank 1"):
        column_relation(np.eye(2))


@given(int_vectors, st.sampled_from([-2.0, -0.5, 0.0, 1.0, 3.0]), int_vectors)
def test_rank_words_say_what_a_does(col, k, x):
    assume(np.any(col))
    for m in (np.column_stack([col, k * col]), np.column_stack([k * col, col])):
        assume(np.any(m))
        words = rank_words(m)
        assert rank(m) == 1
        assert "squashes the whole plane onto that line" in words["key"]
        assert words["key"].endswith("rank A = 1.")
        base, other, c = column_relation(m)
        assert f"column {other + 1} is {fmt(c)} times column {base + 1}" in words["why"]
        # the spoken formula is true: A x = (x_base + c x_other) col_base
        assert np.allclose(m @ x, (x[base] + c * x[other]) * m[:, base])
    full = np.array([[1.0, 0.0], [float(col[0]), 1.0]])
    assert rank_words(full)["key"].endswith("rank A = 2.")
    assert "whole plane" in rank_words(full)["why"]


def test_rank_words_for_the_default_matrix():
    words = rank_words(np.array([[1, 2], [0.5, 1]]))
    assert "column 2 is 2 times column 1, so A x = (x₁ + 2 x₂) col₁" in words["why"]
    assert words["formula"] == r"A x = (x_1 + 2\,x_2)\,\mathrm{col}_1"


def test_zero_matrix_has_rank_0_and_no_words():
    assert rank(np.zeros((2, 2))) == 0
    with pytest.raises(ValueError):
        rank_words(np.zeros((2, 2)))


def test_near_lower_rank():
    assert near_lower_rank([[1, 2], [0.5, 1.01]])
    assert not near_lower_rank([[1, 2], [0.5, 1]])  # exactly rank 1
    assert not near_lower_rank([[2, 1], [1, 3]])


def test_a_copied_feature_drops_the_rank():
    x = copied_features()
    assert x.shape == (len(FEATURE), 2)
    assert np.array_equal(x[:, 0], x[:, 1]) and rank(x) == 1


@given(st.floats(-10, 10))
def test_every_w_on_the_line_makes_the_same_predictions(w1):
    x, s = copied_features(), fitted_sum()
    assert np.allclose(predictions(x, (w1, s - w1)), predictions(x, (s, 0.0)))


def test_the_fitted_sum_is_the_single_feature_fit():
    one, *_ = np.linalg.lstsq(np.array(FEATURE)[:, None], np.array(TARGET), rcond=None)
    assert fitted_sum() == pytest.approx(float(one[0]))
    assert fitted_sum() == pytest.approx(3.0)


def test_least_squares_returns_the_shortest_weights():
    s = fitted_sum()
    w = shortest_weights(copied_features())
    assert w.sum() == pytest.approx(s) and w[0] == pytest.approx(w[1])
    line = np.column_stack(
        [np.linspace(-10, 10, 20001), s - np.linspace(-10, 10, 20001)]
    )
    assert np.linalg.norm(w) <= np.min(np.linalg.norm(line, axis=1)) + 1e-9


# -- what the lesson shows ------------------------------------------------------------

OTHER = {"v": [1, -1], "w": [0.5, 2], "p": [-1, 2], "matrix": [[2, 1], [1, 3]]}
ZERO_COLUMN = {"matrix": [[0, 3], [0, -1.5]]}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("span-basis-rank")
    return [construct_only(entry, args) for args in ({}, OTHER, ZERO_COLUMN)]


def _shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


def _text(scene):
    return " ".join(b.text for b in scene.timeline.beats)


@pytest.mark.parametrize("which", [0, 1, 2])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    v, w, p = (np.asarray(scene.args[k]) for k in ("v", "w", "p"))
    m = np.asarray(scene.args.matrix)
    shown = _shown(scene)
    assert f"v = {fmt_vec(v)}" in shown and f"w = {fmt_vec(w)}" in shown
    assert f"p = {fmt_vec(p)}" in shown
    assert fmt_vec(coordinates(p, v, w)) in shown
    assert rf"\mathrm{{rank}}\,A = {rank(m)}" in shown
    x = np.asarray(SAMPLE_X)
    assert (
        rf"A\,{fmt_vec(x)} = \mathrm{{col}}_1 + \mathrm{{col}}_2 = {fmt_vec(m @ x)}"
        in shown
    )
    assert r"\mathrm{rank}\,X = 1" in shown
    assert f"w_1 + w_2 = {fmt(fitted_sum())}" in shown
    assert (
        rf"\text{{shortest: }} w = {fmt_vec(shortest_weights(copied_features()))}"
        in shown
    )
    assert not scene.timeline.warnings


@pytest.mark.parametrize("which", [0, 1, 2])
def test_words_follow_the_math(scenes, which):
    scene = scenes[which]
    v, w, p = (np.asarray(scene.args[k]) for k in ("v", "w", "p"))
    m = np.asarray(scene.args.matrix)
    text = _text(scene)
    assert span_words(v, w)[0] in text
    assert "v and u are parallel: their span is only a line." in text
    a, b = coordinates(p, v, w)
    assert f"coordinates in this basis are {fmt_vec((a, b))}" in text
    words = rank_words(m)
    assert words["why"] in text and words["key"] in text
    assert sum(b.key for b in scene.timeline.beats) == 1
    key = next(b for b in scene.timeline.beats if b.key)
    assert key.text == words["key"]


def test_the_words_differ_between_rank_1_and_rank_2(scenes):
    default, other, zero_column = (_text(s) for s in scenes)
    assert "So A squashes the whole plane onto that line" in default
    assert "rank A = 1." in default and "rank A = 2." not in default
    assert "A keeps the plane a plane" in other and "rank A = 2." in other
    assert "squashes" not in other
    assert "column 1 is 0 times column 2" in zero_column


def test_numbers_are_spoken_rounded_and_symbols_as_words(scenes):
    said = " ".join(b.say for b in scenes[0].timeline.beats)
    assert "minus 1.5 v" in said and "a minus 1.5 b" in said
    assert "x₁" not in said and "x 1 plus 2 x 2" in said


@pytest.mark.parametrize(
    ("params", "name", "why"),
    [
        ({"w": [4, 2]}, "w", "parallel"),
        ({"w": [2.1, 1]}, "w", "parallel"),
        ({"v": [0.1, 0]}, "v", "no visible arrow"),
        ({"matrix": [[0, 0], [0, 0]]}, "matrix", "zero matrix"),
        ({"matrix": [[1, 2], [0.5, 1.02]]}, "matrix", "nearly parallel"),
        ({"matrix": [[1, 2, 3], [4, 5, 6]]}, "matrix", "2x2"),
        ({"p": "here"}, "p", "not a list"),
    ],
)
def test_bad_parameters_fail_with_one_line(params, name, why):
    with pytest.raises(ParamError) as error:
        SpanBasisRank.resolve_args(params, lesson="span-basis-rank")
    message = str(error.value)
    assert message.startswith(f"span-basis-rank: parameter '{name}'")
    assert why in message and "\n" not in message


# -- practice, checked from the prompts alone ----------------------------------------

NUM = r"-?\d+(?:\.\d+)?"


def _vectors_in(text: str) -> list[np.ndarray]:
    found = re.findall(rf"\(({NUM}(?:, {NUM})+)\)", text)
    return [np.array([float(x) for x in v.split(", ")]) for v in found]


def _matrices_in(text: str) -> list[np.ndarray]:
    found = re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", text)
    return [
        np.array([[float(x) for x in row.split("&")] for row in body.split(r"\\")])
        for body in found
    ]


def independent_answer(ex: Exercise, k: int):
    """The answer computed from the prompt's numbers with plain numpy (not the lesson)."""
    if k == 1:
        v, w, p = _vectors_in(ex.prompt)[:3]
        return np.linalg.solve(np.column_stack([v, w]), p)
    if k == 2:
        v, u = _vectors_in(ex.prompt)[:2]
        return (
            "independent: they span the plane"
            if abs(v[0] * u[1] - v[1] * u[0]) > 1e-9
            else "dependent: they span only a line"
        )
    if k == 3:
        return float(np.linalg.matrix_rank(_matrices_in(ex.prompt)[0]))
    x = _matrices_in(ex.prompt)[0]
    w = _vectors_in(ex.prompt)[0]
    w1 = float(re.search(rf"w_1 = ({NUM})", ex.prompt).group(1))
    # the w2 that keeps X w: solve X (w1, w2) = X w for w2 by least squares
    target = x @ w - w1 * x[:, 0]
    w2, *_ = np.linalg.lstsq(x[:, 1:], target, rcond=None)
    assert np.allclose(x @ np.array([w1, w2[0]]), x @ w)
    return float(w2[0])


@given(st.integers(0, 2**32 - 1))
def test_practice_answers_match_an_independent_computation(seed):
    exercises = practice(seed)
    assert [e.id for e in exercises] == [f"span-basis-rank-{k}" for k in (1, 2, 3, 4)]
    for k, ex in enumerate(exercises, start=1):
        want = independent_answer(ex, k)
        if ex.kind == "choice":
            assert ex.answer == want and want in ex.choices
        else:
            assert np.allclose(ex.answer, want, atol=1e-6), (ex.prompt, ex.answer, want)


def test_practice_covers_both_cases_over_seeds():
    answers = [practice(seed) for seed in range(40)]
    assert {ex[1].answer for ex in answers} == {
        "independent: they span the plane",
        "dependent: they span only a line",
    }
    assert {ex[2].answer for ex in answers} == {1.0, 2.0}
