"""Course 4's networks as PyTorch modules (NCHW images): LeNet-5 (week 1), and week 2's case studies
— AlexNet, VGG-16, the residual block a[l+2] = g(z[l+2] + a[l]) and networks of them, 1×1
convolutions and the inception module — with the multiplication count of a convolution, by formula
and measured on a module.

Every module outputs logits (N, classes); the softmax lives in the loss (nn.CrossEntropyLoss). Build
the big ones on the meta device (`with torch.device("meta"): VGG16()`) to see their shapes and
parameter counts without allocating 138 M weights; layer_table (torch_models) runs on meta tensors
too.
"""

import torch
from torch import nn

from course_lib.torch_models import evaluating
from course_lib.validation import as_count, check_choice

POOLS = {"max": nn.MaxPool2d, "average": nn.AvgPool2d}


def _check_images(x, name, channels, size):
    """Refuse anything but (N, channels, size, size), with the likely fix
    (NHWC layout, channels, image size)."""
    shape = tuple(x.shape)
    if x.ndim == 4 and shape[1] == channels and shape[2:] == (size, size):
        return
    if x.ndim == 4 and shape[3] == channels and shape[1:3] == (size, size):
        hint = "NumPy conv code uses (m, n_H, n_W, n_C): transpose with (0, 3, 1, 2)"
    elif x.ndim == 4 and shape[1] != channels:
        hint = f"these images have {shape[1]} channels: build {name}(in_channels={shape[1]})"
    elif x.ndim == 3:
        hint = (
            f"one image needs a batch axis: use x[None] (or x.unsqueeze(0)) to make it (1, "
            f"{channels}, {size}, {size})"
        )
    else:
        hint = f"{name} takes {size}×{size} images: pad or crop them, or resize them"
    raise ValueError(
        f"{name} expects images (N, {channels}, {size}, {size}) in PyTorch's NCHW "
        f"layout; got {shape} — {hint}"
    )


class _Checked(nn.Module):
    """A network of named layers applied in order, after checking the input is
    (N, in_channels, size, size)."""

    size = None

    def forward(self, x):
        _check_images(x, type(self).__name__, self.in_channels, self.size)
        for module in self.children():
            x = module(x)
        return x


class LeNet5(_Checked):
    """LeNet-5 (c4w1–2) for (N, C, 32, 32) images: CONV 5×5, 6 → ReLU → POOL 2×2 s2 → CONV 5×5, 16 →
    ReLU → POOL → flatten (400) → FC 120 → ReLU → FC 84 → ReLU → FC num_classes; 61 706 parameters
    for 1 channel and 10 classes.

    pool is "max" (today's choice) or "average" (the 1998 paper's subsampling). ReLU replaces the
    paper's tanh.
    """

    size = 32

    def __init__(self, in_channels=1, num_classes=10, pool="max"):
        super().__init__()
        check_choice(pool, tuple(POOLS), "pool")
        self.in_channels, self.num_classes, self.pool = in_channels, num_classes, pool
        self.conv1 = nn.Conv2d(in_channels, 6, kernel_size=5)
        self.relu1 = nn.ReLU()
        self.pool1 = POOLS[pool](kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.relu2 = nn.ReLU()
        self.pool2 = POOLS[pool](kernel_size=2, stride=2)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.relu3 = nn.ReLU()
        self.fc2 = nn.Linear(120, 84)
        self.relu4 = nn.ReLU()
        self.fc3 = nn.Linear(84, num_classes)

    def extra_repr(self):
        return f"pool={self.pool!r}"


class DigitsCNN(_Checked):
    """A small CNN for 8×8 digits (c4w2's transfer, augmentation and ensemble experiments): CONV 3×3
    same, 16 → ReLU → MAX 2×2 → CONV 3×3 same, 32 → ReLU → MAX 2×2 → flatten (2·2·32 = 128) → FC 64
    → ReLU → FC num_classes."""

    size = 8

    def __init__(self, in_channels=1, num_classes=10):
        super().__init__()
        self.in_channels = in_channels
        self.conv1 = nn.Conv2d(in_channels, 16, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2, 2)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(2 * 2 * 32, 64)
        self.relu3 = nn.ReLU()
        self.fc2 = nn.Linear(64, num_classes)


class AlexNet(_Checked):
    """AlexNet as the lecture draws it, for (N, 3, 227, 227): CONV 11×11 s4, 96 → MAX 3×3 s2 → CONV
    5×5 same, 256 → MAX 3×3 s2 → CONV 3×3 same 384, 384, 256 → MAX 3×3 s2 → 6×6×256 = 9216 → FC 4096
    → FC 4096 → FC 1000; ≈ 62 M parameters. Without the paper's two-GPU split and local response
    normalization (both rarely used today).
    """

    size = 227

    def __init__(self, in_channels=3, num_classes=1000):
        super().__init__()
        self.in_channels = in_channels
        layers = [
            ("conv1", nn.Conv2d(in_channels, 96, 11, stride=4)),
            ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(3, 2)),
            ("conv2", nn.Conv2d(96, 256, 5, padding=2)),
            ("relu2", nn.ReLU()),
            ("pool2", nn.MaxPool2d(3, 2)),
            ("conv3", nn.Conv2d(256, 384, 3, padding=1)),
            ("relu3", nn.ReLU()),
            ("conv4", nn.Conv2d(384, 384, 3, padding=1)),
            ("relu4", nn.ReLU()),
            ("conv5", nn.Conv2d(384, 256, 3, padding=1)),
            ("relu5", nn.ReLU()),
            ("pool5", nn.MaxPool2d(3, 2)),
            ("flatten", nn.Flatten()),
            ("fc6", nn.Linear(9216, 4096)),
            ("relu6", nn.ReLU()),
            ("fc7", nn.Linear(4096, 4096)),
            ("relu7", nn.ReLU()),
            ("fc8", nn.Linear(4096, num_classes)),
        ]
        for name, module in layers:
            self.add_module(name, module)


VGG16_BLOCKS = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))


class VGG16(_Checked):
    """VGG-16 for (N, 3, 224, 224): five blocks of CONV 3×3 same
    (64, 128, 256, 512, 512 filters; 2, 2, 3, 3, 3 convs) each followed by MAX 2×2 s2 — 224 → 7 —
    then FC 4096 → FC 4096 → FC 1000; 16 weight layers, ≈ 138 M
    parameters. Layer names follow the paper: conv1_1 … conv5_3, pool1 … pool5, fc6 … fc8.
    """

    size = 224

    def __init__(self, in_channels=3, num_classes=1000):
        super().__init__()
        self.in_channels = in_channels
        channels = in_channels
        for block, (filters, convs) in enumerate(VGG16_BLOCKS, start=1):
            for i in range(1, convs + 1):
                self.add_module(f"conv{block}_{i}", nn.Conv2d(channels, filters, 3, padding=1))
                self.add_module(f"relu{block}_{i}", nn.ReLU())
                channels = filters
            self.add_module(f"pool{block}", nn.MaxPool2d(2, 2))
        self.flatten = nn.Flatten()
        self.fc6 = nn.Linear(512 * 7 * 7, 4096)
        self.relu6 = nn.ReLU()
        self.fc7 = nn.Linear(4096, 4096)
        self.relu7 = nn.ReLU()
        self.fc8 = nn.Linear(4096, num_classes)


class ResidualBlock(nn.Module):
    """Two 3×3 same convolutions with batch norm and the shortcut: a[l+2] = g(z[l+2] + W_s·a[l])
    (c4w2).

    z[l+1] = BN(conv(a[l])), a[l+1] = g(z[l+1]), z[l+2] = BN(conv(a[l+1])), g = ReLU. W_s is a 1×1
    convolution (stride `stride`) when the shapes of a[l] and z[l+2] differ, else the identity.
    residual=False drops the shortcut (a "plain" block: a[l+2] = g(z[l+2])), so the same code builds
    both networks of the experiment.
    """

    def __init__(self, in_channels, out_channels=None, stride=1, residual=True):
        super().__init__()
        out_channels = out_channels or in_channels
        self.residual = residual
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        same_shape = stride == 1 and in_channels == out_channels
        self.shortcut = (
            nn.Identity()
            if same_shape or not residual
            else nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
        )

    def forward(self, a):
        z = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(a)))))
        return torch.relu(z + self.shortcut(a) if self.residual else z)

    def extra_repr(self):
        return f"residual={self.residual}"


def stacked_network(blocks, residual=True, channels=8, in_channels=1, num_classes=10):
    """CONV 3×3 (channels) → ReLU → `blocks` ResidualBlocks (plain ones when residual=False) →
    global average pool → FC num_classes: 2·blocks + 2 weight layers. Any image size; the depth
    experiment of c4w2 uses 8×8 digits."""
    blocks = as_count(blocks, "blocks")
    return nn.Sequential(
        nn.Conv2d(in_channels, channels, 3, padding=1),
        nn.ReLU(),
        *[ResidualBlock(channels, residual=residual) for _ in range(blocks)],
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(channels, num_classes),
    )


class InceptionModule(nn.Module):
    """The lecture's inception module: four branches on the same input, stacked along the channels —
    1×1 (64) | 1×1 (96) → 3×3 same (128) | 1×1 (16) → 5×5 same (32) | MAX 3×3 s1 same → 1×1 (32);
    (N, 192, 28, 28) → (N, 64 + 128 + 32 + 32 = 256, 28, 28). Each conv is followed by a ReLU.
    """

    def __init__(self, in_channels=192, c1=64, c3=(96, 128), c5=(16, 32), pool_proj=32):
        super().__init__()
        relu = nn.ReLU
        self.branch1 = nn.Sequential(nn.Conv2d(in_channels, c1, 1), relu())
        self.branch3 = nn.Sequential(
            nn.Conv2d(in_channels, c3[0], 1), relu(), nn.Conv2d(c3[0], c3[1], 3, padding=1), relu()
        )
        self.branch5 = nn.Sequential(
            nn.Conv2d(in_channels, c5[0], 1), relu(), nn.Conv2d(c5[0], c5[1], 5, padding=2), relu()
        )
        self.branch_pool = nn.Sequential(
            nn.MaxPool2d(3, stride=1, padding=1), nn.Conv2d(in_channels, pool_proj, 1), relu()
        )

    def forward(self, x):
        return torch.cat(
            [self.branch1(x), self.branch3(x), self.branch5(x), self.branch_pool(x)], dim=1
        )


def conv_multiplications(n_H, n_W, n_C_prev, f, n_C):
    """Multiplications of a CONV f×f layer with n_C filters producing an n_H × n_W × n_C output from
    n_C_prev
    channels: n_H·n_W·n_C outputs, each f·f·n_C_prev multiplications
    (c4w2: 28·28·32 · 5·5·192 ≈ 120 M)."""
    sizes = {"n_H": n_H, "n_W": n_W, "n_C_prev": n_C_prev, "f": f, "n_C": n_C}
    n_H, n_W, n_C_prev, f, n_C = (as_count(value, name, 1) for name, value in sizes.items())
    return n_H * n_W * n_C * f * f * n_C_prev


def count_multiplications(model, input_shape):
    """{layer name: multiplications} for every Conv2d and Linear in model, for one input of
    input_shape (C, H, W),
    measured by running a dummy input: a conv's output elements ×
    (kernel area × input channels per group), a linear's in_features × out_features. Bias additions,
    activations and pooling are not counted."""
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a PyTorch nn.Module; got {type(model).__name__}")
    counts = {}
    layers = {
        module: name
        for name, module in model.named_modules()
        if isinstance(module, (nn.Conv2d, nn.Linear))
    }

    def count(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            kernel = (
                module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
            )
            counts[layers[module]] = output[0].numel() * kernel
        else:
            counts[layers[module]] = module.in_features * module.out_features

    hooks = [module.register_forward_hook(count) for module in layers]
    parameter = next(model.parameters(), None)
    device = parameter.device if parameter is not None else torch.device("cpu")
    try:
        with evaluating(model):
            model(torch.zeros((1, *input_shape), device=device))
    finally:
        for hook in hooks:
            hook.remove()
    return counts
