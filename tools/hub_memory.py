"""Memory per active learner on the class hub: how many learners fit in a GB.

Starts JupyterHub with the project's config (tools/local_hub.py, state in a temporary folder),
starts one learner's server through the hub's REST API, pulls the workbook with nbgitpuller as a
learner's first visit does, opens a kernel for each notebook the way JupyterLab does (a session in
the notebook's folder), runs every code cell in it, and prints the memory of the learner's
processes (their Jupyter server and its kernel): RSS (all their pages in memory, shared libraries
counted in full), PSS (shared pages divided among the processes sharing them) and USS (pages no
other process has), before and after running each notebook in a fresh kernel, and the peak RSS.

Run: .venv-hub/bin/python tools/hub_memory.py [NOTEBOOK ...]   (`make hub-setup` first; the
default is the heaviest notebook, c4w1, whose PyTorch part holds the most memory)
"""

import argparse
import json
import secrets
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from jupyter_client import BlockingKernelClient
from local_hub import TARGET, LocalHub, missing_pieces
from local_server import LOCAL

USER = "learner"
HEAVIEST = "c4w1_convolutional_networks.ipynb"
MB = 1024 * 1024
CELL_TIMEOUT_S = 300

# A service with the token this script uses to start the learner's server and reach it.
SERVICE = """
c.JupyterHub.services = [{{"name": "hub-memory", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "hub-memory", "services": ["hub-memory"],
    "scopes": ["admin:users", "admin:servers", "access:servers"]}}]
"""


def api(hub, token, method, path, body=None, timeout=60):
    """Call the hub (or, under /user/, the learner's server) with the service's token."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{hub.url}{path}", data=data, method=method)
    request.add_header("Authorization", f"token {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with LOCAL.open(request, timeout=timeout) as response:
        text = response.read().decode()
    return json.loads(text) if text.strip().startswith(("{", "[")) else text


def start_server(hub, token, timeout_s=180):
    """Create the learner, start their server and wait until the hub says it is ready."""
    api(hub, token, "POST", f"/hub/api/users/{USER}")
    api(hub, token, "POST", f"/hub/api/users/{USER}/server")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        server = api(hub, token, "GET", f"/hub/api/users/{USER}")["servers"].get("", {})
        if server.get("ready"):
            return
        time.sleep(0.5)
    raise RuntimeError(f"the learner's server was not ready in {timeout_s} s:\n{hub.log_tail()}")


def pull(hub, token):
    """nbgitpuller's endpoint, as its link's page calls it: the event stream ends with the pull."""
    events = api(hub, token, "GET", f"/user/{USER}/git-pull/api?{hub.pull_query()}", timeout=300)
    if '"phase": "finished"' not in events:
        raise RuntimeError(f"nbgitpuller did not finish:\n{events[-2000:]}")


def learner_processes():
    """The learner's Jupyter server (found by its HOME) and everything it started (the kernel)."""
    for process in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if "jupyterhub-singleuser" not in cmdline:
            continue
        try:
            if process.environ().get("JUPYTERHUB_USER") == USER:
                return [process, *process.children(recursive=True)]
        except psutil.AccessDenied:
            continue
    raise RuntimeError("the learner's server process was not found")


def memory(processes):
    """{rss, pss, uss} in MB, summed over the processes."""
    totals = {"rss": 0, "pss": 0, "uss": 0}
    for process in processes:
        info = process.memory_full_info()
        for key in totals:
            totals[key] += getattr(info, key)
    return {key: value / MB for key, value in totals.items()}


def peak_rss_mb(process):
    """The process's peak RSS (VmHWM) in MB."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_notebook(hub, token, notebook):
    """Open a kernel for `notebook` as JupyterLab does, run its code cells; return the kernel id."""
    path = f"{TARGET}/notebooks/{notebook}"
    session = api(
        hub,
        token,
        "POST",
        f"/user/{USER}/api/sessions",
        {"path": path, "name": notebook, "type": "notebook", "kernel": {"name": "python3"}},
    )
    kernel_id = session["kernel"]["id"]
    # the kernel was started with its connection file as an argument
    (connection,) = [
        argument
        for process in learner_processes()[1:]
        for argument in process.cmdline()
        if argument.endswith(f"kernel-{kernel_id}.json")
    ]
    client = BlockingKernelClient(connection_file=connection)
    client.load_connection_file()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        return client, kernel_id
    except BaseException:
        client.stop_channels()
        raise


def execute_cells(client, notebook_file):
    cells = json.loads(Path(notebook_file).read_text())["cells"]
    for index, cell in enumerate(c for c in cells if c["cell_type"] == "code"):
        source = "".join(cell["source"])
        reply = client.execute_interactive(
            source, timeout=CELL_TIMEOUT_S, output_hook=lambda message: None
        )
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise RuntimeError(f"code cell {index + 1} raised {content.get('ename')}: {source}")


def row(label, figures):
    return (
        f"  {label:<52} RSS {figures['rss']:6.0f} MB   PSS {figures['pss']:6.0f} MB   "
        f"USS {figures['uss']:6.0f} MB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", default=[HEAVIEST], help="run in this order")
    args = parser.parse_args()
    missing = missing_pieces()
    if missing:
        sys.exit(f"The hub's pieces are missing ({', '.join(missing)}): run `make hub-setup`.")
    token = secrets.token_hex(24)
    with tempfile.TemporaryDirectory(prefix="hub-memory-") as base:
        with LocalHub(base, SERVICE.format(token=token)) as hub:
            start_server(hub, token)
            pull(hub, token)
            print("Memory of one learner's processes on the hub (their Jupyter server + kernel):")
            print(row("server alone, workbook pulled", memory(learner_processes())))
            worst = None
            for notebook in args.notebooks:
                client, kernel_id = run_notebook(hub, token, notebook)
                try:
                    print(row(f"{notebook}: kernel started", memory(learner_processes())))
                    started = time.monotonic()
                    execute_cells(client, hub.home(USER) / TARGET / "notebooks" / notebook)
                    took = time.monotonic() - started
                    processes = learner_processes()
                    after = memory(processes)
                    kernel = processes[-1]
                    peak = peak_rss_mb(kernel) + peak_rss_mb(processes[0])
                    print(row(f"{notebook}: run ({took:.0f} s)", after))
                    print(f"  {'':<52} peak RSS (server + kernel) {peak:6.0f} MB")
                finally:
                    client.stop_channels()
                    api(hub, token, "DELETE", f"/user/{USER}/api/kernels/{kernel_id}")
                if worst is None or after["rss"] > worst[1]["rss"]:
                    worst = (notebook, after, peak)
            notebook, after, peak = worst
            print(
                f"Learners per GB after {notebook} (1024 MB / the learner's memory):\n"
                f"  {1024 / after['rss']:.1f} by RSS (nothing shared: the safe figure), "
                f"{1024 / after['pss']:.1f} by PSS, {1024 / after['uss']:.1f} by USS (only the "
                f"learner's own pages)\n"
                f"  size a learner's guarantee >= the peak ({peak:.0f} MB) and their limit ~2x it, "
                f"room for a second open kernel (as hub/z2jh/values.yaml and hub/tljh/config.yaml)"
            )


if __name__ == "__main__":
    main()
