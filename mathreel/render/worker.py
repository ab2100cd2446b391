"""Planning and rendering one lesson, in the current process.

:func:`plan_lesson` runs a lesson's ``construct`` with animations skipped (no
frame is drawn or encoded) and returns its frame-exact :class:`~mathreel.core.timeline.Plan`.
:func:`render_lesson` renders it for real into ``<out>/<quality>/NN-slug.mp4``:
manim writes into a private work directory, the video is decoded back with PyAV
and must have exactly the planned frames, and only then is it renamed into place
with its manifest record beside it. A failure leaves earlier outputs untouched.

manim's configuration is global, so :mod:`mathreel.pipeline.batch` runs each render in a
process of its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import manim
from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer

from mathreel import __version__
from mathreel.core.course import Entry
from mathreel.core.errors import MathreelError, RenderError
from mathreel.core.files import atomic_path, cache_dir, write_json, write_text
from mathreel.core.params import Args
from mathreel.core.quality import Quality
from mathreel.core.records import LessonRecord
from mathreel.core.timeline import Plan
from mathreel.lesson.base import Lesson, StopAfterBeat
from mathreel.media import encoding
from mathreel.media.audio import narration_track
from mathreel.media.burn import burn_captions
from mathreel.media.gif import write_gif
from mathreel.media.video import (
    encode_audio,
    finalize_video,
    join_videos,
    probe,
    sha256,
)
from mathreel.narration.captions import (
    Cue,
    chapter_spans,
    chapters_vtt,
    cues_for,
    srt,
    vtt,
)
from mathreel.narration.narrator import Narrator, narrator_for
from mathreel.narration.voice import VoiceSpec
from mathreel.render.cache import (
    fingerprint,
    load_costs,
    load_plan,
    save_costs,
    save_plan,
)
from mathreel.render.incremental import SegmentRenderer
from mathreel.render.options import (
    DEFAULT_VOICE,
    RenderOptions,
    given_json,
    output_paths,
    render_key,
    voice_key,
)
from mathreel.render.segments import (
    SegmentStats,
    SegmentStore,
    segment_salt,
    size_bound,
)

encoding.install()

__all__ = [
    "cached_plan",
    "construct_only",
    "finish_pieces",
    "lesson_record",
    "manim_settings",
    "plan_lesson",
    "render_lesson",
    "render_piece",
    "resolved",
    "step_costs",
    "still_frame",
    "still_png",
]


def manim_settings(quality: Quality, media_dir: Path) -> dict[str, Any]:
    """manim config overrides for one render at ``quality``."""
    tex_dir = cache_dir() / "tex"
    tex_dir.mkdir(parents=True, exist_ok=True)
    return {
        "pixel_width": quality.width,
        "pixel_height": quality.height,
        "frame_rate": quality.fps,
        "media_dir": str(media_dir),
        "tex_dir": str(tex_dir),
        # mathreel keys segments itself (render/segments.py); manim's own
        # folder pruning would delete this render's segments before they are
        # published
        "disable_caching": True,
        "max_files_cached": -1,
        "verbosity": "WARNING",
        "progress_bar": "none",
        "video_encoder_options": dict(quality.encoder_options),
        "write_to_movie": True,
    }


def resolved(entry: Entry, given: Mapping[str, Any] | None) -> Args:
    """The lesson's typed parameters: ``given`` itself when already resolved.

    Every function here takes either the values as given (``--set``) or the
    :class:`~mathreel.core.params.Args` resolved from them once by the caller.

    Raises
    ------
    ParamError
        When a given value is not accepted by the lesson.
    """
    if isinstance(given, Args):
        return given
    return entry.load().resolve_args(given or {}, lesson=entry.slug)


@contextmanager
def _work_dir(parent: Path | None = None) -> Iterator[Path]:
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="mathreel-", dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        if parent is not None:
            with contextlib.suppress(OSError):
                parent.rmdir()  # only when no other render is using it


def construct_only(
    entry: Entry,
    given: Mapping[str, Any] | None = None,
    *,
    fps: float = 15,
    check_layout: bool = True,
    narrator: Narrator | None = None,
) -> Lesson:
    """Run a lesson's ``construct`` without drawing a frame; return the scene.

    The scene's timeline holds the plan; with ``check_layout`` every beat also
    records its layout problems and the text on screen at its end. Without a
    ``narrator`` beats last their caption's reading time.
    """
    cls = entry.load()
    args = resolved(entry, given)
    with _work_dir() as work:
        settings = manim_settings(_plan_quality(fps), work)
        settings.update(dry_run=True, write_to_movie=False)
        with tempconfig(settings):
            scene = cls(
                args,
                slug=entry.slug,
                check_layout=check_layout,
                narrator=narrator,
                skip_animations=True,
            )
            scene.render()
            return scene


def plan_lesson(
    entry: Entry,
    given: Mapping[str, Any] | None = None,
    *,
    fps: float = 15,
    voice: VoiceSpec = DEFAULT_VOICE,
    use_cache: bool = True,
) -> Plan:
    """The lesson's frame plan: from the plan cache, or by running ``construct``.

    The plan is computed without drawing a frame, with layout checks on, and
    cached under the lesson's fingerprint (sources, parameters, fps, voice).
    Beats last as long as ``voice`` takes to say them (synthesised and cached).
    """
    args = resolved(entry, given)
    key = _plan_key(entry, args.to_json(), fps, voice)
    if use_cache and (cached := load_plan(key)) is not None:
        return cached
    narrator = narrator_for(voice)
    plan = construct_only(
        entry, args, fps=fps, check_layout=True, narrator=narrator
    ).plan()
    save_plan(key, plan)
    return plan


def cached_plan(
    entry: Entry, given: Mapping[str, Any] | None, *, fps: float, voice: VoiceSpec
) -> Plan | None:
    """The lesson's plan if it is in the plan cache; ``None`` otherwise (no construct)."""
    args = resolved(entry, given)
    return load_plan(_plan_key(entry, args.to_json(), fps, voice))


def _plan_key(
    entry: Entry, args_json: dict[str, Any], fps: float, voice: VoiceSpec
) -> str:
    return fingerprint(entry, args_json, fps=fps, voice=voice_key(voice), kind="plan")


def _costs_key(entry: Entry, args_json: dict[str, Any], options: RenderOptions) -> str:
    q = options.quality
    return fingerprint(
        entry,
        args_json,
        size=[q.width, q.height],
        fps=q.fps,
        voice=voice_key(options.voice),
        kind="costs",
    )


def step_costs(
    entry: Entry, given: Mapping[str, Any] | None, options: RenderOptions
) -> list[float] | None:
    """Seconds per step of this lesson's last whole render with these settings.

    ``None`` until it has been rendered whole once; a split render uses them to
    cut pieces of equal work rather than equal frames.
    """
    args = resolved(entry, given)
    return load_costs(_costs_key(entry, args.to_json(), options))


def _plan_quality(fps: float) -> Quality:
    return Quality("plan", 854, 480, int(fps))


def still_frame(
    entry: Entry,
    given: Mapping[str, Any] | None,
    quality: Quality,
    beat: int,
    target: Path,
    *,
    voice: VoiceSpec = DEFAULT_VOICE,
) -> Path:
    """Write the last frame of beat ``beat`` as a PNG, without rendering video.

    ``construct`` runs with animations skipped up to the end of that beat, and
    only that one frame is drawn: a second or two, for checking a layout.
    """
    from PIL import Image

    cls = entry.load()
    args = resolved(entry, given)
    with _work_dir() as work:
        settings = manim_settings(quality, work) | {
            "dry_run": True,
            "write_to_movie": False,
        }
        with tempconfig(settings):
            scene = cls(
                args,
                slug=entry.slug,
                narrator=narrator_for(voice),
                skip_animations=True,
            )
            scene.stop_after_beat = beat
            try:
                scene.render()
            except StopAfterBeat:
                pass
            else:
                count = len(scene.timeline.beats)
                raise MathreelError(
                    f"{entry.slug} has {count} beats: choose --beat from 0 to {count - 1}"
                )
            renderer = scene.renderer
            assert isinstance(renderer, CairoRenderer)
            renderer.update_frame(scene, ignore_skipping=True)
            pixels = renderer.get_frame()
    with atomic_path(target) as tmp:
        Image.fromarray(pixels).convert("RGB").save(tmp, format="PNG")
    return target


def still_png(
    entry: Entry,
    given: Mapping[str, Any] | None,
    quality: Quality,
    beat: int,
    *,
    out: Path,
    target: Path | None = None,
    voice: VoiceSpec = DEFAULT_VOICE,
) -> Path:
    """``mathreel still``: :func:`still_frame` after checking LaTeX is there.

    The PNG goes to ``target``, by default ``out/QUALITY/stills/STEM-beat-NN.png``.

    Raises
    ------
    MathreelError
        LaTeX missing, a beat number out of range, or the lesson failing.
    """
    from mathreel.doctor import require_latex

    require_latex()
    name = f"{entry.stem}-beat-{beat:02d}.png"
    path = target or out / quality.name / "stills" / name
    return still_frame(entry, given, quality, beat, path, voice=voice)


def _progress_writer(
    path: Path, scene: Lesson, first_step: int = 0
) -> Callable[[int], None]:
    """Write frames rendered so far (counted from ``first_step``) at most twice a second."""
    path.parent.mkdir(parents=True, exist_ok=True)
    last = [0.0]

    def write(frame: int) -> None:
        now = time.monotonic()
        steps = scene.timeline.steps
        if now - last[0] >= 0.5 and len(steps) > first_step:
            last[0] = now
            done = max(0, frame - steps[first_step].start_frame)
            write_text(path, json.dumps({"frame": done}))  # atomic: never half-read

    return write


def lesson_record(
    entry: Entry,
    args_json: dict[str, Any],
    options: RenderOptions,
    plan: Plan,
    video: Path,
    *,
    given: dict[str, Any],
    frames: int,
    render_seconds: float,
    has_audio: bool,
    cues: list[Cue] | None = None,
) -> LessonRecord:
    """The record of one rendered lesson (``video`` at its final path).

    ``cues`` are the captions written beside the video (default: from the
    plan); they are kept to the millisecond, as the caption files have them.
    """
    quality = options.quality
    stat = video.stat()
    paths = output_paths(video.parent, entry, options.format)
    return LessonRecord(
        lesson=entry.slug,
        number=entry.number,
        title=entry.title,
        area=entry.area,
        summary=entry.summary,
        params=args_json,
        given=given,
        quality=quality.name,
        width=quality.width,
        height=quality.height,
        fps=quality.fps,
        planned_frames=plan.frames,
        decoded_frames=frames,
        duration=round(frames / quality.fps, 6),
        video=video.name,
        vtt=paths["vtt"].name,
        srt=paths["srt"].name,
        chapters_vtt=paths["chapters"].name,
        voice=str(options.voice),
        has_audio=has_audio,
        burned_captions=options.burn_captions,
        sha256=sha256(video),
        video_size=stat.st_size,
        video_mtime_ns=stat.st_mtime_ns,
        cache_key=render_key(entry, given, options),
        beats=tuple(plan.beats),
        chapters=tuple(plan.chapters),
        cues=tuple(
            Cue(round(c.start, 3), round(c.end, 3), c.lines, c.beat, c.start_frame)
            for c in (cues_for(plan) if cues is None else cues)
        ),
        render_seconds=round(render_seconds, 2),
        rendered_at=datetime.now(UTC).isoformat(timespec="seconds"),
        manim_version=manim.__version__,
        mathreel_version=__version__,
    )


_CODECS = {"mp4": "libx264", "webm": "libvpx-vp9"}


def _render_video(
    entry: Entry,
    args: Mapping[str, Any],
    options: RenderOptions,
    work: Path,
    narrator: Narrator,
    *,
    steps: tuple[int, int] | None = None,
    progress: Path | None = None,
) -> tuple[Path, Plan, SegmentStats]:
    """Run manim: the silent video (of ``steps`` [start, end) only, if given) and the plan.

    Steps whose segments are cached are not drawn (:mod:`mathreel.render.segments`);
    the returned stats say how many were reused and drawn.
    """
    cls = entry.load()
    settings = manim_settings(options.quality, work) | {
        "output_file": entry.stem,
        "format": options.manim_format,  # a GIF is made from an MP4 in _finish
        "video_codec": options.manim_codec[0],
        "pixel_format": options.manim_codec[1],
        "video_encoder_options": options.encoder_options | encoding.thread_options(),
    }
    if steps is not None:
        settings |= {
            "from_animation_number": steps[0],
            "upto_animation_number": steps[1] - 1,
        }
    store = SegmentStore()
    with tempconfig(settings):
        renderer = SegmentRenderer(store, segment_salt(), reuse=options.reuse_segments)
        scene = cls(args, slug=entry.slug, narrator=narrator, renderer=renderer)
        if progress is not None:
            scene.on_progress = _progress_writer(
                progress, scene, steps[0] if steps else 0
            )
        scene.render()
        plan = scene.plan()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        try:  # a full disk costs the cache, never the render
            renderer.publish()
            store.evict(size_bound())
        except (OSError, MathreelError) as error:  # atomic_path: disk full
            print(f"{entry.slug}: segments not cached ({error})", flush=True)
        # into the lesson's log (a batch worker's output goes there)
        print(f"{entry.slug}: {renderer.stats.summary()}", flush=True)
        if steps is None:  # a whole render: remember what each step cost
            save_costs(
                _costs_key(entry, scene.args.to_json(), options),
                scene.step_seconds(time.perf_counter()),
            )
    if not movie.exists():
        raise RenderError(f"{entry.slug}: manim wrote no video (see the log)")
    return movie, plan, renderer.stats


def narration_audio(
    plan: Plan, clips: Sequence[Path | None], container: str, work: Path
) -> Path:
    """The lesson's narration track, encoded for ``container``, from the cache.

    Keyed by the clips (voice cache files are named by what they say and the
    voice), where each starts, the length and the engine's sources; a re-render
    that keeps the timing (a drawing edit) does not mix, level or encode the
    narration again. The file is linked into ``work`` first, so eviction
    cannot remove it while the video is muxed.
    """
    starts = [
        (beat.start_frame, clip.name if clip else None)
        for beat, clip in zip(plan.beats, clips, strict=True)
    ]
    text = json.dumps(["narration-v1", segment_salt(), plan.frames, plan.fps, starts])
    key = hashlib.sha256(text.encode()).hexdigest()
    suffix = ".m4a" if container == "mp4" else ".weba"
    target = work / f"narration{suffix}"
    store = SegmentStore()
    if store.fetch(key, target):
        return target
    with atomic_path(target) as temporary:
        encode_audio(narration_track(plan, clips), temporary, container=container)
    with contextlib.suppress(OSError, MathreelError):  # a full disk costs the cache
        store.publish(key, target)
    return target


def _check_frames(entry: Entry, video: Path, expected: int, what: str = "plan") -> int:
    frames = probe(video, decode=False).frames  # tests decode every frame
    if frames != expected:
        raise RenderError(
            f"{entry.slug}: the video has {frames} frames but the {what} has "
            f"{expected}; this is a mathreel bug, please report it"
        )
    return frames


def render_lesson(
    entry: Entry,
    given: Mapping[str, Any] | None,
    options: RenderOptions | Quality,
    out_dir: Path,
    *,
    progress: Path | None = None,
) -> LessonRecord:
    """Render one lesson into ``out_dir`` and return its record.

    The video gets its narration track (unless the voice is ``none``), its
    chapters as MP4 metadata, and captions beside it (VTT, SRT, chapters VTT);
    with ``burn_captions`` the captions are drawn into the frames too.

    With ``progress``, the number of frames rendered so far is written there
    (JSON, at most twice a second) for a batch's progress display.

    Raises
    ------
    RenderError
        When manim fails or the video does not have the planned frames; nothing
        at the final paths is touched then.
    """
    if isinstance(options, Quality):
        options = RenderOptions(options)
    started = time.time()
    args = resolved(entry, given)
    narrator = narrator_for(options.voice)
    with _work_dir(out_dir / ".work") as work:
        movie, plan, stats = _render_video(
            entry, args, options, work, narrator, progress=progress
        )
        frames = _check_frames(entry, movie, plan.frames)
        return _finish(
            entry,
            given,
            args,
            options,
            (out_dir, work),
            movie,
            plan,
            narrator,
            started,
            frames,
            segments=(stats.reused, stats.drawn),
        )


def render_piece(
    entry: Entry,
    given: Mapping[str, Any] | None,
    options: RenderOptions,
    steps: tuple[int, int],
    target: Path,
    *,
    progress: Path | None = None,
) -> int:
    """Render the silent video of steps [start, end) of a lesson into ``target``.

    A long lesson rendered as several pieces in parallel is joined by
    :func:`finish_pieces`. Returns the piece's frame count, checked against the plan.
    """
    args = resolved(entry, given)
    narrator = narrator_for(options.voice)
    with _work_dir(target.parent) as work:
        movie, plan, _ = _render_video(
            entry, args, options, work, narrator, steps=steps, progress=progress
        )
        expected = sum(s.frames for s in plan.steps[steps[0] : steps[1]])
        frames = _check_frames(entry, movie, expected, what=f"plan of steps {steps}")
        with atomic_path(target) as tmp:
            shutil.move(str(movie), tmp)
    return frames


def finish_pieces(
    entry: Entry,
    given: Mapping[str, Any] | None,
    options: RenderOptions,
    out_dir: Path,
    pieces: list[Path],
    *,
    started: float | None = None,
) -> LessonRecord:
    """Join rendered pieces (without re-encoding), then finish the lesson as usual.

    ``started`` is the wall-clock time (``time.time()``) the first piece began,
    for the record's render time.
    """
    began = time.time() if started is None else started
    narrator = narrator_for(options.voice)
    args = resolved(entry, given)
    plan = plan_lesson(entry, args, fps=options.quality.fps, voice=options.voice)
    with _work_dir(out_dir / ".work") as work:
        joined = work / f"{entry.stem}.joined.{options.manim_format}"
        join_videos(pieces, joined)
        frames = _check_frames(entry, joined, plan.frames, what="plan (joined pieces)")
        record = _finish(
            entry,
            given,
            args,
            options,
            (out_dir, work),
            joined,
            plan,
            narrator,
            began,
            frames,
        )
    for piece in pieces:
        piece.unlink(missing_ok=True)
    record = replace(record, pieces=len(pieces))
    write_json(output_paths(out_dir, entry, options.format)["record"], record.to_json())
    return record


def _finish(
    entry: Entry,
    given: Mapping[str, Any] | None,
    args: Args,
    options: RenderOptions,
    folders: tuple[Path, Path],
    movie: Path,
    plan: Plan,
    narrator: Narrator,
    started: float,
    frames: int,
    *,
    segments: tuple[int, int] | None = None,
) -> LessonRecord:
    """Captions, narration track, chapters and record for a checked silent video.

    ``given`` are the values as given (the record keeps them, and the cache
    key is made from them); ``args`` the lesson's parameters resolved from
    them; ``folders`` the output folder and the work folder.
    """
    out_dir, work = folders
    paths = output_paths(out_dir, entry, options.format)
    cues = cues_for(plan)
    if options.burn_captions and options.format != "gif":  # a GIF's: in write_gif
        burned = work / f"{entry.stem}.burned{movie.suffix}"
        burn_captions(
            movie,
            cues,
            burned,
            codec=_CODECS[options.format],
            options=options.encoder_options,
        )
        movie = burned
    clips = [narrator.clip(beat.say) for beat in plan.beats]
    audio = (
        narration_audio(plan, clips, options.format, work)
        if any(clips) and options.format != "gif"
        else None
    )
    with atomic_path(paths["video"]) as tmp:
        if options.format == "gif":  # no sound or chapters in a GIF
            write_gif(movie, tmp, cues if options.burn_captions else None)
        else:
            finalize_video(
                movie,
                tmp,
                audio=audio,
                chapters=chapter_spans(plan),
                fps=plan.fps,
                container=options.format,
            )
    write_text(paths["vtt"], vtt(cues))
    write_text(paths["srt"], srt(cues))
    write_text(paths["chapters"], chapters_vtt(plan))
    record = lesson_record(
        entry,
        args.to_json(),
        options,
        plan,
        paths["video"],
        given=given_json(given),
        frames=frames,
        render_seconds=time.time() - started,
        has_audio=audio is not None,
        cues=cues,
    )
    record = replace(record, segments=segments)
    write_json(paths["record"], record.to_json())
    return record
