"""Principal component analysis: the directions in which data varies most.

A seeded cloud of correlated 2-D points (drawn from a given covariance around a
fixed mean) is centred by subtracting its mean; its sample covariance matrix
``C = X^T X / (n - 1)`` holds the variances and the covariance; the
eigenvectors of C are the principal axes, drawn two standard deviations
(``2 sqrt(variance)``) long; projecting every point onto the first axis turns
two numbers per point into one while keeping the explained variance ratio
``lambda1 / (lambda1 + lambda2)`` of the spread.

Sign convention: the first component points right (up when vertical); the
second is the first turned 90 degrees counter-clockwise. The numbers on screen
come from the pure functions below, which the tests check on their own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    NumberLine,
    Rectangle,
    ReplacementTransform,
    Rotate,
    Transform,
    VGroup,
    config,
)

from mathreel.core.params import Int, Matrix, Seed
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_vec, say_num, say_vec, tex_matrix
from scenes.style import (
    ACCENT,
    BLUE,
    BODY,
    CONTENT_BOTTOM,
    GREEN,
    INK,
    MUTED,
    ORANGE,
    RED,
    SMALL,
    CourseLesson,
    panel,
    tex,
    text,
)

__all__ = [
    "MAX_VARIANCE",
    "MEAN",
    "PCA",
    "Analysis",
    "analyse",
    "centre",
    "components",
    "covariance",
    "covariance_problem",
    "explained_ratio",
    "percent",
    "practice",
    "project",
    "sample",
    "view_box",
]

#: The mean of the generated cloud, away from the origin so centring shows.
MEAN = np.array([2.0, 1.5])
#: Largest variance the lesson can draw on screen.
MAX_VARIANCE = 9.0
#: Principal-axis arrows are this many standard deviations long.
SDS = 2.0


# -- the math ------------------------------------------------------------------------


def sample(seed: int, n: int, cov: np.ndarray, mean: np.ndarray = MEAN) -> np.ndarray:
    """``n`` points ``(n, 2)`` drawn from the normal with ``mean`` and ``cov``."""
    rng = np.random.default_rng(seed)
    factor = np.linalg.cholesky(np.asarray(cov, dtype=float))
    return np.asarray(mean, dtype=float) + rng.standard_normal((n, 2)) @ factor.T


def centre(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(mean, points - mean)``."""
    pts = np.asarray(points, dtype=float)
    mean = pts.mean(axis=0)
    return mean, pts - mean


def covariance(centred: np.ndarray) -> np.ndarray:
    """The sample covariance ``X^T X / (n - 1)`` of centred points."""
    x = np.asarray(centred, dtype=float)
    return x.T @ x / (len(x) - 1)


def components(cov: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(variances, axes)``: eigenvalues largest first, unit eigenvectors as rows.

    The first axis points right (up if vertical); the second is the first turned
    90 degrees counter-clockwise, so the two form a rotation.
    """
    values, vectors = np.linalg.eigh(np.asarray(cov, dtype=float))
    order = np.argsort(values)[::-1]
    values = values[order]
    first = vectors[:, order[0]]
    if first[0] < -1e-12 or (abs(first[0]) <= 1e-12 and first[1] < 0):
        first = -first
    second = np.array([-first[1], first[0]])
    return values, np.vstack([first, second])


def explained_ratio(variances: np.ndarray) -> np.ndarray:
    """Each component's share of the total variance; they sum to 1."""
    v = np.asarray(variances, dtype=float)
    return v / v.sum()


def project(centred: np.ndarray, axis: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(scores, points)``: each point's coordinate along ``axis``, and its foot."""
    scores = np.asarray(centred, dtype=float) @ np.asarray(axis, dtype=float)
    return scores, np.outer(scores, axis)


def percent(ratio: float) -> str:
    """A share as shown: ``93.2`` (one decimal, for a percent sign after it)."""
    return fmt(100 * float(ratio), 1)


@dataclass(frozen=True)
class Analysis:
    """Everything the lesson shows about one cloud."""

    points: np.ndarray
    mean: np.ndarray
    centred: np.ndarray
    cov: np.ndarray
    variances: np.ndarray
    axes: np.ndarray
    ratios: np.ndarray
    scores: np.ndarray
    projected: np.ndarray


def analyse(seed: int, n: int, cov: np.ndarray) -> Analysis:
    """Sample the cloud and run PCA on it."""
    points = sample(seed, n, cov)
    mean, centred = centre(points)
    c = covariance(centred)
    variances, axes = components(c)
    scores, projected = project(centred, axes[0])
    return Analysis(
        points,
        mean,
        centred,
        c,
        variances,
        axes,
        explained_ratio(variances),
        scores,
        projected,
    )


def view_box(*clouds: np.ndarray) -> tuple[float, float, float, float]:
    """Whole-number data bounds ``(x0, y0, x1, y1)`` holding every point and 0."""
    pts = np.vstack([np.asarray(c, dtype=float).reshape(-1, 2) for c in clouds])
    lo = np.floor(np.minimum(pts.min(axis=0), 0) - 0.3)
    hi = np.ceil(np.maximum(pts.max(axis=0), 0) + 0.3)
    return float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])


def covariance_problem(m: np.ndarray) -> str | None:
    """Why ``m`` is not a usable covariance matrix (a requirement), or None."""
    a = np.asarray(m, dtype=float)
    if abs(a[0, 1] - a[1, 0]) > 1e-9:
        return (
            f"it is not symmetric ({fmt(a[0, 1])} above the diagonal, "
            f"{fmt(a[1, 0])} below), and a covariance matrix always is"
        )
    smallest = float(np.linalg.eigvalsh(a)[0])
    if smallest <= 1e-9:
        return (
            f"it is not positive definite (an eigenvalue is {fmt(smallest, 3)}), "
            "so some direction would have zero or negative variance"
        )
    if max(a[0, 0], a[1, 1]) > MAX_VARIANCE:
        return f"variances above {fmt(MAX_VARIANCE)} do not fit on screen"
    return None


# -- the lesson --------------------------------------------------------------------

#: Where the axes go, in scene units: right of the panel, above the captions.
AXES_BOX = (-1.9, CONTENT_BOTTOM + 0.15, config.frame_width / 2 - 0.3, 3.85)
AXIS_COLORS = (ACCENT, GREEN)


class PCA(CourseLesson):
    """Centre, covariance, principal axes, projection, explained variance."""

    params = {
        "seed": Seed(0, help="random seed of the point cloud"),
        "points": Int(100, lo=20, hi=300, help="number of points in the cloud"),
        "covariance": Matrix(
            [[3, 1.8], [1.8, 1.6]],
            help="covariance the cloud is drawn from (symmetric positive definite)",
            require=[covariance_problem],
        ),
    }

    def construct(self) -> None:
        args = self.args
        self.pca = analyse(args.seed, args.points, args.covariance)
        self.setup_view()
        self.title_card(
            "Principal component analysis", "Which directions in data matter most?"
        )
        self.show_cloud()
        self.centre_cloud()
        self.show_covariance()
        self.first_axis()
        self.second_axis()
        self.project_points()
        self.one_number()
        self.explained()
        self.why_compress()
        self.recap(
            [
                "Centre the data, then find its covariance matrix.",
                "The eigenvectors of the covariance are the principal axes.",
                "Each eigenvalue is the variance along its axis.",
                "Projecting onto the top axes keeps most of the variance in fewer numbers.",
            ],
            "PCA compresses features before training, and draws high-dimensional "
            "data such as embeddings in 2-D.",
        )

    # -- view ------------------------------------------------------------------
    def setup_view(self) -> None:
        p = self.pca
        ends = [
            SDS * math.sqrt(v) * ax for v, ax in zip(p.variances, p.axes, strict=True)
        ]
        self.bounds = view_box(p.points, p.centred, np.array(ends))
        x0, y0, x1, y1 = self.bounds
        bx0, by0, bx1, by1 = AXES_BOX
        self.unit = min((bx1 - bx0) / (x1 - x0), (by1 - by0) / (y1 - y0))
        step = 1 if self.unit > 0.4 else 2
        self.axes = Axes(
            x_range=[x0, x1, step],
            y_range=[y0, y1, step],
            x_length=(x1 - x0) * self.unit,
            y_length=(y1 - y0) * self.unit,
            tips=False,
            axis_config={"stroke_color": MUTED, "stroke_width": 2},
        )
        self.axes.move_to([(bx0 + bx1) / 2, (by0 + by1) / 2, 0])
        self.origin = self.axes.c2p(0, 0)

    def at(self, xy: np.ndarray) -> np.ndarray:
        return self.axes.c2p(float(xy[0]), float(xy[1]))

    def dots(self, points: np.ndarray, color: str = BLUE) -> VGroup:
        radius = 0.06 if len(points) <= 120 else 0.045
        return VGroup(
            *(
                Dot(self.at(p), radius=radius, color=color, fill_opacity=0.85)
                for p in points
            )
        )

    def side_panel(self, *rows) -> VGroup:
        card = panel(VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.28))
        return card.to_corner(UL, buff=0.3).set_z_index(10)

    def grow_panel(self, *rows) -> None:
        """Add rows to the side panel."""
        kept = [row.copy() for row in self.info[1]] if self.info else []
        grown = self.side_panel(*kept, *rows)
        if self.info:
            self.play(ReplacementTransform(self.info, grown), run_time=0.7)
        else:
            self.play(FadeIn(grown), run_time=0.7)
        self.info = grown

    def axis_arrow(self, k: int) -> Arrow:
        p = self.pca
        end = SDS * math.sqrt(p.variances[k]) * p.axes[k]
        return Arrow(
            self.origin,
            self.at(end),
            buff=0,
            color=AXIS_COLORS[k],
            stroke_width=7,
            max_tip_length_to_length_ratio=0.3,
            tip_length=0.26,
        )

    def axis_line(self) -> Line:
        """The first principal axis, a little beyond the projected points."""
        d = self.pca.axes[0]
        lo, hi = float(self.pca.scores.min()), float(self.pca.scores.max())
        return Line(
            self.at((lo - 0.6) * d),
            self.at((hi + 0.6) * d),
            color=AXIS_COLORS[0],
            stroke_width=3,
            stroke_opacity=0.7,
        )

    # -- chapter: the data ----------------------------------------------------------
    def show_cloud(self) -> None:
        p = self.pca
        self.info = None
        self.cloud = self.dots(p.points)
        labels = VGroup(
            tex("x", size=34, color=MUTED).next_to(self.axes.x_axis, RIGHT, buff=0.1),
            tex("y", size=34, color=MUTED).next_to(self.axes.y_axis, UP, buff=0.1),
        )
        if labels[0].get_right()[0] > config.frame_width / 2 - 0.1:
            labels[0].next_to(self.axes.x_axis.get_end(), UP, buff=0.1)
        if labels[1].get_top()[1] > config.frame_height / 2 - 0.1:
            labels[1].next_to(self.axes.y_axis.get_end(), RIGHT, buff=0.1)
        self.axis_labels = labels
        with self.beat(
            f"Here are {len(p.points)} data points, each with two measurements, x and y. "
            "They are correlated: when x is large, y tends to be large too.",
            chapter="The data",
        ):
            self.play(Create(self.axes), FadeIn(labels), run_time=1)
            self.play(FadeIn(self.cloud, lag_ratio=0.02), run_time=1.5)
            self.grow_panel(text(f"{len(p.points)} points", SMALL, MUTED))

    def centre_cloud(self) -> None:
        p = self.pca
        mean_dot = Dot(self.at(p.mean), radius=0.1, color=RED)
        row = tex(r"\bar{x}", "=", tex_matrix(p.mean), size=34)
        row[0].set_color(RED)
        with self.beat(
            f"First, centre the data: subtract the mean, {fmt_vec(p.mean)}, from "
            "every point, so the cloud sits on the origin.",
            say=f"First, centre the data: subtract the mean, {say_vec(p.mean)}, from "
            "every point, so the cloud sits on the origin.",
        ):
            self.play(FadeIn(mean_dot, scale=2), run_time=0.6)
            self.grow_panel(row)
            shift = self.origin - self.at(p.mean)
            self.play(
                self.cloud.animate.shift(shift),
                mean_dot.animate.move_to(self.origin),
                run_time=2,
            )
            self.play(FadeOut(mean_dot), run_time=0.4)

    # -- chapter: covariance --------------------------------------------------------
    def show_covariance(self) -> None:
        c = self.pca.cov
        row = tex("C", "=", r"\tfrac{1}{n-1} X^T X", "=", tex_matrix(c), size=34)
        row[0].set_color(ACCENT)
        with self.beat(
            f"The covariance matrix sums up the spread: the variances of x and y, "
            f"{fmt(c[0, 0])} and {fmt(c[1, 1])}, on its diagonal, and their "
            f"covariance, {fmt(c[0, 1])}, off it.",
            say=f"The covariance matrix sums up the spread: the variances of x and y, "
            f"{say_num(c[0, 0])} and {say_num(c[1, 1])}, on its diagonal, and their "
            f"covariance, {say_num(c[0, 1])}, off it.",
        ):
            self.grow_panel(row)

    # -- chapter: principal axes ------------------------------------------------------
    def axis_row(self, k: int) -> object:
        p = self.pca
        row = tex(
            rf"\lambda_{k + 1} = {fmt(p.variances[k])}",
            r",\;",
            rf"w_{k + 1} = {tex_matrix(p.axes[k])}",
            size=34,
            color=AXIS_COLORS[k],
        )
        return row

    def first_axis(self) -> None:
        p = self.pca
        self.arrows = [self.axis_arrow(0)]
        with self.beat(
            "Its eigenvectors are the principal axes. The first points where the "
            f"data spreads most; its eigenvalue, {fmt(p.variances[0])}, is the "
            "variance along it.",
            say="Its eigenvectors are the principal axes. The first points where the "
            f"data spreads most; its eigenvalue, {say_num(p.variances[0])}, is the "
            "variance along it.",
            chapter="Principal axes",
            key=True,
        ):
            self.play(
                self.cloud.animate.set_opacity(0.45),
                GrowArrow(self.arrows[0]),
                run_time=1,
            )
            self.grow_panel(self.axis_row(0))

    def second_axis(self) -> None:
        p = self.pca
        self.arrows.append(self.axis_arrow(1))
        with self.beat(
            "The second is perpendicular to it, with variance only "
            f"{fmt(p.variances[1])}. Each arrow is two standard deviations long: "
            "twice the square root of its variance.",
            say="The second is perpendicular to it, with variance only "
            f"{say_num(p.variances[1])}. Each arrow is two standard deviations long: "
            "twice the square root of its variance.",
        ):
            self.play(GrowArrow(self.arrows[1]), run_time=1)
            self.grow_panel(self.axis_row(1))

    # -- chapter: projection ------------------------------------------------------------
    def project_points(self) -> None:
        p = self.pca
        self.line = self.axis_line()
        drops = VGroup(
            *(
                Line(
                    self.at(a),
                    self.at(b),
                    color=MUTED,
                    stroke_width=1.5,
                    stroke_opacity=0.7,
                )
                for a, b in zip(p.centred, p.projected, strict=True)
            )
        )
        feet = self.dots(p.projected, ORANGE)
        with self.beat(
            "Now keep only the first axis: slide every point straight onto it.",
            chapter="Projection",
        ):
            self.play(Create(self.line), FadeOut(self.arrows[1]), run_time=0.8)
            self.play(Create(drops), run_time=1)
            self.play(Transform(self.cloud, feet), run_time=2)
            self.play(FadeOut(drops), run_time=0.5)

    def one_number(self) -> None:
        p = self.pca
        angle = math.atan2(p.axes[0][1], p.axes[0][0])
        lo, hi = float(p.scores.min()), float(p.scores.max())
        note = tex(
            r"z = w_1 \cdot (x - \bar{x})",
            size=34,
        )
        card = panel(
            VGroup(
                note,
                text("one number per point", SMALL, MUTED),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        )
        card.next_to(self.info, DOWN, buff=0.3, aligned_edge=LEFT).set_z_index(10)
        kept = self.side_panel(self.axis_row(0), self.axis_row(1))
        card.next_to(kept, DOWN, buff=0.3, aligned_edge=LEFT)
        group = VGroup(self.cloud, self.line, self.arrows[0])
        # after the turn the line is horizontal through the origin: centre it
        middle = self.origin[0] + (lo + hi) / 2 * self.unit
        shift = (AXES_BOX[0] + AXES_BOX[2]) / 2 - middle
        step = 1 if self.unit >= 0.7 else (2 if self.unit >= 0.3 else 5)
        self.z_line = NumberLine(
            x_range=[step * math.floor(lo / step), step * math.ceil(hi / step), step],
            unit_size=self.unit,
            include_numbers=True,
            font_size=30,
            color=MUTED,
            stroke_width=2,
            decimal_number_config={"num_decimal_places": 0, "color": MUTED},
        )
        self.z_line.shift(
            self.origin + shift * RIGHT + 0.45 * DOWN - self.z_line.n2p(0)
        )
        self.z_name = tex("z", size=38, color=ORANGE).next_to(
            self.z_line.n2p(self.z_line.x_range[1]), RIGHT, buff=0.25
        )
        with self.beat(
            f"Each point is now a single number z, its position along the axis, from "
            f"{fmt(lo, 1)} to {fmt(hi, 1)}. Two numbers per point became one.",
            say=f"Each point is now a single number, z, its position along the axis, "
            f"from {say_num(lo, 1)} to {say_num(hi, 1)}. Two numbers per point became one.",
        ):
            self.play(
                FadeOut(self.axes, self.axis_labels),
                ReplacementTransform(self.info, kept),
                run_time=0.6,
            )
            self.info = kept
            self.play(Rotate(group, -angle, about_point=self.origin), run_time=2)
            self.play(group.animate.shift(shift * RIGHT), run_time=0.6)
            self.play(FadeIn(self.z_line, self.z_name), FadeIn(card), run_time=0.6)
        self.z_card = card

    def explained(self) -> None:
        p = self.pca
        r1, r2 = p.ratios
        formula = tex(
            r"\frac{\lambda_1}{\lambda_1 + \lambda_2}",
            "=",
            rf"\frac{{{fmt(p.variances[0])}}}{{{fmt(p.variances[0])} + {fmt(p.variances[1])}}}",
            "=",
            rf"{percent(r1)}\%",
            size=34,
        )
        formula[4].set_color(ACCENT)
        bars = self.bars = self.ratio_bars()
        block = VGroup(formula, bars).arrange(DOWN, buff=0.35)
        card = panel(block).next_to(self.info, DOWN, buff=0.3, aligned_edge=LEFT)
        card.set_z_index(10)
        with self.beat(
            f"How much did we keep? The first axis explains {percent(r1)} percent of "
            f"the variance; only {percent(r2)} percent, the spread along the second "
            "axis, was lost.",
        ):
            self.play(ReplacementTransform(self.z_card, card), run_time=1)

    def ratio_bars(self) -> VGroup:
        """Two horizontal bars, as long as each explained variance ratio."""
        full = 2.4
        rows = []
        for k, r in enumerate(self.pca.ratios):
            bar = Rectangle(
                width=max(full * r, 0.02),
                height=0.28,
                stroke_width=0,
                fill_color=AXIS_COLORS[k],
                fill_opacity=0.9,
            )
            track = Rectangle(
                width=full, height=0.28, stroke_color=MUTED, stroke_width=1
            )
            bar.align_to(track, LEFT)
            name = text(f"PC{k + 1}", SMALL, AXIS_COLORS[k])
            value = text(f"{percent(r)}%", SMALL, INK)
            rows.append(
                VGroup(name, VGroup(track, bar), value).arrange(RIGHT, buff=0.2)
            )
        return VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.15)

    def why_compress(self) -> None:
        r1 = self.pca.ratios[0]
        takeaway = VGroup(
            text("2 numbers per point → 1", BODY, ACCENT),
            text(f"{percent(r1)}% of the variance kept", BODY, ACCENT),
        ).arrange(DOWN, buff=0.2)
        takeaway.move_to([(AXES_BOX[0] + AXES_BOX[2]) / 2, self.origin[1] + 1.5, 0])
        with self.beat(
            "That is why PCA compresses. Real data has many features, and a few "
            "principal components often keep most of the variance: store those few "
            "numbers per point, drop the rest.",
        ):
            self.play(FadeIn(takeaway, shift=0.2 * UP), run_time=0.8)
            self.play(Indicate(self.bars[0], color=ACCENT), run_time=1.2)
        self.play(FadeOut(*self.mobjects), run_time=0.6)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: Unit axes with short decimals (first axis pointing right, as :func:`components` returns it).
_PRACTICE_AXES = ((1.0, 0.0), (0.6, 0.8), (0.8, 0.6), (0.6, -0.8), (0.8, -0.6))


def practice(seed: int) -> list[Exercise]:
    """Exercises on principal components, numbers drawn from ``seed``.

    A covariance matrix ``R diag(l1, l2) R^T`` with whole-number variances and a
    3-4-5 axis. Four exercises: the variance along the first component and its
    share (:func:`components`, :func:`explained_ratio`); the first axis
    (:func:`components`); and a point's score along it (:func:`project`).
    """
    rng = np.random.default_rng(seed)
    fmt, vec, tex = kit_numbers.fmt, kit_numbers.fmt_vec, kit_numbers.tex_matrix
    while True:
        c, s = _PRACTICE_AXES[int(rng.integers(len(_PRACTICE_AXES)))]
        big, small = sorted(
            rng.choice([1.0, 2.0, 3.0, 4.0, 5.0], size=2, replace=False)
        )[::-1]
        r = np.array([[c, -s], [s, c]])
        cov = np.round(r @ np.diag([big, small]) @ r.T, 2) + 0.0
        if covariance_problem(cov) is None:
            break
    variances, axes = components(cov)
    share = explained_ratio(variances)[0]
    point = rng.integers(-3, 4, size=2).astype(float)
    scores, _ = project(point[None, :], axes[0])
    return [
        Exercise(
            id="pca-1",
            prompt=(
                f"Data have covariance matrix $\\Sigma = {tex(cov)}$. What share of the "
                "total variance does the first principal component explain?"
            ),
            kind="number",
            answer=share,
            tolerance=0.005,
            percent=True,
            hint="The variances along the components are the eigenvalues of Σ; the total is its trace.",
            solution=(
                f"The eigenvalues are ${fmt(variances[0])}$ and ${fmt(variances[1])}$, so the "
                f"share is ${fmt(variances[0])} / {fmt(variances.sum())} = {fmt(share, 3)}$."
            ),
        ),
        Exercise(
            id="pca-2",
            prompt=(
                f"For $\\Sigma = {tex(cov)}$, what is the first principal axis, as a unit "
                "vector pointing right (up, if it is vertical)?"
            ),
            kind="vector",
            answer=axes[0],
            tolerance=0.005,
            hint="It is the eigenvector of Σ with the largest eigenvalue, scaled to length 1.",
            solution=(
                f"$\\Sigma {vec(axes[0])}^\\top = {vec(cov @ axes[0])}^\\top = "
                f"{fmt(variances[0])} \\cdot {vec(axes[0])}^\\top$: the axis is ${vec(axes[0])}$."
            ),
        ),
        Exercise(
            id="pca-3",
            prompt=(
                f"The first principal axis is $a = {vec(axes[0])}$. A centred data point is "
                f"$x = {vec(point)}$. What is its score (coordinate) along a?"
            ),
            kind="number",
            answer=scores[0],
            tolerance=0.005,
            hint="The score is the dot product with the unit axis.",
            solution=(
                f"$a \\cdot x = {fmt(axes[0][0])} \\cdot {kit_numbers.factor(fmt(point[0]))} + "
                f"{fmt(axes[0][1])} \\cdot {kit_numbers.factor(fmt(point[1]))} = {fmt(scores[0])}$."
            ),
        ),
    ]
