"""Span, basis and rank: which points can a few vectors reach?

A linear combination ``a v + b w`` scales two vectors and adds them; turning the
dials ``a`` and ``b`` sweeps the tip over their span. Two vectors pointing
different ways reach the whole plane; a parallel pair only slides along one
line, because ``a v + b u`` is then a multiple of ``v``. Independent vectors
that span the plane are a basis: every point is one combination of them, and
its coefficients are its coordinates in that basis. A matrix's outputs
``A x = x1 col1 + x2 col2`` are the combinations of its columns, so they fill
the columns' span, the column space, whose dimension is the rank: a 2x2 matrix
whose columns are parallel squashes the plane onto a line. In machine learning
the columns of a feature matrix are features; a copied feature drops the rank,
and then only the sum of the two weights matters, so many weight vectors make
the same predictions.

Every number and shape on screen comes from the pure functions below (numpy
only), which the tests check on their own.

General claims (text and narration), and why each holds:

- "a v + b w scales each vector and adds them": definition
  (:func:`combination`, tested against numpy).
- "Turn the dials: the tip moves through the span": every tip drawn is a
  combination; the dials stay within ``±SWEEP`` (tested), so the words say
  "moves through", not "covers".
- "v and w point different ways, so their combinations reach every point: the
  span is the whole plane" / "... parallel, ... a line" / "only the origin":
  the words come from :func:`span_words`, which reads the rank from
  :func:`rank` (numpy's SVD with a relative tolerance); a Hypothesis test checks
  the words against an independent determinant test, and that every point is
  reached (:func:`coordinates` solves for it) exactly when the rank is 2.
- "Every a v + b u is (a + c b) v": with ``u = c v`` it is algebra
  (:func:`combination` tested equal to ``(a + c b) v``).
- "Only a = b = 0 gives a v + b w = 0" for independent vectors: the 2x2 system
  ``[v w] (a, b) = 0`` has the unique solution 0 when ``det [v w] != 0``; the
  parameters refuse a parallel or nearly parallel ``v, w``.
- "1.5 v + u = 0" for the dependent pair (``-c v + u = 0`` with
  ``c = DEPENDENT_FACTOR``): ``u = c v`` by construction.
- "Each point is a v + b w in exactly one way": unique solution of a
  non-singular 2x2 system (:func:`coordinates`, tested: it rebuilds ``p``).
- "A x = x1 times column 1 plus x2 times column 2": matrix times vector
  (:func:`column_combination` tested against ``A @ x``).
- "Column j is c times column k, so A x = (...) times column k": computed by
  :func:`column_relation` and worded by :func:`rank_words` only for rank 1;
  Hypothesis tests that the relation rebuilds ``A`` and the words match the rank.
- "A squashes the plane onto a line" / "keeps the plane a plane": from the rank
  (:func:`rank_words`); the parameters refuse matrices within a tolerance of a
  lower rank, whose picture would contradict the words, and the zero matrix.
- "The rank is the dimension of the column space, the number of independent
  columns": definition; the number shown is :func:`rank`.
- "A copied feature makes rank X = 1": the columns are equal (tested).
- "X w = (w1 + w2) x, so only the sum matters; every w on the line w1 + w2 = s
  gives the same predictions": :func:`predictions` tested equal along the line
  (Hypothesis).
- "NumPy's least squares returns the shortest": ``numpy.linalg.lstsq``
  returns the minimum-norm solution (tested: :func:`shortest_weights` is on the
  line and perpendicular to it, and no sampled point of the line is shorter).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Matrix, Vector
from mathreel.practice import Exercise
from scenes.kit.numbers import fmt, fmt_vec, say_sig, tex_matrix
from scenes.kit.plane import PlaneView
from scenes.kit.readout import readout
from scenes.kit.view import Box, fit_view, legible_entries
from scenes.style import *

__all__ = [
    "DEPENDENT_FACTOR",
    "FEATURE",
    "RANK_TOL",
    "SAMPLE_X",
    "SWEEP",
    "TARGET",
    "SpanBasisRank",
    "column_combination",
    "column_relation",
    "combination",
    "coordinates",
    "copied_features",
    "fitted_sum",
    "near_lower_rank",
    "practice",
    "predictions",
    "rank",
    "rank_words",
    "shortest_weights",
    "span_words",
    "sweep_coefficients",
]

#: The dependent partner of v: ``u = DEPENDENT_FACTOR * v``.
DEPENDENT_FACTOR = -1.5
#: The dials a and b sweep from -SWEEP to SWEEP.
SWEEP = 1.0
#: Relative tolerance of :func:`rank`: singular values below this times the largest count as 0.
RANK_TOL = 1e-9
#: A matrix (or pair of vectors) whose smallest singular value is below this
#: share of its largest, but not 0, is too close to a lower rank to draw honestly.
NEAR = 0.08
#: The input x whose path x1 col1 + x2 col2 the rank chapter draws.
SAMPLE_X: tuple[float, float] = (1.0, 1.0)
#: The machine-learning chapter's one feature (e.g. a house's size) and targets.
FEATURE: tuple[float, ...] = (1.0, 2.0, 3.0, 4.0)
TARGET: tuple[float, ...] = (4.0, 5.0, 10.0, 11.5)

#: A 2-D vector: a sequence of floats or a numpy array.
VectorLike = Sequence[float] | np.ndarray


# -- the math ---------------------------------------------------------------------


def combination(a: float, b: float, v: VectorLike, w: VectorLike) -> np.ndarray:
    """The linear combination ``a v + b w`` (shape of ``v``)."""
    return a * np.asarray(v, dtype=float) + b * np.asarray(w, dtype=float)


def rank(m: np.ndarray | Sequence[Sequence[float]], tol: float = RANK_TOL) -> int:
    """The rank of a matrix: how many of its singular values are not 0.

    Parameters
    ----------
    m : array of shape (r, c)
        The matrix (for vectors, put them in as columns).
    tol : float
        Relative tolerance: singular values at most ``tol`` times the largest
        count as 0.

    Returns
    -------
    int
        The dimension of the column space, 0 for the zero matrix.
    """
    s = np.linalg.svd(np.atleast_2d(np.asarray(m, dtype=float)), compute_uv=False)
    if s.size == 0 or s[0] == 0:
        return 0
    return int(np.sum(s > tol * s[0]))


def near_lower_rank(m: np.ndarray | Sequence[Sequence[float]]) -> bool:
    """Whether ``m`` is full rank by :func:`rank` yet within :data:`NEAR` of losing it."""
    s = np.linalg.svd(np.atleast_2d(np.asarray(m, dtype=float)), compute_uv=False)
    if s.size == 0 or s[0] == 0:
        return False
    return bool(RANK_TOL * s[0] < s[-1] < NEAR * s[0])


def span_words(v: VectorLike, w: VectorLike, names: str = "vw") -> tuple[str, str]:
    """What the lesson says about the span of two 2-D vectors: (caption, spoken).

    From :func:`rank` of the matrix with columns ``v`` and ``w``: 2 gives "the
    whole plane", 1 "a line", 0 "only the origin". ``names`` are the two
    vectors' one-letter names.
    """
    p, q = names[0], names[1]
    r = rank(np.column_stack([v, w]))
    if r == 2:
        line = f"{p} and {q} point different ways: their span is the whole plane."
    elif r == 1:
        line = f"{p} and {q} are parallel: their span is only a line."
    else:
        line = f"{p} and {q} are both 0: their span is only the origin."
    return line, line


def coordinates(p: VectorLike, v: VectorLike, w: VectorLike) -> np.ndarray:
    """The coefficients ``(a, b)`` with ``a v + b w = p``.

    Raises
    ------
    ValueError
        If ``v`` and ``w`` are parallel (rank below 2): then a point has no
        such pair, or infinitely many.
    """
    basis = np.column_stack([v, w]).astype(float)
    if rank(basis) < 2:
        raise ValueError("v and w are parallel: they are not a basis of the plane")
    return np.linalg.solve(basis, np.asarray(p, dtype=float))


def sweep_coefficients(t: float | np.ndarray) -> np.ndarray:
    """The dials ``(a, b)`` at time ``t`` in [0, 1]: a 5:6 Lissajous figure.

    Both stay within ``±SWEEP``; shape (2,) for a scalar ``t``, (n, 2) for n.
    """
    tt = np.asarray(t, dtype=float)
    a = SWEEP * np.sin(2 * np.pi * 5 * tt)
    b = SWEEP * np.sin(2 * np.pi * 6 * tt + np.pi / 4)
    return np.stack([a, b], axis=-1)


def column_combination(a: np.ndarray, x: VectorLike) -> np.ndarray:
    """``x1`` times column 1 plus ``x2`` times column 2 of ``a`` (equals ``a @ x``)."""
    m = np.asarray(a, dtype=float)
    return sum(
        (float(c) * m[:, j] for j, c in enumerate(np.asarray(x, dtype=float))),
        start=np.zeros(m.shape[0]),
    )


def column_relation(a: np.ndarray) -> tuple[int, int, float]:
    """For a 2x2 matrix of rank 1: ``(k, j, c)`` with column j = c times column k.

    Column ``k`` (0-based) is the first column unless that one is zero, so
    ``c`` is finite.

    Raises
    ------
    ValueError
        If the rank is not 1.
    """
    m = np.asarray(a, dtype=float)
    if rank(m) != 1:
        raise ValueError("column_relation needs a matrix of rank 1")
    lengths = np.linalg.norm(m, axis=0)
    k = 0 if lengths[0] > RANK_TOL * lengths.max() else 1
    j = 1 - k
    base = m[:, k]
    return k, j, float(m[:, j] @ base / (base @ base))


def _term(c: float, name: str, first: bool) -> tuple[str, str]:
    """``c name`` as shown and as said, inside a sum."""
    size = fmt(abs(c))
    coef = "" if size == "1" else size + " "
    if first:
        sign_s, sign_t = ("−" if c < 0 else ""), ("minus " if c < 0 else "")
    else:
        sign_s, sign_t = (" − " if c < 0 else " + "), (" minus " if c < 0 else " plus ")
    return sign_s + coef + name, sign_t + coef + name


def rank_words(a: np.ndarray) -> dict[str, str]:
    """What the rank chapter shows and says about ``a`` (2x2, not zero).

    Keys: ``why`` / ``why_say`` (the column relation, or that the columns point
    different ways), ``key`` / ``key_say`` (what the matrix does to the plane
    and its rank), ``formula`` (TeX for ``A x`` in terms of the columns).
    """
    m = np.asarray(a, dtype=float)
    r = rank(m)
    if r == 2:
        why = "Here the columns point different ways: the column space is the whole plane."
        return {
            "why": why,
            "why_say": why,
            "key": "A keeps the plane a plane: its column space is 2-dimensional, "
            "so rank A = 2.",
            "key_say": "A keeps the plane a plane: its column space is two "
            "dimensional, so the rank of A is 2.",
            "formula": r"A x = x_1\,\mathrm{col}_1 + x_2\,\mathrm{col}_2",
        }
    if r != 1:
        raise ValueError("rank_words needs a matrix that is not zero")
    k, j, c = column_relation(m)
    xs = ("x₁", "x₂")
    # A x = (x_k + c x_j) col_k, written in the order x1, x2
    terms = [(1.0, k), (c, j)] if k == 0 else [(c, j), (1.0, k)]
    shown, said = "", ""
    tex_terms = ""
    for i, (coef, idx) in enumerate(terms):
        s, t = _term(coef, xs[idx], i == 0)
        shown += s
        said += t.replace("x₁", "x 1").replace("x₂", "x 2")
        sign = ("-" if coef < 0 else "") if i == 0 else (" - " if coef < 0 else " + ")
        size = fmt(abs(coef))
        tex_terms += sign + ("" if size == "1" else size + r"\,") + f"x_{idx + 1}"
    cj, ck = j + 1, k + 1
    times = fmt(c)
    return {
        "why": f"Here column {cj} is {times} times column {ck}, so A x = "
        f"({shown}) col{_SUB[k]}: one line.",
        "why_say": f"Here column {cj} is {say_sig(c)} times column {ck}, so A x "
        f"is {said}, times column {ck}: one line.",
        "key": "So A squashes the whole plane onto that line. Its column space is "
        "1-dimensional: rank A = 1.",
        "key_say": "So A squashes the whole plane onto that line. Its column space "
        "is one dimensional: the rank of A is 1.",
        "formula": rf"A x = ({tex_terms})\,\mathrm{{col}}_{ck}",
    }


def copied_features(x: VectorLike = FEATURE) -> np.ndarray:
    """The feature matrix whose second column is a copy of the first, shape (n, 2)."""
    col = np.asarray(x, dtype=float)
    return np.column_stack([col, col])


def predictions(features: np.ndarray, w: VectorLike) -> np.ndarray:
    """A linear model's predictions ``X w``, shape (n,)."""
    return np.asarray(features, dtype=float) @ np.asarray(w, dtype=float)


def fitted_sum(x: VectorLike = FEATURE, y: VectorLike = TARGET) -> float:
    """The least-squares slope ``s = sum(x y) / sum(x^2)`` of ``y ≈ s x``.

    With the feature copied, the best weights are exactly those with
    ``w1 + w2 = s``.
    """
    xx, yy = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(xx @ yy / (xx @ xx))


def shortest_weights(features: np.ndarray, y: VectorLike = TARGET) -> np.ndarray:
    """The weights ``numpy.linalg.lstsq`` returns: the shortest least-squares fit."""
    w, *_ = np.linalg.lstsq(
        np.asarray(features, dtype=float), np.asarray(y, dtype=float), rcond=None
    )
    return np.asarray(w, dtype=float)


# -- parameter checks ----------------------------------------------------------------


def _nonzero(value: np.ndarray) -> str | None:
    if float(np.max(np.abs(value))) < 0.25:
        return "a vector this short has no visible arrow (a component must reach 0.25)"
    return None


def _matrix_ok(value: np.ndarray) -> str | None:
    if rank(value) == 0:
        return "the zero matrix sends everything to 0: there is no column to show"
    if near_lower_rank(value):
        return (
            "its columns are nearly parallel: the picture would look squashed while "
            "the rank is 2; give exactly parallel columns or ones further apart"
        )
    return None


# -- layout (scene units) -------------------------------------------------------------
TOP = 3.7
BOTTOM = CONTENT_BOTTOM + 0.15
PLANE_BOX = Box(-7.0, 0.3, BOTTOM, TOP)
CARD_LEFT = 0.8
ML_LEFT = 0.2  # left edge of the machine-learning chapter's cards
ML_REACH = 1.0  # how far past the axes the weight line is drawn
SIZE = 36
_SUB = {0: "₁", 1: "₂"}


class SpanBasisRank(CourseLesson):
    """Linear combinations, span, independence, a basis, rank, redundant features."""

    params = {
        "v": Vector(
            [2, 1],
            help="the first vector of the span chapter",
            require=[_nonzero, legible_entries("components")],
        ),
        "w": Vector(
            [1, 2],
            help="the second vector (independent of v)",
            require=[_nonzero, legible_entries("components")],
        ),
        "p": Vector(
            [3.5, 2.5],
            help="the point whose coordinates in the basis v, w the lesson finds",
            require=[legible_entries("components")],
        ),
        "matrix": Matrix(
            [[1, 2], [0.5, 1]],
            help="the 2x2 matrix whose rank the lesson shows (rank 1 squashes the plane)",
            require=[_matrix_ok, legible_entries()],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Refuse a parallel (or nearly parallel) v, w: the basis chapter needs two ways."""
        pair = np.column_stack([args.v, args.w])
        if rank(pair) < 2 or near_lower_rank(pair):
            raise ParamError(
                "w",
                fmt_vec(args.w),
                f"a vector pointing clearly away from v = {fmt_vec(args.v)}",
                why="v and w are (nearly) parallel, so they are no basis; the lesson "
                "shows a parallel pair itself",
            )

    def construct(self) -> None:
        v, w, p = (np.asarray(self.args[k], dtype=float) for k in ("v", "w", "p"))
        a = np.asarray(self.args.matrix, dtype=float)
        self.title_card("Span, basis and rank", "Which points can a few vectors reach?")
        self.setup_span_view(v, w, p)
        self.show_pair(v, w)
        self.sweep_span(v, w)
        self.parallel_pair(v)
        self.independence(v, w)
        self.basis(v, w, p)
        self.clear_all()
        self.show_columns(a)
        self.column_space(a)
        self.squash(a)
        self.clear_all()
        self.show_features()
        self.same_predictions()
        self.shortest_fit()
        self.recap(a)

    # -- helpers ----------------------------------------------------------------------
    def clear_all(self) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.6)
        self.clear()

    def card(self, *rows: Mobject, top: float = TOP) -> VGroup:
        """Rows stacked left-aligned on a card at the right of the plane."""
        body = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        card = panel(body, buff=0.2)
        card.move_to([CARD_LEFT, top, 0], aligned_edge=LEFT + UP)
        return card

    def tip_label(self, name: str, vec: np.ndarray, color: str) -> Mobject:
        """A vector's name just beyond its tip, along the vector."""
        out = vec / np.linalg.norm(vec)
        return tex(name, size=SIZE + 4, color=color).move_to(
            self.view.point(vec) + 0.35 * np.array([*out, 0.0])
        )

    def side_label(
        self, name: str, vec: np.ndarray, away: np.ndarray, color: str
    ) -> Mobject:
        """A vector's name beside its last stretch, on the side away from ``away``.

        Longer arrows along the same vector (1.5 v, the dependent u's line) then
        pass beside the name instead of through it.
        """
        side = np.array([-vec[1], vec[0]]) / np.linalg.norm(vec)
        if side @ away > 0:
            side = -side
        label = tex(name, size=SIZE + 4, color=color)
        label.move_to(self.view.point(0.75 * vec) + 0.32 * np.array([*side, 0.0]))
        return label

    # -- chapter: linear combinations ------------------------------------------------
    def setup_span_view(self, v: np.ndarray, w: np.ndarray, p: np.ndarray) -> None:
        u = DEPENDENT_FACTOR * v
        corners = [
            combination(s * SWEEP, t * SWEEP, v, w) for s in (-1, 1) for t in (-1, 1)
        ]
        points = np.vstack([*corners, p, u, -u, 1.1 * v, 1.1 * w])
        self.view = PlaneView(*fit_view(points, PLANE_BOX, margin=0.35, max_unit=1.0))
        self.plane = self.view.plane(line_opacity=0.35)

    def show_pair(self, v: np.ndarray, w: np.ndarray) -> None:
        self.w_vec = w
        self.v_arrow = self.view.arrow(v, ACCENT, width=6)
        self.w_arrow = self.view.arrow(w, GREEN, width=6)
        self.v_label = self.side_label("v", v, w, ACCENT)
        self.w_label = self.side_label("w", w, v, GREEN)
        self.v_row = tex("v", "=", fmt_vec(v), size=SIZE, color=ACCENT)
        self.w_row = tex("w", "=", fmt_vec(w), size=SIZE, color=GREEN)
        self.combo_row = tex(r"a\,v + b\,w", size=SIZE)
        self.pair_card = self.card(self.v_row, self.w_row, self.combo_row)
        with self.beat(
            f"Take v = {fmt_vec(v)} and w = {fmt_vec(w)}. A linear combination "
            "scales each and adds them: a v + b w.",
            say=f"Take v equals {_say_vec(v)}, and w equals {_say_vec(w)}. A linear "
            "combination scales each and adds them: a v plus b w.",
            chapter="Linear combinations",
        ):
            self.play(Create(self.plane), run_time=1.0)
            self.play(
                GrowArrow(self.v_arrow),
                GrowArrow(self.w_arrow),
                FadeIn(self.v_label, self.w_label),
                run_time=0.8,
            )
            self.play(FadeIn(self.pair_card), run_time=0.6)

    def dials(self) -> tuple[VGroup, VGroup]:
        a_row = readout("a =", 2, ACCENT, SIZE)
        b_row = readout("b =", 2, GREEN, SIZE)
        return a_row, b_row

    def run_sweep(
        self, v: np.ndarray, w: np.ndarray, color: str, seconds: float
    ) -> VGroup:
        """Turn the dials a, b along :func:`sweep_coefficients`; leave the tip's trail."""
        t = ValueTracker(0.0)
        times = np.linspace(0.0, 1.0, 1200)
        path = np.array(
            [
                self.view.point(combination(*ab, v, w))
                for ab in sweep_coefficients(times)
            ]
        )

        def coeffs() -> np.ndarray:
            return sweep_coefficients(t.get_value())

        def first() -> Mobject:
            a, _ = coeffs()
            return self.view.arrow(a * v, ACCENT, width=5, dot=0.06).set_z_index(-1)

        def second() -> Mobject:
            a, b = coeffs()
            return self.view.arrow(
                combination(a, b, v, w), color, start=a * v, width=5, dot=0.06
            ).set_z_index(-1)

        def trail() -> VMobject:
            n = max(2, int(t.get_value() * (len(path) - 1)) + 1)
            mob = VMobject(stroke_color=PURPLE, stroke_width=3)
            mob.set_points_as_corners(path[:n])
            return mob.set_z_index(-1)  # beneath the cards, above the grid

        tip = Dot(radius=0.08, color=INK).set_z_index(-1)
        tip.add_updater(
            lambda m: m.move_to(self.view.point(combination(*coeffs(), v, w)))
        )
        moving = VGroup(
            always_redraw(trail), always_redraw(first), always_redraw(second), tip
        )
        self.a_row[1].add_updater(lambda m: m.set_value(coeffs()[0]))
        self.b_row[1].add_updater(lambda m: m.set_value(coeffs()[1]))
        self.add(moving)
        self.play(t.animate.set_value(1.0), run_time=seconds, rate_func=linear)
        for m in (*moving, self.a_row[1], self.b_row[1]):
            m.clear_updaters()
        for row, value in zip((self.a_row, self.b_row), coeffs(), strict=True):
            row[1].set_value(round(float(value), 2) + 0.0)  # never "-0.00"
        return moving

    def sweep_span(self, v: np.ndarray, w: np.ndarray) -> None:
        self.a_row, self.b_row = self.dials()
        self.a_row[1].set_value(sweep_coefficients(0.0)[0])
        self.b_row[1].set_value(sweep_coefficients(0.0)[1])
        card = self.card(
            self.v_row.copy(),
            self.w_row.copy(),
            self.combo_row.copy(),
            self.a_row,
            self.b_row,
        )
        grid = [
            combination(a, b, v, w)
            for a in np.linspace(-SWEEP, SWEEP, 9)
            for b in np.linspace(-SWEEP, SWEEP, 9)
        ]
        # no dot under the names v and w (the names must stay readable)
        names = [
            (m.get_corner(DL) - 0.08, m.get_corner(UR) + 0.08)
            for m in (self.v_label, self.w_label)
        ]
        spots = [self.view.point(q) for q in grid]
        self.lattice = VGroup(
            *(
                Dot(x, radius=0.04, color=PURPLE)
                for x in spots
                if not any(
                    np.all(x[:2] >= lo[:2]) and np.all(x[:2] <= hi[:2])
                    for lo, hi in names
                )
            )
        )
        caption, said = span_words(v, w)
        with self.beat(
            "Turn the dials a and b: the tip moves through the span. " + caption,
            say="Turn the dials a and b: the tip moves through the span. " + said,
        ):
            self.play(FadeOut(self.pair_card), FadeIn(card), run_time=0.5)
            self.pair_card = card
            moving = self.run_sweep(v, w, GREEN, 5.0)
            self.play(FadeOut(moving), FadeIn(self.lattice), run_time=0.8)

    def parallel_pair(self, v: np.ndarray) -> None:
        u = DEPENDENT_FACTOR * v
        c = fmt(DEPENDENT_FACTOR)
        self.u_arrow = self.view.arrow(u, RED, width=6)
        self.u_label = self.side_label("u", u, self.w_vec, RED)
        self.line = self.view.line_through_origin(v / np.linalg.norm(v), RED)
        self.line.set_stroke(width=3, opacity=0.6).set_z_index(-1)
        self.backdrop(self.line)
        self.a_row, self.b_row = self.dials()
        self.a_row[1].set_value(sweep_coefficients(0.0)[0])
        self.b_row[1].set_value(sweep_coefficients(0.0)[1])
        rows = [
            tex("u", "=", rf"{c}\,v", "=", fmt_vec(u), size=SIZE, color=RED),
            tex(
                r"a\,v + b\,u",
                "=",
                rf"(a {'-' if DEPENDENT_FACTOR < 0 else '+'} {fmt(abs(DEPENDENT_FACTOR))}\,b)\,v",
                size=SIZE,
            ),
            self.a_row,
            self.b_row,
        ]
        card = self.card(self.v_row.copy(), *rows)
        caption, said = span_words(v, u, "vu")
        sign = "−" if DEPENDENT_FACTOR < 0 else "+"
        with self.beat(
            f"Swap w for u = {c} v. Every a v + b u is (a {sign} "
            f"{fmt(abs(DEPENDENT_FACTOR))} b) v, a multiple of v. " + caption,
            say=f"Swap w for u equals {say_sig(DEPENDENT_FACTOR)} v. Every a v plus b u "
            f"is a {'minus' if DEPENDENT_FACTOR < 0 else 'plus'} "
            f"{say_sig(abs(DEPENDENT_FACTOR))} b, times v. " + said,
            chapter="Independence",
        ):
            self.play(
                FadeOut(self.lattice, self.w_arrow, self.w_label, self.pair_card),
                FadeIn(card),
                GrowArrow(self.u_arrow),
                FadeIn(self.u_label),
                run_time=0.8,
            )
            self.pair_card = card
            moving = self.run_sweep(v, u, RED, 4.0)
            self.play(FadeOut(moving), Create(self.line), run_time=0.8)

    def independence(self, v: np.ndarray, w: np.ndarray) -> None:
        c = -DEPENDENT_FACTOR
        scaled = c * v
        # drawn a little to w's side of the line, so the trip reads beside v
        side = np.array([-v[1], v[0]]) / np.linalg.norm(v)
        if side @ w < 0:
            side = -side
        off = side * 0.2 / self.view.unit
        back = self.view.arrow(off, RED, start=scaled + off, width=5)
        scaled_arrow = self.view.arrow(scaled + off, ACCENT, start=off, width=5)
        rows = [
            text("independent:", SMALL, GREEN),
            tex(r"a\,v + b\,w = 0", r"\ \Rightarrow\ ", "a = b = 0", size=SIZE),
            text("dependent:", SMALL, RED),
            tex(rf"{fmt(c)}\,v + u = 0", size=SIZE),
        ]
        card = self.card(*rows)
        with self.beat(
            "So v and w are independent: only a = b = 0 gives a v + b w = 0. v and u "
            f"are dependent: {fmt(c)} v + u = 0, a trip back to the origin.",
            say="So v and w are independent: only a equals b equals zero gives a v "
            "plus b w equals zero. v and u are dependent: "
            f"{say_sig(c)} v plus u is zero, a trip back to the origin.",
        ):
            self.play(FadeOut(self.pair_card), FadeIn(card), run_time=0.6)
            self.pair_card = card
            self.play(GrowArrow(scaled_arrow), run_time=0.8)
            self.play(GrowArrow(back), run_time=0.8)
            self.play(FadeIn(self.w_arrow, self.w_label), run_time=0.6)
        self.trip = VGroup(scaled_arrow, back)

    def basis(self, v: np.ndarray, w: np.ndarray, p: np.ndarray) -> None:
        a, b = coordinates(p, v, w)
        first = self.view.arrow(a * v, ACCENT, width=5, dot=0.06)
        second = self.view.arrow(p, GREEN, start=a * v, width=5, dot=0.06)
        dot = Dot(self.view.point(p), radius=0.09, color=INK)
        p_label = tex("p", size=SIZE + 4, color=INK)
        p_label.next_to(dot, UR if (p[0] >= 0) else UL, buff=0.08)
        rows = [
            text("a basis: v, w", SMALL, INK),
            tex("p", "=", fmt_vec(p), size=SIZE),
            tex(
                "p",
                "=",
                rf"{fmt(a)}\,v",
                "+" if b >= 0 else "-",
                rf"{fmt(abs(b))}\,w",
                size=SIZE,
            ),
            text("coordinates in v, w:", SMALL, MUTED),
            tex(fmt_vec((a, b)), size=SIZE, color=ACCENT),
        ]
        card = self.card(*rows)
        with self.beat(
            "Independent vectors that span the plane are a basis. p = "
            f"{fmt_vec(p)} is {fmt(a)} v {'+' if b >= 0 else '−'} {fmt(abs(b))} w, in "
            f"exactly one way: its coordinates in this basis are {fmt_vec((a, b))}.",
            say="Independent vectors that span the plane are a basis. p, at "
            f"{_say_vec(p)}, is {say_sig(a)} v {'plus' if b >= 0 else 'minus'} "
            f"{say_sig(abs(b))} w, in exactly one way: its coordinates in this basis "
            f"are {_say_vec((a, b))}.",
            chapter="A basis",
        ):
            self.play(
                FadeOut(
                    self.trip, self.u_arrow, self.u_label, self.line, self.pair_card
                ),
                FadeIn(card),
                run_time=0.6,
            )
            self.pair_card = card
            self.play(FadeIn(dot, p_label), run_time=0.5)
            self.play(
                GrowArrow(first) if isinstance(first, Arrow) else FadeIn(first),
                run_time=0.8,
            )
            self.play(
                GrowArrow(second) if isinstance(second, Arrow) else FadeIn(second),
                run_time=0.8,
            )

    # -- chapter: rank ----------------------------------------------------------------
    def show_columns(self, a: np.ndarray) -> None:
        c1, c2 = a[:, 0], a[:, 1]
        pts = np.vstack([c1, c2, -c1, -c2, a @ SAMPLE_X, [1.2, 0], [0, 1.2], [-1, -1]])
        self.view = PlaneView(*fit_view(pts, PLANE_BOX, margin=0.5, max_unit=1.3))
        self.ghost = self.view.plane(opacity=0.3)
        self.plane = self.view.plane()
        self.e1 = self.view.arrow((1, 0), ACCENT, width=6, dot=0.07)
        self.e2 = self.view.arrow((0, 1), GREEN, width=6, dot=0.07)
        self.col_arrows = [
            self.view.arrow(c1, ACCENT, width=6, dot=0.07).set_z_index(1),
            self.view.arrow(c2, GREEN, width=6, dot=0.07),
        ]
        self.e1.set_z_index(1)
        self.a_row = tex("A", "=", tex_matrix(a), size=SIZE, color=PURPLE)
        self.cols_row = tex(
            r"\mathrm{col}_1 = " + fmt_vec(c1),
            r",\ ",
            r"\mathrm{col}_2 = " + fmt_vec(c2),
            size=SIZE,
        )
        self.cols_row[0].set_color(ACCENT)
        self.cols_row[2].set_color(GREEN)
        card = self.card(self.a_row, self.cols_row)
        self.rank_card = card
        with self.beat(
            f"A matrix's columns are vectors too: here {fmt_vec(c1)} and "
            f"{fmt_vec(c2)}, where i-hat and j-hat land.",
            say=f"A matrix's columns are vectors too: here {_say_vec(c1)}, and "
            f"{_say_vec(c2)}, where i-hat and j-hat land.",
            chapter="Rank",
        ):
            self.play(FadeIn(self.ghost), Create(self.plane), run_time=1.0)
            self.play(FadeIn(self.e1, self.e2), FadeIn(card), run_time=0.8)
            self.play(
                TransformFromCopy(self.e1, self.col_arrows[0]),
                TransformFromCopy(self.e2, self.col_arrows[1]),
                run_time=1.0,
            )

    def column_space(self, a: np.ndarray) -> None:
        words = rank_words(a)
        general = tex(r"A x = x_1\,\mathrm{col}_1 + x_2\,\mathrm{col}_2", size=SIZE)
        here = tex(words["formula"], size=SIZE, color=PURPLE)
        x = np.asarray(SAMPLE_X, dtype=float)
        image = column_combination(a, x)
        sample = tex(
            rf"A\,{fmt_vec(x)} = \mathrm{{col}}_1 + \mathrm{{col}}_2 = {fmt_vec(image)}",
            size=SIZE,
        )
        rows = [self.a_row.copy(), self.cols_row.copy(), general, sample]
        if rank(a) == 1:
            rows.append(here)
        card = self.card(*rows)
        # x1 col1, then x2 col2 from its tip: the path to A x, drawn beside the columns
        steps = VGroup(
            self.view.arrow(x[0] * a[:, 0], ACCENT, width=4, dot=0.06),
            self.view.arrow(image, GREEN, start=x[0] * a[:, 0], width=4, dot=0.06),
        ).set_z_index(2)
        end = Dot(self.view.point(image), radius=0.08, color=INK).set_z_index(2)
        with self.beat(
            "Why? A x = x₁ col₁ + x₂ col₂: A's outputs are the columns' span, its "
            "column space. " + words["why"],
            say="Why? A x is x 1 times column 1, plus x 2 times column 2: A's outputs "
            "are the columns' span, its column space. " + words["why_say"],
        ):
            self.play(FadeOut(self.rank_card), FadeIn(card), run_time=0.6)
            self.rank_card = card
            self.play(
                *(a_.animate.set_stroke(width=10) for a_ in self.col_arrows),
                run_time=0.8,
                rate_func=there_and_back,
            )
            self.play(FadeIn(steps[0]), run_time=0.6)
            self.play(FadeIn(steps[1]), FadeIn(end), run_time=0.6)
        self.sample_path = VGroup(steps, end)

    def squash(self, a: np.ndarray) -> None:
        words = rank_words(a)
        r = rank(a)
        rank_row = tex(r"\mathrm{rank}\,A", "=", str(r), size=SIZE + 6, color=ACCENT)
        with self.beat(words["key"], say=words["key_say"], key=True):
            self.play(FadeOut(*self.col_arrows, self.sample_path), run_time=0.3)
            self.play(
                ApplyMatrix(a, self.plane, about_point=self.view.origin),
                Transform(self.e1, self.col_arrows[0]),
                Transform(self.e2, self.col_arrows[1]),
                run_time=3.0,
            )
            rank_card = panel(rank_row, buff=0.2)
            rank_card.next_to(self.rank_card, DOWN, buff=0.25).align_to(
                self.rank_card, LEFT
            )
            self.play(FadeIn(rank_card, shift=0.2 * UP), run_time=0.6)
            self.wait(1.5)
        self.rank_row = rank_row

    # -- chapter: in machine learning ------------------------------------------------
    def show_features(self) -> None:
        x = copied_features()
        r = rank(x)
        self.x_row = tex("X", "=", tex_matrix(x), size=SIZE)
        self.y_row = tex("y", "=", tex_matrix(np.asarray(TARGET)), size=SIZE)
        rank_row = tex(r"\mathrm{rank}\,X", "=", str(r), size=SIZE, color=ACCENT)
        heading = text("size, and size again:", SMALL, MUTED)
        top = VGroup(self.x_row, self.y_row).arrange(RIGHT, buff=0.5)
        body = VGroup(heading, top, rank_row).arrange(DOWN, buff=0.2)
        self.data_card = panel(body, buff=0.2)
        self.data_card.move_to([ML_LEFT, TOP, 0], aligned_edge=LEFT + UP)
        with self.beat(
            "In machine learning, X's columns are features. Record one feature twice "
            f"and the columns are equal: rank X = {r}, not 2.",
            say="In machine learning, X's columns are features. Record one feature "
            f"twice and the columns are equal: the rank of X is {r}, not 2.",
            chapter="In machine learning",
        ):
            self.play(FadeIn(self.data_card[0], heading, top), run_time=0.8)
            self.play(Indicate(self.x_row[2], color=ACCENT), run_time=1.0)
            self.play(FadeIn(rank_row), run_time=0.5)

    def same_predictions(self) -> None:
        x = copied_features()
        s = fitted_sum()
        ends = np.array([[s + ML_REACH, -ML_REACH], [-ML_REACH, s + ML_REACH]])
        box = Box(-7.0, ML_LEFT - 0.3, BOTTOM, TOP)
        self.view = PlaneView(*fit_view(ends, box, margin=0.45, max_unit=1.0))
        plane = self.view.plane(opacity=0.6)
        line = Line(
            self.view.point(ends[0]), self.view.point(ends[1]), color=ACCENT
        ).set_stroke(width=4)
        t = ValueTracker(s)  # w1 along the line; w2 = s - w1

        def weights() -> np.ndarray:
            return np.array([t.get_value(), s - t.get_value()])

        arrow = always_redraw(
            lambda: self.view.arrow(weights(), PURPLE, width=5, dot=0.07)
        )
        w1_row = readout("w_1 =", 2, PURPLE, SIZE)
        w2_row = readout("w_2 =", 2, PURPLE, SIZE)
        w1_row[1].add_updater(lambda m: m.set_value(weights()[0]))
        w2_row[1].add_updater(lambda m: m.set_value(weights()[1]))
        nums = VGroup(
            *(
                DecimalNumber(q, num_decimal_places=1, font_size=SIZE, color=INK)
                for q in predictions(x, weights())
            )
        ).arrange(RIGHT, buff=0.3)
        for i, num in enumerate(nums):
            num.add_updater(lambda m, i=i: m.set_value(predictions(x, weights())[i]))
        pred_row = VGroup(tex(r"X w =", size=SIZE), nums).arrange(RIGHT, buff=0.25)
        dial = VGroup(w1_row, w2_row).arrange(RIGHT, buff=0.5)
        sum_row = tex(rf"w_1 + w_2 = {fmt(s)}", size=SIZE, color=ACCENT)
        body = VGroup(sum_row, dial, pred_row).arrange(
            DOWN, aligned_edge=LEFT, buff=0.25
        )
        live = panel(body, buff=0.2)
        live.next_to(self.data_card, DOWN, buff=0.25).align_to(self.data_card, LEFT)
        names = VGroup(
            tex("w_1", size=SIZE, color=MUTED).next_to(
                self.view.point((s + ML_REACH, 0)), UP, buff=0.15
            ),
            tex("w_2", size=SIZE, color=MUTED).next_to(
                self.view.point((0, s + ML_REACH)), RIGHT, buff=0.15
            ),
        )
        with self.beat(
            "Then X w = (w₁ + w₂) times the feature: every w on the line w₁ + w₂ = "
            f"{fmt(s)} makes the same predictions. The best weights are not unique.",
            say="Then X w is w 1 plus w 2, times the feature: every w on the line w 1 "
            f"plus w 2 equals {say_sig(s)} makes the same predictions. The best "
            "weights are not unique.",
        ):
            self.play(FadeIn(plane), FadeIn(names), Create(line), run_time=1.0)
            self.add(arrow)
            self.play(FadeIn(live), run_time=0.5)
            self.play(t.animate.set_value(s + ML_REACH), run_time=1.5)
            self.play(t.animate.set_value(-ML_REACH), run_time=3.0)
        arrow.clear_updaters()
        # the readouts keep following the tracker through the next beat
        self.readouts = [w1_row[1], w2_row[1], *nums]
        self.w_tracker, self.weights_fn, self.arrow = t, weights, arrow
        self.live = live

    def shortest_fit(self) -> None:
        w = shortest_weights(copied_features())
        arrow = always_redraw(
            lambda: self.view.arrow(self.weights_fn(), PURPLE, width=5, dot=0.07)
        )
        self.remove(self.arrow)
        self.add(arrow)
        right = RightAngle(
            Line(self.view.point(w), self.view.origin),
            Line(self.view.point(w), self.view.point(w + np.array([1.0, -1.0]))),
            length=0.22,
            color=INK,
        )
        row = tex(r"\text{shortest: } w", "=", fmt_vec(w), size=SIZE, color=ACCENT)
        card = panel(row, buff=0.2)
        card.next_to(self.live, DOWN, buff=0.25).align_to(self.live, LEFT)
        with self.beat(
            f"NumPy's least squares returns the shortest, {fmt_vec(w)}, nearest the "
            "origin. Better still: drop the copy.",
            say=f"Num pie's least squares returns the shortest, {_say_vec(w)}, nearest "
            "the origin. Better still: drop the copy.",
        ):
            self.play(self.w_tracker.animate.set_value(w[0]), run_time=1.5)
            self.play(Create(right), FadeIn(card), run_time=0.8)
        for m in (arrow, *self.readouts):
            m.clear_updaters()

    # -- recap ------------------------------------------------------------------------
    def recap(self, a: np.ndarray) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.6)
        self.clear()
        box = PLANE_BOX._replace(bottom=CONTENT_BOTTOM + 1.0)
        c1, c2 = a[:, 0], a[:, 1]
        pts = np.vstack([c1, c2, -c1, -c2, a @ SAMPLE_X, [1.2, 0], [0, 1.2], [-1, -1]])
        self.view = PlaneView(*fit_view(pts, box, margin=0.5, max_unit=1.3))
        ghost = self.view.plane(opacity=0.3)
        plane = self.view.plane()
        plane.apply_matrix(a, about_point=self.view.origin)
        cols = [
            self.view.arrow(c1, ACCENT, width=6, dot=0.07).set_z_index(1),
            self.view.arrow(c2, GREEN, width=6, dot=0.07),
        ]
        rank_row = tex(
            r"\mathrm{rank}\,A", "=", str(rank(a)), size=SIZE + 6, color=ACCENT
        )
        card = self.card(
            tex("A", "=", tex_matrix(a), size=SIZE, color=PURPLE), rank_row
        )
        picture = [ghost, plane, *cols, card]
        self.play(*(FadeIn(m) for m in picture), run_time=0.8)
        self.recap_over(
            picture,
            "Span: every a v + b w. Basis: each point once. Rank: the dimension of "
            "the column space, what A can output.",
            say="Span: every a v plus b w. Basis: each point once. Rank: the "
            "dimension of the column space, what A can output.",
        )


def _say_vec(v: VectorLike) -> str:
    return " comma ".join(say_sig(x) for x in v)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on coordinates in a basis, independence, rank and copied features.

    Four exercises: the coordinates of a point in a basis (:func:`coordinates`);
    whether two vectors are independent (:func:`rank`); the rank of a 2x2
    matrix (:func:`rank`); and the second weight that keeps a model's
    predictions when one feature is a multiple of the other (:func:`predictions`).
    """
    rng = np.random.default_rng(seed)
    vec = fmt_vec
    while True:
        v = rng.integers(-3, 4, size=2).astype(float)
        w = rng.integers(-3, 4, size=2).astype(float)
        if rank(np.column_stack([v, w])) == 2:
            break
    ab = rng.integers(-3, 4, size=2).astype(float)
    p = combination(ab[0], ab[1], v, w)
    coords = coordinates(p, v, w)

    first = rng.integers(-4, 5, size=2).astype(float)
    while not np.any(first):
        first = rng.integers(-4, 5, size=2).astype(float)
    if rng.random() < 0.5:
        second = float(rng.choice([-2, -1, 2, 3])) * first
    else:
        while True:
            second = rng.integers(-4, 5, size=2).astype(float)
            if np.any(second) and rank(np.column_stack([first, second])) == 2:
                break
    kinds = ("independent: they span the plane", "dependent: they span only a line")
    indep = kinds[0] if rank(np.column_stack([first, second])) == 2 else kinds[1]

    if rng.random() < 0.5:
        col = rng.integers(-3, 4, size=2).astype(float)
        while not np.any(col):
            col = rng.integers(-3, 4, size=2).astype(float)
        k = float(rng.choice([-2, -1, 2, 3]))
        m = np.column_stack([col, k * col])
    else:
        while True:
            m = rng.integers(-3, 4, size=(2, 2)).astype(float)
            if rank(m) == 2:
                break
    r = rank(m)

    c = float(rng.choice([2, 3, -1, 0.5]))
    feature = rng.integers(1, 6, size=3).astype(float)
    x = np.column_stack([feature, c * feature])
    w0 = rng.integers(-3, 4, size=2).astype(float)
    new_w1 = float(w0[0] + rng.choice([-2, -1, 1, 2]))
    # predictions depend only on w1 + c w2
    new_w2 = (w0[0] + c * w0[1] - new_w1) / c
    assert np.allclose(predictions(x, w0), predictions(x, (new_w1, new_w2)))
    return [
        Exercise(
            id="span-basis-rank-1",
            prompt=(
                f"In the basis $v = {vec(v)}$, $w = {vec(w)}$, what are the coordinates "
                f"$(a, b)$ of $p = {vec(p)}$, so that $p = a\\,v + b\\,w$?"
            ),
            kind="vector",
            answer=tuple(coords),
            tolerance=0.005,
            hint="Write a v + b w = p as two equations, one per component, and solve.",
            solution=(
                f"${fmt(coords[0])} \\cdot {vec(v)} + {fmt(coords[1])} \\cdot {vec(w)} = "
                f"{vec(p)}$, and as v, w are a basis this is the only pair."
            ),
        ),
        Exercise(
            id="span-basis-rank-2",
            prompt=(f"Are $v = {vec(first)}$ and $u = {vec(second)}$ independent?"),
            kind="choice",
            answer=indep,
            choices=kinds,
            hint="Is one a multiple of the other? Check v₁u₂ − v₂u₁.",
            solution=(
                f"$v_1 u_2 - v_2 u_1 = {fmt(first[0] * second[1] - first[1] * second[0])}$: "
                + (
                    "not 0, so neither is a multiple of the other."
                    if indep == kinds[0]
                    else "0, so they are parallel."
                )
            ),
        ),
        Exercise(
            id="span-basis-rank-3",
            prompt=f"What is the rank of $A = {tex_matrix(m)}$?",
            kind="number",
            answer=float(r),
            tolerance=0.0,
            hint="How many independent columns does A have?",
            solution=(
                "Its columns point different ways: rank 2."
                if r == 2
                else "Its second column is a multiple of its first: rank 1."
            ),
        ),
        Exercise(
            id="span-basis-rank-4",
            prompt=(
                f"A linear model uses the features $X = {tex_matrix(x)}$ (the second "
                f"column is {fmt(c)} times the first) with weights $w = {vec(w0)}$. "
                f"Keeping every prediction $X w$ the same, what must $w_2$ be if "
                f"$w_1 = {fmt(new_w1)}$?"
            ),
            kind="number",
            answer=new_w2,
            tolerance=0.005,
            hint="X w = (w₁ + c w₂) times the first column: keep w₁ + c w₂ fixed.",
            solution=(
                f"$w_1 + {fmt(c)}\\,w_2$ must stay ${fmt(w0[0] + c * w0[1])}$, so "
                f"$w_2 = ({fmt(w0[0] + c * w0[1])} - {fmt(new_w1)}) / {fmt(c)} = {fmt(new_w2, 3)}$."
            ),
        ),
    ]
