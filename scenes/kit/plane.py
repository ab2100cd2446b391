"""The plane on screen: one view class for every lesson that draws on a grid.

A :class:`PlaneView` maps plane coordinates to the scene (``unit`` scene units
per plane unit, the origin at ``origin``) and draws points, arrows, polygons,
lines and the grid in the course's look. Fit it to its content with
:func:`scenes.kit.view.fit_view` or :func:`scenes.kit.view.fit_unit`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import Arrow, Dot, Line, Mobject, NumberPlane, Polygon, config

from scenes.kit.view import grid_step
from scenes.style import BLUE, INK

__all__ = ["PlaneView"]


class PlaneView:
    """The plane on screen: ``unit`` scene units per plane unit, origin at ``origin``.

    Parameters
    ----------
    unit : float
        Scene units per plane unit (> 0).
    origin : array of 2 or 3 floats
        Scene position of the plane's origin.
    """

    def __init__(self, unit: float, origin: Sequence[float] | np.ndarray) -> None:
        self.unit = float(unit)
        self.origin = np.array([origin[0], origin[1], 0.0])

    def point(self, xy: Sequence[float] | np.ndarray) -> np.ndarray:
        """Scene coordinates, shape (3,), of the plane point ``xy``."""
        return self.origin + self.unit * np.array([xy[0], xy[1], 0.0])

    def coords(self, scene_points: np.ndarray) -> np.ndarray:
        """Plane coordinates, shape (n, 2), of scene points of shape (n, 3)."""
        return (np.asarray(scene_points)[:, :2] - self.origin[:2]) / self.unit

    def arrow(
        self,
        xy: Sequence[float] | np.ndarray,
        color: str,
        start: Sequence[float] | np.ndarray | None = None,
        *,
        width: float = 5,
        tip: float = 0.22,
        tip_ratio: float = 0.25,
        dot: float | None = None,
    ) -> Mobject:
        """An arrow from ``start`` (the origin by default) to ``xy``.

        With ``dot`` set, an arrow shorter than 0.001 scene units is a dot of
        that radius at ``xy`` instead (manim cannot draw an arrow of no length).
        """
        tail = np.zeros(2) if start is None else np.asarray(start, dtype=float)
        head = np.asarray(xy, dtype=float)
        if dot is not None and np.linalg.norm(head - tail) * self.unit < 1e-3:
            return Dot(self.point(head), radius=dot, color=color)
        return Arrow(
            self.origin if start is None else self.point(tail),
            self.point(head),
            buff=0,
            color=color,
            stroke_width=width,
            max_tip_length_to_length_ratio=tip_ratio,
            tip_length=tip,
        )

    def polygon(
        self, corners: np.ndarray, color: str, opacity: float = 0.45
    ) -> Polygon:
        """A filled polygon through the plane points ``corners`` (shape (n, 2))."""
        return Polygon(
            *(self.point(c) for c in corners),
            color=color,
            stroke_width=3,
            fill_color=color,
            fill_opacity=opacity,
        )

    def plane(
        self,
        opacity: float = 1.0,
        *,
        reach: float | None = None,
        extra: int = 2,
        step: float | None = None,
        line_opacity: float = 0.55,
        axis_opacity: float = 1.0,
        z_index: int | None = None,
    ) -> NumberPlane:
        """A grid covering the frame (and more, so shrinking maps still cover it).

        Parameters
        ----------
        opacity : float
            Multiplies the grid lines' and the axes' opacity.
        reach : float, optional
            Scene units the grid must reach from its origin; by default half the
            frame's width plus the origin's distance from the centre.
        extra : int
            Grid steps added beyond ``reach``.
        step : float, optional
            Plane units between grid lines; by default :func:`grid_step` (1
            unless the scale makes whole-number lines a blur).
        line_opacity, axis_opacity : float
            Opacity of the grid lines and the axes at ``opacity`` 1.
        z_index : int, optional
            By default -2, or -3 for a faded grid: grids stay behind everything.
        """
        step = grid_step(self.unit) if step is None else step
        if reach is None:
            reach = config.frame_width / 2 + float(np.max(np.abs(self.origin)))
        count = math.ceil(reach / (self.unit * step)) + extra
        span = count * step
        plane = NumberPlane(
            x_range=[-span, span, step],
            y_range=[-span, span, step],
            x_length=2 * span * self.unit,
            y_length=2 * span * self.unit,
            background_line_style={
                "stroke_color": BLUE,
                "stroke_width": 1.5,
                "stroke_opacity": line_opacity * opacity,
            },
            axis_config={"stroke_color": INK, "stroke_opacity": axis_opacity * opacity},
        )
        if z_index is None:
            z_index = -2 if opacity == 1 else -3
        return plane.move_to(self.origin).set_z_index(z_index)

    def line_through_origin(self, direction: np.ndarray, color: str) -> Line:
        """A line through the origin along ``direction``, past both frame edges."""
        far = 2 * config.frame_width / self.unit
        return Line(
            self.point(-far * direction), self.point(far * direction), color=color
        )
