"""Tensors: images as arrays of numbers, with as many axes as they need.

A grayscale image is a matrix, one brightness from 0 (black) to 255 (white) per
pixel; a colour image stacks three such channels (red, green, blue) into an
``H x W x 3`` array; a batch of ``N`` of them is a 4-D tensor ``N x H x W x 3``
(channels last, TensorFlow's default), which PyTorch stores channels first,
``N x 3 x H x W``. A dense layer reads one vector per example, so an image is
flattened row by row (row-major: pixel ``(i, j)`` goes to position
``i * W + j``), and reshaping restores it exactly. The machine-learning beat
sends the batch through flatten and a dense layer of :data:`UNITS` outputs,
tracking the shapes ``(N, H, W, 3) -> (N, 3 H W) -> (N, 10)``. The images are
digit-like strokes drawn by :func:`digit_image`, with no downloads; everything
on screen comes from the pure functions below (numpy only), which the tests
check on their own.

With ``image=real`` the images are real handwriting instead: scikit-learn's
bundled digits (1797 scans, 8 by 8 pixels, each pixel a count of inked dots
from 0 to 16; read offline through :mod:`scenes.kit.datasets`). The matrix on
screen is then the scan's own values, 0 to 16 (the tests compare them with
``load_digits`` directly); the batch holds real scans of the batch's digits.
The colour chapter colours the scan as it colours a drawn image (the stroke
over a sky gradient): the dataset itself is grayscale.

General claims (text and narration), and why each holds:

- "0 is black, 255 is white": 8-bit grayscale, as :func:`digit_image` returns
  (tested range); with ``image=real`` "0 is black, 16 is white", the scans'
  range (:data:`LEVELS`, tested against ``load_digits``' values), drawn with
  16 as white.
- "a real handwritten seven, scanned at 8 pixels by 8, from scikit-learn's
  digits dataset" (``image=real``): :func:`image_words`; the image is the first
  scan labelled with that digit (:func:`real_digit`, tested).
- "Numbers in rows and columns make a matrix ... row i, column j holds v":
  the value is read from the array (tested on screen).
- "A colour image needs three numbers per pixel: red, green and blue": the RGB
  images this lesson (and most image data sets) use; :func:`colour_image` is
  ``H x W x 3`` (tested).
- "A batch is a tensor with four axes, N by H by W by 3": :func:`batch_images`
  (tested shape).
- "Channels last is TensorFlow's order; PyTorch stores the same batch channels
  first" (was: the recap said "every image model takes batches shaped N by H by
  W by C", false for PyTorch): ``tf.keras`` layers default to
  ``data_format="channels_last"``; ``torch.nn.Conv2d`` takes ``(N, C, H, W)``.
  :func:`channels_first` is tested to hold the same numbers with the axes
  reordered.
- "In machine learning, that is all a tensor is: an array with any number of
  axes" (was unqualified; in mathematics a tensor is a multilinear object, so
  the sentence is scoped to machine learning, where the word means an
  n-dimensional array: ``torch.Tensor``, ``tf.Tensor``).
- "A dense layer reads each example as one vector, so the image is flattened"
  (was "a dense layer takes a vector"; a dense layer acts on the last axis, so
  images are flattened to one vector per example first, as ``nn.Flatten`` or
  ``keras.layers.Flatten`` do).
- "Row 0 first, then row 1 ... this order is row-major" and "pixel (i, j) lands
  at i times W plus j": numpy, PyTorch (contiguous) and TensorFlow all store
  and reshape in row-major (C) order; :func:`flat_index` is tested against
  ``numpy.reshape``.
- "Reshape and the image comes back exactly": :func:`unflatten` is tested as
  the inverse of :func:`flatten` (Hypothesis).
- "Flattening makes the batch an N by 3HW matrix, one row per image"; "a
  dense layer with 10 outputs multiplies by a 3HW by 10 weight matrix; out come
  N rows of 10 scores": :func:`flatten_batch`, :func:`dense_scores` and
  :func:`layer_shapes` are tested against each other and against a direct
  ``X @ W``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from manim import *

from mathreel.core.errors import ParamError
from mathreel.core.params import Args, Choice, Int
from mathreel.practice import Exercise
from scenes.kit.datasets import digit_images
from scenes.style import *

__all__ = [
    "BACKGROUND_BOTTOM",
    "BACKGROUND_TOP",
    "CHANNELS",
    "IMAGES",
    "LEVELS",
    "PATTERNS",
    "PATTERN_DIGITS",
    "STROKE_COLOURS",
    "UNITS",
    "Tensors",
    "batch_images",
    "batch_patterns",
    "channels_first",
    "colour_image",
    "dense_scores",
    "digit_image",
    "feature_pixel",
    "flat_index",
    "flatten",
    "flatten_batch",
    "image_words",
    "layer_shapes",
    "pixel_of",
    "practice",
    "real_digit",
    "shade",
    "shape_ladder",
    "shape_tex",
    "source_image",
    "unflatten",
]

#: Strokes of each digit-like pattern: polylines in the unit square (x right, y down).
PATTERNS: dict[str, list[list[tuple[float, float]]]] = {
    "seven": [[(0.18, 0.2), (0.8, 0.2), (0.42, 0.86)]],
    "zero": [
        [
            (0.5 + 0.28 * float(np.sin(t)), 0.5 - 0.36 * float(np.cos(t)))
            for t in np.linspace(0.0, 2.0 * np.pi, 33)
        ]
    ],
    "one": [[(0.3, 0.34), (0.55, 0.15), (0.55, 0.86)], [(0.3, 0.86), (0.78, 0.86)]],
    "four": [[(0.66, 0.86), (0.66, 0.14), (0.16, 0.62), (0.84, 0.62)]],
}
#: How the narrator names each pattern.
PATTERN_NAMES = {
    "seven": "a handwritten seven",
    "zero": "a handwritten zero",
    "one": "a handwritten one",
    "four": "a handwritten four",
}
CHANNELS = ("red", "green", "blue")
#: Where the images come from: drawn by numpy, or real scans from scikit-learn.
IMAGES = ("drawn", "real")
#: The brightest pixel value of each source (the scans count 16 dots per pixel).
LEVELS = {"drawn": 255, "real": 16}
#: The digit each pattern shows, for picking real scans.
PATTERN_DIGITS = {"seven": 7, "zero": 0, "one": 1, "four": 4}
#: The pixel size of scikit-learn's scans.
REAL_SIZE = 8
#: Outputs of the dense layer in the machine-learning beat: a score per digit 0-9.
UNITS = 10
#: Stroke colour (R, G, B) of each image in a batch, the lesson's image first.
STROKE_COLOURS = (
    (255, 160, 40),
    (120, 220, 90),
    (250, 90, 130),
    (240, 230, 80),
    (110, 200, 255),
    (200, 140, 255),
)
#: The background of a colour image fades from this colour at the top ...
BACKGROUND_TOP = (20, 40, 110)
#: ... to this one at the bottom.
BACKGROUND_BOTTOM = (40, 110, 190)


# -- the math ------------------------------------------------------------------------


def _segment_distance(
    px: np.ndarray, py: np.ndarray, a: Sequence[float], b: Sequence[float]
) -> np.ndarray:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return np.hypot(px - ax - t * dx, py - ay - t * dy)


def digit_image(pattern: str, size: int, supersample: int = 5) -> np.ndarray:
    """A ``size x size`` grayscale image (ints 0 to 255) of the named pattern.

    Each pixel's brightness is the share of it the pen stroke covers, measured
    on a ``supersample x supersample`` grid inside the pixel, so stroke edges
    come out gray, as in a scanned digit.
    """
    width = 0.15  # the pen's width, as a share of the image
    n = size * supersample
    centres = (np.arange(n) + 0.5) / n
    px, py = np.meshgrid(centres, centres)  # rows run down the image
    dist = np.full(px.shape, np.inf)
    for stroke in PATTERNS[pattern]:
        for a, b in itertools.pairwise(stroke):
            dist = np.minimum(dist, _segment_distance(px, py, a, b))
    inside = (dist <= width / 2).astype(float)
    cover = inside.reshape(size, supersample, size, supersample).mean(axis=(1, 3))
    return np.rint(255 * cover).astype(int)


def real_digit(pattern: str, occurrence: int = 0) -> np.ndarray:
    """A real scan of the pattern's digit: ``(8, 8)`` ints 0 (blank) to 16 (ink).

    The ``occurrence``-th image labelled :data:`PATTERN_DIGITS` ``[pattern]`` in
    scikit-learn's bundled digits (read offline), in the loader's order.
    """
    images, labels = digit_images()
    rows = np.flatnonzero(labels == PATTERN_DIGITS[pattern])
    return images[rows[occurrence]].astype(int)


def source_image(image: str, pattern: str, size: int) -> np.ndarray:
    """The lesson's grayscale image: drawn (0 to 255) or a real scan (0 to 16).

    Raises
    ------
    ValueError
        For a real scan of a size other than 8, or an unknown source.
    """
    if image == "drawn":
        return digit_image(pattern, size)
    if image == "real":
        if size != REAL_SIZE:
            raise ValueError(
                f"the real scans are {REAL_SIZE} by {REAL_SIZE}, not {size}"
            )
        return real_digit(pattern)
    raise ValueError(f"unknown image source {image!r}: one of {', '.join(IMAGES)}")


def shade(gray: np.ndarray, levels: int) -> np.ndarray:
    """Values 0 to ``levels`` as 8-bit grays 0 to 255 (rounded), for drawing."""
    return np.rint(np.asarray(gray, dtype=float) * 255.0 / levels).astype(int)


def image_words(image: str, pattern: str, size: int) -> str:
    """The first beat's sentence about the image."""
    if image == "real":
        return (
            f"Here is a real handwritten {pattern}, scanned at {size} pixels by "
            f"{size}, from scikit-learn's digits dataset."
        )
    return (
        f"Here is a tiny grayscale image, {size} pixels by {size}: "
        f"{PATTERN_NAMES[pattern]}."
    )


def colour_image(
    gray: np.ndarray, stroke: Sequence[int] = STROKE_COLOURS[0]
) -> np.ndarray:
    """An ``H x W x 3`` colour image (ints 0 to 255): the stroke over a sky gradient.

    A pixel of brightness ``g`` mixes ``g / 255`` of the stroke colour with the
    background, which fades from :data:`BACKGROUND_TOP` to :data:`BACKGROUND_BOTTOM`.
    """
    gray = np.asarray(gray)
    h = gray.shape[0]
    fade = np.linspace(0.0, 1.0, h)[:, None, None]
    top, bottom = np.array(BACKGROUND_TOP), np.array(BACKGROUND_BOTTOM)
    background = (1 - fade) * top + fade * bottom  # (H, 1, 3)
    share = gray[:, :, None] / 255.0
    mixed = share * np.array(stroke, dtype=float) + (1 - share) * background
    return np.rint(mixed).astype(int)


def batch_patterns(pattern: str, n: int) -> list[str]:
    """The patterns of a batch of ``n`` images: ``pattern`` first, then the others."""
    names = list(PATTERNS)
    start = names.index(pattern)
    return [names[(start + k) % len(names)] for k in range(n)]


def batch_images(pattern: str, size: int, n: int, image: str = "drawn") -> np.ndarray:
    """A batch: ``n`` colour images stacked on a new first axis, ``N x H x W x 3``.

    With ``image="real"`` each is a real scan (:func:`real_digit`; a digit that
    comes back takes its next scan), coloured as the drawn ones.
    """
    names = batch_patterns(pattern, n)
    grays = [
        digit_image(name, size)
        if image == "drawn"
        else shade(real_digit(name, names[:k].count(name)), LEVELS["real"])
        for k, name in enumerate(names)
    ]
    return np.stack(
        [
            colour_image(gray, STROKE_COLOURS[k % len(STROKE_COLOURS)])
            for k, gray in enumerate(grays)
        ]
    )


def flatten(image: np.ndarray) -> np.ndarray:
    """All the numbers of ``image`` in one vector, row-major: row 0, then row 1, ..."""
    return np.asarray(image).reshape(-1)


def unflatten(vector: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    """The inverse of :func:`flatten`: refill ``shape`` row by row."""
    return np.asarray(vector).reshape(tuple(shape))


def flat_index(i: int, j: int, width: int) -> int:
    """Where pixel ``(i, j)`` of an image ``width`` pixels wide lands when flattened."""
    return i * width + j


def pixel_of(index: int, width: int) -> tuple[int, int]:
    """The pixel ``(i, j)`` at position ``index`` of a flattened image."""
    return divmod(index, width)


def feature_pixel(gray: np.ndarray) -> tuple[int, int]:
    """The pixel the lesson points at: the brightest, nearest the centre on ties."""
    gray = np.asarray(gray)
    h, w = gray.shape
    rows, cols = np.nonzero(gray == gray.max())
    dist = (rows - (h - 1) / 2) ** 2 + (cols - (w - 1) / 2) ** 2
    k = int(np.lexsort((cols, rows, dist))[0])
    return int(rows[k]), int(cols[k])


def channels_first(batch: np.ndarray) -> np.ndarray:
    """A channels-last batch ``N x H x W x C`` (TensorFlow's default layout) as
    channels-first ``N x C x H x W`` (PyTorch's): the same numbers, axes reordered."""
    return np.transpose(np.asarray(batch), (0, 3, 1, 2))


def flatten_batch(batch: np.ndarray) -> np.ndarray:
    """Each example of a batch flattened row-major: ``N x (everything else)``."""
    b = np.asarray(batch)
    return b.reshape(b.shape[0], -1)


def dense_scores(batch: np.ndarray, units: int = UNITS, seed: int = 0) -> np.ndarray:
    """A dense layer's outputs for a batch: ``flatten_batch(batch) / 255 @ W``.

    ``W`` is ``(features, units)``, drawn from a seeded normal with standard
    deviation ``1 / sqrt(features)`` (an untrained layer); the result is
    ``N x units``, one row of scores per image.
    """
    x = flatten_batch(batch) / 255.0
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, 1.0 / np.sqrt(x.shape[1]), size=(x.shape[1], units))
    return x @ w


def layer_shapes(
    size: int, batch: int, units: int = UNITS
) -> list[tuple[str, tuple[int, ...]]]:
    """The shapes a batch takes through flatten and a dense layer."""
    return [
        ("batch", (batch, size, size, 3)),
        ("flatten", (batch, size * size * 3)),
        ("dense layer", (batch, units)),
    ]


def shape_ladder(
    size: int, batch: int, scans: Sequence[int] | None = None
) -> list[tuple[str, tuple[int, ...]]]:
    """Arrays of 0 to 4 axes from the lesson, with their shapes.

    ``scans``, the shape of a whole grayscale dataset (``(1797, 8, 8)`` for
    scikit-learn's digits), adds it as the three-axis example.
    """
    rows = [
        ("a number", ()),
        ("a flattened image", (size * size,)),
        ("a grayscale image", (size, size)),
        ("a colour image", (size, size, 3)),
        ("a batch of images", (batch, size, size, 3)),
    ]
    if scans is not None:
        rows.insert(3, ("the digits dataset", tuple(int(n) for n in scans)))
    return rows


def shape_tex(shape: Sequence[int]) -> str:
    """A shape as numpy prints it: ``()``, ``(64,)``, ``(8, 8)``."""
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(n) for n in shape) + ")"


# -- drawing helpers -----------------------------------------------------------------


def _hex(rgb: Sequence[int]) -> str:
    r, g, b = (int(v) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _gray_rgb(gray: np.ndarray) -> np.ndarray:
    return np.repeat(np.asarray(gray)[:, :, None], 3, axis=2)


def _one_channel(value: int, c: int) -> tuple[int, int, int]:
    """One number of channel ``c`` as a colour: black to pure red, green or blue."""
    rgb = [0, 0, 0]
    rgb[c] = value
    return rgb[0], rgb[1], rgb[2]


def _channel_rgb(channel: np.ndarray, c: int) -> np.ndarray:
    """One channel drawn in its own colour: black to pure red, green or blue."""
    rgb = np.zeros((*channel.shape, 3), dtype=int)
    rgb[:, :, c] = channel
    return rgb


def pixel_grid(rgb: np.ndarray, cell: float, centre: np.ndarray) -> VGroup:
    """Squares coloured by ``rgb`` (H x W x 3), row-major, centred at ``centre``."""
    h, w, _ = rgb.shape
    squares = VGroup()
    for i in range(h):
        for j in range(w):
            square = Square(
                side_length=cell,
                stroke_color=MUTED,
                stroke_width=1,
                stroke_opacity=0.6,
                fill_color=_hex(rgb[i, j]),
                fill_opacity=1,
            )
            square.move_to(
                centre
                + np.array([(j - (w - 1) / 2) * cell, ((h - 1) / 2 - i) * cell, 0])
            )
            squares.add(square)
    return squares


def _luminance(value: int) -> float:
    """WCAG relative luminance of the gray ``(value, value, value)``."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def ink_on(value: int) -> str:
    """Black or white, whichever reads better on the gray ``value`` (0 to 255).

    Pure black and white reach at least 4.5:1 on every gray (the worst gray,
    where both tie, gives about 4.6:1); the course's softer ink and background
    do not on mid grays.
    """
    lum = _luminance(value)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def number_grid(
    gray: np.ndarray, squares: VGroup, size: float, levels: int = 255
) -> VGroup:
    """Each pixel's value (0 to ``levels``) on its square: dark on light, light on dark."""
    numbers = VGroup()
    grays = flatten(shade(gray, levels))
    for value, drawn, square in zip(flatten(gray), grays, squares, strict=True):
        colour = ink_on(int(drawn))
        numbers.add(Integer(int(value), font_size=size, color=colour).move_to(square))
    return numbers


def shape_columns(
    dims: Sequence[int], names: Sequence[str], colours: Sequence[str]
) -> VGroup:
    """``8 x 8 x 3`` with each axis's name under its length."""
    parts = VGroup()
    for k, (n, name, colour) in enumerate(zip(dims, names, colours, strict=True)):
        if k:
            parts.add(tex(r"\times", size=44, color=MUTED))
        column = VGroup(tex(str(n), size=48, color=colour), text(name, SMALL, colour))
        column.arrange(DOWN, buff=0.15)
        parts.add(column)
    parts.arrange(RIGHT, buff=0.3, aligned_edge=UP)
    for part in parts:
        if isinstance(part, VGroup):
            continue
        part.match_y(parts[0][0])
    return parts


def outline(square: Square, colour: str = ACCENT) -> Square:
    return Square(
        side_length=square.width, stroke_color=colour, stroke_width=6
    ).move_to(square)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- the lesson ----------------------------------------------------------------------

TOP = 3.85
BOTTOM = CONTENT_BOTTOM + 0.1
MIDDLE = (TOP + BOTTOM) / 2
AXIS_COLOURS = (ACCENT, GREEN, BLUE, ORANGE)


class Tensors(CourseLesson):
    """A matrix of pixels, a stack of colour channels, a batch, and flattening."""

    params = {
        "pattern": Choice(
            "seven", list(PATTERNS), help="which digit-like image the lesson draws"
        ),
        "size": Int(8, lo=6, hi=10, help="the image's height and width in pixels"),
        "batch": Int(4, lo=1, hi=6, help="how many images make up the batch"),
        "image": Choice(
            "drawn",
            IMAGES,
            help="drawn: digit-like strokes drawn by numpy (0 to 255); real: "
            "scikit-learn's scanned handwritten digits, 8 by 8, values 0 to 16",
        ),
    }

    @classmethod
    def check_args(cls, args: Args) -> None:
        """The real scans come in one size: 8 by 8."""
        if args.image == "real" and args.size != REAL_SIZE:
            raise ParamError(
                "size",
                str(args.size),
                f"{REAL_SIZE} with image=real",
                why=f"scikit-learn's scanned digits are {REAL_SIZE} by {REAL_SIZE} "
                "pixels",
            )

    def construct(self) -> None:
        name, n, batch = self.args.pattern, self.args.size, self.args.batch
        self.n, self.batch = n, batch
        self.levels = LEVELS[self.args.image]
        self.gray = source_image(self.args.image, name, n)  # the values shown
        self.drawn = shade(self.gray, self.levels)  # as grays 0 to 255
        self.colour = colour_image(self.drawn)
        self.pixel = feature_pixel(self.gray)
        self.title_card("Tensors", "How does a neural network see an image?")
        self.show_image(name)
        self.show_numbers()
        self.as_matrix()
        self.to_colour()
        self.split_channels()
        self.pixel_triple()
        self.show_batch()
        self.channels_first()
        self.ladder()
        self.flatten_rows()
        self.find_pixel()
        self.reshape_back()
        self.through_a_layer()
        self.close()

    # -- beats: a matrix of pixels ---------------------------------------------------------
    def show_image(self, name: str) -> None:
        n = self.n
        self.cell = min(0.62, 5.6 / n)
        self.grid_centre = np.array([-2.6, MIDDLE, 0.0])
        self.grid = pixel_grid(_gray_rgb(self.drawn), self.cell, self.grid_centre)
        with self.beat(
            image_words(self.args.image, name, n),
            chapter="A matrix of pixels",
        ):
            self.play(FadeIn(self.grid, lag_ratio=0.02), run_time=1.5)

    def show_numbers(self) -> None:
        self.numbers = number_grid(self.gray, self.grid, 33, self.levels)
        ramp = np.linspace(0, 255, 9).round().astype(int)
        bar = VGroup(
            *(
                Square(
                    side_length=0.42,
                    stroke_width=0,
                    fill_color=_hex((v, v, v)),
                    fill_opacity=1,
                )
                for v in ramp
            )
        ).arrange(RIGHT, buff=0)
        bar.set_stroke(MUTED, width=1, opacity=0.6)
        ends = VGroup(
            tex("0", size=34).next_to(bar, DOWN, buff=0.15).align_to(bar, LEFT),
            tex(str(self.levels), size=34)
            .next_to(bar, DOWN, buff=0.15)
            .align_to(bar, RIGHT),
        )
        words = VGroup(
            text("black", SMALL, MUTED).next_to(bar, UP, buff=0.15).align_to(bar, LEFT),
            text("white", SMALL, MUTED)
            .next_to(bar, UP, buff=0.15)
            .align_to(bar, RIGHT),
        )
        self.legend = VGroup(bar, ends, words)
        self.legend.move_to([3.6, MIDDLE + 1.9, 0])
        with self.beat(
            "To a computer it is only numbers, one per pixel: 0 is black, "
            f"{self.levels} is white, and the grays lie in between.",
        ):
            self.play(FadeIn(self.legend), run_time=0.6)
            self.play(FadeIn(self.numbers, lag_ratio=0.01), run_time=1.5)

    def as_matrix(self) -> None:
        n, (i, j) = self.n, self.pixel
        value = int(self.gray[i, j])
        k = flat_index(i, j, n)
        cols = VGroup(
            *(
                Integer(c, font_size=33, color=MUTED).next_to(
                    self.grid[c], UP, buff=0.12
                )
                for c in range(n)
            )
        )
        rows = VGroup(
            *(
                Integer(r, font_size=33, color=MUTED).next_to(
                    self.grid[r * n], LEFT, buff=0.12
                )
                for r in range(n)
            )
        )
        self.indices = VGroup(rows, cols)
        shape = VGroup(text("shape", SMALL, MUTED), tex(rf"{n} \times {n}", size=44))
        shape.arrange(RIGHT, buff=0.25)
        entry = tex(rf"X_{{{i},{j}}}", "=", str(value), size=44)
        entry[0].set_color(ACCENT)
        facts = VGroup(shape, entry).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        facts.next_to(self.legend, DOWN, buff=0.8).align_to(self.legend, LEFT)
        self.facts = facts
        self.box = outline(self.grid[k])
        with self.beat(
            f"Numbers in rows and columns make a matrix, X, of shape {n} by {n}. "
            f"Counting from 0, row {i}, column {j} holds {value}.",
        ):
            self.play(FadeIn(self.indices), FadeIn(shape), run_time=0.8)
            self.play(FadeIn(self.box), FadeIn(entry), run_time=0.8)
            self.play(
                self.box.animate.scale(1.25), rate_func=there_and_back, run_time=0.8
            )

    # -- beats: colour -------------------------------------------------------------------------
    def to_colour(self) -> None:
        colours = [_hex(rgb) for rgb in self.colour.reshape(-1, 3)]
        with self.beat(
            "A colour image needs three numbers per pixel: how much red, green and "
            "blue light to mix.",
            chapter="Colour channels",
        ):
            self.play(
                FadeOut(self.numbers, self.indices, self.legend, self.facts, self.box),
                run_time=0.6,
            )
            self.play(
                *(
                    square.animate.set_fill(colour)
                    for square, colour in zip(self.grid, colours, strict=True)
                ),
                run_time=1.5,
            )

    def channel_stack(self) -> tuple[VGroup, list[VGroup], VGroup, VGroup]:
        """The key picture: the colour image, its three channels stacked, the shape."""
        n = self.n
        small = min(0.42, 3.4 / n)
        left = np.array([-4.7, MIDDLE + 0.3, 0.0])
        small_grid = pixel_grid(self.colour, small, left)
        cell = min(0.4, 3.2 / n)
        step = np.array([0.5, 0.5, 0.0])
        front = np.array([0.9, MIDDLE - 0.05, 0.0])
        layers = [
            pixel_grid(_channel_rgb(self.colour[:, :, c], c), cell, front + c * step)
            for c in range(3)
        ]
        names = VGroup()
        for c, (name, colour) in enumerate(
            zip(CHANNELS, (RED, GREEN, BLUE), strict=True)
        ):
            layer = layers[c]
            label = text(name, SMALL, colour)
            label.next_to(layer.get_corner(DOWN + RIGHT), RIGHT, buff=0.15)
            label.shift((label.height / 2 + 0.08) * UP)
            names.add(label)
        shape3 = shape_columns(
            (n, n, 3), ("height", "width", "channels"), AXIS_COLOURS[1:]
        )
        shape3.next_to([front[0] + 0.5, layers[0].get_bottom()[1], 0], DOWN, buff=0.35)
        return small_grid, layers, names, shape3

    def split_channels(self) -> None:
        n = self.n
        self.small_grid, self.layers, names, self.shape3 = self.channel_stack()
        self.channel_names = names
        with self.beat(
            "Pull the three channels apart and stack them. The image is now a block of "
            f"numbers, {n} by {n} by 3: height by width by channels.",
            key=True,
        ):
            self.play(Transform(self.grid, self.small_grid), run_time=1.0)
            for c in (2, 1, 0):  # back to front
                self.play(
                    TransformFromCopy(self.grid, self.layers[c]),
                    FadeIn(names[c]),
                    run_time=0.7,
                )
            self.play(FadeIn(self.shape3), run_time=0.6)

    def pixel_triple(self) -> None:
        n, (i, j) = self.n, self.pixel
        k = flat_index(i, j, n)
        rgb = [int(v) for v in self.colour[i, j]]
        cell = min(0.34, 2.6 / n)
        width = n * cell
        gap = 0.45
        x0 = -2.2 + width / 2
        targets = [
            pixel_grid(
                _channel_rgb(self.colour[:, :, c], c),
                cell,
                np.array([x0 + c * (width + gap), MIDDLE + 0.5, 0.0]),
            )
            for c in range(3)
        ]
        boxes = VGroup(outline(self.grid[k]), *(outline(t[k]) for t in targets))
        readouts = VGroup()
        for c, (name, colour) in enumerate(
            zip(CHANNELS, (RED, GREEN, BLUE), strict=True)
        ):
            readout = VGroup(
                text(name, SMALL, colour), Integer(rgb[c], font_size=40, color=colour)
            )
            readout.arrange(RIGHT, buff=0.2).next_to(targets[c], DOWN, buff=0.3)
            readouts.add(readout)
        with self.beat(
            f"Fan the channels out. The pixel at row {i}, column {j} is now three "
            f"numbers: red {rgb[0]}, green {rgb[1]}, blue {rgb[2]}.",
        ):
            self.play(
                FadeOut(self.shape3, self.channel_names),
                *(
                    Transform(layer, t)
                    for layer, t in zip(self.layers, targets, strict=True)
                ),
                run_time=1.2,
            )
            self.play(FadeIn(boxes), FadeIn(readouts), run_time=0.8)
        self.play(FadeOut(self.grid, *self.layers, boxes, readouts), run_time=0.6)

    # -- beats: a batch ------------------------------------------------------------------------
    def show_batch(self) -> None:
        n, b = self.n, self.batch
        images = batch_images(self.args.pattern, n, b, self.args.image)
        gap = 0.4
        cell = min(0.4, (12.6 - (b - 1) * gap) / (b * n))
        thumbs = VGroup(
            *(pixel_grid(img, cell, np.zeros(3)) for img in images)
        ).arrange(RIGHT, buff=gap)
        thumbs.move_to([0, TOP - 0.2 - thumbs.height / 2, 0])
        brace = Brace(thumbs, DOWN, buff=0.15, color=ACCENT)
        shape = shape_columns(
            (b, n, n, 3), ("batch", "height", "width", "channels"), AXIS_COLOURS
        )
        shape.next_to(brace, DOWN, buff=0.35)
        self.batch_group = VGroup(thumbs, brace, shape)
        self.thumbs, self.batch_shape = thumbs, shape
        with self.beat(
            "Networks learn from many images at once. Stack "
            f"{_plural(b, 'colour image')} and the batch is a tensor with four axes: "
            f"{b} by {n} by {n} by 3.",
            chapter="A batch",
        ):
            self.play(FadeIn(thumbs, lag_ratio=0.3), run_time=1.5)
            self.play(FadeIn(brace), FadeIn(shape), run_time=0.8)

    def channels_first(self) -> None:
        n, b = self.n, self.batch
        shape = self.batch_shape
        first = shape_columns(
            channels_first(np.zeros((b, n, n, 3))).shape,
            ("batch", "channels", "height", "width"),
            (AXIS_COLOURS[0], AXIS_COLOURS[3], AXIS_COLOURS[1], AXIS_COLOURS[2]),
        ).move_to(shape)
        tf = text("TensorFlow: channels last", SMALL, MUTED)
        torch = text("PyTorch: channels first", SMALL, MUTED)
        tf.next_to(shape, DOWN, buff=0.35)
        torch.move_to(tf)
        moves = {0: 0, 1: 2, 2: 3, 3: 1}  # old axis -> new place
        with self.beat(
            "Channels last is TensorFlow's order. PyTorch stores the same batch "
            f"channels first: {b} by 3 by {n} by {n}. The numbers are the same; only "
            "the order of the axes differs, so check which one a model expects.",
        ):
            self.play(FadeIn(tf), run_time=0.5)
            self.play(
                *(
                    ReplacementTransform(shape[2 * k], first[2 * moves[k]])
                    for k in range(4)
                ),
                *(
                    ReplacementTransform(shape[2 * k + 1], first[2 * k + 1])
                    for k in range(3)
                ),
                ReplacementTransform(tf, torch),
                run_time=1.5,
            )
        self.batch_group = VGroup(
            self.batch_group[0], self.batch_group[1], first, torch
        )

    def ladder(self) -> None:
        rows = VGroup()
        header = VGroup(text("shape", SMALL, MUTED), text("axes", SMALL, MUTED))
        real = self.args.image == "real"
        scans = digit_images()[0].shape if real else None
        for name, shape in shape_ladder(self.n, self.batch, scans):
            rows.add(
                VGroup(
                    text(name, SMALL + 4, INK),
                    tex(shape_tex(shape), size=40, color=ACCENT),
                    Integer(len(shape), font_size=40, color=GREEN),
                )
            )
        name_x, shape_x, axes_x = -5.6, 0.4, 4.6
        top = TOP - 0.5
        header[0].move_to([shape_x, top, 0], aligned_edge=LEFT)
        header[1].move_to([axes_x, top, 0])
        for k, row in enumerate(rows):
            y = top - 0.9 * (k + 1)
            row[0].move_to([name_x, y, 0], aligned_edge=LEFT)
            row[1].move_to([shape_x, y, 0], aligned_edge=LEFT)
            row[2].move_to([axes_x, y, 0])
        words = (
            "In machine learning, that is all a tensor is: an array of numbers with "
            "any number of axes. Its shape lists how long each axis is."
        )
        if scans is not None:
            count, h, w = scans
            words += (
                f" All {count} scans of the digits dataset are one tensor: {count} by "
                f"{h} by {w}, three axes."
            )
        with self.beat(words):
            self.play(FadeOut(self.batch_group), run_time=0.5)
            self.play(FadeIn(header), run_time=0.4)
            self.play(FadeIn(rows, lag_ratio=0.4, shift=0.1 * RIGHT), run_time=2.0)
        self.play(FadeOut(header, rows), run_time=0.5)

    # -- beats: flattening ----------------------------------------------------------------------
    def flatten_rows(self) -> None:
        n = self.n
        cell = min(0.36, 2.9 / n)
        self.flat_grid_centre = np.array([0.0, TOP - 0.15 - n * cell / 2, 0.0])
        self.source = pixel_grid(_gray_rgb(self.drawn), cell, self.flat_grid_centre)
        self.faint = self.source.copy().set_fill(opacity=0.35).set_stroke(opacity=0.3)
        width = min(0.3, 13.2 / (n * n))
        height = 0.5
        y = -0.7
        x0 = -width * n * n / 2 + width / 2
        self.strip = VGroup()
        for k, square in enumerate(self.source):
            cell_mob = square.copy()
            cell_mob.stretch_to_fit_width(width).stretch_to_fit_height(height)
            cell_mob.move_to([x0 + k * width, y, 0])
            self.strip.add(cell_mob)
        labels = VGroup()
        starts = VGroup()
        for i in range(n):
            segment = self.strip[i * n : (i + 1) * n]
            labels.add(
                text(f"row {i}", SMALL, ACCENT if i % 2 == 0 else ORANGE).next_to(
                    segment, UP, buff=0.15
                )
            )
            starts.add(
                Integer(flat_index(i, 0, n), font_size=33, color=MUTED).next_to(
                    segment[0], DOWN, buff=0.15
                )
            )
        self.strip_labels = VGroup(labels, starts)
        moving = self.source.copy()
        with self.beat(
            "A dense layer reads each example as one vector, so the image is "
            "flattened: row 0 first, "
            f"then row 1, and so on, {n * n} numbers in one line.",
            chapter="Flattening",
        ):
            self.play(FadeIn(self.source), run_time=0.6)
            self.add(self.faint)
            self.remove(self.source)
            self.add(moving)
            for i in range(n):
                row = VGroup(*moving[i * n : (i + 1) * n])
                target = VGroup(*self.strip[i * n : (i + 1) * n])
                self.play(
                    Transform(row, target),
                    FadeIn(labels[i]),
                    FadeIn(starts[i]),
                    run_time=0.35,
                )
        self.moving = moving

    def find_pixel(self) -> None:
        n, (i, j) = self.n, self.pixel
        k = flat_index(i, j, n)
        box_grid = outline(self.faint[k])
        box_strip = SurroundingRectangle(
            self.moving[k], buff=0.05, color=ACCENT, stroke_width=5
        )
        rule = tex(
            rf"({i}, {j})", r"\to", rf"{i} \cdot {n} + {j}", "=", str(k), size=44
        )
        rule[4].set_color(ACCENT)
        rule.move_to([0, -2.2, 0])
        self.rule = rule
        self.boxes = VGroup(box_grid, box_strip)
        with self.beat(
            f"Pixel ({i}, {j}) lands at position {i} times {n} plus {j}, which is {k}. "
            "This order is called row-major.",
        ):
            self.play(FadeIn(box_grid), run_time=0.5)
            self.play(TransformFromCopy(box_grid, box_strip), run_time=0.8)
            self.play(FadeIn(rule), run_time=0.6)

    def reshape_back(self) -> None:
        n, b = self.n, self.batch
        home = pixel_grid(
            _gray_rgb(self.drawn), self.faint[0].width, self.flat_grid_centre
        )
        flat = flatten(self.colour).size
        batch_shape = tex(
            rf"{b} \times {n} \times {n} \times 3",
            r"\to",
            rf"{b} \times {flat}",
            size=44,
        )
        batch_shape[2].set_color(ACCENT)
        batch_shape.move_to([0, -2.2, 0])
        with self.beat(
            f"Reshape the {n * n} numbers into {n} rows of {n} and the image comes back "
            "exactly.",
        ):
            self.play(FadeOut(self.boxes, self.strip_labels, self.rule), run_time=0.5)
            self.play(Transform(self.moving, home), run_time=1.5)
            self.remove(self.faint)
        self.play(FadeOut(self.moving), run_time=0.6)

    # -- beats: in machine learning ---------------------------------------------------------------
    def through_a_layer(self) -> None:
        n, b = self.n, self.batch
        images = batch_images(self.args.pattern, n, b, self.args.image)
        flat = flatten_batch(images)
        scores = dense_scores(images)
        shapes = layer_shapes(n, b)
        features = flat.shape[1]
        # the shape tracker along the top
        track = VGroup()
        for k, (name, shape) in enumerate(shapes):
            if k:
                track.add(
                    VGroup(
                        text(name, SMALL, MUTED),
                        tex(r"\longrightarrow", size=44, color=MUTED),
                    ).arrange(DOWN, buff=0.05)
                )
            track.add(tex(shape_tex(shape), size=44, color=ACCENT))
        track.arrange(RIGHT, buff=0.3).move_to([0, TOP - 0.45, 0])
        # thumbnails, then one row of X per image
        cell = min(0.4, 2.2 / n)
        thumbs = VGroup(
            *(pixel_grid(img, cell, np.zeros(3)) for img in images)
        ).arrange(RIGHT, buff=0.3)
        thumbs.move_to([0, 0.4, 0])
        row_h = min(0.42, 2.6 / b)
        width = 5.2
        x_left = -6.6
        rows = VGroup()
        for k in range(b):
            values = flat[k]
            w = width / features
            row = VGroup(
                *(
                    Rectangle(
                        width=w,
                        height=row_h,
                        stroke_width=0,
                        fill_color=_hex(_one_channel(int(v), m % 3)),
                        fill_opacity=1,
                    ).move_to(
                        [x_left + (m + 0.5) * w, 0.4 - (k - (b - 1) / 2) * row_h, 0]
                    )
                    for m, v in enumerate(values)
                )
            )
            rows.add(row)
        x_frame = SurroundingRectangle(rows, buff=0.04, color=MUTED, stroke_width=2)
        x_shape = tex(rf"{b} \times {features}", size=40).next_to(
            x_frame, DOWN, buff=0.25
        )
        times = tex(r"\times", size=48).next_to(x_frame, RIGHT, buff=0.3)
        w_box = Rectangle(
            width=1.3,
            height=2.6,
            stroke_color=BLUE,
            stroke_width=3,
            fill_color=BLUE,
            fill_opacity=0.25,
        ).next_to(times, RIGHT, buff=0.3)
        w_box.match_y(x_frame)
        w_name = tex("W", size=48, color=BLUE).move_to(w_box)
        w_shape = tex(rf"{features} \times {UNITS}", size=40, color=BLUE).next_to(
            w_box, DOWN, buff=0.25
        )
        equals = tex("=", size=48).next_to(w_box, RIGHT, buff=0.3)
        top = float(np.abs(scores).max())
        out_cell = min(0.3, 3.0 / UNITS)
        out = VGroup()
        for k in range(b):
            for u in range(UNITS):
                v = scores[k, u] / top
                colour = interpolate_color(
                    ManimColor(BACKGROUND), ManimColor(GREEN if v > 0 else RED), abs(v)
                )
                out.add(
                    Square(
                        side_length=out_cell,
                        stroke_color=MUTED,
                        stroke_width=1,
                        fill_color=colour,
                        fill_opacity=1,
                    ).move_to([u * out_cell, -k * out_cell, 0])
                )
        out.next_to(equals, RIGHT, buff=0.3).match_y(x_frame)
        y_shape = tex(rf"{b} \times {UNITS}", size=40, color=GREEN).next_to(
            out, DOWN, buff=0.25
        )
        self.layer_pictures = VGroup(track, rows, x_frame, x_shape, w_box, w_name)
        with self.beat(
            "In machine learning, a whole batch goes through a layer at once. First each "
            f"image is flattened: the {b} by {n} by {n} by 3 tensor becomes a {b} by "
            f"{features} matrix, one row per image.",
            chapter="In machine learning",
        ):
            self.play(FadeIn(thumbs, lag_ratio=0.2), FadeIn(track[0]), run_time=1.0)
            self.play(
                *(
                    ReplacementTransform(thumb, row)
                    for thumb, row in zip(thumbs, rows, strict=True)
                ),
                FadeIn(track[1:3]),
                run_time=1.8,
            )
            self.play(Create(x_frame), FadeIn(x_shape), run_time=0.6)
        with self.beat(
            f"A dense layer with {UNITS} outputs, one score per digit, multiplies by a "
            f"{features} by {UNITS} weight matrix. Out come {b} rows of {UNITS} scores: "
            "the whole batch in one matrix product.",
        ):
            self.play(FadeIn(times, w_box, w_name, w_shape), run_time=0.8)
            self.play(FadeIn(equals), FadeIn(out, lag_ratio=0.02), run_time=1.4)
            self.play(FadeIn(y_shape), FadeIn(track[3:]), run_time=0.6)
        self.play(FadeOut(*self.mobjects), run_time=0.6)

    def close(self) -> None:
        small, layers, names, shape3 = self.channel_stack()
        # one group: FadeIn of several mobjects adds them to the scene as one Group
        picture = VGroup(small, *layers[::-1], names, shape3)  # red in front
        floor = CONTENT_BOTTOM + 1.3  # clear of the recap line
        if picture.height > TOP - floor:
            picture.scale((TOP - floor) / picture.height)
        picture.shift(max(0.0, floor - picture.get_bottom()[1]) * UP)
        self.play(FadeIn(picture), run_time=0.8)
        self.recap_over(
            [picture],
            "A tensor is an array with any number of axes; its shape says how long "
            "each one is.",
        )


# -- practice: exercises from this lesson's math, new numbers for every seed ---------


def practice(seed: int) -> list[Exercise]:
    """Exercises on arrays of numbers as images, numbers drawn from ``seed``.

    Four exercises: where a pixel lands in the flattened image
    (:func:`flat_index`); which pixel a flattened position is (:func:`pixel_of`);
    the shape of a batch of colour images (:func:`shape_ladder`); and how many
    numbers it holds.
    """
    rng = np.random.default_rng(seed)
    height = int(rng.integers(4, 11))
    width = int(rng.integers(4, 11))
    i, j = int(rng.integers(height)), int(rng.integers(width))
    index = flat_index(i, j, width)
    other = int(rng.integers(height * width))
    pixel = pixel_of(other, width)
    size, batch = int(rng.integers(6, 11)), int(rng.integers(2, 7))
    shape = shape_ladder(size, batch)[-1][1]
    count = int(np.prod(shape))
    return [
        Exercise(
            id="tensors-1",
            prompt=(
                f"A grayscale image is {height} pixels high and {width} wide. It is "
                f"flattened row by row (row 0 first). At which position (from 0) does the "
                f"pixel in row {i}, column {j} land?"
            ),
            kind="number",
            answer=float(index),
            hint="Every earlier row contributes a full row of pixels before this one.",
            solution=f"$i \\cdot W + j = {i} \\cdot {width} + {j} = {index}$.",
        ),
        Exercise(
            id="tensors-2",
            prompt=(
                f"An image {width} pixels wide was flattened row by row. Which pixel "
                f"(row, column), counting from 0, is at position {other}?"
            ),
            kind="vector",
            answer=pixel,
            hint="Divide by the width: the quotient is the row, the remainder the column.",
            solution=(
                f"${other} = {pixel[0]} \\cdot {width} + {pixel[1]}$, so row {pixel[0]}, "
                f"column {pixel[1]}."
            ),
        ),
        Exercise(
            id="tensors-3",
            prompt=(
                f"A batch of {batch} colour images, each {size} × {size} pixels with three "
                "channels (red, green, blue), is stored in one array, batch axis first and "
                "channels last. What is its shape?"
            ),
            kind="vector",
            answer=shape,
            hint="One axis per index you need: which image, which row, which column, which channel.",
            solution=f"$({batch}, {size}, {size}, 3)$: batch, height, width, channels.",
        ),
        Exercise(
            id="tensors-4",
            prompt=(
                f"How many numbers does that batch of {batch} colour images of "
                f"{size} × {size} pixels hold?"
            ),
            kind="number",
            answer=float(count),
            hint="Multiply the lengths of all the axes.",
            solution=f"${batch} \\cdot {size} \\cdot {size} \\cdot 3 = {count}$.",
        ),
    ]
