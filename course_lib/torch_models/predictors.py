"""Predictions of trained classifiers (c4w2): class probabilities, an ensemble's average and
multi-crop at test time.
"""

import numpy as np
import torch

from course_lib.augmentation import ten_crops
from course_lib.torch_models.device import _model_device
from course_lib.torch_models.inputs import _as_inputs
from course_lib.torch_models.layers import evaluating


def predict_proba(model, X, batch_size=1024):
    """softmax(model(X)) in eval mode, without gradients: the class probabilities (N, C) as a NumPy
    array."""
    X = _as_inputs(X, "X").to(_model_device(model))
    if len(X) == 0:
        raise ValueError("predict_proba needs at least one example; X is empty")
    with evaluating(model):
        out = torch.cat(
            [
                torch.softmax(model(X[i : i + batch_size]), dim=1)
                for i in range(0, len(X), batch_size)
            ]
        )
    return out.cpu().double().numpy()


def ensemble_predict(models, X):
    """Ensembling (c4w2): the average of the models' class probabilities (N, C) — their outputs, not
    their weights."""
    models = list(models)
    if not models:
        raise ValueError("ensemble_predict needs at least one model")
    probabilities = [predict_proba(model, X) for model in models]
    if len({p.shape for p in probabilities}) > 1:
        raise ValueError(
            f"the models disagree on the number of classes: "
            f"{sorted({p.shape[1] for p in probabilities})}"
        )
    return np.mean(probabilities, axis=0)


def multi_crop_predict(model, X, size, mirror=True):
    """Multi-crop at test time (c4w2): the average class probabilities (N, C) over
    augmentation.ten_crops(X, size, mirror) — 10 crops (5 without mirroring), so 10× the cost of one
    prediction."""
    crops = ten_crops(
        np.asarray(X.cpu() if isinstance(X, torch.Tensor) else X, dtype=np.float32), size, mirror
    )
    return np.mean([predict_proba(model, np.ascontiguousarray(crop)) for crop in crops], axis=0)
