"""Every filesystem path the package uses, in one place.

Nothing else in the package builds paths from scratch: modules import the
constants (or call the functions) defined here. Environment variables override
the defaults so a researcher can point the package at another raw-data copy or
output folder without editing code.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]
"""Root of the source checkout (holds pyproject.toml)."""

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

REPORTS_DIR: Path = Path(os.environ.get("ANALYSIS_REPORTS_DIR", PROJECT_ROOT / "reports"))
"""Rendered HTML reports (generated, not committed)."""

NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
PAIR_NOTEBOOK: Path = NOTEBOOKS_DIR / "pair_report.ipynb"
LANDSCAPE_NOTEBOOK: Path = NOTEBOOKS_DIR / "landscape.ipynb"

TEMPLATES_DIR: Path = Path(__file__).resolve().parent / "presentation" / "templates"

ATLAS_DIR: Path = REPORTS_DIR / "atlas"
"""Default output folder of ``analysis atlas``."""

ATLAS_TEMPLATES_DIR: Path = Path(__file__).resolve().parent / "atlas" / "templates"
"""Jinja2 templates of the atlas's own pages (index, occupation pages)."""

ATLAS_ASSETS_DIR: Path = Path(__file__).resolve().parent / "atlas" / "assets"
"""The atlas's shared CSS and JavaScript, copied once into the site's ``assets/``."""

DATAPACKAGE_FILE: str = "datapackage.json"

_SHARED_RAW: Path = PROJECT_ROOT.parent / "shared" / "data" / "raw"


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
