"""Course 4 panel: a convolution's output size from n, f, padding and stride (c4w1)."""

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle

from course_lib.conv import conv_output_size
from course_lib.widgets.panel import Panel


def _grid_lines(ax, size, color):
    """Cell borders of a size×size image drawn with imshow(extent=(0, size, size, 0)), without tick
    machinery."""
    ax.vlines(np.arange(size + 1), 0, size, colors=color, lw=0.6)
    ax.hlines(np.arange(size + 1), 0, size, colors=color, lw=0.6)


class OutputSizePanel(Panel):
    """c4w1: an n×n input, an f×f filter, padding p and stride s; the output size ⌊(n + 2p − f)/s⌋ +
    1 and the windows."""

    css_class = "output-size-panel"

    def __init__(self, n=6, f=3, pad=0, stride=1):
        controls = {
            "n": widgets.IntSlider(
                value=n, min=3, max=16, description="n", continuous_update=False
            ),
            "f": widgets.IntSlider(value=f, min=1, max=7, description="f", continuous_update=False),
            "pad": widgets.IntSlider(
                value=pad, min=0, max=3, description="p", continuous_update=False
            ),
            "stride": widgets.IntSlider(
                value=stride, min=1, max=4, description="s", continuous_update=False
            ),
        }
        super().__init__(
            controls, figsize=(6.0, 3.6), control_width="260px", description_width="30px"
        )

    @staticmethod
    def compute(n, f, pad, stride):
        """The output size, or the reason there is none (a filter larger than the padded input)."""
        try:
            return {
                "n": n,
                "f": f,
                "pad": pad,
                "stride": stride,
                "out": conv_output_size(n, f, pad, stride),
                "error": None,
            }
        except ValueError as error:
            return {"n": n, "f": f, "pad": pad, "stride": stride, "out": None, "error": str(error)}

    def draw(self, result):
        n, f, pad, stride, out = (
            result["n"],
            result["f"],
            result["pad"],
            result["stride"],
            result["out"],
        )
        grid, output = self.figure.subplots(1, 2, width_ratios=[3, 2])
        size = n + 2 * pad
        cells = np.zeros((size, size))
        cells[pad : pad + n, pad : pad + n] = 1  # the image (blue) inside its zero padding (white)
        grid.imshow(
            cells,
            cmap=ListedColormap(["white", "#dfe9f5"]),
            vmin=0,
            vmax=1,
            extent=(0, size, size, 0),
        )
        _grid_lines(grid, size, "#9aa9bb")
        if out:
            last = (out - 1) * stride
            grid.add_patch(
                Rectangle(
                    (0.05, 0.05),
                    f - 0.1,
                    f - 0.1,
                    fill=False,
                    edgecolor="tab:red",
                    lw=2,
                    label="first window",
                )
            )
            grid.add_patch(
                Rectangle(
                    (last + 0.1, 0.1),
                    f - 0.2,
                    f - 0.2,
                    fill=False,
                    edgecolor="tab:orange",
                    lw=1.5,
                    ls="--",
                    label="last window of the row",
                )
            )
            grid.legend(
                loc="upper center", bbox_to_anchor=(0.5, -0.02), fontsize=7, ncol=2, frameon=False
            )
            marks = np.zeros((out, out))
            marks[0, 0], marks[0, -1] = 1, 2
            output.imshow(
                marks,
                cmap=ListedColormap(["#fde0c5", "tab:red", "tab:orange"]),
                vmin=0,
                vmax=2,
                extent=(0, out, out, 0),
            )
            _grid_lines(output, out, "#b08a6a")
            output.set_title(f"output {out}×{out}", fontsize=9)
        else:
            output.text(
                0.5,
                0.5,
                "no output:\nthe filter does not fit",
                ha="center",
                va="center",
                fontsize=9,
            )
        for ax in (grid, output):
            ax.set_axis_off()
        grid.set_title(
            f"input {n}×{n} + padding {pad} (white),\nfilter {f}×{f}, stride {stride}", fontsize=9
        )

    @staticmethod
    def describe(result):
        n, f, pad, stride = result["n"], result["f"], result["pad"], result["stride"]
        if result["error"]:
            return f"n = {n}, f = {f}, p = {pad}, s = {stride}: no output — {result['error']}"
        kind = (
            " (a 'valid' convolution: p = 0)"
            if pad == 0
            else " (a 'same' convolution: p = (f − 1)/2)"
            if stride == 1 and 2 * pad == f - 1
            else ""
        )
        return (
            f"n = {n}, f = {f}, p = {pad}, s = {stride}: ⌊(n + 2p − f)/s⌋ + 1 = "
            f"⌊{n + 2 * pad - f}/{stride}⌋ + 1 = "
            f"{result['out']}, so the output is {result['out']}×{result['out']}{kind}"
        )
