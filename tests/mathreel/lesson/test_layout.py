"""The layout check's legibility rules on constructed mobjects.

Size (digit height at 480p), contrast (WCAG 2.x AA) and text over lines or shapes,
each with a case that must fail and one that must pass.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DecimalNumber,
    Line,
    MathTex,
    NumberPlane,
    Square,
    Text,
    VGroup,
    tempconfig,
)

from mathreel.lesson.layout import (
    MIN_TEXT_PX,
    TEX_DIGIT_PER_POINT,
    backdrop,
    contrast_ratio,
    labels,
    layout_problems,
    relative_luminance,
    text_height_px,
)

BACKGROUND = "#111318"  # scenes.style.BACKGROUND
INK = "#ECEFF4"
MUTED = "#9AA3B5"
SMALL = 26  # scenes.style.SMALL


@pytest.fixture(scope="module", autouse=True)
def media(tmp_path_factory):
    """Text and TeX caches in a private folder."""
    with tempconfig({"media_dir": str(tmp_path_factory.mktemp("media"))}):
        yield


def label(content: str = "x = 1.5", size: float = SMALL, color: str = INK) -> Text:
    return Text(content, font="DejaVu Sans", font_size=size, color=color)


def problems(*mobjects) -> list[str]:
    return layout_problems(mobjects, background=BACKGROUND)


def card_under(*mobjects, opacity: float = 0.88) -> VGroup:
    """``scenes.style.panel``'s card: a dark rounded rectangle under the content."""
    content = VGroup(*mobjects)
    card = Square(side_length=1, stroke_width=1, stroke_color=MUTED)
    card.set_fill(BACKGROUND, opacity=opacity)
    card.stretch_to_fit_width(content.width + 0.5)
    card.stretch_to_fit_height(content.height + 0.5)
    card.move_to(content)
    return VGroup(card, content)


# -- size ---------------------------------------------------------------------------


def test_small_text_passes_and_its_digits_measure_about_16_px():
    text = label("mean", SMALL)  # x-height letters only: measured by digit height
    assert problems(text) == []
    assert text_height_px(text) == pytest.approx(16.4, abs=0.3)


@pytest.mark.parametrize(
    "small",
    [
        lambda: DecimalNumber(0.5, num_decimal_places=1, font_size=SMALL),  # ticks
        lambda: MathTex(r"-0.12", font_size=SMALL),  # backpropagation's gradients
        lambda: label("x = 1.5", SMALL).scale(0.6),
    ],
    ids=["tick-label", "gradient-label", "scaled-down-text"],
)
def test_text_under_14_px_fails(small):
    mob = small()
    assert text_height_px(mob) < MIN_TEXT_PX
    found = problems(mob)
    assert len(found) == 1 and "px tall at 480p" in found[0], found


def test_tick_labels_measure_as_the_review_did():
    number = DecimalNumber(2, num_decimal_places=0, font_size=SMALL)
    assert 10 <= text_height_px(number) <= 11.5


def test_a_formula_at_formula_size_passes():
    assert problems(MathTex(r"\lambda = 0.5", font_size=40)) == []


def test_tex_digit_constant_matches_a_drawn_digit():
    assert MathTex("0", font_size=48).height / 48 == pytest.approx(
        TEX_DIGIT_PER_POINT, rel=0.01
    )


# -- contrast -----------------------------------------------------------------------


def test_wcag_luminance_and_ratio_reference_values():
    assert relative_luminance((1, 1, 1)) == pytest.approx(1)
    assert relative_luminance((0, 0, 0)) == 0
    assert contrast_ratio((1, 1, 1), (0, 0, 0)) == pytest.approx(21)
    # #767676 is the lightest grey with 4.5:1 on white
    grey = [0x76 / 255] * 3
    assert contrast_ratio(grey, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def test_muted_passes_and_a_dim_colour_fails():
    assert problems(label(color=MUTED)) == []
    found = problems(label(color="#555555"))
    assert len(found) == 1 and "contrast 2.5:1" in found[0], found
    assert "Text('x = 1.5')" in found[0]


def test_a_faded_text_fails():
    faded = label(color=MUTED).set_opacity(0.35)
    found = problems(faded)
    assert len(found) == 1 and "contrast" in found[0], found


def test_contrast_is_against_the_card_the_text_sits_on():
    light = card_under(label(color=INK))
    light[0].set_fill("#DDDDDD", opacity=1)
    found = problems(light)
    assert len(found) == 1 and "on #DDDDDD" in found[0], found
    assert problems(card_under(label(color=INK))) == []


# -- text over lines and shapes -----------------------------------------------------


def test_a_line_through_a_label_fails():
    text = label()
    line = Line(3 * LEFT, 3 * RIGHT)
    found = problems(line, text)
    assert found == ["Text('x = 1.5') is crossed by Line"], found


def test_a_label_beside_a_line_passes_even_inside_its_box():
    line = Line(3 * LEFT + 2 * DOWN, 3 * RIGHT + 2 * UP)  # box covers the label
    text = label().next_to(line.point_from_proportion(0.5), UP + LEFT, buff=0.1)
    assert problems(line, text) == []


def test_a_curve_through_a_label_fails_and_beside_it_passes():
    text = label()
    wave = NumberPlane().plot(lambda x: 0.3 * np.sin(3 * x), x_range=[-3, 3])
    assert any("crossed by ParametricFunction" in p for p in problems(wave, text))
    assert problems(wave, text.copy().shift(UP)) == []


def test_a_label_on_a_panel_over_a_grid_passes():
    grid = VGroup(*(Line(3 * LEFT + y * UP, 3 * RIGHT + y * UP) for y in (-0.1, 0.1)))
    backdrop(grid)
    assert problems(grid, card_under(label())) == []
    assert problems(NumberPlane(), card_under(label())) == []


def test_a_panel_over_a_line_is_not_crossed_but_hides_the_line():
    line = Line(3 * LEFT, 3 * RIGHT)
    found = problems(line, card_under(label()))
    assert found == ["the card under Text('x = 1.5') hides Line"], found
    # the card hides what it covers, not what passes beside it
    assert problems(line.copy().shift(DOWN), card_under(label())) == []


def test_a_panel_hides_a_text_beneath_it():
    found = problems(label("under").shift(0.2 * DOWN), card_under(label()))
    assert found == [
        "Text('under') overlaps Text('x = 1.5')",
        "Text('under') is covered by Square of VGroup",
    ], found


def test_a_marked_label_on_a_panel_over_its_line_passes():
    line = Line(3 * LEFT, 3 * RIGHT)
    text = label()
    labels(text, line)
    assert problems(line, card_under(text)) == []


def test_a_see_through_card_does_not_hide_the_line():
    line = Line(3 * LEFT, 3 * RIGHT)
    found = problems(line, card_under(label(), opacity=0.4))
    assert found == ["Text('x = 1.5') is crossed by Line"], found


def test_a_line_drawn_over_the_panel_still_crosses():
    found = problems(card_under(label()), Line(3 * LEFT, 3 * RIGHT))
    assert found == ["Text('x = 1.5') is crossed by Line"], found


def test_a_marked_label_passes_for_its_target_only():
    text = label()
    line = Line(3 * LEFT, 3 * RIGHT)
    other = Line(2 * DOWN, 2 * UP)
    labels(text, line)
    assert problems(line, text) == []
    found = problems(line, other, text)
    assert found == ["Text('x = 1.5') is crossed by Line"], found
    assert problems(line, text.copy()) == []  # copies keep the mark
    with pytest.raises(ValueError, match="needs the mobjects"):
        labels(text)


def test_a_marked_group_marks_its_texts_and_labels_text():
    a, b = label("a"), label("b").shift(0.1 * RIGHT)
    assert any("overlaps" in p for p in problems(a, b))
    group = labels(VGroup(b), a)
    assert problems(a, group) == []
    assert problems(a, labels(b, a)) == []


def test_a_filled_shape_above_a_label_fails_below_passes():
    text = label()
    bar = Square(1.0, stroke_width=0).set_fill(MUTED, opacity=1).move_to(text)
    found = problems(text, bar)
    assert found == ["Text('x = 1.5') is covered by Square"], found
    # below: a label on a bar reads as long as the contrast holds
    dark = Square(2.0, stroke_width=0).set_fill("#2A3A5A", opacity=1).move_to(text)
    assert problems(dark, text) == []


def test_backdrops_and_planes_never_count():
    line = Line(3 * LEFT, 3 * RIGHT)
    backdrop(line)
    assert problems(NumberPlane(), line, label()) == []


def test_messages_name_the_text_and_the_group_of_the_line():
    group = VGroup(Line(3 * LEFT, 3 * RIGHT), Square(0.2).shift(3 * UP))
    found = problems(group, MathTex(r"\lambda = 0.5", font_size=40))
    assert found == ["MathTex('\\\\lambda = 0.5') is crossed by Line of VGroup"], found


def test_a_background_rectangle_is_the_texts_own_card():
    text = MathTex("v_1", font_size=40, color=INK)
    text.add_background_rectangle(color=BACKGROUND, opacity=0.75, buff=0.04)
    assert problems(text) == []  # its contrast is taken on the rectangle
    line = Line(3 * LEFT, 3 * RIGHT)
    found = problems(line, text)
    assert found == ["the card under MathTex('v_1') hides Line"], found
    assert problems(line, labels(text, line)) == []


def test_many_texts_of_one_group_make_one_line():
    faded = VGroup(*(label(str(k), 40) for k in range(5))).arrange(RIGHT)
    faded.set_opacity(0.3)
    found = problems(faded)
    assert len(found) == 1, found
    assert found[0].startswith("Text('0') and 4 more texts of VGroup have contrast")
    tiny = VGroup(*(DecimalNumber(k, font_size=SMALL) for k in range(4))).arrange(RIGHT)
    found = problems(tiny)
    assert len(found) == 1 and "and 3 more texts of VGroup are 11.1 px" in found[0]


def test_a_panel_keeps_clear_of_arrow_ends_but_a_tag_may_sit_at_a_tip():
    from manim import Arrow

    from mathreel.lesson.layout import CARD_CLEARANCE

    lines = VGroup(label("A = P D P^-1"), label("P: eigenvectors")).arrange(DOWN)
    panel_ = card_under(lines)  # two lines: a panel, not a tag
    corner = panel_[0].get_corner(DOWN + RIGHT)
    start = corner + 0.08 * (
        DOWN + RIGHT
    )  # 7 px from the corner, as in old eigenvectors
    arrow = Arrow(start, start + 2 * RIGHT, buff=0)
    found = problems(arrow, panel_)
    assert len(found) == 1 and "crowds the ends of Arrow" in found[0], found
    far = Arrow(start, start + 2 * RIGHT, buff=0).shift(CARD_CLEARANCE * DOWN)
    assert problems(far, panel_) == []
    tag = card_under(label("2 v2"))
    tip = Arrow(2 * LEFT, tag[0].get_left() + 0.05 * LEFT, buff=0)
    assert problems(tip, tag) == []
