"""The pronunciation layer: math read as words, for every beat of every lesson."""

from __future__ import annotations

import pytest

from mathreel.core.course import load_course
from mathreel.narration.pronounce import (
    number_words,
    speakable,
    spoken_word_index,
    unspeakable,
)
from mathreel.render.worker import plan_lesson

SLUGS = load_course().slugs


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("A v equals lambda v.", "eigh v equals lambda v."),
        ("A vector is an arrow.", "A vector is an arrow."),
        ("swap a and d", "swap eigh and d"),
        ("u = (3, 1)", "u equals three, one"),
        ("[3, 1]", "the vector three, one"),
        ("[[2, 1], [1, 3]]", "the matrix with rows two, one and one, three"),
        ("-2 u = (-6, -2)", "minus two u equals minus six, minus two"),
        ("f(x₀) = 0.84", "f of x nought equals zero point eight four"),
        ("x_0, x_i, w_{11}, v1", "x nought, x sub i, w one one, v one"),
        ("x^2 + x³/3", "x squared plus x cubed over three"),
        ("A = P D P^-1 and A^T", "eigh equals P D P inverse and eigh transpose"),
        ("f′(g(x))", "f prime of g of x"),
        ("\\frac{1}{n} \\cdot \\sigma", "one over n times sigma"),
        ("93.2% of 1,000,000", "ninety-three point two percent of one million"),
        ("lr = 1e-05", "lr equals one times ten to the minus five"),
        ("from -1 to 1, pages 1-3", "from minus one to one, pages one to three"),
        ("45° in 5 ms", "forty-five degrees in five milliseconds"),
        ("a 4-D tensor", "a four-D tensor"),
        ("det A is sin x", "the determinant of eigh is sine x"),
    ],
)
def test_math_is_read_as_a_teacher_reads_it(text, spoken):
    assert speakable(text) == spoken
    assert not unspeakable(speakable(text))


def test_number_words():
    assert number_words("0") == "zero"
    assert (
        number_words("-1,250.05")
        == "minus one thousand two hundred fifty point zero five"
    )
    assert number_words("100050") == "one hundred thousand fifty"
    with pytest.raises(ValueError, match="not a number"):
        number_words("1e-05")


def test_unspeakable_finds_symbols_commands_and_raw_numbers():
    assert unspeakable("x = 1e-05 \\lambda 3 ok, fine.") == [
        "=",
        "1e-05",
        "\\lambda",
        "3",
    ]


def test_caption_words_map_to_their_spoken_words():
    text = "At x = 0.84 it grows."
    spoken = speakable(text).split()
    assert spoken[spoken_word_index(text, 4)] == "it"  # after "zero point eight four"
    assert spoken_word_index(text, 0) == 0


@pytest.mark.parametrize("slug", SLUGS)
def test_every_beat_of_every_lesson_is_speakable(course, slug):
    # the plan the lesson tests use (cached), so no lesson is constructed twice
    for beat in plan_lesson(course.get(slug), fps=15).beats:
        spoken = speakable(beat.say)
        assert not unspeakable(spoken), (beat.index, beat.say, unspeakable(spoken))
