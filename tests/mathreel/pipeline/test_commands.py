"""The render and preview commands' settings, checked as library calls (no CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathreel.core.course import load_course
from mathreel.core.errors import MathreelError, ParamError
from mathreel.pipeline.commands import PreviewSettings, RenderSettings


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_render_settings_resolve_once_into_a_request(course, tmp_path):
    slug = course.entries[0].slug
    prepared = RenderSettings(
        lessons=(slug,), quality="low", fps=5, out=tmp_path, jobs=3, voice="none"
    ).prepare(course)
    request = prepared.request
    assert [e.slug for e in request.entries] == [slug]
    assert request.options.quality.fps == 5
    assert request.options.voice.engine == "none"
    assert (request.jobs, request.out, prepared.notes) == (3, tmp_path, [])
    assert request.out_dir == tmp_path / request.options.quality.name


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (RenderSettings(), "name the lessons to render, or pass --all"),
        (RenderSettings(lessons=("vectors",), all_=True), "not both"),
        (RenderSettings(all_=True, watch=True), "--watch follows one lesson"),
        (RenderSettings(all_=True, fmt="gif", course_video=True), "--course joins MP4"),
        (
            RenderSettings(lessons=("vectors", "svd"), assignments=("u=[1,2]",)),
            "--set applies to one lesson",
        ),
        (RenderSettings(lessons=("vectors",), shard="3/2"), "--shard '3/2'"),
        (RenderSettings(lessons=("vectorz",)), "vectorz"),
    ],
)
def test_render_settings_refuse_in_one_line_before_any_work(
    course, settings, message, tmp_path
):
    with pytest.raises(MathreelError) as error:
        RenderSettings(**{**settings.__dict__, "out": tmp_path}).prepare(course)
    assert message in error.value.message
    assert "\n" not in error.value.message
    assert not list(tmp_path.iterdir())


def test_a_bad_parameter_is_refused_naming_the_lesson(course):
    unknown = RenderSettings(lessons=("vectors",), assignments=("nope=1",))
    with pytest.raises(MathreelError, match="vectors has no parameter 'nope'"):
        unknown.prepare(course)
    invalid = RenderSettings(lessons=("vectors",), assignments=("u=[1]",))
    with pytest.raises(ParamError, match="vectors"):
        invalid.prepare(course)


def test_gif_with_a_voice_notes_that_the_voice_only_sets_timing(course):
    prepared = RenderSettings(lessons=("vectors",), fmt="gif", voice="espeak-ng")
    try:
        notes = prepared.prepare(course).notes
    except MathreelError:
        pytest.skip("espeak-ng is not installed here")
    assert notes and "a GIF has no sound" in notes[0]


def test_preview_settings_render_silently_and_shard(course, monkeypatch):
    weights = {"vectors": 2.0, "dot-product": 1.0}  # planning is tested elsewhere
    monkeypatch.setattr(
        "mathreel.pipeline.run._plan_or_none",
        lambda entry, *a, **k: type("P", (), {"duration": weights[entry.slug]}),
    )
    settings = PreviewSettings(("vectors", "dot-product"), "2/2", "128x72", 5)
    prepared = settings.prepare(course)
    assert prepared.request.options.voice.engine == "none"
    assert prepared.request.options.quality.fps == 5
    assert prepared.notes == ["Shard 2/2: dot-product"]
    assert [e.slug for e in prepared.request.entries] == ["dot-product"]


def test_merge_refuses_options_that_would_render():
    PreviewSettings().refuse_with_merge()
    with pytest.raises(MathreelError, match="--merge renders nothing"):
        PreviewSettings(lessons=("vectors",), out=Path("x")).refuse_with_merge()


def test_a_segment_bound_that_is_not_a_size_stops_before_any_work(
    monkeypatch, tmp_path
):
    from mathreel.core.course import load_course
    from mathreel.core.errors import MathreelError
    from mathreel.pipeline.commands import RenderSettings

    monkeypatch.setenv("MATHREEL_SEGMENT_CACHE_MB", "big")
    settings = RenderSettings(lessons=("vectors",), out=tmp_path, voice="none")
    with pytest.raises(
        MathreelError, match="MATHREEL_SEGMENT_CACHE_MB='big' is not a size"
    ):
        settings.prepare(load_course())
