"""The package's import graph: every module imports on its own (no import cycle)."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _modules() -> list[str]:
    names = []
    for path in sorted((SRC / "analysis").rglob("*.py")):
        if "bundle" in path.parts:
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.mark.slow
def test_every_module_imports_alone_in_a_fresh_interpreter():
    # A cycle held apart by import order shows up as an ImportError when the module
    # is the first thing a fresh interpreter imports.
    def attempt(module: str) -> tuple[str, str]:
        proc = subprocess.run(
            [sys.executable, "-c", f"import {module}"], capture_output=True, text=True
        )
        return module, proc.stderr.strip().splitlines()[-1] if proc.returncode else ""

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = {m: err for m, err in pool.map(attempt, _modules()) if err}
    assert len(_modules()) > 50
    assert failures == {}
