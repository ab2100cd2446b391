"""The bayes-theorem lesson: its pure math, and that the screen shows exactly that math."""

from __future__ import annotations

import contextlib
import itertools
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from manim import VMobject

from mathreel.core.course import load_course
from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.probability.bayes_theorem import (
    FINEST,
    MIN_SHARE,
    SPAM_WORDS,
    ZOOM_BELOW,
    ZOOM_WIDTH,
    BayesTheorem,
    area_diagram_rects,
    comparison_prevalence,
    count,
    drawn_share,
    fraction_parts,
    joint_probabilities,
    mail_heading,
    natural_frequencies,
    percent,
    percent_places,
    positive_rate,
    posterior,
    prob,
    reading_population,
    sequential_posteriors,
    to_scale,
    update_verb,
    zoom_factor,
)
from scenes.style import CONTENT_BOTTOM

rates = st.floats(0, 1, allow_nan=False)
prevalences = st.floats(0, 1, exclude_min=True, exclude_max=True, allow_nan=False)
#: what the parameters accept: 0, 1, or at least FINEST from both
shown_rates = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(FINEST, 1 - FINEST))
shown_prevalences = st.floats(FINEST, 1 - FINEST)


# -- pure math ---------------------------------------------------------------------


@given(
    sick=st.integers(1, 60),
    healthy=st.integers(1, 60),
    data=st.data(),
)
def test_posterior_is_the_sick_share_of_an_explicit_population(sick, healthy, data):
    tp = data.draw(st.integers(0, sick), label="sick who test positive")
    fp = data.draw(st.integers(0, healthy), label="healthy who test positive")
    assume(tp + fp > 0)
    people = [("sick", i < tp) for i in range(sick)] + [
        ("healthy", i < fp) for i in range(healthy)
    ]
    positives = [status for status, positive in people if positive]
    counted = positives.count("sick") / len(positives)

    n = sick + healthy
    prevalence, sensitivity, specificity = sick / n, tp / sick, 1 - fp / healthy
    assert posterior(prevalence, sensitivity, specificity) == pytest.approx(
        counted, rel=1e-12, abs=1e-12
    )
    joint = joint_probabilities(prevalence, sensitivity, specificity)
    for key, people_in_piece in {
        "tp": tp,
        "fn": sick - tp,
        "fp": fp,
        "tn": healthy - fp,
    }.items():
        assert joint[key] == pytest.approx(people_in_piece / n, abs=1e-12)


@given(prevalences, rates, rates)
def test_the_four_areas_add_up_to_one(p, se, sp):
    joint = joint_probabilities(p, se, sp)
    assert all(v >= 0 for v in joint.values())
    assert math.fsum(joint.values()) == pytest.approx(1, abs=1e-12)
    assert positive_rate(p, se, sp) == pytest.approx(joint["tp"] + joint["fp"])


@given(prevalences, rates, rates, st.sampled_from([0.0, MIN_SHARE]))
def test_the_diagram_tiles_the_unit_square(p, se, sp, min_share):
    rects = area_diagram_rects(p, se, sp, min_share)
    assert math.fsum(w * h for _, _, w, h in rects.values()) == pytest.approx(
        1, abs=1e-12
    )
    for x, y, w, h in rects.values():
        assert 0 <= x and 0 <= y and w >= 0 and h >= 0
        assert x + w <= 1 + 1e-12 and y + h <= 1 + 1e-12
    # the sick column is left of the healthy one, positives on top
    assert rects["tp"][2] == rects["fn"][2]
    assert rects["fp"][0] == pytest.approx(rects["tp"][2])
    assert rects["tp"][1] == pytest.approx(rects["fn"][3])
    if min_share == 0:  # drawn exactly to scale: area is probability
        joint = joint_probabilities(p, se, sp)
        for k, (_, _, w, h) in rects.items():
            assert w * h == pytest.approx(joint[k], abs=1e-12)


@given(prevalences, rates, rates)
def test_thin_pieces_are_widened_but_never_vanish(p, se, sp):
    rects = area_diagram_rects(p, se, sp, MIN_SHARE)
    true = area_diagram_rects(p, se, sp, 0.0)
    for k in rects:
        w, h = rects[k][2:]
        tw, th = true[k][2:]
        # a piece with area is drawn at least MIN_SHARE thick; an empty one stays empty
        assert (w > 0 and h > 0) == (tw > 0 and th > 0)
        if w > 0 and h > 0:
            assert min(w, h) >= MIN_SHARE - 1e-12
    assert to_scale(p, se, sp) == all(rects[k] == true[k] for k in rects)


def test_a_rare_disease_is_widened_and_says_so():
    assert area_diagram_rects(0.001, 0.9, 0.9, MIN_SHARE)["tp"][2] == MIN_SHARE
    assert not to_scale(0.001, 0.9, 0.9)
    assert to_scale(0.05, 0.9, 0.9)  # the defaults are drawn to scale


@given(st.floats(0, 1), st.floats(0.001, 0.25))
def test_drawn_share_keeps_zero_and_one(share, min_share):
    drawn = drawn_share(share, min_share)
    if share in (0, 1):
        assert drawn == share
    else:
        assert min_share <= drawn <= 1 - min_share


@given(prevalences, rates, rates)
def test_posterior_is_a_probability(p, se, sp):
    assume(positive_rate(p, se, sp) > 0)
    assert 0 <= posterior(p, se, sp) <= 1


def test_posterior_is_undefined_when_no_one_tests_positive():
    with pytest.raises(ZeroDivisionError):
        posterior(0.3, 0.0, 1.0)


@given(prevalences, prevalences, st.floats(0.001, 1), st.floats(0, 0.999))
def test_posterior_increases_with_prevalence(p1, p2, se, sp):
    low, high = sorted((p1, p2))
    assert posterior(low, se, sp) <= posterior(high, se, sp) + 1e-12
    if high - low > 1e-3:
        assert posterior(low, se, sp) < posterior(high, se, sp)


def test_the_default_example():
    assert posterior(0.05, 0.9, 0.9) == pytest.approx(45 / 140)
    assert natural_frequencies(0.05, 0.9, 0.9) == {
        "population": 1000,
        "sick": 50,
        "healthy": 950,
        "tp": 45,
        "fn": 5,
        "fp": 95,
        "tn": 855,
        "positives": 140,
    }
    assert percent(posterior(0.05, 0.9, 0.9)) == "32"


@given(prevalences, rates, rates, st.integers(1, 10**9))
def test_natural_frequencies_add_up(p, se, sp, n):
    c = natural_frequencies(p, se, sp, n)
    assert c["population"] == n == c["sick"] + c["healthy"]
    assert c["sick"] == c["tp"] + c["fn"]
    assert c["healthy"] == c["fp"] + c["tn"]
    assert c["positives"] == c["tp"] + c["fp"]
    assert all(v >= 0 and isinstance(v, int) for v in c.values())
    # each count is its expected value, rounded
    assert abs(c["sick"] - n * p) <= 0.5 + 1e-6 * n
    assert abs(c["tp"] - c["sick"] * se) <= 0.5 + 1e-9 * n
    assert abs(c["fp"] - c["healthy"] * (1 - sp)) <= 0.5 + 1e-9 * n


@given(prevalences, rates, rates)
def test_the_reading_population_is_round_and_big_enough(p, se, sp):
    n = reading_population(p, se, sp)
    assert n in [10**k for k in range(3, 10)]
    c = natural_frequencies(p, se, sp, n)
    if n < 10**9:
        assert c["sick"] >= 10 and c["healthy"] >= 10
    assert reading_population(0.05, 0.9, 0.9) == 1000
    assert reading_population(0.001, 0.9, 0.9) == 10_000


@given(st.floats(0, 1))
def test_percent_is_what_a_decimal_number_shows(x):
    shown = percent(x)
    places = percent_places(x)
    # a DecimalNumber of value 100 x with these places prints the same digits
    assert f"{100 * x:.{places}f}" == shown
    if 1e-8 <= x <= 1 - 1e-8:  # a probability strictly inside never reads 0% or 100%
        assert float(shown) not in (0.0, 100.0)
    assert float(shown) == pytest.approx(100 * x, rel=0.06, abs=1e-6)


tiny_or_zero = st.one_of(st.just(0.0), st.floats(1e-12, 1))


@given(tiny_or_zero, tiny_or_zero)
def test_unequal_fractions_look_unequal(a, b):
    top, bottom = fraction_parts(a, b)
    if a != b and abs(a - b) > 1e-7 * max(a, b):
        assert top != bottom
    assert float(top) == pytest.approx(a, rel=0.01, abs=1e-8)


def test_formatting_examples():
    assert percent(0.05, 3) == "5"
    assert percent(0.999, 3) == "99.9"
    assert percent(posterior(0.001, 0.9, 0.9)) == "0.89"
    assert prob(0.045) == "0.045"
    assert prob(0.9) == "0.9"
    assert prob(0.1 * 0.95) == "0.095"
    assert count(10_000) == "10,000"
    assert comparison_prevalence(0.05) == 0.5
    assert comparison_prevalence(0.5) == 0.05


# -- parameters ----------------------------------------------------------------------


def _entry():
    return load_course().get("bayes-theorem")


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ({"prevalence": 0}, "prevalence"),
        ({"prevalence": 1}, "prevalence"),
        ({"prevalence": 1.5}, "prevalence"),
        ({"sensitivity": "high"}, "sensitivity"),
        ({"specificity": -0.1}, "specificity"),
        ({"sensitivity": 0, "specificity": 1}, "specificity"),
        ({"prevalence": 1e-9}, "prevalence"),
        ({"sensitivity": 1 - 1e-9}, "sensitivity"),
        ({"prevalence": 1e-6, "sensitivity": 1e-6, "specificity": 1}, "specificity"),
    ],
)
def test_invalid_parameters_fail_with_one_line_naming_the_parameter(given, name):
    with pytest.raises(ParamError) as caught:
        construct_only(_entry(), given)
    message = str(caught.value)
    assert "\n" not in message
    assert f"parameter '{name}'" in message
    assert caught.value.name == name


def test_no_one_testing_positive_says_why():
    with pytest.raises(ParamError, match="no one can test positive"):
        BayesTheorem.resolve_args({"sensitivity": 0, "specificity": 1})


@given(shown_prevalences, shown_rates, shown_rates)
@settings(max_examples=200)
def test_accepted_parameters_give_a_posterior_and_positives(p, se, sp):
    try:
        BayesTheorem.resolve_args(
            {"prevalence": p, "sensitivity": se, "specificity": sp}
        )
    except ParamError:
        assert (
            natural_frequencies(p, se, sp, reading_population(p, se, sp))["positives"]
            == 0
        )
        return
    assert 0 <= posterior(p, se, sp) <= 1
    assert (
        natural_frequencies(p, se, sp, reading_population(p, se, sp))["positives"] > 0
    )


# -- what the scene shows (construct only, no video) ----------------------------------
#
# Each parameter set is constructed once per module (a few seconds each) by the
# course's own entry, through a subclass that only adds a record of the lowest
# visible point at the end of every beat (for the caption-band check).

DEFAULT = {}
CUSTOM = {"prevalence": 0.3, "sensitivity": 0.75, "specificity": 0.95}
RARE = {"prevalence": 0.001}


def _visible(m: VMobject) -> bool:
    stroke = m.get_stroke_opacity() if m.get_stroke_width() > 0 else 0
    return max(float(stroke), float(m.get_fill_opacity())) > 0.01


class _Recorded:
    """The registry entry, with the lesson class wrapped to record each beat's lowest point."""

    slug = "bayes-theorem"

    def load(self):
        lesson = _entry().load()

        class Recorded(lesson):
            @contextlib.contextmanager
            def beat(self, text, **kwargs):
                with super().beat(text, **kwargs) as beat:
                    yield beat
                self.__dict__.setdefault("lowest", []).append(
                    min(
                        (
                            m.get_bottom()[1]
                            for top in self.mobjects
                            for m in top.get_family()
                            if isinstance(m, VMobject)
                            and m.has_points()
                            and _visible(m)
                        ),
                        default=0.0,
                    )
                )

        return Recorded


@pytest.fixture(scope="module")
def scenes():
    return {}


def _scene(cache, given):
    key = tuple(sorted(given.items()))
    if key not in cache:
        cache[key] = construct_only(_Recorded(), given)
    return cache[key]


def _beat(scene, opening):
    (beat,) = [b for b in scene.timeline.beats if b.text.startswith(opening)]
    return beat


def test_the_registry_names_this_lesson():
    assert _entry().load() is BayesTheorem


@pytest.mark.parametrize("given", [DEFAULT, CUSTOM], ids=["defaults", "custom"])
def test_the_numbers_on_screen_are_the_math(scenes, given):
    scene = _scene(scenes, given)
    args = BayesTheorem.resolve_args(given)
    p, se, sp = args.prevalence, args.sensitivity, args.specificity
    post = posterior(p, se, sp)
    joint = joint_probabilities(p, se, sp)

    # the prior and the likelihoods in the panel
    panel = _beat(scene, "You tested positive").shown
    assert rf"P(\text{{sick}}) = {percent(p, 3)}\%" in panel
    assert rf"P(+\mid\text{{sick}}) = {percent(se, 3)}\%" in panel
    assert rf"P(+\mid\text{{healthy}}) = {percent(1 - sp, 3)}\%" in panel
    assert f"sick {percent(p, 3)}%" in panel
    assert f"healthy {percent(1 - p, 3)}%" in panel

    # the positive areas under the bar, and the posterior read off it
    bar = _beat(scene, "Line the two positive pieces").shown
    assert prob(joint["tp"]) in bar and prob(joint["fp"]) in bar
    beat = _beat(scene, "The posterior")
    assert percent(post) in beat.shown  # the DecimalNumber, as it prints
    assert f"about {percent(post)}%." in beat.text

    # Bayes' formula with the numbers substituted
    beat = _beat(scene, "With our numbers")
    top, bottom = fraction_parts(joint["tp"], positive_rate(p, se, sp))
    formulas = " ".join(beat.shown)
    assert f"{prob(se)} \\times {prob(p)}" in formulas
    assert f"{prob(1 - sp)} \\times {prob(1 - p)}" in formulas
    assert f"{{{top} \\over {bottom}}} \\approx {percent(post)}\\%" in formulas

    # natural frequencies: every count on the diagram, and the fraction of positives
    n = reading_population(p, se, sp)
    c = natural_frequencies(p, se, sp, n)
    beat = _beat(scene, f"Of {count(n)} people")
    for key in ("tp", "fn", "fp", "tn"):
        assert count(c[key]) in beat.shown
    assert f"{count(n)} people tested" in beat.shown
    assert f"{count(c['sick'])} sick" in beat.shown
    assert f"{count(c['healthy'])} healthy" in beat.shown
    assert (
        f"{count(c['tp'])} of {count(c['positives'])} positives are sick" in beat.shown
    )
    assert (
        f"{count(c['tp'])} of the {count(c['positives'])} positives are sick."
        in beat.text
    )

    # base rates: the second prevalence and its posterior
    q = comparison_prevalence(p)
    beat = _beat(scene, "Base rates matter")
    assert percent(q, 3) in beat.shown
    assert percent(posterior(q, se, sp)) in beat.shown
    assert f"would mean {percent(posterior(q, se, sp))}%." in beat.text


def test_defaults_tell_the_classic_story(scenes):
    scene = _scene(scenes, DEFAULT)
    texts = [b.text for b in scene.timeline.beats]
    assert any("50 are sick and 45 of them test positive; so do 95" in t for t in texts)
    assert any("Only 45 of the 140 positives are sick." in t for t in texts)
    chapters = [b.chapter for b in scene.timeline.beats if b.chapter]
    assert chapters[0] == "Introduction" and chapters[-1] == "Recap"
    assert 2 <= len(chapters) - 2 <= 4
    assert "In machine learning" in chapters
    for beat in scene.timeline.beats:  # every beat has something to show
        assert beat.shown


@pytest.mark.parametrize(
    "given", [DEFAULT, CUSTOM, RARE], ids=["defaults", "custom", "rare"]
)
def test_no_layout_problems(scenes, given):
    scene = _scene(scenes, given)
    problems = [
        f"beat {b.index}: {w}" for b in scene.timeline.beats for w in b.warnings
    ]
    assert problems == []


@pytest.mark.parametrize(
    "given", [DEFAULT, CUSTOM, RARE], ids=["defaults", "custom", "rare"]
)
def test_nothing_enters_the_caption_band(scenes, given):
    scene = _scene(scenes, given)
    assert len(scene.lowest) == len(scene.timeline.beats)
    assert min(scene.lowest) >= CONTENT_BOTTOM


def test_default_duration_is_within_the_brief(scenes):
    plan = _scene(scenes, DEFAULT).plan()
    assert 45 <= plan.duration <= 180


def test_a_rare_disease_is_labelled_not_to_scale(scenes):
    rare = _beat(_scene(scenes, RARE), "You tested positive").shown
    default = _beat(_scene(scenes, DEFAULT), "You tested positive").shown
    note = "not to scale: thin strips widened"
    assert note in rare and note not in default
    assert "sick 0.1%" in rare
    assert "not to scale" in _beat(_scene(scenes, RARE), "Line the two").shown


# -- the magnified sick column and the spam filter ----------------------------------


@given(st.floats(1e-3, 10))
def test_the_zoom_makes_a_thin_column_legible_and_leaves_a_wide_one(width):
    k = zoom_factor(width)
    if width >= ZOOM_BELOW:
        assert k == 1
    else:
        assert k * width >= ZOOM_WIDTH - 1e-9  # at least 45 px at 480p
        assert (k - 1) * width < ZOOM_WIDTH  # the smallest such whole factor


def test_the_default_strip_is_magnified_four_times():
    # 5% of the 3.8-unit square is 0.19 units, about 11 px at 480p
    assert zoom_factor(0.05 * 3.8) == 4


@given(shown_prevalences, shown_rates, shown_rates, st.integers(0, 5))
def test_each_posterior_is_the_next_prior_and_matches_the_odds_form(p, se, sp, k):
    assume(se > 0 and sp < 1)  # someone tests positive at every step
    chain = sequential_posteriors(p, se, sp, k)
    assert len(chain) == k + 1 and chain[0] == p
    for before, after in itertools.pairwise(chain):
        assert after == posterior(before, se, sp)
    # naive Bayes in odds: each word multiplies the odds by the likelihood ratio
    odds = p / (1 - p) * (se / (1 - sp)) ** k
    assert chain[-1] == pytest.approx(odds / (1 + odds), rel=1e-9, abs=1e-12)


@given(st.floats(0, 1), st.floats(0, 1))
def test_the_update_verb_matches_the_direction(before, after):
    verb = update_verb(before, after)
    assert verb == (
        "raises" if after > before else "lowers" if after < before else "leaves"
    )


def test_mail_headings():
    assert mail_heading(()) == "all mail"
    assert mail_heading(SPAM_WORDS[:1]) == 'mail with "winner"'
    assert mail_heading(SPAM_WORDS) == "mail with all 3 words"


@pytest.mark.parametrize("given", [DEFAULT, CUSTOM], ids=["defaults", "custom"])
def test_the_spam_filter_says_and_shows_the_chain(scenes, given):
    scene = _scene(scenes, given)
    args = BayesTheorem.resolve_args(given)
    p, se, sp = args.prevalence, args.sensitivity, args.specificity
    chain = sequential_posteriors(p, se, sp, len(SPAM_WORDS))
    first = _beat(scene, "A spam filter reads mail")
    assert first.chapter == "In machine learning"
    assert f"{percent(se, 3)}% of spam" in first.text
    second = _beat(scene, f'A message with "{SPAM_WORDS[0]}"')
    assert (
        f"{update_verb(chain[0], chain[1])} its chance of spam to {percent(chain[1])}%"
        in second.text
    )
    third = _beat(scene, f'Then "{SPAM_WORDS[1]}"')
    assert f"{percent(chain[2])}%, then {percent(chain[3])}%" in third.text
    for word, value in zip(SPAM_WORDS, chain[1:], strict=True):
        assert f'+ "{word}"  →  {percent(value)}%' in " ".join(third.shown)


def test_the_default_strip_is_shown_magnified(scenes):
    shown = _beat(_scene(scenes, DEFAULT), "Only 5% of them are sick").shown
    assert "4× wider" in shown
    custom = _beat(_scene(scenes, CUSTOM), "Only 30% of them are sick").shown
    assert not any("wider" in t for t in custom)


def test_the_lesson_closes_over_its_picture_not_a_text_card(scenes):
    scene = _scene(scenes, DEFAULT)
    (recap,) = [b for b in scene.timeline.beats if b.chapter == "Recap"]
    assert recap.text.startswith("Posterior = prior")
    assert not any(
        b.text.startswith("In machine learning:") for b in scene.timeline.beats
    )
