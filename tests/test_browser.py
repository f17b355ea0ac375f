"""Real-browser test: a notebook run in JupyterLab in Chromium, a slider moved, the panel seen to
change.

JupyterLab is started on 127.0.0.1 (free port, random token) in a temporary copy of notebooks/, with
its own config, data, runtime, settings and workspace directories, so the learner's notebooks and
Jupyter settings are never touched. Debian's Chromium is driven by Playwright for Python through
`executable_path` (never `playwright install`). Screenshots go to tests/artifacts/ (git-ignored).

Enable locally: `sudo apt install chromium` (Debian/Ubuntu), or set CHROMIUM=/path/to/chromium.
Without a Chromium the test is skipped, except where the CI environment variable is set: there it
fails.
To add a week, append a PanelCase: the notebook, the CSS class of its panel (`add_class`), the
name of a slider control (the panel gives it the class `control-<name>`) and, optionally, a regex
for the computed part of the readout that must change as well.
A case with `accessibility=True` (c1w2) also checks that every figure and widget image in the
notebook's outputs has alt text and loads, as committed (the notebook opens untrusted, so its HTML
outputs are sanitized) and after running it, then runs axe-core (bundled by axe-playwright-python)
on the page: a critical violation inside the notebook's output areas fails, the rest is printed
(~3 s).
The playground (notebooks/playground.ipynb) has its own test: play, see the epoch counter advance,
pause, see it stop, change the dataset, see the view change.
Set WORKBOOK_NOTEBOOKS_DIR to run against another notebooks folder
(it is copied too, never written).
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from tool_loader import load_tool

local_server = load_tool("local_server")  # the server process: port, start, poll, log, stop

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
NOTEBOOKS = Path(os.environ.get("WORKBOOK_NOTEBOOKS_DIR") or REPO / "notebooks")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-proxy-server",
]
VIEWPORT = {"width": 1400, "height": 1000}
# JupyterLab answers /api/status in ~3 s here; a cold disk or a busy CI box is slower
SERVER_START_S = 90
KERNEL_READY_S = 60
RUN_ALL_S = 150  # every notebook runs in <= 60 s (DESIGN.md); leave room for a busy machine
PANEL_UPDATE_S = 60

# Settings written to the server's private JUPYTERLAB_SETTINGS_DIR: no windowing (every cell stays
# in the
# DOM), start the notebook's kernel without a dialog, no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {
        "windowingMode": "none",
        "autoStartDefaultKernel": True,
    },
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
# Page config in the server's private JUPYTER_CONFIG_DIR, as `jupyter labextension disable` would
# write it.
PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}


@dataclass(frozen=True)
class PanelCase:
    id: str
    notebook: str  # file name in notebooks/
    panel_class: str  # CSS class of the panel's VBox
    control: str  # slider to move: its element has the class control-<control>
    presses: int = 2  # ArrowRight presses on the slider handle
    # optional regex: the part of the readout a model computed, which must change too
    measured: str = ""
    # also check its figures' alt text (as committed, then as run) and run axe-core on the page
    accessibility: bool = False


CASES = [
    PanelCase(
        "c1w2",
        "c1w2_logistic_regression.ipynb",
        "learning-rate-panel",
        "learning_rate",
        measured=r"final cost [\d.]+",
        accessibility=True,
    ),
    PanelCase("c1w3", "c1w3_shallow_neural_network.ipynb", "shallow-network-panel", "n_h"),
    PanelCase(
        "c2w1a",
        "c2w1a_practical_aspects.ipynb",
        "regularization-panel",
        "lambd",
        presses=5,
        measured=r"train accuracy [\d.]+%, dev accuracy [\d.]+%",
    ),
    PanelCase(
        "c2w2",
        "c2w2_optimization_algorithms.ipynb",
        "optimizer-panel",
        "learning_rate",
        presses=3,
        measured=r"final J = \S+",
    ),
    PanelCase(
        "c3w1",
        "c3w1_ml_strategy.ipynb",
        "threshold-panel",
        "threshold",
        presses=5,
        measured=r"precision [\d.]+%, recall [\d.]+%",
    ),
    PanelCase(
        "c4w1",
        "c4w1_convolutional_networks.ipynb",
        "output-size-panel",
        "f",
        presses=2,
        measured=r"= \d+, so the output is \d+×\d+",
    ),
]


def _in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(message):
    """Skip with `message`, or fail where CI is set: CI must never skip the browser test."""
    if _in_ci():
        pytest.fail(
            f"{message}\n(CI is set, so the browser test fails instead of being skipped.)",
            pytrace=False,
        )
    pytest.skip(message)


def find_chromium():
    """$CHROMIUM if set, else `chromium` or `chromium-browser` on PATH; None if there is none."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        path = shutil.which(explicit)
        if not path:
            pytest.fail(f"CHROMIUM={explicit!r} is not an executable Chromium.", pytrace=False)
        return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def chromium_path():
    path = find_chromium()
    if path is None:
        _unavailable(
            "No Chromium found for the browser test. Enable it with `sudo apt install "
            "chromium` "
            "(Debian/Ubuntu) or set CHROMIUM=/path/to/chromium."
        )
    return path


class LabServer:
    """A JupyterLab process on 127.0.0.1 serving `root`, isolated from the user's Jupyter
    directories."""

    def __init__(self, base):
        self.base = base
        self.root = base / "notebooks"
        self.token = secrets.token_hex(24)
        self.log_path = base / "jupyter.log"
        self.proc = None
        self.port = None
        self.env = self._environment()

    def _environment(self):
        dirs = {
            name: self.base / "jupyter" / sub
            for name, sub in [
                ("JUPYTER_CONFIG_DIR", "config"),
                ("JUPYTER_DATA_DIR", "data"),
                ("JUPYTER_RUNTIME_DIR", "runtime"),
                ("JUPYTERLAB_SETTINGS_DIR", "user-settings"),
                ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                ("IPYTHONDIR", "ipython"),
            ]
        }
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        for name, settings in LAB_SETTINGS.items():
            target = dirs["JUPYTERLAB_SETTINGS_DIR"] / f"{name}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(settings, indent=2))
        labconfig = dirs["JUPYTER_CONFIG_DIR"] / "labconfig"
        labconfig.mkdir()
        (labconfig / "page_config.json").write_text(json.dumps(PAGE_CONFIG, indent=2))
        env = {**os.environ, **{name: str(path) for name, path in dirs.items()}}
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_CONFIG_PATH", None)
        return env

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, attempts=3):
        for _ in range(attempts):
            self.port = local_server.free_port()
            command = [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--ip=127.0.0.1",
                f"--port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True",
                "--ServerApp.terminals_enabled=False",
            ]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                command.append("--allow-root")
            self.proc, answered = local_server.start_server(
                command,
                self.root,
                self.env,
                self.log_path,
                f"{self.url}/api/status?token={self.token}",
                SERVER_START_S,
            )
            if answered:
                return self
            if self.proc.poll() is None:  # still running but never answered
                self.stop()
                break
            # exited early: most likely the port was taken between free_port() and bind; try
            # another
        raise RuntimeError(
            f"JupyterLab did not answer /api/status within {SERVER_START_S} s. "
            f"Log ({self.log_path}):\n{local_server.log_tail(self.log_path)}"
        )

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            # also shuts the kernels down
            local_server.http_status(f"{self.url}/api/shutdown?token={self.token}", method="POST")
            self.proc.wait(timeout=20)
        except (urllib.error.URLError, OSError, subprocess.TimeoutExpired):
            pass
        local_server.stop_session(self.proc)  # our own session: the server and its kernels


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, chromium_path):
    if not NOTEBOOKS.is_dir():
        pytest.fail(f"No notebooks folder at {NOTEBOOKS}", pytrace=False)
    base = tmp_path_factory.mktemp("lab")
    shutil.copytree(
        NOTEBOOKS, base / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    if (REPO / "data").is_dir():  # notebooks may read ../data; caches written there are git-ignored
        (base / "data").symlink_to(REPO / "data", target_is_directory=True)
    server = LabServer(base).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "Playwright for Python is missing: `make test` installs it (pip install -e '.[test]')."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# JavaScript run in the page through window.jupyterapp (LabApp.expose_app_in_browser).
FIND_NOTEBOOK = """
(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  return Array.from(app.shell.widgets('main')).find(
    w => w.context && w.context.path === path && w.content && w.sessionContext) || null;
}
"""

KERNEL_STATE = f"""
(path) => {{
  const panel = ({FIND_NOTEBOOK})(path);
  if (!panel) return 'no notebook';
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel) return 'no kernel';
  return panel.context.isReady && panel.content.widgets.length ? kernel.status : 'loading';
}}
"""

RUN_ALL = f"""
async (path) => {{
  const app = window.jupyterapp;
  const panel = ({FIND_NOTEBOOK})(path);
  app.shell.activateById(panel.id);
  await panel.sessionContext.ready;
  // Committed outputs carry execution counts: clear them so "executed" means executed now.
  await app.commands.execute('notebook:clear-all-cell-outputs');
  app.commands.execute('runmenu:run-all');  // finished when every code cell has a count (polled)
}}
"""

RUN_STATE = f"""
(path) => {{
  const panel = ({FIND_NOTEBOOK})(path);
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  let pending = 0;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  for (const [index, cell] of cells.entries()) {{
    for (let i = 0; i < cell.model.outputs.length; i++) {{
      const out = cell.model.outputs.get(i).toJSON();
      if (out.output_type === 'error')
        return {{error: `code cell ${{index + 1}} raised ${{out.ename}}: ${{out.evalue}}\\n` +
                        cell.model.sharedModel.getSource()}};
    }}
    const empty = !cell.model.sharedModel.getSource().trim();
    const running = cell.model.executionState === 'running';
    if (!empty && (cell.model.executionCount === null || running)) pending++;
  }}
  return {{pending, cells: cells.length, kernel: kernel ? kernel.status : 'none'}};
}}
"""


PANEL_STATE = """
([panelSelector, controlSelector]) => {
  const panels = document.querySelectorAll(panelSelector);
  if (!panels.length) return {count: 0};
  const panel = panels[0];
  const text = (selector) => {
    const e = panel.querySelector(selector);
    return e ? e.innerText.trim() : null;
  };
  const image = panel.querySelector('img.panel-figure');
  return {count: panels.length, readout: text('.panel-readout'),
          src: image ? image.getAttribute('src') : null,
          value: text(controlSelector + ' .widget-readout')};
}
"""


def _poll(page, probe, done, timeout_s, what):
    """Call probe() every 0.25 s until done(value); fail with `what` and the last value after
    timeout_s."""
    deadline = time.monotonic() + timeout_s
    value = None
    while time.monotonic() < deadline:
        value = probe()
        if isinstance(value, dict) and value.get("error"):
            pytest.fail(value["error"], pytrace=False)
        if done(value):
            return value
        page.wait_for_timeout(250)
    pytest.fail(
        f"Timed out after {timeout_s} s waiting for {what}.\nLast state: {value}", pytrace=False
    )


def _open_and_run_all(page, lab_server, notebook, before_run=None):
    """Open the notebook in JupyterLab, wait for an idle kernel, call before_run() (the committed
    outputs are on the page), run all cells and wait until every one ran."""
    page.goto(f"{lab_server.url}/lab/tree/{notebook}?token={lab_server.token}")
    _poll(
        page,
        lambda: page.evaluate(KERNEL_STATE, notebook),
        lambda state: state == "idle",
        KERNEL_READY_S,
        f"{notebook} to open in JupyterLab with an idle kernel",
    )
    if before_run is not None:
        before_run()
    page.evaluate(RUN_ALL, notebook)
    page.wait_for_timeout(500)  # let run-all queue its first cell before polling
    _poll(
        page,
        lambda: page.evaluate(RUN_STATE, notebook),
        lambda state: state["pending"] == 0 and state["kernel"] == "idle",
        RUN_ALL_S,
        f"every code cell of {notebook} to run",
    )


@pytest.mark.browser
@pytest.mark.timeout(300)
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_panel_updates_in_browser(case, lab_server, browser):
    """Run the notebook, move the slider, see the panel's readout and figure change."""
    if not (NOTEBOOKS / case.notebook).is_file():
        pytest.fail(f"{case.notebook} is not in {NOTEBOOKS}", pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / f"browser_{case.id}.png"
    panel_selector, control_selector = f".{case.panel_class}", f".control-{case.control}"
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    def kernel_state():
        return page.evaluate(KERNEL_STATE, case.notebook)

    def panel_state():
        return page.evaluate(PANEL_STATE, [panel_selector, control_selector])

    try:
        committed = []
        _open_and_run_all(
            page,
            lab_server,
            case.notebook,
            before_run=(lambda: committed.extend(_committed_figure_images(page, case.notebook)))
            if case.accessibility
            else None,
        )

        before = _poll(
            page,
            panel_state,
            lambda s: s["count"] and s["readout"] and s["src"] and s["value"],
            PANEL_UPDATE_S,
            f"a {panel_selector} panel with a readout, a figure and a "
            f"{control_selector} slider after running {case.notebook}",
        )
        panel = page.locator(panel_selector).first
        panel.evaluate("element => element.scrollIntoView({block: 'start'})")

        handle = panel.locator(f"{control_selector} .noUi-handle")
        handle.focus()
        for _ in range(case.presses):
            handle.press("ArrowRight")
        moved = _poll(
            page,
            panel_state,
            lambda s: s["value"] != before["value"],
            5,
            f"the {case.control} slider to move with ArrowRight",
        )

        after = _poll(
            page,
            panel_state,
            lambda s: s["readout"] != before["readout"] and s["src"] != before["src"],
            PANEL_UPDATE_S,
            f"the readout and the figure to change after {case.control} "
            f"went from "
            f"{before['value']} to {moved['value']} (readout before: "
            f"{before['readout']!r})",
        )
        _poll(
            page,
            kernel_state,
            lambda state: state == "idle",
            PANEL_UPDATE_S,
            "the kernel to finish redrawing",
        )
        page.wait_for_timeout(300)  # the last redraw's messages reach the page
        after = panel_state()
        panel.evaluate("element => element.scrollIntoView({block: 'start'})")
        page.screenshot(path=screenshot)

        assert after["readout"] != before["readout"], (
            "the readout did not change after moving the slider"
        )
        if case.measured:
            measured_before, measured_after = (
                re.search(case.measured, s["readout"]) for s in (before, after)
            )
            assert measured_before and measured_after, (
                f"no {case.measured!r} in the readout: {after['readout']!r}"
            )
            assert measured_after.group() != measured_before.group(), (
                f"{measured_after.group()!r} did not change when {case.control} went to "
                f"{after['value']}"
            )
        assert after["src"] and after["src"] != before["src"], (
            "the figure did not change after moving the slider"
        )
        if case.accessibility:
            start = time.monotonic()
            _check_figures_have_alt_text(committed, "as committed (an untrusted notebook)")
            assert page.evaluate(ANY_CELL_TRUSTED, case.notebook), "run, yet still untrusted"
            _check_figures_have_alt_text(_figure_images(page), "after running it")
            _check_accessibility(page)
            print(f"alt text and axe-core checks: {time.monotonic() - start:.1f} s")
    except BaseException:
        _report_failure(page, screenshot, page_errors, lab_server)
        raise
    finally:
        context.close()


# Every <img> in the notebook's outputs (figures, panels' images): its text alternative and whether
# it loaded. A widget's Image gets its name from its title (ipywidgets 8's Image has no alt). Hidden
# ones (the picture predictor's before an upload) are left out, as a screen reader leaves them.
FIGURE_IMAGES = """
() => Array.from(document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img')).filter(
  img => img.getClientRects().length > 0).map(
  img => ({alt: img.getAttribute('alt'), title: img.getAttribute('title'),
           loaded: img.complete && img.naturalWidth > 0,
           widget: img.classList.contains('widget-image')}))
"""


def _figure_images(page):
    page.wait_for_timeout(300)  # data: images decode asynchronously
    return page.evaluate(FIGURE_IMAGES)


ANY_CELL_TRUSTED = f"""
(path) => ({FIND_NOTEBOOK})(path).content.widgets.some(c => c.model.trusted === true)
"""


def _committed_figure_images(page, notebook):
    """The output images of the notebook as opened, untrusted: JupyterLab sanitizes its HTML."""
    assert not page.evaluate(ANY_CELL_TRUSTED, notebook), f"{notebook} opened trusted"
    return _figure_images(page)


def _check_figures_have_alt_text(images, when):
    figures = [image for image in images if not image["widget"]]
    assert figures, f"no figure <img> in the notebook's outputs {when}"
    unnamed = [i for i in images if not (i["alt"] or "").strip() and not (i["title"] or "").strip()]
    assert not unnamed, f"{len(unnamed)} of {len(images)} output images have no alt text {when}"
    assert all(image["loaded"] for image in images), f"an output image did not load {when}"
    print(f"{len(images)} output images {when}, each with alt text, e.g. {figures[0]['alt']!r}")


# Our own output: the notebook's output areas, panels and widgets included. JupyterLab's chrome
# around them is checked too, but only reported.
OUR_OUTPUT = ".jp-Notebook .jp-OutputArea-output"
AXE_RUN = """
async ([context, options]) => {
  const results = await axe.run(context, options);
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3), count: v.nodes.length}));
}
"""


def _check_accessibility(page):
    """axe-core (bundled by axe-playwright-python) on the page: no critical violation inside our
    output; every other violation printed."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable("axe-playwright-python is missing: `make test` installs it (its test extra).")
    page.evaluate(Axe().axe_script)
    options = {"resultTypes": ["violations"]}
    ours = page.evaluate(AXE_RUN, [{"include": [OUR_OUTPUT]}, options])
    everywhere = page.evaluate(AXE_RUN, [{"exclude": [OUR_OUTPUT]}, options])
    for where, violations in (("our output", ours), ("JupyterLab's own page", everywhere)):
        for v in violations:
            print(
                f"axe-core, {where}: {v['impact']} {v['id']} ({v['help']}) on {v['count']} "
                f"element(s), e.g. {v['nodes']}"
            )
    critical = [v for v in ours if v["impact"] == "critical"]
    assert not critical, f"critical accessibility violations in our output: {critical}"


def _report_failure(page, screenshot, page_errors, lab_server):
    """Keep a screenshot and print the page's errors and the server log, without hiding the real
    failure."""
    try:
        page.screenshot(path=screenshot)
    except Exception:  # noqa: BLE001 - a screenshot must not hide the real failure
        pass
    if page_errors:
        print("Errors in the page:\n" + "\n".join(page_errors))
    log = local_server.log_tail(lab_server.log_path)
    print(f"Screenshot: {screenshot}\nJupyterLab log tail:\n{log}")


PLAYGROUND_STATE = """
() => {
  const panel = document.querySelector('.playground');
  if (!panel) return {count: 0};
  const text = (selector) => {
    const e = panel.querySelector(selector);
    return e ? e.innerText.trim() : null;
  };
  const image = panel.querySelector('img.playground-figure');
  const epoch = text('.playground-epoch');
  const match = epoch && epoch.match(/epoch (\\d+)/);
  return {count: 1, epoch: match ? Number(match[1]) : null, label: epoch,
          readout: text('.panel-readout'), message: text('.playground-message'),
          src: image ? image.getAttribute('src') : null};
}
"""


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_playground_plays_pauses_and_follows_a_control(lab_server, browser):
    """playground.ipynb: play advances the epoch counter, pause stops it, a new dataset changes the
    view."""
    notebook = "playground.ipynb"
    if not (NOTEBOOKS / notebook).is_file():
        pytest.fail(f"{notebook} is not in {NOTEBOOKS}", pytrace=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "browser_playground.png"
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    def state():
        return page.evaluate(PLAYGROUND_STATE)

    try:
        _open_and_run_all(page, lab_server, notebook)
        before = _poll(
            page,
            state,
            lambda s: s["count"] and s["src"] and s["epoch"] == 0,
            PANEL_UPDATE_S,
            "a paused .playground at epoch 0 with a figure",
        )
        assert "paused" in before["label"], before
        panel = page.locator(".playground").first
        panel.evaluate("element => element.scrollIntoView({block: 'start'})")

        panel.locator(".playground-play").click()
        first = _poll(
            page,
            state,
            lambda s: s["epoch"] and s["epoch"] > 0,
            PANEL_UPDATE_S,
            "the epoch counter to advance after pressing play",
        )
        later = _poll(
            page,
            state,
            lambda s: s["epoch"] > first["epoch"] and s["src"] != first["src"],
            PANEL_UPDATE_S,
            "the counter and the figure to keep advancing while playing",
        )
        assert "playing" in later["label"], later
        page.wait_for_timeout(1000)  # train a little longer, for the screenshot

        panel.locator(".playground-pause").click()
        paused = _poll(
            page, state, lambda s: "paused" in s["label"], PANEL_UPDATE_S, "the playground to pause"
        )
        page.wait_for_timeout(1500)
        still = state()
        assert still["epoch"] == paused["epoch"] and still["epoch"] > later["epoch"], (
            paused,
            still,
        )
        trained = state()
        page.screenshot(path=ARTIFACTS / "browser_playground_trained.png")

        panel.locator(".control-dataset select").select_option("xor")
        changed = _poll(
            page,
            state,
            lambda s: (
                s["epoch"] == 0
                and s["src"] != trained["src"]
                and s["readout"] != trained["readout"]
            ),
            PANEL_UPDATE_S,
            "a new network at epoch 0 with a new picture after choosing the xor dataset",
        )
        page.wait_for_timeout(300)
        changed = state()
        assert changed["epoch"] == 0 and changed["src"] != trained["src"]
        assert "dataset=xor&" in panel.locator(".playground-settings input").input_value()
        panel.evaluate("element => element.scrollIntoView({block: 'start'})")
        page.screenshot(path=screenshot)
    except BaseException:
        _report_failure(page, screenshot, page_errors, lab_server)
        raise
    finally:
        context.close()
