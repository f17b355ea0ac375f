"""Optimization algorithms (Course 2, week 2): mini-batches, exponentially weighted averages, and
the update rules of gradient descent, momentum, RMSprop and Adam as pure functions over the
parameter dict.

Parameters are {"W1", "b1", …} (any keys); grads hold "d" + key for each; velocities v and squares s
are dicts shaped like grads. Nothing is changed in place: every update returns new dicts.
"""

import numpy as np

from course_lib.validation import (
    as_count,
    as_examples_matrix,
    as_learning_rate,
    as_number,
    as_rng,
    check_choice,
    check_finite,
    check_gradients,
    check_kind,
    check_mapping,
    check_shape,
)

OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")


def check_beta(beta, name="β"):
    """Return β as a float in [0, 1); refuse anything else with what β means."""
    return as_number(
        beta,
        name,
        0,
        1,
        high_open=True,
        note=" — it is the weight of the past in "
        "v = βv + (1 − β)θ, averaging about 1/(1 − β) values (0.9: 10, 0.999: 1000)",
    )


def check_epsilon(epsilon):
    """Return ε as a float > 0 (it only keeps a division away from 0)."""
    note = " (a small number such as 1e-8; it only prevents division by 0)"
    return as_number(epsilon, "ε", low=0, low_open=True, note=note)


def _check_update(parameters, grads, learning_rate, **states):
    """The checks every public update rule makes once: α > 0, and grads (and the optimizer's state
    dicts v, s) holding d<key> of each parameter's shape."""
    as_learning_rate(learning_rate)
    check_gradients(parameters, grads)
    for name, state in states.items():
        check_gradients(parameters, state, name)


def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
    """Shuffle the m columns of X and Y together and cut them into mini-batches.

    X: (n_x, m);  Y: (n_y, m);  mini_batch_size: a whole number ≥ 1;  rng: a Generator or a seed
    Returns [(X_t, Y_t), …]: ⌊m / size⌋ batches of mini_batch_size columns, then one smaller
    batch of the m mod size columns left (if any).
    """
    X = as_examples_matrix(X, "X")
    m = X.shape[1]
    Y = check_shape(
        np.asarray(Y, dtype=float),
        (None, m),
        "Y",
        f"(n_y, m) = (n_y, {m})",
        note=f" to match X {X.shape}",
    )
    check_finite(Y, "Y")
    as_count(mini_batch_size, "mini_batch_size", 1, note=" (1: stochastic GD, m: batch GD)")
    return mini_batches(X, Y, mini_batch_size, as_rng(rng))


def mini_batches(X, Y, batch_size, rng, example_axis=-1, drop_last=False):
    """Shuffle the m examples of X and Y together with rng and cut them into batches of batch_size.

    X: examples along example_axis, e.g. (n_x, m) with axis −1, or images (m, n_H, n_W, n_C) with 0
    Y: (n_y, m), examples as columns
    Returns [(X_t, Y_t), …]: ⌊m / batch_size⌋ full batches, then the m mod batch_size examples
    left (if any) unless drop_last (their examples land in full batches in other epochs).
    """
    check_shape(Y, (None, None), "Y", "(n_y, m)")
    check_shape(X, (None,) * np.ndim(X), "X", "an array with the examples along example_axis")
    check_kind(rng, np.random.Generator, "rng", "a np.random.Generator")
    m = Y.shape[1]
    order = rng.permutation(m)
    X, Y = np.take(X, order, axis=example_axis), Y[:, order]
    axis = example_axis % X.ndim
    batches = [
        (X[(slice(None),) * axis + (slice(k, k + batch_size),)], Y[:, k : k + batch_size])
        for k in range(0, m, batch_size)
    ]
    if drop_last and len(batches) > 1 and batches[-1][1].shape[1] < batch_size:
        batches.pop()
    return batches


def exponentially_weighted_average(theta, beta, bias_correction=False):
    """v_t = β v_(t−1) + (1 − β) θ_t with v_0 = 0, for t = 1…T.

    theta: (T,) the values θ_1…θ_T;  beta: β in [0, 1)
    bias_correction: return v_t / (1 − β^t) instead. Returns (T,).
    """
    beta = check_beta(beta)
    theta = np.asarray(theta, dtype=float).ravel()
    v, averages = 0.0, np.empty_like(theta)
    for t, value in enumerate(theta, start=1):
        v = beta * v + (1 - beta) * value
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


def _zeros_like_grads(parameters):
    check_mapping(parameters, "parameters", "{'W1': …, 'b1': …}")
    return {"d" + key: np.zeros_like(value, dtype=float) for key, value in parameters.items()}


def initialize_velocity(parameters):
    """v["dW1"], v["db1"], … = 0, each shaped like its parameter (momentum's state)."""
    return _zeros_like_grads(parameters)


def initialize_rmsprop(parameters):
    """s["dW1"], … = 0, each shaped like its parameter (RMSprop's mean of squared gradients)."""
    return _zeros_like_grads(parameters)


def initialize_adam(parameters):
    """(v, s), both zeros shaped like the grads: Adam's first and second moment estimates."""
    return _zeros_like_grads(parameters), _zeros_like_grads(parameters)


def update_parameters_with_gd(parameters, grads, learning_rate):
    """W := W − α dW for every parameter.

    parameters: {"W1", "b1", …};  grads: {"dW1", "db1", …} of the same shapes;  learning_rate: α
    Returns a new parameter dict.
    """
    _check_update(parameters, grads, learning_rate)
    return _gd(parameters, grads, learning_rate)


def _gd(parameters, grads, learning_rate):
    if getattr(parameters, "gradients", None) is grads:  # a Model's training call: FlatParameters
        parameters.descend(learning_rate)  # the same numbers, in place, for all parameters at once
        return parameters
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v_dW = β v_dW + (1 − β) dW,  W := W − α v_dW, for every parameter.

    parameters, grads: as update_parameters_with_gd;  v: {"dW1", …} shaped like grads
    Returns (parameters, v), both new dicts.
    """
    _check_update(parameters, grads, learning_rate, v=v)
    return _momentum(parameters, grads, v, check_beta(beta), learning_rate)


def _momentum(parameters, grads, v, beta, learning_rate):
    v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
    return {key: value - learning_rate * v["d" + key] for key, value in parameters.items()}, v


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """s_dW = β₂ s_dW + (1 − β₂) dW²,  W := W − α dW / (√s_dW + ε).

    parameters, grads: as update_parameters_with_gd;  s: {"dW1", …} shaped like grads
    Returns (parameters, s), both new dicts.
    """
    _check_update(parameters, grads, learning_rate, s=s)
    return _rmsprop(
        parameters, grads, s, check_beta(beta2, "β2"), learning_rate, check_epsilon(epsilon)
    )


def _rmsprop(parameters, grads, s, beta2, learning_rate, epsilon):
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
    new = {
        key: value - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
        for key, value in parameters.items()
    }
    return new, s


def update_parameters_with_adam(
    parameters,
    grads,
    v,
    s,
    t,
    learning_rate=0.001,
    beta1=0.9,
    beta2=0.999,
    epsilon=1e-8,
    *,
    corrected=False,
):
    """Adam at step t ≥ 1, for every parameter:

    v = β₁ v + (1 − β₁) dW,  s = β₂ s + (1 − β₂) dW²,  v̂ = v / (1 − β₁ᵗ),  ŝ = s / (1 − β₂ᵗ)
    W := W − α v̂ / (√ŝ + ε)
    parameters, grads: as update_parameters_with_gd;  v, s: shaped like grads
    Returns (parameters, v, s), all new dicts; with corrected=True also v̂ and ŝ ({"dW1", …}),
    the five values of the course's update_parameters_with_adam.
    """
    as_count(t, "Adam's step counter t", 1, note=" (it counts updates and enters 1 − β^t)")
    _check_update(parameters, grads, learning_rate, v=v, s=s)
    beta1, beta2 = check_beta(beta1, "β1"), check_beta(beta2, "β2")
    return _adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, check_epsilon(epsilon), corrected
    )


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, corrected=False):
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
    new, v_corrected, s_corrected = {}, {}, {}
    for key, value in parameters.items():
        v_corrected["d" + key] = v["d" + key] / (1 - beta1**t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2**t)
        new[key] = value - learning_rate * v_corrected["d" + key] / (
            np.sqrt(s_corrected["d" + key]) + epsilon
        )
    return (new, v, s, v_corrected, s_corrected) if corrected else (new, v, s)


class Optimizer:
    """One of OPTIMIZERS with its hyperparameters and state, for training loops (the Model uses it).

    `update(parameters, grads, learning_rate)` applies one step of the pure function above and keeps
    v, s and the step counter t between calls; `reset()` forgets them.
    """

    def __init__(self, name="gd", beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.name = check_choice(name, OPTIMIZERS, "optimizer")
        self.beta, self.beta1, self.beta2 = (
            check_beta(beta),
            check_beta(beta1, "β1"),
            check_beta(beta2, "β2"),
        )
        self.epsilon = check_epsilon(epsilon)
        self.reset()

    def reset(self):
        """Forget the state: v = s = 0 and t = 0."""
        self.v = self.s = None
        self.t = 0

    def __repr__(self):
        options = {
            "gd": "",
            "momentum": f", β={self.beta:g}",
            "rmsprop": f", β2={self.beta2:g}",
            "adam": f", β1={self.beta1:g}, β2={self.beta2:g}",
        }[self.name]
        return f"Optimizer({self.name!r}{options})"

    def update(self, parameters, grads, learning_rate):
        """One step with learning rate α; returns the new parameters."""
        self.t += 1
        if self.t == 1:  # checked once: the training loop hands the same shapes every step
            _check_update(parameters, grads, learning_rate)
        if self.name == "gd":
            return _gd(parameters, grads, learning_rate)
        if self.v is None:
            self.v, self.s = initialize_adam(parameters)
        if self.name == "momentum":
            parameters, self.v = _momentum(parameters, grads, self.v, self.beta, learning_rate)
        elif self.name == "rmsprop":
            parameters, self.s = _rmsprop(
                parameters, grads, self.s, self.beta2, learning_rate, self.epsilon
            )
        else:
            parameters, self.v, self.s = _adam(
                parameters,
                grads,
                self.v,
                self.s,
                self.t,
                learning_rate,
                self.beta1,
                self.beta2,
                self.epsilon,
            )
        return parameters


def as_optimizer(optimizer):
    """A fresh Optimizer (no state) from a name (default hyperparameters) or from an Optimizer's
    settings."""
    if isinstance(optimizer, Optimizer):
        return Optimizer(
            optimizer.name, optimizer.beta, optimizer.beta1, optimizer.beta2, optimizer.epsilon
        )
    return Optimizer(optimizer)


def elongated_bowl(w, a=1.0, b=50.0):
    """J = ½ (a w₁² + b w₂²), a 2-D cost to watch optimizers on: steep along w₂, shallow along w₁.

    w: (2, 1); returns (J, dJ/dw (2, 1)). With b ≫ a gradient descent oscillates across the valley.
    """
    w = np.asarray(w, dtype=float).reshape(2, 1)
    scales = np.array([[a], [b]])
    return float(0.5 * np.sum(scales * w**2)), scales * w


def optimizer_path(cost_and_grad, w0, optimizer, learning_rate, steps):
    """Run `steps` updates of an Optimizer (or its name) on cost_and_grad(w) → (J, dw) from w0
    (2, 1).

    Returns the path (steps + 1, 2) of w and the costs (steps + 1,); stops early if the cost
    overflows.
    """
    optimizer = as_optimizer(optimizer)
    parameters = {"w": np.asarray(w0, dtype=float).reshape(2, 1)}
    path, costs = [parameters["w"].ravel()], [cost_and_grad(parameters["w"])[0]]
    for _ in range(steps):
        J, dw = cost_and_grad(parameters["w"])
        parameters = optimizer.update(parameters, {"dw": dw}, learning_rate)
        path.append(parameters["w"].ravel())
        costs.append(cost_and_grad(parameters["w"])[0])
        if not np.isfinite(costs[-1]) or costs[-1] > 1e12:
            break
    return np.array(path), np.array(costs)
