"""The playground without widgets: PlaygroundCore (settings → data and a Model, step(n), views as
arrays) and LossHistory, its bounded record of the train and test loss."""

import numpy as np

from course_lib.losses import _cross_entropy, _squared_error
from course_lib.network import L_model_forward, Model, TrainingDiverged
from course_lib.playground.data import (
    CLASSIFICATION_DATASETS,
    RADIUS,
    REGRESSION_DATASETS,
    input_features,
    make_dataset,
)
from course_lib.playground.settings import (
    DEFAULTS,
    LIVE_SETTINGS,
    check_settings,
    parse_hidden,
    settings_from_string,
    settings_to_string,
)
from course_lib.validation import as_examples_matrix


class LossHistory:
    """Train and test loss per recorded epoch, in bounded memory: at most `capacity` points; when
    full, every other point is dropped and from then on only every 2nd (4th, …) epoch is
    recorded."""

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
            self.data[:, : self.size] = kept
            self.stride *= 2
            if epoch % self.stride:
                return
        self.data[:, self.size] = epoch, train_loss, test_loss
        self.size += 1

    @property
    def epochs(self):
        return self.data[0, : self.size]

    @property
    def train(self):
        return self.data[1, : self.size]

    @property
    def test(self):
        return self.data[2, : self.size]


class PlaygroundCore:
    """The playground without widgets: settings → data and a Model; step(n) trains n epochs; views
    are arrays.

    X, Y (optional): your own data, X (2, m), Y (1, m) (0/1 labels for classification), used with
    dataset "own".
    Invalid settings do not raise: `message` says what is wrong and `model` is None until they are
    fixed.
    """

    def __init__(self, X=None, Y=None, m=500, **settings):
        self.own = None
        if X is not None:
            X = as_examples_matrix(X, "X", n_x=2)
            Y = np.asarray(Y, dtype=float).reshape(1, -1)
            if Y.shape[1] != X.shape[1]:
                raise ValueError(
                    f"Y must be (1, m) = (1, {X.shape[1]}) to match X; got {np.shape(Y)}"
                )
            self.own = (X, Y)
        self.m = m
        self.settings = dict(DEFAULTS, dataset="own" if self.own else DEFAULTS["dataset"])
        self.configure(**settings)

    # settings -------------------------------------------------------------------------------------
    def configure(self, **changes):
        """Change settings; anything but the stop condition rebuilds data and network at epoch 0.
        Returns message."""
        unknown = set(changes) - set(DEFAULTS)
        if unknown:
            raise ValueError(
                f"unknown setting(s) {sorted(unknown)}; the settings are {', '.join(DEFAULTS)}"
            )
        if "features" in changes:
            changes["features"] = tuple(changes["features"])
        if "hidden" in changes:
            try:
                changes["hidden"] = parse_hidden(changes["hidden"])
            except ValueError:
                pass  # kept as typed; reset() turns it into a message
        rebuild = any(
            changes[k] != self.settings.get(k) for k in changes if k not in LIVE_SETTINGS
        ) or not hasattr(self, "epoch")
        self.settings.update(changes)
        if rebuild:
            self.reset()
        elif self.model is not None:  # only the stop condition changed: check it, keep the network
            self.message = check_settings(
                self.settings, self.own is not None, None if self.own is None else self.own[1]
            )
            self.stopped = self.message  # training waits until the stop condition is valid
            if self.message is None:
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
        settings = (
            settings_from_string(settings)
            if isinstance(settings, str)
            else dict(DEFAULTS, **settings)
        )
        return self.configure(**settings)

    # training -------------------------------------------------------------------------------------
    def reset(self):
        """New data split and a new network (seeded), epoch 0; message says what is wrong if nothing
        can train."""
        s = self.settings
        self.epoch, self.history, self.stopped, self.diverged = 0, LossHistory(), None, False
        self.model = self.data = None
        self.message = check_settings(
            s, self.own is not None, None if self.own is None else self.own[1]
        )
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
        return Model(
            [len(s["features"]), *self.hidden, 1],
            hidden_activation=s["activation"],
            output_activation="sigmoid" if self.classification else "linear",
            init="xavier",
            learning_rate=s["learning_rate"],
            lambd=s["rate"] if reg in ("l1", "l2") else 0.0,
            penalty="l1" if reg == "l1" else "l2",
            keep_prob=1 - s["rate"] if reg == "dropout" else 1.0,
            optimizer=s["optimizer"],
            rng=np.random.default_rng([s["seed"], 1]),
            history_limit=2,
        )

    def _make_data(self):
        s = self.settings
        rng = np.random.default_rng([s["seed"], 0])
        if s["dataset"] == "own":
            X, T = self.own
        else:
            X, T = make_dataset(s["dataset"], self.m, s["noise"], rng)
        if self.classification and s["dataset"] in REGRESSION_DATASETS:
            # a regression set as a classification: the sign of the target
            T = (T > 0).astype(float)
        elif not self.classification and s["dataset"] in CLASSIFICATION_DATASETS:
            T = 2 * T - 1  # labels 0/1 as regression targets −1/+1
        m = X.shape[1]
        order = rng.permutation(m)
        n_train = int(np.clip(round(s["train_ratio"] * m), 1, m - 1))
        train, test = order[:n_train], order[n_train:]
        F = input_features(X, s["features"])
        return {
            "X_train": X[:, train],
            "Y_train": T[:, train],
            "X_test": X[:, test],
            "Y_test": T[:, test],
            "F_train": F[:, train],
            "F_test": F[:, test],
            "extent": self._extent(X),
        }

    def _extent(self, X):
        if self.settings["dataset"] != "own":
            return (-RADIUS, RADIUS, -RADIUS, RADIUS)
        low, high = X.min(axis=1), X.max(axis=1)
        pad = 0.1 * np.maximum(high - low, 1e-9)
        return (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])

    def step(self, n=1):
        """Train up to n epochs (one pass over the shuffled training set in mini-batches each);
        returns how many ran.

        Stops early at the stop condition (stop_epochs > 0 epochs, or training loss ≤ stop_loss > 0)
        or when training diverges (then `message` says so and `diverged` is True).
        """
        done = 0
        while done < n and self.model is not None and not self.stopped and not self.diverged:
            d = self.data
            try:
                self.model.fit_epochs(d["F_train"], d["Y_train"], 1, self.settings["batch_size"])
            except TrainingDiverged:
                self._diverge(self.epoch + 1)
                break
            self.epoch += 1
            done += 1
            self._measure()
            if self.diverged:
                break
            self._check_stop()
        return done

    def _diverge(self, epoch):
        self.diverged = True
        self.message = (
            f"training diverged in epoch {epoch}: the loss blew up. The learning rate "
            f"α = {self.settings['learning_rate']:g} is too large for "
            f"{self.settings['optimizer']} here — "
            "try α / 10, then press reset"
        )

    def _measure(self):
        d = self.data
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            A_train, A_test = self.model.forward(d["F_train"]), self.model.forward(d["F_test"])
            self.train_loss, self.test_loss = (
                self.loss(A_train, d["Y_train"]),
                self.loss(A_test, d["Y_test"]),
            )
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
        """The data loss (no penalty): cross-entropy for classification, (1/2m) Σ (a − y)² for
        regression."""
        return _cross_entropy(AL, Y) if self.classification else _squared_error(AL, Y)

    def _check_stop(self):
        if self.model is None or self.diverged:
            return
        s = self.settings
        if s["stop_epochs"] and self.epoch >= s["stop_epochs"]:
            self.stopped = (
                f"stopped at epoch {self.epoch}: the stop condition is {s['stop_epochs']} epochs"
            )
        elif s["stop_loss"] and self.train_loss <= s["stop_loss"]:
            self.stopped = (
                f"stopped at epoch {self.epoch}: training loss {self.train_loss:.4f} ≤ "
                f"target {s['stop_loss']:g}"
            )
        else:
            self.stopped = None

    # views ----------------------------------------------------------------------------------------
    def grid(self, resolution=50):
        """Grid points (2, resolution²) over the plane shown, row by row from the top (x2 high)
        down."""
        x0, x1, y0, y1 = self.data["extent"]
        xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y1, y0, resolution))
        return np.vstack([xx.ravel(), yy.ravel()])

    def unit_maps(self, resolution=50, output_only=False):
        """Every unit's output over the plane: a list per layer (features, hidden layers…, output)
        of (n[l], resolution, resolution) arrays, without dropout (as the network predicts);
        output_only: [output]."""
        F = input_features(self.grid(resolution), self.settings["features"])
        with np.errstate(over="ignore", invalid="ignore"):
            AL, caches = L_model_forward(
                F, self.model.parameters, self.model.hidden_activation, self.model.output_activation
            )
        layers = [AL] if output_only else [cache.linear_cache.A_prev for cache in caches] + [AL]
        return [A.reshape(-1, resolution, resolution) for A in layers]

    def weight_magnitudes(self):
        """|W[l]| for l = 1…L, each (n[l], n[l−1])."""
        return [np.abs(self.model.parameters[f"W{l}"]) for l in range(1, len(self.hidden) + 2)]

    def summary(self, loss_format=".4f"):
        """One line: epoch, losses (in loss_format), accuracies, or the message
        (invalid settings, divergence)."""
        if self.model is None or self.diverged:
            return self.message
        text = (
            f"epoch {self.epoch} · train loss {self.train_loss:{loss_format}} · test loss "
            f"{self.test_loss:{loss_format}}"
        )
        if self.classification:
            text += (
                f" · train accuracy {self.train_accuracy:.1%} · test accuracy "
                f"{self.test_accuracy:.1%}"
            )
        return text
