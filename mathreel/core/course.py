"""The course: an explicit, ordered registry of lessons.

The registry is ``scenes/course.toml``, one ``[[lesson]]`` table per lesson in
course order::

    [[lesson]]
    slug = "linear-transformations"
    title = "Linear transformations"
    area = "linear-algebra"
    summary = "A matrix moves the whole plane; its columns say where the basis lands."
    scene = "scenes.linear_algebra.linear_transformations:LinearTransformations"

Reading it imports nothing, so listing the course and checking the cache are fast;
:meth:`Entry.load` imports the lesson class when it is needed.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import os
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mathreel.core.errors import LessonError, UnknownLessonError

if TYPE_CHECKING:
    from mathreel.core.params import Args
    from mathreel.lesson.base import Lesson

__all__ = [
    "AREAS",
    "Course",
    "Entry",
    "default_registry",
    "load_course",
]

#: Areas in course order, with the names learners see.
AREAS = {
    "linear-algebra": "Linear algebra",
    "calculus": "Calculus",
    "probability": "Probability and statistics",
}


def default_registry() -> Path:
    """``$MATHREEL_COURSE`` if set, else ``course.toml`` of a ``scenes`` package.

    For scripts and tests that call :func:`load_course` without a registry; the
    CLI names its registry and hands the engine the :class:`Course`. The
    package is located, not imported: the engine never imports the content.

    Raises
    ------
    LessonError
        When neither is there.
    """
    override = os.environ.get("MATHREEL_COURSE")
    if override:
        return Path(override)
    spec = importlib.util.find_spec("scenes")
    if spec is None or not spec.submodule_search_locations:
        raise LessonError(
            "no course registry: set MATHREEL_COURSE to a course.toml, or pass one"
        )
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "course.toml"


@dataclass(frozen=True)
class Entry:
    """One lesson of the course."""

    number: int
    slug: str
    title: str
    area: str
    summary: str
    scene: str

    @property
    def module(self) -> str:
        """The lesson's module, e.g. ``scenes.calculus.derivatives``."""
        return self.scene.partition(":")[0]

    @property
    def class_name(self) -> str:
        """The lesson's class name."""
        return self.scene.partition(":")[2]

    @property
    def stem(self) -> str:
        """File stem of the lesson's outputs: ``04-linear-transformations``."""
        return f"{self.number:02d}-{self.slug}"

    def source_path(self) -> Path:
        """The lesson module's file, found without importing it."""
        spec = importlib.util.find_spec(self.module)
        if spec is None or spec.origin is None:
            raise LessonError(f"{self.slug}: module {self.module} not found")
        return Path(spec.origin)

    def load(self) -> type[Lesson]:
        """Import and return the lesson class."""
        from mathreel.lesson.base import Lesson

        try:
            module = importlib.import_module(self.module)
        except ModuleNotFoundError as error:
            raise LessonError(
                f"{self.slug}: cannot import {self.module} ({error}); "
                "fix 'scene' in the course registry"
            ) from None
        cls = getattr(module, self.class_name, None)
        if not (isinstance(cls, type) and issubclass(cls, Lesson)):
            raise LessonError(
                f"{self.slug}: {self.scene} is not a Lesson subclass; "
                "fix 'scene' in the course registry"
            )
        return cls

    def resolve(self, assignments: Sequence[str] = ()) -> Args:
        """The lesson's parameters with ``--set NAME=VALUE`` strings applied.

        Raises
        ------
        MathreelError
            A malformed assignment or a parameter the lesson does not take;
            :class:`~mathreel.core.errors.ParamError` for an invalid value.
        """
        from mathreel.core.params import parse_assignment

        given = dict(parse_assignment(v) for v in assignments)
        return self.load().resolve_args(given, lesson=self.slug)


class Course:
    """The ordered lessons of the course."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_slug = {e.slug: e for e in entries}

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def slugs(self) -> list[str]:
        """The slugs in course order."""
        return [e.slug for e in self.entries]

    def get(self, slug: str) -> Entry:
        """The lesson with this slug; an unknown slug suggests the closest ones."""
        try:
            return self._by_slug[slug]
        except KeyError:
            close = difflib.get_close_matches(slug, self.slugs, n=3, cutoff=0.5)
            close += [s for s in self.slugs if slug and slug in s and s not in close]
            raise UnknownLessonError(slug, close[:3]) from None

    def select(self, slugs: list[str]) -> list[Entry]:
        """The named lessons, in course order, each once."""
        wanted = {self.get(s).slug for s in slugs}
        return [e for e in self.entries if e.slug in wanted]


def load_course(path: Path | None = None) -> Course:
    """Read the registry (``scenes/course.toml`` by default) and check it."""
    path = path or default_registry()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LessonError(f"cannot read the course registry {path}: {error}") from None
    entries: list[Entry] = []
    for number, item in enumerate(data.get("lesson", []), start=1):
        try:
            entry = Entry(number=number, **{k: str(item[k]) for k in _FIELDS})
        except KeyError as missing:
            raise LessonError(
                f"{path}: lesson {number} lacks {missing}; each lesson needs "
                + ", ".join(_FIELDS)
            ) from None
        if entry.area not in AREAS:
            raise LessonError(
                f"{path}: lesson '{entry.slug}' has unknown area '{entry.area}'; "
                f"use one of {', '.join(AREAS)}"
            )
        if any(e.slug == entry.slug for e in entries):
            raise LessonError(f"{path}: lesson '{entry.slug}' is listed twice")
        entries.append(entry)
    return Course(entries)


_FIELDS = ("slug", "title", "area", "summary", "scene")
