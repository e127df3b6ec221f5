import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.presentation.report_page import META, Heading, ReportOutline, css_string, headings


def test_headings_take_nbconvert_ids_and_skip_code_fences():
    text = (
        "# Order Clerks vs Customer Service Representatives\n\nIntro.\n\n"
        "## What women earn compared with men\n\n"
        "```\n## not a heading\n```\n\n"
        "### Pay & the cost of living ###\n"
    )
    assert headings(text) == [
        Heading(
            1,
            "Order-Clerks-vs-Customer-Service-Representatives",
            "Order Clerks vs Customer Service Representatives",
        ),
        Heading(2, "What-women-earn-compared-with-men", "What women earn compared with men"),
        Heading(3, "Pay-&-the-cost-of-living", "Pay & the cost of living"),
    ]


def test_headings_show_escaped_markdown_as_text():
    # notebook.title() escapes Markdown characters in occupation names
    [h] = headings("## Chefs \\*and\\* Cooks")
    assert h.text == "Chefs *and* Cooks"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Order Clerks vs Cashiers", '"Order Clerks vs Cashiers"'),
        ('Say "hi"', '"Say \\22 hi\\22 "'),
        ("a\\b", '"a\\5c b"'),
        ("</style><script>", '"\\3c /style\\3e \\3c script\\3e "'),
        ("line\nbreak", '"line\\a break"'),
    ],
)
def test_css_string(text, expected):
    assert css_string(text) == expected


def _notebook():
    return new_notebook(
        cells=[
            new_code_cell(
                "nb.title(comp)",
                outputs=[
                    new_output(
                        "execute_result",
                        {"text/markdown": "# A vs B\n\nWhat we found.", "text/plain": "<md>"},
                        execution_count=1,
                    )
                ],
            ),
            new_markdown_cell("## At a glance"),
            new_code_cell(
                "t",
                outputs=[
                    new_output(
                        "execute_result",
                        {"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "t"},
                        execution_count=2,
                    ),
                    new_output("display_data", {"text/html": "<p>not a table</p>"}),
                ],
            ),
            new_markdown_cell("## Pay\n\nSome text.\n\n### Detail"),
            new_code_cell(
                "t",
                outputs=[
                    new_output(
                        "execute_result",
                        {"text/html": "<table><tr><td>2</td></tr></table>"},
                        execution_count=3,
                    ),
                    new_output("display_data", {"text/html": "<table><tr><td>3</td></tr></table>"}),
                ],
            ),
        ]
    )


def test_outline_lists_sections_marks_the_contents_cell_and_labels_tables():
    nb = _notebook()
    out, resources = ReportOutline().preprocess(nb, {"metadata": {"name": 'A "x" vs B'}})
    assert [(h.id, h.text) for h in resources["toc"]] == [
        ("At-a-glance", "At a glance"),
        ("Pay", "Pay"),
    ]  # level 2 only: neither the title nor "Detail"
    assert [c.metadata.get(META) for c in out.cells] == [
        None,
        {"toc_before": True},
        None,
        None,
        None,
    ]
    labels = [
        o.metadata.get(META, {}).get("label") for c in out.cells for o in c.get("outputs", [])
    ]
    assert labels == [None, "At a glance: table 1", None, "Pay: table 1", "Pay: table 2"]
    assert resources["print_title_css"] == '"A \\22 x\\22  vs B"'
    nbformat.validate(out)


def test_tables_are_named_by_their_caption_once_each():
    table = "<table><caption>Pay of <b>both</b> &amp; more</caption><tr><td>1</td></tr></table>"
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Pay"),
            new_code_cell(
                "t",
                outputs=[
                    new_output("display_data", {"text/html": table}),
                    new_output("display_data", {"text/html": table}),
                ],
            ),
        ]
    )
    out, _ = ReportOutline().preprocess(nb, {})
    labels = [o.metadata[META]["label"] for o in out.cells[1].outputs]
    assert labels == ["Pay of both & more", "Pay of both & more (2)"]


def test_boxes_written_by_the_tables_get_unique_names_and_no_second_box():
    from analysis.presentation.html import Row, data_table, txt

    box = str(data_table('Pay & "more"', ["Figure", "A"], [Row("x", [txt("1")])]))
    nb = new_notebook(
        cells=[
            new_code_cell(
                "t",
                outputs=[
                    new_output("display_data", {"text/html": box}),
                    new_output("display_data", {"text/html": box}),
                ],
            )
        ]
    )
    out, _ = ReportOutline().preprocess(nb, {})
    texts = [o.data["text/html"] for o in out.cells[0].outputs]
    assert 'aria-label="Pay &amp; &quot;more&quot;"' in texts[0]
    assert 'aria-label="Pay &amp; &quot;more&quot; (2)"' in texts[1]
    assert all(META not in o.metadata for o in out.cells[0].outputs)  # not boxed twice


def test_similar_occupations_link_only_to_existing_reports():
    from analysis.presentation.report_page import link_reports

    text = (
        '<td><span class="maybe-report" data-reports="a--vs--b.html b--vs--a.html">B (b)'
        '</span></td><td><span class="maybe-report" data-reports="a--vs--c.html">C (c)</span>'
        '</td><td><span class="maybe-report" data-reports="">D (d)</span></td>'
    )
    out = link_reports(text, frozenset({"b--vs--a.html", "index.html"}))
    assert out == ('<td><a href="b--vs--a.html">B (b)</a></td><td>C (c)</td><td>D (d)</td>')
