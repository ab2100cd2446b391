"""The vectors lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.kit.numbers import fmt, fmt_vec, tex_matrix
from scenes.kit.view import fit_unit
from scenes.linear_algebra.vectors import (
    ANALOGY,
    EMBEDDINGS,
    FEATURES,
    PAIRS,
    Vectors,
    add,
    analogy,
    axis_legs,
    distances,
    embed,
    female_steps,
    nearest_word,
    quiet_corner,
    scale,
    scale_phrase,
)
from scenes.style import CONTENT_BOTTOM

finite = st.floats(-50, 50, allow_nan=False)
vectors = arrays(np.float64, (2,), elements=finite)
scalars = st.floats(-10, 10, allow_nan=False)


# -- the math -----------------------------------------------------------------------


@given(vectors, vectors, vectors)
def test_addition_is_commutative_and_associative(u, v, w):
    assert np.allclose(add(u, v), add(v, u))
    assert np.allclose(add(add(u, v), w), add(u, add(v, w)))
    assert np.allclose(add(u, np.zeros(2)), u)


@given(vectors, vectors)
def test_addition_is_component_by_component(u, v):
    s = add(u, v)
    assert s[0] == u[0] + v[0] and s[1] == u[1] + v[1]


@given(scalars, scalars, vectors, vectors)
def test_scaling_distributes(a, b, u, v):
    assert np.allclose(scale(a, add(u, v)), add(scale(a, u), scale(a, v)))
    assert np.allclose(scale(a + b, u), add(scale(a, u), scale(b, u)))
    assert np.allclose(scale(a, scale(b, u)), scale(a * b, u))
    assert np.array_equal(scale(1, u), u)
    assert np.allclose(add(u, scale(-1, u)), np.zeros(2))


@given(st.floats(0.01, 10), vectors)
def test_negative_scalar_flips_direction_and_scales_length(c, u):
    flipped = scale(-c, u)
    assert np.linalg.norm(flipped) == pytest.approx(c * np.linalg.norm(u))
    assert np.dot(flipped, u) <= 0


@given(st.floats(-3, 3, allow_nan=False).filter(lambda c: abs(c) >= 0.25))
def test_scale_phrase_matches_the_sign_and_size(c):
    phrase = scale_phrase(c)
    assert phrase.startswith("the opposite" if c < 0 else "the same direction")
    if abs(c) not in (0.5, 1, 2):
        assert f"{fmt(abs(c))} times as long" in phrase


def test_scale_phrase_says_direction_and_length():
    assert scale_phrase(2) == "the same direction, twice as long"
    assert scale_phrase(-0.5) == "the opposite direction, half as long"
    assert scale_phrase(-1.5) == "the opposite direction, 1.5 times as long"


def _contradictions(table, features=FEATURES):
    """Pairs of words whose scores contradict the axes' meanings."""
    royal_rank = {"common": 0, "prince": 1, "crown": 2}
    found = []
    for a, (rank_a, sex_a) in features.items():
        for b, (rank_b, sex_b) in features.items():
            if sex_a == "female" and sex_b == "male" and table[a][1] <= table[b][1]:
                found.append(f"{a} is not more female than {b}")
            if sex_a == sex_b and table[a][1] != table[b][1]:
                found.append(f"{a} and {b} differ in how female they are")
            if royal_rank[rank_a] > royal_rank[rank_b] and table[a][0] <= table[b][0]:
                found.append(f"{a} is not more royal than {b}")
            if rank_a == rank_b and table[a][0] != table[b][0]:
                found.append(f"{a} and {b} differ in how royal they are")
    return found


def test_the_embedding_table_agrees_with_its_axes():
    assert EMBEDDINGS == embed(FEATURES)
    assert _contradictions(EMBEDDINGS) == []


def test_the_check_finds_the_old_hand_typed_tables_contradiction():
    old = {
        "man": (1.0, 1.0),
        "woman": (1.2, 3.0),
        "prince": (3.0, 0.6),
        "princess": (2.9, 3.3),
        "king": (4.0, 0.8),
        "queen": (4.1, 3.1),
    }
    assert "man and king differ in how female they are" in _contradictions(old)


def test_every_pair_takes_the_same_female_step():
    steps = female_steps(EMBEDDINGS)
    assert set(steps) == set(PAIRS)
    first = steps[PAIRS[0]]
    assert all(np.array_equal(step, first) for step in steps.values())
    assert first[0] == 0 and first[1] > 0  # straight up the "female" axis


@given(vectors, vectors)
def test_axis_legs_lie_end_to_end_and_reach_the_sum(u, v):
    for axis in (0, 1):
        (a0, a1), (b0, b1) = axis_legs(u, v, axis)
        assert a0 == 0 and a1 == u[axis]
        assert b0 == a1 and b1 - b0 == pytest.approx(v[axis], abs=1e-9)
        assert b1 == add(u, v)[axis]


def test_analogy_lands_nearest_to_queen():
    result = analogy(EMBEDDINGS, *ANALOGY)
    expected = (
        np.array(EMBEDDINGS["king"])
        - np.array(EMBEDDINGS["man"])
        + np.array(EMBEDDINGS["woman"])
    )
    assert np.allclose(result, expected)
    assert nearest_word(EMBEDDINGS, result, exclude=ANALOGY)[0] == "queen"
    assert nearest_word(EMBEDDINGS, result)[0] == "queen"
    assert nearest_word(EMBEDDINGS, result)[1] == 0  # exactly on it (said so)


@given(arrays(np.float64, (2,), elements=st.floats(-5, 5, allow_nan=False)))
def test_nearest_word_has_the_smallest_distance(point):
    word, dist = nearest_word(EMBEDDINGS, point)
    all_d = distances(EMBEDDINGS, point)
    assert dist == min(all_d.values()) == all_d[word]
    assert all(d >= 0 for d in all_d.values())
    other, _ = nearest_word(EMBEDDINGS, point, exclude=[word])
    assert other != word


@given(arrays(np.float64, (5, 2), elements=st.floats(-15, 15, allow_nan=False)))
def test_fit_unit_keeps_points_on_screen(points):
    unit = fit_unit(points, 6.6, 3.0)
    assert 0.2 <= unit <= 1.2
    if unit > 0.2:
        assert np.all(np.abs(points[:, 0]) * unit <= 6.6)
        assert np.all(np.abs(points[:, 1]) * unit <= 3.0)


def test_quiet_corner_avoids_the_busy_side():
    assert quiet_corner(np.array([[1, 1], [2, 3]])) == "UL"
    assert quiet_corner(np.array([[-1, 1], [-2, 3], [1, 2]])) == "UR"
    assert quiet_corner(np.array([[-1, -1]])) == "UL"


# -- what the lesson shows ------------------------------------------------------------

OTHER = {"u": [-2, 3], "v": [3, -1], "scalar": -1.5}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("vectors")
    return [construct_only(entry, {}), construct_only(entry, OTHER)]


def _shown(scene):
    return [s for beat in scene.timeline.beats for s in beat.shown]


@pytest.mark.parametrize("which", [0, 1])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    u, v, c = scene.args.u, scene.args.v, scene.args.scalar
    shown = _shown(scene)
    joined = "\n".join(shown)
    assert tex_matrix(u) in joined and tex_matrix(v) in joined
    assert fmt(u[0]) in shown and fmt(u[1]) in shown  # the components on the grid
    assert any(s.endswith(tex_matrix(add(u, v))) and "u+v" in s for s in shown)
    assert any(s.endswith(tex_matrix(scale(c, u))) for s in shown)
    assert any(s.endswith(tex_matrix(scale(-c, u))) for s in shown)
    assert f"{fmt(c)}u" in shown and f"{fmt(-c)}u" in shown
    for xy in EMBEDDINGS.values():
        assert fmt_vec(xy) in shown
    result = analogy(EMBEDDINGS, *ANALOGY)
    word, dist = nearest_word(EMBEDDINGS, result, exclude=ANALOGY)
    assert any(s.endswith(tex_matrix(result)) for s in shown)
    assert f"nearest word: {word}" in shown
    assert f"distance {fmt(dist)}" in shown
    assert not scene.timeline.warnings
    assert scene.args.u.tolist() == ([3, 1] if which == 0 else OTHER["u"])


def test_narration_uses_the_same_numbers(scenes):
    scene = scenes[1]
    u, v = scene.args.u, scene.args.v
    texts = " ".join(b.text for b in scene.timeline.beats)
    assert f"u + v = {fmt_vec(add(u, v))}" in texts
    sx = axis_legs(u, v, 0)[1][1]
    assert f"{fmt(u[0])} and {fmt(v[0])} make {fmt(sx)}" in texts
    assert "land near queen, not on it" in texts  # the made-up table is exact
    assert fmt_vec(scale(-1.5, u)) in texts
    assert "the opposite direction, 1.5 times as long" in texts
    assert sum(b.key for b in scene.timeline.beats) == 1


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("u", [0, 0]),
        ("u", [12345, 1]),
        ("v", [100, 0.5]),
        ("v", "oops"),
        ("v", [1, 2, 3]),
        ("scalar", 0),
        ("scalar", 0.1),
        ("scalar", 4),
        ("scalar", "big"),
    ],
)
def test_bad_parameters_fail_with_one_line(name, bad):
    with pytest.raises(ParamError) as error:
        Vectors.resolve_args({name: bad}, lesson="vectors")
    message = str(error.value)
    assert message.startswith(f"vectors: parameter '{name}'")
    assert "\n" not in message


@pytest.mark.parametrize(
    "given_args",
    [
        {"u": [5, 2]},  # refused before the view scaled ("larger than 4")
        {"u": [-400, 250], "v": [30, -120], "scalar": -1.5},
    ],
)
def test_large_vectors_scale_the_view_instead_of_being_refused(course, given_args):
    scene = construct_only(course.get("vectors"), given_args)
    u = np.asarray(given_args["u"], dtype=float)
    # the tip of u is on screen, clear of the caption band
    tip = scene.point(u)
    assert abs(tip[0]) <= 7.1 and scene.view.unit > 0
    assert tip[1] >= CONTENT_BOTTOM
    assert fmt_vec(u) in " ".join(b.text for b in scene.timeline.beats)
    # the layout check found nothing off-frame or overlapping
    assert not scene.timeline.warnings


def test_vectors_too_unequal_for_any_scale_are_refused_with_the_reason():
    with pytest.raises(ParamError) as error:
        Vectors.resolve_args({"u": [5, 2], "v": [30, -120]}, lesson="vectors")
    message = str(error.value)
    assert message.startswith("vectors: parameter 'u'") and "\n" not in message
    assert "too short to see" in message
