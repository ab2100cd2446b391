"""Derivatives: the slope of a secant tends to the slope of the tangent.

Two points on a graph, ``x0`` and ``x0 + h``, give a secant line whose slope is the
difference quotient ``(f(x0 + h) - f(x0)) / h``. As ``h`` shrinks the secant swings
onto the tangent, and the quotient settles on its limit, the derivative
``f'(x0)``. Doing this at every ``x`` traces a new function, ``f'``. The
machine-learning beat reads the slope of a loss of one weight,
``L(w) = (w - 2)^2 / 2``: its sign says which way the loss falls, and steps
``w <- w - 0.6 L'(w)`` from either side walk in to the minimum. The numbers and
lines on screen come from the pure functions below, which the tests check on
their own.

General claims (text and narration), and why each holds:

- "Steepness needs two points; the secant's slope is rise over run":
  :func:`secant_slope` is the difference quotient (tested).
- "Shrink h: the slopes settle on one number, the derivative": every named
  function is differentiable; the quotients are tested to approach the exact
  :func:`derivative` (Hypothesis over x0), which is tested against central
  differences.
- "The tangent is the line that runs in the graph's direction at x0" (was "the
  line that just touches the graph": false where the tangent crosses the graph,
  as at the sine's or the cubic's inflection points).
- "Every point has its own tangent, so the slope is a function of x": all five
  named functions are differentiable everywhere in their windows.
- Each function's trace sentence (sine: positive while it climbs, zero at the
  top, negative as it falls; parabola; cubic; sigmoid never negative; exp
  steeper as it rises) and punchline (the derivative's formula): tested by
  sampling :func:`derivative` for the stated signs and against the exact
  derivative.
- "Training turns the weights to make the loss small; it can only feel the
  slope where it stands": gradient-based training uses the derivative at the
  current weight, not the whole curve.
- "The slope is negative: the loss falls to the right, so step right" (or
  positive/left): computed by :func:`step_words` from the slope's sign; a
  negative derivative means the function decreases as w grows (Hypothesis test
  that a small step in the stated direction lowers the loss).
- "w minus 0.6 times the slope takes w to ...", "the slope flattens, so the
  steps shrink", "both close in on the bottom at 2, where the slope is 0":
  :func:`descent` (tested: each step is ``-RATE * slope``, sizes shrink, the
  loss falls every step, and ``L'(2) = 0``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Float
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, say_sig
from scenes.kit.readout import readout
from scenes.style import *

__all__ = [
    "DIGITS",
    "FUNCTIONS",
    "H_STEPS",
    "RATE",
    "STARTS",
    "Derivatives",
    "NamedFunction",
    "clip_line",
    "derivative",
    "descent",
    "displayed",
    "loss",
    "loss_slope",
    "practice",
    "reach",
    "secant_slope",
    "slopes_as_h_shrinks",
    "step_words",
    "tangent_line",
    "value",
    "x0_range",
]

Curve = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class NamedFunction:
    """A function the lesson can draw: its formula, exact derivative and window.

    ``y_range`` and ``dy_range`` are the axes ranges ``(min, max, tick step)`` for
    the graphs of ``f`` and ``f'`` over ``window``; they hold both curves whole.
    The text fields are what the captions show and the narrator says.
    """

    f: Curve
    df: Curve
    window: tuple[float, float]
    x_step: float
    y_range: tuple[float, float, float]
    dy_range: tuple[float, float, float]
    tex: str  # f(x) = ..., as TeX
    dtex: str  # f'(x) = ..., as TeX
    caption: str  # f(x) = ..., as a caption shows it
    spoken: str  # ... as said
    trace: str  # what the traced slope does, one sentence
    punchline: str  # what the trace turns out to be
    punchline_say: str


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


#: The named functions, with exact derivatives and windows that look good on screen.
FUNCTIONS: dict[str, NamedFunction] = {
    "sine": NamedFunction(
        f=np.sin,
        df=np.cos,
        window=(-np.pi, np.pi),
        x_step=1.0,
        y_range=(-1.3, 1.3, 0.5),
        dy_range=(-1.3, 1.3, 0.5),
        tex=r"\sin x",
        dtex=r"\cos x",
        caption="sin x",
        spoken="sine of x",
        trace="Where the sine climbs the slope is positive, at the top it is zero, "
        "and where it falls, negative.",
        punchline="The trace is a cosine wave: the derivative of sin x is cos x.",
        punchline_say="The trace is a cosine wave: the derivative of sine x is cosine x.",
    ),
    "parabola": NamedFunction(
        f=lambda x: 0.5 * np.asarray(x) ** 2,
        df=lambda x: np.asarray(x, dtype=float) * 1.0,
        window=(-3.0, 3.0),
        x_step=1.0,
        y_range=(-0.6, 4.8, 1.0),
        dy_range=(-3.3, 3.3, 1.0),
        tex=r"\tfrac{1}{2}x^2",
        dtex=r"x",
        caption="x²/2",
        spoken="one half x squared",
        trace="Left of 0 the parabola falls, so its slope is negative; right of 0 it "
        "rises, and the slope grows steadily.",
        punchline="The trace is the straight line f′(x) = x: at every x the slope is x itself.",
        punchline_say="The trace is the straight line f prime of x equals x: at every x "
        "the slope is x itself.",
    ),
    "cubic": NamedFunction(
        f=lambda x: np.asarray(x) ** 3 / 3.0 - x,
        df=lambda x: np.asarray(x) ** 2 - 1.0,
        window=(-2.5, 2.5),
        x_step=1.0,
        y_range=(-3.0, 3.0, 1.0),
        dy_range=(-1.5, 5.5, 1.0),
        tex=r"\tfrac{1}{3}x^3 - x",
        dtex=r"x^2 - 1",
        caption="x³/3 − x",
        spoken="x cubed over 3, minus x",
        trace="The cubic rises, dips, then rises again, so its slope goes positive, "
        "negative, positive, and is zero at each turn.",
        punchline="The trace is the parabola f′(x) = x² − 1.",
        punchline_say="The trace is the parabola f prime of x equals x squared minus 1.",
    ),
    "sigmoid": NamedFunction(
        f=_sigmoid,
        df=lambda x: _sigmoid(x) * (1.0 - _sigmoid(x)),
        window=(-6.0, 6.0),
        x_step=2.0,
        y_range=(-0.15, 1.15, 0.5),
        dy_range=(-0.06, 0.3, 0.1),
        tex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        dtex=r"\sigma(x)\,(1 - \sigma(x))",
        caption="σ(x) = 1/(1 + e⁻ˣ)",
        spoken="the sigmoid, 1 over 1 plus e to the minus x",
        trace="The sigmoid always rises, so its slope is never negative: steepest in "
        "the middle, almost flat far out on either side.",
        punchline="The trace is a bump, σ(x)(1 − σ(x)), highest at x = 0.",
        punchline_say="The trace is a bump, sigma of x times 1 minus sigma of x, "
        "highest at x equals 0.",
    ),
    "exp": NamedFunction(
        f=np.exp,
        df=np.exp,
        window=(-3.0, 2.0),
        x_step=1.0,
        y_range=(-0.8, 7.8, 2.0),
        dy_range=(-0.8, 7.8, 2.0),
        tex=r"e^x",
        dtex=r"e^x",
        caption="eˣ",
        spoken="e to the x",
        trace="The exponential always rises, and the higher it is, the steeper it climbs.",
        punchline="The trace is eˣ again: the exponential is its own derivative.",
        punchline_say="The trace is e to the x again: the exponential is its own derivative.",
    ),
}

#: The first secant's h, then the smaller h the lesson shows on the way to 0.
H_STEPS: tuple[float, ...] = (1.0, 0.5, 0.1, 0.01)
#: Decimal places of the slopes on screen.
DIGITS = 3
#: Type size of tick labels: digits at least 14 px tall at 480p.
LABEL = 34


def value(name: str, x: float | np.ndarray) -> float | np.ndarray:
    """``f(x)`` for the named function."""
    result = FUNCTIONS[name].f(np.asarray(x, dtype=float))
    return float(result) if np.ndim(result) == 0 else result


def derivative(name: str, x: float | np.ndarray) -> float | np.ndarray:
    """The exact derivative ``f'(x)`` of the named function."""
    result = FUNCTIONS[name].df(np.asarray(x, dtype=float))
    return float(result) if np.ndim(result) == 0 else result


def secant_slope(f: Curve, x0: float, h: float) -> float:
    """Slope of the secant through ``(x0, f(x0))`` and ``(x0 + h, f(x0 + h))``."""
    return float((f(np.float64(x0 + h)) - f(np.float64(x0))) / h)


def slopes_as_h_shrinks(
    name: str, x0: float, hs: Sequence[float] = H_STEPS
) -> np.ndarray:
    """The difference quotients of the named function at ``x0``, one per ``h``."""
    f = FUNCTIONS[name].f
    return np.array([secant_slope(f, x0, h) for h in hs])


def tangent_line(name: str, x0: float) -> tuple[float, float]:
    """``(slope, intercept)`` of the tangent ``y = slope * x + intercept`` at ``x0``."""
    slope = float(derivative(name, x0))
    return slope, float(value(name, x0)) - slope * x0


def x0_range(name: str, h: float = H_STEPS[0]) -> tuple[float, float]:
    """Where ``x0`` may lie: inside the window, with room for ``x0 + h`` too."""
    lo, hi = FUNCTIONS[name].window
    return lo, hi - h


def clip_line(
    slope: float,
    point: tuple[float, float],
    x_span: tuple[float, float],
    y_span: tuple[float, float],
) -> tuple[float, float]:
    """The ``x`` interval where the line through ``point`` stays in the box.

    The box is ``x_span`` by ``y_span``; ``point`` must lie inside it, so the
    interval is never empty.
    """
    x_lo, x_hi = x_span
    y_lo, y_hi = y_span
    px, py = point
    if slope != 0:
        ends = sorted(((y_lo - py) / slope + px, (y_hi - py) / slope + px))
        x_lo, x_hi = max(x_lo, ends[0]), min(x_hi, ends[1])
    return min(x_lo, px), max(x_hi, px)


def reach(slope: float, x_unit: float, y_unit: float, length: float) -> float:
    """How far in ``x`` a line of this slope runs to cover ``length`` on screen.

    ``x_unit`` and ``y_unit`` are screen units per unit of ``x`` and of ``y``.
    """
    return length / float(np.hypot(x_unit, slope * y_unit))


def displayed(x: float, digits: int = DIGITS) -> float:
    """``x`` rounded as a number on screen shows it, with no ``-0``."""
    return round(float(x), digits) + 0.0


#: The machine-learning beat's loss of one weight, ``L(w) = (w - LOSS_BEST)^2 / 2``.
LOSS_BEST = 2.0
#: Its learning rate and the two starting weights (left and right of the minimum).
RATE = 0.6
STARTS = (-0.5, 4.5)
#: Steps taken from each start.
STEPS = 3


def loss(w: float | np.ndarray) -> float | np.ndarray:
    """The beat's loss ``(w - 2)^2 / 2``: lowest, 0, at ``w = 2``."""
    result = 0.5 * (np.asarray(w, dtype=float) - LOSS_BEST) ** 2
    return float(result) if np.ndim(result) == 0 else result


def loss_slope(w: float) -> float:
    """The loss's derivative ``L'(w) = w - 2``."""
    return float(w) - LOSS_BEST


def descent(
    w0: float, rate: float = RATE, steps: int = STEPS
) -> list[tuple[float, float]]:
    """``(w, slope)`` at the start and after each step ``w <- w - rate * L'(w)``."""
    path = [(float(w0), loss_slope(w0))]
    for _ in range(steps):
        w = path[-1][0] - rate * path[-1][1]
        path.append((w, loss_slope(w)))
    return path


def step_words(slope: float) -> str:
    """Which way the loss falls and the step goes, from the slope's sign."""
    if slope < 0:
        return "negative: the loss falls to the right, so step right"
    if slope > 0:
        return "positive: the loss falls to the left, so step left"
    return "zero: a flat spot, so the step is zero"


# -- layout (scene units) ------------------------------------------------------------
TOP = 3.7  # top of the content
BOTTOM = CONTENT_BOTTOM + 0.25
PLOT_LEFT, PLOT_RIGHT = -6.8, 1.3
COLUMN = 1.9  # left edge of the text column
TABLE_H, TABLE_SLOPE = COLUMN + 0.5, COLUMN + 1.6  # the table's columns
ROW = 0.48  # the table's row height
PANEL = 34  # formula size in the text column
BIG = (TOP, BOTTOM)  # one graph, full height
UPPER = (TOP, 0.75)  # f, once f' joins it
LOWER = (0.1, BOTTOM)  # f'


class Derivatives(CourseLesson):
    """Secants tend to the tangent; their slopes tend to f'(x0); f' is a function."""

    params = {
        "function": Choice(
            "sine", list(FUNCTIONS), help="the function whose slope the lesson measures"
        ),
        "x0": Float(
            1.0, help="the point where the slope is measured (inside the window)"
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        lo, hi = x0_range(args.function)
        if not lo <= args.x0 <= hi:
            w_lo, w_hi = FUNCTIONS[args.function].window
            raise ParamError(
                "x0",
                args.x0,
                f"a number in [{fmt(lo)}, {fmt(hi)}] for function '{args.function}'",
                why=f"the {args.function} window is [{fmt(w_lo)}, {fmt(w_hi)}] and "
                f"x0 + h must fit in it for h = {fmt(H_STEPS[0])}",
            )

    def construct(self) -> None:
        self.name, self.x0 = self.args.function, self.args.x0
        self.spec = FUNCTIONS[self.name]
        self.title_card("Derivatives", "How fast is a function changing at one point?")
        self.show_function()
        self.show_secant()
        self.read_secant_slope()
        self.shrink_h()
        self.reach_tangent()
        self.make_room_for_derivative()
        self.trace_derivative()
        self.name_derivative()
        self.learn()
        self.close()

    # -- drawing helpers -------------------------------------------------------------
    def make_axes(self, band: tuple[float, float], y_range: Sequence[float]) -> Axes:
        lo, hi = self.spec.window
        top, bottom = band
        return plot_axes(
            [lo, hi, self.spec.x_step],
            y_range,
            width=PLOT_RIGHT - PLOT_LEFT,
            height=top - bottom,
            centre=[(PLOT_LEFT + PLOT_RIGHT) / 2, (top + bottom) / 2],
        )

    def plot(self, axes: Axes, curve: Curve, upto: float | None = None) -> VMobject:
        lo, hi = self.spec.window
        end = hi if upto is None else upto
        step = (hi - lo) / 240
        return axes.plot(lambda x: float(curve(np.float64(x))), x_range=[lo, end, step])

    def units(self) -> tuple[float, float]:
        """Screen units per x unit and per y unit of the graph of f."""
        origin = self.axes.c2p(0, 0)
        return (
            float(self.axes.c2p(1, 0)[0] - origin[0]),
            float(self.axes.c2p(0, 1)[1] - origin[1]),
        )

    def on_f(self, x: float) -> np.ndarray:
        return self.axes.c2p(x, value(self.name, x))

    def on_df(self, x: float) -> np.ndarray:
        return self.daxes.c2p(x, derivative(self.name, x))

    def corner(self) -> np.ndarray:
        """The right angle of the slope triangle: ``(x0 + h, f(x0))``."""
        return self.axes.c2p(self.x0 + self.h.get_value(), value(self.name, self.x0))

    def secant(self) -> Line:
        h = self.h.get_value()
        slope = secant_slope(self.spec.f, self.x0, h)
        ux, uy = self.units()
        out = reach(slope, ux, uy, 1.4)
        lo, hi = self.spec.window
        ends = self._ends(
            slope, self.x0, max(lo, self.x0 - out), min(hi, self.x0 + h + out)
        )
        return Line(*ends).set_stroke(ORANGE, width=4)

    def tangent(self, x: float, length: float = 2.2) -> Line:
        slope, _ = tangent_line(self.name, x)
        ux, uy = self.units()
        out = reach(slope, ux, uy, length)
        lo, hi = self.spec.window
        line = Line(*self._ends(slope, x, max(lo, x - out), min(hi, x + out)))
        return line.set_stroke(GREEN, width=4)

    def _ends(
        self, slope: float, x: float, a: float, b: float
    ) -> tuple[np.ndarray, np.ndarray]:
        y = value(self.name, x)
        y_lo, y_hi = self.axes.y_range[:2]
        a, b = clip_line(slope, (x, y), (a, b), (y_lo, y_hi))
        return (
            self.axes.c2p(a, y + slope * (a - x)),
            self.axes.c2p(b, y + slope * (b - x)),
        )

    def readout(self, label: str, digits: int, color: str) -> VGroup:
        """``label`` followed by a live number, at the lesson's panel size."""
        return readout(label, digits, color, PANEL)

    # -- beats ---------------------------------------------------------------------------
    def show_function(self) -> None:
        spec, x0 = self.spec, self.x0
        y0 = value(self.name, x0)
        self.axes = self.make_axes(BIG, spec.y_range)
        self.graph = self.plot(self.axes, spec.f).set_stroke(BLUE, width=4)
        self.f_label = tex("f(x)", "=", spec.tex, color=INK)
        self.f_label[0].set_color(BLUE)
        self.f_label.align_to(np.array([COLUMN, TOP - 0.05, 0]), UP + LEFT)
        sign = "=" if displayed(y0, 2) == y0 else r"\approx"
        self.x0_line = tex(
            f"x_0 = {fmt(x0)}", r",\quad", f"f(x_0) {sign} {fmt(y0)}", size=PANEL
        )
        self.x0_line.next_to(self.f_label, DOWN, buff=0.35, aligned_edge=LEFT)
        self.p_dot = Dot(self.on_f(x0), color=INK, radius=0.08)
        foot = self.axes.c2p(x0, 0)
        self.p_drop = DashedLine(
            foot, self.p_dot.get_center(), color=MUTED, stroke_width=2
        )
        below = DOWN if y0 >= 0 else UP
        self.x0_tag = tex("x_0", size=PANEL, color=INK).next_to(foot, below, buff=0.15)
        with self.beat(
            f"Here is f(x) = {spec.caption}. How steep is it at x₀ = {fmt(x0)}, "
            f"where f(x₀) is {fmt(y0)}?",
            say=f"Here is f of x equals {spec.spoken}. How steep is it at x nought equals "
            f"{say_sig(x0)}, where f of x nought is {say_sig(y0, 2)}?",
            chapter="Secant lines",
        ):
            self.play(Create(self.axes), run_time=1.0)
            self.play(Create(self.graph), FadeIn(self.f_label), run_time=1.5)
            self.play(
                Create(self.p_drop),
                FadeIn(self.p_dot, scale=0.5),
                FadeIn(self.x0_tag),
                run_time=0.8,
            )
            self.play(FadeIn(self.x0_line), run_time=0.6)

    def show_secant(self) -> None:
        x0 = self.x0
        self.h = ValueTracker(H_STEPS[0])
        h = self.h
        self.q_dot = always_redraw(
            lambda: Dot(self.on_f(x0 + h.get_value()), color=INK, radius=0.08)
        )
        self.run = always_redraw(
            lambda: Line(
                self.p_dot.get_center(), self.corner(), color=PURPLE, stroke_width=3
            )
        )
        self.rise = always_redraw(
            lambda: Line(
                self.corner(), self.on_f(x0 + h.get_value()), color=RED, stroke_width=3
            )
        )
        self.secant_line = always_redraw(self.secant)
        # "h" goes under the run, or over it when the secant falls, clear of the curve
        xs = np.linspace(x0, x0 + H_STEPS[0], 21)
        ys = value(self.name, xs)
        if ys[-1] >= ys[0]:
            anchor, side = min(ys[0], ys.min()), DOWN
        else:
            anchor, side = max(ys[0], ys.max()), UP
        self.h_tag = tex("h", size=PANEL, color=PURPLE).next_to(
            self.axes.c2p(x0 + H_STEPS[0] / 2, anchor), side, buff=0.12
        )
        with self.beat(
            f"Steepness needs two points. Step h = {fmt(H_STEPS[0])} to the right; "
            "the line through both points is a secant.",
            say=f"Steepness needs two points. Step h equals {say_sig(H_STEPS[0])} to the "
            "right; the line through both points is a secant.",
        ):
            self.play(Create(self.run), FadeIn(self.h_tag), run_time=0.8)
            self.play(FadeIn(self.q_dot, scale=0.5), Create(self.rise), run_time=0.8)
            self.play(Create(self.secant_line), run_time=1.0)
            self.add(self.p_dot, self.q_dot)  # dots over the lines

    def read_secant_slope(self) -> None:
        quotient = tex(r"{f(x_0+h) - f(x_0)", r"\over", r"h}", size=PANEL)
        quotient[0].set_color(RED)
        quotient[2].set_color(PURPLE)
        equals = tex("=", size=PANEL)
        first = secant_slope(self.spec.f, self.x0, H_STEPS[0])
        # numbers start at their first value: an updater that changed their digits
        # count as they fade in would break the fade
        slope = DecimalNumber(
            displayed(first), num_decimal_places=DIGITS, font_size=PANEL, color=ORANGE
        )
        row = VGroup(quotient, equals, slope).arrange(RIGHT, buff=0.2)
        self.slope_value = slope
        heading = text("slope of the secant", SMALL, ORANGE)
        self.h_readout = self.readout("h =", 2, PURPLE)
        self.h_readout[1].set_value(displayed(H_STEPS[0], 2))
        self.quotient_card = VGroup(heading, row, self.h_readout).arrange(
            DOWN, aligned_edge=LEFT, buff=0.3
        )
        self.quotient_card.next_to(self.x0_line, DOWN, buff=0.5, aligned_edge=LEFT)
        f, x0 = self.spec.f, self.x0
        slope.add_updater(
            lambda m: m.set_value(displayed(secant_slope(f, x0, self.h.get_value())))
        )
        self.h_readout[1].add_updater(
            lambda m: m.set_value(displayed(self.h.get_value(), 2))
        )
        with self.beat(
            "Its slope is rise over run, the change in f divided by h: here "
            f"{fmt(first, DIGITS)}.",
            say="Its slope is rise over run, the change in f divided by h: here "
            f"{say_sig(first)}.",
        ):
            self.play(FadeIn(self.quotient_card, shift=0.2 * UP), run_time=1.0)
            pulse = {"run_time": 0.8, "rate_func": there_and_back}
            self.play(
                self.rise.animate.set_stroke(width=8),
                quotient[0].animate.scale(1.1),
                **pulse,
            )
            self.play(
                self.run.animate.set_stroke(width=8),
                quotient[2].animate.scale(1.3),
                **pulse,
            )

    def table_row(self, left: str, number: float, y: float, color: str = INK) -> VGroup:
        """One row of the table: an h (or the limit) and the slope, at height ``y``."""
        h = tex(left, size=LABEL, color=PURPLE if color == INK else color)
        slope = DecimalNumber(
            displayed(number), num_decimal_places=DIGITS, font_size=LABEL, color=color
        )
        h.move_to([TABLE_H, y, 0])
        slope.move_to([TABLE_SLOPE, y, 0], aligned_edge=LEFT)
        return VGroup(h, slope)

    def shrink_h(self) -> None:
        slopes = slopes_as_h_shrinks(self.name, self.x0, H_STEPS)
        top = self.quotient_card.get_bottom()[1] - 0.6
        header = VGroup(
            tex("h", size=LABEL, color=PURPLE), text("slope", SMALL, ORANGE)
        )
        header[0].move_to([TABLE_H, top, 0])
        header[1].move_to([TABLE_SLOPE, top, 0], aligned_edge=LEFT)
        rows = [
            self.table_row(fmt(h), s, top - ROW * (i + 1))
            for i, (h, s) in enumerate(zip(H_STEPS, slopes, strict=True))
        ]
        self.table = VGroup(header, *rows)
        self.rows = rows
        s1, s2, s3 = (fmt(s, DIGITS) for s in slopes[1:])
        h1, h2, h3 = (fmt(h) for h in H_STEPS[1:])
        with self.beat(
            f"Now shrink h. The secant swings: at h = {h1} its slope is {s1}.",
            say=f"Now shrink h. The secant swings: at h equals {h1} its slope is "
            f"{say_sig(slopes[1])}.",
            chapter="The limit",
        ):
            self.play(
                FadeOut(self.h_tag),
                FadeIn(header),
                FadeIn(rows[0]),
                run_time=0.6,
            )
            self.play(
                self.h.animate.set_value(H_STEPS[1]), run_time=1.5, rate_func=smooth
            )
            self.play(FadeIn(rows[1], shift=0.1 * DOWN), run_time=0.4)
        with self.beat(
            f"At {h2} it is {s2}; at {h3}, {s3}. The slopes settle on one number.",
            say=f"At {h2} it is {say_sig(slopes[2])}; at {h3}, {say_sig(slopes[3])}. "
            "The slopes settle on one number.",
        ):
            self.play(
                self.h.animate.set_value(H_STEPS[2]), run_time=1.5, rate_func=smooth
            )
            self.play(FadeIn(rows[2], shift=0.1 * DOWN), run_time=0.4)
            self.play(
                self.h.animate.set_value(H_STEPS[3]), run_time=1.5, rate_func=smooth
            )
            self.play(FadeIn(rows[3], shift=0.1 * DOWN), run_time=0.4)

    def reach_tangent(self) -> None:
        slope = float(derivative(self.name, self.x0))
        # the h readout goes; the table moves up into its place
        lift = self.h_readout.height + 0.3
        limit_row = self.table_row(
            r"\to 0", slope, self.rows[-1].get_y() + lift - ROW, GREEN
        )
        self.limit_row = limit_row
        limit = tex(
            "f'(x_0)",
            "=",
            r"\lim_{h \to 0}",
            r"{f(x_0+h) - f(x_0)",
            r"\over",
            r"h}",
            size=PANEL,
        )
        limit[0].set_color(GREEN)
        limit.move_to(self.quotient_card[1], aligned_edge=LEFT)
        heading = text("slope of the tangent", SMALL, GREEN).move_to(
            self.quotient_card[0], aligned_edge=LEFT
        )
        self.tangent_line = self.tangent(self.x0)
        with self.beat(
            f"Their limit is the derivative, f′(x₀) = {fmt(slope, DIGITS)}: the slope of "
            "the tangent, the line that runs in the graph's direction at x₀.",
            say=f"Their limit is the derivative, f prime of x nought, {say_sig(slope)}: "
            "the slope of the tangent, the line that runs in the graph's direction at "
            "x nought.",
            key=True,
        ):
            self.slope_value.clear_updaters()
            self.h_readout[1].clear_updaters()
            self.play(
                FadeOut(self.quotient_card[1:]),
                FadeOut(self.secant_line, self.run, self.rise, self.q_dot),
                ReplacementTransform(self.quotient_card[0], heading),
                self.table.animate.shift(lift * UP),
                run_time=0.8,
            )
            self.play(FadeIn(limit), Create(self.tangent_line), run_time=1.2)
            self.add(self.p_dot)
            self.play(FadeIn(limit_row, shift=0.1 * DOWN), run_time=0.6)
            self.wait(1.5)
        self.limit_card = VGroup(heading, limit)

    def make_room_for_derivative(self) -> None:
        spec, x0 = self.spec, self.x0
        upper = self.make_axes(UPPER, spec.y_range)
        self.daxes = self.make_axes(LOWER, spec.dy_range)
        self.x = ValueTracker(x0)
        x = self.x
        new_graph = self.plot(upper, spec.f).set_stroke(BLUE, width=4)
        f_label = self.f_label.copy().move_to(
            [COLUMN, upper.get_center()[1] + 0.45, 0], aligned_edge=LEFT
        )
        self.x_readout = self.readout("x =", 2, INK).next_to(
            f_label, DOWN, buff=0.35, aligned_edge=LEFT
        )
        self.df_readout = self.readout("f'(x) =", DIGITS, GREEN)
        self.df_readout.move_to(
            [COLUMN, self.daxes.get_center()[1] + 0.6, 0], aligned_edge=LEFT
        )
        self.x_readout[1].set_value(displayed(x0, 2))
        self.df_readout[1].set_value(displayed(derivative(self.name, x0)))
        with self.beat(
            "Every point has its own tangent, so the slope is itself a function of x: "
            "the derivative, f′. Let's plot it underneath.",
            say="Every point has its own tangent, so the slope is itself a function of x: "
            "the derivative, f prime. Let's plot it underneath.",
            chapter="The derivative as a function",
        ):
            self.play(
                FadeOut(self.table, self.limit_row, self.limit_card, self.h_readout),
                FadeOut(self.x0_line, self.x0_tag, self.p_drop, self.tangent_line),
                run_time=0.6,
            )
            self.remove(self.p_dot)
            self.play(
                Transform(self.axes, upper),
                Transform(self.graph, new_graph),
                Transform(self.f_label, f_label),
                run_time=1.2,
            )
            self.point = always_redraw(
                lambda: Dot(self.on_f(x.get_value()), color=INK, radius=0.08)
            )
            self.moving_tangent = always_redraw(
                lambda: self.tangent(x.get_value(), 1.6)
            )
            self.d_dot = always_redraw(
                lambda: Dot(self.on_df(x.get_value()), color=GREEN, radius=0.08)
            )
            # from x, not from the dots: updaters run in order, a dot may lag a frame
            self.link = always_redraw(
                lambda: DashedLine(
                    self.on_f(x.get_value()),
                    self.on_df(x.get_value()),
                    color=MUTED,
                    stroke_width=2,
                )
            )
            self.play(
                Create(self.daxes),
                FadeIn(self.x_readout, self.df_readout),
                run_time=1.0,
            )
            self.play(Create(self.moving_tangent), FadeIn(self.point), run_time=0.6)
            self.play(Create(self.link), FadeIn(self.d_dot, scale=0.5), run_time=0.8)

    def trace_derivative(self) -> None:
        lo, hi = self.spec.window
        x = self.x
        self.trace = always_redraw(
            lambda: self.plot(
                self.daxes, self.spec.df, upto=max(x.get_value(), lo + 0.01)
            ).set_stroke(GREEN, width=4, opacity=float(x.get_value() > lo + 0.02))
        )
        self.x_readout[1].add_updater(
            lambda m: m.set_value(displayed(x.get_value(), 2))
        )
        self.df_readout[1].add_updater(
            lambda m: m.set_value(displayed(derivative(self.name, x.get_value())))
        )
        with self.beat(
            "Slide the tangent along and record its slope below. " + self.spec.trace,
        ):
            self.play(x.animate.set_value(lo), run_time=1.5, rate_func=smooth)
            self.add(self.trace, self.d_dot)
            self.play(x.animate.set_value(hi), run_time=7.0, rate_func=linear)

    def name_derivative(self) -> None:
        label = tex("f'(x)", "=", self.spec.dtex, size=PANEL, color=GREEN)
        label.move_to(self.df_readout, aligned_edge=LEFT)
        traced = self.plot(self.daxes, self.spec.df).set_stroke(GREEN, width=4)
        self.remove(self.trace)
        self.add(traced, self.d_dot)
        self.trace = traced
        for mob in (self.x_readout[1], self.df_readout[1]):
            mob.clear_updaters()
        with self.beat(self.spec.punchline, say=self.spec.punchline_say):
            self.play(
                FadeOut(self.x_readout, self.moving_tangent, self.point),
                FadeOut(self.link, self.d_dot),
                ReplacementTransform(self.df_readout, label),
                run_time=0.8,
            )
            self.play(
                self.trace.animate.set_stroke(width=8),
                run_time=1.0,
                rate_func=there_and_back,
            )
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    # -- machine learning: the slope's sign says which way to step ------------------------
    def learn(self) -> None:
        axes = plot_axes(
            [-1, 5, 1],
            [0, 5, 1],
            width=PLOT_RIGHT - PLOT_LEFT,
            height=BIG[0] - BIG[1] - 0.5,
            centre=[(PLOT_LEFT + PLOT_RIGHT) / 2, (BIG[0] + BIG[1]) / 2 + 0.2],
        )
        axes.x_axis.add_numbers(
            x_values=[0, 2, 4], num_decimal_places=0, font_size=LABEL, excluding=[]
        )
        w_name = tex("w", size=PANEL, color=MUTED).next_to(
            axes.x_axis, RIGHT, buff=0.12
        )
        curve = axes.plot(lambda w: float(loss(w)), x_range=[-1, 5, 0.05])
        curve.set_stroke(BLUE, width=4)
        name = tex("L(w)", "=", r"\tfrac{1}{2}(w - 2)^2", size=PANEL)
        name[0].set_color(BLUE)
        name.align_to(np.array([COLUMN, TOP - 0.05, 0]), UP + LEFT)
        rule = tex(
            r"w \leftarrow w - \eta\, L'(w)", rf"\quad \eta = {fmt(RATE)}", size=PANEL
        )
        rule.next_to(name, DOWN, buff=0.35, aligned_edge=LEFT)
        colours = (ORANGE, PURPLE)
        paths = [descent(w0) for w0 in STARTS]
        self.loss_axes, self.loss_curve = axes, curve

        def tangent_at(w: float, colour: str) -> Line:
            slope = loss_slope(w)
            run = 0.9 / float(np.hypot(1.0, slope))
            return Line(
                axes.c2p(w - run, float(loss(w)) - slope * run),
                axes.c2p(w + run, float(loss(w)) + slope * run),
                color=colour,
                stroke_width=4,
            )

        def row(w: float, slope: float, colour: str) -> VGroup:
            return tex(
                rf"w = {fmt(w, 2)}",
                r",\;",
                rf"L'(w) = {fmt(slope, 2)}",
                size=PANEL,
                color=colour,
            )

        dots = [
            Dot(axes.c2p(p[0][0], float(loss(p[0][0]))), color=c, radius=0.1)
            for p, c in zip(paths, colours, strict=True)
        ]
        tangents = [tangent_at(p[0][0], c) for p, c in zip(paths, colours, strict=True)]
        w0, s0 = paths[0][0]
        w1 = paths[0][1][0]
        first = row(w0, s0, colours[0]).next_to(rule, DOWN, buff=0.5, aligned_edge=LEFT)
        with self.beat(
            "In machine learning, a model's error is a loss, and training turns its "
            "weights to make the loss small. Here is a loss of one weight, L(w) = "
            "½(w − 2)². Standing at one w, training can't see the whole curve: it can "
            "only feel the slope where it stands.",
            say="In machine learning, a model's error is a loss, and training turns its "
            "weights to make the loss small. Here is a loss of one weight: L of w equals "
            "one half of w minus 2, squared. Standing at one w, training can't see the "
            "whole curve: it can only feel the slope where it stands.",
            chapter="In machine learning",
        ):
            self.play(Create(axes), FadeIn(w_name), FadeIn(name), run_time=1.0)
            self.play(Create(curve), run_time=1.2)
            self.play(FadeIn(dots[0], scale=0.5), Create(tangents[0]), run_time=0.8)
        arrow = Arrow(
            axes.c2p(w0, -0.35),
            axes.c2p(w1, -0.35),
            buff=0,
            color=colours[0],
            stroke_width=5,
            max_tip_length_to_length_ratio=0.3,
        )
        with self.beat(
            f"At w = {fmt(w0)} the slope is {fmt(s0)}, "
            f"{step_words(s0)}: against the slope. The rule: w minus "
            f"{fmt(RATE)} times the slope, which takes w to {fmt(w1)}.",
            say=f"At w equals {say_sig(w0)} the slope is {say_sig(s0)}, "
            f"{step_words(s0)}: against the slope. The rule: w minus "
            f"{say_sig(RATE)} times the slope, which takes w to {say_sig(w1)}.",
        ):
            self.play(FadeIn(first), FadeIn(rule), run_time=0.8)
            self.play(GrowArrow(arrow), run_time=0.8)
            self.play(
                dots[0].animate.move_to(axes.c2p(w1, float(loss(w1)))),
                Transform(tangents[0], tangent_at(w1, colours[0])),
                run_time=1.0,
            )
            self.play(FadeOut(arrow), run_time=0.3)
        right = paths[1]
        slopes = [s for _, s in paths[0][1:]]
        with self.beat(
            "Each step reads the slope again: "
            + ", then ".join(fmt(s) for s in slopes[:2])
            + ". The slope flattens, so the steps shrink. Start on the other side, at "
            f"{fmt(right[0][0])}, and the slope is {fmt(right[0][1])}, "
            f"{step_words(right[0][1])}. Both close in on the bottom at 2, where the "
            "slope is 0.",
            say="Each step reads the slope again: "
            + ", then ".join(say_sig(s) for s in slopes[:2])
            + ". The slope flattens, so the steps shrink. Start on the other side, at "
            f"{say_sig(right[0][0])}, and the slope is {say_sig(right[0][1])}, "
            f"{step_words(right[0][1])}. Both close in on the bottom at 2, where the "
            "slope is 0.",
        ):
            for w, _ in paths[0][2:]:
                self.play(
                    dots[0].animate.move_to(axes.c2p(w, float(loss(w)))),
                    Transform(tangents[0], tangent_at(w, colours[0])),
                    run_time=0.7,
                )
            second = row(*right[0], colours[1]).next_to(
                first, DOWN, buff=0.3, aligned_edge=LEFT
            )
            self.play(
                FadeIn(dots[1], scale=0.5),
                Create(tangents[1]),
                FadeIn(second),
                run_time=0.8,
            )
            for w, _ in right[1:]:
                self.play(
                    dots[1].animate.move_to(axes.c2p(w, float(loss(w)))),
                    Transform(tangents[1], tangent_at(w, colours[1])),
                    run_time=0.7,
                )
            ends = VGroup(
                row(*paths[0][-1], colours[0]).move_to(first, aligned_edge=LEFT),
                row(*right[-1], colours[1]).move_to(second, aligned_edge=LEFT),
            )
            self.play(
                ReplacementTransform(first, ends[0]),
                ReplacementTransform(second, ends[1]),
                run_time=0.6,
            )
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    def close(self) -> None:
        axes = self.make_axes((TOP, CONTENT_BOTTOM + 1.4), self.spec.y_range)
        graph = self.plot(axes, self.spec.f).set_stroke(BLUE, width=4)
        self.axes = axes  # tangent() reads it
        tangent = self.tangent(self.x0)
        dot = Dot(self.on_f(self.x0), color=INK, radius=0.08)
        label = tex(
            "f'(x_0)", "=", fmt(derivative(self.name, self.x0), DIGITS), size=PANEL
        )
        label[0].set_color(GREEN)
        label.move_to([COLUMN, axes.get_center()[1], 0], aligned_edge=LEFT)
        picture = VGroup(axes, graph, tangent, dot, label)
        self.play(FadeIn(picture), run_time=0.8)
        self.recap_over(
            [picture],
            "The derivative is the tangent's slope, the limit of rise over run; its "
            "sign tells training which way to step.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: The functions and points whose slopes come out as short decimals by hand.
_PRACTICE_FUNCTIONS = ("parabola", "cubic")


def practice(seed: int) -> list[Exercise]:
    """Exercises on slopes, secants and tangents, numbers drawn from ``seed``.

    A new function (½x² or ⅓x³ − x) and point for each seed. Three exercises: a
    secant slope (:func:`secant_slope`); the derivative (:func:`derivative`); and
    the tangent line (:func:`tangent_line`).
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    name = _PRACTICE_FUNCTIONS[int(rng.integers(len(_PRACTICE_FUNCTIONS)))]
    lo, hi = x0_range(name, 1.0)
    grid = [x / 2 for x in range(-6, 7) if lo <= x / 2 <= hi]
    x0 = float(rng.choice(grid))
    h = float(rng.choice([1.0, 0.5]))
    named = FUNCTIONS[name]

    def f(x: float) -> float:
        return float(value(name, x))

    secant = secant_slope(f, x0, h)
    slope = float(derivative(name, x0))
    tangent = tangent_line(name, x0)
    function = f"$f(x) = {named.tex}$"
    return [
        Exercise(
            id="derivatives-1",
            prompt=(
                f"For {function}, what is the slope of the secant from $x_0 = {fmt(x0)}$ "
                f"to $x_0 + h$ with $h = {fmt(h)}$?"
            ),
            kind="number",
            answer=secant,
            tolerance=0.005,
            hint="Rise over run: (f(x₀ + h) − f(x₀)) / h.",
            solution=(
                f"$f({fmt(x0 + h)}) = {fmt(f(x0 + h), 3)}$ and $f({fmt(x0)}) = "
                f"{fmt(f(x0), 3)}$, so the slope is "
                f"$({fmt(f(x0 + h), 3)} - {kit_numbers.factor(fmt(f(x0), 3))}) / {fmt(h)} "
                f"= {fmt(secant, 3)}$."
            ),
        ),
        Exercise(
            id="derivatives-2",
            prompt=f"For {function}, what is the derivative $f'(x_0)$ at $x_0 = {fmt(x0)}$?",
            kind="number",
            answer=slope,
            tolerance=0.005,
            hint="Shrink h: the secant slopes close in on the tangent's slope.",
            solution=f"$f'(x) = {named.dtex}$, so $f'({fmt(x0)}) = {fmt(slope, 3)}$.",
        ),
        Exercise(
            id="derivatives-3",
            prompt=(
                f"For {function}, the tangent at $x_0 = {fmt(x0)}$ is $y = m x + c$. "
                "What are m and c?"
            ),
            kind="vector",
            answer=tangent,
            tolerance=0.005,
            hint="m = f'(x₀); the line passes through (x₀, f(x₀)), so c = f(x₀) − m x₀.",
            solution=(
                f"$m = f'({fmt(x0)}) = {fmt(tangent[0], 3)}$ and "
                f"$c = {fmt(f(x0), 3)} - {kit_numbers.factor(fmt(tangent[0], 3))} \\cdot "
                f"{kit_numbers.factor(fmt(x0))} = {fmt(tangent[1], 3)}$."
            ),
        ),
    ]
