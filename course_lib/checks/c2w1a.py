"""Checks for c2w1a, regularization (the L2 cost, inverted dropout)."""

import numpy as np

from course_lib import activations, losses, regularization
from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = [
    "check_compute_cost_with_regularization",
    "check_dropout_forward",
    "check_dropout_backward",
]


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
