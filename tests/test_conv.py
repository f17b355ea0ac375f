"""course_lib.conv: convolution and pooling, loop and vectorized (Course 4, week 1). Gradient
checks, torch parity and no input mutation are generated from the op table in tests/test_ops.py."""

from contextlib import contextmanager

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from course_lib import conv
from course_lib.conv import (
    ConvCache,
    PoolCache,
    conv_backward,
    conv_backward_fast,
    conv_forward,
    conv_forward_fast,
    conv_output_size,
    conv_param_count,
    conv_single_step,
    create_mask_from_window,
    distribute_value,
    pool_backward,
    pool_backward_fast,
    pool_forward,
    pool_forward_fast,
    zero_pad,
)

CONV = {"loop": (conv_forward, conv_backward), "fast": (conv_forward_fast, conv_backward_fast)}
POOL = {"loop": (pool_forward, pool_backward), "fast": (pool_forward_fast, pool_backward_fast)}
MODES = ("max", "average")


def conv_layer(rng, m=2, n_H=5, n_W=4, n_C_prev=3, f=3, n_C=2):
    return (
        rng.standard_normal((m, n_H, n_W, n_C_prev)),
        rng.standard_normal((f, f, n_C_prev, n_C)),
        rng.standard_normal((1, 1, 1, n_C)),
    )


# ---- sizes ---------------------------------------------------------------------------------------


def test_conv_output_size_on_the_lectures_examples():
    # the "example ConvNet": 39×39×3 → f 3, s 1 → 37 → f 5, s 2 → 17 → f 5, s 2 → 7
    assert conv_output_size(39, 3, 0, 1) == 37
    assert conv_output_size(37, 5, 0, 2) == 17
    assert conv_output_size(17, 5, 0, 2) == 7
    assert conv_output_size(6, 3) == 4  # 6×6 image, 3×3 filter → 4×4
    assert conv_output_size(7, 3, 0, 2) == 3  # strided convolution: 7×7, f 3, s 2 → 3×3
    assert conv_output_size(32, 5) == 28  # "why convolutions": 32×32×3 → 28×28×6


@given(n=st.integers(1, 64), half=st.integers(0, 4))
def test_same_padding_keeps_the_size(n, half):
    f = 2 * half + 1
    assume(f <= n + 2 * half)
    assert conv_output_size(n, f, pad=(f - 1) // 2, stride=1) == n


@given(n=st.integers(1, 30), f=st.integers(1, 8), pad=st.integers(0, 3), stride=st.integers(1, 4))
def test_conv_output_size_counts_the_windows_that_fit(n, f, pad, stride):
    assume(f <= n + 2 * pad)
    starts = [s for s in range(0, n + 2 * pad, stride) if s + f <= n + 2 * pad]
    assert conv_output_size(n, f, pad, stride) == len(starts)


def test_conv_output_size_accepts_numpy_ints_and_refuses_floats():
    # one rule for counts across course_lib (validation.as_count): a float, even 3.0, is not a size
    assert conv_output_size(np.int64(6), 3, np.int32(1), 1) == 6
    with pytest.raises(TypeError, match="f must be a whole number ≥ 1; got 3.0"):
        conv_output_size(6, 3.0, 1, 1)


@pytest.mark.parametrize(
    "args, error, words",
    [
        ((3, 5, 0, 1), ValueError, ["f = 5", "n + 2p", "3"]),
        ((4, 7, 1, 1), ValueError, ["f = 7", "4 + 2·1 = 6"]),
        ((6, 3, 0, 1.5), TypeError, ["stride", "whole number", "1.5"]),
        ((6, 3, 0.5, 1), TypeError, ["pad", "whole number"]),
        ((6, 3, 0, 0), ValueError, ["stride", "≥ 1"]),
        ((6, 3, -1, 1), ValueError, ["pad", "≥ 0"]),
        ((6, "3", 0, 1), TypeError, ["f", "whole number", "'3'"]),
        ((6, 3, None, 1), TypeError, ["pad"]),
        ((6, 3, 0, True), TypeError, ["stride"]),
    ],
)
def test_conv_output_size_refuses_bad_sizes(args, error, words):
    with pytest.raises(error) as info:
        conv_output_size(*args)
    for word in words:
        assert word in str(info.value)


def test_conv_param_count():
    assert conv_param_count(3, 3, 10) == 280  # ten 3×3×3 filters: (27 + 1)·10
    # c4w1 "why convolutions": 32×32×3 → 28×28×6 with six 5×5 filters; the lecture counts (25 + 1)·6
    # = 156
    assert conv_param_count(5, 1, 6) == 156
    assert conv_param_count(5, 3, 6) == 456  # with the three input channels counted
    # a fully connected layer between the same volumes
    dense_weights = (32 * 32 * 3) * (28 * 28 * 6)
    assert dense_weights == 14_450_688 and dense_weights > 30_000 * conv_param_count(5, 3, 6)
    with pytest.raises(ValueError, match="f"):
        conv_param_count(0, 3, 10)


# ---- golden values of the course's assignment (np.random.seed(1) test cases) ---------------------


def test_zero_pad_course_example():
    np.random.seed(1)
    x = np.random.randn(4, 3, 3, 2)
    x_pad = zero_pad(x, 2)
    assert x_pad.shape == (4, 7, 7, 2)
    np.testing.assert_array_equal(x_pad[1, 1], np.zeros((7, 2)))
    np.testing.assert_array_equal(x_pad[:, 2:5, 2:5, :], x)
    assert np.count_nonzero(x_pad) == x.size
    assert zero_pad(x, 0).shape == x.shape


def test_conv_single_step_course_example():
    np.random.seed(1)
    a_slice_prev = np.random.randn(4, 4, 3)
    W = np.random.randn(4, 4, 3)
    b = np.random.randn(1, 1, 1)
    Z = conv_single_step(a_slice_prev, W, b)
    assert isinstance(Z, float)
    assert Z == pytest.approx(-6.99908945068, abs=1e-10)


@pytest.mark.parametrize("version", CONV)
def test_conv_forward_course_example(version):
    np.random.seed(1)
    A_prev = np.random.randn(10, 5, 7, 4)
    W = np.random.randn(3, 3, 4, 8)
    b = np.random.randn(1, 1, 1, 8)
    Z, cache = CONV[version][0](A_prev, W, b, {"pad": 1, "stride": 2})
    assert Z.shape == (10, 3, 4, 8)
    assert np.mean(Z) == pytest.approx(0.692360880758, abs=1e-11)
    np.testing.assert_allclose(
        Z[3, 2, 1],
        [
            -1.28912231,
            2.27650251,
            6.61941931,
            0.95527176,
            8.25132576,
            2.31329639,
            13.00689405,
            2.34576051,
        ],
        atol=1e-8,
    )
    assert isinstance(cache, ConvCache)
    A_cached, W_cached, b_cached, hp_cached = cache  # still unpacks like the course's tuple
    assert (
        A_cached is A_prev
        and W_cached is W
        and b_cached is b
        and hp_cached == {"pad": 1, "stride": 2}
    )


@pytest.mark.parametrize("version", CONV)
def test_conv_backward_course_example(version):
    np.random.seed(1)
    A_prev = np.random.randn(10, 4, 4, 3)
    W = np.random.randn(2, 2, 3, 8)
    b = np.random.randn(1, 1, 1, 8)
    forward, backward = CONV[version]
    Z, cache = forward(A_prev, W, b, {"pad": 2, "stride": 2})
    dA, dW, db = backward(Z, cache)
    assert (dA.shape, dW.shape, db.shape) == (A_prev.shape, W.shape, b.shape)
    assert np.mean(dA) == pytest.approx(1.45243777, abs=1e-8)
    assert np.mean(dW) == pytest.approx(1.72699145, abs=1e-8)
    assert np.mean(db) == pytest.approx(7.83923256, abs=1e-8)


@pytest.mark.parametrize("version", POOL)
def test_pool_forward_course_example(version):
    np.random.seed(1)
    A_prev = np.random.randn(2, 4, 4, 3)
    A_max, cache = POOL[version][0](A_prev, {"stride": 2, "f": 3})
    A_avg, _ = POOL[version][0](A_prev, {"stride": 2, "f": 3}, mode="average")
    assert A_max.shape == A_avg.shape == (2, 1, 1, 3)
    np.testing.assert_allclose(
        A_max.ravel(),
        [1.74481176, 0.86540763, 1.13376944, 1.13162939, 1.51981682, 2.18557541],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        A_avg.ravel(),
        [0.02105773, -0.20328806, -0.40389855, -0.22154621, 0.51716526, 0.48155844],
        atol=1e-8,
    )
    assert isinstance(cache, PoolCache)
    A_cached, hp_cached = cache
    assert A_cached is A_prev and hp_cached == {"stride": 2, "f": 3}


@pytest.mark.parametrize("version", POOL)
def test_pool_backward_course_example(version):
    np.random.seed(1)
    A_prev = np.random.randn(5, 5, 3, 2)
    forward, backward = POOL[version]
    _, cache = forward(A_prev, {"stride": 1, "f": 2})
    dA = np.random.randn(5, 4, 2, 2)
    np.testing.assert_allclose(
        backward(dA, cache, mode="max")[1, 1],
        [[0, 0], [5.05844394, -1.68282702], [0, 0]],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        backward(dA, cache, mode="average")[1, 1],
        [[0.08485462, 0.2787552], [1.26461098, -0.25749373], [1.17975636, -0.53624893]],
        atol=1e-8,
    )


def test_mask_and_distribute_value_course_examples():
    np.random.seed(1)
    x = np.random.randn(2, 3)
    np.testing.assert_array_equal(
        create_mask_from_window(x), [[True, False, False], [False, False, False]]
    )
    np.testing.assert_array_equal(distribute_value(2, (2, 2)), np.full((2, 2), 0.5))
    assert distribute_value(2, (2, 2)).dtype == np.float64


# ---- gradient checks (float64) -------------------------------------------------------------------

# ---- loop == vectorized, on drawn shapes ---------------------------------------------------------

conv_cases = st.fixed_dictionaries(
    {
        "m": st.integers(1, 2),
        "n_H": st.integers(1, 6),
        "n_W": st.integers(1, 6),
        "n_C_prev": st.integers(1, 3),
        "n_C": st.integers(1, 3),
        "f": st.integers(1, 4),
        "pad": st.integers(0, 2),
        "stride": st.integers(1, 3),
        "seed": st.integers(0, 2**16),
    }
)


@settings(max_examples=40, deadline=None)
@given(case=conv_cases)
def test_conv_loop_and_fast_agree(case):
    assume(case["f"] <= min(case["n_H"], case["n_W"]) + 2 * case["pad"])
    rng = np.random.default_rng(case["seed"])
    A_prev, W, b = conv_layer(
        rng, case["m"], case["n_H"], case["n_W"], case["n_C_prev"], case["f"], case["n_C"]
    )
    hp = {"stride": case["stride"], "pad": case["pad"]}
    Z, cache = conv_forward(A_prev, W, b, hp)
    Z_fast, cache_fast = conv_forward_fast(A_prev, W, b, hp)
    np.testing.assert_allclose(Z_fast, Z, rtol=1e-12, atol=1e-12)
    dZ = rng.standard_normal(Z.shape)
    expected = conv_backward(dZ, cache)
    for got in (
        conv_backward_fast(dZ, cache),
        conv_backward_fast(dZ, cache_fast),
        conv_backward(dZ, cache_fast),
    ):
        for g, e in zip(got, expected, strict=True):
            assert g.shape == e.shape
            np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-12)


@contextmanager
def small_blocks(block_rows, product_size):
    """conv's blocks of images and slices of rows made small, so that a few images take several
    blocks (the last one partial) and each product several slices: the forward's blocks of
    block_rows windows, the backward's of 200·block_rows bytes (from one image to all of them)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conv, "_BLOCK_ROWS", block_rows)
        patch.setattr(conv, "_GRID_BYTES", 200 * block_rows)
        patch.setattr(conv, "_PRODUCT_SIZE", product_size)
        yield


@settings(max_examples=40, deadline=None)
@given(
    case=conv_cases,
    m=st.integers(1, 5),
    block_rows=st.integers(1, 80),
    product_size=st.sampled_from([1, 100, 1_000_000]),
)
def test_conv_fast_by_blocks_agrees_with_the_loops(case, m, block_rows, product_size):
    assume(case["f"] <= min(case["n_H"], case["n_W"]) + 2 * case["pad"])
    rng = np.random.default_rng(case["seed"])
    A_prev, W, b = conv_layer(
        rng, m, case["n_H"], case["n_W"], case["n_C_prev"], case["f"], case["n_C"]
    )
    hp = {"stride": case["stride"], "pad": case["pad"]}
    Z, cache = conv_forward(A_prev, W, b, hp)
    dZ = rng.standard_normal(Z.shape)
    expected = conv_backward(dZ, cache)
    with small_blocks(block_rows, product_size):
        Z_fast, cache_fast = conv_forward_fast(A_prev, W, b, hp)
        got = conv_backward_fast(dZ, cache_fast)
    np.testing.assert_allclose(Z_fast, Z, rtol=1e-12, atol=1e-12)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("pad", [0, 1, 3])
def test_conv_backward_fast_in_blocks_of_two_images_agrees_with_the_loops(stride, pad):
    # 5 images in blocks of 2, 2 and 1, each product in slices of 8 rows: the rows of an image's
    # grid and of its padded pixels line up across images (borders shared between rows and
    # between images), and dA_prev_pad's rows are written before they are added to
    rng = np.random.default_rng(stride * 10 + pad)
    A_prev, W, b = conv_layer(rng, m=5, n_H=7, n_W=6, n_C_prev=3, f=3, n_C=4)
    hp = {"stride": stride, "pad": pad}
    Z, cache = conv_forward(A_prev, W, b, hp)
    dZ = rng.standard_normal(Z.shape)
    grid_rows = conv._Grid(A_prev, dZ, 3, stride, pad, np.float64).grid_rows  # per image
    image_bytes = grid_rows * (4 + 2 * stride * 3) * 8  # dZ, A_prev_pad and dA_prev_pad's rows
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conv, "_GRID_BYTES", 2 * image_bytes + 7)
        patch.setattr(conv, "_PRODUCT_SIZE", 8 * 4 * 3)  # 8 rows of dZ (4) times W[kh, kw]ᵀ (4, 3)
        blocks = conv._Grid(A_prev, dZ, 3, stride, pad, np.float64).blocks
        got = conv_backward_fast(dZ, cache)
    assert [block.stop - block.start for block in blocks] == [2, 2, 1]
    for g, e in zip(got, conv_backward(dZ, cache), strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-12)


TORCH_TOLERANCE = {np.float32: 1e-4, np.float64: 1e-12}  # relative to the largest |value|


@settings(max_examples=40, deadline=None)
@given(
    case=conv_cases,
    m=st.integers(1, 4),
    dtype=st.sampled_from(list(TORCH_TOLERANCE)),
    block_rows=st.sampled_from([1, 7, 1024]),
)
def test_conv_fast_equals_torch_in_float32_and_float64_and_keeps_the_dtype(
    case, m, dtype, block_rows
):
    assume(case["f"] <= min(case["n_H"], case["n_W"]) + 2 * case["pad"])
    rng = np.random.default_rng(case["seed"])
    A_prev, W, b = (
        x.astype(dtype)
        for x in conv_layer(
            rng, m, case["n_H"], case["n_W"], case["n_C_prev"], case["f"], case["n_C"]
        )
    )
    hp = {"stride": case["stride"], "pad": case["pad"]}
    with small_blocks(block_rows, 1_000_000):
        Z, cache = conv_forward_fast(A_prev, W, b, hp)
        dZ = rng.standard_normal(Z.shape).astype(dtype)
        grads = conv_backward_fast(dZ, cache)
    assert [x.dtype for x in (Z, *grads)] == [np.dtype(dtype)] * 4  # no silent upcast
    # torch's layouts: A (m, n_C_prev, n_H, n_W), W (n_C, n_C_prev, f, f)
    A_t = torch.from_numpy(A_prev.transpose(0, 3, 1, 2).copy()).requires_grad_()
    W_t = torch.from_numpy(W.transpose(3, 2, 0, 1).copy()).requires_grad_()
    b_t = torch.from_numpy(b.reshape(-1).copy()).requires_grad_()
    Z_t = F.conv2d(A_t, W_t, b_t, stride=hp["stride"], padding=hp["pad"])
    Z_t.backward(torch.from_numpy(dZ.transpose(0, 3, 1, 2).copy()))
    expected = (
        Z_t.permute(0, 2, 3, 1),
        A_t.grad.permute(0, 2, 3, 1),
        W_t.grad.permute(2, 3, 1, 0),
        b_t.grad.reshape(b.shape),
    )
    for ours, theirs in zip((Z, *grads), expected, strict=True):
        theirs = theirs.detach().numpy()
        scale = max(1.0, float(np.max(np.abs(theirs))))
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=TORCH_TOLERANCE[dtype] * scale)


pool_cases = st.fixed_dictionaries(
    {
        "m": st.integers(1, 2),
        "n_H": st.integers(1, 7),
        "n_W": st.integers(1, 7),
        "n_C": st.integers(1, 3),
        "f": st.integers(1, 4),
        "stride": st.integers(1, 3),
        "mode": st.sampled_from(MODES),
        "ties": st.booleans(),
        "seed": st.integers(0, 2**16),
    }
)


@settings(max_examples=40, deadline=None)
@given(case=pool_cases)
def test_pool_loop_and_fast_agree(case):
    assume(case["f"] <= min(case["n_H"], case["n_W"]))
    rng = np.random.default_rng(case["seed"])
    shape = (case["m"], case["n_H"], case["n_W"], case["n_C"])
    # with ties (e.g. after a ReLU) every maximum of a window gets the gradient, as
    # create_mask_from_window does
    A_prev = rng.integers(0, 3, shape).astype(float) if case["ties"] else rng.standard_normal(shape)
    hp, mode = {"f": case["f"], "stride": case["stride"]}, case["mode"]
    A, cache = pool_forward(A_prev, hp, mode)
    A_fast, cache_fast = pool_forward_fast(A_prev, hp, mode)
    np.testing.assert_allclose(A_fast, A, rtol=1e-12, atol=1e-12)
    dA = rng.standard_normal(A.shape)
    expected = pool_backward(dA, cache, mode)
    np.testing.assert_allclose(
        pool_backward_fast(dA, cache, mode), expected, rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(
        pool_backward(dA, cache_fast, mode), expected, rtol=1e-12, atol=1e-12
    )


# ---- dtypes (gradient checks, torch parity and no input mutation: tests/test_ops.py) -------------


@pytest.mark.parametrize("version", CONV)
def test_dtypes_float64_by_default_float32_kept(version):
    rng = np.random.default_rng(3)
    A_prev, W, b = conv_layer(rng)
    forward, backward = CONV[version]
    Z, cache = forward(
        np.round(A_prev * 3).astype(int),
        np.round(W * 3).astype(int),
        np.zeros((1, 1, 1, 2), dtype=int),
        {"stride": 1, "pad": 1},
    )
    assert Z.dtype == np.float64 and all(g.dtype == np.float64 for g in backward(Z, cache))
    Z32, cache32 = forward(
        A_prev.astype(np.float32),
        W.astype(np.float32),
        b.astype(np.float32),
        {"stride": 1, "pad": 1},
    )
    assert Z32.dtype == np.float32 and all(g.dtype == np.float32 for g in backward(Z32, cache32))
    np.testing.assert_allclose(
        Z32, forward(A_prev, W, b, {"stride": 1, "pad": 1})[0], rtol=1e-4, atol=1e-4
    )


# ---- bad inputs: errors that teach ---------------------------------------------------------------


@pytest.mark.parametrize("version", CONV)
def test_conv_errors_name_the_shapes(version):
    forward, backward = CONV[version]
    rng = np.random.default_rng(6)
    A_prev, W, b = conv_layer(rng, n_C_prev=3, n_C=2)
    hp = {"stride": 1, "pad": 0}
    with pytest.raises(
        ValueError,
        match=r"A_prev \(2, 2, 4, 3\) is too small for W \(3, 3, 3, 2\) "
        r"along n_H_prev: "
        r"the filter \(f = 3\) is larger than the padded input.*2 "
        r"\+ 2·0 = 2",
    ):
        forward(A_prev[:, :2], W, b, hp)
    with pytest.raises(
        ValueError,
        match=r"A_prev \(2, 5, 4, 4\) has n_C_prev = 4 channels but W " r"\(3, 3, 3, 2\)",
    ):
        forward(rng.standard_normal((2, 5, 4, 4)), W, b, hp)
    with pytest.raises(ValueError, match="NCHW"):
        forward(A_prev.transpose(0, 3, 1, 2), W, b, hp)
    with pytest.raises(ValueError, match=r"4-D array .*got shape \(5, 4, 3\).*np.newaxis"):
        forward(A_prev[0], W, b, hp)
    with pytest.raises(ValueError, match=r"W must be \(f, f, n_C_prev, n_C\).*\(3, 3, 3\)"):
        forward(A_prev, W[..., 0], b, hp)
    with pytest.raises(ValueError, match=r"W must be \(f, f, n_C_prev, n_C\).*\(3, 2, 3, 2\)"):
        forward(A_prev, W[:, :2], b, hp)
    with pytest.raises(
        ValueError, match=r"b must be \(1, 1, 1, n_C\) = \(1, 1, 1, 2\).*got " r"\(2,\).*reshape"
    ):
        forward(A_prev, W, b.reshape(-1), hp)
    with pytest.raises(TypeError, match=r'hparameters\["stride"\] must be a whole number'):
        forward(A_prev, W, b, {"stride": 1.5, "pad": 0})
    with pytest.raises(TypeError, match=r'hparameters\["pad"\] must be a whole number'):
        forward(A_prev, W, b, {"stride": 1, "pad": "same"})
    with pytest.raises(ValueError, match=r"'stride', 'pad'.*missing 'stride'"):
        forward(A_prev, W, b, {"strides": 1, "pad": 0})
    with pytest.raises(TypeError, match="dict"):
        forward(A_prev, W, b, (1, 0))
    Z, cache = forward(A_prev, W, b, hp)
    with pytest.raises(
        ValueError,
        match=r"dZ must be \(2, 3, 2, 2\), the shape of "
        r"conv_forward's output; got \(2, 3, 2, 1\)",
    ):
        backward(Z[..., :1], cache)
    with pytest.raises(TypeError, match="cache"):
        backward(Z, cache[:3])


@pytest.mark.parametrize("version", POOL)
def test_pool_errors(version):
    forward, backward = POOL[version]
    A_prev = np.random.default_rng(7).standard_normal((2, 4, 4, 3))
    with pytest.raises(
        ValueError, match="unknown pooling mode 'avg'; choose one of 'max', 'average'"
    ):
        forward(A_prev, {"f": 2, "stride": 2}, mode="avg")
    with pytest.raises(ValueError, match=r"f = 5.*larger than the padded input"):
        forward(A_prev, {"f": 5, "stride": 1})
    with pytest.raises(ValueError, match="missing 'f'"):
        forward(A_prev, {"stride": 2})
    with pytest.raises(ValueError, match="stride"):
        forward(A_prev, {"f": 2, "stride": 0})
    with pytest.raises(ValueError, match="4-D"):
        forward(A_prev[..., 0], {"f": 2, "stride": 2})
    A, cache = forward(A_prev, {"f": 2, "stride": 2})
    with pytest.raises(ValueError, match="'max', 'average'"):
        backward(A, cache, mode="mean")
    with pytest.raises(
        ValueError,
        match=r"dA must be \(2, 2, 2, 3\), the shape of "
        r"pool_forward's output",
    ):
        backward(A[:, :1], cache)


def test_single_step_and_pad_errors():
    with pytest.raises(ValueError, match=r"a_slice_prev \(3, 3, 2\) and W \(3, 3, 3\)"):
        conv_single_step(np.ones((3, 3, 2)), np.ones((3, 3, 3)), np.ones((1, 1, 1)))
    with pytest.raises(ValueError, match="one number"):
        conv_single_step(np.ones((3, 3, 3)), np.ones((3, 3, 3)), np.ones((1, 1, 1, 2)))
    with pytest.raises(ValueError, match="4-D"):
        zero_pad(np.ones((3, 3)), 1)
    with pytest.raises(ValueError, match="pad"):
        zero_pad(np.ones((1, 3, 3, 1)), -1)


def test_nan_images_and_padding_for_pooling_are_refused():
    from course_lib.conv import conv_forward_fast, pool_forward

    A = np.zeros((1, 4, 4, 1))
    A[0, 1, 1, 0] = np.nan
    with pytest.raises(ValueError, match="A_prev contains 1 NaN or infinite value"):
        conv_forward_fast(
            A, np.zeros((3, 3, 1, 1)), np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0}
        )
    with pytest.raises(ValueError, match="takes no padding"):
        pool_forward(np.zeros((1, 4, 4, 1)), {"f": 2, "stride": 2, "pad": 1})
