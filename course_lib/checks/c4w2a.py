"""Checks for c4w2a, case studies: the cost of a convolution."""

import numpy as np

from course_lib.checks.framework import call, mismatch, run

__all__ = ["check_conv_multiplications"]


def check_conv_multiplications(conv_multiplications):
    """c4w2: multiplications of a CONV layer, n_H·n_W·n_C outputs × f·f·n_C_prev each, on the
    lecture's layers."""
    # imported here, not at the top: course_lib.architectures imports torch (0.7 s), which every
    # notebook's `from course_lib import checks` would otherwise pay for
    from course_lib.architectures import conv_multiplications as reference

    inputs = [
        ("the lecture's 5×5 same conv, 28×28×192 → 28×28×32", (28, 28, 192, 5, 32)),
        ("the 1×1 bottleneck, 28×28×192 → 28×28×16", (28, 28, 192, 1, 16)),
        ("5×5 after the bottleneck, 28×28×16 → 28×28×32", (28, 28, 16, 5, 32)),
        ("a non-square output, 7×5×3 → 3×3 conv with 4 filters", (7, 5, 3, 3, 4)),
        ("one output number (1×1×1, f = 1, one channel)", (1, 1, 1, 1, 1)),
    ]
    cases = []
    for description, (n_H, n_W, n_C_prev, f, n_C) in inputs:
        got = call("conv_multiplications", conv_multiplications, n_H, n_W, n_C_prev, f, n_C)
        expected = reference(n_H, n_W, n_C_prev, f, n_C)
        mistakes = [
            (
                "the input channels are left out: "
                "each output multiplies through all n_C_prev channels",
                n_H * n_W * n_C * f * f,
            ),
            (
                "f is used where f·f belongs: a filter window is f × f",
                n_H * n_W * n_C * f * n_C_prev,
            ),
            (
                "the filters are left out: "
                "there are n_H·n_W·n_C outputs, one per filter and position",
                n_H * n_W * f * f * n_C_prev,
            ),
            (
                "the parameters (f·f·n_C_prev + 1)·n_C are counted, not the multiplications",
                (f * f * n_C_prev + 1) * n_C,
            ),
        ]
        mistakes = [(text, wrong) for text, wrong in mistakes if wrong != expected]
        cases.append((description, [mismatch("the count", got, np.float64(expected), mistakes)]))
    run("conv_multiplications", cases)
