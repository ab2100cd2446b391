"""Norms and distances: three ways to measure a vector, and why L1 zeroes weights.

The L2 norm is Pythagoras' length, the L1 norm adds the components' sizes (a
taxi's route along the grid), the L-infinity norm keeps the biggest one. Each
norm draws its own unit "circle": a circle, a diamond, a square. A norm is how
far its unit shape must grow to reach the vector, and a distance is the norm of
a difference. The machine-learning beat derives the two penalties' behaviour
from the picture: keeping the weights inside a ball, the loss contour grown
from the unpenalised best weights first touches the L1 diamond at a corner (a
weight exactly zero) and the L2 circle at a point where both weights shrink.

Every number and shape on screen comes from the pure functions below (numpy
only), which the tests check on their own.

General claims (text and narration), and why each holds:

- "The L2 norm is Pythagoras": ``sqrt(x^2 + y^2)`` is the hypotenuse of the legs
  ``|x|`` and ``|y|`` (tested against ``numpy.linalg.norm``).
- "L1 adds the sizes, like a taxi along the grid": ``|x| + |y|`` is the length of
  the two legs walked one after the other (tested against ``numpy.linalg.norm``
  with ``ord=1``).
- "L-infinity keeps the biggest size": ``max(|x|, |y|)`` (``ord=inf``).
- "Length 1 draws a circle, a diamond, a square": :func:`ball_boundary` returns
  points of norm exactly 1 (tested), whose convex hull is that shape.
- "A norm is how far its unit shape must grow to reach v": the shape scaled by
  ``r`` is the set of norm ``r``, so it passes through ``v`` at ``r = |v|``
  (homogeneity; tested on the boundary points).
- "Diamond inside circle inside square, so L-infinity <= L2 <= L1 always":
  true for every vector (Hypothesis test of the ordering).
- "Distance is the norm of the difference" and the growing shape around ``a``
  touches ``b`` at that radius: definition; the triangle inequality is tested.
- "A penalty on the weights' size is the same as keeping them inside a ball of
  some radius": for a convex loss and a norm penalty, each penalty strength has
  a radius giving the same minimiser (Lagrange duality); the lesson says "some
  radius", not which.
- "The loss grows in ellipses around w*": the loss is
  ``h1 (w1 - t1)^2 + h2 (w2 - t2)^2`` with ``h = LOSS_CURVATURE > 0``.
- "The ellipse first touches the ball at the best allowed weights": the
  minimum of a convex loss over a convex ball with ``w*`` outside lies on the
  boundary, on the smallest contour meeting the ball (:func:`constrained_minimum`
  tested against dense sampling of the boundary).
- "With L2 both weights shrink and neither is zero": the L2 minimum is
  ``h t / (h + lambda)`` with ``lambda > 0``, so each ``|w_i| < |t_i|`` and
  ``w_i != 0`` when ``t_i != 0`` (the parameters refuse a zero component).
- "On the diamond the ellipse touches a corner: weight i is exactly zero" is
  computed (:func:`l1_outcome`); for an optimum where the contour meets an edge
  the words say so instead (Hypothesis test that the words match the case).
- "Corners stick out, so contours often meet them first": "often", not
  "always" (the edge case above exists).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Vector
from mathreel.lesson.layout import labels
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import factor, fmt, fmt_vec, say_sig, spoken
from scenes.kit.plane import PlaneView
from scenes.kit.view import Box, fit_view, grid_step
from scenes.style import *

__all__ = [
    "EMBEDDING_NAMES",
    "LOSS_CURVATURE",
    "ORDERS",
    "NormsAndDistances",
    "ball_boundary",
    "constrained_minimum",
    "contour_semi_axes",
    "distance",
    "l1_outcome",
    "loss",
    "norm",
    "practice",
    "zero_weights",
]

#: The three norms the lesson draws: L1, L2 and L-infinity.
ORDERS: tuple[float, ...] = (1.0, 2.0, math.inf)
#: The loss's curvature along w1 and w2: ``loss = h1 (w1 - t1)^2 + h2 (w2 - t2)^2``.
LOSS_CURVATURE: tuple[float, float] = (3.0, 1.0)
#: The words whose embeddings the distance chapter compares.
EMBEDDING_NAMES: tuple[str, str] = ("cat", "dog")
#: A weight this close to 0 counts as exactly zero (the L1 corners are exact).
ZERO = 1e-9

#: A 2-D point or vector: a sequence of floats or a numpy array.
VectorLike = Sequence[float] | np.ndarray


# -- the math ---------------------------------------------------------------------


def norm(v: VectorLike, p: float) -> float:
    """The Lp norm of ``v`` for ``p`` in :data:`ORDERS`.

    Parameters
    ----------
    v : array of shape (n,)
        The vector.
    p : {1, 2, inf}
        ``1``: sum of absolute values; ``2``: square root of the sum of squares;
        ``inf``: largest absolute value.

    Raises
    ------
    ValueError
        For any other ``p``.
    """
    a = np.abs(np.asarray(v, dtype=float))
    if p == 1:
        return float(a.sum())
    if p == 2:
        return float(math.sqrt(float((a * a).sum())))
    if p == math.inf:
        return float(a.max()) if a.size else 0.0
    raise ValueError(f"norm of order {p!r}: the lesson knows 1, 2 and inf")


def distance(a: VectorLike, b: VectorLike, p: float) -> float:
    """The Lp distance ``|a - b|_p`` between two points of the same shape."""
    return norm(np.asarray(a, dtype=float) - np.asarray(b, dtype=float), p)


def ball_boundary(
    p: float,
    radius: float = 1.0,
    centre: VectorLike = (0.0, 0.0),
    samples: int = 96,
) -> np.ndarray:
    """Points on the 2-D sphere ``|x - centre|_p = radius``, once around, closed.

    Directions at ``samples`` even angles plus the shape's corners (for L1 the
    axes, for L-infinity the diagonals), each scaled to norm ``radius``.
    Returns an array of shape (m, 2) whose last row repeats the first; for L1
    and L-infinity consecutive points lie on the straight edges, so the polygon
    through them is the exact shape.
    """
    angles = list(np.linspace(0.0, 2 * math.pi, samples, endpoint=False))
    if p == 1:
        angles += [k * math.pi / 2 for k in range(4)]
    elif p == math.inf:
        angles += [math.pi / 4 + k * math.pi / 2 for k in range(4)]
    turn = np.unique(np.round(np.array(angles), 12))
    directions = np.column_stack([np.cos(turn), np.sin(turn)])
    sizes = np.array([norm(d, p) for d in directions])
    points = radius * directions / sizes[:, None] + np.asarray(centre, dtype=float)
    return np.vstack([points, points[:1]])


def loss(w: VectorLike, target: VectorLike, h: VectorLike = LOSS_CURVATURE) -> float:
    """``h1 (w1 - t1)^2 + h2 (w2 - t2)^2``: least at ``target``, ellipses around it."""
    d = np.asarray(w, dtype=float) - np.asarray(target, dtype=float)
    return float(np.sum(np.asarray(h, dtype=float) * d * d))


def contour_semi_axes(
    level: float, h: VectorLike = LOSS_CURVATURE
) -> tuple[float, float]:
    """Half-widths along w1 and w2 of the ellipse where :func:`loss` equals ``level``."""
    h1, h2 = (float(x) for x in h)
    level = max(float(level), 0.0)
    return math.sqrt(level / h1), math.sqrt(level / h2)


def _edge_minimum(
    a: np.ndarray, b: np.ndarray, t: np.ndarray, h: np.ndarray
) -> np.ndarray:
    """Least-loss point of the segment from ``a`` to ``b`` (a 1-D quadratic, clamped)."""
    d = b - a
    curvature = float(np.sum(h * d * d))
    u = float(np.sum(h * d * (t - a))) / curvature if curvature > 0 else 0.0
    if u <= 0:
        return a.copy()
    if u >= 1:
        return b.copy()
    return a + u * d


def constrained_minimum(
    target: VectorLike,
    p: float,
    radius: float = 1.0,
    h: VectorLike = LOSS_CURVATURE,
) -> np.ndarray:
    """The weights of least :func:`loss` with ``|w|_p <= radius`` (2-D).

    Parameters
    ----------
    target : array of shape (2,)
        The unconstrained best weights ``w*``.
    p : {1, 2, inf}
        Which ball.
    radius : float
        The ball's radius (> 0).
    h : 2 positive floats
        The loss's curvatures.

    Returns
    -------
    ndarray of shape (2,)
        ``target`` itself when it is inside the ball; else the boundary point
        where the smallest loss contour meets the ball. For L1 a corner is
        returned exactly (its zero weight is ``0.0``).
    """
    t = np.asarray(target, dtype=float)
    hh = np.asarray(h, dtype=float)
    if norm(t, p) <= radius:
        return t.copy()
    if p == math.inf:
        return np.clip(t, -radius, radius)
    if p == 2:
        # w(lam) = h t / (h + lam); its length falls from |t| to 0 as lam grows
        lo, hi = 0.0, 1.0
        while norm(hh * t / (hh + hi), 2) > radius:
            hi *= 2.0
        for _ in range(200):
            mid = (lo + hi) / 2
            if norm(hh * t / (hh + mid), 2) > radius:
                lo = mid
            else:
                hi = mid
        w = hh * t / (hh + hi)
        return radius * w / norm(w, 2)
    if p == 1:
        corners = [radius * np.array(c) for c in ((1, 0), (0, 1), (-1, 0), (0, -1))]
        best = min(
            (_edge_minimum(corners[k], corners[(k + 1) % 4], t, hh) for k in range(4)),
            key=lambda w: loss(w, t, hh),
        )
        return best + 0.0
    raise ValueError(f"ball of order {p!r}: the lesson knows 1, 2 and inf")


def zero_weights(w: VectorLike, tol: float = ZERO) -> list[int]:
    """Indices (0-based) of the weights of ``w`` that are zero to ``tol``."""
    return [i for i, x in enumerate(np.asarray(w, dtype=float)) if abs(x) <= tol]


def l1_outcome(target: VectorLike) -> tuple[str, str]:
    """What the L1 chapter says about its minimum: (caption words, spoken words).

    A corner: "the ellipse first touches a corner ... weight k is exactly zero";
    an edge: "it first touches an edge ... both weights survive, smaller".
    """
    w = constrained_minimum(target, 1)
    zeros = zero_weights(w)
    if zeros:
        k = zeros[0] + 1
        other = 2 if k == 1 else 1
        return (
            f"the ellipse first touches a corner, w = {fmt_vec(w)}. Weight w{_SUB[k]} "
            f"is exactly zero; only w{_SUB[other]} is left.",
            f"the ellipse first touches a corner, w equals {_say_vec(w)}. Weight "
            f"w {k} is exactly zero; only w {other} is left.",
        )
    return (
        f"this ellipse first touches an edge, w = {fmt_vec(w)}: here both weights "
        "survive, though smaller.",
        f"this ellipse first touches an edge, w equals {_say_vec(w)}: here both "
        "weights survive, though smaller.",
    )


def _say_vec(v: VectorLike) -> str:
    return " comma ".join(say_sig(x) for x in v)


_SUB = {1: "₁", 2: "₂"}
_NAME = {1.0: "L1", 2.0: "L2", math.inf: "L∞"}
_SAY = {1.0: "L one", 2.0: "L two", math.inf: "L infinity"}
_TEX = {1.0: "1", 2.0: "2", math.inf: r"\infty"}
_COLOR = {1.0: ORANGE, 2.0: BLUE, math.inf: PURPLE}
_SHAPE = {1.0: "diamond", 2.0: "circle", math.inf: "square"}


# -- parameter checks ----------------------------------------------------------------

#: Largest component of v, a, b (the chapters' planes fit them, at a legible scale).
MAX_COMPONENT = 6.0
#: Largest component of the optimum (the two regularisation panels are fixed).
MAX_OPTIMUM = 3.0


def _within(limit: float, what: str):
    def check(value: np.ndarray) -> str | None:
        if float(np.max(np.abs(value))) > limit:
            return f"{what} beyond ±{fmt(limit)} make the shapes too small to read"
        return None

    return check


def _nonzero(value: np.ndarray) -> str | None:
    if norm(value, math.inf) < 0.5:
        return "a vector this short has no visible arrow (a component must reach 0.5)"
    return None


def _optimum(value: np.ndarray) -> str | None:
    if norm(value, 2) < 1.25:
        return (
            "inside or touching the unit ball the penalty changes nothing (the "
            "L2 length must be at least 1.25)"
        )
    if float(np.min(np.abs(value))) < 0.2:
        return (
            "with a component near 0 nothing is left for L1 to zero (each "
            "component must be at least 0.2 in size)"
        )
    if float(np.max(np.abs(value))) > MAX_OPTIMUM:
        return f"components beyond ±{fmt(MAX_OPTIMUM)} do not fit the two panels"
    return None


# -- layout (scene units) -------------------------------------------------------------
TOP = 3.7
BOTTOM = CONTENT_BOTTOM + 0.15
PLANE_BOX = Box(-7.0, 0.2, BOTTOM, TOP)
COLUMN = 0.8  # left edge of the formula column
PANEL_TOP, PANEL_BOTTOM = 2.95, -1.75
PANELS = (
    Box(-7.0, -0.15, PANEL_BOTTOM, PANEL_TOP),
    Box(0.15, 7.0, PANEL_BOTTOM, PANEL_TOP),
)
FORMULA = 36


class NormsAndDistances(CourseLesson):
    """L1, L2, L-infinity as unit shapes; distances; L1 vs L2 regularisation."""

    params = {
        "v": Vector(
            [3, 1],
            help="the vector whose three norms the lesson measures",
            require=[_nonzero, _within(MAX_COMPONENT, "components")],
        ),
        "a": Vector(
            [1, 3],
            help="the embedding of 'cat' (distance chapter)",
            require=[_within(MAX_COMPONENT, "components")],
        ),
        "b": Vector(
            [4, 1],
            help="the embedding of 'dog' (distance chapter)",
            require=[_within(MAX_COMPONENT, "components")],
        ),
        "optimum": Vector(
            [2, 1],
            help="the best weights w* without a penalty (regularisation chapter)",
            require=[_optimum],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse two embeddings too close together to tell apart."""
        if norm(np.asarray(args.a) - np.asarray(args.b), math.inf) < 0.5:
            raise ParamError(
                "b",
                fmt_vec(args.b),
                "an embedding at least 0.5 away from a in some component",
                why=f"it is almost on a = {fmt_vec(args.a)}, so the distance "
                "chapter has nothing to measure",
            )

    def construct(self) -> None:
        v = np.asarray(self.args.v, dtype=float)
        self.title_card(
            "Norms and distances", "How long is a vector, and how far apart are two?"
        )
        self.show_vector(v)
        self.l2_norm(v)
        self.l1_norm(v)
        self.linf_norm(v)
        self.unit_circle()
        self.unit_diamond_and_square()
        self.grow_to_v(v)
        self.nested_order(v)
        self.clear_all()
        a, b = (np.asarray(self.args[k], dtype=float) for k in ("a", "b"))
        self.show_embeddings(a, b)
        self.grow_to_b(a, b)
        self.clear_all()
        t = np.asarray(self.args.optimum, dtype=float)
        self.show_panels(t)
        self.touch_circle(t)
        self.touch_diamond(t)
        self.sparse_models(t)
        self.recap_over_panels()

    # -- helpers ----------------------------------------------------------------------
    def grid(self, view: PlaneView, box: Box) -> NumberPlane:
        """A grid filling ``box`` with its origin at ``view``'s origin."""
        step = grid_step(view.unit, 0.45)
        lo_x = math.ceil((box.left - view.origin[0]) / view.unit / step) * step
        hi_x = math.floor((box.right - view.origin[0]) / view.unit / step) * step
        lo_y = math.ceil((box.bottom - view.origin[1]) / view.unit / step) * step
        hi_y = math.floor((box.top - view.origin[1]) / view.unit / step) * step
        plane = NumberPlane(
            x_range=[lo_x, hi_x, step],
            y_range=[lo_y, hi_y, step],
            x_length=(hi_x - lo_x) * view.unit,
            y_length=(hi_y - lo_y) * view.unit,
            background_line_style={
                "stroke_color": BLUE,
                "stroke_width": 1.2,
                "stroke_opacity": 0.3,
            },
            axis_config={"stroke_color": MUTED, "stroke_width": 2},
        )
        plane.shift(view.origin - plane.c2p(0, 0))
        return plane.set_z_index(-2)

    def shape(
        self,
        view: PlaneView,
        p: float,
        radius: float = 1.0,
        centre: VectorLike = (0.0, 0.0),
        width: float = 4,
    ) -> VMobject:
        """The Lp sphere of ``radius`` around ``centre``, drawn through :func:`ball_boundary`."""
        points = ball_boundary(p, radius, centre)
        mob = VMobject(color=_COLOR[p], stroke_width=width)
        mob.set_points_as_corners([view.point(q) for q in points])
        return mob

    def column(self, *rows: Mobject, top: float = TOP - 0.2) -> VGroup:
        group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        group.move_to([COLUMN, top, 0], aligned_edge=LEFT + UP)
        return group

    def clear_all(self) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.6)
        self.clear()

    # -- chapter: three norms ---------------------------------------------------------
    def show_vector(self, v: np.ndarray) -> None:
        n1 = norm(v, 1)
        corners = np.array([[n1, n1], [-n1, -n1]])
        unit, origin = fit_view(corners, PLANE_BOX, margin=0.15, max_unit=1.2)
        self.view = PlaneView(unit, origin)
        self.plane = self.grid(self.view, PLANE_BOX)
        self.v_arrow = self.view.arrow(v, ACCENT, width=6)
        # beyond the tip along v: every unit shape grown to pass through v stays
        # inside that ray's continuation, so the label never sits on a shape
        outward = v / np.linalg.norm(v)
        self.v_label = tex("v", color=ACCENT).move_to(
            self.view.point(v) + 0.4 * np.array([*outward, 0.0])
        )
        corner = np.array([v[0], 0.0])
        self.leg_x = Line(self.view.point((0, 0)), self.view.point(corner), color=INK)
        self.leg_y = Line(self.view.point(corner), self.view.point(v), color=INK)
        for leg in (self.leg_x, self.leg_y):
            leg.set_stroke(width=3, opacity=0.8)
        self.v_row = tex("v", "=", fmt_vec(v), size=FORMULA, color=ACCENT)
        self.column(self.v_row)
        with self.beat(
            f"Take a vector, v = {fmt_vec(v)}. How long is it?",
            say=f"Take a vector, v equals {_say_vec(v)}. How long is it?",
            chapter="Three norms",
        ):
            self.play(Create(self.plane), run_time=1.0)
            self.play(GrowArrow(self.v_arrow), FadeIn(self.v_label), run_time=0.8)
            self.play(FadeIn(self.v_row), run_time=0.5)

    def norm_row(self, v: np.ndarray, p: float) -> Mobject:
        x, y = (fmt(c) for c in v)
        if p == 2:
            middle = rf"\sqrt{{{factor(x)}^2 + {factor(y)}^2}}"
        elif p == 1:
            middle = rf"|{x}| + |{y}|"
        else:
            middle = rf"\max(|{x}|, |{y}|)"
        row = tex(rf"\|v\|_{_TEX[p]}", "=", middle, "=", fmt(norm(v, p)), size=FORMULA)
        row[0].set_color(_COLOR[p])
        row[4].set_color(_COLOR[p])
        return row

    def l2_norm(self, v: np.ndarray) -> None:
        self.rows: dict[float, Mobject] = {2.0: self.norm_row(v, 2)}
        self.column(self.v_row, self.rows[2])
        n2 = norm(v, 2)
        with self.beat(
            f"The everyday L2 norm is Pythagoras: the square root of "
            f"{fmt(v[0])} squared plus {fmt(v[1])} squared, {fmt(n2)}.",
            say=f"The everyday L two norm is Pythagoras: the square root "
            f"of {spoken(fmt(v[0]))} squared plus {spoken(fmt(v[1]))} squared, about "
            f"{say_sig(n2)}.",
        ):
            self.play(Create(self.leg_x), Create(self.leg_y), run_time=0.8)
            self.play(FadeIn(self.rows[2]), run_time=0.6)
            self.play(
                self.v_arrow.animate.set_color(BLUE),
                run_time=0.8,
                rate_func=there_and_back,
            )

    def l1_norm(self, v: np.ndarray) -> None:
        self.rows[1.0] = self.norm_row(v, 1)
        self.column(self.v_row, self.rows[2], self.rows[1])
        n1 = norm(v, 1)
        with self.beat(
            "The L1 norm adds the sizes instead, as a taxi drives along the grid: "
            f"{fmt(abs(v[0]))} plus {fmt(abs(v[1]))} is {fmt(n1)}.",
            say="The L one norm adds the sizes instead, as a taxi drives along the "
            f"grid: {say_sig(abs(v[0]))} plus {say_sig(abs(v[1]))} "
            f"is {say_sig(n1)}.",
        ):
            self.play(
                self.leg_x.animate.set_stroke(ORANGE, width=7, opacity=1),
                self.leg_y.animate.set_stroke(ORANGE, width=7, opacity=1),
                run_time=1.0,
            )
            self.play(FadeIn(self.rows[1]), run_time=0.6)

    def linf_norm(self, v: np.ndarray) -> None:
        self.rows[math.inf] = self.norm_row(v, math.inf)
        self.column(self.v_row, self.rows[2], self.rows[1], self.rows[math.inf])
        big = self.leg_x if abs(v[0]) >= abs(v[1]) else self.leg_y
        small = self.leg_y if big is self.leg_x else self.leg_x
        ninf = norm(v, math.inf)
        with self.beat(
            f"The L∞ norm keeps only the biggest size: {fmt(ninf)}.",
            say=f"The L infinity norm keeps only the biggest size: {say_sig(ninf)}.",
        ):
            self.play(
                big.animate.set_stroke(PURPLE, width=9),
                small.animate.set_stroke(INK, width=3, opacity=0.5),
                run_time=0.8,
            )
            self.play(FadeIn(self.rows[math.inf]), run_time=0.6)

    # -- chapter: unit shapes -----------------------------------------------------
    def legend_row(self, p: float, rule: str) -> VGroup:
        swatch = Line(LEFT * 0.25, RIGHT * 0.25, color=_COLOR[p], stroke_width=6)
        return VGroup(swatch, tex(rule, size=FORMULA, color=_COLOR[p])).arrange(
            RIGHT, buff=0.25
        )

    def unit_circle(self) -> None:
        self.unit_shapes = {p: self.shape(self.view, p) for p in ORDERS}
        self.legend = {
            2.0: self.legend_row(2, r"x^2 + y^2 = 1"),
            1.0: self.legend_row(1, r"|x| + |y| = 1"),
            math.inf: self.legend_row(math.inf, r"\max(|x|, |y|) = 1"),
        }
        heading = text("length exactly 1:", SMALL, MUTED)
        self.legend_heading = heading
        self.column(
            self.v_row, heading, self.legend[2], self.legend[1], self.legend[math.inf]
        )
        with self.beat(
            "Which vectors have length exactly 1? In L2 they make the unit circle.",
            say="Which vectors have length exactly 1? In L two they make the unit circle.",
            chapter="Unit shapes",
        ):
            self.play(
                FadeOut(self.leg_x, self.leg_y, *self.rows.values()),
                FadeIn(heading),
                run_time=0.6,
            )
            self.play(Create(self.unit_shapes[2]), FadeIn(self.legend[2]), run_time=1.0)

    def unit_diamond_and_square(self) -> None:
        with self.beat(
            "In L1, the sizes add to 1: a diamond. In L∞, the bigger size is 1: a square.",
            say="In L one, the sizes add to 1: a diamond. In L infinity, the bigger "
            "size is 1: a square.",
        ):
            self.play(Create(self.unit_shapes[1]), FadeIn(self.legend[1]), run_time=1.0)
            self.play(
                Create(self.unit_shapes[math.inf]),
                FadeIn(self.legend[math.inf]),
                run_time=1.0,
            )

    def grow_to_v(self, v: np.ndarray) -> None:
        """The why: a norm is how far its unit shape must grow to reach v."""
        norms = {p: norm(v, p) for p in ORDERS}
        scale = ValueTracker(1.0)
        readouts = []
        rows = []
        for p in (1.0, 2.0, math.inf):
            label = tex(rf"\|v\|_{_TEX[p]} =", size=FORMULA, color=_COLOR[p])
            number = DecimalNumber(
                1.0, num_decimal_places=2, font_size=FORMULA, color=_COLOR[p]
            )
            rows.append(VGroup(label, number).arrange(RIGHT, buff=0.2))
            readouts.append(number)
        heading = text("grown until it reaches v:", SMALL, MUTED)
        self.column(self.v_row, heading, *rows)
        growing = {
            p: always_redraw(
                lambda p=p: self.shape(
                    self.view, p, min(scale.get_value(), norms[p]), width=3
                )
            )
            for p in ORDERS
        }
        for number, p in zip(readouts, (1.0, 2.0, math.inf), strict=True):
            number.add_updater(
                lambda m, p=p: m.set_value(min(scale.get_value(), norms[p]))
            )
        n1, n2, ninf = norms[1.0], norms[2.0], norms[math.inf]
        with self.beat(
            f"Grow each shape until it reaches v: the square at {fmt(ninf)}, the "
            f"circle at {fmt(n2)}, the diamond at {fmt(n1)}. A norm is how far its "
            "unit shape must grow.",
            say=f"Grow each shape until it reaches v: the square at {say_sig(ninf)}, "
            f"the circle at {say_sig(n2)}, the diamond at {say_sig(n1)}. A norm is how "
            "far its unit shape must grow.",
        ):
            self.play(
                FadeOut(self.legend_heading, *self.legend.values()),
                FadeIn(heading),
                FadeIn(VGroup(*rows)),
                run_time=0.6,
            )
            self.add(*growing.values())
            self.play(scale.animate.set_value(n1), run_time=4.0)
        for number, p in zip(readouts, (1.0, 2.0, math.inf), strict=True):
            number.clear_updaters()
            number.set_value(norms[p])
        for p, mob in growing.items():
            mob.clear_updaters()
            self.remove(mob)
            grown = self.shape(self.view, p, norms[p], width=3)
            self.add(grown)
            growing[p] = grown
        self.grown = growing
        self.grown_rows = VGroup(heading, *rows)

    def nested_order(self, v: np.ndarray) -> None:
        n1, n2, ninf = (norm(v, p) for p in (1.0, 2.0, math.inf))
        order = tex(
            r"\|v\|_\infty", r"\le", r"\|v\|_2", r"\le", r"\|v\|_1", size=FORMULA + 4
        )
        for i, p in ((0, math.inf), (2, 2.0), (4, 1.0)):
            order[i].set_color(_COLOR[p])
        numbers = tex(fmt(ninf), r"\le", fmt(n2), r"\le", fmt(n1), size=FORMULA + 4)
        for i, p in ((0, math.inf), (2, 2.0), (4, 1.0)):
            numbers[i].set_color(_COLOR[p])
        block = VGroup(order, numbers).arrange(DOWN, buff=0.3)
        block.move_to([COLUMN, BOTTOM + 0.9, 0], aligned_edge=LEFT)
        with self.beat(
            "The diamond sits inside the circle, the circle inside the square: so for "
            "every vector L∞ ≤ L2 ≤ L1.",
            say="The diamond sits inside the circle, the circle inside the square: so "
            "for every vector, L infinity is at most L two, which is at most L one.",
        ):
            for p in (1.0, 2.0, math.inf):
                self.play(
                    self.unit_shapes[p].animate.set_stroke(width=9),
                    run_time=0.6,
                    rate_func=there_and_back,
                )
            self.play(FadeIn(block, shift=0.2 * UP), run_time=0.8)

    # -- chapter: distances -----------------------------------------------------------
    def show_embeddings(self, a: np.ndarray, b: np.ndarray) -> None:
        d1 = distance(a, b, 1)
        points = np.vstack([a + d1, a - d1, b])
        unit, origin = fit_view(points, PLANE_BOX, margin=0.2, max_unit=1.2)
        self.view = PlaneView(unit, origin)
        self.plane = self.grid(self.view, PLANE_BOX)
        cat, dog = EMBEDDING_NAMES
        self.a_dot = Dot(self.view.point(a), radius=0.09, color=ACCENT)
        self.b_dot = Dot(self.view.point(b), radius=0.09, color=GREEN)
        away = (b - a) / norm(b - a, 2)
        side = np.array([away[0], away[1], 0.0])
        self.a_label = text(cat, SMALL, ACCENT).next_to(self.a_dot, -side, buff=0.15)
        self.b_label = text(dog, SMALL, GREEN).next_to(self.b_dot, side, buff=0.15)
        link = DashedLine(
            self.view.point(b), self.view.point(a), color=INK, stroke_width=3
        )
        diff = a - b
        rows = [
            tex(r"a_{\text{" + cat + "}}", "=", fmt_vec(a), size=FORMULA, color=ACCENT),
            tex(r"b_{\text{" + dog + "}}", "=", fmt_vec(b), size=FORMULA, color=GREEN),
            tex("a - b", "=", fmt_vec(diff), size=FORMULA),
        ]
        self.embedding_rows = self.column(*rows)
        with self.beat(
            f"Distance is the norm of a difference. Two word embeddings: {cat} at "
            f"{fmt_vec(a)}, {dog} at {fmt_vec(b)}. They differ by {fmt_vec(diff)}.",
            say=f"Distance is the norm of a difference. Two word embeddings: {cat} at "
            f"{_say_vec(a)}, {dog} at {_say_vec(b)}. They differ by {_say_vec(diff)}.",
            chapter="Distances",
        ):
            self.play(Create(self.plane), run_time=0.8)
            self.play(
                FadeIn(self.a_dot, self.b_dot, self.a_label, self.b_label),
                FadeIn(VGroup(*rows[:2])),
                run_time=0.8,
            )
            self.play(Create(link), FadeIn(rows[2]), run_time=0.8)

    def grow_to_b(self, a: np.ndarray, b: np.ndarray) -> None:
        ds = {p: distance(a, b, p) for p in ORDERS}
        scale = ValueTracker(0.0)
        rows, numbers = [], []
        for p in (1.0, 2.0, math.inf):
            label = tex(rf"\|a - b\|_{_TEX[p]} =", size=FORMULA, color=_COLOR[p])
            number = DecimalNumber(
                0.0, num_decimal_places=2, font_size=FORMULA, color=_COLOR[p]
            )
            rows.append(VGroup(label, number).arrange(RIGHT, buff=0.2))
            numbers.append(number)
        heading = text(
            f"grown around {EMBEDDING_NAMES[0]} to {EMBEDDING_NAMES[1]}:", SMALL, MUTED
        )
        block = self.column(
            heading, *rows, top=self.embedding_rows.get_bottom()[1] - 0.5
        )
        growing = {
            p: always_redraw(
                lambda p=p: self.shape(
                    self.view, p, max(min(scale.get_value(), ds[p]), 1e-3), a, width=3
                )
            )
            for p in ORDERS
        }
        for number, p in zip(numbers, (1.0, 2.0, math.inf), strict=True):
            number.add_updater(
                lambda m, p=p: m.set_value(min(scale.get_value(), ds[p]))
            )
        cat, dog = EMBEDDING_NAMES
        d1, d2, dinf = ds[1.0], ds[2.0], ds[math.inf]
        with self.beat(
            f"Grow each unit shape around {cat} until it touches {dog}: {fmt(d2)} apart "
            f"in L2, {fmt(d1)} in L1, {fmt(dinf)} in L∞. Nearest-neighbour search ranks "
            "embeddings this way.",
            say=f"Grow each unit shape around {cat} until it touches {dog}: "
            f"{say_sig(d2)} apart in L two, {say_sig(d1)} in L one, {say_sig(dinf)} in "
            "L infinity. Nearest-neighbour search ranks embeddings this way.",
        ):
            self.play(FadeIn(block), run_time=0.5)
            self.add(*growing.values(), self.a_dot, self.b_dot)
            self.play(scale.animate.set_value(d1), run_time=4.0)
        for number, p in zip(numbers, (1.0, 2.0, math.inf), strict=True):
            number.clear_updaters()
            number.set_value(ds[p])
        for p, mob in growing.items():
            mob.clear_updaters()
            self.remove(mob)
            self.add(self.shape(self.view, p, ds[p], a, width=3))
        self.add(self.a_dot, self.b_dot)

    # -- chapter: regularisation (the machine-learning beat) -------------------------
    def show_panels(self, t: np.ndarray) -> None:
        self.solutions = {p: constrained_minimum(t, p) for p in (2.0, 1.0)}
        levels = {p: loss(w, t) for p, w in self.solutions.items()}
        self.levels = levels
        reach = max(levels.values())
        ax, ay = contour_semi_axes(reach)
        points = np.array(
            [[t[0] + ax, t[1] + ay], [t[0] - ax, t[1] - ay], [1, 1], [-1, -1]]
        )
        self.panels: dict[float, PlaneView] = {}
        drawn = VGroup()
        for p, box in zip((2.0, 1.0), PANELS, strict=True):
            unit, origin = fit_view(points, box, margin=0.15, max_unit=1.6)
            self.panels[p] = PlaneView(unit, origin)
        unit = min(view.unit for view in self.panels.values())
        for p, box in zip((2.0, 1.0), PANELS, strict=True):
            _, origin = fit_view(points, box, margin=0.15, max_unit=unit)
            view = PlaneView(unit, origin)
            self.panels[p] = view
            grid = self.grid(view, box)
            ball = self.shape(view, p, width=5)
            ball.set_fill(_COLOR[p], opacity=0.15)
            star = Dot(view.point(t), radius=0.08, color=RED)
            star_label = tex("w^*", size=40, color=RED).next_to(
                star, UP + RIGHT, buff=0.05
            )
            faint = VGroup(
                *(
                    self.ellipse(view, t, f * min(levels.values())).set_stroke(
                        opacity=0.35
                    )
                    for f in (0.25, 0.6)
                )
            )
            labels(star_label, faint)  # the contours are the loss around w*
            drawn.add(VGroup(grid, ball, faint, star, star_label))
        self.panel_art = drawn
        names = {2.0: "L2 penalty (ridge, weight decay)", 1.0: "L1 penalty (lasso)"}
        self.headers = VGroup(
            *(
                text(names[p], SMALL, _COLOR[p]).move_to(
                    [(box.left + box.right) / 2, PANEL_TOP + 0.35, 0]
                )
                for p, box in zip((2.0, 1.0), PANELS, strict=True)
            )
        )
        with self.beat(
            "A penalty on the weights' size is the same as keeping them inside a ball "
            "of some size, here radius 1. The loss grows in ellipses around its best weights, "
            f"w* = {fmt_vec(t)}.",
            say="A penalty on the weights' size is the same as keeping them inside a "
            "ball of some size, here radius 1. The loss grows in ellipses around its best "
            f"weights, w star, {_say_vec(t)}.",
            chapter="Regularisation",
        ):
            self.play(
                FadeIn(self.headers), *(Create(g[0]) for g in drawn), run_time=1.0
            )
            self.play(*(Create(g[1]) for g in drawn), run_time=1.0)
            self.play(*(FadeIn(g[3], g[4]) for g in drawn), run_time=0.6)
            self.play(*(Create(g[2]) for g in drawn), run_time=1.2)

    def ellipse(self, view: PlaneView, t: np.ndarray, level: float) -> Ellipse:
        ax, ay = contour_semi_axes(level)
        return Ellipse(
            width=max(2 * ax * view.unit, 1e-3),
            height=max(2 * ay * view.unit, 1e-3),
            color=RED,
            stroke_width=4,
        ).move_to(view.point(t))

    def grow_contour(self, p: float, t: np.ndarray) -> None:
        view = self.panels[p]
        level = ValueTracker(0.01)
        contour = always_redraw(lambda: self.ellipse(view, t, level.get_value()))
        self.add(contour)
        self.play(level.animate.set_value(self.levels[p]), run_time=2.5)
        contour.clear_updaters()
        self.remove(contour)
        final = self.ellipse(view, t, self.levels[p])
        w = self.solutions[p]
        touch = Dot(view.point(w), radius=0.11, color=ACCENT)
        self.add(final, touch)
        self.play(touch.animate.scale(1.6), run_time=0.6, rate_func=there_and_back)
        self.touch = touch

    def readout(self, p: float, w: np.ndarray) -> Mobject:
        box = PANELS[0] if p == 2 else PANELS[1]
        row = tex("w", "=", fmt_vec(w), size=FORMULA, color=ACCENT)
        return row.move_to([(box.left + box.right) / 2, PANEL_BOTTOM - 0.45, 0])

    def touch_circle(self, t: np.ndarray) -> None:
        w = self.solutions[2.0]
        self.w_rows = {2.0: self.readout(2.0, w)}
        with self.beat(
            "Grow the ellipse until it first touches the circle: that point is the best "
            f"w allowed, {fmt_vec(w)}. Both weights shrink, and neither is zero.",
            say="Grow the ellipse until it first touches the circle: that point is the "
            f"best w allowed, {_say_vec(w)}. Both weights shrink, and neither is zero.",
        ):
            self.grow_contour(2.0, t)
            self.play(FadeIn(self.w_rows[2.0]), run_time=0.5)

    def touch_diamond(self, t: np.ndarray) -> None:
        w = self.solutions[1.0]
        self.w_rows[1.0] = self.readout(1.0, w)
        caption, said = l1_outcome(t)
        with self.beat(
            "On the diamond, " + caption, say="On the diamond, " + said, key=True
        ):
            self.grow_contour(1.0, t)
            self.play(FadeIn(self.w_rows[1.0]), run_time=0.5)
            self.wait(1.5)

    def model_line(self, w: np.ndarray, centre_x: float) -> VGroup:
        terms = []
        for i, c in enumerate(w):
            terms.append(
                ("+ " if i and c >= 0 else ("- " if c < 0 else ""))
                + fmt(abs(c))
                + rf"\,x_{i + 1}"
            )
        line = tex(r"\hat y", "=", *terms, size=FORMULA)
        for i, c in enumerate(w):
            if abs(c) <= ZERO:
                line[2 + i].set_color(MUTED)
        return line.move_to([centre_x, PANEL_BOTTOM - 1.05, 0])

    def sparse_models(self, t: np.ndarray) -> None:
        lines = VGroup()
        strikes = VGroup()
        for p, box in zip((2.0, 1.0), PANELS, strict=True):
            line = self.model_line(self.solutions[p], (box.left + box.right) / 2)
            lines.add(line)
            for i in zero_weights(self.solutions[p]):
                part = line[2 + i]
                strike = Line(part.get_left(), part.get_right(), color=RED)
                strikes.add(strike.set_stroke(width=5))
                labels(line, strike)  # the term is struck through on purpose
        view = self.panels[1.0]
        corners = VGroup(
            *(
                Dot(view.point(c), radius=0.1, color=ORANGE)
                for c in ((1, 0), (0, 1), (-1, 0), (0, -1))
            )
        )
        with self.beat(
            "The corners stick out along the axes, so contours often meet them first: "
            "L1 zeroes weights and drops features; L2 shrinks them all a little.",
            say="The corners stick out along the axes, so contours often meet them "
            "first: L one zeroes weights and drops features; L two shrinks them all a "
            "little.",
        ):
            self.play(FadeIn(corners, scale=0.5), run_time=0.6)
            self.play(
                corners.animate.scale(1.5), run_time=0.6, rate_func=there_and_back
            )
            self.play(FadeIn(lines), run_time=0.8)
            if len(strikes):
                self.play(Create(strikes), run_time=0.6)
        self.model_lines = VGroup(lines, strikes)

    def recap_over_panels(self) -> None:
        lines = VGroup(
            text("unit shapes: ◇ L1   ○ L2   □ L∞      distance = ‖a − b‖", SMALL, INK),
            text(
                "L1's corners set weights to zero; L2 shrinks them all", SMALL, ACCENT
            ),
        ).arrange(DOWN, buff=0.2)
        lines.move_to([0, PANEL_BOTTOM - 0.85, 0])
        with self.beat(
            "To recap: each norm has its unit shape, a distance is the norm of a "
            "difference, and the diamond's corners are why L1 zeroes weights.",
            say="To recap: each norm has its unit shape, a distance is the norm of a "
            "difference, and the diamond's corners are why L one zeroes weights.",
            chapter="Recap",
        ):
            self.play(FadeOut(self.model_lines, *self.w_rows.values()), run_time=0.5)
            self.play(FadeIn(lines, shift=0.2 * UP), run_time=0.8)
        self.play(FadeOut(*self.mobjects), run_time=0.6)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on norms, distances and constrained weights, numbers from ``seed``.

    Four exercises: the three norms of a vector (:func:`norm`); an Lp distance
    between two embeddings (:func:`distance`); which weight an L1 ball zeroes for
    a round loss (:func:`constrained_minimum`, ``h = (1, 1)``); and the best
    weights inside the L2 unit circle for the same loss.
    """
    rng = np.random.default_rng(seed)
    vec = kit_numbers.fmt_vec
    f = kit_numbers.fmt
    while True:
        v = rng.integers(-5, 6, size=2).astype(float)
        if np.all(v != 0):
            break
    norms = tuple(norm(v, p) for p in ORDERS)
    while True:
        a = rng.integers(-4, 5, size=2).astype(float)
        b = rng.integers(-4, 5, size=2).astype(float)
        if np.all(a != b):
            break
    p = float(rng.choice(np.array(ORDERS)))
    d = distance(a, b, p)
    round_loss = (1.0, 1.0)
    while True:  # a clear case: |t1| - |t2| not within 0.5 of the radius 1
        t = rng.integers(-6, 7, size=2).astype(float) / 2
        if (
            np.all(t != 0)
            and norm(t, 2) > 1.5
            and abs(abs(abs(t[0]) - abs(t[1])) - 1) > 0.4
        ):
            break
    w1 = constrained_minimum(t, 1, h=round_loss)
    zeros = zero_weights(w1)
    kinds = ("w₁ = 0", "w₂ = 0", "neither is zero")
    which = kinds[zeros[0]] if zeros else kinds[2]
    w2 = constrained_minimum(t, 2, h=round_loss)
    loss_tex = rf"(w_1 - {factor(f(t[0]))})^2 + (w_2 - {factor(f(t[1]))})^2"
    return [
        Exercise(
            id="norms-and-distances-1",
            prompt=(
                f"For $v = {vec(v)}$, give its three norms as "
                r"$(\|v\|_1, \|v\|_2, \|v\|_\infty)$."
            ),
            kind="vector",
            answer=norms,
            tolerance=0.005,
            hint="L1 adds the sizes, L2 is Pythagoras, L∞ keeps the biggest size.",
            solution=(
                f"$\\|v\\|_1 = {f(abs(v[0]))} + {f(abs(v[1]))} = {f(norms[0])}$, "
                f"$\\|v\\|_2 = \\sqrt{{{f(v[0] ** 2)} + {f(v[1] ** 2)}}} = {f(norms[1], 3)}$, "
                f"$\\|v\\|_\\infty = {f(norms[2])}$."
            ),
        ),
        Exercise(
            id="norms-and-distances-2",
            prompt=(
                f"Two embeddings are $a = {vec(a)}$ and $b = {vec(b)}$. What is their "
                f"{_NAME[p]} distance $\\|a - b\\|_{{{_TEX[p]}}}$?"
            ),
            kind="number",
            answer=d,
            tolerance=0.005,
            hint="Subtract first, then take the norm of the difference.",
            solution=f"$a - b = {vec(a - b)}$, whose {_NAME[p]} norm is ${f(d, 3)}$.",
        ),
        Exercise(
            id="norms-and-distances-3",
            prompt=(
                f"The loss ${loss_tex}$ is least at $w^* = {vec(t)}$. Keeping "
                r"$\|w\|_1 \le 1$, which weight of the best allowed $w$ is zero?"
            ),
            kind="choice",
            answer=which,
            choices=kinds,
            hint="Grow circles around w* until one first touches the diamond "
            "|w₁| + |w₂| = 1: a corner, or an edge?",
            solution=(
                f"The first circle to touch the diamond touches it at ${vec(w1)}$, so "
                + (f"{which}." if zeros else "both weights survive.")
            ),
        ),
        Exercise(
            id="norms-and-distances-4",
            prompt=(
                f"The loss ${loss_tex}$ is least at $w^* = {vec(t)}$. Keeping "
                r"$\|w\|_2 \le 1$, what is the best allowed $w$?"
            ),
            kind="vector",
            answer=tuple(w2),
            tolerance=0.005,
            hint="Circles around w* first touch the unit circle on the line from 0 to w*.",
            solution=(
                f"$w = w^* / \\|w^*\\|_2 = {vec(t)} / {f(norm(t, 2), 3)} = {vec(w2, 3)}$."
            ),
        ),
    ]
