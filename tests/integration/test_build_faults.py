"""Issue 19: the data build and hand-edited data files (no raw files, no kernel).

A build killed during its swap-in is reproduced by the states it can leave (kill -9
between two renames); the build's own writer then runs on tables read from the
committed data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analysis.data import dataset
from analysis.data.build import write_tables
from analysis.data.metadata import TABLES
from analysis.files import file_sha256


def cli(
    *args: object,
    data: Path | None = None,
    timeout: float = 120,
    env: dict[str, str] | None = None,
):
    env = dict(os.environ, **(env or {}))
    if data is not None:
        env["ANALYSIS_DATA_DIR"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def one_line_errors(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert "Traceback" not in stderr, stderr
    assert lines and all(line.startswith("error: ") for line in lines), stderr
    return lines


@pytest.fixture
def data(project_root, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(project_root / "data", copy)
    return copy


def test_build_data_with_a_raw_dir_that_does_not_exist_is_bad_input(tmp_path):
    proc = cli("build-data", "--raw-dir", "/nonexistent", "--output", tmp_path / "d")
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert line.startswith("error: --raw-dir /nonexistent is not a folder")
    assert not (tmp_path / "d").exists()


def test_build_data_with_a_default_raw_folder_that_does_not_exist_is_bad_input(tmp_path):
    env = {"ANALYSIS_RAW_DIR": str(tmp_path / "no-raw")}
    proc = cli("build-data", "--output", tmp_path / "d", env=env)
    assert proc.returncode == 2
    [line] = one_line_errors(proc.stderr)
    assert line.startswith(f"error: The raw-data folder {tmp_path / 'no-raw'} ($ANALYSIS_RAW_DIR)")
    assert not (tmp_path / "d").exists()


# --- 2. a build killed during its swap-in -------------------------------------------------


def test_case2_killed_after_moving_the_old_tables_away_leaves_the_old_data(data):
    (data / "tables").rename(data / ".old-4242")  # swap step 1 done, step 2 not
    staging = data / ".build-abc123"
    shutil.copytree(data / ".old-4242", staging / "tables")
    shutil.copy2(data / "datapackage.json", staging / "datapackage.json")
    proc = cli("profile", "43-4051", "--format", "json", data=data)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["soc"] == "43-4051"
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(".")) == []


def test_case2_killed_after_moving_the_new_tables_in_finishes_the_swap(data):
    shutil.copytree(data / "tables", data / ".old-4242")  # step 2 done: new tables in place
    staging = data / ".build-abc123"
    staging.mkdir()  # its tables/ moved into place; its datapackage.json not yet
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    package["x-build"] = "the new one"  # tells the staged package from the live one
    (staging / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    proc = cli("profile", "43-4051", "--format", "json", data=data)
    assert proc.returncode == 0, proc.stderr
    live = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert live["x-build"] == "the new one"  # the new data, whole
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(".")) == []


def test_case2_the_next_build_clears_every_leftover(data):
    for leftover in (".old-111", ".build-x1", ".build-x2"):
        (data / leftover / "tables").mkdir(parents=True)
        (data / leftover / "tables" / "big.parquet").write_bytes(b"\0" * 1000)
    tables = {name: dataset.table(name, data_dir=data) for name in TABLES}
    write_tables(tables, data)
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(".")) == []
    assert {p.stem for p in (data / "tables").glob("*.parquet")} == set(TABLES)


# --- 10. hand-edited data files: one line naming the file ----------------------------------


def test_case10_a_datapackage_without_a_resource_list_is_one_line(data):
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"] = None
    path.write_text(json.dumps(package), encoding="utf-8")
    proc = cli("profile", "43-4051", data=data)
    assert proc.returncode == 1
    [line] = one_line_errors(proc.stderr)
    assert line.startswith(f'error: {path} is not a valid data package: "resources" is NoneType')


def test_case10_a_table_missing_a_declared_column_is_one_line(data):
    path = data / "tables" / "titles.parquet"
    table = pq.read_table(path)
    pq.write_table(table.drop_columns(["kind"]), path)
    package_path = data / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for resource in package["resources"]:  # the checksum updated to match, as by hand
        if resource["name"] == "titles":
            resource["bytes"] = path.stat().st_size
            resource["hash"] = f"sha256:{file_sha256(path)}"
    package_path.write_text(json.dumps(package), encoding="utf-8")
    proc = cli("profile", "43-4051", data=data)
    assert proc.returncode == 1
    [line] = one_line_errors(proc.stderr)
    assert line.startswith(f"error: Data file {path} lacks the column(s) ['kind']")
