"""The render pipeline: from lessons of a course to videos, manifest, previews, page.

:func:`render_lessons` is what ``mathreel render`` and ``mathreel preview`` do,
as a library call: check which lessons are current (their records), resolve
each lesson's parameters once into typed :class:`~mathreel.core.params.Args`, plan
and cut long lessons into pieces when workers would idle, render the batch
(:mod:`mathreel.pipeline.batch`), rebuild ``manifest.json`` from the records, then make
the previews, the course video (when asked) and the course page. It returns a
:class:`BatchReport`; the caller prints it. The course is handed in: the engine
never looks for the content it renders.

The other functions are the steps the CLI's other commands share:
:func:`select_shard` (a CI shard's share of the lessons), :func:`previews_and_page`
and :func:`merge_rendered` (the preview command), :func:`join_course`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mathreel.core.course import Course, Entry
from mathreel.core.errors import MathreelError
from mathreel.core.params import Args
from mathreel.core.records import LessonRecord, RecordError, read_manifest
from mathreel.core.timeline import Plan
from mathreel.pipeline.batch import (
    Job,
    Outcome,
    lock_output,
    render_batch,
    shard,
    split_counts,
)
from mathreel.pipeline.report import BatchDisplay, summary_lines
from mathreel.render.options import (
    RenderOptions,
    cached_record,
    output_paths,
    write_manifest,
)

__all__ = [
    "BatchReport",
    "RenderRequest",
    "join_course",
    "merge_rendered",
    "out_folder",
    "previews_and_page",
    "render_lessons",
    "select_shard",
]

Echo = Callable[[str], None]


@dataclass(frozen=True)
class RenderRequest:
    """What to render, and how.

    Parameters
    ----------
    course
        The course the lessons belong to (the manifest lists its rendered lessons).
    entries
        The lessons to render, in course order.
    options
        Quality, voice, format and burned captions.
    out
        The output root; videos go to ``out/QUALITY/`` (``QUALITY-FORMAT`` for
        WebM and GIF).
    given
        Parameter values as given (``--set``), for a single lesson.
    jobs
        Local worker processes (or the Dask cluster's workers with ``scheduler``).
    force
        Render lessons whose outputs are current too.
    scheduler
        A Dask scheduler address, instead of local processes.
    split
        Cut long lessons into pieces when there are more workers than lessons.
    course_video
        Join the folder's lessons into ``course.mp4`` afterwards (MP4 only).
    """

    course: Course
    entries: tuple[Entry, ...]
    options: RenderOptions
    out: Path
    given: dict[str, Any] = field(default_factory=dict)
    jobs: int = 1
    force: bool = False
    scheduler: str | None = None
    split: bool = True
    course_video: bool = False

    @property
    def out_dir(self) -> Path:
        """The folder the videos go to."""
        return out_folder(self.out, self.options)


def out_folder(out: Path, options: RenderOptions) -> Path:
    """``out/QUALITY`` for MP4, ``out/QUALITY-FORMAT`` for WebM and GIF."""
    name = options.quality.name
    return out / (name if options.format == "mp4" else f"{name}-{options.format}")


@dataclass(frozen=True)
class BatchReport:
    """What a batch did: a summary row per lesson, the manifest, the failures.

    ``rows`` are in the request's lesson order, as :func:`report.summary_lines`
    takes them (``lesson``, ``status`` ok/cached/FAIL, ``frames``, ``duration``,
    ``wall`` seconds, ``log``); ``failures`` are ``(slug, message)``.
    """

    out_dir: Path
    manifest: Path
    rows: tuple[dict[str, Any], ...] = ()
    failures: tuple[tuple[str, str], ...] = ()

    def lines(self) -> list[str]:
        """The summary table, then where the videos and the manifest are."""
        return [
            "",
            *summary_lines(self.rows),
            f"\nVideos:   {self.out_dir}/",
            f"Manifest: {self.manifest}",
        ]

    def failure_lines(self) -> list[str]:
        """One line per failed lesson, then the error line (none when all rendered)."""
        if not self.failures:
            return []
        return [f"  {slug}: {message}" for slug, message in self.failures] + [
            f"Error: {len(self.failures)} of {len(self.rows)} lesson(s) failed: "
            + ", ".join(slug for slug, _ in self.failures)
        ]


def _row(
    record: LessonRecord, status: str, wall: float | None, log: str
) -> dict[str, Any]:
    return {
        "lesson": record.lesson,
        "status": status,
        "frames": record.decoded_frames,
        "duration": record.duration,
        "wall": wall,
        "log": log,
    }


def render_lessons(
    request: RenderRequest, *, echo: Echo, live: bool = False
) -> BatchReport:
    """Render what is not current; write the manifest, previews and page.

    Parameters
    ----------
    request
        The lessons and settings.
    echo
        Where progress lines go (the batch's start, each finished lesson, the
        page); the caller prints the returned report.
    live
        Show a live progress display on the terminal (stderr) instead of lines.

    Returns
    -------
    BatchReport
        One row per requested lesson and the failures.

    Raises
    ------
    MathreelError
        Before any work, when a parameter is refused or another batch holds the
        output folder. A lesson that fails is a failure in the report instead.
    """
    options, given = request.options, request.given
    if request.force:  # from scratch: no cached segment either
        options = replace(options, reuse_segments=False)
    out_dir = request.out_dir
    rows: dict[str, dict[str, Any]] = {}
    with lock_output(out_dir):
        todo: list[tuple[Entry, Args]] = []
        for entry in request.entries:
            record = None
            if not request.force:
                record = cached_record(
                    entry, given, options, out_dir, on_stale=_stale(entry, echo)
                )
            if record is None:
                args = entry.load().resolve_args(given, lesson=entry.slug)
                todo.append((entry, args))  # bad values stop here, before any work
            else:
                rows[entry.slug] = _row(record, "cached", None, "")
        work = _jobs(todo, given, options, out_dir, request.jobs, request.split)
        if todo:
            echo(_start_line(request, work, len(todo)))
        display = BatchDisplay(work, echo=echo, live=live)
        try:
            outcomes = render_batch(
                work,
                workers=request.jobs,
                scheduler=request.scheduler,
                on_done=display.done,
                on_tick=display.tick,
            )
        finally:
            display.close()
        manifest = write_manifest(
            out_dir, request.course, options.quality, on_skip=_left_out(echo)
        )
        if read_manifest(manifest).lessons:
            _present(out_dir, options, request.course_video, echo, request.course)
    for outcome in outcomes:
        rows[outcome.job.entry.slug] = _outcome_row(outcome)
    return BatchReport(
        out_dir,
        manifest,
        tuple(rows[e.slug] for e in request.entries),
        tuple((o.job.entry.slug, o.message) for o in outcomes if not o.ok),
    )


def _stale(entry: Entry, echo: Echo) -> Callable[[RecordError], None]:
    def tell(error: RecordError) -> None:
        echo(f"Note: {error.problem}; rendering {entry.slug} again")

    return tell


def _left_out(echo: Echo) -> Callable[[RecordError], None]:
    def tell(error: RecordError) -> None:
        echo(f"Note: {error.problem}; left out of the manifest until rendered again")

    return tell


def _outcome_row(outcome: Outcome) -> dict[str, Any]:
    log = str(outcome.log)
    if outcome.ok and outcome.record is not None:
        return _row(outcome.record, "ok", outcome.seconds, log)
    return {
        "lesson": outcome.job.entry.slug,
        "status": "FAIL",
        "wall": outcome.seconds,
        "log": log,
    }


def _start_line(request: RenderRequest, work: Sequence[Job], lessons: int) -> str:
    setting = request.options.quality
    tasks = sum(max(1, len(j.pieces)) for j in work)
    split_note = "".join(
        f", {j.entry.slug} in {len(j.pieces)} pieces" for j in work if j.pieces
    )
    where = (
        f"Dask at {request.scheduler}"
        if request.scheduler
        else f"{min(request.jobs, tasks)} worker(s)"
    )
    return (
        f"Rendering {lessons} lesson(s) at {setting.name} ({setting.label}), "
        f"voice {request.options.voice}, on {where}{split_note}"
    )


def _present(
    out_dir: Path,
    options: RenderOptions,
    course_video: bool,
    echo: Echo,
    course: Course | None = None,
) -> None:
    """Posters, key moments, contact sheets and beat stills, the course video if
    asked, the page and the lesson pages (with the course's practice data)."""
    from mathreel.outputs.course_video import build_course_video
    from mathreel.outputs.page import build_page
    from mathreel.outputs.previews import make_all_previews

    if options.format != "gif":
        make_all_previews(out_dir)
    if course_video:
        if options.format != "mp4":
            raise MathreelError("--course joins MP4 lessons: render with --format mp4")
        build_course_video(out_dir)
    echo(f"Page:     {build_page(out_dir, course=course)}")


def _jobs(
    todo: Sequence[tuple[Entry, Args]],
    given: dict[str, Any],
    options: RenderOptions,
    out_dir: Path,
    workers: int,
    split: bool,
) -> list[Job]:
    """Jobs for the lessons to render; cut long ones into pieces when workers would idle.

    Only lessons without outputs in ``out_dir`` are cut: a lesson rendered
    before is being re-rendered after an edit, so most of its steps come from
    the segment cache, and pieces would each run its ``construct`` again (plus
    once more to plan the cut) to draw a few steps.
    """
    if not todo:  # nothing to render: do not load the engine (manim) at all
        return []
    from mathreel.render.worker import step_costs

    plans: list[Plan | None] = []
    fresh = [
        not output_paths(out_dir, e, options.format)["record"].exists() for e, _ in todo
    ]
    if split and len(todo) < workers and any(fresh):  # pieces need plans
        plans = [
            _plan_or_none(e, a, options) if new else None
            for (e, a), new in zip(todo, fresh, strict=True)
        ]
        frames = [
            p.frames if p is not None else _planned_frames(e, a, options)
            for p, (e, a) in zip(plans, todo, strict=True)
        ]
        counts = [
            c if new else 1
            for c, new in zip(split_counts(frames, workers), fresh, strict=True)
        ]
    else:
        frames = [_planned_frames(e, a, options) for e, a in todo]
        counts = [1] * len(todo)
    jobs = []
    for k, (entry, args) in enumerate(todo):
        plan = plans[k] if plans else None
        pieces = (
            tuple(plan.split(counts[k], step_costs(entry, args, options)))
            if counts[k] > 1 and plan is not None
            else ()
        )
        jobs.append(
            Job(
                entry,
                given,
                options,
                out_dir,
                frames[k],
                pieces if len(pieces) > 1 else (),
            )
        )
    return jobs


def _plan_or_none(entry: Entry, args: Args, options: RenderOptions) -> Plan | None:
    """The lesson's plan, or ``None`` when planning fails (a TeX error, a bug).

    The lesson is then rendered whole, and its worker meets the same error and
    reports it on the lesson's line of the batch, with its log, while the
    other lessons render.
    """
    from mathreel.render.worker import plan_lesson

    try:
        return plan_lesson(entry, args, fps=options.quality.fps, voice=options.voice)
    except Exception:
        return None


def _planned_frames(entry: Entry, args: Args, options: RenderOptions) -> int:
    """The lesson's planned frames from the plan cache (0 when not planned yet).

    Without a plan at this frame rate, a plan at preview's 15 fps gives the
    duration: an estimate, for the longest-first order and the ETA only.
    """
    from mathreel.render.worker import cached_plan

    fps = options.quality.fps
    plan = cached_plan(entry, args, fps=fps, voice=options.voice)
    if plan is not None:
        return plan.frames
    preview = cached_plan(entry, args, fps=15, voice=options.voice)
    return round(preview.duration * fps) if preview is not None else 0


def select_shard(
    entries: Sequence[Entry],
    given: dict[str, Any],
    options: RenderOptions,
    index: int,
    count: int,
) -> list[Entry]:
    """The lessons of shard ``index`` of ``count``, balanced by planned duration.

    A lesson that cannot be planned weighs nothing (the same in every shard's
    run, so the shards still cover the course); its worker reports the error.
    """
    weights = []
    for entry in entries:
        args = entry.load().resolve_args(given, lesson=entry.slug)
        plan = _plan_or_none(entry, args, options)
        weights.append((entry.slug, plan.duration if plan is not None else 0.0))
    chosen = set(shard(weights, index, count))
    return [e for e in entries if e.slug in chosen]


def previews_and_page(
    out_dir: Path, force: bool = False, course: Course | None = None
) -> tuple[int, int, Path]:
    """Previews of a rendered folder, then its page and lesson pages.

    Posters, key moments, contact sheets and beat stills; with ``course``, each
    lesson's practice data is written for the lesson pages.

    Returns
    -------
    tuple
        ``(lessons, made now, page path)``.
    """
    from mathreel.outputs.page import build_page
    from mathreel.outputs.previews import make_all_previews

    with lock_output(out_dir):
        made = make_all_previews(out_dir, force=force)
        page = build_page(out_dir, course=course)
    return len(made), sum(1 for p in made if p.made), page


def merge_rendered(roots: Sequence[Path], out: Path) -> tuple[Path, int, int]:
    """Merge the rendered folders found under ``roots`` into ``out/QUALITY``.

    Returns
    -------
    tuple
        ``(merged folder, lessons, source folders)``.

    Raises
    ------
    MathreelError
        When no rendered folder is found, or the folders cannot be merged.
    """
    from mathreel.outputs.page import find_rendered, merge_shards
    from mathreel.outputs.previews import rendered_lessons

    sources = [folder for root in roots for folder in find_rendered(root)]
    if not sources:
        raise MathreelError(
            f"no rendered folder (with a manifest.json) in {', '.join(str(r) for r in roots)}"
        )
    out_dir = out / rendered_lessons(sources[0]).quality
    with lock_output(out_dir):
        manifest = merge_shards(sources, out_dir)
    return out_dir, len(read_manifest(manifest).lessons), len(sources)


def join_course(
    out_dir: Path, *, force: bool, reencode: bool, course: Course | None = None
) -> tuple[Any, Path]:
    """Join a rendered folder's lessons into the course video; rebuild the pages.

    With ``course``, each lesson's practice data is written again too.

    Returns
    -------
    tuple
        The :class:`~mathreel.outputs.course_video.CourseVideo` and the page's path.
    """
    from mathreel.outputs.course_video import build_course_video
    from mathreel.outputs.page import build_page
    from mathreel.outputs.previews import rendered_lessons

    rendered_lessons(out_dir)  # one clear line when there is nothing to join
    with lock_output(out_dir):
        result = build_course_video(
            out_dir, force=force, reencode=True if reencode else None
        )
        page = build_page(out_dir, course=course)
    return result, page
