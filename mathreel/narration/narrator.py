"""How long a beat's narration lasts, and the speech that fills it.

A beat lasts at least as long as its narration plus a pause (each voice sets its
own: :attr:`mathreel.narration.voice.Voice.pause`). With a voice the narration is the
synthesised speech of the beat's spoken form, read through the pronunciation
layer (:func:`mathreel.narration.pronounce.speakable`); with no voice (``--voice none``) it
lasts the time a learner needs to read the caption: :data:`READING_WPM` words per
minute, with a floor for very short lines.

A voice that reports word timings (Piper) also gives each caption word the second
it is spoken (:meth:`Narrator.word_starts`), which the captions use.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from mathreel.narration.pronounce import speakable, spoken_word_index
from mathreel.narration.voice import Voice, VoiceSpec, make_voice, wav_seconds

__all__ = [
    "BEAT_PAUSE",
    "MIN_BEAT_SECONDS",
    "READING_WPM",
    "Narrator",
    "ReadingTime",
    "Spoken",
    "count_words",
    "narrator_for",
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
    #: Seconds of silence after each beat's narration.
    pause: float

    def seconds(self, text: str, say: str) -> float:
        """Seconds the narration of one beat lasts (without the pause)."""
        ...

    def clip(self, say: str) -> Path | None:
        """The WAV of a beat's speech, or ``None`` when silent."""
        ...

    def word_starts(self, text: str, say: str) -> list[float] | None:
        """Seconds into the beat's speech at which each word of ``text`` is
        spoken (one per whitespace-separated word), or ``None`` when unknown."""
        ...


class ReadingTime:
    """Silent narration: a beat lasts the reading time of its caption."""

    name = "none"
    pause = BEAT_PAUSE

    def __init__(self, wpm: float = READING_WPM) -> None:
        self.wpm = wpm

    def seconds(self, text: str, say: str) -> float:
        return max(MIN_BEAT_SECONDS, count_words(text) * 60.0 / self.wpm)

    def clip(self, say: str) -> Path | None:
        return None

    def word_starts(self, text: str, say: str) -> list[float] | None:
        return None


class Spoken:
    """Narration spoken by a text-to-speech voice (cached per line).

    What is spoken is ``speakable(say)``: numbers, symbols and formulas in words.
    """

    def __init__(self, voice: Voice) -> None:
        self.voice = voice
        self.name = voice.name
        self.pause = voice.pause

    def seconds(self, text: str, say: str) -> float:
        return wav_seconds(self.voice.speak(speakable(say)))

    def clip(self, say: str) -> Path | None:
        return self.voice.speak(speakable(say))

    def word_starts(self, text: str, say: str) -> list[float] | None:
        """Caption word ``k``'s spoken start: exact when the caption is what is
        said (through the pronunciation layer), by word position otherwise."""
        spoken = self.voice.word_starts(speakable(say))
        words = text.split()
        if not spoken or not words:
            return None
        last = len(spoken) - 1
        if say == text:
            index = [min(spoken_word_index(text, k), last) for k in range(len(words))]
        else:  # a hand-written say= line: words at the same relative position
            index = [round(k * len(spoken) / len(words)) for k in range(len(words))]
        return [spoken[min(i, last)] for i in index]


def narrator_for(spec: VoiceSpec) -> Narrator:
    """The narrator for a voice setting; checks the engine is installed."""
    voice = make_voice(spec)
    if voice is None:
        return ReadingTime()
    voice.check()
    return Spoken(voice)
