"""Softmax and cross-entropy: scores to probabilities, surprise, and the gradient p - y.

A classifier ends with one score per class, its logits ``z``. Softmax turns them
into probabilities in two moves drawn as bars: exponentiate (every bar becomes
positive) and normalise (divide by the total, so the bars sum to 1). The loss is
the cross-entropy ``L = -log p_y``, the surprise at the true class ``y``, drawn
as the curve ``-log p`` with the current ``p_y`` marked. Its gradient is derived
on screen: nudging each logit by ``+-h`` and measuring the change of the loss
gives three slopes, and they are ``p_i - y_i``, the gap between each predicted
bar and the one-hot truth (then shown in two lines of algebra). Gradient steps
on the logits then raise the true class's probability step by step.

Every number on screen comes from the pure functions below (numpy only), which
the tests check on their own and against independent computations.

General claims, and why they hold
---------------------------------
- "Softmax's probabilities are positive and sum to 1": ``e^z > 0`` and each is
  divided by the total; tested with Hypothesis (``test_softmax_is_a_distribution``).
- "Adding the same number to every score changes nothing": ``e^(z+c) = e^c e^z``
  and ``e^c`` cancels from the ratio; tested with Hypothesis (shift invariance).
  The stable :func:`softmax` subtracts the largest score, so ``e`` never
  overflows; tested with logits of size 1000.
- "p = 1 costs nothing; as p falls to 0 the loss grows without bound":
  ``-log 1 = 0`` and ``-log p -> infinity`` as ``p -> 0``.
- "The gradient of the loss in the scores is p - y": derived on screen;
  :func:`gradient` is tested against central finite differences with Hypothesis,
  and the measured slopes on screen (:func:`measured_slopes`) agree with it to
  the digits shown.
- "A gradient step raises the true class's score and lowers the others'":
  the step is ``-rate (p - y)``; ``1 - p_y > 0`` and ``p_i > 0``.
- "Its probability rises and the loss falls at every step" (for any rate > 0):
  the gap ``z_y - z_i`` grows by ``rate (1 - p_y + p_i) > 0`` for every other
  class, so ``p_y`` rises; tested with Hypothesis over logits and rates.
- Which class the trained classifier predicts is said from :func:`predicted`
  of the last step's logits, never assumed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Float, Int, Vector
from mathreel.practice import Exercise
from scenes.kit.numbers import factor, fmt, fmt_small, fmt_vec, say_sig
from scenes.style import *

__all__ = [
    "CLASSES",
    "LOGIT_LIMIT",
    "NUDGE",
    "P_RANGE",
    "SoftmaxCrossEntropy",
    "bar_layout",
    "cross_entropy",
    "gradient",
    "measured_slopes",
    "one_hot",
    "practice",
    "predicted",
    "softmax",
    "train_logits",
]

#: The classifier's classes, in the order of the logits.
CLASSES = ("cat", "dog", "bird")
#: Largest logit size the bars show (the scale fits both ends legibly).
LOGIT_LIMIT = 4.0
#: The true class's probability must lie here: above, nothing is left to learn
#: on screen; below, its loss is off the curve's axes (-log 0.01 = 4.6).
P_RANGE = (0.01, 0.9)
#: How far each logit is nudged, each way, to measure a slope.
NUDGE = 0.1


# -- the math ------------------------------------------------------------------------


def softmax(z: Sequence[float] | np.ndarray) -> np.ndarray:
    """Probabilities ``e^z_i / sum_j e^z_j``, computed without overflow.

    Parameters
    ----------
    z : array_like, shape (k,)
        Logits, any finite numbers.

    Returns
    -------
    ndarray, shape (k,)
        Positive, summing to 1. The largest logit is subtracted first (which
        changes nothing, see the module's claims), so ``exp`` never overflows.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


def one_hot(k: int, target: int) -> np.ndarray:
    """The truth as a distribution: 1 at ``target``, 0 elsewhere; shape ``(k,)``."""
    y = np.zeros(k)
    y[target] = 1.0
    return y


def cross_entropy(z: Sequence[float] | np.ndarray, target: int) -> float:
    """``-log p_target``, in nats, computed stably as ``logsumexp(z) - z_target``."""
    z = np.asarray(z, dtype=float)
    top = float(np.max(z))
    return top + math.log(float(np.sum(np.exp(z - top)))) - float(z[target])


def gradient(z: Sequence[float] | np.ndarray, target: int) -> np.ndarray:
    """``dL/dz = p - y``, shape ``(k,)``: softmax minus the one-hot truth."""
    p = softmax(z)
    return p - one_hot(len(p), target)


def measured_slopes(
    z: Sequence[float] | np.ndarray, target: int, h: float = NUDGE
) -> np.ndarray:
    """Each logit nudged by ``+-h``: ``(L(z + h e_i) - L(z - h e_i)) / 2h``, shape ``(k,)``.

    What the lesson measures on screen before it names the gradient; a central
    difference, so it is within ``h^2 / 6`` of the true slope (``|L'''| <= 1``).
    """
    z = np.asarray(z, dtype=float)
    out = np.empty(len(z))
    for i in range(len(z)):
        step = np.zeros(len(z))
        step[i] = h
        out[i] = (cross_entropy(z + step, target) - cross_entropy(z - step, target)) / (
            2 * h
        )
    return out


def train_logits(
    z: Sequence[float] | np.ndarray, target: int, rate: float, steps: int
) -> np.ndarray:
    """Gradient descent on the logits: ``z <- z - rate (p - y)``.

    Returns
    -------
    ndarray, shape (steps + 1, k)
        The logits before the first step and after each step.
    """
    path = [np.asarray(z, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] - float(rate) * gradient(path[-1], target))
    return np.array(path)


def predicted(z: Sequence[float] | np.ndarray) -> int:
    """The class a classifier with these logits predicts (the largest; first of ties)."""
    return int(np.argmax(np.asarray(z, dtype=float)))


def bar_layout(
    values: Sequence[float] | np.ndarray, bottom: float, top: float
) -> tuple[float, float]:
    """Where a bar chart of ``values`` puts its baseline, and its scale.

    The bars span the band from ``bottom`` to ``top`` (scene units) exactly:
    positive bars grow up from the baseline, negative ones down.

    Returns
    -------
    (float, float)
        The baseline's y and scene units per unit of value.
    """
    v = np.asarray(values, dtype=float)
    lo, hi = min(0.0, float(v.min())), max(0.0, float(v.max()))
    unit = (top - bottom) / max(hi - lo, 1e-12)
    return bottom - lo * unit, unit


def _check_logits(value: np.ndarray) -> str | None:
    if np.max(np.abs(value)) > LOGIT_LIMIT:
        return (
            f"scores larger than {fmt(LOGIT_LIMIT)} in size do not fit the bars legibly"
        )
    return None


# -- layout (scene units) ----------------------------------------------------------
BAR_X = (-5.6, -3.8, -2.0)  # bar centres
BAR_W = 1.0
BAR_TOP, BAR_BOTTOM = 2.2, -1.75  # the band the bars fill
NAMES_Y = -2.65  # class names under the bars
HEAD_Y = 3.25  # what the bars are
RIGHT_X = 3.7  # centre of the right-hand column
CURVE = {"centre": (3.75, 1.5), "width": 5.0, "height": 3.0}
L_TOP = 4.6  # the curve's axes reach -log 0.01
TABLE_TOP = -0.85
ROW = 0.5
COLS = (1.35, 3.45, 5.55)  # class | measured | p - y
LABEL = 34  # numbers on bars
TICKS = 34  # axis numbers (digits 14.6 px tall at 480p)
PANEL = 34  # formulas


class SoftmaxCrossEntropy(CourseLesson):
    """Softmax as bars, cross-entropy as surprise, its gradient p - y, then training."""

    params = {
        "logits": Vector(
            [1.5, 0.5, -1.0],
            dim=3,
            help="the classifier's scores for cat, dog and bird",
            require=[_check_logits],
        ),
        "true_class": Choice("dog", CLASSES, help="the class the example really is"),
        "learning_rate": Float(
            1.0, lo=0, hi=5, lo_open=True, help="step size of the gradient steps"
        ),
        "steps": Int(5, lo=1, hi=8, help="how many gradient steps the ending takes"),
    }

    def loss_plot(self) -> tuple[Mobject, ...]:
        """The loss curve's plot: axes, curve, its label, the dot, its drop, readout."""
        return (
            self.axes,
            self.curve,
            self.curve_label,
            self.dot,
            self.drop,
            self.readout,
        )

    @classmethod
    def check_args(cls, args: Args) -> None:
        target = CLASSES.index(args.true_class)
        p = float(softmax(args.logits)[target])
        lo, hi = P_RANGE
        if not lo <= p <= hi:
            raise ParamError(
                "logits",
                fmt_vec(args.logits),
                f"scores that give the true class ({args.true_class}) a probability "
                f"from {fmt(lo)} to {fmt(hi)}",
                why=f"they give it {fmt_small(p, 3)}: "
                + (
                    "almost certain already, nothing is left to learn"
                    if p > hi
                    else "its loss would be off the curve's axes"
                ),
            )

    # -- storyboard -------------------------------------------------------------------
    def construct(self) -> None:
        a = self.args
        self.z = np.asarray(a.logits, dtype=float)
        self.target = CLASSES.index(a.true_class)
        self.true_name = a.true_class
        self.p = softmax(self.z)
        self.y = one_hot(len(self.z), self.target)
        self.path = train_logits(self.z, self.target, a.learning_rate, a.steps)
        self.title_card(
            "Softmax and cross-entropy",
            "How does a classifier turn scores into probabilities, and learn?",
        )
        self.show_logits()
        self.exponentiate()
        self.normalise()
        self.shift_scores()
        self.show_loss()
        self.read_surprise()
        self.nudge_true_class()
        self.nudge_the_others()
        self.derive_gradient()
        self.name_gradient()
        self.first_step()
        self.more_steps()
        self.close()

    # -- drawing helpers ---------------------------------------------------------------
    def logits_now(self) -> np.ndarray:
        """The logits at the training tracker's position, plus any nudge."""
        t = self.t.get_value()
        i = min(int(t), len(self.path) - 2)
        z = self.path[i] + (t - i) * (self.path[i + 1] - self.path[i])
        nudge = np.zeros(len(z))
        nudge[self.nudged] = self.nudge.get_value()
        return z + nudge

    def bars(
        self, values: np.ndarray, color: str, scale_to: float | None = None
    ) -> VGroup:
        """Rectangles for ``values`` in the bar band (``scale_to`` fixes the top value)."""
        if scale_to is None:
            base, unit = bar_layout(values, BAR_BOTTOM, BAR_TOP)
        else:
            base, unit = BAR_BOTTOM, (BAR_TOP - BAR_BOTTOM) / scale_to
        group = VGroup()
        for x, v in zip(BAR_X, values, strict=True):
            h = max(abs(float(v)) * unit, 0.02)
            rect = Rectangle(width=BAR_W, height=h).set_stroke(color, width=2)
            rect.set_fill(color, opacity=0.55)
            rect.move_to([x, base + (h / 2 if v >= 0 else -h / 2), 0])
            group.add(rect)
        return group

    def bar_labels(self, values: np.ndarray, bars: VGroup, digits: int = 2) -> VGroup:
        labels = VGroup()
        for v, bar in zip(values, bars, strict=True):
            label = tex(fmt(v, digits), size=LABEL)
            side = UP if v >= 0 else DOWN
            labels.add(label.next_to(bar, side, buff=0.12))
        return labels

    def heading(self, *parts: str) -> VGroup:
        return tex(*parts, size=PANEL).move_to([BAR_X[1], HEAD_Y, 0])

    def p_bars(self) -> VGroup:
        return self.bars(softmax(self.logits_now()), BLUE, scale_to=1.0)

    def live_p_labels(self) -> VGroup:
        labels = VGroup()
        for i in range(len(CLASSES)):
            number = DecimalNumber(
                float(self.p[i]), num_decimal_places=2, font_size=LABEL, color=INK
            )

            def follow(m: DecimalNumber, i: int = i) -> None:
                m.set_value(float(softmax(self.logits_now())[i]))
                m.next_to(self.live_bars[i], UP, buff=0.12)

            number.add_updater(follow)
            labels.add(number)
        return labels

    def curve_point(self, p: float) -> np.ndarray:
        return self.axes.c2p(p, -math.log(p))

    # -- softmax -------------------------------------------------------------------------
    def show_logits(self) -> None:
        z = self.z
        self.names = VGroup(
            *(
                text(name, SMALL, INK).move_to([x, NAMES_Y, 0])
                for name, x in zip(CLASSES, BAR_X, strict=True)
            )
        )
        self.logit_bars = self.bars(z, ORANGE)
        base, _ = bar_layout(z, BAR_BOTTOM, BAR_TOP)
        self.baseline = Line([-6.4, base, 0], [-1.2, base, 0], color=MUTED)
        self.labels = self.bar_labels(z, self.logit_bars)
        self.head = self.heading(r"\text{logits } z")
        self.head.set_color(ORANGE)
        shown = ", ".join(f"{fmt(v)} for {n}" for v, n in zip(z, CLASSES, strict=True))
        said = ", ".join(
            f"{say_sig(v)} for {n}" for v, n in zip(z, CLASSES, strict=True)
        )
        with self.beat(
            f"A classifier ends with one score per class, its logits: {shown}. "
            "They can have any size or sign.",
            say="A classifier ends with one score per class, its logits: "
            f"{said}. They can have any size or sign.",
            chapter="Softmax",
        ):
            self.play(
                FadeIn(self.names),
                Create(self.baseline),
                FadeIn(self.head),
                run_time=0.8,
            )
            self.play(
                *(Create(b) for b in self.logit_bars),
                FadeIn(self.labels, shift=0.1 * UP),
                run_time=1.2,
            )

    def exponentiate(self) -> None:
        e = np.exp(self.z)
        bars = self.bars(e, ACCENT)
        labels = self.bar_labels(e, bars)
        head = self.heading(r"e^{z}").set_color(ACCENT)
        base, _ = bar_layout(e, BAR_BOTTOM, BAR_TOP)
        baseline = Line([-6.4, base, 0], [-1.2, base, 0], color=MUTED)
        self.rule = tex(r"e^{z} > 0", size=PANEL, color=ACCENT).move_to(
            [RIGHT_X, 2.6, 0]
        )
        top = int(np.argmax(e))
        with self.beat(
            "First, exponentiate: every bar turns positive, and big scores grow "
            f"fast: e^{fmt(self.z[top])} ≈ {fmt(e[top])}.",
            say="First, exponentiate: every bar turns positive, and big scores grow "
            f"fast: e to the {say_sig(self.z[top])} is about {say_sig(e[top])}.",
        ):
            self.play(FadeIn(self.rule), run_time=0.5)
            self.play(
                Transform(self.logit_bars, bars),
                Transform(self.baseline, baseline),
                ReplacementTransform(self.labels, labels),
                ReplacementTransform(self.head, head),
                run_time=1.6,
            )
        self.labels, self.head, self.e = labels, head, e

    def normalise(self) -> None:
        e, p = self.e, self.p
        total = float(np.sum(e))
        bars = self.bars(p, BLUE, scale_to=1.0)
        labels = self.bar_labels(p, bars)
        head = self.heading(r"p = \mathrm{softmax}(z)").set_color(BLUE)
        terms = " + ".join(fmt(v) for v in e)
        sum_line = tex(
            rf"\textstyle\sum_j e^{{z_j}} = {terms} = {fmt(total)}", size=PANEL
        )
        formula = tex(
            r"p_i = {e^{z_i} \over \sum_j e^{z_j}}", size=PANEL + 4, color=BLUE
        )
        sums = tex(
            " + ".join(fmt(v) for v in p) + " = 1"
            if _shown_sum(p) == 1
            else " + ".join(fmt(v) for v in p) + r" \approx 1",
            size=PANEL,
        )
        card = VGroup(sum_line, formula, sums).arrange(DOWN, buff=0.45)
        card.move_to([RIGHT_X, 0.6, 0])
        self.softmax_card = card
        with self.beat(
            f"Then divide by the total, {fmt(total)}: the bars sum to 1. "
            "That is softmax.",
            say=f"Then divide by the total, {say_sig(total)}: the bars sum to 1. "
            "That is softmax.",
        ):
            self.play(FadeOut(self.rule), FadeIn(sum_line), run_time=0.8)
            self.play(
                Transform(self.logit_bars, bars),
                ReplacementTransform(self.labels, labels),
                ReplacementTransform(self.head, head),
                FadeIn(formula),
                run_time=1.6,
            )
            self.play(FadeIn(sums, shift=0.1 * UP), run_time=0.6)
        self.labels, self.head = labels, head

    def shift_scores(self) -> None:
        z = self.z
        top = float(np.max(z))
        shifted = z - top
        line1 = tex(
            r"{e^{z_i + c} \over \sum_j e^{z_j + c}} = "
            r"{e^{c}\, e^{z_i} \over e^{c} \sum_j e^{z_j}}",
            size=PANEL,
        )
        line2 = tex(
            rf"z - {factor(fmt(top))} = {fmt_vec(shifted)}", size=PANEL, color=ORANGE
        )
        line3 = tex(r"\text{same } p", size=PANEL, color=BLUE)
        card = (
            VGroup(line1, line2, line3)
            .arrange(DOWN, buff=0.4)
            .move_to([RIGHT_X, 0.6, 0])
        )
        with self.beat(
            "Adding the same number to every score changes nothing, since e to the c "
            "cancels; so software subtracts the largest first.",
        ):
            self.play(FadeOut(self.softmax_card), FadeIn(line1), run_time=1.0)
            self.play(FadeIn(line2, shift=0.1 * DOWN), run_time=0.8)
            self.play(
                FadeIn(line3),
                self.logit_bars.animate(rate_func=there_and_back).set_fill(opacity=0.9),
                run_time=1.0,
            )
        self.shift_card = card

    # -- cross-entropy -------------------------------------------------------------------
    def show_loss(self) -> None:
        k, p_true = self.target, float(self.p[self.target])
        loss = cross_entropy(self.z, k)
        # live bars from here on: they follow the logits trackers
        self.t, self.nudge, self.nudged = ValueTracker(0), ValueTracker(0), 0
        self.live_bars = always_redraw(self.p_bars)
        live_labels = self.live_p_labels()
        self.remove(self.logit_bars, self.labels)
        self.add(self.live_bars, live_labels)
        self.labels = live_labels
        self.axes = Axes(
            x_range=[0, 1, 0.5],
            y_range=[0, L_TOP, 1],
            x_length=CURVE["width"],
            y_length=CURVE["height"],
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2, "tick_size": 0.06},
        ).move_to([*CURVE["centre"], 0])
        self.axes.x_axis.add_numbers([0.5, 1], num_decimal_places=1, font_size=TICKS)
        self.axes.y_axis.add_numbers(
            [1, 2, 3, 4], num_decimal_places=0, font_size=TICKS
        )
        self.axes.add(
            tex("p", size=PANEL, color=BLUE)
            .next_to(self.axes.x_axis, DOWN, buff=0.1)
            .align_to(self.axes.x_axis, RIGHT)
            .shift(0.35 * RIGHT + 0.05 * UP)
        )
        self.curve = self.axes.plot(
            lambda q: -math.log(q), x_range=[math.exp(-L_TOP), 1, 0.002], color=RED
        )
        self.curve_label = tex(r"-\log p", size=PANEL, color=RED).next_to(
            self.axes.c2p(0.02, L_TOP), RIGHT, buff=0.25
        )
        self.p_track = ValueTracker(p_true)
        self.add(self.p_track)  # invisible; its updaters run only in the scene
        self.dot = always_redraw(
            lambda: Dot(
                self.curve_point(self.p_track.get_value()), color=ACCENT, radius=0.09
            )
        )
        self.drop = always_redraw(
            lambda: DashedLine(
                self.axes.c2p(self.p_track.get_value(), 0),
                self.curve_point(self.p_track.get_value()),
                color=ACCENT,
                stroke_width=2,
            )
        )
        self.readout = VGroup(
            tex(rf"p_{{\text{{{self.true_name}}}}} =", size=PANEL, color=BLUE),
            DecimalNumber(p_true, num_decimal_places=2, font_size=PANEL, color=BLUE),
            tex(r"L =", size=PANEL, color=RED),
            DecimalNumber(loss, num_decimal_places=2, font_size=PANEL, color=RED),
        )
        self.readout[1].next_to(self.readout[0], RIGHT, buff=0.15)
        self.readout[2].next_to(self.readout[0], DOWN, buff=0.3, aligned_edge=RIGHT)
        self.readout[3].next_to(self.readout[2], RIGHT, buff=0.15)
        self.readout.move_to(self.axes.c2p(0.72, 3.6))
        self.readout[1].add_updater(lambda m: m.set_value(self.p_track.get_value()))
        self.readout[3].add_updater(
            lambda m: m.set_value(-math.log(self.p_track.get_value()))
        )
        self.truth_mark = text("true class", SMALL, GREEN).next_to(
            self.names[k], DOWN, buff=0.12
        )
        self.names[k].set_color(GREEN)
        with self.beat(
            f"Say it is really a {self.true_name}. The loss is the surprise: minus log "
            f"of {self.true_name}'s probability. p = {fmt(p_true)}, so L = {fmt(loss)}.",
            say=f"Say it is really a {self.true_name}. The loss is the surprise: minus "
            f"log of {self.true_name}'s probability. p is {say_sig(p_true)}, so the loss "
            f"is {say_sig(loss)}.",
            chapter="Cross-entropy",
        ):
            self.play(FadeOut(self.shift_card), FadeIn(self.truth_mark), run_time=0.8)
            self.play(Create(self.axes), run_time=1.0)
            self.play(Create(self.curve), FadeIn(self.curve_label), run_time=1.2)
            self.play(
                Create(self.drop),
                FadeIn(self.dot, scale=0.5),
                FadeIn(self.readout),
                run_time=0.8,
            )

    def read_surprise(self) -> None:
        p_true = float(self.p[self.target])
        with self.beat(
            "Certain and right costs nothing; the closer p gets to 0, the bigger the "
            "loss, without limit.",
        ):
            self.play(
                self.p_track.animate.set_value(1.0), run_time=1.5, rate_func=smooth
            )
            self.play(
                self.p_track.animate.set_value(0.02), run_time=2.0, rate_func=smooth
            )
            self.play(
                self.p_track.animate.set_value(p_true), run_time=1.2, rate_func=smooth
            )

    # -- the gradient --------------------------------------------------------------------
    def table_row(self, i: int, y: float) -> VGroup:
        name = text(CLASSES[i], SMALL, GREEN if i == self.target else INK)
        return name.move_to([COLS[0], y, 0])

    def nudge_class(self, i: int) -> None:
        """Nudge logit ``i`` up and down by :data:`NUDGE`; the dot and loss follow."""
        self.nudged = i
        self.p_track.add_updater(
            lambda m: m.set_value(float(softmax(self.logits_now())[self.target]))
        )
        self.play(self.nudge.animate.set_value(NUDGE), run_time=0.7)
        self.play(self.nudge.animate.set_value(-NUDGE), run_time=1.0)
        self.play(self.nudge.animate.set_value(0), run_time=0.6)
        self.p_track.clear_updaters()

    def nudge_true_class(self) -> None:
        k = self.target
        self.slopes = measured_slopes(self.z, k, NUDGE)
        up = cross_entropy(self.z + NUDGE * self.y, k)
        down = cross_entropy(self.z - NUDGE * self.y, k)
        header = VGroup(
            text("class", SMALL, MUTED).move_to([COLS[0], TABLE_TOP, 0]),
            tex(r"\Delta L / \Delta z", size=PANEL, color=ORANGE).move_to(
                [COLS[1], TABLE_TOP, 0]
            ),
        )
        self.rows = [
            VGroup(
                self.table_row(i, TABLE_TOP - ROW * (i + 1)),
                tex(fmt_small(self.slopes[i], 2), size=PANEL, color=ORANGE).move_to(
                    [COLS[1], TABLE_TOP - ROW * (i + 1), 0]
                ),
            )
            for i in range(len(CLASSES))
        ]
        self.header = header
        change = up - down
        with self.beat(
            f"Nudge {self.true_name}'s score up and down by {fmt(NUDGE)}: the loss "
            f"changes by {fmt(change)} over {fmt(2 * NUDGE)}, a slope of "
            f"{fmt(self.slopes[k])}.",
            say=f"Nudge {self.true_name}'s score up and down by {say_sig(NUDGE)}: the loss "
            f"changes by {say_sig(change)} over {say_sig(2 * NUDGE)}, a slope of "
            f"{say_sig(self.slopes[k])}.",
            chapter="The gradient",
        ):
            self.play(FadeIn(header), run_time=0.5)
            self.nudge_class(k)
            self.play(FadeIn(self.rows[k], shift=0.1 * DOWN), run_time=0.5)

    def nudge_the_others(self) -> None:
        others = [i for i in range(len(CLASSES)) if i != self.target]
        shown = " and ".join(
            f"{fmt_small(self.slopes[i])} for {CLASSES[i]}" for i in others
        )
        said = " and ".join(
            f"{say_sig(self.slopes[i])} for {CLASSES[i]}" for i in others
        )
        with self.beat(
            f"Nudge the others: slopes {shown}.",
            say=f"Nudge the others: slopes {said}.",
        ):
            for i in others:
                self.nudge_class(i)
                self.play(FadeIn(self.rows[i], shift=0.1 * DOWN), run_time=0.4)

    def derive_gradient(self) -> None:
        name = rf"\text{{{self.true_name}}}"
        line1 = tex(rf"L = -z_{{{name}}} + \log \textstyle\sum_j e^{{z_j}}", size=PANEL)
        line2 = tex(
            r"{\partial L \over \partial z_i} = "
            r"{e^{z_i} \over \sum_j e^{z_j}} - y_i = p_i - y_i",
            size=PANEL,
        )
        line3 = tex(
            rf"y_i = 1 \text{{ for {self.true_name}}}, \ 0 \text{{ otherwise}}",
            size=PANEL,
            color=GREEN,
        )
        card = (
            VGroup(line1, line2, line3)
            .arrange(DOWN, buff=0.3)
            .move_to([RIGHT_X, 1.75, 0])
        )
        self.derivation = card
        with self.beat(
            f"Why? The loss is minus {self.true_name}'s score plus the log of the sum. "
            "Each score moves the log of the sum at rate pᵢ, and "
            f"{self.true_name}'s also has the minus 1.",
            say=f"Why? The loss is minus {self.true_name}'s score plus the log of the "
            "sum. Each score moves the log of the sum at rate p i, and "
            f"{self.true_name}'s also has the minus 1.",
        ):
            self.play(
                FadeOut(*self.loss_plot()),
                run_time=0.6,
            )
            self.play(FadeIn(line1), run_time=0.8)
            self.play(FadeIn(line2), run_time=1.0)
            self.play(FadeIn(line3), run_time=0.6)

    def name_gradient(self) -> None:
        g = gradient(self.z, self.target)
        unit = BAR_TOP - BAR_BOTTOM
        truth = VGroup()
        gaps = VGroup()
        for i, x in enumerate(BAR_X):
            top = BAR_BOTTOM + unit * self.y[i]
            outline = DashedLine(
                [x - BAR_W / 2, top, 0],
                [x + BAR_W / 2, top, 0],
                color=GREEN,
                stroke_width=4,
            )
            truth.add(outline)
            ends = sorted((BAR_BOTTOM + unit * self.p[i], top))
            gaps.add(
                Line(
                    [x + BAR_W / 2 + 0.12, ends[0], 0],
                    [x + BAR_W / 2 + 0.12, ends[1], 0],
                    color=PURPLE,
                    stroke_width=6,
                )
            )
        truth_label = tex("y", size=PANEL, color=GREEN).next_to(
            truth[self.target], UP, buff=0.1
        )
        column = VGroup(
            tex("p - y", size=PANEL, color=PURPLE).move_to([COLS[2], TABLE_TOP, 0]),
            *(
                tex(fmt_small(g[i], 2), size=PANEL, color=PURPLE).move_to(
                    [COLS[2], TABLE_TOP - ROW * (i + 1), 0]
                )
                for i in range(len(CLASSES))
            ),
        )
        self.gradient_column = column
        with self.beat(
            "So the gradient is p minus y: each bar's gap to the one-hot truth. It "
            "matches every measured slope, and backpropagation starts from it.",
            key=True,
        ):
            self.play(
                Create(truth),
                FadeIn(truth_label),
                run_time=1.0,
            )
            self.play(Create(gaps), run_time=0.8)
            self.play(FadeIn(column, shift=0.1 * LEFT), run_time=1.0)
            self.wait(1.5)
        self.truth, self.gaps, self.truth_label = truth, gaps, truth_label

    # -- machine learning: gradient steps ------------------------------------------------
    def first_step(self) -> None:
        rate, k = self.args.learning_rate, self.target
        z1 = self.path[1]
        self.t_label = VGroup(
            text("step", SMALL, MUTED),
            DecimalNumber(0, num_decimal_places=0, font_size=PANEL),
        )
        self.t_label.arrange(RIGHT, buff=0.2)
        self.z_line = tex(
            r"z \leftarrow z - \eta\,(p - y)", rf"\qquad \eta = {fmt(rate)}", size=PANEL
        )
        self.z_line.move_to([RIGHT_X, -1.0, 0])
        self.t_label.next_to(self.z_line, DOWN, buff=0.35)
        self.t_label[1].add_updater(
            lambda m: m.set_value(math.floor(self.t.get_value() + 1e-9))
        )
        self.p_track.set_value(float(self.p[k]))
        self.p_track.add_updater(
            lambda m: m.set_value(float(softmax(self.logits_now())[self.target]))
        )
        p1 = float(softmax(z1)[k])
        with self.beat(
            "Now learn: step every score against its gradient. "
            f"{self.true_name.capitalize()}'s rises, the others fall, and p goes from "
            f"{fmt(self.p[k])} to {fmt(p1)}.",
            say="Now learn: step every score against its gradient. "
            f"{self.true_name.capitalize()}'s rises, the others fall, and p goes from "
            f"{say_sig(self.p[k])} to {say_sig(p1)}.",
            chapter="Learning",
        ):
            self.play(
                FadeOut(self.derivation, self.header, *self.rows, self.gradient_column),
                FadeOut(self.gaps, self.truth_label, self.truth),
                run_time=0.6,
            )
            self.play(
                FadeIn(*self.loss_plot()),
                FadeIn(self.z_line, self.t_label),
                run_time=0.8,
            )
            self.play(self.t.animate.set_value(1), run_time=1.6, rate_func=smooth)

    def more_steps(self) -> None:
        k, steps = self.target, len(self.path) - 1
        last = self.path[-1]
        p_end = float(softmax(last)[k])
        loss0, loss_end = cross_entropy(self.path[0], k), cross_entropy(last, k)
        guess = predicted(last)
        if guess == k:
            verdict = f"the classifier now says {self.true_name}."
        else:
            verdict = f"the classifier still says {CLASSES[guess]}, less sure."
        with self.beat(
            f"After {steps} steps p = {fmt(p_end)} and the loss {fmt(loss_end)}, down "
            f"from {fmt(loss0)}; " + verdict,
            say=f"After {steps} steps p is {say_sig(p_end)} and the loss "
            f"{say_sig(loss_end)}, down from {say_sig(loss0)}; " + verdict,
        ):
            if steps > 1:
                self.play(
                    self.t.animate.set_value(steps),
                    run_time=1.0 + 0.8 * (steps - 1),
                    rate_func=linear,
                )
            else:
                self.play(self.dot.animate.scale(1.0), run_time=0.5)

    def close(self) -> None:
        summary = VGroup(
            tex(r"p = e^{z} / \textstyle\sum_j e^{z_j}", size=PANEL, color=BLUE),
            tex(r"L = -\log p_{\text{true}}", size=PANEL, color=RED),
            tex(r"\partial L / \partial z = p - y", size=PANEL, color=PURPLE),
        ).arrange(DOWN, buff=0.2)
        card = panel(summary).move_to([RIGHT_X, -1.75, 0])
        self.p_track.clear_updaters()
        for label in self.labels:
            label.clear_updaters()
        self.t_label[1].clear_updaters()
        with self.beat(
            "Softmax exponentiates and normalises; the loss is minus log p of the "
            "truth; its gradient p minus y starts backpropagation.",
            chapter="Recap",
        ):
            self.play(FadeOut(self.z_line, self.t_label), run_time=0.5)
            self.play(FadeIn(card, shift=0.1 * UP), run_time=1.0)
        self.play(FadeOut(*self.mobjects), run_time=0.6)


def _shown_sum(p: np.ndarray) -> float:
    """The sum of the probabilities as they are shown (two decimals each)."""
    return round(sum(float(fmt(v)) for v in p), 2)


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on softmax, cross-entropy and its gradient, numbers drawn from ``seed``.

    Three logits (whole or half numbers from -2 to 3) and a true class per seed.
    Three exercises: one class's probability (:func:`softmax`); the loss
    (:func:`cross_entropy`); and the gradient in the logits (:func:`gradient`).
    """
    rng = np.random.default_rng(seed)
    z = rng.choice(np.arange(-4, 7) / 2, size=3, replace=False)
    target = int(rng.integers(3))
    asked = int(rng.integers(3))
    p = softmax(z)
    loss = cross_entropy(z, target)
    g = gradient(z, target)
    setup = (
        f"A classifier's logits for cat, dog and bird are $z = {fmt_vec(z)}$; "
        f"the example is really a {CLASSES[target]}."
    )
    e = np.exp(z)
    sum_text = " + ".join(fmt(v, 3) for v in e)
    return [
        Exercise(
            id="softmax-and-cross-entropy-1",
            prompt=f"{setup} What probability does softmax give {CLASSES[asked]}?",
            kind="number",
            answer=float(p[asked]),
            tolerance=0.005,
            percent=True,
            hint="Exponentiate every logit, then divide by their total.",
            solution=(
                f"$e^z = {fmt_vec(e, 3)}$, total ${sum_text} = {fmt(e.sum(), 3)}$, so "
                f"$p_{{\\text{{{CLASSES[asked]}}}}} = {fmt(e[asked], 3)} / "
                f"{fmt(e.sum(), 3)} = {fmt(p[asked], 3)}$."
            ),
        ),
        Exercise(
            id="softmax-and-cross-entropy-2",
            prompt=f"{setup} What is the cross-entropy loss $-\\log p$ (natural log)?",
            kind="number",
            answer=loss,
            tolerance=0.005,
            hint="Take the softmax probability of the true class, then minus its log.",
            solution=(
                f"$p = {fmt_vec(p, 3)}$, so $L = -\\log {fmt(p[target], 3)} = "
                f"{fmt(loss, 3)}$."
            ),
        ),
        Exercise(
            id="softmax-and-cross-entropy-3",
            prompt=(
                f"{setup} What is the gradient of the loss in the logits, "
                "$\\partial L / \\partial z$?"
            ),
            kind="vector",
            answer=g,
            tolerance=0.005,
            hint="p − y: the softmax probabilities minus 1 at the true class.",
            solution=(
                f"$p = {fmt_vec(p, 3)}$ and $y = {fmt_vec(one_hot(3, target))}$, so "
                f"$p - y = {fmt_vec(g, 3)}$."
            ),
        ),
    ]
