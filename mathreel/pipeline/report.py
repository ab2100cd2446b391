"""What a batch shows while it runs and when it ends.

On a terminal: a live display (rich, which manim already uses) with one line per
running lesson, its frames rendered out of planned, and the batch's ETA from the
plans. Elsewhere (CI logs): plain lines, one per finished lesson and a status
line every half minute. At the end: a summary table of every lesson.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.table import Table

from mathreel.core.timeline import clock
from mathreel.pipeline.batch import Job, Outcome

__all__ = ["BatchDisplay", "summary_lines"]


class BatchDisplay:
    """Progress of a batch: live on a terminal, plain lines otherwise."""

    def __init__(self, jobs: Sequence[Job], *, echo: Any, live: bool) -> None:
        self.jobs = list(jobs)
        self.echo = echo
        self.finished: dict[int, Outcome] = {}
        self.total = sum(j.planned_frames for j in jobs)
        self.last_status = time.monotonic()
        self.live: Live | None = None
        if live:
            self.live = Live(
                console=Console(stderr=True), refresh_per_second=4, transient=True
            )
            self.live.start()

    def _eta(self, progress: dict[int, int], elapsed: float) -> str:
        done = sum(self.jobs[i].planned_frames for i in self.finished) + sum(
            progress.values()
        )
        if not self.total or done <= 0 or elapsed <= 0:
            return "ETA --"
        rate = done / elapsed
        return f"ETA {clock((self.total - done) / rate)}"

    def tick(self, progress: dict[int, int], elapsed: float) -> None:
        """Show the frames of the running lessons."""
        started = {i: f for i, f in progress.items() if f > 0}  # not just queued
        if self.live is not None:
            table = Table.grid(padding=(0, 2))
            table.add_row(
                f"[bold]{len(self.finished)}/{len(self.jobs)} done[/]",
                "",
                self._eta(progress, elapsed),
            )
            for i, frame in sorted(started.items()):
                job = self.jobs[i]
                planned = job.planned_frames or 1
                share = min(1.0, frame / planned)
                bar = "█" * round(20 * share) + "·" * (20 - round(20 * share))
                table.add_row(
                    job.entry.slug, bar, f"{frame}/{job.planned_frames or '?'} frames"
                )
            self.live.update(table)
        elif time.monotonic() - self.last_status >= 30:
            self.last_status = time.monotonic()
            running = ", ".join(
                f"{self.jobs[i].entry.slug} {f}/{self.jobs[i].planned_frames or '?'}"
                for i, f in sorted(started.items())
            )
            self.echo(f"  ...    {running}; {self._eta(progress, elapsed)}")

    def done(self, outcome: Outcome) -> None:
        """Report one finished lesson."""
        index = self.jobs.index(outcome.job)
        self.finished[index] = outcome
        slug = outcome.job.entry.slug
        record = outcome.record
        if outcome.ok and record is not None:
            line = (
                f"  ok     {slug:<24} {record.decoded_frames:>6} frames "
                f"{clock(record.duration):>7}  in {outcome.seconds:5.1f} s"
            )
            if record.segments is not None:
                reused, drawn = record.segments
                line += f"  (steps: {reused} reused, {drawn} drawn)"
        else:
            line = f"  FAIL   {slug:<24} {outcome.message}"
        if self.live is not None:
            self.live.console.print(line, highlight=False, markup=False)
        else:
            self.echo(line)

    def close(self) -> None:
        """Stop the live display."""
        if self.live is not None:
            self.live.stop()


def summary_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The end-of-batch table: lesson, status, frames, duration, wall time, log."""
    header = ("lesson", "status", "frames", "duration", "wall", "log")
    body = [
        (
            r["lesson"],
            r["status"],
            str(r.get("frames", "")),
            clock(r["duration"]) if r.get("duration") is not None else "",
            f"{r['wall']:.1f} s" if r.get("wall") is not None else "",
            r.get("log", ""),
        )
        for r in rows
    ]
    widths = [max(len(row[k]) for row in [header, *body]) for k in range(len(header))]
    return [
        "  ".join(cell.ljust(widths[k]) for k, cell in enumerate(row)).rstrip()
        for row in [header, *body]
    ]
