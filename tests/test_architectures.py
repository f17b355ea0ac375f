"""course_lib.architectures (c4w2): every builder's shapes and parameter counts against hand
arithmetic, the residual block's identity and W_s projection, the inception module, the
1×1-bottleneck multiplication counts; and the test-time predictors of torch_models
(predict_proba, ensemble_predict, multi_crop_predict).

The big networks are built on the meta device: shapes and counts without allocating their weights.
"""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from course_lib.architectures import (
    VGG16,
    AlexNet,
    DigitsCNN,
    InceptionModule,
    LeNet5,
    ResidualBlock,
    conv_multiplications,
    count_multiplications,
    stacked_network,
)
from course_lib.augmentation import ten_crops
from course_lib.torch_models import ensemble_predict, layer_table, multi_crop_predict, predict_proba


def conv_params(f, n_C_prev, n_C):
    """(f·f·n_C_prev + 1)·n_C: the weights of n_C filters and one bias each."""
    return (f * f * n_C_prev + 1) * n_C


def fc_params(n_prev, n):
    return (n_prev + 1) * n


def parameter_counts(model):
    """{child name: parameters} for the children that have any."""
    counts = {
        name: sum(p.numel() for p in module.parameters()) for name, module in model.named_children()
    }
    return {name: count for name, count in counts.items() if count}


def total(model):
    return sum(p.numel() for p in model.parameters())


# ---------------------------------------------------------------- builders: parameter counts and
# shapes


def test_lenet5_counts_by_hand():
    expected = {
        "conv1": (5 * 5 * 1 + 1) * 6,  # 156
        "conv2": (5 * 5 * 6 + 1) * 16,  # 2 416
        "fc1": (16 * 5 * 5 + 1) * 120,  # 48 120
        "fc2": (120 + 1) * 84,  # 10 164
        "fc3": (84 + 1) * 10,
    }  # 850
    model = LeNet5()
    assert parameter_counts(model) == expected
    assert sum(expected.values()) == total(model) == 61_706
    assert model(torch.zeros(3, 1, 32, 32)).shape == (3, 10)
    assert total(LeNet5(in_channels=3, num_classes=5)) == 61_706 + 5 * 5 * 2 * 6 - 5 * 85


def test_digits_cnn_counts_and_shapes():
    expected = {
        "conv1": conv_params(3, 1, 16),  # 160
        "conv2": conv_params(3, 16, 32),  # 4 640
        "fc1": fc_params(2 * 2 * 32, 64),  # 8 256
        "fc2": fc_params(64, 10),
    }  # 650
    model = DigitsCNN()
    assert parameter_counts(model) == expected
    assert total(model) == 160 + 4_640 + 8_256 + 650 == 13_706
    shapes = {row.name.split()[0]: row.output_shape for row in layer_table(model, (1, 8, 8))}
    assert shapes["conv1"] == (16, 8, 8) and shapes["pool1"] == (16, 4, 4)
    assert shapes["conv2"] == (32, 4, 4) and shapes["pool2"] == (32, 2, 2)
    assert shapes["flatten"] == (128,) and shapes["fc2"] == (10,)
    assert DigitsCNN(in_channels=3, num_classes=4)(torch.zeros(2, 3, 8, 8)).shape == (2, 4)


def test_alexnet_counts_and_shapes_by_hand():
    with torch.device("meta"):
        model = AlexNet()
    expected = {
        "conv1": (11 * 11 * 3 + 1) * 96,  # 34 944
        "conv2": (5 * 5 * 96 + 1) * 256,  # 614 656
        "conv3": (3 * 3 * 256 + 1) * 384,  # 885 120
        "conv4": (3 * 3 * 384 + 1) * 384,  # 1 327 488
        "conv5": (3 * 3 * 384 + 1) * 256,  # 884 992
        "fc6": (6 * 6 * 256 + 1) * 4096,  # 37 752 832
        "fc7": (4096 + 1) * 4096,  # 16 781 312
        "fc8": (4096 + 1) * 1000,
    }  # 4 097 000
    assert expected == {
        "conv1": 34_944,
        "conv2": 614_656,
        "conv3": 885_120,
        "conv4": 1_327_488,
        "conv5": 884_992,
        "fc6": 37_752_832,
        "fc7": 16_781_312,
        "fc8": 4_097_000,
    }
    assert parameter_counts(model) == expected
    assert total(model) == sum(expected.values()) == 62_378_344
    # 227 → (227 − 11)/4 + 1 = 55 → pool (55 − 3)/2 + 1 = 27 → same 27 → pool 13 → same 13, 13, 13 →
    # pool 6
    shapes = {row.name.split()[0]: row.output_shape for row in layer_table(model, (3, 227, 227))}
    assert shapes == {
        "conv1": (96, 55, 55),
        "pool1": (96, 27, 27),
        "conv2": (256, 27, 27),
        "pool2": (256, 13, 13),
        "conv3": (384, 13, 13),
        "conv4": (384, 13, 13),
        "conv5": (256, 13, 13),
        "pool5": (256, 6, 6),
        "flatten": (9216,),
        "fc6": (4096,),
        "fc7": (4096,),
        "fc8": (1000,),
    }
    assert all(p.device.type == "meta" for p in model.parameters())


def test_vgg16_counts_and_shapes_by_hand():
    with torch.device("meta"):
        model = VGG16()
    convs = {
        "conv1_1": conv_params(3, 3, 64),
        "conv1_2": conv_params(3, 64, 64),  # 1 792, 36 928
        # 73 856, 147 584
        "conv2_1": conv_params(3, 64, 128),
        "conv2_2": conv_params(3, 128, 128),
        "conv3_1": conv_params(3, 128, 256),
        "conv3_2": conv_params(3, 256, 256),
        "conv3_3": conv_params(3, 256, 256),
        "conv4_1": conv_params(3, 256, 512),
        "conv4_2": conv_params(3, 512, 512),
        "conv4_3": conv_params(3, 512, 512),
        "conv5_1": conv_params(3, 512, 512),
        "conv5_2": conv_params(3, 512, 512),
        "conv5_3": conv_params(3, 512, 512),
    }
    fcs = {
        "fc6": fc_params(7 * 7 * 512, 4096),
        "fc7": fc_params(4096, 4096),
        "fc8": fc_params(4096, 1000),
    }
    assert sum(convs.values()) == 14_714_688
    assert sum(fcs.values()) == 102_764_544 + 16_781_312 + 4_097_000 == 123_642_856
    assert parameter_counts(model) == {**convs, **fcs}
    assert total(model) == 14_714_688 + 123_642_856 == 138_357_544
    weight_layers = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    assert len(weight_layers) == 16
    shapes = {row.name.split()[0]: row.output_shape for row in layer_table(model, (3, 224, 224))}
    for block, (side, filters) in enumerate(
        [(112, 64), (56, 128), (28, 256), (14, 512), (7, 512)], start=1
    ):
        assert shapes[f"conv{block}_1"] == (filters, 2 * side, 2 * side)
        assert shapes[f"pool{block}"] == (filters, side, side)
    assert shapes["flatten"] == (25_088,) and shapes["fc8"] == (1000,)
    with torch.device("meta"):
        assert model(torch.zeros(2, 3, 224, 224)).shape == (2, 1000)


def test_builders_take_channels_and_classes():
    with torch.device("meta"):
        assert AlexNet(in_channels=1, num_classes=7)(torch.zeros(1, 1, 227, 227)).shape == (1, 7)
        vgg = VGG16(in_channels=1, num_classes=2)
    assert total(vgg) == 138_357_544 - 2 * 3 * 3 * 64 - 4096 * 998 - 998


def test_wrong_inputs_to_a_builder_get_the_hint():
    with torch.device("meta"):
        alexnet, vgg = AlexNet(), VGG16()
        with pytest.raises(
            ValueError,
            match=r"AlexNet expects images \(N, 3, 227, 227\).*got \(2, " r"3, 224, 224\).*227×227",
        ):
            alexnet(torch.zeros(2, 3, 224, 224))
        with pytest.raises(
            ValueError,
            match=r"VGG16 expects .*NCHW.*got \(2, 224, 224, "
            r"3\).*transpose with \(0, 3, 1, 2\)",
        ):
            vgg(torch.zeros(2, 224, 224, 3))
        with pytest.raises(ValueError, match=r"4 channels: build VGG16\(in_channels=4\)"):
            vgg(torch.zeros(1, 4, 224, 224))
        with pytest.raises(ValueError, match="VGG16 expects"):
            vgg(torch.zeros(3, 224, 224))  # no batch axis
    with pytest.raises(ValueError, match=r"DigitsCNN expects images \(N, 1, 8, 8\).*8×8"):
        DigitsCNN()(torch.zeros(2, 1, 32, 32))
    with pytest.raises(ValueError, match="unknown pool 'min'"):
        LeNet5(pool="min")


# ---------------------------------------------------------------- residual blocks


def _zero_residual_branch(block):
    with torch.no_grad():
        block.bn2.weight.zero_()
        block.bn2.bias.zero_()
    return block


@pytest.mark.parametrize("mode", ["eval", "train"])
def test_residual_block_with_zero_branch_is_the_identity_after_relu(mode):
    torch.manual_seed(0)
    block = _zero_residual_branch(ResidualBlock(4))
    getattr(block, mode)()
    a = torch.randn(3, 4, 5, 5)  # negative entries too: the output is g(a) = relu(a), not a
    assert torch.equal(block(a), torch.relu(a))
    assert isinstance(block.shortcut, nn.Identity)


@pytest.mark.parametrize(
    "in_channels, out_channels, stride, side",
    [(4, 8, 1, 6), (4, 4, 2, 6), (4, 8, 2, 7), (3, 6, 2, 8)],
)
def test_projection_w_s_when_stride_or_channels_change(in_channels, out_channels, stride, side):
    torch.manual_seed(1)
    block = ResidualBlock(in_channels, out_channels, stride=stride)
    assert isinstance(block.shortcut, nn.Conv2d)
    assert (
        block.shortcut.kernel_size == (1, 1)
        and block.shortcut.stride == (stride, stride)
        and block.shortcut.bias is None
    )
    assert block.shortcut.weight.shape == (out_channels, in_channels, 1, 1)
    a = torch.randn(2, in_channels, side, side)
    # conv 3×3, padding 1, stride s; the 1×1 shortcut gives the same
    out_side = (side + 2 - 3) // stride + 1
    assert block(a).shape == (2, out_channels, out_side, out_side)
    # parameters: two 3×3 convs without bias, two batch norms (γ, β), the 1×1 projection
    assert (
        total(block)
        == 9 * in_channels * out_channels
        + 9 * out_channels**2
        + 4 * out_channels
        + in_channels * out_channels
    )
    _zero_residual_branch(block).eval()
    assert torch.equal(block(a), torch.relu(block.shortcut(a)))


def test_plain_block_has_no_shortcut():
    torch.manual_seed(2)
    block = ResidualBlock(4, 8, stride=2, residual=False)
    assert isinstance(block.shortcut, nn.Identity)
    assert total(block) == 9 * 4 * 8 + 9 * 8 * 8 + 4 * 8
    a = torch.randn(2, 4, 6, 6)
    block.eval()
    z = block.bn2(block.conv2(torch.relu(block.bn1(block.conv1(a)))))
    assert torch.equal(block(a), torch.relu(z))
    _zero_residual_branch(block)
    assert torch.equal(block(a), torch.zeros(2, 8, 3, 3))  # nothing is added back: g(0) = 0
    assert "residual=False" in repr(block)


@pytest.mark.parametrize("blocks", [0, 1, 3])
@pytest.mark.parametrize("residual", [True, False])
def test_stacked_network_has_two_weight_layers_per_block_plus_two(blocks, residual):
    model = stacked_network(blocks, residual=residual)
    weight_layers = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    assert len(weight_layers) == 2 * blocks + 2
    blocks_found = [m for m in model.modules() if isinstance(m, ResidualBlock)]
    assert len(blocks_found) == blocks and all(b.residual == residual for b in blocks_found)
    # conv 3×3 1 → 8 with bias (80), per block 2·(3·3·8·8) + 2·(2·8) = 1 184, FC 8 → 10 (90)
    assert total(model) == 80 + 1_184 * blocks + 90
    assert model(torch.zeros(2, 1, 8, 8)).shape == (2, 10)
    assert model(torch.zeros(2, 1, 13, 11)).shape == (2, 10)  # any image size


def test_stacked_network_options_and_refusals():
    model = stacked_network(2, channels=4, in_channels=3, num_classes=5)
    assert model(torch.zeros(1, 3, 8, 8)).shape == (1, 5)
    for bad, error in ((-1, ValueError), (1.5, TypeError), ("2", TypeError), (True, TypeError)):
        with pytest.raises(error, match="blocks must be a whole number ≥ 0"):
            stacked_network(bad)


# ---------------------------------------------------------------- inception and 1×1 convolutions


def test_inception_module_output_and_parameters_by_hand():
    module = InceptionModule()
    with torch.device("meta"):
        out = InceptionModule()(torch.zeros(2, 192, 28, 28))
    assert out.shape == (2, 64 + 128 + 32 + 32, 28, 28) == (2, 256, 28, 28)
    expected = (
        (192 + 1) * 64
        + (192 + 1) * 96
        + (3 * 3 * 96 + 1) * 128
        + (192 + 1) * 16
        + (5 * 5 * 16 + 1) * 32
        + (192 + 1) * 32
    )
    assert expected == 12_352 + 18_528 + 110_720 + 3_088 + 12_832 + 6_176 == 163_696
    assert total(module) == expected


def test_inception_branches_are_stacked_in_order():
    torch.manual_seed(3)
    module = InceptionModule(in_channels=3, c1=2, c3=(2, 3), c5=(1, 4), pool_proj=5).eval()
    x = torch.randn(1, 3, 6, 6)
    out = module(x)
    assert out.shape == (1, 2 + 3 + 4 + 5, 6, 6)
    parts = torch.split(out, [2, 3, 4, 5], dim=1)
    for part, branch in zip(
        parts, [module.branch1, module.branch3, module.branch5, module.branch_pool], strict=True
    ):
        assert torch.equal(part, branch(x))
    assert (out >= 0).all()  # every branch ends in a ReLU


def test_lecture_multiplication_counts():
    direct = conv_multiplications(28, 28, 192, 5, 32)  # 28·28·32 outputs × 5·5·192 each
    assert direct == 28 * 28 * 32 * 5 * 5 * 192 == 120_422_400
    squeeze = conv_multiplications(28, 28, 192, 1, 16)  # 1×1 to 16 channels: 28·28·16 × 192
    expand = conv_multiplications(28, 28, 16, 5, 32)  # 5×5 from 16 channels: 28·28·32 × 5·5·16
    assert (squeeze, expand) == (2_408_448, 10_035_200)
    assert squeeze + expand == 12_443_648
    assert direct / (squeeze + expand) > 9.6


def test_measured_counts_agree_with_the_formula_on_the_lecture_layers():
    direct = nn.Sequential(nn.Conv2d(192, 32, 5, padding=2))
    assert count_multiplications(direct, (192, 28, 28)) == {"0": 120_422_400}
    bottleneck = nn.Sequential(nn.Conv2d(192, 16, 1), nn.ReLU(), nn.Conv2d(16, 32, 5, padding=2))
    assert count_multiplications(bottleneck, (192, 28, 28)) == {"0": 2_408_448, "2": 10_035_200}
    counts = count_multiplications(InceptionModule(), (192, 28, 28))
    assert counts["branch5.0"] == 2_408_448 and counts["branch5.2"] == 10_035_200
    assert counts["branch1.0"] == conv_multiplications(28, 28, 192, 1, 64)
    assert set(counts) == {
        "branch1.0",
        "branch3.0",
        "branch3.2",
        "branch5.0",
        "branch5.2",
        "branch_pool.1",
    }


def test_count_multiplications_counts_linear_layers_and_restores_the_mode():
    model = LeNet5().train()
    counts = count_multiplications(model, (1, 32, 32))
    assert counts == {
        "conv1": 28 * 28 * 6 * 5 * 5 * 1,
        "conv2": 10 * 10 * 16 * 5 * 5 * 6,
        "fc1": 400 * 120,
        "fc2": 120 * 84,
        "fc3": 84 * 10,
    }
    assert model.training
    assert not any(module._forward_hooks for module in model.modules())  # the hooks are removed
    with torch.device("meta"):
        alexnet = AlexNet()
    assert count_multiplications(alexnet, (3, 227, 227))["conv1"] == 55 * 55 * 96 * 11 * 11 * 3


@settings(max_examples=40, deadline=None)
@given(
    n_C_prev=st.integers(1, 4),
    n_C=st.integers(1, 4),
    f=st.integers(1, 4),
    stride=st.integers(1, 3),
    padding=st.integers(0, 2),
    n_H_prev=st.integers(4, 9),
    n_W_prev=st.integers(4, 9),
)
def test_count_multiplications_on_a_conv_module_agrees_with_the_formula(
    n_C_prev, n_C, f, stride, padding, n_H_prev, n_W_prev
):
    conv = nn.Conv2d(n_C_prev, n_C, f, stride=stride, padding=padding)
    n_H = (n_H_prev + 2 * padding - f) // stride + 1
    n_W = (n_W_prev + 2 * padding - f) // stride + 1
    assert count_multiplications(conv, (n_C_prev, n_H_prev, n_W_prev)) == {
        "": conv_multiplications(n_H, n_W, n_C_prev, f, n_C)
    }


@pytest.mark.parametrize(
    ("bad", "error"),
    [(0, ValueError), (-1, ValueError), (2.0, TypeError), (None, TypeError), (True, TypeError)],
)
def test_conv_multiplications_refuses_bad_sizes(bad, error):
    with pytest.raises(error, match="f must be a whole number ≥ 1"):
        conv_multiplications(28, 28, 192, bad, 32)


# ---------------------------------------------------------------- predictors: probabilities,
# ensembles, multi-crop


def _model(seed, num_classes=3):
    torch.manual_seed(seed)
    return DigitsCNN(num_classes=num_classes)


IMAGES = np.random.default_rng(0).random((6, 1, 8, 8), dtype=np.float32)
# float32 outputs of separate forward passes (other batch sizes, other arrays) agree to rounding,
# not bit for bit:
# the kernels sum in another order on another CPU or batch size. Wrong answers here differ by more
# than 1e-4.
FLOAT32 = {"rtol": 1e-5, "atol": 1e-6}


def test_predict_proba_rows_sum_to_one_and_keep_the_mode():
    model = _model(0).train()
    p = predict_proba(model, IMAGES)
    assert p.shape == (6, 3) and p.dtype == np.float64
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=0, atol=1e-6)
    assert (p > 0).all() and model.training
    with torch.no_grad():
        expected = torch.softmax(model.eval()(torch.as_tensor(IMAGES)), dim=1).numpy()
    np.testing.assert_allclose(p, expected, rtol=1e-6)
    # batching changes nothing
    np.testing.assert_allclose(predict_proba(model, IMAGES, batch_size=4), p, **FLOAT32)
    # the same memory, the same pass
    np.testing.assert_array_equal(predict_proba(model, torch.as_tensor(IMAGES)), p)
    features = nn.Sequential(nn.Linear(5, 4))
    # (N, n) rows
    np.testing.assert_allclose(predict_proba(features, np.ones((2, 5))).sum(axis=1), 1.0, atol=1e-6)
    with pytest.raises(ValueError, match=r"images \(N, C, H, W\).*got shape \(1, 8, 8\)"):
        predict_proba(model, IMAGES[0])


def test_ensemble_of_identical_models_is_one_model():
    models = [_model(4), _model(4), _model(4)]
    np.testing.assert_allclose(
        ensemble_predict(models, IMAGES), predict_proba(models[0], IMAGES), rtol=1e-12, atol=0
    )


def test_ensemble_averages_the_outputs():
    models = [_model(5), _model(6)]
    expected = (predict_proba(models[0], IMAGES) + predict_proba(models[1], IMAGES)) / 2
    np.testing.assert_allclose(ensemble_predict(iter(models), IMAGES), expected, rtol=1e-12)
    np.testing.assert_allclose(ensemble_predict(models, IMAGES).sum(axis=1), 1.0, atol=1e-6)


def test_ensemble_refusals():
    with pytest.raises(ValueError, match="disagree on the number of classes: \\[3, 4\\]"):
        ensemble_predict([_model(0, 3), _model(1, 4)], IMAGES)
    with pytest.raises(ValueError, match="at least one model"):
        ensemble_predict([], IMAGES)


def test_multi_crop_with_the_full_crop_and_no_mirror_is_predict_proba():
    model = _model(7)
    np.testing.assert_allclose(
        multi_crop_predict(model, IMAGES, 8, mirror=False), predict_proba(model, IMAGES), **FLOAT32
    )


def test_multi_crop_averages_the_ten_crops():
    torch.manual_seed(8)
    model = stacked_network(1, channels=4, num_classes=3)  # any image size
    crops = ten_crops(IMAGES, 6)
    expected = np.mean([predict_proba(model, crop) for crop in crops], axis=0)
    np.testing.assert_allclose(multi_crop_predict(model, IMAGES, 6), expected, **FLOAT32)
    np.testing.assert_allclose(
        multi_crop_predict(model, torch.as_tensor(IMAGES), 6), expected, **FLOAT32
    )
    five = np.mean([predict_proba(model, crop) for crop in crops[:5]], axis=0)
    np.testing.assert_allclose(multi_crop_predict(model, IMAGES, 6, mirror=False), five, **FLOAT32)
    with pytest.raises(ValueError, match="crop size"):
        multi_crop_predict(model, IMAGES, 9)
