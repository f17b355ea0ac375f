"""Checks for c3w2, ML strategy: multi-task learning."""

import numpy as np

from course_lib import activations
from course_lib.checks.framework import call, mismatch, run

__all__ = ["check_multilabel_cost"]


def check_multilabel_cost(multilabel_cost):
    """c3w2: J = (1/m) Σ_i Σ_j over labelled entries of −[y log a + (1 − y) log(1 − a)], with "?"
    labels as NaN in Y (n_y, m)."""
    rng = np.random.default_rng(72)

    def case(n_y, m, missing):
        AL = activations.sigmoid(rng.standard_normal((n_y, m)))
        Y = (rng.random((n_y, m)) < 0.5).astype(float)
        Y[rng.random((n_y, m)) < missing] = np.nan
        return AL, Y

    AL4, Y4 = case(4, 6, 0.4)
    Y4[:, 1] = np.nan  # an example with no label at all
    Y4[0, 0], Y4[1, 0] = 1.0, 0.0
    inputs = [
        ("AL, Y of shape (4, 6) with '?' (NaN) entries, one example fully unlabelled", AL4, Y4),
        ("one label per example (1, 5) and no '?': this must equal compute_cost", *case(1, 5, 0.0)),
        ("AL, Y of shape (3, 8) with about half the labels missing", *case(3, 8, 0.5)),
        ("AL, Y of shape (2, 4) with every label known", *case(2, 4, 0.0)),
    ]
    cases = []
    for description, AL, Y in inputs:
        got = call("multilabel_cost", multilabel_cost, AL.copy(), Y.copy())
        known = ~np.isnan(Y)
        Y0 = np.where(known, Y, 0.0)
        losses = -(Y0 * np.log(AL) + (1 - Y0) * np.log(1 - AL))
        m, n_y = Y.shape[1], Y.shape[0]
        total = np.sum(losses[known])
        with np.errstate(all="ignore"):
            mistakes = [
                (
                    "the '?' entries are counted as label 0: leave them out of the sum instead",
                    np.sum(-(np.log(1 - AL) * ~known) + np.where(known, losses, 0)) / m,
                ),
                (
                    "it divides by the number of labelled entries; the lecture's J divides by m, "
                    "the number of examples",
                    total / max(known.sum(), 1),
                ),
                (
                    "it divides by m · n_y; the lecture's J divides by m only (the labels of one "
                    "example are summed)",
                    total / (m * n_y),
                ),
                ("the 1/m is missing", total),
                ("the sign is flipped: the loss is −[y log a + (1 − y) log(1 − a)]", -total / m),
                (
                    "it averages the cost of each label over its own labelled examples "
                    "and sums those",
                    sum(np.sum(losses[j][known[j]]) / max(known[j].sum(), 1) for j in range(n_y)),
                ),
            ]
        if got is not None and np.ndim(got) == 0 and np.isnan(float(got)):
            cases.append(
                (
                    description,
                    [
                        "J is NaN — NaN · 0 is still NaN: drop the '?' entries (np.isnan(Y) finds "
                        "them) before multiplying, e.g. with np.where or a boolean index"
                    ],
                )
            )
            continue
        cases.append((description, [mismatch("J", got, total / m, mistakes)]))
    run("multilabel_cost", cases)
