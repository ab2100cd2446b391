"""Probability distributions: bars that sum to one, and area under a density.

A discrete distribution gives every outcome a probability: the number of heads
in ``n`` flips of a coin that lands heads with probability ``p`` is binomial,
``P(X = k) = C(n, k) p^k (1 - p)^(n - k)``, and its bars add up to exactly 1.
A continuous one has a density instead: for the normal with mean ``mu`` and
standard deviation ``sigma`` the probability of landing in ``[a, b]`` is the area
under the curve between ``a`` and ``b``. Moving the mean slides the curve;
changing the standard deviation squeezes or stretches it, and the area stays 1.

The formula is derived, not asserted: one order of k heads (the first k flips)
has chance ``p^k (1 - p)^(n - k)``; every other order has the same chance, and
there are ``C(n, k)`` orders, drawn as rows of squares with the lesson's n, p and
the tallest bar's k. The machine-learning beat shows a classifier's answer as a
discrete distribution over classes.

Everything the scene draws and says comes from the pure functions below (the
standard library and numpy only), which the tests check against scipy.stats.

General claims (text and narration), and why each holds:

- "The number of heads is a whole number from 0 to n": definition.
- "One order of k heads has chance p^k (1-p)^(n-k); every order has the same
  chance": independent flips multiply, and the product does not depend on the
  order (:func:`one_order_probability`; :func:`example_orders` tested to give
  distinct orders of exactly k heads).
- "There are n choose k orders, so P(X = k) = C(n, k) p^k (1-p)^(n-k)": tested
  by enumerating all 2^n sequences for small n against :func:`binomial_pmf`,
  and :func:`binomial_pmf` against scipy.
- "Stacked, the bars reach exactly 1": the binomial theorem, ``(p + 1 - p)^n``;
  tested; the readout is redrawn each frame while the bars stack (tested).
- "The mean is n p; the standard deviation is the root of n p (1 - p)":
  tested against scipy. "A typical distance from the mean": the root of the
  mean squared distance.
- "The bars slide right/left and the mean and sd follow": direction computed
  from ``p2 - p``; numbers from :func:`binomial_mean_sd`.
- "A classifier's answer is a distribution; they add up to 1; its guess is the
  tallest bar": :func:`classifier_output` is a softmax (positive, sums to 1,
  tested; the shown roundings add to the shown total, tested).
- "A measurement like a height can take any value in a range, so it has a
  density": a continuous model (no claim that heights are normal).
- "Probability is area under the curve; the whole area is 1":
  :func:`interval_probability` is tested against scipy and against numerical
  integration of the density.
- "Sliding the mean moves the curve without changing shape": ``f(x; mu + d)``
  is ``f(x - d; mu)``; direction computed.
- "Narrow and tall since its area stays 1": the peak ``1/(sigma sqrt(2 pi))``
  grows as sigma shrinks (numbers tested).
- "The chance falls to / rises to / stays at": computed by
  :func:`spread_change` from the two probabilities (Hypothesis test).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Float, Int
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, fmt_small, say_num, say_sig
from scenes.kit.readout import readout
from scenes.kit.stats import normal_cdf, normal_pdf
from scenes.kit.ticks import nice_step, tick_places
from scenes.style import *

__all__ = [
    "DIGITS",
    "MAX_N",
    "SIGMA_MAX",
    "SIGMA_MIN",
    "Distributions",
    "binomial_mean_sd",
    "binomial_pmf",
    "classifier_output",
    "displayed",
    "example_orders",
    "interval_probability",
    "normal_stops",
    "normal_window",
    "one_order_probability",
    "practice",
    "second_p",
    "spread_change",
    "stack_progress",
]

#: Decimal places of the probabilities and densities on screen.
DIGITS = 3
#: Most coin flips the bar chart can show legibly.
MAX_N = 30
#: The standard deviations the normal curve can be drawn with, at the start.
SIGMA_MIN, SIGMA_MAX = 0.2, 3.0
#: The machine-learning beat's classes and the scores a classifier gives them.
CLASSES = ("cat", "dog", "fox")
CLASS_LOGITS = (2.0, 1.0, 0.1)
#: Left edge of the derivation of the formula (right of the bar chart).
DERIVE_X = 1.45
#: Tick numbers' size: digits about 14.6 px tall at 480p.
TICK = 34
#: The curve's window reaches this many standard deviations either side of the mean.
TAIL = 3.2


# -- the math ------------------------------------------------------------------------


def binomial_pmf(n: int, p: float) -> np.ndarray:
    """``P(X = k)`` for ``k = 0..n``: heads in ``n`` flips with P(heads) = ``p``."""
    p = float(p)
    return np.array(
        [math.comb(n, k) * p**k * (1.0 - p) ** (n - k) for k in range(n + 1)]
    )


def one_order_probability(n: int, k: int, p: float) -> float:
    """The chance of one particular order of ``k`` heads and ``n - k`` tails.

    Independent flips multiply: ``p^k (1 - p)^(n - k)``, whatever the order.
    """
    p = float(p)
    return p**k * (1.0 - p) ** (n - k)


def example_orders(n: int, k: int, count: int) -> list[tuple[bool, ...]]:
    """``count`` different orders of ``k`` heads in ``n`` flips (True is heads).

    The first has the heads first; the next spread them out (shifted evenly
    spaced heads), then any others in order. Fewer when there are fewer orders
    than ``count``.
    """
    wanted = min(count, math.comb(n, k))
    spread = n / max(k, 1)
    candidates = [set(range(k))]
    candidates += [
        {(round(i * spread) + shift) % n for i in range(k)} for shift in range(1, n)
    ]
    orders: list[tuple[bool, ...]] = []
    for heads in itertools.chain(
        candidates, (set(c) for c in itertools.combinations(range(n), k))
    ):
        order = tuple(i in heads for i in range(n))
        if len(heads) == k and order not in orders:
            orders.append(order)
        if len(orders) == wanted:
            break
    return orders


def classifier_output(logits: Sequence[float]) -> np.ndarray:
    """A classifier's probabilities over its classes: softmax of its scores."""
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


def binomial_mean_sd(n: int, p: float) -> tuple[float, float]:
    """Mean ``n p`` and standard deviation ``sqrt(n p (1 - p))`` of the binomial."""
    p = float(p)
    return n * p, math.sqrt(max(0.0, n * p * (1.0 - p)))


def second_p(p: float) -> float:
    """The p the lesson slides to: the mirror ``1 - p``, or 0.4 away when too close."""
    mirror = 1.0 - p
    if abs(mirror - p) >= 0.3:
        return round(mirror, 3)
    return round(p + 0.4 if p < 0.5 else p - 0.4, 3)


def interval_probability(a: float, b: float, mu: float, sigma: float) -> float:
    """``P(a <= X <= b)``: the area under the density between ``a`` and ``b``."""
    return max(0.0, normal_cdf(b, mu, sigma) - normal_cdf(a, mu, sigma))


def normal_stops(mu: float, sigma: float) -> list[tuple[float, float]]:
    """The ``(mu, sigma)`` the curve visits: start, mean moved by 1, narrow, wide."""
    moved = mu + 1.0 if mu <= 0 else mu - 1.0
    return [(mu, sigma), (moved, sigma), (moved, sigma / 2), (moved, 1.5 * sigma)]


def normal_window(
    stops: Sequence[tuple[float, float]], a: float, b: float
) -> tuple[float, float, float]:
    """``(lo, hi, tick)``: an x window on whole ticks holding every curve and ``[a, b]``."""
    lo = min([a] + [m - TAIL * s for m, s in stops])
    hi = max([b] + [m + TAIL * s for m, s in stops])
    step = nice_step(hi - lo, 10)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def stack_progress(alpha: float, count: int, lag: float = 0.35) -> np.ndarray:
    """How far each of ``count`` bars has moved onto the stack at overall ``alpha``.

    Bar ``k`` starts at ``alpha = k * lag / (count - 1)`` and every bar takes the
    same ``1 - lag`` of the time to move; all are home at ``alpha = 1``.
    """
    if count <= 1:
        return np.array([min(1.0, max(0.0, alpha))] * count)
    span = 1.0 - lag  # each bar's own share of the time
    starts = np.linspace(0.0, lag, count)
    return np.clip((alpha - starts) / span, 0.0, 1.0)


def spread_change(before: float, after: float) -> str:
    """``falls to``, ``rises to`` or ``stays at``, by the numbers as shown."""
    shown_before, shown_after = fmt(before, DIGITS), fmt(after, DIGITS)
    if shown_after == shown_before:
        return "stays at"
    return "falls to" if after < before else "rises to"


def displayed(x: float, digits: int = DIGITS) -> float:
    """``x`` rounded as a number on screen shows it, with no ``-0``."""
    return round(float(x), digits) + 0.0


# -- parameters ----------------------------------------------------------------------


class StandardDeviation(Float):
    """A standard deviation: positive, and within what the screen can draw."""

    def _coerce(self, value: object) -> float:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = math.nan  # let Float say what is wrong with it
        if math.isfinite(number) and number <= 0 and not isinstance(value, bool):
            raise ValueError("a standard deviation must be positive")
        return super()._coerce(value)


# -- layout (scene units) --------------------------------------------------------------
HEAD_Y = 3.55  # the heading's centre
PLOT_LEFT, PLOT_RIGHT = -6.3, 1.0
PLOT_TOP, PLOT_BOTTOM = 2.75, CONTENT_BOTTOM + 0.55
STACK_X = 1.75  # the column of stacked bars
RIGHT_X = 2.5  # left edge of the readouts
NORMAL_RIGHT = 1.9  # the normal plot's right edge
PANEL = 34  # formula size of the readouts


def ruler_left(axes: Axes) -> Axes:
    """Draw the y-axis (with its numbers) at the left edge instead of at ``x = 0``.

    Manim puts the y-axis where ``x = 0`` (or at the end of the range nearest 0),
    through the middle of a bell curve or on the bar for 0 heads. The axes keep
    their own y-axis for coordinates, undrawn; a copy is drawn at the left end.
    """
    ruler = axes.y_axis.copy()
    ruler.shift((axes.c2p(axes.x_range[0], 0)[0] - axes.y_axis.get_start()[0]) * RIGHT)
    axes.remove(axes.y_axis)
    axes.add(ruler)
    axes.ruler = ruler
    return axes


class Distributions(CourseLesson):
    """Binomial bars sum to one; normal probability is area; mu slides, sigma spreads."""

    params = {
        "n": Int(10, lo=1, hi=MAX_N, help="number of coin flips in the binomial"),
        "p": Float(0.3, lo=0.0, hi=1.0, help="probability that one flip lands heads"),
        "mu": Float(0.0, lo=-5.0, hi=5.0, help="mean of the normal distribution"),
        "sigma": StandardDeviation(
            1.0,
            lo=SIGMA_MIN,
            hi=SIGMA_MAX,
            help="standard deviation of the normal distribution",
        ),
        "a": Float(-1.0, lo=-10.0, hi=10.0, help="left end of the interval [a, b]"),
        "b": Float(1.5, lo=-10.0, hi=10.0, help="right end of the interval [a, b]"),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        if args.a >= args.b:
            raise ParamError(
                "b",
                fmt(args.b, 6),
                f"a number greater than a = {fmt(args.a, 6)}",
                why="the interval [a, b] needs a < b",
            )

    def construct(self) -> None:
        n, p = self.args.n, self.args.p
        self.title_card(
            "Probability distributions", "How is chance spread over the outcomes?"
        )
        self.show_flips(n, p)
        self.derive_formula(n, p)
        self.show_bars(n, p)
        self.stack_bars(n, p)
        self.mark_mean_sd(n, p)
        self.slide_p(n, p)
        self.classify()
        self.show_normal()
        self.shade_interval()
        self.move_mean()
        self.change_spread()

    # -- binomial ---------------------------------------------------------------------
    def binomial_axes(self, n: int, top: float) -> Axes:
        """Counts 0..n across, probability up to ``top`` (a whole number of ticks)."""
        step = nice_step(top, 5)
        y_max = math.ceil(top / step - 1e-9) * step
        axes = Axes(
            x_range=[-0.7, n + 0.7, 1],
            y_range=[0, y_max, step],
            x_length=PLOT_RIGHT - PLOT_LEFT,
            y_length=PLOT_TOP - PLOT_BOTTOM,
            tips=False,
            x_axis_config={"include_ticks": False, "color": MUTED},
            y_axis_config={"color": MUTED, "tick_size": 0.06},
        )
        axes.move_to([(PLOT_LEFT + PLOT_RIGHT) / 2, (PLOT_TOP + PLOT_BOTTOM) / 2, 0])
        every = 1 if n <= 12 else (2 if n <= 24 else 5)
        axes.x_axis.add_numbers(range(0, n + 1, every), excluding=[], font_size=TICK)
        places = tick_places(step)
        axes.y_axis.add_numbers(
            np.arange(step, y_max + step / 2, step),
            font_size=TICK,
            num_decimal_places=places,
        )
        return ruler_left(axes)

    def bars(self, n: int, p: float) -> VGroup:
        """One bar per count, as tall as its probability."""
        ax = self.bin_axes
        width = 0.78 * (ax.c2p(1, 0)[0] - ax.c2p(0, 0)[0])
        group = VGroup()
        for k, prob in enumerate(binomial_pmf(n, p)):
            bottom = ax.c2p(k, 0)
            height = max(ax.c2p(k, prob)[1] - bottom[1], 1e-3)
            bar = Rectangle(width=width, height=height, stroke_width=0)
            bar.set_fill(BLUE, opacity=0.85).move_to(bottom, aligned_edge=DOWN)
            group.add(bar)
        return group

    def binomial_formula(self, n: int, p: float) -> VGroup:
        """``P(X = k) =`` over ``C(n, k) p^k (1 - p)^(n - k)``, with the numbers in."""
        lhs = tex(r"P(X = k) =", size=PANEL)
        rhs = tex(
            rf"\binom{{{n}}}{{k}}\,{fmt(p, DIGITS)}^{{k}}\,{fmt(1 - p, DIGITS)}^{{{n}-k}}",
            size=PANEL,
        )
        rhs.next_to(lhs, DOWN, buff=0.2, aligned_edge=LEFT).shift(0.4 * RIGHT)
        return VGroup(lhs, rhs)

    def binomial_heading(self, n: int, p: float) -> VMobject:
        flips = "1 flip" if n == 1 else f"{n} flips"
        heading = text(
            f"X = heads in {flips}, each heads with probability {fmt(p, DIGITS)}",
            SMALL,
            INK,
        )
        return heading.move_to([0, HEAD_Y, 0])

    def show_flips(self, n: int, p: float) -> None:
        pmf = binomial_pmf(n, p)
        top = max(pmf.max(), binomial_pmf(n, second_p(p)).max()) * 1.45
        self.bin_axes = self.binomial_axes(n, top)
        label = text("probability", SMALL, MUTED)
        label.next_to(self.bin_axes.ruler.get_end(), RIGHT, buff=0.2)
        self.heading = self.binomial_heading(n, p)
        self.pmf = pmf
        times = "once" if n == 1 else f"{n} times"
        with self.beat(
            f"Flip a coin {times}, each flip heads with probability {fmt(p, DIGITS)}. "
            f"The number of heads, X, is a whole number from 0 to {n}.",
            chapter="Discrete: the binomial",
        ):
            self.play(FadeIn(self.heading), run_time=0.6)
            self.play(Create(self.bin_axes), FadeIn(label), run_time=1.2)

    def derive_formula(self, n: int, p: float) -> None:
        """One order of k heads, its probability, then how many orders there are."""
        pmf = self.pmf
        k = int(np.argmax(pmf))
        rows = example_orders(n, k, 3)
        size = min(0.4, 5.2 / n)
        left = DERIVE_X

        def row_of(order: tuple[bool, ...], y: float) -> VGroup:
            cells = VGroup(
                *(
                    Square(size * 0.86, stroke_width=0)
                    .set_fill(ACCENT if head else MUTED, opacity=1 if head else 0.55)
                    .move_to([left + size * (i + 0.5), y, 0])
                    for i, head in enumerate(order)
                )
            )
            return cells

        top = PLOT_TOP - 0.1
        first = row_of(rows[0], top)
        key = VGroup(
            Square(0.22, stroke_width=0).set_fill(ACCENT, opacity=1),
            text(f"heads, {fmt(p, DIGITS)}", SMALL, ACCENT),
            Square(0.22, stroke_width=0).set_fill(MUTED, opacity=0.55),
            text(f"tails, {fmt(1 - p, DIGITS)}", SMALL, MUTED),
        ).arrange(RIGHT, buff=0.15)
        key[2].shift(0.25 * RIGHT)
        key[3].shift(0.25 * RIGHT)
        key.move_to([left, top + 0.55, 0], aligned_edge=LEFT)
        one = one_order_probability(n, k, p)
        product = tex(
            rf"{fmt(p, DIGITS)}^{{{k}}} \cdot {fmt(1 - p, DIGITS)}^{{{n - k}}} = "
            f"{fmt_small(one, 2, 8)}",
            size=PANEL,
        )
        product.next_to(first, DOWN, buff=0.3).align_to(first, LEFT)
        heads = "head" if k == 1 else "heads"
        with self.beat(
            f"Where do the bars come from? Take {k} {heads}: say the first {k} flips, "
            f"then {n - k} tails. Multiply the chances, {fmt(p, DIGITS)} {k} times "
            f"and {fmt(1 - p, DIGITS)} {n - k} times: {fmt_small(one, 2, 8)}.",
            say=f"Where do the bars come from? Take {k} {heads}: say the first {k} "
            f"flips, then {n - k} tails. Multiply the chances, {fmt(p, DIGITS)} {k} "
            f"times and {fmt(1 - p, DIGITS)} {n - k} times: {say_sig(one)}.",
        ):
            self.play(FadeIn(key), run_time=0.6)
            self.play(
                LaggedStart(*(FadeIn(c, scale=0.6) for c in first), lag_ratio=0.1),
                run_time=1.2,
            )
            self.play(FadeIn(product, shift=0.2 * UP), run_time=0.8)
        others = VGroup(
            *(row_of(r, top - 0.6 * i) for i, r in enumerate(rows[1:], start=1))
        )
        ways = math.comb(n, k)
        count = tex(
            rf"\binom{{{n}}}{{{k}}} = {ways} \text{{ orders}}", size=PANEL, color=INK
        )
        total = tex(
            rf"P(X = {k}) = {ways} \cdot {fmt_small(one, 2, 8)}",
            size=PANEL,
            color=ACCENT,
        )
        if total.get_right()[0] - total.get_left()[0] > 6.9 - DERIVE_X - 1.3:
            result = tex(rf"= {fmt(pmf[k], DIGITS)}", size=PANEL, color=ACCENT)
            total = VGroup(total, result).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
            result.shift(0.8 * RIGHT)
        else:
            total = tex(
                rf"P(X = {k}) = {ways} \cdot {fmt_small(one, 2, 8)} = "
                f"{fmt(pmf[k], DIGITS)}",
                size=PANEL,
                color=ACCENT,
            )
        block = VGroup(count, total).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        block.next_to(others, DOWN, buff=0.35).align_to(first, LEFT)
        with self.beat(
            f"Any other order of {k} {heads} has the same chance, and there are {n} "
            f"choose {k} = {ways} orders. So P(X = {k}) = {ways} × "
            f"{fmt_small(one, 2, 8)} = {fmt(pmf[k], DIGITS)}.",
            say=f"Any other order of {k} {heads} has the same chance, and there are "
            f"{n} choose {k}, that is {ways}, orders. So the chance of {k} {heads} is "
            f"{ways} times {say_sig(one)}, which is {say_sig(pmf[k])}.",
        ):
            self.play(
                FadeOut(product),
                *(FadeIn(r, shift=0.2 * DOWN) for r in others),
                run_time=1.2,
            )
            self.play(FadeIn(count), run_time=0.8)
            self.play(FadeIn(total), run_time=0.8)
        self.derivation = VGroup(key, first, others, block)

    def show_bars(self, n: int, p: float) -> None:
        pmf = self.pmf
        self.bar_group = self.bars(n, p)
        mode = int(np.argmax(pmf))
        formula = self.binomial_formula(n, p)
        formula.move_to([RIGHT_X, PLOT_TOP + 0.1, 0], aligned_edge=LEFT + UP)
        self.formula = formula
        tallest = tex(f"P(X = {mode}) =", size=PANEL, color=ACCENT)
        value = DecimalNumber(
            displayed(pmf[mode]), num_decimal_places=DIGITS, font_size=PANEL
        ).set_color(ACCENT)
        self.tallest = VGroup(tallest, value).arrange(RIGHT, buff=0.15)
        self.tallest.next_to(formula, DOWN, buff=0.45, aligned_edge=LEFT)
        with self.beat(
            "The same count for every number of heads k gives the formula: orders "
            "times the chance of one order. One bar per count; the tallest is "
            f"{mode} heads, at {fmt(pmf[mode], DIGITS)}.",
            say="The same count for every number of heads k gives the formula: orders "
            "times the chance of one order. One bar per count; the tallest is "
            f"{mode} heads, at {say_sig(pmf[mode])}.",
        ):
            self.play(FadeOut(self.derivation), FadeIn(formula), run_time=0.8)
            self.play(
                LaggedStart(
                    *(GrowFromEdge(bar, DOWN) for bar in self.bar_group),
                    lag_ratio=0.08,
                ),
                run_time=2.0,
            )
            self.play(
                self.bar_group[mode].animate.set_fill(ACCENT),
                FadeIn(self.tallest),
                run_time=0.8,
            )

    def stack_bars(self, n: int, p: float) -> None:
        pmf = self.pmf
        ax = self.bin_axes
        base = ax.c2p(0, 0)[1]
        height = PLOT_TOP - 0.35 - base  # the column's height is probability 1
        width = 0.45
        targets, y = [], base
        for prob in pmf:
            seg = Rectangle(
                width=width, height=max(prob * height, 1e-3), stroke_width=0
            )
            seg.move_to([STACK_X, y, 0], aligned_edge=DOWN)
            targets.append(seg)
            y += prob * height
        shades = [BLUE, PURPLE]
        copies = VGroup(*(bar.copy() for bar in self.bar_group))
        for k, (bar, seg) in enumerate(zip(copies, targets, strict=True)):
            seg.set_fill(shades[k % 2], opacity=0.9)
            bar.set_fill(shades[k % 2], opacity=0.9)
        starts = [bar.copy() for bar in copies]
        frame = Rectangle(
            width=width, height=height, stroke_color=MUTED, stroke_width=2
        )
        frame.move_to([STACK_X, base, 0], aligned_edge=DOWN)
        one = tex("1", size=PANEL, color=MUTED).next_to(frame, LEFT, buff=0.12)
        one.align_to(frame, UP)
        total = DecimalNumber(0, num_decimal_places=DIGITS, font_size=PANEL)
        stacked = ValueTracker(0.0)
        # an updater makes the number part of every frame; without one, manim
        # draws it once as still background and it reads 0 while the bars stack
        total.add_updater(lambda m: m.set_value(displayed(stacked.get_value())))
        row = VGroup(tex(r"\textstyle\sum_k P(X = k) =", size=PANEL), total)
        row.arrange(RIGHT, buff=0.15)
        row.next_to(self.tallest, DOWN, buff=0.45, aligned_edge=LEFT)

        def move(group: VGroup, alpha: float) -> None:
            progress = stack_progress(alpha, len(group))
            for piece, start, end, t in zip(
                group, starts, targets, progress, strict=True
            ):
                piece.interpolate(start, end, smooth(float(t)))
            stacked.set_value(float(np.dot(pmf, progress)))

        with self.beat(
            "Stack all the bars on top of each other and they reach exactly 1: "
            "some number of heads is certain to happen.",
        ):
            self.play(Create(frame), FadeIn(one), FadeIn(row), run_time=0.8)
            self.add(copies)
            stacking = UpdateFromAlphaFunc(copies, move)
            # what manim redraws every frame (the rest is drawn once, as still
            # background): the readout must be among it (a test checks)
            self.stack_readout_live = any(
                total in m.get_family() for m in self.get_moving_mobjects(stacking)
            )
            self.play(stacking, run_time=3.0)
            total.clear_updaters()
            total.set_value(displayed(pmf.sum()))
            self.play(Indicate(row[1], color=ACCENT), run_time=0.8)
        self.play(FadeOut(frame, one, copies, row, self.tallest), run_time=0.6)

    def mark_mean_sd(self, n: int, p: float) -> None:
        mean, sd = binomial_mean_sd(n, p)
        ax = self.bin_axes
        top = float(max(binomial_pmf(n, p).max(), binomial_pmf(n, second_p(p)).max()))
        self.p_tracker = ValueTracker(p)
        pt = self.p_tracker

        def peak() -> float:
            return float(binomial_pmf(n, pt.get_value()).max())

        def mean_line() -> VMobject:
            m, _ = binomial_mean_sd(n, pt.get_value())
            return DashedLine(
                ax.c2p(m, 0),
                ax.c2p(m, peak() + 0.3 * top),
                color=ORANGE,
                stroke_width=3,
            )

        def sd_arrow() -> VMobject:
            m, s = binomial_mean_sd(n, pt.get_value())
            start, end = (
                ax.c2p(m, peak() + 0.12 * top),
                ax.c2p(m + s, peak() + 0.12 * top),
            )
            # an arrow too short to see (sd near 0) is kept, invisible, so the
            # redrawn mobject always has the same parts
            hidden = end[0] - start[0] < 0.12
            arrow = Arrow(
                start,
                start + 0.12 * RIGHT if hidden else end,
                buff=0,
                color=GREEN,
                stroke_width=4,
                tip_length=0.16,
                max_tip_length_to_length_ratio=0.5,
            )
            return arrow.set_opacity(0) if hidden else arrow

        self.mean_line = always_redraw(mean_line)
        self.sd_arrow = always_redraw(sd_arrow)
        mu_tag = tex(r"\mu", size=PANEL, color=ORANGE)
        mu_tag.add_updater(lambda m: m.next_to(self.mean_line, UP, buff=0.08))
        sd_tag = tex(r"\sigma", size=PANEL, color=GREEN)
        sd_tag.add_updater(
            lambda m: m.next_to(self.sd_arrow, UP, buff=0.06).set_x(
                max(self.sd_arrow.get_center()[0], self.mean_line.get_x() + 0.35)
            )
        )
        self.mu_tag, self.sd_tag = mu_tag, sd_tag

        p_row = self.readout("p =", DIGITS, BLUE)
        mean_row = self.readout(r"\mu = np =", 2, ORANGE)
        sd_row = self.readout(r"\sigma = \sqrt{np(1-p)} =", 2, GREEN)
        rows = VGroup(p_row, mean_row, sd_row).arrange(
            DOWN, aligned_edge=LEFT, buff=0.35
        )
        rows.next_to(self.formula, DOWN, buff=0.5, aligned_edge=LEFT)
        p_row[1].add_updater(lambda m: m.set_value(displayed(pt.get_value())))
        mean_row[1].add_updater(
            lambda m: m.set_value(displayed(binomial_mean_sd(n, pt.get_value())[0], 2))
        )
        sd_row[1].add_updater(
            lambda m: m.set_value(displayed(binomial_mean_sd(n, pt.get_value())[1], 2))
        )
        for row in rows:
            row[1].update()  # start at the right digits, so fading in keeps its parts
        self.bin_rows = rows
        with self.beat(
            f"The mean, n times p, is {fmt(mean)} heads. The standard deviation, the root "
            f"of n p times 1 minus p, is {fmt(sd)}: the typical distance from the mean.",
        ):
            self.play(
                Create(self.mean_line), FadeIn(mu_tag), FadeIn(rows[:2]), run_time=1.0
            )
            self.play(
                Create(self.sd_arrow), FadeIn(sd_tag), FadeIn(rows[2]), run_time=1.0
            )

    def slide_p(self, n: int, p: float) -> None:
        p2 = second_p(p)
        mean, sd = binomial_mean_sd(n, p2)
        pt = self.p_tracker
        live = always_redraw(lambda: self.bars(n, pt.get_value()))
        formula = self.binomial_formula(n, p2)
        formula.move_to(self.formula, aligned_edge=LEFT + UP)
        heading = self.binomial_heading(n, p2)
        direction = "right" if p2 > p else "left"
        with self.beat(
            f"Now change p to {fmt(p2, DIGITS)}. The bars slide {direction}, and the "
            f"mean and standard deviation follow: {fmt(mean)} and {fmt(sd)}.",
            say=f"Now change p to {fmt(p2, DIGITS)}. The bars slide {direction}, and "
            f"the mean and standard deviation follow: {say_num(mean)} and {say_num(sd)}.",
        ):
            self.remove(*self.bar_group)
            self.add(live, self.mean_line, self.sd_arrow, self.mu_tag, self.sd_tag)
            self.play(
                ReplacementTransform(self.formula, formula),
                ReplacementTransform(self.heading, heading),
                run_time=0.6,
            )
            self.play(pt.animate.set_value(p2), run_time=3.0, rate_func=smooth)
            self.remove(pt)  # a tracker keeps its value as a point: not on screen
        self.formula, self.heading = formula, heading
        for row in self.bin_rows:
            row[1].clear_updaters()
        self.mu_tag.clear_updaters()
        self.sd_tag.clear_updaters()
        self.play(FadeOut(*self.mobjects), run_time=0.6)
        self.remove(live, self.mean_line, self.sd_arrow)

    # -- machine learning ---------------------------------------------------------------
    def classify(self) -> None:
        probs = classifier_output(CLASS_LOGITS)
        axes = plot_axes(
            [0, len(CLASSES) + 0.4, 1],
            [0, 1, 0.25],
            width=5.0,
            height=PLOT_TOP - PLOT_BOTTOM,
            centre=[-3.2, (PLOT_TOP + PLOT_BOTTOM) / 2],
            x_config={"include_ticks": False},
            y_config={"tick_size": 0.06},
        )
        axes.y_axis.add_numbers(
            [0.25, 0.5, 0.75, 1.0], font_size=TICK, num_decimal_places=2
        )
        names = VGroup()
        bars = VGroup()
        values = VGroup()
        width = 0.7 * (axes.c2p(1, 0)[0] - axes.c2p(0, 0)[0])
        for i, (name, prob) in enumerate(zip(CLASSES, probs, strict=True)):
            bottom = axes.c2p(i + 0.9, 0)
            bar = Rectangle(
                width=width,
                height=max(axes.c2p(i + 0.9, prob)[1] - bottom[1], 1e-3),
                stroke_width=0,
            ).set_fill([ACCENT, BLUE, PURPLE][i], opacity=0.85)
            bar.move_to(bottom, aligned_edge=DOWN)
            bars.add(bar)
            names.add(text(name, SMALL, INK).next_to(bottom, DOWN, buff=0.2))
            values.add(
                tex(fmt(prob, 2), size=PANEL, color=INK).next_to(bar, UP, buff=0.12)
            )
        heading = text("a classifier's answer for one photo", SMALL, INK)
        heading.move_to([0, HEAD_Y, 0])
        shown = [fmt(q, 2) for q in probs]
        total = tex(
            " + ".join(shown) + f" = {fmt(float(probs.sum()), 2)}",
            size=PANEL,
            color=INK,
        )
        total.move_to([RIGHT_X, 1.2, 0], aligned_edge=LEFT)
        best = int(np.argmax(probs))
        guess = text(f"its guess: {CLASSES[best]}", SMALL, ACCENT)
        guess.next_to(total, DOWN, buff=0.5).align_to(total, LEFT)
        spoken = ", ".join(
            f"{name} {say_sig(q)}" for name, q in zip(CLASSES, probs, strict=True)
        )
        with self.beat(
            "In machine learning, a classifier's answer is a distribution like these "
            "bars: for one photo, "
            + ", ".join(f"{name} {q}" for name, q in zip(CLASSES, shown, strict=True))
            + ". They add up to 1, and its guess is the tallest bar, but the bars "
            "also say how sure it is.",
            say="In machine learning, a classifier's answer is a distribution like "
            f"these bars: for one photo, {spoken}. They add up to 1, and its guess "
            "is the tallest bar, but the bars also say how sure it is.",
            chapter="In machine learning",
        ):
            self.play(FadeIn(heading), Create(axes), FadeIn(names), run_time=1.0)
            self.play(
                LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=0.2),
                FadeIn(values),
                run_time=1.5,
            )
            self.play(FadeIn(total), run_time=0.8)
            self.play(Indicate(bars[best], color=ACCENT), FadeIn(guess), run_time=0.8)
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    # -- normal ---------------------------------------------------------------------
    def readout(self, label: str, digits: int, color: str) -> VGroup:
        """``label`` followed by a live number, at the lesson's panel size."""
        return readout(label, digits, color, PANEL)

    def normal_axes(self) -> Axes:
        mu, sigma, a, b = self.args.mu, self.args.sigma, self.args.a, self.args.b
        stops = normal_stops(mu, sigma)
        lo, hi, step = normal_window(stops, a, b)
        peak = max(normal_pdf(m, m, s) for m, s in stops)
        y_step = nice_step(peak, 4)
        y_max = peak * 1.12  # room for the label over the tallest peak
        axes = Axes(
            x_range=[lo, hi, step],
            y_range=[0, y_max, y_step],
            x_length=NORMAL_RIGHT - PLOT_LEFT,
            y_length=PLOT_TOP - PLOT_BOTTOM,
            tips=False,
            axis_config={"color": MUTED, "tick_size": 0.06},
        )
        axes.move_to([(PLOT_LEFT + NORMAL_RIGHT) / 2, (PLOT_TOP + PLOT_BOTTOM) / 2, 0])
        places = tick_places(step)
        ticks = np.arange(lo, hi + step / 2, step)
        every = 2 if len(ticks) > 9 else 1
        axes.x_axis.add_numbers(
            [t for i, t in enumerate(ticks) if i % every == 0],
            excluding=[],
            font_size=TICK,
            num_decimal_places=places,
        )
        y_places = tick_places(y_step)
        axes.y_axis.add_numbers(
            np.arange(y_step, y_max + 1e-9, y_step),
            font_size=TICK,
            num_decimal_places=y_places,
        )
        self.window = (lo, hi)
        return ruler_left(axes)

    def density_graph(
        self, mu: float, sigma: float, span: tuple[float, float] | None = None
    ) -> VMobject:
        """The normal curve over ``span`` (the whole window), sampled finely enough."""
        lo, hi = span or self.window
        step = min((self.window[1] - self.window[0]) / 300, sigma / 10, (hi - lo) / 50)
        graph = self.n_axes.plot(
            lambda x: normal_pdf(x, mu, sigma), x_range=[lo, hi, step]
        )
        return graph.set_stroke(BLUE, width=4)

    def show_normal(self) -> None:
        mu, sigma = self.args.mu, self.args.sigma
        self.n_axes = self.normal_axes()
        ax = self.n_axes
        label = text("density", SMALL, MUTED)
        label.next_to(ax.ruler.get_end(), RIGHT, buff=0.2)
        self.mu_t, self.sigma_t = ValueTracker(mu), ValueTracker(sigma)
        mt, st = self.mu_t, self.sigma_t
        self.graph = always_redraw(
            lambda: self.density_graph(mt.get_value(), st.get_value())
        )
        heading = text("X = a measurement: any real number", SMALL, INK)
        heading.move_to([0, HEAD_Y, 0])
        self.heading = heading

        def mean_line() -> VMobject:
            m, s = mt.get_value(), st.get_value()
            return DashedLine(
                ax.c2p(m, 0),
                ax.c2p(m, normal_pdf(m, m, s)),
                color=ORANGE,
                stroke_width=3,
            )

        def sd_arrow() -> VMobject:
            m, s = mt.get_value(), st.get_value()
            h = normal_pdf(m + s, m, s)
            start, end = ax.c2p(m, h), ax.c2p(m + s, h)
            return Arrow(
                start,
                end,
                buff=0,
                color=GREEN,
                stroke_width=4,
                tip_length=0.16,
                max_tip_length_to_length_ratio=0.5,
            )

        self.n_mean = always_redraw(mean_line)
        self.n_sd = always_redraw(sd_arrow)
        mu_tag = tex(r"\mu", size=PANEL, color=ORANGE)
        mu_tag.add_updater(lambda m: m.next_to(self.n_mean, UP, buff=0.08))
        mu_row = self.readout(r"\mu =", 2, ORANGE)
        sd_row = self.readout(r"\sigma =", 2, GREEN)
        peak_row = self.readout(r"f(\mu) =", DIGITS, BLUE)
        rows = VGroup(mu_row, sd_row, peak_row).arrange(
            DOWN, aligned_edge=LEFT, buff=0.35
        )
        rows.move_to([RIGHT_X, 2.0, 0], aligned_edge=LEFT + UP)
        mu_row[1].add_updater(lambda m: m.set_value(displayed(mt.get_value(), 2)))
        sd_row[1].add_updater(lambda m: m.set_value(displayed(st.get_value(), 2)))
        peak_row[1].add_updater(
            lambda m: m.set_value(
                displayed(normal_pdf(mt.get_value(), mt.get_value(), st.get_value()))
            )
        )
        for row in rows:
            row[1].update()  # start at the right digits, so fading in keeps its parts
        self.n_rows = rows
        self.n_tags = VGroup(mu_tag)  # the green arrow is read off the green sigma row
        with self.beat(
            "A measurement like a height can take any value in a range, so instead of bars it "
            f"has a density curve: here the normal, with mean {fmt(mu)} and standard "
            f"deviation {fmt(sigma)}.",
            say="A measurement like a height can take any value in a range, so instead of bars "
            f"it has a density curve: here the normal, with mean {say_num(mu)} and "
            f"standard deviation {fmt(sigma)}.",
            chapter="Continuous: the normal",
        ):
            self.play(FadeIn(heading), Create(ax), FadeIn(label), run_time=1.2)
            self.play(Create(self.graph), run_time=1.2)
            self.play(
                Create(self.n_mean),
                Create(self.n_sd),
                FadeIn(self.n_tags),
                FadeIn(rows),
                run_time=1.0,
            )

    def shade_interval(self) -> None:
        a, b = self.args.a, self.args.b
        mt, st = self.mu_t, self.sigma_t
        ax = self.n_axes
        # a fresh curve each frame: the redrawn graph keeps its first function,
        # which get_area would use for the ends
        self.area = always_redraw(
            lambda: ax.get_area(
                self.density_graph(mt.get_value(), st.get_value(), (a, b)),
                x_range=[a, b],
                color=ACCENT,
                opacity=0.45,
            ).set_stroke(width=0)
        )
        prob = interval_probability(a, b, self.args.mu, self.args.sigma)
        label = tex(rf"P({fmt(a)} \le X \le {fmt(b)}) =", size=PANEL, color=ACCENT)
        value = DecimalNumber(
            0, num_decimal_places=DIGITS, font_size=PANEL, color=ACCENT
        )
        row = VGroup(label, value).arrange(RIGHT, buff=0.15)
        row.next_to(self.n_rows, DOWN, buff=0.55, aligned_edge=LEFT)
        value.add_updater(
            lambda m: m.set_value(
                displayed(interval_probability(a, b, mt.get_value(), st.get_value()))
            )
        )
        value.update()
        self.p_row = row
        with self.beat(
            f"Probability is area under the curve. The chance that X lands between "
            f"{fmt(a)} and {fmt(b)} is the shaded area: {fmt(prob, DIGITS)}.",
            say=f"Probability is area under the curve. The chance that X lands between "
            f"{say_num(a)} and {say_num(b)} is the shaded area: {fmt(prob, DIGITS)}.",
            key=True,
        ):
            self.play(FadeIn(self.area), run_time=1.2)
            self.bring_to_front(self.n_mean, self.n_sd, self.n_tags)
            self.play(FadeIn(row), run_time=0.8)
        with self.beat(
            "And the whole area under the curve is 1, just as the bars added up to 1.",
        ):
            lo, hi = self.window
            whole = ax.get_area(
                self.density_graph(self.args.mu, self.args.sigma),
                x_range=[lo, hi],
                color=BLUE,
                opacity=0.3,
            )
            total = tex(r"\text{total area} = 1", size=PANEL, color=BLUE)
            total.next_to(row, DOWN, buff=0.45, aligned_edge=LEFT)
            self.play(FadeIn(whole.set_stroke(width=0)), FadeIn(total), run_time=0.8)
        self.play(FadeOut(whole, total), run_time=0.6)

    def move_mean(self) -> None:
        a, b = self.args.a, self.args.b
        (_, sigma), (mu2, _) = normal_stops(self.args.mu, self.args.sigma)[:2]
        prob = interval_probability(a, b, mu2, sigma)
        direction = "right" if mu2 > self.args.mu else "left"
        with self.beat(
            f"Slide the mean to {fmt(mu2)}. The whole curve moves {direction} without "
            f"changing shape, and the chance of landing between {fmt(a)} and {fmt(b)} "
            f"becomes {fmt(prob, DIGITS)}.",
            say=f"Slide the mean to {say_num(mu2)}. The whole curve moves {direction} "
            f"without changing shape, and the chance of landing between {say_num(a)} and "
            f"{say_num(b)} becomes {fmt(prob, DIGITS)}.",
            chapter="Moving the mean and spread",
        ):
            self.play(self.mu_t.animate.set_value(mu2), run_time=2.5, rate_func=smooth)
            self.remove(self.mu_t)

    def change_spread(self) -> None:
        a, b = self.args.a, self.args.b
        _, _, (mu2, narrow), (_, wide) = normal_stops(self.args.mu, self.args.sigma)
        p_narrow = interval_probability(a, b, mu2, narrow)
        p_wide = interval_probability(a, b, mu2, wide)
        peak_narrow = normal_pdf(mu2, mu2, narrow)
        with self.beat(
            f"Shrink the standard deviation to {fmt(narrow)}: the curve gets narrow and "
            f"tall, peaking at {fmt(peak_narrow, DIGITS)}, since its area stays 1. "
            f"The chance is now {fmt(p_narrow, DIGITS)}.",
        ):
            self.play(
                self.sigma_t.animate.set_value(narrow), run_time=2.5, rate_func=smooth
            )
            self.remove(self.sigma_t)
        change = spread_change(p_narrow, p_wide)
        with self.beat(
            f"Stretch it to {fmt(wide)} and the curve flattens and spreads out: the "
            f"chance {change} {fmt(p_wide, DIGITS)}.",
            say=f"Stretch it to {fmt(wide)} and the curve flattens and spreads out: "
            f"the chance {change} {say_sig(p_wide)}.",
        ):
            self.play(
                self.sigma_t.animate.set_value(wide), run_time=2.5, rate_func=smooth
            )
            self.remove(self.sigma_t)
        for row in (*self.n_rows, self.p_row):
            row[-1].clear_updaters()
        for tag in self.n_tags:
            tag.clear_updaters()
        picture = [self.n_axes, self.graph, self.area, self.n_mean, self.n_sd]
        moved = [0.0]

        def lift(axes: Mobject, alpha: float) -> None:
            """Raise the plot clear of the recap card; the hidden y-axis (which
            maps coordinates, see ruler_left) moves with it."""
            step = 0.75 * alpha - moved[0]
            moved[0] += step
            for mob in (axes, axes.y_axis, self.n_tags):
                mob.shift(step * UP)

        self.play(
            UpdateFromAlphaFunc(self.n_axes, lift), FadeOut(self.heading), run_time=0.6
        )
        self.recap_over(
            [*picture, self.n_tags],
            "Bars add to 1; a density's area is 1; probability is area.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: (n, p) with a whole or one-decimal standard deviation sqrt(n p (1 - p)).
_PRACTICE_SPREADS = (
    (4, 0.5),
    (9, 0.5),
    (16, 0.5),
    (25, 0.5),
    (25, 0.2),
    (16, 0.2),
    (9, 0.1),
    (25, 0.1),
    (4, 0.1),
    (16, 0.1),
)


def practice(seed: int) -> list[Exercise]:
    """Exercises on the binomial and normal distributions, numbers drawn from ``seed``.

    Three exercises: one binomial probability (:func:`binomial_pmf`); a binomial's
    mean and standard deviation (:func:`binomial_mean_sd`); and a normal
    probability between whole numbers of standard deviations
    (:func:`interval_probability`).
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    n = int(rng.integers(2, 6))
    p = float(rng.choice([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]))
    k = int(rng.integers(0, n + 1))
    chance = float(binomial_pmf(n, p)[k])
    spread_n, spread_p = _PRACTICE_SPREADS[int(rng.integers(len(_PRACTICE_SPREADS)))]
    mean, sd = binomial_mean_sd(spread_n, spread_p)
    mu = float(rng.integers(-3, 4))
    sigma = float(rng.choice([0.5, 1.0, 2.0]))
    left, right = (
        (-1, 1) if rng.random() < 0.4 else ((-2, 2) if rng.random() < 0.5 else (-1, 2))
    )
    a, b = mu + left * sigma, mu + right * sigma
    area = interval_probability(a, b, mu, sigma)
    ways = math.comb(n, k)
    return [
        Exercise(
            id="distributions-1",
            prompt=(
                f"A coin lands heads with probability $p = {fmt(p)}$. It is flipped "
                f"$n = {n}$ times. What is the probability of exactly $k = {k}$ heads?"
            ),
            kind="number",
            answer=chance,
            tolerance=0.0005,
            percent=True,
            hint="Count the orders, C(n, k), times the chance of one order, pᵏ (1 − p)ⁿ⁻ᵏ.",
            solution=(
                f"$\\binom{{{n}}}{{{k}}} \\cdot {fmt(p)}^{{{k}}} \\cdot {fmt(1 - p)}^{{{n - k}}} "
                f"= {ways} \\cdot {fmt(p**k, 5)} \\cdot {fmt((1 - p) ** (n - k), 5)} "
                f"= {fmt(chance, 4)}$."
            ),
        ),
        Exercise(
            id="distributions-2",
            prompt=(
                f"X counts heads in $n = {spread_n}$ flips with $p = {fmt(spread_p)}$. "
                "What are its mean and standard deviation (in that order)?"
            ),
            kind="vector",
            answer=(mean, sd),
            tolerance=0.005,
            hint="Mean n p; standard deviation √(n p (1 − p)).",
            solution=(
                f"$np = {fmt(mean)}$ and $\\sqrt{{{spread_n} \\cdot {fmt(spread_p)} \\cdot "
                f"{fmt(1 - spread_p)}}} = \\sqrt{{{fmt(sd * sd)}}} = {fmt(sd)}$."
            ),
        ),
        Exercise(
            id="distributions-3",
            prompt=(
                f"X is normal with mean $\\mu = {fmt(mu)}$ and standard deviation "
                f"$\\sigma = {fmt(sigma)}$. What is $P({fmt(a)} \\le X \\le {fmt(b)})$ "
                "(to two decimals)?"
            ),
            kind="number",
            answer=area,
            tolerance=0.01,
            percent=True,
            hint="Count standard deviations from the mean: about 68% lie within 1, 95% within 2.",
            solution=(
                f"$a$ is {fmt(left)} and $b$ is {fmt(right)} standard deviations from the mean; "
                f"the area between is ${fmt(area, 4)}$."
            ),
        ),
    ]
