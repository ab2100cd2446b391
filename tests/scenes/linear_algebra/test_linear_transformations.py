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
    LinearTransformations,
    basis_images,
    compose,
    drawn_points,
    shoelace_area,
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
    assert any(
        s.endswith(tex_matrix(compose(a, b))) and tex_matrix(b) in s for s in shown
    )
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
