"""The L-layer network: forward, backward, update, predict, and a small Model object
(Course 1, week 4), with L2/L1 regularization and inverted dropout (Course 2, week 1).

Architecture: [LINEAR → hidden_activation (→ dropout)] × (L−1) → LINEAR → output_activation.
Parameters are a dict {"W1", "b1", …, "WL", "bL"}; grads {"dW1", "db1", …, "dA0", …}.
"""

import functools
from contextlib import contextmanager

import numpy as np

from course_lib.activations import (
    ACTIVATIONS,
    check_activation,
    get_activation,
)
from course_lib.batchnorm import (
    L_model_backward_bn,
    L_model_forward_bn,
    initial_running_averages,
    initialize_parameters_bn,
    update_running_averages,
)
from course_lib.dense import (
    LayerCache,
    LinearCache,
    _linear,
    _weight_gradients,
    linear_activation_forward,
)
from course_lib.initializers import initialize_parameters_deep
from course_lib.losses import _cross_entropy, _squared_error
from course_lib.optimizers import update_parameters_with_gd
from course_lib.regularization import (
    _dropout_backward,
    _dropout_forward,
    _penalty_cost,
    _penalty_gradient,
    check_lambd,
    check_mask,
    check_penalty,
    dropout_forward,
    keep_probs_per_layer,
    penalty_cost,
)
from course_lib.training import Trainer, TrainingDiverged  # noqa: F401  (TrainingDiverged: its old home)
from course_lib.training_pass import FlatParameters, TrainingPass
from course_lib.validation import (
    as_array,
    as_count,
    as_examples_matrix,
    as_labels,
    as_rng,
    check_binary_labels,
    check_one_hot,
    check_parameters,
    check_shape,
)


def L_model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """AL = g_out(W[L] g(… g(W[1] X + b[1]) …) + b[L]): the forward pass through the L layers.

    X: (n_x, m) examples as columns
    parameters: {"W1": (n[1], n_x), "b1": (n[1], 1), …, "WL": (n[L], n[L−1]), "bL": (n[L], 1)}
    Returns AL (n[L], m) and the caches, one (LinearCache, Z) per layer for L_model_backward.
    """
    check_activation(output_activation, "output")
    check_activation(hidden_activation, "hidden")
    check_parameters(parameters)
    X = as_examples_matrix(X, "X", n_x=parameters["W1"].shape[1])
    AL, caches, _ = _forward(X, parameters, hidden_activation, output_activation)
    return AL, caches


def L_model_forward_with_dropout(
    X, parameters, keep_prob, rng=None, hidden_activation="relu", output_activation="sigmoid"
):
    """L_model_forward with inverted dropout after every hidden layer:
    A[l] := A[l] ∗ D[l] / keep_prob[l].

    X: (n_x, m);  parameters as in L_model_forward
    keep_prob: one number in (0, 1], or one per hidden layer (L − 1 values)
    rng: draws the masks D[l] (n[l], m), each entry 1 with probability keep_prob[l]
    Returns AL (n[L], m), the caches and the masks [D1, …, D(L−1)] (None where keep_prob is 1).
    """
    check_activation(output_activation, "output")
    check_activation(hidden_activation, "hidden")
    L = check_parameters(parameters)
    X = as_examples_matrix(X, "X", n_x=parameters["W1"].shape[1])
    keep_probs = keep_probs_per_layer(keep_prob, L)
    rng = as_rng(rng)
    return _forward(X, parameters, hidden_activation, output_activation, keep_probs, rng)


def _forward(A, parameters, hidden_activation, output_activation, keep_probs=None, rng=None):
    """The loop of L_model_forward without input checks: A[l] = g(W[l] A[l−1] + b[l]) for l = 1…L,
    with dropout after hidden layer l where keep_probs[l − 1] < 1. Returns AL, caches, masks."""
    L = len(parameters) // 2
    g_hidden, g_output = ACTIVATIONS[hidden_activation][0], ACTIVATIONS[output_activation][0]
    caches, masks = [], []
    for l, (W_key, b_key) in enumerate(_parameter_keys(L), start=1):
        W, b = parameters[W_key], parameters[b_key]
        Z = _linear(A, W, b)
        caches.append(LayerCache(LinearCache(A, W, b), Z))
        if l == L:
            return g_output(Z), caches, masks
        A = g_hidden(Z)
        D = None
        if keep_probs is not None and keep_probs[l - 1] < 1:
            A, D = _dropout_forward(A, keep_probs[l - 1], rng)
        masks.append(D)


def _output(A, parameters, hidden_activation, output_activation):
    """A[L] of _forward without dropout and caches: each layer makes one array, Z[l] = W[l] A[l−1]
    with b[l] added in place, which ReLU turns into A[l] in place (on a decision grid of 8 100
    points a fresh array costs more in page faults than its arithmetic)."""
    L = len(parameters) // 2
    g_hidden, g_output = ACTIVATIONS[hidden_activation][0], ACTIVATIONS[output_activation][0]
    for l, (W_key, b_key) in enumerate(_parameter_keys(L), start=1):
        Z, b = parameters[W_key] @ A, parameters[b_key]
        Z = np.add(Z, b, out=Z) if np.result_type(Z, b) == Z.dtype else Z + b
        if l == L:
            return g_output(Z)
        A = np.maximum(0.0, Z, out=Z) if hidden_activation == "relu" else g_hidden(Z)


@functools.cache
def _parameter_keys(L):
    """(("W1", "b1"), …, ("WL", "bL")): made once per depth, not on every call."""
    return tuple((f"W{l}", f"b{l}") for l in range(1, L + 1))


@functools.cache
def _gradient_keys(L):
    """("dA{l}", "dA{l−1}", "dW{l}", "db{l}") for l = 1…L."""
    return tuple((f"dA{l}", f"dA{l - 1}", f"dW{l}", f"db{l}") for l in range(1, L + 1))


def output_cost(AL, Y, output_activation="sigmoid"):
    """The cost that pairs with the output activation.

    AL, Y: (n[L], m) outputs and labels (one-hot for softmax)
    Returns −(1/m) Σ [y log a + (1 − y) log(1 − a)] for sigmoid, −(1/m) Σ y log a for softmax,
    (1/2m) Σ (a − y)² for a linear output.
    """
    if not (isinstance(AL, np.ndarray) and AL.ndim == 2):  # a plain test on a training step's path
        AL = check_shape(as_array(AL, "AL"), (None, None), "AL", "(n[L], m)")
    return _squared_error(AL, Y) if output_activation == "linear" else _cross_entropy(AL, Y)


def L_model_backward(
    AL,
    Y,
    caches,
    hidden_activation="relu",
    lambd=0.0,
    penalty="l2",
    masks=None,
    keep_prob=1.0,
    dA0=True,
):
    """Backprop through the L layers, from the output back to the input.

    AL: (n[L], m) the output of L_model_forward;  Y: (n[L], m) the labels
    caches: the L caches of L_model_forward;  lambd, penalty: the weights' penalty (λ = 0: none)
    masks, keep_prob: the dropout masks [D1, …, D(L−1)] of L_model_forward_with_dropout, if any
    Returns grads {"dA{l−1}", "dW{l}", "db{l}"} for l = L…1 (dA0 only if dA0, which training skips).

    The output layer starts from dZ[L] = A[L] − Y: what dA[L] = −(Y/A[L] − (1−Y)/(1−A[L])) times
    σ′(Z[L]) simplifies to (likewise softmax + cross-entropy and linear + squared error). Then for
    l = L…1: dW[l] = (1/m) dZ[l] A[l−1]ᵀ, db[l] = (1/m) Σ dZ[l], dA[l−1] = W[l]ᵀ dZ[l], and
    below the output dA[l] (· D[l] / keep_prob with dropout) gives dZ[l] = dA[l] ∗ g′(Z[l]).
    With λ > 0 each dW[l] gets the penalty's term: + (λ/m) W[l] for L2, + (λ/2m) sign(W[l]) for L1.
    """
    check_activation(hidden_activation, "hidden")
    AL = check_shape(as_array(AL, "AL"), (None, None), "AL", "(n[L], m)")
    Y = as_labels(Y, AL.shape[1], AL.shape[0])
    lambd, penalty = check_lambd(lambd), check_penalty(penalty)
    L = len(caches)
    m = AL.shape[1]
    for l, ((A_prev, W, _), Z) in enumerate(caches, start=1):  # Z[l] = W[l] A[l−1] + b[l]
        n_l, n_prev = np.shape(W)
        for name, value, shape in ((f"A{l - 1}", A_prev, (n_prev, m)), (f"Z{l}", Z, (n_l, m))):
            check_shape(
                as_array(value, name),
                shape,
                f"caches[{l - 1}]'s {name}",
                f"(n[{l - 1 if name[0] == 'A' else l}], m)",
                note=f" for W{l} {(n_l, n_prev)} and AL's m = {m}: pass the caches of the "
                "L_model_forward that gave AL",
            )
    keep_probs = None
    if masks is not None:
        keep_probs = keep_probs_per_layer(keep_prob, L)
        if len(masks) != L - 1:
            raise ValueError(
                f"masks must hold the L − 1 = {L - 1} masks from L_model_forward_with_dropout; "
                f"got {len(masks)}"
            )
        for D, (_, Z) in reversed(list(zip(masks, caches[:-1], strict=True))):  # as backprop
            if D is not None:
                check_mask(D, Z.shape)
    return _backward(AL, Y, caches, hidden_activation, lambd, penalty, masks, keep_probs, dA0)


def _backward(AL, Y, caches, hidden_activation, lambd, penalty, masks, keep_probs, dA0):
    """The loop of L_model_backward after its input checks; keep_probs: one per hidden layer, or
    None."""
    L = len(caches)
    g_backward = ACTIVATIONS[hidden_activation][1]
    m = AL.shape[1]
    keys = _gradient_keys(L)
    grads = {}
    dZ, dA = AL - Y, None  # dA: dA[l], from the layer above
    for l in range(L, 0, -1):
        linear_cache, Z = caches[l - 1]
        dA_key, dA_prev_key, dW_key, db_key = keys[l - 1]
        if l < L:
            if masks is not None and masks[l - 1] is not None:
                dA = grads[dA_key] = _dropout_backward(dA, masks[l - 1], keep_probs[l - 1])
            dZ = g_backward(dA, Z)
        A_prev, W, _ = linear_cache
        grads[dW_key], grads[db_key] = _weight_gradients(dZ, A_prev)
        if l > 1 or dA0:
            dA = grads[dA_prev_key] = W.T @ dZ
    if lambd:
        for l, (_, _, dW_key, _) in enumerate(keys, start=1):
            grads[dW_key] = grads[dW_key] + _penalty_gradient(
                caches[l - 1].linear_cache.W, lambd, m, penalty
            )
    return grads


def L_model_backward_with_dropout(
    AL, Y, caches, masks, keep_prob, hidden_activation="relu", lambd=0.0, penalty="l2"
):
    """L_model_backward through the masks of L_model_forward_with_dropout:
    dA[l] := dA[l] ∗ D[l] / keep_prob[l].

    masks: [D1, …, D(L−1)] as returned by L_model_forward_with_dropout;  keep_prob: as given to it
    """
    return L_model_backward(
        AL, Y, caches, hidden_activation, lambd, penalty, masks=masks, keep_prob=keep_prob
    )


def three_layer_forward(X, parameters, keep_prob=None, rng=None):
    """A3 of the course's 3-layer network LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID, with
    the cache as the course's plain tuple (Course 2, week 1's regularization assignment).

    X: (n_x, m);  parameters: {"W1": (n[1], n_x), "b1": (n[1], 1), …, "W3": (1, n[2]), "b3": (1, 1)}
    keep_prob: None for no dropout; else inverted dropout on both hidden layers, the masks drawn
    from rng as dropout_forward does, D1 = (rng.random(A1.shape) < keep_prob) first, then D2
    Returns A3 (1, m) and (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3), with dropout
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), A1 and A2 after their masks.
    """
    if sorted(parameters) != ["W1", "W2", "W3", "b1", "b2", "b3"]:
        raise ValueError(
            "the course's 3-layer network takes parameters W1, b1, W2, b2, W3, b3; got "
            f"{sorted(parameters)}"
        )
    X = as_examples_matrix(X, "X", n_x=parameters["W1"].shape[1])
    rng = None if keep_prob is None else as_rng(rng)
    A, cache = X, []
    for l in (1, 2, 3):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        A, (_, Z) = linear_activation_forward(A, W, b, "relu" if l < 3 else "sigmoid")
        cache.append(Z)
        if l < 3 and keep_prob is not None:
            A, D = dropout_forward(A, keep_prob, rng)
            cache.append(D)
        cache += [A, W, b]
    return A, tuple(cache)


def three_layer_backward(X, Y, cache, lambd=0.0, keep_prob=1.0):
    """The gradients of three_layer_forward's network: the course's backward_propagation, with
    dW[l] += (λ/m) W[l] for lambd > 0 and, for a cache with masks, dA[l] := dA[l] · D[l] / keep_prob
    (the course's backward_propagation_with_regularization and _with_dropout).

    X: (n_x, m);  Y: (1, m) 0/1 labels;  cache: the tuple of three_layer_forward (12 entries, or 14
    with D1, D2);  lambd: λ ≥ 0;  keep_prob: the forward pass's, in (0, 1]
    Returns {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}, each
    shaped like what it is the gradient of (dA2 and dA1 after their masks).
    """
    if len(cache) not in (12, 14):
        raise ValueError(
            "cache must be the tuple of three_layer_forward: (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, "
            f"A3, W3, b3), or with dropout (Z1, D1, A1, …, Z2, D2, A2, …); got {len(cache)} entries"
        )
    masks = [cache[1], cache[6]] if len(cache) == 14 else None
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = (
        [x for i, x in enumerate(cache) if i not in (1, 6)] if masks else cache
    )
    caches = [
        LayerCache(LinearCache(X, W1, b1), Z1),
        LayerCache(LinearCache(A1, W2, b2), Z2),
        LayerCache(LinearCache(A2, W3, b3), Z3),
    ]
    grads = L_model_backward(
        A3, Y, caches, "relu", lambd, masks=masks, keep_prob=keep_prob, dA0=False
    )
    relu_backward = get_activation("relu")[1]
    return {
        "dZ3": A3 - Y,
        "dW3": grads["dW3"],
        "db3": grads["db3"],
        "dA2": grads["dA2"],
        "dZ2": relu_backward(grads["dA2"], Z2),
        "dW2": grads["dW2"],
        "db2": grads["db2"],
        "dA1": grads["dA1"],
        "dZ1": relu_backward(grads["dA1"], Z1),
        "dW1": grads["dW1"],
        "db1": grads["db1"],
    }


# the c1w4 name: W[l] := W[l] − α dW[l], b[l] := b[l] − α db[l]
update_parameters = update_parameters_with_gd


def predict(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """Predictions for X (n_x, m) with parameters as in L_model_forward.

    Returns (1, m): 1 where A[L] > 0.5 (sigmoid), the arg-max class (softmax), A[L] itself (linear).
    """
    return predictions(
        L_model_forward(X, parameters, hidden_activation, output_activation)[0], output_activation
    )


def predictions(AL, output_activation="sigmoid"):
    """From the outputs AL (n[L], m) to predictions (1, m): AL > 0.5 (sigmoid), the arg-max class
    (softmax), or AL itself (linear)."""
    AL = check_shape(as_array(AL, "AL"), (None, None), "AL", "(n[L], m)")
    if output_activation == "sigmoid":
        return (AL > 0.5).astype(int)
    if output_activation == "softmax":
        return np.argmax(AL, axis=0).reshape(1, -1)
    return AL


class Model:
    """An L-layer network, built from the functions above and trained by training.Trainer.

    layer_dims = [n[0], …, n[L]]; `fit` / `step` (batch gradient descent, n iterations: each is one
    epoch), `fit_epochs` (mini-batches), `predict`, `accuracy`; `history["cost"][i]` is the cost
    before update i (of its mini-batch), `history["epoch_cost"]` the mean over each epoch of
    `fit_epochs`. lambd/penalty regularize the weights; keep_prob < 1 (one number, or one per hidden
    layer) applies inverted dropout while training only; optimizer ("gd", "momentum", "rmsprop",
    "adam" or an Optimizer) makes the updates with α = learning_rate, or α = schedule(learning_rate,
    epoch, t) with a Schedule (or its name); batch_norm=True normalizes every hidden layer's Z
    (running averages are used by forward/predict). rng seeds the initialization, then the dropout
    masks and the mini-batch shuffles. history_limit = k keeps only the first and the k − 1 latest
    costs (for long interactive runs).
    """

    def __init__(
        self,
        layer_dims,
        hidden_activation="relu",
        output_activation="sigmoid",
        init="he",
        learning_rate=0.0075,
        lambd=0.0,
        rng=0,
        penalty="l2",
        keep_prob=1.0,
        optimizer="gd",
        schedule=None,
        batch_norm=False,
        history_limit=None,
    ):
        check_activation(output_activation, "output")
        check_activation(hidden_activation, "hidden")
        if output_activation == "softmax" and layer_dims[-1] < 2:
            raise ValueError(
                f"a softmax output needs n[L] ≥ 2 units, one per class; got layer_dims "
                f"{list(layer_dims)} — for two classes use one sigmoid unit"
            )
        self.layer_dims = list(layer_dims)
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation
        self.lambd = check_lambd(lambd)
        self.penalty = check_penalty(penalty)
        self.keep_probs = keep_probs_per_layer(keep_prob, len(self.layer_dims) - 1)
        self.batch_norm = bool(batch_norm)
        if self.batch_norm and len(self.layer_dims) < 3:
            raise ValueError(
                "batch_norm normalizes hidden layers, and this network has none "
                "(layer_dims has two entries)"
            )
        if self.batch_norm and any(p < 1 for p in self.keep_probs):
            raise ValueError(
                "batch_norm is not combined with dropout here: use keep_prob = 1 with "
                "batch_norm=True"
            )
        self.rng = as_rng(rng)
        self.trainer = Trainer(self, optimizer, learning_rate, schedule, self.rng, history_limit)
        if self.batch_norm:
            self.parameters = initialize_parameters_bn(self.layer_dims, self.rng, method=init)
            self.running = initial_running_averages(self.parameters)
        else:
            self.parameters = initialize_parameters_deep(self.layer_dims, self.rng, method=init)
            self.running = None
        # a training_pass.DropoutDraws that step() reads its dropout masks from, when it was
        # recorded for this model's state, sizes and keep_probs (see RegularizationPanel)
        self.dropout_draws = None
        # a training call's FlatParameters, TrainingPass per batch size and replay (see _training)
        self._flat, self._passes, self._replay = None, {}, None

    def __repr__(self):
        extras = "" if all(p == 1 for p in self.keep_probs) else f", keep_prob={self.keep_probs}"
        extras += "" if self.optimizer.name == "gd" else f", {self.optimizer}"
        extras += "" if self.schedule is None else f", {self.schedule}"
        extras += ", batch_norm" if self.batch_norm else ""
        penalty = "" if self.penalty == "l2" else f" ({self.penalty})"
        return (
            f"Model({self.layer_dims}, hidden={self.hidden_activation!r}, "
            f"output={self.output_activation!r}, α={self.learning_rate:g}, "
            f"λ={self.lambd:g}{penalty}{extras})"
        )

    # The training state lives in the trainer; these read it under the names the notebooks use.
    optimizer = property(
        lambda self: self.trainer.optimizer, doc="The Optimizer making the updates."
    )
    schedule = property(
        lambda self: self.trainer.schedule, doc="The learning-rate Schedule, or None."
    )
    learning_rate = property(lambda self: self.trainer.learning_rate, doc="α (α₀ with a schedule).")
    history = property(lambda self: self.trainer.history, doc='{"cost": […], "epoch_cost": […]}.')
    epoch = property(
        lambda self: self.trainer.epoch, doc="Epochs trained (an iteration of step is one)."
    )
    iterations = property(
        lambda self: self.trainer.iterations, doc="Updates (or mini-batch steps) made."
    )
    current_learning_rate = property(
        lambda self: self.trainer.current_learning_rate,
        doc="α for the next update (the schedule's value, if any).",
    )

    def forward(self, X):
        """A[L] (n[L], m) for inputs X (n_x, m), without dropout and with batch norm's running
        averages."""
        if self.batch_norm:
            X = as_examples_matrix(X, "X", n_x=self.layer_dims[0])
            return L_model_forward_bn(
                X,
                self.parameters,
                self.hidden_activation,
                self.output_activation,
                running=self.running,
            )[0]
        check_parameters(self.parameters)
        X = as_examples_matrix(X, "X", n_x=self.parameters["W1"].shape[1])
        return _output(X, self.parameters, self.hidden_activation, self.output_activation)

    def cost(self, X, Y):
        """The objective at the current parameters without dropout: output cost + penalty."""
        AL = self.forward(X)
        return output_cost(AL, Y, self.output_activation) + penalty_cost(
            self.parameters, self.lambd, AL.shape[1], self.penalty
        )

    def loss_and_gradients(self, X, Y):
        """The training objective on one checked batch X (n_x, m), Y (n[L], m) and its gradients.

        Forward with dropout (or batch norm's batch statistics, whose running averages it updates),
        J = output cost + penalty, then L_model_backward (or its batch-norm version): without batch
        norm the numbers of those functions, computed by a training_pass.TrainingPass.
        Returns J and the parameters' gradients: {"dW1", "db1", …}, or with batch norm {"dW1",
        "dgamma1", "dbeta1", …, "dWL", "dbL"}; within a training call (step, fit_epochs) the
        arrays are views that the next step writes over, called on its own they are new.
        """
        m = X.shape[1]
        if self.batch_norm and m < 2:
            raise ValueError(
                "batch norm needs at least 2 examples in a training mini-batch (σ² of one "
                "example is 0); with fit_epochs, pass drop_last=True to skip a short last batch"
            )
        if not self.batch_norm:
            flat, training_pass = self._flat, self._passes.get(m)
            if flat is None:  # a call of its own: fresh arrays, nothing kept
                flat = FlatParameters(self.parameters)
            elif self.parameters is not flat.parameters:  # an optimizer's new arrays (not gd's)
                flat.load(self.parameters)
            if training_pass is None:
                training_pass = TrainingPass(
                    self.layer_dims,
                    self.hidden_activation,
                    self.output_activation,
                    self.keep_probs,
                    self.lambd,
                    self.penalty,
                    m,
                    self._replay if self._flat is not None else None,
                )
                if self._flat is not None:
                    self._passes[m] = training_pass
            return training_pass.loss_and_gradients(X, Y, flat, self.rng), flat.gradients
        AL, caches, stats = L_model_forward_bn(
            X, self.parameters, self.hidden_activation, self.output_activation
        )
        cost = output_cost(AL, Y, self.output_activation) + _penalty_cost(
            self.parameters, self.lambd, m, self.penalty
        )
        grads = L_model_backward_bn(AL, Y, caches, self.parameters, self.hidden_activation)
        if self.lambd:
            for l in range(1, len(self.layer_dims)):
                grads[f"dW{l}"] = grads[f"dW{l}"] + _penalty_gradient(
                    self.parameters[f"W{l}"], self.lambd, m, self.penalty
                )
        self.running = {l: update_running_averages(self.running[l], *stats[l]) for l in stats}
        return cost, grads

    def step(self, X, Y, n=1):
        """Run n iterations of forward (with dropout) → cost → backward → update; return the last
        cost.

        Raises TrainingDiverged (with a hint) if the cost turns NaN/inf or rises 10× above its
        start; the cost that blew up is the last entry of history["cost"].
        """
        n = as_count(n, "the number of iterations")
        X = as_examples_matrix(X, "X", n_x=self.layer_dims[0])
        Y = self._labels(Y, X.shape[1])
        with self._training(X.shape[1], n):
            return self.trainer.run_iterations(X, Y, n)

    def fit_epochs(self, X, Y, num_epochs, mini_batch_size=64, print_every=0, drop_last=False):
        """Mini-batch gradient descent: each epoch shuffles the examples (with the model's rng),
        then makes one update per mini-batch; history["epoch_cost"] gets the epoch's mean cost.
        drop_last skips the smaller last batch of each epoch (its examples land in full batches in
        other epochs). Prints every `print_every` epochs (0: silent). Returns self."""
        num_epochs = as_count(num_epochs, "num_epochs")
        mini_batch_size = as_count(
            mini_batch_size, "mini_batch_size", 1, note=" (1: stochastic GD, m: batch GD)"
        )
        X = as_examples_matrix(X, "X", n_x=self.layer_dims[0])
        Y = self._labels(Y, X.shape[1])
        with self._training():
            self.trainer.run_epochs(
                X, Y, num_epochs, mini_batch_size, drop_last=drop_last, print_every=print_every
            )
        return self

    @contextmanager
    def _training(self, m=None, iterations=None):
        """A training call without batch norm: the parameters become views into one vector
        (FlatParameters, which gradient descent updates in place), each batch size gets its
        TrainingPass buffers; afterwards the model keeps a plain dict of its parameters.
        Batch gradient descent (`iterations` steps on m examples) replays dropout_draws when
        they were recorded for it, and leaves rng as if it had drawn them."""
        if self.batch_norm:
            yield
            return
        self._flat = FlatParameters(self.parameters)
        self.parameters = self._flat.parameters
        if self.dropout_draws is not None and iterations is not None:
            self._replay = self.dropout_draws.replay(
                self.rng, self.layer_dims, self.keep_probs, m, iterations
            )
        try:
            yield
        finally:
            self.parameters = dict(self.parameters)
            if self._replay is not None:
                self._replay.finish(self.rng)
            self._flat, self._passes, self._replay = None, {}, None

    def _labels(self, Y, m):
        """Y checked against the output: (1, m) 0/1 labels for sigmoid, one-hot (C, m) for
        softmax."""
        Y = as_labels(Y, m, self.layer_dims[-1])
        if self.output_activation == "sigmoid":
            check_binary_labels(Y)
        elif self.output_activation == "softmax":
            check_one_hot(Y)
        return Y

    def fit(self, X, Y, num_iterations=3000, print_every=0):
        """Train for num_iterations; print the cost every `print_every` iterations (0: silent).
        Returns self."""
        num_iterations = as_count(num_iterations, "num_iterations")
        print_every = as_count(print_every, "print_every", note=" (0: silent)")
        if print_every:
            for start in range(0, num_iterations, print_every):
                cost = self.step(X, Y, 1)  # the cost before update `start`
                print(f"Cost after iteration {start}: {cost:.4f}")
                self.step(X, Y, min(print_every, num_iterations - start) - 1)
            print(f"Cost after iteration {num_iterations}: {self.cost(X, Y):.4f}")
            return self
        self.step(X, Y, num_iterations)
        return self

    def predict_proba(self, X):
        """A[L] (n[L], m): probabilities for sigmoid/softmax outputs."""
        return self.forward(X)

    def predict(self, X):
        """Predictions (1, m) as in `predict`."""
        return predictions(self.forward(X), self.output_activation)

    def accuracy(self, X, Y):
        """Fraction of the m examples predicted right; Y (1, m) labels, or for softmax also one-hot
        (C, m)."""
        predictions = self.predict(X)
        m = predictions.shape[1]
        if (
            self.output_activation == "softmax"
            and np.ndim(Y) == 2
            and np.shape(Y)[0] == self.layer_dims[-1] > 1
        ):
            labels = np.argmax(as_labels(Y, m, self.layer_dims[-1]), axis=0).reshape(1, -1)
        else:
            labels = as_labels(Y, m)
        return float(np.mean(predictions == labels))
