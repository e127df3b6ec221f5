"""Similar occupations: the standardised skill-profile correlation and the pairs it gives."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.occupations import similarity


def test_similarity_properties():
    sim = similarity.similarity_matrix()
    values = sim.to_numpy()
    assert (values.diagonal() == 1.0).all()
    assert (values == values.T).all()  # symmetric exactly, not just approximately
    assert values.min() >= -1.0 and values.max() <= 1.0
    assert similarity.similarity("43-4151", "43-4051") == similarity.similarity(
        "43-4051", "43-4151"
    )
    assert similarity.similarity("43-4051", "43-4051") == 1.0
    # 725 of the 830 OEWS occupations have a complete O*NET skill profile of their SOC-level
    # (.00) O*NET occupation; the rest have none.
    assert len(sim) == 725
    assert similarity.similarity("43-4051", "13-2051") is None  # no O*NET skill ratings


def test_standardised_correlation_by_hand():
    # Four ratings of three occupations; each column is a permutation of (0, 1, 2), so its
    # z-scores are proportional to (-1, 0, 1): A = (-1, -1, 1, 0), B = (0, 1, 0, -1),
    # C = (1, 0, -1, 1). corr(A, B): A centred (-.75, -.75, 1.25, .25), B centred
    # (0, 1, 0, -1); dot -1, norms^2 2.75 and 2 -> -1 / sqrt(5.5).
    matrix = pd.DataFrame(
        {"r1": [0, 1, 2], "r2": [0, 2, 1], "r3": [2, 1, 0], "r4": [1, 0, 2]},
        index=["A", "B", "C"],
        dtype=float,
    )
    sim = similarity.correlate(matrix)
    assert sim.at["A", "B"] == pytest.approx(-1 / 5.5**0.5)
    assert sim.at["B", "A"] == sim.at["A", "B"]
    # corr(A, C): C centred (.75, -.25, -1.25, .75); dot -.5625+.1875-1.5625+.1875 = -1.75;
    # |C|^2 = 2.75 -> -1.75 / 2.75
    assert sim.at["A", "C"] == pytest.approx(-1.75 / 2.75)
    assert list(sim.to_numpy().diagonal()) == [1.0, 1.0, 1.0]
    # A rating's scale does not count, only where an occupation stands on it: stretching
    # one column (0-7 level instead of 1-5 importance, say) changes the raw correlation
    # of the rows but not the similarity.
    stretched = matrix.assign(r4=matrix["r4"] * 3 + 1)
    assert similarity.correlate(stretched).at["A", "B"] == pytest.approx(-1 / 5.5**0.5)
    raw_before, raw_after = matrix.T.corr().at["A", "B"], stretched.T.corr().at["A", "B"]
    assert raw_after != pytest.approx(raw_before)


def test_a_typical_occupation_is_uncorrelated_with_nothing_in_particular():
    # A row equal to the column means has all-zero z-scores: similarity 0, never NaN.
    matrix = pd.DataFrame({"r1": [0.0, 1.0, 2.0], "r2": [2.0, 1.0, 0.0], "r3": [0.0, 1.0, 2.0]})
    sim = similarity.correlate(matrix)
    assert sim.loc[1].tolist() == [0.0, 1.0, 0.0]


def test_standardising_separates_neighbours_from_the_crowd():
    # z-scores remove the shape every occupation shares: a typical pair is uncorrelated
    # (all-pairs median near 0; it was 0.70 with raw importance ratings), so near
    # neighbours stand out instead of crowding at 0.95 and above.
    sim = similarity.similarity_matrix().to_numpy()
    upper = sim[np.triu_indices_from(sim, k=1)]
    assert abs(float(np.median(upper))) < 0.05
    firsts = [similarity.most_similar(soc, 1)[0].similarity for soc in ("29-1141", "15-1252")]
    assert all(0.8 < f < 0.95 for f in firsts)


def test_registered_nurses_nearest_are_nurses_and_health_practitioners():
    found = similarity.most_similar("29-1141", 3)
    assert [f.soc for f in found] == ["29-1161", "29-2061", "29-1214"]
    assert [f.title for f in found][:2] == [
        "Nurse Midwives",
        "Licensed Practical and Licensed Vocational Nurses",
    ]
    # Software developers' nearest is another computer occupation.
    assert similarity.most_similar("15-1252", 1)[0].soc == "15-1243"


def test_similar_pairs_are_unique_and_cover_every_rated_occupation():
    pairs = similarity.similar_pairs(1)
    assert len(pairs) == len(set(pairs)) and all(a < b for a, b in pairs)
    covered = {s for pair in pairs for s in pair}
    assert covered == set(similarity.similarity_matrix().index)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("43-4151", "43-4051"),  # order clerks, customer service representatives
        ("29-1141", "29-2061"),  # registered nurses, licensed practical nurses
        ("47-2111", "47-2152"),  # electricians, plumbers
        ("41-2011", "41-2031"),  # cashiers, retail salespersons
    ],
)
def test_hand_picked_default_pairs_are_each_among_the_others_closest(a, b):
    # data/pairs/default.csv pairs look-alike occupations: each is among the other's
    # closest 15 % (112 of the 749 other rated occupations).
    sim = similarity.similarity_matrix()
    for x, y in ((a, b), (b, a)):
        row = sim.loc[x].drop(x)
        assert int((row > row[y]).sum()) < 112


def test_similar_list_excludes_itself_and_is_sorted():
    found = similarity.most_similar("43-4051", 5)
    assert len(found) == 5 and all(f.soc != "43-4051" for f in found)
    values = [f.similarity for f in found]
    assert values == sorted(values, reverse=True)


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_similar_and_pairs():
    out = _cli("similar", "43-4051", "-n", "3", "--format", "json")
    assert out.returncode == 0
    payload = json.loads(out.stdout)
    assert len(payload["similar"]) == 3
    pairs = _cli("pairs", "--similar", "2")
    assert pairs.returncode == 0
    rows = pairs.stdout.strip().splitlines()
    assert rows[0] == "a,b,label,dataset"
    keys = [tuple(sorted(r.split(",")[:2])) for r in rows[1:]]
    assert len(keys) == len(set(keys))  # duplicates removed
    bad = _cli("similar", "43-4051", "-n", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
