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


# ---- The second assignment in PyTorch: happy_model (nn.Sequential) and convolutional_model
# (an nn.Module whose forward uses torch.nn.functional), on the 8×8 digits (m, 1, 8, 8). -------

__all__ += ["check_happy_model", "check_convolutional_model"]

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


def check_convolutional_model(convolutional_model):
    """c4w1: convolutional_model(input_shape) → a ConvolutionalModel whose conv1 (4×4 'same', 8),
    conv2 (2×2 'same', 16) and fc (10) fit input_shape, and whose forward is CONV → RELU → MAXPOOL
    2/2 → CONV → RELU → MAXPOOL 2/2 → FLATTEN → FC (logits): layers first, then forward passes
    with seeded float64 weights against torch.nn.functional with the padding written out."""
    import warnings

    import torch
    import torch.nn.functional as F
    from torch import nn

    from course_lib.workbook.copies import unwritten_function

    name = "convolutional_model"
    cases = []
    for input_shape, m in (((1, 8, 8), 3), ((1, 8, 8), 1), ((3, 12, 16), 2)):
        description = f"input_shape = {input_shape}, m = {m}"
        model = call(name, convolutional_model, input_shape)
        if not isinstance(model, nn.Module):
            raise CheckFailed(
                f"✗ {name} must return the model (an nn.Module); got {type(model).__name__}"
            )
        problem = _conv_model_layers(model, input_shape)
        if problem:
            _fail(name, description, problem)
        model = model.double()
        _seed_parameters(model, seed=m)
        X = _images(m, input_shape, seed=20 + m)
        recorder = _Recorder({"conv2": model.conv2, "fc": model.fc})
        try:
            with torch.no_grad(), warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=_EVEN_KERNEL_WARNING)
                got = model(X)
        except NotImplementedError as error:
            if unwritten_function(error) is None:
                raise CheckFailed(
                    f"✗ {name}'s forward raised NotImplementedError: {error}"
                ) from None
            raise CheckFailed(
                f"✗ {name} is not written yet: ConvolutionalModel.forward still raises "
                "NotImplementedError — write its steps in place of the stub"
            ) from None
        except Exception as error:  # noqa: BLE001 — the learner's forward: explain what we can
            flow = _conv_model_flow(recorder, input_shape, m)
            if flow:
                _fail(name, description, flow)
            raise CheckFailed(
                f"✗ {name}'s forward raised {type(error).__name__}: {error}"
            ) from error
        finally:
            recorder.remove()
        flow = _conv_model_flow(recorder, input_shape, m)
        if flow:
            _fail(name, description, flow)
        layers = (model.conv1, model.conv2, model.fc)
        with torch.no_grad():
            expected = _conv_model_reference(X, *layers)
            mistakes = [
                (
                    "a softmax is applied to the output: return the logits Z3 — "
                    "nn.CrossEntropyLoss applies log-softmax itself",
                    F.softmax(expected, dim=1),
                ),
                (
                    "a log-softmax is applied to the output: return the logits Z3 — "
                    "nn.CrossEntropyLoss applies log-softmax itself",
                    F.log_softmax(expected, dim=1),
                ),
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
