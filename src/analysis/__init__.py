"""Compare two US professions on pay, education and demographics from official public data."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("profession-gaps")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
