"""Shared fixtures: a private output directory per test, the course registry."""

from __future__ import annotations

import pytest

from mathreel.course import Course, load_course


@pytest.fixture(scope="session")
def course() -> Course:
    """The course as registered in scenes/course.toml."""
    return load_course()
