"""The central limit theorem: averages of skewed samples pile up into a normal curve.

Draw values from a lopsided distribution (exponential, gamma or log-normal, with a
known mean ``mu`` and standard deviation ``sigma``), group them into samples of
``n`` and average each sample. One mean at a time, a histogram of the means grows
into a hill that is much less lopsided than the source, and the normal curve with
mean ``mu`` and standard deviation ``sigma / sqrt(n)`` fits it.

Because the theorem is about ``n`` growing, a chapter then shows the means of
1, 2, 5 and 30 draws side by side, each with its normal curve, the skewness
falling like ``1 / sqrt(n)``; the machine-learning beat reads a minibatch
gradient as a sample mean, its measured spread on the curve ``sigma / sqrt(B)``.
The recap is one line over the four panels.

The draws are seeded. Everything the scene draws and says comes from the pure
functions below (numpy only), which the tests check on their own and against
scipy.stats. Numbers are spoken to two significant figures (the kit's ``say_sig``) and
symbols as words (``say=``); the screen keeps three decimals.

General claims (text and narration), and why each holds:

- "Its mean is ... and its standard deviation is ...": exact moments of each
  source (tested against scipy.stats).
- "The histogram of the draws has the same lopsided shape": it estimates the
  density drawn beside it (same seeded draws).
- "Far more symmetric than the source" is said only when the means' skewness
  ``skew / sqrt(n)`` is at most 0.5, else "less lopsided" (computed).
- "The theorem predicts a normal centred on the source mean with standard
  deviation sigma over the square root of n": the mean of n independent draws
  has exactly mean mu and sd ``sigma / sqrt(n)``; that its shape approaches the
  normal is the central limit theorem (Lindeberg-Levy), which needs independent
  draws from a source with a finite variance, as the narration says; every
  source here has one (exact moments, tested).
- "The means agree: they average ..., sd ...": measured on the same draws
  (tested), and "a little lopsidedness is left, it fades as n grows" is said
  only when ``skew / sqrt(n) > 0.3``; the next chapter shows it fade.
- "Each step the hill narrows and its skewness falls, from 2 to 0.37": the
  skewness of the mean of n draws is the source's over ``sqrt(n)`` (tested
  against scipy); the words are computed from it (tested on the scene).
- "A minibatch gradient is the average of the B examples' gradients, a sample
  mean, so its noise shrinks like sigma over root B; four times the batch, half
  the noise": true for examples drawn independently (with replacement) from the
  data, since the sd of a mean of B independent values is ``sigma / sqrt(B)``;
  the dots are measured sds of means of our draws (within 15% for any seed,
  Hypothesis).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.params import Choice, Int, Seed
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, say_sig
from scenes.kit.stats import normal_pdf
from scenes.kit.ticks import nice_step, tick_places
from scenes.style import *

__all__ = [
    "BATCHES",
    "DIGITS",
    "GROWTH",
    "SHOWN",
    "SOURCES",
    "CentralLimitTheorem",
    "Source",
    "count_at",
    "displayed",
    "draw_samples",
    "fill_rate",
    "histogram",
    "mean_bin_edges",
    "mean_stats",
    "means_density",
    "means_skewness",
    "measured_spreads",
    "practice",
    "sample_means",
    "source_bin_edges",
    "standard_error",
    "window",
    "zoom_window",
]

#: Decimal places of the statistics on screen.
DIGITS = 3
#: Samples dropped into the histogram one by one before it fills up fast.
SHOWN = 4
#: The sample sizes of the "growing n" panels: the theorem is about n growing.
GROWTH = (1, 2, 5, 30)
#: Batch sizes of the machine-learning beat (minibatch gradient noise).
BATCHES = (1, 2, 4, 8, 16, 32)

Density = Callable[[np.ndarray], np.ndarray]
Sampler = Callable[[np.random.Generator, tuple[int, int]], np.ndarray]

_LOGNORMAL_S = 0.5  # shape (sd of log X) of the log-normal source


@dataclass(frozen=True)
class Source:
    """A skewed distribution the lesson samples: its density, moments and window.

    ``x_hi`` is where the drawn window ends (about the 99.5th percentile);
    ``kurtosis`` is the excess kurtosis, ``skewness`` the third standardised moment.
    """

    pdf: Density
    draw: Sampler
    mean: float
    sd: float
    skewness: float
    kurtosis: float
    x_hi: float
    name: str  # as shown
    tex: str  # its density, as TeX
    describe: str  # what it looks like, one clause


def _exponential_pdf(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, np.exp(-np.maximum(x, 0.0)), 0.0)


def _gamma2_pdf(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, np.maximum(x, 0.0) * np.exp(-np.maximum(x, 0.0)), 0.0)


def _lognormal_pdf(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    safe = np.where(x > 0, x, 1.0)
    s = _LOGNORMAL_S
    density = np.exp(-(np.log(safe) ** 2) / (2 * s * s)) / (
        safe * s * math.sqrt(2 * math.pi)
    )
    return np.where(x > 0, density, 0.0)


def _lognormal_moments(s: float) -> tuple[float, float, float, float]:
    w = math.exp(s * s)
    mean = math.exp(s * s / 2)
    sd = math.sqrt((w - 1) * w)
    skew = (w + 2) * math.sqrt(w - 1)
    kurt = w**4 + 2 * w**3 + 3 * w**2 - 6
    return mean, sd, skew, kurt


_LN = _lognormal_moments(_LOGNORMAL_S)

#: The source distributions, with exact moments.
SOURCES: dict[str, Source] = {
    "exponential": Source(
        pdf=_exponential_pdf,
        draw=lambda rng, shape: rng.exponential(1.0, shape),
        mean=1.0,
        sd=1.0,
        skewness=2.0,
        kurtosis=6.0,
        x_hi=5.5,
        name="exponential",
        tex=r"f(x) = e^{-x}",
        describe="most values are small and a few are large",
    ),
    "gamma": Source(
        pdf=_gamma2_pdf,
        draw=lambda rng, shape: rng.gamma(2.0, 1.0, shape),
        mean=2.0,
        sd=math.sqrt(2.0),
        skewness=math.sqrt(2.0),
        kurtosis=3.0,
        x_hi=7.5,
        name="gamma",
        tex=r"f(x) = x\,e^{-x}",
        describe="a hump near 1 with a long tail to the right",
    ),
    "lognormal": Source(
        pdf=_lognormal_pdf,
        draw=lambda rng, shape: rng.lognormal(0.0, _LOGNORMAL_S, shape),
        mean=_LN[0],
        sd=_LN[1],
        skewness=_LN[2],
        kurtosis=_LN[3],
        x_hi=3.7,
        name="log-normal",
        tex=r"\ln X \sim N(0,\, 0.5^2)",
        describe="values bunched below 1 with a long tail to the right",
    ),
}


# -- the math ------------------------------------------------------------------------


def draw_samples(source: str, n: int, samples: int, seed: int) -> np.ndarray:
    """``samples`` rows of ``n`` independent draws from the source, seeded."""
    rng = np.random.default_rng(seed)
    return np.asarray(SOURCES[source].draw(rng, (samples, n)), dtype=float)


def sample_means(draws: np.ndarray) -> np.ndarray:
    """The mean of every sample (row)."""
    return np.asarray(draws, dtype=float).mean(axis=1)


def mean_stats(means: np.ndarray) -> tuple[float, float]:
    """The average of the sample means and their sample standard deviation."""
    means = np.asarray(means, dtype=float)
    return float(means.mean()), float(means.std(ddof=1))


def standard_error(source: str, n: int) -> float:
    """What the theorem predicts for the spread of the means: ``sigma / sqrt(n)``."""
    return SOURCES[source].sd / math.sqrt(n)


def means_skewness(source: str, n: int) -> float:
    """Skewness of the mean of ``n`` draws: the source's, divided by ``sqrt(n)``."""
    return SOURCES[source].skewness / math.sqrt(n)


def window(
    source: str, n: int, draws: np.ndarray, shown: int = SHOWN
) -> tuple[float, float, float]:
    """``(lo, hi, tick)``: one x window, on whole ticks, for both histograms.

    It holds the source's bulk, the predicted normal to 3.5 standard errors, every
    sample mean and every draw of the samples shown one by one.
    """
    spec = SOURCES[source]
    se = standard_error(source, n)
    means = sample_means(draws)
    lo = min(0.0, spec.mean - 3.5 * se, float(means.min()))
    hi = max(
        spec.x_hi,
        spec.mean + 3.5 * se,
        float(means.max()),
        float(np.max(draws[:shown])),
    )
    step = nice_step(hi - lo, 9)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def zoom_window(
    mu: float, se: float, means: np.ndarray, margin: float = 0.0
) -> tuple[float, float, float]:
    """``(lo, hi, tick)``: a close-up on whole ticks of ``mu`` plus or minus 3.5
    standard errors that still holds every mean (and ``margin`` more each side)."""
    lo = min(mu - 3.5 * se, float(np.min(means))) - margin
    hi = max(mu + 3.5 * se, float(np.max(means))) + margin
    step = nice_step(hi - lo, 9)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def source_bin_edges(hi: float, bins: int = 40) -> np.ndarray:
    """Bins for the histogram of the draws, from 0 to ``hi``."""
    return np.linspace(0.0, hi, bins + 1)


def mean_bin_edges(
    mu: float, se: float, samples: int, lo: float, hi: float
) -> np.ndarray:
    """Bins for the histogram of the means: one centred on ``mu``, covering [lo, hi].

    About ``sqrt(samples)`` bins (10 to 30) span ``mu`` plus or minus 3 standard errors.
    """
    across = float(np.clip(math.sqrt(samples), 10, 30))
    width = 6.0 * se / across
    first = math.floor((lo - mu) / width - 0.5)
    last = math.ceil((hi - mu) / width + 0.5)
    return mu + width * (np.arange(first, last + 1) - 0.5)


def histogram(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts of ``values`` in the bins (right edges closed only for the last bin)."""
    counts, _ = np.histogram(np.asarray(values, dtype=float), bins=edges)
    return counts


def count_at(u: float, shown: int, total: int) -> int:
    """How many means are in the histogram at progress ``u`` of the fast fill.

    Grows geometrically from ``shown`` at ``u = 0`` to ``total`` at ``u = 1``, so the
    first samples arrive one by one and the last in thousands.
    """
    u = min(1.0, max(0.0, float(u)))
    if total <= shown:
        return total
    return round(shown * (total / shown) ** u)


def fill_rate(shown: int, total: int) -> Callable[[float], float]:
    """A rate function taking a tracker from ``shown`` to ``total`` geometrically.

    At time ``t`` the tracker is at ``shown * (total / shown) ** t``, as :func:`count_at`.
    """

    def rate(t: float) -> float:
        if total <= shown:
            return 1.0
        return (shown * (total / shown) ** t - shown) / (total - shown)

    return rate


def means_density(
    source: str, n: int, samples: int, seed: int, edges: np.ndarray
) -> np.ndarray:
    """Density histogram of ``samples`` means of ``n`` draws, over ``edges``.

    Counts divided by ``samples`` times the bin width, so the bars' area is the
    share of means inside the edges (at most 1). Shape: ``len(edges) - 1``.
    """
    means = sample_means(draw_samples(source, n, samples, seed))
    width = np.diff(np.asarray(edges, dtype=float))
    return histogram(means, edges) / (samples * width)


def measured_spreads(
    source: str, sizes: tuple[int, ...], samples: int, seed: int
) -> list[float]:
    """The measured standard deviation of ``samples`` means, for each size in ``sizes``.

    The theorem predicts ``sigma / sqrt(n)`` (:func:`standard_error`); with 2000
    samples each is within a few percent of it (tested over seeds).
    """
    return [
        mean_stats(sample_means(draw_samples(source, n, samples, seed)))[1]
        for n in sizes
    ]


def displayed(x: float, digits: int = DIGITS) -> float:
    """``x`` rounded as a number on screen shows it, with no ``-0``."""
    return round(float(x), digits) + 0.0


# -- layout (scene units) --------------------------------------------------------------
PLOT_LEFT, PLOT_RIGHT = -6.5, 2.2
TOP_AXIS, TOP_HEIGHT = 1.15, 2.05  # the draws' x-axis and tallest bar
LOW_AXIS = CONTENT_BOTTOM + 0.6  # the means' x-axis
LOW_HEIGHT = 2.55  # tallest bar of the means
RIGHT_X = 2.75  # left edge of the readouts
PANEL = 34  # formula size of the readouts
BLOCK = 0.22  # height of one mean while they arrive one by one
TICKS = 34  # tick numbers: digits about 14 px tall at 480p


class CentralLimitTheorem(CourseLesson):
    """Means of skewed samples pile up into a normal with spread sigma / sqrt(n)."""

    params = {
        "source": Choice(
            "exponential",
            list(SOURCES),
            help="the skewed distribution the values are drawn from",
        ),
        "n": Int(10, lo=2, hi=30, help="values averaged in each sample"),
        "samples": Int(2000, lo=100, hi=10000, help="how many samples are averaged"),
        "seed": Seed(0, help="random seed of the draws"),
    }

    def construct(self) -> None:
        a = self.args
        self.spec = SOURCES[a.source]
        self.draws = draw_samples(a.source, a.n, a.samples, a.seed)
        self.means = sample_means(self.draws)
        self.se = standard_error(a.source, a.n)
        self.lo, self.hi, self.step = window(a.source, a.n, self.draws)
        self.edges = mean_bin_edges(
            self.spec.mean, self.se, a.samples, self.lo, self.hi
        )
        self.title_card(
            "The central limit theorem", "Why do averages look normal when data is not?"
        )
        self.show_source()
        self.show_draws()
        self.first_sample()
        self.more_samples()
        self.fill_histogram()
        self.predict_normal()
        self.measure()
        self.growing_n()
        self.minibatch_noise()
        self.recap_over(
            [self.panels],
            "Means of n draws: centred on μ, spread σ/√n, nearer normal as n grows.",
            say="Means of n independent draws centre on mu, spread like sigma over "
            "the square root of n, and look more normal as n grows.",
        )

    # -- drawing helpers ---------------------------------------------------------------
    def make_axes(
        self,
        axis_y: float,
        height: float,
        x_window: tuple[float, float, float] | None = None,
    ) -> Axes:
        """An x-axis over ``x_window`` (the shared one by default); y runs 0 to 1."""
        lo, hi, step = x_window or (self.lo, self.hi, self.step)
        return plot_axes(
            [lo, hi, step],
            width=PLOT_RIGHT - PLOT_LEFT,
            height=height,
            start=[PLOT_LEFT, axis_y],
            numbers=np.arange(lo, hi + step / 2, step),
            places=tick_places(step),
            hide_y=True,  # the shape needs no y scale
            number_size=TICKS,
        )

    def bars(
        self,
        axes: Axes,
        edges: np.ndarray,
        heights: np.ndarray,
        color: str,
        opacity: float,
    ) -> VGroup:
        """A histogram: one rectangle per non-empty bin, ``heights`` in axes units."""
        group = VGroup()
        for left, right, h in zip(edges[:-1], edges[1:], heights, strict=True):
            if h <= 0:
                continue
            x0, x1 = axes.c2p(left, 0)[0], axes.c2p(right, 0)[0]
            bottom = axes.c2p(left, 0)[1]
            top = axes.c2p(left, min(float(h), 1.0))[1]
            bar = Rectangle(width=x1 - x0, height=top - bottom, stroke_width=1)
            bar.set_stroke(color, opacity=0.9).set_fill(color, opacity=opacity)
            bar.move_to([(x0 + x1) / 2, bottom, 0], aligned_edge=DOWN)
            group.add(bar)
        return group

    def count_scale(self, counts: np.ndarray, k: int) -> float:
        """Axes height of one count: a fixed block at first, zooming out as it grows.

        The tallest bar, and the predicted curve for ``k`` means, always fit.
        """
        width = self.edges[1] - self.edges[0]
        expected_peak = k * width * normal_pdf(self.spec.mean, self.spec.mean, self.se)
        tallest = max(float(np.max(counts, initial=0)), expected_peak, 1.0)
        return min(BLOCK / LOW_HEIGHT, 0.95 / tallest)

    def mean_bars(self, k: int) -> VGroup:
        counts = histogram(self.means[:k], self.edges)
        scale = self.count_scale(counts, k)
        return self.bars(self.low_axes, self.edges, counts * scale, ORANGE, 0.75)

    # -- beats ---------------------------------------------------------------------------
    def show_source(self) -> None:
        spec = self.spec
        self.top_axes = self.make_axes(TOP_AXIS, TOP_HEIGHT)
        ax = self.top_axes
        edges = source_bin_edges(self.hi)
        width = edges[1] - edges[0]
        density = histogram(self.draws.ravel(), edges) / (self.draws.size * width)
        xs = np.linspace(max(self.lo, 0.0), self.hi, 400)
        peak = max(float(np.max(spec.pdf(xs[1:]))), float(density.max()))
        self.top_scale = 0.95 / peak  # axes units per unit of density
        curve = ax.plot(
            lambda x: float(spec.pdf(np.array([x]))[0]) * self.top_scale,
            x_range=[max(self.lo, 1e-4), self.hi, (self.hi - self.lo) / 300],
        ).set_stroke(BLUE, width=4)
        self.source_curve = curve
        self.source_density = density
        self.source_edges = edges
        name = text(f"source: {spec.name}", SMALL, BLUE)
        formula = tex(spec.tex, size=PANEL, color=BLUE)
        mu = tex(rf"\mu = {fmt(spec.mean, DIGITS)}", size=PANEL)
        sd = tex(rf"\sigma = {fmt(spec.sd, DIGITS)}", size=PANEL)
        card = VGroup(name, formula, mu, sd).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        card.move_to([RIGHT_X, TOP_AXIS + TOP_HEIGHT + 0.1, 0], aligned_edge=LEFT + UP)
        self.source_card = card
        with self.beat(
            f"Start with a lopsided distribution, the {spec.name}: {spec.describe}. "
            f"Its mean is {fmt(spec.mean, DIGITS)} and its standard deviation is "
            f"{fmt(spec.sd, DIGITS)}.",
            say=f"Start with a lopsided distribution, the {spec.name}: {spec.describe}. "
            f"Its mean, mu, is {say_sig(spec.mean)}, and its standard deviation, sigma, "
            f"is {say_sig(spec.sd)}.",
            chapter="A skewed source",
        ):
            self.play(Create(ax), run_time=1.0)
            self.play(Create(curve), FadeIn(card[:2]), run_time=1.5)
            self.play(FadeIn(card[2:]), run_time=0.8)

    def show_draws(self) -> None:
        total = self.draws.size
        hist = self.bars(
            self.top_axes,
            self.source_edges,
            self.source_density * self.top_scale,
            BLUE,
            0.35,
        )
        label = text(f"{total} draws", SMALL, MUTED)
        label.next_to(self.source_card, DOWN, buff=0.35, aligned_edge=LEFT)
        self.draw_label = label
        with self.beat(
            f"Draw {total} values from it. Their histogram has the same lopsided shape.",
        ):
            self.play(
                LaggedStart(*(FadeIn(b, shift=0.1 * UP) for b in hist), lag_ratio=0.03),
                FadeIn(label),
                run_time=1.8,
            )
            self.add(self.source_curve)
        self.source_hist = hist

    def sample_dots(self, row: int) -> VGroup:
        ax = self.top_axes
        return VGroup(
            *(
                Dot(ax.c2p(x, 0) + 0.12 * UP, radius=0.07, color=ACCENT)
                for x in self.draws[row]
            )
        )

    def mean_tick(self, row: int) -> Line:
        ax = self.top_axes
        x = self.means[row]
        return Line(ax.c2p(x, 0), ax.c2p(x, 0.55), color=ORANGE, stroke_width=5)

    def block(self, row: int, axes: Axes, scale: float) -> Rectangle:
        """The bin a mean falls in, one count high, on ``axes``."""
        k = int(np.searchsorted(self.edges, self.means[row], side="right") - 1)
        left, right = self.edges[k], self.edges[k + 1]
        x0, x1 = axes.c2p(left, 0)[0], axes.c2p(right, 0)[0]
        rect = Rectangle(width=x1 - x0, height=scale * LOW_HEIGHT, stroke_width=1)
        rect.set_stroke(ORANGE, opacity=0.9).set_fill(ORANGE, opacity=0.75)
        return rect.move_to([(x0 + x1) / 2, axes.c2p(left, 0)[1], 0], aligned_edge=DOWN)

    def first_sample(self) -> None:
        n = self.args.n
        self.low_axes = self.make_axes(LOW_AXIS, LOW_HEIGHT)
        low = self.low_axes
        self.k = ValueTracker(0)
        dots = self.sample_dots(0)
        tick = self.mean_tick(0)
        xbar = tex(r"\bar{x}", size=PANEL, color=ORANGE).next_to(tick, UP, buff=0.08)
        self.low_label = text(f"means of {n} draws", SMALL, ORANGE)
        self.low_label.move_to(
            [RIGHT_X, LOW_AXIS + LOW_HEIGHT - 0.1, 0], aligned_edge=LEFT + UP
        )
        first = tex(
            rf"\bar{{x}}_1 = {fmt(self.means[0], DIGITS)}", size=PANEL, color=ORANGE
        )
        first.next_to(self.low_label, DOWN, buff=0.3, aligned_edge=LEFT)
        start = self.block(0, low, BLOCK / LOW_HEIGHT)
        start.move_to(tick.get_bottom(), aligned_edge=DOWN)
        with self.beat(
            f"Now take {n} of the values at a time, a sample, and average them. This "
            f"sample's mean is {fmt(self.means[0], DIGITS)}. It becomes one block in a "
            "new histogram, of sample means.",
            say=f"Now take {n} of the values at a time, a sample, and average them. "
            f"This sample's mean is about {say_sig(self.means[0])}. It becomes one block "
            "in a new histogram, of sample means.",
            chapter="Averaging samples",
        ):
            self.play(
                self.source_hist.animate.set_fill(opacity=0.12).set_stroke(opacity=0.3),
                self.source_curve.animate.set_stroke(opacity=0.4),
                run_time=0.6,
            )
            self.play(
                LaggedStart(*(FadeIn(d, scale=0.5) for d in dots), lag_ratio=0.1),
                run_time=1.0,
            )
            self.play(
                *(d.animate.move_to(tick.get_bottom() + 0.12 * UP) for d in dots),
                run_time=0.9,
            )
            self.play(
                FadeIn(tick), FadeIn(xbar), FadeOut(dots), FadeIn(first), run_time=0.6
            )
            self.play(Create(low), FadeIn(self.low_label), run_time=0.8)
            self.play(FadeIn(start), run_time=0.3)
            self.play(
                start.animate.move_to(self.block(0, low, BLOCK / LOW_HEIGHT)),
                run_time=0.9,
            )
        self.first_mean = VGroup(tick, xbar)
        self.first_value = first
        self.hist = always_redraw(lambda: self.mean_bars(round(self.k.get_value())))
        self.k.set_value(1)
        self.remove(start)
        self.add(self.hist)

    def more_samples(self) -> None:
        with self.beat(
            "Another sample, another mean, another block.",
        ):
            self.play(FadeOut(self.first_mean, self.first_value), run_time=0.4)
            for row in range(1, SHOWN):
                dots = self.sample_dots(row)
                tick = self.mean_tick(row)
                self.play(FadeIn(dots, lag_ratio=0.1), run_time=0.5)
                self.play(
                    *(d.animate.move_to(tick.get_bottom() + 0.12 * UP) for d in dots),
                    run_time=0.5,
                )
                block = self.block(row, self.low_axes, BLOCK / LOW_HEIGHT)
                drop = block.copy().move_to(tick.get_bottom(), aligned_edge=DOWN)
                self.remove(*dots)
                self.add(drop)
                counts = histogram(self.means[:row], self.edges)
                k = int(np.searchsorted(self.edges, self.means[row], side="right") - 1)
                target = block.shift(counts[k] * BLOCK * UP)
                self.play(drop.animate.move_to(target), run_time=0.6)
                self.remove(drop)
                self.k.set_value(row + 1)

    def fill_histogram(self) -> None:
        total = self.args.samples
        k = self.k
        counter = DecimalNumber(
            SHOWN, num_decimal_places=0, font_size=PANEL, color=ORANGE
        )
        caption = tex(r"\text{samples:}", size=PANEL, color=ORANGE)
        row = VGroup(caption, counter).arrange(RIGHT, buff=0.2)
        row.next_to(self.low_label, DOWN, buff=0.3, aligned_edge=LEFT)
        counter.add_updater(lambda m: m.set_value(round(k.get_value())))
        self.counter_row = row
        shape = (
            "It is far more symmetric than the source"
            if means_skewness(self.args.source, self.args.n) <= 0.5
            else "It is less lopsided than the source"
        )
        with self.beat(
            f"Keep going, faster and faster, up to {total} sample means. {shape}: "
            f"one hill, around {fmt(self.spec.mean, DIGITS)}.",
        ):
            self.play(FadeIn(row), run_time=0.5)
            self.play(
                k.animate.set_value(total),
                run_time=6.0,
                rate_func=fill_rate(SHOWN, total),
            )
            self.remove(k)  # a tracker keeps its value as a point: not on screen
        counter.clear_updaters()

    def predict_normal(self) -> None:
        n, total = self.args.n, self.args.samples
        mu, se = self.spec.mean, self.se
        counts = histogram(self.means, self.edges)
        scale = self.count_scale(counts, total)
        width = self.edges[1] - self.edges[0]
        static = self.bars(self.low_axes, self.edges, counts * scale, ORANGE, 0.75)
        self.remove(self.hist)
        self.add(static)
        zoom = zoom_window(mu, se, self.means, width)
        zoomed = self.make_axes(LOW_AXIS, LOW_HEIGHT, zoom)
        close_up = self.bars(zoomed, self.edges, counts * scale, ORANGE, 0.75)
        curve = zoomed.plot(
            lambda x: total * width * normal_pdf(x, mu, se) * scale,
            x_range=[zoom[0], zoom[1], (zoom[1] - zoom[0]) / 400],
        ).set_stroke(GREEN, width=5)
        formula = tex(
            r"\sigma / \sqrt{n}",
            rf"= {fmt(self.spec.sd, DIGITS)} / \sqrt{{{n}}}",
            rf"= {fmt(se, DIGITS)}",
            size=PANEL,
            color=GREEN,
        )
        formula.next_to(self.counter_row, DOWN, buff=0.3, aligned_edge=LEFT)
        self.prediction = formula
        self.normal_curve = curve
        with self.beat(
            "Zoom in. The central limit theorem predicts this hill: a normal curve "
            "centred on the "
            f"source mean, {fmt(mu, DIGITS)}, with standard deviation σ/√n: "
            f"{fmt(self.spec.sd, DIGITS)}/√{n} = {fmt(se, DIGITS)}.",
            say="Zoom in. The central limit theorem predicts this hill: a normal curve "
            f"centred on the source mean, {say_sig(mu)}, with standard deviation sigma "
            f"over the square root of n: {say_sig(self.spec.sd)} over the square root of "
            f"{n}, about {say_sig(se)}.",
            chapter="The normal curve",
            key=True,
        ):
            self.play(
                ReplacementTransform(self.low_axes, zoomed),
                ReplacementTransform(static, close_up),
                run_time=1.5,
            )
            self.low_axes = zoomed
            self.play(Create(curve), run_time=2.0)
            self.play(FadeIn(formula), run_time=0.8)
            self.wait(1.5)  # let the prediction land

    def measure(self) -> None:
        total = self.args.samples
        average, spread = mean_stats(self.means)
        measured = VGroup(
            tex(rf"\text{{sd of means}} = {fmt(spread, DIGITS)}", size=PANEL),
            tex(rf"\text{{mean of means}} = {fmt(average, DIGITS)}", size=PANEL),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        measured.next_to(self.prediction, DOWN, buff=0.3, aligned_edge=LEFT)
        leftover = (
            " The fit is close, not perfect: a little of the source's lopsidedness is "
            "left, and it fades as n grows."
            if means_skewness(self.args.source, self.args.n) > 0.3
            else ""
        )
        with self.beat(
            f"And the {total} means agree: they average {fmt(average, DIGITS)}, with a "
            f"standard deviation of {fmt(spread, DIGITS)}.{leftover}",
            say=f"And the {total} means agree: they average about {say_sig(average)}, "
            f"with a standard deviation of about {say_sig(spread)}.{leftover}",
        ):
            self.play(FadeIn(measured, shift=0.1 * UP), run_time=0.8)
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    def growing_n(self) -> None:
        """The theorem is about n growing: the means at n = 1, 2, 5 and 30."""
        a, spec = self.args, self.spec
        hi = spec.x_hi
        step = nice_step(hi, 4)
        edges = np.linspace(0.0, hi, 56)
        width, gap, height = 3.1, 0.42, 2.3
        axis_y = 0.2
        self.panels = VGroup()
        for i, n in enumerate(GROWTH):
            left = -config.frame_width / 2 + 0.35 + i * (width + gap)
            ax = plot_axes(
                [0, math.ceil(hi / step) * step, step],
                width=width,
                height=height,
                start=[left, axis_y],
                numbers=np.arange(0, hi + step / 2, step),
                places=tick_places(step),
                hide_y=True,
                number_size=TICKS,
            )
            density = means_density(a.source, n, a.samples, a.seed, edges)
            se = standard_error(a.source, n)
            peak = max(float(density.max()), normal_pdf(spec.mean, spec.mean, se))
            bars = self.bars(ax, edges, density * 0.9 / peak, ORANGE, 0.75)
            curve = ax.plot(
                lambda x, se=se, peak=peak: normal_pdf(x, spec.mean, se) * 0.9 / peak,
                x_range=[
                    max(0.0, spec.mean - 4 * se),
                    min(hi, spec.mean + 4 * se),
                    hi / 300,
                ],
            ).set_stroke(GREEN, width=3)
            title = text(f"n = {n}", SMALL, ORANGE)
            title.move_to(ax.c2p(hi, 0.95), aligned_edge=RIGHT + UP)
            skew = tex(
                rf"\text{{skew}} = {fmt(means_skewness(a.source, n), 2)}",
                size=PANEL,
                color=MUTED,
            )
            skew.next_to(ax, DOWN, buff=0.55).align_to(ax, LEFT)
            self.panels.add(VGroup(ax, bars, curve, title, skew))
        skews = [means_skewness(a.source, n) for n in GROWTH]
        note = text("green: the normal curve with the same mean and σ/√n", SMALL, GREEN)
        note.move_to([0, axis_y - 1.75, 0])
        self.panel_note = note
        with self.beat(
            f"The theorem is about n growing. Here are {a.samples} means of 1, 2, 5 "
            "and 30 draws. At n = 1 they are the source itself; each step the hill "
            f"narrows and its skewness falls, from {fmt(skews[0], 2)} to "
            f"{fmt(skews[-1], 2)}.",
            say=f"The theorem is about n growing. Here are {a.samples} means of one, "
            "two, five and thirty draws. At n equals one they are the source itself; "
            "each step the hill narrows, and its skewness falls, from "
            f"{say_sig(skews[0])} to {say_sig(skews[-1])}.",
            chapter="Growing n",
        ):
            for panel in self.panels:
                self.play(
                    FadeIn(panel[0], panel[3]),
                    LaggedStart(*(FadeIn(b) for b in panel[1]), lag_ratio=0.02),
                    run_time=1.0,
                )
                self.play(Create(panel[2]), FadeIn(panel[4]), run_time=0.6)
        with self.beat(
            "The normal curve fits better and better. That needs independent draws "
            "from a source with a finite variance; all three sources here have one.",
        ):
            self.play(FadeIn(note), run_time=0.8)
            self.play(
                *(p[2].animate.set_stroke(width=6) for p in self.panels), run_time=0.8
            )
            self.play(
                *(p[2].animate.set_stroke(width=3) for p in self.panels), run_time=0.6
            )

    def minibatch_noise(self) -> None:
        """A minibatch gradient is a mean: its noise shrinks like 1 / sqrt(batch)."""
        a, spec = self.args, self.spec
        spreads = measured_spreads(a.source, BATCHES, a.samples, a.seed)
        top = spec.sd * 1.1
        ystep = nice_step(top, 4)
        ax = plot_axes(
            [0, BATCHES[-1], 8],
            [0, math.ceil(top / ystep) * ystep, ystep],
            width=7.0,
            height=3.4,
            start=[-5.6, CONTENT_BOTTOM + 0.9],
            numbers=np.arange(0, BATCHES[-1] + 1, 8),
            number_size=TICKS,
        )
        xlabel = text("batch size B", SMALL, MUTED).next_to(ax, RIGHT, buff=0.2)
        xlabel.align_to(ax.c2p(0, 0), DOWN)
        ylabel = text("spread of the mean", SMALL, MUTED)
        ylabel.next_to(ax.y_axis, UP, buff=0.15).align_to(ax.c2p(0, 0), LEFT)
        curve = ax.plot(
            lambda b: spec.sd / math.sqrt(b), x_range=[0.6, BATCHES[-1], 0.1]
        ).set_stroke(GREEN, width=4)
        dots = VGroup(
            *(
                Dot(ax.c2p(b, s), radius=0.08, color=ORANGE)
                for b, s in zip(BATCHES, spreads, strict=True)
            )
        )
        law = tex(r"\text{noise} = \sigma / \sqrt{B}", size=PANEL, color=GREEN)
        law.move_to([RIGHT_X, ax.c2p(0, top)[1], 0], aligned_edge=LEFT + UP)
        legend = text("dots: measured spread", SMALL, ORANGE)
        legend.next_to(law, DOWN, buff=0.3, aligned_edge=LEFT)
        with self.beat(
            "In machine learning, a minibatch gradient is the average of the gradients "
            "of the B examples in the batch, a sample mean. So its noise shrinks like "
            "σ/√B: four times the batch, half the noise.",
            say="In machine learning, a minibatch gradient is the average of the "
            "gradients of the B examples in the batch: a sample mean. So its noise "
            "shrinks like sigma over the square root of B: four times the batch, half "
            "the noise.",
            chapter="In machine learning",
        ):
            self.play(FadeOut(self.panel_note, self.panels), run_time=0.5)
            self.play(Create(ax), FadeIn(xlabel, ylabel), run_time=0.8)
            self.play(Create(curve), FadeIn(law), run_time=1.0)
            self.play(
                LaggedStart(*(FadeIn(d, scale=0.5) for d in dots), lag_ratio=0.2),
                FadeIn(legend),
                run_time=1.2,
            )
        chart = [ax, xlabel, ylabel, curve, dots, law, legend]
        self.play(FadeOut(*chart), FadeIn(self.panels), run_time=0.8)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: Sample sizes with short decimal standard errors for each source's sigma.
_PRACTICE_SIZES = {"exponential": (4, 16, 25), "gamma": (2, 8, 18)}


def practice(seed: int) -> list[Exercise]:
    """Exercises on how averages behave, numbers drawn from ``seed``.

    A new source (exponential or gamma) and sample size for each seed. Three
    exercises: the spread of the means (:func:`standard_error`); their skewness
    (:func:`means_skewness`); and where about 95% of the means land.
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    name = str(rng.choice(list(_PRACTICE_SIZES)))
    source = SOURCES[name]
    n = int(rng.choice(_PRACTICE_SIZES[name]))
    se = standard_error(name, n)
    skew = means_skewness(name, n)
    band = (source.mean - 2 * se, source.mean + 2 * se)
    sd_tex = "\\sqrt{2}" if name == "gamma" else fmt(source.sd)
    skew_tex = "\\sqrt{2}" if name == "gamma" else fmt(source.skewness)
    setup = (
        f"Values come from a skewed {source.name} distribution with mean "
        f"$\\mu = {fmt(source.mean)}$, standard deviation $\\sigma = {sd_tex}$ and "
        f"skewness ${skew_tex}$. Samples of $n = {n}$ values are averaged."
    )
    return [
        Exercise(
            id="central-limit-theorem-1",
            prompt=f"{setup} What is the standard deviation of the sample means?",
            kind="number",
            answer=se,
            tolerance=0.005,
            hint="Averaging n values divides the spread by √n.",
            solution=f"$\\sigma/\\sqrt{{n}} = {sd_tex}/\\sqrt{{{n}}} = {fmt(se, 3)}$.",
        ),
        Exercise(
            id="central-limit-theorem-2",
            prompt=f"{setup} What is the skewness of the sample means?",
            kind="number",
            answer=skew,
            tolerance=0.005,
            hint="The skewness of a mean of n values is the source's divided by √n: the lopsidedness fades.",
            solution=f"${skew_tex}/\\sqrt{{{n}}} = {fmt(skew, 3)}$.",
        ),
        Exercise(
            id="central-limit-theorem-3",
            prompt=(
                f"{setup} The means pile up into a nearly normal curve. About 95% of them "
                "land in which interval, $\\mu \\pm 2$ standard errors?"
            ),
            kind="interval",
            answer=band,
            tolerance=0.01,
            hint="Centre μ; half-width twice σ/√n.",
            solution=(
                f"${fmt(source.mean)} \\pm 2 \\cdot {fmt(se, 3)}$ = "
                f"$[{fmt(band[0], 3)}, {fmt(band[1], 3)}]$."
            ),
        ),
    ]
