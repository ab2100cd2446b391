"""The segment cache: a re-render draws only the steps whose content changed.

manim renders every step (a ``play`` or a ``wait``) into a video segment of its
own and joins the segments without re-encoding. mathreel keys each step, before
it is drawn, by everything that step reads (:func:`segment_key`), walked by
value:

- every mobject on screen (points, colours, styles, updaters, pixels) and the
  step's animations (types, parameters, run time, rate function, the mobjects
  they hold), through their attributes;
- every function that runs: its bytecode, constants, closure cells and the
  globals it names; when it reads the scene (``self``), the scene attributes
  its code names (methods by their code, values by value);
- the source of every class outside manim among those objects (a lesson's own
  ``Animation`` or mobject subclass draws with code of its own);
- the camera's settings and the encoder's (codec, pixel format, size, frame
  rate, options), the foreground order, and the states of Python's and
  NumPy's global random generators and of any generator object met;
- a salt: manim's version and the source of mathreel's drawing engine
  (:data:`~mathreel.render.cache.FRAME_PACKAGES`).

A step whose key is in the cache is not drawn: its segment is linked into the
render's private work folder and the state the step left when it was drawn is
written back into the scene (:mod:`mathreel.render.state`); when that state
could not be saved, the scene jumps to the step's end, frame by frame when
updaters make the end state depend on that (exactly as a split render's
skipped steps do). A drawn step's segment is published into the cache
when the render succeeds. The lesson is then joined as before, and its
narration track is rebuilt from cached voice lines, so a narration-only edit
draws nothing but the waits whose length changed.

What the walk cannot see into (an object with neither attributes nor a known
type, a scene attribute read by name with ``getattr``) raises
:class:`Unkeyable`: that step is drawn every time, and the reason is logged and
counted (:attr:`SegmentStats.unkeyed`). :data:`TRACE_ENV` writes each step's
key inputs to files, to find why a step is drawn again.

The folder is bounded (:data:`SIZE_ENV`, megabytes, default
:data:`DEFAULT_SIZE_MB`): after each render the least recently used segments
are removed until it fits. Segments are written under a temporary name and
renamed into place, and a render links the segments it reuses into its own
folder first, so concurrent workers, Dask workers and eviction never see or
remove half a segment.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import os
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path, PurePath
from types import CodeType, FunctionType, MethodType, ModuleType
from typing import Any

import numpy as np

from mathreel.core.files import atomic_path, cache_dir
from mathreel.core.locks import file_lock
from mathreel.render.cache import engine_digest
from mathreel.render.state import digest

__all__ = [
    "DEFAULT_SIZE_MB",
    "SIZE_ENV",
    "SegmentStats",
    "SegmentStore",
    "StepKey",
    "Unkeyable",
    "key_step",
    "segment_key",
    "segment_salt",
    "size_bound",
]

#: Environment variable: the segment cache's size bound in megabytes.
SIZE_ENV = "MATHREEL_SEGMENT_CACHE_MB"
#: Environment variable: a folder to write each step's key inputs to (debugging
#: a key that changes when nothing did).
TRACE_ENV = "MATHREEL_SEGMENT_TRACE"
#: The bound when :data:`SIZE_ENV` is unset: about 40 lessons at 1080p60.
DEFAULT_SIZE_MB = 4096

_SCHEMA = "mathreel-segment-v1"


@dataclass
class SegmentStats:
    """What one render did with its steps.

    Attributes
    ----------
    reused
        Steps whose segment came from the cache (not drawn).
    restored
        Reused steps whose end state came from the cache too (the others were
        run without drawing).
    drawn
        Steps drawn and encoded (new content, or not keyable).
    unkeyed
        Why steps could not be keyed: reason -> number of steps.
    unsaved
        Why drawn steps' end states could not be saved: reason -> number of steps.
    """

    reused: int = 0
    drawn: int = 0
    unkeyed: Counter[str] = field(default_factory=Counter)
    restored: int = 0
    unsaved: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line for the log, e.g. ``"reused 140 of 143 segments, drew 3"``.

        Reused steps whose end state was not restored (replayed without
        drawing) and drawn steps whose end state could not be saved are named.
        """
        total = self.reused + self.drawn
        text = f"reused {self.reused} of {total} segments, drew {self.drawn}"
        if self.reused - self.restored:
            text += f" ({self.reused - self.restored} reused by replaying them)"
        if self.unsaved:
            why = "; ".join(f"{n} because {r}" for r, n in self.unsaved.most_common())
            text += f" (end state not saved: {why})"
        if self.unkeyed:
            why = "; ".join(f"{n} because {r}" for r, n in self.unkeyed.most_common())
            text += f" (not cacheable: {why})"
        return text


def size_bound() -> int:
    """The segment cache's size bound in bytes (from :data:`SIZE_ENV`).

    Raises
    ------
    ValueError
        When the variable is set to something other than a non-negative number.
    """
    value = os.environ.get(SIZE_ENV, "").strip()
    if not value:
        return DEFAULT_SIZE_MB * 1_000_000
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1
    if not megabytes >= 0:
        raise ValueError(
            f"{SIZE_ENV}={value!r} is not a size: give megabytes, e.g. {DEFAULT_SIZE_MB}"
        )
    return int(megabytes * 1_000_000)


class SegmentStore:
    """The folder of cached segments, one file per key (``KEY.mp4`` or ``KEY.webm``),
    and the end state of each step beside it (``KEY.state``).

    Parameters
    ----------
    root
        The folder; default ``<cache>/segments``.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else cache_dir() / "segments"

    def _path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def fetch(self, key: str, target: Path) -> bool:
        """Link (or copy) the segment for ``key`` to ``target``; ``False`` if absent.

        The link pins the segment for this render: eviction by another
        process removes only the cache's name for it.
        """
        source = self._path(key, target.suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except FileExistsError:
            return True  # reused earlier in this render
        except FileNotFoundError:
            return False
        except OSError:  # another file system
            try:
                shutil.copyfile(source, target)
            except FileNotFoundError:
                return False
        with contextlib.suppress(OSError):
            os.utime(source)  # most recently used
        return True

    def publish(self, key: str, source: Path) -> None:
        """Store ``source`` as the segment for ``key`` (atomic; first writer wins)."""
        final = self._path(key, source.suffix)
        if final.exists():
            return
        with atomic_path(final) as temporary:
            temporary.unlink()  # the link needs the name free
            try:
                os.link(source, temporary)
            except OSError:  # another file system
                shutil.copyfile(source, temporary)

    def fetch_state(self, key: str) -> bytes | None:
        """The saved end state of the step ``key`` (``None`` if absent or unreadable)."""
        path = self._path(key, ".state")
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return blob

    def publish_state(self, key: str, blob: bytes) -> None:
        """Store the end state of the step ``key`` (atomic; first writer wins)."""
        final = self._path(key, ".state")
        if final.exists():
            return
        with atomic_path(final) as temporary:
            temporary.write_bytes(blob)

    def files(self) -> list[Path]:
        """Every cached segment (not temporary files being written)."""
        if not self.root.is_dir():
            return []
        return [
            p
            for p in self.root.glob("*/*")
            if p.is_file() and not p.name.startswith(".")
        ]

    def size(self) -> int:
        """Bytes used by the cached segments."""
        total = 0
        for path in self.files():
            with contextlib.suppress(FileNotFoundError):
                total += path.stat().st_size
        return total

    def evict(self, bound: int) -> int:
        """Remove least recently used segments until at most ``bound`` bytes remain.

        Returns the number of segments removed. Runs under the store's lock, so
        two processes never both evict; renders in progress keep their links.
        """
        with file_lock("segments"):
            entries = []
            for path in self.files():
                with contextlib.suppress(FileNotFoundError):
                    stat = path.stat()
                    entries.append((stat.st_mtime, stat.st_size, path))
            total = sum(size for _, size, _ in entries)
            removed = 0
            for _, size, path in sorted(entries):
                if total <= bound:
                    break
                path.unlink(missing_ok=True)
                total -= size
                removed += 1
            return removed

    def clear(self) -> int:
        """Remove every cached segment; returns how many there were."""
        files = self.files()
        with file_lock("segments"):
            for path in files:
                path.unlink(missing_ok=True)
        return len(files)


def segment_salt() -> str:
    """What every key mixes in: manim's version and the drawing engine's sources."""
    return engine_digest()


# -- keys -------------------------------------------------------------------------


class Unkeyable(Exception):
    """The step reads something whose state the key cannot see; the message says what."""


_ATOMS = (int, float, complex, str, bytes, bool, type(None))
#: Attributes that are identities or caches, not state (manim's hash skips the
#: first two too). ``id_to_vgroup_dict`` maps an SVG's element ids to groups of
#: the submobjects (walked as submobjects); its ids for text come from cairo's
#: surface counter, which counts every frame drawn before in the process.
#: ``_mathreel_labels`` holds the ids of the mobjects a text labels (for the
#: layout check of :func:`mathreel.lesson.layout.labels`), memory addresses that
#: differ from process to process and draw nothing.
_NOT_STATE = frozenset(
    {
        "original_id",
        "pixel_array_to_cairo_context",
        "id_to_vgroup_dict",
        "_mathreel_labels",
    }
)
#: Camera attributes that are its output, not its settings.
CAMERA_OUTPUT = _NOT_STATE | {"pixel_array", "background", "display_funcs"}
#: Modules whose objects are inputs already reflected in a mobject's points:
#: an SVG or TeX mobject keeps the parsed file it was built from.
_DERIVED_MODULES = ("svgelements",)
_MANIM_MODULES = ("manim", "builtins", "abc", "typing", "enum", "numpy", "colour")


@cache
def _class_source(cls: type) -> str:
    try:
        return inspect.getsource(cls)
    except (OSError, TypeError):
        return ""


class _Hasher:
    """Feeds everything a step reads into one SHA-256, walking objects by value.

    Objects are walked through their ``__dict__`` (or ``__slots__``), NumPy
    arrays by their bytes, functions by their code, closure cells and the
    globals they name. An object met again is fed as a back-reference, so
    cycles end and shared objects cost nothing twice. A class outside manim
    adds its source. The scene object is not walked whole: a function that
    reads it (``self.method()``, ``self.tracker``) adds the scene attributes
    its code names, methods by their code, values by value.
    """

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.seen: dict[int, int] = {id(scene): 0}
        self.keep: list[Any] = [scene]  # ids stay valid while hashing
        self.sources: set[type] = set()
        #: Digests of the arrays walked, by ``id`` (reused by the state capture).
        self.digests: dict[int, str] = {}
        #: ``id`` of the containers the walk made itself (an object's attributes).
        self.copies: set[int] = set()
        #: Everything fed, in order: hashed at the end (and written when tracing).
        self.out: list[str] = []

    def copy(self, container: Any) -> Any:
        """Mark ``container`` as the walk's own copy (not state a step can change)."""
        self.copies.add(id(container))
        return container

    def put(self, *parts: Any) -> None:
        self.out.extend(map(str, parts))

    def hexdigest(self) -> str:
        """The key: SHA-256 of everything fed."""
        return hashlib.sha256("\x00".join(self.out).encode()).hexdigest()

    def feed(self, obj: Any, skip: frozenset[str] = _NOT_STATE) -> None:
        kind = type(obj)
        out = self.out
        if kind in _ATOMS:
            out.append(f"{kind.__name__}:{obj!r}")
            return
        if kind is np.ndarray:
            if obj.dtype.hasobject:
                out.append(f"objects{obj.shape}")
                for item in obj.flat:
                    self.feed(item)
                return
            found = self.digests[id(obj)] = digest(obj)
            out.append(f"array:{obj.dtype.str}{obj.shape}:{found}")
            return
        if isinstance(obj, np.generic):
            out.append(f"{kind.__name__}:{obj.item()!r}")
            return
        # values that many objects share (a colour constant, a file's path, the
        # parsed SVG glyph a copy keeps): by value, not as back-references, so
        # whether a copy shares them or not (a restored one does not) is no change
        if kind.__name__ == "ManimConfig":  # manim's settings: in any order, and
            self.put("config")  # without the render's own folders
            settings = sorted(
                (k, v) for k, v in obj._d.items() if not str(k).endswith("_dir")
            )
            self.feed(dict(settings))
            return
        if isinstance(obj, re.Pattern):  # compiled once, never changed
            out.append(f"regex:{obj.pattern!r}:{obj.flags}")
            return
        if isinstance(obj, PurePath):  # a file already read (the points say what)
            out.append("path")
            return
        if kind.__name__ == "ManimColor":
            out.append(f"colour:{obj._internal_value.tolist()!r}")
            return
        if kind.__module__.split(".")[0] in _DERIVED_MODULES:
            out.append(f"derived:{kind.__qualname__}")
            return
        number = self.seen.get(id(obj))
        if number is not None:
            out.append(f"@{number}")
            return
        self.seen[id(obj)] = len(self.seen)
        self.keep.append(obj)
        if kind is dict:
            out.append("dict")
            for name, value in obj.items():
                if name in skip:
                    continue
                out.append(name if type(name) is str else repr(name))
                if type(value) in _ATOMS:
                    out.append(f"{type(value).__name__}:{value!r}")
                else:
                    self.feed(value)
            out.append("end")
        elif isinstance(obj, list | tuple | set | frozenset):
            items = sorted(obj, key=repr) if isinstance(obj, set | frozenset) else obj
            out.append(f"{kind.__name__}{len(obj)}")
            for item in items:
                if type(item) in _ATOMS:
                    out.append(f"{type(item).__name__}:{item!r}")
                else:
                    self.feed(item)
        elif isinstance(obj, dict):
            self.put("mapping", kind.__qualname__)
            self.feed(self.copy(dict(obj)), skip)
        elif isinstance(obj, FunctionType):
            self.function(obj)
        elif isinstance(obj, MethodType):
            self.put("method")
            self.feed(obj.__self__)
            self.feed(obj.__func__)
            function = obj.__func__
            if obj.__self__ is self.scene and isinstance(function, FunctionType):
                self.scene_reads(function.__code__)  # an updater method of the scene
        elif isinstance(obj, type):
            self.put("class", obj.__module__, obj.__qualname__)
            self.source(obj)
        elif isinstance(obj, ModuleType):
            self.put("module", obj.__name__)
        elif isinstance(obj, np.random.Generator):
            self.put("generator")
            self.feed(obj.bit_generator.state)
        elif isinstance(obj, random.Random):
            self.put("random")
            self.feed(obj.getstate())
        elif callable(obj) and not hasattr(obj, "__dict__"):  # builtins, ufuncs
            self.put("builtin", getattr(obj, "__module__", ""), repr(obj))
        elif hasattr(obj, "__dict__") or hasattr(kind, "__slots__"):
            self.put("object", kind.__module__, kind.__qualname__)
            if kind not in self.sources:
                self.source(kind)
            state = dict(getattr(obj, "__dict__", {}))
            for slot in getattr(kind, "__slots__", ()):
                if hasattr(obj, slot):
                    state[slot] = getattr(obj, slot)
            self.feed(self.copy(state), skip)
        else:
            raise Unkeyable(f"the step reads a {kind.__name__} object")

    def source(self, cls: type) -> None:
        for base in cls.__mro__:
            if base in self.sources:
                continue
            self.sources.add(base)
            if (base.__module__ or "").split(".")[0] not in _MANIM_MODULES:
                self.put("source", base.__module__, base.__qualname__)
                self.put(_class_source(base))

    def function(self, function: FunctionType) -> None:
        code = function.__code__
        self.put("function", function.__module__, function.__qualname__)
        self.code(code)
        self.feed(function.__defaults__)
        self.feed(function.__kwdefaults__)
        for cell in function.__closure__ or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                self.put("empty")
                continue
            if value is self.scene:
                self.scene_reads(code)
            else:
                self.feed(value)
        names = _names(code)
        space = function.__globals__
        for name in sorted(names):
            if name in space:
                value = space[name]
                self.feed(name)
                if value is self.scene:
                    self.scene_reads(code)
                else:
                    self.feed(value)

    def code(self, code: CodeType) -> None:
        self.out.append(code.co_code.hex())
        self.put(code.co_names, code.co_varnames, code.co_freevars)
        for const in code.co_consts:
            if isinstance(const, CodeType):
                self.code(const)
            else:
                self.put(repr(const))

    def scene_reads(self, code: CodeType) -> None:
        """Feed the scene attributes ``code`` names (a function reading ``self``)."""
        scene = self.scene
        engine: frozenset[str] = getattr(scene, "engine_attributes", frozenset())
        for name in sorted(_names(code)):
            if name in ("getattr", "setattr", "__dict__", "vars"):
                raise Unkeyable("an updater reads the scene's attributes by name")
            if name in engine:
                continue  # manim's and mathreel's own state: the salt covers its code
            try:
                value = inspect.getattr_static(scene, name)
            except AttributeError:
                continue
            if isinstance(value, FunctionType) and _engine_module(value.__module__):
                continue  # a method of manim's Scene or mathreel's Lesson
            self.put("self", name)
            if isinstance(value, FunctionType):  # a method: its code and what it reads
                if id(value) not in self.seen:
                    self.seen[id(value)] = len(self.seen)
                    self.keep.append(value)
                    self.function(value)
                    self.scene_reads(value.__code__)
            elif isinstance(value, staticmethod | classmethod | property):
                self.feed(getattr(value, "__func__", getattr(value, "fget", None)))
            else:
                self.feed(getattr(scene, name))


def _engine_module(module: str) -> bool:
    return module.split(".")[0] in {"manim", "mathreel"}


@cache
def _names(code: CodeType) -> frozenset[str]:
    """Every global or attribute name ``code`` (and code nested in it) uses."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _names(const)
    return frozenset(names)


#: Encoder options that set how the work is spread over cores, not the stream:
#: x264 writes the same parameter sets whatever its thread count, so segments
#: encoded by a pool worker with one thread join those of a lone render with
#: all cores (a course render must fill the cache for a lesson's re-render).
_SCHEDULING_OPTIONS = frozenset({"threads"})


def _encoder_identity(spec: Any) -> str:
    """manim's encoder fingerprint of ``spec`` without its scheduling options."""
    from manim._config.video_encoder import video_encoder_fingerprint

    if spec is not None:
        options = tuple(o for o in spec.options if o[0] not in _SCHEDULING_OPTIONS)
        spec = replace(spec, options=options)
    return video_encoder_fingerprint(spec)


def _random_state() -> tuple[Any, ...]:
    name, keys, pos, has_gauss, gauss = np.random.get_state()  # noqa: NPY002
    return (random.getstate(), name, keys, pos, has_gauss, gauss)


def segment_key(scene: Any, camera: Any, salt: str) -> str:
    """The content key of the step ``scene`` is about to draw (its animations compiled).

    Feeds the encoder's settings (codec, pixel format, size, frame rate,
    options but the thread count), the camera's settings, the step's
    animations (types, parameters, run times, rate functions and the mobjects
    they move), every mobject on screen with its updaters, the foreground
    order, the global random generators' states and ``salt``.

    Raises
    ------
    Unkeyable
        When the step reads an object whose state cannot be walked; the step
        is then drawn, and the message says why.
    """
    return key_step(scene, camera, salt).key


@dataclass(frozen=True)
class StepKey:
    """A step's key and the walk that made it.

    Attributes
    ----------
    key
        The content key (hex SHA-256).
    objects
        Every object walked, in walk order (``objects[0]`` is the scene; the
        walk's own copies of attributes are ``None``): the same key means the
        same objects in the same places, which is how a saved end state finds
        its objects (:mod:`mathreel.render.state`).
    digests
        The walked arrays' digests, by ``id``.
    """

    key: str
    objects: list[Any]
    digests: dict[int, str]


def key_step(scene: Any, camera: Any, salt: str) -> StepKey:
    """:func:`segment_key`, with the walk behind it.

    Raises
    ------
    Unkeyable
        When the step reads an object whose state cannot be walked; the step
        is then drawn, and the message says why.
    """
    hasher = _Hasher(scene)
    hasher.put(_SCHEMA, salt)
    hasher.put(_encoder_identity(scene.session_spec.video_encoder))
    hasher.feed(camera, skip=CAMERA_OUTPUT)
    hasher.feed(hasher.copy(list(scene.animations or [])))
    hasher.feed(hasher.copy(list(scene.mobjects)))
    hasher.feed(hasher.copy(list(scene.foreground_mobjects)))
    hasher.feed(hasher.copy(list(scene.updaters)))
    hasher.feed(_random_state())
    if trace := os.environ.get(TRACE_ENV):
        folder = Path(trace)
        folder.mkdir(parents=True, exist_ok=True)
        step = len(getattr(scene.renderer, "animations_hashes", ()))
        (folder / f"step-{step:04d}.txt").write_text("\n".join(hasher.out))
    objects = [None if id(o) in hasher.copies else o for o in hasher.keep]
    return StepKey(hasher.hexdigest(), objects, hasher.digests)
