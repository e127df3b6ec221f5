"""Every filesystem path the package uses, in one place.

Nothing else in the package builds paths from scratch: modules import the
constants (or call the functions) defined here. Environment variables override
the defaults so a researcher can point the package at another raw-data copy or
output folder without editing code.
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis.errors import InstallationError

_PACKAGE_DIR: Path = Path(__file__).resolve().parent
_CHECKOUT: Path = _PACKAGE_DIR.parents[1]

IN_CHECKOUT: bool = (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "src").is_dir()
"""True when the package runs from a source checkout (``src/`` layout, editable install)."""

BUNDLE_DIR: Path = _PACKAGE_DIR / "bundle"
"""In an installed wheel: copies of the checkout's ``data/`` and ``notebooks/``.

``pyproject.toml`` maps those two folders into the wheel (``package-dir``), so
the checkout holds the only editable copy and the wheel carries it unchanged.
"""

PROJECT_ROOT: Path = _CHECKOUT if IN_CHECKOUT else BUNDLE_DIR
"""Root of the source checkout; in an installed wheel, :data:`BUNDLE_DIR`.

Either way it holds ``data/`` and ``notebooks/``.
"""

DATA_DIR: Path = Path(os.environ.get("ANALYSIS_DATA_DIR", PROJECT_ROOT / "data"))
"""Processed, committed tables and their datapackage.json."""

SEED_DIR: Path = DATA_DIR / "seed"
"""The seed page's two professions, exactly as the page shows them."""

PAIRS_DIR: Path = DATA_DIR / "pairs"
"""CSV files of profession pairs for the batch runner."""

MAPPINGS_DIR: Path = DATA_DIR / "mappings"
"""Hand-written mapping tables (data, not code) used by the build."""

DEFAULT_PAIRS_FILE: Path = PAIRS_DIR / "default.csv"

DATASETS: tuple[str, ...] = ("public", "seed")
"""Datasets a comparison can use: 'public' = DATA_DIR/tables, 'seed' = SEED_DIR."""

REPORTS_DIR: Path = Path(
    os.environ.get("ANALYSIS_REPORTS_DIR", _CHECKOUT / "reports" if IN_CHECKOUT else "reports")
)
"""Rendered HTML reports (generated, not committed); ``./reports`` for an installed wheel."""

NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
PAIR_NOTEBOOK: Path = NOTEBOOKS_DIR / "pair_report.ipynb"
NOTEBOOKS: tuple[Path, ...] = (
    PAIR_NOTEBOOK,
    NOTEBOOKS_DIR / "landscape.ipynb",
    NOTEBOOKS_DIR / "explore.ipynb",
)
"""The committed notebooks, re-executed in place by ``analysis notebooks --execute``."""
KERNEL_NAME: str = "python3"
"""The kernel spec every notebook runs on, in a batch or re-executed in place
(ipykernel's own, so no registration is needed)."""
PAYLOAD_MIME: str = "application/vnd.profession-gaps.compare+json"
"""MIME type of the notebook output carrying the compare JSON: one JupyterLab has no viewer
for, so it shows the one-line text instead of a JSON tree. Here, not in the notebook
facade, because the batch workers that read it back must not import the whole report
stack (matplotlib, every section) just for two strings."""
PAYLOAD_TAG: str = "compare-json"
"""Tag of the cell whose output is the compare JSON; the renderer writes it to <slug>.json."""

KERNEL_ARGUMENTS: list[str] = [
    # Nothing from the kernel's own log on our stderr: its start-up warnings ("running
    # over TCP without encryption") would break the one-line stderr, and a kernel shut down
    # mid-cell (Ctrl-C during `report`) logs a ZMQError traceback for the reply it can no
    # longer send. A cell's errors still reach us through the notebook's outputs, and a
    # dead kernel as DeadKernelError.
    "--IPKernelApp.log_level=CRITICAL",
    # No input history database: a report never reads it back, and committing each
    # cell to SQLite was about a tenth of the kernel's time per report.
    "--HistoryManager.enabled=False",
]
"""Command-line options of every kernel we start: warm batch kernels, ``report``'s own,
and the one ``notebooks --execute`` runs the committed notebooks on."""

TEMPLATES_DIR: Path = _PACKAGE_DIR / "presentation" / "templates"

ATLAS_DIR: Path = REPORTS_DIR / "atlas"
"""Default output folder of ``analysis atlas``."""

EXPORT_DIR: Path = REPORTS_DIR / "tables"
"""Default output folder of ``analysis export`` (the occupations and pairs tables)."""

ATLAS_TEMPLATES_DIR: Path = Path(__file__).resolve().parent / "atlas" / "templates"
"""Jinja2 templates of the atlas's own pages (index, occupation pages)."""

ATLAS_ASSETS_DIR: Path = Path(__file__).resolve().parent / "atlas" / "assets"
"""The atlas's shared CSS and JavaScript, copied once into the site's ``assets/``."""

DATAPACKAGE_FILE: str = "datapackage.json"

_SHARED_RAW: Path = _CHECKOUT.parent / "shared" / "data" / "raw"


def raw_dir() -> Path:
    """Return the directory holding the official raw files.

    ``ANALYSIS_RAW_DIR`` wins; otherwise ``../shared/data/raw`` beside the
    checkout. Read at call time so tests can point it elsewhere.

    Returns:
        The raw-data directory (it may not exist; callers report that).
    """
    env = os.environ.get("ANALYSIS_RAW_DIR")
    return Path(env) if env else _SHARED_RAW


def data_dir() -> Path:
    """Return the processed-data directory, honouring ``ANALYSIS_DATA_DIR`` at call time."""
    env = os.environ.get("ANALYSIS_DATA_DIR")
    return Path(env) if env else DATA_DIR


def require_data() -> Path:
    """Return the processed-data directory, or explain in one line why it cannot be used.

    Returns:
        :func:`data_dir`, which holds ``datapackage.json``.

    Raises:
        InstallationError: There is no ``datapackage.json`` there.
    """
    path = data_dir()
    if not (path / DATAPACKAGE_FILE).is_file():
        where = "ANALYSIS_DATA_DIR" if os.environ.get("ANALYSIS_DATA_DIR") else "the default"
        raise InstallationError(
            f"No processed data in {path} ({where}): {DATAPACKAGE_FILE} is missing. Set "
            "ANALYSIS_DATA_DIR to a folder holding datapackage.json and tables/ (a checkout's "
            "data/), or run `make data` in the checkout."
        )
    return path


def require_notebook() -> Path:
    """Return the report notebook, or explain in one line why it cannot be found.

    Returns:
        :data:`PAIR_NOTEBOOK`, which exists.

    Raises:
        InstallationError: The notebook is not there.
    """
    if not PAIR_NOTEBOOK.is_file():
        raise InstallationError(
            f"Report notebook {PAIR_NOTEBOOK} is missing. Run from a checkout that has "
            "notebooks/pair_report.ipynb, or install the package from its wheel (which "
            "carries the notebook)."
        )
    return PAIR_NOTEBOOK


CHART_PNG_ENV = "ANALYSIS_CHART_PNG"
"""Set (to 1) by ``analysis notebooks --execute``: the report notebook's charts also carry
a PNG. JupyterLab shows no SVG from an untrusted notebook (one it did not run itself),
but shows a PNG, so the committed notebooks open with their charts; batch reports,
which show the SVG, skip the extra drawing."""
