"""The ``render`` and ``preview`` commands as library calls: typed settings, then a run.

The CLI hands its parsed options to :class:`RenderSettings` or
:class:`PreviewSettings` unchanged (the field names are the options' names) and
calls :meth:`~RenderSettings.prepare`, which checks them together, resolves the
quality, voice, parameters and shard, and returns the :class:`Prepared`
:class:`~mathreel.pipeline.run.RenderRequest` with the notes to print first.
Everything that can be refused is refused there, in one line and before any
work: conflicting options, an unknown lesson, a bad parameter, a missing LaTeX
or voice engine. So the checks are tested as library calls, not only through
the CLI. :func:`run_render` and :func:`run_preview` then do the command's work
(a batch, or a watch loop; a batch or a merge, then previews and the page).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mathreel.core.course import Course, Entry
from mathreel.core.errors import MathreelError
from mathreel.core.params import parse_assignment
from mathreel.core.quality import resolve_quality
from mathreel.pipeline.batch import parse_shard
from mathreel.pipeline.run import (
    BatchReport,
    RenderRequest,
    merge_rendered,
    previews_and_page,
    render_lessons,
    select_shard,
)
from mathreel.render.options import RenderOptions

__all__ = [
    "Prepared",
    "PreviewSettings",
    "RenderSettings",
    "refuse_conflicts",
    "run_preview",
    "run_render",
]

Echo = Callable[[str], None]
Show = Callable[[BatchReport], None]


@dataclass(frozen=True)
class Prepared:
    """A checked request, the lines to print before it runs, and whether to watch."""

    request: RenderRequest
    notes: list[str] = field(default_factory=list)
    watch: bool = False


def refuse_conflicts(
    several: bool, fmt: str, course_video: bool, shard: str | None, watch: bool
) -> None:
    """Refuse, in one line and before any work, render options that cannot all be honoured.

    ``several`` is true when more than one lesson (or ``--all``) is asked for.
    Every other combination of ``render`` options is accepted and does what
    each option says (tests/test_cli_options.py lists them all).

    Raises
    ------
    MathreelError
        Naming the two options and what to do instead.
    """
    if course_video and fmt != "mp4":
        raise MathreelError(
            f"--course joins MP4 lessons, not --format {fmt}: render with "
            "--format mp4 (or drop --course)"
        )
    if course_video and shard:
        raise MathreelError(
            "--course with --shard would join only this shard's lessons: render "
            "every shard, then run 'mathreel course'"
        )
    if watch and shard:
        raise MathreelError(
            "--watch follows one named lesson and --shard picks lessons for a "
            "batch: use one or the other"
        )
    if watch and several:
        raise MathreelError("--watch follows one lesson: name exactly one")


def _preflight(options: RenderOptions) -> None:
    """Stop before any work when LaTeX or the voice engine is missing, or the
    segment cache's size bound (``MATHREEL_SEGMENT_CACHE_MB``) is not a size."""
    from mathreel.doctor import require_latex
    from mathreel.narration.narrator import narrator_for
    from mathreel.render.segments import size_bound

    try:
        size_bound()
    except ValueError as error:
        raise MathreelError(str(error)) from None
    require_latex()
    narrator_for(options.voice)


def _shard(
    shard_of: tuple[int, int] | None,
    entries: list[Entry],
    given: dict[str, Any],
    options: RenderOptions,
    notes: list[str],
) -> list[Entry]:
    """The shard's share of ``entries`` (all of them without ``--shard``)."""
    if not shard_of:
        return entries
    index, count = shard_of
    entries = select_shard(entries, given, options, index, count)
    names = ", ".join(e.slug for e in entries) or "no lessons"
    notes.append(f"Shard {index}/{count}: {names}")
    return entries


@dataclass(frozen=True)
class RenderSettings:
    """``mathreel render``'s options, one field per option (see its ``--help``).

    ``assignments`` are the raw ``--set NAME=VALUE`` strings and ``voice`` the
    ``--voice`` text; :meth:`prepare` parses and checks both.
    """

    lessons: tuple[str, ...] = ()
    all_: bool = False
    quality: str = "preview"
    resolution: str | None = None
    fps: int | None = None
    assignments: tuple[str, ...] = ()
    out: Path = Path("out")
    jobs: int = 1
    voice: str = "none"
    fmt: str = "mp4"
    burn_captions: bool = False
    force: bool = False
    shard: str | None = None
    scheduler: str | None = None
    split: bool = True
    course_video: bool = False
    watch: bool = False

    def prepare(self, course: Course) -> Prepared:
        """Check the options together and resolve them into a request.

        Raises
        ------
        MathreelError
            One line naming the problem: no lessons or both lessons and
            ``--all``, conflicting options, ``--set`` with several lessons, an
            unknown lesson, quality, voice or shard, an invalid parameter, or
            missing LaTeX or voice engine.
        """
        from mathreel.narration.voice import parse_voice

        if self.all_ == bool(self.lessons):
            raise MathreelError("name the lessons to render, or pass --all (not both)")
        several = self.all_ or len(self.lessons) != 1
        refuse_conflicts(several, self.fmt, self.course_video, self.shard, self.watch)
        entries = course.entries if self.all_ else course.select(list(self.lessons))
        given = dict(parse_assignment(v) for v in self.assignments)
        if given and len(entries) != 1:
            raise MathreelError(
                "--set applies to one lesson: name exactly one lesson with it"
            )
        setting = resolve_quality(
            self.quality, resolution=self.resolution, fps=self.fps
        )
        options = RenderOptions(
            setting, parse_voice(self.voice), self.burn_captions, self.fmt
        )
        shard_of = parse_shard(self.shard) if self.shard else None
        if given:  # defaults are always valid; given values are checked before work
            entries[0].load().resolve_args(given, lesson=entries[0].slug)
        _preflight(options)
        notes = []
        if self.fmt == "gif" and options.voice.engine != "none":
            notes.append(
                f"Note: a GIF has no sound; the voice {options.voice} only sets how "
                "long each beat lasts (--voice none: each beat lasts its reading time)."
            )
        entries = _shard(shard_of, list(entries), given, options, notes)
        request = RenderRequest(
            course,
            tuple(entries),
            options,
            self.out,
            given,
            self.jobs,
            self.force,
            self.scheduler,
            self.split,
            self.course_video,
        )
        return Prepared(request, notes, self.watch)


@dataclass(frozen=True)
class PreviewSettings:
    """``mathreel preview``'s rendering options (``--merge`` is handled apart).

    Previews render at preview quality (or ``resolution``/``fps``) without
    narration.
    """

    lessons: tuple[str, ...] = ()
    shard: str | None = None
    resolution: str | None = None
    fps: int | None = None
    out: Path = Path("out")
    jobs: int = 1
    force: bool = False

    def prepare(self, course: Course) -> Prepared:
        """Resolve the lessons, quality and shard into a request.

        Raises
        ------
        MathreelError
            An unknown lesson, resolution or shard, or missing LaTeX.
        """
        from mathreel.narration.voice import parse_voice

        entries = course.select(list(self.lessons)) if self.lessons else course.entries
        setting = resolve_quality("preview", resolution=self.resolution, fps=self.fps)
        options = RenderOptions(setting, voice=parse_voice("none"))
        shard_of = parse_shard(self.shard) if self.shard else None
        _preflight(options)
        notes: list[str] = []
        entries = _shard(shard_of, list(entries), {}, options, notes)
        request = RenderRequest(
            course, tuple(entries), options, self.out, jobs=self.jobs, force=self.force
        )
        return Prepared(request, notes)

    def refuse_with_merge(self) -> None:
        """``--merge`` renders nothing: refuse the options that would render."""
        if self.lessons or self.shard or self.resolution or self.fps:
            raise MathreelError(
                "--merge renders nothing: give it no lessons, --shard, --resolution or --fps"
            )


def run_render(
    prepared: Prepared, *, echo: Echo, show: Show, live: bool | None = None
) -> BatchReport | None:
    """Render the prepared request once, or with ``watch`` whenever its lesson changes.

    ``show`` prints a batch's report (each time, when watching); ``live``
    redraws progress in place (default: when stderr is a terminal). Returns the
    report of the one batch; watching returns ``None`` when interrupted.
    """
    request = prepared.request
    if request.scheduler is None:
        from mathreel.pipeline.batch import warm_up

        warm_up()  # the workers' imports, while the lessons are planned
    live = sys.stderr.isatty() if live is None else live
    if not prepared.watch:
        report = render_lessons(request, echo=echo, live=live)
        show(report)
        return report
    from mathreel.pipeline.watch import follow

    def once(forced: bool) -> None:
        show(render_lessons(replace(request, force=forced), echo=echo, live=live))

    follow(request.entries[0], once, force=request.force, echo=echo)
    return None


def run_preview(
    settings: PreviewSettings,
    course: Course,
    merge_from: tuple[Path, ...] = (),
    *,
    echo: Echo,
    show: Show,
    live: bool | None = None,
) -> BatchReport | None:
    """``mathreel preview``: render (or merge shards' folders), then previews and page.

    Returns the batch's report (``None`` after a merge, or when the shard has
    no lessons); ``live`` as for :func:`run_render`.

    Raises
    ------
    MathreelError
        As :meth:`PreviewSettings.prepare`, or :func:`merge_rendered`; with
        ``merge_from``, any option that would render.
    """
    report, live = None, sys.stderr.isatty() if live is None else live
    if merge_from:
        settings.refuse_with_merge()
        out_dir, count, folders = merge_rendered(merge_from, settings.out)
        echo(f"Merged {count} lesson(s) from {folders} folder(s) into {out_dir}/")
    else:
        prepared = settings.prepare(course)
        for note in prepared.notes:
            echo(note)
        if not prepared.request.entries:
            return None
        report = render_lessons(prepared.request, echo=echo, live=live)
        show(report)
        out_dir = prepared.request.out_dir
    lessons, fresh, page = previews_and_page(out_dir, settings.force, course=course)
    echo(f"Previews: {out_dir / 'previews'}/ ({lessons} lesson(s), {fresh} made now)")
    echo(f"Page:     {page}")
    return report
