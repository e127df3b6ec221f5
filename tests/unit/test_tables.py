import pytest

from analysis.comparison.pair import comparison
from analysis.config import PROJECT_ROOT
from analysis.presentation import seed_section as tables

# The captured seed page lives beside the checkout, like the raw data (../shared).
SEED_PAGE = PROJECT_ROOT.parent / "shared" / "seeds" / "000_02da4c0cc4c3be00.txt"
TABLE_NAMES = ("overview", "pay", "education", "demographics")


def parse_seed_tables(text: str) -> list[tuple[list[str], list[tuple[str, str, str]]]]:
    """The '|'-tables of the seed page as (titles, [(label, a, b), ...]) in page order.

    A table is a run of consecutive lines starting with '|'; its first line is
    '| Title A | Title B | |', every other line '| label | A | B |'.
    """
    found: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if current is None:
                current = []
                found.append(current)
            current.append(cells)
        else:
            current = None
    out = []
    for rows in found:
        header, body = rows[0], rows[1:]
        assert header[2] == "", header  # the seed's header puts the blank label cell last
        assert all(len(r) == 3 for r in body), body
        out.append((header[:2], [tuple(r) for r in body]))
    return out


@pytest.fixture(scope="module")
def seed_page_tables():
    if not SEED_PAGE.exists():
        pytest.skip(f"seed page not available at {SEED_PAGE}")
    return parse_seed_tables(SEED_PAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_comp():
    return comparison("Order Processing Specialist", "Customer Relations Specialist", "seed")


@pytest.fixture(scope="module")
def public_tables():
    comp = comparison("43-4151", "43-4051")
    return tables.seed_tables(comp.a, comp.b)


def test_parser_reads_four_tables_with_expected_sizes(seed_page_tables):
    # overview 8 rows, pay 6, education 3, demographics 4
    assert [len(body) for _, body in seed_page_tables] == [8, 6, 3, 4]
    assert seed_page_tables[0][1][0] == ("Yearly salary", "$37,540", "$37,827")
    assert seed_page_tables[3][1][-1] == ("LGBT Percentage", "6%", "7%")


def test_seed_tables_reproduce_the_seed_page_string_for_string(seed_comp, seed_page_tables):
    ours = tables.seed_tables(seed_comp.a, seed_comp.b)
    assert list(ours) == list(TABLE_NAMES)
    for name, (titles, body) in zip(TABLE_NAMES, seed_page_tables, strict=True):
        frame = ours[name]
        assert list(frame.columns) == titles, name
        assert list(frame.index) == [label for label, _, _ in body], name
        for label, a, b in body:
            assert frame.loc[label].tolist() == [a, b], (name, label)


def test_seed_tables_spot_checks(seed_comp):
    t = tables.seed_tables(seed_comp.a, seed_comp.b)
    assert t["overview"].loc["Growth rate"].tolist() == ["-", "-4%"]
    assert t["overview"].loc["Hourly rate"].tolist() == ["$18.05", "$18.19"]
    assert t["pay"].loc["Salary range"].tolist() == [
        "Between $26,000 And $52,000",
        "Between $27,000 And $52,000",
    ]
    assert t["demographics"].loc["Gender ratio"].tolist() == [
        "Male, 29.7% Female, 70.3%",
        "Male, 31.8% Female, 68.2%",
    ]


def test_public_labels_say_what_the_figure_is(public_tables):
    assert list(public_tables["overview"].index) == [
        "Yearly salary (mean)",
        "Hourly rate (mean)",
        "Growth rate (2024-34 projection)",
        "Number of jobs (excl. self-employed)",
        "Most common education (workers 25+)",
        "Median age",
        "Work experience in a related occupation (BLS EP Table 5.4)",
    ]
    assert list(public_tables["pay"].index) == [
        "Average salary (mean)",
        "Salary range (10th-90th percentile)",
        "Highest paying metro area",
        "Highest paying state",
        "Best paying industry (NAICS subsector or OEWS industry group)",
    ]
    assert (
        "Race ratio (Hispanic or Latino may be of any race)" in public_tables["demographics"].index
    )
    # the seed's misleading labels do not appear with public data
    all_labels = {lbl for frame in public_tables.values() for lbl in frame.index}
    assert not all_labels & {"Average age", "Highest paying City", "Yearly salary"}


def test_public_formats(public_tables):
    t = public_tables
    assert list(t["overview"].columns) == ["Order Clerks", "Customer Service Representatives"]
    csr = "Customer Service Representatives"
    assert t["overview"].loc["Yearly salary (mean)", csr] == "$46,590"
    assert t["overview"].loc["Hourly rate (mean)", csr] == "$22.40"
    assert t["overview"].loc["Growth rate (2024-34 projection)", csr] == "\u22125.5%"
    assert t["overview"].loc["Number of jobs (excl. self-employed)", csr] == "2,595,750"
    # public figures keep the source's one decimal
    assert t["overview"].loc["Median age"].tolist() == [
        "35.5",
        "37.0",
    ]  # public figures keep the source's one decimal
    assert t["pay"].loc["Salary range (10th-90th percentile)", csr] == "$31,750 to $63,590"
    # 100 - 65.3 = 34.7 % men
    assert t["demographics"].loc["Gender ratio", csr] == "Male, 34.7% Female, 65.3%"
    assert t["demographics"].loc["Race ratio (Hispanic or Latino may be of any race)", csr] == (
        "White, 72.0% Black or African American, 18.2% Asian, 5.3% Hispanic or Latino, 19.8%"
    )
    # California leads Washington by $500, z = 1.07 (tests/unit/test_pay.py): a tie
    assert t["pay"].loc["Highest paying state", csr] == (
        "California ($54,640); tied within sampling error with Washington ($54,140), "
        "District of Columbia ($53,850)"
    )


def test_public_tables_drop_rows_no_public_source_fills(public_tables):
    t = public_tables
    labels = {label for frame in t.values() for label in frame.index}
    assert not labels & {
        "Job satisfaction",
        "Best paying company",
        "Most common college",
        "LGBT Percentage",
    }
    for frame in t.values():
        for cell in frame.to_numpy().ravel():
            assert cell and "None" not in cell and "nan" not in cell and cell != "-"


def test_public_html_tables_say_once_what_no_public_source_has(html_tools):
    comp = comparison("43-4151", "43-4051")
    pages = [str(tables.seed_table_html(n, comp.a, comp.b)) for n in tables.SEED_TABLES]
    assert [p.count(tables.NOT_PUBLIC_NOTE) for p in pages] == [1, 0, 0, 0]
    overview, pay = html_tools.parse(pages[0]), html_tools.parse(pages[1])
    assert [c.get_text() for c in pay.find_all("caption")] == ["Pay (OEWS May 2025)"]
    assert "Order Clerks" in [th.get_text() for th in overview.find_all("th", scope="col")]


def test_seed_html_tables_keep_the_seed_rows(seed_comp, html_tools):
    page = str(tables.seed_table_html("demographics", seed_comp.a, seed_comp.b))
    assert "LGBT Percentage" in page and "6%" in [
        td.get_text() for td in html_tools.parse(page)("td")
    ]
    assert tables.NOT_PUBLIC_NOTE not in page


def test_public_suppressed_cps_figures_show_dash(html_tools):
    # 43-9022 Word Processors and Typists: CPS suppresses women and race shares
    comp = comparison("43-4151", "43-9022")
    demo = tables.seed_table("demographics", comp.a, comp.b)
    assert demo.loc["Gender ratio", "Word Processors and Typists"] == "n/a"
    assert (
        demo.loc[
            "Race ratio (Hispanic or Latino may be of any race)", "Word Processors and Typists"
        ]
        == "n/a"
    )
    # the HTML table gives the reason as a footnote
    soup = html_tools.parse(str(tables.seed_table_html("demographics", comp.a, comp.b)))
    marked = [td for td in soup.find_all("td") if td.find("sup", class_="fn")]
    assert ("n/a", "a") in [(td.contents[0], td.sup.get_text()) for td in marked]
    [notes] = soup.find_all(class_="table-notes")
    assert "CPS" in notes.get_text()


def test_same_title_twice_gets_distinct_columns(seed_comp):
    frame = tables.seed_table("education", seed_comp.a, seed_comp.a)
    assert list(frame.columns) == [
        "Order Processing Specialist (A)",
        "Order Processing Specialist (B)",
    ]


def test_profile_table_lists_each_row_once(seed_comp):
    frame = tables.profile_table(seed_comp.a)
    # 8 + 6 + 3 + 4 = 21 rows, minus the repeated "Most common degree" and "Average age" = 19
    assert len(frame) == 19
    assert frame.index.is_unique
    assert frame.loc["Yearly salary", "Order Processing Specialist"] == "$37,540"


def test_places_table_and_frame_say_which_places_tie_with_the_first():
    # 43-4051's states: California $54,640 leads Washington ($54,140, z = 1.07) and DC
    # ($53,850) within sampling error; Massachusetts ($52,750) is significantly below.
    import re

    from analysis.presentation import frames, pay_section

    comp = comparison("43-4051", "43-4151")
    text = re.sub(r"<[^>]+>", "", str(pay_section.places_table(comp))).replace("&#36;", "$")
    assert "California ($54,640; tied with 2 others)" in text
    assert "Washington ($54,140; tied with the 1st)" in text
    assert "District of Columbia ($53,850; tied with the 1st)" in text
    assert "Massachusetts ($52,750)" in text  # not tied: no words
    assert "the order among tied places is not established" in text
    places = frames.places_frame(comp)
    states = places[(places["occupation"] == "A") & (places["kind"] == "state")]
    tied = states.set_index("place")["tied_with_first"]
    assert tied[["Washington", "District of Columbia"]].all()
    assert not tied[["California", "Massachusetts", "New York"]].any()
    assert int(states["tied_with_first"].sum()) == len(comp.a.highest_paying_state.tied_with)
