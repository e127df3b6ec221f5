"""A papermill engine that keeps one kernel warm per process and resets it between notebooks.

Starting a kernel and importing pandas, seaborn and the data costs seconds;
the report's own cells take about one. The ``warm`` engine starts the kernel
once, and before every notebook clears the user namespace (``%reset -f``) and
matplotlib's figures and rcParams, so a name defined while rendering one pair
is not visible to the next. Imported modules stay loaded, which is the point:
the data cache in :mod:`analysis.dataset` survives. A notebook that fails or
times out shuts the kernel down, so the next one starts from a fresh kernel.
"""

from __future__ import annotations

import atexit
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

ENGINE_NAME = "warm"

RESET_CODE = """\
%reset -f
import matplotlib as _mpl, matplotlib.pyplot as _plt
_plt.close("all")
_mpl.rcdefaults()
del _mpl, _plt
"""


PREWARM_MODULES = ("pandas", "seaborn", "matplotlib.pyplot", "analysis.notebook", "analysis.plots")


class WarmKernel:
    """One kernel kept alive between notebooks in this process."""

    def __init__(self, kernel_name: str):
        """Remember the kernel spec; the kernel starts on first use."""
        self.kernel_name = kernel_name
        self.km: AsyncKernelManager | None = None
        self.notebooks_run = 0

    def ensure(self, startup_timeout: float = 60) -> AsyncKernelManager:
        """Start the kernel if it is not running."""
        if self.km is not None and run_sync(self.km.is_alive)():
            return self.km
        self.shutdown()
        km = AsyncKernelManager(kernel_name=self.kernel_name)
        run_sync(km.start_kernel)()
        client = km.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=startup_timeout)
        finally:
            client.stop_channels()
        self.km = km
        self.notebooks_run = 0
        return km

    def reset(self, timeout: float = 60) -> None:
        """Clear the user namespace and matplotlib state left by the previous notebook.

        Raises:
            RuntimeError: The reset code failed (the kernel is then shut down).
        """
        if self.km is None or self.notebooks_run == 0:
            return
        client = self.km.blocking_client()
        client.start_channels()
        try:
            reply = client.execute_interactive(
                RESET_CODE,
                silent=True,
                store_history=False,
                timeout=timeout,
                output_hook=lambda _msg: None,
            )
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            self.shutdown()
            raise RuntimeError(f"resetting the warm kernel failed: {reply['content']}")

    def prewarm(self, modules: tuple[str, ...] = PREWARM_MODULES) -> None:
        """Start importing ``modules`` and loading the data in the kernel, without waiting.

        The kernel works on it while this process does its own start-up (nbconvert,
        templates); the first notebook then queues behind it. No user names are bound.
        """
        km = self.ensure()
        code = "".join(f"__import__({m!r});" for m in modules)
        code += "__import__('analysis.dataset').dataset.preload()"
        client = km.blocking_client()
        client.start_channels()
        try:
            client.execute(code, silent=True, store_history=False)
        finally:
            client.stop_channels()
        self.notebooks_run = max(self.notebooks_run, 1)  # so the reset runs before the first

    def shutdown(self) -> None:
        """Stop the kernel (no-op when none runs)."""
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - a dead kernel may refuse a polite shutdown
                pass
        self.km = None


_KERNELS: dict[str, WarmKernel] = {}


def warm_kernel(kernel_name: str) -> WarmKernel:
    """The warm kernel of this process for ``kernel_name``."""
    if kernel_name not in _KERNELS:
        _KERNELS[kernel_name] = WarmKernel(kernel_name)
    return _KERNELS[kernel_name]


@atexit.register
def _shutdown_all() -> None:
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
        kernel.reset()
        km = kernel.ensure(start_timeout)
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
        try:
            result = client.execute()
        except BaseException:
            kernel.shutdown()
            raise
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        kernel.notebooks_run += 1
        return result


papermill_engines.register(ENGINE_NAME, WarmEngine)
