"""Tests of the O*NET 30.1 parser (analysis.data.sources.onet)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.data.sources import onet
from analysis.errors import RawFileMissingError, RawFormatError


def _raw(text: str) -> pd.DataFrame:
    """Read inline rows the way the parser reads the files ('|' stands for a tab)."""
    return pd.read_csv(
        io.StringIO(text.replace("|", "\t")),
        sep="\t",
        dtype=str,
        keep_default_na=False,
        quoting=csv.QUOTE_NONE,
    )


# Real rows of O*NET 30.1 (descriptions shortened).
OCCUPATION_DATA = """\
O*NET-SOC Code|Title|Description
43-4151.00|Order Clerks|Receive and process incoming orders.
43-4051.00|Customer Service Representatives|Interact with customers.
"""

ALTERNATE_TITLES = """\
O*NET-SOC Code|Alternate Title|Short Title|Source(s)
43-4051.00|Account Representative|n/a|02
43-4051.00|Customer Care Representative (CCR)|CCR|02,09,10
43-4051.00|Customer Service Representative (CSR)|CSR|02,08,09,10
43-4051.00|Inbound Customer Service Representative (Inbound CSR)|Inbound CSR|08
43-4051.00|Account Representative|n/a|04
43-9022.00|Order Processing Specialist|n/a|10
"""

REPORTED_TITLES = """\
O*NET-SOC Code|Reported Job Title|Shown in My Next Move
43-4051.00|Account Representative|Y
43-4151.00|Order Clerk|Y
"""

ETE = """\
O*NET-SOC Code|Element ID|Element Name|Scale ID|Category|Data Value|N|Standard Error|\
Lower CI Bound|Upper CI Bound|Recommend Suppress|Date|Domain Source
43-4051.00|2.D.1|Required Level of Education|RL|2|54.76|26|13.3999|28.4327|78.6655|N|\
08/2022|Incumbent
43-4051.00|2.D.4.a|Job-Related Professional Certification|IM|n/a|1.76|26|0.1783|1.3971|\
2.1317|N|08/2022|Incumbent
43-4151.00|2.D.1|Required Level of Education|RL|3|24.17|16|14.2094|5.7549|62.4594|N|\
08/2023|Incumbent
43-4151.00|3.A.3|On-the-Job Training|OJ|3|58.73|16|26.1326|15.7557|55.8999|Y|08/2023|\
Incumbent
11-1011.03|2.D.1|Required Level of Education|RL|1|0.00|27|n/a|n/a|n/a|n/a|08/2021|\
Occupational Expert
"""

ETE_CATEGORIES = """\
Element ID|Element Name|Scale ID|Category|Category Description
2.D.1|Required Level of Education|RL|1|Less than a High School Diploma
2.D.1|Required Level of Education|RL|2|High School Diploma - or the equivalent (for example, GED)
2.D.1|Required Level of Education|RL|3|Post-Secondary Certificate - awarded for training \
completed after high school (for example, in agriculture or natural resources)
3.A.3|On-the-Job Training|OJ|3|Over 1 month, up to and including 3 months
"""

JOB_ZONES = """\
O*NET-SOC Code|Job Zone|Date|Domain Source
43-4151.00|2|08/2023|Analyst
43-4051.00|2|08/2022|Analyst
"""

# Skills.xlsx columns; real rows of 43-4051.00, level rows first to test the pairing.
SKILLS = """\
O*NET-SOC Code|Title|Element ID|Element Name|Scale ID|Scale Name|Data Value|N|\
Standard Error|Lower CI Bound|Upper CI Bound|Recommend Suppress|Not Relevant|Date|Domain Source
43-4051.00|Customer Service Representatives|2.A.1.f|Science|LV|Level|0.00|8|0.0000|0.0000|\
0.0000|N|Y|08/2022|Analyst
43-4051.00|Customer Service Representatives|2.A.1.f|Science|IM|Importance|1.00|8|0.0000|\
1.0000|1.0000|N||08/2022|Analyst
43-4051.00|Customer Service Representatives|2.A.1.a|Reading Comprehension|IM|Importance|\
3.38|8|0.1830|3.0164|3.7336|N||08/2022|Analyst
43-4051.00|Customer Service Representatives|2.A.1.a|Reading Comprehension|LV|Level|3.12|8|\
0.1250|2.8800|3.3700|N|N|08/2022|Analyst
"""


def test_tidy_occupations() -> None:
    expected = pd.DataFrame(
        {
            "onet_code": ["43-4051.00", "43-4151.00"],
            "soc": ["43-4051", "43-4151"],
            "title": ["Customer Service Representatives", "Order Clerks"],
            "description": ["Interact with customers.", "Receive and process incoming orders."],
        }
    )[["soc", "onet_code", "title", "description"]]
    assert_frame_equal(onet.tidy_onet_occupations(_raw(OCCUPATION_DATA)), expected)


def test_tidy_titles_kinds_and_duplicates() -> None:
    result = onet.tidy_titles(_raw(OCCUPATION_DATA), _raw(ALTERNATE_TITLES), _raw(REPORTED_TITLES))
    rows = [
        ("43-4051", "43-4051.00", "Customer Service Representatives", "onet"),
        ("43-4051", "43-4051.00", "Account Representative", "alternate"),
        ("43-4051", "43-4051.00", "Customer Care Representative (CCR)", "alternate"),
        ("43-4051", "43-4051.00", "Customer Service Representative (CSR)", "alternate"),
        ("43-4051", "43-4051.00", "Inbound Customer Service Representative (Inbound CSR)",
         "alternate"),
        ("43-4051", "43-4051.00", "CCR", "short"),
        ("43-4051", "43-4051.00", "CSR", "short"),
        ("43-4051", "43-4051.00", "Inbound CSR", "short"),
        ("43-4051", "43-4051.00", "Account Representative", "reported"),
        ("43-4151", "43-4151.00", "Order Clerks", "onet"),
        ("43-4151", "43-4151.00", "Order Clerk", "reported"),
        ("43-9022", "43-9022.00", "Order Processing Specialist", "alternate"),
    ]  # fmt: skip
    expected = pd.DataFrame(rows, columns=["soc", "onet_code", "title", "kind"])
    assert_frame_equal(result, expected)


def test_tidy_ete_labels_and_missing_values() -> None:
    result = onet.tidy_ete(_raw(ETE), _raw(ETE_CATEGORIES))
    expected = pd.DataFrame(
        {
            "soc": ["43-4051", "43-4151", "43-4151", "11-1011"],
            "onet_code": ["43-4051.00", "43-4151.00", "43-4151.00", "11-1011.03"],
            "scale": ["RL", "RL", "OJ", "RL"],
            "category": [2, 3, 3, 1],
            "category_label": [
                "High School Diploma",
                "Post-Secondary Certificate",
                "Over 1 month, up to and including 3 months",
                "Less than a High School Diploma",
            ],
            "pct": [54.76, 24.17, 58.73, 0.0],
            "n": pd.array([26, 16, 16, 27], dtype="Int64"),
            "standard_error": [13.3999, 14.2094, 26.1326, np.nan],
            "recommend_suppress": pd.array([False, False, True, None], dtype="boolean"),
            "date": ["08/2022", "08/2023", "08/2023", "08/2021"],
            "domain_source": ["Incumbent", "Incumbent", "Incumbent", "Occupational Expert"],
        }
    )
    assert_frame_equal(result, expected)


def test_tidy_ete_rejects_unlabelled_category() -> None:
    categories = _raw(ETE_CATEGORIES).iloc[:2]
    with pytest.raises(RawFormatError, match="no label"):
        onet.tidy_ete(_raw(ETE), categories)


def test_tidy_job_zones() -> None:
    expected = pd.DataFrame(
        {
            "soc": ["43-4051", "43-4151"],
            "onet_code": ["43-4051.00", "43-4151.00"],
            "job_zone": [2, 2],
        }
    )
    assert_frame_equal(onet.tidy_job_zones(_raw(JOB_ZONES)), expected)


def test_tidy_skills_pairs_importance_and_level() -> None:
    expected = pd.DataFrame(
        {
            "soc": ["43-4051", "43-4051"],
            "onet_code": ["43-4051.00", "43-4051.00"],
            "element_id": ["2.A.1.a", "2.A.1.f"],
            "skill": ["Reading Comprehension", "Science"],
            "importance": [3.38, 1.0],
            "level": [3.12, 0.0],
            "importance_se": [0.183, 0.0],
            "recommend_suppress": pd.array([False, False], dtype="boolean"),
            "not_relevant": pd.array([False, True], dtype="boolean"),
            "level_se": [0.125, 0.0],
            "level_n": pd.array([8, 8], dtype="Int64"),
            "level_recommend_suppress": pd.array([False, False], dtype="boolean"),
        }
    )
    assert_frame_equal(onet.tidy_skills(_raw(SKILLS)), expected)


def test_tidy_skills_rejects_unpaired_rows() -> None:
    with pytest.raises(RawFormatError, match="pair"):
        onet.tidy_skills(_raw(SKILLS).iloc[:3])


def test_malformed_code_is_rejected() -> None:
    with pytest.raises(RawFormatError, match="4340-51"):
        onet.tidy_job_zones(_raw("O*NET-SOC Code|Job Zone\n4340-51|2\n"))


# --- bad inputs -------------------------------------------------------------------------


def test_missing_file_names_file_folder_and_url(tmp_path: Path) -> None:
    with pytest.raises(RawFileMissingError) as info:
        onet.read_job_zones(tmp_path)
    message = str(info.value)
    assert "Job Zones.txt" in message
    assert str(tmp_path) in message
    assert "https://www.onetcenter.org/dl_files/database/db_30_1_text/Job%20Zones.txt" in message


def test_missing_skills_workbook_names_url(tmp_path: Path) -> None:
    with pytest.raises(RawFileMissingError, match=r"db_30_1_excel/Skills\.xlsx"):
        onet.read_skills(tmp_path)


def test_wrong_columns_name_file_and_expected_columns(tmp_path: Path) -> None:
    path = tmp_path / "onet" / "Job Zones.txt"
    path.parent.mkdir()
    path.write_text("SOC\tZone\r\n43-4051.00\t2\r\n", encoding="utf-8")
    with pytest.raises(RawFormatError) as info:
        onet.read_job_zones(tmp_path)
    message = str(info.value)
    assert str(path) in message
    assert "'O*NET-SOC Code'" in message and "'Job Zone'" in message


def test_wrong_skills_columns_name_file_and_expected_columns(tmp_path: Path) -> None:
    path = tmp_path / "onet" / "Skills.xlsx"
    path.parent.mkdir()
    pd.DataFrame({"Code": ["43-4051.00"], "Skill": ["Writing"]}).to_excel(
        path, sheet_name="Skills", index=False
    )
    with pytest.raises(RawFormatError) as info:
        onet.read_skills(tmp_path)
    message = str(info.value)
    assert str(path) in message
    assert "'Element ID'" in message and "'Scale ID'" in message


# --- the real release -----------------------------------------------------------------


@pytest.fixture(scope="module")
def skills(raw_dir: Path) -> pd.DataFrame:
    return onet.read_skills(raw_dir)


def test_real_occupations(raw_dir: Path) -> None:
    occupations = onet.read_occupations(raw_dir)
    assert len(occupations) == 1016
    titles = occupations.set_index("onet_code")["title"]
    assert titles["43-4051.00"] == "Customer Service Representatives"
    assert titles["43-4151.00"] == "Order Clerks"


def test_real_titles(raw_dir: Path) -> None:
    titles = onet.read_titles(raw_dir)
    counts = titles.groupby(["onet_code", "kind"]).size()
    assert counts[("43-4051.00", "alternate")] == 62
    assert counts[("43-4051.00", "reported")] == 10
    assert counts[("43-4051.00", "short")] == 8
    assert counts[("43-4151.00", "alternate")] == 61
    assert counts[("43-4151.00", "reported")] == 10
    match = titles[titles["title"] == "Order Processing Specialist"]
    assert match[["soc", "kind"]].values.tolist() == [["43-9022", "alternate"]]
    assert not titles.duplicated(["soc", "title", "kind"]).any()


def test_real_ete(raw_dir: Path) -> None:
    ete = onet.read_ete(raw_dir)
    assert len(ete) == 35998
    assert ete["onet_code"].nunique() == 878
    assert set(ete["scale"]) == {"RL", "RW", "PT", "OJ"}
    row = ete.set_index(["onet_code", "scale", "category"])
    csr = row.loc[("43-4051.00", "RL", 2)]
    assert csr["category_label"] == "High School Diploma"
    assert (csr["pct"], csr["n"], csr["standard_error"]) == (54.76, 26, 13.3999)
    assert not csr["recommend_suppress"]
    clerks = row.loc[("43-4151.00", "OJ", 3)]
    assert (clerks["pct"], clerks["n"], clerks["standard_error"]) == (58.73, 16, 26.1326)
    assert clerks["recommend_suppress"]
    assert clerks["date"] == "08/2023"
    assert clerks["domain_source"] == "Incumbent"
    assert row.loc[("43-4151.00", "RL", 2), "pct"] == 63.04
    # Emergency medicine physicians: rated by 29 occupational experts (no SE, no flag).
    doctors = row.loc[("29-1214.00", "OJ", 2)]
    assert (doctors["pct"], doctors["n"], doctors["domain_source"]) == (
        41.38,
        29,
        "Occupational Expert",
    )
    assert pd.isna(doctors["standard_error"]) and pd.isna(doctors["recommend_suppress"])
    # 8,610 of the 35,998 categorical rows come from occupational experts.
    assert ete["domain_source"].value_counts().to_dict() == {
        "Incumbent": 27388,
        "Occupational Expert": 8610,
    }


def test_real_job_zones(raw_dir: Path) -> None:
    zones = onet.read_job_zones(raw_dir).set_index("onet_code")["job_zone"]
    assert len(zones) == 923
    assert zones["43-4051.00"] == 2
    assert zones["43-4151.00"] == 2


def test_real_skills(skills: pd.DataFrame) -> None:
    assert len(skills) == 62580 // 2
    assert skills["onet_code"].nunique() == 894
    assert not skills.duplicated(["onet_code", "element_id"]).any()
    row = skills.set_index(["onet_code", "element_id"])
    reading = row.loc[("43-4051.00", "2.A.1.a")]
    assert reading["skill"] == "Reading Comprehension"
    assert (reading["importance"], reading["level"], reading["importance_se"]) == (
        3.38,
        3.12,
        0.183,
    )
    science = row.loc[("43-4051.00", "2.A.1.f")]
    assert (science["importance"], science["level"]) == (1.0, 0.0)
    assert science["not_relevant"]
    maths = row.loc[("43-4151.00", "2.A.1.e")]
    assert (maths["importance"], maths["level"], maths["importance_se"]) == (3.0, 2.75, 0.189)
    assert not maths["recommend_suppress"]


def test_real_skill_levels_carry_their_se_n_and_suppress_flag(skills: pd.DataFrame) -> None:
    """Skills.xlsx LV rows, read by hand: 43-4051.00 and 43-4151.00 Reading Comprehension,
    Operations Analysis, and a Financial Managers rating O*NET recommends suppressing."""
    row = skills.set_index(["onet_code", "element_id"])
    fields = ["level", "level_se", "level_n", "level_recommend_suppress"]
    assert row.loc[("43-4051.00", "2.A.1.a"), fields].tolist() == [3.12, 0.125, 8, False]
    assert row.loc[("43-4151.00", "2.A.1.a"), fields].tolist() == [3.5, 0.189, 8, False]
    assert row.loc[("43-4051.00", "2.B.3.a"), fields].tolist() == [0.62, 0.183, 8, False]
    assert row.loc[("43-4151.00", "2.B.3.a"), fields].tolist() == [0.75, 0.3134, 8, False]
    assert int(skills["level_recommend_suppress"].sum()) == 147
    assert row.loc["11-3031.00", "level_recommend_suppress"].any()


def test_duplicated_onet_code_is_rejected_with_its_lines() -> None:
    # issue 12: a repeated code used to double the occupation's rows silently
    repeated = OCCUPATION_DATA + "43-4151.00|Order Clerks|Again.\n"
    with pytest.raises(RawFormatError, match=r"43-4151\.00 more than once \(lines 2, 4\)"):
        onet.tidy_onet_occupations(_raw(repeated))
    with pytest.raises(RawFormatError, match=r"Job Zones .* 43-4051\.00"):
        onet.tidy_job_zones(_raw("O*NET-SOC Code|Job Zone\n43-4051.00|2\n43-4051.00|3\n"))
