"""The registry's entries for the checks of c2w2: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks, optimizers, schedules


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
        parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
    ):
        v = {k: beta1 * v[k] + ((1 - beta1) if one_minus else 1) * grads[k] for k in v}
        s = {k: beta2 * s[k] + (1 - beta2) * (grads[k] ** 2 if square else grads[k]) for k in s}
        b1, b2 = (beta2, beta1) if swap else (beta1, beta2)
        new, v_corrected, s_corrected = {}, {}, {}
        for key, value in parameters.items():
            v_corrected["d" + key] = v["d" + key] / (1 - b1**t) if correct else v["d" + key]
            s_corrected["d" + key] = s["d" + key] / (1 - b2**t) if correct else s["d" + key]
            new[key] = value - learning_rate * v_corrected["d" + key] / (
                np.sqrt(s_corrected["d" + key]) + epsilon
            )
        return new, v, s, v_corrected, s_corrected

    return update_parameters_with_adam


def adam_changed(change):
    """A learner's update_parameters_with_adam with t − 1 for t, only v corrected, an uphill step,
    no square root of ŝ, or the plain v returned as v_corrected (change: "t-1", "only_v",
    "uphill", "no_sqrt", "plain_v_returned")."""

    def update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
    ):
        v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
        s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
        T = t - 1 if change == "t-1" else t
        new, v_corrected, s_corrected = {}, {}, {}
        with np.errstate(divide="ignore", invalid="ignore"):
            for key, value in parameters.items():
                v_hat = v["d" + key] / (1 - beta1**T)
                s_hat = s["d" + key] if change == "only_v" else s["d" + key] / (1 - beta2**T)
                size = s_hat + epsilon if change == "no_sqrt" else np.sqrt(s_hat) + epsilon
                new[key] = value + (1 if change == "uphill" else -1) * learning_rate * v_hat / size
                v_corrected["d" + key] = v["d" + key] if change == "plain_v_returned" else v_hat
                s_corrected["d" + key] = s_hat
        return new, v, s, v_corrected, s_corrected

    return update_parameters_with_adam


def adam_course_five(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    return optimizers.update_parameters_with_adam(
        parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, corrected=True
    )


def adam_with_fixed_hyperparameters(
    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
):
    return adam_course_five(parameters, grads, v, s, t, learning_rate)


def adam_with_a_fixed_epsilon(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    return adam_course_five(parameters, grads, v, s, t, learning_rate, beta1, beta2)


def adam_returning_three(*args):
    return optimizers.update_parameters_with_adam(*args)


def gd_with(sign=-1, biases=True, last_layer=True, alpha=True):
    """A learner's update_parameters_with_gd, the course's loop, with one thing changed."""

    def update_parameters_with_gd(parameters, grads, learning_rate):
        L = len(parameters) // 2
        step = learning_rate if alpha else 1.0
        new = dict(parameters)
        for l in range(1, L + 1 if last_layer else L):
            new["W" + str(l)] = parameters["W" + str(l)] + sign * step * grads["dW" + str(l)]
            if biases:
                new["b" + str(l)] = parameters["b" + str(l)] + sign * step * grads["db" + str(l)]
        return new

    return update_parameters_with_gd


def gd_in_place(parameters, grads, learning_rate):
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters


def gd_over_grads(parameters, grads, learning_rate):
    return {key[1:]: parameters[key[1:]] - learning_rate * grads[key] for key in grads}


def gd_with_L_parameters(parameters, grads, learning_rate):
    new = {}
    for l in range(1, len(parameters) + 1):
        new["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        new["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return new


def velocity_with(change):
    """A learner's initialize_velocity with one thing changed: "no_d" (keys "W1", …), "row"
    (zeros (n[l],) for every parameter), "copy" (the parameters themselves), "skip_last" (layers
    1 … L − 1)."""

    def initialize_velocity(parameters):
        L = len(parameters) // 2
        v = {}
        for l in range(1, L if change == "skip_last" else L + 1):
            for name in ("W", "b"):
                value = parameters[name + str(l)]
                key = (name if change == "no_d" else "d" + name) + str(l)
                if change == "copy":
                    v[key] = value.copy()
                elif change == "row":
                    v[key] = np.zeros(value.shape[0])
                else:
                    v[key] = np.zeros(value.shape)
        return v

    return initialize_velocity


def momentum_with(change):
    """A learner's update_parameters_with_momentum with one thing changed: "no_one_minus",
    "gradient_step", "swapped", "old_v", "in_place"."""

    def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
        L = len(parameters) // 2
        new_v = v if change == "in_place" else dict(v)
        new = {}
        for l in range(1, L + 1):
            for name in ("W", "b"):
                key = "d" + name + str(l)
                if change == "no_one_minus":
                    new_v[key] = beta * v[key] + grads[key]
                elif change == "swapped":
                    new_v[key] = (1 - beta) * v[key] + beta * grads[key]
                else:
                    new_v[key] = beta * v[key] + (1 - beta) * grads[key]
                direction = {"gradient_step": grads[key], "old_v": v[key]}.get(change, new_v[key])
                if change == "old_v":
                    direction = v[key] if v is not new_v else direction
                new[name + str(l)] = parameters[name + str(l)] - learning_rate * direction
        return new, new_v

    return update_parameters_with_momentum


def momentum_with_old_v(parameters, grads, v, beta, learning_rate):
    new = {k: p - learning_rate * v["d" + k] for k, p in parameters.items()}
    return new, {k: beta * v[k] + (1 - beta) * grads[k] for k in v}


def adam_init_sharing_one_dict(parameters):
    v = optimizers.initialize_velocity(parameters)
    return v, v


def adam_init_with_copied_s(parameters):
    return optimizers.initialize_velocity(parameters), {
        "d" + k: p.copy() for k, p in parameters.items()
    }


def adam_init_without_d(parameters):
    v = {k: np.zeros_like(p) for k, p in parameters.items()}
    return v, {k: np.zeros_like(p) for k, p in parameters.items()}


def schedule_with(change):
    """A learner's schedule_lr_decay with one thing changed."""

    def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
        intervals = {
            "no_floor": epoch_num / time_interval,
            "multiplied": epoch_num * time_interval,
            "update_lr": epoch_num,
            "round": round(epoch_num / time_interval),
            "remainder": epoch_num % time_interval,
            "fixed_interval": epoch_num // 1000,
        }[change]
        return learning_rate0 / (1 + decay_rate * intervals)

    return schedule_lr_decay


CASES = {
    checks.check_update_parameters_with_gd: (
        optimizers.update_parameters_with_gd,
        [
            (gd_with(sign=+1), "the step goes uphill"),
            (gd_with(biases=False), "the biases are not updated"),
            (gd_in_place, "changed its input `parameters` in place"),
            (gd_with(last_layer=False), "layer L = 2 is not updated"),
            (gd_with(alpha=False), "the learning rate α is missing"),
            (gd_over_grads, "grads also holds backprop's dA0"),
            (gd_with_L_parameters, "there are L = len(parameters) // 2 = 2 layers"),
            (lambda parameters, grads, learning_rate: None, "did you forget a `return`"),
        ],
    ),
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
    checks.check_initialize_velocity: (
        optimizers.initialize_velocity,
        [
            (velocity_with("no_d"), 'the gradients\' names, with a "d"'),
            (velocity_with("row"), ('v["dW1"] has shape (2,)', "the shape of parameters")),
            (velocity_with("copy"), "a copy of the parameters instead of zeros"),
            (velocity_with("skip_last"), 'v["dW2"] is missing'),
        ],
    ),
    checks.check_update_parameters_with_momentum: (
        optimizers.update_parameters_with_momentum,
        [
            (momentum_with("no_one_minus"), "the (1 − β) factor is missing"),
            (momentum_with("gradient_step"), "uses the gradient instead of the velocity"),
            (momentum_with("swapped"), "β and 1 − β are swapped"),
            (momentum_with("in_place"), "changed its input `v` in place"),
            (momentum_with_old_v, "the step uses the old velocity"),
            (lambda parameters, grads, v, beta, learning_rate: parameters, "(parameters, v)"),
        ],
    ),
    checks.check_initialize_adam: (
        optimizers.initialize_adam,
        [
            (optimizers.initialize_velocity, "must return the pair (v, s)"),
            (adam_init_sharing_one_dict, "v and s are the same dict"),
            (adam_init_with_copied_s, "s is a copy of the parameters instead of zeros"),
            (adam_init_without_d, 'the gradients\' names, with a "d"'),
        ],
    ),
    checks.check_update_parameters_with_adam: (
        adam_course_five,
        [
            (adam_with(correct=False), "there is no bias correction"),
            (adam_with(swap=True), "β1 and β2 are swapped in the bias correction"),
            (adam_with(one_minus=False), "the (1 − β1) factor is missing"),
            (adam_with(square=False), "dW is not squared in s"),
            (lambda *args: {}, "must return the five values"),
            (adam_returning_three, "(it returned 3 values)"),
            (adam_changed("t-1"), "t already counts the updates from 1"),
            (adam_changed("only_v"), "only v is bias-corrected"),
            (adam_changed("uphill"), "the step goes uphill"),
            (adam_changed("no_sqrt"), "the square root of ŝ is missing"),
            (adam_changed("plain_v_returned"), "v_corrected is not bias-corrected"),
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
    checks.check_update_lr: (
        schedules.inverse_time_decay,
        [
            (lambda a0, epoch, rate: a0 / (1 + rate) * epoch, "the parentheses are missing"),
            (lambda a0, epoch, rate: a0 * (1 + rate * epoch), "instead of divided by it"),
            (lambda a0, epoch, rate: 1 / (1 + rate * epoch), "learning_rate0 is missing"),
            (lambda a0, epoch, rate: a0 / (1 + rate * (epoch + 1)), "counted from 1"),
            (lambda a0, epoch, rate: a0 / (rate * epoch), "the 1 + is missing"),
        ],
    ),
    checks.check_schedule_lr_decay: (
        schedules.staircase_decay,
        [
            (schedule_with("no_floor"), "the floor is missing"),
            (schedule_with("multiplied"), "time_interval multiplies epoch_num"),
            (schedule_with("update_lr"), "you use update_lr's formula"),
            (schedule_with("round"), ("epoch_num = 1600", "is rounded")),
            (schedule_with("remainder"), "the remainder"),
            (schedule_with("fixed_interval"), ("time_interval = 10", "fixed at 1000")),
            (
                lambda learning_rate0, epoch_num, decay_rate, time_interval: learning_rate0,
                "the exercise's `def` line",
            ),
        ],
    ),
}
