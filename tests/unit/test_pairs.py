from pathlib import Path

import pytest

from analysis.batch.pairs import BadRow, Pair, read_pairs
from analysis.errors import UserInputError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pairs.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_comments_blank_lines_and_defaults(tmp_path):
    path = _write(
        tmp_path,
        "a,b,label,dataset\n"  # row 1: header
        "# pairs for the pay review\n"  # row 2: comment
        "\n"  # row 3: blank
        "cashier,retail salesperson,Cashiers vs retail,public\n"  # row 4
        "   \n"  # row 5: whitespace only
        " electrician ,  plumber \n"  # row 6: padded, no label, no dataset
        "order processing specialist,customer relations specialist,,seed\n"  # row 7
        '43-4151,43-4051,"Clerks, order vs service",\n',  # row 8: quoted comma, empty ds
    )
    pairs, bad = read_pairs(path)
    assert bad == []
    assert pairs == [
        Pair("cashier", "retail salesperson", "Cashiers vs retail", "public", 4),
        Pair("electrician", "plumber", "electrician vs plumber", "public", 6),
        Pair(
            "order processing specialist",
            "customer relations specialist",
            "order processing specialist vs customer relations specialist",
            "seed",
            7,
        ),
        Pair("43-4151", "43-4051", "Clerks, order vs service", "public", 8),
    ]
    assert pairs[2].parameters() == {
        "profession_a": "order processing specialist",
        "profession_b": "customer relations specialist",
        "dataset": "seed",
    }


def test_header_is_optional(tmp_path):
    pairs, bad = read_pairs(_write(tmp_path, "cashier,retail salesperson\nlawyer,paralegal\n"))
    assert bad == []
    assert [(p.a, p.b, p.row) for p in pairs] == [
        ("cashier", "retail salesperson", 1),
        ("lawyer", "paralegal", 2),
    ]


def test_header_case_insensitive(tmp_path):
    pairs, bad = read_pairs(_write(tmp_path, "A,B\ncashier,retail salesperson\n"))
    assert bad == []
    assert [(p.a, p.row) for p in pairs] == [("cashier", 2)]


def test_a_bare_a_b_header_keeps_the_positional_label_and_dataset(tmp_path):
    # "a,b" names no optional column: the rows are read a,b,label,dataset by position,
    # as they were before the area column (the Dask test's pairs file is written so).
    pairs, bad = read_pairs(
        _write(
            tmp_path,
            "a,b\n43-4151,43-4051\n"
            "order processing specialist,customer relations specialist,,seed\n",
        )
    )
    assert bad == []
    assert [(p.a, p.label, p.dataset, p.area) for p in pairs] == [
        ("43-4151", "43-4151 vs 43-4051", "public", ""),
        (
            "order processing specialist",
            "order processing specialist vs customer relations specialist",
            "seed",
            "",
        ),
    ]


def test_a_b_row_after_the_first_row_is_data_not_a_header(tmp_path):
    # Only row 1 can be the header; a later "a,b" is a (strange) pair, kept as data.
    pairs, _ = read_pairs(_write(tmp_path, "cashier,retail salesperson\na,b\n"))
    assert [(p.a, p.b, p.row) for p in pairs] == [
        ("cashier", "retail salesperson", 1),
        ("a", "b", 2),
    ]


def test_malformed_rows_reported_with_row_and_problem_valid_rows_kept(tmp_path):
    path = _write(
        tmp_path,
        "a,b,label,dataset\n"  # 1
        "cashier\n"  # 2: one field
        "cashier,retail salesperson\n"  # 3: valid
        "nurse,doctor,Nurses,public,extra\n"  # 4: five fields
        "electrician,plumber,Trades,census\n"  # 5: unknown dataset
        ",plumber\n"  # 6: empty first profession
        "paralegal, \n"  # 7: blank second profession
        "paralegal,lawyer,,seed\n",  # 8: valid
    )
    pairs, bad = read_pairs(path)
    assert [(p.a, p.b, p.dataset, p.row) for p in pairs] == [
        ("cashier", "retail salesperson", "public", 3),
        ("paralegal", "lawyer", "seed", 8),
    ]
    assert [b.row for b in bad] == [2, 4, 5, 6, 7]
    by_row = {b.row: b.problem for b in bad}
    assert "two professions" in by_row[2]
    assert "5 fields" in by_row[4] and "at most 4" in by_row[4]
    assert "census" in by_row[5]
    assert "public" in by_row[5] and "seed" in by_row[5]
    assert "two professions" in by_row[6]
    assert "two professions" in by_row[7]
    assert all(isinstance(b, BadRow) for b in bad)


def test_missing_file_is_a_user_error(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(UserInputError, match="nope.csv"):
        read_pairs(missing)


def test_non_utf8_file_is_a_user_error(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("caf\u00e9 owner,cashier\n".encode("latin-1"))
    with pytest.raises(UserInputError, match="Cannot read pairs file"):
        read_pairs(path)


def test_header_after_leading_comment_is_still_a_header(tmp_path):
    path = _write(
        tmp_path,
        "# pairs for the pay review\na,b,label,dataset\ncashier,retail salesperson\n",
    )
    pairs, bad = read_pairs(path)
    assert bad == []
    assert [(p.a, p.b, p.row) for p in pairs] == [("cashier", "retail salesperson", 3)]


def test_excel_csv_with_bom_and_crlf(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b,label,dataset\r\ncashier,retail salesperson,,public\r\n")
    pairs, bad = read_pairs(path)
    assert bad == []
    assert [(p.a, p.b, p.row) for p in pairs] == [("cashier", "retail salesperson", 2)]


# --- issue 12, case 10: headers, quoted newlines; case 6: duplicates on resolved codes ------


def test_profession_a_profession_b_header_is_a_header(tmp_path):
    pairs, bad = read_pairs(
        _write(tmp_path, "Profession_A,profession_b,label\ncashier,retail salesperson,x\n")
    )
    assert bad == []
    assert [(p.a, p.label, p.row) for p in pairs] == [("cashier", "x", 2)]


def test_quoted_newline_keeps_the_field_and_the_row_numbers(tmp_path):
    path = _write(
        tmp_path,
        "a,b,label\n"  # line 1
        'cashier,retail salesperson,"Cashiers\nvs retail"\n'  # lines 2-3: one row
        "only-one-field\n"  # line 4
        "electrician,plumber\n",  # line 5
    )
    pairs, bad = read_pairs(path)
    assert [(p.label, p.row) for p in pairs] == [
        ("Cashiers\nvs retail", 2),
        ("electrician vs plumber", 5),
    ]
    assert [b.row for b in bad] == [4]


def test_differently_spelled_duplicates_are_judged_on_soc_codes():
    from analysis.batch.pairs import resolve_pairs

    pairs = [
        Pair("order clerk", "cashier", "first", "public", 2),
        Pair("order-clerk", "Cashiers", "same two occupations", "public", 3),
        Pair("43-4151", "41-2011", "same by code", "public", 4),
        Pair("cashier", "order clerk", "reversed: another report", "public", 5),
        Pair("order processing specialist", "customer relations specialist", "", "seed", 6),
        Pair("Order Processing Specialists", "customer relations specialist", "", "seed", 7),
        Pair("zzzz not a job", "cashier", "unknown", "public", 8),
    ]
    kept, bad = resolve_pairs(pairs)
    assert [p.row for p in kept] == [2, 5, 6]
    assert [(b.row, b.problem) for b in bad] == [
        (3, "repeats the pair of row 2 (43-4151 vs 41-2011, public)"),
        (4, "repeats the pair of row 2 (43-4151 vs 41-2011, public)"),
        (
            7,
            "repeats the pair of row 6 (Order Processing Specialist vs Customer Relations "
            "Specialist, seed)",
        ),
        (8, bad[3].problem),
    ]
    assert bad[3].problem.startswith("No occupation is known by the title 'zzzz not a job'")
