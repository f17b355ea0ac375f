"""The static site (`make site`, tools/build_site.py): built into a temporary folder, checked as
files (every notebook has a page, every local link resolves, every image has alt text and a data:
or existing src, no page links to an .ipynb, no solution is published) and, where Chromium is
present, in Chromium through file://: every page reached from index.html by its links loads, every
link's target exists (with its anchor), every image loads (naturalWidth > 0) and the formulas are
typeset by the MathJax served with the site. The network is blocked, as for a reader offline.
Chromium is found, and the test skipped or failed without one, as in test_browser.py.
"""

import json
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from test_browser import CHROMIUM_ARGS, _unavailable, find_chromium
from tool_loader import load_tool

from course_lib.workbook import learner_copy

# tests of the project's tools and set-up, not of numbers: `make portable` leaves them out
pytestmark = pytest.mark.tooling

REPO = Path(__file__).resolve().parents[1]


def _load_site_tool():
    return load_tool("build_site")


site_tool = _load_site_tool()
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
MATHJAX_MISSING = "MathJax is not installed (npm ci --prefix tools/site, run by make test)"


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.images, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)


def _parse(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _local(href):
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    site_tool.build(out)
    return out


def test_every_notebook_has_a_page(built):
    pages = {p.name for p in built.glob("*.html")}
    assert "index.html" in pages
    missing = [nb.name for nb in NOTEBOOKS if f"{nb.stem}.html" not in pages]
    assert not missing, f"notebooks without a page: {missing}"
    index = _parse(built / "index.html")
    linked = {unquote(urlsplit(h).path) for h in index.links if _local(h)}
    assert {f"{nb.stem}.html" for nb in NOTEBOOKS} <= linked


def _solution_lines(notebook):
    """The lines inside the solution markers of a notebook's code cells, stripped, non-empty."""
    lines, inside = [], False
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        for line in "".join(cell["source"]).splitlines():
            marker = line.strip()
            if marker in (site_tool.BEGIN, site_tool.END):
                inside = marker == site_tool.BEGIN
            elif inside and len(marker) > 12:
                lines.append(marker)
    return lines


def test_exercise_cells_show_the_stub_and_no_output():
    nb = nbformat.read(REPO / "notebooks" / "c1w2_logistic_regression.ipynb", as_version=4)
    exercises = [
        i for i, c in enumerate(nb.cells) if c.cell_type == "code" and site_tool.BEGIN in c.source
    ]
    assert exercises
    public = site_tool.static_copy(nb, "c1w2")
    for i in exercises:
        assert site_tool.BEGIN not in public.cells[i].source
        assert "NotImplementedError" in public.cells[i].source
        assert public.cells[i].outputs == []
    others = [
        i
        for i, c in enumerate(nb.cells)
        if i not in exercises and c.get("outputs") and site_tool.WIDGET_VIEW not in str(c.outputs)
    ]
    assert others and all(public.cells[i].outputs == nb.cells[i].outputs for i in others)
    instructor = site_tool.static_copy(nb, "c1w2", solutions=True)
    assert all(site_tool.BEGIN in instructor.cells[i].source for i in exercises)
    assert all(site_tool.BEGIN in nb.cells[i].source for i in exercises)  # the original untouched


def test_no_solution_is_published(built):
    """No line of a solution is on its page, unless the notebook shows the same line outside the
    solutions (a usage example, the lecture's version in prose)."""
    leaks = []
    for notebook in NOTEBOOKS:
        page = html_text((built / f"{notebook.stem}.html").read_text(encoding="utf-8"))
        copy = learner_copy(json.loads(notebook.read_text()), notebook.name)
        shown = "\n".join("".join(cell["source"]) for cell in copy["cells"]).replace("`", "")
        leaks += [
            f"{notebook.stem}: {line}"
            for line in _solution_lines(notebook)
            if line in page and line not in shown
        ]
    assert not leaks, "solution lines on the site:\n" + "\n".join(leaks[:20])


def html_text(page):
    """The page's text as a reader sees it (tags dropped, entities decoded), one line per line."""

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(page)
    return "".join(parser.parts)


def test_mathjax_is_served_with_the_site(built):
    if not (built / "mathjax" / "tex-chtml-full.js").is_file():
        if os.environ.get("CI"):
            pytest.fail(MATHJAX_MISSING)
        pytest.skip(MATHJAX_MISSING)
    page = (built / "c1w2_logistic_regression.html").read_text(encoding="utf-8")
    assert 'src="mathjax/tex-chtml-full.js"' in page
    assert "cdnjs.cloudflare.com/ajax/libs/mathjax" not in page


def test_links_and_images(built):
    problems = []
    for path in sorted(built.glob("*.html")):
        page = _parse(path)
        for href in page.links:
            target = unquote(urlsplit(href).path)
            if ".ipynb" in href:
                problems.append(f"{path.name}: links to a notebook file: {href}")
            if _local(href) and target and not (built / target).is_file():
                problems.append(f"{path.name}: broken link {href}")
        for img in page.images:
            src = img.get("src") or ""
            if not (img.get("alt") or "").strip():
                problems.append(f"{path.name}: <img> without alt text (src {src[:40]!r})")
            if not src.startswith("data:image/") and not (
                _local(src) and src and (built / unquote(urlsplit(src).path)).is_file()
            ):
                problems.append(f"{path.name}: <img> src neither data: nor a file: {src[:60]!r}")
    assert not problems, "\n".join(problems)


# Run in each page: its local links (absolute URLs) and the images that did not load.
PAGE_STATE = """
() => ({
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href)
    .filter(h => h.startsWith('file:')),
  broken: Array.from(document.images)
    .filter(img => !img.complete || img.naturalWidth === 0)
    .map(img => (img.alt || '') + ' ' + img.src.slice(0, 60)),
  images: document.images.length,
  math: document.querySelectorAll('mjx-container').length,
  mathErrors: document.querySelectorAll('mjx-merror').length,
})
"""


@pytest.mark.browser
def test_site_in_chromium(built):
    chromium = find_chromium()
    if chromium is None:
        _unavailable(
            "No Chromium found for the site's browser test. Enable it with `sudo apt install "
            "chromium` (Debian/Ubuntu) or set CHROMIUM=/path/to/chromium."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is missing: pip install -e '.[test]'.")
    problems, seen, images, math = [], set(), 0, 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            # offline, as a reader without network: only file:// and data: load
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("file:", "data:"))
                    else route.abort()
                ),
            )
            todo = [(built / "index.html").as_uri()]
            anchors = {}  # page URL -> anchors that links point at
            while todo:
                url = todo.pop()
                if url in seen:
                    continue
                seen.add(url)
                page.goto(url, wait_until="load")
                if (built / "mathjax").is_dir() and url.endswith("c1w2_logistic_regression.html"):
                    page.wait_for_function("window.MathJax?.startup?.promise")
                    page.evaluate("MathJax.startup.promise")
                state = page.evaluate(PAGE_STATE)
                images += state["images"]
                math += state["math"]
                if state["mathErrors"]:
                    problems.append(
                        f"{url}: {state['mathErrors']} formulas MathJax could not typeset"
                    )
                problems += [f"{url}: image did not load: {b}" for b in state["broken"]]
                for link in state["links"]:
                    parts = urlsplit(link)
                    target = parts._replace(fragment="").geturl()
                    if not Path(unquote(parts.path)).is_file():
                        problems.append(f"{url}: broken link {link}")
                        continue
                    if parts.fragment:
                        anchors.setdefault(target, set()).add(parts.fragment)
                    todo.append(target)
            for target, fragments in anchors.items():
                page.goto(target, wait_until="load")
                for fragment in sorted(fragments):
                    # nbconvert's heading ids are percent-encoded as they stand
                    found = page.evaluate(
                        "(ids) => ids.some(id => !!document.getElementById(id))",
                        [fragment, unquote(fragment)],
                    )
                    if not found:
                        problems.append(f"{target}: no anchor #{fragment}")
        finally:
            browser.close()
    assert len(seen) == len(NOTEBOOKS) + 1, f"pages reached from index.html: {len(seen)}"
    assert images > 0
    if (built / "mathjax").is_dir():
        assert math > 100, f"formulas typeset offline: {math}"
    assert not problems, "\n".join(problems)
