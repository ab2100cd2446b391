"""mathreel's command line: list, plan, render and check the course.

A thin layer over the :mod:`mathreel` engine; every command is documented in the
README and tested with click's ``CliRunner``. Errors the user can fix print one
line and exit with status 1.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mathreel import __version__
from mathreel.core.course import AREAS
from mathreel.core.errors import MathreelError
from mathreel.core.quality import PRESETS

if TYPE_CHECKING:
    from mathreel.core.course import Course
    from mathreel.pipeline.run import BatchReport

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
    from mathreel.core.params import parse_assignment

    return dict(parse_assignment(v) for v in values)


def _default_voice() -> str:
    from mathreel.narration.voice import default_voice_name

    return default_voice_name()


voice_option = click.option(
    "--voice",
    default=_default_voice,
    show_default="piper when installed, else flite",
    metavar="ENGINE[:VOICE]",
    help="Narration voice: piper (neural, voice joe), flite (voice slt), flite:rms, espeak-ng, espeak-ng:en-gb, or none (silent; beats last their reading time). 'mathreel voices' lists them.",
)


def _voice(text: str) -> Any:
    from mathreel.narration.voice import parse_voice

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


def _course() -> Course:
    """The course this command works on: the CLI names the engine's registry.

    ``$MATHREEL_COURSE`` when set, else ``course.toml`` beside the installed
    ``scenes`` package.
    """
    from mathreel.core.course import load_course

    override = os.environ.get("MATHREEL_COURSE")
    if override:
        return load_course(Path(override))
    import scenes

    return load_course(Path(scenes.__file__).resolve().parent / "course.toml")


def _print_report(report: BatchReport) -> None:
    """The batch's summary table, then its failures on stderr."""
    for line in report.lines():
        click.echo(line)
    for line in report.failure_lines():
        click.echo(line, err=True)


def _show(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


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
    from mathreel.pipeline.views import course_rows, listing_lines

    rows = course_rows(_course(), fps=fps, voice=_voice(voice))
    _show([json.dumps(rows, indent=2)] if as_json else listing_lines(rows))


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
    from mathreel.doctor import require_latex
    from mathreel.pipeline.views import plan_lines
    from mathreel.render.worker import plan_lesson

    entry = _course().get(lesson)
    args = entry.load().resolve_args(_assignments(assignments), lesson=entry.slug)
    spec = _voice(voice)
    require_latex()
    result = plan_lesson(entry, args, fps=fps, voice=spec)
    _show(
        [json.dumps(result.to_json(), indent=2)]
        if as_json
        else plan_lines(entry.slug, result, fps)
    )


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
    from mathreel.core.quality import resolve_quality
    from mathreel.doctor import require_latex
    from mathreel.narration.narrator import narrator_for
    from mathreel.pipeline import run as pipeline
    from mathreel.pipeline.batch import parse_shard
    from mathreel.render.options import RenderOptions

    course = _course()
    if all_ == bool(lessons):
        raise MathreelError("name the lessons to render, or pass --all (not both)")
    several = all_ or len(lessons) != 1
    pipeline.refuse_conflicts(several, fmt, course_video, shard, watch)
    entries = course.entries if all_ else course.select(list(lessons))
    given = _assignments(assignments)
    if given and len(entries) != 1:
        raise MathreelError(
            "--set applies to one lesson: name exactly one lesson with it"
        )
    setting = resolve_quality(quality, resolution=resolution, fps=fps)
    options = RenderOptions(setting, _voice(voice), burn_captions, fmt)
    shard_of = parse_shard(shard) if shard else None
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
        entries = pipeline.select_shard(entries, given, options, *shard_of)
        click.echo(
            f"Shard {shard_of[0]}/{shard_of[1]}: {', '.join(e.slug for e in entries)}"
        )
    request = pipeline.RenderRequest(
        course,
        tuple(entries),
        options,
        out,
        given,
        jobs,
        force,
        scheduler,
        split,
        course_video,
    )
    live = sys.stderr.isatty()
    if not watch:
        report = pipeline.render_lessons(request, echo=click.echo, live=live)
        _print_report(report)
        if report.failures:
            sys.exit(1)
        return
    from mathreel.pipeline.watch import follow

    def once(forced: bool) -> None:
        again = replace(request, force=forced)
        _print_report(pipeline.render_lessons(again, echo=click.echo, live=live))

    follow(entries[0], once, force=force, echo=click.echo)


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
    from mathreel.media.frames import beat_frames
    from mathreel.render.options import output_paths

    entry = _course().get(lesson)
    out_dir = out / quality
    record = output_paths(out_dir, entry)["record"]
    if not record.exists():
        raise MathreelError(
            f"{entry.slug} has not been rendered into {out_dir}: run 'mathreel render {entry.slug} -q {quality}' first"
        )
    _show([str(path) for path in beat_frames(record, target or out_dir / "frames")])


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
    from mathreel.core.quality import resolve_quality
    from mathreel.doctor import require_latex
    from mathreel.render.worker import still_frame

    entry = _course().get(lesson)
    args = entry.load().resolve_args(_assignments(assignments), lesson=entry.slug)
    setting = resolve_quality(quality, resolution=resolution)
    spec = _voice(voice)
    require_latex()
    path = target or out / setting.name / "stills" / f"{entry.stem}-beat-{beat:02d}.png"
    click.echo(str(still_frame(entry, args, setting, beat, path, voice=spec)))


@cli.command(context_settings=CONTEXT)
@click.option(
    "--no-measure", is_flag=True, help="Skip timing each installed voice (faster)."
)
def voices(no_measure: bool) -> None:
    """List every narration engine and voice: type, licence, speed here, installed."""
    from mathreel.pipeline.views import voice_lines

    _show(voice_lines(measure=not no_measure))


@cli.command(context_settings=CONTEXT)
@out_option("Output root whose free space to check.")
def doctor(out: Path) -> None:
    """Check cairo, pango, LaTeX and dvisvgm, PyAV's encoders, voices and disk space."""
    from mathreel.doctor import run_checks
    from mathreel.pipeline.views import check_lines

    checks = run_checks(out)
    _show(check_lines(checks))
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
    beat), a looping WebP of its key moment, a contact sheet (one tile per
    beat) and a still per beat, then the practice data, the course page
    OUT/QUALITY/index.html and a page per lesson in OUT/QUALITY/lessons/. Lessons whose outputs
    are current are not rendered again. With --merge, the shards' folders are
    merged into one first and nothing is rendered.
    """
    from mathreel.core.quality import resolve_quality
    from mathreel.doctor import require_latex
    from mathreel.narration.voice import parse_voice
    from mathreel.pipeline import run as pipeline
    from mathreel.pipeline.batch import parse_shard
    from mathreel.render.options import RenderOptions

    if merge_from:
        if lessons or shard or resolution or fps:
            raise MathreelError(
                "--merge renders nothing: give it no lessons, --shard, --resolution or --fps"
            )
        out_dir, count, folders = pipeline.merge_rendered(merge_from, out)
        click.echo(f"Merged {count} lesson(s) from {folders} folder(s) into {out_dir}/")
        return _previews(out_dir, force)
    course = _course()
    entries = course.select(list(lessons)) if lessons else course.entries
    setting = resolve_quality("preview", resolution=resolution, fps=fps)
    options = RenderOptions(setting, voice=parse_voice("none"))
    shard_of = parse_shard(shard) if shard else None
    require_latex()
    if shard_of:
        entries = pipeline.select_shard(entries, {}, options, *shard_of)
        names = ", ".join(e.slug for e in entries) or "no lessons"
        click.echo(f"Shard {shard_of[0]}/{shard_of[1]}: {names}")
        if not entries:
            return
    request = pipeline.RenderRequest(
        course, tuple(entries), options, out, jobs=jobs, force=force
    )
    report = pipeline.render_lessons(request, echo=click.echo, live=sys.stderr.isatty())
    _print_report(report)
    _previews(request.out_dir, force)
    if report.failures:
        sys.exit(1)


def _previews(out_dir: Path, force: bool) -> None:
    from mathreel.pipeline.run import previews_and_page

    lessons, fresh, page = previews_and_page(out_dir, force, course=_course())
    click.echo(
        f"Previews: {out_dir / 'previews'}/ ({lessons} lesson(s), {fresh} made now)"
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
    from mathreel.pipeline.run import join_course
    from mathreel.pipeline.views import course_video_lines

    _show(
        course_video_lines(
            *join_course(
                out / quality, force=force, reencode=reencode, course=_course()
            )
        )
    )


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

    The page (index.html), the lesson pages (lessons/) and their practice data
    (practice/) are rebuilt from the folder's manifest first. Videos are served
    with byte ranges, so seeking and the chapter buttons work.
    Ctrl-C stops the server.
    """
    from mathreel.outputs.page import build_page
    from mathreel.outputs.page import serve as serve_folder

    where = folder or out / quality
    page = build_page(where, course=_course())

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
    from mathreel.core.course import load_course
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
