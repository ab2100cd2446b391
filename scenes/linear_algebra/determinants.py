"""Determinants: how much a matrix scales area, and whether it flips the plane.

A 2x2 matrix carries the unit square onto the parallelogram built on its columns.
The parallelogram's area is ``|det A|``, the factor by which ``A`` scales every
area in the plane. Why ``det A = ad - bc`` is drawn: the parallelogram sits in
an ``(a + b)`` by ``(c + d)`` box, and cutting away two ``b x c`` rectangles
and two pairs of right triangles (``ac`` and ``bd`` in all) leaves
``ad - bc``. The sign is orientation: corners that ran counter-clockwise run
clockwise after a matrix with a negative determinant. A determinant of 0
squashes the plane onto a line (or a point), which no matrix can undo. The
machine-learning beat is the density bookkeeping of a normalizing flow:
samples keep their number while their area scales by ``|det A|``. The numbers
on screen come from the pure functions below (numpy only), which the tests
check on their own.

General claims (text and narration), and why each holds:

- "The unit square is carried onto the parallelogram built on the columns of
  A": ``A e1``, ``A e2`` are the columns and ``A`` is linear (tested,
  :func:`unit_square_image`).
- "Its area is now |det A|; A scales every area in the plane by it": a linear
  map scales every area by the same factor (it scales the grid's squares
  alike); tested by the shoelace area of the image against ``numpy.linalg.det``.
  The key sentence comes from :func:`area_words`: "flips" exactly when
  ``det < 0``, "squashes it flat" exactly when ``det == 0`` (Hypothesis test);
  a nonzero determinant that would show as 0 is refused.
- "Why ad - bc: the box is (a + b) by (c + d); cut away two rectangles b by c
  and two pairs of triangles, a by c and b by d; what is left is the
  parallelogram": :func:`box_pieces` tiles the box exactly (Hypothesis test:
  sampled points of the box lie in exactly one of the parallelogram and the six
  pieces, for every :func:`derivable` matrix) and
  ``(a + b)(c + d) - 2bc - ac - bd = ad - bc`` (Hypothesis test of
  :func:`derivation_terms`). The picture needs ``a, b, c, d >= 0`` and
  ``ad > bc``; otherwise the lesson says so and draws it for the matrix M =
  :data:`DERIVE` (tested).
- "A negative determinant means a flip" and "corners 1, 2, 3, 4 run
  clockwise": the shoelace sign of the image (tested for :data:`FLIP`).
- "Its size still scales area": ``|det F|`` is the image's area (tested).
- "S's two columns point along the same line; the plane is squashed onto it;
  many points share a spot, so nothing can undo it": rank 1 (tested); a map
  that sends two points to one has no inverse.
- "Normalizing flows make data by moving random samples through invertible
  steps, and the determinant keeps the books": a flow is a chain of invertible
  maps, and its density is ``p(x) / |det J|`` per step (change of variables).
- "The same 36 samples spread over an area of 2.5, so 36 / 2.5 per unit of
  area; the density divides by the size of the determinant": the image of a
  region of area 1 has area ``|det A|`` and holds the same samples
  (:func:`density_after`, :func:`flow_words`: "spread out" when
  ``|det A| > 1``, "crowd into" when below 1, and "no finite value" when 0;
  Hypothesis test).
"""

from __future__ import annotations

import math

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Matrix
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.linalg import determinant, transform
from scenes.kit.numbers import fmt, fmt_rows, say_num, say_sig, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, Box, fit_view, legible_entries
from scenes.style import *

__all__ = [
    "COLLAPSE",
    "DERIVE",
    "FLIP",
    "OLD_VIEW",
    "SAMPLES",
    "UNIT_SQUARE",
    "Determinants",
    "area_words",
    "box_pieces",
    "density_after",
    "derivable",
    "derivation_matrix",
    "derivation_terms",
    "det_expansion_tex",
    "determinant",
    "flow_words",
    "image_line",
    "orientation",
    "places",
    "plane_view",
    "practice",
    "rank",
    "shoelace_area",
    "transform",
    "unit_square_image",
]

#: Entries up to this size were always shown; past it the view only scales.
OLD_VIEW = 4.0
#: A fixed matrix with a negative determinant, for the flip.
FLIP = np.array([[1.0, 1.0], [1.0, -0.5]])
#: A fixed singular matrix (its columns lie on one line), for the collapse.
COLLAPSE = np.array([[1.0, 2.0], [0.5, 1.0]])
#: Corners of the unit square, counter-clockwise from the origin.
UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


# -- the math ------------------------------------------------------------------------


def unit_square_image(matrix: np.ndarray) -> np.ndarray:
    """The unit square's corners after ``matrix``, in the order 1, 2, 3, 4."""
    return transform(matrix, UNIT_SQUARE)


def shoelace_area(polygon: np.ndarray) -> float:
    """Signed area of a polygon (counter-clockwise positive), by the shoelace formula."""
    x, y = np.asarray(polygon, dtype=float).T
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def orientation(polygon: np.ndarray, tol: float = 1e-12) -> int:
    """+1 if the corners run counter-clockwise, -1 if clockwise, 0 if flat."""
    area = shoelace_area(polygon)
    return 0 if abs(area) <= tol else (1 if area > 0 else -1)


def rank(matrix: np.ndarray, tol: float = 1e-9) -> int:
    """The dimension of the image: 2 (the plane), 1 (a line) or 0 (a point)."""
    return int(np.linalg.matrix_rank(np.asarray(matrix, dtype=float), tol=tol))


def image_line(matrix: np.ndarray) -> np.ndarray | None:
    """The unit direction of the line a rank-1 matrix squashes the plane onto.

    ``None`` when the matrix has rank 2 (no collapse) or rank 0 (everything
    lands on the origin). The direction is the column of largest length.
    """
    m = np.asarray(matrix, dtype=float)
    if rank(m) != 1:
        return None
    column = m[:, int(np.argmax(np.linalg.norm(m, axis=0)))]
    direction = column / np.linalg.norm(column)
    # one canonical sign: pointing right, or up when vertical
    if direction[0] < -1e-12 or (abs(direction[0]) <= 1e-12 and direction[1] < 0):
        direction = -direction
    return direction


def places(x: float, digits: int = 2) -> int:
    """Decimal places :func:`~scenes.style.fmt` shows for ``x`` (0 for ``2``, 1 for ``2.5``)."""
    shown = fmt(x, digits)
    return len(shown.split(".")[1]) if "." in shown else 0


def det_expansion_tex(matrix: np.ndarray) -> str:
    r"""``a \cdot d - b \cdot c`` with the matrix's numbers; negative factors in brackets."""
    (a, b), (c, d) = np.asarray(matrix, dtype=float)

    def factor(x: float) -> str:
        shown = fmt(x)
        return f"({shown})" if shown.startswith("-") else shown

    return rf"{fmt(a)} \cdot {factor(d)} - {factor(b)} \cdot {factor(c)}"


#: The matrix the derivation of ``ad - bc`` is drawn with when the lesson's own
#: matrix does not fit the picture (see :func:`derivable`).
DERIVE = np.array([[2.0, 1.0], [0.5, 1.5]])
#: Samples in the unit square for the machine-learning beat: a 6 x 6 grid of
#: cell centres, so 36 samples per unit of area.
SAMPLES = np.array([[(i + 0.5) / 6, (j + 0.5) / 6] for j in range(6) for i in range(6)])


def derivable(matrix: np.ndarray) -> bool:
    """Whether the box-minus-corners picture fits ``matrix`` as drawn.

    It needs entries ``a, b, c, d >= 0`` and ``ad > bc``: the first column
    below the second, both in the first quarter, so the six corner pieces
    tile the box around the parallelogram without overlapping it.
    """
    (a, b), (c, d) = np.asarray(matrix, dtype=float)
    return min(a, b, c, d) >= 0 and a * d - b * c > 0


def derivation_matrix(matrix: np.ndarray) -> np.ndarray:
    """The lesson's matrix if :func:`derivable`, else :data:`DERIVE`."""
    m = np.asarray(matrix, dtype=float)
    return m if derivable(m) else DERIVE


def box_pieces(matrix: np.ndarray) -> dict[str, list[np.ndarray]]:
    """The box around the parallelogram and the six pieces cut from it.

    For ``matrix = [[a, b], [c, d]]`` the parallelogram has corners 0,
    ``(a, c)``, ``(a + b, c + d)`` and ``(b, d)``; the box is
    ``[0, a + b] x [0, c + d]``. Returns lists of polygons (arrays of shape
    (k, 2), counter-clockwise): ``"box"`` (1), ``"rectangles"`` (2, each
    ``b x c``), ``"ac"`` (2 right triangles with legs ``a`` and ``c``) and
    ``"bd"`` (2 with legs ``b`` and ``d``). Meaningful when :func:`derivable`.
    """
    (a, b), (c, d) = np.asarray(matrix, dtype=float)
    w, h = a + b, c + d
    P = np.array
    return {
        "box": [P([[0, 0], [w, 0], [w, h], [0, h]])],
        "rectangles": [
            P([[a, 0], [w, 0], [w, c], [a, c]]),
            P([[0, d], [b, d], [b, h], [0, h]]),
        ],
        "ac": [P([[0, 0], [a, 0], [a, c]]), P([[b, d], [w, h], [b, h]])],
        "bd": [P([[a, c], [w, c], [w, h]]), P([[0, 0], [b, d], [0, d]])],
    }


def derivation_terms(matrix: np.ndarray) -> dict[str, float]:
    """The areas the derivation adds up: box, the three pairs, and what is left.

    ``box = (a + b)(c + d)``, ``rectangles = 2bc``, ``ac = ac`` (two halves),
    ``bd = bd`` and ``left = box - rectangles - ac - bd``, which expands to
    ``ad - bc``.
    """
    (a, b), (c, d) = np.asarray(matrix, dtype=float)
    box = (a + b) * (c + d)
    terms = {"box": box, "rectangles": 2 * b * c, "ac": a * c, "bd": b * d}
    terms["left"] = box - terms["rectangles"] - terms["ac"] - terms["bd"]
    return terms


def area_words(matrix: np.ndarray) -> tuple[str, str | None]:
    """The key beat's sentence (and its spoken form) for the area after ``matrix``.

    Three cases from the exact determinant: positive (scales), negative
    (scales and flips), zero (rank below 2: squashed flat). The parameters
    refuse a nonzero determinant that would show as 0 at two decimals.
    """
    det = determinant(matrix)
    area = fmt(abs(det))
    if det > 0:
        line = (
            f"Its area is now {area}. That number is the determinant of A: "
            f"A scales every area in the plane by {area}."
        )
        return line, None
    if det < 0:
        line = (
            f"Its area is now {area}, and the determinant of A is {fmt(det)}: "
            f"A scales every area by {area}, and the minus sign says it also "
            "flips the plane over."
        )
        return line, line.replace(f"is {fmt(det)}", f"is {say_num(det)}")
    return (
        "Its area is now 0: A squashes it flat. The determinant of A, the "
        "factor by which it scales area, is 0.",
        None,
    )


def density_after(samples: int, matrix: np.ndarray) -> float | None:
    """Samples per unit of area after ``matrix``, from ``samples`` per unit before.

    A region of area 1 becomes one of area ``|det A|``, holding the same
    samples, so the density divides by ``|det A|``; ``None`` when ``det A = 0``
    (the samples land on a line, with no finite density).
    """
    det = determinant(matrix)
    return None if det == 0 else samples / abs(det)


def flow_words(matrix: np.ndarray) -> tuple[str, str]:
    """The machine-learning beat's second sentence (shown, spoken) for ``matrix``."""
    n = len(SAMPLES)
    density = density_after(n, matrix)
    if density is None:
        line = (
            f"Apply A: the {n} samples land on one line, with area 0, and the "
            "density has no finite value there. So flows use only steps whose "
            "determinant is not 0."
        )
        return line, line
    area = fmt(abs(determinant(matrix)))
    size = abs(determinant(matrix))
    where = (
        "spread out over"
        if size > 1
        else "crowd into"
        if size < 1
        else "move but still cover"
    )
    line = (
        f"Apply A: the same {n} samples {where} an area of {area}, so there "
        f"are {n} / {area} = {fmt(density)} per unit of area. The density divides "
        "by the size of the determinant: that is how a flow keeps track of "
        "probability."
    )
    said = line.replace(
        f"{n} / {area} = {fmt(density)}",
        f"{n} over {area}, about {say_sig(density)},",
    )
    return line, said


# -- the lesson --------------------------------------------------------------------------

#: The box (scene units) where the plane's shapes are drawn, right of the panel.
PLANE_BOX = Box(-1.3, config.frame_width / 2 - 0.2, CONTENT_BOTTOM + 0.1, 3.85)
#: Where the panel's top-left corner goes.
PANEL_CORNER = UL
CORNER_NAMES = ("1", "2", "3", "4")


def plane_view(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Scale and origin of the plane (see :func:`fit_view`) for the matrix ``a``.

    Fits the unit square and its images under ``a``, :data:`FLIP` and
    :data:`COLLAPSE` into :data:`PLANE_BOX`, at any scale.
    """
    points = np.vstack(
        [
            UNIT_SQUARE,
            unit_square_image(a),
            unit_square_image(FLIP),
            unit_square_image(COLLAPSE),
            unit_square_image(derivation_matrix(a)),  # the box's corners
        ]
    )
    return fit_view(points, PLANE_BOX)


class Determinants(CourseLesson):
    """Area scales by det A; a negative det flips orientation; det 0 squashes."""

    params = {
        "matrix": Matrix(
            [[2, 1], [0.5, 1.5]],
            help="the matrix A whose determinant the lesson measures",
            require=[legible_entries("entries", ratio=math.inf)],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse a matrix whose picture shrinks the unit square out of sight."""
        a = np.asarray(args.matrix, dtype=float)
        det = determinant(a)
        if det != 0 and fmt(abs(det)) == "0":
            raise ParamError(
                "matrix",
                fmt_rows(a),
                "a matrix whose determinant is 0 or at least 0.005 in size",
                why=(
                    f"its determinant {det:.2g} is not 0 but shows as 0 at two "
                    "decimals, so the lesson would call a plane-keeping matrix flat"
                ),
            )
        if np.max(np.abs(a)) <= OLD_VIEW:
            return  # always drawn at the old scales: unchanged
        unit, _ = plane_view(a)
        if unit < MIN_ARROW:
            box = PLANE_BOX  # fit_view keeps a margin of 0.5 inside each edge
            tall = (box.top - box.bottom - 1.0) / MIN_ARROW
            wide = (box.right - box.left - 1.0) / MIN_ARROW
            raise ParamError(
                "matrix",
                fmt_rows(a),
                "a matrix whose picture (the unit square and its image) spans at "
                f"most about {fmt(tall, 0)} units up and down and {fmt(wide, 0)} "
                "across",
                why=(
                    "at the scale that fits its image, the unit square's side is "
                    f"under {fmt(MIN_ARROW)} scene units, too small to see"
                ),
            )

    def construct(self) -> None:
        a = self.args.matrix
        self.view = PlaneView(*plane_view(a))
        self.title_card("Determinants", "How much does a matrix stretch space?")
        self.show_unit_square()
        self.apply_user_matrix(a)
        self.read_determinant(a)
        self.derive_box(a)
        self.derive_corners(a)
        self.derive_rest(a)
        self.flip_setup()
        self.flip_apply()
        self.flip_read()
        self.collapse_setup()
        self.collapse_apply()
        self.flow_setup()
        self.flow_apply(a)
        self.recap_over_area(a)

    # -- pieces ------------------------------------------------------------------------
    def make_square(self) -> None:
        """The unit square, its corner numbers and a counter-clockwise arrow inside."""
        v = self.view
        self.square = v.polygon(UNIT_SQUARE, ACCENT)
        self.turn = Arc(
            radius=0.28 * v.unit,
            start_angle=-0.35 * math.pi,
            angle=1.45 * math.pi,
            arc_center=v.point([0.5, 0.5]),
            color=INK,
            stroke_width=3,
        )
        tip = 0.12 * v.unit + 0.05
        self.turn.add_tip(tip_length=tip, tip_width=tip)
        self.labels = VGroup(*(tex(n, size=34, color=ACCENT) for n in CORNER_NAMES))
        for label, spot in zip(
            self.labels, self.label_positions(UNIT_SQUARE), strict=True
        ):
            label.move_to(spot)

    def label_positions(self, corners: np.ndarray) -> list[np.ndarray]:
        """Scene points just outside each corner of a parallelogram."""
        centre = corners.mean(axis=0)
        spots = []
        for corner in corners:
            away = corner - centre
            norm = np.linalg.norm(away)
            step = away / norm if norm > 1e-9 else np.array([-0.7071, -0.7071])
            spots.append(self.view.point(corner) + 0.32 * np.array([*step, 0.0]))
        return spots

    def area_number(self, value: float, digits: int) -> DecimalNumber:
        return DecimalNumber(
            round(value, 2) + 0.0, num_decimal_places=digits, font_size=40, color=ACCENT
        )

    def follow_area(self, number: DecimalNumber, signed: bool) -> None:
        """Keep ``number`` on the square's (signed) area while the square moves."""

        def follow(mob: DecimalNumber) -> None:
            area = shoelace_area(self.view.coords(self.square.get_vertices()))
            mob.set_value((area if signed else abs(area)) + 0.0)

        number.add_updater(follow)

    def settle(self, number: DecimalNumber, value: float) -> None:
        """Stop following and show exactly ``value``."""
        number.clear_updaters()
        number.set_value(round(value, 2) + 0.0)

    def matrix_line(self, name: str, m: np.ndarray, color: str):
        line = tex(name, "=", tex_matrix(m), size=38)
        line[0].set_color(color)
        return line

    def area_line(self, label: str, number: DecimalNumber) -> VGroup:
        words = text(label, SMALL, MUTED)
        number.next_to(words, RIGHT, buff=0.25)
        return VGroup(words, number)

    def det_line(self, name: str, *rest: str):
        line = tex(rf"\det {name}", "=", *rest, size=40)
        line[0].set_color(ACCENT)
        return line

    def show_panel(self, *rows, start: DecimalNumber | None = None) -> None:
        """Replace the panel at the top left with ``rows``.

        With ``start``, the card is sized for that number's current (final)
        value, and the number is then set to 1 to count from there.
        """
        self.rows = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        card = panel(self.rows)
        card.to_corner(PANEL_CORNER, buff=0.3)
        if start is not None:
            start.set_value(1)
        if self.info is None:
            self.play(FadeIn(card), run_time=0.6)
        else:
            self.play(ReplacementTransform(self.info, card), run_time=0.8)
        self.info = card

    def on_screen(self, *mobjects) -> list:
        return [m for m in mobjects if m in self.mobjects]

    def fresh_start(
        self, name: str, m: np.ndarray, color: str, *extra
    ) -> DecimalNumber:
        """Put the grid and the square back, numbered, with ``m`` in the panel."""
        old = self.on_screen(self.plane, self.square, self.turn, self.labels)
        plane = self.view.plane()
        self.play(*([FadeOut(*old)] if old else []), FadeIn(plane), run_time=0.8)
        self.plane = plane
        self.make_square()
        self.play(
            FadeIn(self.square), FadeIn(self.turn), FadeIn(self.labels), run_time=0.6
        )
        # the card is sized for the final value, then the number starts at 1
        number = self.area_number(determinant(m), places(determinant(m)))
        rows = [self.matrix_line(name, m, color), self.area_line("signed area", number)]
        self.show_panel(*rows, *extra, start=number)
        return number

    # -- beats -------------------------------------------------------------------------
    def show_unit_square(self) -> None:
        v = self.view
        self.info = None
        self.ghost = v.plane(opacity=0.25)
        self.plane = v.plane()
        self.make_square()
        i_hat, j_hat = v.arrow([1, 0], GREEN), v.arrow([0, 1], RED)
        self.basis = VGroup(i_hat, j_hat)
        self.add(self.ghost)
        with self.beat(
            "Here is the unit square, built on the basis vectors i-hat and j-hat. "
            "Its area is 1.",
            chapter="Area",
        ):
            self.play(Create(self.plane), run_time=1.5)
            self.play(GrowArrow(i_hat), GrowArrow(j_hat), run_time=0.6)
            self.play(FadeIn(self.square), run_time=0.6)
            self.add(self.basis)  # arrows over the square
            self.show_panel(self.area_line("area", self.area_number(1, 0)))

    def apply_user_matrix(self, a: np.ndarray) -> None:
        det = determinant(a)
        number = self.area_number(1, places(det))
        c1, c2 = a[:, 0], a[:, 1]
        o = self.view.origin
        with self.beat(
            "Apply a matrix, A. The grid moves, and the square is carried onto the "
            "parallelogram built on the columns of A. Watch its area.",
        ):
            self.show_panel(
                self.matrix_line("A", a, PURPLE), self.area_line("area", number)
            )
            self.follow_area(number, signed=False)
            self.play(
                ApplyMatrix(a, self.plane, about_point=o),
                ApplyMatrix(a, self.square, about_point=o),
                self.basis[0].animate.put_start_and_end_on(o, self.view.point(c1)),
                self.basis[1].animate.put_start_and_end_on(o, self.view.point(c2)),
                run_time=3,
            )
            self.settle(number, abs(det))

    def read_determinant(self, a: np.ndarray) -> None:
        det = determinant(a)
        rows = [
            self.matrix_line("A", a, PURPLE),
            self.area_line("area", self.area_number(abs(det), places(det))),
            self.det_line("A", det_expansion_tex(a), "=", fmt(det)),
        ]
        line, said = area_words(a)
        with self.beat(line, say=said, key=True):
            self.show_panel(*rows)
            self.play(
                self.square.animate.set_fill(opacity=0.85),
                rate_func=there_and_back,
                run_time=1.0,
            )
            self.wait(1.5)

    def derive_row(self, label: str, formula: str, color: str) -> VGroup:
        """A panel row: a word or two, then a formula, in one colour."""
        return VGroup(
            text(label, SMALL, color), tex(formula, size=34, color=color)
        ).arrange(RIGHT, buff=0.25)

    def derive_rows(self, m: np.ndarray, upto: int) -> list:
        t = derivation_terms(m)
        (a, b), (c, d) = m
        rows = [
            self.matrix_line("A" if derivable(self.args.matrix) else "M", m, PURPLE),
            self.derive_row(
                "box",
                rf"(a+b)(c+d) = {fmt(a + b)} \cdot {fmt(c + d)} = {fmt(t['box'])}",
                INK,
            ),
            self.derive_row("2 rectangles", rf"2bc = {fmt(t['rectangles'])}", ORANGE),
            self.derive_row("2 triangles", rf"ac = {fmt(t['ac'])}", GREEN),
            self.derive_row("2 triangles", rf"bd = {fmt(t['bd'])}", RED),
            self.derive_row(
                "left",
                rf"{fmt(t['box'])} - {fmt(t['rectangles'])} - {fmt(t['ac'])} - "
                rf"{fmt(t['bd'])} = {fmt(t['left'])}",
                ACCENT,
            ),
            tex(r"(a+b)(c+d) - 2bc - ac - bd", r"= ad - bc", size=34, color=ACCENT),
        ]
        return rows[:upto]

    def derive_box(self, a: np.ndarray) -> None:
        m = derivation_matrix(a)
        own = derivable(a)
        t = derivation_terms(m)
        (p, q), (r, s) = m
        v = self.view
        self.parallelogram = v.polygon(unit_square_image(m), ACCENT, opacity=0.55)
        self.box = v.polygon(box_pieces(m)["box"][0], INK, opacity=0.0)
        self.box.set_stroke(width=4)
        start = (
            "Why a d minus b c? Draw the box around the parallelogram"
            if own
            else "Why a d minus b c? Take a matrix with positive entries, M, and "
            "draw the box around its parallelogram"
        )
        w, h = fmt(p + q), fmt(r + s)
        line = (
            f"{start}: {w} wide, that is a plus b, and {h} tall, c plus d. "
            f"Its area is {fmt(t['box'])}."
        )
        said = (
            f"{start}: {say_sig(p + q)} wide, that is a plus b, and {say_sig(r + s)} "
            f"tall, c plus d. Its area is {say_sig(t['box'])}."
        )
        sides = VGroup(
            *(
                panel(tex(name, size=38, color=INK), buff=0.05).move_to(v.point(spot))
                for name, spot in (
                    ("a", (p / 2, 0)),
                    ("b", (p + q / 2, 0)),
                    ("c", (p + q, r / 2)),
                    ("d", (p + q, r + s / 2)),
                )
            )
        )
        for label in sides[:2]:
            label.shift(0.3 * DOWN)
        for label in sides[2:]:
            label.shift(0.3 * RIGHT)
        self.sides = sides
        with self.beat(line, say=said, chapter="Why ad - bc"):
            self.play(
                FadeOut(
                    *self.on_screen(self.plane, self.square, self.turn, self.basis)
                ),
                FadeIn(self.parallelogram),
                run_time=0.8,
            )
            self.show_panel(*self.derive_rows(m, 2))
            self.play(Create(self.box), FadeIn(sides), run_time=1.2)

    def derive_corners(self, a: np.ndarray) -> None:
        m = derivation_matrix(a)
        t = derivation_terms(m)
        pieces = box_pieces(m)
        v = self.view
        colours = {"rectangles": ORANGE, "ac": GREEN, "bd": RED}
        self.pieces = VGroup(
            *(
                VGroup(*(v.polygon(poly, colour, opacity=0.5) for poly in pieces[k]))
                for k, colour in colours.items()
            )
        )
        with self.beat(
            "Cut away the corners that are not parallelogram: two rectangles, b by "
            f"c, {fmt(t['rectangles'])} in all; two triangles that fit together into "
            f"a by c, {fmt(t['ac'])}; and two into b by d, {fmt(t['bd'])}.",
            say="Cut away the corners that are not parallelogram: two rectangles, b "
            f"by c, {say_sig(t['rectangles'])} in all; two triangles that fit together "
            f"into a by c, {say_sig(t['ac'])}; and two into b by d, "
            f"{say_sig(t['bd'])}.",
        ):
            for k in range(3):
                self.show_panel(*self.derive_rows(m, 3 + k))
                self.play(FadeIn(self.pieces[k]), run_time=0.8)

    def derive_rest(self, a: np.ndarray) -> None:
        m = derivation_matrix(a)
        t = derivation_terms(m)
        terms = ", minus ".join(
            say_sig(t[k]) for k in ("box", "rectangles", "ac", "bd")
        )
        shown = ", minus ".join(fmt(t[k]) for k in ("box", "rectangles", "ac", "bd"))
        rest = (
            "And in letters, multiply out the box: a c and b d cancel, two b c's "
            "become minus one, and a d minus b c is all that remains."
        )
        with self.beat(
            f"What is left is the parallelogram: {shown}, which is "
            f"{fmt(t['left'])}. {rest}",
            say=f"What is left is the parallelogram: {terms}, which is "
            f"{say_sig(t['left'])}. {rest}",
        ):
            self.show_panel(*self.derive_rows(m, 6))
            self.play(
                self.parallelogram.animate.set_fill(opacity=0.9),
                rate_func=there_and_back,
                run_time=1.0,
            )
            self.show_panel(*self.derive_rows(m, 7))
        self.play(
            FadeOut(self.pieces, self.box, self.sides, self.parallelogram, self.info),
            run_time=0.5,
        )
        self.info = None

    def flip_setup(self) -> None:
        with self.beat(
            "Now a different matrix, F. Number the square's corners 1, 2, 3, 4: "
            "they run counter-clockwise, the way the arrow turns.",
            chapter="Flipping over",
        ):
            self.fresh_start("F", FLIP, ORANGE)
            self.play(
                self.turn.animate.set_stroke(width=6),
                rate_func=there_and_back,
                run_time=0.8,
            )

    def apply(self, m: np.ndarray, run_time: float, labels: bool = True) -> None:
        o = self.view.origin
        moves = []
        if labels:
            spots = self.label_positions(unit_square_image(m))
            moves = [
                label.animate.move_to(spot)
                for label, spot in zip(self.labels, spots, strict=True)
            ]
        self.play(
            ApplyMatrix(m, self.plane, about_point=o),
            ApplyMatrix(m, self.square, about_point=o),
            ApplyMatrix(m, self.turn, about_point=o),
            *moves,
            run_time=run_time,
        )

    def flip_apply(self) -> None:
        det = determinant(FLIP)
        number = self.rows[1][1]
        with self.beat(
            "Apply F and watch the signed area. It shrinks to 0 as the square "
            f"flattens, then comes out the other side, at {fmt(det)}.",
            say="Apply F and watch the signed area. It shrinks to 0 as the square "
            f"flattens, then comes out the other side, at {say_num(det)}.",
        ):
            self.follow_area(number, signed=True)
            self.apply(FLIP, run_time=4)
            self.settle(number, det)

    def flip_read(self) -> None:
        det = determinant(FLIP)
        rows = [
            self.matrix_line("F", FLIP, ORANGE),
            self.area_line("signed area", self.area_number(det, places(det))),
            self.det_line("F", det_expansion_tex(FLIP), "=", fmt(det)),
            text("corners 1, 2, 3, 4 run clockwise", SMALL, RED),
        ]
        with self.beat(
            "The corners now run clockwise, like the square seen in a mirror. "
            f"A negative determinant means a flip; its size, {fmt(abs(det))}, "
            "still scales area.",
        ):
            self.show_panel(*rows)
            self.play(
                *(label.animate.scale(1.35) for label in self.labels),
                self.turn.animate.set_stroke(width=6),
                rate_func=there_and_back,
                run_time=1.0,
            )

    def collapse_setup(self) -> None:
        det = determinant(COLLAPSE)
        (p, q), (r, s) = COLLAPSE
        with self.beat(
            "One more matrix, S. Its two columns point along the same line, and its "
            f"determinant is {fmt(p)} times {fmt(s)} minus {fmt(q)} times {fmt(r)}, "
            f"which is {fmt(det)}.",
            chapter="Squashed flat",
        ):
            self.fresh_start(
                "S",
                COLLAPSE,
                RED,
                self.det_line("S", det_expansion_tex(COLLAPSE), "=", fmt(det)),
            )

    def collapse_apply(self) -> None:
        det = determinant(COLLAPSE)
        direction = image_line(COLLAPSE)
        line = self.view.line_through_origin(direction, RED).set_stroke(width=3)
        self.backdrop(line)
        flat = unit_square_image(COLLAPSE)
        ends = flat[np.argsort(flat @ direction)[[0, -1]]]
        segment = Line(*(self.view.point(e) for e in ends), color=ACCENT)
        segment.set_stroke(width=9)
        number = self.rows[1][1]
        rows = [
            self.matrix_line("S", COLLAPSE, RED),
            self.area_line("signed area", self.area_number(det, places(det))),
            self.det_line("S", det_expansion_tex(COLLAPSE), "=", fmt(det)),
            text("the plane lands on one line", SMALL, RED),
            text("the square: a segment, area 0", SMALL, ACCENT),
        ]
        with self.beat(
            "Apply S, and the whole plane is squashed onto that one line. The square "
            "has no area left, and many points now share a spot, so nothing can undo it.",
        ):
            self.play(FadeOut(self.labels), run_time=0.4)
            self.follow_area(number, signed=True)
            self.apply(COLLAPSE, run_time=3, labels=False)
            self.settle(number, det)
            self.play(Create(line), run_time=0.8)
            self.add(segment)
            self.play(
                segment.animate.set_stroke(width=14),
                rate_func=there_and_back,
                run_time=0.8,
            )
            self.show_panel(*rows)
        self.play(
            FadeOut(*self.on_screen(line, segment, self.plane, self.square, self.turn)),
            FadeOut(self.ghost, self.info),
            run_time=0.6,
        )

    # -- machine learning ----------------------------------------------------------
    def sample_dots(self, m: np.ndarray | None = None) -> VGroup:
        """The samples as dots, moved by ``m`` when given (round dots either way)."""
        points = SAMPLES if m is None else transform(m, SAMPLES)
        return VGroup(
            *(Dot(self.view.point(p), radius=0.05, color=INK) for p in points)
        )

    def density_rows(self, after: np.ndarray | None) -> list:
        n = len(SAMPLES)
        rows = [
            text("samples per unit of area", SMALL, MUTED),
            tex(rf"{n} / 1 = {n}", size=36),
        ]
        if after is not None:
            density = density_after(n, after)
            area = fmt(abs(determinant(after)))
            rows = [
                self.matrix_line("A", after, PURPLE),
                rows[0],
                tex(
                    rf"{n} / {area} = {fmt(density)}" if density else r"\text{none}",
                    size=36,
                    color=ACCENT,
                ),
                tex(r"p_{\text{after}} = p_{\text{before}} / |\det A|", size=34),
            ]
        return rows

    def flow_setup(self) -> None:
        v = self.view
        self.ghost = v.plane(opacity=0.25)
        self.plane = v.plane()
        self.square = v.polygon(UNIT_SQUARE, ACCENT, opacity=0.2)
        self.dots = self.sample_dots()
        n = len(SAMPLES)
        with self.beat(
            "In machine learning, generative models called normalizing flows make "
            "data by moving random samples through invertible steps, and the "
            f"determinant keeps the books. Here are {n} samples in the unit square: "
            f"{n} per unit of area.",
            chapter="In machine learning",
        ):
            self.add(self.ghost)
            self.play(FadeIn(self.plane), FadeIn(self.square), run_time=0.8)
            self.play(FadeIn(self.dots, lag_ratio=0.05), run_time=1.5)
            self.show_panel(*self.density_rows(None))

    def flow_apply(self, a: np.ndarray) -> None:
        o = self.view.origin
        line, said = flow_words(a)
        with self.beat(line, say=said):
            self.show_panel(*self.density_rows(None), self.matrix_line("A", a, PURPLE))
            self.play(
                ApplyMatrix(a, self.plane, about_point=o),
                ApplyMatrix(a, self.square, about_point=o),
                Transform(self.dots, self.sample_dots(a)),
                run_time=3,
            )
            self.show_panel(*self.density_rows(a))
        self.play(FadeOut(self.plane, self.square, self.dots, self.info), run_time=0.6)
        self.info = None

    def recap_over_area(self, a: np.ndarray) -> None:
        """The key picture again: the square carried onto A's parallelogram."""
        # a view of its own that keeps the recap card's strip free
        box = PLANE_BOX._replace(bottom=CONTENT_BOTTOM + 1.0)
        v = self.view = PlaneView(
            *fit_view(np.vstack([UNIT_SQUARE, unit_square_image(a)]), box)
        )
        det = determinant(a)
        self.ghost.become(v.plane(opacity=0.25))
        self.plane = v.plane()
        self.plane.apply_matrix(a, about_point=v.origin)
        self.square = v.polygon(unit_square_image(a), ACCENT)
        arrows = [v.arrow(a[:, 0], GREEN), v.arrow(a[:, 1], RED)]
        self.show_panel(
            self.matrix_line("A", a, PURPLE),
            self.area_line("area", self.area_number(abs(det), places(det))),
            self.det_line("A", fmt(det)),
        )
        picture = [self.ghost, self.plane, self.square, *arrows, self.info]
        self.play(*(FadeIn(m) for m in picture[1:-1]), run_time=0.8)
        self.recap_over(
            picture,
            "det A is the factor A scales every area by; a negative sign means a "
            "flip, and 0 means squashed flat.",
            say="The determinant of A is the factor A scales every area by; a "
            "negative sign means a flip, and 0 means squashed flat.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on the determinant as an area factor, numbers drawn from ``seed``.

    Three exercises: ``det A`` (:func:`determinant`); the area a shape has after
    A; and whether A keeps the orientation, flips it or squashes the plane
    (:func:`orientation` of the :func:`unit_square_image`, :func:`rank`).
    About one seed in four draws a singular matrix.
    """
    rng = np.random.default_rng(seed)
    fmt, tex = kit_numbers.fmt, kit_numbers.tex_matrix
    while True:
        a = rng.integers(-3, 4, size=(2, 2)).astype(float)
        if rng.random() < 0.25:  # squash: second row a multiple of the first
            a[1] = float(rng.choice([-2.0, -1.0, 1.0, 2.0])) * a[0]
        if np.any(a):
            break
    det = determinant(a)
    area = float(rng.choice([1.0, 2.0, 3.0, 5.0, 0.5]))
    new_area = area * abs(shoelace_area(unit_square_image(a)))
    kinds = (
        "keeps the orientation",
        "flips the orientation",
        "squashes the plane onto a line or a point",
    )
    turn = orientation(unit_square_image(a))
    which = kinds[2] if rank(a) < 2 else kinds[0 if turn > 0 else 1]
    return [
        Exercise(
            id="determinants-1",
            prompt=f"What is the determinant of $A = {tex(a)}$?",
            kind="number",
            answer=det,
            hint="For a 2 × 2 matrix, det = ad − bc.",
            solution=f"$\\det A = {det_expansion_tex(a)} = {fmt(det)}$.",
        ),
        Exercise(
            id="determinants-2",
            prompt=(
                f"A shape of area {fmt(area)} is moved by $A = {tex(a)}$. "
                "What is the area of its image?"
            ),
            kind="number",
            answer=new_area,
            hint="Every area is scaled by the same factor: |det A|.",
            solution=(
                f"$|\\det A| = {fmt(abs(det))}$, so the area becomes "
                f"${fmt(area)} \\cdot {fmt(abs(det))} = {fmt(new_area)}$."
            ),
        ),
        Exercise(
            id="determinants-3",
            prompt=f"What does $A = {tex(a)}$ do to the plane?",
            kind="choice",
            answer=which,
            choices=kinds,
            hint="Look at the sign of det A: positive, negative or zero.",
            solution=(
                f"$\\det A = {fmt(det)}$: "
                + (
                    "zero, so the plane is squashed flat."
                    if which == kinds[2]
                    else "positive, so the orientation is kept."
                    if which == kinds[0]
                    else "negative, so the plane is flipped."
                )
            ),
        ),
    ]
