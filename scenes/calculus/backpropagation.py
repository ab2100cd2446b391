"""Backpropagation: the chain rule, node by node, backwards through a tiny network.

The network has two inputs ``x1, x2``, two hidden units and one output::

    z_j = w_j1 x1 + w_j2 x2,   h_j = sigma(z_j),   y_hat = v1 h1 + v2 h2,
    L = (y_hat - y)^2

drawn as a computational graph: nodes are circles, weights sit on the edges. The
forward pass fills in every node from left to right. The backward pass fills in
every node's gradient ``dL/d(node)`` from right to left, multiplying in one local
derivative per edge (the chain rule); a weight's gradient is the gradient at the
node it feeds times the value flowing along its edge. One step of gradient
descent then moves every weight against its gradient, and a second forward pass
shows the loss before and after.

Why backwards is shown, not asserted: nudging each weight and re-running the
network costs one forward pass per weight (counted on screen, 7 for the six
weights), while the backward pass reuses each node's gradient for everything
before it (the gradient at z1 serves w11 and w12; the one at y_hat serves all),
so one forward and one backward pass give every gradient. The machine-learning
beat repeats forward, backward, step and plots the loss.

Every number on screen comes from the pure functions below (numpy only), which
the tests check on their own, including against central finite differences.

General claims (text and narration), and why each holds:

- "Each hidden unit sums its weighted inputs, then applies a sigmoid; the output
  is a weighted sum; the loss is the squared error": the definition of
  :func:`forward` (tested against the formulas).
- "Forward: left to right" and every value on screen: :func:`forward`.
- "Backward: start with gradient 1 at the loss; multiply by each local slope":
  the chain rule; :func:`backward` is tested against central differences for
  any weights (Hypothesis) and each gradient as the product of the local
  slopes on its path.
- "The sigmoid's local slope is h(1 - h)": tested against a difference quotient.
- "The gradient of w11 is the product of the local slopes along the path":
  ``dL/dyhat * v1 * sigma'(z1) * x1``, tested.
- "Nudging each weight and running again costs one forward pass per weight,
  7 here counting the first": :func:`forward_difference` counts its passes
  (``len(weights) + 1``, :func:`pass_counts`), tested; its gradient matches.
- "The gradient at z1 serves both its weights, the one at y_hat everything
  before it": ``dL/dw1k = dL/dz1 * xk``; every weight's path runs through
  y_hat (tested: each gradient factors through ``dyhat``).
- "One backward pass gives all six: 2 passes against 7, a million and one for
  a million weights": :func:`pass_counts`; a backward pass costs a small
  multiple of a forward pass (one multiplication per edge here), so the claim
  counts passes, not time.
- "Step every weight against its gradient" and "the loss falls/rises from A to
  B": :func:`update`, words computed from the two losses (tested).
- "Training is this loop; in N rounds the loss falls/rises from A to B": the
  verb and numbers come from :func:`train` (tested: entry 1 is the one step
  shown before).
- "Libraries such as PyTorch build the backward pass for you": reverse-mode
  automatic differentiation (``torch.autograd``).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.params import Float, Seed, Vector
from mathreel.lesson.layout import labels
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import plot_axes
from scenes.kit.numbers import fmt, fmt_small, say_sig, say_small
from scenes.style import *

__all__ = [
    "TRAIN_STEPS",
    "WEIGHTS",
    "Backpropagation",
    "Backward",
    "Forward",
    "backward",
    "entries_within",
    "forward",
    "forward_difference",
    "init_weights",
    "loss",
    "numeric_gradient",
    "pass_counts",
    "practice",
    "relation",
    "sigmoid",
    "train",
    "update",
]

#: The six weights, in the order of a weight vector: hidden ``w_jk`` (input k
#: into hidden unit j), then output ``v_j``.
WEIGHTS = ("w11", "w12", "w21", "w22", "v1", "v2")
#: Rounds of forward, backward, step in the machine-learning beat.
TRAIN_STEPS = 4


# -- the math ------------------------------------------------------------------------


def init_weights(seed: int) -> np.ndarray:
    """Six starting weights from ``seed``: magnitudes 0.2 to 1.5, random signs,
    rounded to one decimal so the arithmetic on screen is easy to follow."""
    rng = np.random.default_rng(seed)
    magnitude = rng.uniform(0.2, 1.5, 6)
    sign = rng.choice([-1.0, 1.0], 6)
    return np.round(magnitude * sign, 1)


def sigmoid(z: float | np.ndarray) -> float | np.ndarray:
    """The logistic function ``1 / (1 + e^-z)``, without overflow for large ``|z|``."""
    z = np.asarray(z, dtype=float)
    result = np.where(
        z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))), 1.0 - 1.0 / (1.0 + np.exp(-np.abs(z)))
    )
    return float(result) if result.ndim == 0 else result


def _split(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    theta = np.asarray(theta, dtype=float)
    return theta[:4].reshape(2, 2), theta[4:]


@dataclass(frozen=True)
class Forward:
    """Every node's value: pre-activations ``z``, hidden ``h``, output, loss."""

    z: np.ndarray
    h: np.ndarray
    yhat: float
    loss: float


@dataclass(frozen=True)
class Backward:
    """Every node's gradient ``dL/d(node)`` and the local derivatives used.

    ``dyhat = 2 (y_hat - y)``; ``dh = dyhat * v``; ``slope = sigma'(z) = h (1 - h)``;
    ``dz = dh * slope``; ``grad`` holds ``dL/dw`` in the order of :data:`WEIGHTS`
    (``dz_j * x_k`` for ``w_jk``, ``dyhat * h_j`` for ``v_j``).
    """

    dyhat: float
    dh: np.ndarray
    slope: np.ndarray
    dz: np.ndarray
    grad: np.ndarray


def forward(theta: np.ndarray, x: np.ndarray, target: float) -> Forward:
    """The forward pass: every node's value, left to right."""
    w, v = _split(theta)
    z = w @ np.asarray(x, dtype=float)
    h = np.asarray(sigmoid(z))
    yhat = float(v @ h)
    return Forward(z, h, yhat, (yhat - float(target)) ** 2)


def loss(theta: np.ndarray, x: np.ndarray, target: float) -> float:
    """``L = (y_hat - y)^2`` for the weights ``theta``."""
    return forward(theta, x, target).loss


def backward(theta: np.ndarray, x: np.ndarray, target: float) -> Backward:
    """The backward pass: every node's gradient, right to left, by the chain rule."""
    _, v = _split(theta)
    fwd = forward(theta, x, target)
    dyhat = 2.0 * (fwd.yhat - float(target))
    dh = dyhat * v
    slope = fwd.h * (1.0 - fwd.h)
    dz = dh * slope
    grad = np.concatenate(
        [np.outer(dz, np.asarray(x, dtype=float)).ravel(), dyhat * fwd.h]
    )
    return Backward(dyhat, dh, slope, dz, grad)


def numeric_gradient(
    theta: np.ndarray, x: np.ndarray, target: float, eps: float = 1e-5
) -> np.ndarray:
    """``dL/dw`` by central differences, one weight at a time (the check)."""
    theta = np.asarray(theta, dtype=float)
    grad = np.empty_like(theta)
    for i in range(len(theta)):
        step = np.zeros_like(theta)
        step[i] = eps
        grad[i] = (loss(theta + step, x, target) - loss(theta - step, x, target)) / (
            2 * eps
        )
    return grad


def forward_difference(
    theta: np.ndarray, x: np.ndarray, target: float, eps: float = 1e-6
) -> tuple[np.ndarray, int]:
    """``dL/dw`` by nudging one weight at a time, and the forward passes it took.

    One pass at ``theta``, then one more per weight with that weight nudged by
    ``eps``: ``len(theta) + 1`` passes (:func:`pass_counts`).
    """
    theta = np.asarray(theta, dtype=float)
    base, passes = loss(theta, x, target), 1
    grad = np.empty_like(theta)
    for i in range(len(theta)):
        nudged = theta.copy()
        nudged[i] += eps
        grad[i] = (loss(nudged, x, target) - base) / eps
        passes += 1
    return grad, passes


def pass_counts(weights: int) -> tuple[int, int]:
    """Passes through the network for every weight's gradient: (nudging, backprop).

    Nudging each weight needs ``weights + 1`` forward passes
    (:func:`forward_difference`); backpropagation needs one forward and one
    backward pass (:func:`backward`), whatever the number of weights.
    """
    return weights + 1, 2


def train(
    theta: np.ndarray, x: np.ndarray, target: float, rate: float, steps: int
) -> np.ndarray:
    """The loss before and after each of ``steps`` rounds of forward, backward, step.

    Shape ``(steps + 1,)``; entry 0 is the starting loss, entry 1 the loss after
    the lesson's one step.
    """
    theta = np.asarray(theta, dtype=float)
    losses = [loss(theta, x, target)]
    for _ in range(steps):
        theta = update(theta, backward(theta, x, target).grad, rate)
        losses.append(loss(theta, x, target))
    return np.array(losses)


def update(theta: np.ndarray, grad: np.ndarray, rate: float) -> np.ndarray:
    """One gradient-descent step: ``theta - rate * grad``."""
    return np.asarray(theta, dtype=float) - float(rate) * np.asarray(grad, dtype=float)


def relation(factors: list[float], result: float) -> str:
    r"""``=`` when the product of the numbers as shown reads as ``result`` does,
    else ``\approx`` (rounding on screen must not look like a wrong sum)."""
    product = math.prod(float(fmt_small(f)) for f in factors)
    return "=" if fmt_small(product) == fmt_small(result) else r"\approx"


def _sum_relation(pairs: list[tuple[float, float]], result: float) -> str:
    total = sum(float(fmt_small(a)) * float(fmt_small(b)) for a, b in pairs)
    return "=" if fmt_small(total) == fmt_small(result) else r"\approx"


def entries_within(limit: float):
    """A parameter requirement: every entry has absolute value at most ``limit``."""

    def check(value: np.ndarray) -> str | None:
        if np.max(np.abs(value)) > limit:
            return f"inputs larger than {fmt(limit)} in size do not fit the graph"
        return None

    return check


def _paren(x: float) -> str:
    """A number as a factor in a formula: negatives in parentheses."""
    shown = fmt_small(x)
    return f"({shown})" if shown.startswith("-") else shown


# -- layout (scene units) -----------------------------------------------------------
TOP, BOTTOM = 2.75, 0.35  # the graph's two rows
MID = (TOP + BOTTOM) / 2
X_IN, X_Z, X_H, X_OUT, X_L = -6.0, -2.9, 0.2, 3.3, 6.0
X_TARGET = (X_OUT + X_L) / 2
RADIUS = 0.55
VALUE = 34  # numbers in nodes and on edges (digits 14.6 px tall at 480p)
NAME = 34  # node names
WORK = 34  # formulas in the work panel
WORK_Y = (-0.75 + CONTENT_BOTTOM + 0.05) / 2  # centre of the work panel


NODES = {
    "x1": (X_IN, TOP),
    "x2": (X_IN, BOTTOM),
    "z1": (X_Z, TOP),
    "z2": (X_Z, BOTTOM),
    "h1": (X_H, TOP),
    "h2": (X_H, BOTTOM),
    "yhat": (X_OUT, MID),
    "L": (X_L, MID),
    "y": (X_TARGET, BOTTOM),
}
NAMES = {
    "x1": "x_1",
    "x2": "x_2",
    "z1": "z_1",
    "z2": "z_2",
    "h1": "h_1",
    "h2": "h_2",
    "yhat": r"\hat y",
    "L": "L",
    "y": "y",
}
#: Edges as (from, to, label key or None, where along the edge the label sits).
EDGES = (
    ("x1", "z1", "w11", 0.5),
    ("x2", "z1", "w12", 0.3),
    ("x1", "z2", "w21", 0.3),
    ("x2", "z2", "w22", 0.5),
    ("z1", "h1", "s1", 0.5),
    ("z2", "h2", "s2", 0.5),
    ("h1", "yhat", "v1", 0.5),
    ("h2", "yhat", "v2", 0.5),
    ("yhat", "L", None, 0.5),
    ("y", "L", None, 0.5),
)
#: The edge each pill labels, by key (weights, sigmoids, the loss's slope).
KEY_EDGE = {key: (a, b) for a, b, key, _ in EDGES if key} | {"out": ("yhat", "L")}
WEIGHT_TEX = {
    "w11": "w_{11}",
    "w12": "w_{12}",
    "w21": "w_{21}",
    "w22": "w_{22}",
    "v1": "v_1",
    "v2": "v_2",
}
#: Weight names as captions show them and as the narrator says them.
WEIGHT_CAPTION = {"w11": "w₁₁", "v1": "v₁", "v2": "v₂"}


def _point(name: str) -> np.ndarray:
    x, y = NODES[name]
    return np.array([x, y, 0.0])


def _d(node: str) -> str:
    r"""``\frac{\partial L}{\partial node}`` as TeX."""
    return rf"\frac{{\partial L}}{{\partial {node}}}"


D_YHAT = _d(r"\hat y")


class Backpropagation(CourseLesson):
    """Forward pass, backward pass with the chain rule, one update step."""

    params = {
        "seed": Seed(2, help="random seed of the six starting weights"),
        "x": Vector(
            [1, -0.5], help="the input (x1, x2)", require=[entries_within(3.0)]
        ),
        "target": Float(1.0, lo=-3, hi=3, help="the target output y"),
        "learning_rate": Float(
            0.2, lo=0, hi=2, lo_open=True, help="step size of the update"
        ),
    }

    # -- storyboard ---------------------------------------------------------------
    def construct(self) -> None:
        a = self.args
        self.theta = init_weights(a.seed)
        self.xin, self.target, self.rate = a.x, a.target, a.learning_rate
        self.fwd = forward(self.theta, self.xin, self.target)
        self.bwd = backward(self.theta, self.xin, self.target)
        self.new_theta = update(self.theta, self.bwd.grad, self.rate)
        self.fwd2 = forward(self.new_theta, self.xin, self.target)
        self.weight = dict(zip(WEIGHTS, self.theta, strict=True))
        self.title_card(
            "Backpropagation", "How does a network find the gradient of every weight?"
        )
        self.build_graph()
        self.explain_units()
        self.feed_inputs()
        self.forward_hidden()
        self.forward_output()
        self.backward_output()
        self.backward_hidden()
        self.backward_sigmoid()
        self.weight_gradient()
        self.all_gradients()
        self.nudge_each()
        self.reuse()
        self.update_step()
        self.forward_again()
        self.train_loop()
        self.close()

    # -- drawing helpers ------------------------------------------------------------
    def node_shape(self, name: str):
        color = {"x": BLUE, "z": INK, "h": INK, "y": GREEN, "L": RED}.get(
            name[0], ACCENT
        )
        if name == "yhat":
            color = ACCENT
        if name == "y":
            shape = Square(side_length=2 * RADIUS * 0.9)
        else:
            shape = Circle(radius=RADIUS)
        shape.set_stroke(color, width=3).set_fill(BACKGROUND, opacity=1)
        return shape.move_to(_point(name))

    def name_label(self, name: str):
        label = tex(NAMES[name], size=NAME, color=MUTED)
        direction = DOWN if NODES[name][1] == BOTTOM else UP
        return label.next_to(_point(name), direction, buff=RADIUS + 0.12)

    def edge_line(self, a: str, b: str) -> Line:
        return Line(_point(a), _point(b), buff=RADIUS, color=MUTED, stroke_width=3)

    def pill(
        self, content: str, at: np.ndarray, color: str = INK, edge: str = ""
    ) -> VGroup:
        """A label on a card, on the edge ``edge`` (a weight's or sigma's key)."""
        label = tex(content, size=VALUE, color=color)
        box = RoundedRectangle(
            corner_radius=0.1,
            width=label.width + 0.22,
            height=max(label.height, 0.26) + 0.16,
            stroke_color=color if color != INK else MUTED,
            stroke_width=1.5,
            fill_color=BACKGROUND,
            fill_opacity=1,
        )
        pill = VGroup(box, label).move_to(at)
        if edge:
            labels(label, self.edges[KEY_EDGE[edge]])
        return pill

    def edge_point(self, a: str, b: str, t: float) -> np.ndarray:
        return _point(a) + t * (_point(b) - _point(a))

    def value_in(self, name: str, value: float, color: str = INK):
        label = tex(fmt_small(value), size=VALUE, color=color)
        if label.width > 2 * RADIUS * 0.92:
            label.scale_to_fit_width(2 * RADIUS * 0.92)
        touching = [line for (a, b), line in self.edges.items() if name in (a, b)]
        return labels(label.move_to(_point(name)), self.shapes[name], *touching)

    def gradient_tag(self, name: str, value: float):
        label = tex(fmt_small(value), size=VALUE, color=RED)
        direction = UP if NODES[name][1] == BOTTOM else DOWN
        return label.next_to(_point(name), direction, buff=RADIUS + 0.1)

    def flash(self, a: str, b: str, color: str = ACCENT) -> ShowPassingFlash:
        line = Line(_point(a), _point(b), buff=RADIUS, stroke_width=7, color=color)
        return ShowPassingFlash(line, time_width=0.6)

    def work(self, *lines: str, colors: dict[int, str] | None = None) -> VGroup:
        """The work panel at the bottom: one formula per line."""
        rows = VGroup(*(tex(line, size=WORK) for line in lines))
        for i, color in (colors or {}).items():
            rows[i].set_color(color)
        rows.arrange(DOWN, buff=0.28)
        if rows.width > config.frame_width - 1.2:
            rows.scale_to_fit_width(config.frame_width - 1.2)
        card = panel(rows)
        return card.move_to([0, WORK_Y, 0])

    def show_work(self, card: VGroup, run_time: float = 0.8) -> None:
        if getattr(self, "work_card", None) is None:
            self.play(FadeIn(card, shift=0.2 * UP), run_time=run_time)
        else:
            self.play(ReplacementTransform(self.work_card, card), run_time=run_time)
        self.work_card = card

    # -- the network ------------------------------------------------------------------
    def build_graph(self) -> None:
        self.work_card = None
        self.edges = {(a, b): self.edge_line(a, b) for a, b, _, _ in EDGES}
        self.shapes = {name: self.node_shape(name) for name in NODES}
        self.names = {name: self.name_label(name) for name in NODES}
        with self.beat(
            "Here is a tiny network as a graph: two inputs, two hidden units, one "
            "output, and a loss that compares the output with a target.",
            chapter="The network",
        ):
            self.play(
                *(FadeIn(self.shapes[n], scale=0.8) for n in ("x1", "x2")),
                *(FadeIn(self.names[n]) for n in ("x1", "x2")),
                run_time=0.6,
            )
            layers = (("z1", "z2"), ("h1", "h2"), ("yhat",), ("L", "y"))
            for layer in layers:
                self.play(
                    *(
                        Create(line)
                        for (a, b), line in self.edges.items()
                        if b in layer or (a in layer and b in layer)
                    ),
                    *(FadeIn(self.shapes[n], scale=0.8) for n in layer),
                    *(FadeIn(self.names[n]) for n in layer),
                    run_time=0.6,
                )

    def explain_units(self) -> None:
        self.pills = {}
        for a, b, key, t in EDGES:
            if key is None:
                continue
            content = r"\sigma" if key.startswith("s") else WEIGHT_TEX[key]
            self.pills[key] = self.pill(content, self.edge_point(a, b, t), edge=key)
        card = self.work(
            r"z_j = w_{j1} x_1 + w_{j2} x_2 \qquad h_j = \sigma(z_j)",
            r"\hat y = v_1 h_1 + v_2 h_2 \qquad L = (\hat y - y)^2",
        )
        with self.beat(
            "Each hidden unit sums its weighted inputs, then applies a sigmoid, σ. "
            "The output ŷ is a weighted sum of the hidden units; the loss is the "
            "squared error.",
            say="Each hidden unit sums its weighted inputs, then applies a sigmoid. "
            "The output, y hat, is a weighted sum of the hidden units; the loss is "
            "the squared error.",
        ):
            self.play(FadeIn(VGroup(*self.pills.values()), lag_ratio=0.1), run_time=1.0)
            self.show_work(card)

    # -- forward pass -------------------------------------------------------------------
    def feed_inputs(self) -> None:
        x1, x2 = self.xin
        self.values = {
            "x1": self.value_in("x1", x1, BLUE),
            "x2": self.value_in("x2", x2, BLUE),
            "y": self.value_in("y", self.target, GREEN),
        }
        numbers = {
            key: self.pill(
                fmt_small(self.weight[key]), self.pills[key].get_center(), edge=key
            )
            for key in WEIGHTS
        }
        card = self.work(
            rf"x = ({fmt_small(x1)},\ {fmt_small(x2)}) \qquad y = {fmt_small(self.target)}",
        )
        with self.beat(
            "Forward pass. The weights start out random. Feed in "
            f"x = ({fmt_small(x1)}, {fmt_small(x2)}), with target {fmt_small(self.target)}.",
            say="Forward pass. The weights start out random. Feed in x equals "
            f"{say_small(x1)} and {say_small(x2)}, with target {say_small(self.target)}.",
            chapter="Forward pass",
        ):
            self.play(
                *(ReplacementTransform(self.pills[k], numbers[k]) for k in WEIGHTS),
                run_time=0.8,
            )
            self.pills.update(numbers)
            self.play(
                *(FadeIn(v, scale=0.7) for v in self.values.values()), run_time=0.6
            )
            self.show_work(card)

    def hidden_line(self, j: int) -> str:
        x1, x2 = self.xin
        w1, w2 = self.weight[f"w{j}1"], self.weight[f"w{j}2"]
        z, h = self.fwd.z[j - 1], self.fwd.h[j - 1]
        eq = _sum_relation([(w1, x1), (w2, x2)], z)
        return (
            rf"z_{j} = {_paren(w1)} \cdot {_paren(x1)} + {_paren(w2)} \cdot {_paren(x2)}"
            rf" {eq} {fmt_small(z)} \qquad h_{j} = \sigma({fmt_small(z)}) = {fmt_small(h)}"
        )

    def forward_hidden(self) -> None:
        f = self.fwd
        for j in (1, 2):
            self.values[f"z{j}"] = self.value_in(f"z{j}", f.z[j - 1])
            self.values[f"h{j}"] = self.value_in(f"h{j}", f.h[j - 1])
        card = self.work(self.hidden_line(1), self.hidden_line(2))
        with self.beat(
            f"Left to right: z₁ = {fmt_small(f.z[0])}, so h₁ = σ({fmt_small(f.z[0])}) = "
            f"{fmt_small(f.h[0])}. Likewise h₂ = {fmt_small(f.h[1])}.",
            say=f"Left to right: z 1 is {say_small(f.z[0])}, so h 1, its sigmoid, is "
            f"{say_small(f.h[0])}. Likewise, h 2 is {say_small(f.h[1])}.",
        ):
            self.show_work(card)
            for j in (1, 2):
                z, h = f"z{j}", f"h{j}"
                self.play(self.flash("x1", z), self.flash("x2", z), run_time=0.7)
                self.play(FadeIn(self.values[z], scale=0.7), run_time=0.4)
                self.play(self.flash(z, h), run_time=0.6)
                self.play(FadeIn(self.values[h], scale=0.7), run_time=0.4)

    def forward_output(self) -> None:
        f = self.fwd
        v1, v2 = self.weight["v1"], self.weight["v2"]
        self.values["yhat"] = self.value_in("yhat", f.yhat, ACCENT)
        self.values["L"] = self.value_in("L", f.loss, RED)
        eq = _sum_relation([(v1, f.h[0]), (v2, f.h[1])], f.yhat)
        eq_l = (
            "="
            if fmt_small((float(fmt_small(f.yhat)) - self.target) ** 2)
            == fmt_small(f.loss)
            else r"\approx"
        )
        card = self.work(
            rf"\hat y = {_paren(v1)} \cdot {fmt_small(f.h[0])} + {_paren(v2)} \cdot "
            rf"{fmt_small(f.h[1])} {eq} {fmt_small(f.yhat)}",
            rf"L = ({fmt_small(f.yhat)} - {_paren(self.target)})^2 {eq_l} {fmt_small(f.loss)}",
        )
        with self.beat(
            f"So the output is ŷ = {fmt_small(f.yhat)}. Against the target, "
            f"{fmt_small(self.target)}, the loss is {fmt_small(f.loss)}.",
            say=f"So the output, y hat, is {say_small(f.yhat)}. Against the target, "
            f"{say_small(self.target)}, the loss is {say_small(f.loss)}.",
        ):
            self.show_work(card)
            self.play(self.flash("h1", "yhat"), self.flash("h2", "yhat"), run_time=0.7)
            self.play(FadeIn(self.values["yhat"], scale=0.7), run_time=0.4)
            self.play(self.flash("yhat", "L"), self.flash("y", "L"), run_time=0.7)
            self.play(FadeIn(self.values["L"], scale=0.7), run_time=0.4)

    # -- backward pass ------------------------------------------------------------------
    def backward_output(self) -> None:
        f, g = self.fwd, self.bwd
        legend = VGroup(
            text("value", SMALL, INK),
            text("gradient", SMALL, RED),
            text("local slope", SMALL, ORANGE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        legend.to_corner(RIGHT + UP, buff=0.3)
        self.legend = legend
        self.tags = {"L": self.gradient_tag("L", 1.0)}
        self.tags["yhat"] = self.gradient_tag("yhat", g.dyhat)
        local = self.pill(
            r"2(\hat y - y)", self.edge_point("yhat", "L", 0.5), ORANGE, edge="out"
        )
        self.local = {"out": local}
        relation_ = (
            "="
            if fmt_small(2 * (float(fmt_small(f.yhat)) - self.target))
            == fmt_small(g.dyhat)
            else r"\approx"
        )
        card = self.work(
            rf"{_d('L')} = 1 \qquad {D_YHAT} = 1 \cdot 2(\hat y - y) = "
            rf"2({fmt_small(f.yhat)} - {_paren(self.target)}) {relation_} {fmt_small(g.dyhat)}",
            colors={},
        )
        with self.beat(
            "Now go backwards, starting with gradient 1 at the loss. The loss's "
            f"local slope in ŷ is 2(ŷ − y), so ∂L/∂ŷ = {fmt_small(g.dyhat)}.",
            say="Now go backwards, starting with gradient 1 at the loss. The loss's "
            "local slope in y hat is 2 times y hat minus y, so the gradient at y hat "
            f"is {say_small(g.dyhat)}.",
            chapter="Backward pass",
        ):
            self.play(FadeIn(legend), run_time=0.6)
            self.play(FadeIn(self.tags["L"], shift=0.1 * DOWN), run_time=0.5)
            self.show_work(card)
            self.play(FadeIn(local), self.flash("L", "yhat", RED), run_time=0.8)
            self.play(FadeIn(self.tags["yhat"], shift=0.1 * DOWN), run_time=0.5)

    def backward_hidden(self) -> None:
        g = self.bwd
        v1, v2 = self.weight["v1"], self.weight["v2"]
        lines = []
        for j, v in ((1, v1), (2, v2)):
            dh = g.dh[j - 1]
            self.tags[f"h{j}"] = self.gradient_tag(f"h{j}", dh)
            eq = relation([g.dyhat, v], dh)
            lines.append(
                rf"{_d(f'h_{j}')} = {D_YHAT} \cdot v_{j} = "
                rf"{_paren(g.dyhat)} \cdot {_paren(v)} {eq} {fmt_small(dh)}"
            )
        card = self.work(*lines)
        with self.beat(
            "ŷ changes with h₁ at rate v₁ and with h₂ at rate v₂. Multiply by "
            "those rates to get the gradients at h₁ and h₂.",
            say="y hat changes with h 1 at rate v 1, and with h 2 at rate v 2. "
            "Multiply by those rates to get the gradients at h 1 and h 2.",
        ):
            self.show_work(card)
            self.play(
                *(
                    self.pills[k][0].animate.set_stroke(ORANGE, width=3)
                    for k in ("v1", "v2")
                ),
                *(self.pills[k][1].animate.set_color(ORANGE) for k in ("v1", "v2")),
                self.flash("yhat", "h1", RED),
                self.flash("yhat", "h2", RED),
                run_time=0.8,
            )
            self.play(
                FadeIn(self.tags["h1"], shift=0.1 * DOWN),
                FadeIn(self.tags["h2"], shift=0.1 * UP),
                run_time=0.6,
            )

    def backward_sigmoid(self) -> None:
        g = self.bwd
        lines, slopes = [], {}
        for j in (1, 2):
            s, dz = g.slope[j - 1], g.dz[j - 1]
            self.tags[f"z{j}"] = self.gradient_tag(f"z{j}", dz)
            slopes[f"s{j}"] = self.pill(
                rf"\sigma' = {fmt_small(s)}",
                self.pills[f"s{j}"].get_center(),
                ORANGE,
                edge=f"s{j}",
            )
            eq = relation([g.dh[j - 1], s], dz)
            lines.append(
                rf"{_d(f'z_{j}')} = {_d(f'h_{j}')} \cdot h_{j}(1 - h_{j}) = "
                rf"{_paren(g.dh[j - 1])} \cdot {fmt_small(s)} {eq} {fmt_small(dz)}"
            )
        card = self.work(*lines)
        with self.beat(
            "Through each sigmoid, multiply by its local slope, h(1 − h), to get "
            "the gradients at z₁ and z₂.",
            say="Through each sigmoid, multiply by its local slope, h times 1 minus "
            "h, to get the gradients at z 1 and z 2.",
        ):
            self.show_work(card)
            self.play(
                *(ReplacementTransform(self.pills[k], slopes[k]) for k in ("s1", "s2")),
                self.flash("h1", "z1", RED),
                self.flash("h2", "z2", RED),
                run_time=0.8,
            )
            self.pills.update(slopes)
            self.play(
                FadeIn(self.tags["z1"], shift=0.1 * DOWN),
                FadeIn(self.tags["z2"], shift=0.1 * UP),
                run_time=0.6,
            )

    def weight_gradient(self) -> None:
        g, x1 = self.bwd, self.xin[0]
        g11 = g.grad[0]
        v1, s1 = self.weight["v1"], g.slope[0]
        eq = relation([g.dyhat, v1, s1, x1], g11)
        card = self.work(
            rf"{_d('w_{11}')} = {D_YHAT} \cdot v_1 \cdot \sigma'(z_1) \cdot x_1",
            rf"= {_paren(g.dyhat)} \cdot {_paren(v1)} \cdot {fmt_small(s1)} \cdot "
            rf"{_paren(x1)} {eq} {fmt_small(g11)}",
        )
        path = [("L", "yhat"), ("yhat", "h1"), ("h1", "z1"), ("z1", "x1")]
        self.w11_tag = tex(fmt_small(g11), size=VALUE, color=RED).next_to(
            self.pills["w11"], UP, buff=0.12
        )
        with self.beat(
            f"Last, a weight: z₁ changes with w₁₁ at rate x₁. So ∂L/∂w₁₁ = "
            f"{fmt_small(g11)}, the product of the local slopes along the path. That is "
            "the chain rule.",
            say="Last, a weight: z 1 changes with w 1 1 at rate x 1. So the gradient "
            f"of w 1 1 is {say_small(g11)}, the product of the local slopes along the path. "
            "That is the chain rule.",
            key=True,
        ):
            self.show_work(card)
            for a, b in path:
                self.play(self.flash(a, b, RED), run_time=0.5)
            self.play(
                self.edges[("x1", "z1")].animate.set_stroke(ACCENT, width=6),
                self.pills["w11"][0].animate.set_stroke(ACCENT, width=3),
                Indicate(self.values["x1"], color=ORANGE),
                run_time=0.9,
            )
            self.play(FadeIn(self.w11_tag, shift=0.1 * UP), run_time=0.5)

    def all_gradients(self) -> None:
        g = self.bwd
        cells = [
            rf"{_d(WEIGHT_TEX[k])} = {fmt_small(v)}"
            for k, v in zip(WEIGHTS, g.grad, strict=True)
        ]
        card = self.work(
            r" \qquad ".join(cells[:3]),
            r" \qquad ".join(cells[3:]),
        )
        with self.beat("One backward sweep gives all six gradients."):
            self.play(
                FadeOut(self.w11_tag),
                self.edges[("x1", "z1")].animate.set_stroke(MUTED, width=3),
                self.pills["w11"][0].animate.set_stroke(MUTED, width=1.5),
                run_time=0.4,
            )
            self.show_work(card)
            self.play(
                *(self.flash(b, a, RED) for a, b, key, _ in EDGES if key in WEIGHTS),
                run_time=1.0,
            )

    # -- why a backward pass ------------------------------------------------------------
    def nudge_each(self) -> None:
        nudged, _ = pass_counts(len(WEIGHTS))
        counter = Integer(1, font_size=WORK, color=INK)
        label = text("forward passes, nudging one weight at a time:", SMALL, INK)
        row = VGroup(label, counter).arrange(RIGHT, buff=0.25)
        card = panel(row).move_to([0, WORK_Y, 0])
        sweep = [("x1", "z1"), ("x2", "z2"), ("z1", "h1"), ("z2", "h2")]
        sweep += [("h1", "yhat"), ("h2", "yhat"), ("yhat", "L")]
        with self.beat(
            "Why go backwards? The obvious way is to nudge each weight and run the "
            "network again to see the loss change: one forward pass per weight, "
            f"{nudged} here counting the first.",
            chapter="Why backwards",
        ):
            self.play(FadeOut(self.work_card), FadeIn(card), run_time=0.6)
            self.work_card = card
            for k, key in enumerate(WEIGHTS, start=2):
                self.play(
                    Indicate(self.pills[key], color=ACCENT, scale_factor=1.15),
                    *(self.flash(a, b) for a, b in sweep),
                    counter.animate.set_value(k),
                    run_time=0.55,
                )

    def reuse(self) -> None:
        nudged, backprop = pass_counts(len(WEIGHTS))
        big_n = 1_000_000
        big_nudged, _ = pass_counts(big_n)
        card = self.work(
            rf"\text{{nudging each weight: }} {nudged} \text{{ forward passes}}",
            r"\text{backpropagation: 1 forward} + \text{1 backward pass}",
            rf"\text{{a million weights: }} {big_nudged:,} \text{{ passes vs. }} "
            f"{backprop}".replace(",", "{,}"),
            colors={1: GREEN},
        )
        with self.beat(
            "Backpropagation reuses instead: the gradient at z₁ serves both its "
            "weights, the gradient at ŷ everything before it. One backward pass gives "
            f"all {len(WEIGHTS)}: {backprop} passes against {nudged}, or against a "
            "million and one for a million weights.",
            say="Backpropagation reuses instead: the gradient at z 1 serves both its "
            "weights, the gradient at y hat everything before it. One backward pass "
            f"gives all {len(WEIGHTS)}: {backprop} passes against {nudged}, or against "
            "a million and one for a million weights.",
        ):
            self.play(
                Indicate(self.tags["z1"], color=RED),
                self.flash("z1", "x1", RED),
                self.flash("z1", "x2", RED),
                Indicate(self.pills["w11"], color=RED, scale_factor=1.15),
                Indicate(self.pills["w12"], color=RED, scale_factor=1.15),
                run_time=1.0,
            )
            self.play(
                Indicate(self.tags["yhat"], color=RED),
                *(self.flash("yhat", h, RED) for h in ("h1", "h2")),
                *(
                    Indicate(self.pills[k], color=RED, scale_factor=1.15)
                    for k in ("v1", "v2")
                ),
                run_time=1.0,
            )
            self.show_work(card)
            self.wait(1.5)

    # -- one update step ---------------------------------------------------------------
    def update_step(self) -> None:
        g, eta = self.bwd, self.rate
        w11, new11 = self.weight["w11"], self.new_theta[0]
        eq = (
            "="
            if fmt_small(
                float(fmt_small(w11))
                - float(fmt_small(eta)) * float(fmt_small(g.grad[0]))
            )
            == fmt_small(new11)
            else r"\approx"
        )
        card = self.work(
            rf"w \leftarrow w - \eta\, {_d('w')} \qquad \eta = {fmt_small(eta)}",
            rf"w_{{11}}:\ {fmt_small(w11)} - {fmt_small(eta)} \cdot {_paren(g.grad[0])} {eq} "
            rf"{fmt_small(new11)}",
        )
        numbers = {
            key: self.pill(
                fmt_small(value), self.pills[key].get_center(), ACCENT, edge=key
            )
            for key, value in zip(WEIGHTS, self.new_theta, strict=True)
        }
        with self.beat(
            "Now step every weight against its gradient, scaled by the learning "
            f"rate, {fmt_small(eta)}.",
            say="Now step every weight against its gradient, scaled by the learning "
            f"rate, {say_small(eta)}.",
            chapter="One update step",
        ):
            self.show_work(card)
            self.play(
                *(ReplacementTransform(self.pills[k], numbers[k]) for k in WEIGHTS),
                run_time=1.0,
            )
            self.pills.update(numbers)

    def forward_again(self) -> None:
        f, f2 = self.fwd, self.fwd2
        sigmas = {
            f"s{j}": self.pill(
                r"\sigma", self.pills[f"s{j}"].get_center(), edge=f"s{j}"
            )
            for j in (1, 2)
        }
        news = {
            name: self.value_in(name, value, color)
            for name, value, color in (
                ("z1", f2.z[0], INK),
                ("z2", f2.z[1], INK),
                ("h1", f2.h[0], INK),
                ("h2", f2.h[1], INK),
                ("yhat", f2.yhat, ACCENT),
                ("L", f2.loss, RED),
            )
        }
        lower = f2.loss < f.loss
        card = self.work(
            rf"\hat y:\ {fmt_small(f.yhat)} \to {fmt_small(f2.yhat)} \qquad "
            rf"L:\ {fmt_small(f.loss)} \to {fmt_small(f2.loss)}",
            colors={0: GREEN if lower else RED},
        )
        if lower:
            ending = (
                f"and the loss falls from {fmt_small(f.loss)} to {fmt_small(f2.loss)}."
            )
            spoken = (
                f"and the loss falls from {say_small(f.loss)} to {say_small(f2.loss)}."
            )
        else:
            ending = (
                f"but the loss rises from {fmt_small(f.loss)} to {fmt_small(f2.loss)}: the step "
                "was too big and overshot."
            )
            spoken = (
                f"but the loss rises from {say_small(f.loss)} to {say_small(f2.loss)}: the step "
                "was too big and overshot."
            )
        with self.beat(
            f"Forward again with the new weights: ŷ moves from {fmt_small(f.yhat)} to "
            f"{fmt_small(f2.yhat)}, " + ending,
            say=f"Forward again with the new weights: y hat moves from {say_small(f.yhat)} "
            f"to {say_small(f2.yhat)}, " + spoken,
        ):
            self.play(
                FadeOut(*self.tags.values(), self.local["out"], self.legend),
                *(ReplacementTransform(self.pills[k], sigmas[k]) for k in sigmas),
                *(
                    self.pills[k][0].animate.set_stroke(MUTED, width=1.5)
                    for k in WEIGHTS
                ),
                *(self.pills[k][1].animate.set_color(INK) for k in WEIGHTS),
                run_time=0.8,
            )
            self.pills.update(sigmas)
            for group in (("z1", "z2"), ("h1", "h2"), ("yhat",), ("L",)):
                self.play(
                    *(ReplacementTransform(self.values[n], news[n]) for n in group),
                    run_time=0.5,
                )
                self.values.update({n: news[n] for n in group})
            self.show_work(card)

    # -- machine learning ----------------------------------------------------------------
    def train_loop(self) -> None:
        losses = train(self.theta, self.xin, self.target, self.rate, TRAIN_STEPS)
        top = max(float(losses.max()), 1e-9) * 1.1
        axes = plot_axes(
            [0, TRAIN_STEPS, 1],
            [0, top, top],
            width=6.0,
            height=1.7,
            centre=[0.6, WORK_Y + 0.1],
            tick_size=0.05,
        )
        name = text("loss", SMALL, RED).next_to(axes.y_axis, LEFT, buff=0.2)
        name.align_to(axes.y_axis, UP)
        step = text("step", SMALL, MUTED).next_to(axes.x_axis, DOWN, buff=0.15)
        step.align_to(axes.x_axis, RIGHT)
        dots = [
            Dot(axes.c2p(k, float(v)), radius=0.07, color=RED)
            for k, v in enumerate(losses)
        ]
        segments = [
            Line(a.get_center(), b.get_center(), color=RED, stroke_width=3)
            for a, b in itertools.pairwise(dots)
        ]
        first, last = float(losses[0]), float(losses[-1])
        verb = "falls" if last < first else "rises"
        ends = VGroup(
            tex(fmt_small(first), size=VALUE, color=RED).next_to(
                dots[0], UR if losses[1] <= losses[0] else DR, 0.1
            ),
            tex(fmt_small(last), size=VALUE, color=RED).next_to(dots[-1], UR, 0.1),
        )
        self.train_plot = VGroup(axes, name, step)
        forward_edges = [(a, b) for a, b, _, _ in EDGES if b != "L" or a == "yhat"]
        with self.beat(
            "In machine learning, training is this loop, over and over: forward, "
            f"backward, step. In {TRAIN_STEPS} rounds the loss {verb} from "
            f"{fmt_small(first)} to {fmt_small(last)}. Libraries such as PyTorch build "
            "the backward pass for you.",
            say="In machine learning, training is this loop, over and over: forward, "
            f"backward, step. In {TRAIN_STEPS} rounds the loss {verb} from "
            f"{say_sig(first)} to {say_sig(last)}. Libraries such as PyTorch build "
            "the backward pass for you.",
            chapter="In machine learning",
        ):
            self.play(
                FadeOut(self.work_card), Create(axes), FadeIn(name, step), run_time=0.8
            )
            self.work_card = None
            self.play(FadeIn(dots[0], scale=0.5), run_time=0.3)
            self.play(FadeIn(ends[0]), run_time=0.3)
            for k in range(1, len(dots)):
                self.play(
                    *(self.flash(a, b) for a, b in forward_edges),
                    run_time=0.3,
                )
                self.play(
                    *(self.flash(b, a, RED) for a, b in forward_edges),
                    FadeIn(dots[k], scale=0.5),
                    Create(segments[k - 1]),
                    run_time=0.3,
                )
            self.play(FadeIn(ends[1]), run_time=0.3)

    def close(self) -> None:
        graph = [
            *self.edges.values(),
            *self.shapes.values(),
            *self.names.values(),
            *self.pills.values(),
            *self.values.values(),
        ]
        parts = {id(m) for m in graph}
        on_screen = [
            m for m in self.mobjects if any(id(f) in parts for f in m.get_family())
        ]
        self.recap_over(
            on_screen,
            "Forward fills in the values left to right; backward multiplies local "
            "slopes right to left, reusing each gradient.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on the backward pass of the lesson's network, numbers drawn from ``seed``.

    New input, weights and target for each seed. The first-layer weights are
    drawn perpendicular to the input, so both pre-activations are 0, the hidden
    values are σ(0) = 0.5 and σ'(0) = 0.25: everything works out by hand. Three
    exercises from :func:`forward`, :func:`backward` and :func:`update`:
    dL/dv₁, dL/dw₁₁ and the updated output weights.
    """
    rng = np.random.default_rng(seed)
    fmt, vec = kit_numbers.fmt, kit_numbers.fmt_vec
    x = rng.choice([-2.0, -1.0, 1.0, 2.0], size=2)
    across = np.array([x[1], -x[0]])
    w = np.vstack(
        [float(rng.choice([-1.0, -0.5, 0.5, 1.0])) * across for _ in range(2)]
    )
    v = rng.choice([-1.5, -1.0, -0.5, 0.5, 1.0, 1.5], size=2)
    target = float(rng.integers(-2, 3))
    rate = float(rng.choice([0.1, 0.5, 1.0]))
    theta = np.concatenate([w.ravel(), v])
    fwd, back = forward(theta, x, target), backward(theta, x, target)
    new_v = update(theta, back.grad, rate)[4:]
    net = (
        f"Input $x = {vec(x)}$, hidden $h_j = \\sigma(w_{{j1}} x_1 + w_{{j2}} x_2)$ with "
        f"$w_{{11}}, w_{{12}} = {fmt(w[0, 0])}, {fmt(w[0, 1])}$ and "
        f"$w_{{21}}, w_{{22}} = {fmt(w[1, 0])}, {fmt(w[1, 1])}$; output "
        f"$\\hat y = v_1 h_1 + v_2 h_2$ with $v_1, v_2 = {fmt(v[0])}, {fmt(v[1])}$; "
        f"loss $L = (\\hat y - y)^2$ with target $y = {fmt(target)}$."
    )
    forward_text = (
        f"$z = {vec(fwd.z)}$, $h = {vec(fwd.h)}$, $\\hat y = {fmt(fwd.yhat, 3)}$, "
        f"$\\partial L/\\partial \\hat y = 2(\\hat y - y) = {fmt(back.dyhat, 3)}$"
    )
    return [
        Exercise(
            id="backpropagation-1",
            prompt=f"{net} What is $\\partial L/\\partial v_1$?",
            kind="number",
            answer=back.grad[4],
            tolerance=0.005,
            hint="Forward first (σ(0) = 0.5), then ∂L/∂v₁ = ∂L/∂ŷ · h₁.",
            solution=(
                f"{forward_text}; $\\partial L/\\partial v_1 = {fmt(back.dyhat, 3)} \\cdot "
                f"{fmt(fwd.h[0])} = {fmt(back.grad[4], 3)}$."
            ),
        ),
        Exercise(
            id="backpropagation-2",
            prompt=f"{net} What is $\\partial L/\\partial w_{{11}}$?",
            kind="number",
            answer=back.grad[0],
            tolerance=0.005,
            hint="Chain backwards: ∂L/∂ŷ · v₁ · σ'(z₁) · x₁, with σ'(z) = h (1 − h).",
            solution=(
                f"{forward_text}; $\\partial L/\\partial h_1 = {fmt(back.dh[0], 3)}$, "
                f"$\\sigma'(z_1) = {fmt(back.slope[0])}$, "
                f"$\\partial L/\\partial z_1 = {fmt(back.dz[0], 4)}$, so "
                f"$\\partial L/\\partial w_{{11}} = {fmt(back.dz[0], 4)} \\cdot "
                f"{kit_numbers.factor(fmt(x[0]))} = {fmt(back.grad[0], 4)}$."
            ),
        ),
        Exercise(
            id="backpropagation-3",
            prompt=(
                f"{net} After one gradient-descent step with learning rate "
                f"$\\eta = {fmt(rate)}$, what are the new $(v_1, v_2)$?"
            ),
            kind="vector",
            answer=new_v,
            tolerance=0.005,
            hint="∂L/∂vⱼ = ∂L/∂ŷ · hⱼ; then vⱼ − η ∂L/∂vⱼ.",
            solution=(
                f"{forward_text}; $\\partial L/\\partial v = {vec(back.grad[4:], 3)}$, so "
                f"$v = {vec(v)} - {fmt(rate)} \\cdot {vec(back.grad[4:], 3)} = {vec(new_v, 3)}$."
            ),
        ),
    ]
