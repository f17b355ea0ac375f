"""Alt text for figures (course_lib.plots): the one-line description built from titles and
labels, the explicit override, the <img alt> HTML, and the display formatter setup() enables."""

import base64
import html
import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from course_lib.plots import (
    alt_text,
    enable_alt_text,
    figure_html,
    figure_images,
    set_alt_text,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def two_panels():
    fig = Figure(figsize=(8, 3))
    cost, boundary = fig.subplots(1, 2)
    cost.plot([3, 2, 1], label="train")
    cost.plot([3, 2.5, 2], label="dev")
    cost.legend()
    cost.set(title="Cost during training", xlabel="iteration", ylabel="cost")
    image = boundary.imshow([[0, 1], [1, 0]])
    boundary.set(title="Decision boundary", xlabel="x₁", ylabel="x₂")
    fig.colorbar(image, ax=boundary, label=r"$\hat{y}$")
    fig.suptitle("Training a classifier")
    return fig


def test_alt_text_names_the_suptitle_each_panel_its_labels_legend_and_colour_bar():
    assert alt_text(two_panels()) == (
        "Figure 'Training a classifier', 2 panels: 'Cost during training' (x: iteration, "
        "y: cost, legend: train, dev); 'Decision boundary' (x: x₁, y: x₂); colour bar: ŷ"
    )


def test_tex_in_labels_reads_as_symbols():
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], label=r"$\theta_t$")
    ax.legend()
    ax.set(xlabel=r"$\alpha$ (learning rate)", ylabel=r"$J(\theta)$ \$")
    assert alt_text(fig) == "Figure, 1 panel: (x: α (learning rate), y: J(θ) $, legend: θ_t)"


def test_fractions_and_sums_read_as_text():
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1])
    ax.set(
        title=r"$J = \frac12(w_1^2 + 50 w_2^2)$",
        xlabel=r"$\frac{1}{m}\sum_i \log(a_i)$",
        ylabel=r"$\dfrac{a + b}{2}$ and $g(x)/2$",
    )
    assert alt_text(fig) == (
        "Figure, 1 panel: 'J = 1/2(w_1^2 + 50 w_2^2)' "
        "(x: 1/mΣ_i log (a_i), y: (a + b)/2 and g(x)/2)"
    )


def test_images_with_axes_off_and_repeated_panels_are_grouped():
    fig = Figure()
    for i, ax in enumerate(fig.subplots(2, 3).ravel()):
        ax.imshow([[i]])
        ax.set_axis_off()
        ax.set_title("cat" if i % 2 else "dog")
    assert alt_text(fig) == "Figure, 6 panels: 'dog' image (3 panels); 'cat' image (3 panels)"


def test_a_message_panel_gives_its_text_and_an_empty_slot_is_left_out():
    fig = Figure()
    message, empty = fig.subplots(1, 2)
    message.text(0.5, 0.5, "training diverged:\n$\\alpha$ is too large", ha="center")
    message.set_title("regression")
    message.set_axis_off()
    empty.set_axis_off()
    assert (
        alt_text(fig) == "Figure, 1 panel: 'regression' text: 'training diverged: α is too large'"
    )
    fig = Figure()
    scatter, empty = fig.subplots(1, 2)
    scatter.scatter([0, 1], [1, 0])
    for ax in (scatter, empty):
        ax.set_axis_off()
    assert alt_text(fig) == "Figure, 1 panel: no title or axis labels"  # data, even unlabelled


def test_a_twin_axis_joins_its_panel():
    fig = Figure()
    ax = fig.add_subplot()
    ax.set(xlabel="epoch", ylabel="cost")
    ax.twinx().set_ylabel("accuracy (%)")
    assert alt_text(fig) == "Figure, 1 panel: (x: epoch, y: cost, second y: accuracy (%))"


def test_a_figure_without_labels_still_says_what_it_is():
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    assert alt_text(fig) == "Figure, 1 panel: no title or axis labels"
    assert alt_text(Figure()) == "Figure, no panels"


def test_an_explicit_alt_text_wins_and_is_one_line():
    fig = two_panels()
    assert set_alt_text(fig, "  The cost falls;\n the boundary  is a line. ") is fig
    assert alt_text(fig) == "The cost falls; the boundary is a line."


@pytest.mark.parametrize(
    "fig, text, error",
    [
        ("not a figure", "text", TypeError),
        (Figure(), "   ", ValueError),
        (Figure(), None, TypeError),
    ],
)
def test_set_alt_text_refuses_what_is_not_a_figure_or_a_text(fig, text, error):
    with pytest.raises(error):
        set_alt_text(fig, text)


def test_figure_html_is_an_img_with_escaped_alt_and_the_png_inline():
    fig = Figure(figsize=(4, 3), dpi=110)
    ax = fig.add_subplot()
    ax.plot([1, 2])
    ax.set(title='"quoted" <b>', xlabel="x", ylabel="y")
    markup = figure_html(fig)
    match = re.fullmatch(
        r'<img alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=]+)">', markup
    )
    assert match, markup
    assert (
        html.unescape(match.group(1))
        == alt_text(fig)
        == ("Figure, 1 panel: '\"quoted\" <b>' (x: x, y: y)")
    )
    assert base64.b64decode(match.group(2)).startswith(PNG_MAGIC)
    [(alt, png)] = figure_images({"data": {"text/html": [markup], "text/plain": "<Figure>"}})
    assert alt == alt_text(fig) and png == base64.b64decode(match.group(2))
    assert figure_html(Figure()) is None  # nothing to show, as the inline backend


def test_figure_images_reads_a_plain_image_png_too():
    png = base64.b64encode(PNG_MAGIC + b"rest").decode()
    assert figure_images({"data": {"image/png": png}}) == [(None, PNG_MAGIC + b"rest")]
    assert figure_images({"output_type": "stream", "text": "x"}) == []


def test_outside_ipython_the_formatter_is_not_enabled():
    assert enable_alt_text() is False


@pytest.fixture
def shell():
    """A fresh IPython shell with matplotlib's inline backend, as a notebook kernel has."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_the_formatter_shows_a_figure_as_img_alt_without_a_second_png(shell):
    from IPython.core.pylabtools import select_figure_formats

    select_figure_formats(shell, {"png"})  # the inline backend's printer, before or after
    assert enable_alt_text(shell) is True and enable_alt_text(shell) is True  # idempotent
    select_figure_formats(shell, {"png"})  # re-selecting the formats removes every printer
    fig = two_panels()
    data, _ = shell.display_formatter.format(fig)
    assert "image/png" not in data and data["text/plain"].startswith("<Figure size")
    [(alt, png)] = figure_images({"data": data})
    assert alt == alt_text(fig) and png.startswith(PNG_MAGIC)
    plain = shell.display_formatter.formatters["image/png"]
    assert plain(fig) is None  # a figure's PNG travels only in the <img>
    assert shell.display_formatter.format(1.5)[0] == {"text/plain": "1.5"}  # others unchanged
    plt.close("all")


def test_the_png_is_the_inline_backends(shell):
    """The same bytes the inline backend's own image/png output would carry."""
    from IPython.core.pylabtools import print_figure, select_figure_formats

    select_figure_formats(shell, {"png"})
    enable_alt_text(shell)
    fig = two_panels()
    [(_, png)] = figure_images({"data": shell.display_formatter.format(fig)[0]})
    assert png == print_figure(fig, "png")


def test_a_figure_still_shows_when_describing_it_fails(monkeypatch):
    import course_lib.plots

    def broken(fig):
        raise AttributeError("a matplotlib internal changed")

    monkeypatch.setattr(course_lib.plots, "alt_text", broken)
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    assert figure_html(fig).startswith('<img alt="Figure" src="data:image/png;base64,iVBOR')
