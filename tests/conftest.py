"""Shared fixtures: a private output directory per test, the course registry."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from mathreel.core.course import Course, load_course

# Hypothesis profiles, picked with MATHREEL_HYPOTHESIS (scripts/test sets "ci"):
# "ci" draws the same examples on every run, so a commit's verdict does not
# depend on luck; "dev" (plain pytest) explores fresh examples each run;
# "thorough" explores many more, to hunt edge cases before committing.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.register_profile("thorough", max_examples=3000, print_blob=True)
settings.load_profile(os.environ.get("MATHREEL_HYPOTHESIS", "dev"))


@pytest.fixture(scope="session")
def course() -> Course:
    """The course as registered in scenes/course.toml."""
    return load_course()
