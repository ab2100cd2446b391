"""Change of basis: one arrow, two sets of coordinates, and a matrix seen anew.

A vector's coordinates depend on the grid it is read on. The lesson draws one
vector on the standard grid and on the skewed grid of a second basis ``b1,
b2``, reads its coordinates on each, and derives the translation from the
picture: coordinates ``c`` mean ``c1 b1 + c2 b2``, which is ``P c`` for the
matrix ``P`` whose columns are ``b1`` and ``b2``; ``P^-1`` translates back (and
straightens the skewed grid on screen). A transformation ``A`` is then seen in
the new basis as ``P^-1 A P``, played as three animated steps (P, then A, then
P^-1) on a grid that starts as the world in b-coordinates; the resulting
matrix is shown, and for an eigenbasis it is diagonal. The machine-learning
chapter changes a data cloud to the eigenbasis of its covariance (PCA's
rotation): there the covariance is diagonal and the features are uncorrelated;
whitening then rescales each to variance 1.

Every number and word on screen comes from the pure functions below (numpy
only), which the tests check on their own.

General claims (text and narration), and why each holds:

- "Its grid lines run along b1 and b2": the skewed grid is the standard grid
  mapped by ``P`` (grid line ``x = k`` goes to ``k b1 + t b2``).
- "In this grid v is c1 steps along b1 and c2 along b2", "same arrow,
  different numbers": ``v = c1 b1 + c2 b2`` with ``c =``
  :func:`to_basis` ``(P, v)`` (Hypothesis test that ``P c = v``); the walk is
  drawn from those numbers.
- "Coordinates c mean c1 times b1 plus c2 times b2; with b1 and b2 as the
  columns of P that sum is P c": the definition of a matrix-vector product by
  columns (:func:`to_standard` tested against the explicit sum).
- "P inverse translates back" and "straightens the skewed grid": ``P^-1 P = I``
  (:func:`inverse` tested against ``numpy.linalg.inv`` and ``P^-1 P = I``); an
  invalid basis (dependent columns) is refused, so ``P^-1`` exists.
- "Read right to left: first P, then A, then P inverse": ``(P^-1 A P) c =
  P^-1 (A (P c))`` (associativity; :func:`chain` tested to end at
  ``in_basis(A, P) c``).
- "P^-1 A P is A seen in the new basis": it maps b-coordinates of ``x`` to
  b-coordinates of ``A x`` (Hypothesis test).
- The key beat's words (:func:`seen_words`): "diagonal: A only scales b1 by l1
  and b2 by l2, so b1 and b2 are eigenvectors of A" exactly when both
  off-diagonal entries vanish; "b_j is an eigenvector but the other is not"
  when one column is diagonal; "neither is an eigenvector" otherwise; followed
  by "with A's eigenvectors as the basis it would be diagonal" only when A has
  two independent real eigenvectors, else "no basis makes it diagonal"
  (Hypothesis tests over A and P; near-zero off-diagonal entries that would
  show as 0 but are not are refused by the parameters).
- "Finding such a basis is what eigenvectors are about; the SVD finds two bases
  that make any matrix diagonal": ``A = P D P^-1`` for a diagonalizable matrix
  and ``U^T A V = Sigma`` for every matrix (the next lessons).
- "The covariance's off-diagonal entry says the features move together": a
  positive covariance (the fixed sample has one; tested).
- "PCA changes to that basis; there the covariance, Q^-1 S Q, is diagonal: the
  new features are uncorrelated": ``Q^-1 S Q = Q^T S Q`` is diagonal for the
  orthonormal eigenvectors ``Q`` of a symmetric ``S``, and it is also the
  covariance of the rotated points drawn (both tested, independently with
  ``numpy.cov``); zero covariance is what "uncorrelated" means.
- "Whitening also scales each to spread 1: the covariance becomes the
  identity": each decorrelated feature divided by its standard deviation
  (tested on the drawn data).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Matrix, Vector
from mathreel.practice import Exercise
from scenes.kit.numbers import factor, fmt, fmt_vec, say_sig, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.view import Box, fit_view
from scenes.style import *

__all__ = [
    "MIN_ANGLE",
    "ML_COVARIANCE",
    "ML_POINTS",
    "ML_SEED",
    "ChangeOfBasis",
    "basis_matrix",
    "basis_problem",
    "chain",
    "covariance",
    "data_cloud",
    "decorrelate",
    "eigen_directions",
    "eigenvector_columns",
    "in_basis",
    "inverse",
    "is_diagonal",
    "practice",
    "principal_basis",
    "seen_words",
    "to_basis",
    "to_standard",
    "whiten",
]

#: Smallest angle (degrees) between b1 and b2: closer, they are "nearly
#: parallel", the skewed grid is a blur and P^-1 is huge.
MIN_ANGLE = 12.0
#: Relative tolerance below which a number counts as exactly zero.
TOL = 1e-9
#: The machine-learning chapter's data: seed, number of points, covariance.
ML_SEED = 7
ML_POINTS = 60
ML_COVARIANCE: tuple[tuple[float, float], tuple[float, float]] = (
    (1.6, 1.0),
    (1.0, 1.0),
)

#: A 2-D vector or 2x2 matrix: a sequence or a numpy array.
ArrayLike = Sequence[float] | Sequence[Sequence[float]] | np.ndarray


# -- the math ---------------------------------------------------------------------


def basis_matrix(b1: ArrayLike, b2: ArrayLike) -> np.ndarray:
    """``P``, shape (2, 2): the basis vectors ``b1`` and ``b2`` as its columns."""
    return np.column_stack([np.asarray(b1, dtype=float), np.asarray(b2, dtype=float)])


def basis_problem(b1: ArrayLike, b2: ArrayLike) -> str | None:
    """Why ``b1, b2`` is not a usable basis of the plane, or ``None``.

    Computed with a tolerance: a zero vector, or two vectors whose angle is
    below :data:`MIN_ANGLE` degrees (``|sin angle| = |det P| / (|b1| |b2|)``,
    so exactly parallel vectors have angle 0), are refused.
    """
    u, w = np.asarray(b1, dtype=float), np.asarray(b2, dtype=float)
    lu, lw = float(np.hypot(*u)), float(np.hypot(*w))
    for name, length in (("b1", lu), ("b2", lw)):
        if length < TOL:
            return f"{name} is the zero vector, which points nowhere: not a basis"
    det = float(u[0] * w[1] - u[1] * w[0])
    sine = min(1.0, abs(det) / (lu * lw))
    angle = math.degrees(math.asin(sine))
    if sine < TOL:
        return "b2 is a multiple of b1, so they span only a line: not a basis"
    if angle < MIN_ANGLE:
        return (
            f"b1 and b2 are nearly parallel ({angle:.1f} degrees apart), so their "
            f"grid is a blur: keep them at least {MIN_ANGLE:g} degrees apart"
        )
    return None


def inverse(p: ArrayLike) -> np.ndarray:
    """``P^-1`` of a 2x2 matrix: ``[[d, -b], [-c, a]] / (ad - bc)``.

    Raises
    ------
    ValueError
        If ``P`` is singular (its columns are dependent: not a basis).
    """
    (a, b), (c, d) = np.asarray(p, dtype=float)
    det = a * d - b * c
    scale = max(1.0, float(np.max(np.abs([a, b, c, d]))))
    if abs(det) <= TOL * scale * scale:
        raise ValueError("P is singular: its columns are not a basis")
    return np.array([[d, -b], [-c, a]]) / det


def to_standard(p: ArrayLike, c: ArrayLike) -> np.ndarray:
    """Standard coordinates ``P c = c1 b1 + c2 b2`` of b-coordinates ``c``."""
    return np.asarray(p, dtype=float) @ np.asarray(c, dtype=float)


def to_basis(p: ArrayLike, v: ArrayLike) -> np.ndarray:
    """b-coordinates ``P^-1 v`` of the standard coordinates ``v``."""
    return inverse(p) @ np.asarray(v, dtype=float)


def in_basis(a: ArrayLike, p: ArrayLike) -> np.ndarray:
    """``P^-1 A P``: the transformation ``A`` written in the basis ``P``'s columns."""
    return inverse(p) @ np.asarray(a, dtype=float) @ np.asarray(p, dtype=float)


def chain(a: ArrayLike, p: ArrayLike, x: ArrayLike) -> list[np.ndarray]:
    """``x``, ``P x``, ``A P x``, ``P^-1 A P x``: the three steps' points."""
    pp, aa = np.asarray(p, dtype=float), np.asarray(a, dtype=float)
    x0 = np.asarray(x, dtype=float)
    x1 = pp @ x0
    x2 = aa @ x1
    return [x0, x1, x2, inverse(pp) @ x2]


def is_diagonal(m: ArrayLike, tol: float = TOL) -> bool:
    """Whether both off-diagonal entries are zero (to ``tol`` times the largest)."""
    mm = np.asarray(m, dtype=float)
    scale = max(1.0, float(np.max(np.abs(mm))))
    return abs(mm[0, 1]) <= tol * scale and abs(mm[1, 0]) <= tol * scale


def eigenvector_columns(m: ArrayLike, tol: float = TOL) -> list[bool]:
    """For ``M = P^-1 A P``: whether ``b_j`` is an eigenvector of ``A``, per column.

    ``A b_j = P M e_j``, which is a multiple of ``b_j`` exactly when column
    ``j`` of ``M`` has a zero off the diagonal.
    """
    mm = np.asarray(m, dtype=float)
    scale = max(1.0, float(np.max(np.abs(mm))))
    return [abs(mm[1, 0]) <= tol * scale, abs(mm[0, 1]) <= tol * scale]


def eigen_directions(a: ArrayLike, tol: float = 1e-7) -> np.ndarray | None:
    """Two independent real eigenvectors of ``A`` as columns, or ``None``.

    ``None`` for complex eigenvalues (a rotation) or a repeated eigenvalue with
    one direction only (a shear). A multiple of the identity returns ``I``.
    """
    aa = np.asarray(a, dtype=float)
    scale = max(1.0, float(np.max(np.abs(aa))))
    if abs(aa[0, 1]) <= tol * scale and abs(aa[1, 0]) <= tol * scale:
        return np.eye(2)
    tr, det = float(np.trace(aa)), float(np.linalg.det(aa))
    disc = tr * tr - 4 * det
    if disc < -tol * scale * scale:
        return None
    if abs(disc) <= tol * scale * scale:
        return None  # repeated eigenvalue and A not a multiple of I: a shear
    root = math.sqrt(disc)
    columns = []
    for lam in ((tr + root) / 2, (tr - root) / 2):
        b = aa - lam * np.eye(2)
        # a null vector of the rank-1 matrix b: perpendicular to its larger row
        row = b[0] if np.hypot(*b[0]) >= np.hypot(*b[1]) else b[1]
        v = np.array([-row[1], row[0]])
        columns.append(v / np.hypot(*v))
    return np.column_stack(columns)


def seen_words(a: ArrayLike, p: ArrayLike) -> tuple[str, str]:
    """What the key beat says about ``P^-1 A P``: (caption, spoken words)."""
    m = in_basis(a, p)
    eig = eigenvector_columns(m)
    l1, l2 = float(m[0, 0]), float(m[1, 1])
    if all(eig):
        return (
            f"It is diagonal: in this basis A only scales, b1 by {fmt(l1)} and b2 "
            f"by {fmt(l2)}. So b1 and b2 are eigenvectors of A.",
            f"It is diagonal: in this basis A only scales, b one by {say_sig(l1)} "
            f"and b two by {say_sig(l2)}. So b one and b two are eigenvectors of A.",
        )
    if any(eig):
        j = 1 if eig[0] else 2
        k = 3 - j
        lam = l1 if j == 1 else l2
        first = (
            f"It is not diagonal: b{j} is an eigenvector of A, scaled by {fmt(lam)}, "
            f"but A sends b{k} partly along b{j}.",
            f"It is not diagonal: b {j} is an eigenvector of A, scaled by "
            f"{say_sig(lam)}, but A sends b {k} partly along b {j}.",
        )
    else:
        first = (
            "It is not diagonal: A mixes b1 and b2; neither is an eigenvector of A.",
            "It is not diagonal: A mixes b one and b two; neither is an eigenvector "
            "of A.",
        )
    if eigen_directions(a) is not None:
        second = " With A's eigenvectors as the basis, it would be diagonal."
    else:
        second = (
            " A has no two independent real eigenvectors: no basis makes it diagonal."
        )
    return first[0] + second, first[1] + second


def data_cloud(
    n: int = ML_POINTS,
    seed: int = ML_SEED,
    cov: ArrayLike = ML_COVARIANCE,
) -> np.ndarray:
    """``n`` centred 2-D points, shape (n, 2), drawn with covariance about ``cov``."""
    rng = np.random.default_rng(seed)
    low = np.linalg.cholesky(np.asarray(cov, dtype=float))
    x = rng.standard_normal((n, 2)) @ low.T
    return x - x.mean(axis=0)


def covariance(x: ArrayLike) -> np.ndarray:
    """Sample covariance, shape (2, 2), of points ``x`` of shape (n, 2) (divisor n - 1)."""
    xx = np.asarray(x, dtype=float)
    d = xx - xx.mean(axis=0)
    return d.T @ d / (len(xx) - 1)


def principal_basis(cov: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (largest first) and orthonormal eigenvectors of a covariance.

    Returns ``(variances, Q)``: ``Q``'s columns are ``u1`` (with ``u1[0] >= 0``)
    and ``u2``, ``u1`` turned a quarter turn counter-clockwise, so ``Q`` is a
    rotation (``det Q = 1``) and ``Q^T S Q = diag(variances)``.
    """
    values, vectors = np.linalg.eigh(np.asarray(cov, dtype=float))
    order = np.argsort(values)[::-1]
    values = values[order]
    u1 = vectors[:, order[0]]
    if u1[0] < 0 or (u1[0] == 0 and u1[1] < 0):
        u1 = -u1
    u2 = np.array([-u1[1], u1[0]])
    return values, np.column_stack([u1, u2])


def decorrelate(x: ArrayLike, q: ArrayLike) -> np.ndarray:
    """Each point's coordinates in the basis ``Q`` (orthonormal): rows ``Q^T x``."""
    return np.asarray(x, dtype=float) @ np.asarray(q, dtype=float)


def whiten(y: ArrayLike) -> np.ndarray:
    """Points ``y`` (already decorrelated) divided by each feature's spread."""
    yy = np.asarray(y, dtype=float)
    return yy / np.sqrt(np.diag(covariance(yy)))


# -- parameter checks ------------------------------------------------------------------

#: Largest component of a basis vector and of the coordinates (the view stays legible).
MAX_COMPONENT = 4.0
#: Largest entry of the transformation.
MAX_ENTRY = 3.0


def _basis(value: np.ndarray) -> str | None:
    if float(np.max(np.abs(value))) > MAX_COMPONENT:
        return f"components beyond ±{fmt(MAX_COMPONENT)} make the grid too fine to read"
    problem = basis_problem(value[0], value[1])
    if problem:
        return problem
    for name, row in zip(("b1", "b2"), value, strict=True):
        if float(np.hypot(*row)) < 0.5:
            return f"{name} is shorter than 0.5, too short to draw as an arrow"
    return None


def _transformation(value: np.ndarray) -> str | None:
    if float(np.max(np.abs(value))) > MAX_ENTRY:
        return f"entries beyond ±{fmt(MAX_ENTRY)} throw the picture off the screen"
    if abs(float(np.linalg.det(value))) < 0.1:
        return (
            "it squashes the plane (almost) flat, |determinant| below 0.1, so the "
            "grid vanishes: pick one with |det| at least 0.1"
        )
    return None


def _coords(value: np.ndarray) -> str | None:
    if float(np.max(np.abs(value))) > 3:
        return "coordinates beyond ±3 do not fit the picture"
    if float(np.max(np.abs(value))) < 0.5:
        return "a vector this short has no visible arrow (a coordinate must reach 0.5)"
    return None


# -- layout (scene units) --------------------------------------------------------------
TOP = 3.75
BOTTOM = CONTENT_BOTTOM + 0.1
PLANE_BOX = Box(-7.0, 0.3, BOTTOM, TOP)
CARD_X = 0.85  # left edge of the formula cards
FORMULA_SIZE = 36
B1, B2, V = GREEN, ORANGE, ACCENT
SKEW = PURPLE


class ChangeOfBasis(CourseLesson):
    """One vector in two coordinate systems; P, P^-1 and P^-1 A P; PCA's rotation."""

    params = {
        "basis": Matrix(
            [[3, 1], [-1, 1]],
            help="the new basis: rows are b1 and b2 (P has them as its columns)",
            require=[_basis],
        ),
        "transformation": Matrix(
            [[1, 1.5], [0.5, 0]],
            help="the transformation A seen in the new basis as P^-1 A P",
            require=[_transformation],
        ),
        "coords": Vector(
            [1, 2],
            help="the vector's coordinates in the new basis",
            require=[_coords],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse what shows wrongly: an off-diagonal entry shown as 0 that is not 0."""
        p = basis_matrix(*np.asarray(args.basis, dtype=float))
        m = in_basis(args.transformation, p)
        scale = max(1.0, float(np.max(np.abs(m))))
        for x in (m[0, 1], m[1, 0]):
            if TOL * scale < abs(x) < 0.005:
                raise ParamError(
                    "transformation",
                    fmt_vec(np.asarray(args.transformation).ravel()),
                    "one whose P^-1 A P is clearly diagonal or clearly not",
                    why=f"P^-1 A P has an off-diagonal entry {x:.1e}, shown as 0 but "
                    "not zero",
                )
        if float(np.max(np.abs(m))) >= 100:
            raise ParamError(
                "transformation",
                fmt_vec(np.asarray(args.transformation).ravel()),
                "a smaller transformation or a wider basis",
                why="P^-1 A P has entries of 100 or more, too long for the card",
            )

    def construct(self) -> None:
        basis = np.asarray(self.args.basis, dtype=float)
        self.b1, self.b2 = basis[0], basis[1]
        self.p = basis_matrix(self.b1, self.b2)
        self.p_inv = inverse(self.p)
        self.a = np.asarray(self.args.transformation, dtype=float)
        self.c = np.asarray(self.args.coords, dtype=float)
        self.v = to_standard(self.p, self.c)
        self.setup_view()
        self.title_card(
            "Change of basis",
            "One arrow, two sets of coordinates: how do we translate?",
        )
        self.show_standard()
        self.show_basis()
        self.walk_in_basis()
        self.derive_sum()
        self.derive_matrix()
        self.translate_back()
        self.introduce_transformation()
        self.step_p()
        self.step_a()
        self.step_p_inverse()
        self.show_result()
        self.build_on_it()
        self.clear_all()
        self.show_data()
        self.rotate_data()
        self.whiten_data()
        self.clear_all()
        self.recap_picture()

    # -- helpers ----------------------------------------------------------------------
    def setup_view(self) -> None:
        """Two views: one for the two grids, one for the three steps, each fitted."""
        cols = [np.eye(2), self.p]
        points = [self.v, self.c, self.b1 * self.c[0], self.b1, self.b2]
        unit, origin = fit_view(np.array(points), PLANE_BOX, margin=0.45, max_unit=1.2)
        self.view = PlaneView(unit, origin)
        self.grid_span = self.span_for(cols)
        self.step_matrices = [*cols, self.a @ self.p, in_basis(self.a, self.p)]
        points = [*chain(self.a, self.p, self.c)]
        for m in self.step_matrices:
            points += [m[:, 0], m[:, 1]]
        unit, origin = fit_view(np.array(points), PLANE_BOX, margin=0.45, max_unit=1.2)
        self.step_view = PlaneView(unit, origin)

    def span_for(self, matrices: list[np.ndarray]) -> float:
        """Plane units a grid must reach so every ``M`` applied to it still fills the frame."""
        w, h = config.frame_width / 2, config.frame_height / 2
        corners = [np.array([sx * w, sy * h]) for sx in (-1, 1) for sy in (-1, 1)]
        reach = 1.0
        for m in matrices:
            m_inv = np.linalg.inv(m)
            for corner in corners:
                plane_xy = (corner - self.view.origin[:2]) / self.view.unit
                reach = max(reach, float(np.max(np.abs(m_inv @ plane_xy))))
        return math.ceil(reach) + 1.0

    def grid(self, color: str = BLUE, opacity: float = 1.0) -> NumberPlane:
        """A grid of whole plane units around the origin, wide enough for every step."""
        plane = self.view.plane(
            reach=self.grid_span * self.view.unit,
            extra=0,
            line_opacity=0.5 * opacity,
            axis_opacity=0.8 * opacity,
            z_index=-2 if opacity == 1 else -3,
        )
        plane.background_lines.set_stroke(color=color)
        self.backdrop(plane)
        return plane

    def arrow(self, xy: np.ndarray, color: str) -> Mobject:
        return self.view.arrow(xy, color, width=6, tip=0.24, tip_ratio=0.3, dot=0.08)

    def tip_label(self, name: str, xy: np.ndarray, color: str) -> Mobject:
        """``name`` just beyond the tip of the arrow to ``xy``."""
        direction = np.asarray(xy, dtype=float)
        length = float(np.hypot(*direction))
        out = direction / length if length > 0 else np.array([1.0, 0.0])
        turn = math.radians(-35)  # off the arrow's line, so never on an axis
        side = np.array(
            [
                out[0] * math.cos(turn) - out[1] * math.sin(turn),
                out[0] * math.sin(turn) + out[1] * math.cos(turn),
                0.0,
            ]
        )
        label = tex(name, size=FORMULA_SIZE, color=color)
        label.move_to(
            self.view.point(xy) + (0.3 + 0.5 * max(label.width, label.height)) * side
        )
        # kept inside the plane's box (the frame's edge, the cards' column)
        box = PLANE_BOX
        dx = max(0.0, box.left + 0.1 - label.get_left()[0]) - max(
            0.0, label.get_right()[0] - box.right - 0.3
        )
        dy = max(0.0, box.bottom - label.get_bottom()[1]) - max(
            0.0, label.get_top()[1] - box.top
        )
        return label.shift([dx, dy, 0.0])

    def card(self, *rows: Mobject, top: float = TOP) -> VGroup:
        group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        card = panel(*group)
        card.move_to([CARD_X, top, 0], aligned_edge=LEFT + UP)
        return card

    def clear_all(self) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.6)
        self.clear()

    def vec_tex(self, name: str, xy: np.ndarray, color: str) -> MathTex:
        row = tex(name, "=", fmt_vec(xy), size=FORMULA_SIZE)
        row[0].set_color(color)
        return row

    # -- chapter: two coordinate systems -----------------------------------------------
    def show_standard(self) -> None:
        self.standard = self.grid()
        self.v_arrow = self.arrow(self.v, V)
        self.v_label = self.tip_label("v", self.v, V)
        self.standard_row = self.vec_tex(r"v_{\text{standard}}", self.v, V)
        self.info = self.card(self.standard_row)
        with self.beat(
            f"Here is a vector v. On the standard grid, v = {fmt_vec(self.v)}.",
            say=f"Here is a vector v. On the standard grid, its coordinates are "
            f"{say_vec(self.v)}.",
            chapter="Two coordinate systems",
        ):
            self.play(Create(self.standard), run_time=1.2)
            self.play(GrowArrow(self.v_arrow), FadeIn(self.v_label), run_time=0.8)
            self.play(FadeIn(self.info), run_time=0.5)

    def show_basis(self) -> None:
        self.b1_arrow = self.arrow(self.b1, B1)
        self.b2_arrow = self.arrow(self.b2, B2)
        self.b1_label = self.tip_label("b_1", self.b1, B1)
        self.b2_label = self.tip_label("b_2", self.b2, B2)
        self.skewed = self.grid(SKEW)
        rows = [
            self.vec_tex("b_1", self.b1, B1),
            self.vec_tex("b_2", self.b2, B2),
        ]
        new_info = self.card(self.standard_row.copy(), *rows)
        with self.beat(
            "Now pick another basis, b1 and b2. Its grid lines run along them: a "
            "skewed grid.",
            say="Now pick another basis, b one and b two. Its grid lines run along "
            "them: a skewed grid.",
        ):
            self.play(
                GrowArrow(self.b1_arrow),
                GrowArrow(self.b2_arrow),
                FadeIn(self.b1_label, self.b2_label),
                FadeOut(self.info),
                FadeIn(new_info),
                run_time=1.0,
            )
            self.info = new_info
            self.play(
                self.standard.animate.set_opacity(0.25),
                ApplyMatrix(self.p, self.skewed, about_point=self.view.origin),
                run_time=2.0,
            )

    def walk_in_basis(self) -> None:
        c1, c2 = self.c
        first = self.b1 * c1
        self.step1 = self.view.arrow(first, B1, width=7, dot=0.08)
        self.step2 = self.view.arrow(self.v, B2, start=first, width=7, dot=0.08)
        self.basis_row = self.vec_tex(r"v_{\text{new}}", self.c, V)
        new_info = self.card(*(r.copy() for r in self.info[1]), self.basis_row)
        with self.beat(
            f"On this grid, v is {fmt(c1)} b1 plus {fmt(c2)} b2: its coordinates are "
            f"{fmt_vec(self.c)}. Same arrow, new numbers.",
            say=f"On this grid, v is {say_sig(c1)} b one plus {say_sig(c2)} b two: its "
            f"coordinates are {say_vec(self.c)}. Same arrow, new numbers.",
        ):
            self.play(GrowArrow(self.step1), run_time=0.8)
            self.play(GrowArrow(self.step2), run_time=0.8)
            self.play(FadeOut(self.info), FadeIn(new_info), run_time=0.6)
            self.info = new_info

    # -- chapter: the translation matrix (the why) -----------------------------------------
    def derive_sum(self) -> None:
        c1, c2 = (fmt(t) for t in self.c)
        self.sum_row = tex(
            c1,
            tex_matrix(self.b1),
            "+" if self.c[1] >= 0 else "-",
            fmt(abs(self.c[1])),
            tex_matrix(self.b2),
            "=",
            tex_matrix(self.v),
            size=FORMULA_SIZE,
        )
        self.sum_row[1].set_color(B1)
        self.sum_row[4].set_color(B2)
        self.sum_row[6].set_color(V)
        heading = tex(
            r"c = (c_1, c_2) \text{ means } c_1 b_1 + c_2 b_2:",
            size=FORMULA_SIZE,
            color=MUTED,
        )
        self.derive_card = self.card(heading, self.sum_row, top=TOP)
        with self.beat(
            f"Why? Coordinates {fmt_vec(self.c)} mean {c1} times b1 plus {c2} times "
            "b2, and that sum is v.",
            say=f"Why? Coordinates {say_vec(self.c)} mean {say_sig(self.c[0])} times b "
            f"one plus {say_sig(self.c[1])} times b two, and that sum is v.",
            chapter="The translation matrix",
        ):
            self.play(
                FadeOut(self.info),
                FadeIn(self.derive_card[0], heading),
                run_time=0.5,
            )
            self.play(
                Indicate(self.step1, color=B1),
                FadeIn(self.sum_row[:2]),
                run_time=1.0,
            )
            self.play(
                Indicate(self.step2, color=B2),
                FadeIn(self.sum_row[2:5]),
                run_time=1.0,
            )
            self.play(FadeIn(self.sum_row[5:]), run_time=0.6)

    def derive_matrix(self) -> None:
        p_row = tex(
            "P",
            "=",
            tex_matrix(self.p),
            size=FORMULA_SIZE,
        )
        p_row[0].set_color(SKEW)
        product = tex(
            "P", tex_matrix(self.c), "=", tex_matrix(self.v), size=FORMULA_SIZE
        )
        product[0].set_color(SKEW)
        product[3].set_color(V)
        heading = self.derive_card[1][0]
        new_card = self.card(heading.copy(), self.sum_row.copy(), p_row, product)
        self.p_card = new_card
        with self.beat(
            "Make b1 and b2 the columns of a matrix P: that sum is P times c. P turns "
            "new coordinates into standard ones.",
            say="Make b one and b two the columns of a matrix P: that sum is P times "
            "c. P turns new coordinates into standard ones.",
        ):
            self.play(
                FadeOut(self.derive_card),
                FadeIn(new_card[0], new_card[1][0], new_card[1][1]),
                run_time=0.4,
            )
            self.play(FadeIn(p_row), run_time=0.8)
            self.play(FadeIn(product, shift=0.1 * DOWN), run_time=0.8)

    def translate_back(self) -> None:
        inv_row = tex(r"P^{-1}", "=", tex_matrix(self.p_inv), size=FORMULA_SIZE)
        inv_row[0].set_color(SKEW)
        back = tex(
            r"P^{-1}", tex_matrix(self.v), "=", tex_matrix(self.c), size=FORMULA_SIZE
        )
        back[0].set_color(SKEW)
        back[3].set_color(V)
        new_card = self.card(inv_row, back)
        o = self.view.origin
        with self.beat(
            f"P inverse goes back: it takes {fmt_vec(self.v)} to {fmt_vec(self.c)}, "
            "and straightens the skewed grid.",
            say=f"P inverse goes back: it takes {say_vec(self.v)} to {say_vec(self.c)}, "
            "and straightens the skewed grid.",
        ):
            self.play(FadeOut(self.p_card), FadeIn(new_card), run_time=0.6)
            self.play(FadeOut(self.step1, self.step2), run_time=0.4)
            self.play(
                ApplyMatrix(self.p_inv, self.skewed, about_point=o),
                Transform(self.v_arrow, self.arrow(self.c, V)),
                Transform(self.b1_arrow, self.arrow(np.array([1.0, 0.0]), B1)),
                Transform(self.b2_arrow, self.arrow(np.array([0.0, 1.0]), B2)),
                self.v_label.animate.move_to(self.tip_label("v", self.c, V)),
                self.b1_label.animate.move_to(self.tip_label("b_1", [1, 0], B1)),
                self.b2_label.animate.move_to(self.tip_label("b_2", [0, 1], B2)),
                run_time=2.2,
            )
        self.back_card = new_card

    # -- chapter: a transformation in another basis ----------------------------------------
    def introduce_transformation(self) -> None:
        a_row = tex("A", "=", tex_matrix(self.a), size=FORMULA_SIZE)
        a_row[0].set_color(BLUE)
        self.chain_tex = tex(r"P^{-1}", "A", "P", size=FORMULA + 8)
        self.chain_tex[0].set_color(SKEW)
        self.chain_tex[1].set_color(BLUE)
        self.chain_tex[2].set_color(SKEW)
        self.c_row = self.vec_tex("c", self.c, V)
        self.chain_card = self.card(a_row, self.chain_tex, self.c_row)
        old = [self.standard, self.skewed, self.v_arrow, self.b1_arrow, self.b2_arrow]
        old += [self.v_label, self.b1_label, self.b2_label]
        self.view = self.step_view
        self.grid_span = self.span_for(self.step_matrices)
        self.standard = self.grid(opacity=0.25)
        self.skewed = self.grid(SKEW)
        e1, e2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
        self.v_arrow = self.arrow(self.c, V)
        self.b1_arrow = self.arrow(e1, B1)
        self.b2_arrow = self.arrow(e2, B2)
        self.b1_label = self.tip_label("b_1", e1, B1)
        self.b2_label = self.tip_label("b_2", e2, B2)
        new = [self.standard, self.skewed, self.v_arrow, self.b1_arrow, self.b2_arrow]
        new += [self.b1_label, self.b2_label]
        with self.beat(
            "Now a transformation, A. To see it in the new basis, read P⁻¹AP right to "
            "left: P, then A, then P⁻¹.",
            say="Now a transformation, A. To see it in the new basis, read P inverse "
            "A P from right to left: P, then A, then P inverse.",
            chapter="A transformation in another basis",
        ):
            self.play(
                *(FadeOut(m) for m in [self.back_card, *old]),
                *(FadeIn(m) for m in [self.chain_card, *new]),
                run_time=1.0,
            )
            for part in self.chain_tex:
                self.play(Indicate(part, color=ACCENT), run_time=0.6)

    def move_all(
        self,
        m: np.ndarray,
        points: list[np.ndarray],
        names: tuple[str, str] = ("b_1", "b_2"),
    ) -> None:
        """Apply ``m`` to the grid; move the arrows to ``points`` (the vector, the
        images of b1 and b2) and their labels to ``names``."""
        o = self.view.origin
        p_v, p_1, p_2 = points
        label_1 = self.tip_label(names[0], p_1, B1)
        label_2 = self.tip_label(names[1], p_2, B2)
        self.play(
            ApplyMatrix(m, self.skewed, about_point=o),
            Transform(self.v_arrow, self.arrow(p_v, V)),
            Transform(self.b1_arrow, self.arrow(p_1, B1)),
            Transform(self.b2_arrow, self.arrow(p_2, B2)),
            ReplacementTransform(self.b1_label, label_1),
            ReplacementTransform(self.b2_label, label_2),
            run_time=2.0,
        )
        self.b1_label, self.b2_label = label_1, label_2

    def below(self, card: VGroup, above: Mobject) -> VGroup:
        card.next_to(above, DOWN, buff=0.15)
        return card.align_to(self.chain_card, LEFT)

    def step_row(self, name: str, xy: np.ndarray) -> MathTex:
        return self.vec_tex(name, xy, V)

    def step_p(self) -> None:
        _, x1, _, _ = chain(self.a, self.p, self.c)
        panel_row = self.below(
            panel(self.step_row("P c", x1), buff=0.15), self.chain_card
        )
        self.step_cards = [panel_row]
        with self.beat(
            f"First P: c becomes standard coordinates, {fmt_vec(x1)}.",
            say=f"First P: c becomes standard coordinates, {say_vec(x1)}.",
        ):
            self.play(Indicate(self.chain_tex[2], color=ACCENT), run_time=0.6)
            self.move_all(self.p, [x1, self.p[:, 0], self.p[:, 1]])
            self.play(FadeIn(panel_row), run_time=0.5)

    def step_a(self) -> None:
        _, _, x2, _ = chain(self.a, self.p, self.c)
        ap = self.a @ self.p
        row = self.step_row("A P c", x2)
        card = self.below(panel(row, buff=0.15), self.step_cards[-1])
        self.step_cards.append(card)
        with self.beat(
            f"Then A does its work: the arrow moves to {fmt_vec(x2)}.",
            say=f"Then A does its work: the arrow moves to {say_vec(x2)}.",
        ):
            self.play(Indicate(self.chain_tex[1], color=ACCENT), run_time=0.6)
            self.move_all(self.a, [x2, ap[:, 0], ap[:, 1]], ("Ab_1", "Ab_2"))
            self.play(FadeIn(card), run_time=0.5)

    def step_p_inverse(self) -> None:
        *_, x3 = chain(self.a, self.p, self.c)
        m = in_basis(self.a, self.p)
        row = self.step_row(r"P^{-1} A P c", x3)
        card = self.below(panel(row, buff=0.15), self.step_cards[-1])
        self.step_cards.append(card)
        with self.beat(
            f"Last, P inverse reads it in the new basis: {fmt_vec(x3)}.",
            say=f"Last, P inverse reads it in the new basis: {say_vec(x3)}.",
        ):
            self.play(Indicate(self.chain_tex[0], color=ACCENT), run_time=0.6)
            self.move_all(self.p_inv, [x3, m[:, 0], m[:, 1]], ("Ab_1", "Ab_2"))
            self.play(FadeIn(card), run_time=0.5)

    def show_result(self) -> None:
        m = in_basis(self.a, self.p)
        result = tex(r"P^{-1} A P", "=", tex_matrix(m), size=FORMULA + 4)
        result[0].set_color(ACCENT)
        result[2].set_color(ACCENT)
        card = self.below(panel(result, buff=0.2), self.step_cards[-1])
        caption, said = seen_words(self.a, self.p)
        self.result_card = card
        with self.beat(
            f"Together: one matrix, P⁻¹AP. {caption}",
            say=f"Together: one matrix, P inverse A P. {said}",
            key=True,
        ):
            self.play(FadeIn(card, shift=0.2 * UP), run_time=0.8)
            self.play(
                Indicate(self.b1_arrow, color=B1),
                Indicate(self.b2_arrow, color=B2),
                run_time=1.0,
            )
            self.wait(1.5)

    def build_on_it(self) -> None:
        with self.beat(
            "Eigenvectors find such a basis; the SVD finds two bases that make any "
            "matrix diagonal.",
        ):
            self.play(
                Circumscribe(self.result_card, color=ACCENT, run_time=1.5),
            )

    # -- chapter: in machine learning (PCA's change of basis) ------------------------------
    def show_data(self) -> None:
        self.x = data_cloud()
        self.s = covariance(self.x)
        self.variances, self.q = principal_basis(self.s)
        self.y = decorrelate(self.x, self.q)
        self.w = whiten(self.y)
        reach = float(np.max(np.abs(np.vstack([self.x, self.y, self.w])))) * 1.05
        corners = np.array([[reach, reach], [-reach, -reach]])
        unit, origin = fit_view(corners, PLANE_BOX, margin=0.15, max_unit=1.2)
        self.ml_view = PlaneView(unit, origin)
        view = self.ml_view
        self.ml_grid = view.plane(
            reach=3 * reach * unit, line_opacity=0.35, axis_opacity=0.8
        )
        self.backdrop(self.ml_grid)
        self.dots = VGroup(
            *(Dot(view.point(p), radius=0.055, color=INK) for p in self.x)
        )
        scale_u = 2.2 * math.sqrt(self.variances[0])
        self.u_arrows = VGroup(
            view.arrow(self.q[:, 0] * scale_u, B1, width=6),
            view.arrow(self.q[:, 1] * scale_u * 0.6, B2, width=6),
        )
        s_row = tex(r"\Sigma", "=", tex_matrix(self.s), size=FORMULA_SIZE)
        q_row = tex("Q", "=", tex_matrix(self.q), size=FORMULA_SIZE)
        q_row[0].set_color(B1)
        off = fmt(self.s[0, 1])
        self.ml_card = self.card(s_row, q_row)
        self.s_row = s_row
        with self.beat(
            f"In machine learning: two features that move together, covariance {off}. "
            "The covariance's eigenvectors make a new basis, Q.",
            say="In machine learning: two features that move together, covariance "
            f"{say_sig(self.s[0, 1])}. The covariance's eigenvectors make a new basis, Q.",
            chapter="In machine learning",
        ):
            self.play(Create(self.ml_grid), run_time=0.8)
            self.play(FadeIn(self.dots, lag_ratio=0.02), run_time=1.2)
            self.play(FadeIn(self.ml_card[0], self.ml_card[1][0]), run_time=0.6)
            self.play(
                GrowArrow(self.u_arrows[0]),
                GrowArrow(self.u_arrows[1]),
                FadeIn(self.ml_card[1][1]),
                run_time=0.8,
            )

    def rotate_data(self) -> None:
        view = self.ml_view
        new_cov = covariance(self.y)
        row = tex(r"Q^{-1} \Sigma Q", "=", tex_matrix(new_cov), size=FORMULA_SIZE)
        row[0].set_color(ACCENT)
        card = panel(row, buff=0.2)
        card.next_to(self.ml_card, DOWN, aligned_edge=LEFT, buff=0.2)
        self.rot_card = card
        scale_u = 2.2 * math.sqrt(self.variances[0])
        with self.beat(
            "PCA changes to that basis. There the covariance, Q⁻¹ΣQ, is diagonal: the "
            "new features are uncorrelated.",
            say="PCA changes to that basis. There the covariance, Q inverse sigma Q, is "
            "diagonal: the new features are uncorrelated.",
        ):
            self.play(
                *(
                    d.animate.move_to(view.point(p))
                    for d, p in zip(self.dots, self.y, strict=True)
                ),
                Transform(self.u_arrows[0], view.arrow([scale_u, 0], B1, width=6)),
                Transform(
                    self.u_arrows[1], view.arrow([0, scale_u * 0.6], B2, width=6)
                ),
                run_time=2.5,
            )
            self.play(FadeIn(card, shift=0.2 * UP), run_time=0.8)

    def whiten_data(self) -> None:
        view = self.ml_view
        white_cov = covariance(self.w)
        row = tex(r"\text{whitened:}", tex_matrix(white_cov), size=FORMULA_SIZE)
        card = panel(row, buff=0.2)
        card.next_to(self.rot_card, DOWN, aligned_edge=LEFT, buff=0.2)
        with self.beat(
            "Whitening also scales each to spread 1: the covariance becomes the "
            "identity.",
        ):
            self.play(
                *(
                    d.animate.move_to(view.point(p))
                    for d, p in zip(self.dots, self.w, strict=True)
                ),
                FadeOut(self.u_arrows),
                run_time=2.0,
            )
            self.play(FadeIn(card, shift=0.2 * UP), run_time=0.8)

    # -- chapter: recap ---------------------------------------------------------------------
    def recap_picture(self) -> None:
        grid = self.grid(SKEW)
        grid.apply_matrix(self.p, about_point=self.view.origin)
        ghost = self.grid(BLUE, opacity=0.25)
        arrows = VGroup(
            self.arrow(self.b1, B1),
            self.arrow(self.b2, B2),
            self.arrow(self.v, V),
            self.tip_label("b_1", self.b1, B1),
            self.tip_label("b_2", self.b2, B2),
            self.tip_label("v", self.v, V),
        )
        formulas = VGroup(
            tex(r"v", "=", r"P\,c", size=FORMULA_SIZE),
            tex(r"c", "=", r"P^{-1} v", size=FORMULA_SIZE),
            tex(
                r"P^{-1} A P",
                "=",
                tex_matrix(in_basis(self.a, self.p)),
                size=FORMULA_SIZE,
            ),
        )
        card = self.card(*formulas)
        picture = [ghost, grid, arrows, card]
        self.play(*(FadeIn(m) for m in picture), run_time=0.8)
        self.recap_over(
            picture,
            "A basis is a grid: P turns its coordinates into standard ones, P⁻¹ turns "
            "them back, and P⁻¹AP is A in that basis.",
            say="A basis is a grid: P turns its coordinates into standard ones, P "
            "inverse turns them back, and P inverse A P is A in that basis.",
        )


def say_vec(v: ArrayLike) -> str:
    """A vector said with rounded numbers: ``1 comma minus 0.5``."""
    return " comma ".join(say_sig(x) for x in np.asarray(v, dtype=float))


# -- practice: exercises from this lesson's math, new numbers for every seed -----------


def _random_basis(rng: np.random.Generator, dets: tuple[int, ...]) -> np.ndarray:
    while True:
        p = rng.integers(-3, 4, size=(2, 2)).astype(float)
        det = round(float(np.linalg.det(p)))
        if abs(det) in dets and basis_problem(p[:, 0], p[:, 1]) is None:
            return p


def practice(seed: int) -> list[Exercise]:
    """Exercises on coordinates in a basis, numbers drawn from ``seed``.

    Four exercises: standard coordinates from new ones (:func:`to_standard`);
    new coordinates from standard ones (:func:`to_basis`, a basis of
    determinant ±1 or ±2 so the answer is short); a transformation in another
    basis (:func:`in_basis`); and whether two vectors form a basis
    (:func:`basis_problem`).
    """
    rng = np.random.default_rng(seed)
    p1 = _random_basis(rng, (1, 2, 3))
    c1 = rng.integers(-3, 4, size=2).astype(float)
    v1 = to_standard(p1, c1)
    p2 = _random_basis(rng, (1, 2))
    c2 = rng.integers(-3, 4, size=2).astype(float)
    v2 = to_standard(p2, c2)
    p3 = _random_basis(rng, (1,))
    a3 = rng.integers(-2, 3, size=(2, 2)).astype(float)
    m3 = in_basis(a3, p3)
    u = rng.integers(-3, 4, size=2).astype(float)
    while not np.any(u):
        u = rng.integers(-3, 4, size=2).astype(float)
    if rng.random() < 0.5:
        w = u * float(rng.choice([-2.0, -1.0, 2.0, 3.0]))
    else:
        while True:
            w = rng.integers(-3, 4, size=2).astype(float)
            if abs(u[0] * w[1] - u[1] * w[0]) > 0.5:
                break
    kinds = ("yes: they form a basis", "no: one is a multiple of the other")
    det = float(u[0] * w[1] - u[1] * w[0])  # exact: small integers
    which = kinds[0] if det != 0 else kinds[1]
    return [
        Exercise(
            id="change-of-basis-1",
            prompt=(
                f"A basis is $b_1 = {fmt_vec(p1[:, 0])}$, $b_2 = {fmt_vec(p1[:, 1])}$. "
                f"A vector has coordinates $c = {fmt_vec(c1)}$ in it. What are its "
                "standard coordinates?"
            ),
            kind="vector",
            answer=tuple(v1),
            tolerance=0.005,
            hint="Coordinates c mean c1 b1 + c2 b2, which is P c with b1, b2 as P's columns.",
            solution=(
                f"${fmt(c1[0])} {tex_matrix(p1[:, 0])} + {factor(fmt(c1[1]))} "
                f"{tex_matrix(p1[:, 1])} = {tex_matrix(v1)}$."
            ),
        ),
        Exercise(
            id="change-of-basis-2",
            prompt=(
                f"A basis is $b_1 = {fmt_vec(p2[:, 0])}$, $b_2 = {fmt_vec(p2[:, 1])}$. "
                f"What are the coordinates of $v = {fmt_vec(v2)}$ in it?"
            ),
            kind="vector",
            answer=tuple(to_basis(p2, v2)),
            tolerance=0.005,
            hint="Solve c1 b1 + c2 b2 = v, that is c = P⁻¹ v.",
            solution=(
                f"$P^{{-1}} = {tex_matrix(inverse(p2))}$, so "
                f"$c = P^{{-1}} v = {fmt_vec(to_basis(p2, v2))}$."
            ),
        ),
        Exercise(
            id="change-of-basis-3",
            prompt=(
                f"$P = {tex_matrix(p3)}$ has the basis as its columns and "
                f"$A = {tex_matrix(a3)}$. What is $P^{{-1}} A P$, A in that basis?"
            ),
            kind="matrix",
            answer=tuple(tuple(r) for r in m3),
            tolerance=0.005,
            hint="Invert P (a 2x2 inverse: swap, negate, divide by the determinant), "
            "then multiply right to left.",
            solution=(
                f"$P^{{-1}} = {tex_matrix(inverse(p3))}$, "
                f"$A P = {tex_matrix(a3 @ p3)}$, so "
                f"$P^{{-1}} A P = {tex_matrix(m3)}$."
            ),
        ),
        Exercise(
            id="change-of-basis-4",
            prompt=(
                f"Do $u = {fmt_vec(u)}$ and $w = {fmt_vec(w)}$ form a basis of the plane?"
            ),
            kind="choice",
            answer=which,
            choices=kinds,
            hint="Two vectors are a basis of the plane unless they lie on one line: "
            "check the determinant of the matrix with them as columns.",
            solution=(
                f"The determinant is ${fmt(det)}$, so "
                + ("they form a basis." if which == kinds[0] else "they do not.")
            ),
        ),
    ]
