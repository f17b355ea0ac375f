"""Gradient checking with the two-sided difference (Course 2, week 1; used from Course 1 on).

θ is every parameter reshaped into one column vector; the check reports
difference = ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂), which should be below ~1e−7.
"""
import numpy as np

from course_lib.losses import l2_cost
from course_lib.network import L_model_backward, L_model_forward, output_cost


def relative_difference(approx, exact):
    """‖approx − exact‖₂ / (‖approx‖₂ + ‖exact‖₂); 0.0 when both are zero."""
    denominator = np.linalg.norm(approx) + np.linalg.norm(exact)
    return float(np.linalg.norm(approx - exact) / denominator) if denominator else 0.0


def numerical_gradient(f, x, epsilon=1e-7):
    """dθ_approx[i] = (f(θ + ε e_i) − f(θ − ε e_i)) / 2ε for every entry of the float array x; f returns a scalar."""
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
    """Stack W1, b1, W2, … (in layer order) into θ (n_params, 1); also return the keys and shapes."""
    keys = sorted(parameters, key=lambda k: (int(k[1:]), k[0] != "W"))
    theta = np.concatenate([parameters[k].reshape(-1, 1) for k in keys])
    return theta, [(k, parameters[k].shape) for k in keys]


def vector_to_dictionary(theta, layout):
    """Inverse of dictionary_to_vector: θ (n_params, 1) and [(key, shape), …] back to a dict."""
    parameters, start = {}, 0
    for key, shape in layout:
        size = int(np.prod(shape))
        parameters[key] = theta[start:start + size].reshape(shape)
        start += size
    return parameters


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, hidden_activation="relu",
                     output_activation="sigmoid", lambd=0.0):
    """The course's check of backprop over the whole L-layer network (cost including the L2 term).

    Returns the relative difference between the two-sided numerical gradient and `gradients`.
    """
    theta, layout = dictionary_to_vector(parameters)
    grad = np.concatenate([gradients["d" + key].reshape(-1, 1) for key, _ in layout])
    m = X.shape[1]

    def cost(theta_vector):
        params = vector_to_dictionary(theta_vector, layout)
        AL, _ = L_model_forward(X, params, hidden_activation, output_activation)
        return output_cost(AL, Y, output_activation) + l2_cost(params, lambd, m)

    return relative_difference(numerical_gradient(cost, theta, epsilon), grad)


def backprop_gradients(parameters, X, Y, hidden_activation="relu", output_activation="sigmoid", lambd=0.0):
    """Forward then L_model_backward: the analytic grads that gradient_check_n compares against."""
    AL, caches = L_model_forward(X, parameters, hidden_activation, output_activation)
    return L_model_backward(AL, Y, caches, hidden_activation, lambd)
