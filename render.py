"""mathreel's command line: a thin layer over the :mod:`mathreel` engine.

Each command parses its options, hands them to the library (``render`` and
``preview`` to :mod:`mathreel.pipeline.commands`) and prints what comes back.
Errors the user can fix print one line and exit with status 1.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mathreel import __version__
from mathreel.core.course import AREAS, Course
from mathreel.core.errors import MathreelError
from mathreel.core.quality import FORMATS, PRESETS
from mathreel.narration.voice import default_voice_name, parse_voice
from mathreel.render.cache import CACHE_PARTS

if TYPE_CHECKING:
    from mathreel.pipeline.run import BatchReport

__all__ = ["cli"]

CONTEXT = {
    "help_option_names": ["-h", "--help"],
    "max_content_width": 100,
    "show_default": True,
}

#: Help texts too long to sit on their option's line.
HELP = {
    "quality": "Quality preset: preview and low 480p15, medium 720p30, high 1080p60, production 1440p60, fourk 2160p60.",
    "voice": "Narration voice: piper (neural, voice joe), flite (voice slt), flite:rms, espeak-ng, espeak-ng:en-gb, or none (silent; beats last their reading time). 'mathreel voices' lists them.",
    "set": "Set a lesson parameter (JSON or Python literal), e.g. --set matrix=[[2,1],[1,3]]. Repeatable.",
    "shard": "Render only shard I of N: a deterministic, duration-balanced share of the lessons.",
    "format": "Video format: mp4 (H.264 + AAC), webm (VP9 + Opus), gif (no sound); webm and gif go to OUT/QUALITY-FORMAT/.",
    "scheduler": "Send the lessons to a Dask cluster instead of local worker processes; --jobs then says how many workers the cluster has (long lessons are cut into pieces to keep them busy).",
    "split": "Cut long lessons into pieces rendered in parallel when there are more workers than lessons.",
    "course": "Also join the folder's lessons into course.mp4 with a chapter per lesson.",
    "watch": "Render one lesson again whenever its module or the style module changes.",
    "merge": "Render nothing: merge the rendered folders found in DIR (CI shards' outputs, each with a manifest.json) into OUT/QUALITY, then make the previews and the page. Repeatable.",
    "reencode": "Encode the video again even when the lessons' packets could be copied.",
    "seed": "Seed the numbers are drawn with; the same seed gives the same exercises.",
    "answers": "Include answers and worked solutions (without it, JSON has them as null).",
    "worksheet": "Write a printable HTML worksheet here (answer key at the end) instead.",
    "beat": "Beat number (see 'mathreel plan').",
    "area": "The course area the lesson belongs to.",
    "root": "Project root (where scenes/ and tests/ are).",
}
DIR = click.Path(file_okay=False, path_type=Path)
FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, exists=True, path_type=Path)
FORMAT = click.Choice(FORMATS)
PORT = click.IntRange(0, 65535)
AREA = click.Choice(list(AREAS))
PRESET = click.Choice(list(PRESETS))


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


def _course() -> Course:
    """The course: ``$MATHREEL_COURSE``, else the ``scenes`` package's registry."""
    from mathreel.core.course import load_course

    return load_course()


def _show(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


def _print_report(report: BatchReport) -> None:
    """The batch's summary table, then its failures on stderr."""
    _show(report.lines())
    for line in report.failure_lines():
        click.echo(line, err=True)


quality_option = partial(click.option, "-q", "--quality", default="preview")
out_option = partial(click.option, "--out", type=DIR, default=Path("out"))
voice_option = click.option(
    "--voice",
    default=default_voice_name,
    show_default="piper when installed, else flite",
    metavar="ENGINE[:VOICE]",
    help=HELP["voice"],
)
set_option = click.option(
    "--set", "assignments", multiple=True, metavar="NAME=VALUE", help=HELP["set"]
)
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Lessons rendered at once, each in its own process.",
)
shard_option = click.option("--shard", metavar="I/N", help=HELP["shard"])
command = partial(cli.command, context_settings=CONTEXT)


@command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the course as JSON.")
@click.option("--fps", default=15, help="Frame rate the durations are planned at.")
@voice_option
def list_(as_json: bool, fps: int, voice: str) -> None:
    """List the course in order: number, slug, title, area, parameters, duration.

    Durations come from each lesson's plan (computed once, then cached).
    """
    from mathreel.pipeline.views import listing_output

    spec = parse_voice(voice)
    _show(listing_output(_course(), fps=fps, voice=spec, as_json=as_json))


@command()
@click.argument("lesson")
@set_option
@click.option("--fps", default=15, help="Frame rate to plan at.")
@voice_option
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
def plan(lesson: str, assignments: tuple[str, ...], voice: str, **kw: Any) -> None:
    """Print LESSON's timeline: beats and animations with exact frames, no rendering."""
    from mathreel.pipeline.views import plan_output

    entry = _course().get(lesson)
    args, spec = entry.resolve(assignments), parse_voice(voice)
    _show(plan_output(entry, args, voice=spec, **kw))


@command()
@click.argument("lessons", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Render every lesson of the course.")
@quality_option(type=PRESET, help=HELP["quality"])
@click.option("--resolution", metavar="WxH", help="Override the preset's resolution.")
@click.option("--fps", type=int, help="Override the preset's frame rate.")
@set_option
@out_option(help="Output root; videos go to OUT/QUALITY/.")
@jobs_option
@voice_option
@click.option("--format", "fmt", default="mp4", type=FORMAT, help=HELP["format"])
@click.option("--burn-captions", is_flag=True, help="Also draw captions into frames.")
@click.option("--force", is_flag=True, help="Render lessons that are current too.")
@shard_option
@click.option("--scheduler", metavar="tcp://HOST:PORT", help=HELP["scheduler"])
@click.option("--split/--no-split", default=True, help=HELP["split"])
@click.option("--course", "course_video", is_flag=True, help=HELP["course"])
@click.option("--watch", is_flag=True, help=HELP["watch"])
def render(**options: Any) -> None:
    """Render LESSONS (slugs) or --all into narrated, captioned MP4s with a manifest.

    Beside each MP4: captions (WebVTT, SRT) and chapters. Current lessons are not
    rendered again unless --force; a failed lesson stops no other, and an
    interrupted batch keeps every lesson that finished.
    """
    from mathreel.pipeline.commands import RenderSettings, run_render

    prepared = RenderSettings(**options).prepare(_course())
    _show(prepared.notes)
    report = run_render(prepared, echo=click.echo, show=_print_report)
    sys.exit(1 if report and report.failures else 0)


@command()
@click.argument("lesson")
@quality_option(help="Quality directory to read (or e.g. 108p7).")
@out_option(help="Output root the lesson was rendered into.")
@click.option(
    "--to", "target", type=DIR, help="PNG folder [default: OUT/QUALITY/frames]."
)
def frames(lesson: str, quality: str, out: Path, target: Path | None) -> None:
    """Save the last frame of every beat of a rendered LESSON as PNG, to look at."""
    from mathreel.media.frames import rendered_beat_frames

    entry = _course().get(lesson)
    _show([str(p) for p in rendered_beat_frames(entry, out / quality, target)])


@command()
@click.argument("lesson")
@click.option("--beat", type=click.IntRange(0), required=True, help=HELP["beat"])
@set_option
@quality_option(type=PRESET, help="Quality preset giving the picture size.")
@click.option("--resolution", metavar="WxH", help="Override the preset's resolution.")
@voice_option
@out_option(help="Output root; the PNG goes to OUT/QUALITY/stills/.")
@click.option("--to", "target", type=FILE, help="Write the PNG here instead.")
def still(lesson: str, assignments: tuple[str, ...], voice: str, **kw: Any) -> None:
    """Write the last frame of one beat of LESSON as a PNG, without rendering video.

    Takes a second or two: for checking a layout while writing a lesson.
    """
    from mathreel.core.quality import resolve_quality
    from mathreel.render.worker import still_png

    entry = _course().get(lesson)
    args, spec = entry.resolve(assignments), parse_voice(voice)
    quality = resolve_quality(kw.pop("quality"), resolution=kw.pop("resolution"))
    click.echo(str(still_png(entry, args, quality, voice=spec, **kw)))


@command()
@click.option("--no-measure", is_flag=True, help="Skip timing each voice (faster).")
def voices(no_measure: bool) -> None:
    """List every narration engine and voice: type, licence, speed here, installed."""
    from mathreel.pipeline.views import voice_lines

    _show(voice_lines(measure=not no_measure))


@command()
@out_option(help="Output root whose free space to check.")
def doctor(out: Path) -> None:
    """Check cairo, pango, LaTeX and dvisvgm, PyAV's encoders, voices and disk space."""
    from mathreel.pipeline.views import doctor_output

    doctor_output(out, click.echo)


@command()
@click.option(
    "--clear", is_flag=True, help="Remove cached files first (all parts, or --part)."
)
@click.option(
    "--part",
    "parts",
    multiple=True,
    type=click.Choice(list(CACHE_PARTS)),
    help="With --clear: only this part (repeatable).",
)
def cache(clear: bool, parts: tuple[str, ...]) -> None:
    """Show the cache's size by part, or clear it.

    The parts: video segments, plans, step costs, voice lines, the patched
    voice model and TeX. Segments are bounded by MATHREEL_SEGMENT_CACHE_MB
    (least recently used go first).
    """
    from mathreel.pipeline.views import cache_output

    if parts and not clear:
        raise MathreelError(
            "--part only goes with --clear: add --clear, or drop --part"
        )
    cache_output(clear, parts, click.echo)


@command()
@click.argument("slug")
@click.option("--area", required=True, type=AREA, help=HELP["area"])
@click.option("--title", help="The lesson's title [default: from the slug].")
@click.option("--summary", help="One line on what the lesson shows.")
@click.option("--root", type=FOLDER, default=Path(), help=HELP["root"])
def new(slug: str, area: str, root: Path, **kw: Any) -> None:
    """Scaffold lesson SLUG: its module, its tests, and its entry in the course."""
    from mathreel.scaffold import create_lesson

    _show(create_lesson(root, slug, area, **kw).lines(slug))


@command()
@click.argument("lessons", nargs=-1)
@shard_option
@click.option("--resolution", metavar="WxH", help="Override 854x480, e.g. 192x108.")
@click.option("--fps", type=int, help="Override the preview frame rate (15).")
@out_option(help="Output root; videos, previews and the page go to OUT/QUALITY/.")
@jobs_option
@click.option("--force", is_flag=True, help="Render and preview even if current.")
@click.option("--merge", multiple=True, metavar="DIR", type=FOLDER, help=HELP["merge"])
def preview(merge: tuple[Path, ...], **options: Any) -> None:
    """CI previews in one command: render, then posters, contact sheets and the page.

    Renders LESSONS (default: the course) at preview quality, silent, then writes
    each lesson's poster, key-moment WebP, contact sheet and beat stills into
    OUT/QUALITY/previews/, and the course and lesson pages. --merge joins CI
    shards' folders instead of rendering.
    """
    from mathreel.pipeline.commands import PreviewSettings, run_preview

    settings, show = PreviewSettings(**options), _print_report
    report = run_preview(settings, _course(), merge, echo=click.echo, show=show)
    sys.exit(1 if report and report.failures else 0)


@command("course")
@quality_option(help="Quality folder to join (or e.g. 108p5).")
@out_option(help="Output root the lessons were rendered into.")
@click.option("--force", is_flag=True, help="Join again even when current.")
@click.option("--reencode", is_flag=True, help=HELP["reencode"])
def course_(quality: str, out: Path, force: bool, reencode: bool) -> None:
    """Join the rendered lessons, in course order, into one MP4 with chapters.

    Writes OUT/QUALITY/course.mp4 (video copied, not re-encoded, when the lessons
    share their encoding), its captions and chapters, and rebuilds the page.
    """
    from mathreel.pipeline.run import join_course
    from mathreel.pipeline.views import course_video_lines

    out_dir, course = out / quality, _course()
    joined = join_course(out_dir, force=force, reencode=reencode, course=course)
    _show(course_video_lines(*joined))


@command()
@quality_option(help="Quality folder to serve (or e.g. 108p5).")
@out_option(help="Output root the lessons were rendered into.")
@click.option("--dir", "folder", type=DIR, help="Serve this folder, not OUT/QUALITY.")
@click.option("--host", default="127.0.0.1", help="Address to bind.")
@click.option("--port", type=PORT, default=8000, help="Port (0: any free port).")
def serve(quality: str, out: Path, folder: Path | None, host: str, port: int) -> None:
    """Serve the course page of OUT/QUALITY on localhost for a quick look.

    The pages are rebuilt from the folder's manifest first; videos are served with
    byte ranges, so seeking works. Ctrl-C stops the server.
    """
    from mathreel.outputs.page import serve_course

    serve_course(folder or out / quality, _course(), host, port, echo=click.echo)


@command()
@click.argument("lesson", required=False)
@click.option("--all", "all_", is_flag=True, help="Every lesson of the course.")
@click.option("--seed", type=click.IntRange(min=0), default=0, help=HELP["seed"])
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--answers", is_flag=True, help=HELP["answers"])
@click.option("--out", type=FILE, help=HELP["worksheet"])
def practice(lesson: str | None, **kw: Any) -> None:
    """Practice exercises of LESSON (or --all), with numbers drawn from --seed.

    Prints them as text or JSON (answers null unless --answers), or with --out
    writes a printable worksheet with KaTeX copied beside it.
    """
    from mathreel.practice import practice_command

    click.echo(practice_command(_course(), lesson, **kw))


for _command in cli.commands.values():  # -V/--version on every command, as on the group
    click.version_option(__version__, "-V", "--version", prog_name="mathreel")(_command)


if __name__ == "__main__":
    cli()
