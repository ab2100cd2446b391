"""Statistics helpers the probability lessons share. Pure numpy; no manim."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["normal_cdf", "normal_pdf"]


def normal_pdf(x: float | np.ndarray, mu: float, sigma: float) -> float | np.ndarray:
    """The normal density ``exp(-z^2 / 2) / (sigma sqrt(2 pi))``, ``z = (x - mu) / sigma``.

    Parameters
    ----------
    x : float or ndarray
        Where to evaluate it, any shape.
    mu, sigma : float
        Mean and standard deviation (``sigma > 0``).

    Returns
    -------
    float or ndarray
        A float for a scalar ``x``, else an array of ``x``'s shape.
    """
    z = (np.asarray(x, dtype=float) - mu) / sigma
    result = np.exp(-0.5 * z * z) / (sigma * math.sqrt(2.0 * math.pi))
    return float(result) if np.ndim(result) == 0 else result


def normal_cdf(x: float, mu: float, sigma: float) -> float:
    """P(X <= x) for X normal with mean ``mu`` and standard deviation ``sigma``."""
    return 0.5 * (1.0 + math.erf((float(x) - mu) / (sigma * math.sqrt(2.0))))
