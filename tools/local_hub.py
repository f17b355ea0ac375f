"""JupyterHub with the project's config (hub/jupyterhub_config.py) on free loopback ports, for the
hub's tests and tools/hub_memory.py. Not for teaching: `make hub` is.

All its state (database, cookie secret, learners' homes) lives in a folder it is given. Learners
pull a bare, one-commit clone of this repository's committed HEAD, as the branch `class`, from
that folder: nothing in the repository is written. Needs `make hub-setup` (.venv-hub and the proxy).
"""

import os
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from local_server import free_port, log_tail, start_server, stop_session

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "hub" / "jupyterhub_config.py"
JUPYTERHUB = REPO / ".venv-hub" / "bin" / "jupyterhub"
PROXY = REPO / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "workbook"  # the config's default demo password
BRANCH = "class"
TARGET = "workbook"  # the config's folder for the learner's copy
START_S = 90  # JupyterHub answers /hub/health in ~3 s here; a busy machine is slower

# The project's config, then ports of our own and the caller's additions.
WRAPPER = """
c = get_config()
load_subconfig({config!r})
c.JupyterHub.port = {port}
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
"""


def missing_pieces():
    """The paths (relative to the repository) that `make hub-setup` installs and are not there."""
    return [str(path.relative_to(REPO)) for path in (JUPYTERHUB, PROXY) if not path.exists()]


def git(*args, cwd=None):
    """Run git (with an identity, for commits) and return its output; raise with its stderr."""
    identity = ["-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    result = subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout.strip()


class LocalHub:
    """JupyterHub on 127.0.0.1 with hub/jupyterhub_config.py plus `extra_config` (Python lines that
    use `c`), its state under `base`. Use as a context manager, or call start() and stop()."""

    def __init__(self, base, extra_config=""):
        self.base = Path(base)
        self.state = self.base / "state"
        self.upstream = self.base / "upstream.git"
        self.log_path = self.base / "jupyterhub.log"
        self.extra_config = extra_config
        self.port = free_port()
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def home(self, user):
        return self.state / "homes" / user

    def pull_query(self):
        """The query of the nbgitpuller link, as the config's default URL has it."""
        return urlencode(
            {
                "repo": self.upstream.as_uri(),
                "branch": BRANCH,
                "targetpath": TARGET,
                "urlpath": f"lab/tree/{TARGET}/notebooks/00_start_here.ipynb",
            }
        )

    def log_tail(self, lines=60):
        return log_tail(self.log_path, lines)

    def start(self):
        self.base.mkdir(parents=True, exist_ok=True)
        git("clone", "--quiet", "--bare", "--depth=1", REPO.as_uri(), str(self.upstream))
        git("--git-dir", str(self.upstream), "branch", BRANCH, git("rev-parse", "HEAD", cwd=REPO))
        config = self.base / "jupyterhub_config.py"
        wrapper = WRAPPER.format(
            config=str(CONFIG), port=self.port, hub_port=free_port(), api_port=free_port()
        )
        config.write_text(wrapper + self.extra_config)
        env = {
            **os.environ,
            "WORKBOOK_HUB_STATE": str(self.state),
            "WORKBOOK_REPO_URL": self.upstream.as_uri(),
            "WORKBOOK_BRANCH": BRANCH,
        }
        for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_CONFIG_DIR"):
            env.pop(name, None)
        self.proc, answered = start_server(
            [str(JUPYTERHUB), "-f", str(config)],
            self.base,
            env,
            self.log_path,
            f"{self.url}/hub/health",
            START_S,
        )
        if answered:
            return self
        exited = self.proc.poll()
        self.stop()
        raise RuntimeError(
            f"JupyterHub did not answer /hub/health within {START_S} s"
            f"{'' if exited is None else f' (it exited with {exited})'}. "
            f"Log ({self.log_path}):\n{self.log_tail()}"
        )

    def stop(self):
        """SIGTERM: JupyterHub stops the learners' servers and its proxy, then exits."""
        if self.proc is not None:
            stop_session(self.proc, timeout_s=30)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
