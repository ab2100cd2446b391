"""Singular value decomposition: turn or reflect, scale, turn or reflect.

A 2x2 matrix A turns the unit circle into an ellipse. Two perpendicular
directions on the circle, ``v1`` and ``v2``, land on the ellipse's axes, still
perpendicular; the axes' half-lengths are the singular values ``sigma1 >= sigma2``.
So ``A = U Sigma V^T``: ``V^T`` turns ``v1, v2`` onto the coordinate axes,
``Sigma`` scales along them, ``U`` turns (or, when ``det A < 0``, reflects) the
result into place. Dropping ``sigma2`` leaves the rank-1 matrix
``sigma1 u1 v1^T``, the closest rank-1 matrix to A. The machine-learning
chapter does the same to a picture: a 24 x 24 grey face drawn with numpy, kept
to its top 1, 2, 3 and 5 terms, with the share of its sum of squares each keeps
and the numbers each stores.

Sign conventions, so the three animated steps really compose to A: ``V`` is
always a rotation (``det V = 1``) whose angle is in (-90, 90] degrees; ``U`` is
then a rotation when ``det A > 0`` and a reflection (a flip, then a rotation)
when ``det A < 0``. A singular, nearly singular or evenly stretching matrix is
rejected with a one-line :class:`ParamError` that says why. The numbers on
screen come from the pure functions below, which the tests check on their own.

General claims (text and narration), and why each holds:

- "Two perpendicular directions land on the ellipse's axes, still
  perpendicular; the half-lengths are the singular values": ``A v_i = sigma_i
  u_i`` with orthonormal ``u``, ``v`` (:func:`svd2` tested against numpy).
- "Every matrix splits into three simple steps: a rotation or a reflection, a
  scaling along the axes, and another rotation or reflection": every real
  matrix has an SVD with orthogonal U, V, and an orthogonal 2x2 matrix is a
  rotation (det +1) or a reflection (det -1). (The old words, "every matrix is
  a rotation, a stretch and a rotation", were false when det A < 0.)
- "Here V transpose rotates and U rotates / reflects", the factor notes and the
  recap line: :func:`factor_kinds` reads the signs of det V and det U; a
  Hypothesis test over the matrix parameter checks that the words match the
  signs, and that U reflects exactly when det A < 0.
- "V transpose turns v1 and v2 onto the axes": ``V^T v_i = e_i`` (the arrows
  are then labelled e1, e2, and sigma_i e_i after Sigma, sigma_i u_i after U).
- "Sigma stretches across by sigma1 and shrinks up and down to sigma2":
  :func:`scale_words` says "stretches" only for a factor above 1 and "shrinks"
  only below 1 (Hypothesis test).
- "The three steps together are A": the product of :func:`svd_steps` is A
  (Hypothesis test).
- "It is the closest rank-one matrix to A; it misses by sigma2; keeping sigma2
  instead would miss by sigma1": Eckart-Young in the Frobenius norm (a
  Hypothesis test against random rank-1 matrices, and the two truncations).
- "A picture is a matrix too": a grey image is a rows x columns array.
- "Its singular values fall fast" and "one term keeps 62%, five keep 99% of the
  sum of squares": :func:`kept_energy` is ``sum_{i<=k} sigma_i^2 / sum
  sigma_i^2``, which equals ``1 - |X - X_k|^2 / |X|^2`` (Hypothesis test), and
  the shown values are computed from :func:`picture`.
- "In 245 numbers instead of 576": :func:`storage` counts one sigma, one u and
  one v per kept term (tested).
"""

from __future__ import annotations

import math

import numpy as np
from manim import *

from mathreel.core.params import Matrix
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, say_sig, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, Box, legible_entries
from scenes.style import *

__all__ = [
    "OLD_VIEW",
    "PICTURE_SIDE",
    "RANKS",
    "SVD",
    "degree_text",
    "factor_kinds",
    "kept_energy",
    "picture",
    "plane_unit",
    "practice",
    "rank1",
    "rank_k",
    "recap_line",
    "rotation",
    "scale_words",
    "shades",
    "storage",
    "svd2",
    "svd_problem",
    "svd_steps",
    "truncation_errors",
    "turn_angle",
    "view_unit",
]

#: Entries up to this size were always shown (the view then stopped shrinking at
#: 0.2 scene units per plane unit); past it the view scales.
OLD_VIEW = 4.0
#: Refuses entries too long for the formula panels.
_digits = legible_entries("entries", ratio=math.inf)
#: Singular values closer than this count as equal.
MIN_GAP = 0.1

FLIP = np.diag([1.0, -1.0])


# -- the math ------------------------------------------------------------------------


def rotation(deg: float) -> np.ndarray:
    """The matrix that rotates the plane ``deg`` degrees counter-clockwise."""
    t = math.radians(deg)
    return np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])


def turn_angle(m: np.ndarray) -> float:
    """Where an orthogonal matrix sends the x-axis, in degrees in (-180, 180]."""
    return math.degrees(math.atan2(m[1, 0], m[0, 0]))


def svd2(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(U, sigma, V^T)`` with ``A = U diag(sigma) V^T``, in the lesson's conventions.

    ``sigma`` is sorted, largest first, and non-negative; U and V are orthonormal;
    V is a rotation by an angle in (-90, 90]; U is a rotation unless ``det A < 0``
    (then it is a rotation after the flip ``diag(1, -1)``). For a singular A the
    free sign of ``u2`` is chosen so that U is a rotation.
    """
    a = np.asarray(m, dtype=float)
    u, s, vt = np.linalg.svd(a)
    v = vt.T.copy()
    if np.linalg.det(v) < 0:  # flip the pair (u2, v2): the product is unchanged
        v[:, 1] *= -1
        u[:, 1] *= -1
    if np.linalg.det(u) < 0 and s[1] <= 1e-12 * max(s[0], 1.0):
        u[:, 1] *= -1  # sigma2 = 0: u2's sign is free
    angle = turn_angle(v)
    if angle <= -90 or angle > 90:  # flip both pairs: V and U turn by 180 degrees
        u, v = -u, -v
    return u, s, v.T


def svd_steps(m: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """The matrices the lesson applies, in order; their product is A.

    ``V^T`` (a rotation), ``Sigma`` (a stretch), then ``U``: a rotation, or, when
    ``det A < 0``, a flip followed by a rotation (``U = R F``).
    """
    u, s, vt = svd2(m)
    steps = [("V^T", vt), ("Sigma", np.diag(s))]
    if np.linalg.det(u) < 0:
        steps += [("flip", FLIP), ("U", u @ FLIP)]
    else:
        steps.append(("U", u))
    return steps


def rank1(m: np.ndarray, which: int = 0) -> np.ndarray:
    """``sigma_i u_i v_i^T`` for ``which = i - 1``: A keeping one singular value."""
    u, s, vt = svd2(m)
    return s[which] * np.outer(u[:, which], vt[which])


def truncation_errors(m: np.ndarray) -> tuple[float, float]:
    """Frobenius distance from A to keeping sigma1 only, and to keeping sigma2 only."""
    a = np.asarray(m, dtype=float)
    return (
        float(np.linalg.norm(a - rank1(a, 0))),
        float(np.linalg.norm(a - rank1(a, 1))),
    )


def storage(rows: int, cols: int, keep: int) -> int:
    """Numbers stored for a rank-``keep`` SVD: each ``sigma``, ``u`` and ``v``."""
    return keep * (rows + cols + 1)


def factor_kinds(m: np.ndarray) -> tuple[str, str]:
    """What ``V^T`` and ``U`` of :func:`svd2` do: ``"rotates"`` or ``"reflects"``.

    Read off the sign of each factor's determinant: an orthogonal 2x2 matrix
    with determinant +1 is a rotation, with -1 a reflection. In the lesson's
    convention V is always a rotation, and U reflects exactly when ``det A < 0``.
    """
    u, _, vt = svd2(m)
    return tuple(  # type: ignore[return-value]
        "rotates" if np.linalg.det(f) > 0 else "reflects" for f in (vt, u)
    )


def recap_line(m: np.ndarray) -> str:
    """The recap's one line, with the two outer steps' kinds from :func:`factor_kinds`."""
    first, last = (k.removesuffix("s") for k in factor_kinds(m))
    return f"A = U Σ Vᵀ: {first}, scale, {last}; keep the largest σ."


def scale_words(s: float, way: str, number=fmt) -> str:
    """What Sigma does along one axis: stretch (``s > 1``), shrink (``s < 1``) or keep.

    ``way`` names the axis ("across", "up and down"); ``number`` formats ``s``
    (:func:`fmt` shown, :func:`say_sig` spoken).
    """
    if s > 1:
        return f"stretches {way} by {number(s)}"
    if s < 1:
        return f"shrinks {way} to {number(s)} of the size"
    return f"leaves {way} as it is"


#: Side of the machine-learning chapter's picture, in pixels.
PICTURE_SIDE = 24
#: The ranks the machine-learning chapter keeps, one after another.
RANKS = (1, 2, 3, 5)


def picture(side: int = PICTURE_SIDE) -> np.ndarray:
    """A smiling face drawn with numpy: grey levels in [0, 1], shape (side, side).

    A ring, two eyes and a smile, each a soft stroke (a Gaussian of the distance
    to the curve), so nothing is downloaded. Row 0 is the top of the picture.
    """
    c = (np.arange(side) + 0.5) / side * 2 - 1
    x, y = np.meshgrid(c, -c)

    def soft(d: np.ndarray, w: float = 0.09) -> np.ndarray:
        return np.exp(-((d / w) ** 2))

    img = soft(np.hypot(x, y) - 0.78)
    for ex in (-0.3, 0.3):
        img = np.maximum(img, soft(np.maximum(np.hypot(x - ex, y - 0.28) - 0.08, 0)))
    smile = soft(np.hypot(x, y - 0.1) - 0.45) * (y < -0.05)
    return np.maximum(img, smile)


def rank_k(img: np.ndarray, k: int) -> np.ndarray:
    """The sum of the top ``k`` terms ``sigma_i u_i v_i^T`` of ``img`` (same shape)."""
    u, s, vt = np.linalg.svd(np.asarray(img, dtype=float), full_matrices=False)
    return (u[:, :k] * s[:k]) @ vt[:k]


def kept_energy(img: np.ndarray, k: int) -> float:
    """Share of ``sum sigma_i^2`` (the image's sum of squares) the top ``k`` keep, 0 to 1."""
    s = np.linalg.svd(np.asarray(img, dtype=float), compute_uv=False)
    total = float(np.sum(s * s))
    return float(np.sum(s[:k] ** 2)) / total if total > 0 else 1.0


def shades(img: np.ndarray) -> np.ndarray:
    """Grey levels as drawn: clipped to [0, 1] (a truncation may over- or undershoot)."""
    return np.clip(np.asarray(img, dtype=float), 0.0, 1.0)


def view_unit(sigma1: float, half_width: float, half_height: float) -> float:
    """Scene units per plane unit: the circle and the ellipse, with label room.

    At most 1.6 and no floor: the view scales to any ``sigma1``
    (:func:`svd_problem` refuses a unit circle too small to see).
    """
    reach = max(1.0, float(sigma1))
    room = min(half_width, half_height) - 0.5
    return min(1.6, room / reach)


def plane_unit(sigma1: float) -> float:
    """:func:`view_unit` for the lesson's plane, :data:`PLANE_BOX`."""
    box = PLANE_BOX
    return view_unit(sigma1, (box.right - box.left) / 2, (box.top - box.bottom) / 2)


def svd_problem(m: np.ndarray) -> str | None:
    """Why the lesson cannot show ``m`` (a parameter requirement), or None."""
    a = np.asarray(m, dtype=float)
    too_long = _digits(a)
    if too_long:
        return too_long
    s = np.linalg.svd(a, compute_uv=False)
    if s[0] < 1e-12:
        return "it is the zero matrix: every vector goes to 0"
    if s[1] < 1e-9 * s[0]:
        return (
            "it is singular: it already flattens the circle to a segment, so it is "
            "its own rank-1 approximation"
        )
    if s[1] < max(0.2, 0.08 * s[0]):
        return (
            f"it is nearly singular: its small singular value {fmt(s[1], 3)} is too "
            f"thin to see next to {fmt(s[0])}"
        )
    if s[0] - s[1] < MIN_GAP:
        return (
            f"both singular values are {fmt(s[0])}: it stretches every direction "
            "alike, so no direction is the largest"
        )
    if np.max(np.abs(a)) > OLD_VIEW and plane_unit(s[0]) < MIN_ARROW:
        return (
            f"its largest stretch, {fmt(s[0])}, needs a scale at which the unit "
            f"circle's radius and its arrows are under {fmt(MIN_ARROW)} scene "
            "units, too small to see"
        )
    return None


def degree_text(deg: float) -> str:
    """An angle as shown on screen: ``−62°`` (a true minus sign)."""
    return fmt(deg, 0).replace("-", "\N{MINUS SIGN}") + "\N{DEGREE SIGN}"


def rotate_words(deg: float) -> str:
    """``62 degrees clockwise``."""
    way = "clockwise" if deg < 0 else "counter-clockwise"
    return f"{fmt(abs(deg), 0)} degrees {way}"


# -- the lesson --------------------------------------------------------------------

#: Where the plane goes: right of the panel, above the captions.
PLANE_BOX = Box(-2.0, config.frame_width / 2 - 0.3, CONTENT_BOTTOM + 0.1, 3.9)
V_COLORS = (ACCENT, GREEN)
#: The recap's plane: the same picture, above the band its line takes.
RECAP_BOX = Box(-2.0, config.frame_width / 2 - 0.3, CONTENT_BOTTOM + 1.0, 3.9)
#: The machine-learning chapter: the picture, its rank-k copy, the singular values.
PIXEL = 0.16
ORIGINAL_AT = np.array([-4.3, -0.3, 0.0])
COPY_AT = np.array([0.0, -0.3, 0.0])
BARS = 12
BAR_W = 0.3
BAR_H = 3.0
BARS_AT = (4.7, -0.3 - PIXEL * PICTURE_SIDE / 2)
READOUT_Y = 2.6


class SVD(CourseLesson):
    """Turn (or reflect), scale, turn: the unit circle becomes an ellipse; keep sigma1."""

    params = {
        "matrix": Matrix(
            [[1.5, 2], [0, 1.5]],
            help="the matrix A (not singular, two different singular values)",
            require=[svd_problem],
        ),
    }

    def construct(self) -> None:
        a = self.args.matrix
        self.u, self.s, self.vt = svd2(a)
        self.setup_view()
        self.title_card(
            "Singular value decomposition", "What does any matrix do to a circle?"
        )
        self.show_circle(a)
        self.apply_a(a)
        self.name_singular_values()
        self.show_factors(a)
        self.step_vt()
        self.step_sigma()
        self.step_u(a)
        self.flatten(a)
        self.show_rank1(a)
        self.best_rank1(a)
        self.image_intro()
        self.image_ranks()
        self.recap(a)

    # -- view ------------------------------------------------------------------
    def setup_view(self) -> None:
        box = PLANE_BOX
        self.unit = plane_unit(self.s[0])
        self.origin = np.array(
            [(box.left + box.right) / 2, (box.bottom + box.top) / 2, 0.0]
        )
        self.view = PlaneView(self.unit, self.origin)

    def arrow(self, xy: np.ndarray, color: str) -> Mobject:
        """An arrow from the origin to ``xy`` in this lesson's weight."""
        return self.view.arrow(xy, color, width=6, tip=0.24, tip_ratio=0.3)

    def make_plane(self, opacity: float = 1.0) -> NumberPlane:
        plane = self.view.plane(
            opacity,
            reach=18,
            line_opacity=0.4,
            axis_opacity=0.7,
            z_index=0,
        )
        self.backdrop(plane)
        return plane

    def circle(self) -> Circle:
        return Circle(radius=self.unit, color=ORANGE, stroke_width=5).move_to(
            self.origin
        )

    def label_for(self, content: str, arrow: Arrow, color: str) -> object:
        """A label that stays just beyond the tip of ``arrow`` as it moves."""
        label = panel(tex(content, color=color, size=36), buff=0.06)

        def follow(mob, arrow=arrow):
            start, end = arrow.get_start(), arrow.get_end()
            d = end - start
            length = np.linalg.norm(d)
            d = d / length if length > 1e-6 else np.array([1.0, 0.0, 0.0])
            mob.move_to(end + d * (0.22 + 0.5 * max(mob.width, mob.height)))

        follow(label)
        label.add_updater(follow)
        return label

    def side_panel(self, *rows) -> VGroup:
        card = panel(VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.28))
        return card.to_corner(UL, buff=0.3).set_z_index(10)

    def apply_step(self, name: str, m: np.ndarray, run_time: float = 2.5) -> None:
        """Play one factor on the plane, circle and arrows (rotations as rotations)."""
        if name in ("V^T", "U"):
            angle = math.radians(turn_angle(m))
            self.play(
                *(
                    Rotate(mob, angle, about_point=self.origin)
                    for mob in (self.plane, self.circ, *self.arrows)
                ),
                run_time=run_time,
            )
            return
        ends = [m @ self.tips[i] for i in range(2)]
        self.play(
            *self.apply_to_plane(m),
            *(
                Transform(arr, self.arrow(end, arr.get_color()))
                for arr, end in zip(self.arrows, ends, strict=True)
            ),
            run_time=run_time,
        )

    def apply_to_plane(self, m: np.ndarray) -> list[ApplyMatrix]:
        """``m`` on the grid and the circle (separately: the grid stays a backdrop)."""
        return [
            ApplyMatrix(m, self.plane, about_point=self.origin),
            ApplyMatrix(m, self.circ, about_point=self.origin),
        ]

    # -- chapter: circle to ellipse --------------------------------------------
    def show_circle(self, a: np.ndarray) -> None:
        v = self.vt.T
        self.ghost = self.make_plane(opacity=0.35)
        self.plane = self.make_plane()
        self.circ = self.circle()
        self.tips = [v[:, 0].copy(), v[:, 1].copy()]
        self.arrows = [self.arrow(self.tips[i], V_COLORS[i]) for i in range(2)]
        self.labels = [
            self.label_for(f"v_{i + 1}", self.arrows[i], V_COLORS[i]) for i in range(2)
        ]
        a_row = tex("A", "=", tex_matrix(a))
        a_row[0].set_color(BLUE)
        self.info = self.side_panel(a_row)
        self.add(self.ghost)
        with self.beat(
            "Take the unit circle, and two perpendicular directions on it: v1 and v2.",
            chapter="Circle to ellipse",
        ):
            self.play(Create(self.plane), FadeIn(self.info), run_time=1.2)
            self.play(Create(self.circ), run_time=1)
            self.play(
                *(GrowArrow(arr) for arr in self.arrows),
                *(FadeIn(lab) for lab in self.labels),
                run_time=0.8,
            )

    def apply_a(self, a: np.ndarray) -> None:
        self.target = DashedVMobject(
            self.circle().apply_matrix(a, about_point=self.origin),
            num_dashes=40,
        ).set_stroke(ORANGE, width=3, opacity=0.8)
        self.backdrop(self.target)
        with self.beat(
            "Apply A. The circle becomes an ellipse, and these two directions "
            "were picked so that they land on its axes, still perpendicular.",
        ):
            self.tips = [a @ t for t in self.tips]
            self.play(
                *self.apply_to_plane(a),
                *(
                    Transform(arr, self.arrow(t, arr.get_color()))
                    for arr, t in zip(self.arrows, self.tips, strict=True)
                ),
                run_time=3,
            )

    def name_singular_values(self) -> None:
        s1, s2 = self.s
        rows = [
            tex(r"\sigma_1 = " + fmt(s1), color=V_COLORS[0]),
            tex(r"\sigma_2 = " + fmt(s2), color=V_COLORS[1]),
        ]
        old = self.info
        self.info = self.side_panel(old[1].copy(), *rows)
        new_labels = [
            self.label_for(rf"\sigma_{i + 1} u_{i + 1}", self.arrows[i], V_COLORS[i])
            for i in range(2)
        ]
        with self.beat(
            f"The axes' half-lengths, {fmt(s1)} and {fmt(s2)}, are the singular "
            "values of A, sigma 1 and sigma 2. Their directions are called u1 and u2.",
            say=f"The axes' half-lengths, {say_sig(s1)} and {say_sig(s2)}, are the "
            "singular values of A, sigma 1 and sigma 2. Their directions are called "
            "u 1 and u 2.",
        ):
            self.play(ReplacementTransform(old, self.info), run_time=0.8)
            self.play(
                *(
                    ReplacementTransform(o, n)
                    for o, n in zip(self.labels, new_labels, strict=True)
                ),
                run_time=0.8,
            )
            self.labels = new_labels
        # back to the circle, leaving the ellipse A makes as a dashed target
        fresh = self.make_plane()
        self.tips = [self.vt[i].copy() for i in range(2)]
        back = [
            self.label_for(f"v_{i + 1}", self.arrows[i], V_COLORS[i]) for i in range(2)
        ]
        self.play(
            ReplacementTransform(self.plane, fresh),
            Transform(self.circ, self.circle()),
            *(
                Transform(arr, self.arrow(t, arr.get_color()))
                for arr, t in zip(self.arrows, self.tips, strict=True)
            ),
            *(
                ReplacementTransform(o, n)
                for o, n in zip(self.labels, back, strict=True)
            ),
            FadeIn(self.target),
            run_time=1.2,
        )
        self.plane = fresh
        self.labels = back

    # -- chapter: rotate, stretch, rotate ------------------------------------------
    def factor_row(self, symbol: str, m: np.ndarray, note: str, color: str) -> VGroup:
        formula = tex(symbol, "=", tex_matrix(m), size=34)
        formula[0].set_color(color)
        # the note under the formula keeps the panel narrow, clear of the ellipse
        note_text = text(note, SMALL, MUTED)
        return VGroup(formula, note_text).arrange(DOWN, aligned_edge=LEFT, buff=0.1)

    def show_factors(self, a: np.ndarray) -> None:
        steps = svd_steps(a)
        self.flipped = any(name == "flip" for name, _ in steps)
        kinds = factor_kinds(a)
        heading = tex("A", "=", "U", r"\Sigma", "V^T")
        heading[0].set_color(BLUE)
        a_row = tex("A", "=", tex_matrix(a), size=34)
        a_row[0].set_color(BLUE)
        self.rows = {
            "V^T": self.factor_row(
                "V^T", self.vt, f"rotate {degree_text(turn_angle(self.vt))}", PURPLE
            ),
            "Sigma": self.factor_row(r"\Sigma", np.diag(self.s), "scale", ACCENT),
            "U": self.factor_row(
                "U",
                self.u,
                ("reflect: flip, rotate " if self.flipped else "rotate ")
                + degree_text(turn_angle(self.u)),
                RED,
            ),
        }
        old = self.info
        self.info = self.side_panel(heading, a_row)
        with self.beat(
            "Every matrix splits into three simple steps, A = U Sigma V transpose: a "
            "rotation or a reflection, a scaling along the axes, and another rotation "
            f"or reflection. Here V transpose {kinds[0]} and U {kinds[1]}. Read it from "
            "the right: V transpose acts first.",
            say="Every matrix splits into three simple steps, A equals U Sigma V "
            "transpose: a rotation or a reflection, a scaling along the axes, and "
            f"another rotation or reflection. Here V transpose {kinds[0]}, and U "
            f"{kinds[1]}. Read it from the right: V transpose acts first.",
            chapter="Three simple steps",
        ):
            self.play(ReplacementTransform(old, self.info), run_time=1)

    def reveal(self, name: str) -> None:
        """Add the row of one factor to the panel."""
        rows = [row.copy() for row in self.info[1]] + [self.rows[name]]
        grown = self.side_panel(*rows)
        self.play(ReplacementTransform(self.info, grown), run_time=0.6)
        self.info = grown

    def relabel(self, contents: list[str]) -> None:
        """Swap the arrows' labels for ``contents`` (what the arrows are now)."""
        new = [
            self.label_for(c, self.arrows[i], V_COLORS[i])
            for i, c in enumerate(contents)
        ]
        self.play(
            *(
                ReplacementTransform(o, n)
                for o, n in zip(self.labels, new, strict=True)
            ),
            run_time=0.5,
        )
        self.labels = new

    def step_vt(self) -> None:
        deg = turn_angle(self.vt)
        with self.beat(
            f"First V transpose rotates the plane {rotate_words(deg)}, turning v1 "
            "and v2 onto the axes.",
        ):
            self.reveal("V^T")
            self.tips = [self.vt @ t for t in self.tips]
            self.apply_step("V^T", self.vt)
            self.relabel([f"e_{i + 1}" for i in range(2)])

    def step_sigma(self) -> None:
        s1, s2 = self.s
        sigma = np.diag(self.s)
        with self.beat(
            f"Then Sigma acts along the axes: it {scale_words(s1, 'across')}, and "
            f"{scale_words(s2, 'up and down')}. The circle becomes an ellipse.",
            say=f"Then Sigma acts along the axes: it "
            f"{scale_words(s1, 'across', say_sig)}, and "
            f"{scale_words(s2, 'up and down', say_sig)}. The circle becomes an ellipse.",
        ):
            self.reveal("Sigma")
            self.apply_step("Sigma", sigma)
            self.tips = [sigma @ t for t in self.tips]
            self.relabel([rf"\sigma_{i + 1} e_{i + 1}" for i in range(2)])

    def step_u(self, a: np.ndarray) -> None:
        deg = turn_angle(self.u)
        flip = (
            "reflects it: it flips it over and then rotates it"
            if self.flipped
            else "rotates it"
        )
        final = [
            self.label_for(rf"\sigma_{i + 1} u_{i + 1}", self.arrows[i], V_COLORS[i])
            for i in range(2)
        ]
        with self.beat(
            f"Finally U {flip} {rotate_words(deg)}. It lands exactly on the ellipse "
            "A made: the three steps together are A.",
            key=True,
        ):
            self.reveal("U")
            if self.flipped:
                self.apply_step("flip", FLIP, run_time=1.5)
                self.tips = [FLIP @ t for t in self.tips]
                self.apply_step("U", self.u @ FLIP)
            else:
                self.apply_step("U", self.u)
            self.tips = [a @ v for v in self.vt]
            self.play(
                *(
                    ReplacementTransform(o, n)
                    for o, n in zip(self.labels, final, strict=True)
                ),
                run_time=0.6,
            )
            self.labels = final
            self.wait(1.5)

    # -- chapter: low rank ----------------------------------------------------------
    def flatten(self, a: np.ndarray) -> None:
        a1 = rank1(a)
        squash = a1 @ np.linalg.inv(a)
        with self.beat(
            "To compress A, keep only its biggest stretch: set sigma 2 to zero. "
            "The ellipse flattens to a segment.",
            chapter="Keep the biggest stretch",
        ):
            self.play(
                *self.apply_to_plane(squash),
                FadeOut(self.arrows[1], self.labels[1], self.target),
                run_time=2.5,
            )

    def show_rank1(self, a: np.ndarray) -> None:
        a1 = rank1(a)
        row = tex("A_1", "=", r"\sigma_1 u_1 v_1^T", "=", tex_matrix(a1), size=38)
        row[0].set_color(ACCENT)
        old = self.info
        self.a1_row = row
        self.info = self.side_panel(row)
        with self.beat(
            "What is left is a rank-one matrix, sigma 1 u1 v1 transpose: one number "
            "and two directions.",
            say="What is left is a rank-one matrix, sigma 1, u 1, v 1 transpose: one "
            "number and two directions.",
        ):
            self.play(ReplacementTransform(old, self.info), run_time=1)

    def best_rank1(self, a: np.ndarray) -> None:
        keep1, keep2 = truncation_errors(a)
        errors = VGroup(
            tex(r"\|A - \sigma_1 u_1 v_1^T\| = " + fmt(keep1), size=34),
            tex(r"\|A - \sigma_2 u_2 v_2^T\| = " + fmt(keep2), size=34),
        )
        errors[0].set_color(ACCENT)
        old = self.info
        self.info = self.side_panel(self.a1_row.copy(), *errors)
        with self.beat(
            f"It is the closest rank-one matrix to A. It misses by {fmt(keep1)}, "
            f"which is sigma 2; keeping sigma 2 instead would miss by {fmt(keep2)}.",
            say=f"It is the closest rank-one matrix to A. It misses by "
            f"{say_sig(keep1)}, which is sigma 2; keeping sigma 2 instead would miss "
            f"by {say_sig(keep2)}.",
        ):
            self.play(ReplacementTransform(old, self.info), run_time=1)

    # -- chapter: in machine learning (rank-k pictures) --------------------------------
    def pixels(self, img: np.ndarray, centre: np.ndarray) -> VGroup:
        """``img`` as a grid of grey squares centred on ``centre`` (row 0 on top)."""
        rows, cols = img.shape
        side = PIXEL
        grey = shades(img)
        squares = VGroup()
        for i in range(rows):
            for j in range(cols):
                level = round(40 + 215 * float(grey[i, j]))
                squares.add(
                    Square(side * 1.02, stroke_width=0)
                    .set_fill(rgb_to_hex((level / 255, level / 255, level / 255)), 1)
                    .move_to(
                        centre
                        + np.array(
                            [
                                (j - (cols - 1) / 2) * side,
                                ((rows - 1) / 2 - i) * side,
                                0,
                            ]
                        )
                    )
                )
        return squares

    def image_intro(self) -> None:
        img = picture()
        self.img = img
        n = img.shape[0]
        sig = np.linalg.svd(img, compute_uv=False)
        for lab in self.labels:
            lab.clear_updaters()
        self.original = self.pixels(img, ORIGINAL_AT)
        self.copy_img = self.pixels(rank_k(img, 0), COPY_AT)
        caption = VGroup(
            text(f"{n} × {n} picture", SMALL, INK).next_to(
                self.original, DOWN, buff=0.2
            ),
            text("top k terms", SMALL, INK).next_to(self.copy_img, DOWN, buff=0.2),
        )
        # the singular values as bars, largest first
        count = BARS
        top = float(sig[0])
        bars = VGroup(
            *(
                Rectangle(
                    width=BAR_W * 0.7,
                    height=max(BAR_H * float(sig[i]) / top, 0.02),
                    stroke_width=0,
                )
                .set_fill(MUTED, 1)
                .move_to(
                    [BARS_AT[0] + (i - (count - 1) / 2) * BAR_W, BARS_AT[1], 0],
                    aligned_edge=DOWN,
                )
                for i in range(count)
            )
        )
        self.bars = bars
        bar_name = text("singular values", SMALL, MUTED).next_to(bars, DOWN, buff=0.2)
        self.bar_name = bar_name
        self.pic_caption = caption
        with self.beat(
            "In machine learning, data comes as matrices, and a picture is one too: "
            f"{n} by {n} grey levels, {n * n} numbers. Its singular values, largest "
            "first, fall fast.",
            chapter="In machine learning",
        ):
            self.play(
                FadeOut(*self.mobjects),
                run_time=0.6,
            )
            self.play(FadeIn(self.original), FadeIn(caption[0]), run_time=1.0)
            self.play(
                LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=0.1),
                FadeIn(bar_name),
                run_time=1.5,
            )

    def image_ranks(self) -> None:
        n = self.img.shape[0]
        energies = [kept_energy(self.img, k) for k in RANKS]
        costs = [storage(n, n, k) for k in RANKS]

        def readout(k: int, energy: float, cost: int) -> Mobject:
            line = (
                f"rank {k}: keeps {round(100 * energy)}% of the sum of squares, "
                f"in {cost} of {n * n} numbers"
            )
            return text(line, SMALL, ACCENT).move_to([0, READOUT_Y, 0])

        first, last = RANKS[0], RANKS[-1]
        said_first = round(100 * energies[0])
        said_last = round(100 * energies[-1])
        with self.beat(
            f"Keep only the top k terms, sigma u v transpose, for k = "
            f"{', '.join(str(k) for k in RANKS[:-1])} and {last}. One term keeps "
            f"{said_first}% of the picture's sum of squares; {last} keep {said_last}%, "
            f"in {costs[-1]} numbers instead of {n * n}.",
            say=f"Keep only the top k terms, sigma u v transpose, for k equals "
            f"{', '.join(str(k) for k in RANKS[:-1])} and {last}. One term keeps "
            f"{said_first} percent of the picture's sum of squares; {last} keep "
            f"{said_last} percent, in {costs[-1]} numbers instead of {n * n}.",
        ):
            current = readout(first, energies[0], costs[0])
            self.play(
                FadeIn(self.copy_img),
                FadeIn(current),
                FadeIn(self.pic_caption[1]),
                run_time=0.6,
            )
            for k, energy, cost in zip(RANKS, energies, costs, strict=True):
                target = self.pixels(rank_k(self.img, k), COPY_AT)
                new = readout(k, energy, cost)
                self.play(
                    Transform(self.copy_img, target),
                    ReplacementTransform(current, new),
                    *(
                        bar.animate.set_fill(ACCENT if i < k else MUTED, 1)
                        for i, bar in enumerate(self.bars)
                    ),
                    run_time=1.2,
                )
                current = new
                self.wait(0.8)
            self.wait(1.0)
        self.rank_readout = current
        self.play(
            FadeOut(
                self.original,
                self.copy_img,
                self.bars,
                self.bar_name,
                self.pic_caption,
                current,
            ),
            run_time=0.6,
        )

    def recap(self, a: np.ndarray) -> None:
        """Rebuild the key picture (the ellipse A makes, sigma_i u_i) and close over it."""
        box = RECAP_BOX
        unit = view_unit(
            self.s[0], (box.right - box.left) / 2, (box.top - box.bottom) / 2
        )
        origin = np.array([(box.left + box.right) / 2, (box.bottom + box.top) / 2, 0.0])
        view = PlaneView(unit, origin)
        ghost = view.plane(0.35, reach=18, line_opacity=0.4, axis_opacity=0.7)
        self.backdrop(ghost)
        ellipse = (
            Circle(radius=unit, color=ORANGE, stroke_width=5)
            .move_to(origin)
            .apply_matrix(a, about_point=origin)
        )
        arrows, labels = [], []
        for i in range(2):
            end = self.s[i] * self.u[:, i]
            arr = view.arrow(end, V_COLORS[i], width=6, tip=0.24, tip_ratio=0.3)
            arrows.append(arr)
            labels.append(
                self.label_for(rf"\sigma_{i + 1} u_{i + 1}", arr, V_COLORS[i])
            )
        for lab in labels:
            lab.clear_updaters()
        picture = [ghost, ellipse, *arrows, *labels]
        self.play(*(FadeIn(mob) for mob in picture), run_time=0.6)
        first, last = factor_kinds(a)
        self.recap_over(
            picture,
            recap_line(a),
            say=f"A equals U Sigma V transpose: {first.removesuffix('s')}, scale, "
            f"{last.removesuffix('s')}. Keep the largest sigmas to compress.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: (cos, sin) of turns whose matrices have short decimals: quarter turns and 3-4-5 turns.
_PRACTICE_TURNS = (
    (1.0, 0.0),
    (0.0, 1.0),
    (-1.0, 0.0),
    (0.0, -1.0),
    (0.6, 0.8),
    (0.8, 0.6),
    (0.6, -0.8),
    (0.8, -0.6),
)


def _practice_matrix(rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    """``(A, sigma1, sigma2)`` with A = rotation · diag(sigma) · rotation, two decimals."""
    while True:
        c1, s1 = _PRACTICE_TURNS[int(rng.integers(len(_PRACTICE_TURNS)))]
        c2, s2 = _PRACTICE_TURNS[int(rng.integers(len(_PRACTICE_TURNS)))]
        big = float(rng.choice([2.0, 2.5, 3.0, 4.0]))
        small = float(rng.choice([0.5, 1.0, 1.5, 2.0]))
        u = np.array([[c1, -s1], [s1, c1]])
        vt = np.array([[c2, -s2], [s2, c2]])
        a = np.round(u @ np.diag([big, small]) @ vt, 2) + 0.0
        if small < big and svd_problem(a) is None:
            return a, big, small


def practice(seed: int) -> list[Exercise]:
    """Exercises on the singular value decomposition, numbers drawn from ``seed``.

    Three exercises: the longest stretch of the unit circle (σ₁, :func:`svd2`);
    how far the best rank-1 version is from A (:func:`truncation_errors`); and the
    numbers a rank-k compressed image keeps (:func:`storage`).
    """
    rng = np.random.default_rng(seed)
    fmt, tex = kit_numbers.fmt, kit_numbers.tex_matrix
    a, _, _ = _practice_matrix(rng)
    _, sigma, _ = svd2(a)
    error = truncation_errors(a)[0]
    rows = int(rng.choice([200, 400, 500, 600, 800, 1000]))
    cols = int(rng.choice([300, 400, 500, 1000]))
    keep = int(rng.choice([5, 10, 20, 25, 50]))
    kept = storage(rows, cols, keep)
    return [
        Exercise(
            id="svd-1",
            prompt=(
                f"$A = {tex(a)}$ maps the unit circle to an ellipse. "
                "How long is the ellipse's longest semi-axis (the largest singular value)?"
            ),
            kind="number",
            answer=sigma[0],
            tolerance=0.005,
            hint="The singular values are the square roots of the eigenvalues of AᵀA.",
            solution=(
                f"$A^\\top A = {tex(a.T @ a)}$ has eigenvalues "
                f"${fmt(sigma[0] ** 2)}$ and ${fmt(sigma[1] ** 2)}$, so "
                f"$\\sigma_1 = {fmt(sigma[0])}$ and $\\sigma_2 = {fmt(sigma[1])}$."
            ),
        ),
        Exercise(
            id="svd-2",
            prompt=(
                f"Keep only the largest singular value of $A = {tex(a)}$: "
                "$A_1 = \\sigma_1 u_1 v_1^\\top$. How far is $A_1$ from A "
                "(Frobenius norm of $A - A_1$)?"
            ),
            kind="number",
            answer=error,
            tolerance=0.005,
            hint="What is dropped is σ₂ u₂ v₂ᵀ, and u₂, v₂ have length 1.",
            solution=(
                f"$A - A_1 = \\sigma_2 u_2 v_2^\\top$ with norm "
                f"$\\sigma_2 = {fmt(error)}$."
            ),
        ),
        Exercise(
            id="svd-3",
            prompt=(
                f"An image of {rows} × {cols} pixels is compressed by keeping its "
                f"{keep} largest singular values (each with its u and v). "
                "How many numbers are stored?"
            ),
            kind="number",
            answer=float(kept),
            hint="Each kept term needs one σ, one u (a column) and one v (a row).",
            solution=(
                f"${keep} \\cdot (1 + {rows} + {cols}) = {kept}$ numbers, "
                f"against ${rows} \\cdot {cols} = {rows * cols}$ for the image."
            ),
        ),
    ]
