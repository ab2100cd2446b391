"""Confidence intervals: repeated samples, and how often their intervals catch the mean.

A population has a true mean ``mu`` that we never get to see. Draw a sample of
``n`` values and average them: the sample mean ``x-bar`` lands near ``mu`` but not
on it. The ``level`` confidence interval is ``x-bar +/- z* sigma / sqrt(n)``, a
z-interval (the population's standard deviation ``sigma`` is known), where ``z*``
is the normal quantile that leaves ``(1 - level) / 2`` in each tail. Repeat the
experiment with fresh, seeded samples: each gives its own interval, stacked one
above the other, and about ``level`` of them cover ``mu``. The misses show in red.

The level is a promise about the method, not about one interval: once drawn, an
interval either covers ``mu`` or it does not.

The machine-learning beat puts error bars on a model's test accuracy (the same
interval for a mean of zeros and ones, narrowing as the test set grows), and the
recap is one line over the stacked intervals.

Everything the scene draws and says comes from the pure functions below (the
standard library and numpy only), which the tests check against scipy.stats.

General claims (text and narration), and why each holds:

- "The sample mean lands near mu but not on it": a continuous mean equals mu
  with probability 0; the shown value is computed from the seeded sample.
- "A level interval reaches z* standard errors, sigma over root n, either side of
  x-bar": the z-interval with sigma known; ``z*`` is tested against scipy.
- What one run of intervals shows ("One interval, in red, misses mu ... 19 of 20
  cover it. That is exactly the 95% we asked for", or the run's own share and
  "over many more runs the share settles near the level"): the words come from
  :func:`coverage_words` applied to the same simulation's coverage, and a
  Hypothesis test over n, runs, level and seed checks they match the run;
  "exactly" is said only when the run's share shows as the level.
- "Ask for another level and every interval stretches (shrinks); now k of N
  cover mu": the verb follows the levels' order and k is counted (tested).
- "Higher confidence costs width": ``z*`` grows with the level (table tested).
- "In the long run, level of intervals built this way cover mu": for a normal
  population with known sigma the coverage is exactly the level (the law of
  large numbers makes the long-run share settle there).
- "It is not a level chance that mu lies in one particular interval; mu is
  fixed": the frequentist reading; once drawn, an interval covers mu or not.
- "A model's test accuracy is a sample mean; 90 right of 100 gives an interval
  from ... to ...; sixteen times the test set, a quarter of the width":
  accuracy is the mean of 0/1 outcomes; :func:`accuracy_interval` is the normal
  approximation ``p +/- z* sqrt(p (1 - p) / m)`` (tested against scipy), whose
  width falls like ``1 / sqrt(m)`` at the same p (tested). "A one-point gain
  between two models may be noise" is hedged ("may"): at 100 examples the
  interval is about 12 points wide.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
from manim import *

from mathreel.core.params import Float, Int, Seed
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, say_num, say_sig
from scenes.kit.stats import normal_pdf
from scenes.kit.ticks import DECIMAL_STEPS, nice_step, tick_places
from scenes.style import *

__all__ = [
    "LEVEL_MAX",
    "LEVEL_MIN",
    "MAX_N",
    "MAX_SAMPLES",
    "MIN_SAMPLES",
    "MU",
    "SIGMA",
    "ConfidenceIntervals",
    "accuracy_interval",
    "comparison_level",
    "count_progress",
    "coverage_words",
    "covers",
    "draw_samples",
    "grow_progress",
    "level_table",
    "percent",
    "population_window",
    "practice",
    "sample_means",
    "standard_error",
    "z_critical",
    "z_interval",
    "z_intervals",
    "zoom_window",
]

#: The population's true mean and standard deviation (the lesson's fixed world).
MU, SIGMA = 50.0, 10.0
#: Fewest and most repeated samples: the bars must stack legibly.
MIN_SAMPLES, MAX_SAMPLES = 5, 50
#: Largest sample size (its values are drawn as dots on one row).
MAX_N = 200
#: Confidence levels that read sensibly as a percentage with two decimals.
LEVEL_MIN, LEVEL_MAX = 0.01, 0.9999
#: Decimal places of the means and interval ends on screen.
DIGITS = 2


# -- the math ------------------------------------------------------------------------


def z_critical(level: float) -> float:
    """``z*``: the standard normal quantile leaving ``(1 - level) / 2`` in each tail."""
    return NormalDist().inv_cdf(0.5 + float(level) / 2.0)


def standard_error(sigma: float, n: int) -> float:
    """The standard deviation of a mean of ``n`` values: ``sigma / sqrt(n)``."""
    return float(sigma) / math.sqrt(n)


def z_interval(mean: float, sigma: float, n: int, level: float) -> tuple[float, float]:
    """The ``level`` z-interval ``mean +/- z* sigma / sqrt(n)`` (sigma known)."""
    margin = z_critical(level) * standard_error(sigma, n)
    return float(mean) - margin, float(mean) + margin


def z_intervals(means: np.ndarray, sigma: float, n: int, level: float) -> np.ndarray:
    """One z-interval per sample mean, as rows ``(low, high)``."""
    margin = z_critical(level) * standard_error(sigma, n)
    means = np.asarray(means, dtype=float)
    return np.column_stack([means - margin, means + margin])


def covers(intervals: np.ndarray, mu: float) -> np.ndarray:
    """Which intervals contain ``mu`` (ends included)."""
    intervals = np.asarray(intervals, dtype=float)
    return (intervals[:, 0] <= mu) & (mu <= intervals[:, 1])


def draw_samples(
    n: int, count: int, seed: int, mu: float = MU, sigma: float = SIGMA
) -> np.ndarray:
    """``count`` samples of ``n`` values from the normal population, as rows (seeded)."""
    rng = np.random.default_rng(seed)
    return rng.normal(mu, sigma, size=(count, n))


def sample_means(samples: np.ndarray) -> np.ndarray:
    """The mean of each sample (row)."""
    return np.asarray(samples, dtype=float).mean(axis=1)


def comparison_level(level: float) -> float:
    """A second level to compare with: 80% after a high level, else 99%."""
    return 0.8 if float(level) >= 0.9 else 0.99


def level_table(level: float) -> list[tuple[float, float]]:
    """``(level, z*)`` for the usual levels and the lesson's two, lowest first."""
    levels = {0.8, 0.9, 0.95, 0.99, float(level), comparison_level(level)}
    return [(lv, z_critical(lv)) for lv in sorted(levels)]


def coverage_words(hits: int, count: int, level: float) -> tuple[str, str]:
    """What one run shows, in words: how many intervals miss, and against the level.

    Parameters
    ----------
    hits, count : int
        Intervals that cover mu, of ``count`` drawn (``0 <= hits <= count``).
    level : float
        The confidence level asked for.

    Returns
    -------
    (said, verdict) : tuple of str
        The misses ("none", "One interval", "3 intervals") with ``hits of count``,
        and "exactly the level" only when the run's share shows as the level,
        else the run's share and that it settles near the level over many runs.
    """
    misses = count - hits
    if misses == 0:
        said = f"This time none of the {count} intervals miss: all {count} cover mu."
    elif misses == 1:
        said = f"One interval, in red, misses mu entirely. {hits} of {count} cover it."
    else:
        said = (
            f"{misses} intervals, in red, miss mu entirely. {hits} of {count} cover it."
        )
    if percent(hits / count) == percent(level):
        verdict = f"That is exactly the {percent(level)}% we asked for."
    else:
        verdict = (
            f"That is {percent(hits / count)}%; over many more runs the share "
            f"settles near {percent(level)}%."
        )
    return said, verdict


def accuracy_interval(correct: int, total: int, level: float) -> tuple[float, float]:
    """The approximate ``level`` interval for a model's accuracy on a test set.

    ``p +/- z* sqrt(p (1 - p) / total)`` with ``p = correct / total``: the
    accuracy is the mean of ``total`` zeros and ones, so the same z-interval
    with sigma estimated from ``p`` (the normal approximation; clipped to [0, 1]).
    """
    p = correct / total
    half = z_critical(level) * math.sqrt(p * (1.0 - p) / total)
    return max(0.0, p - half), min(1.0, p + half)


def percent(x: float) -> str:
    """A share as a percentage without the sign: ``95``, ``99.9``, ``12.35``."""
    return fmt(100.0 * float(x), 2)


def _window(lo: float, hi: float, most: int) -> tuple[float, float, float]:
    step = nice_step(hi - lo, most, DECIMAL_STEPS)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def population_window(
    first: tuple[float, float],
    samples: np.ndarray,
    mu: float = MU,
    sigma: float = SIGMA,
) -> tuple[float, float, float]:
    """``(lo, hi, tick)`` holding the population curve, the first sample and its interval."""
    lo = min(mu - 3.5 * sigma, first[0], float(np.min(samples)))
    hi = max(mu + 3.5 * sigma, first[1], float(np.max(samples)))
    return _window(lo, hi, 8)


def zoom_window(
    intervals: list[np.ndarray], mu: float = MU
) -> tuple[float, float, float]:
    """``(lo, hi, tick)`` centred on ``mu``, holding every interval with a little room."""
    reach = max(
        max(float(np.max(np.abs(i[:, 0] - mu))), float(np.max(np.abs(i[:, 1] - mu))))
        for i in intervals
    )
    half = 1.05 * reach
    step = nice_step(2 * half, 6, DECIMAL_STEPS)
    half = math.ceil(half / step - 1e-9) * step
    return mu - half, mu + half, step


def grow_progress(
    alpha: float, count: int, share: float = 0.25, end: float = 0.9
) -> np.ndarray:
    """How far each of ``count`` bars has grown at overall progress ``alpha``.

    Bar ``k`` grows during ``[start_k, start_k + share]``, the starts evenly spread
    so the bars appear one after the other, bottom to top. All are whole by
    ``alpha = end``: the last frames of the animation show the finished stack.
    """
    if count <= 1:
        return np.clip(np.full(count, float(alpha) / end), 0.0, 1.0)
    starts = np.linspace(0.0, end - share, count)
    return np.clip((float(alpha) - starts) / share, 0.0, 1.0)


def count_progress(
    alpha: float, hits: np.ndarray, share: float = 0.25, end: float = 0.9
) -> tuple[int, int]:
    """``(covered, drawn)`` so far: bars count once they are fully grown."""
    grown = grow_progress(alpha, len(hits), share, end) >= 1.0
    return int(np.sum(grown & np.asarray(hits, dtype=bool))), int(np.sum(grown))


def level_in_range(level: float) -> str | None:
    """A parameter requirement: a level that reads as a percentage."""
    if LEVEL_MIN <= level <= LEVEL_MAX:
        return None
    return f"outside [{LEVEL_MIN:g}, {LEVEL_MAX:g}], too close to 0% or 100% to show"


# -- layout (scene units) ---------------------------------------------------------------
PLOT_LEFT, PLOT_RIGHT = -6.6, 1.4
AXIS_Y = CONTENT_BOTTOM + 0.75  # the number line (its numbers sit below it)
TOP_Y = 3.0  # highest bar
RIGHT_X = 2.0  # left edge of the right-hand column
RIGHT_EDGE = 6.85
PANEL = 34  # formula size in the right-hand column
TICKS = 34  # tick numbers: digits about 14 px tall at 480p


class ConfidenceIntervals(CourseLesson):
    """Repeated samples; about the chosen share of their intervals cover the true mean."""

    params = {
        "n": Int(25, lo=1, hi=MAX_N, help="size of each sample"),
        "samples": Int(
            20,
            lo=MIN_SAMPLES,
            hi=MAX_SAMPLES,
            help="number of repeated samples (intervals stacked on screen)",
        ),
        "level": Float(
            0.95,
            lo=0,
            hi=1,
            lo_open=True,
            hi_open=True,
            help="confidence level of each interval",
            require=[level_in_range],
        ),
        "seed": Seed(15, help="random seed of the samples"),
    }

    # -- storyboard ---------------------------------------------------------------------
    def construct(self) -> None:
        n, count, level = self.args.n, self.args.samples, self.args.level
        self.compute(n, count, level, self.args.seed)
        self.title_card(
            "Confidence intervals",
            f"What does {percent(level)}% confident really mean?",
            say=f"Confidence intervals. What does {percent(level)} percent confident "
            "really mean?",
        )
        self.show_population()
        self.show_sample(n)
        self.build_interval(n, level)
        self.repeat(count, level)
        self.read_misses(count, level)
        self.change_level(count, level)
        self.meaning(level)
        self.model_accuracy(level)
        self.recap_over(
            self.picture,
            f"About {percent(level)}% of intervals built this way cover μ; "
            "one interval covers it or not.",
            say=f"About {percent(level)} percent of intervals built this way cover mu; "
            "one interval either covers it or not.",
        )

    # -- the numbers ------------------------------------------------------------------------
    def compute(self, n: int, count: int, level: float, seed: int) -> None:
        self.samples = draw_samples(n, count, seed)
        self.means = sample_means(self.samples)
        self.z = z_critical(level)
        self.se = standard_error(SIGMA, n)
        self.intervals = z_intervals(self.means, SIGMA, n, level)
        self.hits = covers(self.intervals, MU)
        self.other = comparison_level(level)
        self.other_intervals = z_intervals(self.means, SIGMA, n, self.other)
        self.other_hits = covers(self.other_intervals, MU)

    # -- geometry -----------------------------------------------------------------------------
    def make_axes(self, window: tuple[float, float, float], height: float) -> Axes:
        lo, hi, step = window
        ticks = np.arange(lo, hi + step / 2, step)
        return plot_axes(
            [lo, hi, step],
            width=PLOT_RIGHT - PLOT_LEFT,
            height=height,
            start=[PLOT_LEFT, AXIS_Y],
            x_only=True,
            numbers=ticks[:: 2 if len(ticks) > 9 else 1],
            places=tick_places(step),
            excluding=None,
            hide_y=True,
            number_size=TICKS,
        )

    def bar_y(self, k: int, count: int) -> float:
        gap = min(0.28, (TOP_Y - AXIS_Y - 0.45) / max(count - 1, 1))
        return AXIS_Y + 0.45 + k * gap

    def bar_width(self, count: int) -> float:
        return 7.0 if count <= 25 else 5.0

    def bar(
        self, axes: Axes, interval: np.ndarray, y: float, color: str, width: float
    ) -> Line:
        lo, hi = interval
        return Line(
            [axes.c2p(lo, 0)[0], y, 0],
            [axes.c2p(hi, 0)[0], y, 0],
            color=color,
            stroke_width=width,
        )

    def center_dot(self, axes: Axes, x: float, y: float, radius: float) -> Dot:
        return Dot([axes.c2p(x, 0)[0], y, 0], radius=radius, color=INK)

    def mean_line(self, axes: Axes, top: float) -> Line:
        x = axes.c2p(MU, 0)[0]
        return Line([x, AXIS_Y, 0], [x, top, 0], color=ACCENT, stroke_width=4)

    @staticmethod
    def on_baseline(row: VGroup, buff: float = 0.15) -> VGroup:
        """Arrange formulas and numbers left to right on one baseline.

        Each part's first glyph (a digit or a letter without a descender) sits on
        the line, so a trailing ``mu`` may hang below it as it should.
        """
        row.arrange(RIGHT, buff=buff)
        base = first_glyph(row[0]).get_bottom()[1]
        for part in row[1:]:
            part.shift((base - first_glyph(part).get_bottom()[1]) * UP)
        return row

    def share_label(self, hits: int, count: int, row: VGroup) -> VGroup:
        """``= 95%`` after the count, its digits on the count's baseline."""
        share = tex(rf"= {percent(hits / count)}\%", size=PANEL)
        share.next_to(row, RIGHT, buff=0.3)
        share.shift(
            (first_glyph(row[0]).get_bottom()[1] - share[0][1].get_bottom()[1]) * UP
        )
        return share

    def right_column(self, *rows: object, buff: float = 0.3) -> VGroup:
        group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=buff)
        room = RIGHT_EDGE - RIGHT_X
        if group.width > room:
            group.scale(room / group.width)
        return group

    # -- beats ------------------------------------------------------------------------------------
    def show_population(self) -> None:
        first = self.intervals[0]
        self.axes = self.make_axes(
            population_window(tuple(first), self.samples[0]), 2.6
        )
        self.curve = self.axes.plot(
            lambda x: normal_pdf(x, MU, SIGMA) / normal_pdf(MU, MU, SIGMA),
            color=BLUE,
            stroke_width=4,
        )
        self.fill = self.axes.get_area(self.curve, color=BLUE, opacity=0.15)
        self.mu_line = self.mean_line(self.axes, self.axes.c2p(MU, 1)[1] + 0.3)
        self.mu_label = tex(r"\mu", "=", fmt(MU), size=PANEL, color=ACCENT)
        self.mu_label.next_to(self.mu_line, UP, buff=0.12)
        facts = self.right_column(
            text("population", SMALL, BLUE),
            tex(r"\text{true mean } \mu", "=", fmt(MU), size=PANEL, color=ACCENT),
            tex(r"\text{sd } \sigma", "=", fmt(SIGMA), size=PANEL),
        )
        facts.move_to([RIGHT_X, 2.2, 0], aligned_edge=LEFT)
        self.facts = facts
        with self.beat(
            f"Here is a population with a true mean, mu, of {fmt(MU)} and a standard "
            f"deviation of {fmt(SIGMA)}. In real life we never see mu: we want to "
            "estimate it.",
            chapter="One sample, one interval",
        ):
            self.play(Create(self.axes), run_time=1.0)
            self.play(Create(self.curve), FadeIn(self.fill), run_time=1.2)
            self.play(Create(self.mu_line), FadeIn(self.mu_label), run_time=0.8)
            self.play(FadeIn(self.facts), run_time=0.6)

    def show_sample(self, n: int) -> None:
        values = self.samples[0]
        rng = np.random.default_rng(12345)
        jitter = rng.uniform(0.12, 0.55, size=len(values))
        radius = 0.06 if n <= 50 else 0.045
        self.dots = VGroup(
            *(
                Dot(
                    [self.axes.c2p(v, 0)[0], AXIS_Y + j, 0],
                    radius=radius,
                    color=INK,
                    fill_opacity=0.75,
                )
                for v, j in zip(values, jitter, strict=True)
            )
        )
        mean = self.means[0]
        self.xbar_dot = Dot(self.axes.c2p(mean, 0), radius=0.1, color=BLUE)
        sample_rows = [
            text("one sample", SMALL, INK),
            tex("n", "=", str(n), size=PANEL),
            tex(r"\bar{x}", "=", fmt(mean, DIGITS), size=PANEL, color=BLUE),
        ]
        self.sample_facts = self.right_column(*sample_rows)
        self.sample_facts.next_to(self.facts, DOWN, buff=0.5, aligned_edge=LEFT)
        values_word = "value" if n == 1 else "values"
        with self.beat(
            f"Draw a sample of {n} {values_word} and average them. The sample mean, "
            f"x-bar, is {fmt(mean, DIGITS)}: near mu, but not equal to it.",
            say=f"Draw a sample of {n} {values_word} and average them. The sample mean, "
            f"x-bar, is {say_num(mean, DIGITS)}: near mu, but not equal to it.",
        ):
            self.play(
                FadeIn(self.dots, lag_ratio=0.6 / max(n, 1), shift=0.3 * DOWN),
                run_time=1.5,
            )
            self.play(FadeIn(self.sample_facts[:2]), run_time=0.5)
            self.play(
                FadeIn(self.xbar_dot, scale=2),
                FadeIn(self.sample_facts[2]),
                run_time=0.8,
            )

    def build_interval(self, n: int, level: float) -> None:
        mean = self.means[0]
        lo, hi = self.intervals[0]
        margin = self.z * self.se
        color = GREEN if self.hits[0] else RED
        y = AXIS_Y + 0.85
        self.first_bar = self.bar(self.axes, self.intervals[0], y, color, 8)
        self.first_dot = self.center_dot(self.axes, mean, y, 0.07)
        formula = tex(
            r"\bar{x}", r"\pm", r"z^*", r"{\sigma \over \sqrt{n}}", size=PANEL
        )
        formula[0].set_color(BLUE)
        numbers = tex(
            fmt(mean, DIGITS),
            r"\pm",
            fmt(self.z),
            r"\times",
            rf"{{{fmt(SIGMA)} \over \sqrt{{{n}}}}}",
            size=PANEL,
        )
        numbers[0].set_color(BLUE)
        ends = tex(
            "=",
            rf"[{fmt(lo, DIGITS)},\ {fmt(hi, DIGITS)}]",
            size=PANEL,
            color=color,
        )
        heading = text(f"{percent(level)}% z-interval (σ known)", SMALL, color)
        self.interval_card = self.right_column(
            heading, formula, numbers, ends, buff=0.25
        )
        self.interval_card.move_to([RIGHT_X, 0.6, 0], aligned_edge=LEFT)
        # the card replaces the population facts, which are no longer needed
        with self.beat(
            f"A {percent(level)}% confidence interval reaches {fmt(self.z)} standard "
            f"errors, sigma over root n, either side of x-bar: from {fmt(lo, DIGITS)} "
            f"to {fmt(hi, DIGITS)}.",
            say=f"A {percent(level)} percent confidence interval reaches {fmt(self.z)} "
            "standard errors, sigma over root n, either side of x-bar: from "
            f"{say_num(lo, DIGITS)} to {say_num(hi, DIGITS)}.",
        ):
            self.play(
                FadeOut(self.facts, self.sample_facts),
                FadeIn(heading),
                run_time=0.6,
            )
            self.play(Write(formula), run_time=1.0)
            self.play(FadeIn(numbers), run_time=0.6)
            self.play(
                ReplacementTransform(self.xbar_dot.copy(), self.first_dot),
                run_time=0.6,
            )
            self.play(
                Create(self.first_bar),
                FadeIn(ends),
                run_time=1.0,
            )
            self.bring_to_front(self.first_dot)  # the mean sits on its interval
        self.margin = margin

    def repeat(self, count: int, level: float) -> None:
        window = zoom_window([self.intervals, self.other_intervals])
        top = self.bar_y(count - 1, count) + 0.25
        zoomed = self.make_axes(window, 2.6)
        self.bar_stroke = self.bar_width(count)
        radius = 0.05 if count <= 25 else 0.035
        self.bars = VGroup(
            *(
                self.bar(
                    zoomed,
                    self.intervals[k],
                    self.bar_y(k, count),
                    GREEN if self.hits[k] else RED,
                    self.bar_stroke,
                )
                for k in range(count)
            )
        )
        self.bar_dots = VGroup(
            *(
                self.center_dot(zoomed, self.means[k], self.bar_y(k, count), radius)
                for k in range(count)
            )
        )
        new_mu_line = self.mean_line(zoomed, top)
        mu_label = tex(r"\mu", size=PANEL, color=ACCENT).next_to(
            new_mu_line, UP, buff=0.1
        )
        # the first interval becomes the bottom bar of the stack
        first, first_dot = self.bars[0], self.bar_dots[0]
        covered, drawn = Integer(0, font_size=PANEL), Integer(0, font_size=PANEL)
        covered.set_color(GREEN)
        self.count_row = VGroup(
            covered,
            tex(r"\text{of}", size=PANEL),
            drawn,
            tex(r"\text{cover } \mu", size=PANEL),
        )
        self.on_baseline(self.count_row)
        count_heading = text(f"{count} samples of {self.args.n}", SMALL, MUTED)
        self.count_card = VGroup(count_heading, self.count_row).arrange(
            DOWN, aligned_edge=LEFT, buff=0.2
        )
        self.count_card.next_to(self.interval_card, DOWN, buff=0.55, aligned_edge=LEFT)
        # fix the row's left edge while the digits change
        row_left = self.count_row.get_left()

        def grow(group: VGroup, alpha: float) -> None:
            progress = grow_progress(alpha, count - 1)
            for k, t in enumerate(progress, start=1):
                bar, dot = self.bars[k], self.bar_dots[k]
                lo, hi = (zoomed.c2p(x, 0)[0] for x in self.intervals[k])
                mid = zoomed.c2p(self.means[k], 0)[0]
                y = self.bar_y(k, count)
                f = max(float(t), 1e-3)
                bar.put_start_and_end_on(
                    [mid - f * (mid - lo) - 1e-4, y, 0], [mid + f * (hi - mid), y, 0]
                )
                bar.set_stroke(opacity=1.0 if t > 0 else 0.0)
                dot.set_opacity(1.0 if t > 0 else 0.0)
            c, d = count_progress(alpha, self.hits[1:])
            covered.set_value(c + int(self.hits[0]))
            drawn.set_value(d + 1)
            covered.set_color(GREEN)
            self.on_baseline(self.count_row).move_to(row_left, aligned_edge=LEFT)

        for k in range(1, count):
            self.bars[k].set_stroke(opacity=0)
            self.bar_dots[k].set_opacity(0)
        before = self.axes.x_range[1] - self.axes.x_range[0]
        zoom = (
            "Now zoom in, and repeat"
            if window[1] - window[0] < 0.8 * before
            else ("Now repeat")
        )
        with self.beat(
            f"{zoom} the whole experiment {count - 1} more times. "
            "Each fresh sample gives a different interval.",
            chapter="Many samples",
        ):
            self.play(
                FadeOut(self.curve, self.fill, self.dots, self.xbar_dot, self.mu_label),
                run_time=0.6,
            )
            self.play(
                ReplacementTransform(self.axes, zoomed),
                ReplacementTransform(self.mu_line, new_mu_line),
                ReplacementTransform(self.first_bar, first),
                ReplacementTransform(self.first_dot, first_dot),
                FadeIn(mu_label),
                run_time=1.5,
            )
            self.axes, self.mu_line, self.mu_top = zoomed, new_mu_line, mu_label
            covered.set_value(int(self.hits[0]))
            drawn.set_value(1)
            self.count_row.move_to(row_left, aligned_edge=LEFT)
            self.play(FadeIn(self.count_card), run_time=0.5)
            self.add(self.bars[1:], self.bar_dots[1:])
            self.play(
                UpdateFromAlphaFunc(
                    VGroup(self.bars[1:], self.bar_dots[1:], self.count_row), grow
                ),
                run_time=min(6.0, 0.25 * count + 1.0),
            )
        self.covered, self.drawn = covered, drawn

    def read_misses(self, count: int, level: float) -> None:
        hits = int(np.sum(self.hits))
        share = self.share_label(hits, count, self.count_row)
        self.share = share
        missed = [self.bars[k] for k in range(count) if not self.hits[k]]
        said, verdict = coverage_words(hits, count, level)
        with self.beat(
            f"{said} {verdict}",
            say=f"{said} {verdict}".replace("%", " percent"),
            key=True,
        ):
            if missed:
                self.play(
                    *(Indicate(bar, color=RED, scale_factor=1.15) for bar in missed),
                    run_time=1.2,
                )
            self.play(FadeIn(share), run_time=0.6)

    def change_level(self, count: int, level: float) -> None:
        other = self.other
        hits = int(np.sum(self.other_hits))
        z_other = z_critical(other)
        wider = other > level
        new_bars = VGroup(
            *(
                self.bar(
                    self.axes,
                    self.other_intervals[k],
                    self.bar_y(k, count),
                    GREEN if self.other_hits[k] else RED,
                    self.bar_stroke,
                )
                for k in range(count)
            )
        )
        heading = text(f"{percent(other)}% z-interval (σ known)", SMALL, MUTED)
        formula = tex(
            r"\bar{x}", r"\pm", fmt(z_other), r"{\sigma \over \sqrt{n}}", size=PANEL
        )
        formula[0].set_color(BLUE)
        other_card = self.right_column(heading, formula, buff=0.25)
        other_card.move_to(self.interval_card, aligned_edge=UP + LEFT)
        row = self.count_row.copy()
        row[0].set_value(hits)
        row[2].set_value(count)
        self.on_baseline(row).move_to(self.count_row, aligned_edge=LEFT)
        share = self.share_label(hits, count, row)
        verb = "stretches" if wider else "shrinks"
        with self.beat(
            f"Ask for {percent(other)}% instead and every interval {verb} to "
            f"{fmt(z_other)} standard errors. Now {hits} of {count} cover mu.",
            say=f"Ask for {percent(other)} percent instead and every interval {verb} "
            f"to {fmt(z_other)} standard errors. Now {hits} of {count} cover mu.",
            chapter="Changing the level",
        ):
            self.play(
                FadeOut(self.interval_card),
                FadeIn(other_card),
                FadeOut(self.share),
                run_time=0.6,
            )
            self.play(
                *(
                    ReplacementTransform(old, new)
                    for old, new in zip(self.bars, new_bars, strict=True)
                ),
                ReplacementTransform(self.count_row, row),
                run_time=1.5,
            )
            self.play(FadeIn(share), run_time=0.5)
        self.bars, self.count_row, self.share = new_bars, row, share
        self.interval_card = other_card
        restore = VGroup(
            *(
                self.bar(
                    self.axes,
                    self.intervals[k],
                    self.bar_y(k, count),
                    GREEN if self.hits[k] else RED,
                    self.bar_stroke,
                )
                for k in range(count)
            )
        )
        self.restored = restore
        self.table = self.width_table(level)
        with self.beat(
            "Higher confidence costs width. A narrow interval that often misses says "
            "little, and so does one so wide it always covers.",
        ):
            self.play(
                *(
                    ReplacementTransform(old, new)
                    for old, new in zip(self.bars, restore, strict=True)
                ),
                FadeOut(
                    self.count_card, self.count_row, self.share, self.interval_card
                ),
                run_time=1.5,
            )
            self.play(FadeIn(self.table, lag_ratio=0.2), run_time=1.0)
        self.bars = restore

    def width_table(self, level: float) -> VGroup:
        """Confidence levels and their margins, the lesson's level highlighted."""
        heading = VGroup(text("confidence", SMALL, MUTED), text("margin", SMALL, MUTED))
        rows = [heading]
        for lv, z in level_table(level):
            color = GREEN if lv == level else INK
            rows.append(
                VGroup(
                    tex(rf"{percent(lv)}\%", size=PANEL, color=color),
                    tex(rf"\pm\,{fmt(z)}\ \text{{SE}}", size=PANEL, color=color),
                )
            )
        width = max(r[0].width for r in rows) + 0.5
        for k, r in enumerate(rows):
            r[0].move_to([0, -0.55 * k, 0], aligned_edge=LEFT)
            r[1].move_to([width, -0.55 * k, 0], aligned_edge=LEFT)
        table = VGroup(*rows)
        return self.right_column(table).move_to([RIGHT_X, 1.2, 0], aligned_edge=LEFT)

    def meaning(self, level: float) -> None:
        yes = VGroup(
            text("✓", BODY, GREEN),
            text(
                f"{percent(level)}% of intervals\nbuilt this way cover μ",
                SMALL,
                INK,
            ),
        ).arrange(RIGHT, buff=0.2, aligned_edge=UP)
        no = VGroup(
            text("✗", BODY, RED),
            text(
                f"not: a {percent(level)}% chance that\nμ is in one given interval",
                SMALL,
                INK,
            ),
        ).arrange(RIGHT, buff=0.2, aligned_edge=UP)
        statements = self.right_column(yes, no, buff=0.6)
        statements.move_to([RIGHT_X, 1.2, 0], aligned_edge=LEFT)
        with self.beat(
            f"So what does {percent(level)}% confidence mean? It is a promise about the "
            f"method: in the long run, {percent(level)}% of intervals built this way "
            "cover mu.",
            say=f"So what does {percent(level)} percent confidence mean? It is a "
            f"promise about the method: in the long run, {percent(level)} percent of "
            "intervals built this way cover mu.",
            chapter="What it means",
        ):
            self.play(FadeOut(self.table), run_time=0.5)
            self.play(FadeIn(yes, shift=0.2 * RIGHT), run_time=0.8)
        hit = [k for k in range(len(self.hits)) if self.hits[k]]
        miss = [k for k in range(len(self.hits)) if not self.hits[k]]
        picks = [self.bars[k[0]] for k in (hit, miss) if k]
        with self.beat(
            f"It is not a {percent(level)}% chance that mu lies in one particular "
            "interval. Mu is fixed: each interval either covers it or it does not.",
            say=f"It is not a {percent(level)} percent chance that mu lies in one "
            "particular interval. Mu is fixed: each interval either covers it or it "
            "does not.",
        ):
            self.play(FadeIn(no, shift=0.2 * RIGHT), run_time=0.8)
            for bar in picks:
                self.play(Indicate(bar, color=ACCENT, scale_factor=1.1), run_time=0.8)
        self.play(FadeOut(statements), run_time=0.5)
        # the bars arrived one by one (ReplacementTransform): hold them as one group
        self.remove(*self.bars)
        self.add(self.bars)
        # (the axis stays out: scaled for the recap its numbers would be too small)
        self.picture = [self.bars, self.bar_dots, self.mu_line, self.mu_top]

    def model_accuracy(self, level: float) -> None:
        """Error bars on a model's test accuracy: the same interval, narrowing with data."""
        rows = [(90, 100), (360, 400), (1440, 1600)]
        others = [m for m in self.mobjects if m not in self.picture]
        ax = plot_axes(
            [0.8, 1.0, 0.05],
            width=7.0,
            height=3.0,
            start=[-5.6, CONTENT_BOTTOM + 0.9],
            numbers=[0.8, 0.85, 0.9, 0.95, 1.0],
            places=2,
            x_only=True,
            y_config={"include_ticks": False, "stroke_opacity": 0},
            number_size=TICKS,
        )
        label = text("test accuracy", SMALL, MUTED).next_to(ax, RIGHT, buff=0.2)
        label.align_to(ax.c2p(0.8, 0), DOWN)
        bars, names = VGroup(), VGroup()
        for i, (right, total) in enumerate(rows):
            lo, hi = accuracy_interval(right, total, level)
            y = 0.25 + 0.3 * i
            bar = Line(ax.c2p(lo, y), ax.c2p(hi, y), color=BLUE, stroke_width=6)
            dot = Dot(ax.c2p(right / total, y), radius=0.09, color=ACCENT)
            name = text(
                f"{right}/{total}: {fmt(100 * lo, 1)} to {fmt(100 * hi, 1)}%",
                SMALL,
                INK,
            )
            name.next_to(ax.c2p(1.0, y), RIGHT, buff=0.3)
            bars.add(VGroup(bar, dot))
            names.add(name)
        lo0, hi0 = accuracy_interval(*rows[0], level)
        lo2, hi2 = accuracy_interval(*rows[2], level)
        with self.beat(
            "In machine learning, a model's test accuracy is a sample mean too: the "
            f"share of test examples it gets right. {rows[0][0]} right of "
            f"{rows[0][1]} gives a {percent(level)}% interval from {percent(lo0)}% to "
            f"{percent(hi0)}%.",
            say="In machine learning, a model's test accuracy is a sample mean too: "
            f"the share of test examples it gets right. {rows[0][0]} right out of "
            f"{rows[0][1]} gives a {percent(level)} percent interval from about "
            f"{say_sig(100 * lo0)} to {say_sig(100 * hi0)} percent.",
            chapter="In machine learning",
        ):
            # fade copies, so the picture comes back untouched for the recap
            ghosts = [m.copy() for m in self.picture]
            self.remove(*self.picture)
            self.play(FadeOut(*ghosts, *others), run_time=0.5)
            # back for the recap a little smaller, clear of its card
            VGroup(self.bars, self.bar_dots, self.mu_line, self.axes).scale(
                0.85, about_edge=UP
            )
            self.mu_top.next_to(self.mu_line, UP, buff=0.1)  # its label keeps its size
            self.play(Create(ax), FadeIn(label), run_time=0.8)
            self.play(FadeIn(bars[0]), FadeIn(names[0]), run_time=0.8)
        with self.beat(
            f"Sixteen times the test set, the same 90%: a quarter of the width, "
            f"{percent(lo2)}% to {percent(hi2)}%. Without such error bars, a one-point "
            "gain between two models may be noise.",
            say="Sixteen times the test set, the same 90 percent: a quarter of the "
            f"width, about {say_sig(100 * lo2)} to {say_sig(100 * hi2)} percent. Without such "
            "error bars, a one-point gain between two models may be noise.",
        ):
            for k in (1, 2):
                self.play(FadeIn(bars[k]), FadeIn(names[k]), run_time=0.8)
        self.play(
            FadeOut(ax, label, bars, names),
            *(FadeIn(m) for m in self.picture),
            run_time=0.8,
        )


def first_glyph(mob: VGroup) -> VGroup:
    """The first leaf of a formula or number: its first character."""
    while mob.submobjects:
        mob = mob.submobjects[0]
    return mob


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on z-intervals for a mean, numbers drawn from ``seed``.

    A new sample size, sigma, sample mean and level for each seed. Three
    exercises: the standard error (:func:`standard_error`); the interval
    (:func:`z_interval`, with z* from :func:`z_critical` given in the prompt); and
    how many of many such intervals catch the true mean.
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    n = int(rng.choice([4, 16, 25, 36, 64, 100]))
    sigma = float(rng.choice([2.0, 3.0, 5.0, 10.0]))
    mean = float(np.round(rng.uniform(10, 90), 1))
    level = float(rng.choice([0.9, 0.95, 0.99]))
    z = z_critical(level)
    se = standard_error(sigma, n)
    low, high = z_interval(mean, sigma, n, level)
    count = int(rng.choice([20, 40, 100]) if level == 0.95 else 100)
    expected = level * count
    return [
        Exercise(
            id="confidence-intervals-1",
            prompt=(
                f"A sample of $n = {n}$ values has mean $\\bar x = {fmt(mean)}$; the "
                f"population's $\\sigma = {fmt(sigma)}$ is known. What is the standard "
                "error of the mean?"
            ),
            kind="number",
            answer=se,
            tolerance=0.005,
            hint="σ / √n.",
            solution=f"${fmt(sigma)}/\\sqrt{{{n}}} = {fmt(se, 3)}$.",
        ),
        Exercise(
            id="confidence-intervals-2",
            prompt=(
                f"A sample of $n = {n}$ values has mean $\\bar x = {fmt(mean)}$; "
                f"$\\sigma = {fmt(sigma)}$ is known. Give the {fmt(level * 100)}% confidence "
                f"interval for the mean ($z^* = {fmt(z, 3)}$)."
            ),
            kind="interval",
            answer=(low, high),
            tolerance=0.01,
            hint="x̄ ± z* σ/√n.",
            solution=(
                f"${fmt(mean)} \\pm {fmt(z, 3)} \\cdot {fmt(se, 3)} = {fmt(mean)} \\pm "
                f"{fmt(z * se, 3)}$, so $[{fmt(low, 3)}, {fmt(high, 3)}]$."
            ),
        ),
        Exercise(
            id="confidence-intervals-3",
            prompt=(
                f"The sampling is repeated {count} times, each sample giving its own "
                f"{fmt(level * 100)}% interval. On average, how many of the {count} "
                "intervals contain the true mean?"
            ),
            kind="number",
            answer=expected,
            tolerance=0.5,
            hint="The level is the share of intervals that catch the true mean, over many repeats.",
            solution=(
                f"${fmt(level)} \\cdot {count} = {fmt(expected)}$; any single interval "
                "either contains the mean or not."
            ),
        ),
    ]
