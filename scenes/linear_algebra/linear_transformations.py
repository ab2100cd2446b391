"""Linear transformations: a matrix moves the whole plane.

The columns of a 2x2 matrix are where the basis vectors land; every other vector
follows, ``A v = x * column1 + y * column2``. Applying one matrix after another
is again one matrix, whose columns are where the basis lands after both moves:
the product ``B A``, read off the picture (this lesson comes before the
row-times-column rule, which matrix-operations derives from it). Swapping the
order moves the basis somewhere else, so ``A B`` is not ``B A``. The
machine-learning beat is a dense layer (the matrix) and a ReLU bending a 2-D
cloud of points. The numbers on screen come from the pure functions below,
which the tests check on their own.

General claims (text and narration), and why each holds:

- "Every vector is a mix of the two basis vectors": ``v = x i + y j`` for
  ``v = (x, y)`` (definition of coordinates).
- "The whole grid moves, yet its lines stay straight, parallel and evenly
  spaced, and the origin stays put": true for every invertible matrix (a linear
  map sends lines to lines, parallel lines to parallel lines, equal steps to
  equal steps, and 0 to 0). A matrix with determinant 0 squashes the plane
  flat, so :func:`grid_words` says that instead (Hypothesis test: the words say
  "squashes" exactly when the rank is below 2).
- "i-hat lands on the first column, j-hat on the second": ``A e1`` and ``A e2``
  are the columns (tested, :func:`basis_images`).
- "v follows the same recipe: x times the first column plus y times the
  second. That is all a matrix times a vector is": linearity,
  ``A(x e1 + y e2) = x A e1 + y A e2`` (Hypothesis test against ``A @ v``).
- "B is a quarter turn: it rotates the plane 90 degrees counter-clockwise":
  computed by :func:`then_words` from :func:`rotation_angle` (``B^T B = I``,
  ``det B = 1``, angle from ``atan2``); any other B is only "a second matrix"
  (Hypothesis tests over rotation angles and over general matrices).
- "The single matrix that does both has those columns; it is the product B A,
  B written first because it acts last": ``B(A v) = (BA) v`` (Hypothesis test,
  :func:`compose`).
- "Swap the order ... the basis lands somewhere else, so A B is not B A":
  computed by :func:`order_words` from :func:`commute`; when the two happen to
  commute the words say so and add "most pairs do not" (true: commuting pairs
  satisfy polynomial equations, a measure-zero set; Hypothesis test that the
  words match ``allclose(AB, BA)``).
- "A dense layer makes this same move: its weight matrix moves every input
  point; real layers also add a bias, left out here": a dense layer computes
  ``W x + b``; the beat uses ``b = 0``, ``W = A``.
- "The rows of points stay straight" after the matrix: lines go to lines (or a
  point, which is still not bent; :func:`is_bent` tested).
- "ReLU sets every negative coordinate to zero, pushing points onto the edges
  of the top-right quarter": ``max(x, 0)`` per coordinate (tested against
  numpy), so every output has both coordinates >= 0.
- "Straight lines bend where they cross an axis: N of the 5 rows are bent":
  N counted by :func:`is_bent` on the drawn rows (:func:`relu_words`; if none
  bends the words say so; tests on known straight and bent paths).
- "No matrix bends a line, so these bends are what let stacked layers draw
  boundaries a matrix alone never could": a product of matrices is a matrix,
  so without the nonlinearity a stack of layers is one linear map.
"""

from __future__ import annotations

import math

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Matrix, Vector
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_rows, fmt_vec, say_vec, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, fit_unit, legible_entries
from scenes.style import *

__all__ = [
    "CLOUD",
    "CLOUD_LINES",
    "LinearTransformations",
    "basis_images",
    "cloud_unit",
    "commute",
    "compose",
    "dense_relu",
    "drawn_points",
    "grid_words",
    "is_bent",
    "order_words",
    "practice",
    "relu",
    "relu_words",
    "rotation_angle",
    "shoelace_area",
    "then_words",
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


def rotation_angle(matrix: np.ndarray, tol: float = 1e-9) -> float | None:
    """The angle in degrees, in (-180, 180], if ``matrix`` is a rotation, else ``None``.

    A rotation keeps lengths and orientation: ``M^T M = I`` and ``det M = 1``.
    Positive angles turn counter-clockwise. The identity is a rotation by 0.
    """
    m = np.asarray(matrix, dtype=float)
    if not np.allclose(m.T @ m, np.eye(2), atol=tol) or np.linalg.det(m) < 0:
        return None
    angle = math.degrees(math.atan2(m[1, 0], m[0, 0]))
    return 180.0 if angle <= -180.0 + 1e-9 else angle + 0.0


def then_words(matrix: np.ndarray) -> str:
    """What the second matrix B does, as the narration names it.

    ``"a quarter turn: it rotates the plane 90 degrees counter-clockwise"`` for
    the default B; other rotations by their angle; anything that is not a
    rotation (:func:`rotation_angle` is ``None``) is just ``"a second matrix"``.
    """
    angle = rotation_angle(matrix)
    if angle is None:
        return "a second matrix"
    size = abs(round(angle))
    if size == 0:
        return "the identity: it leaves the plane where it is"
    way = "counter-clockwise" if angle > 0 else "clockwise"
    if size == 180:
        return "a half turn: it rotates the plane 180 degrees"
    name = "a quarter turn" if size == 90 else "a rotation"
    return f"{name}: it rotates the plane {size} degrees {way}"


def commute(a: np.ndarray, b: np.ndarray, tol: float = 1e-9) -> bool:
    """Whether "A, then B" and "B, then A" are the same move (``BA == AB``)."""
    return bool(np.allclose(compose(a, b), compose(b, a), atol=tol))


def order_words(a: np.ndarray, b: np.ndarray) -> str:
    """The narration's verdict on swapping the order, from :func:`commute`."""
    if commute(a, b):
        return (
            "Here the basis lands in the same place: these two happen to commute. "
            "Most pairs do not."
        )
    return (
        "The basis lands somewhere else, so A B is not B A: the order of the "
        "moves matters."
    )


def grid_words(matrix: np.ndarray) -> str:
    """What happens to the grid under ``matrix``, true for its rank.

    A matrix with determinant 0 squashes the plane onto a line or a point, so
    its grid lines cannot stay evenly spaced; any other keeps them straight,
    parallel and evenly spaced.
    """
    if np.linalg.matrix_rank(np.asarray(matrix, dtype=float)) < 2:
        return (
            "The whole grid moves, and this one squashes the plane flat, onto a "
            "line; still the lines stay straight and the origin stays put."
        )
    return (
        "The whole grid moves, yet its lines stay straight, parallel and evenly "
        "spaced, and the origin stays put."
    )


#: The input cloud of the machine-learning beat: a 5 x 5 grid of points in [-1, 1]^2.
CLOUD = np.array([[x, y] for y in np.linspace(-1, 1, 5) for x in np.linspace(-1, 1, 5)])
#: The cloud's rows as lines of points, shape (5, 41, 2).
CLOUD_LINES = np.array(
    [[[x, y] for x in np.linspace(-1, 1, 41)] for y in np.linspace(-1, 1, 5)]
)


def relu(points: np.ndarray) -> np.ndarray:
    """ReLU on every coordinate: negative coordinates become 0 (same shape)."""
    return np.maximum(np.asarray(points, dtype=float), 0.0) + 0.0


def dense_relu(weights: np.ndarray, points: np.ndarray) -> np.ndarray:
    """A dense layer without bias, then ReLU: ``relu(W p)`` for each row ``p``."""
    return relu(transform(weights, points))


def is_bent(path: np.ndarray, tol: float = 1e-9) -> bool:
    """Whether the points of ``path`` (shape (n, 2)) fail to lie on one line."""
    p = np.asarray(path, dtype=float)
    centred = p - p.mean(axis=0)
    if not np.any(np.abs(centred) > tol):
        return False
    spread = np.linalg.svd(centred, compute_uv=False)
    return bool(spread[-1] > 1e-7 * max(1.0, spread[0]))


def relu_words(weights: np.ndarray) -> str:
    """What ReLU does to the cloud's lines after ``weights``, from :func:`is_bent`."""
    bent = sum(is_bent(dense_relu(weights, line)) for line in CLOUD_LINES)
    if bent == 0:
        return "Here no line crosses an axis, so none of them bends."
    return (
        "So straight lines bend where they cross an axis: "
        f"{bent} of the {len(CLOUD_LINES)} rows are bent now."
    )


def drawn_points(a: np.ndarray, v: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
    """Every plane point the lesson draws, by the parameter that puts it there.

    ``"vector"``: the basis and v; ``"matrix"``: their images under A and the
    unit square's; ``"then"``:
    the basis under B, under B A and under A B. Each value has shape (n, 2).
    """
    basis = np.eye(2)
    return {
        "vector": np.vstack([basis, v]),
        "matrix": np.vstack(
            [
                transform(a, basis),
                transform(a, v),
                unit_square_image(a),
            ]
        ),
        "then": np.vstack(
            [
                transform(compose(a, b), basis),
                transform(b, basis),
                transform(compose(b, a), basis),
            ]
        ),
    }


def cloud_unit(a: np.ndarray) -> float:
    """Scene units per grid unit for the machine-learning beat's zoomed view.

    Fits the cloud (:data:`CLOUD`) before and after ``a`` (ReLU only moves
    points toward the origin), at most 2 scene units per grid unit.
    """
    points = np.vstack([CLOUD, transform(a, CLOUD)])
    half_w = config.frame_width / 2 - 0.4
    half_h = min(config.frame_height / 2 - 0.4, -CONTENT_BOTTOM - 0.2)
    return fit_unit(points, half_w, half_h, most=2.0, least=0.0)


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
        self.read_product(a, b)
        self.swap_order(a, b)
        self.dense_layer(a)
        self.bend_with_relu(a)
        self.recap_over_columns(a)

    # -- view ------------------------------------------------------------------
    def fit_view(self, a: np.ndarray, v: np.ndarray, b: np.ndarray) -> None:
        """Choose the grid scale so every vector the lesson draws stays on screen."""
        self.unit = view_unit(a, v, b)
        self.origin = ORIGIN + 0.0 * DOWN
        self.view = PlaneView(self.unit, self.origin)

    def arrow(self, xy: np.ndarray, color: str) -> Mobject:
        """An arrow from the origin to ``xy``."""
        return self.view.arrow(xy, color)

    def tip_label(self, name: str, xy: np.ndarray, color: str) -> Mobject:
        """``name`` just past the tip of the arrow to ``xy``, on a small card."""
        away = np.asarray(xy, dtype=float)
        away = away / (np.linalg.norm(away) or 1.0)
        label = tex(name, color=color)
        spot = self.view.point(xy) + (0.3 + label.width / 2) * np.array([*away, 0.0])
        return panel(label, buff=0.06).move_to(spot)

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
        # each label on the side v's arrow does not pass
        v = self.args.vector
        self.i_label = tex(r"\hat{\imath}", color=GREEN).next_to(
            self.i_hat.get_end(), (UP if v[1] < 0 else DOWN) + RIGHT, buff=0.1
        )
        self.j_label = tex(r"\hat{\jmath}", color=RED).next_to(
            self.j_hat.get_end(), UP + (RIGHT if v[0] < 0 else LEFT), buff=0.1
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
        av = transform(a, v)
        self.av_label = self.tip_label("Av", av, ACCENT)
        with self.beat(
            f"Now apply a matrix, A. {grid_words(a)} That is what linear means.",
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
                Transform(self.v_arrow, self.arrow(av, ACCENT)),
                run_time=3,
            )
            self.play(FadeIn(self.av_label), run_time=0.5)

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
            self.wait(1.5)

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
            f"Now two moves in a row: first A, then B. B is {then_words(b)}.",
            chapter="Composition",
        ):
            self.play(
                FadeOut(self.v_arrow, self.av_label),
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

    def product_card(self, name: str, m: np.ndarray, color: str) -> Mobject:
        """``name = [m]`` with where the basis lands, as a column of formulas."""
        c1, c2 = basis_images(m)
        head = tex(name, "=", tex_matrix(m), size=34)
        head[0].set_color(color)
        return VGroup(
            head,
            tex(r"\hat{\imath}", r"\to", fmt_vec(c1), size=34, color=GREEN),
            tex(r"\hat{\jmath}", r"\to", fmt_vec(c2), size=34, color=RED),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)

    def read_product(self, a: np.ndarray, b: np.ndarray) -> None:
        ba = compose(a, b)
        c1, c2 = basis_images(ba)
        card = panel(self.product_card("BA", ba, ACCENT)).to_corner(UL, buff=0.3)
        with self.beat(
            f"The basis vectors end at {fmt_vec(c1)} and {fmt_vec(c2)}. Put them in "
            "as columns: that one matrix does both moves at once. It is called the "
            "product, B A, with B written first because it acts last.",
            say=f"The basis vectors end at {say_vec(c1)} and {say_vec(c2)}. Put them "
            "in as columns: that one matrix does both moves at once. It is called the "
            "product, B A, with B written first because it acts last.",
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
                run_time=3.5,
            )

    def swap_order(self, a: np.ndarray, b: np.ndarray) -> None:
        ab = compose(b, a)
        ba_arrows = VGroup(self.i_hat.copy(), self.j_hat.copy()).set_color(MUTED)
        self.add(ba_arrows)
        rel = r"=" if commute(a, b) else r"\neq"
        verdict = tex("AB", rel, "BA", size=40, color=ACCENT)
        card = panel(
            VGroup(
                text("first B, then A", SMALL, MUTED),
                self.product_card("AB", ab, PURPLE),
                text("grey arrows: B A", SMALL, MUTED),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        ).to_corner(UL, buff=0.3)
        final = panel(
            VGroup(
                self.product_card("AB", ab, PURPLE),
                VGroup(
                    tex("BA", "=", tex_matrix(compose(a, b)), size=34, color=MUTED),
                    text("(grey)", SMALL, MUTED),
                ).arrange(RIGHT, buff=0.2),
                verdict,
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        ).to_corner(UL, buff=0.3)
        with self.beat(
            f"Now swap the order: first B, then A. {order_words(a, b)}",
            say=f"Now swap the order: first B, then A. {order_words(a, b)}",
        ):
            fresh = self.make_plane()
            self.play(
                ReplacementTransform(self.plane, fresh),
                ReplacementTransform(self.info, card),
                *self.basis_moves(np.eye(2)),
                run_time=1,
            )
            self.plane, self.info = fresh, card
            self.play(
                ApplyMatrix(b, self.plane, about_point=self.origin),
                *self.basis_moves(b),
                run_time=1.5,
            )
            self.play(
                ApplyMatrix(a, self.plane, about_point=self.origin),
                *self.basis_moves(ab),
                run_time=1.5,
            )
            self.play(ReplacementTransform(self.info, final), run_time=0.8)
            self.info = final
        self.play(
            FadeOut(self.plane, self.i_hat, self.j_hat, self.info, ba_arrows),
            run_time=0.6,
        )

    # -- machine learning ---------------------------------------------------------
    def cloud_mobjects(self, dots: np.ndarray, lines: np.ndarray) -> VGroup:
        """The cloud's points as dots and its rows as polylines, at plane points."""
        rows = VGroup(
            *(
                VMobject(color=PURPLE, stroke_width=3).set_points_as_corners(
                    [self.view.point(p) for p in line]
                )
                for line in lines
            )
        )
        points = VGroup(
            *(Dot(self.view.point(p), radius=0.06, color=ACCENT) for p in dots)
        )
        return VGroup(rows, points)

    def dense_layer(self, a: np.ndarray) -> None:
        self.view = PlaneView(cloud_unit(a), self.origin)  # zoom in on the cloud
        self.plane = self.make_plane()
        self.cloud = self.cloud_mobjects(CLOUD, CLOUD_LINES)
        formula = tex("W", "=", tex_matrix(a), size=34)
        formula[0].set_color(PURPLE)
        card = panel(
            VGroup(text("dense layer", SMALL, MUTED), formula).arrange(
                DOWN, aligned_edge=LEFT, buff=0.15
            )
        ).to_corner(UL, buff=0.3)
        with self.beat(
            "In a neural network, a dense layer makes this same move. Its weight "
            "matrix, here W equal to A, moves every input point; real layers also "
            "add a bias, left out here. The rows of points stay straight.",
            chapter="In machine learning",
        ):
            self.play(FadeIn(self.plane), FadeIn(self.cloud), run_time=0.8)
            self.play(FadeIn(card), run_time=0.5)
            self.info = card
            self.play(
                Transform(
                    self.cloud,
                    self.cloud_mobjects(transform(a, CLOUD), transform(a, CLOUD_LINES)),
                ),
                run_time=4,
            )

    def bend_with_relu(self, a: np.ndarray) -> None:
        v = self.view
        right = (config.frame_width / 2 - 0.05 - v.origin[0]) / v.unit
        top = (config.frame_height / 2 - 0.05 - v.origin[1]) / v.unit
        quarter = v.polygon(
            np.array([[0, 0], [right, 0], [right, top], [0, top]]),
            GREEN,
            opacity=0.12,
        ).set_stroke(width=0)
        quarter.set_z_index(-1)
        rule = tex(r"\mathrm{ReLU}(x) = \max(x, 0)", size=34, color=GREEN)
        card = panel(
            VGroup(*self.info[1].copy(), rule).arrange(
                DOWN, aligned_edge=LEFT, buff=0.15
            )
        ).to_corner(UL, buff=0.3)
        with self.beat(
            "Then the ReLU sets every negative coordinate to zero, pushing points "
            f"onto the edges of the top-right quarter. {relu_words(a)} No matrix "
            "bends a line, so these bends are what let stacked layers draw "
            "boundaries a matrix alone never could.",
        ):
            before = self.cloud.copy().set_color(MUTED).set_opacity(0.5)
            self.add(before, self.cloud)
            self.play(
                ReplacementTransform(self.info, card), FadeIn(quarter), run_time=0.8
            )
            self.info = card
            self.play(
                Transform(
                    self.cloud,
                    self.cloud_mobjects(
                        dense_relu(a, CLOUD), dense_relu(a, CLOUD_LINES)
                    ),
                ),
                run_time=4,
            )
        self.play(
            FadeOut(self.plane, self.cloud, self.info, quarter, before), run_time=0.6
        )
        self.view = PlaneView(self.unit, self.origin)

    def recap_over_columns(self, a: np.ndarray) -> None:
        """The key picture again: the grid after A, the basis on A's columns."""
        self.plane = self.make_plane()
        self.plane.apply_matrix(a, about_point=self.origin)
        c1, c2 = basis_images(a)
        self.i_hat, self.j_hat = self.arrow(c1, GREEN), self.arrow(c2, RED)
        card = panel(self.product_card("A", a, PURPLE)).to_corner(UL, buff=0.3)
        picture = [self.ghost, self.plane, self.i_hat, self.j_hat, card]
        self.play(*(FadeIn(m) for m in picture[1:]), run_time=0.8)
        self.recap_over(
            picture,
            "A matrix moves the whole plane: its columns are where i-hat and j-hat "
            "land, and A then B is one matrix, B A.",
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
