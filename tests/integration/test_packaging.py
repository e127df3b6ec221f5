"""Packaging: the wheel works outside the checkout; dependencies and entry points are declared."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from analysis import config

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _canonical(requirement: str) -> str:
    """Distribution name of a requirement string ("papermill>=2.6,<3" -> "papermill")."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
    return re.sub(r"[-_.]+", "-", name).lower()


def _third_party_imports(folder: Path) -> set[str]:
    """Top-level names of every module imported in ``folder`` that is not ours or stdlib."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    # Modules of the folder itself (test helpers such as fake_profiles) are not dependencies.
    local = {path.stem for path in folder.rglob("*.py")}
    return {n for n in names if n not in sys.stdlib_module_names and n not in {"analysis"} | local}


def _declared(*extras: str) -> set[str]:
    project = PYPROJECT["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    return {_canonical(r) for r in requirements}


def _distributions(import_names: set[str]) -> dict[str, set[str]]:
    """Import name -> the installed distributions that provide it."""
    provided = packages_distributions()
    return {name: {_canonical(d) for d in provided.get(name, [name])} for name in import_names}


def test_every_package_imported_by_the_code_is_a_declared_dependency() -> None:
    declared = _declared("data", "dask")
    undeclared = {
        name: dists
        for name, dists in _distributions(_third_party_imports(ROOT / "src")).items()
        if not dists & declared
    }
    assert undeclared == {}


def test_every_package_the_tests_import_is_in_the_dev_extra() -> None:
    # dev pulls in the dask extra through "profession-gaps[dask]".
    assert "profession-gaps" in _declared("dev")
    declared = _declared("dev", "dask")
    imported = _third_party_imports(ROOT / "tests") | _third_party_imports(ROOT / "benchmarks")
    undeclared = {
        name: dists for name, dists in _distributions(imported).items() if not dists & declared
    }
    assert undeclared == {}


def test_no_requirement_is_listed_twice_across_dependencies_and_extras() -> None:
    project = PYPROJECT["project"]
    lists = [project["dependencies"], *project["optional-dependencies"].values()]
    # openpyxl is needed both to build data (data extra) and by the tests (dev extra).
    names = [_canonical(r) for reqs in lists for r in reqs if _canonical(r) != "openpyxl"]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_the_wheel_lists_every_folder_of_the_package() -> None:
    """pyproject lists packages by hand; a new sub-package must be added there too."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    package_dirs = PYPROJECT["tool"]["setuptools"]["package-dir"]
    folders = {
        ".".join(("analysis", *path.relative_to(ROOT / "src" / "analysis").parts)).rstrip(".")
        for path in (ROOT / "src" / "analysis").rglob("*")
        if path.is_dir() and path.name != "__pycache__" and any(path.iterdir())
    } | {"analysis"}
    for package, folder in package_dirs.items():
        if package:  # the bundled checkout folders: data/ and notebooks/
            for path in [ROOT / folder, *(ROOT / folder).rglob("*")]:
                if path.is_dir() and not path.name.startswith("."):
                    rel = path.relative_to(ROOT / folder).parts
                    folders.add(".".join((package, *rel)))
    assert sorted(folders - listed) == []
    assert sorted(listed - folders) == []


@pytest.mark.parametrize(
    "first_import",
    ["import analysis.batch.warm", "import papermill", "import analysis.batch.warm_entry_point"],
)
def test_papermill_finds_the_warm_engine_through_its_entry_point(first_import: str) -> None:
    """Whatever is imported first, papermill's registry resolves "warm" to WarmEngine."""
    code = (
        f"{first_import}\n"
        "from papermill.engines import papermill_engines\n"
        "from analysis.batch.warm import WarmEngine\n"
        "engine = papermill_engines.get_engine('warm')\n"
        "assert engine.execute_managed_notebook.__self__ is WarmEngine, engine\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-2000:]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_runs_outside_the_checkout(tmp_path: Path) -> None:
    # Build sdist, then the wheel from the sdist (as `python -m build` does), with the
    # setuptools of this environment: no download.
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("profession_gaps-*.whl")

    # A fresh venv without pip, into which this environment's pip installs only our wheel
    # (not editable). Its dependencies come from this environment's site-packages through
    # a .pth file written only after the install, so pip never sees (nor uninstalls) the
    # development install of this package there.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q"]
        + ["--no-index", "--no-compile", str(wheel)],
        check=True,
        capture_output=True,
        env=clean_env,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in clean_env.items() if not k.startswith("ANALYSIS_")}
    # nbconvert's HTML templates are data files of this environment (share/jupyter),
    # which a .pth file cannot add; a normally installed venv has them in its own prefix.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(venv / "bin" / "profession-gaps"), *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    where = subprocess.run(
        [str(python), "-c", "import analysis.config as c; print(c.__file__, c.IN_CHECKOUT)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where == [str(Path(site) / "analysis" / "config.py"), "False"]

    # The wheel's copies of the data and notebooks are the checkout's, byte for byte.
    bundle = Path(site) / "analysis" / "bundle"
    for rel in ["data/datapackage.json", "data/tables/oews_wages.parquet"] + [
        f"notebooks/{p.name}" for p in config.NOTEBOOKS
    ]:
        assert _sha256(bundle / rel) == _sha256(ROOT / rel), rel

    profile = json.loads(run("profile", "43-4051", "--format", "json").stdout)
    # OEWS May 2025, national cross-industry cell OEUN0000000000000434051: v04 = 46590.
    assert (profile["soc"], profile["annual_mean_wage"]) == ("43-4051", 46590.0)

    compared = json.loads(run("compare", "43-4151", "43-4051", "--format", "json").stdout)
    assert compared["b"]["soc"] == "43-4051"
    assert compared["b"]["annual_mean_wage"] == 46590.0

    out = tmp_path / "reports"
    done = run("report", "43-4151", "43-4051", "-o", str(out))
    assert done.stderr == ""  # issue 19: not even the kernel's "TCP without encryption"
    html = Path(done.stdout.strip())
    assert html == out / "43-4151--vs--43-4051.html"
    assert sorted(p.name for p in out.iterdir()) == [
        "43-4151--vs--43-4051.html",
        "43-4151--vs--43-4051.ipynb",
        "43-4151--vs--43-4051.json",
    ]
    assert "Customer Service Representatives" in html.read_text(encoding="utf-8")


def test_a_missing_data_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "ANALYSIS_DATA_DIR": str(tmp_path / "nowhere")}
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "profile", "43-4051"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"error: No processed data in {tmp_path / 'nowhere'}")
    assert "ANALYSIS_DATA_DIR" in done.stderr


def test_a_missing_report_notebook_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from analysis import cli

    missing = tmp_path / "pair_report.ipynb"
    monkeypatch.setattr(config, "PAIR_NOTEBOOK", missing)
    assert cli.main(["report", "43-4151", "43-4051", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: Report notebook {missing} is missing.")
    assert err.count("\n") == 1
    assert not (tmp_path / "out").exists()
