"""The PyTorch side of the course: the device torch cells use (announced with device_summary); the
torch twin of course_lib's [LINEAR → g] × (L−1) → LINEAR network with our parameters copied in
(Course 2, week 3); and Course 4's tools for CNNs (the networks are in course_lib.architectures): a
layer table, a seeded trainer and the feature maps of a conv layer.

Our W[l] is (n[l], n[l−1]), exactly nn.Linear's weight (out_features, in_features); our b[l]
(n[l], 1) is its bias (n[l],). Torch takes examples as rows, so the twin maps X.T (m, n[0]) to
Z[L].T (m, n[L]).
"""

from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
import torch
from tqdm.auto import trange

from course_lib.augmentation import AugmentedImages, ten_crops
from course_lib.training import check_divergence

TORCH_ACTIVATIONS = {
    "relu": torch.nn.ReLU,
    "tanh": torch.nn.Tanh,
    "sigmoid": torch.nn.Sigmoid,
    "leaky_relu": lambda: torch.nn.LeakyReLU(0.01),
    "linear": torch.nn.Identity,
}


def pick_device(float64=False):
    """CUDA if there is an NVIDIA GPU, then Apple's MPS, else the CPU; MPS has no float64, so
    float64=True skips it."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if not float64 and mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def device_summary(device):
    """One line naming the device torch cells run on: "cuda: NVIDIA H100 …", "mps (Apple GPU)" or
    "cpu (no GPU found)"."""
    device = torch.device(device)
    if device.type == "cuda":
        return f"cuda: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "mps (Apple GPU)"
    if device.type == "cpu":
        return (
            "cpu (no GPU found)"
            if pick_device().type == "cpu"
            else "cpu (a GPU exists but was not chosen)"
        )
    return str(device)


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
    if hidden_activation not in TORCH_ACTIVATIONS:
        raise ValueError(
            f"unknown hidden activation {hidden_activation!r}; choose one of "
            f"{', '.join(map(repr, TORCH_ACTIVATIONS))}"
        )
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


# ---------------------------------------------------------------- Course 4, weeks 1–2:
# convolutional networks

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


def _model_device(model):
    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")


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


def _accuracy(model, X, y, batch_size=1024):
    correct = 0
    with torch.no_grad():
        for start in range(0, len(X), batch_size):
            correct += (
                (model(X[start : start + batch_size]).argmax(1) == y[start : start + batch_size])
                .sum()
                .item()
            )
    return correct / len(X)


def _training_batches(X, y, permutations, batch_size, device, augment, seed, num_workers):
    """(X_batch, y_batch) for every mini-batch of every epoch, in the order of the permutations
    (one per epoch).

    With augment, the batches come from a DataLoader whose worker processes apply augment to each
    image on the CPU while the model trains; image i of epoch e is changed with the rng seeded by
    (seed, e, i).
    """
    m = len(X)
    if augment is None:
        for permutation in permutations:
            for start in range(0, m, batch_size):
                batch = permutation[start : start + batch_size].to(device)
                yield X[batch], y[batch]
        return
    keys = [
        [(int(i), epoch) for i in permutation[start : start + batch_size]]
        for epoch, permutation in enumerate(permutations)
        for start in range(0, m, batch_size)
    ]
    dataset = AugmentedImages(X.cpu().numpy(), y.cpu().numpy(), augment, seed)
    for X_batch, y_batch in torch.utils.data.DataLoader(
        dataset, batch_sampler=keys, num_workers=num_workers
    ):
        yield X_batch.to(device), y_batch.to(device)


def train_classifier(
    model,
    X_train,
    y_train,
    X_test,
    y_test,
    epochs,
    batch_size=64,
    learning_rate=1e-3,
    device=None,
    seed=0,
    progress=True,
    augment=None,
    num_workers=0,
    eval_every=1,
):
    """Train model with Adam on the cross-entropy of its logits, in mini-batches shuffled by a
    generator seeded with seed.

    X (N, C, H, W) float32 images or (N, n) feature rows, y (N,) labels 0…C−1
    (NumPy arrays or tensors). Only parameters with requires_grad are trained (see transfer.freeze).
    augment (e.g. augmentation.Augment) changes each training image anew every epoch, in num_workers
    DataLoader processes; accuracies are measured on the unchanged images. Runs on device
    (default pick_device()), with a progress bar over epochs when progress is True. Returns history
    {"loss": mean training loss per epoch, "train_accuracy", "test_accuracy": measured after every
    eval_every-th epoch and the last one, "accuracy_epochs": after which epochs (1-based)}. Same
    seed and initial weights → same history on the CPU.
    """
    for name, value in (("epochs", epochs), ("batch_size", batch_size), ("eval_every", eval_every)):
        if not (isinstance(value, int) and value >= 1):
            raise ValueError(f"{name} must be a whole number ≥ 1; got {value!r}")
    device = torch.device(device) if device is not None else pick_device()
    X_train, X_test = _as_inputs(X_train, "X_train"), _as_inputs(X_test, "X_test")
    y_train, y_test = (
        _as_labels(y_train, len(X_train), "y_train"),
        _as_labels(y_test, len(X_test), "y_test"),
    )
    # the number of outputs, from a dummy input (eval mode: no statistics are updated)
    with evaluating(model):
        classes = model(
            torch.zeros(1, *X_train.shape[1:], dtype=torch.float32).to(_model_device(model))
        ).shape[1]
    for name, y in (("y_train", y_train), ("y_test", y_test)):
        if y.min() < 0 or y.max() >= classes:
            raise ValueError(
                f"{name} must hold class indices 0..{classes - 1} for this "
                f"{classes}-output model; "
                f"got values from {int(y.min())} to {int(y.max())} (labels "
                f"1..{classes} need y − 1)"
            )
    trainable = [p for p in model.parameters() if p.requires_grad]
    if not trainable:
        raise ValueError(
            "every parameter of the model is frozen (requires_grad=False): unfreeze "
            "at least the last layer"
        )
    X_train, y_train, X_test, y_test = (t.to(device) for t in (X_train, y_train, X_test, y_test))
    model.to(device)
    optimizer = torch.optim.Adam(trainable, lr=learning_rate)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    m = len(X_train)
    permutations = [torch.randperm(m, generator=generator) for _ in range(epochs)]
    batches = _training_batches(
        X_train, y_train, permutations, batch_size, device, augment, seed, num_workers
    )
    history = {"loss": [], "train_accuracy": [], "test_accuracy": [], "accuracy_epochs": []}
    bar = trange(epochs, desc="epochs", disable=not progress, leave=False)
    try:
        for epoch in bar:
            model.train()
            total = 0.0
            for _ in range(0, m, batch_size):
                X_batch, y_batch = next(batches)
                loss = loss_fn(model(X_batch), y_batch)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += loss.item() * len(y_batch)
            epoch_loss = total / m
            first = history["loss"][0] if history["loss"] else epoch_loss
            check_divergence(epoch_loss, first, f"epoch {epoch + 1}", learning_rate)
            history["loss"].append(float(epoch_loss))
            if (epoch + 1) % eval_every == 0 or epoch + 1 == epochs:
                model.eval()
                history["train_accuracy"].append(float(_accuracy(model, X_train, y_train)))
                history["test_accuracy"].append(float(_accuracy(model, X_test, y_test)))
                history["accuracy_epochs"].append(epoch + 1)
                bar.set_postfix(
                    loss=f"{epoch_loss:.3f}", test_accuracy=f"{history['test_accuracy'][-1]:.3f}"
                )
    finally:
        bar.close()
        batches.close()  # stops the DataLoader workers, also when training diverged
    return history


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
