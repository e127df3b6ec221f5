"""Build the processed tables in ``data/`` from the official raw files.

Reads every source through its parser in :mod:`analysis.data.sources`, joins the
Census-coded CPS tables to SOC codes through the crosswalk, and writes one
parquet file per table plus a Frictionless ``datapackage.json``. The build
writes into a temporary directory beside the target and swaps it in at the
end, so a failed or interrupted build leaves the previous ``data/`` intact.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import __version__, config
from analysis.data import dataset
from analysis.data.metadata import TABLES, datapackage_descriptor
from analysis.data.soc import major_group
from analysis.data.sources import acs_degree, bea_rpp, cps, crosswalk, oews, onet, projections
from analysis.data.sources.catalog import SOURCES, raw_path
from analysis.data.swap import STAGED_PACKAGE, STAGING_PREFIX, build_lock, recover, swap_in
from analysis.files import file_sha256, write_atomic

TABLES_SUBDIR = "tables"


def _describe_occupations(
    oews_occupations: pd.DataFrame, onet_occupations: pd.DataFrame
) -> pd.DataFrame:
    """One row per OEWS detailed occupation with its O*NET description.

    O*NET splits some SOC codes into several O*NET-SOC codes; the ``.00`` code
    is the SOC-level occupation, so it wins, then the lowest code.
    """
    detailed = oews_occupations[oews_occupations["occupation_level"] == 3][["soc", "title"]]
    groups = oews_occupations[oews_occupations["occupation_level"] == 0][["soc", "title"]]
    group_titles = dict(zip(groups["soc"], groups["title"], strict=True))
    onet_one = (
        onet_occupations.assign(_not_base=~onet_occupations["onet_code"].str.endswith(".00"))
        .sort_values(["soc", "_not_base", "onet_code"])
        .drop_duplicates("soc")[["soc", "onet_code", "title", "description"]]
        .rename(columns={"title": "onet_title"})
    )
    out = detailed.merge(onet_one, on="soc", how="left")
    out["major_group"] = out["soc"].map(major_group)
    out["major_group_title"] = out["major_group"].map(group_titles)
    return out[
        [
            "soc",
            "title",
            "major_group",
            "major_group_title",
            "onet_code",
            "onet_title",
            "description",
        ]
    ].sort_values("soc", ignore_index=True)


def _titles(occupations: pd.DataFrame, onet_titles: pd.DataFrame) -> pd.DataFrame:
    """All titles people may type, each tied to one SOC code in the occupation list."""
    official = occupations[["soc", "title"]].assign(onet_code=None, kind="oews")
    keep = onet_titles[onet_titles["soc"].isin(occupations["soc"])]
    out = pd.concat([official, keep[["soc", "onet_code", "title", "kind"]]], ignore_index=True)
    return out.drop_duplicates(["soc", "title", "kind"]).sort_values(
        ["soc", "kind", "title"], ignore_index=True
    )


def _census_join(
    socs: pd.Series, crosswalk_frame: pd.DataFrame, *tables: pd.DataFrame
) -> pd.DataFrame:
    """Attach Census-coded CPS tables to SOC codes through the crosswalk."""
    mapped = crosswalk.expand_to_soc(crosswalk_frame, socs)
    out = pd.DataFrame({"soc": sorted(socs)}).merge(mapped, on="soc", how="left")
    out["socs_sharing_census_code"] = out["socs_sharing_census_code"].astype("Int64")
    for table in tables:
        cols = [c for c in table.columns if c not in ("census_title", "match_method")]
        out = out.merge(table[cols], on="census_code", how="left")
    return out.sort_values("soc", ignore_index=True)


def _degree_groups(socs: pd.Series) -> pd.DataFrame:
    """Map each SOC code to its field-of-degree occupation group (None where none fits)."""
    mapping = acs_degree.read_degree_group_mapping(config.MAPPINGS_DIR / "soc_to_degree_group.csv")
    groups = [acs_degree.map_soc_to_group(s, mapping) for s in socs]
    return pd.DataFrame({"soc": list(socs), "occupation_group": groups}).sort_values(
        "soc", ignore_index=True
    )


ALL_OCCUPATIONS_SOC = "00-0000"
"""OEWS code of the all-occupations row (national, all industries)."""

_OEWS_TOTAL_FIGURES = (
    "employment",
    "hourly_mean_wage",
    "annual_mean_wage",
    "annual_median_wage",
    "annual_wage_p10",
    "annual_wage_p90",
)


def _all_occupations(wages: pd.DataFrame, totals: dict[str, pd.Series]) -> pd.DataFrame:
    """The all-occupations figure of each source, one row per figure.

    Args:
        wages: The OEWS wages table (holds the national all-industry 00-0000 row).
        totals: Source id -> the total row its parser read (a Series named by its title).

    Returns:
        Columns ``figure`` (named as the per-occupation column it compares with),
        ``value``, ``source`` (source id) and ``source_row`` (the row it comes from).
    """
    national = wages[
        (wages["area_type"] == "national")
        & (wages["industry_code"] == "000000")
        & (wages["soc"] == ALL_OCCUPATIONS_SOC)
    ]
    if len(national) != 1:
        raise RuntimeError(f"OEWS has {len(national)} national all-occupations rows, not 1")
    row = national.iloc[0]
    records = [
        {
            "figure": f,
            "value": float(row[f]),
            "source": "oews",
            "source_row": f"{ALL_OCCUPATIONS_SOC} All Occupations (national, all industries)",
        }
        for f in _OEWS_TOTAL_FIGURES
    ]
    for source_id, total in totals.items():
        records += [
            {"figure": f, "value": float(v), "source": source_id, "source_row": str(total.name)}
            for f, v in total.items()
        ]
    return pd.DataFrame(records).astype({"figure": "str", "source": "str", "source_row": "str"})


def build_tables(
    raw_dir: Path | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, pd.DataFrame]:
    """Parse every raw source and return the processed tables by name.

    Args:
        raw_dir: Raw-data directory (default :func:`analysis.config.raw_dir`).
        progress: Called with a short label before each step.

    Returns:
        Table name -> frame, one entry per table in :data:`analysis.data.metadata.TABLES`.
    """
    say = progress or (lambda _label: None)
    # Fail on a missing raw file before spending seconds on the OEWS database.
    for source in SOURCES.values():
        for key in source.files:
            raw_path(source.id, key, raw_dir)
    say(SOURCES["oews"].label)
    oews_tables = oews.read_oews()
    say(SOURCES["onet"].label)
    occupations = _describe_occupations(
        oews_tables["oews_occupations"], onet.read_occupations(raw_dir)
    )
    socs = occupations["soc"]
    tables: dict[str, pd.DataFrame] = {
        "occupations": occupations,
        "titles": _titles(occupations, onet.read_titles(raw_dir)),
        # Sorted by SOC so a reader filtering on one occupation touches few row groups.
        "oews_wages": oews_tables["oews_wages"].sort_values(
            ["soc", "area_type", "area_code", "industry_code"], ignore_index=True
        ),
        "oews_footnotes": oews_tables["oews_footnotes"],
        "oews_release": oews_tables["oews_release"],
        "onet_ete": onet.read_ete(raw_dir),
        "onet_job_zones": onet.read_job_zones(raw_dir),
        "onet_skills": onet.read_skills(raw_dir),
    }
    say("BLS Employment Projections")
    tables["projections"] = projections.read_projections(raw_dir)
    tables["separations"] = projections.read_separations(raw_dir)
    tables["projection_factors"] = projections.read_projection_factors(raw_dir)
    tables["education_attainment"] = projections.read_education_attainment(raw_dir)
    tables["entry_requirements"] = projections.read_entry_requirements(raw_dir)
    tables["ep_skills"] = projections.read_ep_skills(raw_dir)
    tables["ep_skill_ranks"] = projections.read_skill_ranks(raw_dir)
    say("CPS and the Census crosswalk")
    xwalk = crosswalk.read_crosswalk(raw_dir)
    tables["demographics"] = _census_join(
        socs,
        xwalk,
        cps.read_table11(raw_dir, xwalk).rename(
            columns={
                "employed_thousands": f"employed_thousands_{SOURCES['cps11'].year}",
                "suppressed_note": "table11_note",
            }
        ),
        cps.read_table11b(raw_dir, xwalk).rename(
            columns={
                "employed_thousands": f"employed_thousands_{SOURCES['cps11b'].year}",
                "suppressed_note": "table11b_note",
            }
        ),
    )
    tables["all_occupations"] = _all_occupations(
        tables["oews_wages"],
        {
            # One "Total, all occupations" row, read from Tables 1.2 and 1.10.
            "ep": pd.concat(
                [
                    projections.read_projections_total(raw_dir),
                    projections.read_separations_total(raw_dir),
                ]
            ),
            "cps11": cps.read_total("table11", raw_dir),
            "cps11b": cps.read_total("table11b", raw_dir),
            "cps39": cps.read_total("table39", raw_dir),
        },
    )
    tables["census_parts"] = crosswalk.census_parts(xwalk, socs)
    tables["gender_earnings"] = _census_join(
        socs,
        xwalk,
        cps.read_table39(raw_dir, xwalk).rename(columns={"suppressed_note": "table39_note"}),
    )
    say("ACS field of degree, BEA price parities")
    tables["field_of_degree"] = acs_degree.read_field_of_degree(raw_dir)
    tables["degree_groups"] = _degree_groups(socs)
    tables["price_parities"] = bea_rpp.read_price_parities(raw_dir)
    missing = set(TABLES) - set(tables)
    if missing:  # the metadata and the build must describe the same tables
        raise RuntimeError(f"build produced no table for {sorted(missing)}")
    return tables


def write_tables(tables: dict[str, pd.DataFrame], target: Path) -> None:
    """Write the tables and datapackage.json into ``target``, atomically.

    Everything goes to a temporary directory beside ``target`` first; the old
    ``tables/`` directory and ``datapackage.json`` are replaced only once every
    file has been written. One build at a time holds ``target/.build.lock``;
    it first repairs what a killed build left (:func:`analysis.data.swap.recover`).

    Args:
        tables: Table name -> frame.
        target: The data directory (``data/``).
    """
    target.mkdir(parents=True, exist_ok=True)
    with build_lock(target):
        recover(target)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target))
        try:
            tables_dir = staging / TABLES_SUBDIR
            tables_dir.mkdir()
            for name, frame in tables.items():
                frame.to_parquet(
                    tables_dir / f"{name}.parquet",
                    index=False,
                    row_group_size=20_000,
                    compression="zstd",
                )
            (staging / STAGED_PACKAGE).write_text(
                _datapackage_json(tables, staging), encoding="utf-8"
            )
            swap_in(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _datapackage_json(tables: dict[str, pd.DataFrame], base: Path) -> str:
    """The ``datapackage.json`` text for ``tables``, whose files are under ``base``."""
    package = _add_checksums(datapackage_descriptor(tables, f"{TABLES_SUBDIR}/", __version__), base)
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def write_datapackage(target: Path | None = None) -> Path:
    """Rewrite ``datapackage.json`` from the tables already in ``target``, leaving them as they are.

    For a change of metadata only (a field's description or unit, a catalog
    label): the parquet files are read, never written, so their bytes stay the same.

    Args:
        target: The data directory (default :func:`analysis.config.data_dir`).

    Returns:
        The path of the rewritten ``datapackage.json``.

    Raises:
        MetadataError: A column has no declaration, or a declared type is wrong.
    """
    root = target if target is not None else config.data_dir()
    tables = {name: dataset.table(name, data_dir=root) for name in TABLES}
    path = root / config.DATAPACKAGE_FILE
    write_atomic(path, _datapackage_json(tables, root))
    return path


def _add_checksums(package: dict, base: Path) -> dict:
    """Record each resource's size and SHA-256 (Frictionless ``bytes`` and ``hash``).

    :mod:`analysis.data.dataset` checks a table against its hash on first read,
    so a truncated or bit-flipped parquet file is reported instead of half read.

    Args:
        package: The descriptor from :func:`analysis.data.metadata.datapackage_descriptor`.
        base: The folder the resources' paths are relative to.

    Returns:
        ``package``, its resources updated in place.
    """
    for resource in package["resources"]:
        path = base / resource["path"]
        resource["bytes"] = path.stat().st_size
        resource["hash"] = f"sha256:{file_sha256(path)}"
    return package


def build(
    raw_dir: Path | None = None,
    target: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Rebuild the processed data directory from the raw files.

    Args:
        raw_dir: Raw-data directory (default :func:`analysis.config.raw_dir`).
        target: Output data directory (default :func:`analysis.config.data_dir`).
        progress: Called with a short label before each step.

    Returns:
        Table name -> row count.
    """
    tables = build_tables(raw_dir, progress)
    write_tables(tables, target if target is not None else config.data_dir())
    return {name: len(frame) for name, frame in tables.items()}
