"""Integrals: the area under a curve as a limit of rectangles.

Cut ``[a, b]`` into ``n`` strips and stand a rectangle on each, as tall as the
curve at the strip's left edge, right edge or midpoint (the rule). Their areas add
up to a Riemann sum; as ``n`` grows (4, 8, 16, 64) the sum closes in on the exact
integral, and the error column shows how fast (the ratio from 16 to 64 strips is
measured and shown). Then the right end becomes a variable: the area from ``a`` to
``x`` is a function ``A(x)``. The "why" of the fundamental theorem is derived with
the lesson's numbers: one thin strip of width ``dx`` at ``x`` adds ``Delta A``, and
``Delta A / dx`` is shown for the drawn strip and for a thinner one, closing in on
``f(x)``; so ``A' = f``, ``A`` and any antiderivative ``F`` differ by a constant,
and ``A(a) = 0`` gives ``A(x) = F(x) - F(a)``. The machine-learning beat reads
an area as a probability: the chance a model's (standard normal) error lands in
``[-1, 1]``, as 16 rectangles and as the exact integral. The recap closes over
that picture.

Every number on screen comes from the pure functions below (numpy only), which
the tests check on their own.

General claims (text and narration), and why each holds:

- "Their areas add up to [the sum]": :func:`riemann_sum` is the sum of width
  times height of :func:`riemann_rectangles` (tested; the rectangles tile
  ``[a, b]``).
- "With 64 strips the sum is close to the true area" and "the exact area is the
  limit of these sums": the Riemann sums of a continuous function converge to
  its integral; tested (left and right errors shrink like ``1/n``, midpoint like
  ``1/n**2``, Hypothesis over functions and intervals).
- "Four times the strips cut the error R times: it shrinks like 1 over n (or 1
  over n squared)": R is measured (:func:`error_ratio`) and shown as ``÷ R``; the
  law is said only when the measured order is within 0.2 of 1 or 2
  (:func:`convergence_claim`; Hypothesis test that the words match the
  measured errors for every function, interval and rule). The old unshown
  claim about the other rules ("midpoint sums do better") is gone.
- "A small step dx adds a strip about f(x) tall", "area over width is near
  f(x); make the strip thinner and the two agree": :func:`strip_growth` gives
  the exact strip area; tested with Hypothesis that the thinner strip's rate is
  closer to ``f(x)`` than the drawn one's, and within ``1e-2`` of it.
- "So the slope of A is f(x), wherever x is": the fundamental theorem for
  continuous ``f``; :func:`area_slope` measured on ``A`` alone is tested against
  ``f`` (Hypothesis).
- "Any F whose slope is f differs from A by a constant; A(a) = 0 fixes it":
  two functions with equal derivatives on an interval differ by a constant
  (mean value theorem); ``A(a) = 0`` by definition; tested
  ``F(x) - F(a) = A(x)``.
- "A model's prediction errors often spread like this bell curve": "often",
  not "always" (a modelling assumption, e.g. of least squares); "its total area
  is 1": every density's is (the normal's is tested with the kit).
- "The chance an error lands between -1 and 1 is the area there; 16 rectangles
  give S, the integral P: about 68 errors in 100": :func:`band_probability`,
  tested against ``scipy.integrate.quad`` and the normal distribution function;
  whether S and P are said as the same number is computed from their spoken
  forms.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Float
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, say_num, say_sig
from scenes.style import *

__all__ = [
    "DIGITS",
    "ERROR_BAND",
    "FINE_DX",
    "INTEGRANDS",
    "MIN_SHARE",
    "RULES",
    "STRIPS",
    "STRIP_SHARE",
    "Integrals",
    "Integrand",
    "antiderivative",
    "area_axis",
    "area_function",
    "area_slope",
    "axis_ticks",
    "band_probability",
    "convergence_claim",
    "displayed",
    "error_density",
    "error_law",
    "error_ratio",
    "exact_integral",
    "interval_problem",
    "observed_order",
    "practice",
    "riemann_error",
    "riemann_rectangles",
    "riemann_sum",
    "sample_points",
    "strip_growth",
    "value",
]

Curve = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Integrand:
    """A function the lesson can integrate: its antiderivative, window and words.

    The function is positive on ``window`` (so area under it is plain area);
    ``x_step`` spaces the axis numbers and ``y_max`` tops the graph. ``F`` is an
    antiderivative (``F' = f``); ``F_tex`` is its formula as TeX.
    """

    f: Curve
    F: Curve
    window: tuple[float, float]
    x_step: float
    y_max: float
    tex: str  # f(x) as TeX
    F_tex: str  # F(x) as TeX
    caption: str  # f(x) as a caption shows it
    spoken: str  # f(x) as said
    F_caption: str  # F(x) as a caption shows it
    F_spoken: str  # F(x) as said


def _erf(x: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf, otypes=[float])(x)


#: The named functions, each positive on its window, with an exact antiderivative.
INTEGRANDS: dict[str, Integrand] = {
    "parabola": Integrand(
        f=lambda x: np.asarray(x, dtype=float) ** 2,
        F=lambda x: np.asarray(x, dtype=float) ** 3 / 3.0,
        window=(0.0, 2.0),
        x_step=0.5,
        y_max=4.4,
        tex="x^2",
        F_tex=r"\tfrac{1}{3}x^3",
        caption="x²",
        spoken="x squared",
        F_caption="x³/3",
        F_spoken="x cubed over 3",
    ),
    "sine": Integrand(
        f=np.sin,
        F=lambda x: -np.cos(x),
        window=(0.0, math.pi),
        x_step=1.0,
        y_max=1.2,
        tex=r"\sin x",
        F_tex=r"-\cos x",
        caption="sin x",
        spoken="sine of x",
        F_caption="−cos x",
        F_spoken="minus cosine of x",
    ),
    "exp": Integrand(
        f=np.exp,
        F=np.exp,
        window=(-2.0, 2.0),
        x_step=1.0,
        y_max=8.0,
        tex="e^x",
        F_tex="e^x",
        caption="eˣ",
        spoken="e to the x",
        F_caption="eˣ, its own slope",
        F_spoken="e to the x itself",
    ),
    "sqrt": Integrand(
        f=lambda x: np.sqrt(np.asarray(x, dtype=float)),
        F=lambda x: 2.0 / 3.0 * np.asarray(x, dtype=float) ** 1.5,
        window=(0.0, 4.0),
        x_step=1.0,
        y_max=2.2,
        tex=r"\sqrt{x}",
        F_tex=r"\tfrac{2}{3}x^{3/2}",
        caption="√x",
        spoken="the square root of x",
        F_caption="⅔ x^(3/2)",
        F_spoken="two thirds x to the three halves",
    ),
    "gaussian": Integrand(
        f=lambda x: np.exp(-(np.asarray(x, dtype=float) ** 2) / 2.0),
        F=lambda x: math.sqrt(math.pi / 2.0) * _erf(np.asarray(x) / math.sqrt(2.0)),
        window=(-3.0, 3.0),
        x_step=1.0,
        y_max=1.2,
        tex=r"e^{-x^2/2}",
        F_tex=r"\sqrt{\pi/2}\;\mathrm{erf}(x/\sqrt{2})",
        caption="e^(−x²/2)",
        spoken="e to the minus x squared over 2",
        F_caption="√(π/2) erf(x/√2)",
        F_spoken="a scaled error function, e r f",
    ),
}

#: Where each rule samples the curve in its strip, and how the lesson says it.
RULES: dict[str, tuple[float, str]] = {
    "left": (0.0, "left edge"),
    "right": (1.0, "right edge"),
    "midpoint": (0.5, "midpoint"),
}

#: The numbers of strips the lesson shows, in order.
STRIPS: tuple[int, ...] = (4, 8, 16, 64)
#: Decimal places of the sums, errors and areas on screen.
DIGITS = 4
#: The interval must span at least this share of the function's window.
MIN_SHARE = 0.25


def value(name: str, x: float | np.ndarray) -> float | np.ndarray:
    """``f(x)`` for the named function."""
    result = INTEGRANDS[name].f(np.asarray(x, dtype=float))
    return float(result) if np.ndim(result) == 0 else result


def antiderivative(name: str, x: float | np.ndarray) -> float | np.ndarray:
    """``F(x)``, the named function's antiderivative (``F' = f``)."""
    result = INTEGRANDS[name].F(np.asarray(x, dtype=float))
    return float(result) if np.ndim(result) == 0 else result


def sample_points(a: float, b: float, n: int, rule: str) -> np.ndarray:
    """The ``n`` points where the rule samples the curve on ``[a, b]``."""
    width = (b - a) / n
    return a + width * (np.arange(n) + RULES[rule][0])


def riemann_rectangles(name: str, a: float, b: float, n: int, rule: str) -> np.ndarray:
    """The rectangles of the Riemann sum: rows of ``(left edge, width, height)``."""
    width = (b - a) / n
    lefts = a + width * np.arange(n)
    heights = np.asarray(value(name, sample_points(a, b, n, rule)), dtype=float)
    return np.column_stack([lefts, np.full(n, width), heights])


def riemann_sum(name: str, a: float, b: float, n: int, rule: str) -> float:
    """The total area of the ``n`` rectangles: ``sum of width * height``."""
    rects = riemann_rectangles(name, a, b, n, rule)
    return float(np.sum(rects[:, 1] * rects[:, 2]))


def exact_integral(name: str, a: float, b: float) -> float:
    """The exact area under the named function from ``a`` to ``b``: ``F(b) - F(a)``."""
    return float(antiderivative(name, b)) - float(antiderivative(name, a))


def riemann_error(name: str, a: float, b: float, n: int, rule: str) -> float:
    """How far the Riemann sum is from the exact integral (sum minus exact)."""
    return riemann_sum(name, a, b, n, rule) - exact_integral(name, a, b)


def error_ratio(
    name: str, a: float, b: float, rule: str, coarse: int = 16, fine: int = 64
) -> float | None:
    """How many times smaller the error is with ``fine`` strips than ``coarse``.

    ``None`` when the fine error is already negligible (nothing to compare).
    """
    fine_error = abs(riemann_error(name, a, b, fine, rule))
    if fine_error < 1e-12 * max(1.0, abs(exact_integral(name, a, b))):
        return None
    return abs(riemann_error(name, a, b, coarse, rule)) / fine_error


def observed_order(
    name: str, a: float, b: float, rule: str, coarse: int = 16, fine: int = 64
) -> float | None:
    """The ``p`` in ``error ~ 1/n**p`` measured between ``coarse`` and ``fine``."""
    ratio = error_ratio(name, a, b, rule, coarse, fine)
    if ratio is None or ratio <= 0:
        return None
    return math.log(ratio) / math.log(fine / coarse)


def error_law(order: float | None) -> str | None:
    """The error law ``1/n**p`` a measured order matches, in words, or ``None``."""
    if order is not None and abs(order - 1) < 0.2:
        return "1 over n"
    if order is not None and abs(order - 2) < 0.2:
        return "1 over n squared"
    return None


def convergence_claim(name: str, a: float, b: float, rule: str) -> str:
    """What the lesson says about how fast the sums close in: only what it measured.

    The ratio of the errors with 16 and 64 strips (shown on screen as the error
    column and a ``÷ ratio`` mark), and the law ``1/n`` or ``1/n**2`` it matches,
    when it matches one. Nothing is said about rules the screen does not show.
    """
    coarse, fine = STRIPS[2], STRIPS[3]
    ratio = error_ratio(name, a, b, rule, coarse, fine)
    if ratio is None:
        return f"By {fine} strips the error is too small to measure."
    law = error_law(observed_order(name, a, b, rule, coarse, fine))
    claim = (
        f"Four times the strips, from {coarse} to {fine}, cut the error "
        f"{fmt(ratio, 1)} times"
    )
    return claim + (f": it shrinks like {law}." if law else ".")


def strip_growth(name: str, a: float, x: float, dx: float) -> tuple[float, float]:
    """How much area one strip of width ``dx`` at ``x`` adds, and that over ``dx``.

    Returns ``(A(x + dx) - A(x), (A(x + dx) - A(x)) / dx)``: the exact area of the
    thin strip, and the rate at which it grows the area. As ``dx`` shrinks the
    rate tends to ``f(x)`` (the fundamental theorem; tested).
    """
    added = float(area_function(name, a, x + dx)) - float(area_function(name, a, x))
    return added, added / dx


#: The strip the "why" beat draws is this many times narrower than [a, b].
STRIP_SHARE = 24
#: The thinner strip whose area-over-width the "why" beat shows beside it.
FINE_DX = 1e-3

#: The machine-learning beat: a model's errors, standard normal, inside this band.
ERROR_BAND = (-1.0, 1.0)


def error_density(x: float | np.ndarray) -> float | np.ndarray:
    """The standard normal density ``e^(-x^2/2) / sqrt(2 pi)`` of a model's error."""
    result = value("gaussian", x)
    return result / math.sqrt(2 * math.pi)


def band_probability(lo: float, hi: float, n: int, rule: str) -> tuple[float, float]:
    """The chance a standard normal error lands in ``[lo, hi]``: sum, then exact.

    Returns ``(rectangle sum with n strips under error_density, exact integral)``,
    the exact one ``Phi(hi) - Phi(lo)``.
    """
    scale = 1 / math.sqrt(2 * math.pi)
    total = riemann_sum("gaussian", lo, hi, n, rule) * scale
    return total, exact_integral("gaussian", lo, hi) * scale


def area_function(name: str, a: float, x: float | np.ndarray) -> float | np.ndarray:
    """``A(x)``: the area under the named function from ``a`` to ``x``."""
    result = antiderivative(name, x) - antiderivative(name, a)
    return float(result) if np.ndim(result) == 0 else result


def area_slope(name: str, a: float, x: float, h: float = 1e-5) -> float:
    """The slope of ``A`` at ``x``, measured by a difference quotient of ``A``.

    Centred where it can be, one-sided at the ends of the function's window.
    """
    lo, hi = INTEGRANDS[name].window
    left, right = max(lo, x - h), min(hi, x + h)
    return float(
        (area_function(name, a, right) - area_function(name, a, left)) / (right - left)
    )


def area_axis(top: float) -> tuple[float, float, float]:
    """A y range ``(0, max, step)`` for the graph of ``A`` up to ``top`` > 0.

    The step is 1, 2 or 5 times a power of ten, giving 2 to 5 ticks, and the max
    leaves a little headroom above ``top``.
    """
    raw = top / 3.0
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return 0.0, top * 1.12, step


def axis_ticks(lo: float, hi: float, step: float) -> list[float]:
    """The numbered ticks of the x axis: multiples of ``step`` within ``[lo, hi]``."""
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [round(k * step, 9) + 0.0 for k in range(first, last + 1)]


def interval_problem(name: str, a: float, b: float) -> str | None:
    """Why ``[a, b]`` is unusable for the named function, or ``None`` when fine."""
    lo, hi = INTEGRANDS[name].window
    if not lo <= a <= hi or not lo <= b <= hi:
        return f"both ends must lie in the {name} window [{fmt(lo)}, {fmt(hi)}]"
    if a >= b:
        return "a must be less than b"
    if b - a < MIN_SHARE * (hi - lo) - 1e-12:
        return (
            f"the interval must be at least {fmt(MIN_SHARE * (hi - lo))} wide "
            "for its rectangles to show"
        )
    return None


def displayed(x: float, digits: int = DIGITS) -> float:
    """``x`` rounded as a number on screen shows it, with no ``-0``."""
    return round(float(x), digits) + 0.0


# -- layout (scene units) ------------------------------------------------------------
TOP = 3.55  # top of the content
AXIS_BOTTOM = CONTENT_BOTTOM + 0.6  # lowest x-axis line: its numbers hang below it
PLOT_LEFT, PLOT_RIGHT = -6.7, 0.8
COLUMN = 1.45  # left edge of the text column
COL_N, COL_SUM, COL_ERR = COLUMN + 0.3, COLUMN + 1.0, COLUMN + 3.0
ROW = 0.5  # the table's row height
CELL = 34  # the table's type size
PANEL = 36  # formula size in the text column
TICKS = 34  # tick numbers: a 14 px digit height at 480p
BIG = (TOP, AXIS_BOTTOM)
UPPER = (TOP, 0.85)
LOWER = (0.0, AXIS_BOTTOM)


class Integrals(CourseLesson):
    """Rectangles tend to the area; the area function's slope is the curve."""

    params = {
        "function": Choice(
            "parabola", list(INTEGRANDS), help="the function whose area is measured"
        ),
        "a": Float(0.0, help="left end of the interval (inside the function's window)"),
        "b": Float(2.0, help="right end of the interval (inside the window, above a)"),
        "rule": Choice(
            "left",
            list(RULES),
            help="where each rectangle meets the curve: left edge, right edge or midpoint",
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        why = interval_problem(args.function, args.a, args.b)
        if why is None:
            return
        lo, hi = INTEGRANDS[args.function].window
        wide = fmt(MIN_SHARE * (hi - lo))
        accepted = (
            f"a < b in [{fmt(lo)}, {fmt(hi)}], at least {wide} apart, "
            f"for function '{args.function}'"
        )
        lo_bad = not lo <= args.a <= hi
        name = "a" if lo_bad else "b"
        raise ParamError(name, args[name], accepted, why=why)

    def construct(self) -> None:
        args = self.args
        self.name, self.a, self.b, self.rule = args.function, args.a, args.b, args.rule
        self.spec = INTEGRANDS[self.name]
        self.exact = exact_integral(self.name, self.a, self.b)
        self.title_card("Integrals", "How much area lies under a curve?")
        self.show_function()
        self.first_rectangles()
        self.refine()
        self.hug_the_curve()
        self.name_the_limit()
        self.measure_convergence()
        self.sweep_area()
        self.slope_of_area()
        self.fundamental_theorem()
        self.probability_as_area()
        self.close()

    # -- drawing helpers -------------------------------------------------------------
    def make_axes(
        self, band: tuple[float, float], y_max: float, *, numbers: bool = True
    ) -> Axes:
        lo, hi = self.spec.window
        top, bottom = band
        ticks = axis_ticks(lo, hi, self.spec.x_step)
        return plot_axes(
            [lo, hi, self.spec.x_step],
            [0, y_max, y_max],
            width=PLOT_RIGHT - PLOT_LEFT,
            height=top - bottom,
            start=[PLOT_LEFT, bottom],
            x_config={"line_to_number_buff": 0.15},
            y_config={"include_ticks": False},
            numbers=ticks if numbers else None,
            places=0 if all(float(t).is_integer() for t in ticks) else 1,
            number_size=TICKS,
        )

    def plot(self, axes: Axes, curve: Curve, lo: float, hi: float) -> VMobject:
        step = (self.spec.window[1] - self.spec.window[0]) / 240
        return axes.plot(
            lambda x: float(curve(np.float64(x))),
            x_range=[lo, hi, min(step, (hi - lo) / 4)],
        )

    def rectangles(self, n: int) -> VGroup:
        """The Riemann rectangles for ``n`` strips, drawn from the pure function."""
        rects = VGroup()
        stroke = 1.5 if n <= 16 else 0.6
        for left, width, height in riemann_rectangles(
            self.name, self.a, self.b, n, self.rule
        ):
            corner = self.axes.c2p(left, 0)
            top = self.axes.c2p(left + width, height)
            rect = Rectangle(
                width=top[0] - corner[0], height=max(top[1] - corner[1], 1e-3)
            )
            rect.move_to((corner + top) / 2)
            rect.set_style(
                fill_color=GREEN,
                fill_opacity=0.55,
                stroke_color=INK,
                stroke_width=stroke,
                stroke_opacity=0.8,
            )
            rects.add(rect)
        return rects

    def number(self, x: float, color: str = INK, size: float = CELL) -> DecimalNumber:
        return DecimalNumber(
            displayed(x), num_decimal_places=DIGITS, font_size=size, color=color
        )

    def table_row(self, n: int, y: float) -> VGroup:
        count = tex(str(n), size=CELL, color=ORANGE).move_to([COL_N, y, 0])
        total = self.number(riemann_sum(self.name, self.a, self.b, n, self.rule))
        total.move_to([COL_SUM, y, 0], aligned_edge=RIGHT).shift(
            (COL_SUM + 1.45 - total.get_right()[0]) * RIGHT
        )
        return VGroup(count, total)

    def error_cell(self, n: int, y: float) -> DecimalNumber:
        error = self.number(
            riemann_error(self.name, self.a, self.b, n, self.rule), color=MUTED
        )
        return error.shift(np.array([COL_ERR + 1.55, y, 0]) - error.get_right())

    def readout(self, label: str, color: str, value0: float, digits: int) -> VGroup:
        name = tex(label, size=PANEL, color=color)
        number = DecimalNumber(
            displayed(value0, digits),
            num_decimal_places=digits,
            font_size=PANEL,
            color=color,
        )
        number.next_to(name, RIGHT, buff=0.15)
        return VGroup(name, number)

    # -- beats ---------------------------------------------------------------------------
    def show_function(self) -> None:
        spec, a, b = self.spec, self.a, self.b
        self.axes = self.make_axes(BIG, spec.y_max)
        lo, hi = spec.window
        self.graph = self.plot(self.axes, spec.f, lo, hi).set_stroke(BLUE, width=4)
        self.f_label = tex("f(x)", "=", spec.tex)
        self.f_label[0].set_color(BLUE)
        self.f_label.move_to([COLUMN, TOP - 0.3, 0], aligned_edge=[-1, 0, 0])
        self.area = self.axes.get_area(
            self.graph, x_range=(a, b), color=BLUE, opacity=0.35
        )
        self.edges = VGroup(
            *(
                DashedLine(
                    self.axes.c2p(x, 0),
                    self.axes.c2p(x, value(self.name, x)),
                    color=MUTED,
                    stroke_width=2,
                )
                for x in (a, b)
            )
        )
        with self.beat(
            f"Here is f(x) = {spec.caption}. How much area lies under it, "
            f"between x = {fmt(a)} and x = {fmt(b)}?",
            say=f"Here is f of x equals {spec.spoken}. How much area lies under it, "
            f"between x equals {say_num(a)} and x equals {say_num(b)}?",
            chapter="Rectangles",
        ):
            self.play(Create(self.axes), run_time=1.0)
            self.play(Create(self.graph), FadeIn(self.f_label), run_time=1.4)
            self.play(Create(self.edges), FadeIn(self.area), run_time=1.0)

    def first_rectangles(self) -> None:
        n = STRIPS[0]
        width = (self.b - self.a) / n
        where = RULES[self.rule][1]
        total = riemann_sum(self.name, self.a, self.b, n, self.rule)
        self.rects = self.rectangles(n)
        rule_note = text(f"height at {where}", SMALL, MUTED)
        rule_note.next_to(self.f_label, DOWN, buff=0.3, aligned_edge=[-1, 0, 0])
        header_y = rule_note.get_bottom()[1] - 0.55
        self.header = VGroup(
            tex("n", size=CELL, color=ORANGE).move_to([COL_N, header_y, 0]),
            text("sum", SMALL, GREEN),
        )
        self.header[1].shift(
            np.array([COL_SUM + 1.45, header_y, 0]) - self.header[1].get_right()
        )
        self.row_y = [header_y - ROW * (i + 1) for i in range(len(STRIPS) + 1)]
        self.rows = [
            self.table_row(n, y) for n, y in zip(STRIPS, self.row_y, strict=False)
        ]
        self.rule_note = rule_note
        with self.beat(
            f"Cut the interval into {n} strips, each {fmt(width, 3)} wide. On each, stand a "
            f"rectangle as tall as f at the strip's {where}. Their areas add up to "
            f"{fmt(total, DIGITS)}.",
            say=f"Cut the interval into {n} strips, each {say_sig(width)} wide. On each, "
            f"stand a rectangle as tall as f at the strip's {where}. Their areas add up "
            f"to about {say_sig(total)}.",
        ):
            self.play(FadeOut(self.area), FadeIn(rule_note), run_time=0.6)
            self.play(Create(self.rects, lag_ratio=0.3), run_time=1.6)
            self.add(self.graph)
            self.play(FadeIn(self.header), FadeIn(self.rows[0]), run_time=0.8)

    def swap_rectangles(self, n: int) -> None:
        new = self.rectangles(n)
        self.play(ReplacementTransform(self.rects, new), run_time=1.2)
        self.rects = new
        self.add(self.graph)

    def refine(self) -> None:
        n1, n2 = STRIPS[1], STRIPS[2]
        s1, s2 = (
            riemann_sum(self.name, self.a, self.b, n, self.rule) for n in (n1, n2)
        )
        with self.beat(
            f"More strips, thinner rectangles. With {n1} the sum is {fmt(s1, DIGITS)}; "
            f"with {n2}, {fmt(s2, DIGITS)}.",
            say=f"More strips, thinner rectangles. With {n1} the sum is about "
            f"{say_sig(s1)}; with {n2}, about {say_sig(s2)}.",
        ):
            self.swap_rectangles(n1)
            self.play(FadeIn(self.rows[1], shift=0.1 * DOWN), run_time=0.4)
            self.swap_rectangles(n2)
            self.play(FadeIn(self.rows[2], shift=0.1 * DOWN), run_time=0.4)

    def hug_the_curve(self) -> None:
        n = STRIPS[3]
        total = riemann_sum(self.name, self.a, self.b, n, self.rule)
        y = self.row_y[len(STRIPS)] - 0.1
        exact_label = text("exact", SMALL, ACCENT).move_to([COL_N + 0.15, y, 0])
        exact_value = self.number(self.exact, color=ACCENT)
        exact_value.shift(np.array([COL_SUM + 1.45, y, 0]) - exact_value.get_right())
        rule = Line(
            [COLUMN, y + 0.3, 0],
            [COL_SUM + 1.55, y + 0.3, 0],
            color=MUTED,
            stroke_width=1,
        )
        self.exact_row = VGroup(rule, exact_label, exact_value)
        with self.beat(
            f"With {n} strips the rectangles hug the curve, and the sum, "
            f"{fmt(total, DIGITS)}, is close to the true area: {fmt(self.exact, DIGITS)}.",
            say=f"With {n} strips the rectangles hug the curve, and the sum, about "
            f"{say_sig(total, 3)}, is close to the true area: about "
            f"{say_sig(self.exact, 3)}.",
            key=True,
        ):
            self.swap_rectangles(n)
            self.play(FadeIn(self.rows[3], shift=0.1 * DOWN), run_time=0.4)
            self.play(FadeIn(self.exact_row), run_time=0.8)
            self.wait(1.5)

    def integral_tex(self) -> str:
        return rf"\int_{{{fmt(self.a)}}}^{{{fmt(self.b)}}} {self.spec.tex}\,dx"

    def name_the_limit(self) -> None:
        sign = "=" if displayed(self.exact) == self.exact else r"\approx"
        formula = tex(self.integral_tex(), sign, f"{self.exact:.{DIGITS}f}", size=PANEL)
        formula[2].set_color(ACCENT)
        formula.next_to(self.exact_row, DOWN, buff=0.45).set_x(
            (COLUMN + COL_ERR + 1.55) / 2
        )
        self.integral = formula
        with self.beat(
            "The exact area is the limit of these sums as the strips get infinitely "
            f"thin. We write it as the integral of f from {fmt(self.a)} to {fmt(self.b)}.",
            say="The exact area is the limit of these sums as the strips get infinitely "
            f"thin. We write it as the integral of f from {say_num(self.a)} to "
            f"{say_num(self.b)}.",
            chapter="The limit",
        ):
            self.play(FadeIn(formula, shift=0.2 * UP), run_time=1.0)
            self.play(
                self.rects.animate.set_fill(opacity=0.2),
                FadeIn(self.area),
                run_time=0.8,
                rate_func=there_and_back,
            )

    def measure_convergence(self) -> None:
        header = text("error", SMALL, MUTED)
        header.shift(
            np.array([COL_ERR + 1.55, self.header.get_y(), 0]) - header.get_right()
        )
        cells = [
            self.error_cell(n, y) for n, y in zip(STRIPS, self.row_y, strict=False)
        ]
        ratio = error_ratio(self.name, self.a, self.b, self.rule)
        marks = VGroup()
        if ratio is not None:
            mark = tex(rf"\div {fmt(ratio, 1)}", size=CELL, color=ACCENT)
            mark.next_to(VGroup(cells[2], cells[3]), RIGHT, buff=0.2)
            marks.add(mark)
        self.errors = VGroup(header, *cells, marks)
        claim = convergence_claim(self.name, self.a, self.b, self.rule)
        with self.beat(
            "How fast do the sums close in? " + claim,
            say="How fast do the sums close in? "
            + claim.replace(
                f"{fmt(ratio or 0, 1)} times", f"{say_sig(ratio or 0)} times"
            ),
        ):
            self.play(FadeIn(header), run_time=0.4)
            self.play(FadeIn(VGroup(*cells), lag_ratio=0.3), run_time=1.4)
            self.play(
                cells[2].animate.set_color(ACCENT),
                cells[3].animate.set_color(ACCENT),
                FadeIn(marks),
                run_time=0.6,
            )

    def sweep_area(self) -> None:
        spec, a, b = self.spec, self.a, self.b
        lo, hi = spec.window
        upper = self.make_axes(UPPER, spec.y_max, numbers=False)
        _, a_max, _ = area_axis(self.exact)
        self.a_axes = self.make_axes(LOWER, a_max)
        new_graph = self.plot(upper, spec.f, lo, hi).set_stroke(BLUE, width=4)
        names = VGroup(
            tex("f", color=BLUE).move_to(
                upper.c2p(lo, spec.y_max) + np.array([0.35, -0.2, 0])
            ),
            tex("A", color=GREEN).move_to(
                self.a_axes.c2p(lo, a_max) + np.array([0.35, -0.2, 0])
            ),
        )
        f_label = tex("f(x)", "=", spec.tex)
        f_label[0].set_color(BLUE)
        f_label.move_to([COLUMN, TOP - 0.3, 0], aligned_edge=[-1, 0, 0])
        a_def = tex(
            r"A(x) = \int_{" + fmt(a) + r"}^{x} f(t)\,dt", size=PANEL, color=GREEN
        )
        a_def.next_to(f_label, DOWN, buff=0.35, aligned_edge=[-1, 0, 0])
        self.x = ValueTracker(a)
        x = self.x
        self.x_readout = self.readout("x =", INK, a, 2)
        self.x_readout.next_to(a_def, DOWN, buff=0.4, aligned_edge=[-1, 0, 0])
        self.area_readout = self.readout("A(x) =", GREEN, 0.0, DIGITS)
        self.area_readout.next_to(
            self.x_readout, DOWN, buff=0.3, aligned_edge=[-1, 0, 0]
        )
        self.a_def = a_def
        tiny = 1e-3 * (hi - lo)
        with self.beat(
            f"Now let the right end move. The area from {fmt(a)} up to x is itself a "
            f"function of x; call it A(x). When x reaches {fmt(b)}, A is the whole area.",
            say=f"Now let the right end move. The area from {say_num(a)} up to x is itself "
            f"a function of x; call it A of x. When x reaches {say_num(b)}, A is the "
            "whole area.",
            chapter="The fundamental theorem",
        ):
            self.play(
                FadeOut(self.rects, self.area, self.edges, self.rule_note),
                FadeOut(self.header, *self.rows, self.exact_row, self.errors),
                FadeOut(self.integral),
                run_time=0.6,
            )
            self.play(
                ReplacementTransform(self.axes, upper),
                ReplacementTransform(self.graph, new_graph),
                ReplacementTransform(self.f_label, f_label),
                run_time=1.0,
            )
            self.axes, self.graph, self.f_label = upper, new_graph, f_label
            self.play(
                Create(self.a_axes),
                FadeIn(names, a_def, self.x_readout, self.area_readout),
                run_time=1.0,
            )
            self.shade = always_redraw(
                lambda: self.axes.get_area(
                    self.graph,
                    x_range=(a, max(x.get_value(), a + tiny)),
                    color=GREEN,
                    opacity=0.45,
                )
            )
            self.trace = always_redraw(
                lambda: self.plot(
                    self.a_axes,
                    lambda t: area_function(self.name, a, t),
                    a,
                    max(x.get_value(), a + tiny),
                ).set_stroke(GREEN, width=4)
            )
            self.edge = always_redraw(
                lambda: DashedLine(
                    self.axes.c2p(x.get_value(), value(self.name, x.get_value())),
                    self.a_axes.c2p(
                        x.get_value(), area_function(self.name, a, x.get_value())
                    ),
                    color=MUTED,
                    stroke_width=2,
                )
            )
            self.a_dot = always_redraw(
                lambda: Dot(
                    self.a_axes.c2p(
                        x.get_value(), area_function(self.name, a, x.get_value())
                    ),
                    color=GREEN,
                    radius=0.07,
                )
            )
            self.add(self.shade, self.graph, self.trace, self.edge, self.a_dot)
            self.x_readout[1].add_updater(
                lambda m: m.set_value(displayed(x.get_value(), 2))
            )
            self.area_readout[1].add_updater(
                lambda m: m.set_value(
                    displayed(area_function(self.name, a, x.get_value()))
                )
            )
            self.play(x.animate.set_value(b), run_time=5.0, rate_func=linear)

    def tangent(self, x: float, length: float = 1.8) -> Line:
        """The tangent to the graph of A at ``x``, ``length`` long on screen."""
        slope = area_slope(self.name, self.a, x)
        origin = self.a_axes.c2p(0, 0)
        ux = self.a_axes.c2p(1, 0)[0] - origin[0]
        uy = self.a_axes.c2p(0, 1)[1] - origin[1]
        direction = np.array([ux, slope * uy, 0.0])
        direction *= length / 2 / np.linalg.norm(direction)
        centre = self.a_axes.c2p(x, area_function(self.name, self.a, x))
        return Line(centre - direction, centre + direction).set_stroke(ORANGE, width=4)

    def strip(self, x: float) -> Rectangle:
        """A thin strip of the area under f, starting at ``x``."""
        dx = (self.b - self.a) / STRIP_SHARE
        corner = self.axes.c2p(x, 0)
        top = self.axes.c2p(x + dx, value(self.name, x))
        rect = Rectangle(width=top[0] - corner[0], height=max(top[1] - corner[1], 1e-3))
        rect.move_to((corner + top) / 2)
        return rect.set_style(fill_color=ORANGE, fill_opacity=0.9, stroke_width=0)

    def slope_of_area(self) -> None:
        a, b, x = self.a, self.b, self.x
        start, end = a + 0.3 * (b - a), a + 0.7 * (b - a)
        dx = (b - a) / STRIP_SHARE
        added, wide_rate = strip_growth(self.name, a, start, dx)
        _, fine_rate = strip_growth(self.name, a, start, FINE_DX)
        f_start = float(value(self.name, start))
        self.slope_readout = self.readout(
            r"\text{slope of }A =", ORANGE, area_slope(self.name, a, start), DIGITS
        )
        self.f_readout = self.readout("f(x) =", BLUE, f_start, DIGITS)
        self.f_readout.next_to(
            self.area_readout, DOWN, buff=0.45, aligned_edge=[-1, 0, 0]
        )
        quotients = VGroup(
            tex(
                rf"{{\Delta A \over dx}} = {{{fmt(added, 4)} \over {fmt(dx, 3)}}} = "
                rf"{fmt(wide_rate, 3)}",
                size=PANEL,
                color=ORANGE,
            ),
            tex(
                rf"dx = {fmt(FINE_DX, 3)}:\ \ {{\Delta A \over dx}} = {fmt(fine_rate, 4)}",
                size=PANEL,
                color=ORANGE,
            ),
        ).arrange(DOWN, aligned_edge=[-1, 0, 0], buff=0.3)
        quotients.next_to(self.f_readout, DOWN, buff=0.4, aligned_edge=[-1, 0, 0])
        self.slope_readout.move_to(self.f_readout, aligned_edge=[-1, 0, 0]).shift(
            0.75 * DOWN
        )
        with self.beat(
            f"How fast does A grow? At x = {fmt(start, 2)}, one small step dx = "
            f"{fmt(dx, 3)} adds a thin strip, about f(x) tall: {fmt(added, 4)} of area. "
            f"Area over width is {fmt(wide_rate, 3)}, near f(x) = {fmt(f_start, 4)}; "
            f"with dx = {fmt(FINE_DX, 3)} it is {fmt(fine_rate, 4)}.",
            say=f"How fast does A grow? At x equals {say_sig(start)}, one small step d x "
            f"adds a thin strip, about f of x tall. Its area over its width is about "
            f"{say_sig(wide_rate)}, near f of x, {say_sig(f_start)}. Make the strip "
            f"thinner and the two agree.",
        ):
            self.play(x.animate.set_value(start), run_time=1.5, rate_func=smooth)
            self.bar = self.strip(start)
            self.play(FadeIn(self.bar), FadeIn(self.f_readout), run_time=0.6)
            self.play(FadeIn(quotients[0], shift=0.1 * DOWN), run_time=0.8)
            self.wait(0.6)
            self.play(FadeIn(quotients[1], shift=0.1 * DOWN), run_time=0.8)
        with self.beat(
            "So the slope of A is f(x), wherever x is.",
            say="So the slope of A is f of x, wherever x is.",
        ):
            self.touch = always_redraw(lambda: self.tangent(x.get_value()))
            self.play(
                FadeOut(self.bar, quotients),
                Create(self.touch),
                FadeIn(self.slope_readout),
                run_time=0.8,
            )
            self.slope_readout[1].add_updater(
                lambda m: m.set_value(
                    displayed(area_slope(self.name, a, x.get_value()))
                )
            )
            self.f_readout[1].add_updater(
                lambda m: m.set_value(displayed(value(self.name, x.get_value())))
            )
            self.play(x.animate.set_value(end), run_time=3.0, rate_func=smooth)
        for readout in (
            self.x_readout,
            self.area_readout,
            self.slope_readout,
            self.f_readout,
        ):
            readout[1].clear_updaters()

    def fundamental_theorem(self) -> None:
        a, b, spec = self.a, self.b, self.spec
        fa, fb = (
            float(antiderivative(self.name, a)),
            float(antiderivative(self.name, b)),
        )
        same = tex(r"A(x) = F(x) - F(a)", size=PANEL, color=GREEN)
        theorem = tex(r"\int_a^b f(x)\,dx = F(b) - F(a)", size=PANEL, color=ACCENT)
        f_line = tex("F(x) =", spec.F_tex, size=PANEL)
        numbers = tex(
            "=",
            fmt(fb, DIGITS),
            "-",
            f"({fmt(fa, DIGITS)})" if fa < 0 else fmt(fa, DIGITS),
            "=",
            fmt(self.exact, DIGITS),
            size=PANEL,
        )
        numbers[-1].set_color(ACCENT)
        card = VGroup(same, theorem, f_line, numbers).arrange(
            DOWN, aligned_edge=[-1, 0, 0], buff=0.3
        )
        card.next_to(self.a_def, DOWN, buff=0.45, aligned_edge=[-1, 0, 0])
        with self.beat(
            "Any F whose slope is f climbs exactly as A does, so the two differ by a "
            "constant; A(a) = 0 fixes it: A(x) = F(x) − F(a).",
            say="Any F whose slope is f climbs exactly as A does, so the two differ by a "
            "constant. A of a is zero, which fixes it: A of x is F of x minus F of a.",
        ):
            self.play(
                FadeOut(self.x_readout, self.area_readout),
                FadeOut(self.slope_readout, self.f_readout, self.touch),
                run_time=0.6,
            )
            self.play(self.x.animate.set_value(b), run_time=1.2, rate_func=smooth)
            self.play(FadeIn(same, shift=0.2 * UP), run_time=0.8)
        with self.beat(
            "That is the fundamental theorem of calculus: the area is F(b) minus F(a). "
            f"Here F(x) = {spec.F_caption}, so the area is {fmt(fb, DIGITS)} minus "
            f"{fmt(fa, DIGITS)}: {fmt(self.exact, DIGITS)}.",
            say="That is the fundamental theorem of calculus: the area is F of b minus F "
            f"of a. Here F of x is {spec.F_spoken}, so the area is about "
            f"{say_sig(self.exact)}.",
        ):
            self.play(FadeIn(card[1:], shift=0.2 * UP), run_time=1.0)
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    # -- machine learning ---------------------------------------------------------
    def probability_as_area(self) -> None:
        lo, hi = ERROR_BAND
        n = STRIPS[2]
        total, exact = band_probability(lo, hi, n, self.rule)
        axes = plot_axes(
            [-3, 3, 1],
            [0, 0.45, 0.45],
            width=PLOT_RIGHT - PLOT_LEFT,
            height=BIG[0] - BIG[1],
            start=[PLOT_LEFT, BIG[1]],
            x_config={"line_to_number_buff": 0.15},
            y_config={"include_ticks": False},
            numbers=[-3, -2, -1, 0, 1, 2, 3],
            number_size=TICKS,
        )
        curve = axes.plot(
            lambda t: float(error_density(np.float64(t))), x_range=[-3, 3, 0.025]
        ).set_stroke(BLUE, width=4)
        rects = VGroup()
        for left, width, height in riemann_rectangles("gaussian", lo, hi, n, self.rule):
            corner = axes.c2p(left, 0)
            top = axes.c2p(left + width, height / math.sqrt(2 * math.pi))
            rect = Rectangle(width=top[0] - corner[0], height=top[1] - corner[1])
            rect.move_to((corner + top) / 2).set_style(
                fill_color=GREEN,
                fill_opacity=0.55,
                stroke_color=INK,
                stroke_width=1.5,
                stroke_opacity=0.8,
            )
            rects.add(rect)
        density = tex(
            r"p(e) = \tfrac{1}{\sqrt{2\pi}}\,e^{-e^2/2}", size=PANEL, color=BLUE
        ).move_to([COLUMN, TOP - 0.3, 0], aligned_edge=[-1, 0, 0])
        name = text("a model's error e", SMALL, MUTED).next_to(
            density, DOWN, buff=0.3, aligned_edge=[-1, 0, 0]
        )
        question = tex(
            rf"P({fmt(lo)} \le e \le {fmt(hi)}) = \int_{{{fmt(lo)}}}^{{{fmt(hi)}}} p(e)\,de",
            size=PANEL,
        ).next_to(name, DOWN, buff=0.5, aligned_edge=[-1, 0, 0])
        summed = tex(
            rf"{n}\text{{ strips: }} {total:.{DIGITS}f}", size=PANEL, color=GREEN
        ).next_to(question, DOWN, buff=0.4, aligned_edge=[-1, 0, 0])
        exactly = tex(
            rf"\text{{exact: }} {exact:.{DIGITS}f}", size=PANEL, color=ACCENT
        ).next_to(summed, DOWN, buff=0.3, aligned_edge=[-1, 0, 0])
        share = round(100 * exact)
        with self.beat(
            "In machine learning, areas are probabilities. A model's prediction errors "
            "often spread like this bell curve, a probability density: its total area is 1.",
            say="In machine learning, areas are probabilities. A model's prediction "
            "errors often spread like this bell curve, a probability density: its total "
            "area is 1.",
            chapter="In machine learning",
        ):
            self.play(Create(axes), run_time=0.8)
            self.play(Create(curve), FadeIn(density, name), run_time=1.4)
        with self.beat(
            f"The chance an error lands between {fmt(lo)} and {fmt(hi)} is the area "
            f"there. {n} rectangles give {total:.{DIGITS}f}; the integral gives "
            f"{exact:.{DIGITS}f}: about {share} errors in 100.",
            say=f"The chance an error lands between {say_sig(lo)} and {say_sig(hi)} is "
            f"the area there. {n} rectangles give about {say_sig(total)}, "
            + (
                "and so does the integral"
                if say_sig(total) == say_sig(exact)
                else f"and the integral about {say_sig(exact)}"
            )
            + f": about {share} errors in 100.",
        ):
            self.play(FadeIn(question), run_time=0.6)
            self.play(Create(rects, lag_ratio=0.1), run_time=1.4)
            self.add(curve)
            self.play(FadeIn(summed), run_time=0.6)
            self.play(FadeIn(exactly), run_time=0.6)
        self.ml_picture = [axes, curve, rects]

    def close(self) -> None:
        picture = VGroup(*self.ml_picture)
        keep = set(self.ml_picture)
        # lift the picture clear of the recap line's band, centred; its tick
        # numbers go (scaled down they would be too small to read)
        numbers = self.ml_picture[0].x_axis.numbers
        self.ml_picture[0].x_axis.remove(numbers)
        self.add(numbers)
        self.play(
            FadeOut(*(m for m in self.mobjects if m not in keep)),
            picture.animate.scale(0.8).move_to([0, 0.75, 0]),
            run_time=0.8,
        )
        self.recap_over(
            [picture],
            "Area = limit of rectangle sums = F(b) − F(a), where F′ = f.",
            say="An integral is the limit of rectangle sums, and it equals F of b "
            "minus F of a for any F whose slope is f.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on areas under curves, numbers drawn from ``seed``.

    Three exercises on f(x) = x² (and √x for the last): a Riemann sum with a few
    strips (:func:`riemann_sum`); the exact area (:func:`exact_integral`); and the
    fundamental theorem, the rate at which the area grows (:func:`value`, which
    :func:`area_slope` measures).
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    a, b = sorted(rng.choice([0.0, 0.5, 1.0, 1.5, 2.0], size=2, replace=False))
    a, b = float(a), float(b)
    n = int(rng.choice([2, 4]))
    rule = str(rng.choice(list(RULES)))
    total = riemann_sum("parabola", a, b, n, rule)
    points = sample_points(a, b, n, rule)
    width = (b - a) / n
    lo, hi = sorted(rng.choice([0.0, 0.5, 1.0, 1.5, 2.0], size=2, replace=False))
    lo, hi = float(lo), float(hi)
    exact = exact_integral("parabola", lo, hi)
    name = str(rng.choice(["parabola", "sqrt"]))
    x = float(
        rng.choice(
            [0.5, 1.0, 1.5, 2.0] if name == "parabola" else [0.25, 1.0, 2.25, 4.0]
        )
    )
    rate = float(value(name, x))
    heights = " + ".join(f"{fmt(float(value('parabola', p)), 4)}" for p in points)
    return [
        Exercise(
            id="integrals-1",
            prompt=(
                f"Estimate the area under $f(x) = x^2$ from $a = {fmt(a)}$ to $b = {fmt(b)}$ "
                f"with $n = {n}$ rectangles of equal width, each as tall as f at its "
                f"{RULES[rule][1]}."
            ),
            kind="number",
            answer=total,
            tolerance=0.005,
            hint="Width (b − a)/n; add up width × height for every rectangle.",
            solution=(
                f"Width ${fmt(width, 4)}$, heights at $x = "
                f"{', '.join(fmt(p, 4) for p in points)}$: "
                f"${fmt(width, 4)} \\cdot ({heights}) = {fmt(total, 4)}$."
            ),
        ),
        Exercise(
            id="integrals-2",
            prompt=f"What is the exact area $\\int_{{{fmt(lo)}}}^{{{fmt(hi)}}} x^2\\,dx$?",
            kind="number",
            answer=exact,
            tolerance=0.005,
            hint="An antiderivative of x² is F(x) = x³/3; the area is F(b) − F(a).",
            solution=(
                f"$F({fmt(hi)}) - F({fmt(lo)}) = {fmt(hi**3 / 3, 4)} - {fmt(lo**3 / 3, 4)} "
                f"= {fmt(exact, 4)}$."
            ),
        ),
        Exercise(
            id="integrals-3",
            prompt=(
                f"$A(x)$ is the area under $f(x) = {INTEGRANDS[name].tex}$ from 0 to x. "
                f"How fast does A grow at $x = {fmt(x)}$, that is, what is $A'({fmt(x)})$?"
            ),
            kind="number",
            answer=rate,
            tolerance=0.005,
            hint="The fundamental theorem: the area grows at the height of the curve, A'(x) = f(x).",
            solution=(
                f"$A'({fmt(x)}) = f({fmt(x)}) = {fmt(rate, 4)}$: a thin strip of width dx "
                f"adds about f(x) dx of area (measured: {fmt(area_slope(name, 0.0, x), 4)})."
            ),
        ),
    ]
