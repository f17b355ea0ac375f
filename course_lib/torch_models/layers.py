"""Looking inside a CNN (Course 4, weeks 1–2): eval mode for a block (evaluating), a table of
the layers' output shapes and parameter counts, and the feature maps of a conv layer.
"""

from contextlib import contextmanager
from typing import NamedTuple

import torch

from course_lib.torch_models.device import _model_device
from course_lib.torch_models.inputs import _as_inputs

_ACTIVATION_TYPES = (
    torch.nn.ReLU,
    torch.nn.Tanh,
    torch.nn.Sigmoid,
    torch.nn.LeakyReLU,
    torch.nn.ELU,
    torch.nn.GELU,
)


class LayerRow(NamedTuple):
    """One row of layer_table: the layer's name, its output shape without the batch axis, its
    parameter count."""

    name: str
    output_shape: tuple
    parameters: int


def _is_activation(module):
    return isinstance(module, _ACTIVATION_TYPES)


@contextmanager
def evaluating(model):
    """`with evaluating(model):` runs the block in eval mode without gradients, then gives every
    submodule back its own mode (a batch-norm layer someone froze in eval mode stays so)."""
    modes = {module: module.training for module in model.modules()}
    model.eval()
    try:
        with torch.no_grad():
            yield model
    finally:
        for module, mode in modes.items():
            module.training = mode


def _run_with_hooks(model, modules, X):
    """Run model(X) in eval mode without gradients and return each module's output
    (in call order)."""
    outputs = {}

    def keep(module, inputs, output):
        outputs[id(module)] = output

    hooks = [module.register_forward_hook(keep) for module in modules]
    try:
        with evaluating(model):
            model(X)
    finally:
        for hook in hooks:
            hook.remove()
    return outputs


def layer_table(model, input_shape):
    """Rows (name, output shape (C, H, W) or (n,), parameter count) of the model's layers for one
    input of input_shape.

    A dummy input (1, *input_shape) runs through the model; activations (ReLU, …) get no row of
    their own. A conv layer f×f with n_C filters on n_C_prev channels has (f·f·n_C_prev + 1)·n_C
    parameters; FC (n_prev + 1)·n.
    """
    children = list(model.named_children())
    if not children:
        raise ValueError(
            "layer_table needs a model built from layers (nn.Module children); this one has none"
        )
    dummy = torch.zeros((1, *input_shape), device=_model_device(model))
    outputs = _run_with_hooks(model, [module for _, module in children], dummy)
    rows = []
    for name, module in children:
        if _is_activation(module) or id(module) not in outputs:
            continue
        shape = tuple(outputs[id(module)].shape[1:])
        rows.append(
            LayerRow(
                f"{name} ({type(module).__name__})",
                shape,
                sum(p.numel() for p in module.parameters()),
            )
        )
    return rows


def format_layer_table(rows):
    """layer_table's rows as a text table: layer, output shape (6×28×28) and parameters, with the
    total at the bottom."""
    lines = [(name, "×".join(map(str, shape)), f"{count:,}") for name, shape, count in rows]
    total = sum(count for _, _, count in rows)
    header, footer = ("layer", "output shape", "parameters"), ("total", "", f"{total:,}")
    widths = [max(len(line[i]) for line in [header, footer, *lines]) for i in range(3)]

    def fmt(line):
        return f"{line[0]:<{widths[0]}}  {line[1]:<{widths[1]}}  {line[2]:>{widths[2]}}"

    rule = "-" * (sum(widths) + 4)
    return "\n".join([fmt(header), rule, *map(fmt, lines), rule, fmt(footer)])


def feature_maps(model, X, layer=0):
    """The activations g(Z) of conv layer number `layer` (0: the first) for images X (N, C, H, W):
    NumPy (N, n_C, n_H, n_W).

    Taken after the activation that follows the conv (LeNet5: its ReLU), in eval mode, without
    gradients.
    """
    children = list(model.children())
    convs = [i for i, module in enumerate(children) if isinstance(module, torch.nn.Conv2d)]
    if not -len(convs) <= layer < len(convs):
        raise ValueError(
            f"layer must index one of the model's {len(convs)} conv layers "
            f"(0..{len(convs) - 1}); got {layer}"
        )
    i = convs[layer]
    target = (
        children[i + 1]
        if i + 1 < len(children) and _is_activation(children[i + 1])
        else children[i]
    )
    X = _as_inputs(X, "X").to(_model_device(model))
    return _run_with_hooks(model, [target], X)[id(target)].detach().cpu().numpy()
