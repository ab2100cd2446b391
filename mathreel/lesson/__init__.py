"""The lesson base class (beats, chapters, parameters), its layout checks, and what the planner can model.

Lessons import their base class from here: ``from mathreel.lesson import Lesson``.
"""

from __future__ import annotations

from mathreel.lesson.base import Lesson, StopAfterBeat

__all__ = ["Lesson", "StopAfterBeat"]
