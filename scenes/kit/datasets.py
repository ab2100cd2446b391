"""Real datasets that ship inside scikit-learn, read offline. Pure; no manim.

scikit-learn's bundled loaders (``load_iris``, ``load_diabetes``,
``load_digits``, ``load_wine``) read small files installed with the package:
nothing is downloaded. Lessons take their real data from here so none of them
copies another's loading code. Every array returned is a read-only copy, so a
lesson cannot change the data another beat (or another lesson) reads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

__all__ = ["BUNDLED", "digit_images", "feature_columns"]

#: The bundled datasets :func:`feature_columns` reads, by name.
BUNDLED = ("iris", "diabetes", "wine")


@cache
def _table(dataset: str) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    from sklearn import datasets  # the package's own files; no network

    if dataset == "iris":
        bunch = datasets.load_iris()
    elif dataset == "diabetes":
        bunch = datasets.load_diabetes(scaled=False)  # features in their own units
    elif dataset == "wine":
        bunch = datasets.load_wine()
    else:
        raise ValueError(f"unknown bundled dataset {dataset!r}: one of {BUNDLED}")
    data = np.asarray(bunch.data, dtype=float)
    target = np.asarray(bunch.target, dtype=float)
    return tuple(bunch.feature_names), data, target


def _frozen(a: np.ndarray) -> np.ndarray:
    out = np.array(a, dtype=float, copy=True)
    out.setflags(write=False)
    return out


def feature_columns(dataset: str, *names: str) -> np.ndarray:
    """Columns of a bundled dataset, as stored (diabetes unscaled).

    Parameters
    ----------
    dataset : str
        One of :data:`BUNDLED`.
    *names : str
        Feature names as the loader spells them (``"petal length (cm)"``,
        ``"bmi"``), or ``"target"`` for the dataset's target.

    Returns
    -------
    ndarray
        Shape ``(n, len(names))``, float, read-only; rows in the loader's order.

    Raises
    ------
    ValueError
        For an unknown dataset or feature name.
    """
    features, data, target = _table(dataset)
    columns = []
    for name in names:
        if name == "target":
            columns.append(target)
        elif name in features:
            columns.append(data[:, features.index(name)])
        else:
            raise ValueError(f"{dataset} has no feature {name!r}: one of {features}")
    return _frozen(np.stack(columns, axis=1))


@cache
def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn import datasets  # the package's own files; no network

    bunch = datasets.load_digits()
    return np.asarray(bunch.images, dtype=float), np.asarray(bunch.target, dtype=int)


def digit_images() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled handwritten digits: ``(images, labels)``.

    Returns
    -------
    images : ndarray
        Shape ``(1797, 8, 8)``, float, read-only: grey levels 0 (blank) to 16 (ink).
    labels : ndarray
        Shape ``(1797,)``, int, read-only: the digit each image shows, 0 to 9.
    """
    images, labels = _digits()
    lab = labels.copy()
    lab.setflags(write=False)
    return _frozen(images), lab
