"""The Model's training step without batch norm: forward (with dropout), cost and backward on
arrays kept from one step to the next.

The numbers are those of L_model_forward(_with_dropout), output_cost + the penalty and
L_model_backward, bit for bit (the tests compare them over whole training runs); what differs is
where they are written. Every (n[l], m) array of a step (Z[l], A[l], the dropout draws and masks,
dA[l], dZ[l]) goes into a buffer made once per batch size: a fresh 48 kB array costs about as much
as the arithmetic that fills it. The parameters and their gradients are views into two vectors
(FlatParameters), so that 1/m and gradient descent's update are one NumPy call each for the whole
network: on networks this small a step's time is mostly the number of NumPy calls.
"""

import numpy as np

from course_lib.activations import ACTIVATIONS, BACKWARD_FROM_OUTPUT
from course_lib.losses import _binary_cross_entropy, _cross_entropy, _squared_error
from course_lib.regularization import _penalty_cost, _penalty_gradient


class FlatParameters:
    """A training call's parameters and their gradients, as views into two vectors θ and g.

    parameters: the model's {"W1", "b1", …}, copied into θ (weights first, then biases, so that
    the penalty's gradient is one product over θ's first n_weights numbers).
    `parameters` and `gradients` ({"dW1", "db1", …}) are dicts of views in the parameters' key
    order; optimizers' gradient descent recognises the pair and calls parameters.descend.
    """

    def __init__(self, parameters):
        keys = list(parameters)
        order = sorted(keys, key=lambda key: not key.startswith("W"))  # stable: W1 … WL, b1 … bL
        size = sum(parameters[key].size for key in order)
        self.theta, self.g = np.empty(size), np.empty(size)
        views, start = {}, 0
        for key in order:
            shape, end = parameters[key].shape, start + parameters[key].size
            views[key] = (self.theta[start:end].reshape(shape), self.g[start:end].reshape(shape))
            start = end
        self.n_weights = sum(parameters[key].size for key in keys if key.startswith("W"))
        self.gradients = {"d" + key: views[key][1] for key in keys}
        # no reference back to self: a model trained call after call leaves no cycles to collect
        self.parameters = _ParameterViews((key, views[key][0]) for key in keys)
        self.parameters.theta, self.parameters.g = self.theta, self.g
        self.parameters.gradients = self.gradients
        self.load(parameters)

    def load(self, parameters):
        """Copy `parameters` (arrays of the same keys and shapes) into θ."""
        for key, view in self.parameters.items():
            np.copyto(view, parameters[key])


class _ParameterViews(dict):
    """FlatParameters.parameters: a dict of views into θ, with θ, g and the gradients' dict."""

    __slots__ = ("theta", "g", "gradients")

    def descend(self, learning_rate):
        """θ := θ − α g: update_parameters' numbers, in two NumPy calls (g keeps α g)."""
        np.subtract(self.theta, np.multiply(self.g, learning_rate, out=self.g), out=self.theta)


class DropoutDraws:
    """The uniform draws of a training run's dropout masks, made once for runs that differ only
    in keep_prob (or λ): the same seed, layer sizes and batch gives the same draws u.

    Each u is kept as the number of `grid` values ≤ u (one byte), so that for keep_prob = grid[j]
    the mask 1{u < keep_prob} is 1{that number ≤ j}: one comparison of bytes instead of a draw and
    a comparison of doubles, the same masks bit for bit.

    rng: the Generator as the runs find it before their first step (read, not advanced; its bit
    generator must have advance, as NumPy's default PCG64 has);  sizes: n[l] of each hidden layer
    with dropout, in order;  m: the batch size;  steps: the iterations recorded;  grid: the
    keep_prob values served, in (0, 1), at most 255.  Memory: steps · Σ sizes · m bytes.
    """

    def __init__(self, rng, sizes, m, steps, grid):
        if not hasattr(rng.bit_generator, "advance"):
            raise ValueError(
                f"DropoutDraws needs a bit generator that can advance (PCG64, NumPy's default); "
                f"got {type(rng.bit_generator).__name__}"
            )
        self.grid = np.unique(np.asarray(grid, dtype=float))
        if not 0 < self.grid.size <= 255 or self.grid[0] <= 0 or self.grid[-1] >= 1:
            raise ValueError(
                f"grid must hold 1 to 255 keep_prob values in (0, 1); got {self.grid.size} values "
                f"from {self.grid.min(initial=np.nan):g} to {self.grid.max(initial=np.nan):g}"
            )
        self.state, self.sizes, self.m, self.steps = rng.bit_generator.state, tuple(sizes), m, steps
        generator = np.random.Generator(type(rng.bit_generator)())
        generator.bit_generator.state = self.state
        self.counts = [np.empty((steps, n, m), dtype=np.uint8) for n in self.sizes]
        draws = [np.empty((n, m)) for n in self.sizes]
        count = grid_counter(self.grid)
        for t in range(steps):  # in the order the training step draws them: layer 1's first
            for counts, u in zip(self.counts, draws, strict=True):
                counts[t] = count(generator.random(out=u))

    def replay(self, rng, layer_dims, keep_probs, m, iterations):
        """A _Replay of these draws for a training call (`iterations` steps on m examples of
        layer_dims with keep_probs, from rng's current state), or None when they cannot serve it:
        another state, size or keep_prob, or more steps than recorded."""
        sizes = tuple(n for n, p in zip(layer_dims[1:-1], keep_probs, strict=True) if p < 1)
        served = [p for p in keep_probs if p < 1]
        if (
            sizes != self.sizes
            or m != self.m
            or iterations > self.steps
            or not set(served) <= set(self.grid.tolist())
            or rng.bit_generator.state != self.state
        ):
            return None
        thresholds = [int(np.searchsorted(self.grid, p)) for p in served]
        return _Replay(self.counts, thresholds, sum(sizes) * m)


CELLS = 4096  # grid_counter's cells of [0, 1); a power of 2, so that u · CELLS is exact


def grid_counter(grid):
    """u ↦ the number of values of the sorted grid ≤ u, for draws u in [0, 1), as a uint8 array:
    np.searchsorted(grid, u, side="right"), or, when no cell [c, c + 1) / CELLS holds two grid
    values, the count below u's cell plus one comparison with the next grid value (about 3× the
    speed of the binary search)."""
    if grid.size > 1 and np.diff(grid).min() <= 1 / CELLS:
        return lambda u: np.searchsorted(grid, u, side="right").astype(np.uint8)
    starts = np.arange(CELLS) / CELLS
    below = np.searchsorted(grid, starts, side="right").astype(np.uint8)  # grid values ≤ start
    following = np.append(grid, np.inf)[below]  # the first grid value above each cell's start

    def count(u):
        cell = (u * CELLS).astype(np.intp)
        return below[cell] + (u >= following[cell])

    return count


class _Replay:
    """A training call's reading of DropoutDraws: per dropout layer its counts (steps, n, m) and
    threshold j (mask = counts[t] ≤ j); `used` steps so far, each standing for `per_step` draws."""

    def __init__(self, counts, thresholds, per_step):
        self.counts, self.thresholds, self.per_step, self.used = counts, thresholds, per_step, 0

    def finish(self, rng):
        """Advance rng past the draws the call read: its state is then as if it had drawn them."""
        rng.bit_generator.advance(self.used * self.per_step)


class _HiddenLayer:
    """Hidden layer l's names, keep_prob and buffers, each (n[l], m)."""

    __slots__ = (
        "W", "b", "keep_prob", "zeros", "Z", "A", "output", "passed", "U", "D", "dA", "dZ",
        "counts", "threshold",
    )  # fmt: skip

    def __init__(self, l, n, m, keep_prob, relu):
        self.W, self.b, self.keep_prob = f"W{l}", f"b{l}", keep_prob
        dropout = keep_prob < 1
        # ReLU's max(0, Z) against an array of zeros: the same numbers (signed zeros and NaN
        # included), in the vector kernel instead of the slower one for a scalar operand
        self.zeros = np.zeros((n, m)) if relu else None
        self.Z = np.empty((n, m))  # W[l] A[l−1] + b[l]
        # A[l]: ReLU's, dropped in place; other activations keep g(Z[l]) in `output` for their
        # backward pass and write A[l] · D[l] / keep_prob here
        self.A = np.empty((n, m)) if relu or dropout else None
        self.output = None
        self.passed = None  # what the step passed on to layer l + 1: A[l], after dropout
        self.U = np.empty((n, m)) if dropout else None  # the uniform draws of the mask
        # the dropout mask; ReLU's 1{Z > 0} (with dropout 1{A > 0}) in the backward pass
        self.D = np.empty((n, m), dtype=bool) if relu or dropout else None
        self.dA = np.empty((n, m))  # W[l+1]ᵀ dZ[l+1]
        self.dZ = np.empty((n, m)) if relu else None  # other activations' backward allocates
        self.counts = self.threshold = None  # a _Replay's, for this layer's masks


class TrainingPass:
    """J and the parameters' gradients of one batch of m examples, for an L-layer network.

    layer_dims: [n[0], …, n[L]];  hidden, output: activation names;  keep_probs: one per hidden
    layer (1: no dropout);  lambd, penalty: the weights' penalty;  m: the batch size the buffers
    are made for;  replay: a DropoutDraws._Replay whose masks replace the draws from rng.
    """

    def __init__(self, layer_dims, hidden, output, keep_probs, lambd, penalty, m, replay=None):
        self.L, self.m = len(layer_dims) - 1, m
        self.relu = hidden == "relu"
        self.g_hidden, self.g_backward = ACTIVATIONS[hidden]
        self.from_output = BACKWARD_FROM_OUTPUT.get(hidden)
        self.g_output, self.output = ACTIVATIONS[output][0], output
        self.binary = output == "sigmoid" and layer_dims[-1] == 1  # labels checked 0/1 by Model
        self.lambd, self.penalty = lambd, penalty
        self.layers = [
            _HiddenLayer(l, n, m, p, self.relu)
            for l, (n, p) in enumerate(zip(layer_dims[1:-1], keep_probs, strict=True), start=1)
        ]
        self.keys = [(f"W{l}", f"dW{l}", f"db{l}") for l in range(1, self.L + 1)]
        self.replay = replay
        self.labels = self.y_is_one = None  # the last Y and Y == 1, for the binary cost
        if replay is not None:
            dropping = [layer for layer in self.layers if layer.keep_prob < 1]
            for layer, counts, j in zip(dropping, replay.counts, replay.thresholds, strict=True):
                layer.counts, layer.threshold, layer.U = counts, j, None

    def loss_and_gradients(self, X, Y, flat, rng):
        """J = output cost + penalty on X (n[0], m), Y (n[L], m) at flat.parameters, with the
        gradients written into flat.gradients; the dropout masks are drawn from rng as
        L_model_forward_with_dropout draws them (or read from the replay). Y is checked as
        Model.fit checks it (0/1 labels for a sigmoid output)."""
        parameters = flat.parameters
        if self.replay is not None:
            t = self.replay.used
            self.replay.used += 1
        A = X
        for layer in self.layers:
            Z = np.matmul(parameters[layer.W], A, out=layer.Z)
            np.add(Z, parameters[layer.b], out=Z)
            if self.relu:
                A = np.maximum(layer.zeros, Z, out=layer.A)
            else:
                A = layer.output = self.g_hidden(Z)
            if layer.keep_prob < 1:
                if layer.counts is not None:
                    D = np.less_equal(layer.counts[t], layer.threshold, out=layer.D)
                else:
                    D = np.less(rng.random(out=layer.U), layer.keep_prob, out=layer.D)
                A = np.divide(np.multiply(A, D, out=layer.A), layer.keep_prob, out=layer.A)
            layer.passed = A
        AL = self.g_output(parameters[f"W{self.L}"] @ A + parameters[f"b{self.L}"])
        if self.binary:
            if Y is not self.labels:  # batch gradient descent hands the same Y every step
                self.labels, self.y_is_one = Y, Y == 1
            cost = _binary_cross_entropy(AL, self.y_is_one)
        elif self.output == "linear":
            cost = _squared_error(AL, Y)
        else:
            cost = _cross_entropy(AL, Y)
        cost += _penalty_cost(parameters, self.lambd, self.m, self.penalty)
        self._backward(AL - Y, X, flat)
        return cost

    def _backward(self, dZ, X, flat):
        """The gradients from dZ[L] = A[L] − Y down to layer 1 (see L_model_backward), into
        flat.gradients: dW[l] = (1/m) dZ[l] A[l−1]ᵀ (+ the penalty's term), db[l] = (1/m) Σ dZ[l],
        each sum divided by m in one call for all of them."""
        parameters, gradients = flat.parameters, flat.gradients
        for l in range(self.L, 0, -1):
            W_key, dW_key, db_key = self.keys[l - 1]
            A_prev = self.layers[l - 2].passed if l > 1 else X
            np.matmul(dZ, A_prev.T, out=gradients[dW_key])
            # np.add.reduce: what dZ.sum runs, without its Python wrapper
            np.add.reduce(dZ, axis=1, keepdims=True, out=gradients[db_key])
            if l > 1:
                layer = self.layers[l - 2]
                dA = np.matmul(parameters[W_key].T, dZ, out=layer.dA)
                dZ = self._hidden_backward(layer, dA)
        np.divide(flat.g, self.m, out=flat.g)
        if self.lambd:
            dW = flat.g[: flat.n_weights]
            W = flat.theta[: flat.n_weights]
            np.add(dW, _penalty_gradient(W, self.lambd, self.m, self.penalty), out=dW)

    def _hidden_backward(self, layer, dA):
        """dZ[l] from dA[l] = W[l+1]ᵀ dZ[l+1], through layer l's dropout and activation."""
        keep_prob = layer.keep_prob
        if self.relu:
            # (dA · D / keep_prob) · 1{Z > 0} = (dA / keep_prob) · 1{A · D / keep_prob > 0}: the
            # same numbers (multiplying by 1 or 0 is exact, and a zero keeps dA's sign either
            # way), one mask product fewer. Z > 0 exactly where ReLU's A > 0, and A / keep_prob
            # cannot round to 0 since keep_prob ≤ 1. (Only a dA past keep_prob · 1.8e308, long
            # after the cost has diverged, would give NaN here instead of 0.)
            if keep_prob < 1:
                mask = np.greater(layer.A, 0.0, out=layer.D)
                return np.multiply(np.divide(dA, keep_prob, out=dA), mask, out=layer.dZ)
            return np.multiply(dA, np.greater(layer.Z, 0.0, out=layer.D), out=layer.dZ)
        if keep_prob < 1:
            np.divide(np.multiply(dA, layer.D, out=dA), keep_prob, out=dA)
        if self.from_output:
            return self.from_output(dA, layer.output)
        return self.g_backward(dA, layer.Z)
