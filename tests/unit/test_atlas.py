"""The atlas's parts that need no kernel: plan, figures and ranks, search index, bad input.

The rendered small atlas (pair reports, browser search, re-runs, a killed run)
is in tests/e2e/test_atlas_site.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli
from analysis.atlas import figures, pages, plan, search, site
from analysis.batch.report_file import write_report
from analysis.batch.tasks import Outcome
from analysis.data import dataset
from analysis.occupations import similarity

SMALL = ["29-1141", "43-4051", "15-1252"]


def test_full_plan_pages_every_occupation_and_pairs_each_with_its_nearest():
    full = plan.make_plan(3)
    assert len(full.occupations) == 830
    assert full.pairs == tuple(similarity.similar_pairs(3))
    assert all(a < b for a, b in full.pairs) and len(set(full.pairs)) == len(full.pairs)
    # Registered nurses' three nearest are each paired with it.
    for other in ("29-1161", "29-2061", "29-1214"):
        assert ("29-1141", other) in full.pairs
    # An occupation without O*NET skill ratings has a page but no neighbours.
    assert "13-2051" in full.occupations and full.neighbours["13-2051"] == []


def test_small_plan_keeps_the_named_occupations_and_their_neighbours():
    small = plan.make_plan(1, plan.resolve_occupations(SMALL))
    # The nearest of each (tests/unit/test_beyond.py pins 29-1161 and 15-1243).
    assert small.occupations == ("15-1243", "15-1252", "29-1141", "29-1161", "43-4051", "43-4181")
    assert small.pairs == (("15-1243", "15-1252"), ("29-1141", "29-1161"), ("43-4051", "43-4181"))
    assert set(small.pairs) <= set(similarity.similar_pairs(1))


def test_occupations_accept_titles_and_codes_once_each():
    assert plan.resolve_occupations(["registered nurse", "29-1141", "291141"]) == ["29-1141"]


def test_pairs_csv_is_a_batch_pairs_file():
    small = plan.make_plan(1, ["29-1141"])
    assert plan.pairs_csv(small).splitlines() == [
        "a,b,label,dataset",
        "29-1141,29-1161,Registered Nurses vs Nurse Midwives,public",
    ]


def test_headline_figures_and_all_occupations_row_from_oews():
    frame = figures.occupation_figures()
    # OEWS May 2025 national cross-industry: registered nurses' annual mean wage $101,420,
    # all occupations (00-0000) $69,770 and 155,495,730 jobs.
    assert frame.at["29-1141", "annual_mean_wage"] == 101420
    assert figures.headline_totals()["annual_mean_wage"] == 69770
    assert figures.headline_totals()["employment"] == 155495730
    # The sources' own total rows (all_occupations table): EP Table 1.2 "Total, all
    # occupations" +3.1 % for 2024-34; CPS Table 11 (2023) 46.9 % women.
    assert figures.headline_totals()["employment_change_pct_2024_2034"] == 3.1
    assert figures.headline_totals()["women_pct"] == 46.9


def test_rank_is_one_plus_the_occupations_paid_more():
    frame = figures.occupation_figures()
    ranks = figures.ranks(frame)
    # OEWS May 2025, national, all industries: registered nurses (29-1141) $101,420; 162
    # detailed occupations publish a higher annual mean (SELECT count(*) of the cells
    # with v04 > 101420 among the 830 detailed SOC codes), so the rank is 163.
    assert frame.at["29-1141", "annual_mean_wage"] == 101_420
    assert ranks.at["29-1141", "annual_mean_wage"] == 163
    # The highest: 29-1243 Pediatric surgeons, $502,050.
    assert frame.at["29-1243", "annual_mean_wage"] == 502_050
    assert ranks.at["29-1243", "annual_mean_wage"] == 1
    # Missing wages are not ranked: 5 occupations have no published mean wage.
    assert int(ranks["annual_mean_wage"].isna().sum()) == 5


def test_rank_of_n_counts_what_the_rank_was_taken_among():
    # 43-4151 order clerks, CPS Table 11 women 58.3 %: 554 SOCs have a share, but they are
    # 350 distinct Census occupations (a row shared by several SOCs counts once), and the
    # rank 124 is among those 350 (tests/unit/test_ranks.py), as on the report's tile.
    frame = figures.occupation_figures()
    assert int(frame["women_pct"].notna().sum()) == 554
    inputs = pages.occupation_inputs(
        plan.make_plan(1, ["43-4151"]), frame, figures.ranks(frame), figures.headline_totals(), {}
    )["43-4151"]
    women = next(h for h in inputs.headlines if h.key == "women_pct")
    assert (women.rank, women.ranked_of) == (124, 350)
    # OEWS figures have no shared rows: 825 of the 830 publish an annual mean wage.
    wage = next(h for h in inputs.headlines if h.key == "annual_mean_wage")
    assert (wage.rank, wage.ranked_of) == (645, 825)


def test_group_place_by_hand():
    # Minor group "11-1": wages 300, 200, 200 (tie), missing -> ranks 1, 2, 2, unranked.
    frame = pd.DataFrame(
        {
            "title": ["A", "B", "C", "D"],
            "annual_mean_wage": [300.0, 200.0, 200.0, None],
            "minor_group": ["11-1"] * 4,
        },
        index=["11-1011", "11-1021", "11-1031", "11-1041"],
    )
    group = pages._groups(frame, "minor_group")["11-1"]
    assert group.ranks == {"11-1011": 1, "11-1021": 2, "11-1031": 2}
    assert group.ranked_of == 3 and group.size == 4
    assert [s for s, _, _ in group.listed] == ["11-1011", "11-1021", "11-1031", "11-1041"]
    assert group.code == "11-1000"  # OEWS's minor group row for 11-1


def test_oews_minor_group_codes_are_not_always_x000():
    # SOC 2018 codes the computer occupations' minor group 15-1200, not 15-1000.
    assert figures.group_row("15-1")["code"] == "15-1200"
    assert figures.group_row("29")["code"] == "29-0000"


def test_search_index_finds_alternate_titles_and_stores_each_once():
    index = search.search_index(dataset.table("occupations")["soc"].tolist())
    socs = [o[0] for o in index["o"]]
    lines = dict(line.split("\t") for line in index["t"].splitlines())
    # O*NET Alternate Titles: "Agency Owner" is a title of 11-1011 Chief Executives.
    assert [socs[int(i)] for i in lines["Agency Owner"].split(",")] == ["11-1011"]
    # An O*NET occupation title is marked official ("o"): 11-1011.03 Chief Sustainability
    # Officers is an O*NET occupation inside SOC 11-1011.
    assert lines["Chief Sustainability Officers"] == f"{socs.index('11-1011')}o"
    # Employment breaks ties: OEWS May 2025 national all-industry cell v01 of 43-4051
    # Customer Service Representatives (key OEUN000000000000043405101, as in test_ranks).
    jobs = {o[0]: o[3] for o in index["o"]}
    assert jobs["43-4051"] == 2_595_750
    # Official titles are in "o", not repeated in "t".
    assert "Registered Nurses" not in lines and "Registered Nurse" not in lines
    script = search.search_script(index)
    assert script.startswith("window.ATLAS_INDEX={") and len(script.encode()) < 2_000_000


def test_search_index_of_a_small_atlas_holds_only_its_occupations():
    index = search.search_index(["29-1141", "29-1161"])
    assert [o[0] for o in index["o"]] == ["29-1141", "29-1161"]
    owners = {
        i.rstrip("o") for line in index["t"].splitlines() for i in line.split("\t")[1].split(",")
    }
    assert owners == {"0", "1"}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "atlas", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--executor", "spark"], "Unknown executor 'spark'"),
        (["--executor", "dask"], "--executor dask needs --scheduler"),
        (["--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"], "Cannot reach the Dask"),
        (["--executor", "dask", "--scheduler", "nonsense"], "is not a Dask scheduler address"),
        (["--occupations", "99-9999"], "'99-9999' is not an SOC code"),
    ],
)
def test_bad_arguments_are_one_line_exit_2_and_write_nothing(tmp_path, args, message):
    out = tmp_path / "site"
    result = _cli("-o", str(out), *args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_output_folder_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "site"
    target.write_text("not a folder")
    result = _cli("-o", str(target), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: Output folder {target} is a file, not a folder. Choose a folder with -o/--output."
    )
    assert target.read_text() == "not a folder" and sorted(tmp_path.iterdir()) == [target]


def test_output_folder_that_cannot_be_written_is_refused(tmp_path):
    # /proc refuses new files even to root (a chmod would not stop root).
    result = _cli("-o", "/proc/atlas-test/site", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: Output folder /proc/atlas-test/site is not writable")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not Path("/proc/atlas-test").exists()


class FailingExecutor:
    """Fails every pair like a notebook cell would, without starting a kernel."""

    def run(self, tasks):
        for task in tasks:
            yield Outcome(task.pair, task.slug, "failed", error="cell 7 failed: ValueError: boom")


def test_failed_pairs_are_marked_and_counted_in_the_exit_status(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(site, "make_executor", lambda *a, **k: FailingExecutor())
    out = tmp_path / "site"
    status = cli.main(["atlas", "-o", str(out), "--similar", "1", "--occupations", "29-1141"])
    captured = capsys.readouterr()
    assert status == 1
    assert "error: 1 pair(s) failed" in captured.err
    assert "pair 29-1141 vs 29-1161 failed: cell 7 failed: ValueError: boom" in captured.err
    table = json.loads((out / "atlas.json").read_text())
    assert table["pairs"] == [
        {
            "a": "29-1141",
            "b": "29-1161",
            "similarity": round(similarity.similarity("29-1141", "29-1161"), 4),
            "status": "failed",
            "error": "cell 7 failed: ValueError: boom",
            "report": None,
            "gaps": None,
        }
    ]
    page = (out / "occupations" / "29-1141.html").read_text()
    assert "pair report failed" in page and "ValueError: boom" in page
    assert "../pairs/29-1141--vs--29-1161.html" not in page  # no link to a report that failed
    front = (out / "index.html").read_text()
    assert "1 pair report failed" in front and "ValueError: boom" in front


def test_pages_read_each_profile_from_a_finished_report_else_compute_it(tmp_path):
    """The report JSON's profile is the one profile() builds; broken or failed ones are skipped."""
    from analysis.occupations.profile import profile

    a, b, c = profile("29-1141"), profile("29-1161"), profile("29-1171")
    ok = pages.PairStatus("29-1141", "29-1161", "ok")
    failed = pages.PairStatus("29-1141", "29-1171", "failed", None, "boom")
    marker = a.to_json() | {"description": "read from the report"}
    payload = {"a": marker, "b": b.to_json(), "gaps": {}}
    write_report(tmp_path / f"{ok.slug}.json", payload, "h", {}, "v", "d", {})
    profile_of = site._profiles_from_reports(tmp_path, {("a", "b"): ok, ("a", "c"): failed})
    assert profile_of("29-1141").description == "read from the report"  # not recomputed
    assert profile_of("29-1161") == b
    assert profile_of("29-1171") == c  # its only pair failed: computed
    (tmp_path / f"{ok.slug}.json").write_text("{not json")
    assert profile_of("29-1141") == a  # an unreadable report: computed
    (tmp_path / f"{ok.slug}.json").write_text(json.dumps(payload))
    assert profile_of("29-1141") == a  # a JSON without a manifest is not a report: computed


def test_occupation_page_shows_wage_percentiles_titles_reasons_and_openings():
    """43-4051: OEWS percentiles, O*NET alternate titles (10 of 62), EP Tables 1.10/1.12."""
    from bs4 import BeautifulSoup

    from analysis.occupations.profile import profile

    inputs = pages.occupation_inputs(
        plan.make_plan(1, ["43-4051"]),
        figures.occupation_figures(),
        figures.ranks(figures.occupation_figures()),
        figures.headline_totals(),
        {},
    )["43-4051"]
    html = pages.render_occupation(pages.environment(), inputs, profile("43-4051"))
    page = BeautifulSoup(html, "html.parser")
    chart = page.select_one("figure.wage-chart")
    # OEWS May 2025 national row of 43-4051: $31,750 / 36,870 / 44,770 / 51,780 / 63,590
    assert chart.svg.title.get_text() == (
        "Annual wage at each percentile published: 10th $31,750; 25th $36,870; "
        "median $44,770; 75th $51,780; 90th $63,590."
    )
    assert "median $45k" in chart.svg.get_text()
    titles = [li.get_text() for li in page.select("ul.titles li")]
    assert len(titles) == pages.ALTERNATE_TITLES_SHOWN
    assert titles[:2] == ["Account Adjuster", "Account Representative"]
    assert "10 of its 62 alternate titles" in page.get_text()
    reasons = [li.get_text() for li in page.select("ul.reasons li")]
    assert reasons[0] == (
        "All industries: Capital/labor substitution - share decreases as advances in speech "
        "and language processing allow computers to handle customer service interactions "
        "with greater frequency."
    )
    text = " ".join(page.get_text().split())
    assert "(BLS EP Table 1.10): 341.7 thousand" in text
    assert "5.6% leave the labor force, 7.4% move to another occupation (13.0% in all)" in text


def test_occupation_page_without_a_table_1_12_row_says_why():
    """11-1011 Chief executives: no factor row in EP Table 1.12, its Table 1.10 row exists."""
    from bs4 import BeautifulSoup

    from analysis.occupations.profile import profile

    prof = profile("11-1011")
    view = pages.outlook_view(prof)
    assert view.reasons == () and view.openings == "22.2"
    env = pages.environment()
    html = env.get_template("occupation.html.j2").render(
        **_minimal_page("11-1011", prof.title),
        outlook=view,
        wages=pages.wage_chart.wage_chart(prof),
        alternate=pages.alternate_titles("11-1011"),
        root="../",
        measure="",
        similar=0,
        version="",
        credit="",
    )
    text = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    assert "n/a: BLS Employment Projections 2024-34 Table 1.12" in text
    assert 'ul class="reasons"' not in html


def test_wage_chart_names_a_missing_percentile_with_its_reason():
    import dataclasses

    from analysis.occupations.profile import profile

    prof = profile("43-4051")
    gone = dataclasses.replace(
        prof, annual_wage_p90=None, missing={**prof.missing, "annual_wage_p90": "top-coded"}
    )
    chart = pages.wage_chart.wage_chart(gone)
    assert "90th" not in chart.alt and "Not published: 90th (top-coded)" in chart.caption
    none = dataclasses.replace(
        gone,
        annual_wage_p10=None,
        annual_wage_p25=None,
        annual_median_wage=None,
        annual_wage_p75=None,
    )
    assert pages.wage_chart.wage_chart(none).svg is None


def _minimal_page(soc: str, title: str) -> dict:
    group = {"code": "11-1000", "size": 1, "rank": None, "ranked_of": 0, "members": [],
             "total_wage_text": "n/a", "total_employment_text": "n/a"}  # fmt: skip
    return {"soc": soc, "title": title, "major_group": "11-0000",
            "major_group_title": "Management", "headlines": [], "minor": group,
            "major": group, "neighbours": [], "other_pairs": [], "failed": 0,
            "not_reached": 0, "description": None, "description_reason": "x",
            "entry_education": None, "top_skills": [], "skills_reason": "x",
            "census_note": None}  # fmt: skip
