"""Short names for running text (analysis.occupations.names)."""

from __future__ import annotations

import pytest

from analysis.data import dataset
from analysis.occupations.lookup import normalize_title
from analysis.occupations.names import all_short_names, short_name


def test_every_occupation_has_a_name_no_other_occupation_has() -> None:
    names = all_short_names()
    assert len(names) == 830
    assert len({n.plural for n in names.values()}) == 830
    assert len({n.singular for n in names.values()}) == 830


def test_no_short_name_is_another_occupations_title_or_inside_one() -> None:
    titles = dict(zip(*(dataset.table("occupations")[c] for c in ("soc", "title")), strict=True))
    for soc, name in all_short_names().items():
        key = f" {normalize_title(name.plural)} "
        if key == f" {normalize_title(name.title)} ":
            continue  # the full title, its qualifiers in brackets
        inside = [o for o, t in titles.items() if o != soc and key in f" {normalize_title(t)} "]
        assert not inside, (soc, name.plural, inside)


@pytest.mark.parametrize(
    ("soc", "plural", "singular"),
    [
        (
            "41-4011",
            "sales representatives (wholesale and manufacturing, technical and scientific "
            "products)",
            "sales representative (wholesale and manufacturing, technical and scientific products)",
        ),
        (
            "41-4012",
            "sales representatives (wholesale and manufacturing, except technical and "
            "scientific products)",
            "sales representative (wholesale and manufacturing, except technical and "
            "scientific products)",
        ),
        (
            "23-1022",
            "arbitrators, mediators, and conciliators",
            "arbitrator, mediator, and conciliator",
        ),
        (
            "21-2021",
            "religious activities and education directors",
            "religious activities and education director",
        ),
        ("53-3051", "school bus drivers", "school bus driver"),
        ("11-9199", "managers (all other)", "manager (all other)"),
        ("29-1222", "physicians (pathologists)", "physician (pathologists)"),
        (
            "17-1011",
            "architects (except landscape and naval)",
            "architect (except landscape and naval)",
        ),
        ("19-1042", "medical scientists", "medical scientist"),
        ("43-4051", "customer service representatives", "customer service representative"),
        (
            "43-6014",
            "secretaries and administrative assistants (except legal, medical, and executive)",
            "secretary and administrative assistant (except legal, medical, and executive)",
        ),
        (
            "43-9041",
            "insurance claims and policy processing clerks",
            "insurance claims and policy processing clerk",
        ),
        (
            "33-1011",
            "first-line supervisors of correctional officers",
            "first-line supervisor of correctional officers",
        ),
    ],
)
def test_hand_checked_names(soc: str, plural: str, singular: str) -> None:
    name = short_name(soc)
    assert (name.plural, name.singular) == (plural, singular)


def test_the_two_sales_representatives_are_told_apart() -> None:
    a, b = short_name("41-4011"), short_name("41-4012")
    assert a.singular != b.singular
    assert "sales representative" not in {a.singular, b.singular}


def test_dropping_an_except_clause_is_flagged() -> None:
    assert short_name("19-1042").shortened
    assert not short_name("53-3051").shortened


def test_a_bracketed_titles_half_of_another_occupation_is_not_a_short_name() -> None:
    # "Switchboard Operators, Including Answering Service" would read "switchboard
    # operators", but O*NET Alternate Titles.txt has "Switchboard Operator (SB Operator)"
    # under 43-2011.00 (line 23875), "Switchboard Op (Switchboard Operator)" under
    # 43-2021.00 Telephone Operators (line 23911) and "Switchboard Operator (SWB
    # Operator)" under 51-8012.00 (line 43095): the lookup finds that name under three
    # occupations, so the clause stays.
    name = short_name("43-2011")
    assert name.plural == "switchboard operators (including answering service)"
