"""Transfer learning (Course 3 week 2, Course 4 week 2): take a network trained on task A, freeze
its first layers, replace its softmax head with one for task B, and train what is left on B's (few)
examples. With everything but the head frozen, the frozen part's activations can be computed once
(precompute_features) and the head trained on them alone.

Layers are named by the model's children (LeNet5: conv1, relu1, pool1, …, fc3; print(model) lists
them).
"""

from collections import OrderedDict

import torch
from torch import nn

from course_lib.torch_models import evaluating


def _check_model(model):
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a PyTorch nn.Module; got {type(model).__name__}")
    return model


def layer_names(model):
    """The names of the model's layers (its named children), in order."""
    return [name for name, _ in _check_model(model).named_children()]


def _position(model, name):
    names = layer_names(model)
    if name not in names:
        raise ValueError(
            f"the model has no layer named {name!r}; its layers are: {', '.join(names)}"
        )
    return names.index(name)


def freeze(model, up_to):
    """Freeze the layers from the first up to and including the layer named up_to
    (requires_grad=False) and make the rest trainable; returns the model. Frozen batch-norm layers
    still update their running averages in train mode."""
    last = _position(model, up_to)
    for i, (_, module) in enumerate(model.named_children()):
        for parameter in module.parameters():
            parameter.requires_grad_(i > last)
    return model


def trainable_parameter_count(model):
    """How many parameters an optimizer will change: those with requires_grad."""
    return sum(p.numel() for p in _check_model(model).parameters() if p.requires_grad)


def replace_head(model, num_classes, seed=0):
    """Replace the model's last Linear layer (its softmax head) by a new
    Linear(in_features, num_classes) initialized from torch.manual_seed(seed); returns the model
    (changed in place, as nn.Module surgery is)."""
    name = next(
        (
            name
            for name, module in reversed(list(_check_model(model).named_children()))
            if isinstance(module, nn.Linear)
        ),
        None,
    )
    if name is None:
        raise ValueError(
            f"the model has no Linear layer to replace; its layers are: "
            f"{', '.join(layer_names(model))}"
        )
    old = getattr(model, name)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        new = nn.Linear(
            old.in_features, num_classes, device=old.weight.device, dtype=old.weight.dtype
        )
    setattr(model, name, new)
    return model


def split_at(model, up_to):
    """(body, head): nn.Sequential of the layers up to and including up_to, and of the layers after
    it."""
    position = _position(model, up_to)
    children = list(model.named_children())
    return nn.Sequential(OrderedDict(children[: position + 1])), nn.Sequential(
        OrderedDict(children[position + 1 :])
    )


def precompute_features(model, X, up_to, batch_size=1024):
    """The activations (N, n) of the layer named up_to for inputs X (N, C, H, W), in eval mode
    without gradients,
    flattened: what a frozen body feeds its head, computed once instead of every epoch."""
    body, _ = split_at(model, up_to)
    parameter = next(model.parameters())
    X = torch.as_tensor(X, dtype=torch.float32)
    with evaluating(model):
        out = torch.cat(
            [
                body(X[i : i + batch_size].to(parameter.device)).flatten(1)
                for i in range(0, len(X), batch_size)
            ]
        )
    return out.cpu()
