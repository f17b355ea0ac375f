"""The registry's entries for the checks of c4w1: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

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


def conv_backward_with(
    stride_in_start=True,
    assign_da=False,
    assign_dW=False,
    reset_per_example=False,
    per_example_db=False,
    divide_by_m=False,
    unpad="middle",
):
    def conv_backward(dZ, cache):
        A_prev, W, b, hparameters = cache
        m, n_H_prev, n_W_prev, _ = A_prev.shape
        f, _, _, n_C = W.shape
        stride, pad = hparameters["stride"], hparameters["pad"]
        _, n_H, n_W, _ = dZ.shape
        dW, db = np.zeros(W.shape), np.zeros(b.shape)
        A_prev_pad = zero_pad_right(A_prev, pad)
        dA_prev_pad = np.zeros(A_prev_pad.shape)
        for i in range(m):
            if reset_per_example:
                dW, db = np.zeros(W.shape), np.zeros(b.shape)
            for h in range(n_H):
                vert_start = h * stride if stride_in_start else h
                for w in range(n_W):
                    horiz_start = w * stride if stride_in_start else w
                    rows = slice(vert_start, vert_start + f)
                    columns = slice(horiz_start, horiz_start + f)
                    a_slice = A_prev_pad[i, rows, columns, :]
                    for c in range(n_C):
                        if assign_da:
                            dA_prev_pad[i, rows, columns, :] = W[..., c] * dZ[i, h, w, c]
                        else:
                            dA_prev_pad[i, rows, columns, :] += W[..., c] * dZ[i, h, w, c]
                        if assign_dW:
                            dW[..., c] = a_slice * dZ[i, h, w, c]
                            db[..., c] = dZ[i, h, w, c]
                        else:
                            dW[..., c] += a_slice * dZ[i, h, w, c]
                            db[..., c] += dZ[i, h, w, c]
        if per_example_db:
            db = np.sum(dZ, axis=(1, 2), keepdims=True)
        if divide_by_m:
            dW, db = dW / m, db / m
        if unpad == "middle":
            dA_prev = dA_prev_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :]
        elif unpad == "corner":
            dA_prev = dA_prev_pad[:, :n_H_prev, :n_W_prev, :]
        elif unpad == "minus":
            dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :]
        else:
            dA_prev = dA_prev_pad
        return dA_prev, dW, db

    return conv_backward


def create_mask_right(x):
    return x == np.max(x)


def create_mask_first_max(x):
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask


def distribute_value_right(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * dz / (n_H * n_W)


def pool_backward_with(
    stride_in_start=True, assign=False, first_max=False, divide=True, swap=False
):
    def pool_backward(dA, cache, mode="max"):
        A_prev, hparameters = cache
        f, stride = hparameters["f"], hparameters["stride"]
        m, n_H, n_W, n_C = dA.shape
        use_max = (mode == "max") != swap
        dA_prev = np.zeros(A_prev.shape)
        for i in range(m):
            for h in range(n_H):
                vert_start = h * stride if stride_in_start else h
                for w in range(n_W):
                    horiz_start = w * stride if stride_in_start else w
                    rows = slice(vert_start, vert_start + f)
                    columns = slice(horiz_start, horiz_start + f)
                    for c in range(n_C):
                        if use_max:
                            window = A_prev[i, rows, columns, c]
                            mask = (create_mask_first_max if first_max else create_mask_right)(
                                window
                            )
                            share = mask * dA[i, h, w, c]
                        elif divide:
                            share = distribute_value_right(dA[i, h, w, c], (f, f))
                        else:
                            share = np.full((f, f), dA[i, h, w, c])
                        if assign:
                            dA_prev[i, rows, columns, c] = share
                        else:
                            dA_prev[i, rows, columns, c] += share
        return dA_prev

    return pool_backward


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
    checks.check_conv_backward: (
        conv_backward_with(),
        [
            (conv_backward_with(stride_in_start=False), "ignore the stride"),
            (conv_backward_with(assign_da=True), "assigned (=) instead of added (+=)"),
            (conv_backward_with(assign_dW=True), "overwrites instead of adding (+=)"),
            (conv_backward_with(reset_per_example=True), "the last example only"),
            (conv_backward_with(per_example_db=True), "sum over the examples too"),
            (conv_backward_with(divide_by_m=True), "divided by m"),
            (conv_backward_with(unpad="none"), "that of the padded input: un-pad it"),
            (conv_backward_with(unpad="corner"), "you un-pad from the top-left corner"),
            (conv_backward_with(unpad="minus"), "[pad:-pad] is [0:0], an empty slice"),
            (
                lambda dZ, cache: conv_backward_with()(dZ, cache)[:2],
                "must return (dA_prev, dW, db)",
            ),
        ],
    ),
    checks.check_create_mask_from_window: (
        create_mask_right,
        [
            (create_mask_first_max, "only the first maximum is marked"),
            (lambda x: x == np.min(x), "it marks the minimum"),
            (lambda x: np.where(x == np.max(x), x, 0.0), "the mask holds the values x"),
            (lambda x: x == np.max(x, axis=0), "each column's maximum"),
        ],
    ),
    checks.check_distribute_value: (
        distribute_value_right,
        [
            (lambda dz, shape: np.full(shape, dz), "without dividing by n_H · n_W"),
            (lambda dz, shape: np.full(shape, dz / shape[0] ** 2), "divides by n_H² instead"),
            (lambda dz, shape: np.full(shape, dz / sum(shape)), "divides by n_H + n_W instead"),
        ],
    ),
    checks.check_pool_backward: (
        pool_backward_with(),
        [
            (pool_backward_with(stride_in_start=False), "ignore the stride"),
            (pool_backward_with(assign=True), "assigned (=) instead of added (+=)"),
            (pool_backward_with(first_max=True), "only the first maximum of a window gets dA"),
            (pool_backward_with(divide=False), "not divided by f·f"),
            (pool_backward_with(swap=True), "computes the average pooling's gradient"),
        ],
    ),
}


# ---- happy_model and convolutional_model (PyTorch) -------------------------------------------


def happy_model_with(pad=True, batch_norm=True, pool_stride=2, flat=32 * 4 * 4, units=1, end=None):
    def happy_model():
        layers = [
            *([nn.ZeroPad2d(3)] if pad else []),
            nn.Conv2d(1, 32, kernel_size=7, stride=1),
            *([nn.BatchNorm2d(32)] if batch_norm else []),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2, stride=pool_stride),
            nn.Flatten(),
            nn.Linear(flat, units),
            *([end] if end is not None else []),
        ]
        return nn.Sequential(*layers)

    return happy_model


class ConvolutionalModelWith(nn.Module):
    """The statement's ConvolutionalModel, with switches for the mistakes of its forward."""

    def __init__(self, conv1, conv2, fc, relus=(True, True), pools=(2, 2), start_dim=1, out=None):
        super().__init__()
        self.conv1, self.conv2, self.fc = conv1, conv2, fc
        self.relus, self.pools, self.start_dim, self.out = relus, pools, start_dim, out

    def forward(self, X):
        Z1 = self.conv1(X)
        A1 = F.relu(Z1) if self.relus[0] else Z1
        P1 = F.max_pool2d(A1, kernel_size=self.pools[0], stride=self.pools[0])
        Z2 = self.conv2(P1)
        A2 = F.relu(Z2) if self.relus[1] else Z2
        P2 = F.max_pool2d(A2, kernel_size=self.pools[1], stride=self.pools[1])
        Z3 = self.fc(torch.flatten(P2, start_dim=self.start_dim))
        return self.out(Z3) if self.out else Z3


def forward_with(**forward):
    """A ConvolutionalModel whose forward makes one of the mistakes."""

    def build(conv1, conv2, fc):
        return ConvolutionalModelWith(conv1, conv2, fc, **forward)

    return build


def convolutional_model_with(padding="same", n_C=None, flat=None):
    def convolutional_model(input_shape):
        n_C_in, n_H, n_W = input_shape
        conv1 = nn.Conv2d(n_C or n_C_in, 8, kernel_size=4, padding=padding)
        conv2 = nn.Conv2d(8, 16, kernel_size=2, padding="same")
        fc = nn.Linear(flat or 16 * (n_H // 4) * (n_W // 4), 10)
        return ConvolutionalModelWith(conv1, conv2, fc)

    return convolutional_model


CASES |= {
    checks.check_happy_model: (
        happy_model_with(),
        [
            (happy_model_with(pad=False), ("no nn.ZeroPad2d(3)", "n_H after the conv")),
            (happy_model_with(batch_norm=False), "no nn.BatchNorm2d(32)"),
            (happy_model_with(end=nn.Sigmoid()), "applies the sigmoid itself"),
            (happy_model_with(flat=32 * 8 * 8), ("a wrong flatten size", "has 512")),
            (happy_model_with(pool_stride=1, flat=32 * 7 * 7), "with stride 2"),
            (happy_model_with(units=2), "one output unit"),
        ],
    ),
    checks.check_ConvolutionalModel: (
        ConvolutionalModelWith,
        [
            (forward_with(relus=(True, False)), "the ReLU after conv2 is missing"),
            (forward_with(relus=(False, False)), "forward has no ReLU"),
            (forward_with(out=lambda Z: F.softmax(Z, dim=1)), "a softmax"),
            (forward_with(pools=(8, 4)), ("conv2 receives 8×1×1", "2×2 with stride 2")),
            (forward_with(start_dim=0), "start_dim=1"),
        ],
    ),
    checks.check_convolutional_model: (
        convolutional_model_with(),
        [
            (
                convolutional_model_with(flat=16 * 8 * 8),
                ("fc takes 1024 inputs", "before the pools"),
            ),
            (convolutional_model_with(padding=1), ('use padding="same"', "8×8 into 7×7")),
            (convolutional_model_with(padding="valid"), ("padding='valid'", "8×8 into 5×5")),
            (convolutional_model_with(n_C=1), "expected 3 (input_shape's n_C"),
        ],
    ),
}
