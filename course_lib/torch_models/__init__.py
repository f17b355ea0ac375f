"""The PyTorch side of the course: the device torch cells use (announced with device_summary); the
torch twin of course_lib's [LINEAR → g] × (L−1) → LINEAR network with our parameters copied in
(Course 2, week 3); and Course 4's tools for CNNs (the networks are in course_lib.architectures): a
layer table, a seeded trainer, the feature maps of a conv layer and test-time predictors.

Where each part lives:
    device      pick_device, device_summary
    twin        torch_network, parameters_from_torch, gradients_from_torch, TORCH_ACTIVATIONS
    inputs      the images, feature rows and labels the tools below take, checked
    layers      evaluating, layer_table, format_layer_table, LayerRow, feature_maps
    trainer     train_classifier
    predictors  predict_proba, ensemble_predict, multi_crop_predict
"""

from course_lib.torch_models.device import device_summary, pick_device
from course_lib.torch_models.layers import (
    LayerRow,
    evaluating,
    feature_maps,
    format_layer_table,
    layer_table,
)
from course_lib.torch_models.predictors import ensemble_predict, multi_crop_predict, predict_proba
from course_lib.torch_models.trainer import train_classifier
from course_lib.torch_models.twin import (
    TORCH_ACTIVATIONS,
    gradients_from_torch,
    parameters_from_torch,
    torch_network,
)

__all__ = [
    # device
    "pick_device",
    "device_summary",
    # twin
    "TORCH_ACTIVATIONS",
    "torch_network",
    "parameters_from_torch",
    "gradients_from_torch",
    # layers
    "LayerRow",
    "evaluating",
    "layer_table",
    "format_layer_table",
    "feature_maps",
    # trainer
    "train_classifier",
    # predictors
    "predict_proba",
    "ensemble_predict",
    "multi_crop_predict",
]
