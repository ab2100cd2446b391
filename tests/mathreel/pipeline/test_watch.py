"""The watch loop re-runs on a change to a watched file, and only then."""

from __future__ import annotations

import threading
import time

from mathreel.pipeline.watch import watch

TIMEOUT = 20.0  # seconds the watch may wait for the edit before the test fails


def test_runs_again_after_a_change_only(tmp_path):
    lesson = tmp_path / "lesson.py"
    other = tmp_path / "notes.txt"
    lesson.write_text("v = 1\n")
    runs = []
    runs_before_edit = []  # read by the editor thread, checked here
    errors = []
    stop = threading.Event()

    def action():
        runs.append(lesson.read_text())
        if len(runs) == 2:
            stop.set()

    def edit():
        try:
            time.sleep(0.8)
            other.write_text("not watched\n")
            time.sleep(0.8)
            runs_before_edit.append(len(runs))
            lesson.write_text("v = 2\n")
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)

    editor = threading.Thread(target=edit, daemon=True)
    give_up = threading.Timer(TIMEOUT, stop.set)  # a missed edit ends the watch
    editor.start()
    give_up.start()
    try:
        count = watch([lesson], action, stop=stop)
    finally:
        give_up.cancel()
    editor.join(timeout=5)
    assert not editor.is_alive(), "the editing thread did not finish in 5 s"
    if errors:
        raise errors[0]
    assert runs_before_edit == [1], "a change to an unwatched file re-ran the action"
    assert count == 2, f"the watched file's edit did not re-run it within {TIMEOUT} s"
    assert runs == ["v = 1\n", "v = 2\n"]
