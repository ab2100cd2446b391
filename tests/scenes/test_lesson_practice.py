"""Every lesson's practice: well posed for any seed, and right by an independent computation.

The lesson's ``practice(seed)`` computes its answers with the lesson's own math
functions. Here each answer is computed again from the numbers *as the prompt
shows them* (parsed back out of the text), with numpy and scipy written in the
test, never the lesson's functions: so a wrong formula, a number shown rounded
differently from the one used, or a prompt that does not say enough, all fail.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from mathreel.core.course import load_course
from mathreel.practice import Exercise, answer_text, check, exercises_for, problems

COURSE = load_course()
SLUGS = COURSE.slugs
seeds = st.integers(0, 2**32 - 1)

# -- reading numbers back out of a prompt ---------------------------------------------

NUM = r"-?\d+(?:\.\d+)?"


def grab(pattern: str, text: str) -> float:
    """The number captured by ``pattern`` (``{n}`` stands for a number)."""
    match = re.search(pattern.replace("{n}", f"({NUM})"), text)
    assert match, f"{pattern!r} not found in {text!r}"
    return float(match.group(1))


def grabs(pattern: str, text: str) -> list[float]:
    match = re.search(pattern.replace("{n}", f"({NUM})"), text)
    assert match, f"{pattern!r} not found in {text!r}"
    return [float(g) for g in match.groups()]


def matrices(text: str) -> list[np.ndarray]:
    """Every ``\\begin{bmatrix}...\\end{bmatrix}`` of the text, as arrays."""
    found = re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", text)
    return [
        np.array([[float(x) for x in row.split("&")] for row in body.split(r"\\")])
        for body in found
    ]


def vectors(text: str) -> list[np.ndarray]:
    """Every ``(a, b, ...)`` of numbers in the text."""
    found = re.findall(rf"\(({NUM}(?:, {NUM})+)\)", text)
    return [np.array([float(x) for x in v.split(", ")]) for v in found]


def close(got, want, tol: float) -> bool:
    return np.allclose(
        np.asarray(got, float), np.asarray(want, float), rtol=0, atol=tol
    )


# -- independent answers, one function per exercise -----------------------------------
# Each takes the exercise and returns the expected answer (or asserts on its own).


def _vectors(ex: Exercise, k: int):
    u, v = vectors(ex.prompt)[:2] if k != 2 else (vectors(ex.prompt)[0], None)
    if k == 1:
        return u + v
    if k == 2:
        return grab(r"c = {n}", ex.prompt) * u
    return 2 * u - v


def _dot(ex: Exercise, k: int):
    u, v = vectors(ex.prompt)[:2]
    if k == 1:
        return float(np.dot(u, v))
    if k == 2:
        angle = np.degrees(
            np.arccos(np.dot(u, v) / np.linalg.norm(u) / np.linalg.norm(v))
        )
        return "exactly 90°" if abs(angle - 90) < 1e-6 else (
            "less than 90°" if angle < 90 else "more than 90°")  # fmt: skip
    return float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))


def _matrix_ops(ex: Exercise, k: int):
    ms = matrices(ex.prompt)
    if k == 1:
        return ms[0] + ms[1]
    if k == 2:
        i, j = grabs(r"row {n}, column {n}", ex.prompt)
        return float((ms[0] @ ms[1])[int(i) - 1, int(j) - 1])
    if k == 3:
        m, n, n2, p = grabs(r"A is {n} × {n} and B is {n} × {n}", ex.prompt)
        return f"{int(m)} × {int(p)}" if n == n2 else "not defined"
    return ms[0].T


def _linear_transformations(ex: Exercise, k: int):
    if k == 1:
        i_hat, j_hat, v = vectors(ex.prompt)[:3]
        return np.column_stack([i_hat, j_hat]) @ v
    if k == 2:
        p, q = vectors(ex.prompt)[:2]
        return np.column_stack([p, q])
    first, then = matrices(ex.prompt)
    return then @ first


def _determinants(ex: Exercise, k: int):
    a = matrices(ex.prompt)[0]
    det = float(np.linalg.det(a))
    if k == 1:
        return det
    if k == 2:
        return grab(r"area {n}", ex.prompt) * abs(det)
    if np.linalg.matrix_rank(a) < 2:
        return "squashes the plane onto a line or a point"
    return "keeps the orientation" if det > 0 else "flips the orientation"


def _inverses(ex: Exercise, k: int):
    a = matrices(ex.prompt)[0]
    if k == 1:
        assert abs(np.linalg.det(a)) > 0.5  # an inverse is asked: never singular
        return np.linalg.inv(a)
    if k == 2:
        assert abs(np.linalg.det(a)) > 0.5
        return np.linalg.solve(a, vectors(ex.prompt)[0])
    singular = np.linalg.matrix_rank(a) < 2
    return ex.choices[1] if singular else ex.choices[0]


def _eigenvectors(ex: Exercise, k: int):
    a = matrices(ex.prompt)[0]
    values = np.linalg.eigvals(a)
    assert (
        np.all(np.isreal(values)) and abs(values[0] - values[1]) > 0.5
    )  # distinct, real
    values = np.sort(values.real)[::-1]
    if k == 1:
        return values
    if k == 2:
        lam = grab(r"\\lambda = {n}", ex.prompt)
        assert lam == pytest.approx(values[0])
        w, vecs = np.linalg.eig(a)
        v = vecs[:, int(np.argmin(abs(w - lam)))]
        big = np.flatnonzero(np.isclose(abs(v), abs(v).max()))[0]
        return v / v[big]
    w = vectors(ex.prompt)[0]
    image = a @ w
    lam = float(image @ w / (w @ w))
    assert close(image, lam * w, 1e-9)  # w really is an eigenvector
    return lam


def _svd(ex: Exercise, k: int):
    if k == 3:
        rows, cols = grabs(r"{n} × {n} pixels", ex.prompt)
        keep = grab(r"keeping its {n}", ex.prompt)
        return keep * (1 + rows + cols)
    s = np.linalg.svd(matrices(ex.prompt)[0], compute_uv=False)
    assert s[0] - s[1] > 0.1 and s[1] > 0  # distinct, not singular
    return s[0] if k == 1 else s[1]


def _pca(ex: Exercise, k: int):
    if k == 3:
        a, x = vectors(ex.prompt)[:2]
        return float(a @ x)
    cov = matrices(ex.prompt)[0]
    assert np.allclose(cov, cov.T)
    w, v = np.linalg.eigh(cov)
    assert w[0] > 0 and w[1] - w[0] > 0.5
    if k == 1:
        return w[1] / w.sum()
    axis = v[:, 1]
    return -axis if axis[0] < 0 or (axis[0] == 0 and axis[1] < 0) else axis


def _tensors(ex: Exercise, k: int):
    if k == 1:
        h, w = grabs(r"{n} pixels high and {n} wide", ex.prompt)
        i, j = grabs(r"row {n}, column {n}", ex.prompt)
        assert 0 <= i < h and 0 <= j < w
        return i * w + j
    if k == 2:
        w = grab(r"image {n} pixels wide", ex.prompt)
        return divmod(grab(r"position {n}", ex.prompt), w)
    batch = grab(r"batch of {n}", ex.prompt)
    size = (
        grab(r"each {n} ×", ex.prompt)
        if k == 3
        else grab(r"images of {n} ×", ex.prompt)
    )
    return (batch, size, size, 3) if k == 3 else batch * size * size * 3


def _derivatives(ex: Exercise, k: int):
    if r"\tfrac{1}{2}x^2" in ex.prompt:
        f, df = (lambda x: x * x / 2), (lambda x: x)
    else:
        assert r"\tfrac{1}{3}x^3 - x" in ex.prompt
        f, df = (lambda x: x**3 / 3 - x), (lambda x: x * x - 1)
    x0 = grab(r"x_0 = {n}", ex.prompt)
    if k == 1:
        h = grab(r"h = {n}", ex.prompt)
        return (f(x0 + h) - f(x0)) / h
    if k == 2:
        return df(x0)
    return df(x0), f(x0) - df(x0) * x0


def _integrals(ex: Exercise, k: int):
    if k == 1:
        a, b, n = (
            grab(r"a = {n}", ex.prompt),
            grab(r"b = {n}", ex.prompt),
            grab(r"n = {n}", ex.prompt),
        )
        shift = {"left edge": 0, "right edge": 1, "midpoint": 0.5}[
            re.search(r"at its (left edge|right edge|midpoint)", ex.prompt).group(1)]  # fmt: skip
        width = (b - a) / n
        return sum(width * (a + width * (i + shift)) ** 2 for i in range(int(n)))
    if k == 2:
        lo, hi = grabs(r"\\int_\{{n}\}\^\{{n}\}", ex.prompt)
        return integrate.quad(lambda x: x * x, lo, hi)[0]
    f = (lambda x: x * x) if "x^2" in ex.prompt else np.sqrt
    x = grab(r"at \$x = {n}", ex.prompt)
    area = lambda t: integrate.quad(f, 0, t)[0]  # noqa: E731
    h = 1e-4
    slope = (
        (area(x + h) - area(x - h)) / (2 * h)
        if x - h > 0
        else (area(x + h) - area(x)) / h
    )
    assert slope == pytest.approx(f(x), abs=1e-3)  # the fundamental theorem, measured
    return f(x)


_LINK = {
    "x^2": (lambda x: x * x), r"\sqrt{x}": np.sqrt,
    "u^2": (lambda u: u * u), r"\ln u": np.log,
}  # fmt: skip


def _chain_rule(ex: Exercise, k: int):
    g = next(f for t, f in _LINK.items() if f"g(x) = {t}$" in ex.prompt)
    f = next(f for t, f in _LINK.items() if f"f(u) = {t}$" in ex.prompt)
    x = grab(r"(?<!d)x = {n}", ex.prompt)
    h = 1e-6
    dg = (g(x + h) - g(x - h)) / (2 * h)
    u = g(x)
    df = (f(u + h) - f(u - h)) / (2 * h)
    dy = (f(g(x + h)) - f(g(x - h))) / (2 * h)
    if k == 1:
        return dg, df
    if k == 2:
        return dy
    return dy * grab(r"dx = {n}", ex.prompt)


def _partials(ex: Exercise, k: int):
    a, b, c = grabs(r"f\(x, y\) = {n}x\^2 \+ {n}xy \+ {n}y\^2", ex.prompt)
    x, y = grabs(r"at \$\({n}, {n}\)\$", ex.prompt)
    g = np.array([2 * a * x + b * y, b * x + 2 * c * y])
    if k == 1:
        return g[0]
    if k == 2:
        return g
    return np.array([x, y]) - grab(r"\\eta = {n}", ex.prompt) * g


def _gradient_descent(ex: Exercise, k: int):
    c = grab(r"\\frac\{{n}\}\{2\}", ex.prompt)
    m = grab(r"\(w - \(?{n}\)?\)\^2", ex.prompt)
    if k == 1:
        w0, lr = grab(r"w_0 = {n}", ex.prompt), grab(r"\\eta = {n}", ex.prompt)
        return w0 - lr * c * (w0 - m)
    if k == 2:
        return 1 - grab(r"\\eta = {n}", ex.prompt) * c
    if k == 3:
        factor = abs(1 - grab(r"\\eta = {n}", ex.prompt) * c)
        return "bounces" if math.isclose(factor, 1) else (
            "converges" if factor < 1 else "diverges")  # fmt: skip
    return 2 / c


def _linear_regression(ex: Exercise, k: int):
    points = np.array(vectors(ex.prompt.split(";")[0]))
    x, y = points[:, 0], points[:, 1]
    if k == 4:
        return np.polyfit(x, y, 1)
    line = re.search(r"\\hat y = ([^$]*)\$", ex.prompt).group(1).replace(" ", "")
    slope, intercept = re.fullmatch(
        rf"(?:(-?\d*\.?\d*)x)?([+-]?{NUM[2:]})?", line
    ).groups()
    w = {None: 0.0, "": 1.0, "-": -1.0}.get(slope, None)
    w = float(slope) if w is None else w
    b = float(intercept) if intercept else 0.0
    r = w * x + b - y
    grad = np.array([2 * np.mean(r * x), 2 * np.mean(r)])
    if k == 1:
        return np.mean(r**2)
    if k == 2:
        return grad
    return np.array([w, b]) - grab(r"\\eta = {n}", ex.prompt) * grad


def _backpropagation(ex: Exercise, k: int):
    x = vectors(ex.prompt)[0]
    w = np.array([grabs(r"w_\{11\}, w_\{12\} = {n}, {n}", ex.prompt),
                  grabs(r"w_\{21\}, w_\{22\} = {n}, {n}", ex.prompt)])  # fmt: skip
    v = np.array(grabs(r"v_1, v_2 = {n}, {n}", ex.prompt))
    y = grab(r"target \$y = {n}", ex.prompt)
    h = stats.logistic.cdf(w @ x)
    yhat = v @ h
    dyhat = 2 * (yhat - y)
    if k == 1:
        return dyhat * h[0]
    if k == 2:
        return dyhat * v[0] * h[0] * (1 - h[0]) * x[0]
    return v - grab(r"\\eta = {n}", ex.prompt) * dyhat * h


def _softmax(ex: Exercise, k: int):
    z = vectors(ex.prompt)[0]
    classes = ["cat", "dog", "bird"]
    target = classes.index(re.search(r"really a (\w+)\.", ex.prompt).group(1))
    p = np.exp(z) / np.exp(z).sum()
    if k == 1:
        return p[classes.index(re.search(r"softmax give (\w+)\?", ex.prompt).group(1))]
    if k == 2:
        return -math.log(p[target])
    y = np.zeros(3)
    y[target] = 1
    return p - y


def _distributions(ex: Exercise, k: int):
    if k == 1:
        p, n, kk = (
            grab(r"p = {n}", ex.prompt),
            grab(r"n = {n}", ex.prompt),
            grab(r"k = {n}", ex.prompt),
        )
        return stats.binom.pmf(kk, n, p)
    if k == 2:
        n, p = grab(r"n = {n}", ex.prompt), grab(r"p = {n}", ex.prompt)
        return stats.binom.mean(n, p), stats.binom.std(n, p)
    mu, sigma = grab(r"\\mu = {n}", ex.prompt), grab(r"\\sigma = {n}", ex.prompt)
    a, b = grabs(r"P\({n} \\le X \\le {n}\)", ex.prompt)
    return stats.norm.cdf(b, mu, sigma) - stats.norm.cdf(a, mu, sigma)


def _bayes(ex: Exercise, k: int):
    prev = grab(r"affects {n}%", ex.prompt) / 100
    sens = grab(r"finds {n}%", ex.prompt) / 100
    spec = grab(r"clears {n}%", ex.prompt) / 100
    for p in (prev, sens, spec):
        assert 0 < p < 1
    positive = prev * sens + (1 - prev) * (1 - spec)
    if k == 1:
        return positive
    if k == 2:
        return prev * sens / positive
    people = float(
        re.search(r"Out of ([\d,]+) people", ex.prompt).group(1).replace(",", "")
    )
    sick_positive = people * prev * sens
    assert sick_positive == pytest.approx(
        round(sick_positive)
    )  # a whole number of people
    return sick_positive


def _clt(ex: Exercise, k: int):
    mu = grab(r"\\mu = {n}", ex.prompt)
    sigma = (
        math.sqrt(2)
        if r"\sigma = \sqrt{2}" in ex.prompt
        else grab(r"\\sigma = {n}", ex.prompt)
    )
    skew = (
        math.sqrt(2)
        if r"skewness $\sqrt{2}$" in ex.prompt
        else grab(r"skewness \${n}", ex.prompt)
    )
    n = grab(r"n = {n}", ex.prompt)
    # the named source really has these moments
    name = "expon" if "exponential" in ex.prompt else "gamma"
    dist = stats.expon() if name == "expon" else stats.gamma(2)
    assert (dist.mean(), dist.std(), float(dist.stats(moments="s"))) == pytest.approx(
        (mu, sigma, skew)
    )
    if k == 1:
        return sigma / math.sqrt(n)
    if k == 2:
        return skew / math.sqrt(n)
    return mu - 2 * sigma / math.sqrt(n), mu + 2 * sigma / math.sqrt(n)


def _confidence(ex: Exercise, k: int):
    if k == 3:
        return (
            grab(r"{n}% interval", ex.prompt)
            / 100
            * grab(r"repeated {n} times", ex.prompt)
        )
    n, mean, sigma = (
        grab(r"n = {n}", ex.prompt),
        grab(r"\\bar x = {n}", ex.prompt),
        grab(r"\\sigma = {n}", ex.prompt),
    )
    se = sigma / math.sqrt(n)
    if k == 1:
        return se
    level = grab(r"{n}% confidence", ex.prompt) / 100
    z = stats.norm.ppf(1 - (1 - level) / 2)
    assert grab(r"z\^\* = {n}", ex.prompt) == round(z, 3)  # shown as computed
    return mean - z * se, mean + z * se


def _hypothesis(ex: Exercise, k: int):
    null, sigma = grab(r"\\mu_0 = {n}", ex.prompt), grab(r"\\sigma = {n}", ex.prompt)
    n, xbar = grab(r"n = {n}", ex.prompt), grab(r"\\bar x = {n}", ex.prompt)
    z = (xbar - null) / (sigma / math.sqrt(n))
    side = re.search(
        r"it (differs from|is greater than|is less than)", ex.prompt
    ).group(1)
    p = {"differs from": 2 * stats.norm.sf(abs(z)), "is greater than": stats.norm.sf(z),
         "is less than": stats.norm.cdf(z)}[side]  # fmt: skip
    if k == 1:
        return z
    if k == 2:
        return p
    alpha = grab(r"\\alpha = {n}", ex.prompt)
    assert abs(p - alpha) > 1e-3  # not a decision that hangs on rounding
    return "reject" if p <= alpha else "fail to reject"


def _round_ball_minimum(t: np.ndarray, l1: bool) -> np.ndarray:
    """Least (w1 - t1)^2 + (w2 - t2)^2 on the L1 or L2 unit sphere, by dense sampling."""
    s = np.linspace(0, 2 * np.pi, 400_001)
    d = np.column_stack([np.cos(s), np.sin(s)])
    pts = d / np.abs(d).sum(axis=1, keepdims=True) if l1 else d
    return pts[np.argmin(((pts - t) ** 2).sum(axis=1))]


def _norms(ex: Exercise, k: int):
    vs = vectors(ex.prompt)
    if k == 1:
        v = vs[0]
        return [np.linalg.norm(v, 1), np.linalg.norm(v), np.linalg.norm(v, np.inf)]
    if k == 2:
        name = re.search(r"(L1|L2|L∞) distance", ex.prompt).group(1)
        order = {"L1": 1, "L2": 2, "L∞": np.inf}[name]
        return float(np.linalg.norm(vs[0] - vs[1], order))
    t = vs[0]
    shown = grabs(r"\(w_1 - \(?{n}\)?\)\^2 \+ \(w_2 - \(?{n}\)?\)\^2", ex.prompt)
    assert np.allclose(shown, t)  # the loss is least where the prompt says
    if k == 3:
        w = _round_ball_minimum(t, l1=True)
        zero = [i for i in (0, 1) if abs(w[i]) < 1e-3]
        return ["w₁ = 0", "w₂ = 0"][zero[0]] if zero else "neither is zero"
    return _round_ball_minimum(t, l1=False)


def _describing(ex: Exercise, k: int):
    if k == 4:
        xy = np.array(vectors(ex.prompt))
        return float(np.corrcoef(xy[:, 0], xy[:, 1])[0, 1])
    listed = re.search(r"values ({n}(?:, {n})+)".replace("{n}", NUM), ex.prompt)
    x = np.array([float(v) for v in listed.group(1).split(", ")])
    return [float(np.mean(x)), float(np.var(x)), float(np.std(x))][k - 1]


def _projections(ex: Exercise, k: int):
    vs = vectors(ex.prompt)
    if k in (1, 2):
        b, a = vs[0], vs[1]
        p = (a @ b) / (a @ a) * a
        return p if k == 1 else float(np.linalg.norm(b - p))
    if k == 3:
        x = vs[0]
        design = np.column_stack([np.ones_like(x), x])
        return design.T @ design
    points = np.array(vs)
    slope, intercept = np.polyfit(points[:, 0], points[:, 1], 1)
    return [intercept, slope]


def _change_of_basis(ex: Exercise, k: int):
    if k == 3:
        p, a = matrices(ex.prompt)[:2]
        return np.linalg.inv(p) @ a @ p
    vs = vectors(ex.prompt)
    if k == 1:
        b1, b2, c = vs[:3]
        return c[0] * b1 + c[1] * b2
    if k == 2:
        b1, b2, v = vs[:3]
        return np.linalg.solve(np.column_stack([b1, b2]), v)
    u, w = vs[:2]
    independent = abs(np.linalg.det(np.column_stack([u, w]))) > 1e-9
    return ex.choices[0] if independent else ex.choices[1]


def _span(ex: Exercise, k: int):
    if k == 1:
        v, w, p = vectors(ex.prompt)[:3]
        return np.linalg.solve(np.column_stack([v, w]), p)
    if k == 2:
        v, u = vectors(ex.prompt)[:2]
        independent = abs(v[0] * u[1] - v[1] * u[0]) > 1e-9
        return (
            "independent: they span the plane"
            if independent
            else "dependent: they span only a line"
        )
    if k == 3:
        return float(np.linalg.matrix_rank(matrices(ex.prompt)[0]))
    x, w = matrices(ex.prompt)[0], vectors(ex.prompt)[0]
    w1 = grab(r"w_1 = {n}", ex.prompt)
    # the w2 that keeps X w: least squares of X (w1, w2) = X w for w2
    w2, *_ = np.linalg.lstsq(x[:, 1:], x @ w - w1 * x[:, 0], rcond=None)
    return float(w2[0])


INDEPENDENT: dict[str, Callable[[Exercise, int], object]] = {
    "vectors": _vectors, "dot-product": _dot, "norms-and-distances": _norms,
    "matrix-operations": _matrix_ops, "span-basis-rank": _span,
    "linear-transformations": _linear_transformations, "determinants": _determinants,
    "inverses": _inverses, "projections-and-least-squares": _projections,
    "change-of-basis": _change_of_basis, "eigenvectors": _eigenvectors, "svd": _svd, "pca": _pca,
    "tensors": _tensors, "derivatives": _derivatives, "integrals": _integrals,
    "chain-rule": _chain_rule, "partial-derivatives-and-gradients": _partials, "gradient-descent": _gradient_descent,
    "linear-regression": _linear_regression, "backpropagation": _backpropagation,
    "softmax-and-cross-entropy": _softmax,
    "describing-data": _describing, "distributions": _distributions,
    "bayes-theorem": _bayes,
    "central-limit-theorem": _clt, "confidence-intervals": _confidence,
    "hypothesis-testing": _hypothesis,
}  # fmt: skip


def test_every_lesson_has_an_independent_check():
    assert set(INDEPENDENT) == set(SLUGS)


def _expected_matches(slug: str, ex: Exercise) -> None:
    k = int(ex.id.rsplit("-", 1)[1])
    want = INDEPENDENT[slug](ex, k)
    if ex.kind == "choice":
        assert ex.answer == want, f"{ex.id}: {ex.answer!r} != {want!r}\n{ex.prompt}"
        return
    got = ex.answer
    # the answer must agree with the shown numbers far more closely than the tolerance
    tol = max(1e-6, ex.tolerance / 10)
    assert close(got, want, tol), f"{ex.id}: {got} != {want}\n{ex.prompt}"


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=40, deadline=None)
@given(seed=seeds)
def test_answers_match_an_independent_computation(slug, seed):
    for ex in exercises_for(COURSE.get(slug), seed):
        _expected_matches(slug, ex)


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=60, deadline=None)
@given(seed=seeds)
def test_every_exercise_is_well_posed(slug, seed):
    exercises = exercises_for(COURSE.get(slug), seed)
    assert len(exercises) >= 3
    assert [e.id for e in exercises] == [
        f"{slug}-{k}" for k in range(1, len(exercises) + 1)
    ]
    for ex in exercises:
        assert problems(ex) == [], (ex.id, problems(ex))
        if ex.kind == "choice":
            assert (
                sum(check(ex, chr(ord("a") + i)) for i in range(len(ex.choices))) == 1
            )
        else:
            # friendly numbers: every number in the prompt has at most 3 decimals
            for shown in re.findall(r"\d+\.(\d+)", ex.prompt):
                assert len(shown) <= 3, (ex.id, ex.prompt)


def _wrong(ex: Exercise) -> str:
    """A clearly wrong answer of the right shape."""
    off = 10 * ex.tolerance + 1.5
    if ex.kind == "choice":
        right = ex.choices.index(str(ex.answer))
        return chr(ord("a") + (right + 1) % len(ex.choices))
    if ex.kind == "number":
        return str(float(ex.answer) + off)
    if ex.kind == "matrix":
        rows = [[x + off for x in row] for row in ex.answer]  # type: ignore[union-attr]
        return str(rows)
    lo, *rest = ex.answer  # type: ignore[misc]
    return str([lo + off, *(x + off for x in rest)])


def _forms(ex: Exercise) -> list[str]:
    """The right answer in each accepted form."""
    text = answer_text(ex)
    if ex.kind == "choice":
        return [text[0], text[0].upper(), str(ex.answer), str(ex.answer).upper()]
    if ex.kind == "number":
        forms = [text, repr(float(ex.answer))]
        if abs(float(ex.answer)) < 1 and float(ex.answer) != 0:
            forms.append(text.replace("0.", ".", 1))
        if ex.percent:
            forms.append(f"{float(ex.answer) * 100:.10g}%")
        return forms
    if ex.kind == "matrix":
        rows = "; ".join(" ".join(repr(x) for x in row) for row in ex.answer)  # type: ignore[union-attr]
        return [text, rows, text.replace(" ", "")]
    parts = [repr(x) for x in ex.answer]  # type: ignore[union-attr]
    forms = [text, "(" + ", ".join(parts) + ")", " ".join(parts)]
    if ex.kind == "interval":
        forms.append(" to ".join(parts))
    return forms


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=25, deadline=None)
@given(seed=seeds)
def test_checking_accepts_every_form_and_rejects_a_wrong_answer(slug, seed):
    for ex in exercises_for(COURSE.get(slug), seed):
        for form in _forms(ex):
            assert check(ex, form), (ex.id, form, ex.answer)
        assert not check(ex, _wrong(ex)), (ex.id, _wrong(ex))


@pytest.mark.parametrize("slug", SLUGS)
def test_same_seed_same_exercises_and_seeds_7_and_8_differ(slug):
    entry = COURSE.get(slug)
    assert exercises_for(entry, 7) == exercises_for(entry, 7)
    seven, eight = exercises_for(entry, 7), exercises_for(entry, 8)
    assert [e.prompt for e in seven] != [e.prompt for e in eight]


def test_numbers_vary_with_the_seed_across_the_course():
    # over 30 seeds every exercise of every lesson shows more than one prompt
    for entry in COURSE:
        prompts: dict[str, set[str]] = {}
        for seed in range(30):
            for ex in exercises_for(entry, seed):
                prompts.setdefault(ex.id, set()).add(ex.prompt)
        for ex_id, seen in prompts.items():
            assert len(seen) > 1, f"{ex_id} never changes with the seed"
