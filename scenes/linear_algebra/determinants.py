"""Determinants: how much a matrix scales area, and whether it flips the plane.

A 2x2 matrix carries the unit square onto the parallelogram built on its columns.
The parallelogram's area is ``|det A|``, the factor by which ``A`` scales every
area in the plane, and ``det A = ad - bc``. The sign is orientation: corners that
ran counter-clockwise run clockwise after a matrix with a negative determinant.
A determinant of 0 squashes the plane onto a line (or a point), which no matrix
can undo. The numbers on screen come from the pure functions below (numpy
only), which the tests check on their own; :class:`PlaneView` places the plane
on screen and is shared with the inverses lesson.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    ApplyMatrix,
    Arc,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    ReplacementTransform,
    VGroup,
    config,
    there_and_back,
)

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Matrix
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_rows, say_num, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, Box, fit_view, legible_entries
from scenes.style import (
    ACCENT,
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
    "COLLAPSE",
    "FLIP",
    "OLD_VIEW",
    "UNIT_SQUARE",
    "Determinants",
    "det_expansion_tex",
    "determinant",
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


def transform(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Apply ``matrix`` to one point ``(2,)`` or to rows of points ``(n, 2)``."""
    return np.asarray(points, dtype=float) @ np.asarray(matrix, dtype=float).T


def determinant(matrix: np.ndarray) -> float:
    """``ad - bc`` of a 2x2 matrix, computed exactly as the lesson shows it."""
    (a, b), (c, d) = np.asarray(matrix, dtype=float)
    return float(a * d - b * c)


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
        self.formula(a)
        self.flip_setup()
        self.flip_apply()
        self.flip_read()
        self.collapse_setup()
        self.collapse_apply()
        self.recap(
            [
                "det A is the factor by which A scales every area.",
                "For a 2 by 2 matrix, the determinant is a d minus b c.",
                "A negative determinant flips the plane: corners change order.",
                "A determinant of 0 squashes the plane flat, and nothing can undo that.",
            ],
            "normalizing flows track how much each layer stretches probability "
            "through its determinant, and a determinant of 0 warns that a matrix "
            "cannot be inverted.",
        )

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

    def show_panel(self, *rows) -> None:
        """Replace the panel at the top left with ``rows``."""
        self.rows = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        card = panel(self.rows)
        card.to_corner(PANEL_CORNER, buff=0.3)
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
        self.play(FadeOut(*old), FadeIn(plane), run_time=0.8)
        self.plane = plane
        self.make_square()
        self.play(
            FadeIn(self.square), FadeIn(self.turn), FadeIn(self.labels), run_time=0.6
        )
        number = self.area_number(1, places(determinant(m)))
        self.show_panel(
            self.matrix_line(name, m, color),
            self.area_line("signed area", number),
            *extra,
        )
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
        area = fmt(abs(det))
        rows = [
            self.matrix_line("A", a, PURPLE),
            self.area_line("area", self.area_number(abs(det), places(det))),
            self.det_line("A", fmt(det)),
        ]
        said = None
        if round(det, 2) > 0:
            line = (
                f"Its area is now {area}. That number is the determinant of A: "
                f"A scales every area in the plane by {area}."
            )
        elif round(det, 2) < 0:
            line = (
                f"Its area is now {area}, and the determinant of A is {fmt(det)}: "
                f"A scales every area by {area}, and the minus sign says it also "
                "flips the plane over."
            )
            said = line.replace(f"is {fmt(det)}", f"is {say_num(det)}")
        else:
            line = (
                "Its area is now 0: A squashes it flat. The determinant of A, the "
                "factor by which it scales area, is 0."
            )
        with self.beat(line, say=said, key=True):
            self.show_panel(*rows)
            self.play(
                self.square.animate.set_fill(opacity=0.85),
                rate_func=there_and_back,
                run_time=1.0,
            )

    def formula(self, a: np.ndarray) -> None:
        det = determinant(a)
        (p, q), (r, s) = a
        rows = [
            self.matrix_line("A", a, PURPLE),
            self.area_line("area", self.area_number(abs(det), places(det))),
            self.det_line("A", "ad - bc"),
            tex("=", det_expansion_tex(a), "=", fmt(det), size=40),
        ]
        shown = f"{fmt(p)} times {fmt(s)}, minus {fmt(q)} times {fmt(r)}"
        spoken = (
            f"{say_num(p)} times {say_num(s)}, minus {say_num(q)} times {say_num(r)}"
        )
        with self.beat(
            "For a 2 by 2 matrix there is a formula: a d minus b c. "
            f"Here that is {shown}, which is {fmt(det)}.",
            say="For a 2 by 2 matrix there is a formula: a d minus b c. "
            f"Here that is {spoken}, which is {say_num(det)}.",
        ):
            self.show_panel(*rows)
            self.play(
                self.rows[3].animate.set_color(ACCENT),
                rate_func=there_and_back,
                run_time=1,
            )
        self.play(FadeOut(self.basis), run_time=0.4)

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
