"""Singular value decomposition: every matrix is a rotation, a stretch and a rotation.

A 2x2 matrix A turns the unit circle into an ellipse. Two perpendicular
directions on the circle, ``v1`` and ``v2``, land on the ellipse's axes, still
perpendicular; the axes' half-lengths are the singular values ``sigma1 >= sigma2``.
So ``A = U Sigma V^T``: ``V^T`` rotates ``v1, v2`` onto the coordinate axes,
``Sigma`` stretches along them, ``U`` rotates the result into place. Dropping
``sigma2`` leaves the rank-1 matrix ``sigma1 u1 v1^T``, the closest rank-1 matrix
to A, and the reason SVD compresses images.

Sign conventions, so the three animated steps really compose to A: ``V`` is
always a rotation (``det V = 1``) whose angle is in (-90, 90] degrees; ``U`` is
then a rotation when ``det A > 0`` and a rotation after a flip when ``det A < 0``.
A singular, nearly singular or evenly stretching matrix is rejected with a
one-line :class:`ParamError` that says why. The numbers on screen come from the
pure functions below, which the tests check on their own.
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
    Arrow,
    Circle,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    GrowArrow,
    Mobject,
    NumberPlane,
    ReplacementTransform,
    Rotate,
    Transform,
    VGroup,
    config,
)

from mathreel.core.params import Matrix
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, say_num, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import MIN_ARROW, Box, legible_entries
from scenes.style import (
    ACCENT,
    BACKGROUND,
    BLUE,
    CONTENT_BOTTOM,
    GREEN,
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
    "IMAGE_SIDE",
    "KEEP",
    "OLD_VIEW",
    "SVD",
    "degree_text",
    "plane_unit",
    "practice",
    "rank1",
    "rotation",
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
#: The compression example: an IMAGE_SIDE x IMAGE_SIDE image keeping KEEP values.
IMAGE_SIDE = 1000
KEEP = 50

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


class SVD(CourseLesson):
    """Rotate, stretch, rotate: the unit circle becomes an ellipse; keep sigma1."""

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
        self.compression()
        self.recap(
            [
                "Every matrix is a rotation, a stretch along the axes, and a rotation.",
                "The stretches are the singular values, largest first.",
                "Keeping the largest ones gives the best low-rank approximation.",
            ],
            "low-rank approximations compress images and embeddings, and power "
            "recommender systems and LoRA fine-tuning.",
        )

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
        label = tex(content, color=color, size=36)
        label.add_background_rectangle(color=BACKGROUND, opacity=0.75, buff=0.04)

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
            say=f"The axes' half-lengths, {say_num(s1)} and {say_num(s2)}, are the "
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
        return VGroup(formula, text(note, SMALL, MUTED)).arrange(RIGHT, buff=0.3)

    def show_factors(self, a: np.ndarray) -> None:
        steps = svd_steps(a)
        self.flipped = any(name == "flip" for name, _ in steps)
        heading = tex("A", "=", "U", r"\Sigma", "V^T")
        heading[0].set_color(BLUE)
        a_row = tex("A", "=", tex_matrix(a), size=34)
        a_row[0].set_color(BLUE)
        self.rows = {
            "V^T": self.factor_row(
                "V^T", self.vt, f"rotate {degree_text(turn_angle(self.vt))}", PURPLE
            ),
            "Sigma": self.factor_row(r"\Sigma", np.diag(self.s), "stretch", ACCENT),
            "U": self.factor_row(
                "U",
                self.u,
                ("flip, rotate " if self.flipped else "rotate ")
                + degree_text(turn_angle(self.u)),
                RED,
            ),
        }
        old = self.info
        self.info = self.side_panel(heading, a_row)
        with self.beat(
            "Every matrix splits into three simple steps: A = U Sigma V transpose. "
            "Read it from the right: V transpose acts first.",
            say="Every matrix splits into three simple steps: A equals U Sigma V "
            "transpose. Read it from the right: V transpose acts first.",
            chapter="Rotate, stretch, rotate",
        ):
            self.play(ReplacementTransform(old, self.info), run_time=1)

    def reveal(self, name: str) -> None:
        """Add the row of one factor to the panel."""
        rows = [row.copy() for row in self.info[1]] + [self.rows[name]]
        grown = self.side_panel(*rows)
        self.play(ReplacementTransform(self.info, grown), run_time=0.6)
        self.info = grown

    def step_vt(self) -> None:
        deg = turn_angle(self.vt)
        with self.beat(
            f"First V transpose rotates the plane {rotate_words(deg)}, turning v1 "
            "and v2 onto the axes.",
        ):
            self.reveal("V^T")
            self.tips = [self.vt @ t for t in self.tips]
            self.apply_step("V^T", self.vt)

    def step_sigma(self) -> None:
        s1, s2 = self.s
        sigma = np.diag(self.s)
        with self.beat(
            f"Then Sigma stretches along the axes: by {fmt(s1)} across and by "
            f"{fmt(s2)} up and down. The circle becomes an ellipse.",
            say=f"Then Sigma stretches along the axes: by {say_num(s1)} across, and "
            f"by {say_num(s2)} up and down. The circle becomes an ellipse.",
        ):
            self.reveal("Sigma")
            self.apply_step("Sigma", sigma)
            self.tips = [sigma @ t for t in self.tips]

    def step_u(self, a: np.ndarray) -> None:
        deg = turn_angle(self.u)
        flip = "flips it over and then rotates it" if self.flipped else "rotates it"
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
            f"{say_num(keep1)}, which is sigma 2; keeping sigma 2 instead would miss "
            f"by {say_num(keep2)}.",
        ):
            self.play(ReplacementTransform(old, self.info), run_time=1)

    def compression(self) -> None:
        full = IMAGE_SIDE * IMAGE_SIDE
        kept = storage(IMAGE_SIDE, IMAGE_SIDE, KEEP)
        lines = VGroup(
            text(f"{IMAGE_SIDE} × {IMAGE_SIDE} image: {full:,} numbers", SMALL),
            text(
                f"top {KEEP} singular values: {KEEP} × {2 * IMAGE_SIDE + 1} = {kept:,}",
                SMALL,
                ACCENT,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        card = panel(lines).next_to(self.info, DOWN, buff=0.3, aligned_edge=LEFT)
        card.set_z_index(10)
        share = round(100 * kept / full)
        with self.beat(
            f"That is how SVD compresses. A {IMAGE_SIDE} by {IMAGE_SIDE} image is "
            f"{full:,} numbers; its top {KEEP} singular values with their vectors "
            f"take {kept:,}, about {share} percent.",
        ):
            self.play(FadeIn(card), run_time=0.8)
        for lab in self.labels:
            lab.clear_updaters()
        self.play(
            FadeOut(
                card,
                self.info,
                self.plane,
                self.ghost,
                self.circ,
                self.arrows[0],
                self.labels[0],
            ),
            run_time=0.6,
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
