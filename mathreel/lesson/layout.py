"""Layout checks run at the end of every beat: what a learner at 480p can read.

A learner watching at 480p should never see a label cut by the frame edge, two
texts printed over each other, a line running through a label, type too small to
read or too faint against what it sits on. :func:`layout_problems` inspects what
is on screen and returns one line per problem; the planner attaches them to the
beat, ``mathreel plan`` prints them and the test suite requires there are none.

The rules (each names the text it is about):

* **frame**: every visible mobject stays inside the frame;
* **text on text**: no two texts' boxes overlap;
* **size**: every text's digit height is at least :data:`MIN_TEXT_PX` pixels
  at 480p (see :func:`text_height_px` for the measure);
* **contrast**: every text's colour has a contrast ratio of at least
  :data:`MIN_CONTRAST` (WCAG 2.x level AA for normal-size text) against what it
  is drawn on (see :func:`contrast_ratio`);
* **text over shapes**: no text's box is crossed by the stroke of another
  visible mobject (sampled along its curves, so a label beside a line passes)
  or overlapped by a filled shape drawn above it, unless the text sits on an
  opaque card drawn between them (``scenes.style.panel``) or is marked with
  :func:`labels` as the label of what it overlaps;
* **cards**: an opaque card under text (fill opacity at least
  :data:`CARD_OPACITY`: a ``panel``, a background rectangle) hides no line or
  shape of the picture beneath it, only backdrops and what its texts label;
  and a panel of text (taller than :data:`PANEL_HEIGHT`) keeps
  :data:`CARD_CLEARANCE` from the ends of arrows and from dots, the points the
  picture is about.

Findings of the size and contrast rules for many texts of one top-level mobject
(an axes' tick labels, a matrix's entries) are reported in one line.

Mobjects that are meant to extend past the frame (a ``NumberPlane`` grid, a
transformed grid) are skipped by every rule, as is anything marked with
:func:`backdrop`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence

import numpy as np
from manim import (
    Arrow,
    BackgroundRectangle,
    DecimalNumber,
    Dot,
    Integer,
    MathTex,
    Mobject,
    NumberPlane,
    SingleStringMathTex,
    Tex,
    Text,
    ValueTracker,
    VMobject,
    config,
)
from manim.utils.color import ManimColor, ParsableManimColor
from manim.utils.family import extract_mobject_family_members

__all__ = [
    "CARD_CLEARANCE",
    "MIN_CONTRAST",
    "MIN_TEXT_PX",
    "backdrop",
    "contrast_ratio",
    "is_backdrop",
    "labels",
    "layout_problems",
    "relative_luminance",
    "screen_text",
    "text_height_px",
]

_TEXT_TYPES = (Text, MathTex, SingleStringMathTex, Tex, DecimalNumber, Integer)
_MARK = "_mathreel_backdrop"
_LABELS = "_mathreel_labels"

#: Smallest digit height, in pixels of a 480-line frame, that a text may have.
MIN_TEXT_PX = 14.0
#: Smallest contrast ratio of text against what it is drawn on (WCAG 2.x AA,
#: success criterion 1.4.3, for text below 18 pt: all of the course's text at 480p).
MIN_CONTRAST = 4.5
#: Lines of the frame the size rule measures in (480p, the preview quality).
REFERENCE_LINES = 480
#: Height of a TeX digit (Computer Modern "0") in scene units per point of
#: ``font_size``: ``MathTex("0", font_size=48).height / 48`` in manim 0.22.
TEX_DIGIT_PER_POINT = 0.0071399
#: Fill opacity from which a shape counts as an opaque card that hides what is
#: drawn beneath it (``scenes.style.panel`` uses 0.88).
CARD_OPACITY = 0.75
#: Opacity below which a stroke or fill is too faint to count as crossing text.
_FAINT = 0.1
#: How far (scene units, about 1 px at 480p) a stroke may reach into a text's box.
_TOUCH = 0.02
#: How far (scene units, 3 px at 480p) a card's edge may reach over what it hides.
_HIDE = 0.05
#: Clearance (scene units, 9 px at 480p) a card keeps from the ends of arrows and
#: from dots: the points a picture is about (an origin, a tip) stay readable.
CARD_CLEARANCE = 0.15
#: Height (scene units, 54 px at 480p) from which a card is a panel of text, not
#: a one-line tag; a tag sits at the tip it names, so only panels keep clear.
PANEL_HEIGHT = 0.9
#: Points sampled along each cubic curve of a stroke.
_SAMPLES = 8


def backdrop(*mobjects: Mobject) -> None:
    """Mark mobjects that may extend past the frame (grids, long lines).

    A backdrop (and everything in it) is skipped by every rule: it may leave the
    frame, and its lines may run under text.
    """
    for mob in mobjects:
        setattr(mob, _MARK, True)


def labels(text: Mobject, *targets: Mobject) -> Mobject:
    """Mark ``text`` as the label of ``targets``: it may overlap them.

    A label written on the line it names, a number inside the bar it measures, a
    tag on the formula it annotates or a formula with a term struck through
    (``labels(formula, strike)``) overlaps its target on purpose; the
    text-over-shapes and text-on-text rules then leave that pair alone (and only
    that pair: the text must still not cross anything else). The mark is kept
    by copies of ``text``; if a target is later replaced by another mobject (a
    ``ReplacementTransform``), mark the new one.

    Parameters
    ----------
    text
        A text, formula or number, or a group of them (each text in it is marked).
    *targets
        The mobjects it labels; their submobjects are included.

    Returns
    -------
    Mobject
        ``text``, so the call can wrap a constructor.

    Raises
    ------
    ValueError
        If no target is given (a label labels something).
    """
    if not targets:
        raise ValueError(
            "labels(text) needs the mobjects the text labels: labels(text, line, ...)"
        )
    marked = set(getattr(text, _LABELS, ()))
    marked.update(id(target) for target in targets)
    setattr(text, _LABELS, frozenset(marked))
    return text


def is_backdrop(mob: Mobject) -> bool:
    """Whether ``mob`` was marked with :func:`backdrop` or is a number plane."""
    return bool(getattr(mob, _MARK, False)) or isinstance(mob, NumberPlane)


def _visible(mob: Mobject) -> bool:
    if isinstance(mob, ValueTracker) or not mob.has_points():
        return False  # a tracker keeps its value as a point, but draws nothing
    if isinstance(mob, VMobject):
        stroke = mob.get_stroke_opacity() if mob.get_stroke_width() > 0 else 0
        return max(float(stroke), float(mob.get_fill_opacity())) > 0.01
    return True


def _box(mob: Mobject) -> np.ndarray:
    points = mob.get_all_points()
    return np.array(
        [points[:, 0].min(), points[:, 1].min(), points[:, 0].max(), points[:, 1].max()]
    )


def _name(mob: Mobject) -> str:
    if isinstance(mob, Text):
        return f"Text({_text_of(mob)[:24]!r})"
    if isinstance(mob, (MathTex, Tex)):
        return f"{type(mob).__name__}({mob.get_tex_string()[:24]!r})"
    if isinstance(mob, (DecimalNumber, SingleStringMathTex)):
        return f"{type(mob).__name__}({_text_of(mob)[:24]!r})"
    return type(mob).__name__


def _glyphs(text: Mobject) -> list[Mobject]:
    """The text's drawn glyphs: its family with points, less any background card."""
    cards = {
        id(m)
        for card in text.get_family()
        if isinstance(card, BackgroundRectangle)
        for m in card.get_family()
    }
    return [m for m in text.get_family() if m.has_points() and id(m) not in cards]


def _text_box(text: Mobject) -> np.ndarray:
    glyphs = _glyphs(text)
    if not glyphs:
        return _box(text)
    points = np.vstack([g.points for g in glyphs])
    return np.array(
        [points[:, 0].min(), points[:, 1].min(), points[:, 0].max(), points[:, 1].max()]
    )


def _text_leaves(mobjects: Iterable[Mobject]) -> list[Mobject]:
    found: list[Mobject] = []

    def walk(mob: Mobject) -> None:
        if is_backdrop(mob):
            return
        if isinstance(mob, _TEXT_TYPES):
            if _visible_family(mob):
                found.append(mob)
            return
        for sub in mob.submobjects:
            walk(sub)

    for mob in mobjects:
        walk(mob)
    return found


def _visible_family(mob: Mobject) -> bool:
    return any(_visible(m) for m in mob.get_family())


def text_height_px(text: Mobject) -> float:
    """The height of a digit in ``text`` as drawn at 480p, in pixels.

    The measure is the height a digit ("0", as tall as a capital in the course's
    fonts) has at the text's current scale, in a frame of :data:`REFERENCE_LINES`
    lines (60 px per scene unit for manim's 8-unit frame). The scale is manim's
    ``font_size`` of the text, which it reads from the drawn glyphs' height
    relative to their height when created, so it follows every ``scale`` and
    ``scale_to_fit_width``. A digit's height per point is measured from a drawn
    glyph: once per font for ``Text`` (``Text("0")``), and for TeX (formulas and
    numbers, Computer Modern) it is :data:`TEX_DIGIT_PER_POINT`. Unlike the
    tallest glyph of the text, this does not depend on which letters it happens
    to hold: ``"x"`` and ``"mean"`` (x-height only) measure like ``"X"``, and a
    tall ``"("`` or ``"g"`` does not make small type pass. At the course's
    sizes a ``Text`` at 26 pt measures 16.4 px, a ``MathTex`` or
    ``DecimalNumber`` at 26 pt 11.1 px and at 40 pt 17.1 px.

    Caveat: ``Transform(a, b)`` leaves ``a`` on screen with ``b``'s shape but
    ``a``'s creation height, so a text morphed in place into a taller or shorter
    text is measured by ``a``'s size (``ReplacementTransform`` is exact).

    Parameters
    ----------
    text
        A ``Text``, ``MathTex``/``Tex``, ``DecimalNumber`` or ``Integer``.

    Returns
    -------
    float
        Pixels at 480p; 0 for a text of no height.
    """
    size = float(getattr(text, "font_size", 0.0) or 0.0)
    if not np.isfinite(size) or size <= 0:
        return 0.0
    if isinstance(text, Text):
        per_point = _text_digit_per_point(str(getattr(text, "font", "")))
    else:
        per_point = TEX_DIGIT_PER_POINT
    return size * per_point * REFERENCE_LINES / config.frame_height


@functools.cache
def _text_digit_per_point(font: str) -> float:
    reference = 48
    return float(Text("0", font=font, font_size=reference).height) / reference


def relative_luminance(rgb: Sequence[float] | np.ndarray) -> float:
    """Relative luminance of an sRGB colour, as WCAG 2.x defines it.

    ``L = 0.2126 R + 0.7152 G + 0.0722 B`` of the linearised channels, each
    ``c / 12.92`` if ``c <= 0.04045`` else ``((c + 0.055) / 1.055) ** 2.4``
    (WCAG 2.2, "relative luminance"; WCAG 2.0 printed 0.03928, the same at 8 bits).

    Parameters
    ----------
    rgb
        Red, green, blue in [0, 1] (sRGB, gamma-encoded).

    Returns
    -------
    float
        In [0, 1]: 0 for black, 1 for white.
    """
    channels = np.clip(np.asarray(rgb, dtype=float)[:3], 0.0, 1.0)
    linear = np.where(
        channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4
    )
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(
    foreground: Sequence[float] | np.ndarray, background: Sequence[float] | np.ndarray
) -> float:
    """WCAG 2.x contrast ratio ``(L1 + 0.05) / (L2 + 0.05)`` of two sRGB colours.

    ``L1`` is the lighter colour's :func:`relative_luminance`. WCAG 2.x success
    criterion 1.4.3 (Contrast, Minimum, level AA) asks for at least 4.5:1 for
    text under 18 pt (14 pt bold); see :data:`MIN_CONTRAST`.

    Parameters
    ----------
    foreground, background
        Opaque sRGB colours, channels in [0, 1] (composite any opacity first).

    Returns
    -------
    float
        From 1 (same luminance) to 21 (black on white).
    """
    a = relative_luminance(foreground)
    b = relative_luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _rgb(color: ParsableManimColor) -> np.ndarray:
    return np.asarray(ManimColor.parse(color).to_rgb(), dtype=float)


def _hex(rgb: np.ndarray) -> str:
    return "#" + "".join(f"{round(float(c) * 255):02X}" for c in rgb[:3])


class _Shape:
    """A visible non-text VMobject the text rules compare texts against."""

    def __init__(self, mob: VMobject, order: int, name: str, owners: frozenset[int]):
        self.mob = mob
        self.order = order
        self.name = name
        self.owners = owners  # ids of the mobject and all its ancestors
        self.box = _box(mob)
        self.stroke = (
            float(mob.get_stroke_width()) > 0
            and float(mob.get_stroke_opacity()) > _FAINT
        )
        self.fill_opacity = float(mob.get_fill_opacity())
        self.fill = self.fill_opacity > _FAINT
        self._segments: np.ndarray | None = None
        self._bounds: np.ndarray | None = None  # per segment: x0, y0, x1, y1

    def segments(self) -> np.ndarray:
        """The outline as line segments, shape ``(m, 2, 2)`` (start/end, x/y)."""
        if self._segments is None:
            points = self.mob.points[:, :2]
            n = len(points) // 4
            curves = points[: 4 * n].reshape(n, 4, 2)
            t = np.linspace(0.0, 1.0, _SAMPLES + 1)[:, None]
            weights = np.hstack(
                [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3]
            )
            samples = np.einsum("sk,nkd->nsd", weights, curves)
            self._segments = np.stack(
                [samples[:, :-1], samples[:, 1:]], axis=2
            ).reshape(-1, 2, 2)
        return self._segments

    def crosses(self, box: np.ndarray) -> bool:
        """Whether the outline passes through ``box`` (x0, y0, x1, y1)."""
        seg = self.segments()
        if self._bounds is None:
            self._bounds = np.concatenate([seg.min(axis=1), seg.max(axis=1)], axis=1)
        lo_x, lo_y, hi_x, hi_y = self._bounds.T
        near = (hi_x >= box[0]) & (lo_x <= box[2]) & (hi_y >= box[1]) & (lo_y <= box[3])
        return _segments_hit_box(seg[near], box)

    def contains(self, x: float, y: float) -> bool:
        """Whether the point is inside the outline (even-odd rule)."""
        x0, y0, x1, y1 = self.box
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        seg = self.segments()
        ya, yb = seg[:, 0, 1], seg[:, 1, 1]
        straddles = (ya > y) != (yb > y)
        if not straddles.any():
            return False
        xa, xb = seg[straddles, 0, 0], seg[straddles, 1, 0]
        ya, yb = ya[straddles], yb[straddles]
        cross_x = xa + (y - ya) * (xb - xa) / (yb - ya)
        return bool(np.count_nonzero(cross_x > x) % 2)


def _segments_hit_box(seg: np.ndarray, box: np.ndarray) -> bool:
    """Whether any segment of ``seg`` (m, 2, 2) meets the box (Liang-Barsky)."""
    if len(seg) == 0:
        return False
    x0, y0, x1, y1 = box
    start = seg[:, 0]
    d = seg[:, 1] - start
    p = np.stack([-d[:, 0], d[:, 0], -d[:, 1], d[:, 1]], axis=1)
    q = np.stack(
        [start[:, 0] - x0, x1 - start[:, 0], start[:, 1] - y0, y1 - start[:, 1]],
        axis=1,
    )
    parallel = np.abs(p) < 1e-12
    outside = (parallel & (q < 0)).any(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
    enter = np.where(p < 0, ratio, 0.0).max(axis=1, initial=0.0)
    leave = np.where(p > 0, ratio, 1.0).min(axis=1, initial=1.0)
    return bool(((enter <= leave) & ~outside).any())


def _composite(rgb: np.ndarray, opacity: float, under: np.ndarray) -> np.ndarray:
    alpha = min(max(opacity, 0.0), 1.0)
    return alpha * rgb + (1 - alpha) * under


def layout_problems(
    mobjects: Iterable[Mobject],
    *,
    margin: float = 0.02,
    background: ParsableManimColor | None = None,
) -> list[str]:
    """Describe every legibility problem on screen, one line each.

    Parameters
    ----------
    mobjects
        The scene's top-level mobjects, in drawing order (``scene.mobjects``).
    margin
        Tolerance in scene units before a mobject counts as off-frame.
    background
        The camera's background colour (anything manim parses as a colour);
        ``None`` means ``config.background_color``.

    Returns
    -------
    list of str
        One line per problem, naming the text (or mobject) it is about: off the
        frame, text on text, text too small, too little contrast, text crossed or
        covered by a shape. Empty when the screen is legible.
    """
    mobjects = list(mobjects)
    half_w = config.frame_width / 2 + margin
    half_h = config.frame_height / 2 + margin
    problems: list[str] = []
    for top in mobjects:
        if is_backdrop(top):
            continue
        for mob in top.get_family():
            if is_backdrop(mob) or not _visible(mob):
                continue
            x0, y0, x1, y1 = _box(mob)
            if x0 < -half_w or x1 > half_w or y0 < -half_h or y1 > half_h:
                problems.append(f"{_name(top)} leaves the frame")
                break
    texts = _text_leaves(mobjects)
    boxes = [_text_box(t) for t in texts]
    marks = _label_marks(mobjects)
    owners = _owners(mobjects)
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            overlap_w = min(a[2], b[2]) - max(a[0], b[0])
            overlap_h = min(a[3], b[3]) - max(a[1], b[1])
            if overlap_w > 0.03 and overlap_h > 0.03:
                if marks[id(texts[i])] & owners[id(texts[j])] or (
                    marks[id(texts[j])] & owners[id(texts[i])]
                ):
                    continue
                problems.append(f"{_name(texts[i])} overlaps {_name(texts[j])}")
    tops = {id(m): top for top in reversed(mobjects) for m in top.get_family()}
    problems += _size_problems(texts, tops)
    problems += _text_over_problems(
        mobjects, texts, boxes, marks, owners, tops, background
    )
    return problems


def _grouped(
    found: list[tuple[Mobject, float]], tops: dict[int, Mobject]
) -> list[tuple[str, float, float, list[Mobject]]]:
    """Findings of one rule, one line per top-level mobject (a matrix, an axes).

    Returns ``(subject, lowest, highest, texts)`` per line, in drawing order: a
    text's name alone (up to two texts of one top-level mobject are named one by
    one), or ``"X and 5 more texts of Axes"``.
    """
    groups: dict[int, list[tuple[Mobject, float]]] = {}
    for text, value in found:
        top = tops.get(id(text), text)
        groups.setdefault(id(top), []).append((text, value))
    result = []
    for members in groups.values():
        first = members[0][0]
        values = [v for _, v in members]
        if len(members) <= 2:
            result += [(_name(t), v, v, [t]) for t, v in members]
            continue
        top = tops.get(id(first), first)
        subject = f"{_name(first)} and {len(members) - 1} more texts of {_name(top)}"
        result.append((subject, min(values), max(values), [t for t, _ in members]))
    return result


def _span(low: float, high: float, unit: str) -> str:
    if f"{low:.1f}" == f"{high:.1f}":
        return f"{low:.1f}{unit}"
    return f"{low:.1f}{unit} to {high:.1f}{unit}"


def _size_problems(texts: list[Mobject], tops: dict[int, Mobject]) -> list[str]:
    small = [(t, px) for t in texts if (px := text_height_px(t)) < MIN_TEXT_PX - 0.05]
    return [
        f"{subject} {'are' if len(group) > 1 else 'is'} {_span(low, high, ' px')} "
        f"tall at 480p (digit height; at least {MIN_TEXT_PX:g} px)"
        for subject, low, high, group in _grouped(small, tops)
    ]


def _owners(mobjects: list[Mobject]) -> dict[int, frozenset[int]]:
    """For each family member, the ids of it and all its ancestors."""
    found: dict[int, frozenset[int]] = {}

    def walk(mob: Mobject, above: frozenset[int]) -> None:
        if id(mob) in found:
            return
        mine = above | {id(mob)}
        found[id(mob)] = mine
        for sub in mob.submobjects:
            walk(sub, mine)

    for top in mobjects:
        walk(top, frozenset())
    return found


def _label_marks(mobjects: list[Mobject]) -> dict[int, frozenset[int]]:
    """For each family member, the targets it labels (its own and inherited)."""
    found: dict[int, frozenset[int]] = {}

    def walk(mob: Mobject, above: frozenset[int]) -> None:
        if id(mob) in found:
            return
        mine = above | frozenset(getattr(mob, _LABELS, ()))
        found[id(mob)] = mine
        for sub in mob.submobjects:
            walk(sub, mine)

    for top in mobjects:
        walk(top, frozenset())
    return found


def _text_over_problems(
    mobjects: list[Mobject],
    texts: list[Mobject],
    boxes: list[np.ndarray],
    marks: dict[int, frozenset[int]],
    owners: dict[int, frozenset[int]],
    tops: dict[int, Mobject],
    background: ParsableManimColor | None,
) -> list[str]:
    """The contrast and text-over-shapes rules (both need the drawing order)."""
    if not texts:
        return []
    drawn = extract_mobject_family_members(
        mobjects, use_z_index=True, only_those_with_points=True
    )
    order = {id(m): k for k, m in enumerate(drawn)}
    in_text: set[int] = set()
    for text in texts:
        in_text.update(id(m) for m in _glyphs(text))
    skipped: set[int] = set()
    for top in mobjects:
        for mob in top.get_family():
            if is_backdrop(mob):
                skipped.update(id(m) for m in mob.get_family())
    shapes: list[_Shape] = []  # every visible non-text VMobject, backdrops included
    for mob in drawn:
        if id(mob) in in_text or not isinstance(mob, VMobject) or not _visible(mob):
            continue
        if len(mob.points) < 4:
            continue
        top = tops.get(id(mob), mob)
        name = type(mob).__name__
        if top is not mob:
            name += f" of {_name(top)}"
        shapes.append(
            _Shape(mob, order[id(mob)], name, owners.get(id(mob), frozenset()))
        )
    base = _rgb(config.background_color if background is None else background)

    problems: list[str] = []
    faint: list[tuple[Mobject, float]] = []
    faint_on: dict[int, str] = {}
    on_card: dict[int, tuple[_Shape, list[Mobject]]] = {}
    for text, box in zip(texts, boxes, strict=True):
        glyphs = [m for m in _glyphs(text) if id(m) in order and _visible(m)]
        if not glyphs:
            continue
        first = min(order[id(g)] for g in glyphs)
        last = max(order[id(g)] for g in glyphs)
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        # what the text is drawn on: filled shapes below it that hold its centre
        under = base.copy()
        cards: list[_Shape] = []
        for shape in shapes:
            if shape.order >= first or shape.fill_opacity <= 0.01:
                continue
            if not shape.contains(cx, cy):
                continue
            fill = _rgb(shape.mob.get_fill_color())
            under = _composite(fill, shape.fill_opacity, under)
            if shape.fill_opacity >= CARD_OPACITY and _inside(box, shape.box):
                cards.append(shape)
        worst: tuple[float, str] | None = None
        inks = {
            (glyph.get_fill_color().to_hex(), float(glyph.get_fill_opacity()))
            for glyph in glyphs
            if isinstance(glyph, VMobject) and glyph.get_fill_opacity() > 0.01
        }
        for ink, opacity in inks:
            seen = _composite(_rgb(ink), opacity, under)
            ratio = contrast_ratio(seen, under)
            if worst is None or ratio < worst[0]:
                worst = (ratio, _hex(seen))
        if worst is not None and worst[0] < MIN_CONTRAST - 0.005:
            faint.append((text, worst[0]))
            faint_on[id(text)] = f"{worst[1]} on {_hex(under)}"

        inner = box + np.array([_TOUCH, _TOUCH, -_TOUCH, -_TOUCH])
        if inner[0] >= inner[2] or inner[1] >= inner[3]:
            continue
        labelled = marks.get(id(text), frozenset())
        crossed: list[str] = []
        covered: list[str] = []
        for shape in shapes:
            if id(shape.mob) in skipped or shape.owners & labelled:
                continue
            if id(text) in shape.owners:  # its own background rectangle
                continue
            sx0, sy0, sx1, sy1 = shape.box
            if sx1 < inner[0] or sx0 > inner[2] or sy1 < inner[1] or sy0 > inner[3]:
                continue
            above = shape.order > last
            if not above and any(c.order > shape.order for c in cards):
                continue  # an opaque card between hides it
            hits = shape.crosses(inner)
            if shape.stroke and hits and shape.name not in crossed:
                crossed.append(shape.name)
            elif (
                above
                and shape.fill
                and (hits or shape.contains(cx, cy))
                and shape.name not in covered
            ):
                covered.append(shape.name)
        if crossed:
            problems.append(f"{_name(text)} is crossed by {_names(crossed)}")
        if covered:
            problems.append(f"{_name(text)} is covered by {_names(covered)}")
        if cards:
            card = max(cards, key=lambda c: c.order)  # the one it is drawn on
            on_card.setdefault(id(card.mob), (card, []))[1].append(text)
    for subject, low, high, group in _grouped(faint, tops):
        pairs = sorted({faint_on[id(t)] for t in group})
        colours = ", ".join(pairs[:3]) + (", ..." if len(pairs) > 3 else "")
        verb = "have" if len(group) > 1 else "has"
        problems.append(
            f"{subject} {verb} contrast {_span(low, high, ':1')} "
            f"({colours}; at least {MIN_CONTRAST:g}:1)"
        )
    for card, riders in on_card.values():
        picture = _picture_around(card, riders, shapes, marks, skipped)
        hidden = _hidden_by(card, picture)
        if hidden:
            problems.append(f"the card under {_name(riders[0])} hides {_names(hidden)}")
        crowded = _crowded_by(card, picture)
        if crowded:
            problems.append(
                f"the card under {_name(riders[0])} crowds {_names(crowded)} "
                f"(keep {CARD_CLEARANCE * REFERENCE_LINES / config.frame_height:.0f} px "
                "clear of arrow ends and dots)"
            )
    return problems


def _picture_around(
    card: _Shape,
    riders: list[Mobject],
    shapes: list[_Shape],
    marks: dict[int, frozenset[int]],
    skipped: set[int],
) -> list[_Shape]:
    """The shapes a card may not hide or crowd: not backdrops, not the card or
    its own parts, not what the card's texts (``riders``) label."""
    labelled = frozenset().union(*(marks.get(id(t), frozenset()) for t in riders))
    return [
        shape
        for shape in shapes
        if shape is not card
        and id(shape.mob) not in skipped
        and id(card.mob) not in shape.owners
        and not shape.owners & labelled
    ]


def _crowded_by(card: _Shape, picture: list[_Shape]) -> list[str]:
    """Arrow ends and dots of the picture within :data:`CARD_CLEARANCE` of a card.

    A panel whose corner sits on the origin the arrows start from, or on an
    arrow's tip, hides nothing by area yet crowds the point the picture is
    about (the old eigenvectors lesson's ``P D P^-1`` card at the origin).
    Cards lower than :data:`PANEL_HEIGHT` are tags on one label and exempt.
    """
    x0, y0, x1, y1 = card.box
    if y1 - y0 < PANEL_HEIGHT:
        return []  # a tag on one label: it belongs beside what it names
    crowded: list[str] = []
    for shape in picture:
        mob = shape.mob
        if isinstance(mob, Arrow):
            points = [mob.get_start(), mob.get_end()]
            what = "the ends of " + shape.name
        elif isinstance(mob, Dot):
            points = [mob.get_center()]
            what = shape.name
        else:
            continue
        for px, py, _ in points:
            dx = max(x0 - px, 0.0, px - x1)
            dy = max(y0 - py, 0.0, py - y1)
            if math.hypot(dx, dy) < CARD_CLEARANCE and what not in crowded:
                crowded.append(what)
    return crowded


def _hidden_by(card: _Shape, picture: list[_Shape]) -> list[str]:
    """What an opaque card under text hides: lines and shapes drawn before it.

    A card makes its text legible by hiding what is beneath; that must be only
    backdrop (a grid) or what its texts label, not the lesson's picture. (A text
    beneath the card is reported as overlapped and covered by the other rules.)
    """
    inner = card.box + np.array([_HIDE, _HIDE, -_HIDE, -_HIDE])
    if inner[0] >= inner[2] or inner[1] >= inner[3]:
        return []
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    hidden: list[str] = []
    for shape in picture:
        if shape.order >= card.order:  # drawn over the card: not hidden by it
            continue
        sx0, sy0, sx1, sy1 = shape.box
        if sx1 < inner[0] or sx0 > inner[2] or sy1 < inner[1] or sy0 > inner[3]:
            continue
        hits = shape.crosses(inner)
        if (hits and (shape.stroke or shape.fill)) or (
            shape.fill and shape.contains(cx, cy)
        ):
            if shape.name not in hidden:
                hidden.append(shape.name)
    return hidden


def _inside(inner: np.ndarray, outer: np.ndarray) -> bool:
    return bool(
        inner[0] >= outer[0] - _TOUCH
        and inner[1] >= outer[1] - _TOUCH
        and inner[2] <= outer[2] + _TOUCH
        and inner[3] <= outer[3] + _TOUCH
    )


def _names(found: list[str], most: int = 3) -> str:
    shown = ", ".join(found[:most])
    return shown + (f" and {len(found) - most} more" if len(found) > most else "")


def _text_of(mob: Mobject) -> str:
    if isinstance(mob, Text):
        return str(getattr(mob, "original_text", mob.text))
    if isinstance(mob, (MathTex, Tex)):
        return str(mob.get_tex_string())
    if isinstance(mob, SingleStringMathTex):
        return str(mob.tex_string)
    if isinstance(mob, Integer):
        return str(int(mob.get_value()))
    if isinstance(mob, DecimalNumber):
        return f"{mob.get_value():.{mob.num_decimal_places}f}"
    return ""


def screen_text(mobjects: Iterable[Mobject]) -> list[str]:
    """Every visible text, formula and number on screen, in drawing order.

    Formulas give their TeX source and numbers their displayed digits, so a test
    can check that what a learner reads is what the lesson's math computed.
    """
    return [_text_of(m) for m in _text_leaves(mobjects)]
