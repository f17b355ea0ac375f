"""The playground: a TensorFlow-Playground-class explorer built on course_lib's own network (all courses).

`PlaygroundCore` is pure and synchronous: settings in (dataset, noise, train/test ratio, batch size, input
features, hidden layers, α, activation, regularization, optimizer, problem type, seed, stop condition),
`step(n)` trains n epochs of mini-batch gradient descent with course_lib.network.Model, and the views are
numbers: loss history, accuracy, the output and every hidden unit over the input plane, |W[l]|.
`Playground` wraps it in ipywidgets with play / pause / step / reset; playing is an asyncio task on the
kernel's event loop that steps the core and redraws a PNG at a steady rate, so the kernel stays free.

Data live on the plane [−6, 6]², as in the TensorFlow Playground; the input features are computed from
(x1, x2). Classification: sigmoid output, cross-entropy J = −(1/m) Σ [y log a + (1 − y) log(1 − a)].
Regression: linear output, J = (1/2m) Σ (a − y)². Settings travel as a dict or a URL-like string
("dataset=xor&hidden=4,2&…") so an instructor can hand a configuration to a class.
"""
import asyncio
import base64
import html
import io
import time
from urllib.parse import parse_qsl, urlencode

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from course_lib.activations import get_activation
from course_lib.losses import compute_cost, squared_error_cost
from course_lib.network import Model, TrainingDiverged
from course_lib.optimizers import OPTIMIZERS
from course_lib.validation import as_examples_matrix

CLASSIFICATION_DATASETS = ("circle", "xor", "gaussian", "spiral", "flower", "moons")
REGRESSION_DATASETS = ("plane", "gaussians")
DATASETS = CLASSIFICATION_DATASETS + REGRESSION_DATASETS + ("own",)
FEATURES = {  # name → (label, φ(x1, x2))
    "x1": ("x₁", lambda x1, x2: x1),
    "x2": ("x₂", lambda x1, x2: x2),
    "x1^2": ("x₁²", lambda x1, x2: x1**2),
    "x2^2": ("x₂²", lambda x1, x2: x2**2),
    "x1x2": ("x₁x₂", lambda x1, x2: x1 * x2),
    "sin_x1": ("sin x₁", lambda x1, x2: np.sin(x1)),
    "sin_x2": ("sin x₂", lambda x1, x2: np.sin(x2)),
}
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
REGULARIZATIONS = ("none", "l1", "l2", "dropout")
PROBLEMS = ("classification", "regression")
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 10.0)
RADIUS = 6.0  # the plane shown is [−RADIUS, RADIUS]²
MAX_LAYERS, MAX_NEURONS = 6, 8

DEFAULTS = {"dataset": "circle", "noise": 0.0, "train_ratio": 0.5, "batch_size": 10, "features": ("x1", "x2"),
            "hidden": (4, 2), "learning_rate": 0.03, "activation": "tanh", "regularization": "none", "rate": 0.0,
            "optimizer": "gd", "problem": "classification", "seed": 0, "stop_epochs": 0, "stop_loss": 0.0}
# settings that leave the trained network alone (the rest rebuild data and network at epoch 0)
LIVE_SETTINGS = ("stop_epochs", "stop_loss")


def make_dataset(name, m=500, noise=0.0, rng=None):
    """m points of a named 2-D problem on [−6, 6]²: X (2, m) and targets Y (1, m).

    Classification sets give 0/1 labels; "plane" gives y = (x1 + x2)/12 and "gaussians" a sum of bumps, both
    in [−1, 1]. noise ∈ [0, 0.5] moves points (circle, xor, spiral, flower, moons), widens the clusters
    (gaussian) or is added to the targets (regression sets), as the TensorFlow Playground does.
    """
    rng = np.random.default_rng(rng)
    if not 0 <= noise <= 0.5:
        raise ValueError(f"noise must lie in [0, 0.5] (a fraction of the plane's radius); got {noise}")
    half = m // 2
    if name == "circle":
        r = np.concatenate([rng.uniform(0, 0.5, half), rng.uniform(0.7, 1.0, m - half)]) * 5
        t = rng.uniform(0, 2 * np.pi, m)
        X = np.stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-5, 5, (2, m)) * noise
        y = np.r_[np.ones(half), np.zeros(m - half)]
    elif name == "xor":
        X = rng.uniform(-5, 5, (2, m))
        X += np.where(X > 0, 0.3, -0.3)  # a gap along the axes
        y = (X[0] * X[1] >= 0).astype(float)
        X = X + rng.uniform(-5, 5, (2, m)) * noise
    elif name == "gaussian":
        spread = 0.5 + 7 * noise  # variance grows with noise, from 0.5 to 4
        X = np.concatenate([rng.normal(2, np.sqrt(spread), (2, half)), rng.normal(-2, np.sqrt(spread), (2, m - half))],
                           axis=1)
        y = np.r_[np.ones(half), np.zeros(m - half)]
    elif name == "spiral":
        parts = []
        for delta, n in ((0.0, half), (np.pi, m - half)):
            i = np.arange(n)
            r, t = i / n * 5, 1.75 * i / n * 2 * np.pi + delta
            parts.append(np.stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-1, 1, (2, n)) * noise * 2)
        X, y = np.concatenate(parts, axis=1), np.r_[np.ones(half), np.zeros(m - half)]
    elif name == "flower":  # the c1w3 planar flower: r = 4 sin(4θ), two classes of petals
        t = np.concatenate([np.linspace(0, 3.12, half), np.linspace(3.12, 6.24, m - half)]) + rng.normal(0, 0.2, m)
        r = 4 * np.sin(4 * t) + rng.normal(0, 0.2 + 2 * noise, m)
        X, y = np.stack([r * np.sin(t), r * np.cos(t)]), np.r_[np.zeros(half), np.ones(m - half)]
    elif name == "moons":
        t = rng.uniform(0, np.pi, m)
        upper = np.arange(m) < half
        X = np.where(upper, [np.cos(t), np.sin(t)], [1 - np.cos(t), 0.5 - np.sin(t)])
        X = (X - [[0.5], [0.25]]) * 3.5 + rng.normal(0, 0.3 + 4 * noise, (2, m)) * 0.5
        y = (~upper).astype(float)
    elif name in REGRESSION_DATASETS:
        X = rng.uniform(-5, 5, (2, m))
        y = regression_target(name, X) + rng.uniform(-1, 1, m) * noise
    else:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(map(repr, DATASETS[:-1]))} "
                         "(or pass your own X, Y to the playground)")
    return X, np.asarray(y, dtype=float).reshape(1, m)


def regression_target(name, X):
    """The noiseless targets (m,) of a regression set at the points X (2, m), in [−1, 1]."""
    if name == "plane":
        return (X[0] + X[1]) / 10
    centres = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    return sum(sign * np.exp(-((X[0] - cx) ** 2 + (X[1] - cy) ** 2) / 2) for cx, cy, sign in centres)


def input_features(X, names):
    """The chosen features φ(x) of the points X (2, m), one row each: (len(names), m)."""
    return np.stack([FEATURES[name][1](X[0], X[1]) for name in names])


def parse_hidden(hidden):
    """Hidden layer sizes from "4, 2", (4, 2) or "" (no hidden layer) as a tuple of ints."""
    if isinstance(hidden, str):
        parts = [p for p in hidden.replace(";", ",").replace(" ", ",").split(",") if p]
        try:
            return tuple(int(p) for p in parts)
        except ValueError:
            raise ValueError(f"hidden layers are neurons per layer separated by commas, like 4, 2; got {hidden!r}") from None
    return tuple(int(n) for n in hidden)


def check_settings(settings, has_own_data=False, own_labels=None):
    """The error message for an invalid combination of settings, or None when the network can be trained."""
    s = settings
    if s["dataset"] not in DATASETS:
        return f"unknown dataset {s['dataset']!r}; choose one of {', '.join(DATASETS)}"
    if s["dataset"] == "own" and not has_own_data:
        return "dataset 'own' needs your data: Playground(X=..., Y=...) with X (2, m) and Y (1, m)"
    if not s["features"]:
        return "no input feature is selected: tick at least one of " + ", ".join(f[0] for f in FEATURES.values())
    unknown = [f for f in s["features"] if f not in FEATURES]
    if unknown:
        return f"unknown feature(s) {unknown}; choose from {', '.join(FEATURES)}"
    try:
        hidden = parse_hidden(s["hidden"])
    except ValueError as error:
        return str(error)
    if any(n < 1 for n in hidden):
        return f"every hidden layer needs at least one neuron; got layers {list(hidden)} — remove the empty layer instead"
    if len(hidden) > MAX_LAYERS or any(n > MAX_NEURONS for n in hidden):
        return f"the playground draws up to {MAX_LAYERS} hidden layers of up to {MAX_NEURONS} neurons; got {list(hidden)}"
    for name, options in (("activation", ACTIVATIONS), ("regularization", REGULARIZATIONS), ("optimizer", OPTIMIZERS),
                          ("problem", PROBLEMS)):
        if s[name] not in options:
            return f"unknown {name} {s[name]!r}; choose one of {', '.join(options)}"
    if not s["learning_rate"] > 0:
        return f"the learning rate α must be positive; got {s['learning_rate']}"
    if not 0.05 <= s["train_ratio"] <= 0.95:
        return f"the train/test ratio must lie in [0.05, 0.95]; got {s['train_ratio']}"
    if s["batch_size"] < 1:
        return f"the batch size must be at least 1; got {s['batch_size']}"
    if s["rate"] < 0:
        return f"the regularization rate must be ≥ 0; got {s['rate']}"
    if s["regularization"] == "dropout":
        if not hidden:
            return "dropout drops hidden units, and this network has no hidden layer: add one or choose L1/L2"
        if s["rate"] >= 1:
            return f"with dropout the rate is the fraction of hidden units dropped, so it must be < 1; got {s['rate']:g}"
    if not 0 <= s["noise"] <= 0.5:
        return f"noise must lie in [0, 0.5]; got {s['noise']}"
    if s["dataset"] == "own" and s["problem"] == "classification" and own_labels is not None \
            and not np.isin(own_labels, (0.0, 1.0)).all():
        return "classification needs 0/1 labels in your Y; for real-valued targets choose problem = regression"
    return None


def settings_to_string(settings):
    """A URL-like string such as "dataset=xor&features=x1,x2&hidden=4,2&…" for the settings dict."""
    flat = {key: ",".join(map(str, value)) if isinstance(value, (tuple, list)) else value for key, value in settings.items()}
    return urlencode({key: f"{value:g}" if isinstance(value, float) else value for key, value in flat.items()}, safe=",^")


def settings_from_string(text):
    """The settings dict of a string from settings_to_string (missing keys keep their defaults)."""
    text = text.strip()
    text = text.split("?", 1)[1] if "?" in text else text.split("#", 1)[-1]
    settings = dict(DEFAULTS)
    for key, value in parse_qsl(text, keep_blank_values=True, strict_parsing=False):
        if key not in DEFAULTS:
            raise ValueError(f"unknown setting {key!r} in {text!r}; the settings are {', '.join(DEFAULTS)}")
        default = DEFAULTS[key]
        try:
            if key == "features":
                settings[key] = tuple(v for v in value.split(",") if v)
            elif key == "hidden":
                settings[key] = parse_hidden(value)
            elif isinstance(default, bool) or isinstance(default, str):
                settings[key] = value
            else:
                settings[key] = type(default)(float(value)) if isinstance(default, int) else float(value)
        except ValueError:
            raise ValueError(f"setting {key} must be like {default!r}; got {value!r}") from None
    return settings


class LossHistory:
    """Train and test loss per recorded epoch, in bounded memory: at most `capacity` points; when full, every
    other point is dropped and from then on only every 2nd (4th, …) epoch is recorded."""

    def __init__(self, capacity=1000):
        self.capacity = capacity
        self.data = np.zeros((3, capacity))  # epoch, train loss, test loss
        self.size, self.stride = 0, 1

    def add(self, epoch, train_loss, test_loss):
        if epoch % self.stride:
            return
        if self.size == self.capacity:
            kept = self.data[:, ::2].copy()
            self.size = kept.shape[1]
            self.data[:, :self.size] = kept
            self.stride *= 2
            if epoch % self.stride:
                return
        self.data[:, self.size] = epoch, train_loss, test_loss
        self.size += 1

    @property
    def epochs(self):
        return self.data[0, :self.size]

    @property
    def train(self):
        return self.data[1, :self.size]

    @property
    def test(self):
        return self.data[2, :self.size]


class PlaygroundCore:
    """The playground without widgets: settings → data and a Model; step(n) trains n epochs; views are arrays.

    X, Y (optional): your own data, X (2, m), Y (1, m) (0/1 labels for classification), used with dataset "own".
    Invalid settings do not raise: `message` says what is wrong and `model` is None until they are fixed.
    """

    def __init__(self, X=None, Y=None, m=500, **settings):
        self.own = None
        if X is not None:
            X = as_examples_matrix(X, "X", n_x=2)
            Y = np.asarray(Y, dtype=float).reshape(1, -1)
            if Y.shape[1] != X.shape[1]:
                raise ValueError(f"Y must be (1, m) = (1, {X.shape[1]}) to match X; got {np.shape(Y)}")
            self.own = (X, Y)
        self.m = m
        self.settings = dict(DEFAULTS, dataset="own" if self.own else DEFAULTS["dataset"])
        self.configure(**settings)

    # settings ---------------------------------------------------------------------------------------------
    def configure(self, **changes):
        """Change settings; anything but the stop condition rebuilds data and network at epoch 0. Returns message."""
        unknown = set(changes) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; the settings are {', '.join(DEFAULTS)}")
        if "features" in changes:
            changes["features"] = tuple(changes["features"])
        if "hidden" in changes:
            try:
                changes["hidden"] = parse_hidden(changes["hidden"])
            except ValueError:
                pass  # kept as typed; reset() turns it into a message
        rebuild = any(changes[k] != self.settings.get(k) for k in changes if k not in LIVE_SETTINGS) or not hasattr(self, "epoch")
        self.settings.update(changes)
        if rebuild:
            self.reset()
        else:
            self._check_stop()
        return self.message

    def to_dict(self):
        """The settings as a plain dict (hidden as a tuple of ints)."""
        settings = dict(self.settings)
        try:
            settings["hidden"] = parse_hidden(settings["hidden"])
        except ValueError:
            pass
        return settings

    def to_string(self):
        """The settings as a URL-like string (see settings_to_string)."""
        return settings_to_string(self.to_dict())

    def load(self, settings):
        """Apply a settings dict or string (missing keys take the defaults); returns the message."""
        settings = settings_from_string(settings) if isinstance(settings, str) else dict(DEFAULTS, **settings)
        return self.configure(**settings)

    # training ---------------------------------------------------------------------------------------------
    def reset(self):
        """New data split and a new network (seeded), epoch 0; message says what is wrong if nothing can train."""
        s = self.settings
        self.epoch, self.history, self.stopped, self.diverged = 0, LossHistory(), None, False
        self.model = self.data = None
        self.message = check_settings(s, self.own is not None, None if self.own is None else self.own[1])
        if self.message:
            return
        self.hidden = parse_hidden(s["hidden"])
        self.classification = s["problem"] == "classification"
        self.data = self._make_data()
        reg = s["regularization"]
        try:
            self.model = self._model(reg)
        except ValueError as error:  # any combination check_settings missed still ends as a message
            self.message, self.data = str(error), None
            return
        self._measure()

    def _model(self, reg):
        s = self.settings
        return Model([len(s["features"]), *self.hidden, 1], hidden_activation=s["activation"],
                           output_activation="sigmoid" if self.classification else "linear", init="xavier",
                           learning_rate=s["learning_rate"], lambd=s["rate"] if reg in ("l1", "l2") else 0.0,
                           penalty="l1" if reg == "l1" else "l2",
                           keep_prob=1 - s["rate"] if reg == "dropout" else 1.0, optimizer=s["optimizer"],
                           rng=np.random.default_rng([s["seed"], 1]))

    def _make_data(self):
        s = self.settings
        rng = np.random.default_rng([s["seed"], 0])
        if s["dataset"] == "own":
            X, T = self.own
        else:
            X, T = make_dataset(s["dataset"], self.m, s["noise"], rng)
        if self.classification and s["dataset"] in REGRESSION_DATASETS:
            T = (T > 0).astype(float)  # a regression set as a classification: the sign of the target
        elif not self.classification and s["dataset"] in CLASSIFICATION_DATASETS:
            T = 2 * T - 1  # labels 0/1 as regression targets −1/+1
        m = X.shape[1]
        order = rng.permutation(m)
        n_train = int(np.clip(round(s["train_ratio"] * m), 1, m - 1))
        train, test = order[:n_train], order[n_train:]
        F = input_features(X, s["features"])
        return {"X_train": X[:, train], "Y_train": T[:, train], "X_test": X[:, test], "Y_test": T[:, test],
                "F_train": F[:, train], "F_test": F[:, test], "extent": self._extent(X)}

    def _extent(self, X):
        if self.settings["dataset"] != "own":
            return (-RADIUS, RADIUS, -RADIUS, RADIUS)
        low, high = X.min(axis=1), X.max(axis=1)
        pad = 0.1 * np.maximum(high - low, 1e-9)
        return (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])

    def step(self, n=1):
        """Train up to n epochs (one pass over the shuffled training set in mini-batches each); returns how many ran.

        Stops early at the stop condition (stop_epochs > 0 epochs, or training loss ≤ stop_loss > 0) or when
        training diverges (then `message` says so and `diverged` is True).
        """
        done = 0
        while done < n and self.model is not None and not self.stopped and not self.diverged:
            d = self.data
            try:
                self.model.fit_epochs(d["F_train"], d["Y_train"], 1, self.settings["batch_size"])
            except TrainingDiverged:
                self._diverge(self.epoch + 1)
                break
            history = self.model.history  # keep the first cost (the divergence test compares with it), drop the rest
            del history["cost"][1:-1]
            history["epoch_cost"].clear()
            self.epoch += 1
            done += 1
            self._measure()
            if self.diverged:
                break
            self._check_stop()
        return done

    def _diverge(self, epoch):
        self.diverged = True
        self.message = (f"training diverged in epoch {epoch}: the loss blew up. The learning rate "
                        f"α = {self.settings['learning_rate']:g} is too large for {self.settings['optimizer']} here — "
                        "try α / 10, then press reset")

    def _measure(self):
        d = self.data
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            A_train, A_test = self.model.forward(d["F_train"]), self.model.forward(d["F_test"])
            self.train_loss, self.test_loss = self.loss(A_train, d["Y_train"]), self.loss(A_test, d["Y_test"])
        if not (np.isfinite(self.train_loss) and np.isfinite(self.test_loss)):
            self._diverge(self.epoch)
            return
        self.history.add(self.epoch, self.train_loss, self.test_loss)
        if self.classification:
            self.train_accuracy = float(np.mean((A_train > 0.5) == d["Y_train"]))
            self.test_accuracy = float(np.mean((A_test > 0.5) == d["Y_test"]))
        else:
            self.train_accuracy = self.test_accuracy = None

    def loss(self, AL, Y):
        """The data loss (no penalty): cross-entropy for classification, (1/2m) Σ (a − y)² for regression."""
        return compute_cost(AL, Y) if self.classification else squared_error_cost(AL, Y)

    def _check_stop(self):
        if self.model is None or self.diverged:
            return
        s = self.settings
        if s["stop_epochs"] and self.epoch >= s["stop_epochs"]:
            self.stopped = f"stopped at epoch {self.epoch}: the stop condition is {s['stop_epochs']} epochs"
        elif s["stop_loss"] and self.train_loss <= s["stop_loss"]:
            self.stopped = f"stopped at epoch {self.epoch}: training loss {self.train_loss:.4f} ≤ target {s['stop_loss']:g}"
        else:
            self.stopped = None

    # views ------------------------------------------------------------------------------------------------
    def grid(self, resolution=50):
        """Grid points (2, resolution²) over the plane shown, row by row from the top (x2 high) down."""
        x0, x1, y0, y1 = self.data["extent"]
        xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y1, y0, resolution))
        return np.vstack([xx.ravel(), yy.ravel()])

    def unit_maps(self, resolution=50, output_only=False):
        """Every unit's output over the plane: a list per layer (features, hidden layers…, output) of
        (n[l], resolution, resolution) arrays, without dropout (as the network predicts); output_only: [output]."""
        s = self.settings
        A = input_features(self.grid(resolution), s["features"])
        maps = [] if output_only else [A.reshape(-1, resolution, resolution)]
        L = len(self.hidden) + 1
        with np.errstate(over="ignore", invalid="ignore"):
            for l in range(1, L + 1):
                Z = self.model.parameters[f"W{l}"] @ A + self.model.parameters[f"b{l}"]
                A = get_activation(s["activation"] if l < L else ("sigmoid" if self.classification else "linear"))[0](Z)
                if l == L or not output_only:
                    maps.append(A.reshape(-1, resolution, resolution))
        return maps

    def weight_magnitudes(self):
        """|W[l]| for l = 1…L, each (n[l], n[l−1])."""
        return [np.abs(self.model.parameters[f"W{l}"]) for l in range(1, len(self.hidden) + 2)]

    def summary(self, loss_format=".4f"):
        """One line: epoch, losses (in loss_format), accuracies, or the message (invalid settings, divergence)."""
        if self.model is None or self.diverged:
            return self.message
        text = f"epoch {self.epoch} · train loss {self.train_loss:{loss_format}} · test loss {self.test_loss:{loss_format}}"
        if self.classification:
            text += f" · train accuracy {self.train_accuracy:.1%} · test accuracy {self.test_accuracy:.1%}"
        return text


# ---------------------------------------------------------------------------------------------------------
# drawing

ORANGE, BLUE = "#f59322", "#0877bd"
PLAYGROUND_CMAP = LinearSegmentedColormap.from_list("playground", [ORANGE, "#f7f7f7", BLUE])


def _tile_range(values, activation):
    """vmin, vmax for a unit's map: [0, 1] for sigmoid units, else symmetric around 0."""
    if activation == "sigmoid":
        return 0.0, 1.0
    top = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
    return -max(top, 1e-9), max(top, 1e-9)


def draw_playground(core, figure, resolution=24, output_resolution=80):
    """Draw the network (every unit's map, lines ∝ |w|), the output over the data, and the loss curves.

    The axes have fixed positions and the unit maps are pasted into one image: a redraw stays well under 300 ms.
    """
    figure.clear()
    net_ax = figure.add_axes((0.0, 0.0, 0.5, 0.9))
    out_ax = figure.add_axes((0.52, 0.04, 0.25, 0.8))
    loss_ax = figure.add_axes((0.825, 0.17, 0.165, 0.67))
    if core.model is None:
        for ax in (net_ax, out_ax, loss_ax):
            ax.set_axis_off()
        net_ax.text(0.05, 0.5, "Nothing to train:\n" + _wrap(core.message, 60), va="center", ha="left", fontsize=9,
                    color="firebrick", transform=net_ax.transAxes)
        return
    _draw_network(core, net_ax, core.unit_maps(resolution))
    _draw_output(core, out_ax, core.unit_maps(output_resolution, output_only=True)[-1][0])
    _draw_losses(core, loss_ax)


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
    centres = [[(column * COLUMN_GAP, y) for y in (np.arange(n)[::-1] - (n - 1) / 2) * ROW_GAP]
               for column, n in enumerate(sizes)]
    # one RGBA image holding every tile: P pixels per tile width
    P = maps[0].shape[1]
    x_min, y_max = -0.5, (tallest - 1) / 2 * ROW_GAP + 0.5
    width, height = int(round(((len(sizes) - 1) * COLUMN_GAP + 1) * P)), int(round(((tallest - 1) * ROW_GAP + 1) * P))
    canvas = np.zeros((height, width, 4))
    for column, layer in enumerate(maps):
        activation = "identity" if column == 0 else s["activation"] if column < len(maps) - 1 else (
            "sigmoid" if core.classification else "linear")
        for (x, y), values in zip(centres[column], layer, strict=True):
            vmin, vmax = _tile_range(values, activation)
            top, left = int(round((y_max - (y + 0.5)) * P)), int(round((x - 0.5 - x_min) * P))
            canvas[top:top + P, left:left + P] = PLAYGROUND_CMAP(np.clip((values - vmin) / (vmax - vmin), 0, 1))
    signed = [core.model.parameters[f"W{l}"] for l in range(1, len(sizes))]
    top_w = max(float(np.abs(W).max()) for W in signed) or 1.0
    segments, widths, colors = [], [], []
    for l, W in enumerate(signed, start=1):
        for j, (xj, yj) in enumerate(centres[l]):
            for k, (xk, yk) in enumerate(centres[l - 1]):
                segments.append([(xk + 0.5, yk), (xj - 0.5, yj)])
                widths.append(0.3 + 3.0 * abs(W[j, k]) / top_w)
                colors.append(BLUE if W[j, k] > 0 else ORANGE)
    ax.add_collection(LineCollection(segments, linewidths=widths, colors=colors, alpha=0.7, zorder=1))
    ax.imshow(canvas, extent=(x_min, x_min + width / P, y_max - height / P, y_max), interpolation="nearest", zorder=2)
    for (x, y), name in zip(centres[0], s["features"], strict=True):
        ax.text(x - 0.6, y, FEATURES[name][0], ha="right", va="center", fontsize=7)
    names = ["features"] + [f"layer {l}\n({n} {s['activation']})" for l, n in enumerate(core.hidden, start=1)] + ["output"]
    for column, name in enumerate(names):
        ax.text(column * COLUMN_GAP, y_max + 0.15, name, ha="center", va="bottom", fontsize=7)
    ax.set_xlim(-1.7, (len(sizes) - 1) * COLUMN_GAP + 0.7)
    ax.set_ylim(-y_max - 0.2, y_max + 1.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title("each unit's output over the plane · lines ∝ |w| (blue: w > 0)", fontsize=8)


def plot_output(core, ax, resolution=80, title=None):
    """The network's output over the plane (the decision regions, or the regression surface) with the train
    points (edged white) and test points (edged black) on a Matplotlib Axes; title defaults to the dataset's."""
    if core.model is None or core.diverged:
        ax.text(0.5, 0.5, _wrap(core.message, 30), ha="center", va="center", fontsize=7, color="firebrick",
                transform=ax.transAxes)
        ax.set_axis_off()
    else:
        _draw_output(core, ax, core.unit_maps(resolution, output_only=True)[0][0])
    if title is not None:
        ax.set_title(title, fontsize=8)
    return ax


def _draw_output(core, ax, output):
    d = core.data
    if core.classification:
        ax.imshow(2 * output - 1, cmap=PLAYGROUND_CMAP, vmin=-1, vmax=1, extent=d["extent"], alpha=0.85, interpolation="bilinear")
        values_train, values_test = 2 * d["Y_train"][0] - 1, 2 * d["Y_test"][0] - 1
    else:
        ax.imshow(output, cmap=PLAYGROUND_CMAP, vmin=-1, vmax=1, extent=d["extent"], alpha=0.85, interpolation="bilinear")
        values_train, values_test = d["Y_train"][0], d["Y_test"][0]
    ax.scatter(*d["X_train"], c=values_train, cmap=PLAYGROUND_CMAP, vmin=-1, vmax=1, s=9, edgecolors="white",
               linewidths=0.5)
    ax.scatter(*d["X_test"], c=values_test, cmap=PLAYGROUND_CMAP, vmin=-1, vmax=1, s=9, edgecolors="black",
               linewidths=0.5)
    ax.set(xlim=d["extent"][:2], ylim=d["extent"][2:], xticks=[], yticks=[])
    ax.set_title(f"{core.settings['dataset']}: the output (test points edged black)", fontsize=8)


def _draw_losses(core, ax):
    h = core.history
    ax.plot(h.epochs, h.train, color="gray", lw=1.2, label=f"train {core.train_loss:.3f}")
    ax.plot(h.epochs, h.test, color="black", lw=1.2, label=f"test {core.test_loss:.3f}")
    ax.set_xlabel("epoch", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.locator_params(nbins=4)
    ax.set_ylim(bottom=0)
    ax.set_xlim(0, max(1, core.epoch))
    ax.legend(fontsize=7, loc="upper right")
    ax.set_title("cross-entropy loss" if core.classification else "loss (1/2m) Σ (a − y)²", fontsize=8)


# ---------------------------------------------------------------------------------------------------------
# the widget

class Playground:
    """The playground in JupyterLab: controls, play / pause / step / reset, an epoch counter, the views as a PNG.

    `core` is the PlaygroundCore (step it directly in tests); `controls` maps each setting (and every input
    feature as "feature_<name>") to its widget, so setting `.value` reconfigures the core and redraws.
    `play()` starts training as an asyncio task on the running event loop (the kernel's), redrawing every
    `frame_s` seconds; `pause()` stops it. It starts paused. Nothing prints: problems go to the message line.
    """

    def __init__(self, X=None, Y=None, settings=None, frame_s=0.25, resolution=24, **kwargs):
        self.core = PlaygroundCore(X, Y)
        if settings is not None:
            self.core.load(settings)
        if kwargs:
            self.core.configure(**kwargs)
        self.frame_s, self.resolution = frame_s, resolution
        self.task, self._stop = None, False
        self._syncing = False
        self.figure = Figure(figsize=(10.2, 3.3), dpi=80)
        self.controls = self._make_controls()
        self.buttons = {}
        for name, icon, tip in (("play", "play", "train in the background"), ("pause", "pause", "stop training"),
                                ("step", "step-forward", "train one epoch"), ("reset", "undo", "new network, epoch 0")):
            button = widgets.Button(description=name, icon=icon, tooltip=tip, layout=widgets.Layout(width="90px"))
            button.add_class(f"playground-{name}")
            self.buttons[name] = button
        self.buttons["play"].on_click(lambda _: self.play())
        self.buttons["pause"].on_click(lambda _: self.pause())
        self.buttons["step"].on_click(lambda _: self.step(1))
        self.buttons["reset"].on_click(lambda _: self.reset())
        self.epoch_label = widgets.HTML()
        self.epoch_label.add_class("playground-epoch")
        self.readout = widgets.HTML()
        self.readout.add_class("panel-readout")
        self.message = widgets.HTML()
        self.message.add_class("playground-message")
        self.settings_text = widgets.Text(description="settings", continuous_update=False,
                                          layout=widgets.Layout(width="98%"))
        self.settings_text.add_class("playground-settings")
        self.settings_text.observe(self._on_settings_text, names="value")
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{int(10.2 * 80)}px"))
        self.image.add_class("panel-figure")
        self.image.add_class("playground-figure")
        c = self.controls
        row = lambda names, **kw: widgets.HBox([c[n] for n in names], layout=widgets.Layout(flex_flow="row wrap", **kw))  # noqa: E731
        features = widgets.HBox([widgets.Label("features")] + [c[f"feature_{f}"] for f in FEATURES],
                                layout=widgets.Layout(flex_flow="row wrap"))
        self.box = widgets.VBox([
            widgets.HBox(list(self.buttons.values()) + [self.epoch_label], layout=widgets.Layout(align_items="center")),
            row(["dataset", "problem", "noise", "train_ratio", "batch_size", "seed"]),
            features,
            row(["hidden", "activation", "learning_rate", "optimizer"]),
            row(["regularization", "rate", "stop_epochs", "stop_loss"]),
            self.message, self.readout, self.image, self.settings_text])
        self.box.add_class("course-panel")
        self.box.add_class("playground")
        self._sync_controls()
        self.redraw()

    def _make_controls(self):
        dataset_options = [d for d in DATASETS if d != "own" or self.core.own is not None]
        controls = {
            "dataset": widgets.Dropdown(options=dataset_options, description="data"),
            "problem": widgets.Dropdown(options=PROBLEMS, description="problem"),
            "noise": widgets.FloatSlider(min=0, max=0.5, step=0.05, description="noise", continuous_update=False),
            "train_ratio": widgets.FloatSlider(min=0.1, max=0.9, step=0.1, description="train part",
                                               continuous_update=False, readout_format=".0%"),
            "batch_size": widgets.IntSlider(min=1, max=30, description="batch size", continuous_update=False),
            "seed": widgets.BoundedIntText(min=0, max=10**6, description="seed"),
            "hidden": widgets.Text(description="hidden", placeholder="neurons per layer, e.g. 4, 2", continuous_update=False),
            "activation": widgets.Dropdown(options=ACTIVATIONS, description="activation"),
            "learning_rate": widgets.SelectionSlider(options=LEARNING_RATES, description="α", continuous_update=False),
            "optimizer": widgets.Dropdown(options=OPTIMIZERS, description="optimizer"),
            "regularization": widgets.Dropdown(options=REGULARIZATIONS, description="regularize"),
            "rate": widgets.SelectionSlider(options=RATES, description="rate (λ, p)", continuous_update=False),
            "stop_epochs": widgets.BoundedIntText(min=0, max=10**7, description="stop at epoch",
                                                  tooltip="stop training at this epoch (0: never)"),
            "stop_loss": widgets.BoundedFloatText(min=0, max=10, step=0.01, description="stop at loss",
                                                  tooltip="stop when the training loss falls to this value (0: never)"),
        }
        for name, control in controls.items():
            control.style.description_width = "95px" if name.startswith("stop_") else "70px"
            control.layout.width = {"seed": "190px", "hidden": "190px", "stop_epochs": "215px", "stop_loss": "215px"}.get(
                name, "250px")
        for name, (label, _) in FEATURES.items():
            controls[f"feature_{name}"] = widgets.Checkbox(description=label, indent=False,
                                                           layout=widgets.Layout(width="78px"))
        for name, control in controls.items():
            control.add_class(f"control-{name}")
            control.observe(lambda change, name=name: self._on_control(name), names="value")
        return controls

    # controls ↔ core ---------------------------------------------------------------------------------------
    def settings(self):
        """The settings the controls show, as a dict for PlaygroundCore.configure."""
        c = self.controls
        values = {name: c[name].value for name in DEFAULTS if name not in ("features",)}
        values["features"] = tuple(f for f in FEATURES if c[f"feature_{f}"].value)
        return values

    def _sync_controls(self):
        """Show the core's settings on the controls (without reacting to the changes)."""
        s = self.core.settings
        self._syncing = True
        try:
            for name in DEFAULTS:
                if name == "features":
                    for f in FEATURES:
                        self.controls[f"feature_{f}"].value = f in s["features"]
                elif name == "hidden":
                    self.controls["hidden"].value = ", ".join(map(str, s["hidden"])) if not isinstance(s["hidden"], str) \
                        else s["hidden"]
                elif name in ("learning_rate", "rate"):
                    control = self.controls[name]
                    if s[name] not in control.options:  # a value from a settings string between the slider's stops
                        control.options = sorted({*control.options, float(s[name])})
                    control.value = s[name]
                elif s[name] in getattr(self.controls[name], "options", (s[name],)):
                    self.controls[name].value = s[name]  # (a dataset "own" without own data stays off the menu)
        finally:
            self._syncing = False

    def _on_control(self, name):
        if self._syncing:
            return
        self.core.configure(**self.settings())
        self.redraw()

    def _on_settings_text(self, change):
        if self._syncing or change["new"] == self.core.to_string():
            return
        self.load(change["new"])

    def load(self, settings):
        """Apply a settings dict or URL-like string: the controls follow, the network restarts at epoch 0."""
        try:
            self.core.load(settings)
        except ValueError as error:
            self.message.value = f"<span style='color:firebrick'>{html.escape(str(error))}</span>"
            return
        self._sync_controls()
        self.redraw()

    # actions ------------------------------------------------------------------------------------------------
    def step(self, n=1):
        """Train n epochs now (synchronously) and redraw; returns how many ran."""
        done = self.core.step(n)
        self.redraw()
        return done

    def reset(self):
        """A new network at epoch 0 with the same settings (training keeps its play/pause state)."""
        self.core.reset()
        self.redraw()

    @property
    def playing(self):
        return self.task is not None and not self.task.done() and not self._stop

    def play(self):
        """Start background training on the running asyncio loop (the kernel's); no-op when already playing."""
        if self.playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError("play() trains on a running asyncio event loop, as in a Jupyter kernel; "
                               "outside one, call step(n)") from None
        self._stop = False
        self.task = loop.create_task(self._run())
        self._show_state()

    def pause(self):
        """Stop background training after the epoch in progress. The training loop checks a flag every epoch, so this
        works whichever thread the kernel runs a button's callback on; the task shows the final state itself."""
        self._stop = True
        if self.task is None or self.task.done():
            self._show_state()

    async def _run(self):
        try:
            while not self._stop and self.core.model is not None and not self.core.stopped and not self.core.diverged:
                deadline = time.perf_counter() + self.frame_s
                while not self._stop and time.perf_counter() < deadline and self.core.step(1):
                    pass
                self.redraw()
                await asyncio.sleep(0.01)  # let the kernel handle clicks and control changes between frames
        except Exception as error:  # noqa: BLE001 - a background task must report, never print a traceback
            self.message.value = f"<span style='color:firebrick'>training stopped: {html.escape(repr(error))}</span>"
        finally:
            if self.task is asyncio.current_task():
                self.task = None
            self._show_state()

    # views --------------------------------------------------------------------------------------------------
    def redraw(self):
        """Redraw the figure, the readout, the epoch counter, the message and the settings string."""
        draw_playground(self.core, self.figure, self.resolution)
        self.image.value = self._png()
        self.readout.value = html.escape(self.core.summary()) if self.core.model is not None and not self.core.diverged else ""
        self._syncing = True
        try:
            self.settings_text.value = self.core.to_string()
        finally:
            self._syncing = False
        self._show_state()

    def _show_state(self):
        core = self.core
        self.epoch_label.value = f"<b>epoch {core.epoch}</b>" + (" · playing" if self.playing else " · paused")
        note = core.message if (core.model is None or core.diverged) else core.stopped
        color = "firebrick" if (core.model is None or core.diverged) else "darkgreen"
        self.message.value = f"<span style='color:{color}'>{html.escape(note)}</span>" if note else ""
        self.buttons["play"].disabled = self.playing
        self.buttons["pause"].disabled = not self.playing

    def _png(self, compress_level=1):
        """The figure as PNG bytes; live frames use fast, light compression (level 1), saved pictures level 6."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", pil_kwargs={"compress_level": compress_level})
        return buffer.getvalue()

    def _repr_mimebundle_(self, **kwargs):
        """The live playground for JupyterLab; the summary and a still picture elsewhere."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"Playground: {self.core.summary()}\nsettings: {self.core.to_string()}"
        bundle["image/png"] = base64.b64encode(self._png(compress_level=6)).decode("ascii")
        return bundle
