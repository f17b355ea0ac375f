"""Bad input a careless learner gives: each attack raises a course_lib error whose message names
the problem and the fix, and never returns a silently wrong number."""

import numpy as np
import pytest

from course_lib import (
    augmentation,
    batchnorm,
    conv,
    dense,
    logistic,
    losses,
    metrics,
    network,
    normalization,
    optimizers,
    regularization,
    splits,
)
from course_lib.initializers import initialize_parameters_deep

RNG = np.random.default_rng(0)
PARAMS = initialize_parameters_deep([3, 4, 1], RNG)
X = RNG.standard_normal((3, 5))
GRADS = {"d" + k: np.ones_like(v) for k, v in PARAMS.items()}


def without(d, key):
    return {k: v for k, v in d.items() if k != key}


def replaced(d, key, value):
    return {**d, key: value}


ATTACKS = {
    # examples as rows: the course stacks examples as columns
    "standardize with train and test as rows": (
        lambda: normalization.standardize(X.T, RNG.standard_normal((2, 3))),
        "examples are probably rows",
    ),
    "shift_images with images as rows": (
        lambda: augmentation.shift_images(RNG.random((5, 16)), (4, 4), 1, 0),
        "did you mean X.T",
    ),
    "shift_images with the wrong image shape": (
        lambda: augmentation.shift_images(RNG.random((16, 5)), (3, 3), 1, 0),
        "(9, m)",
    ),
    "shift_images by a fractional pixel": (
        lambda: augmentation.shift_images(RNG.random((16, 5)), (4, 4), 0.5, 0),
        "dy must be a whole number",
    ),
    "shift_images by more than the image": (
        lambda: augmentation.shift_images(RNG.random((16, 5)), (4, 4), 0, -4),
        "dx must be a whole number in -3..3",
    ),
    "strings for X in a forward pass": (
        lambda: network.L_model_forward(np.array([["1", "2"], ["a", "b"], ["c", "d"]]), PARAMS),
        "array of numbers",
    ),
    # the network's layers are counted from its keys
    "forward without b2": (
        lambda: network.L_model_forward(X, without(PARAMS, "b2")),
        "missing b2",
    ),
    "forward with a gradient dict mixed in": (
        lambda: network.L_model_forward(X, {**PARAMS, **GRADS}),
        "unexpected",
    ),
    "forward with W2 transposed": (
        lambda: network.L_model_forward(X, replaced(PARAMS, "W2", PARAMS["W2"].T)),
        "did you mean W2.T",
    ),
    "forward with b1 as a row": (
        lambda: network.L_model_forward(X, replaced(PARAMS, "b1", PARAMS["b1"].T)),
        "did you mean b1.T",
    ),
    "forward with dropout without b1": (
        lambda: network.L_model_forward_with_dropout(X, without(PARAMS, "b1"), 0.8, 0),
        "missing b1",
    ),
    "predict with the course's argument order swapped": (
        lambda: network.predict(PARAMS, X),
        "are the arguments swapped? It is (X, parameters)",
    ),
    "forward with no examples": (
        lambda: network.L_model_forward(np.zeros((3, 0)), PARAMS),
        "no examples (m = 0)",
    ),
    # costs
    "squared error with Y as a column": (
        lambda: losses.squared_error_cost(np.full((1, 4), 0.5), np.ones((4, 1))),
        "did you mean Y.T",
    ),
    "cross-entropy with labels 1 and 2": (
        lambda: losses.compute_cost(np.full((1, 4), 0.5), np.array([[1, 2, 1, 2]])),
        "0/1 labels",
    ),
    "cross-entropy of the logits Z": (
        lambda: losses.compute_cost(np.array([[-2.0, 3.0]]), np.array([[0, 1]])),
        "did you pass Z",
    ),
    "cross-entropy with NaN outputs": (
        lambda: losses.compute_cost(np.array([[np.nan, 0.5]]), np.array([[0, 1]])),
        "NaN or infinite",
    ),
    "cross-entropy with no examples": (
        lambda: losses.compute_cost(np.zeros((1, 0)), np.zeros((1, 0))),
        "no examples (m = 0)",
    ),
    "softmax cost with labels that are not one-hot": (
        lambda: losses.compute_cost(np.full((3, 2), 1 / 3), np.array([[1, 1], [0, 0], [1, 0]])),
        "one-hot",
    ),
    # update rules and their hyperparameters
    "gd with db1 of shape (n,)": (
        lambda: optimizers.update_parameters_with_gd(
            PARAMS, replaced(GRADS, "db1", np.ones(4)), 0.1
        ),
        'grads["db1"] must be',
    ),
    "gd with a gradient missing": (
        lambda: optimizers.update_parameters_with_gd(PARAMS, without(GRADS, "dW2"), 0.1),
        "no 'dW2'",
    ),
    "gd with a negative learning rate": (
        lambda: optimizers.update_parameters_with_gd(PARAMS, GRADS, -0.1),
        "learning rate α must be > 0",
    ),
    "momentum with β = 1.5": (
        lambda: optimizers.update_parameters_with_momentum(
            PARAMS, GRADS, optimizers.initialize_velocity(PARAMS), 1.5, 0.1
        ),
        "β must lie in [0, 1)",
    ),
    "momentum with a velocity of the wrong shape": (
        lambda: optimizers.update_parameters_with_momentum(
            PARAMS, GRADS, replaced(GRADS, "dW1", np.ones((3, 4))), 0.9, 0.1
        ),
        'v["dW1"] must be',
    ),
    "rmsprop with ε = 0": (
        lambda: optimizers.update_parameters_with_rmsprop(PARAMS, GRADS, GRADS, 0.9, 0.1, 0.0),
        "ε must be > 0",
    ),
    "adam with β2 = 1": (
        lambda: optimizers.update_parameters_with_adam(
            PARAMS, GRADS, *optimizers.initialize_adam(PARAMS), 1, 0.1, 0.9, 1.0
        ),
        "β2 must lie in [0, 1)",
    ),
    "adam with a string learning rate": (
        lambda: optimizers.update_parameters_with_adam(
            PARAMS, GRADS, *optimizers.initialize_adam(PARAMS), 1, "0.1"
        ),
        "learning rate α must be a number",
    ),
    # normalization, batch norm, metrics
    "normalize with σ = 0": (
        lambda: normalization.normalize(X, np.zeros((3, 1)), np.zeros((3, 1))),
        "σ must be > 0",
    ),
    "batch norm of one example": (
        lambda: batchnorm.batchnorm_forward(np.ones((3, 1)), np.ones((3, 1)), np.zeros((3, 1))),
        "m ≥ 2",
    ),
    "batch norm of Z transposed": (
        lambda: batchnorm.batchnorm_forward(X.T, np.ones((3, 1)), np.zeros((3, 1))),
        "did you mean Z.T",
    ),
    "f1 of probabilities": (
        lambda: metrics.f1_score([0, 1, 1], [0.2, 0.7, 0.9]),
        "threshold them first",
    ),
    "f1 of string labels with the default positive": (
        lambda: metrics.f1_score(["cat", "dog"], ["cat", "cat"]),
        "positive=1 is not one of the labels",
    ),
    "precision of probabilities": (
        lambda: metrics.precision(np.array([0, 1]), np.array([0.4, 0.6])),
        "threshold them first",
    ),
}


ATTACKS |= {
    # logistic regression, dense backward, the L2 cost, a softmax Model
    "propagate with w as a row": (
        lambda: logistic.propagate(np.zeros((1, 3)), 0.0, X, np.ones((1, 5))),
        "did you mean w.T",
    ),
    "propagate with labels 1 and 2": (
        lambda: logistic.propagate(np.zeros((3, 1)), 0.0, X, np.full((1, 5), 2.0)),
        "0/1 labels",
    ),
    "linear_backward with dZ of the wrong shape": (
        lambda: dense.linear_backward(
            np.ones((4, 4)), dense.LinearCache(X, PARAMS["W1"], PARAMS["b1"])
        ),
        "dZ must be (n[l], m) = (4, 5), the shape of Z",
    ),
    "the L2 cost with a negative λ": (
        lambda: losses.compute_cost_with_regularization(
            np.full((1, 5), 0.5), np.ones((1, 5)), PARAMS, -1
        ),
        "λ (lambd) must be ≥ 0",
    ),
    "a softmax Model trained on labels that are not one-hot": (
        lambda: network.Model([3, 4, 3], output_activation="softmax", rng=0).fit(
            X, np.ones((3, 5)), 5
        ),
        "one-hot",
    ),
}


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_an_attack_raises_a_teaching_error(attack):
    action, phrase = ATTACKS[attack]
    with pytest.raises((ValueError, TypeError)) as error:
        action()
    assert phrase in str(error.value)


def test_the_valid_inputs_next_to_the_attacks_still_work():
    AL, _ = network.L_model_forward(X, PARAMS)
    assert AL.shape == (1, 5)
    assert losses.compute_cost(np.full((1, 2), 0.5), np.array([[0, 1]])) == pytest.approx(np.log(2))
    assert losses.compute_cost(np.full((2, 1), 0.5), np.array([[0], [1]])) == pytest.approx(
        np.log(2)
    )
    assert metrics.f1_score(["cat", "dog"], ["cat", "cat"], positive="cat") == pytest.approx(2 / 3)
    assert metrics.f1_score([0, 0], [0, 0]) == 0.0  # no positive anywhere: 0, as documented
    assert metrics.f1_score([0.0, 1.0], [1.0, 1.0]) == pytest.approx(2 / 3)  # float labels
    Z_tilde = batchnorm.batchnorm_forward(X, np.ones((3, 1)), np.zeros((3, 1)))[0]
    np.testing.assert_allclose(Z_tilde.mean(axis=1), 0, atol=1e-12)


# ---- the playground never raises: a bad setting is a message, and nothing trains on it ----------

PLAYGROUND_ATTACKS = {
    "seed=-1": ({"seed": -1}, "the seed must be a whole number"),
    "seed=2.5": ({"seed": 2.5}, "the seed must be a whole number"),
    "seed=1e30": ({"seed": 10**30}, "the seed must be a whole number in 0..1000000"),
    "learning_rate as text": ({"learning_rate": "0.1"}, "the learning rate α must be a number"),
    "batch_size=2.5": ({"batch_size": 2.5}, "the batch size must be a whole number"),
    "stop_epochs=-3": ({"stop_epochs": -3}, "the epoch to stop at must be a whole number"),
    "stop_loss=nan": ({"stop_loss": float("nan")}, "the loss to stop at must be a number"),
    "rate=nan": ({"rate": float("nan")}, "the regularization rate must be a number"),
}


@pytest.mark.parametrize("attack", PLAYGROUND_ATTACKS, ids=list(PLAYGROUND_ATTACKS))
def test_a_bad_playground_setting_is_a_message_and_nothing_trains(attack):
    from course_lib.playground.core import PlaygroundCore

    settings, phrase = PLAYGROUND_ATTACKS[attack]
    core = PlaygroundCore(**settings)
    assert phrase in core.message
    assert core.step(3) == 0
    fine = PlaygroundCore()
    assert fine.step(1) == 1
    assert phrase in fine.configure(**settings)  # changed later, on a network that trains
    assert fine.step(3) == 0  # nothing trains on it (a live stop setting keeps the network)
    assert fine.configure(**{key: PlaygroundCore().settings[key] for key in settings}) is None
    assert fine.step(1) == 1


@pytest.mark.parametrize("text", ["rate=nan", "seed=1e30", "stop_epochs=-3", "batch_size=abc"])
def test_a_bad_settings_string_is_refused_in_the_widget_and_the_last_good_settings_stay(text):
    from course_lib.playground import Playground

    pg = Playground(resolution=8)
    before = pg.core.to_string()
    pg.load(text)  # must not raise (a TraitError from a slider, or a ValueError)
    assert "the settings were not changed" in pg.message.value
    assert pg.core.to_string() == before and pg.core.message is None


def test_augment_with_nothing_to_do_returns_a_new_array():
    image = np.zeros((8, 8, 3))
    out = augmentation.Augment()(image, np.random.default_rng(0))
    assert out is not image and not np.shares_memory(out, image)
    np.testing.assert_array_equal(out, image)
    cropped = augmentation.Augment(crop=(4, 4))(image, np.random.default_rng(0))
    assert not np.shares_memory(cropped, image)


def test_a_panel_refuses_a_setting_its_compute_cannot_take_and_keeps_the_last_good_one():
    from course_lib.widgets import RegularizationPanel

    rng = np.random.default_rng(0)
    X2 = rng.standard_normal((2, 40))
    Y2 = (X2[:1] > 0) * 1.0
    panel = RegularizationPanel((X2, Y2), (X2, Y2), [2, 1], 0.1, 20)  # no hidden layer
    before = (panel.result, panel.image.value)
    panel.controls["keep_prob"].value = 0.8  # dropout needs a hidden layer: must not raise
    assert panel.controls["keep_prob"].value == 1.0
    assert "dropout acts on hidden layers" in panel.readout.value
    assert "kept the last setting" in panel.readout.value
    assert (panel.result, panel.image.value) == before
    panel.controls["lambd"].value = 0.1  # a good change still works afterwards
    assert panel.result["lambd"] == 0.1 and "firebrick" not in panel.readout.value


# ---- property: a transposed, flattened, empty, NaN or non-numeric array never passes silently ---

_A4 = RNG.standard_normal((2, 5, 6, 3))
_W4, _B4 = RNG.standard_normal((3, 3, 3, 4)), np.zeros((1, 1, 1, 4))
_AL, _Y = np.full((1, 5), 0.4), np.array([[0.0, 1, 1, 0, 1]])
_CONV = {"stride": 1, "pad": 1}
FUNCTIONS = {  # name: (call, its valid array arguments)
    "logistic.propagate": (
        lambda w, X, Y: logistic.propagate(w, 0.0, X, Y),
        [np.zeros((3, 1)), X, _Y],
    ),
    "logistic.optimize": (
        lambda w, X, Y: logistic.optimize(w, 0.0, X, Y, 3, 0.1),
        [np.zeros((3, 1)), X, _Y],
    ),
    "logistic.predict_logistic": (
        lambda w, X: logistic.predict_logistic(w, 0.0, X),
        [np.zeros((3, 1)), X],
    ),
    "dense.linear_forward": (dense.linear_forward, [X, PARAMS["W1"], PARAMS["b1"]]),
    "dense.linear_activation_forward": (
        lambda A, W, b: dense.linear_activation_forward(A, W, b, "relu"),
        [X, PARAMS["W1"], PARAMS["b1"]],
    ),
    "network.L_model_forward": (lambda X: network.L_model_forward(X, PARAMS), [X]),
    "network.predict": (lambda X: network.predict(X, PARAMS), [X]),
    "losses.compute_cost": (losses.compute_cost, [_AL, _Y]),
    "losses.squared_error_cost": (losses.squared_error_cost, [_AL, _Y]),
    "normalization.normalization_stats": (normalization.normalization_stats, [X]),
    "normalization.standardize": (normalization.standardize, [X]),
    "normalization.standardize (train, test)": (
        normalization.standardize,
        [X, RNG.standard_normal((3, 2))],
    ),
    "augmentation.shift_images": (
        lambda X: augmentation.shift_images(X, (2, 2), 1, 0),
        [RNG.random((4, 3))],
    ),
    "optimizers.random_mini_batches": (
        lambda X, Y: optimizers.random_mini_batches(X, Y, 2, 0),
        [X, _Y],
    ),
    "batchnorm.batchnorm_forward": (
        batchnorm.batchnorm_forward,
        [RNG.standard_normal((4, 5)), np.ones((4, 1)), np.zeros((4, 1))],
    ),
    "metrics.accuracy": (metrics.accuracy, [_Y, _Y]),
    "metrics.f1_score": (metrics.f1_score, [_Y, _Y]),
    "metrics.confusion_matrix": (metrics.confusion_matrix, [_Y, _Y]),
    "regularization.dropout_forward": (
        lambda A: regularization.dropout_forward(A, 0.8, 0),
        [X],
    ),
    "conv.zero_pad": (lambda A: conv.zero_pad(A, 1), [_A4]),
    "conv.conv_forward": (lambda A, W, b: conv.conv_forward(A, W, b, _CONV), [_A4, _W4, _B4]),
    "conv.conv_forward_fast": (
        lambda A, W, b: conv.conv_forward_fast(A, W, b, _CONV),
        [_A4, _W4, _B4],
    ),
    "conv.pool_forward": (lambda A: conv.pool_forward(A, {"f": 2, "stride": 2}), [_A4]),
    "splits.split_dataset": (
        lambda X, Y: splits.split_dataset(X, Y, {"a": 0.6, "b": 0.4}),
        [X, _Y],
    ),
    "Model.fit": (lambda X, Y: network.Model([3, 4, 1], rng=0).fit(X, Y, 2), [X, _Y]),
}
ELEMENTWISE = "entry by entry: any shape is valid, and NaN in gives NaN out, not a wrong number"
# inputs that give an honest result, with why; each is checked to still run, so the list stays true
PASSING = {
    "dense.linear_forward-arg0-empty": "m = 0 in, a (n[l], 0) Z out",
    **{
        f"dense.linear_forward-arg{k}-NaN": "a training step's building block: NaN in, NaN in Z"
        for k in range(3)
    },
    "dense.linear_activation_forward-arg0-empty": "m = 0 in, a (n[l], 0) A out",
    **{
        f"dense.linear_activation_forward-arg{k}-NaN": "a training step's building block: NaN "
        "in, NaN in A"
        for k in range(3)
    },
    "normalization.normalization_stats-arg0-transposed": "(m, n_x) is a valid (n_x, m) shape",
    "normalization.standardize-arg0-transposed": "(m, n_x) is a valid (n_x, m) shape",
    "augmentation.shift_images-arg0-empty": "no images in, none out",
    "augmentation.shift_images-arg0-NaN": "a pixel copy: NaN in, NaN out (training refuses NaN)",
    **{
        f"metrics.{name}-arg{k}-flattened": "labels (m,) and (1, m) are both accepted"
        for name in ("accuracy", "f1_score", "confusion_matrix")
        for k in range(2)
    },
    **{
        f"regularization.dropout_forward-arg0-{kind}": ELEMENTWISE
        for kind in ("transposed", "flattened", "empty", "NaN")
    },
}


def _bad_versions(array):
    """(kind, a broken copy of array): the careless learner's usual ways of getting it wrong."""
    if array.ndim == 2 and array.shape[0] != array.shape[1]:
        yield "transposed", array.T
    if array.ndim >= 2:
        yield "flattened", array.ravel()
    if array.size > 1:
        yield "empty", array[..., :0] if array.ndim == 2 else array[:0]
    with_nan = array.astype(float)
    with_nan.flat[0] = np.nan
    yield "NaN", with_nan
    yield "not numbers", np.full(array.shape, "abc")
    yield "None", None
    yield "a dict", {"X": array}


PROPERTY_CASES = [
    (name, position, kind, bad)
    for name, (_, arguments) in FUNCTIONS.items()
    for position, argument in enumerate(arguments)
    for kind, bad in _bad_versions(argument)
]


@pytest.mark.parametrize(
    ("name", "position", "kind", "bad"),
    PROPERTY_CASES,
    ids=[f"{name}-arg{position}-{kind}" for name, position, kind, _ in PROPERTY_CASES],
)
def test_a_broken_array_raises_a_course_lib_error_or_is_listed_as_honest(name, position, kind, bad):
    call, arguments = FUNCTIONS[name]
    arguments = [*arguments[:position], bad, *arguments[position + 1 :]]
    if f"{name}-arg{position}-{kind}" in PASSING:
        call(*arguments)  # listed as giving an honest result: it must still run
        return
    with pytest.raises((ValueError, TypeError)):
        call(*arguments)


# ---- no raw Python error: every public function given garbage raises ValueError or TypeError -

FUZZED_MODULES = (
    "activations", "logistic", "dense", "network", "losses", "normalization", "optimizers",
    "batchnorm", "metrics", "regularization", "conv", "splits", "initializers", "gradcheck",
    "schedules", "search", "strategy", "bias_variance", "augmentation", "datasets", "transfer",
    "plots", "cnn", "architectures",
)  # fmt: skip
GARBAGE = (None, "x", -1, 2.5, [], {}, np.zeros((0,)), np.full((2, 3), np.nan), object())


def _public_functions():
    import importlib
    import inspect

    for module_name in FUZZED_MODULES:
        module = importlib.import_module(f"course_lib.{module_name}")
        for name, function in sorted(vars(module).items()):
            if (
                name.startswith("_")
                or not inspect.isfunction(function)
                or function.__module__ != module.__name__
            ):
                continue
            required = [
                p
                for p in inspect.signature(function).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            yield f"{module_name}.{name}", function, len(required)


def test_no_public_function_lets_a_raw_python_error_escape_on_garbage():
    import warnings

    import matplotlib.pyplot as plt

    raw = set()
    for name, function, n_required in _public_functions():
        for garbage in GARBAGE:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # NumPy warns on NaN: not what this is about
                    function(*[garbage] * n_required)
            except (ValueError, TypeError):
                pass
            except Exception:  # noqa: BLE001 — what this test looks for
                raw.add(name)
        plt.close("all")
    assert raw == set(), "a raw Python error (not ValueError or TypeError) escapes from these"
