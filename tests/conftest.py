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


#: The two real lessons the output tests share: one silent, one narrated.
RENDERED_LESSONS = (("linear-transformations", "none"), ("derivatives", "flite"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Two real lessons at 192x108 and 5 fps, shared by every test module that asks.

    Rendered once per test process (later modules find them current) into one
    folder, whose manifest each module writes again.
    """
    from mathreel.core.quality import resolve_quality
    from mathreel.narration.voice import parse_voice
    from mathreel.render.options import RenderOptions, cached_record, write_manifest
    from mathreel.render.worker import render_lesson

    quality = resolve_quality("preview", resolution="192x108", fps=5)
    out_dir = tmp_path_factory.getbasetemp() / "issue8-renders" / quality.name
    course = load_course()
    for slug, voice in RENDERED_LESSONS:
        entry = course.get(slug)
        options = RenderOptions(quality, voice=parse_voice(voice))
        if cached_record(entry, {}, options, out_dir) is None:
            render_lesson(entry, {}, options, out_dir)
    write_manifest(out_dir, course, quality)
    return out_dir
