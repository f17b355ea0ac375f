"""Figures the notebooks share: decision boundaries, cost curves, image galleries, activations.

Every function draws on a given matplotlib Axes (or makes one) and returns it, so widgets can
redraw the same axes in place.
"""

import matplotlib.figure
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


def clear_figure(figure):
    """Empty a figure for a redraw: its Axes dropped whole (Figure.clear alone first empties each
    one, the slowest part of a redraw's clearing)."""
    if not isinstance(figure, matplotlib.figure.Figure):
        raise TypeError(f"clear_figure empties a matplotlib Figure; got {type(figure).__name__}")
    for ax in list(figure.axes):
        figure.delaxes(ax)
    figure.clear()


def plot_decision_boundary(predict_fn, X, Y, ax=None, title=None, resolution=200, margin=1.0):
    """Shade the region of each class predict_fn (2, k) → (1, k) gives (0, 1, … C−1), and scatter X
    (2, m) coloured by Y (1, m)."""
    return DecisionRegions(X, Y, ax, resolution, margin).show(predict_fn, title)


class DecisionRegions:
    """plot_decision_boundary for a figure redrawn with model after model (a panel): the points,
    frame and labels are made once; `show(predict_fn, title)` replaces the shaded regions and the
    title only (a new Axes and its points cost more than the regions themselves)."""

    def __init__(self, X, Y, ax=None, resolution=200, margin=1.0):
        self.ax = axes_or_new(ax)
        self.grid, self.xx, self.yy = decision_grid(X, resolution, margin)
        self.Y, self.regions = Y, None
        scatter_classes(X, Y, self.ax)
        self.ax.set_xticks([])
        self.ax.set_yticks([])

    def show(self, predict_fn, title=None):
        """Shade the regions of predict_fn's classes (under the points) and set the title; returns
        the Axes."""
        Z = np.asarray(predict_fn(self.grid), dtype=float).reshape(self.xx.shape)
        C = max(2, int(max(Z.max(), np.max(self.Y))) + 1)
        if self.regions is not None:
            self.regions.remove()
        self.regions = self.ax.contourf(
            self.xx,
            self.yy,
            Z,
            levels=np.arange(C + 1) - 0.5,
            colors=CLASS_COLORS[:C],
            alpha=0.25,
            zorder=0.9,  # below the points (zorder 1), which were drawn first
        )
        if title or self.ax.get_title():
            # y = 1 given: Matplotlib does not place the title around decorations on top
            # (there are none), about 0.6 ms a draw
            self.ax.set_title(title or "", fontsize=10, y=1.0)
        return self.ax


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


# ---- Alt text: every figure a notebook shows carries a one-line description -------------------
# course_lib.setup() calls enable_alt_text(): a matplotlib Figure then displays as text/html
# <img alt="…" src="data:image/png;base64,…"> (JupyterLab's own image/png output has no alt) and no
# separate image/png, so a notebook does not double in size. The alt comes from the suptitle, the
# axes' titles, labels and legends; set_alt_text(fig, "…") replaces it for one figure.

_ALT_ATTRIBUTE = "_course_alt_text"
_TEX_SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "sigma": "σ",
    "Sigma": "Σ",
    "sum": "Σ",
    "prod": "Π",
    "log": "log ",
    "exp": "exp ",
    "nabla": "∇",
    "partial": "∂",
    "times": "×",
    "cdot": "·",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "approx": "≈",
    "infty": "∞",
    "to": "→",
    "rightarrow": "→",
    "pm": "±",
    "sqrt": "√",
}


def _ratio(numerator, denominator):
    """a/b read aloud: "1/2", "(a + b)/2"."""
    return "/".join(part if part.isalnum() else f"({part})" for part in (numerator, denominator))


def _plain(text):
    """A label as a screen reader should read it: mathtext's $…$, TeX commands and braces made
    plain (r"$\\theta_t$" → "θ_t", r"$\\hat{y}$" → "ŷ"), whitespace collapsed to single spaces."""
    import re
    import unicodedata

    if "$" in text:
        text = re.sub(r"(?<!\\)\$", "", text).replace(r"\$", "$")
        text = re.sub(r"\\(?:mathrm|mathbf|mathit|text|operatorname)\b", "", text)
        accents = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7"}
        text = re.sub(
            r"\\(hat|bar|tilde|vec)\{(\w)\}", lambda m: m.group(2) + accents[m.group(1)], text
        )
        fraction = r"\\[dt]?frac\s*(?:\{([^{}]*)\}|(\w))\s*(?:\{([^{}]*)\}|(\w))"
        text = re.sub(fraction, lambda m: _ratio(m[1] or m[2], m[3] or m[4]), text)
        text = re.sub(r"\\([A-Za-z]+)", lambda m: _TEX_SYMBOLS.get(m.group(1), m.group(1)), text)
        text = re.sub(r"\\[,;:! ]", " ", text).replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _check_figure(fig, what):
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(
            f"{what} needs a matplotlib Figure (plt.figure()); got {type(fig).__name__}"
        )


def set_alt_text(fig, text):
    """Give the figure `fig` this one-line alt text instead of the one built from its titles and
    labels; returns fig."""
    _check_figure(fig, "set_alt_text")
    if not isinstance(text, str):
        raise TypeError(f"the alt text must be a string; got {type(text).__name__}")
    if not text.strip():
        raise ValueError("the alt text must describe the figure; got an empty string")
    setattr(fig, _ALT_ATTRIBUTE, " ".join(text.split()))
    return fig


def _describe_axes(ax, twins):
    """One panel: 'title' (x: …, y: …, legend: …), or what it shows when it has no labels."""
    parts = []
    title = _plain(ax.get_title() or ax.get_title("left") or ax.get_title("right"))
    shown = ax.axison
    labels = []
    if shown:
        for axis, label in (("x", ax.get_xlabel()), ("y", ax.get_ylabel())):
            if _plain(label):
                labels.append(f"{axis}: {_plain(label)}")
        if hasattr(ax, "get_zlabel") and _plain(ax.get_zlabel()):
            labels.append(f"z: {_plain(ax.get_zlabel())}")
        for twin in twins:
            for axis, own, other in (
                ("second y", twin.get_ylabel(), ax.get_ylabel()),
                ("second x", twin.get_xlabel(), ax.get_xlabel()),
            ):
                if _plain(own) and _plain(own) != _plain(other):
                    labels.append(f"{axis}: {_plain(own)}")
    entries = [
        _plain(text.get_text())
        for a in (ax, *twins)
        if a.get_legend() is not None
        for text in a.get_legend().get_texts()
        if _plain(text.get_text())
    ]
    if entries:
        more = f" and {len(entries) - 6} more" if len(entries) > 6 else ""
        labels.append("legend: " + ", ".join(entries[:6]) + more)
    if title:
        parts.append(f"'{title}'")
    if ax.images and not shown:
        parts.append("image")
    elif ax.texts and not shown:  # a message drawn in place of a plot
        words = _plain(" ".join(t.get_text() for t in ax.texts))
        parts.append(f"text: '{words if len(words) <= 160 else words[:159] + '…'}'")
    if labels:
        parts.append(f"({', '.join(labels)})")
    return " ".join(parts) if parts else "no title or axis labels"


def alt_text(fig):
    """The figure's one-line alt text: the one given by set_alt_text, else built from the
    suptitle, each panel's title, axis labels and legend, e.g.
    "Figure, 2 panels: 'Cost during training' (x: iteration, y: cost); 'Decision boundary' (x: x₁,
    y: x₂)". Colour bars are named by their label, twin axes join their panel, identical panels
    are counted, a panel showing only a message gives its text, an empty slot is left out."""
    _check_figure(fig, "alt_text")
    explicit = getattr(fig, _ALT_ATTRIBUTE, None)
    if explicit:
        return explicit
    panels, twins, colorbars = [], {}, []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        if not ax.axison and not (ax.get_title() or ax.texts or ax.has_data()):
            continue  # an unused slot of a grid, turned off
        if getattr(ax, "_colorbar", None) is not None:
            label = _plain(ax.get_ylabel() or ax.get_xlabel())
            colorbars.append(f"colour bar: {label}" if label else "colour bar")
            continue
        bounds = np.round(ax.get_position().bounds, 6).tolist()
        match = next(
            (p for p in panels if np.round(p.get_position().bounds, 6).tolist() == bounds), None
        )
        if match is not None:  # twinx / twiny: the same panel with a second scale
            twins[match].append(ax)
            continue
        panels.append(ax)
        twins[ax] = []
    suptitle = fig.get_suptitle()
    head = f"Figure '{_plain(suptitle)}'" if _plain(suptitle) else "Figure"
    if not panels:
        return f"{head}, no panels"
    described = {}  # description: how many panels have it (a gallery reads as its kinds)
    for ax in panels:
        text = _describe_axes(ax, twins[ax])
        described[text] = described.get(text, 0) + 1
    described = [t if n == 1 else f"{t} ({n} panels)" for t, n in described.items()] + colorbars
    count = "1 panel" if len(panels) == 1 else f"{len(panels)} panels"
    return f"{head}, {count}: " + "; ".join(described)


def figure_html(fig, png_base64=None):
    """The figure as one HTML <img> with its alt text and the PNG inline (data: URI); `png_base64`
    is the PNG already rendered (base64 str), else it is rendered as the inline backend would
    (bbox_inches="tight", the figure's dpi). None for a figure with no axes (nothing to show)."""
    import html

    from IPython.core.pylabtools import print_figure

    _check_figure(fig, "figure_html")
    if png_base64 is not None and not isinstance(png_base64, str):
        raise TypeError(f"png_base64 must be a base64 str; got {type(png_base64).__name__}")
    if png_base64 is None:
        png_base64 = print_figure(fig, "png", base64=True)
    if not png_base64:
        return None
    try:
        alt = alt_text(fig)
    except Exception:  # noqa: BLE001 - a figure must still show if describing it fails
        alt = "Figure"
    alt = html.escape(alt, quote=True)
    return f'<img alt="{alt}" src="data:image/png;base64,{png_base64}">'


def enable_alt_text(shell=None):
    """In IPython (a notebook's kernel): show every matplotlib Figure as figure_html's <img alt>
    (text/html) instead of a bare image/png; outside IPython nothing changes. Returns whether it
    is on. Idempotent, and it holds when the inline backend (re)registers its figure printers."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for mime, mixin in (("image/png", _NoFigurePNG), ("text/html", _FigureHTML)):
        if not isinstance(formatters[mime], mixin):
            formatters[mime].__class__ = _with_mixin(mixin, type(formatters[mime]))
    formatters["text/html"].png_formatter = formatters["image/png"]
    return True


class _NoFigurePNG:
    """Mixed into IPython's PNG formatter by enable_alt_text: a Figure gets no image/png (its
    text/html <img alt> carries the PNG); everything else is formatted as before."""

    def __call__(self, obj):
        from matplotlib.figure import Figure

        return None if isinstance(obj, Figure) else super().__call__(obj)


class _FigureHTML:
    """Mixed into IPython's HTML formatter by enable_alt_text: a Figure is figure_html's <img alt>
    with the PNG the inline backend renders (its print_figure settings). Its printer is registered
    at each call: selecting the inline backend's figure formats removes every Figure printer."""

    png_formatter = None

    def __call__(self, obj):
        from matplotlib.figure import Figure

        if isinstance(obj, Figure):
            self.for_type(Figure, self._figure_html)
        return super().__call__(obj)

    def _figure_html(self, fig):
        from matplotlib.figure import Figure

        try:
            png = self.png_formatter.lookup_by_type(Figure)(fig)
        except (AttributeError, KeyError):  # no inline backend: render as it would
            png = None
        if isinstance(png, tuple):  # (data, metadata) from a retina printer
            png = png[0]
        return figure_html(fig, png)


def _with_mixin(mixin, base):
    return type(base)(f"AltText{base.__name__}", (mixin, base), {})


def figure_images(output):
    """The figures in one notebook output (a dict from nbformat): a list of (alt text or None,
    PNG bytes), from an image/png or from figure_html's <img alt> in text/html. For tests and
    tools that read committed figures."""
    import base64
    import html
    import re

    if not isinstance(output, dict):
        raise TypeError(f"output must be a notebook output (a dict); got {type(output).__name__}")
    data = output.get("data", {})
    images = []
    if "image/png" in data:
        images.append((None, base64.b64decode(data["image/png"])))
    markup = data.get("text/html", "")
    markup = "".join(markup) if isinstance(markup, list) else markup
    for alt, png in re.findall(
        r'<img alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', markup
    ):
        images.append((html.unescape(alt), base64.b64decode(png)))
    return images
