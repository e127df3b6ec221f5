"""Tests of the command line, run as a user would: ``python -m analysis ...`` in a subprocess.

Figures come from the raw files (OEWS May 2025 national cells of 43-4051 and 43-4151,
CPS 2023 Table 11, the seed page); see tests/unit/test_profile.py for the quotes.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.comparison import stats

SCRIPT = Path(sys.executable).with_name("profession-gaps")


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
        check=False,
    )


def assert_user_error(result: subprocess.CompletedProcess[str], status: int = 2) -> str:
    """A clean user error: the status, one paragraph on stderr, no traceback, no stdout."""
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    message = result.stderr.strip()
    assert message
    assert "\n\n" not in message, "the error should be one paragraph"
    return message


# -- help ----------------------------------------------------------------------------------


def test_help() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("build-data", "profile", "compare"):
        assert command in result.stdout
    assert result.stderr == ""


def test_console_script_help() -> None:
    assert SCRIPT.is_file(), f"{SCRIPT} missing: pip install -e ."
    result = subprocess.run(
        [str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
    assert "profile" in result.stdout and "compare" in result.stdout


# -- profile -------------------------------------------------------------------------------


def test_profile_json() -> None:
    result = run("profile", "43-4051", "--format", "json")
    assert result.returncode == 0, result.stderr
    prof = json.loads(result.stdout)
    assert prof["soc"] == "43-4051"
    assert prof["annual_mean_wage"] == 46590  # OEUN0000000000000434051, datatype 04
    assert prof["hourly_mean_wage"] == 22.40  # datatype 03
    assert prof["women_pct"] == 65.3  # CPS 2023 Table 11
    assert "NaN" not in result.stdout


def test_profile_table_by_title() -> None:
    result = run("profile", "customer relations representative")
    assert result.returncode == 0, result.stderr
    assert "Customer Service Representatives" in result.stdout
    assert "$46,590" in result.stdout


def test_profile_unknown_title() -> None:
    message = assert_user_error(run("profile", "custmer servce rep"))
    assert "custmer servce rep" in message
    assert "43-4051 Customer Service Representatives" in message


def test_profile_ambiguous_title() -> None:
    message = assert_user_error(run("profile", "financial analyst"))
    assert "financial analyst" in message
    assert "ambiguous" in message
    assert "13-2051" in message and "15-2041" in message


def test_profile_unknown_dataset() -> None:
    result = run("profile", "X", "--dataset", "nope")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "nope" in result.stderr


def test_profile_seed() -> None:
    result = run("profile", "Order Processing Specialist", "--dataset", "seed", "--format", "json")
    assert result.returncode == 0, result.stderr
    prof = json.loads(result.stdout)
    assert prof["annual_mean_wage"] == 37540  # "| Yearly salary | $37,540 | $37,827 |"
    assert prof["employment_change_pct_2024_2034"] is None  # "| Growth rate | - | -4% |"


# -- build-data ----------------------------------------------------------------------------


def test_build_data_with_missing_raw_files(build_tmp_path: Path) -> None:
    out = build_tmp_path / "out"
    raw = build_tmp_path / "raw"  # a folder without the raw files (no folder: test_build_faults)
    raw.mkdir()
    result = run("build-data", "--raw-dir", str(raw), "--output", str(out))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "onet/Occupation Data.txt" in result.stderr
    assert (
        "https://www.onetcenter.org/dl_files/database/db_30_1_text/Occupation%20Data.txt"
        in result.stderr
    )
    assert not (out / "tables").exists()


# -- compare -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clerks_vs_csr() -> dict:
    result = run("compare", "43-4151", "43-4051", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compare_json_mean_wage_gap(clerks_vs_csr: dict) -> None:
    gap = clerks_vs_csr["gaps"]["annual_mean_wage"]
    for key in ("difference", "difference_pct", "ci95_low", "ci95_high", "significant"):
        assert key in gap, key
    # OEWS annual means: order clerks 48220 (RSE 0.5 %), CSR 46590 (RSE 0.2 %)
    assert gap["difference"] == 48220 - 46590  # 1630
    assert gap["difference_pct"] == pytest.approx(100 * 1630 / 46590)  # 3.4986 %
    # SE = sqrt((0.005 * 48220)^2 + (0.002 * 46590)^2) = sqrt(241.1^2 + 93.18^2)
    #    = sqrt(58129.21 + 8682.5124) = 258.4796
    se = math.sqrt(241.1**2 + 93.18**2)
    assert se == pytest.approx(258.4796, abs=1e-4)
    # 95 % interval: 1630 -/+ 1.959964 * 258.4796 = 1630 -/+ 506.61 -> (1123.39, 2136.61)
    assert gap["ci95_low"] == pytest.approx(1630 - 1.959964 * se, abs=0.01)
    assert gap["ci95_high"] == pytest.approx(1630 + 1.959964 * se, abs=0.01)
    assert gap["ci95_low"] == pytest.approx(1123.39, abs=0.01)
    assert gap["significant"] is True  # the interval excludes 0
    assert clerks_vs_csr["confidence_level"] == stats.CONFIDENCE


def test_compare_json_women_gap(clerks_vs_csr: dict) -> None:
    # CPS 2023 Table 11: order clerks 58.3 % women, CSR 65.3 %
    gap = clerks_vs_csr["gaps"]["women_pct"]
    assert gap["a"] == 58.3 and gap["b"] == 65.3
    assert gap["difference"] == pytest.approx(58.3 - 65.3)  # -7.0


def test_compare_json_carries_both_profiles(clerks_vs_csr: dict) -> None:
    assert clerks_vs_csr["a"]["soc"] == "43-4151"
    assert clerks_vs_csr["b"]["soc"] == "43-4051"
    assert clerks_vs_csr["dataset"] == "public"
    # Table 39 suppresses order clerks' sex-specific medians: no earnings-ratio gap
    ratio = clerks_vs_csr["gaps"]["women_to_men_earnings_pct"]
    assert ratio["difference"] is None
    assert ratio["reason"]


def test_compare_same_occupation_twice() -> None:
    message = assert_user_error(run("compare", "43-4051", "customer service representatives"))
    assert "43-4051" in message
    assert "customer service representatives" in message
    assert "two different occupations" in message


def test_compare_unknown_title() -> None:
    message = assert_user_error(run("compare", "43-4051", "custmer servce rep"))
    assert "custmer servce rep" in message


def test_compare_table_prints_the_four_seed_tables() -> None:
    result = run("compare", "43-4151", "43-4051", "--format", "table")
    assert result.returncode == 0, result.stderr
    for name in ("overview", "pay", "education", "demographics"):
        assert f"== {name} ==" in result.stdout, name
    assert "Order Clerks" in result.stdout
    assert "Customer Service Representatives" in result.stdout
    assert "$48,220" in result.stdout and "$46,590" in result.stdout
    assert "$31,750 to $63,590" in result.stdout  # CSR p10 / p90


def test_compare_seed_table() -> None:
    result = run(
        "compare",
        "Order Processing Specialist",
        "Customer Relations Specialist",
        "--dataset",
        "seed",
    )
    assert result.returncode == 0, result.stderr
    # the seed page: "| Yearly salary | $37,540 | $37,827 |" and
    # "| Salary range | Between $26,000 And $52,000 | Between $27,000 And $52,000 |"
    assert "$37,540" in result.stdout
    assert "$37,827" in result.stdout
    assert "Between $26,000 And $52,000" in result.stdout
    for name in ("overview", "pay", "education", "demographics"):
        assert f"== {name} ==" in result.stdout, name
