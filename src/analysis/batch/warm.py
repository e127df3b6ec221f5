"""A papermill engine that keeps one kernel warm per process and resets it between notebooks.

Starting a kernel and importing pandas, matplotlib and the data costs seconds;
the report's own cells take about one. The ``warm`` engine starts the kernel
once, and before every notebook deletes every user name defined since the kernel
started and resets matplotlib's figures and rcParams, so a name defined while rendering one pair
is not visible to the next. Imported modules stay loaded, which is the point:
the data cache in :mod:`analysis.data.dataset` survives. A notebook that fails or
times out shuts the kernel down, so the next one starts from a fresh kernel.
"""

from __future__ import annotations

import atexit
import uuid
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine
from papermill.utils import merge_kwargs, remove_args

from analysis import config

ENGINE_NAME = "warm"
"""papermill finds it through its entry point (:mod:`analysis.batch.warm_entry_point`)."""

# Defined once in a fresh kernel: the names present then are the baseline, and the
# reset deletes every other user name. IPython's own %reset -f would also do this,
# but it runs a full gc.collect() (~0.4 s with the data loaded) on every pair.
SETUP_CODE = """\
def __warm_reset__():
    ns = get_ipython().user_ns
    for name in [n for n in ns if n not in __warm_baseline__]:
        del ns[name]
    ns["_oh"].clear()
    ns.update({"_": "", "__": "", "___": ""})
    import matplotlib
    import matplotlib.pyplot
    matplotlib.pyplot.close("all")
    matplotlib.rcdefaults()
__warm_baseline__ = set(get_ipython().user_ns) | {"__warm_baseline__", "__warm_reset__"}
"""

RESET_CODE = "__warm_reset__()"

KERNEL_ARGUMENTS = config.KERNEL_ARGUMENTS
"""Command-line options of every warm kernel (:data:`analysis.config.KERNEL_ARGUMENTS`)."""

PREWARM_MODULES = (
    "pandas",
    "matplotlib.pyplot",
    "analysis.notebook",
    "analysis.presentation.plots",
)


class WarmKernel:
    """One kernel, and one client connected to it, kept alive between notebooks."""

    def __init__(self, kernel_name: str):
        """Remember the kernel spec; the kernel starts on first use."""
        self.kernel_name = kernel_name
        self.connection_dir: Path | None = None
        """Where the kernel's connection file goes (default: the Jupyter runtime folder)."""
        self.km: AsyncKernelManager | None = None
        self.kc: Any = None
        self.notebooks_run = 0

    def _run(self, code: str, timeout: float) -> dict[str, Any]:
        reply = run_sync(self.kc.execute_interactive)(
            code,
            silent=True,
            store_history=False,
            timeout=timeout,
            output_hook=lambda _msg: None,
        )
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            self.shutdown()
            raise RuntimeError(
                f"warm kernel code failed: {content.get('ename')}: {content.get('evalue')}"
            )
        return reply

    def ensure(self, startup_timeout: float = 60) -> AsyncKernelManager:
        """Start the kernel and its client if they are not running."""
        if self.km is not None and run_sync(self.km.is_alive)():
            return self.km
        self.shutdown()
        km = AsyncKernelManager(
            kernel_name=self.kernel_name, connection_file=_connection_file(self.connection_dir)
        )
        run_sync(km.start_kernel)(extra_arguments=KERNEL_ARGUMENTS)
        self.km = km
        self.kc = km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=startup_timeout)
        self.kc.allow_stdin = False
        self._run(SETUP_CODE, startup_timeout)
        self.notebooks_run = 0
        return km

    def reset(self, timeout: float = 60) -> None:
        """Clear the user namespace and matplotlib state left by the previous notebook.

        Raises:
            RuntimeError: The reset code failed (the kernel is then shut down).
        """
        if self.km is not None and self.notebooks_run > 0:
            self._run(RESET_CODE, timeout)

    def prewarm(self, modules: tuple[str, ...] = PREWARM_MODULES) -> None:
        """Start importing ``modules`` and loading the data in the kernel, without waiting.

        The kernel works on it while this process does its own start-up (nbconvert,
        templates); the first notebook then queues behind it. No user names are bound.
        """
        self.ensure()
        code = "".join(f"__import__({m!r});" for m in modules)
        code += "__import__('analysis.data.dataset').dataset.preload();"
        # what is loaded now lives as long as the kernel: out of every later collection
        code += "__import__('analysis.batch.workers').batch.workers.freeze_heap()"
        self.kc.execute(code, silent=True, store_history=False)

    def settle(self, timeout: float = 120) -> None:
        """Wait until the kernel has finished everything sent so far (e.g. :meth:`prewarm`).

        Raises:
            RuntimeError: The kernel failed (it is then shut down).
        """
        self.ensure()
        self._run("pass", timeout)

    def shutdown(self) -> None:
        """Stop the client and the kernel (no-op when none runs)."""
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - a dead kernel may refuse a polite shutdown
                pass
        self.km = None


def _connection_file(folder: Path | None = None) -> str:
    """A new connection file path in ``folder`` (default: the Jupyter runtime folder).

    A bare kernel manager would write it with ``tempfile.mkstemp`` in ``/tmp``,
    where a killed worker leaves it (and its HMAC key) behind; a batch points
    ``JUPYTER_RUNTIME_DIR`` at its own runtime folder, which the next batch clears
    (a Dask worker the batch did not start is given that folder as ``folder``).
    """
    runtime = folder or Path(jupyter_runtime_dir())
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    return str(runtime / f"kernel-{uuid.uuid4()}.json")


_KERNELS: dict[str, WarmKernel] = {}


def warm_kernel(kernel_name: str) -> WarmKernel:
    """The warm kernel of this process for ``kernel_name``."""
    if kernel_name not in _KERNELS:
        _KERNELS[kernel_name] = WarmKernel(kernel_name)
    return _KERNELS[kernel_name]


@atexit.register
def shutdown_all() -> None:
    """Shut down every warm kernel of this process (at exit, or when a Dask batch ends)."""
    for kernel in _KERNELS.values():
        kernel.shutdown()


class WarmEngine(NBClientEngine):
    """papermill engine executing on this process's warm kernel."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """Execute on the warm kernel; on any failure shut it down for a clean restart."""
        kernel = warm_kernel(kernel_name)
        km = kernel.ensure(start_timeout)  # first: a restarted kernel needs no reset
        kernel.reset()
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = PapermillNotebookClient(nb_man, km=km, **final)
        client.kc = kernel.kc  # reuse the connected client: no channel set-up per notebook
        try:
            result = client.execute()
        except BaseException:
            kernel.shutdown()
            raise
        if result.metadata.get("papermill", {}).get("exception"):
            # papermill records a failed cell instead of raising here; after a failure the
            # kernel's state is not trusted, so the next notebook gets a fresh one.
            kernel.shutdown()
        else:
            kernel.notebooks_run += 1
        return result
