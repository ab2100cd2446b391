"""The scene toolkit's axes: placement, labels and the hidden y-axis."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit.axes import plot_axes
from scenes.style import MUTED


def test_start_puts_the_left_end_of_y_zero_at_the_point():
    axes = plot_axes([-2, 3, 1], [0, 4, 1], width=6, height=3, start=[-5.5, -2.0])
    assert np.allclose(axes.c2p(-2, 0)[:2], [-5.5, -2.0])
    assert axes.x_axis.get_length() == pytest.approx(6)


def test_centre_centres_the_bounding_box():
    axes = plot_axes([0, 4, 1], [-1, 2, 1], width=5, height=2.5, centre=[1.0, 0.5])
    assert np.allclose(axes.get_center()[:2], [1.0, 0.5])


def test_numbers_label_the_x_axis_and_hide_y_keeps_coordinates():
    axes = plot_axes(
        [0, 4, 1],
        width=5,
        height=2,
        start=[0.0, 0.0],
        numbers=[0, 1, 2, 3, 4],
        places=0,
        hide_y=True,
    )
    assert len(axes.x_axis.numbers) == 5  # 0 too: nothing excluded by default
    assert axes.y_axis not in axes.submobjects
    assert np.allclose(axes.c2p(0, 1)[:2], [0.0, 2.0])
    default = plot_axes(
        [0, 4, 1], width=5, height=2, start=[0, 0], numbers=[0, 1, 2], excluding=None
    )
    assert len(default.x_axis.numbers) == 2  # manim's default leaves 0 out


def test_style_goes_to_both_axes_or_only_x():
    both = plot_axes([0, 4, 1], width=5, height=2, centre=[0, 0], tick_size=0.05)
    only_x = plot_axes([0, 4, 1], width=5, height=2, centre=[0, 0], x_only=True)
    assert both.y_axis.get_color().to_hex().upper() == MUTED.upper()
    assert only_x.x_axis.get_color().to_hex().upper() == MUTED.upper()
    assert only_x.y_axis.get_color().to_hex().upper() != MUTED.upper()
    assert both.x_axis.tick_size == pytest.approx(0.05)


def test_placement_must_be_given_exactly_once():
    with pytest.raises(ValueError, match="exactly one of centre= and start="):
        plot_axes([0, 1, 1], width=1, height=1)
    with pytest.raises(ValueError, match="exactly one"):
        plot_axes([0, 1, 1], width=1, height=1, centre=[0, 0], start=[0, 0])


def test_readout_is_a_label_and_a_live_number_beside_it():
    from manim import DecimalNumber, MathTex

    from scenes.kit.readout import readout

    name, number = readout(r"\mu =", 2, "#FF9F43", 34)
    assert isinstance(name, MathTex) and isinstance(number, DecimalNumber)
    number.set_value(1.234)
    assert number.get_value() == 1.234 and number.num_decimal_places == 2
    assert number.font_size == pytest.approx(34)
    assert number.get_left()[0] > name.get_right()[0]  # to the right, not over it
