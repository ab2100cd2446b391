"""Named locks between processes, kept where nothing deletes files.

A lock file must outlive every holder: ``flock`` locks an open file, so a lock
file that something deletes while it is held lets the next process lock a new
file of the same name, and two processes then hold "the same" lock at once
(issue 11: manim's TeX cleanup deleted the lock kept inside the TeX folder).
Every mathreel lock therefore lives in ``<cache>/locks/``, a folder that only
this module writes and nothing cleans. Lock files are empty and never removed.

Locks in use, and what each protects:

* ``tex-<folder>-<hash>`` (:mod:`mathreel.patches.texlock`): one process compiles a
  given formula into a given TeX folder; the others wait and reuse its SVG.
  Only an efficiency: the SVG is renamed into place, so readers never need it.
* ``segments`` (:mod:`mathreel.render.segments`): one process evicts from or
  clears the segment cache at a time. Segments themselves are renamed into
  place, and a render links the ones it reuses before using them.
* the output folder's batch lock (:func:`mathreel.pipeline.batch.lock_output`) is the
  one lock kept elsewhere, ``<out>/.mathreel.lock``: mathreel's own cleanup of
  an output folder removes only ``.work/``, ``.progress/`` and ``.*.part``.

Everything else shared between processes (plans, step costs, narration lines,
outputs, previews) is written to a temporary file and renamed into place
(:mod:`mathreel.core.files`), so concurrent writers of one key are safe without a
lock: each rename installs a whole file, and they all hold the same content.
"""

from __future__ import annotations

import contextlib
import fcntl
import re
from collections.abc import Iterator
from pathlib import Path

from mathreel.core.files import cache_dir

__all__ = ["file_lock", "lock_path"]


def lock_path(name: str) -> Path:
    """The lock file for ``name`` (letters, digits, ``-``, ``_``, ``.`` only)."""
    if not re.fullmatch(r"[A-Za-z0-9._-]+", name):
        raise ValueError(f"lock name {name!r}: letters, digits, '-', '_' and '.' only")
    return cache_dir() / "locks" / f"{name}.lock"


@contextlib.contextmanager
def file_lock(name: str) -> Iterator[None]:
    """Hold the exclusive lock ``name`` across processes for the ``with`` block."""
    path = lock_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
