"""The norms-and-distances lesson: its math alone, then what it shows and says."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec, say_sig
from scenes.linear_algebra.norms_and_distances import (
    LOSS_CURVATURE,
    ORDERS,
    NormsAndDistances,
    ball_boundary,
    constrained_minimum,
    contour_semi_axes,
    distance,
    l1_outcome,
    loss,
    norm,
    zero_weights,
)

vectors = arrays(np.float64, (2,), elements=st.floats(-50, 50, allow_nan=False))
orders = st.sampled_from(ORDERS)
curvatures = st.tuples(st.floats(0.2, 5), st.floats(0.2, 5))


# -- the math -----------------------------------------------------------------------


@given(arrays(np.float64, st.integers(1, 5), elements=st.floats(-1e3, 1e3)), orders)
def test_norms_match_numpy(v, p):
    assert norm(v, p) == pytest.approx(float(np.linalg.norm(v, ord=p)), abs=1e-9)


@given(vectors, vectors, orders)
def test_triangle_inequality_and_symmetry(a, b, p):
    c = np.zeros(2)
    assert norm(a + b, p) <= norm(a, p) + norm(b, p) + 1e-9
    assert distance(a, b, p) == pytest.approx(distance(b, a, p))
    assert distance(a, c, p) <= distance(a, b, p) + distance(b, c, p) + 1e-9


@given(vectors)
def test_linf_at_most_l2_at_most_l1(v):
    ninf, n2, n1 = norm(v, math.inf), norm(v, 2), norm(v, 1)
    assert ninf <= n2 + 1e-12 and n2 <= n1 + 1e-12


def test_unknown_order_is_refused():
    with pytest.raises(ValueError, match="1, 2 and inf"):
        norm([1, 2], 3)


@given(orders, st.floats(0.1, 20), vectors)
def test_ball_boundary_has_norm_radius_and_the_corners(p, r, centre):
    points = ball_boundary(p, r, centre)
    assert np.allclose(points[0], points[-1])
    for q in points:
        assert norm(q - centre, p) == pytest.approx(r, rel=1e-9)
    corners = {1.0: [(r, 0), (0, r), (-r, 0), (0, -r)],
               math.inf: [(r, r), (-r, r), (-r, -r), (r, -r)]}.get(p, [])  # fmt: skip
    for c in corners:
        assert np.min(np.linalg.norm(points - centre - c, axis=1)) < 1e-9


@given(vectors, orders)
def test_the_unit_shape_grown_by_the_norm_passes_through_v(v, p):
    assume(norm(v, math.inf) > 1e-3)
    n = norm(v, p)
    points = ball_boundary(p, n)
    # v lies on the drawn outline: on a segment between consecutive points
    a, b = points[:-1], points[1:]
    d = b - a
    u = np.clip(np.einsum("ij,ij->i", v - a, d) / np.einsum("ij,ij->i", d, d), 0, 1)
    gap = np.min(np.linalg.norm(a + u[:, None] * d - v, axis=1))
    # exact for the polygons; the circle's chords sag at most n (1 - cos(pi/96))
    assert gap <= (1e-9 if p != 2 else n * (1 - math.cos(math.pi / 96)) + 1e-9) * max(
        1, n
    )


def _sampled_minimum(t, h, p, r=1.0, n=200_001):
    """Least loss over the boundary of the ball, by dense sampling (independent)."""
    s = np.linspace(0, 1, n)
    if p == 2:
        angle = 2 * np.pi * s
        pts = r * np.column_stack([np.cos(angle), np.sin(angle)])
    else:
        # walk the perimeter through its four corners
        corners = (
            [(r, 0), (0, r), (-r, 0), (0, -r), (r, 0)]
            if p == 1
            else [(r, r), (-r, r), (-r, -r), (r, -r), (r, r)]
        )
        q = np.linspace(0, 1, n // 4)
        pts = np.vstack(
            [
                np.outer(1 - q, c0) + np.outer(q, c1)
                for c0, c1 in itertools.pairwise(corners)
            ]
            + [np.array([corners[0]])]
        )
    values = np.sum(np.asarray(h) * (pts - t) ** 2, axis=1)
    k = int(np.argmin(values))
    return pts[k], float(values[k])


@given(vectors, curvatures, orders)
def test_constrained_minimum_beats_every_sampled_boundary_point(t, h, p):
    t = t / 10
    assume(norm(t, p) > 1.01)
    w = constrained_minimum(t, p, h=h)
    assert norm(w, p) == pytest.approx(1.0, abs=1e-9)
    _, best = _sampled_minimum(t, h, p)
    assert loss(w, t, h) <= best + 1e-6


@given(vectors, orders)
def test_inside_the_ball_nothing_changes(t, p):
    t = t / 100
    assume(norm(t, p) <= 1)
    assert np.array_equal(constrained_minimum(t, p), t)


@given(vectors, curvatures)
def test_l2_shrinks_every_weight_and_zeroes_none(t, h):
    t = t / 10
    assume(norm(t, 2) > 1.01 and np.min(np.abs(t)) > 1e-3)
    w = constrained_minimum(t, 2, h=h)
    assert np.all(np.abs(w) < np.abs(t))
    assert np.all(np.sign(w) == np.sign(t))
    assert zero_weights(w) == []


@given(arrays(np.float64, (2,), elements=st.floats(-3, 3)))
def test_l1_words_match_where_the_contour_touches(t):
    assume(norm(t, 2) >= 1.25 and np.min(np.abs(t)) >= 0.2)
    w = constrained_minimum(t, 1)
    assume(not 0 < np.min(np.abs(w)) < 1e-3)  # not a hair from a corner
    caption, said = l1_outcome(t)
    sampled, _ = _sampled_minimum(t, LOSS_CURVATURE, 1)
    if "corner" in caption:
        k = zero_weights(w)[0]
        assert w[k] == 0.0 and abs(sampled[k]) < 1e-3
        assert f"w{'₁₂'[k]} is exactly zero" in caption and f"w {k + 1} is" in said
    else:
        assert "edge" in caption and "both weights survive" in caption
        assert np.min(np.abs(sampled)) > 5e-4 and zero_weights(w) == []


def test_the_default_optimum_lands_on_a_corner_and_another_on_an_edge():
    assert np.array_equal(constrained_minimum((2, 1), 1), [1.0, 0.0])
    assert np.allclose(constrained_minimum((1, 2), 1), [0.5, 0.5])


@given(st.floats(0, 100), curvatures)
def test_contour_semi_axes_lie_on_the_level(level, h):
    ax, ay = contour_semi_axes(level, h)
    assert loss((ax, 0), (0, 0), h) == pytest.approx(level, abs=1e-9)
    assert loss((0, ay), (0, 0), h) == pytest.approx(level, abs=1e-9)


@pytest.mark.parametrize(
    ("x", "said"),
    [(3.1623, "3.2"), (0.9701, "0.97"), (-3, "minus 3"), (4, "4"), (0.2425, "0.24")],
)
def test_numbers_are_said_to_two_significant_figures(x, said):
    assert say_sig(x) == said


# -- what the lesson shows ------------------------------------------------------------

OTHER = {"v": [-2, 4], "a": [-1, 2], "b": [2, -1], "optimum": [1, 2]}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("norms-and-distances")
    return [construct_only(entry, {}), construct_only(entry, OTHER)]


def _shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize("which", [0, 1])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    v, a, b, t = (np.asarray(scene.args[k]) for k in ("v", "a", "b", "optimum"))
    shown = _shown(scene)
    assert f"v = {fmt_vec(v)}" in shown
    for p, sub in ((1.0, "1"), (2.0, "2"), (math.inf, r"\infty")):
        assert any(
            s.startswith(rf"\|v\|_{sub} =") and s.endswith(f"= {fmt(norm(v, p))}")
            for s in shown
        ), p
        assert f"{norm(v, p):.2f}" in shown  # the grown shape's readout
        assert f"{np.linalg.norm(a - b, ord=p):.2f}" in shown  # the distance readout
    assert f"a - b = {fmt_vec(a - b)}" in shown
    for p in (1, 2):
        assert f"w = {fmt_vec(constrained_minimum(t, p))}" in shown
    assert not scene.timeline.warnings


def test_words_follow_the_case(scenes):
    default, other = (" ".join(b.text for b in s.timeline.beats) for s in scenes)
    assert "first touches a corner, w = (1, 0). Weight w₂ is exactly zero" in default
    assert "first touches an edge, w = (0.5, 0.5): here both weights survive" in other
    for scene in scenes:
        assert sum(b.key for b in scene.timeline.beats) == 1


def test_numbers_are_spoken_rounded_and_shown_exact(scenes):
    beats = scenes[0].timeline.beats
    text = " ".join(b.text for b in beats)
    said = " ".join(b.say for b in beats)
    assert "3.16" in text and "3.16" not in said and "3.2" in said
    assert "0.97 comma 0.24" in said


@pytest.mark.parametrize(
    ("name", "bad", "why"),
    [
        ("v", [0, 0], "no visible arrow"),
        ("v", [9, 1], "too small to read"),
        ("optimum", [0.5, 0.5], "changes nothing"),
        ("optimum", [2, 0], "nothing is left for L1 to zero"),
        ("optimum", [4, 1], "do not fit the two panels"),
        ("a", "cat", "not a list"),
    ],
)
def test_bad_parameters_fail_with_one_line(name, bad, why):
    with pytest.raises(ParamError) as error:
        NormsAndDistances.resolve_args({name: bad}, lesson="norms-and-distances")
    message = str(error.value)
    assert message.startswith(f"norms-and-distances: parameter '{name}'")
    assert why in message and "\n" not in message


def test_embeddings_on_top_of_each_other_are_refused():
    with pytest.raises(ParamError) as error:
        NormsAndDistances.resolve_args(
            {"a": [1, 1], "b": [1.2, 1]}, lesson="norms-and-distances"
        )
    assert "parameter 'b'" in str(error.value) and "nothing to measure" in str(
        error.value
    )
