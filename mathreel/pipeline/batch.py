"""Rendering many lessons at once: worker processes, a lock, progress, shards.

manim's configuration is global, so every lesson renders in a fresh worker
process (one task per process), on the local pool or on a Dask cluster. Local
workers are forked from a server that has imported manim and the other large
libraries once (:func:`warm_up`, started as the command starts), so a worker is
ready in a fraction of a second; each still imports mathreel and the lesson
afresh, so an edit is always seen. Lessons start longest first (from their plans) so the workers finish
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mathreel.core.course import Entry
from mathreel.core.errors import MathreelError
from mathreel.core.records import LessonRecord
from mathreel.render.options import RenderOptions, output_paths

__all__ = [
    "Job",
    "Outcome",
    "lock_output",
    "parse_shard",
    "read_progress",
    "render_batch",
    "shard",
    "split_counts",
]


@dataclass(frozen=True)
class Job:
    """One lesson to render, with its planned frame count (0 when unknown).

    With ``pieces`` (step ranges ``[start, end)`` from ``Plan.split``) the lesson
    is rendered as that many pieces in parallel, then joined.
    """

    entry: Entry
    given: dict[str, Any]
    options: RenderOptions
    out_dir: Path
    planned_frames: int = 0
    pieces: tuple[tuple[int, int], ...] = ()


@dataclass
class Outcome:
    """What became of one job: its record when it rendered, its message when not."""

    job: Job
    ok: bool
    seconds: float
    message: str = ""
    record: LessonRecord | None = None

    @property
    def log(self) -> Path:
        """The job's log file."""
        return output_paths(self.job.out_dir, self.job.entry)["log"]


def progress_path(job: Job, piece: int | None = None) -> Path:
    """Where a running job (or one piece of it) writes how many frames it has rendered."""
    suffix = "" if piece is None else f".piece{piece}"
    return job.out_dir / ".progress" / f"{job.entry.stem}{suffix}.json"


def piece_path(job: Job, piece: int) -> Path:
    """Where piece ``piece`` of a split job is kept until the join."""
    return job.out_dir / ".work" / f"{job.entry.stem}.piece{piece}.mp4"


def read_progress(job: Job) -> int:
    """Frames the job has rendered so far, all pieces together (0 before it starts)."""
    paths = [progress_path(job)] + [
        progress_path(job, k) for k in range(len(job.pieces))
    ]
    total = 0
    for path in paths:
        try:
            total += int(json.loads(path.read_text())["frame"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return total


def split_counts(frames: Sequence[int], workers: int) -> list[int]:
    """How many pieces each lesson is cut into so ``workers`` all have work.

    Only when there are more workers than lessons: the piece goes to the lesson
    with the most frames per piece, until there are as many pieces as workers.
    """
    counts = [1] * len(frames)
    while frames and sum(counts) < workers:
        k = max(range(len(frames)), key=lambda i: (frames[i] / counts[i], -i))
        if frames[k] <= 0:
            break
        counts[k] += 1
    return counts


_Result = tuple[bool, str, LessonRecord | None]


def _run_job(job: Job) -> _Result:
    """Render one whole job in this (worker) process."""

    def work() -> LessonRecord:
        from mathreel.render.worker import (
            render_lesson,  # imports manim: only in the worker
        )

        return render_lesson(
            job.entry, job.given, job.options, job.out_dir, progress=progress_path(job)
        )

    return _logged(job, work, "w")


def _run_piece(job: Job, piece: int) -> _Result:
    """Render one piece of a split job in this (worker) process."""

    def work() -> None:
        from mathreel.render.worker import render_piece

        render_piece(
            job.entry,
            job.given,
            job.options,
            job.pieces[piece],
            piece_path(job, piece),
            progress=progress_path(job, piece),
        )

    return _logged(job, work, "a", piece=piece)


def _run_finish(job: Job, started: float) -> _Result:
    """Join a split job's pieces and finish the lesson."""

    def work() -> LessonRecord:
        from mathreel.render.worker import finish_pieces

        paths = [piece_path(job, k) for k in range(len(job.pieces))]
        return finish_pieces(
            job.entry, job.given, job.options, job.out_dir, paths, started=started
        )

    return _logged(job, work, "a")


def _logged(
    job: Job,
    work: Callable[[], LessonRecord | None],
    mode: str,
    piece: int | None = None,
) -> _Result:
    """Run ``work`` with its output going to the job's log; never raise."""
    log = output_paths(job.out_dir, job.entry)["log"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open(mode, encoding="utf-8") as handle:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(handle.fileno(), 1)
        os.dup2(handle.fileno(), 2)
        if piece is not None:
            print(f"== piece {piece}: steps {job.pieces[piece]}", flush=True)
        started = time.perf_counter()
        try:
            return True, "", work()
        except MathreelError as error:
            print(f"error: {error}", file=sys.stderr)
            # the batch shows the lesson's name beside its message already
            return False, error.message.removeprefix(f"{job.entry.slug}: "), None
        except Exception as error:  # a lesson bug: keep the traceback in the log
            traceback.print_exc()
            summary = f"{type(error).__name__}: {error}".splitlines()[0]
            return False, f"{summary} (full traceback in {log})", None
        finally:
            what = "render" if mode == "w" else "join" if piece is None else "piece"
            print(f"== {what} took {time.perf_counter() - started:.1f} s", flush=True)
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            progress_path(job, piece).unlink(missing_ok=True)


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
        _clean(out_dir)
        yield
        _clean(out_dir)
    finally:
        handle.close()


def _clean(out_dir: Path) -> None:
    """Remove work folders, progress files and ``.part`` files (lock held)."""
    for leftover in (out_dir / ".work", out_dir / ".progress"):
        shutil.rmtree(leftover, ignore_errors=True)
    for part in out_dir.glob(".*.part"):
        part.unlink(missing_ok=True)


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


#: What the worker server imports before forking workers: large libraries
#: only. Never mathreel or a lesson, which a worker must read as they are now
#: (``--watch`` keeps the server across edits).
PRELOAD = ("manim", "av", "PIL.Image", "cairo", "numpy", "scipy.spatial")


def warm_up() -> None:
    """Start the worker server now, so its imports overlap the command's own work.

    Idempotent; a no-op where the platform cannot fork (workers then start
    with ``spawn``).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    from multiprocessing import forkserver

    forkserver.ensure_running()


def _share_cores(threads: int, environment: dict[str, str]) -> None:
    """Pool worker start-up: the batch's environment, and its encoder's share of the cores.

    A forked worker inherits the environment of the server it was forked
    from, which started with an earlier command's; the batch's own is set here.
    """
    from mathreel.media import encoding

    os.environ.clear()
    os.environ.update(environment)
    os.environ.setdefault(encoding.THREADS_ENV, str(threads))


@contextlib.contextmanager
def _local_pool(workers: int) -> Iterator[Callable[..., Any]]:
    forks = "forkserver" in multiprocessing.get_all_start_methods()
    if forks:
        warm_up()
    context: Any = multiprocessing.get_context("forkserver" if forks else "spawn")
    threads = max(1, (os.cpu_count() or 1) // workers)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        max_tasks_per_child=1,
        initializer=_share_cores,
        initargs=(threads, dict(os.environ)),
    )
    try:
        yield pool.submit
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


@contextlib.contextmanager
def _dask_pool(address: str) -> Iterator[Callable[..., Any]]:
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
        yield lambda fn, *args: client.submit(fn, *args, pure=False)


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
    tasks = sum(max(1, len(jobs[i].pieces)) for i in order)
    pool = (
        _dask_pool(scheduler) if scheduler else _local_pool(max(1, min(workers, tasks)))
    )
    outcomes: dict[int, Outcome] = {}
    started = time.perf_counter()
    pieces_left = {i: len(jobs[i].pieces) for i in order if jobs[i].pieces}
    piece_failures: dict[int, str] = {}
    job_started = {i: time.time() for i in order}
    with pool as submit:
        running: dict[Any, tuple[int, str]] = {}
        for i in order:
            if jobs[i].pieces:
                for k in range(len(jobs[i].pieces)):
                    running[submit(_run_piece, jobs[i], k)] = (i, "piece")
            else:
                running[submit(_run_job, jobs[i])] = (i, "job")
        while running:
            for future in _wait_some(list(running)):
                i, kind = running.pop(future)
                try:
                    ok, message, record = future.result()
                except Exception as error:  # the worker process died
                    ok, message, record = False, f"worker died: {error}", None
                if kind == "piece":
                    pieces_left[i] -= 1
                    if not ok:
                        piece_failures.setdefault(i, message)
                    if pieces_left[i]:
                        continue
                    if i not in piece_failures:
                        running[submit(_run_finish, jobs[i], job_started[i])] = (
                            i,
                            "job",
                        )
                        continue
                    ok, message, record = False, piece_failures[i], None
                seconds = (
                    record.render_seconds
                    if record is not None
                    else time.perf_counter() - started
                )
                outcomes[i] = Outcome(jobs[i], ok, seconds, message, record)
                if on_done:
                    on_done(outcomes[i])
            if on_tick and running:
                active = {i for i, _ in running.values()}
                on_tick(
                    {i: read_progress(jobs[i]) for i in active},
                    time.perf_counter() - started,
                )
    return [outcomes[i] for i in range(len(jobs))]
