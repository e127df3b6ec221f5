"""`analysis export`: the files it writes, their datapackage.json, bad input, and re-runs.

One real export (parquet) is written per module into a temporary folder; the
tests read it. frictionless validates the descriptor, and the rows from CSV
copies (its parquet reader needs fastparquet, which the package does not use):
the occupations in full, every 50th pair.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package, Resource, Schema

from analysis import cli
from analysis.data import fields as data_fields
from analysis.export import write

SAMPLE_EVERY = 50


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "tables"
    assert cli.main(["export", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def package(exported: Path) -> dict:
    return json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_it_writes_the_two_tables_and_their_descriptor(exported: Path, package: dict) -> None:
    assert sorted(p.name for p in exported.iterdir()) == [
        "datapackage.json",
        "occupations.parquet",
        "pairs.parquet",
    ]
    tables = write.read_tables(exported)
    assert len(tables["occupations"]) == 830
    assert len(tables["pairs"]) == 830 * 829 // 2
    rows = {r["name"]: r["rows"] for r in package["resources"]}
    assert rows == {"occupations": 830, "pairs": 344_035}
    # the columns the issue names, exactly
    for column in (
        "annual_mean_wage_difference",
        "annual_mean_wage_se",
        "annual_mean_wage_ci95_low",
        "annual_mean_wage_ci95_high",
        "annual_mean_wage_significant",
        "annual_median_wage_difference",
        "annual_wage_p10_difference",
        "annual_wage_p90_difference",
        "employment_difference",
        "employment_ci95_low",
        "employment_ci95_high",
        "employment_change_pct_2024_2034_difference",
        "women_pct_difference",
        "education_dissimilarity",
        "race_dissimilarity",
        "skill_similarity",
        "shared_ep_row",
        "shared_census_row",
    ):
        assert column in tables["pairs"].columns, column


def test_the_descriptor_is_a_valid_frictionless_package(package: dict) -> None:
    report = Package.validate_descriptor(package)
    assert report.valid, [e.message for e in report.errors]
    broken = json.loads(json.dumps(package))
    broken["resources"][1]["schema"]["fields"][0]["type"] = "money"
    assert not Package.validate_descriptor(broken).valid


def test_fields_carry_the_data_layers_metadata(package: dict) -> None:
    (occ,) = [r for r in package["resources"] if r["name"] == "occupations"]
    by_name = {f["name"]: f for f in occ["schema"]["fields"]}
    declared = data_fields.FIELDS["annual_mean_wage"]
    assert by_name["annual_mean_wage"]["unit"] == declared.unit == data_fields.USD_YEAR
    assert by_name["annual_mean_wage"]["description"] == declared.description
    (pairs,) = [r for r in package["resources"] if r["name"] == "pairs"]
    pair_fields = {f["name"]: f for f in pairs["schema"]["fields"]}
    assert pair_fields["women_pct_difference"]["unit"] == "percentage points"
    assert pair_fields["annual_mean_wage_se"]["unit"] == data_fields.USD_YEAR
    assert all(f.get("description") for f in pairs["schema"]["fields"])


def _errors(resource: dict, frame: pd.DataFrame, folder: Path) -> list[str]:
    csv = folder / f"{resource['name']}.csv"
    frame.to_csv(csv, index=False)
    table = Resource(
        path=csv.name, basepath=str(folder), schema=Schema.from_descriptor(resource["schema"])
    )
    report = table.validate(limit_errors=20)
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors]


def test_the_rows_are_valid_against_their_schema(
    exported: Path, package: dict, tmp_path: Path
) -> None:
    tables = write.read_tables(exported)
    resources = {r["name"]: r for r in package["resources"]}
    assert _errors(resources["occupations"], tables["occupations"], tmp_path) == []
    sample = tables["pairs"].iloc[::SAMPLE_EVERY]
    assert _errors(resources["pairs"], sample, tmp_path) == []


def test_a_rerun_with_unchanged_inputs_rewrites_nothing(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _stamps(exported)
    assert cli.main(["export", "-o", str(exported)]) == 0
    assert "up to date, nothing written" in capsys.readouterr().out
    assert _stamps(exported) == before


def test_a_damaged_file_is_rewritten(tmp_path: Path, exported: Path) -> None:
    copy = tmp_path / "tables"
    copy.mkdir()
    for path in exported.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "pairs.parquet").write_bytes(b"truncated")
    assert not write.is_current(copy, "parquet", write.inputs_sha256("parquet"))
    assert write.is_current(exported, "parquet", write.inputs_sha256("parquet"))


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_an_unknown_format_is_one_line_exit_2_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tables"
    assert cli.main(["export", "-o", str(out), "--format", "xlsx"]) == 2
    line = _one_error_line(capsys)
    assert "--format 'xlsx'" in line and "parquet" in line and "csv" in line
    assert not out.exists()


def test_an_output_folder_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tables"
    target.write_text("not a folder")
    assert cli.main(["export", "-o", str(target)]) == 2
    assert "is a file, not a folder" in _one_error_line(capsys)
    assert target.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_an_unwritable_output_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder under a file cannot be created by anyone, root included (chmod would not stop root).
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    assert cli.main(["export", "-o", str(blocker / "tables")]) == 2
    assert "not writable" in _one_error_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert cli.main(["export", "-o", str(folder)]) == 2
        assert "not writable" in _one_error_line(capsys)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_csv_export_reads_back_the_same_numbers(tmp_path: Path, exported: Path) -> None:
    out = tmp_path / "csv"
    result = write.export(out, "csv")
    assert result.written
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json",
        "occupations.csv",
        "pairs.csv",
    ]
    csv = write.read_tables(out)
    parquet = write.read_tables(exported)
    pd.testing.assert_frame_equal(
        csv["occupations"][["soc", "annual_mean_wage", "women_pct"]],
        parquet["occupations"][["soc", "annual_mean_wage", "women_pct"]].astype({"soc": object}),
        check_dtype=False,
    )
    first = csv["pairs"].iloc[:1000]
    want = parquet["pairs"].iloc[:1000]
    assert (first["soc_a"] == want["soc_a"].astype(str)).all()
    pd.testing.assert_series_equal(
        first["annual_mean_wage_difference"], want["annual_mean_wage_difference"]
    )
