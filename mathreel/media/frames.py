"""Frames of a rendered lesson as PNG images, one per beat.

Looking at a lesson the way a learner sees it is part of finishing it: this
writes the last frame of every beat (where its layout is complete) as a PNG.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import av

from mathreel.core.errors import MathreelError
from mathreel.core.records import read_record

if TYPE_CHECKING:
    from mathreel.core.course import Entry

__all__ = ["beat_frames", "extract_frames", "rendered_beat_frames"]


def extract_frames(video: Path, frames: dict[int, Path]) -> list[Path]:
    """Decode ``video`` once and save the frames numbered in ``frames`` (0-based)."""
    wanted = dict(frames)
    written: list[Path] = []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for number, frame in enumerate(container.decode(stream)):
            target = wanted.pop(number, None)
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                frame.to_image().save(target)
                written.append(target)
            if not wanted:
                break
    return written


def beat_frames(record_path: Path, out_dir: Path) -> list[Path]:
    """Save the last frame of every beat of a rendered lesson as PNG.

    Parameters
    ----------
    record_path
        The lesson's manifest record (``NN-slug.json`` beside its video).
    out_dir
        Where to write ``NN-slug-beat-KK.png``.

    Raises
    ------
    RecordError
        When the record was written by another schema or lacks a field.
    """
    record = read_record(record_path)
    video = record_path.with_name(record.video)
    targets = {
        max(b.start_frame, b.start_frame + b.frames - 1): out_dir
        / f"{record.stem}-beat-{b.index:02d}.png"
        for b in record.beats
    }
    return extract_frames(video, targets)


def rendered_beat_frames(
    entry: Entry, out_dir: Path, target: Path | None = None
) -> list[Path]:
    """:func:`beat_frames` of ``entry`` as rendered into ``out_dir`` (``mathreel frames``).

    The PNGs go to ``target``, by default ``out_dir/frames``.

    Raises
    ------
    MathreelError
        When the lesson has not been rendered into ``out_dir``, naming the
        command that renders it.
    """
    from mathreel.render.options import output_paths

    record = output_paths(out_dir, entry)["record"]
    if not record.exists():
        raise MathreelError(
            f"{entry.slug} has not been rendered into {out_dir}: run "
            f"'mathreel render {entry.slug} -q {out_dir.name}' first"
        )
    return beat_frames(record, target or out_dir / "frames")
