"""Checks for c4w2a, case studies: the cost of a convolution, and the course's ResNet blocks (the
identity block and the convolutional block, 1×1 → f×f → 1×1 bottlenecks) as PyTorch modules."""

import numpy as np

from course_lib.checks.framework import CheckFailed, call, mismatch, run

__all__ = ["check_IdentityBlock", "check_ConvolutionalBlock", "check_conv_multiplications"]

# torch is imported inside the functions below, not at the top: it takes 0.7 s, which every
# notebook's `from course_lib import checks` would otherwise pay for


def check_conv_multiplications(conv_multiplications):
    """c4w2: multiplications of a CONV layer, n_H·n_W·n_C outputs × f·f·n_C_prev each, on the
    lecture's layers."""
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


# ---- the ResNet blocks ---------------------------------------------------------------------------

# the mistakes a learner makes in a block's forward pass, as switches of _block_reference
_FORWARD_MISTAKES = {
    "relu_before_add": "the ReLU comes before the add instead of after it: the course's "
    "a[l+2] = g(z[l+2] + a[l]) applies g to the sum (bn3's output + the shortcut), not to z[l+2]",
    "relu_twice": "a ReLU is applied to bn3's output before the add (and again after it): "
    "the last ReLU belongs only after the add, a[l+2] = g(z[l+2] + a[l])",
    "no_add": "the add is forgotten: the shortcut is never added (a[l+2] = g(z[l+2]) is a plain "
    "block); add the shortcut to bn3's output, then apply the ReLU",
    "no_final_relu": "the ReLU after the add is forgotten: a[l+2] = g(z[l+2] + a[l])",
    "overwritten_shortcut": "the shortcut is the main path's own output: X was overwritten before "
    "the add (X = self.conv1(X) …), so keep a[l] in its own variable (X_shortcut = X) first",
    "bn_after_relu": "batch norm comes after the ReLU: each layer is CONV → BN → ReLU (bn1 on "
    "conv1's output, then the ReLU)",
    "no_middle_relu": "the ReLU after bn2 is missing: CONV → BN → ReLU twice, then CONV → BN",
    "no_bn3": "bn3 is not applied: conv3's output goes to the add without its batch norm "
    "(z[l+2] = bn3(conv3(…)))",
    "shortcut_without_bn": "the shortcut has no batch norm: W_s a[l] goes through shortcut_conv "
    "and then shortcut_bn before the add",
    "relu_on_shortcut": "a ReLU is applied to the shortcut before the add: the shortcut path is "
    "CONV 1×1 → BN only",
}
_IDENTITY_MISTAKES = [
    "relu_before_add",
    "relu_twice",
    "no_add",
    "no_final_relu",
    "overwritten_shortcut",
    "bn_after_relu",
    "no_middle_relu",
    "no_bn3",
]
_CONVOLUTIONAL_MISTAKES = [*_IDENTITY_MISTAKES, "shortcut_without_bn", "relu_on_shortcut"]


def _layers(in_channels, f, filters, s, shortcut):
    """{attribute: expected layer} of the course's bottleneck block: ("conv", n_C_prev, n_C, size,
    stride, padding) or ("bn", n_C)."""
    F1, F2, F3 = filters
    layers = {
        "conv1": ("conv", in_channels, F1, 1, s, 0),
        "bn1": ("bn", F1),
        "conv2": ("conv", F1, F2, f, 1, (f - 1) // 2),
        "bn2": ("bn", F2),
        "conv3": ("conv", F2, F3, 1, 1, 0),
        "bn3": ("bn", F3),
    }
    if shortcut:
        layers |= {"shortcut_conv": ("conv", in_channels, F3, 1, s, 0), "shortcut_bn": ("bn", F3)}
    return layers


def _padding(conv):
    """A Conv2d's padding as a pair of numbers ('same' → what it pads at stride 1)."""
    if conv.padding == "same":
        return tuple((k - 1) // 2 for k in conv.kernel_size)
    if conv.padding == "valid":
        return (0, 0)
    return tuple(conv.padding)


def _stride_problem(block, layers):
    """The sentence for a stride on the wrong conv (of the main path or the shortcut), or None."""
    expected = {attr: spec[4] for attr, spec in layers.items() if spec[0] == "conv"}
    strides = {attr: getattr(block, attr).stride[0] for attr in expected}
    s = layers["conv1"][4]
    if strides == expected:
        return None
    if "shortcut_conv" not in layers:
        wrong = next(attr for attr in expected if strides[attr] != 1)
        return (
            f"`{wrong}` has stride {strides[wrong]}: an identity block keeps n_H and n_W (its "
            "shortcut is a[l] itself, which must fit z[l+2]), so every conv has stride 1"
        )
    main = {attr: strides[attr] for attr in ("conv1", "conv2", "conv3")}
    if main == {"conv1": 1, "conv2": s, "conv3": 1}:
        return (
            f"the stride s = {s} is on the f×f conv (conv2) instead of the first 1×1 conv "
            "(conv1): the course's convolutional block downsamples in conv1 (ResNet v1.5 moves "
            "it to conv2, but this exercise follows the course)"
        )
    if sum(value != 1 for value in main.values()) > 1:
        return (
            f"more than one conv of the main path has a stride ({main}): only conv1 has stride "
            f"s = {s}, or the main path shrinks n_H more than the shortcut does"
        )
    if strides["shortcut_conv"] != s and main["conv1"] == s:
        return (
            f"the shortcut's 1×1 conv (shortcut_conv) has stride {strides['shortcut_conv']}, not "
            f"s = {s}: W_s must shrink a[l] by the same stride as the main path, or the two do "
            "not fit at the add"
        )
    if main["conv1"] != s and strides["shortcut_conv"] == s:
        return (
            f"conv1 has stride {main['conv1']}, not s = {s}: the main path must shrink n_H, n_W "
            "like the shortcut does (the course puts the stride s on conv1)"
        )
    return (
        f"the strides are {strides}; expected {expected}: stride s on conv1 and on shortcut_conv, "
        "stride 1 elsewhere"
    )


def _structure_problem(block, layers, f):
    """The first thing wrong with the block's layers (missing, wrong type, channels, size,
    stride, padding, bias, batch-norm settings), as a sentence; None when they are all right."""
    from torch import nn

    for attr, spec in layers.items():
        layer = getattr(block, attr, None)
        kind = nn.Conv2d if spec[0] == "conv" else nn.BatchNorm2d
        if layer is None:
            if attr == "shortcut_bn":
                return (
                    "the block has no `shortcut_bn`: the shortcut without its batch norm — the "
                    "course's shortcut is CONV 1×1 (stride s) → BN, with the names shortcut_conv "
                    "and shortcut_bn"
                )
            return (
                f"the block has no attribute `{attr}`: name its layers as the statement does "
                f"({', '.join(layers)}) so the check can find them"
            )
        if not isinstance(layer, kind):
            return f"`{attr}` is a {type(layer).__name__}, expected an nn.{kind.__name__}"
    for attr, spec in layers.items():
        layer = getattr(block, attr)
        if spec[0] == "bn":
            if layer.num_features != spec[1]:
                return (
                    f"`{attr}` normalizes {layer.num_features} channels, expected {spec[1]} (the "
                    "number of filters of the conv before it)"
                )
            if not (layer.affine and layer.track_running_stats) or layer.eps != 1e-5:
                return (
                    f"`{attr}` is not a plain nn.BatchNorm2d({spec[1]}): keep its defaults (eps = "
                    "1e-5, learnable γ and β, running statistics for eval mode)"
                )
            continue
        _, n_C_prev, n_C, size, _, _ = spec
        if (layer.in_channels, layer.out_channels) != (n_C_prev, n_C):
            return (
                f"`{attr}` maps {layer.in_channels} → {layer.out_channels} channels, expected "
                f"{n_C_prev} → {n_C} (filters = (F1, F2, F3): conv1 has F1 filters, conv2 F2, "
                "conv3 and the shortcut F3)"
            )
        if tuple(layer.kernel_size) != (size, size):
            what = f"f × f = {f}×{f}" if attr == "conv2" else "1×1"
            return f"`{attr}` is {'×'.join(map(str, layer.kernel_size))}, expected {what}"
        if layer.bias is not None:
            return (
                f"`{attr}` has a bias: the batch norm after it subtracts the mean, so a bias does "
                "nothing there (BN's β takes its place) — use bias=False"
            )
        if layer.groups != 1 or tuple(layer.dilation) != (1, 1):
            return f"`{attr}` should be a plain convolution (groups=1, dilation=1)"
    stride = _stride_problem(block, layers)
    if stride:
        return stride
    for attr, spec in layers.items():
        if spec[0] != "conv":
            continue
        layer, padding = getattr(block, attr), spec[5]
        got = _padding(layer)
        if got == (padding, padding):
            continue
        if attr == "conv2" and got == (0, 0):
            return (
                f"'same' padding is missing on the f×f conv (conv2): without it an n_H = 7 image "
                f"comes out {8 - f}×{8 - f}, too small to add the shortcut; pad by (f − 1)/2 "
                "(padding=f // 2, or padding='same' at stride 1)"
            )
        return f"`{attr}` pads by {got}, expected {(padding, padding)}"
    return None


def _weights(layers, rng):
    """Fixed float64 weights for every layer of the block, as NumPy arrays."""
    weights = {}
    for attr, spec in layers.items():
        if spec[0] == "conv":
            _, n_C_prev, n_C, size, _, _ = spec
            scale = np.sqrt(2 / (n_C_prev * size * size))
            weights[attr] = {"weight": scale * rng.standard_normal((n_C, n_C_prev, size, size))}
        else:
            n_C = spec[1]
            weights[attr] = {
                "weight": rng.uniform(0.5, 1.5, n_C),
                "bias": rng.normal(0, 0.5, n_C),
                "running_mean": rng.normal(0, 0.5, n_C),
                "running_var": rng.uniform(0.5, 2.0, n_C),
            }
    return weights


def _set_weights(block, weights):
    """Give the learner's block (in float64) the check's weights."""
    import torch

    block.double()
    with torch.no_grad():
        for attr, tensors in weights.items():
            layer = getattr(block, attr)
            for key, value in tensors.items():
                getattr(layer, key).copy_(torch.from_numpy(value))


def _block_reference(X, weights, layers, training, mistake=None):
    """The block's output for images X (N, n_C, n_H, n_W), computed with torch.nn.functional from
    the check's weights; mistake (a key of _FORWARD_MISTAKES) computes a learner's wrong version."""
    import torch
    import torch.nn.functional as F

    w = {
        attr: {key: torch.from_numpy(value) for key, value in tensors.items()}
        for attr, tensors in weights.items()
    }

    def conv(x, attr):
        _, _, _, _, stride, padding = layers[attr]
        return F.conv2d(x, w[attr]["weight"], stride=stride, padding=padding)

    def bn(x, attr):
        p = w[attr]
        return F.batch_norm(
            x,
            p["running_mean"].clone(),
            p["running_var"].clone(),
            p["weight"],
            p["bias"],
            training=training,
            eps=1e-5,
        )

    def layer(x, number, relu=True):
        z = conv(x, f"conv{number}")
        if mistake == "bn_after_relu" and relu:
            return bn(torch.relu(z), f"bn{number}")
        z = bn(z, f"bn{number}")
        return torch.relu(z) if relu else z

    a1 = layer(X, 1)
    a2 = layer(a1, 2, relu=mistake != "no_middle_relu")
    z3 = conv(a2, "conv3") if mistake == "no_bn3" else layer(a2, 3, relu=False)
    if "shortcut_conv" in layers:
        shortcut = conv(X, "shortcut_conv")
        if mistake != "shortcut_without_bn":
            shortcut = bn(shortcut, "shortcut_bn")
        if mistake == "relu_on_shortcut":
            shortcut = torch.relu(shortcut)
    else:
        shortcut = X
    if mistake == "relu_before_add":
        return torch.relu(z3) + shortcut
    if mistake == "relu_twice":
        return torch.relu(torch.relu(z3) + shortcut)
    if mistake == "no_add":
        return torch.relu(z3)
    if mistake == "no_final_relu":
        return z3 + shortcut
    if mistake == "overwritten_shortcut":
        return torch.relu(z3 + z3)
    return torch.relu(z3 + shortcut)


def _run_block(name, block, X, training):
    """The learner's block on X in train or eval mode, without gradients, refusing a change of X."""
    import torch

    before = X.clone()
    block.train(training)
    with torch.no_grad():
        out = call(name, block, X)
    if not torch.equal(X, before):
        raise CheckFailed(
            f"✗ {name} changed its input X in place (an in-place ReLU such as "
            "nn.ReLU(inplace=True) or torch.relu_ on X, or `X += …`): X is the shortcut a[l] and "
            "must stay as it was"
        )
    if isinstance(out, torch.Tensor):
        return out.detach().numpy()
    return out


def _build(name, cls, args):
    """cls(*args), the learner's block; CheckFailed unless it is an nn.Module."""
    from torch import nn

    block = call(name, cls, *args)
    if not isinstance(block, nn.Module):
        raise CheckFailed(
            f"✗ {name} is not an nn.Module: {name}{args} built a {type(block).__name__}; write "
            "a class that subclasses nn.Module and calls super().__init__() first"
        )
    return block


def _check_block(name, cls, configurations, mistakes, property_case):
    """The checks both blocks share: for each (description, args, layers, f, input shape,
    training), the layers, the output's shape, and the output for fixed weights against the
    reference (naming the mistakes); then the property case."""
    import torch

    rng = np.random.default_rng(4)
    cases = []
    for description, args, layers, f, shape, training in configurations:
        block = _build(name, cls, args)
        problem = _structure_problem(block, layers, f)
        if problem:
            run(name, [(f"{name}{args}, its layers", [problem])])
        weights = _weights(layers, rng)
        _set_weights(block, weights)
        X = torch.from_numpy(rng.standard_normal(shape))
        got = _run_block(name, block, X, training)
        expected = _block_reference(X, weights, layers, training).numpy()
        if got is None:
            cases.append((description, ["the output is None — did you forget a `return`?"]))
            continue
        shape_problem = mismatch("the output's shape", np.shape(got), expected.shape)
        if shape_problem:
            cases.append((description, [shape_problem]))
            continue
        wrong = []
        for mistake in mistakes:
            value = _block_reference(X, weights, layers, training, mistake).numpy()
            if not np.allclose(value, expected, rtol=1e-6, atol=1e-9):
                wrong.append((_FORWARD_MISTAKES[mistake], value))
        cases.append((description, [mismatch("the output a[l+2]", got, expected, wrong)]))
    cases.append(property_case(rng))
    run(name, cases)


def _zero_branch(block):
    """bn3's γ = β = 0: the residual branch z[l+2] is 0 (in eval mode)."""
    import torch

    with torch.no_grad():
        block.bn3.weight.zero_()
        block.bn3.bias.zero_()


def check_IdentityBlock(IdentityBlock):
    """c4w2: the course's identity block, CONV 1×1 → BN → ReLU → CONV f×f same → BN → ReLU →
    CONV 1×1 → BN, + a[l], ReLU, with the layers conv1, bn1, conv2, bn2, conv3, bn3 (no bias)."""
    import torch

    name = "IdentityBlock"
    configurations = []
    for description, f, filters, shape, training in [
        ("f = 3, filters (2, 3, 4) on 2 images 4×5×5 (eval mode)", 3, (2, 3, 4), (2, 4, 5, 5), 0),
        ("f = 5, filters (3, 2, 6) on 3 images 6×7×6 (eval mode)", 5, (3, 2, 6), (3, 6, 7, 6), 0),
        ("one image (m = 1), f = 3, filters (2, 2, 3), eval mode", 3, (2, 2, 3), (1, 3, 4, 4), 0),
        (
            "training mode (batch norm with the batch's mean and variance)",
            3,
            (2, 3, 4),
            (4, 4, 3, 3),
            1,
        ),
    ]:
        layers = _layers(filters[2], f, filters, 1, shortcut=False)
        configurations.append((description, (f, filters), layers, f, shape, bool(training)))

    def identity_property(rng):
        f, filters = 3, (2, 3, 4)
        layers = _layers(filters[2], f, filters, 1, shortcut=False)
        block = _build(name, IdentityBlock, (f, filters))
        weights = _weights(layers, rng)
        _set_weights(block, weights)
        _zero_branch(block)
        a = torch.relu(torch.from_numpy(rng.standard_normal((2, 4, 5, 5))))
        got = _run_block(name, block, a, training=False)
        zeroed = {**weights, "bn3": {**weights["bn3"], "weight": np.zeros(4), "bias": np.zeros(4)}}
        wrong = [
            (
                "the shortcut is not added: the add is forgotten, or X was overwritten by the "
                "main path before the add (keep a[l] in its own variable, X_shortcut = X)",
                np.zeros(a.shape),
            ),
            (
                _FORWARD_MISTAKES["no_bn3"],
                _block_reference(a, zeroed, layers, False, "no_bn3").numpy(),
            ),
        ]
        return (
            "the identity property: with bn3's γ = β = 0 the residual branch is 0, so on a ReLU "
            "output a[l] ≥ 0 the block must return a[l] itself",
            [mismatch("the output a[l+2]", got, a.numpy(), wrong)],
        )

    _check_block(name, IdentityBlock, configurations, _IDENTITY_MISTAKES, identity_property)


def check_ConvolutionalBlock(ConvolutionalBlock):
    """c4w2: the course's convolutional block, the identity block's main path with stride s on
    conv1 and the shortcut W_s a[l] = BN(CONV 1×1, stride s (a[l])) (shortcut_conv, shortcut_bn)."""
    import torch

    name = "ConvolutionalBlock"
    configurations = []
    for description, in_channels, f, filters, s, shape, training in [
        (
            "3 → 4 channels, f = 3, filters (2, 3, 4), s = 2 on 2 images 3×7×7 (eval mode)",
            3,
            3,
            (2, 3, 4),
            2,
            (2, 3, 7, 7),
            0,
        ),
        (
            "s = 1 (only the channels change, as in ResNet-50's stage 2), 4 → 6, f = 3",
            4,
            3,
            (2, 2, 6),
            1,
            (2, 4, 5, 5),
            0,
        ),
        (
            "s = 3, f = 5, filters (3, 2, 5) on one image (m = 1) 2×8×6",
            2,
            5,
            (3, 2, 5),
            3,
            (1, 2, 8, 6),
            0,
        ),
        (
            "training mode (batch norm with the batch's mean and variance), s = 2",
            3,
            3,
            (2, 3, 4),
            2,
            (4, 3, 6, 6),
            1,
        ),
    ]:
        layers = _layers(in_channels, f, filters, s, shortcut=True)
        configurations.append(
            (description, (in_channels, f, filters, s), layers, f, shape, bool(training))
        )

    def shortcut_property(rng):
        in_channels, f, filters, s = 3, 3, (2, 3, 4), 2
        layers = _layers(in_channels, f, filters, s, shortcut=True)
        block = _build(name, ConvolutionalBlock, (in_channels, f, filters, s))
        weights = _weights(layers, rng)
        _set_weights(block, weights)
        _zero_branch(block)
        X = torch.from_numpy(rng.standard_normal((2, 3, 6, 6)))
        got = _run_block(name, block, X, training=False)
        zeroed = {**weights, "bn3": {**weights["bn3"], "weight": np.zeros(4), "bias": np.zeros(4)}}
        expected = _block_reference(X, zeroed, layers, False).numpy()
        wrong = [
            (
                _FORWARD_MISTAKES[mistake],
                _block_reference(X, zeroed, layers, False, mistake).numpy(),
            )
            for mistake in ("shortcut_without_bn", "no_add", "no_bn3")
        ]
        return (
            "the shortcut alone: with bn3's γ = β = 0 the main path is 0, and the block must "
            "return g(W_s a[l]) = ReLU(shortcut_bn(shortcut_conv(a[l])))",
            [mismatch("the output a[l+2]", got, expected, wrong)],
        )

    _check_block(
        name, ConvolutionalBlock, configurations, _CONVOLUTIONAL_MISTAKES, shortcut_property
    )
