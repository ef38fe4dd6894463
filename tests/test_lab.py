"""JupyterLab at the project root (what ``make lab`` opens), on loopback with a token."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
START_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, token: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free loopback port; always stopped afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("jupyter")
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--notebook-dir={ROOT}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers often run as root
    log = (home / "lab.log").open("wb")
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if get(f"{base}/api/status", token)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                tail = (home / "lab.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"JupyterLab did not answer on {base}: {tail}")
            time.sleep(0.5)
        yield base, token
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        log.close()


def test_make_lab_roots_jupyterlab_at_the_project():
    # -n prints the commands without running them; -o keeps setup from being one of them.
    done = subprocess.run(
        ["make", "-n", "-o", "setup", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert f'--notebook-dir="{ROOT}"' in done.stdout


def test_lab_lists_the_project_and_the_notebooks(lab):
    base, token = lab
    status, body = get(f"{base}/api/contents", token)
    assert status == 200
    top = {item["name"] for item in json.loads(body)["content"]}
    assert {"notebooks", "data", "README.md"} <= top
    status, body = get(f"{base}/api/contents/notebooks", token)
    assert status == 200
    served = {item["name"] for item in json.loads(body)["content"]}
    assert {"briefing.ipynb", "explore.ipynb"} <= served
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} <= served


def test_lab_offers_the_newsbrief_kernel(lab):
    if not (Path(sys.prefix) / "share" / "jupyter" / "kernels" / "newsbrief").is_dir():
        pytest.skip("the newsbrief kernel spec is not installed (make setup installs it)")
    base, token = lab
    status, body = get(f"{base}/api/kernelspecs", token)
    assert status == 200
    spec = json.loads(body)["kernelspecs"]["newsbrief"]["spec"]
    assert Path(spec["argv"][0]).parent == Path(sys.executable).parent


def test_lab_opens_the_briefing_and_needs_the_token(lab):
    base, token = lab
    status, body = get(f"{base}/api/contents/notebooks/briefing.ipynb", token)
    assert status == 200
    model = json.loads(body)
    assert model["type"] == "notebook"
    tags = [c["metadata"].get("tags", []) for c in model["content"]["cells"]]
    assert any("parameters" in t for t in tags)
    assert get(f"{base}/api/contents", "wrong-token")[0] == 403
    status, _ = get(f"{base}/lab", token)
    assert status == 200
