"""The lesson page's answer checking (``templates/practice.js``) agrees with Python's.

One table of cases (exercise, typed text, whether it is right) runs through
:func:`mathreel.practice.check` and, in Node, through the JavaScript port the
lesson pages use; both must give the table's verdict on every row. A second run
feeds both every lesson's exercises at two seeds, answered in the shown form,
in each equivalent form, and wrongly. Skipped when ``node`` is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from practice_cases import CASES

from mathreel.outputs.lesson_pages import TEMPLATES
from mathreel.practice import Exercise, answer_text, check, exercises_for

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def js_verdicts(rows: list[tuple[dict, str]]) -> list[bool]:
    """``check`` of practice.js on each (exercise JSON, text), run in Node."""
    script = (
        "const p = require(process.argv[1]);"
        "let input = '';"
        "process.stdin.on('data', d => input += d);"
        "process.stdin.on('end', () => {"
        "  const rows = JSON.parse(input);"
        "  console.log(JSON.stringify(rows.map(r => p.check(r[0], r[1]))));"
        "});"
    )
    result = subprocess.run(
        [str(NODE), "-e", script, str(Path(TEMPLATES) / "practice.js")],
        input=json.dumps(rows),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_table_in_python_and_in_javascript():
    python = [check(ex, text) for ex, text, _ in CASES]
    javascript = js_verdicts([(ex.to_json(), text) for ex, text, _ in CASES])
    want = [right for _, _, right in CASES]
    wrong_py = [
        (CASES[k][0].id, CASES[k][1]) for k in range(len(CASES)) if python[k] != want[k]
    ]
    wrong_js = [
        (CASES[k][0].id, CASES[k][1])
        for k in range(len(CASES))
        if javascript[k] != want[k]
    ]
    assert wrong_py == []
    assert wrong_js == []


def forms(exercise: Exercise) -> list[str]:
    """Ways a learner may type the right answer, and two wrong ones."""
    shown = answer_text(exercise)
    if exercise.kind == "choice":
        letter = shown[0]
        return [letter, letter.upper(), f"({letter})", str(exercise.answer), "zz", ""]
    found = [shown, shown.replace("[", "(").replace("]", ")"), shown.strip("[]")]
    found += [shown.replace(", ", " "), "1e9", "[]"]
    return found


def test_every_lessons_exercises_agree(course):
    rows, python = [], []
    for entry in course:
        for seed in (0, 3):
            for exercise in exercises_for(entry, seed):
                for text in forms(exercise):
                    rows.append((exercise.to_json(), text))
                    python.append(check(exercise, text))
    javascript = js_verdicts(rows)
    differ = [
        (rows[k][0]["id"], rows[k][1], python[k])
        for k in range(len(rows))
        if python[k] != javascript[k]
    ]
    assert differ == []
    assert (
        sum(python) > len(python) / 3
    )  # the table holds right answers, not only wrong
