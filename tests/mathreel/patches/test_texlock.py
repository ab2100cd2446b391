"""Many processes compiling formulas into one TeX cache that starts empty.

The race this guards against (issue 11): manim's ``delete_nonsvg_files()`` deletes
every file in the TeX folder that is not ``.svg`` or ``.tex`` after each compile,
another process's half-made ``.dvi`` (and any lock file kept there) included. On
the old lock, kept inside the TeX folder, three processes compiling overlapping
and distinct formulas into an empty cache failed within a few rounds.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from mathreel.patches import texlock

FORMULAS = [rf"\int_0^{{{i}}} x^2 \, dx" for i in range(4)]
WORKERS = 3
ROUNDS = 3


def _compile(tex_dir: str) -> list[str]:
    from manim import MathTex, tempconfig

    from mathreel.patches import install

    install()  # as every lesson does when it is created

    with tempconfig({"tex_dir": tex_dir, "verbosity": "ERROR"}):
        return [MathTex(f).get_tex_string() for f in FORMULAS]


def _formulas(worker: int, round_: int) -> list[str]:
    """Formulas shared by every worker, interleaved with this worker's own."""
    shared = [rf"\frac{{{round_}}}{{{k} + x}}" for k in range(6)]
    own = [rf"\sum_{{i={worker}}}^{{{k}}} i^{{{round_}}}" for k in range(12)]
    mixed = []
    for k, formula in enumerate(own):
        mixed.append(formula)
        if k % 2 == 0:
            mixed.append(shared[k // 2])
    return mixed


def _compile_rounds(args: tuple[str, int]) -> list[str]:
    """Compile ``ROUNDS`` rounds of formulas, each into an empty folder; the failures."""
    base, worker = args
    from manim import MathTex, tempconfig

    from mathreel.patches import install

    install()

    failures = []
    for round_ in range(ROUNDS):
        folder = Path(base) / f"round{round_}"
        with tempconfig({"tex_dir": str(folder), "verbosity": "CRITICAL"}):
            for formula in _formulas(worker, round_):
                try:
                    MathTex(formula)
                except Exception as error:
                    failures.append(f"{formula}: {type(error).__name__}: {error}")
    return failures


def test_install_is_idempotent():
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject

    texlock.install()
    first = tex_mobject.tex_to_svg_file
    load = SVGMobject.generate_mobject
    assert first is texlock.compile_formula  # manim's compiles go through the lock
    texlock.install()
    assert tex_mobject.tex_to_svg_file is first
    assert SVGMobject.generate_mobject is load  # the SVG load is wrapped once


def test_parallel_compiles_of_one_cache_all_succeed(tmp_path):
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.map(_compile, [str(tmp_path)] * 8)
    assert all(r == FORMULAS for r in results)
    assert len(list(tmp_path.glob("*.svg"))) == len(FORMULAS)


@pytest.mark.slow
def test_concurrent_compiles_from_an_empty_cache_never_fail(tmp_path):
    """Three processes, overlapping and distinct formulas, empty caches: no failure."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        failures = pool.map(
            _compile_rounds, [(str(tmp_path), w) for w in range(WORKERS)]
        )
    assert [f for worker in failures for f in worker] == []
    for round_ in range(ROUNDS):
        svgs = list((tmp_path / f"round{round_}").glob("*.svg"))
        distinct = {f for w in range(WORKERS) for f in _formulas(w, round_)}
        assert len(svgs) == len(distinct)
