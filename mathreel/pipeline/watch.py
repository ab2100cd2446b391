"""The creator's loop: re-run an action whenever a lesson's files change.

Uses watchdog (installed with manim). Saves that arrive together (an editor
writing a file twice, several files at once) cause one re-run, after a short
quiet period.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from mathreel.core.course import Entry
from mathreel.core.errors import MathreelError

__all__ = ["follow", "watch"]


class _Changed(FileSystemEventHandler):
    def __init__(self, files: set[Path], flag: threading.Event) -> None:
        self.files = files
        self.flag = flag

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(p and Path(str(p)).resolve() in self.files for p in paths):
            self.flag.set()


def watch(
    files: Iterable[Path],
    action: Callable[[], None],
    *,
    stop: threading.Event | None = None,
    quiet: float = 0.3,
    max_runs: int | None = None,
) -> int:
    """Run ``action`` now and after every change to ``files``; return the run count.

    Runs until ``stop`` is set (or Ctrl-C), or ``max_runs`` actions have run.
    """
    stop = stop or threading.Event()
    targets = {Path(f).resolve() for f in files}
    changed = threading.Event()
    observer = Observer()
    for folder in {t.parent for t in targets}:
        observer.schedule(_Changed(targets, changed), str(folder), recursive=False)
    observer.start()
    runs = 0
    try:
        while not stop.is_set():
            action()
            runs += 1
            if max_runs is not None and runs >= max_runs:
                break
            while not stop.is_set() and not changed.wait(0.2):
                pass
            while changed.is_set() and not stop.is_set():  # let a burst of saves settle
                changed.clear()
                stop.wait(quiet)
    finally:
        observer.stop()
        observer.join()
    return runs


def follow(
    entry: Entry,
    render: Callable[[bool], None],
    *,
    force: bool,
    echo: Callable[..., None],
) -> None:
    """Render a lesson now and after every change to its module or the shared ones.

    The shared modules are the course's look and kit (``scenes/style.py``,
    ``scenes/kit/``); each re-render draws only the steps an edit changed
    (:mod:`mathreel.render.segments`).

    ``render`` gets whether to force: ``force`` for the first render, false for
    the ones a change causes (the change makes the lesson's outputs stale, and
    unchanged steps come from the segment cache). An error is shown and the
    watch goes on, until Ctrl-C.
    """
    from mathreel.render.cache import shared_sources

    source = entry.source_path()
    shared = shared_sources(source.parents[1])  # style.py, kit/
    files = [source, *shared]
    echo(
        f"Watching {source} and the {len(shared)} shared modules beside it "
        f"(style, kit) (Ctrl-C to stop)"
    )
    forced = [force]  # --force applies to the first render only

    def once() -> None:
        try:
            render(forced.pop() if forced else False)
        except MathreelError as error:
            echo(f"Error: {error.message}", err=True)
        echo("Waiting for changes...")

    with contextlib.suppress(KeyboardInterrupt):
        watch(files, once)
