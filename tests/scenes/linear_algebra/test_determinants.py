"""The determinants lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, tex_matrix
from scenes.kit.view import Box, fit_view
from scenes.linear_algebra.determinants import (
    COLLAPSE,
    DERIVE,
    FLIP,
    SAMPLES,
    UNIT_SQUARE,
    Determinants,
    area_words,
    box_pieces,
    density_after,
    derivable,
    derivation_matrix,
    derivation_terms,
    det_expansion_tex,
    determinant,
    flow_words,
    image_line,
    orientation,
    places,
    rank,
    shoelace_area,
    transform,
    unit_square_image,
)
from scenes.style import CONTENT_BOTTOM

entries = st.floats(-4, 4, allow_nan=False)
matrices = arrays(np.float64, (2, 2), elements=entries)
vectors = arrays(np.float64, (2,), elements=entries)


# -- the math on its own ---------------------------------------------------------------


@given(matrices)
def test_determinant_is_ad_minus_bc(m):
    assert determinant(m) == pytest.approx(np.linalg.det(m), abs=1e-9)


@given(matrices)
def test_square_area_is_the_determinant_and_its_sign_the_orientation(m):
    corners = unit_square_image(m)
    area = shoelace_area(corners)
    det = determinant(m)
    assert abs(area) == pytest.approx(abs(det), abs=1e-9)
    assert area == pytest.approx(det, abs=1e-9)
    assume(abs(det) > 1e-6)
    assert orientation(corners) == np.sign(det)
    # the corners are the images of the unit square's, in order 1, 2, 3, 4
    assert np.allclose(corners, transform(m, UNIT_SQUARE))


def test_unit_square_runs_counter_clockwise_and_the_flip_reverses_it():
    assert orientation(UNIT_SQUARE) == 1
    assert shoelace_area(UNIT_SQUARE) == 1
    assert determinant(FLIP) < 0
    assert orientation(unit_square_image(FLIP)) == -1
    # reading the flipped corners backwards is counter-clockwise again
    assert orientation(unit_square_image(FLIP)[::-1]) == 1


@given(vectors, vectors)
def test_a_singular_matrix_has_det_zero_and_squashes_the_plane_onto_a_line(u, w):
    assume(np.linalg.norm(u) > 0.1 and np.linalg.norm(w) > 0.1)
    s = np.outer(u, w)  # rank one: every image is a multiple of u
    assert determinant(s) == pytest.approx(0, abs=1e-9)
    assert rank(s) == 1
    direction = image_line(s)
    assert direction is not None
    assert np.linalg.norm(direction) == pytest.approx(1)
    points = np.random.default_rng(0).uniform(-5, 5, (20, 2))
    images = transform(s, points)
    # every image lies on the line through 0 along ``direction``
    cross = images[:, 0] * direction[1] - images[:, 1] * direction[0]
    assert np.allclose(cross, 0, atol=1e-9 * (1 + np.abs(images).max()))
    assert shoelace_area(unit_square_image(s)) == pytest.approx(0, abs=1e-9)


def test_the_fixed_collapse_matrix():
    assert determinant(COLLAPSE) == 0
    assert rank(COLLAPSE) == 1
    assert np.allclose(image_line(COLLAPSE), np.array([2, 1]) / np.sqrt(5))
    assert image_line(np.eye(2)) is None
    assert image_line(np.zeros((2, 2))) is None
    assert rank(np.zeros((2, 2))) == 0


def test_formula_text_brackets_negative_factors():
    assert det_expansion_tex([[2, 1], [0.5, 1.5]]) == r"2 \cdot 1.5 - 1 \cdot 0.5"
    assert det_expansion_tex(FLIP) == r"1 \cdot (-0.5) - 1 \cdot 1"
    assert det_expansion_tex([[-1, -2], [3, 4]]) == r"-1 \cdot 4 - (-2) \cdot 3"
    assert [places(x) for x in (2, 2.5, -1.25, 0.001)] == [0, 1, 2, 0]


@given(arrays(np.float64, (8, 2), elements=st.floats(-20, 20, allow_nan=False)))
def test_fit_view_keeps_every_point_inside_the_box(points):
    box = Box(-1.0, 7.0, -3.0, 3.8)
    unit, origin = fit_view(points, box, margin=0.5, max_unit=1.5)
    assert 0 < unit <= 1.5
    scene = origin + unit * points
    assert np.all(scene[:, 0] >= box[0] + 0.5 - 1e-9)
    assert np.all(scene[:, 0] <= box[1] - 0.5 + 1e-9)
    assert np.all(scene[:, 1] >= box[2] + 0.5 - 1e-9)
    assert np.all(scene[:, 1] <= box[3] - 0.5 + 1e-9)


# -- what the lesson shows ------------------------------------------------------------------

OTHER = {"matrix": [[-1, 2], [1.5, 1]]}  # det -4: flipped and stretched


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("determinants")
    return {"default": construct_only(entry, {}), "other": construct_only(entry, OTHER)}


def _all_shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    a = scene.args.matrix
    det = determinant(a)
    shown = _all_shown(scene)
    assert any(tex_matrix(a) in s for s in shown)
    # the area read off the transformed square, then det A = its value
    key = next(b for b in scene.timeline.beats if b.key)
    assert f"{abs(det):.{places(det)}f}" in key.shown
    assert any(s.endswith(f"= {fmt(det)}") or s == fmt(det) for s in key.shown)
    assert any(det_expansion_tex(a) in s and s.endswith(fmt(det)) for s in shown)
    # the flip: signed area and det F, then the corners' new order
    flip = fmt(determinant(FLIP))
    assert any(det_expansion_tex(FLIP) in s and s.endswith(flip) for s in shown)
    assert f"{determinant(FLIP):.1f}" in shown
    assert "corners 1, 2, 3, 4 run clockwise" in shown
    # the collapse: det S = 0
    assert any(det_expansion_tex(COLLAPSE) in s and s.endswith("0") for s in shown)
    assert not scene.timeline.warnings


def test_narration_follows_the_sign_of_the_determinant(scenes):
    default = next(b for b in scenes["default"].timeline.beats if b.key)
    other = next(b for b in scenes["other"].timeline.beats if b.key)
    assert "2.5" in default.text and "flips" not in default.text
    assert "-4" in other.text and "flips" in other.text
    assert "minus 4" in other.say


def test_a_singular_user_matrix_is_allowed(course):
    scene = construct_only(course.get("determinants"), {"matrix": [[1, 2], [2, 4]]})
    key = next(b for b in scene.timeline.beats if b.key)
    assert "squashes it flat" in key.text
    assert not scene.timeline.warnings


@pytest.mark.parametrize(
    "bad", [[[1, 2]], "oops", [[30, 0], [0, 2]], [[12345, 0], [0, 1]], [[1, 2, 3]]]
)
def test_bad_matrices_fail_with_one_line(bad):
    with pytest.raises(ParamError) as error:
        Determinants.resolve_args({"matrix": bad}, lesson="determinants")
    message = str(error.value)
    assert message.startswith("determinants: parameter 'matrix'")
    assert "\n" not in message


@pytest.mark.parametrize(
    "matrix",
    [
        [[4, -1], [-2, 3]],  # at the old cap of 4
        [[5, 0], [0, 1]],  # refused before the view scaled ("larger than 4")
        [[10, -4], [3, 9]],
    ],
)
def test_large_matrices_scale_the_view_instead_of_being_refused(course, matrix):
    scene = construct_only(course.get("determinants"), {"matrix": matrix})
    a = scene.args.matrix
    for corner in unit_square_image(a):
        x, y, _ = scene.view.point(corner)
        assert abs(x) <= 7.1 and CONTENT_BOTTOM <= y <= 4.0
    assert any(tex_matrix(a) in s for s in _all_shown(scene))
    # the layout check found nothing off-frame or overlapping
    assert not scene.timeline.warnings


def test_matrices_no_scale_can_show_are_refused_with_the_reason():
    with pytest.raises(ParamError) as error:
        Determinants.resolve_args({"matrix": [[30, 0], [0, 2]]}, lesson="determinants")
    message = str(error.value)
    assert message.startswith("determinants: parameter 'matrix': got [[30, 0], [0, 2]]")
    assert "too small to see" in message and "\n" not in message


# -- the words and the derivation follow the math (issue 14) ----------------------


@given(matrices)
def test_the_box_minus_the_pieces_is_ad_minus_bc(m):
    t = derivation_terms(m)
    assert t["left"] == pytest.approx(determinant(m), abs=1e-9)
    (a, b), (c, d) = m
    assert t["box"] == pytest.approx((a + b) * (c + d))


def _inside(point, polygon):
    """Strictly inside a counter-clockwise convex polygon."""
    edges = np.roll(polygon, -1, axis=0) - polygon
    rel = point - polygon
    return bool(np.all(edges[:, 0] * rel[:, 1] - edges[:, 1] * rel[:, 0] > 1e-9))


positive = arrays(np.float64, (2, 2), elements=st.floats(0.1, 4))


@given(positive, arrays(np.float64, (40, 2), elements=st.floats(0.001, 0.999)))
def test_the_pieces_tile_the_box_around_the_parallelogram(m, where):
    assume(determinant(m) > 0.05)
    assert derivable(m)
    pieces = box_pieces(m)
    shapes = [unit_square_image(m)] + [
        p for k in ("rectangles", "ac", "bd") for p in pieces[k]
    ]
    for shape in shapes:
        assert shoelace_area(shape) > 0  # counter-clockwise
    areas = sum(shoelace_area(p) for p in shapes)
    assert areas == pytest.approx(shoelace_area(pieces["box"][0]))
    (a, b), (c, d) = m
    for u in where * [a + b, c + d]:
        hits = sum(_inside(u, shape) for shape in shapes)
        assert hits <= 1  # no two pieces overlap
    terms = derivation_terms(m)
    assert 2 * shoelace_area(pieces["rectangles"][0]) == pytest.approx(
        terms["rectangles"]
    )
    assert sum(map(shoelace_area, pieces["ac"])) == pytest.approx(terms["ac"])
    assert sum(map(shoelace_area, pieces["bd"])) == pytest.approx(terms["bd"])


@given(matrices)
def test_the_derivation_uses_the_lessons_matrix_when_it_fits(m):
    (a, b), (c, d) = m
    fits = min(a, b, c, d) >= 0 and a * d - b * c > 0
    assert derivable(m) == fits
    assert np.array_equal(derivation_matrix(m), m if fits else DERIVE)
    assert derivable(DERIVE)


@given(matrices)
def test_area_words_follow_the_sign_of_the_determinant(m):
    det = determinant(m)
    line, said = area_words(m)
    assert ("flips" in line) == (det < 0)
    assert ("squashes it flat" in line) == (det == 0)
    if det < 0:
        assert said is not None and "minus" in said


@given(matrices)
def test_density_divides_by_the_size_of_the_determinant(m):
    n = len(SAMPLES)
    det = determinant(m)
    assume(det == 0 or abs(det) > 1e-9)  # the lesson refuses what shows as 0
    density = density_after(n, m)
    line, said = flow_words(m)
    if det == 0:
        assert density is None and "no finite value" in line
        return
    assert density == pytest.approx(n / abs(det))
    assert ("spread out" in line) == (abs(det) > 1)
    assert ("crowd into" in line) == (abs(det) < 1)
    assert f"= {fmt(density)}" in line and "over" in said


def test_the_samples_fill_the_unit_square_evenly():
    assert len(SAMPLES) == 36
    assert np.all((SAMPLES > 0) & (SAMPLES < 1))
    counts, _, _ = np.histogram2d(*SAMPLES.T, bins=2, range=[[0, 1], [0, 1]])
    assert np.all(counts == 9)


def test_a_determinant_that_would_show_as_zero_is_refused():
    with pytest.raises(ParamError) as error:
        Determinants.resolve_args(
            {"matrix": [[1, 1], [1, 1.001]]}, lesson="determinants"
        )
    assert "shows as 0" in str(error.value) and "\n" not in str(error.value)


def test_the_derivation_beats_say_which_matrix_they_draw(scenes):
    default = " ".join(b.say for b in scenes["default"].timeline.beats)
    other = " ".join(b.say for b in scenes["other"].timeline.beats)
    assert "Draw the box around the parallelogram: 3 wide" in default
    assert "Take a matrix with positive entries, M" in other
    shown = _all_shown(scenes["default"])
    assert any(s.endswith("6 - 1 - 1 - 1.5 = 2.5") for s in shown)
    chapters = [b.chapter for b in scenes["default"].timeline.beats if b.chapter]
    assert chapters[-3:] == ["Squashed flat", "In machine learning", "Recap"]
    assert "Why ad - bc" in chapters
