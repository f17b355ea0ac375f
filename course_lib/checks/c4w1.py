"""Checks for c4w1, convolution and pooling step by step in NumPy (NHWC: A_prev (m, n_H_prev,
n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C))."""

import numpy as np

from course_lib import conv
from course_lib.checks.framework import CheckFailed, call, mismatch, run, softmax_output_mistakes

__all__ = [
    "check_zero_pad",
    "check_conv_single_step",
    "check_conv_forward",
    "check_pool_forward",
    "check_conv_backward",
    "check_create_mask_from_window",
    "check_distribute_value",
    "check_pool_backward",
    "check_happy_model",
    "check_ConvolutionalModel",
    "check_convolutional_model",
]


def _pair(name, result, what, size=2):
    if not (isinstance(result, tuple) and len(result) == size):
        raise CheckFailed(f"✗ {name} must return {what}; got {type(result).__name__}")
    return result


def _windows(n_H, n_W, stride, f, stride_in_start=True):
    """(h, w, rows, columns) of every output position, as the lecture's loops walk them."""
    step = stride if stride_in_start else 1
    for h in range(n_H):
        for w in range(n_W):
            yield h, w, slice(h * step, h * step + f), slice(w * step, w * step + f)


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


def _conv_backward_loops(dZ, A_prev, W, stride, pad, stride_in_start=True, assign=False):
    """dA_prev of the lecture's loops, optionally with a learner's mistake: the window's start
    without the stride, or `=` instead of `+=` into da_prev_pad."""
    m, n_H, n_W, n_C = dZ.shape
    f = W.shape[0]
    dA_prev_pad = np.zeros(conv.zero_pad(A_prev, pad).shape)
    for i in range(m):
        for h, w, rows, columns in _windows(n_H, n_W, stride, f, stride_in_start):
            for c in range(n_C):
                if assign:
                    dA_prev_pad[i, rows, columns, :] = W[..., c] * dZ[i, h, w, c]
                else:
                    dA_prev_pad[i, rows, columns, :] += W[..., c] * dZ[i, h, w, c]
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    return dA_prev_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :]


def _conv_backward_problems(got, dZ, A_prev, W, b, stride, pad):
    """The mismatches of (dA_prev, dW, db) against conv.conv_backward, naming the known mistakes."""
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    cache = (A_prev, W, b, {"stride": stride, "pad": pad})
    dA_prev, dW, db = conv.conv_backward(dZ, cache)
    A_prev_pad = conv.zero_pad(A_prev, pad)
    dA_prev_pad, _, _ = conv.conv_backward(dZ, (A_prev_pad, W, b, {"stride": stride, "pad": 0}))
    got_dA = got[0]
    if pad and np.shape(got_dA) == dA_prev_pad.shape:
        dA_problem = (
            f"dA_prev has shape {dA_prev_pad.shape}, that of the padded input: un-pad it at the "
            f"end, keeping rows and columns pad : pad + n_H_prev (here {pad}:{pad + n_H_prev})"
        )
    elif not pad and np.ndim(got_dA) == 4 and 0 in np.shape(got_dA)[1:3]:
        dA_problem = (
            f"dA_prev has shape {np.shape(got_dA)}: with pad = 0, [pad:-pad] is [0:0], an empty "
            "slice — un-pad with [pad : pad + n_H_prev, pad : pad + n_W_prev] instead"
        )
    else:
        overwrite = "the window's gradient is assigned (=) instead of added (+=) to da_prev_pad"
        dA_mistakes = [
            (
                "you un-pad from the top-left corner: drop pad rows and columns on EACH side, "
                "[pad : pad + n_H_prev, pad : pad + n_W_prev]",
                dA_prev_pad[:, :n_H_prev, :n_W_prev, :],
            ),
            (
                f"{overwrite}: overlapping windows and the n_C filters each add their share",
                _conv_backward_loops(dZ, A_prev, W, stride, pad, assign=True),
            ),
        ]
        if stride > 1:
            dA_mistakes.append(
                (
                    "vert_start/horiz_start ignore the stride: use h * stride and w * stride",
                    _conv_backward_loops(dZ, A_prev, W, stride, pad, stride_in_start=False),
                )
            )
        dA_problem = mismatch("dA_prev", got_dA, dA_prev, dA_mistakes)
    last = conv.conv_backward(dZ[-1:], (A_prev[-1:], W, b, {"stride": stride, "pad": pad}))
    f = W.shape[0]
    n_H, n_W = dZ.shape[1:3]
    h0, w0 = (n_H - 1) * stride, (n_W - 1) * stride
    last_window = A_prev_pad[-1, h0 : h0 + f, w0 : w0 + f, :]
    dW_mistakes = [
        ("dW is divided by m: conv_backward's dW and db are plain sums, no 1/m", dW / m),
        (
            "dW = a_slice · dZ[i, h, w, c] overwrites instead of adding (+=): dW sums over every "
            "example and window",
            last_window[..., None] * dZ[-1, -1, -1, :],
        ),
    ]
    if m > 1:
        dW_mistakes.append(
            (
                "dW holds the last example only: start dW at zero once, before the loop over "
                "the examples, and add every example's share",
                last[1],
            )
        )
    if stride > 1:
        dense = conv.conv_backward(
            dZ, (A_prev_pad[:, : n_H + f - 1, : n_W + f - 1], W, b, {"stride": 1, "pad": 0})
        )[1]
        dW_mistakes.append(
            ("vert_start/horiz_start ignore the stride: use h * stride and w * stride", dense)
        )
    db_problem = None
    if m > 1 and np.shape(got[2]) == (m, 1, 1, W.shape[3]):
        db_problem = (
            f"db has shape {np.shape(got[2])}, one per example: sum over the examples too — "
            f"db is (1, 1, 1, n_C) = {b.shape}"
        )
    db_problem = db_problem or mismatch(
        "db",
        got[2],
        db,
        [
            ("db is divided by m: conv_backward's dW and db are plain sums, no 1/m", db / m),
            (
                "db = dZ[i, h, w, c] overwrites instead of adding (+=): db sums dZ over every "
                "example and position",
                dZ[-1, -1, -1, :].reshape(b.shape),
            ),
        ]
        + (
            [
                (
                    "db holds the last example only: start db at zero once, before the loop "
                    "over the examples",
                    last[2],
                )
            ]
            if m > 1
            else []
        ),
    )
    return [dA_problem, mismatch("dW", got[1], dW, dW_mistakes), db_problem]


def check_conv_backward(conv_backward):
    """c4w1: conv_backward(dZ, cache) → dA_prev (m, n_H_prev, n_W_prev, n_C_prev), dW (f, f,
    n_C_prev, n_C), db (1, 1, 1, n_C): the lecture's loops, sums over examples and windows."""
    rng = np.random.default_rng(5)
    cases = []
    for m, n, n_C_prev, f, n_C, stride, pad in (
        (2, 5, 3, 3, 2, 2, 1),
        (1, 4, 2, 2, 3, 1, 0),
        (3, 6, 2, 3, 2, 1, 2),
        (2, 7, 1, 3, 1, 3, 2),
    ):
        A_prev = rng.standard_normal((m, n, n, n_C_prev))
        W, b = rng.standard_normal((f, f, n_C_prev, n_C)), rng.standard_normal((1, 1, 1, n_C))
        n_out = (n + 2 * pad - f) // stride + 1
        dZ = rng.standard_normal((m, n_out, n_out, n_C))
        cache = (A_prev.copy(), W.copy(), b.copy(), {"stride": stride, "pad": pad})
        got = _pair(
            "conv_backward",
            call("conv_backward", conv_backward, dZ.copy(), cache),
            "(dA_prev, dW, db)",
            3,
        )
        cases.append(
            (
                f"m = {m}, {n}×{n}×{n_C_prev}, f = {f}, {n_C} filters, stride = {stride}, "
                f"pad = {pad}",
                _conv_backward_problems(got, dZ, A_prev, W, b, stride, pad),
            )
        )
    run("conv_backward", cases)


def check_create_mask_from_window(create_mask_from_window):
    """c4w1: create_mask_from_window(x) → mask (f, f), True where x equals its maximum (every
    tied maximum, as x == np.max(x))."""
    rng = np.random.default_rng(6)
    cases = []
    for description, x in (
        ("a random 3×3 window", rng.standard_normal((3, 3))),
        ("a 2×2 window with its maximum twice", np.array([[1.0, 3.0], [3.0, -2.0]])),
        ("a 2×3 window of negative numbers", -1 - rng.random((2, 3))),
        ("a 1×1 window", np.array([[0.5]])),
        ("a 3×3 window with three tied maxima", np.array([[2.0, 0, 2], [1, 2, 1], [0, 1, 0]])),
    ):
        got = call("create_mask_from_window", create_mask_from_window, x.copy())
        expected = conv.create_mask_from_window(x)
        first_only = np.zeros(x.shape, dtype=bool)
        first_only[np.unravel_index(np.argmax(x), x.shape)] = True
        mistakes = [
            ("it marks the minimum (np.min) instead of the maximum", x == np.min(x)),
            (
                "the mask holds the values x where the maximum is, not True/False: it is used "
                "to multiply dA, so it must be 1 there and 0 elsewhere",
                np.where(expected, x, 0.0),
            ),
        ]
        if x.shape[0] > 1:
            mistakes.append(
                (
                    "it compares with each column's maximum (np.max(x, axis=0)): take the "
                    "maximum of the whole window, np.max(x)",
                    x == np.max(x, axis=0),
                )
            )
        if expected.sum() > 1:
            mistakes.insert(
                0,
                (
                    "only the first maximum is marked (np.argmax): the course's mask is "
                    "x == np.max(x), True at every tied maximum",
                    first_only,
                ),
            )
        cases.append((description, [mismatch("mask", got, expected, mistakes)]))
    run("create_mask_from_window", cases)


def check_distribute_value(distribute_value):
    """c4w1: distribute_value(dz, shape) → an (n_H, n_W) array holding dz / (n_H · n_W) in every
    cell, average pooling's gradient."""
    cases = []
    for dz, shape in ((2.0, (2, 2)), (-1.5, (3, 3)), (6.0, (2, 3)), (0.7, (1, 1))):
        got = call("distribute_value", distribute_value, dz, shape)
        expected = conv.distribute_value(dz, shape)
        n_H, n_W = shape
        mistakes = []
        if n_H * n_W > 1:
            mistakes.append(
                (
                    "dz is copied to every cell without dividing by n_H · n_W: the average "
                    "divides by the window's size, so its gradient does too",
                    np.full(shape, dz),
                )
            )
        if n_H != n_W:
            mistakes += [
                ("it divides by n_H² instead of n_H · n_W", np.full(shape, dz / (n_H * n_H))),
                ("it divides by n_H + n_W instead of n_H · n_W", np.full(shape, dz / (n_H + n_W))),
            ]
        elif n_H > 1:
            mistakes.append(
                ("it divides by n_H + n_W instead of n_H · n_W", np.full(shape, dz / (n_H + n_W)))
            )
        cases.append((f"dz = {dz}, shape = {shape}", [mismatch("a", got, expected, mistakes)]))
    run("distribute_value", cases)


def _pool_backward_loops(dA, A_prev, f, stride, mode, mistake=None):
    """pool_backward by the lecture's loops, or with one of a learner's mistakes: "no stride",
    "assign", "first max", "no division"."""
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h, w, rows, columns in _windows(n_H, n_W, stride, f, mistake != "no stride"):
            for c in range(n_C):
                if mode == "max":
                    window = A_prev[i, rows, columns, c]
                    if mistake == "first max":
                        mask = np.zeros(window.shape)
                        mask[np.unravel_index(np.argmax(window), window.shape)] = 1
                    else:
                        mask = window == np.max(window)
                    share = mask * dA[i, h, w, c]
                else:
                    share = np.full(
                        (f, f), dA[i, h, w, c] / (1 if mistake == "no division" else f * f)
                    )
                if mistake == "assign":
                    dA_prev[i, rows, columns, c] = share
                else:
                    dA_prev[i, rows, columns, c] += share
    return dA_prev


def check_pool_backward(pool_backward):
    """c4w1: pool_backward(dA, cache, mode) → dA_prev (m, n_H_prev, n_W_prev, n_C): each window's
    dA goes to its maximum (every tied one) or, averaged, dA / f² to each cell, added up where
    windows overlap."""
    rng = np.random.default_rng(7)
    cases = []
    for m, n, n_C, f, stride, ties in (
        (2, 5, 3, 3, 2, False),
        (1, 4, 2, 2, 2, False),
        (2, 5, 2, 3, 1, False),
        (2, 6, 2, 2, 2, True),
    ):
        if ties:
            A_prev = rng.integers(0, 3, (m, n, n, n_C)).astype(float)
        else:
            A_prev = rng.standard_normal((m, n, n, n_C))
        n_out = (n - f) // stride + 1
        dA = rng.standard_normal((m, n_out, n_out, n_C))
        hparameters = {"f": f, "stride": stride}
        for mode, other in (("max", "average"), ("average", "max")):
            cache = (A_prev.copy(), dict(hparameters))
            got = call("pool_backward", pool_backward, dA.copy(), cache, mode)
            expected = conv.pool_backward(dA, (A_prev, hparameters), mode)
            mistakes = [
                (
                    f'mode = "{mode}" computes the {other} pooling\'s gradient',
                    conv.pool_backward(dA, (A_prev, hparameters), other),
                ),
                (
                    "the window's gradient is assigned (=) instead of added (+=): where windows "
                    "overlap (stride < f) each adds its share",
                    _pool_backward_loops(dA, A_prev, f, stride, mode, "assign"),
                ),
            ]
            if stride > 1:
                mistakes.append(
                    (
                        "vert_start/horiz_start ignore the stride: use h * stride and w * stride",
                        _pool_backward_loops(dA, A_prev, f, stride, mode, "no stride"),
                    )
                )
            if mode == "max":
                mistakes += [
                    (
                        "only the first maximum of a window gets dA (np.argmax): the course's "
                        "mask, create_mask_from_window, marks every tied maximum",
                        _pool_backward_loops(dA, A_prev, f, stride, mode, "first max"),
                    ),
                ]
            else:
                mistakes.append(
                    (
                        "the average's gradient is not divided by f·f: distribute_value(dA[i, "
                        "h, w, c], (f, f)) shares it out",
                        _pool_backward_loops(dA, A_prev, f, stride, mode, "no division"),
                    )
                )
            cases.append(
                (
                    f"m = {m}, {n}×{n}×{n_C}{' with tied values' if ties else ''}, f = {f}, "
                    f'stride = {stride}, mode = "{mode}"',
                    [mismatch("dA_prev", got, expected, mistakes)],
                )
            )
    run("pool_backward", cases)


# ---- The second assignment in PyTorch: happy_model (nn.Sequential) and convolutional_model
# (an nn.Module whose forward uses torch.nn.functional), on the 8×8 digits (m, 1, 8, 8). -------

_EVEN_KERNEL_WARNING = "Using padding='same' with even kernel"
_HAPPY_LAYERS = ("ZeroPad2d", "Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d", "Flatten", "Linear")
# output shape (C, H, W) or (n,) of each of _HAPPY_LAYERS for one 8×8 grey image, and parameters
_HAPPY_SHAPES = ((1, 14, 14), (32, 8, 8), (32, 8, 8), (32, 8, 8), (32, 4, 4), (512,), (1,))
_HAPPY_PARAMETERS = (0, 7 * 7 * 1 * 32 + 32, 2 * 32, 0, 0, 0, 512 + 1)
_HAPPY_SHAPE_HINTS = {
    "ZeroPad2d": "pad 3 zeros on every side, nn.ZeroPad2d(3): 8 + 2·3 = 14",
    "Conv2d": "32 filters 7×7, stride 1, no padding of its own (the ZeroPad2d did it): "
    "nn.Conv2d(1, 32, kernel_size=7, stride=1)",
    "BatchNorm2d": "nn.BatchNorm2d(32) normalizes each of the 32 channels",
    "MaxPool2d": "a 2×2 pool with stride 2 halves 8×8 to 4×4: nn.MaxPool2d(2) (its stride "
    "defaults to the kernel size)",
    "Flatten": "nn.Flatten() keeps the examples axis: 32·4·4 = 512",
    "Linear": "one output unit, the logit of the yes/no question: nn.Linear(512, 1)",
}


def _fail(name, description, message):
    raise CheckFailed(f"✗ {name} fails on {description}:\n  {message}")


def _seed_parameters(model, seed):
    """Fill every parameter of model (in place, float64) with seeded normal values · 0.5, and
    batch norm's running statistics with seeded ones, so a forward pass is the same everywhere."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(
                0.5 * torch.randn(parameter.shape, generator=generator, dtype=torch.float64)
            )
        for name, buffer in model.named_buffers():
            if name.endswith("running_mean"):
                buffer.copy_(torch.randn(buffer.shape, generator=generator, dtype=torch.float64))
            elif name.endswith("running_var"):
                buffer.copy_(1 + torch.rand(buffer.shape, generator=generator, dtype=torch.float64))


def _images(m, input_shape, seed):
    import torch

    generator = torch.Generator().manual_seed(seed)
    return torch.rand((m, *input_shape), generator=generator, dtype=torch.float64)


def _happy_structure(layers):
    """None when the layers' types are _HAPPY_LAYERS, else the mistake in words."""
    from torch import nn

    names = [type(layer).__name__ for layer in layers]
    if names == list(_HAPPY_LAYERS):
        return None
    output = (nn.Sigmoid, nn.Softmax, nn.LogSoftmax, nn.LogSigmoid)
    last = [layer for layer in layers if isinstance(layer, output)]
    if last:
        return (
            f"there is an nn.{type(last[0]).__name__} layer in the model: return the logit z — "
            "nn.BCEWithLogitsLoss applies the sigmoid itself (stably), so a sigmoid in the model "
            "would be applied twice; predict 'yes' where z > 0"
        )
    if "ZeroPad2d" not in names:
        convs = [layer for layer in layers if isinstance(layer, nn.Conv2d)]
        padded = bool(convs) and convs[0].padding not in ((0, 0), "valid")
        return "no nn.ZeroPad2d(3) before the conv" + (
            f" (the conv pads itself, padding={convs[0].padding}): as in the course, pad with "
            "a ZeroPad2d layer and give the conv no padding"
            if padded
            else ": a 7×7 filter on an 8×8 image leaves 8 − 7 + 1 = 2, so n_H after the conv "
            "would be 2 instead of 8; ZeroPad2d(3) first keeps it ('same': p = (f − 1)/2)"
        )
    if not any(isinstance(layer, nn.modules.batchnorm._BatchNorm) for layer in layers):
        return (
            "no nn.BatchNorm2d(32) after the conv: the course normalizes the conv's 32 channels "
            "(BatchNormalization(axis=3)) before the ReLU"
        )
    if "BatchNorm2d" not in names:
        return "use nn.BatchNorm2d(32) for images (m, C, H, W): it normalizes each channel"
    if "ReLU" not in names:
        return "no nn.ReLU() after the batch norm"
    if any(isinstance(layer, (nn.AvgPool2d, nn.AdaptiveAvgPool2d)) for layer in layers):
        return "average pooling: the course's happyModel uses max pooling, nn.MaxPool2d(2)"
    if "Flatten" not in names:
        return "no nn.Flatten() before the Linear layer: it needs (m, 512), not (m, 32, 4, 4)"
    return (
        f"the layers are {' → '.join(names)}; expected {' → '.join(_HAPPY_LAYERS)} "
        "(in this order: the check reads them by position)"
    )


def check_happy_model(happy_model):
    """c4w1: happy_model() → nn.Sequential(ZeroPad2d(3), Conv2d(1, 32, 7), BatchNorm2d(32), ReLU,
    MaxPool2d(2), Flatten, Linear(512, 1)) for images (m, 1, 8, 8): the layers, their output shapes
    and parameter counts, then one forward pass with seeded float64 weights against
    torch.nn.functional."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    name = "happy_model"
    model = call(name, happy_model)
    if not isinstance(model, nn.Sequential):
        raise CheckFailed(
            f"✗ {name} must return an nn.Sequential of the layers; got {type(model).__name__}"
            + (" — did you forget the `return`?" if model is None else "")
        )
    layers = list(model)
    problem = _happy_structure(layers)
    if problem:
        _fail(name, "the layers, in order", problem)
    cases = [("the layers, in order", [None])]

    # output shapes and parameter counts, layer by layer, for one 8×8 grey image
    model = model.double().eval()
    A = torch.zeros((1, 1, 8, 8), dtype=torch.float64)
    problems = []
    for layer, layer_name, shape, count in zip(
        layers, _HAPPY_LAYERS, _HAPPY_SHAPES, _HAPPY_PARAMETERS, strict=True
    ):
        try:
            with torch.no_grad():
                A = layer(A)
        except RuntimeError as error:
            if isinstance(layer, nn.Linear):
                problems.append(
                    f"the Linear layer takes {layer.in_features} inputs, but the flattened volume "
                    f"has {A.shape[1]} (32·4·4 after the pool): a wrong flatten size, use "
                    "nn.Linear(512, 1)"
                )
            else:
                problems.append(f"the {layer_name} layer raised RuntimeError: {error}")
            break
        got_shape = tuple(A.shape[1:])
        if got_shape != shape:
            problems.append(
                f"the {layer_name} layer's output is {'×'.join(map(str, got_shape))} for one "
                f"8×8 image, expected {'×'.join(map(str, shape))}: "
                f"{_HAPPY_SHAPE_HINTS.get(layer_name, 'see the statement')}"
            )
            break
        got_count = sum(p.numel() for p in layer.parameters())
        if got_count != count:
            hint = _HAPPY_SHAPE_HINTS.get(layer_name, "")
            if isinstance(layer, (nn.Conv2d, nn.Linear)) and layer.bias is None:
                hint = "the layer has no bias (bias=False): keep PyTorch's default bias=True"
            problems.append(
                f"the {layer_name} layer has {got_count} parameters, expected {count}: {hint}"
            )
            break
    cases.append(("the output shapes and parameter counts for one 8×8 image", problems))
    if problems:
        run(name, cases)

    # one forward pass in training mode (batch norm uses the batch's statistics), float64
    for m in (3, 1):
        model = call(name, happy_model).double().train()
        _seed_parameters(model, seed=m)
        X = _images(m, (1, 8, 8), seed=10 + m)
        pad, conv, norm, _, pool, _, linear = list(model)
        with torch.no_grad():
            got = model(X)
            Z1 = F.conv2d(F.pad(X, (3, 3, 3, 3)), conv.weight, conv.bias)
            N1 = F.batch_norm(
                Z1, None, None, norm.weight, norm.bias, training=True, eps=1e-5, momentum=0.0
            )
            P1 = F.max_pool2d(F.relu(N1), kernel_size=2, stride=2)
            expected = F.linear(torch.flatten(P1, start_dim=1), linear.weight, linear.bias)
        cases.append(
            (
                f"a forward pass with seeded float64 weights, m = {m} (training mode)",
                [mismatch("the output (m, 1)", got.numpy(), expected.numpy())],
            )
        )
    run(name, cases)


class _Recorder:
    """Forward pre-hooks that note the shape of the input each of a model's layers receives."""

    def __init__(self, layers):
        self.shapes, self.handles = {}, []
        for key, layer in layers.items():
            self.handles.append(layer.register_forward_pre_hook(self._keep(key)))

    def _keep(self, key):
        def hook(module, inputs):
            self.shapes.setdefault(key, tuple(inputs[0].shape))

        return hook

    def remove(self):
        for handle in self.handles:
            handle.remove()


def _same_pads(f):
    """(before, after) of padding='same' for an f×f kernel, stride 1: PyTorch (like TensorFlow)
    puts the odd one after (bottom and right)."""
    before = (f - 1) // 2
    return before, f - 1 - before


def _conv_model_reference(X, conv1, conv2, fc, relus=(True, True), pool=None):
    """The forward pass CONV → RELU → MAXPOOL 2/2 → CONV → RELU → MAXPOOL 2/2 → FLATTEN → FC with
    the 'same' padding written out (F.pad, then a conv without padding)."""
    import torch
    import torch.nn.functional as F

    pool = pool or F.max_pool2d
    A = X
    for layer, relu in ((conv1, relus[0]), (conv2, relus[1])):
        before, after = _same_pads(layer.kernel_size[0])
        Z = F.conv2d(F.pad(A, (before, after, before, after)), layer.weight, layer.bias)
        A = pool(F.relu(Z) if relu else Z, kernel_size=2, stride=2)
    return F.linear(torch.flatten(A, start_dim=1), fc.weight, fc.bias)


def _conv_model_layers(model, input_shape):
    """None when model.conv1, conv2 and fc are the layers the statement asks for with input_shape,
    else the mistake in words."""
    from torch import nn

    n_C, n_H, n_W = input_shape
    missing = [key for key in ("conv1", "conv2", "fc") if not hasattr(model, key)]
    if missing:
        return (
            f"the model has no {', '.join(missing)}: keep the given ConvolutionalModel, and "
            "create the layers in convolutional_model"
        )
    flat = 16 * (n_H // 4) * (n_W // 4)
    for key, kind, n_in, n_out, f in (
        ("conv1", nn.Conv2d, n_C, 8, 4),
        ("conv2", nn.Conv2d, 8, 16, 2),
        ("fc", nn.Linear, flat, 10, None),
    ):
        layer = getattr(model, key)
        if not isinstance(layer, kind):
            return f"{key} is an nn.{type(layer).__name__}, expected an nn.{kind.__name__}"
        if kind is nn.Linear:
            if layer.out_features != 10:
                return (
                    f"fc has {layer.out_features} outputs, expected 10: one logit per digit class"
                )
            if layer.in_features != flat:
                forgot = (
                    " — that is the size before the pools: each 2×2 pool halves n_H and n_W"
                    if layer.in_features in (16 * n_H * n_W, 16 * (n_H // 2) * (n_W // 2))
                    else ""
                )
                return (
                    f"fc takes {layer.in_features} inputs, but the flattened volume after the "
                    f"second pool is 16×{n_H // 4}×{n_W // 4} = {flat}{forgot}: in_features = "
                    "16 · (n_H/4) · (n_W/4)"
                )
        else:
            if layer.in_channels != n_in:
                where = "input_shape's n_C" if key == "conv1" else "conv1's 8 filters"
                return (
                    f"{key} takes {layer.in_channels} input channels, expected {n_in} "
                    f"({where}, for input_shape = {input_shape})"
                )
            if layer.out_channels != n_out or layer.kernel_size != (f, f):
                return (
                    f"{key} has {layer.out_channels} filters "
                    f"{'×'.join(map(str, layer.kernel_size))}, expected {n_out} filters {f}×{f}"
                )
            if layer.stride != (1, 1):
                return f"{key} has stride {layer.stride}: the course's convs have stride 1"
            if layer.padding != "same":
                n = n_H if key == "conv1" else n_H // 2
                pad = 0 if layer.padding == "valid" else layer.padding[0]
                shown = repr(layer.padding) if isinstance(layer.padding, str) else pad
                size = n + 2 * pad - f + 1
                return (
                    f"{key} has padding={shown}, which turns "
                    f"{n}×{n} into "
                    f"{size}×{size}: "
                    f'use padding="same" (for f = {f} PyTorch pads {_same_pads(f)[0]} before '
                    f"and {_same_pads(f)[1]} after)"
                )
        if layer.bias is None:
            return f"{key} has no bias (bias=False): keep PyTorch's default bias=True"
    return None


def _conv_model_flow(recorder, input_shape, m):
    """What the pre-hooks' shapes say about forward's pools and flatten, or None."""
    n_C, n_H, n_W = input_shape
    conv2_in = recorder.shapes.get("conv2")
    if conv2_in is not None and conv2_in[2:] != (n_H // 2, n_W // 2):
        return (
            f"conv2 receives {'×'.join(map(str, conv2_in[1:]))}, expected "
            f"8×{n_H // 2}×{n_W // 2}: the first pool is 2×2 with stride 2 (the course's 8×8 "
            "pool is for 64×64 images): F.max_pool2d(A1, kernel_size=2, stride=2)"
        )
    fc_in = recorder.shapes.get("fc")
    flat = 16 * (n_H // 4) * (n_W // 4)
    if fc_in is None or fc_in == (m, flat):
        return None
    if len(fc_in) == 4:
        return f"fc receives a 4-D tensor {fc_in}: flatten it first, torch.flatten(P2, start_dim=1)"
    if len(fc_in) == 1:
        return (
            f"fc receives one long vector {fc_in}: torch.flatten(P2) flattened the examples too; "
            "keep them with torch.flatten(P2, start_dim=1)"
        )
    return (
        f"fc receives {fc_in}, expected ({m}, {flat}): the second pool is 2×2 with stride 2 "
        "(F.max_pool2d(A2, kernel_size=2, stride=2)), then torch.flatten(P2, start_dim=1)"
    )


def _reference_layers(input_shape):
    """conv1, conv2 and fc as the statement asks for input_shape (float64)."""
    from torch import nn

    n_C, n_H, n_W = input_shape
    conv1 = nn.Conv2d(n_C, 8, kernel_size=4, padding="same")
    conv2 = nn.Conv2d(8, 16, kernel_size=2, padding="same")
    fc = nn.Linear(16 * (n_H // 4) * (n_W // 4), 10)
    return conv1.double(), conv2.double(), fc.double()


def check_ConvolutionalModel(ConvolutionalModel):
    """c4w1: ConvolutionalModel(conv1, conv2, fc).forward(X) is CONV → RELU → MAXPOOL 2/2 → CONV →
    RELU → MAXPOOL 2/2 → FLATTEN → FC (the logits), compared with seeded float64 layers against
    torch.nn.functional with the padding written out."""
    import warnings

    import torch
    import torch.nn.functional as F

    name = "ConvolutionalModel"
    cases = []
    for input_shape, m in (((1, 8, 8), 3), ((1, 8, 8), 1), ((3, 12, 16), 2)):
        description = f"input_shape = {input_shape}, m = {m}"
        layers = _reference_layers(input_shape)
        for layer in layers:
            _seed_parameters(layer, seed=m)
        model = call(name, ConvolutionalModel, *layers)
        X = _images(m, input_shape, seed=20 + m)
        recorder = _Recorder({"conv2": layers[1], "fc": layers[2]})
        try:
            with torch.no_grad(), warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=_EVEN_KERNEL_WARNING)
                got = call(name, model, X)
        except CheckFailed:
            flow = _conv_model_flow(recorder, input_shape, m)
            if flow:
                _fail(name, description, flow)
            raise
        finally:
            recorder.remove()
        flow = _conv_model_flow(recorder, input_shape, m)
        if flow:
            _fail(name, description, flow)
        with torch.no_grad():
            expected = _conv_model_reference(X, *layers)
            mistakes = [
                *softmax_output_mistakes(expected, "Z3"),
                (
                    "the ReLU after conv1 is missing (F.relu(Z1))",
                    _conv_model_reference(X, *layers, (False, True)),
                ),
                (
                    "the ReLU after conv2 is missing (F.relu(Z2))",
                    _conv_model_reference(X, *layers, (True, False)),
                ),
                ("forward has no ReLU", _conv_model_reference(X, *layers, (False, False))),
                (
                    "the pools average instead of taking the max (F.max_pool2d)",
                    _conv_model_reference(X, *layers, pool=F.avg_pool2d),
                ),
                ("a ReLU is applied to the logits", F.relu(expected)),
            ]
            got_array = got.numpy() if isinstance(got, torch.Tensor) else got
        cases.append(
            (
                description,
                [mismatch("the logits Z3 (m, 10)", got_array, expected.numpy(), mistakes)],
            )
        )
    run(name, cases)


def check_convolutional_model(convolutional_model):
    """c4w1: convolutional_model(input_shape) → a model whose conv1 (4×4 'same', 8 filters), conv2
    (2×2 'same', 16) and fc (10 units) fit input_shape = (n_C, n_H, n_W)."""
    from torch import nn

    name = "convolutional_model"
    cases = []
    for input_shape in ((1, 8, 8), (3, 12, 16)):
        model = call(name, convolutional_model, input_shape)
        if not isinstance(model, nn.Module):
            raise CheckFailed(
                f"✗ {name} must return the model (an nn.Module); got {type(model).__name__}"
            )
        problem = _conv_model_layers(model, input_shape)
        if problem:
            _fail(name, f"input_shape = {input_shape}", problem)
        cases.append((f"input_shape = {input_shape}", []))
    run(name, cases)
