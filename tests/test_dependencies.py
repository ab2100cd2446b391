"""pyproject.toml declares what the code imports, and the Python it needs.

Every third-party package imported directly (``import x``, ``from x import y``,
``pytest.importorskip("x")``) must be declared: by the engine, the lessons and
the CLI in ``[project.dependencies]`` (or an optional extra such as ``dask``
for code that imports it only when asked), by the tests and scripts in either
or in the ``dev`` extra. A package that only arrives as a dependency of another
(manim brings av, rich, watchdog...) can disappear when that one changes, so it
is declared too. Import names are mapped to distributions with
:func:`importlib.metadata.packages_distributions`; the standard library
(:data:`sys.stdlib_module_names`) and the project's own modules are skipped.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
RUNTIME = ["mathreel", "scenes", "render.py"]
DEVELOPMENT = ["tests", "scripts", "benchmarks"]

# standard-library modules and names newer than Python 3.10, with the minor
# version that brought them: code using one needs requires-python to say so
NEWER_STDLIB = {
    "tomllib": 11,
    "datetime.UTC": 11,
    "enum.StrEnum": 11,
    "typing.Self": 11,
    "typing.Never": 11,
    "typing.LiteralString": 11,
    "typing.assert_never": 11,
    "typing.reveal_type": 11,
    "typing.override": 12,
    "warnings.deprecated": 13,
}


def _normal(name: str) -> str:
    """A distribution name in PEP 503 normal form: ``Pillow`` -> ``pillow``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: Iterable[str]) -> set[str]:
    """The distribution names of PEP 508 requirement strings."""
    found = set()
    for requirement in requirements:
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        assert match, f"pyproject.toml: cannot read requirement {requirement!r}"
        found.add(_normal(match[1]))
    return found


def _python_files(roots: Iterable[str], base: Path) -> Iterator[Path]:
    for root in roots:
        path = base / root
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (p for p in sorted(path.rglob("*.py")) if ".venv" not in p.parts)


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of every absolute import in ``path``.

    ``from x import y`` gives ``x.y`` as well as ``x``, so names such as
    ``datetime.UTC`` can be looked up; ``pytest.importorskip("x")`` counts as
    an import of ``x``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "importorskip"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value, node.lineno


def _first_party(base: Path) -> set[str]:
    """The project's own top-level module names (packages, ``render``, test helpers)."""
    names = {p.parent.name for p in base.glob("*/__init__.py")}
    names |= {p.stem for p in base.glob("*.py")}
    names |= {p.stem for p in _python_files(DEVELOPMENT, base)}
    return names


def undeclared(base: Path = ROOT, pyproject: Path = PYPROJECT) -> list[str]:
    """One line per import of a third-party package that pyproject.toml does not declare.

    Parameters
    ----------
    base : Path
        The project root: the folders in ``RUNTIME`` and ``DEVELOPMENT`` are
        read under it.
    pyproject : Path
        The pyproject.toml to check against.

    Returns
    -------
    list of str
        ``"path:line imports x (distribution d): not declared: add it to ..."``, empty
        when everything is declared.
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    runtime = _names(project.get("dependencies", []))
    runtime |= _names(r for name, reqs in extras.items() if name != "dev" for r in reqs)
    anything = runtime | _names(r for reqs in extras.values() for r in reqs)
    provides = importlib.metadata.packages_distributions()
    own = _first_party(base)
    problems = []
    for roots, allowed, where in (
        (RUNTIME, runtime, "[project.dependencies] (or an optional extra)"),
        (DEVELOPMENT, anything, "dev extra (or [project.dependencies])"),
    ):
        for path in _python_files(roots, base):
            seen = set()
            for name, line in _imports(path):
                top = name.partition(".")[0]
                if top in seen or top in sys.stdlib_module_names or top in own:
                    continue
                seen.add(top)
                dists = {_normal(d) for d in provides.get(top, [])}
                where_line = f"{path.relative_to(base)}:{line} imports {top}"
                if not dists:
                    problems.append(
                        f"{where_line}, which no installed distribution provides: "
                        "install it, then declare it in pyproject.toml"
                    )
                elif not dists & allowed:
                    problems.append(
                        f"{where_line} (distribution {', '.join(sorted(dists))}): "
                        f"not declared: add it to pyproject.toml's {where}"
                    )
    return problems


def python_needed(base: Path = ROOT) -> dict[str, int]:
    """Newer standard-library names the code uses -> the Python 3 minor they need."""
    used: dict[str, int] = {}
    for path in _python_files(RUNTIME + DEVELOPMENT, base):
        for name, line in _imports(path):
            if name in NEWER_STDLIB:
                used[f"{path.relative_to(base)}:{line} {name}"] = NEWER_STDLIB[name]
    return used


def test_every_import_is_declared():
    problems = undeclared()
    assert not problems, "\n".join(problems)


def test_requires_python_matches_the_code_and_the_tools():
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    requires = config["project"]["requires-python"]
    match = re.fullmatch(r">=\s*3\.(\d+)", requires.strip())
    assert match, f"requires-python {requires!r}: expected '>=3.N'"
    minor = int(match[1])
    needed = python_needed()
    assert needed, "no file uses tomllib: the scan sees no file"
    newest = max(needed.values())
    assert minor >= newest, (
        f"requires-python {requires!r}, but the code needs 3.{newest}: "
        + ", ".join(k for k, v in needed.items() if v == newest)
    )
    assert config["tool"]["ruff"]["target-version"] == f"py3{minor}"
    assert config["tool"]["mypy"]["python_version"] == f"3.{minor}"


def test_the_check_finds_an_undeclared_import(tmp_path):
    """A package imported by the engine but declared only for the tests is reported."""
    (tmp_path / "mathreel").mkdir()
    (tmp_path / "mathreel" / "__init__.py").write_text(
        "import os\nimport numpy\nfrom yaml.loader import SafeLoader\nfrom . import x\n"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "helper.py").write_text("import yaml\n")
    (tmp_path / "tests" / "test_a.py").write_text(
        "import helper\nimport pytest\npytest.importorskip('webvtt')\n"
    )
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\ndependencies = ["NumPy>=2"]\n'
        '[project.optional-dependencies]\ndev = ["PyYAML", "pytest"]\n'
    )
    assert undeclared(tmp_path, pyproject) == [
        "mathreel/__init__.py:3 imports yaml (distribution pyyaml): not declared: "
        "add it to pyproject.toml's [project.dependencies] (or an optional extra)",
        "tests/test_a.py:3 imports webvtt (distribution webvtt-py): not declared: "
        "add it to pyproject.toml's dev extra (or [project.dependencies])",
    ]
