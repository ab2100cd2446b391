"""Parsed formulas kept on disk: a ``MathTex`` is read back, not parsed again.

manim turns a compiled formula's SVG into mobjects (``SVGMobject.init_svg_mobject``)
in every process that shows it, and keeps the result only in that process's
memory. Parsing the SVG and converting its paths is most of what a ``MathTex``
costs once TeX's own output is cached: about 1 s of a re-render of a lesson with
three dozen formulas, whose steps all come from the segment cache.

:func:`install` keeps the parsed mobject in the cache folder (``svg/``),
pickled, under the SHA-256 of the SVG file's bytes and of everything else
manim's own in-memory key covers (the class, its default style, the path
settings, the renderer) with manim's version. It applies only where manim's
own cache does (``use_svg_cache``, on for TeX, off for ``Text``). A file that
cannot be read or written is ignored: the SVG is parsed as before. Every copy
of a formula, parsed, from memory or from disk, is what a parse leaves
(:func:`_take`), so nothing about it depends on what the process drew before.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import zlib
from pathlib import Path
from typing import Any

__all__ = ["install", "svg_key"]

_MARK = "__mathreel_svg_cache__"
_SCHEMA = "mathreel-svg-v1"
#: manim's own ``SVGMobject.init_svg_mobject``.
original_init: Any = None


def svg_key(mobject: Any) -> str | None:
    """The cache key of ``mobject``'s parsed SVG (``None``: its file cannot be read)."""
    import manim
    from manim import config

    try:
        data = Path(mobject.get_file_path()).read_bytes()
    except (OSError, ValueError):
        return None
    seed = (
        _SCHEMA,
        manim.__version__,
        type(mobject).__module__,
        type(mobject).__qualname__,
        repr(mobject.svg_default),
        repr(mobject.path_string_config),
        str(config.renderer),
    )
    return hashlib.sha256(repr(seed).encode() + b"\0" + data).hexdigest()


def _path(key: str) -> Path:
    from mathreel.core.files import cache_dir

    return cache_dir() / "svg" / key[:2] / f"{key}.pickle"


def _init_svg_mobject(self: Any, use_svg_cache: bool) -> Any:
    if not use_svg_cache:
        return original_init(self, use_svg_cache)
    from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP
    from manim.utils.iterables import hash_obj

    hash_val = hash_obj(self.hash_seed)
    parsed = SVG_HASH_TO_MOB_MAP.get(hash_val)
    if parsed is not None:  # parsed in this process: manim's own copy
        return _take(self, parsed.copy())
    key = svg_key(self)
    if key is None:
        return original_init(self, use_svg_cache)
    path = _path(key)
    try:
        parsed = pickle.loads(zlib.decompress(path.read_bytes()))
    except Exception:  # absent, half-written by a crash, another version
        parsed = None
    if parsed is not None:
        SVG_HASH_TO_MOB_MAP[hash_val] = parsed.copy()
        return _take(self, parsed)
    original_init(self, use_svg_cache)
    from mathreel.core.errors import MathreelError
    from mathreel.core.files import atomic_path

    with contextlib.suppress(OSError, MathreelError, pickle.PicklingError, TypeError):
        blob = zlib.compress(pickle.dumps(self.copy(), protocol=5), 1)
        with atomic_path(path) as temporary:
            temporary.write_bytes(blob)
    return self


def _take(self: Any, parsed: Any) -> Any:
    """``self`` as parsing its SVG leaves it, from a parsed copy.

    manim's own in-memory path takes the submobjects only, so its second copy
    of a formula keeps the default sheen direction where a parsed one has it
    flipped with the glyphs; which copy came first then depends on what the
    process drew before, and a re-render that restores steps instead of running
    them would key them differently. Every copy here is as a parse leaves it.
    """
    self.add(*parsed)
    self.id_to_vgroup_dict = parsed.id_to_vgroup_dict
    self.sheen_direction = parsed.sheen_direction
    return self


def install() -> None:
    """Keep parsed formulas on disk (idempotent)."""
    from manim.mobject.svg.svg_mobject import SVGMobject

    global original_init
    if not getattr(SVGMobject.init_svg_mobject, _MARK, False):
        original_init = SVGMobject.init_svg_mobject
        setattr(_init_svg_mobject, _MARK, True)
        SVGMobject.init_svg_mobject = _init_svg_mobject  # type: ignore[method-assign]
