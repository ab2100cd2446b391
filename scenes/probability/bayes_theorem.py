"""Bayes' theorem: a positive test for a rare disease, read off an area diagram.

Everyone tested is a unit square. A column as wide as the prevalence is sick, the
rest healthy (the prior). Each column splits by test result: the sensitivity of
the sick column tests positive, and so does ``1 - specificity`` of the healthy
column (the likelihoods). Given a positive test only the two positive pieces are
left, and the posterior ``P(sick | +)`` is the sick share of their area, which is
Bayes' formula. The same reading in people (natural frequencies) closes it, and
a second prevalence shows that base rates matter.

A sick column narrower than :data:`ZOOM_BELOW` (the default 5% strip is about
11 px at 480p) is also drawn magnified beside the square, a whole number of
times wider (:func:`zoom_factor`), with its labels. The machine-learning beat
reads mail through the same square: a naive Bayes spam filter whose posterior
after each word is the prior for the next (:func:`sequential_posteriors`). The
recap is one line over that square.

Everything the scene draws and says comes from the pure functions below (numpy
only), which the tests check on their own. Pieces thinner than :data:`MIN_SHARE`
of the square are widened to stay visible, and the diagram then says it is not
to scale.

General claims (text and narration), and why each holds:

- "Everyone tested is a square of area 1; the sick column's width is the
  prior": the pieces tile the unit square and have areas
  :func:`joint_probabilities` (tested: they add to 1, exact when to scale).
- "Sensitivity is the share of sick people who test positive; 1 - specificity
  the share of healthy people who do; those two rates are the likelihoods":
  definitions, P(+ | sick) and P(+ | healthy).
- "You tested positive, so you are in the bright area; the posterior is its sick
  share": conditioning restricts to the event +, so P(sick | +) =
  P(sick and +) / P(+) (tested against counts over explicit populations).
- "Posterior = likelihood x prior / P(+)": Bayes' theorem, the same ratio
  written with P(sick and +) = P(+ | sick) P(sick) (the substituted numbers are
  tested to equal :func:`posterior`).
- "Of N people, about ... are sick ...": :func:`natural_frequencies` rounds
  top-down so every count adds up (tested); "Only" is said only when the sick
  positives are fewer than the healthy ones.
- "Base rates matter": the posterior increases with the prior for a fixed test
  (tested with Hypothesis), and the second prevalence's posterior is computed.
- "Not to scale: thin strips widened" appears exactly when a piece was widened
  (:func:`to_scale`, tested); "k× wider" labels the magnified copy, whose factor
  is a whole number (tested).
- Spam filter: "words like 'winner' are in 90% of spam and 10% of other mail"
  is a made-up example using the lesson's sensitivity and 1 - specificity; "that
  raises (lowers, leaves) its chance of spam" is chosen by the direction of the
  update (:func:`update_verb`, Hypothesis-tested); "that posterior is the prior
  for the next word" and the chain of percentages hold "if the words turn up
  independently of each other within each kind of mail, which is what naive
  Bayes assumes", as the narration says (tested against the odds form: each word
  multiplies the odds by sensitivity / (1 - specificity)).
"""

from __future__ import annotations

import math

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Float
from mathreel.practice import Exercise
from scenes.kit import numbers as kit_numbers
from scenes.kit.numbers import fmt
from scenes.style import *

__all__ = [
    "FINEST",
    "MIN_SHARE",
    "SPAM_WORDS",
    "ZOOM_BELOW",
    "ZOOM_WIDTH",
    "BayesTheorem",
    "area_diagram_rects",
    "comparison_prevalence",
    "count",
    "displayable",
    "drawn_share",
    "fraction_parts",
    "joint_probabilities",
    "mail_heading",
    "natural_frequencies",
    "percent",
    "percent_places",
    "positive_rate",
    "posterior",
    "practice",
    "prob",
    "reading_population",
    "sequential_posteriors",
    "shared_places",
    "to_scale",
    "update_verb",
    "zoom_factor",
]

#: Thinnest share of the square (or of the bar) a piece is drawn with.
MIN_SHARE = 0.04
#: A sick column drawn narrower than this (scene units; 24 px at 480p) is also
#: shown magnified beside the square, at least :data:`ZOOM_WIDTH` wide.
ZOOM_BELOW = 0.4
ZOOM_WIDTH = 0.75
#: The words of the spam-filter beat, each as telling as the lesson's test.
SPAM_WORDS = ("winner", "free", "prize")
#: The largest population the natural-frequency reading counts.
MAX_POPULATION = 10**9
#: Rates nearer than this to 0 or 1 (other than 0 and 1 themselves) are too fine
#: to show as a percentage, so the parameters refuse them.
FINEST = 1e-6

#: The four pieces: sick and positive, sick and negative, healthy and positive, ...
PIECES = ("tp", "fn", "fp", "tn")
#: Colour of each piece: sick red, healthy blue.
COLORS = {"tp": RED, "fn": RED, "fp": BLUE, "tn": BLUE}


# -- the math ------------------------------------------------------------------------


def joint_probabilities(
    prevalence: float, sensitivity: float, specificity: float
) -> dict[str, float]:
    """The four areas of the diagram: P(sick and +), P(sick and -), and so on.

    Keys: ``tp`` (sick, positive), ``fn`` (sick, negative), ``fp`` (healthy,
    positive), ``tn`` (healthy, negative). They add up to 1.
    """
    p, se, sp = float(prevalence), float(sensitivity), float(specificity)
    return {
        "tp": p * se,
        "fn": p * (1.0 - se),
        "fp": (1.0 - p) * (1.0 - sp),
        "tn": (1.0 - p) * sp,
    }


def positive_rate(prevalence: float, sensitivity: float, specificity: float) -> float:
    """P(+): the share of everyone tested who tests positive (``tp + fp``)."""
    joint = joint_probabilities(prevalence, sensitivity, specificity)
    return joint["tp"] + joint["fp"]


def posterior(prevalence: float, sensitivity: float, specificity: float) -> float:
    """P(sick | +) = tp / (tp + fp): the sick share of the positive area.

    Raises ``ZeroDivisionError`` when no one can test positive.
    """
    joint = joint_probabilities(prevalence, sensitivity, specificity)
    positives = joint["tp"] + joint["fp"]
    if positives <= 0:
        raise ZeroDivisionError("P(+) is 0: no one tests positive")
    return min(1.0, max(0.0, joint["tp"] / positives))


def drawn_share(share: float, min_share: float = MIN_SHARE) -> float:
    """The share of a side a piece is drawn with: true, unless too thin to see.

    0 and 1 are kept (nothing to draw, or the whole side); anything else is kept
    within ``[min_share, 1 - min_share]`` so both parts stay visible.
    """
    share = float(share)
    if share <= 0.0 or share >= 1.0:
        return min(1.0, max(0.0, share))
    return float(np.clip(share, min_share, 1.0 - min_share))


def area_diagram_rects(
    prevalence: float,
    sensitivity: float,
    specificity: float,
    min_share: float = 0.0,
) -> dict[str, tuple[float, float, float, float]]:
    """The diagram's pieces as ``(x, y, width, height)`` in the unit square.

    The sick column is on the left, the healthy column on the right; in each,
    the positive piece is on top. With ``min_share = 0`` the areas are exactly
    :func:`joint_probabilities`; a positive ``min_share`` widens thin pieces
    (see :func:`drawn_share`). Pieces of zero area have zero width or height.
    """
    width = drawn_share(prevalence, min_share)
    tp_h = drawn_share(sensitivity, min_share)
    fp_h = drawn_share(1.0 - float(specificity), min_share)
    return {
        "tp": (0.0, 1.0 - tp_h, width, tp_h),
        "fn": (0.0, 0.0, width, 1.0 - tp_h),
        "fp": (width, 1.0 - fp_h, 1.0 - width, fp_h),
        "tn": (width, 0.0, 1.0 - width, 1.0 - fp_h),
    }


def to_scale(
    prevalence: float,
    sensitivity: float,
    specificity: float,
    min_share: float = MIN_SHARE,
) -> bool:
    """Whether the drawn diagram is exactly to scale (no piece was widened)."""
    drawn = area_diagram_rects(prevalence, sensitivity, specificity, min_share)
    true = area_diagram_rects(prevalence, sensitivity, specificity, 0.0)
    return all(np.allclose(drawn[k], true[k], rtol=0, atol=1e-12) for k in PIECES)


def _round_half_up(x: float) -> int:
    return int(np.floor(x + 0.5))


def natural_frequencies(
    prevalence: float, sensitivity: float, specificity: float, population: int = 1000
) -> dict[str, int]:
    """The diagram in people: whole counts out of ``population`` that add up.

    Rounded top-down: the sick count first, then each column's positives, so
    ``sick + healthy == population``, ``tp + fn == sick``, ``fp + tn == healthy``
    and ``positives == tp + fp``.
    """
    n = int(population)
    sick = min(n, max(0, _round_half_up(n * float(prevalence))))
    healthy = n - sick
    tp = min(sick, max(0, _round_half_up(sick * float(sensitivity))))
    fp = min(healthy, max(0, _round_half_up(healthy * (1.0 - float(specificity)))))
    return {
        "population": n,
        "sick": sick,
        "healthy": healthy,
        "tp": tp,
        "fn": sick - tp,
        "fp": fp,
        "tn": healthy - fp,
        "positives": tp + fp,
    }


def reading_population(
    prevalence: float, sensitivity: float, specificity: float
) -> int:
    """The round population the natural-frequency reading counts.

    The smallest of 1,000, 10,000, ... (at most :data:`MAX_POPULATION`) with
    about ten or more sick people, healthy people and positives, so no count
    that matters rounds to nothing.
    """
    p = float(prevalence)
    rate = positive_rate(prevalence, sensitivity, specificity)
    n = 1000
    while n < MAX_POPULATION and min(n * p, n * (1.0 - p), n * rate) < 10:
        n *= 10
    return n


def comparison_prevalence(prevalence: float) -> float:
    """A second prevalence that shows base rates matter: 50% for a rare
    disease (below 25%), else 5%."""
    return 0.5 if float(prevalence) < 0.25 else 0.05


def _significant_places(value: float, sig: int) -> int:
    if value == 0:
        return 0
    return sig - 1 - math.floor(math.log10(abs(value)))


def percent(x: float, sig: int = 2) -> str:
    """A probability as a percentage, without the sign: ``32``, ``0.89``, ``99.9``.

    ``sig`` significant digits (trailing zeros dropped), more when needed so a
    probability strictly between 0 and 1 never reads as 0% or 100%.
    """
    value = 100.0 * float(x)
    places = min(6, max(0, _significant_places(value, sig)))
    shown = f"{value:.{places}f}"
    while places < 8 and 0.0 < x < 1.0 and float(shown) in (0.0, 100.0):
        places += 1
        shown = f"{value:.{places}f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return shown


def percent_places(x: float, sig: int = 2) -> int:
    """Decimal places of :func:`percent` (for a ``DecimalNumber`` that shows it)."""
    shown = percent(x, sig)
    return len(shown.partition(".")[2])


def shared_places(*xs: float, sig: int = 2) -> int:
    """Decimal places for one ``DecimalNumber`` that moves through all of ``xs``."""
    return max(percent_places(x, sig) for x in xs)


def prob(x: float, sig: int = 3) -> str:
    """A probability as a decimal in formulas: ``0.9``, ``0.045``, ``0.0009``."""
    x = float(x)
    if x == 0:
        return "0"
    places = min(15, max(2, _significant_places(x, sig)))
    return fmt(x, places)


def fraction_parts(top: float, bottom: float) -> tuple[str, str]:
    """``prob(top), prob(bottom)`` with enough digits that unequal values look unequal.

    ``0.999 / 0.999001`` would read ``0.999 / 0.999`` at three digits; this gives
    ``0.999 / 0.999001``.
    """
    for sig in range(3, 9):
        parts = prob(top, sig), prob(bottom, sig)
        if parts[0] != parts[1] or top == bottom:
            return parts
    return parts


def zoom_factor(
    width: float, below: float = ZOOM_BELOW, target: float = ZOOM_WIDTH
) -> int:
    """How many times wider the sick column is redrawn beside the square.

    ``1`` (no zoom) when the drawn column is at least ``below`` scene units wide;
    otherwise the smallest whole factor that makes it at least ``target`` wide,
    so a 5% column on a 3.8-unit square (about 11 px at 480p) is shown 4 times
    wider (about 46 px).

    Parameters
    ----------
    width : float
        The drawn column's width in scene units (> 0).
    below, target : float
        Scene units; ``0 < below <= target``.
    """
    width = float(width)
    if width <= 0:
        raise ValueError(f"the column's width must be positive, got {width}")
    if width >= below:
        return 1
    return math.ceil(target / width - 1e-9)


def sequential_posteriors(
    prior: float, sensitivity: float, specificity: float, words: int
) -> list[float]:
    """A naive Bayes filter reading ``words`` words one at a time.

    Each word is found in ``sensitivity`` of spam and ``1 - specificity`` of
    other mail, independently given the class (naive Bayes' assumption), so
    each posterior is the prior for the next word. Returns ``words + 1``
    probabilities of spam: the prior first. Equal to the odds form
    ``odds_k = odds_0 * (sensitivity / (1 - specificity))**k`` (tested).
    """
    chain = [float(prior)]
    for _ in range(int(words)):
        chain.append(posterior(chain[-1], sensitivity, specificity))
    return chain


def update_verb(before: float, after: float) -> str:
    """How a word moved the chance of spam: ``raises``, ``lowers`` or ``leaves``."""
    if after > before:
        return "raises"
    if after < before:
        return "lowers"
    return "leaves"


def mail_heading(words: tuple[str, ...] | list[str]) -> str:
    """What the square stands for after reading ``words``: the mail that has them."""
    if not words:
        return "all mail"
    if len(words) == len(SPAM_WORDS) > 2:
        return f"mail with all {len(words)} words"
    return "mail with " + ", ".join(f'"{w}"' for w in words)


def count(n: int) -> str:
    """A head count with thousands separators: ``1,000``."""
    return f"{int(n):,}"


def displayable(value: float) -> str | None:
    """A parameter requirement: 0, 1, or a rate at least :data:`FINEST` from both."""
    if value in (0.0, 1.0) or FINEST <= value <= 1.0 - FINEST:
        return None
    return f"nearer than {FINEST:g} to 0 or 1, too fine to show as a percentage"


# -- parameters -------------------------------------------------------------------


class BayesTheorem(CourseLesson):
    """Prior, likelihood and posterior of a medical test, on an area diagram."""

    params = {
        "prevalence": Float(
            0.05,
            lo=0,
            hi=1,
            lo_open=True,
            hi_open=True,
            help="share of the people tested who are sick (the prior)",
            require=[displayable],
        ),
        "sensitivity": Float(
            0.9,
            lo=0,
            hi=1,
            help="share of sick people who test positive",
            require=[displayable],
        ),
        "specificity": Float(
            0.9,
            lo=0,
            hi=1,
            help="share of healthy people who test negative",
            require=[displayable],
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """Someone must be able to test positive, or P(sick | +) is undefined."""
        p, se, sp = args.prevalence, args.sensitivity, args.specificity
        counts = natural_frequencies(p, se, sp, reading_population(p, se, sp))
        if counts["positives"] > 0:
            return
        if positive_rate(p, se, sp) == 0:
            why = (
                "with sensitivity 0 and specificity 1 no one can test positive, "
                "so P(sick | +) is undefined"
            )
        else:
            why = (
                f"with sensitivity {se:g} and prevalence {p:g} fewer than one "
                "person in a billion tests positive"
            )
        raise ParamError(
            "specificity",
            f"{sp:g}",
            "a lower specificity, or a higher sensitivity, so that someone tests positive",
            why=why,
        )

    # -- storyboard ---------------------------------------------------------------
    def construct(self) -> None:
        p, se, sp = self.args.prevalence, self.args.sensitivity, self.args.specificity
        self.layout()
        self.zoom_k = zoom_factor(drawn_share(p, MIN_SHARE) * self.side)
        self.title_card(
            "Bayes' theorem", "You tested positive. How likely is it that you are sick?"
        )
        self.everyone()
        self.prior(p, se, sp)
        self.sick_column_split(p, se, sp)
        self.healthy_column_split(p, se, sp)
        self.keep_positives()
        self.line_up_positives(p, se, sp)
        self.read_posterior(p, se, sp)
        self.bayes_formula()
        self.substitute(p, se, sp)
        self.in_people(p, se, sp)
        self.base_rates(p, se, sp)
        self.spam_filter(p, se, sp)
        self.recap_picture()

    # -- geometry -------------------------------------------------------------------
    def layout(self) -> None:
        """The square on the left, clear of the caption band; formulas on the right."""
        self.side = 3.8
        # room below the square for the "not to scale" note, above the captions;
        # room on the left for the magnified sick column and its labels
        self.corner = np.array([-4.0, CONTENT_BOTTOM + 0.85, 0.0])  # bottom-left
        self.zoom_gap = 0.45  # between the square and the magnified column
        self.zoom_on = False
        self.right_x = 0.85  # left edge of the right-hand column
        self.right_center = np.array(
            [(self.right_x + config.frame_width / 2) / 2, 0.0, 0.0]
        )

    def at(self, x: float, y: float) -> np.ndarray:
        """Scene point of a unit-square point."""
        return self.corner + self.side * np.array([x, y, 0.0])

    def rect(
        self, box: tuple[float, float, float, float], color: str, opacity: float
    ) -> Rectangle:
        x, y, w, h = box
        piece = Rectangle(
            width=max(w, 1e-4) * self.side,
            height=max(h, 1e-4) * self.side,
            stroke_color=BACKGROUND,
            stroke_width=2,
            fill_color=color,
            fill_opacity=opacity,
        )
        return piece.move_to(self.at(x + w / 2, y + h / 2))

    def zoom_left(self, p: float) -> float:
        """Scene x of the magnified sick column's left edge."""
        width = self.zoom_k * drawn_share(p, MIN_SHARE) * self.side
        return float(self.corner[0]) - self.zoom_gap - width

    def zoom_rect(
        self, box: tuple[float, float, float, float], color: str, opacity: float
    ) -> Rectangle:
        """A sick-column piece redrawn :attr:`zoom_k` times wider, left of the square."""
        _, y, _, h = box
        piece = self.rect(box, color, opacity)
        piece.stretch(self.zoom_k, 0)
        right = float(self.corner[0]) - self.zoom_gap
        return piece.move_to([right - piece.width / 2, self.at(0, y + h / 2)[1], 0])

    def zoom_frame(self, p: float) -> VGroup:
        """Dashed lines from the strip to its magnified copy, and the factor."""
        right = float(self.corner[0]) - self.zoom_gap
        lines = VGroup(
            *(
                DashedLine(
                    self.at(0, y), [right, self.at(0, y)[1], 0], color=MUTED
                ).set_stroke(width=2)
                for y in (0, 1)
            )
        )
        factor = text(f"{self.zoom_k}× wider", SMALL, MUTED)
        factor.next_to(self.at(0, 0), DOWN, buff=0.15)
        factor.align_to([self.zoom_left(p), 0, 0], LEFT)
        return VGroup(lines, factor)

    def pieces(
        self, p: float, se: float, sp: float, *, bright: dict[str, float] | None = None
    ) -> dict[str, Rectangle]:
        """The pieces as drawn (thin ones widened); empty pieces are left out."""
        boxes = area_diagram_rects(p, se, sp, MIN_SHARE)
        opacity = {"tp": 0.9, "fn": 0.3, "fp": 0.9, "tn": 0.3} | (bright or {})
        return {
            k: self.rect(boxes[k], COLORS[k], opacity[k])
            for k in PIECES
            if boxes[k][2] > 0 and boxes[k][3] > 0
        }

    def side_labels(
        self, p: float, se: float, sp: float, numbers: dict[str, str]
    ) -> dict[str, VGroup]:
        """ "positive 90%" beside each piece: left of the sick column, right of the
        healthy one. Only pieces that are drawn get one."""
        boxes = area_diagram_rects(p, se, sp, MIN_SHARE)
        labels = {}
        for key, number in numbers.items():
            _, y, w, h = boxes[key]
            if w <= 0 or h <= 0:
                continue
            word = "positive" if key in ("tp", "fp") else "negative"
            left = key in ("tp", "fn")
            label = VGroup(
                text(word, SMALL, COLORS[key]), text(number, SMALL, COLORS[key])
            )
            label.arrange(DOWN, buff=0.08, aligned_edge=RIGHT if left else LEFT)
            if left and self.zoom_on:
                anchor = [self.zoom_left(p), self.at(0, y + h / 2)[1], 0]
                label.next_to(anchor, LEFT, buff=0.15)
            elif left:
                label.next_to(self.at(0, y + h / 2), LEFT, buff=0.15)
            else:
                label.next_to(self.at(1, y + h / 2), RIGHT, buff=0.15)
            if key in ("fn", "tn") and self.positives_chosen:
                label.set_color(MUTED)
            labels[key] = label
        return labels

    def rate_labels(self, p: float, se: float, sp: float) -> dict[str, VGroup]:
        rates = {"tp": se, "fn": 1 - se, "fp": 1 - sp, "tn": sp}
        return self.side_labels(
            p, se, sp, {k: percent(v, 3) + "%" for k, v in rates.items()}
        )

    def column_labels(self, p: float, sick: str, healthy: str) -> VGroup:
        """Braces over the two columns with their labels."""
        w = drawn_share(p, MIN_SHARE)
        out = VGroup()
        for (x0, x1), words, color in (((0, w), sick, RED), ((w, 1), healthy, BLUE)):
            span = Line(self.at(x0, 1), self.at(x1, 1))
            brace = Brace(span, UP, buff=0.08, color=color)
            label = text(words, SMALL, color).next_to(brace, UP, buff=0.08)
            out.add(VGroup(brace, label))
        # long labels: the one over the wider column makes way
        sick_label, healthy_label = out[0][1], out[1][1]
        overlap = sick_label.get_right()[0] + 0.25 - healthy_label.get_left()[0]
        if overlap > 0:
            if w < 0.5:
                healthy_label.shift(overlap * RIGHT)
            else:
                sick_label.shift(overlap * LEFT)
        return out

    def redraw(
        self, value: float, se: float, sp: float, names: tuple[str, str]
    ) -> None:
        """The diagram (pieces, outlines, column braces) at prevalence ``value``."""
        drawn = self.pieces(value, se, sp, bright={"fn": 0.1, "tn": 0.1})
        for k in self.piece:
            self.piece[k].become(drawn[k])
        outlined = [k for k in ("tp", "fp") if k in self.piece]
        for outline, k in zip(self.outlines, outlined, strict=True):
            outline.become(
                drawn[k].copy().set_fill(opacity=0).set_stroke(ACCENT, width=4)
            )
        moved = self.column_labels(value, *names)
        for old, new in zip(self.columns, moved, strict=True):
            old[0].become(new[0])
            old[1].move_to(new[1])

    def fit_right(self, mob: VGroup) -> None:
        """Keep a formula inside the right-hand column (shrinking it at most to SMALL)."""
        room = config.frame_width / 2 - 0.2 - mob.get_left()[0]
        if mob.width > room:
            mob.scale(max(room / mob.width, SMALL / 36), about_edge=LEFT)

    def percent_number(
        self, value: float, places: int, formula: VGroup, size: float, color: str
    ) -> DecimalNumber:
        """A percentage after a formula, on the formula's baseline."""
        number = DecimalNumber(
            value, num_decimal_places=places, unit=r"\%", font_size=size, color=color
        )
        number.next_to(formula, RIGHT, buff=0.2)
        return number.align_to(formula[0][0], DOWN)

    # -- beats ----------------------------------------------------------------------
    def everyone(self) -> None:
        self.positives_chosen = False
        self.square = Rectangle(
            width=self.side,
            height=self.side,
            stroke_color=INK,
            stroke_width=3,
            fill_color=MUTED,
            fill_opacity=0.25,
        ).move_to(self.at(0.5, 0.5))
        self.heading = text("everyone tested", SMALL, MUTED).move_to(
            self.at(0.5, 1) + 1.15 * UP
        )
        with self.beat(
            "Picture everyone who takes the test as a square of area 1.",
            chapter="The area diagram",
        ):
            self.play(Create(self.square), run_time=1.2)
            self.play(FadeIn(self.heading), run_time=0.5)

    def prior(self, p: float, se: float, sp: float) -> None:
        w = drawn_share(p, MIN_SHARE)
        self.sick_col = self.rect((0, 0, w, 1), RED, 0.6)
        self.healthy_col = self.rect((w, 0, 1 - w, 1), BLUE, 0.6)
        self.columns = self.column_labels(
            p, f"sick {percent(p, 3)}%", f"healthy {percent(1 - p, 3)}%"
        )
        self.rows = self.named_rows(p, se, sp)
        self.note = None
        if not to_scale(p, se, sp):
            self.note = text("not to scale: thin strips widened", SMALL, MUTED)
            self.note.next_to(self.square, DOWN, buff=0.45)
            self.note.align_to(self.square, RIGHT)
        self.zoom_on = self.zoom_k > 1
        self.zoom_piece: dict[str, Rectangle] = {}
        if self.zoom_on:
            self.zoom_col = self.zoom_rect((0, 0, w, 1), RED, 0.6)
            self.zoom_lines = self.zoom_frame(p)
        with self.beat(
            f"Only {percent(p, 3)}% of them are sick. That is the prior: "
            "your chance of being sick before any test.",
        ):
            self.play(FadeIn(self.sick_col), FadeIn(self.healthy_col), run_time=1)
            self.play(FadeIn(self.columns), run_time=0.8)
            if self.zoom_on:
                self.play(
                    ReplacementTransform(self.sick_col.copy(), self.zoom_col),
                    FadeIn(self.zoom_lines),
                    run_time=0.8,
                )
            if self.note is not None:
                self.play(FadeIn(self.note), run_time=0.5)
            self.play(FadeIn(self.rows[0]), run_time=0.8)

    def named_rows(self, p: float, se: float, sp: float) -> list[VGroup]:
        """The right-hand panel: prior, the two likelihoods, the posterior."""
        names = [
            ("prior", PURPLE),
            ("likelihood", GREEN),
            ("", GREEN),
            ("posterior", ACCENT),
        ]
        formulas = [
            tex(r"P(\text{sick})", "=", percent(p, 3) + r"\%", size=36),
            tex(r"P(+\mid\text{sick})", "=", percent(se, 3) + r"\%", size=36),
            tex(r"P(+\mid\text{healthy})", "=", percent(1 - sp, 3) + r"\%", size=36),
            tex(r"P(\text{sick}\mid +)", r"\approx", size=36),
        ]
        rows = []
        for i, (f, (name, color)) in enumerate(zip(formulas, names, strict=True)):
            f[0].set_color(color)
            f.move_to([0, 2.9 - 0.75 * i, 0]).align_to([self.right_x + 2.0, 0, 0], LEFT)
            row = VGroup(f)
            if name:
                label = text(name, SMALL, color)
                label.next_to(f, LEFT, buff=0.3).align_to(
                    [self.right_x + 1.75, 0, 0], RIGHT
                )
                label.match_y(f)
                row = VGroup(label, f)
            rows.append(row)
        return rows

    def sick_column_split(self, p: float, se: float, sp: float) -> None:
        drawn = self.pieces(p, se, sp)
        self.piece = {k: drawn[k] for k in ("tp", "fn") if k in drawn}
        rates = self.rate_labels(p, se, sp)
        self.labels = {k: rates[k] for k in ("tp", "fn") if k in rates}
        moves = [ReplacementTransform(self.sick_col, VGroup(*self.piece.values()))]
        if self.zoom_on:
            boxes = area_diagram_rects(p, se, sp, MIN_SHARE)
            self.zoom_piece = {
                k: self.zoom_rect(boxes[k], COLORS[k], {"tp": 0.9, "fn": 0.3}[k])
                for k in self.piece
            }
            moves.append(
                ReplacementTransform(self.zoom_col, VGroup(*self.zoom_piece.values()))
            )
        with self.beat(
            f"The test catches {percent(se, 3)}% of sick people, its sensitivity: "
            "the true positives.",
        ):
            self.play(*moves, run_time=1.2)
            self.play(
                *(FadeIn(m) for m in self.labels.values()),
                FadeIn(self.rows[1]),
                run_time=0.8,
            )

    def healthy_column_split(self, p: float, se: float, sp: float) -> None:
        drawn = self.pieces(p, se, sp)
        new = {k: drawn[k] for k in ("fp", "tn") if k in drawn}
        self.piece.update(new)
        rates = self.rate_labels(p, se, sp)
        labels = {k: rates[k] for k in ("fp", "tn") if k in rates}
        self.labels.update(labels)
        with self.beat(
            f"With {percent(sp, 3)}% specificity, {percent(1 - sp, 3)}% of healthy people "
            "still test positive. Those two rates are the likelihoods.",
        ):
            self.play(
                ReplacementTransform(self.healthy_col, VGroup(*new.values())),
                run_time=1.2,
            )
            self.play(
                *(FadeIn(m) for m in labels.values()),
                FadeIn(self.rows[2]),
                run_time=0.8,
            )

    def keep_positives(self) -> None:
        self.positives_chosen = True
        negatives = [k for k in ("fn", "tn") if k in self.piece]
        dim = [self.piece[k].animate.set_fill(opacity=0.1) for k in negatives]
        dim += [self.labels[k].animate.set_color(MUTED) for k in negatives]
        dim += [
            self.zoom_piece[k].animate.set_fill(opacity=0.1)
            for k in negatives
            if k in self.zoom_piece
        ]
        self.outlines = VGroup(
            *(
                self.piece[k].copy().set_fill(opacity=0).set_stroke(ACCENT, width=4)
                for k in ("tp", "fp")
                if k in self.piece
            )
        )
        self.zoom_outline = VGroup(
            *(
                self.zoom_piece[k]
                .copy()
                .set_fill(opacity=0)
                .set_stroke(ACCENT, width=4)
                for k in ("tp",)
                if k in self.zoom_piece
            )
        )
        with self.beat(
            "You tested positive, so you are somewhere in the bright area. "
            "The rest is ruled out.",
            chapter="Reading off the posterior",
        ):
            self.play(*dim, run_time=1)
            self.play(Create(self.outlines), Create(self.zoom_outline), run_time=1)

    def line_up_positives(self, p: float, se: float, sp: float) -> None:
        joint = joint_probabilities(p, se, sp)
        share = drawn_share(posterior(p, se, sp), MIN_SHARE)
        length, height, y = 5.4, 0.55, -1.7
        left = self.right_center[0] - length / 2
        spans = {"tp": (0.0, share), "fp": (share, 1.0)}
        self.bar = {
            k: Rectangle(
                width=(b - a) * length,
                height=height,
                stroke_color=BACKGROUND,
                stroke_width=2,
                fill_color=COLORS[k],
                fill_opacity=0.9,
            ).move_to([left + (a + b) / 2 * length, y, 0])
            for k, (a, b) in spans.items()
            if b > a
        }
        labels = {
            k: text(prob(joint[k]), SMALL, COLORS[k]).next_to(bar, DOWN, buff=0.15)
            for k, bar in self.bar.items()
        }
        if "tp" in labels:  # labels stay under the bar, then move apart if they touch
            labels["tp"].shift(max(0.0, left - labels["tp"].get_left()[0]) * RIGHT)
        if "fp" in labels:
            right = left + length
            labels["fp"].shift(max(0.0, labels["fp"].get_right()[0] - right) * LEFT)
        if len(labels) == 2:
            gap = labels["fp"].get_left()[0] - labels["tp"].get_right()[0]
            if gap < 0.3:
                wide = "tp" if share >= 0.5 else "fp"
                labels[wide].shift((0.3 - gap) * (LEFT if wide == "tp" else RIGHT))
        self.bar_labels = VGroup(*labels.values())
        self.bar_title = VGroup(
            text("tested positive", SMALL, ACCENT).next_to(
                VGroup(*self.bar.values()), UP, buff=0.2
            )
        )
        if share != posterior(p, se, sp):
            note = text("not to scale", SMALL, MUTED).next_to(
                self.bar_title, RIGHT, buff=0.4
            )
            self.bar_title.add(note)
            self.bar_title.move_to([self.right_center[0], self.bar_title.get_y(), 0])
        with self.beat(
            "Line the two positive pieces up and compare their areas.",
        ):
            self.play(
                *(
                    ReplacementTransform(self.piece[k].copy(), bar)
                    for k, bar in self.bar.items()
                ),
                run_time=1.5,
            )
            self.play(FadeIn(self.bar_title), FadeIn(self.bar_labels), run_time=0.8)

    def read_posterior(self, p: float, se: float, sp: float) -> None:
        post = posterior(p, se, sp)
        row = self.rows[3]
        number = self.percent_number(0, percent_places(post), row[1], 36, ACCENT)
        left = number.get_left()
        tracker = ValueTracker(0)

        def follow(mob: DecimalNumber) -> None:
            mob.set_value(100 * tracker.get_value()).align_to(left, LEFT)

        with self.beat(
            "The posterior, your chance of being sick given a positive test, "
            f"is the sick share: about {percent(post)}%.",
        ):
            self.play(FadeIn(row), FadeIn(number), run_time=0.6)
            number.add_updater(follow)
            self.play(tracker.animate.set_value(post), run_time=1.5)
            number.clear_updaters()
            number.set_value(100 * post).align_to(left, LEFT)
        self.play(
            FadeOut(
                *self.rows, number, *self.bar.values(), self.bar_labels, self.bar_title
            ),
            run_time=0.6,
        )

    def bayes_formula(self) -> None:
        words = tex(
            r"\text{posterior}",
            "=",
            r"{\text{likelihood}",
            r"\times",
            r"\text{prior}",
            r"\over",
            r"P(+)}",
            size=36,
        )
        symbols = tex(
            r"P(\text{sick}\mid +)",
            "=",
            r"{P(+\mid\text{sick})",
            r"\,",
            r"P(\text{sick})",
            r"\over",
            r"P(+)}",
            size=36,
        )
        for line in (words, symbols):
            line[0].set_color(ACCENT)
            line[2].set_color(GREEN)
            line[4].set_color(PURPLE)
        self.formula = VGroup(words, symbols).arrange(
            DOWN, buff=0.45, aligned_edge=LEFT
        )
        self.formula.move_to(self.right_center + 1.6 * UP).align_to(
            [self.right_x, 0, 0], LEFT
        )
        with self.beat(
            "Bayes' theorem says the same: posterior equals likelihood times prior, "
            "over the chance of testing positive.",
            chapter="Bayes' formula",
        ):
            self.play(Write(words), run_time=1.5)
            self.play(FadeIn(symbols, shift=0.2 * DOWN), run_time=1)

    def substitute(self, p: float, se: float, sp: float) -> None:
        joint = joint_probabilities(p, se, sp)
        post = posterior(p, se, sp)
        evidence = positive_rate(p, se, sp)
        numbers = tex(
            "=",
            "{" + prob(se),
            r"\times",
            prob(p),
            r"\over",
            prob(se),
            r"\times",
            prob(p),
            "+",
            prob(1 - sp),
            r"\times",
            prob(1 - p) + "}",
            size=36,
        )
        numbers[1].set_color(GREEN)
        numbers[3].set_color(PURPLE)
        for i in (5, 6, 7):
            numbers[i].set_color(RED)
        for i in (9, 10, 11):
            numbers[i].set_color(BLUE)
        top, bottom = fraction_parts(joint["tp"], evidence)
        result = tex(
            "=",
            "{" + top,
            r"\over",
            bottom + "}",
            r"\approx",
            percent(post) + r"\%",
            size=36,
        )
        result[1].set_color(RED)
        result[5].set_color(ACCENT)
        lines = VGroup(numbers, result).arrange(DOWN, buff=0.4, aligned_edge=LEFT)
        lines.next_to(self.formula, DOWN, buff=0.4).align_to(self.formula, LEFT)
        lines.shift(0.6 * RIGHT)
        self.fit_right(lines)
        self.formula.add(lines)
        with self.beat(
            f"With our numbers: {top} over {bottom}, about {percent(post)}% again.",
            key=True,
        ):
            self.play(FadeIn(numbers, shift=0.2 * DOWN), run_time=1)
            self.play(FadeIn(result, shift=0.2 * DOWN), run_time=1)
        self.play(FadeOut(self.formula), run_time=0.6)

    def in_people(self, p: float, se: float, sp: float) -> None:
        n = reading_population(p, se, sp)
        c = natural_frequencies(p, se, sp, n)
        heading = text(f"{count(n)} people tested", SMALL, MUTED).move_to(self.heading)
        columns = self.column_labels(
            p, f"{count(c['sick'])} sick", f"{count(c['healthy'])} healthy"
        )
        counts = self.side_labels(p, se, sp, {k: count(c[k]) for k in self.labels})
        fraction = tex(
            "{" + count(c["tp"]),
            r"\over",
            count(c["tp"]),
            "+",
            count(c["fp"]) + "}",
            "=",
            "{" + count(c["tp"]),
            r"\over",
            count(c["positives"]) + "}",
            r"\approx",
            percent(c["tp"] / c["positives"]) + r"\%",
            size=40,
        )
        for i in (0, 2, 6):
            fraction[i].set_color(RED)
        fraction[4].set_color(BLUE)
        fraction[10].set_color(ACCENT)
        reading = text(
            f"{count(c['tp'])} of {count(c['positives'])} positives are sick",
            SMALL,
            INK,
        )
        self.people = VGroup(fraction, reading).arrange(DOWN, buff=0.45)
        self.people.move_to(self.right_center + 0.4 * UP)
        # clear of the healthy column's labels, which reach past the square's edge
        self.people.shift(
            max(0.0, self.right_x + 0.8 - self.people.get_left()[0]) * RIGHT
        )
        self.fit_right(self.people)
        so = "Only " if c["tp"] < c["fp"] else "So "
        healthy = (
            f"so do {count(c['fp'])} healthy people"
            if c["fp"]
            else "no healthy person does"
        )
        with self.beat(
            f"Of {count(n)} people, about {count(c['sick'])} are sick and "
            f"{count(c['tp'])} of them test positive; {healthy}. "
            f"{so}{count(c['tp'])} of the {count(c['positives'])} positives are sick.",
        ):
            self.play(
                ReplacementTransform(self.heading, heading),
                ReplacementTransform(self.columns, columns),
                *(ReplacementTransform(self.labels[k], counts[k]) for k in self.labels),
                run_time=1.2,
            )
            self.heading, self.columns, self.labels = heading, columns, counts
            self.play(FadeIn(self.people), run_time=1)

    def base_rates(self, p: float, se: float, sp: float) -> None:
        q = comparison_prevalence(p)
        post_p, post_q = posterior(p, se, sp), posterior(q, se, sp)
        heading = text("everyone tested", SMALL, MUTED).move_to(self.heading)
        columns = self.column_labels(p, "sick", "healthy")
        zoom = [*self.zoom_piece.values(), self.zoom_outline]
        if self.zoom_on:
            zoom.append(self.zoom_lines)
        self.zoom_on = False  # the sick column is about to widen
        rates = self.rate_labels(p, se, sp)
        self.play(
            FadeOut(self.people, *zoom),
            ReplacementTransform(self.heading, heading),
            ReplacementTransform(self.columns, columns),
            *(ReplacementTransform(self.labels[k], rates[k]) for k in self.labels),
            run_time=0.8,
        )
        self.heading, self.columns, self.labels = heading, columns, rates

        prior_row = tex(r"P(\text{sick})", "=", size=40)
        post_row = tex(r"P(\text{sick}\mid +)", r"\approx", size=40)
        names = VGroup(text("prior", SMALL, PURPLE), text("posterior", SMALL, ACCENT))
        for row, name, y in ((prior_row, names[0], 1.05), (post_row, names[1], 0.2)):
            row[0].set_color(name.color)
            row.move_to([0, y, 0]).align_to([self.right_x + 2.0, 0, 0], LEFT)
            name.match_y(row).align_to([self.right_x + 1.75, 0, 0], RIGHT)
        prior_number = self.percent_number(
            100 * p, shared_places(p, q, sig=3), prior_row, 40, PURPLE
        )
        post_number = self.percent_number(
            100 * post_p, shared_places(post_p, post_q), post_row, 40, ACCENT
        )
        prior_left, post_left = prior_number.get_left(), post_number.get_left()
        tracker = ValueTracker(p)

        def redraw(value: float) -> None:
            self.redraw(value, se, sp, ("sick", "healthy"))

        def follow_prior(number: DecimalNumber) -> None:
            number.set_value(100 * tracker.get_value()).align_to(prior_left, LEFT)

        def follow_post(number: DecimalNumber) -> None:
            value = posterior(tracker.get_value(), se, sp)
            number.set_value(100 * value).align_to(post_left, LEFT)

        with self.beat(
            f"Base rates matter: if {percent(q, 3)}% of those tested were sick, not "
            f"{percent(p, 3)}%, the same positive test would mean {percent(post_q)}%.",
        ):
            self.play(
                FadeIn(names, prior_row, prior_number, post_row, post_number),
                run_time=0.6,
            )
            self.square.add_updater(lambda _: redraw(tracker.get_value()))
            prior_number.add_updater(follow_prior)
            post_number.add_updater(follow_post)
            self.play(tracker.animate.set_value(q), run_time=2.5)
            for mob in (self.square, prior_number, post_number):
                mob.clear_updaters()
            redraw(q)
            # settle on the same digits as everywhere else: percent(q), percent(post_q)
            prior_number.num_decimal_places = percent_places(q, sig=3)
            post_number.num_decimal_places = percent_places(post_q)
            prior_number.set_value(100 * q).align_to(prior_left, LEFT)
            post_number.set_value(100 * post_q).align_to(post_left, LEFT)
            if self.note is not None and to_scale(q, se, sp):
                self.play(FadeOut(self.note), run_time=0.4)
        self.base_panel = VGroup(names, prior_row, prior_number, post_row, post_number)
        self.shown_prevalence = q

    def spam_filter(self, p: float, se: float, sp: float) -> None:
        """Naive Bayes: the same square for mail, each posterior the next prior."""
        chain = sequential_posteriors(p, se, sp, len(SPAM_WORDS))
        tracker = ValueTracker(self.shown_prevalence)
        names = ("spam", "other mail")
        heading = text(mail_heading(()), SMALL, MUTED).move_to(self.heading)
        legend = text(
            wrap(
                f"each word is in {percent(se, 3)}% of spam "
                f"and {percent(1 - sp, 3)}% of other mail",
                30,
            ),
            SMALL,
            INK,
        )
        rows = VGroup(
            text(f"spam before reading: {percent(p, 3)}%", SMALL, PURPLE),
            *(
                text(f'+ "{word}"  →  {percent(after)}%', SMALL, ACCENT)
                for word, after in zip(SPAM_WORDS, chain[1:], strict=True)
            ),
        ).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        panel_ = VGroup(legend, rows).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        panel_.move_to([0, 0.5, 0]).align_to([self.right_x + 0.3, 0, 0], LEFT)
        self.chain_rows = rows

        def follow(_: object) -> None:
            self.redraw(tracker.get_value(), se, sp, names)

        fade = [self.base_panel, *self.labels.values()]
        if self.note is not None and not to_scale(self.shown_prevalence, se, sp):
            fade.append(self.note)
        with self.beat(
            f"A spam filter reads mail the same way. Say {percent(p, 3)}% of mail is "
            f'spam, and words like "{SPAM_WORDS[0]}" are in {percent(se, 3)}% of spam '
            f"but only {percent(1 - sp, 3)}% of other mail.",
            chapter="In machine learning",
        ):
            columns = self.column_labels(self.shown_prevalence, *names)
            self.play(
                FadeOut(*fade),
                ReplacementTransform(self.heading, heading),
                ReplacementTransform(self.columns, columns),
                run_time=0.6,
            )
            self.heading, self.columns = heading, columns
            self.square.add_updater(follow)
            self.play(tracker.animate.set_value(p), run_time=1.5)
            self.square.remove_updater(follow)
            self.play(FadeIn(legend), FadeIn(rows[0]), run_time=0.8)
        first = update_verb(chain[0], chain[1])
        with self.beat(
            f'A message with "{SPAM_WORDS[0]}" is in the bright area: that {first} its '
            f"chance of spam to {percent(chain[1])}%. And that posterior is the prior "
            "for the next word.",
        ):
            self.play(FadeIn(rows[1], shift=0.2 * RIGHT), run_time=0.8)
            self.wait(0.6)
            self.square.add_updater(follow)
            self.play(
                tracker.animate.set_value(chain[1]),
                self.retitle(mail_heading(SPAM_WORDS[:1])),
                run_time=1.5,
            )
            self.square.remove_updater(follow)
        with self.beat(
            f'Then "{SPAM_WORDS[1]}" and "{SPAM_WORDS[2]}": {percent(chain[2])}%, then '
            f"{percent(chain[3])}%, if the words turn up independently of each other "
            "within each kind of mail, which is what naive Bayes assumes.",
        ):
            self.square.add_updater(follow)
            for k, (row, value) in enumerate(zip(rows[2:], chain[2:], strict=True)):
                self.play(FadeIn(row, shift=0.2 * RIGHT), run_time=0.6)
                self.play(
                    tracker.animate.set_value(value),
                    self.retitle(mail_heading(SPAM_WORDS[: k + 2])),
                    run_time=1.2,
                )
            self.square.remove_updater(follow)

    def retitle(self, words: str) -> ReplacementTransform:
        """The square's heading becomes ``words``."""
        heading = text(words, SMALL, MUTED).move_to(self.heading)
        move = ReplacementTransform(self.heading, heading)
        self.heading = heading
        return move

    def recap_picture(self) -> None:
        self.recap_over(
            list(self.mobjects),  # the square after the words, and the chain
            "Posterior = prior × likelihood / P(evidence).",
            say="The posterior is prior times likelihood, over the chance of the "
            "evidence: the bright area's share. And it becomes the next prior.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on a positive test for a rare condition, numbers drawn from ``seed``.

    A new prevalence, sensitivity and specificity for each seed. Three
    exercises: the share who test positive (:func:`positive_rate`); the chance a
    positive is sick (:func:`posterior`); and the same in people out of 10,000
    (:func:`natural_frequencies`).
    """
    rng = np.random.default_rng(seed)
    fmt = kit_numbers.fmt
    prevalence = float(rng.choice([0.01, 0.02, 0.05, 0.1, 0.2]))
    sensitivity = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
    specificity = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
    rates = (prevalence, sensitivity, specificity)
    joint = joint_probabilities(*rates)
    positive = positive_rate(*rates)
    sick = posterior(*rates)
    people = natural_frequencies(*rates, population=10_000)
    setup = (
        f"A condition affects {fmt(prevalence * 100)}% of the people tested. The test "
        f"finds {fmt(sensitivity * 100)}% of the sick (sensitivity) and clears "
        f"{fmt(specificity * 100)}% of the healthy (specificity)."
    )
    return [
        Exercise(
            id="bayes-theorem-1",
            prompt=f"{setup} What share of everyone tested tests positive?",
            kind="number",
            answer=positive,
            tolerance=0.0005,
            percent=True,
            hint="Positives come from the sick who are caught and the healthy who are not cleared.",
            solution=(
                f"$P(+) = {fmt(prevalence)} \\cdot {fmt(sensitivity)} + "
                f"{fmt(1 - prevalence)} \\cdot {fmt(1 - specificity, 3)} = "
                f"{fmt(joint['tp'], 4)} + {fmt(joint['fp'], 4)} = {fmt(positive, 4)}$."
            ),
        ),
        Exercise(
            id="bayes-theorem-2",
            prompt=f"{setup} Someone tests positive. What is the chance they are sick?",
            kind="number",
            answer=sick,
            tolerance=0.005,
            percent=True,
            hint="Of all the positives, what share are sick? P(sick | +) = P(sick and +) / P(+).",
            solution=(
                f"$P(\\text{{sick}} \\mid +) = {fmt(joint['tp'], 4)} / {fmt(positive, 4)} "
                f"= {fmt(sick, 3)}$: the base rate keeps it "
                + ("low." if sick < 0.5 else "lower than the test's accuracy suggests.")
            ),
        ),
        Exercise(
            id="bayes-theorem-3",
            prompt=(
                f"{setup} Out of {count(10_000)} people tested, how many are sick and test "
                "positive?"
            ),
            kind="number",
            answer=float(people["tp"]),
            tolerance=0.5,
            hint="First the sick among them, then the share of them the test finds.",
            solution=(
                f"${fmt(prevalence)} \\cdot {count(10_000)} = {people['sick']}$ are sick, and "
                f"${fmt(sensitivity)} \\cdot {people['sick']} = {people['tp']}$ of "
                f"them test positive (against {people['fp']} healthy positives)."
            ),
        ),
    ]
