"""mathreel: animated lesson videos for the math behind machine learning.

The engine that turns the lessons in ``scenes/`` into videos: the
:class:`~mathreel.lesson.base.Lesson` base class (beats, narration timing, parameters),
the frame-exact timeline planner, the renderer and its outputs. The course
content itself lives in the ``scenes`` package.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
