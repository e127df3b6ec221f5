"""Errors the package raises on purpose, all from one base class.

The CLI catches :class:`AnalysisError` and prints its message without a
traceback; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code: int = 1

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for this error in a notebook: its message, no traceback.

        IPython calls this hook instead of formatting the stack, so a lookup
        failure in ``nb.load(...)`` reads as one message with its candidates, as
        on the command line.
        """
        return [f"{type(self).__name__}: {self}"]


class UserInputError(AnalysisError):
    """A command-line argument, parameter or input file is wrong."""

    exit_code = 2


class RawFileMissingError(AnalysisError):
    """An official raw file is not where the build looked for it."""


class RawFormatError(AnalysisError):
    """An official raw file does not have the layout the parser expects."""


class OccupationLookupError(UserInputError):
    """A query matched no occupation, or several equally well."""

    def __init__(self, query: str, message: str, candidates: list[tuple[str, str]]):
        """Build the error.

        Args:
            query: What the user typed.
            message: One-paragraph explanation naming the query.
            candidates: ``(soc, title)`` pairs worth suggesting, best first.
        """
        super().__init__(message)
        self.query = query
        self.candidates = candidates


class DataNotBuiltError(AnalysisError):
    """The processed tables in ``data/`` are missing; run ``make data``."""

    exit_code = 2


class InstallationError(UserInputError):
    """The processed data or the report notebook cannot be found where the package looks."""


class DataCorruptError(AnalysisError):
    """A processed data file does not match the checksum ``datapackage.json`` records."""
