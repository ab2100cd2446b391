"""The course's shared look: palette, type sizes, text and formulas, cards.

Every lesson subclasses :class:`CourseLesson`, which sets the background and
gives the title card that opens a lesson and the recap that closes it. Sizes are
chosen to stay legible at 480p (the preview quality): nothing smaller than
:data:`SMALL`. The bottom band below :data:`CONTENT_BOTTOM` is kept free for
burned-in captions.

Helpers that compute rather than style (number formatting, plane views,
axes, statistics) live in :mod:`scenes.kit`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from manim import (
    DOWN,
    UP,
    FadeIn,
    FadeOut,
    MathTex,
    Mobject,
    RoundedRectangle,
    Text,
    VGroup,
    Write,
    config,
)

from mathreel.lesson import Lesson

__all__ = [
    "ACCENT",
    "BACKGROUND",
    "BLUE",
    "BODY",
    "CONTENT_BOTTOM",
    "FONT",
    "FORMULA",
    "GREEN",
    "HEADING",
    "INK",
    "MUTED",
    "ORANGE",
    "PURPLE",
    "RED",
    "SMALL",
    "TITLE",
    "CourseLesson",
    "panel",
    "tex",
    "text",
    "wrap",
]

BACKGROUND = "#111318"
INK = "#ECEFF4"
MUTED = "#9AA3B5"
ACCENT = "#F4C95D"
BLUE = "#58C4DD"
GREEN = "#83C167"
RED = "#FC6255"
ORANGE = "#FF9F43"
PURPLE = "#B18CFE"

FONT = "DejaVu Sans"
TITLE = 54
HEADING = 40
BODY = 32
FORMULA = 40
SMALL = 26

#: Lowest y that lesson content may reach; below it is the caption band.
CONTENT_BOTTOM = -config.frame_height / 2 + 0.9


def text(content: str, size: float = BODY, color: str = INK, **kwargs: object) -> Text:
    """A line of text in the course font."""
    return Text(content, font=FONT, font_size=size, color=color, **kwargs)


def tex(*parts: str, size: float = FORMULA, color: str = INK) -> MathTex:
    """A formula."""
    return MathTex(*parts, font_size=size, color=color)


def wrap(line: str, width: int = 46, indent: str = "") -> str:
    """Break a long line on word boundaries so it fits the frame at body size."""
    return "\n".join(textwrap.wrap(line, width, subsequent_indent=indent)) or line


def panel(*mobjects: Mobject, buff: float = 0.25, opacity: float = 0.88) -> VGroup:
    """Mobjects on a rounded dark card, so they read over a busy grid."""
    content = VGroup(*mobjects)
    card = RoundedRectangle(
        corner_radius=0.15,
        width=content.width + 2 * buff,
        height=content.height + 2 * buff,
        stroke_width=1,
        stroke_color=MUTED,
        stroke_opacity=0.5,
        fill_color=BACKGROUND,
        fill_opacity=opacity,
    ).move_to(content)
    return VGroup(card, content)


class CourseLesson(Lesson):
    """A lesson in the course's style: background, title card and recap."""

    def setup(self) -> None:
        self.camera.background_color = BACKGROUND

    def title_card(self, title: str, question: str, *, say: str | None = None) -> None:
        """Open the lesson: its title and the question it answers."""
        heading = text(title, TITLE, ACCENT)
        ask = text(question, HEADING, INK)
        if ask.width > config.frame_width - 1.5:
            ask.scale_to_fit_width(config.frame_width - 1.5)
        card = VGroup(heading, ask).arrange(DOWN, buff=0.6)
        with self.beat(f"{title}. {question}", say=say, chapter="Introduction"):
            self.play(Write(heading), run_time=1.2)
            self.play(FadeIn(ask, shift=0.2 * UP), run_time=0.8)
        self.play(FadeOut(card), run_time=0.5)

    def recap_over(
        self,
        picture: Sequence[Mobject],
        line: str,
        *,
        say: str | None = None,
        color: str = ACCENT,
    ) -> None:
        """Close the lesson over its key picture: one line of what to remember.

        Everything on screen except ``picture`` fades out; ``line`` (one or two
        short sentences, about 8 s spoken) appears in the band just above the
        caption band, on a card so it reads over the picture. One beat in the
        "Recap" chapter, then the screen clears.

        Parameters
        ----------
        picture
            The mobjects of the lesson's key picture, already on screen (rebuild
            it first if an earlier beat removed it). They must be top-level
            mobjects of the scene: ``FadeIn(a, b)`` adds one group holding
            ``a`` and ``b``, so pass one ``VGroup`` that was added whole. They should leave the strip
            between ``CONTENT_BOTTOM`` and ``CONTENT_BOTTOM + 0.9`` free.
        line
            What the learner should remember, as shown (wrapped to fit).
        say
            Its spoken form, when ``line`` holds symbols.
        """
        keep = set(picture)
        others = [m for m in self.mobjects if m not in keep]
        card = panel(text(wrap(line, 60), SMALL, color), buff=0.18)
        if card.width > config.frame_width - 0.6:
            card.scale_to_fit_width(config.frame_width - 0.6)
        card.move_to(UP * (CONTENT_BOTTOM + 0.1 + card.height / 2))
        with self.beat(line, say=say, chapter="Recap"):
            if others:
                self.play(FadeOut(*others), run_time=0.5)
            self.play(FadeIn(card, shift=0.2 * UP), run_time=0.8)
        self.play(FadeOut(*self.mobjects), run_time=0.6)
