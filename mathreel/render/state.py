"""A step's end state, cached beside its segment: a reused step is restored, not replayed.

A re-render still runs ``construct``: every step's key is computed from the
scene as it stands (:func:`~mathreel.render.segments.key_step`). Reaching the
end of a reused step used to mean running it without drawing: its
animations' ``begin`` (copies of whole mobject families) and, when updaters
or path-dependent animations need it, every frame's update. That was most of
a re-render's time.

Instead, when a step is drawn, :class:`StateCapture` compares every object
the key walked (mobjects, animations, updaters' closures, dictionaries,
lists, generators, the scene's mobject lists and its own attributes, the
global random generators) before and after the step, and pickles the new
state of those that changed. Objects that existed before the step are
pickled as references to their place in the key's walk, so a later render,
whose scene has the same key and so the same walk, finds them:
:func:`restore_state` writes the saved state into its live objects in place,
and ``construct``'s own references (``dot``, ``tracker``) stay valid.

What cannot be pickled (a lambda made during the step, an open file) leaves
the step without a saved state: a later render replays it, as before.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import random
import zlib
from types import (
    BuiltinFunctionType,
    CodeType,
    FunctionType,
    MethodType,
    ModuleType,
)
from typing import Any

import numpy as np

__all__ = ["StateCapture", "StateError", "restore_state"]

_ATOMS = (int, float, complex, str, bytes, bool, type(None))
_SCHEMA = 1
#: Objects a step cannot change (or whose attributes are another object's).
_IMMUTABLE = (
    tuple,
    frozenset,
    type,
    MethodType,
    ModuleType,
    BuiltinFunctionType,
    CodeType,
    property,
    staticmethod,
    classmethod,
)
#: The scene's own lists that a step changes (animations add and remove mobjects).
_SCENE_LISTS = ("mobjects", "foreground_mobjects", "updaters")


class StateError(Exception):
    """A step's end state cannot be saved or restored; the message says why."""


def digest(array: np.ndarray) -> str:
    """The digest the segment key gives an array (BLAKE2b of its bytes, 16 bytes)."""
    data = np.ascontiguousarray(array).data
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _attributes(obj: Any, skip: frozenset[str]) -> dict[str, Any]:
    state = {k: v for k, v in getattr(obj, "__dict__", {}).items() if k not in skip}
    for slot in getattr(type(obj), "__slots__", ()):
        if slot not in skip and hasattr(obj, slot):
            state[slot] = getattr(obj, slot)
    return state


class _ArrayRef:
    """An array in a signature: the array itself and its content's digest."""

    __slots__ = ("array", "digest")

    def __init__(self, array: np.ndarray, digest: str) -> None:
        self.array = array
        self.digest = digest


class _Sig:
    """What an object holds, compared by identity (objects), value (atoms) and
    content (arrays); it keeps the objects alive, so identities stay meaningful."""

    __slots__ = ("items",)

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def same(self, other: _Sig) -> bool:
        if len(self.items) != len(other.items):
            return False
        for a, b in zip(self.items, other.items, strict=True):
            kind = type(a)
            if kind is not type(b):
                return False
            if kind is _ArrayRef:
                if a.array is not b.array or a.digest != b.digest:
                    return False
            elif kind is _Sig:
                if not a.same(b):
                    return False
            elif kind in _ATOMS:
                if a != b:
                    return False
            elif a is not b:
                return False
        return True


class StateCapture:
    """The objects a step may change, as they were before it (see the module).

    Parameters
    ----------
    scene
        The scene, with the step's animations compiled.
    keep
        The objects the step's key walked, in walk order (``keep[0]`` is the scene).
    digests
        Array digests computed by that walk (``id(array) -> digest``).
    camera
        The camera; its output (pixels, cairo contexts, :func:`camera_output`)
        is never saved.
    """

    def __init__(
        self,
        scene: Any,
        keep: list[Any],
        digests: dict[int, str],
        camera: Any,
    ) -> None:
        self.scene = scene
        self.keep = keep
        self.camera = camera
        self._camera_output = camera_output(camera, camera)
        self.engine: frozenset[str] = getattr(scene, "engine_attributes", frozenset())
        self._digests = digests
        self.played = _played(getattr(scene, "animations", None) or ())
        self.before = [self._sig(obj, digests) for obj in keep]
        self.scene_before = self._scene_sig(digests)

    # -- signatures ------------------------------------------------------------
    def _ref(self, value: Any, digests: dict[int, str]) -> Any:
        kind = type(value)
        if kind in _ATOMS:
            return value
        if kind is np.ndarray:
            if value.dtype.hasobject:
                return _ArrayRef(value, repr([id(v) for v in value.flat]))
            found = digests.get(id(value))
            if found is None:
                found = digests[id(value)] = digest(value)
            return _ArrayRef(value, found)
        return value

    def _sig(self, obj: Any, digests: dict[int, str]) -> _Sig | None:
        if obj is None or obj is self.scene or id(obj) in self.played:
            return None
        kind = type(obj)
        if kind is dict:
            return _Sig([x for k, v in obj.items() for x in (k, self._ref(v, digests))])
        if kind is list or kind is tuple:  # a tuple: for arrays changed in place
            return _Sig([self._ref(v, digests) for v in obj])
        if kind is set:
            return _Sig(sorted((self._ref(v, digests) for v in obj), key=id))
        if kind is FunctionType:
            cells = []
            for cell in obj.__closure__ or ():
                try:
                    cells.append(self._ref(cell.cell_contents, digests))
                except ValueError:
                    cells.append(_EMPTY)
            return _Sig(cells)
        if isinstance(obj, np.random.Generator):
            return _Sig([repr(obj.bit_generator.state)])
        if isinstance(obj, random.Random):
            return _Sig([repr(obj.getstate())])
        if isinstance(obj, _IMMUTABLE) or not (
            hasattr(obj, "__dict__") or hasattr(kind, "__slots__")
        ):
            return None  # immutable, or nothing the walk saw into
        items: list[Any] = []
        for name, value in _attributes(obj, self._skipped(obj)).items():
            items += (name, self._ref(value, digests))
        return _Sig(items)

    def _own(self) -> dict[str, Any]:
        """The scene's attributes that are the lesson's own (not manim's or mathreel's)."""
        return {k: v for k, v in vars(self.scene).items() if k not in self.engine}

    def _scene_sig(self, digests: dict[int, str]) -> dict[str, Any]:
        scene = self.scene
        sig: dict[str, Any] = {
            name: _Sig(list(getattr(scene, name, ()))) for name in _SCENE_LISTS
        }
        for name, value in self._own().items():
            sig["." + name] = _Sig([self._ref(value, digests)])
        return sig

    # -- after the step -----------------------------------------------------------
    def capture(self) -> bytes:
        """The pickled end state of everything the step changed.

        Raises
        ------
        StateError
            When a changed object cannot be pickled (the reason is in the message).
        """
        scene = self.scene
        changed: list[tuple[int, Any]] = []
        fresh: dict[int, str] = {}
        for index, (obj, before) in enumerate(zip(self.keep, self.before, strict=True)):
            if before is None:
                continue
            now = self._sig(obj, fresh)
            if now is not None and not before.same(now):
                if type(obj) is tuple:  # cannot be written back in place
                    raise StateError("it changes an array inside a tuple")
                changed.append((index, self._state(obj)))
        then, after = self.scene_before, self._scene_sig(fresh)
        lists = {
            name: list(getattr(scene, name, ()))
            for name in _SCENE_LISTS
            if not then[name].same(after[name])
        }
        own = self._own()
        gone = [k[1:] for k in then if k[0] == "." and k not in after]
        moved = {
            k[1:]: own[k[1:]]
            for k in after
            if k[0] == "." and (k not in then or not then[k].same(after[k]))
        }
        scene_state = (lists, gone, moved)
        randoms = (random.getstate(), _np_state())
        payload = (_SCHEMA, changed, scene_state, randoms)
        arrays = self._array_places(fresh)
        buffer = io.BytesIO()
        pickler = _Pickler(buffer, self, arrays)
        try:
            pickler.dump(payload)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as e:
            raise StateError(f"its end state cannot be saved ({e})") from None
        return zlib.compress(buffer.getvalue(), 1)  # arrays: about a fifth

    def _state(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is dict:
            return dict(obj)
        if kind is list or kind is set:
            return list(obj)
        if kind is FunctionType:
            cells: list[Any] = []
            for cell in obj.__closure__ or ():
                try:
                    cells.append(cell.cell_contents)
                except ValueError:
                    cells.append(_EMPTY)
            return cells
        if isinstance(obj, np.random.Generator):
            return obj.bit_generator.state
        if isinstance(obj, random.Random):
            return obj.getstate()
        return _attributes(obj, self._skipped(obj))

    def _skipped(self, obj: Any) -> frozenset[str]:
        return self._camera_output if obj is self.camera else _NOTHING

    def _array_places(
        self, fresh: dict[int, str]
    ) -> dict[int, tuple[np.ndarray, int, str]]:
        """Arrays unchanged since before the step, by the attribute that held them."""
        places: dict[int, tuple[np.ndarray, int, str]] = {}
        for index, (obj, before) in enumerate(zip(self.keep, self.before, strict=True)):
            if before is None or not _has_attributes(obj):
                continue
            items = before.items
            for name, ref in zip(items[0::2], items[1::2], strict=True):
                if type(ref) is _ArrayRef and not ref.array.dtype.hasobject:
                    now = fresh.get(id(ref.array))
                    if now is None:
                        now = fresh[id(ref.array)] = digest(ref.array)
                    if now == ref.digest:
                        places.setdefault(id(ref.array), (ref.array, index, name))
        return places


def _has_attributes(obj: Any) -> bool:
    """Whether a signature of ``obj`` lists its attributes (name, value, ...)."""
    return not isinstance(
        obj,
        dict | list | tuple | set | FunctionType | np.random.Generator | random.Random,
    )


def _played(animations: Any) -> set[int]:
    """``id`` of the step's animations and of those they group.

    Their own state after the step (the copies ``begin`` made to interpolate
    from, two thirds of what a step changes) is not saved: nothing reads it once
    the step is over, and playing one again starts it afresh. What they did to
    mobjects and to the scene is saved as everything else is.
    """
    seen: set[int] = set()
    stack = list(animations)
    while stack:
        animation = stack.pop()
        if id(animation) not in seen:
            seen.add(id(animation))
            stack.extend(getattr(animation, "animations", None) or ())
    return seen


class _Empty:
    """An empty closure cell."""

    def __reduce__(self) -> str:
        return "_EMPTY"


_EMPTY = _Empty()


def _np_state() -> Any:
    return np.random.get_state()  # noqa: NPY002


class _Pickler(pickle.Pickler):
    def __init__(
        self,
        file: io.BytesIO,
        capture: StateCapture,
        arrays: dict[int, tuple[np.ndarray, int, str]],
    ) -> None:
        super().__init__(file, protocol=5)
        self.places = {id(obj): i for i, obj in enumerate(capture.keep)}
        self.keep = capture.keep
        self.arrays = arrays
        scene = capture.scene
        self.special = {id(scene): "scene", id(getattr(scene, "renderer", None)): "r"}

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind in _ATOMS:
            return None
        if kind is np.ndarray:
            place = self.arrays.get(id(obj))
            if place is not None and place[0] is obj:
                return ("a", place[1], place[2])
            return None
        index = self.places.get(id(obj))
        if index is not None and self.keep[index] is obj and index:
            return ("k", index)
        return self.special.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, scene: Any, keep: list[Any]) -> None:
        super().__init__(file)
        self.scene = scene
        self.keep = keep

    def persistent_load(self, pid: Any) -> Any:
        if pid == "scene":
            return self.scene
        if pid == "r":
            return self.scene.renderer
        if pid[0] == "k":
            return self.keep[pid[1]]
        if pid[0] == "a":
            owner = self.keep[pid[1]]
            return _attributes(owner, frozenset())[pid[2]]
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_EMPTY":
            return _EMPTY
        return super().find_class(module, name)


def restore_state(blob: bytes, scene: Any, keep: list[Any], camera: Any) -> None:
    """Write a step's saved end state into the live objects of ``scene``.

    ``keep`` is the walk of this step's key in this render: the same key, so
    the same objects in the same places as in the render that saved ``blob``.

    Raises
    ------
    StateError
        When ``blob`` cannot be read (another version, a class that moved);
        nothing is changed then.
    """
    try:
        data = zlib.decompress(blob)
        payload = _Unpickler(io.BytesIO(data), scene, keep).load()
    except Exception as error:  # any unpickling failure: replay instead
        raise StateError(f"its saved end state cannot be read ({error})") from None
    schema, changed, scene_state, randoms = payload
    if schema != _SCHEMA:
        raise StateError("its saved end state is from another version")
    for index, state in changed:
        _apply(keep[index], state, camera)
    lists, gone, own = scene_state
    for name, items in lists.items():
        getattr(scene, name)[:] = items
    for name in gone:
        delattr(scene, name)
    for name, value in own.items():
        setattr(scene, name, value)
    random.setstate(randoms[0])
    np.random.set_state(randoms[1])  # noqa: NPY002


def _apply(obj: Any, state: Any, camera: Any) -> None:
    kind = type(obj)
    if kind is dict:
        obj.clear()
        obj.update(state)
    elif kind is list:
        obj[:] = state
    elif kind is set:
        obj.clear()
        obj.update(state)
    elif kind is FunctionType:
        for cell, value in zip(obj.__closure__ or (), state, strict=True):
            if value is _EMPTY:
                del cell.cell_contents
            else:
                cell.cell_contents = value
    elif isinstance(obj, np.random.Generator):
        obj.bit_generator.state = state
    elif isinstance(obj, random.Random):
        obj.setstate(state)
    else:
        slots = set(getattr(kind, "__slots__", ()))
        if hasattr(obj, "__dict__"):
            keep = camera_output(obj, camera)
            attributes = obj.__dict__
            for name in [k for k in attributes if k not in state and k not in keep]:
                del attributes[name]
        for name, value in state.items():
            if name in slots or not hasattr(obj, "__dict__"):
                setattr(obj, name, value)
            else:
                obj.__dict__[name] = value


_NOTHING: frozenset[str] = frozenset()


def camera_output(obj: Any, camera: Any) -> frozenset[str]:
    """The attributes of ``obj`` a restore leaves alone: the camera's output."""
    from mathreel.render.segments import CAMERA_OUTPUT

    return CAMERA_OUTPUT if obj is camera else frozenset()
