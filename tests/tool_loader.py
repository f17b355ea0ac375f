"""The scripts of tools/ as modules, for their tests (tools/ is not a package)."""

import importlib.util
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
# As when a tool runs as a script: one tool imports another (doctor imports torch_build).
if str(TOOLS) not in sys.path:
    sys.path.append(str(TOOLS))


def load_tool(name):
    """tools/<name>.py, loaded by its path under the module name `tool_<name>`."""
    spec = importlib.util.spec_from_file_location(f"tool_{name}", TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
