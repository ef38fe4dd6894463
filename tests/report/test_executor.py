"""The notebook executor: which kernel runs a notebook, and ``--kernel`` from every command."""

from __future__ import annotations

import json
import shutil
import sys
import threading

import nbformat
import pytest
from conftest import FIXTURES

from analysis import cli
from analysis.report import executor

ARTICLE = FIXTURES / "report" / "harbour.txt"
MARK = "NEWSBRIEF_TEST_KERNEL"


def _kernel_spec(root, name: str, mark: str) -> None:
    """A kernel spec for this interpreter that sets an environment variable we can see."""
    folder = root / "kernels" / name
    folder.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": name,
        "language": "python",
        "env": {MARK: mark},
    }
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")


@pytest.fixture
def jupyter_path(tmp_path, monkeypatch):
    """A Jupyter data folder searched before every other, holding two test kernels."""
    root = tmp_path / "jupyter"
    # Named newsbrief, it shadows the one make setup installs, so the default is seen to pick it.
    _kernel_spec(root, executor.KERNEL_SPEC, "default")
    _kernel_spec(root, "newsbrief-test", "chosen")
    monkeypatch.setenv("JUPYTER_PATH", str(root))
    return root


def _notebook(path, cells: list[str]) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Py",
    }
    parameters = nbformat.v4.new_code_cell("value = 1")
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, *(nbformat.v4.new_code_cell(c) for c in cells)]
    nbformat.write(notebook, str(path))


def _printed(path) -> str:
    notebook = nbformat.read(str(path), as_version=4)
    return "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []))


@pytest.mark.parametrize(("kernel", "mark"), [(None, "default"), ("newsbrief-test", "chosen")])
def test_execute_runs_the_chosen_kernel_in_cwd(jupyter_path, tmp_path, kernel, mark):
    source, output = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    _notebook(source, [f"import os\nprint(os.environ.get({MARK!r}), value, os.getcwd())"])
    work = tmp_path / "work"
    work.mkdir()
    executor.execute(source, output, {"value": 2}, work, kernel)
    assert _printed(output).split() == [mark, "2", str(work)]


def test_a_kernel_started_ahead_runs_the_notebook_in_its_cwd_and_stops(jupyter_path, tmp_path):
    source, output = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    _notebook(
        source, [f"import os\nprint(os.environ.get({MARK!r}), value, os.getpid(), os.getcwd())"]
    )
    work = tmp_path / "work"
    work.mkdir()
    threads = {t.ident for t in threading.enumerate()}
    manager = executor.start_kernel("newsbrief-test", work)
    # The warm-up runs first, silently: no output, and the counts of the parameters,
    # injected parameters and code cells start at 1.
    client = executor.warm_up(manager, "value = 99\nprint('warm')")
    try:
        pid = manager.provisioner.process.pid
        executor.execute(source, output, {"value": 3}, tmp_path, "newsbrief-test", manager=manager)
    finally:
        executor.stop_kernel(manager, client)
    executed = nbformat.read(str(output), as_version=4)
    assert [c.execution_count for c in executed.cells if c.cell_type == "code"] == [1, 2, 3]
    assert _printed(output).split() == ["chosen", "3", str(pid), str(work)]
    assert manager.provisioner is None or manager.provisioner.process is None
    # Every client's channels are closed, papermill's own included: no heartbeat
    # thread is left behind (a long batch would run out of sockets).
    assert {t.ident for t in threading.enumerate() if t.is_alive()} <= threads
    executor.stop_kernel(manager)  # stopping twice is harmless


def test_a_kernel_that_died_at_start_is_replaced_once(jupyter_path, tmp_path):
    source, output = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    _notebook(source, ["import os\nprint(value, os.getpid())"])
    manager = executor.start_kernel("newsbrief-test", tmp_path)
    dead = manager.provisioner.process.pid
    # Killed before its first reply, as when another process takes one of its ports.
    manager.provisioner.process.kill()
    manager.provisioner.process.wait()
    try:
        executor.execute(source, output, {"value": 4}, tmp_path, "newsbrief-test", manager=manager)
    finally:
        executor.stop_kernel(manager)
    value, pid = _printed(output).split()
    assert value == "4"
    assert int(pid) != dead


def test_a_failing_cell_is_a_notebook_error_and_still_written(jupyter_path, tmp_path):
    source, output = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    _notebook(source, ["raise ValueError('no such harbour')"])
    with pytest.raises(executor.NotebookError) as failure:
        executor.execute(source, output, {}, tmp_path, "newsbrief-test")
    assert (failure.value.ename, failure.value.evalue) == ("ValueError", "no such harbour")
    assert "no such harbour" in output.read_text(encoding="utf-8")


def test_default_is_newsbrief_when_installed_else_python3(monkeypatch):
    monkeypatch.setattr(executor, "installed_kernels", lambda: ["newsbrief", "python3"])
    assert executor.default_kernel() == "newsbrief"
    monkeypatch.setattr(executor, "installed_kernels", lambda: ["python3"])
    assert executor.default_kernel() == "python3"


def test_check_kernel(jupyter_path):
    assert executor.check_kernel(None) is None
    assert executor.check_kernel("newsbrief-test") == "newsbrief-test"
    with pytest.raises(executor.KernelError, match="--kernel no-such: no such Jupyter kernel"):
        executor.check_kernel("no-such")


@pytest.mark.parametrize("command", ["report", "batch", "corpus"])
def test_unknown_kernel_exits_2_with_one_line_before_any_work(command, tmp_path, capsys):
    inputs = {"report": str(ARTICLE), "batch": str(ARTICLE.parent), "corpus": str(ARTICLE)}
    out = tmp_path / "out"
    status = cli.main([command, inputs[command], "--out", str(out), "--kernel", "no-such"])
    assert status == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--kernel no-such" in err[0] and "python3" in err[0]
    assert not out.exists()


@pytest.fixture
def kernels_used(monkeypatch):
    """Record the kernel of every notebook run, writing an empty notebook instead of running."""
    used = []

    def execute(notebook, output, parameters, cwd, kernel=None, manager=None):
        # A report starts its kernel ahead, and uses that one; the corpus starts none.
        assert manager in (None, ("started", kernel))
        used.append(kernel)
        nbformat.write(nbformat.v4.new_notebook(), str(output))

    monkeypatch.setattr(executor, "start_kernel", lambda kernel, cwd: ("started", kernel))
    monkeypatch.setattr(executor, "warm_up", lambda manager, code: None)
    monkeypatch.setattr(executor, "stop_kernel", lambda manager, client=None: None)
    monkeypatch.setattr(executor, "execute", execute)
    return used


def test_every_command_passes_its_kernel_on(jupyter_path, kernels_used, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ARTICLE, inbox / ARTICLE.name)
    kernel = ["--kernel", "newsbrief-test"]
    assert cli.main(["report", str(ARTICLE), "--out", str(tmp_path / "r"), *kernel]) == 0
    # In-process (one worker, no time limit), so the recorded kernel is seen here.
    batch = ["batch", str(inbox), "--out", str(tmp_path / "b"), "--workers", "1", "--timeout", "0"]
    batch += kernel
    assert cli.main(batch) == 0
    assert kernels_used == ["newsbrief-test", "newsbrief-test"]
    corpus = ["corpus", str(inbox), "--out", str(tmp_path / "c"), "--workers", "1", *kernel]
    assert cli.main(corpus) == 0
    assert kernels_used[-1] == "newsbrief-test"
    assert cli.main(["report", str(ARTICLE), "--out", str(tmp_path / "d")]) == 0
    assert kernels_used[-1] is None  # the executor picks the default when it runs
