"""The warm engine reuses one kernel and isolates notebooks from each other."""

from __future__ import annotations

import nbformat
import papermill
import pytest

from analysis.batch.warm import warm_kernel


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _stdout(nb, index):
    return "".join(o.get("text", "") for o in nb.cells[index].outputs if o.output_type == "stream")


def test_a_name_or_matplotlib_state_does_not_leak_to_the_next_notebook(render_tmp_path):
    first = _notebook(
        render_tmp_path / "first.ipynb",
        "import os\nprint(os.getpid())",
        "leak = 42\nimport matplotlib\nimport matplotlib.pyplot as plt\n"
        "matplotlib.rcParams['lines.linewidth'] = 9.5\nfig = plt.figure()\n"
        "print(len(plt.get_fignums()))",
    )
    second = _notebook(
        render_tmp_path / "second.ipynb",
        "import os\nprint(os.getpid())",
        "import matplotlib\nimport matplotlib.pyplot as plt\n"
        "print('leak' in globals(), plt.get_fignums(), "
        "matplotlib.rcParams['lines.linewidth'] == matplotlib.rcParamsDefault['lines.linewidth'])",
    )
    run = dict(engine_name="warm", kernel_name="python3", progress_bar=False)
    try:
        one = papermill.execute_notebook(str(first), None, **run)
        two = papermill.execute_notebook(str(second), None, **run)
    finally:
        warm_kernel("python3").shutdown()
    assert _stdout(one, 1).strip() == "1"  # the first notebook did open a figure
    # Same kernel process (warm), yet none of the first notebook's state is visible.
    assert _stdout(one, 0) == _stdout(two, 0)
    assert _stdout(two, 1).strip() == "False [] True"


def test_a_timed_out_notebook_shuts_the_warm_kernel_down(render_tmp_path):
    from nbclient.exceptions import CellTimeoutError

    slow = _notebook(render_tmp_path / "slow.ipynb", "import time\ntime.sleep(30)")
    kernel = warm_kernel("python3")
    try:
        with pytest.raises(CellTimeoutError):
            papermill.execute_notebook(
                str(slow),
                None,
                engine_name="warm",
                kernel_name="python3",
                progress_bar=False,
                execution_timeout=2,
            )
        assert kernel.km is None  # the next notebook starts from a fresh kernel
    finally:
        kernel.shutdown()


def test_papermill_writes_an_output_path_but_serialises_nothing_without_one(
    render_tmp_path, monkeypatch
):
    import analysis.batch.render  # noqa: F401 - installs the write_ipynb that skips None

    source = _notebook(render_tmp_path / "in.ipynb", "print(6 * 7)")
    serialised = []
    real = nbformat.writes
    monkeypatch.setattr(nbformat, "writes", lambda nb, *a, **k: serialised.append(1) or real(nb))
    nb = papermill.execute_notebook(str(source), None, progress_bar=False, kernel_name="python3")
    assert _stdout(nb, 0) == "42\n" and serialised == []
    out = render_tmp_path / "out.ipynb"
    papermill.execute_notebook(str(source), str(out), progress_bar=False, kernel_name="python3")
    assert _stdout(nbformat.read(out, as_version=4), 0) == "42\n" and serialised


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("display_data", {"data": {"text/html": "<b>x</b>", "text/plain": "x"}, "metadata": {}}),
        (
            "execute_result",
            {"data": {"text/plain": "42"}, "metadata": {"a": {"b": 1}}, "execution_count": 3},
        ),
        ("stream", {"name": "stderr", "text": "warn\n"}),
        ("error", {"ename": "ValueError", "evalue": "no", "traceback": ["line 1"]}),
    ],
)
def test_outputs_are_built_as_nbformat_builds_them(kind, content):
    from nbformat.v4 import output_from_msg

    from analysis.batch.render import _output_from_msg

    msg = {"header": {"msg_type": kind}, "content": content}
    ours = _output_from_msg(msg)
    assert ours == output_from_msg(msg) and list(ours) == list(output_from_msg(msg))
    assert isinstance(ours.get("data", ours), nbformat.NotebookNode)  # nested nodes too


def test_a_message_that_is_no_output_is_refused_as_nbformat_refuses_it():
    from analysis.batch.render import _output_from_msg

    with pytest.raises(ValueError, match="Unrecognized output msg type: 'status'"):
        _output_from_msg({"header": {"msg_type": "status"}, "content": {}})
