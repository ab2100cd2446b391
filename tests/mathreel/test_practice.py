"""The practice engine: the Exercise type, answer checking, finding a lesson's practice."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathreel.core.course import Entry
from mathreel.core.errors import LessonError
from mathreel.practice import (
    Exercise,
    answer_text,
    check,
    exercises_for,
    parse_matrix,
    parse_number,
    problems,
    worksheet_html,
)


def number(answer: float, tol: float = 0.0, percent: bool = False) -> Exercise:
    return Exercise("t-1", "What is $x$?", "number", answer, tol, hint="h", solution="s",
                    percent=percent)  # fmt: skip


HALF = number(0.5, percent=True)


@pytest.mark.parametrize(
    "typed", ["0.5", ".5", "1/2", "50%", " 0.50 ", "2/4", "5e-1", "+.5"]
)
def test_a_half_in_every_equivalent_form(typed):
    assert check(HALF, typed)


@pytest.mark.parametrize(
    "typed", ["0.51", "-0.5", "1/3", "5%", "half", "", "0.5.0", "1/0"]
)
def test_not_a_half(typed):
    assert not check(HALF, typed)


def test_percent_only_where_the_exercise_allows_it():
    assert check(number(0.5, percent=True), "50%")
    assert not check(number(0.5), "50%")


def test_negative_numbers_and_unicode_minus():
    ex = number(-0.25)
    for typed in ["-0.25", "-.25", "-1/4", "\u22120.25", "1/-4"]:
        assert check(ex, typed), typed


def test_tolerance_edges():
    ex = number(2.0, tol=0.01)
    assert check(ex, "2.01") and check(ex, "1.99")
    assert not check(ex, "2.0101") and not check(ex, "1.9899")
    assert not check(number(2.0), "2.001")


@pytest.mark.parametrize(
    "typed", ["[1, 2]", "(1,2)", "1 2", "1, 2", "<1, 2>", "[1 ; 2]", "(2/2, 4/2)"]
)
def test_vector_forms(typed):
    ex = Exercise("v", "p", "vector", (1, 2), hint="h", solution="s")
    assert check(ex, typed)


@pytest.mark.parametrize("typed", ["[1, 2, 3]", "[2, 1]", "[[1, 2]]x", "1", "[1, two]"])
def test_wrong_vectors(typed):
    ex = Exercise("v", "p", "vector", (1, 2), hint="h", solution="s")
    assert not check(ex, typed)


@pytest.mark.parametrize(
    "typed",
    ["[[1,2],[3,4]]", "[[1, 2], [3, 4]]", "1 2; 3 4", "[1 2; 3 4]", "((1,2),(3,4))"],
)
def test_matrix_forms(typed):
    ex = Exercise("m", "p", "matrix", [[1, 2], [3, 4]], hint="h", solution="s")
    assert check(ex, typed)


@pytest.mark.parametrize(
    "typed", ["[[1,2],[4,3]]", "[[1,2,3],[3,4]]", "1 2 3 4", "[[1,2]]"]
)
def test_wrong_matrices(typed):
    ex = Exercise("m", "p", "matrix", [[1, 2], [3, 4]], hint="h", solution="s")
    assert not check(ex, typed)


def test_a_ragged_matrix_is_not_parsed():
    assert parse_matrix("[[1, 2], [3]]") is None


@pytest.mark.parametrize(
    "typed", ["[1.5, 2.5]", "(1.5, 2.5)", "1.5 to 2.5", "3/2, 5/2"]
)
def test_interval_forms(typed):
    ex = Exercise("i", "p", "interval", (1.5, 2.5), 0.01, hint="h", solution="s")
    assert check(ex, typed)


def test_an_interval_backwards_is_wrong():
    ex = Exercise("i", "p", "interval", (1.5, 2.5), 0.01, hint="h", solution="s")
    assert not check(ex, "[2.5, 1.5]")


CHOICE = Exercise("c", "p", "choice", "fail to reject", choices=("reject", "fail to reject"),
                  hint="h", solution="s")  # fmt: skip


@pytest.mark.parametrize(
    "typed", ["b", "B", "b)", "(b)", "fail to reject", " Fail  to REJECT "]
)
def test_choice_by_letter_or_text(typed):
    assert check(CHOICE, typed)


@pytest.mark.parametrize("typed", ["a", "reject", "c", "z", "", "fail"])
def test_wrong_choice(typed):
    assert not check(CHOICE, typed)


@given(st.text(max_size=300))
def test_malformed_input_never_raises(typed):
    for ex in (HALF, CHOICE, Exercise("m", "p", "matrix", [[1]], hint="h", solution="s"),
               Exercise("i", "p", "interval", (0, 1), hint="h", solution="s"),
               Exercise("v", "p", "vector", (1, 2), hint="h", solution="s")):  # fmt: skip
        assert check(ex, typed) in (True, False)


def test_non_strings_and_huge_input_are_wrong_not_errors():
    assert not check(HALF, None)  # type: ignore[arg-type]
    assert not check(HALF, 0.5)  # type: ignore[arg-type]
    assert not check(HALF, "1" * 100_000)
    assert parse_number("9" * 400 + "/1") is None  # overflow is not a number


def test_no_eval():
    # an expression eval would compute is not a number here
    assert not check(number(4.0), "2+2")
    assert not check(number(4.0), "__import__('os')")


def test_json_round_trip_and_answers_hidden():
    ex = Exercise("m", "$A$", "matrix", [[1, 2], [3, 4]], 0.01, hint="h", solution="s")
    data = json.loads(json.dumps(ex.to_json()))
    assert data["answer"] == [[1.0, 2.0], [3.0, 4.0]]
    assert Exercise.from_json(data) == ex
    hidden = ex.to_json(answers=False)
    assert hidden["answer"] is None and hidden["solution"] is None
    with pytest.raises(ValueError, match="without answers"):
        Exercise.from_json(hidden)


def test_answer_text_is_accepted():
    assert answer_text(CHOICE) == "b) fail to reject"
    assert answer_text(number(0.125)) == "0.125"
    ex = Exercise("m", "p", "matrix", [[1, 0.5]], hint="h", solution="s")
    assert answer_text(ex) == "[[1, 0.5]]" and check(ex, answer_text(ex))


def test_problems_finds_ill_posed_exercises():
    assert problems(HALF) == []
    assert problems(CHOICE) == []
    assert problems(number(float("nan")))
    assert problems(
        Exercise("c", "p", "choice", "x", choices=("x", "x"), hint="h", solution="s")
    )
    assert problems(
        Exercise("c", "p", "choice", "y", choices=("x", "z"), hint="h", solution="s")
    )
    assert problems(Exercise("i", "p", "interval", (2, 1), hint="h", solution="s"))
    assert problems(Exercise("n", "$x", "number", 1, hint="h", solution="s"))
    assert problems(Exercise("n", "p", "number", 1, hint="", solution="s"))


def _entry(tmp_path, monkeypatch, body: str) -> Entry:
    (tmp_path / "fake_practice_lesson.py").write_text(textwrap.dedent(body))
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("fake_practice_lesson", None)
    return Entry(1, "fake", "Fake", "calculus", "s", "fake_practice_lesson:Fake")


def test_exercises_for_calls_the_lesson_practice(tmp_path, monkeypatch):
    entry = _entry(tmp_path, monkeypatch, """
        from mathreel.practice import Exercise
        def practice(seed):
            return [Exercise("fake-1", "p", "number", seed, hint="h", solution="s")]
    """)  # fmt: skip
    assert exercises_for(entry, 3)[0].answer == 3.0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x = 1\n", "defines no practice"),
        ("def practice(seed):\n    return []\n", "non-empty list"),
        (
            "from mathreel.practice import Exercise\n"
            "def practice(seed):\n"
            "    e = Exercise('a', 'p', 'number', 1, hint='h', solution='s')\n"
            "    return [e, e]\n",
            "repeats an exercise id",
        ),
        (
            "from mathreel.practice import Exercise\n"
            "def practice(seed):\n"
            "    return [Exercise('a', 'p', 'interval', (2, 1), hint='h', solution='s')]\n",
            "not well posed",
        ),
    ],
)
def test_exercises_for_refuses_a_bad_practice(tmp_path, monkeypatch, body, message):
    entry = _entry(tmp_path, monkeypatch, body)
    with pytest.raises(LessonError, match=message):
        exercises_for(entry, 0)


def test_worksheet_escapes_lesson_text():
    entry = Entry(1, "x", "<b>Title</b>", "calculus", "s", "m:C")
    ex = Exercise("x-1", "Is <script>alert(1)</script> & $a<b$?", "number", 1,
                  hint="h", solution="s")  # fmt: skip
    html = worksheet_html([(entry, [ex])], seed=3, katex=None)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;Title" in html
