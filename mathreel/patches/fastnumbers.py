"""Faster ``DecimalNumber.set_value``: copy cached glyphs without ``deepcopy``.

A lesson's readouts (a slope, a loss, a running sum) call ``set_value`` on every
frame. manim rebuilds the number from cached glyphs, copying each with
``copy.deepcopy``, which walks every attribute of every glyph, including the
parsed SVG path each one keeps: about 6 ms per five-character number, half the
drawing time of a lesson with three readouts at 60 fps.

:func:`install` makes ``DecimalNumber`` copy its glyphs with :func:`glyph_copy`,
which copies what a glyph's later life can change (the mobject tree, numpy arrays,
lists, dicts and tuples) and shares the rest (strings, numbers, colours, the
parsed SVG paths and TeX templates, which nothing changes after parsing). The
numbers look the same; the tests compare every point and colour with manim's own
copies.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import Mobject
from manim.mobject.text import numbers

__all__ = ["glyph_copy", "install"]

_MARK = "__mathreel_fast__"
#: manim's own ``DecimalNumber._string_to_mob``, kept for comparison.
original_string_to_mob: Any = None


def _copy_value(value: Any, memo: dict[int, Any]) -> Any:
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, Mobject):
        return glyph_copy(value, memo)
    kind = type(value)
    if kind is list:
        return [_copy_value(v, memo) for v in value]
    if kind is tuple:
        return tuple(_copy_value(v, memo) for v in value)
    if kind is dict:
        return {k: _copy_value(v, memo) for k, v in value.items()}
    return value


def glyph_copy(mob: Mobject, memo: dict[int, Any] | None = None) -> Any:
    """A copy of ``mob`` whose tree, arrays and containers are its own.

    Mobjects reached twice (a glyph's ``id_to_vgroup_dict`` points into its own
    tree) are copied once, as ``copy.deepcopy`` would.
    """
    memo = {} if memo is None else memo
    found = memo.get(id(mob))
    if found is not None:
        return found
    cls = type(mob)
    new = cls.__new__(cls)
    memo[id(mob)] = new
    new.__dict__.update({k: _copy_value(v, memo) for k, v in mob.__dict__.items()})
    new.original_id = str(id(mob))
    return new


def _string_to_mob(self: Any, string: str, mob_class: Any = None, **kwargs: Any) -> Any:
    # manim's DecimalNumber._string_to_mob, copying with glyph_copy
    if mob_class is None:
        mob_class = self.mob_class
    if string not in numbers.string_to_mob_map:
        numbers.string_to_mob_map[string] = mob_class(string, **kwargs)
    mob = glyph_copy(numbers.string_to_mob_map[string])
    mob.font_size = self._font_size
    return mob


def install() -> None:
    """Use the faster glyph copy in this process (idempotent)."""
    global original_string_to_mob
    current = numbers.DecimalNumber._string_to_mob
    if not getattr(current, _MARK, False):
        original_string_to_mob = current
        setattr(_string_to_mob, _MARK, True)
        numbers.DecimalNumber._string_to_mob = _string_to_mob  # type: ignore[method-assign]
