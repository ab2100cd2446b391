"""The segment cache is never stale: an edited lesson re-rendered from cached
segments has exactly the frames of the same lesson rendered from scratch.

Scratch lessons are generated as Python source from a short script of steps
(shapes fading in, moves, colour changes, waits, a time-based updater, an
updater with a counter in its closure, one drawing from NumPy's global random
generator, one reading an attribute of the scene). A random edit changes the
source as a creator would: a beat's text, a colour, a run time, the lesson's
parameter, a constant inside an updater, the random seed, or a step inserted
or removed. The original is rendered first (filling the cache), then the
edited lesson with the cache and with ``--force``; the decoded frames (lossless
RGB, as the GIF format renders them) must be identical.
"""

from __future__ import annotations

import importlib
import itertools
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathreel.core.course import Entry
from mathreel.core.quality import Quality
from mathreel.narration.voice import parse_voice
from mathreel.render.options import RenderOptions
from mathreel.render.segments import (
    SegmentStats,
    SegmentStore,
    Unkeyable,
    size_bound,
)

QUALITY = Quality("tiny", 96, 54, 5)
COLOURS = ("RED", "BLUE", "GREEN", "YELLOW", "PURPLE")
_names = itertools.count()


@dataclass(frozen=True)
class Step:
    """One step of a scratch lesson: ``kind`` and the values its source uses."""

    kind: str  # shape, move, colour, wait, spin, counter, jitter, follow
    text: str = "A step."
    colour: str = "RED"
    run_time: float = 1.0
    value: float = 1.0


def _step_source(n: int, step: Step) -> list[str]:
    beat = f"with self.beat({step.text!r}):"
    body: list[str]
    if step.kind == "shape":
        body = [
            f"s{n} = Square(side_length=0.6 * self.args.scale, color={step.colour})",
            f"s{n}.shift(RIGHT * {step.value:.2f} + UP * {n % 3 - 1})",
            f"self.play(FadeIn(s{n}), run_time={step.run_time})",
        ]
    elif step.kind == "move":
        body = [
            f"self.play(dot.animate.shift(RIGHT * {step.value:.2f}), run_time={step.run_time})"
        ]
    elif step.kind == "colour":
        body = [
            f"self.play(dot.animate.set_color({step.colour}), run_time={step.run_time})"
        ]
    elif step.kind == "wait":
        body = [f"self.wait({step.run_time})"]
    elif step.kind == "spin":  # a time-based updater, across the following steps
        body = [
            f"arm.add_updater(lambda m, dt: m.rotate({step.value:.2f} * dt, about_point=ORIGIN))",
            f"self.wait({step.run_time})",
        ]
    elif step.kind == "counter":  # state in a closure, changed every frame
        body = [
            f"count{n} = {{'n': 0}}",
            f"def bump{n}(m):",
            f"    count{n}['n'] += 1",
            f"    m.set_x(-3 + {step.value:.2f} * (count{n}['n'] % 7) / 7)",
            f"bar.add_updater(bump{n})",
            f"self.wait({step.run_time})",
        ]
    elif step.kind == "jitter":  # NumPy's global generator, drawn every frame
        body = [
            "spark.add_updater(lambda m: m.move_to([np.random.uniform(-2, 2), -1.5, 0]))",
            f"self.play(spark.animate.set_color({step.colour}), run_time={step.run_time})",
        ]
    elif step.kind == "follow":  # an updater reading the scene's own attribute
        body = [
            f"self.height_of_ring = {step.value:.2f}",
            "ring.add_updater(lambda m: m.set_y(self.height_of_ring))",
            f"self.wait({step.run_time})",
        ]
    else:  # pragma: no cover - the strategy draws only the kinds above
        raise AssertionError(step.kind)
    return [beat, *(f"    {line}" for line in body)]


def lesson_source(steps: tuple[Step, ...], seed: int) -> str:
    lines = [
        "import numpy as np",
        "from manim import *",
        "from mathreel.core.params import Float",
        "from mathreel.lesson import Lesson",
        "",
        "class Scratch(Lesson):",
        '    params = {"scale": Float(1.0, lo=0.5, hi=2.0, help="square size")}',
        "",
        "    def construct(self):",
        f"        np.random.seed({seed})",
        "        self.height_of_ring = 0.0",
        "        dot = Dot(color=WHITE).shift(LEFT * 2)",
        "        arm = Line(ORIGIN, RIGHT * 1.5, color=ORANGE)",
        "        bar = Rectangle(width=0.3, height=0.2, color=TEAL).shift(DOWN * 2.5)",
        "        spark = Dot(color=PINK)",
        "        ring = Circle(radius=0.3, color=GOLD).shift(RIGHT * 3)",
        "        self.add(dot, arm, bar, spark, ring)",
        "        self.play(FadeIn(Square(side_length=0.4).shift(UP * 2)), run_time=0.4)",
    ]
    for n, step in enumerate(steps):
        lines += [f"        {line}" for line in _step_source(n, step)]
    return "\n".join(lines) + "\n"


def write_lesson(root: Path, source: str) -> Entry:
    """The lesson module ``root/content/lessons/<name>.py`` (written again when
    edited, as a creator saves a file) and its registry entry.

    Every ``root`` gets a module name of its own; an edit keeps the name, and
    the next render imports the new source.
    """
    folder = root / "content" / "lessons"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"segment_scratch_{abs(hash(str(root)))}"
    (folder / f"{name}.py").write_text(source)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    sys.modules.pop(name, None)
    importlib.invalidate_caches()
    return Entry(1, "scratch", "Scratch", "calculus", "", f"{name}:Scratch")


def render_frames(
    entry: Entry, given: dict[str, float], work: Path, *, reuse: bool
) -> tuple[np.ndarray, SegmentStats]:
    """The lesson's decoded RGB frames, rendered with or without cached segments."""
    from mathreel.narration.narrator import narrator_for
    from mathreel.render.worker import _render_video, resolved

    options = RenderOptions(
        QUALITY, voice=parse_voice("none"), format="gif", reuse_segments=reuse
    )
    work.mkdir(parents=True)
    args = resolved(entry, given)
    movie, _, stats = _render_video(
        entry, args, options, work, narrator_for(options.voice)
    )
    with av.open(str(movie)) as container:
        frames = np.stack(
            [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
        )
    return frames, stats


KINDS = ("shape", "move", "colour", "wait", "spin", "counter", "jitter", "follow")

steps_ = st.builds(
    Step,
    kind=st.sampled_from(KINDS),
    text=st.sampled_from(
        ["A step.", "Look here.", "And now, something longer to read."]
    ),
    colour=st.sampled_from(COLOURS),
    run_time=st.sampled_from([0.4, 0.6, 1.0]),
    value=st.sampled_from([0.5, 1.0, 1.5]),
)


@st.composite
def edits(
    draw: st.DrawFn,
) -> tuple[tuple[Step, ...], tuple[Step, ...], int, int, float]:
    """An original script and an edited one (seeds and scale too)."""
    steps = tuple(draw(st.lists(steps_, min_size=2, max_size=5)))
    seed = draw(st.integers(0, 3))
    scale = 1.0
    edited, new_seed, new_scale = list(steps), seed, scale
    what = draw(
        st.sampled_from(
            ["text", "colour", "run_time", "value", "insert", "remove", "seed", "scale"]
        )
    )
    at = draw(st.integers(0, len(steps) - 1))
    if what == "seed" and not any(s.kind == "jitter" for s in steps):
        steps = (*steps, Step("jitter"))  # a seed only shows where numbers are drawn
        edited = list(steps)
    if what == "insert":
        edited.insert(at, draw(steps_))
    elif what == "remove":
        del edited[at]
    elif what == "seed":
        new_seed = seed + 1
    elif what == "scale":
        new_scale = 1.5
    else:
        field = {
            "text": "text",
            "colour": "colour",
            "run_time": "run_time",
            "value": "value",
        }[what]
        options = {
            "text": ["A step.", "Look here.", "And now, something longer to read."],
            "colour": list(COLOURS),
            "run_time": [0.4, 0.6, 1.0],
            "value": [0.5, 1.0, 1.5],
        }[field]
        edited[at] = replace(edited[at], **{field: draw(st.sampled_from(options))})
    return steps, tuple(edited), seed, new_seed, new_scale


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))
    # an edit saved within the same second as the original must not run the
    # original's bytecode
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    return tmp_path


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=edits())
def test_an_edited_lesson_from_cached_segments_equals_a_render_from_scratch(
    private_cache, case
):
    steps, edited, seed, new_seed, scale = case
    root = private_cache / f"case{next(_names)}"
    original = write_lesson(root, lesson_source(steps, seed))
    render_frames(original, {}, root / "first", reuse=True)  # fills the cache
    changed = write_lesson(root, lesson_source(edited, new_seed))
    given_ = {"scale": scale} if scale != 1.0 else {}
    incremental, stats = render_frames(changed, given_, root / "again", reuse=True)
    scratch, forced = render_frames(changed, given_, root / "forced", reuse=False)
    assert forced.reused == 0
    assert incremental.shape == scratch.shape
    differs = [
        i for i in range(len(scratch)) if not np.array_equal(incremental[i], scratch[i])
    ]
    assert not differs, f"stale frames {differs[:10]} after {stats.summary()}"
    # every reused step ended by restoring its saved end state, none by replay
    assert stats.restored == stats.reused and not stats.unsaved, stats.summary()


@pytest.mark.parametrize(
    ("kind", "edit"),
    [
        ("jitter", "seed"),  # NumPy's global generator, drawn in an updater
        ("follow", "value"),  # an attribute of the scene, read by an updater
        ("spin", "value"),  # a constant inside a time-based updater's code
        ("counter", "value"),  # a constant beside a counter kept in a closure
        ("move", "run_time"),
    ],
)
def test_state_only_an_updater_sees_is_part_of_the_key(private_cache, kind, edit):
    steps = (Step("shape"), Step(kind, value=1.0), Step("wait"), Step("colour"))
    edited = list(steps)
    seed = 0
    if edit == "seed":
        seed = 1
    else:
        edited[1] = replace(steps[1], **{edit: 0.5 if edit == "value" else 0.6})
    first = write_lesson(private_cache, lesson_source(steps, 0))
    before, _ = render_frames(first, {}, private_cache / "a", reuse=True)
    second = write_lesson(private_cache, lesson_source(tuple(edited), seed))
    incremental, stats = render_frames(second, {}, private_cache / "b", reuse=True)
    scratch, _ = render_frames(second, {}, private_cache / "c", reuse=False)
    if edit != "seed":  # a new seed changes the generator's state from the start
        assert stats.reused >= 1  # the steps before the edit
    if before.shape == scratch.shape:
        assert not np.array_equal(before, scratch)  # the edit shows
    assert incremental.shape == scratch.shape
    assert np.array_equal(incremental, scratch), stats.summary()


def test_an_edit_to_the_last_step_reuses_the_steps_before_it(private_cache):
    steps = (
        Step("shape", colour="BLUE"),
        Step("spin", value=1.0),
        Step("counter"),
        Step("jitter"),
        Step("follow", value=1.5),
        Step("colour", colour="GREEN"),
    )
    first = write_lesson(private_cache, lesson_source(steps, 0))
    _, cold = render_frames(first, {}, private_cache / "a", reuse=True)
    assert cold.reused == 0 and cold.drawn > len(steps)  # beats end in waits too
    _, warm = render_frames(first, {}, private_cache / "b", reuse=True)
    assert (warm.reused, warm.drawn) == (cold.drawn, 0)
    edited = (*steps[:-1], Step("colour", colour="RED"))
    second = write_lesson(private_cache, lesson_source(edited, 0))
    _, stats = render_frames(second, {}, private_cache / "c", reuse=True)
    # the new colour's play and the wait after it, showing the new colour
    assert (stats.reused, stats.drawn) == (cold.drawn - 2, 2)
    assert stats.restored == stats.reused


def test_segments_drawn_by_a_pool_worker_serve_a_lone_render(
    private_cache, monkeypatch
):
    """A course render's workers encode with a share of the cores; a re-render
    of one lesson, with all of them, must still find their segments."""
    from mathreel.media.encoding import THREADS_ENV

    entry = write_lesson(private_cache, lesson_source((Step("shape"),), 0))
    monkeypatch.setenv(THREADS_ENV, "1")
    one, cold = render_frames(entry, {}, private_cache / "a", reuse=True)
    monkeypatch.setenv(THREADS_ENV, "2")
    two, warm = render_frames(entry, {}, private_cache / "b", reuse=True)
    assert (warm.reused, warm.drawn) == (cold.drawn, 0)
    assert np.array_equal(one, two)


def test_a_narration_only_edit_draws_nothing_when_the_timing_holds(private_cache):
    from mathreel.narration.narrator import narrator_for
    from mathreel.render.worker import _render_video, resolved

    lines = [
        "from manim import *",
        "from mathreel.lesson import Lesson",
        "class Scratch(Lesson):",
        "    def construct(self):",
        "        with self.beat('A square.', say=SAY):",
        "            self.play(FadeIn(Square()), run_time=1)",
        "            self.wait(2)",
    ]
    options = RenderOptions(QUALITY, voice=parse_voice("none"))
    for n, say in enumerate(["A square appears.", "Here comes a square."]):
        entry = write_lesson(private_cache, "\n".join(lines).replace("SAY", repr(say)))
        work = private_cache / f"w{n}"
        work.mkdir()
        _, _, stats = _render_video(
            entry, resolved(entry, {}), options, work, narrator_for(options.voice)
        )
    assert (stats.reused, stats.drawn) == (2, 0)


def test_a_step_reading_an_unwalkable_object_is_drawn_and_says_why(private_cache):
    source = "\n".join(
        [
            "import threading",
            "from manim import *",
            "from mathreel.lesson import Lesson",
            "LOCK = threading.Lock()",
            "class Scratch(Lesson):",
            "    def construct(self):",
            "        dot = Dot()",
            "        dot.add_updater(lambda m: LOCK.locked() or m)",
            "        self.add(dot)",
            "        with self.beat('A dot.'):",
            "            self.wait(1)",
        ]
    )
    entry = write_lesson(private_cache, source)
    render_frames(entry, {}, private_cache / "a", reuse=True)
    _, second = render_frames(entry, {}, private_cache / "b", reuse=True)
    assert second.reused == 0 and second.drawn == 2  # the beat's step and its wait
    assert second.summary().endswith(
        "(not cacheable: 2 because the step reads a lock object)"
    )


UNSAVEABLE = {
    # a new lambda on the mobject every frame: it cannot be pickled
    "lambda": [
        "        dot.tag = None",
        "        def tag(m, dt):",
        "            m.shift(RIGHT * dt)",
        "            m.tag = lambda: m.get_x()",
    ],
    # an array inside a tuple changed in place: it cannot be written back
    "tuple": [
        "        dot.trail = (np.zeros(3),)",
        "        def tag(m, dt):",
        "            m.trail[0][0] += dt",
        "            m.move_to(m.trail[0])",
    ],
}


@pytest.mark.parametrize("kind", sorted(UNSAVEABLE))
def test_a_step_whose_end_state_cannot_be_saved_is_replayed(private_cache, kind):
    """The step's end state cannot be saved, so a reused step runs (without
    drawing) instead of being restored, and ends where a drawn one does."""
    source = "\n".join(
        [
            "from manim import *",
            "from mathreel.lesson import Lesson",
            "class Scratch(Lesson):",
            "    def construct(self):",
            "        dot = Dot()",
            *UNSAVEABLE[kind],
            "        dot.add_updater(tag)",
            "        self.add(dot)",
            "        with self.beat('A dot runs.'):",
            "            self.play(dot.animate.set_color(RED), run_time=1)",
            "        with self.beat('And a square.'):",
            "            self.play(FadeIn(Square().next_to(dot, UP)), run_time=1)",
        ]
    )
    entry = write_lesson(private_cache, source)
    _, cold = render_frames(entry, {}, private_cache / "a", reuse=True)
    assert cold.unsaved and "end state not saved" in cold.summary()
    again, warm = render_frames(entry, {}, private_cache / "b", reuse=True)
    scratch, _ = render_frames(entry, {}, private_cache / "c", reuse=False)
    assert warm.reused == cold.drawn and warm.restored < warm.reused
    assert "reused by replaying them" in warm.summary()
    assert np.array_equal(again, scratch)


def test_what_a_label_labels_is_not_keyed_by_memory_address():
    """``labels`` keeps the ids of the mobjects a text labels: addresses that
    differ between a render and a re-render that restored the step."""
    from manim import Dot, Text

    from mathreel.lesson.layout import labels
    from mathreel.render.segments import _Hasher

    walks = []
    for _ in range(2):
        keep = [Dot() for _ in range(50)]  # other objects at other addresses
        walks.append(_Hasher(object()))
        walks[-1].feed(labels(Text("a point"), keep[-1]))
    assert walks[0].out == walks[1].out


def test_a_compiled_pattern_is_keyed_by_its_text():
    """backpropagation's updaters reach a compiled regular expression: it is a
    value (its text and flags), so those steps are cached like the rest."""
    import re

    from mathreel.render.segments import _Hasher

    walks = []
    for text in ("a+b", "a+b", "a*b"):
        hasher = _Hasher(object())
        hasher.feed({"pattern": re.compile(text)})
        walks.append(hasher.out)
    assert walks[0] == walks[1] != walks[2]


def test_manim_config_is_keyed_by_its_settings_not_the_render_folder(tmp_path):
    """An updater reading ``config.frame_width`` reaches manim's settings, which
    name the render's own work folder and are reordered by ``tempconfig``."""
    from manim import config, tempconfig

    from mathreel.render.segments import _Hasher

    def walk(**settings):
        with tempconfig(settings):
            hasher = _Hasher(object())
            hasher.feed({"config": config})
            return hasher.out

    assert walk(media_dir=str(tmp_path / "a")) == walk(media_dir=str(tmp_path / "b"))
    assert walk(frame_rate=15) != walk(frame_rate=30)


def test_the_hasher_refuses_what_it_cannot_walk():
    from mathreel.render.segments import _Hasher

    with pytest.raises(Unkeyable, match="memoryview"):
        _Hasher(scene=None).feed([1, {"a": memoryview(b"x")}])


def test_the_store_publishes_atomically_and_evicts_least_recently_used(tmp_path):
    import os

    store = SegmentStore(tmp_path / "segments")
    for n in range(4):
        source = tmp_path / f"s{n}.mp4"
        source.write_bytes(b"x" * 1000)
        store.publish(f"{n:02d}" + "a" * 62, source)
        os.utime(store._path(f"{n:02d}" + "a" * 62, ".mp4"), (n, n))
    assert store.size() == 4000
    assert store.fetch("01" + "a" * 62, tmp_path / "work" / "k.mp4")  # now most recent
    assert store.evict(2500) == 2
    left = sorted(p.name[:2] for p in store.files())
    assert left == ["01", "03"]
    assert not store.fetch("00" + "a" * 62, tmp_path / "work" / "gone.mp4")
    assert (tmp_path / "work" / "k.mp4").read_bytes() == b"x" * 1000
    assert store.clear() == 2 and store.size() == 0


def test_the_size_bound_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("MATHREEL_SEGMENT_CACHE_MB", "12.5")
    assert size_bound() == 12_500_000
    monkeypatch.setenv("MATHREEL_SEGMENT_CACHE_MB", "lots")
    with pytest.raises(
        ValueError, match="MATHREEL_SEGMENT_CACHE_MB='lots' is not a size"
    ):
        size_bound()


def test_a_full_disk_costs_the_cache_not_the_render(private_cache, monkeypatch, capsys):
    import errno

    def full(self, key, source):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentStore, "publish", full)
    entry = write_lesson(private_cache, lesson_source((Step("shape"),), 0))
    frames, stats = render_frames(entry, {}, private_cache / "a", reuse=True)
    assert len(frames) > 0 and stats.drawn > 0
    assert "scratch: segments not cached ([Errno 28] No space left on device)" in (
        capsys.readouterr().out
    )


def test_a_disk_full_while_publishing_is_told_and_the_render_kept(
    private_cache, monkeypatch, capsys
):
    """The store writes through ``atomic_path``, whose ENOSPC is a MathreelError."""
    import errno
    import os
    import shutil

    link, copy = os.link, shutil.copyfile

    def full(real):
        def write(source, target):
            if str(target).endswith(".part"):  # the store's temporary name only
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(source, target)

        return write

    monkeypatch.setattr(os, "link", full(link))
    monkeypatch.setattr(shutil, "copyfile", full(copy))
    entry = write_lesson(private_cache, lesson_source((Step("shape"),), 0))
    frames, stats = render_frames(entry, {}, private_cache / "a", reuse=True)
    assert len(frames) > 0 and stats.drawn > 0
    assert "scratch: segments not cached (disk full while writing " in (
        capsys.readouterr().out
    )
    assert SegmentStore().files() == []  # no half segment left behind


def test_the_narration_track_is_mixed_once_per_timing(private_cache, monkeypatch):
    """A drawing edit keeps the beats' timing: the encoded narration is reused."""
    from mathreel.core.timeline import Beat, Plan
    from mathreel.narration.narrator import narrator_for
    from mathreel.render import worker

    narrator = narrator_for(parse_voice("flite"))
    beats = [Beat(0, "One.", "One.", 0, 30), Beat(1, "Two.", "Two.", 30, 45)]
    clips = [narrator.clip(b.say) for b in beats]
    plan = Plan("demo", 15, 75, beats, [], [])
    (private_cache / "a").mkdir()
    first = worker.narration_audio(plan, clips, "mp4", private_cache / "a")
    mixed = []
    monkeypatch.setattr(
        worker, "narration_track", lambda *a: mixed.append(a) or np.zeros(1)
    )
    (private_cache / "b").mkdir()
    again = worker.narration_audio(plan, clips, "mp4", private_cache / "b")
    assert not mixed and again.read_bytes() == first.read_bytes()
    later = Plan("demo", 15, 80, [beats[0], replace(beats[1], start_frame=35)], [], [])
    (private_cache / "c").mkdir()
    worker.narration_audio(later, clips, "mp4", private_cache / "c")
    assert len(mixed) == 1  # a beat that moved: mixed again
