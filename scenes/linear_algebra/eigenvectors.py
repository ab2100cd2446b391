"""Eigenvalues and eigenvectors: the directions a matrix only stretches.

Most vectors are knocked off the line through them (their span) when a matrix
acts on the plane; an eigenvector stays on its span and is only scaled, by its
eigenvalue: ``A v = lambda v``. The eigenvalues are the roots of the
characteristic polynomial ``det(A - lambda I) = lambda^2 - tr(A) lambda + det(A)``,
solved on screen with the matrix's numbers, and each eigenvector solves
``(A - lambda I) v = 0``. With two of them as a basis, A is just a stretch along
each: ``A = P D P^-1``.

A matrix without two clearly different real eigenvalues (a rotation, a multiple
of the identity, a shear) is rejected with a one-line :class:`ParamError` that
says why: the lesson is about the directions a matrix keeps, and such a matrix
keeps none, or all, or only one. The numbers on screen come from the pure
functions below, which the tests check on their own.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    ApplyMatrix,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    NumberPlane,
    ReplacementTransform,
    Transform,
    VGroup,
    Write,
    config,
)

from mathreel.core.params import Matrix
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_vec, say_num, say_vec, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, Box, fit_view, legible_entries
from scenes.style import (
    ACCENT,
    BACKGROUND,
    BLUE,
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
    "Eigenvectors",
    "char_poly",
    "diagonalize",
    "discriminant",
    "drawn_vectors",
    "eigen_problem",
    "eigenpairs",
    "eigenvalues",
    "eigenvector",
    "fit_plane",
    "generic_vectors",
    "poly_tex",
    "practice",
    "span_angle",
    "turn_angle",
]

#: Entries up to this size were always shown; the view only scales past it.
OLD_VIEW = 4.0
#: Refuses entries too long for the formula panels (ratios are left to the arrows).
_digits = legible_entries("entries", ratio=math.inf)
#: Eigenvalues closer than this count as repeated.
MIN_GAP = 0.1
#: Smallest |eigenvalue| whose scaled eigenvector is still visible.
MIN_EIGENVALUE = 0.3
#: Smallest angle (degrees) between the two eigenvector directions.
MIN_EIGEN_ANGLE = 12.0
#: Smallest turn (degrees) of a vector that must visibly leave its span.
MIN_TURN = 10.0

#: Small whole-number vectors the lesson may pick to show leaving their span.
CANDIDATES = np.array(
    [
        [0, 1],
        [1, 1],
        [-1, 1],
        [1, 2],
        [-1, 2],
        [2, 1],
        [-2, 1],
        [1, 0],
        [1, -1],
        [2, -1],
        [1, -2],
        [-2, -1],
    ],
    dtype=float,
)


# -- the math ------------------------------------------------------------------------


def char_poly(m: np.ndarray) -> tuple[float, float]:
    """``(trace, det)``: ``det(A - lambda I) = lambda^2 - trace lambda + det``."""
    a = np.asarray(m, dtype=float)
    return float(a[0, 0] + a[1, 1]), float(a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0])


def discriminant(m: np.ndarray) -> float:
    """``trace^2 - 4 det``: negative means no real eigenvalues."""
    tr, det = char_poly(m)
    return tr * tr - 4.0 * det


def eigenvalues(m: np.ndarray) -> tuple[float, float]:
    """The two real roots of the characteristic polynomial, largest first.

    Raises ``ValueError`` when the roots are complex (a rotation-like matrix).
    """
    tr, _ = char_poly(m)
    disc = discriminant(m)
    if disc < 0:
        raise ValueError("no real eigenvalues")
    root = math.sqrt(disc)
    return (tr + root) / 2.0, (tr - root) / 2.0


def eigenvector(m: np.ndarray, lam: float) -> np.ndarray:
    """A non-zero solution of ``(A - lam I) v = 0``, scaled so its largest entry is 1.

    Read off the larger row ``(p, q)`` of ``A - lam I``: ``v = (-q, p)`` is
    perpendicular to it. When ``A - lam I`` is zero every vector works and
    ``(1, 0)`` is returned.
    """
    shifted = np.asarray(m, dtype=float) - lam * np.eye(2)
    row = shifted[int(np.argmax(np.linalg.norm(shifted, axis=1)))]
    if np.linalg.norm(row) < 1e-12:
        return np.array([1.0, 0.0])
    v = np.array([-row[1], row[0]])
    k = int(np.argmax(np.round(np.abs(v), 9)))
    return v / v[k]


def eigenpairs(m: np.ndarray) -> list[tuple[float, np.ndarray]]:
    """``[(lambda1, v1), (lambda2, v2)]``, largest eigenvalue first."""
    return [(lam, eigenvector(m, lam)) for lam in eigenvalues(m)]


def span_angle(u: np.ndarray, w: np.ndarray) -> float:
    """The angle in degrees, 0 to 90, between the lines through ``u`` and ``w``."""
    u, w = np.asarray(u, dtype=float), np.asarray(w, dtype=float)
    c = abs(float(u @ w)) / (np.linalg.norm(u) * np.linalg.norm(w))
    return math.degrees(math.acos(min(1.0, c)))


def turn_angle(m: np.ndarray, v: np.ndarray) -> float:
    """How far A turns the span of ``v``, in degrees (0 for an eigenvector)."""
    image = np.asarray(m, dtype=float) @ np.asarray(v, dtype=float)
    if np.linalg.norm(image) < 1e-12:
        return 0.0
    return span_angle(v, image)


def generic_vectors(m: np.ndarray, count: int = 2) -> np.ndarray:
    """``count`` small whole-number vectors that A turns the most.

    Each is at least 15 degrees from both eigenvector lines and 30 degrees from
    the others picked, so every one is seen leaving its own span. Fewer are
    returned when fewer qualify.
    """
    eig = [v for _, v in eigenpairs(m)]
    ranked = sorted(CANDIDATES, key=lambda v: -turn_angle(m, v))
    chosen: list[np.ndarray] = []
    for v in ranked:
        if turn_angle(m, v) < MIN_TURN:
            break
        if any(span_angle(v, e) < 15 for e in eig):
            continue
        if any(span_angle(v, c) < 30 for c in chosen):
            continue
        chosen.append(v)
        if len(chosen) == count:
            break
    return np.array(chosen).reshape(-1, 2)


def diagonalize(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(P, D)`` with the eigenvectors as P's columns: ``A = P D P^-1``."""
    pairs = eigenpairs(m)
    p = np.column_stack([v for _, v in pairs])
    d = np.diag([lam for lam, _ in pairs])
    return p, d


def eigen_problem(m: np.ndarray) -> str | None:
    """Why the lesson cannot show ``m`` (a parameter requirement), or None."""
    a = np.asarray(m, dtype=float)
    too_long = _digits(a)
    if too_long:
        return too_long
    disc = discriminant(a)
    if disc < -1e-12:
        return "it rotates every direction, so it has no real eigenvalues"
    l1, l2 = eigenvalues(a) if disc > 0 else (char_poly(a)[0] / 2,) * 2
    if l1 - l2 < MIN_GAP:
        if (
            abs(a[0, 1]) < 1e-9
            and abs(a[1, 0]) < 1e-9
            and abs(a[0, 0] - a[1, 1]) < 1e-9
        ):
            return (
                f"it scales every direction by {fmt(a[0, 0])}, so every vector is "
                "an eigenvector"
            )
        return (
            f"its eigenvalue {fmt((l1 + l2) / 2)} is repeated with a single "
            "eigenvector direction, so there is no eigenbasis"
        )
    small = min(abs(l1), abs(l2))
    if small < MIN_EIGENVALUE:
        return (
            f"an eigenvalue of {fmt(l1 if abs(l1) < abs(l2) else l2)} squashes its "
            "eigenvector to a point too small to show"
        )
    (_, v1), (_, v2) = eigenpairs(a)
    if span_angle(v1, v2) < MIN_EIGEN_ANGLE:
        return (
            f"its eigenvectors are only {span_angle(v1, v2):.0f} degrees apart, "
            "too close to tell apart"
        )
    if len(generic_vectors(a)) < 2:
        return (
            "it turns no direction by 10 degrees or more, so its eigenvectors "
            "would not stand out"
        )
    if np.max(np.abs(a)) > OLD_VIEW:
        unit, _ = fit_plane(a)
        shortest = min(float(np.linalg.norm(p)) for p in drawn_vectors(a))
        if shortest * unit < MIN_ARROW:
            return (
                "at the scale that fits its longest arrow (stretched by "
                f"{fmt(max(abs(l1), abs(l2)))}), the shortest arrow is under "
                f"{fmt(MIN_ARROW)} scene units, too short to see"
            )
    return None


def drawn_vectors(m: np.ndarray) -> np.ndarray:
    """Every arrow the lesson draws on the plane, shape (n, 2).

    The vectors that leave their span and their images, the eigenvectors and
    their images.
    """
    pts = [v for v in generic_vectors(m)] + [m @ v for v in generic_vectors(m)]
    for lam, v in eigenpairs(m):
        pts += [v, lam * v]
    return np.array(pts).reshape(-1, 2)


def fit_plane(m: np.ndarray) -> tuple[float, np.ndarray]:
    """Scene units per plane unit and the origin's scene position, shape (2,).

    The view fits every arrow of :func:`drawn_vectors` into :data:`PLANE_BOX`,
    at any scale.
    """
    return fit_view(drawn_vectors(m), PLANE_BOX, margin=0.0, max_unit=1.6, min_span=1.0)


def signed(x: float) -> str:
    """A number for a product in a formula: negatives in parentheses."""
    shown = fmt(x)
    return f"({shown})" if shown.startswith("-") else shown


def poly_tex(trace: float, det: float) -> str:
    r"""``\lambda^2 - 5\lambda + 6`` from the trace and determinant."""
    parts = [r"\lambda^2"]
    if fmt(trace) != "0":
        coef = fmt(abs(trace))
        parts.append(("-" if trace > 0 else "+") + " " + ("" if coef == "1" else coef))
        parts[-1] += r"\lambda"
    if fmt(det) != "0":
        parts.append(("+" if det > 0 else "-") + " " + fmt(abs(det)))
    return " ".join(parts)


def scaled_words(name: str, lam: float) -> str:
    """How the narrator describes ``A name = lam name``."""
    if lam < 0:
        return f"{name} is flipped and scaled by {say_num(abs(lam))}"
    return f"{name} is scaled by {say_num(lam)}"


# -- the lesson --------------------------------------------------------------------

#: Where the plane is drawn: right of the panels, above the captions.
PLANE_BOX = Box(-2.0, config.frame_width / 2 - 0.35, CONTENT_BOTTOM + 0.25, 3.6)
GENERIC_COLORS = (PURPLE, RED)
EIGEN_COLORS = (ACCENT, GREEN)


class Eigenvectors(CourseLesson):
    """Vectors that stay on their span, the characteristic polynomial, the eigenbasis."""

    params = {
        "matrix": Matrix(
            [[3, 1], [0, 2]],
            help="the matrix A (two different real eigenvalues)",
            require=[eigen_problem],
        ),
    }

    def construct(self) -> None:
        a = self.args.matrix
        self.pairs = eigenpairs(a)
        self.generic = generic_vectors(a)
        self.setup_view(a)
        self.title_card(
            "Eigenvalues and eigenvectors",
            "Which directions does a matrix only stretch?",
        )
        self.show_spans(a)
        self.knock_off(a)
        self.show_eigenvectors(a)
        self.stretch_eigenvectors(a)
        self.why_determinant()
        self.polynomial(a)
        self.roots(a)
        self.solve_vectors(a)
        self.eigen_grid()
        self.stretch_grid(a)
        self.diagonal_form(a)
        self.recap(
            [
                "Most vectors leave their span; eigenvectors stay on it.",
                "An eigenvalue is the factor its eigenvector is stretched by.",
                "Eigenvalues are the roots of the characteristic polynomial.",
                "In a basis of eigenvectors, A is diagonal.",
            ],
            "PCA keeps the top eigenvectors of a covariance matrix.",
        )

    # -- view ------------------------------------------------------------------
    def setup_view(self, a: np.ndarray) -> None:
        self.unit, origin = fit_plane(a)
        self.origin = np.array([origin[0], origin[1], 0.0])
        self.view = PlaneView(self.unit, self.origin)

    def arrow(self, xy: np.ndarray, color: str) -> Mobject:
        """An arrow from the origin to ``xy`` in this lesson's weight."""
        return self.view.arrow(xy, color, width=6, tip=0.24, tip_ratio=0.3)

    def make_plane(self, opacity: float = 1.0) -> NumberPlane:
        plane = self.view.plane(
            opacity,
            reach=18,
            line_opacity=0.45,
            axis_opacity=0.8,
            z_index=0,
        )
        self.backdrop(plane)
        return plane

    def span_line(self, v: np.ndarray, color: str) -> DashedLine:
        d = np.asarray(v, dtype=float) / np.linalg.norm(v)
        reach = 17.0 / self.unit
        line = DashedLine(
            self.view.point(-reach * d),
            self.view.point(reach * d),
            dash_length=0.16,
            color=color,
            stroke_width=3,
            stroke_opacity=0.75,
        )
        self.backdrop(line)
        return line

    def corner_panel(self, *mobs) -> VGroup:
        card = panel(VGroup(*mobs).arrange(DOWN, aligned_edge=LEFT, buff=0.25))
        card.to_corner(UL, buff=0.3).set_z_index(10)
        return card

    def a_tex(self, a: np.ndarray) -> object:
        m = tex("A", "=", tex_matrix(a))
        m[0].set_color(BLUE)
        return m

    # -- chapter: staying on the line --------------------------------------------
    def show_spans(self, a: np.ndarray) -> None:
        self.plane = self.make_plane()
        self.info = self.corner_panel(self.a_tex(a))
        self.g_arrows = [
            self.arrow(v, c) for v, c in zip(self.generic, GENERIC_COLORS, strict=True)
        ]
        self.g_lines = [
            self.span_line(v, c)
            for v, c in zip(self.generic, GENERIC_COLORS, strict=True)
        ]
        with self.beat(
            "Here is a matrix, A, and two vectors. Each dashed line is a vector's "
            "span: all its multiples.",
            chapter="Leaving the span",
        ):
            self.play(Create(self.plane), FadeIn(self.info), run_time=1.5)
            self.play(*(Create(line) for line in self.g_lines), run_time=1)
            self.play(*(FadeIn(arr) for arr in self.g_arrows), run_time=0.7)

    def knock_off(self, a: np.ndarray) -> None:
        turns = [turn_angle(a, v) for v in self.generic]
        with self.beat(
            f"Apply A. Both vectors are knocked off their spans, turning by "
            f"{turns[0]:.0f} and {turns[1]:.0f} degrees. Most vectors are.",
        ):
            self.play(
                ApplyMatrix(a, self.plane, about_point=self.origin),
                *(
                    Transform(arr, self.arrow(a @ v, arr.get_color()))
                    for arr, v in zip(self.g_arrows, self.generic, strict=True)
                ),
                run_time=3,
            )

    def show_eigenvectors(self, a: np.ndarray) -> None:
        fresh = self.make_plane()
        self.e_arrows = [
            self.arrow(v, c) for (_, v), c in zip(self.pairs, EIGEN_COLORS, strict=True)
        ]
        self.e_lines = [
            self.span_line(v, c)
            for (_, v), c in zip(self.pairs, EIGEN_COLORS, strict=True)
        ]
        self.e_labels = [
            self.tip_label(f"v_{i + 1}", v, c)
            for i, ((_, v), c) in enumerate(zip(self.pairs, EIGEN_COLORS, strict=True))
        ]
        (_, v1), (_, v2) = self.pairs
        with self.beat(
            f"But some vectors are special. Here are {fmt_vec(v1)} and {fmt_vec(v2)}, "
            "with their spans.",
            say=f"But some vectors are special. Here are {say_vec(v1)}, and "
            f"{say_vec(v2)}, with their spans.",
        ):
            self.play(
                FadeOut(*self.g_arrows, *self.g_lines),
                ReplacementTransform(self.plane, fresh),
                run_time=1.2,
            )
            self.plane = fresh
            self.play(*(Create(line) for line in self.e_lines), run_time=1)
            self.play(
                *(FadeIn(arr) for arr in self.e_arrows),
                *(FadeIn(lab) for lab in self.e_labels),
                run_time=0.7,
            )

    def tip_label(self, content: str, xy: np.ndarray, color: str) -> object:
        """A label beside an arrow's tip, on the counter-clockwise side of its line."""
        d = np.asarray(xy, dtype=float) / np.linalg.norm(xy)
        side = np.array([-d[1], d[0], 0.0])
        label = tex(content, color=color, size=36)
        label.add_background_rectangle(color=BACKGROUND, opacity=0.75, buff=0.04)
        return label.next_to(self.view.point(xy), side, buff=0.2)

    def stretch_eigenvectors(self, a: np.ndarray) -> None:
        (l1, _), (l2, _) = self.pairs
        new_labels = [
            self.tip_label(f"{fmt(lam)}\\,v_{i + 1}", lam * v, c)
            for i, ((lam, v), c) in enumerate(
                zip(self.pairs, EIGEN_COLORS, strict=True)
            )
        ]
        law = tex(r"A v", "=", r"\lambda", "v")
        law[2].set_color(ACCENT)
        values = tex(
            rf"\lambda_1 = {fmt(l1)}", r",\quad", rf"\lambda_2 = {fmt(l2)}", size=36
        )
        values[0].set_color(EIGEN_COLORS[0])
        values[2].set_color(EIGEN_COLORS[1])
        card = self.corner_panel(self.a_tex(a), law, values)
        with self.beat(
            f"Apply A: they stay on their spans. {scaled_words('v1', l1)}, "
            f"{scaled_words('v2', l2)}. They are eigenvectors, and the scale factors "
            "are eigenvalues: A v = lambda v.",
            say=f"Apply A: they stay on their spans. {scaled_words('v1', l1)}, "
            f"{scaled_words('v2', l2)}. They are eigenvectors, and the scale factors "
            "are eigenvalues: A v equals lambda v.",
            chapter="Eigenvectors",
            key=True,
        ):
            self.play(
                ApplyMatrix(a, self.plane, about_point=self.origin),
                *(
                    Transform(arr, self.arrow(lam * v, arr.get_color()))
                    for arr, (lam, v) in zip(self.e_arrows, self.pairs, strict=True)
                ),
                *(
                    ReplacementTransform(old, new)
                    for old, new in zip(self.e_labels, new_labels, strict=True)
                ),
                run_time=3,
            )
            self.e_labels = new_labels
            self.play(ReplacementTransform(self.info, card), run_time=0.8)
            self.info = card

    # -- chapter: the characteristic polynomial -----------------------------------
    def why_determinant(self) -> None:
        steps = [
            tex(r"A v = \lambda v", size=44),
            tex(r"\Longleftrightarrow \; (A - \lambda I)\, v = 0", size=44),
            tex(r"\Longrightarrow \;", r"\det(A - \lambda I) = 0", size=44),
        ]
        steps[2][1].set_color(ACCENT)
        chain = VGroup(*steps).arrange(RIGHT, buff=0.25)
        self.chain = chain.to_edge(UP, buff=0.6)
        with self.beat(
            "To find them, rewrite A v = lambda v as (A - lambda I) v = 0. A non-zero "
            "v lands on zero only if A - lambda I squashes the plane flat: its "
            "determinant is zero.",
            say="To find them, rewrite A v equals lambda v as A minus lambda I, times "
            "v, equals zero. A non-zero v lands on zero only if A minus lambda I "
            "squashes the plane flat: its determinant is zero.",
            chapter="Finding eigenvalues",
        ):
            self.play(
                FadeOut(
                    self.plane, *self.e_arrows, *self.e_lines, *self.e_labels, self.info
                ),
                run_time=0.8,
            )
            self.play(Write(steps[0]), run_time=0.8)
            self.play(FadeIn(steps[1], shift=0.2 * RIGHT), run_time=0.8)
            self.play(FadeIn(steps[2], shift=0.2 * RIGHT), run_time=0.8)

    def polynomial(self, a: np.ndarray) -> None:
        tr, det = char_poly(a)
        lam = r"\lambda"
        shifted = (
            r"\begin{bmatrix}"
            + f"{fmt(a[0, 0])} - {lam} & {fmt(a[0, 1])}"
            + r" \\ "
            + f"{fmt(a[1, 0])} & {fmt(a[1, 1])} - {lam}"
            + r"\end{bmatrix}"
        )
        line1 = tex(
            r"\det",
            shifted,
            "=",
            f"({fmt(a[0, 0])} - {lam})({fmt(a[1, 1])} - {lam})"
            f" - {signed(a[0, 1])} \\cdot {signed(a[1, 0])}",
            size=42,
        )
        line2 = tex("=", poly_tex(tr, det), "= 0", size=42)
        line2[1].set_color(ACCENT)
        self.poly_lines = VGroup(line1, line2).arrange(DOWN, buff=0.35)
        line2.align_to(line1[2], LEFT)
        self.poly_lines.next_to(self.chain, DOWN, buff=0.8)
        with self.beat(
            "With our numbers, this determinant is a quadratic in lambda: "
            "the characteristic polynomial.",
        ):
            self.play(FadeIn(line1), run_time=1)
            self.play(Write(line2), run_time=1)

    def roots(self, a: np.ndarray) -> None:
        tr, _ = char_poly(a)
        disc = discriminant(a)
        l1, l2 = eigenvalues(a)
        quadratic = tex(
            rf"\lambda = \frac{{{fmt(tr)} \pm \sqrt{{{fmt(disc)}}}}}{{2}}", size=42
        )
        found = tex(
            rf"\lambda_1 = {fmt(l1)}", r",\quad", rf"\lambda_2 = {fmt(l2)}", size=42
        )
        found[0].set_color(EIGEN_COLORS[0])
        found[2].set_color(EIGEN_COLORS[1])
        formula = VGroup(quadratic, found).arrange(RIGHT, buff=0.8)
        self.root_line = formula.next_to(self.poly_lines, DOWN, buff=0.6)
        with self.beat(
            f"Its roots are the eigenvalues: {say_num(l1)} and {say_num(l2)}, "
            "the stretch factors we saw.",
        ):
            self.play(FadeIn(quadratic), run_time=0.8)
            self.play(FadeIn(found), run_time=0.8)

    def solve_vectors(self, a: np.ndarray) -> None:
        rows = []
        for i, ((lam, v), c) in enumerate(zip(self.pairs, EIGEN_COLORS, strict=True)):
            row = tex(
                rf"\lambda_{i + 1} = {fmt(lam)}:",
                tex_matrix(a - lam * np.eye(2)),
                "v = 0",
                r"\;\Rightarrow\;",
                f"v_{i + 1} = " + tex_matrix(v),
                size=42,
            )
            row[0].set_color(c)
            row[4].set_color(c)
            rows.append(row)
        block = VGroup(*rows).arrange(DOWN, buff=0.6, aligned_edge=LEFT)
        block.next_to(self.chain, DOWN, buff=0.8)
        (_, v1), (_, v2) = self.pairs
        with self.beat(
            f"For each eigenvalue, solving (A - lambda I) v = 0 gives its "
            f"eigenvector: {fmt_vec(v1)} and {fmt_vec(v2)}.",
            say=f"For each eigenvalue, solving A minus lambda I, times v, equals zero "
            "gives its eigenvector: "
            f"{say_vec(v1)}, and {say_vec(v2)}.",
        ):
            self.play(FadeOut(self.poly_lines, self.root_line), run_time=0.6)
            self.play(FadeIn(rows[0], shift=0.2 * DOWN), run_time=0.8)
            self.play(FadeIn(rows[1], shift=0.2 * DOWN), run_time=0.8)
        self.play(FadeOut(self.chain, block), run_time=0.6)

    # -- chapter: the eigenbasis --------------------------------------------------
    def grid_lines(self, along: np.ndarray, through: np.ndarray, color: str) -> VGroup:
        """Lines parallel to ``along`` through the multiples of ``through``."""
        d = np.asarray(along, dtype=float)
        step = np.asarray(through, dtype=float)
        # sideways gap between neighbouring lines, in scene units
        normal = np.array([-d[1], d[0]]) / np.linalg.norm(d)
        gap = abs(float(step @ normal)) * self.unit
        count = min(60, math.ceil(17.0 / max(gap, 0.05)))
        reach = 20.0 / (self.unit * np.linalg.norm(d))
        lines = VGroup(
            *(
                Line(
                    self.view.point(k * step - reach * d),
                    self.view.point(k * step + reach * d),
                    color=color,
                    stroke_width=4 if k == 0 else 1.8,
                    stroke_opacity=0.9 if k == 0 else 0.55,
                )
                for k in range(-count, count + 1)
            )
        )
        self.backdrop(lines)
        return lines

    def eigen_grid(self) -> None:
        (_, v1), (_, v2) = self.pairs
        self.ghost = self.make_plane(opacity=0.35)
        self.grid = VGroup(
            self.grid_lines(v1, v2, EIGEN_COLORS[0]),
            self.grid_lines(v2, v1, EIGEN_COLORS[1]),
        )
        self.backdrop(self.grid)
        self.e_arrows = [
            self.arrow(v, c) for (_, v), c in zip(self.pairs, EIGEN_COLORS, strict=True)
        ]
        self.e_labels = [
            self.tip_label(f"v_{i + 1}", v, c)
            for i, ((_, v), c) in enumerate(zip(self.pairs, EIGEN_COLORS, strict=True))
        ]
        with self.beat(
            "Now use the eigenvectors as a basis: a grid with lines along each one.",
            chapter="The eigenbasis",
        ):
            self.play(FadeIn(self.ghost), run_time=0.6)
            self.play(Create(self.grid), run_time=1.5)
            self.play(
                *(FadeIn(arr) for arr in self.e_arrows),
                *(FadeIn(lab) for lab in self.e_labels),
                run_time=0.6,
            )

    def stretch_grid(self, a: np.ndarray) -> None:
        (l1, _), (l2, _) = self.pairs
        new_labels = [
            self.tip_label(f"{fmt(lam)}\\,v_{i + 1}", lam * v, c)
            for i, ((lam, v), c) in enumerate(
                zip(self.pairs, EIGEN_COLORS, strict=True)
            )
        ]
        with self.beat(
            f"In this grid, A simply stretches: by {say_num(l1)} along v1, and by "
            f"{say_num(l2)} along v2. Every grid line stays parallel to itself.",
        ):
            self.play(
                ApplyMatrix(a, self.grid, about_point=self.origin),
                *(
                    Transform(arr, self.arrow(lam * v, arr.get_color()))
                    for arr, (lam, v) in zip(self.e_arrows, self.pairs, strict=True)
                ),
                *(
                    ReplacementTransform(old, new)
                    for old, new in zip(self.e_labels, new_labels, strict=True)
                ),
                run_time=3,
            )
            self.e_labels = new_labels

    def diagonal_form(self, a: np.ndarray) -> None:
        p, d = diagonalize(a)
        eq = tex("A", "=", "P", "D", "P^{-1}")
        eq[0].set_color(BLUE)
        eq[3].set_color(ACCENT)
        factors = tex(
            "P", "=", tex_matrix(p), r",\quad", "D", "=", tex_matrix(d), size=36
        )
        factors[4].set_color(ACCENT)
        note = text("P: eigenvectors as columns", SMALL, MUTED)
        note2 = text("D: eigenvalues on the diagonal", SMALL, MUTED)
        card = self.corner_panel(eq, factors, note, note2)
        with self.beat(
            "So in the eigenbasis, A is the diagonal matrix D of eigenvalues: "
            "A = P D P^-1, with the eigenvectors as the columns of P.",
            say="So in the eigenbasis, A is the diagonal matrix D of eigenvalues: "
            "A equals P D P inverse, with the eigenvectors as the columns of P.",
        ):
            self.play(FadeIn(card), run_time=1)
        self.play(
            FadeOut(card, self.grid, self.ghost, *self.e_arrows, *self.e_labels),
            run_time=0.6,
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: Eigenvector bases with determinant ±1, so A = P D P^-1 has whole-number entries.
_PRACTICE_BASES = (
    ((1.0, 1.0), (0.0, 1.0)),
    ((1.0, 0.0), (1.0, 1.0)),
    ((1.0, 1.0), (1.0, 2.0)),
    ((2.0, 1.0), (1.0, 1.0)),
    ((1.0, -1.0), (0.0, 1.0)),
    ((1.0, 0.0), (-1.0, 1.0)),
    ((1.0, 1.0), (-1.0, 0.0)),
    ((1.0, -1.0), (1.0, 0.0)),
)


def _practice_matrix(rng: np.random.Generator) -> np.ndarray:
    """A whole-number matrix with two different whole-number eigenvalues the lesson can show."""
    while True:
        basis = np.array(_PRACTICE_BASES[int(rng.integers(len(_PRACTICE_BASES)))])
        l1, l2 = rng.choice([-2.0, -1.0, 1.0, 2.0, 3.0, 4.0], size=2, replace=False)
        a = np.rint(basis @ np.diag([l1, l2]) @ np.linalg.inv(basis)) + 0.0
        if eigen_problem(a) is None:
            return a


def practice(seed: int) -> list[Exercise]:
    """Exercises on eigenvalues and eigenvectors, numbers drawn from ``seed``.

    A new 2 x 2 matrix with two different real (whole-number) eigenvalues for each
    seed. Three exercises: the eigenvalues (:func:`eigenvalues`, from the
    characteristic polynomial :func:`char_poly`); the eigenvector of the larger one
    (:func:`eigenvector`); and the stretch of a given eigenvector (:func:`eigenpairs`).
    """
    rng = np.random.default_rng(seed)
    fmt, vec, tex = kit_numbers.fmt, kit_numbers.fmt_vec, kit_numbers.tex_matrix
    a = _practice_matrix(rng)
    trace, det = char_poly(a)
    (l1, v1), (l2, v2) = eigenpairs(a)
    pick = int(rng.integers(2))
    lam, v = ((l1, v1), (l2, v2))[pick]
    k = float(rng.choice([1.0, 2.0, -1.0]))
    return [
        Exercise(
            id="eigenvectors-1",
            prompt=f"What are the two eigenvalues of $A = {tex(a)}$, larger first?",
            kind="vector",
            answer=(l1, l2),
            hint="Solve det(A − λI) = λ² − (trace) λ + det = 0.",
            solution=(
                f"$\\det(A - \\lambda I) = {poly_tex(trace, det)} = 0$, so "
                f"$\\lambda_1 = {fmt(l1)}$ and $\\lambda_2 = {fmt(l2)}$."
            ),
        ),
        Exercise(
            id="eigenvectors-2",
            prompt=(
                f"Find an eigenvector of $A = {tex(a)}$ for $\\lambda = {fmt(l1)}$, "
                "scaled so its entry largest in size is 1 (the first one, if they tie)."
            ),
            kind="vector",
            answer=v1,
            tolerance=0.005,
            hint="Solve (A − λI) v = 0: v is perpendicular to each row of A − λI.",
            solution=(
                f"$A - {kit_numbers.factor(fmt(l1))} I = {tex(a - l1 * np.eye(2))}$; "
                f"$v = {vec(v1)}$ solves it: $A v = {vec(a @ v1)} = {fmt(l1)}\\,v$."
            ),
        ),
        Exercise(
            id="eigenvectors-3",
            prompt=(
                f"$w = {vec(k * v)}$ is an eigenvector of $A = {tex(a)}$. "
                "By what number does A stretch it?"
            ),
            kind="number",
            answer=lam,
            hint="Compute A w and compare it with w: A w = λ w.",
            solution=(
                f"$A w = {vec(a @ (k * v))} = {fmt(lam)} \\cdot {vec(k * v)}$, "
                f"so $\\lambda = {fmt(lam)}$."
            ),
        ),
    ]
