"""The registry's entries for the checks of c4w2a: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import torch
from torch import nn

from course_lib import checks


def conv_multiplications_right(n_H, n_W, n_C_prev, f, n_C):
    return n_H * n_W * n_C * f * f * n_C_prev


CASES = {
    checks.check_conv_multiplications: (
        conv_multiplications_right,
        [
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * f,
                "input channels are left out",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * n_C_prev,
                "f is used where f·f belongs",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * f * f * n_C_prev,
                "filters are left out",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: (f * f * n_C_prev + 1) * n_C,
                "the parameters (f·f·n_C_prev + 1)·n_C are counted",
            ),
        ],
    ),
}


# ---- the ResNet blocks: right solutions, and the wrong ones as subclasses that change one thing --


class IdentityBlockRight(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1 = nn.Conv2d(F3, F1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(F1)
        self.conv2 = nn.Conv2d(F1, F2, f, padding=f // 2, bias=False)
        self.bn2 = nn.BatchNorm2d(F2)
        self.conv3 = nn.Conv2d(F2, F3, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(F3)

    def main_path(self, X):
        A1 = torch.relu(self.bn1(self.conv1(X)))
        A2 = torch.relu(self.bn2(self.conv2(A1)))
        return self.bn3(self.conv3(A2))

    def shortcut(self, X):
        return X

    def forward(self, X):
        return torch.relu(self.main_path(X) + self.shortcut(X))


class ConvolutionalBlockRight(IdentityBlockRight):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__(f, filters)
        F1, F2, F3 = filters
        self.conv1 = nn.Conv2d(in_channels, F1, 1, stride=s, bias=False)
        self.shortcut_conv = nn.Conv2d(in_channels, F3, 1, stride=s, bias=False)
        self.shortcut_bn = nn.BatchNorm2d(F3)

    def shortcut(self, X):
        return self.shortcut_bn(self.shortcut_conv(X))


def forward_with(mistake):
    """A forward pass with one of the learner's mistakes, for both blocks."""

    def forward(self, X):
        if mistake == "relu before add":
            return torch.relu(self.main_path(X)) + self.shortcut(X)
        if mistake == "no add":
            return torch.relu(self.main_path(X))
        if mistake == "no final relu":
            return self.main_path(X) + self.shortcut(X)
        if mistake == "overwritten X":
            X = self.main_path(X)
            return torch.relu(X + X)
        if mistake == "bn after relu":
            A1 = self.bn1(torch.relu(self.conv1(X)))
            A2 = self.bn2(torch.relu(self.conv2(A1)))
            return torch.relu(self.bn3(self.conv3(A2)) + self.shortcut(X))
        if mistake == "no bn3":
            A2 = torch.relu(self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(X))))))
            return torch.relu(self.conv3(A2) + self.shortcut(X))
        if mistake == "shortcut without bn":
            return torch.relu(self.main_path(X) + self.shortcut_conv(X))
        if mistake == "relu on shortcut":
            return torch.relu(self.main_path(X) + torch.relu(self.shortcut(X)))
        if mistake == "in-place relu":
            return torch.relu(self.main_path(X) + torch.relu_(X))
        raise AssertionError(mistake)

    return forward


def wrong_block(base, mistake=None, **layers):
    """base with a forward mistake and/or some layers replaced (layer=lambda self, *args: …)."""

    class Wrong(base):
        def __init__(self, *args):
            super().__init__(*args)
            for attr, make in layers.items():
                if make is None:
                    delattr(self, attr)
                else:
                    setattr(self, attr, make(self, *args))

    if mistake:
        Wrong.forward = forward_with(mistake)
    return Wrong


def conv_like(attr, **changes):
    """A factory for a copy of the block's layer attr with some Conv2d settings changed."""

    def make(self, *args):
        old = getattr(self, attr)
        settings = {
            "in_channels": old.in_channels,
            "out_channels": old.out_channels,
            "kernel_size": old.kernel_size,
            "stride": old.stride,
            "padding": old.padding,
            "bias": old.bias is not None,
        }
        return nn.Conv2d(**(settings | changes))

    return make


IDENTITY = IdentityBlockRight
CONVOLUTIONAL = ConvolutionalBlockRight

CASES |= {
    checks.check_IdentityBlock: (
        IdentityBlockRight,
        [
            (wrong_block(IDENTITY, "relu before add"), "the ReLU comes before the add"),
            (wrong_block(IDENTITY, "no add"), "the add is forgotten"),
            (wrong_block(IDENTITY, "no final relu"), "the ReLU after the add is forgotten"),
            (wrong_block(IDENTITY, "overwritten X"), "X was overwritten before the add"),
            (wrong_block(IDENTITY, "bn after relu"), "batch norm comes after the ReLU"),
            (wrong_block(IDENTITY, "no bn3"), "bn3 is not applied"),
            (wrong_block(IDENTITY, "in-place relu"), "changed its input X in place"),
            (
                wrong_block(IDENTITY, conv2=conv_like("conv2", padding=0)),
                ("'same' padding is missing on the f×f conv", "pad by (f − 1)/2"),
            ),
            (
                wrong_block(IDENTITY, conv2=conv_like("conv2", stride=2)),
                ("`conv2` has stride 2", "an identity block keeps n_H and n_W"),
            ),
            (
                wrong_block(IDENTITY, conv1=conv_like("conv1", bias=True)),
                ("`conv1` has a bias", "bias=False"),
            ),
            (
                wrong_block(IDENTITY, conv3=conv_like("conv3", kernel_size=3, padding=1)),
                "`conv3` is 3×3, expected 1×1",
            ),
            (
                wrong_block(IDENTITY, bn2=lambda self, f, filters: nn.BatchNorm2d(filters[2])),
                "`bn2` normalizes",
            ),
            (
                wrong_block(IDENTITY, bn3=lambda self, f, filters: nn.ReLU()),
                "`bn3` is a ReLU, expected an nn.BatchNorm2d",
            ),
        ],
    ),
    checks.check_ConvolutionalBlock: (
        ConvolutionalBlockRight,
        [
            (wrong_block(CONVOLUTIONAL, "relu before add"), "the ReLU comes before the add"),
            (wrong_block(CONVOLUTIONAL, "no add"), "the add is forgotten"),
            (wrong_block(CONVOLUTIONAL, "bn after relu"), "batch norm comes after the ReLU"),
            (
                wrong_block(CONVOLUTIONAL, "shortcut without bn"),
                "the shortcut has no batch norm",
            ),
            (
                wrong_block(CONVOLUTIONAL, shortcut_bn=None),
                ("the shortcut without its batch norm", "shortcut_bn"),
            ),
            (wrong_block(CONVOLUTIONAL, "relu on shortcut"), "a ReLU is applied to the shortcut"),
            (
                wrong_block(
                    CONVOLUTIONAL,
                    conv1=conv_like("conv1", stride=1),
                    conv2=lambda self, in_channels, f, filters, s: conv_like(
                        "conv2", stride=s, padding=f // 2
                    )(self),
                ),
                "the stride s = 2 is on the f×f conv (conv2) instead of the first 1×1 conv",
            ),
            (
                wrong_block(CONVOLUTIONAL, shortcut_conv=conv_like("shortcut_conv", stride=1)),
                "the shortcut's 1×1 conv (shortcut_conv) has stride 1, not s = 2",
            ),
            (
                wrong_block(CONVOLUTIONAL, conv1=conv_like("conv1", stride=1)),
                "conv1 has stride 1, not s = 2",
            ),
            (
                wrong_block(
                    CONVOLUTIONAL,
                    conv2=lambda self, in_channels, f, filters, s: conv_like(
                        "conv2", stride=s, padding=f // 2
                    )(self),
                ),
                "more than one conv of the main path has a stride",
            ),
            (
                wrong_block(CONVOLUTIONAL, conv2=conv_like("conv2", padding=0)),
                "'same' padding is missing on the f×f conv",
            ),
            (
                wrong_block(
                    CONVOLUTIONAL,
                    shortcut_conv=lambda self, in_channels, f, filters, s: nn.Conv2d(
                        in_channels, filters[2], f, stride=s, padding=f // 2, bias=False
                    ),
                ),
                "`shortcut_conv` is 3×3, expected 1×1",
            ),
        ],
    ),
}
