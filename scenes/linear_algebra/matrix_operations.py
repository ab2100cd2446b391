"""Matrix operations: adding entry by entry, multiplying row by column, transposing.

Matrices of one shape add entry by entry. In a product ``A B`` the entry in row
``i``, column ``j`` is row ``i`` of ``A`` dotted with column ``j`` of ``B``, so a row
of ``A`` must be as long as a column of ``B``: an ``m x n`` matrix times an
``n x p`` one gives ``m x p``, and a fixed mismatched pair shows the product
failing. The transpose flips a matrix over its diagonal, and ``(A B)^T = B^T A^T``.
The numbers on screen come from the pure functions below, which the tests check
on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Matrix,
    Mobject,
    ReplacementTransform,
    SurroundingRectangle,
    Transform,
    VGroup,
    config,
)

from mathreel.core.errors import ParamError
from mathreel.core.params import Args
from mathreel.core.params import Matrix as MatrixParam
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, say_num, tex_matrix
from scenes.style import (
    ACCENT,
    BLUE,
    CONTENT_BOTTOM,
    GREEN,
    INK,
    MUTED,
    PURPLE,
    RED,
    SMALL,
    CourseLesson,
    tex,
    text,
)

__all__ = [
    "MISMATCH",
    "SHAPES_OK",
    "MatrixOperations",
    "add",
    "can_multiply",
    "entry",
    "entry_terms",
    "matmul",
    "practice",
    "product_shape",
    "shape_text",
    "transpose",
    "whole_numbers_within",
]

#: Largest absolute entry of A and B.
MAX_ENTRY = 9

#: A fixed pair whose shapes agree: (2 x 3) times (3 x 2).
SHAPES_OK = (
    np.array([[1, 0, 2], [-1, 3, 1]], dtype=float),
    np.array([[3, 1], [2, 1], [1, 0]], dtype=float),
)
#: A fixed pair whose shapes do not: (2 x 3) times (2 x 3).
MISMATCH = (
    np.array([[1, 0, 2], [-1, 3, 1]], dtype=float),
    np.array([[2, 1, 0], [1, -1, 3]], dtype=float),
)


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
ENTRY_SIZE = 48


def _spoken_terms(terms: Sequence[tuple[float, float]]) -> str:
    return " plus ".join(f"{say_num(x)} times {say_num(y)}" for x, y in terms)


def _shown_terms(terms: Sequence[tuple[float, float]]) -> str:
    return " + ".join(f"{fmt(x)}·{fmt(y)}" for x, y in terms)


def _paren(x: float) -> str:
    shown = fmt(x)
    return f"({shown})" if shown.startswith("-") else shown


def _tex_terms(terms: Sequence[tuple[float, float]]) -> str:
    return " + ".join(
        rf"{fmt(x) if k == 0 else _paren(x)}\cdot{_paren(y)}"
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
        self.first_entry(a, b)
        self.other_entries(a, b)
        self.shapes_agree()
        self.shapes_clash()
        self.flip(a)
        self.flip_rules(a, b)
        self.recap(
            [
                "Matrices of the same shape add entry by entry.",
                "Entry i, j of A B is row i of A dotted with column j of B.",
                "An m by n matrix times an n by p matrix gives m by p; "
                "otherwise the product is not defined.",
                "The transpose flips a matrix over its diagonal; "
                "the transpose of A B is B transpose times A transpose.",
            ],
            "a neural network layer multiplies a whole batch of inputs by its "
            "weight matrix at once, and the shapes have to agree.",
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
                _paren(left[i, j]) if j or i else fmt(left[i, j]),
                "+",
                _paren(right[i, j]),
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
            "Multiplying is different. Each entry of A B pairs a row of A with a "
            "column of B.",
            chapter="Multiplying",
        ):
            self.play(FadeIn(ma, mb, labels[:2]), run_time=0.7)
            self.play(FadeIn(row[2], mc.get_brackets(), labels[2]), run_time=0.6)

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
            line.scale_to_fit_width(config.frame_width - 1)
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
            f"Row 1 of A times column 1 of B: {_shown_terms(terms)} = {fmt(value)}. "
            "Multiply matching numbers and add, a dot product. "
            "It goes in row 1, column 1.",
            say=f"Row 1 of A times column 1 of B: {_spoken_terms(terms)} is "
            f"{say_num(value)}. Multiply matching numbers and add, a dot product. "
            "It goes in row 1, column 1.",
            key=True,
        ):
            self.boxes = self.highlight(0, 0)
            self.play(Create(self.boxes[:2]), run_time=0.7)
            self.line = self.entry_line(a, b, 0, 0)
            self.play(FadeIn(self.line), run_time=0.6)
            self.play(
                Create(self.boxes[2]),
                self.prod[2].get_mob_matrix()[0][0].animate.set_opacity(1),
                run_time=0.6,
            )

    def other_entries(self, a: np.ndarray, b: np.ndarray) -> None:
        c = matmul(a, b)
        m, p = c.shape
        cells = [(i, j) for i in range(m) for j in range(p)][1:]
        ec = self.prod[2].get_mob_matrix()
        if cells:
            with self.beat(
                "Every other entry works the same way: row i of A with column j of B "
                "gives the entry in row i, column j.",
            ):
                for i, j in cells:
                    new_line = self.entry_line(a, b, i, j)
                    self.play(
                        Transform(self.boxes, self.highlight(i, j)),
                        ReplacementTransform(self.line, new_line),
                        run_time=0.55,
                    )
                    self.line = new_line
                    self.play(ec[i][j].animate.set_opacity(1), run_time=0.35)
                self.play(FadeOut(self.boxes, self.line), run_time=0.4)
        else:
            self.play(FadeOut(self.boxes, self.line), run_time=0.4)
        self.play(FadeOut(self.prod, self.prod_rest), run_time=0.5)

    # -- beats: shapes -----------------------------------------------------------------
    def shape_row(
        self, left: np.ndarray, right: np.ndarray, result: Mobject
    ) -> tuple[VGroup, VGroup]:
        ma, mb = self.matrix(left, BLUE, 40), self.matrix(right, GREEN, 40)
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

    def shapes_agree(self) -> None:
        left, right = SHAPES_OK
        c = matmul(left, right)
        result = self.matrix(c, ACCENT, 40)
        row, labels = self.shape_row(left, right, result)
        m, p = c.shape
        out = tex(rf"{m}\times {p}", size=36, color=ACCENT)
        group = VGroup(row, labels, out)
        out.next_to(result, DOWN, buff=0.25).set_y(labels.get_y())
        group.move_to([0, TOP - 0.15 - group.height / 2, 0])
        with self.beat(
            "So the shapes must agree: a row of A must be as long as a column of B. "
            f"A {shape_text(left.shape)} times a {shape_text(right.shape)} works: "
            f"the inner numbers match, and the outer ones give a {m} by {p} result.",
            chapter="Shapes",
        ):
            self.play(FadeIn(row[:3]), run_time=0.7)
            self.play(FadeIn(labels), run_time=0.5)
            self.play(FadeIn(result, out), run_time=0.6)
        self.agree = group

    def shapes_clash(self) -> None:
        left, right = MISMATCH
        n, r = left.shape[1], right.shape[0]
        cross = text("not defined", SMALL * 1.25, RED)
        row, labels = self.shape_row(left, right, cross)
        group = VGroup(row, labels)
        group.next_to(self.agree, DOWN, buff=0.7)
        ma, mb = row[0], row[1]
        row_box = self.box(ma.get_rows()[0], BLUE)
        col_box = self.box(mb.get_columns()[0], GREEN)
        terms = []
        for k in range(max(n, r)):
            x = _paren(left[0, k]) if k < n else "?"
            y = _paren(right[k, 0]) if k < r else "?"
            terms.append(rf"{x}\cdot {y}")
        parts = [terms[0]]
        for term in terms[1:]:
            parts += ["+", term]
        pairing = tex(*parts, size=40)
        pairing.next_to(group, DOWN, buff=0.6)
        unpaired = [part for part in pairing if "?" in part.tex_string]
        for part in unpaired:
            part.set_color(RED)
        with self.beat(
            f"Now try a {shape_text(left.shape)} times a {shape_text(right.shape)}. "
            f"A row has {n} numbers but a column only {r}: they do not pair up, "
            "so this product is not defined.",
        ):
            self.play(
                self.agree.animate.set_opacity(0.4),
                FadeIn(row[:2], labels),
                run_time=0.7,
            )
            self.play(Create(row_box), Create(col_box), run_time=0.6)
            self.play(FadeIn(pairing), run_time=0.6)
            self.play(FadeIn(row[2:]), run_time=0.5)
        self.play(FadeOut(self.agree, group, row_box, col_box, pairing), run_time=0.4)

    # -- beats: transpose ---------------------------------------------------------------
    def flip(self, a: np.ndarray) -> None:
        at = transpose(a)
        ma = self.matrix(a, BLUE, 52)
        mt = self.matrix(at, PURPLE, 52)
        ma.move_to([-3.2, 0, 0])
        mt.move_to([3.2, 0, 0])
        k = min(a.shape)
        ea = ma.get_mob_matrix()
        start, end = ea[0][0].get_center(), ea[k - 1][k - 1].get_center()
        direction = (end - start) / max(np.linalg.norm(end - start), 1e-9)
        if k == 1:
            direction = np.array([1.0, -1.0, 0.0]) / np.sqrt(2)
        diagonal = DashedLine(
            start - 0.45 * direction,
            end + 0.45 * direction,
            color=ACCENT,
            stroke_width=3,
            stroke_opacity=0.7,
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

    def flip_rules(self, a: np.ndarray, b: np.ndarray) -> None:
        c = matmul(a, b)
        twice = tex(r"(A^T)^T", "=", "A", size=40)
        twice[2].set_color(BLUE)
        product = tex(
            r"(AB)^T", "=", r"B^T A^T", "=", tex_matrix(transpose(c)), size=40
        )
        product[4].set_color(ACCENT)
        rules = VGroup(twice, product).arrange(RIGHT, buff=1.0)
        rules.next_to(self.flipped, DOWN, buff=0.4)
        rules.set_x(0)
        if rules.get_bottom()[1] < BOTTOM:
            rules.shift((BOTTOM - rules.get_bottom()[1]) * UP)
        with self.beat(
            "Flip twice and you are back at A. And the transpose of a product "
            "reverses the order: A B transposed is B transpose times A transpose.",
        ):
            self.play(FadeIn(twice), run_time=0.6)
            self.play(FadeIn(product), run_time=0.8)
        self.play(FadeOut(self.flipped, rules), run_time=0.5)


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
