"""Matrix operations: adding entry by entry, multiplying as composition, transposing.

This lesson comes after linear transformations, so the product gets its meaning
before its rule: ``A B`` is "first B, then A", and its column ``j`` is where A
sends column ``j`` of B, a combination of A's columns weighted by that column's
entries. Reading that column row by row gives the row-times-column rule. The
transpose is shown on a 2 x 3 matrix, so the shape change is visible, and
``(A B)^T = B^T A^T`` is derived from the entry rule. In machine learning a
layer multiplies a whole batch of inputs (one per row) by its weight matrix,
and the shapes must fit. The numbers on screen come from the pure functions
below, which the tests check on their own.

General claims (text and narration), and why each holds:

- "Matrices of one shape add entry by entry"; "different shapes, so A + B is
  not defined. A can always be added to itself": definition (:func:`add`
  refuses different shapes; tested).
- "A matrix moves the plane, and its columns say where the basis vectors land":
  ``A e_k`` is column ``k`` of A (the previous lesson).
- "A B means: first B, then A": ``(A B) x = A (B x)``, associativity of the
  product (Hypothesis test on vectors).
- "B sends the first basis vector to its first column; A sends that to
  b11 times A's first column plus ...: the first column of A B":
  :func:`column_image` returns the combination, tested equal to column ``j`` of
  :func:`matmul` and of ``numpy`` (Hypothesis over shapes and entries).
- "Its top entry is row 1 of A times column 1 of B ... entry i, j of A B is row i
  of A times column j of B": entry ``i`` of ``sum_k B[k, j] A[:, k]`` is
  ``sum_k A[i, k] B[k, j]`` (:func:`entry` tested against numpy).
- "The transpose flips a matrix over its diagonal: rows become columns, so a
  2 by 3 becomes 3 by 2": :func:`transpose` moves ``(i, j)`` to ``(j, i)``;
  the shape words are computed from :data:`WIDE`'s shape.
- "Entry i, j of (A B)^T is entry j, i of A B ...; in B^T A^T it is column i of B
  times row j of A: the same pairs, multiplied the other way round. So
  (A B)^T = B^T A^T": :func:`transpose_entry_terms` (Hypothesis test that the
  pairs are the same, swapped, and that the matrices are equal).
- "X holds one input per row, m inputs with n features; W is n by p, so X W is
  m by p: a row of p outputs per input. Row k of the outputs comes from input k
  alone": ``(X W)[k, :] = X[k, :] W`` (tested); the shape words come from
  :data:`BATCH` and :data:`WEIGHTS`.
- "Weights of shape 2 by 3 would not fit ... not defined": :func:`product_shape`
  of :data:`BATCH` and :data:`WRONG_WEIGHTS` is None (tested).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args
from mathreel.core.params import Matrix as MatrixParam
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import factor, fmt, fmt_vec, say_num, say_vec, tex_matrix
from scenes.style import *

__all__ = [
    "BATCH",
    "WEIGHTS",
    "WIDE",
    "WRONG_WEIGHTS",
    "MatrixOperations",
    "add",
    "can_multiply",
    "column_image",
    "entry",
    "entry_terms",
    "matmul",
    "practice",
    "product_shape",
    "shape_text",
    "transpose",
    "transpose_entry_terms",
    "whole_numbers_within",
]

#: Largest absolute entry of A and B.
MAX_ENTRY = 9

#: The transpose example: 2 x 3, so the flip visibly changes the shape.
WIDE = np.array([[1, 0, 2], [-1, 3, 1]], dtype=float)

#: The machine-learning chapter: a batch of 4 inputs with 3 features each, one per row.
BATCH = np.array([[1, 0, 2], [0, 1, 1], [2, 1, 0], [1, 2, 1]], dtype=float)
#: A layer's weights: 3 features in, 2 outputs.
WEIGHTS = np.array([[1, -1], [0, 2], [1, 1]], dtype=float)
#: Weights of the wrong shape for :data:`BATCH`: 2 x 3.
WRONG_WEIGHTS = WEIGHTS.T.copy()

#: Ordinals for naming columns in the narration.
ORDINALS = ("first", "second", "third")


# -- the math ---------------------------------------------------------------------


def add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``A + B``, entry by entry; the shapes must be equal."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"cannot add shapes {a.shape} and {b.shape}")
    return a + b


def product_shape(
    shape_a: tuple[int, int], shape_b: tuple[int, int]
) -> tuple[int, int] | None:
    """The shape of ``A B``, ``(m, p)`` for ``(m, n)`` times ``(n, p)``; else None."""
    (m, n), (r, p) = shape_a, shape_b
    return (m, p) if n == r else None


def can_multiply(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether a row of ``a`` is as long as a column of ``b``."""
    return product_shape(np.shape(a), np.shape(b)) is not None


def entry_terms(
    a: np.ndarray, b: np.ndarray, i: int, j: int
) -> list[tuple[float, float]]:
    """The pairs multiplied for entry ``(i, j)`` of ``A B``: row i of A with column j of B."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if not can_multiply(a, b):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    return [(float(x), float(y)) for x, y in zip(a[i, :], b[:, j], strict=True)]


def entry(a: np.ndarray, b: np.ndarray, i: int, j: int) -> float:
    """Entry ``(i, j)`` of ``A B``: the dot product of row i of A and column j of B."""
    return float(sum(x * y for x, y in entry_terms(a, b, i, j)))


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``A B``, built entry by entry from rows of ``A`` and columns of ``B``."""
    shape = product_shape(np.shape(a), np.shape(b))
    if shape is None:
        raise ValueError(f"cannot multiply shapes {np.shape(a)} and {np.shape(b)}")
    m, p = shape
    return np.array([[entry(a, b, i, j) for j in range(p)] for i in range(m)])


def column_image(
    a: np.ndarray, b: np.ndarray, j: int
) -> tuple[list[tuple[float, np.ndarray]], np.ndarray]:
    """Where ``A`` sends column ``j`` of ``B``: a combination of A's columns.

    Parameters
    ----------
    a : array of shape (m, n)
    b : array of shape (n, p)
    j : int
        Which column of ``B`` (0-based).

    Returns
    -------
    (terms, image)
        ``terms`` pairs each entry ``B[k, j]`` with column ``k`` of ``A``;
        ``image = sum B[k, j] A[:, k]``, of shape (m,). It equals column ``j``
        of :func:`matmul` (tested): the product's columns are where A sends B's.

    Raises
    ------
    ValueError
        When the shapes do not fit.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if not can_multiply(a, b):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    terms = [(float(b[k, j]), a[:, k].copy()) for k in range(a.shape[1])]
    image = np.zeros(a.shape[0])
    for coefficient, column in terms:
        image = image + coefficient * column
    return terms, image


def transpose_entry_terms(
    a: np.ndarray, b: np.ndarray, i: int, j: int
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """The products summed for entry ``(i, j)`` of ``(A B)^T`` and of ``B^T A^T``.

    ``(A B)^T[i, j] = (A B)[j, i]``: row ``j`` of A times column ``i`` of B.
    ``(B^T A^T)[i, j]``: row ``i`` of ``B^T`` (column ``i`` of B) times column
    ``j`` of ``A^T`` (row ``j`` of A). The same pairs, each multiplied in the
    other order (tested), which is why the two matrices are equal.
    """
    left = entry_terms(a, b, j, i)
    right = entry_terms(transpose(b), transpose(a), i, j)
    return left, right


def transpose(a: np.ndarray) -> np.ndarray:
    """``A^T``: entry ``(i, j)`` moves to ``(j, i)``; rows become columns."""
    a = np.asarray(a, dtype=float)
    rows, cols = a.shape
    return np.array([[a[i, j] for i in range(rows)] for j in range(cols)])


def shape_text(shape: tuple[int, int], sep: str = " by ") -> str:
    """``2 by 3``."""
    return f"{shape[0]}{sep}{shape[1]}"


def whole_numbers_within(limit: int):
    """A parameter requirement: whole-number entries from ``-limit`` to ``limit``."""

    def check(value: np.ndarray) -> str | None:
        if np.any(value != np.round(value)) or np.max(np.abs(value)) > limit:
            return (
                f"entries must be whole numbers from -{limit} to {limit}, so every "
                "sum and product on screen is exact and fits"
            )
        return None

    return check


# -- layout (scene units) -----------------------------------------------------------
TOP = config.frame_height / 2 - 0.35
BOTTOM = CONTENT_BOTTOM + 0.15
#: The recap's line sits below this; the last picture stays above it.
RECAP_TOP = CONTENT_BOTTOM + 1.1
ENTRY_SIZE = 48


def _spoken_terms(terms: Sequence[tuple[float, float]]) -> str:
    return " plus ".join(f"{say_num(x)} times {say_num(y)}" for x, y in terms)


def _shown_terms(terms: Sequence[tuple[float, float]]) -> str:
    return " + ".join(f"{fmt(x)}·{fmt(y)}" for x, y in terms)


def _tex_terms(terms: Sequence[tuple[float, float]]) -> str:
    return " + ".join(
        rf"{fmt(x) if k == 0 else factor(fmt(x))}\cdot{factor(fmt(y))}"
        for k, (x, y) in enumerate(terms)
    )


class MatrixOperations(CourseLesson):
    """Entry-by-entry sums, row-by-column products, shapes, and the transpose."""

    params = {
        "A": MatrixParam(
            [[1, 2], [3, 4]],
            shape=None,
            max_shape=(3, 3),
            help="the first matrix, A (whole numbers from -9 to 9)",
            require=[whole_numbers_within(MAX_ENTRY)],
        ),
        "B": MatrixParam(
            [[2, 0], [1, -1]],
            shape=None,
            max_shape=(3, 3),
            help="the second matrix, B; it needs as many rows as A has columns",
            require=[whole_numbers_within(MAX_ENTRY)],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """A B must exist: B needs as many rows as A has columns."""
        a, b = args.A, args.B
        if not can_multiply(a, b):
            raise ParamError(
                "B",
                json_rows(b),
                f"a matrix with {a.shape[1]} rows, as many as A has columns",
                why=f"A is {shape_text(a.shape, 'x')} and B is "
                f"{shape_text(b.shape, 'x')}, so the product A B is not defined",
            )

    def construct(self) -> None:
        a, b = self.args.A, self.args.B
        self.title_card(
            "Matrix operations", "How do you add, multiply and flip matrices?"
        )
        self.show_two(a, b)
        self.add_entries(a, b)
        self.set_up_product(a, b)
        self.first_column(a, b)
        self.first_entry(a, b)
        self.other_entries(a, b)
        self.flip(WIDE)
        self.product_transpose(a, b)
        self.batch_layer()
        self.wrong_weights()
        self.recap_over(
            list(self.mobjects),
            "Column j of A B is where A sends column j of B; each entry is a row of A "
            "times a column of B.",
        )

    # -- drawing helpers -------------------------------------------------------------
    def matrix(
        self, m: np.ndarray, color: str = INK, size: float = ENTRY_SIZE
    ) -> Matrix:
        """A matrix mobject; columns spaced for the widest entry."""
        cells = [[fmt(x) for x in row] for row in np.asarray(m)]
        probe = max(
            (tex(c, size=size).width for row in cells for c in row), default=0.3
        )
        mob = Matrix(
            cells,
            h_buff=max(0.75, probe + 0.45) * size / ENTRY_SIZE,
            v_buff=0.62 * size / ENTRY_SIZE,
            element_to_mobject_config={"font_size": size, "color": color},
            bracket_config={"color": MUTED},
        )
        return mob

    def named(self, name: str, mob: Mobject, color: str, size: float = 36) -> Mobject:
        label = tex(name, size=size, color=color).next_to(mob, UP, buff=0.2)
        return label

    def sign(self, symbol: str) -> Mobject:
        return tex(symbol, size=52)

    def box(self, mob: Mobject, color: str) -> SurroundingRectangle:
        return SurroundingRectangle(mob, color=color, buff=0.1, stroke_width=4)

    # -- beats: adding ---------------------------------------------------------------
    def show_two(self, a: np.ndarray, b: np.ndarray) -> None:
        self.same_shape = a.shape == b.shape
        self.left = a
        self.right = b if self.same_shape else a
        ma, mb = self.matrix(self.left, BLUE), self.matrix(self.right, GREEN)
        mc = self.matrix(add(self.left, self.right), ACCENT)
        row = VGroup(ma, self.sign("+"), mb, self.sign("="), mc).arrange(
            RIGHT, buff=0.35
        )
        row.move_to([0, 0.8, 0])
        if row.width > config.frame_width - 1:
            row.scale_to_fit_width(config.frame_width - 1)
        right_name = "B" if self.same_shape else "A"
        labels = VGroup(
            self.named("A", ma, BLUE),
            self.named(right_name, mb, GREEN),
            self.named(f"A + {right_name}", mc, ACCENT),
        )
        for entry_mob in mc.get_entries():
            entry_mob.set_opacity(0)
        self.add_row = VGroup(ma, mb, mc)
        self.add_signs = VGroup(row[1], row[3])
        self.add_labels = labels
        shape_a = shape_text(a.shape)
        if self.same_shape:
            line = (
                f"A matrix is a grid of numbers. Here are two, A and B, both {shape_a}."
            )
        else:
            line = (
                f"A matrix is a grid of numbers. A is {shape_a} and B is "
                f"{shape_text(b.shape)}: different shapes, so A + B is not defined. "
                "A can always be added to itself, though."
            )
        with self.beat(line, chapter="Adding"):
            self.play(FadeIn(ma, labels[0]), run_time=0.6)
            self.play(FadeIn(mb, labels[1], self.add_signs[0]), run_time=0.6)
            self.play(
                FadeIn(self.add_signs[1], mc.get_brackets(), labels[2]), run_time=0.6
            )

    def add_entries(self, a: np.ndarray, b: np.ndarray) -> None:
        ma, mb, mc = self.add_row
        left, right = self.left, self.right
        total = add(left, right)
        rows, cols = left.shape
        cells = [(i, j) for i in range(rows) for j in range(cols)]
        ea, eb, ec = ma.get_mob_matrix(), mb.get_mob_matrix(), mc.get_mob_matrix()

        def sum_line(i: int, j: int) -> Mobject:
            line = tex(
                factor(fmt(left[i, j])) if j or i else fmt(left[i, j]),
                "+",
                factor(fmt(right[i, j])),
                "=",
                fmt(total[i, j]),
                size=40,
            )
            line[0].set_color(BLUE)
            line[2].set_color(GREEN)
            line[4].set_color(ACCENT)
            return line.next_to(self.add_row, DOWN, buff=0.7)

        i0, j0 = cells[0]
        x, y = left[i0, j0], right[i0, j0]
        more = ", and so on, for every entry" if len(cells) > 1 else ""
        with self.beat(
            "To add, add the entries in matching places: "
            f"{fmt(x)} plus {fmt(y)} is {fmt(x + y)}{more}.",
            say="To add, add the entries in matching places: "
            f"{say_num(x)} plus {say_num(y)} is {say_num(x + y)}{more}.",
        ):
            boxes = VGroup(self.box(ea[i0][j0], BLUE), self.box(eb[i0][j0], GREEN))
            line = sum_line(i0, j0)
            self.play(Create(boxes), FadeIn(line), run_time=0.6)
            self.play(ec[i0][j0].animate.set_opacity(1), run_time=0.4)
            for i, j in cells[1:]:
                new_boxes = VGroup(self.box(ea[i][j], BLUE), self.box(eb[i][j], GREEN))
                new_line = sum_line(i, j)
                self.play(
                    Transform(boxes, new_boxes),
                    ReplacementTransform(line, new_line),
                    run_time=0.45,
                )
                line = new_line
                self.play(ec[i][j].animate.set_opacity(1), run_time=0.3)
            self.play(FadeOut(boxes), run_time=0.3)
        self.play(
            FadeOut(self.add_row, self.add_signs, self.add_labels, line), run_time=0.5
        )

    # -- beats: multiplying ------------------------------------------------------------
    def set_up_product(self, a: np.ndarray, b: np.ndarray) -> None:
        c = matmul(a, b)
        ma, mb, mc = self.matrix(a, BLUE), self.matrix(b, GREEN), self.matrix(c, ACCENT)
        row = VGroup(ma, mb, self.sign("="), mc).arrange(RIGHT, buff=0.3)
        row.move_to([0, 1.2, 0])
        if row.width > config.frame_width - 1:
            row.scale_to_fit_width(config.frame_width - 1)
        if row.get_top()[1] > TOP - 0.5:
            row.shift((TOP - 0.5 - row.get_top()[1]) * UP)
        for entry_mob in mc.get_entries():
            entry_mob.set_opacity(0)
        labels = VGroup(
            self.named("A", ma, BLUE),
            self.named("B", mb, GREEN),
            self.named("AB", mc, ACCENT),
        )
        self.prod = VGroup(ma, mb, mc)
        self.prod_rest = VGroup(row[2], labels)
        with self.beat(
            "Multiplying has a meaning. A matrix moves the plane, and its columns say "
            "where the basis vectors land. A B means: first B, then A.",
            chapter="Multiplying",
        ):
            self.play(FadeIn(ma, mb, labels[:2]), run_time=0.7)
            self.play(FadeIn(row[2], mc.get_brackets(), labels[2]), run_time=0.6)

    def combination_line(self, a: np.ndarray, b: np.ndarray, j: int) -> Mobject:
        terms, image = column_image(a, b, j)
        parts = ["A", tex_matrix(b[:, j]), "="]
        for k, (coefficient, column) in enumerate(terms):
            parts += [
                f"+{factor(fmt(coefficient))}" if k else fmt(coefficient),
                tex_matrix(column),
            ]
        parts += ["=", tex_matrix(image)]
        line = tex(*parts, size=40)
        line[0].set_color(BLUE)
        line[1].set_color(GREEN)
        for k in range(len(terms)):
            line[3 + 2 * k].set_color(GREEN)
            line[4 + 2 * k].set_color(BLUE)
        line[-1].set_color(ACCENT)
        if line.width > config.frame_width - 1:
            line.scale(max((config.frame_width - 1) / line.width, 0.85))
        line.next_to(self.prod, DOWN, buff=0.8).set_x(0)
        if line.get_bottom()[1] < BOTTOM:
            line.shift((BOTTOM - line.get_bottom()[1]) * UP)
        return line

    def first_column(self, a: np.ndarray, b: np.ndarray) -> None:
        terms, image = column_image(a, b, 0)
        _, mb, mc = self.prod
        shown = " plus ".join(
            f"{fmt(x)} times A's {ORDINALS[k]} column" for k, (x, _) in enumerate(terms)
        )
        said = " plus ".join(
            f"{say_num(x)} times A's {ORDINALS[k]} column"
            for k, (x, _) in enumerate(terms)
        )
        self.column_line = self.combination_line(a, b, 0)
        boxes = VGroup(self.box(mb.get_columns()[0], GREEN))
        with self.beat(
            "Where does A B send the first basis vector? B sends it to B's first "
            f"column, {fmt_vec(b[:, 0])}. A sends that to {shown}: "
            f"{fmt_vec(image)}, the first column of A B.",
            say="Where does A B send the first basis vector? B sends it to B's first "
            f"column, {say_vec(b[:, 0])}. A sends that to {said}: {say_vec(image)}, "
            "the first column of A B.",
        ):
            self.play(Create(boxes), run_time=0.6)
            line = self.column_line
            pieces = (line[:3], line[3:-2], line[-2:])
            for piece, seconds in zip(pieces, (0.6, 1.0, 0.6), strict=True):
                self.play(FadeIn(piece), run_time=seconds)
            self.remove(*pieces)
            self.add(line)  # one formula on screen, as written
            column = VGroup(*(row[0] for row in mc.get_mob_matrix()))
            boxes.add(self.box(mc.get_columns()[0], ACCENT))
            self.play(column.animate.set_opacity(1), Create(boxes[1]), run_time=0.8)
        self.column_boxes = boxes

    def entry_line(self, a: np.ndarray, b: np.ndarray, i: int, j: int) -> Mobject:
        terms = entry_terms(a, b, i, j)
        line = tex(
            rf"\text{{row {i + 1}}}\cdot\text{{col {j + 1}}}",
            "=",
            _tex_terms(terms),
            "=",
            fmt(entry(a, b, i, j)),
            size=40,
        )
        line[4].set_color(ACCENT)
        if line.width > config.frame_width - 1:
            line.scale(max((config.frame_width - 1) / line.width, 0.85))
        line.next_to(self.prod, DOWN, buff=0.9).set_x(0)
        if line.get_bottom()[1] < BOTTOM:
            line.shift((BOTTOM - line.get_bottom()[1]) * UP)
        return line

    def highlight(self, i: int, j: int) -> VGroup:
        ma, mb, mc = self.prod
        return VGroup(
            self.box(ma.get_rows()[i], BLUE),
            self.box(mb.get_columns()[j], GREEN),
            self.box(mc.get_mob_matrix()[i][j], ACCENT),
        )

    def first_entry(self, a: np.ndarray, b: np.ndarray) -> None:
        terms = entry_terms(a, b, 0, 0)
        value = entry(a, b, 0, 0)
        with self.beat(
            f"Read that column row by row. Its top entry is {_shown_terms(terms)} = "
            f"{fmt(value)}: row 1 of A times column 1 of B, a dot product. That is the "
            "rule: entry i, j of A B is row i of A times column j of B.",
            say="Read that column row by row. Its top entry is "
            f"{_spoken_terms(terms)}, which is {say_num(value)}: row 1 of A times "
            "column 1 of B, a dot product. That is the rule: entry i, j of A B is row "
            "i of A times column j of B.",
            key=True,
        ):
            self.boxes = self.highlight(0, 0)
            self.play(FadeOut(self.column_boxes), Create(self.boxes[:2]), run_time=0.7)
            self.line = self.entry_line(a, b, 0, 0)
            self.play(ReplacementTransform(self.column_line, self.line), run_time=0.8)
            self.play(Create(self.boxes[2]), run_time=0.6)
            self.wait(1.5)

    def other_entries(self, a: np.ndarray, b: np.ndarray) -> None:
        c = matmul(a, b)
        m, p = c.shape
        cells = [(i, j) for i in range(m) for j in range(p) if i or j]
        ec = self.prod[2].get_mob_matrix()
        if not cells:  # a 1 x 1 product: nothing else to fill
            self.play(FadeOut(self.boxes, self.line, self.prod, self.prod_rest))
            return
        if p > 1:
            line = (
                "Every other column is where A sends that column of B, and every "
                "entry is a row of A times a column of B."
            )
        else:
            line = "Every other entry is a row of A times a column of B."
        with self.beat(line):
            for i, j in cells:
                new_line = self.entry_line(a, b, i, j)
                self.play(
                    Transform(self.boxes, self.highlight(i, j)),
                    ReplacementTransform(self.line, new_line),
                    run_time=0.5,
                )
                self.line = new_line
                self.play(ec[i][j].animate.set_opacity(1), run_time=0.3)
            self.play(FadeOut(self.boxes, self.line), run_time=0.4)
        self.play(FadeOut(self.prod, self.prod_rest), run_time=0.5)

    # -- beats: the machine-learning chapter ---------------------------------------------
    def shape_row(
        self, left: np.ndarray, right: np.ndarray, result: Mobject, size: float = 40
    ) -> tuple[VGroup, VGroup]:
        ma, mb = self.matrix(left, BLUE, size), self.matrix(right, GREEN, size)
        row = VGroup(ma, mb, self.sign("="), result).arrange(RIGHT, buff=0.3)
        (m, n), (r, p) = left.shape, right.shape
        inner_ok = n == r
        labels = VGroup(
            tex(rf"{m}\times", f"{n}", size=36).next_to(ma, DOWN, buff=0.25),
            tex(f"{r}", rf"\times {p}", size=36).next_to(mb, DOWN, buff=0.25),
        )
        color = GREEN if inner_ok else RED
        labels[0][1].set_color(color)
        labels[1][0].set_color(color)
        low = min(labels[0].get_y(), labels[1].get_y())
        for label in labels:
            label.set_y(low)
        return row, labels

    def batch_layer(self) -> None:
        x, w = BATCH, WEIGHTS
        y = matmul(x, w)
        result = self.matrix(y, ACCENT, 36)
        row, labels = self.shape_row(x, w, result, size=36)
        (m, n), p = x.shape, w.shape[1]
        out = tex(rf"{m}\times {p}", size=36, color=ACCENT)
        out.next_to(result, DOWN, buff=0.25).set_y(labels.get_y())
        names = VGroup(
            text("inputs X", SMALL, BLUE).next_to(row[0], UP, buff=0.2),
            text("weights W", SMALL, GREEN).next_to(row[1], UP, buff=0.2),
            text("outputs", SMALL, ACCENT).next_to(row[3], UP, buff=0.2),
        )
        top = max(name.get_y() for name in names)
        for name in names:
            name.set_y(top)
        group = VGroup(row, labels, out, names)
        group.move_to([0, (TOP + RECAP_TOP) / 2, 0])
        k = 1  # the input whose row is followed
        boxes = VGroup(
            self.box(row[0].get_rows()[k], BLUE),
            self.box(row[3].get_rows()[k], ACCENT),
        )
        with self.beat(
            "In machine learning, a layer takes a whole batch at once: X holds one "
            f"input per row, here {m} inputs with {n} features each. The weights W "
            f"are {n} by {p}, so X W is {m} by {p}: a row of {p} outputs for each "
            f"input. Row {k + 1} of the outputs comes from input {k + 1} alone.",
            chapter="In machine learning",
        ):
            self.play(FadeIn(row[:3], names[:2]), run_time=0.8)
            self.play(FadeIn(labels), run_time=0.5)
            self.play(FadeIn(result, out, names[2]), run_time=0.6)
            self.play(Create(boxes), run_time=0.8)
        self.batch = group
        self.batch_boxes = boxes

    def wrong_weights(self) -> None:
        x, bad = BATCH, WRONG_WEIGHTS
        (m, n), (r, p) = x.shape, bad.shape
        line = tex(
            rf"({m}\times",
            f"{n})",
            f"({r}",
            rf"\times {p})",
            r":\ ",
            f"{n}",
            r"\ne",
            f"{r}",
            size=40,
        )
        for part in (line[1], line[2], line[5], line[7]):
            part.set_color(RED)
        note = text("not defined", SMALL, RED)
        block = VGroup(line, note).arrange(RIGHT, buff=0.4)
        block.next_to(self.batch, DOWN, buff=0.35)
        with self.beat(
            f"Weights of shape {r} by {p} would not fit: each input has {n} features "
            f"but each column of those weights only {r} numbers, so the product is "
            "not defined.",
        ):
            self.play(FadeOut(self.batch_boxes), FadeIn(line), run_time=0.7)
            self.play(FadeIn(note), run_time=0.5)

    # -- beats: transpose ---------------------------------------------------------------
    def flip(self, a: np.ndarray) -> None:
        at = transpose(a)
        ma = self.matrix(a, BLUE, 52)
        mt = self.matrix(at, PURPLE, 52)
        ma.move_to([-3.2, 0, 0])
        mt.move_to([3.2, 0, 0])
        ea = ma.get_mob_matrix()
        diagonal = VGroup(
            *(
                self.box(ea[k][k], ACCENT).set_stroke(width=3)
                for k in range(min(a.shape))
            )
        )
        name_a = tex("A", size=40, color=BLUE).next_to(ma, UP, buff=0.3)
        name_t = tex("A^T", size=40, color=PURPLE).next_to(mt, UP, buff=0.3)
        shape_a = tex(
            rf"{a.shape[0]}\times {a.shape[1]}", size=34, color=MUTED
        ).next_to(ma, DOWN, buff=0.3)
        shape_t = tex(
            rf"{at.shape[0]}\times {at.shape[1]}", size=34, color=MUTED
        ).next_to(mt, DOWN, buff=0.3)
        frame = VGroup(ma, mt, name_a, name_t, shape_a, shape_t)
        lift = (TOP - 0.1 - frame.get_top()[1]) * UP
        frame.shift(lift)
        diagonal.shift(lift)
        ea, et = ma.get_mob_matrix(), mt.get_mob_matrix()
        pieces = VGroup(
            *(ea[i][j].copy() for i in range(a.shape[0]) for j in range(a.shape[1]))
        )
        targets = [et[j][i] for i in range(a.shape[0]) for j in range(a.shape[1])]
        brackets = ma.get_brackets().copy()
        rows_cols = (
            "rows become columns"
            if a.shape[0] == a.shape[1]
            else f"rows become columns, so a {shape_text(a.shape)} becomes "
            f"{shape_text(at.shape)}"
        )
        with self.beat(
            f"The transpose flips a matrix over its diagonal: {rows_cols}.",
            chapter="Transpose",
        ):
            self.play(FadeIn(ma, name_a, shape_a), run_time=0.6)
            self.play(Create(diagonal), run_time=0.5)
            self.bring_to_back(diagonal)
            self.add(pieces, brackets)
            self.play(
                *(
                    piece.animate(path_arc=-np.pi / 2).move_to(target).set_color(PURPLE)
                    for piece, target in zip(pieces, targets, strict=True)
                ),
                Transform(brackets, mt.get_brackets()),
                run_time=1.6,
            )
            self.remove(pieces, brackets)
            self.add(mt)
            self.play(FadeIn(name_t, shape_t), run_time=0.5)
        self.flipped = VGroup(ma, mt, diagonal, name_a, name_t, shape_a, shape_t)

    def product_transpose(self, a: np.ndarray, b: np.ndarray) -> None:
        c = matmul(a, b)
        i, j = 0, min(1, c.shape[0] - 1)  # entry (i, j) of (A B)^T, p x m
        left, right = transpose_entry_terms(a, b, i, j)
        value = entry(a, b, j, i)
        ij, ji = f"{i + 1}{j + 1}", f"{j + 1}{i + 1}"
        lines = VGroup(
            tex(
                rf"(AB)^T_{{{ij}}}",
                "=",
                rf"(AB)_{{{ji}}}",
                "=",
                _tex_terms(left),
                "=",
                fmt(value),
                size=36,
            ),
            tex(
                rf"(B^T A^T)_{{{ij}}}",
                "=",
                _tex_terms(right),
                "=",
                fmt(value),
                size=36,
            ),
            tex(r"(AB)^T", "=", r"B^T A^T", "=", tex_matrix(transpose(c)), size=36),
        ).arrange(DOWN, buff=0.3)
        lines[0][6].set_color(ACCENT)
        lines[1][4].set_color(ACCENT)
        lines[2][4].set_color(ACCENT)
        lines.next_to(self.flipped, DOWN, buff=0.35).set_x(0)
        if lines.get_bottom()[1] < BOTTOM:
            lines.shift((BOTTOM - lines.get_bottom()[1]) * UP)
        with self.beat(
            "Why does the transpose of A B reverse the order? Entry "
            f"{i + 1}, {j + 1} of (A B)ᵀ is entry {j + 1}, {i + 1} of A B: row "
            f"{j + 1} of A times column {i + 1} of B, {fmt(value)}. In Bᵀ Aᵀ it is "
            f"row {i + 1} of Bᵀ, which is column {i + 1} of B, times column {j + 1} of "
            f"Aᵀ, which is row {j + 1} of A: the same pairs, multiplied the other way "
            "round. So (A B)ᵀ = Bᵀ Aᵀ.",
            say="Why does the transpose of A B reverse the order? Entry "
            f"{i + 1}, {j + 1} of A B transpose is entry {j + 1}, {i + 1} of A B: row "
            f"{j + 1} of A times column {i + 1} of B, {say_num(value)}. In B transpose "
            f"A transpose it is row {i + 1} of B transpose, which is column {i + 1} of "
            f"B, times column {j + 1} of A transpose, which is row {j + 1} of A: the "
            "same pairs, multiplied the other way round. So A B transpose is B "
            "transpose times A transpose.",
        ):
            self.play(FadeIn(lines[0]), run_time=0.8)
            self.play(FadeIn(lines[1]), run_time=0.8)
            self.play(FadeIn(lines[2]), run_time=0.8)
        self.play(FadeOut(self.flipped, lines), run_time=0.5)


def json_rows(m: np.ndarray) -> str:
    """A matrix as it would be typed after ``--set``: ``[[1,2],[3,4]]``."""
    rows = ",".join("[" + ",".join(fmt(x) for x in row) + "]" for row in np.asarray(m))
    return f"[{rows}]"


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def _practice_matrix(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    """Whole numbers from -3 to 3, shape ``(rows, cols)``."""
    return rng.integers(-3, 4, size=(rows, cols)).astype(float)


def practice(seed: int) -> list[Exercise]:
    """Exercises on adding, multiplying and transposing, numbers drawn from ``seed``.

    Four exercises: ``A + B`` (:func:`add`); one entry of a product of a 2 x 3 and
    a 3 x 2 matrix (:func:`entry`, :func:`entry_terms`); the shape of a product,
    or that it is not defined (:func:`product_shape`); and a 2 x 3 transpose
    (:func:`transpose`).
    """
    rng = np.random.default_rng(seed)
    fmt, tex = kit_numbers.fmt, kit_numbers.tex_matrix
    a, b = _practice_matrix(rng, 2, 2), _practice_matrix(rng, 2, 2)
    total = add(a, b)
    left, right = _practice_matrix(rng, 2, 3), _practice_matrix(rng, 3, 2)
    i, j = (int(k) for k in rng.integers(0, 2, size=2))
    terms = entry_terms(left, right, i, j)
    value = entry(left, right, i, j)
    m, n, p = (int(k) for k in rng.integers(1, 5, size=3))
    n2 = (
        n if rng.random() < 0.7 else int(rng.choice([k for k in range(1, 5) if k != n]))
    )
    shape = product_shape((m, n), (n2, p))
    options = {f"{r} × {c}" for r, c in ((m, p), (n, n2), (p, m), (m, n2), (n, p))}
    options.add("not defined")
    answer = "not defined" if shape is None else f"{shape[0]} × {shape[1]}"
    options.discard(answer)
    choices = [*sorted(options)[:3], answer]
    choices = [choices[k] for k in rng.permutation(len(choices))]
    wide = _practice_matrix(rng, 2, 3)
    flipped = transpose(wide)
    shown = " + ".join(
        f"{kit_numbers.factor(fmt(x))} \\cdot {kit_numbers.factor(fmt(y))}"
        for x, y in terms
    )
    return [
        Exercise(
            id="matrix-operations-1",
            prompt=f"Add $A = {tex(a)}$ and $B = {tex(b)}$. What is $A + B$?",
            kind="matrix",
            answer=total,
            hint="Matrices of the same shape add entry by entry.",
            solution=f"Entry by entry: $A + B = {tex(total)}$.",
        ),
        Exercise(
            id="matrix-operations-2",
            prompt=(
                f"With $A = {tex(left)}$ and $B = {tex(right)}$, what is the entry in "
                f"row {i + 1}, column {j + 1} of $AB$?"
            ),
            kind="number",
            answer=value,
            hint=f"Row {i + 1} of A times column {j + 1} of B: multiply pairs and add.",
            solution=f"$(AB)_{{{i + 1}{j + 1}}} = {shown} = {fmt(value)}$.",
        ),
        Exercise(
            id="matrix-operations-3",
            prompt=(f"A is {m} × {n} and B is {n2} × {p}. What is the shape of $AB$?"),
            kind="choice",
            answer=answer,
            choices=tuple(choices),
            hint="A row of A must be as long as a column of B; the product has A's rows and B's columns.",
            solution=(
                f"A's rows have {n} entries and B's columns {n2}: "
                + (
                    "they differ, so $AB$ is not defined."
                    if shape is None
                    else f"they match, so $AB$ is {m} × {p}."
                )
            ),
        ),
        Exercise(
            id="matrix-operations-4",
            prompt=f"What is the transpose of $C = {tex(wide)}$?",
            kind="matrix",
            answer=flipped,
            hint="Rows become columns: entry (i, j) moves to (j, i), so a 2 × 3 matrix becomes 3 × 2.",
            solution=f"$C^\\top = {tex(flipped)}$.",
        ),
    ]
