"""course_lib.optimizers: mini-batches, EWA, GD/momentum/RMSprop/Adam — torch parity, properties,
bad inputs."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from course_lib.optimizers import (
    OPTIMIZERS,
    Optimizer,
    as_optimizer,
    check_beta,
    exponentially_weighted_average,
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
    random_mini_batches,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)

SHAPES = {"W1": (4, 3), "b1": (4, 1), "W2": (1, 4), "b2": (1, 1)}


def random_parameters(rng, shapes=SHAPES):
    return {key: rng.standard_normal(shape) for key, shape in shapes.items()}


def gradient_sequence(rng, steps, shapes=SHAPES):
    """`steps` gradient dicts of very different scales per entry
    (so RMSprop and Adam really rescale)."""
    scales = {key: 10.0 ** rng.uniform(-3, 1, shape) for key, shape in shapes.items()}
    return [
        {"d" + key: rng.standard_normal(shape) * scales[key] for key, shape in shapes.items()}
        for _ in range(steps)
    ]


def copy_of(d):
    return {k: v.copy() for k, v in d.items()}


def assert_dicts_equal(a, b):
    assert set(a) == set(b)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)


# ---- torch parity (float64, the same gradients over several steps) -------------------------------


def torch_run(parameters, gradient_steps, make_optimizer):
    """Feed the given gradients to a torch.optim optimizer over the same starting parameters; return
    the trajectory."""
    tensors = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in parameters.items()
    }
    optimizer = make_optimizer(list(tensors.values()))
    trajectory = []
    for grads in gradient_steps:
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(grads["d" + key], dtype=torch.float64)
        optimizer.step()
        trajectory.append({k: t.detach().numpy().copy() for k, t in tensors.items()})
    return trajectory, optimizer, tensors


def assert_trajectories_match(ours, theirs, rtol=1e-12, atol=1e-14):
    for step, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        for key in a:
            np.testing.assert_allclose(
                a[key], b[key], rtol=rtol, atol=atol, err_msg=f"{key} after step {step}"
            )


@pytest.mark.parametrize(("beta", "alpha"), [(0.9, 0.1), (0.5, 0.03), (0.0, 0.2), (0.99, 1.0)])
def test_momentum_matches_torch_sgd(beta, alpha):
    # torch.optim.SGD(momentum=β) keeps buf = β·buf + g (buf₁ = g) and steps W −= lr·buf. Ours is
    # v = β·v + (1 − β)·dW = (1 − β)·buf, so lr = α(1 − β) gives exactly our trajectory. (SGD's
    # `dampening=β`
    # is not the same: torch skips the dampening on the very first step, buf₁ = g, not (1 − β)g.)
    rng = np.random.default_rng(1)
    parameters, steps = random_parameters(rng), gradient_sequence(rng, 6)
    theirs, optimizer, tensors = torch_run(
        parameters, steps, lambda p: torch.optim.SGD(p, lr=alpha * (1 - beta), momentum=beta)
    )
    ours, v = [], initialize_velocity(parameters)
    for grads in steps:
        parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, alpha)
        ours.append(parameters)
    assert_trajectories_match(ours, theirs)
    for key, tensor in tensors.items():
        buffer = (
            optimizer.state[tensor]["momentum_buffer"].numpy() if beta else steps[-1]["d" + key]
        )  # β = 0: no buffer
        np.testing.assert_allclose(v["d" + key], (1 - beta) * buffer, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(
    ("beta2", "alpha", "epsilon"), [(0.999, 0.01, 1e-8), (0.9, 0.001, 1e-8), (0.5, 0.1, 1e-3)]
)
def test_rmsprop_matches_torch_rmsprop(beta2, alpha, epsilon):
    # torch RMSprop(alpha=β₂, eps=ε): s = β₂ s + (1 − β₂) g², W −= lr · g / (√s + ε), as ours
    rng = np.random.default_rng(2)
    parameters, steps = random_parameters(rng), gradient_sequence(rng, 7)
    theirs, optimizer, tensors = torch_run(
        parameters, steps, lambda p: torch.optim.RMSprop(p, lr=alpha, alpha=beta2, eps=epsilon)
    )
    ours, s = [], initialize_rmsprop(parameters)
    for grads in steps:
        parameters, s = update_parameters_with_rmsprop(parameters, grads, s, beta2, alpha, epsilon)
        ours.append(parameters)
    assert_trajectories_match(ours, theirs)
    for key, tensor in tensors.items():
        np.testing.assert_allclose(
            s["d" + key], optimizer.state[tensor]["square_avg"].numpy(), rtol=1e-13, atol=0
        )


@pytest.mark.parametrize(
    ("beta1", "beta2", "alpha", "epsilon"),
    [
        (0.9, 0.999, 0.001, 1e-8),
        (0.9, 0.999, 0.05, 1e-8),
        (0.5, 0.9, 0.01, 1e-8),
        (0.0, 0.99, 0.01, 1e-4),
        (0.8, 0.0, 0.02, 1e-8),
    ],
)
def test_adam_matches_torch_adam(beta1, beta2, alpha, epsilon):
    rng = np.random.default_rng(3)
    parameters, steps = random_parameters(rng), gradient_sequence(rng, 8)
    theirs, optimizer, tensors = torch_run(
        parameters,
        steps,
        lambda p: torch.optim.Adam(p, lr=alpha, betas=(beta1, beta2), eps=epsilon, foreach=False),
    )
    ours, (v, s) = [], initialize_adam(parameters)
    for t, grads in enumerate(steps, start=1):
        parameters, v, s = update_parameters_with_adam(
            parameters, grads, v, s, t, alpha, beta1, beta2, epsilon
        )
        ours.append(parameters)
    assert_trajectories_match(ours, theirs, rtol=1e-11)
    for key, tensor in tensors.items():
        state = optimizer.state[tensor]
        np.testing.assert_allclose(v["d" + key], state["exp_avg"].numpy(), rtol=1e-12, atol=1e-16)
        np.testing.assert_allclose(s["d" + key], state["exp_avg_sq"].numpy(), rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    ("name", "make_torch"),
    [
        ("gd", lambda p: torch.optim.SGD(p, lr=0.05)),
        ("momentum", lambda p: torch.optim.SGD(p, lr=0.05 * (1 - 0.8), momentum=0.8)),
        ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.05, alpha=0.95, eps=1e-7)),
        (
            "adam",
            lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.95), eps=1e-7, foreach=False),
        ),
    ],
)
def test_optimizer_object_keeps_the_state_like_torch(name, make_torch):
    rng = np.random.default_rng(4)
    parameters, steps = random_parameters(rng), gradient_sequence(rng, 5)
    theirs, _, _ = torch_run(parameters, steps, make_torch)
    optimizer = Optimizer(name, beta=0.8, beta1=0.8, beta2=0.95, epsilon=1e-7)
    ours = []
    for grads in steps:
        parameters = optimizer.update(parameters, grads, 0.05)
        ours.append(parameters)
    assert optimizer.t == 5
    assert_trajectories_match(ours, theirs, rtol=1e-11)


# ---- the pure update functions -------------------------------------------------------------------


def test_gd_momentum_rmsprop_adam_one_step_by_hand():
    W, dW = np.array([[1.0, -2.0]]), np.array([[0.5, -4.0]])
    parameters, grads = {"W1": W}, {"dW1": dW}
    np.testing.assert_array_equal(
        update_parameters_with_gd(parameters, grads, 0.1)["W1"], W - 0.1 * dW
    )
    new, v = update_parameters_with_momentum(
        parameters, grads, {"dW1": np.array([[2.0, 1.0]])}, 0.9, 0.1
    )
    np.testing.assert_allclose(v["dW1"], 0.9 * np.array([[2.0, 1.0]]) + 0.1 * dW, rtol=1e-15)
    np.testing.assert_allclose(new["W1"], W - 0.1 * v["dW1"], rtol=1e-15)
    new, s = update_parameters_with_rmsprop(
        parameters, grads, {"dW1": np.zeros((1, 2))}, 0.75, 0.1, epsilon=1e-300
    )
    np.testing.assert_allclose(s["dW1"], 0.25 * dW**2, rtol=1e-15)
    # √(0.25 g²) = |g|/2 (ε = 1e-300 vanishes next to it; ε = 0 is refused)
    np.testing.assert_allclose(new["W1"], W - 0.1 * dW / (0.5 * np.abs(dW)), rtol=1e-15)
    v0, s0 = initialize_adam(parameters)
    new, v, s = update_parameters_with_adam(
        parameters, grads, v0, s0, 1, 0.1, 0.9, 0.999, epsilon=1e-300
    )
    np.testing.assert_allclose(v["dW1"], 0.1 * dW, rtol=1e-15)
    np.testing.assert_allclose(s["dW1"], 0.001 * dW**2, rtol=1e-12)
    # first step: v̂ = g, ŝ = g²
    np.testing.assert_allclose(new["W1"], W - 0.1 * np.sign(dW), rtol=1e-12)


def test_initializers_are_zeros_shaped_like_the_grads():
    parameters = random_parameters(np.random.default_rng(0))
    v = initialize_velocity(parameters)
    s = initialize_rmsprop(parameters)
    v_adam, s_adam = initialize_adam(parameters)
    for state in (v, s, v_adam, s_adam):
        assert set(state) == {"d" + k for k in parameters}
        for key, value in parameters.items():
            assert state["d" + key].shape == value.shape and state["d" + key].dtype == np.float64
            assert not state["d" + key].any()
    assert v_adam is not s_adam and v_adam["dW1"] is not s_adam["dW1"]


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(1, 5)),
        elements=st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3),
    ),
    st.floats(1e-5, 1.0),
    st.floats(0.0, 0.99),
    st.floats(0.0, 0.9999),
)
def test_adams_first_step_is_alpha_times_the_sign_of_the_gradient(dW, alpha, beta1, beta2):
    # v̂₁ = dW and ŝ₁ = dW², so the first step is α dW / (|dW| + ε) ≈ α sign(dW) whatever the scale
    # of dW
    W = np.zeros_like(dW)
    v, s = initialize_adam({"W1": W})
    new, _, _ = update_parameters_with_adam(
        {"W1": W}, {"dW1": dW}, v, s, 1, alpha, beta1, beta2, 1e-8
    )
    np.testing.assert_allclose(new["W1"], -alpha * np.sign(dW), rtol=1e-4)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(OPTIMIZERS), st.integers(1, 4))
def test_optimizers_never_mutate_their_inputs(seed, name, steps):
    rng = np.random.default_rng(seed)
    parameters, all_grads = random_parameters(rng), gradient_sequence(rng, steps)
    optimizer = Optimizer(name)
    for grads in all_grads:
        before, grads_before = copy_of(parameters), copy_of(grads)
        old_state = (
            None
            if optimizer.v is None
            else (optimizer.v, optimizer.s, copy_of(optimizer.v), copy_of(optimizer.s))
        )
        new = optimizer.update(parameters, grads, 0.01)
        assert_dicts_equal(parameters, before)
        assert_dicts_equal(grads, grads_before)
        assert new is not parameters and all(new[k] is not parameters[k] for k in parameters)
        if old_state is not None:
            # the state dicts are replaced, never written into (a learner may keep a reference to
            # the old v)
            assert_dicts_equal(old_state[0], old_state[2])
            assert_dicts_equal(old_state[1], old_state[3])
        parameters = new
    # the pure functions too, each with its own state
    grads = all_grads[0]
    state = initialize_adam(parameters)
    snapshot = copy_of(parameters), copy_of(grads), copy_of(state[0]), copy_of(state[1])
    update_parameters_with_gd(parameters, grads, 0.1)
    update_parameters_with_momentum(parameters, grads, state[0], 0.9, 0.1)
    update_parameters_with_rmsprop(parameters, grads, state[1], 0.9, 0.1)
    update_parameters_with_adam(parameters, grads, state[0], state[1], 1)
    for a, b in zip((parameters, grads, *state), snapshot, strict=True):
        assert_dicts_equal(a, b)


def test_adam_with_corrected_returns_the_courses_five_values_and_the_same_three():
    rng = np.random.default_rng(8)
    parameters, steps = random_parameters(rng), gradient_sequence(rng, 3)
    v, s = initialize_adam(parameters)
    for t, grads in enumerate(steps, start=1):
        three = update_parameters_with_adam(parameters, grads, v, s, t, 0.02, 0.8, 0.99, 1e-6)
        five = update_parameters_with_adam(
            parameters, grads, v, s, t, 0.02, 0.8, 0.99, 1e-6, corrected=True
        )
        assert len(three) == 3 and len(five) == 5
        for ours, theirs in zip(three, five[:3], strict=True):
            assert_dicts_equal(ours, theirs)  # bit for bit
        parameters, v, s, v_corrected, s_corrected = five
        assert set(v_corrected) == set(s_corrected) == set(v)
        for key in v:
            np.testing.assert_array_equal(v_corrected[key], v[key] / (1 - 0.8**t))
            np.testing.assert_array_equal(s_corrected[key], s[key] / (1 - 0.99**t))


def test_the_old_state_dicts_are_left_alone():
    rng = np.random.default_rng(5)
    parameters, (g1, g2) = random_parameters(rng), gradient_sequence(rng, 2)
    v0, s0 = initialize_adam(parameters)
    _, v1, s1 = update_parameters_with_adam(parameters, g1, v0, s0, 1)
    v1_copy, s1_copy = copy_of(v1), copy_of(s1)
    update_parameters_with_adam(parameters, g2, v1, s1, 2)
    assert_dicts_equal(v1, v1_copy)
    assert_dicts_equal(s1, s1_copy)
    assert not any(v0[k].any() or s0[k].any() for k in v0)


# ---- the Optimizer object ------------------------------------------------------------------------


def test_optimizer_update_is_the_pure_function_and_reset_forgets_the_state():
    rng = np.random.default_rng(6)
    parameters, steps = random_parameters(rng), gradient_sequence(rng, 3)
    optimizer = Optimizer("adam", beta1=0.8, beta2=0.99, epsilon=1e-6)
    assert optimizer.t == 0 and optimizer.v is None and optimizer.s is None
    ours, expected = parameters, parameters
    v, s = initialize_adam(parameters)
    for t, grads in enumerate(steps, start=1):
        ours = optimizer.update(ours, grads, 0.02)
        expected, v, s = update_parameters_with_adam(
            expected, grads, v, s, t, 0.02, 0.8, 0.99, 1e-6
        )
        assert_dicts_equal(ours, expected)
    assert optimizer.t == 3
    assert_dicts_equal(optimizer.v, v)
    optimizer.reset()
    assert optimizer.t == 0 and optimizer.v is None and optimizer.s is None
    # after reset the first step is again a bias-corrected first step
    first = optimizer.update(parameters, steps[0], 0.02)
    assert_dicts_equal(
        first,
        update_parameters_with_adam(
            parameters, steps[0], *initialize_adam(parameters), 1, 0.02, 0.8, 0.99, 1e-6
        )[0],
    )


def test_gd_optimizer_is_plain_gradient_descent_and_counts_steps():
    rng = np.random.default_rng(7)
    parameters, (grads,) = random_parameters(rng), gradient_sequence(rng, 1)
    optimizer = Optimizer()
    assert optimizer.name == "gd"
    assert_dicts_equal(
        optimizer.update(parameters, grads, 0.3), update_parameters_with_gd(parameters, grads, 0.3)
    )
    assert optimizer.t == 1


def test_as_optimizer_makes_a_fresh_copy_with_the_same_settings():
    original = Optimizer("momentum", beta=0.8)
    original.update({"W1": np.ones((1, 1))}, {"dW1": np.ones((1, 1))}, 0.1)
    copy = as_optimizer(original)
    assert copy is not original and copy.name == "momentum" and copy.beta == 0.8
    assert copy.t == 0 and copy.v is None
    assert original.t == 1 and original.v is not None
    fresh = as_optimizer("adam")
    assert (fresh.name, fresh.beta1, fresh.beta2, fresh.epsilon) == ("adam", 0.9, 0.999, 1e-8)


def test_optimizer_repr_shows_its_hyperparameters():
    assert repr(Optimizer()) == "Optimizer('gd')"
    assert repr(Optimizer("momentum", beta=0.95)) == "Optimizer('momentum', β=0.95)"
    assert repr(Optimizer("rmsprop", beta2=0.9)) == "Optimizer('rmsprop', β2=0.9)"
    assert repr(Optimizer("adam")) == "Optimizer('adam', β1=0.9, β2=0.999)"


# ---- exponentially weighted averages -------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.just(0.0) | st.floats(1e-100, 1e3) | st.floats(-1e3, -1e-100),
    st.floats(0.0, 0.999),
    st.integers(1, 300),
)
def test_ewa_of_a_constant_is_unbiased_with_correction_and_starts_low_without(c, beta, T):
    theta = np.full(T, c)
    corrected = exponentially_weighted_average(theta, beta, bias_correction=True)
    # rounding only (measured ≤ 4e−12 for β ≈ 0.999)
    np.testing.assert_allclose(corrected, c, rtol=1e-10, atol=1e-300)
    plain = exponentially_weighted_average(theta, beta)
    assert plain[0] == (1 - beta) * c  # v₁ = (1 − β)θ₁ exactly
    t = np.arange(1, T + 1)
    # v_t = (1 − β^t) c
    np.testing.assert_allclose(plain, c * (1 - beta**t), rtol=1e-10, atol=1e-12 * abs(c))
    assert np.all(np.abs(plain) <= abs(c) * (1 + 1e-12))  # starts low and only approaches c


def test_ewa_formula_by_hand_and_beta_zero_is_the_series():
    theta = np.array([10.0, 20.0, 0.0, 5.0])
    v1 = 0.5 * 10
    v2 = 0.5 * v1 + 0.5 * 20
    v3 = 0.5 * v2
    v4 = 0.5 * v3 + 0.5 * 5
    np.testing.assert_allclose(
        exponentially_weighted_average(theta, 0.5), [v1, v2, v3, v4], rtol=1e-15
    )
    np.testing.assert_allclose(
        exponentially_weighted_average(theta, 0.5, bias_correction=True),
        [v1 / 0.5, v2 / 0.75, v3 / 0.875, v4 / 0.9375],
        rtol=1e-15,
    )
    np.testing.assert_array_equal(exponentially_weighted_average(theta, 0.0), theta)
    # any shape is flattened to (T,)
    assert exponentially_weighted_average([[1.0, 2.0]], 0.5).shape == (2,)


def test_ewa_averages_about_one_over_one_minus_beta_values():
    # a step from 0 to 1: after 1/(1 − β) values the (uncorrected) average has covered 1 −
    # β^(1/(1−β)) ≈ 1 − 1/e of it
    for beta in (0.9, 0.98):
        n = round(1 / (1 - beta))
        v = exponentially_weighted_average(np.ones(n), beta)
        assert v[-1] == pytest.approx(1 - 1 / np.e, abs=0.02)


# ---- mini-batches --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 150), st.integers(1, 80), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_mini_batches_partition_the_data_and_keep_pairs(m, size, n_y, seed):
    ids = np.arange(m, dtype=float)
    X = np.vstack([ids, -ids, ids**2])  # column j is example j
    Y = np.vstack([ids * 10 + k for k in range(n_y)])  # and its label column is tied to it
    X_before, Y_before = X.copy(), Y.copy()
    batches = random_mini_batches(X, Y, size, np.random.default_rng(seed))
    full, rest = divmod(m, size)
    assert len(batches) == full + (rest > 0)
    assert [X_t.shape[1] for X_t, _ in batches] == [size] * full + ([rest] if rest else [])
    seen = np.concatenate([X_t[0] for X_t, _ in batches])
    assert sorted(seen) == list(ids)  # every column exactly once
    for X_t, Y_t in batches:
        assert X_t.shape[0] == 3 and Y_t.shape == (n_y, X_t.shape[1])
        np.testing.assert_array_equal(X_t[1], -X_t[0])
        np.testing.assert_array_equal(X_t[2], X_t[0] ** 2)
        np.testing.assert_array_equal(Y_t, np.vstack([X_t[0] * 10 + k for k in range(n_y)]))
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)
    again = random_mini_batches(X, Y, size, np.random.default_rng(seed))
    for (a, b), (c, d) in zip(batches, again, strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


def test_mini_batches_are_seeded_and_shuffled():
    X = np.arange(200.0).reshape(2, 100)
    Y = (np.arange(100) % 2).reshape(1, -1)
    a = random_mini_batches(X, Y, 32, 0)
    b = random_mini_batches(X, Y, 32, np.random.default_rng(0))  # an int seed is the same generator
    c = random_mini_batches(X, Y, 32, np.random.default_rng(1))
    assert all(np.array_equal(p[0], q[0]) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[0][0], c[0][0])
    assert not np.array_equal(a[0][0], X[:, :32])  # shuffled, not the first 32 in order
    rng = np.random.default_rng(2)
    first, second = random_mini_batches(X, Y, 32, rng), random_mini_batches(X, Y, 32, rng)
    assert not np.array_equal(first[0][0], second[0][0])  # one generator: a new shuffle each epoch
    with pytest.raises(TypeError, match="rng must be a np.random.Generator or an int seed"):
        random_mini_batches(X, Y, 32, "seed")


def test_mini_batch_size_m_or_more_is_one_batch_and_one_is_stochastic():
    X, Y = np.arange(14.0).reshape(2, 7), np.ones((1, 7))
    for size in (7, 8, 1000):
        (only,) = random_mini_batches(X, Y, size, 0)
        assert only[0].shape == (2, 7)
    singles = random_mini_batches(X, Y, 1, 0)
    assert len(singles) == 7 and all(X_t.shape == (2, 1) for X_t, _ in singles)
    assert random_mini_batches(X, Y, np.int64(3), 0)[0][0].shape == (2, 3)


@pytest.mark.parametrize("size", [0, -1, 2.5, 64.0, True, "64", None])
def test_bad_mini_batch_size_is_refused(size):
    X, Y = np.zeros((2, 10)), np.zeros((1, 10))
    error = ValueError if isinstance(size, int) and not isinstance(size, bool) else TypeError
    with pytest.raises(
        error,
        match=r"mini_batch_size must be a whole number ≥ 1 \(1: "
        r"stochastic GD, m: batch GD\); got",
    ):
        random_mini_batches(X, Y, size, 0)


def test_mini_batches_refuse_mismatched_or_transposed_data():
    with pytest.raises(
        ValueError,
        match=r"Y must be \(n_y, m\) = \(n_y, 10\) to match X \(2, "
        r"10\); got \(10, 1\) "
        r"— did you mean Y\.T\?",
    ):
        random_mini_batches(np.zeros((2, 10)), np.zeros((10, 1)), 4, 0)
    with pytest.raises(ValueError, match=r"Y must be \(n_y, m\).*got \(10,\)"):
        random_mini_batches(np.zeros((2, 10)), np.zeros(10), 4, 0)
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        random_mini_batches(np.zeros(10), np.zeros((1, 10)), 4, 0)
    with pytest.raises(ValueError, match="NaN"):
        random_mini_batches(np.full((2, 3), np.nan), np.zeros((1, 3)), 4, 0)


# ---- bad hyperparameters -------------------------------------------------------------------------

BAD_BETAS = [-0.1, 1, 1.0, 1.5, True, False, float("nan"), "0.9", None]


@pytest.mark.parametrize("beta", BAD_BETAS)
def test_beta_outside_zero_one_is_refused_with_what_beta_means(beta):
    # TypeError for what is not a number (True, "0.9", None), ValueError for a number outside [0, 1)
    # or NaN
    error = TypeError if isinstance(beta, (bool, str)) or beta is None else ValueError
    within = r"must (lie|be a number) in \[0, 1\)"
    phrase = within + (
        r" — it is the weight of the past in v = βv \+ \(1 − β\)θ, averaging "
        r"about 1/\(1 − β\) values"
    )
    with pytest.raises(error, match="β " + phrase):
        check_beta(beta)
    with pytest.raises(error, match="β " + within):
        exponentially_weighted_average([1.0, 2.0], beta)
    with pytest.raises(error, match="β " + within):
        Optimizer("momentum", beta=beta)
    with pytest.raises(error, match="β1 " + within):
        Optimizer("adam", beta1=beta)
    with pytest.raises(error, match="β2 " + within):
        Optimizer("rmsprop", beta2=beta)


def test_good_betas_are_floats():
    assert check_beta(0) == 0.0 and isinstance(check_beta(np.float32(0.5)), float)
    assert check_beta(np.int64(0)) == 0.0
    assert check_beta(0.999) == 0.999


@pytest.mark.parametrize("name", ["sgd", "Adam", "adamw", "", None])
def test_unknown_optimizer_lists_the_valid_ones(name):
    with pytest.raises(
        ValueError,
        match=r"unknown optimizer .*; choose one of 'gd', 'momentum', " r"'rmsprop', 'adam'",
    ):
        Optimizer(name)
    with pytest.raises(ValueError, match="choose one of 'gd', 'momentum', 'rmsprop', 'adam'"):
        as_optimizer(name)


@pytest.mark.parametrize("epsilon", [0, 0.0, -1e-8, float("nan")])
def test_epsilon_must_be_positive(epsilon):
    with pytest.raises(
        ValueError,
        match=r"ε must be (a number )?> 0 \(a small number such as "
        r"1e-8; it only prevents "
        r"division by 0\)",
    ):
        Optimizer("adam", epsilon=epsilon)


@pytest.mark.parametrize("t", [0, -1, 1.0, True, None])
def test_adam_step_counter_starts_at_one(t):
    parameters = {"W1": np.ones((2, 2))}
    v, s = initialize_adam(parameters)
    error = ValueError if isinstance(t, int) and not isinstance(t, bool) else TypeError
    with pytest.raises(
        error,
        match=r"Adam's step counter t must be a whole number ≥ 1 \(it "
        r"counts updates and "
        r"enters 1 − β\^t\); got",
    ):
        update_parameters_with_adam(parameters, {"dW1": np.ones((2, 2))}, v, s, t)


def test_epsilon_must_be_a_number():
    with pytest.raises(TypeError, match="ε must be a number > 0"):
        Optimizer("adam", epsilon="x")
