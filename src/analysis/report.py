"""Render one profession pair: papermill runs the notebook, nbconvert turns it into HTML.

Both through their Python APIs, in-process. Each report is three files,
``<slug>.html``, ``<slug>.ipynb`` and ``<slug>.json`` (the compare JSON), all
written atomically. :class:`Renderer` holds what is worth building once per
process (the HTML exporter, the provenance template); the batch runner keeps
one per worker.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import nbformat
import papermill
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from papermill.exceptions import PapermillExecutionError

from analysis import __version__, config, dataset
from analysis.compare import compare
from analysis.errors import AnalysisError, UserInputError
from analysis.files import write_atomic
from analysis.sources.catalog import ONET_CREDIT, SOURCES

KERNEL_NAME = "python3"


class ReportError(AnalysisError):
    """A notebook cell failed while rendering a report."""

    def __init__(self, message: str, cell_index: int | None = None, error: str | None = None):
        """Build the error with the failing cell (index in the notebook) and its error line."""
        super().__init__(message)
        self.cell_index = cell_index
        self.error = error


def slugify(text: str) -> str:
    """Lower-case ASCII slug ("Order Clerks" -> "order-clerks")."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60] or "x"


def pair_slug(a: str, b: str, dataset_name: str) -> str:
    """File stem of a pair's report."""
    suffix = "" if dataset_name == "public" else f"--{dataset_name}"
    return f"{slugify(a)}--vs--{slugify(b)}{suffix}"


@lru_cache(maxsize=1)
def notebook_parameters() -> dict[str, Any]:
    """Parameters declared in the report notebook's ``parameters`` cell."""
    return papermill.inspect_notebook(str(config.PAIR_NOTEBOOK))


def validate_parameters(parameters: dict[str, Any]) -> None:
    """Refuse parameters the notebook does not declare (papermill would only warn).

    Raises:
        UserInputError: A parameter is unknown; names the known ones.
    """
    known = notebook_parameters()
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise UserInputError(
            f"Unknown notebook parameter(s) {unknown} for {config.PAIR_NOTEBOOK.name}. "
            f"Known parameters: {sorted(known)}."
        )


@lru_cache(maxsize=1)
def git_commit() -> str:
    """The source checkout's commit, or "unknown" outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", str(config.PROJECT_ROOT), "rev-parse", "--short=12", "HEAD"],
            capture_output=True, text=True, timeout=5, check=True,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@lru_cache(maxsize=1)
def data_version() -> str:
    """Short hash of ``data/datapackage.json``: changes whenever the data are rebuilt."""
    path = config.data_dir() / config.DATAPACKAGE_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "none"


def inputs_hash(parameters: dict[str, Any]) -> str:
    """Hash of everything a report depends on: notebook, data, package version, parameters."""
    digest = hashlib.sha256()
    digest.update(config.PAIR_NOTEBOOK.read_bytes())
    digest.update(data_version().encode())
    digest.update(__version__.encode())
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def reproduce_command(parameters: dict[str, Any]) -> str:
    """The shell command that renders the same report."""
    args = ["python", "-m", "analysis", "report", parameters["profession_a"],
            parameters["profession_b"], "--dataset", parameters["dataset"]]
    return shlex.join(args)


@dataclass
class ReportResult:
    """What rendering one pair produced."""

    slug: str
    parameters: dict[str, Any]
    html: Path
    notebook: Path
    json: Path
    summary: dict[str, Any] = field(default_factory=dict)


class Renderer:
    """Executes the report notebook and exports HTML; build once, render many pairs."""

    def __init__(self, kernel_name: str = KERNEL_NAME):
        """Build the nbconvert exporter and the provenance template once."""
        self.kernel_name = kernel_name
        self.exporter = HTMLExporter(
            extra_template_basedirs=[str(config.TEMPLATES_DIR)],
            template_name="report",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
        remove = TagRemovePreprocessor(remove_cell_tags={"injected-parameters", "parameters", "remove-from-report"})
        self.exporter.register_preprocessor(remove, enabled=True)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(config.TEMPLATES_DIR)),
            autoescape=True, keep_trailing_newline=True,
        )
        self.provenance = env.get_template("provenance.html.j2")

    def execute(self, parameters: dict[str, Any]) -> nbformat.NotebookNode:
        """Run the notebook with ``parameters`` through papermill's Python API.

        Raises:
            ReportError: A cell failed; names the cell and the error.
        """
        try:
            return papermill.execute_notebook(
                str(config.PAIR_NOTEBOOK), None, parameters=parameters,
                kernel_name=self.kernel_name, progress_bar=False, log_output=False,
                cwd=str(config.NOTEBOOKS_DIR),
            )
        except PapermillExecutionError as err:
            raise ReportError(
                f"cell {err.cell_index} failed: {err.ename}: {err.evalue}",
                cell_index=err.cell_index, error=f"{err.ename}: {err.evalue}",
            ) from None

    def to_html(self, nb: nbformat.NotebookNode, parameters: dict[str, Any], title: str) -> str:
        """Export an executed notebook to self-contained HTML with a provenance footer."""
        pkg = dataset.datapackage()
        footer = self.provenance.render(
            version=__version__, commit=git_commit(), data_version=data_version(),
            parameters=parameters, command=reproduce_command(parameters),
            sources=[
                {"title": s.title, "publisher": s.publisher, "version": s.release,
                 "licence": s.licence}
                for s in SOURCES.values()
                if any(s.id == r["name"] for r in pkg["sources"])
            ],
            credit=ONET_CREDIT,
        )
        nb.metadata["title"] = title
        body, _ = self.exporter.from_notebook_node(
            nb, resources={"provenance_html": footer, "metadata": {"name": title}}
        )
        return body

    def render(self, parameters: dict[str, Any], out_dir: Path, slug: str | None = None
               ) -> ReportResult:
        """Render one pair into ``out_dir``: notebook and HTML, then the JSON.

        Args:
            parameters: ``profession_a``, ``profession_b``, ``dataset``.
            out_dir: Destination folder (must exist and be writable).
            slug: File stem (default: from the two queries and the dataset).

        Returns:
            The files written and the headline figures for the index.
        """
        validate_parameters(parameters)
        a, b, ds = parameters["profession_a"], parameters["profession_b"], parameters["dataset"]
        payload = compare(a, b, ds)  # fails fast on unknown titles, before a kernel starts
        slug = slug or pair_slug(a, b, ds)
        nb = self.execute(parameters)
        title = f"{payload['a']['title']} vs {payload['b']['title']}"
        page = self.to_html(nb, parameters, title)
        paths = {ext: out_dir / f"{slug}.{ext}" for ext in ("html", "ipynb", "json")}
        payload["report"] = {"inputs_hash": inputs_hash(parameters), "parameters": parameters,
                             "package_version": __version__, "data_version": data_version()}
        write_atomic(paths["ipynb"], nbformat.writes(nb))
        write_atomic(paths["html"], page)
        # The JSON goes last: its inputs hash marks the pair complete for the next batch.
        write_atomic(paths["json"], json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return ReportResult(slug, parameters, paths["html"], paths["ipynb"], paths["json"],
                            summary=summarize(payload))


def summarize(payload: dict[str, Any]) -> dict[str, Any]:
    """Headline gaps of a compare payload, for the index page."""
    g = payload["gaps"]
    wage = g["annual_mean_wage"]
    return {
        "a": payload["a"]["title"], "b": payload["b"]["title"],
        "soc_a": payload["a"].get("soc"), "soc_b": payload["b"].get("soc"),
        "dataset": payload["dataset"],
        "annual_mean_wage_a": wage["a"], "annual_mean_wage_b": wage["b"],
        "annual_mean_wage_gap": wage["difference"], "annual_mean_wage_gap_pct":
        wage["difference_pct"], "significant": wage["significant"],
        "women_pct_gap": g["women_pct"]["difference"],
        "median_age_gap": g["median_age"]["difference"],
        "education_dissimilarity": g["education_dissimilarity"],
        "race_dissimilarity": g["race_dissimilarity"],
    }


def escape(text: Any) -> str:
    """HTML-escape any value for the index page."""
    return html.escape("" if text is None else str(text))


def render_report(profession_a: str, profession_b: str, dataset_name: str = "public",
                  out_dir: Path | None = None) -> ReportResult:
    """Render one pair with a fresh :class:`Renderer` (the ``analysis report`` command)."""
    from analysis.files import ensure_writable_dir

    target = ensure_writable_dir(out_dir or config.REPORTS_DIR)
    params = {"profession_a": profession_a, "profession_b": profession_b,
              "dataset": dataset.check_dataset(dataset_name)}
    return Renderer().render(params, target)
