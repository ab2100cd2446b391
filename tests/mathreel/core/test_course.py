"""The course registry: order, lookup with suggestions, and a broken registry."""

from __future__ import annotations

import pytest

from mathreel.core.course import AREAS, load_course
from mathreel.core.errors import LessonError, UnknownLessonError
from mathreel.lesson import Lesson


def test_registry_is_ordered_and_every_entry_loads(course):
    assert len(course) >= 3
    assert [e.number for e in course] == list(range(1, len(course) + 1))
    for entry in course:
        assert entry.area in AREAS
        assert issubclass(entry.load(), Lesson)
        assert entry.stem == f"{entry.number:02d}-{entry.slug}"
        assert entry.summary and entry.title


def test_areas_are_grouped_in_course_order(course):
    areas = [e.area for e in course]
    order = [a for a in AREAS if a in areas]
    assert sorted(areas, key=order.index) == areas


def test_unknown_lesson_suggests_close_slugs(course):
    with pytest.raises(UnknownLessonError, match="did you mean 'derivatives'"):
        course.get("derivative")
    with pytest.raises(UnknownLessonError, match="mathreel list"):
        course.get("zzz")


def test_select_keeps_course_order(course):
    slugs = course.slugs
    picked = course.select([slugs[-1], slugs[0], slugs[0]])
    assert [e.slug for e in picked] == [slugs[0], slugs[-1]]


def test_broken_registry_is_one_clear_line(tmp_path):
    bad = tmp_path / "course.toml"
    bad.write_text('[[lesson]]\nslug = "x"\narea = "calculus"\n')
    with pytest.raises(LessonError, match="lacks 'title'"):
        load_course(bad)
    bad.write_text(
        '[[lesson]]\nslug = "x"\ntitle = "X"\narea = "art"\nsummary = "s"\nscene = "a:B"\n'
    )
    with pytest.raises(LessonError, match="unknown area 'art'"):
        load_course(bad)


def test_entry_pointing_nowhere(tmp_path):
    reg = tmp_path / "course.toml"
    reg.write_text(
        '[[lesson]]\nslug = "x"\ntitle = "X"\narea = "calculus"\nsummary = "s"\n'
        'scene = "scenes.calculus.nothing:Nothing"\n'
    )
    with pytest.raises(LessonError, match=r"cannot import scenes\.calculus\.nothing"):
        load_course(reg).get("x").load()
