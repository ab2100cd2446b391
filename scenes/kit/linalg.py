"""2x2 linear algebra the plane lessons share (numpy only, no manim).

The determinants and inverses lessons both move points by a matrix and compute
``ad - bc``; one copy lives here.
"""

from __future__ import annotations

import numpy as np

__all__ = ["determinant", "transform"]


def transform(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Apply ``matrix`` (2x2) to one point ``(2,)`` or to rows of points ``(n, 2)``."""
    return np.asarray(points, dtype=float) @ np.asarray(matrix, dtype=float).T


def determinant(matrix: np.ndarray) -> float:
    """``ad - bc`` of a 2x2 matrix, computed exactly as the lessons show it."""
    (a, b), (c, d) = np.asarray(matrix, dtype=float)
    return float(a * d - b * c)
