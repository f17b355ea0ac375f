"""Course 1 panels: logistic regression's learning rate (c1w2), a shallow network's explorer
(c1w3)."""

import ipywidgets as widgets

from course_lib.datasets import DATASETS_2D, load_2d_dataset
from course_lib.network import Model, TrainingDiverged
from course_lib.plots import plot_costs
from course_lib.widgets.panel import Panel


class LearningRatePanel(Panel):
    """c1w2: logistic regression trained with the α on the slider; the cost curve and accuracies
    update."""

    css_class = "learning-rate-panel"

    def __init__(self, X_train, Y_train, X_test, Y_test, learning_rate=0.005, num_iterations=1000):
        self.data = (X_train, Y_train, X_test, Y_test)
        self.num_iterations = num_iterations
        self.previous = []  # (α, costs) of the slider positions visited, the latest last
        self.faded = []  # the (α, costs) drawn faded behind the current curve
        slider = widgets.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-4,
            max=1,
            step=0.25,
            description="α",
            continuous_update=False,
            readout_format=".3",
        )
        super().__init__({"learning_rate": slider}, figsize=(5, 3))

    def compute(self, learning_rate):
        """Train from zeros for num_iterations; return the costs, train/test accuracy or the
        divergence message."""
        X_train, Y_train, X_test, Y_test = self.data
        model = Model(
            [X_train.shape[0], 1],
            output_activation="sigmoid",
            init="zeros",
            learning_rate=learning_rate,
        )
        try:
            model.fit(X_train, Y_train, self.num_iterations)
        except TrainingDiverged as error:
            return {
                "learning_rate": learning_rate,
                "costs": model.history["cost"],
                "error": str(error),
            }
        return {
            "learning_rate": learning_rate,
            "costs": model.history["cost"],
            "error": None,
            "train_accuracy": model.accuracy(X_train, Y_train),
            "test_accuracy": model.accuracy(X_test, Y_test),
        }

    def draw(self, result):
        ax = self.figure.add_subplot()
        for alpha, costs in self.faded:
            plot_costs(costs, ax, label=f"α = {alpha:.3g}", title=None, alpha=0.35, lw=1)
        label = f"α = {result['learning_rate']:.3g}" + (" (diverged)" if result["error"] else "")
        plot_costs(
            result["costs"],
            ax,
            label=label,
            color="k",
            lw=2,
            marker="x" if result["error"] else None,
            title=f"Logistic regression, {self.num_iterations} iterations",
        )
        # the scale of a converging run; a diverging one leaves the top of the plot
        ax.set_ylim(0, 1.5 * result["costs"][0])

    def picture_state(self, result):
        """The α of the (up to 4) earlier positions drawn faded; this visit joins the history."""
        self.faded = self.previous[-4:]
        self.previous = [p for p in self.previous if p[0] != result["learning_rate"]]
        self.previous.append((result["learning_rate"], result["costs"]))
        return tuple(alpha for alpha, _ in self.faded)

    @staticmethod
    def describe(result):
        alpha = f"α = {result['learning_rate']:.3g}"
        if result["error"]:
            return f"{alpha}: {result['error']}"
        return (
            f"{alpha}: final cost {result['costs'][-1]:.4f} · train accuracy "
            f"{result['train_accuracy']:.1%} · test accuracy {result['test_accuracy']:.1%}"
        )


class ShallowNetworkPanel(Panel):
    """c1w3: a one-hidden-layer network on a 2-D dataset; hidden size, activation, α and iterations
    on controls."""

    css_class = "shallow-network-panel"
    prefetch_controls = ("n_h",)  # each move retrains: the next hidden size is ready
    ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu")  # the hidden ones of the c1w3 lecture

    def __init__(
        self, dataset="flower", n_h=4, activation="tanh", learning_rate=1.2, num_iterations=2000
    ):
        controls = {
            "dataset": widgets.Dropdown(options=DATASETS_2D, value=dataset, description="data"),
            "n_h": widgets.IntSlider(
                value=n_h, min=1, max=50, description="n_h", continuous_update=False
            ),
            "activation": widgets.Dropdown(
                options=self.ACTIVATIONS, value=activation, description="g"
            ),
            "learning_rate": widgets.FloatLogSlider(
                value=learning_rate,
                base=10,
                min=-3,
                max=1,
                step=0.1,
                description="α",
                continuous_update=False,
                readout_format=".3",
            ),
            "num_iterations": widgets.IntSlider(
                value=num_iterations,
                min=100,
                max=5000,
                step=100,
                description="iterations",
                continuous_update=False,
            ),
        }
        for name, control in controls.items():
            control.layout.width = "230px" if name in ("dataset", "activation") else "330px"
            control.style.description_width = "70px"
        super().__init__(controls, figsize=(4.6, 3.8))

    @staticmethod
    def compute(dataset, n_h, activation, learning_rate, num_iterations, seed=2):
        """Train a [2, n_h, 1] network (Xavier init, seeded); return the model, data and training
        accuracy."""
        X, Y = load_2d_dataset(dataset)
        model = Model(
            [2, n_h, 1],
            hidden_activation=activation,
            init="xavier",
            learning_rate=learning_rate,
            rng=seed,
        )
        result = {
            "X": X,
            "Y": Y,
            "model": model,
            "n_h": n_h,
            "activation": activation,
            "learning_rate": learning_rate,
            "dataset": dataset,
            "num_iterations": num_iterations,
            "error": None,
        }
        try:
            model.fit(X, Y, num_iterations)
            result["accuracy"] = model.accuracy(X, Y)
        except TrainingDiverged as error:
            result["error"] = str(error)
        return result

    def draw(self, result):
        if result["error"]:
            self.show_message("training diverged:\nlower the learning rate")
            return
        regions = self.decision_regions(result["dataset"], result["X"], result["Y"], 120)
        regions.show(
            result["model"].predict,
            title=f"{result['dataset']}: n_h = {result['n_h']}, {result['activation']}",
        )

    @staticmethod
    def describe(result):
        head = (
            f"{result['dataset']}: n_h = {result['n_h']}, {result['activation']}, α = "
            f"{result['learning_rate']:.3g}"
        )
        if result["error"]:
            return f"{head}: {result['error']}"
        costs = result["model"].history["cost"]
        text = (
            f"{head}: after {result['num_iterations']} iterations cost {costs[-1]:.3f}, "
            f"training accuracy {result['accuracy']:.1%}"
        )
        if costs[-1] > costs[0]:
            text += f" — the cost went up from {costs[0]:.3f}: α is too large for this network"
        return text
