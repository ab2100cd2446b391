"""Inverses: the matrix that undoes A, and solving ``A x = b`` with it.

Applying ``A`` and then ``A^-1`` puts every point of the plane back, so
``A^-1 A = I``. The 2x2 recipe ``A^-1 = adj(A) / det A`` is derived from the
picture: A sends ``(d, -c)`` onto ``det A`` times i-hat and ``(-b, a)`` onto
``det A`` times j-hat, so those vectors over ``det A`` are where ``A^-1`` sends
the basis, its columns. Solving ``A x = b`` asks which vector ``A`` sends onto
``b``: in the grid that ``A`` moved, ``b`` sits ``x1`` steps along the first
column and ``x2`` along the second, and ``A^-1`` carries ``b`` back onto that
``x``. A singular matrix squashes the plane onto a line, sending different
points to one spot, so nothing can undo it. The machine-learning beat fits a
line to five points: the 5 x 2 system ``X w = y`` has no inverse and no exact
solution, and least squares solves the square normal equations
``X^T X w = X^T y`` with a 2 x 2 inverse. The numbers on screen come from the
pure functions below (numpy only), which the tests check on their own.

General claims (text and narration), and why each holds:

- "Apply A inverse, and the grid returns exactly": ``A^-1 A = I`` (tested).
- "A inverse must send i-hat back to the vector A sends onto i-hat": if
  ``A u = e1`` then ``A^-1 e1 = u``.
- "A sends (d, -c) to d times the first column minus c times the second: the
  determinant times i-hat; likewise (-b, a) lands on the determinant times
  j-hat": :func:`undo_columns` (Hypothesis test: ``A p = det e1``,
  ``A q = det e2``, and ``p / det``, ``q / det`` are ``A^-1``'s columns).
  The words come from :func:`column_words` ("minus" or "plus" by the sign
  shown; tested).
- "That is the recipe: swap a and d, flip the signs of b and c, divide by the
  determinant": :func:`inverse` is ``adjugate / det`` (tested against numpy).
- "b sits x1 steps along the first column, x2 along the second": ``A x = b``
  means ``b = x1 col1 + x2 col2`` (tested, :func:`solve`).
- "S has determinant 0: its columns lie on one line, and it squashes the whole
  plane onto it"; "two different points both land on one spot, so S has no
  inverse": :data:`SINGULAR` has rank 1 and :func:`twin` gives a second point
  with the same image (tested).
- "X is 5 by 2, not square, so it has no inverse, and no line hits every
  point": only square matrices have inverses; the data's misses from the best
  line are not all 0 (tested), so no line fits exactly.
- "Least squares picks the line with the smallest squared misses; its weights
  solve X^T X w = X^T y, 2 by 2 and invertible here": the normal equations
  (tested: :func:`normal_equations` matches ``numpy.linalg.lstsq``; ``det``
  of ``X^T X`` is not 0 because the inputs are not all equal).
"""

from __future__ import annotations

import math

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Matrix, Vector, nonsingular
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.linalg import determinant, transform
from scenes.kit.numbers import fmt, fmt_rows, fmt_vec, say_num, say_vec, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, Box, fit_view, legible_entries
from scenes.style import *

__all__ = [
    "DATA_T",
    "DATA_Y",
    "MAX_INVERSE",
    "OLD_SOLUTION",
    "OLD_VIEW",
    "SINGULAR",
    "SINGULAR_POINT",
    "Inverses",
    "adjugate",
    "column_words",
    "combo_tex",
    "design_matrix",
    "determinant",
    "inverse",
    "inverse_within",
    "misses",
    "normal_equations",
    "null_vector",
    "plane_view",
    "practice",
    "residual",
    "solve",
    "transform",
    "twin",
    "undo_columns",
]

#: Entries of A up to this size were always shown; past it the view only scales.
OLD_VIEW = 4.0
#: Largest entry of A^-1 the lesson shows (a nearly singular A has huge ones).
MAX_INVERSE = 10.0
#: Entries of b and x up to this size were always shown (the old limit).
OLD_SOLUTION = 6.0
#: Refuses numbers too long for the formula panels.
_digits = legible_entries("entries", ratio=math.inf)
#: A fixed singular matrix: its columns lie on one line.
SINGULAR = np.array([[1.0, 2.0], [0.5, 1.0]])
#: A point whose twin lands on the same spot under :data:`SINGULAR`.
SINGULAR_POINT = np.array([2.0, 0.0])


# -- the math ------------------------------------------------------------------------


def adjugate(matrix: np.ndarray) -> np.ndarray:
    """``[[d, -b], [-c, a]]``: swap the diagonal, negate the rest."""
    (a, b), (c, d) = np.asarray(matrix, dtype=float)
    return np.array([[d, -b], [-c, a]]) + 0.0


def inverse(matrix: np.ndarray) -> np.ndarray:
    """``adj(A) / det A``; raises ``ZeroDivisionError`` for a singular matrix."""
    det = determinant(matrix)
    if det == 0:
        raise ZeroDivisionError("a singular matrix has no inverse")
    return adjugate(matrix) / det


def solve(matrix: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The ``x`` with ``A x = b``: ``A^-1 b``."""
    return inverse(matrix) @ np.asarray(b, dtype=float)


def residual(matrix: np.ndarray, x: np.ndarray, b: np.ndarray) -> float:
    """``|A x - b|``: how far ``A x`` misses ``b``."""
    return float(np.linalg.norm(transform(matrix, x) - np.asarray(b, dtype=float)))


def null_vector(matrix: np.ndarray) -> np.ndarray:
    """A nonzero vector a singular 2x2 matrix sends to 0 (from its largest row)."""
    m = np.asarray(matrix, dtype=float)
    row = m[int(np.argmax(np.linalg.norm(m, axis=1)))]
    if not np.any(row):
        return np.array([1.0, 0.0])
    return np.array([row[1], -row[0]]) + 0.0


def twin(matrix: np.ndarray, point: np.ndarray) -> np.ndarray:
    """Another point that a singular matrix sends to the same spot as ``point``."""
    return np.asarray(point, dtype=float) - null_vector(matrix)


def inverse_within(limit: float):
    """A parameter requirement: the inverse exists and its entries are at most ``limit``."""

    def check(value: np.ndarray) -> str | None:
        if determinant(value) == 0:
            return "it is singular (determinant 0), so it has no inverse"
        biggest = float(np.max(np.abs(inverse(value))))
        if biggest > limit:
            return (
                f"its determinant {fmt(determinant(value), 3)} is so small that "
                f"the inverse has entries up to {fmt(biggest)}, too large to show"
            )
        return None

    return check


def undo_columns(
    matrix: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The two vectors A sends onto the axes, and where they land.

    For ``A = [[a, b], [c, d]]``: ``p = (d, -c)`` lands on ``(det A, 0)`` and
    ``q = (-b, a)`` on ``(0, det A)``, so ``p / det A`` and ``q / det A`` land
    on i-hat and j-hat: they are the columns of ``A^-1``. Returns
    ``(p, q, A p, A q)``, each of shape (2,).
    """
    (a, b), (c, d) = np.asarray(matrix, dtype=float)
    p = np.array([d, -c]) + 0.0
    q = np.array([-b, a]) + 0.0
    return p, q, transform(matrix, p), transform(matrix, q)


def combo_tex(coeffs: np.ndarray, matrix: np.ndarray) -> str:
    r"""``x [col1] + y [col2]`` in LaTeX, a negative ``y`` written as ``- |y|``."""
    x, y = (float(v) for v in coeffs)
    m = np.asarray(matrix, dtype=float)
    sign = "-" if fmt(y).startswith("-") else "+"
    return f"{fmt(x)}{tex_matrix(m[:, 0])} {sign} {fmt(abs(y))}{tex_matrix(m[:, 1])}"


def column_words(matrix: np.ndarray, which: int) -> tuple[str, str]:
    """The derivation beat's sentence (shown, spoken) for A inverse's column ``which``."""
    det = determinant(matrix)
    u, image = undo_columns(matrix)[which], undo_columns(matrix)[2 + which]
    hat = ("i-hat", "j-hat")[which]
    x, y = u
    sign = "minus" if fmt(y).startswith("-") else "plus"

    def words(vec, num) -> str:
        if which == 0:
            return (
                f"Why the recipe? A inverse must send i-hat back to the vector A "
                f"sends onto i-hat. Try d and minus c: {vec(u)}. A sends it to "
                f"{num(x)} times the first column {sign} {num(abs(y))} times the "
                f"second: {vec(image)}, the determinant times i-hat. So {vec(u)} "
                f"over {num(det)} is A inverse's first column."
            )
        return (
            f"Likewise, minus b and a, {vec(u)}, lands on {vec(image)}, the "
            f"determinant times {hat}, so {vec(u)} over {num(det)} is the second "
            "column. That is the recipe: swap a and d, flip the signs of b and c, "
            "divide by the determinant."
        )

    return words(fmt_vec, fmt), words(say_vec, say_num)


#: The machine-learning beat's data: inputs t and targets y of five examples.
DATA_T = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
DATA_Y = np.array([1.0, 2.0, 2.5, 4.0, 4.5])


def design_matrix(t: np.ndarray) -> np.ndarray:
    """``X``, shape (n, 2): a column of ones (the intercept) and the inputs."""
    t = np.asarray(t, dtype=float)
    return np.column_stack([np.ones_like(t), t])


def normal_equations(
    t: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``X^T X`` (2, 2), ``X^T y`` (2,) and the weights ``w = (X^T X)^-1 X^T y``.

    ``w`` minimises ``|X w - y|^2`` (the least-squares line ``w1 + w2 t``);
    :func:`inverse` raises ``ZeroDivisionError`` when all ``t`` are equal.
    """
    x = design_matrix(t)
    xtx = x.T @ x
    xty = x.T @ np.asarray(y, dtype=float)
    return xtx, xty, inverse(xtx) @ xty


def misses(t: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``y - X w``: how far each target is from the line, shape (n,)."""
    return np.asarray(y, dtype=float) - design_matrix(t) @ np.asarray(w, dtype=float)


# -- the lesson --------------------------------------------------------------------------

#: The box (scene units) where the plane's arrows are drawn, right of the panel.
PLANE_BOX = Box(-0.9, config.frame_width / 2 - 0.2, CONTENT_BOTTOM + 0.1, 3.85)
SIZE = 36  # formula size in the panel


#: Plane units that fit up and down at the smallest legible scale.
TALL = (PLANE_BOX.top - PLANE_BOX.bottom - 1.0) / MIN_ARROW


def plane_view(a: np.ndarray, b: np.ndarray) -> tuple[float, np.ndarray]:
    """Scale and origin of the plane (see :func:`fit_view`) for ``A`` and ``b``.

    Fits the basis and its images, b, the solution x and its first step, and
    the singular example into :data:`PLANE_BOX`, at any scale.
    """
    x = solve(a, b)
    p1 = SINGULAR_POINT
    points = np.vstack(
        [
            np.eye(2),
            a.T,  # where the basis vectors land
            b,
            x,
            x[0] * a[:, 0],
            SINGULAR.T,
            p1,
            twin(SINGULAR, p1),
            transform(SINGULAR, p1),
        ]
    )
    # the derivation's vectors too, unless they would shrink the basis from sight
    more = np.vstack([points, *undo_columns(a)])
    unit, origin = fit_view(more, PLANE_BOX, max_unit=1.3)
    if unit >= MIN_ARROW:
        return unit, origin
    return fit_view(points, PLANE_BOX, max_unit=1.3)


class Inverses(CourseLesson):
    """A^-1 undoes A; x = A^-1 b solves A x = b; a singular matrix has no inverse."""

    params = {
        "matrix": Matrix(
            [[2, 1], [1, 3]],
            help="the invertible matrix A",
            require=[_digits, nonsingular, inverse_within(MAX_INVERSE)],
        ),
        "b": Vector(
            [5, 5],
            help="the right-hand side b of A x = b",
            require=[_digits],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse an A and b whose picture shrinks the basis arrows out of sight."""
        a, b = args.matrix, args.b
        x = solve(a, b)
        if (
            np.max(np.abs(a)) <= OLD_VIEW
            and np.max(np.abs(b)) <= OLD_SOLUTION
            and np.max(np.abs(x)) <= OLD_SOLUTION
        ):
            return  # always drawn at the old scales: unchanged
        unit, _ = plane_view(a, b)
        if unit >= MIN_ARROW:
            return
        name = "matrix" if np.max(np.abs(a)) > max(np.max(np.abs(b)), 1) else "b"
        raise ParamError(
            name,
            fmt_rows(a) if name == "matrix" else fmt_vec(b),
            "an A and b whose picture (A's columns, b and the solution "
            f"x = {fmt_vec(x)}) is at most about {fmt(TALL, 0)} units tall",
            why=(
                "at the scale that fits it the basis arrows are under "
                f"{fmt(MIN_ARROW)} scene units long, too short to see"
            ),
        )

    def construct(self) -> None:
        a, b = self.args.matrix, self.args.b
        self.view = PlaneView(*plane_view(a, b))
        self.info = None
        self.title_card(
            "Inverses and solving Ax = b",
            "How do you undo a matrix?",
            say="Inverses, and solving A x equals b. How do you undo a matrix?",
        )
        self.apply_a(a)
        self.undo(a)
        self.identity(a)
        self.derive_column(a, 0)
        self.derive_column(a, 1)
        self.pose_problem(a, b)
        self.read_in_moved_grid(a, b)
        self.carry_back(a, b)
        self.check(a, b)
        self.singular_collapse()
        self.singular_twins()
        self.fit_data()
        self.solve_normal_equations()
        self.recap_over_solution(a, b)

    # -- helpers -------------------------------------------------------------------------
    def show_panel(self, *rows) -> None:
        """Replace the panel at the top left with ``rows``."""
        self.rows = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        card = panel(self.rows).to_corner(UL, buff=0.3)
        if self.info is None:
            self.play(FadeIn(card), run_time=0.6)
        else:
            self.play(ReplacementTransform(self.info, card), run_time=0.8)
        self.info = card

    def named(self, name: str, m: np.ndarray, color: str):
        line = tex(name, "=", tex_matrix(m), size=SIZE)
        line[0].set_color(color)
        return line

    def basis_to(self, m: np.ndarray) -> list[Transform]:
        """Move i-hat and j-hat onto the columns of ``m``."""
        return [
            Transform(self.i_hat, self.view.arrow(m[:, 0], GREEN)),
            Transform(self.j_hat, self.view.arrow(m[:, 1], RED)),
        ]

    def apply(self, m: np.ndarray, *extra, run_time: float = 2.5) -> None:
        """Apply ``m`` to the grid; the basis vectors follow it."""
        self.play(
            ApplyMatrix(m, self.plane, about_point=self.view.origin),
            *extra,
            run_time=run_time,
        )

    def reset_grid(self) -> None:
        fresh = self.view.plane()
        self.play(
            ReplacementTransform(self.plane, fresh),
            *self.basis_to(np.eye(2)),
            run_time=1.0,
        )
        self.plane = fresh

    def label(self, name: str, xy: np.ndarray, color: str):
        """A name just past the tip of the arrow to ``xy``."""
        away = np.asarray(xy, dtype=float)
        away = away / (np.linalg.norm(away) or 1.0)
        return tex(name, size=54, color=color).move_to(
            self.view.point(xy) + 0.35 * np.array([*away, 0.0])
        )

    # -- beats ---------------------------------------------------------------------------
    def apply_a(self, a: np.ndarray) -> None:
        v = self.view
        self.ghost = v.plane(opacity=0.25)
        self.plane = v.plane()
        self.i_hat, self.j_hat = v.arrow([1, 0], GREEN), v.arrow([0, 1], RED)
        self.add(self.ghost)
        c1, c2 = a[:, 0], a[:, 1]
        with self.beat(
            f"Here is a matrix, A. It moves the plane: i-hat lands on {fmt_vec(c1)} "
            f"and j-hat on {fmt_vec(c2)}, the columns of A.",
            say=f"Here is a matrix, A. It moves the plane: i-hat lands on {say_vec(c1)} "
            f"and j-hat on {say_vec(c2)}, the columns of A.",
            chapter="Undoing a matrix",
        ):
            self.play(Create(self.plane), run_time=1.2)
            self.play(GrowArrow(self.i_hat), GrowArrow(self.j_hat), run_time=0.6)
            self.show_panel(self.named("A", a, PURPLE))
            self.apply(a, *self.basis_to(a))

    def undo(self, a: np.ndarray) -> None:
        ainv = inverse(a)
        with self.beat(
            "Is there a matrix that moves everything back? There is: A inverse. "
            "Apply it, and the grid returns exactly to where it started.",
        ):
            self.show_panel(
                self.named("A", a, PURPLE), self.named("A^{-1}", ainv, ORANGE)
            )
            self.apply(ainv, *self.basis_to(np.eye(2)), run_time=3)

    def identity(self, a: np.ndarray) -> None:
        ainv = inverse(a)
        # two rows, so the card stays left of the plane's arrows at any scale
        product = tex("A^{-1}A", "=", tex_matrix(ainv), tex_matrix(a), size=SIZE)
        product[0].set_color(ACCENT)
        result = tex("=", tex_matrix(ainv @ a), "= I", size=SIZE)
        with self.beat(
            "A, then A inverse, leaves every vector where it was. So A inverse times A "
            "is the identity matrix, I, the matrix that does nothing.",
        ):
            self.show_panel(
                self.named("A", a, PURPLE),
                self.named("A^{-1}", ainv, ORANGE),
                product,
                result,
            )
            self.play(
                self.i_hat.animate.set_stroke(width=9),
                self.j_hat.animate.set_stroke(width=9),
                rate_func=there_and_back,
                run_time=1.0,
            )

    def derive_column(self, a: np.ndarray, which: int) -> None:
        """A inverse's column ``which`` (0 or 1): the vector A sends onto that axis."""
        det = determinant(a)
        ainv = inverse(a)
        vecs = undo_columns(a)
        u, image = vecs[which], vecs[2 + which]
        hat = (r"\hat{\imath}", r"\hat{\jmath}")[which]
        colour = (GREEN, RED)[which]
        v = self.view
        arrow = v.arrow(u, ORANGE)
        tag = self.label(fmt_vec(u), u, ORANGE)
        landed = tex(
            r"A", tex_matrix(u), "=", combo_tex(u, a), "=", tex_matrix(image), size=SIZE
        )
        column = tex(
            r"A^{-1}", hat, "=", rf"\frac{{1}}{{{fmt(det)}}}", tex_matrix(u), size=SIZE
        )
        column[1].set_color(colour)
        rows = [self.named("A", a, PURPLE), landed, column]
        if which == 1:
            rows.append(
                tex(
                    "A^{-1}",
                    "=",
                    rf"\frac{{1}}{{{fmt(det)}}}",
                    tex_matrix(adjugate(a)),
                    "=",
                    tex_matrix(ainv),
                    size=SIZE,
                )
            )
            rows[-1][0].set_color(ORANGE)
        line, said = column_words(a, which)
        with self.beat(
            line, say=said, chapter="Why the recipe" if which == 0 else None
        ):
            self.show_panel(*(row.copy() for row in rows[:2]))
            self.play(GrowArrow(arrow), FadeIn(tag), run_time=0.6)
            self.apply(
                a,
                *self.basis_to(a),
                Transform(arrow, v.arrow(image, ORANGE)),
                Transform(tag, self.label(fmt_vec(image), image, ORANGE)),
                run_time=2,
            )
            self.apply(
                ainv,
                *self.basis_to(np.eye(2)),
                Transform(arrow, v.arrow(u / det, ORANGE)),
                FadeOut(tag),
                run_time=2,
            )
            self.show_panel(*rows)
        self.play(FadeOut(arrow), run_time=0.3)

    # -- machine learning ---------------------------------------------------------
    def fit_data(self) -> None:
        x = design_matrix(DATA_T)
        n = len(DATA_T)
        self.axes = plot_axes(
            (0, 4.5, 1),
            (0, 5.5, 1),
            width=5.2,
            height=4.6,
            start=(0.9, CONTENT_BOTTOM + 0.5),
            numbers=range(5),
            number_size=34,
        )
        names = VGroup(
            tex("t", size=SIZE, color=MUTED).next_to(self.axes.c2p(4.5, 0), DOWN),
            tex("y", size=SIZE, color=MUTED).next_to(self.axes.c2p(0, 5.5), LEFT),
        )
        self.points = VGroup(
            *(
                Dot(self.axes.c2p(t, y), radius=0.08, color=ACCENT)
                for t, y in zip(DATA_T, DATA_Y, strict=True)
            )
        )
        system = tex(
            tex_matrix(x),
            r"\begin{bmatrix} w_1 \\ w_2 \end{bmatrix}",
            "=",
            tex_matrix(DATA_Y),
            size=SIZE,
        )
        system[3].set_color(ACCENT)
        rows = [
            text(f"{n} equations, 2 weights", SMALL, MUTED),
            tex("X", "w", "=", "y", size=SIZE),
            system,
        ]
        with self.beat(
            f"In machine learning, fit a line, y = w1 + w2 t, to {n} points: {n} "
            f"equations X w = y for 2 weights. X is {n} by 2, not square, so it has "
            "no inverse, and no line hits every point.",
            say=f"In machine learning, fit a line, y equals w 1 plus w 2 t, to {n} "
            f"points: {n} equations, X w equals y, for 2 weights. X is {n} by 2, not "
            "square, so it has no inverse, and no line hits every point.",
            chapter="In machine learning",
        ):
            leftovers = list(self.mobjects)  # the singular picture's arrows and dots
            if leftovers:
                self.play(FadeOut(*leftovers), run_time=0.4)
            self.play(Create(self.axes), FadeIn(names), run_time=1.0)
            self.play(FadeIn(self.points, lag_ratio=0.2), run_time=1.0)
            self.show_panel(*rows)
        self.names = names

    def solve_normal_equations(self) -> None:
        xtx, xty, w = normal_equations(DATA_T, DATA_Y)
        ax = self.axes
        fit = ax.plot(lambda t: w[0] + w[1] * t, x_range=[0, 4.5], color=GREEN)
        gaps = VGroup(
            *(
                Line(ax.c2p(t, y), ax.c2p(t, y - r), color=RED, stroke_width=3)
                for t, y, r in zip(
                    DATA_T, DATA_Y, misses(DATA_T, DATA_Y, w), strict=True
                )
            )
        )
        square = tex(r"X^{\top}X", "w", "=", r"X^{\top}y", size=SIZE)
        numbers = tex(tex_matrix(xtx), "w", "=", tex_matrix(xty), size=SIZE)
        answer = tex(
            "w",
            r"= (X^{\top}X)^{-1} X^{\top}y =",
            tex_matrix(w),
            size=SIZE,
        )
        answer[0].set_color(GREEN)
        answer[2].set_color(GREEN)
        with self.beat(
            "Least squares picks the line with the smallest squared misses. Its "
            "weights solve a square system, X transpose X w = X transpose y: 2 by 2, "
            f"and invertible here. Its inverse gives w = {fmt_vec(w)}: the line "
            f"y = {fmt(w[0])} + {fmt(w[1])} t.",
            say="Least squares picks the line with the smallest squared misses. Its "
            "weights solve a square system, X transpose X w equals X transpose y: 2 "
            f"by 2, and invertible here. Its inverse gives w equals {say_vec(w)}: the "
            f"line y equals {say_num(w[0])} plus {say_num(w[1])} t.",
        ):
            self.show_panel(square.copy(), numbers.copy())
            self.show_panel(square, numbers, answer)
            self.play(Create(fit), run_time=1.2)
            self.play(Create(gaps), run_time=0.8)
            self.wait(1.0)
        self.play(
            FadeOut(self.axes, self.names, self.points, fit, gaps, self.info),
            run_time=0.6,
        )
        self.info = None

    def recap_over_solution(self, a: np.ndarray, b: np.ndarray) -> None:
        """The key picture again: b carried back onto x in the plane."""
        x = solve(a, b)
        # a view of its own that keeps the recap card's strip free
        box = PLANE_BOX._replace(bottom=CONTENT_BOTTOM + 1.2)
        main = self.view
        v = self.view = PlaneView(
            *fit_view(np.vstack([np.eye(2), -np.eye(2), b, x]), box, max_unit=1.3)
        )
        self.ghost = v.plane(opacity=0.25)
        self.plane = v.plane()
        arrows = [
            v.arrow(b, ACCENT).set_opacity(0.5),
            self.label("b", b, ACCENT),
            v.arrow(x, GREEN),
            self.label("x", x, GREEN),
        ]
        answer = tex("x", "= A^{-1} b =", tex_matrix(x), size=SIZE)
        answer[0].set_color(GREEN)
        self.show_panel(self.named("A", a, PURPLE), self.named("b", b, ACCENT), answer)
        picture = [self.ghost, self.plane, *arrows, self.info]
        self.play(*(FadeIn(m) for m in picture[:-1]), run_time=0.8)
        self.recap_over(
            picture,
            "A inverse undoes A: it carries b back onto the x that A sends to b. "
            "A determinant of 0 means no inverse.",
        )
        self.view = main

    def pose_problem(self, a: np.ndarray, b: np.ndarray) -> None:
        self.b_arrow = self.view.arrow(b, ACCENT)
        self.b_label = self.label("b", b, ACCENT)
        question = tex("A", "x", "=", "b", size=44)
        question[1].set_color(GREEN)
        question[3].set_color(ACCENT)
        with self.beat(
            "Now a puzzle. Which vector x does A send onto this vector, "
            f"b = {fmt_vec(b)}? That is solving A x = b.",
            say="Now a puzzle. Which vector x does A send onto this vector, "
            f"b equals {say_vec(b)}? That is solving A x equals b.",
            chapter="Solving Ax = b",
        ):
            self.show_panel(
                question, self.named("A", a, PURPLE), self.named("b", b, ACCENT)
            )
            self.play(GrowArrow(self.b_arrow), FadeIn(self.b_label), run_time=0.8)

    def read_in_moved_grid(self, a: np.ndarray, b: np.ndarray) -> None:
        x = solve(a, b)
        c1 = a[:, 0]
        v = self.view
        self.leg1 = v.arrow(x[0] * c1, GREEN).set_stroke(width=7)
        self.leg2 = v.arrow(b, RED, start=x[0] * c1).set_stroke(width=7)
        with self.beat(
            "Apply A and look where b sits in the moved grid: "
            f"{fmt(x[0])} steps along the first column, then {fmt(x[1])} along the second.",
            say="Apply A and look where b sits in the moved grid: "
            f"{say_num(x[0])} steps along the first column, then {say_num(x[1])} along "
            "the second.",
        ):
            self.apply(a, *self.basis_to(a))
            self.add(self.b_arrow, self.b_label)
            self.play(GrowArrow(self.leg1), run_time=0.8)
            self.play(GrowArrow(self.leg2), run_time=0.8)

    def carry_back(self, a: np.ndarray, b: np.ndarray) -> None:
        x = solve(a, b)
        ainv = inverse(a)
        v = self.view
        x_arrow = v.arrow(x, GREEN)
        x_label = self.label("x", x, GREEN)
        # two rows, so the card stays left of the plane's arrows at any scale
        answer = tex("x", "= A^{-1} b =", tex_matrix(ainv), tex_matrix(b), size=SIZE)
        answer[0].set_color(GREEN)
        result = tex("=", tex_matrix(x), size=SIZE)
        result[1].set_color(GREEN)
        question = tex("A", "x", "=", "b", size=44)
        question[1].set_color(GREEN)
        question[3].set_color(ACCENT)
        with self.beat(
            f"So x is {fmt_vec(x)}. A inverse finds it: run A inverse, the grid goes "
            "home, and b is carried straight onto x.",
            say=f"So x is {say_vec(x)}. A inverse finds it: run A inverse, the grid "
            "goes home, and b is carried straight onto x.",
            key=True,
        ):
            self.show_panel(question, self.named("A", a, PURPLE), answer, result)
            self.apply(
                ainv,
                *self.basis_to(np.eye(2)),
                Transform(self.b_arrow, x_arrow),
                Transform(self.b_label, x_label),
                Transform(self.leg1, v.arrow([x[0], 0], GREEN).set_stroke(width=7)),
                Transform(
                    self.leg2, v.arrow(x, RED, start=[x[0], 0]).set_stroke(width=7)
                ),
                run_time=3,
            )
        self.x_arrow, self.x_label = self.b_arrow, self.b_label

    def check(self, a: np.ndarray, b: np.ndarray) -> None:
        x = solve(a, b)
        ax = transform(a, x)
        line = tex(
            "A",
            "x",
            "=",
            tex_matrix(a),
            tex_matrix(x),
            "=",
            tex_matrix(ax),
            "= b",
            size=SIZE,
        )
        line[1].set_color(GREEN)
        line[7].set_color(ACCENT)
        answer = tex("x", "=", tex_matrix(x), size=SIZE)
        answer[0].set_color(GREEN)
        with self.beat(
            f"Check it: A times {fmt_vec(x)} gives {fmt_vec(ax)}, which is b exactly.",
            say=f"Check it: A times {say_vec(x)} gives {say_vec(ax)}, which is b "
            "exactly.",
        ):
            self.show_panel(self.named("b", b, ACCENT), answer, line)
            self.play(FadeOut(self.leg1, self.leg2), run_time=0.5)
            self.play(
                self.x_arrow.animate.set_stroke(width=9),
                rate_func=there_and_back,
                run_time=1.0,
            )

    def singular_collapse(self) -> None:
        s = SINGULAR
        det = determinant(s)
        p1 = SINGULAR_POINT
        p2 = twin(s, p1)
        v = self.view
        self.dots = VGroup(
            Dot(v.point(p1), radius=0.15, color=ACCENT),
            Dot(v.point(p2), radius=0.08, color=PURPLE),
        )
        self.dot_labels = VGroup(
            tex(fmt_vec(p1), size=34, color=ACCENT).next_to(
                self.dots[0], DOWN, buff=0.15
            ),
            tex(fmt_vec(p2), size=34, color=PURPLE).next_to(
                self.dots[1], LEFT, buff=0.15
            ),
        )
        det_line = tex(r"\det S", "=", fmt(det), size=SIZE)
        det_line[0].set_color(ACCENT)
        with self.beat(
            "Not every matrix can be undone. This one, S, has determinant 0: "
            "its columns lie on one line, and it squashes the whole plane onto it.",
            chapter="No inverse",
        ):
            self.play(FadeOut(self.x_arrow, self.x_label), run_time=0.4)
            self.reset_grid()
            self.show_panel(self.named("S", s, RED), det_line)
            self.play(FadeIn(self.dots), FadeIn(self.dot_labels), run_time=0.6)
            self.starts = self.dots.copy().set_opacity(0.4)
            self.add(self.starts, self.dots)
            self.apply(
                s,
                *self.basis_to(s),
                *(
                    dot.animate.move_to(v.point(transform(s, p)))
                    for dot, p in ((self.dots[0], p1), (self.dots[1], p2))
                ),
                run_time=3,
            )

    def singular_twins(self) -> None:
        s = SINGULAR
        p1 = SINGULAR_POINT
        p2 = twin(s, p1)
        image = transform(s, p1)
        v = self.view
        where = tex(fmt_vec(image), size=34, color=INK).next_to(
            v.point(image), DOWN + RIGHT, buff=0.2
        )
        paths = VGroup(
            *(
                Arrow(
                    v.point(p),
                    v.point(image),
                    buff=0.2,
                    color=color,
                    stroke_width=3,
                    tip_length=0.18,
                    max_tip_length_to_length_ratio=0.3,
                )
                for p, color in ((p1, ACCENT), (p2, PURPLE))
            )
        )
        rows = [
            self.named("S", s, RED),
            tex(
                "S",
                tex_matrix(p1),
                "=",
                "S",
                tex_matrix(p2),
                "=",
                tex_matrix(image),
                size=SIZE,
            ),
            text("no way back: S has no inverse", SMALL, RED),
        ]
        rows[1][1].set_color(ACCENT)
        rows[1][4].set_color(PURPLE)
        with self.beat(
            f"Two different points, {fmt_vec(p1)} and {fmt_vec(p2)}, both land on "
            f"{fmt_vec(image)}. An inverse would have to send {fmt_vec(image)} back to "
            "both at once, so S has none.",
            say=f"Two different points, {say_vec(p1)} and {say_vec(p2)}, both land on "
            f"{say_vec(image)}. An inverse would have to send {say_vec(image)} back to "
            "both at once, so S has none.",
        ):
            self.show_panel(*rows)
            self.play(*(GrowArrow(path) for path in paths), run_time=0.8)
            self.play(FadeIn(where), run_time=0.5)
            self.play(
                self.dots.animate.scale(1.6), rate_func=there_and_back, run_time=1.0
            )
        self.play(
            FadeOut(
                self.plane,
                self.ghost,
                self.i_hat,
                self.j_hat,
                self.dots,
                where,
                self.info,
            ),
            run_time=0.6,
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def _practice_invertible(rng: np.random.Generator) -> np.ndarray:
    """Whole-number entries from -3 to 3 with determinant ±1 or ±2 (friendly inverse)."""
    while True:
        a = rng.integers(-3, 4, size=(2, 2)).astype(float)
        if abs(determinant(a)) in (1.0, 2.0):
            return a


def practice(seed: int) -> list[Exercise]:
    """Exercises on the inverse and on solving ``A x = b``, numbers drawn from ``seed``.

    Three exercises: ``A^-1`` (:func:`inverse`, determinant ±1 or ±2 so its entries
    are halves); the ``x`` with ``A x = b`` (:func:`solve`, a whole-number x); and
    whether a matrix, singular for about one seed in three, has an inverse
    (:func:`determinant`).
    """
    rng = np.random.default_rng(seed)
    fmt, vec, tex = kit_numbers.fmt, kit_numbers.fmt_vec, kit_numbers.tex_matrix
    a = _practice_invertible(rng)
    inv = inverse(a)
    det = determinant(a)
    m = _practice_invertible(rng)
    x = rng.integers(-3, 4, size=2).astype(float)
    b = transform(m, x)
    solution = solve(m, b)
    c = rng.integers(-3, 4, size=(2, 2)).astype(float)
    if rng.random() < 0.35:
        c[1] = float(rng.choice([-2.0, -1.0, 1.0, 2.0])) * c[0]
    invertible = determinant(c) != 0
    answers = ("yes: it has an inverse", "no: it squashes the plane, nothing undoes it")
    return [
        Exercise(
            id="inverses-1",
            prompt=f"What is the inverse of $A = {tex(a)}$?",
            kind="matrix",
            answer=inv,
            tolerance=0.005,
            hint="Swap the diagonal, negate the other two entries, divide by det A.",
            solution=(
                f"$\\det A = {fmt(det)}$ and $\\operatorname{{adj}} A = {tex(adjugate(a))}$, "
                f"so $A^{{-1}} = {tex(inv)}$."
            ),
        ),
        Exercise(
            id="inverses-2",
            prompt=f"Solve $A x = b$ for $A = {tex(m)}$ and $b = {vec(b)}$.",
            kind="vector",
            answer=solution,
            tolerance=0.005,
            hint="x = A⁻¹ b; or solve the two equations one unknown at a time.",
            solution=(
                f"$A^{{-1}} = {tex(inverse(m))}$, so $x = A^{{-1}} b = {vec(solution)}$; "
                f"check: $A x = {vec(transform(m, solution))}$."
            ),
        ),
        Exercise(
            id="inverses-3",
            prompt=f"Does $C = {tex(c)}$ have an inverse?",
            kind="choice",
            answer=answers[0] if invertible else answers[1],
            choices=answers,
            hint="A matrix can be undone exactly when its determinant is not 0.",
            solution=f"$\\det C = {fmt(determinant(c))}$"
            + (", not zero: C is invertible." if invertible else ": C is singular."),
        ),
    ]
