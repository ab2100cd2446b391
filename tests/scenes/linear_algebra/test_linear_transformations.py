"""The linear-transformations lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec, tex_matrix
from scenes.linear_algebra.linear_transformations import (
    CLOUD,
    CLOUD_LINES,
    LinearTransformations,
    basis_images,
    cloud_unit,
    commute,
    compose,
    dense_relu,
    drawn_points,
    grid_words,
    is_bent,
    order_words,
    relu,
    relu_words,
    rotation_angle,
    shoelace_area,
    then_words,
    transform,
    unit_square_image,
    view_unit,
)
from scenes.style import CONTENT_BOTTOM

matrices = arrays(np.float64, (2, 2), elements=st.floats(-6, 6, allow_nan=False))
vectors = arrays(np.float64, (2,), elements=st.floats(-4, 4, allow_nan=False))


@given(matrices, vectors)
def test_a_vector_lands_on_the_mix_of_columns(m, v):
    c1, c2 = basis_images(m)
    assert np.allclose(transform(m, v), v[0] * c1 + v[1] * c2)
    assert np.allclose(transform(m, np.eye(2)), np.stack([c1, c2]))


@given(matrices)
def test_unit_square_area_is_the_determinant(m):
    assume(abs(np.linalg.det(m)) > 1e-6)
    area = shoelace_area(unit_square_image(m))
    assert area == pytest.approx(np.linalg.det(m), rel=1e-9, abs=1e-9)
    assert abs(area) == pytest.approx(abs(np.linalg.det(m)), rel=1e-9)


@given(matrices, matrices, vectors)
def test_composition_is_the_product(a, b, v):
    assert np.allclose(transform(compose(a, b), v), transform(b, transform(a, v)))


@given(matrices, vectors, matrices)
def test_view_unit_keeps_every_drawn_point_on_screen(a, v, b):
    unit = view_unit(a, v, b)
    assert 0 < unit <= 1.0
    for points in drawn_points(a, v, b).values():
        assert np.all(np.abs(points[:, 0]) * unit <= 6.7 + 1e-9)
        assert np.all(np.abs(points[:, 1]) * unit <= 2.9 + 1e-9)


def _shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize(
    "given_args",
    [{}, {"matrix": [[2, 1], [1, 3]], "vector": [-1, 1], "then": [[1, 1], [0, 1]]}],
)
def test_screen_shows_exactly_the_lesson_math(course, given_args):
    scene = construct_only(course.get("linear-transformations"), given_args)
    a, v, b = scene.args.matrix, scene.args.vector, scene.args.then
    shown = _shown(scene)
    c1, c2 = basis_images(a)
    assert any(tex_matrix(a) in s for s in shown)
    assert any(fmt_vec(c1) in s for s in shown)
    assert any(fmt_vec(c2) in s for s in shown)
    assert any(s.endswith(tex_matrix(transform(a, v))) for s in shown)
    assert any(s.endswith(tex_matrix(compose(a, b))) for s in shown)
    assert any(s.endswith(tex_matrix(compose(b, a))) for s in shown)
    assert any(f"{fmt(v[0])} \\hat{{\\imath}}" in s for s in shown)
    assert not scene.timeline.warnings


def test_bad_matrices_fail_with_one_line():
    for bad in ([[1, 2]], "oops", [[12345, 0], [0, 1]], [[60, 0], [0, 1]]):
        with pytest.raises(ParamError) as error:
            LinearTransformations.resolve_args(
                {"matrix": bad}, lesson="linear-transformations"
            )
        message = str(error.value)
        assert message.startswith("linear-transformations: parameter 'matrix'")
        assert "\n" not in message


@pytest.mark.parametrize(
    "given_args",
    [
        {"matrix": [[6, -1], [2, 3]], "vector": [4, -2]},  # at the old caps
        {"vector": [5, 1]},  # refused before the view scaled ("larger than 4")
        {"matrix": [[7, 0], [0, 1]], "then": [[1, 0], [0, 1]]},  # over the old 6
    ],
)
def test_large_entries_scale_the_view_instead_of_being_refused(course, given_args):
    scene = construct_only(course.get("linear-transformations"), given_args)
    a, v, b = scene.args.matrix, scene.args.vector, scene.args.then
    for points in drawn_points(a, v, b).values():
        for p in points:
            tip = scene.view.point(p)
            assert abs(tip[0]) <= 7.1 and CONTENT_BOTTOM <= tip[1] <= 4.0
    assert tex_matrix(a) in "\n".join(_shown(scene))
    # the layout check found nothing off-frame or overlapping
    assert not scene.timeline.warnings


def test_pictures_no_scale_can_show_are_refused_with_the_reason():
    with pytest.raises(ParamError) as error:
        LinearTransformations.resolve_args(
            {"matrix": [[10, 0], [0, 1]]}, lesson="linear-transformations"
        )
    message = str(error.value)
    assert message.startswith("linear-transformations: parameter 'matrix'")
    assert "too short to see" in message and "\n" not in message
    assert "B A included" in message  # the rotation B puts A's 10 upright


# -- the words follow the math (issue 14) ------------------------------------------


@given(st.floats(-179.9, 180))
def test_a_rotation_is_named_with_its_angle(degrees):
    t = np.radians(degrees)
    m = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    assert rotation_angle(m) == pytest.approx(degrees, abs=1e-6)
    words = then_words(m)
    size = abs(round(degrees))
    if size == 0:
        assert "identity" in words
    else:
        assert f"rotates the plane {size} degrees" in words
        if size != 180:
            way = "counter-clockwise" if degrees > 0 else "clockwise"
            assert words.endswith(" " + way)


@given(matrices)
def test_only_rotations_are_called_rotations(m):
    is_rotation = np.allclose(m.T @ m, np.eye(2), atol=1e-9) and np.linalg.det(m) > 0
    assert (rotation_angle(m) is not None) == is_rotation
    if not is_rotation:
        assert then_words(m) == "a second matrix"


def test_the_default_b_is_a_quarter_turn_counter_clockwise():
    b = LinearTransformations.params["then"].default
    assert rotation_angle(b) == pytest.approx(90)
    assert then_words(b).startswith("a quarter turn")
    assert then_words(b).endswith("90 degrees counter-clockwise")
    assert rotation_angle(np.array([[1.0, 0], [0, -1]])) is None  # a mirror


@given(matrices, matrices)
def test_order_words_match_whether_the_product_depends_on_order(a, b):
    same = np.allclose(b @ a, a @ b, atol=1e-9)
    assert commute(a, b) == same
    assert ("not B A" in order_words(a, b)) == (not same)


def test_a_matrix_commutes_with_itself_and_the_defaults_do_not():
    a = LinearTransformations.params["matrix"].default
    b = LinearTransformations.params["then"].default
    assert commute(a, a) and "happen to commute" in order_words(a, a)
    assert not commute(a, b)


@given(matrices)
def test_grid_words_say_squashed_exactly_for_singular_matrices(m):
    flat = np.linalg.matrix_rank(m) < 2
    assert ("squashes" in grid_words(m)) == flat
    assert ("evenly spaced" in grid_words(m)) == (not flat)
    assert "squashes" in grid_words(np.array([[1.0, 2], [2, 4]]))


@given(matrices, arrays(np.float64, (7, 2), elements=st.floats(-3, 3)))
def test_dense_relu_is_the_layer_then_max_zero(w, points):
    out = dense_relu(w, points)
    assert np.allclose(out, np.maximum(points @ w.T, 0))
    assert np.all(out >= 0)
    assert np.allclose(relu(np.array([[-1.0, 2.0]])), [[0.0, 2.0]])


@given(
    arrays(np.float64, (2,), elements=st.floats(-5, 5)),
    arrays(np.float64, (2,), elements=st.floats(-5, 5)),
)
def test_points_on_one_line_are_not_bent_and_a_corner_is(start, step):
    ts = np.linspace(-1, 1, 9)[:, None]
    assert not is_bent(start + ts * step)
    assert is_bent(np.array([[-1.0, 1.0], [0.0, 0.0], [1.0, 1.0]]))
    assert not is_bent(np.zeros((5, 2)))


def test_relu_words_count_the_bent_rows():
    a = LinearTransformations.params["matrix"].default
    bent = [is_bent(dense_relu(a, line)) for line in CLOUD_LINES]
    assert relu_words(a).endswith(f"{sum(bent)} of the 5 rows are bent now.")
    assert sum(bent) == 3  # what the default's picture shows
    assert relu_words(np.eye(2) * 0.0 + np.array([[0, 0], [0, 1.0]])) == (
        "Here no line crosses an axis, so none of them bends."
    )


@given(matrices)
def test_the_zoomed_cloud_view_fits_the_cloud_before_and_after(a):
    unit = cloud_unit(a)
    assert 0 < unit <= 2.0
    for points in (CLOUD, transform(a, CLOUD), dense_relu(a, CLOUD)):
        assert np.all(np.abs(points[:, 0]) * unit <= 6.7 + 1e-9)
        assert np.all(np.abs(points[:, 1]) * unit <= 2.9 + 1e-9)


def test_the_lesson_names_b_shows_ab_and_labels_av(course):
    scene = construct_only(course.get("linear-transformations"), {})
    said = " ".join(beat.say for beat in scene.timeline.beats)
    shown = "\n".join(_shown(scene))
    assert "rotates the plane 90 degrees counter-clockwise" in said
    assert "A B is not B A" in said
    assert "Av" in shown and r"\neq" in shown
    assert "3 of the 5 rows are bent" in said
    assert [b.chapter for b in scene.timeline.beats if b.chapter][-2:] == [
        "In machine learning",
        "Recap",
    ]
    other = construct_only(
        course.get("linear-transformations"), {"then": [[1, 1], [0, 1]]}
    )
    said = " ".join(beat.say for beat in other.timeline.beats)
    assert "B is a second matrix" in said and "rotates" not in said
