"""The dot product: a sum of products, and length times length times cosine.

``u . v = u1 v1 + u2 v2`` is also ``|u| |v| cos(theta)``, so its sign says whether
two vectors point the same way. Dividing by ``|u|`` gives the length of the
projection of ``v`` on ``u``, whose leftover is at a right angle to ``u``; dividing
by both lengths gives cosine similarity, which ranks word vectors against a
query by direction alone. The numbers on screen come from the pure functions
below, which the tests check on their own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arc,
    Arrow,
    Axes,
    Create,
    DashedLine,
    DecimalNumber,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    Mobject,
    NumberPlane,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    VMobject,
    always_redraw,
    config,
    linear,
)

from mathreel.core.params import Args, Vector
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_vec, say_num, say_vec
from scenes.kit.plane import PlaneView
from scenes.kit.view import legible_entries, require_visible
from scenes.style import (
    ACCENT,
    BLUE,
    BODY,
    CONTENT_BOTTOM,
    GREEN,
    INK,
    MUTED,
    ORANGE,
    PURPLE,
    RED,
    SMALL,
    CourseLesson,
    panel,
    tex,
    text,
)

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
    "scalar_projection",
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
    points = np.vstack([u, v, [[r, r], [-r, -r]], projection(v, u), [[0.0, 0.0]]])
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
        self.geometry(u, v)
        self.geometry_numbers(u, v)
        self.swing(u, v)
        self.project(u, v)
        self.project_numbers(u, v)
        self.clear_plane()
        self.similarity_words()
        self.rank_words()
        self.plain_dot()
        self.recap(
            [
                "The dot product multiplies matching components and adds them up.",
                "It is length times length times the cosine of the angle: "
                "positive when they agree, zero at a right angle.",
                "Divided by the length of u, it is the length of v's shadow on u.",
                "Cosine similarity divides out both lengths: only direction counts.",
            ],
            "attention scores are dot products of queries and keys, and search "
            "ranks embeddings by cosine similarity.",
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
        content = VGroup(*(row.copy() for row in rows)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.3
        )
        room = COLUMN_RIGHT + config.frame_width / 2 - 0.3 - 0.5
        if content.width > room:
            content.scale_to_fit_width(room)
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
            rf"{fmt(a) if i == 0 else _paren(a)}\cdot{_paren(b)}"
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

    # -- beats: lengths and angle -----------------------------------------------------
    def geometry(self, u: np.ndarray, v: np.ndarray) -> None:
        self.arc = self.angle_arc(u, v)
        bisect = rotate(u / length(u), signed_angle(u, v) / 2)
        self.theta = tex(r"\theta", size=34, color=ACCENT).move_to(
            self.origin
            + (self.arc.radius + 0.3) * np.array([bisect[0], bisect[1], 0.0])
        )
        if angle_between(u, v) < 0.35:
            self.theta.set_opacity(0)
        formula = tex(r"u\cdot v", "=", r"|u|\,|v|\cos\theta")
        formula[2].set_color(ACCENT)
        self.formula = formula
        with self.beat(
            "The same number comes from geometry: the length of u, times the length "
            "of v, times the cosine of the angle between them.",
            chapter="Lengths and angle",
        ):
            self.play(Create(self.arc), FadeIn(self.theta), run_time=0.8)
            self.set_info(self.products, formula)

    def geometry_numbers(self, u: np.ndarray, v: np.ndarray) -> None:
        lu, lv = length(u), length(v)
        theta = degrees(angle_between(u, v))
        cos = cosine_similarity(u, v)
        lines = [
            tex(r"|u|", "=", fmt(lu)),
            tex(r"|v|", "=", fmt(lv)),
            tex(r"\theta", "=", rf"{fmt(theta, 1)}^\circ"),
            tex(r"\cos\theta", "=", fmt(cos)),
            tex(r"|u|\,|v|\cos\theta", "=", fmt(lu * lv * cos)),
        ]
        lines[-1][2].set_color(ACCENT)
        grid = VGroup(
            VGroup(*lines[:2]).arrange(RIGHT, buff=0.6),
            VGroup(*lines[2:4]).arrange(RIGHT, buff=0.6),
            lines[4],
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        with self.beat(
            f"Here u is {fmt(lu)} long, v is {fmt(lv)}, and the angle is "
            f"{fmt(theta, 1)} degrees, with cosine {fmt(cos)}. "
            f"Multiplied: {fmt(lu * lv * cos)}, the same dot product.",
            say=f"Here u is {fmt(lu)} long, v is {fmt(lv)}, and the angle is "
            f"{fmt(theta, 1)} degrees, with cosine {say_num(cos)}. "
            f"Multiplied: {say_num(lu * lv * cos)}, the same dot product.",
            key=True,
        ):
            self.set_info(self.products, self.formula, grid)

    def swing(self, u: np.ndarray, v: np.ndarray) -> None:
        turn = ValueTracker(0.0)

        def current() -> np.ndarray:
            return rotate(v, turn.get_value())

        moving = always_redraw(lambda: self.arrow(current(), BLUE))
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
            "So the sign says how they point. Swing v around: along u the dot "
            "product is positive, at a right angle zero, against u negative.",
        ):
            self.play(
                FadeOut(self.v_arrow, self.v_label, self.arc, self.theta),
                run_time=0.4,
            )
            self.add(moving, arc)
            self.set_info(self.formula, readout)
            readout_live = self.info[1][0][1][1]
            readout_live.add_updater(follow)
            self.play(turn.animate.set_value(2 * math.pi), run_time=6, rate_func=linear)
            readout_live.remove_updater(follow)
            readout_live.set_value(dot(u, v))
            self.remove(moving, arc)
            self.add(self.v_arrow, self.v_label)

    # -- beats: projection -------------------------------------------------------------
    def project(self, u: np.ndarray, v: np.ndarray) -> None:
        p = projection(v, u)
        direction = np.array([u[0], u[1], 0.0]) / length(u)
        line = DashedLine(
            self.origin - 30 * direction,
            self.origin + 30 * direction,
            color=MUTED,
            stroke_width=2,
            dash_length=0.1,
        )
        self.backdrop(line)
        self.u_line = line
        self.drop = VGroup()
        if length(residual(v, u)) * self.unit > 0.05:
            self.drop.add(
                DashedLine(
                    self.view.point(v), self.view.point(p), color=INK, stroke_width=3
                )
            )
        self.proj_arrow = self.arrow(p, GREEN, width=8)
        with self.beat(
            "Drop a perpendicular from the tip of v onto the line through u. "
            "Its foot marks the projection of v on u: the part of v along u.",
            chapter="Projection",
        ):
            self.play(FadeIn(line), run_time=0.6)
            if len(self.drop):
                self.play(Create(self.drop), run_time=0.8)
            self.play(_grow(self.proj_arrow), run_time=0.8)

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

    def project_numbers(self, u: np.ndarray, v: np.ndarray) -> None:
        p, r = projection(v, u), residual(v, u)
        shadow = scalar_projection(v, u)
        lines = [
            tex(
                r"\frac{u\cdot v}{|u|}",
                "=",
                rf"\frac{{{fmt(dot(u, v))}}}{{{fmt(length(u))}}}",
                "=",
                fmt(shadow),
            ),
            tex(r"\text{proj}", "=", fmt_vec(p), color=GREEN),
            tex(r"v - \text{proj}", "=", fmt_vec(r), color=PURPLE),
        ]
        extras = []
        leftover = VGroup()
        if length(r) * self.unit > 0.05:
            leftover = Line(
                self.view.point(p), self.view.point(v), color=PURPLE, stroke_width=6
            )
            extras.append(Create(leftover))
            if abs(dot(p, u)) > 1e-9:
                extras.append(Create(self.right_angle_mark(u, v)))
            tail = "The rest of v is at a right angle to u."
        else:
            tail = "v lies along u, so nothing is left over."
        sign = ""
        if fmt(shadow).startswith("-"):
            sign = ", negative because the shadow points against u"
        with self.beat(
            f"Its length is u dot v over the length of u: {fmt(dot(u, v))} over "
            f"{fmt(length(u))}, which is {fmt(shadow)}{sign}. {tail}",
            say=f"Its length is u dot v over the length of u: {say_num(dot(u, v))} "
            f"over {fmt(length(u))}, which is {say_num(shadow)}{sign}. {tail}",
        ):
            self.set_info(*lines)
            if extras:
                self.play(*extras, run_time=0.8)
        self.leftover = VGroup(leftover, *[e.mobject for e in extras[1:]])

    def clear_plane(self) -> None:
        self.play(
            FadeOut(
                self.plane,
                self.u_line,
                self.u_arrow,
                self.u_label,
                self.v_arrow,
                self.v_label,
                self.drop,
                self.proj_arrow,
                self.leftover,
                self.info,
            ),
            run_time=0.6,
        )

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
        room = TOP - BOTTOM
        if axes.height > room:
            axes.scale_to_fit_height(room)
        axes.move_to([-3.3, (TOP + BOTTOM) / 2, 0])
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
            "Divide out both lengths and only the angle is left: cosine similarity, "
            f"from -1 to 1. Which of these word vectors is most like {word}?",
            say="Divide out both lengths and only the angle is left: cosine "
            f"similarity, from minus 1 to 1. Which of these word vectors is most "
            f"like {word}?",
            chapter="Cosine similarity",
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
        spoken = ", ".join(
            f"{name} {say_num(cos, SCORE_DIGITS)}" for name, cos in ranked[1:]
        )
        best, best_cos = ranked[0]
        with self.beat(
            f"Score each word against {word} and sort. {best.capitalize()} comes "
            f"first, at {fmt(best_cos, SCORE_DIGITS)}, then {listing}.",
            say=f"Score each word against {word} and sort. {best.capitalize()} comes "
            f"first, at {say_num(best_cos, SCORE_DIGITS)}, then {spoken}.",
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
        self.play(
            FadeOut(self.axes, self.word_arrows, self.sim_formula, self.table),
            run_time=0.6,
        )


#: Where each word's label sits beside its arrow tip.
WORD_SIDES = {"cat": RIGHT, "dog": RIGHT, "car": RIGHT, "algebra": UP}


def _paren(x: float) -> str:
    """A factor in a product, in parentheses when negative: ``(-2)``."""
    shown = fmt(x)
    return f"({shown})" if shown.startswith("-") else shown


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
