"""One TeX cache shared safely by many processes, and TeX errors in one line.

Every worker compiles formulas into one TeX cache folder, so a formula is only
ever compiled once per machine. manim's own TeX path is not safe to share:
it writes ``<hash>.tex`` in place, compiles beside it, and after every compile
``delete_nonsvg_files()`` deletes every file in the folder that is not ``.svg``
or ``.tex`` -- another process's half-made ``.dvi``, its TeX log, and any lock
file kept there. Loading an SVG writes a modified copy beside it
(``<hash>_.svg``), parses it and deletes it, racing any other process loading
the same formula.

:func:`install` replaces both steps. The invariants:

* **The shared folder only ever gains finished SVGs.** A formula is compiled in
  a private folder of its own (beside the shared one, so on the same file
  system) and its SVG is renamed into the shared folder in one step: a reader
  sees no file or a whole one, and nothing ever deletes from the shared folder.
  No compile needs a lock to be correct.
* **A per-formula lock avoids duplicate work.** Processes that need the same
  missing formula take turns on ``<cache>/locks/tex-<hash>.lock`` (a folder
  nothing cleans); the second finds the SVG made and compiles nothing.
* **Loading parses a private copy.** The modified SVG manim parses goes to a
  private temporary file, never beside the shared one.
* **A TeX error names its cause.** A formula TeX cannot typeset raises
  :class:`~mathreel.core.errors.TexError` with the formula, TeX's own error line and
  the path of its log, kept in ``<cache>/tex-errors/`` where no cleanup
  deletes it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mathreel.core.errors import TexError, ToolMissingError
from mathreel.core.files import cache_dir, write_text
from mathreel.core.locks import file_lock

__all__ = ["compile_formula", "display_formula", "install", "tex_error_summary"]

_MARK = "__mathreel_texlock__"


def tex_error_summary(log: str) -> str:
    """TeX's own words for the first error in a log, on one line.

    ``Undefined control sequence \\notamacro`` names the control sequence TeX
    stopped at; other errors keep TeX's message (``LaTeX Error: Unicode
    character ≠ (U+2260) not set up for use with LaTeX``). Empty when the log
    has no error line.
    """
    lines = log.splitlines()
    for k, line in enumerate(lines):
        if not line.startswith("!"):
            continue
        message = line[1:].strip().rstrip(".")
        following = lines[k + 1 : k + 8]
        if message == "Undefined control sequence" and following:
            # TeX breaks the context where it stopped: the first line ends on it.
            names = re.findall(r"\\[A-Za-z@]+", following[0])
            if names:
                return f"{message} {names[-1]}"
        for extra in following:  # a message continued on the next line
            if not extra.strip() or extra.startswith(("See ", "Type ", "l.", "<")):
                break
            message += " " + extra.strip().rstrip(".")
        return message
    return ""


def display_formula(expression: str) -> str:
    """A formula as its author wrote it: without manim's ``\\special`` wrappers."""
    return re.sub(r"\\special\{dvisvgm:raw [^}]*\}", "", expression).strip()


def _compile_in(work: Path, tex_code: str, compiler: str, output_format: str) -> Path:
    """Compile ``tex_code`` in the private folder ``work``; the SVG made there."""
    from manim.utils.tex_file_writing import make_tex_compilation_command

    tex_file = work / "formula.tex"
    tex_file.write_text(tex_code, encoding="utf-8")
    command = make_tex_compilation_command(compiler, output_format, tex_file, work)
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise ToolMissingError(
            f"LaTeX is not installed ({command[0]} is not on PATH): run scripts/setup "
            "(it installs a minimal TeX Live with dvisvgm)"
        ) from None
    dvi = tex_file.with_suffix(output_format)
    if done.returncode != 0 or not dvi.exists():
        raise _CompileFailed(tex_file.with_suffix(".log"))
    svg = tex_file.with_suffix(".svg")
    try:
        converted = subprocess.run(
            [
                "dvisvgm",
                *(["--pdf"] if output_format == ".pdf" else []),
                "--page=1",
                "--no-fonts",
                "--verbosity=1",
                f"--output={svg.as_posix()}",
                dvi.as_posix(),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    except FileNotFoundError:
        raise ToolMissingError(
            "dvisvgm is not installed (it turns TeX output into SVG): run "
            "scripts/setup, or apt-get install dvisvgm"
        ) from None
    if not svg.exists() or svg.stat().st_size == 0:
        why = (converted.stderr or converted.stdout).strip().splitlines()
        raise _ConvertFailed(why[-1] if why else f"exit status {converted.returncode}")
    return svg


class _CompileFailed(Exception):
    def __init__(self, log: Path) -> None:
        self.log = log


class _ConvertFailed(Exception):
    def __init__(self, why: str) -> None:
        self.why = why


def compile_formula(
    expression: str,
    environment: str | None = None,
    tex_template: Any = None,
) -> Path:
    """The SVG of a TeX expression, compiled at most once per shared TeX folder.

    A drop-in for manim's ``tex_to_svg_file`` (same arguments, same file name:
    ``<tex_dir>/<hash>.svg`` with manim's hash of the full TeX source), safe for
    any number of processes sharing ``tex_dir``.

    Raises
    ------
    TexError
        TeX or dvisvgm failed on the formula; the message names the formula,
        TeX's error line and the log file kept for it.
    ToolMissingError
        ``latex`` or ``dvisvgm`` is not installed.
    """
    from manim import config
    from manim.utils.tex_file_writing import tex_hash

    template = tex_template if tex_template is not None else config["tex_template"]
    if environment is not None:
        tex_code = template.get_texcode_for_expression_in_env(expression, environment)
    else:
        tex_code = template.get_texcode_for_expression(expression)
    tex_dir = Path(config.get_dir("tex_dir"))
    key = tex_hash(tex_code)
    final = tex_dir / f"{key}.svg"
    if final.exists():
        return final
    tex_dir.mkdir(parents=True, exist_ok=True)
    folder_key = hashlib.sha256(str(tex_dir.resolve()).encode()).hexdigest()[:12]
    with file_lock(f"tex-{folder_key}-{key}"):
        if final.exists():  # another process made it while we waited
            return final
        work_root = tex_dir.parent / f".{tex_dir.name}.work"
        work_root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=work_root))
        try:
            compiler = template.tex_compiler
            if not isinstance(compiler, str):
                compiler = compiler[-1]
            try:
                svg = _compile_in(work, tex_code, compiler, template.output_format)
            except _CompileFailed as failed:
                raise _tex_error(expression, key, tex_code, failed.log) from None
            except _ConvertFailed as failed:
                raise TexError(
                    f"dvisvgm could not convert '{display_formula(expression)}' "
                    f"to SVG: {failed.why}"
                ) from None
            write_text(tex_dir / f"{key}.tex", tex_code)
            os.replace(svg, final)  # same file system: one atomic step
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return final


def _tex_error(expression: str, key: str, tex_code: str, log: Path) -> TexError:
    """The one-line error for a formula TeX rejected; its log kept for reading."""
    kept = cache_dir() / "tex-errors" / f"{key}.log"
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    write_text(kept, text)
    write_text(kept.with_suffix(".tex"), tex_code)
    summary = tex_error_summary(text) or "TeX stopped without an error line"
    return TexError(
        f"LaTeX could not typeset '{display_formula(expression)}': {summary}; "
        f"TeX's log: {kept}"
    )


def _private_load(generate: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``SVGMobject.generate_mobject`` parsing its modified copy from a private file."""

    @functools.wraps(generate)
    def wrapper(self: Any) -> Any:
        import xml.etree.ElementTree as ET

        import svgelements as se
        from manim import RIGHT

        file_path = self.get_file_path()
        new_tree = self.modify_xml_tree(ET.parse(file_path))
        with tempfile.TemporaryDirectory(prefix="mathreel-svg-") as private:
            modified = Path(private) / f"{Path(file_path).stem}_.svg"
            new_tree.write(modified)
            svg = se.SVG.parse(modified)
        mobjects, mobject_dict = self.get_mobjects_from(svg)
        self.add(*mobjects)
        self.id_to_vgroup_dict = mobject_dict
        self.flip(RIGHT)
        return self

    setattr(wrapper, _MARK, True)
    return wrapper


def install() -> None:
    """Route manim's TeX compiles and SVG loads through the safe versions (idempotent)."""
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject

    if not getattr(tex_mobject.tex_to_svg_file, _MARK, False):
        setattr(compile_formula, _MARK, True)
        tex_mobject.tex_to_svg_file = compile_formula
    if not getattr(SVGMobject.generate_mobject, _MARK, False):
        SVGMobject.generate_mobject = _private_load(SVGMobject.generate_mobject)  # type: ignore[method-assign,assignment]
