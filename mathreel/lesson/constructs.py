"""What a lesson may use of manim, so that the plan and split pieces are exact.

mathreel plans a lesson by running ``construct`` with every animation skipped,
and renders a long lesson as pieces: each piece runs ``construct`` from the
start, skips the steps before its range and draws the rest. Both promises (the
plan has the video's frames; the joined pieces are the unsplit video) hold only
for what the planner can see. This module holds the two halves of that contract.

**Refused at plan time** (:class:`UnsupportedConstruct`, one line naming the
construct and what to do instead), because they change frames, sound or
captions in a way the plan cannot know, or make two runs of ``construct`` differ:

* ``next_section(..., skip_animations=True)``: its steps write no frames;
* ``wait_until`` and ``wait(stop_condition=...)``: the length is unknowable;
* ``add_sound``: sound outside the plan (and lost in a split piece's skipped steps);
* ``add_subcaption`` and ``play(subcaption=...)``: captions come from beats;
* ``embed`` and ``interactive_embed``: interactive, no frames to plan;
* ``self.time`` (``Scene.time``): skipped steps advance it differently;
* changing ``config.frame_rate``, ``from_animation_number`` or
  ``upto_animation_number`` inside ``construct``;
* ``numpy.random.default_rng()``, ``numpy.random.seed()`` or ``random.seed()``
  without a seed: every run would draw other numbers.

**Modelled exactly**: a piece's skipped steps are *replayed* (see
:func:`replays_frames`): a step that has updaters, scene updaters or an
animation whose state may depend on its path runs the same per-frame time
progression as a drawn step (updaters get the same ``dt`` sequence, the final
``update_mobjects(0)`` runs), without drawing or encoding a frame; and the
renderer's clock advances frame by frame as if the frames had been written. The
global ``random`` and ``numpy.random`` generators are seeded (0) when the scene
is created, so calls from ``construct`` and updaters draw the same numbers in the
plan, the whole render and every piece.
"""

from __future__ import annotations

import contextlib
import random
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from manim.animation.speedmodifier import ChangeSpeed
from manim.animation.updaters.update import MaintainPositionRelativeTo, UpdateFromFunc

from mathreel.core.errors import LessonError

__all__ = ["UnsupportedConstruct", "has_updaters", "replays_frames", "seeded_only"]

# Animations that call lesson code every frame (their state may depend on the
# path, not only on the final alpha), or change the dt their updaters see.
_CALLBACK_ANIMATIONS = (UpdateFromFunc, MaintainPositionRelativeTo, ChangeSpeed)


class UnsupportedConstruct(LessonError):
    """A manim feature the planner cannot model, refused before any frame is drawn.

    Parameters
    ----------
    lesson
        The lesson's slug.
    construct
        The feature as the lesson wrote it, e.g. ``"next_section(skip_animations=True)"``.
    instead
        What to write instead.
    """

    def __init__(self, lesson: str, construct: str, instead: str) -> None:
        self.lesson = lesson
        self.construct = construct
        super().__init__(
            f"{lesson}: {construct} is not supported by mathreel's planner: {instead}"
        )


def _path_independent(animation: Any) -> bool:
    """True for manim's own animations whose state is a function of alpha alone."""
    if isinstance(animation, _CALLBACK_ANIMATIONS):
        return False
    if not type(animation).__module__.startswith("manim."):
        return False  # a lesson's own animation: interpolate may keep state
    children = getattr(animation, "animations", None) or []
    return all(_path_independent(child) for child in children)


def has_updaters(scene: Any) -> bool:
    """Whether anything in ``scene`` is updated while a step runs.

    Scene updaters, ``always_update_mobjects`` or any updater (time-based or
    not) on a mobject of the scene.
    """
    return bool(
        scene.updaters
        or scene.always_update_mobjects
        or any(m.updaters for m in scene.get_mobject_family_members())
    )


def replays_frames(scene: Any, animations: Iterable[Any]) -> bool:
    """Whether a skipped step must be replayed frame by frame to end as drawn.

    manim skips a step by jumping to its end: updaters get one ``dt`` of the
    whole run time instead of one per frame, and the final ``update_mobjects(0)``
    is left out; an updater that integrates ``dt``, keeps a counter, draws random
    numbers or follows another updated mobject then ends elsewhere. Steps with no
    updaters whose animations are manim's own (a function of alpha) end in the
    same state either way and are skipped the cheap way.
    """
    return has_updaters(scene) or not all(_path_independent(a) for a in animations)


def _importing() -> bool:
    """Whether the caller runs inside a module's import (Python's import machinery is on the stack)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


@contextlib.contextmanager
def seeded_only(lesson: str) -> Iterator[None]:
    """Refuse random generators seeded from the system while the block runs.

    Covers ``numpy.random.default_rng()``, ``numpy.random.seed()`` and
    ``random.seed()`` called without a seed (looked up through their modules, as
    ``np.random.default_rng(...)`` is); seeded calls behave as usual, and so do
    calls made while a module is being imported (a library imported lazily by
    the lesson, such as scikit-learn, whose import draws a docstring example
    from ``default_rng()``): that draws nothing on screen.

    Raises
    ------
    UnsupportedConstruct
        From the unseeded call.
    """
    default_rng, np_seed, py_seed = np.random.default_rng, np.random.seed, random.seed
    instead = (
        "pass a seed (a Seed parameter), so the plan, the render and every "
        "split piece draw the same numbers"
    )

    def checked_default_rng(seed: Any = None) -> np.random.Generator:
        if seed is None and not _importing():
            raise UnsupportedConstruct(
                lesson, "numpy.random.default_rng() without a seed", instead
            )
        return default_rng(seed)

    def checked_np_seed(seed: Any = None) -> None:
        if seed is None and not _importing():
            raise UnsupportedConstruct(
                lesson, "numpy.random.seed() without a seed", instead
            )
        np_seed(seed)

    def checked_py_seed(a: Any = None, version: int = 2) -> None:
        if a is None and not _importing():
            raise UnsupportedConstruct(lesson, "random.seed() without a seed", instead)
        py_seed(a, version)

    np.random.default_rng = checked_default_rng
    np.random.seed = checked_np_seed
    random.seed = checked_py_seed
    try:
        yield
    finally:
        np.random.default_rng = default_rng
        np.random.seed = np_seed
        random.seed = py_seed
