"""The dot product: a sum of products, and length times length times cosine.

``u . v = u1 v1 + u2 v2``. The lesson derives ``u . v = |u| |v| cos(theta)``
from the projection picture instead of checking it on one example: v's shadow
on the line through u has signed length ``|v| cos(theta)`` (a right triangle);
turning the whole picture until u lies along the x axis changes no length, no
angle and (recomputed live from the components) not the dot product; then u is
``(|u|, 0)`` and the sum of products keeps one term, ``|u|`` times v's first
component, which is the shadow. So the sign of ``u . v`` is the sign of the
shadow. In machine learning, dividing out both lengths gives cosine
similarity, which ranks word vectors against a query by direction alone. The
numbers on screen come from the pure functions below, which the tests check
on their own.

General claims (text and narration), and why each holds:

- "The dot product multiplies matching components and adds them up":
  definition (:func:`dot`, tested against ``numpy.dot``).
- "v's shadow on the line through u is the near side of a right triangle whose
  long side is v, so its signed length is |v| cos theta": the perpendicular drop
  makes the right angle; adjacent = hypotenuse x cos. :func:`scalar_projection`
  equals ``|v| cos(theta)`` (Hypothesis test). The triangle words are said
  only when the triangle exists (v neither along u nor at a right angle to it).
- The shadow "falls along u" / "falls behind the origin, against u, negative" /
  "is a single point, 0": :func:`shadow_words` from the sign of the shadow
  (Hypothesis test that the words match the case).
- "Turning changes no length and no angle, and u . v stays the same": rotations
  keep lengths and angles, and ``(R u) . (R v) = u . v`` (Hypothesis test of
  :func:`turn_to_x_axis`; the live readout is recomputed from the turned
  components, not held fixed).
- "Now u is (|u|, 0), so the sum of products keeps one term, |u| times v's
  first component, which is the shadow": :func:`turn_to_x_axis` returns
  ``u_t = (|u|, 0)`` and ``v_t[0] = scalar_projection(v, u)`` (tested); hence
  ``u . v = |u| |v| cos(theta)`` for every u, v (also tested directly).
- "The sign says how they point: positive along u, zero at a right angle,
  negative against u": the sign of ``cos(theta)``, as ``|u| |v| > 0``.
- "Cosine similarity, from -1 to 1": Cauchy-Schwarz (Hypothesis test).
- "Kitten comes first ... then ...": :func:`rank_by_cosine` on the made-up
  :data:`CANDIDATES` (tested); spoken with two significant figures
  (:func:`say_score` says "almost 1" rather than a false 1).
- "The plain dot product would put dog and car above it, just for being
  longer": computed (the words list exactly the words whose dot product beats
  the winner's); ``dot = |q| |x| cos``, so a higher dot with a lower cosine
  needs a longer x.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from manim import *

from mathreel.core.params import Args, Vector
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import factor, fmt, fmt_vec, say_num, say_sig, say_vec
from scenes.kit.plane import PlaneView
from scenes.kit.view import legible_entries, require_visible
from scenes.style import *

__all__ = [
    "CANDIDATES",
    "QUERY",
    "DotProduct",
    "angle_between",
    "cosine_similarity",
    "degrees",
    "dot",
    "fit_unit",
    "length",
    "practice",
    "projection",
    "rank_by_cosine",
    "residual",
    "rotate",
    "say_score",
    "scalar_projection",
    "shadow_words",
    "turn_to_x_axis",
]

#: The query word of the similarity search, and its made-up 2-D embedding.
QUERY: tuple[str, tuple[float, float]] = ("cat", (2.0, 1.0))

#: Words to rank against the query (made-up 2-D embeddings).
CANDIDATES: dict[str, tuple[float, float]] = {
    "dog": (1.6, 2.0),
    "car": (0.3, 3.4),
    "kitten": (1.2, 0.7),
    "algebra": (-1.5, 1.0),
}

#: Decimal places of the similarity scores on screen.
SCORE_DIGITS = 3


# -- the math ---------------------------------------------------------------------


def dot(u: Sequence[float], v: Sequence[float]) -> float:
    """``u . v``: multiply matching components and add the products."""
    return float(sum(float(a) * float(b) for a, b in zip(u, v, strict=True)))


def length(v: Sequence[float]) -> float:
    """``|v| = sqrt(v . v)``."""
    return math.sqrt(dot(v, v))


def _lengths(u: Sequence[float], v: Sequence[float]) -> float:
    product = length(u) * length(v)
    if product == 0:
        raise ZeroDivisionError("the zero vector has no direction")
    return product


def cosine_similarity(u: Sequence[float], v: Sequence[float]) -> float:
    """``u . v / (|u| |v|)``, kept inside ``[-1, 1]`` against rounding."""
    return min(1.0, max(-1.0, dot(u, v) / _lengths(u, v)))


def angle_between(u: Sequence[float], v: Sequence[float]) -> float:
    """The angle from 0 to pi between ``u`` and ``v``, in radians."""
    return math.acos(cosine_similarity(u, v))


def degrees(radians: float) -> float:
    """Radians to degrees."""
    return math.degrees(radians)


def scalar_projection(v: Sequence[float], onto: Sequence[float]) -> float:
    """The signed length of the shadow of ``v`` on the line of ``onto``: ``u.v/|u|``."""
    size = length(onto)
    if size == 0:
        raise ZeroDivisionError("cannot project onto the zero vector")
    return dot(v, onto) / size


def projection(v: Sequence[float], onto: Sequence[float]) -> np.ndarray:
    """The projection of ``v`` on ``onto``: ``(u . v / u . u) u``."""
    u = np.asarray(onto, dtype=float)
    uu = dot(u, u)
    if uu == 0:
        raise ZeroDivisionError("cannot project onto the zero vector")
    return dot(v, u) / uu * u


def residual(v: Sequence[float], onto: Sequence[float]) -> np.ndarray:
    """What is left of ``v`` after its projection on ``onto``: ``v - proj``."""
    return np.asarray(v, dtype=float) - projection(v, onto)


def rotate(v: Sequence[float], radians: float) -> np.ndarray:
    """``v`` turned counter-clockwise by ``radians`` about the origin."""
    c, s = math.cos(radians), math.sin(radians)
    x, y = float(v[0]), float(v[1])
    return np.array([c * x - s * y, s * x + c * y])


def signed_angle(u: Sequence[float], v: Sequence[float]) -> float:
    """The counter-clockwise angle from ``u`` to ``v``, in ``(-pi, pi]``."""
    a = math.atan2(float(v[1]), float(v[0])) - math.atan2(float(u[1]), float(u[0]))
    return (a + math.pi) % (2 * math.pi) - math.pi if a != math.pi else a


def turn_to_x_axis(
    u: Sequence[float], v: Sequence[float]
) -> tuple[float, np.ndarray, np.ndarray]:
    """Turn u and v together until u points along the positive x axis.

    Returns
    -------
    (angle, u_turned, v_turned)
        The turn in radians (in ``(-pi, pi]``), and the turned vectors:
        ``u_turned = (|u|, 0)`` and ``v_turned = (shadow, height)`` where
        ``shadow`` is :func:`scalar_projection` of v on u. Turning keeps every
        length, the angle and the dot product (tested).

    Raises
    ------
    ZeroDivisionError
        When ``u`` is the zero vector (it has no direction to turn).
    """
    if length(u) == 0:
        raise ZeroDivisionError("the zero vector has no direction")
    turn = -math.atan2(float(u[1]), float(u[0]))
    u_t, v_t = rotate(u, turn), rotate(v, turn)
    u_t[1] = 0.0  # exactly on the axis, not 1e-16 off it
    return turn, u_t, v_t


def shadow_words(u: Sequence[float], v: Sequence[float]) -> tuple[str, str]:
    """How the projection chapter describes v's shadow on u: (caption, spoken).

    Computed from the signed shadow ``|v| cos(theta)``: along u, against u
    (negative), or none at a right angle.
    """
    shadow = scalar_projection(v, u)
    if fmt(shadow) == "0":
        return (
            "v is at a right angle to u, so its shadow is a single point: 0.",
            "v is at a right angle to u, so its shadow is a single point: 0.",
        )
    if shadow < 0:
        return (
            f"it falls behind the origin, against u, so its signed length "
            f"{fmt(shadow)} is negative, like cos θ.",
            f"it falls behind the origin, against u, so its signed length, "
            f"{say_sig(shadow)}, is negative, like cos theta.",
        )
    return (
        f"it falls along u, with length {fmt(shadow)}.",
        f"it falls along u, with length {say_sig(shadow)}.",
    )


def say_score(cosine: float) -> str:
    """A similarity score as spoken: two significant figures, never a false 1.

    ``0.908`` is said ``0.91``; ``0.998`` rounds to 1 but is not 1, so it is
    said ``almost 1`` (``almost minus 1`` at the other end).
    """
    said = say_sig(cosine)
    if said in ("1", "minus 1") and abs(cosine) != 1:
        return "almost " + said
    return said


def rank_by_cosine(
    query: Sequence[float], table: Mapping[str, Sequence[float]]
) -> list[tuple[str, float]]:
    """The words of ``table`` with their cosine similarity to ``query``, best first."""
    scores = [(w, cosine_similarity(query, x)) for w, x in table.items()]
    return sorted(scores, key=lambda ws: (-ws[1], ws[0]))


def fit_unit(
    points: np.ndarray, left: float, right: float, down: float, up: float
) -> float:
    """Scene units per unit so every point fits the room around the origin.

    ``left``, ``right``, ``down`` and ``up`` are how far the view reaches from
    the origin in each direction, in scene units; a 10% margin is kept. At most
    1.5, so small pictures are not blown up.
    """
    pts = np.atleast_2d(np.asarray(points, dtype=float))
    unit = 1.5
    for reach, extent in (
        (left, -pts[:, 0].min()),
        (right, pts[:, 0].max()),
        (down, -pts[:, 1].min()),
        (up, pts[:, 1].max()),
    ):
        if extent > 1e-9:
            unit = min(unit, reach / (1.1 * extent))
    return unit


def _usable(value: np.ndarray) -> str | None:
    if not np.any(value):
        return (
            "the zero vector has no length or direction, and the lesson divides "
            "by lengths"
        )
    return None


def view_unit(u: np.ndarray, v: np.ndarray) -> float:
    """Scene units per plane unit that fit u, v, v swung round and the projection.

    No floor: the view scales to any size (:meth:`DotProduct.check_args`
    refuses only vectors that no scale shows legibly side by side).
    """
    r = length(v)
    _, u_t, _ = turn_to_x_axis(u, v)
    points = np.vstack([u, v, u_t, [[r, r], [-r, -r]], projection(v, u), [[0.0, 0.0]]])
    mid = (TOP + BOTTOM) / 2
    return fit_unit(
        points,
        left=ORIGIN_X - COLUMN_RIGHT - 0.2,
        right=config.frame_width / 2 - ORIGIN_X - 0.3,
        down=mid - BOTTOM,
        up=TOP - mid,
    )


# -- layout (scene units) -----------------------------------------------------------
TOP = config.frame_height / 2 - 0.3
BOTTOM = CONTENT_BOTTOM + 0.15
#: The recap's line sits below this; the last picture stays above it.
RECAP_TOP = CONTENT_BOTTOM + 1.25
#: The formula card is never shrunk below this (its digits stay >= 14 px at 480p).
LEAST_SCALE = 0.92
COLUMN_RIGHT = -1.5  # right edge of the formula column on the left
ORIGIN_X = 2.0


class DotProduct(CourseLesson):
    """Sum of products, |u||v|cos(theta), projection, cosine similarity."""

    params = {
        "u": Vector(
            [3, 1],
            help="the first vector, u",
            require=[_usable, legible_entries("components")],
        ),
        "v": Vector(
            [1, 2],
            help="the second vector, v",
            require=[_usable, legible_entries("components")],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse a u and v whose shorter one no scale can show beside the longer."""
        u, v = np.asarray(args.u, dtype=float), np.asarray(args.v, dtype=float)
        require_visible({"u": u, "v": v}, view_unit(u, v))

    def construct(self) -> None:
        u, v = self.args.u, self.args.v
        self.fit_view(u, v)
        self.title_card(
            "The dot product", "How much do two vectors point the same way?"
        )
        self.show_vectors(u, v)
        self.sum_of_products(u, v)
        self.drop_shadow(u, v)
        self.turn_picture(u, v)
        self.one_term(u, v)
        self.swing(u, v)
        self.clear_plane()
        self.similarity_words()
        self.rank_words()
        self.plain_dot()
        self.recap_over(
            list(self.mobjects),
            "u · v = |u| |v| cos θ: the length of u times v's shadow on u.",
            say="u dot v is the length of u, times the length of v, times cos theta: "
            "the length of u times v's shadow on u.",
        )

    # -- view ------------------------------------------------------------------
    def fit_view(self, u: np.ndarray, v: np.ndarray) -> None:
        self.origin = np.array([ORIGIN_X, (TOP + BOTTOM) / 2, 0.0])
        self.unit = view_unit(u, v)
        self.view = PlaneView(self.unit, self.origin)

    def arrow(self, xy: np.ndarray, color: str, width: float = 6) -> Mobject:
        """An arrow from the origin to ``xy`` in this lesson's weight, or a dot."""
        return self.view.arrow(
            xy, color, width=width, tip=0.25, tip_ratio=0.3, dot=0.09
        )

    def tip_label(self, mob: Mobject, xy: np.ndarray, side: int = 1) -> Mobject:
        """``mob`` beside the tip of the arrow to ``xy``: left (1) or right (-1)."""
        n = length(xy)
        along = np.array([xy[0], xy[1], 0.0]) / n if n > 0 else RIGHT
        normal = side * np.array([-along[1], along[0], 0.0])
        reach = 0.2 + 0.5 * (mob.width * abs(normal[0]) + mob.height * abs(normal[1]))
        return mob.move_to(self.view.point(xy) - 0.1 * along + reach * normal)

    def make_plane(self) -> NumberPlane:
        plane = self.view.plane(
            reach=config.frame_width,
            extra=4,
            line_opacity=0.35,
            axis_opacity=0.7,
            z_index=0,
        )
        self.backdrop(plane)
        return plane

    def set_info(self, *rows: Mobject) -> None:
        """Replace the formula card of the left column with copies of ``rows``.

        Copies, so a formula kept from one card to the next is never shared by
        the outgoing card, which the transform reshapes.
        """
        room = COLUMN_RIGHT + config.frame_width / 2 - 0.3 - 0.5
        copies = [row.copy() for row in rows]
        for row in copies:
            _fold(row, room)
        content = VGroup(*copies).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        if content.width > room:  # never below legible size: the card may widen
            content.scale(max(room / content.width, LEAST_SCALE))
        card = panel(content).to_corner(LEFT + UP, buff=0.3)
        if self.info is None:
            self.play(FadeIn(card), run_time=0.6)
        else:
            self.play(ReplacementTransform(self.info, card), run_time=0.7)
        self.info = card

    def angle_arc(self, u: np.ndarray, v: np.ndarray) -> VMobject:
        """The arc from u to v, or nothing visible when they are parallel."""
        turn = signed_angle(u, v)
        radius = min(0.6, 0.45 * self.unit * min(length(u), length(v)))
        arc = Arc(
            radius=max(radius, 0.2),
            start_angle=math.atan2(u[1], u[0]),
            angle=turn if abs(turn) > 1e-3 else 1e-3,
            arc_center=self.origin,
            color=ACCENT,
            stroke_width=4,
        )
        if abs(turn) <= 1e-3:
            arc.set_stroke(opacity=0)
        return arc

    # -- beats: sum of products -------------------------------------------------------
    def show_vectors(self, u: np.ndarray, v: np.ndarray) -> None:
        self.info = None
        self.plane = self.make_plane()
        self.u_arrow = self.arrow(u, ACCENT)
        self.v_arrow = self.arrow(v, BLUE)
        side = 1 if signed_angle(u, v) <= 0 else -1
        if dot(u, v) < 0:  # v's far side from the line through u is its other side
            side = -side
        self.u_label = self.tip_label(tex("u", color=ACCENT), u, side)
        self.v_label = self.tip_label(tex("v", color=BLUE), v, -side)
        rows = [
            tex("u", "=", fmt_vec(u), color=ACCENT),
            tex("v", "=", fmt_vec(v), color=BLUE),
        ]
        with self.beat(
            f"Take two vectors, u = {fmt_vec(u)} and v = {fmt_vec(v)}.",
            say=f"Take two vectors, u equals {say_vec(u)}, and v equals {say_vec(v)}.",
            chapter="Sum of products",
        ):
            self.play(Create(self.plane), run_time=1.0)
            self.play(GrowArrow(self.u_arrow), GrowArrow(self.v_arrow), run_time=0.8)
            self.play(FadeIn(self.u_label, self.v_label), run_time=0.4)
            self.set_info(*rows)
        self.rows = rows

    def products_line(self, u: np.ndarray, v: np.ndarray) -> Mobject:
        terms = [
            rf"{fmt(a) if i == 0 else factor(fmt(a))}\cdot{factor(fmt(b))}"
            for i, (a, b) in enumerate(zip(u, v, strict=True))
        ]
        line = tex(r"u\cdot v", "=", " + ".join(terms), "=", fmt(dot(u, v)))
        line[4].set_color(ACCENT)
        return line

    def sum_of_products(self, u: np.ndarray, v: np.ndarray) -> None:
        products = ", plus ".join(
            f"{fmt(a)} times {fmt(b)}" for a, b in zip(u, v, strict=True)
        )
        spoken = ", plus ".join(
            f"{say_num(a)} times {say_num(b)}" for a, b in zip(u, v, strict=True)
        )
        self.products = self.products_line(u, v)
        with self.beat(
            "The dot product multiplies matching components and adds them up: "
            f"{products}, is {fmt(dot(u, v))}.",
            say="The dot product multiplies matching components and adds them up: "
            f"{spoken}, is {say_num(dot(u, v))}.",
        ):
            self.set_info(*self.rows, self.products)

    # -- beats: why the cosine (the projection) ---------------------------------------
    def shadow_picture(self, u: np.ndarray, v: np.ndarray) -> VGroup:
        """u, v, the line through u, v's perpendicular drop and its shadow, the angle."""
        p = projection(v, u)
        direction = np.array([u[0], u[1], 0.0]) / length(u)
        line = DashedLine(
            self.origin - 30 * direction,
            self.origin + 30 * direction,
            color=MUTED,
            stroke_width=2,
            dash_length=0.1,
        )
        drop = VGroup()
        mark = VGroup()
        if length(residual(v, u)) * self.unit > 0.05:
            drop.add(
                DashedLine(
                    self.view.point(v), self.view.point(p), color=INK, stroke_width=3
                )
            )
            if length(p) * self.unit > 0.3:
                mark.add(self.right_angle_mark(u, v))
        side = 1 if signed_angle(u, v) <= 0 else -1
        if dot(u, v) < 0:  # v's far side from the line through u is its other side
            side = -side
        arc = self.angle_arc(u, v)
        bisect = rotate(u / length(u), signed_angle(u, v) / 2)
        theta = tex(r"\theta", size=34, color=ACCENT).move_to(
            self.origin + (arc.radius + 0.3) * np.array([bisect[0], bisect[1], 0.0])
        )
        if angle_between(u, v) < 0.35:
            theta.set_opacity(0)
        return VGroup(
            line,
            drop,
            mark,
            self.arrow(p, GREEN, width=8).set_z_index(1),  # over u when along it
            self.arrow(u, ACCENT),
            self.arrow(v, BLUE),
            self.tip_label(tex("u", color=ACCENT), u, side),
            self.tip_label(tex("v", color=BLUE), v, -side),
            arc,
            theta,
        )

    def drop_shadow(self, u: np.ndarray, v: np.ndarray) -> None:
        lv, sh = length(v), scalar_projection(v, u)
        theta = degrees(angle_between(u, v))
        self.picture = self.shadow_picture(u, v)
        line, drop, mark, shadow, *_ = self.picture
        arc, theta_label = self.picture[8], self.picture[9]
        rows = [
            tex(r"|v|", "=", fmt(lv)),
            tex(r"\theta", "=", rf"{fmt(theta, 1)}^\circ"),
            tex(r"\text{shadow}", "=", r"|v|\cos\theta", "=", fmt(sh)),
        ]
        rows[2][0].set_color(GREEN)
        rows[2][4].set_color(GREEN)
        caption, said = shadow_words(u, v)
        triangle = length(residual(v, u)) > 1e-9 and fmt(sh) != "0"
        middle = (
            " is the near side of a right triangle whose long side is v, so it"
            if triangle
            else ""
        )
        with self.beat(
            "Where does a cosine come from? Drop a perpendicular from the tip of v "
            f"onto the line through u. v's shadow on that line{middle} has signed "
            f"length |v| cos θ. Here {caption}",
            say="Where does a cosine come from? Drop a perpendicular from the tip of "
            f"v onto the line through u. v's shadow on that line{middle} has signed "
            f"length: the length of v, times cos theta. Here {said}",
            chapter="Why the cosine",
        ):
            self.play(FadeIn(line), run_time=0.6)
            self.backdrop(line)
            self.play(Create(drop), FadeIn(mark), run_time=0.8)
            self.play(_grow(shadow), Create(arc), FadeIn(theta_label), run_time=0.8)
            self.set_info(self.products, *rows)
        self.remove(self.u_arrow, self.v_arrow, self.u_label, self.v_label)
        self.add(*self.picture[4:8])

    def turn_picture(self, u: np.ndarray, v: np.ndarray) -> None:
        turn, _, _ = turn_to_x_axis(u, v)
        angle = ValueTracker(0.0)
        readout = VGroup(
            tex(r"u\cdot v", "="),
            DecimalNumber(dot(u, v), num_decimal_places=2, font_size=40, color=ACCENT),
        ).arrange(RIGHT, buff=0.2)
        if abs(turn) < 1e-9:
            first = "u already lies along the x axis"
        else:
            first = "Now turn the whole picture until u lies along the x axis"
        with self.beat(
            f"{first}. Turning changes no length and no angle, and u · v, "
            "recomputed from the new components, stays the same.",
            say=f"{first}. Turning changes no length and no angle, and u dot v, "
            "recomputed from the new components, stays the same.",
        ):
            self.set_info(readout)
            live = self.info[1][0][0][1]

            def follow(mob: DecimalNumber) -> None:
                a = angle.get_value()
                mob.set_value(dot(rotate(u, a), rotate(v, a)))

            live.add_updater(follow)
            moving = always_redraw(
                lambda: self.shadow_picture(
                    rotate(u, angle.get_value()), rotate(v, angle.get_value())
                )
            )
            self.remove(*self.picture)
            self.add(moving)
            self.play(angle.animate.set_value(turn), run_time=3.0)
            live.remove_updater(follow)
            moving.clear_updaters()
            self.remove(moving)
            _, u_t, v_t = turn_to_x_axis(u, v)
            self.picture = self.shadow_picture(u_t, v_t)
            self.backdrop(self.picture[0])
            self.add(*self.picture[1:])

    def one_term(self, u: np.ndarray, v: np.ndarray) -> None:
        _, u_t, v_t = turn_to_x_axis(u, v)
        lu, d = length(u), dot(u, v)
        rows = [
            tex("u", "=", fmt_vec(u_t), color=ACCENT),
            tex("v", "=", fmt_vec(v_t), color=BLUE),
            tex(
                r"u\cdot v",
                "=",
                rf"{fmt(u_t[0])}\cdot{factor(fmt(v_t[0]))}",
                rf"+\,0\cdot{factor(fmt(v_t[1]))}",
            ),
            tex(r"=\,|u|\times", r"\text{shadow}"),
            tex(r"=\,|u|\,|v|\cos\theta", "=", fmt(d)),
        ]
        rows[2][2].set_color(GREEN)
        rows[2][3].set_color(MUTED)
        rows[3][1].set_color(GREEN)
        rows[4][2].set_color(ACCENT)
        with self.beat(
            f"Now u is ({fmt(lu)}, 0). Its second component is 0, so the sum of "
            "products keeps one term: |u| times v's first component, and that is the "
            "shadow. So u · v = |u| × shadow = |u| |v| cos θ.",
            say=f"Now u is {say_sig(lu)} comma 0. Its second component is 0, so the "
            "sum of products keeps one term: the length of u times v's first "
            "component, and that is the shadow. So u dot v is the length of u times "
            "the shadow: the length of u, times the length of v, times cos theta.",
            key=True,
        ):
            self.set_info(*rows)
            shadow = self.picture[3]
            self.play(shadow.animate.set_stroke(width=14), run_time=0.5)
            self.play(shadow.animate.set_stroke(width=8), run_time=0.5)
            self.wait(1.5)

    def swing(self, u: np.ndarray, v: np.ndarray) -> None:
        _, u, v = turn_to_x_axis(u, v)
        turn = ValueTracker(0.0)

        def current() -> np.ndarray:
            return rotate(v, turn.get_value())

        moving = always_redraw(lambda: self.arrow(current(), BLUE))
        shadow = always_redraw(
            lambda: self.arrow(projection(current(), u), GREEN, width=8).set_z_index(1)
        )
        arc = always_redraw(lambda: self.angle_arc(u, current()))
        readout_name = tex(r"u\cdot v", "=")
        number = DecimalNumber(
            dot(u, v), num_decimal_places=2, font_size=40, color=ACCENT
        )
        readout = VGroup(readout_name, number).arrange(RIGHT, buff=0.2)

        def follow(mob: DecimalNumber) -> None:
            value = dot(u, current())
            mob.set_value(value)
            mob.set_color(GREEN if value > 0.05 else RED if value < -0.05 else INK)

        with self.beat(
            "So the sign says how they point. Swing v around: the shadow, and with "
            "it u · v, is positive along u, zero at a right angle, negative against u.",
            say="So the sign says how they point. Swing v around: the shadow, and "
            "with it u dot v, is positive along u, zero at a right angle, negative "
            "against u.",
        ):
            keep = {self.picture[0], self.picture[4], self.picture[6]}
            self.play(
                FadeOut(*(m for m in self.picture if m not in keep)), run_time=0.4
            )
            self.add(shadow, moving, arc)
            self.set_info(readout)
            readout_live = self.info[1][0][0][1]
            readout_live.add_updater(follow)
            self.play(turn.animate.set_value(2 * math.pi), run_time=6, rate_func=linear)
            readout_live.remove_updater(follow)
            readout_live.set_value(dot(u, v))
            for mob in (moving, shadow, arc):
                mob.clear_updaters()

    def right_angle_mark(self, u: np.ndarray, v: np.ndarray) -> VMobject:
        p, r = projection(v, u), residual(v, u)
        size = 0.22
        a = np.array([u[0], u[1], 0.0]) / length(u)
        b = np.array([r[0], r[1], 0.0]) / length(r)
        toward = -a if dot(p, u) > 0 else a  # back along u, into the picture
        foot = self.view.point(p)
        mark = VMobject(color=INK, stroke_width=3)
        mark.set_points_as_corners(
            [foot + size * toward, foot + size * (toward + b), foot + size * b]
        )
        return mark

    def clear_plane(self) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    # -- beats: cosine similarity ----------------------------------------------------
    def similarity_words(self) -> None:
        word, q = QUERY
        vectors = {word: q, **CANDIDATES}
        pts = np.array(list(vectors.values()))
        x_lo = min(0, math.floor(pts[:, 0].min()))
        x_hi = math.ceil(pts[:, 0].max()) + 1
        y_lo = min(0, math.floor(pts[:, 1].min()))
        y_hi = math.ceil(pts[:, 1].max())
        axes = Axes(
            x_range=[x_lo, x_hi, 1],
            y_range=[y_lo, y_hi, 1],
            x_length=1.45 * (x_hi - x_lo),
            y_length=1.45 * (y_hi - y_lo),
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2},
        )
        room = TOP - RECAP_TOP
        if axes.height > room:
            axes.scale_to_fit_height(room)
        axes.move_to([-3.3, (TOP + RECAP_TOP) / 2, 0])
        self.axes = axes
        colors = {word: ACCENT, "kitten": GREEN, "dog": BLUE, "car": ORANGE}
        arrows = VGroup()
        for name, xy in vectors.items():
            color = colors.get(name, PURPLE)
            arrow = Arrow(
                axes.c2p(0, 0),
                axes.c2p(*xy),
                buff=0,
                color=color,
                stroke_width=8 if name == word else 5,
                max_tip_length_to_length_ratio=0.25,
                tip_length=0.22,
            )
            side = WORD_SIDES.get(name, UP)
            label = text(name, SMALL, color).next_to(arrow.get_end(), side, buff=0.12)
            if name == "kitten":  # its arrow lies along the query's: label below both
                label.next_to(arrow.get_end(), DOWN, buff=0.4).shift(0.3 * RIGHT)
            arrows.add(VGroup(arrow, label))
        self.word_arrows = arrows
        formula = tex(r"\cos\theta", "=", r"\frac{u\cdot v}{|u|\,|v|}", size=40)
        formula[0].set_color(ACCENT)
        self.sim_formula = formula.move_to([3.6, TOP - 0.6, 0])
        with self.beat(
            "In machine learning, words become vectors, embeddings, and search asks "
            "which point the same way. Divide out both lengths and only the angle is "
            f"left: cosine similarity, from -1 to 1. Which word is most like {word}?",
            say="In machine learning, words become vectors, embeddings, and search "
            "asks which point the same way. Divide out both lengths and only the "
            "angle is left: cosine similarity, from minus 1 to 1. Which word is most "
            f"like {word}?",
            chapter="In machine learning",
        ):
            self.play(FadeIn(formula), Create(axes), run_time=0.8)
            self.play(FadeIn(arrows, lag_ratio=0.2), run_time=1.4)

    def score_table(self) -> tuple[VGroup, list[np.ndarray]]:
        """Rows of word, cosine and dot product with the query, in table order.

        Also returns where each row goes once the words are sorted by cosine.
        """
        q = QUERY[1]
        header = VGroup(
            text("word", BODY, MUTED),
            text("cosine", BODY, MUTED),
            text("dot", BODY, MUTED),
        )
        rows = [header]
        for name, xy in CANDIDATES.items():
            rows.append(
                VGroup(
                    text(name, BODY, INK),
                    text(fmt(cosine_similarity(q, xy), SCORE_DIGITS), BODY, ACCENT),
                    text(fmt(dot(q, xy)), BODY, MUTED),
                )
            )
        xs = (0.0, 2.4, 4.1)
        for i, row in enumerate(rows):
            for x, cell in zip(xs, row, strict=True):
                cell.move_to([x, -0.62 * i, 0], aligned_edge=LEFT)
        table = VGroup(*rows)
        table.next_to(self.sim_formula, DOWN, buff=0.45)
        slots = [row.get_center() for row in rows[1:]]
        order = [name for name, _ in rank_by_cosine(q, CANDIDATES)]
        targets = [
            (slots[order.index(name)] - rows[1 + i].get_center()) * UP
            for i, name in enumerate(CANDIDATES)
        ]
        return table, targets

    def rank_words(self) -> None:
        word, q = QUERY
        ranked = rank_by_cosine(q, CANDIDATES)
        self.table, shifts = self.score_table()
        firsts = VGroup(*(row[:2] for row in self.table))
        listing = ", ".join(
            f"{name} {fmt(cos, SCORE_DIGITS)}" for name, cos in ranked[1:]
        )
        spoken = ", ".join(f"{name} {say_score(cos)}" for name, cos in ranked[1:])
        best, best_cos = ranked[0]
        with self.beat(
            f"Score each word against {word} and sort. {best.capitalize()} comes "
            f"first, at {fmt(best_cos, SCORE_DIGITS)}, then {listing}.",
            say=f"Score each word against {word} and sort. {best.capitalize()} comes "
            f"first, at {say_score(best_cos)}, then {spoken}.",
        ):
            self.play(FadeIn(firsts, lag_ratio=0.15), run_time=1.2)
            for row, shift in zip(self.table[1:], shifts, strict=True):
                row[2].shift(shift)  # the dot column, not shown yet
            self.play(
                *(
                    VGroup(*row[:2]).animate.shift(shift)
                    for row, shift in zip(self.table[1:], shifts, strict=True)
                ),
                run_time=1.0,
            )

    def plain_dot(self) -> None:
        q = QUERY[1]
        ranked = rank_by_cosine(q, CANDIDATES)
        best = ranked[0][0]
        longer = [
            name
            for name, _ in ranked[1:]
            if dot(q, CANDIDATES[name]) > dot(q, CANDIDATES[best])
        ]
        dots = VGroup(*(row[2] for row in self.table))
        if longer:
            names = " and ".join(longer)
            line = (
                f"{best.capitalize()} wins though its arrow is short: only direction "
                f"counts. The plain dot product would put {names} above it, just for "
                "being longer."
            )
        else:
            line = (
                f"{best.capitalize()} wins on direction alone; the plain dot product "
                "also rewards length."
            )
        with self.beat(line):
            self.play(FadeIn(dots, lag_ratio=0.15), run_time=1.0)
            names = [QUERY[0], *CANDIDATES]
            winner = self.word_arrows[names.index(best)][0]
            self.play(winner.animate.set_stroke(width=10), run_time=0.4)
            self.play(winner.animate.set_stroke(width=5), run_time=0.4)


#: Where each word's label sits beside its arrow tip.
WORD_SIDES = {"cat": RIGHT, "dog": RIGHT, "car": RIGHT, "algebra": UP}


def _fold(row: Mobject, room: float) -> None:
    """Fold a formula wider than ``room`` onto a second line, in place.

    The parts from its last ``=`` (or its last part) move under the first
    ``=``; the formula stays one mobject, so its text is unchanged.
    """
    parts = list(row.submobjects)
    if row.width <= room or len(parts) < 3:
        return
    equals = [
        k for k, part in enumerate(parts) if getattr(part, "tex_string", "") == "="
    ]
    k = equals[-1] if len(equals) > 1 else len(parts) - 1
    tail = VGroup(*parts[k:])
    head = VGroup(*parts[:k])
    tail.next_to(head, DOWN, buff=0.25, aligned_edge=LEFT)
    tail.align_to(parts[1], LEFT)


def _grow(mob: Mobject):
    """Grow an arrow from its tail; fade in the dot that stands for a zero vector."""
    return GrowArrow(mob) if isinstance(mob, Arrow) else FadeIn(mob)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: Whole-number vectors whose lengths are whole numbers too (so cosines are exact).
_PRACTICE_PYTHAGOREAN = (
    (3.0, 4.0),
    (4.0, 3.0),
    (-3.0, 4.0),
    (4.0, -3.0),
    (0.0, 2.0),
    (2.0, 0.0),
    (-4.0, 3.0),
    (3.0, -4.0),
    (0.0, -1.0),
    (-1.0, 0.0),
    (1.0, 0.0),
    (0.0, 3.0),
)


def practice(seed: int) -> list[Exercise]:
    """Exercises on the dot product, numbers drawn from ``seed``.

    Three exercises: ``u . v`` (:func:`dot`); whether the angle between them is
    acute, right or obtuse (:func:`angle_between`); and the cosine similarity of
    two vectors with whole-number lengths (:func:`cosine_similarity`).
    """
    rng = np.random.default_rng(seed)
    fmt, vec = kit_numbers.fmt, kit_numbers.fmt_vec
    while True:
        u = rng.integers(-4, 5, size=2).astype(float)
        v = rng.integers(-4, 5, size=2).astype(float)
        if np.any(u) and np.any(v):
            break
    if rng.random() < 0.25:  # a right angle now and then
        v = float(rng.choice([-2.0, -1.0, 1.0, 2.0])) * np.array([-u[1], u[0]])
    product = dot(u, v)
    angle = degrees(angle_between(u, v))
    kinds = ("less than 90°", "exactly 90°", "more than 90°")
    which = kinds[1] if abs(angle - 90) < 1e-9 else kinds[0 if angle < 90 else 2]
    first, second = rng.choice(len(_PRACTICE_PYTHAGOREAN), size=2, replace=False)
    p = np.array(_PRACTICE_PYTHAGOREAN[first])
    q = np.array(_PRACTICE_PYTHAGOREAN[second])
    cosine = cosine_similarity(p, q)
    terms = f"{fmt(u[0])} \\cdot {kit_numbers.factor(fmt(v[0]))} + {fmt(u[1])} \\cdot {kit_numbers.factor(fmt(v[1]))}"
    return [
        Exercise(
            id="dot-product-1",
            prompt=f"What is $u \\cdot v$ for $u = {vec(u)}$ and $v = {vec(v)}$?",
            kind="number",
            answer=product,
            hint="Multiply matching components, then add the products.",
            solution=f"$u \\cdot v = {terms} = {fmt(product)}$.",
        ),
        Exercise(
            id="dot-product-2",
            prompt=(
                f"The angle between $u = {vec(u)}$ and $v = {vec(v)}$ is "
                "less than, exactly, or more than 90°?"
            ),
            kind="choice",
            answer=which,
            choices=kinds,
            hint="$u \\cdot v = |u||v|\\cos\\theta$: the sign of the dot product is the sign of the cosine.",
            solution=(
                f"$u \\cdot v = {fmt(product)}$, so $\\cos\\theta$ is "
                + (
                    "zero"
                    if which == kinds[1]
                    else "positive"
                    if which == kinds[0]
                    else "negative"
                )
                + f" and the angle is {which} ({fmt(angle, 1)}°)."
            ),
        ),
        Exercise(
            id="dot-product-3",
            prompt=(
                f"What is the cosine similarity of $p = {vec(p)}$ and $q = {vec(q)}$, "
                "that is $\\cos\\theta = \\frac{p \\cdot q}{|p|\\,|q|}$?"
            ),
            kind="number",
            answer=cosine,
            tolerance=0.005,
            hint="Both lengths are whole numbers: $|(3, 4)| = 5$.",
            solution=(
                f"$p \\cdot q = {fmt(dot(p, q))}$, $|p| = {fmt(length(p))}$, "
                f"$|q| = {fmt(length(q))}$, so $\\cos\\theta = {fmt(dot(p, q))} / "
                f"{fmt(length(p) * length(q))} = {fmt(cosine, 3)}$."
            ),
        ),
    ]
