"""Describing data: mean, variance, standard deviation, covariance and correlation.

Drawn on a real dataset that ships inside scikit-learn (iris or wine, read from
files inside the package; nothing is downloaded). One feature becomes a dot plot:
the mean is its balance point, the variance the average of the squared
distances to it (the squares are drawn), the standard deviation its square root,
back in the feature's units. A second feature makes a scatter; measuring both
in standard deviations from their means (standardising) and averaging the
product of the two z-scores gives the correlation.

Every number on screen comes from the pure functions below (numpy), which the
tests check against numpy's own statistics of the same data, loaded in the test.

General claims (text and narration), and why each holds:

- "The mean is the balance point: the distances to its left and right cancel":
  ``sum(x - mean) = 0`` (tested; the two sums shown are computed).
- "Variance is the average squared distance from the mean": the definition
  used here divides by n (:func:`variance`, tested against ``numpy.var``); the
  narration says so, and that samples often divide by n - 1.
- "The standard deviation is its square root, back in the feature's units".
- "Standardised, each feature has mean 0 and standard deviation 1": tested.
- "The average product of z-scores is the correlation, between -1 and 1":
  tested against ``numpy.corrcoef``; Cauchy-Schwarz bounds it.
- "Points in the top-right and bottom-left quadrants add, the others subtract":
  the product of two z-scores is positive exactly when they have the same sign.
- "Before dividing by the standard deviations it is the covariance, in the
  product of the units": ``cov = r sd_x sd_y`` (tested against ``numpy.cov``).
- The machine-learning words about redundancy depend on |r| and are computed
  by :func:`redundancy_words` (tested for each band).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from manim import *

from mathreel.core.params import Choice
from mathreel.practice import Exercise
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, say_sig
from scenes.kit.ticks import nice_step, tick_values
from scenes.style import *

__all__ = [
    "PAIRS",
    "DescribingData",
    "FeaturePair",
    "balance",
    "correlation",
    "covariance",
    "dot_stacks",
    "load_pair",
    "mean",
    "practice",
    "redundancy_words",
    "square_examples",
    "standardise",
    "std",
    "variance",
]


@dataclass(frozen=True)
class FeaturePair:
    """Two columns of a bundled scikit-learn dataset, and how to name them."""

    dataset: str  # "iris" or "wine"
    x: str  # feature name as the loader spells it
    y: str
    x_name: str  # as shown and said
    y_name: str
    unit: str  # unit of both features as shown ("cm", "" for none)
    things: str  # what a row is, plural ("iris flowers")


#: The feature pairs the lesson can draw.
PAIRS: dict[str, FeaturePair] = {
    "iris-petals": FeaturePair(
        "iris", "petal length (cm)", "petal width (cm)",
        "petal length", "petal width", "cm", "iris flowers",
    ),
    "iris-sepals": FeaturePair(
        "iris", "sepal length (cm)", "sepal width (cm)",
        "sepal length", "sepal width", "cm", "iris flowers",
    ),
    "wine-phenols": FeaturePair(
        "wine", "total_phenols", "flavanoids",
        "total phenols", "flavanoids", "", "wines",
    ),
}  # fmt: skip


@cache
def _columns(dataset: str, x: str, y: str) -> tuple[np.ndarray, np.ndarray]:
    from sklearn import datasets  # the package's own files; no network

    bunch = {"iris": datasets.load_iris, "wine": datasets.load_wine}[dataset]()
    names = list(bunch.feature_names)
    data = np.asarray(bunch.data, dtype=float)
    return data[:, names.index(x)].copy(), data[:, names.index(y)].copy()


def load_pair(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The two feature columns of pair ``name``, each of shape (n,), read-only."""
    pair = PAIRS[name]
    x, y = _columns(pair.dataset, pair.x, pair.y)
    x, y = x.copy(), y.copy()
    x.setflags(write=False)
    y.setflags(write=False)
    return x, y


def mean(x: np.ndarray) -> float:
    """The average of ``x`` (shape (n,), n >= 1)."""
    return float(np.sum(x) / len(x))


def balance(x: np.ndarray) -> tuple[float, float]:
    """Sums of the distances below and above the mean: ``(negative, positive)``.

    They cancel: ``negative + positive == 0`` up to rounding.
    """
    d = np.asarray(x, dtype=float) - mean(x)
    return float(d[d < 0].sum()), float(d[d > 0].sum())


def variance(x: np.ndarray) -> float:
    """The average squared distance from the mean (dividing by n)."""
    d = np.asarray(x, dtype=float) - mean(x)
    return float(np.sum(d * d) / len(d))


def std(x: np.ndarray) -> float:
    """The standard deviation: the square root of :func:`variance`."""
    return math.sqrt(variance(x))


def standardise(x: np.ndarray) -> np.ndarray:
    """z-scores ``(x - mean) / std``, shape (n,). Raises ZeroDivisionError if std is 0."""
    s = std(x)
    if s == 0:
        raise ZeroDivisionError("a constant feature has no spread to divide by")
    return (np.asarray(x, dtype=float) - mean(x)) / s


def covariance(x: np.ndarray, y: np.ndarray) -> float:
    """The average product of the two features' distances from their means (by n)."""
    dx = np.asarray(x, dtype=float) - mean(x)
    dy = np.asarray(y, dtype=float) - mean(y)
    return float(np.sum(dx * dy) / len(dx))


def correlation(x: np.ndarray, y: np.ndarray) -> float:
    """The average product of z-scores, kept inside [-1, 1] against rounding."""
    r = float(np.mean(standardise(x) * standardise(y)))
    return min(1.0, max(-1.0, r))


def dot_stacks(x: np.ndarray, width: float) -> tuple[np.ndarray, np.ndarray]:
    """A dot plot: each value's bin centre and its height in its stack (0, 1, ...).

    Bins are ``width`` wide, aligned to multiples of ``width``. Returns two arrays
    of shape (n,): the bin centres, and each point's level, in data order.
    """
    bins = np.floor(np.asarray(x, dtype=float) / width + 1e-9)
    levels = np.zeros(len(bins), dtype=int)
    seen: dict[float, int] = {}
    for i, b in enumerate(bins):
        levels[i] = seen.get(float(b), 0)
        seen[float(b)] = levels[i] + 1
    return (bins + 0.5) * width, levels


def square_examples(x: np.ndarray, count: int = 6) -> np.ndarray:
    """Indices of ``count`` points spread over the data (evenly spaced ranks)."""
    order = np.argsort(np.asarray(x), kind="stable")
    ranks = np.linspace(0.05, 0.95, count) * (len(order) - 1)
    return order[np.round(ranks).astype(int)]


def redundancy_words(r: float) -> str:
    """What the correlation says about using both features in a model."""
    if abs(r) >= 0.8:
        return (
            "one feature is almost a straight-line function of the other, so a "
            "model given both learns little more than from one"
        )
    if abs(r) < 0.3:
        return (
            "knowing one tells little about the other in a straight line, so each "
            "feature brings a model information of its own"
        )
    return (
        "the two features overlap in part, so some of what they tell a model is shared"
    )


# -- layout (scene units) ------------------------------------------------------------
TOP = 3.7
BOTTOM = CONTENT_BOTTOM + 0.15
LINE_Y = -1.9  # the dot plot's axis
LEFT_X, RIGHT_X = -6.6, 6.6
DOT = 0.055
TICKS = 34  # axis numbers: TeX digits 14.6 px tall at 480p


class DescribingData(CourseLesson):
    """Mean, variance, standard deviation, covariance, correlation on real data."""

    params = {
        "pair": Choice(
            "iris-petals",
            list(PAIRS),
            help="the dataset and feature pair (scikit-learn's bundled iris or wine)",
        )
    }

    def construct(self) -> None:
        self.pair = PAIRS[self.args.pair]
        self.x, self.y = load_pair(self.args.pair)
        self.title_card(
            "Describing data",
            "Where is the middle of a dataset, and how does it spread?",
        )
        self.show_dots()
        self.show_mean()
        self.show_squares()
        self.show_std()
        self.clear_all()
        self.show_scatter()
        self.standardise_axes()
        self.products()
        self.covariance_too()
        self.redundancy()
        self.recap_over_scatter()

    def clear_all(self) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.6)
        self.clear()

    def units(self, power: int = 1) -> str:
        u = self.pair.unit
        if not u:
            return ""
        return f" {u}²" if power == 2 else f" {u}"

    def tex_units(self, power: int = 1) -> str:
        u = self.pair.unit
        if not u:
            return ""
        return rf"\,\mathrm{{{u}}}" + ("^2" if power == 2 else "")

    # -- chapter: the mean ---------------------------------------------------------
    def show_dots(self) -> None:
        x, pair = self.x, self.pair
        m = mean(x)
        d = np.abs(x[square_examples(x)] - m)
        lo, hi = float(x.min()), float(x.max())
        step = nice_step(hi - lo, 8)
        lo_t, hi_t = math.floor(lo / step) * step, math.ceil(hi / step) * step
        width = min(RIGHT_X - LEFT_X, 4.4 / float(d.max()) * (hi_t - lo_t))
        self.axis = plot_axes(
            [lo_t, hi_t, step],
            width=width,
            height=1,
            start=(-width / 2, LINE_Y),
            numbers=tick_values(lo_t, hi_t, step),
            places=1 if step < 1 else 0,
            excluding=None,
            hide_y=True,
            x_only=True,
            number_size=TICKS,
        )
        self.x_unit = width / (hi_t - lo_t)
        centres, levels = dot_stacks(x, 2 * DOT / self.x_unit * 1.15)
        self.dots = VGroup(
            *(
                Dot(
                    self.axis.c2p(c, 0) + UP * (0.12 + 2.3 * DOT * lv),
                    radius=DOT,
                    color=BLUE,
                )
                for c, lv in zip(centres, levels, strict=True)
            )
        )
        name = pair.x_name + (f" ({pair.unit})" if pair.unit else "")
        self.axis_name = text(name, SMALL, MUTED).next_to(self.axis, DOWN, buff=0.55)
        with self.beat(
            f"Here are {len(x)} {pair.things} from scikit-learn's {pair.dataset} dataset: "
            f"each dot is one {pair.x_name}.",
            chapter="The mean",
        ):
            self.play(Create(self.axis), FadeIn(self.axis_name), run_time=0.8)
            self.play(FadeIn(self.dots, lag_ratio=0.02), run_time=2.0)

    def show_mean(self) -> None:
        x = self.x
        m = mean(x)
        below, above = balance(x)
        tip = self.axis.c2p(m, 0)
        self.fulcrum = Triangle(color=ACCENT, fill_opacity=1).scale(0.16)
        self.fulcrum.move_to(tip + DOWN * 0.2)
        self.mean_line = DashedLine(tip, tip + UP * 3.2, color=ACCENT, stroke_width=3)
        self.mean_tex = tex(
            r"\bar x", "=", fmt(m, 2) + self.tex_units(), size=36, color=ACCENT
        )
        self.mean_tex.next_to(self.mean_line, UP, buff=0.1)
        sums = VGroup(
            tex(
                rf"\sum_{{x < \bar x}} (x - \bar x) = {fmt(below, 1)}",
                size=34,
                color=RED,
            ),
            tex(
                rf"\sum_{{x > \bar x}} (x - \bar x) = {fmt(above, 1)}",
                size=34,
                color=GREEN,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        sums.to_corner(UP + LEFT, buff=0.4)
        self.sums = sums
        with self.beat(
            f"Their mean, {fmt(m, 2)}{self.units()}, is the balance point: the distances "
            f"below it add to {fmt(below, 1)}, those above to {fmt(above, 1)}. They cancel.",
            say=f"Their mean, about {say_sig(m)}, is the balance point: the distances "
            f"below it add to {say_sig(below)}, those above to {say_sig(above)}. They "
            "cancel.",
        ):
            self.play(
                FadeIn(self.fulcrum, shift=UP * 0.2),
                Create(self.mean_line),
                run_time=0.8,
            )
            self.play(FadeIn(self.mean_tex), run_time=0.5)
            self.play(FadeIn(sums), run_time=0.8)

    # -- chapter: spread ------------------------------------------------------------
    def show_squares(self) -> None:
        x = self.x
        m = mean(x)
        picks = square_examples(x)
        squares = VGroup()
        for i in picks:
            d = float(x[i] - m)
            side = abs(d) * self.x_unit
            sq = Square(side_length=max(side, 0.01), color=ORANGE, stroke_width=3)
            sq.set_fill(ORANGE, opacity=0.12)
            left = min(x[i], m)
            sq.move_to(self.axis.c2p(left, 0) + RIGHT * side / 2 + UP * side / 2)
            squares.add(sq)
        self.squares = squares
        var = variance(x)
        formula = tex(
            r"\sigma^2 = \frac{1}{n}\sum (x - \bar x)^2",
            "=",
            fmt(var, 2) + self.tex_units(2),
            size=36,
            color=ORANGE,
        )
        formula.to_corner(UP + RIGHT, buff=0.4)
        self.var_tex = formula
        n = len(x)
        with self.beat(
            "How far do the values spread? Draw each distance from the mean as a "
            f"square. The variance is the average area of all {n} squares: "
            f"{fmt(var, 2)}{self.units(2)}, dividing by n (samples often use n − 1).",
            say="How far do the values spread? Draw each distance from the mean as a "
            f"square. The variance is the average area of all {n} squares: about "
            f"{say_sig(var)}, dividing by n. Samples often use n minus 1.",
            chapter="Spread",
        ):
            self.play(FadeOut(self.sums, self.mean_tex), run_time=0.4)
            self.play(Create(squares, lag_ratio=0.3), run_time=2.0)
            self.play(FadeIn(formula), run_time=0.6)

    def show_std(self) -> None:
        x = self.x
        m, s = mean(x), std(x)
        lo, hi = self.axis.c2p(m - s, 0), self.axis.c2p(m + s, 0)
        band = Rectangle(
            width=hi[0] - lo[0],
            height=0.25,
            color=PURPLE,
            fill_opacity=0.5,
            stroke_width=0,
        ).move_to((lo + hi) / 2 + DOWN * 0.12)
        label = tex(r"\sigma", "=", fmt(s, 2) + self.tex_units(), size=36, color=PURPLE)
        label.next_to(self.var_tex, DOWN, buff=0.3, aligned_edge=RIGHT)
        within = float(np.mean(np.abs(x - m) <= s))
        with self.beat(
            f"Its square root, the standard deviation, {fmt(s, 2)}{self.units()}, is "
            f"back in the feature's units: {fmt(100 * within, 0)}% of these values lie "
            "within one of it from the mean.",
            say=f"Its square root, the standard deviation, about {say_sig(s)}, is back "
            f"in the feature's units: {fmt(100 * within, 0)} percent of these values lie "
            "within one of it from the mean.",
        ):
            self.play(FadeOut(self.squares), run_time=0.5)
            self.play(FadeIn(band), FadeIn(label), run_time=0.8)

    # -- chapter: correlation -------------------------------------------------------
    def scatter_axes(self) -> None:
        x, y = self.x, self.y
        ranges = []
        for v in (x, y):
            step = nice_step(float(v.max() - v.min()), 6)
            ranges.append(
                [
                    math.floor(v.min() / step) * step,
                    math.ceil(v.max() / step) * step,
                    step,
                ]
            )
        self.ranges = ranges
        self.plot = plot_axes(
            ranges[0],
            ranges[1],
            width=6.6,
            height=TOP - BOTTOM - 1.3,
            centre=(-2.2, (TOP + BOTTOM) / 2 + 0.45),
            numbers=tick_values(*ranges[0]),
            places=1 if ranges[0][2] < 1 else 0,
            excluding=None,
            number_size=TICKS,
        )
        self.plot.y_axis.add_numbers(
            x_values=tick_values(*ranges[1]),
            num_decimal_places=1 if ranges[1][2] < 1 else 0,
            font_size=TICKS,
        )

    def show_scatter(self) -> None:
        pair = self.pair
        self.scatter_axes()
        self.points = VGroup(
            *(
                Dot(self.plot.c2p(a, b), radius=DOT, color=BLUE)
                for a, b in zip(self.x, self.y, strict=True)
            )
        )
        self.x_label = text(pair.x_name, SMALL, MUTED).next_to(
            self.plot.x_axis, DOWN, buff=0.5
        )
        self.y_label = text(pair.y_name, SMALL, MUTED).rotate(math.pi / 2)
        self.y_label.next_to(self.plot.y_axis, LEFT, buff=0.55)
        with self.beat(
            f"Now a second feature, {pair.y_name}. Each of the {len(self.x)} "
            f"{pair.things} is a point. Do the two rise together?",
            chapter="Correlation",
        ):
            self.play(
                Create(self.plot), FadeIn(self.x_label, self.y_label), run_time=1.0
            )
            self.play(FadeIn(self.points, lag_ratio=0.02), run_time=1.5)

    def standardise_axes(self) -> None:
        x, y = self.x, self.y
        mx, my, sx, sy = mean(x), mean(y), std(x), std(y)
        (x0, x1, _), (y0, y1, _) = self.ranges[0], self.ranges[1]
        grid = VGroup()
        for k in range(-4, 5):
            gx = mx + k * sx
            if x0 <= gx <= x1:
                grid.add(
                    DashedLine(
                        self.plot.c2p(gx, y0),
                        self.plot.c2p(gx, y1),
                        color=ACCENT if k == 0 else MUTED,
                        stroke_width=3 if k == 0 else 1.5,
                    )
                )
            gy = my + k * sy
            if y0 <= gy <= y1:
                grid.add(
                    DashedLine(
                        self.plot.c2p(x0, gy),
                        self.plot.c2p(x1, gy),
                        color=ACCENT if k == 0 else MUTED,
                        stroke_width=3 if k == 0 else 1.5,
                    )
                )
        self.z_grid = grid
        rule = VGroup(
            tex(r"z = \frac{x - \bar x}{\sigma}", size=36, color=ACCENT),
            text("mean 0, standard deviation 1", SMALL, MUTED),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        rule.move_to([1.6, TOP - 0.5, 0], aligned_edge=LEFT + UP)
        self.rule = rule
        with self.beat(
            "Standardise both: measure each value from its mean, in standard "
            "deviations. Features are prepared this way before training, so none "
            "dominates just by its units.",
        ):
            self.play(Create(grid), run_time=1.2)
            self.play(FadeIn(rule), run_time=0.6)

    def products(self) -> None:
        zx, zy = standardise(self.x), standardise(self.y)
        r = correlation(self.x, self.y)
        prod = zx * zy
        mx, my = mean(self.x), mean(self.y)
        (x0, x1, _), (y0, y1, _) = self.ranges[0], self.ranges[1]
        corners = [
            ((mx, my), (x1, y1), GREEN),
            ((x0, y0), (mx, my), GREEN),
            ((mx, y0), (x1, my), RED),
            ((x0, my), (mx, y1), RED),
        ]
        shades = VGroup(
            *(
                Polygon(
                    self.plot.c2p(a[0], a[1]),
                    self.plot.c2p(b[0], a[1]),
                    self.plot.c2p(b[0], b[1]),
                    self.plot.c2p(a[0], b[1]),
                    stroke_width=0,
                    fill_color=c,
                    fill_opacity=0.12,
                )
                for a, b, c in corners
            )
        )
        shades.set_z_index(-1)
        positive = int(np.sum(prod > 0))
        formula = tex(r"r = \frac{1}{n}\sum z_x z_y", "=", fmt(r, 2), size=40)
        formula[2].set_color(GREEN if r >= 0 else RED)
        formula.next_to(self.rule, DOWN, buff=0.45, aligned_edge=LEFT)
        self.r_tex = formula
        self.shades = shades
        recolour = [
            dot.animate.set_color(GREEN if p > 0 else RED)
            for dot, p in zip(self.points, prod, strict=True)
        ]
        with self.beat(
            "Multiply each point's two z-scores. Top-right and bottom-left, the product "
            f"is positive ({positive} of {len(prod)} points); the other two quadrants "
            f"subtract. The average product is the correlation, r = {fmt(r, 2)}.",
            say="Multiply each point's two z-scores. Top-right and bottom-left, the "
            f"product is positive, for {positive} of {len(prod)} points; the other two "
            f"quadrants subtract. The average product is the correlation, r equals "
            f"{say_sig(r)}.",
            key=True,
        ):
            self.play(FadeIn(shades), *recolour, run_time=1.5)
            self.play(FadeIn(formula), run_time=0.8)
            self.wait(1.5)

    def covariance_too(self) -> None:
        c = covariance(self.x, self.y)
        unit = self.units(2)
        line = tex(
            r"\mathrm{cov} = r\,\sigma_x \sigma_y",
            "=",
            fmt(c, 2) + self.tex_units(2),
            size=36,
        )
        line.next_to(self.r_tex, DOWN, buff=0.35, aligned_edge=LEFT)
        self.cov_tex = line
        with self.beat(
            "Skip the division by the standard deviations and the same average is the "
            f"covariance, {fmt(c, 2)}{unit}. Dividing it out makes r unitless, "
            "always between −1 and 1.",
            say="Skip the division by the standard deviations and the same average is "
            f"the covariance, about {say_sig(c)}. Dividing it out makes r unitless, "
            "always between minus 1 and 1.",
        ):
            self.play(FadeIn(line), run_time=0.8)

    def redundancy(self) -> None:
        x, y = self.x, self.y
        r = correlation(x, y)
        slope = r * std(y) / std(x)
        mx, my = mean(x), mean(y)
        (x0, x1, _), (y0, y1, _) = self.ranges[0], self.ranges[1]
        ends = []
        for gx in (x0, x1):
            gy = my + slope * (gx - mx)
            if gy < y0 or gy > y1:  # clip to the plot
                bound = y0 if gy < y0 else y1
                gx = mx + (bound - my) / slope
                gy = bound
            ends.append(self.plot.c2p(gx, gy))
        self.trend = Line(*ends, color=ACCENT, stroke_width=5)
        words = redundancy_words(r)
        with self.beat(
            f"In machine learning: with r = {fmt(r, 2)}, {words}.",
            say=f"In machine learning: with r equal to {say_sig(r)}, {words}.",
            chapter="In machine learning",
        ):
            self.play(FadeOut(self.shades), run_time=0.4)
            self.play(Create(self.trend), run_time=1.2)

    def recap_over_scatter(self) -> None:
        lines = VGroup(
            text("mean: the balance point", SMALL, INK),
            text("variance: the average square", SMALL, INK),
            text("r: the average product of z-scores", SMALL, ACCENT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        room = 6.9 - self.cov_tex.get_left()[0]
        if lines.width > room:
            lines.scale_to_fit_width(room)
        lines.next_to(self.cov_tex, DOWN, buff=0.5, aligned_edge=LEFT)
        with self.beat(
            "To recap: the mean balances the data, the variance averages the squares, "
            "and the correlation averages the products of z-scores.",
            chapter="Recap",
        ):
            self.play(FadeIn(self.shades), FadeIn(lines, shift=0.2 * UP), run_time=0.8)
        self.play(FadeOut(*self.mobjects), run_time=0.6)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on the mean, variance and correlation of small datasets from ``seed``.

    Four exercises: the mean (:func:`mean`); the variance, dividing by n
    (:func:`variance`); the standard deviation (:func:`std`); and the
    correlation of two short columns (:func:`correlation`).
    """
    rng = np.random.default_rng(seed)
    while True:
        x = rng.integers(1, 10, size=5).astype(float)
        if variance(x) > 0:
            break
    while True:
        a = rng.integers(1, 10, size=4).astype(float)
        b = rng.integers(1, 10, size=4).astype(float)
        if variance(a) > 0 and variance(b) > 0:
            break
    listed = ", ".join(fmt(v) for v in x)
    m, var, s = mean(x), variance(x), std(x)
    r = correlation(a, b)
    pairs = ", ".join(f"({fmt(p)}, {fmt(q)})" for p, q in zip(a, b, strict=True))
    return [
        Exercise(
            id="describing-data-1",
            prompt=f"What is the mean of the values {listed}?",
            kind="number",
            answer=m,
            tolerance=0.005,
            hint="Add them up and divide by how many there are.",
            solution=f"$({' + '.join(fmt(v) for v in x)}) / {len(x)} = {fmt(m, 3)}$.",
        ),
        Exercise(
            id="describing-data-2",
            prompt=(
                f"What is the variance of the values {listed}, as the average squared "
                "distance from the mean (dividing by n)?"
            ),
            kind="number",
            answer=var,
            tolerance=0.005,
            hint="Subtract the mean from each value, square, and average the squares.",
            solution=(
                f"The mean is {fmt(m, 3)}; the squared distances average to "
                f"${fmt(var, 3)}$."
            ),
        ),
        Exercise(
            id="describing-data-3",
            prompt=(
                f"What is the standard deviation of the values {listed} (dividing by n)?"
            ),
            kind="number",
            answer=s,
            tolerance=0.005,
            hint="It is the square root of the variance.",
            solution=f"$\\sqrt{{{fmt(var, 3)}}} = {fmt(s, 3)}$.",
        ),
        Exercise(
            id="describing-data-4",
            prompt=(
                f"The points {pairs} have x and y. What is their correlation r, the "
                "average product of the z-scores?"
            ),
            kind="number",
            answer=r,
            tolerance=0.005,
            hint="Standardise each column (subtract its mean, divide by its standard "
            "deviation), multiply the pairs and average.",
            solution=(
                f"cov = {fmt(covariance(a, b), 3)}, σx = {fmt(std(a), 3)}, "
                f"σy = {fmt(std(b), 3)}, so r = {fmt(r, 3)}."
            ),
        ),
    ]
