"""manim's Cairo renderer, reusing cached segments (:mod:`mathreel.render.segments`).

:class:`SegmentRenderer` is manim's :class:`~manim.renderer.cairo_renderer.CairoRenderer`
with one change in ``play``: after the step's animations are compiled, the step
is keyed by its content. A step whose segment is cached is not run: its saved
end state is written into the scene (:mod:`mathreel.render.state`), or, when
none could be saved, it is skipped as a split render skips the steps of other
pieces; its segment takes its place. A drawn step saves its end state. Everything
else (frames, encoder, joining) is manim's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from manim import logger
from manim.renderer.cairo_renderer import CairoRenderer

from mathreel.render.segments import (
    SegmentStats,
    SegmentStore,
    StepKey,
    Unkeyable,
    key_step,
)
from mathreel.render.state import StateCapture, StateError, restore_state

__all__ = ["SegmentRenderer"]


class SegmentRenderer(CairoRenderer):
    """A Cairo renderer that draws only the steps missing from the segment cache.

    Parameters
    ----------
    store
        The segment cache.
    salt
        Everything outside the scene that changes frames (engine sources,
        manim's version), mixed into every key.
    reuse
        ``False`` (``--force``): draw every step, still publishing the segments.
    """

    def __init__(
        self, store: SegmentStore, salt: str, *, reuse: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.salt = salt
        self.reuse = reuse
        self.stats = SegmentStats()
        #: Keys of the steps drawn in this render, to publish when it succeeds.
        self.drawn_keys: list[str] = []
        #: The end states of the steps drawn, by key, to publish with them.
        self.states: dict[str, bytes] = {}

    def play(self, scene: Any, *args: Any, **kwargs: Any) -> None:
        """manim's ``play``, keyed by mathreel's segment key instead of manim's hash."""
        self.skip_animations = self._original_skipping_status
        self.update_skipping_status()
        scene.compile_animation_data(*args, **kwargs)

        key: str | None
        step: StepKey | None = None
        restored = False
        if self.skip_animations:
            key = None  # outside this render's steps (a split piece)
            self.time += scene.duration
        else:
            try:
                step = key_step(scene, self.camera, self.salt)
            except Unkeyable as reason:
                key = f"uncached_{self.num_plays:05}"
                self.stats.unkeyed[str(reason)] += 1
                self.stats.drawn += 1
                logger.info("step %d is drawn every time: %s", self.num_plays, reason)
            else:
                key = step.key
                writer = self.file_writer
                target = Path(writer.output_plan.segment_path(key))
                if writer.is_already_cached(key) or (
                    self.reuse and self.store.fetch(key, target)
                ):
                    self.stats.reused += 1
                    self.skip_animations = True
                    self.time += scene.duration
                    restored = self._restore(scene, step)
                    scene.reuse_segment(restored=restored)
                else:
                    self.stats.drawn += 1
                    self.drawn_keys.append(key)
        self.file_writer.add_partial_movie_file(key)
        self.animations_hashes.append(key)

        self.file_writer.begin_animation(
            not self.skip_animations, animation_index=self.num_plays
        )
        if restored:  # the end state is in place: nothing to run
            self.static_image = None
            self.file_writer.end_animation(False)
            self.num_plays += 1
            return
        capture = None
        if step is not None and not self.skip_animations:
            capture = StateCapture(scene, step.objects, step.digests, self.camera)
        scene.begin_animations()
        frozen = scene.is_current_animation_frozen_frame()
        if self.skip_animations:
            # a skipped step draws nothing: manim would still draw its static
            # picture (and a frozen frame) only to throw them away
            if not frozen:
                scene.play_internal()
        else:
            self.save_static_frame_data(scene, scene.static_mobjects)
            if frozen:
                self.update_frame(scene, mobjects=scene.moving_mobjects)
                self.freeze_current_frame(scene.duration)
            else:
                scene.play_internal()
        self.file_writer.end_animation(not self.skip_animations)
        self.num_plays += 1
        if capture is not None and key is not None:
            try:
                self.states[key] = capture.capture()
            except StateError as reason:
                self.stats.unsaved[str(reason)] += 1

    def _restore(self, scene: Any, step: StepKey) -> bool:
        """Put the reused step's saved end state in place; ``False``: replay it."""
        blob = self.states.get(step.key)  # drawn earlier in this render
        if blob is None and self.reuse:
            blob = self.store.fetch_state(step.key)
        if blob is None:
            return False
        try:
            restore_state(blob, scene, step.objects, self.camera)
        except StateError as reason:
            logger.info("step %d is replayed: %s", self.num_plays, reason)
            return False
        self.stats.restored += 1
        return True

    def publish(self) -> None:
        """Put the segments drawn by this (finished) render into the cache."""
        for key in dict.fromkeys(self.drawn_keys):
            path = Path(self.file_writer.output_plan.segment_path(key))
            if path.exists():
                self.store.publish(key, path)
                if key in self.states:
                    self.store.publish_state(key, self.states[key])
