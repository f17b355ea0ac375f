"""Weight initialization: zeros, small random, large random, Xavier and He
(Course 1 w3-4, Course 2 w1).

W[l] is (n[l], n[l−1]) and b[l] is (n[l], 1) zeros. Random methods scale a standard normal draw
(randn), not a uniform one: Xavier √(1/n[l−1]), He √(2/n[l−1]).
"""

import numpy as np

from course_lib.validation import as_count, as_rng, check_choice

INIT_METHODS = ("zeros", "random", "large", "xavier", "he")


def weight_scale(method, n_prev):
    """The factor s in W[l] = randn(n[l], n[l−1]) · s, for n_prev = n[l−1] inputs.

    zeros 0, random 0.01, large 10, xavier √(1/n[l−1]), he √(2/n[l−1]).
    """
    check_choice(method, INIT_METHODS, "init method")
    scales = {
        "zeros": 0.0,
        "random": 0.01,
        "large": 10.0,
        "xavier": np.sqrt(1.0 / n_prev),
        "he": np.sqrt(2.0 / n_prev),
    }
    return scales[method]


def initialize_parameters_deep(layer_dims, rng=None, method="random"):
    """W[l] = randn(n[l], n[l−1]) · scale, b[l] = 0 (n[l], 1), for l = 1…L.

    layer_dims: [n[0], …, n[L]] layer sizes, n[0] = n_x
    method: "zeros", "random" (×0.01, the course's first choice), "large" (×10), "xavier", "he"
    Returns {"W1": (n[1], n[0]), "b1": (n[1], 1), …}.
    """
    layer_dims = list(layer_dims)
    if len(layer_dims) < 2:
        raise ValueError(
            f"layer_dims must list at least two layer sizes [n[0], ..., n[L]]; got {layer_dims}"
        )
    layer_dims = [as_count(n, f"layer_dims[{l}]", 1) for l, n in enumerate(layer_dims)]
    rng = as_rng(rng)
    parameters = {}
    for l in range(1, len(layer_dims)):
        scale = weight_scale(method, layer_dims[l - 1])
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def initialize_parameters(n_x, n_h, n_y, rng=None):
    """The c1w3 two-layer initialization: W = randn · 0.01, b = 0.

    Returns {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}.
    """
    return initialize_parameters_deep([n_x, n_h, n_y], rng, method="random")
