"""Many processes compiling the same formulas into one TeX cache."""

from __future__ import annotations

import multiprocessing

from mathreel import texlock

FORMULAS = [rf"\int_0^{{{i}}} x^2 \, dx" for i in range(4)]


def _compile(tex_dir: str) -> list[str]:
    from manim import MathTex, tempconfig

    import mathreel.lesson  # noqa: F401  (installs the lock, as every worker does)

    with tempconfig({"tex_dir": tex_dir, "verbosity": "ERROR"}):
        return [MathTex(f).get_tex_string() for f in FORMULAS]


def test_install_is_idempotent():
    from manim.mobject.text import tex_mobject

    texlock.install()
    first = tex_mobject.tex_to_svg_file
    texlock.install()
    assert tex_mobject.tex_to_svg_file is first


def test_parallel_compiles_of_one_cache_all_succeed(tmp_path):
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.map(_compile, [str(tmp_path)] * 8)
    assert all(r == FORMULAS for r in results)
    assert len(list(tmp_path.glob("*.svg"))) == len(FORMULAS)
