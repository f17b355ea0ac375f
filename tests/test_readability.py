"""What a learner reads: no control character in a cell, a string literal or an output; every
committed figure drawn at ≥ 110 dpi, wide enough to read at 100 % zoom, with alt text that shows
its titles and axis labels."""

import ast
import io
import json
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from course_lib.plots import figure_images

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MODULES = sorted((ROOT / "course_lib").rglob("*.py"))
MIN_DPI, MIN_WIDTH_PX = 110, 400


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def control_characters(text):
    """The control characters of `text` other than the newline, as reprs ("'\\t'")."""
    return sorted({repr(ch) for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"})


def literals_with_control_characters(code):
    """(line, characters) of each string literal whose value holds a control character: "\\t" in
    a non-raw "$\\theta_t$" is a TAB, and the label reads "heta_t"."""
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if bad := control_characters(node.value):
                yield node.lineno, bad


def output_texts(output):
    if "text" in output:
        yield "".join(output["text"])
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/"):
            yield "".join(value) if isinstance(value, list) else value


def figures(notebook):
    """(cell number, alt text or None, PNG bytes) of every committed figure."""
    for number, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            for alt, png in figure_images(output):
                yield number, alt, png


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_control_character_in_a_cell_its_literals_or_its_outputs(path):
    for number, cell in enumerate(load(path)["cells"]):
        text = "".join(cell["source"])
        bad = control_characters(text)
        assert not bad, f"{path.name} cell {number} holds {', '.join(bad)}"
        if cell["cell_type"] == "code":
            for line, bad in literals_with_control_characters(text):
                assert not bad, (
                    f"{path.name} cell {number}, line {line}: a string holds {', '.join(bad)} — "
                    'write TeX in raw strings (r"$\\theta_t$")'
                )
        for output in cell.get("outputs", []):
            for shown in output_texts(output):
                bad = control_characters(shown)
                assert not bad, f"{path.name} cell {number}'s output holds {', '.join(bad)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_control_character_in_a_course_lib_string(path):
    for line, bad in literals_with_control_characters(path.read_text(encoding="utf-8")):
        assert not bad, f"{path.relative_to(ROOT)} line {line}: a string holds {', '.join(bad)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_is_drawn_at_110_dpi_and_reads_at_100_percent(path):
    for number, _, png in figures(load(path)):
        image = Image.open(io.BytesIO(png))
        dpi = image.info.get("dpi", (0, 0))[0]
        assert round(dpi) >= MIN_DPI, (
            f"{path.name} cell {number}: a figure at {dpi:.0f} dpi (course_lib.setup() draws at "
            f"{MIN_DPI}; is a dpi set lower?)"
        )
        assert image.width >= MIN_WIDTH_PX, (
            f"{path.name} cell {number}: a figure {image.width} px wide is too small to read "
            f"(figsize width ≥ 4 in at {MIN_DPI} dpi)"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_has_alt_text_from_its_titles_and_labels(path):
    # the alt text (course_lib.plots.alt_text) is built from the figure's titles and labels, so it
    # shows what a test can read of them: a plot with a legend but no axis labels, or an untitled
    # panel outside a titled gallery, is a figure a learner cannot read either
    for number, alt, _ in figures(load(path)):
        where = f"{path.name} cell {number}"
        assert alt, f"{where}: a figure without alt text (is course_lib.setup() called first?)"
        assert alt != "Figure", f"{where}: a figure with no title and no labels"
        assert "' (legend:" not in alt, f"{where}: a plot without axis labels: {alt}"
        if "no title or axis labels" in alt:
            assert alt.startswith("Figure '"), f"{where}: an untitled, unlabelled panel: {alt}"
