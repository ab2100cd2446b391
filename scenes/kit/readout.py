"""A live readout: a formula label followed by a number that updaters change.

Used wherever a lesson shows a value moving with a ``ValueTracker`` (``h =``,
``x =``, ``p =``, ``mu =``): the number is a ``DecimalNumber`` to update with
``set_value`` in an updater, as manim recommends, rather than rebuilt.
"""

from __future__ import annotations

from manim import RIGHT, DecimalNumber, VGroup

from scenes.style import tex

__all__ = ["readout"]


def readout(label: str, digits: int, color: str, size: float) -> VGroup:
    """``label`` (TeX) followed by a live number, both in ``color``.

    Parameters
    ----------
    label
        The TeX before the number, e.g. ``"h ="``.
    digits
        Decimal places the number shows.
    color
        Colour of label and number.
    size
        Font size of both (TeX needs about 34 for 14 px digits at 480p).

    Returns
    -------
    VGroup
        ``(label, number)``; set the value with ``group[1].set_value(x)``.
    """
    name = tex(label, size=size, color=color)
    number = DecimalNumber(0, num_decimal_places=digits, font_size=size, color=color)
    number.next_to(name, RIGHT, buff=0.15)
    return VGroup(name, number)
