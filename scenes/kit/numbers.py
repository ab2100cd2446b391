"""Numbers as shown on screen and as spoken: one formatter for the course.

Pure Python and numpy; no manim. Every number a lesson shows goes through
:func:`fmt` (rounded, trailing zeros dropped, never ``-0``), and every number it
speaks through :func:`say_num`, so what is heard is what is seen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = [
    "displayed",
    "factor",
    "fmt",
    "fmt_rows",
    "fmt_small",
    "fmt_vec",
    "say_num",
    "say_sig",
    "say_small",
    "say_vec",
    "spoken",
    "tex_matrix",
]


def fmt(x: float, digits: int = 2) -> str:
    """A number as shown: ``2``, ``-1.5``, ``0.33`` (no ``-0``).

    Parameters
    ----------
    x : float
        The number.
    digits : int
        Decimal places it is rounded to; trailing zeros are dropped.

    Returns
    -------
    str
        Plain digits with an optional leading ``-`` (no exponent, no grouping).
    """
    value = round(float(x), digits)
    if value == 0:
        value = 0.0
    if value == int(value):
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def fmt_small(x: float, digits: int = 2, most: int = 6) -> str:
    """Like :func:`fmt`, but a small non-zero number never reads ``0``.

    ``0.69``, ``-2.41``, ``0.043``, ``0.0012``: below 0.095 in size, as many
    places as show two significant digits, up to ``most``; 0 itself is ``0``.
    """
    x = float(x)
    if abs(x) >= 0.095 or x == 0:
        return fmt(x, digits)
    places = min(most, 1 - math.floor(math.log10(abs(x))))
    return fmt(x, max(digits, places))


def displayed(x: float, digits: int = 2) -> float:
    """``x`` rounded as a number on screen shows it, with no ``-0``."""
    return round(float(x), digits) + 0.0


def say_num(x: float, digits: int = 2) -> str:
    """A number as the narrator should say it: ``minus 1.5``."""
    return spoken(fmt(x, digits))


def say_small(x: float, digits: int = 2) -> str:
    """:func:`fmt_small` as the narrator should say it: ``minus 0.043``."""
    return spoken(fmt_small(x, digits))


def say_sig(x: float, digits: int = 2) -> str:
    """``x`` as the narrator says it, rounded to ``digits`` significant figures.

    ``2.6667`` is said ``2.7``, ``-0.04321`` ``minus 0.043``, ``1234`` ``1234``
    (never rounded into the integer part); the screen keeps the exact value.
    """
    x = float(x)
    if x == 0 or not math.isfinite(x):
        return spoken(fmt(x))
    places = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    return spoken(fmt(round(x, places), places))


def spoken(shown: str) -> str:
    """A number already formatted for the screen, as the narrator says it.

    ``"-2.41"`` becomes ``"minus 2.41"``; anything else is unchanged.
    """
    return "minus " + shown[1:] if shown.startswith("-") else shown


def fmt_vec(v: Sequence[float] | np.ndarray, digits: int = 2) -> str:
    """``(2, -1)``."""
    return "(" + ", ".join(fmt(x, digits) for x in v) + ")"


def fmt_rows(m: np.ndarray | Sequence[Sequence[float]], digits: int = 2) -> str:
    """A matrix as typed on the command line: ``[[30, 0], [0, 2]]``."""
    rows = np.atleast_2d(np.asarray(m, dtype=float))
    return (
        "["
        + ", ".join("[" + ", ".join(fmt(x, digits) for x in r) + "]" for r in rows)
        + "]"
    )


def say_vec(v: Sequence[float] | np.ndarray, digits: int = 2) -> str:
    """A vector as the narrator should say it: ``2 comma minus 1``."""
    return " comma ".join(say_num(x, digits) for x in v)


def factor(shown: str) -> str:
    """A formatted number as a factor in a product: ``(-2)``, but ``3``."""
    return f"({shown})" if shown.startswith("-") else shown


def tex_matrix(m: np.ndarray | Sequence[float], digits: int = 2) -> str:
    r"""LaTeX for a matrix, or a column for a 1-D vector: ``\begin{bmatrix}...``."""
    array = np.atleast_2d(np.asarray(m, dtype=float))
    if np.asarray(m).ndim == 1:
        array = array.T
    rows = [" & ".join(fmt(x, digits) for x in row) for row in array]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"
