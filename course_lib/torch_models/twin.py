"""The torch twin of course_lib's [LINEAR → g] × (L−1) → LINEAR network, with our parameters
copied in (Course 2, week 3), and our parameters and gradients read back from it.

Our W[l] is (n[l], n[l−1]), exactly nn.Linear's weight (out_features, in_features); our b[l]
(n[l], 1) is its bias (n[l],). Torch takes examples as rows, so the twin maps X.T (m, n[0]) to
Z[L].T (m, n[L]).
"""

import numpy as np
import torch

from course_lib.activations import check_activation

TORCH_ACTIVATIONS = {  # the torch module of each of activations.HIDDEN_ACTIVATIONS
    "relu": torch.nn.ReLU,
    "tanh": torch.nn.Tanh,
    "sigmoid": torch.nn.Sigmoid,
    "leaky_relu": lambda: torch.nn.LeakyReLU(0.01),
    "linear": torch.nn.Identity,
}


def _layers(parameters):
    """L from a {"W1", "b1", …, "WL", "bL"} dict, refusing batch-norm or oddly named dicts with a
    hint."""
    L = sum(key.startswith("W") for key in parameters)
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if L == 0 or set(parameters) != expected:
        raise ValueError(
            "parameters must be {'W1', 'b1', …, 'WL', 'bL'} of a plain network (no "
            "gamma/beta: the "
            f"twin has no batch norm); got keys {sorted(parameters)}"
        )
    return L


def torch_network(parameters, hidden_activation="relu", device=None, dtype=torch.float64):
    """nn.Sequential(Linear(n[0], n[1]), g, …, Linear(n[L−1], n[L])) with weight = W[l], bias = b[l]
    copied in.

    It outputs the logits Z[L].T (m, n[L]) for X.T (m, n[0]); the output activation belongs to the
    loss (nn.CrossEntropyLoss for softmax, nn.BCEWithLogitsLoss for sigmoid). Our dict is not
    changed.
    """
    check_activation(hidden_activation, "hidden")
    L = _layers(parameters)
    modules = []
    for l in range(1, L + 1):
        W, b = np.asarray(parameters[f"W{l}"]), np.asarray(parameters[f"b{l}"])
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"b{l} must be (n[{l}], 1) = ({W.shape[0]}, 1) to go with W{l} "
                f"{W.shape}; got {b.shape}"
            )
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.as_tensor(W, dtype=dtype))
            linear.bias.copy_(torch.as_tensor(b.ravel(), dtype=dtype))
        modules.append(linear)
        if l < L:
            modules.append(TORCH_ACTIVATIONS[hidden_activation]())
    return torch.nn.Sequential(*modules).to(device or "cpu")


def _linears(network):
    return [module for module in network if isinstance(module, torch.nn.Linear)]


def parameters_from_torch(network):
    """Our dict {"W1": (n[1], n[0]), "b1": (n[1], 1), …} (float64 NumPy copies) from torch_network's
    layers."""
    parameters = {}
    for l, linear in enumerate(_linears(network), start=1):
        parameters[f"W{l}"] = linear.weight.detach().cpu().double().numpy().copy()
        parameters[f"b{l}"] = linear.bias.detach().cpu().double().numpy().reshape(-1, 1)
    return parameters


def gradients_from_torch(network):
    """Autograd's gradients as our grads dict {"dW1", "db1", …} (after loss.backward()); shapes as
    the parameters."""
    grads = {}
    for l, linear in enumerate(_linears(network), start=1):
        if linear.weight.grad is None:
            raise ValueError("the network has no gradients yet: call loss.backward() first")
        grads[f"dW{l}"] = linear.weight.grad.detach().cpu().double().numpy().copy()
        grads[f"db{l}"] = linear.bias.grad.detach().cpu().double().numpy().reshape(-1, 1)
    return grads
