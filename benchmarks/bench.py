"""The benchmark: mathreel against plain manim, measured side by side in one run.

Run it with ``scripts/bench`` on an otherwise idle machine. Every measurement is
repeated and the median taken; the ratios are printed next to their targets.

* cold render of a set of lessons at 1080p60: mathreel (default jobs) against
  the same scenes through ``manim render -qh`` one after another, with the
  output's quality (mean SSIM on sampled frames) and size compared;
* core utilisation of that mathreel run: wall time against CPU time / cores;
* CPU per frame against the floor measured here: drawing the same frames alone
  (manim with no output) plus encoding them alone (PyAV, same settings);
* a no-change re-run of the whole course against its cold render (preview);
* one lesson through mathreel against the bare ``manim`` CLI, one worker;
* one long lesson (the course's longest) split in two pieces on two workers
  against unsplit on one;
* the edit loop: one lesson edited in one beat, re-rendered by mathreel (its
  segment cache) and by plain manim (its partial-movie cache), at 720p30 and at
  preview quality, against mathreel's own cold render, with sound checked.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import numpy as np
from scipy.ndimage import gaussian_filter

from mathreel.core.records import read_record
from mathreel.media.video import audio_seconds

__all__ = ["main", "ssim"]

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MATHREEL = [PYTHON, "-m", "render"]


@dataclass
class Run:
    """Wall and CPU seconds of one measured command."""

    wall: float
    cpu: float


def measure(
    command: list[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Run:
    """Run ``command`` and return its wall time and CPU time (children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(
            f"benchmark command failed: {' '.join(command)}\n{result.stdout}{result.stderr}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu)


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean structural similarity of two 8-bit grey images (Gaussian window, sigma 1.5)."""
    x, y = a.astype(np.float64), b.astype(np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = gaussian_filter(x, 1.5), gaussian_filter(y, 1.5)
    sxx = gaussian_filter(x * x, 1.5) - mx * mx
    syy = gaussian_filter(y * y, 1.5) - my * my
    sxy = gaussian_filter(x * y, 1.5) - mx * my
    value = ((2 * mx * my + c1) * (2 * sxy + c2)) / (
        (mx * mx + my * my + c1) * (sxx + syy + c2)
    )
    return float(value.mean())


def sampled_ssim(reference: Path, candidate: Path, samples: int = 12) -> float:
    """Mean SSIM of the luma of evenly spaced frames of two videos of the same frames."""

    def frames(path: Path, wanted: set[int]) -> dict[int, np.ndarray]:
        found = {}
        with av.open(str(path)) as container:
            for i, frame in enumerate(container.decode(video=0)):
                if i in wanted:
                    found[i] = frame.to_ndarray(format="gray")
        return found

    with av.open(str(reference)) as container:
        total = sum(1 for p in container.demux(video=0) if p.size)
    wanted = {round(k * (total - 1) / (samples - 1)) for k in range(samples)}
    ref, cand = frames(reference, wanted), frames(candidate, wanted)
    return float(np.mean([ssim(ref[i], cand[i]) for i in sorted(wanted)]))


def _lesson_file(slug: str) -> tuple[Path, str]:
    from mathreel.core.course import load_course

    entry = load_course().get(slug)
    return entry.source_path(), entry.class_name


def plain_manim(
    slugs: list[str], flag: str, media: Path, options: dict[str, str]
) -> Run:
    """Render the lessons with the bare manim CLI, one after another, as a creator does.

    manim keeps its compiled TeX in one folder beside ``media`` for every run, as
    a creator's project does (mathreel's own TeX cache is warm too): the
    comparison is of rendering, not of compiling formulas.
    """
    runs = []
    for slug in slugs:
        path, cls = _lesson_file(slug)
        command = manim_command(flag, path, cls, media)
        for key, value in options.items():
            command += ["--encoder-option", f"{key}={value}"]
        runs.append(measure(command))
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs))


def manim_command(flag: str, path: Path, cls: str, media: Path) -> list[str]:
    """``manim render`` of one scene into ``media``, TeX in a folder beside it."""
    config = media.parent / "manim-tex.cfg"
    config.write_text(f"[CLI]\ntex_dir = {media.parent / 'manim-tex'}\n")
    return [
        PYTHON,
        "-m",
        "manim",
        "render",
        flag,
        str(path),
        cls,
        "--media_dir",
        str(media),
        "-v",
        "WARNING",
        "--progress_bar",
        "none",
        "--config_file",
        str(config),
    ]


def manim_output(media: Path, slug: str, folder: str) -> Path:
    path, cls = _lesson_file(slug)
    return media / "videos" / path.stem / folder / f"{cls}.mp4"


def mathreel_render(slugs: list[str], out: Path, *extra: str) -> Run:
    return measure(
        [
            *MATHREEL,
            "render",
            *slugs,
            "--voice",
            "none",
            "--force",
            "--out",
            str(out),
            *extra,
        ]
    )


def draw_only(slugs: list[str], height: int, fps: int) -> Run:
    """CPU of drawing the lessons' frames with no encoding at all."""
    code = (
        "import sys\n"
        "from manim import tempconfig\n"
        "from mathreel.core.course import load_course\n"
        "from mathreel.narration.narrator import ReadingTime\n"
        "for slug in sys.argv[1:]:\n"
        "    entry = load_course().get(slug)\n"
        f"    with tempconfig({{'pixel_height': {height}, 'pixel_width': {height * 16 // 9}, "
        f"'frame_rate': {fps}, 'dry_run': True, 'verbosity': 'WARNING', 'progress_bar': 'none', "
        "'disable_caching': True}):\n"
        "        entry.load()(slug=entry.slug, narrator=ReadingTime()).render()\n"
    )
    return measure([PYTHON, "-c", code, *slugs])


def encode_only(video: Path, options: dict[str, str]) -> float:
    """CPU seconds to encode every frame of ``video`` again with ``options`` (decode excluded)."""

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    start = cpu()
    with av.open(str(video)) as source:
        for _ in source.decode(video=0):
            pass
    decode = cpu() - start
    start = cpu()
    with (
        tempfile.TemporaryDirectory() as tmp,
        av.open(str(video)) as source,
        av.open(str(Path(tmp) / "x.mp4"), "w") as target,
    ):
        stream_in = source.streams.video[0]
        stream = target.add_stream(
            "libx264", rate=stream_in.average_rate, options=dict(options)
        )
        stream.width, stream.height, stream.pix_fmt = (
            stream_in.width,
            stream_in.height,
            "yuv420p",
        )
        for frame in source.decode(stream_in):
            rgba = frame.to_ndarray(format="rgba")
            picture = av.VideoFrame.from_ndarray(rgba, format="rgba").reformat(
                format="yuv420p"
            )
            for packet in stream.encode(picture):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return cpu() - start - decode


def frames_of(video: Path) -> int:
    with av.open(str(video)) as container:
        return sum(1 for p in container.demux(video=0) if p.size)


def median_of(repeat: int, step: Callable[[], Any]) -> list[Any]:
    return [step() for _ in range(repeat)]


@dataclass
class Cold:
    """The cold-render measurements (NaN when that part was not run)."""

    manim: list[Run] = field(default_factory=list)
    mathreel: list[Run] = field(default_factory=list)
    speed: float = math.nan
    mean_ssim: float = math.nan
    size: float = math.nan
    utilisation: float = math.nan
    per_frame: float = math.nan
    floor: float = math.nan
    frames: int = 0
    draw: float = math.nan
    encode: float = math.nan
    median_run: Run = field(default_factory=lambda: Run(math.nan, math.nan))


def _cold(
    args: argparse.Namespace,
    slugs: list[str],
    quality: Any,
    folder: str,
    flags: dict[str, str],
    cores: int,
    work: Path,
) -> Cold:
    """The cold 1080p60 render against plain manim, its quality, size and floor."""
    cold = Cold()
    for k in range(args.repeat):
        media = work / f"manim{k}"
        cold.manim.append(plain_manim(slugs, flags[args.quality], media, {}))
        cold.mathreel.append(
            mathreel_render(slugs, work / f"mr{k}", "-q", args.quality)
        )
        print(
            f"  cold run {k + 1}: manim {cold.manim[-1].wall:.1f} s,"
            f" mathreel {cold.mathreel[-1].wall:.1f} s",
            flush=True,
        )
    last_m, last_p = (
        work / f"mr{args.repeat - 1}" / args.quality,
        work / f"manim{args.repeat - 1}",
    )
    pairs = []
    for slug in slugs:
        record = read_record(next(last_m.glob(f"*-{slug}.json")))
        pairs.append((manim_output(last_p, slug, folder), last_m / record.video))
    cold.mean_ssim = float(np.mean([sampled_ssim(a, b) for a, b in pairs]))
    cold.size = sum(b.stat().st_size for _, b in pairs) / sum(
        a.stat().st_size for a, _ in pairs
    )
    cold.speed = statistics.median(r.wall for r in cold.manim) / statistics.median(
        r.wall for r in cold.mathreel
    )
    median_run = sorted(cold.mathreel, key=lambda r: r.wall)[len(cold.mathreel) // 2]
    cold.median_run = median_run
    cold.utilisation = median_run.wall / (median_run.cpu / cores)
    cold.frames = sum(frames_of(b) for _, b in pairs)
    # 2. floor: drawing alone plus encoding alone, same frames and settings
    cold.draw = statistics.median(
        draw_only(slugs, quality.height, quality.fps).cpu for _ in range(args.repeat)
    )
    cold.encode = sum(
        encode_only(b, quality.encoder_options or {"crf": "23"}) for _, b in pairs
    )
    cold.floor = (cold.draw + cold.encode) / cold.frames
    cold.per_frame = median_run.cpu / cold.frames
    return cold


#: The one-beat edit of the edit loop: in derivatives' "name the derivative"
#: beat (late in the lesson), the label f'(x) is written f^{\prime}(x).
DEFAULT_EDIT = 'tex("f\'(x)", "="=>tex("f^{\\\\prime}(x)", "="'


@dataclass
class EditLoop:
    """One quality's edit loop: cold renders, and re-renders after the same edit."""

    quality: str
    mathreel_cold: Run
    mathreel_edit: Run
    manim_cold: Run
    manim_edit: Run
    reused: int
    drawn: int
    sound: bool

    @property
    def own(self) -> float:
        """mathreel's cold render over its re-render after the edit."""
        return self.mathreel_cold.wall / self.mathreel_edit.wall

    @property
    def versus_manim(self) -> float:
        """plain manim's cached re-render over mathreel's, after the same edit."""
        return self.manim_edit.wall / self.mathreel_edit.wall


def _project_copy(target: Path) -> Path:
    """A copy of the engine and the course to edit (the checkout stays untouched)."""
    for name in ("mathreel", "scenes"):
        shutil.copytree(
            ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(ROOT / "render.py", target / "render.py")
    return target


def edit_loop(slug: str, edit: str, quality: str, flag: str, work: Path) -> EditLoop:
    """The creator's loop on ``slug`` at ``quality``: mathreel against plain manim.

    Both edit the same copy of the lesson (``edit`` is ``OLD=>NEW`` in its
    source, which must hold OLD exactly once). mathreel renders with its
    default voice and workers; its TeX, voice lines and plans are warmed by a
    first, unmeasured render, then its cold render draws every step again
    (``--force``, segments cleared). manim renders the same scene with its own
    cache on, cold and then after the edit, with a warm TeX folder.
    """
    old, _, new = edit.partition("=>")
    project = _project_copy(work / "project")
    env = os.environ | {"MATHREEL_CACHE": str(work / "cache")}
    out = work / "out"
    render = [PYTHON, "-m", "render", "render", slug, "-q", quality, "--out", str(out)]
    source, cls = _lesson_file(slug)
    lesson = project / source.relative_to(ROOT)
    text = lesson.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise SystemExit(f"--edit: {old!r} is not in {lesson.name} exactly once")
    measure(render, env=env, cwd=project)  # warm: TeX, voice lines, plans
    manim = manim_command(flag, lesson, cls, work / "media")
    manim_cold = measure(manim, env=env, cwd=project)
    measure([*MATHREEL, "cache", "--clear", "--part", "segments"], env=env, cwd=project)
    mathreel_cold = measure([*render, "--force"], env=env, cwd=project)
    lesson.write_text(text.replace(old, new), encoding="utf-8")
    mathreel_edit = measure(render, env=env, cwd=project)
    manim_edit = measure(manim, env=env, cwd=project)
    record = read_record(next((out / quality).glob(f"*-{slug}.json")))
    reused, drawn = record.segments or (0, 0)
    video = out / quality / record.video
    sound = record.has_audio and abs(audio_seconds(video) - record.duration) < 0.5
    return EditLoop(
        quality,
        mathreel_cold,
        mathreel_edit,
        manim_cold,
        manim_edit,
        reused,
        drawn,
        sound,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--lessons",
        default="linear-transformations,derivatives",
        help="comma-separated 2-D lessons for the cold render (default: %(default)s)",
    )
    parser.add_argument(
        "--single",
        default="linear-transformations",
        help="the lesson for the overhead measurement (default: %(default)s)",
    )
    parser.add_argument(
        "--long",
        default="chain-rule",
        help="the long lesson for the split measurement (default: %(default)s, "
        "the course's longest)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement (median)"
    )
    parser.add_argument(
        "--quality",
        default="high",
        choices=["high", "medium", "low"],
        help="quality of the cold render (the targets are stated at high)",
    )
    parser.add_argument(
        "--single-quality", default="medium", choices=["high", "medium", "low"]
    )
    parser.add_argument(
        "--parts",
        default="cold,course,single,split,edit",
        help="which measurements to run, comma-separated from cold (the 1080p60 "
        "render, its quality, utilisation and CPU per frame), course (the "
        "no-change re-run), single (overhead), split and edit (the edit loop at "
        "720p30 and preview) (default: %(default)s)",
    )
    parser.add_argument(
        "--edit-lesson",
        default="derivatives",
        help="the lesson of the edit loop (default: %(default)s)",
    )
    parser.add_argument(
        "--edit",
        default=DEFAULT_EDIT,
        help="the edit, OLD=>NEW in the lesson's source (default: a label of "
        "derivatives' name-the-derivative beat)",
    )
    parser.add_argument(
        "--json", type=Path, help="also write the figures to this JSON file"
    )
    args = parser.parse_args(argv)
    from mathreel.core.quality import PRESETS

    slugs = args.lessons.split(",")
    flags = {"high": "-qh", "medium": "-qm", "low": "-ql"}
    quality, single_quality = PRESETS[args.quality], PRESETS[args.single_quality]
    folder = f"{quality.height}p{quality.fps}"
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="mathreel-bench-"))
    figures: dict[str, Any] = {
        "machine": f"{cores} cores",
        "date": time.strftime("%Y-%m-%d"),
    }
    try:
        print(
            f"bench: {args.repeat} runs each, {cores} cores, lessons {', '.join(slugs)}",
            flush=True,
        )
        parts = set(args.parts.split(","))
        unknown = parts - {"cold", "course", "single", "split", "edit"}
        if unknown:
            parser.error(f"unknown --parts {', '.join(sorted(unknown))}")
        nan = math.nan
        cold = (
            _cold(args, slugs, quality, folder, flags, cores, work)
            if "cold" in parts
            else Cold()
        )
        # 3. no-change re-run of the whole course vs its cold render (preview)
        course_out = work / "course"
        if "course" not in parts:
            cold_course, reruns = Run(nan, 0.0), [Run(nan, 0.0)]
        else:
            cold_course = measure(
                [*MATHREEL, "render", "--all", "--out", str(course_out)]
            )
            print(f"  course cold render: {cold_course.wall:.1f} s", flush=True)
            reruns = [
                measure([*MATHREEL, "render", "--all", "--out", str(course_out)])
                for _ in range(args.repeat)
            ]
        rerun = statistics.median(r.wall for r in reruns)
        # 4. one lesson: mathreel (1 worker) vs the bare manim CLI, same settings
        single_m, single_p, whole, split = [], [], [], []
        options = single_quality.encoder_options
        for k in range(args.repeat if "single" in parts else 0):
            single_p.append(
                plain_manim(
                    [args.single], flags[args.single_quality], work / f"one{k}", options
                )
            )
            single_m.append(
                mathreel_render(
                    [args.single],
                    work / f"onem{k}",
                    "-q",
                    args.single_quality,
                    "--jobs",
                    "1",
                    "--no-split",
                )
            )
            print(
                f"  single run {k + 1}: manim {single_p[-1].wall:.1f} s,"
                f" mathreel {single_m[-1].wall:.1f} s",
                flush=True,
            )
        # 5. one long lesson: unsplit on one worker vs split in two on two
        for k in range(args.repeat if "split" in parts else 0):
            whole.append(
                mathreel_render(
                    [args.long],
                    work / f"whole{k}",
                    "-q",
                    args.single_quality,
                    "--jobs",
                    "1",
                    "--no-split",
                )
            )
            split.append(
                mathreel_render(
                    [args.long],
                    work / f"split{k}",
                    "-q",
                    args.single_quality,
                    "--jobs",
                    "2",
                )
            )
            print(
                f"  split run {k + 1}: unsplit {whole[-1].wall:.1f} s,"
                f" split {split[-1].wall:.1f} s",
                flush=True,
            )
        # 6. the edit loop: a one-beat edit re-rendered, at 720p30 and preview
        loops = []
        for name, flag in (("medium", "-qm"), ("preview", "-ql")):
            if "edit" not in parts:
                break
            loop = edit_loop(
                args.edit_lesson, args.edit, name, flag, work / f"edit-{name}"
            )
            loops.append(loop)
            print(
                f"  edit loop at {name}: mathreel cold {loop.mathreel_cold.wall:.1f} s, "
                f"after the edit {loop.mathreel_edit.wall:.1f} s "
                f"({loop.reused} steps reused, {loop.drawn} drawn, sound "
                f"{'intact' if loop.sound else 'MISSING'}); manim cold "
                f"{loop.manim_cold.wall:.1f} s, after the edit {loop.manim_edit.wall:.1f} s",
                flush=True,
            )
        overhead = split_speed = nan
        if single_m:
            overhead = (
                statistics.median(r.wall for r in single_m)
                / statistics.median(r.wall for r in single_p)
                - 1
            )
        if split:
            split_speed = statistics.median(r.wall for r in whole) / statistics.median(
                r.wall for r in split
            )
        rows = [
            (
                "cold render vs plain manim (speed-up)",
                cold.speed,
                ">= 2.0",
                cold.speed >= 2.0,
            ),
            (
                "  mean SSIM vs manim's encode",
                cold.mean_ssim,
                ">= 0.98",
                cold.mean_ssim >= 0.98,
            ),
            ("  file size vs manim's encode", cold.size, "<= 1.15", cold.size <= 1.15),
            (
                "  wall / (CPU / cores)",
                cold.utilisation,
                "<= 1.15",
                cold.utilisation <= 1.15,
            ),
            (
                "CPU per frame vs floor",
                cold.per_frame / cold.floor,
                "<= 1.5",
                cold.per_frame / cold.floor <= 1.5,
            ),
            (
                "no-change re-run vs cold (speed-up)",
                cold_course.wall / rerun,
                ">= 100",
                cold_course.wall / rerun >= 100,
            ),
            ("  no-change re-run (s)", rerun, "< 2", rerun < 2),
            (
                "one lesson: overhead vs bare manim",
                overhead,
                "<= 0.05",
                overhead <= 0.05,
            ),
            (
                "split in 2 on 2 workers (speed-up)",
                split_speed,
                ">= 1.25",
                split_speed >= 1.25,
            ),
        ]
        for loop in loops:
            rows += [
                (
                    f"edit loop {loop.quality}: own cold / re-render",
                    loop.own,
                    ">= 4",
                    loop.own >= 4 and loop.sound,
                ),
                (
                    f"edit loop {loop.quality}: manim cached / mathreel",
                    loop.versus_manim,
                    ">= 2",
                    loop.versus_manim >= 2 and loop.sound,
                ),
            ]
        figures.update(
            edit_loops=[
                {
                    "quality": loop.quality,
                    "mathreel_cold_s": loop.mathreel_cold.wall,
                    "mathreel_edit_s": loop.mathreel_edit.wall,
                    "manim_cold_s": loop.manim_cold.wall,
                    "manim_edit_s": loop.manim_edit.wall,
                    "reused": loop.reused,
                    "drawn": loop.drawn,
                    "sound": loop.sound,
                }
                for loop in loops
            ]
        )
        figures.update(
            cold_manim_s=[r.wall for r in cold.manim],
            cold_mathreel_s=[r.wall for r in cold.mathreel],
            frames=cold.frames,
            draw_cpu_s=cold.draw,
            encode_cpu_s=cold.encode,
            mathreel_cpu_s=cold.median_run.cpu,
            course_cold_s=cold_course.wall,
            course_rerun_s=[r.wall for r in reruns],
            single_manim_s=[r.wall for r in single_p],
            single_mathreel_s=[r.wall for r in single_m],
            unsplit_s=[r.wall for r in whole],
            split_s=[r.wall for r in split],
        )
        rows = [row for row in rows if row[1] == row[1]]  # NaN: a part not run
        figures["results"] = {name: value for name, value, _, _ in rows}
        print(f"\n{'measure':<40} {'value':>9}  target   ok")
        for name, value, target, ok in rows:
            print(f"{name:<40} {value:>9.3f}  {target:<8} {'yes' if ok else 'NO'}")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
        return 0 if all(ok for *_, ok in rows) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
