"""The watch loop re-runs on a change to a watched file, and only then."""

from __future__ import annotations

import threading
import time

from mathreel.watch import watch


def test_runs_again_after_a_change_only(tmp_path):
    lesson = tmp_path / "lesson.py"
    other = tmp_path / "notes.txt"
    lesson.write_text("v = 1\n")
    runs = []
    stop = threading.Event()

    def action():
        runs.append(lesson.read_text())
        if len(runs) == 2:
            stop.set()

    def edit():
        time.sleep(0.8)
        other.write_text("not watched\n")
        time.sleep(0.8)
        assert len(runs) == 1  # an unrelated file changed nothing
        lesson.write_text("v = 2\n")

    editor = threading.Thread(target=edit)
    editor.start()
    count = watch([lesson], action, stop=stop)
    editor.join()
    assert count == 2
    assert runs == ["v = 1\n", "v = 2\n"]
