"""The Model's training step without batch norm: forward (with dropout), cost and backward on
arrays kept from one step to the next.

The numbers are those of L_model_forward(_with_dropout), output_cost + the penalty and
L_model_backward, bit for bit (the tests compare them over whole training runs); what differs is
where they are written. Every (n[l], m) array of a step (Z[l], A[l], the dropout draws and masks,
dA[l], dZ[l]) goes into a buffer made once per batch size: a fresh 48 kB array costs about as much
as the arithmetic that fills it. Only the gradients, which the optimizer keeps, are new arrays.
"""

import numpy as np

from course_lib.activations import ACTIVATIONS, BACKWARD_FROM_OUTPUT
from course_lib.dense import _weight_gradients
from course_lib.losses import _binary_cross_entropy, _cross_entropy, _squared_error
from course_lib.regularization import _penalty_cost, _penalty_gradient


class _HiddenLayer:
    """Hidden layer l's names, keep_prob and buffers, each (n[l], m)."""

    __slots__ = ("W", "b", "keep_prob", "Z", "A", "output", "passed", "U", "D", "dA", "dZ")

    def __init__(self, l, n, m, keep_prob, relu):
        self.W, self.b, self.keep_prob = f"W{l}", f"b{l}", keep_prob
        dropout = keep_prob < 1
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


class TrainingPass:
    """J and the parameters' gradients of one batch of m examples, for an L-layer network.

    layer_dims: [n[0], …, n[L]];  hidden, output: activation names;  keep_probs: one per hidden
    layer (1: no dropout);  lambd, penalty: the weights' penalty;  m: the batch size the buffers
    are made for.
    """

    def __init__(self, layer_dims, hidden, output, keep_probs, lambd, penalty, m):
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

    def loss_and_gradients(self, X, Y, parameters, rng):
        """J = output cost + penalty on X (n[0], m), Y (n[L], m) and {"dW1", "db1", …}; the
        dropout masks are drawn from rng as L_model_forward_with_dropout draws them. Y is checked
        as Model.fit checks it (0/1 labels for a sigmoid output)."""
        A = X
        for layer in self.layers:
            Z = np.matmul(parameters[layer.W], A, out=layer.Z)
            np.add(Z, parameters[layer.b], out=Z)
            if self.relu:
                A = np.maximum(0.0, Z, out=layer.A)
            else:
                A = layer.output = self.g_hidden(Z)
            if layer.keep_prob < 1:
                D = np.less(rng.random(out=layer.U), layer.keep_prob, out=layer.D)
                A = np.divide(np.multiply(A, D, out=layer.A), layer.keep_prob, out=layer.A)
            layer.passed = A
        AL = self.g_output(parameters[f"W{self.L}"] @ A + parameters[f"b{self.L}"])
        if self.binary:
            cost = _binary_cross_entropy(AL, Y == 1)
        elif self.output == "linear":
            cost = _squared_error(AL, Y)
        else:
            cost = _cross_entropy(AL, Y)
        cost += _penalty_cost(parameters, self.lambd, self.m, self.penalty)
        return cost, self._backward(AL - Y, X, parameters)

    def _backward(self, dZ, X, parameters):
        """The gradients from dZ[L] = A[L] − Y down to layer 1 (see L_model_backward)."""
        grads = {}
        for l in range(self.L, 0, -1):
            W_key, dW_key, db_key = self.keys[l - 1]
            W = parameters[W_key]
            dW, grads[db_key] = _weight_gradients(dZ, self.layers[l - 2].passed if l > 1 else X)
            if self.lambd:
                dW = dW + _penalty_gradient(W, self.lambd, self.m, self.penalty)
            grads[dW_key] = dW
            if l > 1:
                layer = self.layers[l - 2]
                dZ = self._hidden_backward(layer, np.matmul(W.T, dZ, out=layer.dA))
        return grads

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
