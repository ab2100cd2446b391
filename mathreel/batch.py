"""Rendering several lessons, each in a process of its own.

manim's configuration is global, so every lesson renders in a fresh worker
process (``spawn``, one task per process). A lesson that fails does not stop the
others: its outcome says why, its full log is kept, and the batch goes on. The
directory's ``manifest.json`` is rebuilt from the lessons' own records after the
batch, so a crash loses nothing that finished.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .course import Entry
from .errors import MathreelError
from .outputs import RenderOptions, output_paths

__all__ = ["Job", "Outcome", "render_batch"]


@dataclass(frozen=True)
class Job:
    """One lesson to render."""

    entry: Entry
    given: dict[str, Any]
    options: RenderOptions
    out_dir: Path


@dataclass
class Outcome:
    """What became of one job."""

    job: Job
    ok: bool
    seconds: float
    message: str = ""
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def log(self) -> Path:
        """The job's log file."""
        return output_paths(self.job.out_dir, self.job.entry)["log"]


def _run_job(job: Job) -> tuple[bool, str, dict[str, Any]]:
    """Render one job in this (worker) process, its output going to its log."""
    from .worker import render_lesson  # imports manim: only in the worker process

    log = output_paths(job.out_dir, job.entry)["log"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as handle:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(handle.fileno(), 1)
        os.dup2(handle.fileno(), 2)
        try:
            record = render_lesson(job.entry, job.given, job.options, job.out_dir)
            return True, "", record
        except MathreelError as error:
            print(f"error: {error}", file=sys.stderr)
            return False, error.message, {}
        except Exception as error:  # a lesson bug: keep the traceback in the log
            traceback.print_exc()
            summary = f"{type(error).__name__}: {error}".splitlines()[0]
            return False, f"{summary} (full traceback in {log})", {}
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def render_batch(
    jobs: Iterable[Job],
    *,
    workers: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Render ``jobs`` on ``workers`` processes; return their outcomes in job order."""
    jobs = list(jobs)
    if not jobs:
        return []
    outcomes: dict[int, Outcome] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(jobs))),
        mp_context=context,
        max_tasks_per_child=1,
    ) as pool:
        started = time.perf_counter()
        futures = {pool.submit(_run_job, job): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                ok, message, record = future.result()
            except Exception as error:  # the worker process died
                ok, message, record = False, f"worker died: {error}", {}
            outcome = Outcome(
                jobs[i],
                ok,
                record.get("render_seconds", time.perf_counter() - started),
                message,
                record,
            )
            outcomes[i] = outcome
            if on_done:
                on_done(outcome)
    return [outcomes[i] for i in range(len(jobs))]
