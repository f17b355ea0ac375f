"""course_lib.widgets without a browser: set control values, watch the readout and the figure
change."""

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from tool_loader import load_tool

from course_lib.bias_variance import Sweep
from course_lib.datasets import load_faces, load_overfit_moons
from course_lib.network import Model
from course_lib.splits import split_dataset
from course_lib.widgets import (
    BiasVarianceCurvePanel,
    LearningRatePanel,
    RegularizationPanel,
    ShallowNetworkPanel,
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def faces():
    return load_faces()


@pytest.fixture
def shallow():
    return ShallowNetworkPanel(num_iterations=100)  # the slider's minimum keeps each redraw fast


@pytest.fixture
def learning_rate_panel(faces):
    return LearningRatePanel(
        faces.X_train, faces.Y_train, faces.X_test, faces.Y_test, num_iterations=100
    )


def snapshot(panel):
    return panel.readout.value, bytes(panel.image.value)


def test_shallow_panel_starts_with_a_figure_and_readout(shallow):
    readout, image = snapshot(shallow)
    assert image.startswith(PNG_MAGIC)
    assert "n_h = 4" in readout and "tanh" in readout and "training accuracy" in readout
    assert set(shallow.controls) == {
        "dataset",
        "n_h",
        "activation",
        "learning_rate",
        "num_iterations",
    }
    assert shallow.result["error"] is None and 0.5 < shallow.result["accuracy"] <= 1.0


@pytest.mark.parametrize(
    ("control", "value", "phrase"),
    [
        ("n_h", 10, "n_h = 10"),
        ("activation", "relu", "relu"),
        ("learning_rate", 0.1, "α = 0.1"),
        ("num_iterations", 300, "training accuracy"),
        ("dataset", "noisy_moons", "training accuracy"),
    ],
)
def test_each_shallow_control_redraws(shallow, control, value, phrase):
    readout, image = snapshot(shallow)
    shallow.controls[control].value = value
    new_readout, new_image = snapshot(shallow)
    assert new_readout != readout
    assert new_image != image and new_image.startswith(PNG_MAGIC)
    assert phrase in new_readout
    assert shallow.settings()[control] == value


def test_every_dataset_option_draws(shallow):
    images = {bytes(shallow.image.value)}
    for name in shallow.controls["dataset"].options:
        shallow.controls["dataset"].value = name
        assert shallow.result["dataset"] == name and shallow.result["error"] is None
        images.add(bytes(shallow.image.value))
    # each data set gives its own figure
    assert len(images) == len(shallow.controls["dataset"].options)


def test_shallow_panel_divergence_is_shown_not_raised(shallow):
    shallow.controls["activation"].value = "relu"
    shallow.controls["n_h"].value = 50
    before = bytes(shallow.image.value)
    shallow.controls["learning_rate"].value = 10.0  # the slider's maximum: this network blows up
    readout = shallow.readout.value
    assert "diverged" in readout and "learning rate" in readout and "α = 10" in readout
    assert shallow.result["error"] is not None
    assert bytes(shallow.image.value) != before
    shallow.controls["learning_rate"].value = 0.1  # and it recovers
    assert "training accuracy" in shallow.readout.value


def test_shallow_panel_mimebundle(shallow):
    bundle = shallow._repr_mimebundle_()
    assert {"text/plain", "text/html", WIDGET_VIEW} <= set(bundle)
    assert "image/png" not in bundle  # the still picture is the <img alt> in text/html
    assert bundle["text/plain"].startswith("ShallowNetworkPanel: flower: n_h = 4")
    assert "<" not in bundle["text/plain"]  # the plain-text fallback has no HTML
    from course_lib.plots import figure_images

    [(alt, still)] = figure_images({"data": bundle})  # the figure plus a "still picture" note
    assert still.startswith(b"\x89PNG") and still != bytes(shallow.image.value)
    assert alt.startswith("Figure, 1 panel: 'flower: n_h = 4, tanh'") and "still" not in alt
    assert shallow.image.tooltip == alt  # the live image carries the same alt text
    # the front end sets the tooltip as the <img>'s title only next to a synced description
    assert {"tooltip", "description"} <= set(shallow.image.keys)
    assert shallow.image.get_state()["description"] == ""
    assert bundle[WIDGET_VIEW]["model_id"] == shallow.box.model_id
    live = bytes(shallow.image.value)
    shallow.redraw()
    assert bytes(shallow.image.value) == live  # the note never reaches the live figure


def test_panels_carry_css_classes_for_the_browser_test(shallow, learning_rate_panel):
    assert (
        "course-panel" in shallow.box._dom_classes
        and "shallow-network-panel" in shallow.box._dom_classes
    )
    assert "learning-rate-panel" in learning_rate_panel.box._dom_classes
    for name, control in shallow.controls.items():
        assert f"control-{name}" in control._dom_classes
    assert (
        "panel-readout" in shallow.readout._dom_classes
        and "panel-figure" in shallow.image._dom_classes
    )


def test_compute_core_is_pure():
    a = ShallowNetworkPanel.compute("flower", 3, "tanh", 1.2, 100)
    b = ShallowNetworkPanel.compute("flower", 3, "tanh", 1.2, 100)
    assert a["accuracy"] == b["accuracy"]
    assert a["model"].history["cost"] == b["model"].history["cost"]
    assert a["model"].iterations == 100


# ---- LearningRatePanel ---------------------------------------------------------------------------


def test_learning_rate_panel_initial_state(learning_rate_panel):
    readout, image = snapshot(learning_rate_panel)
    assert image.startswith(PNG_MAGIC)
    assert (
        readout.startswith("α = 0.005")
        and "train accuracy" in readout
        and "test accuracy" in readout
    )
    assert len(learning_rate_panel.result["costs"]) == 100


def test_learning_rate_slider_redraws(learning_rate_panel):
    readout, image = snapshot(learning_rate_panel)
    learning_rate_panel.controls["learning_rate"].value = 0.01
    new_readout, new_image = snapshot(learning_rate_panel)
    assert new_readout != readout and new_image != image
    assert new_readout.startswith("α = 0.01")
    # a larger (still stable) α ends lower after the same number of iterations
    assert learning_rate_panel.result["costs"][-1] < float(
        readout.split("final cost ")[1].split(" ")[0]
    )
    # earlier curve kept, faded
    assert [alpha for alpha, _ in learning_rate_panel.previous] == [0.005, 0.01]


def test_learning_rate_panel_divergence_is_shown_not_raised(learning_rate_panel):
    before = bytes(learning_rate_panel.image.value)
    learning_rate_panel.controls["learning_rate"].value = 10.0
    readout = learning_rate_panel.readout.value
    assert readout.startswith("α = 10")
    assert "diverged" in readout and "learning rate" in readout and "too large" in readout
    assert bytes(learning_rate_panel.image.value) != before
    assert learning_rate_panel.result["error"] is not None
    bundle = learning_rate_panel._repr_mimebundle_()
    assert "diverged" in bundle["text/plain"]


def test_learning_rate_panel_mimebundle(learning_rate_panel):
    bundle = learning_rate_panel._repr_mimebundle_()
    assert {"text/plain", "text/html", WIDGET_VIEW} <= set(bundle)
    assert bundle["text/plain"].startswith("LearningRatePanel: α = 0.005")


# ---- PicturePredictor (c1w2 "try your own picture") ----------------------------------------------


def test_picture_to_column_and_classify(faces):
    from course_lib.widgets import PicturePredictor, picture_to_column

    rgb = np.random.default_rng(0).random((60, 45, 3))
    column = picture_to_column(rgb, (25, 25))
    assert column.shape == (625, 1) and 0 <= column.min() and column.max() <= 1
    rgba = np.concatenate([rgb, np.ones((60, 45, 1))], axis=2)
    np.testing.assert_allclose(picture_to_column(rgba, (25, 25)), column, atol=1e-12)
    with pytest.raises(ValueError, match="image"):
        picture_to_column(np.zeros((2, 3, 4, 5)), (25, 25))

    predictor = PicturePredictor(lambda x: np.full((1, x.shape[1]), 0.8), (25, 25), faces.classes)
    label, p, small = predictor.classify(rgb)
    assert label == "face" and p == pytest.approx(0.8) and small.shape == (25, 25)


# imageio tries its legacy plugins on the bad bytes
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_picture_predictor_upload_callback_never_raises():
    from course_lib.widgets import PicturePredictor

    predictor = PicturePredictor(lambda x: np.full((1, 1), 0.2), (25, 25), ("non-face", "face"))
    predictor._on_upload({"new": ({"content": memoryview(b"not an image")},)})
    assert "Could not read that picture" in predictor.readout.value

    buffer = io.BytesIO()
    plt.imsave(buffer, np.random.default_rng(1).random((30, 30)), cmap="gray", format="png")
    predictor._on_upload({"new": ({"content": memoryview(buffer.getvalue())},)})
    assert "non-face" in predictor.readout.value and "0.20" in predictor.readout.value
    assert bytes(predictor.image.value).startswith(PNG_MAGIC)
    assert predictor.image.tooltip.startswith("Your picture as the model sees it: grayscale, 25×25")
    assert "the model says non-face (P(y = 1) = 0.20)" in predictor.image.tooltip


# ---- RegularizationPanel (c2w1a) -----------------------------------------------------------------


@pytest.fixture(scope="module")
def overfit_parts():
    X, Y = load_overfit_moons(200, seed=0)
    return split_dataset(X, Y, {"train": 0.5, "dev": 0.5}, rng=0)


@pytest.fixture
def regularization_panel(overfit_parts):
    # a big network on 100 noisy points: it overfits without regularization (measured gap 6 %)
    return RegularizationPanel(
        overfit_parts["train"],
        overfit_parts["dev"],
        [2, 30, 30, 1],
        learning_rate=0.3,
        num_iterations=300,
        seed=1,
    )


def gap(panel):
    return panel.result["train_accuracy"] - panel.result["dev_accuracy"]


def test_regularization_panel_initial_state(regularization_panel):
    readout, image = snapshot(regularization_panel)
    assert image.startswith(PNG_MAGIC)
    assert (
        readout.startswith("λ = 0, keep_prob = 1.00: train accuracy")
        and "dev accuracy" in readout
        and "gap" in readout
    )
    assert set(regularization_panel.controls) == {"lambd", "keep_prob"}
    result = regularization_panel.result
    assert result["error"] is None and result["model"].iterations == 300
    assert result["train_accuracy"] > result["dev_accuracy"]  # it overfits
    assert "regularization-panel" in regularization_panel.box._dom_classes


def test_a_larger_lambda_narrows_the_train_dev_gap(regularization_panel):
    readout, image = snapshot(regularization_panel)
    before = regularization_panel.result
    regularization_panel.controls["lambd"].value = 1.0
    new_readout, new_image = snapshot(regularization_panel)
    assert new_readout != readout and new_image != image
    assert new_readout.startswith("λ = 1, keep_prob = 1.00")
    after = regularization_panel.result
    assert after["lambd"] == 1.0 and after["model"].lambd == 1.0
    assert after["train_accuracy"] < before["train_accuracy"]  # measured 95 % → 90 %
    assert (
        after["train_accuracy"] - after["dev_accuracy"]
        < before["train_accuracy"] - before["dev_accuracy"]
    )
    regularization_panel.controls["lambd"].value = 5.0
    assert gap(regularization_panel) < 0.03


def test_the_keep_prob_slider_retrains_with_dropout(regularization_panel):
    readout, image = snapshot(regularization_panel)
    regularization_panel.controls["keep_prob"].value = 0.6
    new_readout, new_image = snapshot(regularization_panel)
    assert new_readout != readout and new_image != image
    assert "keep_prob = 0.60" in new_readout
    assert regularization_panel.result["model"].keep_probs == (0.6, 0.6)
    assert gap(regularization_panel) < 0.03  # measured 1 % (6 % without dropout)


def test_regularization_panel_compute_is_seeded(regularization_panel):
    a = regularization_panel.compute(0.3, 0.8)
    b = regularization_panel.compute(0.3, 0.8)
    assert a["model"].history["cost"] == b["model"].history["cost"]
    assert a["train_accuracy"] == b["train_accuracy"] and a["dev_accuracy"] == b["dev_accuracy"]
    assert (
        a["model"].history["cost"]
        != regularization_panel.compute(0.3, 1.0)["model"].history["cost"]
    )


def test_the_panels_dropout_training_replays_its_draws_with_a_plain_models_numbers(
    regularization_panel, overfit_parts
):
    # every setting trains from the same seed: the panel draws the masks once (DropoutDraws) and
    # its models must be those of a Model drawing its own, bit for bit
    result = regularization_panel.compute(0.3, 0.8)
    model = result["model"]
    assert model.dropout_draws is regularization_panel.dropout_draws()
    plain = Model([2, 30, 30, 1], init="he", learning_rate=0.3, lambd=0.3, keep_prob=0.8, rng=1)
    plain.fit(*overfit_parts["train"], 300)
    assert model.history["cost"] == plain.history["cost"]
    for key, value in plain.parameters.items():
        assert np.array_equal(model.parameters[key], value), key
    assert model.rng.bit_generator.state == plain.rng.bit_generator.state


def test_a_browsers_slider_value_is_the_sliders_position(regularization_panel):
    # a front end may send 0.8600000000000001 for the position 0.86: the panel trains at 0.86
    # (the same result, its draws replayed); a value given in code off the slider's grid stays
    regularization_panel.controls["keep_prob"].value = 0.8600000000000001
    assert regularization_panel.result["keep_prob"] == 0.86
    assert regularization_panel.result["model"].keep_probs == (0.86, 0.86)
    assert regularization_panel.compute(0.0, 0.87)["model"].keep_probs == (0.87, 0.87)


def test_regularization_panel_shows_a_diverged_run(overfit_parts):
    panel = RegularizationPanel(
        overfit_parts["train"],
        overfit_parts["dev"],
        [2, 30, 30, 1],
        learning_rate=200.0,
        num_iterations=50,
    )
    assert panel.result["error"] is not None
    assert "diverged" in panel.readout.value and "learning rate" in panel.readout.value
    assert bytes(panel.image.value).startswith(PNG_MAGIC)


# ---- BiasVarianceCurvePanel (c2w1a) --------------------------------------------------------------

SWEEPS = (
    Sweep("λ", (0.0, 0.3, 3.0), (0.01, 0.05, 0.16), (0.12, 0.08, 0.17)),
    Sweep("hidden units n_h", (1, 4, 32), (0.16, 0.09, 0.02), (0.18, 0.10, 0.13)),
)


@pytest.fixture
def bias_variance_panel():
    return BiasVarianceCurvePanel(SWEEPS)


def test_bias_variance_panel_initial_state(bias_variance_panel):
    readout, image = snapshot(bias_variance_panel)
    assert image.startswith(PNG_MAGIC)
    assert (
        readout
        == "λ: lowest dev error 8.0% at 0.3 (train 5.0%, base 0%): high bias and high variance"
    )
    assert list(bias_variance_panel.controls["sweep"].options) == ["λ", "hidden units n_h"]
    assert bias_variance_panel.result["best"] == 1


def test_switching_the_sweep_redraws(bias_variance_panel):
    readout, image = snapshot(bias_variance_panel)
    bias_variance_panel.controls["sweep"].value = "hidden units n_h"
    new_readout, new_image = snapshot(bias_variance_panel)
    assert new_readout != readout and new_image != image
    assert (
        new_readout
        == "hidden units n_h: lowest dev error 10.0% at 4 (train 9.0%, base 0%): high bias"
    )


def test_a_base_error_changes_the_diagnosis(bias_variance_panel):
    readout, image = snapshot(bias_variance_panel)
    bias_variance_panel.controls["base_error"].value = 0.05
    new_readout, new_image = snapshot(bias_variance_panel)
    assert new_readout != readout and new_image != image
    # the 5 % bias is unavoidable; 3 % variance
    assert new_readout.endswith("(train 5.0%, base 5%): high variance")
    assert bias_variance_panel.result["verdict"] == "high variance"


def test_regularization_panel_refuses_a_lambda_the_slider_lacks(overfit_parts):
    with pytest.raises(ValueError, match="the λ slider offers 0, 0.01, .*; got lambd = 0.05"):
        RegularizationPanel(
            overfit_parts["train"], overfit_parts["dev"], [2, 3, 1], 0.3, 10, lambd=0.05
        )


def test_output_size_panel_follows_the_formula():
    from course_lib.widgets import OutputSizePanel

    panel = OutputSizePanel()
    assert (
        "⌊3/1⌋ + 1 = 4, so the output is 4×4 (a 'valid' convolution: p = 0)" in panel.readout.value
    )
    panel.controls["pad"].value = 1
    assert "= 6, so the output is 6×6 (a 'same' convolution: p = (f − 1)/2)" in panel.readout.value
    panel.controls["stride"].value = 2
    assert "⌊5/2⌋ + 1 = 3" in panel.readout.value
    panel.controls["pad"].value = 0
    panel.controls["n"].value = 4
    panel.controls["f"].value = 7
    assert "no output" in panel.readout.value and panel.result["out"] is None


# ---- ThresholdPanel (c3w1) -----------------------------------------------------------------------


def test_threshold_panel_follows_the_slider():
    from course_lib import metrics
    from course_lib.widgets import ThresholdPanel

    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, (1, 80))
    scores = np.clip(0.35 * y_true + 0.65 * rng.random((1, 80)), 0, 1)
    panel = ThresholdPanel(y_true, scores)
    assert (
        "threshold-panel" in panel.box._dom_classes
        and "control-threshold" in panel.controls["threshold"]._dom_classes
    )
    readout, image = snapshot(panel)
    assert readout.startswith("threshold 0.50: precision") and image.startswith(PNG_MAGIC)
    panel.controls["threshold"].value = 0.2
    new_readout, new_image = snapshot(panel)
    assert (
        new_readout.startswith("threshold 0.20") and new_readout != readout and new_image != image
    )
    y_pred = (scores >= 0.2).astype(int)
    assert panel.result["recall"] == pytest.approx(metrics.recall(y_true, y_pred))
    assert panel.result["f1"] == pytest.approx(metrics.f1_score(y_true, y_pred))
    assert (
        panel.result["matrix"].tolist()
        == metrics.confusion_matrix(y_true, y_pred, classes=[0, 1]).tolist()
    )
    assert f"recall {metrics.recall(y_true, y_pred):.1%}" in new_readout
    # nothing scores ≥ 1: P = 0/0 is shown as 0, not an error
    panel.controls["threshold"].value = 1.0
    assert panel.result["precision"] == 0.0 and "F1 0.0%" in panel.readout.value
    assert panel._repr_mimebundle_()["text/plain"].startswith("ThresholdPanel: threshold 1.00")
    with pytest.raises(ValueError, match=r"probabilities P\(y = 1 \| x\) in \[0, 1\]"):
        ThresholdPanel(y_true, 3 * scores)


# ---- the package: every panel exported and benchmarked -------------------------------------------


def load_bench():
    return load_tool("bench")


def test_every_panel_is_exported_and_has_a_benchmark_case():
    import course_lib.widgets

    bench = load_bench()
    panels = bench.panel_classes()
    # the nine of courses 1–4 at least
    assert len(panels) >= 9, [panel.__name__ for panel in panels]
    assert {panel.__name__ for panel in panels} <= set(course_lib.widgets.__all__)
    assert set(bench.PANEL_CASES) == set(panels)
    assert all(hasattr(course_lib.widgets, name) for name in course_lib.widgets.__all__)


def test_every_panel_figure_has_a_title_and_labelled_axes():
    # what a learner reads, and what the figure's alt text is built from
    bench = load_bench()
    problems = []
    for make_cases in bench.PANEL_CASES.values():
        for name, panel, _, _ in make_cases():
            figure = panel.figure
            if figure._suptitle is None and not any(ax.get_title() for ax in figure.axes):
                problems.append(f"{name}: the figure has no title")
            for ax in figure.axes:
                if ax.axison and ax.get_label() != "<colorbar>":
                    if not (ax.get_xlabel() and ax.get_ylabel()):
                        problems.append(f"{name}: axes {ax.get_title()!r} lacks an x or y label")
    assert not problems, "\n".join(problems)


# the cache of what each setting produced (issue 24): a revisit costs no training and no savefig


def counting_compute(panel, monkeypatch):
    """Count the calls of the panel's compute from now on."""
    calls = []
    compute = panel.compute

    def counted(**settings):
        calls.append(settings)
        return compute(**settings)

    monkeypatch.setattr(panel, "compute", counted)
    return calls


def test_a_revisit_is_served_from_the_cache(shallow, monkeypatch):
    first_result, first = shallow.result, snapshot(shallow)
    calls = counting_compute(shallow, monkeypatch)
    shallow.controls["n_h"].value = 5
    assert len(calls) == 1
    second_result = shallow.result
    shallow.controls["n_h"].value = 4  # back to the first setting
    assert len(calls) == 1  # not computed again
    assert shallow.result is first_result and snapshot(shallow) == first
    shallow.controls["n_h"].value = 5
    assert len(calls) == 1 and shallow.result is second_result


def test_a_revisit_draws_no_png(shallow, monkeypatch):
    shallow.controls["n_h"].value = 5
    shallow.controls["n_h"].value = 4
    import course_lib.widgets.panel as panel_module

    def no_savefig(figure):
        raise AssertionError("a revisit saved a PNG")

    monkeypatch.setattr(panel_module, "figure_png", no_savefig)
    shallow.controls["n_h"].value = 5  # both settings seen: served from the cache
    assert shallow.readout.value.startswith(shallow.describe(shallow.result)[:10])


def test_the_still_picture_follows_a_cached_setting(shallow):
    first = bytes(shallow.image.value)
    shallow.controls["n_h"].value = 5
    shallow.controls["n_h"].value = 4  # the image comes from the cache; the figure shows n_h = 5
    from course_lib.plots import figure_images

    bundle = shallow._repr_mimebundle_()
    [(alt, still)] = figure_images({"data": bundle})
    assert alt.startswith("Figure, 1 panel: 'flower: n_h = 4, tanh'")
    assert bytes(shallow.image.value) == first  # the live image is still the cached one
    assert shallow._drawn == shallow._shown == (shallow._cache_key(shallow.settings()), None)


def test_the_cache_drops_the_least_recently_used_setting(shallow, monkeypatch):
    monkeypatch.setattr(shallow, "cache_size", 3)
    shallow.clear_cache()
    calls = counting_compute(shallow, monkeypatch)
    for n_h in (1, 2, 3):
        shallow.controls["n_h"].value = n_h
    shallow.controls["n_h"].value = 1  # 1 is now the most recently used
    shallow.controls["n_h"].value = 5  # drops 2
    assert len(shallow._cache) == 3 and len(calls) == 4
    shallow.controls["n_h"].value = 1
    assert len(calls) == 4  # kept
    shallow.controls["n_h"].value = 2
    assert len(calls) == 5  # dropped, computed again
    from course_lib.widgets.panel import Panel

    assert Panel.cache_size == 64


def test_a_refused_setting_is_not_cached(monkeypatch):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 40))
    Y = (X[:1] > 0) * 1.0
    panel = RegularizationPanel((X, Y), (X, Y), [2, 1], 0.1, 20)  # no hidden layer: no dropout
    entries = len(panel._cache)
    calls = counting_compute(panel, monkeypatch)
    panel.controls["keep_prob"].value = 0.8  # refused
    assert panel.controls["keep_prob"].value == 1.0 and len(panel._cache) == entries
    panel.controls["keep_prob"].value = 0.8  # refused again: asked again, not served from a cache
    assert len(calls) == 2 and len(panel._cache) == entries
    assert "kept the last setting" in panel.readout.value


def test_the_learning_rate_panel_draws_its_history_on_a_revisit(learning_rate_panel, monkeypatch):
    calls = counting_compute(learning_rate_panel, monkeypatch)
    learning_rate_panel.controls["learning_rate"].value = 0.01
    after_two = bytes(learning_rate_panel.image.value)
    learning_rate_panel.controls["learning_rate"].value = 0.005  # training from the cache
    assert len(calls) == 1
    # the picture now shows 0.01 faded behind 0.005: not the first picture (0.005 alone)
    assert [alpha for alpha, _ in learning_rate_panel.previous] == [0.01, 0.005]
    learning_rate_panel.controls["learning_rate"].value = 0.01
    assert len(calls) == 1
    assert bytes(learning_rate_panel.image.value) != after_two  # 0.005 faded behind it now
    # the same picture as a panel without a cache draws after the same moves
    fresh = LearningRatePanel(*learning_rate_panel.data, num_iterations=100)
    fresh.cache_size = 0
    for alpha in (0.01, 0.005, 0.01):
        fresh.controls["learning_rate"].value = alpha
    assert bytes(fresh.image.value) == bytes(learning_rate_panel.image.value)
    # 0.005 again with the same curves faded behind it (0.005, 0.01) as on the second move to it:
    # that picture comes from the cache, no savefig, and it is the one drawn afresh
    fresh.controls["learning_rate"].value = 0.005
    import course_lib.widgets.panel as panel_module

    def no_savefig(figure):
        raise AssertionError("a revisit with the same history saved a PNG")

    monkeypatch.setattr(panel_module, "figure_png", no_savefig)
    learning_rate_panel.controls["learning_rate"].value = 0.005
    assert [alpha for alpha, _ in learning_rate_panel.faded] == [0.005, 0.01]
    assert bytes(learning_rate_panel.image.value) == bytes(fresh.image.value)
    assert learning_rate_panel.readout.value == fresh.readout.value


def test_figure_png_draws_savefigs_pixels_once_and_leaves_a_foreign_canvas():
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from PIL import Image

    from course_lib.widgets.panel import figure_png

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)))

    figure = Figure(figsize=(3, 2), dpi=110, layout="constrained")
    figure.add_subplot().plot([0, 1, 4], label="line")
    figure.axes[0].set_title("a title")
    saved = io.BytesIO()
    figure.savefig(saved, format="png", dpi=figure.dpi)
    draws = []
    figure.canvas.mpl_connect("draw_event", draws.append)  # the canvas figure_png replaces
    png = figure_png(figure)
    assert np.array_equal(pixels(png), pixels(saved.getvalue()))
    assert pixels(png).shape[:2] == (220, 330)
    draws_before = len(draws)
    figure.canvas.mpl_connect("draw_event", draws.append)
    figure_png(figure)
    assert len(draws) == draws_before + 1  # one draw per PNG, on the Agg canvas it keeps
    foreign = FigureCanvasSVG(figure)
    assert np.array_equal(pixels(figure_png(figure)), pixels(png))
    assert figure.canvas is foreign


def test_a_layout_reused_for_the_same_figure_shape_gives_the_same_pixels():
    from PIL import Image

    from course_lib.widgets import OptimizerPanel, OutputSizePanel
    from course_lib.widgets.panel import figure_png

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)))

    for panel, control, values in (
        (OptimizerPanel(), "optimizer", ["adam", "momentum", "adam"]),
        (OutputSizePanel(pad=3), "n", [16, 6, 16]),
    ):
        for value in values:
            panel.clear_cache()  # a first visit: drawn again, its layout possibly reused
            panel.controls[control].value = value
            live = bytes(panel.image.value)
            panel.figure.clear()
            panel.draw(panel.result)  # as before: constrained layout from a fresh figure
            assert np.array_equal(pixels(live), pixels(figure_png(panel.figure)))
        assert panel._layouts  # the layout was kept


def test_decision_regions_redrawn_on_kept_axes_give_a_fresh_figures_pixels():
    from PIL import Image

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(bytes(png))))

    panel = ShallowNetworkPanel(num_iterations=300)
    axes = panel.figure.axes[0]
    for control, value in (
        ("n_h", 5),
        ("n_h", 3),  # regions and title replaced on the same Axes
        ("learning_rate", 10.0),  # diverges: the message on a cleared figure
        ("learning_rate", 1.2),
        ("dataset", "noisy_moons"),  # other points: a new Axes
        ("n_h", 4),
    ):
        panel.controls[control].value = value
        settings = {k: v for k, v in panel.settings().items() if k != "num_iterations"}
        fresh = ShallowNetworkPanel(num_iterations=300, **settings)
        assert np.array_equal(pixels(panel.image.value), pixels(fresh.image.value)), value
        if control == "n_h" and value == 3:
            assert panel.figure.axes == [axes]
    assert panel.figure.axes[0] is not axes  # data changed


# ---- the neighbouring settings computed in the background ----------------------------------------


def test_the_neighbours_of_a_setting_are_one_step_away_on_each_prefetched_control(
    regularization_panel,
):
    panel = regularization_panel
    assert panel.prefetch_controls == ("keep_prob", "lambd")
    panel.controls["keep_prob"].value = 0.86
    neighbours = panel.neighbours(first=["lambd"])
    assert neighbours == [
        {"lambd": 0.01, "keep_prob": 0.86},  # the λ slider's next option first, as asked
        {"lambd": 0.0, "keep_prob": 0.88},
        {"lambd": 0.0, "keep_prob": 0.84},
    ]
    panel.controls["keep_prob"].value = 1.0  # the top of the slider: one neighbour below
    assert {"lambd": 0.0, "keep_prob": 0.98} in panel.neighbours()
    assert all(settings["keep_prob"] <= 1.0 for settings in panel.neighbours())


def test_the_neighbours_are_computed_between_events_as_a_direct_computation(
    regularization_panel, monkeypatch
):
    import asyncio

    import course_lib.widgets.panel as panel_module

    panel = regularization_panel
    monkeypatch.setattr(panel, "prefetch_pause_s", 0.0)

    async def move_then_wait():
        panel.controls["keep_prob"].value = 0.86  # a learner's move, on the kernel's loop
        task = panel._prefetch_task
        await task
        return task

    task = asyncio.run(move_then_wait())
    assert task.done() and not task.cancelled()
    for keep_prob in (0.88, 0.84):
        key = panel._cache_key({"lambd": 0.0, "keep_prob": keep_prob})
        prefetched = panel._cache[key]
        direct = panel.compute(lambd=0.0, keep_prob=keep_prob)
        assert prefetched["train_accuracy"] == direct["train_accuracy"]
        assert prefetched["dev_accuracy"] == direct["dev_accuracy"]
        assert prefetched["model"].history["cost"] == direct["model"].history["cost"]
        for name, value in direct["model"].parameters.items():
            assert np.array_equal(prefetched["model"].parameters[name], value), name
        assert (key, None) in panel._pictures

    def no_savefig(figure):
        raise AssertionError("a prefetched neighbour was drawn again")

    monkeypatch.setattr(panel_module, "figure_png", no_savefig)
    panel.controls["keep_prob"].value = 0.88  # the next step: no training, no savefig
    assert panel.readout.value.startswith("λ = 0, keep_prob = 0.88")
    assert panel.result is panel._cache[panel._cache_key(panel.settings())]


def test_moving_on_cancels_the_background_work(regularization_panel, monkeypatch):
    import asyncio

    panel = regularization_panel
    computed = counting_compute(panel, monkeypatch)

    async def two_quick_moves():
        panel.controls["keep_prob"].value = 0.5
        first = panel._prefetch_task
        panel.controls["keep_prob"].value = 0.6  # before the pause is over
        await asyncio.sleep(0)
        second = panel._prefetch_task
        second.cancel()
        return first

    first = asyncio.run(two_quick_moves())
    assert first.cancelled()
    assert [settings["keep_prob"] for settings in computed] == [0.5, 0.6]  # no neighbour


def test_without_an_event_loop_nothing_runs_in_the_background(regularization_panel):
    regularization_panel.controls["keep_prob"].value = 0.86
    assert regularization_panel._prefetch_task is None


def test_the_bench_steps_a_prefetched_slider_to_new_neighbours(regularization_panel, monkeypatch):
    monkeypatch.setattr(regularization_panel, "prefetch_pause_s", 0.0)
    times = load_bench().walk_with_background_work(regularization_panel, "keep_prob", 2)
    assert len(times) == 2  # 1.0 → 0.98 (untimed: nothing computed before it) → 0.96 → 0.94
    assert regularization_panel.controls["keep_prob"].value == 0.94
