"""The notebook executor: the one papermill call, for briefings and the corpus briefing.

Which kernel runs a notebook decides which Python, and so which newsbrief, the
notebook imports. ``make setup`` installs a Jupyter kernel spec named
``newsbrief`` for the project's virtual environment; when Jupyter can see it,
it is the default. Otherwise the default is ``python3``, which Jupyter resolves
to the interpreter running newsbrief unless another ``python3`` spec shadows
it. ``--kernel NAME`` on the command line picks any installed kernel instead.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

#: The kernel spec that ``make setup`` installs into the virtual environment.
KERNEL_SPEC = "newsbrief"
#: The kernel of the interpreter running newsbrief, when no ``newsbrief`` spec is installed.
FALLBACK_KERNEL = "python3"
#: The kernel talks to this process over loopback only, so its notice about
#: unencrypted TCP, and the interrupt it logs when papermill shuts it down, are noise
#: on every run's stderr. Errors in the notebook itself still reach its outputs.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
#: Seconds a kernel may take to start; a loaded machine running a batch's
#: workers side by side needs more than papermill's default of 60.
START_TIMEOUT = 120
#: Seconds one cell may run. The slowest cell, a corpus chart over many thousand
#: articles, takes well under a minute; a cell still running after this is stuck,
#: and an unattended batch must not wait on it for ever.
CELL_TIMEOUT = 1800
#: How nbclient says a kernel died before its first reply. jupyter_client picks
#: free ports before the kernel binds them, so a kernel started while other
#: processes start theirs can lose a port and die; no cell has run by then.
KERNEL_DIED_AT_START = "Kernel died before replying to kernel_info"


class KernelError(ValueError):
    """A kernel name that Jupyter has no kernel spec for."""


class NotebookError(RuntimeError):
    """A cell of the notebook raised; the executed notebook shows its traceback.

    Attributes:
        ename: The exception's class name, as the kernel reported it.
        evalue: The exception's message.
    """

    def __init__(self, ename: str, evalue: str):
        super().__init__(f"{ename}: {evalue}")
        self.ename = ename
        self.evalue = evalue


def installed_kernels() -> list[str]:
    """Return the names of the kernel specs Jupyter can see from this interpreter, sorted."""
    from jupyter_client.kernelspec import KernelSpecManager

    return sorted(KernelSpecManager().find_kernel_specs())


def default_kernel() -> str:
    """Return ``newsbrief`` when that kernel spec is installed, else ``python3``."""
    return KERNEL_SPEC if KERNEL_SPEC in installed_kernels() else FALLBACK_KERNEL


def check_kernel(name: str | None) -> str | None:
    """Check a kernel named on the command line before any work starts.

    Args:
        name: A kernel spec name, or None for the default.

    Returns:
        The name, unchanged (None stays None: the default is chosen at run time).

    Raises:
        KernelError: If Jupyter has no kernel spec of that name.
    """
    if name is None:
        return None
    known = installed_kernels()
    if name not in known:
        raise KernelError(
            f"--kernel {name}: no such Jupyter kernel (installed: {', '.join(known) or 'none'})"
        )
    return name


def start_kernel(kernel: str | None, cwd: str | Path):
    """Start a notebook's kernel ahead of it, so that it boots while the analysis runs.

    A kernel takes seconds to start (a new Python importing ipykernel); started
    before the analysis, that time overlaps it on a second core.

    Args:
        kernel: A kernel spec name; :func:`default_kernel` when None.
        cwd: The kernel's working folder (the report's own work folder).

    Returns:
        The started kernel manager, for :func:`execute`, and to stop with
        :func:`stop_kernel`.
    """
    from jupyter_core.utils import run_sync

    manager = _manager_class()(kernel_name=kernel or default_kernel())
    run_sync(manager.start_kernel)(extra_arguments=KERNEL_ARGUMENTS, cwd=str(cwd))
    return manager


@functools.lru_cache(maxsize=1)
def _manager_class() -> type:
    """A kernel manager that keeps the clients it makes, so that they can be closed.

    papermill leaves open the client it makes from a manager it is given (its
    channels, and a heartbeat thread each): only the manager's owner closes them,
    and a long batch that did not would run out of sockets.
    """
    from jupyter_client.manager import AsyncKernelManager

    class ClosingKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.made_clients = []

        def client(self, **kwargs):
            made = super().client(**kwargs)
            self.made_clients.append(made)
            return made

    return ClosingKernelManager


def warm_up(manager, code: str):
    """Have a started kernel run ``code`` quietly before its notebook arrives.

    The request is silent: it adds no execution count and no output, so the
    executed notebook is the same as without it. A failure is silent too; the
    notebook's own cell then raises it where a reader sees it.

    Args:
        manager: A kernel manager from :func:`start_kernel`.
        code: Python for the kernel, e.g. the notebook's imports.

    Returns:
        The client that sent it; stop it with :func:`stop_kernel` (its channels
        stay open until then, so the request is never lost in a closed socket).
    """
    from jupyter_client.blocking import BlockingKernelClient

    client = BlockingKernelClient()
    client.load_connection_info(manager.get_connection_info())
    client.start_channels()
    client.execute(code, silent=True, store_history=False, allow_stdin=False)
    return client


def stop_kernel(manager, client=None) -> None:
    """Stop a kernel that :func:`start_kernel` started; quietly, whatever state it is in.

    Args:
        manager: Its kernel manager.
        client: The client :func:`warm_up` returned, if any.
    """
    from jupyter_core.utils import run_sync

    clients = [client] if client is not None else []
    for made in clients + getattr(manager, "made_clients", []):
        with contextlib.suppress(Exception):  # a client whose channels never started
            made.stop_channels()
    try:
        if run_sync(manager.is_alive)():
            run_sync(manager.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 - a kernel that is already gone needs nothing more
        pass


def execute(
    notebook: str | Path,
    output: str | Path,
    parameters: dict,
    cwd: str | Path,
    kernel: str | None = None,
    manager=None,
) -> None:
    """Run a notebook with papermill and write the executed copy.

    Args:
        notebook: The notebook to run.
        output: Where the executed notebook goes (written even when a cell fails).
        parameters: Values for the notebook's ``parameters`` cell.
        cwd: The kernel's working folder; relative paths in ``parameters`` resolve
            against it, so temporary paths never reach the notebook.
        kernel: A kernel spec name; :func:`default_kernel` when None.
        manager: A kernel already started by :func:`start_kernel` for this notebook
            (the caller stops it); None starts one here and stops it after.

    Raises:
        NotebookError: If a cell raised.
    """
    # papermill takes seconds to import; a batch with nothing to brief never gets here.
    import papermill

    def run(started: dict) -> None:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=kernel or default_kernel(),
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            start_timeout=START_TIMEOUT,
            execution_timeout=CELL_TIMEOUT,
            extra_arguments=KERNEL_ARGUMENTS,
            **started,
        )

    try:
        try:
            run({"km": manager} if manager is not None else {})
        except RuntimeError as failure:
            if KERNEL_DIED_AT_START not in str(failure):
                raise
            # Nothing ran yet, so one more try on a kernel of papermill's own is safe.
            run({})
    except papermill.PapermillExecutionError as failure:
        raise NotebookError(failure.ename, failure.evalue) from failure
