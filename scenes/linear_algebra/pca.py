"""Principal component analysis: the directions in which data varies most.

A seeded cloud of correlated 2-D points (drawn from a given covariance around a
fixed mean) is centred by subtracting its mean; its sample covariance matrix
``C = X^T X / (n - 1)`` holds the variances and the covariance. The why beat
sweeps a candidate line through the centre, projects every point onto it and
plots the projected variance against the line's angle: the curve peaks at the
top eigenvector's angle with height the top eigenvalue, and the formula
``lambda1 cos^2(theta - theta1) + lambda2 sin^2(theta - theta1)`` (``u^T C u``
with ``u`` written in the eigenvector basis) is drawn over the measured curve.
Projecting every point onto the first axis turns two numbers per point into
one while keeping the explained variance ratio ``lambda1 / (lambda1 +
lambda2)``; the machine-learning beat decodes those single numbers back to
points and shows the misses average (over ``n - 1``) to ``lambda2``.

With ``dataset=iris`` the cloud is real instead: the 150 flowers of Fisher's
iris data (scikit-learn's bundled copy, read offline through
:mod:`scenes.kit.datasets`), x the sepal length and y the petal length, both
in centimetres and not rescaled (the same unit, so their variances compare
directly). Every number on screen then comes from those 150 rows; the tests
check them against numpy's and scikit-learn's own PCA of the same columns.

Sign convention: the first component points right (up when vertical); the
second is the first turned 90 degrees counter-clockwise. The numbers on screen
come from the pure functions below, which the tests check on their own.

General claims (text and narration), and why each holds:

- "Here are 150 iris flowers: x is sepal length, y petal length, in cm" (with
  ``dataset=iris``): :func:`cloud_words`, tested against the
  loaded data's shape and the feature names it reads.
- "They are correlated: when x is large, y tends to be large too" (or "the
  other way ... small", or "barely correlated"): computed by
  :func:`correlation_words` from the sample correlation's sign and size
  (Hypothesis test over seeds and covariances that the words match numpy's
  correlation; the old sentence was fixed and false for a negative covariance).
- "Centring puts the cloud on the origin": the centred mean is 0 (tested).
- "The covariance matrix holds the variances on its diagonal and the
  covariance off it": the definition; :func:`covariance` is tested against
  ``numpy.cov``.
- "The variance along a line at angle theta" is the sample variance of the
  projections (:func:`projected_variance`), tested equal to ``u^T C u``.
- "The variance peaks at theta1, exactly the top eigenvector, and the peak is
  lambda1"; "the least spread is at right angles, lambda2": Hypothesis test
  over clouds that the swept curve never exceeds lambda1 nor falls below
  lambda2, equals them at the eigenvector angles, and peaks on a 0.05 degree
  grid at the eigenvector's angle.
- "The variance is lambda1 cos^2 + lambda2 sin^2 of the angle from w1, a blend
  largest when u lies along w1": :func:`variance_law`, tested equal to the
  measured curve (Hypothesis); a blend of two numbers with weights summing to
  1 is largest with all weight on the larger.
- "The second axis is perpendicular": eigenvectors of a symmetric matrix
  (tested orthonormal).
- "Each arrow is two standard deviations long": drawn ``SDS * sqrt(lambda)``.
- "Each point is now one number z, from lo to hi": :func:`project`; the dots'
  positions on the number line are tested against the scores.
- "The first axis explains r1 percent; r2 percent, the spread along the second
  axis, was lost": tested (the residual's variance is lambda2).
- "Keep only z: n numbers instead of 2n, plus the mean and w1" and "decode:
  the mean plus z times w1": the stored numbers and the decoder
  :func:`reconstruction_error` uses.
- "The misses, squared and averaged like a variance, come to lambda2": tested
  (Hypothesis) equal to lambda2, and no smaller than along another axis.
- "With many features, a few components often keep most of the variance":
  "often", not "always" (true for correlated features such as pixels or
  measurements; the lesson's own share is shown, not assumed).
- Recap: "the covariance's top eigenvector is where the data spreads most; its
  eigenvalue is how much": the sweep test above.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Int, Matrix, Seed
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.datasets import feature_columns
from scenes.kit.numbers import fmt, fmt_vec, say_num, say_sig, say_vec, tex_matrix
from scenes.style import *

__all__ = [
    "DATASETS",
    "IRIS_FEATURES",
    "MAX_VARIANCE",
    "MEAN",
    "PCA",
    "Analysis",
    "analyse",
    "analyse_points",
    "axis_angle",
    "centre",
    "cloud_words",
    "components",
    "correlation_words",
    "covariance",
    "covariance_problem",
    "explained_ratio",
    "iris_points",
    "percent",
    "practice",
    "project",
    "projected_variance",
    "reconstruction_error",
    "sample",
    "unit_at",
    "variance_law",
    "view_box",
]

#: The mean of the generated cloud, away from the origin so centring shows.
MEAN = np.array([2.0, 1.5])
#: Largest variance the lesson can draw on screen.
MAX_VARIANCE = 9.0
#: Principal-axis arrows are this many standard deviations long.
SDS = 2.0
#: The clouds the lesson can draw: a seeded synthetic one, or real iris flowers.
DATASETS = ("synthetic", "iris")
#: The two iris columns drawn as x and y (names as scikit-learn spells them).
IRIS_FEATURES = ("sepal length (cm)", "petal length (cm)")


# -- the math ------------------------------------------------------------------------


def sample(seed: int, n: int, cov: np.ndarray, mean: np.ndarray = MEAN) -> np.ndarray:
    """``n`` points ``(n, 2)`` drawn from the normal with ``mean`` and ``cov``."""
    rng = np.random.default_rng(seed)
    factor = np.linalg.cholesky(np.asarray(cov, dtype=float))
    return np.asarray(mean, dtype=float) + rng.standard_normal((n, 2)) @ factor.T


def iris_points() -> np.ndarray:
    """The iris flowers' (sepal length, petal length) in cm: shape (150, 2), read-only.

    Read from scikit-learn's bundled copy (no network), unscaled.
    """
    return feature_columns("iris", *IRIS_FEATURES)


def cloud_words(dataset: str, n: int, *, spoken: bool = False) -> str:
    """The sentence that introduces the cloud of ``n`` points of ``dataset``.

    ``spoken=True`` gives the narrated form (units said in full).

    Raises
    ------
    ValueError
        For a dataset not in :data:`DATASETS`.
    """
    if dataset == "synthetic":
        return f"Here are {n} data points, each with two measurements, x and y."
    if dataset == "iris":
        unit = "centimetres" if spoken else "cm"
        return (
            f"Here are {n} iris flowers: x is sepal length, y petal length, in {unit}."
        )
    raise ValueError(f"unknown dataset {dataset!r}: one of {', '.join(DATASETS)}")


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


def unit_at(theta: float | np.ndarray) -> np.ndarray:
    """The unit vector at ``theta`` degrees from the x-axis: shape ``(2,)`` or ``(k, 2)``."""
    t = np.radians(np.asarray(theta, dtype=float))
    return np.stack([np.cos(t), np.sin(t)], axis=-1)


def projected_variance(centred: np.ndarray, theta: float | np.ndarray) -> np.ndarray:
    """Variance of the points' scores along the axis at ``theta`` degrees.

    Each centred point is projected onto the unit vector at ``theta``; the
    scores' sample variance (dividing by ``n - 1``, as :func:`covariance`) is
    returned, one value per angle (a 0-d array for one angle). It equals
    ``u^T C u`` for that unit vector ``u``.
    """
    x = np.asarray(centred, dtype=float)
    scores = x @ unit_at(theta).T  # (n,) or (n, k)
    return (scores**2).sum(axis=0) / (len(x) - 1)


def axis_angle(axis: np.ndarray) -> float:
    """The direction of ``axis`` in degrees, in ``[0, 180)`` (a line has no sign)."""
    a = np.asarray(axis, dtype=float)
    return float(np.degrees(np.arctan2(a[1], a[0])) % 180.0) % 180.0


def variance_law(
    variances: np.ndarray, top: float, theta: float | np.ndarray
) -> np.ndarray:
    """``lambda1 cos^2(theta - top) + lambda2 sin^2(theta - top)``, angles in degrees.

    Writing the unit vector at ``theta`` in the eigenvector basis,
    ``u = cos(theta - top) w1 + sin(theta - top) w2``, turns ``u^T C u`` into this
    blend of the two eigenvalues: the lesson's derivation of why the variance
    peaks along ``w1`` (at ``theta = top``), with the value ``lambda1``.
    """
    d = np.radians(np.asarray(theta, dtype=float) - top)
    v = np.asarray(variances, dtype=float)
    return v[0] * np.cos(d) ** 2 + v[1] * np.sin(d) ** 2


def reconstruction_error(centred: np.ndarray, axis: np.ndarray) -> float:
    """Squared distance from each point to its decoded copy ``z w``, summed over ``n - 1``.

    Decoding a score ``z = w . x`` gives ``z w``, the point's foot on the axis;
    with the sample-variance divisor this is the variance along the other axis
    (``lambda2`` when ``w`` is the first principal axis).
    """
    x = np.asarray(centred, dtype=float)
    _, feet = project(x, axis)
    return float(((x - feet) ** 2).sum() / (len(x) - 1))


def correlation_words(cov: np.ndarray) -> str:
    """What the cloud's correlation looks like, from the sample covariance's sign and size."""
    c = np.asarray(cov, dtype=float)
    r = c[0, 1] / np.sqrt(c[0, 0] * c[1, 1])
    if abs(r) < 0.2:
        return "They are barely correlated: x says little about y."
    if r > 0:
        return "They are correlated: when x is large, y tends to be large too."
    return "They are correlated the other way: when x is large, y tends to be small."


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
    return analyse_points(sample(seed, n, cov))


def analyse_points(points: np.ndarray) -> Analysis:
    """Run PCA on given points, shape ``(n, 2)`` with ``n >= 2``."""
    points = np.asarray(points, dtype=float)
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
#: The variance-against-angle plot of the why beat: x span and y span, scene units.
SWEEP_X = (-6.6, -2.6)
SWEEP_Y = (-2.45, 0.55)
#: Type size of plot labels: digits at least 14 px tall at 480p.
LABEL = 34


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
        "dataset": Choice(
            "synthetic",
            DATASETS,
            help="synthetic: a seeded cloud from 'covariance'; iris: 150 real "
            "flowers, sepal length against petal length in cm (scikit-learn's "
            "bundled copy)",
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """The iris data brings its own points: seed, points and covariance stay unset."""
        if args.dataset == "synthetic":
            return
        for name in ("seed", "points", "covariance"):
            default = cls.params[name].default
            if not np.array_equal(np.asarray(args[name]), np.asarray(default)):
                raise ParamError(
                    name,
                    str(args[name]),
                    f"its default with dataset={args.dataset}",
                    why=f"the {args.dataset} data has its own points; '{name}' "
                    "only shapes the synthetic cloud",
                )

    def construct(self) -> None:
        args = self.args
        if args.dataset == "iris":
            self.pca = analyse_points(iris_points())
        else:
            self.pca = analyse(args.seed, args.points, args.covariance)
        self.setup_view()
        self.title_card(
            "Principal component analysis", "Which directions in data matter most?"
        )
        self.show_cloud()
        self.centre_cloud()
        self.show_covariance()
        self.sweep_axis()
        self.first_axis()
        self.why_peak()
        self.second_axis()
        self.project_points()
        self.one_number()
        self.explained()
        self.decode()
        self.close()

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
            cloud_words(self.args.dataset, len(p.points))
            + " "
            + correlation_words(p.cov),
            say=cloud_words(self.args.dataset, len(p.points), spoken=True)
            + " "
            + correlation_words(p.cov),
            chapter="The data",
        ):
            self.play(Create(self.axes), FadeIn(labels), run_time=1)
            self.play(FadeIn(self.cloud, lag_ratio=0.02), run_time=1.5)
            self.grow_panel(*self.data_rows())

    def data_rows(self) -> list[VMobject]:
        """The panel's first rows: how many points, and what x and y measure."""
        n = len(self.pca.points)
        if self.args.dataset == "iris":
            return [
                text(f"{n} iris flowers", SMALL, MUTED),
                text("x: sepal length, cm", SMALL, MUTED),
                text("y: petal length, cm", SMALL, MUTED),
            ]
        return [text(f"{n} points", SMALL, MUTED)]

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
        row = self.cov_row()
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

    # -- chapter: which way spreads most (the why) ------------------------------------
    def variance_curve(self) -> Callable[[float], float]:
        """Projected variance against the angle, as a plain function.

        A plot keeps its function: a bound method would drag the scene into
        every copy a fade makes.
        """
        centred = self.pca.centred
        return lambda theta: float(projected_variance(centred, theta))

    def sweep_axis(self) -> None:
        p = self.pca
        self.variance_of = self.variance_curve()
        top = float(np.ceil(p.variances[0] * 1.15))
        step = 1.0 if top <= 5 else 2.0
        x0, x1 = SWEEP_X
        self.vaxes = plot_axes(
            [0, 180, 45],
            [0, top, step],
            width=x1 - x0,
            height=SWEEP_Y[1] - SWEEP_Y[0],
            centre=[(x0 + x1) / 2, (SWEEP_Y[0] + SWEEP_Y[1]) / 2],
        )
        self.vaxes.x_axis.add_numbers(
            x_values=[0, 90, 180],
            excluding=[],
            num_decimal_places=0,
            font_size=LABEL,
        )
        theta_label = tex(r"\theta", size=34, color=PURPLE).next_to(
            self.vaxes.x_axis, RIGHT, buff=0.12
        )
        readout = VGroup(
            tex(r"\mathrm{variance} =", size=LABEL, color=PURPLE),
            DecimalNumber(
                self.variance_of(0), num_decimal_places=2, font_size=LABEL, color=PURPLE
            ),
        ).arrange(RIGHT, buff=0.15)
        readout.next_to(self.vaxes.c2p(0, top), UP, buff=0.15).align_to(
            self.vaxes, LEFT
        )
        self.theta = theta = ValueTracker(0.0)
        self.readout = readout
        reach = float(np.abs(p.centred).max()) * 1.3

        def candidate() -> Line:
            u = unit_at(theta.get_value())
            return Line(
                self.at(-reach * u), self.at(reach * u), color=PURPLE, stroke_width=3
            )

        self.candidate = always_redraw(candidate)
        feet = self.dots(np.zeros_like(p.centred), ORANGE)

        def place(group: VGroup) -> None:
            u = unit_at(theta.get_value())
            for dot, z in zip(group, p.centred @ u, strict=True):
                dot.move_to(self.at(z * u))

        place(feet)
        self.feet = feet
        self.trace = always_redraw(
            lambda: self.vaxes.plot(
                self.variance_of,
                x_range=[0, max(theta.get_value(), 0.5), 1],
                color=PURPLE,
                stroke_width=4,
            )
        )
        self.sweep_dot = always_redraw(
            lambda: Dot(
                self.vaxes.c2p(theta.get_value(), self.variance_of(theta.get_value())),
                color=PURPLE,
                radius=0.07,
            )
        )
        kept = self.side_panel(self.cov_row())
        with self.beat(
            "Which direction does the data spread along most? Try them all. Take a "
            "line through the centre at angle θ, drop every point onto it, and measure "
            "the variance of where they land. Turn the line through half a circle and "
            "plot that variance against θ.",
            say="Which direction does the data spread along most? Try them all. Take a "
            "line through the centre at angle theta, drop every point onto it, and "
            "measure the variance of where they land. Turn the line through half a "
            "circle and plot that variance against theta.",
            chapter="Which way spreads most?",
        ):
            self.play(ReplacementTransform(self.info, kept), run_time=0.6)
            self.info = kept
            self.play(
                Create(self.vaxes),
                FadeIn(theta_label, readout),
                self.cloud.animate.set_opacity(0.35),
                run_time=1.0,
            )
            self.play(Create(self.candidate), FadeIn(feet), run_time=0.8)
            # updaters after the fades: a fade copies its mobject, updaters and all
            feet.add_updater(place)
            readout[1].add_updater(
                lambda m: m.set_value(self.variance_of(theta.get_value()))
            )
            self.add(self.trace, self.sweep_dot)
            self.play(theta.animate.set_value(180), run_time=7.0, rate_func=linear)
        self.plot_group = VGroup(self.vaxes, theta_label)

    def first_axis(self) -> None:
        p = self.pca
        top = axis_angle(p.axes[0])
        self.top_angle = top
        full = self.vaxes.plot(self.variance_of, x_range=[0, 180, 1], color=PURPLE)
        full.set_stroke(width=4)
        self.remove(self.trace)
        self.add(full)
        self.curve = full
        peak = Dot(self.vaxes.c2p(top, p.variances[0]), color=ACCENT, radius=0.09)
        drop = DashedLine(
            self.vaxes.c2p(top, 0), peak.get_center(), color=ACCENT, stroke_width=2
        )
        label = tex(rf"\lambda_1 = {fmt(p.variances[0])}", size=LABEL, color=ACCENT)
        label.next_to(peak, UP, buff=0.12)
        if label.get_right()[0] > self.vaxes.get_right()[0] + 0.3:
            label.next_to(peak, LEFT, buff=0.15)
        self.peak_marks = VGroup(peak, drop, label)
        self.arrows = [self.axis_arrow(0)]
        with self.beat(
            f"The variance peaks at θ = {fmt(top, 1)} degrees, at {fmt(p.variances[0])}. "
            "That line is exactly the covariance's top eigenvector, w1, and the peak "
            "is its eigenvalue, λ1: the first principal axis.",
            say=f"The variance peaks at theta equals {say_sig(top)} degrees, at "
            f"{say_sig(p.variances[0])}. That line is exactly the covariance's top "
            "eigenvector, w 1, and the peak is its eigenvalue, lambda 1: the first "
            "principal axis.",
            chapter="Principal axes",
            key=True,
        ):
            self.play(self.theta.animate.set_value(top), run_time=1.6, rate_func=smooth)
            self.readout[1].clear_updaters()
            self.play(
                FadeOut(self.readout),
                FadeIn(peak, scale=0.5),
                Create(drop),
                FadeIn(label),
                run_time=0.8,
            )
            self.play(GrowArrow(self.arrows[0]), run_time=0.8)
            self.grow_panel(self.axis_row(0))
            self.wait(1.5)

    def cov_row(self) -> object:
        c = self.pca.cov
        row = tex("C", "=", r"\tfrac{1}{n-1} X^T X", "=", tex_matrix(c), size=34)
        row[0].set_color(ACCENT)
        return row

    def why_peak(self) -> None:
        p = self.pca
        top = self.top_angle
        law = tex(
            r"\mathrm{variance}(\theta) = u^T C u",
            r"= \lambda_1 \cos^2(\theta - \theta_1)",
            r"+ \lambda_2 \sin^2(\theta - \theta_1)",
            size=30,
        )
        law.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        law[1:].shift(0.4 * RIGHT)
        check = self.vaxes.plot(
            lambda t: float(variance_law(p.variances, top, t)),
            x_range=[0, 180, 1],
            color=ACCENT,
        )
        check = DashedVMobject(check.set_stroke(width=3), num_dashes=45)
        rows = [law, self.axis_row(0)]
        grown = self.side_panel(*rows)
        with self.beat(
            "Why exactly there? Write the line's direction u with the two eigenvectors: "
            "cos of the angle from w1 along w1, sin of it along w2. Then the variance, "
            "u transpose C u, is λ1 cos squared plus λ2 sin squared: a blend of "
            f"{fmt(p.variances[0])} and {fmt(p.variances[1])}, largest when all of u "
            "lies along w1. The dashed curve is that formula, on top of what we measured.",
            say="Why exactly there? Write the line's direction, u, with the two "
            "eigenvectors: the cosine of the angle from w 1 along w 1, the sine of it "
            "along w 2. Then the variance, u transpose C u, is lambda 1 cos squared plus "
            f"lambda 2 sine squared: a blend of {say_sig(p.variances[0])} and "
            f"{say_sig(p.variances[1])}, largest when all of u lies along w 1. The "
            "dashed curve is that formula, on top of what we measured.",
        ):
            self.play(ReplacementTransform(self.info, grown), run_time=0.8)
            self.info = grown
            self.play(Create(check), run_time=2.0)
        self.law_curve = check

    def second_axis(self) -> None:
        p = self.pca
        low = (self.top_angle + 90.0) % 180.0
        dip = Dot(self.vaxes.c2p(low, p.variances[1]), color=GREEN, radius=0.09)
        self.arrows.append(self.axis_arrow(1))
        grown = self.side_panel(self.axis_row(0), self.axis_row(1))
        with self.beat(
            f"The least spread is at right angles to it, along the second eigenvector "
            f"w2, with variance only {fmt(p.variances[1])}. Each arrow is two standard "
            "deviations long: twice the square root of its variance.",
            say="The least spread is at right angles to it, along the second "
            f"eigenvector, w 2, with variance only {say_sig(p.variances[1])}. Each arrow "
            "is two standard deviations long: twice the square root of its variance.",
        ):
            self.play(self.theta.animate.set_value(low), run_time=1.4, rate_func=smooth)
            self.play(FadeIn(dip, scale=0.5), run_time=0.6)
            self.feet.clear_updaters()
            self.play(
                FadeOut(self.candidate, self.feet, self.sweep_dot),
                GrowArrow(self.arrows[1]),
                ReplacementTransform(self.info, grown),
                run_time=1.0,
            )
            self.info = grown
        self.low_marks = VGroup(dip)  # its value is the panel's green row
        self.sweep_picture = VGroup(
            self.plot_group, self.curve, self.law_curve, self.peak_marks, self.low_marks
        )

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
            self.play(
                Create(self.line),
                FadeOut(self.arrows[1], self.sweep_picture),
                self.cloud.animate.set_opacity(0.85),
                run_time=0.8,
            )
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
            font_size=LABEL,
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
            self.z_group, self.z_angle, self.z_shift = group, angle, shift
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
        self.z_card = card

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

    # -- chapter: in machine learning ----------------------------------------------------
    def decode(self) -> None:
        p = self.pca
        n = len(p.points)
        error = reconstruction_error(p.centred, p.axes[0])
        self.decode_error = error
        to_mean = self.at(p.mean) - self.origin
        originals = self.dots(p.points, BLUE).set_opacity(0.55)
        misses = VGroup(
            *(
                Line(
                    self.at(a),
                    self.at(p.mean + b),
                    color=RED,
                    stroke_width=2,
                )
                for a, b in zip(p.points, p.projected, strict=True)
            )
        )
        store = VGroup(
            text("keep only z:", SMALL, ORANGE),
            text(f"{n} numbers, not {2 * n}", SMALL, ORANGE),
            tex(r"\hat{x} = \bar{x} + z\, w_1", size=34),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        card = panel(store).next_to(self.info, DOWN, buff=0.3, aligned_edge=LEFT)
        card.set_z_index(10)
        loss = tex(
            r"\tfrac{1}{n-1} \sum |x - \hat{x}|^2",
            "=",
            fmt(error),
            "=",
            r"\lambda_2",
            size=34,
        )
        loss[0].set_color(RED)
        loss[4].set_color(GREEN)
        grown = panel(
            VGroup(store.copy(), loss).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        )
        grown.next_to(self.info, DOWN, buff=0.3, aligned_edge=LEFT).set_z_index(10)
        with self.beat(
            "In machine learning, PCA shrinks a model's inputs: keep only z, "
            f"{n} numbers instead of {2 * n}, plus the mean and w1. To get a point back, "
            "decode it: the mean plus z times w1.",
            say="In machine learning, PCA shrinks a model's inputs: keep only z, "
            f"{n} numbers instead of {2 * n}, plus the mean and w 1. To get a point "
            "back, decode it: the mean plus z times w 1.",
            chapter="In machine learning",
        ):
            self.play(
                FadeOut(self.z_line, self.z_name),
                ReplacementTransform(self.z_card, card),
                run_time=0.8,
            )
            group = self.z_group
            self.play(group.animate.shift(-self.z_shift * RIGHT), run_time=0.6)
            self.play(
                Rotate(group, self.z_angle, about_point=self.origin),
                FadeIn(self.axes, self.axis_labels),
                run_time=1.6,
            )
            self.play(group.animate.shift(to_mean), run_time=1.2)
        with self.beat(
            "Each decoded point lands on the line, off its original by its drop to the "
            f"axis. Squared and averaged like a variance, those misses come to "
            f"{fmt(error)}: exactly λ2, the variance we dropped. With many features, a "
            "few components often keep most of the variance.",
            say="Each decoded point lands on the line, off its original by its drop to "
            "the axis. Squared and averaged like a variance, those misses come to "
            f"{say_sig(error)}: exactly lambda 2, the variance we dropped. With many "
            "features, a few components often keep most of the variance.",
        ):
            self.play(FadeIn(originals), Create(misses), run_time=1.5)
            self.play(ReplacementTransform(card, grown), run_time=0.8)
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    def close(self) -> None:
        p = self.pca
        # the key picture, kept clear of the recap line's strip above the captions
        floor = CONTENT_BOTTOM + 1.3
        plot = self.sweep_picture
        plot.shift(max(0.0, floor - plot.get_bottom()[1]) * UP)
        cloud = VGroup(self.dots(p.centred), self.axis_arrow(0), self.axis_arrow(1))
        room = 3.9 - floor
        if cloud.height > room:
            cloud.scale(room / cloud.height)
        cloud.shift(max(0.0, floor - cloud.get_bottom()[1]) * UP)
        picture = VGroup(plot, cloud)
        self.play(FadeIn(picture), run_time=0.8)
        self.recap_over(
            [picture],
            "The covariance's top eigenvector is where the data spreads most; "
            "its eigenvalue is how much.",
        )


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
