#!/usr/bin/env bash
# The Littlest JupyterHub for a class of up to ~100 learners on one Ubuntu 24.04 server (as root):
#   REPO_URL=https://github.com/<you>/<workbook> ADMIN=<your-name> bash hub/tljh/install.sh
# Installs TLJH 2.0.0 (its own JupyterHub, proxy and user environment in /opt/tljh), the workbook's
# libraries with CPU-only PyTorch into the learners' environment, the settings of hub/tljh/config.yaml,
# and a default URL that pulls each learner's own copy with nbgitpuller when their server starts.
# Learners choose their password at their first sign-in (TLJH's default authenticator); ADMIN signs
# in first and adds them under Control Panel → Admin.
set -euo pipefail
: "${REPO_URL:?set REPO_URL to the public git URL of the workbook}"
: "${ADMIN:?set ADMIN to the user name of the instructor}"
BRANCH=${BRANCH:-main}
TLJH_VERSION=2.0.0
HERE=$(cd "$(dirname "$0")" && pwd)

curl -fsSL https://tljh.jupyter.org/bootstrap.py | python3 - --version "$TLJH_VERSION" --admin "$ADMIN"

# The registry's torch is the 5.5 GB CUDA build: the CPU build first, then the workbook's pins.
/opt/tljh/user/bin/pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
/opt/tljh/user/bin/pip install "course_lib @ git+${REPO_URL}@${BRANCH}"

# config.yaml, key by key, through tljh-config's own code (each value checked against its schema).
/opt/tljh/hub/bin/python - "$HERE/config.yaml" <<'PY'
import sys

from tljh.config import CONFIG_FILE, set_config_value
from tljh.yaml import yaml


def leaves(tree, prefix=""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


with open(sys.argv[1]) as file:
    for key, value in leaves(yaml.load(file)):
        set_config_value(CONFIG_FILE, key, value)
PY

# Each learner's server opens by pulling their copy (git-pull semantics: their edits are kept).
mkdir -p /opt/tljh/config/jupyterhub_config.d
python3 - "$REPO_URL" "$BRANCH" > /opt/tljh/config/jupyterhub_config.d/workbook.py <<'PY'
import sys
from urllib.parse import urlencode

repo, branch = sys.argv[1:3]
query = urlencode({"repo": repo, "branch": branch, "targetpath": "workbook",
                   "urlpath": "lab/tree/workbook/notebooks/00_start_here.ipynb"})
print(f"c.Spawner.default_url = {'/git-pull?' + query!r}")
PY
tljh-config reload
echo "Done. Sign in as $ADMIN at http://<this server's address>/ and add the learners (Admin page)."
