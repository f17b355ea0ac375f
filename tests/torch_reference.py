"""PyTorch counterparts of course_lib's activations, for the float64 parity tests."""

import torch

TORCH_FORWARD = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
    "linear": lambda z: z,
    "softmax": lambda z: torch.softmax(z, dim=0),  # examples are columns: normalise over rows
}
