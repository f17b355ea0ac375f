"""Interactive panels: a slider changes a hyperparameter, the model is retrained and the figure redrawn.

Each panel has a pure compute core (`compute(**settings)` returns numbers, no drawing), a `redraw()`
that the controls call, `controls` (a dict of ipywidgets a test can set `.value` on), and a
`readout` label. Figures are rendered to PNG into an `Image` widget, so the panel works the same
from a callback, a test or a background thread; without a widget front end the cell shows the
figure as a plain image and the readout as text.
"""
import base64
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from course_lib.bias_variance import diagnose, plot_bias_variance
from course_lib.conv import conv_output_size
from course_lib.datasets import DATASETS_2D, load_2d_dataset
from course_lib.metrics import confusion_matrix, threshold_sweep
from course_lib.network import Model, TrainingDiverged
from course_lib.optimizers import OPTIMIZERS, Optimizer, elongated_bowl, exponentially_weighted_average, optimizer_path
from course_lib.playground import Playground  # noqa: F401  (the playground lives in its own module; widgets lists every panel)
from course_lib.plots import plot_costs, plot_decision_boundary


class Panel:
    """Controls + figure + readout in a VBox; subclasses define `compute` and `draw`."""

    css_class = "course-panel"

    def __init__(self, controls, figsize, control_width=None, description_width=None):
        self.controls = controls
        self.figure = Figure(figsize=figsize, dpi=90, layout="constrained")
        # shown at its own pixel size: stretched to the cell's width it would be blurred
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{int(figsize[0] * 90)}px"))
        self.image.add_class("panel-figure")
        self.readout = widgets.HTML()
        self.readout.add_class("panel-readout")
        for name, control in controls.items():
            if control_width:
                control.layout.width = control_width
            if description_width:
                control.style.description_width = description_width
            control.add_class(f"control-{name}")
            control.observe(lambda change: self.redraw(), names="value")
        controls_row = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.box = widgets.VBox([controls_row, self.readout, self.image])
        self.box.add_class("course-panel")
        self.box.add_class(self.css_class)
        self.result = None
        self.redraw()

    def settings(self):
        """The current control values as a dict of keyword arguments for `compute`."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self):
        """Recompute from the controls, redraw the figure into the Image widget, update the readout."""
        self.result = self.compute(**self.settings())
        self.figure.clear()
        self.draw(self.result)
        self.image.value = self._png()
        self.readout.value = self.describe(self.result)

    def _png(self):
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        return buffer.getvalue()

    def _repr_mimebundle_(self, **kwargs):
        """The live panel for JupyterLab; a text readout and a still picture (noted as such) elsewhere."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"{type(self).__name__}: {self.describe(self.result)}"
        note = self.figure.supxlabel("(a still picture: run the cell for the live controls)", fontsize=7, color="gray")
        bundle["image/png"] = base64.b64encode(self._png()).decode("ascii")
        note.set_text("")  # the live figure has no note
        return bundle


class LearningRatePanel(Panel):
    """c1w2: logistic regression trained with the α on the slider; the cost curve and accuracies update."""

    css_class = "learning-rate-panel"

    def __init__(self, X_train, Y_train, X_test, Y_test, learning_rate=0.005, num_iterations=1000):
        self.data = (X_train, Y_train, X_test, Y_test)
        self.num_iterations = num_iterations
        self.previous = []  # (α, costs) of earlier slider positions, drawn faded
        slider = widgets.FloatLogSlider(value=learning_rate, base=10, min=-4, max=1, step=0.25,
                                        description="α", continuous_update=False, readout_format=".3")
        super().__init__({"learning_rate": slider}, figsize=(5, 3))

    def compute(self, learning_rate):
        """Train from zeros for num_iterations; return the costs, train/test accuracy or the divergence message."""
        X_train, Y_train, X_test, Y_test = self.data
        model = Model([X_train.shape[0], 1], output_activation="sigmoid", init="zeros",
                      learning_rate=learning_rate)
        try:
            model.fit(X_train, Y_train, self.num_iterations)
        except TrainingDiverged as error:
            return {"learning_rate": learning_rate, "costs": model.history["cost"], "error": str(error)}
        return {"learning_rate": learning_rate, "costs": model.history["cost"], "error": None,
                "train_accuracy": model.accuracy(X_train, Y_train),
                "test_accuracy": model.accuracy(X_test, Y_test)}

    def draw(self, result):
        ax = self.figure.add_subplot()
        for alpha, costs in self.previous[-4:]:
            plot_costs(costs, ax, label=f"α = {alpha:.3g}", title=None, alpha=0.35, lw=1)
        label = f"α = {result['learning_rate']:.3g}" + (" (diverged)" if result["error"] else "")
        plot_costs(result["costs"], ax, label=label, color="k", lw=2, marker="x" if result["error"] else None,
                   title=f"Logistic regression, {self.num_iterations} iterations")
        # the scale of a converging run; a diverging one leaves the top of the plot
        ax.set_ylim(0, 1.5 * result["costs"][0])
        self.previous = [p for p in self.previous if p[0] != result["learning_rate"]]
        self.previous.append((result["learning_rate"], result["costs"]))

    @staticmethod
    def describe(result):
        alpha = f"α = {result['learning_rate']:.3g}"
        if result["error"]:
            return f"{alpha}: {result['error']}"
        return (f"{alpha}: final cost {result['costs'][-1]:.4f} · train accuracy "
                f"{result['train_accuracy']:.1%} · test accuracy {result['test_accuracy']:.1%}")


class ShallowNetworkPanel(Panel):
    """c1w3: a one-hidden-layer network on a 2-D dataset; hidden size, activation, α and iterations on controls."""

    css_class = "shallow-network-panel"

    def __init__(self, dataset="flower", n_h=4, activation="tanh", learning_rate=1.2, num_iterations=2000):
        controls = {
            "dataset": widgets.Dropdown(options=DATASETS_2D, value=dataset, description="data"),
            "n_h": widgets.IntSlider(value=n_h, min=1, max=50, description="n_h", continuous_update=False),
            "activation": widgets.Dropdown(options=["tanh", "relu", "sigmoid", "leaky_relu"], value=activation,
                                           description="g"),
            "learning_rate": widgets.FloatLogSlider(value=learning_rate, base=10, min=-3, max=1, step=0.1,
                                                    description="α", continuous_update=False, readout_format=".3"),
            "num_iterations": widgets.IntSlider(value=num_iterations, min=100, max=5000, step=100,
                                                description="iterations", continuous_update=False),
        }
        for name, control in controls.items():
            control.layout.width = "230px" if name in ("dataset", "activation") else "330px"
            control.style.description_width = "70px"
        super().__init__(controls, figsize=(4.6, 3.8))

    @staticmethod
    def compute(dataset, n_h, activation, learning_rate, num_iterations, seed=2):
        """Train a [2, n_h, 1] network (Xavier init, seeded); return the model, data and training accuracy."""
        X, Y = load_2d_dataset(dataset)
        model = Model([2, n_h, 1], hidden_activation=activation, init="xavier",
                      learning_rate=learning_rate, rng=seed)
        result = {"X": X, "Y": Y, "model": model, "n_h": n_h, "activation": activation,
                  "learning_rate": learning_rate, "dataset": dataset, "num_iterations": num_iterations,
                  "error": None}
        try:
            model.fit(X, Y, num_iterations)
            result["accuracy"] = model.accuracy(X, Y)
        except TrainingDiverged as error:
            result["error"] = str(error)
        return result

    def draw(self, result):
        ax = self.figure.add_subplot()
        if result["error"]:
            ax.text(0.5, 0.5, "training diverged:\nlower the learning rate", ha="center", va="center")
            ax.set_axis_off()
            return
        plot_decision_boundary(result["model"].predict, result["X"], result["Y"], ax=ax, resolution=120,
                               title=f"{result['dataset']}: n_h = {result['n_h']}, {result['activation']}")

    @staticmethod
    def describe(result):
        head = f"{result['dataset']}: n_h = {result['n_h']}, {result['activation']}, α = {result['learning_rate']:.3g}"
        if result["error"]:
            return f"{head}: {result['error']}"
        costs = result["model"].history["cost"]
        text = (f"{head}: after {result['num_iterations']} iterations cost {costs[-1]:.3f}, "
                f"training accuracy {result['accuracy']:.1%}")
        if costs[-1] > costs[0]:
            text += f" — the cost went up from {costs[0]:.3f}: α is too large for this network"
        return text


class RegularizationPanel(Panel):
    """c2w1a: the same network retrained with the λ and keep_prob on the sliders; boundary and train/dev accuracy."""

    css_class = "regularization-panel"
    LAMBDS = (0.0, 0.01, 0.03, 0.1, 0.3, 0.7, 1.0, 2.0, 5.0)

    def __init__(self, train, dev, layer_dims, learning_rate, num_iterations, lambd=0.0, keep_prob=1.0, seed=1):
        if lambd not in self.LAMBDS:
            raise ValueError(f"the λ slider offers {', '.join(f'{v:g}' for v in self.LAMBDS)}; got lambd = {lambd}")
        self.train, self.dev = train, dev
        self.layer_dims, self.learning_rate, self.num_iterations, self.seed = layer_dims, learning_rate, num_iterations, seed
        controls = {
            "lambd": widgets.SelectionSlider(options=self.LAMBDS, value=lambd, description="λ (L2)",
                                             continuous_update=False),
            "keep_prob": widgets.FloatSlider(value=keep_prob, min=0.2, max=1.0, step=0.02, description="keep_prob",
                                             continuous_update=False, readout_format=".2f"),
        }
        super().__init__(controls, figsize=(4.4, 3.6), control_width="320px", description_width="80px")

    def compute(self, lambd, keep_prob):
        """Train layer_dims (He init, seeded) with this λ and keep_prob; return the model and train/dev accuracy."""
        model = Model(self.layer_dims, init="he", learning_rate=self.learning_rate, lambd=lambd,
                      keep_prob=keep_prob, rng=self.seed)
        result = {"model": model, "lambd": lambd, "keep_prob": keep_prob, "error": None}
        try:
            model.fit(*self.train, self.num_iterations)
        except TrainingDiverged as error:
            result["error"] = str(error)
            return result
        result["train_accuracy"] = model.accuracy(*self.train)
        result["dev_accuracy"] = model.accuracy(*self.dev)
        return result

    def draw(self, result):
        ax = self.figure.add_subplot()
        if result["error"]:
            ax.text(0.5, 0.5, "training diverged", ha="center", va="center")
            ax.set_axis_off()
            return
        plot_decision_boundary(result["model"].predict, *self.train, ax=ax, resolution=90,
                               title=f"λ = {result['lambd']:g}, keep_prob = {result['keep_prob']:.2f} (training points)")

    @staticmethod
    def describe(result):
        head = f"λ = {result['lambd']:g}, keep_prob = {result['keep_prob']:.2f}"
        if result["error"]:
            return f"{head}: {result['error']}"
        gap = result["train_accuracy"] - result["dev_accuracy"]
        return (f"{head}: train accuracy {result['train_accuracy']:.1%}, dev accuracy {result['dev_accuracy']:.1%} "
                f"(gap {gap:.1%})")


class BiasVarianceCurvePanel(Panel):
    """c2w1a: pick one of the measured sweeps and a base error; the curves and the diagnosis at each value follow."""

    css_class = "bias-variance-panel"

    def __init__(self, sweeps, base_error=0.0, tolerance=0.02):
        self.sweeps = {result.name: result for result in sweeps}
        self.tolerance = tolerance
        controls = {
            "sweep": widgets.Dropdown(options=list(self.sweeps), description="swept"),
            "base_error": widgets.FloatSlider(value=base_error, min=0.0, max=0.3, step=0.01, description="base error",
                                              continuous_update=False, readout_format=".0%"),
        }
        super().__init__(controls, figsize=(5.2, 3.6), control_width="320px", description_width="80px")

    def compute(self, sweep, base_error):
        """The chosen Sweep, the base error, and the diagnosis of the value with the lowest dev error."""
        result = self.sweeps[sweep]
        best = int(np.argmin(result.dev_error))
        verdict = diagnose(result.train_error[best], result.dev_error[best], base_error, self.tolerance)
        return {"sweep": result, "base_error": base_error, "best": best, "verdict": verdict}

    def draw(self, result):
        plot_bias_variance(result["sweep"], result["base_error"], self.tolerance, ax=self.figure.add_subplot())

    @staticmethod
    def describe(result):
        sweep, best = result["sweep"], result["best"]
        return (f"{sweep.name}: lowest dev error {sweep.dev_error[best]:.1%} at {sweep.values[best]:g} "
                f"(train {sweep.train_error[best]:.1%}, base {result['base_error']:.0%}): {result['verdict']}")


class MiniBatchPanel(Panel):
    """c2w2: the same network trained for about the same number of updates with the mini-batch size on the slider."""

    css_class = "mini-batch-panel"

    def __init__(self, X, Y, layer_dims, learning_rate, num_updates=400, mini_batch_size=64, seed=1):
        self.X, self.Y, self.layer_dims = X, Y, layer_dims
        self.learning_rate, self.num_updates, self.seed = learning_rate, num_updates, seed
        m = X.shape[1]
        sizes = sorted({size for size in (1, 8, 16, 32, 64, 128, 256) if size < m} | {m})
        controls = {"mini_batch_size": widgets.SelectionSlider(options=sizes, value=mini_batch_size,
                                                               description="batch size", continuous_update=False)}
        super().__init__(controls, figsize=(5.2, 3.2), control_width="420px")

    def compute(self, mini_batch_size):
        """Train whole epochs until at least num_updates updates are made; return the model and its costs."""
        m = self.X.shape[1]
        epochs = int(np.ceil(self.num_updates / int(np.ceil(m / mini_batch_size))))
        model = Model(self.layer_dims, learning_rate=self.learning_rate, rng=self.seed)
        model.fit_epochs(self.X, self.Y, epochs, mini_batch_size)
        return {"mini_batch_size": mini_batch_size, "m": m, "epochs": epochs, "costs": model.history["cost"],
                "final_cost": model.cost(self.X, self.Y), "accuracy": model.accuracy(self.X, self.Y)}

    def draw(self, result):
        ax = self.figure.add_subplot()
        size, m = result["mini_batch_size"], result["m"]
        kind = "batch GD" if size == m else "stochastic GD" if size == 1 else "mini-batch GD"
        plot_costs(result["costs"], ax, lw=0.7, color="tab:blue", title=f"{kind}, batch size {size}: cost of each mini-batch")
        ax.set_xlabel("update (one per mini-batch)")
        ax.set_ylim(0, max(1.0, min(2.0, max(result["costs"]))))

    @staticmethod
    def describe(result):
        return (f"batch size {result['mini_batch_size']}: {len(result['costs'])} updates in {result['epochs']} epoch(s); "
                f"cost on the whole training set {result['final_cost']:.3f}, training accuracy {result['accuracy']:.1%}")


class EWAPanel(Panel):
    """c2w2: v_t = βv_(t−1) + (1 − β)θ_t over a daily series, with β on a slider and bias correction on a switch."""

    css_class = "ewa-panel"
    BETAS = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99)

    def __init__(self, series, beta=0.9, bias_correction=False, label="temperature (°C)"):
        self.series, self.label = np.asarray(series, dtype=float).ravel(), label
        controls = {
            "beta": widgets.SelectionSlider(options=self.BETAS, value=beta, description="β", continuous_update=False),
            "bias_correction": widgets.Checkbox(value=bias_correction, description="bias correction"),
        }
        super().__init__(controls, figsize=(5.6, 3.0))

    def compute(self, beta, bias_correction):
        """The averages v_1…v_T for this β (corrected: v_t / (1 − β^t))."""
        return {"beta": beta, "bias_correction": bias_correction,
                "v": exponentially_weighted_average(self.series, beta, bias_correction)}

    def draw(self, result):
        ax = self.figure.add_subplot()
        days = np.arange(1, self.series.size + 1)
        ax.plot(days, self.series, ".", ms=2.5, color="gray", label="θ_t (each day)")
        ax.plot(days, result["v"], color="tab:red", lw=1.8,
                label=f"v_t, β = {result['beta']:g}" + (" (bias-corrected)" if result["bias_correction"] else ""))
        ax.set_xlabel("day t")
        ax.set_ylabel(self.label)
        ax.legend(fontsize=7, loc="lower center")

    def describe(self, result):
        beta, v = result["beta"], result["v"]
        return (f"β = {beta:g}: each v_t averages about 1/(1 − β) = {1 / (1 - beta):.0f} days; "
                f"day 1: θ₁ = {self.series[0]:.1f}, v₁ = {v[0]:.1f}"
                + ("" if result["bias_correction"] else " (= (1 − β)θ₁: the first averages are too small by about 1 − β^t)"))


class OptimizerPanel(Panel):
    """c2w2: an optimizer's path on the elongated bowl J = ½(w₁² + 50 w₂²), with its hyperparameters on controls."""

    css_class = "optimizer-panel"

    def __init__(self, optimizer="momentum", learning_rate=0.05, beta1=0.9, beta2=0.999, steps=60, w0=(-4.0, 1.0)):
        self.w0 = np.asarray(w0, dtype=float).reshape(2, 1)
        controls = {
            "optimizer": widgets.Dropdown(options=OPTIMIZERS, value=optimizer, description="optimizer"),
            "learning_rate": widgets.FloatLogSlider(value=learning_rate, base=10, min=-3, max=0, step=0.1,
                                                    description="α", continuous_update=False, readout_format=".3"),
            "beta1": widgets.FloatSlider(value=beta1, min=0.0, max=0.99, step=0.01, description="β / β1",
                                         continuous_update=False),
            "beta2": widgets.SelectionSlider(options=(0.9, 0.99, 0.999), value=beta2, description="β2",
                                             continuous_update=False),
            "steps": widgets.IntSlider(value=steps, min=10, max=200, step=10, description="steps", continuous_update=False),
        }
        super().__init__(controls, figsize=(5.2, 3.2), control_width="300px")

    def compute(self, optimizer, learning_rate, beta1, beta2, steps):
        """The path of `steps` updates from w0 and its costs; β / β1 is momentum's β and Adam's β1."""
        self.controls["beta1"].disabled = optimizer in ("gd", "rmsprop")  # sliders the optimizer does not use
        self.controls["beta2"].disabled = optimizer in ("gd", "momentum")
        path, costs = optimizer_path(elongated_bowl, self.w0, Optimizer(optimizer, beta=beta1, beta1=beta1, beta2=beta2),
                                     learning_rate, steps)
        below = np.flatnonzero(costs < 1e-2)
        return {"optimizer": optimizer, "learning_rate": learning_rate, "path": path, "costs": costs, "steps": steps,
                "reached": int(below[0]) if below.size else None}

    def draw(self, result):
        ax = self.figure.add_subplot()
        w1, w2 = np.meshgrid(np.linspace(-5, 5, 120), np.linspace(-2, 2, 80))
        J = 0.5 * (w1**2 + 50 * w2**2)
        ax.contour(w1, w2, J, levels=np.geomspace(0.05, 150, 12), colors="gray", linewidths=0.6)
        path = np.clip(result["path"], [-5, -2], [5, 2])
        ax.plot(path[:, 0], path[:, 1], "o-", ms=2.5, lw=1, color="tab:red")
        ax.plot(0, 0, "k*", ms=9)
        ax.set(xlim=(-5, 5), ylim=(-2, 2), xlabel="w₁", ylabel="w₂",
               title=f"{result['optimizer']}, α = {result['learning_rate']:.3g}, {len(result['path']) - 1} steps")

    @staticmethod
    def describe(result):
        head = f"{result['optimizer']}, α = {result['learning_rate']:.3g}: "
        costs = result["costs"]
        if not np.isfinite(costs[-1]) or costs[-1] > 1e6:
            return head + f"diverged after {len(costs) - 1} steps (J = {costs[-1]:.3g}): lower α"
        reached = (f"J first below 0.01 at step {result['reached']}" if result["reached"] is not None
                   else f"J still ≥ 0.01 after {result['steps']} steps")
        return head + f"{reached}; final J = {costs[-1]:.2g} (it starts at {costs[0]:.3g})"


def _grid_lines(ax, size, color):
    """Cell borders of a size×size image drawn with imshow(extent=(0, size, size, 0)), without tick machinery."""
    ax.vlines(np.arange(size + 1), 0, size, colors=color, lw=0.6)
    ax.hlines(np.arange(size + 1), 0, size, colors=color, lw=0.6)


class OutputSizePanel(Panel):
    """c4w1: an n×n input, an f×f filter, padding p and stride s; the output size ⌊(n + 2p − f)/s⌋ + 1 and the windows."""

    css_class = "output-size-panel"

    def __init__(self, n=6, f=3, pad=0, stride=1):
        controls = {
            "n": widgets.IntSlider(value=n, min=3, max=16, description="n", continuous_update=False),
            "f": widgets.IntSlider(value=f, min=1, max=7, description="f", continuous_update=False),
            "pad": widgets.IntSlider(value=pad, min=0, max=3, description="p", continuous_update=False),
            "stride": widgets.IntSlider(value=stride, min=1, max=4, description="s", continuous_update=False),
        }
        super().__init__(controls, figsize=(6.0, 3.6), control_width="260px", description_width="30px")

    @staticmethod
    def compute(n, f, pad, stride):
        """The output size, or the reason there is none (a filter larger than the padded input)."""
        try:
            return {"n": n, "f": f, "pad": pad, "stride": stride, "out": conv_output_size(n, f, pad, stride), "error": None}
        except ValueError as error:
            return {"n": n, "f": f, "pad": pad, "stride": stride, "out": None, "error": str(error)}

    def draw(self, result):
        n, f, pad, stride, out = result["n"], result["f"], result["pad"], result["stride"], result["out"]
        grid, output = self.figure.subplots(1, 2, width_ratios=[3, 2])
        size = n + 2 * pad
        cells = np.zeros((size, size))
        cells[pad:pad + n, pad:pad + n] = 1  # the image (blue) inside its zero padding (white)
        grid.imshow(cells, cmap=ListedColormap(["white", "#dfe9f5"]), vmin=0, vmax=1, extent=(0, size, size, 0))
        _grid_lines(grid, size, "#9aa9bb")
        if out:
            last = (out - 1) * stride
            grid.add_patch(Rectangle((0.05, 0.05), f - 0.1, f - 0.1, fill=False, edgecolor="tab:red", lw=2,
                                     label="first window"))
            grid.add_patch(Rectangle((last + 0.1, 0.1), f - 0.2, f - 0.2, fill=False, edgecolor="tab:orange", lw=1.5,
                                     ls="--", label="last window of the row"))
            grid.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), fontsize=7, ncol=2, frameon=False)
            marks = np.zeros((out, out))
            marks[0, 0], marks[0, -1] = 1, 2
            output.imshow(marks, cmap=ListedColormap(["#fde0c5", "tab:red", "tab:orange"]), vmin=0, vmax=2,
                          extent=(0, out, out, 0))
            _grid_lines(output, out, "#b08a6a")
            output.set_title(f"output {out}×{out}", fontsize=9)
        else:
            output.text(0.5, 0.5, "no output:\nthe filter does not fit", ha="center", va="center", fontsize=9)
        for ax in (grid, output):
            ax.set_axis_off()
        grid.set_title(f"input {n}×{n} + padding {pad} (white),\nfilter {f}×{f}, stride {stride}", fontsize=9)

    @staticmethod
    def describe(result):
        n, f, pad, stride = result["n"], result["f"], result["pad"], result["stride"]
        if result["error"]:
            return f"n = {n}, f = {f}, p = {pad}, s = {stride}: no output — {result['error']}"
        kind = (" (a 'valid' convolution: p = 0)" if pad == 0 else
                " (a 'same' convolution: p = (f − 1)/2)" if stride == 1 and 2 * pad == f - 1 else "")
        return (f"n = {n}, f = {f}, p = {pad}, s = {stride}: ⌊(n + 2p − f)/s⌋ + 1 = ⌊{n + 2 * pad - f}/{stride}⌋ + 1 = "
                f"{result['out']}, so the output is {result['out']}×{result['out']}{kind}")


class ThresholdPanel(Panel):
    """c3w1: predict positive when score ≥ threshold; precision, recall and F1 (harmonic mean) follow the slider."""

    css_class = "threshold-panel"

    def __init__(self, y_true, scores, threshold=0.5, steps=101):
        self.sweep = threshold_sweep(y_true, scores, np.linspace(0, 1, steps))
        self.y_true, self.scores = np.ravel(y_true), np.ravel(np.asarray(scores, dtype=float))
        if self.scores.min() < 0 or self.scores.max() > 1:
            raise ValueError("scores must be probabilities P(y = 1 | x) in [0, 1] for the threshold slider")
        slider = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.01, description="threshold",
                                     continuous_update=False, readout_format=".2f")
        super().__init__({"threshold": slider}, figsize=(6.4, 2.8), control_width="360px", description_width="70px")

    def compute(self, threshold):
        """ŷ = 1{score ≥ threshold}: the 2×2 confusion matrix [[TN, FP], [FN, TP]], P, R, F1 and accuracy."""
        y_pred = (self.scores >= threshold).astype(int)
        (tn, fp), (fn, tp) = confusion_matrix(self.y_true, y_pred, classes=[0, 1])
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        return {"threshold": threshold, "matrix": np.array([[tn, fp], [fn, tp]]), "precision": P, "recall": R,
                "f1": 2 * P * R / (P + R) if P + R else 0.0, "accuracy": (tp + tn) / self.y_true.size}

    def draw(self, result):
        curves, matrix_ax = self.figure.subplots(1, 2, width_ratios=[3, 2])
        sweep = self.sweep
        curves.plot(sweep.thresholds, sweep.precision, color="tab:blue", label="precision")
        curves.plot(sweep.thresholds, sweep.recall, color="tab:orange", label="recall")
        curves.plot(sweep.thresholds, sweep.f1, color="k", lw=2, label="F1")
        curves.axvline(result["threshold"], color="tab:red", ls="--", lw=1)
        curves.set(xlim=(0, 1), ylim=(0, 1.05), xlabel="threshold")
        curves.legend(fontsize=7, loc="lower left")
        matrix_ax.imshow(result["matrix"], cmap="Blues", vmin=0, vmax=self.y_true.size)
        for (i, j), count in np.ndenumerate(result["matrix"]):
            name = [["TN", "FP"], ["FN", "TP"]][i][j]
            matrix_ax.text(j, i, f"{name}\n{count}", ha="center", va="center", fontsize=9,
                           color="white" if count > 0.6 * self.y_true.size else "black")
        matrix_ax.set_xticks([0, 1], ["ŷ = 0", "ŷ = 1"], fontsize=8)
        matrix_ax.set_yticks([0, 1], ["y = 0", "y = 1"], fontsize=8)
        matrix_ax.set_title("confusion matrix", fontsize=9)

    @staticmethod
    def describe(result):
        return (f"threshold {result['threshold']:.2f}: precision {result['precision']:.1%}, recall {result['recall']:.1%}, "
                f"F1 {result['f1']:.1%} (accuracy {result['accuracy']:.1%})")


def picture_to_column(picture, image_shape):
    """A photo (h, w) or (h, w, 3|4) of any size → grayscale, resized to image_shape, in [0, 1], as a column (h·w, 1)."""
    from skimage.color import rgb2gray, rgba2rgb
    from skimage.transform import resize
    from skimage.util import img_as_float

    picture = img_as_float(np.asarray(picture))
    if picture.ndim == 3 and picture.shape[2] == 4:
        picture = rgba2rgb(picture)
    if picture.ndim == 3:
        picture = rgb2gray(picture)
    if picture.ndim != 2:
        raise ValueError(f"expected an image (h, w) or (h, w, 3); got an array of shape {picture.shape}")
    return resize(picture, image_shape, anti_aliasing=True).reshape(-1, 1)


class PicturePredictor:
    """c1w2: classify a picture of your own with a trained binary model (upload it; JupyterLab only)."""

    def __init__(self, predict_proba, image_shape, classes):
        self.predict_proba, self.image_shape, self.classes = predict_proba, image_shape, classes
        self.upload = widgets.FileUpload(accept="image/*", multiple=False, description="Your picture")
        self.image = widgets.Image(format="png", width=150, layout=widgets.Layout(display="none"))
        self.readout = widgets.HTML("Upload a picture: it is made grayscale and shrunk to "
                                    f"{image_shape[0]}×{image_shape[1]} pixels, as the model sees it.")
        self.upload.observe(self._on_upload, names="value")
        self.box = widgets.VBox([self.upload, self.readout, self.image])
        self.box.add_class("picture-predictor")

    def classify(self, picture):
        """Return (class name, P(class 1), the model's-eye view (h, w)) for a picture array."""
        x = picture_to_column(picture, self.image_shape)
        p = float(self.predict_proba(x)[0, 0])
        return self.classes[int(p > 0.5)], p, x.reshape(self.image_shape)

    def _on_upload(self, change):
        import skimage.io

        if not change["new"]:
            return
        try:
            picture = skimage.io.imread(io.BytesIO(bytes(change["new"][0]["content"])))
            label, p, small = self.classify(picture)
        except Exception as error:  # a bad file must not leave a traceback in a callback
            self.readout.value = f"Could not read that picture: {error}"
            return
        figure = Figure(figsize=(2, 2), dpi=80)
        ax = figure.add_subplot()
        ax.imshow(small, cmap="gray")
        ax.set_axis_off()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        self.image.value = buffer.getvalue()
        self.image.layout.display = None
        self.readout.value = f"The model says <b>{label}</b> (P(y = 1) = {p:.2f})."

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "PicturePredictor: upload a picture in JupyterLab to classify it"
        return bundle
