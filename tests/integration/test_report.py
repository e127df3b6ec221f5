import json
import os
import re
import shlex
import stat
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.batch.fingerprint import pair_slug, slugify
from analysis.batch.render import validate_parameters
from analysis.batch.runner import run_batch
from analysis.cli import _parser
from analysis.errors import UserInputError
from analysis.files import ensure_writable_dir, write_atomic


def head_commit(root: Path) -> str | None:
    """HEAD's commit read from .git without running git (None outside a checkout)."""
    git = root / ".git"
    if not (git / "HEAD").is_file():
        return None
    head = (git / "HEAD").read_text().strip()
    if not head.startswith("ref: "):
        return head
    ref = head[5:]
    if (git / ref).is_file():
        return (git / ref).read_text().strip()
    packed = git / "packed-refs"
    if packed.is_file():
        for line in packed.read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0]
    return None


PUBLIC_LABELS = [
    # overview
    "Yearly salary (mean)", "Hourly rate (mean)", "Growth rate (2024-34 projection)",
    "Number of jobs (excl. self-employed)",
    "Most common education (workers 25+)", "Median age",
    "Work experience in a related occupation (BLS EP Table 5.4)",
    # pay
    "Average salary (mean)", "Salary range (10th-90th percentile)", "Highest paying metro area",
    "Highest paying state", "Best paying industry (NAICS subsector or OEWS industry group)",
    # education
    "Most common major",
    # demographics
    "Gender ratio", "Race ratio (Hispanic or Latino may be of any race)",
]  # fmt: skip
SEED_LABELS = [
    "Yearly salary", "Hourly rate", "Growth rate", "Number of jobs", "Job satisfaction",
    "Most common degree", "Average age", "Years of experience",
    "Average salary", "Salary range", "Highest paying City", "Highest paying state",
    "Best paying company", "Best paying industry",
    "Most common major", "Most common college",
    "Gender ratio", "Race ratio", "LGBT Percentage",
]  # fmt: skip
PARAMETERS = {
    "public": {
        "profession_a": "order processing specialist",
        "profession_b": "customer relations representative",
        "dataset": "public",
    },
    "seed": {
        "profession_a": "order processing specialist",
        "profession_b": "customer relations specialist",
        "dataset": "seed",
    },
    "codes": {"profession_a": "43-4151", "profession_b": "43-4051", "dataset": "public"},
}

# --- fast unit tests ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Order Clerks", "order-clerks"),
        ("43-4151", "43-4151"),
        ("  Heavy & Tractor-Trailer Truck Drivers!  ", "heavy-tractor-trailer-truck-drivers"),
        ("Customer   Service -- Reps", "customer-service-reps"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("!!!", "x"),
        ("", "x"),
    ],
)
def test_slugify_examples(text, slug):
    assert slugify(text) == slug


def test_slugify_caps_length_at_60():
    assert slugify("abcdefghij" * 10) == "abcdefghij" * 6
    assert slugify("Order Clerks " * 10).startswith("order-clerks-order-clerks")
    assert len(slugify("Order Clerks " * 10)) <= 60


@given(st.text())
def test_slugify_is_always_a_safe_file_stem(text):
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9-]{1,60}", slug)
    assert not slug.startswith("-")
    assert "--" not in slug


def test_slugify_never_ends_with_a_hyphen_after_truncation():
    title = "Welding, Soldering, and Brazing Machine Setters, Operators, and Tenders, Metal"
    slug = slugify(title)
    assert len(slug) <= 60
    assert not slug.endswith("-")


def test_pair_slug_names_the_resolved_occupations_and_marks_the_seed_dataset_only():
    # what resolve_query returns: an SOC code, or seed:<title> for the seed dataset
    assert pair_slug("43-4151", "43-4051", "public") == "43-4151--vs--43-4051"
    assert (
        pair_slug("seed:Order Processing Specialist", "seed:Customer Relations Specialist", "seed")
        == "order-processing-specialist--vs--customer-relations-specialist--seed"
    )
    assert pair_slug("43-4151", "43-4051", "public", area="Texas") == (
        "43-4151--vs--43-4051--in--texas"
    )
    assert pair_slug("a", "b", "public") != pair_slug("b", "a", "public")


def test_validate_parameters_accepts_the_declared_ones():
    # the notebook's parameters cell declares exactly these three
    assert set(PARAMETERS["public"]) == {"profession_a", "profession_b", "dataset"}
    assert validate_parameters(PARAMETERS["public"]) is None  # no exception
    # a subset is fine: the notebook has defaults
    assert validate_parameters({"dataset": "seed"}) is None


def test_validate_parameters_rejects_an_unknown_one():
    params = {**PARAMETERS["public"], "profesion_b": "typo"}
    with pytest.raises(UserInputError) as info:
        validate_parameters(params)
    message = str(info.value)
    assert "profesion_b" in message
    assert "profession_a" in message and "profession_b" in message  # lists the known ones


def test_write_atomic_replaces_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "report.html"
    write_atomic(target, "<p>old</p>")
    write_atomic(target, "<p>new</p>")
    write_atomic(tmp_path / "bytes.bin", b"\x00\x01")
    assert target.read_text(encoding="utf-8") == "<p>new</p>"
    assert (tmp_path / "bytes.bin").read_bytes() == b"\x00\x01"
    assert not list(tmp_path.rglob(".*.tmp"))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


def test_ensure_writable_dir_creates_missing_folders(tmp_path):
    target = tmp_path / "a" / "b"
    assert ensure_writable_dir(target) == target
    assert target.is_dir()
    assert list(target.iterdir()) == []  # the write probe is cleaned up


def test_ensure_writable_dir_read_only_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: chmod 0o500 does not stop writes")
        with pytest.raises(UserInputError, match="not writable"):
            ensure_writable_dir(locked)
    finally:
        locked.chmod(0o700)


def test_ensure_writable_dir_under_a_regular_file(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    target = blocker / "sub"
    with pytest.raises(UserInputError) as info:
        ensure_writable_dir(target)
    assert str(target) in str(info.value)
    assert "not writable" in str(info.value)
    assert blocker.read_text() == "not a folder"


def test_html_in_a_title_fails_cleanly_and_is_escaped_in_the_index(render_tmp_path, html_tools):
    payload = "<script>alert(1)</script>"
    pairs = render_tmp_path / "pairs.csv"
    pairs.write_text(f"43-4151,43-4051,{payload}\n{payload},cashier\n", encoding="utf-8")
    out = render_tmp_path / "out"
    result = run_batch(pairs, out, jobs=1, progress=False)
    # the unknown title is refused before rendering (a bad row); the other pair renders
    [bad] = result.bad_rows
    assert "No occupation is known" in bad.problem and payload in bad.problem
    assert [o.status for o in result.outcomes] == ["rendered"]
    assert not result.ok
    assert not list(out.glob("script-alert-1-script*"))  # no report files
    page = (out / "index.html").read_text(encoding="utf-8")
    assert payload not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the escaped text is what a browser shows: label and error both
    assert html_tools.visible_text(html_tools.parse(page)).count(payload) >= 2


# --- the rendered reports of the session batch --------------------------------------------

REPORTS = ["public", "seed", "codes"]


@pytest.fixture(scope="module")
def pages(rendered_batch):
    return {k: rendered_batch.html(k).read_text(encoding="utf-8") for k in REPORTS}


@pytest.fixture(scope="module")
def trees(pages, html_tools):
    return {k: html_tools.parse(v) for k, v in pages.items()}


@pytest.mark.parametrize("key", REPORTS)
def test_no_external_scripts_or_stylesheets(trees, pages, key):
    root = trees[key]
    remote = re.compile(r"^\s*(https?:)?//", re.I)
    # anything the browser would fetch: script/img/iframe sources and linked stylesheets
    sources = [n["src"] for n in root.find_all(src=True)]
    links = [n["href"] for n in root.find_all("link", href=True)]
    assert sources and not [u for u in sources + links if remote.match(u)]
    # CSS can fetch too: no remote @import in the page's styles
    assert not re.search(r"@import\s+(url\()?[\"']?(https?:)?//", pages[key], re.I)


@pytest.mark.parametrize("key", REPORTS)
def test_page_is_our_own_template(trees, pages, key):
    root = trees[key]
    [html] = root.find_all("html")
    assert html.get("lang") == "en"
    assert len(root.find_all("main")) == 1
    # outputs only: no code input, no prompts, none of JupyterLab's markup or stylesheet
    assert not [
        n for n in root.find_all(True) if any(c.startswith("jp-") for c in n.get("class", []))
    ]
    assert "--jp-" not in pages[key]
    style = "".join(n.get_text() for n in root.find_all("style"))
    # our own stylesheet only (12.8 KB with the print rules): it was 266 KB of JupyterLab CSS
    assert 0 < len(style) < 16_000, len(style)
    assert not root.find_all("link")
    assert len(root.find_all("table")) >= 10  # the report's outputs are all there


@pytest.mark.parametrize("key", REPORTS)
def test_contents_list_links_to_every_section(trees, html_tools, key):
    root = trees[key]
    [toc] = root.find_all("nav", class_="toc")
    targets = [a["href"] for a in toc.find_all("a")]
    ids = {n["id"] for n in root.find_all(id=True)}
    assert [t for t in targets if t[1:] not in ids] == []
    headings = [html_tools.text(h).replace("\u00b6", "").strip() for h in root.find_all("h2")]
    shown = [html_tools.text(a) for a in toc.find_all("a")]
    for section in ("At a glance", "Pay", "Education", "Demographics", "Provenance"):
        assert section in shown and section in headings, section
    # every section heading of the page is listed, in page order
    assert [h for h in headings if h in shown] == shown


@pytest.mark.parametrize("key", REPORTS)
def test_tables_scroll_in_labelled_boxes(trees, key):
    root = trees[key]
    boxes = root.find_all("div", class_="table-scroll")
    assert len(boxes) == len(root.find_all("table"))
    labels = [b.get("aria-label") for b in boxes]
    assert all(labels) and len(set(labels)) == len(labels), labels
    assert all(b.get("tabindex") == "0" and b.get("role") == "region" for b in boxes)
    pay = "Pay, as the career-site page shows it" if key == "seed" else "Pay (OEWS May 2025)"
    assert pay in labels


@pytest.mark.parametrize("key", REPORTS)
def test_report_weighs_at_most_250_kb_with_its_images(rendered_batch, key):
    assert rendered_batch.html(key).stat().st_size <= 250_000


@pytest.mark.parametrize("key", REPORTS)
def test_sources_and_onet_credit_appear_once(trees, html_tools, key):
    text = html_tools.visible_text(trees[key])
    assert text.count("This product includes information from the O*NET 30.1 Database") == 1
    oews = text.count("Occupational Employment and Wage Statistics (OEWS), May 2025")
    if key == "seed":  # its figures are the career page's: that is its source
        assert oews == 0
        assert text.count("Career site comparison page") == 1
    else:
        assert oews == 1


@pytest.mark.parametrize("key", REPORTS)
def test_no_internal_names_or_paths_on_the_page(trees, html_tools, key):
    text = html_tools.visible_text(trees[key])
    for internal in ("men_median_weekly", "women_to_men_earnings_pct", "annual_mean_wage",
                     "data/mappings", ".csv", ".parquet", "src/analysis"):  # fmt: skip
        assert internal not in text, internal


@pytest.mark.parametrize("key", REPORTS)
def test_figures_have_alt_text_and_a_caption(trees, key):
    figures = trees[key].find_all("figure")
    # six charts and the transition chart; public data: the state map and the metro dot plot
    # of "Where each pays more" too
    assert len(figures) == (7 if key == "seed" else 9)
    for figure in figures:
        [img] = figure.find_all("img")
        alt = img.get("alt", "")
        assert alt and "No description" not in alt and "no description" not in alt, alt
        [caption] = figure.find_all("figcaption")
        assert caption.get_text().strip() and caption.get_text().strip() != alt
        assert img["src"].startswith("data:image/svg+xml;base64,")


def test_public_report_says_once_what_no_public_source_has(trees, html_tools):
    text = html_tools.visible_text(trees["codes"])
    assert text.count("Not available from public sources") == 1
    assert "Job satisfaction" not in text and "LGBT Percentage" not in text


def test_batch_reports_link_back_to_the_index(trees, rendered_batch):
    for key in REPORTS:
        [crumbs] = trees[key].find_all("nav", class_="crumbs")
        [link] = crumbs.find_all("a")
        assert link["href"] == "index.html"
        assert (rendered_batch.out_dir / link["href"]).is_file()


def test_a_single_report_has_no_index_link(rendered_batch, html_tools):
    import nbformat

    from analysis.batch.render import Renderer

    nb = nbformat.read(rendered_batch.out_dir / f"{rendered_batch.slugs['codes']}.ipynb", 4)
    page = Renderer().to_html(nb, PARAMETERS["codes"], "Order Clerks vs Customer Service")
    root = html_tools.parse(page)
    assert not root.find_all("nav", class_="crumbs")
    assert "index.html" not in page
    assert [t.get_text() for t in root.find_all("title")] == ["Order Clerks vs Customer Service"]


@pytest.mark.parametrize("key", REPORTS)
def test_no_parameters_cells_or_code_leak(pages, trees, html_tools, key):
    assert "injected-parameters" not in pages[key]
    text = html_tools.visible_text(trees[key])
    assert "from analysis import" not in text
    assert "nb.seed_table(" not in text
    assert "NBVAL_CHECK_OUTPUT" not in text


@pytest.mark.parametrize("key", REPORTS)
def test_images_are_inline_data_uris(trees, key):
    images = trees[key].find_all("img")
    assert len(images) >= 4
    for img in images:
        assert img.get("src", "").startswith("data:image/"), img.get("src", "")[:80]


@pytest.mark.parametrize("key", REPORTS)
def test_provenance_footer(trees, rendered_batch, project_root, html_tools, key):
    [footer] = trees[key].find_all(id="provenance")
    text = re.sub(r"\s+", " ", footer.get_text())
    assert f"profession-gaps {version('profession-gaps')}" in text
    commit = head_commit(project_root)
    if commit is not None:
        match = re.search(r"git commit ([0-9a-f]{7,40})", text)
        assert match, text[:300]
        assert commit.startswith(match.group(1))
    params = PARAMETERS[key]
    for name, value in params.items():
        assert f"{name} = {value}" in text
    [command] = [
        c.get_text()
        for c in footer.find_all("code")
        if c.get_text().startswith("python -m analysis")
    ]
    argv = shlex.split(command)
    assert argv[:4] == ["python", "-m", "analysis", "report"]
    parsed = _parser().parse_args(argv[3:])
    assert (parsed.command, parsed.a, parsed.b, parsed.dataset) == (
        "report",
        params["profession_a"],
        params["profession_b"],
        params["dataset"],
    )
    assert "O*NET 30.1 Database" in text


@pytest.mark.parametrize(("key", "labels"), [("public", PUBLIC_LABELS), ("seed", SEED_LABELS)])
def test_seed_tables_row_labels(trees, html_tools, key, labels):
    headers = {
        html_tools.text(th) for table in trees[key].find_all("table") for th in table.find_all("th")
    }
    missing = [label for label in labels if label not in headers]
    assert missing == []


def test_seed_report_shows_the_seed_page_figures(trees, html_tools):
    text = html_tools.visible_text(trees["seed"])
    for figure in ("$37,540", "$37,827", "Mahwah, NJ", "Columbia, MD", "Deloitte"):
        assert figure in text


@pytest.mark.parametrize("key", REPORTS)
def test_json_has_the_wage_gap_and_inputs_hash(rendered_batch, key):
    payload = json.loads(rendered_batch.json(key).read_text(encoding="utf-8"))
    wage = payload["gaps"]["annual_mean_wage"]
    assert isinstance(wage["a"], int | float) and isinstance(wage["b"], int | float)
    assert wage["difference"] == pytest.approx(wage["a"] - wage["b"])
    assert payload["report"]["parameters"] == PARAMETERS[key]
    assert re.fullmatch(r"[0-9a-f]{16}", payload["report"]["inputs_hash"])


def test_files_are_written_atomically(rendered_batch):
    out = rendered_batch.out_dir
    assert not list(out.glob(".*.tmp"))
    assert not list(out.glob(".write-check-*"))
    assert not (out / ".batch.lock").exists()
    for key in REPORTS:
        for ext in ("html", "ipynb", "json"):
            assert (out / f"{rendered_batch.slugs[key]}.{ext}").stat().st_size > 0


def test_report_title_names_both_occupations(trees, rendered_batch):
    payload = json.loads(rendered_batch.json("codes").read_text(encoding="utf-8"))
    [title] = trees["codes"].find_all("title")
    expected = f"{payload['a']['title']} vs {payload['b']['title']}"
    assert title.get_text().strip() == expected
    assert payload["a"]["soc"] == "43-4151" and payload["b"]["soc"] == "43-4051"


@pytest.mark.parametrize("key", ["public", "seed"])
def test_no_notebook_instructions_in_the_report(trees, html_tools, key):
    text = html_tools.visible_text(trees[key])
    assert "papermill" not in text
    assert "parameters cell" not in text


@pytest.mark.parametrize("key", ["public", "seed"])
def test_report_exporter_skips_only_a_pass_that_changes_nothing(rendered_batch, key):
    """ReportExporter leaves out HTMLExporter's BeautifulSoup pass over the page: on our
    pages that pass adds nothing (no image without alt text, none of JupyterLab's cell
    wrappers), so the page is nbconvert's own, up to how the parser re-serialises it."""
    import nbformat
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from analysis.batch.render import Renderer

    nb = nbformat.read(rendered_batch.out_dir / f"{rendered_batch.slugs[key]}.ipynb", 4)
    params = dict(nb.metadata["papermill"]["parameters"])
    renderer = Renderer()
    ours = renderer.to_html(nbformat.from_dict(nb), params, "title")
    renderer.exporter.__class__ = HTMLExporter  # the same settings, nbconvert's own method
    theirs = renderer.to_html(nbformat.from_dict(nb), params, "title")
    soup = BeautifulSoup(ours, "html.parser")
    assert soup.select("img:not([alt])") == []
    assert soup.select(".jp-Notebook div.jp-Cell-inputWrapper") == []
    assert soup.select(".jp-Notebook div.jp-OutputArea-output") == []
    assert str(soup) == theirs
