"""The static site (`make site`, tools/build_site.py): built into a temporary folder, checked as
files (every notebook has a page, every local link resolves, every image has alt text and a data:
or existing src, no page links to an .ipynb) and, where Chromium is present, in Chromium through
file://: every page reached from index.html by its links loads, every link's target exists (with its
anchor) and every image loads (naturalWidth > 0). The network is blocked, as for a reader offline.
Chromium is found, and the test skipped or failed without one, as in test_browser.py.
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from test_browser import CHROMIUM_ARGS, _unavailable, find_chromium
from tool_loader import load_tool

REPO = Path(__file__).resolve().parents[1]


def _load_site_tool():
    return load_tool("build_site")


site_tool = _load_site_tool()
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


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
    problems, seen, images = [], set(), 0
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
                state = page.evaluate(PAGE_STATE)
                images += state["images"]
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
    assert not problems, "\n".join(problems)
