"""Linear transformations: a matrix moves the whole plane.

The columns of a 2x2 matrix are where the basis vectors land; every other vector
follows, ``A v = x * column1 + y * column2``; and applying one matrix after another
is the same as applying their product. The numbers on screen come from the pure
functions below, which the tests check on their own.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    ApplyMatrix,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Mobject,
    NumberPlane,
    ReplacementTransform,
    Transform,
    VGroup,
    config,
)

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Matrix, Vector
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_rows, fmt_vec, say_vec, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, fit_unit, legible_entries
from scenes.style import (
    ACCENT,
    CONTENT_BOTTOM,
    GREEN,
    MUTED,
    PURPLE,
    RED,
    SMALL,
    CourseLesson,
    panel,
    tex,
    text,
)

__all__ = [
    "LinearTransformations",
    "basis_images",
    "compose",
    "drawn_points",
    "practice",
    "shoelace_area",
    "transform",
    "unit_square_image",
    "view_unit",
]

#: Entries of the matrices, and of v, up to these sizes were always taken (the
#: view then stopped shrinking at 0.15 scene units per grid unit).
OLD_MATRIX, OLD_VECTOR = 6.0, 4.0
#: Farthest a drawn point can reach up or down, in grid units, at :data:`MIN_ARROW`.
MAX_REACH = (-CONTENT_BOTTOM - 0.2) / (1.15 * MIN_ARROW)
#: How much farther the frame reaches across than up or down.
WIDE = (config.frame_width / 2 - 0.4) / (-CONTENT_BOTTOM - 0.2)
#: Refuses numbers too long for the formula panels.
_digits = legible_entries("entries", ratio=math.inf)


def transform(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Apply ``matrix`` to one point ``(2,)`` or to rows of points ``(n, 2)``."""
    points = np.asarray(points, dtype=float)
    return points @ np.asarray(matrix, dtype=float).T


def basis_images(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where i-hat and j-hat land: the matrix's first and second columns."""
    m = np.asarray(matrix, dtype=float)
    return m[:, 0].copy(), m[:, 1].copy()


def compose(first: np.ndarray, then: np.ndarray) -> np.ndarray:
    """The single matrix that applies ``first`` and then ``then``: ``then @ first``."""
    return np.asarray(then, dtype=float) @ np.asarray(first, dtype=float)


def unit_square_image(matrix: np.ndarray) -> np.ndarray:
    """The corners of the unit square after ``matrix``, counter-clockwise from 0."""
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
    return transform(matrix, square)


def shoelace_area(polygon: np.ndarray) -> float:
    """Signed area of a polygon (counter-clockwise positive), by the shoelace formula."""
    x, y = np.asarray(polygon, dtype=float).T
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def drawn_points(a: np.ndarray, v: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
    """Every plane point the lesson draws, by the parameter that puts it there.

    ``"vector"``: the basis and v; ``"matrix"``: their images under A and the
    unit square's; ``"then"``: the basis under B and under B A. Each value has
    shape (n, 2).
    """
    basis = np.eye(2)
    return {
        "vector": np.vstack([basis, v]),
        "matrix": np.vstack(
            [transform(a, basis), transform(a, v), unit_square_image(a)]
        ),
        "then": np.vstack([transform(compose(a, b), basis), transform(b, basis)]),
    }


def view_unit(a: np.ndarray, v: np.ndarray, b: np.ndarray) -> float:
    """Scene units per grid unit so every point the lesson draws fits the frame.

    Never larger than 1 (a grid of at least 4 units up and down); no floor:
    :meth:`LinearTransformations.check_args` refuses what is too small to read.
    """
    points = np.vstack(list(drawn_points(a, v, b).values()))
    half_w = config.frame_width / 2 - 0.4
    half_h = min(config.frame_height / 2 - 0.4, -CONTENT_BOTTOM - 0.2)
    return fit_unit(points, half_w, half_h, most=1.0, least=0.0)


class LinearTransformations(CourseLesson):
    """Basis vectors land on the columns; the grid follows; products compose."""

    params = {
        "matrix": Matrix(
            [[2, -1], [1, 1]],
            help="the transformation A",
            require=[_digits],
        ),
        "vector": Vector(
            [1, 2], help="the vector v followed through A", require=[_digits]
        ),
        "then": Matrix(
            [[0, -1], [1, 0]],
            help="a second transformation B, applied after A",
            require=[_digits],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse a picture whose basis arrows no scale that fits it can show."""
        a, v, b = args.matrix, args.vector, args.then
        if max(np.max(np.abs(a)), np.max(np.abs(b))) <= OLD_MATRIX and (
            np.max(np.abs(v)) <= OLD_VECTOR
        ):
            return  # always taken: unchanged
        if view_unit(a, v, b) >= MIN_ARROW:
            return
        groups = drawn_points(a, v, b)
        name = max(groups, key=lambda n: float(np.max(np.abs(groups[n]))))
        reach = float(np.max(np.abs(groups[name])))
        raise ParamError(
            name,
            fmt_vec(args[name]) if name == "vector" else fmt_rows(args[name]),
            f"a picture reaching at most about {fmt(MAX_REACH, 0)} grid units above "
            f"or below 0 ({fmt(MAX_REACH * WIDE, 0)} across), B A included",
            why=(
                f"it sends a point {fmt(reach)} units out, and at the scale that "
                f"fits it the basis arrows are under {fmt(MIN_ARROW)} scene units "
                "long, too short to see"
            ),
        )

    def construct(self) -> None:
        a, v, b = self.args.matrix, self.args.vector, self.args.then
        self.fit_view(a, v, b)
        self.title_card("Linear transformations", "What does a matrix do to space?")
        self.show_grid_and_basis()
        self.show_vector(v)
        self.apply_matrix(a, v)
        self.read_columns(a)
        self.follow_vector(a, v)
        self.compose_two(a, b)
        self.recap(
            [
                "A matrix moves every point of the plane; grid lines stay straight and evenly spaced.",
                "Its columns are where the basis vectors land.",
                "A v = x times column 1 plus y times column 2.",
                "Doing A, then B, is the single matrix B A.",
            ],
            "every dense layer multiplies its input vector by a weight matrix.",
        )

    # -- view ------------------------------------------------------------------
    def fit_view(self, a: np.ndarray, v: np.ndarray, b: np.ndarray) -> None:
        """Choose the grid scale so every vector the lesson draws stays on screen."""
        self.unit = view_unit(a, v, b)
        self.origin = ORIGIN + 0.0 * DOWN
        self.view = PlaneView(self.unit, self.origin)

    def arrow(self, xy: np.ndarray, color: str) -> Mobject:
        """An arrow from the origin to ``xy``."""
        return self.view.arrow(xy, color)

    def make_plane(self, opacity: float = 1.0) -> NumberPlane:
        plane = self.view.plane(opacity, reach=config.frame_width, z_index=0)
        self.backdrop(plane)
        return plane

    # -- beats -------------------------------------------------------------------
    def show_grid_and_basis(self) -> None:
        self.ghost = self.make_plane(opacity=0.25)
        self.plane = self.make_plane()
        self.i_hat = self.arrow(np.array([1, 0]), GREEN)
        self.j_hat = self.arrow(np.array([0, 1]), RED)
        self.i_label = tex(r"\hat{\imath}", color=GREEN).next_to(
            self.i_hat.get_end(), DOWN + RIGHT, buff=0.1
        )
        self.j_label = tex(r"\hat{\jmath}", color=RED).next_to(
            self.j_hat.get_end(), UP + LEFT, buff=0.1
        )
        self.add(self.ghost)
        with self.beat(
            "Start with the plane and two basis vectors: i-hat, one step right, and j-hat, one step up.",
            chapter="The basis",
        ):
            self.play(Create(self.plane), run_time=1.5)
            self.play(GrowArrow(self.i_hat), GrowArrow(self.j_hat), run_time=0.8)
            self.play(FadeIn(self.i_label), FadeIn(self.j_label), run_time=0.5)

    def show_vector(self, v: np.ndarray) -> None:
        self.v_arrow = self.arrow(v, ACCENT)
        self.v_label = tex("v", color=ACCENT).next_to(
            self.v_arrow.get_end(), UP + RIGHT, buff=0.1
        )
        combo = tex(
            "v", "=", fmt(v[0]), r"\hat{\imath}", "+", fmt(v[1]), r"\hat{\jmath}"
        )
        combo[0].set_color(ACCENT)
        combo[3].set_color(GREEN)
        combo[6].set_color(RED)
        self.info = panel(combo).to_corner(UL, buff=0.3)
        with self.beat(
            f"Every vector is a mix of the two. This one, v, is {fmt(v[0])} i-hat plus {fmt(v[1])} j-hat.",
        ):
            self.play(GrowArrow(self.v_arrow), FadeIn(self.v_label), run_time=0.8)
            self.play(FadeIn(self.info), run_time=0.6)

    def basis_moves(self, m: np.ndarray) -> list[Transform]:
        """Move i-hat and j-hat onto the columns of ``m``."""
        c1, c2 = basis_images(m)
        return [
            Transform(self.i_hat, self.arrow(c1, GREEN)),
            Transform(self.j_hat, self.arrow(c2, RED)),
        ]

    def apply_matrix(self, a: np.ndarray, v: np.ndarray) -> None:
        matrix = tex("A", "=", tex_matrix(a))
        matrix[0].set_color(PURPLE)
        new_info = panel(matrix).to_corner(UL, buff=0.3)
        with self.beat(
            "Now apply a matrix, A. The whole grid moves, yet its lines stay straight, "
            "parallel and evenly spaced, and the origin stays put. That is what linear means.",
            chapter="Applying a matrix",
        ):
            self.play(
                ReplacementTransform(self.info, new_info),
                FadeOut(self.i_label, self.j_label, self.v_label),
                run_time=0.8,
            )
            self.info = new_info
            self.play(
                ApplyMatrix(a, self.plane, about_point=self.origin),
                *self.basis_moves(a),
                Transform(self.v_arrow, self.arrow(transform(a, v), ACCENT)),
                run_time=3,
            )

    def read_columns(self, a: np.ndarray) -> None:
        c1, c2 = basis_images(a)
        matrix = tex("A", "=", tex_matrix(a))
        matrix[0].set_color(PURPLE)
        lines = VGroup(
            matrix,
            tex(r"\hat{\imath}", r"\to", fmt_vec(c1), color=GREEN),
            tex(r"\hat{\jmath}", r"\to", fmt_vec(c2), color=RED),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        new_info = panel(lines).to_corner(UL, buff=0.3)
        with self.beat(
            f"Look where the basis vectors land. i-hat lands on {fmt_vec(c1)}, the first column of A, "
            f"and j-hat on {fmt_vec(c2)}, the second column.",
            say=f"Look where the basis vectors land. i-hat lands on {say_vec(c1)}, the first column of A, "
            f"and j-hat on {say_vec(c2)}, the second column.",
            key=True,
        ):
            self.play(ReplacementTransform(self.info, new_info), run_time=0.8)
            self.info = new_info
            self.play(
                self.i_hat.animate.set_stroke(width=9),
                self.j_hat.animate.set_stroke(width=9),
                run_time=0.5,
            )
            self.play(
                self.i_hat.animate.set_stroke(width=5),
                self.j_hat.animate.set_stroke(width=5),
                run_time=0.5,
            )

    def follow_vector(self, a: np.ndarray, v: np.ndarray) -> None:
        c1, c2 = basis_images(a)
        av = transform(a, v)
        equation = tex(
            "A v",
            "=",
            fmt(v[0]),
            tex_matrix(c1),
            "+",
            fmt(v[1]),
            tex_matrix(c2),
            "=",
            tex_matrix(av),
            size=34,
        )
        equation[0].set_color(ACCENT)
        equation[3].set_color(GREEN)
        equation[6].set_color(RED)
        equation[8].set_color(ACCENT)
        card = panel(equation).next_to(self.info, DOWN, buff=0.2, aligned_edge=LEFT)
        # the two scaled columns, tip to tail, reach A v
        leg1 = self.arrow(v[0] * c1, GREEN).set_stroke(opacity=0.7)
        leg2 = Arrow(
            self.view.point(v[0] * c1),
            self.view.point(av),
            buff=0,
            color=RED,
            stroke_width=5,
            tip_length=0.22,
            max_tip_length_to_length_ratio=0.25,
        )
        with self.beat(
            f"And v follows the same recipe: {fmt(v[0])} times the first column plus {fmt(v[1])} times the second, "
            f"which is {fmt_vec(av)}. That is all a matrix times a vector is.",
            say=f"And v follows the same recipe: {fmt(v[0])} times the first column plus {fmt(v[1])} times the second, "
            f"which is {say_vec(av)}. That is all a matrix times a vector is.",
        ):
            self.play(FadeIn(card), run_time=0.8)
            self.play(GrowArrow(leg1), run_time=0.7)
            self.play(GrowArrow(leg2), run_time=0.7)
        self.play(FadeOut(card, leg1, leg2), run_time=0.4)

    def compose_two(self, a: np.ndarray, b: np.ndarray) -> None:
        ba = compose(a, b)
        reset = self.basis_moves(np.eye(2))
        fresh = self.make_plane()
        with self.beat(
            "Now do two transformations in a row: first A, then a second matrix, B.",
            chapter="Composition",
        ):
            self.play(
                FadeOut(self.v_arrow),
                ReplacementTransform(self.plane, fresh),
                *reset,
                run_time=1.2,
            )
            self.plane = fresh
            step1 = self.shown_matrices(a, None)
            self.play(ReplacementTransform(self.info, step1), run_time=0.6)
            self.info = step1
            self.play(
                ApplyMatrix(a, self.plane, about_point=self.origin),
                *self.basis_moves(a),
                run_time=2,
            )
            step2 = self.shown_matrices(a, b)
            self.play(ReplacementTransform(self.info, step2), run_time=0.6)
            self.info = step2
            self.play(
                ApplyMatrix(b, self.plane, about_point=self.origin),
                *self.basis_moves(ba),
                run_time=2,
            )
        c1, c2 = basis_images(ba)
        product = tex(
            "BA", "=", tex_matrix(b), tex_matrix(a), "=", tex_matrix(ba), size=34
        )
        product[0].set_color(ACCENT)
        card = panel(product).to_corner(UL, buff=0.3)
        with self.beat(
            f"The basis vectors end at {fmt_vec(c1)} and {fmt_vec(c2)}: the columns of the product B A. "
            "Multiplying matrices is doing one transformation after the other.",
            say=f"The basis vectors end at {say_vec(c1)} and {say_vec(c2)}: the columns of the product B A. "
            "Multiplying matrices is doing one transformation after the other.",
        ):
            self.play(ReplacementTransform(self.info, card), run_time=0.8)
            self.info = card
            fresh = self.make_plane()
            self.play(
                ReplacementTransform(self.plane, fresh),
                *self.basis_moves(np.eye(2)),
                run_time=1,
            )
            self.plane = fresh
            self.play(
                ApplyMatrix(ba, self.plane, about_point=self.origin),
                *self.basis_moves(ba),
                run_time=2.5,
            )
        self.play(
            FadeOut(self.plane, self.ghost, self.i_hat, self.j_hat, self.info),
            run_time=0.6,
        )

    def shown_matrices(self, a: np.ndarray, b: np.ndarray | None) -> object:
        parts = [tex("A", "=", tex_matrix(a), size=34)]
        parts[0][0].set_color(PURPLE)
        if b is not None:
            second = tex("B", "=", tex_matrix(b), size=34)
            second[0].set_color(ACCENT)
            parts.append(second)
        note = text("then" if b is not None else "first", SMALL, MUTED)
        row = VGroup(*parts).arrange(RIGHT, buff=0.5)
        return panel(
            VGroup(note, row).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        ).to_corner(UL, buff=0.3)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on matrices as moves of the plane, numbers drawn from ``seed``.

    Three exercises: where ``v`` lands from where the basis vectors land
    (:func:`basis_images`, :func:`transform`); the matrix that sends the basis to
    two given vectors; and the single matrix for "A, then B" (:func:`compose`).
    """
    rng = np.random.default_rng(seed)
    fmt, vec, tex = kit_numbers.fmt, kit_numbers.fmt_vec, kit_numbers.tex_matrix
    a = rng.integers(-3, 4, size=(2, 2)).astype(float)
    v = rng.integers(-3, 4, size=2).astype(float)
    i_hat, j_hat = basis_images(a)
    image = transform(a, v)
    p = rng.integers(-3, 4, size=2).astype(float)
    q = rng.integers(-3, 4, size=2).astype(float)
    sends = np.column_stack([p, q])
    first = rng.integers(-2, 3, size=(2, 2)).astype(float)
    then = rng.integers(-2, 3, size=(2, 2)).astype(float)
    both = compose(first, then)
    return [
        Exercise(
            id="linear-transformations-1",
            prompt=(
                f"A matrix sends $\\hat\\imath$ to ${vec(i_hat)}$ and $\\hat\\jmath$ to "
                f"${vec(j_hat)}$. Where does it send $v = {vec(v)}$?"
            ),
            kind="vector",
            answer=image,
            hint="v is x copies of i-hat plus y copies of j-hat; the matrix keeps that recipe.",
            solution=(
                f"${fmt(v[0])}\\,{vec(i_hat)} + {kit_numbers.factor(fmt(v[1]))}\\,{vec(j_hat)} "
                f"= {vec(image)}$."
            ),
        ),
        Exercise(
            id="linear-transformations-2",
            prompt=(
                f"Which matrix sends $\\hat\\imath$ to ${vec(p)}$ and $\\hat\\jmath$ to "
                f"${vec(q)}$?"
            ),
            kind="matrix",
            answer=sends,
            hint="The columns of a matrix are where the basis vectors land.",
            solution=f"Put the landing spots in as columns: ${tex(sends)}$.",
        ),
        Exercise(
            id="linear-transformations-3",
            prompt=(
                f"First apply $A = {tex(first)}$, then $B = {tex(then)}$. "
                "Which single matrix does both?"
            ),
            kind="matrix",
            answer=both,
            hint="Applying A then B to v gives B(Av) = (BA)v: the later matrix goes on the left.",
            solution=f"$BA = {tex(then)}{tex(first)} = {tex(both)}$.",
        ),
    ]
