"""``mathreel new``: the scaffold registers itself and its tests pass as generated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mathreel.scaffold import class_name
from render import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    """A copy of the project's scenes and an empty tests tree."""
    shutil.copytree(
        ROOT / "scenes",
        tmp_path / "scenes",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (tmp_path / "tests").mkdir()
    return tmp_path


def test_class_name():
    assert class_name("chain-rule") == "ChainRule"


def test_new_lesson_is_registered_in_its_area(project):
    before = tomllib.loads((project / "scenes" / "course.toml").read_text())["lesson"]
    result = CliRunner().invoke(
        cli,
        [
            "new",
            "matrix-rank",
            "--area",
            "linear-algebra",
            "--title",
            'Rank "of" a matrix',
            "--root",
            str(project),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    module = project / "scenes" / "linear_algebra" / "matrix_rank.py"
    assert module.exists()
    assert (
        project / "tests" / "scenes" / "linear_algebra" / "test_matrix_rank.py"
    ).exists()
    after = tomllib.loads((project / "scenes" / "course.toml").read_text())["lesson"]
    assert len(after) == len(before) + 1
    areas = [e["area"] for e in after]
    new = next(i for i, e in enumerate(after) if e["slug"] == "matrix-rank")
    assert after[new]["title"] == 'Rank "of" a matrix'
    assert after[new]["scene"] == "scenes.linear_algebra.matrix_rank:MatrixRank"
    # it goes after the last linear-algebra lesson, before the next area
    assert areas[new] == "linear-algebra"
    assert all(a == "linear-algebra" for a in areas[: new + 1])
    # a second time is refused
    again = CliRunner().invoke(
        cli, ["new", "matrix-rank", "--area", "linear-algebra", "--root", str(project)]
    )
    assert again.exit_code == 1
    assert "already in the course" in again.output


@pytest.mark.parametrize(
    ("slug", "message"),
    [("Bad_Slug", "lowercase words joined by hyphens"), ("x--y", "lowercase")],
)
def test_bad_slugs_are_refused(project, slug, message):
    result = CliRunner().invoke(
        cli, ["new", slug, "--area", "calculus", "--root", str(project)]
    )
    assert result.exit_code == 1
    assert message in result.output


def test_scaffold_tests_pass_as_generated(project):
    result = CliRunner().invoke(
        cli,
        ["new", "geometric-series", "--area", "calculus", "--root", str(project)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    env = {**os.environ, "PYTHONPATH": str(project)}
    env.pop("MATHREEL_COURSE", None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/scenes/calculus/test_geometric_series.py",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout
    lint = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
            "scenes/calculus/geometric_series.py",
            "tests/scenes/calculus/test_geometric_series.py",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatted = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
            "scenes/calculus/geometric_series.py",
            "tests/scenes/calculus/test_geometric_series.py",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
