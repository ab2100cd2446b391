"""One table of typed answers and their verdicts, for both answer checkers.

:func:`mathreel.practice.check` and its JavaScript port (``templates/practice.js``,
used by the lesson pages) must agree on every row: tests/mathreel/test_practice_js.py
runs the port in Node, tests/test_lesson_page_browser.py in Chromium.
"""

from __future__ import annotations

from mathreel.practice import Exercise

__all__ = ["CASES"]

HALF = Exercise("n", "p", "number", 0.5, tolerance=0.001, hint="h", solution="s")
PROB = Exercise(
    "p", "p", "number", 0.25, tolerance=0.001, hint="h", solution="s", percent=True
)
NEG = Exercise("m", "p", "number", -0.75, tolerance=0.0, hint="h", solution="s")
VEC = Exercise("v", "p", "vector", (1, -0.5), tolerance=0.01, hint="h", solution="s")
MAT = Exercise(
    "x", "p", "matrix", ((1, 2), (3, 4)), tolerance=0.01, hint="h", solution="s"
)
INT = Exercise("i", "p", "interval", (0.2, 0.6), tolerance=0.01, hint="h", solution="s")
PINT = Exercise(
    "q",
    "p",
    "interval",
    (0.2, 0.6),
    tolerance=0.01,
    hint="h",
    solution="s",
    percent=True,
)
CHO = Exercise(
    "c",
    "p",
    "choice",
    "Shrinks it",
    choices=("Stretches it", "Shrinks it", "Flips it"),
    hint="h",
    solution="s",
)

#: (exercise, typed text, right?)
CASES: list[tuple[Exercise, str, bool]] = [
    (HALF, "0.5", True),
    (HALF, ".5", True),
    (HALF, "1/2", True),
    (HALF, " 1 / 2 ", True),
    (HALF, "+0.5", True),
    (HALF, "5e-1", True),
    (HALF, "0.5004", True),
    (HALF, "0.502", False),
    (HALF, "50%", False),  # no percent for this one
    (HALF, "1/0", False),
    (HALF, "1/2/3", False),
    (HALF, "half", False),
    (HALF, "", False),
    (HALF, "0.5.1", False),
    (HALF, "nan", False),
    (HALF, "inf", False),
    (HALF, "2**-1", False),
    (HALF, "1" * 3000, False),
    (PROB, "25%", True),
    (PROB, "0.25", True),
    (PROB, "1/4", True),
    (PROB, "25 %", True),
    (PROB, "2.5%", False),
    (NEG, "-0.75", True),
    (NEG, "\u22120.75", True),  # a typographic minus
    (NEG, "-3/4", True),
    (NEG, "3/-4", True),
    (NEG, "0.75", False),
    (VEC, "[1, -0.5]", True),
    (VEC, "(1,-1/2)", True),
    (VEC, "1 -.5", True),
    (VEC, "<1, -1/2>", True),
    (VEC, "1; -0.5", True),
    (VEC, "[1, -0.5, 0]", False),
    (VEC, "[[1, -0.5]]", False),
    (VEC, "[1, x]", False),
    (VEC, "[-0.5, 1]", False),
    (MAT, "[[1,2],[3,4]]", True),
    (MAT, "[1 2; 3 4]", True),
    (MAT, "1 2; 3 4", True),
    (MAT, "((1, 2), (3, 4))", True),
    (MAT, "[[1,2],[3,4.001]]", True),
    (MAT, "[[1,2],[3]]", False),
    (MAT, "[[1,2],[4,3]]", False),
    (MAT, "1 2 3 4", False),
    (MAT, "[[1,2],[3,4],[5,6]]", False),
    (INT, "[0.2, 0.6]", True),
    (INT, "(0.2, 0.6)", True),
    (INT, "0.2 to 0.6", True),
    (INT, "0.2 TO 0.6", True),
    (INT, "1/5, 3/5", True),
    (INT, "[0.6, 0.2]", False),
    (INT, "[0.2]", False),
    (INT, "20% to 60%", False),
    (PINT, "20% to 60%", True),
    (CHO, "b", True),
    (CHO, "B", True),
    (CHO, "(b)", True),
    (CHO, "b)", True),
    (CHO, "b.", True),
    (CHO, "shrinks it", True),
    (CHO, "  Shrinks   it ", True),
    (CHO, "a", False),
    (CHO, "d", False),
    (CHO, "Stretches it", False),
    (CHO, "é", False),
    (CHO, "", False),
]
