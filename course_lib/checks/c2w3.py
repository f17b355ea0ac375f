"""Checks for week 3 of Course 2: c2w3b (batch norm), c2w3c (softmax) and c2w3d (frameworks)."""

import numpy as np

from course_lib import activations, batchnorm
from course_lib.checks.framework import CheckFailed, call, mismatch, run, softmax_output_mistakes

__all__ = [
    "check_batchnorm_forward",
    "check_batchnorm_backward",
    "check_softmax",
    "check_compute_cost_softmax",
    "check_softmax_cost_backward",
    "check_one_hot_matrix",
    "check_ThreeLayerNet",
    "check_compute_total_loss",
    "check_train_model",
]


def check_batchnorm_forward(batchnorm_forward):
    """c2w3: Z̃ = γ (Z − μ) / √(σ² + ε) + β with μ, σ² (n, 1) over the m examples of Z (n, m), for
    several ε and m."""
    rng = np.random.default_rng(31)
    inputs = [
        ("Z of shape (3, 8), ε = 1e-5", 2 * rng.standard_normal((3, 8)) + 1, 1e-5),
        (
            "Z of shape (4, 6) with a tiny spread (σ² ≈ 1e-5, as small as ε)",
            0.003 * rng.standard_normal((4, 6)),
            1e-5,
        ),
        (
            "Z of shape (2, 5), ε = 0.01 (use the epsilon argument)",
            0.1 * rng.standard_normal((2, 5)) - 3,
            1e-2,
        ),
        ("two examples, Z of shape (3, 2)", rng.standard_normal((3, 2)), 1e-5),
    ]
    cases = []
    for description, Z, epsilon in inputs:
        n = Z.shape[0]
        gamma, beta = rng.uniform(0.5, 2.0, (n, 1)), rng.standard_normal((n, 1))
        got = call(
            "batchnorm_forward", batchnorm_forward, Z.copy(), gamma.copy(), beta.copy(), epsilon
        )
        if isinstance(got, tuple):
            raise CheckFailed(
                f"✗ batchnorm_forward on {description} returned a tuple of {len(got)}: return Z̃ "
                "alone (course_lib's batchnorm.batchnorm_forward also returns its cache, μ and "
                "σ²; yours need not)"
            )
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        expected = gamma * (Z - mu) / np.sqrt(var + epsilon) + beta
        with np.errstate(all="ignore"):  # a mistaken axis can divide 0 by 0
            mu0, var0 = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
            mistakes = [
                (
                    "μ and σ² are taken over the units (axis=0) "
                    "instead of over the examples (axis=1)",
                    gamma * (Z - mu0) / np.sqrt(var0 + epsilon) + beta,
                ),
                (
                    "it divides by σ² + ε instead of √(σ² + ε)",
                    gamma * (Z - mu) / (var + epsilon) + beta,
                ),
                (
                    "ε is left out: divide by √(σ² + ε), not by σ",
                    gamma * (Z - mu) / np.sqrt(var) + beta,
                ),
                (
                    "ε is added outside the square root: divide by √(σ² + ε), not by σ + ε",
                    gamma * (Z - mu) / (np.sqrt(var) + epsilon) + beta,
                ),
                (
                    "ε is fixed at 1e-5 instead of the epsilon argument",
                    gamma * (Z - mu) / np.sqrt(var + 1e-5) + beta,
                ),
                (
                    "γ and β are swapped: Z̃ = γ z_norm + β",
                    beta * (Z - mu) / np.sqrt(var + epsilon) + gamma,
                ),
                (
                    "γ and β are not applied: that is z_norm; Z̃ = γ z_norm + β",
                    (Z - mu) / np.sqrt(var + epsilon),
                ),
                (
                    "σ² is the mean of Z² without subtracting μ first",
                    gamma * (Z - mu) / np.sqrt(np.mean(Z**2, axis=1, keepdims=True) + epsilon)
                    + beta,
                ),
            ]
            if Z.shape[1] > 1:
                mistakes.append(
                    (
                        "σ² divides by m − 1 (ddof=1); batch norm's σ² is (1/m) Σ (z − μ)²",
                        gamma * (Z - mu) / np.sqrt(Z.var(axis=1, ddof=1, keepdims=True) + epsilon)
                        + beta,
                    )
                )
        if epsilon == 1e-5:
            mistakes = [mistake for mistake in mistakes if "fixed at 1e-5" not in mistake[0]]
        cases.append((description, [mismatch("Z̃", got, expected, mistakes)]))
    run("batchnorm_forward", cases)


def _mean(values, axis=1):
    """The mean over the examples (axis=1) or the units (axis=0), kept 2-D."""
    return np.mean(values, axis=axis, keepdims=True)


def check_batchnorm_backward(batchnorm_backward):
    """c2w3: dγ = (1/m) Σ dZ̃ z_norm, dβ = (1/m) Σ dZ̃ and dZ = γ/√(σ² + ε) · (dZ̃ − mean(dZ̃) −
    z_norm · mean(dZ̃ z_norm)), from the cache (z_norm, γ, 1/√(σ² + ε)) of batchnorm_forward."""
    rng = np.random.default_rng(32)
    inputs = [
        ("Z of shape (3, 8), ε = 1e-5", 2 * rng.standard_normal((3, 8)) + 1, 1e-5),
        ("Z of shape (4, 5), ε = 0.1", 0.5 * rng.standard_normal((4, 5)) - 2, 0.1),
        ("Z of shape (2, 6), 2 units and 6 examples", rng.standard_normal((2, 6)), 1e-5),
        ("two examples, Z of shape (3, 2)", rng.standard_normal((3, 2)), 1e-5),
    ]
    cases = []
    for description, Z, epsilon in inputs:
        n, m = Z.shape
        gamma, beta = rng.uniform(0.5, 2.0, (n, 1)), rng.standard_normal((n, 1))
        _, cache, _, _ = batchnorm.batchnorm_forward(Z, gamma, beta, epsilon)
        dZ_tilde = rng.standard_normal((n, m))
        given = batchnorm.BatchNormCache(*(value.copy() for value in cache))
        got = call("batchnorm_backward", batchnorm_backward, dZ_tilde.copy(), given)
        if not all(np.array_equal(a, b) for a, b in zip(given, cache, strict=True)):
            raise CheckFailed(
                "✗ batchnorm_backward changed an array of the cache in place (as `gamma *= …` "
                "does): compute new arrays instead, the cache belongs to the forward pass"
            )
        if not isinstance(got, tuple) or len(got) != 3:
            kind = f"a tuple of {len(got)}" if isinstance(got, tuple) else type(got).__name__
            raise CheckFailed(
                f"✗ batchnorm_backward on {description} returned {kind}: return the three "
                "arrays dZ, dgamma, dbeta, in that order"
            )
        dZ, dgamma, dbeta = got
        expected_dZ, expected_dgamma, expected_dbeta = batchnorm.batchnorm_backward(dZ_tilde, cache)
        Z_norm, _, inv_std = cache
        full = dZ_tilde - _mean(dZ_tilde) - Z_norm * _mean(dZ_tilde * Z_norm)
        dZ_mistakes = [
            (
                "μ and σ² are treated as constants: dZ = γ dZ̃ / √(σ² + ε) misses the two terms "
                "that come through μ and σ² (the −mean(dZ̃) and −z_norm · mean(dZ̃ z_norm))",
                gamma * inv_std * dZ_tilde,
            ),
            (
                "the term through σ², −z_norm · mean(dZ̃ z_norm), is missing",
                gamma * inv_std * (dZ_tilde - _mean(dZ_tilde)),
            ),
            (
                "the term through μ, −mean(dZ̃), is missing",
                gamma * inv_std * (dZ_tilde - Z_norm * _mean(dZ_tilde * Z_norm)),
            ),
            (
                "the two corrections are sums over the examples where they must be means (the "
                "1/m terms): dZ = γ/(m √(σ² + ε)) · (m dZ̃ − Σ dZ̃ − z_norm Σ dZ̃ z_norm)",
                gamma
                * inv_std
                * (
                    dZ_tilde
                    - np.sum(dZ_tilde, axis=1, keepdims=True)
                    - Z_norm * np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
                ),
            ),
            (
                "the means are over the units (axis=0) instead of over the examples (axis=1)",
                gamma
                * inv_std
                * (dZ_tilde - _mean(dZ_tilde, 0) - Z_norm * _mean(dZ_tilde * Z_norm, 0)),
            ),
            ("γ is left out of dZ (dz_norm = γ dZ̃)", inv_std * full),
            (
                "it divides by the cache's third entry: that is already 1/√(σ² + ε), so "
                "multiply by it",
                gamma / inv_std * full,
            ),
            (
                "dZ is divided by m: in this workbook dZ is per example (the 1/m comes in dW = "
                "(1/m) dZ A_prevᵀ)",
                gamma * inv_std * full / m,
            ),
        ]
        dgamma_mistakes = [
            (
                "dγ is a sum without the 1/m: dγ = (1/m) Σ dZ̃ z_norm (like dW, dγ carries the "
                "1/m of J)",
                np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True),
            ),
            ("dγ misses the factor z_norm: dγ = (1/m) Σ dZ̃ z_norm", _mean(dZ_tilde)),
            ("dγ is multiplied by γ: dγ = (1/m) Σ dZ̃ z_norm", gamma * _mean(dZ_tilde * Z_norm)),
            ("dγ and dβ are swapped (return dZ, dgamma, dbeta in this order)", expected_dbeta),
        ]
        dbeta_mistakes = [
            (
                "dβ is a sum without the 1/m: dβ = (1/m) Σ dZ̃ (like db, dβ carries the 1/m of J)",
                np.sum(dZ_tilde, axis=1, keepdims=True),
            ),
            (
                "dβ is multiplied by γ: β is added after the scaling, so dβ = (1/m) Σ dZ̃",
                gamma * _mean(dZ_tilde),
            ),
            ("dγ and dβ are swapped (return dZ, dgamma, dbeta in this order)", expected_dgamma),
        ]
        cases.append(
            (
                description,
                [
                    mismatch("dZ", dZ, expected_dZ, dZ_mistakes),
                    mismatch("dgamma", dgamma, expected_dgamma, dgamma_mistakes),
                    mismatch("dbeta", dbeta, expected_dbeta, dbeta_mistakes),
                ],
            )
        )
    run("batchnorm_backward", cases)


def check_softmax(softmax):
    """c2w3: A = e^Z / Σ_j e^Z column by column, for Z (C, m), computed without overflow."""
    rng = np.random.default_rng(33)
    inputs = [
        (
            "the lecture's z = [5, 2, −1, 3] of shape (4, 1)",
            np.array([[5.0], [2.0], [-1.0], [3.0]]),
        ),
        ("Z of shape (3, 5): 3 classes, 5 examples", 2 * rng.standard_normal((3, 5))),
        ("Z of shape (4, 4)", rng.standard_normal((4, 4)) + np.arange(4.0)),
        (
            "large logits, Z of shape (3, 4) near 1000 (e^1000 overflows to inf)",
            1000 + 3 * rng.standard_normal((3, 4)),
        ),
        (
            "columns far apart, Z of shape (3, 3) near 800, 0 and −800",
            3 * rng.standard_normal((3, 3)) + np.array([[800.0, 0.0, -800.0]]),
        ),
    ]
    cases = []
    for description, Z in inputs:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            got = call("softmax", softmax, Z.copy())
        expected = activations.softmax(Z)
        if isinstance(got, np.ndarray) and got.shape == Z.shape and not np.all(np.isfinite(got)):
            if Z.max() - Z.min() > 1000:
                problem = (
                    "A holds NaN or inf: subtract each column's own max (np.max(Z, axis=0, "
                    "keepdims=True)), not one max of the whole array — a column far below it "
                    "underflows to e^z = 0 and gives 0/0"
                )
            else:
                problem = (
                    "A holds NaN or inf: e^z overflows for z near 1000. Subtract each column's "
                    "max first (softmax(z − c) = softmax(z)), so the largest exponent is e^0 = 1"
                )
            cases.append((description, [problem]))
            continue
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            t = np.exp(Z - Z.max(axis=0, keepdims=True))
            t_rows = np.exp(Z - Z.max(axis=1, keepdims=True))
            mistakes = [
                (
                    "it normalizes over the examples (axis=1, each row sums to 1) instead of "
                    "over the C classes (axis=0, each column sums to 1)",
                    t_rows / t_rows.sum(axis=1, keepdims=True),
                ),
                (
                    "it divides by the sums over the examples (axis=1) instead of over the C "
                    "classes (axis=0, each column sums to 1)",
                    t / t.sum(axis=1, keepdims=True),
                ),
                (
                    "it subtracts each row's max (axis=1): subtract each column's max "
                    "(axis=0), a constant per example, which softmax ignores",
                    t_rows / t_rows.sum(axis=0, keepdims=True),
                ),
                ("e^(z − max) is not divided by its column's sum Σ_j e^(z_j − max)", t),
                ("e^z is not divided by its column's sum Σ_j e^(z_j)", np.exp(Z)),
            ]
        cases.append((description, [mismatch("A", got, expected, mistakes)]))
    run("softmax", cases)


def _one_hot_case(rng, C, m):
    """AL (C, m), softmax of random logits, and a one-hot Y (C, m) of random classes."""
    AL = activations.softmax(2 * rng.standard_normal((C, m)))
    Y = np.eye(C)[:, rng.integers(0, C, m)]
    return AL, Y


def check_compute_cost_softmax(compute_cost_softmax):
    """c2w3: J = −(1/m) Σ_i Σ_j y_j log ŷ_j for AL and a one-hot Y, both (C, m); J a number."""
    rng = np.random.default_rng(34)
    inputs = [
        ("AL and Y of shape (3, 5): 3 classes, 5 examples", 3, 5),
        ("a single example, AL and Y of shape (4, 1)", 4, 1),
        ("AL and Y of shape (10, 6)", 10, 6),
        ("2 classes, AL and Y of shape (2, 7)", 2, 7),
    ]
    cases = []
    for description, C, m in inputs:
        AL, Y = _one_hot_case(rng, C, m)
        got = call("compute_cost_softmax", compute_cost_softmax, AL.copy(), Y.copy())
        if np.ndim(got) and np.size(got) == m and m > 1:
            cases.append(
                (
                    description,
                    [
                        f"J has shape {np.shape(got)}: those are the {m} losses, one per "
                        "example; J is their mean, one number"
                    ],
                )
            )
            continue
        log_AL = np.log(AL)
        expected = -np.sum(Y * log_AL) / m
        mistakes = [
            ("the 1/m is missing: J averages the losses over the m examples", m * expected),
            (
                "np.mean over all C × m entries divides by C·m: J = −(1/m) Σ_i Σ_j y_j log ŷ_j",
                expected / C,
            ),
            ("the minus sign is missing: J = −(1/m) Σ Σ y log ŷ is positive", -expected),
            (
                "it adds (1 − y) log(1 − ŷ): that term belongs to the binary (sigmoid) cost; "
                "softmax's loss is −Σ_j y_j log ŷ_j only",
                -np.sum(Y * log_AL + (1 - Y) * np.log(1 - AL)) / m,
            ),
            (
                "np.dot(Y, np.log(AL).T) pairs every class's y with every class's log ŷ (a "
                "C × C matrix): use the elementwise product Y * np.log(AL)",
                -np.sum(Y @ log_AL.T) / m,
            ),
        ]
        cases.append((description, [mismatch("J", got, expected, mistakes)]))
    run("compute_cost_softmax", cases)


def check_softmax_cost_backward(softmax_cost_backward):
    """c2w3: dZ[L] = A[L] − Y (C, m) for softmax with the cross-entropy cost, per example."""
    rng = np.random.default_rng(35)
    inputs = [
        ("AL and Y of shape (3, 5): 3 classes, 5 examples", 3, 5),
        ("AL and Y of shape (10, 4)", 10, 4),
        ("2 classes, AL and Y of shape (2, 6)", 2, 6),
        ("a single example, AL and Y of shape (4, 1)", 4, 1),
    ]
    cases = []
    for description, C, m in inputs:
        AL, Y = _one_hot_case(rng, C, m)
        got = call("softmax_cost_backward", softmax_cost_backward, AL.copy(), Y.copy())
        expected = AL - Y
        labels = np.argmax(Y, axis=0).reshape(1, m)
        mistakes = [
            ("the sign is flipped: dZ[L] = Ŷ − Y, not Y − Ŷ", Y - AL),
            (
                "it is divided by m: in this workbook dZ is per example; the 1/m comes in "
                "dW[L] = (1/m) dZ[L] A[L−1]ᵀ and db[L]",
                (AL - Y) / m,
            ),
            (
                "it returns dA[L] = −Y/Ŷ, the gradient before the softmax; through the softmax "
                "it becomes dZ[L] = Ŷ − Y",
                -Y / AL,
            ),
            (
                "it subtracts the class indices (0 … C−1) from every row: Y is already one-hot "
                "(C, m), subtract it as it is",
                AL - labels,
            ),
        ]
        cases.append((description, [mismatch("dZ", got, expected, mistakes)]))
    run("softmax_cost_backward", cases)


# ---- §4, the framework assignment in PyTorch -----------------------------------------------------
# torch is imported inside these checks, not at the top: every notebook's `from course_lib import
# checks` would otherwise pay for it (0.7 s). PyTorch takes examples as rows: X (m, n_x), the
# logits and the one-hot labels (m, C).


def _numpy(value):
    """A torch tensor as a float64 NumPy copy for mismatch (other values unchanged)."""
    import torch

    if isinstance(value, torch.Tensor):
        return value.detach().cpu().double().numpy()
    return value


def _failed(name, description, problem):
    return CheckFailed(f"✗ {name} fails on {description}:\n  {problem}")


def check_one_hot_matrix(one_hot_matrix):
    """c2w3: the one-hot matrix (m, C) of m integer labels in 0 … C−1, one row per example as
    PyTorch takes them, in floats (the cross-entropy's targets)."""
    import torch

    inputs = [
        ("labels [1, 0, 3, 1] with C = 5 (no label is 4)", [1, 0, 3, 1], 5),
        ("a single example, label [2] with C = 4", [2], 4),
        ("12 labels with C = 10", [3, 7, 0, 9, 1, 8, 2, 6, 4, 5, 9, 0], 10),
    ]
    cases = []
    for description, values, C in inputs:
        labels = torch.tensor(values, dtype=torch.int64)
        given = labels.clone()
        got = call("one_hot_matrix", one_hot_matrix, given, C)
        if not torch.equal(given, labels):
            raise _failed(
                "one_hot_matrix", description, "it changed `labels` in place: build a new tensor"
            )
        m = len(values)
        if not isinstance(got, torch.Tensor):
            raise _failed(
                "one_hot_matrix",
                description,
                f"it returned a {type(got).__name__}: return a torch tensor, built with torch ops "
                "(torch.nn.functional.one_hot or torch.eye(C)[labels]), as the network's targets",
            )
        shape = tuple(got.shape)
        problem = None
        if shape == (C, m):
            problem = (
                f"its shape is (C, m) = {shape}, our NumPy layout with examples as columns: "
                f"PyTorch takes examples as rows, one row per label, (m, C) = ({m}, {C})"
            )
        elif shape == (m, max(values) + 1) and max(values) + 1 != C:
            problem = (
                f"its shape is {shape}: C is taken from the labels (labels.max() + 1 = "
                f"{max(values) + 1}) instead of the argument C = {C} — a mini-batch need not hold "
                "every class: pass num_classes=C"
            )
        elif shape != (m, C):
            problem = f"its shape is {shape}, expected (m, C) = ({m}, {C}), one row per label"
        elif not got.is_floating_point():
            problem = (
                f"it holds integers ({got.dtype}, what F.one_hot returns): convert it to floats "
                "(.float()) — the cross-entropy takes the rows as probabilities, floats like ŷ"
            )
        if problem:
            cases.append((description, [problem]))
            continue
        expected = torch.eye(C, dtype=torch.float64)[labels]
        mistakes = [("each row's 1 is at column labels[i] − 1", torch.roll(expected, -1, 1))]
        cases.append(
            (
                description,
                [
                    mismatch(
                        "the one-hot matrix",
                        _numpy(got),
                        expected.numpy(),
                        [(d, _numpy(v)) for d, v in mistakes],
                    )
                ],
            )
        )
    run("one_hot_matrix", cases)


def _linear_problem(network, sizes):
    """None when linear1, linear2, linear3 are nn.Linear of the sizes (n_x, n_h1, n_h2, n_y) and
    hold all the parameters; else what is wrong."""
    import torch

    dims = [(sizes[0], sizes[1]), (sizes[1], sizes[2]), (sizes[2], sizes[3])]
    for l, (n_in, n_out) in enumerate(dims, start=1):
        layer = getattr(network, f"linear{l}", None)
        if layer is None:
            return (
                f"it has no attribute linear{l}: name the layers self.linear1, self.linear2 and "
                "self.linear3 (the check sets their weights)"
            )
        if not isinstance(layer, torch.nn.Linear):
            return (
                f"linear{l} is a {type(layer).__name__}, not an nn.Linear: keep the activations "
                "out of it and apply them in forward"
            )
        got = (layer.in_features, layer.out_features)
        if got != (n_in, n_out):
            hint = (
                " — the arguments are swapped: nn.Linear(in_features, out_features)"
                if got == (n_out, n_in)
                else " — take the sizes from the arguments n_x, n_h1, n_h2, n_y"
            )
            return f"linear{l} is nn.Linear{got}, expected nn.Linear{(n_in, n_out)}{hint}"
        if layer.bias is None:
            return f"linear{l} has no bias: keep bias=True, the b of Z = W A + b"
    count = sum(p.numel() for p in network.parameters())
    expected = sum((n_in + 1) * n_out for n_in, n_out in dims)
    if count != expected:
        return (
            f"it has {count} parameters, expected {expected}: only linear1, linear2 and linear3 "
            "hold parameters"
        )
    return None


def check_ThreeLayerNet(ThreeLayerNet):
    """c2w3: LINEAR → RELU → LINEAR → RELU → LINEAR in an nn.Module with layers linear1, linear2,
    linear3, returning the logits Z[3] (m, n_y) for X (m, n_x); compared in float64 with seeded
    weights."""
    import torch
    import torch.nn.functional as F

    inputs = [
        ("ThreeLayerNet(5, 4, 3, 2) on X of shape (6, 5)", (5, 4, 3, 2), 6),
        (
            "ThreeLayerNet(64, 25, 12, 10), the digits' sizes, on X of shape (3, 64)",
            (64, 25, 12, 10),
            3,
        ),
        ("ThreeLayerNet(3, 7, 5, 4) on a single example, X of shape (1, 3)", (3, 7, 5, 4), 1),
    ]
    generator = torch.Generator().manual_seed(36)
    cases = []
    for description, sizes, m in inputs:
        network = call("ThreeLayerNet", ThreeLayerNet, *sizes)
        if not isinstance(network, torch.nn.Module):
            raise _failed(
                "ThreeLayerNet",
                description,
                f"ThreeLayerNet{sizes} is a {type(network).__name__}: the class must subclass "
                "torch.nn.Module",
            )
        problem = _linear_problem(network, sizes)
        if problem:
            raise _failed("ThreeLayerNet", description, problem)
        network = network.double()
        weights = []
        with torch.no_grad():
            for l in (1, 2, 3):
                layer = getattr(network, f"linear{l}")
                W = torch.randn(layer.weight.shape, generator=generator, dtype=torch.float64)
                b = torch.randn(layer.bias.shape, generator=generator, dtype=torch.float64)
                layer.weight.copy_(W)
                layer.bias.copy_(b)
                weights.append((W, b))
        X = 2 * torch.randn(m, sizes[0], generator=generator, dtype=torch.float64)
        given = X.clone()
        got = call("ThreeLayerNet", network, given)
        if not torch.equal(given, X):
            raise _failed(
                "ThreeLayerNet",
                description,
                "forward changed X in place (relu_ or +=): use torch.relu / new tensors",
            )
        (W1, b1), (W2, b2), (W3, b3) = weights
        Z1 = F.linear(X, W1, b1)
        Z2 = F.linear(torch.relu(Z1), W2, b2)
        Z3 = F.linear(torch.relu(Z2), W3, b3)
        mistakes = [
            *softmax_output_mistakes(Z3, "Z[3]"),
            (
                "a ReLU follows the last layer: it ends with LINEAR, the logits can be negative",
                torch.relu(Z3),
            ),
            (
                "the ReLU after linear1 is missing",
                F.linear(torch.relu(F.linear(Z1, W2, b2)), W3, b3),
            ),
            ("the ReLU after linear2 is missing", F.linear(Z2, W3, b3)),
            (
                "the hidden layers use a sigmoid: LINEAR → RELU → LINEAR → RELU → LINEAR",
                F.linear(torch.sigmoid(F.linear(torch.sigmoid(Z1), W2, b2)), W3, b3),
            ),
        ]
        cases.append(
            (
                description,
                [
                    mismatch(
                        "the logits Z[3]",
                        _numpy(got),
                        Z3.numpy(),
                        [(d, _numpy(v)) for d, v in mistakes],
                    )
                ],
            )
        )
    run("ThreeLayerNet", cases)


def check_compute_total_loss(compute_total_loss):
    """c2w3: the total cross-entropy of a mini-batch, Σ_i −Σ_j y_ij log softmax(z_i)_j, from the
    logits (m, C) and one-hot labels (m, C): a 0-d tensor that backward() can start from."""
    import torch
    import torch.nn.functional as F

    inputs = [
        ("logits and one-hot labels of shape (5, 3)", 5, 3, 1.0),
        ("a single example, logits and labels of shape (1, 4)", 1, 4, 1.0),
        ("large logits (up to ±60), shape (6, 10)", 6, 10, 20.0),
    ]
    generator = torch.Generator().manual_seed(37)
    cases = []
    for description, m, C, scale in inputs:
        logits = scale * torch.randn(m, C, generator=generator, dtype=torch.float64)
        classes = torch.randint(0, C, (m,), generator=generator)
        labels = F.one_hot(classes, C).double()
        given_logits, given_labels = logits.clone().requires_grad_(True), labels.clone()
        got = call("compute_total_loss", compute_total_loss, given_logits, given_labels)
        if not (torch.equal(given_logits.detach(), logits) and torch.equal(given_labels, labels)):
            raise _failed(
                "compute_total_loss",
                description,
                "it changed its inputs in place: build new tensors",
            )
        if not isinstance(got, torch.Tensor):
            raise _failed(
                "compute_total_loss",
                description,
                f"it returned a {type(got).__name__}: return the tensor itself (no .item(), "
                "float(…) or .numpy()) — the training loop calls .backward() on it",
            )
        if got.numel() != 1:
            hint = (
                f": those are the {m} losses, one per example — the total loss is their sum"
                if tuple(got.shape) == (m,)
                else ""
            )
            raise _failed(
                "compute_total_loss",
                description,
                f"it returned a tensor of shape {tuple(got.shape)}, expected one number{hint}",
            )
        if got.grad_fn is None:
            raise _failed(
                "compute_total_loss",
                description,
                "its result is cut off from the logits (.detach(), .item() or a new "
                "torch.tensor(…)): backward() would not reach the network's weights",
            )
        expected = F.cross_entropy(logits, labels, reduction="sum")
        log_softmax = torch.log_softmax(logits, dim=1)
        mistakes = [
            (
                "it averages over the examples (reduction='mean', F.cross_entropy's default): "
                "compute_total_loss is the SUM over the mini-batch; the training loop divides the "
                "epoch's total by m",
                expected / m,
            ),
            (
                "it averages over all m·C entries: sum −y log ŷ over the classes and the examples",
                expected / (m * C),
            ),
            (
                "a softmax is applied before F.cross_entropy, which applies the log-softmax "
                "itself: pass it the logits",
                F.cross_entropy(torch.softmax(logits, dim=1), labels, reduction="sum"),
            ),
            (
                "the arguments are swapped: F.cross_entropy(input, target) takes the logits "
                "first, then the labels",
                F.cross_entropy(labels, logits, reduction="sum"),
            ),
            (
                "it takes −z of the true class without the log-softmax (F.nll_loss expects "
                "log-probabilities): use F.cross_entropy on the logits",
                -(labels * logits).sum(),
            ),
            (
                "the minus sign is missing: −Σ y log ŷ is positive",
                (labels * log_softmax).sum(),
            ),
            (
                "it is the binary cross-entropy (BCE), one yes/no per class: softmax's loss is "
                "−Σ_j y_j log ŷ_j",
                F.binary_cross_entropy_with_logits(logits, labels, reduction="sum"),
            ),
        ]
        problem = mismatch(
            "the total loss",
            float(got.item()),
            float(expected),
            [(d, float(v)) for d, v in mistakes],
        )
        if problem is None:
            got.backward()
            gradient = torch.softmax(logits, dim=1) - labels
            if given_logits.grad is None or not torch.allclose(given_logits.grad, gradient):
                problem = (
                    "the value is right but its gradient is not ŷ − y: build it from the logits "
                    "with torch operations only"
                )
        cases.append((description, [problem]))
    run("compute_total_loss", cases)


# the reference loop's variants, and what the check says when the learner's loop matches one
_MODEL_MISTAKES = {
    "no zero_grad": (
        "the gradients accumulate from one mini-batch to the next: call optimizer.zero_grad() "
        "before each loss.backward() (backward adds to .grad)"
    ),
    "mean backward": (
        "it calls backward() on the mean loss (total / batch size): the course backpropagates the "
        "total, compute_total_loss — with Adam the two differ only through ε, yet they differ"
    ),
    "mean loss": (
        "its loss is the mean over the mini-batch, for backward() and for the cost: use "
        "compute_total_loss, the sum, for both"
    ),
    "mean cost": (
        "the epoch's cost adds each mini-batch's mean loss: add the total loss (loss.item()) and "
        "divide the epoch's total by m"
    ),
    "over batches": (
        "the epoch's total is divided by the number of mini-batches: the cost divides it by m, "
        "the number of examples"
    ),
    "no shuffle": "the mini-batches are not shuffled: DataLoader(…, shuffle=True, generator=…)",
    "global rng": (
        "the DataLoader shuffles with PyTorch's global random state: pass "
        "generator=torch.Generator().manual_seed(seed), so that the batches depend on seed alone"
    ),
    "global seeded": (
        "the DataLoader shuffles with the global random state seeded by torch.manual_seed(seed): "
        "pass it its own generator=torch.Generator().manual_seed(seed) instead"
    ),
    "reseeded": (
        "every epoch sees the same mini-batches: the generator is seeded again each epoch — "
        "create the DataLoader and its generator once, before the loop over the epochs"
    ),
    "default lr": "Adam runs with its default lr = 0.001: pass lr=learning_rate",
    "optimizer per epoch": (
        "Adam is created anew every epoch, forgetting its averages and its step count t: create "
        "it once, before the loop over the epochs"
    ),
}
_GLOBAL_SEED = 1234  # the global torch state while the learner's loop runs (restored afterwards)


def _reference_training(X, Y, network, learning_rate, num_epochs, batch_size, seed, mistake=None):
    """The course's loop (Adam on the summed loss; cost = epoch total / m), or one of
    _MODEL_MISTAKES; returns the costs and the trained parameters."""
    import torch
    import torch.nn.functional as F

    dataset = torch.utils.data.TensorDataset(X, Y)

    def loader():
        generator = None if "global" in mistake_ else torch.Generator().manual_seed(seed)
        return torch.utils.data.DataLoader(
            dataset, batch_size, shuffle=mistake_ != "no shuffle", generator=generator
        )

    mistake_ = mistake or ""
    if mistake_ == "global seeded":
        torch.manual_seed(seed)
    batches = loader()

    def adam():
        lr = 0.001 if mistake_ == "default lr" else learning_rate
        return torch.optim.Adam(network.parameters(), lr=lr)

    optimizer = adam()
    costs = []
    for _ in range(num_epochs):
        if mistake_ == "reseeded":
            batches = loader()
        if mistake_ == "optimizer per epoch":
            optimizer = adam()
        total = 0.0
        for X_batch, Y_batch in batches:
            if mistake_ != "no zero_grad":
                optimizer.zero_grad()
            loss = F.cross_entropy(network(X_batch), Y_batch, reduction="sum")
            size = X_batch.shape[0]
            (loss / size if mistake_ in ("mean backward", "mean loss") else loss).backward()
            optimizer.step()
            total += loss.item() / (size if mistake_ in ("mean cost", "mean loss") else 1)
        costs.append(total / (len(batches) if mistake_ == "over batches" else X.shape[0]))
    return np.array(costs), [p.detach().clone() for p in network.parameters()]


def _variant(initial, training, mistake=None):
    """_reference_training from a copy of the initial network, training = (X, Y, learning_rate,
    num_epochs, batch_size, seed), with the global torch state the learner's loop had."""
    import copy

    import torch

    X, Y, *settings = training
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(_GLOBAL_SEED)
        return _reference_training(X, Y, copy.deepcopy(initial), *settings, mistake)


def _same_run(costs, weights, other_costs, other_weights):
    """Whether two float64 training runs agree to rounding."""
    close = lambda a, b: np.allclose(a, b, rtol=1e-9, atol=1e-12)  # noqa: E731
    return close(costs, other_costs) and all(
        close(_numpy(a), _numpy(b)) for a, b in zip(weights, other_weights, strict=True)
    )


def check_train_model(train_model):
    """c2w3: the course's training loop in PyTorch — shuffled mini-batches from a DataLoader with
    a seeded generator, Adam on compute_total_loss, costs per epoch = total / m — against a
    reference loop, in float64 on the CPU."""
    import copy

    import torch

    inputs = [
        ("10 examples in mini-batches of 4 (the last has 2), 3 epochs", 10, 4, 3, 0.02, 0),
        ("8 examples in one mini-batch of 8, 2 epochs", 8, 8, 2, 0.05, 1),
        ("9 examples in mini-batches of 3, 2 epochs, seed = 5", 9, 3, 2, 0.01, 5),
    ]
    generator = torch.Generator().manual_seed(38)
    cases = []
    for description, m, batch_size, num_epochs, learning_rate, seed in inputs:
        n_x, C = 4, 3
        X = torch.randn(m, n_x, generator=generator, dtype=torch.float64)
        X[:, 0] *= 1e-6  # a nearly constant input (a border pixel): there Adam's ε matters
        Y = torch.nn.functional.one_hot(torch.randint(0, C, (m,), generator=generator), C)
        Y = Y.double()
        initial = torch.nn.Sequential(
            torch.nn.Linear(n_x, 5), torch.nn.ReLU(), torch.nn.Linear(5, C)
        ).double()
        with torch.no_grad():
            for p in initial.parameters():
                p.copy_(torch.randn(p.shape, generator=generator, dtype=torch.float64))
        network, X_given, Y_given = copy.deepcopy(initial), X.clone(), Y.clone()
        arguments = (X_given, Y_given, network, learning_rate, num_epochs, batch_size, seed)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(_GLOBAL_SEED)
            got = call("train_model", train_model, *arguments)
        if not (torch.equal(X_given, X) and torch.equal(Y_given, Y)):
            raise _failed("train_model", description, "it changed X_train or Y_train in place")
        if not isinstance(got, tuple) or len(got) != 2:
            kind = f"a tuple of {len(got)}" if isinstance(got, tuple) else type(got).__name__
            raise _failed(
                "train_model",
                description,
                f"it returned {kind}: return network, costs (in that order)",
            )
        trained, costs = got
        if isinstance(costs, torch.nn.Module) and not isinstance(trained, torch.nn.Module):
            raise _failed(
                "train_model",
                description,
                "it returned costs, network: return network, costs (the trained network first, "
                "as the course's model returns its parameters first)",
            )
        if not isinstance(trained, torch.nn.Module):
            raise _failed(
                "train_model",
                description,
                f"its first result is a {type(trained).__name__}, not the trained network",
            )
        n_batches = -(-m // batch_size)
        if len(costs) != num_epochs:
            hint = (
                ": one per mini-batch — append once per epoch, after the loop over the batches"
                if len(costs) == num_epochs * n_batches
                else ""
            )
            raise _failed(
                "train_model",
                description,
                f"costs has {len(costs)} entries, expected {num_epochs}, one per epoch{hint}",
            )
        if any(isinstance(c, torch.Tensor) and c.requires_grad for c in costs):
            raise _failed(
                "train_model",
                description,
                "costs holds tensors, each keeping its whole graph alive: add loss.item(), a "
                "Python float, to the epoch's total",
            )
        costs = np.array([float(c) for c in costs])
        weights = list(trained.parameters())

        training = (X, Y, learning_rate, num_epochs, batch_size, seed)
        expected_costs, expected_weights = _variant(initial, training)
        if _same_run(costs, weights, expected_costs, expected_weights):
            cases.append((description, []))
            continue
        problem = None
        if all(torch.equal(a, b) for a, b in zip(weights, initial.parameters(), strict=True)):
            if all(p.grad is None for p in trained.parameters()):
                problem = (
                    "the weights never changed and hold no gradients: each mini-batch needs "
                    "loss.backward() before optimizer.step() (and zero_grad() before backward, "
                    "not between them)"
                )
            else:
                problem = (
                    "the weights never changed although the gradients are there: call "
                    "optimizer.step() after loss.backward() (Adam given network.parameters())"
                )
        for mistake, message in _MODEL_MISTAKES.items():
            if problem is None and _same_run(costs, weights, *_variant(initial, training, mistake)):
                problem = message
        if problem is None:
            if np.allclose(costs, expected_costs, rtol=1e-9, atol=1e-12):
                problem = "the costs are right but the trained weights differ from the reference's"
            else:
                problem = mismatch("costs", costs, expected_costs)
        cases.append((description, [problem]))
    run("train_model", cases)
