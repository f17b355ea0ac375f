"""Figures the notebooks share: decision boundaries, cost curves, image galleries, activations.

Every function draws on a given matplotlib Axes (or makes one) and returns it, so widgets can
redraw the same axes in place.
"""

import matplotlib.pyplot as plt
import numpy as np

from course_lib.activations import derivative, get_activation
from course_lib.validation import as_examples_matrix

CLASS_COLORS = (
    "#d95f02",
    "#1b9e77",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)  # classes 0, 1, …


def axes_or_new(ax, figsize=(4, 3.2)):
    """The given Axes, or a new figure's Axes of the given size."""
    return ax if ax is not None else plt.subplots(figsize=figsize)[1]


def decision_grid(X, resolution=200, margin=1.0):
    """Grid points (2, resolution²) covering X (2, m) plus a margin, and the meshgrid arrays xx,
    yy."""
    X = as_examples_matrix(X, "X", n_x=2)
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(
        np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution)
    )
    return np.vstack([xx.ravel(), yy.ravel()]), xx, yy


def plot_decision_boundary(predict_fn, X, Y, ax=None, title=None, resolution=200, margin=1.0):
    """Shade the region of each class predict_fn (2, k) → (1, k) gives (0, 1, … C−1), and scatter X
    (2, m) coloured by Y (1, m)."""
    ax = axes_or_new(ax)
    grid, xx, yy = decision_grid(X, resolution, margin)
    Z = np.asarray(predict_fn(grid), dtype=float).reshape(xx.shape)
    C = max(2, int(max(Z.max(), np.max(Y))) + 1)
    ax.contourf(xx, yy, Z, levels=np.arange(C + 1) - 0.5, colors=CLASS_COLORS[:C], alpha=0.25)
    scatter_classes(X, Y, ax)
    if title:
        ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def scatter_classes(X, Y, ax=None, size=12):
    """Scatter X (2, m) with one colour per class of Y (1, m), labels 0…C−1."""
    ax = axes_or_new(ax)
    labels = np.asarray(Y).ravel()
    if labels.max() >= len(CLASS_COLORS):
        raise ValueError(
            f"scatter_classes has colours for {len(CLASS_COLORS)} classes; got labels "
            f"up to {int(labels.max())}"
        )
    for k, color in enumerate(CLASS_COLORS[: max(2, int(labels.max()) + 1)]):
        mask = labels == k
        ax.scatter(
            X[0, mask],
            X[1, mask],
            s=size,
            c=color,
            edgecolors="k",
            linewidths=0.3,
            label=f"y = {k}",
        )
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    return ax


def plot_costs(costs, ax=None, label=None, title="Cost during training", **line_kwargs):
    """The cost J against the iteration number."""
    ax = axes_or_new(ax)
    ax.plot(np.arange(len(costs)), costs, label=label, **line_kwargs)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    if title:
        ax.set_title(title, fontsize=10)
    if label:
        ax.legend(fontsize=8, loc="upper right")
    return ax


def show_images(X, image_shape, titles=None, ncols=8, size=1.1, cmap="gray"):
    """A gallery of the columns of X (h·w, k) reshaped to image_shape, with optional titles; returns
    the figure.

    cmap: the colour map ("gray": 0 black, 1 white; "gray_r": dark ink on white, as for digits)."""
    X = as_examples_matrix(X, "X")
    k = X.shape[1]
    nrows = max(1, int(np.ceil(k / ncols)))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(ncols * size, nrows * size * 1.15), squeeze=False
    )
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < k:
            ax.imshow(X[:, i].reshape(image_shape), cmap=cmap)
            if titles is not None:
                ax.set_title(titles[i], fontsize=7)
    fig.tight_layout()
    return fig


def _zoom_slope_inset(ax, z, slope):
    """An inset on ax drawing the small constant g′ = slope at z on a scale that shows it."""
    inset = ax.inset_axes([0.1, 0.3, 0.36, 0.34])  # upper left, below the legend
    inset.plot(z, slope, "--", color="C1")
    inset.set_ylim(0, 2 * np.abs(slope).max())
    inset.set_xlabel("z", fontsize=6, labelpad=1)
    inset.tick_params(labelsize=6)
    inset.set_title(f"g′(z) zoomed in: {slope[0]:.3g}", fontsize=7)


def plot_activation(name, ax=None, z_range=(-5, 5)):
    """g(z) and g′(z) of the named activation on z_range.

    A constant slope too small to see at the scale of the plot (leaky ReLU's 0.01 for z < 0) gets an
    inset that zooms in on it, with its value written in."""
    ax = axes_or_new(ax, figsize=(4, 3.2))
    z = np.linspace(*z_range, 401).reshape(1, -1)
    slope = derivative(name, z).ravel()
    ax.plot(z.ravel(), get_activation(name)[0](z).ravel(), label="g(z)")
    ax.plot(z.ravel(), slope, "--", label="g′(z)")
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set_xlabel("z")
    ax.set_ylabel("g(z), g′(z)")
    small = (np.abs(slope) > 0) & (np.abs(slope) < 0.05 * np.abs(slope).max())
    if small.any() and np.allclose(slope[small], slope[small][0]):
        _zoom_slope_inset(ax, z.ravel()[small], slope[small])
    ax.set_title(name, fontsize=10)
    ax.legend(fontsize=7)
    return ax
