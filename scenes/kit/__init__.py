"""The scene toolkit: helpers every lesson may use, so no lesson copies another's.

Pure modules (numpy only, no manim; importable and testable on their own):

- :mod:`scenes.kit.numbers`: one number formatter (:func:`fmt`) and its spoken
  form (:func:`say_num`), vectors, matrices, factors in products.
- :mod:`scenes.kit.ticks`: nice tick steps, decimal places, tick positions.
- :mod:`scenes.kit.stats`: the normal density and distribution function.
- :mod:`scenes.kit.linalg`: a 2x2 matrix applied to points, its determinant.
- :mod:`scenes.kit.datasets`: real datasets bundled with scikit-learn (iris,
  diabetes, wine columns; the 8x8 handwritten digits), read offline, read-only.
- :mod:`scenes.kit.view`: fitting a plane view to its content (:func:`fit_view`),
  and the limits a scaled view still has (:func:`legible_entries`,
  :func:`require_visible`).

Manim modules:

- :mod:`scenes.kit.plane`: :class:`~scenes.kit.plane.PlaneView`, the plane on
  screen (points, arrows, polygons, the grid).
- :mod:`scenes.kit.axes`: :func:`~scenes.kit.axes.plot_axes`, the axes of every
  plot, placed in a band or from a start point, with labelled ticks.
- :mod:`scenes.kit.readout`: :func:`~scenes.kit.readout.readout`, a label and
  a live number for values that follow a tracker.

The look (palette, type sizes, cards) stays in :mod:`scenes.style`. Lessons
import from these modules directly; lessons never import each other.
"""

__all__: list[str] = []
