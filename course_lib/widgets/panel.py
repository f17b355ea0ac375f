"""The base of every panel: controls + figure + readout, redrawn after each control change.

Each panel has a pure compute core (`compute(**settings)` returns numbers, no drawing), a `redraw()`
that the controls call, `controls` (a dict of ipywidgets a test can set `.value` on), and a
`readout` label. Figures are rendered to PNG into an `Image` widget, so the panel works the same
from a callback, a test or a background thread; without a widget front end the cell shows the
figure as a still image (with its alt text) and the readout as text.
"""

import asyncio
import base64
import html
import io
from collections import OrderedDict

import ipywidgets as widgets
import matplotlib.image
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from traitlets import Unicode

from course_lib.plots import DecisionRegions, alt_text, clear_figure, figure_html


def figure_png(figure, compress_level=1):
    """The figure rendered as PNG bytes at its own dpi (what an `Image` widget shows): one Agg
    draw, encoded as savefig encodes it (savefig's pixels, without its second, layout-only draw).
    zlib level 1 for live frames: the same pixels (PNG is lossless) in a few % more bytes, for a
    fraction of level 6's time; still pictures, saved in notebooks, use 6. A figure with a canvas
    of its own (pyplot's, ipympl's) goes through savefig, which leaves that canvas in place."""
    pil_kwargs = {"compress_level": compress_level}
    if type(figure.canvas) not in (FigureCanvasBase, FigureCanvasAgg):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=figure.dpi, pil_kwargs=pil_kwargs)
        return buffer.getvalue()
    canvas = figure.canvas if type(figure.canvas) is FigureCanvasAgg else FigureCanvasAgg(figure)
    canvas.draw()
    buffer = io.BytesIO()
    matplotlib.image.imsave(
        buffer, canvas.buffer_rgba(), format="png", dpi=figure.dpi, pil_kwargs=pil_kwargs
    )
    return buffer.getvalue()


class FigureImage(widgets.Image):
    """An ipywidgets Image whose <img> has a text alternative: ipywidgets 8's Image has no alt, so
    `tooltip` carries it (the front end sets it as the img's title attribute, which screen readers
    and axe-core's image-alt rule take as the image's name). The synced empty `description` is
    what the front end's tooltip code reads; an Image has none of its own."""

    description = Unicode("").tag(sync=True)

    def show_figure(self, figure, png):
        """Show `png` (bytes of `figure`) with the figure's alt text."""
        self.value, self.tooltip = png, alt_text(figure)


def still_picture(figure, png):
    """The text/html of a still picture of a widget's figure: <img alt> with the PNG inline."""
    return figure_html(figure, base64.b64encode(png).decode("ascii"))


def _remember(cache, key, value, size):
    """cache[key] = value in an OrderedDict kept to `size` entries, the least recently used
    dropped first."""
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


class Panel:
    """Controls + figure + readout in a VBox; subclasses define `compute` and `draw`."""

    css_class = "course-panel"
    dpi = 110  # the PNG is saved at this dpi too and shown at its own pixel size
    # what a setting produced (compute's result; the PNG, alt text and readout of each picture
    # state, see picture_state), kept for the last `cache_size` settings and pictures: going back
    # to one costs no training and no savefig
    cache_size = 64
    # controls whose neighbouring positions (one step either way) are computed in the background
    # after each change, so that the learner's next step is a cache hit (see neighbours)
    prefetch_controls = ()
    prefetch_pause_s = 0.05  # the pause before each background computation

    def __init__(self, controls, figsize, control_width=None, description_width=None):
        self.controls = controls
        self.figure = Figure(figsize=figsize, dpi=self.dpi, layout="constrained")
        # shown at its own pixel size: stretched to the cell's width it would be blurred
        self.image = FigureImage(
            format="png", layout=widgets.Layout(width=f"{round(figsize[0] * self.dpi)}px")
        )
        self.image.add_class("panel-figure")
        self.readout = widgets.HTML()
        self.readout.add_class("panel-readout")
        for name, control in controls.items():
            if control_width:
                control.layout.width = control_width
            if description_width:
                control.style.description_width = description_width
            control.add_class(f"control-{name}")
            control.observe(lambda change: self.redraw(), names="value")
        controls_row = widgets.HBox(
            list(controls.values()), layout=widgets.Layout(flex_flow="row wrap")
        )
        self.box = widgets.VBox([controls_row, self.readout, self.image])
        self.box.add_class("course-panel")
        self.box.add_class(self.css_class)
        self.result, self._restoring = None, False
        self._cache = OrderedDict()  # settings key → compute's result
        self._pictures = OrderedDict()  # (settings key, picture state) → (PNG, alt text, readout)
        self._shown = None  # the picture key of what the Image shows
        self._drawn = None  # the picture key self.figure was last drawn for
        self._prefetch_task = None  # the background computation of the neighbours, if any
        self._layouts = {}  # layout signature → each axes' position that constrained layout gave
        self._regions = None  # (data key, DecisionRegions) that the figure shows, if any
        self.redraw()

    def settings(self):
        """The current control values as a dict of keyword arguments for `compute`."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self):
        """Recompute from the controls, redraw the figure into the Image widget, update the
        readout. A setting that compute refuses (ValueError, TypeError) is not applied: the
        controls go back to the last good settings and the readout says why."""
        if self._restoring:
            return
        self._stop_prefetch()
        settings = self.settings()
        key = self._cache_key(settings)
        try:
            result = self._result(settings, key)
        except (ValueError, TypeError) as error:
            if self.result is None:
                raise  # the panel's own arguments are wrong: the caller's error to read
            self._refuse(settings, error)
            return
        previous = {} if self.result is None else self._good
        moved = [name for name in settings if name in previous and settings[name] != previous[name]]
        self.result, self._good = result, settings
        picture_key = None if key is None else (key, self.picture_state(result))
        self._shown = picture_key
        picture = self._pictures.get(picture_key) if picture_key is not None else None
        if picture is not None:
            self._pictures.move_to_end(picture_key)
        else:
            picture = self._draw_picture(result, picture_key)
        self.image.value, self.image.tooltip, self.readout.value = picture
        self._start_prefetch(moved)

    def _result(self, settings, key):
        """compute's result for these settings, from the cache when it holds them."""
        result = self._cache.get(key) if key is not None else None
        if result is not None:
            self._cache.move_to_end(key)
            return result
        result = self.compute(**settings)
        if key is not None:
            _remember(self._cache, key, result, self.cache_size)
        return result

    def _draw(self, result, picture_key):
        """Draw `result` on the figure, cleared first unless it shows decision regions (draw then
        keeps or replaces them: decision_regions); picture_key names what it shows."""
        if self._regions is None:
            self._clear_figure()
        self.draw(result)
        self._drawn = picture_key

    def _clear_figure(self):
        """An empty figure (see clear_figure), without decision regions."""
        clear_figure(self.figure)
        self._regions = None

    def decision_regions(self, key, X, Y, resolution):
        """The figure's DecisionRegions of X (2, m), Y (1, m), the data named `key`: the one the
        last draw made for the same key and resolution (its Axes and points reused, only the regions
        and title change), or a new one on a cleared figure. A draw calls this or show_message."""
        kept = self._regions is not None and self._regions[1].ax in self.figure.axes
        if not kept or self._regions[0] != (key, resolution):
            self._clear_figure()
            regions = DecisionRegions(X, Y, self.figure.add_subplot(), resolution)
            self._regions = ((key, resolution), regions)
        return self._regions[1]

    def show_message(self, text):
        """Only `text`, in the middle of a cleared figure (why there is nothing to plot)."""
        self._clear_figure()
        ax = self.figure.add_subplot()
        ax.text(0.5, 0.5, text, ha="center", va="center")
        ax.set_axis_off()

    def _draw_picture(self, result, picture_key):
        """Draw `result` and return (PNG, alt text, readout), cached under picture_key."""
        self._draw(result, picture_key)
        picture = (self._render(), alt_text(self.figure), self.describe(result))
        if picture_key is not None:
            _remember(self._pictures, picture_key, picture, self.cache_size)
        return picture

    def neighbours(self, first=()):
        """The settings one step away from the current ones along each of prefetch_controls
        (the controls named in `first` before the others): a slider's value ± step within its
        range, a selection slider's next and previous options."""
        found = []
        names = [n for n in first if n in self.prefetch_controls]
        for name in names + [n for n in self.prefetch_controls if n not in names]:
            control = self.controls[name]
            if isinstance(control, widgets.SelectionSlider):
                index = control.index
                values = [
                    control.options[i]
                    for i in (index + 1, index - 1)
                    if 0 <= i < len(control.options)
                ]
                values = [v[1] if isinstance(v, tuple) else v for v in values]
            else:  # a FloatSlider or an IntSlider
                values = [
                    round(control.value + sign * control.step, 10)
                    for sign in (1, -1)
                    if control.min <= round(control.value + sign * control.step, 10) <= control.max
                ]
            found += [{**self._good, name: value} for value in values]
        return found

    def _start_prefetch(self, first=()):
        """Compute and draw the neighbouring settings in the background (an asyncio task on the
        running loop, the kernel's), one at a time between events; without a running loop (a
        script, a test) nothing runs."""
        if not self.prefetch_controls:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._prefetch_task = loop.create_task(self._prefetch(self.neighbours(first)))

    def _stop_prefetch(self):
        """Cancel the background work for the previous setting: the learner has moved on."""
        if self._prefetch_task is not None:
            self._prefetch_task.cancel()
            self._prefetch_task = None

    async def _prefetch(self, neighbours):
        """Compute (and, where the picture depends on the setting alone, draw) each neighbour not
        cached yet, yielding to the kernel's events before each one."""
        for settings in neighbours:
            await asyncio.sleep(self.prefetch_pause_s)  # a waiting control change goes first
            key = self._cache_key(settings)
            if key is None or (key, None) in self._pictures:
                continue
            try:
                result = self._result(settings, key)
            except (ValueError, TypeError):
                continue  # a setting compute refuses is refused again if the learner picks it
            if type(self).picture_state is Panel.picture_state:
                self._draw_picture(result, (key, None))

    def picture_state(self, result):
        """What the picture shows besides the current setting's result, as a hashable value
        (None: nothing). A panel that draws its history returns it here, updated for this
        visit: the picture is cached per (setting, state)."""
        return None

    def _cache_key(self, settings):
        """The settings as a hashable key, or None when a control value cannot be hashed."""
        key = tuple(sorted(settings.items()))
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def _layout_signature(self):
        """What constrained layout depends on: each axes' slot, texts around it and tick labels
        (two figures with the same signature get the same axes positions)."""
        parts = [tuple(t.get_text() for t in self.figure.texts)]
        for name in ("_suptitle", "_supxlabel", "_supylabel"):
            text = getattr(self.figure, name, None)
            parts.append(text.get_text() if text is not None else None)
        for ax in self.figure.axes:
            spec = ax.get_subplotspec()
            ticks = []
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():
                    locations = axis.get_majorticklocs()
                    ticks.append(tuple(axis.get_major_formatter().format_ticks(locations)))
            parts.append(
                (
                    type(ax).__name__,
                    ax.axison,
                    None if spec is None else (spec.get_geometry(), spec.get_gridspec()._nrows),
                    tuple(ax.get_title(loc) for loc in ("left", "center", "right")),
                    ax.get_xlabel(),
                    ax.get_ylabel(),
                    tuple(ticks),
                    ax.get_legend() is not None,
                    # a fixed aspect shrinks the axes to its limits' shape: the layout follows
                    None if ax.get_aspect() == "auto" else (ax.get_xlim(), ax.get_ylim()),
                )
            )
        return tuple(parts)

    def _render(self):
        """The figure as PNG: constrained layout computed once per layout signature, then the
        positions it gave reused (about half of a savefig's time)."""
        figure = self.figure
        engine = figure.get_layout_engine()
        try:
            signature = self._layout_signature()
            hash(signature)
        except Exception:  # an axes kind whose ticks cannot be read before drawing
            return figure_png(figure)
        positions = self._layouts.get(signature)
        if positions is None or len(positions) != len(figure.axes) or engine is None:
            png = figure_png(figure)
            if len(self._layouts) < self.cache_size:
                self._layouts[signature] = [ax.get_position(original=True) for ax in figure.axes]
            return png
        for ax, position in zip(figure.axes, positions, strict=True):
            ax._set_position(position, which="original")
        figure.set_layout_engine("none")
        try:
            return figure_png(figure)
        finally:
            figure.set_layout_engine(engine)

    def clear_cache(self):
        """Forget every setting seen: the next visit to each computes and draws again."""
        self._stop_prefetch()
        self._cache.clear()
        self._pictures.clear()

    def _refuse(self, settings, error):
        """Put the controls back to the last good settings and say in the readout what was wrong."""
        self._restoring = True
        try:
            for name, value in self._good.items():
                self.controls[name].value = value
        finally:
            self._restoring = False
        changed = ", ".join(f"{k} = {v}" for k, v in settings.items() if v != self._good[k])
        self.readout.value = (
            f"<span style='color:firebrick'>{html.escape(f'{changed}: {error}')} — kept the last "
            f"setting</span><br>{self.describe(self.result)}"
        )

    def _repr_mimebundle_(self, **kwargs):
        """The live panel for JupyterLab; a text readout and a still picture (noted as such)
        elsewhere."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"{type(self).__name__}: {self.describe(self.result)}"
        if self._shown is not None and self._shown != self._drawn:
            self._draw(self.result, self._shown)  # the figure shows an older picture
        note = self.figure.supxlabel(
            "(a still picture: run the cell for the live controls)", fontsize=7, color="gray"
        )
        bundle["text/html"] = still_picture(self.figure, figure_png(self.figure, 6))
        note.set_text("")  # the live figure has no note
        self._regions = None  # nor an empty one: the next draw starts from a cleared figure
        return bundle
