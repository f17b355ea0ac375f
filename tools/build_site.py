"""Build the static site: every notebook as HTML with its committed outputs, for reading without
installing anything (`make site`, issue 21).

nbconvert's HTMLExporter (lab template) renders each notebook in notebooks/ as committed: nothing
is executed. The site is the exercise form, safe to publish: each exercise cell shows the learner's
stub (course_lib.workbook.strip_solutions) without its outputs, every other cell keeps its committed
outputs; `--with-solutions` keeps the solutions (for instructors, not for publishing). Each widget
output keeps, next to its widget view, the static picture of its panel (text/html) or a text line
(text/plain); the widget view needs a kernel, so it is dropped and the static picture shows. Links
between notebooks (`x.ipynb`, `x.ipynb#anchor`) become `x.html`. index.html is the README's
notebooks table: one link per notebook with its title. MathJax 3 is served with the site from
tools/site/node_modules (`npm ci --prefix tools/site`, run by `make site`), so the whole site works
offline; without it the pages load MathJax from its CDN and say so when built.

Usage: python tools/build_site.py [--out site] [--notebooks notebooks] [--with-solutions]
"""

import argparse
import html
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from course_lib.workbook import BEGIN, END, strip_solutions  # noqa: E402

MATHJAX = REPO / "tools" / "site" / "node_modules" / "mathjax" / "es5"
MATHJAX_CDN = "https://cdn.jsdelivr.net/npm/mathjax@3.2.2/es5/tex-chtml-full.js"
# The lab template with MathJax 3 in place of nbconvert's MathJax 2 block: `$…$` and `$$…$$` as in
# JupyterLab; the fonts are found beside the script (mathjax/output/chtml/fonts/woff-v2).
SITE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_mathjax -%}
<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']],
        displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
        processEscapes: true, processEnvironments: true},
};
</script>
<script src="{{ resources.mathjax_url }}" defer></script>
{%- endblock html_head_js_mathjax -%}
"""
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# require.js (from a CDN) only serves widget state, which the site does not embed
REQUIRE_JS = re.compile(r'<script src="[^"]*require(?:\.min)?\.js"></script>\n?')
HREF = re.compile(r'(href=")([^"#:]+?)\.ipynb(#[^"]*)?"')
TABLE_ROW = re.compile(r"^\| \[([^\]]+)\]\(notebooks/([^)]+)\.ipynb\) \|(.*)\|\s*$")


def title_of(nb, stem):
    """The notebook's first `# ` heading, else its file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return stem


def static_copy(nb, name="notebook", solutions=False):
    """The notebook without widget views in its outputs, so each shows its committed static figure
    (or its text line where it has none); unless `solutions`, each exercise cell's solution is
    replaced by the learner's stub and its outputs dropped."""
    nb = nbformat.from_dict(nb)  # a copy: the committed notebook is not touched
    for number, cell in enumerate(nb.cells, start=1):
        if (
            not solutions
            and cell.cell_type == "code"
            and (BEGIN in cell.source or END in cell.source)
        ):
            cell.source = strip_solutions(cell.source, where=f"{name}, code cell {number}")
            cell.outputs, cell.execution_count = [], None
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and len(data) > 1:
                del data[WIDGET_VIEW]
    nb.metadata.pop("widgets", None)
    return nb


def rewrite_links(body, stems, warnings, page):
    def replace(match):
        prefix, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        stem = target.rsplit("/", 1)[-1]
        if stem not in stems:
            warnings.append(f"{page}: link to a missing notebook {target}.ipynb")
        return f'{prefix}{stem}.html{anchor}"'

    return HREF.sub(replace, body)


def inline_markdown(text):
    """The README table cell's markdown, as HTML: `code` and **bold**; the rest is escaped."""
    text = html.escape(text.strip())
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)


def index_page(titles, readme):
    rows, header = [], None
    for line in readme.splitlines():
        if line.startswith("| Notebook |"):
            header = [c.strip() for c in line.strip().strip("|").split("|")]
        match = TABLE_ROW.match(line)
        if match and match.group(2) in titles:
            rows.append((match.group(2), [c for c in match.group(3).split("|")]))
    listed = {stem for stem, _ in rows}
    rows += [(stem, []) for stem in titles if stem not in listed]
    header = header or ["Notebook"]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = []
    for stem, cells in rows:
        link = f'<a href="{stem}.html">{html.escape(titles[stem])}</a> <small>({stem})</small>'
        rest = "".join(f"<td>{inline_markdown(c)}</td>" for c in cells)
        rest += "<td></td>" * (len(header) - 1 - len(cells))
        body.append(f"<tr><td>{link}</td>{rest}</tr>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deep Learning Workbook</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 75rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.45; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 0.4rem 0.6rem; vertical-align: top; text-align: left; }}
th {{ background: #f3f3f3; }}
</style></head>
<body>
<h1>Deep Learning Workbook</h1>
<p>The notebooks with their committed outputs, to read without installing anything. Start with
<a href="00_start_here.html">{html.escape(titles.get("00_start_here", "00_start_here"))}</a>.
Each exercise shows the function you write, with its body left for you; the cells after it show
what a correct solution prints. The sliders need a running kernel: each widget shows the figure it
drew when the notebook was committed. To run the notebooks, write the exercises and move the
sliders, clone the repository and run <code>make lab</code>.</p>
<table><thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table>
</body></html>
"""


def copy_mathjax(out, mathjax=MATHJAX):
    """MathJax's combined TeX component and its fonts into out/mathjax; returns the script's URL
    relative to the pages, or the CDN's where MathJax is not installed."""
    if not (mathjax / "tex-chtml-full.js").is_file():
        return MATHJAX_CDN
    target = out / "mathjax"
    target.mkdir()
    shutil.copy2(mathjax / "tex-chtml-full.js", target)
    fonts = Path("output", "chtml", "fonts", "woff-v2")
    shutil.copytree(mathjax / fonts, target / fonts)
    return "mathjax/tex-chtml-full.js"


def build(
    out, notebooks=REPO / "notebooks", readme=REPO / "README.md", solutions=False, mathjax=MATHJAX
):
    """Write the site into `out` (emptied first); returns the warnings (links it had to fix,
    MathJax missing)."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = sorted(Path(notebooks).glob("*.ipynb"))
    stems = {p.stem for p in paths}
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"site.html.j2": SITE_TEMPLATE})],
        template_file="site.html.j2",
    )
    exporter.mathjax_url = copy_mathjax(out, mathjax)
    titles, warnings = {}, []
    if exporter.mathjax_url == MATHJAX_CDN:
        warnings.append(
            "MathJax is not installed (npm ci --prefix tools/site): the pages load it from its CDN"
        )
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        titles[path.stem] = title_of(nb, path.stem)
        body, _ = exporter.from_notebook_node(
            static_copy(nb, path.name, solutions),
            resources={"metadata": {"name": titles[path.stem]}},
        )
        body = rewrite_links(REQUIRE_JS.sub("", body), stems, warnings, path.name)
        (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
    (out / "index.html").write_text(index_page(titles, Path(readme).read_text()), encoding="utf-8")
    return warnings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "site"))
    parser.add_argument("--notebooks", default=str(REPO / "notebooks"))
    parser.add_argument(
        "--with-solutions",
        action="store_true",
        help="keep the exercises' solutions (for instructors: do not publish this site)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    warnings = build(args.out, args.notebooks, solutions=args.with_solutions)
    for warning in warnings:
        print("note:", warning, file=sys.stderr)
    count = len(list(Path(args.out).glob("*.html")))
    print(
        f"site: {count} pages in {args.out} ({time.perf_counter() - start:.1f} s); open index.html"
    )


if __name__ == "__main__":
    main()
