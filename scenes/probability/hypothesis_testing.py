"""Hypothesis testing: a null hypothesis, a p-value as a tail area, a decision at alpha.

The null hypothesis says the true mean is ``mu0``. If it is true, the mean of a
sample of ``n`` values (population standard deviation ``sigma``, known) is normal
around ``mu0`` with standard error ``sigma / sqrt(n)``: this is a z-test. The
observed mean sits ``z = (x-bar - mu0) / SE`` standard errors away. The p-value is
the chance, under the null, of a mean at least that extreme: the shaded tail area
(one tail, or both for a two-sided test). The significance level ``alpha`` fixes,
before any data, a rejection region holding the most extreme ``alpha`` of means,
bounded by the critical values. We reject the null when ``p <= alpha``, which is
the same as the observed mean landing in the rejection region.

When the null is true a test still rejects now and then: a type I error. Running
many seeded experiments under the null, about ``alpha`` of them reject.

The rejection region is a red strip along the axis with short marks at the
critical values (not a tinted wall over the tails), and the mirrored dashed line
of a two-sided p-value goes once the tails are shaded, so the p-value's yellow
tails, the region and the observed mean read apart. A beat after the p-value
says what p is not. The machine-learning beat is an A/B test of two models'
accuracies (the same z-test on a difference of proportions), and the recap is
one line over the experiments piled under the null.

Everything the scene draws and says comes from the pure functions below (the
standard library and numpy only), which the tests check against scipy.stats.

General claims (text and narration), and why each holds:

- "If the null is true, the sample mean lands near mu0, give or take one
  standard error, sigma over root n": the mean of n independent values with
  known sigma has sd ``sigma / sqrt(n)``; normal for a normal population (the
  simulation draws normal values), approximately otherwise.
- "z standard errors above/below": :func:`z_statistic`, the side from its sign.
- "The p-value is the chance, if the null were true, of a mean at least this
  extreme: the shaded tail(s)": :func:`p_value` (tested against scipy) equals
  the shaded area (tested).
- "p is not the chance that the null is true; it is worked out assuming the
  null is true": p = P(data at least this extreme | H0), a probability about
  data given H0; P(H0 | data) would need a prior (Bayes) and is in general
  different. Shown as ``p != P(H0 true)`` and ``p = P(this extreme | H0)``.
- "The most extreme alpha of means under the null make up the rejection region":
  :func:`critical_values` hold exactly alpha (tested against scipy).
- "The observed mean falls inside (outside) the region; equivalently p is no
  more (more) than alpha": the two are the same event (tested at the boundary);
  the words are chosen by :func:`rejects`. "That does not prove the null".
- "k of 300 tests rejected a true null ... their rate is about alpha": counted
  on the seeded simulation; the rate's expectation is alpha (tested over seeds
  within a binomial tolerance).
- A/B test: "A gets 85% right and B 87% on 1,000 examples each; the 2-point
  gain is 1.3 standard errors, p about 0.2" and "with 10,000 each, 4.1 standard
  errors, p about 0.00005": :func:`ab_test`, the pooled two-proportion z-test
  (tested against its formula and scipy's normal tail); it assumes independent
  test examples for the two models (with one shared test set a paired test is
  more exact). The verdict words come from :func:`ab_verdict` at the lesson's
  alpha (Hypothesis-tested); "could well be chance" is hedged.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Float, Int, Seed
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, say_num
from scenes.kit.stats import normal_pdf
from scenes.kit.ticks import nice_step, tick_places
from scenes.style import *

__all__ = [
    "AB_TESTS",
    "ALPHA_MIN",
    "ALTERNATIVES",
    "MAX_N",
    "MAX_Z",
    "TRIALS",
    "ABTest",
    "HypothesisTesting",
    "Shown",
    "ab_test",
    "ab_verdict",
    "bin_edges",
    "critical_values",
    "critical_z",
    "data_places",
    "decide_each",
    "decision_words",
    "dots_shown",
    "normal_sf",
    "number_text",
    "p_and_alpha_text",
    "p_regions",
    "p_value",
    "pile_heights",
    "practice",
    "rejection_regions",
    "rejects",
    "shown_value",
    "simulate_null_means",
    "standard_error",
    "window",
    "z_statistic",
]

#: The alternative hypotheses: the mean differs from, is above, or is below mu0.
ALTERNATIVES = ("two-sided", "greater", "less")
#: Experiments run under the null to show the type I error rate.
TRIALS = 300
#: Farthest the observed mean may be from mu0, in standard errors (it must fit).
MAX_Z = 6.0
#: Smallest alpha whose critical values still fit on the picture.
ALPHA_MIN = 1e-9
#: The machine-learning beat's A/B test: correct answers of models A and B out of
#: the same number of test examples, at two test-set sizes.
AB_TESTS = ((850, 870, 1000), (8500, 8700, 10_000))
#: Largest sample size (each simulated experiment draws a whole sample).
MAX_N = 10_000
#: Largest absolute mean and largest sigma the axis can label.
MAX_VALUE, SIGMA_MIN, SIGMA_MAX = 1000.0, 0.001, 1000.0


# -- the math ------------------------------------------------------------------------


def standard_error(sigma: float, n: int) -> float:
    """The standard deviation of a sample mean: ``sigma / sqrt(n)``."""
    return float(sigma) / math.sqrt(n)


def z_statistic(observed: float, null: float, sigma: float, n: int) -> float:
    """How many standard errors the observed mean is from the null mean."""
    return (float(observed) - float(null)) / standard_error(sigma, n)


def normal_sf(z: float) -> float:
    """``P(Z >= z)`` for a standard normal, accurate far into the tail."""
    return 0.5 * math.erfc(float(z) / math.sqrt(2.0))


def p_value(z: float, alternative: str) -> float:
    """The z-test's p-value: the chance under the null of a z at least this extreme."""
    if alternative == "two-sided":
        return min(1.0, 2.0 * normal_sf(abs(z)))
    if alternative == "greater":
        return normal_sf(z)
    if alternative == "less":
        return normal_sf(-z)
    raise ValueError(f"unknown alternative {alternative!r}")


def critical_z(alpha: float, alternative: str) -> float:
    """``z*``: how many standard errors from mu0 the rejection region begins."""
    tail = float(alpha) / 2.0 if alternative == "two-sided" else float(alpha)
    return -NormalDist().inv_cdf(tail)


def critical_values(
    null: float, se: float, alpha: float, alternative: str
) -> tuple[float, ...]:
    """The edges of the rejection region, in the units of the mean (one or two)."""
    c = critical_z(alpha, alternative) * se
    if alternative == "two-sided":
        return (null - c, null + c)
    return (null + c,) if alternative == "greater" else (null - c,)


def rejects(p: float, alpha: float) -> bool:
    """The decision: reject the null when ``p <= alpha``."""
    return bool(p <= alpha)


class ABTest(NamedTuple):
    """A two-proportion z-test of two models' accuracies on ``n`` examples each."""

    gain: float  # accuracy of B minus accuracy of A
    se: float  # standard error of the gain if the models are equally good
    z: float
    p: float  # two-sided


def ab_test(correct_a: int, correct_b: int, n: int) -> ABTest:
    """Is model B's accuracy really different from model A's?

    Each model answers ``n`` test examples (``correct_a`` and ``correct_b``
    right). Under the null (equal accuracy, estimated by pooling both) the gain
    ``B - A`` is about normal with standard error ``sqrt(q (1 - q) 2 / n)``,
    ``q`` the pooled accuracy: the z-test of the lesson, for a difference of two
    proportions. Returns the gain, its standard error, ``z`` and the two-sided p.
    Assumes independent test sets (or examples) per model, as the test does.
    """
    pa, pb = correct_a / n, correct_b / n
    pooled = (correct_a + correct_b) / (2 * n)
    se = math.sqrt(pooled * (1.0 - pooled) * 2.0 / n)
    z = (pb - pa) / se
    return ABTest(pb - pa, se, z, p_value(z, "two-sided"))


def ab_verdict(p: float, alpha: float) -> str:
    """What the A/B test's p says at ``alpha``, in words."""
    if rejects(p, alpha):
        return "so we reject the null: a gain this big is unlikely to be chance"
    return "so we fail to reject the null: the gain could well be chance"


def decision_words(reject: bool) -> str:
    """``reject`` or ``fail to reject``."""
    return "reject" if reject else "fail to reject"


def rejection_regions(
    null: float, se: float, alpha: float, alternative: str, lo: float, hi: float
) -> list[tuple[float, float]]:
    """The rejection region, cut to the window ``[lo, hi]``."""
    cuts = critical_values(null, se, alpha, alternative)
    if alternative == "two-sided":
        regions = [(lo, cuts[0]), (cuts[1], hi)]
    elif alternative == "greater":
        regions = [(cuts[0], hi)]
    else:
        regions = [(lo, cuts[0])]
    return [(a, b) for a, b in regions if b > a]


def p_regions(
    observed: float, null: float, alternative: str, lo: float, hi: float
) -> list[tuple[float, float]]:
    """The tails whose area under the null is the p-value, cut to ``[lo, hi]``."""
    if alternative == "two-sided":
        d = abs(float(observed) - float(null))
        regions = [(lo, null - d), (null + d, hi)]
    elif alternative == "greater":
        regions = [(float(observed), hi)]
    else:
        regions = [(lo, float(observed))]
    return [(max(a, lo), min(b, hi)) for a, b in regions if min(b, hi) > max(a, lo)]


def simulate_null_means(
    null: float, sigma: float, n: int, trials: int, seed: int
) -> np.ndarray:
    """Sample means of ``trials`` experiments of ``n`` values each, the null true."""
    rng = np.random.default_rng(seed)
    return rng.normal(null, sigma, size=(trials, n)).mean(axis=1)


def decide_each(
    means: np.ndarray, null: float, sigma: float, n: int, alpha: float, alternative: str
) -> np.ndarray:
    """Whether the same z-test rejects for each mean."""
    return np.array(
        [
            rejects(p_value(z_statistic(m, null, sigma, n), alternative), alpha)
            for m in np.asarray(means, dtype=float)
        ],
        dtype=bool,
    )


def dots_shown(alpha: float, trials: int, end: float = 0.9) -> int:
    """How many experiments the pile shows at progress ``alpha``; all by ``end``."""
    return min(trials, int(float(alpha) / end * trials + 1e-9))


def window(
    null: float, se: float, z: float, alpha: float, alternative: str
) -> tuple[float, float]:
    """The x window: mu0 +/- at least 4 SE, and room past the observed mean and z*."""
    half = max(4.0, abs(z) + 0.8, abs(critical_z(alpha, alternative)) + 0.8)
    return null - half * se, null + half * se


def bin_edges(
    lo: float, hi: float, cuts: tuple[float, ...], width: float
) -> np.ndarray:
    """Bin edges covering ``[lo, hi]``, about ``width`` wide, with every cut an edge.

    With two cuts the stretch between them is split into equal bins and that
    width is used outside too, so every bin beyond a cut is wholly in the
    rejection region.
    """
    if len(cuts) == 2:
        a, b = cuts
        m = round((b - a) / width)
        if m >= 1:
            width = (b - a) / m
            inner = list(np.linspace(a, b, m + 1))
        else:
            inner = [a, b]
    else:
        (a,) = cuts
        b = a
        inner = [a]
    left, right = [], []
    edge = a
    while edge > lo:
        edge -= width
        left.append(edge)
    edge = b
    while edge < hi:
        edge += width
        right.append(edge)
    return np.array(sorted(left) + inner + right)


def pile_heights(
    values: np.ndarray, edges: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each value's bin and its place in that bin's pile (in the order given).

    Values outside the edges go to the end bins.
    """
    values = np.asarray(values, dtype=float)
    bins = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
    seen: dict[int, int] = {}
    level = np.zeros(len(values), dtype=int)
    for i, b in enumerate(bins):
        level[i] = seen.get(int(b), 0)
        seen[int(b)] = level[i] + 1
    return bins, level


def data_places(se: float) -> int:
    """Decimal places for means on screen: at least 2, and a tenth of an SE."""
    return max(2, math.ceil(-math.log10(float(se))) + 1)


class Shown(NamedTuple):
    """A number three ways: in a formula, in the captions, and as the voice says it."""

    tex: str
    text: str
    say: str


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number_text(x: float, sig: int = 2) -> Shown:
    """A small positive number with ``sig`` significant digits.

    ``0.028``; below 0.0001 in scientific form, ``3.2 \\times 10^{-6}``.
    """
    x = float(x)
    if x == 0:
        return Shown("0", "0", "0")
    exponent = math.floor(math.log10(abs(x)))
    if exponent >= -4:
        shown = fmt(x, max(0, sig - 1 - exponent))
        if shown == "0":  # 0.0000996 at 2 digits: stay in scientific form
            exponent = -5
        else:
            return Shown(shown, shown, shown)
    mantissa = x / 10.0**exponent
    digits = fmt(mantissa, sig - 1)
    if digits == "10":  # 9.96e-6 rounds up to 1.0e-5
        digits, exponent = "1", exponent + 1
    return Shown(
        rf"{digits} \times 10^{{{exponent}}}",
        f"{digits}×10{str(exponent).translate(_SUPERSCRIPT)}",
        f"{digits} times 10 to the minus {-exponent}",
    )


def shown_value(shown: Shown) -> float:
    """The number a :class:`Shown` reads as."""
    mantissa, _, exponent = shown.text.partition("×10")
    table = {v: k for k, v in zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True)}
    power = int("".join(table[c] for c in exponent)) if exponent else 0
    return float(mantissa) * 10.0**power


def p_and_alpha_text(p: float, alpha: float) -> tuple[Shown, Shown]:
    """``p`` and ``alpha`` as shown, with enough digits that unequal ones differ.

    alpha keeps the digits it was given with (up to 15 significant), p at least 2,
    and more when fewer would round it to the wrong side of alpha on screen.
    """
    for a_sig in range(1, 16):
        a_text = number_text(alpha, a_sig)
        if math.isclose(shown_value(a_text), alpha, rel_tol=1e-12):
            break
    for sig in range(2, 18):
        p_text = number_text(p, sig)
        if p == alpha:
            break
        in_order = (shown_value(p_text) <= shown_value(a_text)) == (p <= alpha)
        if p_text.tex != a_text.tex and in_order:
            break
    return p_text, a_text


def alpha_shown(alpha: float) -> str | None:
    """A parameter requirement: alpha's critical values must fit on the picture."""
    if alpha >= ALPHA_MIN:
        return None
    return f"smaller than {ALPHA_MIN:g}, its critical values would be off the picture"


def sigma_shown(sigma: float) -> str | None:
    """A parameter requirement: a standard deviation the axis can label."""
    if sigma >= SIGMA_MIN:
        return None
    return f"smaller than {SIGMA_MIN:g}, too small to label the axis"


# -- layout (scene units) ---------------------------------------------------------------
PLOT_LEFT, PLOT_RIGHT = -6.6, 1.8
AXIS_Y = CONTENT_BOTTOM + 0.75  # the number line (its numbers sit below it)
CURVE_H = 2.5  # height of the null curve's peak above the axis
PILE_ROOM = 3.4  # highest a pile of simulated means may reach
RIGHT_X = 2.35  # left edge of the right-hand column
RIGHT_EDGE = 6.85
PANEL = 34  # formula size in the right-hand column
TICKS = 34  # tick numbers: digits about 14 px tall at 480p
BAND = 0.14  # height of the red rejection strip along the axis
RECAP_LIFT = 1.1  # the recap's picture moves up this much, clear of its card


class HypothesisTesting(CourseLesson):
    """A z-test: sampling distribution under the null, p-value, alpha, type I errors."""

    params = {
        "observed_mean": Float(
            51.1, lo=-MAX_VALUE, hi=MAX_VALUE, help="the sample mean we observed"
        ),
        "null_mean": Float(
            50.0, lo=-MAX_VALUE, hi=MAX_VALUE, help="the mean mu0 under the null"
        ),
        "n": Int(16, lo=1, hi=MAX_N, help="sample size"),
        "sigma": Float(
            2.0,
            lo=0,
            hi=SIGMA_MAX,
            lo_open=True,
            help="population standard deviation (known)",
            require=[sigma_shown],
        ),
        "alpha": Float(
            0.05,
            lo=0,
            hi=1,
            lo_open=True,
            hi_open=True,
            help="significance level",
            require=[alpha_shown],
        ),
        "alternative": Choice(
            "two-sided",
            ALTERNATIVES,
            help="the alternative: mean differs from (two-sided), is above "
            "(greater) or is below (less) mu0",
        ),
        "seed": Seed(8, help="random seed of the experiments simulated under the null"),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        z = z_statistic(args.observed_mean, args.null_mean, args.sigma, args.n)
        if abs(z) > MAX_Z:
            raise ParamError(
                "observed_mean",
                f"{args.observed_mean:g}",
                f"a mean within {MAX_Z:g} standard errors of null_mean = "
                f"{args.null_mean:g}",
                why=f"it is {abs(z):.3g} standard errors away, off the picture",
            )

    # -- storyboard ---------------------------------------------------------------------
    def construct(self) -> None:
        self.compute()
        self.title_card("Hypothesis testing", "Is a result real, or just chance?")
        self.state_hypotheses()
        self.sampling_distribution()
        self.observe()
        self.shade_p_value()
        self.rejection_region()
        self.decide()
        self.simulate_null()
        self.type_one_rate()
        self.ab_test_beat()
        self.recap_over(
            self.picture,
            "Reject H₀ when p ≤ α; when H₀ is true, that happens α of the time.",
            say="Reject the null when p is at most alpha; when the null is true, that "
            "happens a share alpha of the time.",
        )

    # -- the numbers ------------------------------------------------------------------------
    def compute(self) -> None:
        a = self.args
        self.null, self.obs, self.n, self.sigma = (
            a.null_mean,
            a.observed_mean,
            a.n,
            a.sigma,
        )
        self.alpha, self.alt = a.alpha, a.alternative
        self.se = standard_error(self.sigma, self.n)
        self.z = z_statistic(self.obs, self.null, self.sigma, self.n)
        self.p = p_value(self.z, self.alt)
        self.reject = rejects(self.p, self.alpha)
        self.zc = critical_z(self.alpha, self.alt)
        self.cuts = critical_values(self.null, self.se, self.alpha, self.alt)
        self.lo, self.hi = window(self.null, self.se, self.z, self.alpha, self.alt)
        self.places = data_places(self.se)
        self.p_shown, self.a_shown = p_and_alpha_text(self.p, self.alpha)
        # the simulation: a pile of dots under the null curve, one per experiment
        self.sim = simulate_null_means(self.null, self.sigma, self.n, TRIALS, a.seed)
        self.sim_reject = decide_each(
            self.sim, self.null, self.sigma, self.n, self.alpha, self.alt
        )
        units = (PLOT_RIGHT - PLOT_LEFT) / (self.hi - self.lo)  # scene units per unit
        peak = normal_pdf(self.null, self.null, self.se)
        width = math.sqrt(CURVE_H / (TRIALS * peak * units))
        self.edges = bin_edges(self.lo, self.hi, self.cuts, width)
        self.bins, self.levels = pile_heights(self.sim, self.edges)
        width = float(np.median(np.diff(self.edges)))
        self.dot_step = CURVE_H / (TRIALS * peak * width)
        self.curve_h = CURVE_H
        tallest = (int(self.levels.max()) + 1) * self.dot_step
        if tallest > PILE_ROOM:  # an unlucky tall pile: shrink dots and curve alike
            self.dot_step *= PILE_ROOM / tallest
            self.curve_h *= PILE_ROOM / tallest
        self.dot_radius = 0.45 * min(self.dot_step, width * units)

    def fmt_x(self, x: float) -> str:
        return fmt(x, self.places)

    def say_x(self, x: float) -> str:
        return say_num(x, self.places)

    # -- geometry -----------------------------------------------------------------------------
    def make_axes(self) -> Axes:
        lo, hi = self.lo, self.hi
        longest = max(len(self.fmt_x(lo)), len(self.fmt_x(hi))) + 1
        most = max(3, min(8, int((PLOT_RIGHT - PLOT_LEFT) / (0.22 * longest + 0.45))))
        step = nice_step(hi - lo, most)
        axes = plot_axes(
            [lo, hi, step],
            width=PLOT_RIGHT - PLOT_LEFT,
            height=self.curve_h,
            start=[PLOT_LEFT, AXIS_Y],
            x_only=True,
            x_config={"include_ticks": False},
            hide_y=True,
        )
        ticks = np.arange(math.ceil(lo / step) * step, hi + 1e-9 * step, step)
        axes.x_axis.add_ticks()
        axes.x_axis.add_numbers(
            ticks, font_size=TICKS, num_decimal_places=tick_places(step)
        )
        for tick_x in ticks:
            mark = Line(
                axes.c2p(tick_x, 0) + 0.06 * DOWN,
                axes.c2p(tick_x, 0) + 0.06 * UP,
                color=MUTED,
                stroke_width=2,
            )
            axes.x_axis.add(mark)
        return axes

    def x(self, value: float) -> float:
        return float(self.axes.c2p(value, 0)[0])

    def curve_y(self, value: float) -> float:
        return AXIS_Y + self.curve_h * float(
            normal_pdf(value, self.null, self.se)
            / normal_pdf(self.null, self.null, self.se)
        )

    def region(self, a: float, b: float, color: str, opacity: float) -> Polygon:
        """The area under the null curve between ``a`` and ``b``."""
        xs = np.linspace(a, b, 40)
        top = [[self.x(v), self.curve_y(v), 0] for v in xs]
        return Polygon(
            [self.x(a), AXIS_Y, 0],
            *top,
            [self.x(b), AXIS_Y, 0],
            stroke_width=0,
            fill_color=color,
            fill_opacity=opacity,
        )

    def arc(self, a: float, b: float, color: str) -> VGroup:
        """The null curve between ``a`` and ``b``, drawn over a shaded tail."""
        xs = np.linspace(a, b, 40)
        path = Line(stroke_width=6, color=color)
        path.set_points_as_corners([[self.x(v), self.curve_y(v), 0] for v in xs])
        return path

    def vline(
        self, value: float, height: float, color: str, dashed: bool = False
    ) -> Line:
        cls = DashedLine if dashed else Line
        return cls(
            [self.x(value), AXIS_Y, 0],
            [self.x(value), AXIS_Y + height, 0],
            color=color,
            stroke_width=4,
        )

    def row(self, mob: VGroup, y: float) -> VGroup:
        room = RIGHT_EDGE - RIGHT_X
        if mob.width > room:
            mob.scale(room / mob.width)
        return mob.move_to([RIGHT_X, y, 0], aligned_edge=LEFT)

    # -- beats ------------------------------------------------------------------------------------
    def hypotheses(self) -> tuple[str, str]:
        sign = {"two-sided": r"\neq", "greater": ">", "less": "<"}[self.alt]
        words = {
            "two-sided": "is not",
            "greater": "is more than",
            "less": "is less than",
        }[self.alt]
        return sign, words

    def state_hypotheses(self) -> None:
        sign, words = self.hypotheses()
        h0 = tex(r"H_0:", r"\ \mu", "=", self.fmt_x(self.null), size=PANEL)
        h1 = tex(r"H_1:", r"\ \mu", sign, self.fmt_x(self.null), size=PANEL)
        h0[0].set_color(BLUE)
        h1[0].set_color(ACCENT)
        self.hyp = self.row(VGroup(h0, h1).arrange(RIGHT, buff=0.6), 3.35)
        self.hyp_home = self.hyp.copy()
        self.hyp.scale(1.4).move_to([0, 0.6, 0])
        null = self.fmt_x(self.null)
        with self.beat(
            f"Someone claims the true mean is {null}. That is the null hypothesis, "
            f"H-nought. The alternative, H-one, says the mean {words} {null}.",
            say=f"Someone claims the true mean is {self.say_x(self.null)}. That is the "
            "null hypothesis, H-nought. The alternative, H-one, says the mean "
            f"{words} {self.say_x(self.null)}.",
            chapter="The null hypothesis",
        ):
            self.play(Write(h0), run_time=1.0)
            self.play(FadeIn(h1, shift=0.2 * RIGHT), run_time=0.8)

    def sampling_distribution(self) -> None:
        self.axes = self.make_axes()
        self.curve = self.axes.plot(
            lambda v: (self.curve_y(v) - AXIS_Y) / self.curve_h,
            x_range=[self.lo, self.hi, (self.hi - self.lo) / 200],
            color=BLUE,
            stroke_width=4,
        )
        self.null_line = self.vline(self.null, self.curve_h, BLUE).set_stroke(
            opacity=0.6, width=3
        )
        self.null_label = tex(r"\mu_0", size=PANEL, color=BLUE).next_to(
            self.null_line, UP, buff=0.1
        )
        caption = text("sample means if H₀ is true", SMALL, BLUE)
        caption.move_to([(PLOT_LEFT + PLOT_RIGHT) / 2, AXIS_Y + self.curve_h + 1.6, 0])
        self.caption = caption
        se = tex(
            r"\text{SE}",
            "=",
            r"{\sigma \over \sqrt{n}}",
            "=",
            rf"{{{fmt(self.sigma, 3)} \over \sqrt{{{self.n}}}}}",
            "=",
            fmt(self.se, 3),
            size=PANEL,
        )
        self.se_row = self.row(se, 2.3)
        with self.beat(
            f"Take a sample of {self.n} values from a population with standard "
            f"deviation {fmt(self.sigma, 3)}. If the null is true, its mean lands near "
            f"{self.fmt_x(self.null)}, give or take one standard error: sigma over root "
            f"n, {fmt(self.se, 3)}.",
            say=f"Take a sample of {self.n} values from a population with standard "
            f"deviation {fmt(self.sigma, 3)}. If the null is true, its mean lands near "
            f"{self.say_x(self.null)}, give or take one standard error: sigma over "
            f"root n, {fmt(self.se, 3)}.",
        ):
            self.play(self.hyp.animate.become(self.hyp_home), run_time=0.8)
            self.play(Create(self.axes), run_time=1.0)
            self.play(
                Create(self.curve),
                Create(self.null_line),
                FadeIn(self.null_label),
                FadeIn(caption),
                run_time=1.5,
            )
            self.play(FadeIn(se), run_time=0.8)

    def observe(self) -> None:
        height = self.curve_h + 0.75
        self.obs_line = self.vline(self.obs, height, ACCENT)
        self.obs_label = tex(r"\bar{x}", size=PANEL, color=ACCENT).next_to(
            self.obs_line, UP, buff=0.1
        )
        z = tex(
            "z",
            "=",
            r"{\bar{x} - \mu_0 \over \text{SE}}",
            "=",
            rf"{{{self.fmt_x(self.obs)} - {self.fmt_x(self.null)} \over {fmt(self.se, 3)}}}",
            "=",
            fmt(self.z),
            size=PANEL,
        )
        z[0].set_color(ACCENT)
        self.z_row = self.row(z, 1.05)
        side = "above" if self.z >= 0 else "below"
        units = "standard error" if abs(round(self.z, 2)) == 1 else "standard errors"
        with self.beat(
            f"Our sample's mean is {self.fmt_x(self.obs)}. That is "
            f"{fmt(abs(self.z))} {units} {side} {self.fmt_x(self.null)}: "
            f"z = {fmt(self.z)}.",
            say=f"Our sample's mean is {self.say_x(self.obs)}. That is "
            f"{fmt(abs(self.z))} {units} {side} {self.say_x(self.null)}: "
            f"z equals {say_num(self.z)}.",
        ):
            self.play(Create(self.obs_line), FadeIn(self.obs_label), run_time=1.0)
            self.play(FadeIn(z), run_time=0.8)

    def shade_p_value(self) -> None:
        regions = p_regions(self.obs, self.null, self.alt, self.lo, self.hi)
        d = abs(self.obs - self.null)
        # each tail grows from the edge of the window in to its final end
        tracker = ValueTracker(0.0)
        shades = VGroup()
        for a, b in regions:
            from_left = a <= self.lo + 1e-12 and b < self.hi

            def make(a: float = a, b: float = b, left: bool = from_left) -> Polygon:
                t = max(tracker.get_value(), 1e-3)
                if left:
                    return self.region(a, a + t * (b - a), ACCENT, 0.8)
                return self.region(b - t * (b - a), b, ACCENT, 0.8)

            shades.add(always_redraw(make))
        self.mirror = None
        if self.alt == "two-sided" and d > 0:
            mirror_at = self.null - (self.obs - self.null)
            self.mirror = self.vline(
                mirror_at, self.curve_h + 0.75, ACCENT, dashed=True
            ).set_stroke(opacity=0.7)
        p_row = tex("p", "=", self.p_shown.tex, size=PANEL)
        p_row[0].set_color(ACCENT)
        self.p_row = self.row(p_row, 0.0)
        tails = {
            "two-sided": "the two shaded tails",
            "greater": "the shaded tail",
            "less": "the shaded tail",
        }[self.alt]
        far = {
            "two-sided": f"at least this far from {self.fmt_x(self.null)}",
            "greater": f"at least as high as {self.fmt_x(self.obs)}",
            "less": f"at most as low as {self.fmt_x(self.obs)}",
        }[self.alt]
        far_said = far.replace(self.fmt_x(self.null), self.say_x(self.null)).replace(
            self.fmt_x(self.obs), self.say_x(self.obs)
        )
        with self.beat(
            "The p-value is the chance, if the null were true, of a sample mean "
            f"{far}: the area of {tails}. Here p = {self.p_shown.text}.",
            say="The p-value is the chance, if the null were true, of a sample mean "
            f"{far_said}: the area of {tails}. Here p is {self.p_shown.say}.",
            chapter="The p-value",
        ):
            if self.mirror is not None:
                self.play(Create(self.mirror), run_time=0.6)
            self.add(shades)
            self.play(tracker.animate.set_value(1.0), run_time=1.5)
            self.play(FadeIn(p_row), run_time=0.6)
            final = VGroup(*(self.region(a, b, ACCENT, 0.8) for a, b in regions))
            edges = VGroup(*(self.arc(a, b, ACCENT) for a, b in regions))
            self.play(Create(edges), run_time=0.5)
        self.remove(shades)
        self.add(final)
        final.add(edges)
        self.p_shade = final
        self.p_is_not()

    def p_is_not(self) -> None:
        """What p is not: the chance that the null is true."""
        no = VGroup(
            text("✗", BODY, RED),
            tex(r"p \ne P(H_0 \text{ true})", size=PANEL),
        ).arrange(RIGHT, buff=0.25)
        yes = VGroup(
            text("✓", BODY, GREEN),
            tex(r"p = P(\text{this extreme} \mid H_0)", size=PANEL),
        ).arrange(RIGHT, buff=0.25)
        self.warning = self.row(
            VGroup(no, yes).arrange(DOWN, aligned_edge=LEFT, buff=0.3), -1.4
        )
        with self.beat(
            "Careful: p is not the chance that the null is true. It is worked out "
            "assuming the null is true: how surprising data this extreme would be "
            "if it were.",
        ):
            self.play(FadeIn(no, shift=0.2 * RIGHT), run_time=0.8)
            self.play(FadeIn(yes, shift=0.2 * RIGHT), run_time=0.8)

    def rejection_region(self) -> None:
        regions = rejection_regions(
            self.null, self.se, self.alpha, self.alt, self.lo, self.hi
        )
        # the region as a red strip along the axis, not a tinted wall over the
        # tails: the p-value's yellow areas and the observed mean stay readable
        self.reject_band = VGroup(
            *(
                Polygon(
                    [self.x(a), AXIS_Y - BAND / 2, 0],
                    [self.x(a), AXIS_Y + BAND / 2, 0],
                    [self.x(b), AXIS_Y + BAND / 2, 0],
                    [self.x(b), AXIS_Y - BAND / 2, 0],
                    stroke_width=0,
                    fill_color=RED,
                    fill_opacity=0.9,
                )
                for a, b in regions
            )
        )
        self.cut_lines = VGroup(
            *(self.vline(c, 0.45, RED).set_stroke(width=5) for c in self.cuts)
        )
        alpha_row = tex(r"\alpha", "=", self.a_shown.tex, size=PANEL)
        alpha_row[0].set_color(RED)
        x = r"\bar{x}"
        if self.alt == "two-sided":
            lo_c, hi_c = (self.fmt_x(c) for c in self.cuts)
            rule = VGroup(
                tex(rf"\text{{reject if }} {x} \le {lo_c}", size=PANEL),
                tex(rf"\text{{or }} {x} \ge {hi_c}", size=PANEL),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
            where = f"below {lo_c} or above {hi_c}"
            where_said = (
                f"below {self.say_x(self.cuts[0])} or above {self.say_x(self.cuts[1])}"
            )
        else:
            c = self.fmt_x(self.cuts[0])
            op, word = (r"\ge", "above") if self.alt == "greater" else (r"\le", "below")
            rule = tex(rf"\text{{reject if }} {x} {op} {c}", size=PANEL)
            where = f"{word} {c}"
            where_said = f"{word} {self.say_x(self.cuts[0])}"
        rule.set_color(RED)
        block = VGroup(alpha_row, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.alpha_block = self.row(block, -1.1)
        share = fmt(100 * self.alpha, 6)
        with self.beat(
            f"Before looking at the data we chose a significance level, alpha = "
            f"{self.a_shown.text}. The most extreme {share}% of means under the null, "
            f"{where}, make up the rejection region.",
            say=f"Before looking at the data we chose a significance level, alpha "
            f"equals {self.a_shown.say}. The most extreme {share} percent of means under "
            f"the null, {where_said}, make up the rejection region.",
            chapter="The decision",
        ):
            fades = [self.warning] + ([self.mirror] if self.mirror is not None else [])
            self.play(FadeOut(*fades), FadeIn(alpha_row), run_time=0.6)
            self.play(
                Create(self.cut_lines),
                FadeIn(self.reject_band),
                FadeIn(rule),
                run_time=1.2,
            )

    def decide(self) -> None:
        verdict = decision_words(self.reject)
        op = r"\le" if self.reject else ">"
        line = tex(
            "p",
            op,
            r"\alpha",
            r"\ \Rightarrow\ ",
            rf"\text{{{verdict} }} H_0",
            size=PANEL,
        )
        line[0].set_color(ACCENT)
        line[2].set_color(RED)
        line[4].set_color(GREEN if self.reject else INK)
        self.verdict = self.row(line, -2.25)
        where = "inside" if self.reject else "outside"
        if self.reject:
            compare, tail = "no more than", "so we reject the null hypothesis."
        else:
            compare = "more than"
            tail = (
                "so we fail to reject the null. That does not prove the null: the "
                "data are simply consistent with it."
            )
        p_, a_ = self.p_shown, self.a_shown
        with self.beat(
            f"The observed mean falls {where} the rejection region. Equivalently, "
            f"p = {p_.text} is {compare} alpha = {a_.text}, {tail}",
            say=f"The observed mean falls {where} the rejection region. Equivalently, "
            f"p, {p_.say}, is {compare} alpha, {a_.say}, {tail}",
            key=True,
        ):
            self.play(
                Indicate(self.obs_line, color=ACCENT, scale_factor=1.05),
                Indicate(self.obs_label, color=ACCENT),
                run_time=1.0,
            )
            self.play(Write(line), run_time=1.0)

    def simulate_null(self) -> None:
        dots = VGroup()
        centers = (self.edges[:-1] + self.edges[1:]) / 2
        for b, level, bad in zip(self.bins, self.levels, self.sim_reject, strict=True):
            dot = Dot(
                [self.x(centers[b]), AXIS_Y + (level + 0.5) * self.dot_step, 0],
                radius=self.dot_radius,
                color=RED if bad else BLUE,
            )
            dots.add(dot.set_opacity(0))
        self.dots = dots
        rejected = Integer(0, font_size=PANEL, color=RED)
        run = Integer(0, font_size=PANEL)
        counter = VGroup(
            tex(r"\text{rejected}", size=PANEL),
            rejected,
            tex(r"\text{of}", size=PANEL),
            run,
        )
        self.on_baseline(counter)
        heading = text(f"{TRIALS} experiments, H₀ true", SMALL, MUTED)
        card = VGroup(heading, counter).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        self.row(card, 1.4)
        counter_left = counter.get_left()
        self.counter, self.sim_card = counter, card
        rejects_so_far = np.cumsum(self.sim_reject)

        def pile(group: VGroup, alpha: float) -> None:
            shown = dots_shown(alpha, TRIALS)
            for i, dot in enumerate(dots):
                dot.set_opacity(1.0 if i < shown else 0.0)
            rejected.set_value(int(rejects_so_far[shown - 1]) if shown else 0)
            run.set_value(shown)
            self.on_baseline(counter).move_to(counter_left, aligned_edge=LEFT)

        with self.beat(
            "But what if the null is true? Run the same test on "
            f"{TRIALS} fresh samples, all drawn with mean {self.fmt_x(self.null)}.",
            say="But what if the null is true? Run the same test on "
            f"{TRIALS} fresh samples, all drawn with mean {self.say_x(self.null)}.",
            chapter="Type I errors",
        ):
            self.play(
                FadeOut(
                    self.p_shade,
                    self.obs_line,
                    self.obs_label,
                    self.z_row,
                    self.p_row,
                    self.verdict,
                    self.se_row,
                    self.null_line,
                    self.null_label,
                ),
                run_time=0.8,
            )
            self.play(FadeIn(card), run_time=0.5)
            self.add(dots)
            self.play(
                UpdateFromAlphaFunc(VGroup(dots, counter), pile),
                run_time=5.0,
            )

    def type_one_rate(self) -> None:
        bad = int(np.sum(self.sim_reject))
        rate = bad / TRIALS
        share = tex(rf"= {fmt(100 * rate, 1)}\%", size=PANEL)
        share.next_to(self.counter, RIGHT, buff=0.3)
        share.shift(
            (first_glyph(self.counter[1]).get_bottom()[1] - share[0][1].get_bottom()[1])
            * UP
        )
        red = [d for d, r in zip(self.dots, self.sim_reject, strict=True) if r]
        with self.beat(
            f"{bad} of the {TRIALS} tests, {fmt(100 * rate, 1)}%, rejected a null that "
            "is true. Those are type I errors, false alarms, and their rate is about "
            f"alpha, {fmt(100 * self.alpha, 6)}%: alpha is the false alarm rate you "
            "choose.",
            say=f"{bad} of the {TRIALS} tests, {fmt(100 * rate, 1)} percent, rejected a "
            "null that is true. Those are type I errors, false alarms, and their rate "
            f"is about alpha, {fmt(100 * self.alpha, 6)} percent: alpha is the false "
            "alarm rate you choose.",
        ):
            if red:
                self.play(
                    *(Indicate(d, color=RED, scale_factor=1.6) for d in red),
                    run_time=1.2,
                )
            self.play(FadeIn(share), run_time=0.6)
        self.sim_share = share
        # the key picture the recap closes over: the null curve, the rejection
        # strip and the pile of experiments with its false alarms in red
        self.picture = [
            self.axes,
            self.curve,
            self.caption,
            self.cut_lines,
            self.reject_band,
            self.dots,
        ]

    def ab_test_beat(self) -> None:
        """An A/B test of two models' accuracies: the same z-test, on a difference."""
        alpha = self.alpha
        tests = [ab_test(*t) for t in AB_TESTS]
        zc = critical_z(alpha, "two-sided")
        lim = max(5.0, math.ceil(max(abs(t.z) for t in tests) + 1))
        others = [m for m in self.mobjects if m not in self.picture]
        ghosts = [m.copy() for m in self.picture]
        self.remove(*self.picture)
        ax = plot_axes(
            [-lim, lim, 1],
            width=PLOT_RIGHT - PLOT_LEFT,
            height=CURVE_H,
            start=[PLOT_LEFT, AXIS_Y],
            numbers=np.arange(-lim, lim + 0.5, 2 if lim > 5 else 1),
            x_only=True,
            hide_y=True,
            number_size=TICKS,
        )
        curve = ax.plot(
            lambda v: normal_pdf(v, 0.0, 1.0) / normal_pdf(0.0, 0.0, 1.0),
            x_range=[-lim, lim, 2 * lim / 200],
            color=BLUE,
            stroke_width=4,
        )
        strips = VGroup(
            *(
                Polygon(
                    [ax.c2p(a, 0)[0], AXIS_Y - BAND / 2, 0],
                    [ax.c2p(a, 0)[0], AXIS_Y + BAND / 2, 0],
                    [ax.c2p(b, 0)[0], AXIS_Y + BAND / 2, 0],
                    [ax.c2p(b, 0)[0], AXIS_Y - BAND / 2, 0],
                    stroke_width=0,
                    fill_color=RED,
                    fill_opacity=0.9,
                )
                for a, b in ((-lim, -zc), (zc, lim))
            )
        )
        caption = text("z of the gain B − A if both are equally good", SMALL, BLUE)
        caption.move_to([(PLOT_LEFT + PLOT_RIGHT) / 2, AXIS_Y + CURVE_H + 0.9, 0])
        marks, rows = VGroup(), VGroup()
        for (_, _, n), t in zip(AB_TESTS, tests, strict=True):
            # a mark reaches just above the curve where it stands, so its label
            # sits clear of the curve and of the other label
            height = CURVE_H * normal_pdf(t.z, 0.0, 1.0) / normal_pdf(0.0, 0.0, 1.0)
            top = max(height + 0.3, 0.6) if abs(t.z) > 2.5 else CURVE_H + 0.15
            mark = Line(ax.c2p(t.z, 0), ax.c2p(t.z, 0) + top * UP, color=ACCENT)
            mark.set_stroke(width=5)
            name = text(f"{n:,} each", SMALL, ACCENT).next_to(mark, UP, buff=0.1)
            marks.add(VGroup(mark, name))
            p_text = number_text(t.p)
            verdict = "reject H₀" if rejects(t.p, alpha) else "fail to reject"
            rows.add(
                VGroup(
                    text(f"{n:,} each: z = {fmt(t.z, 1)}", SMALL, ACCENT),
                    text(
                        f"p = {p_text.text}: {verdict}",
                        SMALL,
                        GREEN if rejects(t.p, alpha) else INK,
                    ),
                ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            )
        a_right, b_right, n = AB_TESTS[0]
        scores = text(
            f"A {fmt(100 * a_right / n, 1)}%, B {fmt(100 * b_right / n, 1)}% right",
            SMALL,
            INK,
        )
        panel_ = VGroup(scores, *rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        self.row(panel_, 0.6)
        first, second = tests
        gain = fmt(100 * first.gain, 1)
        with self.beat(
            "In machine learning, an A/B test asks if a new model really beats the old "
            f"one. On {n:,} test examples each, model A gets "
            f"{fmt(100 * a_right / n, 1)}% right and model B "
            f"{fmt(100 * b_right / n, 1)}%. The null: they are equally good.",
            chapter="In machine learning",
        ):
            self.play(FadeOut(*ghosts, *others), run_time=0.6)
            self.play(Create(ax), Create(curve), FadeIn(caption), run_time=1.2)
            self.play(FadeIn(strips), FadeIn(scores), run_time=0.8)
        with self.beat(
            f"The {gain}-point gain is {fmt(first.z, 1)} standard errors: p is "
            f"{number_text(first.p).text}, {ab_verdict(first.p, alpha)}.",
            say=f"The {gain} point gain is {fmt(first.z, 1)} standard errors: p is "
            f"about {number_text(first.p).say}, {ab_verdict(first.p, alpha)}.",
        ):
            self.play(FadeIn(marks[0], shift=0.2 * UP), FadeIn(rows[0]), run_time=1.0)
        n2 = AB_TESTS[1][2]
        with self.beat(
            f"With {n2:,} examples each and the same accuracies, it is "
            f"{fmt(second.z, 1)} standard errors: p is {number_text(second.p).text}, "
            f"{ab_verdict(second.p, alpha)}.",
            say=f"With {n2:,} examples each and the same accuracies, it is "
            f"{fmt(second.z, 1)} standard errors: p is about "
            f"{number_text(second.p).say}, {ab_verdict(second.p, alpha)}.",
        ):
            self.play(FadeIn(marks[1], shift=0.2 * UP), FadeIn(rows[1]), run_time=1.0)
        # back to the experiments under the null, raised clear of the recap's card
        VGroup(*self.picture).shift(RECAP_LIFT * UP)
        self.play(
            FadeOut(ax, curve, strips, caption, marks, panel_),
            *(FadeIn(m) for m in self.picture),
            run_time=0.8,
        )

    @staticmethod
    def on_baseline(row: VGroup, buff: float = 0.15) -> VGroup:
        """Arrange words and numbers left to right, their first glyphs on one line.

        (Each part must begin with a glyph that has no descender.)
        """
        row.arrange(RIGHT, buff=buff)
        base = first_glyph(row[0]).get_bottom()[1]
        for part in row[1:]:
            part.shift((base - first_glyph(part).get_bottom()[1]) * UP)
        return row


def first_glyph(mob: VGroup) -> VGroup:
    """The first leaf of a formula or number: its first character."""
    while mob.submobjects:
        mob = mob.submobjects[0]
    return mob


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on a z-test for a mean, numbers drawn from ``seed``.

    A new null mean, sigma, sample size, observed mean, alternative and alpha for
    each seed; the observed mean is a whole or half number of standard errors away.
    Three exercises: the z statistic (:func:`z_statistic`); the p-value
    (:func:`p_value`); and the decision (:func:`rejects`, :func:`decision_words`).
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    while True:
        null = float(rng.integers(10, 100))
        sigma = float(rng.choice([2.0, 4.0, 6.0, 10.0]))
        n = int(rng.choice([4, 16, 25, 100]))
        steps = float(
            rng.choice([-3.0, -2.5, -2.0, -1.5, -1.0, 1.0, 1.5, 2.0, 2.5, 3.0])
        )
        alternative = str(rng.choice(ALTERNATIVES))
        alpha = float(rng.choice([0.01, 0.05, 0.1]))
        observed = null + steps * standard_error(sigma, n)
        z = z_statistic(observed, null, sigma, n)
        p = p_value(z, alternative)
        if abs(p - alpha) > 0.005:  # the decision must not hang on rounding
            break
    decision = decision_words(rejects(p, alpha))
    words = {
        "two-sided": "differs from",
        "greater": "is greater than",
        "less": "is less than",
    }
    setup = (
        f"$H_0$: the mean is $\\mu_0 = {fmt(null)}$; the alternative: it "
        f"{words[alternative]} {fmt(null)}. The population's $\\sigma = {fmt(sigma)}$; a "
        f"sample of $n = {n}$ has mean $\\bar x = {fmt(observed, 3)}$."
    )
    return [
        Exercise(
            id="hypothesis-testing-1",
            prompt=f"{setup} What is the z statistic?",
            kind="number",
            answer=z,
            tolerance=0.005,
            hint="z = (x̄ − μ₀) / (σ/√n): how many standard errors from the null mean.",
            solution=(
                f"$\\sigma/\\sqrt{{n}} = {fmt(standard_error(sigma, n), 3)}$, so "
                f"$z = ({fmt(observed, 3)} - {fmt(null)}) / {fmt(standard_error(sigma, n), 3)} "
                f"= {fmt(z, 3)}$."
            ),
        ),
        Exercise(
            id="hypothesis-testing-2",
            prompt=f"{setup} What is the p-value (to three decimals)?",
            kind="number",
            answer=p,
            tolerance=0.001,
            percent=True,
            hint=(
                "The chance under H₀ of a z at least this extreme in the alternative's "
                "direction (both tails if two-sided); P(Z ≥ 1) ≈ 0.159, P(Z ≥ 2) ≈ 0.023."
            ),
            solution=f"$z = {fmt(z, 3)}$, so $p = {fmt(p, 4)}$ ({alternative}).",
        ),
        Exercise(
            id="hypothesis-testing-3",
            prompt=f"{setup} At significance level $\\alpha = {fmt(alpha)}$, what is the decision?",
            kind="choice",
            answer=decision,
            choices=("reject", "fail to reject"),
            hint="Reject H₀ when p ≤ α. A p-value is not the chance that H₀ is true.",
            solution=(
                f"$p = {fmt(p, 4)}$ {'≤' if p <= alpha else '>'} $\\alpha = {fmt(alpha)}$: "
                f"{decision} $H_0$."
            ),
        ),
    ]
