"""The playground's settings: the options of each control, DEFAULTS, their check, and the URL-like
string ("dataset=xor&hidden=4,2&…") an instructor hands to a class."""

from urllib.parse import parse_qsl, urlencode

import numpy as np

from course_lib.optimizers import OPTIMIZERS
from course_lib.playground.data import DATASETS, FEATURES
from course_lib.validation import as_count, as_number

# of activations.HIDDEN_ACTIVATIONS, in TF Playground order
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
REGULARIZATIONS = ("none", "l1", "l2", "dropout")
PROBLEMS = ("classification", "regression")
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 10.0)
MAX_LAYERS, MAX_NEURONS = 6, 8
MAX_SEED, MAX_STOP_EPOCHS, MAX_STOP_LOSS = 10**6, 10**7, 10.0  # the ranges of the widget's boxes

DEFAULTS = {
    "dataset": "circle",
    "noise": 0.0,
    "train_ratio": 0.5,
    "batch_size": 10,
    "features": ("x1", "x2"),
    "hidden": (4, 2),
    "learning_rate": 0.03,
    "activation": "tanh",
    "regularization": "none",
    "rate": 0.0,
    "optimizer": "gd",
    "problem": "classification",
    "seed": 0,
    "stop_epochs": 0,
    "stop_loss": 0.0,
}
# settings that leave the trained network alone (the rest rebuild data and network at epoch 0)
LIVE_SETTINGS = ("stop_epochs", "stop_loss")


def parse_hidden(hidden):
    """Hidden layer sizes from "4, 2", (4, 2) or "" (no hidden layer) as a tuple of ints."""
    if isinstance(hidden, str):
        parts = [p for p in hidden.replace(";", ",").replace(" ", ",").split(",") if p]
        try:
            return tuple(int(p) for p in parts)
        except ValueError:
            raise ValueError(
                f"hidden layers are neurons per layer separated by commas, like 4, 2; "
                f"got {hidden!r}"
            ) from None
    return tuple(int(n) for n in hidden)


def check_settings(settings, has_own_data=False, own_labels=None):
    """The error message for an invalid combination of settings, or None when the network can be
    trained."""
    s = settings
    if s["dataset"] not in DATASETS:
        return f"unknown dataset {s['dataset']!r}; choose one of {', '.join(DATASETS)}"
    if s["dataset"] == "own" and not has_own_data:
        return "dataset 'own' needs your data: Playground(X=..., Y=...) with X (2, m) and Y (1, m)"
    if not s["features"]:
        return "no input feature is selected: tick at least one of " + ", ".join(
            f[0] for f in FEATURES.values()
        )
    unknown = [f for f in s["features"] if f not in FEATURES]
    if unknown:
        return f"unknown feature(s) {unknown}; choose from {', '.join(FEATURES)}"
    try:
        hidden = parse_hidden(s["hidden"])
    except ValueError as error:
        return str(error)
    if any(n < 1 for n in hidden):
        return (
            f"every hidden layer needs at least one neuron; got layers {list(hidden)} — remove "
            f"the empty layer instead"
        )
    if len(hidden) > MAX_LAYERS or any(n > MAX_NEURONS for n in hidden):
        return (
            f"the playground draws up to {MAX_LAYERS} hidden layers of up to {MAX_NEURONS} "
            f"neurons; got {list(hidden)}"
        )
    for name, options in (
        ("activation", ACTIVATIONS),
        ("regularization", REGULARIZATIONS),
        ("optimizer", OPTIMIZERS),
        ("problem", PROBLEMS),
    ):
        if s[name] not in options:
            return f"unknown {name} {s[name]!r}; choose one of {', '.join(options)}"
    try:  # the numbers, by course_lib.validation's rules; its message is the playground's
        as_number(s["learning_rate"], "the learning rate α", low=0, low_open=True)
        as_number(s["train_ratio"], "the train/test ratio", 0.05, 0.95)
        as_count(s["batch_size"], "the batch size", 1)
        as_number(s["rate"], "the regularization rate", low=0)
        as_number(s["noise"], "noise", 0, 0.5)
        as_count(s["seed"], "the seed", 0, MAX_SEED)
        as_count(s["stop_epochs"], "the epoch to stop at", 0, MAX_STOP_EPOCHS, note=" (0: never)")
        as_number(s["stop_loss"], "the loss to stop at", 0, MAX_STOP_LOSS, note=" (0: never)")
    except (TypeError, ValueError) as error:
        return str(error)
    if s["regularization"] == "dropout":
        if not hidden:
            return (
                "dropout drops hidden units, and this network has no hidden layer: add one or "
                "choose L1/L2"
            )
        if s["rate"] >= 1:
            return (
                f"with dropout the rate is the fraction of hidden units dropped, so it must be "
                f"< 1; got {s['rate']:g}"
            )
    if (
        s["dataset"] == "own"
        and s["problem"] == "classification"
        and own_labels is not None
        and not np.isin(own_labels, (0.0, 1.0)).all()
    ):
        return (
            "classification needs 0/1 labels in your Y; for real-valued targets choose problem "
            "= regression"
        )
    return None


def settings_to_string(settings):
    """A URL-like string such as "dataset=xor&features=x1,x2&hidden=4,2&…" for the settings dict."""
    flat = {
        key: ",".join(map(str, value)) if isinstance(value, (tuple, list)) else value
        for key, value in settings.items()
    }
    return urlencode(
        {key: f"{value:g}" if isinstance(value, float) else value for key, value in flat.items()},
        safe=",^",
    )


def settings_from_string(text):
    """The settings dict of a string from settings_to_string (missing keys keep their defaults)."""
    text = text.strip()
    text = text.split("?", 1)[1] if "?" in text else text.split("#", 1)[-1]
    settings = dict(DEFAULTS)
    for key, value in parse_qsl(text, keep_blank_values=True, strict_parsing=False):
        if key not in DEFAULTS:
            raise ValueError(
                f"unknown setting {key!r} in {text!r}; the settings are {', '.join(DEFAULTS)}"
            )
        default = DEFAULTS[key]
        try:
            if key == "features":
                settings[key] = tuple(v for v in value.split(",") if v)
            elif key == "hidden":
                settings[key] = parse_hidden(value)
            elif isinstance(default, bool) or isinstance(default, str):
                settings[key] = value
            else:
                settings[key] = (
                    type(default)(float(value)) if isinstance(default, int) else float(value)
                )
        except ValueError:
            raise ValueError(f"setting {key} must be like {default!r}; got {value!r}") from None
    return settings
