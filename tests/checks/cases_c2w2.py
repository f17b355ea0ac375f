"""The registry's entries for the checks of c2w2: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks, optimizers


def mini_batches_with(shuffle=True, keep_last=True, same_order=True, source=None):
    """A learner's random_mini_batches with one thing changed."""

    def random_mini_batches(X, Y, mini_batch_size, rng):
        m = X.shape[1]
        generator = source() if source else rng
        order = generator.permutation(m) if shuffle else np.arange(m)
        X_shuffled = X[:, order]
        Y_shuffled = Y[:, order if same_order else generator.permutation(m)]
        count = -(-m // mini_batch_size) if keep_last else m // mini_batch_size
        return [
            (
                X_shuffled[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                Y_shuffled[:, k * mini_batch_size : (k + 1) * mini_batch_size],
            )
            for k in range(count)
        ]

    return random_mini_batches


def mini_batches_of_rows(X, Y, size, rng):
    return [(X.T[k : k + size].T.T, Y[:, k : k + size]) for k in range(0, X.shape[1], size)]


def adam_with(correct=True, swap=False, one_minus=True, square=True):
    """A learner's update_parameters_with_adam with one thing changed."""

    def update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
    ):
        v = {k: beta1 * v[k] + ((1 - beta1) if one_minus else 1) * grads[k] for k in v}
        s = {k: beta2 * s[k] + (1 - beta2) * (grads[k] ** 2 if square else grads[k]) for k in s}
        b1, b2 = (beta2, beta1) if swap else (beta1, beta2)
        new = {}
        for key, value in parameters.items():
            v_hat = v["d" + key] / (1 - b1**t) if correct else v["d" + key]
            s_hat = s["d" + key] / (1 - b2**t) if correct else s["d" + key]
            new[key] = value - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
        return new, v, s

    return update_parameters_with_adam


def adam_changed(change):
    """A learner's update_parameters_with_adam with t − 1 for t, only v corrected, an uphill step
    or no square root of ŝ (change: "t-1", "only_v", "uphill", "no_sqrt")."""

    def update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
    ):
        v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
        s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
        T = t - 1 if change == "t-1" else t
        new = {}
        with np.errstate(divide="ignore", invalid="ignore"):
            for key, value in parameters.items():
                v_hat = v["d" + key] / (1 - beta1**T)
                s_hat = s["d" + key] if change == "only_v" else s["d" + key] / (1 - beta2**T)
                size = s_hat + epsilon if change == "no_sqrt" else np.sqrt(s_hat) + epsilon
                new[key] = value + (1 if change == "uphill" else -1) * learning_rate * v_hat / size
        return new, v, s

    return update_parameters_with_adam


def adam_with_fixed_hyperparameters(
    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
):
    return optimizers.update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, 0.9, 0.999, 1e-8
    )


def adam_with_a_fixed_epsilon(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    return optimizers.update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, 1e-8
    )


CASES = {
    checks.check_random_mini_batches: (
        optimizers.random_mini_batches,
        [
            (mini_batches_with(shuffle=False), "the examples are not shuffled"),
            (mini_batches_with(keep_last=False), "the last, smaller batch is missing"),
            (mini_batches_with(same_order=False), "X and Y are shuffled differently"),
            (
                mini_batches_with(source=lambda: np.random.default_rng()),
                "the same rng seed gave a different shuffle",
            ),
            (lambda X, Y, size, rng: [(X[:, :size].T, Y[:, :size])], "the batch sizes are"),
            (lambda X, Y, size, rng: None, "did you forget a `return`"),
            (mini_batches_of_rows, "examples are the columns"),
        ],
    ),
    checks.check_update_parameters_with_adam: (
        optimizers.update_parameters_with_adam,
        [
            (adam_with(correct=False), "there is no bias correction"),
            (adam_with(swap=True), "β1 and β2 are swapped in the bias correction"),
            (adam_with(one_minus=False), "the (1 − β1) factor is missing"),
            (adam_with(square=False), "dW is not squared in s"),
            (lambda *args: {}, "must return (parameters, v, s)"),
            (adam_changed("t-1"), "t already counts the updates from 1"),
            (adam_changed("only_v"), "only v is bias-corrected"),
            (adam_changed("uphill"), "the step goes uphill"),
            (adam_changed("no_sqrt"), "the square root of ŝ is missing"),
            (
                adam_with_fixed_hyperparameters,
                (
                    "fails on t = 3, α = 0.05, β1 = 0.8, β2 = 0.99, ε = 0.01",
                    "β1, β2 and ε are fixed at 0.9, 0.999, 1e-8 instead of the arguments beta1, "
                    "beta2, epsilon",
                ),
            ),
            (adam_with_a_fixed_epsilon, ("ε = 0.01", 'parameters["W1"] is wrong')),
        ],
    ),
}
