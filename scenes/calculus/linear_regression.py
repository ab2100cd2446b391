"""Linear regression: fit a line by following the gradient of the mean squared error.

A seeded, noisy scatter of ``n`` points around a hidden line. The model is a line
``y_hat = w x + b``; its residuals are the vertical gaps to the points, and its loss
is their mean square, ``L(w, b)``. The chain rule gives ``dL/dw`` and ``dL/db``;
gradient descent steps against them, the line settles and the loss falls. For a
line the minimum can also be solved in one shot (the normal equations), and the
two answers agree. A learning rate that is too large makes every step overshoot:
the descent diverges, which the pure functions detect and the scene shows,
without a single non-finite number.

The gradient is derived from the picture, not asserted: each residual is copied
into a bar at its point's x; nudging ``b`` moves every prediction equally, so the
loss's slope in ``b`` is ``2/n`` times the sum of the bars; nudging ``w`` turns
the line about ``x = 0``, so each bar is multiplied by its ``x``. The
machine-learning beat scores the fitted line on fresh points from the same
hidden line (held-out loss against training loss).

With ``dataset=diabetes`` the points are real instead: ``points`` patients of
the diabetes study that ships inside scikit-learn (442 patients, read offline
through :mod:`scenes.kit.datasets`), drawn by ``seed`` without replacement;
x is the body-mass index standardised over all 442 patients (in standard
deviations from their mean, so the loss bowl is round and gradient descent
needs few steps, as features are prepared for it in practice), y the disease
progression score one year after baseline, in the study's own units (25 to
346). The held-out points of the machine-learning beat are another
``points`` patients from the same draw, none of them in the training set.
There is no hidden line, so none is drawn or mentioned; the axes and the
nudges scale to the data (a nudge of b moves the line by 0.6 standard
deviations of y).

Every number on screen comes from the pure functions below (numpy only), which
the tests check on their own (for the diabetes data, against numpy's
``polyfit`` and scikit-learn's ``LinearRegression`` on rows read in the test).

General claims (text and narration), and why each holds:

- "A residual is the vertical gap; the loss is the mean of their squares":
  definitions (:func:`residuals`, :func:`mse`).
- "A point above the line gives a bar pointing down": ``r_i = y_hat_i - y_i``
  is negative exactly when the point is above (definition).
- "Nudging b moves every prediction by the nudge, so each squared residual
  changes by about twice the residual times the nudge; the slope in b is 2/n
  times the sum of the bars": ``(r + h)^2 - r^2 = 2 r h + h^2``; tested
  (``test_each_points_share_of_the_gradient_is_its_nudge``, Hypothesis) against
  the loss's exact change, and the gradient against central differences.
- "Nudging w turns the line about x = 0; the prediction at x moves by x times
  the nudge, most for far points; the slope in w is 2/n times the sum of
  residual times x": ``(w + h) x + b - (w x + b) = h x``; same tests.
- "Raising/lowering w and b lowers the loss": read off the gradient's signs
  (:func:`_sign_word`), first order, said for the flat line only.
- "One step: the loss drops to / overshoots to ...", "After N steps the loss
  has fallen ... flattened out / still falling / diverges": computed from
  :func:`gradient_descent` and :func:`outcome`; tested at the lesson's settings.
- "For a line we can jump straight to the bottom with the normal equations":
  the MSE is a convex quadratic and ``X^T X`` is invertible for distinct x
  (the x values are stratified, so distinct); :func:`least_squares` tested
  against ``numpy.linalg.lstsq`` and zero gradient.
- "Gradient descent gives the same as least squares": said only when both read
  the same on screen (:func:`outcome`).
- "The noise kept the fit off the hidden line" / "the fit matches it":
  computed by :func:`hidden_words` (Hypothesis test, noise 0 matches).
- "Descent needs only the gradient, so the same loop trains models with
  millions of weights": each step needs one gradient and no system to solve;
  that is how large models are trained (no claim that it is fast).
- "Stable for rates below L; ours is / is not below it": ``L = 2 / lambda_max``
  of the Hessian (:func:`stable_rate_limit`); :func:`rate_words` tested with
  Hypothesis against what descent does on either side.
- "A model is judged by its loss on data it never saw": the fresh points are an
  independent draw (``stream=1``) from the same hidden line; both losses shown
  come from :func:`mse` and are tested on screen.
- With ``dataset=diabetes``: "n diabetes patients: x is body-mass index,
  standardised (the card: in SDs from the average); y, how far the disease
  progressed in a year" (:func:`diabetes_data`, tested: the rows are
  the loader's, the x values its BMI standardised); "real data has no hidden
  line" (there is none; no hidden line is drawn or claimed); "n other patients"
  (stream 1 shares no row with stream 0, tested).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Float, Int, Seed
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.axes import TICK_NUMBERS, plot_axes
from scenes.kit.datasets import feature_columns
from scenes.kit.numbers import fmt, say_num, say_sig
from scenes.style import *

__all__ = [
    "BLOWUP",
    "DATASETS",
    "DIGITS",
    "STEPS",
    "X_SPAN",
    "Descent",
    "LinearRegression",
    "at_step",
    "big",
    "clip_segment",
    "data_words",
    "diabetes_data",
    "displayed",
    "gradient_descent",
    "gradient_step",
    "gradient_terms",
    "hidden_words",
    "least_squares",
    "loss_window",
    "make_data",
    "mse",
    "mse_gradient",
    "nice_range",
    "outcome",
    "practice",
    "predict",
    "rate_words",
    "residuals",
    "stable_rate_limit",
]

#: Where the points' x values lie.
X_SPAN = (-3.0, 3.0)
#: Gradient-descent steps the lesson runs.
STEPS = 50
#: A loss this many times the starting loss counts as diverged; descent stops there.
BLOWUP = 100.0
#: Decimal places of w, b and the loss on screen.
DIGITS = 2
#: Where the points come from: a seeded noisy line, or real diabetes patients.
DATASETS = ("synthetic", "diabetes")


# -- the math ------------------------------------------------------------------------


def make_data(
    seed: int,
    n: int,
    slope: float,
    intercept: float,
    noise: float,
    stream: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points ``(x, y)`` scattered around ``y = slope * x + intercept``.

    The x values are stratified over :data:`X_SPAN` (one uniform draw in each of
    ``n`` equal slices, so they spread out and come sorted); ``y`` adds normal
    noise of standard deviation ``noise``. ``stream`` 0 is the training data;
    another stream gives fresh points from the same line (independent draws).
    """
    rng = np.random.default_rng(seed if stream == 0 else (seed, stream))
    lo, hi = X_SPAN
    x = lo + (hi - lo) * (np.arange(n) + rng.uniform(0.0, 1.0, n)) / n
    y = slope * x + intercept + noise * rng.standard_normal(n)
    return x, y


def diabetes_data(seed: int, n: int, stream: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` patients of scikit-learn's bundled diabetes data: ``(x, y)``, each ``(n,)``.

    ``x`` is the body-mass index standardised over all 442 patients
    (``(bmi - mean) / sd``, population sd), ``y`` the disease progression one
    year after baseline (the dataset's target, 25 to 346). The patients are a
    ``seed``-ed permutation's rows ``stream * n`` to ``(stream + 1) * n``: stream
    0 is the training data, stream 1 as many other patients (no row in both).
    Sorted by ``x`` (ties keep the permutation's order), as :func:`make_data`.

    Raises
    ------
    ValueError
        When ``(stream + 1) * n`` exceeds the 442 patients.
    """
    table = feature_columns("diabetes", "bmi", "target")
    bmi, y = table[:, 0], table[:, 1]
    if (stream + 1) * n > len(y):
        raise ValueError(f"only {len(y)} patients: cannot take {n} for stream {stream}")
    z = (bmi - bmi.mean()) / bmi.std()
    rows = np.random.default_rng(seed).permutation(len(y))[
        stream * n : (stream + 1) * n
    ]
    rows = rows[np.argsort(z[rows], kind="stable")]
    return z[rows].copy(), y[rows].copy()


def data_words(dataset: str, n: int, fresh: bool = False) -> str:
    """Who the points are: the first beat's words, or (``fresh``) the held-out ones.

    The synthetic words name the hidden line separately (see the scene).
    """
    if dataset == "diabetes":
        if fresh:
            return f"{n} other patients"
        return (
            f"Here are {n} diabetes patients: x is body-mass index, standardised; "
            "y, how far the disease progressed in a year."
        )
    if dataset == "synthetic":
        return f"{n} new points from the same hidden line" if fresh else ""
    raise ValueError(f"unknown dataset {dataset!r}: one of {', '.join(DATASETS)}")


def predict(w: float, b: float, x: np.ndarray) -> np.ndarray:
    """The line's predictions ``y_hat = w x + b``."""
    return w * np.asarray(x, dtype=float) + b


def residuals(w: float, b: float, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Prediction minus data, ``w x_i + b - y_i``: the vertical gaps, signed."""
    return predict(w, b, x) - np.asarray(y, dtype=float)


def mse(w: float, b: float, x: np.ndarray, y: np.ndarray) -> float:
    """The mean squared error ``L(w, b) = mean((w x_i + b - y_i)^2)``."""
    return float(np.mean(residuals(w, b, x, y) ** 2))


def mse_gradient(
    w: float, b: float, x: np.ndarray, y: np.ndarray
) -> tuple[float, float]:
    """``(dL/dw, dL/db) = (2/n) sum r_i x_i, (2/n) sum r_i`` with ``r = w x + b - y``."""
    r = residuals(w, b, x, y)
    return float(2.0 * np.mean(r * x)), float(2.0 * np.mean(r))


def gradient_terms(
    w: float, b: float, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each point's share of the gradient: ``(r_i, r_i x_i)``, shape ``(n,)`` each.

    Nudging ``b`` by ``h`` moves every prediction by ``h``, so ``r_i^2`` changes
    by about ``2 r_i h``; nudging ``w`` by ``h`` moves the prediction at ``x_i``
    by ``x_i h``, so ``r_i^2`` changes by about ``2 r_i x_i h``. Averaged,
    ``(2/n) sum`` of these is :func:`mse_gradient`.
    """
    r = residuals(w, b, x, y)
    return r, r * np.asarray(x, dtype=float)


def gradient_step(
    w: float, b: float, x: np.ndarray, y: np.ndarray, rate: float
) -> tuple[float, float]:
    """One step against the gradient: ``w - rate dL/dw, b - rate dL/db``."""
    dw, db = mse_gradient(w, b, x, y)
    return w - rate * dw, b - rate * db


@dataclass(frozen=True)
class Descent:
    """A gradient-descent run: ``w``, ``b`` and the loss after each step.

    Index 0 is the start. ``diverged`` says the loss blew up (past
    :data:`BLOWUP` times its start, where the run stops early) or was still
    growing at the last step; every number kept is finite.
    """

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    rate: float
    diverged: bool

    @property
    def steps(self) -> int:
        """Steps taken (fewer than asked when the run blew up)."""
        return len(self.loss) - 1


def gradient_descent(
    x: np.ndarray,
    y: np.ndarray,
    rate: float,
    steps: int = STEPS,
    start: tuple[float, float] = (0.0, 0.0),
    blowup: float = BLOWUP,
) -> Descent:
    """Run ``steps`` steps of gradient descent on the MSE from ``start``.

    Stops early, flagged as diverged, once the loss passes ``blowup`` times the
    starting loss (or would stop being finite), so every number is finite.
    """
    w, b = float(start[0]), float(start[1])
    ws, bs, losses = [w], [b], [mse(w, b, x, y)]
    limit = blowup * losses[0]
    diverged = False
    for _ in range(steps):
        nw, nb = gradient_step(w, b, x, y, rate)
        loss = mse(nw, nb, x, y) if math.isfinite(nw) and math.isfinite(nb) else None
        if loss is None or not math.isfinite(loss):
            diverged = True
            break
        w, b = nw, nb
        ws.append(w)
        bs.append(b)
        losses.append(loss)
        if loss > limit:
            diverged = True
            break
    if len(losses) > 1 and losses[-1] > losses[-2] * (1 + 1e-9):
        diverged = True
    return Descent(np.array(ws), np.array(bs), np.array(losses), float(rate), diverged)


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The exact minimiser of the MSE, from the normal equations ``X^T X t = X^T y``.

    ``X`` has rows ``(x_i, 1)``; ``t = (w, b)``.
    """
    design = np.column_stack([np.asarray(x, dtype=float), np.ones(len(x))])
    w, b = np.linalg.solve(design.T @ design, design.T @ np.asarray(y, dtype=float))
    return float(w), float(b)


def stable_rate_limit(x: np.ndarray) -> float:
    """The largest learning rate that does not diverge: ``2 / lambda_max``.

    ``lambda_max`` is the largest eigenvalue of the loss's Hessian,
    ``(2/n) X^T X``; the MSE is a quadratic bowl, so any rate below the limit
    never increases the loss and any rate above it eventually blows up.
    """
    design = np.column_stack([np.asarray(x, dtype=float), np.ones(len(x))])
    hessian = 2.0 * design.T @ design / len(x)
    return float(2.0 / np.linalg.eigvalsh(hessian).max())


def at_step(descent: Descent, t: float) -> tuple[float, float]:
    """``(w, b)`` at fractional step ``t``, straight between whole steps."""
    t = min(max(float(t), 0.0), float(descent.steps))
    k = min(math.floor(t), max(descent.steps - 1, 0))
    frac = t - k
    if descent.steps == 0:
        return float(descent.w[0]), float(descent.b[0])
    w = descent.w[k] + frac * (descent.w[k + 1] - descent.w[k])
    b = descent.b[k] + frac * (descent.b[k + 1] - descent.b[k])
    return float(w), float(b)


def rate_words(rate: float, limit: float) -> tuple[str, str]:
    """How the learning rate compares with the stable limit: (screen, speech).

    Below ``limit`` (:func:`stable_rate_limit`) descent settles; at or above it
    the steps along the steepest direction never shrink, so it cannot settle.
    """
    shown, said = fmt(rate, 4), say_sig(rate)
    if rate < limit:
        return (
            f"ours, η = {shown}, is below it",
            f"ours, {said}, is below it, so it settles",
        )
    return (
        f"ours, η = {shown}, is not below it",
        f"ours, {said}, is not below it, so it never settles",
    )


def hidden_words(fit: tuple[float, float], slope: float, intercept: float) -> str:
    """Whether the fitted line is within 0.005 of the hidden line in w and b."""
    if abs(fit[0] - slope) < 0.005 and abs(fit[1] - intercept) < 0.005:
        return "The fit matches the hidden line, the dashed one, to two decimals."
    return "The noise kept the fit off the hidden line, the dashed one."


def big(x: float) -> str:
    """A number for narration: ``0.57``, ``9.16``, or ``1,312`` from a thousand up."""
    if abs(x) >= 1000:
        return f"{round(float(x)):,}"
    return fmt(x)


def displayed(x: float, digits: int = DIGITS) -> float:
    """``x`` rounded as a number on screen shows it, with no ``-0``."""
    return round(float(x), digits) + 0.0


def outcome(descent: Descent, target: tuple[float, float]) -> str:
    """``"diverged"``, ``"converged"`` (w and b read the same as ``target`` on
    screen) or ``"unfinished"`` (still on its way)."""
    if descent.diverged:
        return "diverged"
    shown = (fmt(descent.w[-1]), fmt(descent.b[-1]))
    return "converged" if shown == (fmt(target[0]), fmt(target[1])) else "unfinished"


def nice_range(values: np.ndarray, pad: float = 0.1) -> tuple[float, float, float]:
    """Axis ``(lo, hi, step)`` covering ``values`` with ``pad`` of margin.

    ``step`` is 1, 2 or 5 times a power of ten, for about 4 to 10 ticks; the
    ends are whole steps.
    """
    lo, hi = float(np.min(values)), float(np.max(values))
    span = max(hi - lo, 1e-9)
    lo, hi = lo - pad * span, hi + pad * span
    raw = (hi - lo) / 6
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def loss_window(descent: Descent) -> float:
    """Top of the loss inset: a little above the starting loss.

    A diverging loss passes it and is drawn capped at the top.
    """
    return 1.15 * max(float(descent.loss[0]), 1e-9)


def clip_segment(
    w: float,
    b: float,
    x_span: tuple[float, float],
    y_span: tuple[float, float],
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The part of the line ``y = w x + b`` inside the box, or ``None``."""
    x_lo, x_hi = x_span
    y_lo, y_hi = y_span
    if w != 0:
        ends = sorted(((y_lo - b) / w, (y_hi - b) / w))
        x_lo, x_hi = max(x_lo, ends[0]), min(x_hi, ends[1])
    elif not y_lo <= b <= y_hi:
        return None
    if x_lo >= x_hi:
        return None
    return (x_lo, w * x_lo + b), (x_hi, w * x_hi + b)


# -- layout (scene units) -----------------------------------------------------------
PLOT_LEFT, PLOT_RIGHT = -6.85, -0.55
PLOT_TOP, PLOT_BOTTOM = 3.65, CONTENT_BOTTOM + 0.15
COLUMN = 0.05  # left edge of the right-hand column
COLUMN_RIGHT = 6.9
PANEL_TOP = 3.7
FORMULA = 34  # formula size in the column
INSET = (COLUMN + 0.7, COLUMN_RIGHT - 0.2, CONTENT_BOTTOM + 0.55, -0.55)
CHART_HEIGHT = 2.4  # the residual bars' chart in the column
CHART_MID = 0.75
SCALE_ROOM = 0.9  # room for the y values left of the plot (real data)
NUDGE_B = 0.6  # how far the gradient beats nudge b and w (plot units)
NUDGE_W = 0.35
_RECAP = (
    "Residuals pull the line; the gradient adds up their pulls, and descent "
    "steps against it."
)


class LinearRegression(CourseLesson):
    """Residuals, the MSE, its gradient, descent, and the least-squares answer."""

    params = {
        "seed": Seed(0, help="random seed of the points"),
        "points": Int(14, lo=3, hi=40, help="number of points"),
        "slope": Float(1.5, lo=-3, hi=3, help="slope of the hidden line"),
        "intercept": Float(1.0, lo=-3, hi=3, help="intercept of the hidden line"),
        "noise": Float(
            1.0, lo=0, hi=3, help="standard deviation of the noise on each point"
        ),
        "learning_rate": Float(
            0.1,
            lo=0,
            hi=1,
            lo_open=True,
            help="step size of gradient descent (too large diverges)",
        ),
        "dataset": Choice(
            "synthetic",
            DATASETS,
            help="synthetic: noisy points around the hidden line; diabetes: "
            "'points' real patients drawn by 'seed' (body-mass index against "
            "disease progression, scikit-learn's bundled copy)",
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Points that all sit on the starting line y = 0 leave nothing to fit.

        Real data has no hidden line: slope, intercept and noise stay unset.
        """
        if args.dataset != "synthetic":
            for name in ("slope", "intercept", "noise"):
                if args[name] != cls.params[name].default:
                    raise ParamError(
                        name,
                        fmt(args[name]),
                        f"its default with dataset={args.dataset}",
                        why=f"the {args.dataset} data has no hidden line; '{name}' "
                        "only shapes the synthetic points",
                    )
            return
        if args.slope == 0 and args.intercept == 0 and args.noise == 0:
            raise ParamError(
                "noise",
                fmt(args.noise),
                "a number in (0, 3] when slope and intercept are both 0",
                why="every point lies on the starting line y = 0, so there is "
                "nothing to fit",
            )

    # -- storyboard ---------------------------------------------------------------
    def construct(self) -> None:
        a = self.args
        self.x, self.y = self.points_of(0)
        self.fresh_xy = self.points_of(1)
        if a.dataset == "synthetic":
            self.x_span, self.y_scale = X_SPAN, 1.0
        else:  # axes and nudges from the data
            both = np.concatenate([self.x, self.fresh_xy[0]])
            self.x_span = (math.floor(both.min()), math.ceil(both.max()))
            self.y_scale = float(np.std(self.y))
        self.rate = a.learning_rate
        self.fit = least_squares(self.x, self.y)
        self.descent = gradient_descent(self.x, self.y, self.rate)
        self.result = outcome(self.descent, self.fit)
        self.title_card("Linear regression", "How do we fit a line to noisy data?")
        self.show_points()
        self.show_model()
        self.show_residuals()
        self.show_loss()
        self.show_pulls()
        self.nudge_b()
        self.nudge_w()
        self.read_gradient()
        self.show_update_rule()
        self.first_step()
        self.descend()
        self.normal_equations()
        self.side_by_side()
        self.why_descend()
        self.predict_new()
        self.close()

    def points_of(self, stream: int) -> tuple[np.ndarray, np.ndarray]:
        """The training points (stream 0) or the held-out ones (stream 1)."""
        a = self.args
        if a.dataset == "diabetes":
            return diabetes_data(a.seed, a.points, stream)
        return make_data(a.seed, a.points, a.slope, a.intercept, a.noise, stream)

    # -- drawing helpers ------------------------------------------------------------
    def make_axes(self) -> Axes:
        lo, hi = self.x_span
        ends = predict(self.fit[0], self.fit[1], np.array([lo, hi]))
        shown = [self.y, ends, [0.0]]
        if self.args.dataset != "synthetic":  # the held-out patients fit too
            shown.append(self.fresh_xy[1])
        self.y_range = nice_range(np.concatenate(shown))
        real = self.args.dataset != "synthetic"
        # real data keeps its units: a scale of y values left of the plot
        left = PLOT_LEFT + (SCALE_ROOM if real else 0.0)
        axes = plot_axes(
            [lo - 0.5, hi + 0.5, 1],
            self.y_range,
            width=PLOT_RIGHT - left,
            height=PLOT_TOP - PLOT_BOTTOM,
            centre=[(left + PLOT_RIGHT) / 2, (PLOT_TOP + PLOT_BOTTOM) / 2],
            tick_size=0.05,
            numbers=np.arange(lo, hi + 1) if real else None,
            excluding=[0],
        )
        self.scale = VGroup()
        if real:
            y_lo, y_hi, step = self.y_range
            edge = lo - 0.5
            for t in np.arange(y_lo, y_hi - step / 2, step):  # top: the y label's
                if t <= 0:
                    continue
                mark = Line(
                    axes.c2p(edge, t),
                    axes.c2p(edge, t) + 0.1 * LEFT,
                    color=MUTED,
                    stroke_width=2,
                )
                number = MathTex(f"{t:.0f}", font_size=TICK_NUMBERS, color=MUTED)
                self.scale.add(mark, number.next_to(mark, LEFT, buff=0.08))
            axes.add(self.scale)
        return axes

    def line_for(self, w: float, b: float, color: str = ACCENT) -> VMobject:
        """The line ``y = w x + b`` drawn inside the plot (nothing when it misses).

        It stops short of the plot's top, where the y label sits.
        """
        x_span = tuple(self.axes.x_range[:2])
        y_lo, y_hi = self.axes.y_range[:2]
        y_span = (y_lo, y_hi - 0.08 * (y_hi - y_lo))
        ends = clip_segment(w, b, x_span, y_span)
        if ends is None:
            return VMobject()
        start, end = (self.axes.c2p(*p) for p in ends)
        return Line(start, end, color=color, stroke_width=5)

    def gaps(self, w: float, b: float) -> VGroup:
        """The residuals as red vertical segments, clipped to the plot."""
        y_lo, y_hi = self.axes.y_range[:2]
        segments = VGroup()
        for xi, yi, pi in zip(self.x, self.y, predict(w, b, self.x), strict=True):
            end = min(max(pi, y_lo), y_hi)
            segments.add(
                Line(
                    self.axes.c2p(xi, yi),
                    self.axes.c2p(xi, end),
                    color=RED,
                    stroke_width=3,
                )
            )
        return segments

    def wb(self) -> tuple[float, float]:
        return self.w_t.get_value(), self.b_t.get_value()

    def number(self, value: float, color: str = INK, size: float = FORMULA):
        return DecimalNumber(
            displayed(value), num_decimal_places=DIGITS, font_size=size, color=color
        )

    def readout(self, label: str, value: float, color: str = INK) -> VGroup:
        """``label`` then a number that can follow a tracker."""
        name = tex(label, size=FORMULA, color=color)
        number = self.number(value, color).next_to(name, RIGHT, buff=0.15)
        return VGroup(name, number)

    def column_top(self, mob, top: float = PANEL_TOP):
        """Place ``mob`` at the top of the right-hand column, centred in it."""
        return mob.move_to([(COLUMN + COLUMN_RIGHT) / 2, top - mob.height / 2, 0])

    # -- beats ------------------------------------------------------------------------
    def show_points(self) -> None:
        a = self.args
        self.axes = self.make_axes()
        self.dots = VGroup(
            *(
                Dot(self.axes.c2p(xi, yi), radius=0.07, color=BLUE)
                for xi, yi in zip(self.x, self.y, strict=True)
            )
        )
        labels = VGroup(
            tex("x", size=FORMULA, color=MUTED).next_to(
                self.axes.c2p(self.axes.x_range[1], 0), UP, buff=0.12
            ),
            tex("y", size=FORMULA, color=MUTED).next_to(
                self.axes.y_axis.get_top(), RIGHT, buff=0.12
            ),
        )
        self.axis_labels = labels
        n = len(self.x)
        self.data_card: VGroup | None = None
        if a.dataset != "synthetic":
            self.show_real_points(n)
            return
        hidden = self.line_for(a.slope, a.intercept, MUTED)
        hidden = DashedLine(hidden.get_start(), hidden.get_end(), color=MUTED)
        hidden_tex = tex(
            rf"y = {_linear(a.slope, a.intercept)}", size=FORMULA, color=MUTED
        )
        hidden_card = self.column_top(
            VGroup(text("hidden line", SMALL, MUTED), hidden_tex).arrange(
                DOWN, buff=0.15
            )
        )
        with self.beat(
            f"Here are {n} noisy points around a hidden line, "
            f"y = {_linear_text(a.slope, a.intercept)}.",
            say=f"Here are {n} noisy points around a hidden line, "
            f"y equals {_linear_say(a.slope, a.intercept)}.",
            chapter="A line through the points",
        ):
            self.play(Create(self.axes), FadeIn(labels), run_time=1.0)
            self.play(FadeIn(self.dots, lag_ratio=0.1), run_time=1.2)
            self.play(Create(hidden), FadeIn(hidden_card), run_time=1.0)
            self.play(FadeOut(hidden, hidden_card), run_time=0.8)

    def show_real_points(self, n: int) -> None:
        """The first beat for real data: who the points are, no hidden line."""
        card = self.column_top(
            VGroup(
                text(f"{n} patients, diabetes data", SMALL, INK),
                text("x: body-mass index,", SMALL, MUTED),
                text("in SDs from the average", SMALL, MUTED),
                text("y: disease progression", SMALL, MUTED),
                text("after one year", SMALL, MUTED),
            ).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        )
        words = data_words(self.args.dataset, n)
        with self.beat(words, chapter="A line through the points"):
            self.play(Create(self.axes), FadeIn(self.axis_labels), run_time=1.0)
            self.play(FadeIn(self.dots, lag_ratio=0.1), FadeIn(card), run_time=1.2)
        self.data_card = card  # until the model takes its place

    def show_model(self) -> None:
        self.w_t, self.b_t = ValueTracker(0.0), ValueTracker(0.0)
        model = tex(r"\hat y", "=", "w", "x", "+", "b", size=40)
        model[0].set_color(ACCENT)
        model[2].set_color(ORANGE)
        model[5].set_color(GREEN)
        w_out = self.readout("w =", 0.0, ORANGE)
        b_out = self.readout("b =", 0.0, GREEN)
        numbers = VGroup(w_out, b_out).arrange(RIGHT, buff=0.8)
        self.model_card = self.column_top(
            VGroup(model, numbers).arrange(DOWN, buff=0.35)
        )
        self.w_out, self.b_out = w_out, b_out
        self.line = always_redraw(lambda: self.line_for(*self.wb()))
        with self.beat(
            "Our model is a line, ŷ = w x + b. Start flat: w = 0 and b = 0.",
            say="Our model is a line, y hat equals w x plus b. Start flat: w equals 0 "
            "and b equals 0.",
        ):
            if self.data_card is not None:
                self.play(FadeOut(self.data_card), run_time=0.6)
            self.play(FadeIn(self.model_card[0]), run_time=0.8)
            self.play(FadeIn(numbers), Create(self.line), run_time=1.0)
        self.add(self.dots)

    def show_residuals(self) -> None:
        self.gap_lines = always_redraw(lambda: self.gaps(*self.wb()))
        with self.beat(
            "How wrong is it? Each residual is the vertical gap between a point and "
            "the line.",
            chapter="The loss",
        ):
            self.play(Create(self.gap_lines), run_time=1.5)
            self.add(self.dots)
            self.play(
                self.gap_lines.animate.set_stroke(width=6),
                rate_func=there_and_back,
                run_time=0.8,
            )

    def show_loss(self) -> None:
        loss0 = self.descent.loss[0]
        formula = tex(
            "L",
            "=",
            r"\frac{1}{n}\sum_{i=1}^{n}",
            r"(w x_i + b - y_i)^2",
            size=FORMULA,
        )
        formula[0].set_color(RED)
        self.loss_formula = formula
        self.l_out = self.readout("L =", loss0, RED)
        card = VGroup(formula, self.l_out).arrange(DOWN, buff=0.3)
        card.next_to(self.model_card, DOWN, buff=0.5)
        self.loss_card = card
        with self.beat(
            "Square every residual and average: that is the mean squared error, the "
            f"loss. For the flat line it is {fmt(loss0)}.",
        ):
            self.play(FadeIn(formula, shift=0.2 * UP), run_time=1.0)
            self.play(FadeIn(self.l_out), run_time=0.6)

    def contribution_chart(self) -> None:
        """Mini axes in the column sharing the plot's x: one bar per point."""
        lo, hi = self.x_span
        self.chart = plot_axes(
            [lo - 0.5, hi + 0.5, 1],
            [-1, 1, 1],
            width=COLUMN_RIGHT - COLUMN - 0.5,
            height=CHART_HEIGHT,
            centre=[(COLUMN + COLUMN_RIGHT) / 2 + 0.1, CHART_MID],
            tick_size=0.05,
            x_config={"include_ticks": True},
            y_config={"include_ticks": False},
        )
        self.chart.remove(self.chart.y_axis)

    def bars(self, values: np.ndarray, color: str) -> VGroup:
        """One bar per point at its x, heights scaled to fill the chart."""
        top = float(np.max(np.abs(values))) or 1.0
        group = VGroup()
        for xi, v in zip(self.x, values, strict=True):
            h = 0.95 * float(v) / top
            left = self.chart.c2p(xi - 0.13, 0)
            right = self.chart.c2p(xi + 0.13, h)
            bar = Rectangle(
                width=right[0] - left[0],
                height=max(abs(right[1] - left[1]), 0.02),
                fill_color=color,
                fill_opacity=0.85,
                stroke_width=0,
            )
            bar.move_to([(left[0] + right[0]) / 2, (left[1] + right[1]) / 2, 0])
            group.add(bar)
        return group

    def show_pulls(self) -> None:
        r, _ = gradient_terms(0.0, 0.0, self.x, self.y)
        self.contribution_chart()
        self.r_bars = self.bars(r, RED)
        label = tex(r"r_i = \hat y_i - y_i", size=FORMULA, color=RED)
        label.move_to(
            [(COLUMN + COLUMN_RIGHT) / 2, CHART_MID + CHART_HEIGHT / 2 + 0.3, 0]
        )
        self.chart_label = label
        block = self.loss_formula.copy()
        self.column_top(block, PANEL_TOP - 0.05)
        with self.beat(
            "Which way should the line move? Copy each residual into a bar at its "
            "point's x: prediction minus data, so a point above the line gives a bar "
            "pointing down.",
            chapter="The gradient",
        ):
            self.play(
                FadeOut(self.model_card, self.l_out),
                ReplacementTransform(self.loss_formula, block),
                run_time=0.8,
            )
            self.loss_formula = block
            self.play(Create(self.chart), FadeIn(label), run_time=0.8)
            self.play(
                *(
                    ReplacementTransform(g.copy(), bar)
                    for g, bar in zip(self.gap_lines, self.r_bars, strict=True)
                ),
                run_time=1.6,
            )

    def nudge_b(self) -> None:
        _, gb = mse_gradient(0.0, 0.0, self.x, self.y)
        db = self.readout(
            r"\frac{\partial L}{\partial b} = \frac{2}{n}\sum r_i =", gb, GREEN
        )
        db.move_to([(COLUMN + COLUMN_RIGHT) / 2, CHART_MID - CHART_HEIGHT / 2 - 0.6, 0])
        self.db_out = db
        with self.beat(
            "Nudge b up a little: every prediction rises by the nudge, so each squared "
            "residual changes by about twice the residual times the nudge. Averaged: "
            f"the slope of the loss in b is 2 over n times the sum of the bars, {fmt(gb)}.",
            say="Nudge b up a little: every prediction rises by the nudge, so each "
            "squared residual changes by about twice the residual times the nudge. "
            "Averaged: the slope of the loss in b is 2 over n times the sum of the "
            f"bars, {say_sig(gb)}.",
        ):
            self.play(
                self.b_t.animate.set_value(NUDGE_B * self.y_scale),
                rate_func=there_and_back,
                run_time=1.6,
            )
            self.play(FadeIn(db, shift=0.2 * UP), run_time=0.8)

    def nudge_w(self) -> None:
        _, rx = gradient_terms(0.0, 0.0, self.x, self.y)
        gw, _ = mse_gradient(0.0, 0.0, self.x, self.y)
        rx_bars = self.bars(rx, ORANGE)
        label = tex(r"r_i\, x_i", size=FORMULA, color=ORANGE).move_to(self.chart_label)
        dw = self.readout(
            r"\frac{\partial L}{\partial w} = \frac{2}{n}\sum r_i\, x_i =", gw, ORANGE
        )
        dw.next_to(self.db_out, DOWN, buff=0.35)
        dw.set_x((COLUMN + COLUMN_RIGHT) / 2)
        self.dw_out = dw
        with self.beat(
            "Nudge w instead: the line turns about x = 0, so the prediction at x moves "
            "by x times the nudge, most for far points. Each bar is multiplied by its "
            f"x: the slope in w is 2 over n times the sum of residual times x, {fmt(gw)}.",
            say="Nudge w instead: the line turns about x equals 0, so the prediction at "
            "x moves by x times the nudge, most for far points. Each bar is multiplied "
            "by its x: the slope in w is 2 over n times the sum of residual times x, "
            f"{say_sig(gw)}.",
        ):
            self.play(
                self.w_t.animate.set_value(NUDGE_W * self.y_scale),
                rate_func=there_and_back,
                run_time=1.6,
            )
            self.play(
                ReplacementTransform(self.r_bars, rx_bars),
                ReplacementTransform(self.chart_label, label),
                run_time=1.2,
            )
            self.play(FadeIn(dw, shift=0.2 * UP), run_time=0.8)
        self.rx_bars, self.chart_label = rx_bars, label

    def read_gradient(self) -> None:
        gw, gb = mse_gradient(0.0, 0.0, self.x, self.y)
        sign = _sign_word(gw, gb)
        with self.beat(f"So for the flat line, {sign}"):
            self.play(
                Indicate(self.dw_out[1], color=ACCENT),
                Indicate(self.db_out[1], color=ACCENT),
                run_time=1.0,
            )

    def show_update_rule(self) -> None:
        rule = VGroup(
            tex(
                "w",
                r"\leftarrow",
                "w",
                r"- \eta",
                r"\frac{\partial L}{\partial w}",
                size=FORMULA,
            ),
            tex(
                "b",
                r"\leftarrow",
                "b",
                r"- \eta",
                r"\frac{\partial L}{\partial b}",
                size=FORMULA,
            ),
        ).arrange(RIGHT, buff=0.7)
        rule[0][4].set_color(ORANGE)
        rule[1][4].set_color(GREEN)
        rate = tex(rf"\eta = {fmt(self.rate, 4)}", size=FORMULA, color=ACCENT)
        card = VGroup(rule, rate).arrange(DOWN, buff=0.3)
        values = VGroup(self.dw_out, self.db_out)
        self.rule_card = card
        with self.beat(
            "Gradient descent steps against the gradient, scaled by a learning rate, "
            f"η = {fmt(self.rate, 4)}.",
            say="Gradient descent steps against the gradient, scaled by a learning "
            f"rate, eta, here {say_sig(self.rate)}.",
        ):
            self.play(
                FadeOut(self.chart, self.rx_bars, self.chart_label),
                values.animate.next_to(self.loss_formula, DOWN, buff=0.5),
                run_time=0.8,
            )
            card.next_to(values, DOWN, buff=0.6)
            self.play(FadeIn(card, shift=0.2 * UP), run_time=1.0)
        self.grad_values = values

    def first_step(self) -> None:
        d = self.descent
        gw, gb = mse_gradient(0.0, 0.0, self.x, self.y)
        w1, b1 = float(d.w[1]), float(d.b[1])
        eta = fmt(self.rate, 4)
        arithmetic = VGroup(
            tex(
                rf"w = 0 - {eta} \times ({fmt(gw)}) = {fmt(w1)}",
                size=FORMULA,
                color=ORANGE,
            ),
            tex(
                rf"b = 0 - {eta} \times ({fmt(gb)}) = {fmt(b1)}",
                size=FORMULA,
                color=GREEN,
            ),
        ).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        self.column_top(arithmetic)
        # the live readouts under the arithmetic, and the loss inset at the bottom
        self.w_out = self.readout("w =", 0.0, ORANGE)
        self.b_out = self.readout("b =", 0.0, GREEN)
        self.l_out = self.readout("L =", d.loss[0], RED)
        step_label = tex(r"\text{step}", size=FORMULA, color=MUTED)
        self.k_out = Integer(0, font_size=FORMULA, color=MUTED)
        self.k_out.next_to(step_label, RIGHT, buff=0.15)
        self.step_out = VGroup(step_label, self.k_out)
        # a 2 x 2 grid, left-aligned, so numbers that grow have room to the right
        top = arithmetic.get_bottom()[1] - 0.55
        for mob, (x, y) in (
            (self.w_out, (COLUMN + 0.5, top)),
            (self.b_out, (COLUMN + 3.7, top)),
            (self.step_out, (COLUMN + 0.5, top - 0.6)),
            (self.l_out, (COLUMN + 3.7, top - 0.6)),
        ):
            mob.move_to([x, y, 0], aligned_edge=LEFT)
        row = VGroup(self.w_out, self.b_out, self.step_out, self.l_out)
        self.readouts = row
        self.make_inset()
        self.follow_trackers()
        loss1 = float(d.loss[1])
        change = (
            f"The residuals shrink; the loss drops to {big(loss1)}."
            if loss1 < d.loss[0]
            else f"It overshoots: the loss grows to {big(loss1)}."
        )
        with self.beat(
            f"One step: w goes to {fmt(w1)} and b to {fmt(b1)}. {change}",
            say=f"One step: w goes to {say_num(w1)} and b to {say_num(b1)}. "
            f"{change.replace('-', 'minus ')}",
            chapter="Gradient descent",
        ):
            self.play(
                FadeOut(self.loss_formula, self.grad_values, self.rule_card),
                run_time=0.6,
            )
            self.play(FadeIn(arithmetic), FadeIn(row), run_time=0.8)
            self.play(Create(self.inset), FadeIn(self.inset_labels), run_time=0.8)
            self.run_steps(0.0, 1.0, run_time=2.0, rate_func=smooth)
        self.arithmetic = arithmetic

    def make_inset(self) -> None:
        left, right, bottom, top = INSET
        d = self.descent
        self.loss_top = loss_window(d)
        axes = Axes(
            x_range=[0, STEPS, 10],
            y_range=[0, self.loss_top, self.loss_top],
            x_length=right - left,
            y_length=top - bottom,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2, "tick_size": 0.04},
        )
        axes.move_to([(left + right) / 2, (top + bottom) / 2, 0])
        self.inset = axes
        loss_label = text("loss", SMALL, RED).next_to(axes.y_axis, LEFT, buff=0.12)
        loss_label.align_to(axes.y_axis, UP)
        step_label = text("step", SMALL, MUTED).next_to(axes.x_axis, DOWN, buff=0.12)
        step_label.align_to(axes.x_axis, RIGHT)
        self.inset_labels = VGroup(loss_label, step_label)

    def curve_points(self, t: float) -> list[np.ndarray]:
        d = self.descent
        whole = min(math.floor(t), d.steps)
        ks = list(range(whole + 1))
        points = [self.inset.c2p(k, min(float(d.loss[k]), self.loss_top)) for k in ks]
        if t > whole:
            w, b = at_step(d, t)
            loss = min(mse(w, b, self.x, self.y), self.loss_top)
            points.append(self.inset.c2p(t, loss))
        return points

    def follow_trackers(self) -> None:
        self.k_t = ValueTracker(0.0)
        self.w_out[1].add_updater(
            lambda m: m.set_value(displayed(self.w_t.get_value()))
        )
        self.b_out[1].add_updater(
            lambda m: m.set_value(displayed(self.b_t.get_value()))
        )
        self.l_out[1].add_updater(
            lambda m: m.set_value(displayed(mse(*self.wb(), self.x, self.y)))
        )
        self.k_out.add_updater(lambda m: m.set_value(math.floor(self.k_t.get_value())))

        def curve() -> VMobject:
            points = self.curve_points(self.k_t.get_value())
            if len(points) < 2:
                return Dot(points[0], radius=0.05, color=RED)
            return VMobject(color=RED, stroke_width=4).set_points_as_corners(points)

        self.curve = always_redraw(curve)
        self.add(self.curve)

    def run_steps(self, start: float, end: float, **kwargs) -> None:
        d = self.descent
        power = kwargs.pop("power", 1.0)

        def drive(tracker: ValueTracker, alpha: float) -> None:
            t = start + (end - start) * alpha**power
            tracker.set_value(t)
            w, b = at_step(d, t)
            self.w_t.set_value(w)
            self.b_t.set_value(b)

        self.play(UpdateFromAlphaFunc(self.k_t, drive), **kwargs)
        self.remove(self.k_t)  # a tracker is a point; keep it out of layout checks

    def descend(self) -> None:
        d = self.descent
        end = d.steps
        first, last = big(d.loss[0]), big(d.loss[-1])
        eta = fmt(self.rate, 4)
        self.diverge_label = None
        if self.result == "diverged":
            text_ = (
                f"Keep stepping. With η = {eta} every step overshoots further: the line "
                f"swings wider and the loss grows, from {first} to {last} by step "
                f"{end}. Gradient descent diverges."
            )
            say = text_.replace("η", "eta")
        elif self.result == "converged":
            text_ = (
                f"Keep stepping. After {end} steps the loss has fallen from {first} "
                f"to {last} and flattened out: the line has settled."
            )
            say = text_
        else:
            text_ = (
                f"Keep stepping. After {end} steps the loss has fallen from {first} "
                f"to {last}, and it is still falling: with η = {eta} the steps are "
                "small."
            )
            say = text_.replace("η", "eta")
        with self.beat(text_, say=say, key=True):
            lift = PANEL_TOP - 0.1 - self.readouts.get_top()[1]
            self.play(
                FadeOut(self.arithmetic),
                self.readouts.animate.shift(lift * UP),
                run_time=0.6,
            )
            run_time = max(2.0, min(6.0, 0.12 * end))
            self.run_steps(
                1.0, float(end), run_time=run_time, rate_func=linear, power=2.0
            )
            if self.result == "diverged":
                label = text("diverging", SMALL, RED)
                label.next_to(self.inset.c2p(STEPS, self.loss_top), DOWN, buff=0.15)
                label.align_to(self.inset.c2p(STEPS, 0), RIGHT)
                self.diverge_label = label
                self.play(FadeIn(label, shift=0.2 * UP), run_time=0.6)
            self.wait(1.5)
        for mob in (self.w_out[1], self.b_out[1], self.l_out[1], self.k_out):
            mob.clear_updaters()

    def normal_equations(self) -> None:
        formula = tex(
            r"\begin{bmatrix} w \\ b \end{bmatrix}",
            "=",
            r"(X^\top X)^{-1} X^\top y",
            size=FORMULA,
        )
        note = tex(r"X \text{ has rows } (x_i,\ 1)", size=FORMULA, color=MUTED)
        heading = text("least squares, in one shot", SMALL, GREEN)
        card = VGroup(heading, formula, note).arrange(DOWN, buff=0.25)
        self.column_top(card)
        self.ls_card = card
        with self.beat(
            "For a line we can also jump straight to the bottom: set both derivatives "
            "to zero and solve the normal equations.",
            chapter="Least squares",
        ):
            extra = [self.diverge_label] if self.diverge_label is not None else []
            self.play(
                FadeOut(
                    self.readouts, self.inset, self.inset_labels, self.curve, *extra
                ),
                run_time=0.6,
            )
            self.play(FadeIn(card, shift=0.2 * UP), run_time=1.0)

    def side_by_side(self) -> None:
        d, (lw, lb) = self.descent, self.fit
        l_fit = mse(lw, lb, self.x, self.y)
        gd_head = text("gradient descent", SMALL, ACCENT)
        ls_head = text("least squares", SMALL, GREEN)
        rows = [("w", d.w[-1], lw), ("b", d.b[-1], lb), ("L", d.loss[-1], l_fit)]
        names = [tex(r, size=FORMULA, color=MUTED) for r, _, _ in rows]
        gd_col = [self.number(g, ACCENT) for _, g, _ in rows]
        ls_col = [self.number(s, GREEN) for _, _, s in rows]
        x_gd = 0.0
        x_ls = gd_head.width / 2 + 0.7 + ls_head.width / 2
        x_name = -gd_head.width / 2 - 0.5
        gd_head.move_to([x_gd, 0, 0])
        ls_head.move_to([x_ls, 0, 0])
        table = VGroup(gd_head, ls_head)
        for i, (name, g, s) in enumerate(zip(names, gd_col, ls_col, strict=True)):
            y = -0.6 * (i + 1)
            name.move_to([x_name, y, 0])
            g.move_to([x_gd, y, 0])
            s.move_to([x_ls, y, 0])
            table.add(name, g, s)
        table.move_to([(COLUMN + COLUMN_RIGHT) / 2, 0, 0])
        table.next_to(self.ls_card, DOWN, buff=0.7, coor_mask=np.array([0, 1, 0]))
        self.table = table
        fit_line = self.line_for(lw, lb, GREEN)
        fit_line = DashedLine(
            fit_line.get_start(), fit_line.get_end(), color=GREEN, stroke_width=5
        )
        a = self.args
        if a.dataset == "synthetic":
            hidden = hidden_words(self.fit, a.slope, a.intercept)
            true_line = self.line_for(a.slope, a.intercept, MUTED)
            true_line = DashedLine(
                true_line.get_start(), true_line.get_end(), color=MUTED, stroke_width=4
            )
        else:  # real data has no hidden line to draw or compare with
            hidden = "Real data has no hidden line: this is the best line for it."
            true_line = VMobject()
        self.true_line, self.fit_line = true_line, fit_line
        if self.result == "converged":
            words = (
                f"Side by side: gradient descent gives w = {fmt(lw)}, b = {fmt(lb)}, "
                f"the same as least squares. {hidden}"
            )
            say = (
                f"Side by side: gradient descent gives w equals {say_sig(lw)}, b "
                f"equals {say_sig(lb)}, the same as least squares. {hidden}"
            )
        elif self.result == "diverged":
            words = (
                f"Least squares gives w = {fmt(lw)} and b = {fmt(lb)}. Gradient "
                f"descent never got there: it diverged, and we stopped it at step "
                f"{d.steps}."
            )
            say = (
                f"Least squares gives w equals {say_sig(lw)} and b equals "
                f"{say_sig(lb)}. Gradient descent never got there: it diverged, and "
                f"we stopped it at step {d.steps}."
            )
        else:
            words = (
                f"Side by side: gradient descent is at w = {fmt(d.w[-1])} and b = "
                f"{fmt(d.b[-1])}; least squares gives {fmt(lw)} and {fmt(lb)}. Close, "
                "but a small learning rate needs more steps."
            )
            say = (
                f"Side by side: gradient descent is at w equals {say_sig(d.w[-1])} and "
                f"b equals {say_sig(d.b[-1])}; least squares gives {say_sig(lw)} and "
                f"{say_sig(lb)}. Close, but a small learning rate needs more steps."
            )
        with self.beat(words, say=say):
            self.play(FadeIn(table), Create(fit_line), run_time=1.2)
            if self.result == "converged" and a.dataset == "synthetic":
                self.play(Create(true_line), run_time=1.0)

    def why_descend(self) -> None:
        limit = stable_rate_limit(self.x)
        ours, ours_said = rate_words(self.rate, limit)
        stable = self.rate < limit
        rule = tex(rf"\eta < {fmt(limit)}", size=FORMULA, color=INK)
        note = text("stable learning rates here", SMALL, MUTED)
        verdict = text(ours, SMALL, GREEN if stable else RED)
        card = VGroup(note, rule, verdict).arrange(DOWN, buff=0.2)
        card.next_to(self.table, DOWN, buff=0.6)
        self.rate_card = card
        with self.beat(
            "Descent needs only the gradient, so the same loop trains models with "
            f"millions of weights. Here it is stable for rates below {fmt(limit)}; "
            f"{ours}.",
            say="Descent needs only the gradient, so the same loop trains models with "
            f"millions of weights. Here it is stable for rates below {say_sig(limit)}; "
            f"{ours_said}.",
        ):
            self.play(FadeIn(card, shift=0.2 * UP), run_time=0.8)

    def predict_new(self) -> None:
        a = self.args
        lw, lb = self.fit
        xf, yf = self.fresh_xy
        who = data_words(a.dataset, len(xf), fresh=True)
        train, test = mse(lw, lb, self.x, self.y), mse(lw, lb, xf, yf)
        y_lo, y_hi = self.axes.y_range[:2]
        fresh = VGroup(
            *(
                Dot(self.axes.c2p(xi, yi), radius=0.07, color=ORANGE)
                for xi, yi in zip(xf, yf, strict=True)
                if y_lo <= yi <= y_hi
            )
        )
        self.fresh = fresh
        heading = text("the fitted line's loss", SMALL, INK)
        old = self.readout(r"\text{on its own points: } L =", train, BLUE)
        unseen = "new points" if a.dataset == "synthetic" else "other patients"
        new = self.readout(rf"\text{{on {unseen}: }} L =", test, ORANGE)
        card = VGroup(heading, old, new).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        self.column_top(card, PANEL_TOP - 0.3)
        with self.beat(
            f"In machine learning, a fit is for predicting. On {who}, the fitted "
            f"line's loss is {fmt(test)}, against {fmt(train)} on the points it "
            "learned from. Models are judged on data they never saw.",
            say=f"In machine learning, a fit is for predicting. On {who}, the fitted "
            f"line's loss is {say_sig(test)}, against {say_sig(train)} on the points it learned "
            "from. Models are judged on data they never saw.",
            chapter="In machine learning",
        ):
            self.play(FadeOut(self.ls_card, self.table, self.rate_card), run_time=0.6)
            self.play(FadeIn(heading), FadeIn(old), run_time=0.8)
            self.play(FadeIn(fresh, lag_ratio=0.1), run_time=1.2)
            self.play(FadeIn(new, shift=0.2 * UP), run_time=0.8)

    def close(self) -> None:
        lw, lb = self.fit
        gaps = self.gaps(lw, lb)
        # the shrunk plot's tick values would be too small to read: they go
        ticks = getattr(self.axes.x_axis, "numbers", VGroup())
        numbers = [m for m in (ticks, self.scale) if len(m)]
        self.play(FadeOut(self.fresh, *numbers), Create(gaps), run_time=0.8)
        self.axes.remove(*numbers)
        self.axes.x_axis.remove(*numbers)
        self.add(self.dots)
        picture = [self.axes, self.axis_labels, gaps, self.dots, self.fit_line]
        if self.result == "converged":
            picture += [self.line]
            if self.args.dataset == "synthetic":
                picture += [self.true_line]
        # shrink the plot up, out of the strip recap_over's card takes just above
        # the captions (its card: the line wrapped at 60, 0.1 above CONTENT_BOTTOM)
        card = panel(text(wrap(_RECAP, 60), SMALL, ACCENT), buff=0.18)
        floor = CONTENT_BOTTOM + 0.1 + card.height + 0.1
        whole = VGroup(*picture)
        top = whole.get_top()
        if whole.get_bottom()[1] < floor:
            factor = (top[1] - floor) / whole.height
            self.play(
                *(
                    m.animate.scale(factor, about_point=top)
                    for m in picture
                    if m is not self.axis_labels
                ),
                *(  # the axis names keep their legible size
                    label.animate.scale(factor, about_point=top).scale(1 / factor)
                    for label in self.axis_labels
                ),
                run_time=0.6,
            )
        self.recap_over(picture, _RECAP)


# -- wording ----------------------------------------------------------------------


def _linear(slope: float, intercept: float) -> str:
    """``1.5x + 1`` as TeX."""
    return _linear_text(slope, intercept).replace("−", "-")


def _linear_text(slope: float, intercept: float) -> str:
    """``1.5x + 1`` as a caption shows it."""
    head = {0.0: "", 1.0: "x", -1.0: "-x"}.get(float(fmt(slope)), f"{fmt(slope)}x")
    if intercept == 0:
        return head or "0"
    if not head:
        return fmt(intercept)
    sign = "−" if intercept < 0 else "+"
    return f"{head} {sign} {fmt(abs(intercept))}"


def _linear_say(slope: float, intercept: float) -> str:
    """``1.5 x plus 1`` as the narrator says it."""
    head = {0.0: "", 1.0: "x", -1.0: "minus x"}.get(
        float(fmt(slope)), f"{say_num(slope)} x"
    )
    if intercept == 0:
        return head or "0"
    if not head:
        return say_num(intercept)
    sign = "minus" if intercept < 0 else "plus"
    return f"{head} {sign} {fmt(abs(intercept))}"


def _sign_word(gw: float, gb: float) -> str:
    """What the signs of the gradient say about which way to move."""
    up = [n for n, g in (("w", gw), ("b", gb)) if round(g, DIGITS) < 0]
    down = [n for n, g in (("w", gw), ("b", gb)) if round(g, DIGITS) > 0]
    if not up and not down:
        return "both about zero, so the flat line is already close to the best fit."
    moves = []
    if up:
        moves.append("raising " + " and ".join(up))
    if down:
        moves.append("lowering " + " and ".join(down))
    return " and ".join(moves) + " lowers the loss."


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on fitting a line by its mean squared error, numbers drawn from ``seed``.

    Three points at x = -1, 0, 1 with whole-number y and a trial line for each
    seed. Four exercises: the MSE (:func:`mse`); its gradient
    (:func:`mse_gradient`); one gradient step (:func:`gradient_step`); and the
    best line (:func:`least_squares`).
    """
    rng = np.random.default_rng(seed)
    fmt, vec = kit_numbers.fmt, kit_numbers.fmt_vec
    x = np.array([-1.0, 0.0, 1.0])
    y = rng.integers(-3, 4, size=3).astype(float)
    w, b = float(rng.integers(-2, 3)), float(rng.integers(-2, 3))
    rate = float(rng.choice([0.1, 0.25, 0.5]))
    loss = mse(w, b, x, y)
    gw, gb = mse_gradient(w, b, x, y)
    step = gradient_step(w, b, x, y, rate)
    best = least_squares(x, y)
    r = residuals(w, b, x, y)
    data = ", ".join(f"({fmt(p)}, {fmt(q)})" for p, q in zip(x, y, strict=True))
    line = f"$\\hat y = {_linear(w, b)}$"
    return [
        Exercise(
            id="linear-regression-1",
            prompt=(
                f"Data points {data}; the line {line}. What is the mean squared error "
                "$L = \\frac{1}{n}\\sum (\\hat y_i - y_i)^2$?"
            ),
            kind="number",
            answer=loss,
            tolerance=0.005,
            hint="Find each residual ŷᵢ − yᵢ, square them, and average.",
            solution=(
                f"Residuals ${vec(r)}$; $L = ({' + '.join(fmt(q * q) for q in r)}) / 3 "
                f"= {fmt(loss, 3)}$."
            ),
        ),
        Exercise(
            id="linear-regression-2",
            prompt=(
                f"Data points {data}; the line {line}. What is the gradient "
                "$(\\partial L/\\partial w, \\partial L/\\partial b)$ of the mean squared error?"
            ),
            kind="vector",
            answer=(gw, gb),
            tolerance=0.005,
            hint="∂L/∂w = (2/n) Σ rᵢ xᵢ and ∂L/∂b = (2/n) Σ rᵢ, with rᵢ = ŷᵢ − yᵢ.",
            solution=(
                f"Residuals ${vec(r)}$: $\\partial L/\\partial w = \\frac{{2}}{{3}} \\cdot "
                f"{fmt(float(r @ x))} = {fmt(gw, 3)}$ and $\\partial L/\\partial b = "
                f"\\frac{{2}}{{3}} \\cdot {fmt(float(r.sum()))} = {fmt(gb, 3)}$."
            ),
        ),
        Exercise(
            id="linear-regression-3",
            prompt=(
                f"Data points {data}; start at the line {line} and take one gradient-descent "
                f"step with learning rate $\\eta = {fmt(rate)}$. What are the new (w, b)?"
            ),
            kind="vector",
            answer=step,
            tolerance=0.005,
            hint="Move against the gradient: w − η ∂L/∂w and b − η ∂L/∂b.",
            solution=(
                f"The gradient is $({fmt(gw, 3)}, {fmt(gb, 3)})$, so "
                f"$(w, b) = ({fmt(w)} - {fmt(rate)} \\cdot {kit_numbers.factor(fmt(gw, 3))}, "
                f"{fmt(b)} - {fmt(rate)} \\cdot {kit_numbers.factor(fmt(gb, 3))}) = {vec(step, 3)}$."
            ),
        ),
        Exercise(
            id="linear-regression-4",
            prompt=(
                f"Data points {data}. Which line $\\hat y = w x + b$ has the smallest mean "
                "squared error? Give (w, b)."
            ),
            kind="vector",
            answer=best,
            tolerance=0.005,
            hint="Set both partial derivatives to 0; with x = −1, 0, 1 the two equations separate.",
            solution=(
                f"$\\sum x_i = 0$, so $b = \\bar y = {fmt(best[1], 3)}$ and "
                f"$w = \\sum x_i y_i / \\sum x_i^2 = {fmt(float(x @ y))} / 2 = {fmt(best[0], 3)}$."
            ),
        ),
    ]
