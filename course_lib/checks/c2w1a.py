"""Checks for c2w1a, regularization (the L2 cost and gradient, inverted dropout in one layer and in
the course's 3-layer network)."""

import numpy as np

from course_lib import activations, losses, network, regularization
from course_lib.checks.framework import CheckFailed, call, entry, mismatch, run

__all__ = [
    "check_compute_cost_with_regularization",
    "check_backward_propagation_with_regularization",
    "check_dropout_forward",
    "check_dropout_backward",
    "check_forward_propagation_with_dropout",
    "check_backward_propagation_with_dropout",
]

PLAIN_CACHE = ("Z1", "A1", "W1", "b1", "Z2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
DROPOUT_CACHE = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")


def _three_layer_case(rng, m):
    """A [3, 2, 3, 1] network's W/b and a sigmoid output A3 (1, m) with 0/1 labels, for the c2w1
    checks."""
    parameters = {}
    for l, (n, n_prev) in enumerate(((2, 3), (3, 2), (1, 3)), start=1):
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev))
        parameters[f"b{l}"] = rng.standard_normal((n, 1))
    A3 = activations.sigmoid(rng.standard_normal((1, m)))
    Y = (rng.random((1, m)) > 0.5) * 1.0
    return A3, Y, parameters


def check_compute_cost_with_regularization(compute_cost_with_regularization):
    """c2w1a: J = cross-entropy + (λ / 2m) Σ_l ‖W[l]‖²_F for several λ and m."""
    rng = np.random.default_rng(21)
    cases = []
    for lambd, m in ((0.1, 5), (0.7, 12), (0.0, 4), (2.0, 1)):
        A3, Y, parameters = _three_layer_case(rng, m)
        got = call(
            "compute_cost_with_regularization",
            compute_cost_with_regularization,
            A3.copy(),
            Y.copy(),
            {k: v.copy() for k, v in parameters.items()},
            lambd,
        )
        cross_entropy = losses.compute_cost(A3, Y)
        squares = sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
        with_b = squares + sum(np.sum(parameters[f"b{l}"] ** 2) for l in (1, 2, 3))
        norms = sum(np.linalg.norm(parameters[f"W{l}"]) for l in (1, 2, 3))
        mistakes = [
            ("the factor is λ/m instead of λ/(2m)", cross_entropy + lambd / m * squares),
            ("the factor is λ/2 (the 1/m is missing)", cross_entropy + lambd / 2 * squares),
            (
                "the b[l] are penalized too (only the W[l] are)",
                cross_entropy + lambd / (2 * m) * with_b,
            ),
            (
                "‖W‖_F is not squared (use np.sum(np.square(W)))",
                cross_entropy + lambd / (2 * m) * norms,
            ),
            ("the penalty is left out", cross_entropy),
            (
                "only the penalty is returned (add the cross-entropy cost)",
                lambd / (2 * m) * squares,
            ),
            ("λ/2*m multiplies by m: write λ / (2 * m)", cross_entropy + lambd / 2 * m * squares),
            (
                "W3 is left out of the sum (range(1, 3) stops at 2)",
                cross_entropy + lambd / (2 * m) * (squares - np.sum(parameters["W3"] ** 2)),
            ),
        ]
        expected = losses.compute_cost_with_regularization(A3, Y, parameters, lambd)
        cases.append(
            (
                f"λ = {lambd}, m = {m}",
                [mismatch("the cost", got, expected, mistakes if lambd else [])],
            )
        )
    run("compute_cost_with_regularization", cases)


def check_dropout_forward(dropout_forward):
    """c2w1a: inverted dropout — D is a 0/1 mask drawn from rng with P(1) = keep_prob,
    A · D / keep_prob returned."""
    cases = []
    for shape, keep_prob in (((400, 250), 0.8), ((300, 200), 0.5), ((3, 4), 1.0)):
        A = np.random.default_rng(5).standard_normal(shape)
        got = call(
            "dropout_forward", dropout_forward, A.copy(), keep_prob, np.random.default_rng(3)
        )
        description = f"A of shape {shape}, keep_prob = {keep_prob}"
        if not isinstance(got, tuple) or len(got) != 2:
            raise CheckFailed(
                f"✗ dropout_forward on {description} must return a pair (A, D); got "
                f"{type(got).__name__}"
            )
        A_dropped, D = (np.asarray(x, dtype=float) for x in got)
        problems = []
        if np.isin(A_dropped, (0.0, 1.0)).all() and not np.isin(D, (0.0, 1.0)).all():
            problems.append(
                "the pair is in the wrong order: return A, D (the dropped-out activations first)"
            )
        elif D.shape == (shape[0], 1) and shape[1] > 1:
            problems.append(
                f"D has shape {D.shape}: one draw per unit would drop a unit for every example at "
                "once — draw a mask shaped like A: rng.random(A.shape)"
            )
        elif D.shape != shape:
            problems.append(mismatch("D", D, np.zeros(shape)))
        if not any(problems):
            kept = float(np.mean(D))
            if not np.isin(D, (0.0, 1.0)).all():
                problems.append("D must hold only 0s and 1s: D = (rng.random(A.shape) < keep_prob)")
            elif abs(kept - keep_prob) > 0.02:
                problems.append(
                    f"D keeps {kept:.1%} of the units, expected about keep_prob = {keep_prob:.0%}"
                    + (
                        " — the comparison is the wrong way round: keep a unit where "
                        "rng.random(...) < keep_prob"
                        if abs(kept - (1 - keep_prob)) < 0.02
                        else ""
                    )
                )
            else:
                problems.append(
                    mismatch(
                        "A",
                        A_dropped,
                        A * D / keep_prob,
                        [
                            (
                                "A · D is not divided by keep_prob "
                                "(inverted dropout keeps the expected value)",
                                A * D,
                            ),
                            (
                                "A · D is multiplied by keep_prob instead of divided",
                                A * D * keep_prob,
                            ),
                            ("the mask is not applied to A (multiply by D)", A / keep_prob),
                            ("A is returned unchanged (multiply by D, divide by keep_prob)", A),
                        ],
                    )
                )
                if keep_prob < 1 and not any(problems):
                    again = call(
                        "dropout_forward",
                        dropout_forward,
                        A.copy(),
                        keep_prob,
                        np.random.default_rng(3),
                    )
                    other = call(
                        "dropout_forward",
                        dropout_forward,
                        A.copy(),
                        keep_prob,
                        np.random.default_rng(4),
                    )
                    if np.array_equal(np.asarray(other[1]), np.asarray(D)):
                        problems.append(
                            "two different rng seeds gave the same mask — "
                            "draw D from the `rng` argument"
                        )
                    elif not np.array_equal(np.asarray(again[1]), np.asarray(D)):
                        problems.append(
                            "the same rng seed gave a different mask — draw D from the `rng` "
                            "argument (rng.random), not from np.random"
                        )
        cases.append((description, problems))
    run("dropout_forward", cases)


def check_dropout_backward(dropout_backward):
    """c2w1a: dA[l] := dA[l] · D[l] / keep_prob, with the mask of the forward pass."""
    rng = np.random.default_rng(8)
    cases = []
    for shape, keep_prob in (((4, 5), 0.8), ((3, 1), 0.5), ((2, 6), 1.0)):
        dA = rng.standard_normal(shape)
        D = rng.random(shape) < keep_prob
        got = call("dropout_backward", dropout_backward, dA.copy(), D.copy(), keep_prob)
        expected = regularization.dropout_backward(dA, D, keep_prob)
        mistakes = [
            ("dA · D is not divided by keep_prob", dA * D),
            ("dA · D is multiplied by keep_prob instead of divided", dA * D * keep_prob),
            (
                "the dropped units are kept and the kept ones dropped (use D, not 1 − D)",
                dA * (1 - D) / keep_prob,
            ),
            ("dA is divided by keep_prob but the mask D is not applied", dA / keep_prob),
        ]
        cases.append(
            (
                f"dA of shape {shape}, keep_prob = {keep_prob}",
                [mismatch("dA", got, expected, mistakes if keep_prob < 1 else [])],
            )
        )
    run("dropout_backward", cases)


# ---- the course's 3-layer network LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID ---------------


def _course_network(rng, layer_dims, m):
    """Xavier-scaled W, small b for layer_dims [n0, n1, n2, 1]; inputs X (n0, m), 0/1 labels Y."""
    parameters = {}
    for l in (1, 2, 3):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((n, 1))
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) < 0.5) * 1.0
    return parameters, X, Y


def _unpack(cache):
    """The course's cache as a dict of its names; D1, D2 are None in a plain cache."""
    names = DROPOUT_CACHE if len(cache) == 14 else PLAIN_CACHE
    return {"D1": None, "D2": None} | dict(zip(names, cache, strict=True))


def _backward_with(
    X,
    Y,
    cache,
    keep_prob=1.0,
    l2=0.0,
    l2_on_db=False,
    relu_prime="Z",
    mask="dA",
    scale="divide",
    swap_masks=False,
):
    """The course's backward pass, written out, with one chosen mistake: l2 · W[l] added to dW[l]
    (and l2 · b[l] to db[l] with l2_on_db); ReLU′ taken as 1{Z > 0} or as A itself ("A"); with a
    mask cache the masks applied to dA[l] ("dA"), to dZ[l] ("dZ") or not at all ("none"), with the
    factor 1/keep_prob ("divide"), keep_prob ("times") or 1 ("none"), each layer's own mask or the
    other layer's (swap_masks)."""
    c = _unpack(cache)
    masks = {1: c["D2"], 2: c["D1"]} if swap_masks else {1: c["D1"], 2: c["D2"]}
    factor = {"divide": 1 / keep_prob, "times": keep_prob, "none": 1.0}[scale]
    A = {0: X, 1: c["A1"], 2: c["A2"]}
    m = X.shape[1]
    grads = {"dZ3": c["A3"] - Y}
    for l in (3, 2, 1):
        if l < 3:
            dA = c[f"W{l + 1}"].T @ grads[f"dZ{l + 1}"]
            if mask == "dA" and masks[l] is not None:
                dA = dA * masks[l] * factor
            elif mask == "none" and masks[l] is not None:
                dA = dA * factor
            dZ = dA * (c[f"Z{l}"] > 0 if relu_prime == "Z" else A[l])
            if mask == "dZ" and masks[l] is not None:
                dZ = dZ * masks[l] * factor
            grads[f"dA{l}"], grads[f"dZ{l}"] = dA, dZ
        dZ = grads[f"dZ{l}"]
        grads[f"dW{l}"] = dZ @ A[l - 1].T / m + l2 * c[f"W{l}"]
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m + l2 * l2_on_db * c[f"b{l}"]
    return grads


def _call_with_cache(name, fn, X, Y, cache, number):
    """fn(X, Y, cache, number) on copies, refusing a change to one of the cache's arrays."""
    given = tuple(x.copy() for x in cache)
    got = call(name, fn, X.copy(), Y.copy(), given, number)
    labels = DROPOUT_CACHE if len(cache) == 14 else PLAIN_CACHE
    for label, before, after in zip(labels, cache, given, strict=True):
        if not np.array_equal(before, after):
            raise CheckFailed(
                f"✗ {name} changed {label} of its input `cache` in place (as `{label} *= …` "
                "does): compute new arrays instead, so the forward pass's values stay as they were"
            )
    return got


def _gradient_problems(name, got, expected, variants):
    """One mismatch per key of the gradients, in backprop order, naming the variant it matches."""
    if not isinstance(got, dict):
        raise CheckFailed(
            f"✗ {name} must return the dict gradients with keys {', '.join(GRADIENT_KEYS)}; got "
            f"{type(got).__name__}"
        )
    return [
        entry("gradients", got, key, expected[key], [(d, v[key]) for d, v in variants])
        for key in GRADIENT_KEYS
    ]


REGULARIZATION_CASES = (
    ([3, 2, 3, 1], 5, 0.7),
    ([4, 5, 5, 1], 8, 0.1),
    ([2, 3, 2, 1], 1, 1.5),
    ([3, 4, 2, 1], 6, 0.0),
)


def check_backward_propagation_with_regularization(backward_propagation_with_regularization):
    """c2w1a: the 3-layer network's gradients with dW[l] += (λ/m) W[l], against
    network.three_layer_backward."""
    name = "backward_propagation_with_regularization"
    rng = np.random.default_rng(31)
    cases = []
    for layer_dims, m, lambd in REGULARIZATION_CASES:
        parameters, X, Y = _course_network(rng, layer_dims, m)
        _, cache = network.three_layer_forward(X, parameters)
        got = _call_with_cache(name, backward_propagation_with_regularization, X, Y, cache, lambd)
        expected = network.three_layer_backward(X, Y, cache, lambd)
        variants = [
            ("the L2 term is λ · W[l]: the /m is missing (dW[l] += (λ/m) W[l])", {"l2": lambd}),
            (
                "the L2 term is 2λ/m · W[l]: the derivative of (λ/2m) W² is (λ/m) W, the 2s cancel",
                {"l2": 2 * lambd / m},
            ),
            (
                "the L2 term is λ/(2m) · W[l]: the derivative of (λ/2m) W² is (λ/m) W",
                {"l2": lambd / (2 * m)},
            ),
            (
                "the L2 term is added to db[l] too: only the W[l] are penalized",
                {"l2": lambd / m, "l2_on_db": True},
            ),
            ("the L2 term (λ/m) W[l] is left out of dW[l]", {}),
            (
                "ReLU′ is taken as A[l] itself: it is 1 where A[l] > 0 and 0 elsewhere",
                {"l2": lambd / m, "relu_prime": "A"},
            ),
        ]
        variants = [(d, _backward_with(X, Y, cache, **v)) for d, v in variants]
        cases.append(
            (
                f"a {layer_dims} network, m = {m}, λ = {lambd}",
                _gradient_problems(name, got, expected, variants if lambd else variants[-1:]),
            )
        )
        if any(cases[-1][1]):
            break  # report this case before a later one can fail in another way
    run(name, cases)


# (layer_dims, m, keep_prob, seed); the first has n[1] = n[2], so that code using one layer's mask
# for the other runs, and the check names that mistake rather than a shape error
DROPOUT_CASES = (
    ([4, 5, 5, 1], 10, 0.5, 42),
    ([3, 2, 3, 1], 5, 0.8, 41),
    ([2, 3, 3, 1], 1, 0.7, 43),
)


def _forward_with(
    X, parameters, keep_prob, rng, divide=True, drop_output=False, same_mask=False, reverse=False
):
    """The course's forward pass with dropout, written out, with one chosen mistake: A[l] · D[l] not
    divided by keep_prob, a mask on the output too, D1 reused for layer 2, or the kept units where
    rng.random(...) > keep_prob. Returns A3 and the cache."""
    A, cache, D1 = X, [], None
    for l in (1, 2, 3):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        A = activations.relu(Z) if l < 3 else activations.sigmoid(Z)
        cache.append(Z)
        if l < 3 or drop_output:
            if same_mask and l == 2:
                D = D1
            else:
                U = rng.random(A.shape)
                D = U > keep_prob if reverse else U < keep_prob
            D1 = D if l == 1 else D1
            A = A * D / keep_prob if divide else A * D
            if l < 3:
                cache.append(D)
        cache += [A, W, b]
    return A, tuple(cache)


def _cache_problems(got_cache, expected_cache, variants, relu_A):
    """The forward cache entry by entry: a recognised mistake, an entry in another one's place, or
    a 0/1 mask that is not the one drawn from the rng."""
    order = "(" + ", ".join(DROPOUT_CACHE) + ")"
    problems = []
    for i, label in enumerate(DROPOUT_CACHE):
        mistakes = [(d, v[i]) for d, v in variants]
        if label in ("A1", "A2"):
            mistakes.append(
                (
                    f"the cache holds {label} before dropout: cache the dropped {label} "
                    f"({label} · D{label[1]} / keep_prob), the one the next layer used",
                    relu_A[label],
                )
            )
        problem = mismatch(f"cache[{i}] ({label})", got_cache[i], expected_cache[i], mistakes)
        if problem and "that is what you get" not in problem:
            value = np.asarray(got_cache[i], dtype=float)
            elsewhere = [
                other
                for j, other in enumerate(DROPOUT_CACHE)
                if j != i
                and np.shape(expected_cache[j]) == value.shape
                and np.allclose(value, expected_cache[j], rtol=1e-6, atol=1e-9)
            ]
            if elsewhere:
                problem = (
                    f"cache[{i}] holds {elsewhere[0]}, not {label}: keep the course's order {order}"
                )
            elif label in ("D1", "D2") and value.shape == np.shape(expected_cache[i]):
                if np.isin(value, (0.0, 1.0)).all():
                    problem = (
                        f"{label} is a 0/1 mask, but not the one drawn from `rng`: draw D1, then "
                        "D2, from the rng argument (your dropout_forward(A1, keep_prob, rng) does "
                        "it), not from np.random or a new generator"
                    )
        problems.append(problem)
    return problems


def check_forward_propagation_with_dropout(forward_propagation_with_dropout):
    """c2w1a: the 3-layer forward pass with inverted dropout on A1 and A2, masks D1 then D2 drawn
    from rng, against network.three_layer_forward."""
    name = "forward_propagation_with_dropout"
    order = "(" + ", ".join(DROPOUT_CACHE) + ")"
    cases = []
    for layer_dims, m, keep_prob, seed in DROPOUT_CASES:
        parameters, X, _ = _course_network(np.random.default_rng(seed), layer_dims, m)
        description = f"a {layer_dims} network, m = {m}, keep_prob = {keep_prob}"
        got = call(
            name,
            forward_propagation_with_dropout,
            X.copy(),
            {k: v.copy() for k, v in parameters.items()},
            keep_prob,
            np.random.default_rng(seed + 100),
        )
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise CheckFailed(
                f"✗ {name} on {description} must return the pair A3, cache; got "
                f"{type(got).__name__}"
            )
        A3, got_cache = got
        if not isinstance(got_cache, (tuple, list)) or len(got_cache) != 14:
            count = len(got_cache) if isinstance(got_cache, (tuple, list)) else None
            why = {
                None: f"a {type(got_cache).__name__}",
                12: "12 entries: D1 and D2 are missing",
                15: "15 entries: is there a D3? dropout acts on the hidden layers only",
            }.get(count, f"{count} entries")
            raise CheckFailed(
                f"✗ {name} on {description}: the cache must be the tuple {order}; got {why}"
            )
        expected_A3, expected_cache = network.three_layer_forward(
            X, parameters, keep_prob, np.random.default_rng(seed + 100)
        )
        variants = [
            (
                "A[l] · D[l] is not divided by keep_prob (inverted dropout divides, so the "
                "expected activations stay the same)",
                {"divide": False},
            ),
            (
                "the output layer is dropped too: dropout acts on the hidden layers A1 and A2 "
                "only (A3 is the prediction)",
                {"drop_output": True},
            ),
            (
                "the comparison is the wrong way round: keep a unit where "
                "rng.random(...) < keep_prob",
                {"reverse": True},
            ),
        ]
        if layer_dims[1] == layer_dims[2]:
            variants.append(
                (
                    "A2 is masked with D1: each hidden layer gets its own mask, D2 drawn after D1",
                    {"same_mask": True},
                )
            )
        variants = [
            (d, _forward_with(X, parameters, keep_prob, np.random.default_rng(seed + 100), **v))
            for d, v in variants
        ]
        _, plain_cache = network.three_layer_forward(X, parameters)
        relu_A = {"A1": plain_cache[1], "A2": plain_cache[5]}
        problems = _cache_problems(
            got_cache, expected_cache, [(d, v[1]) for d, v in variants], relu_A
        )
        problems.append(mismatch("A3", A3, expected_A3, [(d, v[0]) for d, v in variants]))
        cases.append((description, problems))
        if any(cases[-1][1]):
            break  # report this case before a later one can fail in another way
    run(name, cases)


def check_backward_propagation_with_dropout(backward_propagation_with_dropout):
    """c2w1a: the 3-layer network's gradients through the masks, dA[l] := dA[l] · D[l] / keep_prob,
    against network.three_layer_backward."""
    name = "backward_propagation_with_dropout"
    cases = []
    for layer_dims, m, keep_prob, seed in DROPOUT_CASES:
        parameters, X, Y = _course_network(np.random.default_rng(seed), layer_dims, m)
        _, cache = network.three_layer_forward(
            X, parameters, keep_prob, np.random.default_rng(seed + 200)
        )
        got = _call_with_cache(name, backward_propagation_with_dropout, X, Y, cache, keep_prob)
        expected = network.three_layer_backward(X, Y, cache, keep_prob=keep_prob)
        variants = [
            (
                "dA[l] · D[l] is not divided by keep_prob (the forward pass divided A[l] by it, so "
                "its gradient is divided too)",
                {"scale": "none"},
            ),
            ("dA[l] · D[l] is multiplied by keep_prob instead of divided", {"scale": "times"}),
            (
                "dA[l] is left unmasked: mask dA[l], not dZ[l] — the gradients hold "
                "dA[l] · D[l] / keep_prob",
                {"mask": "dZ"},
            ),
            ("dA[l] is divided by keep_prob but not masked with D[l]", {"mask": "none"}),
        ]
        if layer_dims[1] == layer_dims[2]:
            variants.append(
                (
                    "dA2 is masked with D1 and dA1 with D2: each layer's gradient takes that "
                    "layer's mask (dA2 with D2, dA1 with D1)",
                    {"swap_masks": True},
                )
            )
        variants = [(d, _backward_with(X, Y, cache, keep_prob, **v)) for d, v in variants]
        cases.append(
            (
                f"a {layer_dims} network, m = {m}, keep_prob = {keep_prob}",
                _gradient_problems(name, got, expected, variants),
            )
        )
        if any(cases[-1][1]):
            break  # report this case before a later one can fail in another way
    run(name, cases)
