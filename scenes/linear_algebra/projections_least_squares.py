"""Projections and least squares: drop the perpendicular, and fit a line with it.

The closest point of a line to a vector ``b`` is where the gap from ``b`` meets
the line at a right angle. The lesson slides a point ``t a`` along the line
until the gap is shortest, sees the right angle, and derives the projection
from it with its own numbers: ``a . (b - t a) = 0`` gives ``t = a.b / a.a``.
With several columns the same right angle, against every column of ``A`` at
once, gives the normal equations ``A^T A x = A^T b`` (drawn as a 2-D schematic
of a plane, not a 3-D scene). The machine-learning chapter fits a line to four
points by projecting their heights ``y`` onto the span of the columns ``1`` and
``x``: the same intercept and slope that setting the loss's derivatives to zero
gives (the calculus lesson's way), with the fitted line and its residuals drawn.

Every number on screen comes from the pure functions below (numpy only), which
the tests check on their own, against ``numpy.linalg.lstsq`` and
``numpy.polyfit``.

General claims (text and narration), and why each holds:

- "The gap from b to t a is shortest where it meets the line at a right
  angle": ``|b - t a|^2`` is a quadratic in ``t`` with positive leading
  coefficient ``a.a``; its derivative ``-2 a.(b - t a)`` is zero exactly when
  the gap is perpendicular to ``a`` (Hypothesis test: :func:`gap` at
  :func:`line_coefficient` is at most the gap at any other ``t``, and the
  residual's dot product with ``a`` is 0).
- "t = a.b / a.a, so p = (a.b / a.a) a": solving ``a.b - t a.a = 0``;
  :func:`project_onto_line` tested against ``numpy.linalg.lstsq`` with the
  one-column matrix ``a``.
- "The closest point of the column space is A x-hat, with the residual
  perpendicular to every column": the projection theorem; :func:`least_squares`
  tested against ``lstsq`` and ``A^T (b - A x-hat) = 0`` (Hypothesis, random
  full-rank ``A``).
- "Stacked, the right angles are A^T (b - A x-hat) = 0, the normal equations
  A^T A x-hat = A^T b": the rows of ``A^T e`` are the columns' dot products
  with ``e`` (definition of the product); :func:`normal_equations` tested.
- "A^T A has an inverse when the columns are independent": the parameters
  refuse x values that are all equal (then the columns ``1`` and ``x`` are
  parallel); for distinct x, ``A^T A`` is positive definite.
- "Every line c + m x gives the vector A (c, m)": ``A`` has rows ``(1, x_i)``
  (:func:`design_matrix`, definition).
- "The best line is the projection of y onto that column space": least squares
  minimises ``|y - A x|``; :func:`fit_line` tested against ``numpy.polyfit``.
- "The residuals add to zero, and weighted by x they add to zero too": the two
  rows of ``A^T r = 0`` (Hypothesis test on random data).
- "Those are the calculus lesson's conditions, the loss's slopes in the
  intercept and the slope being zero, so both find the same line": the mean
  squared error's derivatives are ``-2/n sum r_i`` and ``-2/n sum x_i r_i``;
  tested by central differences of an MSE written in the test (not imported
  from the calculus lesson).
- "With more features A gets more columns and the same equations fit the
  weights": :func:`least_squares` works for any full-rank ``A`` (tested with
  random shapes against ``lstsq``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Vector
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import TICK_NUMBERS, plot_axes
from scenes.kit.numbers import fmt, fmt_vec, say_sig, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.readout import readout
from scenes.kit.ticks import nice_window, tick_places, tick_values
from scenes.kit.view import Box, entries_within, fit_view, legible_entries
from scenes.style import *

__all__ = [
    "POINTS",
    "ProjectionsAndLeastSquares",
    "clip_span",
    "design_matrix",
    "fit_line",
    "gap",
    "least_squares",
    "line_coefficient",
    "normal_equations",
    "practice",
    "project_onto_line",
    "residuals",
    "segment_meets_box",
]

#: How many data points the regression chapter fits (A is POINTS x 2 on screen).
POINTS = 4
#: A gap or projection shorter than this counts as zero (nothing to draw).
TINY = 1e-9

#: A vector: a sequence of floats or a numpy array.
VectorLike = Sequence[float] | np.ndarray


# -- the math ---------------------------------------------------------------------


def line_coefficient(a: VectorLike, b: VectorLike) -> float:
    """``t = a.b / a.a``: how many ``a``'s long the projection of ``b`` is.

    Parameters
    ----------
    a : array of shape (n,)
        The line's direction (not zero).
    b : array of shape (n,)
        The vector projected.

    Raises
    ------
    ValueError
        If ``a`` is the zero vector (it spans no line).
    """
    av, bv = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    aa = float(av @ av)
    if aa == 0:
        raise ValueError("the zero vector spans no line to project onto")
    return float(av @ bv) / aa


def project_onto_line(a: VectorLike, b: VectorLike) -> np.ndarray:
    """The projection ``p = (a.b / a.a) a`` of ``b`` onto the line along ``a``, shape (n,)."""
    return line_coefficient(a, b) * np.asarray(a, dtype=float)


def gap(a: VectorLike, b: VectorLike, t: float) -> float:
    """``|b - t a|``: the length of the gap from the point ``t a`` to ``b``."""
    d = np.asarray(b, dtype=float) - t * np.asarray(a, dtype=float)
    return float(np.sqrt(d @ d))


def design_matrix(x: VectorLike) -> np.ndarray:
    """``A`` with rows ``(1, x_i)``, shape (n, 2): a line ``c + m x`` is ``A (c, m)``."""
    xv = np.asarray(x, dtype=float)
    return np.column_stack([np.ones_like(xv), xv])


def normal_equations(A: np.ndarray, b: VectorLike) -> tuple[np.ndarray, np.ndarray]:
    """``(A^T A, A^T b)``: the matrix, shape (k, k), and right side, shape (k,)."""
    M = np.asarray(A, dtype=float)
    return M.T @ M, M.T @ np.asarray(b, dtype=float)


def least_squares(A: np.ndarray, b: VectorLike) -> np.ndarray:
    """``x-hat`` solving ``A^T A x = A^T b``, shape (k,): ``A x-hat`` is b's projection.

    Raises
    ------
    numpy.linalg.LinAlgError
        If the columns of ``A`` are dependent (``A^T A`` is singular).
    """
    lhs, rhs = normal_equations(A, b)
    return np.linalg.solve(lhs, rhs)


def fit_line(x: VectorLike, y: VectorLike) -> tuple[float, float]:
    """Intercept ``c`` and slope ``m`` of the least-squares line ``y = c + m x``."""
    c, m = least_squares(design_matrix(x), y)
    return float(c), float(m)


def residuals(x: VectorLike, y: VectorLike, c: float, m: float) -> np.ndarray:
    """``r = y - (c + m x)``, shape (n,): each point's height above the line."""
    xv, yv = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return yv - (c + m * xv)


def clip_span(
    direction: VectorLike, lo: VectorLike, hi: VectorLike
) -> tuple[float, float]:
    """The ``t`` range where ``t * direction`` stays in the box ``lo <= point <= hi``.

    Parameters
    ----------
    direction : array of shape (2,)
        Not zero.
    lo, hi : arrays of shape (2,)
        Opposite corners of a box holding the origin.

    Returns
    -------
    (float, float)
        ``t_lo <= 0 <= t_hi``: the line through the origin, cut at the box.
    """
    d = np.asarray(direction, dtype=float)
    t_lo, t_hi = -np.inf, np.inf
    for di, low, high in zip(d, lo, hi, strict=True):
        if abs(di) > TINY:
            a, b = sorted((low / di, high / di))
            t_lo, t_hi = max(t_lo, a), min(t_hi, b)
    return float(t_lo), float(t_hi)


def segment_meets_box(p0: VectorLike, p1: VectorLike, box: Box) -> bool:
    """Whether the segment from ``p0`` to ``p1`` (2-D, or 3-D with z ignored) meets ``box``.

    Liang-Barsky clipping: the segment ``p0 + s (p1 - p0)``, ``0 <= s <= 1``,
    keeps a non-empty piece inside the closed box.
    """
    x0, y0 = float(p0[0]), float(p0[1])
    dx, dy = float(p1[0]) - x0, float(p1[1]) - y0
    s_lo, s_hi = 0.0, 1.0
    for q, r in (
        (-dx, x0 - box.left),
        (dx, box.right - x0),
        (-dy, y0 - box.bottom),
        (dy, box.top - y0),
    ):
        if q == 0:
            if r < 0:
                return False
            continue
        s = r / q
        if q < 0:
            s_lo = max(s_lo, s)
        else:
            s_hi = min(s_hi, s)
        if s_lo > s_hi:
            return False
    return True


def _say_vec(v: VectorLike) -> str:
    return " comma ".join(say_sig(x) for x in v)


def _line_tex(c: float, m: float) -> str:
    sign = "-" if m < 0 else "+"
    return rf"{fmt(c)} {sign} {fmt(abs(m))}\,x"


def _line_say(c: float, m: float) -> str:
    sign = "minus" if m < 0 else "plus"
    return f"{say_sig(c)} {sign} {say_sig(abs(m))} x"


# -- parameter checks ----------------------------------------------------------------

#: Largest size of a data value (the matrices beside the plot stay legible).
MAX_DATA = 99.0

# -- layout (scene units) -------------------------------------------------------------
TOP = 3.7
BOTTOM = CONTENT_BOTTOM + 0.15
PLANE_BOX = Box(-6.9, 0.0, BOTTOM, TOP)
COLUMN = 0.6  # left edge of the formula column
PLOT = Box(-6.0, -0.9, -1.35, 3.2)  # the data plot's axes (tick numbers hang outside)
SIZE = 38


def _view(a: np.ndarray, b: np.ndarray) -> PlaneView:
    """The plane view of the line chapter: a, b and the projection fit its box."""
    p = project_onto_line(a, b)
    unit, origin = fit_view(np.vstack([a, b, p]), PLANE_BOX, margin=0.55, max_unit=1.5)
    return PlaneView(unit, origin)


class ProjectionsAndLeastSquares(CourseLesson):
    """Projection onto a line and a column space; regression as a projection."""

    params = {
        "a": Vector(
            [4, 2],
            help="the direction of the line b is projected onto",
            require=[legible_entries("components")],
        ),
        "b": Vector(
            [1, 3],
            help="the vector projected onto the line",
            require=[legible_entries("components")],
        ),
        "x": Vector(
            [0, 1, 2, 3],
            dim=POINTS,
            help="the x values of the four data points (regression chapter)",
            require=[entries_within(MAX_DATA, "values", "do not fit the matrices")],
        ),
        "y": Vector(
            [1, 3, 2, 4],
            dim=POINTS,
            help="the y values of the four data points (regression chapter)",
            require=[entries_within(MAX_DATA, "values", "do not fit the matrices")],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse pictures with nothing to show: no line, no gap, no single fit."""
        a, b = np.asarray(args.a), np.asarray(args.b)
        if not np.any(a):
            raise ParamError(
                "a", fmt_vec(a), "a vector that is not zero", why="it spans no line"
            )
        view = _view(a, b)
        p = project_onto_line(a, b)
        least = 0.4 / view.unit  # the shortest arrow that can be seen and labelled
        for name, v, why in (
            ("a", a, "at the scale that fits b it is too short to see"),
            ("b", b, "at the scale that fits a it is too short to see"),
            ("b", p, "it is (almost) perpendicular to a, so its projection is too "
             "short to see"),
            ("b", b - p, "it lies (almost) on the line through a, so there is no "
             "gap to drop"),
        ):  # fmt: skip
            if float(np.linalg.norm(v)) < least:
                raise ParamError(
                    name,
                    fmt_vec(args[name]),
                    "a vector whose arrow, projection and gap are all visible",
                    why=why,
                )
        x, y = np.asarray(args.x), np.asarray(args.y)
        if float(np.ptp(x)) < 0.1:
            raise ParamError(
                "x",
                fmt_vec(x),
                "x values that are not all equal",
                why="the columns 1 and x are then parallel, so A^T A has no "
                "inverse and no single line fits",
            )
        c, m = fit_line(x, y)
        if float(np.max(np.abs(residuals(x, y, c, m)))) < 0.01:
            raise ParamError(
                "y",
                fmt_vec(y),
                "points that are not all on one line",
                why="every residual is zero, so there is no perpendicular to show",
            )

    def construct(self) -> None:
        a, b = (np.asarray(self.args[k], dtype=float) for k in ("a", "b"))
        self.title_card(
            "Projections and least squares",
            "Which point of a line, or a plane, is closest to b?",
        )
        self.show_line(a, b)
        self.slide_along(a, b)
        self.right_angle(a, b)
        self.solve_t(a, b)
        self.clear_all()
        self.show_column_space()
        self.every_column()
        self.normal_eq()
        self.clear_all()
        x, y = (np.asarray(self.args[k], dtype=float) for k in ("x", "y"))
        self.show_data(x, y)
        self.stack_columns(x, y)
        self.solve_fit(x, y)
        self.perpendicular_residuals(x, y)
        self.more_features()
        self.recap_over(
            self.plot_picture,
            "Project b onto the columns: the residual is perpendicular to each, "
            "so AᵀA x̂ = Aᵀb.",
            say="Project b onto the columns: the residual is perpendicular to each, "
            "so A transpose A x hat equals A transpose b.",
        )

    # -- helpers ----------------------------------------------------------------------
    def column(self, *rows: Mobject, top: float = TOP - 0.2) -> VGroup:
        group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        group.move_to([COLUMN, top, 0], aligned_edge=LEFT + UP)
        return group

    def clear_all(self) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.6)
        self.clear()

    def beside(self, mob: Mobject, at: np.ndarray, away: np.ndarray) -> Mobject:
        """Place ``mob`` just beyond scene point ``at`` in direction ``away``."""
        d = np.array([away[0], away[1], 0.0])
        d /= max(float(np.linalg.norm(d)), TINY)
        return mob.next_to(at, d, buff=0.12)

    def place_clear(
        self, mob: Mobject, at: np.ndarray, away: np.ndarray, segments: list
    ) -> Mobject:
        """Place ``mob`` beside scene point ``at``, off every segment if it can.

        Tries sixteen directions starting from ``away`` (then turning either
        way), near then farther; keeps the first spot whose box (padded 0.05) meets no
        segment ``(start, end)``, else the first try.
        """
        base = float(np.arctan2(away[1], away[0]))
        turns = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8)
        for buff in (0.12, 0.35, 0.6):
            for k in turns:
                angle = base + k * np.pi / 8
                d = np.array([np.cos(angle), np.sin(angle), 0.0])
                mob.next_to(at, d, buff=buff)
                (left, bottom), (right, top) = (
                    mob.get_corner(DL)[:2],
                    mob.get_corner(UR)[:2],
                )
                box = Box(left - 0.05, right + 0.05, bottom - 0.05, top + 0.05)
                if not any(segment_meets_box(p, q, box) for p, q in segments):
                    return mob
        return self.beside(mob, at, away)

    # -- chapter: onto a line ---------------------------------------------------------
    def show_line(self, a: np.ndarray, b: np.ndarray) -> None:
        self.view = view = _view(a, b)
        lo = view.coords(np.array([[PLANE_BOX.left, PLANE_BOX.bottom, 0]]))[0]
        hi = view.coords(np.array([[PLANE_BOX.right, PLANE_BOX.top, 0]]))[0]
        axes = VGroup(
            Line(view.point((lo[0], 0)), view.point((hi[0], 0)), color=MUTED),
            Line(view.point((0, lo[1])), view.point((0, hi[1])), color=MUTED),
        ).set_stroke(width=2)
        t_lo, t_hi = clip_span(a, lo, hi)
        self.line = Line(view.point(t_lo * a), view.point(t_hi * a), color=BLUE)
        self.line.set_stroke(width=3, opacity=0.6)
        self.a_arrow = view.arrow(a, BLUE, width=6)
        self.b_arrow = view.arrow(b, ACCENT, width=6)
        normal = np.array([-a[1], a[0]])
        # the side of the line away from b: labels there never meet b or the gap
        self.away = normal if float(normal @ b) < 0 else -normal
        self.a_label = self.beside(
            tex("a", color=BLUE), view.point(0.75 * a), self.away
        )
        self.b_label = self.beside(tex("b", color=ACCENT), view.point(b), b)
        self.rows = [
            tex("a", "=", fmt_vec(a), size=SIZE, color=BLUE),
            tex("b", "=", fmt_vec(b), size=SIZE, color=ACCENT),
        ]
        self.column(*self.rows)
        self.axes_lines = axes
        with self.beat(
            f"Here is the line along a = {fmt_vec(a)}, and a vector b = {fmt_vec(b)} "
            "off the line. Which point of the line is closest to b?",
            say=f"Here is the line along a, {_say_vec(a)}, and a vector b, "
            f"{_say_vec(b)}, off the line. Which point of the line is closest to b?",
            chapter="Onto a line",
        ):
            self.play(Create(axes), Create(self.line), run_time=0.8)
            self.play(GrowArrow(self.a_arrow), FadeIn(self.a_label, self.rows[0]))
            self.play(GrowArrow(self.b_arrow), FadeIn(self.b_label, self.rows[1]))

    def gap_picture(self, a: np.ndarray, b: np.ndarray, t: float) -> VGroup:
        foot = self.view.point(t * a)
        return VGroup(
            DashedLine(foot, self.view.point(b), color=RED, stroke_width=4),
            Dot(foot, radius=0.08, color=GREEN),
        )

    def slide_along(self, a: np.ndarray, b: np.ndarray) -> None:
        t_star = line_coefficient(a, b)
        t = ValueTracker(t_star + 0.6)
        moving = always_redraw(lambda: self.gap_picture(a, b, t.get_value()))
        t_row = readout("t =", 2, GREEN, SIZE)
        g_row = readout(r"|b - t\,a| =", 2, RED, SIZE)
        self.column(*self.rows, t_row, g_row)
        t_row[1].add_updater(lambda m: m.set_value(t.get_value()))
        g_row[1].add_updater(lambda m: m.set_value(gap(a, b, t.get_value())))
        start = gap(a, b, t_star + 0.6)
        best = gap(a, b, t_star)
        with self.beat(
            "Slide a point t a along the line and watch the gap to b. It is shortest, "
            f"{fmt(best)}, where it meets the line at a right angle.",
            say="Slide a point, t times a, along the line and watch the gap to b. It "
            f"is shortest, about {say_sig(best)}, where it meets the line at a right "
            "angle.",
        ):
            self.add(moving)
            self.play(FadeIn(t_row, g_row), run_time=0.4)
            self.play(t.animate.set_value(t_star - 0.6), run_time=2.5)
            self.play(t.animate.set_value(t_star), run_time=1.5)
        for row in (t_row, g_row):
            row[1].clear_updaters()
        t_row[1].set_value(t_star)
        g_row[1].set_value(best)
        moving.clear_updaters()
        self.remove(moving)
        self.gap_now = self.gap_picture(a, b, t_star)
        self.add(self.gap_now)
        self.live_rows = VGroup(t_row, g_row)
        assert start > best  # the slide starts away from the shortest gap

    def right_angle(self, a: np.ndarray, b: np.ndarray) -> None:
        p = project_onto_line(a, b)
        e = b - p
        foot = self.view.point(p)
        along = Line(foot, self.view.point(p + a / np.linalg.norm(a)))
        up = Line(foot, self.view.point(b))
        self.corner = RightAngle(along, up, length=0.28, color=INK, stroke_width=3)
        self.e_label = self.beside(
            tex("e", color=RED), self.view.point(p + 0.55 * e), a
        )
        rows = [
            tex(r"p = t\,a", r",\quad ", r"e = b - t\,a", size=SIZE),
            tex(r"a \cdot e = 0", size=SIZE),
            tex(r"a \cdot b - t\,(a \cdot a) = 0", size=SIZE),
        ]
        rows[0][0].set_color(GREEN)
        rows[0][2].set_color(RED)
        self.derive = rows
        self.column(*self.rows, *rows)
        with self.beat(
            "Call the closest point p = t a, and the gap e. At the right angle, "
            "a · e = 0: a · b minus t times a · a is zero.",
            say="Call the closest point p, t a, and the gap e. At the right angle, "
            "a dot e is zero: a dot b minus t times a dot a is zero.",
        ):
            self.play(FadeOut(self.live_rows), run_time=0.4)
            self.play(Create(self.corner), FadeIn(self.e_label), run_time=0.6)
            for row in rows:
                self.play(FadeIn(row, shift=0.1 * DOWN), run_time=0.6)

    def solve_t(self, a: np.ndarray, b: np.ndarray) -> None:
        t_star = line_coefficient(a, b)
        p = project_onto_line(a, b)
        e = b - p
        ab, aa = float(a @ b), float(a @ a)
        t_row = tex(
            r"t = {a \cdot b \over a \cdot a}",
            "=",
            rf"{{{fmt(ab)} \over {fmt(aa)}}}",
            "=",
            fmt(t_star),
            size=SIZE,
        )
        p_row = tex(rf"p = {fmt(t_star)}\,a = {fmt_vec(p)}", size=SIZE, color=GREEN)
        e_row = tex(rf"e = b - p = {fmt_vec(e)}", size=SIZE, color=RED)
        self.column(*self.rows, t_row, p_row, e_row)
        p_arrow = self.view.arrow(p, GREEN, width=7)
        foot = self.view.point(p)
        segments = [(line.get_start(), line.get_end()) for line in self.axes_lines]
        segments += [
            (self.line.get_start(), self.line.get_end()),
            (self.view.origin, self.view.point(b)),
            (self.view.point(p), self.view.point(b)),
        ]
        box = [self.corner.get_corner(d) for d in (DL, DR, UR, UL)]
        segments += [(box[k], box[(k + 1) % 4]) for k in range(4)]  # the corner mark
        p_label = self.place_clear(tex("p", color=GREEN), foot, self.away, segments)
        with self.beat(
            f"So t = a · b over a · a, {fmt(ab)} over {fmt(aa)}: {fmt(t_star)}. "
            f"The projection is p = {fmt_vec(p)}; the gap {fmt_vec(e)} is "
            "perpendicular to a.",
            say=f"So t is a dot b over a dot a, {say_sig(ab)} over {say_sig(aa)}: "
            f"{say_sig(t_star)}. The projection is p, {_say_vec(p)}; the gap, "
            f"{_say_vec(e)}, is perpendicular to a.",
        ):
            self.play(FadeOut(*self.derive), run_time=0.4)
            self.play(FadeIn(t_row, shift=0.1 * DOWN), run_time=0.7)
            self.play(GrowArrow(p_arrow), FadeIn(p_label), FadeIn(p_row), run_time=0.8)
            self.play(FadeIn(e_row), run_time=0.5)

    # -- chapter: onto a column space (a 2-D schematic) ------------------------------
    def show_column_space(self) -> None:
        corners = [(-6.6, -2.3), (-1.4, -2.3), (0.0, 0.2), (-5.2, 0.2)]
        sheet = Polygon(
            *(np.array([x, y, 0.0]) for x, y in corners),
            color=BLUE,
            stroke_width=2,
            fill_color=BLUE,
            fill_opacity=0.15,
        )
        origin = np.array([-4.6, -1.6, 0.0])
        tip_b = np.array([-1.6, 3.0, 0.0])
        foot = np.array([-1.6, -0.75, 0.0])
        col1 = Arrow(origin, np.array([-2.4, -1.9, 0]), buff=0, color=BLUE)
        col2 = Arrow(origin, np.array([-4.9, -0.2, 0]), buff=0, color=BLUE)
        b_arrow = Arrow(origin, tip_b, buff=0, color=ACCENT, stroke_width=6)
        p_arrow = Arrow(origin, foot, buff=0, color=GREEN, stroke_width=6)
        e_line = DashedLine(tip_b, foot, color=RED, stroke_width=4)
        back = 0.4 * (origin - foot) / np.linalg.norm(origin - foot)
        mark = VMobject(color=INK, stroke_width=3).set_points_as_corners(
            [foot + 0.4 * UP, foot + 0.4 * UP + back, foot + back]
        )
        names = VGroup(
            tex("a_1", size=SIZE, color=BLUE).next_to(col1.get_end(), RIGHT, buff=0.1),
            tex("a_2", size=SIZE, color=BLUE).next_to(col2.get_end(), LEFT, buff=0.1),
            tex("b", size=SIZE, color=ACCENT).next_to(tip_b, RIGHT, buff=0.15),
            tex(r"A\hat x", size=SIZE, color=GREEN).next_to(foot, DR, buff=0.08),
            tex(r"e = b - A\hat x", size=SIZE, color=RED).next_to(
                (tip_b + foot) / 2, RIGHT, buff=0.15
            ),
        )
        caption = text("column space of A: every A x", SMALL, BLUE).next_to(
            sheet, DOWN, buff=0.15
        )
        self.schematic = VGroup(sheet, col1, col2, b_arrow, p_arrow, e_line, mark)
        self.schematic_names = VGroup(names, caption)
        with self.beat(
            "With more columns, the candidates are all combinations A x: the column "
            "space, a plane here. The closest point, A x̂, is again straight below b.",
            say="With more columns, the candidates are all combinations A x: the "
            "column space, a plane here. The closest point, A x hat, is again "
            "straight below b.",
            chapter="Onto a column space",
        ):
            self.play(FadeIn(sheet), FadeIn(caption), run_time=0.8)
            self.play(GrowArrow(col1), GrowArrow(col2), FadeIn(names[:2]), run_time=0.8)
            self.play(GrowArrow(b_arrow), FadeIn(names[2]), run_time=0.6)
            self.play(Create(e_line), run_time=0.6)
            self.play(GrowArrow(p_arrow), Create(mark), FadeIn(names[3:]), run_time=0.8)

    def every_column(self) -> None:
        rows = [
            tex(r"a_1 \cdot e = 0", size=SIZE, color=BLUE),
            tex(r"a_2 \cdot e = 0", size=SIZE, color=BLUE),
            tex(r"A^\top e = 0", size=SIZE),
        ]
        self.ne_rows = rows
        block = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        block.move_to([COLUMN + 1.0, TOP - 0.4, 0], aligned_edge=LEFT + UP)
        with self.beat(
            "Now e must be perpendicular to every column: a₁ · e = 0 and a₂ · e = 0, "
            "the two rows of Aᵀ e = 0.",
            say="Now e must be perpendicular to every column: a 1 dot e is zero and "
            "a 2 dot e is zero, the two rows of A transpose e equals zero.",
        ):
            self.play(FadeIn(rows[0]), run_time=0.6)
            self.play(FadeIn(rows[1]), run_time=0.6)
            self.play(FadeIn(rows[2], shift=0.1 * DOWN), run_time=0.6)

    def normal_eq(self) -> None:
        sub = tex(r"A^\top (b - A\hat x) = 0", size=SIZE)
        final = tex(r"A^\top A\,\hat x = A^\top b", size=SIZE + 6, color=ACCENT)
        sub.next_to(self.ne_rows[2], DOWN, buff=0.35, aligned_edge=LEFT)
        final.next_to(sub, DOWN, buff=0.45, aligned_edge=LEFT)
        box = SurroundingRectangle(final, color=ACCENT, buff=0.15, stroke_width=2)
        with self.beat(
            "Put in e = b − A x̂ and move A x̂ across: Aᵀ A x̂ = Aᵀ b. These are the "
            "normal equations.",
            say="Put in e equals b minus A x hat, and move A x hat across: A "
            "transpose A x hat equals A transpose b. These are the normal equations.",
        ):
            self.play(FadeIn(sub, shift=0.1 * DOWN), run_time=0.6)
            self.play(FadeIn(final, shift=0.1 * DOWN), Create(box), run_time=0.8)

    # -- chapter: linear regression (the machine-learning beat) ----------------------
    def show_data(self, x: np.ndarray, y: np.ndarray) -> None:
        c, m = fit_line(x, y)
        x_lo, x_hi, x_step = nice_window(min(0.0, x.min()), max(0.0, x.max()) + 0.5, 6)
        ends = c + m * np.array([x_lo, x_hi])
        y_lo, y_hi, y_step = nice_window(
            min(0.0, y.min(), ends.min()), max(0.0, y.max(), ends.max()), 6
        )
        self.axes = axes = plot_axes(
            [x_lo, x_hi, x_step],
            [y_lo, y_hi, y_step],
            width=PLOT.right - PLOT.left,
            height=PLOT.top - PLOT.bottom,
            centre=[(PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2],
            numbers=tick_values(x_lo, x_hi, x_step),
            places=tick_places(x_step),
            excluding=None if x_lo < 0 < x_hi else (),
        )
        axes.y_axis.add_numbers(
            x_values=[
                v for v in tick_values(y_lo, y_hi, y_step) if v != 0 or y_lo == 0
            ],
            num_decimal_places=tick_places(y_step),
            font_size=TICK_NUMBERS,
        )
        names = VGroup(
            tex("x", size=SIZE, color=MUTED).next_to(axes.x_axis.get_right(), UR, 0.1),
            tex("y", size=SIZE, color=MUTED).next_to(
                axes.y_axis.get_top(), RIGHT, 0.15
            ),
        )
        self.dots = VGroup(
            *(
                Dot(axes.c2p(xi, yi), radius=0.08, color=ACCENT)
                for xi, yi in zip(x, y, strict=True)
            )
        )
        # top-level mobjects only (the recap keeps them): each is added whole
        self.plot_picture: list[Mobject] = [axes, names, self.dots]
        pairs = ", ".join(fmt_vec(q) for q in zip(x, y, strict=True))
        with self.beat(
            f"Linear regression is this projection. Four points, {pairs}: which line "
            "c + m x comes closest?",
            say="Linear regression is this projection. Here are four points: which "
            "line, c plus m x, comes closest?",
            chapter="In machine learning",
        ):
            self.play(Create(axes), FadeIn(names), run_time=1.0)
            self.play(FadeIn(self.dots, lag_ratio=0.2), run_time=0.8)

    def stack_columns(self, x: np.ndarray, y: np.ndarray) -> None:
        A = design_matrix(x)
        left = tex(r"A = ", tex_matrix(A), size=SIZE)
        right = tex(r"y = ", tex_matrix(y), size=SIZE, color=ACCENT)
        row = VGroup(left, right).arrange(RIGHT, buff=0.6)
        line = tex(
            r"c + m\,x", "=", r"A \begin{bmatrix} c \\ m \end{bmatrix}", size=SIZE
        )
        self.data_rows = [row, line]
        self.column(*self.data_rows)
        with self.beat(
            "Stack the heights into a vector y. A line's heights are A times (c, m): "
            "c times a column of ones plus m times the x column. The best line is y's "
            "projection onto their span.",
            say="Stack the heights into a vector, y. A line's heights are A times c, "
            "m: c times a column of ones, plus m times the x column. The best line is "
            "y's projection onto their span.",
        ):
            self.play(FadeIn(right), run_time=0.6)
            self.play(FadeIn(left), run_time=0.6)
            self.play(FadeIn(line, shift=0.1 * DOWN), run_time=0.6)

    def fitted(self, c: float, m: float, x: np.ndarray, y: np.ndarray) -> VGroup:
        x_lo, x_hi = self.axes.x_range[:2]
        fit = Line(
            self.axes.c2p(x_lo, c + m * x_lo),
            self.axes.c2p(x_hi, c + m * x_hi),
            color=GREEN,
            stroke_width=5,
        )
        gaps = VGroup(
            *(
                Line(
                    self.axes.c2p(xi, yi), self.axes.c2p(xi, c + m * xi), color=RED
                ).set_stroke(width=4)
                for xi, yi in zip(x, y, strict=True)
                if abs(yi - (c + m * xi)) > TINY
            )
        )
        return VGroup(fit, gaps)

    def solve_fit(self, x: np.ndarray, y: np.ndarray) -> None:
        A = design_matrix(x)
        lhs, rhs = normal_equations(A, y)
        c, m = fit_line(x, y)
        eq = tex(
            tex_matrix(lhs),
            r"\begin{bmatrix} c \\ m \end{bmatrix}",
            "=",
            tex_matrix(rhs),
            size=SIZE,
        )
        name = tex(r"A^\top A\,\hat x = A^\top y:", size=SIZE, color=MUTED)
        answer = tex(rf"c = {fmt(c)},\quad m = {fmt(m)}", size=SIZE + 4, color=GREEN)
        line = tex(rf"\hat y = {_line_tex(c, m)}", size=SIZE, color=GREEN)
        self.fit_rows = [name, eq, answer, line]
        block = self.column(self.data_rows[0], *self.fit_rows)
        del block
        self.fit_picture = self.fitted(c, m, x, y)
        with self.beat(
            f"Solve the normal equations: the intercept c is {fmt(c)} and the slope m "
            f"is {fmt(m)}. The red gaps are the residuals.",
            say=f"Solve the normal equations: the intercept c is {say_sig(c)}, and the "
            f"slope m is {say_sig(m)}. The red gaps are the residuals.",
            key=True,
        ):
            self.play(FadeOut(self.data_rows[1]), run_time=0.3)
            self.play(FadeIn(name, eq, shift=0.1 * DOWN), run_time=0.7)
            self.play(FadeIn(answer, line), run_time=0.6)
            self.play(Create(self.fit_picture[0]), run_time=0.8)
            self.play(Create(self.fit_picture[1]), run_time=0.6)
            self.wait(1.5)
        self.plot_picture += list(self.fit_picture)

    def perpendicular_residuals(self, x: np.ndarray, y: np.ndarray) -> None:
        c, m = fit_line(x, y)
        r = residuals(x, y, c, m)
        ones, weighted = float(np.sum(r)), float(x @ r)
        rows = [
            tex(rf"r = y - A\hat x = {fmt_vec(r)}", size=SIZE, color=RED),
            tex(
                rf"\mathbf{{1}} \cdot r = {fmt(ones)}",
                r"\;\Leftrightarrow\; \partial L / \partial c = 0",
                size=SIZE,
            ),
            tex(
                rf"x \cdot r = {fmt(weighted)}",
                r"\;\Leftrightarrow\; \partial L / \partial m = 0",
                size=SIZE,
            ),
        ]
        for row in rows[1:]:
            row[1].set_color(MUTED)
        self.r_rows = rows
        target = self.fit_rows[3].copy()
        self.column(target, *rows)
        with self.beat(
            "The residuals are perpendicular to both columns: they add to zero, and "
            "weighted by x they add to zero too. Those are the calculus lesson's "
            "conditions, the squared error's slopes in c and m being zero: the same "
            "line.",
        ):
            self.play(
                FadeOut(self.data_rows[0], *self.fit_rows[:3]),
                self.fit_rows[3].animate.move_to(target),
                run_time=0.5,
            )
            self.play(FadeIn(rows[0]), run_time=0.6)
            self.play(
                self.fit_picture[1].animate.set_stroke(width=8),
                run_time=0.8,
                rate_func=there_and_back,
            )
            self.play(FadeIn(rows[1]), run_time=0.6)
            self.play(FadeIn(rows[2]), run_time=0.6)

    def more_features(self) -> None:
        wide = tex(r"A = \big[\,\mathbf{1}\ \ x_1\ \ x_2\ \cdots\,\big]", size=SIZE)
        weights = tex(r"A^\top A\,\hat w = A^\top y", size=SIZE, color=ACCENT)
        note = VGroup(wide, weights).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        note.next_to(self.r_rows[2], DOWN, buff=0.5, aligned_edge=LEFT)
        self.more = note
        with self.beat(
            "With more features, A gets more columns; the same equations fit the "
            "weights.",
        ):
            self.play(FadeIn(wide, shift=0.1 * UP), run_time=0.6)
            self.play(FadeIn(weights, shift=0.1 * UP), run_time=0.6)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on projections and least squares, numbers from ``seed``.

    Four exercises: the projection of ``b`` onto the line along ``a``
    (:func:`project_onto_line`); the length of the gap from ``b`` to the line
    (:func:`gap`); ``A^T A`` for the line-fitting matrix of three x values
    (:func:`normal_equations`); and the least-squares intercept and slope of
    three points (:func:`fit_line`).
    """
    rng = np.random.default_rng(seed)
    vec = kit_numbers.fmt_vec
    f = kit_numbers.fmt
    while True:
        a = rng.integers(-4, 5, size=2).astype(float)
        b = rng.integers(-4, 5, size=2).astype(float)
        if np.any(a) and abs(a[0] * b[1] - a[1] * b[0]) > 0 and a @ b != 0:
            break
    t = line_coefficient(a, b)
    p = project_onto_line(a, b)
    g = gap(a, b, t)
    while True:
        xs = np.sort(rng.choice(np.arange(-3, 5), size=3, replace=False)).astype(float)
        ys = rng.integers(-3, 6, size=3).astype(float)
        c, m = fit_line(xs, ys)
        if np.max(np.abs(residuals(xs, ys, c, m))) > 0.01:
            break
    A = design_matrix(xs)
    lhs, rhs = normal_equations(A, ys)
    points = ", ".join(f"${vec(q)}$" for q in zip(xs, ys, strict=True))
    return [
        Exercise(
            id="projections-and-least-squares-1",
            prompt=(
                f"Project $b = {vec(b)}$ onto the line along $a = {vec(a)}$. "
                "What is the projection $p$?"
            ),
            kind="vector",
            answer=tuple(p),
            tolerance=0.005,
            hint="p = t a with t = (a · b) / (a · a): the gap b − t a is "
            "perpendicular to a.",
            solution=(
                f"$a \\cdot b = {f(a @ b)}$, $a \\cdot a = {f(a @ a)}$, so "
                f"$t = {f(t, 3)}$ and $p = t\\,a = {vec(p, 3)}$."
            ),
        ),
        Exercise(
            id="projections-and-least-squares-2",
            prompt=(
                f"How far is $b = {vec(b)}$ from the line through the origin along "
                f"$a = {vec(a)}$?"
            ),
            kind="number",
            answer=g,
            tolerance=0.005,
            hint="The distance is the length of the perpendicular gap b − p.",
            solution=(
                f"$p = {vec(p, 3)}$, so $b - p = {vec(b - p, 3)}$, of length "
                f"${f(g, 3)}$."
            ),
        ),
        Exercise(
            id="projections-and-least-squares-3",
            prompt=(
                f"To fit a line $c + m\\,x$ to points at $x = {vec(xs)}$, $A$ has rows "
                "$(1, x_i)$. What is $A^\\top A$?"
            ),
            kind="matrix",
            answer=tuple(tuple(row) for row in lhs),
            tolerance=0.005,
            hint="Its entries are dot products of the columns: 1·1, 1·x and x·x.",
            solution=(
                f"$A^\\top A = {tex_matrix(lhs)}$: the count of points, the sum of x, "
                "and the sum of x squared."
            ),
        ),
        Exercise(
            id="projections-and-least-squares-4",
            prompt=(
                f"Fit the least-squares line $y = c + m\\,x$ to the points {points}. "
                "Give $(c, m)$."
            ),
            kind="vector",
            answer=(c, m),
            tolerance=0.005,
            hint="Solve the normal equations A^T A (c, m) = A^T y.",
            solution=(
                f"$A^\\top A = {tex_matrix(lhs)}$, $A^\\top y = {tex_matrix(rhs)}$, so "
                f"$(c, m) = {vec((c, m), 3)}$."
            ),
        ),
    ]
