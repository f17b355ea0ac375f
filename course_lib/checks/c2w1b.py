"""Checks for c2w1b, initialization and gradient checking."""

import numpy as np

from course_lib import initializers
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run

__all__ = [
    "check_initialize_parameters_zeros",
    "check_initialize_parameters_random",
    "check_initialize_parameters_he",
    "check_gradient_check",
    "check_gradient_check_n",
]


def check_initialize_parameters_he(initialize_parameters_he):
    """c2w1b: W[l] = rng.standard_normal((n[l], n[l−1])) · √(2 / n[l−1]), b[l] = 0, from the
    given rng."""
    cases = []
    for layer_dims in ([300, 200, 100, 1], [50, 400, 2], [2, 1]):
        description = f"layer_dims = {layer_dims}"
        params = call(
            "initialize_parameters_he",
            initialize_parameters_he,
            list(layer_dims),
            np.random.default_rng(1),
        )
        L = len(layer_dims) - 1
        if not isinstance(params, dict) or sorted(params) != sorted(
            f"{p}{l}" for l in range(1, L + 1) for p in "Wb"
        ):
            raise CheckFailed(
                f"✗ initialize_parameters_he on {description} must return the keys W1, b1, …, "
                f"W{L}, b{L}"
            )
        problems = []
        for l in range(1, L + 1):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            W = np.asarray(params[f"W{l}"], dtype=float)
            problems.append(mismatch(f"b{l}", params[f"b{l}"], np.zeros((n, 1))))
            if W.shape != (n, n_prev):
                problems.append(
                    f"W{l} has shape {W.shape}, expected (n[{l}], n[{l - 1}]) = {(n, n_prev)}"
                )
                continue
            if W.size < 1000:
                # too few weights to judge their spread (with 100 the sample std alone varies
                # by ±7%)
                continue
            target = np.sqrt(2.0 / n_prev)
            if abs(W.mean()) > 0.2 * target:
                problems.append(
                    f"W{l} has mean {W.mean():.3g}; the draw must be centred: rng.standard_normal, "
                    "not rng.random (uniform on [0, 1))"
                )
            elif abs(W.std() / target - 1) > 0.06:
                guesses = [
                    ("√(1/n[l−1]) (Xavier) instead of √(2/n[l−1])", np.sqrt(1.0 / n_prev)),
                    ("2/n[l−1] without the square root", 2.0 / n_prev),
                    ("n[l] instead of n[l−1] in √(2/n)", np.sqrt(2.0 / n)),
                    ("0.01 (the small-random scale)", 0.01),
                ]
                why = next(
                    (
                        f" — that is the scale {text}"
                        for text, scale in guesses
                        if abs(W.std() / scale - 1) < 0.06
                    ),
                    "",
                )
                problems.append(
                    f"W{l} has standard deviation {W.std():.3g}, expected √(2/n[{l - 1}]) = "
                    f"{target:.3g}{why}"
                )
        if not any(problems):
            expected = initializers.initialize_parameters_deep(
                layer_dims, np.random.default_rng(1), "he"
            )
            if not np.allclose(params["W1"], expected["W1"]):
                problems.append(
                    "the scale is right but W1 differs from rng.standard_normal((n[1], n[0])) · "
                    "√(2/n[0]): draw from the `rng` argument, layer by layer, one standard_normal "
                    "call per W[l]"
                )
        cases.append((description, problems))
    run("initialize_parameters_he", cases)


def _initializer_cases(name, initializer, with_rng, expected_of, mistakes_of):
    cases = []
    for layer_dims in ([3, 2, 1], [5, 4, 3, 1], [2, 1]):
        args = (list(layer_dims), np.random.default_rng(3)) if with_rng else (list(layer_dims),)
        params = call(name, initializer, *args)
        expected = expected_of(layer_dims)
        if not isinstance(params, dict):
            raise CheckFailed(f"✗ {name} must return a dict {{'W1', 'b1', …}}; got {params!r:.40}")
        missing = [key for key in expected if key not in params]
        if missing:
            raise CheckFailed(
                f"✗ {name} on layers_dims = {layer_dims} must return the keys "
                f"{', '.join(expected)}; missing {', '.join(missing)} (one layer short? "
                "range(1, len(layers_dims)) covers l = 1 … L)"
            )
        mistakes = mistakes_of(layer_dims)
        cases.append(
            (
                f"layers_dims = {layer_dims}",
                [
                    entry("parameters", params, key, value, mistakes.get(key, []))
                    for key, value in expected.items()
                ],
            )
        )
    run(name, cases)


def check_initialize_parameters_zeros(initialize_parameters_zeros):
    """c2w1b: W[l] zeros (n[l], n[l−1]) and b[l] zeros (n[l], 1) for l = 1…L."""

    def expected_of(layer_dims):
        return initializers.initialize_parameters_deep(layer_dims, method="zeros")

    _initializer_cases(
        "initialize_parameters_zeros", initialize_parameters_zeros, False, expected_of, lambda d: {}
    )


def check_initialize_parameters_random(initialize_parameters_random):
    """c2w1b: W[l] = rng.standard_normal((n[l], n[l−1])) · 10, b[l] zeros, W1 drawn first."""

    def expected_of(layer_dims):
        return initializers.initialize_parameters_deep(
            layer_dims, np.random.default_rng(3), method="large"
        )

    def mistakes_of(layer_dims):
        expected = expected_of(layer_dims)
        small = initializers.initialize_parameters_deep(
            layer_dims, np.random.default_rng(3), method="random"
        )
        mistakes = {}
        for key, value in expected.items():
            if key.startswith("W"):
                mistakes[key] = [
                    ("W is multiplied by 0.01 (the small scale) instead of 10", small[key]),
                    ("W is not multiplied by 10", value / 10),
                ]
        return mistakes

    _initializer_cases(
        "initialize_parameters_random", initialize_parameters_random, True, expected_of, mistakes_of
    )


# ---- gradient checking: the learner's function calls the notebook's forward/backward functions, so
# the check runs it with its own versions of them in the function's globals, and puts them back.


class _Globals:
    """Temporarily set names in fn's module globals (the notebook's namespace)."""

    def __init__(self, fn, **names):
        self.space, self.names, self.saved = getattr(fn, "__globals__", {}), names, {}

    def __enter__(self):
        for name, value in self.names.items():
            self.saved[name] = self.space.get(name, _Globals)
            self.space[name] = value

    def __exit__(self, *exc):
        for name, value in self.saved.items():
            if value is _Globals:
                self.space.pop(name, None)
            else:
                self.space[name] = value


def _difference(grad, gradapprox):
    grad, gradapprox = np.asarray(grad, dtype=float), np.asarray(gradapprox, dtype=float)
    return float(
        np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    )


def check_gradient_check(gradient_check):
    """c2w1b: gradient_check(x, theta, epsilon, print_msg) → difference = ‖grad − gradapprox‖ /
    (‖grad‖ + ‖gradapprox‖), gradapprox = (J(θ+ε) − J(θ−ε)) / 2ε, with the notebook's
    forward_propagation_1d (J) and backward_propagation_1d (dJ/dθ)."""
    cases = []
    for description, J, dJ, x, theta, epsilon in [
        (
            "J = θx (the course's), x = 3, θ = 4, ε = 1e-2",
            lambda x, t: t * x,
            lambda x, t: x,
            3.0,
            4.0,
            1e-2,
        ),
        (
            "J = θ³x, x = 2, θ = 1.5, ε = 1e-2",
            lambda x, t: t**3 * x,
            lambda x, t: 3 * t**2 * x,
            2.0,
            1.5,
            1e-2,
        ),
        (
            "J = θ³x with a wrong dJ/dθ = 2θ²x, x = 2, θ = 1.5, ε = 1e-2",
            lambda x, t: t**3 * x,
            lambda x, t: 2 * t**2 * x,
            2.0,
            1.5,
            1e-2,
        ),
    ]:
        with _Globals(gradient_check, forward_propagation_1d=J, backward_propagation_1d=dJ):
            got = call("gradient_check", gradient_check, x, theta, epsilon, False)
        grad = dJ(x, theta)
        two_sided = (J(x, theta + epsilon) - J(x, theta - epsilon)) / (2 * epsilon)
        one_sided = (J(x, theta + epsilon) - J(x, theta)) / epsilon
        expected = _difference(grad, two_sided)
        cases.append(
            (
                description,
                [
                    mismatch(
                        "difference",
                        got,
                        expected,
                        [
                            (
                                "gradapprox is one-sided, (J(θ+ε) − J(θ)) / ε",
                                _difference(grad, one_sided),
                            ),
                            (
                                "gradapprox divides by ε instead of 2ε",
                                _difference(grad, 2 * two_sided),
                            ),
                            (
                                "the denominator is ‖grad‖ alone (it is ‖grad‖ + ‖gradapprox‖)",
                                abs(grad - two_sided) / abs(grad),
                            ),
                            (
                                "the numerator has no norm: grad − gradapprox can be negative",
                                (grad - two_sided) / (abs(grad) + abs(two_sided)),
                            ),
                            (
                                "the numerator has no norm: gradapprox − grad can be negative",
                                (two_sided - grad) / (abs(grad) + abs(two_sided)),
                            ),
                        ],
                    )
                ],
            )
        )
    run("gradient_check", cases)


def _gradients_to_vector(gradients, layout):
    return np.concatenate([gradients["d" + key].reshape(-1, 1) for key, _ in layout])


def check_gradient_check_n(gradient_check_n):
    """c2w1b: gradient_check_n(parameters, gradients, X, Y, epsilon, print_msg) → the difference
    over the whole vector θ, with J from the notebook's forward_propagation_n(X, Y, parameters)
    → (cost, cache)."""
    from course_lib.gradcheck import dictionary_to_vector, vector_to_dictionary
    from course_lib.losses import compute_cost
    from course_lib.network import L_model_backward, L_model_forward

    def forward_propagation_n(X, Y, parameters):
        AL, caches = L_model_forward(X, parameters)
        return compute_cost(AL, Y), caches

    rng = np.random.default_rng(8)
    cases = []
    for description, bug in [
        ("a right backprop, ε = 1e-3", None),
        ("dW2 doubled, ε = 1e-3", "dW2"),
    ]:
        parameters = initializers.initialize_parameters_deep([4, 5, 3, 1], rng, method="he")
        X, Y = rng.standard_normal((4, 6)), (rng.random((1, 6)) > 0.5) * 1.0
        AL, caches = L_model_forward(X, parameters)
        gradients = {
            k: v for k, v in L_model_backward(AL, Y, caches).items() if not k.startswith("dA")
        }
        if bug:
            gradients[bug] = 2 * gradients[bug]
        epsilon = 1e-3
        theta, layout = dictionary_to_vector(parameters)
        grad = _gradients_to_vector(gradients, layout)

        def J(vector, X=X, Y=Y, layout=layout):
            return forward_propagation_n(X, Y, vector_to_dictionary(vector, layout))[0]

        two, one = np.zeros_like(theta), np.zeros_like(theta)
        for i in range(theta.shape[0]):
            plus, minus = theta.copy(), theta.copy()
            plus[i] += epsilon
            minus[i] -= epsilon
            two[i] = (J(plus) - J(minus)) / (2 * epsilon)
            one[i] = (J(plus) - J(theta)) / epsilon
        with _Globals(
            gradient_check_n,
            forward_propagation_n=forward_propagation_n,
            dictionary_to_vector=dictionary_to_vector,
            vector_to_dictionary=vector_to_dictionary,
            gradients_to_vector=_gradients_to_vector,
        ):
            got = call(
                "gradient_check_n",
                gradient_check_n,
                {k: v.copy() for k, v in parameters.items()},
                {k: v.copy() for k, v in gradients.items()},
                X.copy(),
                Y.copy(),
                epsilon,
                False,
            )
        cases.append(
            (
                description,
                [
                    mismatch(
                        "difference",
                        got,
                        _difference(grad, two),
                        [
                            (
                                "θ⁺ and θ⁻ share θ's memory (θ⁺ = θ, not np.copy(θ)): θ⁻[i] −= ε "
                                "undoes θ⁺'s change, so J(θ−ε) is really J(θ)",
                                _difference(grad, one / 2),
                            ),
                            (
                                "gradapprox is one-sided, (J(θ+ε) − J(θ)) / ε",
                                _difference(grad, one),
                            ),
                            ("gradapprox divides by ε instead of 2ε", _difference(grad, 2 * two)),
                        ],
                    )
                ],
            )
        )
    run("gradient_check_n", cases)
