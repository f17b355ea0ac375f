"""The class hub (hub/jupyterhub_config.py, `make hub`): JupyterHub started with the project's
config, then two learners in Debian's Chromium at the same time.

JupyterHub runs from .venv-hub with the proxy from hub/node_modules (`make hub-setup` installs both;
without them the tests are skipped, except under CI, where they fail), through tools/local_hub.py:
127.0.0.1, free ports, its state and the learners' homes in a temporary folder; the learners pull a
bare clone of this repository's committed HEAD (nothing in the repository is written).
The browser test: alice and bob sign in at once; each lands in their own pulled copy at
00_start_here, runs c1w2 and moves its learning-rate slider; each sees only their own files; alice
edits c1w2, the instructor pushes a commit that changes the same cell and adds a file, alice opens
the nbgitpuller link again: the new file arrives and her edit stays.
"""

import json
import time

import pytest
from test_browser import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    FIND_NOTEBOOK,
    KERNEL_STATE,
    PANEL_STATE,
    PANEL_UPDATE_S,
    RUN_ALL,
    RUN_ALL_S,
    RUN_STATE,
    VIEWPORT,
    _poll,
    _unavailable,
    find_chromium,
)
from tool_loader import load_tool

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

local_hub = load_tool("local_hub")
LOCAL = load_tool("local_server").LOCAL
git = local_hub.git

START = f"{local_hub.TARGET}/notebooks/00_start_here.ipynb"
NOTEBOOK = "c1w2_logistic_regression.ipynb"
PANEL, CONTROL = ".learning-rate-panel", ".control-learning_rate"
SPAWN_S = 120  # sign-in, server start and the first pull on a busy machine

# The test's additions to the project's config: JupyterLab settings for testing (as in
# test_browser.py) and the app object exposed to the page.
TEST_CONFIG = """
c.Spawner.args = list(c.Spawner.args) + [
    "--LabApp.expose_app_in_browser=True", "--ServerApp.terminals_enabled=False"]
c.Spawner.environment = {{
    "JUPYTERLAB_SETTINGS_DIR": {settings!r}, "JUPYTER_CONFIG_DIR": {jconfig!r}}}
c.Spawner.start_timeout = {spawn}
c.Spawner.http_timeout = {spawn}
"""
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}
PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    missing = local_hub.missing_pieces()
    if missing:
        _unavailable(f"The hub's pieces are missing ({', '.join(missing)}): run `make hub-setup`.")
    base = tmp_path_factory.mktemp("hub")
    settings, jconfig = base / "lab-settings", base / "jupyter-config"
    for name, values in LAB_SETTINGS.items():
        target = settings / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    (jconfig / "labconfig").mkdir(parents=True)
    (jconfig / "labconfig" / "page_config.json").write_text(json.dumps(PAGE_CONFIG))
    extra = TEST_CONFIG.format(settings=str(settings), jconfig=str(jconfig), spawn=SPAWN_S)
    with local_hub.LocalHub(base, extra) as server:
        yield server


def test_jupyterhub_starts_with_the_project_config(hub):
    """The hub answers, its login page is the dummy authenticator's, its API names version 6."""
    with LOCAL.open(f"{hub.url}/hub/api", timeout=10) as response:
        assert json.load(response)["version"].startswith("6."), "not JupyterHub 6"
    with LOCAL.open(f"{hub.url}/hub/login", timeout=10) as response:
        page = response.read().decode()
    assert 'name="password"' in page and 'name="username"' in page


# The learner's c1w2 as JupyterLab holds it: set the first cell's source, then save (as typing
# into the cell and pressing Ctrl-S does).
EDIT_AND_SAVE = f"""
async ([path, text]) => {{
  const panel = ({FIND_NOTEBOOK})(path);
  const cell = panel.content.widgets[0].model.sharedModel;
  cell.setSource(text + '\\n\\n' + cell.getSource());
  await panel.context.save();
  return panel.context.model.dirty;
}}
"""


def _sign_in(page, hub, user):
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", local_hub.PASSWORD)
    page.click("#login_submit", no_wait_after=True)


def _wait_for_lab(page, path, what):
    """Wait until JupyterLab shows `path` (relative to the learner's home) with an idle kernel."""
    from playwright.sync_api import Error

    def state():
        try:
            return page.evaluate(
                f"(p) => window.jupyterapp ? ({KERNEL_STATE})(p) : 'no JupyterLab yet'", path
            )
        except Error as error:  # the page is still on its way (login, spawn, pull, lab)
            return f"at {page.url}: {error.message.splitlines()[0]}"

    _poll(
        page,
        state,
        lambda state: state == "idle",
        SPAWN_S,
        what,
    )


@pytest.mark.browser
@pytest.mark.timeout(400)
def test_two_learners_work_in_their_own_copies(hub):
    """alice and bob at once: own copies, c1w2 run, slider moved; an edit survives a re-pull."""
    chromium = find_chromium()
    if chromium is None:
        _unavailable("No Chromium found for the hub's browser test: `sudo apt install chromium`.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is missing: `make test` installs it (pip install -e '.[test]').")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    users = ["alice", "bob"]
    notebook = f"workbook/notebooks/{NOTEBOOK}"
    homes = {user: hub.home(user) for user in users}
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pages = {}
        for user in users:  # each learner in a browser profile of their own
            pages[user] = browser.new_context(viewport=VIEWPORT).new_page()
        try:
            # both sign in at once; each lands in a freshly pulled copy at 00_start_here
            for user in users:
                _sign_in(pages[user], hub, user)
            for user in users:
                _wait_for_lab(pages[user], START, f"{user}'s server, pull and 00_start_here")
                assert f"/user/{user}/lab" in pages[user].url, pages[user].url
                assert (homes[user] / "workbook" / ".git").is_dir(), f"no copy in {user}'s home"
            print(
                f"both signed in, pulled and in 00_start_here: {time.monotonic() - started:.1f} s"
            )

            # both open c1w2 and run all of it at the same time
            for user in users:
                pages[user].goto(f"{hub.url}/user/{user}/lab/tree/{notebook}")
            for user in users:
                _wait_for_lab(pages[user], notebook, f"{NOTEBOOK} open in {user}'s JupyterLab")
                pages[user].evaluate(RUN_ALL, notebook)
            for user in users:
                _poll(
                    pages[user],
                    lambda page=pages[user]: page.evaluate(RUN_STATE, notebook),
                    lambda s: s["pending"] == 0 and s["kernel"] == "idle",
                    RUN_ALL_S,
                    f"every code cell of {NOTEBOOK} to run for {user}",
                )
            print(f"both ran {NOTEBOOK}: {time.monotonic() - started:.1f} s")

            # each moves the learning-rate slider and sees their own panel redraw
            for user in users:
                page = pages[user]

                def panel(page=page):
                    return page.evaluate(PANEL_STATE, [PANEL, CONTROL])

                before = _poll(
                    page, panel, lambda s: s["count"] and s["src"], PANEL_UPDATE_S, "the panel"
                )
                handle = page.locator(f"{PANEL} {CONTROL} .noUi-handle").first
                handle.scroll_into_view_if_needed()
                handle.focus()
                handle.press("ArrowRight")
                handle.press("ArrowRight")
                _poll(
                    page,
                    panel,
                    lambda s, before=before: (
                        s["value"] != before["value"]
                        and s["readout"] != before["readout"]
                        and s["src"] != before["src"]
                    ),
                    PANEL_UPDATE_S,
                    f"{user}'s panel to redraw after moving the learning-rate slider",
                )
                _poll(
                    page,
                    lambda page=page: page.evaluate(KERNEL_STATE, notebook),
                    lambda state: state == "idle",
                    PANEL_UPDATE_S,
                    f"{user}'s kernel to finish redrawing",
                )
                page.screenshot(path=ARTIFACTS / f"hub_{user}.png")
            print(f"both moved the slider: {time.monotonic() - started:.1f} s")

            # each sees only their own files: their home holds their copy, the other's server is
            # closed to them
            for user, other in (("alice", "bob"), ("bob", "alice")):
                api = pages[user].request
                listing = api.get(f"{hub.url}/user/{user}/api/contents/")
                assert listing.ok, listing.status
                names = {item["name"] for item in listing.json()["content"]}
                assert names == {"workbook"}, f"{user}'s home shows {names}"
                # ../ with its slash encoded: the browser cannot resolve it, the server must refuse
                for path in (f"..%2F{other}", f"workbook%2F..%2F..%2F{other}"):
                    escape = api.get(f"{hub.url}/user/{user}/api/contents/{path}")
                    assert not escape.ok, f"{user} read {path} outside their home"
                # the other's server sends them through the hub's OAuth, which refuses them
                foreign = api.get(f"{hub.url}/user/{other}/api/contents/")
                assert foreign.status == 403, f"{user} reached {other}'s server: {foreign.status}"

            # alice edits c1w2; the instructor pushes a commit that changes the same cell and adds
            # a file; alice opens the pull link again: the file arrives, her edit stays
            note = "**alice's note:** the learning rate sets the step size."
            dirty = pages["alice"].evaluate(EDIT_AND_SAVE, [notebook, note])
            assert dirty is False, "alice's edit was not saved"
            saved = (homes["alice"] / notebook).read_text()
            assert note in saved and note not in (homes["bob"] / notebook).read_text()

            clone = hub.base / "instructor"
            git("clone", "--quiet", "--branch", local_hub.BRANCH, hub.upstream.as_uri(), str(clone))
            upstream_nb = clone / "notebooks" / NOTEBOOK
            content = json.loads(upstream_nb.read_text())
            content["cells"][0]["source"].insert(0, "**Update from the instructor.**\n\n")
            upstream_nb.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n")
            (clone / "notebooks" / "ANNOUNCEMENT.md").write_text("Week 2 starts on Monday.\n")
            git("add", "-A", cwd=clone)
            git("commit", "--quiet", "-m", "instructor: an update", cwd=clone)
            git("push", "--quiet", "origin", local_hub.BRANCH, cwd=clone)

            pages["alice"].goto(f"{hub.url}/user/alice/git-pull?{hub.pull_query()}")
            _wait_for_lab(pages["alice"], START, "alice's second pull and 00_start_here")
            workbook = homes["alice"] / "workbook"
            assert (workbook / "notebooks" / "ANNOUNCEMENT.md").is_file(), "the new file is missing"
            merged = (workbook / "notebooks" / NOTEBOOK).read_text()
            assert note in merged, "alice's edit was lost in the second pull"
            json.loads(merged)  # still a notebook
            upstream_head = git("--git-dir", str(hub.upstream), "rev-parse", local_hub.BRANCH)
            assert git("merge-base", "--is-ancestor", upstream_head, "HEAD", cwd=workbook) == ""
            assert not (homes["bob"] / "workbook" / "notebooks" / "ANNOUNCEMENT.md").exists()
            pages["alice"].screenshot(path=ARTIFACTS / "hub_alice_after_pull.png")
            print(f"two learners, re-pull included: {time.monotonic() - started:.1f} s")
        except BaseException:
            for user, page in pages.items():
                try:
                    page.screenshot(path=ARTIFACTS / f"hub_{user}_failure.png")
                except Exception:  # noqa: BLE001 - a screenshot must not hide the real failure
                    pass
            print(f"JupyterHub log tail:\n{hub.log_tail()}")
            raise
        finally:
            browser.close()
