"""The registry's entries for the checks of c2w1b: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks

HE_FAILS_ON = "initialize_parameters_he fails on layer_dims = [300, 200, 100, 1]"


def initialize_parameters_he_right(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / layers_dims[l - 1])
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def he_with(scale=None, draw="standard_normal", transpose=False, source=None):
    """A learner's initialize_parameters_he with one thing changed."""

    def initialize_parameters_he(layers_dims, rng):
        parameters = {}
        for l in range(1, len(layers_dims)):
            n, n_prev = layers_dims[l], layers_dims[l - 1]
            generator = source() if source else rng
            W = getattr(generator, draw)((n, n_prev)) * (
                scale(n, n_prev) if scale else np.sqrt(2 / n_prev)
            )
            parameters[f"W{l}"] = W.T if transpose else W
            parameters[f"b{l}"] = np.zeros((n, 1))
        return parameters

    return initialize_parameters_he


def he_with_nonzero_b(layers_dims, rng):
    parameters = initialize_parameters_he_right(layers_dims, rng)
    return {k: v + 0.1 if k.startswith("b") else v for k, v in parameters.items()}


def he_one_layer_short(layers_dims, rng):
    return initialize_parameters_he_right(
        layers_dims[:-1], rng
    )  # range(1, L) instead of range(1, L + 1)


CASES = {
    checks.check_initialize_parameters_he: (
        initialize_parameters_he_right,
        [
            (
                he_with(scale=lambda n, n_prev: np.sqrt(1 / n_prev)),
                (
                    HE_FAILS_ON,
                    "W1 has standard deviation",
                    "expected √(2/n[0]) = 0.0816",
                    "√(1/n[l−1]) (Xavier) instead of √(2/n[l−1])",
                ),
            ),
            (
                he_with(scale=lambda n, n_prev: np.sqrt(2 / n)),
                (HE_FAILS_ON, "n[l] instead of n[l−1] in √(2/n)"),
            ),
            (
                he_with(scale=lambda n, n_prev: 2 / n_prev),
                (HE_FAILS_ON, "2/n[l−1] without the square root"),
            ),
            (he_with(scale=lambda n, n_prev: 0.01), (HE_FAILS_ON, "0.01 (the small-random scale)")),
            (
                he_with(draw="random"),
                (
                    HE_FAILS_ON,
                    "W1 has mean",
                    "the draw must be centred: rng.standard_normal, not rng.random",
                ),
            ),
            (
                he_with(source=lambda: np.random.default_rng()),
                (HE_FAILS_ON, "the scale is right but W1 differs", "draw from the `rng` argument"),
            ),
            (
                he_with(transpose=True),
                (HE_FAILS_ON, "W1 has shape (300, 200), expected (n[1], n[0]) = (200, 300)"),
            ),
            (he_with_nonzero_b, "b1 is wrong"),
            (he_one_layer_short, "must return the keys W1, b1, …, W3, b3"),
            (lambda layers_dims, rng: None, "must return the keys"),
        ],
    ),
}
