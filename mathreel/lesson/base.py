"""The :class:`Lesson` base class: a manim ``Scene`` that speaks in beats.

A lesson's ``construct`` is its storyboard. Each narration line is a *beat*::

    with self.beat("Basis vectors land on the columns of the matrix."):
        self.play(plane.animate.apply_matrix(m))

Everything played inside the ``with`` belongs to that beat; when the block ends the
beat waits out the rest of its narration (the reading time of the text when
silent, the spoken audio otherwise) plus a short pause. Every ``play`` and
``wait`` is recorded on a frame-exact :class:`~mathreel.core.timeline.Timeline`, so the
plan, the captions and the narration all agree with the video to the frame.

What the planner cannot see is refused when the lesson is planned, and the
steps a split piece skips are replayed so that the piece draws exactly what the
unsplit render draws: see :mod:`mathreel.lesson.constructs`.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from manim import Mobject, Scene, Wait, config

from mathreel.core.errors import LessonError, ParamError, TexError
from mathreel.core.params import Args, Param, resolve
from mathreel.core.timeline import Beat, Plan, Timeline, wait_time_for_frames
from mathreel.lesson.constructs import UnsupportedConstruct, replays_frames, seeded_only
from mathreel.lesson.layout import backdrop, labels, layout_problems, screen_text
from mathreel.narration.narrator import Narrator, ReadingTime
from mathreel.patches import install as install_patches

__all__ = ["Lesson", "StopAfterBeat"]


class StopAfterBeat(Exception):
    """Raised to end ``construct`` once the beat a still was asked of is complete."""


class Lesson(Scene):
    """Base class of every lesson in the course.

    Class attributes
    ----------------
    params
        The lesson's parameters, ``{name: Param}``.

    Parameters
    ----------
    args
        Parameter values by name (already-typed values or parsed literals);
        missing ones take their defaults.
    narrator
        Times each beat's narration; silent reading time by default.
    check_layout
        At the end of every beat, check that nothing leaves the frame and no
        text overlaps text (problems are recorded on the beat and the plan), and
        record every text on screen in ``beat.shown``.
    slug
        The lesson's slug in the course, for messages and the plan.
    """

    params: ClassVar[Mapping[str, Param]] = {}

    def __init__(
        self,
        args: Mapping[str, Any] | None = None,
        *,
        narrator: Narrator | None = None,
        check_layout: bool = False,
        slug: str | None = None,
        **scene_kwargs: Any,
    ) -> None:
        install_patches()  # mathreel's changes to manim, before anything is drawn
        self.slug = slug or type(self).__name__
        self.args: Args = self.resolve_args(args or {}, lesson=self.slug)
        self.narrator: Narrator = narrator or ReadingTime()
        self.check_layout = check_layout
        self.timeline = Timeline(self.slug, float(config.frame_rate))
        #: Called with the number of frames finished, before each play is drawn.
        self.on_progress: Callable[[int], None] | None = None
        #: End construct (with StopAfterBeat) when this beat is complete.
        self.stop_after_beat: int | None = None
        #: ``time.perf_counter()`` as each step (play or wait) began.
        self.step_clock: list[float] = []
        # Settings that decide which frames a step writes; construct must not change them.
        self._frame_settings = _frame_settings()
        # The step now running is a skipped step replayed frame by frame (split pieces).
        self._replay = False
        self._replay_clock = 0.0
        #: Steps a split piece skipped, and how many of them it replayed.
        self.skipped_steps = 0
        self.replayed_steps = 0
        self._step_start_time = 0.0
        if config.seed is None:
            scene_kwargs.setdefault("random_seed", 0)  # same numbers in every run
        super().__init__(**scene_kwargs)
        #: Attributes manim and mathreel keep on the scene: a segment key
        #: (render/segments.py) skips them when an updater reads ``self``.
        #: ``args`` (the lesson's parameters) is the lesson's to read.
        self.engine_attributes = frozenset(vars(self)) - {"args"}

    # -- parameters ----------------------------------------------------------
    @classmethod
    def resolve_args(cls, given: Mapping[str, Any], *, lesson: str = "") -> Args:
        """Coerce and validate parameter values, then apply :meth:`check_args`."""
        name = lesson or cls.__name__
        args = resolve(cls.params, given, lesson=name)
        try:
            cls.check_args(args)
        except ParamError as error:
            if not error.message.startswith(f"{name}: "):
                error.args = (f"{name}: {error.message}",)
            raise
        return args

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Check rules that involve several parameters; raise ParamError.

        Override in a lesson whose parameters constrain each other.
        """

    # -- beats -------------------------------------------------------------------
    @contextlib.contextmanager
    def beat(
        self,
        text: str,
        *,
        say: str | None = None,
        chapter: str | None = None,
        key: bool = False,
    ) -> Iterator[Beat]:
        """One narration line; everything played inside belongs to it.

        Parameters
        ----------
        text
            What the narrator says, as the caption shows it.
        say
            The spoken form when it differs (formulas read as words:
            ``"A v equals lambda v"``).
        chapter
            Start a new chapter (a manim section) with this title at this beat.
        key
            This beat shows the lesson's key idea: its poster frame and preview
            come from it.
        """
        if self.timeline.current is not None:
            raise LessonError(
                f"{self.slug}: beat {text[:40]!r} opened inside another beat; "
                "beats cannot be nested"
            )
        if chapter:
            self.next_section(chapter)
        beat = self.timeline.begin_beat(text, say or text, chapter, key=key)
        beat.speech_seconds = self.narrator.seconds(text, say or text)
        beat.word_starts = self.narrator.word_starts(text, say or text)
        yield beat
        needed = self.timeline.frames_for(beat.speech_seconds + self.narrator.pause)
        missing = needed - (self.timeline.frame - beat.start_frame)
        if missing > 0:
            frozen = not self._has_time_based_updates()
            duration = wait_time_for_frames(missing, self.timeline.fps, frozen=frozen)
            self.wait(duration, frozen_frame=frozen)
        self.timeline.end_beat()
        if self.check_layout:
            beat.shown = screen_text(self.mobjects)
            # the Cairo camera's colour (the OpenGL one has none: config's)
            background = getattr(self.camera, "background_color", None)
            for problem in layout_problems(self.mobjects, background=background):
                beat.warnings.append(problem)
                self.timeline.warnings.append(f"beat {beat.index}: {problem}")
        if self.stop_after_beat == beat.index:
            raise StopAfterBeat(beat.index)

    def _has_time_based_updates(self) -> bool:
        # manim's own test for a static wait (Scene.should_update_mobjects),
        # asked before the wait so the padding lands on an exact frame.
        return bool(
            self.always_update_mobjects
            or self.updaters
            or any(
                m.has_time_based_updater() for m in self.get_mobject_family_members()
            )
        )

    def backdrop(self, *mobjects: Mobject) -> None:
        """Mark mobjects meant to extend past the frame (grids, long lines)."""
        backdrop(*mobjects)

    def labels(self, text: Mobject, *targets: Mobject) -> Mobject:
        """Mark ``text`` as the label of ``targets``: it may overlap them.

        See :func:`mathreel.lesson.layout.labels`; returns ``text``.
        """
        return labels(text, *targets)

    # -- what the planner cannot see ---------------------------------------------
    def _refuse(self, construct: str, instead: str) -> UnsupportedConstruct:
        return UnsupportedConstruct(self.slug, construct, instead)

    def render(self, preview: bool = False) -> bool:
        """Render (or plan) the lesson; unseeded random generators are refused."""
        with seeded_only(self.slug):
            try:
                rerun = bool(super().render(preview))
            except TexError as error:  # name the lesson whose formula failed
                if not error.message.startswith(f"{self.slug}: "):
                    error.args = (f"{self.slug}: {error.message}",)
                raise
        if self.skipped_steps:  # a split piece: say so in the lesson's log
            print(
                f"{self.slug}: skipped steps 0-{self.skipped_steps - 1} without "
                f"drawing; {self.replayed_steps} of them replayed frame by frame "
                "(updaters or path-dependent animations) so this piece starts "
                "exactly where the unsplit render is",
                flush=True,
            )
        return rerun

    @property
    def time(self) -> float:
        """Refused: a skipped step advances manim's clock differently from a drawn one."""
        raise self._refuse(
            "self.time (the scene clock)",
            "animate a ValueTracker with play(...) and read its value, or "
            "integrate an updater's dt",
        )

    def add_sound(self, *args: Any, **kwargs: Any) -> None:
        """Refused: the narration track is the lesson's only sound."""
        raise self._refuse(
            "add_sound",
            "narration comes from beats (with self.beat(...)); sound effects "
            "are not part of the plan",
        )

    def add_subcaption(self, *args: Any, **kwargs: Any) -> None:
        """Refused: captions come from beats."""
        raise self._refuse(
            "add_subcaption", "captions come from beats: with self.beat(text): ..."
        )

    def embed(self) -> None:
        """Refused: an interactive shell has no frames to plan."""
        raise self._refuse(
            "embed", "render the lesson, or check a moment with 'mathreel still'"
        )

    def interactive_embed(self) -> None:
        """Refused: an interactive shell has no frames to plan."""
        raise self._refuse(
            "interactive_embed",
            "render the lesson, or check a moment with 'mathreel still'",
        )

    def play(self, *args: Any, **kwargs: Any) -> None:
        """Play as manim does; a piece's skipped step leaves the clock where drawing would."""
        if kwargs.get("subcaption"):
            raise self._refuse(
                "play(subcaption=...)",
                "captions come from beats: with self.beat(text): ...",
            )
        if _frame_settings() != self._frame_settings:
            raise self._refuse(
                "changing config.frame_rate, from_animation_number or "
                "upto_animation_number in construct",
                "mathreel sets them (--fps, split pieces); leave them alone",
            )
        super().play(*args, **kwargs)
        if self._piece_skips():
            # manim adds the run time to a skipped step's clock; drawing adds one
            # 1/fps per frame written (all of a frozen wait's frames at once).
            step = self.timeline.steps[-1]
            dt = 1 / self.renderer.camera.frame_rate
            clock = self._step_start_time
            if self.animations is not None and self.is_current_animation_frozen_frame():
                clock += step.frames * dt
            else:
                for _ in range(step.frames):
                    clock += 1 * dt
            self.renderer.time = clock
        self._replay = False

    # -- split pieces: skipped steps end as drawn steps do ----------------------------
    def _piece_skips(self) -> bool:
        """Whether the step now running is one a split piece skips (not planning)."""
        return self.renderer.skip_animations and not self.skip_animations

    def get_time_progression(
        self,
        run_time: float,
        description: str,
        n_iterations: int | None = None,
        override_skip_animations: bool = False,
    ) -> Any:
        """manim's frame times; a replayed step gets every frame's time, as drawn."""
        return super().get_time_progression(
            run_time,
            description,
            n_iterations,
            override_skip_animations=override_skip_animations or self._replay,
        )

    def update_to_time(self, t: float) -> None:
        """Advance the animations; a replayed step keeps the clock a drawn one would."""
        if self._replay:
            self.renderer.time = self._replay_clock
            super().update_to_time(t)
            self._replay_clock += 1 * (1 / self.renderer.camera.frame_rate)
        else:
            super().update_to_time(t)

    def play_internal(self, skip_rendering: bool = False) -> None:
        """Run a step; a skipped one draws nothing, a replayed one ends as drawn."""
        skipping = self.renderer.skip_animations
        super().play_internal(skip_rendering=skip_rendering or skipping)
        if self._replay:
            self.renderer.time = self._replay_clock  # all frames "written"
            self.update_mobjects(0)  # what manim does after a drawn step

    # -- recording -----------------------------------------------------------------
    def next_section(self, name: str = "unnamed", *args: Any, **kwargs: Any) -> None:
        """Start a manim section and a chapter of the lesson.

        Raises
        ------
        UnsupportedConstruct
            For ``skip_animations=True``: the section's steps would write no frames.
        """
        if kwargs.get("skip_animations") or (len(args) > 1 and args[1]):
            raise self._refuse(
                "next_section(skip_animations=True)",
                "remove skip_animations (a re-render redraws only what changed; "
                "'mathreel still --beat N' shows one moment)",
            )
        self.timeline.add_chapter(name)
        super().next_section(name, *args, **kwargs)

    def compile_animation_data(self, *animations: Any, **play_kwargs: Any) -> Any:
        """Compile a play call as manim does, and record its frames on the timeline."""
        result = super().compile_animation_data(*animations, **play_kwargs)
        assert self.animations is not None
        wait = len(self.animations) == 1 and isinstance(self.animations[0], Wait)
        if wait and getattr(self.animations[0], "stop_condition", None) is not None:
            raise self._refuse(
                "wait_until/wait(stop_condition=...)",
                "its frame count is unknowable in advance; use a fixed wait",
            )
        self._step_start_time = self.renderer.time
        self._replay = self._piece_skips() and replays_frames(self, self.animations)
        self._replay_clock = self._step_start_time
        self.skipped_steps += self._piece_skips()
        self.replayed_steps += self._replay
        description = (
            "wait" if wait else ", ".join(type(a).__name__ for a in self.animations)
        )
        step = self.timeline.record(
            description, self.duration, frozen=result is None, wait=wait
        )
        self.step_clock.append(time.perf_counter())
        if self.on_progress is not None:
            self.on_progress(step.start_frame)
        return result

    def reuse_segment(self, *, restored: bool = False) -> None:
        """The renderer reuses this step's cached segment: end it as drawn, drawing nothing.

        Called after :meth:`compile_animation_data`. With ``restored`` the
        step's saved end state is already in place and nothing runs;
        otherwise the step is skipped as a split piece skips a step, replayed
        frame by frame when updaters or path-dependent animations make its end
        state depend on that.
        """
        assert self.animations is not None
        self._replay = not restored and replays_frames(self, self.animations)
        self._replay_clock = self._step_start_time

    def plan(self) -> Plan:
        """The timeline recorded so far (all of it, after ``render``)."""
        return self.timeline.plan()

    def step_seconds(self, ended: float) -> list[float]:
        """Seconds each step took to draw and encode, given when rendering ``ended``.

        A step runs from its own start to the next one's, so what construct does
        between two plays counts towards the first.
        """
        marks = [*self.step_clock, ended]
        return [round(b - a, 4) for a, b in itertools.pairwise(marks)]


def _frame_settings() -> tuple[float, float, float]:
    return (
        float(config.frame_rate),
        float(config.from_animation_number),
        float(config.upto_animation_number),  # infinite when unset
    )
