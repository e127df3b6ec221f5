"""Render one profession pair: papermill runs the notebook, nbconvert turns it into HTML.

Both through their Python APIs, in-process. Each report is three files,
``<slug>.html``, ``<slug>.ipynb`` and ``<slug>.json`` (the compare JSON), all
written atomically. :class:`Renderer` holds what is worth building once per
process (the HTML exporter, the provenance template); the batch runner keeps
one per worker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import nbclient.client
import nbformat
import papermill
import papermill.execute
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from nbconvert.exporters import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbformat import from_dict
from nbformat.v4 import output_from_msg
from papermill.exceptions import PapermillExecutionError

from analysis import __version__, config
from analysis.batch.fingerprint import (
    SEED_KEY,
    data_version,
    git_commit,
    inputs_hash,
    pair_slug,
    reproduce_command,
)
from analysis.batch.index import INDEX_NAME, summarize
from analysis.batch.lock import BatchLock
from analysis.batch.pairs import resolve_pair_area, resolve_query
from analysis.batch.report_file import write_report
from analysis.batch.runtime import batch_runtime
from analysis.batch.tasks import Outcome, SiteLinks, Summary, Task
from analysis.batch.warm import KERNEL_ARGUMENTS, warm_kernel
from analysis.batch.workers import DEFAULT_TIMEOUT, freeze_heap
from analysis.data import dataset
from analysis.data.sources.catalog import ONET_CREDIT, SOURCES
from analysis.errors import AnalysisError, UserInputError
from analysis.files import ensure_writable_dir, write_atomic
from analysis.presentation.report_page import ReportOutline


class ReportWriteError(AnalysisError):
    """A report's file could not be written (disk full, permissions); none of its files is kept."""


class ReportError(AnalysisError):
    """A notebook cell failed while rendering a report."""

    def __init__(self, message: str, cell_index: int | None = None, error: str | None = None):
        """Build the error with the failing cell (index in the notebook) and its error line."""
        super().__init__(message)
        self.cell_index = cell_index
        self.error = error


@lru_cache(maxsize=1)
def _notebook_parameters() -> dict[str, Any]:
    """Parameters declared in the report notebook's ``parameters`` cell."""
    return papermill.inspect_notebook(str(config.PAIR_NOTEBOOK))


def validate_parameters(parameters: dict[str, Any]) -> None:
    """Refuse parameters the notebook does not declare (papermill would only warn).

    Raises:
        UserInputError: A parameter is unknown; names the known ones.
    """
    known = _notebook_parameters()
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise UserInputError(
            f"Unknown notebook parameter(s) {unknown} for {config.PAIR_NOTEBOOK.name}. "
            f"Known parameters: {sorted(known)}."
        )


@dataclass
class ReportResult:
    """What rendering one pair produced."""

    slug: str
    parameters: dict[str, Any]
    html: Path
    notebook: Path | None  # None when the notebook was not kept
    json: Path
    summary: Summary | None = None


class ReportExporter(HTMLExporter):
    """nbconvert's HTML exporter without its pass over the finished page.

    ``HTMLExporter.from_notebook_node`` renders the template, then parses the whole
    page with BeautifulSoup to give images without an ``alt`` a placeholder one and
    JupyterLab's cell wrappers a ``tabindex``, and serialises it again. The report
    template writes every chart's alt text itself and none of those wrappers (the
    tests check both), so on our pages the pass changes nothing; its cost grows with
    the page (a tenth or more of a pair's time once the by-area tables were added).
    This runs what it does before that pass, then the template, as nbconvert 7.16-7.17
    do (``constraints.txt`` pins the version the tests compare against).
    """

    def from_notebook_node(  # type: ignore[override]
        self, nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """The page from the notebook: HTMLExporter's filters, then the template only."""
        info = nb.metadata.get("language_info", {})
        lexer = info.get("pygments_lexer", info.get("name"))
        self.register_filter(
            "highlight_code",
            self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)),
        )
        resources = self._init_resources(resources)
        self.register_filter(
            "filter_data_type",
            WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            ),
        )
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


_papermill_write_ipynb = papermill.execute.write_ipynb


def _write_ipynb_somewhere(nb: nbformat.NotebookNode, path: str | None) -> None:
    """Papermill's ``write_ipynb``, except for a notebook that goes nowhere.

    We run papermill without an output path (the renderer writes a kept notebook
    itself, atomically); papermill still validates and serialises the whole executed
    notebook at the end, for a handler that discards it: ~20 ms of a worker's time a
    report, for nothing (the exporter validates the notebook once anyway).
    """
    if path is not None:
        _papermill_write_ipynb(nb, path)


papermill.execute.write_ipynb = _write_ipynb_somewhere

_OUTPUT_FIELDS = {
    "execute_result": ("metadata", "data", "execution_count"),
    "display_data": ("metadata", "data"),
    "stream": ("name", "text"),
    "error": ("ename", "evalue", "traceback"),
}
"""What each kind of output takes from its IOPub message's content, as nbformat's
``output_from_msg`` takes it."""


def _output_from_msg(msg: dict[str, Any]) -> nbformat.NotebookNode:
    """The ``output_from_msg`` of nbformat, without checking each output against the schema.

    nbclient builds every output (~40 a report) with it, and each went through
    jsonschema (~9 ms of a worker's time a report); the exporter validates the whole
    executed notebook, outputs included, once before it writes anything.
    """
    kind = msg["header"]["msg_type"]
    fields = _OUTPUT_FIELDS.get(kind)
    if fields is None:
        return output_from_msg(msg)  # not an output: nbformat's own ValueError
    content = msg["content"]
    return from_dict({"output_type": kind, **{field: content[field] for field in fields}})


nbclient.client.output_from_msg = _output_from_msg

_OWN_KERNEL: dict[str, Any] = {
    # A kernel started for one notebook gets the warm kernels' options: no start-up
    # warnings (ipykernel's "running over TCP without encryption").
    "extra_arguments": KERNEL_ARGUMENTS,
    # And is stopped as the warm kernels are, by a signal once its last cell has replied.
    # nbclient's default asks it to shut itself down, and ipykernel's orderly exit (at
    # exit it terminates its zmq contexts while its heartbeat and IOPub threads may still
    # poll them) can abort in libzmq: "Assertion failed: pfd.revents & POLLIN
    # (src/signaler.cpp:238)" on our stderr, seen once in CI after `report`. Nothing is
    # lost by the signal: every output has arrived, and the kernel keeps no history.
    "shutdown_kernel": "immediate",
}


class Renderer:
    """Executes the report notebook and exports HTML; build once, render many pairs."""

    def __init__(
        self,
        kernel_name: str = config.KERNEL_NAME,
        engine: str = "nbclient",
        execution_timeout: int | None = None,
    ):
        """Build the nbconvert exporter and the provenance template once.

        Args:
            kernel_name: Jupyter kernel to run the notebook on.
            engine: papermill engine: ``"nbclient"`` starts a kernel per notebook;
                ``"warm"`` (:mod:`analysis.batch.warm`) reuses one per process.
            execution_timeout: Seconds a cell may run before it is stopped.
        """
        self.kernel_name = kernel_name
        self.engine = engine
        self.execution_timeout = execution_timeout
        self.exporter = ReportExporter(
            extra_template_basedirs=[str(config.TEMPLATES_DIR)],
            template_name="report",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            # Validate the notebook once after the preprocessors, not after each of them
            # (a dozen schema checks per report otherwise).
            optimistic_validation=True,
        )
        remove = TagRemovePreprocessor(
            remove_cell_tags={"injected-parameters", "parameters", "remove-from-report"}
        )
        self.exporter.register_preprocessor(remove, enabled=True)
        self.exporter.register_preprocessor(ReportOutline(), enabled=True)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(config.TEMPLATES_DIR)),
            autoescape=True,
            keep_trailing_newline=True,
        )
        self.provenance = env.get_template("provenance.html.j2")

    def execute(self, parameters: dict[str, Any]) -> nbformat.NotebookNode:
        """Run the notebook with ``parameters`` through papermill's Python API.

        Raises:
            ReportError: A cell failed; names the cell and the error.
        """
        try:
            nb = papermill.execute_notebook(
                str(config.PAIR_NOTEBOOK),
                None,
                parameters=parameters,
                engine_name=self.engine,
                kernel_name=self.kernel_name,
                progress_bar=False,
                log_output=False,
                cwd=str(config.NOTEBOOKS_DIR),
                execution_timeout=self.execution_timeout,
                **(_OWN_KERNEL if self.engine == "nbclient" else {}),
            )
        except PapermillExecutionError as err:
            raise ReportError(
                f"cell {err.cell_index} failed: {err.ename}: {err.evalue}",
                cell_index=err.cell_index,
                error=f"{err.ename}: {err.evalue}",
            ) from None
        except CellTimeoutError as err:
            raise ReportError(
                f"a cell ran past the {self.execution_timeout} s timeout: {err}", error="timeout"
            ) from None
        _number_cells(nb)
        return nb

    def to_html(
        self,
        nb: nbformat.NotebookNode,
        parameters: dict[str, Any],
        title: str,
        index_href: str | None = None,
        existing_reports: frozenset[str] = frozenset(),
        nav: list[dict[str, str]] | None = None,
        stylesheet_href: str | None = None,
    ) -> str:
        """Export an executed notebook to self-contained HTML with a provenance footer.

        Args:
            nb: The executed notebook.
            parameters: The notebook parameters (shown in the footer).
            title: The page title.
            index_href: Link back to the batch index, when the report is part of one.
            existing_reports: File names of the reports in the same folder (similar
                occupations link to theirs).
            nav: Back links shown above the report, ``{"href", "text"}`` each (see
                :func:`site_nav`); they replace the batch index link.
            stylesheet_href: Link this stylesheet (a site's one copy of ``report.css``)
                instead of inlining the CSS.
        """
        pkg = dataset.datapackage()
        footer = self.provenance.render(
            version=__version__,
            commit=git_commit(),
            data_version=data_version(),
            parameters=parameters,
            command=reproduce_command(parameters),
            sources=_footer_sources(nb, pkg),
            credit=ONET_CREDIT,
        )
        nb.metadata["title"] = title
        body, _ = self.exporter.from_notebook_node(
            nb,
            resources={
                "provenance_html": footer,
                "metadata": {"name": title},
                "index_href": index_href,
                "existing_reports": existing_reports,
                "site_nav": nav,
                "stylesheet_href": stylesheet_href,
            },
        )
        return body

    def render(
        self,
        parameters: dict[str, Any],
        out_dir: Path,
        slug: str | None = None,
        in_batch: bool = False,
        links: SiteLinks | None = None,
        keep_notebook: bool = True,
        data_key: str | None = None,
    ) -> ReportResult:
        """Render one pair into ``out_dir``: notebook and HTML, then the JSON.

        Args:
            parameters: ``profession_a``, ``profession_b``, ``dataset``.
            out_dir: Destination folder (must exist and be writable).
            slug: File stem (default: from the two queries and the dataset).
            in_batch: The report is part of a batch whose ``index.html`` sits beside it
                (the page links back to it).
            links: Back links to a site's pages (the atlas); none by default.
            keep_notebook: Write the executed notebook too (the JSON records which
                files were written, so the next batch checks exactly those).
            data_key: Hash of the data this report shows (see ``inputs_hash``).

        Returns:
            The files written and the headline figures for the index.

        Raises:
            ReportError: A notebook cell failed.
            ReportWriteError: A file could not be written; the report's files are removed.
        """
        validate_parameters(parameters)
        a, b, ds = parameters["profession_a"], parameters["profession_b"], parameters["dataset"]
        slug = slug or pair_slug(a, b, ds)
        nb = self.execute(parameters)
        payload = _compare_payload(nb)
        summary = summarize(payload)
        title = f"{summary.a} vs {summary.b}"
        if payload.get("area"):
            title += f" in {payload['area']['name']}"
        if links is not None and links.reports is not None:
            existing = links.reports  # the site's planned reports: the same links in any order
        else:
            existing = frozenset(p.name for p in out_dir.glob("*.html"))
        page = self.to_html(
            nb,
            parameters,
            title,
            INDEX_NAME if in_batch else None,
            existing,
            nav=site_nav(links, summary),
            stylesheet_href=links.stylesheet if links else None,
        )
        paths = {ext: out_dir / f"{slug}.{ext}" for ext in ("html", "ipynb", "json")}
        content = {"html": page.encode("utf-8")}
        if keep_notebook:
            content["ipynb"] = nbformat.writes(nb).encode("utf-8")
        try:
            for ext in ("ipynb", "html"):
                if ext in content:
                    write_atomic(paths[ext], content[ext])
            # The JSON goes last: its manifest marks the pair complete for the next batch.
            write_report(
                paths["json"],
                payload,
                inputs_hash=inputs_hash(parameters, links.as_dict() if links else None, data_key),
                parameters=parameters,
                package_version=__version__,
                data_version=data_version(),
                files=content,
            )
        except OSError as err:
            # e.g. disk full: no report in three parts (a notebook without its page); the pair
            # is reported failed and rendered again by the next run
            for path in paths.values():
                path.unlink(missing_ok=True)
            # one line naming the file (write_atomic names the destination, not its .tmp)
            raise ReportWriteError(
                f"could not write {err.filename or out_dir} ({err.strerror or err}); "
                "none of the report's files was kept"
            ) from None
        return ReportResult(
            slug,
            parameters,
            paths["html"],
            paths["ipynb"] if keep_notebook else None,
            paths["json"],
            summary=summary,
        )


def site_nav(links: SiteLinks | None, summary: Summary) -> list[dict[str, str]] | None:
    """The back links of a report in a site: the site's home, then each side's page."""
    if links is None:
        return None
    nav = [{"href": links.home, "text": links.home_label}]
    for soc, title in ((summary.soc_a, summary.a), (summary.soc_b, summary.b)):
        if soc:
            nav.append({"href": links.occupation.format(soc=soc), "text": f"{title} ({soc})"})
    return nav


def _footer_sources(nb: nbformat.NotebookNode, pkg: dict[str, Any]) -> list[dict[str, str]]:
    """The sources the two profiles actually use (the page lists them here, once).

    Catalogued sources carry their publisher and licence; any other (the seed
    dataset's career-site page) is listed with the release the profile names.
    """
    try:
        payload = _compare_payload(nb)
        used = [s for side in ("a", "b") for s in payload[side].get("sources", [])]
    except (ReportError, KeyError, TypeError):
        used = []
    titles = {s["source"]: s["release"] for s in used}
    out = [
        {"title": s.title, "publisher": s.publisher, "version": s.release, "licence": s.licence}
        for s in SOURCES.values()
        if any(s.id == r["name"] for r in pkg["sources"]) and (not titles or s.title in titles)
    ]
    known = {s.title for s in SOURCES.values()}
    out += [
        {"title": t, "publisher": "", "version": r, "licence": ""}
        for t, r in titles.items()
        if t not in known
    ]
    return out


def _number_cells(nb: nbformat.NotebookNode) -> None:
    """Number executed cells 1, 2, ... so a warm kernel's running count does not leak in."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count


def _compare_payload(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The compare JSON the notebook published in its ``compare-json`` cell.

    Raises:
        ReportError: The notebook has no such output.
    """
    for index, cell in enumerate(nb.cells):
        if config.PAYLOAD_TAG in cell.get("metadata", {}).get("tags", []):
            for output in cell.get("outputs", []):
                data = output.get("data", {}).get(config.PAYLOAD_MIME)
                if data is not None:
                    return dict(data)
            raise ReportError(f"cell {index} published no compare JSON", cell_index=index)
    raise ReportError(f"the notebook has no cell tagged '{config.PAYLOAD_TAG}'")


def render_report(
    profession_a: str,
    profession_b: str,
    dataset_name: str = "public",
    out_dir: Path | None = None,
    area: str | None = None,
) -> ReportResult:
    """Render one pair with a fresh :class:`Renderer` (the ``analysis report`` command).

    With ``area`` (what a reader typed: "Texas", "Austin", an OEWS code) the report
    is the pair in that area, its file name ending ``--in--<area>``.
    """
    params: dict[str, Any] = {
        "profession_a": profession_a,
        "profession_b": profession_b,
        "dataset": dataset.check_dataset(dataset_name),
    }
    # An unknown or ambiguous title or area, one occupation twice, or a pair OEWS publishes
    # in neither side in the area, is a user error: say so before a kernel starts or a
    # folder is created.
    key_a = resolve_query(profession_a, dataset_name)
    key_b = resolve_query(profession_b, dataset_name)
    if key_a == key_b:
        raise UserInputError(
            f"'{profession_a}' and '{profession_b}' both name {key_a.removeprefix(SEED_KEY)}. "
            "A report compares two different occupations."
        )
    where = resolve_pair_area(key_a, key_b, area, params["dataset"])
    if where is not None:
        params["area"] = where.code  # the notebook resolves the code to the same area
    target = ensure_writable_dir(out_dir or config.REPORTS_DIR)
    # As a batch does: the folder's lock, and the kernel's connection file (with its key)
    # in the folder's private runtime folder, cleared by the next run if this one is killed.
    with BatchLock(target), batch_runtime(target):
        slug = pair_slug(key_a, key_b, params["dataset"], where.name if where else None)
        return Renderer().render(params, target, slug=slug)


def _peak_rss_mb(pid: int | None = None) -> float | None:
    """Peak resident memory (VmHWM) of a process in MB, from /proc (Linux only)."""
    try:
        status = open(f"/proc/{pid or 'self'}/status", encoding="ascii").read()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def new_renderer(timeout: float | None = DEFAULT_TIMEOUT) -> Renderer:
    """A worker's renderer: warm kernel, exporter built once."""
    # Start the kernel's imports and data loading first, so they overlap with ours.
    kernel = warm_kernel(config.KERNEL_NAME)
    kernel.prewarm()
    renderer = Renderer(engine="warm", execution_timeout=int(timeout) if timeout else None)
    # Ready only once the kernel is warm: a pair's timeout then counts the pair's own work.
    kernel.settle()
    freeze_heap()  # this process too renders pair after pair from here on
    return renderer


def render_task(renderer: Renderer, task: Task) -> Outcome:
    """Render one task with ``renderer``; a failure becomes a failed outcome, never a raise.

    A pair whose kernel died under it (``DeadKernelError``: killed, out of
    memory) is rendered once more on a fresh kernel, as a pair whose worker
    died is; a second death, or any other error, fails the pair.
    """
    start = time.perf_counter()
    for attempt in (1, 2):
        try:
            result = renderer.render(
                task.pair.parameters(),
                task.out_dir,
                slug=task.slug,
                links=task.links,
                keep_notebook=task.keep_notebook,
                data_key=task.data_key,
                in_batch=True,
            )
            break
        except DeadKernelError:
            if attempt == 1:
                continue  # the warm engine starts a new kernel for the next notebook
            error, cell = "the kernel died twice while rendering this pair", None
        except Exception as err:  # noqa: BLE001 - a bug in one pair must not stop the batch
            error = str(err) if isinstance(err, AnalysisError) else f"{type(err).__name__}: {err}"
            cell = err.cell_index if isinstance(err, ReportError) else None
        return Outcome(
            task.pair,
            task.slug,
            "failed",
            error=error,
            cell=cell,
            seconds=time.perf_counter() - start,
        )
    outcome = Outcome(
        task.pair,
        task.slug,
        "rendered",
        summary=result.summary,
        seconds=time.perf_counter() - start,
    )
    outcome.memory_mb = {"worker": _peak_rss_mb(), "kernel": _kernel_peak_rss_mb(renderer)}
    return outcome


def _kernel_peak_rss_mb(renderer: Renderer) -> float | None:
    if renderer.engine != "warm":
        return None
    km = warm_kernel(renderer.kernel_name).km
    process = getattr(getattr(km, "provisioner", None), "process", None)
    return _peak_rss_mb(process.pid) if process is not None else None
