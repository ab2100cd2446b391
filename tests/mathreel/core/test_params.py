"""Typed lesson parameters: parsing, coercion and one-line errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathreel.core.errors import MathreelError, ParamError
from mathreel.core.params import (
    Bool,
    Choice,
    Float,
    Int,
    Matrix,
    Seed,
    Vector,
    nonsingular,
    parse_assignment,
    parse_literal,
    resolve,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("[[2,1],[1,3]]", [[2, 1], [1, 3]]),
        ("(1, 2)", (1, 2)),
        ("0.25", 0.25),
        ("true", True),
        ("sine", "sine"),
        ("__import__('os').system('x')", "__import__('os').system('x')"),
    ],
)
def test_parse_literal_never_evaluates(text, value):
    assert parse_literal(text) == value


def test_parse_assignment_needs_a_name():
    assert parse_assignment("x0 = 1.5") == ("x0", 1.5)
    with pytest.raises(MathreelError, match="NAME=VALUE"):
        parse_assignment("1.5")


def test_matrix_accepts_rows_and_rejects_wrong_shapes():
    m = Matrix([[1, 0], [0, 1]])
    assert m.coerce("m", [[2, 1], [1, 3]]).tolist() == [[2, 1], [1, 3]]
    for bad, why in [
        ([[1, 2]], "shape 1x2"),
        ("oops", "not a list"),
        ([[1, "a"], [1, 2]], "not a finite"),
        ([[1, 2], [3]], "different lengths"),
        ([[1, float("nan")], [0, 1]], "not a finite"),
    ]:
        with pytest.raises(ParamError, match=why) as error:
            m.coerce("matrix", bad)
        assert "parameter 'matrix'" in str(error.value)
        assert "expected a 2x2 matrix" in str(error.value)
        assert "\n" not in str(error.value)


def test_matrix_any_shape_up_to_a_limit():
    m = Matrix([[1]], shape=None, max_shape=(3, 3))
    assert m.coerce("a", [[1, 2, 3]]).shape == (1, 3)
    with pytest.raises(ParamError, match="shape 4x1"):
        m.coerce("a", [[1], [2], [3], [4]])


def test_requirements_explain_mathematical_problems():
    m = Matrix([[1, 0], [0, 1]], require=[nonsingular])
    with pytest.raises(ParamError, match="singular"):
        m.coerce("matrix", [[1, 2], [2, 4]])


def test_default_must_be_valid():
    with pytest.raises(ParamError):
        Float(2.0, lo=0, hi=1)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-10, max_value=10))
def test_float_range_open_and_closed(x):
    closed = Float(0.5, lo=0, hi=1)
    open_ = Float(0.5, lo=0, hi=1, lo_open=True, hi_open=True)
    assert (0 <= x <= 1) == _accepts(closed, x)
    assert (0 < x < 1) == _accepts(open_, x)


def _accepts(param, value):
    try:
        param.coerce("p", value)
    except ParamError:
        return False
    return True


def test_int_seed_bool_choice_vector():
    assert Int(3, lo=1, hi=5).coerce("n", 4.0) == 4
    with pytest.raises(ParamError, match="not an integer"):
        Int(3).coerce("n", 2.5)
    with pytest.raises(ParamError, match="not an integer"):
        Int(3).coerce("n", True)
    assert Seed(7).coerce("seed", 0) == 0
    with pytest.raises(ParamError, match="out of range"):
        Seed().coerce("seed", -1)
    assert Bool(False).coerce("b", "yes") is True
    c = Choice("sine", ["sine", "cubic"])
    with pytest.raises(ParamError, match="one of sine, cubic"):
        c.coerce("function", "tan")
    v = Vector([1, 2], dim=2)
    assert v.coerce("v", (3, 4)).tolist() == [3, 4]
    with pytest.raises(ParamError, match="3 entries"):
        v.coerce("v", [1, 2, 3])


def test_resolve_fills_defaults_and_rejects_unknown_names():
    spec = {"matrix": Matrix([[2, 1], [1, 3]]), "x": Float(1.0)}
    args = resolve(spec, {"x": 2})
    assert args.x == 2.0
    assert isinstance(args.matrix, np.ndarray)
    assert args.to_json() == {"matrix": [[2, 1], [1, 3]], "x": 2}
    assert args.changed() == {"x": 2}
    with pytest.raises(
        MathreelError, match=r"has no parameter 'y'; it takes: matrix, x"
    ):
        resolve(spec, {"y": 1}, lesson="demo")
    with pytest.raises(ParamError, match=r"^demo: parameter 'x'"):
        resolve(spec, {"x": "big"}, lesson="demo")


def test_values_are_read_only():
    args = resolve({"matrix": Matrix([[2, 1], [1, 3]])}, {})
    with pytest.raises(ValueError):
        args.matrix[0, 0] = 5
