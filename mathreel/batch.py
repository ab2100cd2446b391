"""Rendering many lessons at once: worker processes, a lock, progress, shards.

manim's configuration is global, so every lesson renders in a fresh worker
process (``spawn``, one task per process), on the local pool or on a Dask
cluster. Lessons start longest first (from their plans) so the workers finish
together. A lesson that fails does not stop the others: its outcome says why,
its full log is kept, and the batch goes on. Every lesson's outputs are final the
moment it finishes and ``manifest.json`` is rebuilt from the lessons' own
records, so killing a batch loses nothing that finished; the next run renders
only what is missing. One batch at a time may write to an output folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import multiprocessing
import os
import shutil
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .course import Entry
from .errors import MathreelError
from .outputs import RenderOptions, output_paths

__all__ = [
    "Job",
    "Outcome",
    "lock_output",
    "parse_shard",
    "read_progress",
    "render_batch",
    "shard",
]


@dataclass(frozen=True)
class Job:
    """One lesson to render, with its planned frame count (0 when unknown)."""

    entry: Entry
    given: dict[str, Any]
    options: RenderOptions
    out_dir: Path
    planned_frames: int = 0


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


def progress_path(job: Job) -> Path:
    """Where a running job writes how many frames it has rendered."""
    return job.out_dir / ".progress" / f"{job.entry.stem}.json"


def read_progress(job: Job) -> int:
    """Frames the job has rendered so far (0 when it has not started)."""
    try:
        return int(json.loads(progress_path(job).read_text())["frame"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


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
            record = render_lesson(
                job.entry,
                job.given,
                job.options,
                job.out_dir,
                progress=progress_path(job),
            )
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
            progress_path(job).unlink(missing_ok=True)


@contextlib.contextmanager
def lock_output(out_dir: Path) -> Iterator[None]:
    """Hold the output folder for one batch; a second batch gets a clear error.

    Leftovers of a killed batch (work folders, ``.part`` files, progress files)
    are removed once the lock is held: nobody else can be using them.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".mathreel.lock"
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise MathreelError(
            f"another mathreel batch (pid {holder}) is writing to {out_dir}: "
            "wait for it to finish, or render into another --out"
        ) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        for leftover in (out_dir / ".work", out_dir / ".progress"):
            shutil.rmtree(leftover, ignore_errors=True)
        for part in out_dir.glob(".*.part"):
            part.unlink(missing_ok=True)
        yield
    finally:
        handle.close()


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` to ``(2, 4)``: shard 2 of 4, counted from 1."""
    try:
        index, count = (int(x) for x in text.split("/"))
    except ValueError:
        index, count = 0, 0
    if not 1 <= index <= count:
        raise MathreelError(
            f"--shard {text!r}: expected I/N with 1 <= I <= N, e.g. 2/4"
        )
    return index, count


def shard(weights: Sequence[tuple[str, float]], index: int, count: int) -> list[str]:
    """The names in shard ``index`` of ``count``, balanced by weight.

    Longest first, each to the least-loaded shard (ties to the lowest shard):
    deterministic for the same weights, so ``count`` CI jobs together cover
    every name exactly once.
    """
    loads = [0.0] * count
    owner: dict[str, int] = {}
    for name, weight in sorted(weights, key=lambda w: (-w[1], w[0])):
        target = min(range(count), key=lambda i: (loads[i], i))
        loads[target] += weight
        owner[name] = target + 1
    return [name for name, _ in weights if owner[name] == index]


@contextlib.contextmanager
def _local_pool(workers: int) -> Iterator[Callable[[Job], Any]]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, max_tasks_per_child=1
    )
    try:
        yield lambda job: pool.submit(_run_job, job)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


@contextlib.contextmanager
def _dask_pool(address: str) -> Iterator[Callable[[Job], Any]]:
    try:
        from distributed import Client
    except ImportError:
        raise MathreelError(
            "--scheduler needs Dask: pip install 'mathreel[dask]' (dask distributed)"
        ) from None
    try:
        client = Client(address, timeout="10s")
    except OSError as error:
        raise MathreelError(
            f"cannot reach the Dask scheduler at {address} ({error}): start one with "
            "'dask scheduler' and workers with 'dask worker ADDRESS --nthreads 1'"
        ) from None
    with client:
        yield lambda job: client.submit(
            _run_job, job, pure=False, key=f"mathreel-{job.entry.stem}-{time.time_ns()}"
        )


def _wait_some(futures: list[Any]) -> list[Any]:
    """The futures that are done, waiting at most half a second for one."""
    if all(isinstance(f, Future) for f in futures):
        done, _ = wait_futures(futures, timeout=0.5, return_when="FIRST_COMPLETED")
        return list(done)
    from distributed import wait

    try:
        wait(futures, timeout=0.5, return_when="FIRST_COMPLETED")
    except TimeoutError:
        pass
    return [f for f in futures if f.done()]


def render_batch(
    jobs: Sequence[Job],
    *,
    workers: int = 1,
    scheduler: str | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    on_tick: Callable[[dict[int, int], float], None] | None = None,
) -> list[Outcome]:
    """Render ``jobs`` (longest first); return their outcomes in job order.

    Parameters
    ----------
    workers
        Local worker processes (ignored with ``scheduler``).
    scheduler
        A Dask scheduler address (``tcp://host:port``) to send the jobs to;
        its workers must see the same output folder.
    on_done
        Called with each outcome as it finishes.
    on_tick
        Called about twice a second with ``{job index: frames rendered}`` of the
        running jobs and the seconds since the start.
    """
    if not jobs:
        return []
    order = sorted(range(len(jobs)), key=lambda i: (-jobs[i].planned_frames, i))
    pool = (
        _dask_pool(scheduler)
        if scheduler
        else _local_pool(max(1, min(workers, len(jobs))))
    )
    outcomes: dict[int, Outcome] = {}
    started = time.perf_counter()
    with pool as submit:
        running: dict[Any, int] = {submit(jobs[i]): i for i in order}
        while running:
            for future in _wait_some(list(running)):
                i = running.pop(future)
                try:
                    ok, message, record = future.result()
                except Exception as error:  # the worker process died
                    ok, message, record = False, f"worker died: {error}", {}
                seconds = record.get("render_seconds", time.perf_counter() - started)
                outcomes[i] = Outcome(jobs[i], ok, seconds, message, record)
                if on_done:
                    on_done(outcomes[i])
            if on_tick and running:
                progress = {i: read_progress(jobs[i]) for i in running.values()}
                on_tick(progress, time.perf_counter() - started)
    return [outcomes[i] for i in range(len(jobs))]
