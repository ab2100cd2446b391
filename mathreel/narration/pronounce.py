"""Math read aloud as a teacher reads it: one pronunciation layer for every voice.

:func:`speakable` turns a beat's text, formulas and numbers included, into plain
words that any engine (Piper, flite, eSpeak NG) says well:

* numbers are spelled out (``0.84`` -> "zero point eight four", ``-2`` -> "minus
  two", ``1,000,000`` -> "one million", ``1e-05`` -> "one times ten to the minus
  five", ``93.2%`` -> "ninety-three point two percent", ``1-3`` -> "one to three");
* single-letter names are said as letters: a bare "A" or "a" that names something
  becomes "eigh" (every engine otherwise reads it as the article, "uh");
* Greek letters and LaTeX commands by name (``λ``, ``\\lambda`` -> "lambda");
* subscripts and superscripts (``x_0``/``x₀`` -> "x nought", ``x_i`` -> "x sub
  i", ``v1`` -> "v one", ``x^2``/``x²`` -> "x squared", ``P^-1`` -> "P inverse",
  ``A^T`` -> "A transpose");
* functions and fractions (``f(x)`` -> "f of x", ``f′`` -> "f prime", ``sin x``
  -> "sine x", ``x³/3`` -> "x cubed over three", ``\\frac{a}{b}`` -> "a over b");
* vectors and matrices (``[3, 1]`` -> "the vector three, one", ``(2, 1)`` ->
  "two, one", ``[[2, 1], [1, 3]]`` -> "the matrix with rows two, one and one,
  three"), operators (``=``, ``+``, ``·``, ``≈``...) and units (``45°``, ``5 ms``).

Spelling every number out also makes one written word one spoken word, which
is what lets word timings from the voice land on caption words.
:func:`unspeakable` lists what is left that no engine can say; the test suite runs
every beat of every lesson through both.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["number_words", "speakable", "spoken_word_index", "unspeakable"]

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = (
    (10**12, "trillion"),
    (10**9, "billion"),
    (10**6, "million"),
    (1000, "thousand"),
)

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho",
    "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Σ": "Sigma",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip
_SYMBOLS = {
    "·": " times ", "×": " times ", "÷": " divided by ", "−": "-", "–": "-",
    "≈": " is about ", "≤": " is at most ", "≥": " is at least ", "≠": " is not ",
    "→": " goes to ", "∞": " infinity ", "±": " plus or minus ", "∂": " partial ",
    "∇": " the gradient of ", "∑": " the sum of ", "√": " the square root of ",
    "∫": " the integral of ", "∈": " in ", "′′": " double prime", "′": " prime",
    "″": " double prime", "ˆ": " hat", "&": " and ", "…": "...", "—": ", ",
}  # fmt: skip
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻ⁿᵀ", "0123456789-nT")
_SUBSCRIPT = str.maketrans("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₙ", "0123456789ijkn")
_LATEX = {
    "cdot": " times ", "times": " times ", "approx": " is about ", "leq": " is at most ",
    "le": " is at most ", "geq": " is at least ", "ge": " is at least ",
    "neq": " is not ", "to": " goes to ", "rightarrow": " goes to ",
    "infty": " infinity ", "pm": " plus or minus ", "partial": " partial ",
    "nabla": " the gradient of ", "sum": " the sum of ", "int": " the integral of ",
    "in": " in ", "top": "T", "prime": " prime", "ldots": "...", "cdots": "...",
    "sin": "sin", "cos": "cos", "tan": "tan", "log": "log", "ln": "ln", "exp": "exp",
    "det": "det",
}  # fmt: skip
_FUNCTIONS = {
    "sin": "sine", "cos": "cosine", "tan": "tangent", "exp": "exp", "log": "log",
    "ln": "natural log of", "det": "the determinant of", "argmax": "arg max",
    "argmin": "arg min", "softmax": "softmax", "tanh": "tanh",
}  # fmt: skip
_UNITS = {
    "°": "degrees", "ms": "milliseconds", "s": "seconds", "min": "minutes",
    "px": "pixels", "kg": "kilograms", "km": "kilometres", "cm": "centimetres",
    "mm": "millimetres", "m": "metres", "MB": "megabytes", "GB": "gigabytes",
    "fps": "frames per second", "Hz": "hertz", "kHz": "kilohertz", "dB": "decibels",
}  # fmt: skip
#: After a bare "A" or "a", these words mean it is a name, not the article.
_AFTER_NAME = {
    "times", "plus", "minus", "equals", "over", "and", "or", "is", "inverse",
    "transpose", "transposed", "scales", "moves", "sends", "then", "has", "does",
    "acts", "stretches", "squashes", "lands", "prime", "hat", "sub", "squared",
    "cubed", "to", "of", "with", "by", "dot", "nought",
}  # fmt: skip
_NUMBER = r"(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|-[A-Za-z])"


def _integer_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (
            f" {_integer_words(rest)}" if rest else ""
        )
    for size, name in _SCALES:
        if n >= size:
            high, rest = divmod(n, size)
            return f"{_integer_words(high)} {name}" + (
                f" {_integer_words(rest)}" if rest else ""
            )
    raise AssertionError(n)  # pragma: no cover


def number_words(text: str) -> str:
    """A written number (``-1,250.05``) as words ("minus one thousand two hundred
    fifty point zero five"); digits after the point are read one by one.

    Raises
    ------
    ValueError
        ``text`` is not a plain decimal number.
    """
    match = re.fullmatch(r"(-?)(\d[\d,]*)(?:\.(\d+))?", text.strip())
    if match is None:
        raise ValueError(f"not a number: {text!r}")
    sign, whole, fraction = match.groups()
    value = int(whole.replace(",", ""))
    words = (
        _integer_words(value)
        if value < 10**15
        else " ".join(_ONES[int(d)] for d in whole if d != ",")
    )
    if fraction:
        words += " point " + " ".join(_ONES[int(d)] for d in fraction)
    return ("minus " if sign else "") + words


def _sub(pattern: str, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
    return re.sub(pattern, repl, text)


def _scientific(match: re.Match[str]) -> str:
    mantissa, exponent = match.group(1), int(match.group(2))
    power = (
        "minus " + number_words(str(-exponent))
        if exponent < 0
        else number_words(str(exponent))
    )
    lead = "" if mantissa in ("1", "1.0") else f"{mantissa} times "
    return f" {lead}ten to the {power} " if lead else f" one times ten to the {power} "


def _power(match: re.Match[str]) -> str:
    exponent = match.group(1).strip("{}() ")
    named = {"2": " squared", "3": " cubed", "-1": " inverse", "T": " transpose",
             "⊤": " transpose", "top": " transpose"}  # fmt: skip
    return named.get(exponent, f" to the {exponent} ")


def _subscript(match: re.Match[str]) -> str:
    base, index = match.group(1), match.group(2).strip("{}")
    if index == "0":
        return f"{base} nought"
    if index.isdigit():
        return f"{base} " + " ".join(index)
    return f"{base} sub {index}"


def _tuple(match: re.Match[str]) -> str:
    return " " + ", ".join(p.strip() for p in match.group(1).split(",")) + " "


def _matrix(match: re.Match[str]) -> str:
    rows = re.findall(r"\[([^\[\]]*)\]", match.group(0))
    spoken = [", ".join(v.strip() for v in row.split(",")) for row in rows]
    return " the matrix with rows " + " and ".join(spoken) + " "


def _letter_names(text: str) -> str:
    """Say a bare "A"/"a" that names something as the letter ("eigh")."""
    tokens = text.split(" ")
    out = []
    for i, token in enumerate(tokens):
        core = token.strip("\"'(),.;:!?")
        if core in ("A", "a") and token.lstrip("\"'(").startswith(core):
            following = next((t for t in tokens[i + 1 :] if t), "")
            nxt = following.strip("\"'(),.;:!?")
            punctuated = token != core and token[-1] in ",.;:!?)"
            name = (
                punctuated
                or not nxt
                or len(nxt) == 1
                or nxt.lower() in _AFTER_NAME
                or (core == "A" and i > 0 and not _clause_start(tokens, i))
            )
            if name:
                token = token.replace(core, "eigh", 1)
        out.append(token)
    return " ".join(out)


def _clause_start(tokens: list[str], i: int) -> bool:
    previous = next((t for t in reversed(tokens[:i]) if t), "")
    return not previous or previous[-1] in ".:!?;"


def speakable(text: str) -> str:
    """``text`` with every formula, number and symbol turned into words.

    Plain prose passes through unchanged (except a bare "A"/"a" that names
    something); the result's whitespace-separated words are what the voice
    says, one spoken word each.
    """
    s = " " + text + " "
    for old, new in _SYMBOLS.items():
        s = s.replace(old, new)
    s = s.replace("\u2212", "-")
    for letter, name in _GREEK.items():
        s = s.replace(letter, f" {name} ")
    # superscripts and subscripts written as Unicode characters
    s = _sub(
        r"([⁰¹²³⁴⁵⁶⁷⁸⁹⁻ⁿᵀ]+)",
        lambda m: "^{" + m.group(1).translate(_SUPERSCRIPT) + "}",
        s,
    )
    s = _sub(
        r"([₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₙ]+)",
        lambda m: "_{" + m.group(1).translate(_SUBSCRIPT) + "}",
        s,
    )
    # LaTeX
    s = _sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r" \1 over \2 ", s)
    s = _sub(r"\\sqrt\s*\{([^{}]*)\}", r" the square root of \1 ", s)
    s = _sub(r"\\(?:hat|widehat)\s*\{([^{}]*)\}", r"\1 hat", s)
    s = _sub(r"\\(?:bar|overline)\s*\{([^{}]*)\}", r"\1 bar", s)
    s = _sub(
        r"\\(?:mathbf|mathrm|text|mathit|operatorname|boldsymbol|vec)\s*\{([^{}]*)\}",
        r"\1",
        s,
    )
    s = _sub(r"\\(?:left|right|big|Big|,|;|!|quad|qquad)", " ", s)
    s = _sub(r"\\([A-Za-z]+)", lambda m: _LATEX.get(m.group(1), f" {m.group(1)} "), s)
    # scientific notation before anything reads its minus sign
    s = _sub(r"(?<![\w.])(\d+(?:\.\d+)?)[eE]([+-]?\d+)(?![\w])", _scientific, s)
    # vectors and matrices
    s = _sub(r"\[\s*\[[^\[\]]*\](?:\s*,\s*\[[^\[\]]*\])+\s*\]", _matrix, s)
    s = _sub(
        r"\[\s*(-?[\d.]+(?:\s*,\s*-?[\d.]+)+)\s*\]",
        lambda m: " the vector" + _tuple(m),
        s,
    )
    s = _sub(r"\(\s*(-?[\d.]+(?:\s*,\s*-?[\d.]+)+)\s*\)", _tuple, s)
    # powers and indices
    s = _sub(r"\^\s*(\{[^{}]*\}|\(-?\w+\)|-?\w+)", _power, s)
    s = _sub(r"\b([A-Za-z])_(\{\w+\}|\w)", _subscript, s)
    s = _sub(
        r"(?<![\w'])([A-Za-z])(\d{1,2})(?![\w.,]\d)\b",
        lambda m: f"{m.group(1)} " + " ".join(m.group(2)),
        s,
    )
    # functions applied to arguments
    s = _sub(r"\b(sin|cos|tan|exp|log|ln|det)\b", lambda m: _FUNCTIONS[m.group(1)], s)
    s = _sub(
        r"(?<![\w])([A-Za-z]|sine|cosine|tangent|exp|log)((?:\s+prime)*)\s*\(",
        r"\1\2 of (",
        s,
    )
    s = s.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    s = s.replace("[", " ").replace("]", " ")
    # percentages, units, ranges and operators
    s = _sub(r"(\d)\s*%", r"\1 percent", s)
    s = _sub(r"(\d)\s*°", r"\1 degrees", s)
    s = _sub(
        r"(\d)\s?("
        + "|".join(sorted((u for u in _UNITS if u != "°"), key=len, reverse=True))
        + r")\b(?!-)",
        lambda m: f"{m.group(1)} {_UNITS[m.group(2)]}",
        s,
    )
    s = _sub(
        r"(?<![\w.-])(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)(?![\w.])", r"\1 to \2", s
    )
    s = _sub(r"(?<=[\w)])\s*/\s*(?=[\w(-])", " over ", s)
    s = _sub(r"\s=+\s|(?<=\w)=(?=[\w-])", " equals ", s)
    s = _sub(r"\s\+\s|(?<=\w)\+(?=\w)", " plus ", s)
    s = _sub(r"\s\*\s|(?<=\w)\*(?=\w)", " times ", s)
    s = _sub(r"\s<\s", " is less than ", s)
    s = _sub(r"\s>\s", " is greater than ", s)
    s = _sub(r"\s-\s", " minus ", s)
    s = _sub(r"(?<![\w])-(?=[A-Za-z])", "minus ", s)
    # numbers (a number glued to a word by a hyphen keeps the hyphen: "4-D")
    s = _sub(_NUMBER, lambda m: f" {number_words(m.group(0))} ".replace(" ", " "), s)
    s = _sub(r"(?<![\w])(\d+)(?=-[A-Za-z])", lambda m: number_words(m.group(1)), s)
    s = _sub(
        r"(?<=[A-Za-z])-(\d+)\b",
        lambda m: "-" + number_words(m.group(1)).replace(" ", "-"),
        s,
    )
    s = _sub(r"(?<![\w])(\d+)(?=[A-Za-z])", lambda m: number_words(m.group(1)) + " ", s)
    # tidy: spaces before punctuation, doubled punctuation, runs of spaces
    s = _sub(r"\s+([,.;:!?])", r"\1", s)
    s = _sub(r",(?=[^\s\d])", ", ", s)
    s = _sub(r"([,;:])\1+", r"\1", s)
    s = _sub(r"\s+", " ", s).strip()
    return _letter_names(s)


_WORD = re.compile(r"^[\"'(]*[A-Za-z]+(?:['’-][A-Za-z]+)*[\"')]*[.,;:!?]*[\"')]*$")


def unspeakable(spoken: str) -> list[str]:
    """Words of already-speakable text that no voice can say as written.

    A bare symbol, a leftover LaTeX command, a digit or a raw number format like
    ``1e-05``: anything but letters with apostrophes, hyphens and punctuation.
    """
    return [word for word in spoken.split() if not _WORD.match(word)]


def spoken_word_index(text: str, word: int) -> int:
    """The index in ``speakable(text)``'s words of the first word spoken for
    caption word ``word`` of ``text`` (whitespace-separated).

    Found by pronouncing the caption up to that word, so a formula that becomes
    several spoken words shifts every later caption word accordingly.
    """
    before = " ".join(text.split()[:word])
    return len(speakable(before).split()) if before else 0
