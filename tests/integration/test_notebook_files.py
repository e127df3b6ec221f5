"""The committed notebooks: thin (parameters + calls into analysis), and re-executed reproducibly.

The .ipynb files are the only source of their cells (no generator script), so
their structure is checked here: one ``parameters`` cell of plain constants,
then cells that import only from ``analysis`` and only call it.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis import cli, config
from analysis.notebook_files import execute_in_place

ROOT = Path(__file__).resolve().parents[2]
PAIR_REPORT = ROOT / "notebooks" / "pair_report.ipynb"
LANDSCAPE = ROOT / "notebooks" / "landscape.ipynb"
EXPLORE = ROOT / "notebooks" / "explore.ipynb"


def _code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _parameters_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in _code_cells(path) if "parameters" in c.metadata.get("tags", [])]


def _analysis_names(tree: ast.Module) -> set[str]:
    """Names a cell binds by importing from ``analysis``."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
    return names


def _root(func: ast.expr) -> str | None:
    """``nb`` for ``nb.figure``, ``plots`` for ``plots.wage_percentiles``."""
    while isinstance(func, ast.Attribute):
        func = func.value
    return func.id if isinstance(func, ast.Name) else None


def _plain_call(node: ast.expr, callables: set[str]) -> bool:
    """A call of something imported from analysis, with names, constants or such calls."""
    if not (isinstance(node, ast.Call) and _root(node.func) in callables):
        return False
    args = [*node.args, *(k.value for k in node.keywords)]
    return all(isinstance(a, ast.Constant | ast.Name) or _plain_call(a, callables) for a in args)


@pytest.mark.parametrize("path", [PAIR_REPORT, LANDSCAPE, EXPLORE], ids=lambda p: p.name)
def test_one_parameters_cell_of_plain_constants(path: Path) -> None:
    (cell,) = _parameters_cells(path)
    tree = ast.parse(cell.source)
    assert tree.body
    for node in tree.body:
        # "name = constant" or, as papermill --help-notebook reads a type from it,
        # "name: type = constant"
        if isinstance(node, ast.AnnAssign):
            assert isinstance(node.target, ast.Name), ast.unparse(node)
            assert isinstance(node.annotation, ast.Name), ast.unparse(node)
        else:
            assert isinstance(node, ast.Assign), ast.unparse(node)
            assert [type(t) for t in node.targets] == [ast.Name], ast.unparse(node)
        assert isinstance(node.value, ast.Constant), ast.unparse(node)


@pytest.mark.parametrize("path", [PAIR_REPORT, LANDSCAPE, EXPLORE], ids=lambda p: p.name)
def test_code_cells_import_only_from_analysis(path: Path) -> None:
    for cell in _code_cells(path):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom):
                assert node.module.split(".")[0] == "analysis", cell.source
            elif isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] == "analysis" for a in node.names), cell.source


def test_the_pair_report_parameters_are_the_ones_the_batch_passes() -> None:
    # area: only a pair in an area passes it (empty is the nation)
    assert set(papermill.inspect_notebook(str(PAIR_REPORT))) == {
        "profession_a",
        "profession_b",
        "dataset",
        "area",
    }


def test_the_pair_report_parameters_have_types_and_help() -> None:
    # papermill --help-notebook prints "Unknown type" for a parameter without annotation
    params = papermill.inspect_notebook(str(PAIR_REPORT))
    assert {name: p["inferred_type_name"] for name, p in params.items()} == {
        "profession_a": "str",
        "profession_b": "str",
        "dataset": "str",
        "area": "str",
    }
    for p in params.values():
        assert p["help"], p
        assert "43-9022" not in p["help"]  # the Word Processors trap the README warns about


def test_every_pair_report_cell_only_calls_analysis() -> None:
    """No pandas or other logic in the report's cells: each statement calls the package."""
    cells = [c for c in _code_cells(PAIR_REPORT) if c not in _parameters_cells(PAIR_REPORT)]
    callables: set[str] = set()
    for cell in cells:
        tree = ast.parse(cell.source)
        callables |= _analysis_names(tree)
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                continue
            if isinstance(node, ast.Assign):  # comp = nb.load(...)
                assert [type(t) for t in node.targets] == [ast.Name], cell.source
                assert _plain_call(node.value, callables), cell.source
                continue
            assert isinstance(node, ast.Expr), cell.source
            assert _plain_call(node.value, callables), cell.source


def test_the_structure_check_catches_pandas_logic() -> None:
    """The check above fails on a cell doing its own computing."""
    tree = ast.parse("comp.a['annual_mean_wage'] - comp.b['annual_mean_wage']")
    assert not _plain_call(tree.body[0].value, {"nb", "plots"})
    assert not _plain_call(ast.parse("nb.figure(comp.a * 2)").body[0].value, {"nb"})
    assert _plain_call(ast.parse("nb.figure(plots.education(comp))").body[0].value, {"nb", "plots"})


def test_committed_notebooks_carry_no_timing_metadata() -> None:
    for path in config.NOTEBOOKS:
        for cell in _code_cells(path):
            assert "execution" not in cell.metadata, (path.name, cell.source[:40])


def test_notebooks_command_lists_them_and_rejects_unknown_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["notebooks"]) == 0
    assert capsys.readouterr().out.split() == [str(PAIR_REPORT), str(LANDSCAPE), str(EXPLORE)]
    assert cli.main(["notebooks", "--execute", "pair_reprot.ipynb"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Unknown notebook(s) ['pair_reprot.ipynb']")
    assert "'pair_report.ipynb'" in err


def test_re_executing_a_notebook_twice_gives_the_same_bytes(render_tmp_path: Path) -> None:
    copy = render_tmp_path / "notebooks" / PAIR_REPORT.name
    copy.parent.mkdir()
    shutil.copy(PAIR_REPORT, copy)
    execute_in_place(copy)
    first = copy.read_bytes()
    execute_in_place(copy)
    assert copy.read_bytes() == first
    cells = _code_cells(copy)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    assert all("execution" not in c.metadata for c in cells)
    assert not [p.name for p in copy.parent.iterdir() if p.name != copy.name]  # no temp files
