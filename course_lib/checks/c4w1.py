"""Checks for c4w1, convolution and pooling step by step in NumPy (NHWC: A_prev (m, n_H_prev,
n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C))."""

import numpy as np

from course_lib import conv
from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = [
    "check_zero_pad",
    "check_conv_single_step",
    "check_conv_forward",
    "check_pool_forward",
]


def _pair(name, result, what):
    if not (isinstance(result, tuple) and len(result) == 2):
        raise CheckFailed(f"✗ {name} must return {what}; got {type(result).__name__}")
    return result


def check_zero_pad(zero_pad):
    """c4w1: zero_pad(X, pad) → X (m, n_H, n_W, n_C) with pad zeros on both sides of n_H and n_W
    only: (m, n_H + 2·pad, n_W + 2·pad, n_C)."""
    rng = np.random.default_rng(1)
    cases = []
    for X, pad in (
        (rng.standard_normal((4, 3, 3, 2)), 3),
        (rng.standard_normal((1, 2, 5, 1)), 1),
        (rng.standard_normal((2, 3, 3, 3)), 0),
    ):
        expected = conv.zero_pad(X, pad)
        got = call("zero_pad", zero_pad, X.copy(), pad)
        every_axis = np.pad(X, pad)
        batch_too = np.pad(X, ((pad, pad), (pad, pad), (pad, pad), (0, 0)))
        channels_too = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (pad, pad)))
        shape_hint = []
        got_shape = np.shape(got)
        if pad and got_shape in (every_axis.shape, batch_too.shape, channels_too.shape):
            which = {
                every_axis.shape: "every axis, the examples and channels too",
                batch_too.shape: "the examples axis too",
                channels_too.shape: "the channels axis too",
            }
            shape_hint = [
                f"X_pad has shape {got_shape}, expected {expected.shape} — you padded "
                f"{which[got_shape]}: pad only n_H and n_W, "
                "((0, 0), (pad, pad), (pad, pad), (0, 0))"
            ]
        problems = shape_hint or [
            mismatch(
                "X_pad",
                got,
                expected,
                [
                    (
                        "the padding is not zeros (constant_values=0)",
                        np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="edge"),
                    ),
                ],
            )
        ]
        cases.append((f"X of shape {X.shape}, pad = {pad}", problems))
    run("zero_pad", cases)


def check_conv_single_step(conv_single_step):
    """c4w1: conv_single_step(a_slice_prev, W, b) → Z = Σ a_slice_prev ⊙ W + b, one number."""
    rng = np.random.default_rng(2)
    cases = []
    for shape in ((4, 4, 3), (3, 3, 1), (1, 1, 5)):
        a, W, b = (
            rng.standard_normal(shape),
            rng.standard_normal(shape),
            rng.standard_normal((1, 1, 1)),
        )
        got = call("conv_single_step", conv_single_step, a.copy(), W.copy(), b.copy())
        expected = conv.conv_single_step(a, W, b)
        if isinstance(got, np.ndarray) and got.size == 1 and got.shape != ():
            problem = (
                f"Z has shape {got.shape}: return a plain number — b is (1, 1, 1), so add b.item() "
                "(or np.squeeze(b))"
            )
        else:
            problem = mismatch(
                "Z",
                got,
                expected,
                [
                    ("the bias b is not added", expected - b.item()),
                    ("b is subtracted instead of added", expected - 2 * b.item()),
                    ("it is the mean of a_slice_prev ⊙ W, not the sum", np.mean(a * W) + b.item()),
                ],
            )
        cases.append((f"a window of shape {shape}", [problem]))
    run("conv_single_step", cases)


def check_conv_forward(conv_forward):
    """c4w1: conv_forward(A_prev, W, b, hparameters) → Z (m, n_H, n_W, n_C), n_H = ⌊(n_H_prev + 2p −
    f)/s⌋ + 1, and cache = (A_prev, W, b, hparameters)."""
    rng = np.random.default_rng(3)
    cases = []
    for m, n, n_C_prev, f, n_C, stride, pad in (
        (2, 5, 3, 3, 2, 2, 1),
        (1, 4, 2, 2, 3, 1, 0),
        (2, 7, 1, 3, 1, 3, 2),
    ):
        A_prev = rng.standard_normal((m, n, n, n_C_prev))
        W, b = rng.standard_normal((f, f, n_C_prev, n_C)), rng.standard_normal((1, 1, 1, n_C))
        hparameters = {"stride": stride, "pad": pad}
        got = _pair(
            "conv_forward",
            call(
                "conv_forward", conv_forward, A_prev.copy(), W.copy(), b.copy(), dict(hparameters)
            ),
            "(Z, cache)",
        )
        expected, _ = conv.conv_forward(A_prev, W, b, hparameters)
        mistakes = [
            (
                "the bias b is not added",
                conv.conv_forward(A_prev, W, np.zeros_like(b), hparameters)[0],
            ),
        ]
        if stride > 1:
            # vert_start = h instead of h · stride: windows overlap one step apart
            dense, _ = conv.conv_forward(A_prev, W, b, {"stride": 1, "pad": pad})
            n_H = expected.shape[1]
            mistakes.append(
                (
                    "vert_start/horiz_start ignore the stride: use h * stride and w * stride",
                    dense[:, :n_H, :n_H, :],
                )
            )
        problem = mismatch("Z", got[0], expected, mistakes)
        wrong_shape = np.shape(got[0]) != expected.shape
        if wrong_shape and np.shape(got[0])[1:3] == ((n - f) // stride + 1,) * 2 and pad:
            problem = (
                f"Z has shape {np.shape(got[0])}, expected {expected.shape}: the output size "
                "or the input forgets the padding (pad A_prev with zero_pad, and count 2·pad)"
            )
        cache = got[1]
        cache_problem = None
        if not (isinstance(cache, (tuple, list)) and len(cache) == 4):
            cache_problem = "cache should be (A_prev, W, b, hparameters), as conv_backward expects"
        cases.append(
            (
                f"m = {m}, {n}×{n}×{n_C_prev}, f = {f}, {n_C} filters, stride = {stride}, "
                f"pad = {pad}",
                [problem, cache_problem],
            )
        )
    run("conv_forward", cases)


def check_pool_forward(pool_forward):
    """c4w1: pool_forward(A_prev, hparameters, mode) → A (m, n_H, n_W, n_C), the max (or average)
    of every f×f window, channel by channel, n_H = ⌊(n_H_prev − f)/s⌋ + 1; cache = (A_prev,
    hparameters)."""
    rng = np.random.default_rng(4)
    cases = []
    for m, n, n_C, f, stride in ((2, 5, 3, 3, 2), (1, 4, 2, 2, 2), (2, 5, 2, 3, 1)):
        A_prev = rng.standard_normal((m, n, n, n_C))
        hparameters = {"f": f, "stride": stride}
        for mode, other in (("max", "average"), ("average", "max")):
            got = _pair(
                "pool_forward",
                call("pool_forward", pool_forward, A_prev.copy(), dict(hparameters), mode),
                "(A, cache)",
            )
            expected, _ = conv.pool_forward(A_prev, hparameters, mode)
            mistakes = [
                (
                    f'mode = "{mode}" computes the {other}',
                    conv.pool_forward(A_prev, hparameters, other)[0],
                )
            ]
            if stride > 1:
                dense, _ = conv.pool_forward(A_prev, {"f": f, "stride": 1}, mode)
                n_H = expected.shape[1]
                mistakes.append(
                    (
                        "vert_start/horiz_start ignore the stride: use h * stride and w * stride",
                        dense[:, :n_H, :n_H, :],
                    )
                )
            # one value over every channel at once
            over_channels = np.zeros_like(expected)
            reduce = np.max if mode == "max" else np.mean
            for h in range(expected.shape[1]):
                for w in range(expected.shape[2]):
                    window = A_prev[:, h * stride : h * stride + f, w * stride : w * stride + f, :]
                    over_channels[:, h, w, :] = reduce(window, axis=(1, 2, 3))[:, None]
            mistakes.append(
                (
                    "the window spans every channel: pool each channel c on its own, "
                    "A_prev[i, rows, columns, c]",
                    over_channels,
                )
            )
            cases.append(
                (
                    f'm = {m}, {n}×{n}×{n_C}, f = {f}, stride = {stride}, mode = "{mode}"',
                    [mismatch("A", got[0], expected, mistakes)],
                )
            )
    run("pool_forward", cases)
