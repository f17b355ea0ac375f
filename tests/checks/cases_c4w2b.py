"""The registry's entries for the checks of c4w2b: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

import numpy as np
import torch
from torch import nn

from course_lib import checks
from course_lib.augmentation import AugmentedImages


def pca_color_right(image, alphas, pca):
    return np.clip(image + pca.eigenvectors @ (alphas * pca.eigenvalues), 0.0, 1.0)


CASES = {
    checks.check_pca_color: (
        pca_color_right,
        [
            (
                lambda image, alphas, pca: np.clip(image + pca.eigenvectors @ alphas, 0, 1),
                "eigenvalues are left out",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + pca.eigenvectors.T @ (alphas * pca.eigenvalues), 0, 1
                ),
                "taken as rows",
            ),
            (
                lambda image, alphas, pca: image + pca.eigenvectors @ (alphas * pca.eigenvalues),
                "not clipped",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + pca.eigenvectors @ (alphas * np.sqrt(pca.eigenvalues)), 0, 1
                ),
                "square roots",
            ),
            (
                lambda image, alphas, pca: np.clip(
                    image + (pca.eigenvectors @ (alphas * pca.eigenvalues)).reshape(3, 1, 1), 0, 1
                ),
                "shape",
            ),
        ],
    ),
}


# ---- freeze_base ------------------------------------------------------------------------------


def _layers(model):
    return list(model.named_children())


def freeze_base_right(model, cut):
    names = [name for name, _ in model.named_children()]
    last = names.index(cut)
    for i, (_, layer) in enumerate(model.named_children()):
        for p in layer.parameters():
            p.requires_grad = i > last
    return model


def freeze_base_before_cut(model, cut):
    """Off by one: the cut layer itself stays trainable."""
    names = [name for name, _ in model.named_children()]
    for i, (_, layer) in enumerate(model.named_children()):
        for p in layer.parameters():
            p.requires_grad = i >= names.index(cut)
    return model


def freeze_base_one_more(model, cut):
    """Off by one the other way: the first layer after the cut is frozen too."""
    names = [name for name, _ in model.named_children()]
    for i, (_, layer) in enumerate(model.named_children()):
        for p in layer.parameters():
            p.requires_grad = i > names.index(cut) + 1
    return model


def freeze_base_everything(model, cut):
    for p in model.parameters():
        p.requires_grad = False
    return model


def freeze_base_eval(model, cut):
    model.eval()
    return model


def freeze_base_weights_only(model, cut):
    names = [name for name, _ in model.named_children()]
    for _, layer in _layers(model)[: names.index(cut) + 1]:
        if hasattr(layer, "weight"):
            layer.weight.requires_grad = False
    return model


def freeze_base_conv_and_linear(model, cut):
    names = [name for name, _ in model.named_children()]
    for _, layer in _layers(model)[: names.index(cut) + 1]:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            layer.requires_grad_(False)
    return model


def freeze_base_never_unfreezes(model, cut):
    names = [name for name, _ in model.named_children()]
    for _, layer in _layers(model)[: names.index(cut) + 1]:
        layer.requires_grad_(False)
    return model


# ---- replace_head -----------------------------------------------------------------------------


def _last_linear(model):
    return [name for name, layer in model.named_children() if isinstance(layer, nn.Linear)][-1]


def replace_head_right(model, num_classes):
    name = _last_linear(model)
    setattr(model, name, nn.Linear(getattr(model, name).in_features, num_classes))
    return model


def replace_head_in_from_out(model, num_classes):
    name = _last_linear(model)
    setattr(model, name, nn.Linear(getattr(model, name).out_features, num_classes))
    return model


def replace_head_hardcoded_64(model, num_classes):
    setattr(model, _last_linear(model), nn.Linear(64, num_classes))
    return model


def replace_head_appended(model, num_classes):
    model.add_module(
        "new_head", nn.Linear(getattr(model, _last_linear(model)).out_features, num_classes)
    )
    return model


def replace_head_old_classes(model, num_classes):
    old = getattr(model, _last_linear(model))
    setattr(model, _last_linear(model), nn.Linear(old.in_features, old.out_features))
    return model


def replace_head_reset_in_place(model, num_classes):
    getattr(model, _last_linear(model)).reset_parameters()
    return model


def replace_head_first_linear(model, num_classes):
    name = [name for name, layer in model.named_children() if isinstance(layer, nn.Linear)][0]
    setattr(model, name, nn.Linear(getattr(model, name).in_features, num_classes))
    return model


# ---- fine_tune --------------------------------------------------------------------------------


def _fine_tune(model, X, y, learning_rate, steps, parameters, zero_grad=True, softmax=False):
    optimizer = torch.optim.Adam(parameters, lr=learning_rate)
    losses = []
    for _ in range(steps):
        if zero_grad:
            optimizer.zero_grad()
        logits = model(X)
        loss = nn.functional.cross_entropy(torch.softmax(logits, 1) if softmax else logits, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses, optimizer


def fine_tune_right(model, X, y, learning_rate, steps):
    trainable = [p for p in model.parameters() if p.requires_grad]
    return _fine_tune(model, X, y, learning_rate, steps, trainable)


def fine_tune_all_parameters(model, X, y, learning_rate, steps):
    return _fine_tune(model, X, y, learning_rate, steps, model.parameters())


def fine_tune_all_parameters_zero_grad_last(model, X, y, learning_rate, steps):
    """model.parameters() in the optimizer, and the tutorial's order backward → step → zero_grad:
    the frozen weights' leftover gradients move them in the first step."""
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    losses = []
    for _ in range(steps):
        loss = nn.functional.cross_entropy(model(X), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    return losses, optimizer


def fine_tune_no_zero_grad(model, X, y, learning_rate, steps):
    trainable = [p for p in model.parameters() if p.requires_grad]
    return _fine_tune(model, X, y, learning_rate, steps, trainable, zero_grad=False)


def fine_tune_softmax(model, X, y, learning_rate, steps):
    trainable = [p for p in model.parameters() if p.requires_grad]
    return _fine_tune(model, X, y, learning_rate, steps, trainable, softmax=True)


def fine_tune_unfreezes(model, X, y, learning_rate, steps):
    model.requires_grad_(True)
    return _fine_tune(model, X, y, learning_rate, steps, model.parameters())


def fine_tune_no_optimizer_returned(model, X, y, learning_rate, steps):
    return fine_tune_right(model, X, y, learning_rate, steps)[0]


# ---- random_shift and make_datasets -----------------------------------------------------------


def random_shift_right(image, rng, pad=1):
    h, w = image.shape[:2]
    padded = np.pad(image, ((pad, pad), (pad, pad)) + ((0, 0),) * (image.ndim - 2))
    top, left = rng.integers(0, 2 * pad + 1), rng.integers(0, 2 * pad + 1)
    return padded[top : top + h, left : left + w]


def random_shift_exclusive(image, rng, pad=1):
    h, w = image.shape[:2]
    padded = np.pad(image, ((pad, pad), (pad, pad)) + ((0, 0),) * (image.ndim - 2))
    top, left = rng.integers(0, 2 * pad), rng.integers(0, 2 * pad)
    return padded[top : top + h, left : left + w]


def random_shift_swapped(image, rng, pad=1):
    h, w = image.shape[:2]
    padded = np.pad(image, ((pad, pad), (pad, pad)) + ((0, 0),) * (image.ndim - 2))
    left, top = rng.integers(0, 2 * pad + 1), rng.integers(0, 2 * pad + 1)
    return padded[top : top + h, left : left + w]


def random_shift_edge(image, rng, pad=1):
    h, w = image.shape[:2]
    padded = np.pad(image, ((pad, pad), (pad, pad)) + ((0, 0),) * (image.ndim - 2), mode="edge")
    top, left = rng.integers(0, 2 * pad + 1), rng.integers(0, 2 * pad + 1)
    return padded[top : top + h, left : left + w]


def random_shift_no_crop(image, rng, pad=1):
    return np.pad(image, ((pad, pad), (pad, pad)) + ((0, 0),) * (image.ndim - 2))


def random_shift_pads_colour(image, rng, pad=1):
    h, w = image.shape[:2]
    padded = np.pad(image, pad)
    top, left = rng.integers(0, 2 * pad + 1), rng.integers(0, 2 * pad + 1)
    return padded[top : top + h, left : left + w]


def random_shift_global_rng(image, rng, pad=1):
    h, w = image.shape[:2]
    padded = np.pad(image, ((pad, pad), (pad, pad)) + ((0, 0),) * (image.ndim - 2))
    top, left = np.random.randint(0, 2 * pad + 1), np.random.randint(0, 2 * pad + 1)
    return padded[top : top + h, left : left + w]


def make_datasets_right(X_train, y_train, X_dev, y_dev, augment, seed=0):
    train_set = AugmentedImages(X_train, y_train, augment, seed)
    dev_set = torch.utils.data.TensorDataset(torch.as_tensor(X_dev), torch.as_tensor(y_dev))
    return train_set, dev_set


def make_datasets_both_augmented(X_train, y_train, X_dev, y_dev, augment, seed=0):
    return AugmentedImages(X_train, y_train, augment, seed), AugmentedImages(
        X_dev, y_dev, augment, seed
    )


def make_datasets_swapped(X_train, y_train, X_dev, y_dev, augment, seed=0):
    train_set = torch.utils.data.TensorDataset(torch.as_tensor(X_train), torch.as_tensor(y_train))
    return train_set, AugmentedImages(X_dev, y_dev, augment, seed)


def make_datasets_no_augmentation(X_train, y_train, X_dev, y_dev, augment, seed=0):
    return (
        torch.utils.data.TensorDataset(torch.as_tensor(X_train), torch.as_tensor(y_train)),
        torch.utils.data.TensorDataset(torch.as_tensor(X_dev), torch.as_tensor(y_dev)),
    )


def make_datasets_seed_ignored(X_train, y_train, X_dev, y_dev, augment, seed=0):
    return make_datasets_right(X_train, y_train, X_dev, y_dev, augment)


CASES |= {
    checks.check_freeze_base: (
        freeze_base_right,
        [
            (freeze_base_before_cut, ("'fc1' itself is still trainable", "INCLUDING")),
            (freeze_base_one_more, ("'fc1' after the cut is frozen too", "off by one")),
            (freeze_base_everything, "every parameter is frozen"),
            (freeze_base_eval, "model.eval() only switches"),
            (freeze_base_weights_only, "biases of the frozen layers are left trainable"),
            (freeze_base_conv_and_linear, "batch-norm layers' γ and β"),
            (freeze_base_never_unfreezes, "base_model.trainable = True"),
        ],
    ),
    checks.check_replace_head: (
        replace_head_right,
        [
            (replace_head_in_from_out, "the old head's out_features (10)"),
            (replace_head_hardcoded_64, ("in_features is 64", "Linear(8, 5)")),
            (replace_head_appended, ("the old head is still there", "'new_head'")),
            (
                replace_head_old_classes,
                ("out_features is 10, expected num_classes = 3", "old head's number"),
            ),
            (replace_head_reset_in_place, "the old head is kept"),
            (replace_head_first_linear, "'fc1' was replaced, a Linear layer, but not the last"),
        ],
    ),
    checks.check_fine_tune: (
        fine_tune_right,
        [
            (fine_tune_all_parameters, ("optimizer was given frozen parameters", "conv1.weight")),
            (fine_tune_all_parameters_zero_grad_last, "optimizer was given frozen parameters"),
            (fine_tune_no_zero_grad, ("gradients accumulate", "zero_grad()")),
            (fine_tune_softmax, "softmax is applied before the cross-entropy"),
            (fine_tune_unfreezes, "changed which parameters are trainable"),
            (fine_tune_no_optimizer_returned, "must return (losses, optimizer)"),
        ],
    ),
    checks.check_random_shift: (
        random_shift_right,
        [
            (random_shift_exclusive, "excludes high"),
            (random_shift_swapped, "left is drawn before top"),
            (random_shift_edge, "mode='edge'"),
            (random_shift_no_crop, "that is the padded image"),
            (random_shift_pads_colour, ("colour 6×6×3", "the colour axis was padded too")),
            (random_shift_global_rng, "not np.random"),
        ],
    ),
    checks.check_make_datasets: (
        make_datasets_right,
        [
            (make_datasets_both_augmented, ("augmenting the dev/test set", "matches augment")),
            (make_datasets_swapped, "augmenting the dev/test set"),
            (make_datasets_no_augmentation, "(index, epoch)"),
            (make_datasets_seed_ignored, ("seed = 3", "seed is not passed on")),
        ],
    ),
}
