"""The chain rule: rates multiply along a pipeline of functions.

A composition ``y = f(g(x))`` is a pipeline: ``x`` goes into ``g``, its output
``u = g(x)`` goes into ``f``. The visual "why": each value gets its own number
line, all zoomed in the same amount; nudge ``x`` by ``dx`` and ``u`` moves by
about ``g'(x) dx``, and that nudge of ``u`` moves ``y`` by about ``f'(u) du``. So
the rate of the whole pipeline is the product ``f'(g(x)) * g'(x)``, which a
direct measurement (a difference quotient of the composition) confirms. The
machine-learning beat is a tiny network, one neuron with a loss
(``z = w x``, ``a = sigmoid(z)``, ``L = (a - 1)^2``) at the lesson's ``x``: its
gradient ``dL/dw`` is the product of the three local slopes, multiplied from the
loss backwards (backpropagation), and nudging ``w`` measures the same. The recap
closes over that picture. Every number on screen comes from the pure functions
below (numpy only), which the tests check on their own.

General claims (text and narration), and why each holds:

- "g stretches / shrinks / flips the nudge ... that factor is the slope of g":
  to first order ``du = g'(x) dx`` (the definition of the derivative); the
  words are :func:`describe_rate` of the computed rate (Hypothesis test that
  they match its size and sign), and :func:`nudges` is tested to scale by each
  local rate in turn.
- "du is about ...", "dy is about ...": "about", because the nudges are
  linearised (first order); the number lines draw exactly those values.
- "The rate of the whole pipeline is the product f'(g(x)) g'(x)": the chain
  rule for differentiable ``f`` and ``g``; tested against a central difference
  of the composition (Hypothesis over every pair of functions and points).
- "Check it directly ... the same to three places" (or "within ..."): the
  words compare the displayed numbers (:func:`difference_quotient`); points
  where the check would visibly disagree are refused by :func:`point_problem`.
- "One neuron: w times x gives z, a sigmoid squashes z to a, the loss is the
  squared gap to the target": :func:`neuron_forward`.
- "Each link has its own local slope: x, a(1 - a), 2(a - 1)": the derivatives
  of ``w x`` in ``w``, of the sigmoid, and of ``(a - 1)^2``
  (:func:`neuron_slopes`, tested against central differences with Hypothesis).
- "Backpropagation multiplies them from the loss backwards; that product is
  the gradient; nudging w measures the same": :func:`neuron_backward`, tested
  against :func:`neuron_measured` and a central difference (Hypothesis over
  inputs, weights and targets); whether the narration says "the same" is
  computed by comparing the displayed numbers.
- Recap, "along a chain, the gradient is the product of local slopes": for one
  path, as here (a network with branches sums such products over its paths,
  which the lesson does not claim otherwise).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Float
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_small, say_sig
from scenes.style import *

__all__ = [
    "CHECK_STEP",
    "DIGITS",
    "LINKS",
    "MAX_RATE",
    "NET_TARGET",
    "NET_WEIGHT",
    "NUDGE",
    "ChainRule",
    "Link",
    "chain_rate",
    "composite_caption",
    "composite_spoken",
    "composite_tex",
    "describe_rate",
    "difference_quotient",
    "forward",
    "in_domain",
    "neuron_backward",
    "neuron_forward",
    "neuron_measured",
    "neuron_slopes",
    "nudges",
    "point_problem",
    "practice",
    "segment_unit",
]

Curve = Callable[[np.ndarray], np.ndarray]
Words = Callable[[str], str]


def _sigmoid(u: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-u))


def _simple(arg: str) -> bool:
    return arg in ("x", "u")


@dataclass(frozen=True)
class Link:
    """One function the pipeline can use, as the inner ``g`` or the outer ``f``.

    ``domain`` is ``(lo, hi, lo_open)``: inputs in ``[lo, hi]`` (``(lo, hi]`` when
    ``lo_open``). The word fields take the argument's own TeX, caption or spoken
    form (``"x"``, or a whole inner function) and give the function applied to it;
    the derivative fields do the same for ``f'``.
    """

    f: Curve
    df: Curve
    domain: tuple[float, float, bool]
    tex: Words
    dtex: Words
    caption: Words
    spoken: Words
    dspoken: Words


#: The named functions: each with its exact derivative, domain and words.
LINKS: dict[str, Link] = {
    "square": Link(
        f=lambda u: np.asarray(u, dtype=float) ** 2,
        df=lambda u: 2.0 * np.asarray(u, dtype=float),
        domain=(-4.0, 4.0, False),
        tex=lambda a: f"{a}^2" if _simple(a) else rf"\left({a}\right)^2",
        dtex=lambda a: f"2{a}",
        caption=lambda a: f"{a}²" if _simple(a) else f"({a})²",
        spoken=lambda a: f"{a} squared",
        dspoken=lambda a: f"2 {a}",
    ),
    "sine": Link(
        f=np.sin,
        df=np.cos,
        domain=(-10.0, 10.0, False),
        tex=lambda a: rf"\sin {a}" if _simple(a) else rf"\sin\left({a}\right)",
        dtex=lambda a: rf"\cos {a}",
        caption=lambda a: f"sin {a}" if _simple(a) else f"sin({a})",
        spoken=lambda a: f"sine of {a}",
        dspoken=lambda a: f"cosine of {a}",
    ),
    "exp": Link(
        f=np.exp,
        df=np.exp,
        domain=(-4.0, 4.0, False),
        tex=lambda a: f"e^{{{a}}}",
        dtex=lambda a: f"e^{{{a}}}",
        caption=lambda a: f"e^{a}" if _simple(a) else f"e^({a})",
        spoken=lambda a: f"e to the {a}",
        dspoken=lambda a: f"e to the {a}",
    ),
    "sigmoid": Link(
        f=_sigmoid,
        df=lambda u: _sigmoid(u) * (1.0 - _sigmoid(u)),
        domain=(-8.0, 8.0, False),
        tex=lambda a: rf"\sigma\left({a}\right)",
        dtex=lambda a: rf"\sigma({a})\,(1-\sigma({a}))",
        caption=lambda a: f"σ({a})",
        spoken=lambda a: f"sigmoid of {a}",
        dspoken=lambda a: f"sigmoid of {a} times 1 minus sigmoid of {a}",
    ),
    "tanh": Link(
        f=np.tanh,
        df=lambda u: 1.0 - np.tanh(u) ** 2,
        domain=(-5.0, 5.0, False),
        tex=lambda a: rf"\tanh {a}" if _simple(a) else rf"\tanh\left({a}\right)",
        dtex=lambda a: rf"1-\tanh^2 {a}",
        caption=lambda a: f"tanh {a}" if _simple(a) else f"tanh({a})",
        spoken=lambda a: f"tanch of {a}",
        dspoken=lambda a: f"1 minus tanch squared of {a}",
    ),
    "log": Link(
        f=np.log,
        df=lambda u: 1.0 / np.asarray(u, dtype=float),
        domain=(0.0, 20.0, True),
        tex=lambda a: rf"\ln {a}" if _simple(a) else rf"\ln\left({a}\right)",
        dtex=lambda a: rf"1/{a}",
        caption=lambda a: f"ln {a}" if _simple(a) else f"ln({a})",
        spoken=lambda a: f"log of {a}",
        dspoken=lambda a: f"1 over {a}",
    ),
    "sqrt": Link(
        f=np.sqrt,
        df=lambda u: 0.5 / np.sqrt(u),
        domain=(0.0, 20.0, True),
        tex=lambda a: rf"\sqrt{{{a}}}",
        dtex=lambda a: rf"\frac{{1}}{{2\sqrt{{{a}}}}}",
        caption=lambda a: f"√{a}" if _simple(a) else f"√({a})",
        spoken=lambda a: f"the square root of {a}",
        dspoken=lambda a: f"1 over 2 root {a}",
    ),
}

#: The nudge given to x, in units of x.
NUDGE = 0.1
#: The step of the direct check (a centred difference quotient).
CHECK_STEP = 1e-3
#: How closely the direct check must agree with the rule (relative) for the point
#: to be shown: a check that disagrees visibly would teach the wrong thing.
CHECK_AGREE = 5e-3
#: Decimal places of the values and rates on screen.
DIGITS = 3
#: The largest stretch the number lines can draw.
MAX_RATE = 20.0


def in_domain(name: str, u: float) -> bool:
    """Whether ``u`` is an input the named function takes."""
    lo, hi, lo_open = LINKS[name].domain
    return (lo < u if lo_open else lo <= u) and u <= hi


def _call(curve: Curve, u: float) -> float:
    return float(curve(np.float64(u)))


def forward(inner: str, outer: str, x: float) -> tuple[float, float]:
    """The forward pass: ``u = g(x)`` and ``y = f(u)``."""
    u = _call(LINKS[inner].f, x)
    return u, _call(LINKS[outer].f, u)


def chain_rate(inner: str, outer: str, x: float) -> tuple[float, float, float]:
    """The local rates and their product: ``(g'(x), f'(g(x)), f'(g(x)) * g'(x))``."""
    u, _ = forward(inner, outer, x)
    g_rate = _call(LINKS[inner].df, x)
    f_rate = _call(LINKS[outer].df, u)
    return g_rate, f_rate, f_rate * g_rate


def nudges(
    inner: str, outer: str, x: float, dx: float = NUDGE
) -> tuple[float, float, float]:
    """The linearised nudges: ``dx``, ``du = g'(x) dx`` and ``dy = f'(u) du``."""
    g_rate, f_rate, _ = chain_rate(inner, outer, x)
    du = g_rate * dx
    return dx, du, f_rate * du


def difference_quotient(
    inner: str, outer: str, x: float, h: float = CHECK_STEP
) -> float:
    """The slope of ``y = f(g(x))`` measured directly: ``(y(x+h) - y(x-h)) / 2h``."""
    _, ahead = forward(inner, outer, x + h)
    _, behind = forward(inner, outer, x - h)
    return (ahead - behind) / (2 * h)


#: The machine-learning beat's neuron: its weight and the target of its output.
NET_WEIGHT = 1.5
NET_TARGET = 1.0


def neuron_forward(
    x: float, w: float = NET_WEIGHT, t: float = NET_TARGET
) -> tuple[float, float, float]:
    """One neuron and its loss: ``z = w x``, ``a = sigmoid(z)``, ``L = (a - t)^2``."""
    z = w * x
    a = float(_sigmoid(np.float64(z)))
    return z, a, (a - t) ** 2


def neuron_slopes(
    x: float, w: float = NET_WEIGHT, t: float = NET_TARGET
) -> tuple[float, float, float]:
    """The local slopes along the neuron: ``(dz/dw, da/dz, dL/da) = (x, a(1-a), 2(a-t))``."""
    _, a, _ = neuron_forward(x, w, t)
    return x, a * (1.0 - a), 2.0 * (a - t)


def neuron_backward(
    x: float, w: float = NET_WEIGHT, t: float = NET_TARGET
) -> tuple[float, float, float, float]:
    """Backpropagation's running products from the loss: ``dL/dL, dL/da, dL/dz, dL/dw``."""
    dz_dw, da_dz, dl_da = neuron_slopes(x, w, t)
    at_a = 1.0 * dl_da
    at_z = at_a * da_dz
    return 1.0, at_a, at_z, at_z * dz_dw


def neuron_measured(
    x: float, w: float = NET_WEIGHT, t: float = NET_TARGET, h: float = CHECK_STEP
) -> float:
    """``dL/dw`` measured by nudging the weight: ``(L(w+h) - L(w-h)) / 2h``."""
    return (neuron_forward(x, w + h, t)[2] - neuron_forward(x, w - h, t)[2]) / (2 * h)


def segment_unit(rates: tuple[float, ...], longest: float, shortest: float) -> float:
    """Screen length of the nudge ``dx`` so the longest stretched nudge fits.

    ``rates`` are the factors the nudge is multiplied by on the later lines;
    the result is at most ``shortest`` (a comfortable ``dx``) and never lets
    ``|rate| * unit`` pass ``longest``.
    """
    biggest = max([1.0, *(abs(r) for r in rates)])
    return min(shortest, longest / biggest)


def describe_rate(
    rate: float, it: str = "it", number: Callable[[float], str] | None = None
) -> str:
    """What multiplying a nudge (called ``it``) by ``rate`` does to it, in words.

    ``number`` writes the factor (default: as on screen, :data:`DIGITS` places;
    the narration passes :func:`~scenes.kit.numbers.say_sig`).
    """
    size = abs(rate)
    shown = number(size) if number is not None else fmt(size, DIGITS)
    if size < 5e-4:
        return f"flattens {it} to almost nothing"
    if size > 1 + 5e-4:
        change = f"stretches {{}} {shown} times"
    elif size < 1 - 5e-4:
        change = f"shrinks {{}} to {shown} of its size"
    else:
        change = "keeps {} the same size"
    if rate < 0:
        return f"flips {it} and " + change.format("it")
    return change.format(it)


def composite_tex(inner: str, outer: str) -> str:
    """``f(g(x))`` written out as TeX."""
    return LINKS[outer].tex(LINKS[inner].tex("x"))


def composite_caption(inner: str, outer: str) -> str:
    """``f(g(x))`` written out for captions."""
    return LINKS[outer].caption(LINKS[inner].caption("x"))


def composite_spoken(inner: str, outer: str) -> str:
    """``f(g(x))`` as the narrator says it."""
    return LINKS[outer].spoken(LINKS[inner].spoken("x"))


def point_problem(inner: str, outer: str, x: float) -> str | None:
    """Why the pipeline cannot be shown at ``x``, or ``None`` when it can."""
    if not in_domain(inner, x):
        lo, hi, lo_open = LINKS[inner].domain
        left = "(" if lo_open else "["
        return f"x must be in {left}{fmt(lo)}, {fmt(hi)}], the domain of {inner}"
    u = _call(LINKS[inner].f, x)
    if not in_domain(outer, u):
        lo, hi, lo_open = LINKS[outer].domain
        left = "(" if lo_open else "["
        return (
            f"g(x) = {fmt(u, DIGITS)} is outside {left}{fmt(lo)}, {fmt(hi)}], "
            f"the domain of {outer}"
        )
    for near in (x - CHECK_STEP, x + CHECK_STEP):
        if not in_domain(inner, near) or not in_domain(
            outer, _call(LINKS[inner].f, near)
        ):
            return "x is too close to the edge of a domain to measure its slope"
    g_rate, f_rate, total = chain_rate(inner, outer, x)
    if max(abs(g_rate), abs(f_rate), abs(total)) > MAX_RATE:
        return f"the nudge would stretch more than {fmt(MAX_RATE)} times"
    if abs(difference_quotient(inner, outer, x) - total) > CHECK_AGREE * max(
        1.0, abs(total)
    ):
        return (
            "the curve bends too sharply at x for a step of 0.001 to measure "
            "its slope; move x away from the bend"
        )
    return None


# -- layout (scene units) ------------------------------------------------------------
PIPE_Y = 3.15  # the pipeline row
FORMULA_Y = 2.05  # the formula row
LINE_YS = (0.85, -0.65, -2.15)  # the x, u and y number lines
LINE_X = -1.2  # where each value sits on its number line
LINE_HALF = 3.6  # half the length of a number line
NAME_X = -6.35  # the number lines' names
READ_X = 3.05  # left edge of the nudge readouts
PANEL = 36
TAG = 34  # the values under the number lines: a 14 px digit height at 480p


class ChainRule(CourseLesson):
    """Nudges scale by g' then f'; the rates multiply; backprop runs it backwards."""

    params = {
        "inner": Choice(
            "square", list(LINKS), help="g, the function applied first: u = g(x)"
        ),
        "outer": Choice(
            "sine", list(LINKS), help="f, the function applied second: y = f(u)"
        ),
        "x": Float(0.8, help="the input where the rates are measured"),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        why = point_problem(args.inner, args.outer, args.x)
        if why is not None:
            raise ParamError(
                "x",
                args.x,
                f"an x in the domain of '{args.inner}' whose g(x) is in the domain "
                f"of '{args.outer}'",
                why=why,
            )

    def construct(self) -> None:
        self.inner, self.outer, self.x = self.args.inner, self.args.outer, self.args.x
        self.g, self.f = LINKS[self.inner], LINKS[self.outer]
        self.u, self.y = forward(self.inner, self.outer, self.x)
        self.g_rate, self.f_rate, self.total = chain_rate(
            self.inner, self.outer, self.x
        )
        self.title_card(
            "The chain rule", "How fast does a function of a function change?"
        )
        self.show_pipeline()
        self.run_forward()
        self.nudge_x()
        self.through_g()
        self.through_f()
        self.multiply_rates()
        self.check_directly()
        self.neuron()
        self.backpropagate()
        self.close()

    # -- pieces ----------------------------------------------------------------------
    def num(self, x: float) -> str:
        return fmt(x, DIGITS)

    def factor(self, x: float) -> str:
        """A number as a factor in a product: negatives in brackets."""
        return f"({self.num(x)})" if self.num(x).startswith("-") else self.num(x)

    def node(self, symbol: str, value: float | None, color: str) -> object:
        parts = [symbol] if value is None else [symbol, "=", self.num(value)]
        mob = tex(*parts, size=PANEL)
        mob[0].set_color(color)
        return mob

    def box(self, formula: str, color: str) -> VGroup:
        label = tex(formula, size=PANEL)
        frame = RoundedRectangle(
            corner_radius=0.15,
            width=label.width + 0.5,
            height=0.85,
            stroke_color=color,
            stroke_width=3,
            fill_color=color,
            fill_opacity=0.12,
        )
        return VGroup(frame, label.move_to(frame))

    def pipe_row(self, nodes: list) -> VGroup:
        """Nodes and boxes spaced along the pipeline row, with arrows between."""
        row = VGroup(*nodes).arrange(RIGHT, buff=0.8)
        if row.width > config.frame_width - 0.8:
            row.scale_to_fit_width(config.frame_width - 0.8)
        row.move_to([0, PIPE_Y, 0])
        return row

    def arrows_between(self, row: VGroup) -> VGroup:
        return VGroup(
            *(
                Arrow(
                    a.get_right(),
                    b.get_left(),
                    buff=0.1,
                    color=MUTED,
                    stroke_width=3,
                    max_tip_length_to_length_ratio=0.3,
                )
                for a, b in itertools.pairwise(row)
            )
        )

    # -- beats ---------------------------------------------------------------------------
    def show_pipeline(self) -> None:
        g_box = self.box(f"g(x) = {self.g.tex('x')}", GREEN)
        f_box = self.box(f"f(u) = {self.f.tex('u')}", PURPLE)
        self.nodes = [
            self.node("x", None, BLUE),
            g_box,
            self.node("u", None, GREEN),
            f_box,
            self.node("y", None, PURPLE),
        ]
        self.row = self.pipe_row(self.nodes)
        self.arrows = self.arrows_between(self.row)
        self.formula = tex(
            "y", "=", "f(g(x))", "=", composite_tex(self.inner, self.outer)
        )
        self.formula[0].set_color(PURPLE)
        self.formula.move_to([0, FORMULA_Y, 0])
        g_say = self.g.spoken("x")
        f_say = self.f.spoken("u")
        with self.beat(
            f"Feed x into g, then feed g's output, u, into f. Here g(x) = "
            f"{self.g.caption('x')} and f(u) = {self.f.caption('u')}, so y = "
            f"{composite_caption(self.inner, self.outer)}.",
            say=f"Feed x into g, then feed g's output, u, into f. Here g of x is "
            f"{g_say} and f of u is {f_say}, so y is "
            f"{composite_spoken(self.inner, self.outer)}.",
            chapter="A pipeline",
        ):
            self.play(FadeIn(self.row[0]), run_time=0.5)
            for arrow, part in zip(self.arrows, self.row[1:], strict=True):
                self.play(GrowArrow(arrow), FadeIn(part), run_time=0.6)
            self.play(FadeIn(self.formula, shift=0.2 * DOWN), run_time=0.8)

    def run_forward(self) -> None:
        x, u, y = self.x, self.u, self.y
        valued = [
            self.node("x", x, BLUE),
            self.row[1].copy(),
            self.node("u", u, GREEN),
            self.row[3].copy(),
            self.node("y", y, PURPLE),
        ]
        for new, old in zip(valued, self.row, strict=True):
            new.move_to(old)
        row = VGroup(*valued).arrange(RIGHT, buff=0.8)
        if row.width > config.frame_width - 0.8:
            row.scale_to_fit_width(config.frame_width - 0.8)
        row.move_to([0, PIPE_Y, 0])
        arrows = self.arrows_between(row)
        with self.beat(
            f"Start at x = {self.num(x)}. Then u = g({self.num(x)}) = {self.num(u)}, "
            f"and y = f({self.num(u)}) = {self.num(y)}.",
            say=f"Start at x = {say_sig(x)}. Then u is g of {say_sig(x)}, "
            f"about {say_sig(u)}, and y is f of that, about {say_sig(y)}.",
        ):
            self.play(
                *(
                    ReplacementTransform(old, new)
                    for old, new in zip(self.row, row, strict=True)
                ),
                ReplacementTransform(self.arrows, arrows),
                run_time=0.8,
            )
            self.row, self.arrows = row, arrows
            token = Dot(row[0].get_right(), color=ACCENT, radius=0.09)
            self.add(token)
            for target in (row[1], row[2], row[3], row[4]):
                self.play(token.animate.move_to(target.get_center()), run_time=0.5)
                self.play(
                    target.animate.scale(1.08), rate_func=there_and_back, run_time=0.3
                )
            self.remove(token)

    def number_line(self, y: float) -> VGroup:
        """A zoomed-in number line at height ``y``: ticks every ``NUDGE`` of value."""
        line = Line(
            [LINE_X - LINE_HALF, y, 0], [LINE_X + LINE_HALF, y, 0], color=MUTED
        ).set_stroke(width=2)
        spacing = self.unit
        step = 1 if spacing >= 0.25 else 5
        ticks = VGroup()
        k = -int(LINE_HALF / spacing)
        while k * spacing <= LINE_HALF:
            if k % step == 0:
                x = LINE_X + k * spacing
                ticks.add(
                    Line([x, y - 0.08, 0], [x, y + 0.08, 0], color=MUTED).set_stroke(
                        width=2
                    )
                )
            k += 1
        return VGroup(line, ticks)

    def nudge_x(self) -> None:
        dx, du, dy = nudges(self.inner, self.outer, self.x)
        self.unit = segment_unit((self.g_rate, self.total), 3.2, 1.6)
        self.lines = VGroup(*(self.number_line(y) for y in LINE_YS))
        colors = (BLUE, GREEN, PURPLE)
        names = VGroup(
            *(
                tex(s, color=c).move_to([NAME_X, y, 0])
                for s, c, y in zip("xuy", colors, LINE_YS, strict=True)
            )
        )
        values = (self.x, self.u, self.y)
        self.dots = VGroup(
            *(
                Dot([LINE_X, y, 0], color=c, radius=0.09)
                for c, y in zip(colors, LINE_YS, strict=True)
            )
        )
        # each value sits under its dot, on the side away from its nudge
        self.value_tags = VGroup()
        for v, c, y, d in zip(values, colors, LINE_YS, (dx, du, dy), strict=True):
            tag = tex(self.num(v), size=TAG, color=c)
            side = LEFT if d >= 0 else RIGHT
            tag.next_to([LINE_X, y - 0.12, 0], DOWN + side, buff=0.08)
            self.value_tags.add(tag)
        self.grow = [ValueTracker(0.0) for _ in LINE_YS]
        lengths = (dx, du, dy)
        self.segments = VGroup(
            *(
                always_redraw(self._segment_maker(t, y, d, c))
                for t, y, d, c in zip(self.grow, LINE_YS, lengths, colors, strict=True)
            )
        )
        self.funnels = VGroup()
        self.dx_readout = tex("dx", "=", fmt(dx), size=PANEL)
        self.dx_readout[0].set_color(BLUE)
        self.dx_readout.move_to([READ_X, LINE_YS[0], 0], aligned_edge=LEFT)
        with self.beat(
            "Give each value its own number line, all zoomed in the same amount. "
            f"Now nudge x a little, by dx = {fmt(dx)}.",
            say="Give each value its own number line, all zoomed in the same amount. "
            f"Now nudge x a little, by d x equals {fmt(dx)}.",
            chapter="Nudges",
        ):
            self.play(FadeOut(self.formula), run_time=0.4)
            self.play(Create(self.lines), FadeIn(names), run_time=1.0)
            self.play(FadeIn(self.dots), FadeIn(self.value_tags), run_time=0.6)
            self.add(self.segments[0], self.dots)
            self.play(self.grow[0].animate.set_value(1.0), run_time=1.0)
            self.play(FadeIn(self.dx_readout), run_time=0.5)
        self.names = names

    def _segment_maker(self, t: ValueTracker, y: float, length: float, color: str):
        def make() -> Line:
            end = LINE_X + t.get_value() * length * self.unit / NUDGE
            return Line([LINE_X, y, 0], [end + 1e-4, y, 0], color=color).set_stroke(
                width=9
            )

        return make

    def funnel(self, upper: int, lower: int) -> VGroup:
        """Dashed lines joining the ends of one line's nudge to the next line's."""
        dx, du, dy = nudges(self.inner, self.outer, self.x)
        ends = [LINE_X + d * self.unit / NUDGE for d in (dx, du, dy)]
        y0, y1 = LINE_YS[upper] - 0.12, LINE_YS[lower] + 0.12
        return VGroup(
            DashedLine([LINE_X, y0, 0], [LINE_X, y1, 0], color=MUTED, stroke_width=2),
            DashedLine(
                [ends[upper], y0, 0], [ends[lower], y1, 0], color=MUTED, stroke_width=2
            ),
        )

    def rate_tag(self, label: str, rate: float, color: str, between: int) -> VGroup:
        y = (LINE_YS[between] + LINE_YS[between + 1]) / 2
        tag = tex(r"\times", label, "=", self.num(rate), size=PANEL)
        tag[1].set_color(color)
        return tag.move_to([READ_X, y, 0], aligned_edge=LEFT)

    def stretch(self, index: int) -> None:
        """Grow the nudge on line ``index``, then join it to the line above."""
        self.add(self.segments[index], self.dots)
        self.play(self.grow[index].animate.set_value(1.0), run_time=1.2)
        funnel = self.funnel(index - 1, index)
        self.funnels.add(funnel)
        self.play(Create(funnel), run_time=0.6)

    def through_g(self) -> None:
        _dx, du, _ = nudges(self.inner, self.outer, self.x)
        self.g_tag = self.rate_tag("g'(x)", self.g_rate, GREEN, 0)
        self.du_readout = tex("du", r"\approx", self.num(du), size=PANEL)
        self.du_readout[0].set_color(GREEN)
        self.du_readout.move_to([READ_X, LINE_YS[1], 0], aligned_edge=LEFT)
        with self.beat(
            f"g {describe_rate(self.g_rate, 'the nudge')}: du is about {self.num(du)}. That factor "
            f"is the slope of g, g′({self.num(self.x)}) = {self.num(self.g_rate)}.",
            say=f"g {describe_rate(self.g_rate, 'the nudge', say_sig)}: d u is about "
            f"{say_sig(du)}. That factor is the slope of g at x: g prime of "
            f"{say_sig(self.x)}.",
        ):
            self.stretch(1)
            self.play(FadeIn(self.g_tag), FadeIn(self.du_readout), run_time=0.6)

    def through_f(self) -> None:
        _, _du, dy = nudges(self.inner, self.outer, self.x)
        self.f_tag = self.rate_tag("f'(u)", self.f_rate, PURPLE, 1)
        self.dy_readout = tex("dy", r"\approx", self.num(dy), size=PANEL)
        self.dy_readout[0].set_color(PURPLE)
        self.dy_readout.move_to([READ_X, LINE_YS[2], 0], aligned_edge=LEFT)
        with self.beat(
            f"Then f {describe_rate(self.f_rate)}, by its own slope at u, "
            f"f′({self.num(self.u)}) = {self.num(self.f_rate)}. So dy is about "
            f"{self.num(dy)}.",
            say=f"Then f {describe_rate(self.f_rate, 'it', say_sig)}: that is its own "
            f"slope at u, f prime of {say_sig(self.u)}. So d y is about {say_sig(dy)}.",
        ):
            self.stretch(2)
            self.play(FadeIn(self.f_tag), FadeIn(self.dy_readout), run_time=0.6)

    def multiply_rates(self) -> None:
        rule = tex(
            r"\frac{dy}{dx}",
            "=",
            "f'(g(x))",
            r"\cdot",
            "g'(x)",
            "=",
            self.factor(self.f_rate),
            r"\times",
            self.factor(self.g_rate),
            "=",
            self.num(self.total),
            size=PANEL,
        )
        rule[2].set_color(PURPLE)
        rule[4].set_color(GREEN)
        rule[10].set_color(ACCENT)
        rule.move_to([0, FORMULA_Y, 0])
        self.rule = rule
        with self.beat(
            "So the nudge in x is multiplied twice, and the rate of the whole pipeline "
            f"is the product: f′(g(x)) times g′(x), {self.num(self.f_rate)} times "
            f"{self.num(self.g_rate)}, which is {self.num(self.total)}. That is the chain rule.",
            say="So the nudge in x is multiplied twice, and the rate of the whole "
            "pipeline is the product: f prime of g of x, times g prime of x. "
            f"Here that is about {say_sig(self.total)}. That is the chain rule.",
            chapter="Rates multiply",
            key=True,
        ):
            self.play(FadeIn(rule, shift=0.2 * DOWN), run_time=1.0)
            self.play(
                self.g_tag.animate.scale(1.15),
                self.f_tag.animate.scale(1.15),
                rate_func=there_and_back,
                run_time=0.8,
            )
            self.wait(1.5)

    def check_directly(self) -> None:
        h, x = CHECK_STEP, self.x
        measured = difference_quotient(self.inner, self.outer, x)
        check = tex(
            r"\frac{y("
            + fmt(x + h, 4)
            + ") - y("
            + fmt(x - h, 4)
            + r")}{"
            + fmt(2 * h, 4)
            + "}",
            "=",
            self.num(measured),
            size=PANEL,
        )
        check[2].set_color(ACCENT)
        card = VGroup(text("measured directly", SMALL, MUTED), check).arrange(
            DOWN, buff=0.2
        )
        card.next_to(self.rule, DOWN, buff=0.35)
        agree = (
            "the same to three places"
            if self.num(measured) == self.num(self.total)
            else f"within {fmt(abs(measured - self.total), 4)}"
        )
        with self.beat(
            f"Check it directly: compute y a thousandth either side of x. The change "
            f"in y over the gap is {self.num(measured)}, {agree}.",
            say=f"Check it directly: compute y a thousandth either side of x. The change "
            f"in y over the gap is about {say_sig(measured)}, {agree}.",
        ):
            self.play(
                FadeOut(self.lines, self.names, self.dots, self.value_tags),
                FadeOut(*self.segments, self.funnels),
                FadeOut(self.dx_readout, self.du_readout, self.dy_readout),
                FadeOut(self.g_tag, self.f_tag),
                run_time=0.6,
            )
            self.play(FadeIn(card, shift=0.2 * UP), run_time=1.0)
        self.check_card = card

    # -- machine learning ---------------------------------------------------------
    def neuron_nodes(self) -> None:
        x = self.x
        z, a, loss = neuron_forward(x)
        xs = (-5.3, -1.75, 1.75, 5.3)
        node_y, rule_y, slope_y = 1.75, 2.65, 1.05
        values = (
            ("w", NET_WEIGHT, BLUE),
            ("z", z, GREEN),
            ("a", a, PURPLE),
            ("L", loss, RED),
        )
        self.net_nodes = VGroup(
            *(
                tex(sym, "=", fmt_small(v, DIGITS), size=PANEL, color=c).move_to(
                    [px, node_y, 0]
                )
                for (sym, v, c), px in zip(values, xs, strict=True)
            )
        )
        self.net_arrows = self.arrows_between(self.net_nodes)
        rules = (
            rf"z = {fmt(x, DIGITS)}\,w",
            r"a = \sigma(z)",
            rf"L = (a - {fmt(NET_TARGET)})^2",
        )
        self.net_rules = VGroup(
            *(
                tex(r, size=PANEL).move_to([arrow.get_center()[0], rule_y, 0])
                for r, arrow in zip(rules, self.net_arrows, strict=True)
            )
        )
        slopes = neuron_slopes(x)
        colors = (GREEN, PURPLE, RED)
        self.net_slopes = VGroup(
            *(
                tex(r"\times", self.factor_small(v), size=PANEL, color=c).move_to(
                    [arrow.get_center()[0], slope_y, 0]
                )
                for v, c, arrow in zip(slopes, colors, self.net_arrows, strict=True)
            )
        )

    def factor_small(self, v: float) -> str:
        shown = fmt_small(v, DIGITS)
        return f"({shown})" if shown.startswith("-") else shown

    def neuron(self) -> None:
        x = self.x
        _, _, loss = neuron_forward(x)
        self.neuron_nodes()
        heading = text(
            f"one neuron: input x = {fmt(x, DIGITS)}, weight w, target {fmt(NET_TARGET)}",
            SMALL,
            MUTED,
        ).move_to([0, 3.45, 0])
        self.net_heading = heading
        with self.beat(
            "In machine learning the pipeline is a model. One neuron: its weight w "
            f"times the input {fmt(x, DIGITS)} gives z, a sigmoid squashes z to a, and "
            f"the loss L is the squared gap to the target {fmt(NET_TARGET)}.",
            say="In machine learning the pipeline is a model. One neuron: its weight w "
            f"times the input, {say_sig(x)}, gives z; a sigmoid squashes z to a; and "
            f"the loss L is the squared gap to the target, {say_sig(NET_TARGET)}.",
            chapter="In machine learning",
        ):
            self.play(FadeOut(*self.mobjects), run_time=0.5)
            self.play(FadeIn(heading), FadeIn(self.net_nodes[0]), run_time=0.6)
            for arrow, rule, node in zip(
                self.net_arrows, self.net_rules, self.net_nodes[1:], strict=True
            ):
                self.play(GrowArrow(arrow), FadeIn(rule), FadeIn(node), run_time=0.7)
        with self.beat(
            f"With w = {fmt(NET_WEIGHT)}, the loss is {fmt_small(loss, DIGITS)}. "
            "Training needs its slope with respect to the weight. Each link has its "
            "own local slope: x, then the sigmoid's slope a(1 − a), then 2(a − 1).",
            say=f"With w = {say_sig(NET_WEIGHT)}, the loss is about {say_sig(loss)}. "
            "Training needs its slope with respect to the weight. Each link has its own "
            "local slope: x, then the sigmoid's slope, a times 1 minus a, then 2 times "
            f"a minus {say_sig(NET_TARGET)}.",
        ):
            self.play(
                LaggedStart(
                    *(FadeIn(m, shift=0.1 * DOWN) for m in self.net_slopes),
                    lag_ratio=0.5,
                ),
                run_time=1.8,
            )

    def backpropagate(self) -> None:
        x = self.x
        back = neuron_backward(x)
        measured = neuron_measured(x)
        lane_y, value_y = -0.55, 0.15
        grads = [
            tex(fmt_small(v, DIGITS), size=PANEL, color=ORANGE).move_to(
                [node.get_center()[0], value_y, 0]
            )
            for v, node in zip(reversed(back), self.net_nodes, strict=True)
        ]  # under w, z, a, L
        lane = Arrow(
            [self.net_nodes.get_right()[0], lane_y, 0],
            [self.net_nodes.get_left()[0], lane_y, 0],
            buff=0,
            color=ORANGE,
            stroke_width=3,
            max_tip_length_to_length_ratio=0.03,
        )
        lane_label = text("backward pass", SMALL, ORANGE).next_to(lane, DOWN, buff=0.12)
        slopes = neuron_slopes(x)
        product = tex(
            r"{\partial L \over \partial w}",
            "=",
            "1",
            r"\times",
            self.factor_small(slopes[2]),
            r"\times",
            self.factor_small(slopes[1]),
            r"\times",
            self.factor_small(slopes[0]),
            "=",
            fmt_small(back[3], DIGITS),
            size=PANEL,
        )
        product[-1].set_color(ORANGE)
        product.move_to([0, -1.75, 0])
        check = tex(
            rf"\text{{nudging }} w \text{{ by }} \pm {fmt(CHECK_STEP, 4)}:\ "
            rf"{{\Delta L \over \Delta w}} = {fmt_small(measured, DIGITS)}",
            size=PANEL,
            color=MUTED,
        ).next_to(product, DOWN, buff=0.3)
        same = fmt_small(measured, DIGITS) == fmt_small(back[3], DIGITS)
        agree = "the same" if same else f"about {say_sig(measured)}"
        self.net_product, self.net_check = product, check
        self.net_backward = VGroup(*grads, lane, lane_label)
        with self.beat(
            "Backpropagation multiplies them from the loss backwards: 1 at L, "
            + ", then ".join(fmt_small(v, DIGITS) for v in back[1:])
            + " at w. That product is the gradient; nudging w directly measures "
            + ("the same." if same else f"{fmt_small(measured, DIGITS)}."),
            say="Backpropagation multiplies them from the loss backwards: 1 at L, "
            + ", then ".join(f"about {say_sig(v)}" for v in back[1:])
            + f" at w. That product is the gradient; nudging w directly measures {agree}.",
        ):
            self.play(GrowArrow(lane), FadeIn(lane_label), run_time=0.8)
            self.play(FadeIn(grads[3], shift=0.1 * DOWN), run_time=0.4)
            for k in (2, 1, 0):
                self.play(
                    self.net_slopes[k].animate.scale(1.2),
                    rate_func=there_and_back,
                    run_time=0.4,
                )
                self.play(FadeIn(grads[k], shift=0.1 * LEFT), run_time=0.4)
            self.play(FadeIn(product, shift=0.2 * UP), run_time=0.8)
            self.play(FadeIn(check), run_time=0.6)

    def close(self) -> None:
        # the parts were faded in one by one, so each is its own mobject on screen
        picture = [
            self.net_heading,
            *self.net_nodes,
            *self.net_arrows,
            *self.net_rules,
            *self.net_slopes,
            *self.net_backward,
            self.net_product,
        ]
        self.recap_over(
            picture,
            "Along a chain, the gradient is the product of local slopes.",
            say="Along a chain of functions, rates multiply: the gradient is the "
            "product of the local slopes, one link at a time, from the loss back.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------

#: Pipelines (inner g, outer f) and inputs whose rates are short decimals.
_PRACTICE_PIPES = {
    ("square", "log"): (-2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 4.0),
    ("sqrt", "log"): (0.25, 0.5, 1.0, 2.0, 4.0),
    ("square", "square"): (-1.5, -1.0, -0.5, 0.5, 1.0, 1.5),
    ("sqrt", "square"): (0.25, 1.0, 2.25, 4.0),
}


def practice(seed: int) -> list[Exercise]:
    """Exercises on rates multiplying along a pipeline, numbers drawn from ``seed``.

    A new pipeline y = f(g(x)) and input for each seed. Three exercises: the two
    local rates (:func:`chain_rate`); their product dy/dx; and the nudge of y that a
    small nudge of x causes (:func:`nudges`).
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    pipes = list(_PRACTICE_PIPES)
    while True:
        inner, outer = pipes[int(rng.integers(len(pipes)))]
        x = float(rng.choice(_PRACTICE_PIPES[inner, outer]))
        if point_problem(inner, outer, x) is None:
            break
    u, _ = forward(inner, outer, x)
    g_rate, f_rate, total = chain_rate(inner, outer, x)
    dx = float(rng.choice([0.1, 0.01]))
    _, du, dy = nudges(inner, outer, x, dx)
    pipe = (
        f"$u = g(x) = {LINKS[inner].tex('x')}$ and $y = f(u) = {LINKS[outer].tex('u')}$"
    )
    return [
        Exercise(
            id="chain-rule-1",
            prompt=(
                f"With {pipe}, at $x = {fmt(x)}$: what are the local rates "
                "$g'(x)$ and $f'(u)$ (in that order)?"
            ),
            kind="vector",
            answer=(g_rate, f_rate),
            tolerance=0.005,
            hint="Differentiate each stage on its own; evaluate f' at u = g(x), not at x.",
            solution=(
                f"$u = {fmt(u, 4)}$; $g'(x) = {LINKS[inner].dtex('x')} = {fmt(g_rate, 4)}$ and "
                f"$f'(u) = {LINKS[outer].dtex('u')} = {fmt(f_rate, 4)}$."
            ),
        ),
        Exercise(
            id="chain-rule-2",
            prompt=f"With {pipe}, what is $dy/dx$ at $x = {fmt(x)}$?",
            kind="number",
            answer=total,
            tolerance=0.005,
            hint="The chain rule: rates multiply, dy/dx = f'(g(x)) · g'(x).",
            solution=(
                f"$\\frac{{dy}}{{dx}} = f'(u)\\,g'(x) = {fmt(f_rate, 4)} \\cdot "
                f"{kit_numbers.factor(fmt(g_rate, 4))} = {fmt(total, 4)}$."
            ),
        ),
        Exercise(
            id="chain-rule-3",
            prompt=(
                f"With {pipe}, x = {fmt(x)} is nudged by $dx = {fmt(dx)}$. "
                "About how much does y move (dy, to first order)?"
            ),
            kind="number",
            answer=dy,
            tolerance=0.0005,
            hint="The nudge is stretched twice: du = g'(x) dx, then dy = f'(u) du.",
            solution=(
                f"$du = {fmt(g_rate, 4)} \\cdot {fmt(dx)} = {fmt(du, 4)}$, "
                f"$dy = {fmt(f_rate, 4)} \\cdot {kit_numbers.factor(fmt(du, 4))} = {fmt(dy, 4)}$."
            ),
        ),
    ]
