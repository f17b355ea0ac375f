"""The arrays the torch tools take, as tensors: images (N, C, H, W) or feature rows (N, n), and
class labels (N,), refused with a hint when they are not.
"""

import numpy as np
import torch


def _as_inputs(X, what):
    X = (
        torch.as_tensor(np.asarray(X, dtype=np.float32))
        if not isinstance(X, torch.Tensor)
        else X.float()
    )
    if X.ndim not in (2, 4):
        raise ValueError(
            f"{what} must be images (N, C, H, W) (PyTorch's layout, examples first) "
            f"or feature rows (N, n); "
            f"got shape {tuple(X.shape)}"
        )
    return X


def _as_labels(y, n, what):
    y = np.asarray(y)
    if y.ndim != 1 or len(y) != n:
        raise ValueError(
            f"{what} must be integer class labels (N,) = ({n},) to go with the "
            f"images; got shape {y.shape}" + (" — did you mean y.ravel()?" if y.size == n else "")
        )
    if not np.all(y == np.round(y)):
        raise ValueError(
            f"{what} must be whole class indices 0..C-1, not one-hot rows or probabilities"
        )
    return torch.as_tensor(y.astype(np.int64))
