"""How long a beat's narration lasts.

A beat lasts at least as long as its narration plus a short pause. With no voice
(``--voice none``) the narration lasts the time a learner needs to read the
caption: :data:`READING_WPM` words per minute, with a floor for very short lines.
"""

from __future__ import annotations

import re
from typing import Protocol

__all__ = [
    "BEAT_PAUSE",
    "MIN_BEAT_SECONDS",
    "READING_WPM",
    "Narrator",
    "ReadingTime",
    "count_words",
]

#: Reading speed for silent renders, in words per minute (a comfortable caption pace).
READING_WPM = 160
#: Pause after each beat's narration, in seconds.
BEAT_PAUSE = 0.4
#: No beat's narration is shorter than this, in seconds.
MIN_BEAT_SECONDS = 1.2


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters, digits and symbols."""
    return len(re.findall(r"[^\s]+", text))


class Narrator(Protocol):
    """Something that knows how long a line of narration takes to say."""

    name: str

    def seconds(self, text: str, say: str) -> float:
        """Seconds the narration of one beat lasts (without the pause)."""
        ...


class ReadingTime:
    """Silent narration: a beat lasts the reading time of its caption."""

    name = "none"

    def __init__(self, wpm: float = READING_WPM) -> None:
        self.wpm = wpm

    def seconds(self, text: str, say: str) -> float:
        return max(MIN_BEAT_SECONDS, count_words(text) * 60.0 / self.wpm)
