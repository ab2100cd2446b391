"""``mathreel practice``: exercises as text or JSON, and the printable worksheet."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from mathreel import practice as practice_module
from mathreel.practice import Exercise, check
from render import cli

FIELDS = {
    "id",
    "prompt",
    "kind",
    "answer",
    "tolerance",
    "choices",
    "percent",
    "hint",
    "solution",
}


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(cli, ["practice", *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.mark.parametrize(
    "slug", ["eigenvectors", "bayes-theorem", "derivatives", "matrix-operations", "pca"]
)
def test_json_with_answers_same_for_a_seed_different_across_seeds(slug):
    seven = json.loads(run(slug, "--seed", "7", "--json", "--answers").output)
    again = json.loads(run(slug, "--seed", "7", "--json", "--answers").output)
    eight = json.loads(run(slug, "--seed", "8", "--json", "--answers").output)
    assert seven == again
    assert len(seven) >= 3
    assert [e["prompt"] for e in seven] != [e["prompt"] for e in eight]
    for item in seven:
        assert set(item) == FIELDS
        assert item["answer"] is not None and item["solution"]
        ex = Exercise.from_json(item)
        assert check(
            ex, json.dumps(item["answer"]) if ex.kind != "choice" else ex.answer
        )


def test_json_without_answers_has_them_null():
    items = json.loads(run("eigenvectors", "--seed", "7", "--json").output)
    assert items and all(i["answer"] is None and i["solution"] is None for i in items)
    assert all(i["hint"] and i["prompt"] for i in items)


def test_text_shows_answers_only_when_asked(course):
    plain = run("determinants", "--seed", "2").output
    number = course.get("determinants").number
    assert plain.startswith(f"{number}. Determinants") and "Hint:" in plain
    assert "Answer:" not in plain and "Solution:" not in plain
    full = run("determinants", "--seed", "2", "--answers").output
    assert full.count("Answer:") >= 3 and "Solution:" in full


def test_all_as_json_is_one_list_per_lesson(course):
    data = json.loads(run("--all", "--seed", "1", "--json").output)
    assert list(data) == course.slugs
    assert all(len(items) >= 3 for items in data.values())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name one LESSON or give --all"),
        (("vectors", "--all"), "name one LESSON or give --all"),
        (("vectors", "--seed", "-1"), "-1"),
        (("vectors", "--out", "x.html", "--json"), "always ends with its answer key"),
        (
            ("vectors", "--out", "x.html", "--answers"),
            "always ends with its answer key",
        ),
        (("eigenvector",), "eigenvectors"),
    ],
)
def test_bad_input_is_one_clear_line(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["practice", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_worksheet_groups_by_lesson_with_the_key_after_a_page_break(tmp_path, course):
    sheet = tmp_path / "print" / "sheet.html"
    out = run("--all", "--seed", "3", "--out", str(sheet)).output
    assert f"{len(course)} lessons" in out and "KaTeX" in out
    html = sheet.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    lessons = soup.select("main > section.lesson")
    assert [s["id"] for s in lessons] == course.slugs
    key = soup.select_one("section.answer-key")
    assert key is not None and key.find_previous("section", class_="lesson") is not None
    assert "break-before: page" in html and "@media print" in html
    # every exercise appears once in the questions and once in the key
    questions = soup.select("section.lesson ol.exercises > li")
    answers = key.select("ol.key > li")
    assert len(questions) == len(answers) >= 3 * 21
    # KaTeX sits beside the sheet, referenced relatively; nothing from the network
    assert (tmp_path / "print" / "katex" / "katex.min.js").is_file()
    assert list((tmp_path / "print" / "katex" / "fonts").glob("*.woff2"))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not list(tmp_path.joinpath("print").glob("*.partial"))


def test_one_lesson_worksheet(tmp_path):
    sheet = tmp_path / "one.html"
    assert "1 lessons" in run("svd", "--seed", "5", "--out", str(sheet)).output
    soup = BeautifulSoup(sheet.read_text(encoding="utf-8"), "html.parser")
    assert [s["id"] for s in soup.select("section.lesson")] == ["svd"]


def test_without_katex_the_sheet_shows_tex_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(practice_module, "KATEX_DIR", tmp_path / "missing")
    monkeypatch.setattr(
        practice_module.write_worksheet,
        "__defaults__",
        (tmp_path / "missing",),
    )
    sheet = tmp_path / "plain.html"
    out = run("vectors", "--out", str(sheet)).output
    assert "KaTeX not found" in out
    html = sheet.read_text(encoding="utf-8")
    assert "shown as TeX source" in html and "katex.min.js" not in html
    assert "$u = (" in html
    assert not (tmp_path / "katex").exists()
