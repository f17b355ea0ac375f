"""c1w2: a trained binary model classifies a picture the learner uploads."""

import io

import ipywidgets as widgets
from matplotlib.figure import Figure

from course_lib.datasets import picture_to_column
from course_lib.plots import set_alt_text
from course_lib.widgets.panel import FigureImage, figure_png


class PicturePredictor:
    """c1w2: classify a picture of your own with a trained binary model
    (upload it; JupyterLab only)."""

    def __init__(self, predict_proba, image_shape, classes):
        self.predict_proba, self.image_shape, self.classes = predict_proba, image_shape, classes
        self.upload = widgets.FileUpload(
            accept="image/*", multiple=False, description="Your picture"
        )
        self.image = FigureImage(format="png", width=150, layout=widgets.Layout(display="none"))
        self.readout = widgets.HTML(
            "Upload a picture: it is made grayscale and shrunk to "
            f"{image_shape[0]}×{image_shape[1]} pixels, as the model sees "
            f"it."
        )
        self.upload.observe(self._on_upload, names="value")
        self.box = widgets.VBox([self.upload, self.readout, self.image])
        self.box.add_class("picture-predictor")

    def classify(self, picture):
        """Return (class name, P(class 1), the model's-eye view (h, w)) for a picture array."""
        x = picture_to_column(picture, self.image_shape)
        p = float(self.predict_proba(x)[0, 0])
        return self.classes[int(p > 0.5)], p, x.reshape(self.image_shape)

    def _on_upload(self, change):
        import skimage.io

        if not change["new"]:
            return
        try:
            picture = skimage.io.imread(io.BytesIO(bytes(change["new"][0]["content"])))
            label, p, small = self.classify(picture)
        except Exception as error:  # a bad file must not leave a traceback in a callback
            self.readout.value = f"Could not read that picture: {error}"
            return
        figure = Figure(figsize=(2, 2), dpi=110)
        ax = figure.add_subplot()
        ax.imshow(small, cmap="gray")
        ax.set_axis_off()
        ax.set_title(f"{self.image_shape[0]}×{self.image_shape[1]} input", fontsize=8)
        set_alt_text(
            figure,
            f"Your picture as the model sees it: grayscale, {self.image_shape[0]}×"
            f"{self.image_shape[1]} pixels; the model says {label} (P(y = 1) = {p:.2f})",
        )
        self.image.show_figure(figure, figure_png(figure))
        self.image.layout.display = None
        self.readout.value = f"The model says <b>{label}</b> (P(y = 1) = {p:.2f})."

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "PicturePredictor: upload a picture in JupyterLab to classify it"
        return bundle
