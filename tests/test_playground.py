"""course_lib.playground without a browser: the core stepped synchronously, every control set, bad
settings."""

import asyncio
import html
import tracemalloc

import numpy as np
import pytest

from course_lib.playground import (
    DATASETS,
    DEFAULTS,
    FEATURES,
    LossHistory,
    Playground,
    PlaygroundCore,
    make_dataset,
    settings_from_string,
    settings_to_string,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# a value other than the default for every control of the widget
NEW_VALUES = {
    "dataset": "xor",
    "problem": "regression",
    "noise": 0.2,
    "train_ratio": 0.7,
    "batch_size": 20,
    "seed": 3,
    "hidden": "3",
    "activation": "relu",
    "learning_rate": 0.1,
    "optimizer": "adam",
    "regularization": "l2",
    "rate": 0.01,
    "stop_epochs": 2,
    "stop_loss": 5.0,
    **{f"feature_{f}": f not in DEFAULTS["features"] for f in FEATURES},
}


@pytest.fixture
def playground():
    return Playground(resolution=12)


def view(pg):
    return pg.readout.value, bytes(pg.image.value), pg.message.value, pg.epoch_label.value


def test_core_steps_synchronously_and_learns_the_circle():
    core = PlaygroundCore()
    assert core.epoch == 0 and core.message is None and core.settings == DEFAULTS
    start = core.train_loss
    assert core.step(150) == 150
    assert core.epoch == 150 and core.history.size == 151
    assert core.train_loss < start / 4 and core.test_accuracy > 0.95
    assert np.all(np.diff(core.history.epochs) == 1)
    assert "epoch 150" in core.summary() and "test accuracy" in core.summary()


def test_views_have_the_documented_shapes():
    core = PlaygroundCore(hidden=(3, 2), features=("x1", "x2", "x1x2"))
    maps = core.unit_maps(resolution=10)
    assert [m.shape for m in maps] == [(3, 10, 10), (3, 10, 10), (2, 10, 10), (1, 10, 10)]
    assert [w.shape for w in core.weight_magnitudes()] == [(3, 3), (2, 3), (1, 2)]
    assert all(np.all(w >= 0) for w in core.weight_magnitudes())
    assert np.all((maps[-1] > 0) & (maps[-1] < 1))  # the sigmoid output
    np.testing.assert_allclose(core.unit_maps(10, output_only=True)[0], maps[-1])


@pytest.mark.parametrize("name", DATASETS[:-1])
def test_every_dataset_is_on_the_plane_with_the_right_targets(name):
    X, Y = make_dataset(name, m=200, noise=0.3, rng=0)
    assert X.shape == (2, 200) and Y.shape == (1, 200)
    assert np.abs(X).max() < 9
    if name in ("plane", "gaussians"):
        assert np.abs(Y).max() <= 1.3 and np.unique(Y).size > 100
    else:
        assert set(np.unique(Y)) == {0.0, 1.0} and 0.4 < Y.mean() < 0.6


@pytest.mark.parametrize("control", NEW_VALUES)
def test_every_control_reconfigures_the_core_and_changes_the_view(playground, control):
    playground.step(3)
    before = view(playground)
    playground.controls[control].value = NEW_VALUES[control]
    settings = playground.core.settings
    if control.startswith("feature_"):
        assert (control[len("feature_") :] in settings["features"]) == NEW_VALUES[control]
    elif control == "hidden":
        assert settings["hidden"] == (3,) and playground.core.hidden == (3,)
    else:
        assert settings[control] == NEW_VALUES[control]
    if control.startswith("stop_"):  # the stop condition applies to the running network
        assert playground.core.epoch == 3 and "stopped at epoch 3" in playground.message.value
        assert playground.step(5) == 0
    else:  # everything else starts a new network
        assert playground.core.epoch == 0 and playground.core.model is not None
    after = view(playground)
    assert after != before
    assert after[1].startswith(PNG_MAGIC)


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"hidden": "4, 0"}, "at least one neuron"),
        ({"hidden": "four"}, "separated by commas"),
        ({"hidden": "9"}, "up to 8 neurons"),
        ({"features": ()}, "no input feature"),
        ({"regularization": "dropout", "rate": 0.5, "hidden": ""}, "no hidden layer"),
        ({"regularization": "dropout", "rate": 1.0}, "must be < 1"),
        ({"dataset": "own"}, "needs your data"),
    ],
)
def test_invalid_settings_give_a_message_not_an_exception(changes, expected):
    core = PlaygroundCore()
    message = core.configure(**changes)
    assert expected in message and core.model is None
    assert core.step(10) == 0 and core.epoch == 0
    assert core.summary() == message
    pg = Playground(resolution=12, **changes)
    assert expected in html.unescape(pg.message.value) and "firebrick" in pg.message.value
    assert bytes(pg.image.value).startswith(PNG_MAGIC)
    assert pg.step(3) == 0


def test_invalid_controls_in_the_widget_show_a_message_then_recover(playground):
    for f in FEATURES:
        playground.controls[f"feature_{f}"].value = False
    assert "no input feature" in playground.message.value
    playground.controls["feature_x1"].value = True
    assert playground.message.value == "" and playground.core.model is not None
    playground.controls["hidden"].value = "2, 0, 3"
    assert "at least one neuron" in playground.message.value


def test_a_diverging_learning_rate_stops_with_a_message():
    core = PlaygroundCore(
        dataset="plane", problem="regression", learning_rate=10.0, hidden=(8, 8), activation="relu"
    )
    ran = core.step(50)
    assert ran < 50 and core.diverged
    assert "diverged" in core.message and "α = 10" in core.message and "try α / 10" in core.message
    assert core.step(5) == 0
    pg = Playground(
        resolution=12,
        dataset="plane",
        problem="regression",
        learning_rate=10.0,
        hidden=(8, 8),
        activation="relu",
    )
    pg.step(50)
    assert "diverged" in pg.message.value
    pg.controls["learning_rate"].value = 0.01  # a new rate starts a new network that trains
    assert pg.message.value == "" and pg.step(5) == 5


def test_settings_round_trip_as_dict_and_string():
    settings = dict(
        DEFAULTS,
        dataset="spiral",
        noise=0.15,
        features=("x1", "x2", "sin_x1"),
        hidden=(6, 4, 2),
        learning_rate=0.05,
        activation="relu",
        regularization="l1",
        rate=0.003,
        optimizer="rmsprop",
        problem="classification",
        seed=7,
        batch_size=5,
        train_ratio=0.6,
        stop_epochs=300,
        stop_loss=0.1,
    )
    text = settings_to_string(settings)
    assert (
        text.startswith("dataset=spiral&")
        and "hidden=6,4,2" in text
        and "features=x1,x2,sin_x1" in text
    )
    assert settings_from_string(text) == settings
    assert settings_from_string("https://example.org/playground?" + text) == settings
    core = PlaygroundCore()
    core.load(text)
    assert core.to_dict() == settings and core.to_string() == text
    pg = Playground(settings=text, resolution=12)
    assert pg.core.to_dict() == settings and pg.settings_text.value == text
    assert pg.controls["learning_rate"].value == 0.05 and pg.controls["hidden"].value == "6, 4, 2"
    assert pg.controls["feature_sin_x1"].value and not pg.controls["feature_x1^2"].value
    assert settings_from_string("dataset=xor") == dict(DEFAULTS, dataset="xor")


def test_bad_settings_strings_are_refused_clearly(playground):
    with pytest.raises(ValueError, match="unknown setting 'layers'"):
        settings_from_string("layers=3")
    with pytest.raises(ValueError, match="batch_size must be like 10"):
        settings_from_string("batch_size=many")
    playground.settings_text.value = "layers=3"
    assert "unknown setting" in playground.message.value


def test_the_settings_box_loads_a_configuration(playground):
    playground.settings_text.value = "dataset=xor&hidden=5&activation=relu&features=x1x2"
    core = playground.core
    assert (
        core.settings["dataset"] == "xor"
        and core.hidden == (5,)
        and core.settings["features"] == ("x1x2",)
    )
    assert (
        playground.controls["dataset"].value == "xor" and playground.controls["feature_x1x2"].value
    )
    assert not playground.controls["feature_x1"].value


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    runs = []
    for seed in (4, 4, 5):
        core = PlaygroundCore(
            seed=seed, regularization="dropout", rate=0.1, optimizer="adam", noise=0.2
        )
        core.step(15)
        runs.append((core.history.train.copy(), core.data["X_train"].copy()))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    assert not np.array_equal(runs[0][0], runs[2][0]) and not np.array_equal(runs[0][1], runs[2][1])


def test_regression_fits_the_plane_with_a_linear_output():
    core = PlaygroundCore(dataset="plane", problem="regression", learning_rate=0.01)
    assert core.train_accuracy is None and "accuracy" not in core.summary()
    start = core.test_loss
    core.step(60)
    assert core.test_loss < start / 20 and core.test_loss < 0.01
    output = core.unit_maps(20, output_only=True)[0]
    assert output.min() < -0.5 and output.max() > 0.5  # a linear output, not squashed into (0, 1)


def test_own_data_for_classification_and_regression():
    rng = np.random.default_rng(0)
    X = rng.normal(0, 1, (2, 120))
    Y = (X[0] > 0).reshape(1, -1) * 1.0
    core = PlaygroundCore(X, Y, batch_size=30)
    assert core.settings["dataset"] == "own" and core.data["extent"][1] < 6
    core.step(40)
    assert core.test_accuracy > 0.9
    assert "0/1 labels" in PlaygroundCore(X, X[:1], batch_size=30).message
    regression = PlaygroundCore(X, X[:1], problem="regression")
    assert regression.message is None and regression.step(5) == 5
    assert "own" in Playground(X, Y, resolution=12).controls["dataset"].options
    assert "own" not in Playground(resolution=12).controls["dataset"].options
    with pytest.raises(ValueError, match="did you mean X.T"):
        PlaygroundCore(X.T, Y)


def test_stop_conditions():
    core = PlaygroundCore(stop_epochs=12)
    assert core.step(100) == 12 and "12 epochs" in core.stopped
    core.configure(stop_epochs=20)  # raising the limit lets training go on from where it stopped
    assert core.stopped is None and core.step(100) == 8 and core.epoch == 20
    core = PlaygroundCore(stop_loss=0.3)
    ran = core.step(500)
    assert 0 < ran < 500 and core.train_loss <= 0.3 and "≤ target 0.3" in core.stopped


def test_loss_history_is_bounded_and_keeps_every_stride():
    history = LossHistory(capacity=100)
    for epoch in range(10_001):
        history.add(epoch, 1.0 / (epoch + 1), 2.0)
    assert 50 <= history.size <= 100
    epochs = history.epochs
    assert epochs[0] == 0 and epochs[-1] > 9_800 and np.all(np.diff(epochs) == history.stride)
    np.testing.assert_allclose(history.train, 1.0 / (epochs + 1))


def test_no_memory_growth_over_many_epochs():
    core = PlaygroundCore(m=100, batch_size=25)
    core.step(200)
    tracemalloc.start()
    try:
        core.step(200)
        first, _ = tracemalloc.get_traced_memory()
        core.step(1800)
        second, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert core.epoch == 2200
    assert second - first < 64_000, f"memory grew by {second - first} bytes over 1 800 epochs"


def test_play_trains_in_the_background_and_pause_stops_it():
    pg = Playground(resolution=12, frame_s=0.05)
    assert not pg.playing and "paused" in pg.epoch_label.value
    with pytest.raises(RuntimeError, match="call step"):
        pg.play()

    async def scenario():
        pg.play()
        assert pg.playing and pg.buttons["play"].disabled and not pg.buttons["pause"].disabled
        await asyncio.sleep(0.6)  # the loop is free meanwhile: this coroutine runs again
        running = pg.core.epoch
        pg.pause()
        paused = pg.core.epoch
        await asyncio.sleep(0.3)
        return running, paused, pg.core.epoch

    running, paused, later = asyncio.run(scenario())
    assert running > 0 and paused == later
    assert f"epoch {paused}" in pg.epoch_label.value and "paused" in pg.epoch_label.value


def test_play_ends_at_the_stop_condition():
    pg = Playground(resolution=12, frame_s=0.05, stop_epochs=7)

    async def scenario():
        pg.buttons["play"].click()
        for _ in range(100):
            await asyncio.sleep(0.05)
            if not pg.playing:
                break

    asyncio.run(scenario())
    assert pg.core.epoch == 7 and not pg.playing and "stopped at epoch 7" in pg.message.value


def test_buttons_step_and_reset(playground):
    playground.buttons["step"].click()
    assert playground.core.epoch == 1 and "epoch 1" in playground.epoch_label.value
    playground.buttons["reset"].click()
    assert playground.core.epoch == 0


def test_css_classes_for_the_browser_test(playground):
    assert {"course-panel", "playground"} <= set(playground.box._dom_classes)
    for name in ("play", "pause", "step", "reset"):
        assert f"playground-{name}" in playground.buttons[name]._dom_classes
    assert "playground-epoch" in playground.epoch_label._dom_classes
    for name, control in playground.controls.items():
        assert f"control-{name}" in control._dom_classes


def test_without_a_widget_front_end_there_is_a_picture_and_text(playground):
    bundle = playground._repr_mimebundle_()
    assert (
        bundle["text/plain"].startswith("Playground: epoch 0")
        and "settings: dataset=circle" in bundle["text/plain"]
    )
    assert bundle["text/html"].startswith('<img alt="Figure, 3 panels: ')
    assert 'src="data:image/png;base64,iVBOR' in bundle["text/html"] and "image/png" not in bundle
    assert "application/vnd.jupyter.widget-view+json" in bundle


@pytest.mark.parametrize(
    "setting, phrase",
    [
        ({"batch_size": 2.5}, "the batch size must be a whole number ≥ 1; got 2.5"),
        ({"batch_size": True}, "the batch size must be a whole number ≥ 1; got True"),
        ({"batch_size": 0}, "the batch size must be a whole number ≥ 1; got 0"),
        ({"learning_rate": "0.1"}, "the learning rate α must be a number > 0; got '0.1'"),
        ({"learning_rate": 0.0}, "the learning rate α must be > 0; got 0.0"),
        ({"noise": None}, "noise must be a number in [0, 0.5]; got None"),
        ({"noise": 0.7}, "noise must lie in [0, 0.5]; got 0.7"),
        ({"train_ratio": 1.0}, "the train/test ratio must lie in [0.05, 0.95]; got 1.0"),
        ({"rate": -0.1}, "the regularization rate must be ≥ 0; got -0.1"),
        ({"seed": -1}, "the seed must be a whole number in 0..1000000; got -1"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_a_message_not_an_error(setting, phrase):
    core = PlaygroundCore(**setting)
    assert core.model is None and core.message == phrase


def test_a_redraw_on_the_kept_axes_gives_a_fresh_figures_pixels(playground):
    import io

    from PIL import Image

    from course_lib.plots import clear_figure

    def pixels():
        return np.asarray(Image.open(io.BytesIO(bytes(playground.image.value))))

    def fresh():
        clear_figure(playground.figure)  # as every redraw did before: new Axes
        playground.redraw()
        return pixels()

    features = [name for name in playground.controls if name.startswith("feature_")]
    axes = [ax for ax in playground.figure.axes if ax.get_label() != "colour bar"]
    for change in (
        {"learning_rate": 0.1},
        {"dataset": "xor"},
        {"problem": "regression"},
        {"activation": "relu"},
        {"problem": "classification"},
        dict.fromkeys(features, False),  # nothing to train: a message only
        {features[0]: True},
    ):
        for name, value in change.items():
            playground.controls[name].value = value
        playground.core.step(20)
        playground.redraw()
        kept = [ax for ax in playground.figure.axes if ax.get_label() != "colour bar"]
        assert kept == axes  # the same three Axes, emptied and drawn again (and a new colour bar)
        assert len(playground.figure.axes) == 4
        assert np.array_equal(pixels(), fresh()), change
        axes = [ax for ax in playground.figure.axes if ax.get_label() != "colour bar"]
