"""Checks for c4w2b, practical advice: transfer learning (freeze the base, a new head, fine-tune
the trainable layers) and data augmentation (PCA colour, a random shift, the training set only)."""

import numpy as np

from course_lib import augmentation
from course_lib.checks.framework import call, mismatch, run

__all__ = [
    "check_freeze_base",
    "check_replace_head",
    "check_fine_tune",
    "check_pca_color",
    "check_random_shift",
    "check_make_datasets",
]


def check_pca_color(pca_color):
    """c4w2: AlexNet's PCA colour shift, image + Σ_i α_i λ_i p_i clipped to [0, 1], against
    augmentation.pca_color."""
    rng = np.random.default_rng(11)
    small = rng.random((4, 5, 3)) * 0.6 + 0.2
    reddish = np.stack(
        [rng.random((6, 6)) * 0.8 + 0.1, np.full((6, 6), 0.3), rng.random((6, 6)) * 0.5], axis=2
    )
    inputs = [
        ("a 4×5 colour image, α = (0.1, −0.2, 0.3)", small, np.array([0.1, -0.2, 0.3])),
        (
            "a reddish 6×6 image, α = (0, 0, 1) (the main component only)",
            reddish,
            np.array([0.0, 0.0, 1.0]),
        ),
        ("α = 0 (the image must come back unchanged)", small, np.zeros(3)),
        (
            "a big α = (0, 0, 30) that pushes values past 1 and below 0 (clip them)",
            reddish,
            np.array([0.0, 0.0, 30.0]),
        ),
    ]
    cases = []
    for description, image, alphas in inputs:
        pca = augmentation.color_pca(image)
        got = call("pca_color", pca_color, image.copy(), alphas.copy(), pca)
        expected = augmentation.pca_color(image, alphas, pca)
        P, lam = pca.eigenvectors, pca.eigenvalues
        mistakes = [
            (
                "the eigenvalues are left out: the shift is Σ α_i λ_i p_i",
                np.clip(image + P @ alphas, 0, 1),
            ),
            (
                "the eigenvectors are taken as rows (P.T): p_i is column i of pca.eigenvectors",
                np.clip(image + P.T @ (alphas * lam), 0, 1),
            ),
            ("the values are not clipped to [0, 1]", image + P @ (alphas * lam)),
            (
                "the square roots of the eigenvalues are used: AlexNet scales by λ_i itself",
                np.clip(image + P @ (alphas * np.sqrt(lam)), 0, 1),
            ),
        ]
        cases.append((description, [mismatch("the image", got, expected, mistakes)]))
    run("pca_color", cases)


# ---- transfer learning (c4w2's "Transfer learning with MobileNet", in PyTorch) ----------------
# torch is imported inside the checks, not at the top: it takes 0.7 s, which every notebook's
# `from course_lib import checks` would otherwise pay for.


def _digits_cnn(seed, dtype=None):
    """A DigitsCNN with the weights torch.manual_seed(seed) gives, in dtype (float32 when None)."""
    import torch

    from course_lib.architectures import DigitsCNN

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = DigitsCNN()
    return model if dtype is None else model.to(dtype)


def _small_mobilenet(seed):
    """A MobileNet-like stand-in with batch norm: conv1 bn1 relu1 conv2 bn2 relu2 pool flatten fc
    for (N, 1, 6, 6) images, 5 classes."""
    from collections import OrderedDict

    import torch
    from torch import nn

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        layers = [
            ("conv1", nn.Conv2d(1, 4, 3, padding=1)),
            ("bn1", nn.BatchNorm2d(4)),
            ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(4, 8, 3, padding=1)),
            ("bn2", nn.BatchNorm2d(8)),
            ("relu2", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("fc", nn.Linear(8, 5)),
        ]
        return nn.Sequential(OrderedDict(layers))


def _small_mlp(seed):
    """hidden Linear(12, 20) → relu → out Linear(20, 6): a head whose in_features is not 64."""
    from collections import OrderedDict

    import torch
    from torch import nn

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return nn.Sequential(
            OrderedDict(
                [("hidden", nn.Linear(12, 20)), ("relu", nn.ReLU()), ("out", nn.Linear(20, 6))]
            )
        )


def _trainable(model):
    """{parameter name: requires_grad} in the model's order."""
    return {name: p.requires_grad for name, p in model.named_parameters()}


def _listing(names):
    return ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")


def _freeze_problem(model, cut, got, before):
    """None when exactly the layers up to and including cut are frozen; otherwise what is wrong,
    named where it is a usual mistake."""
    from torch import nn

    names = [name for name, _ in model.named_children()]
    position = names.index(cut)
    frozen_layers = set(names[: position + 1])
    expected = {name: name.split(".")[0] not in frozen_layers for name in got}
    wrongly_frozen = [name for name in got if expected[name] and not got[name]]
    wrongly_trainable = [name for name in got if not expected[name] and got[name]]
    if not wrongly_frozen and not wrongly_trainable:
        return None

    def layers(params):
        return {name.split(".")[0] for name in params}

    modules = dict(model.named_children())
    later = [n for n in names[position + 1 :] if any(True for _ in modules[n].parameters())]
    if wrongly_frozen and not wrongly_trainable and all(not before[n] for n in wrongly_frozen):
        return (
            f"the layers after {cut!r} were frozen when the call began and are still frozen "
            f"({_listing(wrongly_frozen)}): set requires_grad = True on every parameter after the "
            "cut (the course sets base_model.trainable = True before freezing the first layers)"
        )
    if not any(got.values()):
        return (
            f"every parameter is frozen, also the layers after {cut!r} "
            f"({_listing(wrongly_frozen)}): freeze only the layers up to and including {cut!r}, "
            "or nothing is left to train"
        )
    if all(got.values()):
        if not model.training:
            return (
                "nothing is frozen, and the model is in eval mode: model.eval() only switches "
                "dropout and batch norm to their test-time behaviour, it freezes nothing; set "
                "p.requires_grad = False on each parameter of the frozen layers"
            )
        return (
            f"nothing is frozen: set p.requires_grad = False on the parameters of every layer up "
            f"to and including {cut!r}"
        )
    if not wrongly_frozen and layers(wrongly_trainable) == {cut}:
        return (
            f"the layer {cut!r} itself is still trainable ({_listing(wrongly_trainable)}): "
            f"freeze up to and INCLUDING it (off by one at the cut)"
        )
    if not wrongly_trainable and later and layers(wrongly_frozen) == {later[0]}:
        return (
            f"the layer {later[0]!r} after the cut is frozen too ({_listing(wrongly_frozen)}): "
            f"freeze up to and including {cut!r}, not one layer more (off by one at the cut)"
        )
    if not wrongly_frozen and all(name.endswith(".bias") for name in wrongly_trainable):
        return (
            f"the biases of the frozen layers are left trainable ({_listing(wrongly_trainable)}): "
            "freeze every parameter of a layer (layer.parameters()), not only its weight"
        )
    norms = {n for n, m in model.named_children() if isinstance(m, nn.modules.batchnorm._NormBase)}
    if not wrongly_frozen and layers(wrongly_trainable) <= norms:
        return (
            "the batch-norm layers' γ and β (their weight and bias) are left trainable "
            f"({_listing(wrongly_trainable)}): freeze the parameters of every layer up to the cut, "
            "whatever its type, not only Conv2d and Linear"
        )
    problems = []
    if wrongly_frozen:
        problems.append(f"frozen but should be trainable: {_listing(wrongly_frozen)}")
    if wrongly_trainable:
        problems.append(f"trainable but should be frozen: {_listing(wrongly_trainable)}")
    return "; ".join(problems) + f" (the layers are {', '.join(names)})"


def check_freeze_base(freeze_base):
    """c4w2: freeze the layers up to and including `cut` (requires_grad=False), the rest
    trainable: every parameter's requires_grad, on DigitsCNN and on a network with batch norm."""
    inputs = [
        ("DigitsCNN, cut = 'flatten' (train fc1 and fc2)", _digits_cnn(0), "flatten", False),
        ("DigitsCNN, cut = 'fc1' (train the softmax fc2 only)", _digits_cnn(0), "fc1", False),
        ("DigitsCNN, cut = 'conv1' (a cut at the first layer)", _digits_cnn(0), "conv1", False),
        (
            "a small network with batch norm, cut = 'relu2' (train fc only)",
            _small_mobilenet(0),
            "relu2",
            False,
        ),
        (
            "DigitsCNN with every parameter frozen before the call, cut = 'pool1'",
            _digits_cnn(0),
            "pool1",
            True,
        ),
    ]
    cases = []
    for description, model, cut, all_frozen in inputs:
        if all_frozen:
            model.requires_grad_(False)
        before = _trainable(model)
        call("freeze_base", freeze_base, model, cut)
        problem = _freeze_problem(model, cut, _trainable(model), before)
        cases.append(
            (
                description,
                [f"which parameters are frozen is wrong — {problem}" if problem else None],
            )
        )
    run("freeze_base", cases)


def _head_problem(model, result, children, head, num_classes, snapshot):
    """None when model's last Linear layer `head` is a new Linear(old.in_features, num_classes)
    and everything else is as it was; otherwise what is wrong."""
    import torch
    from torch import nn

    old = children[head]
    now = dict(model.named_children())
    if list(now) == list(children) and all(now[n] is children[n] for n in children):
        if isinstance(result, nn.Module) and result is not model:
            return (
                "the model you were given is unchanged and a different model came back: put the "
                f"new layer into the model itself (setattr(model, {head!r}, new_layer)) and return "
                "it"
            )
        if old.out_features == num_classes and not torch.equal(
            old.weight, snapshot[head + ".weight"]
        ):
            return (
                f"the old head is kept: {head!r} is still the same layer object, its weights "
                "re-drawn in place; put a new nn.Linear in its place"
            )
        return (
            f"the old head is kept: {head!r} is still the layer it was "
            f"(Linear({old.in_features}, {old.out_features})); put a new "
            f"nn.Linear(…, {num_classes}) in its place with setattr(model, {head!r}, …)"
        )
    added = [n for n in now if n not in children]
    if added:
        return (
            f"the old head is still there: the layer(s) {', '.join(map(repr, added))} were added "
            f"after it instead of replacing {head!r}; the model now ends "
            f"{' → '.join(list(now)[-3:])}; replace it with setattr(model, {head!r}, new_layer)"
        )
    if list(now) != list(children):
        return (
            f"the model's layers are now {', '.join(now)}; they should stay {', '.join(children)}"
        )
    changed = [n for n in children if now[n] is not children[n]]
    wrong_layer = [n for n in changed if n != head]
    if wrong_layer:
        which = wrong_layer[0]
        kind = (
            "a Linear layer, but not the last: the head is the LAST Linear layer"
            if isinstance(children[which], nn.Linear)
            else "not the head"
        )
        return f"the layer {which!r} was replaced, {kind} ({head!r} here)"
    new = now[head]
    if not isinstance(new, nn.Linear):
        return f"the new {head!r} is a {type(new).__name__}; it must be an nn.Linear"
    if new.in_features != old.in_features:
        if new.in_features == old.out_features:
            why = (
                f"the old head's out_features ({old.out_features}): the new head reads what the "
                "layer before it gives, the old head's in_features"
            )
        elif new.in_features == 64:
            why = "64, DigitsCNN's; take it from the old head (its in_features) so any model works"
        else:
            why = "not the old head's in_features"
        return (
            f"the new head's in_features is {new.in_features}, expected {old.in_features} — {why}"
        )
    if new.out_features != num_classes:
        why = (
            " — the old head's number of classes; the new head has num_classes outputs"
            if new.out_features == old.out_features
            else ""
        )
        return (
            f"the new head's out_features is {new.out_features}, expected num_classes = "
            f"{num_classes}{why}"
        )
    if old.out_features == num_classes and torch.equal(new.weight, snapshot[head + ".weight"]):
        return (
            "the new head copies the old head's weights: a new head starts from fresh random "
            "weights (nn.Linear draws them)"
        )
    for name, value in model.state_dict().items():
        if not name.startswith(head + ".") and not torch.equal(value, snapshot[name]):
            return f"{name} changed: the layers before the head must keep their weights"
    return None


def check_replace_head(replace_head):
    """c4w2: the model's last Linear layer replaced, in place, by a new
    Linear(old.in_features, num_classes); the rest untouched."""
    import torch

    inputs = [
        ("DigitsCNN, a new 3-class head for fc2", _digits_cnn(1), 3, (2, 1, 8, 8)),
        (
            "DigitsCNN, a new 10-class head (as many classes as before)",
            _digits_cnn(1),
            10,
            (2, 1, 8, 8),
        ),
        (
            "a small network with batch norm whose head fc is Linear(8, 5), 2 classes",
            _small_mobilenet(1),
            2,
            (2, 1, 6, 6),
        ),
        (
            "a two-layer network hidden → relu → out = Linear(20, 6), one output (the course's "
            "binary Dense(1))",
            _small_mlp(1),
            1,
            (2, 12),
        ),
    ]
    cases = []
    for description, model, num_classes, input_shape in inputs:
        children = dict(model.named_children())
        head = [n for n, m in children.items() if isinstance(m, torch.nn.Linear)][-1]
        snapshot = {name: value.clone() for name, value in model.state_dict().items()}
        result = call("replace_head", replace_head, model, num_classes)
        problem = _head_problem(model, result, children, head, num_classes, snapshot)
        if problem is None:
            with torch.no_grad():
                shape = tuple(model.eval()(torch.zeros(input_shape)).shape)
            if shape != (input_shape[0], num_classes):
                problem = f"the model's output is {shape}, expected {(input_shape[0], num_classes)}"
        cases.append((description, [f"the head is wrong — {problem}" if problem else None]))
    run("replace_head", cases)


def _fine_tune_reference(model, X, y, learning_rate, steps, variant=None):
    """(losses, trained parameters as one vector) of the course's loop on a copy of model:
    Adam over the trainable parameters, zero_grad → forward → cross-entropy → backward → step.
    variant: "no zero_grad", "softmax" (softmax before the cross-entropy) or "sgd"."""
    import copy

    import torch
    import torch.nn.functional as F

    model = copy.deepcopy(model)
    trainable = [p for p in model.parameters() if p.requires_grad]
    if variant == "sgd":
        optimizer = torch.optim.SGD(trainable, lr=learning_rate)
    else:
        optimizer = torch.optim.Adam(trainable, lr=learning_rate)
    losses = []
    for _ in range(steps):
        if variant != "no zero_grad":
            optimizer.zero_grad()
        logits = model(X)
        if variant == "softmax":
            logits = torch.softmax(logits, dim=1)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return np.array(losses), _vector(trainable)


def _vector(parameters):
    import torch

    with torch.no_grad():
        return torch.cat([p.detach().reshape(-1) for p in parameters]).cpu().numpy()


def _fine_tune_case(fine_tune, model, X, y, learning_rate, steps):
    """The problems of one call of the learner's fine_tune, in the order a learner should fix
    them."""
    import torch

    named = dict(model.named_parameters())
    frozen = [name for name, p in named.items() if not p.requires_grad]
    trainable = [name for name, p in named.items() if p.requires_grad]
    frozen_before = {name: named[name].detach().clone() for name in frozen}
    X_before = X.clone()
    expected = {
        variant: _fine_tune_reference(model, X, y, learning_rate, steps, variant)
        for variant in (None, "no zero_grad", "softmax", "sgd")
    }
    result = call("fine_tune", fine_tune, model, X, y, learning_rate, steps)
    if not (isinstance(result, tuple) and len(result) == 2):
        return [f"fine_tune must return (losses, optimizer); got {type(result).__name__}"]
    losses, optimizer = result
    if not isinstance(optimizer, torch.optim.Optimizer):
        return [
            f"the second value returned must be the optimizer (torch.optim.Adam); got "
            f"{type(optimizer).__name__}"
        ]
    if not torch.equal(X, X_before):
        return ["fine_tune changed X in place: leave the caller's images as they are"]
    now = [name for name, p in named.items() if not p.requires_grad]
    if now != frozen:
        return [
            f"fine_tune changed which parameters are trainable (frozen before: "
            f"{_listing(frozen) or 'none'}; after: {_listing(now) or 'none'}): train what the "
            "caller left trainable, as it is"
        ]
    held = {id(p) for group in optimizer.param_groups for p in group["params"]}
    given_frozen = [name for name in frozen if id(named[name]) in held]
    if given_frozen:
        return [
            f"the optimizer was given frozen parameters ({_listing(given_frozen)}): build it "
            "from the trainable ones only, [p for p in model.parameters() if p.requires_grad] — "
            "an optimizer holding frozen weights moves them as soon as they carry a gradient "
            "(one left from earlier training, say) or it applies weight decay, and it keeps "
            "Adam's moment estimates for weights that never train"
        ]
    missing = [name for name in trainable if id(named[name]) not in held]
    if missing:
        return [f"the optimizer does not hold the trainable parameters {_listing(missing)}"]
    moved = [name for name in frozen if not torch.equal(named[name], frozen_before[name])]
    if moved:
        return [f"the frozen weights moved ({_listing(moved)}): only trainable ones may change"]
    try:
        losses = np.array([float(loss) for loss in losses])
    except (TypeError, ValueError):
        return ["losses must be a list of numbers, one per step (loss.item())"]
    wrong = {
        "no zero_grad": (
            "the gradients accumulate from step to step: call optimizer.zero_grad() before each "
            "loss.backward()"
        ),
        "softmax": (
            "a softmax is applied before the cross-entropy: nn.CrossEntropyLoss takes the logits "
            "(it applies log-softmax itself)"
        ),
        "sgd": "plain SGD is used: the course fine-tunes with Adam (torch.optim.Adam)",
    }
    return [
        mismatch(
            "the losses",
            losses,
            expected[None][0],
            [(text, expected[variant][0]) for variant, text in wrong.items()],
        ),
        mismatch(
            "the trained parameters",
            _vector([named[name] for name in trainable]),
            expected[None][1],
            [(text, expected[variant][1]) for variant, text in wrong.items()],
        ),
    ]


def check_fine_tune(fine_tune):
    """c4w2: `steps` full-batch Adam steps on the trainable parameters only (the optimizer built
    over them), against the course's loop computed here in float64."""
    import torch

    from course_lib.transfer import freeze

    data = np.random.default_rng(5)
    X_digits = torch.tensor(data.random((16, 1, 8, 8)))
    y_digits = torch.tensor(data.integers(0, 10, 16))
    X_rows, y_rows = torch.tensor(data.normal(size=(10, 12))), torch.tensor(data.integers(0, 6, 10))

    last_layers = freeze(_digits_cnn(2, torch.float64), "flatten")
    head_only = freeze(_digits_cnn(3, torch.float64), "fc1")
    stale = np.random.default_rng(6)
    for p in head_only.parameters():
        if not p.requires_grad:  # gradients left from training on task A before freezing
            p.grad = torch.tensor(stale.normal(size=tuple(p.shape)))
    inputs = [
        (
            "DigitsCNN frozen up to 'flatten' (fc1 and fc2 train), 4 steps, α = 0.01",
            last_layers,
            X_digits,
            y_digits,
            0.01,
            4,
        ),
        (
            "DigitsCNN frozen up to 'fc1' whose frozen weights still hold gradients from earlier "
            "training, 3 steps, α = 0.01",
            head_only,
            X_digits,
            y_digits,
            0.01,
            3,
        ),
        (
            "a two-layer network with nothing frozen, one step, α = 0.1",
            _small_mlp(4).double(),
            X_rows,
            y_rows,
            0.1,
            1,
        ),
    ]
    cases = []
    for description, model, X, y, learning_rate, steps in inputs:
        cases.append((description, _fine_tune_case(fine_tune, model, X, y, learning_rate, steps)))
    run("fine_tune", cases)


# ---- data augmentation while training ---------------------------------------------------------


def _shift_variant(image, rng, pad, variant):
    """The usual wrong random shifts, for the messages."""
    h, w = image.shape[:2]
    mode = "edge" if variant == "edge" else "constant"
    padded = np.pad(image, ((pad, pad), (pad, pad)) + ((0, 0),) * (image.ndim - 2), mode=mode)
    high = 2 * pad if variant == "exclusive" else 2 * pad + 1
    top, left = rng.integers(0, high), rng.integers(0, high)
    if variant == "swapped":
        top, left = left, top
    return padded[top : top + h, left : left + w]


def _uses_global_rng(random_shift, images, pad):
    """Whether the same rng gives other shifts once np.random's global state changes (the
    learner's global state is put back afterwards)."""
    state = np.random.get_state()
    try:
        runs = []
        for seed in (1, 2):
            np.random.seed(seed)
            runs.append(
                [
                    call("random_shift", random_shift, image, np.random.default_rng(i), pad)
                    for i, image in enumerate(images)
                ]
            )
    finally:
        np.random.set_state(state)
    return not all(np.array_equal(a, b) for a, b in zip(*runs, strict=True))


def check_random_shift(random_shift):
    """c4w2: zero-pad by pad, crop the original size at (top, left) drawn in that order with
    rng.integers(0, 2·pad + 1), against augmentation.Augment(pad=pad) with the same rng."""
    from course_lib import augmentation

    images = np.random.default_rng(7)
    inputs = [
        ("20 8×8 digits, pad = 1, each with its own rng", images.random((20, 8, 8)), 1),
        ("20 rectangular 5×7 images, pad = 2", images.random((20, 5, 7)), 2),
        (
            "20 colour 6×6×3 images, pad = 1 (pad only the two image axes)",
            images.random((20, 6, 6, 3)),
            1,
        ),
    ]
    wrong = {
        "exclusive": (
            "the shift never reaches +pad: rng.integers(low, high) excludes high, so draw with "
            "rng.integers(0, 2 * pad + 1)"
        ),
        "swapped": "left is drawn before top: draw top first, then left",
        "edge": "the border is repeated (np.pad mode='edge'): pad with zeros, np.pad's default",
    }
    cases = []
    for description, batch, pad in inputs:
        reference = augmentation.Augment(pad=pad)
        got = []
        for i, image in enumerate(batch):
            out = call("random_shift", random_shift, image, np.random.default_rng(i), pad)
            if out is None or np.shape(out) != image.shape:
                break
            got.append(out)
        if len(got) < len(batch):
            shape = None if out is None else np.shape(out)
            hint = ""
            if shape == (image.shape[0] + 2 * pad, image.shape[1] + 2 * pad) + image.shape[2:]:
                hint = " — that is the padded image: crop a window of the original size from it"
            elif shape is not None and len(shape) == 3 and shape[2] == 3 + 2 * pad:
                hint = " — the colour axis was padded too: pad ((pad, pad), (pad, pad), (0, 0))"
            problem = (
                "the result is None — did you forget a `return`?"
                if out is None
                else f"the shifted image has shape {shape}, expected {image.shape}{hint}"
            )
            cases.append((description, [problem]))
            continue
        got = np.stack(got)
        expected = np.stack(
            [reference(image, np.random.default_rng(i)) for i, image in enumerate(batch)]
        )
        if _uses_global_rng(random_shift, batch[:5], pad):
            cases.append(
                (
                    description,
                    [
                        "the same rng gives a different shift: draw top and left with rng.integers "
                        "(not np.random), so a seeded run is reproducible"
                    ],
                )
            )
            continue
        if np.allclose(got, batch):
            cases.append(
                (
                    description,
                    [
                        "the images come back unshifted: crop at the random "
                        "(top, left), not at (pad, pad)"
                    ],
                )
            )
            continue
        mistakes = [
            (
                text,
                np.stack(
                    [
                        _shift_variant(image, np.random.default_rng(i), pad, variant)
                        for i, image in enumerate(batch)
                    ]
                ),
            )
            for variant, text in wrong.items()
        ]
        cases.append((description, [mismatch("the shifted images", got, expected, mistakes)]))
    run("random_shift", cases)


def _items(dataset, keys):
    """[dataset[key] for key in keys] as (images as float arrays, labels), or the error it raised
    as text."""
    try:
        items = [dataset[key] for key in keys]
        images = np.stack([np.asarray(image, dtype=float) for image, _ in items])
        labels = np.array([int(label) for _, label in items])
    except Exception as error:  # noqa: BLE001 (the learner's dataset: say what failed)
        return f"{type(error).__name__}: {error}"
    return images, labels


def _make_datasets_problems(train_set, dev_set, data, augment, seed):
    """What is wrong with the learner's (train_set, dev_set), dev set first."""
    from course_lib.augmentation import AugmentedImages

    X_train, y_train, X_dev, y_dev = data
    keys = [(i, epoch) for epoch in range(3) for i in range(len(X_train))]
    problems = []
    dev = _items(dev_set, range(len(X_dev)))
    if isinstance(dev, str):
        problems.append(f"dev_set[i] failed ({dev}): it must give (X_dev[i], y_dev[i])")
    elif dev[0].shape == X_dev.shape and not np.array_equal(dev[0], X_dev):
        seen = AugmentedImages(X_dev, y_dev, augment, seed)
        augmented = np.stack([seen[i][0] for i in range(len(X_dev))])
        problems.append(
            "the dev images come back changed — augmenting the dev/test set: the dev set "
            "measures how the network does on the images you care about, so it gets no "
            "augmentation; give augment to the training set only"
            + (" (yours matches augment applied to them)" if np.allclose(dev[0], augmented) else "")
        )
    else:
        problems.append(mismatch("the dev images", dev[0], X_dev))
        problems.append(mismatch("the dev labels", dev[1], y_dev))
    train = _items(train_set, keys)
    if isinstance(train, str):
        problems.append(
            f"train_set[(i, epoch)] failed ({train}): the training set is "
            "AugmentedImages(X_train, y_train, augment, seed), whose items are keyed by "
            "(index, epoch) so that every epoch changes the images anew"
        )
        return problems
    expected = np.stack([AugmentedImages(X_train, y_train, augment, seed)[k][0] for k in keys])
    if train[0].shape == expected.shape and np.array_equal(train[0], X_train[[i for i, _ in keys]]):
        problems.append(
            "the training images come back unchanged: augmentation belongs to the training set "
            "(AugmentedImages(X_train, y_train, augment, seed))"
        )
    other_seed = np.stack([AugmentedImages(X_train, y_train, augment, 0)[k][0] for k in keys])
    problems.append(
        mismatch(
            "the training images",
            train[0],
            expected,
            [("the seed is not passed on to AugmentedImages", other_seed)],
        )
    )
    problems.append(mismatch("the training labels", train[1], y_train[[i for i, _ in keys]]))
    return problems


def check_make_datasets(make_datasets):
    """c4w2: augmentation for the training set only — train_set[(i, epoch)] is augment(X_train[i])
    with rng default_rng([seed, epoch, i]), dev_set[i] is (X_dev[i], y_dev[i]) unchanged."""
    from course_lib.augmentation import Augment

    rng = np.random.default_rng(8)
    data = (
        rng.random((6, 1, 8, 8)).astype(np.float32),
        rng.integers(0, 10, 6),
        rng.random((5, 1, 8, 8)).astype(np.float32),
        rng.integers(0, 10, 5),
    )
    cases = []
    for description, augment, seed in [
        ("6 training and 5 dev digits, augment = Augment(pad=1), seed = 0", Augment(pad=1), 0),
        ("the same with seed = 3 and augment = Augment(pad=2)", Augment(pad=2), 3),
    ]:
        result = call("make_datasets", make_datasets, *[a.copy() for a in data], augment, seed)
        if not (isinstance(result, tuple) and len(result) == 2):
            problem = f"make_datasets must return (train_set, dev_set); got {type(result).__name__}"
            cases.append((description, [problem]))
            continue
        cases.append((description, _make_datasets_problems(*result, data, augment, seed)))
    run("make_datasets", cases)
