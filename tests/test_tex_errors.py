"""A formula TeX cannot typeset: one line naming the lesson, the formula and TeX's error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mathreel.core.errors import TexError
from mathreel.patches.texlock import display_formula, tex_error_summary
from render import cli

FIXTURES = Path(__file__).parent / "fixtures"

REGISTRY = """[[lesson]]
slug = "typo"
title = "Typo"
area = "calculus"
summary = "A formula with an undefined control sequence."
scene = "tex_error_lesson:UndefinedMacro"

[[lesson]]
slug = "unicode"
title = "Unicode"
area = "calculus"
summary = "A formula with a character TeX cannot typeset."
scene = "tex_error_lesson:UnicodeFormula"
"""

UNDEFINED_LOG = r"""This is pdfTeX
! Undefined control sequence.
<argument> ...unique000'>}\frac {1}{2} \notamacro
                                                  x\special {dvisvgm:raw </g>}
l.8 \end{align*}

Here is how much of TeX's memory you used:
"""

UNICODE_LOG = r"""(./formula.aux)
! LaTeX Error: Unicode character ≠ (U+2260)
               not set up for use with LaTeX.

See the LaTeX manual or LaTeX Companion for explanation.
"""


def test_summary_names_the_undefined_control_sequence():
    assert tex_error_summary(UNDEFINED_LOG) == "Undefined control sequence \\notamacro"


def test_summary_keeps_a_message_continued_on_the_next_line():
    assert tex_error_summary(UNICODE_LOG) == (
        "LaTeX Error: Unicode character ≠ (U+2260) not set up for use with LaTeX"
    )


def test_summary_of_a_log_without_errors_is_empty():
    assert tex_error_summary("This is pdfTeX\nOutput written on x.dvi\n") == ""


def test_display_formula_drops_manims_wrappers():
    wrapped = "\\special{dvisvgm:raw <g id='unique000'>}x^2\\special{dvisvgm:raw </g>}"
    assert display_formula(wrapped) == "x^2"


def test_a_tex_error_keeps_its_log_where_cleanup_cannot_reach(tmp_path, monkeypatch):
    from manim import MathTex, tempconfig

    from mathreel.patches import install

    install()  # as every lesson does when it is created

    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))
    tex_dir = tmp_path / "tex"
    with tempconfig({"tex_dir": str(tex_dir), "verbosity": "CRITICAL"}):
        with pytest.raises(TexError) as caught:
            MathTex(r"\frac{1}{2} \notamacro x")
        MathTex(r"x^2")  # a later good compile cleans nothing of the failure's
    message = caught.value.message
    assert "'\\frac{1}{2} \\notamacro x'" in message
    assert "Undefined control sequence \\notamacro" in message
    log = Path(message.rsplit("TeX's log: ", 1)[1])
    assert log.is_file() and log.parent == tmp_path / "cache" / "tex-errors"
    assert "Undefined control sequence" in log.read_text()
    assert sorted(p.suffix for p in tex_dir.iterdir()) == [".svg", ".tex"]


@pytest.fixture
def tex_error_course(tmp_path, monkeypatch):
    registry = tmp_path / "course.toml"
    registry.write_text(REGISTRY)
    monkeypatch.setenv("MATHREEL_COURSE", str(registry))
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PYTHONPATH", str(FIXTURES))
    monkeypatch.syspath_prepend(str(FIXTURES))
    return tmp_path


def test_plan_names_the_lesson_the_formula_and_texs_error(tex_error_course):
    result = CliRunner().invoke(cli, ["plan", "unicode", "--voice", "none"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = result.output.strip()
    assert line.startswith("Error: unicode: LaTeX could not typeset 'x ≠ y': ")
    assert "Unicode character ≠ (U+2260)" in line
    assert len(line.splitlines()) == 1


@pytest.mark.slow
def test_a_batch_whose_only_lesson_fails_prints_the_table(tex_error_course):
    # One lesson on two workers: the driver plans it to split it, meets the TeX
    # error there, and leaves the lesson to its worker, which reports it.
    out = tex_error_course / "out"
    result = CliRunner().invoke(
        cli,
        [
            "render", "typo", "--jobs", "2", "--voice", "none",
            "--resolution", "128x72", "--fps", "3", "--out", str(out),
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "no rendered lessons" not in result.output
    assert "FAIL   typo                     LaTeX could not typeset" in result.output
    assert "typo: typo:" not in result.output  # the lesson named once per line
    assert "Undefined control sequence \\notamacro" in result.output
    table = result.output.split("\n\n")[1].splitlines()
    assert table[0].split() == ["lesson", "status", "frames", "duration", "wall", "log"]
    assert table[1].split()[:2] == ["typo", "FAIL"]
    assert "Error: 1 of 1 lesson(s) failed: typo" in result.output
