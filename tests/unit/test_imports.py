"""The package's import graph: every module imports on its own (no import cycle)."""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _modules() -> list[str]:
    names = []
    for path in sorted((SRC / "analysis").rglob("*.py")):
        if "bundle" in path.parts:
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_alone_in_a_fresh_interpreter(fresh_interpreter):
    # A cycle held apart by import order shows up as an ImportError when the module
    # is the first thing a fresh interpreter imports.
    def attempt(module: str) -> tuple[str, str]:
        proc = fresh_interpreter(f"import {module}")
        return module, proc.stderr.strip().splitlines()[-1] if proc.returncode else ""

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = {m: err for m, err in pool.map(attempt, _modules()) if err}
    assert len(_modules()) > 50
    assert failures == {}


def _public_definitions(source: str) -> list[str]:
    tree = ast.parse(source)
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_")
    ]


def test_public_functions_and_classes_have_one_home():
    """No public name is defined in two modules: a reader searching for it finds one."""
    homes: dict[str, list[str]] = {}
    for path in sorted((SRC / "analysis").rglob("*.py")):
        for name in _public_definitions(path.read_text("utf-8")):
            homes.setdefault(name, []).append(str(path.relative_to(SRC)))
    assert len(homes) > 300
    assert {name: where for name, where in homes.items() if len(where) > 1} == {}


def test_the_one_home_check_sees_a_second_definition():
    names = _public_definitions("def table(): ...\nclass Row: ...\ndef _private(): ...")
    assert names == ["table", "Row"]


def test_layers_contract_holds():
    """import-linter's layers contract (pyproject.toml): every stage imports only downward."""
    root = SRC.parent
    command = [str(Path(sys.executable).with_name("lint-imports")), "--config", "pyproject.toml"]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=root)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "1 kept, 0 broken" in proc.stdout


def test_layers_contract_names_every_stage():
    """README's layout order and the contract agree, and the contract covers the atlas."""
    import tomllib

    root = SRC.parent
    (contract,) = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
    assert contract["type"] == "layers" and contract["exhaustive"] is True
    layers = contract["layers"]
    assert layers.index("atlas") < layers.index("batch") < layers.index("presentation")
    readme = (root / "README.md").read_text("utf-8")
    order = "data < occupations < comparison < presentation < notebook < batch < atlas < cli"
    assert order in readme


def test_batch_workers_do_not_import_the_report_stack_or_inflect(fresh_interpreter):
    # A batch worker only runs papermill and exports HTML; the kernel draws. Importing
    # matplotlib, the sections and inflect (1.4 CPU-s of typeguard instrumentation) in
    # every worker and in the atlas's parent was a start-up cost paid per process.
    code = (
        "import sys, analysis.batch.render, analysis.batch.workers, analysis.batch.runner, "
        "analysis.atlas.site\n"
        "print(sorted(m for m in ('matplotlib', 'inflect', 'analysis.notebook') "
        "if m in sys.modules))"
    )
    proc = fresh_interpreter(code)
    assert proc.returncode == 0, proc.stderr
    # the atlas's parent draws its front-page chart by hand (no matplotlib) and writes its
    # pages from the reports' JSON
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_inflect_is_imported_without_typeguard_instrumentation_and_typeguard_is_left_as_it_was(
    fresh_interpreter,
):
    # inflect's @typechecked methods cost 1.4 CPU-s per kernel to instrument at import
    code = (
        "import typeguard\n"
        "original = typeguard.typechecked\n"
        "from analysis.occupations.profile import with_article\n"
        "print(with_article('hour'), with_article('user'))\n"
        "import inflect\n"
        "print(typeguard.typechecked is original, inflect.typechecked is original)\n"
    )
    proc = fresh_interpreter(code)
    assert proc.returncode == 0, proc.stderr
    # inflect got the no-op decorator; everyone else still gets typeguard's own
    assert proc.stdout.splitlines()[-2:] == ["an hour a user", "True False"]
