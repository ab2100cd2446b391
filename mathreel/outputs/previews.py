"""Previews of rendered lessons: a poster, a looping key moment and a contact sheet.

A reviewer should see a whole lesson at a glance, and a learner should see what a
lesson is about before pressing play. For every rendered lesson this writes,
into ``previews/`` beside the videos:

* ``NN-slug.poster.png``: the first frame of the lesson's key beat (the beat
  marked ``key=True``; the last beat when none is marked), at full size;
* ``NN-slug.key.webp``: the key beat as a short looping animated WebP (at most
  :data:`KEY_SECONDS` seconds, at most :data:`KEY_FPS` frames a second);
* ``NN-slug.sheet.png``: a contact sheet, one tile per beat (the beat's last
  frame, where its layout is complete) with the beat's number, start time and
  first words under it;
* ``NN-slug.beat-KK.jpg``: a still of each beat (``KK`` from 01; the tile's
  frame, :data:`STILL_WIDTH` pixels wide) for the lesson page's transcript.

The video is decoded once for all three. A stamp file (``NN-slug.previews.json``)
records the video's SHA-256, so previews that are current are not made again.
This module also reads a rendered folder (:func:`rendered_lessons`): the
manifest and the records in it, checked against the files on disk.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import av
from PIL import Image, ImageDraw, ImageFont

from mathreel.core.errors import MathreelError
from mathreel.core.files import atomic_path, write_json
from mathreel.core.records import LessonRecord, Manifest
from mathreel.core.timeline import Beat

__all__ = [
    "KEY_FPS",
    "KEY_SECONDS",
    "PALETTE",
    "ContactSheet",
    "Previews",
    "clock",
    "contact_sheet",
    "first_words",
    "make_all_previews",
    "make_previews",
    "preview_paths",
    "rendered_lessons",
    "still_paths",
]

#: The videos' palette (``scenes/style.py``), for the sheets and the page.
PALETTE = {
    "background": "#111318",
    "ink": "#ECEFF4",
    "muted": "#9AA3B5",
    "accent": "#F4C95D",
    "blue": "#58C4DD",
    "green": "#83C167",
    "red": "#FC6255",
    "orange": "#FF9F43",
    "purple": "#B18CFE",
    "panel": "#1A1D24",
    "line": "#2C313C",
}
#: Longest key-moment animation, in seconds.
KEY_SECONDS = 6.0
#: Highest frame rate of the key-moment animation.
KEY_FPS = 10
#: Widest key-moment animation, in pixels (smaller videos are not enlarged).
KEY_WIDTH = 480
#: Width of a contact sheet tile, in pixels.
TILE_WIDTH = 320
#: Tiles per row of a contact sheet, at most.
SHEET_COLUMNS = 4
#: Width of a beat's still (the transcript's picture), in pixels: a tile's width.
STILL_WIDTH = TILE_WIDTH
#: JPEG quality of the stills.
STILL_QUALITY = 82
#: Bumped when the previews' look changes, so they are made again.
PREVIEW_VERSION = 2

_MARGIN = 20
_GAP = 16


def rendered_lessons(folder: Path) -> Manifest:
    """The manifest of a rendered folder, its lessons checked and in course order.

    Parameters
    ----------
    folder
        A quality folder (``out/preview``) holding ``manifest.json``, the lesson
        records and videos.

    Returns
    -------
    Manifest
        The manifest, with ``lessons`` sorted by lesson number.

    Raises
    ------
    MathreelError
        When the folder, its manifest or a lesson's video is missing, the
        manifest holds no lesson, or it was written by another schema
        (:class:`~mathreel.core.records.RecordError`).
    """
    manifest_path = folder / "manifest.json"
    if not folder.is_dir():
        raise MathreelError(
            f"{folder} does not exist: render lessons into it first "
            "(e.g. 'mathreel preview' or 'mathreel render --all')"
        )
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MathreelError(
            f"no manifest.json in {folder}: render lessons into it first "
            "(e.g. 'mathreel preview' or 'mathreel render --all')"
        ) from None
    except (OSError, ValueError) as error:
        raise MathreelError(f"cannot read {manifest_path}: {error}") from None
    if not isinstance(data, dict) or not data.get("lessons"):
        raise MathreelError(
            f"no rendered lessons in {folder}: its manifest.json lists none; "
            "render some first (e.g. 'mathreel preview')"
        )
    manifest = Manifest.from_json(data, source=str(manifest_path))
    for record in manifest.lessons:
        video = folder / record.video
        if not record.video or not video.is_file():
            raise MathreelError(
                f"{video} is missing (lesson '{record.lesson}' is in "
                f"{manifest_path}): render that lesson again"
            )
    return replace(
        manifest, lessons=tuple(sorted(manifest.lessons, key=lambda r: r.number))
    )


def clock(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour), rounded down to the second."""
    whole = int(seconds + 1e-6)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def preview_paths(folder: Path, stem: str) -> dict[str, Path]:
    """Where one lesson's previews go: ``folder/previews/STEM.*``."""
    base = folder / "previews"
    return {
        "poster": base / f"{stem}.poster.png",
        "key": base / f"{stem}.key.webp",
        "sheet": base / f"{stem}.sheet.png",
        "stamp": base / f"{stem}.previews.json",
    }


def still_paths(folder: Path, record: LessonRecord) -> list[Path]:
    """Where a lesson's beat stills go: ``folder/previews/STEM.beat-KK.jpg``, one per beat.

    ``KK`` is the beat's position in the record, from 01, two digits or more.
    """
    base = folder / "previews"
    return [
        base / f"{record.stem}.beat-{k:02d}.jpg"
        for k in range(1, len(record.beats) + 1)
    ]


@dataclass(frozen=True)
class ContactSheet:
    """A contact sheet written to ``path``: one tile per beat.

    ``tiles`` are the pixel boxes ``(left, top, right, bottom)`` of the frames,
    in beat order; ``frames`` the video frame shown in each.
    """

    path: Path
    tiles: list[tuple[int, int, int, int]]
    frames: list[int]
    size: tuple[int, int]


@dataclass(frozen=True)
class Previews:
    """One lesson's previews."""

    lesson: str
    poster: Path
    key: Path
    sheet: Path
    poster_frame: int
    key_frames: list[int]
    tiles: int
    made: bool
    stills: tuple[Path, ...] = ()


@cache
def _font(
    size: int, bold: bool = False
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans (the videos' font) at ``size`` px, else Pillow's own font."""
    names = ["DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"]
    folders = [
        "/usr/share/fonts/truetype/dejavu/",
        "/usr/share/fonts/TTF/",
        "/usr/share/fonts/dejavu/",
        "",
    ]
    for folder in folders:
        for name in names:
            try:
                return ImageFont.truetype(folder + name, size)
            except OSError:
                continue
    return ImageFont.load_default(size)


def _text_width(draw: ImageDraw.ImageDraw, text: str, font: Any) -> float:
    return float(draw.textlength(text, font=font))


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Any, width: float) -> str:
    """``text`` cut to ``width`` pixels, with an ellipsis when cut."""
    if _text_width(draw, text, font) <= width:
        return text
    while text and _text_width(draw, text + "…", font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def first_words(
    text: str,
    width: float,
    *,
    lines: int = 2,
    font: Any = None,
    draw: ImageDraw.ImageDraw | None = None,
) -> list[str]:
    """The first words of ``text`` on at most ``lines`` lines of ``width`` pixels.

    Words are kept whole; the last line ends with an ellipsis when words are
    left over (or is cut when a single word is too wide).
    """
    font = font or _font(15)
    draw = draw or ImageDraw.Draw(Image.new("RGB", (1, 1)))
    words = text.split()
    out: list[str] = []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and _text_width(draw, f"{line} {words[0]}", font) <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words and out:
        out[-1] = _fit(draw, out[-1] + " " + words[0], font, width)
        if not out[-1].endswith("…"):
            out[-1] = _fit(draw, out[-1] + " …", font, width)
    return [_fit(draw, line, font, width) for line in out]


def _decode(
    video: Path, wanted: dict[int, dict[str, Callable[[Image.Image], Image.Image]]]
) -> dict[tuple[int, str], Image.Image]:
    """Decode the wanted frames (0-based) of ``video``, each in its named forms.

    ``wanted`` maps a frame number to ``{name: transform}``; the result maps
    ``(frame, name)`` to the transformed image. Frames are reached by seeking to
    the keyframe before them (every animation of a lesson starts with one), so a
    long high-resolution lesson is not decoded from its start; frames close
    together are decoded in one pass.
    """
    found: dict[tuple[int, str], Image.Image] = {}
    if not wanted:
        return found
    pending = sorted(wanted)
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        rate = stream.average_rate or stream.guessed_rate
        fps = float(rate) if rate else 30.0
        base = stream.time_base
        k = 0
        while k < len(pending):
            target = pending[k]
            if base:
                container.seek(int(target / fps / base), stream=stream, backward=True)
            for frame in container.decode(stream):
                number = round((frame.time or 0.0) * fps)
                if number < target:
                    continue
                while k < len(pending) and pending[k] < number:
                    k += 1  # not in the stream (past its end): nothing to keep
                if k < len(pending) and pending[k] == number:
                    image = frame.to_image().convert("RGB")
                    for name, change in wanted[number].items():
                        found[number, name] = change(image)
                    k += 1
                if k >= len(pending) or pending[k] - number > 2 * fps:
                    break  # done, or the next wanted frame is far: seek again
            else:
                break  # the stream ended
    return found


def _resized(width: int, height: int) -> Callable[[Image.Image], Image.Image]:
    def change(image: Image.Image) -> Image.Image:
        if image.size == (width, height):
            return image
        return image.resize((width, height), Image.Resampling.LANCZOS)

    return change


def _beat_frame(beat: Beat, total: int) -> int:
    """The last frame of a beat (where its layout is complete), within the video."""
    start, frames = beat.start_frame, beat.frames
    return max(0, min(total - 1, max(start, start + frames - 1)))


def _key_frames(record: LessonRecord, total: int) -> list[int]:
    """Frames of the key-moment animation: the key beat, sampled, at most KEY_SECONDS."""
    fps = float(record.fps)
    beat = record.key_beat
    start = max(0, min(total - 1, beat.start_frame))
    length = max(1, beat.frames)
    length = min(length, max(1, int(KEY_SECONDS * fps)), total - start)
    step = max(1, math.ceil(fps / KEY_FPS))
    return list(range(start, start + length, step))


def contact_sheet(
    record: LessonRecord,
    frames: Sequence[Image.Image],
    target: Path,
) -> ContactSheet:
    """Draw a contact sheet of ``frames`` (one per beat of ``record``) into ``target``.

    Each tile is the frame at :data:`TILE_WIDTH` pixels wide, with the beat's
    number and start time above its first words; the key beat is framed in the
    accent colour. A header gives the lesson's number, title, length and size.
    """
    beats = record.beats
    if len(frames) != len(beats):
        raise ValueError(f"{len(frames)} frames for {len(beats)} beats")
    width, height = record.width, record.height
    tile_w = TILE_WIDTH
    tile_h = max(1, round(tile_w * height / width))
    columns = max(1, min(SHEET_COLUMNS, len(beats)))
    rows = max(1, math.ceil(len(beats) / columns))
    label_font, text_font = _font(13, bold=True), _font(15)
    title_font, sub_font = _font(24, bold=True), _font(14)
    line_h = 20
    caption_h = 8 + 18 + 2 * line_h + 6
    params = " ".join(
        f"{name}={json.dumps(value, separators=(',', ':'))}"
        for name, value in record.params.items()
    )
    header_h = 96 if params else 76
    sheet_w = 2 * _MARGIN + columns * tile_w + (columns - 1) * _GAP
    sheet_h = (
        header_h + _MARGIN + rows * (tile_h + caption_h) + (rows - 1) * _GAP + _MARGIN
    )
    sheet = Image.new("RGB", (sheet_w, sheet_h), PALETTE["background"])
    draw = ImageDraw.Draw(sheet)

    title = f"{record.number:02d}  {record.title}"
    draw.text((_MARGIN, 18), title, font=title_font, fill=PALETTE["ink"])
    fps = float(record.fps)
    key_index = record.key_beat.index
    facts = (
        f"{len(beats)} beats · {clock(record.duration)} · "
        f"{width}x{height} @ {record.fps} fps · voice {record.voice}"
    )
    draw.text(
        (_MARGIN, 50),
        _fit(draw, facts, sub_font, sheet_w - 2 * _MARGIN),
        font=sub_font,
        fill=PALETTE["muted"],
    )
    if params:
        draw.text(
            (_MARGIN, 70),
            _fit(draw, params, sub_font, sheet_w - 2 * _MARGIN),
            font=sub_font,
            fill=PALETTE["orange"],
        )
    draw.line(
        [(_MARGIN, header_h - 6), (sheet_w - _MARGIN, header_h - 6)],
        fill=PALETTE["line"],
        width=1,
    )

    tiles: list[tuple[int, int, int, int]] = []
    shown: list[int] = []
    total = record.decoded_frames
    for k, (beat, frame) in enumerate(zip(beats, frames, strict=True)):
        row, col = divmod(k, columns)
        left = _MARGIN + col * (tile_w + _GAP)
        top = header_h + _MARGIN + row * (tile_h + caption_h + _GAP)
        box = (left, top, left + tile_w, top + tile_h)
        sheet.paste(_resized(tile_w, tile_h)(frame), box[:2])
        is_key = beat.index == key_index
        draw.rectangle(
            (left - 2, top - 2, left + tile_w + 1, top + tile_h + 1),
            outline=PALETTE["accent"] if is_key else PALETTE["line"],
            width=2,
        )
        tiles.append(box)
        shown.append(_beat_frame(beat, total) if total else beat.start_frame)
        label = f"BEAT {beat.index + 1}  ·  {clock(beat.start_frame / fps)}"
        if beat.chapter:
            label += f"  ·  {beat.chapter}"
        y = top + tile_h + 8
        label = _fit(draw, label, label_font, tile_w - (44 if is_key else 0))
        draw.text(
            (left, y),
            label,
            font=label_font,
            fill=PALETTE["accent"] if is_key else PALETTE["blue"],
        )
        if is_key:
            draw.text(
                (left + tile_w, y),
                "KEY",
                font=label_font,
                fill=PALETTE["accent"],
                anchor="ra",
            )
        for n, line in enumerate(
            first_words(beat.text, tile_w, font=text_font, draw=draw)
        ):
            draw.text(
                (left, y + 18 + n * line_h), line, font=text_font, fill=PALETTE["ink"]
            )
    with atomic_path(target) as tmp:
        sheet.save(tmp, format="PNG", optimize=True)
    return ContactSheet(target, tiles, shown, sheet.size)


def _stamp(record: LessonRecord) -> dict[str, Any]:
    return {
        "sha256": record.sha256,
        "version": PREVIEW_VERSION,
        "key_beat": record.key_beat.index,
        "tiles": len(record.beats),
        "stills": STILL_WIDTH,
    }


def make_previews(
    folder: Path, record: LessonRecord, *, force: bool = False
) -> Previews:
    """Write the poster, key-moment animation and contact sheet of one lesson.

    Parameters
    ----------
    folder
        The rendered folder holding the lesson's video (its record's ``video``).
    record
        The lesson's manifest record.
    force
        Make the previews even when the stamp says they are current.

    Raises
    ------
    MathreelError
        When the video is missing or has no frames.
    """
    video = folder / record.video
    if not video.is_file():
        raise MathreelError(
            f"{video} is missing: render lesson '{record.lesson}' again"
        )
    paths = preview_paths(folder, record.stem)
    total = record.decoded_frames
    beats = record.beats
    if total <= 0 or not beats:
        raise MathreelError(f"{video}: its record lists no frames or no beats")
    poster_frame = max(0, min(total - 1, record.key_beat.start_frame))
    key_frames = _key_frames(record, total)
    stamp = _stamp(record)
    stills = still_paths(folder, record)
    current = all(paths[k].exists() for k in ("poster", "key", "sheet")) and all(
        p.exists() for p in stills
    )
    if current and not force:
        try:
            current = json.loads(paths["stamp"].read_text(encoding="utf-8")) == stamp
        except (OSError, ValueError):
            current = False
        if current:
            return Previews(
                record.lesson,
                paths["poster"],
                paths["key"],
                paths["sheet"],
                poster_frame,
                key_frames,
                tiles=int(stamp["tiles"]),
                made=False,
                stills=tuple(stills),
            )

    width, height = record.width, record.height
    tile_h = max(1, round(TILE_WIDTH * height / width))
    anim_w = min(width, KEY_WIDTH)
    anim_h = max(2, round(anim_w * height / width))
    tile_frames = [_beat_frame(b, total) for b in beats]

    # two decoders at once (FFmpeg and Pillow let go of the GIL): the key
    # moment's run of frames, and the poster with the sheet's scattered tiles
    Wanted = dict[int, dict[str, Callable[[Image.Image], Image.Image]]]
    run: Wanted = {n: {"key": _resized(anim_w, anim_h)} for n in key_frames}
    scattered: Wanted = {poster_frame: {"poster": _resized(width, height)}}
    for number in tile_frames:
        scattered.setdefault(number, {})["tile"] = _resized(TILE_WIDTH, tile_h)
    with ThreadPoolExecutor(2) as pool:
        parts = list(pool.map(lambda w: _decode(video, w), (run, scattered)))
    images = parts[0] | parts[1]
    missing = [
        n
        for wanted in (run, scattered)
        for n, forms in wanted.items()
        for f in forms
        if (n, f) not in images
    ]
    if missing:
        raise MathreelError(
            f"{video} has fewer frames than its record says "
            f"(no frame {min(missing)}): render it again"
        )
    with atomic_path(paths["poster"]) as tmp:
        images[poster_frame, "poster"].save(tmp, format="PNG", optimize=True)
    clip = [images[n, "key"] for n in key_frames]
    step = key_frames[1] - key_frames[0] if len(key_frames) > 1 else 1
    with atomic_path(paths["key"]) as tmp:
        clip[0].save(
            tmp,
            format="WEBP",
            save_all=True,
            append_images=clip[1:],
            duration=max(20, round(1000 * step / float(record.fps))),
            loop=0,
            quality=80,
            method=4,
        )
    sheet = contact_sheet(
        record, [images[n, "tile"] for n in tile_frames], paths["sheet"]
    )
    for still, number in zip(stills, tile_frames, strict=True):
        image = images[number, "tile"]  # TILE_WIDTH wide, as the still
        if image.width != STILL_WIDTH:
            image = image.resize(
                (STILL_WIDTH, max(1, round(STILL_WIDTH * height / width))),
                Image.Resampling.LANCZOS,
            )
        with atomic_path(still) as tmp:
            image.convert("RGB").save(
                tmp, format="JPEG", quality=STILL_QUALITY, optimize=True
            )
    write_json(paths["stamp"], stamp)
    return Previews(
        record.lesson,
        paths["poster"],
        paths["key"],
        paths["sheet"],
        poster_frame,
        key_frames,
        tiles=len(sheet.tiles),
        made=True,
        stills=tuple(stills),
    )


def make_all_previews(
    folder: Path,
    *,
    force: bool = False,
    on_done: Callable[[Previews], None] | None = None,
) -> list[Previews]:
    """Previews of every lesson in the folder's manifest, in course order.

    Raises
    ------
    MathreelError
        When the folder holds no rendered lesson, or a video is missing.
    """
    manifest = rendered_lessons(folder)
    made = []
    for record in manifest.lessons:
        result = make_previews(folder, record, force=force)
        if on_done is not None:
            on_done(result)
        made.append(result)
    return made
