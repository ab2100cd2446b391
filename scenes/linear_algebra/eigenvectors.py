"""Eigenvalues and eigenvectors: the directions a matrix only scales.

Most vectors are knocked off the line through them (their span) when a matrix
acts on the plane; an eigenvector stays on its span and is only scaled, by its
eigenvalue: ``A v = lambda v``. To find them the lesson rewrites this as
``(A - lambda I) v = 0`` and shows why the determinant must vanish: as lambda
slides, the grid under ``A - lambda I`` flattens onto a line exactly at each
eigenvalue, crushing that eigenvalue's eigenvector to the origin, while the
determinant (the shaded unit square's signed area) is traced against lambda.
Written out it is the characteristic polynomial
``lambda^2 - tr(A) lambda + det(A)``. With two eigenvectors as a basis, A only
scales along each: ``A = P D P^-1``. The machine-learning chapter applies A
again and again, as a linear recurrent layer does to its state, and the
eigenvalues decide where the state turns and whether it explodes or fades.

A matrix without two clearly different real eigenvalues (a rotation, a multiple
of the identity, a shear) is rejected with a one-line :class:`ParamError` that
says why: the lesson is about the directions a matrix keeps, and such a matrix
keeps none, or all, or only one. The numbers on screen come from the pure
functions below, which the tests check on their own.

General claims (text and narration), and why each holds:

- "Most vectors are knocked off their spans": with two different eigenvalues
  only the two eigenvector lines are kept (a third kept line would make A a
  multiple of the identity, which the parameters refuse); the two vectors
  shown turn by at least 10 degrees (Hypothesis test).
- "They stay on their spans; v is scaled by lambda" and "flipped and scaled"
  only for a negative eigenvalue: :func:`scaled_words` (Hypothesis test that
  "flipped" appears exactly when lambda < 0; ``A v = lambda v`` tested).
- "A non-zero v can land on zero only when the plane is squashed": a matrix
  with a non-zero null vector is singular, and a singular 2x2 matrix maps the
  plane onto a line or a point (its columns are dependent).
- "The grid flattens onto a line and the determinant hits zero at lambda_2;
  v2 is crushed", "between the two the determinant is negative: the grid is
  flipped", "at lambda_1 it is zero again and v1 is crushed": Hypothesis test
  over the matrix parameter (rank 1 and ``(A - lambda I) v = 0`` at each
  root, negative between, positive at the start).
- "The determinant is the shaded square's signed area": the image of the unit
  square under a 2x2 matrix has signed area det (the determinants lesson).
- "Written out, det(A - lambda I) is the characteristic polynomial; its roots
  are the eigenvalues": expansion of the 2x2 determinant (tested against numpy
  for any lambda, and the roots against ``numpy.linalg.eigvals``).
- "In this grid A only scales along each line; every grid line stays parallel
  to itself": A maps the line ``k v2 + t v1`` to ``k lambda2 v2 + t lambda1 v1``,
  parallel to v1 (and likewise the other family); ``A = P D P^-1`` tested.
- "A simple recurrent layer, without its nonlinearity, multiplies its state by
  the same matrix at every step": the definition of a linear recurrence
  ``h_(t+1) = A h_t``.
- "The v_d part wins: the state turns toward v_d's line (angles), its length
  grows about |lambda_d| times a step: it explodes" or "fades away", or "never
  settles" when both eigenvalues have the same size: :func:`repeat_story`,
  computed from the same iterates it draws; a Hypothesis test checks every
  phrase against its case, and that after many steps the state lies along the
  winning eigenvector's line.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from manim import *

from mathreel.core.params import Matrix
from mathreel.lesson.layout import is_backdrop
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import displayed, fmt, fmt_vec, say_sig, say_vec, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.ticks import nice_window
from scenes.kit.view import MIN_ARROW, Box, fit_view, legible_entries
from scenes.style import *

__all__ = [
    "Eigenvectors",
    "char_poly",
    "diagonalize",
    "discriminant",
    "dominant",
    "drawn_vectors",
    "eigen_problem",
    "eigenpairs",
    "eigenvalues",
    "eigenvector",
    "fit_plane",
    "generic_vectors",
    "poly_tex",
    "poly_text",
    "practice",
    "repeat_story",
    "repeated",
    "say_poly",
    "scaled_words",
    "shifted",
    "shifted_det",
    "span_angle",
    "sweep_path",
    "sweep_points",
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


def shifted(m: np.ndarray, lam: float) -> np.ndarray:
    """``A - lam I``, shape (2, 2)."""
    return np.asarray(m, dtype=float) - float(lam) * np.eye(2)


def shifted_det(m: np.ndarray, lam: float) -> float:
    """``det(A - lam I)``, evaluated as ``lam^2 - trace lam + det``."""
    tr, det = char_poly(m)
    return float(lam * lam - tr * lam + det)


def sweep_path(m: np.ndarray) -> tuple[float, float, float]:
    """The lambdas the squash chapter visits: a start below both roots, then each root.

    ``(min(0, lambda2 - 1), lambda2, lambda1)``: A itself when both eigenvalues
    are above 1. The determinant starts positive (the start is below both
    roots), falls to zero at the smaller eigenvalue, is negative between the two
    and zero again at the larger.
    """
    l1, l2 = eigenvalues(m)
    return min(0.0, l2 - 1.0), l2, l1


#: Half-size of the grid drawn under ``A - lambda I`` (plane units): lines every
#: half unit from -1 to 1.
SWEEP_REACH = 1


def sweep_points(m: np.ndarray, samples: int = 41) -> np.ndarray:
    """Every point the squash chapter draws, over the whole sweep, shape (n, 2).

    The images under ``A - lambda I`` of the grid's corners and of both
    eigenvectors, for ``samples`` lambdas from the start to the larger root
    (the picture is linear in lambda, so the ends and the samples bound it).
    """
    start, _, end = sweep_path(m)
    r = SWEEP_REACH
    corners = np.array([[r, r], [r, -r], [-r, r], [-r, -r]], dtype=float)
    eig = np.array([v for _, v in eigenpairs(m)])
    pts = [np.zeros((1, 2))]
    for lam in np.linspace(start, end, samples):
        s = shifted(m, lam)
        pts += [corners @ s.T, eig @ s.T]
    return np.vstack(pts)


#: Steps of the repeated-matrix (machine-learning) chapter.
REPEATS = 5
#: Eigenvalue sizes closer than this ratio count as equal: no direction wins.
EVEN_RATIO = 0.98


def repeated(m: np.ndarray, x: np.ndarray, steps: int = REPEATS) -> np.ndarray:
    """``A^k x`` for ``k = 0 .. steps``, shape (steps + 1, 2)."""
    a = np.asarray(m, dtype=float)
    out = [np.asarray(x, dtype=float)]
    for _ in range(steps):
        out.append(a @ out[-1])
    return np.array(out)


def dominant(m: np.ndarray) -> int | None:
    """Index (0 or 1, as in :func:`eigenpairs`) of the eigenvalue largest in size.

    None when both have (nearly) the same size: then no direction wins.
    """
    l1, l2 = eigenvalues(m)
    big, small = (0, 1) if abs(l1) >= abs(l2) else (1, 0)
    sizes = (abs(l1), abs(l2))
    if sizes[small] >= EVEN_RATIO * sizes[big]:
        return None
    return big


def repeat_story(m: np.ndarray, x: np.ndarray, steps: int = REPEATS) -> tuple[str, str]:
    """What the machine-learning chapter says about ``A^k x``: (shown, spoken).

    Computed from the same numbers it draws: which eigenvector's part wins
    (:func:`dominant`), the angle to that eigenvector's line at the start and
    after ``steps`` steps, and whether the length grows or fades (the winning
    eigenvalue's size above or below 1).
    """
    pairs = eigenpairs(m)
    xs = repeated(m, x, steps)
    d = dominant(m)
    lam = pairs[0 if d is None else d][0]
    size = abs(lam)
    if size > 1:
        fate = "grows", "explodes"
    elif size < 1:
        fate = "shrinks", "fades away"
    else:
        fate = "keeps its size", "stays put"
    growth_shown = (
        f"its length {fate[0]} about {fmt(size)} times a step: repeated, it {fate[1]}."
        if size != 1
        else "its length keeps its size."
    )
    growth_said = growth_shown.replace(fmt(size), say_sig(size))
    if d is None:
        words = (
            "Both parts are scaled by the same size, so the direction never settles; "
        )
        return words + growth_shown, words + growth_said
    name = f"v{d + 1}"
    first = span_angle(xs[0], pairs[d][1])
    last = span_angle(xs[-1], pairs[d][1])
    if last < first:
        turn = (
            f"The {name} part wins: the state turns toward {name}'s line, "
            f"{first:.0f} degrees off at the start, {last:.0f} after {steps} steps; "
        )
    else:
        turn = (
            f"The {name} part wins in the end, though after {steps} steps the state "
            f"is still {last:.0f} degrees off its line; "
        )
    return turn + growth_shown, turn + growth_said


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


def scaled_words(
    name: str, lam: float, number: Callable[[float], str] = say_sig
) -> str:
    """How the lesson describes ``A name = lam name``: flipped only when ``lam < 0``.

    ``number`` formats the size: :func:`say_sig` (spoken, the default) or
    :func:`fmt` (shown).
    """
    if lam < 0:
        return f"{name} is flipped and scaled by {number(abs(lam))}"
    return f"{name} is scaled by {number(lam)}"


def poly_text(trace: float, det: float) -> str:
    """The characteristic polynomial as caption text: ``λ² − 5λ + 6``."""
    return (
        poly_tex(trace, det)
        .replace(r"\lambda^2", "λ²")
        .replace(r"\lambda", "λ")
        .replace("- ", "− ")
    )


def say_poly(trace: float, det: float) -> str:
    """The characteristic polynomial as spoken: ``lambda squared minus 5 lambda plus 6``."""
    words = ["lambda squared"]
    if fmt(trace) != "0":
        coef = say_sig(abs(trace))
        words.append(
            ("minus " if trace > 0 else "plus ")
            + ("" if coef == "1" else coef + " ")
            + "lambda"
        )
    if fmt(det) != "0":
        words.append(("plus " if det > 0 else "minus ") + say_sig(abs(det)))
    return " ".join(words)


# -- the lesson --------------------------------------------------------------------

#: Where the plane is drawn: right of the panels, above the captions.
PLANE_BOX = Box(-2.0, config.frame_width / 2 - 0.35, CONTENT_BOTTOM + 0.25, 3.6)
#: The squash chapter: the grid under A - lambda I on the left, det against lambda right.
SWEEP_BOX = Box(-6.9, -0.5, CONTENT_BOTTOM + 0.15, 2.75)
GRAPH_BOX = Box(0.6, 6.5, -2.7, 0.5)
READOUT_Y = 2.45
POLY_Y = 1.35
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
        self.squash_setup(a)
        self.squash_to(a, 1)
        self.squash_to(a, 2)
        self.name_polynomial(a)
        self.eigen_grid()
        self.stretch_grid(a)
        self.diagonal_form(a)
        self.repeat_layer(a)
        self.recap(a)

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
        """A label beside an arrow's tip, on the side of its line clear of the others.

        The counter-clockwise side, unless the label would cover the tip of
        another eigenvector arrow (before or after A) there.
        """
        d = np.asarray(xy, dtype=float) / np.linalg.norm(xy)
        others = [
            self.view.point(p)
            for lam, v in self.pairs
            for p in (v, lam * v)
            if not np.allclose(p, xy)
        ]
        label = None
        for side in (np.array([-d[1], d[0], 0.0]), np.array([d[1], -d[0], 0.0])):
            label = panel(tex(content, color=color, size=36), buff=0.06)
            label.next_to(self.view.point(xy), side, buff=0.15)
            (x0, y0, _), (x1, y1, _) = label.get_corner(DL), label.get_corner(UR)
            clear = 0.3  # an arrow tip's size
            if not any(
                x0 - clear <= p[0] <= x1 + clear and y0 - clear <= p[1] <= y1 + clear
                for p in others
            ):
                break
        return label

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
            f"Apply A: they stay on their spans. {scaled_words('v1', l1, fmt)}, "
            f"{scaled_words('v2', l2, fmt)}. They are eigenvectors, and the scale "
            "factors are eigenvalues: A v = lambda v.",
            say=f"Apply A: they stay on their spans. {scaled_words('v1', l1)}, "
            f"{scaled_words('v2', l2)}. They are eigenvectors, and the scale factors "
            "are eigenvalues: A v equals lambda v.",
            chapter="Eigenvectors",
            key=True,
        ):
            self.apply_scaling_eigenvectors(a, self.plane, new_labels)
            self.play(ReplacementTransform(self.info, card), run_time=0.8)
            self.info = card
            self.wait(1.5)

    # -- chapter: the characteristic polynomial -----------------------------------
    # -- chapter: finding eigenvalues (A - lambda I squashes the plane) ----------------
    def squash_picture(self, a: np.ndarray) -> VGroup:
        """The grid, unit square and eigenvectors under ``A - lambda I``, following ``self.lam``."""
        view = self.sview
        r = SWEEP_REACH
        ks = [k / 2 for k in range(-2 * r, 2 * r + 1)]
        ends = [((k, -r), (k, r)) for k in ks] + [((-r, k), (r, k)) for k in ks]
        lines = VGroup(
            *(
                VMobject(
                    stroke_color=INK
                    if p[0] == q[0] == 0 or p[1] == q[1] == 0
                    else BLUE,
                    stroke_width=3 if p[0] == q[0] == 0 or p[1] == q[1] == 0 else 2,
                    stroke_opacity=0.8,
                )
                for p, q in ends
            )
        )
        square = VMobject(stroke_width=0)
        arms = VGroup(*(VMobject(stroke_color=c, stroke_width=7) for c in EIGEN_COLORS))
        tips = VGroup(*(Dot(radius=0.09, color=c) for c in EIGEN_COLORS))
        eig = [v for _, v in self.pairs]

        def follow(group: VGroup) -> None:
            lam = self.lam.get_value()
            s = shifted(a, lam)
            for line, (p, q) in zip(lines, ends, strict=True):
                line.set_points_as_corners(
                    [view.point(s @ np.array(p)), view.point(s @ np.array(q))]
                )
            unit_square = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
            square.set_points_as_corners(
                [view.point(s @ np.array(c)) for c in unit_square]
            )
            square.set_fill(BLUE if shifted_det(a, lam) >= 0 else RED, opacity=0.4)
            for arm, tip, v in zip(arms, tips, eig, strict=True):
                end = view.point(s @ v)
                arm.set_points_as_corners([view.point((0, 0)), end + 1e-4 * RIGHT])
                tip.move_to(end)

        picture = VGroup(square, lines, arms, tips)
        follow(picture)
        picture.add_updater(follow)
        return picture

    def squash_setup(self, a: np.ndarray) -> None:
        start, low, high = sweep_path(a)
        self.lam = ValueTracker(start)
        unit, origin = fit_view(
            sweep_points(a), SWEEP_BOX, margin=0.1, max_unit=1.6, min_span=1.0
        )
        self.sview = PlaneView(unit, origin)
        self.squash = self.squash_picture(a)
        first = tex(r"A v = \lambda v", size=40)
        second = tex(r"\Longleftrightarrow \; (A - \lambda I)\, v = 0", size=40)
        third = tex(r"\Longrightarrow \;", r"\det(A - \lambda I) = 0", size=40)
        third[1].set_color(ACCENT)
        self.chain = VGroup(first, second, third).arrange(RIGHT, buff=0.25)
        self.chain.to_edge(UP, buff=0.35)
        # the determinant against lambda
        lo, hi = min(start, 0.0), max(high + (low - start), 0.0)
        xs = np.linspace(lo, hi, 101)
        ys = [shifted_det(a, x) for x in xs]
        xlo, xhi, xstep = nice_window(lo, hi, most=6)
        ylo, yhi, ystep = nice_window(min(ys), max(ys), most=5)
        self.det_axes = plot_axes(
            (xlo, xhi, xstep),
            (ylo, yhi, ystep),
            width=GRAPH_BOX.right - GRAPH_BOX.left,
            height=GRAPH_BOX.top - GRAPH_BOX.bottom,
            centre=(
                (GRAPH_BOX.left + GRAPH_BOX.right) / 2,
                (GRAPH_BOX.bottom + GRAPH_BOX.top) / 2,
            ),
        )
        ax = self.det_axes
        self.curve = ax.plot(
            lambda x: shifted_det(a, x), x_range=[lo, hi], color=ACCENT
        )
        lam_name = tex(r"\lambda", size=36, color=MUTED).next_to(
            ax.x_axis, RIGHT, buff=0.15
        )
        self.det_dot = Dot(radius=0.09, color=ACCENT)
        self.det_dot.add_updater(
            lambda d: d.move_to(
                ax.c2p(self.lam.get_value(), shifted_det(a, self.lam.get_value()))
            )
        )
        lam_value = DecimalNumber(start, num_decimal_places=2, font_size=36)
        lam_value.add_updater(lambda m: m.set_value(displayed(self.lam.get_value())))
        det_value = DecimalNumber(
            shifted_det(a, start), num_decimal_places=2, font_size=36
        )
        det_value.add_updater(
            lambda m: m.set_value(displayed(shifted_det(a, self.lam.get_value())))
        )
        det_value.set_color(ACCENT)
        self.readout = VGroup(
            VGroup(tex(r"\lambda =", size=36), lam_value).arrange(RIGHT, buff=0.15),
            VGroup(
                tex(r"\det(A - \lambda I) =", size=36, color=ACCENT), det_value
            ).arrange(RIGHT, buff=0.15),
        ).arrange(RIGHT, buff=0.6)
        self.readout.move_to([(GRAPH_BOX.left + GRAPH_BOX.right) / 2, READOUT_Y, 0])
        self.graph = VGroup(ax, lam_name, self.curve)
        with self.beat(
            "To find them, rewrite A v = lambda v as (A - lambda I) v = 0. For each "
            "lambda, A - lambda I is a matrix. Here is the grid it makes, and its "
            "determinant, the shaded square's signed area, plotted against lambda.",
            say="To find them, rewrite A v equals lambda v as A minus lambda I, times v, "
            "equals zero. For each lambda, A minus lambda I is a matrix. Here is the "
            "grid it makes, and its determinant, the shaded square's signed area, "
            "plotted against lambda.",
            chapter="Finding eigenvalues",
        ):
            self.play(
                FadeOut(
                    self.plane, *self.e_arrows, *self.e_lines, *self.e_labels, self.info
                ),
                run_time=0.8,
            )
            self.play(Write(first), FadeIn(second, shift=0.2 * RIGHT), run_time=1.2)
            self.play(FadeIn(self.squash), Create(ax), FadeIn(lam_name), run_time=1.2)
            self.play(
                Create(self.curve), FadeIn(self.det_dot, self.readout), run_time=1.2
            )

    def squash_to(self, a: np.ndarray, which: int) -> None:
        """Slide lambda to eigenvalue ``which`` (1 = the smaller, reached first)."""
        _, low, high = sweep_path(a)
        lam = (low, high)[which - 1]
        index = 1 if which == 1 else 0  # position in eigenpairs (largest first)
        name = f"v{index + 1}"
        root = Dot(self.det_axes.c2p(lam, 0), radius=0.11, color=EIGEN_COLORS[index])
        shown, said = fmt(lam), say_sig(lam)
        side = UP + (RIGHT if which == 1 else LEFT)
        root_label = tex(shown, size=36, color=EIGEN_COLORS[index]).next_to(
            root, side, buff=0.08
        )
        root = VGroup(root, root_label)
        if which == 1:
            text_ = (
                f"Slide lambda to {shown}: the grid flattens onto a line and the "
                f"determinant hits zero. {name} is crushed to the origin. A non-zero v "
                "can land on zero only when the plane is squashed like this."
            )
            say = text_.replace(f"to {shown}:", f"to {said}:").replace(
                name, f"v {index + 1}"
            )
        else:
            text_ = (
                "Between the two, the determinant is negative: the grid is flipped "
                f"over. At {shown} it is zero again, and {name} is crushed."
            )
            say = text_.replace(f"At {shown}", f"At {said}").replace(
                name, f"v {index + 1}"
            )
        with self.beat(text_, say=say):
            self.play(
                self.lam.animate.set_value(lam),
                run_time=3.5 if which == 1 else 3.0,
                rate_func=smooth,
            )
            self.play(FadeIn(root, scale=0.5), run_time=0.4)
            if which == 1:
                self.play(FadeIn(self.chain[2], shift=0.2 * RIGHT), run_time=0.8)
                self.wait(1.0)
        self.roots = getattr(self, "roots", VGroup())
        self.roots.add(root)

    def name_polynomial(self, a: np.ndarray) -> None:
        tr, det = char_poly(a)
        (l1, _), (l2, _) = self.pairs
        poly = tex(r"\det(A - \lambda I)", "=", poly_tex(tr, det), "= 0", size=36)
        poly[2].set_color(ACCENT)
        found = tex(
            rf"\lambda_1 = {fmt(l1)}", r",\quad", rf"\lambda_2 = {fmt(l2)}", size=36
        )
        found[0].set_color(EIGEN_COLORS[0])
        found[2].set_color(EIGEN_COLORS[1])
        card = VGroup(poly, found).arrange(DOWN, buff=0.2)
        card.move_to([(GRAPH_BOX.left + GRAPH_BOX.right) / 2, POLY_Y, 0])
        with self.beat(
            f"Written out, det(A - lambda I) = {poly_text(tr, det)}: the characteristic "
            f"polynomial. Its roots, {fmt(l1)} and {fmt(l2)}, are the eigenvalues, and "
            "the vector each one crushes is an eigenvector.",
            say="Written out, the determinant of A minus lambda I is "
            f"{say_poly(tr, det)}: the characteristic polynomial. Its roots, "
            f"{say_sig(l1)} and {say_sig(l2)}, are the eigenvalues, and the vector each "
            "one crushes is an eigenvector.",
        ):
            self.play(FadeIn(poly), run_time=1.0)
            self.play(FadeIn(found), run_time=0.8)
        for mob in (self.squash, self.det_dot, *self.readout[0], *self.readout[1]):
            mob.clear_updaters()
        self.play(
            FadeOut(
                self.squash,
                self.graph,
                self.det_dot,
                self.readout,
                self.roots,
                self.chain,
                card,
            ),
            run_time=0.6,
        )

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
            f"In this grid, A only scales along each line: {scaled_words('v1', l1, fmt)}, "
            f"{scaled_words('v2', l2, fmt)}. Every grid line stays parallel to itself.",
            say=f"In this grid, A only scales along each line: {scaled_words('v1', l1)}, "
            f"{scaled_words('v2', l2)}. Every grid line stays parallel to itself.",
        ):
            self.apply_scaling_eigenvectors(a, self.grid, new_labels)

    def diagonal_form(self, a: np.ndarray) -> None:
        p, d = diagonalize(a)
        eq = tex("A", "=", "P", "D", "P^{-1}")
        eq[0].set_color(BLUE)
        eq[3].set_color(ACCENT)
        p_row = tex("P", "=", tex_matrix(p), size=36)
        d_row = tex("D", "=", tex_matrix(d), size=36)
        d_row[0].set_color(ACCENT)
        p_note = text("eigenvectors", SMALL, MUTED)
        d_note = text("eigenvalues", SMALL, MUTED)
        rows = VGroup(
            VGroup(p_row, p_note).arrange(RIGHT, buff=0.25),
            VGroup(d_row, d_note).arrange(RIGHT, buff=0.25),
        )
        # narrow enough to stay left of the plane's box, off the origin and arrows
        self.card = self.corner_panel(eq, *rows)
        self.recap_picture = self.shrunk_copy(
            self.grid, self.ghost, *self.e_arrows, *self.e_labels
        )
        with self.beat(
            "So in the eigenbasis, A is the diagonal matrix D of eigenvalues: "
            "A = P D P^-1, with the eigenvectors as the columns of P.",
            say="So in the eigenbasis, A is the diagonal matrix D of eigenvalues: "
            "A equals P D P inverse, with the eigenvectors as the columns of P.",
        ):
            self.play(FadeIn(self.card), run_time=1)

    def shrunk_copy(self, *mobs: Mobject) -> list[Mobject]:
        """Copies of the eigenbasis picture, shrunk toward the top of the plane's box.

        They leave the band above the captions free for the recap's line; the
        labels keep their size. Grids stay backdrops.
        """
        top = PLANE_BOX.top
        factor = (top - (CONTENT_BOTTOM + 1.0)) / (top - PLANE_BOX.bottom)
        pivot = np.array([self.origin[0], top, 0.0])
        picture = []
        for mob in mobs:
            copy = mob.copy().scale(factor, about_point=pivot)
            if is_backdrop(mob):
                self.backdrop(copy)
            picture.append(copy)
        for label in picture[-len(self.e_labels) :]:
            label.scale(1 / factor)
        return picture

    # -- chapter: in machine learning (the same matrix, again and again) -------------
    def repeat_layer(self, a: np.ndarray) -> None:
        x = self.generic[0]
        hs = repeated(a, x)
        d = dominant(a)
        target = self.pairs[0 if d is None else d][1]
        shown, said = repeat_story(a, x)
        # a view of its own: the origin in the middle of the plane's box, every
        # state drawn at the length of the first, 85% of the way to the box's edge
        box = PLANE_BOX
        self.origin = np.array(
            [(box.left + box.right) / 2, (box.bottom + box.top) / 2, 0.0]
        )
        half = min(box.right - box.left, box.top - box.bottom) / 2
        length = float(np.linalg.norm(x))
        self.unit = 0.85 * half / length
        self.view = PlaneView(self.unit, self.origin)
        fresh = self.make_plane(opacity=0.35)
        lines = [
            self.span_line(v, c)
            for (_, v), c in zip(self.pairs, EIGEN_COLORS, strict=True)
        ]

        def state(h: np.ndarray, opacity: float = 1.0) -> Mobject:
            arr = self.arrow(length * h / np.linalg.norm(h), PURPLE)
            return arr.set_opacity(opacity)

        def card(k: int) -> VGroup:
            h = hs[k]
            angle = span_angle(h, target)
            where = "v_1" if d in (None, 0) else "v_2"
            rows = [
                tex(r"h \leftarrow A\,h", size=36),
                text(f"step {k}", SMALL, INK),
                text(f"length {fmt(np.linalg.norm(h))}", SMALL, PURPLE),
                VGroup(
                    text(f"{angle:.0f}° from", SMALL, MUTED),
                    tex(where, size=36, color=MUTED),
                ).arrange(RIGHT, buff=0.15),
            ]
            return self.corner_panel(*rows)

        self.ml_card = card(0)
        arrow = state(hs[0])
        with self.beat(
            "A simple recurrent layer, without its nonlinearity, multiplies its state h "
            "by the same matrix at every step: h becomes A h. Start from "
            f"h = {fmt_vec(x)} and repeat.",
            say="A simple recurrent layer, without its nonlinearity, multiplies its "
            "state h by the same matrix at every step: h becomes A h. Start from h "
            f"equals {say_vec(x)}, and repeat.",
            chapter="In machine learning",
        ):
            self.play(
                FadeOut(
                    self.card, self.grid, self.ghost, *self.e_arrows, *self.e_labels
                ),
                run_time=0.6,
            )
            self.play(FadeIn(fresh), *(Create(line) for line in lines), run_time=1.0)
            self.play(GrowArrow(arrow), FadeIn(self.ml_card), run_time=0.8)
        trail = [arrow]
        with self.beat(shown, say=said):
            for k in range(1, len(hs)):
                new = state(hs[k])
                grown = card(k)
                self.play(
                    trail[-1].animate.set_opacity(0.3),
                    TransformFromCopy(trail[-1], new),
                    ReplacementTransform(self.ml_card, grown),
                    run_time=1.0,
                )
                self.ml_card = grown
                trail.append(new)
        self.play(FadeOut(fresh, *lines, *trail, self.ml_card), run_time=0.6)

    def apply_scaling_eigenvectors(
        self, a: np.ndarray, grid: Mobject, new_labels: list[Mobject]
    ) -> None:
        """Apply ``a`` to ``grid``: each eigenvector arrow scales by its eigenvalue."""
        self.play(
            ApplyMatrix(a, grid, about_point=self.origin),
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

    def recap(self, a: np.ndarray) -> None:
        # one FadeIn each: FadeIn(*mobs) would add them to the scene as one group
        self.play(*(FadeIn(mob) for mob in self.recap_picture), run_time=0.6)
        self.recap_over(
            self.recap_picture,
            "A v = λ v: eigenvectors only scale; det(A − λI) = 0 finds λ.",
            say="A v equals lambda v: eigenvectors are only scaled, and the "
            "eigenvalues are where A minus lambda I squashes the plane.",
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
