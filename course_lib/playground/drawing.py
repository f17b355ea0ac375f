"""Drawing a PlaygroundCore: each unit's map with lines ∝ |w|, the output over the data, the
losses."""

import weakref

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap

from course_lib.playground.data import FEATURES
from course_lib.plots import clear_figure

ORANGE, BLUE = "#f59322", "#0877bd"
PLAYGROUND_CMAP = LinearSegmentedColormap.from_list("playground", [ORANGE, "#f7f7f7", BLUE])


def _tile_range(values, activation):
    """vmin, vmax for a unit's map: [0, 1] for sigmoid units, else symmetric around 0."""
    if activation == "sigmoid":
        return 0.0, 1.0
    top = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
    return -max(top, 1e-9), max(top, 1e-9)


def draw_playground(core, figure, resolution=24, output_resolution=80):
    """Draw the network (every unit's map, lines ∝ |w|), the output over the data, and the loss
    curves.

    The Axes have fixed positions (AXES_POSITIONS) and are kept from one redraw to the next, and the
    unit maps are pasted into one image: a redraw stays under 100 ms.
    """
    bar_kind = None if core.model is None else core.classification
    net_ax, out_ax, bar_ax, loss_ax = _playground_axes(figure, bar_kind)
    if core.model is None:
        for ax in (net_ax, out_ax, bar_ax, loss_ax):
            ax.set_axis_off()
        net_ax.text(
            0.05,
            0.5,
            "Nothing to train:\n" + _wrap(core.message, 60),
            va="center",
            ha="left",
            fontsize=9,
            color="firebrick",
            transform=net_ax.transAxes,
        )
        return
    _draw_network(core, net_ax, core.unit_maps(resolution))
    image = _draw_output(core, out_ax, core.unit_maps(output_resolution, output_only=True)[-1][0])
    if _BAR_KINDS.get(bar_ax) != bar_kind:
        _draw_colorbar(core, figure, image, bar_ax)
        _BAR_KINDS[bar_ax] = bar_kind
    _draw_losses(core, loss_ax)


# the four Axes of draw_playground: network, output, its colour bar, losses
AXES_POSITIONS = {
    "network": (0.0, 0.0, 0.44, 0.9),
    "output": (0.46, 0.13, 0.23, 0.71),
    "colour bar": (0.69, 0.17, 0.009, 0.63),
    "losses": (0.85, 0.2, 0.13, 0.64),
}


# the colour bar Axes → what its colour bar shows (classification: True, regression: False);
# draw_playground keeps a colour bar while that stays the same (its scale does not depend on the
# network: the output's map is always on [−1, 1])
_BAR_KINDS = weakref.WeakKeyDictionary()


def _playground_axes(figure, bar_kind):
    """The figure's four playground Axes (in AXES_POSITIONS' order), made on a cleared figure the
    first time; later, the same Axes emptied of the last draw's artists (a new Axes costs more than
    its artists: it makes its ticks again). The colour bar's Axes is kept whole while it shows
    bar_kind, else replaced by a new one (a colour bar keeps callbacks on its Axes: drawn again on
    the same one, they would pile up)."""
    kept = {ax.get_label(): ax for ax in figure.axes}
    if sorted(kept) != sorted(AXES_POSITIONS):
        clear_figure(figure)
        return [figure.add_axes(position, label=name) for name, position in AXES_POSITIONS.items()]
    bar_ax = kept.pop("colour bar")
    if bar_kind is None or _BAR_KINDS.get(bar_ax) != bar_kind:
        figure.delaxes(bar_ax)
        bar_ax = figure.add_axes(AXES_POSITIONS["colour bar"], label="colour bar")
        kept["colour bar"] = bar_ax  # new: emptied below like the others (set_axis_on)
    for ax in kept.values():
        for artist in [*ax.images, *ax.collections, *ax.lines, *ax.texts, *ax.patches]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.set_title("")
        ax.set_axis_on()
        ax.relim()
        ax.set_autoscale_on(True)
    kept["colour bar"] = bar_ax
    return [kept[name] for name in AXES_POSITIONS]


def _wrap(text, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


COLUMN_GAP, ROW_GAP = 2.4, 1.35  # in tile widths


def _draw_network(core, ax, maps):
    s = core.settings
    sizes = [m.shape[0] for m in maps]
    tallest = max(sizes)
    centres = [
        [(column * COLUMN_GAP, y) for y in (np.arange(n)[::-1] - (n - 1) / 2) * ROW_GAP]
        for column, n in enumerate(sizes)
    ]
    # one RGBA image holding every tile: P pixels per tile width
    P = maps[0].shape[1]
    x_min, y_max = -0.5, (tallest - 1) / 2 * ROW_GAP + 0.5
    width, height = (
        int(round(((len(sizes) - 1) * COLUMN_GAP + 1) * P)),
        int(round(((tallest - 1) * ROW_GAP + 1) * P)),
    )
    canvas = np.zeros((height, width, 4))
    for column, layer in enumerate(maps):
        activation = (
            "identity"
            if column == 0
            else s["activation"]
            if column < len(maps) - 1
            else ("sigmoid" if core.classification else "linear")
        )
        for (x, y), values in zip(centres[column], layer, strict=True):
            vmin, vmax = _tile_range(values, activation)
            top, left = int(round((y_max - (y + 0.5)) * P)), int(round((x - 0.5 - x_min) * P))
            canvas[top : top + P, left : left + P] = PLAYGROUND_CMAP(
                np.clip((values - vmin) / (vmax - vmin), 0, 1)
            )
    signed = [core.model.parameters[f"W{l}"] for l in range(1, len(sizes))]
    top_w = max(float(np.abs(W).max()) for W in signed) or 1.0
    segments, widths, colors = [], [], []
    for l, W in enumerate(signed, start=1):
        for j, (xj, yj) in enumerate(centres[l]):
            for k, (xk, yk) in enumerate(centres[l - 1]):
                segments.append([(xk + 0.5, yk), (xj - 0.5, yj)])
                widths.append(0.3 + 3.0 * abs(W[j, k]) / top_w)
                colors.append(BLUE if W[j, k] > 0 else ORANGE)
    ax.add_collection(
        LineCollection(segments, linewidths=widths, colors=colors, alpha=0.7, zorder=1)
    )
    ax.imshow(
        canvas,
        extent=(x_min, x_min + width / P, y_max - height / P, y_max),
        interpolation="nearest",
        zorder=2,
    )
    for (x, y), name in zip(centres[0], s["features"], strict=True):
        ax.text(x - 0.6, y, FEATURES[name][0], ha="right", va="center", fontsize=6.5)
    names = (
        ["features"]
        + [f"layer {l}\n({n} {s['activation']})" for l, n in enumerate(core.hidden, start=1)]
        + ["output"]
    )
    for column, name in enumerate(names):
        ax.text(column * COLUMN_GAP, y_max + 0.15, name, ha="center", va="bottom", fontsize=6.5)
    ax.set_xlim(-2.1, (len(sizes) - 1) * COLUMN_GAP + 0.7)
    ax.set_ylim(-y_max - 0.2, y_max + 1.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title("each unit's output over the plane · lines ∝ |w| (blue: w > 0)", fontsize=8)


def plot_output(core, ax, resolution=80, title=None):
    """The network's output over the plane (the decision regions, or the regression surface) with
    the train points (edged white) and test points (edged black) on a Matplotlib Axes; title
    defaults to the dataset's."""
    if core.model is None or core.diverged:
        ax.text(
            0.5,
            0.5,
            _wrap(core.message, 30),
            ha="center",
            va="center",
            fontsize=7,
            color="firebrick",
            transform=ax.transAxes,
        )
        ax.set_axis_off()
    else:
        _draw_output(core, ax, core.unit_maps(resolution, output_only=True)[0][0])
    if title is not None:
        ax.set_title(title, fontsize=8)
    return ax


def _draw_output(core, ax, output):
    d = core.data
    if core.classification:
        ax.imshow(
            2 * output - 1,
            cmap=PLAYGROUND_CMAP,
            vmin=-1,
            vmax=1,
            extent=d["extent"],
            alpha=0.85,
            interpolation="bilinear",
        )
        values_train, values_test = 2 * d["Y_train"][0] - 1, 2 * d["Y_test"][0] - 1
    else:
        ax.imshow(
            output,
            cmap=PLAYGROUND_CMAP,
            vmin=-1,
            vmax=1,
            extent=d["extent"],
            alpha=0.85,
            interpolation="bilinear",
        )
        values_train, values_test = d["Y_train"][0], d["Y_test"][0]
    ax.scatter(
        *d["X_train"],
        c=values_train,
        cmap=PLAYGROUND_CMAP,
        vmin=-1,
        vmax=1,
        s=9,
        edgecolors="white",
        linewidths=0.5,
    )
    ax.scatter(
        *d["X_test"],
        c=values_test,
        cmap=PLAYGROUND_CMAP,
        vmin=-1,
        vmax=1,
        s=9,
        edgecolors="black",
        linewidths=0.5,
    )
    ax.set(xlim=d["extent"][:2], ylim=d["extent"][2:], xticks=[], yticks=[])
    ax.set_xlabel("x₁", fontsize=8, labelpad=1)
    ax.set_ylabel("x₂", fontsize=8, labelpad=1)
    ax.set_title(f"{core.settings['dataset']}: the output (test points edged black)", fontsize=8)
    return ax.images[-1]


def _draw_colorbar(core, figure, image, ax):
    """The output map's colour scale: P(y = 1) for a classifier (the map shows 2a − 1), the
    prediction a for regression."""
    bar = figure.colorbar(image, cax=ax, ticks=(-1, 0, 1))
    bar.solids.set_alpha(1)
    if core.classification:
        bar.set_ticklabels(["0", "0.5", "1"])
    bar.set_label("P(y = 1)" if core.classification else "prediction a", fontsize=7, labelpad=1)
    ax.tick_params(labelsize=7, length=2, pad=1)


def _draw_losses(core, ax):
    h = core.history
    ax.plot(h.epochs, h.train, color="gray", lw=1.2, label=f"train {core.train_loss:.3f}")
    ax.plot(h.epochs, h.test, color="black", lw=1.2, label=f"test {core.test_loss:.3f}")
    ax.set_xlabel("epoch", fontsize=8)
    ax.set_ylabel("loss", fontsize=8, labelpad=1)
    ax.tick_params(labelsize=7)
    ax.locator_params(nbins=4)
    ax.set_ylim(bottom=0)
    ax.set_xlim(0, max(1, core.epoch))
    ax.legend(fontsize=7, loc="upper right")
    ax.set_title(
        "cross-entropy loss" if core.classification else "loss (1/2m) Σ (a − y)²", fontsize=8
    )
