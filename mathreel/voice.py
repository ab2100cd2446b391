"""Offline text-to-speech engines, driven as subprocesses that write WAV files.

Every engine is a small class with the same interface (:class:`Voice`):
``synthesize(text, path)`` writes a mono WAV. Adding another local engine (Piper
with a model file, say) is one more class here and one entry in :data:`ENGINES`.

* ``flite`` (default, voice ``slt``): CMU Flite's statistical parametric voice,
  the most natural-sounding voice installable offline from Debian's packages.
* ``espeak-ng`` (voice ``en-us``): formant synthesis; robotic but very clear.

Synthesised lines are cached by (text, engine, voice, rate), so re-rendering a
lesson never synthesises an unchanged line twice.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

from .errors import MathreelError, ToolMissingError
from .files import atomic_path, cache_dir

__all__ = [
    "ENGINES",
    "EspeakNG",
    "Flite",
    "Voice",
    "VoiceSpec",
    "parse_voice",
    "wav_seconds",
]


@dataclass(frozen=True)
class VoiceSpec:
    """Which engine, which of its voices, and how fast (1.0 = the engine's normal pace)."""

    engine: str
    voice: str
    rate: float = 1.0

    def __str__(self) -> str:
        return f"{self.engine}:{self.voice}" if self.engine != "none" else "none"


class Voice:
    """A local text-to-speech engine run as a subprocess."""

    engine = ""
    binary = ""
    package = ""
    default_voice = ""

    def __init__(self, spec: VoiceSpec) -> None:
        self.spec = spec

    @property
    def name(self) -> str:
        """``flite:slt``."""
        return str(self.spec)

    def command(self, text: str, path: Path) -> list[str]:
        """The command line that speaks ``text`` into the WAV file ``path``."""
        raise NotImplementedError

    def check(self) -> None:
        """Stop with one line when the engine is not installed."""
        if not shutil.which(self.binary):
            raise ToolMissingError(
                f"voice engine '{self.engine}' not found ({self.binary} is not on PATH): "
                f"run scripts/setup (apt-get install {self.package}), or render silently "
                "with --voice none"
            )

    def cache_path(self, text: str) -> Path:
        """Where the cached WAV for ``text`` lives."""
        key = hashlib.sha256(
            "\x1f".join(
                [self.spec.engine, self.spec.voice, f"{self.spec.rate:.3f}", text]
            ).encode()
        ).hexdigest()
        return cache_dir() / "voice" / key[:2] / f"{key}.wav"

    def speak(self, text: str) -> Path:
        """A WAV of ``text``: from the cache, or synthesised and cached now."""
        path = self.cache_path(text)
        if path.exists():
            return path
        self.check()
        with atomic_path(path) as tmp:
            self.synthesize(text, tmp)
        return path

    def synthesize(self, text: str, path: Path) -> None:
        """Run the engine; raise MathreelError with its message when it fails."""
        try:
            result = subprocess.run(
                self.command(text, path),
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise MathreelError(
                f"voice engine '{self.engine}' failed: {error}"
            ) from None
        if result.returncode != 0 or wav_seconds(path) <= 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise MathreelError(
                f"voice engine '{self.engine}' failed on {text[:40]!r}: "
                + (detail[-1] if detail else f"exit status {result.returncode}")
            )


class Flite(Voice):
    """CMU Flite; ``rate`` below 1 slows speech (duration stretch)."""

    engine = "flite"
    binary = "flite"
    package = "flite"
    default_voice = "slt"
    voices = ("slt", "rms", "awb", "kal", "kal16", "awb_time")

    def command(self, text: str, path: Path) -> list[str]:
        stretch = 1.0 / self.spec.rate
        return [
            self.binary, "-voice", self.spec.voice,
            "--setf", f"duration_stretch={stretch:.3f}",
            "-t", text, "-o", str(path),
        ]  # fmt: skip


class EspeakNG(Voice):
    """eSpeak NG; ``rate`` 1.0 is 150 words per minute."""

    engine = "espeak-ng"
    binary = "espeak-ng"
    package = "espeak-ng"
    default_voice = "en-us"

    def command(self, text: str, path: Path) -> list[str]:
        wpm = round(150 * self.spec.rate)
        return [
            self.binary,
            "-v",
            self.spec.voice,
            "-s",
            str(wpm),
            "-w",
            str(path),
            text,
        ]


ENGINES: dict[str, type[Voice]] = {"flite": Flite, "espeak-ng": EspeakNG}

#: The pace of narration: a little slower than each engine's default, for teaching.
TEACHING_RATE = 0.92


def parse_voice(text: str, *, rate: float = TEACHING_RATE) -> VoiceSpec:
    """``flite``, ``flite:rms``, ``espeak-ng:en-gb`` or ``none`` to a VoiceSpec."""
    engine, _, voice = text.strip().partition(":")
    if engine == "none":
        return VoiceSpec("none", "", 1.0)
    if engine not in ENGINES:
        raise MathreelError(
            f"--voice {text!r}: unknown engine '{engine}'; use one of "
            + ", ".join([*ENGINES, "none"])
            + " (optionally ENGINE:VOICE, e.g. flite:slt)"
        )
    if not 0.5 <= rate <= 2.0:
        raise MathreelError(f"--voice-rate {rate}: expected a number from 0.5 to 2")
    cls = ENGINES[engine]
    chosen = voice or cls.default_voice
    known = getattr(cls, "voices", None)
    if known and chosen not in known:
        raise MathreelError(
            f"--voice {text!r}: flite has no voice '{chosen}'; use one of {', '.join(known)}"
        )
    return VoiceSpec(engine, chosen, rate)


def make_voice(spec: VoiceSpec) -> Voice | None:
    """The engine for ``spec``, or ``None`` for silent narration."""
    if spec.engine == "none":
        return None
    return ENGINES[spec.engine](spec)


def wav_seconds(path: Path) -> float:
    """Length of a WAV file in seconds (0 when it cannot be read)."""
    try:
        with wave.open(str(path)) as handle:
            return handle.getnframes() / float(handle.getframerate())
    except (OSError, EOFError, wave.Error):
        return 0.0
