"""One TeX cache shared safely by many processes.

Every worker compiles formulas into one TeX cache folder, so a formula is only
ever compiled once per machine. manim's TeX path is not safe to share between
processes: compiling checks for a finished SVG, writes it in place and then
deletes every non-SVG file in the folder (another process's half-compiled
formula included), and loading an SVG writes a modified copy beside it
(``<hash>_.svg``), parses it and deletes it. :func:`install` wraps both steps in
an exclusive file lock on the folder, so processes take turns and never see
each other's half-written files.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["folder_lock", "install"]

_MARK = "__mathreel_locked__"


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (across processes)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".mathreel.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _locked_compile(compile_svg: Callable[..., Path]) -> Callable[..., Path]:
    @functools.wraps(compile_svg)
    def wrapper(*args: Any, **kwargs: Any) -> Path:
        from manim import config

        with folder_lock(Path(config.get_dir("tex_dir"))):
            return compile_svg(*args, **kwargs)

    setattr(wrapper, _MARK, True)
    return wrapper


def _locked_load(generate: Callable[[Any], Any]) -> Callable[[Any], Any]:
    @functools.wraps(generate)
    def wrapper(self: Any) -> Any:
        try:
            folder = Path(self.get_file_path()).parent
        except (AttributeError, ValueError, OSError):
            return generate(self)  # not a file-backed SVG: nothing shared to guard
        with folder_lock(folder):
            return generate(self)

    setattr(wrapper, _MARK, True)
    return wrapper


def install() -> None:
    """Make manim's TeX compilation and SVG loading safe across processes (idempotent)."""
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject

    if not getattr(tex_mobject.tex_to_svg_file, _MARK, False):
        tex_mobject.tex_to_svg_file = _locked_compile(tex_mobject.tex_to_svg_file)
    if not getattr(SVGMobject.generate_mobject, _MARK, False):
        SVGMobject.generate_mobject = _locked_load(SVGMobject.generate_mobject)  # type: ignore[method-assign,assignment]
