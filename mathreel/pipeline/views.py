"""What the commands print: the course listing, a plan, the voices, the checks.

Each function turns engine data into the lines ``mathreel`` prints, so the CLI
(``render.py``) stays a list of commands and options; the batch's own progress
and summary are in :mod:`mathreel.pipeline.report`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mathreel.core.course import Course, Entry
from mathreel.core.errors import MathreelError
from mathreel.core.params import Args
from mathreel.core.timeline import Plan, clock
from mathreel.narration.voice import VoiceSpec

__all__ = [
    "cache_output",
    "check_lines",
    "course_rows",
    "course_video_lines",
    "doctor_output",
    "listing_lines",
    "listing_output",
    "plan_lines",
    "plan_output",
    "voice_lines",
]


def course_rows(course: Course, *, fps: int, voice: VoiceSpec) -> list[dict[str, Any]]:
    """The course in order: number, slug, title, area, summary, parameters, duration.

    Durations come from each lesson's plan at ``fps`` with ``voice`` (computed
    once, then cached).
    """
    from mathreel.render.worker import plan_lesson

    rows = []
    for entry in course:
        cls = entry.load()
        plan = plan_lesson(entry, fps=fps, voice=voice)
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
    return rows


def listing_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """``mathreel list``: one line per lesson of :func:`course_rows`."""
    lines = []
    slug = max((len(row["slug"]) for row in rows), default=0)  # columns line up
    title = max((len(row["title"]) for row in rows), default=0)
    for row in rows:
        params = " ".join(
            f"{k}={json.dumps(v, separators=(',', ':'))}"
            for k, v in row["params"].items()
        )
        lines.append(
            f"{row['number']:>2}  {row['slug']:<{slug}}  {row['title']:<{title}}  "
            f"{row['area']:<14} {clock(row['duration']):>7}  {params}"
        )
    return lines


def plan_output(
    entry: Entry, args: Args, *, fps: int, voice: VoiceSpec, as_json: bool = False
) -> list[str]:
    """``mathreel plan``: plan ``entry`` with ``args`` and show it (text or JSON).

    Raises
    ------
    MathreelError
        When LaTeX is missing, or the lesson cannot be planned.
    """
    from mathreel.doctor import require_latex
    from mathreel.render.worker import plan_lesson

    require_latex()
    plan = plan_lesson(entry, args, fps=fps, voice=voice)
    if as_json:
        return [json.dumps(plan.to_json(), indent=2)]
    return plan_lines(entry.slug, plan, fps)


def plan_lines(slug: str, plan: Plan, fps: int) -> list[str]:
    """``mathreel plan``: the beats and steps of a plan (made at ``fps``) with frames."""
    lines = [
        f"{slug} at {fps} fps: {plan.frames} frames, {plan.duration:.2f} s, "
        f"{len(plan.beats)} beats, {len(plan.chapters)} chapters"
    ]
    chapters = {c.start_frame: c.title for c in plan.chapters}
    for beat in plan.beats:
        if beat.start_frame in chapters and beat.chapter:
            lines.append(f"\n== {chapters[beat.start_frame]}")
        lines.append(
            f"beat {beat.index:>2}  frame {beat.start_frame:>5} +{beat.frames:<4} "
            f"{clock(beat.start_frame / fps)}  {beat.text}"
        )
        for step in plan.steps:
            if step.beat == beat.index:
                lines.append(
                    f"          {step.kind:<4} {step.description[:40]:<40} "
                    f"{step.run_time:6.2f} s {step.frames:>5} frames"
                )
    loose = [s for s in plan.steps if s.beat is None]
    if loose:
        lines.append(
            f"\n{len(loose)} steps between beats: {sum(s.frames for s in loose)} frames"
        )
    lines += [f"warning: {warning}" for warning in plan.warnings]
    return lines


def course_video_lines(result: Any, page: Any) -> list[str]:
    """``mathreel course``: what the course video holds and where its files are."""
    how = "video copied" if result.copied else "video re-encoded"
    sound = "with narration" if result.has_audio else "silent"
    state = "built" if result.built else "current, not rebuilt"
    lessons = sum(1 for c in result.chapters if c.level == 1)
    return [
        f"Course video: {result.video} ({state}): {len(result.lessons)} lesson(s), "
        f"{result.frames} frames, {clock(result.duration)}, {how}, {sound}",
        f"Chapters:     {lessons} lessons, {len(result.chapters) - lessons} lesson "
        f"chapters ({result.chapters_vtt.name})",
        f"Captions:     {result.vtt}, {result.srt}",
        f"Page:         {page}",
    ]


def voice_lines(*, measure: bool) -> list[str]:
    """``mathreel voices``: every engine and voice, its kind, speed and licence."""
    from mathreel.narration.voice import voice_table

    lines = []
    for row in voice_table(measure=measure):
        speed = f"{row.realtime_factor:5.1f}x" if row.realtime_factor else "    - "
        state = "installed" if row.installed else "not installed"
        mark = "*" if row.default else " "
        lines.append(
            f"{mark} {row.name:<17} {row.kind:<10} {speed}  {state:<13}  {row.licence}"
        )
    lines.append(
        "* default.  Speed: seconds of speech per second, measured now on this machine."
    )
    return lines


def listing_output(
    course: Course, *, fps: int, voice: VoiceSpec, as_json: bool = False
) -> list[str]:
    """``mathreel list``: :func:`course_rows` as text lines or as JSON."""
    rows = course_rows(course, fps=fps, voice=voice)
    return [json.dumps(rows, indent=2)] if as_json else listing_lines(rows)


def doctor_output(out: Path, echo: Callable[[str], None]) -> None:
    """``mathreel doctor``: run the checks and print a line for each.

    Raises
    ------
    MathreelError
        After printing, when a required check failed.
    """
    from mathreel.doctor import run_checks

    checks = run_checks(out)
    for line in check_lines(checks):
        echo(line)
    if any(c.ok is False for c in checks):
        raise MathreelError("some required checks failed; fix them as shown above")
    echo("All required checks passed.")


def check_lines(checks: Sequence[Any]) -> list[str]:
    """``mathreel doctor``: one line per check, with its fix when it did not pass."""
    lines = []
    for check in checks:
        mark = {True: "ok  ", False: "FAIL", None: "warn"}[check.ok]
        line = f"{mark}  {check.name:<9} {check.detail}"
        if check.ok is not True and check.fix:
            line += f"  -> {check.fix}"
        lines.append(line)
    return lines


def cache_output(
    clear: bool, parts: Sequence[str], echo: Callable[[str], None]
) -> None:
    """``mathreel cache``: where the cache is, each part's size, the segment bound.

    With ``clear``, remove ``parts`` (all when empty) first, then show what is left.

    Raises
    ------
    MathreelError
        For an unknown part, or a segment bound that is not a size.
    """
    from mathreel.core.files import cache_dir
    from mathreel.render.cache import CACHE_PARTS, cache_usage, clear_cache
    from mathreel.render.segments import SIZE_ENV, size_bound

    try:
        bound = size_bound()
        if clear:
            removed = clear_cache(list(parts))
            total = sum(removed.values())
            echo(f"Removed {total} cached files ({', '.join(removed)}).")
    except ValueError as error:
        raise MathreelError(str(error)) from None
    usage = cache_usage()
    echo(f"Cache: {cache_dir()}")
    for part, (files, size) in usage.items():
        echo(
            f"  {part:<9} {_megabytes(size):>10}  {files:>6} files  {CACHE_PARTS[part]}"
        )
    total = sum(size for _, size in usage.values())
    echo(f"  {'total':<9} {_megabytes(total):>10}")
    echo(
        f"Segments are kept to {_megabytes(bound)} (least recently used removed "
        f"first; set {SIZE_ENV} in megabytes to change it)."
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
