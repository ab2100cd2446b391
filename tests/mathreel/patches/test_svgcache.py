"""A formula read back from the parsed-SVG cache is the formula manim parses."""

from __future__ import annotations

import numpy as np
from manim import MathTex, Text
from manim.mobject.svg import svg_mobject

from mathreel.patches import svgcache


def _look(mobject):
    """Every point and colour of a mobject's family, in order."""
    return [
        (m.points.copy(), m.get_fill_rgbas().copy(), m.get_stroke_rgbas().copy())
        for m in mobject.family_members_with_points()
    ]


def _same(a, b):
    return len(a) == len(b) and all(
        all(np.array_equal(x, y) for x, y in zip(p, q, strict=True))
        for p, q in zip(a, b, strict=True)
    )


def _walk(mobject):
    """What the segment key feeds for ``mobject`` (every attribute, by value)."""
    from mathreel.render.segments import _Hasher

    hasher = _Hasher(object())
    hasher.feed(mobject)
    return hasher.out


def _fresh_process(monkeypatch):
    """As another process: manim's in-memory map of parsed SVGs is empty."""
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", {})


def test_a_formula_read_back_from_disk_looks_as_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path))
    monkeypatch.chdir(tmp_path)  # manim writes TeX under ./media
    svgcache.install()
    _fresh_process(monkeypatch)
    parsed = MathTex(r"\frac{d}{dx} x^2 = 2x", color="#FFAA00").scale(1.5)
    stored = list((tmp_path / "svg").rglob("*.pickle"))
    assert len(stored) == 1
    _fresh_process(monkeypatch)
    calls = []
    parse = svg_mobject.SVGMobject.generate_mobject
    monkeypatch.setattr(
        svg_mobject.SVGMobject,
        "generate_mobject",
        lambda self: calls.append(self) or parse(self),
    )
    again = MathTex(r"\frac{d}{dx} x^2 = 2x", color="#FFAA00").scale(1.5)
    assert not calls  # read back, not parsed
    assert _same(_look(parsed), _look(again))
    # and keys as the parsed one: a step showing it reuses the same segment;
    # so does a second one, which manim serves from memory in both processes
    assert _walk(parsed) == _walk(again)
    second = MathTex(r"\frac{d}{dx} x^2 = 2x", color="#FFAA00").scale(1.5)
    assert again.id_to_vgroup_dict.keys() == parsed.id_to_vgroup_dict.keys()
    # another formula, or another default colour, is another key
    _fresh_process(monkeypatch)
    MathTex(r"\frac{d}{dx} x^3 = 3x^2", color="#FFAA00")
    assert len(calls) == 1
    # the second one as a process that parses everything makes it
    _fresh_process(monkeypatch)
    monkeypatch.setattr(svgcache, "svg_key", lambda mobject: None)  # no disk
    MathTex(r"\frac{d}{dx} x^2 = 2x", color="#FFAA00")
    parsed_second = MathTex(r"\frac{d}{dx} x^2 = 2x", color="#FFAA00").scale(1.5)
    assert _walk(second) == _walk(parsed_second)
    # and every copy alike: which came first depends on what the process drew
    # before, which a re-render that restores steps changes
    assert _walk(parsed_second) == _walk(parsed)


def test_text_is_left_to_manim(tmp_path, monkeypatch):
    """manim keeps no parsed SVG of a Text (its file is per render): neither do we."""
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    svgcache.install()
    Text("Hello")
    assert not (tmp_path / "svg").exists()


def test_an_unreadable_entry_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    svgcache.install()
    _fresh_process(monkeypatch)
    first = MathTex("a+b")
    for path in (tmp_path / "svg").rglob("*.pickle"):
        path.write_bytes(b"half a file")
    _fresh_process(monkeypatch)
    assert _same(_look(first), _look(MathTex("a+b")))
