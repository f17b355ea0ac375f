"""Convolution and pooling layers in NumPy, forward and backward (Course 4, week 1).

Shapes as in the course: A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C),
b (1, 1, 1, n_C), Z (m, n_H, n_W, n_C) with n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1.
The loop versions (conv_forward, conv_backward, pool_forward, pool_backward) mirror the lecture line
by line; the *_fast versions compute the same with sliding windows and matrix products (im2col
forward, shifted rows backward) and use the same caches, so a loop backward takes a fast forward's
cache and vice versa.
Like PyTorch's conv2d, "convolution" here is cross-correlation: the filter is not flipped.
"""

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

from course_lib.validation import as_count, check_choice, check_finite, check_shape

POOL_MODES = ("max", "average")


class ConvCache(NamedTuple):
    """What conv_backward needs: A_prev, W, b and hparameters, as conv_forward received them.

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev);  W: (f, f, n_C_prev, n_C);  b: (1, 1, 1, n_C)
    hparameters: {"stride": s, "pad": p}
    """

    A_prev: np.ndarray
    W: np.ndarray
    b: np.ndarray
    hparameters: dict


class PoolCache(NamedTuple):
    """What pool_backward needs: A_prev and hparameters, as pool_forward received them.

    A_prev: (m, n_H_prev, n_W_prev, n_C);  hparameters: {"f": f, "stride": s}
    """

    A_prev: np.ndarray
    hparameters: dict


# ---- checks that teach ---------------------------------------------------------------------------


def _as_float_array(x, name):
    """x as a floating array (float32 stays float32, everything else becomes float64)."""
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        try:
            x = x.astype(np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{name} must be an array of numbers; got dtype {x.dtype}") from error
    return x


def _images(A, name, what="(m, n_H, n_W, n_C)"):
    A = _as_float_array(A, name)
    if A.ndim != 4:
        hint = (
            f" — for one image use {name}[np.newaxis]; for m grey images add a channel axis: "
            f"{name}[..., np.newaxis]"
            if A.ndim == 3
            else ""
        )
        raise ValueError(
            f"{name} must be a 4-D array {what} as in Course 4; got shape {A.shape}{hint}"
        )
    if A.shape[0] == 0:
        raise ValueError(f"{name} {A.shape} holds no images (m = 0): pass at least one")
    return check_finite(A, name)


def _hparameters(hparameters, keys, where):
    """The named whole-number hyperparameters; a clear error for a missing key or a wrong type."""
    if not isinstance(hparameters, Mapping):
        raise TypeError(
            f"{where} takes hparameters as a dict with the keys "
            f"{', '.join(map(repr, keys))}; "
            f"got {type(hparameters).__name__}"
        )
    missing = [k for k in keys if k not in hparameters]
    if missing:
        raise ValueError(
            f"hparameters for {where} must have the keys "
            f"{', '.join(map(repr, keys))}; "
            f"missing {', '.join(map(repr, missing))} (got "
            f"{sorted(map(str, hparameters))})"
        )
    minimum = {"pad": 0, "stride": 1, "f": 1}
    return [as_count(hparameters[k], f'hparameters["{k}"]', minimum[k]) for k in keys]


def _conv_setup(A_prev, W, b, hparameters, where):
    """Checked arrays and sizes for a conv layer: A_prev, W, b, stride, pad, f, n_H, n_W."""
    A_prev = _images(A_prev, "A_prev", "(m, n_H_prev, n_W_prev, n_C_prev)")
    W = check_finite(_as_float_array(W, "W"), "W")
    b = check_finite(_as_float_array(b, "b"), "b")
    if W.ndim != 4 or W.shape[0] != W.shape[1]:
        raise ValueError(
            f"W must be (f, f, n_C_prev, n_C) — n_C filters of f×f×n_C_prev; got shape {W.shape}"
        )
    f, _, n_C_prev, n_C = W.shape
    if A_prev.shape[3] != n_C_prev:
        hint = (
            " — is A_prev in PyTorch's NCHW layout? use A_prev.transpose(0, 2, 3, 1)"
            if A_prev.shape[1] == n_C_prev
            else ""
        )
        raise ValueError(
            f"A_prev {A_prev.shape} has n_C_prev = {A_prev.shape[3]} channels but W "
            f"{W.shape} expects "
            f"n_C_prev = {n_C_prev} (W is (f, f, n_C_prev, n_C)){hint}"
        )
    if b.shape != (1, 1, 1, n_C):
        raise ValueError(
            f"b must be (1, 1, 1, n_C) = (1, 1, 1, {n_C}) to match W {W.shape}; got "
            f"{b.shape}" + (f" — use b.reshape(1, 1, 1, {n_C})" if b.size == n_C else "")
        )
    stride, pad = _hparameters(hparameters, ("stride", "pad"), where)
    n_H, n_W = _output_sizes(A_prev.shape, f, pad, stride, f"W {W.shape}")
    return A_prev, W, b, stride, pad, f, n_H, n_W


def _output_sizes(shape, f, pad, stride, what):
    """(n_H, n_W) for images of this shape, or an error that names the image, the filter and the
    axis."""
    sizes = []
    for axis, n in (("n_H_prev", shape[1]), ("n_W_prev", shape[2])):
        try:
            sizes.append(conv_output_size(n, f, pad, stride))
        except ValueError as error:
            raise ValueError(
                f"A_prev {shape} is too small for {what} along {axis}: {error}"
            ) from None
    return tuple(sizes)


def _unpack_conv_cache(cache, where):
    try:
        A_prev, W, b, hparameters = cache
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{where} takes the cache (A_prev, W, b, hparameters) that conv_forward returned"
        ) from error
    return _conv_setup(A_prev, W, b, hparameters, where)


def _check_grad(dZ, shape, name, producer):
    dZ = _as_float_array(dZ, name)
    return check_shape(dZ, shape, name, note=f", the shape of {producer}'s output")


def _pool_setup(A_prev, hparameters, where):
    A_prev = _images(A_prev, "A_prev", "(m, n_H_prev, n_W_prev, n_C)")
    if isinstance(hparameters, Mapping) and hparameters.get("pad"):
        raise ValueError(
            f"{where} takes no padding (hparameters 'f' and 'stride' only); got pad = "
            f"{hparameters['pad']}"
        )
    f, stride = _hparameters(hparameters, ("f", "stride"), where)
    n_H, n_W = _output_sizes(A_prev.shape, f, 0, stride, f"the {f}×{f} pooling window")
    return A_prev, f, stride, n_H, n_W


def _unpack_pool_cache(cache, where):
    try:
        A_prev, hparameters = cache
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{where} takes the cache (A_prev, hparameters) that pool_forward returned"
        ) from error
    return _pool_setup(A_prev, hparameters, where)


# ---- sizes ---------------------------------------------------------------------------------------


def conv_output_size(n, f, pad=0, stride=1):
    """n_out = ⌊(n + 2p − f) / s⌋ + 1 (Course 4, week 1).

    n: input size;  f: filter size;  pad: p;  stride: s (all whole numbers)
    Returns n_out, an int.
    """
    n = as_count(n, "n", 1)
    f = as_count(f, "f", 1)
    pad = as_count(pad, "pad", 0)
    stride = as_count(stride, "stride", 1)
    if f > n + 2 * pad:
        raise ValueError(
            f"the filter (f = {f}) is larger than the padded input (n + 2p = {n} + "
            f"2·{pad} = {n + 2 * pad}); "
            "use a smaller filter or more padding"
        )
    return (n + 2 * pad - f) // stride + 1


def conv_param_count(f, n_C_prev, n_C):
    """Parameters of a conv layer: (f · f · n_C_prev + 1) · n_C, weights and one bias per filter."""
    f = as_count(f, "f", 1)
    n_C_prev = as_count(n_C_prev, "n_C_prev", 1)
    n_C = as_count(n_C, "n_C", 1)
    return (f * f * n_C_prev + 1) * n_C


# ---- loop versions, as in the lecture ------------------------------------------------------------


def zero_pad(X, pad):
    """X padded with p zeros on both spatial axes (Course 4, week 1).

    X: (m, n_H, n_W, n_C);  pad: p
    Returns (m, n_H + 2p, n_W + 2p, n_C).
    """
    return _zero_pad(_images(X, "X"), as_count(pad, "pad", 0))


def _zero_pad(X, pad):
    """zero_pad without the checks, for arguments already checked."""
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def conv_single_step(a_slice_prev, W, b):
    """Z = Σ a_slice_prev ⊙ W + b, one filter on one window (Course 4, week 1).

    a_slice_prev: (f, f, n_C_prev) the window;  W: (f, f, n_C_prev) one filter;  b: (1, 1, 1)
    Returns Z, a float.
    """
    a_slice_prev = _as_float_array(a_slice_prev, "a_slice_prev")
    W = _as_float_array(W, "W")
    b = _as_float_array(b, "b")
    if a_slice_prev.shape != W.shape:
        raise ValueError(
            f"a_slice_prev {a_slice_prev.shape} and W {W.shape} must have the same "
            f"shape (f, f, n_C_prev)"
        )
    if b.size != 1:
        raise ValueError(f"b must hold one number, (1, 1, 1) for one filter; got shape {b.shape}")
    return _conv_single_step(a_slice_prev, W, b)


def _conv_single_step(a_slice_prev, W, b):
    """conv_single_step without the checks, for conv_forward's loops (checked once, outside)."""
    return float(np.sum(a_slice_prev * W) + b.item())


def conv_forward(A_prev, W, b, hparameters):
    """Z[i, h, w, c] = Σ a_prev_pad[i, h·s : h·s+f, w·s : w·s+f, :] ⊙ W[..., c] + b[..., c].

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev)
    W: (f, f, n_C_prev, n_C);  b: (1, 1, 1, n_C);  hparameters: {"stride": s, "pad": p}
    Returns Z (m, n_H, n_W, n_C) and the ConvCache (Course 4, week 1).
    """
    A_prev, W, b, stride, pad, f, n_H, n_W = _conv_setup(A_prev, W, b, hparameters, "conv_forward")
    m, n_C = A_prev.shape[0], W.shape[3]
    Z = np.zeros((m, n_H, n_W, n_C), dtype=np.result_type(A_prev, W, b))
    A_prev_pad = _zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = _conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z, ConvCache(A_prev, W, b, hparameters)


def conv_backward(dZ, cache):
    """conv_forward's backward, by the lecture's loops (Course 4, week 1).

    For every window and filter c: da_prev_pad[window] += W[..., c] · dZ[i, h, w, c],
    dW[..., c] += a_slice · dZ[i, h, w, c], db[..., c] += dZ[i, h, w, c] (sums, no 1/m)
    dZ: (m, n_H, n_W, n_C);  cache: the ConvCache of conv_forward
    Returns dA_prev (m, n_H_prev, n_W_prev, n_C_prev), dW (f, f, n_C_prev, n_C), db (1, 1, 1, n_C).
    """
    A_prev, W, b, stride, pad, f, n_H, n_W = _unpack_conv_cache(cache, "conv_backward")
    m, n_C = A_prev.shape[0], W.shape[3]
    dZ = _check_grad(dZ, (m, n_H, n_W, n_C), "dZ", "conv_forward")
    dtype = np.result_type(A_prev, W, b, dZ)
    dW = np.zeros(W.shape, dtype=dtype)
    db = np.zeros(b.shape, dtype=dtype)
    A_prev_pad = _zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape, dtype=dtype)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += (
                        W[:, :, :, c] * dZ[i, h, w, c]
                    )
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    # unpad (also right for pad = 0)
    dA_prev = dA_prev_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :].copy()
    return dA_prev, dW, db


def pool_forward(A_prev, hparameters, mode="max"):
    """A[i, h, w, c] = max (or mean) of A_prev[i, h·s : h·s+f, w·s : w·s+f, c] (Course 4, week 1).

    A_prev: (m, n_H_prev, n_W_prev, n_C);  hparameters: {"f", "stride"};  mode: "max" or "average"
    Returns A (m, n_H, n_W, n_C) and the PoolCache.
    """
    check_choice(mode, POOL_MODES, "pooling mode")
    A_prev, f, stride, n_H, n_W = _pool_setup(A_prev, hparameters, "pool_forward")
    m, n_C = A_prev.shape[0], A_prev.shape[3]
    A = np.zeros((m, n_H, n_W, n_C), dtype=A_prev.dtype)
    reduce = np.max if mode == "max" else np.mean
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    A[i, h, w, c] = reduce(A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c])
    return A, PoolCache(A_prev, hparameters)


def create_mask_from_window(x):
    """mask = (x == max(x)): True where the window's maximum sits; x (f, f)."""
    x = np.asarray(x)
    return x == np.max(x)


def distribute_value(dz, shape):
    """dz / (n_H · n_W) in every cell of an (n_H, n_W) array: average pooling's gradient."""
    n_H, n_W = shape
    return np.full((n_H, n_W), dz / (n_H * n_W))


def pool_backward(dA, cache, mode="max"):
    """dA_prev[window] += mask · dA[i, h, w, c] (max) or dA[i, h, w, c] / f² (average).

    dA: (m, n_H, n_W, n_C);  cache: the PoolCache of pool_forward;  mode: as pool_forward
    Returns dA_prev (m, n_H_prev, n_W_prev, n_C) (Course 4, week 1).
    """
    check_choice(mode, POOL_MODES, "pooling mode")
    A_prev, f, stride, n_H, n_W = _unpack_pool_cache(cache, "pool_backward")
    m, n_C = A_prev.shape[0], A_prev.shape[3]
    dA = _check_grad(dA, (m, n_H, n_W, n_C), "dA", "pool_forward")
    dA_prev = np.zeros(A_prev.shape, dtype=np.result_type(A_prev, dA))
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(
                            a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        )
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += (
                            mask * dA[i, h, w, c]
                        )
                    else:
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += (
                            distribute_value(dA[i, h, w, c], (f, f))
                        )
    return dA_prev


# ---- vectorized versions (forward: im2col; backward: shifted rows) -------------------------------


# Speed settings only (the results do not depend on them). The forward's column matrix is built a
# block of ≤ _BLOCK_ROWS rows at a time (whole images, or bands of output rows of one large image;
# 0.6 MB for the bench's float32 layer): it stays in the CPU's cache, where it is multiplied about
# twice as fast as one matrix of the whole batch, and a call's extra memory is one block's.
_BLOCK_ROWS = 1024
# Each product is computed in slices of rows with rows · k · n ≤ _PRODUCT_SIZE multiply-adds, for a
# (k, n) other factor: OpenBLAS's AVX-512 kernels multiply products this small without packing them
# first, measured 1.1–1.4× faster here (its AVX2 kernels have no such path: the slices cost ≤ 5 %).
_PRODUCT_SIZE = 1_000_000
# The backward loads ≤ _GRID_BYTES of padded images, dZ and dA_prev at a time (at least one image):
# 1 MiB (3 images of the bench's float32 layer) measured faster here than 0.25, 0.5 or 2 MiB.
_GRID_BYTES = 2**20


def _blocks(m, n_H, n_W):
    """(images, output rows) slice pairs of ≤ _BLOCK_ROWS windows each (at least one output row):
    several whole images, or, where one image has more windows, bands of one image's rows."""
    if n_H * n_W <= _BLOCK_ROWS:
        step = _BLOCK_ROWS // (n_H * n_W)
        return [(slice(i, min(i + step, m)), slice(0, n_H)) for i in range(0, m, step)]
    band = max(1, _BLOCK_ROWS // n_W)
    return [
        (slice(i, i + 1), slice(h, min(h + band, n_H)))
        for i in range(m)
        for h in range(0, n_H, band)
    ]


def _slice_rows(k, n):
    """The most rows of a (rows, k) matrix in one product with a (k, n) matrix (_PRODUCT_SIZE)."""
    return max(1, _PRODUCT_SIZE // (k * n))


def _row_slices(rows, k, n):
    """Slices of a (rows, k) matrix's rows, each small enough (_PRODUCT_SIZE) for a product with a
    (k, n) matrix."""
    step = _slice_rows(k, n)
    return [slice(start, start + step) for start in range(0, rows, step)]


def _matmul_into(X, Y, out):
    """out = X · Y, slice of rows by slice of rows (_slice_rows): the whole slices as one stacked
    product, then the rest. X and out are C-contiguous."""
    step = _slice_rows(*Y.shape)
    whole = len(X) // step * step
    np.matmul(
        X[:whole].reshape(-1, step, Y.shape[0]), Y, out=out[:whole].reshape(-1, step, Y.shape[1])
    )
    np.matmul(X[whole:], Y, out=out[whole:])


class _Columns:
    """im2col of X (m, n_H_in, n_W_in, n_C) by blocks (see _blocks): every f×f×n_C window as one
    row, ordered like W.reshape(-1, n_C), then a 1 (for the bias).

    Holds one padded block of images, its windows (a view) and one column matrix, reused for every
    block; the first block is the largest.
    """

    def __init__(self, X, f, stride, pad, n_H, n_W, dtype, first_block):
        n_H_in, n_W_in, n_C = X.shape[1:]
        images, rows = first_block
        self.X, self.loaded = X, None
        self.interior = (slice(None), slice(pad, pad + n_H_in), slice(pad, pad + n_W_in))
        self.padded = np.zeros(
            (images.stop - images.start, n_H_in + 2 * pad, n_W_in + 2 * pad, n_C), dtype=dtype
        )
        # a window's row kh (f pixels × n_C channels) is f·n_C numbers in a row of the padded image
        padded_rows = self.padded.reshape(*self.padded.shape[:2], -1)
        windows = sliding_window_view(padded_rows, (f, f * n_C), axis=(1, 2))
        self.windows = windows[:, ::stride, :: stride * n_C][:, :n_H, :n_W]
        self.width = f * f * n_C + 1
        self.columns = np.ones(
            (len(self.padded), rows.stop - rows.start, n_W, self.width), dtype=dtype
        )
        # the windows go to the first f·f·n_C columns; the last stays 1
        self.windows_part = self.columns[..., :-1].reshape(*self.columns.shape[:3], f, f * n_C)

    def __call__(self, images, rows):
        """The columns of X[images]'s windows in output rows `rows`, and a column of ones:
        (windows, f·f·n_C + 1)."""
        k = images.stop - images.start
        if images != self.loaded:
            self.padded[:k][self.interior] = self.X[images]  # the border stays 0
            self.loaded = images
        n = rows.stop - rows.start
        np.copyto(self.windows_part[:k, :n], self.windows[:k, rows])
        return self.columns[:k, :n].reshape(-1, self.width)


def _offsets(f, stride, n_H, n_W):
    """For each filter offset (kh, kw), the slices of the padded input that it meets across all
    windows."""
    for kh in range(f):
        for kw in range(f):
            yield (
                kh,
                kw,
                (
                    slice(None),
                    slice(kh, kh + stride * (n_H - 1) + 1, stride),
                    slice(kw, kw + stride * (n_W - 1) + 1, stride),
                    slice(None),
                ),
            )


def conv_forward_fast(A_prev, W, b, hparameters):
    """conv_forward vectorized: Z = [im2col(A_prev_pad) | 1] · [W.reshape(f·f·n_C_prev, n_C); b].

    im2col(A_prev_pad) is (m·n_H·n_W, f·f·n_C_prev), one window per row; with a column of ones it
    multiplies W's rows and b's in one product, built and multiplied a block of ≤ 1024 windows at
    a time (_blocks), so the extra memory stays that of one block.
    Same arguments, shapes, result, dtype (float32 stays float32) and ConvCache as conv_forward.
    """
    A_prev, W, b, stride, pad, f, n_H, n_W = _conv_setup(
        A_prev, W, b, hparameters, "conv_forward_fast"
    )
    m, n_C = A_prev.shape[0], W.shape[3]
    dtype = np.result_type(A_prev, W, b)
    W_and_b = np.concatenate([W.reshape(-1, n_C), b.reshape(1, n_C)]).astype(dtype, copy=False)
    blocks = _blocks(m, n_H, n_W)
    columns = _Columns(A_prev, f, stride, pad, n_H, n_W, dtype, blocks[0])
    Z = np.empty((m, n_H, n_W, n_C), dtype=dtype)
    for images, rows in blocks:
        _matmul_into(columns(images, rows), W_and_b, Z[images, rows].reshape(-1, n_C))
    return Z, ConvCache(A_prev, W, b, hparameters)


def conv_backward_fast(dZ, cache):
    """conv_backward vectorized without im2col: one matrix product per filter offset for dW and
    one for dA_prev, on shifted rows of the padded images.

    Flattened to rows of channels, the padded images A_prev_pad put pixel (Y, X) on row Y·W_r + X
    (W_r ≥ n_W_prev + p pixels a row: see _Grid), and dZ is laid out on a grid of the same row
    width (output (h, w) on grid row q = h·W_r + w, zeros elsewhere): output q then meets, through
    the filter offset (kh, kw), the padded pixel on row s·q + kh·W_r + kw. Over the grid's rows q:
    dW[kh, kw] = Σ_q A_prev_pad[s·q + kh·W_r + kw]ᵀ · dZ[q]       (n_C_prev, n_C)
    dA_prev_pad[s·q + kh·W_r + kw] += dZ[q] · W[kh, kw]ᵀ           (n_C_prev)
    dA_prev = dA_prev_pad without its border;  db = Σ dZ over m, h, w.
    A block of images at a time (_Grid), so the extra memory is one block's (≥ one image's).
    Same arguments, shapes, results and dtypes as conv_backward.
    """
    A_prev, W, b, stride, pad, f, n_H, n_W = _unpack_conv_cache(cache, "conv_backward_fast")
    m, n_C = A_prev.shape[0], W.shape[3]
    dZ = _check_grad(dZ, (m, n_H, n_W, n_C), "dZ", "conv_forward")
    dtype = np.result_type(A_prev, W, b, dZ)
    W_T = np.ascontiguousarray(W.transpose(0, 1, 3, 2), dtype=dtype)  # W_T[kh, kw] = W[kh, kw]ᵀ
    grid = _Grid(A_prev, dZ, f, stride, pad, dtype)
    dA_prev = np.empty(A_prev.shape, dtype=dtype)
    dW = np.zeros(W.shape, dtype=dtype)
    db = np.zeros(n_C, dtype=dtype)
    for images in grid.blocks:
        dZ_grid = grid.load(images)
        db += grid.ones[: len(dZ_grid)] @ dZ_grid  # Σ over rows (a product: faster than .sum)
        A_shifts, dA_shifts = grid.shifts(len(dZ_grid))
        # last slice first: with s = 1, offset (0, 0) then writes its slice's rows of dA_prev_pad
        # before any other offset adds to them (grid.load zeroed only the rows below them)
        for q in reversed(_row_slices(len(dZ_grid), n_C, A_prev.shape[3])):
            dZ_q = dZ_grid[q]
            dW += np.matmul(A_shifts[:, :, q].swapaxes(2, 3), dZ_q)  # f·f products at once
            for kh in range(f):
                products = np.matmul(dZ_q, W_T[kh], out=grid.products[:, : len(dZ_q)])
                for kw in range(f):
                    if stride == 1 and kh == kw == 0:
                        dA_shifts[0, 0, q] = products[0]
                    else:
                        dA_shifts[kh, kw, q] += products[kw]
        dA_prev[images] = grid.unpadded(images)
    return dA_prev, dW, db.reshape(b.shape)


class _Grid:
    """conv_backward_fast's rows for a block of images at a time: A_prev_pad, dZ on its grid and
    dA_prev_pad, allocated once for ≤ _GRID_BYTES (at least one image) and reused for each block.

    The padded pixel (Y, X) of image i is on row (i·R + Y)·W_r + X of a flat array of zeros: rows of
    W_r = max(n_W_prev + p, n_W) pixels, so that a row's right border is the next row's left
    border (pixels past W_r wrap onto those zeros), images of R = s·max(⌈(n_H_prev + p)/s⌉, n_H)
    rows, so that an image's bottom border is the next image's top border. Output (i, h, w) is on
    grid row q = i·R/s·W_r + h·W_r + w and meets, through offset (kh, kw), row s·q + kh·W_r + kw.
    """

    def __init__(self, A_prev, dZ, f, stride, pad, dtype):
        m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
        n_H, n_W, n_C = dZ.shape[1:]
        self.A_prev, self.dZ, self.f, self.stride = A_prev, dZ, f, stride
        self.W_r = W_r = max(n_W_prev + pad, n_W)  # n_W > n_W_prev + p where p > f − 1
        H_grid = max(-(-(n_H_prev + pad) // stride), n_H)  # R / s
        self.grid_rows = H_grid * W_r  # per image
        row_bytes = (n_C + 2 * stride * n_C_prev) * np.dtype(dtype).itemsize
        k = min(m, max(1, _GRID_BYTES // (row_bytes * self.grid_rows)))
        self.blocks = [slice(i, min(i + k, m)) for i in range(0, m, k)]
        # k images of R rows, then room for the last one's bottom border and wrapped pixels
        rows = (k * stride * H_grid + 2 * pad + 1) * W_r
        self.A_pad = np.zeros((rows, n_C_prev), dtype=dtype)
        self.dA_pad = np.empty_like(self.A_pad)
        self.dZ_grid = np.zeros((k, H_grid, W_r, n_C), dtype=dtype)
        self.outputs = (slice(0, n_H), slice(0, n_W))
        # the block's images in A_prev_pad and dA_prev_pad (views (k, n_H_prev, n_W_prev, n_C_prev))
        start = pad * W_r + pad
        self.A_images, self.dA_images = (
            padded[start : start + k * stride * self.grid_rows].reshape(
                k, stride * H_grid, W_r, n_C_prev
            )[:, :n_H_prev, :n_W_prev]
            for padded in (self.A_pad, self.dA_pad)
        )
        # the grid rows after the last image's last output
        self.tail = self.grid_rows - ((n_H - 1) * W_r + n_W)
        self.ones = np.ones(k * self.grid_rows, dtype=dtype)
        # dZ[q] · W[kh, kw]ᵀ for one kh, each kw, a slice of rows q (_row_slices)
        slice_rows = min(k * self.grid_rows, _slice_rows(n_C, n_C_prev))
        self.products = np.empty((f, slice_rows, n_C_prev), dtype=dtype)

    def load(self, images):
        """Loads the block's images into A_prev_pad and the dZ grid and zeros dA_prev_pad (with
        s = 1, the rows that offset (0, 0) does not write); returns the dZ grid's rows (rows, n_C)
        up to the block's last output."""
        k = images.stop - images.start
        self.A_images[:k] = self.A_prev[images]  # the borders stay 0
        self.dZ_grid[(slice(0, k), *self.outputs)] = self.dZ[images]  # the rest stays 0
        rows = k * self.grid_rows - self.tail
        self.dA_pad[rows if self.stride == 1 else 0 :] = 0
        return self.dZ_grid.reshape(-1, self.dZ_grid.shape[3])[:rows]

    def shifts(self, rows):
        """A_prev_pad's and dA_prev_pad's rows s·q + kh·W_r + kw for the grid's rows q < rows:
        two views (f, f, rows, n_C_prev), [kh, kw, q] (overlapping: rows shared by offsets)."""
        views = []
        for padded in (self.A_pad, self.dA_pad):
            row, channel = padded.strides
            shape = (self.f, self.f, rows, padded.shape[1])
            strides = (self.W_r * row, row, self.stride * row, channel)
            views.append(as_strided(padded, shape, strides))
        return views

    def unpadded(self, images):
        """The block's dA_prev: dA_prev_pad without its borders."""
        return self.dA_images[: images.stop - images.start]


def pool_forward_fast(A_prev, hparameters, mode="max"):
    """pool_forward vectorized: the max (or mean) over the f·f shifted, strided views of A_prev.

    Same arguments, shapes, result and PoolCache as pool_forward.
    """
    check_choice(mode, POOL_MODES, "pooling mode")
    A_prev, f, stride, n_H, n_W = _pool_setup(A_prev, hparameters, "pool_forward_fast")
    return _pool_values(A_prev, f, stride, n_H, n_W, mode), PoolCache(A_prev, hparameters)


def _pool_values(A_prev, f, stride, n_H, n_W, mode):
    A = None
    for _, _, window in _offsets(f, stride, n_H, n_W):
        if A is None:
            A = A_prev[window].copy()
        elif mode == "max":
            np.maximum(A, A_prev[window], out=A)
        else:
            A += A_prev[window]
    if mode == "average":
        A /= f * f
    return A


def pool_backward_fast(dA, cache, mode="max"):
    """pool_backward vectorized, one step per filter offset.

    For each offset: dA_prev[offset view] += (A_prev == A) · dA (max) or dA / f² (average).

    Same arguments, shapes and result as pool_backward.
    """
    check_choice(mode, POOL_MODES, "pooling mode")
    A_prev, f, stride, n_H, n_W = _unpack_pool_cache(cache, "pool_backward_fast")
    m, n_C = A_prev.shape[0], A_prev.shape[3]
    dA = _check_grad(dA, (m, n_H, n_W, n_C), "dA", "pool_forward")
    dA_prev = np.zeros(A_prev.shape, dtype=np.result_type(A_prev, dA))
    if mode == "max":
        A = _pool_values(A_prev, f, stride, n_H, n_W, "max")
        for _, _, window in _offsets(f, stride, n_H, n_W):
            # every maximum of a window, as create_mask_from_window
            dA_prev[window] += (A_prev[window] == A) * dA
    else:
        share = dA / (f * f)
        for _, _, window in _offsets(f, stride, n_H, n_W):
            dA_prev[window] += share
    return dA_prev
