"""Typed, validated lesson parameters.

A lesson declares its parameters as a mapping of names to :class:`Param` objects::

    params = {
        "matrix": Matrix([[2, 1], [1, 3]], require=[nonsingular]),
        "x0": Float(1.0, lo=-3, hi=3),
        "function": Choice("sine", ["sine", "cubic"]),
    }

Values come from Python or from the command line as ``--set name=value``; the
text is parsed as JSON, then as a Python literal (never ``eval``), then taken as a
bare string. A value that is malformed, out of range or mathematically unusable
raises :class:`~mathreel.core.errors.ParamError` with one line naming the parameter,
what was given and what is accepted.
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

import numpy as np

from mathreel.core.errors import MathreelError, ParamError

__all__ = [
    "Args",
    "Bool",
    "Choice",
    "Float",
    "Int",
    "Matrix",
    "Param",
    "Seed",
    "Vector",
    "nonsingular",
    "nonzero",
    "parse_assignment",
    "parse_literal",
    "resolve",
]

#: A check on a coerced value: returns why it is unusable, or ``None`` when it is fine.
Requirement = Callable[[Any], "str | None"]


def parse_literal(text: str) -> Any:
    """Parse command-line text as JSON, then a Python literal, else keep the string.

    Examples
    --------
    >>> parse_literal("[[2,1],[1,3]]")
    [[2, 1], [1, 3]]
    >>> parse_literal("(1, 2)")
    (1, 2)
    >>> parse_literal("sine")
    'sine'
    """
    stripped = text.strip()
    try:
        return json.loads(stripped)
    except ValueError:
        pass
    try:
        return ast.literal_eval(stripped)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return stripped


def parse_assignment(text: str) -> tuple[str, Any]:
    """Split ``name=value`` from ``--set`` into a name and a parsed value."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise MathreelError(
            f"--set {text!r}: expected NAME=VALUE, e.g. --set matrix=[[2,1],[1,3]]"
        )
    return name.strip(), parse_literal(value)


def _show(value: Any) -> str:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value) if _jsonable(value) else repr(value)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, (bool, np.bool_))
        and math.isfinite(float(value))
    )


class Param:
    """One typed lesson parameter with a default, a help text and requirements.

    Parameters
    ----------
    default
        The value used when none is given; it must itself be valid.
    help
        One line for ``mathreel list`` and the README.
    require
        Extra checks on the coerced value, each returning why the value is
        unusable for the lesson (``"it is singular"``) or ``None``.
    """

    kind = "value"

    def __init__(
        self,
        default: Any,
        *,
        help: str = "",
        require: Sequence[Requirement] = (),
    ) -> None:
        self.help = help
        self.require = tuple(require)
        self.default = self.coerce("default", default)

    # -- to be specialised -------------------------------------------------
    def accepted(self) -> str:
        """Describe the accepted values, for error messages and listings."""
        raise NotImplementedError

    def _coerce(self, value: Any) -> Any:
        """Convert ``value`` or raise ``ValueError`` with the reason."""
        raise NotImplementedError

    # -- shared ------------------------------------------------------------
    def coerce(self, name: str, value: Any) -> Any:
        """Return ``value`` converted to this parameter's type, or raise ParamError."""
        try:
            result = self._coerce(value)
        except (ValueError, TypeError) as error:
            raise ParamError(
                name, _show(value), self.accepted(), why=str(error)
            ) from None
        for check in self.require:
            why = check(result)
            if why:
                raise ParamError(name, _show(value), self.accepted(), why=why)
        return result

    def to_json(self, value: Any) -> Any:
        """A JSON-serialisable form of a coerced value (manifests, cache keys).

        Whole numbers are written as integers: ``[[2,1],[1,3]]``, not ``[[2.0,...``.
        """
        if isinstance(value, np.ndarray):
            return _plain(value.tolist())
        return _plain(value)

    def describe_default(self) -> str:
        """The default as it would be typed after ``--set name=``."""
        return json.dumps(self.to_json(self.default), separators=(",", ":"))


class Float(Param):
    """A finite real number, optionally bounded (closed or open at each end)."""

    kind = "float"

    def __init__(
        self,
        default: float,
        *,
        lo: float | None = None,
        hi: float | None = None,
        lo_open: bool = False,
        hi_open: bool = False,
        help: str = "",
        require: Sequence[Requirement] = (),
    ) -> None:
        self.lo, self.hi, self.lo_open, self.hi_open = lo, hi, lo_open, hi_open
        super().__init__(default, help=help, require=require)

    def accepted(self) -> str:
        if self.lo is None and self.hi is None:
            return "a number"
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        lo = "-inf" if self.lo is None else f"{self.lo:g}"
        hi = "inf" if self.hi is None else f"{self.hi:g}"
        return f"a number in {left}{lo}, {hi}{right}"

    def _in_range(self, x: float) -> bool:
        if self.lo is not None and (x < self.lo or (self.lo_open and x == self.lo)):
            return False
        return not (
            self.hi is not None and (x > self.hi or (self.hi_open and x == self.hi))
        )

    def _coerce(self, value: Any) -> float:
        if not _is_number(value):
            raise ValueError("not a finite number")
        x = float(value)
        if not self._in_range(x):
            raise ValueError("out of range")
        return x


class Int(Param):
    """An integer, optionally bounded (inclusive)."""

    kind = "int"

    def __init__(
        self,
        default: int,
        *,
        lo: int | None = None,
        hi: int | None = None,
        help: str = "",
        require: Sequence[Requirement] = (),
    ) -> None:
        self.lo, self.hi = lo, hi
        super().__init__(default, help=help, require=require)

    def accepted(self) -> str:
        if self.lo is not None and self.hi is not None:
            return f"an integer from {self.lo} to {self.hi}"
        if self.lo is not None:
            return f"an integer >= {self.lo}"
        if self.hi is not None:
            return f"an integer <= {self.hi}"
        return "an integer"

    def _coerce(self, value: Any) -> int:
        if not _is_number(value) or float(value) != int(value):
            raise ValueError("not an integer")
        n = int(value)
        if (self.lo is not None and n < self.lo) or (
            self.hi is not None and n > self.hi
        ):
            raise ValueError("out of range")
        return n


class Seed(Int):
    """A random seed: an integer from 0 to 2**32 - 1."""

    kind = "seed"

    def __init__(self, default: int = 0, *, help: str = "random seed") -> None:
        super().__init__(default, lo=0, hi=2**32 - 1, help=help)


class Bool(Param):
    """True or false (also accepts yes/no, on/off, 1/0)."""

    kind = "bool"
    _words: ClassVar[dict[str, bool]] = {
        "true": True,
        "yes": True,
        "on": True,
        "false": False,
        "no": False,
    }

    def accepted(self) -> str:
        return "true or false"

    def _coerce(self, value: Any) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in self._words:
            return self._words[value.lower()]
        raise ValueError("not a boolean")


class Choice(Param):
    """One name among a fixed list (a named function, a rule, a distribution)."""

    kind = "choice"

    def __init__(
        self,
        default: str,
        options: Sequence[str],
        *,
        help: str = "",
        require: Sequence[Requirement] = (),
    ) -> None:
        self.options = tuple(options)
        super().__init__(default, help=help, require=require)

    def accepted(self) -> str:
        return "one of " + ", ".join(self.options)

    def _coerce(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.options:
            raise ValueError("not one of the choices")
        return value


def _as_array(value: Any, ndim: int) -> np.ndarray:
    if isinstance(value, (str, bytes)) or value is None:
        raise ValueError("not a list of numbers")
    rows = value if isinstance(value, (list, tuple)) else []
    if ndim == 2 and rows and all(isinstance(r, (list, tuple)) for r in rows):
        if len({len(r) for r in rows}) > 1:
            raise ValueError("rows of different lengths")
    try:
        array = np.array(value, dtype=object)
    except ValueError:
        raise ValueError("rows of different lengths") from None
    if array.ndim != ndim:
        raise ValueError(f"not a {'list' if ndim == 1 else 'list of rows'}")
    if not all(_is_number(x) for x in array.flat):
        raise ValueError("an entry is not a finite number")
    result = array.astype(float)
    result.setflags(write=False)
    return result


class Vector(Param):
    """A list of ``dim`` finite numbers."""

    kind = "vector"

    def __init__(
        self,
        default: Sequence[float],
        *,
        dim: int = 2,
        help: str = "",
        require: Sequence[Requirement] = (),
    ) -> None:
        self.dim = dim
        super().__init__(default, help=help, require=require)

    def accepted(self) -> str:
        example = ", ".join(str(i + 1) for i in range(self.dim))
        return f"a vector of {self.dim} numbers such as [{example}]"

    def _coerce(self, value: Any) -> np.ndarray:
        array = _as_array(value, 1)
        if array.shape != (self.dim,):
            raise ValueError(f"{array.shape[0]} entries")
        return array


class Matrix(Param):
    """A matrix of finite numbers, of a fixed shape or any shape up to a limit.

    Parameters
    ----------
    default
        Rows of numbers.
    shape
        ``(rows, cols)`` to require an exact shape, or ``None``.
    max_shape
        With ``shape=None``: the largest rows and columns the lesson can show.
    """

    kind = "matrix"

    def __init__(
        self,
        default: Sequence[Sequence[float]],
        *,
        shape: tuple[int, int] | None = (2, 2),
        max_shape: tuple[int, int] = (3, 3),
        help: str = "",
        require: Sequence[Requirement] = (),
    ) -> None:
        self.shape = shape
        self.max_shape = max_shape
        super().__init__(default, help=help, require=require)

    def accepted(self) -> str:
        if self.shape is not None:
            r, c = self.shape
            example = (
                [[2, 1], [1, 3]]
                if (r, c) == (2, 2)
                else np.eye(r, c, dtype=int).tolist()
            )
            return f"a {r}x{c} matrix of numbers such as {json.dumps(example, separators=(',', ':'))}"
        r, c = self.max_shape
        return f"a matrix of numbers with 1 to {r} rows and 1 to {c} columns such as [[1,2],[3,4]]"

    def _coerce(self, value: Any) -> np.ndarray:
        array = _as_array(value, 2)
        r, c = array.shape
        if self.shape is not None and array.shape != self.shape:
            raise ValueError(f"shape {r}x{c}")
        if self.shape is None and not (
            1 <= r <= self.max_shape[0] and 1 <= c <= self.max_shape[1]
        ):
            raise ValueError(f"shape {r}x{c}")
        return array


# -- ready-made requirements ---------------------------------------------------


def nonsingular(matrix: np.ndarray) -> str | None:
    """Require an invertible square matrix (``|det| > 1e-9``)."""
    if matrix.shape[0] != matrix.shape[1]:
        return "it is not square"
    det = float(np.linalg.det(matrix))
    if abs(det) < 1e-9:
        return "it is singular (determinant 0), so it has no inverse"
    return None


def nonzero(vector: np.ndarray) -> str | None:
    """Require a vector that is not the zero vector."""
    if not np.any(vector):
        return "it is the zero vector"
    return None


class Args(Mapping[str, Any]):
    """The resolved parameter values of one lesson, read as attributes.

    ``args.matrix`` and ``args["matrix"]`` both work; :meth:`to_json` gives the
    values as plain JSON for manifests and cache keys.
    """

    def __init__(self, spec: Mapping[str, Param], values: Mapping[str, Any]) -> None:
        self._spec = dict(spec)
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def to_json(self) -> dict[str, Any]:
        """The values as JSON-serialisable data, in declaration order."""
        return {k: self._spec[k].to_json(v) for k, v in self._values.items()}

    def changed(self) -> dict[str, Any]:
        """Only the values that differ from their defaults, as JSON data."""
        return {
            k: v
            for k, v in self.to_json().items()
            if v != self._spec[k].to_json(self._spec[k].default)
        }

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={_show(v)}" for k, v in self.to_json().items())
        return f"Args({inner})"


def resolve(
    spec: Mapping[str, Param], given: Mapping[str, Any], *, lesson: str = "lesson"
) -> Args:
    """Coerce ``given`` values against ``spec``, filling in defaults.

    Raises
    ------
    MathreelError
        For a name the lesson does not take.
    ParamError
        For a value that is malformed or unusable.
    """
    unknown = [name for name in given if name not in spec]
    if unknown:
        takes = ", ".join(spec) or "no parameters"
        raise MathreelError(
            f"{lesson} has no parameter '{unknown[0]}'; it takes: {takes}"
        )
    values = {}
    for name, param in spec.items():
        if name not in given:
            values[name] = param.default
            continue
        try:
            values[name] = param.coerce(name, given[name])
        except ParamError as error:
            error.args = (f"{lesson}: {error.message}",)
            raise
    return Args(spec, values)
