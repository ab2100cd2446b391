"""Nice axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten.

Pure Python and numpy; no manim.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = [
    "DECIMAL_STEPS",
    "NICE_STEPS",
    "nice_step",
    "nice_window",
    "tick_places",
    "tick_values",
]

#: Multipliers of a power of ten that make readable steps.
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)
#: The same without 2.5, for axes whose numbers should stay whole at each decade.
DECIMAL_STEPS = (1.0, 2.0, 5.0)


def nice_step(
    span: float, most: int = 8, factors: Sequence[float] = NICE_STEPS
) -> float:
    """The smallest nice step that cuts ``span`` into at most ``most`` steps.

    Parameters
    ----------
    span : float
        Length of the range to cover (values at or below 0 are taken as 1e-12).
    most : int
        Largest number of steps allowed, at least 1.
    factors : sequence of float
        Multipliers of a power of ten to choose from, ascending, within [1, 10).

    Returns
    -------
    float
        ``f * 10**k`` for ``f`` in ``factors`` (or 10), with ``span / step <= most``
        (to a relative tolerance of 1e-9).
    """
    span = max(float(span), 1e-12)
    power = 10.0 ** math.floor(math.log10(span / most))
    for f in (*factors, 10.0):
        if span / (f * power) <= most + 1e-9:
            return f * power
    return 10.0 * power  # pragma: no cover - 10 * power always fits


def tick_places(step: float) -> int:
    """Decimal places that show every multiple of ``step`` exactly: 2.5 -> 1, 0.25 -> 2."""
    for places in range(10):
        if abs(round(step, places) - step) < 1e-9 * max(1.0, abs(step)):
            return places
    return 9


def tick_values(lo: float, hi: float, step: float) -> np.ndarray:
    """The multiples of ``step`` from ``lo`` up to ``hi`` (both ends inclusive).

    Returns an array of shape ``(n,)``, ascending, evenly spaced by ``step``.
    """
    # within a millionth of a step counts as on a multiple (rounding of lo / step)
    first = math.ceil(lo / step - 1e-6)
    last = math.floor(hi / step + 1e-6)
    # whole multiples, so no rounding error builds up along the axis
    return np.arange(first, last + 1) * step


def nice_window(lo: float, hi: float, most: int = 8) -> tuple[float, float, float]:
    """``(lo, hi, step)`` widened outward to whole nice steps covering ``[lo, hi]``."""
    step = nice_step(hi - lo, most)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step
