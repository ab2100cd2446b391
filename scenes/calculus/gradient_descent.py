"""Gradient descent: step downhill along the slope; the learning rate sets the step.

A point on a loss curve steps by ``-lr * slope`` again and again. On a quadratic
loss of curvature ``c`` every step multiplies the distance to the minimum by
``1 - lr * c``: a small rate crawls, a good one settles, and any rate above
``2 / c`` overshoots further each time and diverges (drawn as the point bouncing
outward and leaving the chart, never as a number that blows up). With two weights
the loss is a bowl ten times steeper along ``w2`` than along ``w1``, seen from
above as a contour map with minus the gradient drawn as arrows. The visual "why":
the gradient is ``(h1 w1, h2 w2)``, so a step multiplies each weight by its own
factor ``1 - lr h_i`` (shown with the lesson's numbers); a negative factor is a
zigzag, one near 1 a slow slide, and the descent path shows exactly that. The
machine-learning beat is minibatch gradient noise: the gradient of an average
loss estimated from random batches of 1, 4, 16 and 64 examples, its spread
halving each time the batch grows 4 times. The recap closes over the bowl and
its path. The numbers and paths on screen come from the pure functions below,
which the tests check on their own.

General claims (text and narration), and why each holds:

- "Step by the learning rate times the slope", the numbers of the first step:
  :func:`descend` (tested against the update rule).
- "Near the bottom the slope flattens, so the steps shrink by themselves" /
  "the steps are tiny, so progress is slow" / "overshoots ... zigzags in" /
  "overshoots further than the last ... flies off the chart" / "bounces": the
  words are :func:`describe_run` of :func:`run`'s kind, which comes from the
  factor ``1 - lr c`` (Hypothesis test that the words match the iterates).
- "Any rate above 2 over the curvature diverges": ``|1 - lr c| > 1`` exactly when
  ``lr > 2 / c`` (Hypothesis tests on both sides, and the bounce at ``2 / c``).
- "At the same distance from the bottom this bowl is 10 times steeper along w2":
  the gradient is ``(h1 w1, h2 w2)`` with ``h2 / h1 = 10`` (:data:`BOWL`).
- "The gradient points straight uphill, across the contours; the arrows show
  minus the gradient": the arrows are drawn from :func:`gradient` (tested
  against a numerical derivative); steepest ascent and perpendicularity are the
  partial-derivatives lesson's tested claims.
- "Each step multiplies each weight by its own factor, 1 - lr × its curvature",
  "0.82 keeps most of w1; -0.8 flips w2's sign and shrinks it": the update is
  ``w_i - lr h_i w_i``; the words are :func:`factor_words` of
  :func:`axis_factors` (Hypothesis test over learning rates that the words
  match the factor and the path).
- "Across the steep direction it overshoots and zigzags in; along the shallow
  one it slides in slowly" (or heads straight in, bounces, overshoots further,
  flies off the map): computed by :func:`describe_2d` from
  :func:`axis_motion` of each factor (zigzag when negative, slow slide when at
  least :data:`SLOW`); Hypothesis test over the learning rate, start and steps
  that the words match the path (sign changes, the share of distance left).
- "Each step uses a random minibatch: right on average, but noisy": the mean of
  the batch-mean gradient is the full gradient (tested on many draws).
- "Each time the batch grows 4 times the spread halves, like sigma over root B;
  the measured spreads follow": the standard deviation of a mean of ``B`` draws
  with replacement is ``sigma / sqrt(B)`` (:func:`gradient_spread`, tested
  against 20000 draws); the shown measured spreads are tested to lie within 25%
  of it and to fall as ``B`` grows.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.params import Float, Int, Vector
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt, fmt_vec, say_num, say_sig, say_vec
from scenes.kit.numbers import spoken as spoken_number
from scenes.style import *

__all__ = [
    "BOWL",
    "CENTER",
    "CURVATURE",
    "ML_BATCHES",
    "ML_DRAWS",
    "ML_EXAMPLES",
    "ML_SEED",
    "SLOW",
    "TRIO",
    "WINDOW_1D",
    "WINDOW_2D",
    "GradientDescent",
    "Run",
    "axis_factors",
    "axis_motion",
    "clip_to_box",
    "critical_rate",
    "descend",
    "describe_2d",
    "describe_run",
    "escape_index",
    "factor_words",
    "full_gradient",
    "gradient",
    "gradient_spread",
    "loss",
    "loss_2d",
    "minibatch_gradients",
    "ml_examples",
    "practice",
    "regime",
    "run",
    "step_factor",
]

#: The 1-D loss is ``CURVATURE / 2 * (w - CENTER)**2``: ``(w - 1)**2``.
CURVATURE = 2.0
CENTER = 1.0
#: The 1-D chart: ``w`` from -3 to 5 and the loss up to its value at the edges.
WINDOW_1D = (-3.0, 5.0)
#: The 2-D loss is ``(BOWL[0] * w1**2 + BOWL[1] * w2**2) / 2``, centred at 0:
#: ten times steeper along w2 than along w1, so the zigzag it shows is real.
BOWL = (1.0, 10.0)
#: A per-axis step factor at least this close to 1 "slides in slowly".
SLOW = 0.8
#: The machine-learning beat: examples, the batch sizes shown, draws per size.
ML_EXAMPLES = 1000
ML_BATCHES = (1, 4, 16, 64)
ML_DRAWS = 100
ML_SEED = 3
#: The 2-D chart: ``w1`` and ``w2`` ranges.
WINDOW_2D = ((-4.0, 4.0), (-2.0, 2.0))
#: Three learning rates for the 1-D loss: too small, about right, too large.
TRIO = (0.05, 0.4, 1.05)


def loss(w: float | np.ndarray, curvature: float = CURVATURE, center: float = CENTER):
    """The 1-D loss ``curvature / 2 * (w - center)**2``."""
    return curvature / 2.0 * (np.asarray(w, dtype=float) - center) ** 2


def loss_2d(w: np.ndarray, bowl: Sequence[float] = BOWL) -> np.ndarray:
    """The 2-D bowl ``(a w1**2 + b w2**2) / 2`` for points ``(..., 2)``."""
    w = np.asarray(w, dtype=float)
    return 0.5 * (bowl[0] * w[..., 0] ** 2 + bowl[1] * w[..., 1] ** 2)


def gradient(
    w: float | np.ndarray,
    curvature: float | Sequence[float] = CURVATURE,
    center: float | np.ndarray = CENTER,
) -> np.ndarray:
    """The slope (1-D) or gradient (2-D) of a quadratic: ``curvature * (w - center)``."""
    return np.asarray(curvature, dtype=float) * (np.asarray(w, dtype=float) - center)


def descend(
    start: float | Sequence[float],
    lr: float,
    steps: int,
    curvature: float | Sequence[float] = CURVATURE,
    center: float | Sequence[float] = CENTER,
) -> np.ndarray:
    """Gradient descent: ``steps`` updates ``w <- w - lr * gradient(w)``.

    Returns every iterate, the start included: shape ``(steps + 1,)`` in 1-D and
    ``(steps + 1, 2)`` in 2-D.
    """
    w = np.asarray(start, dtype=float).copy()
    path = [w.copy()]
    for _ in range(steps):
        w = w - lr * gradient(w, curvature, center)
        path.append(w.copy())
    return np.array(path)


def step_factor(lr: float, curvature: float) -> float:
    """What one step multiplies the distance to the minimum by: ``1 - lr * c``."""
    return 1.0 - lr * curvature


def critical_rate(curvature: float) -> float:
    """The learning rate above which descent on this quadratic diverges: ``2 / c``."""
    return 2.0 / curvature


def regime(lr: float, curvature: float) -> str:
    """``"converges"`` (lr < 2/c), ``"bounces"`` (lr = 2/c) or ``"diverges"``."""
    factor = abs(step_factor(lr, curvature))
    if abs(factor - 1.0) < 1e-12:
        return "bounces"
    return "converges" if factor < 1.0 else "diverges"


def escape_index(points: np.ndarray, box: Sequence[tuple[float, float]]) -> int | None:
    """The index of the first point outside ``box`` (per-axis ranges), or ``None``."""
    points = np.atleast_2d(np.asarray(points, dtype=float))
    if points.shape[0] == 1 and len(box) == 1:
        points = points.T
    lows = np.array([lo for lo, _ in box])
    highs = np.array([hi for _, hi in box])
    outside = np.any((points < lows - 1e-12) | (points > highs + 1e-12), axis=1)
    hits = np.flatnonzero(outside)
    return int(hits[0]) if hits.size else None


def clip_to_box(
    inside: Sequence[float],
    outside: Sequence[float],
    box: Sequence[tuple[float, float]],
) -> np.ndarray:
    """Where the segment from ``inside`` to ``outside`` first crosses the box edge."""
    p = np.asarray(inside, dtype=float)
    q = np.asarray(outside, dtype=float)
    t_exit = 1.0
    for axis, (lo, hi) in enumerate(box):
        d = q[axis] - p[axis]
        if d > 0 and q[axis] > hi:
            t_exit = min(t_exit, (hi - p[axis]) / d)
        elif d < 0 and q[axis] < lo:
            t_exit = min(t_exit, (lo - p[axis]) / d)
    return p + max(0.0, t_exit) * (q - p)


@dataclass(frozen=True)
class Run:
    """One descent run on the 1-D loss, as the lesson draws and tells it.

    ``path`` holds the iterates up to the escape (when there is one), ``escaped``
    the step at which the point left the chart, and ``kind`` one of
    ``"crawls"``, ``"converges"``, ``"zigzags"``, ``"bounces"``, ``"diverges"``.
    """

    lr: float
    steps: int
    path: np.ndarray
    escaped: int | None
    kind: str
    full: np.ndarray  # every iterate, the escaping ones included

    @property
    def final(self) -> float:
        """The last iterate shown (the last inside the chart)."""
        return float(self.path[-1])


def run(lr: float, start: float, steps: int) -> Run:
    """Descend the 1-D loss from ``start`` and classify what happens."""
    full = descend(start, lr, steps)
    points = np.column_stack([full, loss(full)])
    top = float(loss(WINDOW_1D[1]))
    escaped = escape_index(points, [WINDOW_1D, (0.0, top)])
    path = full if escaped is None else full[:escaped]
    factor = step_factor(lr, CURVATURE)
    if regime(lr, CURVATURE) == "diverges":
        kind = "diverges"
    elif regime(lr, CURVATURE) == "bounces":
        kind = "bounces"
    elif factor < 0:
        kind = "zigzags"
    else:
        # crawling: each step covers under a fifth of the way, and most is left
        kind = "crawls" if factor > 0.8 and factor**steps > 0.1 else "converges"
    return Run(lr, steps, path, escaped, kind, full)


def describe_run(r: Run, *, spoken: bool = False, brief: bool = False) -> str:
    """What a run does, in a sentence or two (numbers as shown on screen).

    It starts in lower case, to follow ``"Repeat. "`` or ``"Too small: "``; with
    ``spoken`` the numbers are written as the narrator says them, and ``brief``
    leaves out why a converging run slows down.
    """
    num = say_num if spoken else fmt
    n = r.steps
    w = fmt(r.final, 3)
    if spoken and abs(r.final) >= 0.005 and say_sig(r.final) != spoken_number(w):
        w = "about " + say_sig(r.final)
    elif spoken:
        w = spoken_number(w)
    if brief and r.kind == "converges":
        return f"it settles into the bottom. After {n} steps w is {w}."
    if r.kind == "crawls":
        return (
            f"the steps are tiny, so progress is slow. After {n} steps w is only {w}."
        )
    if r.kind == "converges":
        where = (
            "right at the minimum"
            if fmt(r.final, 3) == fmt(CENTER, 3)
            else f"close to the minimum at {num(CENTER)}"
        )
        return (
            "near the bottom the slope flattens, so the steps shrink by themselves. "
            f"After {n} steps w is {w}, {where}."
        )
    if r.kind == "zigzags":
        return (
            "each step overshoots the bottom, but by less each time, so it zigzags "
            f"in. After {n} steps w is {w}."
        )
    if r.kind == "bounces":
        a, b = ((say_sig(v) if spoken else fmt(v, 3)) for v in r.path[:2])
        return (
            f"each step lands exactly across the bowl, so it bounces between {a} and "
            f"{b} forever."
        )
    if r.escaped is not None:
        return (
            "each step overshoots further than the last, and after "
            f"{r.escaped} {'step' if r.escaped == 1 else 'steps'} the point flies off "
            "the chart."
        )
    return (
        f"each step overshoots further than the last. After {n} steps w is {w}, "
        "further from the bottom than where it started."
    )


def axis_factors(lr: float, bowl: Sequence[float] = BOWL) -> tuple[float, float]:
    """What one step multiplies each weight by on the bowl: ``1 - lr * h_i``.

    On ``(h1 w1**2 + h2 w2**2) / 2`` the gradient is ``(h1 w1, h2 w2)``, so
    ``w_i <- w_i - lr h_i w_i = (1 - lr h_i) w_i``: each axis on its own.
    """
    return step_factor(lr, bowl[0]), step_factor(lr, bowl[1])


def axis_motion(factor: float) -> str:
    """How a weight moves when each step multiplies it by ``factor``.

    ``"diverges"`` (size above 1), ``"bounces"`` (exactly -1), ``"zigzags"``
    (negative: it overshoots 0 and changes sign each step, by less each time),
    ``"lands"`` (0: the bottom in one step), ``"slides slowly"`` (at least
    :data:`SLOW`: most of the distance is left after each step) or ``"heads in"``.
    """
    if abs(abs(factor) - 1.0) < 1e-12:
        return "bounces"
    if abs(factor) > 1.0:
        return "diverges"
    if abs(factor) < 1e-12:
        return "lands"
    if factor < 0:
        return "zigzags"
    return "slides slowly" if factor >= SLOW else "heads in"


_MOTION_WORDS = {
    "diverges": "overshoots further each step",
    "bounces": "bounces from side to side forever",
    "zigzags": "overshoots and zigzags in",
    "lands": "reaches the bottom in one step",
    "slides slowly": "slides in slowly",
    "heads in": "heads straight in",
}


def describe_2d(
    lr: float, start: Sequence[float], steps: int, *, spoken: bool = False
) -> str:
    """What descent on the bowl does with this rate, computed from the factors.

    Each axis's words come from :func:`axis_motion` of its factor ``1 - lr h_i``
    (the steep axis first); then where the path ends, or when it leaves the map.
    With ``spoken`` the numbers are written as the narrator says them.
    """
    path = descend(start, lr, steps, BOWL, (0.0, 0.0))
    escaped = escape_index(path, WINDOW_2D)
    factors = axis_factors(lr)
    steep = int(np.argmax(BOWL))
    names = ("w 1", "w 2") if spoken else ("w₁", "w₂")
    across = _MOTION_WORDS[axis_motion(factors[steep])]
    along = _MOTION_WORDS[axis_motion(factors[1 - steep])]
    words = (
        f"Across the steep direction, {names[steep]}, it {across}; along the "
        f"shallow one, {names[1 - steep]}, it {along}."
    )
    if escaped is not None:
        return words + (
            f" After {escaped} {'step' if escaped == 1 else 'steps'} the path flies "
            "off the map."
        )
    final = (
        " comma ".join(say_sig(v) if abs(v) >= 0.005 else "0" for v in path[-1])
        if spoken
        else fmt_vec(path[-1])
    )
    return words + f" After {steps} steps it is at {final}."


def factor_words(factor: float, name: str, *, spoken: bool = False) -> str:
    """What multiplying the weight ``name`` by ``factor`` each step does, in words.

    ``"-0.8 flips w₂'s sign and shrinks it"``, ``"0.82 keeps most of w₁"``; the
    factor as shown (3 places) or, with ``spoken``, to two significant figures.
    """
    shown = say_sig(factor) if spoken else fmt(factor, 3)
    size = abs(factor)
    if size > 1 + 1e-12:
        change = "grows it"
    elif abs(size - 1) <= 1e-12:
        change = "keeps its size"
    elif size < 1e-12:
        return f"{shown} sends {name} to 0 at once"
    elif factor >= SLOW:
        return f"{shown} keeps most of {name}"
    else:
        change = "shrinks it"
    if factor < 0:
        return f"{shown} flips {name}'s sign and {change}"
    return f"{shown} {change.replace('it', name)}"


def ml_examples() -> np.ndarray:
    """The machine-learning beat's data: :data:`ML_EXAMPLES` numbers ``x_i``, seeded.

    The loss is the average of ``(w - x_i)**2 / 2``; at ``w = 0`` example ``i``'s
    gradient is ``-x_i``.
    """
    return np.random.default_rng(ML_SEED).normal(2.0, 1.5, ML_EXAMPLES)


def full_gradient() -> float:
    """The gradient of the average loss at ``w = 0``: ``-mean(x)``."""
    return -float(np.mean(ml_examples()))


def minibatch_gradients(
    batch: int, draws: int = ML_DRAWS, seed: int = ML_SEED
) -> np.ndarray:
    """``draws`` minibatch gradients at ``w = 0``, each the mean over ``batch`` examples.

    Examples are drawn uniformly with replacement; returns shape ``(draws,)``.
    """
    x = ml_examples()
    rng = np.random.default_rng([seed, batch])
    picks = rng.integers(0, x.size, size=(draws, batch))
    return -x[picks].mean(axis=1)


def gradient_spread(batch: int) -> float:
    """The standard deviation of a minibatch gradient: ``sigma / sqrt(batch)``.

    ``sigma`` is the spread of the per-example gradients (with replacement, this
    is exact).
    """
    return float(np.std(ml_examples())) / float(np.sqrt(batch))


def escape_arrow(start: np.ndarray, edge: np.ndarray, least: float = 0.7) -> Arrow:
    """The hop that leaves the chart: to the chart's edge, and at least ``least`` long."""
    direction = edge - start
    length = float(np.linalg.norm(direction))
    if length < least:
        direction = direction / max(length, 1e-9) * least
    return Arrow(
        start,
        start + direction,
        buff=0,
        color=RED,
        stroke_width=4,
        max_tip_length_to_length_ratio=0.35,
        tip_length=0.2,
    )


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


# -- layout (scene units) ------------------------------------------------------------
TOP = 3.6
AXIS_BOTTOM = CONTENT_BOTTOM + 0.55
COLUMN = 1.55  # left edge of the text column
MAP_UNIT = 0.95  # scene units per unit of w1 and w2 on the contour map
MAP_TOP = 3.3  # top of the contour map (its w2 label sits above it)
MAP_COLUMN = 1.6  # left edge of the text column beside the map
TICKS = 34  # tick numbers: a 14 px digit height at 480p
PANEL = 36


def _not_at_minimum(start: float) -> str | None:
    if abs(start - CENTER) < 0.5:
        return (
            f"it is within 0.5 of the minimum at w = {fmt(CENTER)}; nothing to descend"
        )
    return None


def _inside_bowl_map(start: np.ndarray) -> str | None:
    (a0, a1), (b0, b1) = WINDOW_2D
    if not (a0 + 0.2 <= start[0] <= a1 - 0.2 and b0 + 0.2 <= start[1] <= b1 - 0.2):
        return (
            f"it must lie inside the map, w1 in [{fmt(a0 + 0.2)}, {fmt(a1 - 0.2)}] "
            f"and w2 in [{fmt(b0 + 0.2)}, {fmt(b1 - 0.2)}]"
        )
    if np.hypot(*start) < 0.5:
        return "it is within 0.5 of the minimum at (0, 0); nothing to descend"
    return None


class GradientDescent(CourseLesson):
    """Steps of -lr * slope; three learning rates; descent on a contour map."""

    params = {
        "lr": Float(
            0.4,
            lo=0.0,
            hi=1.5,
            lo_open=True,
            help="the learning rate: each step moves w by -lr times the slope",
        ),
        "start": Float(
            4.0,
            lo=WINDOW_1D[0],
            hi=WINDOW_1D[1],
            help="where w starts on the 1-D loss (w - 1)^2",
            require=[_not_at_minimum],
        ),
        "start_2d": Vector(
            [-3.5, 1.5],
            help="where (w1, w2) starts on the 2-D bowl",
            require=[_inside_bowl_map],
        ),
        "lr_2d": Float(
            0.18,
            lo=0.0,
            hi=0.25,
            lo_open=True,
            help="the learning rate on the 2-D bowl (it diverges above 2/10 = 0.2)",
        ),
        "steps": Int(10, lo=3, hi=25, help="how many steps each run takes"),
    }

    def construct(self) -> None:
        self.lr, self.start = self.args.lr, self.args.start
        self.steps = self.args.steps
        self.title_card(
            "Gradient descent", "How does a model find the bottom of its loss?"
        )
        self.show_loss()
        self.first_step()
        self.keep_stepping()
        self.three_rates()
        self.run_panel(0)
        self.run_panel(1)
        self.run_panel(2)
        self.show_bowl()
        self.show_gradients()
        self.axis_by_axis()
        self.descend_bowl()
        self.minibatch_noise()
        self.close()

    # -- drawing helpers ---------------------------------------------------------------
    def loss_axes(self, left: float, right: float, top: float, bottom: float) -> Axes:
        lo, hi = WINDOW_1D
        y_max = float(loss(hi))
        axes = Axes(
            x_range=[lo, hi, 1],
            y_range=[0, y_max, 4],
            x_length=right - left,
            y_length=top - bottom,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2, "tick_size": 0.05},
        )
        axes.shift(np.array([left, bottom, 0.0]) - axes.c2p(lo, 0))
        return axes

    def loss_curve(self, axes: Axes) -> VMobject:
        lo, hi = WINDOW_1D
        return axes.plot(lambda w: float(loss(w)), x_range=[lo, hi, 0.02]).set_stroke(
            BLUE, width=4
        )

    def on_curve(self, axes: Axes, w: float) -> np.ndarray:
        return axes.c2p(w, float(loss(w)))

    def path_pieces(self, axes: Axes, r: Run, color: str) -> list[VMobject]:
        """The hops of a run, one line per step; an escaping hop ends in an arrow."""
        pieces: list[VMobject] = []
        points = [np.array([w, float(loss(w))]) for w in r.path]
        for p, q in itertools.pairwise(points):
            pieces.append(
                Line(axes.c2p(*p), axes.c2p(*q), color=color).set_stroke(width=3)
            )
        if r.escaped is not None and len(points) > 0:
            w_out = float(r.full[r.escaped])
            box = [WINDOW_1D, (0.0, float(loss(WINDOW_1D[1])))]
            edge = clip_to_box(points[-1], [w_out, float(loss(w_out))], box)
            pieces.append(escape_arrow(axes.c2p(*points[-1]), axes.c2p(*edge)))
        return pieces

    def walk(
        self,
        pieces: list[VMobject],
        dot: Dot,
        targets: list[np.ndarray],
        total_time: float,
        after=None,
    ) -> VGroup:
        """Play the hops one by one, the dot riding along and leaving a crumb behind.

        ``targets`` are the screen points the dot lands on, one per hop (an
        escaping hop, an Arrow, takes the dot off instead). ``after(i)`` runs after
        hop ``i``. Returns the crumbs.
        """
        crumbs = VGroup()
        hop_time = min(0.45, total_time / max(1, len(pieces)))
        for i, piece in enumerate(pieces):
            target = targets[i] if i < len(targets) else None
            crumb = Dot(dot.get_center(), radius=0.045, color=dot.get_color())
            crumbs.add(crumb)
            self.add(crumb, dot)
            if isinstance(piece, Arrow):
                self.play(Create(piece), FadeOut(dot), run_time=hop_time)
            else:
                self.play(Create(piece), dot.animate.move_to(target), run_time=hop_time)
            if after is not None:
                after(i)
        return crumbs

    # -- part 1: one run -----------------------------------------------------------------
    def show_loss(self) -> None:
        self.axes = self.loss_axes(-6.7, 0.9, TOP, AXIS_BOTTOM)
        self.curve = self.loss_curve(self.axes)
        self.axis_numbers = VGroup(
            *(
                tex(fmt(w), size=TICKS, color=MUTED).next_to(
                    self.axes.c2p(w, 0), DOWN, buff=0.15
                )
                for w in range(int(WINDOW_1D[0]), int(WINDOW_1D[1]) + 1)
            )
        )
        self.w_name = tex("w", color=MUTED).next_to(
            self.axes.c2p(WINDOW_1D[1], 0), UP, buff=0.2
        )
        self.formula = tex("L(w)", "=", "(w - 1)^2")
        self.formula[0].set_color(BLUE)
        self.formula.move_to([COLUMN, TOP - 0.3, 0], aligned_edge=LEFT)
        w0 = self.start
        self.dot = Dot(self.on_curve(self.axes, w0), color=ACCENT, radius=0.1)
        self.drop = DashedLine(
            self.axes.c2p(w0, 0), self.dot.get_center(), color=MUTED, stroke_width=2
        )
        with self.beat(
            "Here is a loss, L(w) = (w − 1)². We want the w at its bottom, but can only "
            f"feel the slope where we stand: w = {fmt(w0)}.",
            say="Here is a loss, L of w equals w minus 1, squared. We want the w at its "
            f"bottom, but can only feel the slope where we stand: w equals {say_num(w0)}.",
            chapter="Downhill",
        ):
            self.play(
                Create(self.axes), FadeIn(self.axis_numbers, self.w_name), run_time=1.0
            )
            self.play(Create(self.curve), FadeIn(self.formula), run_time=1.4)
            self.play(Create(self.drop), FadeIn(self.dot, scale=0.5), run_time=0.8)

    def tangent(self, axes: Axes, w: float, length: float = 2.4) -> Line:
        slope = float(gradient(w))
        origin = axes.c2p(0, 0)
        ux = axes.c2p(1, 0)[0] - origin[0]
        uy = axes.c2p(0, 1)[1] - origin[1]
        direction = np.array([ux, slope * uy, 0.0])
        direction *= length / 2 / np.linalg.norm(direction)
        centre = self.on_curve(axes, w)
        return Line(centre - direction, centre + direction).set_stroke(ORANGE, width=4)

    def first_step(self) -> None:
        w0, lr = self.start, self.lr
        slope = float(gradient(w0))
        w1 = w0 - lr * slope
        self.run1 = run(lr, w0, self.steps)
        uphill = "right" if slope > 0 else "left"
        downhill = "left" if slope > 0 else "right"
        self.rule = tex(r"w \leftarrow w - \mathrm{lr} \cdot L'(w)", size=PANEL)
        self.rule.next_to(self.formula, DOWN, buff=0.45, aligned_edge=LEFT)
        self.lr_line = tex(r"\mathrm{lr} = " + fmt(lr), size=PANEL, color=ACCENT)
        self.lr_line.next_to(self.rule, DOWN, buff=0.35, aligned_edge=LEFT)
        slope_line = tex(f"L'({fmt(w0)}) = {fmt(slope)}", size=PANEL, color=ORANGE)
        step_line = tex(
            f"w = {fmt(w0)} - {fmt(lr)}"
            + r" \times "
            + (f"({fmt(slope)})" if slope < 0 else fmt(slope))
            + f" = {fmt(w1, 3)}",
            size=PANEL,
        )
        VGroup(slope_line, step_line).arrange(
            DOWN, aligned_edge=LEFT, buff=0.3
        ).next_to(self.lr_line, DOWN, buff=0.5, aligned_edge=LEFT)
        self.step_card = VGroup(slope_line, step_line)
        touch = self.tangent(self.axes, w0)
        if self.run1.escaped == 1:
            hop = self.path_pieces(self.axes, self.run1, ACCENT)
            landing = None
        else:
            hop = [
                Line(
                    self.on_curve(self.axes, w0),
                    self.on_curve(self.axes, w1),
                    color=ACCENT,
                ).set_stroke(width=3)
            ]
            landing = self.on_curve(self.axes, w1)
        shift = Arrow(
            self.axes.c2p(w0, 0),
            self.axes.c2p(float(np.clip(w1, *WINDOW_1D)), 0),
            buff=0,
            color=ACCENT,
            stroke_width=5,
            max_tip_length_to_length_ratio=0.25,
        )
        with self.beat(
            f"The slope there is {fmt(slope)}, uphill to the {uphill}. So step {downhill}, "
            f"by the learning rate times the slope: {fmt(w0)} − {fmt(lr)} × "
            f"{fmt(slope)} = {fmt(w1, 3)}.",
            say=f"The slope there is {say_num(slope)}, uphill to the {uphill}. So step "
            f"{downhill}, by the learning rate times the slope: {say_num(w0)} minus "
            f"{say_num(lr)} times {say_num(slope)} is {say_num(w1, 3)}.",
        ):
            self.play(Create(touch), FadeIn(slope_line), run_time=0.8)
            self.play(FadeIn(self.rule), FadeIn(self.lr_line), run_time=0.8)
            self.play(GrowArrow(shift), FadeIn(step_line), run_time=0.8)
            self.play(FadeOut(touch), FadeOut(self.drop), run_time=0.4)
            self.play(*(Create(h) for h in hop), run_time=0.8)
            if landing is not None:
                self.play(self.dot.animate.move_to(landing), run_time=0.5)
            else:
                self.play(FadeOut(self.dot), run_time=0.3)
            self.play(FadeOut(shift), run_time=0.3)
        self.hops = VGroup(*hop)

    def keep_stepping(self) -> None:
        r = self.run1
        pieces = self.path_pieces(self.axes, r, ACCENT)[1:] if r.escaped != 1 else []
        counter = VGroup(text("step", SMALL, MUTED), Integer(1, font_size=PANEL))
        counter.arrange(RIGHT, buff=0.2)
        w_read = VGroup(
            tex("w =", size=PANEL),
            DecimalNumber(
                round(float(r.path[min(1, len(r.path) - 1)]), 3) + 0.0,
                num_decimal_places=3,
                font_size=PANEL,
            ),
        ).arrange(RIGHT, buff=0.15)
        readouts = VGroup(counter, w_read).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        readouts.move_to(self.step_card, aligned_edge=UP + LEFT)
        if r.escaped is not None and r.escaped <= 1:
            readouts = VGroup()  # the first step already left the chart
        with self.beat(
            "Repeat. " + _capital(describe_run(r)),
            say="Repeat. " + _capital(describe_run(r, spoken=True)),
        ):
            self.play(FadeOut(self.step_card), FadeIn(readouts), run_time=0.5)
            targets = [self.on_curve(self.axes, float(w)) for w in r.path[2:]]

            def show_step(i: int) -> None:
                k = i + 2
                if k < len(r.path):
                    counter[1].set_value(k)
                    w_read[1].set_value(round(float(r.path[k]), 3) + 0.0)

            crumbs = self.walk(pieces, self.dot, targets, 4.0, show_step)
            if r.escaped is not None:
                note = self.off_chart_note(self.axes)
                self.play(FadeIn(note), run_time=0.5)
                crumbs.add(note)
        self.hops.add(*pieces, crumbs)
        self.readouts = readouts

    def off_chart_note(self, axes: Axes) -> object:
        note = text("off the chart", SMALL, RED)
        return note.next_to(
            axes.c2p(np.mean(WINDOW_1D), float(loss(WINDOW_1D[1]))), DOWN, buff=0.2
        )

    # -- part 2: three rates -----------------------------------------------------------
    def three_rates(self) -> None:
        width, gap = 4.1, 0.45
        lefts = [-(1.5 * width + gap) + i * (width + gap) for i in range(3)]
        top, bottom = 2.3, -2.05
        self.panels = []
        self.trio_runs = [run(lr, self.start, self.steps) for lr in TRIO]
        labels = ("too small", "about right", "too large")
        colors = (GREEN, ACCENT, RED)
        for left, lr, label, color in zip(lefts, TRIO, labels, colors, strict=True):
            axes = self.loss_axes(left, left + width, top, bottom)
            curve = self.loss_curve(axes).set_stroke(width=3)
            heading = VGroup(
                tex(r"\mathrm{lr} = " + fmt(lr), size=PANEL, color=color),
                text(label, SMALL, MUTED),
            ).arrange(DOWN, buff=0.12)
            heading.move_to([left + width / 2, top + 0.75, 0])
            dot = Dot(self.on_curve(axes, self.start), color=color, radius=0.08)
            self.panels.append(
                {
                    "axes": axes,
                    "curve": curve,
                    "heading": heading,
                    "dot": dot,
                    "color": color,
                }
            )
        self.bottom_y = bottom - 0.5
        with self.beat(
            "The learning rate sets the step size. Here are three, each taking "
            f"{self.steps} steps from w = {fmt(self.start)}.",
            say="The learning rate sets the step size. Here are three, each taking "
            f"{self.steps} steps from w equals {say_num(self.start)}.",
            chapter="The learning rate",
        ):
            self.play(
                FadeOut(self.axes, self.curve, self.axis_numbers, self.w_name),
                FadeOut(
                    self.hops, self.formula, self.rule, self.lr_line, self.readouts
                ),
                *([FadeOut(self.dot)] if self.dot in self.mobjects else []),
                run_time=0.6,
            )
            self.play(
                *(Create(p["axes"]) for p in self.panels),
                *(Create(p["curve"]) for p in self.panels),
                run_time=1.0,
            )
            self.play(
                *(FadeIn(p["heading"]) for p in self.panels),
                *(FadeIn(p["dot"], scale=0.5) for p in self.panels),
                run_time=0.8,
            )

    def panel_result(self, index: int) -> object:
        r = self.trio_runs[index]
        x = self.panels[index]["axes"].get_center()[0]
        if r.escaped is not None:
            result = text(f"off the chart at step {r.escaped}", SMALL, RED)
        else:
            result = tex(f"w = {fmt(r.final, 3)}", size=PANEL, color=INK)
        return result.move_to([x, self.bottom_y, 0])

    def run_panel(self, index: int) -> None:
        r, panel = self.trio_runs[index], self.panels[index]
        axes, dot, color = panel["axes"], panel["dot"], panel["color"]
        pieces = self.path_pieces(axes, r, color)
        result = self.panel_result(index)
        opener = ("Too small", "About right", "Too large")[index]
        line = f"{opener}: " + describe_run(r, brief=True)
        say = f"{opener}: " + describe_run(r, spoken=True, brief=True)
        if index == 2:
            extra = (
                " Any rate above 2 over the curvature, here 2 over "
                f"{fmt(CURVATURE)} = {fmt(critical_rate(CURVATURE))}, diverges."
            )
            line += extra
            say += extra.replace(" = ", ", which is ")
        with self.beat(line, say=say, key=index == 2):
            targets = [self.on_curve(axes, float(w)) for w in r.path[1:]]
            crumbs = self.walk(pieces, dot, targets, 3.5)
            self.play(FadeIn(result), run_time=0.5)
            if index == 2:
                self.wait(1.5)  # the key reveal: let it sink in
        panel["path"] = VGroup(*pieces, crumbs)
        panel["result"] = result

    # -- part 3: two weights ------------------------------------------------------------
    def show_bowl(self) -> None:
        (x0, x1), (y0, y1) = WINDOW_2D
        unit = MAP_UNIT
        self.map = Axes(
            x_range=[x0, x1, 1],
            y_range=[y0, y1, 1],
            x_length=(x1 - x0) * unit,
            y_length=(y1 - y0) * unit,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2, "tick_size": 0.05},
        )
        self.map.move_to(
            [-6.9 + (x1 - x0) * unit / 2, MAP_TOP - (y1 - y0) * unit / 2, 0]
        )
        low, high = ManimColor(BLUE), ManimColor(RED)
        ground = Rectangle(width=(x1 - x0) * unit, height=(y1 - y0) * unit)
        ground.move_to(self.map.c2p(0, 0)).set_style(
            fill_color=high, fill_opacity=0.18, stroke_width=0
        )
        # the widest ellipse spans the map's width; the rest shrink evenly inside it
        levels = [0.5 * BOWL[0] * (x1 * k / 6) ** 2 for k in range(6, 0, -1)]
        self.rings = VGroup(ground)
        for i, level in enumerate(levels):
            a = np.sqrt(2 * level / BOWL[0])
            b = np.sqrt(2 * level / BOWL[1])
            ring = Ellipse(width=2 * a * unit, height=2 * b * unit)
            ring.move_to(self.map.c2p(0, 0))
            shade = interpolate_color(high, low, (i + 1) / len(levels))
            ring.set_style(
                fill_color=shade,
                fill_opacity=0.22,
                stroke_color=shade,
                stroke_width=2.5,
            )
            self.rings.add(ring)
        # the axis names sit outside the map, off its shading and contours
        labels = VGroup(
            tex("w_1", size=PANEL, color=INK).next_to(
                self.map.c2p(x1, 0), RIGHT, buff=0.15
            ),
            tex("w_2", size=PANEL, color=INK).next_to(
                self.map.c2p(0, y1), UP, buff=0.12
            ),
        )
        self.map_labels = labels
        formula = tex(
            r"L(w) = \tfrac{1}{2}\left("
            + (f"{fmt(BOWL[0])}" if BOWL[0] != 1 else "")
            + rf"w_1^2 + {fmt(BOWL[1])} w_2^2\right)",
            size=PANEL,
        )
        formula.move_to([MAP_COLUMN, TOP - 0.3, 0], aligned_edge=LEFT)
        self.bowl_formula = formula
        ratio = fmt(BOWL[1] / BOWL[0])
        with self.beat(
            "With two weights the loss is a bowl. Seen from above, its contours are "
            f"ellipses. At the same distance from the bottom this bowl is {ratio} times "
            "steeper along w₂ than along w₁.",
            say="With two weights the loss is a bowl. Seen from above, its contours are "
            f"ellipses. At the same distance from the bottom this bowl is {ratio} times "
            "steeper along w 2 than along w 1.",
            chapter="Two weights",
        ):
            self.play(
                *(
                    FadeOut(p["axes"], p["curve"], p["heading"], p["path"], p["result"])
                    for p in self.panels
                ),
                *(FadeOut(p["dot"]) for p in self.panels if p["dot"] in self.mobjects),
                run_time=0.6,
            )
            self.play(Create(self.map), FadeIn(labels), run_time=0.8)
            self.play(FadeIn(self.rings, lag_ratio=0.2), FadeIn(formula), run_time=1.6)

    def show_gradients(self) -> None:
        arrows = VGroup()
        points = [
            np.array([w1, w2])
            for w1 in (-3.0, -2.0, -1.0, 1.0, 2.0, 3.0)
            for w2 in (-1.5, -0.5, 0.5, 1.5)
        ]
        grads = [gradient(p, BOWL, 0.0) for p in points]
        biggest = max(np.linalg.norm(g) for g in grads)
        for p, g in zip(points, grads, strict=True):
            size = np.linalg.norm(g)
            length = 0.35 + 0.45 * size / biggest
            direction = -g / size
            start = self.map.c2p(*p)
            end = start + length * np.array([direction[0], direction[1], 0.0])
            arrows.add(
                Arrow(
                    start,
                    end,
                    buff=0,
                    color=INK,
                    stroke_width=5,
                    max_tip_length_to_length_ratio=0.4,
                    tip_length=0.18,
                )
            )
        self.field = arrows
        note = tex(r"-\nabla L", r"\text{ points downhill}", size=PANEL)
        note[0].set_color(INK)
        note.next_to(self.bowl_formula, DOWN, buff=0.45, aligned_edge=LEFT)
        self.field_note = note
        with self.beat(
            "The gradient points straight uphill, across the contours. The arrows show "
            "minus the gradient: the way down, steepest along w₂.",
            say="The gradient points straight uphill, across the contours. The arrows "
            "show minus the gradient: the way down, steepest along w 2.",
        ):
            self.play(FadeIn(arrows, lag_ratio=0.05), run_time=1.6)
            self.play(FadeIn(note), run_time=0.6)

    def axis_by_axis(self) -> None:
        lr = self.args.lr_2d
        factors = axis_factors(lr)
        general = tex(
            r"w_i \leftarrow w_i - \mathrm{lr}\, h_i w_i",
            size=PANEL,
        )
        lines = VGroup(
            *(
                tex(
                    rf"w_{i + 1} \leftarrow (1 - {fmt(lr)} \cdot {fmt(h)})\, w_{i + 1}"
                    rf" = {fmt(f, 3)}\, w_{i + 1}",
                    size=PANEL,
                    color=ACCENT,
                )
                for i, (h, f) in enumerate(zip(BOWL, factors, strict=True))
            )
        )
        card = VGroup(general, lines).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        card.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        if card.width > 6.9 - MAP_COLUMN:
            card.scale_to_fit_width(6.9 - MAP_COLUMN)
        card.next_to(self.field_note, DOWN, buff=0.45, aligned_edge=LEFT)
        self.factor_card = card
        meaning = "; ".join(
            factor_words(f, name) for f, name in zip(factors, ("w₁", "w₂"), strict=True)
        )
        said = "; ".join(
            factor_words(f, name, spoken=True)
            for f, name in zip(factors, ("w 1", "w 2"), strict=True)
        )
        h1, h2 = (fmt(h) for h in BOWL)
        with self.beat(
            f"Why? The gradient is ({h1 if h1 != '1' else ''}w₁, {h2}w₂), so each step "
            "multiplies each weight by its own factor, 1 − lr × its curvature: "
            f"{meaning}.",
            say="Why? The gradient scales each weight by its own curvature, so each "
            "step multiplies each weight by 1 minus the learning rate times that "
            f"curvature: {said}.",
            chapter="Axis by axis",
        ):
            self.play(FadeIn(general), run_time=0.8)
            self.play(FadeIn(lines, lag_ratio=0.5), run_time=1.2)

    def descend_bowl(self) -> None:
        start, lr, steps = np.asarray(self.args.start_2d), self.args.lr_2d, self.steps
        full = descend(start, lr, steps, BOWL, (0.0, 0.0))
        escaped = escape_index(full, WINDOW_2D)
        path = full if escaped is None else full[:escaped]
        pieces: list[VMobject] = [
            Line(self.map.c2p(*p), self.map.c2p(*q), color=ACCENT).set_stroke(width=4)
            for p, q in itertools.pairwise(path)
        ]
        if escaped is not None:
            edge = clip_to_box(path[-1], full[escaped], WINDOW_2D)
            pieces.append(escape_arrow(self.map.c2p(*path[-1]), self.map.c2p(*edge)))
        dot = Dot(self.map.c2p(*start), color=ACCENT, radius=0.09)
        info = tex(r"\text{start } " + fmt_vec(start), size=PANEL)
        info.next_to(self.factor_card, DOWN, buff=0.4, aligned_edge=LEFT)
        if escaped is None:
            end = tex(
                r"\text{after " + str(steps) + r" steps: } " + fmt_vec(path[-1]),
                size=PANEL,
            )
        else:
            end = text(f"off the map at step {escaped}", SMALL, RED)
        end.next_to(self.map, DOWN, buff=0.35)
        with self.beat(
            f"Now descend from {fmt_vec(start)}. " + describe_2d(lr, start, steps),
            say=f"Now descend from {say_vec(start)}. "
            + describe_2d(lr, start, steps, spoken=True),
        ):
            self.play(self.field.animate.set_opacity(0.55), run_time=0.5)
            self.play(FadeIn(dot, scale=0.5), FadeIn(info), run_time=0.6)
            crumbs = self.walk(pieces, dot, [self.map.c2p(*p) for p in path[1:]], 4.0)
            self.play(FadeIn(end), run_time=0.5)
        shown = [dot] if dot in self.mobjects else []
        self.bowl_picture = VGroup(
            self.map, self.rings, self.map_labels, *pieces, crumbs, *shown
        )
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    # -- machine learning ---------------------------------------------------------
    def minibatch_noise(self) -> None:
        lo, hi = -7.0, 3.0
        rows_y = (2.0, 0.95, -0.1, -1.15)
        axis_y = -1.85
        left, right = -4.6, 3.6
        scale = (right - left) / (hi - lo)

        def at(g: float, y: float) -> np.ndarray:
            return np.array([left + (g - lo) * scale, y, 0.0])

        axis = Line(at(lo, axis_y), at(hi, axis_y), color=MUTED, stroke_width=2)
        ticks = VGroup(
            *(
                VGroup(
                    Line(
                        at(t, axis_y - 0.06), at(t, axis_y + 0.06), color=MUTED
                    ).set_stroke(width=2),
                    tex(fmt(t), size=34, color=MUTED).next_to(
                        at(t, axis_y), DOWN, buff=0.12
                    ),
                )
                for t in range(-6, 3, 2)
            )
        )
        true_g = full_gradient()
        true_line = DashedLine(
            at(true_g, axis_y),
            at(true_g, rows_y[0] + 0.35),
            color=GREEN,
            stroke_width=3,
        )
        true_label = text("full-data gradient", SMALL, GREEN).next_to(
            true_line, UP, buff=0.1
        )
        heading = text(
            f"{ML_DRAWS} minibatch gradients per batch size, at w = 0", SMALL, MUTED
        ).move_to([0, 3.5, 0])
        rows = []
        for b, y in zip(ML_BATCHES, rows_y, strict=True):
            grads = minibatch_gradients(b)
            dots = VGroup(
                *(
                    Dot(at(float(g), y), radius=0.045, color=BLUE, fill_opacity=0.7)
                    for g in np.clip(grads, lo, hi)
                )
            )
            name = tex(f"B = {b}", size=PANEL).move_to([-5.9, y, 0])
            spread = tex(
                fmt(float(np.std(grads)), 2),
                r"\;\;",
                fmt(gradient_spread(b), 2),
                size=PANEL,
            ).move_to([5.6, y, 0])
            spread[0].set_color(BLUE)
            spread[2].set_color(ACCENT)
            rows.append(VGroup(name, dots, spread))
        header = VGroup(
            text("spread", SMALL, BLUE),
            tex(r"\sigma / \sqrt{B}", size=PANEL, color=ACCENT),
        ).arrange(RIGHT, buff=0.3)
        header.move_to([5.6, rows_y[0] + 0.75, 0])
        rows[0][2].align_to(header, RIGHT)
        for r in rows[1:]:
            r[2].align_to(header, RIGHT)
        spreads = [float(np.std(minibatch_gradients(b))) for b in ML_BATCHES]
        theory = [gradient_spread(b) for b in ML_BATCHES]
        with self.beat(
            f"In machine learning the loss averages many examples, here {ML_EXAMPLES}, "
            "so each step uses a random minibatch of B: right on average, but noisy. "
            f"With B = 1 the guesses spread widely around the full gradient, "
            f"{fmt(true_g, 2)}.",
            say=f"In machine learning the loss averages many examples, here "
            f"{ML_EXAMPLES}, so each step uses a random minibatch of B: right on "
            "average, but noisy. With one example per batch the guesses spread widely "
            f"around the full gradient, about {say_sig(true_g)}.",
            chapter="In machine learning",
        ):
            self.play(FadeIn(heading), Create(axis), FadeIn(ticks), run_time=0.8)
            self.play(Create(true_line), FadeIn(true_label), run_time=0.6)
            self.play(
                FadeIn(rows[0][0]), FadeIn(rows[0][1], lag_ratio=0.02), run_time=1.2
            )
        with self.beat(
            "Each time the batch grows 4 times the spread halves, like σ/√B: "
            + ", ".join(fmt(t, 2) for t in theory)
            + ". The measured spreads, "
            + ", ".join(fmt(v, 2) for v in spreads)
            + ", follow.",
            say="Each time the batch grows 4 times, the spread halves: it shrinks like "
            f"sigma over root B, from about {say_sig(theory[0])} to "
            f"{say_sig(theory[-1])}. The measured spreads follow.",
        ):
            self.play(FadeIn(header), FadeIn(rows[0][2]), run_time=0.6)
            for r in rows[1:]:
                self.play(
                    FadeIn(r[0]),
                    FadeIn(r[1], lag_ratio=0.02),
                    FadeIn(r[2]),
                    run_time=1.0,
                )

    def close(self) -> None:
        self.play(FadeOut(*self.mobjects), run_time=0.5)
        self.play(FadeIn(self.bowl_picture), run_time=0.8)
        self.recap_over(
            [self.bowl_picture],
            "Each step scales each direction by 1 − lr × its curvature.",
            say="Each step against the gradient scales each direction by 1 minus the "
            "learning rate times its curvature: that decides a crawl, a zigzag or a "
            "blow-up.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on gradient descent on a quadratic, numbers drawn from ``seed``.

    A new loss ``c/2 (w - m)^2``, start and learning rate for each seed. Four
    exercises: one step (:func:`descend`); what a step does to the distance to the
    minimum (:func:`step_factor`); whether a rate converges, bounces or diverges
    (:func:`regime`); and the largest rate that does not diverge
    (:func:`critical_rate`).
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    c = float(rng.choice([1.0, 2.0, 4.0]))
    m = float(rng.integers(-2, 3))
    start = float(rng.choice([k for k in range(-4, 6) if k != m]))
    lr = float(rng.choice([0.1, 0.25, 0.5]))
    w1 = float(descend(start, lr, 1, c, m)[-1])
    slope = float(gradient(start, c, m))
    factor = step_factor(lr, c)
    other = float(rng.choice([0.1, 0.25, 0.5, 0.75, 1.0, 1.25]))
    outcome = regime(other, c)
    loss_tex = f"L(w) = \\frac{{{fmt(c)}}}{{2}}(w - {kit_numbers.factor(fmt(m))})^2"
    return [
        Exercise(
            id="gradient-descent-1",
            prompt=(
                f"Gradient descent on ${loss_tex}$ starts at $w_0 = {fmt(start)}$ with "
                f"learning rate $\\eta = {fmt(lr)}$. What is $w_1$?"
            ),
            kind="number",
            answer=w1,
            tolerance=0.005,
            hint="w₁ = w₀ − η L'(w₀), and L'(w) = c (w − m).",
            solution=(
                f"$L'({fmt(start)}) = {fmt(c)} \\cdot ({fmt(start)} - "
                f"{kit_numbers.factor(fmt(m))}) = {fmt(slope)}$, so "
                f"$w_1 = {fmt(start)} - {fmt(lr)} \\cdot {kit_numbers.factor(fmt(slope))} "
                f"= {fmt(w1, 3)}$."
            ),
        ),
        Exercise(
            id="gradient-descent-2",
            prompt=(
                f"On ${loss_tex}$ with $\\eta = {fmt(lr)}$, each step multiplies the "
                "signed distance to the minimum $w - m$ by what number?"
            ),
            kind="number",
            answer=factor,
            tolerance=0.005,
            hint="w − m becomes (w − m) − η c (w − m).",
            solution=f"$1 - \\eta c = 1 - {fmt(lr)} \\cdot {fmt(c)} = {fmt(factor, 3)}$.",
        ),
        Exercise(
            id="gradient-descent-3",
            prompt=(
                f"On ${loss_tex}$, what does gradient descent do with learning rate "
                f"$\\eta = {fmt(other)}$?"
            ),
            kind="choice",
            answer=outcome,
            choices=("converges", "bounces", "diverges"),
            hint="Look at the step factor 1 − η c: smaller than 1 in size shrinks the distance.",
            solution=(
                f"$1 - \\eta c = {fmt(step_factor(other, c), 3)}$, of size "
                f"{fmt(abs(step_factor(other, c)), 3)}: it {outcome}."
            ),
        ),
        Exercise(
            id="gradient-descent-4",
            prompt=(
                f"On ${loss_tex}$, above which learning rate does gradient descent "
                "diverge?"
            ),
            kind="number",
            answer=critical_rate(c),
            tolerance=0.005,
            hint="Divergence starts when the step factor 1 − η c reaches −1.",
            solution=f"$1 - \\eta c = -1$ at $\\eta = 2 / c = 2 / {fmt(c)} = {fmt(critical_rate(c), 3)}$.",
        ),
    ]
