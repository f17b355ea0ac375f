"""A server process on this machine's loopback, for the tests and tools that need one (JupyterLab
for the browser tests, JupyterHub for tools/local_hub.py): a free port, the process started in a
session of its own with its output in a log, polled until a URL answers, the log's tail, and the
process stopped with everything it started.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

# loopback never goes through a proxy
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url, method="GET", timeout=5):
    """The HTTP status of a request to a local url (a POST sends an empty body)."""
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with LOCAL.open(request, timeout=timeout) as response:
        return response.status


def log_tail(path, lines=40):
    """The last lines of a log, or "(no log)"."""
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start_server(command, cwd, env, log_path, url, timeout_s):
    """Start command in a session of its own (output appended to log_path) and poll url every
    0.25 s until it answers 200. Returns (the process, whether it answered within timeout_s);
    when it did not, the process may still run (stop_session) or have exited (its returncode)."""
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if http_status(url) == 200:
                return process, True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    return process, False


def stop_session(process, timeout_s=10):
    """SIGTERM to the process's session (it and what it started), SIGKILL after timeout_s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=timeout_s)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue
