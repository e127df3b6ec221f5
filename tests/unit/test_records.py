"""The Record base (analysis.records): JSON out and back in, typed, keyed by field name."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from analysis.records import Record, jsonable


@dataclass(frozen=True)
class Place(Record):
    name: str
    wage: float | None = None


@dataclass(frozen=True)
class StatePlace(Place):
    """A subclass that adds a field: told apart from Place by the keys written."""

    employment: int = 0


@dataclass(frozen=True)
class Card(Record):
    title: str
    count: int
    best: Place | None = None
    others: tuple[Place, ...] = ()
    shares: dict[str, float] | None = None


CARD = Card(
    "Order Clerks",
    75_200,
    StatePlace("Massachusetts", 56_920.0, 1_350),
    (Place("Washington", 52_810.0), Place("Oregon")),
    {"women": 59.1},
)


def test_to_json_keys_are_field_names_in_declaration_order():
    data = CARD.to_json()
    assert list(data) == ["title", "count", "best", "others", "shares"]
    assert data["best"] == {"name": "Massachusetts", "wage": 56_920.0, "employment": 1_350}
    # tuples become lists, nested records dicts, None stays null
    assert data["others"] == [
        {"name": "Washington", "wage": 52_810.0},
        {"name": "Oregon", "wage": None},
    ]


def test_a_written_record_reads_back_equal_and_writes_the_same_bytes():
    text = json.dumps(CARD.to_json())
    back = Card.from_json(json.loads(text))
    assert back == CARD
    assert type(back.best) is StatePlace  # its keys name the subclass
    assert type(back.others[0]) is Place
    assert isinstance(back.count, int) and back.count == 75_200  # never converted
    assert json.dumps(back.to_json()) == text


def test_unknown_keys_are_refused():
    with pytest.raises(ValueError, match=r"Place has no field\(s\) \['salary'\]"):
        Place.from_json({"name": "Ohio", "salary": 1})


def test_checked_read_refuses_a_number_written_as_a_string():
    with pytest.raises(ValueError, match=r"Card.count is str, not int"):
        Card.from_json_checked({"title": "x", "count": "12"})
    with pytest.raises(ValueError, match="Card: expected an object, got list"):
        Card.from_json_checked([1, 2])
    with pytest.raises(ValueError, match="Card: "):  # a required field is absent
        Card.from_json_checked({"title": "x"})
    # a float field takes an integer (JSON writes 56920.0 as 56920 in other tools)
    assert Place.from_json_checked({"name": "Ohio", "wage": 56_920}).wage == 56_920
    # ignore_unknown reads this record's fields out of a larger object
    assert Place.from_json_checked({"name": "Ohio", "extra": 1}, ignore_unknown=True) == Place(
        "Ohio"
    )


def test_jsonable_turns_records_and_tuples_into_plain_json():
    assert jsonable({"a": (Place("Ohio", 1.0),), "b": [1, (2, 3)]}) == {
        "a": [{"name": "Ohio", "wage": 1.0}],
        "b": [1, [2, 3]],
    }
