"""The registry's entries for the checks of c4w1: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np

from course_lib import checks


def zero_pad_right(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def conv_single_step_right(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W) + b.item())


def conv_forward_with(stride_in_start=True, bias=True, size_with_stride=True, size_with_pad=True):
    def conv_forward(A_prev, W, b, hparameters):
        m, n_H_prev, n_W_prev, _ = A_prev.shape
        f, _, _, n_C = W.shape
        stride, pad = hparameters["stride"], hparameters["pad"]
        step = stride if size_with_stride else 1
        padding = pad if size_with_pad else 0
        n_H = (n_H_prev + 2 * padding - f) // step + 1
        n_W = (n_W_prev + 2 * padding - f) // step + 1
        Z = np.zeros((m, n_H, n_W, n_C))
        A_prev_pad = zero_pad_right(A_prev, pad)
        for i in range(m):
            for h in range(n_H):
                vert_start = h * stride if stride_in_start else h
                for w in range(n_W):
                    horiz_start = w * stride if stride_in_start else w
                    a_slice = A_prev_pad[
                        i, vert_start : vert_start + f, horiz_start : horiz_start + f, :
                    ]
                    for c in range(n_C):
                        Z[i, h, w, c] = np.sum(a_slice * W[..., c]) + (
                            b[0, 0, 0, c] if bias else 0.0
                        )
        return Z, (A_prev, W, b, hparameters)

    return conv_forward


def pool_forward_with(stride_in_start=True, swap=False, over_channels=False):
    def pool_forward(A_prev, hparameters, mode="max"):
        m, n_H_prev, n_W_prev, n_C = A_prev.shape
        f, stride = hparameters["f"], hparameters["stride"]
        n_H, n_W = (n_H_prev - f) // stride + 1, (n_W_prev - f) // stride + 1
        use_max = (mode == "max") != swap
        A = np.zeros((m, n_H, n_W, n_C))
        for i in range(m):
            for h in range(n_H):
                vert_start = h * stride if stride_in_start else h
                for w in range(n_W):
                    horiz_start = w * stride if stride_in_start else w
                    for c in range(n_C):
                        channels = slice(None) if over_channels else c
                        window = A_prev[
                            i, vert_start : vert_start + f, horiz_start : horiz_start + f, channels
                        ]
                        A[i, h, w, c] = np.max(window) if use_max else np.mean(window)
        return A, (A_prev, hparameters)

    return pool_forward


CASES = {
    checks.check_zero_pad: (
        zero_pad_right,
        [
            (lambda X, pad: np.pad(X, pad), "you padded every axis"),
            (
                lambda X, pad: np.pad(X, ((pad, pad), (pad, pad), (pad, pad), (0, 0))),
                "you padded the examples axis too",
            ),
            (
                lambda X, pad: np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="edge"),
                "not zeros",
            ),
        ],
    ),
    checks.check_conv_single_step: (
        conv_single_step_right,
        [
            (lambda a, W, b: float(np.sum(a * W)), "the bias b is not added"),
            (lambda a, W, b: np.sum(a * W) + b, "return a plain number"),
            (lambda a, W, b: float(np.mean(a * W) + b.item()), "the mean of a_slice_prev ⊙ W"),
        ],
    ),
    checks.check_conv_forward: (
        conv_forward_with(),
        [
            (conv_forward_with(stride_in_start=False), "ignore the stride"),
            (conv_forward_with(bias=False), "the bias b is not added"),
            (conv_forward_with(size_with_stride=False), "a shape mismatch inside your code"),
            (conv_forward_with(size_with_pad=False), "forgets the padding"),
            (lambda A, W, b, h: conv_forward_with()(A, W, b, h)[0], "must return (Z, cache)"),
        ],
    ),
    checks.check_pool_forward: (
        pool_forward_with(),
        [
            (pool_forward_with(swap=True), 'mode = "max" computes the average'),
            (pool_forward_with(stride_in_start=False), "ignore the stride"),
            (pool_forward_with(over_channels=True), "the window spans every channel"),
        ],
    ),
}
