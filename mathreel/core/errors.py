"""Errors that reach the user as one clear line.

Every failure the user can fix (a bad parameter, an unknown lesson, a missing tool)
is a :class:`MathreelError`; the CLI prints its message on one line and exits
non-zero. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = [
    "LessonError",
    "MathreelError",
    "ParamError",
    "RenderError",
    "TexError",
    "ToolMissingError",
    "UnknownLessonError",
]


class MathreelError(Exception):
    """A failure with a message meant for the user, on one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self.args[0])


class ParamError(MathreelError):
    """A lesson parameter that is malformed or mathematically unusable."""

    def __init__(
        self, name: str, given: object, accepted: str, *, why: str = ""
    ) -> None:
        self.name = name
        self.given = given
        self.accepted = accepted
        shown = given if isinstance(given, str) else repr(given)
        reason = f" ({why})" if why else ""
        super().__init__(
            f"parameter '{name}': got {shown}{reason}; expected {accepted}"
        )


class UnknownLessonError(MathreelError):
    """A lesson slug that is not in the course."""

    def __init__(self, slug: str, suggestions: list[str]) -> None:
        self.slug = slug
        self.suggestions = suggestions
        hint = (
            f"did you mean {' or '.join(repr(s) for s in suggestions)}?"
            if suggestions
            else "run 'mathreel list' to see the course"
        )
        super().__init__(f"unknown lesson '{slug}': {hint}")


class LessonError(MathreelError):
    """A lesson that cannot be loaded or is written against the rules."""


class RenderError(MathreelError):
    """A render that failed or produced output that does not match its plan."""


class ToolMissingError(MathreelError):
    """An external tool (LaTeX, a voice) that is not installed."""


class TexError(MathreelError):
    """A formula that LaTeX (or dvisvgm) could not typeset."""
