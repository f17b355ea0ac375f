"""The Playground widget: a PlaygroundCore behind ipywidgets controls and play/pause/step/reset."""

import asyncio
import html
import time

import ipywidgets as widgets
from matplotlib.figure import Figure

from course_lib.optimizers import OPTIMIZERS
from course_lib.playground.core import PlaygroundCore
from course_lib.playground.data import DATASETS, FEATURES
from course_lib.playground.drawing import draw_playground
from course_lib.playground.settings import (
    ACTIVATIONS,
    DEFAULTS,
    LEARNING_RATES,
    PROBLEMS,
    RATES,
    REGULARIZATIONS,
)

# 902 × 308 px at the notebooks' 110 dpi (it was 816 × 264 px at 80 dpi)
FIGSIZE, FIGURE_DPI = (8.2, 2.8), 110


class Playground:
    """The playground in JupyterLab: controls, play / pause / step / reset, an epoch counter, the
    views as a PNG.

    `core` is the PlaygroundCore (step it directly in tests); `controls` maps each setting
    (and every input feature as "feature_<name>") to its widget, so setting `.value` reconfigures
    the core and redraws. `play()` starts training as an asyncio task on the running event loop
    (the kernel's), redrawing every `frame_s` seconds; `pause()` stops it. It starts paused. Nothing
    prints: problems go to the message line.
    """

    def __init__(self, X=None, Y=None, settings=None, frame_s=0.25, resolution=24, **kwargs):
        from course_lib.widgets.panel import FigureImage  # here: course_lib.widgets imports us

        self.core = PlaygroundCore(X, Y)
        if settings is not None:
            self.core.load(settings)
        if kwargs:
            self.core.configure(**kwargs)
        self.frame_s, self.resolution = frame_s, resolution
        self.task, self._stop = None, False
        self._syncing = False
        self.figure = Figure(figsize=FIGSIZE, dpi=FIGURE_DPI)
        self.controls = self._make_controls()
        self.buttons = {}
        for name, icon, tip in (
            ("play", "play", "train in the background"),
            ("pause", "pause", "stop training"),
            ("step", "step-forward", "train one epoch"),
            ("reset", "undo", "new network, epoch 0"),
        ):
            button = widgets.Button(
                description=name, icon=icon, tooltip=tip, layout=widgets.Layout(width="90px")
            )
            button.add_class(f"playground-{name}")
            self.buttons[name] = button
        self.buttons["play"].on_click(lambda _: self.play())
        self.buttons["pause"].on_click(lambda _: self.pause())
        self.buttons["step"].on_click(lambda _: self.step(1))
        self.buttons["reset"].on_click(lambda _: self.reset())
        self.epoch_label = widgets.HTML()
        self.epoch_label.add_class("playground-epoch")
        self.readout = widgets.HTML()
        self.readout.add_class("panel-readout")
        self.message = widgets.HTML()
        self.message.add_class("playground-message")
        self.settings_text = widgets.Text(
            description="settings", continuous_update=False, layout=widgets.Layout(width="98%")
        )
        self.settings_text.add_class("playground-settings")
        self.settings_text.observe(self._on_settings_text, names="value")
        self.image = FigureImage(
            format="png", layout=widgets.Layout(width=f"{round(FIGSIZE[0] * FIGURE_DPI)}px")
        )
        self.image.add_class("panel-figure")
        self.image.add_class("playground-figure")
        c = self.controls

        def row(names, **layout):
            return widgets.HBox(
                [c[n] for n in names], layout=widgets.Layout(flex_flow="row wrap", **layout)
            )

        features = widgets.HBox(
            [widgets.Label("features")] + [c[f"feature_{f}"] for f in FEATURES],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        self.box = widgets.VBox(
            [
                widgets.HBox(
                    list(self.buttons.values()) + [self.epoch_label],
                    layout=widgets.Layout(align_items="center"),
                ),
                row(["dataset", "problem", "noise", "train_ratio", "batch_size", "seed"]),
                features,
                row(["hidden", "activation", "learning_rate", "optimizer"]),
                row(["regularization", "rate", "stop_epochs", "stop_loss"]),
                self.message,
                self.readout,
                self.image,
                self.settings_text,
            ]
        )
        self.box.add_class("course-panel")
        self.box.add_class("playground")
        self._sync_controls()
        self.redraw()

    def _make_controls(self):
        dataset_options = [d for d in DATASETS if d != "own" or self.core.own is not None]
        controls = {
            "dataset": widgets.Dropdown(options=dataset_options, description="data"),
            "problem": widgets.Dropdown(options=PROBLEMS, description="problem"),
            "noise": widgets.FloatSlider(
                min=0, max=0.5, step=0.05, description="noise", continuous_update=False
            ),
            "train_ratio": widgets.FloatSlider(
                min=0.1,
                max=0.9,
                step=0.1,
                description="train part",
                continuous_update=False,
                readout_format=".0%",
            ),
            "batch_size": widgets.IntSlider(
                min=1, max=30, description="batch size", continuous_update=False
            ),
            "seed": widgets.BoundedIntText(min=0, max=10**6, description="seed"),
            "hidden": widgets.Text(
                description="hidden",
                placeholder="neurons per layer, e.g. 4, 2",
                continuous_update=False,
            ),
            "activation": widgets.Dropdown(options=ACTIVATIONS, description="activation"),
            "learning_rate": widgets.SelectionSlider(
                options=LEARNING_RATES, description="α", continuous_update=False
            ),
            "optimizer": widgets.Dropdown(options=OPTIMIZERS, description="optimizer"),
            "regularization": widgets.Dropdown(options=REGULARIZATIONS, description="regularize"),
            "rate": widgets.SelectionSlider(
                options=RATES, description="rate (λ, p)", continuous_update=False
            ),
            "stop_epochs": widgets.BoundedIntText(
                min=0,
                max=10**7,
                description="stop at epoch",
                tooltip="stop training at this epoch (0: never)",
            ),
            "stop_loss": widgets.BoundedFloatText(
                min=0,
                max=10,
                step=0.01,
                description="stop at loss",
                tooltip="stop when the training loss falls to this value (0: never)",
            ),
        }
        for name, control in controls.items():
            control.style.description_width = "95px" if name.startswith("stop_") else "70px"
            control.layout.width = {
                "seed": "190px",
                "hidden": "190px",
                "stop_epochs": "215px",
                "stop_loss": "215px",
            }.get(name, "250px")
        for name, (label, _) in FEATURES.items():
            controls[f"feature_{name}"] = widgets.Checkbox(
                description=label, indent=False, layout=widgets.Layout(width="78px")
            )
        for name, control in controls.items():
            control.add_class(f"control-{name}")
            control.observe(lambda change, name=name: self._on_control(name), names="value")
        return controls

    # controls ↔ core ------------------------------------------------------------------------------
    def settings(self):
        """The settings the controls show, as a dict for PlaygroundCore.configure."""
        c = self.controls
        values = {name: c[name].value for name in DEFAULTS if name not in ("features",)}
        values["features"] = tuple(f for f in FEATURES if c[f"feature_{f}"].value)
        return values

    def _sync_controls(self):
        """Show the core's settings on the controls (without reacting to the changes)."""
        s = self.core.settings
        self._syncing = True
        try:
            for name in DEFAULTS:
                if name == "features":
                    for f in FEATURES:
                        self.controls[f"feature_{f}"].value = f in s["features"]
                elif name == "hidden":
                    self.controls["hidden"].value = (
                        ", ".join(map(str, s["hidden"]))
                        if not isinstance(s["hidden"], str)
                        else s["hidden"]
                    )
                elif name in ("learning_rate", "rate"):
                    control = self.controls[name]
                    # a value from a settings string between the slider's stops
                    if s[name] not in control.options:
                        control.options = sorted({*control.options, float(s[name])})
                    control.value = s[name]
                elif s[name] in getattr(self.controls[name], "options", (s[name],)):
                    # (a dataset "own" without own data stays off the menu)
                    self.controls[name].value = s[name]
        finally:
            self._syncing = False

    def _on_control(self, name):
        if self._syncing:
            return
        self.core.configure(**self.settings())
        self.redraw()

    def _on_settings_text(self, change):
        if self._syncing or change["new"] == self.core.to_string():
            return
        self.load(change["new"])

    def load(self, settings):
        """Apply a settings dict or URL-like string: the controls follow, the network restarts at
        epoch 0."""
        before = self.core.to_dict()
        try:
            problem = self.core.load(settings)
        except ValueError as error:
            problem = str(error)
        if problem:  # refused: the last good settings stay, and say so
            self.core.configure(**before)
            self.message.value = (
                f"<span style='color:firebrick'>{html.escape(problem)} — the settings were not "
                "changed</span>"
            )
            return
        self._sync_controls()
        self.redraw()

    # actions --------------------------------------------------------------------------------------
    def step(self, n=1):
        """Train n epochs now (synchronously) and redraw; returns how many ran."""
        done = self.core.step(n)
        self.redraw()
        return done

    def reset(self):
        """A new network at epoch 0 with the same settings (training keeps its play/pause state)."""
        self.core.reset()
        self.redraw()

    @property
    def playing(self):
        return self.task is not None and not self.task.done() and not self._stop

    def play(self):
        """Start background training on the running asyncio loop (the kernel's); no-op when already
        playing."""
        if self.playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError(
                "play() trains on a running asyncio event loop, as in a Jupyter "
                "kernel; "
                "outside one, call step(n)"
            ) from None
        self._stop = False
        self.task = loop.create_task(self._run())
        self._show_state()

    def pause(self):
        """Stop background training after the epoch in progress. The training loop checks a flag
        every epoch, so this works whichever thread the kernel runs a button's callback on; the task
        shows the final state itself."""
        self._stop = True
        if self.task is None or self.task.done():
            self._show_state()

    async def _run(self):
        try:
            while (
                not self._stop
                and self.core.model is not None
                and not self.core.stopped
                and not self.core.diverged
            ):
                deadline = time.perf_counter() + self.frame_s
                while not self._stop and time.perf_counter() < deadline and self.core.step(1):
                    pass
                self.redraw()
                # let the kernel handle clicks and control changes between frames
                await asyncio.sleep(0.01)
        except Exception as error:  # noqa: BLE001 - a background task must report, never print a traceback
            self.message.value = (
                f"<span style='color:firebrick'>training stopped: {html.escape(repr(error))}</span>"
            )
        finally:
            if self.task is asyncio.current_task():
                self.task = None
            self._show_state()

    # views ----------------------------------------------------------------------------------------
    def redraw(self):
        """Redraw the figure, the readout, the epoch counter, the message and the settings
        string."""
        draw_playground(self.core, self.figure, self.resolution)
        from course_lib.widgets.panel import figure_png

        self.image.show_figure(self.figure, figure_png(self.figure))
        self.readout.value = (
            html.escape(self.core.summary())
            if self.core.model is not None and not self.core.diverged
            else ""
        )
        self._syncing = True
        try:
            self.settings_text.value = self.core.to_string()
        finally:
            self._syncing = False
        self._show_state()

    def _show_state(self):
        core = self.core
        self.epoch_label.value = f"<b>epoch {core.epoch}</b>" + (
            " · playing" if self.playing else " · paused"
        )
        note = core.message if (core.model is None or core.diverged) else core.stopped
        color = "firebrick" if (core.model is None or core.diverged) else "darkgreen"
        self.message.value = (
            f"<span style='color:{color}'>{html.escape(note)}</span>" if note else ""
        )
        self.buttons["play"].disabled = self.playing
        self.buttons["pause"].disabled = not self.playing

    def _repr_mimebundle_(self, **kwargs):
        """The live playground for JupyterLab; the summary and a still picture elsewhere."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (
            f"Playground: {self.core.summary()}\nsettings: {self.core.to_string()}"
        )
        from course_lib.widgets.panel import figure_png, still_picture

        bundle["text/html"] = still_picture(self.figure, figure_png(self.figure, 6))
        return bundle
