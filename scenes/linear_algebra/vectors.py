"""Vectors: an arrow, a list of numbers, and data.

A 2-D vector is an arrow from the origin and, equally, the list of its two
components: how far it goes along each axis. Vectors add tip to tail, and the
picture shows why that is adding component by component: along each axis the
two vectors' legs lie end to end. A scalar stretches every component, and a
negative one flips the arrow. In machine learning words become vectors: on a
small made-up embedding table, computed from two features, ``king - man +
woman`` lands on ``queen``. The numbers on screen come from the pure functions
below, which the tests check on their own.

General claims (text and narration), and why each holds:

- "A vector is an arrow: a length and a direction": for a non-zero vector, which
  the parameters require (``nonzero``).
- "As a list of numbers, u is (u1, u2): how far it goes along each axis": the
  legs drawn are ``(u1, 0)`` and ``(0, u2)``; definition.
- "To add, go tip to tail; the sum runs from the origin to where v now ends":
  the moved ``v`` starts at ``u`` and ends at ``u + v`` (:func:`add`).
- "Along each axis the legs lie end to end, so the sum adds component by
  component": :func:`axis_legs` returns u's leg ``[0, u_k]`` and v's leg
  ``[u_k, u_k + v_k]``, which end at ``add(u, v)[k]`` (Hypothesis test).
- "A scalar scales every component; c u points the same/opposite way, k times as
  long": :func:`scale_phrase` is computed from ``c`` (the sign gives the way, the
  size the length; tested, with a Hypothesis test that a negative scalar flips).
- "A negative scalar flips the arrow" / "flip the sign and the arrow turns
  around": chosen by the sign of the lesson's ``c``.
- "In this made-up table the first number says how royal a word is, the second
  how female": :data:`EMBEDDINGS` is computed from :data:`FEATURES` by
  :func:`embed`, so every female word scores more female than every male word,
  and kings and queens more royal than princes and princesses, than men and
  women (test over all pairs; the old hand-typed table had "man" more female
  than "king").
- "Minus man plus woman is the step from man to woman": ``k - m + w = k + (w - m)``
  (:func:`analogy`, tested against the sum).
- "We land exactly on queen: in this table the step from man to woman is the
  same as from king to queen": :func:`female_steps` are equal for every pair
  (tested), so the nearest word is queen at distance 0 (tested).
- "Real embeddings, learned from text, land near queen, not on it": the word2vec
  analogy result (Mikolov et al., 2013) holds approximately, with the three
  input words excluded from the search; the lesson says "near", not "on".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from manim import *

from mathreel.core.params import Args, Float, Vector, nonzero
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_vec, say_num, say_vec, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import fit_unit, legible_entries, require_visible
from scenes.style import *

__all__ = [
    "ANALOGY",
    "EMBEDDINGS",
    "FEATURES",
    "PAIRS",
    "Vectors",
    "add",
    "analogy",
    "axis_legs",
    "distances",
    "embed",
    "female_steps",
    "nearest_word",
    "practice",
    "quiet_corner",
    "scale",
    "scale_phrase",
]

#: Levels of the two made-up features: (royal, female).
ROYAL = {"common": 1.0, "prince": 3.0, "crown": 5.0}
FEMALE = {"male": 1.0, "female": 3.0}

#: Each word's features: (royal rank, sex). The embedding is computed from them.
FEATURES: dict[str, tuple[str, str]] = {
    "man": ("common", "male"),
    "woman": ("common", "female"),
    "prince": ("prince", "male"),
    "princess": ("prince", "female"),
    "king": ("crown", "male"),
    "queen": ("crown", "female"),
}

#: The female-male pairs of the table, male word first.
PAIRS: tuple[tuple[str, str], ...] = (
    ("man", "woman"),
    ("prince", "princess"),
    ("king", "queen"),
)


def embed(features: Mapping[str, tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """A made-up 2-D embedding: each word's (how royal, how female) from its features.

    Parameters
    ----------
    features
        Word to (royal rank, sex): keys of :data:`ROYAL` and :data:`FEMALE`.

    Returns
    -------
    dict
        Word to its 2-D vector ``(ROYAL[rank], FEMALE[sex])``.

    Raises
    ------
    KeyError
        For a rank or sex the tables do not know.
    """
    return {w: (ROYAL[rank], FEMALE[sex]) for w, (rank, sex) in features.items()}


#: The embedding table the lesson draws: (how royal, how female).
EMBEDDINGS: dict[str, tuple[float, float]] = embed(FEATURES)

#: Where each word's label sits, clear of the analogy arrows.
LABEL_SIDES = {"man": LEFT, "king": RIGHT, "prince": DOWN}

#: The analogy the lesson computes: ``king - man + woman``.
ANALOGY = ("king", "man", "woman")

#: Largest component the lesson can draw for u and v.


# -- the math ---------------------------------------------------------------------


def add(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``u + v``, component by component."""
    return np.asarray(u, dtype=float) + np.asarray(v, dtype=float)


def axis_legs(
    u: np.ndarray, v: np.ndarray, axis: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The tip-to-tail path's legs along one axis: u's, then v's from where u ends.

    Parameters
    ----------
    u, v : arrays of shape (2,)
        The two vectors added.
    axis : {0, 1}
        0 for x, 1 for y.

    Returns
    -------
    ((0, u_k), (u_k, u_k + v_k))
        Start and end of u's leg and of v's leg; the second ends at the sum's
        component ``add(u, v)[axis]``.
    """
    a, b = float(np.asarray(u)[axis]), float(np.asarray(v)[axis])
    return (0.0, a), (a, a + b)


def scale(c: float, v: np.ndarray) -> np.ndarray:
    """``c v``: every component times ``c``."""
    return float(c) * np.asarray(v, dtype=float)


def scale_phrase(c: float) -> str:
    """What multiplying by ``c`` does to an arrow, in words."""
    size = abs(float(c))
    if size == 1:
        length = "the same length"
    elif size == 2:
        length = "twice as long"
    elif size == 0.5:
        length = "half as long"
    else:
        length = f"{fmt(size)} times as long"
    way = "the same direction" if c > 0 else "the opposite direction"
    return f"{way}, {length}"


def analogy(
    table: Mapping[str, Sequence[float]], start: str, minus: str, plus: str
) -> np.ndarray:
    """``start - minus + plus`` on the word vectors of ``table``."""
    vec = {w: np.asarray(x, dtype=float) for w, x in table.items()}
    return vec[start] - vec[minus] + vec[plus]


def female_steps(
    table: Mapping[str, Sequence[float]],
    pairs: Sequence[tuple[str, str]] = PAIRS,
) -> dict[tuple[str, str], np.ndarray]:
    """The step from each male word to its female partner: ``table[f] - table[m]``."""
    return {
        (m, f): np.asarray(table[f], dtype=float) - np.asarray(table[m], dtype=float)
        for m, f in pairs
    }


def distances(
    table: Mapping[str, Sequence[float]], point: np.ndarray
) -> dict[str, float]:
    """Euclidean distance from ``point`` to every word of ``table``."""
    p = np.asarray(point, dtype=float)
    return {
        w: float(np.linalg.norm(np.asarray(x, dtype=float) - p))
        for w, x in table.items()
    }


def nearest_word(
    table: Mapping[str, Sequence[float]],
    point: np.ndarray,
    exclude: Sequence[str] = (),
) -> tuple[str, float]:
    """The word of ``table`` closest to ``point`` (skipping ``exclude``) and its distance."""
    found = {w: d for w, d in distances(table, point).items() if w not in exclude}
    word = min(found, key=lambda w: (found[w], w))
    return word, found[word]


def quiet_corner(points: np.ndarray) -> str:
    """``"UL"`` or ``"UR"``: the upper corner with fewer of ``points`` in it.

    Points on the left half of the upper half count against UL, on the right
    half against UR; ties go to UL.
    """
    pts = np.atleast_2d(np.asarray(points, dtype=float))
    upper = pts[pts[:, 1] > 0]
    left = int(np.sum(upper[:, 0] < 0))
    right = int(np.sum(upper[:, 0] > 0))
    return "UR" if left > right else "UL"


def view_unit(u: np.ndarray, v: np.ndarray, c: float) -> float:
    """Scene units per plane unit that fit u, v, u + v, cu and -cu on screen.

    No floor: the view scales to any size (:func:`check_args` refuses only
    pictures that no scale shows legibly).
    """
    points = np.vstack([u, v, add(u, v), scale(c, u), scale(-c, u)])
    half_h = (TOP - BOTTOM) / 2
    return fit_unit(points, config.frame_width / 2 - 0.5, half_h - 0.4, least=0.0)


def _scalar_visible(c: float) -> str | None:
    if abs(c) < 0.25:
        return "a scalar this close to 0 shrinks the arrow to almost nothing"
    return None


def _segment_points(a: np.ndarray, b: np.ndarray, n: int = 5) -> np.ndarray:
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) * np.asarray(a, dtype=float) + t * np.asarray(b, dtype=float)


# -- layout (scene units) -----------------------------------------------------------
TOP = config.frame_height / 2 - 0.3
#: Components up to this size were always shown; the view only scales past it.
OLD_VIEW = 4.0
BOTTOM = CONTENT_BOTTOM + 0.15
#: The recap's line sits below this; the last picture stays above it.
RECAP_TOP = CONTENT_BOTTOM + 1.1


class Vectors(CourseLesson):
    """Arrows and lists; tip-to-tail addition; scaling; words as vectors."""

    params = {
        "u": Vector(
            [3, 1],
            help="the first vector, u",
            require=[nonzero, legible_entries("components")],
        ),
        "v": Vector(
            [1, 2],
            help="the second vector, v, added to u",
            require=[nonzero, legible_entries("components")],
        ),
        "scalar": Float(
            2,
            lo=-3,
            hi=3,
            help="the number c that scales u",
            require=[_scalar_visible],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse a u and v whose shorter one no scale can show beside the longer."""
        u, v = np.asarray(args.u, dtype=float), np.asarray(args.v, dtype=float)
        if max(np.max(np.abs(u)), np.max(np.abs(v))) <= OLD_VIEW:
            return  # always drawn at the old fixed reach: unchanged
        require_visible({"u": u, "v": v}, view_unit(u, v, args.scalar))

    def construct(self) -> None:
        u, v, c = self.args.u, self.args.v, self.args.scalar
        self.fit_view(u, v, c)
        self.title_card("Vectors", "What is a vector, and how can a word be one?")
        self.show_arrow(u)
        self.show_components(u)
        self.add_tip_to_tail(u, v)
        self.add_in_numbers(u, v)
        self.scale_up(u, c)
        self.flip(u, c)
        self.clear_plane()
        self.words_as_vectors()
        self.word_step()
        self.word_analogy()
        self.recap_over(
            self.on_screen(
                self.axes, self.axis_names, self.word_marks, *self.analogy_picture
            ),
            "A vector is an arrow and a list of numbers; vectors add tip to tail, "
            "component by component.",
        )

    # -- view ------------------------------------------------------------------
    def on_screen(self, *mobjects: Mobject) -> list[Mobject]:
        """The scene's top-level mobjects that hold any of ``mobjects``.

        An animation of several mobjects adds them as one group, so the recap's
        picture is named by what is drawn and found among what the scene holds.
        """
        wanted = {id(m) for mob in mobjects for m in mob.get_family()}
        return [
            top
            for top in self.mobjects
            if any(id(m) in wanted for m in top.get_family())
        ]

    def fit_view(self, u: np.ndarray, v: np.ndarray, c: float) -> None:
        """Choose the grid scale and the panel corner from everything drawn."""
        s = add(u, v)
        self.origin = np.array([0.0, (TOP + BOTTOM) / 2, 0.0])
        self.unit = view_unit(u, v, c)
        self.view = PlaneView(self.unit, self.origin)
        drawn = np.vstack(
            [
                _segment_points([0, 0], u),
                _segment_points([0, 0], v),
                _segment_points(u, s),
                _segment_points([0, 0], s),
                _segment_points([0, 0], scale(c, u)),
                _segment_points([0, 0], scale(-c, u)),
            ]
        )
        self.corner = UL if quiet_corner(drawn) == "UL" else UR

    def point(self, xy: np.ndarray) -> np.ndarray:
        return self.view.point(xy)

    def arrow(self, xy: np.ndarray, color: str, start: np.ndarray | None = None):
        """An arrow from ``start`` (the origin) to ``xy``, or a dot if it has no length."""
        return self.view.arrow(
            xy, color, start, width=6, tip=0.25, tip_ratio=0.3, dot=0.08
        )

    def tip_label(
        self,
        mob: Mobject,
        xy: np.ndarray,
        start=None,
        away_from=None,
        avoid: Sequence[Mobject] = (),
    ) -> Mobject:
        """Place ``mob`` beside the tip of the arrow to ``xy``.

        Beside the tip rather than past it, so a longer arrow along the same line
        (``2u`` over ``u``) never runs through the label. The arrow's left side
        is preferred, or the side farther from the plane point ``away_from``;
        the other side is taken when the first would cover a label in ``avoid``
        or leave the frame.
        """
        tail = np.zeros(2) if start is None else np.asarray(start, dtype=float)
        d = np.asarray(xy, dtype=float) - tail
        n = np.linalg.norm(d)
        along = np.array([d[0], d[1], 0.0]) / n if n > 0 else RIGHT
        normal = np.array([-along[1], along[0], 0.0])
        reach = 0.18 + 0.5 * (mob.width * abs(normal[0]) + mob.height * abs(normal[1]))
        spots = [self.point(xy) - 0.15 * along + k * reach * normal for k in (1, -1)]
        if away_from is not None:
            far = self.point(away_from)
            spots.sort(key=lambda p: -float(np.linalg.norm(p - far)))
        past = 0.3 + 0.5 * (mob.width * abs(along[0]) + mob.height * abs(along[1]))
        spots += [
            self.point(xy) + past * along,
            spots[0] + reach * (spots[0] - spots[1]),
        ]
        half = np.array([mob.width / 2, mob.height / 2, 0.0])

        def clashes(spot: np.ndarray) -> int:
            lo, hi = spot - half, spot + half
            count = 0
            for other in avoid:
                o_lo, o_hi = other.get_corner(DOWN + LEFT), other.get_corner(UP + RIGHT)
                if np.all(lo[:2] < o_hi[:2] + 0.03) and np.all(
                    o_lo[:2] - 0.03 < hi[:2]
                ):
                    count += 1
            limit = np.array([config.frame_width / 2, config.frame_height / 2])
            if np.any(np.abs(lo[:2]) > limit) or np.any(np.abs(hi[:2]) > limit):
                count += 1
            return count

        spot = min(spots, key=clashes)  # min keeps the first of equals
        return mob.move_to(spot)

    def make_plane(self) -> NumberPlane:
        plane = self.view.plane(
            reach=config.frame_width,
            line_opacity=0.4,
            axis_opacity=0.8,
            z_index=0,
        )
        self.backdrop(plane)
        return plane

    def set_info(self, *rows: Mobject) -> None:
        """Replace the formula card in the quiet corner with ``rows``."""
        content = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        card = panel(content).to_corner(self.corner, buff=0.3)
        if self.info is None:
            self.play(FadeIn(card), run_time=0.6)
        else:
            self.play(ReplacementTransform(self.info, card), run_time=0.7)
        self.info = card

    def named(self, name: str, vec: np.ndarray, color: str) -> Mobject:
        line = tex(name, "=", tex_matrix(vec))
        line[0].set_color(color)
        line[2].set_color(color)
        return line

    # -- beats: arrows and lists ---------------------------------------------------
    def show_arrow(self, u: np.ndarray) -> None:
        self.info = None
        self.plane = self.make_plane()
        self.u_arrow = self.arrow(u, ACCENT)
        # away from the corner where the component legs meet
        self.u_label = self.tip_label(
            tex("u", color=ACCENT), u, away_from=np.array([u[0], 0.0])
        )
        right = "right" if u[0] >= 0 else "left"
        up = "up" if u[1] >= 0 else "down"
        with self.beat(
            "A vector is an arrow: a length and a direction. This one, u, starts at the "
            f"origin and ends {fmt(abs(u[0]))} {right} and {fmt(abs(u[1]))} {up}.",
            chapter="Arrows and lists",
        ):
            self.play(Create(self.plane), run_time=1.2)
            self.play(GrowArrow(self.u_arrow), run_time=0.8)
            self.play(FadeIn(self.u_label), run_time=0.4)

    def show_components(self, u: np.ndarray) -> None:
        corner = np.array([u[0], 0.0])
        legs = VGroup()
        labels = VGroup()
        if abs(u[0]) > 1e-9:
            legs.add(
                DashedLine(self.origin, self.point(corner), color=GREEN, stroke_width=5)
            )
            labels.add(
                tex(fmt(u[0]), color=GREEN).next_to(
                    legs[-1], DOWN if u[1] >= 0 else UP, buff=0.12
                )
            )
        if abs(u[1]) > 1e-9:
            legs.add(
                DashedLine(self.point(corner), self.point(u), color=RED, stroke_width=5)
            )
            labels.add(
                tex(fmt(u[1]), color=RED).next_to(
                    legs[-1], RIGHT if u[0] >= 0 else LEFT, buff=0.12
                )
            )
        self.legs = VGroup(legs, labels)
        with self.beat(
            f"As a list of numbers, u is {fmt_vec(u)}: how far it goes along each axis. "
            "These numbers are its components.",
            say=f"As a list of numbers, u is {say_vec(u)}: how far it goes along each axis. "
            "These numbers are its components.",
        ):
            self.play(Create(legs), run_time=1.0)
            self.play(FadeIn(labels), run_time=0.5)
            self.set_info(self.named("u", u, ACCENT))

    # -- beats: adding and scaling ---------------------------------------------------
    def add_tip_to_tail(self, u: np.ndarray, v: np.ndarray) -> None:
        s = add(u, v)
        self.v_arrow = self.arrow(v, BLUE)
        self.v_label = self.tip_label(tex("v", color=BLUE), v, avoid=[self.u_label])
        moved = self.arrow(s, BLUE, start=u)
        self.sum_arrow = self.arrow(s, PURPLE)
        self.sum_label = self.tip_label(
            tex("u+v", color=PURPLE), s, away_from=u, avoid=[self.u_label, self.v_label]
        )
        with self.beat(
            f"Add a second vector, v = {fmt_vec(v)}. To add, go tip to tail: slide v so it "
            "starts where u ends. The sum runs from the origin to where v now ends.",
            say=f"Add a second vector, v, equal to {say_vec(v)}. To add, go tip to tail: "
            "slide v so it starts where u ends. The sum runs from the origin to where v "
            "now ends.",
            chapter="Adding and scaling",
        ):
            self.play(FadeOut(self.legs), run_time=0.4)
            self.play(GrowArrow(self.v_arrow), FadeIn(self.v_label), run_time=0.8)
            row = VGroup(self.named("u", u, ACCENT), self.named("v", v, BLUE)).arrange(
                RIGHT, buff=0.5
            )
            self.set_info(row)
            self.v_copy = self.v_arrow.copy()
            self.play(ReplacementTransform(self.v_copy, moved), run_time=1.2)
            self.v_copy = moved
            self.play(_grow(self.sum_arrow), run_time=0.9)
            self.play(FadeIn(self.sum_label), run_time=0.4)

    def leg_lines(self, u: np.ndarray, v: np.ndarray) -> VGroup:
        """u's and v's legs along each axis, end to end, beside the axes.

        A group per axis (x, then y), each with u's leg then v's (a zero leg is
        left out).
        """
        lines = VGroup(VGroup(), VGroup())
        for axis in (0, 1):
            for k, ((start, end), color) in enumerate(
                zip(axis_legs(u, v, axis), (ACCENT, BLUE), strict=True)
            ):
                if abs(end - start) < 1e-9:
                    continue
                off = -(0.14 + 0.16 * k) / self.unit  # stacked just off the axis
                a = [start, off] if axis == 0 else [off, start]
                b = [end, off] if axis == 0 else [off, end]
                lines[axis].add(
                    Line(self.point(a), self.point(b), color=color, stroke_width=7)
                )
        return lines

    def add_in_numbers(self, u: np.ndarray, v: np.ndarray) -> None:
        s = add(u, v)
        line = tex(
            "u+v", "=", tex_matrix(u), "+", tex_matrix(v), "=", tex_matrix(s), size=36
        )
        line[0].set_color(PURPLE)
        line[2].set_color(ACCENT)
        line[4].set_color(BLUE)
        line[6].set_color(PURPLE)
        sx = axis_legs(u, v, 0)[1][1]
        sy = axis_legs(u, v, 1)[1][1]
        legs = self.leg_lines(u, v)
        with self.beat(
            f"Why component by component? Along the x axis, u's leg and then v's leg "
            f"lie end to end: {fmt(u[0])} and {fmt(v[0])} make {fmt(sx)}. Up the y "
            f"axis, {fmt(u[1])} and {fmt(v[1])} make {fmt(sy)}. So u + v = {fmt_vec(s)}.",
            say=f"Why component by component? Along the x axis, u's leg and then v's "
            f"leg lie end to end: {say_num(u[0])} and {say_num(v[0])} make "
            f"{say_num(sx)}. Up the y axis, {say_num(u[1])} and {say_num(v[1])} make "
            f"{say_num(sy)}. So u plus v is {say_vec(s)}.",
        ):
            for axis_legs_drawn in legs:
                if len(axis_legs_drawn):
                    self.play(Create(axis_legs_drawn, lag_ratio=1.0), run_time=1.2)
            self.set_info(line)
            self.play(self.sum_arrow.animate.set_stroke(width=10), run_time=0.4)
            self.play(self.sum_arrow.animate.set_stroke(width=6), run_time=0.4)
        self.play(FadeOut(legs), run_time=0.4)

    def scaled_line(self, c: float, u: np.ndarray) -> Mobject:
        cu = scale(c, u)
        line = tex(f"{fmt(c)}u", "=", fmt(c), tex_matrix(u), "=", tex_matrix(cu))
        line[0].set_color(ORANGE)
        line[3].set_color(ACCENT)
        line[5].set_color(ORANGE)
        return line

    def scale_up(self, u: np.ndarray, c: float) -> None:
        cu = scale(c, u)
        self.c_arrow = self.arrow(cu, ORANGE)
        self.c_label = self.tip_label(
            tex(f"{fmt(c)}u", color=ORANGE), cu, avoid=[self.u_label]
        )
        with self.beat(
            f"Multiplying by a number, a scalar, scales every component. {fmt(c)} u is "
            f"{fmt_vec(cu)}: {scale_phrase(c)}.",
            say=f"Multiplying by a number, a scalar, scales every component. {say_num(c)} u "
            f"is {say_vec(cu)}: {scale_phrase(c)}.",
        ):
            self.play(
                FadeOut(
                    self.v_arrow,
                    self.v_label,
                    self.v_copy,
                    self.sum_arrow,
                    self.sum_label,
                ),
                run_time=0.5,
            )
            self.set_info(self.scaled_line(c, u))
            self.bring_to_back(self.c_arrow)
            self.bring_to_back(self.plane)
            self.play(GrowArrow(self.c_arrow), FadeIn(self.c_label), run_time=1.0)
            self.bring_to_front(self.u_arrow)

    def flip(self, u: np.ndarray, c: float) -> None:
        cu = scale(-c, u)
        arrow = self.arrow(cu, RED)
        label = self.tip_label(
            tex(f"{fmt(-c)}u", color=RED), cu, avoid=[self.u_label, self.c_label]
        )
        if c > 0:
            line = (
                f"A negative scalar flips the arrow: {fmt(-c)} u = {fmt_vec(cu)} "
                "points the opposite way."
            )
            say = (
                f"A negative scalar flips the arrow: {say_num(-c)} u is {say_vec(cu)}, "
                "pointing the opposite way."
            )
        else:
            line = (
                f"Flip the sign and the arrow turns around: {fmt(-c)} u = {fmt_vec(cu)} "
                "points along u again."
            )
            say = (
                f"Flip the sign and the arrow turns around: {say_num(-c)} u is "
                f"{say_vec(cu)}, pointing along u again."
            )
        line2 = self.scaled_line(-c, u)
        line2[0].set_color(RED)
        line2[5].set_color(RED)
        with self.beat(line, say=say):
            self.set_info(line2)
            self.play(GrowArrow(arrow), FadeIn(label), run_time=1.0)
        self.c_neg = VGroup(arrow, label)

    def clear_plane(self) -> None:
        self.play(
            FadeOut(
                self.plane,
                self.u_arrow,
                self.u_label,
                self.c_arrow,
                self.c_label,
                self.c_neg,
                self.info,
            ),
            run_time=0.6,
        )

    # -- beats: words as vectors -----------------------------------------------------
    def words_as_vectors(self) -> None:
        table = EMBEDDINGS
        pts = np.array(list(table.values()))
        result = analogy(table, *ANALOGY)
        lo = np.minimum(pts.min(axis=0), result).min()
        x_max = math.ceil(max(pts[:, 0].max(), result[0]) + 0.5)
        y_max = math.ceil(max(pts[:, 1].max(), result[1]) + 0.5)
        floor = min(0, math.floor(lo))
        self.axes = Axes(
            x_range=[floor, x_max, 1],
            y_range=[floor, y_max, 1],
            x_length=7.0,
            y_length=TOP - RECAP_TOP - 0.3,
            tips=True,
            axis_config={"color": MUTED, "stroke_width": 2, "tip_length": 0.2},
        )
        self.axes.move_to([-3.1, (TOP + RECAP_TOP) / 2, 0])
        x_name = text("royal", SMALL, MUTED).next_to(
            self.axes.x_axis.get_end() + 0.3 * LEFT, UP + LEFT, buff=0.2
        )
        y_name = text("female", SMALL, MUTED).next_to(
            self.axes.y_axis.get_end(), RIGHT, buff=0.15
        )
        self.word_dots = {}
        self.word_labels = {}
        marks = VGroup()
        for word, xy in table.items():
            dot = Dot(self.axes.c2p(*xy), radius=0.08, color=INK)
            side = LABEL_SIDES.get(word, UP)
            label = text(word, SMALL, INK).next_to(dot, side, buff=0.12)
            self.word_dots[word] = dot
            self.word_labels[word] = label
            marks.add(VGroup(dot, label))
        rows = VGroup(
            *(
                VGroup(
                    text(word, SMALL, INK),
                    text(fmt_vec(xy), SMALL, BLUE),
                )
                for word, xy in table.items()
            )
        )
        for row in rows:
            row[1].next_to(row[0], RIGHT, buff=0.3)
        width = max(row[0].width for row in rows)
        for row in rows:
            row[1].next_to(row[0], RIGHT, buff=0.3 + width - row[0].width)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        heading = text("word: (royal, female)", SMALL, MUTED)
        self.table_card = panel(
            VGroup(heading, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        )
        self.table_card.move_to([4.4, 0, 0]).to_edge(UP, buff=0.35)
        self.word_marks = marks
        with self.beat(
            "In machine learning, data are vectors. A word embedding turns each word "
            "into a list of numbers. In this made-up table, the first number says how "
            "royal a word is, the second how female.",
            chapter="In machine learning",
        ):
            self.play(Create(self.axes), FadeIn(x_name, y_name), run_time=1.0)
            self.play(FadeIn(self.table_card), run_time=0.6)
            self.play(FadeIn(marks, lag_ratio=0.2), run_time=1.5)
        self.axis_names = VGroup(x_name, y_name)

    def word_step(self) -> None:
        start, minus, plus = ANALOGY
        a, b = np.array(EMBEDDINGS[minus]), np.array(EMBEDDINGS[plus])
        self.step = Arrow(
            self.axes.c2p(*a),
            self.axes.c2p(*b),
            buff=0.2,
            color=GREEN,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.2,
        )
        formula = tex(
            rf"\text{{{start}}}",
            "-",
            rf"\text{{{minus}}}",
            "+",
            rf"\text{{{plus}}}",
            size=36,
        )
        formula[2].set_color(GREEN)
        formula[4].set_color(GREEN)
        self.formula = formula.next_to(self.table_card, DOWN, buff=0.3)
        with self.beat(
            f"Now a famous trick: {start} minus {minus} plus {plus}. "
            f"Minus {minus} plus {plus} is the step from {minus} to {plus}.",
        ):
            self.play(FadeIn(self.formula), run_time=0.6)
            self.play(GrowArrow(self.step), run_time=1.0)

    def word_analogy(self) -> None:
        start, minus, plus = ANALOGY
        result = analogy(EMBEDDINGS, *ANALOGY)
        word, dist = nearest_word(EMBEDDINGS, result, exclude=ANALOGY)
        shift = self.axes.c2p(*EMBEDDINGS[start]) - self.axes.c2p(*EMBEDDINGS[minus])
        moved = self.step.copy().shift(shift).set_color(ORANGE)
        others = VGroup(
            *(
                Arrow(
                    self.axes.c2p(*EMBEDDINGS[m]),
                    self.axes.c2p(*EMBEDDINGS[f]),
                    buff=0.2,
                    color=GREEN,
                    stroke_width=4,
                    max_tip_length_to_length_ratio=0.2,
                )
                for m, f in PAIRS
                if (m, f) not in ((minus, plus), (start, word))
            )
        )
        star = Star(
            n=5, outer_radius=0.18, color=ORANGE, fill_opacity=1, stroke_width=0
        ).move_to(self.axes.c2p(*result))
        gap = VGroup()
        if dist > 1e-9:
            gap.add(
                DashedLine(
                    self.axes.c2p(*result),
                    self.word_dots[word].get_center(),
                    color=ACCENT,
                    stroke_width=4,
                    dash_length=0.06,
                )
            )
        answer = VGroup(
            tex("=", tex_matrix(result), size=36),
            text(f"nearest word: {word}", SMALL, ACCENT),
            text(f"distance {fmt(dist)}", SMALL, ACCENT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        answer[0][1].set_color(ORANGE)
        answer.next_to(self.formula, DOWN, buff=0.25, aligned_edge=LEFT)
        steps = female_steps(EMBEDDINGS)
        same = all(np.allclose(d, steps[(minus, plus)]) for d in steps.values())
        if dist <= 1e-9 and same:
            why = (
                f"exactly on {word}: in this table the step from {minus} to {plus} "
                f"is the same arrow for every pair. Embeddings learned from real text "
                f"land near {word}, not on it."
            )
            where = f"We land at {fmt_vec(result)}, {why}"
            said = f"We land at {say_vec(result)}, {why}"
        else:
            tail = (
                f"the nearest other word is {word}, {fmt(dist)} away: the step from "
                f"{minus} to {plus} roughly carries over to royalty."
            )
            where = f"We land at {fmt_vec(result)}, and {tail}"
            said = f"We land at {say_vec(result)}, and {tail}"
        with self.beat(
            f"Take the same step from {start}. {where}",
            say=f"Take the same step from {start}. {said}",
            key=True,
        ):
            self.play(
                ReplacementTransform(self.step.copy(), moved),
                run_time=1.4,
            )
            self.play(GrowFromCenter(star), FadeIn(answer[0]), run_time=0.6)
            self.play(
                *(Create(g) for g in gap),
                self.word_labels[word].animate.set_color(ACCENT).scale(1.2),
                FadeIn(answer[1:]),
                run_time=0.8,
            )
            if len(others):
                self.play(*(GrowArrow(o) for o in others), run_time=0.8)
            self.wait(1.5)
        self.analogy_picture = [self.table_card, self.formula, self.step, moved, star]
        self.analogy_picture += [*others, *gap]


def _grow(mob: Mobject):
    """Grow an arrow from its tail; fade in the dot that stands for a zero vector."""
    return GrowArrow(mob) if isinstance(mob, Arrow) else FadeIn(mob)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def _practice_vector(rng: np.random.Generator) -> np.ndarray:
    """A non-zero whole-number vector with components from -4 to 4."""
    while True:
        v = rng.integers(-4, 5, size=2).astype(float)
        if np.any(v):
            return v


def practice(seed: int) -> list[Exercise]:
    """Exercises on adding and scaling vectors, numbers drawn from ``seed``.

    Three exercises: ``u + v``, ``c u`` and the combination ``2 u - v``, each
    answered by :func:`add` and :func:`scale` (vector answers, exact).
    """
    rng = np.random.default_rng(seed)
    fmt, vec = kit_numbers.fmt, kit_numbers.fmt_vec
    u, v = _practice_vector(rng), _practice_vector(rng)
    c = float(rng.choice([-3.0, -2.0, -1.0, -0.5, 0.5, 1.5, 2.0, 3.0]))
    total, scaled = add(u, v), scale(c, u)
    combo = add(scale(2, u), scale(-1, v))
    return [
        Exercise(
            id="vectors-1",
            prompt=f"Add $u = {vec(u)}$ and $v = {vec(v)}$. What is $u + v$?",
            kind="vector",
            answer=total,
            hint="Add matching components: first with first, second with second.",
            solution=(
                f"$u + v = ({fmt(u[0])} + {kit_numbers.factor(fmt(v[0]))}, "
                f"{fmt(u[1])} + {kit_numbers.factor(fmt(v[1]))}) = {vec(total)}$: "
                "put v's tail at u's head and the sum is the arrow to v's head."
            ),
        ),
        Exercise(
            id="vectors-2",
            prompt=f"Scale $u = {vec(u)}$ by $c = {fmt(c)}$. What is $c\\,u$?",
            kind="vector",
            answer=scaled,
            hint="Multiply every component by c.",
            solution=(
                f"$c\\,u = ({fmt(c)} \\cdot {kit_numbers.factor(fmt(u[0]))}, "
                f"{fmt(c)} \\cdot {kit_numbers.factor(fmt(u[1]))}) = {vec(scaled)}$: "
                f"an arrow pointing {scale_phrase(c)}."
            ),
        ),
        Exercise(
            id="vectors-3",
            prompt=(
                f"With $u = {vec(u)}$ and $v = {vec(v)}$, "
                "what is the combination $2u - v$?"
            ),
            kind="vector",
            answer=combo,
            hint="First scale: 2u doubles u, -v flips v. Then add the two.",
            solution=(
                f"$2u = {vec(scale(2, u))}$ and $-v = {vec(scale(-1, v))}$, "
                f"so $2u - v = {vec(combo)}$."
            ),
        ),
    ]
