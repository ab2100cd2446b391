"""Axes for plots: one constructor for every lesson that draws a graph.

Every plot in the course is a manim :class:`~manim.Axes` without tips, in the
muted axis colour, placed in a region of the frame. Lessons differ only in
where the axes go (centred in a band, or with the point ``(x_lo, 0)`` at a given
spot), their tick size, which numbers label the x-axis, and whether the y-axis
shows; :func:`plot_axes` takes those as parameters. Tick positions and decimal
places come from :mod:`scenes.kit.ticks`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from manim import Axes

from scenes.style import MUTED

__all__ = ["TICK_NUMBERS", "plot_axes"]

#: Font size of TeX tick numbers: digits 14.6 px tall at 480p (the layout check
#: asks for at least 14; TeX at :data:`scenes.style.SMALL` is 11 px).
TICK_NUMBERS = 34


def plot_axes(
    x_range: Sequence[float],
    y_range: Sequence[float] = (0, 1, 1),
    *,
    width: float,
    height: float,
    centre: Sequence[float] | None = None,
    start: Sequence[float] | None = None,
    tick_size: float = 0.06,
    stroke_width: float = 2.0,
    x_only: bool = False,
    x_config: Mapping[str, object] | None = None,
    y_config: Mapping[str, object] | None = None,
    numbers: Sequence[float] | np.ndarray | None = None,
    places: int = 0,
    excluding: Sequence[float] | None = (),
    hide_y: bool = False,
    number_size: float = TICK_NUMBERS,
) -> Axes:
    """Axes of ``width`` by ``height`` scene units, placed and labelled.

    Parameters
    ----------
    x_range, y_range : sequence of 3 floats
        ``(lo, hi, step)`` of each axis, in plot units.
    width, height : float
        Length of the x-axis and the y-axis, in scene units.
    centre : 2 floats, optional
        Scene point the axes' bounding box is centred on.
    start : 2 floats, optional
        Scene point where the plot point ``(x_lo, 0)`` goes. Give exactly one
        of ``centre`` and ``start``.
    tick_size : float
        Half-length of a tick mark, in scene units.
    stroke_width : float
        Width of the axis lines.
    x_only : bool
        Style only the x-axis (colour, ticks); the y-axis keeps manim's look.
        For axes whose y-axis is hidden or unstyled.
    x_config, y_config : mapping, optional
        Further manim settings of one axis (``include_ticks``,
        ``line_to_number_buff``, ...).
    numbers : sequence of float, optional
        x values to label, at ``number_size``.
    places : int
        Decimal places of those labels.
    excluding : sequence of float or None
        x values not labelled; ``None`` keeps manim's default (0 unlabelled).
    hide_y : bool
        Take the y-axis off the screen; it still maps coordinates.
    number_size : float
        Font size of the x labels (TeX numbers). The default,
        :data:`TICK_NUMBERS`, gives a 14.6 px digit height at 480p, the layout
        check's minimum being 14 (:data:`scenes.style.SMALL` would give 11).

    Returns
    -------
    Axes
        Without tips, in :data:`scenes.style.MUTED`.

    Raises
    ------
    ValueError
        If not exactly one of ``centre`` and ``start`` is given.
    """
    if (centre is None) == (start is None):
        raise ValueError("plot_axes takes exactly one of centre= and start=")
    style: dict[str, object] = {"color": MUTED, "tick_size": tick_size}
    if not x_only:
        style["stroke_width"] = stroke_width
    elif stroke_width != 2.0:
        style["stroke_width"] = stroke_width
    x_axis = {**style, **(x_config or {})} if x_only else dict(x_config or {})
    axes = Axes(
        x_range=list(x_range),
        y_range=list(y_range),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config=None if x_only else style,
        x_axis_config=x_axis,
        y_axis_config=dict(y_config or {}),
    )
    if centre is not None:
        axes.move_to(np.array([centre[0], centre[1], 0.0]))
    else:
        assert start is not None
        corner = axes.c2p(x_range[0], 0)
        axes.shift(np.array([start[0] - corner[0], start[1] - corner[1], 0.0]))
    if numbers is not None:
        axes.x_axis.add_numbers(
            x_values=numbers,
            excluding=None if excluding is None else list(excluding),
            num_decimal_places=places,
            font_size=number_size,
        )
    if hide_y:
        axes.remove(axes.y_axis)  # kept for coordinates: c2p still reads it
    return axes
