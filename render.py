"""mathreel's command line: list, plan, render and check the course.

A thin layer over the :mod:`mathreel` engine; every command is documented in the
README and tested with click's ``CliRunner``. Errors the user can fix print one
line and exit with status 1.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from mathreel import __version__
from mathreel.course import AREAS
from mathreel.errors import MathreelError
from mathreel.quality import PRESETS
from mathreel.timeline import clock

__all__ = ["cli"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Cli(click.Group):
    """A group that turns mathreel errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MathreelError as error:
            raise click.ClickException(error.message) from None


@click.group(cls=_Cli, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="mathreel")
def cli() -> None:
    """Render the mathreel course: animated lessons on the math of machine learning.

    \b
    Quick start:
      mathreel list                                   the course, in order
      mathreel render --all                           every lesson, preview quality
      mathreel render linear-transformations --set matrix=[[2,1],[1,3]]
    """


def _assignments(values: tuple[str, ...]) -> dict[str, Any]:
    from mathreel.params import parse_assignment

    return dict(parse_assignment(v) for v in values)


def _default_voice() -> str:
    from mathreel.voice import default_voice_name

    return default_voice_name()


voice_option = click.option(
    "--voice",
    default=_default_voice,
    show_default="piper when installed, else flite",
    metavar="ENGINE[:VOICE]",
    help="Narration voice: piper (neural, voice joe), flite (voice slt), flite:rms, espeak-ng, espeak-ng:en-gb, or none (silent; beats last their reading time). 'mathreel voices' lists them.",
)


def _voice(text: str) -> Any:
    from mathreel.voice import parse_voice

    return parse_voice(text)


jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Lessons rendered at once, each in its own process.",
)


def out_option(help: str) -> Any:
    """``--out``: the output root (default ``out``)."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("out"),
        show_default=True,
        help=help,
    )


def quality_option(help: str, *, folder: bool = False) -> Any:
    """``-q/--quality``: a preset, or with ``folder`` any rendered folder name."""
    return click.option(
        "-q",
        "--quality",
        default="preview",
        show_default=True,
        type=None if folder else click.Choice(list(PRESETS)),
        help=help,
    )


set_option = click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set a lesson parameter (JSON or Python literal), e.g. --set matrix=[[2,1],[1,3]]. Repeatable.",
)


@cli.command("list", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print the course as JSON.")
@click.option(
    "--fps",
    default=15,
    show_default=True,
    help="Frame rate the durations are planned at.",
)
@voice_option
def list_(as_json: bool, fps: int, voice: str) -> None:
    """List the course in order: number, slug, title, area, parameters, duration.

    Durations come from each lesson's plan (computed once, then cached).
    """
    from mathreel.course import load_course
    from mathreel.worker import plan_lesson

    spec = _voice(voice)
    rows = []
    for entry in load_course():
        cls = entry.load()
        plan = plan_lesson(entry, fps=fps, voice=spec)
        rows.append(
            {
                "number": entry.number,
                "slug": entry.slug,
                "title": entry.title,
                "area": entry.area,
                "summary": entry.summary,
                "params": {
                    name: p.to_json(p.default) for name, p in cls.params.items()
                },
                "duration": round(plan.duration, 2),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        params = " ".join(
            f"{k}={json.dumps(v, separators=(',', ':'))}"
            for k, v in row["params"].items()
        )
        click.echo(
            f"{row['number']:>2}  {row['slug']:<24} {row['title']:<28} {row['area']:<15}"
            f" {clock(row['duration']):>7}  {params}"
        )


@cli.command(context_settings=CONTEXT)
@click.argument("lesson")
@set_option
@click.option("--fps", default=15, show_default=True, help="Frame rate to plan at.")
@voice_option
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
def plan(
    lesson: str, assignments: tuple[str, ...], fps: int, voice: str, as_json: bool
) -> None:
    """Print LESSON's timeline: beats and animations with exact frames, no rendering."""
    from mathreel.course import load_course
    from mathreel.doctor import require_latex
    from mathreel.worker import plan_lesson

    entry = load_course().get(lesson)
    given = _assignments(assignments)
    entry.load().resolve_args(given, lesson=entry.slug)
    spec = _voice(voice)
    require_latex()
    result = plan_lesson(entry, given, fps=fps, voice=spec)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
        return
    click.echo(
        f"{entry.slug} at {fps} fps: {result.frames} frames, {result.duration:.2f} s, "
        f"{len(result.beats)} beats, {len(result.chapters)} chapters"
    )
    chapters = {c.start_frame: c.title for c in result.chapters}
    for beat in result.beats:
        if beat.start_frame in chapters and beat.chapter:
            click.echo(f"\n== {chapters[beat.start_frame]}")
        click.echo(
            f"beat {beat.index:>2}  frame {beat.start_frame:>5} +{beat.frames:<4} "
            f"{clock(beat.start_frame / fps)}  {beat.text}"
        )
        for step in result.steps:
            if step.beat == beat.index:
                click.echo(
                    f"          {step.kind:<4} {step.description[:40]:<40} "
                    f"{step.run_time:6.2f} s {step.frames:>5} frames"
                )
    loose = [s for s in result.steps if s.beat is None]
    if loose:
        click.echo(
            f"\n{len(loose)} steps between beats: {sum(s.frames for s in loose)} frames"
        )
    for warning in result.warnings:
        click.echo(f"warning: {warning}")


@cli.command(context_settings=CONTEXT)
@click.argument("lessons", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Render every lesson of the course.")
@quality_option(
    "Quality preset: preview and low 480p15, medium 720p30, high 1080p60, production 1440p60, fourk 2160p60."
)
@click.option(
    "--resolution",
    metavar="WxH",
    help="Override the preset's resolution, e.g. 1280x720.",
)
@click.option("--fps", type=int, help="Override the preset's frame rate.")
@set_option
@out_option("Output root; videos go to OUT/QUALITY/.")
@jobs_option
@voice_option
@click.option(
    "--format",
    "fmt",
    default="mp4",
    show_default=True,
    type=click.Choice(["mp4", "webm", "gif"]),
    help="Video format: mp4 (H.264 + AAC), webm (VP9 + Opus), gif (no sound); "
    "webm and gif go to OUT/QUALITY-FORMAT/.",
)
@click.option(
    "--burn-captions",
    is_flag=True,
    help="Draw the captions into the video frames as well.",
)
@click.option(
    "--force", is_flag=True, help="Render even lessons whose outputs are current."
)
@click.option(
    "--shard",
    metavar="I/N",
    help="Render only shard I of N: a deterministic, duration-balanced share of the lessons.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Send the lessons to a Dask cluster instead of local worker processes; "
    "--jobs then says how many workers the cluster has (long lessons are cut into "
    "pieces to keep them busy).",
)
@click.option(
    "--split/--no-split",
    default=True,
    show_default=True,
    help="Cut long lessons into pieces rendered in parallel when there are more workers than lessons.",
)
@click.option(
    "--course",
    "course_video",
    is_flag=True,
    help="Also join the folder's lessons into course.mp4 with a chapter per lesson.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Render one lesson again whenever its module or the style module changes.",
)
def render(
    lessons: tuple[str, ...],
    all_: bool,
    quality: str,
    resolution: str | None,
    fps: int | None,
    assignments: tuple[str, ...],
    out: Path,
    jobs: int,
    voice: str,
    fmt: str,
    burn_captions: bool,
    force: bool,
    shard: str | None,
    scheduler: str | None,
    split: bool,
    course_video: bool,
    watch: bool,
) -> None:
    """Render LESSONS (slugs) or --all into narrated, captioned MP4s with a manifest.

    Beside each MP4: WebVTT and SRT captions and a WebVTT chapters file. A lesson
    whose outputs are current (same sources, parameters and settings) is not
    rendered again unless --force. Lessons render in parallel, longest first,
    each in its own process; one that fails does not stop the others, and an
    interrupted batch keeps every lesson that finished. Outputs are written to a
    temporary file and renamed into place, so a failed render never damages an
    earlier one.
    """
    from mathreel import batch
    from mathreel.course import load_course
    from mathreel.doctor import require_latex
    from mathreel.narration import narrator_for
    from mathreel.outputs import RenderOptions
    from mathreel.quality import resolve_quality

    course = load_course()
    if all_ == bool(lessons):
        raise MathreelError("name the lessons to render, or pass --all (not both)")
    _refuse_conflicts(
        several=all_ or len(lessons) != 1,
        fmt=fmt,
        course_video=course_video,
        shard=shard,
        watch=watch,
    )
    entries = course.entries if all_ else course.select(list(lessons))
    given = _assignments(assignments)
    if given and len(entries) != 1:
        raise MathreelError(
            "--set applies to one lesson: name exactly one lesson with it"
        )
    options = RenderOptions(
        resolve_quality(quality, resolution=resolution, fps=fps),
        voice=_voice(voice),
        burn_captions=burn_captions,
        format=fmt,
    )
    shard_of = batch.parse_shard(shard) if shard else None
    if given:  # defaults are always valid; given values are checked before any work
        entries[0].load().resolve_args(given, lesson=entries[0].slug)
    require_latex()
    narrator_for(options.voice)  # a missing voice engine stops here, before any work
    if fmt == "gif" and options.voice.engine != "none":
        click.echo(
            f"Note: a GIF has no sound; the voice {options.voice} only sets how long "
            "each beat lasts (--voice none: each beat lasts its reading time)."
        )
    if shard_of:
        entries = _shard_entries(entries, given, options, *shard_of)
        click.echo(
            f"Shard {shard_of[0]}/{shard_of[1]}: {', '.join(e.slug for e in entries)}"
        )
    if not watch:
        failed = _render_run(
            course,
            entries,
            given,
            options,
            out,
            jobs,
            force,
            scheduler,
            split,
            course_video,
        )
        if failed:
            sys.exit(1)
        return
    if len(entries) != 1:
        raise MathreelError("--watch follows one lesson: name exactly one")
    from mathreel.watch import watch as watch_files

    source = entries[0].source_path()
    files = [source, source.parents[1] / "style.py"]
    click.echo(f"Watching {', '.join(str(f) for f in files)} (Ctrl-C to stop)")

    forced = [force]  # --force applies to the first render; changes force the rest

    def once() -> None:
        try:
            _render_run(
                course,
                entries,
                given,
                options,
                out,
                jobs,
                forced.pop() if forced else False,
                scheduler,
                split,
                course_video,
            )
        except MathreelError as error:
            click.echo(f"Error: {error.message}", err=True)
        click.echo("Waiting for changes...")

    with contextlib.suppress(KeyboardInterrupt):
        watch_files(files, once)


def _refuse_conflicts(
    *, several: bool, fmt: str, course_video: bool, shard: str | None, watch: bool
) -> None:
    """Refuse, in one line and before any work, options that cannot all be honoured.

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


def _render_run(
    course: Any,
    entries: list[Any],
    given: dict[str, Any],
    options: Any,
    out: Path,
    jobs: int,
    force: bool,
    scheduler: str | None,
    split: bool = True,
    course_video: bool = False,
) -> int:
    """Render what is not current; print the summary; return how many failed."""
    from mathreel import batch
    from mathreel.outputs import cached_record, write_manifest
    from mathreel.report import BatchDisplay, summary_lines

    setting = options.quality
    out_dir = out / setting.name
    if options.format != "mp4":
        out_dir = out / f"{setting.name}-{options.format}"
    rows: dict[str, dict[str, Any]] = {}
    with batch.lock_output(out_dir):
        todo = []
        for entry in entries:
            record = None if force else cached_record(entry, given, options, out_dir)
            if record is None:
                entry.load().resolve_args(
                    given, lesson=entry.slug
                )  # bad values stop here
                todo.append(entry)
            else:
                rows[entry.slug] = _row(record, "cached", None, "")
        work = _jobs(todo, given, options, out_dir, jobs, split)
        if todo:
            tasks = sum(max(1, len(j.pieces)) for j in work)
            split_note = "".join(
                f", {j.entry.slug} in {len(j.pieces)} pieces" for j in work if j.pieces
            )
            where = (
                f"Dask at {scheduler}" if scheduler else f"{min(jobs, tasks)} worker(s)"
            )
            click.echo(
                f"Rendering {len(todo)} lesson(s) at {setting.name} ({setting.label}), "
                f"voice {options.voice}, on {where}{split_note}"
            )
        display = BatchDisplay(work, echo=click.echo, live=sys.stderr.isatty())
        try:
            outcomes = batch.render_batch(
                work,
                workers=jobs,
                scheduler=scheduler,
                on_done=display.done,
                on_tick=display.tick,
            )
        finally:
            display.close()
        manifest = write_manifest(out_dir, course, setting)
        if json.loads(manifest.read_text(encoding="utf-8")).get("lessons"):
            _present(out_dir, options, course_video)
    for outcome in outcomes:
        slug = outcome.job.entry.slug
        log = str(outcome.log)
        if outcome.ok:
            rows[slug] = _row(outcome.record, "ok", outcome.seconds, log)
        else:
            rows[slug] = {
                "lesson": slug,
                "status": "FAIL",
                "wall": outcome.seconds,
                "log": log,
            }
    click.echo("")
    for line in summary_lines([rows[e.slug] for e in entries]):
        click.echo(line)
    click.echo(f"\nVideos:   {out_dir}/")
    click.echo(f"Manifest: {manifest}")
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        click.echo(f"  {outcome.job.entry.slug}: {outcome.message}", err=True)
    if failed:
        click.echo(
            f"Error: {len(failed)} of {len(entries)} lesson(s) failed: "
            + ", ".join(o.job.entry.slug for o in failed),
            err=True,
        )
    return len(failed)
    return 0


def _present(out_dir: Path, options: Any, course_video: bool) -> None:
    """Posters, key moments and contact sheets, the course video if asked, the page."""
    from mathreel.course_video import build_course_video
    from mathreel.page import build_page
    from mathreel.previews import make_all_previews

    if options.format != "gif":
        make_all_previews(out_dir)
    if course_video:
        if options.format != "mp4":
            raise MathreelError("--course joins MP4 lessons: render with --format mp4")
        build_course_video(out_dir)
    click.echo(f"Page:     {build_page(out_dir)}")


def _row(record: Any, status: str, wall: float | None, log: str) -> dict[str, Any]:
    return {
        "lesson": record.lesson,
        "status": status,
        "frames": record.decoded_frames,
        "duration": record.duration,
        "wall": wall,
        "log": log,
    }


def _jobs(
    todo: list[Any],
    given: dict[str, Any],
    options: Any,
    out_dir: Path,
    workers: int,
    split: bool,
) -> list[Any]:
    """Jobs for the lessons to render; cut long ones into pieces when workers would idle."""
    from mathreel.batch import Job, split_counts
    from mathreel.worker import step_costs

    plans: list[Any] = []
    if split and len(todo) < workers and options.format != "gif":  # pieces need plans
        plans = [_plan_or_none(e, given, options) for e in todo]
        frames = [p.frames if p is not None else 0 for p in plans]
        counts = split_counts(frames, workers)
    else:
        frames = [_planned_frames(e, given, options) for e in todo]
        counts = [1] * len(todo)
    jobs = []
    for k, entry in enumerate(todo):
        pieces = (
            tuple(plans[k].split(counts[k], step_costs(entry, given, options)))
            if counts[k] > 1
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


def _plan_or_none(entry: Any, given: dict[str, Any], options: Any) -> Any:
    """The lesson's plan, or ``None`` when planning fails (a TeX error, a bug).

    The lesson is then rendered whole, and its worker meets the same error and
    reports it on the lesson's line of the batch, with its log, while the
    other lessons render.
    """
    from mathreel.worker import plan_lesson

    try:
        return plan_lesson(entry, given, fps=options.quality.fps, voice=options.voice)
    except Exception:
        return None


def _planned_frames(entry: Any, given: dict[str, Any], options: Any) -> int:
    """The lesson's planned frames from the plan cache (0 when not planned yet).

    Without a plan at this frame rate, a plan at preview's 15 fps gives the
    duration: an estimate, for the longest-first order and the ETA only.
    """
    from mathreel.worker import cached_plan

    fps = options.quality.fps
    plan = cached_plan(entry, given, fps=fps, voice=options.voice)
    if plan is not None:
        return plan.frames
    preview = cached_plan(entry, given, fps=15, voice=options.voice)
    return round(preview.duration * fps) if preview is not None else 0


def _shard_entries(
    entries: list[Any], given: dict[str, Any], options: Any, index: int, count: int
) -> list[Any]:
    from mathreel.batch import shard

    # A lesson that cannot be planned weighs nothing (the same in every shard's
    # run, so the shards still cover the course); its worker reports the error.
    plans = [_plan_or_none(e, given, options) for e in entries]
    weights = [
        (e.slug, plan.duration if plan is not None else 0.0)
        for e, plan in zip(entries, plans, strict=True)
    ]
    chosen = set(shard(weights, index, count))
    return [e for e in entries if e.slug in chosen]


@cli.command(context_settings=CONTEXT)
@click.argument("lesson")
@quality_option("Quality directory to read (or e.g. 108p7).", folder=True)
@out_option("Output root the lesson was rendered into.")
@click.option(
    "--to",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the PNGs [default: OUT/QUALITY/frames].",
)
def frames(lesson: str, quality: str, out: Path, target: Path | None) -> None:
    """Save the last frame of every beat of a rendered LESSON as PNG, to look at."""
    from mathreel.course import load_course
    from mathreel.frames import beat_frames
    from mathreel.outputs import output_paths

    entry = load_course().get(lesson)
    out_dir = out / quality
    record = output_paths(out_dir, entry)["record"]
    if not record.exists():
        raise MathreelError(
            f"{entry.slug} has not been rendered into {out_dir}: run 'mathreel render {entry.slug} -q {quality}' first"
        )
    for path in beat_frames(record, target or out_dir / "frames"):
        click.echo(str(path))


@cli.command(context_settings=CONTEXT)
@click.argument("lesson")
@click.option(
    "--beat",
    "beat",
    type=click.IntRange(0),
    required=True,
    help="Beat number (see 'mathreel plan').",
)
@set_option
@quality_option("Quality preset giving the picture size.")
@click.option("--resolution", metavar="WxH", help="Override the preset's resolution.")
@voice_option
@out_option("Output root; the PNG goes to OUT/QUALITY/stills/.")
@click.option(
    "--to",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the PNG here instead.",
)
def still(
    lesson: str,
    beat: int,
    assignments: tuple[str, ...],
    quality: str,
    resolution: str | None,
    voice: str,
    out: Path,
    target: Path | None,
) -> None:
    """Write the last frame of one beat of LESSON as a PNG, without rendering video.

    Takes a second or two: for checking a layout while writing a lesson.
    """
    from mathreel.course import load_course
    from mathreel.doctor import require_latex
    from mathreel.quality import resolve_quality
    from mathreel.worker import still_frame

    entry = load_course().get(lesson)
    given = _assignments(assignments)
    entry.load().resolve_args(given, lesson=entry.slug)
    setting = resolve_quality(quality, resolution=resolution)
    spec = _voice(voice)
    require_latex()
    path = target or out / setting.name / "stills" / f"{entry.stem}-beat-{beat:02d}.png"
    click.echo(str(still_frame(entry, given, setting, beat, path, voice=spec)))


@cli.command(context_settings=CONTEXT)
@click.option(
    "--no-measure", is_flag=True, help="Skip timing each installed voice (faster)."
)
def voices(no_measure: bool) -> None:
    """List every narration engine and voice: type, licence, speed here, installed."""
    from mathreel.voice import voice_table

    for row in voice_table(measure=not no_measure):
        speed = f"{row.realtime_factor:5.1f}x" if row.realtime_factor else "    - "
        state = "installed" if row.installed else "not installed"
        mark = "*" if row.default else " "
        click.echo(
            f"{mark} {row.name:<17} {row.kind:<10} {speed}  {state:<13}  {row.licence}"
        )
    click.echo(
        "* default.  Speed: seconds of speech per second, measured now on this machine."
    )


@cli.command(context_settings=CONTEXT)
@out_option("Output root whose free space to check.")
def doctor(out: Path) -> None:
    """Check cairo, pango, LaTeX and dvisvgm, PyAV's encoders, voices and disk space."""
    from mathreel.doctor import run_checks

    checks = run_checks(out)
    for check in checks:
        mark = {True: "ok  ", False: "FAIL", None: "warn"}[check.ok]
        line = f"{mark}  {check.name:<9} {check.detail}"
        if check.ok is not True and check.fix:
            line += f"  -> {check.fix}"
        click.echo(line)
    if any(c.ok is False for c in checks):
        raise MathreelError("some required checks failed; fix them as shown above")
    click.echo("All required checks passed.")


@cli.command(context_settings=CONTEXT)
@click.argument("slug")
@click.option(
    "--area",
    required=True,
    type=click.Choice(list(AREAS)),
    help="The course area the lesson belongs to.",
)
@click.option("--title", help="The lesson's title [default: from the slug].")
@click.option("--summary", help="One line on what the lesson shows.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path(),
    show_default=True,
    help="Project root (where scenes/ and tests/ are).",
)
def new(
    slug: str, area: str, title: str | None, summary: str | None, root: Path
) -> None:
    """Scaffold lesson SLUG: its module, its tests, and its entry in the course."""
    from mathreel.scaffold import create_lesson

    made = create_lesson(root, slug, area, title=title, summary=summary)
    click.echo(f"Lesson:   {made.module}")
    click.echo(f"Tests:    {made.test}")
    click.echo(f"Course:   {made.registry} (entry added)")
    click.echo(f"Next:     mathreel plan {slug}; mathreel render {slug}")


@cli.command(context_settings=CONTEXT)
@click.argument("lessons", nargs=-1)
@click.option(
    "--shard",
    metavar="I/N",
    help="Render only shard I of N: a deterministic, duration-balanced share of the lessons.",
)
@click.option(
    "--resolution",
    metavar="WxH",
    help="Override the preview resolution (854x480), e.g. 192x108.",
)
@click.option("--fps", type=int, help="Override the preview frame rate (15).")
@out_option("Output root; videos, previews and the page go to OUT/QUALITY/.")
@jobs_option
@click.option(
    "--force", is_flag=True, help="Render and make previews even when current."
)
@click.option(
    "--merge",
    "merge_from",
    multiple=True,
    metavar="DIR",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Render nothing: merge the rendered folders found in DIR (CI shards' "
    "outputs, each with a manifest.json) into OUT/QUALITY, then make the "
    "previews and the page. Repeatable.",
)
def preview(
    lessons: tuple[str, ...],
    shard: str | None,
    resolution: str | None,
    fps: int | None,
    out: Path,
    jobs: int,
    force: bool,
    merge_from: tuple[Path, ...],
) -> None:
    """CI previews in one command: render, then posters, contact sheets and the page.

    Renders LESSONS (slugs; default the whole course) at preview quality without
    narration (--voice none), like 'mathreel render', then writes into
    OUT/QUALITY/previews/ each lesson's poster (the first frame of its key
    beat), a looping WebP of its key moment and a contact sheet (one tile per
    beat), and the course page OUT/QUALITY/index.html. Lessons whose outputs
    are current are not rendered again. With --merge, the shards' folders are
    merged into one first and nothing is rendered.
    """
    from mathreel import batch
    from mathreel.course import load_course
    from mathreel.doctor import require_latex
    from mathreel.outputs import RenderOptions
    from mathreel.quality import resolve_quality
    from mathreel.voice import parse_voice

    if merge_from:
        if lessons or shard or resolution or fps:
            raise MathreelError(
                "--merge renders nothing: give it no lessons, --shard, --resolution or --fps"
            )
        _preview_merge(merge_from, out, force)
        return
    course = load_course()
    entries = course.select(list(lessons)) if lessons else course.entries
    options = RenderOptions(
        resolve_quality("preview", resolution=resolution, fps=fps),
        voice=parse_voice("none"),
    )
    shard_of = batch.parse_shard(shard) if shard else None
    require_latex()
    if shard_of:
        entries = _shard_entries(entries, {}, options, *shard_of)
        click.echo(
            f"Shard {shard_of[0]}/{shard_of[1]}: "
            + (", ".join(e.slug for e in entries) or "no lessons")
        )
        if not entries:
            return
    failed = _render_run(course, entries, {}, options, out, jobs, force, None)
    _preview_outputs(out / options.quality.name, force)
    if failed:
        sys.exit(1)


def _preview_merge(roots: tuple[Path, ...], out: Path, force: bool) -> None:
    """Merge the rendered folders under ``roots`` into OUT/QUALITY; previews and page."""
    from mathreel import batch
    from mathreel.page import find_rendered, merge_shards
    from mathreel.previews import rendered_lessons

    sources = [folder for root in roots for folder in find_rendered(root)]
    if not sources:
        raise MathreelError(
            f"no rendered folder (with a manifest.json) in {', '.join(str(r) for r in roots)}"
        )
    out_dir = out / rendered_lessons(sources[0]).quality
    with batch.lock_output(out_dir):
        manifest = merge_shards(sources, out_dir)
    count = len(json.loads(manifest.read_text(encoding="utf-8"))["lessons"])
    click.echo(
        f"Merged {count} lesson(s) from {len(sources)} folder(s) into {out_dir}/"
    )
    _preview_outputs(out_dir, force)


def _preview_outputs(out_dir: Path, force: bool) -> None:
    """Posters, key moments, contact sheets and the page of a rendered folder."""
    from mathreel import batch
    from mathreel.page import build_page
    from mathreel.previews import make_all_previews

    with batch.lock_output(out_dir):
        made = make_all_previews(out_dir, force=force)
        page = build_page(out_dir)
    fresh = sum(1 for p in made if p.made)
    click.echo(
        f"Previews: {out_dir / 'previews'}/ ({len(made)} lesson(s), {fresh} made now)"
    )
    click.echo(f"Page:     {page}")


@cli.command("course", context_settings=CONTEXT)
@quality_option("Quality folder to join (or e.g. 108p5).", folder=True)
@out_option("Output root the lessons were rendered into.")
@click.option(
    "--force", is_flag=True, help="Join again even when the course video is current."
)
@click.option(
    "--reencode",
    is_flag=True,
    help="Encode the video again even when the lessons' packets could be copied.",
)
def course_(quality: str, out: Path, force: bool, reencode: bool) -> None:
    """Join the rendered lessons, in course order, into one MP4 with chapters.

    Writes OUT/QUALITY/course.mp4 with a chapter per lesson (and one per chapter
    of a lesson), course.vtt and course.srt (every lesson's captions, shifted),
    course.chapters.vtt and course.json, then rebuilds the course page. The
    video is copied without re-encoding when the lessons share their encoding
    settings; the narration becomes one continuous track, silent where a lesson
    has none.
    """
    from mathreel import batch
    from mathreel.course_video import build_course_video
    from mathreel.page import build_page
    from mathreel.previews import rendered_lessons

    out_dir = out / quality
    rendered_lessons(out_dir)  # one clear line when there is nothing to join
    with batch.lock_output(out_dir):
        result = build_course_video(
            out_dir, force=force, reencode=True if reencode else None
        )
        page = build_page(out_dir)
    how = "video copied" if result.copied else "video re-encoded"
    sound = "with narration" if result.has_audio else "silent"
    state = "built" if result.built else "current, not rebuilt"
    click.echo(
        f"Course video: {result.video} ({state}): {len(result.lessons)} lesson(s), "
        f"{result.frames} frames, {clock(result.duration)}, {how}, {sound}"
    )
    lessons = sum(1 for c in result.chapters if c.level == 1)
    click.echo(
        f"Chapters:     {lessons} lessons, {len(result.chapters) - lessons} lesson "
        f"chapters ({result.chapters_vtt.name})"
    )
    click.echo(f"Captions:     {result.vtt}, {result.srt}")
    click.echo(f"Page:         {page}")


@cli.command(context_settings=CONTEXT)
@quality_option("Quality folder to serve (or e.g. 108p5).", folder=True)
@out_option("Output root the lessons were rendered into.")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Serve this rendered folder instead of OUT/QUALITY.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port (0: any free port).",
)
def serve(quality: str, out: Path, folder: Path | None, host: str, port: int) -> None:
    """Serve the course page of OUT/QUALITY on localhost for a quick look.

    The page (index.html) is rebuilt from the folder's manifest first. Videos
    are served with byte ranges, so seeking and the chapter buttons work.
    Ctrl-C stops the server.
    """
    from mathreel.page import build_page
    from mathreel.page import serve as serve_folder

    where = folder or out / quality
    page = build_page(where)

    def ready(url: str) -> None:
        click.echo(f"Serving {where}/ at {url}{page.name} (Ctrl-C to stop)")

    serve_folder(where, host, port, ready=ready)


@cli.command(context_settings=CONTEXT)
@click.argument("lesson", required=False)
@click.option("--all", "all_", is_flag=True, help="Every lesson of the course.")
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Seed the numbers are drawn with; the same seed gives the same exercises.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--answers",
    is_flag=True,
    help="Include answers and worked solutions (without it, JSON has them as null).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a printable HTML worksheet here (answer key at the end) instead.",
)
def practice(
    lesson: str | None,
    all_: bool,
    seed: int,
    as_json: bool,
    answers: bool,
    out: Path | None,
) -> None:
    """Practice exercises of LESSON (or --all), with numbers drawn from --seed.

    Prints them as text, or as JSON (a list of objects with id, prompt, kind,
    answer, tolerance, choices, percent, hint, solution; answer and solution are
    null unless --answers). With --out, writes a printable worksheet instead,
    with KaTeX copied beside it into katex/.
    """
    from mathreel.course import load_course
    from mathreel.practice import exercises_for, lesson_output, write_worksheet

    if bool(lesson) == all_:
        raise click.UsageError("name one LESSON or give --all")
    if out and (as_json or answers):
        raise click.UsageError(
            "--out writes a worksheet that always ends with its answer key; "
            "drop --json/--answers, or drop --out to print"
        )
    course = load_course()
    entries = list(course) if all_ else [course.get(str(lesson))]
    sets = [(entry, exercises_for(entry, seed)) for entry in entries]
    if out is None:
        click.echo(lesson_output(sets, as_json, answers))
        return
    typeset = write_worksheet(out, sets, seed)
    count = sum(len(exercises) for _, exercises in sets)
    math = "KaTeX in katex/ beside it" if typeset else "TeX source (KaTeX not found)"
    click.echo(f"Wrote {out}: {len(sets)} lessons, {count} exercises, math as {math}")


for _command in cli.commands.values():  # -V/--version on every command, as on the group
    click.version_option(__version__, "-V", "--version", prog_name="mathreel")(_command)


if __name__ == "__main__":
    cli()
