"""data/datapackage.json: every field declared, units right, valid Frictionless Data.

The tables are validated with the ``frictionless`` library against the committed
schema: the small tables in full, oews_wages (370,172 rows) by its schema plus
a sample of every 100th row. frictionless reads them from CSV copies (its
parquet reader needs fastparquet, which the package does not otherwise use).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package, Resource, Schema

from analysis import config
from analysis.data import dataset
from analysis.data.build import TABLES_SUBDIR
from analysis.data.metadata import TABLES, MetadataError, datapackage_descriptor, schema_fields
from analysis.data.sources.catalog import SOURCES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_EVERY = 100


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads((config.data_dir() / config.DATAPACKAGE_FILE).read_text(encoding="utf-8"))


def _resource(package: dict, name: str) -> dict:
    (found,) = [r for r in package["resources"] if r["name"] == name]
    return found


def _field(package: dict, table: str, column: str) -> dict:
    (found,) = [f for f in _resource(package, table)["schema"]["fields"] if f["name"] == column]
    return found


def _validate_rows(resource: dict, frame: pd.DataFrame, folder: Path) -> list[str]:
    """Validate ``frame`` against the resource's schema with frictionless; return the errors."""
    csv = folder / f"{resource['name']}.csv"
    frame.to_csv(csv, index=False)
    table = Resource(
        path=csv.name, basepath=str(folder), schema=Schema.from_descriptor(resource["schema"])
    )
    report = table.validate(limit_errors=20)
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors]


def test_the_descriptor_is_a_valid_frictionless_package(package: dict) -> None:
    report = Package.validate_descriptor(package)
    assert report.valid, [e.message for e in report.errors]


def test_the_validator_rejects_a_field_of_unknown_type(package: dict) -> None:
    """The check above can fail: frictionless refuses a type it does not know."""
    broken = json.loads(json.dumps(package))
    broken["resources"][0]["schema"]["fields"][0]["type"] = "money"
    assert not Package.validate_descriptor(broken).valid


@pytest.mark.parametrize("name", [t for t in TABLES if t != "oews_wages"])
def test_small_tables_are_valid_in_full(package: dict, name: str, tmp_path: Path) -> None:
    resource = _resource(package, name)
    frame = dataset.table(name)
    assert len(frame) == resource["rows"]
    assert _validate_rows(resource, frame, tmp_path) == []


def test_oews_wages_schema_and_a_sample_are_valid(package: dict, tmp_path: Path) -> None:
    resource = _resource(package, "oews_wages")
    assert Schema.validate_descriptor(resource["schema"]).valid
    frame = dataset.table("oews_wages")
    sample = frame.iloc[::SAMPLE_EVERY]
    assert len(sample) == 3_702  # 370,172 rows, every 100th
    assert _validate_rows(resource, sample, tmp_path) == []


def test_a_row_breaking_the_schema_is_reported(package: dict, tmp_path: Path) -> None:
    """Validation of the rows can fail: a duplicate key and text in a number column."""
    resource = _resource(package, "projections")
    frame = dataset.table("projections").head(3).astype({"annual_openings": object})
    frame = pd.concat([frame, frame.head(1)], ignore_index=True)
    frame.loc[1, "annual_openings"] = "many"
    errors = _validate_rows(resource, frame, tmp_path)
    assert any(e.startswith("type-error") for e in errors), errors
    assert any(e.startswith("primary-key") for e in errors), errors


def test_the_committed_datapackage_is_what_the_metadata_declares(package: dict) -> None:
    """datapackage.json was regenerated after the last change to fields.py or the catalog."""
    tables = {name: dataset.table(name) for name in TABLES}
    fresh = datapackage_descriptor(tables, f"{TABLES_SUBDIR}/", package["version"])
    assert fresh["resources"] == [
        {k: v for k, v in r.items() if k not in ("hash", "bytes")} for r in package["resources"]
    ]
    assert fresh["sources"] == package["sources"]


def test_every_field_has_a_description(package: dict) -> None:
    undescribed = [
        f"{r['name']}.{f['name']}"
        for r in package["resources"]
        for f in r["schema"]["fields"]
        if not f.get("description")
    ]
    assert undescribed == []


def test_units_are_the_ones_the_sources_publish(package: dict) -> None:
    # BLS EP Table 1.2: openings and employment in thousands ("Customer service
    # representatives": 2,814.0 thousand in 2024, 341.7 thousand openings a year).
    assert _field(package, "projections", "annual_openings")["unit"] == (
        "thousands of openings per year"
    )
    assert _field(package, "projections", "employment_2024")["unit"] == "thousands of jobs"
    assert _field(package, "projections", "median_annual_wage_2024")["unit"] == (
        "US dollars per year"
    )
    # Text columns have no unit.
    assert "unit" not in _field(package, "projections", "wage_note")
    assert "unit" not in _field(package, "demographics", "table11_note")
    assert _field(package, "oews_wages", "hourly_wage_p10")["unit"] == "US dollars per hour"
    assert _field(package, "gender_earnings", "men_median_weekly")["unit"] == (
        "US dollars per week"
    )
    assert _field(package, "demographics", "median_age")["unit"] == "years"
    assert _field(package, "demographics", "age_16_19")["unit"] == "thousands of people"
    # One name, two meanings: O*NET's 0-7 skill level is a number, EP's education level text.
    assert _field(package, "onet_skills", "level")["type"] == "number"
    assert _field(package, "education_attainment", "level")["type"] == "string"


def test_an_undeclared_column_fails_the_build() -> None:
    frame = pd.DataFrame({"soc": ["43-4051"], "shoe_size": [9.5]})
    with pytest.raises(MetadataError, match=r"occupations\.shoe_size has no declaration"):
        schema_fields("occupations", frame)


def test_a_column_of_the_wrong_type_fails_the_build() -> None:
    frame = pd.DataFrame({"soc": ["43-4051"], "annual_openings": ["341.7"]})
    with pytest.raises(MetadataError, match=r"projections\.annual_openings is declared 'number'"):
        schema_fields("projections", frame)


VINTAGE_FREE = [
    "src/analysis/data/build.py",
    "src/analysis/data/metadata.py",
    "src/analysis/data/fields.py",
    "src/analysis/occupations/coverage.py",
    "src/analysis/presentation/landscape.py",
]


@pytest.mark.parametrize("path", VINTAGE_FREE)
def test_release_labels_come_from_the_catalog(path: str) -> None:
    """No release label or vintage is written outside sources/catalog.py in these files."""
    labels = {s.label for s in SOURCES.values()} | {
        f.label for s in SOURCES.values() for f in s.files.values() if f.label
    }
    vintages = {s.vintage for s in SOURCES.values() if not s.vintage.isdigit()}  # "May 2025"
    text = (ROOT / path).read_text(encoding="utf-8")
    found = sorted(v for v in labels | vintages if v in text)
    found += re.findall(r"\b20\d\d-\d\d\b|\(20\d\d\)", text)  # "2024-34", "(2023)"
    assert found == []
