"""A seeded trainer for torch classifiers (Course 4): Adam on the cross-entropy, mini-batches,
optional DataLoader augmentation, and a history of loss and accuracies.
"""

import sys
import warnings

import torch
from tqdm.auto import trange

from course_lib.augmentation import AugmentedImages
from course_lib.torch_models.device import _model_device, pick_device
from course_lib.torch_models.inputs import _as_inputs, _as_labels
from course_lib.torch_models.layers import evaluating
from course_lib.training import check_divergence
from course_lib.validation import as_count, as_number


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


# How DataLoader worker processes start, chosen here so that every Python version does the same:
# Python's own default on Linux changed in 3.14 (fork → forkserver), and a worker started by
# forkserver or spawn cannot find a function a learner defines in a notebook (pickle sends it by
# name, and the worker's __main__ is not the kernel's). fork is safe for our workers: they run
# AugmentedImages (NumPy and the augment) and torch's collate, never a lock another thread of the
# kernel may hold (no printing, no logging), and CPython, glibc, OpenBLAS and torch reset their
# own locks and thread pools in a forked child. macOS and Windows keep Python's default, spawn
# (fork is unsafe on macOS and absent on Windows).
WORKER_START_METHOD = "fork" if sys.platform == "linux" else "spawn"


def _workers_can_import(augment):
    """Whether DataLoader workers get augment: a forked worker inherits everything; a spawned one
    (macOS, Windows) imports it by name, which fails for a function defined in a notebook."""
    return WORKER_START_METHOD == "fork" or getattr(augment, "__module__", None) != "__main__"


def loader_batches(dataset, batch_sampler, num_workers):
    """The batches of torch.utils.data.DataLoader(dataset, batch_sampler=batch_sampler), read by
    num_workers worker processes started by WORKER_START_METHOD (in this process when 0)."""
    loader = torch.utils.data.DataLoader(
        dataset,
        batch_sampler=batch_sampler,
        num_workers=num_workers,
        multiprocessing_context=WORKER_START_METHOD if num_workers else None,
    )
    with warnings.catch_warnings():
        # Python 3.12+ warns at every fork() of a process that has threads (a Jupyter kernel always
        # has; so has a pytest-xdist worker), since the child may block on a lock another thread
        # held; our workers take none (see WORKER_START_METHOD).
        warnings.filterwarnings(
            "ignore", r"This process .* is multi-threaded, use of fork\(\)", DeprecationWarning
        )
        batches = iter(loader)  # the workers start here
    yield from batches


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
    if num_workers and not _workers_can_import(augment):
        warnings.warn(
            "augment is defined in this notebook, which worker processes started by 'spawn' "
            "(macOS, Windows) cannot import: the images are augmented in this process instead "
            "(the same images, only without the parallel workers)",
            stacklevel=3,
        )
        num_workers = 0
    dataset = AugmentedImages(X.cpu().numpy(), y.cpu().numpy(), augment, seed)
    for X_batch, y_batch in loader_batches(dataset, keys, num_workers):
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
    epochs, batch_size = as_count(epochs, "epochs", 1), as_count(batch_size, "batch_size", 1)
    eval_every = as_count(eval_every, "eval_every", 1)
    learning_rate = as_number(learning_rate, "the learning rate α", low=0, low_open=True)
    seed = as_count(seed, "seed")
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
