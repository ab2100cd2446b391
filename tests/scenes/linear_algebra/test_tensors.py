"""The tensors lesson: its math alone, then what it shows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from mathreel.core.errors import ParamError
from mathreel.render.worker import construct_only
from scenes.linear_algebra.tensors import (
    PATTERN_DIGITS,
    PATTERNS,
    STROKE_COLOURS,
    UNITS,
    Tensors,
    batch_images,
    batch_patterns,
    channels_first,
    colour_image,
    dense_scores,
    digit_image,
    feature_pixel,
    flat_index,
    flatten,
    flatten_batch,
    ink_on,
    layer_shapes,
    pixel_of,
    real_digit,
    shade,
    shape_ladder,
    shape_tex,
    source_image,
    unflatten,
)

sizes = st.integers(6, 10)
patterns = st.sampled_from(list(PATTERNS))


# -- the math on its own ---------------------------------------------------------------


@given(patterns, sizes)
def test_images_have_the_right_shapes_and_ranges(pattern, size):
    gray = digit_image(pattern, size)
    assert gray.shape == (size, size)
    assert gray.dtype.kind == "i"
    assert gray.min() >= 0 and gray.max() <= 255
    assert gray.max() >= 200  # the stroke is bright somewhere
    assert (gray < 128).mean() > 0.4  # and most of the picture is dark
    colour = colour_image(gray)
    assert colour.shape == (size, size, 3)
    assert colour.min() >= 0 and colour.max() <= 255


@given(patterns, sizes, st.integers(1, 6))
def test_a_batch_is_four_dimensional(pattern, size, n):
    batch = batch_images(pattern, size, n)
    assert batch.shape == (n, size, size, 3)
    assert np.array_equal(batch[0], colour_image(digit_image(pattern, size)))
    assert batch_patterns(pattern, n)[0] == pattern
    ladder = dict(shape_ladder(size, n))
    assert ladder["a batch of images"] == batch.shape
    assert ladder["a colour image"] == batch[0].shape
    assert ladder["a grayscale image"] == digit_image(pattern, size).shape
    assert ladder["a flattened image"] == flatten(digit_image(pattern, size)).shape
    assert ladder["a number"] == np.float64(1).shape


def test_the_brightest_pixel_takes_the_stroke_colour():
    gray = digit_image("seven", 8)
    i, j = feature_pixel(gray)
    assert gray[i, j] == 255
    assert tuple(colour_image(gray)[i, j]) == STROKE_COLOURS[0]
    # the pattern changes the image
    assert not np.array_equal(digit_image("seven", 8), digit_image("zero", 8))


@given(patterns, sizes)
def test_flattening_is_row_major(pattern, size):
    gray = digit_image(pattern, size)
    flat = flatten(gray)
    assert flat.shape == (size * size,)
    assert np.array_equal(flat, gray.ravel(order="C"))
    assert np.array_equal(flat[:size], gray[0])  # row 0 first
    for i in range(size):
        for j in range(size):
            k = flat_index(i, j, size)
            assert flat[k] == gray[i, j]
            assert pixel_of(k, size) == (i, j)
    colour = colour_image(gray)
    assert flatten(colour).size == size * size * 3
    assert np.array_equal(flatten(colour)[:3], colour[0, 0])  # channels vary fastest


@given(arrays(np.int64, array_shapes(min_dims=1, max_dims=4, max_side=6)))
def test_unflattening_restores_any_array(array):
    assert np.array_equal(unflatten(flatten(array), array.shape), array)


@given(st.sampled_from(sorted(PATTERNS)), st.integers(6, 10), st.integers(1, 6))
@settings(max_examples=20, deadline=None)
def test_a_batch_through_a_layer_keeps_its_shapes(pattern, size, n):
    images = batch_images(pattern, size, n)
    first = channels_first(images)
    # PyTorch's layout: the same numbers, channels moved to axis 1
    assert first.shape == (n, 3, size, size)
    assert np.array_equal(first[:, 1], images[..., 1])
    assert np.array_equal(np.sort(first, axis=None), np.sort(images, axis=None))
    flat = flatten_batch(images)
    scores = dense_scores(images)
    shapes = [shape for _, shape in layer_shapes(size, n)]
    assert shapes == [images.shape, flat.shape, scores.shape]
    # each row is one image flattened row-major, as numpy and torch reshape
    assert np.array_equal(flat[-1], images[-1].reshape(-1))
    k = flat_index(2, 3, size) * 3 + 1  # pixel (2, 3), green
    assert flat[0, k] == images[0, 2, 3, 1]
    # one matrix product for the whole batch, and one image alone gives its row
    assert np.allclose(dense_scores(images[:1]), scores[:1])
    assert scores.shape == (n, UNITS)


def test_pixel_numbers_keep_aa_contrast_on_every_gray():
    def lum(hex_colour):
        def one(c):
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (int(hex_colour[k : k + 2], 16) / 255 for k in (1, 3, 5))
        return 0.2126 * one(r) + 0.7152 * one(g) + 0.0722 * one(b)

    for v in range(256):
        a, b = sorted((lum(ink_on(v)), lum(f"#{v:02x}{v:02x}{v:02x}")))
        assert (b + 0.05) / (a + 0.05) >= 4.5, v


def test_shape_text_is_numpy_style():
    assert shape_tex(()) == "()"
    assert shape_tex((64,)) == "(64,)"
    assert shape_tex((4, 8, 8, 3)) == "(4, 8, 8, 3)"


# -- what the lesson shows ------------------------------------------------------------------

OTHER = {"pattern": "zero", "size": 6, "batch": 2}


@pytest.fixture(scope="module")
def scenes(course):
    entry = course.get("tensors")
    return {"default": construct_only(entry, {}), "other": construct_only(entry, OTHER)}


def _contains_run(seq, run):
    return any(seq[k : k + len(run)] == run for k in range(len(seq) - len(run) + 1))


@pytest.mark.parametrize("which", ["default", "other"])
def test_screen_shows_exactly_the_lesson_math(scenes, which):
    scene = scenes[which]
    pattern, n, b = scene.args.pattern, scene.args.size, scene.args.batch
    gray = digit_image(pattern, n)
    colour = colour_image(gray)
    i, j = feature_pixel(gray)
    beats = scene.timeline.beats
    shown = [s for beat in beats for s in beat.shown]
    # every pixel's number, row by row, on the grid
    numbers = [str(v) for v in flatten(gray)]
    assert any(_contains_run(beat.shown, numbers) for beat in beats)
    assert f"{n} \\times {n}" in shown
    assert f"X_{{{i},{j}}} = {gray[i, j]}" in shown
    # the colour pixel's three channel values
    triple = next(beat for beat in beats if "is now three numbers" in beat.text)
    for name, value in zip(("red", "green", "blue"), colour[i, j], strict=True):
        assert _contains_run(triple.shown, [name, str(value)])
    # the batch's shape, axis by axis, and the shape ladder
    batch_beat = next(beat for beat in beats if "four axes" in beat.text)
    assert _contains_run(
        batch_beat.shown,
        [str(b), "batch", r"\times", str(n), "height", r"\times", str(n), "width"],
    )
    for _, shape in shape_ladder(n, b):
        assert shape_tex(shape) in shown
    # flattening: pixel (i, j) goes to i * n + j
    k = flat_index(i, j, n)
    assert f"({i}, {j}) \\to {i} \\cdot {n} + {j} = {k}" in shown
    # the ML beat: shapes through flatten and the dense layer, and the blocks' shapes
    for _, shape in layer_shapes(n, b):
        assert shape_tex(shape) in shown
    assert f"{b} \\times {3 * n * n}" in shown
    assert f"{3 * n * n} \\times {UNITS}" in shown
    assert f"{b} \\times {UNITS}" in shown
    texts = " ".join(beat.text for beat in beats)
    assert "TensorFlow" in texts and "PyTorch" in texts
    assert f"{b} by 3 by {n} by {n}" in texts
    assert [beat.chapter for beat in beats].count("Recap") == 1
    assert not scene.timeline.warnings


@pytest.mark.parametrize(
    ("given_args", "name"),
    [
        ({"size": 5}, "size"),
        ({"size": 11}, "size"),
        ({"size": 7.5}, "size"),
        ({"pattern": "nine"}, "pattern"),
        ({"batch": 0}, "batch"),
        ({"batch": 7}, "batch"),
    ],
)
def test_bad_parameters_fail_with_one_line(given_args, name):
    with pytest.raises(ParamError) as error:
        Tensors.resolve_args(given_args, lesson="tensors")
    message = str(error.value)
    assert message.startswith(f"tensors: parameter '{name}'")
    assert "\n" not in message


# -- real handwriting: scikit-learn's bundled 8x8 digits ------------------------------------


def loaded_digits():
    """The scans and their labels, read here straight from scikit-learn."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return np.asarray(bunch.images), np.asarray(bunch.target)


def first_scan(digit: int, occurrence: int = 0) -> np.ndarray:
    images, labels = loaded_digits()
    return images[np.flatnonzero(labels == digit)[occurrence]]


@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_a_real_digit_is_the_loaders_scan_of_that_digit(pattern):
    want = first_scan(PATTERN_DIGITS[pattern])
    got = source_image("real", pattern, 8)
    assert got.shape == (8, 8) and np.array_equal(got, want)
    assert got.min() >= 0 and got.max() <= 16  # inked dots counted per pixel
    with pytest.raises(ValueError, match="8 by 8"):
        source_image("real", pattern, 9)


def test_a_real_batch_takes_a_new_scan_when_a_digit_repeats():
    batch = batch_images("seven", 8, 6, "real")  # seven, zero, one, four, seven, zero
    assert batch.shape == (6, 8, 8, 3)
    for k, (digit, occurrence) in enumerate(
        [(7, 0), (0, 0), (1, 0), (4, 0), (7, 1), (0, 1)]
    ):
        scan = shade(first_scan(digit, occurrence), 16)
        assert np.array_equal(batch[k], colour_image(scan, STROKE_COLOURS[k]))
    assert not np.array_equal(batch[0], batch[4])
    assert np.array_equal(real_digit("seven", 1), first_scan(7, 1))


REAL = {"image": "real"}
REAL_OTHER = {"image": "real", "pattern": "four", "batch": 6}


@pytest.fixture(scope="module")
def real_scenes(course):
    entry = course.get("tensors")
    return {
        "real": construct_only(entry, REAL),
        "other": construct_only(entry, REAL_OTHER),
    }


@pytest.mark.parametrize("which", ["real", "other"])
def test_the_screen_shows_the_scans_own_numbers(real_scenes, which):
    scene = real_scenes[which]
    pattern, b = scene.args.pattern, scene.args.batch
    scan = first_scan(PATTERN_DIGITS[pattern]).astype(int)
    beats = scene.timeline.beats
    shown = [s for beat in beats for s in beat.shown]
    # all 64 values of the scan, row by row, on the grid: the loader's, 0 to 16
    assert any(
        _contains_run(beat.shown, [str(v) for v in scan.reshape(-1)]) for beat in beats
    )
    assert [int(m.get_value()) for m in scene.numbers] == list(scan.reshape(-1))
    i, j = feature_pixel(scan)
    assert f"X_{{{i},{j}}} = {scan[i, j]}" in shown
    assert "8 \\times 8" in shown
    legend = next(beat for beat in beats if "only numbers" in beat.text)
    assert _contains_run(legend.shown, ["0", "16"])
    # the whole dataset is the three-axis example of the ladder
    images, _ = loaded_digits()
    assert shape_tex(images.shape) == "(1797, 8, 8)"
    ladder = next(beat for beat in beats if "all a tensor is" in beat.text)
    assert _contains_run(ladder.shown, ["the digits dataset", "(1797, 8, 8)", "3"])
    assert shape_tex((b, 8, 8, 3)) in ladder.shown
    assert not scene.timeline.warnings


@pytest.mark.parametrize("which", ["real", "other"])
def test_the_words_say_the_digit_is_real_and_its_range(real_scenes, which):
    scene = real_scenes[which]
    pattern = scene.args.pattern
    texts = [beat.text for beat in scene.timeline.beats]
    assert texts[1] == (
        f"Here is a real handwritten {pattern}, scanned at 8 pixels by 8, from "
        "scikit-learn's digits dataset."
    )
    joined = " ".join(texts)
    assert "0 is black, 16 is white" in joined and "255 is white" not in joined
    assert (
        "All 1797 scans of the digits dataset are one tensor: 1797 by 8 by 8, three axes."
        in joined
    )
    assert sum(beat.key for beat in scene.timeline.beats) == 1


def test_the_drawn_words_are_unchanged(scenes):
    texts = [beat.text for beat in scenes["default"].timeline.beats]
    assert (
        texts[1]
        == "Here is a tiny grayscale image, 8 pixels by 8: a handwritten seven."
    )
    assert "0 is black, 255 is white" in " ".join(texts)
    assert "scans" not in " ".join(texts)


@pytest.mark.parametrize(
    ("given_args", "name", "why"),
    [
        ({"image": "photo"}, "image", "not one of the choices"),
        ({"image": "real", "size": 6}, "size", "scanned digits are 8 by 8"),
        ({"image": "real", "size": 10}, "size", "8 with image=real"),
    ],
)
def test_real_images_refuse_what_they_cannot_show(given_args, name, why):
    with pytest.raises(ParamError) as error:
        Tensors.resolve_args(given_args, lesson="tensors")
    message = str(error.value)
    assert message.startswith(f"tensors: parameter '{name}'")
    assert why in message and "\n" not in message


def test_the_real_lesson_keeps_the_course_bounds(course):
    """Spoken at the default voice, the real variant lasts 45 to 180 s, cleanly laid out."""
    from mathreel.render.worker import plan_lesson

    plan = plan_lesson(course.get("tensors"), {"image": "real"}, fps=15)
    assert 45 <= plan.duration <= 180, plan.duration
    assert not plan.warnings, plan.warnings
    assert sum(b.key for b in plan.beats) == 1
