"""The chain-rule lesson: its math alone, then what it shows."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.calculus.chain_rule import (
    CHECK_STEP,
    DIGITS,
    LINKS,
    MAX_RATE,
    NET_WEIGHT,
    NUDGE,
    ChainRule,
    chain_rate,
    composite_caption,
    composite_tex,
    describe_rate,
    difference_quotient,
    forward,
    in_domain,
    neuron_backward,
    neuron_forward,
    neuron_measured,
    neuron_slopes,
    nudges,
    point_problem,
    segment_unit,
)
from scenes.kit.numbers import fmt, fmt_small

NAMES = sorted(LINKS)


@st.composite
def pipelines(draw):
    """A pair of named functions and a point the lesson accepts."""
    inner = draw(st.sampled_from(NAMES))
    outer = draw(st.sampled_from(NAMES))
    lo, hi, _ = LINKS[inner].domain
    x = draw(st.floats(lo, hi, allow_nan=False))
    assume(point_problem(inner, outer, x) is None)
    return inner, outer, x


def _slope(curve, x, h=1e-6):
    return (float(curve(np.float64(x + h))) - float(curve(np.float64(x - h)))) / (2 * h)


@given(st.sampled_from(NAMES), st.floats(-20, 20, allow_nan=False))
def test_each_link_knows_its_own_derivative(name, u):
    link = LINKS[name]
    _, hi, lo_open = link.domain
    assume(in_domain(name, u) and in_domain(name, u - 1e-3) and u + 1e-3 <= hi)
    assume(not lo_open or u > 0.05)  # log and sqrt bend sharply near 0
    assert float(link.df(np.float64(u))) == pytest.approx(
        _slope(link.f, u), rel=1e-5, abs=1e-6
    )


@given(pipelines())
def test_the_product_of_rates_is_the_slope_of_the_composition(case):
    inner, outer, x = case
    g_rate, f_rate, total = chain_rate(inner, outer, x)
    assert total == f_rate * g_rate
    # a finite-difference derivative of y = f(g(x)), knowing nothing of the rule
    y = lambda t: forward(inner, outer, float(t))[1]  # noqa: E731
    assert total == pytest.approx(_slope(y, x), rel=1e-4, abs=1e-5)
    # the check the lesson shows (a centred quotient, step h = 0.001) is off only
    # by its truncation error, C h^2: halving h shows that error's size
    measured = difference_quotient(inner, outer, x)
    halved = difference_quotient(inner, outer, x, CHECK_STEP / 2)
    truncation = 4 / 3 * abs(measured - halved)
    assert abs(measured - total) <= 2 * truncation + 1e-7 * max(1.0, abs(total))
    assert measured == pytest.approx(total, rel=0.01, abs=10 ** -(DIGITS + 1))


@given(pipelines())
def test_nudges_scale_by_each_local_rate_in_turn(case):
    inner, outer, x = case
    g_rate, f_rate, total = chain_rate(inner, outer, x)
    dx, du, dy = nudges(inner, outer, x)
    assert dx == NUDGE
    assert du == pytest.approx(g_rate * dx)
    assert dy == pytest.approx(f_rate * du)
    assert dy == pytest.approx(total * dx)


@given(pipelines())
def test_every_nudge_fits_its_number_line(case):
    inner, outer, x = case
    g_rate, _, total = chain_rate(inner, outer, x)
    unit = segment_unit((g_rate, total), 3.2, 1.6)
    assert 0 < unit <= 1.6
    assert max(1.0, abs(g_rate), abs(total)) * unit <= 3.2 + 1e-9
    assert unit >= 3.2 / MAX_RATE  # never too short to see


@given(st.floats(-30, 30, allow_nan=False))
def test_rates_are_described_truthfully(rate):
    words = describe_rate(rate, "the nudge")
    if abs(rate) < 5e-4:
        assert words == "flattens the nudge to almost nothing"
        return
    assert words.startswith("flips") == (rate < 0)
    if abs(rate) > 1 + 5e-4:
        assert f"stretches it {fmt(abs(rate), DIGITS)} times" in words or (
            f"stretches the nudge {fmt(abs(rate), DIGITS)} times" in words
        )
    elif abs(rate) < 1 - 5e-4:
        assert f"to {fmt(abs(rate), DIGITS)} of its size" in words


def test_composites_are_written_out():
    assert composite_tex("square", "sine") == r"\sin\left(x^2\right)"
    assert composite_caption("square", "sine") == "sin(x²)"
    assert composite_tex("sine", "square") == r"\left(\sin x\right)^2"
    assert composite_caption("log", "sqrt") == "√(ln x)"


def test_points_outside_a_domain_are_refused():
    assert (
        point_problem("log", "sine", -1.0) == "x must be in (0, 20], the domain of log"
    )
    assert "domain of log" in point_problem("sine", "log", -1.0)
    assert "stretch" in point_problem("exp", "exp", 1.3)
    assert point_problem("square", "sine", 0.8) is None


# -- the scene -------------------------------------------------------------------------

ALTERNATIVE = {"inner": "sine", "outer": "square", "x": 2}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("chain-rule")
    return {
        "default": construct_only(entry, {}),
        "alternative": construct_only(entry, ALTERNATIVE),
    }


def _n(x):
    return fmt(x, DIGITS)


def _f(x):
    return f"({_n(x)})" if _n(x).startswith("-") else _n(x)


@pytest.mark.parametrize("which", ["default", "alternative"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    inner, outer, x = scene.args.inner, scene.args.outer, scene.args.x
    shown = [beat.shown for beat in scene.timeline.beats]
    u, y = forward(inner, outer, x)
    g_rate, f_rate, total = chain_rate(inner, outer, x)
    dx, du, dy = nudges(inner, outer, x)
    # the pipeline and the forward pass
    assert composite_tex(inner, outer) in shown[1][-1]
    for symbol, v in (("x", x), ("u", u), ("y", y)):
        assert f"{symbol} = {_n(v)}" in shown[2]
    # the nudges and the local rates
    assert f"dx = {fmt(dx)}" in shown[3]
    assert rf"\times g'(x) = {_n(g_rate)}" in shown[4]
    assert rf"du \approx {_n(du)}" in shown[4]
    assert rf"\times f'(u) = {_n(f_rate)}" in shown[5]
    assert rf"dy \approx {_n(dy)}" in shown[5]
    # the product, then the direct check
    product = (
        rf"\frac{{dy}}{{dx}} = f'(g(x)) \cdot g'(x) = {_f(f_rate)} \times "
        f"{_f(g_rate)} = {_n(total)}"
    )
    assert product in shown[6]
    measured = difference_quotient(inner, outer, x)
    assert any(s.endswith(f"= {_n(measured)}") for s in shown[7])
    assert _n(measured) == _n(total)
    # machine learning: one neuron at this x, its local slopes and backward products
    z, a, loss = neuron_forward(x)
    ml = " ".join(" ".join(shown[i]) for i in (8, 9, 10))
    for v in (NET_WEIGHT, z, a, loss, *neuron_slopes(x), *neuron_backward(x)):
        assert fmt_small(v, DIGITS) in ml
    assert fmt_small(neuron_measured(x), DIGITS) in " ".join(shown[10])
    chapters = [beat.chapter for beat in scene.timeline.beats if beat.chapter]
    assert chapters[-2:] == ["In machine learning", "Recap"]
    assert not scene.timeline.warnings
    assert sum(beat.key for beat in scene.timeline.beats) == 1


def test_narration_speaks_the_same_numbers_rounded(scenes):
    beats = scenes["default"].timeline.beats
    texts = [beat.text for beat in beats]
    says = [beat.say for beat in beats]
    assert "x = 0.8" in texts[2] and "0.64" in texts[2] and "0.597" in texts[2]
    assert "about 0.6." in says[2]
    assert "stretches the nudge 1.6 times" in texts[4]
    assert "0.802 times 1.6, which is 1.283" in texts[6]
    assert "about 1.3" in says[6]
    assert "shrinks it to 0.8 of its size" in says[5]
    assert "minus 0.066 at w" in says[10]
    for say in says:  # every spoken decimal has at most two significant figures
        for number in re.findall(r"\d+\.\d+", say):
            assert len(number.replace(".", "").lstrip("0")) <= 2, say
    alternative = [beat.text for beat in scenes["alternative"].timeline.beats]
    assert alternative[4].startswith("g flips the nudge")


@given(
    st.floats(-10, 10, allow_nan=False),
    st.floats(-3, 3, allow_nan=False),
    st.floats(-1, 2, allow_nan=False),
)
def test_the_neuron_gradient_is_the_product_of_its_local_slopes(x, w, t):
    z, a, loss = neuron_forward(x, w, t)
    assert loss == pytest.approx((1 / (1 + math.exp(-w * x)) - t) ** 2)
    dz_dw, da_dz, dl_da = neuron_slopes(x, w, t)
    h = 1e-6
    assert dz_dw == x  # z = w x is linear in w
    sig = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    assert da_dz == pytest.approx((sig(z + h) - sig(z - h)) / (2 * h), abs=1e-6)
    assert dl_da == pytest.approx(
        ((a + h - t) ** 2 - (a - h - t) ** 2) / (2 * h), abs=1e-6
    )
    back = neuron_backward(x, w, t)
    assert back[0] == 1 and back[1] == dl_da
    assert back[3] == pytest.approx(dl_da * da_dz * dz_dw)
    assert neuron_measured(x, w, t) == pytest.approx(back[3], rel=1e-4, abs=1e-6)


@pytest.mark.parametrize(
    "given_args",
    [
        {"inner": "log", "x": -1},
        {"inner": "sine", "outer": "log", "x": -1},
        {"inner": "sqrt", "x": 0},
        {"inner": "exp", "outer": "exp", "x": 1.3},
        {"x": 9},
        {"x": float("inf")},
    ],
)
def test_bad_points_fail_with_one_line(given_args):
    with pytest.raises(ParamError) as error:
        ChainRule.resolve_args(given_args, lesson="chain-rule")
    message = str(error.value)
    assert "parameter 'x'" in message and "got" in message and "expected" in message
    assert "\n" not in message


@pytest.mark.parametrize("name", ["inner", "outer"])
def test_unknown_functions_fail_with_one_line(name):
    with pytest.raises(ParamError) as error:
        ChainRule.resolve_args({name: "cosh"}, lesson="chain-rule")
    message = str(error.value)
    assert message.startswith(f"chain-rule: parameter '{name}'")
    assert "one of square, sine" in message
    assert "\n" not in message


@pytest.mark.parametrize("x", [7.469220780714416e-34, -1e-9, 1e-4])
def test_a_kink_is_refused_not_shown_with_a_false_slope(x):
    # sqrt(x^2) = |x| has no slope at 0; its rates there (g' ~ 0, f' huge)
    # multiply to 1 while the curve's measured slope is 0, so x near 0 is refused
    assert point_problem("square", "sqrt", x) is not None


def test_a_point_whose_direct_check_would_disagree_is_refused():
    # near 0, sqrt bends so sharply that a step of 0.001 misreads the slope by 3%
    assert "bends too sharply" in point_problem("sqrt", "exp", 0.001953125)
    assert point_problem("sqrt", "exp", 1.0) is None
