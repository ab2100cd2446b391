"""Fitting a plane view to what it shows, as a plotting library's axes do.

Pure numpy; no manim. A view is ``unit`` scene units per plane unit and the
scene position of the plane's origin; :class:`scenes.kit.plane.PlaneView` draws
with it. Boxes are always :class:`Box` (``left, right, bottom, top``), named,
so two callers can never pass the corners in different orders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

import numpy as np

from mathreel.core.errors import ParamError
from scenes.kit.numbers import fmt, fmt_vec
from scenes.kit.ticks import nice_step

__all__ = [
    "MAX_DIGITS",
    "MAX_RATIO",
    "MIN_ARROW",
    "Box",
    "entries_within",
    "fit_unit",
    "fit_view",
    "grid_step",
    "legible_entries",
    "require_visible",
]

#: Largest ratio between the longest and the shortest non-zero thing drawn on one
#: plane: at the scale that fits the longest, the shortest is then still about
#: 0.1 scene units (about 7 pixels at 480p), the least an arrow can be seen at.
MAX_RATIO = 60.0
#: Numbers shown beside a plane have at most this many digits before the point:
#: a longer one does not fit the formula panels at the course's smallest type size.
MAX_DIGITS = 4
#: Shortest arrow, in scene units, that still reads as an arrow with a label.
MIN_ARROW = 0.4


class Box(NamedTuple):
    """A region of the scene, in scene units: ``left < right``, ``bottom < top``."""

    left: float
    right: float
    bottom: float
    top: float


def fit_view(
    points: np.ndarray,
    box: Box,
    *,
    margin: float = 0.5,
    max_unit: float = 1.5,
    min_span: float = 1e-9,
) -> tuple[float, np.ndarray]:
    """Scene units per plane unit, and the scene position of the plane's origin.

    Parameters
    ----------
    points : ndarray, shape (n, 2)
        Plane coordinates that must be visible; the origin is always added.
    box : Box
        Where they go, in scene units.
    margin : float
        Room kept free inside each edge of ``box``.
    max_unit : float
        Largest scale, so a small picture is not blown up.
    min_span : float
        Smallest extent (in plane units) a direction is taken to have.

    Returns
    -------
    (float, ndarray of shape (2,))
        The largest ``unit`` up to ``max_unit`` at which every point lands inside
        ``box`` at least ``margin`` from its edges, with the points centred.

    Raises
    ------
    TypeError
        If ``box`` is not a :class:`Box` (a bare tuple's order is ambiguous).
    """
    if not isinstance(box, Box):
        raise TypeError("fit_view takes its box as Box(left, right, bottom, top)")
    pts = np.vstack([np.asarray(points, dtype=float).reshape(-1, 2), [[0.0, 0.0]]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    room = np.array(
        [box.right - box.left - 2 * margin, box.top - box.bottom - 2 * margin]
    )
    span = np.maximum(hi - lo, min_span)
    unit = float(min(max_unit, *(room / span)))
    centre = np.array([(box.left + box.right) / 2, (box.bottom + box.top) / 2])
    return unit, centre - unit * (lo + hi) / 2


def fit_unit(
    points: np.ndarray,
    half_width: float,
    half_height: float,
    *,
    pad: float = 1.15,
    most: float = 1.2,
    least: float = 0.2,
) -> float:
    """Scene units per plane unit for a view centred on the origin.

    Every point, times ``pad``, fits ``half_width`` by ``half_height`` on each
    side of the origin (extents below 1 count as 1); the result is at most
    ``most`` and at least ``least`` (``least=0`` to always fit).
    """
    pts = np.atleast_2d(np.asarray(points, dtype=float))
    extent_x = max(1.0, float(np.max(np.abs(pts[:, 0]))) * pad)
    extent_y = max(1.0, float(np.max(np.abs(pts[:, 1]))) * pad)
    return max(least, min(most, half_width / extent_x, half_height / extent_y))


def grid_step(unit: float, least: float = 0.35) -> float:
    """Plane units between grid lines so they stand at least ``least`` scene units apart.

    1 while ``unit > least`` (the grid of whole numbers), else the smallest
    nice step (1, 2, 2.5, 5 times a power of ten) that is wide enough.
    """
    if unit > least:
        return 1.0
    step = nice_step(least / unit, 1)
    return step if step * unit > least else nice_step(2 * least / unit, 1)


def legible_entries(
    what: str = "entries", ratio: float = MAX_RATIO, digits: int = MAX_DIGITS
) -> Callable[[np.ndarray], str | None]:
    """A parameter requirement: refuse only what no scale can draw legibly.

    The view scales to any size, so size alone is never refused; two things are:
    a number with more than ``digits`` digits before the point (it does not fit
    the formulas at the smallest type size), and non-zero entries more than
    ``ratio`` times apart (at the scale that fits the largest, the smallest is
    too short to see).
    """

    def check(value: np.ndarray) -> str | None:
        a = np.abs(np.asarray(value, dtype=float)).ravel()
        biggest = float(a.max()) if a.size else 0.0
        if biggest >= 10.0**digits:
            return (
                f"{what} of {digits + 1} or more digits ({fmt(biggest)}) do not fit "
                "the formulas beside the plane at any legible type size"
            )
        nonzero = a[a > 0]
        if nonzero.size and biggest / float(nonzero.min()) > ratio:
            return (
                f"{what} {fmt(float(nonzero.min()), 3)} and {fmt(biggest)} are more "
                f"than {fmt(ratio)} times apart: at any scale that fits the larger, "
                "the smaller is too short to see"
            )
        return None

    return check


def entries_within(
    limit: float, what: str = "entries", why: str = "do not fit on screen"
) -> Callable[[np.ndarray], str | None]:
    """A parameter requirement: every entry has absolute value at most ``limit``.

    For limits that are not about the view (a lesson's math or its fixed
    layout); a plane that scales needs only :func:`legible_entries`.
    """

    def check(value: np.ndarray) -> str | None:
        if np.max(np.abs(value)) > limit:
            return f"{what} larger than {fmt(limit)} {why}"
        return None

    return check


def require_visible(
    vectors: Mapping[str, np.ndarray], unit: float, least: float = MIN_ARROW
) -> None:
    """Refuse the shortest of ``vectors`` if at ``unit`` it is too short to see.

    For a view that scales to fit the longest thing drawn: the shortest arrow
    must still be ``least`` scene units long.

    Parameters
    ----------
    vectors : mapping of str to ndarray of shape (2,)
        Parameter name to the vector drawn for it (at least one).
    unit : float
        Scene units per plane unit of the fitted view.
    least : float
        Shortest arrow that can be seen and labelled, in scene units.

    Raises
    ------
    ParamError
        Naming the shortest vector (the first of equals), the scale and why.
    """
    lengths = {n: float(np.linalg.norm(v)) for n, v in vectors.items()}
    name = min(lengths, key=lambda n: lengths[n])
    if lengths[name] * unit < least:
        raise ParamError(
            name,
            fmt_vec(vectors[name]),
            f"{' and '.join(vectors)} of comparable lengths (the shorter at least "
            "about a tenth of the longer)",
            why=(
                "at the scale that fits the other vectors it would be under "
                f"{fmt(least)} scene units long, too short to see or label"
            ),
        )
