"""Checks for the notebooks' exercises: each runs the learner's function on several cases (edge cases
included), compares with course_lib's reference, and explains a failure — which case, expected vs
got, and the usual mistake when the wrong answer matches one.

A check prints "✓ …" when every case passes and raises CheckFailed (an AssertionError) otherwise.
"""
import inspect

import numpy as np

from course_lib import activations, initializers, logistic, losses, regularization
from course_lib.dense import LayerCache, LinearCache, linear_activation_backward
from course_lib.network import L_model_backward, L_model_forward


class CheckFailed(AssertionError):
    """The learner's function gave a wrong answer on one of the cases; the message says which and why."""


def _describe(value):
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return f"{float(value):.6g}"
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=6, threshold=8, edgeitems=2)
        return f"array of shape {value.shape}: {text}"
    return repr(value)


def _mismatch(label, got, expected, mistakes=()):
    """None when got ≈ expected; otherwise a sentence saying what differs and, if recognised, why."""
    if got is None:
        return f"{label} is None — did you forget a `return`?"
    expected_array = np.asarray(expected, dtype=float)
    try:
        got_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"{label} should be numeric like {_describe(expected)}; got {type(got).__name__}"
    if got_array.shape != expected_array.shape:
        hint = ""
        if got_array.shape == expected_array.shape[::-1]:
            hint = " — it looks transposed (check which factor gets the .T)"
        elif expected_array.ndim == 2 and got_array.ndim == 1:
            hint = f" — it is 1-D: keep the second axis (keepdims=True in a sum, or shape {expected_array.shape} when you create it)"
        elif expected_array.ndim == 0 and got_array.size == 1:
            hint = " — it should be a plain number: use float(...) or np.squeeze(...)"
        elif expected_array.ndim == 2 and expected_array.shape[1] == 1 and got_array.ndim == 2 and got_array.shape[0] == 1:
            hint = " — sum over the examples, not the units: np.sum(..., axis=1, keepdims=True)"
        elif got_array.size > expected_array.size:
            hint = " — a broadcast made it too big: check the axis of a sum and the shapes you add"
        return f"{label} has shape {got_array.shape}, expected {expected_array.shape}{hint}"
    if np.allclose(got_array, expected_array, rtol=1e-6, atol=1e-9):
        return None
    values = f"expected {_describe(expected_array)}, got {_describe(got_array)}"
    for description, wrong in mistakes:
        if np.shape(wrong) == got_array.shape and np.allclose(got_array, wrong, rtol=1e-6, atol=1e-9):
            # the recognised mistake first; the values only where they are short enough to read
            shown = f" ({values})" if got_array.size <= 12 else ""
            return f"{label} is wrong{shown} — that is what you get when {description}"
    return f"{label} is wrong: {values}"


def _entry(name, got_dict, key, expected, mistakes=()):
    """_mismatch for got_dict[key], saying so when the key is missing rather than None."""
    if key not in got_dict:
        return f'{name}["{key}"] is missing from the dict you return'
    return _mismatch(f'{name}["{key}"]', got_dict[key], expected, mistakes)


def _run(name, cases):
    """cases: [(case description, [mismatch or None, …]), …]; print ✓ or raise CheckFailed.

    Per case it reports a recognised mistake first, else the first problem in the order given."""
    for description, problems in cases:
        problems = sorted((p for p in problems if p), key=lambda p: "that is what you get" not in p)
        if problems:
            more = f"\n  (and {len(problems) - 1} more wrong value(s) in this case)" if len(problems) > 1 else ""
            raise CheckFailed(f"✗ {name} fails on {description}:\n  {problems[0]}{more}")
    print(f"✓ {name} passes all {len(cases)} cases")


def _shapes(args):
    def shape(a):
        if isinstance(a, dict):
            return "{" + ", ".join(f"{k}: {shape(v)}" for k, v in a.items()) + "}"
        if isinstance(a, (list, tuple)):
            return f"{type(a).__name__} of {len(a)}"
        return str(np.shape(a)) if np.ndim(a) else repr(a)
    return ", ".join(shape(a) for a in args)


def _snapshot(value):
    """A copy of an array or of a dict of arrays, to see afterwards whether the learner's code changed it."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict) and all(isinstance(v, np.ndarray) for v in value.values()):
        return {k: v.copy() for k, v in value.items()}
    return None


def _unchanged(value, snapshot):
    if isinstance(snapshot, np.ndarray):
        return np.array_equal(value, snapshot, equal_nan=True)
    return value.keys() == snapshot.keys() and all(np.array_equal(value[k], snapshot[k], equal_nan=True) for k in snapshot)


def _call(name, fn, *args):
    """fn(*args), with the learner's exceptions turned into a CheckFailed that says what to look at, and a
    CheckFailed if fn changed one of its array (or dict of arrays) inputs in place."""
    snapshots = [_snapshot(arg) for arg in args]
    try:
        result = fn(*args)
    except CheckFailed:
        raise
    except NotImplementedError:
        raise CheckFailed(f"✗ {name} is not written yet: replace the `raise NotImplementedError` with your code") from None
    except Exception as error:
        hint = ""
        text = str(error)
        if "only 0-dimensional" in text or "only length-1" in text or "only size-1" in text:
            hint = "\n  math.exp and friends take one number; use np.exp, np.log, … which work on whole arrays"
        elif isinstance(error, ValueError) and any(word in text for word in ("shape", "broadcast", "aligned", "dimension")):
            hint = (f"\n  a shape mismatch inside your code; the inputs had shapes {_shapes(args)}"
                    " — write each step's shape next to it and compare with the formula")
        raise CheckFailed(f"✗ {name} raised {type(error).__name__}: {error}{hint}") from error
    for position, (arg, snapshot) in enumerate(zip(args, snapshots, strict=True)):
        if snapshot is not None and not _unchanged(arg, snapshot):
            try:
                arg_name = list(inspect.signature(fn).parameters)[position]
            except (TypeError, ValueError, IndexError):
                arg_name = f"argument {position + 1}"
            raise CheckFailed(f"✗ {name} changed its input `{arg_name}` in place (as `{arg_name} -= …` or "
                              f"`{arg_name}[…] = …` do): compute new arrays instead, so the caller's data stay as they were")
    return result


def check_sigmoid(sigmoid):
    """c1w2: σ(z) on scalars, vectors, a matrix, and large |z| without overflow or NaN."""
    inputs = [("z = 0", 0.0), ("z = [-1, 0, 2]", np.array([-1.0, 0.0, 2.0])),
              ("a 2×3 matrix", np.array([[1.0, -2.0, 3.0], [0.5, 0.0, -0.5]])),
              ("large |z| = [-700, 700]", np.array([-700.0, 700.0]))]
    cases = []
    for description, z in inputs:
        with np.errstate(over="ignore"):
            got = _call("sigmoid", sigmoid, np.copy(z) if isinstance(z, np.ndarray) else z)
        expected = activations.sigmoid(z)
        cases.append((description, [_mismatch("σ(z)", got, expected, [
            ("the sign of z is flipped (use np.exp(-z))", activations.sigmoid(-np.asarray(z))),
            ("you return e^(−z) instead of 1 / (1 + e^(−z))", np.exp(-np.asarray(z))),
        ])]))
    _run("sigmoid", cases)


def _propagate_cases():
    yield "the course's example (n_x = 2, m = 3)", (np.array([[1.0], [2.0]]), 2.0,
                                                   np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
                                                   np.array([[1.0, 0.0, 1.0]]))
    rng = np.random.default_rng(7)
    yield "random n_x = 5, m = 20", (rng.standard_normal((5, 1)) * 0.5, 0.3,
                                     rng.standard_normal((5, 20)), (rng.random((1, 20)) > 0.5) * 1.0)
    yield "a single example (m = 1)", (np.array([[0.5], [-0.25]]), -0.1, np.array([[2.0], [1.0]]),
                                       np.array([[0.0]]))
    yield "w = 0 (the initial point)", (np.zeros((3, 1)), 0.0, rng.standard_normal((3, 4)),
                                        np.array([[1.0, 0.0, 0.0, 1.0]]))


def check_propagate(propagate):
    """c1w2: grads {"dw" (n_x, 1), "db"} and cost of logistic regression, against course_lib.logistic."""
    cases = []
    for description, (w, b, X, Y) in _propagate_cases():
        m = X.shape[1]
        expected_grads, expected_cost = logistic.propagate(w, b, X, Y)
        result = _call("propagate", propagate, w.copy(), b, X.copy(), Y.copy())
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], dict)):
            raise CheckFailed("✗ propagate must return (grads, cost) with grads a dict {'dw': …, 'db': …}")
        grads, cost = result
        A = activations.sigmoid(w.T @ X + b)
        cases.append((description, [
            _mismatch("dw", grads.get("dw"), expected_grads["dw"], [
                ("the 1/m is missing", expected_grads["dw"] * m),
                ("it is divided by m twice (np.mean already divides by m)", expected_grads["dw"] / m),
                ("dZ is Y − A instead of A − Y", -expected_grads["dw"]),
            ]),
            _mismatch("db", grads.get("db"), expected_grads["db"], [
                ("the 1/m is missing", expected_grads["db"] * m),
                ("it is divided by m twice (np.mean already divides by m)", expected_grads["db"] / m),
                ("dZ is Y − A instead of A − Y", -expected_grads["db"]),
            ]),
            _mismatch("cost", cost, expected_cost, [
                ("the 1/m is missing", expected_cost * m),
                ("it is divided by m twice (np.mean already divides by m)", expected_cost / m),
                ("the minus sign is missing", -expected_cost),
                ("the loss for y = 0 uses log(a) instead of log(1 − a)",
                 float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(A)) / m)),
            ]),
        ]))
    _run("propagate", cases)


TWO_LAYER_CASES = [("n_x = 2, n_h = 4, m = 3", (2, 4, 3)), ("n_x = 3, n_h = 1, m = 5", (3, 1, 5)),
                   ("a single example (m = 1)", (2, 3, 1))]


def _two_layer_case(rng, n_x, n_h, m):
    """Random parameters, X, Y and the course's dict cache {"Z1", "A1", "Z2", "A2"}, plus course_lib's caches."""
    parameters = {"W1": rng.standard_normal((n_h, n_x)), "b1": rng.standard_normal((n_h, 1)),
                  "W2": rng.standard_normal((1, n_h)), "b2": rng.standard_normal((1, 1))}
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5) * 1.0
    A2, caches = L_model_forward(X, parameters, "tanh", "sigmoid")
    Z1, Z2 = caches[0].activation_cache, caches[1].activation_cache
    cache = {"Z1": Z1, "A1": caches[1].linear_cache.A_prev, "Z2": Z2, "A2": A2}
    return parameters, cache, X, Y, caches


def check_forward_propagation(forward_propagation):
    """c1w3: forward_propagation(X, parameters) → A2 (1, m) and cache {"Z1", "A1", "Z2", "A2"} of the 2-layer tanh/sigmoid network."""
    rng = np.random.default_rng(5)
    cases = []
    for description, dims in TWO_LAYER_CASES:
        parameters, cache, X, _, _ = _two_layer_case(rng, *dims)
        result = _call("forward_propagation", forward_propagation, X.copy(),
                       {k: v.copy() for k, v in parameters.items()})
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], dict)):
            raise CheckFailed("✗ forward_propagation must return (A2, cache) with cache a dict {'Z1', 'A1', 'Z2', 'A2'}")
        A2, got_cache = result
        problems = [_entry("cache", got_cache, key, cache[key], [
            ("the hidden layer uses sigmoid instead of tanh", activations.sigmoid(cache["Z1"]))])
            for key in ("Z1", "A1", "Z2", "A2")]  # in computation order: the first wrong one is the bug
        problems.append(_mismatch("the returned A2", A2, cache["A2"], [
            ("the output uses tanh instead of sigmoid", np.tanh(cache["Z2"]))]))
        cases.append((description, problems))
    _run("forward_propagation", cases)


def check_backward_propagation(backward_propagation):
    """c1w3: grads {"dW1", "db1", "dW2", "db2"} of the 2-layer tanh/sigmoid network, against L_model_backward."""
    rng = np.random.default_rng(3)
    cases = []
    for description, dims in TWO_LAYER_CASES:
        parameters, cache, X, Y, caches = _two_layer_case(rng, *dims)
        m = X.shape[1]
        expected = L_model_backward(cache["A2"], Y, caches, "tanh")
        got = _call("backward_propagation", backward_propagation,
                    {k: v.copy() for k, v in parameters.items()}, {k: v.copy() for k, v in cache.items()},
                    X.copy(), Y.copy())
        if not isinstance(got, dict):
            raise CheckFailed("✗ backward_propagation must return a dict {'dW1', 'db1', 'dW2', 'db2'}")
        dZ1_wrong = (parameters["W2"].T @ (cache["A2"] - Y)) * (1 - cache["A1"])
        problems = []
        for key in ("dW2", "db2", "dW1", "db1"):  # backprop order: the first wrong one is the bug
            mistakes = [("the 1/m is missing", expected[key] * m),
                        ("it is divided by m twice (np.mean already divides by m)", expected[key] / m),
                        ("dZ2 is Y − A2 instead of A2 − Y", -expected[key])]
            if key == "dW1":
                mistakes.append(("tanh′ is written 1 − A1 instead of 1 − A1²", dZ1_wrong @ X.T / m))
            problems.append(_entry("grads", got, key, expected[key], mistakes))
        cases.append((description, problems))
    _run("backward_propagation", cases)


def check_initialize_parameters_deep(initialize_parameters_deep):
    """c1w4: shapes W[l] (n[l], n[l−1]), b[l] zeros (n[l], 1), small random W (std ≈ 0.01) drawn from the given rng."""
    cases = []
    for layer_dims in ([5, 4, 3], [12, 20, 7, 5, 1], [2, 1]):
        description = f"layer_dims = {layer_dims}"
        params = _call("initialize_parameters_deep", initialize_parameters_deep, list(layer_dims),
                       np.random.default_rng(1))
        problems = []
        L = len(layer_dims) - 1
        if not isinstance(params, dict) or sorted(params) != sorted(
                [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]):
            raise CheckFailed(f"✗ initialize_parameters_deep on {description} must return the keys W1, b1, …, "
                              f"W{L}, b{L}; got {sorted(params) if isinstance(params, dict) else type(params).__name__}")
        for l in range(1, L + 1):
            shape, expected_shape = np.shape(params[f"W{l}"]), (layer_dims[l], layer_dims[l - 1])
            if shape != expected_shape:
                problems.append(f"W{l} has shape {shape}, expected (n[{l}], n[{l - 1}]) = {expected_shape}" + (
                    " — it looks transposed: W[l] has one row per unit of layer l" if shape == expected_shape[::-1] else ""))
            problems.append(_mismatch(f"b{l}", params[f"b{l}"], np.zeros((layer_dims[l], 1))))
        if not any(problems):
            weights = np.concatenate([params[f"W{l}"].ravel() for l in range(1, L + 1)])
            if np.allclose(weights, 0):
                problems.append("the weights are all zero — every hidden unit would compute the same "
                                "function (symmetry); draw them from rng.standard_normal")
            elif weights.size >= 20 and not 0.005 < weights.std() < 0.02:
                problems.append(f"the weights have standard deviation {weights.std():.3g}; multiply the "
                                "standard normal draw by 0.01")
            else:
                same_seed, other_seed = (_call("initialize_parameters_deep", initialize_parameters_deep,
                                               list(layer_dims), np.random.default_rng(seed)) for seed in (1, 2))
                if np.array_equal(other_seed["W1"], params["W1"]):
                    problems.append("two different rng seeds gave the same W1 — draw from the `rng` argument "
                                    "(rng.standard_normal), not from a fixed seed")
                elif not np.array_equal(same_seed["W1"], params["W1"]):
                    problems.append("the same rng seed gave a different W1 — draw from the `rng` argument "
                                    "(rng.standard_normal), not from np.random, so results are reproducible")
        cases.append((description, problems))
    _run("initialize_parameters_deep", cases)


def _backprop(dAL, caches, output_activation):
    """Grads from a given dA[L] through output_activation, then relu layers (to recognise mistakes)."""
    L = len(caches)
    grads = {}
    dA = dAL
    for l in reversed(range(1, L + 1)):
        activation = output_activation if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def check_L_model_backward(L_model_backward_fn):
    """c1w4: grads of the [LINEAR→RELU]×(L−1)→LINEAR→SIGMOID network, against course_lib's L_model_backward."""
    rng = np.random.default_rng(11)
    cases = []
    for layer_dims, m in (([4, 3, 1], 5), ([5, 4, 3, 2, 1], 7), ([3, 2, 1], 1)):
        parameters = {}
        for l in range(1, len(layer_dims)):
            parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
            parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1))
        X = rng.standard_normal((layer_dims[0], m))
        Y = (rng.random((1, m)) > 0.5) * 1.0
        AL, caches = L_model_forward(X, parameters, "relu", "sigmoid")
        expected = L_model_backward(AL, Y, caches, "relu")
        copied = [LayerCache(LinearCache(*(a.copy() for a in c.linear_cache)), c.activation_cache.copy())
                  for c in caches]
        got = _call("L_model_backward", L_model_backward_fn, AL.copy(), Y.copy(), copied)
        if not isinstance(got, dict):
            raise CheckFailed("✗ L_model_backward must return the grads dict {'dA0', 'dW1', 'db1', …}")
        dAL = -(Y / AL - (1 - Y) / (1 - AL))
        variants = {
            "dA[L] is set to A[L] − Y (that is already dZ[L]; it then goes through σ′ a second time)":
                _backprop(AL - Y, caches, "sigmoid"),
            "the output layer goes through relu instead of sigmoid": _backprop(dAL, caches, "relu"),
        }
        problems = []
        for key, value in expected.items():  # backprop order: the first wrong one is the bug
            mistakes = [("the 1/m is missing", value * m), ("dA[L] has the wrong sign", -value)]
            mistakes += [(description, grads[key]) for description, grads in variants.items()]
            problems.append(_entry("grads", got, key, value, mistakes))
        cases.append((f"layer_dims = {layer_dims}, m = {m}", problems))
    _run("L_model_backward", cases)


def _three_layer_case(rng, m):
    """A [3, 2, 3, 1] network's W/b and a sigmoid output A3 (1, m) with 0/1 labels, for the c2w1 checks."""
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
        got = _call("compute_cost_with_regularization", compute_cost_with_regularization, A3.copy(), Y.copy(),
                    {k: v.copy() for k, v in parameters.items()}, lambd)
        cross_entropy = losses.compute_cost(A3, Y)
        squares = sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
        with_b = squares + sum(np.sum(parameters[f"b{l}"] ** 2) for l in (1, 2, 3))
        norms = sum(np.linalg.norm(parameters[f"W{l}"]) for l in (1, 2, 3))
        mistakes = [("the factor is λ/m instead of λ/(2m)", cross_entropy + lambd / m * squares),
                    ("the factor is λ/2 (the 1/m is missing)", cross_entropy + lambd / 2 * squares),
                    ("the b[l] are penalized too (only the W[l] are)", cross_entropy + lambd / (2 * m) * with_b),
                    ("‖W‖_F is not squared (use np.sum(np.square(W)))", cross_entropy + lambd / (2 * m) * norms),
                    ("the penalty is left out", cross_entropy),
                    ("only the penalty is returned (add the cross-entropy cost)", lambd / (2 * m) * squares),
                    ("λ/2*m multiplies by m: write λ / (2 * m)", cross_entropy + lambd / 2 * m * squares),
                    ("W3 is left out of the sum (range(1, 3) stops at 2)",
                     cross_entropy + lambd / (2 * m) * (squares - np.sum(parameters["W3"] ** 2)))]
        expected = losses.compute_cost_with_regularization(A3, Y, parameters, lambd)
        cases.append((f"λ = {lambd}, m = {m}", [_mismatch("the cost", got, expected, mistakes if lambd else [])]))
    _run("compute_cost_with_regularization", cases)


def check_dropout_forward(dropout_forward):
    """c2w1a: inverted dropout — D is a 0/1 mask drawn from rng with P(1) = keep_prob, A · D / keep_prob returned."""
    cases = []
    for shape, keep_prob in (((400, 250), 0.8), ((300, 200), 0.5), ((3, 4), 1.0)):
        A = np.random.default_rng(5).standard_normal(shape)
        got = _call("dropout_forward", dropout_forward, A.copy(), keep_prob, np.random.default_rng(3))
        description = f"A of shape {shape}, keep_prob = {keep_prob}"
        if not isinstance(got, tuple) or len(got) != 2:
            raise CheckFailed(f"✗ dropout_forward on {description} must return a pair (A, D); got {type(got).__name__}")
        A_dropped, D = (np.asarray(x, dtype=float) for x in got)
        problems = []
        if np.isin(A_dropped, (0.0, 1.0)).all() and not np.isin(D, (0.0, 1.0)).all():
            problems.append("the pair is in the wrong order: return A, D (the dropped-out activations first)")
        elif D.shape == (shape[0], 1) and shape[1] > 1:
            problems.append(f"D has shape {D.shape}: one draw per unit would drop a unit for every example at once — "
                            "draw a mask shaped like A: rng.random(A.shape)")
        elif D.shape != shape:
            problems.append(_mismatch("D", D, np.zeros(shape)))
        if not any(problems):
            kept = float(np.mean(D))
            if not np.isin(D, (0.0, 1.0)).all():
                problems.append("D must hold only 0s and 1s: D = (rng.random(A.shape) < keep_prob)")
            elif abs(kept - keep_prob) > 0.02:
                problems.append(f"D keeps {kept:.1%} of the units, expected about keep_prob = {keep_prob:.0%}" + (
                    " — the comparison is the wrong way round: keep a unit where rng.random(...) < keep_prob"
                    if abs(kept - (1 - keep_prob)) < 0.02 else ""))
            else:
                problems.append(_mismatch("A", A_dropped, A * D / keep_prob, [
                    ("A · D is not divided by keep_prob (inverted dropout keeps the expected value)", A * D),
                    ("A · D is multiplied by keep_prob instead of divided", A * D * keep_prob),
                    ("the mask is not applied to A (multiply by D)", A / keep_prob),
                    ("A is returned unchanged (multiply by D, divide by keep_prob)", A)]))
                if keep_prob < 1 and not any(problems):
                    again = _call("dropout_forward", dropout_forward, A.copy(), keep_prob, np.random.default_rng(3))
                    other = _call("dropout_forward", dropout_forward, A.copy(), keep_prob, np.random.default_rng(4))
                    if np.array_equal(np.asarray(other[1]), np.asarray(D)):
                        problems.append("two different rng seeds gave the same mask — draw D from the `rng` argument")
                    elif not np.array_equal(np.asarray(again[1]), np.asarray(D)):
                        problems.append("the same rng seed gave a different mask — draw D from the `rng` argument "
                                        "(rng.random), not from np.random")
        cases.append((description, problems))
    _run("dropout_forward", cases)


def check_dropout_backward(dropout_backward):
    """c2w1a: dA[l] := dA[l] · D[l] / keep_prob, with the mask of the forward pass."""
    rng = np.random.default_rng(8)
    cases = []
    for shape, keep_prob in (((4, 5), 0.8), ((3, 1), 0.5), ((2, 6), 1.0)):
        dA = rng.standard_normal(shape)
        D = rng.random(shape) < keep_prob
        got = _call("dropout_backward", dropout_backward, dA.copy(), D.copy(), keep_prob)
        expected = regularization.dropout_backward(dA, D, keep_prob)
        mistakes = [("dA · D is not divided by keep_prob", dA * D),
                    ("dA · D is multiplied by keep_prob instead of divided", dA * D * keep_prob),
                    ("the dropped units are kept and the kept ones dropped (use D, not 1 − D)", dA * (1 - D) / keep_prob),
                    ("dA is divided by keep_prob but the mask D is not applied", dA / keep_prob)]
        cases.append((f"dA of shape {shape}, keep_prob = {keep_prob}",
                      [_mismatch("dA", got, expected, mistakes if keep_prob < 1 else [])]))
    _run("dropout_backward", cases)


def check_initialize_parameters_he(initialize_parameters_he):
    """c2w1b: W[l] = rng.standard_normal((n[l], n[l−1])) · √(2 / n[l−1]), b[l] = 0, from the given rng."""
    cases = []
    for layer_dims in ([300, 200, 100, 1], [50, 400, 2], [2, 1]):
        description = f"layer_dims = {layer_dims}"
        params = _call("initialize_parameters_he", initialize_parameters_he, list(layer_dims), np.random.default_rng(1))
        L = len(layer_dims) - 1
        if not isinstance(params, dict) or sorted(params) != sorted(f"{p}{l}" for l in range(1, L + 1) for p in "Wb"):
            raise CheckFailed(f"✗ initialize_parameters_he on {description} must return the keys W1, b1, …, W{L}, b{L}")
        problems = []
        for l in range(1, L + 1):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            W = np.asarray(params[f"W{l}"], dtype=float)
            problems.append(_mismatch(f"b{l}", params[f"b{l}"], np.zeros((n, 1))))
            if W.shape != (n, n_prev):
                problems.append(f"W{l} has shape {W.shape}, expected (n[{l}], n[{l - 1}]) = {(n, n_prev)}")
                continue
            if W.size < 1000:
                continue  # too few weights to judge their spread (with 100 the sample std alone varies by ±7%)
            target = np.sqrt(2.0 / n_prev)
            if abs(W.mean()) > 0.2 * target:
                problems.append(f"W{l} has mean {W.mean():.3g}; the draw must be centred: rng.standard_normal, "
                                "not rng.random (uniform on [0, 1))")
            elif abs(W.std() / target - 1) > 0.06:
                guesses = [("√(1/n[l−1]) (Xavier) instead of √(2/n[l−1])", np.sqrt(1.0 / n_prev)),
                           ("2/n[l−1] without the square root", 2.0 / n_prev),
                           ("n[l] instead of n[l−1] in √(2/n)", np.sqrt(2.0 / n)),
                           ("0.01 (the small-random scale)", 0.01)]
                why = next((f" — that is the scale {text}" for text, scale in guesses
                            if abs(W.std() / scale - 1) < 0.06), "")
                problems.append(f"W{l} has standard deviation {W.std():.3g}, expected √(2/n[{l - 1}]) = {target:.3g}{why}")
        if not any(problems):
            expected = initializers.initialize_parameters_deep(layer_dims, np.random.default_rng(1), "he")
            if not np.allclose(params["W1"], expected["W1"]):
                problems.append("the scale is right but W1 differs from rng.standard_normal((n[1], n[0])) · √(2/n[0]): "
                                "draw from the `rng` argument, layer by layer, one standard_normal call per W[l]")
        cases.append((description, problems))
    _run("initialize_parameters_he", cases)


def check_random_mini_batches(random_mini_batches):
    """c2w2: shuffle X, Y together (from the rng) and cut into batches of mini_batch_size, the last one smaller."""
    cases = []
    for (n_x, m), size in (((3, 148), 64), ((2, 128), 64), ((4, 10), 3), ((1, 5), 8)):
        X = np.arange(n_x * m, dtype=float).reshape(n_x, m)
        Y = (np.arange(m).reshape(1, m) % 2).astype(float)
        got = _call("random_mini_batches", random_mini_batches, X.copy(), Y.copy(), size, np.random.default_rng(0))
        description = f"X {X.shape}, mini_batch_size = {size}"
        if got is None:
            raise CheckFailed("✗ random_mini_batches returned None — did you forget a `return`?")
        if not isinstance(got, list) or not all(isinstance(b, (tuple, list)) and len(b) == 2 for b in got):
            raise CheckFailed(f"✗ random_mini_batches on {description} must return a list of (X_t, Y_t) pairs")
        expected_sizes = [size] * (m // size) + ([m % size] if m % size else [])
        sizes = [np.shape(b[0])[1] if np.ndim(b[0]) == 2 else None for b in got]
        problems = []
        if sizes != expected_sizes:
            rows = [np.shape(b[0])[0] for b in got if np.ndim(b[0]) == 2]
            hint = (" — the last, smaller batch is missing (it holds the m mod mini_batch_size examples left over)"
                    if sizes == expected_sizes[:-1] else
                    " — examples are the columns: slice X[:, k·size:(k+1)·size], and m = X.shape[1]"
                    if None in sizes or (rows and sum(rows) == m) else "")
            problems.append(f"the batch sizes are {sizes}, expected {expected_sizes}{hint}")
        else:
            X_all = np.hstack([b[0] for b in got])
            Y_all = np.hstack([b[1] for b in got])
            columns = X_all[0] / 1.0  # row 0 of X is 0, 1, …, m−1: which example each column is
            order = columns.astype(int)
            if sorted(order) != list(range(m)):
                problems.append("the batches do not hold every example exactly once")
            elif list(order) == list(range(m)) and m > 2:
                problems.append("the examples are not shuffled: permute the columns with rng.permutation(m) first")
            elif not np.array_equal(Y_all, Y[:, order]):
                problems.append("X and Y are shuffled differently: use the same permutation for both")
            elif not np.array_equal(X_all, X[:, order]):
                problems.append("the columns of X are not kept whole")
            else:
                again = _call("random_mini_batches", random_mini_batches, X.copy(), Y.copy(), size, np.random.default_rng(0))
                if not np.array_equal(np.hstack([b[0] for b in again]), X_all):
                    problems.append("the same rng seed gave a different shuffle: draw from the `rng` argument, not np.random")
        cases.append((description, problems))
    _run("random_mini_batches", cases)


def check_update_parameters_with_adam(update_parameters_with_adam):
    """c2w2: one Adam step at t = 1, 2, 10 and 3 (the last with β1, β2, ε other than the defaults), against course_lib's,
    with the usual slips named."""
    from course_lib import optimizers

    rng = np.random.default_rng(4)
    cases = []
    for t, learning_rate, beta1, beta2, epsilon in ((1, 0.01, 0.9, 0.999, 1e-8), (2, 0.1, 0.9, 0.999, 1e-8),
                                                    (10, 0.01, 0.9, 0.999, 1e-8), (3, 0.05, 0.8, 0.99, 1e-2)):
        parameters = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal((3, 1))}
        grads = {"dW1": rng.standard_normal((3, 2)), "db1": rng.standard_normal((3, 1))}
        v = {k: 0.1 * rng.standard_normal(g.shape) for k, g in grads.items()}
        s = {k: 0.1 * rng.random(g.shape) for k, g in grads.items()}
        args = (parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
        got = _call("update_parameters_with_adam", update_parameters_with_adam,
                    *[{k: a.copy() for k, a in x.items()} if isinstance(x, dict) else x for x in args])
        if not isinstance(got, tuple) or len(got) != 3:
            raise CheckFailed("✗ update_parameters_with_adam must return (parameters, v, s)")
        expected = optimizers.update_parameters_with_adam(*args)
        v_new, s_new = expected[1], expected[2]

        def step(v_hat, s_hat, parameters=parameters, learning_rate=learning_rate, epsilon=epsilon):
            return {k: parameters[k] - learning_rate * v_hat["d" + k] / (np.sqrt(s_hat["d" + k]) + epsilon) for k in parameters}

        corrected_s = {k: s_new[k] / (1 - beta2**t) for k in s_new}
        variants = {"there is no bias correction (divide v by 1 − β1^t and s by 1 − β2^t)": step(v_new, s_new),
                    "only v is bias-corrected (divide s by 1 − β2^t too)":
                        step({k: v_new[k] / (1 - beta1**t) for k in v_new}, s_new),
                    "the step goes uphill: W := W − α v̂ / (√ŝ + ε)":
                        {k: 2 * parameters[k] - step({q: v_new[q] / (1 - beta1**t) for q in v_new}, corrected_s)[k]
                         for k in parameters},
                    "the square root of ŝ is missing": {k: parameters[k] - learning_rate * v_new["d" + k] / (1 - beta1**t)
                                                        / (corrected_s["d" + k] + epsilon) for k in parameters},
                    "β1 and β2 are swapped in the bias correction":
                        step({k: v_new[k] / (1 - beta2**t) for k in v_new}, {k: s_new[k] / (1 - beta1**t) for k in s_new}),
                    "the update uses the raw gradient instead of v̂ (the momentum part is missing)": step(grads, corrected_s)}
        if (beta1, beta2, epsilon) != (0.9, 0.999, 1e-8):
            default = optimizers.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, 0.9, 0.999, 1e-8)[0]
            variants["β1, β2 and ε are fixed at 0.9, 0.999, 1e-8 instead of the arguments beta1, beta2, epsilon"] = default
        problems = []
        for key in v_new:
            problems.append(_entry("v", got[1], key, v_new[key], [
                ("the (1 − β1) factor is missing: v = β1·v + (1 − β1)·dW", beta1 * v[key] + grads[key])]))
            problems.append(_entry("s", got[2], key, s_new[key], [
                ("the (1 − β2) factor is missing: s = β2·s + (1 − β2)·dW²", beta2 * s[key] + grads[key] ** 2),
                ("dW is not squared in s", beta2 * s[key] + (1 - beta2) * grads[key])]))
        for key in expected[0]:
            if t == 1 and key in got[0] and not np.all(np.isfinite(np.asarray(got[0][key], dtype=float))):
                problems.append(f'parameters["{key}"] holds NaN or inf at t = 1 — with t − 1 the correction divides by '
                                "1 − β^0 = 0: t already counts the updates from 1")
                continue
            problems.append(_entry("parameters", got[0], key, expected[0][key],
                                   [(text, variant[key]) for text, variant in variants.items()]))
        other = f", β1 = {beta1}, β2 = {beta2}, ε = {epsilon}" if beta1 != 0.9 else ""
        cases.append((f"t = {t}, α = {learning_rate}{other}", problems))
    _run("update_parameters_with_adam", cases)


def check_batchnorm_forward(batchnorm_forward):
    """c2w3: Z̃ = γ (Z − μ) / √(σ² + ε) + β with μ, σ² (n, 1) over the m examples of Z (n, m), for several ε and m."""
    rng = np.random.default_rng(31)
    inputs = [("Z of shape (3, 8), ε = 1e-5", 2 * rng.standard_normal((3, 8)) + 1, 1e-5),
              ("Z of shape (4, 6) with a tiny spread (σ² ≈ 1e-5, as small as ε)", 0.003 * rng.standard_normal((4, 6)), 1e-5),
              ("Z of shape (2, 5), ε = 0.01 (use the epsilon argument)", 0.1 * rng.standard_normal((2, 5)) - 3, 1e-2),
              ("a single example, Z of shape (3, 1)", rng.standard_normal((3, 1)), 1e-5)]
    cases = []
    for description, Z, epsilon in inputs:
        n = Z.shape[0]
        gamma, beta = rng.uniform(0.5, 2.0, (n, 1)), rng.standard_normal((n, 1))
        got = _call("batchnorm_forward", batchnorm_forward, Z.copy(), gamma.copy(), beta.copy(), epsilon)
        if isinstance(got, tuple):
            raise CheckFailed(f"✗ batchnorm_forward on {description} returned a tuple of {len(got)}: return Z̃ alone "
                              "(course_lib's batchnorm.batchnorm_forward also returns its cache, μ and σ²; yours need not)")
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        expected = gamma * (Z - mu) / np.sqrt(var + epsilon) + beta
        with np.errstate(all="ignore"):  # some mistakes divide 0 by 0 when m = 1
            mu0, var0 = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
            mistakes = [
                ("μ and σ² are taken over the units (axis=0) instead of over the examples (axis=1)",
                 gamma * (Z - mu0) / np.sqrt(var0 + epsilon) + beta),
                ("it divides by σ² + ε instead of √(σ² + ε)", gamma * (Z - mu) / (var + epsilon) + beta),
                ("ε is left out: divide by √(σ² + ε), not by σ", gamma * (Z - mu) / np.sqrt(var) + beta),
                ("ε is added outside the square root: divide by √(σ² + ε), not by σ + ε",
                 gamma * (Z - mu) / (np.sqrt(var) + epsilon) + beta),
                ("ε is fixed at 1e-5 instead of the epsilon argument", gamma * (Z - mu) / np.sqrt(var + 1e-5) + beta),
                ("γ and β are swapped: Z̃ = γ z_norm + β", beta * (Z - mu) / np.sqrt(var + epsilon) + gamma),
                ("γ and β are not applied: that is z_norm; Z̃ = γ z_norm + β", (Z - mu) / np.sqrt(var + epsilon)),
                ("σ² is the mean of Z² without subtracting μ first",
                 gamma * (Z - mu) / np.sqrt(np.mean(Z**2, axis=1, keepdims=True) + epsilon) + beta),
            ]
            if Z.shape[1] > 1:
                mistakes.append(("σ² divides by m − 1 (ddof=1); batch norm's σ² is (1/m) Σ (z − μ)²",
                                 gamma * (Z - mu) / np.sqrt(Z.var(axis=1, ddof=1, keepdims=True) + epsilon) + beta))
        if epsilon == 1e-5:
            mistakes = [mistake for mistake in mistakes if "fixed at 1e-5" not in mistake[0]]
        cases.append((description, [_mismatch("Z̃", got, expected, mistakes)]))
    _run("batchnorm_forward", cases)


# ---- Course 3 week 2: multi-task learning ------------------------------------------------------------


def check_multilabel_cost(multilabel_cost):
    """c3w2: J = (1/m) Σ_i Σ_j over labelled entries of −[y log a + (1 − y) log(1 − a)], with "?" labels as NaN in Y (n_y, m)."""
    rng = np.random.default_rng(72)

    def case(n_y, m, missing):
        AL = activations.sigmoid(rng.standard_normal((n_y, m)))
        Y = (rng.random((n_y, m)) < 0.5).astype(float)
        Y[rng.random((n_y, m)) < missing] = np.nan
        return AL, Y

    AL4, Y4 = case(4, 6, 0.4)
    Y4[:, 1] = np.nan  # an example with no label at all
    Y4[0, 0], Y4[1, 0] = 1.0, 0.0
    inputs = [("AL, Y of shape (4, 6) with '?' (NaN) entries, one example fully unlabelled", AL4, Y4),
              ("one label per example (1, 5) and no '?': this must equal compute_cost", *case(1, 5, 0.0)),
              ("AL, Y of shape (3, 8) with about half the labels missing", *case(3, 8, 0.5)),
              ("AL, Y of shape (2, 4) with every label known", *case(2, 4, 0.0))]
    cases = []
    for description, AL, Y in inputs:
        got = _call("multilabel_cost", multilabel_cost, AL.copy(), Y.copy())
        known = ~np.isnan(Y)
        Y0 = np.where(known, Y, 0.0)
        losses = -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL))
        m, n_y = Y.shape[1], Y.shape[0]
        total = np.sum(losses[known])
        with np.errstate(all="ignore"):
            mistakes = [
                ("the '?' entries are counted as label 0: leave them out of the sum instead",
                 np.sum(-(np.log(1 - AL) * ~known) + np.where(known, losses, 0)) / m),
                ("it divides by the number of labelled entries; the lecture's J divides by m, the number of examples",
                 total / max(known.sum(), 1)),
                ("it divides by m · n_y; the lecture's J divides by m only (the labels of one example are summed)",
                 total / (m * n_y)),
                ("the 1/m is missing", total),
                ("the sign is flipped: the loss is −[y log a + (1 − y) log(1 − a)]", -total / m),
                ("it averages the cost of each label over its own labelled examples and sums those",
                 sum(np.sum(losses[j][known[j]]) / max(known[j].sum(), 1) for j in range(n_y))),
            ]
        if got is not None and np.ndim(got) == 0 and np.isnan(float(got)):
            cases.append((description, ["J is NaN — NaN · 0 is still NaN: drop the '?' entries (np.isnan(Y) finds them) "
                                        "before multiplying, e.g. with np.where or a boolean index"]))
            continue
        cases.append((description, [_mismatch("J", got, total / m, mistakes)]))
    _run("multilabel_cost", cases)


# ---- Course 3 week 1 (c3w1): single-number evaluation metric -------------------------------------------


def check_f1_score(f1_score):
    """c3w1: F1 = 2PR / (P + R) for labels y_true, y_pred of shape (1, m), class 1 positive; 0 when P + R = 0."""
    from course_lib import metrics

    def labels(*values):
        return np.array([values], dtype=int)

    inputs = [
        ("y_true = [[1 1 1 1 0 0 0 0 0 0]], y_pred = [[1 1 1 0 1 1 1 0 0 0]] (P = 0.5, R = 0.75)",
         labels(1, 1, 1, 1, 0, 0, 0, 0, 0, 0), labels(1, 1, 1, 0, 1, 1, 1, 0, 0, 0)),
        ("a cautious classifier: y_true = [[1 1 1 1 0 0 0]], y_pred = [[1 0 0 0 0 0 0]] (P = 1, R = 0.25)",
         labels(1, 1, 1, 1, 0, 0, 0), labels(1, 0, 0, 0, 0, 0, 0)),
        ("40 random labels (P ≠ R)", *(lambda rng: (rng.integers(0, 2, (1, 40)), rng.integers(0, 2, (1, 40))))(
            np.random.default_rng(5))),
        ("a classifier that never says 1: y_true = [[1 0 1 0]], y_pred = [[0 0 0 0]] (TP + FP = 0)",
         labels(1, 0, 1, 0), labels(0, 0, 0, 0)),
        ("a perfect classifier: y_true = y_pred = [[0 1 1 0 1]]", labels(0, 1, 1, 0, 1), labels(0, 1, 1, 0, 1)),
    ]
    cases = []
    for description, y_true, y_pred in inputs:
        try:
            got = _call("f1_score", f1_score, y_true.copy(), y_pred.copy())
        except CheckFailed as failure:
            if "ZeroDivisionError" in str(failure):
                raise CheckFailed(f"✗ f1_score fails on {description}:\n  it divides by zero — when nothing is predicted "
                                  "positive, TP + FP = 0: define P = 0 there (and R = 0 when TP + FN = 0, F1 = 0 when "
                                  "P + R = 0)") from None
            raise
        P, R = metrics.precision(y_true, y_pred), metrics.recall(y_true, y_pred)
        expected = metrics.f1_score(y_true, y_pred)
        if got is not None and np.size(got) == 1 and np.isnan(np.asarray(got, dtype=float)).all():
            cases.append((description, ["F1 is NaN — a 0/0 somewhere: define P = 0 when TP + FP = 0, R = 0 when TP + FN = 0, "
                                        "and F1 = 0 when P + R = 0"]))
            continue
        y_neg_t, y_neg_p = 1 - y_true, 1 - y_pred
        mistakes = [
            ("the arithmetic mean (P + R)/2 is used: F1 is the harmonic mean 2PR / (P + R), which a low P or R pulls down",
             (P + R) / 2),
            ("the factor 2 is missing: F1 = 2PR / (P + R)", P * R / (P + R) if P + R else 0.0),
            ("P · R is returned: F1 = 2PR / (P + R)", P * R),
            ("the geometric mean √(PR) is used: F1 = 2PR / (P + R)", np.sqrt(P * R)),
            ("accuracy is returned: F1 combines precision and recall of class 1", float(np.mean(y_true == y_pred))),
            ("class 0 is taken as the positive class: count TP, FP, FN for y = 1",
             metrics.f1_score(y_neg_t, y_neg_p)),
        ]
        mistakes = [(text, wrong) for text, wrong in mistakes if not np.isclose(wrong, expected)]
        cases.append((description, [_mismatch("F1", got, np.float64(expected), mistakes)]))
    _run("f1_score", cases)


# ---------------------------------------------------------------- Course 4, week 2

def check_conv_multiplications(conv_multiplications):
    """c4w2: multiplications of a CONV layer, n_H·n_W·n_C outputs × f·f·n_C_prev each, on the lecture's layers."""
    from course_lib.architectures import conv_multiplications as reference

    inputs = [("the lecture's 5×5 same conv, 28×28×192 → 28×28×32", (28, 28, 192, 5, 32)),
              ("the 1×1 bottleneck, 28×28×192 → 28×28×16", (28, 28, 192, 1, 16)),
              ("5×5 after the bottleneck, 28×28×16 → 28×28×32", (28, 28, 16, 5, 32)),
              ("a non-square output, 7×5×3 → 3×3 conv with 4 filters", (7, 5, 3, 3, 4)),
              ("one output number (1×1×1, f = 1, one channel)", (1, 1, 1, 1, 1))]
    cases = []
    for description, (n_H, n_W, n_C_prev, f, n_C) in inputs:
        got = _call("conv_multiplications", conv_multiplications, n_H, n_W, n_C_prev, f, n_C)
        expected = reference(n_H, n_W, n_C_prev, f, n_C)
        mistakes = [("the input channels are left out: each output multiplies through all n_C_prev channels",
                     n_H * n_W * n_C * f * f),
                    ("f is used where f·f belongs: a filter window is f × f", n_H * n_W * n_C * f * n_C_prev),
                    ("the filters are left out: there are n_H·n_W·n_C outputs, one per filter and position",
                     n_H * n_W * f * f * n_C_prev),
                    ("the parameters (f·f·n_C_prev + 1)·n_C are counted, not the multiplications",
                     (f * f * n_C_prev + 1) * n_C)]
        mistakes = [(text, wrong) for text, wrong in mistakes if wrong != expected]
        cases.append((description, [_mismatch("the count", got, np.float64(expected), mistakes)]))
    _run("conv_multiplications", cases)


def check_pca_color(pca_color):
    """c4w2: AlexNet's PCA colour shift, image + Σ_i α_i λ_i p_i clipped to [0, 1], against augmentation.pca_color."""
    from course_lib.augmentation import color_pca
    from course_lib.augmentation import pca_color as reference

    rng = np.random.default_rng(11)
    small = rng.random((4, 5, 3)) * 0.6 + 0.2
    reddish = np.stack([rng.random((6, 6)) * 0.8 + 0.1, np.full((6, 6), 0.3), rng.random((6, 6)) * 0.5], axis=2)
    inputs = [("a 4×5 colour image, α = (0.1, −0.2, 0.3)", small, np.array([0.1, -0.2, 0.3])),
              ("a reddish 6×6 image, α = (0, 0, 1) (the main component only)", reddish, np.array([0.0, 0.0, 1.0])),
              ("α = 0 (the image must come back unchanged)", small, np.zeros(3)),
              ("a big α = (0, 0, 30) that pushes values past 1 and below 0 (clip them)", reddish, np.array([0.0, 0.0, 30.0]))]
    cases = []
    for description, image, alphas in inputs:
        pca = color_pca(image)
        got = _call("pca_color", pca_color, image.copy(), alphas.copy(), pca)
        expected = reference(image, alphas, pca)
        P, lam = pca.eigenvectors, pca.eigenvalues
        mistakes = [("the eigenvalues are left out: the shift is Σ α_i λ_i p_i", np.clip(image + P @ alphas, 0, 1)),
                    ("the eigenvectors are taken as rows (P.T): p_i is column i of pca.eigenvectors",
                     np.clip(image + P.T @ (alphas * lam), 0, 1)),
                    ("the values are not clipped to [0, 1]", image + P @ (alphas * lam)),
                    ("the square roots of the eigenvalues are used: AlexNet scales by λ_i itself",
                     np.clip(image + P @ (alphas * np.sqrt(lam)), 0, 1))]
        cases.append((description, [_mismatch("the image", got, expected, mistakes)]))
    _run("pca_color", cases)


# ---- The playground: input features ------------------------------------------------------------------


def check_feature_map(feature_map):
    """playground: φ(X) = [x1; x2; x1²; x2²; x1·x2] (5, m) for X (2, m), one row per feature, in that order."""
    rng = np.random.default_rng(88)
    inputs = [("X of shape (2, 6)", rng.uniform(-5, 5, (2, 6))),
              ("X of shape (2, 1): a single example", np.array([[2.0], [-3.0]])),
              ("X of shape (2, 4) with a zero and negative coordinates", np.array([[0.0, -1.5, 2.0, -4.0],
                                                                                      [3.0, -2.0, 0.0, 1.0]]))]
    cases = []
    for description, X in inputs:
        got = _call("feature_map", feature_map, X.copy())
        x1, x2 = X[0], X[1]
        expected = np.stack([x1, x2, x1**2, x2**2, x1 * x2])
        mistakes = [("x1² and x2² are 2·x1 and 2·x2 (x ** 2 is the square, x * 2 doubles)",
                     np.stack([x1, x2, 2 * x1, 2 * x2, x1 * x2])),
                    ("x1·x2 is the sum x1 + x2 instead of the product", np.stack([x1, x2, x1**2, x2**2, x1 + x2])),
                    ("the rows are in another order: x1, x2, x1², x2², x1·x2",
                     np.stack([x1, x2, x1 * x2, x1**2, x2**2])),
                    ("the squares come first: the order is x1, x2, x1², x2², x1·x2",
                     np.stack([x1**2, x2**2, x1, x2, x1 * x2]))]
        cases.append((description, [_mismatch("φ(X)", got, expected, mistakes)]))
    _run("feature_map", cases)
