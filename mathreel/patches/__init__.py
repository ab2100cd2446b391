"""What mathreel changes in manim, installed explicitly with :func:`install`.

* :mod:`~mathreel.patches.texlock`: one TeX cache shared safely by many
  processes, and TeX errors that name the formula and TeX's own error line.
* :mod:`~mathreel.patches.fastnumbers`: ``DecimalNumber`` glyphs copied without
  ``deepcopy`` (the same points and colours, several times faster).
* :mod:`~mathreel.patches.svgcache`: a formula's parsed SVG kept on disk, so
  another process reads it back instead of parsing it again.

:class:`mathreel.lesson.Lesson` calls :func:`install` when a lesson is created,
so every plan, render and still runs with them; nothing is patched on import.
"""

from __future__ import annotations

from mathreel.patches import fastnumbers, svgcache, texlock

__all__ = ["install"]


def install() -> None:
    """Install every patch (idempotent: a second call changes nothing)."""
    texlock.install()
    fastnumbers.install()
    svgcache.install()
