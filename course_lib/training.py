"""One training loop for every NumPy model of the course: mini-batches, the optimizer's update, the
learning-rate schedule, a cost history (with an optional bound) and the divergence check.

The split is the CS231n Solver's: a model is its `parameters` (a dict of arrays) and a method
`loss_and_gradients(X, Y) -> (cost, grads)` with grads["d" + name] for every parameter; a `Trainer`
runs gradient descent on it. `network.Model`, `cnn.ConvNet` and the playground train this way;
`torch_models.train_classifier` takes its batches from a DataLoader and its updates from
torch.optim, and stops on the same divergence rule (`check_divergence`).
"""

import math

import numpy as np

from course_lib.optimizers import as_optimizer, mini_batches
from course_lib.schedules import as_schedule
from course_lib.validation import as_count, as_number, as_rng


class TrainingDiverged(FloatingPointError):
    """Gradient descent blew up: the cost became NaN/inf or grew far above where it started."""


def check_divergence(cost, first_cost, when, learning_rate):
    """Raise TrainingDiverged if cost is NaN/inf or cost > 10 · first_cost + 1.

    cost: the cost just computed; first_cost: the first one of the run
    when: where it happened, for the message (e.g. "epoch 3"), or an iteration's number
    learning_rate: the α in use, which the message suggests dividing by 10
    """
    if not math.isfinite(cost) or (math.isfinite(first_cost) and cost > 10 * first_cost + 1.0):
        when = f"iteration {when}" if isinstance(when, int) else when
        raise TrainingDiverged(
            f"training diverged at {when}: cost {cost:.3g} (started at {first_cost:.3g}). "
            f"The learning rate α = {learning_rate:.3g} is probably too large — try α / 10."
        )


class Trainer:
    """Gradient descent on a model with `parameters` and `loss_and_gradients(X, Y)`.

    optimizer: "gd", "momentum", "rmsprop", "adam" or an Optimizer; it makes each update with
    α = learning_rate, or α = schedule(learning_rate, epoch, t) with a Schedule (or its name).
    rng: shuffles the mini-batches (share it with the model when the model draws from it too).
    history: {"cost": the cost before each update, "epoch_cost": each epoch's mean}; with
    history_limit = k each list keeps only its first entry and the k − 1 latest.
    """

    def __init__(
        self, model, optimizer="gd", learning_rate=0.01, schedule=None, rng=None, history_limit=None
    ):
        if history_limit is not None:
            history_limit = as_count(
                history_limit,
                "history_limit",
                2,
                note=" (the first cost and the latest; None: all)",
            )
        self.model = model
        self.optimizer = as_optimizer(optimizer)
        self.learning_rate = as_number(learning_rate, "the learning rate α", low=0, low_open=True)
        self.schedule = as_schedule(schedule)
        self.rng = as_rng(rng)
        self.history_limit = history_limit
        self.history = {"cost": [], "epoch_cost": []}
        self.first_cost = None
        self.iterations = 0  # costs computed: the updates made, and the one that diverged if any
        self.epoch = 0

    @property
    def current_learning_rate(self):
        """α for the next update: learning_rate, or the schedule's value at this epoch and step."""
        if self.schedule is None:
            return self.learning_rate
        return self.schedule(self.learning_rate, self.epoch, self.optimizer.t)

    def update(self, X, Y):
        """One update on one batch: cost and gradients, the divergence check, the optimizer's step.

        Returns the cost before the update; raises TrainingDiverged (the cost that blew up is then
        the last entry of history["cost"] and the parameters are left as they were).
        """
        cost, grads = self.model.loss_and_gradients(X, Y)
        self._record("cost", cost)
        self.iterations += 1
        if self.first_cost is None:
            self.first_cost = cost
        learning_rate = self.current_learning_rate
        check_divergence(cost, self.first_cost, self.iterations - 1, learning_rate)
        self.model.parameters = self.optimizer.update(self.model.parameters, grads, learning_rate)
        return cost

    def run_iterations(self, X, Y, n):
        """Batch gradient descent: n updates on all of X, Y, each counted as an epoch; returns the
        last cost."""
        cost = np.nan
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for _ in range(n):
                cost = self.update(X, Y)
                self.epoch += 1
        return cost

    def run_epochs(
        self, X, Y, num_epochs, batch_size, example_axis=-1, drop_last=False, print_every=0
    ):
        """Mini-batch gradient descent: each epoch reshuffles (see mini_batches) and makes one
        update per batch; history["epoch_cost"] gets the epoch's mean cost, weighted by batch size,
        printed every print_every epochs (0: silent)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for _ in range(num_epochs):
                batches = mini_batches(X, Y, batch_size, self.rng, example_axis, drop_last)
                total = sum(self.update(X_t, Y_t) * Y_t.shape[1] for X_t, Y_t in batches)
                self._record("epoch_cost", total / sum(Y_t.shape[1] for _, Y_t in batches))
                self.epoch += 1
                if print_every and self.epoch % print_every == 0:
                    print(f"Cost after epoch {self.epoch}: {self.history['epoch_cost'][-1]:.4f}")

    def _record(self, key, value):
        """Append to history[key]; beyond history_limit drop the oldest entry after the first."""
        values = self.history[key]
        values.append(value)
        if self.history_limit is not None and len(values) > self.history_limit:
            del values[1]
