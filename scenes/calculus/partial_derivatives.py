"""Partial derivatives and gradients: slopes of slices, and the way uphill.

A function of two inputs ``f(x, y)`` is drawn from above as a heat map with
contour lines (curves of equal height). Holding ``y`` fixed and walking along
``x`` is a slice: an ordinary curve of one variable, drawn beside the map, whose
slope at the point is the partial derivative ``df/dx`` (measured on screen as a
small rise over run first). The other slice gives ``df/dy``. Stacked, they make
the gradient. The steepest-ascent property is derived, not asserted: walking in
a unit direction ``u`` changes ``f`` at the rate ``grad f . u`` (the directional
derivative), which is traced as ``u`` turns all the way round; it is
``|grad f| cos(angle)``, largest along the gradient and zero along the contour,
so the gradient is perpendicular to the contour and points up the steepest
slope. The machine-learning beat reads ``f`` as a loss of two weights and takes
steps against the gradient.

Every number on screen comes from the pure functions below (numpy only), which
the tests check on their own.

General claims, and why they hold
---------------------------------
- "The slope of the slice is the partial derivative": by definition; the exact
  partials are tested against central differences with Hypothesis, and the
  rise-over-run shown (:func:`slice_quotient`) against them.
- "The rate of change along a unit direction u is grad f . u": the chain rule
  on ``t -> f(p + t u)``; :func:`directional_derivative` is tested against a
  central difference along ``u`` with Hypothesis.
- "Largest along the gradient, equal to its length; zero along the contour; most
  negative against it": ``grad . u = |grad| cos(angle)``; tested by sampling
  every direction (Hypothesis over points and functions).
- "The gradient is perpendicular to the contour": along the contour ``f`` stays
  constant, so the rate along its tangent is 0 = grad . tangent; tested: a step
  along :func:`contour_tangent` changes ``f`` only to second order.
- "A small step against the gradient lowers the loss", and what the descent beat
  says (falls or rises, from what to what) is computed from
  :func:`descent_path`, never assumed.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Float, Int, Vector
from mathreel.practice import Exercise
from scenes.kit.numbers import factor, fmt, fmt_vec, say_sig
from scenes.style import *

__all__ = [
    "FUNCTIONS",
    "MIN_GRADIENT",
    "STEP",
    "WINDOW",
    "PartialDerivatives",
    "Surface",
    "contour_levels",
    "contour_tangent",
    "descent_path",
    "directional_derivative",
    "gradient",
    "heat_map",
    "practice",
    "slice_quotient",
    "steps_inside",
    "value",
]

Field = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Surface:
    """A function of two inputs the lesson can draw, with its exact partials."""

    f: Field
    fx: Field
    fy: Field
    tex: str  # f(x, y) = ..., as TeX
    caption: str
    spoken: str
    fx_tex: str
    fy_tex: str


FUNCTIONS: dict[str, Surface] = {
    "bowl": Surface(
        f=lambda x, y: 0.5 * x**2 + y**2,
        fx=lambda x, y: 1.0 * x + 0.0 * y,
        fy=lambda x, y: 2.0 * y + 0.0 * x,
        tex=r"\tfrac{1}{2}x^2 + y^2",
        caption="½x² + y²",
        spoken="one half x squared plus y squared",
        fx_tex="x",
        fy_tex="2y",
    ),
    "saddle": Surface(
        f=lambda x, y: 0.5 * (x**2 - y**2),
        fx=lambda x, y: 1.0 * x + 0.0 * y,
        fy=lambda x, y: -1.0 * y + 0.0 * x,
        tex=r"\tfrac{1}{2}(x^2 - y^2)",
        caption="½(x² − y²)",
        spoken="one half of x squared minus y squared",
        fx_tex="x",
        fy_tex="-y",
    ),
    "waves": Surface(
        f=lambda x, y: np.sin(x) + np.cos(y),
        fx=lambda x, y: np.cos(x) + 0.0 * y,
        fy=lambda x, y: -np.sin(y) + 0.0 * x,
        tex=r"\sin x + \cos y",
        caption="sin x + cos y",
        spoken="sine x plus cosine y",
        fx_tex=r"\cos x",
        fy_tex=r"-\sin y",
    ),
}

#: The square of the plane shown, ``[-WINDOW, WINDOW]`` in x and in y.
WINDOW = 3.0
#: The point must lie inside this (room for the slices' tangent lines).
POINT_LIMIT = 2.5
#: The rise over run on screen uses a step of this size each way.
STEP = 0.1
#: Shortest gradient whose direction the arrow can show.
MIN_GRADIENT = 0.3


# -- the math ------------------------------------------------------------------------


def value(name: str, x: float, y: float) -> float:
    """``f(x, y)`` for the named function."""
    return float(FUNCTIONS[name].f(np.float64(x), np.float64(y)))


def gradient(name: str, x: float, y: float) -> np.ndarray:
    """``(df/dx, df/dy)`` at ``(x, y)``, exact; shape ``(2,)``."""
    s = FUNCTIONS[name]
    return np.array(
        [
            float(s.fx(np.float64(x), np.float64(y))),
            float(s.fy(np.float64(x), np.float64(y))),
        ]
    )


def slice_quotient(name: str, point: np.ndarray, axis: int, h: float = STEP) -> float:
    """Rise over run along one axis through ``point``: ``(f(p + h e) - f(p - h e)) / 2h``.

    ``axis`` is 0 for the x slice (y held fixed) and 1 for the y slice.
    """
    e = np.zeros(2)
    e[axis] = h
    a, b = np.asarray(point, float) + e, np.asarray(point, float) - e
    return (value(name, *a) - value(name, *b)) / (2 * h)


def directional_derivative(name: str, point: np.ndarray, theta: float) -> float:
    """Rate of change of ``f`` at ``point`` along the unit vector at angle ``theta``.

    ``grad f . (cos theta, sin theta)``; ``theta`` in radians from the x-axis.
    """
    g = gradient(name, *point)
    return float(g @ np.array([math.cos(theta), math.sin(theta)]))


def contour_tangent(g: np.ndarray) -> np.ndarray:
    """The unit direction along the contour where the gradient is ``g``: ``g`` turned 90°."""
    g = np.asarray(g, dtype=float)
    return np.array([-g[1], g[0]]) / float(np.linalg.norm(g))


def descent_path(name: str, point: np.ndarray, rate: float, steps: int) -> np.ndarray:
    """Gradient descent ``w <- w - rate grad f(w)``; shape ``(steps + 1, 2)``, start first."""
    path = [np.asarray(point, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] - float(rate) * gradient(name, *path[-1]))
    return np.array(path)


def steps_inside(path: np.ndarray) -> int:
    """How many steps of ``path`` (shape ``(n + 1, 2)``) stay inside the window shown.

    Counts the steps up to the first point outside ``[-WINDOW, WINDOW]`` squared.
    """
    inside = np.all(np.abs(np.asarray(path, float)) <= WINDOW, axis=1)
    outside = np.flatnonzero(~inside)
    return (len(path) if outside.size == 0 else int(outside[0])) - 1


def contour_levels(name: str, point: np.ndarray, count: int = 7) -> list[float]:
    """Heights of the contour lines: evenly spaced through the window, plus the point's.

    The point's own level comes first (the lesson highlights it); levels closer to
    it than a fifth of the spacing are dropped so no two lines crowd.
    """
    xs = np.linspace(-WINDOW, WINDOW, 121)
    grid = FUNCTIONS[name].f(*np.meshgrid(xs, xs))
    lo, hi = float(grid.min()), float(grid.max())
    spacing = (hi - lo) / (count + 1)
    here = value(name, *point)
    others = [lo + spacing * (i + 1) for i in range(count)]
    return [here] + [c for c in others if abs(c - here) > spacing / 5]


def heat_map(name: str, cells: int = 30) -> np.ndarray:
    """Colours of a heat map of ``f``: dark blue (low) to warm brown (high).

    Returns
    -------
    ndarray, shape (cells, cells, 3)
        RGB in [0, 1] at the centres of a ``cells`` by ``cells`` grid over the
        window; ``[i, j]`` is column ``i`` (x, left to right), row ``j`` (y, bottom
        to top). Dark enough everywhere that the contour lines and the arrows keep
        their contrast.
    """
    edge = np.linspace(-WINDOW, WINDOW, cells + 1)
    mid = (edge[:-1] + edge[1:]) / 2
    x, y = np.meshgrid(mid, mid, indexing="ij")
    z = FUNCTIONS[name].f(x, y)
    t = (z - z.min()) / max(float(z.max() - z.min()), 1e-12)
    low, high = np.array([22, 40, 70]) / 255, np.array([110, 58, 40]) / 255
    return low + t[..., None] * (high - low)


def _within(limit: float) -> Callable[[np.ndarray], str | None]:
    def check(value: np.ndarray) -> str | None:
        if np.max(np.abs(value)) > limit:
            return f"coordinates larger than {fmt(limit)} leave no room for the slices"
        return None

    return check


# -- layout (scene units) ----------------------------------------------------------
COLUMN_WIDTH = 6.3  # widest formula in the right-hand column


def fit_column(mob: VMobject) -> VMobject:
    """Shrink ``mob`` to the right-hand column's width if it is wider."""
    if mob.width > COLUMN_WIDTH:
        mob.scale_to_fit_width(COLUMN_WIDTH)
    return mob


MAP_CENTRE = (-3.75, 0.3)
MAP_SIDE = 5.8
PLOT_CENTRE = (3.75, 1.75)
PLOT_W, PLOT_H = 5.2, 2.6
TEXT_X = 3.75  # centre of the formulas under the plot
PANEL = 34
ARROW = 1.5  # screen length of the gradient arrow


class PartialDerivatives(CourseLesson):
    """Slices and their slopes, the gradient on a contour map, steepest ascent, descent."""

    params = {
        "function": Choice("bowl", list(FUNCTIONS), help="the function f(x, y)"),
        "point": Vector(
            [1.5, 1.0],
            help="the point (x, y) where the slopes are taken",
            require=[_within(POINT_LIMIT)],
        ),
        "learning_rate": Float(
            0.25, lo=0, hi=1, lo_open=True, help="step size of the descent steps"
        ),
        "steps": Int(6, lo=1, hi=10, help="how many descent steps the ending takes"),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        g = gradient(args.function, *args.point)
        size = float(np.linalg.norm(g))
        first = descent_path(args.function, args.point, args.learning_rate, 1)
        if steps_inside(first) < 1:
            raise ParamError(
                "learning_rate",
                fmt(args.learning_rate),
                "a smaller step size",
                why=f"the first step from {fmt_vec(args.point)} lands at "
                f"{fmt_vec(first[1])}, off the map",
            )
        if size < MIN_GRADIENT:
            raise ParamError(
                "point",
                fmt_vec(args.point),
                f"a point where the gradient of '{args.function}' is at least "
                f"{fmt(MIN_GRADIENT)} long",
                why=f"there it is {fmt_vec(g)}, too short to show a direction",
            )

    # -- storyboard -------------------------------------------------------------------
    def construct(self) -> None:
        a = self.args
        self.name, self.spec = a.function, FUNCTIONS[a.function]
        self.pt = np.asarray(a.point, dtype=float)
        self.g = gradient(self.name, *self.pt)
        self.title_card(
            "Partial derivatives and gradients", "Which way is uphill on a surface?"
        )
        self.show_map()
        self.slice_x()
        self.slope_x()
        self.slice_y()
        self.show_gradient()
        self.turn_direction()
        self.steepest()
        self.descend()
        self.close()

    # -- drawing helpers ---------------------------------------------------------------
    def p2s(self, x: float, y: float) -> np.ndarray:
        return self.map_axes.c2p(x, y)

    def slice_axes(self, values: np.ndarray, lo: float, hi: float) -> Axes:
        y_lo, y_hi = float(values.min()), float(values.max())
        pad = 0.1 * max(y_hi - y_lo, 1e-6)
        axes = Axes(
            x_range=[lo, hi, 1],
            y_range=[y_lo - pad, y_hi + pad, max((y_hi - y_lo) / 4, 1e-3)],
            x_length=PLOT_W,
            y_length=PLOT_H,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2, "include_ticks": False},
        )
        return axes.move_to([*PLOT_CENTRE, 0])

    def slice_plot(self, axis: int, color: str) -> VGroup:
        """The slice through the point along ``axis``, its tangent and the point."""
        ts = np.linspace(-WINDOW, WINDOW, 201)
        fixed = self.pt[1 - axis]

        def along(t: float) -> float:
            xy = [t, fixed] if axis == 0 else [fixed, t]
            return value(self.name, *xy)

        values = np.array([along(t) for t in ts])
        axes = self.slice_axes(values, -WINDOW, WINDOW)
        curve = axes.plot(along, x_range=[-WINDOW, WINDOW, 0.03], color=color)
        here = self.pt[axis]
        slope = self.g[axis]
        y0, (low, high) = along(here), axes.y_range[:2]

        def reach(sign: int, most: float = 0.9) -> float:
            """How far the tangent runs each way, kept inside the plot's y range."""
            end = y0 + sign * slope * most
            bound = high if end > high else low if end < low else None
            return most if bound is None else (bound - y0) / (sign * slope)

        tangent = Line(
            axes.c2p(here - reach(-1), y0 - slope * reach(-1)),
            axes.c2p(here + reach(1), y0 + slope * reach(1)),
            color=ACCENT,
            stroke_width=4,
        )
        dot = Dot(axes.c2p(here, along(here)), color=ACCENT, radius=0.08)
        var = "x" if axis == 0 else "y"
        label = tex(var, size=PANEL, color=color).next_to(axes.x_axis, RIGHT, buff=0.15)
        return VGroup(axes, curve, label, tangent, dot)

    # -- slices ---------------------------------------------------------------------------
    def show_map(self) -> None:
        spec, (x0, y0) = self.spec, self.pt
        self.map_axes = Axes(
            x_range=[-WINDOW, WINDOW, 1],
            y_range=[-WINDOW, WINDOW, 1],
            x_length=MAP_SIDE,
            y_length=MAP_SIDE,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 1.5, "tick_size": 0.05},
        ).move_to([*MAP_CENTRE, 0])
        colours = heat_map(self.name)
        n = colours.shape[0]
        side = MAP_SIDE / n
        image = VGroup(
            *(
                Square(side * 1.02, stroke_width=0)
                .set_fill(rgb_to_hex(colours[i, j]), opacity=1)
                .move_to(
                    self.p2s(
                        -WINDOW + (i + 0.5) * 2 * WINDOW / n,
                        -WINDOW + (j + 0.5) * 2 * WINDOW / n,
                    )
                )
                for i in range(n)
                for j in range(n)
            )
        )
        self.image = image
        levels = contour_levels(self.name, self.pt)
        f = spec.f
        self.contours = VGroup(
            *(
                self.map_axes.plot_implicit_curve(
                    lambda x, y, c=c: f(x, y) - c, color=INK if i == 0 else MUTED
                ).set_stroke(width=4 if i == 0 else 1.5)
                for i, c in enumerate(levels)
            )
        )
        self.here = Dot(self.p2s(x0, y0), color=ACCENT, radius=0.09)
        names = VGroup(
            tex("x", size=PANEL, color=MUTED).next_to(
                self.map_axes.x_axis, RIGHT, buff=0.12
            ),
            tex("y", size=PANEL, color=MUTED).next_to(
                self.map_axes.y_axis, UP, buff=0.08
            ),
        )
        self.map_names = names
        self.f_line = tex("f(x, y) =", spec.tex, size=PANEL).move_to([TEXT_X, 3.3, 0])
        fp = value(self.name, x0, y0)
        self.p_line = tex(
            rf"P = {fmt_vec(self.pt)}, \quad f(P) = {fmt(fp, 3)}",
            size=PANEL,
            color=ACCENT,
        )
        fit_column(self.p_line).move_to([TEXT_X, -0.4, 0])
        with self.beat(
            f"A function of two inputs, f(x, y) = {spec.caption}, is a surface. Seen "
            "from above: colour is height, and each line joins points of equal height, "
            "a contour.",
            say=f"A function of two inputs, f of x and y equals {spec.spoken}, is a "
            "surface. Seen from above: colour is height, and each line joins points of "
            "equal height, a contour.",
            chapter="Slices",
        ):
            self.play(
                FadeIn(image),
                Create(self.map_axes),
                FadeIn(names, self.f_line),
                run_time=1.2,
            )
            self.play(Create(self.contours), run_time=1.8)
            self.play(FadeIn(self.here, scale=0.5), FadeIn(self.p_line), run_time=0.6)

    def slice_x(self) -> None:
        y0 = self.pt[1]
        self.x_line = DashedLine(
            self.p2s(-WINDOW, y0), self.p2s(WINDOW, y0), color=ORANGE, stroke_width=3
        )
        self.x_slice = self.slice_plot(0, ORANGE)
        axes, curve, label, _, dot = self.x_slice
        with self.beat(
            f"Hold y at {fmt(y0)} and walk along x. That slice is an ordinary curve of "
            "one variable; here it is on its own.",
            say=f"Hold y at {say_sig(y0)} and walk along x. That slice is an ordinary curve "
            "of one variable; here it is on its own.",
        ):
            self.play(Create(self.x_line), run_time=1.0)
            self.add(self.here)
            self.play(Create(axes), FadeIn(label), run_time=0.6)
            self.play(Create(curve), FadeIn(dot), run_time=1.2)

    def slope_x(self) -> None:
        x0, y0 = self.pt
        q = slice_quotient(self.name, self.pt, 0)
        gx = self.g[0]
        work = VGroup(
            tex(
                rf"{{f({fmt(x0 + STEP)}, {fmt(y0)}) - f({fmt(x0 - STEP)}, {fmt(y0)})"
                rf"\over {fmt(2 * STEP)}}} \approx {fmt(q, 3)}",
                size=PANEL,
            ),
            tex(
                rf"{{\partial f \over \partial x}} = {self.spec.fx_tex} = {fmt(gx, 3)}",
                size=PANEL,
                color=ORANGE,
            ),
        ).arrange(DOWN, buff=0.3)
        fit_column(work).next_to(self.p_line, DOWN, buff=0.4)
        self.work = work
        with self.beat(
            f"Its slope at the point is the partial derivative, ∂f/∂x: rise over run "
            f"across a small step gives {fmt(q, 3)}, and the exact slope is {fmt(gx, 3)}. "
            "It measures how fast f changes when only x moves.",
            say="Its slope at the point is the partial derivative, d f by d x: rise over "
            f"run across a small step gives about {say_sig(q)}, and the exact slope is "
            f"{say_sig(gx)}. It measures how fast f changes when only x moves.",
        ):
            self.play(Create(self.x_slice[3]), run_time=0.8)
            self.play(FadeIn(work[0]), run_time=0.8)
            self.play(FadeIn(work[1], shift=0.1 * UP), run_time=0.8)

    def slice_y(self) -> None:
        x0 = self.pt[0]
        gy = self.g[1]
        self.y_line = DashedLine(
            self.p2s(x0, -WINDOW), self.p2s(x0, WINDOW), color=PURPLE, stroke_width=3
        )
        self.y_slice = self.slice_plot(1, PURPLE)
        fy = tex(
            rf"{{\partial f \over \partial y}} = {self.spec.fy_tex} = {fmt(gy, 3)}",
            size=PANEL,
            color=PURPLE,
        )
        fx_line = self.work[1]
        parts = VGroup(fx_line.copy(), fy).arrange(RIGHT, buff=0.6)
        if parts.width > COLUMN_WIDTH:  # stacked rather than shrunk below 14 px
            parts.arrange(DOWN, buff=0.25)
        fit_column(parts).move_to(self.work.get_center())
        with self.beat(
            f"Now hold x at {fmt(x0)} and walk along y: another slice, and its slope is "
            f"the other partial derivative, ∂f/∂y = {fmt(gy, 3)}.",
            say=f"Now hold x at {say_sig(x0)} and walk along y: another slice, and its slope "
            f"is the other partial derivative, d f by d y, {say_sig(gy)}.",
        ):
            self.play(
                FadeOut(self.x_slice, self.work[0]),
                self.x_line.animate.set_stroke(opacity=0.35),
                ReplacementTransform(fx_line, parts[0]),
                run_time=0.8,
            )
            self.play(Create(self.y_line), run_time=0.8)
            self.add(self.here)
            self.play(FadeIn(self.y_slice[:3]), run_time=1.2)
            self.play(
                Create(self.y_slice[3]),
                FadeIn(self.y_slice[4]),
                FadeIn(fy),
                run_time=0.8,
            )
        self.partials = VGroup(parts[0], fy)

    # -- the gradient -----------------------------------------------------------------
    def arrow_to(
        self, direction: np.ndarray, color: str, length: float = ARROW
    ) -> Arrow:
        start = self.p2s(*self.pt)
        d = np.asarray(direction, float)
        d = d / np.linalg.norm(d)
        end = start + length * np.array([d[0], d[1], 0.0])
        return Arrow(
            start,
            end,
            buff=0,
            color=color,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.2,
        )

    def show_gradient(self) -> None:
        g = self.g
        self.grad_arrow = self.arrow_to(g, GREEN)
        t = contour_tangent(g)
        start = self.p2s(*self.pt)
        tangent = Line(
            start - 0.9 * np.array([t[0], t[1], 0]),
            start + 0.9 * np.array([t[0], t[1], 0]),
            color=INK,
            stroke_width=3,
        )
        along = Line(start, start + 0.5 * np.array([t[0], t[1], 0]))
        right = RightAngle(
            along, Line(start, self.grad_arrow.get_end()), length=0.22, color=INK
        )
        self.tangent, self.right = tangent, right
        grad_line = tex(
            rf"\nabla f = \left({{\partial f \over \partial x}}, {{\partial f \over \partial y}}\right)"
            rf" = {fmt_vec(g, 3)}",
            size=PANEL,
            color=GREEN,
        )
        fit_column(grad_line).move_to(self.partials.get_center())
        self.grad_line = grad_line
        with self.beat(
            f"Stack the two slopes into one vector: the gradient, {fmt_vec(g, 3)}. Drawn "
            "at the point, it crosses the contour at a right angle and points uphill.",
            say=f"Stack the two slopes into one vector: the gradient, {say_sig(g[0])} comma "
            f"{say_sig(g[1])}. Drawn at the point, it crosses the contour at a right angle "
            "and points uphill.",
            chapter="The gradient",
        ):
            self.play(
                FadeOut(self.x_line, self.y_line, self.y_slice),
                ReplacementTransform(self.partials, grad_line),
                run_time=1.0,
            )
            self.play(Create(self.grad_arrow), run_time=1.0)
            self.play(Create(tangent), Create(right), run_time=0.8)
            self.add(self.here)

    def turn_direction(self) -> None:
        size = float(np.linalg.norm(self.g))
        self.theta = ValueTracker(0.0)
        self.rate_axes = Axes(
            x_range=[0, 360, 90],
            y_range=[-size * 1.15, size * 1.15, size],
            x_length=PLOT_W,
            y_length=PLOT_H,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2, "tick_size": 0.06},
        ).move_to([*PLOT_CENTRE, 0])
        self.rate_axes.x_axis.add_numbers(
            [90, 180, 270, 360], num_decimal_places=0, font_size=PANEL
        )
        # under the plot, as a chart's x labels: the curve dips below the axis
        # and would cross numbers written beneath it
        floor = self.rate_axes.c2p(0, -size * 1.15)[1]
        for number in self.rate_axes.x_axis.numbers:
            number.set_y(floor - 0.25)
        theta_label = tex(r"\theta", size=PANEL, color=BLUE).next_to(
            self.rate_axes.x_axis, RIGHT, buff=0.12
        )
        rate_label = tex(r"\nabla f \cdot u", size=PANEL, color=BLUE).next_to(
            self.rate_axes.y_axis, UP, buff=0.1
        )
        self.rate_labels = VGroup(theta_label, rate_label)

        def rate(deg: float) -> float:
            return directional_derivative(self.name, self.pt, math.radians(deg))

        self.rate = rate
        self.u_arrow = always_redraw(
            lambda: self.arrow_to(
                np.array(
                    [
                        math.cos(math.radians(self.theta.get_value())),
                        math.sin(math.radians(self.theta.get_value())),
                    ]
                ),
                BLUE,
                1.0,
            )
        )
        self.trace = always_redraw(
            lambda: self.rate_axes.plot(
                rate, x_range=[0, max(self.theta.get_value(), 0.5), 2], color=BLUE
            )
        )
        self.trace_dot = always_redraw(
            lambda: Dot(
                self.rate_axes.c2p(
                    self.theta.get_value(), rate(self.theta.get_value())
                ),
                color=BLUE,
                radius=0.07,
            )
        )
        formula = tex(
            r"\nabla f \cdot u = {\partial f \over \partial x} u_1 + {\partial f \over \partial y} u_2",
            size=PANEL,
            color=BLUE,
        )
        fit_column(formula).next_to(self.grad_line, DOWN, buff=0.35)
        self.dd_formula = formula
        with self.beat(
            "Is it really the steepest way? Walk from the point in any direction u, a unit "
            "vector at angle θ. f changes at the rate ∇f · u: each slope times how far u "
            "goes that way. Turn u all the way round and plot that rate.",
            say="Is it really the steepest way? Walk from the point in any direction u, a "
            "unit vector at angle theta. f changes at the rate grad f dot u: each slope "
            "times how far u goes that way. Turn u all the way round and plot that rate.",
        ):
            self.play(
                Create(self.rate_axes),
                FadeIn(self.rate_labels),
                FadeIn(formula),
                run_time=1.0,
            )
            self.play(Create(self.u_arrow), run_time=0.6)
            self.add(self.trace, self.trace_dot)
            self.play(self.theta.animate.set_value(360), run_time=7.0, rate_func=linear)

    def steepest(self) -> None:
        g = self.g
        size = float(np.linalg.norm(g))
        best = math.degrees(math.atan2(g[1], g[0])) % 360
        zeros = sorted(((best + 90) % 360, (best + 270) % 360))
        full = self.rate_axes.plot(self.rate, x_range=[0, 360, 2], color=BLUE)
        self.remove(self.trace)
        self.add(full)
        peak = Dot(self.rate_axes.c2p(best, size), color=GREEN, radius=0.09)
        zero_dots = VGroup(
            *(Dot(self.rate_axes.c2p(z, 0), color=INK, radius=0.07) for z in zeros)
        )
        law = tex(
            rf"\nabla f \cdot u = |\nabla f| \cos \angle(\nabla f, u) \le |\nabla f| = {fmt(size, 3)}",
            size=PANEL,
            color=GREEN,
        )
        fit_column(law).move_to(self.dd_formula)
        with self.beat(
            "The rate is |∇f| times the cosine of the angle between u and ∇f. So it peaks, "
            f"at {fmt(size, 3)}, exactly when u points along the gradient, and it is zero "
            "along the contour. The gradient is the direction of steepest ascent, and its "
            "length is that steepest slope.",
            say="The rate is the length of the gradient times the cosine of the angle "
            f"between u and the gradient. So it peaks, at {say_sig(size)}, exactly when u "
            "points along the gradient, and it is zero along the contour. The gradient is "
            "the direction of steepest ascent, and its length is that steepest slope.",
            key=True,
        ):
            self.play(
                self.theta.animate.set_value(best), run_time=1.6, rate_func=smooth
            )
            self.play(
                FadeIn(peak, scale=0.5),
                ReplacementTransform(self.dd_formula, law),
                run_time=0.8,
            )
            self.play(FadeIn(zero_dots), run_time=0.6)
            self.wait(1.5)
        self.dd_formula = law
        self.rate_group = VGroup(
            self.rate_axes, self.rate_labels, full, peak, zero_dots
        )

    # -- machine learning -------------------------------------------------------------
    def descend(self) -> None:
        rate, asked = self.args.learning_rate, self.args.steps
        full = descent_path(self.name, self.pt, rate, asked)
        steps = steps_inside(full)
        path = full[: steps + 1]
        leaves = " The next step would leave the map." if steps < asked else ""
        losses = [value(self.name, *w) for w in path]
        first, last = losses[0], losses[-1]
        verb = "falls" if last < first else "rises"
        dots = VGroup(*(Dot(self.p2s(*w), color=RED, radius=0.06) for w in path[1:]))
        segments = VGroup(
            *(
                Line(self.p2s(*a), self.p2s(*b), color=RED, stroke_width=4)
                for a, b in itertools.pairwise(path)
            )
        )
        rule = tex(
            r"w \leftarrow w - \eta\, \nabla L",
            rf"\qquad \eta = {fmt(rate)}",
            size=PANEL,
        ).move_to([TEXT_X, 2.6, 0])
        loss_label = (
            VGroup(
                tex("L =", size=PANEL, color=RED),
                DecimalNumber(first, num_decimal_places=3, font_size=PANEL, color=RED),
            )
            .arrange(RIGHT, buff=0.15)
            .next_to(rule, DOWN, buff=0.5)
        )
        self.tracker = ValueTracker(0)

        def loss_now(m: DecimalNumber) -> None:
            t = self.tracker.get_value()
            i = min(int(t), steps - 1) if steps > 0 else 0
            w = path[i] + (t - i) * (path[i + 1] - path[i])
            m.set_value(value(self.name, *w))

        loss_label[1].add_updater(loss_now)
        step1 = path[1]
        with self.beat(
            "In machine learning, f is a loss and x, y are two weights of a model. "
            "Training wants the loss down, so it steps against the gradient: from "
            f"{fmt_vec(self.pt)} to {fmt_vec(step1, 3)}.",
            say="In machine learning, f is a loss and x and y are two weights of a model. "
            "Training wants the loss down, so it steps against the gradient.",
            chapter="Learning",
        ):
            self.play(
                FadeOut(
                    self.rate_group,
                    self.u_arrow,
                    self.trace_dot,
                    self.tangent,
                    self.right,
                ),
                FadeOut(self.dd_formula),
                run_time=0.8,
            )
            self.play(FadeIn(rule), FadeIn(loss_label), run_time=0.8)
            self.play(
                Create(segments[0]),
                FadeIn(dots[0]),
                self.tracker.animate.set_value(1),
                run_time=1.2,
            )
        with self.beat(
            f"Step after step the weights cross the contours downhill, and the loss {verb} "
            f"from {fmt(first, 3)} to {fmt(last, 3)} in {steps} steps." + leaves,
            say=f"Step after step the weights cross the contours downhill, and the loss "
            f"{verb} from {say_sig(first)} to {say_sig(last)} in {steps} steps."
            + leaves,
        ):
            for i in range(1, steps):
                self.play(
                    Create(segments[i]),
                    FadeIn(dots[i]),
                    self.tracker.animate.set_value(i + 1),
                    run_time=0.6,
                )
        loss_label[1].clear_updaters()
        self.rule, self.loss_label = rule, loss_label

    def close(self) -> None:
        summary = VGroup(
            text("partial derivatives: slopes of slices", SMALL, ORANGE),
            text("gradient: across the contour, uphill", SMALL, GREEN),
            text("training steps against it", SMALL, RED),
        ).arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        if summary.width > 5.4:
            summary.scale_to_fit_width(5.4)
        card = panel(summary).move_to([TEXT_X, -1.6, 0])
        with self.beat(
            "Partial derivatives are the slopes of slices; together they make the "
            "gradient, which points up the steepest slope. Every training step goes "
            "against it.",
            chapter="Recap",
        ):
            self.play(FadeOut(self.p_line, self.grad_line), run_time=0.5)
            self.play(FadeIn(card, shift=0.1 * UP), run_time=1.0)
        self.play(FadeOut(*self.mobjects), run_time=0.6)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on partial derivatives and the gradient, numbers drawn from ``seed``.

    A quadratic ``f(x, y) = a x^2 + b x y + c y^2`` with small whole coefficients
    and a point on the half-grid. Three exercises: ``df/dx``; the gradient; the
    largest rate of change (the gradient's length) and one descent step.
    """
    rng = np.random.default_rng(seed)
    a, b, c = (int(v) for v in rng.integers(1, 4, size=3))
    x0, y0 = (float(v) for v in rng.choice(np.arange(-4, 5) / 2, size=2))
    gx, gy = 2 * a * x0 + b * y0, b * x0 + 2 * c * y0
    g = np.array([gx, gy])
    rate = float(rng.choice([0.1, 0.25, 0.5]))
    step = np.array([x0, y0]) - rate * g
    f_text = f"$f(x, y) = {a}x^2 + {b}xy + {c}y^2$"
    where = f"at $({fmt(x0)}, {fmt(y0)})$"
    return [
        Exercise(
            id="partial-derivatives-and-gradients-1",
            prompt=f"For {f_text}, what is $\\partial f / \\partial x$ {where}?",
            kind="number",
            answer=gx,
            tolerance=0.005,
            hint="Treat y as a constant and differentiate in x.",
            solution=(
                f"$\\partial f/\\partial x = {2 * a}x + {b}y = {2 * a} \\cdot {factor(fmt(x0))}"
                f" + {b} \\cdot {factor(fmt(y0))} = {fmt(gx)}$."
            ),
        ),
        Exercise(
            id="partial-derivatives-and-gradients-2",
            prompt=(
                f"For {f_text}, what is the gradient {where}, and so the largest rate "
                "of change of f there? Answer the gradient $(f_x, f_y)$."
            ),
            kind="vector",
            answer=g,
            tolerance=0.005,
            hint="Both partial derivatives, each with the other variable held fixed.",
            solution=(
                f"$f_x = {2 * a}x + {b}y = {fmt(gx)}$ and $f_y = {b}x + {2 * c}y = "
                f"{fmt(gy)}$, so $\\nabla f = {fmt_vec(g)}$, and the steepest rate is "
                f"$|\\nabla f| = {fmt(float(np.linalg.norm(g)), 3)}$."
            ),
        ),
        Exercise(
            id="partial-derivatives-and-gradients-3",
            prompt=(
                f"Read {f_text} as a loss of two weights $(x, y)$, now {where}. Where "
                f"does one gradient-descent step with $\\eta = {fmt(rate)}$ take them?"
            ),
            kind="vector",
            answer=step,
            tolerance=0.005,
            hint="w − η ∇f: subtract η times the gradient.",
            solution=(
                f"$\\nabla f = {fmt_vec(g)}$, so $w = ({fmt(x0)}, {fmt(y0)}) - {fmt(rate)}"
                f" \\cdot {fmt_vec(g)} = {fmt_vec(step, 3)}$."
            ),
        ),
    ]
