"""Gradient checking with the two-sided difference (Course 2, week 1; used from Course 1 on).

θ is every parameter reshaped into one column vector; the check reports
difference = ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂), which should be below ~1e−7, and the same
difference for each dW[l], db[l] so a wrong one can be found.
"""

import re

import numpy as np

from course_lib.network import L_model_backward, L_model_forward, output_cost
from course_lib.regularization import check_lambd, penalty_cost
from course_lib.validation import (
    as_examples_matrix,
    as_number,
    check_finite,
    check_mapping,
    check_parameters,
    check_shape,
)


def relative_difference(approx, exact):
    """‖approx − exact‖₂ / (‖approx‖₂ + ‖exact‖₂); 0.0 when both are zero.

    approx, exact: arrays of one shape, e.g. dθ_approx and dθ (n_params, 1); returns a float.
    """
    denominator = np.linalg.norm(approx) + np.linalg.norm(exact)
    return float(np.linalg.norm(approx - exact) / denominator) if denominator else 0.0


NOISE_FLOOR = 1e-7
BLOCK_NOISE_FLOOR = 1e-6


def format_difference(difference, floor=NOISE_FLOOR):
    """A gradient check's difference as printed: "< 1e-07" below the floor, where the two-sided
    difference (ε = 1e−7) measures only rounding, whose digits change from one CPU to another; else
    2 digits ("3.6e-01"). One block's own
    difference (dW1 alone) is noisier, its entries being fewer and often small: its floor is
    BLOCK_NOISE_FLOOR."""
    return f"< {floor:.0e}" if difference < floor else f"{difference:.1e}"


def numerical_gradient(f, x, epsilon=1e-7):
    """dθ_approx[i] = (f(θ + ε e_i) − f(θ − ε e_i)) / 2ε for every entry i of x (Course 2, week 1).

    f: θ → a float;  x: θ, a float array of any shape;  epsilon: ε
    Returns dθ_approx, x's shape.
    """
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + epsilon
        plus = f(x)
        x[i] = original - epsilon
        minus = f(x)
        x[i] = original
        grad[i] = (plus - minus) / (2 * epsilon)
    return grad


def dictionary_to_vector(parameters):
    """θ: W1, b1, (gamma1, beta1,) W2, … in layer order, reshaped and stacked into one column.

    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), …}
    Returns θ (n_params, 1) and the layout [(key, shape), …] that vector_to_dictionary inverts.
    """
    names = {
        k: re.fullmatch(r"(W|b|gamma|beta)(\d+)", k) if isinstance(k, str) else None
        for k in parameters
    }
    odd = [k for k, match in names.items() if match is None]
    if odd:
        raise ValueError(
            "parameters must be named W1, b1, W2, … (and gamma1, beta1, … with batch "
            "norm); got " + ", ".join(map(repr, odd))
        )
    order = ("W", "b", "gamma", "beta")
    keys = sorted(parameters, key=lambda k: (int(names[k][2]), order.index(names[k][1])))
    theta = np.concatenate([parameters[k].reshape(-1, 1) for k in keys])
    return theta, [(k, parameters[k].shape) for k in keys]


def vector_to_dictionary(theta, layout):
    """Inverse of dictionary_to_vector: θ (n_params, 1) and [(key, shape), …] back to a dict."""
    parameters, start = {}, 0
    for key, shape in layout:
        size = int(np.prod(shape))
        parameters[key] = theta[start : start + size].reshape(shape)
        start += size
    return parameters


def gradient_check_n(
    parameters,
    gradients,
    X,
    Y,
    epsilon=1e-7,
    hidden_activation="relu",
    output_activation="sigmoid",
    lambd=0.0,
    penalty="l2",
):
    """The course's check of backprop over the whole L-layer network (Course 2, week 1).

    difference = ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂), the cost including the penalty term
    parameters: {"W1", "b1", …};  gradients: {"dW1", "db1", …} from backprop
    X: (n_x, m);  Y: (n_y, m)
    Returns the difference, a float (below ~1e−7: backprop is right).
    """
    return gradient_check_report(
        parameters, gradients, X, Y, epsilon, hidden_activation, output_activation, lambd, penalty
    ).difference


def gradient_check_report(
    parameters,
    gradients,
    X,
    Y,
    epsilon=1e-7,
    hidden_activation="relu",
    output_activation="sigmoid",
    lambd=0.0,
    penalty="l2",
):
    """gradient_check_n, parameter by parameter: a GradientCheckReport that says which dW[l]/db[l]
    disagrees."""
    check_parameters(parameters)
    X = as_examples_matrix(X, "X", n_x=parameters["W1"].shape[1])
    m = X.shape[1]
    check_lambd(lambd)

    def cost(params):
        AL, _ = L_model_forward(X, params, hidden_activation, output_activation)
        return output_cost(AL, Y, output_activation) + penalty_cost(params, lambd, m, penalty)

    return compare_gradients(cost, parameters, gradients, epsilon)


def compare_gradients(cost_function, parameters, gradients, epsilon=1e-7):
    """Two-sided numerical gradient of cost_function(parameters) → float, compared with `gradients`
    ("dW1", …)."""
    as_number(
        epsilon,
        "ε",
        0,
        1e-2,
        low_open=True,
        high_open=True,
        note=" (a small step such as 1e-7, the course's)",
    )
    check_mapping(parameters, "parameters", "{'W1': …, 'b1': …}")
    check_mapping(gradients, "gradients", "{'dW1': …, 'db1': …}")
    theta, layout = dictionary_to_vector(parameters)
    missing = [f"d{key}" for key, _ in layout if f"d{key}" not in gradients]
    if missing:
        raise KeyError(
            f"gradients lacks {', '.join(missing)}: it needs a 'd' + key entry for every parameter"
        )
    for key, shape in layout:
        check_shape(gradients[f"d{key}"], shape, f"d{key}", note=f", the shape of {key}")
    grad = np.concatenate(
        [np.asarray(gradients[f"d{key}"], dtype=float).reshape(-1, 1) for key, _ in layout]
    )
    check_finite(grad, "the gradients")
    approx = numerical_gradient(
        lambda t: cost_function(vector_to_dictionary(t, layout)), theta, epsilon
    )
    return GradientCheckReport(approx, grad, layout)


class GradientCheckReport:
    """The result of a gradient check: the overall difference, and how each parameter's block
    contributes.

    difference = ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂); below THRESHOLD (2e−7) backprop is
    taken as right. per_parameter["dW1"] is the same formula on dW1's block alone; share["dW1"] is
    the block's part of the overall error, ‖dW1_approx − dW1‖₂² / ‖dθ_approx − dθ‖₂²
    (the shares add up to 1).
    """

    THRESHOLD = 2e-7

    def __init__(self, approx, grad, layout):
        self.approx, self.grad = approx, grad
        self.difference = relative_difference(approx, grad)
        scale = np.linalg.norm(approx) + np.linalg.norm(grad)
        total = float(np.sum((approx - grad) ** 2))
        self.per_parameter, self._contribution, self.share, start = {}, {}, {}, 0
        for key, shape in layout:
            size = int(np.prod(shape))
            a, g = approx[start : start + size], grad[start : start + size]
            self.per_parameter[f"d{key}"] = relative_difference(a, g)
            self._contribution[f"d{key}"] = float(np.linalg.norm(a - g) / scale) if scale else 0.0
            self.share[f"d{key}"] = float(np.sum((a - g) ** 2) / total) if total else 0.0
            start += size

    @property
    def passed(self):
        """True when the whole gradient agrees to within THRESHOLD."""
        return self.difference < self.THRESHOLD

    @property
    def wrong(self):
        """The gradients to look at when the check fails, the most wrong (own difference) first; []
        if it passes.

        A block is named when its error alone, measured against the whole gradient, would fail the
        check, so a tiny gradient (often db[L]) whose own difference is rounding noise is not
        blamed; if the error is spread too thinly for that, the block with the largest share is
        named.
        """
        if self.passed:
            return []
        bad = [key for key, c in self._contribution.items() if c >= self.THRESHOLD]
        bad = bad or [max(self.share, key=self.share.get)]
        return sorted(bad, key=self.per_parameter.get, reverse=True)

    def __repr__(self):
        if self.passed:
            return f"difference {format_difference(self.difference)}: backward propagation works"
        wrong = self.wrong
        rows = [
            f"{key:>6}  difference {format_difference(d, BLOCK_NOISE_FLOOR):>7}  share of the "
            f"error {self.share[key]:6.1%}" + ("  ← wrong" if key in wrong else "")
            for key, d in self.per_parameter.items()
        ]
        return (
            f"difference {format_difference(self.difference)}: there is a mistake in backward "
            f"propagation: look at "
            f"{', '.join(wrong)}\n" + "\n".join(rows)
        )


def backprop_gradients(
    parameters, X, Y, hidden_activation="relu", output_activation="sigmoid", lambd=0.0, penalty="l2"
):
    """Forward then L_model_backward: the analytic grads that gradient_check_n compares against."""
    AL, caches = L_model_forward(X, parameters, hidden_activation, output_activation)
    return L_model_backward(AL, Y, caches, hidden_activation, lambd, penalty)
