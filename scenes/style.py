"""The course's shared look: palette, type sizes, number formatting, cards, the plane.

Every lesson subclasses :class:`CourseLesson`, which sets the background and
gives the title card that opens a lesson and the recap that closes it. Sizes are
chosen to stay legible at 480p (the preview quality): nothing smaller than
:data:`SMALL`. The bottom band below :data:`CONTENT_BOTTOM` is kept free for
burned-in captions.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Arrow,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    Mobject,
    NumberPlane,
    Polygon,
    RoundedRectangle,
    Text,
    VGroup,
    Write,
    config,
)

from mathreel.lesson import Lesson

__all__ = [
    "ACCENT",
    "BACKGROUND",
    "BLUE",
    "BODY",
    "CONTENT_BOTTOM",
    "FONT",
    "FORMULA",
    "GREEN",
    "HEADING",
    "INK",
    "MUTED",
    "ORANGE",
    "PURPLE",
    "RED",
    "SMALL",
    "TITLE",
    "CourseLesson",
    "PlaneView",
    "entries_within",
    "fit_view",
    "fmt",
    "fmt_vec",
    "panel",
    "say_num",
    "say_vec",
    "tex",
    "tex_matrix",
    "text",
    "wrap",
]

BACKGROUND = "#111318"
INK = "#ECEFF4"
MUTED = "#9AA3B5"
ACCENT = "#F4C95D"
BLUE = "#58C4DD"
GREEN = "#83C167"
RED = "#FC6255"
ORANGE = "#FF9F43"
PURPLE = "#B18CFE"

FONT = "DejaVu Sans"
TITLE = 54
HEADING = 40
BODY = 32
FORMULA = 40
SMALL = 26

#: Lowest y that lesson content may reach; below it is the caption band.
CONTENT_BOTTOM = -config.frame_height / 2 + 0.9


def text(content: str, size: float = BODY, color: str = INK, **kwargs: object) -> Text:
    """A line of text in the course font."""
    return Text(content, font=FONT, font_size=size, color=color, **kwargs)


def tex(*parts: str, size: float = FORMULA, color: str = INK) -> MathTex:
    """A formula."""
    return MathTex(*parts, font_size=size, color=color)


def fmt(x: float, digits: int = 2) -> str:
    """A number as shown and spoken: ``2``, ``-1.5``, ``0.33`` (no ``-0``)."""
    value = round(float(x), digits)
    if value == 0:
        value = 0.0
    if value == int(value):
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def fmt_vec(v: Sequence[float] | np.ndarray, digits: int = 2) -> str:
    """``(2, -1)``."""
    return "(" + ", ".join(fmt(x, digits) for x in v) + ")"


def say_num(x: float, digits: int = 2) -> str:
    """A number as the narrator should say it: ``minus 1.5``."""
    shown = fmt(x, digits)
    return "minus " + shown[1:] if shown.startswith("-") else shown


def say_vec(v: Sequence[float] | np.ndarray, digits: int = 2) -> str:
    """A vector as the narrator should say it: ``2 comma minus 1``."""
    return " comma ".join(say_num(x, digits) for x in v)


def tex_matrix(m: np.ndarray, digits: int = 2) -> str:
    r"""LaTeX for a matrix or column vector: ``\begin{bmatrix}...``."""
    array = np.atleast_2d(np.asarray(m, dtype=float))
    if np.asarray(m).ndim == 1:
        array = array.T
    rows = [" & ".join(fmt(x, digits) for x in row) for row in array]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def wrap(line: str, width: int = 46, indent: str = "") -> str:
    """Break a long line on word boundaries so it fits the frame at body size."""
    return "\n".join(textwrap.wrap(line, width, subsequent_indent=indent)) or line


def panel(*mobjects: Mobject, buff: float = 0.25, opacity: float = 0.88) -> VGroup:
    """Mobjects on a rounded dark card, so they read over a busy grid."""
    content = VGroup(*mobjects)
    card = RoundedRectangle(
        corner_radius=0.15,
        width=content.width + 2 * buff,
        height=content.height + 2 * buff,
        stroke_width=1,
        stroke_color=MUTED,
        stroke_opacity=0.5,
        fill_color=BACKGROUND,
        fill_opacity=opacity,
    ).move_to(content)
    return VGroup(card, content)


# -- the plane, for lessons that draw vectors and transformations -------------


def fit_view(
    points: np.ndarray,
    box: tuple[float, float, float, float],
    *,
    margin: float = 0.5,
    max_unit: float = 1.5,
) -> tuple[float, np.ndarray]:
    """Scene units per grid unit, and the scene position of the grid's origin.

    Every point (grid coordinates, the origin included) lands inside ``box``
    ``(x_lo, x_hi, y_lo, y_hi)`` at least ``margin`` from its edges, centred in
    it, with the largest scale up to ``max_unit``.
    """
    pts = np.vstack([np.asarray(points, dtype=float).reshape(-1, 2), [[0.0, 0.0]]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    x_lo, x_hi, y_lo, y_hi = box
    room = np.array([x_hi - x_lo - 2 * margin, y_hi - y_lo - 2 * margin])
    span = np.maximum(hi - lo, 1e-9)
    unit = float(min(max_unit, *(room / span)))
    centre = np.array([(x_lo + x_hi) / 2, (y_lo + y_hi) / 2])
    origin = centre - unit * (lo + hi) / 2
    return unit, origin


def entries_within(limit: float):
    """A parameter requirement: every entry has absolute value at most ``limit``."""

    def check(value: np.ndarray) -> str | None:
        if np.max(np.abs(value)) > limit:
            return f"entries larger than {fmt(limit)} do not fit on screen"
        return None

    return check


class PlaneView:
    """The plane on screen: ``unit`` scene units per grid unit, origin at ``origin``."""

    def __init__(self, unit: float, origin: np.ndarray) -> None:
        self.unit = unit
        self.origin = np.array([origin[0], origin[1], 0.0])

    def point(self, xy: np.ndarray) -> np.ndarray:
        """Scene coordinates of a plane point."""
        return self.origin + self.unit * np.array([xy[0], xy[1], 0.0])

    def coords(self, scene_points: np.ndarray) -> np.ndarray:
        """Plane coordinates of scene points ``(n, 3)``."""
        return (np.asarray(scene_points)[:, :2] - self.origin[:2]) / self.unit

    def arrow(
        self, xy: np.ndarray, color: str, start: np.ndarray | None = None
    ) -> Arrow:
        begin = self.origin if start is None else self.point(start)
        return Arrow(
            begin,
            self.point(xy),
            buff=0,
            color=color,
            stroke_width=5,
            max_tip_length_to_length_ratio=0.25,
            tip_length=0.22,
        )

    def polygon(
        self, corners: np.ndarray, color: str, opacity: float = 0.45
    ) -> Polygon:
        return Polygon(
            *(self.point(c) for c in corners),
            color=color,
            stroke_width=3,
            fill_color=color,
            fill_opacity=opacity,
        )

    def plane(self, opacity: float = 1.0) -> NumberPlane:
        """A grid covering the frame (and more, so shrinking maps still cover it)."""
        reach = config.frame_width / 2 + float(np.max(np.abs(self.origin)))
        span = math.ceil(reach / self.unit) + 2
        plane = NumberPlane(
            x_range=[-span, span, 1],
            y_range=[-span, span, 1],
            x_length=2 * span * self.unit,
            y_length=2 * span * self.unit,
            background_line_style={
                "stroke_color": BLUE,
                "stroke_width": 1.5,
                "stroke_opacity": 0.55 * opacity,
            },
            axis_config={"stroke_color": INK, "stroke_opacity": opacity},
        )
        # grids stay behind everything, even when redrawn after a panel
        return plane.move_to(self.origin).set_z_index(-2 if opacity == 1 else -3)

    def line_through_origin(self, direction: np.ndarray, color: str) -> Line:
        """A line through the origin along ``direction``, past both frame edges."""
        far = 2 * config.frame_width / self.unit
        return Line(
            self.point(-far * direction), self.point(far * direction), color=color
        )


class CourseLesson(Lesson):
    """A lesson in the course's style: background, title card and recap."""

    def setup(self) -> None:
        self.camera.background_color = BACKGROUND

    def title_card(self, title: str, question: str, *, say: str | None = None) -> None:
        """Open the lesson: its title and the question it answers."""
        heading = text(title, TITLE, ACCENT)
        ask = text(question, HEADING, INK)
        if ask.width > config.frame_width - 1.5:
            ask.scale_to_fit_width(config.frame_width - 1.5)
        card = VGroup(heading, ask).arrange(DOWN, buff=0.6)
        with self.beat(f"{title}. {question}", say=say, chapter="Introduction"):
            self.play(Write(heading), run_time=1.2)
            self.play(FadeIn(ask, shift=0.2 * UP), run_time=0.8)
        self.play(FadeOut(card), run_time=0.5)

    def recap(
        self, points: Sequence[str], ml_use: str, *, say: Sequence[str] | None = None
    ) -> None:
        """Close the lesson: what to remember, then where machine learning uses it.

        ``say`` gives the points' spoken forms when they hold symbols.
        """
        self.clear()
        heading = text("Remember", HEADING, ACCENT)
        items = VGroup(
            *(text(wrap("•  " + p, indent="    "), BODY) for p in points)
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        use = text(wrap("In machine learning: " + ml_use), BODY, BLUE)
        card = VGroup(heading, items, use).arrange(DOWN, buff=0.5)
        if card.width > config.frame_width - 1:
            card.scale_to_fit_width(config.frame_width - 1)
        room = config.frame_height / 2 - 0.3 - CONTENT_BOTTOM
        if card.height > room:
            card.scale_to_fit_height(room)
        card.move_to((config.frame_height / 2 - 0.3 + CONTENT_BOTTOM) / 2 * UP)
        spoken = say or points
        with self.beat(
            "To remember: " + " ".join(p.rstrip(".") + "." for p in points),
            say="To remember: " + " ".join(p.rstrip(".") + "." for p in spoken),
            chapter="Recap",
        ):
            self.play(FadeIn(heading), run_time=0.5)
            self.play(FadeIn(items, lag_ratio=0.3), run_time=1.5)
        with self.beat("In machine learning: " + ml_use):
            self.play(FadeIn(use, shift=0.2 * UP), run_time=0.8)
        self.play(FadeOut(card), run_time=0.6)
