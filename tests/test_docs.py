"""The README documents every command and every option of the command line.

As sqlite-utils does (its ``tests/test_docs.py``), the commands and options are
read from the click group itself, so a command or option added to ``render.py``
fails this test until the README says what it does.

What counts as documented:

- a command ``C``: the README names ``mathreel C`` (in prose or in an example);
- an option of ``C``: every spelling of it (``-q`` and ``--quality``, ``--split``
  and ``--no-split``) appears, as a whole word, in a section of the README that
  names ``mathreel C`` (a section runs from one heading to the next, of any
  level), so an option is explained where its command is;
- the options every command shares (``-h/--help``, ``-V/--version``, which the
  group has too): named once anywhere in the README.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from render import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _sections(text: str) -> list[str]:
    """The README cut at every heading (outside fenced code), headings kept."""
    sections: list[list[str]] = [[]]
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and re.match(r"#{1,6} ", line):
            sections.append([])
        sections[-1].append(line)
    return ["\n".join(lines) for lines in sections]


def _word(token: str) -> re.Pattern[str]:
    """``token`` as a whole word: ``--out`` does not match ``--output``."""
    return re.compile(rf"(?<![\w-]){re.escape(token)}(?![\w-])")


def _spellings(param: click.Parameter) -> list[str]:
    return [*param.opts, *param.secondary_opts]


def _shared() -> set[str]:
    """Spellings of the group's own options (help, version), which every command has."""
    return {
        s
        for p in cli.get_params(click.Context(cli, **cli.context_settings))
        for s in _spellings(p)
    }


def _command_options() -> list[tuple[str, str]]:
    """(command, spelling) for every option spelling of every command."""
    pairs = []
    for name, command in sorted(cli.commands.items()):
        for param in command.get_params(
            click.Context(command, **command.context_settings)
        ):
            if isinstance(param, click.Option):
                pairs += [(name, s) for s in _spellings(param) if s not in _shared()]
    return pairs


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


def _scope(readme: str, command: str) -> list[str]:
    """The README's sections that name ``mathreel COMMAND``."""
    named = _word(f"mathreel {command}")
    return [s for s in _sections(readme) if named.search(s)]


def test_options_are_found():
    """The introspection sees the options, so the tests below check something."""
    pairs = _command_options()
    assert ("render", "--no-split") in pairs
    assert ("render", "-q") in pairs and ("serve", "--port") in pairs
    assert {"-h", "--help", "-V", "--version"} <= _shared()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_command_is_documented(readme, command):
    assert _scope(readme, command), f"README.md never names 'mathreel {command}'"


@pytest.mark.parametrize(
    ("command", "option"),
    _command_options(),
    ids=[f"{c} {o}" for c, o in _command_options()],
)
def test_option_is_documented(readme, command, option):
    scope = _scope(readme, command)
    assert any(_word(option).search(section) for section in scope), (
        f"README.md does not document 'mathreel {command} {option}': say what it "
        f"does in a section that names 'mathreel {command}'"
    )


@pytest.mark.parametrize("option", sorted(_shared()))
def test_shared_option_is_documented(readme, option):
    assert _word(option).search(readme), f"README.md never names '{option}'"


def test_sections_cut_at_headings_outside_code():
    text = "# A\nmathreel x --y\n```sh\n# not a heading\n```\n## B\n--z\n"
    assert _sections(text) == [
        "",
        "# A\nmathreel x --y\n```sh\n# not a heading\n```",
        "## B\n--z",
    ]
    assert _scope(text, "x") == [_sections(text)[1]]
    assert not _word("--out").search("--output") and _word("-q").search("(`-q/--q`)")
