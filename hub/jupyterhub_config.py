# JupyterHub for a class on one machine: `make hub` starts it (see the README, "Teaching a class on
# JupyterHub"). Each learner signs in, gets a Jupyter server of their own in their own home folder,
# and nbgitpuller pulls their own copy of the workbook there before JupyterLab opens 00_start_here.
# nbgitpuller merges new commits with `git pull` semantics: a learner's edits are never overwritten.
#
# The demo signs in with DummyAuthenticator (any user name, one shared password) and runs every
# learner's server as the same system user (SimpleLocalProcessSpawner): fine on 127.0.0.1 for a
# demo or a test, never for a real class (hub/tljh and hub/z2jh are the real deployments).
#
# Settings from the environment (`make hub` sets them):
#   WORKBOOK_HUB_STATE     folder for the hub's database, cookie secret and the learners' homes
#   WORKBOOK_REPO_URL      the git repository learners pull (default: STATE/upstream.git)
#   WORKBOOK_BRANCH        its branch (default: main)
#   WORKBOOK_HUB_PORT      the port of the hub's public URL (default: 8000)
#   WORKBOOK_HUB_PASSWORD  the demo's shared password (default: workbook)
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
STATE = Path(os.environ.get("WORKBOOK_HUB_STATE") or HERE / "state").resolve()
REPO_URL = os.environ.get("WORKBOOK_REPO_URL") or (STATE / "upstream.git").as_uri()
BRANCH = os.environ.get("WORKBOOK_BRANCH") or "main"
# the folder in each learner's home that holds their copy of the workbook
TARGET = "workbook"
STATE.mkdir(parents=True, exist_ok=True)

c = get_config()  # noqa: F821 - defined by JupyterHub when it loads this file

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ.get("WORKBOOK_HUB_PORT") or 8000)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
# The proxy in front of the hub and the learners' servers: npm's configurable-http-proxy, pinned in
# hub/package.json and installed into hub/node_modules by `make hub`.
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("WORKBOOK_HUB_PASSWORD") or "workbook"
c.Authenticator.allow_all = True

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
# The learner's server runs in the hub's own environment (.venv-hub: the workbook's pins + the hub).
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.notebook_dir = "~"
# Opening a learner's server pulls the workbook first, then opens 00_start_here in JupyterLab.
c.Spawner.default_url = "/git-pull?" + urlencode(
    {
        "repo": REPO_URL,
        "branch": BRANCH,
        "targetpath": TARGET,
        "urlpath": f"lab/tree/{TARGET}/notebooks/00_start_here.ipynb",
    }
)
if os.geteuid() == 0:  # a container or CI runs as root; Jupyter refuses root without this
    c.Spawner.args = ["--allow-root"]
