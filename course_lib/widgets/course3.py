"""Course 3 panel: the decision threshold against precision, recall and F1 (c3w1)."""

import ipywidgets as widgets
import numpy as np

from course_lib.metrics import (
    accuracy,
    confusion_matrix,
    f1_score,
    precision,
    recall,
    threshold_sweep,
)
from course_lib.widgets.panel import Panel


class ThresholdPanel(Panel):
    """c3w1: predict positive when score ≥ threshold; precision, recall and F1 (harmonic mean)
    follow the slider."""

    css_class = "threshold-panel"

    def __init__(self, y_true, scores, threshold=0.5, steps=101):
        self.sweep = threshold_sweep(y_true, scores, np.linspace(0, 1, steps))
        self.y_true, self.scores = np.ravel(y_true), np.ravel(np.asarray(scores, dtype=float))
        if self.scores.min() < 0 or self.scores.max() > 1:
            raise ValueError(
                "scores must be probabilities P(y = 1 | x) in [0, 1] for the threshold slider"
            )
        slider = widgets.FloatSlider(
            value=threshold,
            min=0.0,
            max=1.0,
            step=0.01,
            description="threshold",
            continuous_update=False,
            readout_format=".2f",
        )
        super().__init__(
            {"threshold": slider},
            figsize=(6.4, 2.8),
            control_width="360px",
            description_width="70px",
        )

    def compute(self, threshold):
        """ŷ = 1{score ≥ threshold}: the 2×2 confusion matrix [[TN, FP], [FN, TP]], P, R, F1 and
        accuracy."""
        y_pred = (self.scores >= threshold).astype(int)
        matrix = confusion_matrix(self.y_true, y_pred, classes=[0, 1])
        y_true = self.y_true
        return {
            "threshold": threshold,
            "matrix": matrix,
            "precision": precision(y_true, y_pred),
            "recall": recall(y_true, y_pred),
            "f1": f1_score(y_true, y_pred),
            "accuracy": accuracy(y_true, y_pred),
        }

    def draw(self, result):
        curves, matrix_ax = self.figure.subplots(1, 2, width_ratios=[3, 2])
        sweep = self.sweep
        curves.plot(sweep.thresholds, sweep.precision, color="tab:blue", label="precision")
        curves.plot(sweep.thresholds, sweep.recall, color="tab:orange", label="recall")
        curves.plot(sweep.thresholds, sweep.f1, color="k", lw=2, label="F1")
        curves.axvline(result["threshold"], color="tab:red", ls="--", lw=1)
        curves.set(
            xlim=(0, 1),
            ylim=(0, 1.05),
            xlabel="threshold on P(y = 1)",
            ylabel="score",
            title="Precision, recall and F1",
        )
        curves.legend(fontsize=7, loc="lower left")
        matrix_ax.imshow(result["matrix"], cmap="Blues", vmin=0, vmax=self.y_true.size)
        for (i, j), count in np.ndenumerate(result["matrix"]):
            name = [["TN", "FP"], ["FN", "TP"]][i][j]
            matrix_ax.text(
                j,
                i,
                f"{name}\n{count}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if count > 0.6 * self.y_true.size else "black",
            )
        matrix_ax.set_xticks([0, 1], ["ŷ = 0", "ŷ = 1"], fontsize=8)
        matrix_ax.set_yticks([0, 1], ["y = 0", "y = 1"], fontsize=8)
        matrix_ax.set_xlabel("predicted")
        matrix_ax.set_ylabel("true")
        matrix_ax.set_title("confusion matrix", fontsize=9)

    @staticmethod
    def describe(result):
        return (
            f"threshold {result['threshold']:.2f}: precision {result['precision']:.1%}, recall "
            f"{result['recall']:.1%}, "
            f"F1 {result['f1']:.1%} (accuracy {result['accuracy']:.1%})"
        )
