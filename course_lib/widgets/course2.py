"""Course 2 panels: regularization and bias/variance curves (c2w1a); mini-batch size, exponentially
weighted averages and optimizer paths (c2w2)."""

import ipywidgets as widgets
import numpy as np

from course_lib.bias_variance import diagnose, plot_bias_variance
from course_lib.network import Model, TrainingDiverged
from course_lib.optimizers import (
    OPTIMIZERS,
    Optimizer,
    elongated_bowl,
    exponentially_weighted_average,
    optimizer_path,
)
from course_lib.plots import plot_costs
from course_lib.training_pass import DropoutDraws
from course_lib.widgets.panel import Panel


class RegularizationPanel(Panel):
    """c2w1a: the same network retrained with the λ and keep_prob on the sliders; boundary and
    train/dev accuracy.

    Every setting trains from the same seed, so its dropout draws are the same: they are drawn
    once (training_pass.DropoutDraws, about 8 MB for the notebook's network) and each keep_prob
    on the slider reads its masks from them, the numbers of a model drawing its own.
    """

    css_class = "regularization-panel"
    prefetch_controls = ("keep_prob", "lambd")  # each move retrains: the next step is ready
    LAMBDS = (0.0, 0.01, 0.03, 0.1, 0.3, 0.7, 1.0, 2.0, 5.0)

    def __init__(
        self,
        train,
        dev,
        layer_dims,
        learning_rate,
        num_iterations,
        lambd=0.0,
        keep_prob=1.0,
        seed=1,
    ):
        if lambd not in self.LAMBDS:
            raise ValueError(
                f"the λ slider offers {', '.join(f'{v:g}' for v in self.LAMBDS)}; got "
                f"lambd = {lambd}"
            )
        self.train, self.dev = train, dev
        self.layer_dims, self.learning_rate, self.num_iterations, self.seed = (
            layer_dims,
            learning_rate,
            num_iterations,
            seed,
        )
        controls = {
            "lambd": widgets.SelectionSlider(
                options=self.LAMBDS, value=lambd, description="λ (L2)", continuous_update=False
            ),
            "keep_prob": widgets.FloatSlider(
                value=keep_prob,
                min=0.2,
                max=1.0,
                step=0.02,
                description="keep_prob",
                continuous_update=False,
                readout_format=".2f",
            ),
        }
        slider = controls["keep_prob"]
        steps = round((slider.max - slider.min) / slider.step)
        self.keep_probs = [round(slider.min + k * slider.step, 10) for k in range(steps + 1)]
        self._dropout_draws = None  # made at the first training with dropout
        super().__init__(
            controls, figsize=(4.4, 3.6), control_width="320px", description_width="80px"
        )

    def compute(self, lambd, keep_prob):
        """Train layer_dims (He init, seeded) with this λ and keep_prob; return the model and
        train/dev accuracy."""
        # the slider's position as its value (a browser may send 0.8600000000000001 for 0.86)
        if isinstance(keep_prob, float):
            position = min(self.keep_probs, key=lambda p: abs(p - keep_prob))
            keep_prob = position if abs(position - keep_prob) < 1e-9 else keep_prob
        model = Model(
            self.layer_dims,
            init="he",
            learning_rate=self.learning_rate,
            lambd=lambd,
            keep_prob=keep_prob,
            rng=self.seed,
        )
        result = {"model": model, "lambd": lambd, "keep_prob": keep_prob, "error": None}
        if keep_prob < 1 and isinstance(self.seed, (int, np.integer)):
            model.dropout_draws = self.dropout_draws()
        try:
            model.fit(*self.train, self.num_iterations)
        except TrainingDiverged as error:
            result["error"] = str(error)
            return result
        result["train_accuracy"] = model.accuracy(*self.train)
        result["dev_accuracy"] = model.accuracy(*self.dev)
        return result

    def dropout_draws(self):
        """The DropoutDraws of every training here, for an int seed: from the seed's state after
        He initialization, for the slider's keep_prob values below 1 (another keep_prob, given in
        code, or a Generator as the seed: the model draws its own)."""
        if self._dropout_draws is None:
            template = Model(self.layer_dims, init="he", rng=self.seed)
            self._dropout_draws = DropoutDraws(
                template.rng,
                self.layer_dims[1:-1],
                np.shape(self.train[0])[1],
                self.num_iterations,
                [p for p in self.keep_probs if p < 1],
            )
        return self._dropout_draws

    def draw(self, result):
        if result["error"]:
            self.show_message("training diverged")
            return
        self.decision_regions("train", *self.train, resolution=90).show(
            result["model"].predict,
            title=f"λ = {result['lambd']:g}, keep_prob = "
            f"{result['keep_prob']:.2f} (training points)",
        )

    @staticmethod
    def describe(result):
        head = f"λ = {result['lambd']:g}, keep_prob = {result['keep_prob']:.2f}"
        if result["error"]:
            return f"{head}: {result['error']}"
        gap = result["train_accuracy"] - result["dev_accuracy"]
        return (
            f"{head}: train accuracy {result['train_accuracy']:.1%}, dev accuracy "
            f"{result['dev_accuracy']:.1%} "
            f"(gap {gap:.1%})"
        )


class BiasVarianceCurvePanel(Panel):
    """c2w1a: pick one of the measured sweeps and a base error; the curves and the diagnosis at each
    value follow."""

    css_class = "bias-variance-panel"

    def __init__(self, sweeps, base_error=0.0, tolerance=0.02):
        self.sweeps = {result.name: result for result in sweeps}
        self.tolerance = tolerance
        controls = {
            "sweep": widgets.Dropdown(options=list(self.sweeps), description="swept"),
            "base_error": widgets.FloatSlider(
                value=base_error,
                min=0.0,
                max=0.3,
                step=0.01,
                description="base error",
                continuous_update=False,
                readout_format=".0%",
            ),
        }
        super().__init__(
            controls, figsize=(5.2, 3.6), control_width="320px", description_width="80px"
        )

    def compute(self, sweep, base_error):
        """The chosen Sweep, the base error, and the diagnosis of the value with the lowest dev
        error."""
        result = self.sweeps[sweep]
        best = int(np.argmin(result.dev_error))
        verdict = diagnose(
            result.train_error[best], result.dev_error[best], base_error, self.tolerance
        )
        return {"sweep": result, "base_error": base_error, "best": best, "verdict": verdict}

    def draw(self, result):
        ax = self.figure.add_subplot()
        plot_bias_variance(result["sweep"], result["base_error"], self.tolerance, ax=ax)
        ax.set_title(f"Train and dev error across {result['sweep'].name}")

    @staticmethod
    def describe(result):
        sweep, best = result["sweep"], result["best"]
        return (
            f"{sweep.name}: lowest dev error {sweep.dev_error[best]:.1%} at "
            f"{sweep.values[best]:g} "
            f"(train {sweep.train_error[best]:.1%}, base {result['base_error']:.0%}): "
            f"{result['verdict']}"
        )


class MiniBatchPanel(Panel):
    """c2w2: the same network trained for about the same number of updates with the mini-batch size
    on the slider."""

    css_class = "mini-batch-panel"

    def __init__(
        self, X, Y, layer_dims, learning_rate, num_updates=400, mini_batch_size=64, seed=1
    ):
        self.X, self.Y, self.layer_dims = X, Y, layer_dims
        self.learning_rate, self.num_updates, self.seed = learning_rate, num_updates, seed
        m = X.shape[1]
        sizes = sorted({size for size in (1, 8, 16, 32, 64, 128, 256) if size < m} | {m})
        controls = {
            "mini_batch_size": widgets.SelectionSlider(
                options=sizes,
                value=mini_batch_size,
                description="batch size",
                continuous_update=False,
            )
        }
        super().__init__(controls, figsize=(5.2, 3.2), control_width="420px")

    def compute(self, mini_batch_size):
        """Train whole epochs until at least num_updates updates are made; return the model and its
        costs."""
        m = self.X.shape[1]
        epochs = int(np.ceil(self.num_updates / int(np.ceil(m / mini_batch_size))))
        model = Model(self.layer_dims, learning_rate=self.learning_rate, rng=self.seed)
        model.fit_epochs(self.X, self.Y, epochs, mini_batch_size)
        return {
            "mini_batch_size": mini_batch_size,
            "m": m,
            "epochs": epochs,
            "costs": model.history["cost"],
            "final_cost": model.cost(self.X, self.Y),
            "accuracy": model.accuracy(self.X, self.Y),
        }

    def draw(self, result):
        ax = self.figure.add_subplot()
        size, m = result["mini_batch_size"], result["m"]
        kind = "batch GD" if size == m else "stochastic GD" if size == 1 else "mini-batch GD"
        plot_costs(
            result["costs"],
            ax,
            lw=0.7,
            color="tab:blue",
            title=f"{kind}, batch size {size}: cost of each mini-batch",
        )
        ax.set_xlabel("update (one per mini-batch)")
        ax.set_ylim(0, max(1.0, min(2.0, max(result["costs"]))))

    @staticmethod
    def describe(result):
        return (
            f"batch size {result['mini_batch_size']}: {len(result['costs'])} updates in "
            f"{result['epochs']} epoch(s); "
            f"cost on the whole training set {result['final_cost']:.3f}, training accuracy "
            f"{result['accuracy']:.1%}"
        )


class EWAPanel(Panel):
    """c2w2: v_t = βv_(t−1) + (1 − β)θ_t over a daily series, with β on a slider and bias correction
    on a switch."""

    css_class = "ewa-panel"
    BETAS = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99)

    def __init__(self, series, beta=0.9, bias_correction=False, label="temperature (°C)"):
        self.series, self.label = np.asarray(series, dtype=float).ravel(), label
        controls = {
            "beta": widgets.SelectionSlider(
                options=self.BETAS, value=beta, description="β", continuous_update=False
            ),
            "bias_correction": widgets.Checkbox(
                value=bias_correction, description="bias correction"
            ),
        }
        super().__init__(controls, figsize=(5.6, 3.0))

    def compute(self, beta, bias_correction):
        """The averages v_1…v_T for this β (corrected: v_t / (1 − β^t))."""
        return {
            "beta": beta,
            "bias_correction": bias_correction,
            "v": exponentially_weighted_average(self.series, beta, bias_correction),
        }

    def draw(self, result):
        ax = self.figure.add_subplot()
        days = np.arange(1, self.series.size + 1)
        ax.plot(days, self.series, ".", ms=2.5, color="gray", label="θ_t (each day)")
        ax.plot(
            days,
            result["v"],
            color="tab:red",
            lw=1.8,
            label=f"v_t, β = "
            f"{result['beta']:g}" + (" (bias-corrected)" if result["bias_correction"] else ""),
        )
        ax.set_xlabel("day t")
        ax.set_ylabel(self.label)
        ax.set_title(f"Exponentially weighted average, β = {result['beta']:g}")
        ax.legend(fontsize=7, loc="lower center")

    def describe(self, result):
        beta, v = result["beta"], result["v"]
        return (
            f"β = {beta:g}: each v_t averages about 1/(1 − β) = {1 / (1 - beta):.0f} days; "
            f"day 1: θ₁ = {self.series[0]:.1f}, v₁ = {v[0]:.1f}"
            + (
                ""
                if result["bias_correction"]
                else " (= (1 − β)θ₁: the first averages are too small by about 1 − β^t)"
            )
        )


class OptimizerPanel(Panel):
    """c2w2: an optimizer's path on the elongated bowl J = ½(w₁² + 50 w₂²), with its hyperparameters
    on controls."""

    css_class = "optimizer-panel"

    def __init__(
        self,
        optimizer="momentum",
        learning_rate=0.05,
        beta1=0.9,
        beta2=0.999,
        steps=60,
        w0=(-4.0, 1.0),
    ):
        self.w0 = np.asarray(w0, dtype=float).reshape(2, 1)
        controls = {
            "optimizer": widgets.Dropdown(
                options=OPTIMIZERS, value=optimizer, description="optimizer"
            ),
            "learning_rate": widgets.FloatLogSlider(
                value=learning_rate,
                base=10,
                min=-3,
                max=0,
                step=0.1,
                description="α",
                continuous_update=False,
                readout_format=".3",
            ),
            "beta1": widgets.FloatSlider(
                value=beta1,
                min=0.0,
                max=0.99,
                step=0.01,
                description="β / β1",
                continuous_update=False,
            ),
            "beta2": widgets.SelectionSlider(
                options=(0.9, 0.99, 0.999), value=beta2, description="β2", continuous_update=False
            ),
            "steps": widgets.IntSlider(
                value=steps, min=10, max=200, step=10, description="steps", continuous_update=False
            ),
        }
        super().__init__(controls, figsize=(5.2, 3.2), control_width="300px")

    def compute(self, optimizer, learning_rate, beta1, beta2, steps):
        """The path of `steps` updates from w0 and its costs; β / β1 is momentum's β and Adam's
        β1."""
        # sliders the optimizer does not use
        self.controls["beta1"].disabled = optimizer in ("gd", "rmsprop")
        self.controls["beta2"].disabled = optimizer in ("gd", "momentum")
        path, costs = optimizer_path(
            elongated_bowl,
            self.w0,
            Optimizer(optimizer, beta=beta1, beta1=beta1, beta2=beta2),
            learning_rate,
            steps,
        )
        below = np.flatnonzero(costs < 1e-2)
        return {
            "optimizer": optimizer,
            "learning_rate": learning_rate,
            "path": path,
            "costs": costs,
            "steps": steps,
            "reached": int(below[0]) if below.size else None,
        }

    def draw(self, result):
        ax = self.figure.add_subplot()
        w1, w2 = np.meshgrid(np.linspace(-5, 5, 120), np.linspace(-2, 2, 80))
        J = 0.5 * (w1**2 + 50 * w2**2)
        ax.contour(w1, w2, J, levels=np.geomspace(0.05, 150, 12), colors="gray", linewidths=0.6)
        path = np.clip(result["path"], [-5, -2], [5, 2])
        ax.plot(path[:, 0], path[:, 1], "o-", ms=2.5, lw=1, color="tab:red")
        ax.plot(0, 0, "k*", ms=9)
        ax.set(
            xlim=(-5, 5),
            ylim=(-2, 2),
            aspect="equal",  # the valley at its true shape: curvature 50 across, 1 along
            xlabel="w₁",
            ylabel="w₂",
            title=f"{result['optimizer']}, α = {result['learning_rate']:.3g}, "
            f"{len(result['path']) - 1} steps",
        )

    @staticmethod
    def describe(result):
        head = f"{result['optimizer']}, α = {result['learning_rate']:.3g}: "
        costs = result["costs"]
        if not np.isfinite(costs[-1]) or costs[-1] > 1e6:
            return head + f"diverged after {len(costs) - 1} steps (J = {costs[-1]:.3g}): lower α"
        reached = (
            f"J first below 0.01 at step {result['reached']}"
            if result["reached"] is not None
            else f"J still ≥ 0.01 after {result['steps']} steps"
        )
        return head + f"{reached}; final J = {costs[-1]:.2g} (it starts at {costs[0]:.3g})"
