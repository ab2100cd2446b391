"""The dot-product lesson: its math alone, then what it shows."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec, say_sig
from scenes.linear_algebra.dot_product import (
    CANDIDATES,
    QUERY,
    SCORE_DIGITS,
    DotProduct,
    angle_between,
    cosine_similarity,
    degrees,
    dot,
    fit_unit,
    length,
    projection,
    rank_by_cosine,
    residual,
    rotate,
    say_score,
    scalar_projection,
    shadow_words,
    signed_angle,
    turn_to_x_axis,
)
from scenes.style import CONTENT_BOTTOM

vectors = arrays(np.float64, (2,), elements=st.floats(-20, 20, allow_nan=False))


def _nonzero(v):
    return np.linalg.norm(v) > 1e-3


# -- the math -----------------------------------------------------------------------


@given(vectors, vectors)
def test_dot_is_the_sum_of_products(u, v):
    assert dot(u, v) == pytest.approx(float(np.dot(u, v)), abs=1e-9)
    assert dot(u, v) == pytest.approx(dot(v, u))
    assert dot(u, u) >= 0
    assert length(u) == pytest.approx(float(np.linalg.norm(u)), abs=1e-9)


@given(vectors, vectors)
def test_cosine_similarity_is_between_minus_one_and_one(u, v):
    assume(_nonzero(u) and _nonzero(v))
    assert -1.0 <= cosine_similarity(u, v) <= 1.0
    assert cosine_similarity(u, u) == pytest.approx(1.0)
    assert cosine_similarity(u, -u) == pytest.approx(-1.0)


@given(vectors, vectors, st.floats(0.01, 100), st.floats(0.01, 100))
def test_cosine_similarity_ignores_lengths(u, v, a, b):
    assume(_nonzero(u) and _nonzero(v))
    base = cosine_similarity(u, v)
    assert cosine_similarity(a * u, b * v) == pytest.approx(base, abs=1e-9)
    assert cosine_similarity(-a * u, b * v) == pytest.approx(-base, abs=1e-9)


@given(vectors, vectors)
def test_dot_is_length_times_length_times_cosine(u, v):
    assume(_nonzero(u) and _nonzero(v))
    theta = angle_between(u, v)
    assert 0.0 <= theta <= math.pi
    expected = length(u) * length(v) * math.cos(theta)
    assert dot(u, v) == pytest.approx(expected, rel=1e-7, abs=1e-7)


@given(vectors, vectors)
def test_turning_puts_u_on_the_x_axis_and_keeps_the_dot_product(u, v):
    assume(_nonzero(u) and _nonzero(v))
    _, u_t, v_t = turn_to_x_axis(u, v)
    assert u_t[1] == 0 and u_t[0] == pytest.approx(length(u))
    assert length(v_t) == pytest.approx(length(v))
    assert dot(u_t, v_t) == pytest.approx(dot(u, v), rel=1e-9, abs=1e-9)
    # the one term left is |u| times the shadow, and the shadow is |v| cos theta
    shadow = scalar_projection(v, u)
    assert v_t[0] == pytest.approx(shadow, rel=1e-9, abs=1e-9)
    assert shadow == pytest.approx(
        length(v) * math.cos(angle_between(u, v)), rel=1e-7, abs=1e-7
    )
    assert dot(u_t, v_t) == pytest.approx(u_t[0] * v_t[0], rel=1e-9, abs=1e-9)


@given(vectors, vectors)
def test_shadow_words_match_the_sign_of_the_shadow(u, v):
    assume(_nonzero(u) and _nonzero(v))
    caption, said = shadow_words(u, v)
    shown = fmt(scalar_projection(v, u))
    if shown == "0":
        assert "right angle" in caption and "0" in caption
    elif shown.startswith("-"):
        assert "against u" in caption and "negative" in caption and shown in caption
    else:
        assert "along u" in caption and shown in caption
    assert "-" not in said  # spoken "minus"


@given(st.floats(-1, 1))
def test_scores_are_spoken_rounded_and_never_as_a_false_one(c):
    said = say_score(c)
    value = float(said.replace("almost ", "").replace("minus ", "-"))
    assert abs(value - c) <= 0.05 * max(abs(c), 0.1)
    if abs(c) != 1:
        assert said not in ("1", "minus 1")
    digits = said.split()[-1].replace(".", "").lstrip("0")
    assert len(digits) <= 2  # two significant figures at most


@given(vectors, vectors)
def test_projection_is_orthogonal_to_the_residual(u, v):
    assume(_nonzero(u))
    p, r = projection(v, u), residual(v, u)
    scale = max(1.0, length(v) ** 2)
    assert abs(dot(p, r)) <= 1e-9 * scale
    assert abs(dot(u, r)) <= 1e-9 * scale * max(1.0, length(u))
    assert np.allclose(p + r, v)
    # the projection lies along u, with the signed length u.v / |u|
    assert abs(p[0] * u[1] - p[1] * u[0]) <= 1e-9 * scale * max(1.0, length(u))
    assert scalar_projection(v, u) == pytest.approx(
        math.copysign(length(p), dot(u, v)), abs=1e-9
    )


@given(vectors, st.floats(-10, 10))
def test_rotation_keeps_length_and_turns_by_the_angle(v, turn):
    assume(_nonzero(v))
    w = rotate(v, turn)
    assert length(w) == pytest.approx(length(v))
    wrapped = (turn + math.pi) % (2 * math.pi) - math.pi
    assert math.cos(signed_angle(v, w)) == pytest.approx(math.cos(wrapped), abs=1e-7)
    assert np.allclose(rotate(v, 2 * math.pi), v)


def test_zero_vectors_have_no_angle():
    with pytest.raises(ZeroDivisionError):
        cosine_similarity([0, 0], [1, 2])
    with pytest.raises(ZeroDivisionError):
        projection([1, 2], [0, 0])


def test_ranking_by_cosine_puts_the_short_kitten_first():
    q = QUERY[1]
    ranked = rank_by_cosine(q, CANDIDATES)
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranked[0][0] == "kitten"
    by_dot = max(CANDIDATES, key=lambda w: dot(q, CANDIDATES[w]))
    assert by_dot != "kitten"  # the plain dot product prefers a longer vector
    assert length(CANDIDATES["kitten"]) < length(q)


@given(arrays(np.float64, (4, 2), elements=st.floats(-15, 15, allow_nan=False)))
def test_fit_unit_keeps_points_in_the_room(points):
    unit = fit_unit(points, left=3.0, right=4.5, down=3.0, up=3.0)
    assert 0 < unit <= 1.5
    assert np.all(points[:, 0] * unit <= 4.5 + 1e-9)
    assert np.all(-points[:, 0] * unit <= 3.0 + 1e-9)
    assert np.all(np.abs(points[:, 1]) * unit <= 3.0 + 1e-9)


# -- what the lesson shows ------------------------------------------------------------

OTHER = {"u": [2, -1], "v": [-1, 3]}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("dot-product")
    return [construct_only(entry, {}), construct_only(entry, OTHER)]


def _shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize("which", [0, 1])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    u, v = scene.args.u, scene.args.v
    shown = _shown(scene)
    d = dot(u, v)
    assert f"u = {fmt_vec(u)}" in shown and f"v = {fmt_vec(v)}" in shown
    assert any(s.startswith(r"u\cdot v =") and s.endswith(f"= {fmt(d)}") for s in shown)
    assert f"|v| = {fmt(length(v))}" in shown
    assert f"\\theta = {fmt(degrees(angle_between(u, v)), 1)}^\\circ" in shown
    assert f"{d:.2f}" in shown  # the live readout, back at v after the swing
    shadow = fmt(scalar_projection(v, u))
    assert f"\\text{{shadow}} = |v|\\cos\\theta = {shadow}" in shown
    _, u_t, v_t = turn_to_x_axis(u, v)
    assert f"u = {fmt_vec(u_t)}" in shown and f"v = {fmt_vec(v_t)}" in shown
    assert f"=\\,|u|\\,|v|\\cos\\theta = {fmt(d)}" in shown
    q = QUERY[1]
    for word, xy in CANDIDATES.items():
        assert word in shown
        assert fmt(cosine_similarity(q, xy), SCORE_DIGITS) in shown
        assert fmt(dot(q, xy)) in shown
    assert not scene.timeline.warnings


def test_narration_reads_the_same_numbers(scenes):
    scene = scenes[1]
    u, v = scene.args.u, scene.args.v
    texts = " ".join(b.text for b in scene.timeline.beats)
    assert f"is {fmt(dot(u, v))}." in texts
    caption, said = shadow_words(u, v)
    assert "against u" in caption and caption in texts  # dot(u, v) < 0 here
    spoken = " ".join(b.say for b in scene.timeline.beats)
    assert said in spoken
    assert f"Now u is {say_sig(length(u))} comma 0" in spoken
    assert "0.998" not in spoken and "almost 1" in " ".join(
        b.say for b in scenes[0].timeline.beats
    )
    assert sum(b.key for b in scene.timeline.beats) == 1


@pytest.mark.parametrize(
    ("name", "bad", "why"),
    [
        ("u", [0, 0], "divides by lengths"),
        ("v", [0, 0], "divides by lengths"),
        ("u", [12345, 1], "5 or more digits"),
        ("v", [100, 0.5], "too short to see"),
        ("v", "north", "not a list"),
        ("v", [1, 2, 3], "3 entries"),
    ],
)
def test_bad_vectors_fail_with_one_line(name, bad, why):
    with pytest.raises(ParamError) as error:
        DotProduct.resolve_args({name: bad}, lesson="dot-product")
    message = str(error.value)
    assert message.startswith(f"dot-product: parameter '{name}'")
    assert why in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "given_args",
    [
        {"u": [4, 1], "v": [-3.5, 4]},  # at the old cap of 4
        {"u": [5, 0]},  # refused before the view scaled ("larger than 4")
        {"u": [-40, 25], "v": [30, -12]},
        {"u": [900, -300], "v": [250, 700]},
    ],
)
def test_large_vectors_scale_the_view_instead_of_being_refused(course, given_args):
    scene = construct_only(course.get("dot-product"), given_args)
    u, v = scene.args.u, scene.args.v
    for xy in (u, v, projection(v, u)):
        tip = scene.view.point(xy)
        assert abs(tip[0]) <= 7.1 and abs(tip[1]) <= 4.0
        assert tip[1] >= CONTENT_BOTTOM
    assert f"u = {fmt_vec(u)}" in _shown(scene)
    # the layout check found nothing off-frame or overlapping
    assert not scene.timeline.warnings


def test_vectors_too_unequal_for_any_scale_are_refused_with_the_reason():
    with pytest.raises(ParamError) as error:
        DotProduct.resolve_args({"u": [5, 2], "v": [300, -120]}, lesson="dot-product")
    message = str(error.value)
    assert message.startswith("dot-product: parameter 'u'") and "\n" not in message
    assert "too short to see" in message
