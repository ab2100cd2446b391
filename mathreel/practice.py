"""Practice exercises: the shared type, answer checking, and a lesson's exercises.

A lesson module defines ``practice(seed: int) -> list[Exercise]``: pure numpy, no
manim, numbers drawn from ``numpy.random.default_rng(seed)`` and answers computed
by the lesson's own math functions. The engine never imports ``scenes``: it gets a
:class:`~mathreel.core.course.Entry` and imports the lesson's module by name
(:func:`exercises_for`).

Answers are checked by :func:`check`, which parses what a learner typed without
``eval`` and accepts equivalent forms: ``0.5``, ``.5``, ``1/2`` (and ``50%`` when
the exercise allows percentages), vectors as ``[1, 2]``, ``(1,2)`` or ``1 2``,
matrices as ``[[1,2],[3,4]]`` or ``1 2; 3 4``, intervals as ``[a, b]`` or
``a to b``, and a choice by its letter or its text. Malformed input is wrong,
never an exception.

Prompts, hints and solutions are text with inline TeX between ``$...$``; the
worksheet (:func:`worksheet_html`) typesets it with KaTeX when the vendored files
are present, and shows the TeX as plain text otherwise.
"""

from __future__ import annotations

import importlib
import math
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from mathreel.core.errors import LessonError, MathreelError

if TYPE_CHECKING:
    from mathreel.core.course import Course, Entry

__all__ = [
    "KATEX_DIR",
    "KINDS",
    "Exercise",
    "answer_text",
    "check",
    "exercises_for",
    "has_practice",
    "lesson_output",
    "parse_interval",
    "parse_matrix",
    "parse_number",
    "parse_vector",
    "practice_command",
    "problems",
    "render_text",
    "worksheet_html",
    "write_worksheet",
]

Kind = Literal["number", "vector", "matrix", "choice", "interval"]

#: The answer kinds an exercise can have.
KINDS: tuple[str, ...] = ("number", "vector", "matrix", "choice", "interval")

#: Vendored KaTeX (``katex.min.js``, ``katex.min.css``, ``auto-render.min.js``,
#: ``fonts/``), shipped as package data; the worksheet copies it beside itself.
KATEX_DIR = Path(__file__).resolve().parent / "vendor" / "katex"

#: Longest answer text :func:`check` reads; anything longer is wrong.
MAX_INPUT = 2000

Answer = float | tuple[float, ...] | tuple[tuple[float, ...], ...] | str


@dataclass(frozen=True)
class Exercise:
    """One practice question with its answer, hint and worked solution.

    Attributes
    ----------
    id : str
        Stable within a lesson's set, e.g. ``"eigenvectors-1"``.
    prompt : str
        The question; inline TeX math between ``$...$``.
    kind : {"number", "vector", "matrix", "choice", "interval"}
        How the answer is typed and checked.
    answer : float, tuple of float, tuple of tuple of float, or str
        A number; a vector (shape ``(n,)``); a matrix (rows, shape ``(m, n)``);
        an interval ``(lo, hi)`` with ``lo < hi``; or, for a choice, the text of
        the correct choice (one of ``choices``).
    tolerance : float
        Largest absolute difference accepted, per number (0 for a choice).
    choices : tuple of str
        The options of a choice, shown lettered ``a``, ``b``, ...; empty otherwise.
    hint : str
        A nudge shown after a wrong try.
    solution : str
        The worked solution, with the exercise's numbers.
    percent : bool
        Whether ``50%`` may be typed for ``0.5`` (probabilities, shares).
    """

    id: str
    prompt: str
    kind: Kind
    answer: Answer
    tolerance: float = 0.0
    choices: tuple[str, ...] = field(default_factory=tuple)
    hint: str = ""
    solution: str = ""
    percent: bool = False

    def __post_init__(self) -> None:
        """Normalise numpy answers to plain floats and tuples (hashable, JSON-ready)."""
        object.__setattr__(self, "answer", _normal(self.kind, self.answer))
        object.__setattr__(self, "choices", tuple(str(c) for c in self.choices))
        object.__setattr__(self, "tolerance", float(self.tolerance))

    def to_json(self, answers: bool = True) -> dict[str, Any]:
        """A JSON-ready dict; without ``answers``, ``answer`` and ``solution`` are null.

        Vectors and intervals are lists, matrices lists of rows.
        """
        answer: Any = self.answer
        if isinstance(answer, tuple):
            answer = [list(row) if isinstance(row, tuple) else row for row in answer]
        return {
            "id": self.id,
            "prompt": self.prompt,
            "kind": self.kind,
            "answer": answer if answers else None,
            "tolerance": self.tolerance,
            "choices": list(self.choices),
            "percent": self.percent,
            "hint": self.hint,
            "solution": self.solution if answers else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exercise:
        """The exercise :meth:`to_json` wrote (with answers).

        Raises
        ------
        ValueError
            If a field is missing, the kind unknown or the answer absent.
        """
        try:
            kind = data["kind"]
            raw = data["answer"]
        except (KeyError, TypeError) as missing:
            raise ValueError(f"exercise JSON lacks {missing}") from None
        if kind not in KINDS:
            raise ValueError(f"unknown exercise kind {kind!r}; use one of {KINDS}")
        if raw is None:
            raise ValueError("exercise JSON has no answer (written without answers)")
        return cls(
            id=str(data["id"]),
            prompt=str(data["prompt"]),
            kind=cast(Kind, kind),
            answer=raw,
            tolerance=float(data.get("tolerance", 0.0)),
            choices=tuple(str(c) for c in data.get("choices", ())),
            hint=str(data.get("hint", "")),
            solution=str(data.get("solution") or ""),
            percent=bool(data.get("percent", False)),
        )


def _normal(kind: str, answer: Any) -> Answer:
    """``answer`` as the type its kind stores: float, tuple, tuple of tuples or str."""
    if kind == "choice":
        return str(answer)
    if kind == "number":
        return _tidy(answer)
    if kind == "matrix":
        return tuple(tuple(_tidy(x) for x in row) for row in answer)
    return tuple(_tidy(x) for x in answer)


def _tidy(x: Any) -> float:
    """``x`` as a float to 12 significant digits: ``0.23``, not ``0.23000000000000004``."""
    value = float(x)
    return float(f"{value:.12g}") + 0.0 if math.isfinite(value) else value


# ----------------------------------------------------------------------------
# Parsing what a learner types (no eval)

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00a0": " "})


def _clean(text: str) -> str:
    return text.translate(_MINUS).strip()


def parse_number(text: str, percent: bool = False) -> float | None:
    """A number typed as ``0.5``, ``.5``, ``-1/4``, ``1e-3`` (or ``50%`` if allowed).

    Returns
    -------
    float or None
        The value, or None for anything else (including a zero denominator,
        ``nan`` and ``inf``).
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    s = _clean(text).replace(" ", "")
    scale = 1.0
    if s.endswith("%"):
        if not percent:
            return None
        s, scale = s[:-1], 0.01
    if s.count("/") == 1:
        top, bottom = s.split("/")
        if not (_NUMBER.fullmatch(top) and _NUMBER.fullmatch(bottom)):
            return None
        try:
            value = float(Fraction(top) / Fraction(bottom))
        except (ZeroDivisionError, ValueError, OverflowError):
            return None
    elif _NUMBER.fullmatch(s):
        value = float(s)
    else:
        return None
    value *= scale
    return value if math.isfinite(value) else None


def _items(text: str) -> list[str]:
    """Entries separated by commas, semicolons or spaces, brackets removed."""
    s = _clean(text)
    s = re.sub(r"[\[\]()<>{}]", " ", s)
    return [p for p in re.split(r"[,;\s]+", s) if p]


def parse_vector(text: str, percent: bool = False) -> tuple[float, ...] | None:
    """A vector typed as ``[1, 2]``, ``(1,2)``, ``1 2`` or ``<1, -1/2>``."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    s = _clean(text)
    if s.count("[") > 1 or s.count("(") > 1:
        return None
    values = [parse_number(p, percent) for p in _items(s)]
    if not values or any(v is None for v in values):
        return None
    return tuple(cast(float, v) for v in values)


def parse_matrix(text: str) -> tuple[tuple[float, ...], ...] | None:
    """A matrix typed as ``[[1,2],[3,4]]``, ``[1 2; 3 4]`` or ``1 2; 3 4``.

    Returns None unless every row has the same, non-zero, length.
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    s = _clean(text)
    inner = re.findall(r"[\[(]([^\[\]()]*)[\])]", s)
    if s.count("[") + s.count("(") > 1 and inner:
        raw_rows = inner
    else:
        raw_rows = s.strip("[]() ").split(";")
    rows = [parse_vector(r) for r in raw_rows if r.strip()]
    if not rows or any(r is None for r in rows):
        return None
    width = len(cast(tuple[float, ...], rows[0]))
    if any(len(cast(tuple[float, ...], r)) != width for r in rows):
        return None
    return tuple(cast(tuple[float, ...], r) for r in rows)


def parse_interval(text: str, percent: bool = False) -> tuple[float, float] | None:
    """An interval typed as ``[a, b]``, ``(a, b)``, ``a to b`` or ``a, b``."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    s = re.sub(r"\bto\b", ",", _clean(text), flags=re.IGNORECASE)
    values = parse_vector(s, percent)
    if values is None or len(values) != 2 or not values[0] <= values[1]:
        return None
    return values[0], values[1]


def _close(given: Sequence[float], want: Sequence[float], tol: float) -> bool:
    return len(given) == len(want) and all(
        abs(g - w) <= tol + 1e-9 * max(1.0, abs(w))
        for g, w in zip(given, want, strict=True)
    )


def _choice(exercise: Exercise, text: str) -> bool:
    s = " ".join(_clean(text).lower().split()).rstrip(").")
    s = s.lstrip("(")
    if len(s) == 1 and s.isalpha():
        index = ord(s) - ord("a")
        return 0 <= index < len(exercise.choices) and (
            exercise.choices[index] == exercise.answer
        )
    normal = " ".join(str(exercise.answer).lower().split())
    return bool(s) and s == normal


def check(exercise: Exercise, text: str) -> bool:
    """Whether ``text`` is a right answer to ``exercise``.

    Numbers are compared within ``exercise.tolerance`` (plus a relative 1e-9 for
    rounding). Never raises: malformed, empty or non-string input is wrong.
    """
    try:
        if not isinstance(text, str) or len(text) > MAX_INPUT:
            return False
        kind, answer, tol = exercise.kind, exercise.answer, exercise.tolerance
        if kind == "choice":
            return _choice(exercise, text)
        if kind == "number":
            value = parse_number(text, exercise.percent)
            return value is not None and _close([value], [cast(float, answer)], tol)
        if kind == "vector":
            vector = parse_vector(text, exercise.percent)
            return vector is not None and _close(vector, cast(tuple, answer), tol)
        if kind == "interval":
            interval = parse_interval(text, exercise.percent)
            return interval is not None and _close(interval, cast(tuple, answer), tol)
        if kind == "matrix":
            matrix = parse_matrix(text)
            want = cast(tuple[tuple[float, ...], ...], answer)
            return (
                matrix is not None
                and len(matrix) == len(want)
                and all(_close(g, w, tol) for g, w in zip(matrix, want, strict=True))
            )
    except (ValueError, TypeError, ArithmeticError):
        return False
    return False


# ----------------------------------------------------------------------------
# Showing answers


def _num(x: float) -> str:
    value = round(float(x), 6) + 0.0
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def answer_text(exercise: Exercise) -> str:
    """The answer as a learner would type it: ``0.5``, ``[1, 2]``, ``[[1, 2], [3, 4]]``.

    A choice is its letter and text: ``b) 0.25``.
    """
    answer = exercise.answer
    if exercise.kind == "choice":
        letter = chr(ord("a") + exercise.choices.index(str(answer)))
        return f"{letter}) {answer}"
    if exercise.kind == "number":
        return _num(cast(float, answer))
    if exercise.kind == "matrix":
        rows = cast(tuple[tuple[float, ...], ...], answer)
        return "[" + ", ".join("[" + ", ".join(map(_num, r)) + "]" for r in rows) + "]"
    return "[" + ", ".join(map(_num, cast(tuple[float, ...], answer))) + "]"


def _numbers_of(exercise: Exercise) -> list[float]:
    answer = exercise.answer
    if exercise.kind == "choice":
        return []
    if exercise.kind == "number":
        return [cast(float, answer)]
    if exercise.kind == "matrix":
        return [x for row in cast(tuple, answer) for x in row]
    return list(cast(tuple, answer))


def problems(exercise: Exercise) -> list[str]:
    """What is wrong with an exercise as posed (empty when it is well posed).

    Checks: a known kind; finite numbers; a non-negative tolerance; a prompt,
    hint and solution; balanced ``$`` math; choices distinct with the answer
    exactly once among them; an interval with ``lo < hi``; a matrix with rows of
    one length; and that the answer passes :func:`check` in its own shown form.
    """
    found: list[str] = []
    if exercise.kind not in KINDS:
        return [f"unknown kind {exercise.kind!r}"]
    for name in ("prompt", "hint", "solution"):
        text = getattr(exercise, name)
        if not text.strip():
            found.append(f"empty {name}")
        if text.replace(r"\$", "").count("$") % 2:
            found.append(f"unbalanced $ in {name}")
    if not (math.isfinite(exercise.tolerance) and exercise.tolerance >= 0):
        found.append(f"bad tolerance {exercise.tolerance}")
    try:
        numbers = _numbers_of(exercise)
    except TypeError:
        return [*found, f"answer {exercise.answer!r} does not fit kind {exercise.kind}"]
    if not all(isinstance(x, float | int) and math.isfinite(x) for x in numbers):
        found.append(f"answer {exercise.answer!r} is not finite numbers")
        return found
    if exercise.kind == "choice":
        normal = [" ".join(c.lower().split()) for c in exercise.choices]
        if len(set(normal)) != len(normal) or len(normal) < 2:
            found.append(f"choices not distinct: {exercise.choices}")
        if exercise.choices.count(str(exercise.answer)) != 1:
            found.append("the answer is not exactly one of the choices")
    elif exercise.choices:
        found.append("choices given for a non-choice exercise")
    if exercise.kind == "interval" and (
        len(numbers) != 2 or not numbers[0] < numbers[1]
    ):
        found.append(f"interval {exercise.answer} is not lo < hi")
    if exercise.kind == "matrix":
        rows = cast(tuple, exercise.answer)
        if len({len(r) for r in rows}) != 1:
            found.append("matrix rows of different lengths")
    if not found:
        shown = answer_text(exercise)
        if not check(exercise, shown[0] if exercise.kind == "choice" else shown):
            found.append(f"the answer's own text {shown!r} is not accepted")
    return found


# ----------------------------------------------------------------------------
# A lesson's exercises


def has_practice(entry: Entry) -> bool:
    """Whether the lesson's module defines ``practice(seed)``.

    A lesson may have none (a scratch lesson, or one just made with ``mathreel
    new``): its page then has no practice section. Every lesson of the course
    has one (a test checks it).
    """
    try:
        module = importlib.import_module(entry.module)
    except ModuleNotFoundError:
        return False
    return callable(getattr(module, "practice", None))


def exercises_for(entry: Entry, seed: int) -> list[Exercise]:
    """The exercises of ``entry``'s lesson for ``seed``.

    Imports the lesson's module (``entry.module``) and calls its
    ``practice(seed)``.

    Raises
    ------
    LessonError
        If the module cannot be imported, defines no ``practice``, or returns
        something other than a non-empty list of well-posed exercises with
        distinct ids.
    """
    try:
        module = importlib.import_module(entry.module)
    except ModuleNotFoundError as error:
        raise LessonError(
            f"{entry.slug}: cannot import {entry.module} ({error}); "
            "fix 'scene' in the course registry"
        ) from None
    make = getattr(module, "practice", None)
    if not callable(make):
        raise LessonError(
            f"{entry.slug}: {entry.module} defines no practice(seed); "
            "add one returning a list of mathreel.practice.Exercise"
        )
    exercises = cast(Callable[[int], Any], make)(int(seed))
    if not (
        isinstance(exercises, list)
        and exercises
        and all(isinstance(e, Exercise) for e in exercises)
    ):
        raise LessonError(
            f"{entry.slug}: practice({seed}) must return a non-empty list of Exercise"
        )
    ids = [e.id for e in exercises]
    if len(set(ids)) != len(ids):
        raise LessonError(f"{entry.slug}: practice({seed}) repeats an exercise id")
    for exercise in exercises:
        wrong = problems(exercise)
        if wrong:
            raise LessonError(
                f"{entry.slug}: exercise {exercise.id} (seed {seed}) is not well posed: "
                + "; ".join(wrong)
            )
    return exercises


def render_text(title: str, exercises: Sequence[Exercise], answers: bool) -> str:
    """Exercises as plain text for a terminal (math left as ``$...$`` TeX)."""
    lines = [title, "=" * len(title), ""]
    for number, exercise in enumerate(exercises, start=1):
        lines.append(f"{number}. {exercise.prompt}")
        for index, choice in enumerate(exercise.choices):
            lines.append(f"   {chr(ord('a') + index)}) {choice}")
        lines.append(f"   Hint: {exercise.hint}")
        if answers:
            lines.append(f"   Answer: {answer_text(exercise)}")
            lines.append(f"   Solution: {exercise.solution}")
        lines.append("")
    return "\n".join(lines)


# ----------------------------------------------------------------------------
# The printable worksheet


def worksheet_html(
    lessons: Sequence[tuple[Entry, Sequence[Exercise]]],
    seed: int,
    katex: str | None,
) -> str:
    """The worksheet's HTML: questions by lesson, then the answer key after a page break.

    Parameters
    ----------
    lessons : sequence of (Entry, exercises)
        In course order.
    seed : int
        The seed the numbers were drawn with (printed on the sheet).
    katex : str or None
        Relative URL of the vendored KaTeX folder, or None to show math as TeX.
    """
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("mathreel", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["answer_text"] = answer_text
    template = env.get_template("worksheet.html.j2")
    return template.render(
        lessons=[
            {"entry": entry, "exercises": list(exercises)}
            for entry, exercises in lessons
        ],
        seed=seed,
        katex=katex,
        letters="abcdefghijklmnopqrstuvwxyz",
    )


def write_worksheet(
    path: Path,
    lessons: Sequence[tuple[Entry, Sequence[Exercise]]],
    seed: int,
    katex_dir: Path = KATEX_DIR,
) -> bool:
    """Write the worksheet to ``path`` and KaTeX into ``katex/`` beside it.

    The HTML is written to a temporary file and renamed into place.

    Returns
    -------
    bool
        True if math is typeset with KaTeX; False if the vendored KaTeX is
        missing and the sheet shows math as plain TeX.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    have_katex = (katex_dir / "katex.min.js").is_file() and (
        katex_dir / "katex.min.css"
    ).is_file()
    if have_katex:
        shutil.copytree(katex_dir, path.parent / "katex", dirs_exist_ok=True)
    html = worksheet_html(lessons, seed, "katex" if have_katex else None)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(path)
    return have_katex


# ----------------------------------------------------------------------------
# What the command line prints and writes


def lesson_output(
    lessons: Sequence[tuple[Entry, Sequence[Exercise]]], as_json: bool, answers: bool
) -> str:
    """The exercises of one or more lessons as the terminal shows them.

    JSON: for one lesson, a list of exercise objects (:meth:`Exercise.to_json`,
    with ``answer`` and ``solution`` null unless ``answers``); for several, an
    object mapping each slug to such a list. Text: each lesson's exercises,
    numbered, with hints (and answers and solutions if ``answers``).
    """
    import json

    if as_json:
        sets = {
            entry.slug: [e.to_json(answers) for e in exercises]
            for entry, exercises in lessons
        }
        data: Any = next(iter(sets.values())) if len(sets) == 1 else sets
        return json.dumps(data, indent=2, ensure_ascii=False)
    return "\n".join(
        render_text(f"{entry.number}. {entry.title}", exercises, answers)
        for entry, exercises in lessons
    ).rstrip("\n")


def practice_command(
    course: Course,
    lesson: str | None,
    *,
    all_: bool = False,
    seed: int = 0,
    as_json: bool = False,
    answers: bool = False,
    out: Path | None = None,
) -> str:
    """What ``mathreel practice`` prints: the exercises, or where the worksheet went.

    Without ``out``, :func:`lesson_output` of ``lesson`` (or every lesson with
    ``all_``); with ``out``, writes the worksheet there (:func:`write_worksheet`)
    and returns one line saying what it holds.

    Raises
    ------
    MathreelError
        Neither or both of ``lesson`` and ``all_``; ``out`` with ``as_json`` or
        ``answers`` (a worksheet always ends with its answer key); an unknown
        lesson.
    """
    if bool(lesson) == all_:
        raise MathreelError("name one LESSON or give --all")
    if out and (as_json or answers):
        raise MathreelError(
            "--out writes a worksheet that always ends with its answer key; "
            "drop --json/--answers, or drop --out to print"
        )
    entries = list(course) if all_ else [course.get(str(lesson))]
    sets = [(entry, exercises_for(entry, seed)) for entry in entries]
    if out is None:
        return lesson_output(sets, as_json, answers)
    typeset = write_worksheet(out, sets, seed)
    count = sum(len(exercises) for _, exercises in sets)
    math = "KaTeX in katex/ beside it" if typeset else "TeX source (KaTeX not found)"
    return f"Wrote {out}: {len(sets)} lessons, {count} exercises, math as {math}"
