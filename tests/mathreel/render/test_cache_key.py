"""What a render's cache key covers: the code that can change frames, nothing else."""

from __future__ import annotations

from pathlib import Path

import mathreel
from mathreel.core.course import load_course
from mathreel.render import cache

ENGINE = Path(mathreel.__file__).resolve().parent


def test_every_frame_package_exists_and_is_keyed_by_path():
    names = [name for name, _ in cache._engine_sources()]
    for package in cache.FRAME_PACKAGES:
        assert (ENGINE / package / "__init__.py").is_file()
        assert any(n.startswith(f"{package}/") for n in names)
    assert "lesson/base.py" in names and "render/worker.py" in names
    assert "patches/texlock.py" in names


def test_presentation_code_is_not_in_the_key():
    names = [name for name, _ in cache._engine_sources()]
    for outside in ("pipeline/run.py", "outputs/page.py", "practice.py", "bench.py"):
        assert outside not in names
    assert not any(n.startswith(("pipeline/", "outputs/")) for n in names)


def test_the_scene_kit_and_style_are_in_every_lessons_key():
    entry = load_course().get("vectors")
    content = entry.source_path().parents[1]
    shared = {p.relative_to(content).as_posix() for p in cache.shared_sources(content)}
    assert {"style.py", "kit/numbers.py", "kit/plane.py"} <= shared
    # another lesson's module is not shared: editing it re-renders only itself
    assert not any(name.startswith(("linear_algebra/", "calculus/")) for name in shared)
