"""The matrix-operations lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, tex_matrix
from scenes.linear_algebra.matrix_operations import (
    BATCH,
    WEIGHTS,
    WIDE,
    WRONG_WEIGHTS,
    MatrixOperations,
    add,
    can_multiply,
    column_image,
    entry,
    entry_terms,
    matmul,
    product_shape,
    transpose,
    transpose_entry_terms,
)

sizes = st.integers(1, 3)
small = st.integers(-9, 9).map(float)


@st.composite
def chain(draw):
    """Two matrices whose product exists: (m x n) and (n x p)."""
    m, n, p = draw(sizes), draw(sizes), draw(sizes)
    a = draw(arrays(np.float64, (m, n), elements=small))
    b = draw(arrays(np.float64, (n, p), elements=small))
    return a, b


# -- the math -----------------------------------------------------------------------


@given(chain())
def test_product_entries_are_row_by_column_dot_products(pair):
    a, b = pair
    c = matmul(a, b)
    assert c.shape == product_shape(a.shape, b.shape) == (a.shape[0], b.shape[1])
    assert np.array_equal(c, a @ b)
    for i in range(c.shape[0]):
        for j in range(c.shape[1]):
            assert entry(a, b, i, j) == float(np.dot(a[i, :], b[:, j])) == c[i, j]
            assert entry_terms(a, b, i, j) == list(zip(a[i, :], b[:, j], strict=True))


@given(chain())
def test_the_products_columns_are_where_a_sends_bs_columns(pair):
    a, b = pair
    c = matmul(a, b)
    for j in range(b.shape[1]):
        terms, image = column_image(a, b, j)
        assert [x for x, _ in terms] == list(b[:, j])
        assert all(np.array_equal(col, a[:, k]) for k, (_, col) in enumerate(terms))
        assert np.array_equal(image, c[:, j])
        assert np.array_equal(image, a @ b[:, j])


@given(chain(), st.data())
def test_a_b_is_first_b_then_a(pair, data):
    a, b = pair
    x = data.draw(arrays(np.float64, (b.shape[1],), elements=small))
    assert np.array_equal(matmul(a, b) @ x, a @ (b @ x))


@given(chain())
def test_the_transposed_products_entries_pair_the_same_numbers_swapped(pair):
    a, b = pair
    c = matmul(a, b)
    for i in range(c.shape[1]):
        for j in range(c.shape[0]):
            left, right = transpose_entry_terms(a, b, i, j)
            assert right == [(y, x) for x, y in left]
            assert sum(x * y for x, y in left) == transpose(c)[i, j]
            assert (
                sum(x * y for x, y in right) == matmul(transpose(b), transpose(a))[i, j]
            )


def test_the_batch_example_has_the_shapes_the_words_say():
    y = matmul(BATCH, WEIGHTS)
    assert BATCH.shape == (4, 3) and WEIGHTS.shape == (3, 2) and y.shape == (4, 2)
    for k in range(4):  # each output row comes from its input row alone
        assert np.array_equal(y[k], BATCH[k] @ WEIGHTS)
    assert product_shape(BATCH.shape, WRONG_WEIGHTS.shape) is None
    assert WIDE.shape[0] != WIDE.shape[1]  # the flip visibly changes the shape


@given(arrays(np.float64, st.tuples(sizes, sizes), elements=small))
def test_transpose_twice_is_the_identity(a):
    t = transpose(a)
    assert t.shape == a.shape[::-1]
    assert np.array_equal(t, a.T)
    assert np.array_equal(transpose(t), a)


@given(chain())
def test_transpose_of_a_product_reverses_the_order(pair):
    a, b = pair
    assert np.array_equal(transpose(matmul(a, b)), matmul(transpose(b), transpose(a)))


@given(
    st.tuples(sizes, sizes).flatmap(
        lambda shape: st.tuples(
            arrays(np.float64, shape, elements=small),
            arrays(np.float64, shape, elements=small),
        )
    )
)
def test_addition_is_entry_by_entry(pair):
    a, b = pair
    assert np.array_equal(add(a, b), a + b)
    assert np.array_equal(add(a, b), add(b, a))


def test_shapes_decide_what_is_defined():
    assert product_shape((2, 3), (3, 2)) == (2, 2)
    assert product_shape((3, 1), (1, 3)) == (3, 3)
    assert product_shape((2, 3), (2, 3)) is None
    assert can_multiply(BATCH, WEIGHTS)
    assert not can_multiply(BATCH, WRONG_WEIGHTS)
    with pytest.raises(ValueError):
        matmul(BATCH, WRONG_WEIGHTS)
    with pytest.raises(ValueError):
        add(np.zeros((2, 3)), np.zeros((3, 2)))


# -- what the lesson shows ------------------------------------------------------------

OTHER = {"A": [[1, -2, 3], [0, 4, -1]], "B": [[2, 1], [-3, 0], [5, -2]]}


@pytest.fixture(scope="module")
def scenes(course):
    entry_ = course.get("matrix-operations")
    return [construct_only(entry_, {}), construct_only(entry_, OTHER)]


def _beat(scene, words):
    return next(b for b in scene.timeline.beats if words in b.text)


def _entries(beat):
    """The single-number formulas on screen in one beat, as a multiset."""
    return sorted(s for s in beat.shown if s.lstrip("-").replace(".", "").isdigit())


@pytest.mark.parametrize("which", [0, 1])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a, b = scene.args.A, scene.args.B
    c = matmul(a, b)
    # the finished product: A, B and every entry of A B, each a row-by-column sum
    done = _beat(scene, "Every other")
    expected = sorted(fmt(x) for x in [*a.flat, *b.flat, *c.flat])
    assert _entries(done) == expected
    first = _beat(scene, "row 1 of A times column 1 of B")
    assert any(
        s.startswith(r"\text{row 1}\cdot\text{col 1}")
        and s.endswith(f"= {fmt(c[0, 0])}")
        for s in first.shown
    )
    # the sum (of A and B, or of A and itself when the shapes differ)
    right = b if a.shape == b.shape else a
    added = _beat(scene, "To add, add the entries")
    assert _entries(added) == sorted(
        fmt(x) for x in [*a.flat, *right.flat, *add(a, right).flat]
    )
    # the first column, as A's columns combined by B's first column
    column = _beat(scene, "Where does A B send the first basis vector?")
    _, image = column_image(a, b, 0)
    assert any(s.endswith("= " + tex_matrix(image)) for s in column.shown)
    # the transpose (of the fixed 2 x 3 example) and the product rule
    flipped = _beat(scene, "The transpose flips")
    assert _entries(flipped) == sorted(fmt(x) for x in [*WIDE.flat, *WIDE.T.flat])
    assert r"2\times 3" in flipped.shown and r"3\times 2" in flipped.shown
    rule = _beat(scene, "Why does the transpose of A B reverse the order?")
    assert any(s.endswith(tex_matrix(transpose(c))) for s in rule.shown)
    assert not scene.timeline.warnings


def test_machine_learning_chapter_shows_the_batch_and_the_misfit(scenes):
    scene = scenes[0]
    good = _beat(scene, "a layer takes a whole batch")
    assert good.chapter == "In machine learning"
    for x in matmul(BATCH, WEIGHTS).flat:
        assert fmt(x) in good.shown
    assert r"4\times 2" in good.shown
    assert "4 inputs with 3 features each" in good.text
    clash = _beat(scene, "would not fit")
    assert "not defined" in clash.shown


def test_different_shapes_are_not_added(scenes):
    texts = " ".join(b.text for b in scenes[1].timeline.beats)
    assert "A is 2 by 3 and B is 3 by 2" in texts
    assert "so A + B is not defined" in texts
    assert sum(b.key for b in scenes[1].timeline.beats) == 1


@pytest.mark.parametrize(
    ("given_args", "name", "why"),
    [
        (
            {"A": [[1, 2, 3], [4, 5, 6]], "B": [[1, 2, 3], [4, 5, 6]]},
            "B",
            "not defined",
        ),
        ({"B": [[1, 2, 3]]}, "B", "not defined"),
        ({"A": [[1, 2], [3, 4], [5, 6], [7, 8]]}, "A", "shape 4x2"),
        ({"A": [[1.5, 2], [3, 4]]}, "A", "whole numbers"),
        ({"B": [[10, 0], [0, 1]]}, "B", "whole numbers"),
        ({"A": [[1, 2], [3]]}, "A", "rows of different lengths"),
        ({"A": "eye"}, "A", "not a list"),
    ],
)
def test_bad_matrices_fail_with_one_line(given_args, name, why):
    with pytest.raises(ParamError) as error:
        MatrixOperations.resolve_args(given_args, lesson="matrix-operations")
    message = str(error.value)
    assert f"parameter '{name}'" in message
    assert why in message
    assert "\n" not in message
